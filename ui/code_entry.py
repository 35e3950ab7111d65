"""The join-code screen: ``wargame join URL`` without ``--code`` asks for the code first.

A team at a browser tab (``wargame serve --web``) or at a terminal types the code the facilitator
gave it and presses Enter. The code is checked by the server before any game screen opens: a
wrong code (or a seat already joined from another screen) is refused, and the server's reason is
shown here, under the field, to try again; the right code closes this screen with the connection
it made and the role the server gave (a seat, the white cell, the spectators).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

# check(code) -> what the screen is dismissed with; raises ValueError with the reason it is refused
Check = Callable[[str], Awaitable[Any]]


class CodeScreen(Screen[Any]):
    """Ask for a join code and check it with ``check`` (see the module docstring)."""

    DEFAULT_CSS = """
    CodeScreen { align: center middle; }
    CodeScreen #codebox { width: 64; height: auto; border: round $primary; padding: 1 2; }
    CodeScreen #codetitle { text-style: bold; margin: 0 0 1 0; }
    CodeScreen #codehelp { margin: 0 0 1 0; }
    CodeScreen #code { margin: 0 0 1 0; }
    CodeScreen #codestatus { height: auto; }
    CodeScreen #codestatus.-refused { color: $error; text-style: bold; }
    """

    def __init__(self, url: str, check: Check) -> None:
        super().__init__()
        self.url = url
        self.check = check
        self.attempts = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="codebox"):
            yield Static("Join the seminar game", id="codetitle")
            yield Static(
                "Type the join code the facilitator gave you (four letters, a dash, four letters: "
                "ABCD-EFGH) and press Enter. Your code decides your screen: your team's seat, the "
                "white cell, or the projector.",
                id="codehelp",
            )
            yield Input(placeholder="ABCD-EFGH", id="code", max_length=40)
            yield Static(f"Server: {self.url}", id="codestatus")

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()

    def _status(self, text: str, refused: bool = False) -> None:
        status = self.query_one("#codestatus", Static)
        status.update(text)
        status.set_class(refused, "-refused")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        code = event.value.strip()
        if not code:
            self._status("Type the code first, then press Enter.", refused=True)
            return
        event.input.disabled = True
        self._status("Checking the code with the server…")
        self.run_worker(self._try(code), exclusive=True, exit_on_error=False)

    async def _try(self, code: str) -> None:
        self.attempts += 1
        field = self.query_one("#code", Input)
        try:
            joined = await self.check(code)
        except ValueError as err:
            field.disabled = False
            field.focus()
            field.select_all()  # typing replaces it; an arrow key keeps it to mend a typo
            self._status(f"{err}\nCheck the code and try again.", refused=True)
            return
        self.dismiss(joined)
