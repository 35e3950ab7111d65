"""The printed timeline: every event kind is known to the command line, and --hide filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FLAGSHIP, play

from wargame.cli import main
from wargame.engine.kinds import KINDS as EVENT_KINDS


def test_every_recorded_kind_is_listed_for_hide() -> None:
    kinds: set[str] = set()
    for seats in ([], ["france=bot:resolute", "uk=bot:resolute"], ["france=bot:cautious"], ["france=human"]):
        session = play(seed=3, seats=seats)
        kinds |= {e.kind for e in session.events}
    session.close()
    assert kinds <= set(EVENT_KINDS), kinds - set(EVENT_KINDS)
    assert {"report", "front", "decision", "invasion", "end"} <= kinds


def test_hide_leaves_out_kinds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal = tmp_path / "g.jsonl"
    assert main(["run", FLAGSHIP, "--seed", "1", "--journal", str(journal)]) == 0
    full = capsys.readouterr().out
    assert main(["show", str(journal), "--white-cell", "--hide", "report,front"]) == 0
    short = capsys.readouterr().out

    def kinds(out: str) -> set[str]:
        return {line[23:36].strip() for line in out.splitlines()}  # the padded kind column

    assert {"report", "front", "invasion"} <= kinds(full)
    assert "report" not in kinds(short) and "front" not in kinds(short) and "invasion" in kinds(short)
    assert len(short.splitlines()) < len(full.splitlines()) / 2
