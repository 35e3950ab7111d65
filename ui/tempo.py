"""The facilitator's tempo: how far a turn runs, how long the room has to decide, and the run of
the clock that halts for what the room must see.

A seminar moves in turns: the facilitator plays one (t) and the game runs to the next human
decision, the next event of consequence (:mod:`ui.alerts`), a deadline that waits for the room,
or the end of the turn (6 hours to a week of game time), whichever comes first. Quiet time is run
through at once: a turn is one call, not an animation. A decision may be given a *time box*: so
many minutes of the room's (wall-clock) time, counted down on the deciding seat's clock bar and
in its form; at zero the room is told, and nothing is decided for it.

Wall-clock time lives here, in the UI, never in the session: the journal only ever sees the
decisions the room takes. Nothing here imports Textual.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

import attrs

from ui.alerts import is_stop
from wargame.session.pace import GRAIN as GRAIN  # (re-exported: the tests read it here)
from wargame.session.session import Session
from wargame.session.views import PromptView

TURNS: tuple[tuple[str, int], ...] = (  # label, minutes of game time
    ("6 hours", 6 * 60),
    ("12 hours", 12 * 60),
    ("1 day", 24 * 60),
    ("3 days", 3 * 24 * 60),
    ("1 week", 7 * 24 * 60),
)
BOXES: tuple[tuple[str, int], ...] = (  # label, wall-clock minutes for the room to decide
    ("none", 0),
    ("2 minutes", 2),
    ("5 minutes", 5),
    ("10 minutes", 10),
    ("15 minutes", 15),
    ("30 minutes", 30),
)
DEFAULT_TURN = 2  # one day


@attrs.frozen(kw_only=True)
class Halt:
    """Why a run of the clock stopped (all empty: it ran its span)."""

    fresh: tuple[PromptView, ...] = ()  # new prompts of human seats
    due: tuple[PromptView, ...] = ()  # prompts at their deadline, waiting for the room
    news: bool = False  # an event of consequence, or (with a seat) an event the seat may see


def due(session: Session) -> tuple[PromptView, ...]:
    """Prompts of human seats at their deadline, held for the room (sessions that hold them)."""
    held = getattr(session, "due", None)
    return tuple(held()) if held is not None else ()


def run(session: Session, until: int, seat: str | None = None) -> Halt:
    """Run the game toward minute ``until``; halt at a new human prompt, a prompt at its deadline,
    an event of consequence, or (with ``seat``) the first event ``seat`` may see."""
    seen = len(session.events)
    while not (session.finished or session.closed) and session.now < until:
        before = session.now
        fresh = session.advance_until_news(min(until, session.now + GRAIN), seat=seat)
        new = session.events[seen:]
        seen = len(session.events)
        waiting = due(session)
        news = any(is_stop(e) for e in new) or (seat is not None and any(e.visible_to(seat) for e in new))
        if fresh or waiting or news:
            return Halt(fresh=tuple(fresh), due=waiting, news=news)
        if session.now == before and not new:
            break  # the session will not move (e.g. nothing left before the horizon)
    return Halt(due=due(session))


def following(choices: tuple[tuple[str, int], ...], value: int) -> int:
    """The choice after ``value`` (the first after the last, or after a value not listed)."""
    values = [m for _, m in choices]
    return values[(values.index(value) + 1) % len(values)] if value in values else values[0]


def turn_label(minutes: int) -> str:
    return next((label for label, m in TURNS if m == minutes), f"{minutes} minutes")


def box_label(minutes: int) -> str:
    return next((label for label, m in BOXES if m == minutes), f"{minutes} minutes")


@attrs.define
class Tempo:
    """The facilitator's settings and the time boxes running for open decisions."""

    turn: int = TURNS[DEFAULT_TURN][1]  # minutes of game time in one turn
    box: int = 0  # wall-clock minutes for the room to decide; 0: no time box
    wall: Callable[[], float] = time.monotonic  # seconds; tests pass their own
    opened: dict[str, float] = attrs.field(factory=dict)  # prompt id -> when its box started
    told: set[str] = attrs.field(factory=set)  # prompts whose box ran out and the room was told
    reminded: dict[str, float] = attrs.field(factory=dict)  # what was last said when (wall clock)

    def watch(self, prompts: Iterable[PromptView]) -> list[PromptView]:
        """Start a box for each open prompt not yet timed; return those whose box has just run out
        (tell the room once)."""
        if not self.box:
            return []
        now = self.wall()
        out = []
        for p in prompts:
            self.opened.setdefault(p.id, now)
            if p.id not in self.told and self.left(p.id) == 0:
                self.told.add(p.id)
                out.append(p)
        return out

    def remind(self, key: str, every: float) -> bool:
        """Whether to say ``key`` again: not said in the last ``every`` seconds (then it is)."""
        now = self.wall()
        if now - self.reminded.get(key, -every) < every:
            return False
        self.reminded[key] = now
        return True

    def left(self, prompt_id: str) -> int | None:
        """Whole seconds left in the prompt's box (None: no box runs for it)."""
        if not self.box or prompt_id not in self.opened:
            return None
        return max(0, int(self.opened[prompt_id] + self.box * 60 - self.wall() + 0.999))

    def countdown(self, prompt_id: str, short: bool = False) -> str:
        """``4:32 left to decide`` (``short``: ``4:32 left``), ``time is up``, or "" (no box)."""
        left = self.left(prompt_id)
        if left is None:
            return ""
        if left == 0:
            return "time is up"
        return f"{left // 60}:{left % 60:02d} left" + ("" if short else " to decide")
