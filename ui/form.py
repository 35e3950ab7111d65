"""One form for every order: a decision answering a prompt, a free decision, a white-cell act.

A form is a list of :class:`Field`; the player fills it in, submits, sees a confirmation of
exactly what will be recorded (a box of its own, :class:`~ui.confirm.ConfirmOrderScreen`, that
fits an 80x24 terminal), and confirms with an explicit key. The app's ``apply`` callback then
carries it out and returns an error message (shown in the form, which stays open) or None (the
form closes). Nothing is recorded until the player confirms.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import attrs
from textual._widget_navigation import find_next_enabled_no_wrap
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static

from ui.confirm import ConfirmOrderScreen
from ui.text import plain

MAX_TEXT = 500


@attrs.frozen
class Field:
    """One thing the form asks: a choice among ``options``, or free text (no options)."""

    name: str
    label: str
    options: tuple[str, ...] = ()
    default: str = ""
    required: bool = False
    placeholder: str = ""


def mark(option: str, chosen: bool) -> str:
    return f"▶ {option}" if chosen else f"  {option}"


class Choices(OptionList):
    """An option list that stops at its ends: up at the first option stays there, down at the
    last stays there (Textual's list wraps, and a player who pressed up once too often recorded
    the opposite of what they meant)."""

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)

    def _step(self, direction: Literal[-1, 1]) -> None:
        following = find_next_enabled_no_wrap(self.options, self.highlighted, direction)
        if following is not None:
            self.highlighted = following


Apply = Callable[[dict[str, str]], "str | None"]


class FormScreen(ModalScreen[bool]):
    """A modal order form with validation and a confirmation step (dismisses True when done)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Submit"),
    ]
    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > VerticalScroll { width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 0 1; }
    FormScreen .title { text-style: bold; margin-bottom: 1; }
    FormScreen .error { color: $error; text-style: bold; }
    FormScreen OptionList { width: 100%; height: auto; max-height: 12; }
    FormScreen Horizontal { height: auto; margin-top: 1; }
    FormScreen Button { margin-right: 2; }
    """
    # Focus goes to the first field as soon as the form is built (not to its scroll frame, the
    # first focusable widget): the fields are the only option lists and inputs, in their order.
    AUTO_FOCUS = "OptionList, Input"

    def __init__(self, title: str, fields: list[Field], apply: Apply, note: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.apply = apply
        self.note = note
        self.timed_prompt: str | None = None  # the decision whose time box its frame counts down

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(plain(self.title_text), classes="title")
            if self.note:
                yield Static(plain(self.note))
            for f in self.fields:
                yield Label(plain(f.label + (" (required)" if f.required else "")))
                if f.options:
                    choices = Choices(*[mark(o, o == f.default) for o in f.options], id=f"field-{f.name}")
                    if f.default in f.options:
                        choices.highlighted = f.options.index(f.default)
                    yield choices
                else:
                    yield Input(  # back in a field, typing goes on after its text (not over it)
                        value=f.default,
                        placeholder=f.placeholder,
                        id=f"field-{f.name}",
                        max_length=MAX_TEXT,
                        select_on_focus=False,
                    )
            yield Static("", classes="error", id="error")
            with Horizontal():
                yield Button("Submit", variant="primary", id="submit")
                yield Button("Cancel", id="cancel")

    def values(self) -> dict[str, str]:
        out = {}
        for f in self.fields:
            if f.options:
                index = self.query_one(f"#field-{f.name}", OptionList).highlighted
                out[f.name] = f.options[index] if index is not None else ""
            else:
                out[f.name] = self.query_one(f"#field-{f.name}", Input).value.strip()
        return out

    def problem(self, values: dict[str, str]) -> str | None:
        for f in self.fields:
            if f.required and not values[f.name]:
                return f"{f.label}: " + ("choose one" if f.options else "this cannot be empty")
        return None

    def show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(plain(message))

    def action_cancel(self) -> None:
        self.dismiss(False)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted option is the choice; mark it in words too (a colour alone is lost on
        a projector)."""
        name = (event.option_list.id or "").removeprefix("field-")
        field = next(f for f in self.fields if f.name == name)
        for i, option in enumerate(field.options):
            event.option_list.replace_option_prompt_at_index(i, mark(option, i == event.option_index))

    def on_option_list_option_selected(self) -> None:
        self.focus_next()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.action_cancel()
        else:
            self.action_submit()

    def action_submit(self) -> None:
        """Check the form, then show exactly what will be recorded and wait for a confirmation."""
        values = self.values()
        problem = self.problem(values)
        if problem:
            self.show_error(problem)
            return
        self.show_error("")
        lines = [(f.label, values[f.name]) for f in self.fields]

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._apply(values)

        self.app.push_screen(ConfirmOrderScreen(self.title_text, lines), confirmed)

    def _apply(self, values: dict[str, str]) -> None:
        error = self.apply(values)
        if error:
            self.show_error(error)
            return
        self.dismiss(True)
