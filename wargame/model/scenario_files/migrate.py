"""Bringing an older scenario file to today's format, comments and layout kept (``wargame migrate``).

A scenario written for an older version of the format still loads, but some of what it says has
changed meaning. Each rule here names one such change, finds where a file relies on it, and
rewrites that place so the file plays as it did:

* **retired fields** (``[aggressor] transfer_threshold``, ``transfer_divisions``, retired in issue
  #16: the aggressor's split between fronts became its seat's decision, the ``allocate`` prompt)
  are removed, and a comment in their place says what they were and why they went;
* **changed defaults** are made explicit where a file relied on the old one: a ``[[penetrations]]``
  entry without ``subjects`` used to bias ``forces.west``; since issue #17 it biases the forces on
  every front the aggressor fights on, so the migrated file says ``subjects = ["forces.west"]``
  when the file has a front ``west`` and the two differ. A file with no front ``west`` cannot
  have relied on the old default (it biased nothing there): it is a new file, or one that never
  meant it, and gets today's default without a word.

:func:`changes` lists what a file needs (``wargame check`` prints them), :func:`migrate` returns the
rewritten text with them. Migrating is idempotent: a migrated file needs nothing more. Every
comment, blank line and key outside the changed lines stays as it was.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from typing import Any

import attrs
import tomlkit

from wargame.model.scenario_files.tomlmap import Path, find_line, line_map

#: Retired fields of ``[aggressor]``, with why they went.
RETIRED: dict[str, str] = {
    "transfer_threshold": "retired in issue #16: the aggressor's split between the invasion and the "
    "fronts it defends is its seat's decision (the allocate prompt)",
    "transfer_divisions": "retired with transfer_threshold in issue #16 (the allocate prompt decides)",
}

#: The default ``subjects`` of a penetration before issue #17.
OLD_SUBJECTS = ("forces.west",)

COMMENT_MARK = "(wargame migrate)"


@attrs.frozen
class Change:
    """One change an older file needs: where (``path``, its ``line``), what, and why."""

    path: Path
    line: int | None
    what: str
    why: str
    applies: bool = True  # False: reported only (the old behaviour cannot be written any more)

    def text(self, file: str) -> str:
        where = f"{file}:{self.line}" if self.line else file
        return f"{where}: {self.what} ({self.why})"


def _old_default_matters(data: Mapping[str, Any]) -> tuple[bool, tuple[str, ...]]:
    """Whether a penetration without ``subjects`` means something else today than it used to
    (and today's meaning): the forces on every front the aggressor fights on."""
    aggressor = data.get("aggressor", {}).get("actor") if isinstance(data.get("aggressor"), dict) else None
    fronts = [f for f in data.get("fronts", []) if isinstance(f, dict)]
    today = tuple(
        f"forces.{f.get('id')}" for f in fronts if aggressor in (f.get("attacker"), f.get("defender"))
    )
    return today != OLD_SUBJECTS, today


def changes(text: str) -> list[Change]:
    """Every change the TOML ``text`` of a scenario needs to be in today's format, in file order."""
    data = tomllib.loads(text)
    lines = line_map(text)
    out: list[Change] = []
    aggressor = data.get("aggressor")
    if isinstance(aggressor, dict):
        for key, why in RETIRED.items():
            if key in aggressor:
                path: Path = ("aggressor", key)
                what = f"remove aggressor.{key} = {aggressor[key]!r}, leaving a comment"
                out.append(Change(path, find_line(lines, path), what, f"{why}; it is ignored"))
    differs, today = _old_default_matters(data)
    # only a file with a front ``west`` can be an older one that relied on the old default: a file
    # without one (a new file, or one where the old default biased nothing) gets today's, silently
    has_west = any(isinstance(f, dict) and f.get("id") == "west" for f in data.get("fronts", []))
    for i, pen in enumerate(data.get("penetrations", [])):
        if not isinstance(pen, dict) or "subjects" in pen or not differs or not has_west:
            continue
        path = ("penetrations", i)
        name = pen.get("id", f"#{i + 1}")
        now = ", ".join(today) or "nothing"
        what = f'penetration {name!r}: write subjects = ["forces.west"]'
        listed = ", ".join(f'"{t}"' for t in today)
        why = "the old default; without subjects a penetration now biases every front the aggressor "
        why += f"fights on ({now}): a file that means that says subjects = [{listed}]"
        out.append(Change(path, find_line(lines, path), what, why))
    return sorted(out, key=lambda c: c.line or 0)


def migrate(text: str) -> tuple[str, list[Change]]:
    """The TOML ``text`` rewritten to today's format, and the changes made (or only reported).

    The edits are made line by line, so that everything else stays byte for byte (tomlkit, which
    renders the new values, would also regroup an array of tables written in two places, as 1939's
    ``[[deception]]`` around its ``[[penetrations]]``); the result is checked to parse to exactly
    the data intended."""
    needed = changes(text)
    if not any(c.applies for c in needed):
        return text, needed
    data = tomllib.loads(text)
    lines = text.splitlines(keepends=True)
    keys = line_map(text)
    edits: dict[int, tuple[str, ...]] = {}  # 0-based line -> the lines that replace it
    for change in needed:
        if not change.applies or change.line is None:
            continue
        if change.path[0] == "aggressor":
            key = str(change.path[1])
            old = lines[change.line - 1]
            indent = old[: len(old) - len(old.lstrip())]
            why = f"{indent}# {COMMENT_MARK} removed, {RETIRED[key]}:\n"
            edits[change.line - 1] = (why, f"{indent}# {old.strip()}\n")
            del data["aggressor"][key]
        else:
            i = int(change.path[1])
            after = find_line(keys, ("penetrations", i, "leaks_to")) or change.line
            old = lines[after - 1]
            indent = old[: len(old) - len(old.lstrip())]
            value = tomlkit.item(list(OLD_SUBJECTS)).as_string()
            new = f"{indent}subjects = {value}  # {COMMENT_MARK} the default before issue #17\n"
            edits[after - 1] = (*edits.get(after - 1, (old,)), new)
            data["penetrations"][i]["subjects"] = list(OLD_SUBJECTS)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    out = "".join(line for n, old in enumerate(lines) for line in edits.get(n, (old,)))
    if tomllib.loads(out) != data or tomlkit.parse(out) is None:  # never write what was not meant
        raise ValueError("the migrated file would not hold the data intended; migrate it by hand")
    return out, needed
