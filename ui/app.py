"""The seminar app: seats, the clock, hand-overs, orders, the white cell and the hot wash.

``WargameApp`` owns one :class:`~wargame.session.session.Session` (or starts in the lobby to make
one). Each human seat gets its own screen in turn; with several at one terminal, a hand-over (h)
puts up an opaque privacy screen and builds the next seat's screen afresh. Every order goes
through the session, which writes it to the journal file (flushed) before the form closes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.timer import Timer

from ui import orders
from ui.alerts import AlertBoard
from ui.clock import Clock, step, tick
from ui.confirm import ConfirmScreen
from ui.crash import CrashReport
from ui.pin import Locks, handover_screen, white_pin_screen
from ui.seat import SeatScreen
from ui.tempo import Tempo
from ui.tempo_keys import TempoKeys
from ui.typeahead import TypeAhead
from wargame.engine.decisions import WHITE, DecisionError
from wargame.engine.journal import Event
from wargame.session.pace import TICKS_PER_SECOND
from wargame.session.seats import HUMAN
from wargame.session.session import Session
from wargame.session.setting import Setting
from wargame.session.views import PromptView, SeatView


class WargameApp(TempoKeys, CrashReport, TypeAhead):
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
    GAME_ACTIONS = frozenset(  # held under forms
        b.action for b in BINDINGS if isinstance(b, Binding) and b.action != "help"
    )

    def __init__(
        self,
        session: Session | None = None,
        journal: Path | None = None,
        facilitator: bool = False,
        lobby: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self._session = session  # None until the lobby makes the game (see :attr:`session`)
        self.journal = journal
        self.facilitator = facilitator
        self.lobby_defaults = lobby or {}
        self.clock = Clock()
        self.tempo = Tempo()
        self.alerts = AlertBoard()
        self.timer: Timer | None = None
        self.rotation: list[str] = []
        self.current = ""  # the seat at the terminal ("" while a hand-over screen is up)
        self.last_seated = ""
        self.histories: dict[str, dict[str, list[float]]] = {}
        self.ended_shown = False
        self.notice = ""  # told to the room once the first seat sits down (e.g. "resumed")
        self.locks = Locks()  # the white cell's PIN and the seats' passcodes (ui/pin.py)
        self.briefed: set[str] = set()
        self.script = ""  # the room script of play --script (named again in the resume command)
        self.key_file = ""  # play --key PATH (named again in the resume command)
        self._settings: dict[str, Setting] = {}

    @property
    def has_game(self) -> bool:
        """A game exists: given at the start, or made since in the lobby."""
        return self._session is not None

    @property
    def session(self) -> Session:
        """The game. Only read once there is one (:attr:`has_game`): no game key works and no
        seat's screen is up before it (the lobby is the only screen without a game)."""
        if self._session is None:
            raise LookupError("no game yet: the lobby has not made it")
        return self._session

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Game keys do nothing (and are not shown) until a seat is at the terminal (the lobby,
        PIN and hand-over screens), or while a form or question is open over a screen (a key
        typed there is not a game key)."""
        if action not in self.GAME_ACTIONS:
            return True  # Textual's own: tab between fields, the palette, help...
        return self._seated() and not isinstance(self.screen, ModalScreen) and self._may(action)

    def _seated(self) -> bool:
        """A game exists and a seat is at the terminal (not a lobby, PIN or hand-over screen)."""
        return self.has_game and bool(self.current)

    # -- starting ------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.timer = self.set_interval(1 / TICKS_PER_SECOND, self.on_tick, pause=True)
        self.set_interval(1, self.on_second)
        if not self.has_game:
            self.open_lobby()
        else:
            self.begin()

    def open_lobby(self) -> None:
        """The first screen when there is no game yet: the lobby, which makes one (a joined
        screen asks for its join code instead, ui/join.py)."""
        from ui.lobby import LobbyScreen

        self.push_screen(LobbyScreen(**self.lobby_defaults))

    def begin(self) -> None:
        """Seat the players: each human seat in turn, then the white cell (if there is one)."""
        self.session.hold_deadlines = True  # a human's deadline waits for the room
        self.alerts.scanned = len(self.session.events)
        humans = [s for s, c in self.session.seats.items() if c == HUMAN]
        if not humans:
            self.facilitator = True  # a game of bots only: someone watches from the white cell
        self.rotation = humans + ([WHITE] if self.facilitator else [])

        def first() -> None:
            self._seat(self.rotation[0], privacy=len(self.rotation) > 1)
            if self.notice:
                self.notify(self.notice, timeout=10)

        if self.facilitator and humans and self.locks.white is None:
            self._show_only(white_pin_screen(self, then=first))
        else:
            first()

    def start_game(self, session: Session, journal: Path, facilitator: bool) -> None:
        """Called by the lobby with the game it made."""
        self._session, self.journal, self.facilitator = session, journal, facilitator
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

    @property
    def hot_seat(self) -> bool:
        """Two or more human seats share this terminal (each then has a passcode)."""
        return sum(c == HUMAN for c in self.session.seats.values()) > 1

    def _show_only(self, screen: Screen[Any]) -> None:
        """``screen`` alone over the base screen: nothing of the last seat stays underneath."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _seat(self, seat: str, privacy: bool) -> None:
        """Put ``seat`` at the terminal (behind a hand-over screen if someone else was there; it
        asks for the seat's passcode or the white cell's PIN, see ui/pin.py)."""
        self._pause()
        self.clear_notifications()
        previous, self.current = self.last_seated, ""  # nobody is seated behind a hand-over screen

        def show() -> None:
            self.current = self.last_seated = seat
            self._show_only(self._screen_for(seat))
            self.show_alerts(seat)
            if seat != WHITE and seat not in self.briefed and self.session.now == 0:
                self.briefed.add(seat)  # a new game: each seat reads its briefing first
                self.show_briefing(seat)

        if privacy:
            back = (lambda: self._seat(previous, privacy=True)) if previous and previous != seat else None
            self._show_only(handover_screen(self, seat, show, back))
        else:
            show()

    def show_briefing(self, seat: str) -> None:
        """The seat's briefing (the white cell's pack at the white cell) on a screen of its own."""
        from ui.briefing import BriefingScreen, seat_briefing, white_cell_pack

        loaded = self.session.loaded
        text = white_cell_pack(loaded) if seat == WHITE else seat_briefing(loaded, seat)
        self.push_screen(BriefingScreen(self.name_of(seat), text))

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
        if not self.has_game or self.session.finished:
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
        if not self.has_game:
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

    def setting(self, seat: str) -> Setting:
        """What ``seat``'s screen may read of the scenario: the same seam as a served game's."""
        cached = self._settings.get(seat)
        if cached is None:
            cached = self._settings[seat] = Setting.of(self.session.scenario, None if seat == WHITE else seat)
        return cached

    def order(self, seat: str, prompt: str | None, kind: str, choice: str, reason: str) -> str | None:
        return orders.order(self, seat, prompt, kind, choice, reason)

    def decide(self, seat: str) -> None:
        orders.decide(self, seat)

    def free_orders(self, seat: str) -> None:
        orders.free_orders(self, seat)

    def share(self, seat: str, report: Event) -> None:
        orders.share(self, seat, report)

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
        if not self.has_game:
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
        if not self.has_game:
            self.exit("")
            return
        where = f"The journal is saved in {self.journal}" if self.journal else "No journal is being written"

        def answer(yes: bool | None) -> None:
            if yes:
                self.finish()

        later = (
            "; the game is over (review it with\n  wargame report " + f"{self.journal})"
            if self.session.finished and self.journal
            else f"; resume it later with\n  {self.resume_command}"
        )
        self.push_screen(ConfirmScreen(f"Quit the game?\n\n{where}{later}"), answer)

    @property
    def resume_command(self) -> str:
        """How to go on with this game later (with the white cell if it has one)."""
        script = f" --script {self.script}" if self.script else ""
        script += f" --key {self.key_file}" if self.key_file else ""
        return (
            f"wargame play --resume {self.journal}" + (" --facilitator" if self.facilitator else "") + script
        )

    def finish(self) -> None:
        if self.has_game:
            self.session.close()
        self.exit(str(self.journal) if self.journal else "")

    def get_system_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not self._seated():
            return
        yield SystemCommand("Play / pause the clock", "space", self.action_toggle_clock)
        yield SystemCommand("Next event", "run to the next event for this seat (n)", self.action_step)
        yield SystemCommand("Hand over", "pass the terminal to the next seat (h)", self.action_handover)
        yield SystemCommand("Hot wash", "outcomes, beliefs against truth (a)", self.action_hot_wash)
        if self.facilitator:
            yield SystemCommand(
                "White cell", "the ground truth and the master event list (w)", self.action_white_cell
            )
