"""Briefings in the game: each seat's briefing on a screen of its own when it first sits down in
a new game and on ``b``; the white cell's pack (master event list, notes) on ``b`` at the white
cell.

The texts are those of ``wargame brief`` (:mod:`wargame.analysis.brief`), so the room reads on
screen what it was handed on paper.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from ui.text import plain
from wargame.analysis.brief import seat_brief_markdown, white_cell_pack_markdown
from wargame.model.scenario_files.scenarios import LoadedScenario


def seat_briefing(loaded: LoadedScenario, seat: str) -> str:
    """The seat's briefing, in Markdown."""
    return seat_brief_markdown(loaded, seat)


def white_cell_pack(loaded: LoadedScenario) -> str:
    """The white cell's pack, in Markdown: the master event list and the notes."""
    return white_cell_pack_markdown(loaded)


class BriefingScreen(Screen[None]):
    """A briefing to read: ↑↓, PgUp/PgDn, Home/End scroll; enter, esc or b go back."""

    BINDINGS = [
        Binding("escape,b,enter", "back", "Back to the game"),
        Binding("up", "scroll('up')", "Scroll", show=False),
        Binding("down", "scroll('down')", "Scroll", show=False),
        Binding("pageup", "scroll('page_up')", "Page up", show=False),
        Binding("pagedown,space", "scroll('page_down')", "Page down", show=False),
        Binding("home", "scroll('home')", "Top", show=False),
        Binding("end", "scroll('end')", "End", show=False),
    ]
    DEFAULT_CSS = """
    BriefingScreen #briefbar { height: 1; background: $accent; color: $text; text-style: bold;
        padding: 0 1; }
    BriefingScreen VerticalScroll { height: 1fr; padding: 0 1; }
    """
    AUTO_FOCUS = "#briefscroll"

    def __init__(self, who: str, text: str) -> None:
        super().__init__()
        self.who = who
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(
            plain(f"Briefing — {self.who} — ↑↓ PgUp PgDn to read; enter or esc: back"), id="briefbar"
        )
        with VerticalScroll(id="briefscroll"):
            yield Markdown(self.text, id="brieftext")
        yield Footer()

    def action_scroll(self, how: str) -> None:
        scroller = self.query_one("#briefscroll", VerticalScroll)
        getattr(scroller, f"scroll_{how}")(animate=False)

    def action_back(self) -> None:
        self.dismiss(None)
