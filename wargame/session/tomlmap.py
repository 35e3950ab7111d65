"""Where a value sits in a TOML file: a map from field paths to line numbers.

``tomllib`` reports lines only for syntax errors. To point an author at the line of a value that
parsed but does not fit the schema, this module reads the file's lines, follows table headers
(``[aggressor]``, ``[[fronts]]``, ``[[mobilisation.phases]]``) and ``key = value`` lines, and
records the line where each path is defined. Values written inside inline tables or arrays map
to the line of their enclosing key.
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\.\"' ]+?)\s*=")


def _split_key(text: str) -> list[str]:
    return [part.strip().strip("\"'") for part in text.split(".")]


def line_map(source: str) -> dict[Path, int]:
    """Map each path defined in ``source`` to its 1-based line number."""
    lines: dict[Path, int] = {}
    counts: dict[Path, int] = {}
    current: Path = ()
    in_multiline = False
    for number, raw in enumerate(source.splitlines(), start=1):
        if in_multiline:
            if raw.count('"""') % 2 == 1 or raw.count("'''") % 2 == 1:
                in_multiline = False
            continue
        header = _HEADER.match(raw)
        if header:
            names = _split_key(header.group(2))
            path: list[str | int] = []
            for i, name in enumerate(names):
                path.append(name)
                is_last = i == len(names) - 1
                key = tuple(path)
                if is_last and header.group(1) == "[[":
                    counts[key] = counts.get(key, -1) + 1
                    lines.setdefault(key, number)
                    path.append(counts[key])
                elif not is_last and key in counts:
                    path.append(counts[key])
            current = tuple(path)
            lines.setdefault(current, number)
            continue
        key = _KEY.match(raw)
        if key and not raw.lstrip().startswith("#"):
            lines[current + tuple(_split_key(key.group(1)))] = number
            rest = raw[key.end() :]
            if rest.count('"""') % 2 == 1 or rest.count("'''") % 2 == 1:
                in_multiline = True
    return lines


def find_line(lines: dict[Path, int], path: Path) -> int | None:
    """The line of ``path``, or of its nearest enclosing path that has one."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None
