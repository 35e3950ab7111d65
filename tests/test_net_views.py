"""Over a whole served game, no frame sent to a seat or a spectator carries ground truth, the
white cell's notes, or what another seat alone may see."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from net_support import joined, scripted_session, serving
from test_views import CANARY_NOTE, CANARY_OVERRIDES, CANARY_VALUE

from wargame.net.client import Client
from wargame.net.drive import play_script


@pytest.mark.slow
async def test_no_frame_to_a_seat_carries_ground_truth_or_another_seats_inbox(tmp_path: Path) -> None:
    script = "drole-de-guerre-1939-opening"
    session, room = scripted_session("drole-de-guerre-1939", 1, script, None, overrides=CANARY_OVERRIDES)
    frames: dict[str, list[dict[str, Any]]] = {}

    def keep(role: str) -> Any:
        def on_change(client: Client) -> None:
            if client.snapshot is not None and (not frames[role] or frames[role][-1] is not client.snapshot):
                frames[role].append(client.snapshot)

        return on_change

    roles = ["white", "spectator", *room.seats]
    async with serving(session) as (server, url), joined(server, url, roles) as c:
        for role in roles:
            frames[role] = [c[role].snapshot] if c[role].snapshot else []
            c[role].on_change = keep(role)
        await play_script(room, c["white"], {s: c[s] for s in room.seats})
    assert session.finished
    white = json.dumps(frames["white"][-1])
    assert CANARY_NOTE in white and CANARY_VALUE in white  # the white cell has them: the canary works
    for role in ["spectator", *room.seats]:
        assert len(frames[role]) > 10
        for snap in frames[role]:
            # the hot wash (truth beside belief) is for everyone once the game is over, as at one
            # terminal; before the end no frame carries it
            # (the projector's public view carries it in its own field, "hot_wash", likewise)
            assert "hot_wash" not in snap or snap["clock"]["finished"]
            assert not snap["view"].get("hot_wash") or snap["clock"]["finished"]
            view = {k: v for k, v in snap["view"].items() if k != "hot_wash"}
            text = json.dumps(
                {**{k: v for k, v in snap.items() if k != "hot_wash"}, "view": view}, ensure_ascii=False
            )
            assert CANARY_NOTE not in text and CANARY_VALUE not in text
            events = snap["view"]["events"]
            assert all("truth" not in e for e in events)
            assert all(e["kind"] != "start" for e in events)  # its root seed replays the aggressor's plan
            if role == "spectator":
                assert all(e["see"] == ["all"] for e in events)
            else:
                assert all("all" in e["see"] or role in e["see"] for e in events)
                assert all(e["actors"] == [role] for e in events if e["kind"] == "report")
                assert all(p["seat"] == role for p in snap["view"]["pending"])
                assert snap["setting"]["mobilisation"] == [] or all(
                    m["actor"] == role for m in snap["setting"]["mobilisation"]
                )
                assert "invasion_at" not in text and "white_cell_notes" not in text


def _frames_of_a_game_with_every_seat_human(scenario: str) -> tuple[Any, dict[str, list[str]], set[str]]:
    """Every role's frame after each step of ``scenario`` with every seat (the aggressor too)
    played by people who let every decision fall to its default: (session, role -> frames,
    the prompt ids the game opened)."""
    from wargame.model.scenario_files import scenarios
    from wargame.net.codes import SEAT_ROLE, SPECTATOR_ROLE, Codes, Grant
    from wargame.net.server import Server
    from wargame.session.session import Session

    loaded = scenarios.load(scenario, [])
    seats = {s: "human" for s in loaded.scenario.seat_ids}
    session = Session(loaded, seed=1, seats=seats, journal=None)
    server = Server(session, Codes.fresh(list(seats)))
    server.box = 5  # time boxes on: they must not cross roles either
    grants = {s: Grant(SEAT_ROLE, s) for s in seats} | {"spectator": Grant(SPECTATOR_ROLE)}
    frames: dict[str, list[str]] = {role: [] for role in grants}
    opened: set[str] = set()
    for _ in range(400):
        if session.finished:
            break
        server.run_clock(session.now + 360)
        server.changed()
        opened |= {p.id for p in session.pending()}
        for role, grant in grants.items():
            frames[role].append(server.snapshot(grant))
        for p in session.due():
            session.take_default(p.id, "white")
    return session, frames, opened


@pytest.mark.slow
def test_no_frame_names_another_seats_prompt_or_the_hidden_attack_instant() -> None:
    session, frames, opened = _frames_of_a_game_with_every_seat_human("tutorial")
    aggressor = session.scenario.aggressor.actor
    attacks = [pid for pid in opened if pid.startswith(f"attack-{aggressor}-")]
    assert attacks, "the human aggressor was asked its attack order: the game tests the leak"
    for role, sent in frames.items():
        for frame in sent:
            snap = json.loads(frame)
            for pid in opened:
                if pid.split("-")[-2] != role:  # a seat sees its own prompts, the spectator none
                    assert pid not in frame, (role, pid)
            for seat in snap.get("view", {}).get("seats", []):  # the projector's picture
                assert "deadline" not in seat and "deadline_date" not in seat
            if role != aggressor:
                assert set(snap["clock"]["countdowns"]) <= {p for p in opened if p.split("-")[-2] == role}
            # why the clock stopped, only if this role saw it: never a seat's private warning
            assert snap["clock"]["stopped"] not in ("Attack warning", "Aggressor stands down") or (
                role != "spectator" and role != aggressor
            )
