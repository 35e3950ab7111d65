"""The schema of results, as Markdown tables generated from the classes that hold them.

``docs/results.md`` holds these tables between ``<!-- schema:NAME -->`` and ``<!-- /schema -->``
marks; a test checks that they are in sync with the classes, and

    python -m wargame.analysis.results_doc docs/results.md

writes them again after a class changed.
"""

from __future__ import annotations

import re
import sys
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from wargame.analysis.rows import HEAD, TAIL, Row
from wargame.engine.outcome_types import RECORDS, Outcome
from wargame.session.journal.header import Header

WORDS = {bool: "true/false", int: "whole number", float: "number", str: "text", type(None): "empty"}


def type_text(kind: Any) -> str:
    """A field's type in words: the value of a map, each member of a union, a Literal's words."""
    origin = typing.get_origin(kind)
    if origin is Mapping or origin is dict:
        return type_text(typing.get_args(kind)[-1])
    if origin is typing.Literal:
        return ", ".join(f"`{word}`" for word in typing.get_args(kind))
    if origin is types.UnionType or origin is typing.Union:
        return " or ".join(type_text(a) for a in typing.get_args(kind))
    if origin is tuple or origin is list:
        return f"list of {type_text(typing.get_args(kind)[0])}"
    if attrs.has(kind):
        return "object (below)"
    return WORDS.get(kind, getattr(kind, "__name__", str(kind)))


def _rows(cls: type, prefix: str = "") -> list[tuple[str, str, str, str]]:
    """(column, type, unit, meaning) for each field of ``cls``, maps and records expanded."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in attrs.fields(cls):
        meta = f.metadata
        keys = "".join(f".<{k}>" for k in meta.get("keys", ()))
        if f.name in RECORDS and cls is Outcome:
            for name, kind, unit, meaning in _rows(RECORDS[f.name]):
                out.append((f"{prefix}{f.name}{keys}.{name}", kind, unit, f"{meta['meaning']}: {meaning}"))
        elif attrs.has(hints[f.name]):
            out += _rows(hints[f.name], f"{prefix}{f.name}.")
        else:
            out.append(
                (f"{prefix}{f.name}{keys}", type_text(hints[f.name]), meta.get("unit", ""), meta["meaning"])
            )
    return out


def _table(rows: list[tuple[str, str, str, str]], first: str = "column") -> str:
    lines = [f"| {first} | type | unit | meaning |", "|---|---|---|---|"]
    lines += [f"| `{c}` | {k} | {u} | {m} |" for c, k, u, m in rows]
    return "\n".join(lines)


def batch_row_table() -> str:
    """A batch row's columns: ``run``, ``seed``, the measures (sorted by name in a written file),
    ``error``."""
    hints, fields = typing.get_type_hints(Row), attrs.fields_dict(Row)

    def plain(names: tuple[str, ...]) -> list[tuple[str, str, str, str]]:
        return [(n, type_text(hints[n]), "", fields[n].metadata["meaning"]) for n in names]

    return _table(plain(HEAD) + _rows(Outcome) + plain(TAIL))


def header_table() -> str:
    """The journal header's fields, as its JSON line has them."""
    return _table(_rows(Header), "field")


TABLES: dict[str, Callable[[], str]] = {"batch-row": batch_row_table, "journal-header": header_table}


def render(text: str) -> str:
    """``text`` with every schema table between its marks written again from the classes."""

    def table(match: re.Match[str]) -> str:
        return f"{match.group(1)}{TABLES[match.group(2)]()}\n{match.group(3)}"

    return re.sub(r"(<!-- schema:([\w-]+) -->\n)(?:(?!<!--).)*?(<!-- /schema -->)", table, text, flags=re.S)


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "docs/results.md")
    path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
