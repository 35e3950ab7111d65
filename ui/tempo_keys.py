"""The facilitator's hand on the clock, as keys of the seminar app (mixed into
:class:`ui.app.WargameApp`): play one turn (t), set the turn length (T) and the time box (B), take
a default at its deadline only when someone confirms it (D), undo the white cell's last hold or
skip (u), and tell the room what stopped the clock.

Every halt of the clock goes through :meth:`TempoKeys.halt_for_room`: a new decision, a decision
at its deadline (the session holds it there: nothing is decided for a human seat silently), or an
event of consequence (:mod:`ui.alerts`). The seat at the terminal is told at once; a seat waiting
its turn is told when it next sits down.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import Static

from ui.alerts import AlertBoard, summary
from ui.clock import Clock, turn
from ui.confirm import ConfirmScreen
from ui.form import Field, FormScreen
from ui.tempo import BOXES, TURNS, Tempo, box_label, due, following, turn_label
from ui.text import plain, short_when
from ui.undo import last_hold_or_skip
from wargame.engine.decisions import WHITE, DecisionError
from wargame.session.views import PromptView

if TYPE_CHECKING:
    from wargame.session.session import Session


DUE_TOAST = 15  # seconds a deadline's toast stays on screen


class TempoKeys(App[Any]):
    """Turns, time boxes, deadlines and alerts (see the module docstring)."""

    if TYPE_CHECKING:
        # What the keys use of :class:`ui.app.WargameApp`, which defines it all. Declared for the
        # type checker only: at run time nothing here may shadow the app's own in the MRO.
        clock: Clock
        tempo: Tempo
        alerts: AlertBoard
        rotation: list[str]
        current: str

        @property
        def session(self) -> Session: ...
        @property
        def has_game(self) -> bool: ...
        def name_of(self, seat: str) -> str: ...
        def clock_text(self, seat: str) -> str: ...
        def _pause(self) -> None: ...
        def after_advance(self, fresh: list[PromptView]) -> None: ...
        def refresh_screen(self) -> None: ...
        def direct(self, kind: str, choice: str, reason: str = "", text: str = "") -> str | None: ...

    # -- telling the room ----------------------------------------------------------------

    def halt_for_room(self, fresh: list[PromptView]) -> None:
        """After the clock moved: stop it and say why, if the room must look."""
        s = self.session
        self.clock.stopped = ""
        stops = self.alerts.scan(s.events, self.rotation, s.scenario.scenario.start)
        waiting = due(s)
        if fresh or stops or waiting:
            self._pause()
        for p in fresh:
            if p.seat == self.current:
                self.notify("A decision is waiting for you: press d.", title="Decision", timeout=8)
            else:
                self.notify(
                    f"A decision is waiting for {self.name_of(p.seat)}: hand over with h.",
                    title="Decision",
                    timeout=8,
                )
        if fresh:
            self.clock.stopped = "a decision"
        if stops:
            self._tell_stops()
        for p in waiting:
            self.clock.stopped = f"deadline for {self.name_of(p.seat)}"
            if self.tempo.remind(p.id, DUE_TOAST):  # one toast per deadline on screen at a time
                self.notify(
                    self._due_message(p),
                    title="Deadline: the clock waits",
                    severity="error",
                    timeout=DUE_TOAST,
                )

    def _tell_stops(self) -> None:
        """The seat at the terminal reads its own alerts; of news for others it learns only whose
        it is (as of a decision waiting for them), never what it is."""
        mine = self.alerts.waiting.get(self.current, [])
        if mine:
            self.clock.stopped = self.alerts.headline(mine)
            self.show_alerts(self.current, live=True)
            return
        others = [self.name_of(seat) for seat in self.rotation if self.alerts.waiting.get(seat)]
        self.clock.stopped = "news for " + ", ".join(others)
        self.notify(f"The clock stopped for news for {', '.join(others)}: hand over with h.", timeout=8)

    def _due_message(self, p: PromptView) -> str:
        """Whose decision waits at its deadline and who may act; its question and default only for
        those who may read them (the seat itself, the white cell)."""
        name = self.name_of(p.seat)
        if self.current == p.seat:
            return (
                f"Your decision ({p.question}) is at its deadline; its default would be {p.default!r}. "
                "Decide now (d), or take the default yourself (D)."
            )
        if self.current == WHITE:
            return (
                f"{name}'s decision ({p.question}) is at its deadline; its default would be "
                f"{p.default!r}. Confirm the default (D), or hand over (h) so that {name} decides."
            )
        white = " or the white cell confirms the default" if WHITE in self.rotation else ""
        return f"{name}'s decision is at its deadline. Hand over (h) so that {name} decides{white}."

    def show_alerts(self, seat: str, live: bool = False) -> None:
        """Put before ``seat`` (now at the terminal) every stop it has not yet been told of, in one
        message: ``live``, the clock has just stopped for them; else they came while it was away."""
        if not live:
            self.tempo.reminded.clear()  # a seat sitting down is told of the deadlines afresh
        waiting = self.alerts.take(seat)
        if waiting:
            title = f"Clock stopped — {self.alerts.headline(waiting)}" if live else "While you were away"
            self.notify(summary(waiting), title=title, severity="warning", timeout=12)

    def after_act(self) -> None:
        """After an order or a white-cell act: its consequences reach the other seats, not the
        one who just acted (it knows)."""
        s = self.session
        self.alerts.scan(s.events, self.rotation, s.scenario.scenario.start)
        self.alerts.take(self.current)

    # -- turns and the tempo -------------------------------------------------------------

    def action_turn(self) -> None:
        """Play one turn: to the next decision, deadline or event of consequence, or the turn's end."""
        if not self.has_game or self.session.finished:
            return
        self._pause()
        before = self.session.now
        self.after_advance(turn(self.session, self.tempo.turn))
        if self.session.now >= before + self.tempo.turn and not self.clock.stopped:
            self.notify(f"Turn played ({turn_label(self.tempo.turn)}): {self.session.date}.", timeout=4)

    def _sets_tempo(self) -> bool:
        """The white cell sets the tempo (without a white cell, whoever is at the terminal)."""
        if not self.has_game:
            return False
        if WHITE in self.rotation and self.current != WHITE:
            self.notify("The white cell sets the tempo (w, then T or B).", severity="warning")
            return False
        return True

    def action_turn_length(self) -> None:
        """The next turn length (6 hours, 12 hours, 1 day, 3 days, 1 week, then round again)."""
        if self._sets_tempo():
            self.tempo.turn = following(TURNS, self.tempo.turn)
            self.notify(
                f"A turn (t) now runs {turn_label(self.tempo.turn)} at most.", title="Tempo", timeout=5
            )

    def action_time_box(self) -> None:
        """The next time box per decision (none, 2, 5, 10, 15, 30 minutes of the room's time)."""
        if self._sets_tempo():
            self.tempo.box = following(BOXES, self.tempo.box)
            self.notify(f"Time box per decision: {box_label(self.tempo.box)}.", title="Tempo", timeout=5)
            self.on_second()

    # -- the time box --------------------------------------------------------------------

    def on_second(self) -> None:
        """Once a wall-clock second: count the time boxes down; tell the room when one runs out."""
        if not self.has_game or not self.tempo.box:
            return
        for p in self.tempo.watch(self.session.pending()):
            what = f" ({p.question})" if self.current in (WHITE, p.seat) else ""
            self.notify(
                f"Time is up for {self.name_of(p.seat)}'s decision{what}. Nothing is decided "
                "for it: the seat decides, or its default is confirmed at the deadline.",
                title="Time box",
                severity="error",
                timeout=20,
            )
        for screen in self.screen_stack:
            seat = getattr(screen, "seat", WHITE)
            for bar in screen.query("#clockbar").results(Static):
                suffix = " — GROUND TRUTH" if seat == WHITE else ""
                bar.update(plain(self.clock_text(seat) + suffix))
            prompt = screen.timed_prompt if isinstance(screen, FormScreen) else None
            if prompt is not None:
                for box in screen.query(VerticalScroll).results():
                    box.border_subtitle = self.tempo.countdown(prompt)
                    break

    def bar_text(self, seat: str, pending: Sequence[PromptView] | None = None) -> str:
        """The clock bar of ``seat`` (``pending``: its open prompts, if known); short forms when the
        terminal is narrow, so that the countdown and the decisions waiting stay in sight."""
        s = self.session
        if pending is None:
            pending = s.pending(None if seat == WHITE else seat)
        who = self.name_of(seat)
        who = who[0].upper() + who[1:]
        timed = next((p.id for p in pending if self.tempo.left(p.id) is not None), None)
        over = "GAME OVER" if s.finished else ""
        full = [who, s.date, over or self.clock.label]
        full += [self.tempo.countdown(timed)] if timed else []
        full += [f"{len(pending)} decision(s) waiting (d)"] if pending else []
        text = " — ".join(full)
        if len(text) + 2 <= self.size.width:
            return text
        who = "White cell" if seat == WHITE else who
        short = [who, short_when(s.scenario.scenario.start, s.now), over or self.clock.short]
        short += [self.tempo.countdown(timed, short=True)] if timed else []
        short += [f"{len(pending)} waiting (d)"] if pending else []
        return " · ".join(short)

    def time_form(self, form: FormScreen, prompt: str) -> None:
        """Mark a decision's form so that its frame counts the time box down; the form opens
        over a clear screen (the toasts would hide its countdown and buttons)."""
        form.timed_prompt = prompt
        self.clear_notifications()
        self.call_after_refresh(self.on_second)

    # -- deadlines -----------------------------------------------------------------------

    def action_take_default(self) -> None:
        """Take the default of a decision at its deadline — only when someone confirms it: the
        white cell for any seat, a seat for itself. The journal says who confirmed."""
        if not self.has_game:
            return
        mine = [p for p in due(self.session) if self.current in (WHITE, p.seat)]
        if not mine:
            self.notify("No decision of yours is at its deadline.", severity="warning")
            return
        p = mine[0]
        who = self.name_of(self.current)

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.session.take_default(p.id, self.current)
            except DecisionError as err:
                self.notify(str(err), severity="error")
                return
            self.notify(f"Default taken for {self.name_of(p.seat)}, confirmed by {who}.", timeout=5)
            self.after_act()
            self.refresh_screen()

        self.clear_notifications()  # the question stands alone, not under the toasts
        self.push_screen(
            ConfirmScreen(
                f"Take the default for {self.name_of(p.seat)}?\n\n{p.question}\nDefault: {p.default}\n\n"
                f"The journal will say it was confirmed by {who}."
            ),
            answer,
        )

    # -- undo ----------------------------------------------------------------------------

    def action_undo_hold(self) -> None:
        """Undo the white cell's last hold or skip still in force (u on the master event list)."""
        last = last_hold_or_skip(self.session)
        if last is None:
            self.notify("No hold or skip to undo.", severity="warning")
            return
        act, inject = last
        self.push_screen(
            FormScreen(
                f"Undo the {act} of inject {inject!r}: it returns to the list as scheduled "
                "(published at once if its time has passed)",
                [Field("reason", "Reason (for the record)")],
                lambda v: self.direct("restore_inject", inject, v["reason"]),
            )
        )

    def _may(self, action: str) -> bool:
        """Hide the default key while nothing is at its deadline."""
        if action == "take_default":
            return bool(due(self.session))
        return True
