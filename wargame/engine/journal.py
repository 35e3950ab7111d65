"""The event journal: the append-only record that *is* the game.

Each :class:`Event` is one line of canonical JSON: keys sorted, no spaces, integers for time,
floats rounded to six decimals, no numpy types. The same inputs therefore give the same bytes.

An event says when it happened (``t``, minutes from the start; ``at``, the calendar instant),
its place in the order (``seq``), the ``actors`` involved, who may ``see`` it (actor ids, or
``all``; the white cell sees everything), a ``text`` line for people, its typed ``data`` (one
payload class per kind, :mod:`wargame.engine.events`; the event's ``kind`` is the payload's), and
optionally ``truth``: ground truth that only the white cell may read (the true value behind a
report, a deception flag). Views strip ``truth`` before anything reaches a seat. Two events are
equal when every field is, data and truth included.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

import attrs

from wargame.engine import payload
from wargame.engine.events import BY_KIND
from wargame.engine.kinds import Kind
from wargame.engine.payload import Payload, canonical
from wargame.model.clock import to_datetime

__all__ = ["EVERYONE", "Event", "Journal", "canonical", "dumps"]

EVERYONE = "all"


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
    actors: tuple[str, ...]
    see: tuple[str, ...]
    text: str
    at: str = ""
    data: Payload
    truth: Payload | None = None

    @property
    def kind(self) -> Kind:
        return self.data.KIND

    def visible_to(self, actor: str) -> bool:
        """Whether a seat playing ``actor`` may see this event."""
        return EVERYONE in self.see or actor in self.see

    def to_json(self) -> dict[str, Any]:
        """The event as a JSON object of canonical values (ready for ``dumps(trusted=True)``)."""
        out: dict[str, Any] = {
            "t": self.t,
            "at": self.at,
            "seq": self.seq,
            "kind": self.data.KIND.value,
            "actors": list(self.actors),
            "see": list(self.see),
            "text": self.text,
            "data": payload.to_json(self.data),
        }
        if self.truth is not None:
            out["truth"] = payload.to_json(self.truth)
        return out

    def line(self) -> str:
        return dumps(self.to_json(), trusted=True)

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Event:
        """Rebuild an event from a parsed journal line.

        Raises KeyError, TypeError or ValueError if the line is malformed: a field missing, an
        unknown kind, a payload that is not the kind's (see :func:`wargame.engine.payload.from_json`).
        """
        kind = obj["kind"]
        data_class = BY_KIND.get(kind) if isinstance(kind, str) else None
        if data_class is None:
            raise ValueError(f"unknown event kind {kind!r}")
        truth = obj.get("truth")
        if truth is not None and data_class.TRUTH is None:
            raise ValueError(f"a {kind} event has no ground truth")
        actors, see = obj["actors"], obj["see"]
        if not isinstance(actors, list) or not isinstance(see, list):
            raise TypeError("actors and see must be lists")
        return cls(
            t=int(obj["t"]),
            at=str(obj["at"]),
            seq=int(obj["seq"]),
            actors=tuple(str(a) for a in actors),
            see=tuple(str(s) for s in see),
            text=str(obj["text"]),
            data=payload.from_json(data_class, obj["data"]),
            truth=None
            if truth is None or data_class.TRUTH is None
            else payload.from_json(data_class.TRUTH, truth),
        )


class Journal:
    """The ordered events of one game, with listeners told of each new event.

    ``clock`` returns the current simulated minute (the SimPy environment's ``now``).
    Listeners (a journal file writer, a UI) are called synchronously, in registration order.
    """

    def __init__(self, clock: Callable[[], float], start: datetime) -> None:
        self._clock = clock
        self._start = start
        self.events: list[Event] = []
        self._at = (-1, "")  # the last instant recorded and its calendar spelling
        self._listeners: list[Callable[[Event], None]] = []

    def listen(self, listener: Callable[[Event], None]) -> None:
        self._listeners.append(listener)

    def unlisten(self, listener: Callable[[Event], None]) -> None:
        """Stop telling ``listener`` (a new list: a record under way tells the listeners it began with)."""
        self._listeners = [x for x in self._listeners if x != listener]

    def record(
        self,
        data: Payload,
        text: str,
        *,
        actors: Iterable[str] = (),
        see: Iterable[str] = (EVERYONE,),
        truth: Payload | None = None,
    ) -> Event:
        """Append an event of ``data``'s kind at the current simulated instant and tell the
        listeners. The payloads are canonical already: nothing is converted here."""
        t = int(self._clock())
        if self._at[0] != t:  # events come in bursts at one instant: spell it once
            self._at = (t, to_datetime(self._start, t).isoformat(timespec="minutes"))
        if type(see) is tuple and len(see) < 2:  # most events: one seat, or everyone, or none
            see_t = see
        else:
            see_t = tuple(sorted(set(see)))
            if EVERYONE in see_t:
                see_t = (EVERYONE,)
        event = Event(
            t=t,
            at=self._at[1],
            seq=len(self.events),
            actors=actors if type(actors) is tuple else tuple(actors),
            see=see_t,
            text=text,
            data=data,
            truth=truth,
        )
        self.events.append(event)
        for listener in self._listeners:
            listener(event)
        return event
