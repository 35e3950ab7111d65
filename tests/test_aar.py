"""The after-action review: its data, its replayed beliefs, its Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FLAGSHIP

from wargame.analysis.aar.capture import capture
from wargame.analysis.aar.markdown import SECTIONS
from wargame.analysis.aar.review import AfterActionError, after_action, after_action_from_journal, to_markdown
from wargame.engine.events import ReportTruth
from wargame.engine.picture import assessments
from wargame.model.clock import DAY
from wargame.model.scenario_files import scenarios
from wargame.session.journal.read import read
from wargame.session.session import Session
from wargame.session.views import seat_events

GOLDEN = Path(__file__).parent / "golden" / "drole-de-guerre-1939.seed1.jsonl"


@pytest.fixture(scope="module")
def golden_aar():  # type: ignore[no-untyped-def]
    return after_action_from_journal(GOLDEN)


def test_one_record_per_decision_with_who_and_why(golden_aar) -> None:  # type: ignore[no-untyped-def]
    journal = read(GOLDEN)
    recorded = [e for e in journal.events if e.kind == "decision"]
    assert [d.seq for d in golden_aar.decisions] == [e.seq for e in recorded]
    for d, e in zip(golden_aar.decisions, recorded, strict=True):
        assert (d.seat, d.kind, d.choice, d.by, d.reason) == (
            e.data.seat, e.data.decision, e.data.choice, e.data.by, e.data.reason,
        )  # fmt: skip


def test_beliefs_are_what_the_seat_had_assessed_when_it_decided(golden_aar) -> None:  # type: ignore[no-untyped-def]
    events = read(GOLDEN).events
    for d in golden_aar.decisions:
        expected = assessments(seat_events(events[: d.seq + 1], d.seat))
        assert {b.subject: (b.estimate, b.low, b.high) for b in d.beliefs} == {
            s: (e.value, e.low, e.high) for s, e in expected.items()
        }
        assert all(b.truth is not None for b in d.beliefs)


def test_belief_against_truth_agrees_with_the_outcome_measure(golden_aar) -> None:  # type: ignore[no-untyped-def]
    """France's estimate of the West at the invasion, over the truth, is computed independently
    by the outcome measures (from the reports' recorded truths)."""
    invasion = next(e for e in golden_aar.timeline if e.kind == "invasion")
    # France's last decision before the invasion (its mobilisation, asked on news), or at it
    at_invasion = [d for d in golden_aar.decisions if d.seat == "france" and d.t <= invasion.t][-1]
    west = next(b for b in at_invasion.beliefs if b.subject == "forces.west")
    expected = golden_aar.outcome.estimate_error_at_invasion["france"]["forces.west"]
    assert west.ratio == pytest.approx(expected, abs=0.01)
    assert west.far_from_truth


def test_the_replay_reproduces_the_journal_while_looking(flagship) -> None:  # type: ignore[no-untyped-def]
    journal = read(GOLDEN)
    seen = capture(flagship, 1, journal.header.seats, journal.events)
    assert seen.session.lines == list(journal.lines)
    days = [s.t for s in seen.samples]
    assert days == sorted(days) and days[-1] == journal.events[-1].t
    assert len(seen.samples) >= journal.events[-1].t // DAY


def test_reviewing_mid_game_leaves_the_session_untouched(flagship) -> None:  # type: ignore[no-untyped-def]
    session = Session(flagship, seed=1)
    session.advance_until(12 * DAY + 7)
    before = list(session.lines)
    aar = after_action(session)
    assert not aar.finished and aar.now == session.now
    assert len(aar.decisions) == sum(1 for e in session.events if e.kind == "decision") > 0
    assert session.lines == before and session.now == 12 * DAY + 7
    session.run_to_end()
    assert session.text() == GOLDEN.read_text(encoding="utf-8")


def test_human_decisions_are_reviewed_with_their_beliefs(flagship) -> None:  # type: ignore[no-untyped-def]
    session = Session(flagship, seed=3, seats={"france": "human"})
    prompt = session.advance_to_decision()[0]
    session.submit("france", prompt.id, prompt.options[0], reason="test the Germans")
    session.advance(2 * DAY)
    aar = after_action(session)
    mine = [d for d in aar.decisions if d.by == "human"]
    assert len(mine) == 1 and mine[0].reason == "test the Germans" and mine[0].who == "human"
    assert mine[0].credibility and mine[0].true_credibility


def test_issues_list_every_broken_promise(golden_aar) -> None:  # type: ignore[no-untyped-def]
    broken = [e for e in read(GOLDEN).events if e.kind == "promise" and not e.data.kept]
    found = [f for f in golden_aar.issues if f.kind == "broken_promise"]
    assert len(found) == len(broken) > 0
    assert {f.kind for f in golden_aar.issues} >= {"broken_promise", "estimate_far"}
    assert {f.issue for f in golden_aar.fixes} == {f.kind for f in golden_aar.issues}


def test_deception_reports_whom_it_deceived(golden_aar) -> None:  # type: ignore[no-untyped-def]
    westwall = next(r for r in golden_aar.deception if r.id == "westwall")
    planted = [
        e for e in read(GOLDEN).events
        if e.kind == "report" and e.data.subject == "forces.west"
        and isinstance(e.truth, ReportTruth) and e.truth.deceptive
    ]  # fmt: skip
    assert sum(westwall.received.values()) == len(planted) > 0
    assert "france" in westwall.worked_on


def test_timeline_keeps_turning_points_not_the_daily_flow(golden_aar) -> None:  # type: ignore[no-untyped-def]
    kinds = {e.kind for e in golden_aar.timeline}
    assert {"invasion", "war", "decision", "collapse", "end"} <= kinds
    assert not kinds & {"report", "front", "prompt"}


def test_markdown_has_the_sections_in_order_and_a_row_per_decision(golden_aar) -> None:  # type: ignore[no-untyped-def]
    text = to_markdown(golden_aar)
    places = [text.index(f"## {i}. {title}") for i, title in enumerate(SECTIONS, start=1)]
    assert places == sorted(places)
    table = text[text.index("## 5. Belief versus truth") : text.index("## 6.")]
    rows = [line for line in table.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) == len(golden_aar.decisions)


def test_a_damaged_journal_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    lines = GOLDEN.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i in range(40, len(lines)) if "France" in lines[i])  # a line that names France
    bad.write_text("".join(lines[:n]) + lines[n].replace("France", "Frence") + "".join(lines[n + 1 :]))
    with pytest.raises(AfterActionError, match=rf"bad\.jsonl:{n + 1}\b"):
        after_action_from_journal(bad)


def test_scenario_name_is_recorded(golden_aar) -> None:  # type: ignore[no-untyped-def]
    assert golden_aar.scenario == FLAGSHIP and golden_aar.seed == 1
    seats = {a.id for a in scenarios.load(FLAGSHIP).scenario.actors if a.seat}
    assert golden_aar.plan.briefings.keys() == seats
