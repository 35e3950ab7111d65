"""A served game as the screens read it: the latest snapshot of a :class:`~wargame.net.client.Client`.

The seat screens, the order forms and the white-cell screens read a game through the parts of
:class:`~wargame.session.session.Session` they use (``view``, ``pending``, ``free_decisions``,
``white_cell``, ``now``...). :class:`RemoteSession` answers the same questions from what the
server sent for this screen's role, and nothing else: a seat's screen has its seat's view, its
open orders and its :class:`~wargame.session.setting.Setting`; the white cell's has the ground
truth and the whole scenario. Orders do not go through here: the app sends them (ui/join.py).
Nothing here imports Textual.
"""

from __future__ import annotations

from typing import Any

from wargame.engine.decisions import WHITE
from wargame.engine.journal import Event
from wargame.model.clock import DAY
from wargame.model.scenario import Scenario
from wargame.model.scenario_files.structure import CONVERTER
from wargame.net.client import Client
from wargame.net.snapshot import read_seat_view, read_white_view
from wargame.session.seats import HUMAN
from wargame.session.setting import Setting
from wargame.session.views import PromptView, SeatView, WhiteCellView


class RemoteSession:
    """The game as this screen's role sees it (see the module docstring)."""

    def __init__(self, client: Client) -> None:
        assert client.welcome is not None and client.snapshot is not None
        self.client = client
        self.role = str(client.welcome["role"])
        self.seat = str(client.welcome.get("seat", ""))
        whole = client.welcome.get("whole_scenario")
        self._scenario: Scenario | None = CONVERTER.structure(whole, Scenario) if whole else None
        self._cache: dict[str, tuple[object, Any]] = {}  # key -> (the snapshot it was read from, value)
        self.hold_deadlines = True  # the server's clock waits at a human deadline

    # -- the snapshot ---------------------------------------------------------------------

    @property
    def snap(self) -> dict[str, Any]:
        assert self.client.snapshot is not None
        return self.client.snapshot

    def _read(self, key: str, make: Any) -> Any:
        snap = self.client.snapshot
        cached = self._cache.get(key)
        if cached is None or cached[0] is not snap:
            cached = self._cache[key] = (snap, make())
        return cached[1]

    @property
    def setting(self) -> Setting:
        return self._read("setting", lambda: Setting.from_json(self.snap["setting"]))  # type: ignore[no-any-return]

    @property
    def scenario(self) -> Scenario | Setting:
        """The whole scenario at the white cell (it may read it all); a seat's setting elsewhere."""
        return self._scenario if self._scenario is not None else self.setting

    # -- the clock ------------------------------------------------------------------------

    @property
    def clock(self) -> dict[str, Any]:
        return dict(self.snap["clock"])

    @property
    def now(self) -> int:
        return int(self.clock["now"])

    @property
    def date(self) -> str:
        return str(self.clock["date"])

    @property
    def finished(self) -> bool:
        return bool(self.clock["finished"])

    closed = False

    @property
    def horizon(self) -> int:
        return self.setting.scenario.horizon_days * DAY

    # -- the views ------------------------------------------------------------------------

    @property
    def seats(self) -> dict[str, str]:
        """Who plays each seat (the white cell is told; a seat knows only that it is human)."""
        return dict(self.snap.get("seats") or {self.seat: HUMAN})

    def view(self, seat: str) -> SeatView:
        if seat != self.seat:
            raise LookupError(f"this screen is {self.seat or self.role}'s, not {seat}'s")
        return self._read("view", lambda: read_seat_view(self.snap["view"]))  # type: ignore[no-any-return]

    def white_cell(self) -> WhiteCellView:
        if self.role != "white":
            raise LookupError("only the white cell's screen holds the ground truth")
        return self._read("white", lambda: read_white_view(self.snap["view"]))  # type: ignore[no-any-return]

    @property
    def events(self) -> list[Event]:
        return list(self.white_cell().events if self.role == "white" else self.view(self.seat).events)

    def pending(self, seat: str | None = None) -> list[PromptView]:
        """Open prompts of human seats (or of ``seat``) that this screen may see."""
        if self.finished:
            return []
        if self.role == "white":
            humans = {s for s, c in self.seats.items() if c == HUMAN}
            return [
                p
                for p in self.white_cell().pending
                if (p.seat == seat if seat else p.seat in humans) and p.deadline > self.now
            ]
        if seat not in (None, self.seat):
            return []
        return list(self.view(self.seat).pending)

    def due(self) -> list[PromptView]:
        return [p for p in self.pending() if p.deadline - 1 <= self.now]

    def free_decisions(self, seat: str) -> list[tuple[str, tuple[str, ...], str | None]]:
        if seat != self.seat:
            return []
        return [(str(k), tuple(opts), why) for k, opts, why in self.snap.get("free", [])]

    def name(self, actor: str) -> str:
        if actor == WHITE:
            return "the white cell"
        return next((a.name for a in self.setting.actors if a.id == actor), actor)
