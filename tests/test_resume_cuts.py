"""Resume from any prefix a crash can leave (issue #18, item 2).

The property: a journal cut after any line, or at any byte (in the middle of a line, of an
instant, of a character), resumes, and the game, played on with the same decisions, writes the
very journal of the uncut game. Only a cut inside the header — nothing of the game recorded yet —
is refused. And the other side: a file that is NOT a prefix of any game (a line edited, lines
swapped or removed, a line of another game spliced in, another scenario's header, a forgery with
its chain rebuilt) is refused with a message naming the line and why, exit 2, the file untouched.

The fast tests sweep a tutorial game with human seats (decisions, confirmed defaults, a free
decision) at every line, and chosen lines at every byte; the slow ones the bots' games of four
scenarios. The exhaustive sweep is ``python tests/fuzz/resume_sweep.py`` (see its docstring).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))

from conftest import rechain
from cuts import bots_game, events_of, human_game, line_ends, resumed_bytes

from wargame.cli import main
from wargame.engine.journal import dumps
from wargame.model.scenario_files import scenarios
from wargame.session.journal.read import JournalError, read
from wargame.session.journal.replay import resume
from wargame.session.session import Session

TUTORIAL_BOTS = ["ardenia=bot:realist", "belmark=bot:liberal", "corvia=bot:liberal"]
TUTORIAL_HUMANS = ["ardenia=bot:realist", "belmark=human", "corvia=human"]
BOTS_1939 = ["france=bot:liberal", "uk=bot:constructivist"]


class Game:
    """A whole game's journal: its path, bytes, lines (with their ends) and events."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path, self.data = path, data
        self.lines = data.decode("utf-8").splitlines(keepends=True)
        self.ends = line_ends(data)
        self.events = events_of(path)

    def cut(self, folder: Path, at: int, name: str = "cut.jsonl") -> Path:
        """The first ``at`` bytes, as a file in ``folder``."""
        path = folder / name
        path.write_bytes(self.data[:at])
        return path

    def resumes_whole(self, folder: Path, at: int) -> bool:
        """Whether the cut at byte ``at`` resumes and plays on to the uncut bytes."""
        return resumed_bytes(self.cut(folder, at), self.events) == self.data


@pytest.fixture(scope="module")
def humans(tmp_path_factory: pytest.TempPathFactory) -> Game:
    path = tmp_path_factory.mktemp("humans") / "tutorial-humans.jsonl"
    return Game(path, human_game(path, "tutorial", 2, TUTORIAL_HUMANS))


def test_the_human_game_has_what_a_room_does(humans: Game) -> None:
    decisions = [e.data for e in humans.events if e.kind == "decision"]
    by = [d.by for d in decisions]  # type: ignore[union-attr]
    assert by.count("human") >= 5 and any(b.startswith("default, confirmed by") for b in by)
    assert any(d.prompt is None and d.by == "human" for d in decisions)  # type: ignore[union-attr]
    assert "“" in humans.data.decode()  # characters of more than one byte: cuts inside them


def test_every_line_cut_of_a_game_with_people_resumes_to_the_same_game(humans: Game, tmp_path: Path) -> None:
    """Before the fix of Session._confirm_default, every cut failed: a default confirmed at the
    instant its prompt opened did not replay ('prompt ... is not open')."""
    instants = [e.t for e in humans.events]
    mid = [k for k in range(1, len(instants)) if instants[k] == instants[k - 1]]
    assert len(mid) > 10  # many cuts fall inside an instant
    for k in range(1, len(humans.lines)):  # k lines kept: the header alone, ..., all but the last
        assert humans.resumes_whole(tmp_path, humans.ends[k - 1]), f"cut after line {k}"


def chosen_lines(game: Game) -> dict[str, int]:
    """Line numbers (1-based) of the first event, the first human decision, and the last line."""
    first_decision = next(i for i, line in enumerate(game.lines) if '"by":"human"' in line) + 1
    return {"first event": 2, "a decision": first_decision, "the last line": len(game.lines)}


@pytest.mark.parametrize("which", ["first event", "a decision", "the last line"])
def test_a_cut_at_any_byte_of_a_line_drops_just_that_line(humans: Game, tmp_path: Path, which: str) -> None:
    """Reading: every byte cut inside line L gives lines 1..L-1 and the torn bytes counted (the last
    line: every 7th byte here, every byte in the slow test). Resuming: at its first byte, inside a
    character of more than one byte, and at its last byte, to the uncut game."""
    number = chosen_lines(humans)[which]
    start, end = humans.ends[number - 2], humans.ends[number - 1]
    step = 7 if which == "the last line" else 1
    for at in range(start + 1, end, step):
        journal = read(humans.cut(tmp_path, at), unfinished=True)
        assert list(journal.lines) == [line.rstrip("\n") for line in humans.lines[: number - 1]]
        assert journal.torn == at - start
    line = humans.data[start:end]
    wide = [start + i + 1 for i, b in enumerate(line) if b >= 0xC0][:1]  # inside a character
    for at in [start + 1, *wide, end - 1]:
        assert humans.resumes_whole(tmp_path, at), f"cut at byte {at - start} of line {number}"


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fraction=st.floats(0.0, 1.0))
def test_a_random_byte_cut_resumes_or_is_refused_inside_the_header(
    humans: Game, tmp_path_factory: pytest.TempPathFactory, fraction: float
) -> None:
    folder = tmp_path_factory.mktemp("random")
    at = round(fraction * (len(humans.data) - 1))
    if at < humans.ends[0]:
        with pytest.raises(JournalError, match=r"the journal is empty|stops inside its first line"):
            resume(humans.cut(folder, at))
    else:
        assert humans.resumes_whole(folder, at), f"cut at byte {at}"


def test_a_cut_inside_the_header_is_refused_clearly(
    humans: Game, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cut = humans.cut(tmp_path, 40)
    assert main(["play", "--resume", str(cut)]) == 2
    err = capsys.readouterr().err
    assert f"{cut}:1: the journal stops inside its first line (the header): the game recorded nothing" in err
    assert cut.read_bytes() == humans.data[:40]


# -- the refusal side: what is not the prefix of any game -------------------------------------


def _lines(game: Game, keep: int) -> list[str]:
    return [line.rstrip("\n") for line in game.lines[:keep]]


def _edited(lines: list[str]) -> list[str]:
    obj = json.loads(lines[6])
    obj["text"] = obj["text"] + " (amended)"
    return [*lines[:6], dumps(obj, trusted=True), *lines[7:]]


def _other_game(seed: int, name: str = "tutorial") -> list[str]:
    session = Session(scenarios.load(name), seed=seed, seats=TUTORIAL_HUMANS if name == "tutorial" else ())
    session.advance(2 * 1440)
    return session.lines


def _forged(lines: list[str]) -> tuple[list[str], int]:
    """A bot's decision's choice changed and the chain rebuilt: the chain holds, the game does not."""
    k = next(
        i for i, line in enumerate(lines) if '"kind":"decision"' in line and '"by":"bot:' in line and i > 1
    )
    obj = json.loads(lines[k])
    obj["data"]["reason"] = "a reason the bot never gave"
    return rechain([*lines[:k], dumps(obj, trusted=True), *lines[k + 1 :]]), k + 1


REFUSALS = {
    "a line edited": (
        _edited,
        ":7: line 7 does not follow line 6: the integrity chain breaks here (this line was edited or is "
        "another game's, or line 6 was edited and its chain value rebuilt)",
    ),
    "two lines swapped": (
        lambda ls: [*ls[:6], ls[7], ls[6], *ls[8:]],
        ":7: line 7 does not follow line 6: it is event 6 where event 5 comes (lines removed, repeated or "
        "reordered, or spliced from another game)",
    ),
    "a line removed": (
        lambda ls: [*ls[:6], *ls[7:]],
        ":7: line 7 does not follow line 6: it is event 6 where event 5 comes",
    ),
    "a line of another game spliced in": (
        lambda ls: [*ls[:6], _other_game(3)[6], *ls[7:]],
        ":7: line 7 does not follow line 6: the integrity chain breaks here",
    ),
    "another scenario's header": (
        lambda ls: [_other_game(1, "velmora-strait-2033")[0], *ls[1:]],
        ":2: line 2 does not follow the header (line 1): the integrity chain breaks here (the header was "
        "edited or is another game's, or this line was edited)",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_prefix_of_no_game_is_refused_naming_the_line(
    humans: Game, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    spoil, message = REFUSALS[case]
    cut = tmp_path / "cut.jsonl"
    cut.write_text("\n".join(spoil(_lines(humans, 30))) + "\n", encoding="utf-8")
    before = cut.read_bytes()
    assert main(["play", "--resume", str(cut)]) == 2
    err = capsys.readouterr().err
    assert f"wargame play: error: {cut}{message}" in err and "Traceback" not in err
    assert cut.read_bytes() == before
    assert main(["run", "tutorial", "--seed", "2", "--journal", str(cut), *_seat_args()]) == 2
    err = capsys.readouterr().err
    number = message.split(":")[1]
    assert f"{cut} exists and is not a game that can go on (line {number} does not follow" in err
    assert cut.read_bytes() == before


def _seat_args() -> list[str]:
    return [a for seat in TUTORIAL_HUMANS for a in ("--seat", seat)]


def test_a_forgery_with_its_chain_rebuilt_is_refused_where_the_game_parts(
    humans: Game, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines, number = _forged(_lines(humans, 60))
    cut = tmp_path / "cut.jsonl"
    cut.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read(cut, unfinished=True)  # the chain holds
    before = cut.read_bytes()
    assert main(["play", "--resume", str(cut)]) == 2
    err = capsys.readouterr().err
    assert f"{cut}:{number}: the game does not replay to the recorded state here" in err
    assert "the file is left as it was" in err and cut.read_bytes() == before


# -- slow: the bots' games of four scenarios, and every byte -------------------------------------


def _bots(tmp_path: Path, name: str, seed: int, seats: list[str] | tuple[str, ...] = ()) -> Game:
    path = tmp_path / f"{name}-{seed}.jsonl"
    return Game(path, bots_game(path, name, seed, seats))


@pytest.mark.slow
def test_every_cut_of_a_tutorial_journal_resumes_to_the_same_game(tmp_path: Path) -> None:
    """Before the replay learnt to finish an instant a cut split, this failed at line 15."""
    game = _bots(tmp_path, "tutorial", 2, TUTORIAL_BOTS)
    instants = [e.t for e in game.events]
    assert sum(1 for k in range(1, len(instants)) if instants[k] == instants[k - 1]) > 10
    for k in range(1, len(game.lines)):
        assert game.resumes_whole(tmp_path, game.ends[k - 1]), f"cut after line {k}"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "seed", "seats", "stride"),
    [
        ("drole-de-guerre-1939", 1, (), 7),
        ("drole-de-guerre-1939", 3, tuple(BOTS_1939), 11),
        ("velmora-strait-2033", 1, (), 80),
        ("oren-valley-2032", 2, (), 50),
    ],
)
def test_line_cuts_of_four_scenarios_resume_to_the_same_game(
    tmp_path: Path, name: str, seed: int, seats: tuple[str, ...], stride: int
) -> None:
    """Every ``stride``-th line cut (every one: ``tests/fuzz/resume_sweep.py``), offset by the
    seed so that reruns do not all fall at the start of an instant."""
    game = _bots(tmp_path, name, seed, list(seats))
    for k in range(1 + seed % stride, len(game.lines), stride):
        assert game.resumes_whole(tmp_path, game.ends[k - 1]), f"cut after line {k}"


@pytest.mark.slow
@pytest.mark.parametrize(("name", "seed"), [("velmora-strait-2033", 1), ("oren-valley-2032", 2)])
def test_byte_cuts_of_the_crises_of_today_resume_to_the_same_game(
    tmp_path: Path, name: str, seed: int
) -> None:
    """The processes issue #17 added (a blockade's course, escorts, conditions waiting on events,
    interventions asked one at a time) resume from a crash's cut anywhere, in the middle of a line
    too: the partial line is dropped and the game runs on to the very bytes of the uncut one."""
    game = _bots(tmp_path, name, seed)
    for k in range(1, 7):
        assert game.resumes_whole(tmp_path, len(game.data) * k // 7 + 13), f"cut {k} of 6"


@pytest.mark.slow
@pytest.mark.parametrize("which", ["first event", "a decision", "the last line"])
def test_every_byte_cut_of_chosen_lines_resumes(humans: Game, tmp_path: Path, which: str) -> None:
    number = chosen_lines(humans)[which]
    start, end = humans.ends[number - 2], humans.ends[number - 1]
    last = end if number == len(humans.lines) else end + 1  # (the whole file has ended: not a cut)
    for at in range(start + 1, last):
        assert humans.resumes_whole(tmp_path, at), f"cut at byte {at - start} of line {number}"


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(fraction=st.floats(0.0, 1.0))
def test_any_byte_cut_of_a_1939_game_with_people_resumes(
    tmp_path_factory: pytest.TempPathFactory, fraction: float
) -> None:
    game = _human_1939(tmp_path_factory)
    at = max(game.ends[0], round(fraction * (len(game.data) - 1)))
    assert game.resumes_whole(tmp_path_factory.mktemp("cut"), at), f"cut at byte {at}"


_GAMES: dict[str, Game] = {}


def _human_1939(tmp_path_factory: pytest.TempPathFactory) -> Game:
    if "1939" not in _GAMES:
        path = tmp_path_factory.mktemp("h1939") / "1939-humans.jsonl"
        _GAMES["1939"] = Game(path, human_game(path, "drole-de-guerre-1939", 1, ["france=human", "uk=human"]))
    return _GAMES["1939"]
