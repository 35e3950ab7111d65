"""A room script played over the wire: clients send its entries at the instants it says.

This is what a disciplined room would do at a served game: the white cell runs the clock to
each timed entry and acts there; when a prompt opens, the white cell's ``on_prompt`` acts come
first, then the seat answers. It follows the rule of :mod:`wargame.session.room` (white cell
first, then the seats, each in file order), so the server's journal is the one ``wargame run
SCENARIO --seed N --script S`` writes for the same decisions: the test that the wire adds
nothing and loses nothing. Used by the tests and by load trials.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from wargame.engine.kinds import Kind
from wargame.model.clock import from_datetime
from wargame.net.client import Client
from wargame.net.snapshot import read_white_view
from wargame.session.bots import matches
from wargame.session.room import RoomDecision, RoomScript, WhiteAct
from wargame.session.setting import Setting


class DriveError(RuntimeError):
    """The server refused an act the script needs, or the game did not move."""


async def _do(client: Client, kind: str, /, **fields: Any) -> dict[str, Any]:
    answer = await client.request(kind, **fields)
    return answer


async def play_script(script: RoomScript, white: Client, seats: Mapping[str, Client]) -> list[str]:
    """Play ``script`` through the white cell's and the seats' clients to the end of the game;
    the rejections met (the room script's notes, as the server gave them)."""
    assert white.snapshot is not None
    start = Setting.from_json(white.snapshot["setting"]).scenario.start
    timed: list[tuple[int, int, int, WhiteAct | RoomDecision]] = [
        (from_datetime(start, w.at), 0, i, w) for i, w in enumerate(script.white) if w.at is not None
    ]
    timed += [
        (from_datetime(start, d.at), 1, i, d) for i, d in enumerate(script.decisions) if d.at is not None
    ]
    timed.sort(key=lambda x: x[:3])
    on_prompt = [w for w in script.white if w.on_prompt is not None]
    answers = [d for d in script.decisions if d.at is None]
    notes: list[str] = []
    read = 0
    while True:
        snap = white.snapshot
        view = snap["view"]
        if snap["clock"]["finished"]:
            return notes
        now, events = int(view["now"]), view["events"]
        opened = [e for e in events[read:] if e["kind"] == Kind.PROMPT.value]
        read = len(events)
        due = []
        while timed and timed[0][0] <= now:
            due.append(timed.pop(0)[3])
        acts: list[tuple[Client, str, dict[str, Any]]] = []
        for w in [w for w in due if isinstance(w, WhiteAct)]:
            acts.append((white, "white", _white(w)))
        for e in opened:
            for w in [w for w in on_prompt if _triggers(w, e)]:
                on_prompt.remove(w)
                acts.append((white, "white", _white(w)))
        pending = read_white_view(view).pending
        for d in [d for d in due if isinstance(d, RoomDecision)]:
            prompt = next((p for p in pending if matches(attrs.evolve(d, at=None), p, start)), None)
            if prompt is not None:
                acts.append(
                    (seats[d.seat], "decide", {"prompt": prompt.id, "choice": d.choice, "reason": d.reason})
                )
            else:
                acts.append(
                    (seats[d.seat], "order", {"kind": d.decision, "choice": d.choice, "reason": d.reason})
                )
        for e in opened:
            prompt = next((p for p in pending if p.id == e["data"].get("prompt")), None)
            if prompt is None or prompt.seat not in seats:
                continue
            entry = next((d for d in answers if matches(d, prompt, start)), None)
            if entry is not None:
                fields = {"prompt": prompt.id, "choice": entry.choice, "reason": entry.reason}
                acts.append((seats[entry.seat], "decide", fields))
        for client, kind, fields in acts:
            answer = await _do(client, kind, **fields)
            if answer["type"] == "rejected":
                notes.append(f"{kind} {fields}: {answer['reason']}")
        if acts:
            await white.wait(lambda c: c.seq >= max(x.seq for x in (white, *seats.values())))
            continue
        target = timed[0][0] if timed else int(snap["clock"]["now"]) + 10**7
        seq = white.seq
        answer = await _do(white, "tempo", action="until", at=min(target, 2**31 - 1))
        if answer["type"] == "rejected":
            raise DriveError(f"the clock would not run: {answer['reason']}")
        if white.seq == seq:
            raise DriveError("the clock did not move")


def _white(w: WhiteAct) -> dict[str, Any]:
    return {"act": w.act, "choice": w.choice, "text": w.text, "reason": w.reason}


def _triggers(w: WhiteAct, event: Mapping[str, Any]) -> bool:
    ref = w.on_prompt
    return ref is not None and event["data"].get("decision") == ref.decision and ref.seat in event["actors"]
