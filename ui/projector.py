"""The projector: the public picture on the plenary screen, read across a room.

A seminar's projector shows what every team knows alike (:class:`~wargame.session.public.PublicView`):
the date and time in large digits, the clock (running or paused, and how fast), who is still
deciding and how long is left in its time box (counted down each second between views; never a
game-time deadline, which could tell the room when a hidden prompt falls due), the wars
declared, the latest public events as a news ticker (newest first) and the public statements.
When the game is over it turns into the hot wash for everyone, scrolled by keyboard (arrows,
page up/down, home/end).

The screen never reads a session: it shows the views it is given, pushed by :meth:`ProjectorScreen.show`
(a network client that receives a new view) or fetched by the ``source`` callable it polls (a local
game). It scales from an 80x24 terminal to a projector's 160x45: on a wide screen the side column
widens and the ticker spaces its items.
"""

from __future__ import annotations

import textwrap
import time
from collections.abc import Callable, Sequence
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Digits, Static

from ui.text import plain
from wargame.engine.journal import Event
from wargame.engine.kinds import Kind
from wargame.model.wording import count
from wargame.session.public import PublicView

SHOWN = "%a %d %b %Y %H:%M"  # how a view spells its date (wargame.model.clock.format_instant)
HEADLINES = frozenset(  # events shown in the ticker's strongest style
    {Kind.INVASION, Kind.WAR, Kind.INTERVENTION, Kind.CAPITAL, Kind.COLLAPSE, Kind.DETERRED, Kind.END}
)
TICKER = 12  # ticker items at most (the screen shows as many as fit, newest first)
WASH_MARGIN = 4  # columns the hot wash's frame takes: padding and the scroll bar


def clock_digits(date: str) -> str:
    """The date and time for large digits: ``1939-09-01 04:45`` (digits only: Digits has no letters)."""
    try:
        return datetime.strptime(date, SHOWN).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return ""


def long_date(date: str) -> str:
    """``Friday 1 September 1939``: the day spelt out under the digits (``date`` as it is if it is
    not a view's date)."""
    try:
        day = datetime.strptime(date, SHOWN)
    except ValueError:
        return date
    return f"{day:%A} {day.day} {day:%B %Y}"


def clock_words(view: PublicView) -> str:
    """The clock as the room reads it: ``▶ running, 12 hours/s``, ``⏸ paused``, ``game over``."""
    if view.finished:
        return "■ the game is over"
    if view.running is None:
        return ""
    state = "▶ running" if view.running else "⏸ paused"
    return f"{state}, {view.speed}" if view.speed else state


def deciding_text(view: PublicView, elapsed: float = 0.0) -> Text:
    """``STILL DECIDING: France (4:32 to decide), United Kingdom``: a seat in a time box says how
    long it has by the wall clock, ``elapsed`` seconds after the view was made."""
    waiting = view.deciding
    if view.finished:
        return plain("")
    if not waiting:
        return plain("Nobody is deciding now.", "dim")
    out = Text("STILL DECIDING: ", style="bold")
    for i, s in enumerate(waiting):
        if i:
            out.append(", ")
        out.append(s.name, style="bold reverse")
        parts = []
        if s.box_left is not None:
            left = max(0, s.box_left - int(elapsed))
            parts.append(f"{left // 60}:{left % 60:02d} to decide" if left else "time is up")
        if parts:
            out.append(f" ({'; '.join(parts)})")
    return out


def event_when(e: Event) -> str:
    """``1 Sep 04:45``: when a public event happened, from its calendar instant."""
    try:
        at = datetime.fromisoformat(e.at)
    except ValueError:
        return e.at
    return f"{at.day} {at:%b %H:%M}"


def ticker_text(events: Sequence[Event], limit: int = TICKER, spaced: bool = False) -> Text:
    """The latest public events, newest first: the newest in bold, headlines in red."""
    out = Text()
    for i, e in enumerate(reversed(events[-limit:] if limit else ())):
        if i:
            out.append("\n\n" if spaced else "\n")
        style = "bold red" if e.kind in HEADLINES else "bold" if i == 0 else ""
        out.append(f"{event_when(e)}  ", style="dim" if i else "bold")
        out.append(e.text, style=style)
    return out if events else plain("Nothing public has happened yet.", "dim")


def wars_text(view: PublicView) -> Text:
    """Who is at war with whom, a pair a line."""
    if not view.wars:
        return plain("No state is at war.", "dim")
    return Text("\n".join(f"{view.name(a)} ✕ {view.name(b)}" for a, b in view.wars), style="bold")


def statements_text(view: PublicView, limit: int = 4) -> Text:
    """The latest public statements, newest first."""
    if not view.statements:
        return plain("No public statement yet.", "dim")
    out = Text()
    for i, e in enumerate(reversed(view.statements[-limit:])):
        if i:
            out.append("\n")
        out.append(f"{event_when(e)}  ", style="dim")
        out.append(e.text)
    return out


def rewrap(paragraphs: Sequence[str], width: int) -> str:
    """The hot wash's paragraphs (one a line) wrapped to ``width`` as the hot wash screen wraps
    them: a belief (indented) and a turn (``→``) hang by four columns, a bullet (``- ``) by two."""
    lines: list[str] = []
    for p in paragraphs:
        body = p.lstrip(" ")
        lead = p[: len(p) - len(body)]
        if body.startswith("- "):
            lead, body, hang = lead + "- ", body[2:], lead + "  "
        else:
            hang = "    " if lead or "→" in body else ""
        lines += textwrap.wrap(body, max(20, width), initial_indent=lead, subsequent_indent=hang) or [""]
    return "\n".join(lines)


class ProjectorScreen(Screen[None]):
    """The public picture, large (see the module docstring). ``source`` (optional) is polled
    every ``poll`` seconds for the latest view (None: nothing new); :meth:`show` shows a view
    pushed to it."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    DEFAULT_CSS = """
    ProjectorScreen { layout: vertical; }
    ProjectorScreen #projbar { height: 1; background: $primary; text-style: bold; padding: 0 1; }
    ProjectorScreen #projclock { width: 100%; text-align: center; color: $accent; margin: 1 0 0 0; }
    ProjectorScreen #projdate { height: 1; width: 100%; text-align: center; text-style: bold; }
    ProjectorScreen #projdeciding { height: auto; max-height: 3; padding: 0 1; margin: 1 0 0 0; }
    ProjectorScreen #projbody { height: 1fr; margin: 1 0 0 0; }
    ProjectorScreen #projticker { width: 2fr; height: 100%; padding: 0 1; border-right: vkey $primary; }
    ProjectorScreen #projside { width: 30; height: 100%; padding: 0 1; }
    ProjectorScreen.-wide #projside { width: 1fr; }
    ProjectorScreen.-wide #projclock { margin: 2 0 0 0; }
    ProjectorScreen.-wide #projdeciding { border: round $warning; max-height: 5; padding: 0 2; }
    ProjectorScreen #projbar.-notice { background: $error; }
    ProjectorScreen .projhead { height: 1; text-style: bold underline; }
    ProjectorScreen #projwars { height: auto; max-height: 50%; margin: 0 0 1 0; }
    ProjectorScreen #projwash { height: 1fr; padding: 0 1; display: none; }
    ProjectorScreen.-over #projwash { display: block; }
    ProjectorScreen.-over #projbody { display: none; }
    ProjectorScreen.-over #projclock { display: none; }
    ProjectorScreen.-over #projdeciding { display: none; }
    """

    def __init__(
        self,
        source: Callable[[], PublicView | None] | None = None,
        view: PublicView | None = None,
        poll: float = 0.5,
        wall: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.source = source
        self.view = view
        self.poll = poll
        self.wall = wall  # seconds, for the time boxes' countdown (tests pass their own)
        self.received = wall()  # when the view shown was received
        self.notice = ""  # the client's word on its connection ("reconnecting…"), "" if none

    def compose(self) -> ComposeResult:
        yield Static(id="projbar")
        yield Digits(id="projclock")
        yield Static(id="projdate")
        yield Static(id="projdeciding")
        with Horizontal(id="projbody"):
            yield Static(id="projticker")
            with Vertical(id="projside"):
                yield Static("AT WAR", classes="projhead")
                yield Static(id="projwars")
                yield Static("PUBLIC STATEMENTS", classes="projhead")
                yield Static(id="projstatements")
        with VerticalScroll(id="projwash"):
            yield Static(id="projwashtext")

    def on_mount(self) -> None:
        if self.view is not None:
            self.show(self.view)
        if self.source is not None:
            self.fetch()
            self.set_interval(self.poll, self.fetch)
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        """Count the time boxes down between views (a view says how long was left when made)."""
        view = self.view
        if view is not None and any(s.box_left for s in view.deciding):
            elapsed = self.wall() - self.received
            self.query_one("#projdeciding", Static).update(deciding_text(view, elapsed))

    def fetch(self) -> None:
        """Show the source's latest view, if it has a new one."""
        if self.source is None:
            return
        view = self.source()
        if view is not None and view != self.view:
            self.show(view)

    def show(self, view: PublicView) -> None:
        """Show ``view`` (a network client calls this with each view it receives)."""
        if view != self.view:
            self.received = self.wall()
        self.view = view
        if not self.is_mounted:
            return  # shown on mount
        wide = self.has_class("-wide")
        self._bar()
        self.query_one("#projclock", Digits).update(clock_digits(view.date))
        self.query_one("#projdate", Static).update(plain(long_date(view.date)))
        self.query_one("#projdeciding", Static).update(deciding_text(view, self.wall() - self.received))
        limit = TICKER * 2 if wide else TICKER
        self.query_one("#projticker", Static).update(ticker_text(view.events, limit, spaced=wide))
        self.query_one("#projwars", Static).update(wars_text(view))
        self.query_one("#projstatements", Static).update(statements_text(view))
        self.set_class(view.finished, "-over")
        if view.finished:
            self._show_wash()

    def set_notice(self, notice: str) -> None:
        """Say ``notice`` first on the top bar (a network client: ``reconnecting…``; "" clears it):
        the room sees the picture may be stale."""
        self.notice = notice
        if self.is_mounted:
            self._bar()

    def _bar(self) -> None:
        view = self.view
        parts = [self.notice] if self.notice else []
        if view is not None:
            parts += [view.title, clock_words(view), count(view.public_events, "public event")]
        self.query_one("#projbar", Static).update(plain("  ·  ".join(p for p in parts if p)))
        self.query_one("#projbar").set_class(bool(self.notice), "-notice")

    def _show_wash(self) -> None:
        assert self.view is not None
        width = self.app.size.width - WASH_MARGIN
        paragraphs = self.view.hot_wash or ("The game is over; the hot wash is on its way.",)
        self.query_one("#projwashtext", Static).update(plain(rewrap(paragraphs, width)))
        self.query_one("#projwash").focus()

    def on_resize(self) -> None:
        if self.view is not None:
            self.show(self.view)  # the wash wraps, and the ticker spaces, to the new width
