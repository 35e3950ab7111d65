"""Room scripts: several seats and the white cell in one file, entering by the paths people use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.engine.whitecell import WHITE_KINDS
from wargame.model.clock import DAY
from wargame.model.scenario_files import scenarios
from wargame.session.journal.read import read
from wargame.session.journal.verify import verify
from wargame.session.room import RoomScriptError, bundled_scripts, load_room_script, room_seats
from wargame.session.session import SeatError, Session

SHIPPED = {p.stem: p.stem.removesuffix("-opening") for p in bundled_scripts()}
EVERY_ACT = "drole-de-guerre-1939-opening"


def scripted(name: str, seed: int = 1, journal: Path | None = None, given=(), **kw) -> Session:  # type: ignore[no-untyped-def]
    loaded = scenarios.load(SHIPPED[name])
    script = load_room_script(name, loaded.scenario)
    seats = room_seats(loaded.scenario.seat_ids, list(given), script)
    session = Session(loaded, seed=seed, seats=seats, journal=journal, **kw)
    session.prepare(script)
    return session


def test_a_script_ships_for_every_bundled_scenario() -> None:
    assert sorted(SHIPPED.values()) == sorted(p.stem for p in scenarios.bundled())


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_every_shipped_script_runs_and_its_journal_replays(name: str, tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    assert (
        main(["run", SHIPPED[name], "--seed", "1", "--script", name, "--journal", str(path), "--summary"])
        == 0
    )
    journal = read(path)
    verdict = verify(journal)
    assert verdict.ok, verdict
    script = load_room_script(name, scenarios.load(SHIPPED[name]).scenario)
    assert all(journal.header.seats[s] == "human" for s in script.seats)
    people = [e for e in journal.events if e.kind == "decision" and e.data.by in ("human", "white cell")]
    assert {e.data.seat for e in people if e.data.by == "human"} == set(script.seats)
    session = scripted(name)
    session.run_to_end()
    assert session.script_notes == [] and session.script_unplayed() == []  # every entry applied


def test_the_white_cell_acts_of_every_kind_are_journalled_by_the_white_cell() -> None:
    session = scripted(EVERY_ACT)
    session.run_to_end()
    white = [e for e in session.events if e.kind == "decision" and e.data.seat == "white"]
    assert {e.data.decision for e in white} == set(WHITE_KINDS)
    assert {e.data.by for e in white} == {"white cell"}
    assert all(e.data.reason for e in white)  # every act says why, as the facilitators would
    pressure = [e.t for e in session.events if e.kind == "inject" and e.data.inject == "allied-pressure"]
    due = next(i.at for i in session.white_cell().injects if i.id == "allied-pressure")
    assert pressure == [due]  # skipped, then restored before its time: published on time


def test_entries_act_at_their_instants_after_the_instant_settles() -> None:
    session = scripted(EVERY_ACT)
    session.run_to_end()
    start = session.scenario.scenario.start
    by_kind = {
        e.data.decision: e
        for e in session.events
        if e.kind == "decision" and e.data.by in ("human", "white cell")
    }
    assert by_kind["hold_inject"].at == "1939-08-23T18:00"
    assert by_kind["convene_council"].at == "1939-08-26T10:00"
    statement_prompt = next(
        e for e in session.events if e.kind == "prompt" and e.data.decision == "statement"
    )
    assert by_kind["statement"].t == statement_prompt.t  # answered when it opened
    assert start.isoformat().startswith("1939-08-22")


ADVANCES = {
    "run_to_end": lambda s: s.run_to_end(),
    "advance_until in 7-hour steps": lambda s: s.advance_until(s.now + 7 * 60),
    "advance_until_news": lambda s: s.advance_until_news(s.horizon + 1, seat="france"),
    "advance_to_decision": lambda s: s.advance_to_decision(),
    "advance by a day": lambda s: s.advance(DAY),
}


@pytest.mark.parametrize("method", sorted(ADVANCES))
def test_the_journal_does_not_depend_on_how_the_clock_is_advanced(method: str) -> None:
    whole = scripted(EVERY_ACT)
    whole.run_to_end()
    session = scripted(EVERY_ACT)
    while not session.finished:
        ADVANCES[method](session)
    assert session.lines == whole.lines


def test_with_hold_deadlines_what_the_script_leaves_open_waits_for_the_room() -> None:
    session = scripted("tutorial-opening", hold_deadlines=True, given=["ardenia=bot:record"])  # it invades
    session.run_to_end()
    due = session.due()
    assert due and due[0].seat in ("corvia", "belmark")  # the script stops; the room decides
    assert not [e for e in session.events if e.kind == "decision" and e.data.by == "default"
                and e.data.seat in ("corvia", "belmark")]  # fmt: skip
    assert any(e.data.by == "human" for e in session.events if e.kind == "decision")


def test_an_entry_that_cannot_act_is_noted_and_the_game_goes_on(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    play = tmp_path / "late.toml"
    play.write_text(
        '[[white]]\nact = "publish_inject"\nchoice = "pact"\nat = 1939-08-22T06:00:00\n\n'
        '[[white]]\nact = "skip_inject"\nchoice = "pact"\nat = 1939-08-25T00:00:00\nreason = "too late"\n'
    )
    assert main(["run", "drole-de-guerre-1939", "--seed", "1", "--script", str(play), "--summary"]) == 0
    err = capsys.readouterr().err
    assert f"warning: {play}:6: white[1]: not applied on Fri 25 Aug 1939 00:00:" in err
    assert "inject 'pact' is already published" in err


def test_a_scripted_seat_given_to_a_bot_is_an_error_naming_both(capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(
        ["run", "tutorial", "--seed", "1", "--script", "tutorial-opening", "--seat", "corvia=bot:realist"]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "--seat corvia=bot:realist clashes with scenarios/scripts/tutorial-opening.toml" in err
    assert "Traceback" not in err
    assert main(["run", "tutorial", "--seed", "1", "--script", "tutorial-opening", "--seat", "corvia=human",
                 "--summary"]) == 0  # fmt: skip
    loaded = scenarios.load("tutorial")
    session = Session(loaded, seed=1, seats=["corvia=bot:realist"])
    with pytest.raises(SeatError, match="plays 'corvia', which is bot:realist here"):
        session.prepare(load_room_script("tutorial-opening", loaded.scenario))


BAD = [
    (
        '[[white]]\nact = "publish_inject"\nchoice = "pact"\nat = 1939-08-24T00:00:00\n\n'
        '[[white]]\nact = "hodl_inject"\nchoice = "pact"\nat = 1939-08-24T00:00:00\n',
        "{f}:7: white[1].act: unknown white-cell act 'hodl_inject'; did you mean 'hold_inject'?",
    ),
    (
        '[[decision]]\nseat = "frnace"\ndecision = "statement"\nchoice = "statement"\n',
        "{f}:2: decision[0].seat: unknown seat 'frnace'; did you mean 'france'?",
    ),
    (
        '[[decision]]\nseat = "France"\ndecision = "statement"\nchoice = "statement"\n',
        "{f}:2: decision[0].seat: expected a lowercase id",
    ),
    (
        '[[white]]\nact = "skip_inject"\nchoice = "pakt"\nat = 1939-08-24T00:00:00\n',
        "{f}:3: white[0].choice: unknown inject 'pakt'; did you mean 'pact'?",
    ),
    (
        '[[decision]]\nseat = "france"\ndecision = "convene_council"\nchoice = "convene"\n',
        "{f}:3: decision[0].decision: unknown prompt 'convene_council'",
    ),
    (
        '[[decision]]\nseat = "france"\ndecision = "mobilise"\nchoice = "maybe"\n',
        "{f}:4: decision[0].choice: unknown option of mobilise 'maybe'",
    ),
    (
        '[[decision]]\nseat = "france"\ndecision = "statement"\n',
        "{f}:1: decision[0].choice: the required key 'choice' is missing",
    ),
    (
        '[script]\ntitle = "x"\n\n[[white]]\nact = "adhoc_inject"\nchoice = "all"\n'
        "when = 1939-08-24T00:00:00\n",
        "{f}:7: white[0].when: unknown key 'when'",
    ),
    (
        '[[white]]\nact = "adhoc_inject"\nchoice = "all"\ntext = "Shots at the border."\n',
        "{f}:1: white[0]: give either 'at' (an instant) or 'on_prompt' (when a prompt opens)",
    ),
    (
        '[[white]]\nact = "adhoc_inject"\nchoice = "france,narnia"\ntext = "x"\nat = 1939-08-24T00:00:00\n',
        "{f}:3: white[0].choice: unknown audience 'narnia'",
    ),
    (
        '[[white]]\nact = "override"\nchoice = "front.poland.defender"\ntext = "10"\n'
        "at = 1939-09-02T00:00:00\n",
        "{f}:1: white[0].reason: an adjudication override needs a reason",
    ),
    (
        '[[white]]\nact = "override"\nchoice = "front.vistula.defender"\ntext = "10"\nreason = "r"\n'
        "at = 1939-09-02T00:00:00\n",
        "{f}:3: white[0].choice: unknown override path 'front.vistula.defender'",
    ),
    (
        '[[white]]\nact = "publish_inject"\nchoice = "pact"\nat = 1941-01-01T00:00:00\n',
        "{f}:4: white[0].at: 1941-01-01T00:00:00 is outside the game",
    ),
    (
        '[[white]]\nact = "publish_inject"\nchoice = "pact"\n'
        'on_prompt = { seat = "france", decision = "mobilize" }\n',
        "{f}:4: white[0].on_prompt.decision: unknown prompt 'mobilize'; did you mean 'mobilise'?",
    ),
    (
        '[[decision]]\nseat = "france"\ndecision = "statement"\nchoice = "statement"\n'
        "at = 1939-08-24T00:00:00\nafter = 1939-08-23T00:00:00\n",
        "{f}:6: decision[0].after: an entry with 'at' has its own instant",
    ),
    ('[[white]\nact = "x"\n', "{f}:1: not valid TOML"),
    ('[script]\ntitle = "empty"\n', "{f}: the script holds no [[decision]] or [[white]] tables"),
]


@pytest.mark.parametrize(("text", "expected"), BAD, ids=[e.split(": ", 1)[1][:40] for _, e in BAD])
def test_bad_scripts_name_the_file_line_and_field(text: str, expected: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "play.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RoomScriptError) as caught:
        load_room_script(path, scenarios.load("drole-de-guerre-1939").scenario)
    assert expected.format(f=path) in str(caught.value)
    assert main(["run", "drole-de-guerre-1939", "--seed", "1", "--script", str(path)]) == 2
    err = capsys.readouterr().err
    assert expected.format(f=path) in err and "Traceback" not in err


def test_every_problem_is_reported_at_once_in_line_order(tmp_path: Path) -> None:
    path = tmp_path / "play.toml"
    path.write_text(
        '[[decision]]\nseat = "narnia"\ndecision = "statement"\nchoice = "shout"\n\n'
        '[[white]]\nact = "skip_inject"\nchoice = "nonesuch"\nat = 1939-08-24T00:00:00\n'
    )
    with pytest.raises(RoomScriptError) as caught:
        load_room_script(path, scenarios.load("drole-de-guerre-1939").scenario)
    lines = str(caught.value).splitlines()
    assert [line.split(": ")[0:2] for line in lines] == [
        [f"{path}:2", "decision[0].seat"],
        [f"{path}:4", "decision[0].choice"],
        [f"{path}:8", "white[0].choice"],
    ]


def test_the_old_one_seat_decision_script_still_works(tmp_path: Path) -> None:
    script = tmp_path / "fr.toml"
    script.write_text(
        '[[decision]]\nseat = "france"\ndecision = "mobilise"\nchoice = "defer"\nreason = "not yet"\n'
    )
    path = tmp_path / "g.jsonl"
    assert main(["run", "drole-de-guerre-1939", "--seed", "1", "--seat", f"france=script:{script}",
                 "--journal", str(path), "--summary"]) == 0  # fmt: skip
    head = json.loads(path.read_text().splitlines()[0])
    assert head["seats"]["france"] == f"script:{script}"


def test_a_script_attached_to_a_game_under_way_leaves_the_past_alone() -> None:
    loaded = scenarios.load("drole-de-guerre-1939")
    script = load_room_script(EVERY_ACT, loaded)  # a LoadedScenario will do as well
    session = Session(loaded, seed=1, seats=room_seats(loaded.scenario.seat_ids, [], script))
    session.advance_until(4 * DAY)  # 26 Aug 00:00: the hold and the publication of the pact are past
    session.prepare(script)
    session.run_to_end()
    white = [e.data.decision for e in session.events if e.kind == "decision" and e.data.seat == "white"]
    assert "hold_inject" not in white and "publish_inject" not in white
    assert "adhoc_inject" in white and "override" in white  # later acts still come
    assert any("white[0]" in n and "its time had passed" in n for n in session.script_notes)
