"""The example scenarios of the docs (docs/examples/*.toml) check clean and play, so the walkthrough
in docs/scenarios.md ("Writing a crisis of today") cannot rot: each is run the way the page tells an
author to, with the command line itself (`wargame check FILE`, `wargame run FILE --seed 1`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import play

from wargame import cli
from wargame.model.scenario_files import scenarios

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "docs" / "examples").glob("*.toml"))
SCENARIOS_MD = Path(__file__).resolve().parents[1] / "docs" / "scenarios.md"


def test_there_are_examples() -> None:
    assert EXAMPLES, "docs/examples/ holds no scenario"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_an_example_checks_with_no_problem_and_no_warning(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", str(path)]) == 0
    out = capsys.readouterr()
    assert "warning" not in (out.out + out.err).lower(), out.out + out.err
    assert scenarios.load(str(path)).scenario.scenario.name == path.stem  # the docs say: name = stem


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_an_example_plays_to_the_end(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["run", str(path), "--seed", "1", "--summary"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["ended"] is not None and summary["end_state"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_walkthrough_names_each_example(path: Path) -> None:
    text = SCENARIOS_MD.read_text(encoding="utf-8")
    assert f"(examples/{path.name})" in text, "link it from docs/scenarios.md"


def test_the_quarantine_example_does_what_the_walkthrough_says() -> None:
    """Kestrel: a blockade whose guarantors are asked to escort; Mirel's promise of war binds only
    from an invasion, so it falls due only if Dorvan escalates; Arland (ambiguous) holds none."""
    session = play(1, name=str(EXAMPLES[0].parent / "kestrel-quarantine.toml"))
    kinds = [e.kind for e in session.events]
    assert "pressure" in kinds and "escort" in kinds
    prompts = {(e.actors[0], e.data.decision) for e in session.events if e.kind == "prompt"}
    assert {("kestrel", "pressure_response"), ("arland", "escort"), ("mirel", "escort")} <= prompts
    assert ("dorvan", "escalate") in prompts
    promises = [e for e in session.events if e.kind == "promise"]
    assert all(e.data.guarantor == "mirel" for e in promises)
    if "invasion" in kinds:
        first_promise = min((e.t for e in promises), default=None)
        invasion = next(e.t for e in session.events if e.kind == "invasion")
        assert first_promise is None or first_promise >= invasion
