"""Questions before an act that cannot be undone: quitting (:class:`ConfirmScreen`), and
recording an order (:class:`ConfirmOrderScreen`, which shows exactly what goes into the journal,
on a box small enough to sit inside an 80x24 terminal)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ui.text import plain


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical { width: 70; height: auto; border: thick $warning; background: $surface;
        padding: 1 2; }
    ConfirmScreen Horizontal { height: auto; margin-top: 1; }
    ConfirmScreen Button { margin-right: 2; }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.question))
            with Horizontal():
                yield Button("Yes (y)", variant="error", id="yes")
                yield Button("No (n)", variant="primary", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ConfirmOrderScreen(ModalScreen[bool]):
    """The last look at an order before it is recorded: the choice and the reason, word for word.

    Only an explicit key confirms (y or ctrl+s, or the Confirm button); enter does nothing here,
    so a second enter typed in haste after the reason cannot record an order unseen."""

    BINDINGS = [
        Binding("y,ctrl+s", "answer(True)", "Confirm"),
        Binding("n,escape", "answer(False)", "Back to the form"),
    ]
    AUTO_FOCUS = ""  # no button has focus: enter confirms nothing
    DEFAULT_CSS = """
    ConfirmOrderScreen { align: center middle; }
    ConfirmOrderScreen > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $warning; background: $surface; padding: 0 1; }
    ConfirmOrderScreen #order { max-height: 16; overflow-y: auto; }
    ConfirmOrderScreen Horizontal { height: auto; margin-top: 1; }
    ConfirmOrderScreen Button { margin-right: 2; }
    """

    def __init__(self, title: str, lines: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        body = "\n".join(f"{label}: {value or '—'}" for label, value in self.lines)
        with Vertical():
            yield Static(plain(f"Confirm — this will be recorded in the journal:\n{self.title_text}", "bold"))
            yield Static(plain(body), id="order")
            with Horizontal():
                yield Button("Confirm (y)", variant="warning", id="yes")
                yield Button("Back (esc)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
