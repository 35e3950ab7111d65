"""``wargame join URL --code CODE``: the seminar app's screens, fed by a served game.

:class:`JoinApp` is the seminar app (:class:`ui.app.WargameApp`) with the game on the server: its
screens read a :class:`~ui.remote.RemoteSession` (the latest snapshot of this screen's role) and
its orders, white-cell acts and clock keys go over the wire (:mod:`wargame.net.client`). A seat's
code opens that seat's screen (no hand-over: one team, one screen), the white cell's code the
white-cell screen with the clock keys (space, n, t, +/-, D act on the server's clock, for every
screen), the spectators' code the public picture. A dropped connection says "reconnecting…" on
the clock bar and comes back by itself to the same screen; an order sent meanwhile is sent again
and taken once (the server answers each order's ref once).

Without ``--code`` (a browser tab of ``wargame serve --web`` runs ``wargame join URL``), the app
opens on :class:`~ui.code_entry.CodeScreen`: the code typed there is checked by the server, a
refusal is shown there to try again, and the right code opens the screens of its role (the
spectators' code the projector view, in this same app).
"""

from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING, Any, cast

from textual.app import App

from ui.app import WargameApp
from ui.code_entry import CodeScreen
from ui.projector import ProjectorScreen
from ui.remote import RemoteSession
from ui.tempo import BOXES, following
from wargame.engine.decisions import WHITE
from wargame.net.client import Client, Refused
from wargame.net.codes import SPECTATOR_ROLE
from wargame.session.pace import SPEEDS
from wargame.session.public import public_view_from_json
from wargame.session.setting import Setting

if TYPE_CHECKING:
    from wargame.session.session import Session


class JoinError(ValueError):
    """Bad input to ``wargame join`` (reported as a message, exit 2)."""


class JoinApp(WargameApp):
    """The seminar app on a served game (see the module docstring)."""

    def __init__(self, client: Client | None = None, url: str = "") -> None:
        """``client``: a connection whose code the server has taken (its first snapshot in);
        None: ask for the code on :class:`~ui.code_entry.CodeScreen` first, for the server at
        ``url``."""
        super().__init__(None, journal=None, facilitator=True)
        self.url = client.url if client is not None else url
        self._client: Client | None = None
        self.seen_status = "live"
        self.seen_prompts: set[str] = set()
        self.projector: ProjectorScreen | None = None  # the spectators' code, typed on the code screen
        if client is not None:
            self._use(client)

    @property
    def client(self) -> Client:
        """The connection (there is one once a code is taken: no game screen is up before)."""
        if self._client is None:
            raise LookupError("no connection yet: the join code has not been taken")
        return self._client

    @property
    def remote(self) -> RemoteSession:
        return self.session  # type: ignore[return-value]

    def _use(self, client: Client) -> None:
        # duck-typed: a RemoteSession answers what the screens ask a Session (ui/remote.py)
        self._client = client
        self._session = cast("Session", RemoteSession(client))
        self.seen_prompts = {p.id for p in self.remote.pending()}
        client.on_change = self.on_client

    # -- the join code -------------------------------------------------------------------

    def open_lobby(self) -> None:
        """No ``--code``: the code screen first (there is no lobby on a joined screen)."""
        self.push_screen(CodeScreen(self.url, self.check_code), callback=self._code_taken)

    async def check_code(self, code: str) -> tuple[Client, str]:
        """Ask the server whether it takes ``code``: (the connection, its role), or JoinError
        with the server's reason."""
        client = Client(self.url, code)
        role = await _first_contact(client)
        return client, role

    def _code_taken(self, joined: tuple[Client, str] | None) -> None:
        if joined is None:
            return
        client, role = joined
        if role == SPECTATOR_ROLE:
            self._project(Client(client.url, client.code))
            return
        self._use(client)
        client.status = "connecting"
        self.begin()

    def _project(self, client: Client) -> None:
        """The spectators' code: the projector view in this app, fed as ProjectorApp feeds it."""
        self._client = client
        projector = self.projector = ProjectorScreen()

        def changed(_client: Client) -> None:
            self.call_later(show_public, projector, client)

        client.on_change = changed
        self._show_only(projector)
        self.run_worker(client.run(), exit_on_error=False)
        self.call_after_refresh(show_public, projector, client)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.projector is not None:  # the projector: only q (quit) of the game keys
            return action == "quit_game" or action not in self.GAME_ACTIONS
        return super().check_action(action, parameters)

    # -- starting ------------------------------------------------------------------------

    async def _keep_connected(self) -> None:
        try:
            await self.client.run()
        except Refused as err:
            self.exit(f"The server refused this screen: {err}")

    def begin(self) -> None:
        """One screen, one role: no hand-over, no PIN (the join code is the key). Called once the
        app is up (WargameApp.on_mount): the connection is kept from then on."""
        self.run_worker(self._keep_connected(), exit_on_error=False)
        me = WHITE if self.remote.role == "white" else self.remote.seat
        self.rotation = [me]
        self.alerts.scanned = len(self.remote.events)
        self._sync_clock()
        self.current = self.last_seated = me
        self._show_only(self._screen_for(me))

    def setting(self, seat: str) -> Setting:
        return self.remote.setting

    def name_of(self, seat: str) -> str:
        return self.remote.name(seat)

    def show_briefing(self, seat: str) -> None:
        from ui.briefing import BriefingScreen

        if seat == WHITE:
            text = "The white cell's pack is printed by `wargame brief SCENARIO --white-cell` on the server."
        else:
            text = self.remote.view(seat).briefing
        self.push_screen(BriefingScreen(self.name_of(seat), text))

    # -- the wire ------------------------------------------------------------------------

    def on_client(self, client: Client) -> None:
        """After every message from the server: redraw (once the screens are up), and tell the
        room what changed. Run by the app's loop, so that a fault shows, not the connection's."""
        self.call_later(self._update, client)

    def _update(self, client: Client) -> None:
        if client.status != self.seen_status:
            if client.status == "reconnecting":
                self.notify("Connection lost: reconnecting…", severity="warning", timeout=5)
            elif client.status == "over":
                self.notify(
                    "The game is over and its server has closed: the hot wash stays here.", timeout=10
                )
            elif client.status == "live" and self.seen_status == "reconnecting":
                self.notify("Reconnected: nothing was lost.", timeout=4)
            self.seen_status = client.status
        if client.snapshot is None or not self.current:
            return
        self._sync_clock()
        if self.remote.finished and not self.ended_shown and self.remote.snap.get("hot_wash"):
            self.ended_shown = True
            self.action_hot_wash()
        fresh = [p for p in self.remote.pending() if p.id not in self.seen_prompts]
        self.seen_prompts.update(p.id for p in fresh)
        self.halt_for_room(fresh)
        self.refresh_screen()

    def _sync_clock(self) -> None:
        clock = self.remote.clock
        self.clock.running = bool(clock["running"])
        self.clock.stopped = str(clock.get("stopped", ""))
        self.tempo.box = int(clock.get("box", 0))
        now = self.tempo.wall()
        for prompt, left in clock.get("boxes", {}).items():  # the server's box, counted down here
            self.tempo.opened[prompt] = now - (self.tempo.box * 60 - int(left))
        labels = [label for label, _ in SPEEDS]
        if clock["speed"] in labels:
            self.clock.speed = labels.index(clock["speed"])

    def _send(self, kind: str, /, **fields: Any) -> None:
        """Send a message; the answer is told when it comes (rejections in red)."""

        async def go() -> None:
            answer = await self.client.request(kind, timeout=120, **fields)
            if answer["type"] == "rejected":
                self.notify(str(answer["reason"]), title="Not taken", severity="error", timeout=8)
            elif kind in ("decide", "order", "white"):
                self.notify("Recorded in the journal (on the server).", timeout=3)

        self.run_worker(go(), exit_on_error=False)

    def order(self, seat: str, prompt: str | None, kind: str, choice: str, reason: str) -> str | None:
        if prompt is not None:
            self._send("decide", prompt=prompt, choice=choice, reason=reason)
        else:
            self._send("order", kind=kind, choice=choice, reason=reason)
        return None

    def direct(self, kind: str, choice: str, reason: str = "", text: str = "") -> str | None:
        self._send("white", act=kind, choice=choice, reason=reason, text=text)
        return None

    def bar_text(self, seat: str, pending: Any = None) -> str:
        text = super().bar_text(seat, pending)
        return text if self.client.status == "live" else f"{connection_word(self.client)} — {text}"

    # -- the clock: the server's, in the white cell's hands --------------------------------

    def _tempo(self, action: str, /, **fields: Any) -> None:
        if self.remote.role != "white":
            self.notify("The white cell runs the clock.", severity="warning")
            return
        self._send("tempo", action=action, **fields)

    def action_toggle_clock(self) -> None:
        self._tempo("pause" if self.remote.clock["running"] else "play")

    def action_step(self) -> None:
        self._tempo("step")

    def action_turn(self) -> None:
        self._tempo("until", at=self.remote.now + self.tempo.turn)

    def action_faster(self) -> None:
        self._tempo("faster")

    def action_slower(self) -> None:
        self._tempo("slower")

    def action_time_box(self) -> None:
        """The next time box per decision (B), for every screen: the server keeps it."""
        self._tempo("box", at=following(BOXES, self.tempo.box))

    def action_take_default(self) -> None:
        due = self.remote.due()
        if not due:
            self.notify("No decision is at its deadline.", severity="warning")
        else:  # the white cell for any seat, a seat for itself; the journal says who confirmed it
            self._send("tempo", action="take_default", prompt=due[0].id)

    def on_tick(self) -> None:
        """The server runs the clock; nothing ticks here."""

    def action_handover(self) -> None:
        self.notify("One screen, one seat: nothing to hand over.")

    def action_white_cell(self) -> None:
        self.notify("The white cell has its own screen (its own join code).")

    def action_hot_wash(self) -> None:
        """The hot wash, sent by the server to every screen once the game is over."""
        from ui.briefing import BriefingScreen

        text = self.remote.snap.get("hot_wash")
        if not text:
            self.notify("The hot wash opens on every screen at the end of the game.")
            return
        self.push_screen(BriefingScreen("hot wash — the game is over", f"```\n{text}\n```"))

    def finish(self) -> None:
        self.exit("")

    def action_quit_game(self) -> None:
        self.exit("")


class ProjectorApp(App[None]):
    """The projector's app for the spectators' code: the public picture, large
    (:class:`~ui.projector.ProjectorScreen`), each view pushed as the server sends it
    (:func:`wargame.net.snapshot.spectator_snapshot`), "reconnecting…" on its bar while the
    connection is down."""

    TITLE = "wargame: projector"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.projector = ProjectorScreen()
        client.on_change = self._changed

    def _changed(self, _client: Client) -> None:
        self.call_later(self.refresh_view)

    def on_mount(self) -> None:
        self.push_screen(self.projector)
        self.run_worker(self.client.run(), exit_on_error=False)
        self.refresh_view()

    def refresh_view(self) -> None:
        if self.is_running:
            show_public(self.projector, self.client)


def connection_word(client: Client) -> str:
    """What a screen says of a connection that is not live."""
    return "game over, server closed" if client.status == "over" else "reconnecting…"


def show_public(projector: ProjectorScreen, client: Client) -> None:
    """Show the client's latest public view on the projector, and the state of its connection."""
    if not projector.is_mounted:
        return
    projector.set_notice("" if client.status == "live" else connection_word(client))
    snap = client.snapshot
    if snap is not None:
        projector.show(public_view_from_json(snap["view"]))


def cmd_join(args: argparse.Namespace) -> int:
    if not args.url.startswith(("ws://", "wss://")):
        raise JoinError(
            f"{args.url!r} is not a server address: it starts ws:// (as `wargame serve` printed it)"
        )
    if args.code is None:  # ask for it on the code screen (a browser tab of `serve --web`)
        return _finish(JoinApp(url=args.url).run())
    client = Client(args.url, args.code)
    runner = asyncio.new_event_loop()
    try:
        welcome = runner.run_until_complete(_first_contact(client))
    finally:
        runner.close()
    if welcome == "spectator":
        app: App[Any] = ProjectorApp(Client(args.url, args.code, None))
    else:
        app = JoinApp(client)
        client.status = "connecting"
    return _finish(app.run())


def _finish(result: object) -> int:
    if isinstance(result, str) and result:
        print(result)
    return 0


async def _first_contact(client: Client) -> str:
    """Check the code before the screen opens: the role it gives (JoinError if refused)."""
    task = asyncio.create_task(client.run())
    try:
        await client.wait(lambda c: c.snapshot is not None or c.status == "refused", timeout=10)
    except TimeoutError:
        raise JoinError(f"no answer from {client.url}: is `wargame serve` running there?") from None
    finally:
        await client.stop()
        task.cancel()
        try:
            await task
        except Refused as err:
            raise JoinError(f"the server refused this screen: {err}") from None
        except (asyncio.CancelledError, Exception):
            pass
    if client.refused:
        raise JoinError(f"the server refused this screen: {client.refused}")
    assert client.welcome is not None
    return str(client.welcome["role"])
