"""Typed payloads: the ``data`` (and ``truth``) of a journal event as frozen attrs classes.

Each kind of event has one payload class (:mod:`wargame.engine.events`) whose fields are the keys
of its ``data`` object in the journal. The fields say how each value is spelt in JSON:

- a field's JSON key is its name, or ``metadata["key"]`` where the name is a Python keyword
  (``from``, ``with``);
- an *optional* field (``metadata["omit"]``) is left out of the JSON when it is ``None``; other
  fields are always written (``None`` as ``null``);
- numbers are rounded as :func:`number` does when the payload is built, so that the value in
  memory is the value that a journal file gives back (a live game and its replay read the same);
- a *flat* field (``metadata["flat"]``) is a mapping spliced into the object itself (the end of
  the game's ground truth, keyed by front).

Values are canonical from construction, so writing a line needs no canonicalisation pass, and
reading one (:func:`from_json`) checks each value's JSON type against the field's annotation:
a malformed payload is a ``TypeError``/``ValueError``, never a half-built event.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, ClassVar

import attrs
import numpy as np

from wargame.engine.kinds import Kind


class Payload:
    """Base of every payload class. ``KIND`` is set on the ``data`` classes, not on truths;
    ``TRUTH`` is the class of the kind's ground truth, where it has one."""

    __attrs_attrs__: ClassVar[tuple[attrs.Attribute[Any], ...]]
    KIND: ClassVar[Kind]
    TRUTH: ClassVar[type[Payload] | None] = None


def canonical(value: Any) -> Any:
    """``value`` as plain JSON types with a single spelling: keys as strings, tuples as lists,
    whole numbers as ``int``, other floats rounded to six decimals, no numpy types."""
    kind = type(value)  # the common exact types first, same results
    if kind is str or kind is bool or kind is int or value is None:
        return value
    if kind is float:
        return number(value)
    if kind is dict:
        return {k if type(k) is str else str(k): canonical(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [canonical(v) for v in value]
    return _canonical_any(value)


def _canonical_any(value: Any) -> Any:
    """:func:`canonical` for every other type (numpy scalars, subclasses, mappings, datetimes)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return number(float(value))
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, Mapping):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    raise TypeError(f"cannot put a {type(value).__name__} in the journal: {value!r}")


def number(value: float) -> float:
    """A number as the journal spells it: whole numbers as ``int``, others rounded to 6 decimals."""
    kind = type(value)
    if kind is int:
        return value
    f = value if kind is float else float(value)
    if f.is_integer() and -(2**53) < f < 2**53:
        return int(f)
    if not math.isfinite(f):
        raise ValueError(f"non-finite number cannot enter the journal: {f}")
    r = round(f, 6)
    return int(r) if r.is_integer() and abs(r) < 2**53 else r


def optional_number(value: float | None) -> float | None:
    return None if value is None else number(value)


def whole(value: int) -> int:
    """A whole number (numpy integers become ``int``)."""
    return value if type(value) is int else int(value)


def names(values: Iterable[str]) -> tuple[str, ...]:
    return values if type(values) is tuple else tuple(values)


def optional_names(values: Iterable[str] | None) -> tuple[str, ...] | None:
    """:func:`names`, or None."""
    return None if values is None else names(values)


def num(**kw: Any) -> Any:
    """A number field (see :func:`number`)."""
    return attrs.field(converter=number, **kw)


def count(**kw: Any) -> Any:
    """A whole-number field."""
    return attrs.field(converter=whole, **kw)


def many(**kw: Any) -> Any:
    """A list of words (a tuple in memory, a list in JSON)."""
    return attrs.field(converter=names, **kw)


def table(convert: Callable[[Any], Any], **kw: Any) -> Any:
    """A mapping field, its values made canonical by ``convert``; compared, not hashed."""
    return attrs.field(converter=convert, hash=False, **kw)


def optional(key: str | None = None, converter: Callable[[Any], Any] | None = None, hash: bool = True) -> Any:
    """A field left out of the JSON when it is ``None`` (its default); ``hash=False`` for a
    mapping (compared, not hashed)."""
    meta: dict[str, object] = {"omit": True}
    if key:
        meta["key"] = key
    return attrs.field(default=None, converter=converter, metadata=meta, hash=hash)


def keyed(key: str, **kw: Any) -> Any:
    """A field whose JSON key is not a Python name (``from``, ``with``)."""
    return attrs.field(metadata={"key": key}, **kw)


def flat(convert: Callable[[Any], Any]) -> Any:
    """A mapping spliced into the JSON object itself."""
    return attrs.field(converter=convert, hash=False, metadata={"flat": True})


@attrs.frozen
class _Spec:
    """How one field is written and read."""

    name: str
    key: str
    omit: bool
    flat: bool
    types: tuple[type, ...]
    nullable: bool


_ABSENT = object()

_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
}


def _json_types(annotation: str) -> tuple[tuple[type, ...], bool]:
    """The JSON types a field's annotation admits, and whether it admits ``None``."""
    types: list[type] = []
    nullable = False
    for alt in annotation.split(" | "):
        if alt == "None":
            nullable = True
        elif alt.startswith("tuple"):
            types.append(list)
        elif alt.startswith("Mapping"):
            types.append(dict)
        else:
            types += _JSON_TYPES[alt]
    return tuple(types), nullable


_SPECS: dict[type[Payload], tuple[_Spec, ...]] = {}


def specs(cls: type[Payload]) -> tuple[_Spec, ...]:
    """How each field of ``cls`` is written and read (worked out once per class)."""
    known = _SPECS.get(cls)
    if known is not None:
        return known
    out = []
    for f in attrs.fields(cls):
        types, nullable = _json_types(str(f.type))
        out.append(
            _Spec(
                name=f.name,
                key=f.metadata.get("key", f.name),
                omit=bool(f.metadata.get("omit")),
                flat=bool(f.metadata.get("flat")),
                types=types,
                nullable=nullable,
            )
        )
    _SPECS[cls] = tuple(out)
    return _SPECS[cls]


def to_json(payload: Payload) -> dict[str, Any]:
    """The payload as a JSON object of canonical values."""
    out: dict[str, Any] = {}
    for s in specs(type(payload)):
        v = getattr(payload, s.name)
        if v is None and s.omit:
            continue
        if s.flat:
            out.update(v)
            continue
        if type(v) is tuple:
            v = list(v)
        out[s.key] = v
    return out


def from_json(cls: type[Payload], obj: object) -> Payload:
    """Build a ``cls`` from a parsed JSON object; TypeError/ValueError if it cannot be one.

    Types are checked exactly as ``json.loads`` gives them (``true`` is not a number)."""
    if type(obj) is not dict:
        raise TypeError(f"{cls.__name__} must be a JSON object")
    kwargs: dict[str, Any] = {}
    found = 0
    for s in specs(cls):
        if s.flat:
            kwargs[s.name] = obj
            found = len(obj)
            continue
        v = obj.get(s.key, _ABSENT)
        if v is _ABSENT:
            if s.omit:
                continue
            raise TypeError(f"{cls.__name__} lacks {s.key!r}")
        found += 1
        if v is None:
            if not s.nullable:
                raise TypeError(f"{cls.__name__}.{s.key} may not be null")
        elif type(v) not in s.types:
            raise TypeError(f"{cls.__name__}.{s.key} has the wrong type ({type(v).__name__})")
        elif type(v) is list and not all(type(x) is str for x in v):
            raise TypeError(f"{cls.__name__}.{s.key} must be a list of words")
        kwargs[s.name] = v
    if found != len(obj):
        known = {s.key for s in specs(cls)}
        raise ValueError(f"{cls.__name__} has unknown fields: {', '.join(sorted(set(obj) - known))}")
    return cls(**kwargs)


def frozen_table(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """A mapping's canonical JSON form (nested mappings and lists included)."""
    out: Mapping[str, Any] = canonical(dict(value))
    return out


def optional_table(value: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    return None if value is None else frozen_table(value)
