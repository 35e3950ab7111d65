"""Typed results: the outcome, a batch's rows and the journal header, their JSON and columns, and
the documented schema (docs/results.md) they are written by."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import attrs
import pytest
from conftest import FLAGSHIP, play

from wargame.analysis.batch import run_batch, write_rows
from wargame.analysis.results_doc import render
from wargame.analysis.rows import Row, column_order
from wargame.engine.outcome_types import GuarantorOutcome, Outcome
from wargame.model.scenario_files import scenarios
from wargame.session.journal.header import Header, HeaderError, parse_header

ROOT = Path(__file__).parent.parent
DOC = ROOT / "docs" / "results.md"


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    """Games of two scenarios: eastmark's estimated subjects hold dots (``forces.border``)."""
    return run_batch(FLAGSHIP, 3, root=2) + run_batch("eastmark-2031", 2, root=2)


def test_an_outcome_goes_to_json_and_back() -> None:
    invaded = play(seed=1).summary()
    deterred = play(
        seed=1,
        seats=["germany=bot:realist"],
        overrides=["aggressor.war_cost=10", "actors.germany.resolve_sd=0"],
    ).summary()
    assert not invaded.deterred and deterred.deterred
    for outcome in (invaded, deterred):
        text = json.dumps(outcome.to_json(), sort_keys=True)
        assert Outcome.from_json(json.loads(text)) == outcome
    assert isinstance(invaded.guarantors["france"], GuarantorOutcome)
    assert invaded.to_json()["guarantors"]["france"]["max_offensive_divisions"] == (
        invaded.guarantors["france"].max_offensive_divisions
    )


def test_a_row_goes_to_columns_and_back(rows: list[Row]) -> None:
    failed = Row(run=4, seed=9, outcome=None, error="RuntimeError: a model bug")
    for row in [*rows, failed]:
        written = json.loads(json.dumps(row.columns(), sort_keys=True))  # as a JSON Lines row
        assert Row.from_columns(written) == row
    assert failed.columns() == {"run": 4, "seed": 9, "error": "RuntimeError: a model bug"}
    dotted = [
        c for r in rows for c in r.columns() if c.startswith("estimate_error_at_invasion.borvia.forces.")
    ]
    assert dotted  # a subject with a dot came back whole


def _documented() -> list[str]:
    """The columns of docs/results.md's batch-row table (``guarantors.<guarantor>.offensive_after_days``)."""
    text = DOC.read_text(encoding="utf-8")
    table = text.split("<!-- schema:batch-row -->")[1].split("<!-- /schema -->")[0]
    return re.findall(r"^\| `([^`]+)` \|", table, re.M)


def _pattern(name: str) -> str:
    """A documented column as a regular expression: an id for ``<guarantor>``, ``<seat>``...; any
    text (dots too) for ``<subject>``."""
    parts = re.split(r"(<[a-z]+>)", name)
    ids = "[a-z][a-z0-9_-]*"
    return "".join(".+" if p == "<subject>" else ids if p.startswith("<") else re.escape(p) for p in parts)


def test_the_written_columns_are_the_documented_ones(rows: list[Row], tmp_path: Path) -> None:
    patterns = [_pattern(n) for n in _documented()]
    write_rows([r.columns() for r in rows], str(tmp_path / "r.csv"))
    write_rows([r.columns() for r in rows], str(tmp_path / "r.jsonl"))
    with (tmp_path / "r.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines():
        keys = list(json.loads(line))
        assert keys == sorted(keys) and set(keys) <= set(header)
    assert header == column_order(r.columns() for r in rows)
    assert header[:2] == ["run", "seed"] and header[-1] == "error" and header[2:-1] == sorted(header[2:-1])
    assert [c for c in header if not any(re.fullmatch(p, c) for p in patterns)] == []
    # every measure of the outcome is documented, and nothing else
    measures = {f.name for f in attrs.fields(Outcome)}
    assert {n.split(".")[0] for n in _documented()} == {"run", "seed", "error"} | measures


def test_a_missing_measure_is_an_empty_cell_and_null(rows: list[Row], tmp_path: Path) -> None:
    row = next(r for r in rows if r.outcome is not None and r.outcome.penetration_detected_after_days is None)
    write_rows([row.columns()], str(tmp_path / "r.csv"))
    write_rows([row.columns()], str(tmp_path / "r.jsonl"))
    with (tmp_path / "r.csv").open(encoding="utf-8") as handle:
        written = next(csv.DictReader(handle))
    assert written["penetration_detected_after_days"] == "" and written["deterred"] in ("True", "False")
    assert json.loads((tmp_path / "r.jsonl").read_text())["penetration_detected_after_days"] is None


def test_the_schema_document_is_in_sync_with_the_classes() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert render(text) == text, "run: python -m wargame.analysis.results_doc docs/results.md"
    assert "docs/results.md" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("golden", sorted((ROOT / "tests" / "golden").glob("*.jsonl")), ids=lambda p: p.stem)
def test_the_header_line_is_written_and_read_byte_for_byte(golden: Path) -> None:
    line = golden.read_text(encoding="utf-8").split("\n", 1)[0]
    header = parse_header(line)
    assert header.line() == line
    assert Header.from_json(header.to_json()) == header
    loaded = scenarios.load(header.scenario.source, header.overrides)
    assert Header.of(loaded, header.seed, header.seats).line() == line


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"seed": -1}, "'seed' must be a whole number >= 0"),
        ({"engine": 3}, "'engine' must be the version"),
        ({"start": 1939}, "'start' must be an instant"),
        ({"format": 3}, "journal format 3 is not supported"),
        ({"journal": "other"}, "not a wargame journal"),
    ],
)
def test_a_damaged_header_is_refused_with_its_reason(change: dict[str, object], message: str) -> None:
    line = (ROOT / "tests" / "golden" / "tutorial.seed1.jsonl").read_text(encoding="utf-8").split("\n", 1)[0]
    with pytest.raises(HeaderError, match=re.escape(message)):
        parse_header(json.dumps({**json.loads(line), **change}))


def test_an_edited_header_is_caught() -> None:
    line = (ROOT / "tests" / "golden" / "tutorial.seed1.jsonl").read_text(encoding="utf-8").split("\n", 1)[0]
    with pytest.raises(HeaderError, match="has been edited"):
        parse_header(line.replace('"seed":1', '"seed": 1'))
