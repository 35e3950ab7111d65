"""A journal a person named is never overwritten (issue #18, items 2 and 4): ``run --journal``
goes on with the unfinished game of the same scenario, seed and seats, and refuses anything else
(exit 2, the file untouched); ``batch --journals`` refuses to play over its runs' journals unless
``--resume`` plays them again as the very same games. The rule is
:func:`wargame.session.journal.existing.claim`, shared with ``play --journal``."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.analysis.row_stream import partial_path
from wargame.cli import main
from wargame.session.journal.existing import JournalInUse, claim

RUN = ["run", "tutorial", "--seed", "4", "--summary"]


def whole(tmp_path: Path, *extra: str) -> Path:
    path = tmp_path / "whole.jsonl"
    assert main([*RUN, *extra, "--journal", str(path)]) == 0
    return path


def test_run_refuses_a_finished_game_and_leaves_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = whole(tmp_path)
    before = path.read_bytes()
    capsys.readouterr()
    assert main([*RUN, "--journal", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path} holds a finished game (tutorial, seed 4," in err
    assert "left as it is: choose another --journal" in err and f"wargame report {path}" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize("cut", ["line", "mid-line", "closed"])
def test_run_goes_on_with_its_unfinished_game_to_the_uncut_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cut: str
) -> None:
    data = whole(tmp_path).read_bytes()
    lines = data.decode().splitlines(keepends=True)
    path = tmp_path / "cut.jsonl"
    if cut == "line":
        path.write_text("".join(lines[:9]))
    elif cut == "mid-line":
        path.write_bytes(data[: len("".join(lines[:12]).encode()) + 30])
    else:  # stopped on purpose: a `closed` mark after line 9
        from wargame.session.journal.replay import resume

        path.write_text("".join(lines[:9]))
        resumed = resume(path)
        resumed.close()
        assert '"closed"' in path.read_text().splitlines()[-1]
    capsys.readouterr()
    assert main([*RUN, "--journal", str(path)]) == 0
    assert "holds an unfinished game of this scenario, seed and seats" in capsys.readouterr().err
    assert path.read_bytes() == data


@pytest.mark.parametrize(
    ("extra", "differs"),
    [
        (["--seed", "5"], "seed 4, not 5"),
        (["--seat", "ardenia=bot:realist"], "seats ardenia=bot:historical, not bot:realist"),
        (["--set", "scenario.horizon_days=8"], "played with no --set, not --set scenario.horizon_days=8"),
    ],
)
def test_run_refuses_another_game_naming_what_differs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], differs: str
) -> None:
    lines = whole(tmp_path).read_text().splitlines(keepends=True)
    path = tmp_path / "cut.jsonl"
    path.write_text("".join(lines[:9]))
    before = path.read_bytes()
    capsys.readouterr()
    assert main([*RUN, *extra, "--journal", str(path)]) == 2  # (a second --seed wins)
    err = capsys.readouterr().err
    assert f"{path} holds another game (tutorial, seed 4" in err and differs in err, err
    assert "left as it is" in err and "Traceback" not in err
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"shopping list\n", b"", b"\xff\xfe"])
def test_run_refuses_a_file_that_is_not_a_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_bytes(content)
    assert main([*RUN, "--journal", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path} exists and is not a game that can go on (" in err and "left as it is" in err
    assert path.read_bytes() == content


def test_claim_says_what_is_there(tmp_path: Path) -> None:
    path = whole(tmp_path)
    assert claim(tmp_path / "new.jsonl") is None
    with pytest.raises(JournalInUse) as refused:
        claim(path)
    assert refused.value.what == "a finished game"
    assert claim(path, again=True) is not None  # a batch playing a run again: the same bytes


# -- batch --journals ---------------------------------------------------------------------------

BATCH = ["batch", "tutorial", "-n", "3", "--seed", "2"]


def test_a_new_batch_refuses_to_play_over_its_runs_journals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "j"
    assert main([*BATCH, "--journals", str(folder)]) == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    out = tmp_path / "rows.csv"
    capsys.readouterr()
    assert main([*BATCH, "--journals", str(folder), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "already holds journals under this batch's run names (3, e.g. run-00000-seed-" in err
    assert "never overwritten" in err and "runs in" not in err  # nothing was played
    assert not out.exists() and not partial_path(str(out)).exists()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert main([*BATCH, "--seed", "3", "--journals", str(folder)]) == 0  # another batch's names


def test_a_resumed_batch_plays_a_cut_run_again_over_its_own_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    clean, folder = tmp_path / "clean", tmp_path / "j"
    assert main([*BATCH, "--journals", str(clean)]) == 0
    out = tmp_path / "rows.jsonl"
    import wargame.analysis.batch as batch

    real = batch.play_one

    def killed_at_run_1(job):  # type: ignore[no-untyped-def]
        if job[4] == 1:  # the batch is killed while run 1 writes its journal
            name = next(p.name for p in clean.iterdir() if p.name.startswith("run-00001"))
            data = (clean / name).read_bytes()
            (folder / name).write_bytes(data[: len(data) // 2])
            raise KeyboardInterrupt
        return real(job)

    monkeypatch.setattr(batch, "play_one", killed_at_run_1)
    assert main([*BATCH, "--journals", str(folder), "--out", str(out)]) == 130
    monkeypatch.setattr(batch, "play_one", real)
    assert main([*BATCH, "--journals", str(folder), "--out", str(out)]) == 2  # no --resume: refused
    foreign = next(folder.glob("run-00001-*"))
    cut = foreign.read_bytes()
    foreign.write_bytes(b"not mine\n")
    capsys.readouterr()
    assert main([*BATCH, "--journals", str(folder), "--out", str(out), "--resume"]) == 2
    err = capsys.readouterr().err
    assert "run 1 is to be played again, but" in err and "not a game that can go on" in err
    assert foreign.read_bytes() == b"not mine\n"
    foreign.write_bytes(cut)
    assert main([*BATCH, "--journals", str(folder), "--out", str(out), "--resume"]) == 0
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {
        p.name: p.read_bytes() for p in clean.iterdir()
    }


# -- what resuming dropped ------------------------------------------------------------------------


def test_resuming_says_it_dropped_a_torn_last_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.app import WargameApp

    data = whole(tmp_path).read_bytes()
    at = len(b"".join(data.splitlines(keepends=True)[:10])) + 57  # 57 bytes into line 11
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(data[:at])
    capsys.readouterr()
    assert main([*RUN, "--journal", str(cut)]) == 0
    assert f"{cut}: dropped a torn last line (57 bytes): a crash mid-write" in capsys.readouterr().err
    assert cut.read_bytes() == data
    apps: list[WargameApp] = []
    monkeypatch.setattr(WargameApp, "run", lambda self: apps.append(self) or "")
    for argv in (["--resume"], ["--journal"]):
        cut.write_bytes(data[:at])
        assert main(["play", *argv, str(cut)]) == 0
        assert "dropped a torn last line (57 bytes)" in capsys.readouterr().err
        assert "dropped a torn last line (57 bytes)" in apps[-1].notice  # the room is told too
