"""A game played over the wire writes the journal a headless run of the same decisions writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from net_support import headless_text, joined, scripted_session, serving

from wargame.net.drive import play_script


async def test_two_seats_and_the_white_cell_over_the_wire_write_the_headless_journal(tmp_path: Path) -> None:
    expected = headless_text("tutorial", 1, "tutorial-opening", tmp_path / "run.jsonl")
    journal = tmp_path / "served.jsonl"
    session, room = scripted_session("tutorial", 1, "tutorial-opening", journal)
    async with serving(session, journal) as (server, url), joined(server, url, ["white", *room.seats]) as c:
        notes = await play_script(room, c["white"], {s: c[s] for s in room.seats})
        assert session.finished
        for seat in room.seats:  # the hot wash reaches every screen at the end
            await c[seat].wait(lambda x: "hot_wash" in x.snapshot)
            assert "Corvia" in c[seat].snapshot["hot_wash"]
    session.close()
    assert notes == []
    assert journal.read_text(encoding="utf-8") == expected


@pytest.mark.slow
async def test_a_1939_opening_over_the_wire_writes_the_headless_journal(tmp_path: Path) -> None:
    """Timed white-cell acts (hold, publish, skip, restore, ad hoc, override) and two seats."""
    script = "drole-de-guerre-1939-opening"
    expected = headless_text("drole-de-guerre-1939", 3, script, tmp_path / "run.jsonl")
    journal = tmp_path / "served.jsonl"
    session, room = scripted_session("drole-de-guerre-1939", 3, script, journal)
    async with serving(session, journal) as (server, url), joined(server, url, ["white", *room.seats]) as c:
        notes = await play_script(room, c["white"], {s: c[s] for s in room.seats})
    session.close()
    assert notes == []
    assert journal.read_text(encoding="utf-8") == expected
