"""The event journal: the append-only record that *is* the game.

Each :class:`Event` is one line of canonical JSON: keys sorted, no spaces, integers for time,
floats rounded to six decimals, no numpy types. The same inputs therefore give the same bytes.

An event says when it happened (``t``, minutes from the start; ``at``, the calendar instant),
its place in the order (``seq``), its ``kind``, the ``actors`` involved, who may ``see`` it
(actor ids, or ``all``; the white cell sees everything), a ``text`` line for people, structured
``data``, and optionally ``truth``: ground truth that only the white cell may read (the true
value behind a report, a deception flag). Views strip ``truth`` before anything reaches a seat.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

import attrs
import numpy as np

from wargame.model.clock import to_datetime

EVERYONE = "all"


def canonical(value: Any) -> Any:
    """``value`` as plain JSON types with a single spelling (see module docstring)."""
    kind = type(value)  # the common exact types first (a journal's hot path), same results
    if kind is str or kind is bool or kind is int or value is None:
        return value
    if kind is float:
        return _number(value)
    if kind is dict:
        return _canonical_dict(value)
    if kind is list or kind is tuple:
        return [canonical(v) for v in value]
    return _canonical_any(value)


def _canonical_dict(value: dict[Any, Any]) -> dict[str, Any]:
    """:func:`canonical` of a dict, with its plain values handled in line (an event's ``data`` is
    mostly words and whole numbers: this is most of the cost of recording an event)."""
    out: dict[str, Any] = {}
    for k, v in value.items():
        kind = type(v)
        if not (kind is str or kind is int or kind is bool or v is None):
            v = _number(v) if kind is float else canonical(v)
        out[k if type(k) is str else str(k)] = v
    return out


def _number(f: float) -> float | int:
    """A float rounded to six decimals; whole numbers as integers."""
    if f.is_integer() and -(2**53) < f < 2**53:  # the common case; round() would not change it
        return int(f)
    if not math.isfinite(f):
        raise ValueError(f"non-finite number cannot enter the journal: {f}")
    r = round(f, 6)
    return int(r) if r.is_integer() and abs(r) < 2**53 else r


def _canonical_any(value: Any) -> Any:
    """:func:`canonical` for every other type (numpy scalars, subclasses, mappings, datetimes)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return _number(float(value))
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, Mapping):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    raise TypeError(f"cannot put a {type(value).__name__} in the journal: {value!r}")


def dumps(obj: Mapping[str, Any], *, trusted: bool = False) -> str:
    """One canonical JSON line (without the newline).

    ``trusted`` skips :func:`canonical` for values already made canonical (an event's fields are,
    from the moment it is recorded), which halves the cost of writing a journal.
    """
    return json.dumps(
        obj if trusted else canonical(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


@attrs.frozen(kw_only=True)
class Event:
    """One journal entry. See the module docstring for the fields."""

    t: int
    seq: int
    kind: str
    actors: tuple[str, ...]
    see: tuple[str, ...]
    text: str
    at: str = ""
    data: Mapping[str, Any] = attrs.field(factory=dict, eq=False)
    truth: Mapping[str, Any] | None = attrs.field(default=None, eq=False)

    def visible_to(self, actor: str) -> bool:
        """Whether a seat playing ``actor`` may see this event."""
        return EVERYONE in self.see or actor in self.see

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "t": self.t,
            "at": self.at,
            "seq": self.seq,
            "kind": self.kind,
            "actors": list(self.actors),
            "see": list(self.see),
            "text": self.text,
            "data": dict(self.data),
        }
        if self.truth is not None:
            out["truth"] = dict(self.truth)
        return out

    def line(self) -> str:
        return dumps(self.to_json())

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Event:
        """Rebuild an event from a parsed journal line (raises KeyError/TypeError if malformed)."""
        return cls(
            t=int(obj["t"]),
            at=str(obj["at"]),
            seq=int(obj["seq"]),
            kind=str(obj["kind"]),
            actors=tuple(obj["actors"]),
            see=tuple(obj["see"]),
            text=str(obj["text"]),
            data=dict(obj["data"]),
            truth=dict(obj["truth"]) if obj.get("truth") is not None else None,
        )


class Journal:
    """The ordered events of one game, with listeners told of each new event.

    ``clock`` returns the current simulated minute (the SimPy environment's ``now``).
    Listeners (a journal file writer, a UI) are called synchronously, in registration order.
    """

    def __init__(self, clock: Callable[[], int], start: datetime) -> None:
        self._clock = clock
        self._start = start
        self.events: list[Event] = []
        self._at = (-1, "")  # the last instant recorded and its calendar spelling
        self._listeners: list[Callable[[Event], None]] = []

    def listen(self, listener: Callable[[Event], None]) -> None:
        self._listeners.append(listener)

    def record(
        self,
        kind: str,
        text: str,
        *,
        actors: Iterable[str] = (),
        see: Iterable[str] = (EVERYONE,),
        data: Mapping[str, Any] | None = None,
        truth: Mapping[str, Any] | None = None,
    ) -> Event:
        """Append an event at the current simulated instant and tell the listeners."""
        t = int(self._clock())
        if self._at[0] != t:  # events come in bursts at one instant: spell it once
            self._at = (t, to_datetime(self._start, t).isoformat(timespec="minutes"))
        see_t = tuple(sorted(set(see)))
        event = Event(
            t=t,
            at=self._at[1],
            seq=len(self.events),
            kind=kind,
            actors=tuple(actors),
            see=(EVERYONE,) if EVERYONE in see_t else see_t,
            text=text,
            data=canonical(data or {}),
            truth=canonical(truth) if truth is not None else None,
        )
        self.events.append(event)
        for listener in self._listeners:
            listener(event)
        return event
