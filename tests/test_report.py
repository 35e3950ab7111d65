"""``wargame report``: the after-action review as Markdown or HTML, with plots."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from conftest import FLAGSHIP

from wargame.analysis.aar.markdown import SECTIONS
from wargame.analysis.aar.plots import PLOTS, plots
from wargame.analysis.aar.review import after_action_from_journal, review, to_markdown
from wargame.cli import main
from wargame.engine.journal import Event
from wargame.model.clock import DAY
from wargame.model.scenario_files import scenarios
from wargame.session.journal.read import read
from wargame.session.journal.replay import resume, scenario_of
from wargame.session.session import Session

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


@pytest.mark.slow
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


# -- facilitated games: the white cell's acts are not a seat's decisions ---------------------------

WHITE_ACTS = ("hold_inject", "publish_inject", "skip_inject", "adhoc_inject", "override")


def facilitated(path: Path | None = None) -> Session:
    """A 1939 game (France human, absent) with one white-cell act of every kind, to its end."""
    s = Session(scenarios.load(FLAGSHIP), seed=1, seats={"france": "human"}, journal=path)
    s.direct("hold_inject", "pact", reason="the room is not ready")
    s.advance(5 * DAY)
    s.direct("publish_inject", "pact", reason="now")
    s.direct("skip_inject", "gleiwitz", reason="the room knows")
    s.direct("adhoc_inject", "uk,france", text="Rumours of a pact's secret protocol.")
    s.advance_until(13 * DAY)
    s.direct("override", "front.poland.cohesion", reason="a rout", text="0.3")
    s.run_to_end()
    return s


@pytest.fixture(scope="module")
def facilitated_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wc") / "facilitated.jsonl"
    facilitated().write(path)
    return path


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_of_a_facilitated_game_shows_the_white_cell_acts_in_the_timeline(
    facilitated_journal: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    assert main(["report", str(facilitated_journal), "--format", fmt]) == 0
    out = capsys.readouterr().out
    seat_decisions = sum(
        1 for e in read(facilitated_journal).events if e.kind == "decision" and e.data.seat != "white"
    )
    assert len(_decision_rows(out)) == seat_decisions  # the white cell's acts are not seats' decisions
    timeline = out[out.index("Timeline") : out.index("Issues")]
    acts = re.findall(r"\| white cell \||<td>white cell</td>", timeline)
    assert len(acts) == len(WHITE_ACTS)
    assert "Rumours of a pact" in timeline and "a rout" in timeline


def resumed_facilitated_game(path: Path) -> Session:
    """A facilitated game closed after three days, resumed from its journal and played out."""
    s = Session(scenarios.load(FLAGSHIP), seed=1, seats={"france": "human"}, journal=path)
    s.direct("hold_inject", "pact", reason="the room is not ready")
    s.advance(3 * DAY)
    s.close()
    again = resume(path)
    again.direct("publish_inject", "pact", reason="now")
    again.run_to_end()
    return again


def test_report_of_a_resumed_facilitated_game(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "resumed.jsonl"
    resumed_facilitated_game(path).close()
    for fmt in ("md", "html"):
        assert main(["report", str(path), "--format", fmt]) == 0
        assert "white cell" in capsys.readouterr().out


def test_review_takes_any_by_and_any_white_cell_act(facilitated_journal: Path) -> None:
    """A default confirmed by the room (the ``room`` branch writes that ``by``) is still a
    default; a white-cell act this engine does not know (``restore_inject``) is still the white
    cell's, shown in the timeline and never asked for its beliefs."""
    journal = read(facilitated_journal)
    confirmed = "default, confirmed by the white cell"

    def edit(e: Event) -> Event:
        if e.kind == "decision" and e.data.by == "default":
            return attrs.evolve(e, data=attrs.evolve(e.data, by=confirmed))
        if e.kind == "decision" and e.data.decision == "skip_inject":
            return attrs.evolve(e, data=attrs.evolve(e.data, decision="restore_inject"))
        return e

    events = [edit(e) for e in journal.events]
    aar = review(scenario_of(journal), 1, journal.header.seats, events, events[-1].t)
    defaults = [d for d in aar.decisions if d.by == confirmed]
    assert defaults and all(d.who == "default" and d.confirmed_by == "the white cell" for d in defaults)
    assert any("confirmed by the white cell" in f.text for f in aar.issues if f.kind == "default_decision")
    assert sum(1 for e in aar.timeline if e.kind == "white cell") == len(WHITE_ACTS)
    assert all(d.seat != "white" for d in aar.decisions)
    assert "## 6." in to_markdown(aar)


# -- wording: dates, "not reached" and names, never the model's values ---------------------------

#: What must not reach a reader of the report outside the Fixes (whose levers are `--set` paths):
#: a day count from the start, a missing value, a subject or kind id, an ISO date, a bot's id.
MODEL_WORDS = re.compile(
    r"None|\bday \d+\.\d{2,}|\b(forces|mobilisation)\.\w|attack_date|\d{4}-\d\d-\d\d|bot:|\b[a-z]+_[a-z]+\b"
)


def _report_cases() -> list[object]:
    """Every golden journal in markdown; in HTML (the same words, with plots drawn) the flagship's,
    the others' under the slow mark."""
    cases: list[object] = []
    for fmt in ("md", "html"):
        for journal in sorted(GOLDEN.parent.glob("*.jsonl")):
            slow = fmt == "html" and journal != GOLDEN
            marks = (pytest.mark.slow,) if slow else ()
            cases.append(pytest.param(journal, fmt, marks=marks, id=f"{fmt}-{journal.name.split('.')[0]}"))
    return cases


@pytest.mark.parametrize(("journal", "fmt"), _report_cases())
def test_the_report_speaks_in_dates_and_names(
    journal: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(journal), "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "html":
        out = re.sub(r'src="data:image/png;base64,[^"]*"', "", out)  # no base64 noise
    readable = out[: out.index("4. Fixes")] + out[out.index("5. Belief versus truth") :]
    assert not MODEL_WORDS.search(readable), MODEL_WORDS.search(readable)


def test_the_1939_outcome_in_words() -> None:
    text = to_markdown(after_action_from_journal(GOLDEN))
    assert "invasion: 1 Sep 1939 04:45" in text and "Germany postponed once" in text
    assert (
        "France: declared war after 2.5 days, first offensive after 5.7 days (at most 11 divisions)." in text
    )
    assert "United Kingdom: declared war after 2.5 days, no offensive." in text
    assert "Germany attacks Poland at 26 Aug 1939 04:30" in text
    assert (
        "westwall: planted reports put Germany's divisions on the Franco-German border at 2.2 times" in text
    )
    assert "| 1 Sep 1939 04:45 | invasion |" in text
