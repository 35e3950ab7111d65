"""The after-action review: its data, its replayed beliefs, its Markdown."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from conftest import FLAGSHIP

from wargame.analysis.aar.capture import capture
from wargame.analysis.aar.findings import _far_estimates, deception_results, issues
from wargame.analysis.aar.markdown import SECTIONS, outcome_lines
from wargame.analysis.aar.review import AfterActionError, after_action, after_action_from_journal, to_markdown
from wargame.analysis.aar.types import Belief, DecisionRecord, PressureRecord
from wargame.analysis.wording import when
from wargame.engine.events import LeakTruth, ReportTruth
from wargame.engine.picture import assessments
from wargame.model.clock import DAY
from wargame.model.scenario_files import scenarios
from wargame.model.wording import count
from wargame.session.journal.read import read
from wargame.session.journal.replay import scenario_of
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


# --- issue #17, round 2: the review of a blockade and of a seizure (trial item 6) ---

VELMORA_GOLDEN = Path(__file__).parent / "golden" / "velmora-strait-2033.seed1.jsonl"


def pressed(aar, ending: str = "lift", escorts: tuple[str, ...] = ("uk",)):  # type: ignore[no-untyped-def]
    """The 1939 review as if Germany had blockaded Poland instead (no invasion), ended by ``ending``."""
    o = attrs.evolve(
        aar.outcome,
        invasion_day=None,
        postponements=0,
        end_state="resisted" if ending == "lift" else "concession",
        pressure_day=12,
        endurance_at_end=0.61,
        concession=ending == "concession",
    )
    record = PressureRecord(
        means="blockade",
        t=3 * DAY,
        at="1939-08-29T04:45",
        demand="Danzig and the corridor",
        escorts=escorts,
        ending=ending,
        ending_at="1939-09-10T04:45",
        forced=False,
    )
    return attrs.evolve(aar, outcome=o, pressure=record, timeline=())


def test_the_outcome_of_a_pressure_says_the_act_demand_days_endurance_escorts_and_end(golden_aar) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(outcome_lines(pressed(golden_aar)))
    assert "- Germany blockaded Poland on 29 Aug 1939 04:45, demanding Danzig and the corridor." in text
    assert "- Poland bore 12 days of blockade; its endurance at the end 0.61" in text
    assert "- Escorted by United Kingdom." in text
    assert "- Germany lifted the blockade on 10 Sep 1939 04:45." in text
    assert "End state: **resisted**" in text and "Germany never postponed" in text
    text = "\n".join(outcome_lines(pressed(golden_aar, "concession", escorts=())))
    assert "Poland conceded the demand on 10 Sep 1939 04:45" in text and "Nobody escorted" in text
    assert "End state: **concession** (the protected state gave in to the pressure)" in text


def test_a_review_never_says_postponed_never(golden_aar) -> None:  # type: ignore[no-untyped-def]
    never = attrs.evolve(golden_aar, outcome=attrs.evolve(golden_aar.outcome, postponements=0))
    text = "\n".join(outcome_lines(never))
    assert "Germany never postponed" in text and "postponed never" not in text
    twice = attrs.evolve(golden_aar, outcome=attrs.evolve(golden_aar.outcome, postponements=2))
    assert "Germany postponed twice" in "\n".join(outcome_lines(twice))


def test_ground_and_objectives_held_in_the_outcome(golden_aar) -> None:  # type: ignore[no-untyped-def]
    o = attrs.evolve(golden_aar.outcome, ground_held_km={"east": 35.0}, objectives_held=1)
    aar = attrs.evolve(golden_aar, outcome=o, objectives={"east": "the Vistula"})
    text = "\n".join(outcome_lines(aar))
    assert (
        "- Germany holds 35 km of the" in text
        and "(its objective: the Vistula) at the end; 1 objective held." in text
    )


def test_a_pressure_turned_invasion_counts_war_from_the_pressure(golden_aar) -> None:  # type: ignore[no-untyped-def]
    aar = pressed(golden_aar, "escalation")
    o = attrs.evolve(aar.outcome, invasion_day=33.0)  # the invasion 30 days after the blockade (day 3)
    g = next(iter(o.guarantors))
    per = attrs.evolve(o.guarantors[g], war_declared_after_days=-27.5)
    aar = attrs.evolve(aar, outcome=attrs.evolve(o, guarantors={**o.guarantors, g: per}))
    text = "\n".join(outcome_lines(aar))
    assert "declared war 2.5 days into the blockade" in text and "after -27.5 days" not in text
    assert "Germany turned the blockade into an invasion on 10 Sep 1939 04:45" in text


def test_leaks_are_told_once_per_agent_and_counted_by_kind() -> None:
    journal = read(VELMORA_GOLDEN)
    loaded = scenario_of(journal)
    events = list(journal.events)
    results = deception_results(events, loaded.scenario, (), None)
    pens = [r for r in results if r.kind == "penetration"]
    for pen in loaded.scenario.penetrations:
        notes = [r.note for r in pens if r.id == pen.id and r.note]
        assert len(notes) == 1, (pen.id, notes)
        leaks = [e.data for e in events if isinstance(e.truth, LeakTruth) and e.truth.penetration == pen.id]
        decided = sum(1 for d in leaks if d.decision is not None)
        assert notes[0].startswith(
            f"{count(decided, 'decision')} and {count(len(leaks) - decided, 'report')}"
        )


def _belief(subject: str, label: str, estimate: float, truth: float) -> Belief:
    return Belief(
        subject=subject, label=label, estimate=estimate, low=estimate, high=estimate, reports=3, truth=truth
    )


def _decision(seat: str, *beliefs: Belief) -> DecisionRecord:
    return DecisionRecord(
        seq=1, t=0, at="1939-09-01T04:45", seat=seat, kind="mobilise", choice="order", by="bot:realist",
        reason="", prompt=None, beliefs=beliefs, credibility={}, true_credibility={},
    )  # fmt: skip


def test_a_seat_is_not_graded_on_its_estimate_of_itself_and_the_grammar_reads() -> None:
    names = {"gallen": "Gallen", "varnia": "Varnia"}
    own = _belief("mobilisation.gallen", "Gallen's divisions available", 2.4, 6)
    theirs = _belief("mobilisation.varnia", "Varnia's divisions available", 2.4, 6)
    date = _belief("attack_date", "date of Varnia's attack", 5.4 * DAY, 0)
    texts = [f.text for f in _far_estimates([_decision("gallen", own, theirs, date)], names)]
    assert not any("Gallen's divisions" in t for t in texts)
    assert any(
        "its estimate of Varnia's divisions available at 0.4 times the truth (2.4 against 6)" in t
        for t in texts
    )
    assert any("its estimate of the date of Varnia's attack 5.4 days late." in t for t in texts)
    assert not any("off:" in t for t in texts)


def test_a_protected_state_on_the_council_needs_no_informing(golden_aar) -> None:  # type: ignore[no-untyped-def]
    s = scenarios.load(FLAGSHIP).scenario
    o = attrs.evolve(golden_aar.outcome, council_sittings=2, protected_informed=False)
    found = issues([], (), (), (), o, golden_aar.names, s)
    assert [f.kind for f in found if f.kind == "not_informed"] == ["not_informed"]
    council = attrs.evolve(s.council, members=(*s.council.members, s.aggressor.target))
    found = issues([], (), (), (), o, golden_aar.names, attrs.evolve(s, council=council))
    assert not [f for f in found if f.kind == "not_informed"]


def test_a_guarantee_triggered_by_a_blockade_says_so_with_its_clarity(golden_aar) -> None:  # type: ignore[no-untyped-def]
    g = attrs.evolve(golden_aar.plan.guarantees[0], triggered_by="blockade", triggered_clarity=0.4)
    plan = attrs.evolve(golden_aar.plan, guarantees=(g,))
    text = to_markdown(attrs.evolve(golden_aar, plan=plan))
    assert f"triggered {when(g.triggered_at or '')} by the blockade (clarity 0.4)." in text
    assert "by the invasion" not in to_markdown(golden_aar)
