"""``wargame report``: the after-action review as Markdown or HTML, with plots."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wargame.analysis.aar import after_action_from_journal
from wargame.analysis.aar_markdown import SECTIONS
from wargame.analysis.aar_plots import PLOTS, plots
from wargame.cli import main

GOLDEN = Path(__file__).parent / "golden" / "drole-de-guerre-1939.seed1.jsonl"
PNG = b"\x89PNG\r\n\x1a\n"
DECISIONS = sum(1 for line in GOLDEN.read_text(encoding="utf-8").splitlines() if '"kind":"decision"' in line)


def _decision_rows(text: str) -> list[str]:
    table = text[text.index("Belief versus truth") : text.index("Where deception worked")]
    return re.findall(r"^\| \d+ \|", table, flags=re.M) or re.findall(r"<tr><td>\d+</td>", table)


def test_markdown_report_of_the_golden_journal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(GOLDEN)]) == 0
    out = capsys.readouterr().out
    for i, title in enumerate(SECTIONS, start=1):
        assert f"## {i}. {title}" in out
    assert len(_decision_rows(out)) == DECISIONS > 0
    assert "--out" in out and "![" not in out  # no images without a place to put them


def test_html_report_is_one_file_with_embedded_plots(tmp_path: Path) -> None:
    page = tmp_path / "aar.html"
    assert main(["report", str(GOLDEN), "--format", "html", "--out", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.count('src="data:image/png;base64,') == len(PLOTS)
    for title in SECTIONS:
        assert title in text
    assert len(_decision_rows(text)) == DECISIONS
    assert list(tmp_path.iterdir()) == [page]


def test_markdown_with_out_writes_the_plots_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "game.md"
    assert main(["report", str(GOLDEN), "--out", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    for name in PLOTS:
        png = tmp_path / f"game-{name}.png"
        assert f"](game-{name}.png)" in text
        assert png.read_bytes().startswith(PNG) and png.stat().st_size > 5000


def test_plots_of_a_game_are_non_empty_pngs() -> None:
    drawn = plots(after_action_from_journal(GOLDEN))
    assert set(drawn) == set(PLOTS)
    assert all(png.startswith(PNG) and len(png) > 5000 for png in drawn.values())


@pytest.mark.parametrize("damage", ["edit", "truncate", "garbage"])
def test_a_corrupted_journal_is_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    if damage == "edit":
        bad.write_text(text.replace('"claim":36', '"claim":63', 1), encoding="utf-8")
    elif damage == "truncate":
        bad.write_text(text[: len(text) // 2], encoding="utf-8")
    else:
        bad.write_bytes(b"\x00\x01not a journal")
    assert main(["report", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wargame report: error: ") and "bad.jsonl" in err and "Traceback" not in err


def test_an_unwritable_output_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(GOLDEN), "--out", str(tmp_path / "missing" / "r.md")]) == 2
    assert "does not exist" in capsys.readouterr().err
