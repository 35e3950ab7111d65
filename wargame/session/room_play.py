"""A room script at work in a session: which of its entries act now, and acting them.

:class:`RoomPlay` is what a :class:`~wargame.session.session.Session` keeps of an attached
:class:`~wargame.session.room.RoomScript`: the timed entries still to come, the ``on_prompt``
acts not yet triggered, how far it has read the journal for prompts that opened, and notes on
entries that could not be applied. The session asks it :meth:`RoomPlay.waiting` and
:meth:`RoomPlay.next_at` to know when the script must act, and applies what :meth:`RoomPlay.due`
returns through its ordinary ``submit`` and ``direct`` (the rule is in :mod:`wargame.session.room`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from wargame.engine.decisions import DecisionError
from wargame.engine.events import PromptData
from wargame.model.clock import format_instant, from_datetime
from wargame.session.bots import matches
from wargame.session.room import RoomDecision, RoomScript, WhiteAct
from wargame.session.views import PromptView

if TYPE_CHECKING:
    from wargame.session.session import Session


@attrs.frozen
class Act:
    """One entry acting now: where it is written, and what it does to the session."""

    where: str
    apply: Callable[[Session], None]


class RoomPlay:
    """The state of a room script in one session (see module docstring)."""

    def __init__(self, script: RoomScript, session: Session) -> None:
        self.script = script
        self.start = session.scenario.scenario.start
        timed: list[tuple[int, int, int, WhiteAct | RoomDecision]] = [
            (from_datetime(self.start, w.at), 0, i, w) for i, w in enumerate(script.white) if w.at is not None
        ]
        timed += [
            (from_datetime(self.start, d.at), 1, i, d)
            for i, d in enumerate(script.decisions)
            if d.at is not None
        ]
        timed.sort(key=lambda x: x[:3])  # by instant; the white cell first; file order
        self._on_prompt = [(i, w) for i, w in enumerate(script.white) if w.on_prompt is not None]
        self._answers = [(i, d) for i, d in enumerate(script.decisions) if d.at is None]
        # Attached to a game under way (a resumed one): what is past stays past.
        self._read = len(session.events)  # journal events read for prompts that opened
        self._timed = [x for x in timed if x[0] >= session.now]
        self.notes = [
            f"{self._where(entry, i)}: its time had passed when the script was attached"
            for minute, _, i, entry in timed
            if minute < session.now
        ]

    def next_at(self) -> float:
        """The minute of the next timed entry (infinite when none is left)."""
        return self._timed[0][0] if self._timed else float("inf")

    def waiting(self, session: Session) -> bool:
        """Whether entries may be due at the session's instant: a timed one has come, or the
        journal has grown since it was last read (a prompt may have opened)."""
        return len(session.events) > self._read or self.next_at() <= session.now

    def due(self, session: Session) -> list[Act]:
        """The entries that act now, in order; each is handed out once."""
        opened = [(e.actors, e.data) for e in session.events[self._read :] if isinstance(e.data, PromptData)]
        self._read = len(session.events)
        now = session.now
        timed = []
        while self._timed and self._timed[0][0] <= now:
            timed.append(self._timed.pop(0))
        acts = [self._white(i, w) for _, _, i, w in timed if isinstance(w, WhiteAct)]
        for actors, asked in opened:
            for i, w in [(i, w) for i, w in self._on_prompt if _triggers(w, actors, asked)]:
                self._on_prompt.remove((i, w))
                acts.append(self._white(i, w))
        acts += [self._timed_decision(i, d) for _, _, i, d in timed if isinstance(d, RoomDecision)]
        seats = self.script.seats
        for _, asked in opened:
            prompt = session.world.prompts.get(asked.prompt)
            if prompt is None or prompt[0].seat not in seats:
                continue
            view = PromptView.of(prompt[0])
            entry = next(((i, d) for i, d in self._answers if matches(d, view, self.start)), None)
            if entry is not None:
                acts.append(self._answer(entry[0], entry[1], view.id))
        return acts

    def unplayed(self) -> list[str]:
        """Entries never reached (the game ended first) or never triggered, as notes."""
        out = [f"{self._where(w, i)}: not reached before the game ended" for _, _, i, w in self._timed]
        out += [
            f"{self.script.where['white', i]}: no {w.on_prompt.decision} prompt of {w.on_prompt.seat} opened"
            for i, w in self._on_prompt
            if w.on_prompt is not None
        ]
        return out

    # -- the acts ------------------------------------------------------------------------

    def _where(self, entry: WhiteAct | RoomDecision, i: int) -> str:
        return self.script.where["white" if isinstance(entry, WhiteAct) else "decision", i]

    def _white(self, i: int, w: WhiteAct) -> Act:
        return Act(self._where(w, i), lambda s: s.direct(w.act, w.choice, w.reason, w.text))

    def _answer(self, i: int, d: RoomDecision, prompt: str) -> Act:
        return Act(self._where(d, i), lambda s: s.submit(d.seat, prompt, d.choice, d.reason))

    def _timed_decision(self, i: int, d: RoomDecision) -> Act:
        def apply(session: Session) -> None:
            prompt = next(
                (p for p in session.pending(d.seat) if matches(attrs.evolve(d, at=None), p, self.start)), None
            )
            if prompt is not None:
                session.submit(d.seat, prompt.id, d.choice, d.reason)
            elif d.decision in session.world.decisions:
                session.submit(d.seat, None, d.choice, d.reason, kind=d.decision)
            else:
                raise DecisionError(f"{session.world.name(d.seat)} has no open {d.decision!r} prompt")

        return Act(self._where(d, i), apply)

    def act(self, session: Session, act: Act) -> None:
        """Apply ``act``; if the game refuses it, note why (the game goes on without it)."""
        try:
            act.apply(session)
        except DecisionError as err:
            when = format_instant(self.start, session.now)
            self.notes.append(f"{act.where}: not applied on {when}: {err}")


def _triggers(w: WhiteAct, actors: tuple[str, ...], prompt: PromptData) -> bool:
    ref = w.on_prompt
    return ref is not None and prompt.decision == ref.decision and ref.seat in actors
