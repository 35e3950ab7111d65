"""`wargame serve --web`: textual-serve's page for browsers beside the game server, one process."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.net.web import http_url, join_command, local_ws_url


def test_web_without_textual_serve_says_how_to_install_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails as if not installed
    journal = tmp_path / "g.jsonl"
    code = main(["serve", "tutorial", "--seat", "corvia=human", "--journal", str(journal), "--web"])
    assert code == 2
    assert "pip install 'wargame[web]'" in capsys.readouterr().err
    assert not journal.exists()  # checked before the game is opened


def test_the_addresses_for_browsers_and_for_the_join_processes() -> None:
    assert http_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert http_url("0.0.0.0", 8000) == "http://127.0.0.1:8000"  # printed for this machine
    assert local_ws_url("::1", 8765) == "ws://[::1]:8765/"
    assert local_ws_url("0.0.0.0", 8765) == "ws://127.0.0.1:8765/"  # a join process is on this machine
    command = join_command("ws://127.0.0.1:8765/")
    assert command.endswith("-m wargame join ws://127.0.0.1:8765/") and "--code" not in command


def _banner(proc: subprocess.Popen[str]) -> list[str]:
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("Ctrl-C"):
            return lines
    raise AssertionError("no banner: " + (proc.stderr.read() if proc.stderr else ""))


async def _read_until(ws: object, text: bytes, seconds: float = 20.0) -> str:
    """What a browser tab is shown: textual-serve's websocket relays the join process's screen
    (terminal output as binary frames); read until ``text`` shows."""
    import aiohttp

    assert isinstance(ws, aiohttp.ClientWebSocketResponse)
    seen = b""
    deadline = time.monotonic() + seconds
    while text not in seen and time.monotonic() < deadline:
        try:
            msg = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
        except TimeoutError:
            break
        if msg.type == aiohttp.WSMsgType.BINARY:
            seen += msg.data
        elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            break
    return seen.decode("utf-8", "replace")


def _joins_to(game_url: str) -> list[str]:
    """The `wargame join` processes running for the game at ``game_url`` (the tabs' processes)."""
    found = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    return [
        line
        for line in found.splitlines()
        if f"wargame join {game_url}" in line and " -c " not in line  # (not the shell that starts it)
    ]


@pytest.mark.slow
async def test_serve_web_answers_browsers_with_the_join_page_and_stops_cleanly(tmp_path: Path) -> None:
    import aiohttp

    game = ["tutorial", "--seat", "corvia=human", "--journal", str(tmp_path / "g.jsonl"), "--port", "0"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "wargame", "serve", *game, "--web", "--web-port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        banner = await asyncio.to_thread(_banner, proc)
        web = next(line for line in banner if "in a browser" in line).split()[-1]
        assert web.startswith("http://127.0.0.1:")
        game_url = banner[0].split()[-1]  # Serving ... at ws://127.0.0.1:PORT/

        def get() -> tuple[int, str]:
            with urllib.request.urlopen(web + "/", timeout=10) as answer:
                return answer.status, answer.read().decode("utf-8")

        status, page = await asyncio.to_thread(get)
        assert status == 200
        assert "wargame" in page  # textual-serve's page names the app
        ws_url = f"ws://{web.removeprefix('http://')}/ws"
        assert f'data-session-websocket-url="{ws_url}"' in page
        async with aiohttp.ClientSession() as http, http.ws_connect(f"{ws_url}?width=100&height=30") as ws:
            # a tab's websocket starts `wargame join` here, which asks for the join code
            assert "join code" in await _read_until(ws, b"join code")
            assert len(_joins_to(game_url)) == 1  # one process for the tab, on this machine
            # Ctrl-C with the tab still open: both servers stop, and the tab's process with them
            proc.send_signal(signal.SIGINT)
            _out, err = await asyncio.to_thread(proc.communicate, None, 20)
            msg = await ws.receive(timeout=5)
            while msg.type == aiohttp.WSMsgType.BINARY:  # the screen drawn before the end
                msg = await ws.receive(timeout=5)
            assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)  # the tab is told
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "Game stopped" in err and "Traceback" not in err and "Event loop is closed" not in err
    assert not _joins_to(game_url)
    lines = [json.loads(line) for line in (tmp_path / "g.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[-1]["kind"] == "closed"  # stopped as Ctrl-C stops a plain serve: resumable


def test_a_taken_web_port_is_reported_and_the_journal_left_unmarked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    journal = tmp_path / "g.jsonl"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        game = ["tutorial", "--seat", "corvia=human", "--journal", str(journal), "--port", "0"]
        code = main(["serve", *game, "--web", "--web-port", str(port)])
    err = capsys.readouterr().err
    assert code == 2 and f"cannot listen for browsers on 127.0.0.1:{port}" in err
    assert "Traceback" not in err
    last = json.loads(journal.read_text(encoding="utf-8").splitlines()[-1])
    assert last["kind"] == "start"  # not marked closed: `serve --journal` goes on with it
