"""The seminar clock: simulated time paced by a wall-clock timer.

The app's timer fires :data:`TICKS_PER_SECOND` times a second while the clock runs; each tick
advances the game by the current speed's span of simulated time, and stops early when a human
seat is given a decision, a decision waits at its deadline, or an event of consequence happens
(:mod:`ui.alerts`; the clock then pauses by itself and says why). Speed changes the span, never the
timer, so the screen stays responsive at any speed. Nothing here imports Textual.
"""

from __future__ import annotations

import attrs

from ui.tempo import run
from wargame.session.pace import DEFAULT_SPEED, SPEEDS
from wargame.session.session import Session
from wargame.session.views import PromptView


@attrs.define
class Clock:
    """Whether the clock runs, and how fast."""

    running: bool = False
    speed: int = DEFAULT_SPEED
    stopped: str = ""  # why the clock stopped by itself ("Invasion"), until it runs again

    @property
    def label(self) -> str:
        if self.running:
            return "▶ running " + SPEEDS[self.speed][0]
        return f"⏸ stopped: {self.stopped}" if self.stopped else "⏸ paused " + SPEEDS[self.speed][0]

    @property
    def short(self) -> str:
        """The label for a narrow clock bar: ``▶ 12 hours/s``, ``⏸ stopped: Invasion``, ``⏸ paused``."""
        if self.running:
            return "▶ " + SPEEDS[self.speed][0]
        return f"⏸ stopped: {self.stopped}" if self.stopped else "⏸ paused"

    def faster(self) -> None:
        self.speed = min(self.speed + 1, len(SPEEDS) - 1)

    def slower(self) -> None:
        self.speed = max(self.speed - 1, 0)


def tick(session: Session, clock: Clock) -> list[PromptView]:
    """One tick of a running clock: the new prompts of human seats (the clock must pause)."""
    if session.finished or session.closed:
        return []
    return list(run(session, session.now + SPEEDS[clock.speed][1]).fresh)


def step(session: Session, seat: str | None) -> list[PromptView]:
    """Run to the next event ``seat`` may see (the white cell, ``None``: to the next event of
    consequence), or to a new prompt, or the end of the game."""
    if session.finished or session.closed:
        return []
    return list(run(session, session.horizon + 1, seat=seat).fresh)


def turn(session: Session, minutes: int) -> list[PromptView]:
    """Play one turn: run ``minutes`` of game time, or less if the room must look (a new prompt,
    a deadline, an event of consequence)."""
    if session.finished or session.closed:
        return []
    return list(run(session, session.now + minutes).fresh)
