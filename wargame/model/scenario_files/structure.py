"""Structuring raw scenario data into the schema, strictly, and explaining every failure.

A cattrs converter with strict hooks (no string where a number is due, no silent splitting of a
string into a list, no naive coercion of ``"false"`` to ``True``) turns parsed TOML into
:class:`~wargame.model.scenario.Scenario`. When it fails, :func:`walk` turns cattrs' nested
exception groups into (field path, message) pairs that a person can act on.
"""

from __future__ import annotations

import difflib
import math
import typing
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from wargame.model.fields import FieldError


def describe(value: Any) -> str:
    """``value`` as a scenario author wrote it (TOML spelling), short enough for one message line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, str) and len(value) > 60:
        return repr(value[:57] + "...")
    return repr(value)


class MissingField(KeyError):
    """A required key absent from its table."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _strict(expected: str, ok: type | tuple[type, ...], cast: type) -> Any:
    def hook(value: Any, _type: Any) -> Any:
        if (isinstance(value, bool) and cast is not bool) or not isinstance(value, ok):
            raise TypeError(f"expected {expected}, got {describe(value)}")
        return cast(value)

    return hook


# Numbers a scenario may hold. Larger ones, and nonzero ones smaller in size than SMALLEST (a rate
# of 1e-310 a day, a subnormal), describe no crisis and would overflow the clock or never end.
LARGEST = 1e9
SMALLEST = 1e-6


def _number(value: Any, _type: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {describe(value)}")
    try:
        return float(value)
    except OverflowError:
        raise TypeError(
            f"expected a number no larger than {LARGEST:g} in size, got {describe(value)}"
        ) from None


def out_of_bounds(value: Any) -> str | None:
    """What is wrong with a number (or a list of numbers) no scenario can mean, or None. Checked
    after a field's own range, which says it better when there is one."""
    if isinstance(value, tuple):
        return next((m for m in map(out_of_bounds, value) if m), None)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return f"expected a finite number, got {describe(value)}"
    if abs(value) > LARGEST:
        return f"expected a number no larger than {LARGEST:g} in size, got {describe(value)}"
    if value != 0 and abs(value) < SMALLEST:
        return f"expected 0 or a number no smaller than {SMALLEST:g} in size, got {describe(value)}"
    return None


_DATETIME_EXAMPLE = "a date and time such as 2030-06-01T06:00:00"


def _datetime(value: Any, _type: Any) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise TypeError(f"expected {_DATETIME_EXAMPLE}, got {describe(value)}") from None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise TypeError(
                f"expected {_DATETIME_EXAMPLE}, in local time without a time zone, got {describe(value)}"
            )
        return value
    if isinstance(value, date):
        raise TypeError(
            f"expected {_DATETIME_EXAMPLE}, got a date without a time of day ({describe(value)}); "
            f"write {value.isoformat()}T00:00:00"
        )
    if isinstance(value, time):
        raise TypeError(f"expected {_DATETIME_EXAMPLE}, got a time without a date ({describe(value)})")
    raise TypeError(f"expected {_DATETIME_EXAMPLE}, got {describe(value)}")


def _missing(a: attrs.Attribute[Any]) -> MissingField:
    t = a.type
    if t is not None and attrs.has(t):
        return MissingField(f"the required table [{a.name}] is missing")
    args = typing.get_args(t)
    if typing.get_origin(t) is tuple and args and attrs.has(args[0]):
        return MissingField(f"the required list of [[{a.name}]] tables is missing")
    return MissingField(f"the required key {a.name!r} is missing")


def _converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_structure_hook(int, _strict("a whole number", int, int))
    conv.register_structure_hook(float, _number)
    conv.register_structure_hook(bool, _strict("true or false", bool, bool))
    conv.register_structure_hook(str, _strict("a string", str, str))
    conv.register_structure_hook(datetime, _datetime)

    def tuple_hook(t: Any) -> Any:
        args = typing.get_args(t)
        item = args[0] if args else Any

        def structure(value: Any, _type: Any) -> Any:
            if isinstance(value, Mapping) and attrs.has(item):
                raise TypeError("expected a list of tables (a [[...]] header per entry), got a single table")
            if isinstance(value, str) and item is str:
                raise TypeError(f'expected a list, e.g. ["{value}"], got {describe(value)}')
            if not isinstance(value, list | tuple):
                raise TypeError(f"expected a list, got {describe(value)}")
            return conv._structure_tuple(value, t)

        return structure

    def attrs_hook(cl: Any) -> Any:
        # Unlike cattrs' own, this runs every field's range/choice check even when another field
        # of the same table is wrong, so that every problem is reported at once.
        attrs.resolve_types(cl)
        fields = attrs.fields(cl)
        names = {a.name for a in fields}

        def structure(value: Any, _type: Any) -> Any:
            if not isinstance(value, Mapping):
                raise TypeError(f"expected a table, got {describe(value)}")
            errors: list[Exception] = []
            kwargs: dict[str, Any] = {}
            for a in fields:
                if a.name not in value:
                    if a.default is attrs.NOTHING:
                        errors.append(_noted(_missing(a), cl, a))
                    continue
                try:
                    item = conv.structure(value[a.name], a.type)
                except Exception as err:
                    errors.append(_noted(err, cl, a))
                    continue
                try:
                    for check in _validators(a):
                        check(None, a, item)
                except FieldError as err:
                    # It names its field itself; show the value as written (2, not 2.0).
                    errors.append(FieldError(err.field, err.expected, value[a.name]))
                    continue
                absurd = out_of_bounds(item)
                if absurd:
                    errors.append(_noted(TypeError(absurd), cl, a))
                    continue
                kwargs[a.name] = item
            extra = {str(k) for k in value} - names
            if extra:
                errors.append(ForbiddenExtraKeysError(None, cl, extra))
            if errors:
                raise ClassValidationError(f"While structuring {cl.__name__}", errors, cl)
            return cl(**kwargs)

        return structure

    conv.register_structure_hook_factory(_is_tuple, tuple_hook)
    conv.register_structure_hook_factory(attrs.has, attrs_hook)
    return conv


def _is_tuple(t: Any) -> bool:
    return typing.get_origin(t) is tuple


def _validators(a: attrs.Attribute[Any]) -> list[Any]:
    v = a.validator
    if v is None:
        return []
    return list(v) if isinstance(v, list | tuple) else [v]


def _noted(err: Exception, cl: type, a: attrs.Attribute[Any]) -> Exception:
    note = f"Structuring class {cl.__qualname__} @ attribute {a.name}"
    err.add_note(AttributeValidationNote(note, a.name, a.type))
    return err


CONVERTER = _converter()


def walk(exc: BaseException, path: tuple[str | int, ...]) -> Iterable[tuple[tuple[str | int, ...], str]]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        for sub in exc.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", []):
                if isinstance(note, AttributeValidationNote):
                    sub_path = (*path, note.name)
                elif isinstance(note, IterableValidationNote):
                    sub_path = (*path, note.index)
            yield from walk(sub, sub_path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(exc.cl)]
        for key in sorted(exc.extra_fields):
            hint = difflib.get_close_matches(key, known, n=1)
            suffix = f"; did you mean {hint[0]!r}?" if hint else f"; known keys: {', '.join(known)}"
            yield (*path, key), f"unknown key {key!r}{suffix}"
    elif isinstance(exc, FieldError):
        yield (*path, exc.field), str(exc)
    elif isinstance(exc, MissingField):
        yield path, exc.message
    elif isinstance(exc, KeyError):
        yield path, "required field is missing"
    else:
        yield path, str(exc) or type(exc).__name__


def format_path(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
