"""Privacy that does not rely on honour: the white cell's PIN and each seat's passcode.

At one terminal every screen is one key away from the next, so a hand-over screen that any key
dismisses protects nothing: the seat that just left may press it. Here:

- **The white cell's PIN** is chosen when a game with a white cell and human seats starts (after
  the lobby, or on a screen at start for ``play --facilitator --seat ...``), and chosen again
  on resume. Nothing but that PIN opens the white cell's screens — the ground truth, the master
  event list, the hot wash before the end.
- **A seat's passcode**, in hot-seat play (two or more human seats at the terminal), is chosen
  by that seat the first time it sits down; from then on its hand-over screen opens only with
  that passcode (or the white cell's PIN, for a facilitator helping a seat that forgot it).

PINs and passcodes live in memory only, as digests: never on the command line, never in the
journal, never in a crash report.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from ui.privacy import PrivacyScreen
from ui.text import plain
from wargame.engine.decisions import WHITE

if TYPE_CHECKING:
    from ui.app import WargameApp

MIN_LENGTH = 4


def _digest(code: str) -> bytes:
    return hashlib.sha256(code.encode("utf-8")).digest()


@attrs.define
class Locks:
    """The white cell's PIN and the seats' passcodes (digests), for one sitting of the app."""

    white: bytes | None = None
    seats: dict[str, bytes] = attrs.field(factory=dict)

    def opens_white(self, code: str) -> bool:
        return self.white is not None and hmac.compare_digest(self.white, _digest(code))

    def opens_seat(self, seat: str, code: str) -> bool:
        own = self.seats.get(seat)
        return (own is not None and hmac.compare_digest(own, _digest(code))) or self.opens_white(code)

    def choose_white(self, code: str) -> None:
        self.white = _digest(code)

    def choose_seat(self, seat: str, code: str) -> None:
        self.seats[seat] = _digest(code)


def new_code_problem(code: str, again: str) -> str | None:
    """Why a newly chosen PIN or passcode cannot be kept, if it cannot."""
    if len(code) < MIN_LENGTH:
        return f"At least {MIN_LENGTH} characters."
    if code != again:
        return "The two entries differ; type it twice the same."
    return None


class PinScreen(Screen[None]):
    """An opaque screen that asks for a PIN or passcode (``choose``: a new one, typed twice).

    ``accept`` gets the code and returns an error to show (the field is cleared) or None once it
    has moved on; ``back`` (esc), if given, leaves without it."""

    BINDINGS = [Binding("escape", "back", "Back", show=False)]
    DEFAULT_CSS = """
    PinScreen { background: $background; }
    PinScreen Vertical { width: 60; height: auto; padding: 1 2; border: double $accent; }
    PinScreen Input { width: 100%; }
    PinScreen #pinerror { color: $error; text-style: bold; }
    """
    AUTO_FOCUS = "#pin"

    def __init__(
        self,
        heading: str,
        choose: bool,
        accept: Callable[[str], str | None],
        back: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.heading = heading
        self.choose = choose
        self.accept = accept
        self.back = back

    def compose(self) -> ComposeResult:
        with Middle(), Center(), Vertical():
            yield Static(plain(self.heading), id="pinheading")
            yield Input(password=True, id="pin", placeholder="choose it" if self.choose else "")
            if self.choose:
                yield Input(password=True, id="again", placeholder="the same again")
            yield Static("", id="pinerror")
            yield Static(plain("enter: go on" + ("   esc: back" if self.back else ""), "dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        code = self.query_one("#pin", Input).value
        if self.choose and event.input.id == "pin":
            self.query_one("#again", Input).focus()
            return
        problem = new_code_problem(code, self.query_one("#again", Input).value) if self.choose else None
        problem = problem or self.accept(code)
        if problem:
            for field in self.query(Input):
                field.value = ""
            self.query_one("#pin", Input).focus()
            self.query_one("#pinerror", Static).update(plain(problem))

    def action_back(self) -> None:
        if self.back is not None:
            self.back()


def handover_screen(
    app: WargameApp, seat: str, show: Callable[[], None], back: Callable[[], None] | None
) -> Screen[None]:
    """The opaque screen between two seats' turns, locked as the module docstring says; it
    names only the seat that comes next and calls ``show`` to seat it."""
    name = app.name_of(seat)
    title = name[0].upper() + name[1:]
    waiting = 0 if seat == WHITE else len(app.session.pending(seat))
    wait = f"\n{waiting} decision(s) wait for you." if waiting else ""
    locks = app.locks

    def opened(ok: bool, refusal: str) -> str | None:
        if not ok:
            return refusal
        show()
        return None

    if seat == WHITE:
        if locks.white is None:
            return PrivacyScreen(name, waiting, then=show)
        return PinScreen(
            "Hand the keyboard to the white cell.\n\nThe white cell's PIN:",
            False,
            lambda code: opened(locks.opens_white(code), "Wrong PIN."),
            back,
        )
    if not app.hot_seat:
        return PrivacyScreen(name, waiting, then=show)
    if seat in locks.seats:
        return PinScreen(
            f"Hand the keyboard to {name}.{wait}\n\n{title}'s passcode (or the white cell's PIN):",
            False,
            lambda code: opened(locks.opens_seat(seat, code), "Wrong passcode."),
            back,
        )

    def chosen(code: str) -> None:
        locks.choose_seat(seat, code)
        show()

    return PinScreen(
        f"Hand the keyboard to {name}.{wait}\n\n{title}: choose a passcode for your screen ({MIN_LENGTH} "
        f"characters or more). It is asked each time {name} sits down, so that no other seat can open it.",
        True,
        lambda code: chosen(code),
        back,
    )


def white_pin_screen(app: WargameApp, then: Callable[[], None]) -> PinScreen:
    """The white cell chooses its PIN before the game (again after a resume: it is not kept)."""

    def chosen(code: str) -> None:
        app.locks.choose_white(code)
        then()

    return PinScreen(
        f"The white cell: choose a PIN ({MIN_LENGTH} characters or more). It guards the ground truth, "
        "the facilitators' screens and "
        "the hot wash before the end, and is asked each time the white cell sits down. It is "
        "kept nowhere: on resume, choose one again.",
        True,
        lambda code: chosen(code),
    )
