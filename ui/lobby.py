"""The lobby: choose the scenario and seed, give each seat to a person or a bot doctrine, read
each seat's briefing, and decide whether a white cell runs the game."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from ui.game_screen import GameScreen
from ui.text import plain
from wargame.analysis.brief_parts import paragraphs
from wargame.model.scenario_files import scenarios
from wargame.session.journal.read import fresh_path
from wargame.session.journal.seal import Key
from wargame.session.seats import HUMAN, SeatError, controller_names
from wargame.session.session import Session


def default_seats(loaded: scenarios.LoadedScenario) -> dict[str, str]:
    """A human at the first guarantor's seat (the seat the game is about), bots elsewhere."""
    sc = loaded.scenario
    guarantors = [a for g in sc.guarantees for a in g.guarantors if a in sc.seat_ids]
    first = (
        guarantors[0]
        if guarantors
        else next((s for s in sc.seat_ids if s != sc.aggressor.actor), sc.seat_ids[0])
    )
    return {s: (HUMAN if s == first else "bot:historical") for s in sc.seat_ids}


class LobbyScreen(GameScreen):
    """Set up a game before it starts."""

    BINDINGS = [Binding("ctrl+s", "start", "Start the game"), Binding("escape", "app.quit", "Leave")]
    DEFAULT_CSS = """
    LobbyScreen { layout: horizontal; }
    LobbyScreen #setup { width: 55%; padding: 0 1; }
    LobbyScreen #briefing { width: 45%; border-left: solid $accent; padding: 0 1; }
    LobbyScreen #seats { height: auto; }
    LobbyScreen .seat { height: auto; }
    LobbyScreen .seat Label { width: 16; padding-top: 1; }
    LobbyScreen .seat Select { width: 1fr; }
    LobbyScreen #error { color: $error; text-style: bold; }
    LobbyScreen Input { width: 20; }
    """

    def __init__(
        self,
        scenario: str = "drole-de-guerre-1939",
        seed: int = 1,
        facilitator: bool = False,
        seats: dict[str, str] | None = None,
        journal: str | None = None,
        key: Key | None = None,
    ) -> None:
        super().__init__()
        self.names = [p.stem for p in scenarios.bundled()]
        self.scenario_name = scenario if scenario in self.names else self.names[0]
        self.seed = seed
        self.facilitator = facilitator
        self.given = seats or {}
        self.journal = journal  # --journal: the file the game is written to (never overwritten)
        self.key = key  # play --key: the game's journal is sealed with it
        self.loaded = scenarios.load(self.scenario_name)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="setup"):
            yield Static(plain("New game — choose the scenario, the seats and the seed", "bold"))
            yield Label("Scenario")
            yield Select(
                [(n, n) for n in self.names], value=self.scenario_name, allow_blank=False, id="scenario"
            )
            yield Label("Seed (the same seed and decisions replay the same game)")
            yield Input(str(self.seed), id="seed", type="integer")
            yield Static(plain("Seats: a person at this terminal, or a bot doctrine", "bold"))
            yield Vertical(id="seats")
            yield Checkbox(
                "White cell (facilitator) sees the ground truth and runs the event list",
                self.facilitator,
                id="facilitator",
            )
            yield Static("", id="error")
            with Horizontal():
                yield Button("Start (ctrl+s)", variant="primary", id="start")
        yield VerticalScroll(Static(id="briefingtext"), id="briefing")
        yield Footer()

    async def on_mount(self) -> None:
        await self._seats()

    async def _seats(self) -> None:
        box = self.query_one("#seats", Vertical)
        await box.remove_children()
        chosen = {**default_seats(self.loaded), **self.given}
        options = [(c, c) for c in (HUMAN, *[n for n in controller_names() if n != HUMAN])]
        rows = []
        for seat in self.loaded.scenario.seat_ids:
            name = self.loaded.scenario.actor(seat).name
            value = chosen.get(seat, "bot:historical")
            if value not in dict(options):
                options.append((value, value))
            rows.append(
                Horizontal(
                    Label(plain(name)),
                    Select(options, value=value, allow_blank=False, id=f"seat-{seat}"),
                    classes="seat",
                )
            )
        await box.mount_all(rows)
        self._brief(next((s for s, c in chosen.items() if c == HUMAN), self.loaded.scenario.seat_ids[0]))

    def _brief(self, seat: str) -> None:
        sc = self.loaded.scenario
        actor = sc.actor(seat)
        text = f"{sc.scenario.title}\n\n{sc.scenario.description}\n\n{actor.name}\n\n" + "\n".join(
            paragraphs(actor.briefing or "(no briefing)")
        )
        self.query_one("#briefingtext", Static).update(plain(text))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget_id = getattr(event.widget, "id", None) or ""
        parent_id = getattr(event.widget.parent, "id", None) or ""
        for wid in (widget_id, parent_id):
            if wid.startswith("seat-"):
                self._brief(wid.removeprefix("seat-"))

    async def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "scenario" and event.value != self.scenario_name:
            self.scenario_name = str(event.value)
            self.loaded = scenarios.load(self.scenario_name)
            self.given = {}
            await self._seats()
        elif (event.select.id or "").startswith("seat-") and event.select.has_focus_within:
            self._brief((event.select.id or "").removeprefix("seat-"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()

    def _refuse(self, message: str) -> None:
        """Say why the game cannot start, where the eye is (scrolled into view at 80x24)."""
        error = self.query_one("#error", Static)
        error.update(plain(message))
        error.scroll_visible()

    def action_start(self) -> None:
        text = self.query_one("#seed", Input).value.strip()
        if not text.isdigit():
            self._refuse("The seed must be a whole number >= 0.")
            return
        seats = {s: str(self.query_one(f"#seat-{s}", Select).value) for s in self.loaded.scenario.seat_ids}
        facilitator = self.query_one("#facilitator", Checkbox).value
        journal = Path(self.journal) if self.journal else fresh_path(self.scenario_name, int(text))
        if journal.exists():
            self._refuse(f"{journal} exists; it is never overwritten: start with another --journal")
            return
        try:
            session = Session(self.loaded, seed=int(text), seats=seats, journal=journal, key=self.key)
        except (SeatError, OSError) as err:
            self._refuse(str(err))
            return
        session.hold_deadlines = True  # a human's prompt waits for the room (branch room)
        self.game.start_game(session, Path(journal), facilitator)
