"""The timeline as people read it: one line per event, with the calendar date.

For a seat, events come from :func:`~wargame.session.views.seat_events` (truth already gone).
For the white cell, each line also shows the ground truth the event carries, in brackets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from wargame.engine import payload
from wargame.engine.journal import Event
from wargame.engine.kinds import Kind

#: Kinds that are shown in bold in a terminal: the turning points of a crisis.
KEY_KINDS = frozenset(
    {
        Kind.INVASION,
        Kind.WAR,
        Kind.OFFENSIVE,
        Kind.HALT,
        Kind.CAPITAL,
        Kind.COLLAPSE,
        Kind.BREAKTHROUGH,
        Kind.OBJECTIVE,
        Kind.INTERVENTION,
        Kind.DECISION,
        Kind.END,
    }
)


def _flat(values: Mapping[str, Any], prefix: str = "") -> list[str]:
    out: list[str] = []
    for key, value in sorted(values.items()):
        if isinstance(value, dict):
            out += _flat(value, f"{prefix}{key}.")
        else:
            out.append(f"{prefix}{key}={value:g}" if isinstance(value, float) else f"{prefix}{key}={value}")
    return out


def format_truth(event: Event) -> str:
    """The ground truth an event carries, as ``[truth: a=1, front.cohesion=0.12]``."""
    values = payload.to_json(event.truth) if event.truth is not None else {}
    if not values:
        return ""
    return "[truth: " + ", ".join(_flat(values)) + "]"


def label(event: Event) -> str:
    """``Fri 01 Sep 1939 04:45`` from the event's ISO instant."""
    from datetime import datetime

    return datetime.fromisoformat(event.at).strftime("%a %d %b %Y %H:%M")


def lines(events: Iterable[Event], white_cell: bool) -> list[tuple[str, str, str, str]]:
    """(date, kind, text, truth) for each event."""
    return [(label(e), e.kind, e.text, format_truth(e) if white_cell else "") for e in events]
