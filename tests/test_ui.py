"""The seminar app, driven by keys through Textual's Pilot with the clock paused.

Time moves only by explicit keys (n) or by the session API before the app starts, so these tests
do not depend on the machine's speed."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from conftest import recorded
from textual.widgets import DataTable, Input, OptionList, Static

from ui.app import WargameApp
from ui.clock import Clock, step, tick
from ui.form import FormScreen
from ui.hotwash import HotWashScreen
from ui.lobby import LobbyScreen
from ui.pin import PinScreen
from ui.seat import SeatScreen
from ui.whitecell import WhiteCellScreen
from wargame.model.scenario_files import scenarios
from wargame.session.journal.replay import resume
from wargame.session.session import Session

FLAGSHIP = "drole-de-guerre-1939"
SIZE = (120, 40)
CANARY = "zqcanaryzq"


def game(tmp_path: Path, seats: dict[str, str], overrides: tuple[str, ...] = ()) -> tuple[Session, Path]:
    path = tmp_path / "game.jsonl"
    return Session(scenarios.load(FLAGSHIP, overrides), seed=1, seats=seats, journal=path), path


def screen_text(app: WargameApp) -> str:
    """What the terminal shows, as text (the screenshot's SVG, unescaped)."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


def decisions(path: Path) -> list[dict]:
    events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    return [e["data"] for e in events if e["kind"] == "decision"]


# -- the clock, without Textual ------------------------------------------------------------------


def test_the_clock_pauses_for_a_human_prompt_and_steps_to_the_seats_next_event() -> None:
    s = Session(scenarios.load(FLAGSHIP), seed=1, seats={"france": "human"})
    clock = Clock(running=True, speed=4)
    fresh = []
    while not fresh:
        fresh = tick(s, clock)
    assert fresh[0].seat == "france" and s.pending("france")
    assert s.now == fresh[0].opened  # it stopped at the instant the prompt opened, not a tick later
    seen = len(s.view("france").events)
    step(s, "france")
    assert len(s.view("france").events) > seen
    clock.faster()
    clock.faster()
    assert clock.speed == 4  # capped at the fastest
    clock.slower()
    assert "12 hours" not in clock.label and "paused" not in clock.label


# -- flows ---------------------------------------------------------------------------------------


@pytest.mark.slow
async def test_the_lobby_assigns_seats_and_starts_a_game(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = WargameApp(lobby={"scenario": FLAGSHIP, "seed": 4})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LobbyScreen)
        app.screen.query_one("#seat-uk").value = "human"
        app.screen.query_one("#seat-germany").value = "bot:cautious"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session.seats["france"] == "human" and app.session.seats["uk"] == "human"
        assert app.session.seats["germany"] == "bot:cautious" and app.session.seed == 4
        assert isinstance(app.screen, PinScreen)  # two seats at one terminal: hand-over first
        await pilot.press(*"1234", "enter", *"1234", "enter")  # France chooses its passcode
        await pilot.press("escape")  # and has read its briefing
        await pilot.pause()
        assert isinstance(app.screen, SeatScreen) and app.screen.seat == "france"
    assert (tmp_path / f"{FLAGSHIP}.seed4.jsonl").is_file()


async def test_a_report_opens_in_full(tmp_path: Path) -> None:
    s, _ = game(tmp_path, {"france": "human"})
    s.advance(4 * 1440)
    report = next(e for e in s.view("france").events if e.kind == "report")
    app = WargameApp(s, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        inbox = app.screen.query_one("#inbox", DataTable)
        assert inbox.row_count >= 1
        inbox.move_cursor(row=0)
        await pilot.press("enter")
        await pilot.pause()
        detail = str(app.screen.query_one("#report", Static).render())
        assert report.text in detail and "Grade" in detail


async def test_a_decision_taken_in_the_ui_is_in_the_journal_with_its_reason(tmp_path: Path) -> None:
    s, path = game(tmp_path, {"france": "human"})
    prompt = s.advance_to_decision()[0]
    app = WargameApp(s, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        options = form.query_one(OptionList)
        options.highlighted = prompt.options.index("statement")
        form.query_one(Input).value = "Warsaw must know we stand firm"
        await pilot.press("ctrl+s")  # submit: shows the confirmation, records nothing yet
        await pilot.pause()
        assert not any(d["reason"] == "Warsaw must know we stand firm" for d in decisions(path))
        await pilot.press("ctrl+s")  # confirm
        await pilot.pause()
        assert isinstance(app.screen, SeatScreen)
    mine = [d for d in decisions(path) if d["seat"] == "france" and d["by"] == "human"]
    assert mine and mine[0]["choice"] == "statement" and mine[0]["reason"] == "Warsaw must know we stand firm"


async def test_an_invalid_order_is_refused_in_the_form(tmp_path: Path) -> None:
    s, path = game(tmp_path, {"france": "human"}, ())
    s.advance_to_decision()
    app = WargameApp(s, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.free_orders("france")
        await pilot.pause()
        form = app.screen
        labels = [str(o.prompt) for o in form.query_one(OptionList).options]
        assert any("Convene the council" in x for x in labels)
        app.session.close()  # the game ends under the player's feet: the order must be refused
        form.query_one(OptionList).highlighted = 0
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "closed" in str(app.screen.query_one("#error", Static).render())


@pytest.mark.slow
async def test_hand_over_hides_the_previous_seat(tmp_path: Path) -> None:
    s, path = game(tmp_path, {"france": "human", "uk": "human"})
    s.advance(5 * 1440)
    france_only = next(e.text for e in s.view("france").events if e.kind == "report" and e.see == ("france",))
    app = WargameApp(s, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"fr12", "enter", *"fr12", "enter")  # France chooses its passcode
        await pilot.pause()
        assert app.screen.seat == "france"
        app.notify("France's private note: " + france_only)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, PinScreen)
        assert not any(isinstance(sc, SeatScreen) for sc in app.screen_stack)
        text = screen_text(app)
        assert "United Kingdom" in text or "Britain" in text
        assert france_only[:30] not in text and "France" not in text
        await pilot.press("space", *"uk1", "enter", "space", *"uk1", "enter")  # space: not the clock
        await pilot.pause()
        assert isinstance(app.screen, SeatScreen) and app.screen.seat == "uk"
        assert not app.clock.running
        assert not app._notifications  # nothing of France's toasts survives
        assert france_only[:30] not in screen_text(app)


@pytest.mark.slow
async def test_the_white_cell_publishes_an_inject_to_its_audience_only(tmp_path: Path) -> None:
    s, path = game(tmp_path, {})
    app = WargameApp(s, path, facilitator=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WhiteCellScreen)
        await pilot.press("i")
        await pilot.pause()
        form = app.screen
        audience = form.query_one("#field-to", OptionList)
        audience.highlighted = ("all", *s.scenario.actor_ids).index("poland")
        form.query_one("#field-text", Input).value = "Radio Warsaw reports German aircraft over Krakow."
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WhiteCellScreen)
        # publish the first scripted inject early, from the master event list
        app.screen.query_one("#injects", DataTable).move_cursor(row=0)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
    assert any("Krakow" in e.text for e in s.view("poland").events)
    for seat in ("france", "uk", "germany"):
        assert not any("Krakow" in e.text for e in s.view(seat).events)
    assert "pact" in [e.data.inject for e in s.view("uk").events if e.kind == "inject"]
    acts = [d for d in decisions(path) if d["by"] == "white cell"]
    assert [a["decision"] for a in acts] == ["adhoc_inject", "publish_inject"]


@pytest.mark.slow
async def test_resume_after_a_crash_restores_the_same_state(tmp_path: Path) -> None:
    s, path = game(tmp_path, {"france": "human"})
    s.advance_to_decision()
    app = WargameApp(s, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        app.screen.query_one(Input).value = "before the crash"
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        await pilot.press("n", "n", "n")
        await pilot.pause()
        before_lines, before_date = list(s.lines), s.date
    # the process dies here: the session is never closed
    restored = resume(path)
    assert restored.lines == before_lines and restored.date == before_date
    app2 = WargameApp(restored, path)
    async with app2.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert before_date in str(app2.screen.query_one("#clockbar", Static).render())
        await pilot.press("4")  # the orders tab lists the seat's decisions with their reasons
        await pilot.pause()
        assert "before the crash" in screen_text(app2)


@pytest.mark.slow
async def test_quit_asks_and_closes_the_journal(tmp_path: Path) -> None:
    s, path = game(tmp_path, {"france": "human"})
    app = WargameApp(s, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert str(path) in str(app.screen.query_one(Static).render())  # says where the journal is
        await pilot.press("n")
        await pilot.pause()
        assert not s.closed
        await pilot.press("q", "y")
        await pilot.pause()
    assert s.closed
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[-1])["kind"] == "closed"


async def test_the_hot_wash_opens_at_the_end_and_exports(tmp_path: Path) -> None:
    s, path = game(tmp_path, {"france": "human"})
    s.advance_until(s.horizon - 60)
    app = WargameApp(s, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "n", "n", "n")
        await pilot.pause()
        assert s.finished
        assert isinstance(app.screen, HotWashScreen)
        await pilot.press("e")
        await pilot.pause()
    exported = path.with_name("game.hotwash.md").read_text(encoding="utf-8")
    assert "What was planned" in exported and "France" in exported


async def test_a_seat_is_refused_the_hot_wash_before_the_end(tmp_path: Path) -> None:
    s, path = game(tmp_path, {"france": "human"})
    app = WargameApp(s, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "a")  # the briefing read, the hot wash asked for
        await pilot.pause()
        assert isinstance(app.screen, SeatScreen)


# France (whose capital the penetration serves) in the fast suite; the others with `-m slow`.
SEATS = ["france", *(pytest.param(seat, marks=pytest.mark.slow) for seat in ("poland", "germany"))]


@pytest.mark.parametrize("seat", SEATS)
async def test_a_seat_screen_never_renders_ground_truth(tmp_path: Path, seat: str) -> None:
    overrides = ("scenario.white_cell_notes=CANARY-NOTE-77", f"penetrations.dedal.id={CANARY}")
    s, path = game(tmp_path, {seat: "human"}, overrides)
    s.advance(25 * 1440)
    app = WargameApp(s, path)
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.pause()
        for tab in "12345":
            await pilot.press(tab)
            await pilot.pause()
            text = screen_text(app)
            assert CANARY not in text and "CANARY-NOTE-77" not in text
        await pilot.press("o")
        await pilot.pause()
        assert CANARY not in screen_text(app)
    white = s.white_cell()
    truths = [json.dumps(e.to_json()["truth"]) for e in white.events if e.truth is not None]
    assert any(CANARY in t for t in truths)  # it is there to leak


# -- snapshots -----------------------------------------------------------------------------------


def _snap_session(seats: dict[str, str]) -> Session:
    given = [f"{seat}={ctl}" for seat, ctl in seats.items()]
    s = Session(scenarios.load(FLAGSHIP), seed=1, seats=recorded(FLAGSHIP, *given))  # the record's story
    s.advance(12 * 1440)
    return s


def test_snapshot_seat_screen(snap_compare) -> None:
    assert snap_compare(WargameApp(_snap_session({"france": "human"}), None), terminal_size=SIZE)


def test_snapshot_situation_tab(snap_compare) -> None:
    assert snap_compare(WargameApp(_snap_session({"france": "human"}), None), press=["2"], terminal_size=SIZE)


def test_snapshot_white_cell(snap_compare) -> None:
    app = WargameApp(_snap_session({}), None, facilitator=True)
    assert snap_compare(app, press=["1"], terminal_size=SIZE)


@pytest.mark.slow
async def test_quitting_a_finished_game_points_to_its_review_not_to_resume(tmp_path: Path) -> None:
    s, path = game(tmp_path, {"france": "human"})
    s.run_to_end()
    app = WargameApp(s, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if isinstance(app.screen, HotWashScreen):  # a finished game opens on its hot wash
            app.pop_screen()
            await pilot.pause()
        app.action_quit_game()
        await pilot.pause()
        text = str(app.screen.query_one(Static).render())
        assert "wargame report" in text and "--resume" not in text
