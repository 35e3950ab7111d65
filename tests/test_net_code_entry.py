"""`wargame join URL` without --code: the code-entry screen (what a browser tab of `serve --web` opens)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from net_support import scripted_session, serving
from textual.pilot import Pilot
from textual.widgets import Input, Static

from ui.code_entry import CodeScreen
from ui.join import JoinApp
from ui.projector import ProjectorScreen
from ui.seat import SeatScreen
from wargame.net.server import Server


async def _until(pilot: Pilot[object], done: object, seconds: float = 10.0) -> None:
    """Let the app run until ``done()`` holds (the server answers over the loopback interface)."""
    for _ in range(int(seconds / 0.05)):
        if done():  # type: ignore[operator]
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


async def _type(pilot: Pilot[object], app: JoinApp, code: str) -> None:
    field = app.screen.query_one("#code", Input)
    field.value = code
    await pilot.press("enter")


@contextlib.asynccontextmanager
async def code_screen(tmp_path: Path) -> AsyncIterator[tuple[Server, JoinApp, Pilot[object]]]:
    """A served tutorial and `wargame join URL` (no --code) on it: (server, app, pilot)."""
    session, _ = scripted_session("tutorial", 1, "tutorial-opening", tmp_path / "g.jsonl", hold=True)
    async with serving(session) as (server, url):
        app = JoinApp(url=url)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, CodeScreen)
            yield server, app, pilot


async def test_the_code_screen_refuses_a_wrong_code_and_opens_the_seat_for_the_right_one(
    tmp_path: Path,
) -> None:
    async with code_screen(tmp_path) as (server, app, pilot):
        assert app.screen.query_one("#code", Input).has_focus
        await _type(pilot, app, "AAAA-AAAA")
        status = app.screen.query_one("#codestatus", Static)
        await _until(pilot, lambda: "wrong join code" in str(status.render()))
        assert isinstance(app.screen, CodeScreen)  # still here, to try again
        assert status.has_class("-refused")
        field = app.screen.query_one("#code", Input)
        assert not field.disabled and field.has_focus
        assert field.selected_text == "AAAA-AAAA"  # typing replaces the refused code
        # the right code, typed loosely (lower case, no dash): the seat's own screen
        code = server.codes.code_of("seat", "corvia").lower().replace("-", "")
        await _type(pilot, app, code)
        await _until(pilot, lambda: isinstance(app.screen, SeatScreen))
        assert app.current == "corvia"
        assert app.remote.seat == "corvia"
        await _until(pilot, lambda: app.client.status == "live")
        # a second screen typing the same code takes the seat over (one screen per code: the
        # first is told "joined from another screen" and stops; a half-open one must not lock
        # the team out)
        other = JoinApp(url=app.url)
        async with other.run_test(size=(120, 36)) as p2:
            await p2.pause()
            await _type(p2, other, code)
            await _until(p2, lambda: isinstance(other.screen, SeatScreen))
            assert other.remote.seat == "corvia"
            await _until(pilot, lambda: app.client.status != "live")


async def test_the_spectators_code_typed_on_the_code_screen_opens_the_projector(tmp_path: Path) -> None:
    async with code_screen(tmp_path) as (server, app, pilot):
        await _type(pilot, app, server.codes.code_of("spectator"))
        await _until(pilot, lambda: isinstance(app.screen, ProjectorScreen))
        projector = app.screen
        assert isinstance(projector, ProjectorScreen)
        await _until(pilot, lambda: projector.view is not None)
        assert str(projector.query_one("#projdate", Static).render()).strip()
        await pilot.press("q")
        await asyncio.sleep(0)
    assert app.return_value == ""


async def test_an_empty_code_is_asked_for_again(tmp_path: Path) -> None:
    async with code_screen(tmp_path) as (_server, app, pilot):
        await pilot.press("enter")
        status = app.screen.query_one("#codestatus", Static)
        assert "Type the code first" in str(status.render())
        assert isinstance(app.screen, CodeScreen)
