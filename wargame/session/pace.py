"""The seminar clock's pace: how fast a running clock moves, in the room's time.

A running clock advances the game a span of simulated time at every tick of a wall-clock timer,
:data:`TICKS_PER_SECOND` times a second; the speed chosen sets the span, never the timer. The
seminar app at one terminal (ui/clock.py) and a served game (wargame/net/server.py) pace the clock
alike. Wall-clock time never reaches the session or the journal: only the decisions do.
"""

from __future__ import annotations

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
