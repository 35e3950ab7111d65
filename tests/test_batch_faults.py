"""Batches lose nothing: outputs checked first, rows kept as they finish, dead workers retried,
cut batches resumed to the same bytes as an uncut one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FLAGSHIP

from wargame.analysis.batch import KILL_WORKER, run_batch
from wargame.analysis.row_stream import partial_path
from wargame.cli import main


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("missing/dir/x.csv", "the folder"),
        ("adir", "it is a folder"),
        ("afile/x.csv", "is not a folder"),
    ],
)
def test_a_bad_out_path_fails_before_any_run(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    out: str,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "adir.csv").mkdir()
    (tmp_path / "afile").write_text("x")
    target = "adir.csv" if out == "adir" else out
    assert main(["batch", FLAGSHIP, "-n", "2", "--out", target]) == 2
    err = capsys.readouterr().err
    assert message in err and repr(target) in err and "Traceback" not in err
    assert "runs in" not in err  # nothing was played


def test_a_bad_journals_folder_fails_before_any_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "afile").write_text("x")
    out = tmp_path / "rows.csv"
    assert main(["batch", FLAGSHIP, "-n", "2", "--journals", str(tmp_path / "afile"), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "cannot use" in err and "for journals" in err and "runs in" not in err
    assert not out.exists() and not partial_path(str(out)).exists()


def test_a_finished_batchs_rows_are_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rows.csv"
    args = ["batch", "tutorial", "-n", "2", "--seed", "3", "--out", str(out)]
    assert main(args) == 0
    before = out.read_bytes()
    capsys.readouterr()
    assert main(["batch", "tutorial", "-n", "3", "--seed", "4", "--out", str(out)]) == 2
    assert "it is never overwritten" in capsys.readouterr().err
    assert out.read_bytes() == before and not partial_path(str(out)).exists()


def test_rows_are_kept_as_runs_finish(tmp_path: Path) -> None:
    out = str(tmp_path / "rows.csv")
    seen: list[list[int]] = []
    from wargame.analysis.row_stream import RowStream

    stream = RowStream(out, 3, 3, resume=False)

    def write(row):  # type: ignore[no-untyped-def]
        stream.write(row)
        lines = partial_path(out).read_text().splitlines()
        seen.append([json.loads(line)["run"] for line in lines])

    rows = run_batch(FLAGSHIP, 3, root=3, on_row=write)
    assert seen == [[0], [0, 1], [0, 1, 2]]  # each row on disk before the next run
    stream.finish(rows)
    assert not partial_path(out).exists() and len(Path(out).read_text().splitlines()) == 4


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_cut_batch_resumes_to_the_uncut_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    clean, cut = tmp_path / f"clean{suffix}", tmp_path / f"cut{suffix}"
    args = ["batch", FLAGSHIP, "-n", "4", "--seed", "9"]
    assert main([*args, "--out", str(clean)]) == 0
    # a batch killed after two rows, in the middle of writing its third
    assert main([*args, "--out", str(tmp_path / "as.jsonl")]) == 0
    rows = [json.loads(line) for line in (tmp_path / "as.jsonl").read_text().splitlines()]
    kept = [rows[2], rows[0]]  # finishing order need not be run order
    torn = json.dumps(rows[1], sort_keys=True)[:40]
    partial_path(str(cut)).write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in kept) + torn)
    capsys.readouterr()
    assert main([*args, "--out", str(cut)]) == 2  # no --resume: the partial file is not overwritten
    assert "--resume" in capsys.readouterr().err
    played: list[int] = []
    import wargame.analysis.batch as batch

    real = batch.play_one

    def counting(job):  # type: ignore[no-untyped-def]
        played.append(job[4])
        return real(job)

    mp = pytest.MonkeyPatch()
    mp.setattr(batch, "play_one", counting)
    try:
        assert main([*args, "--out", str(cut), "--resume"]) == 0
    finally:
        mp.undo()
    assert "2 finished runs kept" in capsys.readouterr().err
    assert sorted(played) == [1, 3]
    assert cut.read_bytes() == clean.read_bytes() and not partial_path(str(cut)).exists()


def test_a_finished_jsonl_resumes_without_playing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rows.jsonl"
    args = ["batch", FLAGSHIP, "-n", "2", "--seed", "4", "--out", str(out)]
    assert main(args) == 0
    before = out.read_bytes()
    lines = before.decode().splitlines()
    out.write_text(lines[0] + "\n" + lines[1][:25])  # cut: the second row torn
    assert main([*args, "--resume"]) == 0
    assert out.read_bytes() == before


def test_resume_refuses_another_batch_and_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rows.jsonl"
    assert main(["batch", FLAGSHIP, "-n", "2", "--seed", "4", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["batch", FLAGSHIP, "-n", "2", "--seed", "5", "--out", str(out), "--resume"]) == 2
    assert "from another batch" in capsys.readouterr().err
    assert main(["batch", FLAGSHIP, "-n", "2", "--out", str(tmp_path / "none.csv"), "--resume"]) == 2
    assert "nothing to resume" in capsys.readouterr().err
    assert main(["batch", FLAGSHIP, "-n", "2", "--resume"]) == 2
    assert "give --out" in capsys.readouterr().err


def test_a_dead_worker_loses_no_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clean = run_batch(FLAGSHIP, 6, root=2, jobs=1)
    monkeypatch.setenv(KILL_WORKER, f"3:{tmp_path / 'died'}")
    kept: list[int] = []
    rows = run_batch(FLAGSHIP, 6, root=2, jobs=2, on_row=lambda r: kept.append(r.run))
    assert (tmp_path / "died").exists()  # the worker did die
    assert rows == clean and sorted(kept) == list(range(6))


def test_a_worker_that_always_dies_is_a_failed_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import wargame.analysis.batch as batch

    monkeypatch.setattr(batch, "RETRIES", 0)  # the marker file stops it dying twice: no retry at all
    monkeypatch.setenv(KILL_WORKER, f"1:{tmp_path / 'died'}")
    rows = run_batch(FLAGSHIP, 2, root=2, jobs=2)
    assert [r.run for r in rows] == [0, 1]
    assert rows[1].error == "BrokenProcessPool: a worker process died while it was played (1 tries)"


@pytest.mark.slow
def test_a_killed_batch_keeps_its_rows_and_resumes(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    out, clean = tmp_path / "rows.csv", tmp_path / "clean.csv"
    args = ["batch", FLAGSHIP, "-n", "40", "--seed", "6", "--jobs", "2"]
    kept = partial_path(str(out))
    batch = subprocess.Popen([sys.executable, "-m", "wargame", *args, "--out", str(out)], cwd=tmp_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and batch.poll() is None:
        if kept.exists() and len(kept.read_text().splitlines()) >= 4:  # the header, 3 rows
            break
        time.sleep(0.02)
    assert batch.poll() is None, "the batch ended before it could be killed"
    os.kill(batch.pid, signal.SIGKILL)
    batch.wait()
    # its workers go too (they watch their parent), rather than wait forever for work
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running_with(str(out)):
        time.sleep(0.1)
    assert not _running_with(str(out)), "the killed batch's workers are still running"
    finished = len(kept.read_text().splitlines()) - 1  # rows, after the batch's header
    assert 3 <= finished < 40 and not out.exists()
    assert main([*args, "--out", str(out), "--resume"]) == 0
    assert main([*args, "--out", str(clean)]) == 0
    assert out.read_bytes() == clean.read_bytes()


def _running_with(arg: str) -> list[int]:
    """Live processes whose command line has ``arg`` (a batch's workers share its command line)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if arg.encode() in cmd and state != "Z":
            found.append(int(proc.name))
    return found
