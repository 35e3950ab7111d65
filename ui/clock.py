"""The seminar clock: simulated time paced by a wall-clock timer.

The app's timer fires :data:`TICKS_PER_SECOND` times a second while the clock runs; each tick
advances the game by the current speed's span of simulated time, and stops early when a human
seat is given a decision (the clock then pauses by itself). Speed changes the span, never the
timer, so the screen stays responsive at any speed. Nothing here imports Textual.
"""

from __future__ import annotations

import attrs

from wargame.session.session import Session
from wargame.session.views import PromptView

TICKS_PER_SECOND = 4
SPEEDS: tuple[tuple[str, int], ...] = (  # label (simulated time per real second), minutes per tick
    ("1 hour/s", 15),
    ("4 hours/s", 60),
    ("12 hours/s", 180),
    ("1 day/s", 360),
    ("4 days/s", 1440),
)
DEFAULT_SPEED = 2


@attrs.define
class Clock:
    """Whether the clock runs, and how fast."""

    running: bool = False
    speed: int = DEFAULT_SPEED

    @property
    def label(self) -> str:
        return ("▶ running " if self.running else "⏸ paused ") + SPEEDS[self.speed][0]

    def faster(self) -> None:
        self.speed = min(self.speed + 1, len(SPEEDS) - 1)

    def slower(self) -> None:
        self.speed = max(self.speed - 1, 0)


def tick(session: Session, clock: Clock) -> list[PromptView]:
    """One tick of a running clock: the new prompts of human seats (the clock must pause)."""
    if session.finished or session.closed:
        return []
    return session.advance_until_news(session.now + SPEEDS[clock.speed][1])


def step(session: Session, seat: str | None) -> list[PromptView]:
    """Run to the next event ``seat`` may see (or to a new prompt, or the end of the game)."""
    if session.finished or session.closed:
        return []
    return session.advance_until_news(session.horizon + 1, seat=seat)
