"""Regressions found in review: each test failed before its fix."""

from __future__ import annotations

from conftest import FLAGSHIP, play

from wargame.engine.events import ReportTruth
from wargame.model.clock import DAY
from wargame.model.grading import assess
from wargame.model.scenario_files import scenarios
from wargame.session.session import Session


def test_assessments_survive_zeros_and_negative_values() -> None:
    counts = assess([(0, "A", 1), (0, "A", 1), (4, "A", 1), (5, "B", 2)])
    assert counts is not None and 1.5 < counts.value < 3.5  # not dragged to zero by a geometric mean
    dates = assess([(-300.0, "C", 3), (-100.0, "C", 3)])
    assert dates is not None and dates.value == -200


def test_suppressed_reports_leave_no_gap_in_the_seats_numbering() -> None:
    for seed in range(4):
        session = play(seed=seed, overrides=["penetrations.dedal.suppress=0.5"])
        assert any(e.kind == "suppressed" for e in session.events)
        for channel in ("humint", "imagery", "diplomatic"):
            numbers = [
                int(e.data.origin.rsplit(".", 1)[1])
                for e in session.view("france").events
                if e.kind == "report" and e.data.origin.startswith(f"france.{channel}.")
            ]
            assert numbers == list(range(1, len(numbers) + 1))


def test_a_penetrated_seats_reports_and_assessment_agree() -> None:
    session = play(seed=1, overrides=["penetrations.dedal.bias=2", "penetrations.dedal.detection_per_day=0"])
    view = session.view("france")
    west = [e for e in view.events if e.kind == "report" and e.data.subject == "forces.west"]
    claims = [(e.data.claim, e.data.reliability, e.data.credibility) for e in west]
    assert view.assessments["forces.west"] == assess(claims)  # nothing applied on top that it could see
    biased = [e for e in session.events if isinstance(e.truth, ReportTruth) and e.truth.biased_by]
    assert biased and all(e.actors == ("france",) for e in biased)


def test_the_council_cannot_launch_an_offensive_before_a_war() -> None:
    session = Session(scenarios.load(FLAGSHIP), seed=1, seats=["uk=human", "france=human"])
    session.submit("uk", None, "convene", reason="consult early", kind="convene_council")
    while session.now < 8 * DAY:
        for p in session.advance_to_decision():
            session.submit(p.seat, p.id, "for" if p.kind == "council_position" else p.default, reason="test")
    sitting = next(e for e in session.events if e.kind == "council" and e.data.step == "sitting")
    assert "main_offensive" not in sitting.data.agenda
    assert not any(e.kind == "offensive" for e in session.events)


def test_halting_an_offensive_in_preparation_cancels_it() -> None:
    session = Session(scenarios.load(FLAGSHIP), seed=1, seats=["france=human"])
    while "germany" not in session.world.actors["france"].at_war_with:
        for p in session.advance_to_decision():
            session.submit("france", p.id, {"declare_war": "declare"}.get(p.kind, p.default), reason="t")
    session.submit("france", None, "general", kind="launch_offensive")
    session.advance(60)
    session.submit("france", None, "halt", kind="halt_offensive")
    session.advance(6 * DAY)
    assert not any(e.kind == "offensive" for e in session.events)


def test_a_report_shared_twice_is_held_once() -> None:
    session = Session(scenarios.load(FLAGSHIP), seed=1, seats=["poland=human"])
    session.advance(4 * DAY)
    report = next(e for e in session.view("poland").events if e.kind == "report")
    for _ in range(2):
        session.submit("poland", None, report.data.origin, kind="share_report")
    session.advance(4 * DAY)
    copies = [
        e for e in session.view("france").events if e.kind == "report" and e.data.origin == report.data.origin
    ]
    assert len(copies) == 1
    held = [r for r in session.world.pictures["france"].reports if r.origin == report.data.origin]
    assert len(held) == 1


def test_estimate_errors_are_finite_numbers_or_none() -> None:
    for seed in range(6):
        errors = play(seed=seed).summary().estimate_error_at_invasion
        for per_seat in errors.values():
            assert all(v is None or (0 < v < 100) for v in per_seat.values())
