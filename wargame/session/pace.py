"""The seminar clock's pace: how fast a running clock moves, in the room's time.

A running clock advances the game a span of simulated time at every tick of a wall-clock timer,
:data:`TICKS_PER_SECOND` times a second; the speed chosen sets the span, never the timer. The
seminar app at one terminal (ui/clock.py) and a served game (wargame/net/server.py) pace the clock
alike. Wall-clock time never reaches the session or the journal: only the decisions do.
"""

from __future__ import annotations

from wargame.engine.journal import Event
from wargame.engine.kinds import Kind

TICKS_PER_SECOND = 4
SPEEDS: tuple[tuple[str, int], ...] = (  # label (simulated time per real second), minutes per tick
    ("1 hour/s", 15),
    ("4 hours/s", 60),
    ("12 hours/s", 180),
    ("1 day/s", 360),
    ("4 days/s", 1440),
)
DEFAULT_SPEED = 2
GRAIN = 15  # minutes of game time between two looks for a stop: an alert is at most this late


STOPS: dict[Kind, str] = {  # event kind -> the alert's title, most important first
    Kind.INVASION: "Invasion",
    Kind.WAR: "Declaration of war",
    Kind.COLLAPSE: "Resistance collapses",
    Kind.CAPITAL: "A capital falls",
    Kind.BREAKTHROUGH: "A front is broken",
    Kind.OBJECTIVE: "An objective is taken",
    Kind.INTERVENTION: "A third party enters",
    Kind.DETERRED: "Aggressor stands down",
    Kind.GUARANTEE: "Guarantee triggered",
    Kind.WARNING: "Attack warning",
    Kind.INJECT: "News",
    Kind.HELD: "Held inject due",
}


def is_stop(event: Event) -> bool:
    """Whether ``event`` stops the clock (see :data:`STOPS`)."""
    return event.kind in STOPS
