"""``batch --resume`` continues the same batch only (issue #18, item 4): a cut batch's partial file
starts with what defines the batch, and a command that differs is refused, each differing option
named; a partial file without that header (an older wargame's) resumes with a warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wargame.analysis.batch_spec import MARK
from wargame.analysis.row_stream import partial_path
from wargame.cli import main

BATCH = ["batch", "tutorial", "-n", "3", "--seed", "2", "--seat", "belmark=bot:liberal"]


def cut_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> Path:
    """A batch killed (Ctrl-C) when its run 1 starts: its partial file holds its header and run 0."""
    import wargame.analysis.batch as batch

    real = batch.play_one

    def killed(job):  # type: ignore[no-untyped-def]
        if job[4] == 1:
            raise KeyboardInterrupt
        return real(job)

    out = tmp_path / "rows.csv"
    with monkeypatch.context() as mp:
        mp.setattr(batch, "play_one", killed)
        assert main([*argv, "--out", str(out)]) == 130
    return out


def test_the_partial_file_starts_with_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = cut_batch(tmp_path, monkeypatch, [*BATCH, "--set", "scenario.horizon_days=8"])
    head, *rows = [json.loads(line) for line in partial_path(str(out)).read_text().splitlines()]
    assert head["batch"] == MARK and head["scenario"] == "tutorial" and len(head["sha256"]) == 64
    assert head["seats"] == {
        "ardenia": "bot:historical",
        "belmark": "bot:liberal",
        "corvia": "bot:historical",
    }
    assert (head["overrides"], head["seed"], head["runs"]) == (["scenario.horizon_days=8"], 2, 3)
    assert [r["run"] for r in rows] == [0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ["--set", "scenario.horizon_days=8"],
            "--set differs: the batch was run with no --set, this command gives "
            "--set scenario.horizon_days=8",
        ),
        (
            ["--seat", "corvia=bot:realist"],
            "--seat differs: the batch was run with corvia=bot:historical, this command gives "
            "corvia=bot:realist",
        ),
        (["-n", "4"], "-n differs: the batch was run with -n 3, this command gives -n 4"),
        (["--seed", "7"], "--seed differs: the batch was run with --seed 2, this command gives --seed 7"),
    ],
)
def test_resume_refuses_another_batch_naming_the_option(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    change: list[str],
    message: str,
) -> None:
    out = cut_batch(tmp_path, monkeypatch, BATCH)
    kept = partial_path(str(out)).read_bytes()
    capsys.readouterr()
    assert main([*BATCH, *change, "--out", str(out), "--resume"]) == 2
    err = capsys.readouterr().err
    assert message in err and f"{partial_path(str(out))}:1: --resume continues the same batch" in err
    assert "runs in" not in err and partial_path(str(out)).read_bytes() == kept


def test_resume_refuses_another_scenario_and_a_changed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from wargame.model.scenario_files.scenarios import resolve

    mine = tmp_path / "mine.toml"
    mine.write_text(resolve("tutorial")[0].read_text())
    argv = ["batch", str(mine), "-n", "3", "--seed", "2"]
    out = cut_batch(tmp_path, monkeypatch, argv)
    mine.write_text(mine.read_text().replace('title = "Tutorial', 'title = "A new tutorial', 1))
    capsys.readouterr()
    assert main([*argv, "--out", str(out), "--resume"]) == 2
    assert (
        "the scenario tutorial has changed since the batch was cut (content hash" in capsys.readouterr().err
    )
    assert (
        main(["batch", "drole-de-guerre-1939", "-n", "3", "--seed", "2", "--out", str(out), "--resume"]) == 2
    )
    err = capsys.readouterr().err
    assert (
        "the scenario differs: the batch was run with tutorial, this command gives drole-de-guerre-1939"
        in err
    )


def test_the_same_batch_resumes_to_the_uncut_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = cut_batch(tmp_path, monkeypatch, BATCH)
    capsys.readouterr()
    assert main([*BATCH, "--out", str(out), "--resume"]) == 0
    err = capsys.readouterr().err
    assert "1 finished run kept" in err and "warning" not in err
    clean = tmp_path / "clean.csv"
    assert main([*BATCH, "--out", str(clean)]) == 0
    assert out.read_bytes() == clean.read_bytes()


def test_an_older_partial_file_without_a_header_resumes_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = cut_batch(tmp_path, monkeypatch, BATCH)
    partial = partial_path(str(out))
    partial.write_text("".join(partial.read_text().splitlines(keepends=True)[1:]))  # as before the header
    capsys.readouterr()
    assert main([*BATCH, "--out", str(out), "--resume"]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "does not say which batch it is (no header line" in err
    assert "make sure the scenario, --seat and --set are the cut batch's" in err


def test_a_damaged_or_misplaced_header_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = cut_batch(tmp_path, monkeypatch, BATCH)
    partial = partial_path(str(out))
    head, row = partial.read_text().splitlines(keepends=True)
    partial.write_text(head.replace('"runs": 3', '"runs": "three"') + row)
    capsys.readouterr()
    assert main([*BATCH, "--out", str(out), "--resume"]) == 2
    assert (
        f"{partial}:1: a damaged batch header (TypeError: runs must be a whole number)"
        in capsys.readouterr().err
    )
    partial.write_text(row + head)
    assert main([*BATCH, "--out", str(out), "--resume"]) == 2
    assert f"{partial}:2: a batch header after the first line" in capsys.readouterr().err
