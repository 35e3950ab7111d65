"""The authoritative server: one asyncio process holding the session and its journal.

Every client holds a join code (:mod:`wargame.net.codes`) and sees only what its role may see:
the server builds each role's whole view from the session's allowlist
(:mod:`wargame.net.snapshot`) and sends it on connect and after every change, numbered by
``seq``. Every decision is checked here before the session takes it: a seat acts only for
itself, on its own open prompts and the free decisions open to it, with a listed option; only
the white-cell code directs the game or touches the clock. The clock is the server's: the white
cell plays, pauses and steps it (``tempo``); it stops by itself for a new decision of a human
seat, a decision at its deadline, or an event of consequence
(:data:`~wargame.session.pace.STOPS`, as the seminar app's clock).

A message carries an optional ``ref``; the answer to an act that changed the game is kept (in
memory and in ``J.refs`` beside the journal, :mod:`wargame.net.refs`), so a client that resends
a decision after a dropped connection or a restart gets the same answer and the decision is
applied once. Nothing here imports Textual.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed

from wargame.engine.decisions import WHITE, DecisionError
from wargame.engine.journal import EVERYONE
from wargame.net.codes import SEAT_ROLE, SPECTATOR_ROLE, WHITE_ROLE, Codes, Grant, write_private
from wargame.net.protocol import (
    CLOSE_INTERNAL,
    CLOSE_POLICY,
    MAX_FRAME,
    PROTOCOL,
    TEMPO_ACTIONS,
    Message,
    ProtocolError,
    decode,
    encode,
)
from wargame.net.refs import Refs, refs_path, tempo_path
from wargame.net.snapshot import seat_snapshot, spectator_snapshot, white_snapshot, whole_scenario
from wargame.session.pace import DEFAULT_SPEED, GRAIN, SPEEDS, STOPS, TICKS_PER_SECOND, is_stop
from wargame.session.public import public_prompts
from wargame.session.session import Session
from wargame.session.views import PromptView

log = logging.getLogger(__name__)
HELLO_WAIT = 10.0  # seconds a new connection has to say hello
HOT_WASH_WIDTH = 100  # columns of the hot wash sent at the end
TAKEN_OVER = "joined from another screen"  # why a screen was closed: its code joined again
PING_TIMEOUT = 10.0  # seconds without a pong before a connection counts as dead
CLOCK_FAILED = "the server's clock failed (see its log)"  # why the clock stopped after a failure
NEUTRAL_STOP = "for the room"  # why the clock stopped, to a role that did not see the reason


class Server:
    """The game and its connections (see the module docstring)."""

    def __init__(self, session: Session, codes: Codes, journal: Path | None = None) -> None:
        self.session = session
        self.codes = codes
        self.journal = journal
        self.seq = 0
        self.running = False
        self.speed = DEFAULT_SPEED
        self.stopped = ""  # why the clock stopped by itself (the white cell's word)
        self.stopped_for: frozenset[str] | None = None  # seats told why (None: everyone)
        self.live: dict[Grant, ServerConnection] = {}  # seats and the white cell: one screen each
        self.clients: dict[ServerConnection, Grant] = {}
        self._ticker: asyncio.Task[None] | None = None
        self._closing: set[asyncio.Task[None]] = set()  # old screens being closed (_take_over)
        self._hot_wash: str | None = None
        self.box = 0  # wall-clock minutes the room is given for each human decision (0: no time box)
        self.opened: dict[str, float] = {}  # prompt id -> when its box started (time.monotonic)
        # prompts every screen has been shown (a resumed game's too): not news any more
        self.announced: set[str] = {p.id for p in session.pending()}
        # the answers kept by ref, also in J.refs
        self.refs = Refs(refs_path(journal) if journal is not None else None, session.lines)
        self._tempo = tempo_path(journal) if journal is not None else None
        self._load_tempo()

    # -- what each role sees -------------------------------------------------------------

    def clock(self, grant: Grant) -> dict[str, Any]:
        """The clock as ``grant``'s role may see it: a seat its own prompts' countdowns and time
        boxes, the white cell every prompt's, a spectator none (its public view says which seats
        are deciding, with their boxes). Why the clock stopped only if the role saw it happen."""
        s = self.session
        if grant.role == WHITE_ROLE:
            pending = s.pending()
        elif grant.role == SEAT_ROLE:
            pending = s.pending(grant.seat)
        else:
            pending = []
        told = grant.role == WHITE_ROLE or self.stopped_for is None or grant.seat in self.stopped_for
        return {
            "running": self.running,
            "speed": SPEEDS[self.speed][0],
            "stopped": self.stopped if told or not self.stopped else NEUTRAL_STOP,
            "now": s.now,
            "date": s.date,
            "finished": s.finished,
            "deciding": sorted({p.seat for p in pending}),
            "countdowns": {p.id: p.deadline - s.now for p in pending},  # minutes of game time
            "box": self.box,
            "boxes": self.boxes(pending),  # seconds of the room's time left, per decision
        }

    def boxes(self, pending: list[PromptView]) -> dict[str, int]:
        """Whole seconds left in each open decision's time box (none without a box). Nothing is
        decided when one runs out: the screens tell the room."""
        if not self.box:
            return {}
        now = time.monotonic()
        return {p.id: max(0, int(self.opened.get(p.id, now) + self.box * 60 - now + 0.999)) for p in pending}

    def snapshot(self, grant: Grant) -> str:
        """The whole current view of ``grant``'s role, as a frame."""
        if grant.role == SEAT_ROLE:
            body = seat_snapshot(self.session, grant.seat)
        elif grant.role == WHITE_ROLE:
            body = white_snapshot(self.session)
        else:
            pending = public_prompts(self.session)
            left = self.boxes(pending)
            seats: dict[str, int] = {}
            for p in pending:
                if p.id in left:
                    seats[p.seat] = min(seats.get(p.seat, left[p.id]), left[p.id])
            speed = SPEEDS[self.speed][0]
            body = spectator_snapshot(self.session, running=self.running, speed=speed, boxes=seats)
        if self.session.finished and grant.role != SPECTATOR_ROLE:  # (the public view carries it)
            body["hot_wash"] = self.hot_wash()
        return encode("snapshot", seq=self.seq, role=grant.role, clock=self.clock(grant), **body)

    def hot_wash(self) -> str:
        """The hot wash, for every screen once the game is over (as at one terminal): the outcome,
        each seat's key decisions with what it believed and what was true. Made once."""
        if self._hot_wash is None:
            from wargame.analysis.aar.hotwash import hot_wash_text
            from wargame.analysis.aar.public import kept_hot_wash  # made once for every role

            self._hot_wash = hot_wash_text(kept_hot_wash(self.session), HOT_WASH_WIDTH)
        return self._hot_wash

    def changed(self) -> None:
        """The game moved: number the change and send every client its role's new view."""
        self.session.settle()  # the instant's consequences first (a seat's snapshot would settle it anyway)
        now = time.monotonic()
        for p in self.session.pending():
            self.announced.add(p.id)
            self.opened.setdefault(p.id, now)
        self.seq += 1
        groups: dict[Grant, list[ServerConnection]] = {}
        for conn, grant in self.clients.items():
            groups.setdefault(grant, []).append(conn)
        for grant, conns in groups.items():
            broadcast(conns, self.snapshot(grant))

    # -- connections ---------------------------------------------------------------------

    async def handler(self, ws: ServerConnection) -> None:
        grant = None
        try:
            grant = await self._hello(ws)
            if grant is None:
                return
            async for frame in ws:
                try:
                    msg = decode(frame)
                except ProtocolError as err:
                    await ws.close(err.code, err.reason)
                    return
                try:
                    reply = self.answer(grant, msg)
                except Exception:  # a bug, not a bad frame: this connection ends, the game goes on
                    log.exception("the server failed on a %s message from %s", msg.type, grant)
                    await ws.close(CLOSE_INTERNAL, "the server failed on that message")
                    return
                await ws.send(encode(reply["type"], **{k: v for k, v in reply.items() if k != "type"}))
        except ConnectionClosed:
            pass
        finally:
            if grant is not None:
                self.clients.pop(ws, None)
                if self.live.get(grant) is ws:
                    del self.live[grant]  # a dropped seat is free again once its socket closes

    async def _hello(self, ws: ServerConnection) -> Grant | None:
        try:
            frame = await asyncio.wait_for(ws.recv(), HELLO_WAIT)
            msg = decode(frame)
        except TimeoutError:
            await self._refuse(ws, "say hello with your join code first")
            return None
        except ProtocolError as err:
            await ws.close(err.code, err.reason)
            return None
        if msg.type != "hello":
            await self._refuse(ws, "say hello with your join code first")
            return None
        grant = self.codes.lookup(msg.text("code"))
        if grant is None:
            await self._refuse(ws, "wrong join code")
            return None
        if grant.role != SPECTATOR_ROLE:
            old = self.live.get(grant)
            if old is not None:  # the newest screen with the code takes over (see _take_over)
                self._take_over(old)
            self.live[grant] = ws
        self.clients[ws] = grant
        scenario = self.session.scenario.scenario
        truth = {"whole_scenario": whole_scenario(self.session)} if grant.role == WHITE_ROLE else {}
        await ws.send(
            encode(
                "welcome",
                role=grant.role,
                seat=grant.seat,
                scenario={"name": scenario.name, "title": scenario.title},
                protocol=PROTOCOL,
                **truth,
            )
        )
        await ws.send(self.snapshot(grant))
        return grant

    def _take_over(self, old: ServerConnection) -> None:
        """A seat's or the white cell's code says hello while its old screen is still joined: the
        code is the key, so the newest screen takes the seat (one screen per code still holds).
        The old screen is told why and closed; a socket left half open by a dropped network
        (Wi-Fi, a laptop's sleep) would otherwise hold the seat until the ping timeout and
        turn the reconnecting screen away. Closed in the background: a dead socket's close
        waits for its timeout, and the new screen must not."""
        self.clients.pop(old, None)  # no more snapshots to it
        task = asyncio.get_running_loop().create_task(self._refuse(old, TAKEN_OVER))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def _refuse(self, ws: ServerConnection, reason: str) -> None:
        with contextlib.suppress(ConnectionClosed):
            await ws.send(encode("refused", reason=reason))
        await ws.close(CLOSE_POLICY, reason)

    # -- messages ------------------------------------------------------------------------

    def answer(self, grant: Grant, msg: Message) -> dict[str, Any]:
        """The answer to one message (applied once per ``ref``): its ``type`` and fields. An
        act's ref is written beside the journal before the act and its answer right after it,
        before any snapshot goes out (:mod:`wargame.net.refs`)."""
        if msg.type == "ping":
            return {"type": "pong", "ref": msg.ref}
        if msg.type == "hello":
            return {"type": "rejected", "ref": msg.ref, "reason": "already joined"}
        kept = self.refs.kept(grant, msg.ref)
        if kept:
            before = self.refs.get(grant, msg.ref)
            if before is not None:
                return before
            self.refs.pending(grant, msg.ref, len(self.session.lines))
        seq = self.seq
        try:
            self.act(grant, msg)
        except DecisionError as err:
            return {"type": "rejected", "ref": msg.ref, "reason": str(err)}
        reply: dict[str, Any] = {"type": "accepted", "ref": msg.ref}
        if kept:
            self.refs.answered(grant, msg.ref, reply)
        if self.seq == seq:
            self.changed()
        return reply

    def act(self, grant: Grant, msg: Message) -> None:
        """Check and apply a decision, a white-cell act or a tempo action (DecisionError if not)."""
        s = self.session
        if msg.type == "tempo" and msg.text("action") == "take_default" and grant.role == SEAT_ROLE:
            s.take_default(msg.text("prompt"), grant.seat)  # a seat may confirm its own default
            return
        if msg.type in ("white", "tempo") and grant.role != WHITE_ROLE:
            raise DecisionError(f"only the white cell may send {msg.type!r} (it needs the white cell's code)")
        if msg.type in ("decide", "order") and grant.role != SEAT_ROLE:
            raise DecisionError(f"{msg.type!r} is a seat's: join with a seat's code")
        if msg.type == "decide":
            prompt = next((p for p in s.pending(grant.seat) if p.id == msg.text("prompt")), None)
            if prompt is None:
                raise DecisionError(f"{msg.text('prompt')!r} is not an open decision of {grant.seat}")
            if msg.text("choice") not in prompt.options:
                raise DecisionError(f"{msg.text('choice')!r} is not an option: {', '.join(prompt.options)}")
            s.submit(grant.seat, prompt.id, msg.text("choice"), msg.text("reason"))
        elif msg.type == "order":
            free = {k: (opts, why) for k, opts, why in s.free_decisions(grant.seat)}
            kind, choice = msg.text("kind"), msg.text("choice")
            if kind not in free:
                raise DecisionError(f"{kind!r} is not an order a seat may give; orders: {', '.join(free)}")
            options, why = free[kind]
            if why is None and options and choice not in options:
                raise DecisionError(f"{choice!r} is not an option of {kind}: {', '.join(options)}")
            s.submit(grant.seat, None, choice, msg.text("reason"), kind=kind)
        elif msg.type == "white":
            s.direct(msg.text("act"), msg.text("choice"), msg.text("reason"), msg.text("text"))
        elif msg.type == "tempo":
            self.tempo(msg)

    def _save_tempo(self) -> None:
        """Keep the room's pace beside the journal (``J.tempo``): a restarted server keeps it."""
        if self._tempo is not None:
            write_private(self._tempo, json.dumps({"box": self.box, "speed": self.speed}) + "\n")

    def _load_tempo(self) -> None:
        if self._tempo is None or not self._tempo.exists():
            return
        try:
            kept = json.loads(self._tempo.read_text(encoding="utf-8"))
            box, speed = kept["box"], kept["speed"]
        except (OSError, ValueError, KeyError, TypeError):
            return  # damaged: the default pace, as for a new game
        if isinstance(box, int) and 0 <= box <= 24 * 60:
            self.box = box
        if isinstance(speed, int) and 0 <= speed < len(SPEEDS):
            self.speed = speed

    def tempo(self, msg: Message) -> None:
        """The white cell's hand on the clock."""
        action, s = msg.text("action"), self.session
        if action not in TEMPO_ACTIONS:
            raise DecisionError(f"unknown tempo action {action!r}; actions: {', '.join(TEMPO_ACTIONS)}")
        if action == "play":
            if s.finished or s.closed:
                raise DecisionError("the game is over")
            self.running, self.stopped, self.stopped_for = True, "", None
            self._start_ticker()
        elif action == "pause":
            self.running = False
        elif action in ("faster", "slower"):
            self.speed = max(0, min(len(SPEEDS) - 1, self.speed + (1 if action == "faster" else -1)))
        elif action == "take_default":
            s.take_default(msg.text("prompt"), WHITE)
        elif action == "box":
            minutes = msg.fields.get("at")
            if minutes is None or minutes > 24 * 60:
                raise DecisionError(
                    "tempo 'box' needs 'at': the minutes of a time box (0: none, at most a day)"
                )
            self.box = int(minutes)
        elif action == "step":
            self.running = False
            self.run_clock(s.horizon + 1)
        else:  # until
            at = msg.fields.get("at")
            if at is None:
                raise DecisionError("tempo 'until' needs 'at' (a minute of game time)")
            self.running = False
            self.run_clock(int(at))

        if action in ("faster", "slower", "box"):
            self._save_tempo()

    def run_clock(self, until: int) -> bool:
        """Run the game toward minute ``until``; stop at a new human prompt, a prompt at its
        deadline, or an event of consequence (STOPS). True if it stopped for one of them."""
        s = self.session
        until = min(until, s.horizon + 1)  # the end event is at the horizon: run through it
        while not (s.finished or s.closed) and s.now < until:
            seen, before = len(s.events), s.now
            s.advance_until_news(min(until, s.now + GRAIN))
            s.settle()
            fresh = [p for p in s.pending() if p.id not in self.announced]
            stops = [e for e in s.events[seen:] if is_stop(e)]
            waiting = s.due() if s.hold_deadlines else []
            if fresh or waiting or stops:
                if fresh or waiting:
                    self.stopped = "a decision" if fresh else "a deadline"
                    self.stopped_for = frozenset(p.seat for p in fresh or waiting)
                else:
                    self.stopped = STOPS[stops[0].kind]
                    self.stopped_for = None if EVERYONE in stops[0].see else frozenset(stops[0].see)
                return True
            if s.now == before and len(s.events) == seen:
                break
        return False

    def _start_ticker(self) -> None:
        if self._ticker is None or self._ticker.done():
            self._ticker = asyncio.get_running_loop().create_task(self._tick())

    async def _tick(self) -> None:
        """While the clock runs: a span of game time every tick, the room told of each. A failure
        stops the clock where every screen can see it (``stopped``), never silently."""
        while self.running:
            await asyncio.sleep(1 / TICKS_PER_SECOND)
            if not self.running:
                break
            s = self.session
            try:
                if self.run_clock(s.now + SPEEDS[self.speed][1]) or s.finished or s.closed:
                    self.running = False
                self.changed()
            except Exception:
                log.exception("the clock failed at minute %s", s.now)
                self.running, self.stopped, self.stopped_for = False, CLOCK_FAILED, None
                with contextlib.suppress(Exception):
                    self.changed()
                return

    # -- running -------------------------------------------------------------------------

    async def run(
        self, host: str, port: int, ready: Callable[[int], Awaitable[None] | None] | None = None
    ) -> None:
        """Serve until cancelled (Ctrl-C); ``ready`` is told the port once it listens."""
        async with serve(
            self.handler, host, port, max_size=MAX_FRAME, ping_interval=20, ping_timeout=PING_TIMEOUT
        ) as ws_server:
            bound = next(iter(ws_server.sockets)).getsockname()[1]
            if ready is not None:
                result = ready(bound)
                if result is not None:
                    await result
            try:
                await asyncio.Future()
            finally:
                self.running = False
                if self._ticker is not None:
                    self._ticker.cancel()
                ws_server.close(close_connections=True)
