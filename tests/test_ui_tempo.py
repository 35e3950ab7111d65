"""The facilitator's tempo in the seminar app: turns, time boxes, stops that matter, deadlines
that wait for the room, undo, the hot wash screen.

The clock is paused throughout and moved only by explicit keys (t, n) or session calls, and the
time box runs on a fake wall clock, so these tests do not depend on the machine's speed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import recorded
from textual.containers import VerticalScroll
from textual.widgets import Static

from ui.alerts import AlertBoard, summary
from ui.app import WargameApp
from ui.form import FormScreen
from ui.hotwash import HotWashScreen
from ui.privacy import PrivacyScreen
from ui.seat import SeatScreen
from ui.tempo import GRAIN, Tempo, run
from ui.whitecell import WhiteCellScreen
from wargame.engine.decisions import WHITE
from wargame.engine.events import DecisionData
from wargame.model.scenario_files import scenarios
from wargame.session.session import Session

FLAGSHIP = "drole-de-guerre-1939"
SIZE = (80, 24)
INVASION = 14685  # minute Germany invades Poland in the flagship, seed 1


def game(tmp_path: Path, seats: dict[str, str], once: bool = True) -> Session:
    """1939, seed 1, ``seats`` as given and the others playing the record (the story as it
    happened: these tests walk the app through its known instants)."""
    everyone = recorded(FLAGSHIP, *(f"{k}={v}" for k, v in seats.items()))
    return Session(
        scenarios.load(FLAGSHIP, ONCE if once else ()),
        seed=1,
        seats=everyone,
        journal=tmp_path / "game.jsonl",
    )


#: France and Britain asked to mobilise once, at the invasion (not on every report's news), so that
#: the walks below meet the prompts they were written for (the statements, the declaration).
ONCE = [f"mobilisation.{i}.{k}" for i in (1, 2) for k in ("prompt_on_news=false", "prompt_on_invasion=true")]


def listen(app: WargameApp) -> list[str]:
    """Every notification the app gives from now on, as 'title: message'."""
    said: list[str] = []

    def notify(message: str, *, title: str = "", **_: object) -> None:
        said.append(f"{title}: {message}")

    app.notify = notify  # type: ignore[method-assign]
    return said


def bar(app: WargameApp) -> str:
    return str(app.screen.query_one("#clockbar", Static).render())


CODE = "pass-1234"  # the white cell's PIN and every seat's passcode, where they are asked


async def arrive(pilot, app: WargameApp) -> None:
    """Past whatever stands between the room and the screen of the seat now called to the
    terminal: a privacy screen, a PIN or passcode (chosen the first time), a briefing."""
    for _ in range(8):
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, (SeatScreen, WhiteCellScreen)) and app.current in (
            getattr(screen, "seat", WHITE),
        ):
            return
        kind = type(screen).__name__
        if isinstance(screen, PrivacyScreen):
            await pilot.press("x")
        elif kind == "PinScreen":
            await pilot.press(*CODE, "enter", *((*CODE, "enter") if screen.choose else ()))
        elif kind == "BriefingScreen":
            await pilot.press("escape")
    raise AssertionError(f"stuck on {app.screen}")


async def sit(pilot, app: WargameApp, key: str = "h") -> None:
    """Hand over (h) or go to the white cell (w), and past the hand-over screen."""
    await pilot.press(key)
    await pilot.pause()
    assert not isinstance(app.screen, (SeatScreen, WhiteCellScreen))  # a screen stands between
    await arrive(pilot, app)


async def seated(pilot, app: WargameApp, white: bool = False) -> None:
    """At the first seat's screen; then (``white``) at the white cell's."""
    await arrive(pilot, app)
    if white:
        await sit(pilot, app, "w")


# -- the run of the clock, without Textual -------------------------------------------------------


def test_a_run_stops_at_an_event_of_consequence_within_its_grain() -> None:
    s = Session(scenarios.load(FLAGSHIP), seed=1, seats={})  # bots only: no prompt halts it
    s.advance_until(INVASION - 60)
    run(s, INVASION + 7 * 1440)
    assert INVASION <= s.now <= INVASION + GRAIN
    assert any(e.kind == "invasion" for e in s.events)


def test_the_alert_board_queues_a_stop_for_each_seat_that_may_see_it() -> None:
    s = Session(scenarios.load(FLAGSHIP), seed=1, seats={"france": "human", "uk": "human"})
    board = AlertBoard()
    s.advance_until(3601)  # the pact (to all), the fortress reservists (France only)
    new = board.scan(s.events, ["france", "uk", WHITE], s.scenario.scenario.start)
    assert [a.kind for a in new] == ["inject", "inject"]
    assert len(board.take("france")) == 2 and len(board.take(WHITE)) == 2
    uk = board.take("uk")
    assert len(uk) == 1 and "non-aggression pact" in uk[0].line
    assert board.take("uk") == [] and board.scan(s.events, ["uk"], s.scenario.scenario.start) == []


def test_many_alerts_make_one_message_the_most_important_first() -> None:
    s = Session(scenarios.load(FLAGSHIP), seed=1, seats=recorded(FLAGSHIP, "france=human"))
    board = AlertBoard()
    s.advance_until(INVASION + 1)
    board.scan(s.events, ["france"], s.scenario.scenario.start)
    waiting = board.take("france")
    assert len(waiting) > 5 and AlertBoard.headline(waiting) == "Invasion"
    lines = summary(waiting).splitlines()
    assert "Germany invades Poland" in lines[0] and "Franco-Polish" in lines[1]
    assert len(lines) == 6 and lines[-1] == f"… and {len(waiting) - 5} more in the Log tab."


def test_a_time_box_counts_down_on_the_wall_clock_and_tells_once() -> None:
    now = [1000.0]
    tempo = Tempo(box=5, wall=lambda: now[0])
    s = Session(scenarios.load(FLAGSHIP), seed=1, seats={"france": "human"})
    prompt = s.advance_to_decision()[0]
    assert tempo.watch([prompt]) == []
    assert tempo.countdown(prompt.id) == "5:00 left to decide"
    now[0] += 4 * 60 + 28
    assert tempo.countdown(prompt.id) == "0:32 left to decide"
    now[0] += 40
    assert tempo.watch([prompt]) == [prompt] and tempo.watch([prompt]) == []
    assert tempo.countdown(prompt.id) == "time is up"


# -- turns and the tempo -------------------------------------------------------------------------


@pytest.mark.slow  # a long run of the app (2–5 s): `pytest -m slow`
async def test_a_turn_runs_its_length_through_quiet_time(tmp_path: Path) -> None:
    s = game(tmp_path, {"france": "human"})
    app = WargameApp(s, None)
    async with app.run_test(size=SIZE) as pilot:
        await arrive(pilot, app)
        app.tempo.turn = 6 * 60
        await pilot.press("t")
        await pilot.pause()
        assert s.now == 6 * 60  # nothing to decide before 6 h: the whole turn, at once
        app.tempo.turn = 7 * 1440
        await pilot.press("t")  # France's first decision (day 1.5) comes before a week is out
        await pilot.pause()
        assert s.now == s.pending("france")[0].opened < 7 * 1440
        assert "stopped: a decision" in bar(app)


@pytest.mark.slow  # a long run of the app (2–5 s): `pytest -m slow`
async def test_the_white_cell_sets_the_tempo_and_a_seat_may_not(tmp_path: Path) -> None:
    s = game(tmp_path, {"france": "human"})
    app = WargameApp(s, None, facilitator=True)
    async with app.run_test(size=SIZE) as pilot:
        await seated(pilot, app)
        said = listen(app)
        await pilot.press("T", "B")
        await pilot.pause()
        assert (app.tempo.turn, app.tempo.box) == (1440, 0)
        assert any("white cell sets the tempo" in x for x in said)
        await sit(pilot, app, "w")
        await pilot.press("T", "T", "B", "B")  # 1 day -> 3 days -> 1 week; none -> 2 -> 5 minutes
        await pilot.pause()
        assert (app.tempo.turn, app.tempo.box) == (7 * 1440, 5)
        assert any("now runs 1 week" in x for x in said) and any("5 minutes" in x for x in said)
        await pilot.press("T")
        assert app.tempo.turn == 6 * 60  # round again


async def test_the_white_cell_steps_to_the_next_event_of_consequence_not_the_end(tmp_path: Path) -> None:
    s = game(tmp_path, {})  # bots only: the app opens at the white cell
    app = WargameApp(s, None)
    async with app.run_test(size=SIZE) as pilot:
        await arrive(pilot, app)
        said = listen(app)
        await pilot.press("n")
        await pilot.pause()
        assert not s.finished and 3240 <= s.now <= 3240 + GRAIN  # the pact, a scripted inject
        assert any("non-aggression pact" in x for x in said)


# -- stops that matter ---------------------------------------------------------------------------


@pytest.mark.slow  # a long walk through the app: `pytest -m slow`
async def test_the_invasion_stops_the_clock_and_reaches_every_seat(tmp_path: Path) -> None:
    s = game(tmp_path, {"france": "human", "uk": "human"})
    s.advance_until(INVASION - 60)
    app = WargameApp(s, None, facilitator=True)
    async with app.run_test(size=SIZE) as pilot:
        await seated(pilot, app)
        assert app.current == "france"
        said = listen(app)
        app.tempo.turn = 7 * 1440
        await pilot.press("t")
        await pilot.pause()
        assert INVASION <= s.now <= INVASION + GRAIN
        assert any("Invasion" in x and "Germany invades Poland" in x for x in said)
        assert "stopped" in bar(app)
        said.clear()
        await sit(pilot, app)  # the United Kingdom sits down: it is told too
        assert app.current == "uk"
        assert any("Germany invades Poland" in x for x in said)
        said.clear()
        await sit(pilot, app)  # the white cell
        assert app.current == WHITE and any("Germany invades Poland" in x for x in said)


async def test_the_running_clock_stops_at_the_invasion_too(tmp_path: Path) -> None:
    s = game(tmp_path, {})  # bots only: only the stops halt it
    s.advance_until(INVASION - 300)  # after the Gleiwitz inject, before the invasion
    app = WargameApp(s, None)
    async with app.run_test(size=SIZE) as pilot:
        await arrive(pilot, app)
        app.clock.running, app.clock.speed = True, 4  # the fastest: 4 days a second
        for _ in range(10):  # ticks driven by hand, not by the timer
            if app.clock.running:
                app.on_tick()
        assert not app.clock.running and INVASION <= s.now <= INVASION + GRAIN
        assert "stopped: Invasion" in bar(app)


@pytest.mark.slow  # a long walk through the app: `pytest -m slow`
async def test_an_ad_hoc_inject_reaches_its_audience_only_when_it_sits_down(tmp_path: Path) -> None:
    s = game(tmp_path, {"france": "human", "uk": "human"})
    app = WargameApp(s, None, facilitator=True)
    async with app.run_test(size=SIZE) as pilot:
        await seated(pilot, app, white=True)
        assert app.direct("adhoc_inject", "uk", "test", "Shots at the Danzig post office") is None
        said = listen(app)
        await sit(pilot, app)  # France: not in the audience
        assert app.current == "france" and not any("Danzig" in x for x in said)
        await sit(pilot, app)  # the United Kingdom
        assert app.current == "uk" and any("Danzig" in x for x in said)


@pytest.mark.slow  # a long run of the app (2–5 s): `pytest -m slow`
async def test_a_seat_learns_whose_news_stopped_the_clock_never_what_it_is(tmp_path: Path) -> None:
    s = game(tmp_path, {"france": "human"})
    s.advance_to_decision()
    s.submit("france", s.pending("france")[0].id, "statement", "")
    s.direct("hold_inject", "pact", "the room is not ready")  # due on day 2.25
    app = WargameApp(s, None, facilitator=True)
    async with app.run_test(size=SIZE) as pilot:
        await seated(pilot, app)
        said = listen(app)
        await pilot.press("t")
        await pilot.pause()
        assert any(e.kind == "held" for e in s.events) and "news for the white cell" in bar(app)
        assert not any("pact" in x or "eld" in x for x in [*said, bar(app)])
        await sit(pilot, app, "w")
        assert any("While you were away" in x and "'pact'" in x for x in said)


# -- the time box --------------------------------------------------------------------------------


async def test_the_time_box_counts_down_on_the_seat_and_in_its_form(tmp_path: Path) -> None:
    s = game(tmp_path, {"france": "human"})
    prompt = s.advance_to_decision()[0]
    app = WargameApp(s, tmp_path / "game.jsonl")
    now = [0.0]
    app.tempo = Tempo(box=2, wall=lambda: now[0])
    async with app.run_test(size=SIZE) as pilot:
        await arrive(pilot, app)
        app.on_second()
        line = bar(app)
        assert "2:00 left" in line and "1 waiting (d)" in line and len(line) <= SIZE[0] - 2
        await pilot.press("d")
        await pilot.pause()
        now[0] += 61
        app.on_second()
        frame = app.screen.query(VerticalScroll).first()
        assert "0:59 left" in str(frame.border_subtitle)
        said = listen(app)
        now[0] += 60
        app.on_second()
        assert any("Time is up for France" in x for x in said)
        assert prompt.id in {p.id for p in s.pending("france")}  # nothing decided for the room


# -- deadlines wait for the room -----------------------------------------------------------------


def decisions(s: Session, seat: str) -> list[DecisionData]:
    return [e.data for e in s.events if isinstance(e.data, DecisionData) and e.data.seat == seat]


@pytest.mark.slow  # a long walk through the app: `pytest -m slow`
async def test_in_hot_seat_running_the_clock_never_takes_the_other_seats_decision(tmp_path: Path) -> None:
    s = game(tmp_path, {"france": "human", "uk": "human"})
    app = WargameApp(s, None)
    async with app.run_test(size=SIZE) as pilot:
        await seated(pilot, app)
        assert app.current == "france"
        said = listen(app)
        app.tempo.turn = 7 * 1440
        await pilot.press("t", "t")  # to the first prompts (France's and the UK's)
        await pilot.pause()
        uk = s.pending("uk")[0]
        s.submit("france", s.pending("france")[0].id, "statement", "we stand by Poland")
        await pilot.press("t", "t", "n", "n", "t")  # France runs the clock as far as it will go
        await pilot.pause()
        assert s.now == uk.deadline - 1  # the clock waits at the UK's last minute
        assert [p.id for p in s.due()] == [uk.id] and not decisions(s, "uk")
        assert any("United Kingdom's decision" in x and "Hand over (h)" in x for x in said)
        assert not any(uk.question in x for x in said)  # France is told whose, never what
        await pilot.press("D")  # France may not confirm the UK's default
        await pilot.pause()
        assert isinstance(app.screen, SeatScreen) and not decisions(s, "uk")
        await sit(pilot, app)  # the UK sits down and confirms its own default
        await pilot.press("D")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    taken = decisions(s, "uk")
    assert len(taken) == 1 and taken[0].by == "default, confirmed by United Kingdom"


@pytest.mark.slow  # runs the clock a week to a deadline; the session's rule is in test_hotwash
async def test_the_white_cell_confirms_a_default_at_its_deadline(tmp_path: Path) -> None:
    s = game(tmp_path, {"france": "human"})
    app = WargameApp(s, None, facilitator=True)
    async with app.run_test(size=SIZE) as pilot:
        await seated(pilot, app, white=True)
        said = listen(app)
        app.tempo.turn = 7 * 1440
        await pilot.press("t", "t", "t")
        await pilot.pause()
        assert s.due() and not decisions(s, "france")
        assert any("Confirm the default (D)" in x for x in said)
        assert "deadline for France" in bar(app)
        await pilot.press("D", "y")
        await pilot.pause()
        assert not s.due()
    assert decisions(s, "france")[0].by == "default, confirmed by the white cell"


# -- undo ----------------------------------------------------------------------------------------


@pytest.mark.slow  # a long walk through the app: `pytest -m slow`
async def test_the_white_cell_undoes_its_last_hold(tmp_path: Path) -> None:
    s = game(tmp_path, {"france": "human"})
    app = WargameApp(s, None, facilitator=True)
    async with app.run_test(size=SIZE) as pilot:
        await seated(pilot, app, white=True)
        assert app.direct("skip_inject", "pact", "not yet") is None
        assert app.direct("hold_inject", "couverture", "wait for the room") is None
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and "couverture" in app.screen.title_text
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        status = {i.id: i.status for i in s.white_cell().injects}
        assert status["couverture"] == "scheduled" and status["pact"] == "skipped"
        await pilot.press("u", "ctrl+s", "ctrl+s")  # then the skip before it
        await pilot.pause()
        assert {i.id: i.status for i in s.white_cell().injects}["pact"] == "scheduled"
    restored = [d for d in decisions(s, WHITE) if d.decision == "restore_inject"]
    assert [d.choice for d in restored] == ["couverture", "pact"]


# -- the hot wash --------------------------------------------------------------------------------


def ended(tmp_path: Path) -> Session:
    s = game(tmp_path, dict(s.split("=") for s in recorded(FLAGSHIP, "france=human")), once=False)
    s.direct("hold_inject", "couverture", "the room is not ready")
    s.direct("adhoc_inject", "france", "a test", "Shots reported at the border")
    s.run_to_end()
    return s


@pytest.mark.slow  # a long run of the app (2–5 s): `pytest -m slow`
async def test_the_hot_wash_opens_at_a_key_and_scrolls_by_keyboard(tmp_path: Path) -> None:
    # (how fast it opens is a benchmark's question, not a test's: a loaded machine is slow)
    s = ended(tmp_path)
    app = WargameApp(s, tmp_path / "game.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        await arrive(pilot, app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, HotWashScreen)
        pane = app.screen.query_one("#washpane", VerticalScroll)
        assert app.screen.focused is pane
        text = str(app.screen.query_one("#wash", Static).render())
        assert "day 10." not in text and "None days" not in text and "France" in text
        if pane.max_scroll_y:  # taller than the screen: the keys scroll it
            await pilot.press("pagedown")
            await pilot.pause()
            assert pane.scroll_y > 0
            await pilot.press("end")
            await pilot.pause()
            assert pane.scroll_y == pane.max_scroll_y
            await pilot.press("home")
            await pilot.pause()
            assert pane.scroll_y == 0
        await pilot.press("e")
        await pilot.pause()
    assert "France" in (tmp_path / "game.hotwash.md").read_text(encoding="utf-8")


def test_snapshot_hot_wash_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(WargameApp(ended(tmp_path), None), press=["a"], terminal_size=SIZE)
