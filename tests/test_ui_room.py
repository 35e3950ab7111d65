"""The seminar app in a real room (#13): option lists that do not wrap, a confirmation on screen
at 80x24, keys typed fast landing in their field, focus back after a form, privacy by PIN and
hand-over passcode, a crash screen without locals, journals never overwritten, briefings.

Keys are sent through Textual's Pilot; "fast" keys are posted all at once, with no pause between
them, as a typist's burst reaches the app."""

from __future__ import annotations

import asyncio
import html
import json
import re
from pathlib import Path

import pytest
from conftest import settle
from textual import events
from textual.widgets import DataTable, Input, OptionList, Static

from ui.app import WargameApp
from ui.briefing import BriefingScreen
from ui.form import FormScreen
from ui.hotwash import HotWashScreen
from ui.pin import PinScreen
from ui.seat import SeatScreen
from ui.whitecell import WhiteCellScreen
from wargame.cli import main
from wargame.model.scenario_files import scenarios
from wargame.session.session import Session

FLAGSHIP = "drole-de-guerre-1939"
SMALL = (80, 24)


def game(tmp_path: Path, seats: dict[str, str], overrides: tuple[str, ...] = ()) -> tuple[Session, Path]:
    path = tmp_path / "game.jsonl"
    return Session(scenarios.load(FLAGSHIP, overrides), seed=1, seats=seats, journal=path), path


def screen_lines(app: WargameApp) -> list[str]:
    """The terminal's visible lines, as text (the screenshot's spans joined row by row)."""
    rows: dict[float, str] = {}
    for y, text in re.findall(r'<text [^>]*y="([0-9.]+)"[^>]*>([^<]*)</text>', app.export_screenshot()):
        rows[float(y)] = rows.get(float(y), "") + html.unescape(text).replace("\xa0", " ")
    return [rows[y] for y in sorted(rows)]


def screen_text(app: WargameApp) -> str:
    return "\n".join(screen_lines(app))


def journal_events(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[1:]]


def decisions(path: Path) -> list[dict]:
    return [e["data"] for e in journal_events(path) if e["kind"] == "decision"]


def burst(app: WargameApp, *keys: str) -> None:
    """Post key presses all at once, as a fast typist's keys reach the app (no pause between)."""
    names = {"space": " "}
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else names.get(key)))


# -- 1. option lists never wrap; the confirmation is on screen at 80x24 ------------------------


async def test_an_option_list_does_not_wrap(tmp_path: Path) -> None:
    s, path = game(tmp_path, {"france": "human"})
    prompt = s.advance_to_decision()[0]
    app = WargameApp(s, path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        options = app.screen.query_one("#field-choice", OptionList)
        options.highlighted = 0
        await pilot.press("up")
        assert options.highlighted == 0
        options.highlighted = len(prompt.options) - 1
        await pilot.press("down")
        assert options.highlighted == len(prompt.options) - 1


async def test_the_confirmation_is_visible_at_80x24_and_names_the_choice(tmp_path: Path) -> None:
    s, path = game(tmp_path, {"france": "human"})
    prompt = s.advance_to_decision()[0]
    app = WargameApp(s, path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        choice = prompt.options[-1]
        app.screen.query_one("#field-choice", OptionList).highlighted = len(prompt.options) - 1
        app.screen.query_one("#field-reason", Input).value = "hold the line"
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        assert f"Your decision: {choice}" in text and "Your reason: hold the line" in text
        box = app.screen.query_one("#order").region
        assert box.y >= 0 and box.bottom <= SMALL[1] and box.right <= SMALL[0]
        assert not [d for d in decisions(path) if d["by"] == "human"]  # nothing recorded yet
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SeatScreen)
    mine = [d for d in decisions(path) if d["by"] == "human"]
    assert [(d["choice"], d["reason"]) for d in mine] == [(choice, "hold the line")]


def test_snapshot_the_confirmation_at_80x24(snap_compare) -> None:
    s = Session(scenarios.load(FLAGSHIP), seed=1, seats={"france": "human"})
    s.advance_to_decision()
    app = WargameApp(s, None)
    assert snap_compare(app, press=["d", "up", "tab", *"firm", "ctrl+s"], terminal_size=SMALL)


# -- 2. keys typed fast land in the field that has focus ---------------------------------------


async def test_fast_typing_right_after_a_form_opens_lands_in_its_field(tmp_path: Path) -> None:
    s, path = game(tmp_path, {})
    app = WargameApp(s, path, facilitator=True)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        now = s.now
        burst(app, "p", *"a quiet night then war", "ctrl+s")  # 'a', 'n', 'w' and space are game keys
        await settle(pilot)
        assert s.now == now and not app.clock.running
        form = app.screen_stack[-2]
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-reason", Input).value == "a quiet night then war"


async def test_fast_typing_after_moving_between_fields_stays_in_the_field(tmp_path: Path) -> None:
    s, path = game(tmp_path, {"france": "human"})
    prompt = s.advance_to_decision()[0]
    app = WargameApp(s, path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        now = s.now
        burst(app, "d", "down", "enter", *"no haste", "shift+tab", "tab", *" here", "ctrl+s", "y")
        await settle(pilot)
        assert s.now == now
        assert isinstance(app.screen, SeatScreen)
    mine = [d for d in decisions(path) if d["by"] == "human"]
    start = prompt.options.index(prompt.default) if prompt.default in prompt.options else 0
    expected = prompt.options[min(start + 1, len(prompt.options) - 1)]
    assert [(d["choice"], d["reason"]) for d in mine] == [(expected, "no haste here")]


async def test_game_keys_do_nothing_while_a_form_is_open(tmp_path: Path) -> None:
    s, path = game(tmp_path, {"france": "human"})
    s.advance_to_decision()
    app = WargameApp(s, path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        now = s.now
        await pilot.press("n", "space", "h", "a", "w", "q")  # the option list has focus
        await pilot.pause()
        assert s.now == now and not app.clock.running and isinstance(app.screen, FormScreen)


# -- 3. arrow keys after a form closes ---------------------------------------------------------


async def test_arrows_move_the_list_after_a_form_and_skip_acts_on_the_highlighted_inject(
    tmp_path: Path,
) -> None:
    s, path = game(tmp_path, {})
    app = WargameApp(s, path, facilitator=True)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#injects", DataTable)
        burst(app, "x", "escape", "down", "down")  # open a form, close it unused, move at once
        await settle(pilot)
        assert table.cursor_row == 2
        burst(app, "x", *"not yet", "ctrl+s", "y", "down", "k", *"no longer fits", "ctrl+s", "y")
        await settle(pilot)
        assert isinstance(app.screen, WhiteCellScreen) and table.cursor_row == 3
        ids = [str(k.value) for k in table.rows]
    acts = [(d["decision"], d["choice"]) for d in decisions(path) if d["by"] == "white cell"]
    assert acts == [("hold_inject", ids[2]), ("skip_inject", ids[3])]


@pytest.mark.slow  # a long one: CI runs the slow set too
async def test_the_white_cell_never_acts_on_an_inject_out_of_sight(tmp_path: Path) -> None:
    s, path = game(tmp_path, {})
    app = WargameApp(s, path, facilitator=True)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("4", "k")  # the log tab is up: the highlighted inject cannot be seen
        await pilot.pause()
        assert isinstance(app.screen, WhiteCellScreen)
        assert app.screen.query_one("TabbedContent").active == "mel"
        assert app.focused is app.screen.query_one("#injects")
        await pilot.press("down", "k", *"gone", "ctrl+s", "y")
    acts = [(d["decision"], d["choice"]) for d in decisions(path) if d["by"] == "white cell"]
    assert acts == [("skip_inject", s.white_cell().injects[1].id)]


# -- 5. the crash screen -----------------------------------------------------------------------


async def test_a_crash_shows_the_error_and_the_journal_never_local_variables(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    s, path = game(tmp_path, {"france": "human"})
    app = WargameApp(s, path)

    def broken() -> None:
        hidden_truth = "zqsecretzq"  # a local, as the session and the world are in real frames
        raise RuntimeError("the model broke " + str(len(hidden_truth)))

    monkeypatch.setattr(app, "action_step", broken)
    capsys.readouterr()
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
    shown = capsys.readouterr().err
    assert "RuntimeError: the model broke 10" in shown and "in broken" in shown
    assert str(path) in shown.replace("\n", "") and "wargame play --resume" in shown  # a long path wraps
    assert "zqsecretzq" not in shown and "hidden_truth" not in shown


# -- 6. journals are never overwritten ---------------------------------------------------------


@pytest.fixture
def started(monkeypatch) -> list[WargameApp]:
    """``wargame play`` up to the moment the app would take the terminal: the apps it built."""
    apps: list[WargameApp] = []

    def run(self: WargameApp) -> str:
        apps.append(self)
        return ""

    monkeypatch.setattr(WargameApp, "run", run)
    return apps


def test_play_journal_existing_goes_on_with_an_unfinished_game(tmp_path: Path, started, capsys) -> None:
    s, path = game(tmp_path, {"france": "human"})
    s.advance(3 * 1440)
    date, lines = s.date, path.read_text(encoding="utf-8").splitlines()
    s.close()
    assert main(["play", "--journal", str(path)]) == 0
    assert started[0].session.date == date and "unfinished game" in started[0].notice
    assert path.read_text(encoding="utf-8").splitlines()[: len(lines)] == lines
    assert "goes on where it stopped" in capsys.readouterr().err


def test_play_journal_existing_with_seats_of_that_game_goes_on(tmp_path: Path, started) -> None:
    s, path = game(tmp_path, {"france": "human"})
    s.advance(2 * 1440)
    s.close()
    assert main(["play", "--seat", "france=human", "--journal", str(path)]) == 0
    assert started[0].session.now == 2 * 1440


def test_play_journal_refuses_a_finished_a_foreign_or_another_games_file(
    tmp_path: Path, started, capsys
) -> None:
    s, done = game(tmp_path, {})
    s.run_to_end()
    s.close()
    other = tmp_path / "other.jsonl"
    s2 = Session(scenarios.load(FLAGSHIP), seed=1, seats={"uk": "human"}, journal=other)
    s2.close()
    foreign = tmp_path / "notes.txt"
    foreign.write_text("shopping list\n", encoding="utf-8")
    cases = [
        (["--journal", str(done)], "finished game"),
        (["--seat", "france=human", "--journal", str(done)], "finished game"),
        (["--journal", str(foreign)], "not a game that can go on"),
        (["--seat", "france=human", "--journal", str(other)], "holds another game"),
    ]
    for argv, words in cases:
        before = {p: p.read_bytes() for p in (done, other, foreign)}
        assert main(["play", *argv]) == 2, argv
        err = capsys.readouterr().err
        assert words in err and "left as it is" in err and "Traceback" not in err
        assert {p: p.read_bytes() for p in (done, other, foreign)} == before
    assert not started


@pytest.mark.slow  # a long run of the app (2–5 s): `pytest -m slow`
async def test_the_lobby_writes_the_journal_given_and_never_over_a_file(tmp_path: Path) -> None:
    mine = tmp_path / "seminar.jsonl"
    app = WargameApp(lobby={"scenario": FLAGSHIP, "seed": 2, "journal": str(mine)})
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.has_game and app.journal == mine
    assert mine.is_file()
    taken = tmp_path / "taken.jsonl"
    taken.write_text("keep me\n", encoding="utf-8")
    app = WargameApp(lobby={"scenario": FLAGSHIP, "seed": 2, "journal": str(taken)})
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.has_game
        assert "never overwritten" in str(app.screen.query_one("#error", Static).render())
    assert taken.read_text(encoding="utf-8") == "keep me\n"


# -- 4. privacy that does not rely on honour ---------------------------------------------------


def is_at(app: WargameApp, seat: str) -> bool:
    return isinstance(app.screen, SeatScreen) and app.screen.seat == seat


async def type_code(pilot, code: str, twice: bool = False) -> None:
    await pilot.press(*code, "enter", *((*code, "enter") if twice else ()))
    await pilot.pause()


async def back_to_france(app: WargameApp, pilot) -> None:
    """Undo whatever a key opened, until France's own screen is up again (its passcode asked)."""
    for _ in range(6):
        if is_at(app, "france"):
            return
        if isinstance(app.screen, PinScreen) and "France" in str(
            app.screen.query_one("#pinheading", Static).render()
        ):
            await type_code(pilot, "fr-pass")
        else:
            await pilot.press("escape")
            await pilot.pause()
    raise AssertionError(f"stuck on {app.screen}")


@pytest.mark.slow  # a long walk through the app: `pytest -m slow`
async def test_no_key_or_command_on_a_seat_screen_reaches_the_truth_or_another_seat(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the palette's screenshot command writes here
    overrides = ("scenario.white_cell_notes=CANARY-NOTE-77", "penetrations.dedal.id=zqcanaryzq")
    s, path = game(tmp_path, {"france": "human", "uk": "human"}, overrides)
    s.advance(25 * 1440)
    uk_only = next(e.text for e in s.view("uk").events if e.kind == "report" and e.see == ("uk",))
    app = WargameApp(s, path, facilitator=True)

    def leaks() -> list[str]:
        text = screen_text(app)
        found = [w for w in ("zqcanaryzq", "CANARY-NOTE-77", uk_only[:40], "GROUND TRUTH") if w in text]
        stack = app.screen_stack
        found += [repr(x) for x in stack if isinstance(x, WhiteCellScreen | HotWashScreen)]
        found += [f"seat {x.seat}" for x in stack if isinstance(x, SeatScreen) and x.seat != "france"]
        return found

    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await type_code(pilot, "wc-pin-1", twice=True)  # the white cell's PIN, at the start
        await type_code(pilot, "fr-pass", twice=True)  # France's passcode, at its first turn
        assert is_at(app, "france")
        keys = [b.key for b in (*WargameApp.BINDINGS, *SeatScreen.BINDINGS)]  # type: ignore[union-attr]
        for key in [k.split(",")[0] for k in keys]:
            await pilot.press(key)
            await pilot.pause()
            assert not leaks(), key
            if isinstance(app.screen, PinScreen):  # guessing does not open it
                await type_code(pilot, "1234")
                assert isinstance(app.screen, PinScreen) and not leaks(), key
            await back_to_france(app, pilot)
        commands = [c for c in app.get_system_commands(app.screen) if c.title != "Quit"]
        assert any(c.title == "White cell" for c in commands)
        for command in commands:
            command.callback()
            await pilot.pause()
            assert not leaks(), command.title
            await back_to_france(app, pilot)
        # the white cell: a wrong PIN is refused, the right one opens it
        await pilot.press("w")
        await pilot.pause()
        await type_code(pilot, "fr-pass")
        assert isinstance(app.screen, PinScreen)
        assert "Wrong PIN" in str(app.screen.query_one("#pinerror", Static).render())
        await type_code(pilot, "wc-pin-1")
        assert isinstance(app.screen, WhiteCellScreen)
        # and the white cell's PIN opens a seat whose player forgot the passcode
        await pilot.press("h")
        await pilot.pause()
        await type_code(pilot, "wc-pin-1")
        assert is_at(app, "france")


@pytest.mark.slow  # a long walk through the app: `pytest -m slow`
async def test_a_seat_chooses_its_passcode_and_the_next_seat_cannot_open_it(tmp_path: Path) -> None:
    s, path = game(tmp_path, {"france": "human", "uk": "human"})
    app = WargameApp(s, path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await type_code(pilot, "fr", twice=True)  # too short
        assert "At least" in str(app.screen.query_one("#pinerror", Static).render())
        await type_code(pilot, "fr-pass", twice=True)
        await pilot.press("escape")  # the briefing read
        assert is_at(app, "france")
        await pilot.press("h")
        await type_code(pilot, "uk-pass", twice=True)
        await pilot.press("escape")
        assert is_at(app, "uk")
        await pilot.press("h")  # the UK tries to walk into France's screen
        await type_code(pilot, "uk-pass")
        await pilot.press("x", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PinScreen) and not any(
            isinstance(x, SeatScreen) for x in app.screen_stack
        )
        await type_code(pilot, "fr-pass")
        assert is_at(app, "france")


def test_the_white_cell_pin_is_asked_again_on_resume_and_never_journalled(tmp_path: Path, started) -> None:
    s, path = game(tmp_path, {"france": "human"})
    s.advance(1440)
    s.close()
    assert main(["play", "--resume", str(path), "--facilitator"]) == 0
    assert started[0].locks.white is None  # chosen anew: the first screen asks for it

    async def first_screen() -> None:
        app = started[0]
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, PinScreen)
            await type_code(pilot, "secret-pin-9", twice=True)
            assert app.locks.white is not None

    asyncio.run(first_screen())
    assert "secret-pin-9" not in path.read_text(encoding="utf-8")


# -- 7. briefings in the game ------------------------------------------------------------------


@pytest.mark.slow  # a long walk through the app: `pytest -m slow`
async def test_each_seat_reads_its_briefing_when_it_first_sits_down_and_on_b(tmp_path: Path) -> None:
    s, path = game(tmp_path, {"france": "human", "uk": "human"})
    france, uk = s.scenario.actor("france"), s.scenario.actor("uk")
    app = WargameApp(s, path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await type_code(pilot, "fr-pass", twice=True)
        assert isinstance(app.screen, BriefingScreen) and app.screen.who == france.name
        assert france.briefing.split(".")[0] in app.screen.text and uk.briefing not in app.screen.text
        scroller = app.screen.query_one("#briefscroll")
        assert scroller.region.bottom <= SMALL[1]  # the screen fits; the text scrolls
        await pilot.press("pagedown")
        assert scroller.scroll_y > 0 or scroller.max_scroll_y == 0
        await pilot.press("escape")
        assert is_at(app, "france")
        await pilot.press("h")
        await type_code(pilot, "uk-pass", twice=True)
        assert isinstance(app.screen, BriefingScreen) and app.screen.who == uk.name
        await pilot.press("enter")
        await pilot.press("h")
        await type_code(pilot, "fr-pass")
        assert is_at(app, "france")  # once is enough: b brings it back
        await pilot.press("b")
        assert isinstance(app.screen, BriefingScreen) and app.screen.who == france.name


@pytest.mark.slow  # a long run of the app (2–5 s): `pytest -m slow`
async def test_the_white_cell_reads_its_pack_on_b(tmp_path: Path) -> None:
    s, path = game(tmp_path, {}, ("scenario.white_cell_notes=Hold the pact until the room is ready",))
    app = WargameApp(s, path, facilitator=True)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("b")
        assert isinstance(app.screen, BriefingScreen)
        assert "pact" in app.screen.text and "Hold the pact until the room is ready" in app.screen.text
        await pilot.press("b")
        assert isinstance(app.screen, WhiteCellScreen)


# -- 8. play --script: a seminar from a prepared opening ---------------------------------------


OPENING = str(Path(__file__).parents[1] / "scenarios" / "scripts" / "drole-de-guerre-1939-opening.toml")


def test_play_script_makes_its_seats_human_and_prepares_the_session(tmp_path: Path, started) -> None:
    journal = tmp_path / "opening.jsonl"
    argv = ["play", "--script", OPENING, "--seat", "poland=human", "--journal", str(journal)]
    assert main(argv) == 0
    session = started[0].session
    assert session.script_unplayed()  # the opening is attached, its entries still to come
    assert {s for s, c in session.seats.items() if c == "human"} == {"france", "uk", "poland"}
    assert session.hold_deadlines is True and journal.is_file()


def test_play_script_errors_name_the_file_line_and_field(tmp_path: Path, started, capsys) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[decision]]\nseat = "france"\ndecision = "offensive"\nchoice = 3\n', encoding="utf-8")
    assert main(["play", "--script", str(bad), "--journal", str(tmp_path / "x.jsonl")]) == 2
    assert f"{bad}:4: decision[0].choice" in capsys.readouterr().err
    assert not (tmp_path / "x.jsonl").exists() and not started


async def test_a_pin_typed_fast_twice_is_taken(tmp_path: Path) -> None:
    """Enter in the first field moves to the second by a message that bubbles up to the screen:
    the keys after it must wait for that move (a tmux trial at 80x24 found them in the first)."""
    s, path = game(tmp_path, {"france": "human"})
    app = WargameApp(s, path, facilitator=True)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        burst(app, *"wc99", "enter", *"wc99", "enter")
        await settle(pilot)
        assert app.locks.opens_white("wc99")


@pytest.mark.slow  # a long walk through the app: `pytest -m slow`
async def test_no_palette_command_opens_anything_from_a_hand_over_screen(tmp_path: Path) -> None:
    overrides = ("scenario.white_cell_notes=CANARY-NOTE-77",)
    s, path = game(tmp_path, {"france": "human", "uk": "human"}, overrides)
    s.advance(3 * 1440)
    app = WargameApp(s, path, facilitator=True)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await type_code(pilot, "wc-pin-1", twice=True)
        await type_code(pilot, "fr-pass", twice=True)
        for opening in ("w", "h"):  # the white cell's PIN screen; the UK's first hand-over
            assert is_at(app, "france")
            await pilot.press(opening)
            await pilot.pause()
            for command in [c for c in app.get_system_commands(app.screen) if c.title != "Quit"]:
                command.callback()
                await pilot.pause()
                stack = app.screen_stack
                assert not any(isinstance(x, WhiteCellScreen | HotWashScreen | SeatScreen) for x in stack), (
                    opening,
                    command.title,
                )
                assert "CANARY-NOTE-77" not in screen_text(app) and "GROUND TRUTH" not in screen_text(app)
                while not isinstance(app.screen, PinScreen):
                    await pilot.press("escape")
            await back_to_france(app, pilot)


@pytest.mark.slow
async def test_a_failing_priority_key_still_stops_the_app_with_the_crash_report(
    tmp_path: Path, monkeypatch
) -> None:
    s, path = game(tmp_path, {"france": "human"})
    app = WargameApp(s, path)

    def broken() -> None:
        raise RuntimeError("palette broke")

    monkeypatch.setattr(app, "action_command_palette", broken)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p")  # a priority binding: run inside the type-ahead's task
            await pilot.pause()
    assert app.return_code == 1


def test_play_script_with_a_bundled_room_script(tmp_path: Path, monkeypatch, capsys) -> None:
    played: list[WargameApp] = []

    def run(self: WargameApp) -> str:  # the room lets the clock run three days
        played.append(self)
        self.session.advance(3 * 1440)
        return ""

    monkeypatch.setattr(WargameApp, "run", run)
    journal = tmp_path / "opening.jsonl"
    script = OPENING
    assert main(["play", "--script", script, "--journal", str(journal)]) == 0
    session = played[0].session
    assert session.seats["france"] == "human" and session.seats["uk"] == "human"
    assert "prepared opening" in played[0].notice
    acts = {(d["by"], d["decision"]) for d in decisions(journal)}
    assert ("white cell", "hold_inject") in acts and ("human", "statement") in acts
    assert f"--script {script}" in played[0].resume_command
    assert main(["play", "--resume", str(journal), "--script", script]) == 0  # the rest of the opening
    assert played[1].session.now == 6 * 1440
    holds = [d for d in decisions(journal) if d["decision"] == "hold_inject"]
    assert len(holds) == 1  # an entry of the past is not applied again
    argv = [
        "play",
        "--script",
        script,
        "--seat",
        "france=bot:realist",
        "--journal",
        str(tmp_path / "x.jsonl"),
    ]
    assert main(argv) == 2
    assert "france" in capsys.readouterr().err and not (tmp_path / "x.jsonl").exists()
