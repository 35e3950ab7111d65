"""Scenario fields that document and check themselves.

Every scenario parameter is declared with :func:`param`, which records a sentence of meaning
(and the mechanism that uses it) in the field's metadata and attaches a range or choice check.
The checks raise :class:`FieldError`, which names the field, so that a loader can report the
full path (``fronts[0].fortification``) and what was expected.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from typing import Any

import attrs

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")


class FieldError(ValueError):
    """A scenario value outside what its field accepts."""

    def __init__(self, field: str, expected: str, got: Any) -> None:
        super().__init__(f"expected {expected}, got {got!r}")
        self.field = field
        self.expected = expected
        self.got = got


def _check(expected: str, ok: Callable[[Any], bool]) -> Callable[[Any, Any, Any], None]:
    def validate(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not ok(value):
            raise FieldError(attribute.name, expected, value)

    return validate


def _choice(words: str, allowed: tuple[str, ...]) -> Callable[[Any, Any, Any], None]:
    """A validator for one of ``allowed``, whose message names the nearest word when one is close."""

    def validate(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value in allowed:
            return
        near = difflib.get_close_matches(str(value), [a for a in allowed if a], n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        raise FieldError(attribute.name, f"one of {words}{hint}", value)

    return validate


def _range_text(ge: float | None, le: float | None) -> str:
    if ge is not None and le is not None:
        return f"a number from {ge:g} to {le:g}"
    if ge is not None:
        return f"a number >= {ge:g}"
    return f"a number <= {le:g}"


def param(
    default: Any = attrs.NOTHING,
    *,
    doc: str,
    ge: float | None = None,
    le: float | None = None,
    choices: Sequence[str] | None = None,
    ident: bool = False,
    factory: Callable[[], Any] | None = None,
) -> Any:
    """Declare a scenario field with its meaning and its check.

    ``ge``/``le`` bound a number; ``choices`` lists allowed words; ``ident`` requires a short
    lowercase identifier (``france``, ``west-front``), the form used on the command line.
    """
    validators = []
    if ge is not None or le is not None:
        lo = float("-inf") if ge is None else ge
        hi = float("inf") if le is None else le
        validators.append(_check(_range_text(ge, le), lambda v: lo <= v <= hi))
    if choices is not None:
        allowed = tuple(choices)
        words = ", ".join(a if a else '"" (empty)' for a in allowed)
        validators.append(_choice(words, allowed))
    if ident:
        validators.append(
            _check("a lowercase id (letters, digits, '-' or '_')", lambda v: bool(ID_PATTERN.match(v)))
        )
    metadata = {"doc": doc, "ge": ge, "le": le, "choices": choices}
    if factory is not None:
        return attrs.field(factory=factory, validator=validators, metadata=metadata)
    return attrs.field(default=default, validator=validators, metadata=metadata)
