"""The client of a served game: it keeps the latest snapshot and sends decisions.

:meth:`Client.run` connects, says hello with the join code, and from then on keeps
:attr:`Client.snapshot` (the whole view of its role, newest ``seq``) and calls ``on_change``
after each message. A dropped connection is retried by itself with a growing pause (0.2 s up to
5 s); once back, every message not yet answered is sent again with its ``ref``, and the server,
which keeps its answer to each ref, applies it once. A ``refused`` (wrong code, seat already
joined) ends the run: retrying would not help. Nothing here imports Textual.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from wargame.net.protocol import encode, parse_server

RETRY_FIRST = 0.2  # seconds before the first retry; doubled each time
RETRY_MOST = 5.0


class Refused(Exception):
    """The server refused this client (the message says why)."""


class Client:
    """One connection to a served game, kept up (see the module docstring)."""

    def __init__(self, url: str, code: str, on_change: Callable[[Client], None] | None = None) -> None:
        self.url = url
        self.code = code
        self.on_change = on_change
        self.welcome: dict[str, Any] | None = None
        self.snapshot: dict[str, Any] | None = None
        self.status = "connecting"  # connecting, live, reconnecting, refused, stopped, over
        self.refused = ""
        self.answers: dict[str, dict[str, Any]] = {}  # ref -> accepted / rejected
        self.unanswered: dict[str, str] = {}  # ref -> frame, sent again after a reconnect
        self.frames = self.snapshots = self.bytes = 0  # received, counted (for the load test)
        self._ws: ClientConnection | None = None
        self._fresh = False
        self._waiters: list[tuple[Callable[[Client], bool], asyncio.Future[None]]] = []

    # -- running -------------------------------------------------------------------------

    async def run(self) -> None:
        """Connect and stay connected until :meth:`stop` or a refusal (then :class:`Refused`)."""
        pause = RETRY_FIRST
        while self.status != "stopped":
            try:
                async with connect(self.url, max_size=None, open_timeout=5) as ws:
                    self._ws = ws
                    await ws.send(encode("hello", code=self.code))
                    async for frame in ws:
                        self.frames += 1
                        self.bytes += len(frame.encode("utf-8") if isinstance(frame, str) else frame)
                        self._receive(parse_server(frame))
                        if self.status == "live":
                            pause = RETRY_FIRST
                    if self.refused:
                        raise Refused(self.refused)
            except (ConnectionClosed, OSError, InvalidHandshake, TimeoutError):
                if self.refused:
                    raise Refused(self.refused) from None
            except InvalidURI as err:
                raise Refused(f"not a server address: {err}") from None
            except ValueError as err:  # another protocol (a server upgraded under it), or not ours
                raise Refused(str(err)) from None
            finally:
                self._ws = None
            if self.status == "stopped":
                return
            if self.snapshot is not None and self.snapshot["clock"].get("finished"):
                self.status = "over"  # the game ended, then its server closed: nothing to come back to
                self._changed()
                return
            self.status = "reconnecting"
            self._changed()
            await asyncio.sleep(pause)
            pause = min(RETRY_MOST, pause * 2)

    async def stop(self) -> None:
        self.status = "stopped"
        if self._ws is not None:
            await self._ws.close()

    def _receive(self, msg: dict[str, Any]) -> None:
        kind = msg["type"]
        if kind == "welcome":
            self.welcome, self.status = msg, "live"
            self._fresh = True  # a restarted server numbers its changes afresh: take its first snapshot
            for frame in list(self.unanswered.values()):  # sent before a drop: the server answers once
                asyncio.get_running_loop().create_task(self._send(frame))
        elif kind == "refused":
            self.refused, self.status = str(msg.get("reason", "refused")), "refused"
        elif kind == "snapshot":
            self.snapshots += 1
            if self._fresh or self.snapshot is None or msg["seq"] >= self.snapshot["seq"]:
                self.snapshot, self._fresh = msg, False
        elif kind in ("accepted", "rejected"):
            ref = str(msg.get("ref", ""))
            self.unanswered.pop(ref, None)
            self.answers[ref] = msg
        self._changed()

    def _changed(self) -> None:
        for predicate, future in list(self._waiters):
            if not future.done() and predicate(self):
                future.set_result(None)
        if self.on_change is not None:
            self.on_change(self)

    async def _send(self, frame: str) -> None:
        if self._ws is not None:
            with contextlib.suppress(ConnectionClosed):
                await self._ws.send(frame)

    # -- asking --------------------------------------------------------------------------

    async def send(self, kind: str, /, **fields: Any) -> str:
        """Send a message with a fresh ``ref`` (returned); kept until answered, and sent again
        after a reconnect."""
        ref = secrets.token_hex(6)
        frame = encode(kind, ref=ref, **fields)
        self.unanswered[ref] = frame
        await self._send(frame)
        return ref

    async def wait(self, predicate: Callable[[Client], bool], timeout: float = 30.0) -> None:
        """Wait until ``predicate(self)`` holds (checked after every message)."""
        if predicate(self):
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (predicate, future)
        self._waiters.append(entry)
        try:
            await asyncio.wait_for(future, timeout)
        finally:
            self._waiters.remove(entry)

    async def request(self, kind: str, /, timeout: float = 30.0, **fields: Any) -> dict[str, Any]:
        """Send a message and wait for its answer (``accepted`` or ``rejected``)."""
        ref = await self.send(kind, **fields)
        await self.wait(lambda c: ref in c.answers, timeout)
        return self.answers[ref]

    @property
    def seq(self) -> int:
        return int(self.snapshot["seq"]) if self.snapshot is not None else -1
