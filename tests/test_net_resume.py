"""`kill -9` of a `wargame serve` process, then `serve --resume J`: the game goes on from its
journal, the journal only grows, and the clients come back by themselves with the same codes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from wargame.net.client import Client


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.asynccontextmanager
async def wargame_serve(*args: str) -> AsyncIterator[subprocess.Popen[str]]:
    """A `wargame serve` process, once it prints its banner."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "wargame", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = await asyncio.to_thread(proc.stdout.readline)
        assert line.startswith("Serving"), line + (proc.stderr.read() if proc.stderr else "")
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            await asyncio.to_thread(proc.wait, 10)


@pytest.mark.slow
async def test_kill_9_and_resume_lose_nothing_and_the_clients_come_back(tmp_path: Path) -> None:
    journal, port = tmp_path / "g.jsonl", free_port()
    url = f"ws://127.0.0.1:{port}/"
    common = ["--port", str(port)]
    async with wargame_serve(
        "tutorial", "--seat", "corvia=human", "--seat", "belmark=human", "--journal", str(journal), *common
    ) as first:
        codes = json.loads((tmp_path / "g.jsonl.codes").read_text())
        assert oct(os.stat(tmp_path / "g.jsonl.codes").st_mode & 0o777) == "0o600"
        code = {(g["role"], g["seat"]): c for c, g in codes.items()}
        white, corvia = Client(url, code["white", ""]), Client(url, code["seat", "corvia"])
        tasks = [asyncio.create_task(c.run()) for c in (white, corvia)]
        await corvia.wait(lambda c: c.snapshot is not None)
        await white.wait(lambda c: c.snapshot is not None)
        while not corvia.snapshot["view"]["pending"]:
            await white.request("tempo", action="step")
            await asyncio.sleep(0.05)
        prompt = corvia.snapshot["view"]["pending"][0]
        answer = await corvia.request(
            "decide", prompt=prompt["id"], choice=prompt["options"][0], reason="before"
        )
        assert answer["type"] == "accepted"
        before_kill = journal.read_text(encoding="utf-8")
        view = corvia.snapshot["view"]
        first.send_signal(signal.SIGKILL)
        await asyncio.to_thread(first.wait, 10)
        await corvia.wait(lambda c: c.status == "reconnecting", timeout=10)
    async with wargame_serve("--resume", str(journal), *common):
        await corvia.wait(
            lambda c: c.status == "live" and c.snapshot["view"]["now"] == view["now"], timeout=15
        )
        assert corvia.snapshot["view"]["events"] == view["events"]  # the same screen
        await white.wait(lambda c: c.status == "live", timeout=15)
        now = white.snapshot["clock"]["now"]
        assert (await white.request("tempo", action="step"))["type"] == "accepted"
        await corvia.wait(lambda c: c.snapshot["clock"]["now"] > now, timeout=15)
        for c in (white, corvia):
            await c.stop()
        for t in tasks:
            t.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await t
    after = journal.read_text(encoding="utf-8")
    assert after.startswith(before_kill) and len(after) > len(before_kill)
    assert sum('"reason":"before"' in line for line in after.splitlines()) == 1
