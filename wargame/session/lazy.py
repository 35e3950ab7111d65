"""Values worked out only when first read, then kept.

A seat's view carries its events, the credibility it perceives and its assessments; a bot that
answers a prompt usually reads none of them, and a screen reads them once. So the view holds
them lazily: each is computed from what the seat knew when the view was made, on first read.
A lazy value compares, pickles and prints as the plain value it stands for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T", dict[str, Any], tuple[Any, ...])


class Lazy(Generic[T]):
    """``make()``, worked out the first time it is read."""

    __slots__ = ("_make", "_value")
    _value: T  # set on first read (by then ``_make`` is None)

    def __init__(self, make: Callable[[], T]) -> None:
        self._make: Callable[[], T] | None = make

    def force(self) -> T:
        """The value (worked out now if it has not been yet)."""
        if self._make is not None:
            self._value, self._make = self._make(), None
        return self._value

    def __getitem__(self, key: Any) -> Any:
        return self.force()[key]

    def __len__(self) -> int:
        return len(self.force())

    def __iter__(self) -> Iterator[Any]:
        return iter(self.force())

    def __repr__(self) -> str:
        return repr(self.force())

    def __reduce__(self) -> tuple[Any, ...]:
        value = self.force()
        return (type(value), (value,))


class LazyMapping(Lazy[dict[str, Any]], Mapping[str, Any]):
    """A read-only dict worked out when first read."""

    __slots__ = ()


class LazyTuple(Lazy[tuple[Any, ...]], Sequence[Any]):
    """A tuple worked out when first read."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and self.force() == tuple(other)

    def __hash__(self) -> int:
        return hash(self.force())
