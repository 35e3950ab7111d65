"""Stops that matter: the events that halt the seminar clock and are put before every seat they
concern.

A room cannot watch the Log tab. When something happens that changes the game for a seat — the
invasion, a declaration of war, a scripted or ad hoc inject, a guarantee falling due — the clock
stops and every seat that may see the event is told: the seat at the terminal at once, a seat
waiting its turn (hot-seat) when it next sits down, the white cell always. The list of kinds is
:data:`STOPS` (documented in docs/ui.md); everything else (reports, the daily fighting,
mobilisation phases) goes on without stopping the clock. Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import attrs

from ui.text import short_when
from wargame.engine.decisions import WHITE
from wargame.engine.journal import Event
from wargame.engine.kinds import Kind
from wargame.session.pace import STOPS as STOPS  # (re-exported: the list is documented in docs/ui.md)
from wargame.session.pace import is_stop as is_stop


def sees(seat: str, event: Event) -> bool:
    """Whether ``seat`` may see ``event``: the white cell sees everything."""
    return seat == WHITE or event.visible_to(seat)


@attrs.frozen(kw_only=True)
class Alert:
    """One stop as a seat is told of it."""

    seq: int
    kind: Kind
    when: str  # "01 Sep 04:45"
    text: str

    @property
    def title(self) -> str:
        return STOPS[self.kind]

    @property
    def line(self) -> str:
        return f"{self.when} — {self.text}"


def summary(alerts: Sequence[Alert], most: int = 5) -> str:
    """The alerts as one message: the most important first (the order of :data:`STOPS`), then by
    time; past ``most``, a count of the rest."""
    order = list(STOPS)
    ranked = sorted(alerts, key=lambda a: (order.index(a.kind), a.seq))
    lines = [a.line for a in ranked[:most]]
    if len(ranked) > most:
        lines.append(f"… and {len(ranked) - most} more in the Log tab.")
    return "\n".join(lines)


@attrs.define
class AlertBoard:
    """The stops not yet shown to each seat at the terminal, and how far the journal was read."""

    scanned: int = 0  # events of the journal already looked at
    waiting: dict[str, list[Alert]] = attrs.field(factory=dict)

    def scan(self, events: Sequence[Event], seats: Iterable[str], start: datetime) -> list[Alert]:
        """Queue each stop recorded since the last scan for every seat of ``seats`` that may see
        it; return the new stops (empty: the clock may run on)."""
        new = [e for e in events[self.scanned :] if is_stop(e)]
        self.scanned = len(events)
        seats = tuple(seats)
        out = []
        for e in new:
            alert = Alert(seq=e.seq, kind=e.kind, when=short_when(start, e.t), text=e.text)
            audience = [s for s in seats if sees(s, e)]
            for seat in audience:
                self.waiting.setdefault(seat, []).append(alert)
            if audience:
                out.append(alert)
        return out

    @staticmethod
    def headline(alerts: Sequence[Alert]) -> str:
        """The title of the most important of ``alerts`` (the order of :data:`STOPS`)."""
        order = list(STOPS)
        return min(alerts, key=lambda a: order.index(a.kind)).title

    def take(self, seat: str) -> list[Alert]:
        """The alerts waiting for ``seat``, oldest first; they are then shown and forgotten."""
        return self.waiting.pop(seat, [])
