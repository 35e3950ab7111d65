"""The hot wash: outcomes, the timeline of key events and decisions, each decision with what its
seat believed against the truth, and where deception worked — the after-action review of
:mod:`wargame.analysis.aar`, shown in the terminal and exported to Markdown (e)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from ui.text import plain
from wargame.analysis.aar import after_action, to_markdown

if TYPE_CHECKING:
    from ui.app import WargameApp


def export_path(journal: Path | None, scenario: str, seed: int) -> Path:
    """Where the hot wash is exported: beside the journal, named after it."""
    if journal is not None:
        return journal.with_name(journal.stem + ".hotwash.md")
    return Path(f"{scenario}.seed{seed}.hotwash.md")


class HotWashScreen(Screen[None]):
    """The review of the game as it stands (at the end: the whole game)."""

    BINDINGS = [
        Binding("e", "export", "Export to Markdown"),
        Binding("escape", "back", "Back"),
    ]
    DEFAULT_CSS = """
    HotWashScreen #washbar { height: 1; background: $success; color: $text; text-style: bold; padding: 0 1; }
    HotWashScreen Markdown { height: 1fr; overflow-y: auto; }
    """

    @property
    def game(self) -> WargameApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        self.text = to_markdown(after_action(self.game.session))
        state = "the game is over" if self.game.session.finished else "the game goes on (white cell only)"
        yield Static(plain(f"Hot wash — {state} — e export to Markdown, esc back, q quit"), id="washbar")
        yield Markdown(self.text, id="wash")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#wash").focus()

    def action_export(self) -> None:
        s = self.game.session
        path = export_path(self.game.journal, s.loaded.name, s.seed)
        try:
            path.write_text(self.text, encoding="utf-8")
        except OSError as err:
            self.notify(f"Cannot write {path}: {err.strerror or err}", severity="error")
            return
        self.notify(f"Hot wash written to {path}", timeout=8)

    def action_back(self) -> None:
        self.dismiss(None)
