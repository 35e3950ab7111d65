"""Journals replay exactly; damage of any kind is reported with its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FLAGSHIP

from wargame.cli import main
from wargame.model.scenario_files import scenarios
from wargame.session.journal.read import read
from wargame.session.journal.verify import verify
from wargame.session.session import Session


def _write(tmp_path: Path, seed: int = 1, seats=(), overrides=()) -> Path:
    path = tmp_path / "game.jsonl"
    session = Session(scenarios.load(FLAGSHIP, overrides), seed=seed, seats=seats, journal=path)
    session.run_to_end()
    session.close()
    return path


def _human_game(tmp_path: Path) -> Path:
    """France is human and decides against history; the rest are bots."""
    path = tmp_path / "human.jsonl"
    session = Session(scenarios.load(FLAGSHIP), seed=3, seats=["france=human"], journal=path)
    answered = 0
    while not session.finished:
        prompts = session.advance_to_decision()
        if not prompts:
            break
        for p in prompts:
            choice = {"mobilise": "order", "declare_war": "declare", "offensive": "general"}.get(
                p.kind, p.options[0]
            )
            session.submit("france", p.id, choice, reason=f"test choice {answered}")
            answered += 1
    session.run_to_end()
    session.close()
    assert answered > 3
    return path


def test_verify_passes_on_fresh_journal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, overrides=["fronts.west.fortification=2.5"])
    assert main(["replay", str(path), "--verify"]) == 0
    assert "verified" in capsys.readouterr().out


def test_verify_replays_human_decisions(tmp_path: Path) -> None:
    path = _human_game(tmp_path)
    text = path.read_text()
    assert '"by":"human"' in text
    # a human France that declares war at once and attacks in force changes the game
    assert "launches a general offensive" in text
    verdict = verify(read(path))
    assert verdict.ok, (verdict.line, verdict.recorded, verdict.replayed)


def test_verify_of_partial_game(tmp_path: Path) -> None:
    path = tmp_path / "partial.jsonl"
    session = Session(scenarios.load(FLAGSHIP), seed=2, journal=path)
    session.advance(12 * 24 * 60)
    session.close()
    assert verify(read(path)).ok


def test_hand_edited_line_is_pinpointed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path)
    lines = path.read_text().splitlines(keepends=True)
    target = next(i for i, line in enumerate(lines) if '"kind":"report"' in line)
    obj = json.loads(lines[target])
    obj["data"]["claim"] = obj["data"]["claim"] + 5
    lines[target] = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    path.write_text("".join(lines))
    assert main(["replay", str(path), "--verify"]) == 2
    err = capsys.readouterr().err
    assert f":{target + 1}:" in err and "edited" in err and "Traceback" not in err


def test_divergent_replay_names_first_differing_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A journal whose chain is intact but whose content the engine does not reproduce (e.g. made by
    a changed engine) fails verification with exit 1, naming the first differing line."""
    from wargame.engine.journal import Event, dumps
    from wargame.session.journal.chain import chained_line, start

    path = _write(tmp_path)
    lines = path.read_text().splitlines()
    target = next(i for i, line in enumerate(lines) if '"kind":"front"' in line)
    chain = start(lines[0])
    rebuilt = [lines[0]]
    for i, line in enumerate(lines[1:], start=1):
        obj = json.loads(line)
        obj.pop("h")
        if i == target:
            obj["text"] = obj["text"].replace("advances", "ADVANCES")
        new, chain = chained_line(Event.from_json(obj), chain)
        rebuilt.append(new)
    assert dumps(json.loads(lines[0])) == lines[0]
    path.write_text("\n".join(rebuilt) + "\n")
    assert main(["replay", str(path), "--verify"]) == 1
    out = capsys.readouterr().out
    assert f"MISMATCH at line {target + 1}" in out
    assert "ADVANCES" in out and "recorded:" in out and "replayed:" in out


def test_truncated_journal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])
    assert main(["replay", str(path), "--verify"]) == 2
    assert "truncated" in capsys.readouterr().err


def test_deleted_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path)
    lines = path.read_text().splitlines(keepends=True)
    del lines[10]
    path.write_text("".join(lines))
    assert main(["show", str(path), "--white-cell"]) == 2
    assert ":11:" in capsys.readouterr().err


def test_unknown_format_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path)
    lines = path.read_text().splitlines(keepends=True)
    head = json.loads(lines[0])
    head["format"] = 99
    lines[0] = json.dumps(head, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    path.write_text("".join(lines))
    assert main(["replay", str(path), "--verify"]) == 2
    assert "format 99 is not supported" in capsys.readouterr().err


@pytest.mark.parametrize("content", [b"", b"hello\n", b"\xff\xfe\n", b'{"not": "ours"}\n'])
def test_not_a_journal(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    assert main(["replay", str(path), "--verify"]) == 2
    err = capsys.readouterr().err
    assert "journal" in err and "Traceback" not in err


def test_missing_journal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(tmp_path / "nope.jsonl"), "--seat", "france"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_scenario_changed_since_journal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = scenarios.resolve(FLAGSHIP)[0]
    copy = tmp_path / "mine.toml"
    copy.write_text(src.read_text())
    path = tmp_path / "g.jsonl"
    session = Session(scenarios.load(str(copy)), seed=1, journal=path)
    session.advance(24 * 60)
    session.close()
    assert verify(read(path)).ok
    copy.write_text(copy.read_text().replace("horizon_days = 60", "horizon_days = 59"))
    assert main(["replay", str(path), "--verify"]) == 2
    assert "has changed since this journal was written" in capsys.readouterr().err


def test_journal_cut_at_a_line_boundary_is_truncated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path)
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:100]))
    assert main(["replay", str(path), "--verify"]) == 2
    err = capsys.readouterr().err
    assert ":100:" in err and "truncated" in err and "100 lines present are intact" in err


def test_reformatted_line_counts_as_edited(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path)
    lines = path.read_text().splitlines(keepends=True)
    lines[5] = json.dumps(json.loads(lines[5]), sort_keys=True) + "\n"  # same content, other spacing
    path.write_text("".join(lines))
    assert main(["replay", str(path), "--verify"]) == 2
    assert ":6:" in capsys.readouterr().err


def test_crlf_journal_gets_its_own_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["show", str(path), "--white-cell"]) == 2
    assert "CRLF" in capsys.readouterr().err


def test_closed_session_replays_and_takes_no_more_decisions(tmp_path: Path) -> None:
    path = tmp_path / "stopped.jsonl"
    session = Session(scenarios.load(FLAGSHIP), seed=6, seats=["poland=human"], journal=path)
    prompts = session.advance_to_decision()
    session.submit("poland", prompts[0].id, "order", reason="now")
    session.advance(3 * 24 * 60 + 17)
    session.close()
    assert session.events[-1].kind == "closed" and session.events[-1].see == ()
    with pytest.raises(ValueError, match="closed"):
        session.submit("poland", None, "convene", kind="convene_council")
    assert verify(read(path)).ok


def test_file_scenario_replays_from_another_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "mine.toml").write_text(scenarios.resolve(FLAGSHIP)[0].read_text())
    monkeypatch.chdir(work)
    assert main(["run", "mine.toml", "--seed", "2", "--journal", "g.jsonl", "--summary"]) == 0
    monkeypatch.chdir(tmp_path)
    assert main(["replay", "work/g.jsonl", "--verify"]) == 0
    assert "verified" in capsys.readouterr().out


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = _write(tmp_path)
    shown = subprocess.run(
        f"{sys.executable} -m wargame show {path} --white-cell --json | head -1",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in shown.stderr and shown.stdout.startswith("{")
