"""Bad clients are refused or closed with their reason; the server and the other clients go on."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from net_support import joined, scripted_session, serving
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from wargame.net.client import Client, Refused
from wargame.net.protocol import (
    CLOSE_INTERNAL,
    CLOSE_INVALID,
    CLOSE_POLICY,
    CLOSE_TOO_BIG,
    CLOSE_UNSUPPORTED,
    MAX_FRAME,
    encode,
)


def tutorial(tmp_path: Path) -> Any:
    session, _ = scripted_session("tutorial", 1, "tutorial-opening", tmp_path / "g.jsonl")
    return session


async def closed_with(url: str, *frames: str | bytes) -> tuple[int | None, str, list[dict[str, Any]]]:
    """Send ``frames`` on a raw connection; the close code and reason, and what came before."""
    got: list[dict[str, Any]] = []
    async with connect(url, max_size=None) as ws:
        try:
            for frame in frames:
                await ws.send(frame)
            async for reply in ws:
                got.append(json.loads(reply))
        except ConnectionClosed:
            pass
        return ws.close_code, ws.close_reason or "", got


async def eventually(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("it never happened")


async def still_fine(server: Any, url: str) -> None:
    """The server still serves: a fresh spectator joins and gets a snapshot."""
    async with joined(server, url, ["spectator"]) as c:
        assert c["spectator"].snapshot is not None


async def test_a_wrong_code_is_refused_and_closed(tmp_path: Path) -> None:
    async with serving(tutorial(tmp_path)) as (server, url):
        code, reason, got = await closed_with(url, encode("hello", code="ZZZZ-ZZZZ"))
        assert (code, reason) == (CLOSE_POLICY, "wrong join code")
        assert got == [{"v": 1, "type": "refused", "reason": "wrong join code"}]
        with pytest.raises(Refused, match="wrong join code"):
            await Client(url, "ABCD-EFGH").run()  # the client stops: retrying would not help
        await still_fine(server, url)


async def test_a_seat_joining_again_takes_over_from_its_half_open_screen(tmp_path: Path) -> None:
    async with serving(tutorial(tmp_path)) as (server, url):
        code = server.codes.code_of("seat", "corvia")
        async with connect(url, max_size=None) as old:
            await old.send(encode("hello", code=code))
            assert json.loads(await old.recv())["type"] == "welcome"
            old.transport.pause_reading()  # half open: the network dropped it, nobody answers
            # the same code from a new screen (the laptop woke up) is let in at once
            new = Client(url, code.lower().replace("-", ""))
            task = asyncio.create_task(new.run())
            try:
                await new.wait(lambda c: c.snapshot is not None, timeout=5)
                assert [g.seat for g, ws in server.live.items() if g.seat == "corvia"] == ["corvia"]
                assert len([g for g in server.clients.values() if g.seat == "corvia"]) == 1
                old.transport.resume_reading()  # the old screen is told why it was closed
                got = []
                with contextlib.suppress(ConnectionClosed):
                    async for frame in old:
                        got.append(json.loads(frame))
                assert got[-1] == {"v": 1, "type": "refused", "reason": "joined from another screen"}
                assert (old.close_code, old.close_reason) == (CLOSE_POLICY, "joined from another screen")
            finally:
                await new.stop()
                task.cancel()


async def test_one_screen_per_code_the_older_stops_for_good(tmp_path: Path) -> None:
    async with serving(tutorial(tmp_path)) as (server, url), joined(server, url, ["corvia"]) as c:
        first = asyncio.create_task(c["corvia"].wait(lambda x: x.status == "refused"))
        async with joined(server, url, ["corvia"]) as again:
            await first  # the older screen is refused (it does not come back to take the seat again)
            assert c["corvia"].refused == "joined from another screen"
            before = again["corvia"].seq
            async with joined(server, url, ["white"]) as w:
                assert (await w["white"].request("tempo", action="step"))["type"] == "accepted"
                await again["corvia"].wait(lambda x: x.seq > before)
            assert len([g for g in server.clients.values() if g.seat == "corvia"]) == 1


@pytest.mark.parametrize(
    ("frame", "code", "reason"),
    [
        ("{not json", CLOSE_UNSUPPORTED, "not JSON: every frame is a JSON object"),
        ("[1, 2]", CLOSE_UNSUPPORTED, "not a JSON object: every frame is one"),
        ('{"v": 2, "type": "ping"}', CLOSE_UNSUPPORTED, "protocol version 2 is not 1"),
        ('{"v": 1, "type": "launch"}', CLOSE_UNSUPPORTED, "unknown message type 'launch'"),
        ('{"v": 1, "type": "decide", "prompt": "x"}', CLOSE_INVALID, "decide: field 'choice' is missing"),
        ('{"v": 1, "type": "decide", "prompt": 3, "choice": "x"}', CLOSE_INVALID, "decide: field 'prompt'"),
        ('{"v": 1, "type": "ping", "extra": 1}', CLOSE_INVALID, "ping: unknown field 'extra'"),
        (b"\x00\x01", CLOSE_UNSUPPORTED, "binary frames are not part of the protocol"),
        ("x" * (MAX_FRAME + 1), CLOSE_TOO_BIG, ""),
    ],
    ids=[
        "not-json",
        "not-object",
        "version",
        "unknown-type",
        "missing",
        "bad-type",
        "extra",
        "binary",
        "too-big",
    ],
)
async def test_a_bad_frame_closes_that_connection_only(
    tmp_path: Path, frame: str, code: int, reason: str
) -> None:
    async with serving(tutorial(tmp_path)) as (server, url), joined(server, url, ["corvia", "white"]) as c:
        hello = encode("hello", code=server.codes.code_of("seat", "belmark"))
        got = await closed_with(url, hello, frame)
        assert got[0] == code and got[1].startswith(reason)
        assert [m["type"] for m in got[2]] in (["welcome", "snapshot"], [])  # (too big: dropped unread)
        before = c["corvia"].seq
        assert (await c["white"].request("tempo", action="step"))["type"] == "accepted"
        await c["corvia"].wait(lambda x: x.seq > before)  # the others go on
        await still_fine(server, url)


async def test_a_frame_before_hello_is_refused(tmp_path: Path) -> None:
    async with serving(tutorial(tmp_path)) as (_, url):
        got = await closed_with(url, encode("ping"))
        assert got[:2] == (CLOSE_POLICY, "say hello with your join code first")


async def test_a_seat_acts_only_for_itself_and_never_as_the_white_cell(tmp_path: Path) -> None:
    session = tutorial(tmp_path)
    async with serving(session) as (server, url), joined(server, url, ["corvia", "belmark", "white"]) as c:
        while not session.pending("belmark"):
            assert (await c["white"].request("tempo", action="step"))["type"] == "accepted"
        theirs = session.pending("belmark")[0]
        lines = len(session.lines)
        answer = await c["corvia"].request("decide", prompt=theirs.id, choice=theirs.options[0])
        assert answer["type"] == "rejected" and "not an open decision of corvia" in answer["reason"]
        answer = await c["corvia"].request("white", act="publish_inject", choice="border-closed")
        assert answer["type"] == "rejected" and "only the white cell" in answer["reason"]
        answer = await c["belmark"].request("tempo", action="play")
        assert answer["type"] == "rejected" and "only the white cell" in answer["reason"]
        answer = await c["white"].request("decide", prompt=theirs.id, choice=theirs.options[0])
        assert answer["type"] == "rejected" and "join with a seat's code" in answer["reason"]
        answer = await c["belmark"].request("decide", prompt=theirs.id, choice="surrender")
        assert answer["type"] == "rejected" and "not an option" in answer["reason"]
        assert len(session.lines) == lines  # nothing of it reached the journal
        answer = await c["belmark"].request("decide", prompt=theirs.id, choice=theirs.options[0], reason="ok")
        assert answer["type"] == "accepted"
        assert len(session.lines) > lines
        await c["belmark"].wait(lambda x: all(p["id"] != theirs.id for p in x.snapshot["view"]["pending"]))


async def test_a_seat_confirms_its_own_default_at_its_deadline_and_no_other(tmp_path: Path) -> None:
    session, _ = scripted_session("tutorial", 1, "tutorial-opening", tmp_path / "g.jsonl", hold=True)
    async with serving(session) as (server, url), joined(server, url, ["corvia", "belmark", "white"]) as c:
        for _ in range(60):
            if session.due():
                break
            assert (await c["white"].request("tempo", action="step"))["type"] == "accepted"
        due = session.due()[0]
        other = "corvia" if due.seat == "belmark" else "belmark"
        answer = await c[other].request("tempo", action="take_default", prompt=due.id)
        assert answer["type"] == "rejected" and "may confirm the default" in answer["reason"]
        answer = await c[due.seat].request("tempo", action="take_default", prompt=due.id)
        assert answer["type"] == "accepted"
        assert "default, confirmed by" in session.lines[-1] or any(
            "default, confirmed by" in line for line in session.lines[-3:]
        )


async def test_the_white_cells_time_box_counts_down_on_every_screen(tmp_path: Path) -> None:
    session, _ = scripted_session("tutorial", 1, "tutorial-opening", tmp_path / "g.jsonl", hold=True)
    async with serving(session) as (server, url), joined(server, url, ["corvia", "white"]) as c:
        assert c["corvia"].snapshot["clock"]["box"] == 0
        answer = await c["corvia"].request("tempo", action="box", at=5)
        assert answer["type"] == "rejected"  # the white cell sets the tempo
        assert (await c["white"].request("tempo", action="box", at=5))["type"] == "accepted"
        while not session.pending("corvia"):
            await c["white"].request("tempo", action="step")
        await c["corvia"].wait(lambda x: bool(x.snapshot["clock"]["boxes"]))
        clock = c["corvia"].snapshot["clock"]
        assert clock["box"] == 5 and all(290 <= left <= 300 for left in clock["boxes"].values())
        assert (await c["white"].request("tempo", action="box"))["type"] == "rejected"  # needs 'at'


async def test_a_server_failure_on_one_message_closes_that_connection_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with serving(tutorial(tmp_path)) as (server, url), joined(server, url, ["corvia"]) as c:
        act = server.act

        def failing(grant: Any, msg: Any) -> None:
            if msg.type == "white" and msg.text("text") == "boom":
                raise RuntimeError("a bug")
            act(grant, msg)

        monkeypatch.setattr(server, "act", failing)
        white = encode("hello", code=server.codes.code_of("white"))
        closed = await closed_with(url, white, encode("white", act="adhoc_inject", text="boom"))
        assert closed[:2] == (CLOSE_INTERNAL, "the server failed on that message")
        await eventually(
            lambda: all(g.role != "white" for g in server.live)
        )  # the white cell's code is free again
        before = c["corvia"].seq
        async with joined(server, url, ["white"]) as w:  # the game goes on, for everyone
            assert (await w["white"].request("tempo", action="step"))["type"] == "accepted"
            await c["corvia"].wait(lambda x: x.seq > before)
        await still_fine(server, url)


async def test_a_clock_that_fails_stops_where_every_screen_sees_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with serving(tutorial(tmp_path)) as (server, url), joined(server, url, ["corvia", "white"]) as c:

        def failing(until: int) -> bool:
            raise RuntimeError("a bug in the engine")

        monkeypatch.setattr(server, "run_clock", failing)
        assert (await c["white"].request("tempo", action="play"))["type"] == "accepted"
        for role in ("corvia", "white"):  # not a clock that shows ▶ and never moves
            await c[role].wait(lambda x: not x.snapshot["clock"]["running"], timeout=5)
            assert c[role].snapshot["clock"]["stopped"] == "the server's clock failed (see its log)"
        assert not server.running
        monkeypatch.undo()
        assert (await c["white"].request("tempo", action="step"))["type"] == "accepted"  # it goes on
        await still_fine(server, url)


async def test_a_client_stops_with_a_message_when_the_server_speaks_another_protocol() -> None:
    from websockets.asyncio.server import ServerConnection, serve

    async def newer(ws: ServerConnection) -> None:
        await ws.recv()
        await ws.send(json.dumps({"v": 99, "type": "welcome"}))
        await asyncio.sleep(5)

    async with serve(newer, "127.0.0.1", 0) as srv:
        port = next(iter(srv.sockets)).getsockname()[1]
        with pytest.raises(Refused, match="the server speaks protocol 99"):
            await asyncio.wait_for(Client(f"ws://127.0.0.1:{port}/", "ABCD-EFGH").run(), 5)


async def test_the_rooms_pace_survives_a_restart(tmp_path: Path) -> None:
    """The time box and the clock's speed are the white cell's, set once for the room: a server
    restarted on the journal (`serve --resume`) keeps them (J.tempo), and a damaged file is the
    default pace, never a crash."""
    from wargame.net.server import Server

    journal = tmp_path / "g.jsonl"
    session, _ = scripted_session("tutorial", 1, "tutorial-opening", journal, hold=True)
    async with serving(session, journal) as (server, url), joined(server, url, ["white"]) as c:
        assert (await c["white"].request("tempo", action="box", at=3))["type"] == "accepted"
        assert (await c["white"].request("tempo", action="faster"))["type"] == "accepted"
        box, speed = server.box, server.speed
    assert box == 3
    again = Server(session, server.codes, journal)
    assert (again.box, again.speed) == (box, speed)
    journal.with_name(journal.name + ".tempo").write_text("{not json")
    fresh = Server(session, server.codes, journal)
    assert fresh.box == 0
