"""The hand-over screen of a hot-seat game: opaque, naming only the seat that comes next."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from ui.text import plain


class PrivacyScreen(Screen[None]):
    """Shown between two seats' turns at one terminal; any key continues."""

    DEFAULT_CSS = """
    PrivacyScreen { background: $background; }
    PrivacyScreen Static { width: auto; padding: 1 4; border: double $accent; text-align: center; }
    """

    def __init__(self, seat_name: str, waiting: int, then: Callable[[], None]) -> None:
        super().__init__()
        self.then = then
        self.seat_name = seat_name
        self.waiting = waiting

    def compose(self) -> ComposeResult:
        wait = f"\n{self.waiting} decision(s) wait for you." if self.waiting else ""
        with Middle(), Center():
            yield Static(
                plain(f"Hand the keyboard to {self.seat_name}.{wait}\n\nPress any key when ready."),
                id="handover",
            )

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.then()  # replaces this screen with the next seat's
