"""`wargame join`: the seminar app's screens on a served game, fed and acting over the wire."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from net_support import joined, scripted_session, serving
from textual.widgets import DataTable, Static

from ui.join import JoinApp, _first_contact
from ui.seat import SeatScreen
from ui.whitecell import WhiteCellScreen
from wargame.net.client import Client


async def joined_app(url: str, code: str) -> JoinApp:
    client = Client(url, code)
    await _first_contact(client)
    client.status = "connecting"
    return JoinApp(client)


@pytest.mark.slow
async def test_the_white_cells_keys_run_the_servers_clock_and_a_seats_screen_follows(tmp_path: Path) -> None:
    journal = tmp_path / "g.jsonl"
    session, _ = scripted_session("tutorial", 1, "tutorial-opening", journal, hold=True)
    async with serving(session, journal) as (server, url):
        white = await joined_app(url, server.codes.code_of("white"))
        corvia = await joined_app(url, server.codes.code_of("seat", "corvia"))
        async with white.run_test(size=(130, 36)) as wp, corvia.run_test(size=(130, 36)) as cp:
            await wp.pause(0.3)
            assert isinstance(white.screen, WhiteCellScreen)
            assert isinstance(corvia.screen, SeatScreen)
            rows = corvia.screen.query_one("#inbox", DataTable).row_count
            await wp.press("B")  # a time box of 2 minutes per decision, kept by the server
            for _ in range(20):
                if server.box:
                    break
                await wp.pause(0.05)
            assert server.box == 2
            for _ in range(40):
                if session.pending("corvia"):
                    break
                await wp.press("n")
                await wp.pause(0.1)
            await cp.pause(0.3)
            assert session.now > 0
            bar = str(corvia.screen.query_one("#clockbar", Static).render())
            assert "Corvia" in bar and session.date.split(" ")[1] in bar
            assert "left" in bar  # the server's time box, counted down on the seat's clock bar
            assert corvia.screen.query_one("#inbox", DataTable).row_count > rows  # news came over the wire
            prompt = session.pending("corvia")[0]
            assert (
                corvia.order("corvia", prompt.id, prompt.kind, prompt.options[0], "from the joined screen")
                is None
            )
            for _ in range(50):
                if "from the joined screen" in journal.read_text(encoding="utf-8"):
                    break
                await asyncio.sleep(0.05)
            assert "from the joined screen" in journal.read_text(encoding="utf-8")
            # a seat's keys do not move the clock: the white cell runs it
            now = session.now
            await cp.press("n")
            await cp.pause(0.2)
            assert session.now == now


@pytest.mark.slow
async def test_the_spectators_code_shows_the_projector_fed_by_the_server(tmp_path: Path) -> None:
    """The projector over the wire: the public picture the server builds, and who is deciding
    once the white cell's clock brings a prompt."""
    from ui.join import ProjectorApp
    from ui.projector import ProjectorScreen

    journal = tmp_path / "g.jsonl"
    session, _ = scripted_session("tutorial", 1, "tutorial-opening", journal, hold=True)
    async with serving(session, journal) as (server, url), joined(server, url, ["white"]) as c:
        code = server.codes.code_of("spectator")
        assert await _first_contact(Client(url, code)) == "spectator"
        app = ProjectorApp(Client(url, code))
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(40):
                if session.pending():
                    break
                await c["white"].request("tempo", action="step")
            await pilot.pause(0.5)
            screen = app.screen
            assert isinstance(screen, ProjectorScreen)
            assert screen.view is not None and screen.view.now == session.now
            deciding = str(screen.query_one("#projdeciding", Static).render())
            assert "STILL DECIDING" in deciding
            assert all(session.scenario.actor(p.seat).name in deciding for p in session.pending())
