"""Resume from any prefix a crash can leave (issue #18, item 2, in part): a journal cut after any
line — at an instant's end or in its middle, between a bot's answer and its consequences —
resumes, and the game, run on to its end, writes the very journal of the uncut game."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.model.scenario_files import scenarios
from wargame.session.journal.replay import resume
from wargame.session.session import Session

TUTORIAL_BOTS = ["ardenia=bot:realist", "belmark=bot:liberal", "corvia=bot:liberal"]
BOTS_1939 = ["france=bot:liberal", "uk=bot:constructivist"]


def _whole(tmp_path: Path, name: str, seats: list[str], seed: int) -> list[str]:
    path = tmp_path / f"{name}-{seed}.jsonl"
    session = Session(scenarios.load(name), seed=seed, seats=seats, journal=path)
    session.run_to_end()
    session.close()
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def _resumed(tmp_path: Path, lines: list[str], cut: int) -> list[str]:
    path = tmp_path / f"cut-{cut}.jsonl"
    path.write_text("".join(lines[:cut]), encoding="utf-8")
    session = resume(path)
    session.run_to_end()
    session.close()
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_every_cut_of_a_tutorial_journal_resumes_to_the_same_game(tmp_path: Path) -> None:
    lines = _whole(tmp_path, "tutorial", TUTORIAL_BOTS, seed=2)
    instants = [line.split('"t":')[1].split(",")[0].rstrip("}\n") for line in lines[1:]]
    mid = [k for k in range(2, len(lines)) if instants[k - 2] == instants[k - 1]]  # cuts inside an instant
    assert len(mid) > 10  # the property is tested where it was broken
    for cut in range(2, len(lines)):
        assert _resumed(tmp_path, lines, cut) == lines, f"cut after line {cut}"


@pytest.mark.slow
@settings(max_examples=12, deadline=None)
@given(fraction=st.floats(0.01, 0.99))
def test_any_cut_of_a_1939_journal_resumes_to_the_same_game(
    tmp_path_factory: pytest.TempPathFactory, fraction: float
) -> None:
    tmp_path = tmp_path_factory.mktemp("cuts")
    lines = _whole(tmp_path, "drole-de-guerre-1939", BOTS_1939, seed=3)
    cut = max(2, int(fraction * len(lines)))
    assert _resumed(tmp_path, lines, cut) == lines


@pytest.mark.slow
@pytest.mark.parametrize(("name", "seed"), [("velmora-strait-2033", 1), ("oren-valley-2032", 2)])
def test_byte_cuts_of_the_crises_of_today_resume_to_the_same_game(
    tmp_path: Path, name: str, seed: int
) -> None:
    """The processes issue #17 added (a blockade's course, escorts, conditions waiting on events,
    interventions asked one at a time) resume from a crash's cut anywhere, in the middle of a line
    too: the partial line is dropped and the game runs on to the very bytes of the uncut one."""
    path = tmp_path / "whole.jsonl"
    session = Session(scenarios.load(name), seed=seed, journal=path)
    session.run_to_end()
    session.close()
    data = path.read_bytes()
    for k in range(1, 7):
        cut = path.with_name(f"cut-{k}.jsonl")
        cut.write_bytes(data[: len(data) * k // 7 + 13])  # six cuts through the game, mid-line
        resumed = resume(cut)
        resumed.run_to_end()
        resumed.close()
        assert cut.read_bytes() == data, f"cut {k} of 6"
