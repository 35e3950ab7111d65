"""A dropped client comes back by itself to the same view; a decision sent as it dropped is taken
once or reported rejected, never lost silently."""

from __future__ import annotations

import asyncio
from pathlib import Path

from net_support import joined, scripted_session, serving

from wargame.net.client import Client


def drop(client: Client) -> None:
    """Cut the client's connection as a pulled cable would (no closing handshake)."""
    assert client._ws is not None
    client._ws.transport.abort()


async def test_a_dropped_seat_returns_to_the_same_view_and_its_decision_counts_once(tmp_path: Path) -> None:
    journal = tmp_path / "g.jsonl"
    session, _ = scripted_session("tutorial", 1, "tutorial-opening", journal)
    async with serving(session, journal) as (server, url), joined(server, url, ["corvia", "white"]) as c:
        corvia, white = c["corvia"], c["white"]
        while not session.pending("corvia"):
            await white.request("tempo", action="step")
        await corvia.wait(lambda x: bool(x.snapshot["view"]["pending"]))
        before = corvia.snapshot
        states: list[str] = []
        corvia.on_change = lambda x: states.append(x.status)
        drop(corvia)
        await corvia.wait(
            lambda x: "reconnecting" in states and x.status == "live" and x.seq >= before["seq"]
        )
        assert corvia.snapshot["view"] == before["view"]  # the same screen, nothing lost
        prompt = before["view"]["pending"][0]
        ref = await corvia.send(
            "decide", prompt=prompt["id"], choice=prompt["options"][0], reason="as it dropped"
        )
        frame = corvia.unanswered[ref]  # the very frame sent (it leaves unanswered once answered)
        drop(corvia)
        await corvia.wait(lambda x: ref in x.answers, timeout=15)
        taken = [line for line in journal.read_text(encoding="utf-8").splitlines() if "as it dropped" in line]
        assert corvia.answers[ref]["type"] == "accepted"
        assert len(taken) == 1
        # the same ref sent again (a client that never heard the answer) is answered, not applied again
        await corvia.wait(lambda x: x.status == "live")
        del corvia.answers[ref]
        await corvia._send(frame)
        await corvia.wait(lambda x: ref in x.answers, timeout=5)  # answered again, as before
        assert corvia.answers[ref]["type"] == "accepted" and corvia.status == "live"
        again = [line for line in journal.read_text(encoding="utf-8").splitlines() if "as it dropped" in line]
        assert again == taken


async def test_the_same_ref_twice_is_applied_once(tmp_path: Path) -> None:
    journal = tmp_path / "g.jsonl"
    session, _ = scripted_session("tutorial", 1, "tutorial-opening", journal)
    async with serving(session, journal) as (server, url), joined(server, url, ["corvia", "white"]) as c:
        while not session.pending("corvia"):
            await c["white"].request("tempo", action="step")
        prompt = session.pending("corvia")[0]
        from wargame.net.protocol import encode

        frame = encode("decide", ref="r1", prompt=prompt.id, choice=prompt.options[0], reason="twice")
        c["corvia"].unanswered["r1"] = frame
        await c["corvia"]._send(frame)
        await c["corvia"]._send(frame)
        await c["corvia"].wait(lambda x: "r1" in x.answers)
        await asyncio.sleep(0.1)
        assert c["corvia"].answers["r1"]["type"] == "accepted"
        assert sum("twice" in line for line in journal.read_text(encoding="utf-8").splitlines()) == 1
        refs = journal.with_name(journal.name + ".refs").read_text(encoding="utf-8")
        assert '"ref":"r1"' in refs  # kept beside the journal: a restarted server answers it too


async def test_a_screen_stops_retrying_once_the_game_is_over_and_its_server_gone(tmp_path: Path) -> None:
    """A finished game cannot be resumed: when its server closes, a screen says so and stops,
    rather than 'reconnecting…' for ever."""
    session, _ = scripted_session("tutorial", 1, "tutorial-opening", tmp_path / "g.jsonl", hold=False)
    async with serving(session) as (server, url):
        client = Client(url, server.codes.code_of("spectator"))
        task = asyncio.create_task(client.run())
        await client.wait(lambda c: c.snapshot is not None)
        async with joined(server, url, ["white"]) as c:
            while not session.finished:
                await c["white"].request("tempo", action="step")
        await client.wait(lambda c: bool(c.snapshot["clock"]["finished"]))
    await asyncio.wait_for(task, timeout=10)  # run() returned: no retrying
    assert client.status == "over"
