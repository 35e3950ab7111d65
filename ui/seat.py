"""A seat's screen: what one allied leader knows, and the orders they may give.

Five tabs — Intelligence (the inbox), Situation, Alliance, Orders, Log — refreshed from the seat's
view each time the clock moves. The screen is built for one seat and thrown away at a hand-over,
so nothing of one seat's screen survives into the next.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Log, Static, TabbedContent, TabPane

from ui import panels
from ui.game_screen import GameScreen
from ui.text import plain
from wargame.engine.events import ReportData


class SeatScreen(GameScreen):
    """The screen of one human seat."""

    BINDINGS = [
        Binding("d", "decide", "Decide"),
        Binding("o", "orders", "Orders"),
        Binding("s", "share", "Share report"),
        Binding("b", "briefing", "Briefing"),
        Binding("1", "tab('intel')", "Intel", show=False),
        Binding("2", "tab('situation')", "Situation", show=False),
        Binding("3", "tab('alliance')", "Alliance", show=False),
        Binding("4", "tab('orders')", "Orders tab", show=False),
        Binding("5", "tab('log')", "Log", show=False),
    ]
    DEFAULT_CSS = """
    SeatScreen #clockbar { height: 1; background: $primary; color: $text; text-style: bold; padding: 0 1; }
    SeatScreen #inbox { height: 1fr; min-height: 5; }
    SeatScreen #report { height: auto; max-height: 12; border-top: solid $accent; padding: 0 1; }
    SeatScreen TabbedContent { height: 1fr; }
    SeatScreen TabPane { padding: 0; height: 1fr; }
    """

    def __init__(self, seat: str) -> None:
        super().__init__()
        self.seat = seat
        self.shown = 0  # events of the seat's view already placed in the inbox and log
        self.selected: int | None = None  # seq of the inbox item open below the table

    def compose(self) -> ComposeResult:
        yield Static(id="clockbar")
        with TabbedContent(initial="intel"):
            with TabPane("1 Intelligence", id="intel"):
                yield DataTable(id="inbox", cursor_type="row", zebra_stripes=True)
                yield Static(plain("Select a report (↑↓, enter) to read it in full."), id="report")
            with TabPane("2 Situation", id="situation"), VerticalScroll():
                yield Static(id="own")
                yield Static(id="fronts")
                yield Static(id="assessments")
            with TabPane("3 Alliance", id="alliance"), VerticalScroll():
                yield Static(id="treaties")
                yield Static(id="credibility")
                yield Static(id="council")
            with TabPane("4 Orders", id="orders"), VerticalScroll():
                yield Static(id="pending")
                yield Static(id="mine")
            with TabPane("5 Log", id="log"):
                yield Log(id="eventlog", max_lines=5000)
        yield Footer()

    def on_mount(self) -> None:
        inbox = self.query_one("#inbox", DataTable)
        inbox.add_columns("Arrived", "Channel", "Grade", "Subject", "Summary")
        self.refresh_view()
        inbox.focus()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "intel":
            self.query_one("#inbox", DataTable).focus()

    def on_screen_resume(self) -> None:
        """Back from a form: the arrow keys move the inbox again."""
        if self.focused is None and self.query_one(TabbedContent).active == "intel":
            self.query_one("#inbox", DataTable).focus()

    def refresh_view(self) -> None:
        """Bring every panel up to date with the seat's view now."""
        game = self.game
        view = game.session.view(self.seat)
        scenario = game.setting(self.seat)  # what the seat may read of the scenario (local or served)
        history = game.history(self.seat, view)
        with self.app.batch_update():
            self.query_one("#clockbar", Static).update(plain(game.clock_text(self.seat, view)))
            new = view.events[self.shown :]
            self.shown = len(view.events)
            inbox = self.query_one("#inbox", DataTable)
            for e in new:
                if e.kind in panels.INBOX_KINDS:
                    inbox.add_row(*(plain(c) for c in panels.inbox_row(scenario, e)), key=str(e.seq))
            if new:
                self.query_one("#eventlog", Log).write_lines(panels.log_line(scenario, e) for e in new)
            self.query_one("#own", Static).update(panels.own_situation(view, scenario))
            self.query_one("#fronts", Static).update(panels.fronts_known(view, scenario))
            self.query_one("#assessments", Static).update(panels.assessments_table(view, scenario, history))
            self.query_one("#treaties", Static).update(panels.treaties(view, scenario))
            self.query_one("#credibility", Static).update(panels.credibility_table(view, history))
            self.query_one("#council", Static).update(panels.council_and_positions(view, scenario))
            self.query_one("#pending", Static).update(panels.pending_table(view, scenario))
            self.query_one("#mine", Static).update(panels.orders_table(view, scenario))
            orders = self.query_one(TabbedContent).get_tab("orders")
            orders.label = f"4 Orders ({len(view.pending)} waiting)" if view.pending else "4 Orders"

    def on_data_table_row_highlighted(self, message: DataTable.RowHighlighted) -> None:
        self._open(message.row_key.value)

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        self._open(message.row_key.value)

    def _open(self, key: str | None) -> None:
        if key is None:
            return
        seq = int(key)
        event = next((e for e in self.game.session.view(self.seat).events if e.seq == seq), None)
        if event is not None:
            self.selected = seq
            self.query_one("#report", Static).update(
                panels.report_detail(self.game.setting(self.seat), event)
            )

    def action_briefing(self) -> None:
        self.game.show_briefing(self.seat)

    def action_decide(self) -> None:
        self.game.decide(self.seat)

    def action_orders(self) -> None:
        self.game.free_orders(self.seat)

    def action_share(self) -> None:
        event = None
        if self.selected is not None:
            event = next(
                (e for e in self.game.session.view(self.seat).events if e.seq == self.selected), None
            )
        if event is None or not isinstance(event.data, ReportData):
            self.notify("Select a report in the inbox first (tab 1, ↑↓).", severity="warning")
            return
        self.game.share(self.seat, event)
