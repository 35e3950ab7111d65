"""``wargame serve --web``: the join client for browsers, through textual-serve.

A team with laptops and no terminal habit opens the printed address (``http://127.0.0.1:8000``)
and types its join code. textual-serve answers the page and, for each browser tab, starts one
``wargame join WS_URL`` process on this machine (no ``--code``: it asks for the code first,
ui/code_entry.py) and relays its screen and keys over a websocket of its own between the tab and
this machine. The join process then reaches the game server like any terminal does, over the
loopback interface. So a browser holds no game state and no code of ours runs in it; every tab is
one join process here (about 60 MB each).

The web server is textual-serve's aiohttp application, run in the same asyncio loop as the game
server (:func:`web_serving`), bound to the same host; Ctrl-C stops both. textual-serve is an
optional extra (``pip install 'wargame[web]'``). Nothing here imports Textual.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shlex
import sys
from collections.abc import AsyncIterator
from typing import Any

INSTALL = "pip install 'wargame[web]'"
WILDCARDS = ("", "0.0.0.0", "::")
QUIT_SECONDS = 5.0  # a tab's join process told to quit is killed if still there after this

log = logging.getLogger("wargame.web")


class WebError(ValueError):
    """``--web`` cannot run (textual-serve missing, the port taken): the message says what to do."""


def http_url(host: str, port: int) -> str:
    """The address to print for browsers (a wildcard host is printed as this machine's loopback)."""
    return f"http://{_bracketed(_reachable(host))}:{port}"


def local_ws_url(host: str, port: int) -> str:
    """The game server's address as a join process on this machine reaches it."""
    return f"ws://{_bracketed(_reachable(host))}:{port}/"


def _reachable(host: str) -> str:
    return "127.0.0.1" if host in WILDCARDS else host


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def join_command(ws_url: str) -> str:
    """The shell command textual-serve runs for each tab: this Python's ``wargame join WS_URL``."""
    return shlex.join([sys.executable, "-m", "wargame", "join", ws_url])


def check_installed() -> None:
    """WebError if textual-serve is not installed (``--web`` says how to install it)."""
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        raise WebError(f"--web needs textual-serve, which is not installed: {INSTALL}") from None


@contextlib.asynccontextmanager
async def web_serving(host: str, port: int, ws_url: str) -> AsyncIterator[int]:
    """textual-serve's web server on ``host:port`` for the game at ``ws_url``, in this loop:
    yields the port it listens on (``port`` 0: any free one); stopped (its join processes told
    to quit) on leaving."""
    check_installed()
    from aiohttp import web

    server = _server_class()(join_command(ws_url), host=host, port=port, title="wargame")
    runner = web.AppRunner(await server._make_app(), handle_signals=False)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        try:
            await site.start()
        except OSError as err:
            raise WebError(f"cannot listen for browsers on {host}:{port}: {err.strerror or err}") from None
        yield _port_of(runner, port)
    finally:
        await server.close_tabs()
        await runner.cleanup()


def _port_of(runner: Any, port: int) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple):
            return int(address[1])
    return port


def _server_class() -> Any:
    """textual-serve's Server, quieter (no logo on start), with the page's websocket address
    taken from the address the browser used (the Host header), so that a name, a tunnel's port
    or a TLS proxy (X-Forwarded-Proto: https) reaches it, not only ``host:port`` as printed, and
    keeping its tabs, so that stopping ends their join processes first (``close_tabs``)."""
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server, to_int

    class Tab(AppService):
        """One tab's join process."""

        process: asyncio.subprocess.Process | None = None

        async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
            self.process = await super()._open_app_process(width, height)
            return self.process

        async def ended(self) -> None:
            """Wait until the process has ended (told to quit; killed if still there after 5 s)."""
            if self.process is None:
                return
            try:
                await asyncio.wait_for(self.process.wait(), QUIT_SECONDS)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()

    class WebServer(Server):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.tabs: set[asyncio.Task[Any]] = set()

        async def on_startup(self, app: Any) -> None:
            """Say nothing: ``wargame serve`` prints the address beside the join lines."""

        async def handle_index(self, request: Any) -> Any:
            scheme = request.headers.get("X-Forwarded-Proto", request.scheme)
            # read synchronously by the page's template (no await between): one request at a time
            self.public_url = f"{scheme}://{request.host}"
            return await super().handle_index(request)

        async def handle_websocket(self, request: Any) -> Any:
            """textual-serve's own (a tab's websocket drives its process), with the tab kept
            while it runs and its process waited for at the end."""
            task = asyncio.current_task()
            assert task is not None
            self.tabs.add(task)
            websocket = web.WebSocketResponse(heartbeat=15)
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            tab: Tab | None = None

            async def close() -> None:
                await websocket.close()

            try:
                await websocket.prepare(request)
                tab = Tab(
                    self.command,
                    write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=close,
                    download_manager=self.download_manager,
                    debug=self.debug,
                )
                await tab.start(width, height)
                await self._process_messages(websocket, tab)
            except asyncio.CancelledError:  # stopping: close_tabs
                await websocket.close()
            except Exception:
                log.exception("a browser tab failed")
            finally:
                if tab is not None:
                    await tab.stop()  # says "quit" to the process
                    await tab.ended()
                self.tabs.discard(task)
            return websocket

        async def close_tabs(self) -> None:
            """End every tab: its websocket closed, its join process told to quit and waited for."""
            tabs = list(self.tabs)
            for task in tabs:
                task.cancel()
            if tabs:
                await asyncio.wait(tabs, timeout=2 * QUIT_SECONDS)

    return WebServer
