"""``--set path.to.field=value``: overriding any scenario value from the command line.

An override is applied to the raw parsed data before structuring, so it is validated exactly as
the file is. Paths are dotted; list elements are addressed by index or by their ``id`` (or
``actor``) value. The value is read as a TOML literal (``2.5``, ``true``, ``"text"``,
``[1, 2]``), or else taken as a plain string.
"""

from __future__ import annotations

import difflib
import json
import tomllib
from datetime import date, time
from typing import Any

from wargame.model.scenario_files.structure import format_path

MAX_KEY_CHARS = 500
MAX_KEY_PARTS = 20
MAX_VALUE_CHARS = 20_000


def _short(text: str) -> str:
    return repr(text if len(text) <= 80 else text[:77] + "...")


def parse_override(text: str) -> tuple[str, Any]:
    """``path.to.field=value`` as (path, value); the value is read as TOML, else as a string."""
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ValueError(f"expected KEY=VALUE (e.g. fronts.west.fortification=2), got {_short(text)}")
    if len(key) > MAX_KEY_CHARS or key.count(".") > MAX_KEY_PARTS:
        raise ValueError(f"the key is too long (at most {MAX_KEY_CHARS} characters and {MAX_KEY_PARTS} dots)")
    if len(raw) > MAX_VALUE_CHARS:
        raise ValueError(f"the value of {key} is too long (at most {MAX_VALUE_CHARS:,} characters)")
    try:
        value = tomllib.loads(f"v = {raw.strip()}")["v"]
    except RecursionError:
        raise ValueError(f"the value of {key} nests lists or tables too deep") from None
    except tomllib.TOMLDecodeError:
        value = raw.strip()
    return key, value


def _element(items: list[Any], segment: str) -> int | None:
    if segment.isascii() and segment.isdigit():  # not "²", which isdigit() but int() refuses
        return int(segment) if int(segment) < len(items) else None
    for i, item in enumerate(items):
        if isinstance(item, dict) and segment in (item.get("id"), item.get("actor")):
            return i
    return None


def _no_element(items: list[Any], segment: str, where: str) -> str:
    if not items:
        return f"no element {segment!r} in {where}: it is empty"
    ids = [str(i.get("id", i.get("actor", k))) for k, i in enumerate(items) if isinstance(i, dict)]
    if not ids:
        return f"no element {segment!r} in {where}; use an index from 0 to {len(items) - 1}"
    hint = difflib.get_close_matches(segment, ids, n=1)
    return f"no element {segment!r} in {where}" + (
        f"; did you mean {hint[0]!r}?" if hint else f"; elements: {', '.join(ids)}"
    )


def set_value(
    data: dict[str, Any], key: str, value: Any
) -> tuple[tuple[str | int, ...], tuple[str | int, ...] | None]:
    """Set ``key`` in ``data``; the path set, and the path of the first table key it created."""
    node: Any = data
    path: list[str | int] = []
    created: tuple[str | int, ...] | None = None
    segments = [s.strip() for s in key.split(".")]
    if not all(segments):
        raise KeyError(f"{key!r} has an empty part; expected a dotted path such as fronts.west.fortification")
    for n, segment in enumerate(segments):
        last = n == len(segments) - 1
        if isinstance(node, list):
            index = _element(node, segment)
            if index is None:
                raise KeyError(_no_element(node, segment, format_path(path)))
            path.append(index)
            if last:
                node[index] = value
            else:
                node = node[index]
        elif isinstance(node, dict):
            path.append(segment)
            if created is None and segment not in node:
                created = tuple(path)  # an unknown key is reported by structuring, with a hint
            if last:
                node[segment] = value
            else:
                node = node.setdefault(segment, {})
        else:
            raise KeyError(f"{format_path(path)} is a value, not a table: cannot set {key!r}")
    return tuple(path), created


def toml_literal(value: Any) -> str:
    """``value`` written as a TOML literal that :func:`parse_override` reads back unchanged."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_literal(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as a --set value")


def format_override(key: str, value: Any) -> str:
    """The ``KEY=VALUE`` text of an override given as a key and a Python value."""
    return f"{key}={toml_literal(value)}"
