"""The projector screen: the public picture, read across a room, at 80x24 and at 160x45."""

from __future__ import annotations

import html
from functools import cache

import pytest
from conftest import FLAGSHIP, asked, recorded
from textual.app import App
from textual.widgets import Digits, Static

from ui.projector import ProjectorScreen, rewrap
from wargame.analysis.aar.public import public_picture
from wargame.model.clock import DAY, HOUR
from wargame.model.scenario_files import scenarios
from wargame.session.public import PublicView
from wargame.session.session import Session

SMALL, BIG = (80, 24), (160, 45)


class ProjectorApp(App[None]):
    """A test app: the projector screen, shown the views it is given (as a network client's)."""

    def __init__(self, view: PublicView | None = None, source=None, wall=lambda: 0.0) -> None:
        super().__init__()
        self.first, self.source, self.wall = view, source, wall

    def on_mount(self) -> None:
        self.push_screen(ProjectorScreen(source=self.source, view=self.first, poll=0.05, wall=self.wall))


def _game(*humans: str) -> Session:
    seats = recorded(FLAGSHIP, *(f"{h}=human" for h in humans))  # the others play the record's story
    return Session(scenarios.load(FLAGSHIP), seed=1, seats=seats)


@cache
def before_the_war() -> PublicView:
    """24 Aug 1939, 06:10: France and Britain have decisions open (statements, mobilisation),
    France in a time box of which 4:32 are left; nobody is at war, and the Nazi-Soviet pact is
    the news."""
    s = _game("france", "uk")
    s.advance_until(2 * DAY + 6 * HOUR + 10)
    return public_picture(s, running=False, speed="12 hours/s", boxes={"france": 272, "germany": 9})


@cache
def at_war() -> PublicView:
    """4 Sep 1939, noon: France has declared war (the room's decision), Britain too (the record)."""
    s = _game("france")
    prompt = asked(s, "france", "declare_war")
    s.submit("france", prompt.id, "declare", reason="the Poles need us")
    s.advance_until(13 * DAY + 12 * HOUR)
    return public_picture(s, running=True, speed="4 hours/s")


@cache
def the_end() -> PublicView:
    s = _game("france")
    s.run_to_end()
    return public_picture(s)


def test_the_moments_are_what_the_snapshots_say() -> None:
    before, war, end = before_the_war(), at_war(), the_end()
    assert not before.wars and {s.name for s in before.deciding} == {"France", "United Kingdom"}
    assert [s.box_left for s in before.seats] == [None, None, 272, None, None]  # Germany's: ignored
    assert {("france", "germany"), ("germany", "uk"), ("germany", "poland")} <= set(war.wars)
    assert end.finished and end.hot_wash


def _text(app: App) -> str:
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


@pytest.mark.parametrize("size", [SMALL, BIG])
async def test_the_screen_shows_the_public_picture_and_turns_into_the_hot_wash(size) -> None:
    views = [before_the_war()]
    app = ProjectorApp(source=lambda: views[-1])
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = _text(app)
        assert "STILL DECIDING" in text and "France" in text and "United Kingdom" in text
        assert "No state is at war." in text
        assert app.screen.query_one(Digits).value == "1939-08-24 06:10"
        views.append(at_war())  # the source has a new view: shown at the next poll
        await pilot.pause(0.2)
        text = _text(app)
        assert "France ✕ Germany" in text and "Germany ✕ United Kingdom" in text
        assert "France declares war on Germany." in text
        assert app.screen.query_one(Digits).value == "1939-09-04 12:00"
        views.append(the_end())
        await pilot.pause(0.2)
        text = _text(app)
        assert "HOT WASH: Drôle de guerre, 1939, finished" in text
        assert "STILL DECIDING" not in text and "✕" not in text


async def test_a_view_pushed_to_the_screen_is_shown_at_once() -> None:
    app = ProjectorApp(before_the_war())  # no source: a network client pushes what it receives
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProjectorScreen)
        assert "No state is at war." in _text(app)
        screen.show(at_war())
        await pilot.pause()
        assert "France ✕ Germany" in _text(app)
        screen.set_notice("reconnecting…")  # the client lost the server: the room is told
        assert str(screen.query_one("#projbar", Static).content).startswith("reconnecting…  ·  Drôle")
        screen.set_notice("")
        assert str(screen.query_one("#projbar", Static).content).startswith("Drôle de guerre, 1939  ·  ▶")
        screen.show(the_end())
        await pilot.pause()
        assert "HOT WASH" in _text(app)
        assert screen.query_one("#projwash").has_focus  # the room scrolls it with the arrows


async def test_a_time_box_counts_down_between_views() -> None:
    clock = [1000.0]
    app = ProjectorApp(before_the_war(), wall=lambda: clock[0])
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProjectorScreen)

        def deciding() -> str:
            return str(screen.query_one("#projdeciding", Static).content)

        assert "France (4:32 to decide)" in deciding()
        assert deciding().endswith("United Kingdom")  # no box for Britain, and never a game-time deadline
        clock[0] += 30.5
        screen.tick()
        assert "France (4:02 to decide" in deciding()
        clock[0] += 300
        screen.tick()
        assert "France (time is up)" in deciding()
        screen.show(at_war())  # a new view: its own figures (no box), counted from now
        assert "France," in deciding() or deciding().endswith("France")
        assert "left" not in deciding()


def test_the_hot_wash_wraps_to_the_screen_with_hanging_indents() -> None:
    paragraphs = (
        "France (the room), 27 Aug 1939 06:34: mobilise → order (by default), and a long tail of words",
        "  Germany's divisions on the Franco-German border: believed 44, true 15 (!) and more words",
        "- westwall (Germany's divisions on the Franco-German border) deceived France and others too.",
    )
    lines = rewrap(paragraphs, 40).splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert lines[1].startswith("    ") and not lines[0].startswith(" ")
    assert any(line.startswith("  Germany") for line in lines)
    assert any(line.startswith("- westwall") for line in lines)
    assert lines[-1].startswith("  ") and not lines[-1].startswith("   ")


def _snap(view: PublicView) -> App:
    return ProjectorApp(view)


@pytest.mark.parametrize("size", [SMALL, BIG], ids=["80x24", "160x45"])
def test_snapshot_projector_before_the_war(snap_compare, size) -> None:
    assert snap_compare(_snap(before_the_war()), terminal_size=size)


@pytest.mark.parametrize("size", [SMALL, BIG], ids=["80x24", "160x45"])
def test_snapshot_projector_at_war(snap_compare, size) -> None:
    assert snap_compare(_snap(at_war()), terminal_size=size)


@pytest.mark.parametrize("size", [SMALL, BIG], ids=["80x24", "160x45"])
def test_snapshot_projector_hot_wash(snap_compare, size) -> None:
    assert snap_compare(_snap(the_end()), terminal_size=size)
