"""The hot wash: the debrief the room reads together at the end — the headline outcome, each
seat's key decisions with what it believed and what was true, where deception worked — in dates
and names, one screen at 80x24 (:func:`wargame.analysis.aar.hotwash.hot_wash_text`), scrolled by
keyboard (arrows, page up/down, home/end). It appears at once: no replay of the game, no Markdown
widget to lay out.

``e`` exports the full after-action review (:mod:`wargame.analysis.aar.review`, Markdown) beside the
journal; ``wargame report JOURNAL`` makes the same afterwards, with ``--format html`` illustrated.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from ui.game_screen import GameScreen
from ui.text import plain

MARGIN = 4  # columns the frame takes: padding and the scroll bar


def export_path(journal: Path | None, scenario: str, seed: int) -> Path:
    """Where the hot wash is exported: beside the journal, named after it."""
    if journal is not None:
        return journal.with_name(journal.stem + ".hotwash.md")
    return Path(f"{scenario}.seed{seed}.hotwash.md")


class HotWashScreen(GameScreen):
    """The review of the game as it stands (at the end: the whole game)."""

    BINDINGS = [
        Binding("e", "export", "Export the full review"),
        Binding("escape", "back", "Back"),
    ]
    DEFAULT_CSS = """
    HotWashScreen #washbar { height: 1; background: $success; color: $text; text-style: bold; padding: 0 1; }
    HotWashScreen #washpane { height: 1fr; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        from wargame.analysis.aar.hotwash import hot_wash, hot_wash_text

        width = max(40, self.app.size.width - MARGIN)
        self.text = hot_wash_text(hot_wash(self.game.session), width)
        over = self.game.session.finished
        state = "the game is over" if over else "the game goes on (white cell only)"
        yield Static(plain(f"Hot wash — {state} — ↑↓ PgUp PgDn scroll, e export, esc back"), id="washbar")
        with VerticalScroll(id="washpane"):
            yield Static(plain(self.text), id="wash")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#washpane").focus()

    def action_export(self) -> None:
        """Write the full after-action review (Markdown) beside the journal."""
        from wargame.analysis.aar.review import after_action, to_markdown

        s = self.game.session
        path = export_path(self.game.journal, s.loaded.name, s.seed)
        try:
            path.write_text(to_markdown(after_action(s)), encoding="utf-8")
        except OSError as err:
            self.notify(f"Cannot write {path}: {err.strerror or err}", severity="error")
            return
        self.notify(f"The full review is written to {path}", timeout=8)

    def action_back(self) -> None:
        self.dismiss(None)
