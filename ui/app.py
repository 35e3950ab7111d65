"""The seminar app: seats, the clock, hand-overs, orders, the white cell and the hot wash.

``WargameApp`` owns one :class:`~wargame.session.session.Session` (or starts in the lobby to make
one). Each human seat gets its own screen in turn; with several at one terminal, a hand-over (h)
puts up an opaque privacy screen and builds the next seat's screen afresh. Every order goes
through the session, which writes it to the journal file (flushed) before the form closes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from ui.alerts import AlertBoard
from ui.clock import TICKS_PER_SECOND, Clock, step, tick
from ui.confirm import ConfirmScreen
from ui.form import Field, FormScreen
from ui.privacy import PrivacyScreen
from ui.seat import SeatScreen
from ui.tempo import Tempo
from ui.tempo_keys import TempoKeys
from ui.text import short_when, time_left
from wargame.engine.decisions import WHITE, DecisionError
from wargame.engine.journal import Event
from wargame.session.session import HUMAN, Session
from wargame.session.views import PromptView, SeatView

FREE_LABELS = {
    "convene_council": "Convene the council",
    "halt_offensive": "Halt your offensive",
    "launch_offensive": "Launch or widen an offensive",
    "mobilise": "Mobilise (partial, general) or cancel",
    "negotiate": "Open talks with the aggressor",
    "oversight_review": "Review your intelligence services (oversight)",
    "send_aid": "Send aid to the protected state",
    "share_assessment": "Share an assessment with your liaison partners",
    "share_report": "Share a report with your liaison partners",
    "statement": "Make a public statement of resolve",
}


class WargameApp(TempoKeys, App[str]):
    """Play a scenario at one terminal: seats, bots, a white cell, a paced clock."""

    TITLE = "wargame"
    BINDINGS = [
        Binding("space", "toggle_clock", "Play/Pause"),
        Binding("n", "step", "Next event"),
        Binding("t", "turn", "Turn"),
        Binding("T", "turn_length", "Turn length", show=False),
        Binding("B", "time_box", "Time box", show=False),
        Binding("D", "take_default", "Take default"),
        Binding("plus,equals_sign", "faster", "Faster"),
        Binding("minus", "slower", "Slower"),
        Binding("h", "handover", "Hand over"),
        Binding("w", "white_cell", "White cell", show=False),
        Binding("a", "hot_wash", "Hot wash", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit_game", "Quit"),
    ]

    def __init__(
        self,
        session: Session | None = None,
        journal: Path | None = None,
        facilitator: bool = False,
        lobby: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.session: Session = session  # type: ignore[assignment] (set by the lobby otherwise)
        self.journal = journal
        self.facilitator = facilitator
        self.lobby_defaults = lobby or {}
        self.clock = Clock()
        self.tempo = Tempo()
        self.alerts = AlertBoard()
        self.timer: Timer | None = None
        self.rotation: list[str] = []
        self.current = ""
        self.histories: dict[str, dict[str, list[float]]] = {}
        self.ended_shown = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Game keys do nothing (and are not shown) before a game exists, e.g. in the lobby."""
        if self.session is None:
            return action in ("help", "quit_game", "command_palette", "quit")
        return self._may(action)

    # -- starting ------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.timer = self.set_interval(1 / TICKS_PER_SECOND, self.on_tick, pause=True)
        self.set_interval(1, self.on_second)
        if self.session is None:
            from ui.lobby import LobbyScreen

            self.push_screen(LobbyScreen(**self.lobby_defaults))
        else:
            self.begin()

    def begin(self) -> None:
        """Seat the players: each human seat in turn, then the white cell (if there is one)."""
        self.session.hold_deadlines = True  # type: ignore[attr-defined] (a human's deadline waits for the room)
        self.alerts.scanned = len(self.session.events)
        humans = [s for s, c in self.session.seats.items() if c == HUMAN]
        if not humans:
            self.facilitator = True  # a game of bots only: someone watches from the white cell
        self.rotation = humans + ([WHITE] if self.facilitator else [])
        self._seat(self.rotation[0], privacy=len(self.rotation) > 1)

    def start_game(self, session: Session, journal: Path, facilitator: bool) -> None:
        """Called by the lobby with the game it made."""
        self.session, self.journal, self.facilitator = session, journal, facilitator
        self.pop_screen()
        self.begin()

    # -- the seats -----------------------------------------------------------------------

    def name_of(self, seat: str) -> str:
        return "the white cell" if seat == WHITE else self.session.scenario.actor(seat).name

    def _screen_for(self, seat: str) -> Screen[Any]:
        if seat == WHITE:
            from ui.whitecell import WhiteCellScreen

            return WhiteCellScreen()
        return SeatScreen(seat)

    def _seat(self, seat: str, privacy: bool) -> None:
        """Put ``seat`` at the terminal (behind a privacy screen if someone else was there)."""
        self._pause()
        self.clear_notifications()
        self.current = seat

        def show() -> None:
            screen = self._screen_for(seat)
            if len(self.screen_stack) > 1:
                self.switch_screen(screen)
            else:
                self.push_screen(screen)
            self.show_alerts(seat)

        if privacy:
            waiting = 0 if seat == WHITE else len(self.session.pending(seat))
            blank = PrivacyScreen(self.name_of(seat), waiting, then=show)
            if len(self.screen_stack) > 1:
                self.switch_screen(blank)
            else:
                self.push_screen(blank)
        else:
            show()

    def action_handover(self) -> None:
        if len(self.rotation) < 2:
            self.notify("Only one seat is played at this terminal.")
            return
        nxt = self.rotation[(self.rotation.index(self.current) + 1) % len(self.rotation)]
        self._seat(nxt, privacy=True)

    def action_white_cell(self) -> None:
        if WHITE not in self.rotation:
            self.notify("There is no white cell in this game (start with --facilitator).")
            return
        if self.current != WHITE:
            self._seat(WHITE, privacy=True)

    # -- the clock -----------------------------------------------------------------------

    def clock_text(self, seat: str, view: SeatView | None = None) -> str:
        """The clock bar: who, when, the clock, the time box, the decisions waiting."""
        return self.bar_text(seat, view.pending if view is not None else None)

    def _pause(self) -> None:
        self.clock.running = False
        if self.timer is not None:
            self.timer.pause()

    def action_toggle_clock(self) -> None:
        if self.session is None or self.session.finished:
            return
        self.clock.running = not self.clock.running
        if self.timer is not None:
            (self.timer.resume if self.clock.running else self.timer.pause)()
        self.refresh_screen()

    def action_faster(self) -> None:
        self.clock.faster()
        self.refresh_screen()

    def action_slower(self) -> None:
        self.clock.slower()
        self.refresh_screen()

    def on_tick(self) -> None:
        if not self.clock.running:
            return
        self.after_advance(tick(self.session, self.clock))

    def action_step(self) -> None:
        if self.session is None:
            return
        self._pause()
        self.after_advance(step(self.session, None if self.current == WHITE else self.current))

    def after_advance(self, fresh: list[PromptView]) -> None:
        """Stop for what the room must see (a new decision, a deadline, an event of consequence);
        show the hot wash at the end; redraw."""
        self.halt_for_room(fresh)
        if self.session.finished and not self.ended_shown:
            self.ended_shown = True
            self._pause()
            self.refresh_screen()
            self.action_hot_wash()
            return
        self.refresh_screen()

    def refresh_screen(self) -> None:
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_view", None)
            if refresh is not None:
                refresh()

    def history(self, seat: str, view: SeatView) -> dict[str, list[float]]:
        """Each estimate and each guarantor's credibility as the seat has seen them over play."""
        h = self.histories.setdefault(seat, {})
        for subject, est in view.assessments.items():
            series = h.setdefault(subject, [])
            if not series or series[-1] != est.value:
                series.append(est.value)
        for g, value in view.credibility.items():
            series = h.setdefault(g, [])
            if not series or series[-1] != value:
                series.append(value)
        return h

    # -- orders --------------------------------------------------------------------------

    def _submit(self, seat: str, prompt: str | None, kind: str, values: dict[str, str]) -> str | None:
        try:
            self.session.submit(seat, prompt, values["choice"], values.get("reason", ""), kind=kind)
        except DecisionError as err:
            return str(err)
        self.after_act()
        self.notify("Order recorded in the journal.", timeout=3)
        self.refresh_screen()
        return None

    def decide(self, seat: str) -> None:
        """Open the order form for the seat's oldest waiting decision."""
        pending = self.session.pending(seat)
        if not pending:
            self.notify("No decision is waiting for you. Free orders: o.")
            return
        p = pending[0]
        note = (
            f"Deadline: {short_when(self.session.scenario.scenario.start, p.deadline)} "
            f"(in {time_left(p.deadline - self.session.now)}); if you do not decide: {p.default}."
        )
        if len(pending) > 1:
            note += f" {len(pending) - 1} more after this one."
        self.push_screen(
            FormScreen(
                f"{self.name_of(seat)} must decide: {p.question}",
                [
                    Field("choice", "Your decision", p.options, p.default, required=True),
                    Field(
                        "reason", "Your reason", placeholder="why — recorded in the journal and the hot wash"
                    ),
                ],
                lambda v: self._submit(seat, p.id, p.kind, v),
                note=note,
            )
        )
        self.time_form(self.screen, p.id)  # the form counts the time box down

    def free_orders(self, seat: str) -> None:
        """Choose an order the seat may give at any time, then fill it in."""
        open_now = [(k, opts) for k, opts, why in self.session.free_decisions(seat) if why is None]
        closed = [f"{FREE_LABELS.get(k, k)}: {why}" for k, _, why in self.session.free_decisions(seat) if why]
        if not open_now:
            self.notify("No order is open to you now.", severity="warning")
            return
        labels = {FREE_LABELS.get(k, k): (k, opts) for k, opts in open_now}

        def chosen(values: dict[str, str]) -> str | None:
            kind, options = labels[values["order"]]
            self.call_later(self._free_form, seat, kind, options)
            return None

        self.push_screen(
            FormScreen(
                f"{self.name_of(seat)}: give an order",
                [Field("order", "Order", tuple(labels), required=True)],
                chosen,
                note="Not open now: " + "; ".join(closed) if closed else "",
            )
        )

    def _free_form(self, seat: str, kind: str, options: tuple[str, ...]) -> None:
        self.push_screen(
            FormScreen(
                f"{self.name_of(seat)}: {FREE_LABELS.get(kind, kind)}",
                [
                    Field(
                        "choice", "Choice", options, options[0] if len(options) == 1 else "", required=True
                    ),
                    Field(
                        "reason", "Your reason", placeholder="why — recorded in the journal and the hot wash"
                    ),
                ],
                lambda v: self._submit(seat, None, kind, v),
            )
        )

    def share(self, seat: str, report: Event) -> None:
        self.push_screen(
            FormScreen(
                f"Share this report with your liaison partners: {report.text}",
                [
                    Field("choice", "Report", (report.data["origin"],), report.data["origin"], required=True),
                    Field("reason", "Your reason", placeholder="why share it"),
                ],
                lambda v: self._submit(seat, None, "share_report", v),
            )
        )

    def direct(self, kind: str, choice: str, reason: str = "", text: str = "") -> str | None:
        """A white-cell act; an error message, or None once it is in the journal."""
        try:
            self.session.direct(kind, choice, reason, text)
        except DecisionError as err:
            return str(err)
        self.after_act()
        self.notify("Recorded in the journal.", timeout=3)
        self.refresh_screen()
        return None

    # -- the end -------------------------------------------------------------------------

    def action_hot_wash(self) -> None:
        """The hot wash: at the end for everyone; before it, only for the white cell (it shows
        the truth beside each seat's belief)."""
        if self.session is None:
            return
        if not self.session.finished and self.current != WHITE:
            self.notify("The hot wash opens at the end of the game (or from the white cell: w, then a).")
            return
        from ui.hotwash import HotWashScreen

        self._pause()
        self.clear_notifications()  # the hot wash is read whole, not under the toasts
        self.push_screen(HotWashScreen())

    def action_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_quit_game(self) -> None:
        if self.session is None:
            self.exit("")
            return
        where = f"The journal is saved in {self.journal}" if self.journal else "No journal is being written"

        def answer(yes: bool | None) -> None:
            if yes:
                self.finish()

        self.push_screen(
            ConfirmScreen(
                f"Quit the game?\n\n{where}; resume it later with\n  wargame play --resume {self.journal}"
            ),
            answer,
        )

    def finish(self) -> None:
        if self.session is not None:
            self.session.close()
        self.exit(str(self.journal) if self.journal else "")

    def get_system_commands(self, screen: Screen[Any]) -> Any:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Play / pause the clock", "space", self.action_toggle_clock)
        yield SystemCommand("Next event", "run to the next event for this seat (n)", self.action_step)
        yield SystemCommand("Hand over", "pass the terminal to the next seat (h)", self.action_handover)
        yield SystemCommand("Hot wash", "outcomes, beliefs against truth (a)", self.action_hot_wash)
        if self.facilitator:
            yield SystemCommand(
                "White cell", "the ground truth and the master event list (w)", self.action_white_cell
            )
