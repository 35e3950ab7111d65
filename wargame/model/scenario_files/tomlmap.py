"""Where a value sits in a TOML file: a map from field paths to line numbers.

``tomllib`` reports lines only for syntax errors. To point an author at the line of a value that
parsed but does not fit the schema, this module reads the file's lines, follows table headers
(``[aggressor]``, ``[[fronts]]``, ``[[mobilisation.phases]]``) and ``key = value`` lines, and
records the line where each path is defined. Values written inside inline tables or arrays map
to the line of their enclosing key; the lines of a multi-line string or array are skipped, so
that text inside them is never taken for a key or a header.
"""

from __future__ import annotations

import re
from typing import Any

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\.\"' ]+?)\s*=")


def _split_key(text: str) -> list[str]:
    return [part.strip().strip("\"'") for part in text.split(".")]


class _Scanner:
    """Tracks, across lines, whether the text is inside a string or an open array or inline table."""

    def __init__(self) -> None:
        self.quote = ""  # the delimiter of the open string, if any
        self.depth = 0  # open [ and { outside strings

    @property
    def inside(self) -> bool:
        return bool(self.quote) or self.depth > 0

    def scan(self, text: str) -> None:
        i = 0
        while i < len(text):
            if self.quote:
                if self.quote[0] == '"' and text[i] == "\\":  # an escape in a basic string
                    i += 2
                    continue
                if text.startswith(self.quote, i):
                    i += len(self.quote)
                    self.quote = ""
                    continue
                i += 1
                continue
            for delim in ('"""', "'''", '"', "'"):
                if text.startswith(delim, i):
                    self.quote = delim
                    i += len(delim)
                    break
            else:
                c = text[i]
                if c == "#":
                    break
                if c in "[{":
                    self.depth += 1
                elif c in "]}":
                    self.depth = max(0, self.depth - 1)
                i += 1
        if self.quote in ('"', "'"):
            self.quote = ""  # a one-line string cannot run on; the TOML parser reports it


def dotted_key_line(source: str, most: int) -> int | None:
    """The first line with more than ``most`` dots in keys or headers (outside strings; a dot
    between two digits is a number's), or None. Linear: it guards the TOML parser, which takes
    time quadratic in the parts of a dotted key."""
    quote = ""
    dots = 0
    line = 1
    i = 0
    n = len(source)
    while i < n:
        c = source[i]
        if c == "\n":
            line += 1
            dots = 0
            if quote in ('"', "'"):
                quote = ""
            i += 1
            continue
        if quote:
            if quote[0] == '"' and c == "\\":
                i += 2
                continue
            if source.startswith(quote, i):
                i += len(quote)
                quote = ""
            else:
                i += 1
            continue
        if c in "\"'":
            quote = c * 3 if source.startswith(c * 3, i) else c
            i += len(quote)
            continue
        if c == "#":
            end = source.find("\n", i)
            i = n if end < 0 else end
            continue
        if c == "." and not (0 < i < n - 1 and source[i - 1].isdigit() and source[i + 1].isdigit()):
            dots += 1
            if dots > most:
                return line
        i += 1
    return None


def line_map(source: str) -> dict[Path, int]:
    """Map each path defined in ``source`` to its 1-based line number."""
    lines: dict[Path, int] = {}
    counts: dict[Path, int] = {}
    current: Path = ()
    scanner = _Scanner()
    for number, raw in enumerate(source.splitlines(), start=1):
        if scanner.inside:  # a continuation line of a multi-line string or array
            scanner.scan(raw)
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
        assigned = _KEY.match(raw)
        if assigned and not raw.lstrip().startswith("#"):
            lines[current + tuple(_split_key(assigned.group(1)))] = number
            scanner.scan(raw[assigned.end() :])
    return lines


def find_line(lines: dict[Path, int], path: Path) -> int | None:
    """The line of ``path``, or of its nearest enclosing path that has one."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


class TomlFileError(ValueError):
    """A TOML file that cannot be read or parsed; the message says which and why."""


def read_toml(path: str, what: str) -> dict[str, Any]:
    """Read and parse the TOML file at ``path`` (a ``what``: "decision script", say)."""
    import tomllib
    from pathlib import Path as FilePath

    try:
        return tomllib.loads(FilePath(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise TomlFileError(f"cannot read the {what} {path!r}: {err.strerror or err}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise TomlFileError(f"{path}: not a valid TOML {what}: {err}") from None
    except RecursionError:
        raise TomlFileError(f"{path}: not a valid TOML {what}: nested too deep") from None
