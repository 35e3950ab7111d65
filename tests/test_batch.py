"""Batch runs: seeds from the root and the index, the same rows whatever the number of workers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FLAGSHIP

from wargame.analysis.batch import describe, run_batch, run_seed, wilson, write_rows
from wargame.analysis.rows import flatten
from wargame.cli import main


def test_rows_do_not_depend_on_the_number_of_workers() -> None:
    one = run_batch(FLAGSHIP, 4, root=7, jobs=1)
    two = run_batch(FLAGSHIP, 4, root=7, jobs=2)
    assert one == two
    assert [r.run for r in one] == [0, 1, 2, 3] and len({r.seed for r in one}) == 4
    assert run_seed(7, 2) == one[2].seed and run_seed(8, 2) != one[2].seed


def test_any_row_can_be_played_again_alone(capsys: pytest.CaptureFixture[str]) -> None:
    row = run_batch(FLAGSHIP, 2, root=3, jobs=1)[1]
    assert main(["run", FLAGSHIP, "--seed", str(row.seed), "--summary"]) == 0
    alone = flatten(json.loads(capsys.readouterr().out))
    columns = row.columns()
    assert {k: columns[k] for k in alone} == alone


def test_a_failing_run_is_reported_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from wargame.session.session import Session

    original = Session.run_to_end
    failing = run_seed(0, 1)

    def sometimes(self: Session) -> None:
        if self.seed == failing:
            raise RuntimeError("a model bug")
        original(self)

    monkeypatch.setattr(Session, "run_to_end", sometimes)
    rows = run_batch(FLAGSHIP, 3, root=0, jobs=1)
    assert [bool(r.error) for r in rows] == [False, True, False]
    assert rows[1].error == "RuntimeError: a model bug" and rows[1].seed == failing
    assert rows[1].columns() == {"run": 1, "seed": failing, "error": "RuntimeError: a model bug"}
    assert all(d["n"] == 2 for d in describe([r.columns() for r in rows]) if d["measure"] == "invasion_day")


def test_describe_gives_shares_means_and_words() -> None:
    rows = [
        {"run": i, "seed": i, "error": "", "x": float(i), "ok": i % 2 == 0, "grade": "a" if i < 3 else "b"}
        for i in range(4)
    ]
    found = {d["measure"]: d for d in describe(rows)}
    assert found["x"]["value"] == 1.5 and found["x"]["median"] == 1.5 and found["x"]["low"] < 1.5
    assert found["ok"]["value"] == 0.5 and found["ok"]["kind"] == "share"
    assert found["grade = a"]["value"] == 0.75
    low, high = wilson(5, 10)
    assert low < 0.5 < high and low >= 0 and high <= 1


def test_rows_written_as_csv_and_jsonl(tmp_path: Path) -> None:
    rows = run_batch(FLAGSHIP, 2, root=1, jobs=1)
    write_rows([r.columns() for r in rows], str(tmp_path / "r.csv"))
    write_rows([r.columns() for r in rows], str(tmp_path / "r.jsonl"))
    header = (tmp_path / "r.csv").read_text().splitlines()[0].split(",")
    assert header[:2] == ["run", "seed"] and header[-1] == "error" and "invasion_day" in header
    assert [json.loads(line)["seed"] for line in (tmp_path / "r.jsonl").read_text().splitlines()] == [
        r.seed for r in rows
    ]


def test_batch_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, journals = tmp_path / "rows.csv", tmp_path / "journals"
    code = main(["batch", FLAGSHIP, "-n", "3", "--seed", "5", "--out", str(out), "--journals", str(journals)])
    assert code == 0
    captured = capsys.readouterr()
    printed = captured.out
    assert "3 of 3 runs" in printed and "guarantee_honoured = formal" in printed
    assert re.search(r"^3 runs in \d+\.\d s \(\d+\.\d a second\), with --jobs 1\.$", captured.err, re.M)
    assert len(out.read_text().splitlines()) == 4 and len(list(journals.glob("*.jsonl"))) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-n", "0"], "expected a whole number >= 1"),
        (["-n", "2", "--out", "rows.parquet"], "use a .csv or .jsonl file"),
        (["-n", "2", "--seat", "francee=human"], "did you mean 'france'"),
        (["-n", "2", "--set", "fronts.west.fortification=0"], "fortification"),
    ],
)
def test_batch_bad_input_exits_2(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    try:
        code = main(["batch", FLAGSHIP, *args])
    except SystemExit as usage:  # argparse's own errors
        code = usage.code
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_bench_reports_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    from wargame.analysis.bench import bench

    figures = bench(FLAGSHIP, games=2, jobs=2, rounds=1)
    assert figures["simpy_events"] > 100 and figures["games_per_s"] > 0
    assert 0 < figures["engine_to_bare_ratio"] < 1  # the model costs something over bare SimPy
    assert figures["peak_worker_memory_mib"] > 10
    assert figures["batch_scaling"] == pytest.approx(
        figures["batch_games_per_s_2_workers"] / figures["batch_games_per_s_1_worker"]
    )
    assert figures["runs_10000_on_2_workers_s"] > 0
    # one worker: no second pool to compare with, so no scaling figure
    assert main(["bench", "--games", "1", "--jobs", "1", "--rounds", "1"]) == 0
    captured = capsys.readouterr()
    assert "runs_10000_on_1_worker_s" in captured.out and "batch_scaling" not in captured.out
    assert "with 1 game (" in captured.err and "1 games" not in captured.err


def test_a_measure_no_run_had_is_listed_not_dropped() -> None:
    rows = [{"run": i, "seed": i, "error": "", "offensive_after_days": None, "x": i} for i in range(3)]
    described = {d["measure"]: d for d in describe(rows)}
    assert described["offensive_after_days"] == {"measure": "offensive_after_days", "n": 0, "kind": "none"}
    assert described["x"]["kind"] == "mean" and described["x"]["n"] == 3


def test_progress_without_a_terminal_is_plain_lines(capsys: pytest.CaptureFixture[str]) -> None:
    from wargame.cli_progress import progress

    with progress("tutorial", 4, every=0.0) as advance:  # pytest's stderr is not a terminal
        for _ in range(4):
            advance(1)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3  # after 1, 2 and 3 runs; the 4th is the end, which the caller reports
    assert all(
        re.fullmatch(r"tutorial: \d of 4 runs \(\d+%\), \d+ s so far, about \d+ s left", x) for x in lines
    )
    assert lines[0].startswith("tutorial: 1 of 4 runs (25%)")
