"""Intelligence: grading, corroboration by independent origins, deception, assessment."""

from __future__ import annotations

import math
import statistics

import pytest
from conftest import play
from hypothesis import given
from hypothesis import strategies as st

from wargame.engine.picture import Picture
from wargame.model.grading import (
    CREDIBILITY_WEIGHT,
    RELIABILITY_WEIGHT,
    Tally,
    assess,
    credibility,
    kent,
    reliability,
    weight,
)

SEEDS = range(8)


def _west_error(seat: str, overrides: list[str]) -> float:
    """Median over seeds of the assessed German divisions in the West over the truth, at the invasion."""
    ratios = [
        play(seed=s, overrides=overrides, record=True)
        .summary()
        .estimate_error_at_invasion[seat]["forces.west"]
        for s in SEEDS
    ]
    return statistics.median(r for r in ratios if r is not None)


def test_deception_inflates_the_french_estimate_of_the_west() -> None:
    deceived = _west_error("france", [])
    honest = _west_error("france", ["deception.westwall.share=0"])
    assert deceived > 1.5  # the historical error: a strong, fully manned Siegfried line
    assert 0.75 < honest < 1.33


def test_more_independent_channels_blunt_the_deception() -> None:
    few = _west_error("france", [])
    many = _west_error("france", ["services.france.channels.1.rate_per_day=4"])  # imagery: honest
    assert many < few


def test_deceptive_reports_are_counted_and_believed() -> None:
    m = play(seed=2).summary()
    assert m.deceptive_reports_received["france"] > 0
    assert 0 < m.deceptive_reports_believed["france"] <= m.deceptive_reports_received["france"]
    assert "ussr" not in m.deceptive_reports_received  # not a target of the plan
    clean = play(seed=2, overrides=["deception.westwall.share=0", "deception.later.share=0"]).summary()
    assert clean.deceptive_reports_received == {}


def test_an_echo_never_confirms_its_original() -> None:
    picture = Picture()
    picture.receive("forces.west", 40, origin="uk.humint.7", source="uk.humint")
    echo = picture.receive("forces.west", 40, origin="uk.humint.7", source="france.liaison")
    assert echo.credibility != 1  # same origin, shared back: not independent
    other = picture.receive("forces.west", 41, origin="france.imagery.3", source="france.imagery")
    assert other.credibility == 1  # an independent origin that agrees confirms


def test_reliability_follows_the_record() -> None:
    assert reliability(2, 2) == "F"  # too little to judge
    assert reliability(10, 9) == "A" and reliability(10, 7) == "B" and reliability(10, 5) == "C"
    assert reliability(10, 4) == "D" and reliability(10, 1) == "E"
    picture = Picture()
    for n in range(6):
        picture.receive("s", 100, origin=f"a.{n}", source="a")
        picture.receive("s", 100, origin=f"b.{n}", source="b")
    assert picture.receive("s", 100, origin="a.99", source="a").reliability == "A"


def test_credibility_numbers_from_distance_to_the_assessment() -> None:
    current = 100.0  # the assessment's central value
    assert credibility(100, True, current) == 1
    assert credibility(105, False, current) == 2
    assert credibility(200, False, current) == 4
    assert credibility(400, False, current) == 5
    assert credibility(100, False, None) == 6


@given(
    st.lists(
        st.tuples(st.floats(-1e6, 1e6, allow_nan=False), st.sampled_from("ABCDEF"), st.integers(1, 6)),
        max_size=30,
    )
)
def test_a_tallys_central_value_is_its_estimates(claims: list[tuple[float, str, int]]) -> None:
    """A report is graded from Tally.value, and the seat shown Tally.estimate: they never differ."""
    tally = Tally()
    for claim, letter, number in claims:
        estimate = tally.estimate()
        assert tally.value() == (estimate.value if estimate is not None else None)
        tally.add(claim, weight(letter, number))
    estimate = tally.estimate()
    assert tally.value() == (estimate.value if estimate is not None else None)


def test_assessment_weighs_reliable_sources_more() -> None:
    estimate = assess([(20, "A", 1), (20, "A", 1), (60, "E", 5)])
    assert (
        estimate is not None and 20 <= estimate.value < 25 and estimate.low <= estimate.value <= estimate.high
    )
    assert assess([]) is None


def test_an_assessment_kept_up_report_by_report_equals_one_made_at_once() -> None:
    # a picture keeps running sums; assessing the same reports from scratch must agree exactly,
    # and both must be the weighted geometric mean with one log-space deviation either side
    picture = Picture()
    claims = [52.0, 40.0, 61.0, 55.0, 38.0, 70.0, 49.0, 45.0, 58.0]
    for i, claim in enumerate(claims):
        picture.receive("forces.west", claim, f"s{i % 3}.{i}", f"s{i % 3}")
    held = [(r.claim, r.reliability, r.credibility) for r in picture.on("forces.west")]
    kept = picture.assessment("forces.west")
    assert kept == assess(held)
    weights = [RELIABILITY_WEIGHT[r] * CREDIBILITY_WEIGHT[n] for _, r, n in held]
    logs = [math.log(c) for c, _, _ in held]
    mean = sum(w * lc for w, lc in zip(weights, logs, strict=True)) / sum(weights)
    sd = math.sqrt(sum(w * (lc - mean) ** 2 for w, lc in zip(weights, logs, strict=True)) / sum(weights))
    assert kept is not None and kept.reports == len(claims)
    assert abs(kept.value - math.exp(mean)) < 0.01
    assert abs(kept.low - math.exp(mean - sd)) < 0.01 and abs(kept.high - math.exp(mean + sd)) < 0.01
    # a zero among the claims switches to the arithmetic mean
    with_zero = assess([(0.0, "A", 1), (10.0, "A", 1)])
    assert with_zero is not None and with_zero.value == 5.0 and with_zero.low == 0.0


def test_kent_words() -> None:
    # each of Kent's central values falls in its own band
    assert kent(0.93) == "almost certain"
    assert kent(0.75) == "probable"
    assert kent(0.5) == "chances about even"
    assert kent(0.3) == "probably not"
    assert kent(0.07) == "almost certainly not"
    assert kent(1.0) == "certain" and kent(0.0) == "impossible"


def test_seats_see_grades_but_never_the_truth_or_the_deception_flag() -> None:
    session = play(seed=3)
    for seat in ("france", "uk"):
        reports = [e for e in session.view(seat).events if e.kind == "report"]
        assert reports and all(e.truth is None for e in reports)
        assert all(e.data.grade[0] in "ABCDEF" and 1 <= e.data.credibility <= 6 for e in reports)
        assert all("deceptive" not in e.line() for e in reports)
        assert all(e.data.origin.startswith(f"{seat}.") for e in reports)  # only its own origins
        assert "forces.west" in session.view(seat).assessments
    white = session.white_cell()
    assert white.assessments["france"]["forces.west"].value > 0 and white.truths["forces.west"] > 0


def _errors(overrides: list[str]) -> dict[str, float]:
    """Mean over seeds of |assessed/true - 1|, summed over the key quantities, per guarantor."""
    out = {"france": 0.0, "uk": 0.0}
    seeds = range(10)
    for s in seeds:
        errors = play(seed=s, overrides=overrides).summary().estimate_error_at_invasion
        subjects = {k for e in errors.values() for k in e}  # a subject it has no estimate of: error 1
        for g in out:
            mine = errors.get(g, {})
            out[g] += sum(abs(mine[k] - 1) if mine.get(k) is not None else 1.0 for k in subjects) / len(seeds)
    return out


@pytest.mark.slow
def test_a_fusion_centre_reduces_error_and_brings_warning() -> None:
    # Under the 1939 deception both allies' controlled channels are planted, so pooling also pools
    # lies: the alliance's error still falls, mostly Britain's (it gains France's honest imagery).
    alone = _errors(['liaison.0.level="none"'])
    fused = _errors(['liaison.0.level="fusion"'])
    assert sum(fused.values()) < sum(alone.values())
    # Without deception, pooling helps each of them.
    clean = ["deception.westwall.share=0"]
    alone_clean = _errors(['liaison.0.level="none"', *clean])
    fused_clean = _errors(['liaison.0.level="fusion"', *clean])
    assert fused_clean["france"] < alone_clean["france"] and fused_clean["uk"] < alone_clean["uk"]

    def warned(level: str) -> int:
        runs = [play(seed=s, overrides=[f'liaison.0.level="{level}"']).summary() for s in range(10)]
        return sum(m.warning_lead_days.get(g) is not None for m in runs for g in ("france", "uk"))

    assert warned("fusion") > warned("none")


def test_a_penetration_biases_its_target_and_leaks_to_the_aggressor() -> None:
    biased = _west_error("france", [])
    clean = _west_error("france", ["penetrations.dedal.bias=1"])
    assert biased > clean
    session = play(seed=1)
    leaks = [e for e in session.view("germany").events if e.kind == "leak"]
    assert leaks and all(e.data.actor == "france" for e in leaks)
    assert not any(e.kind in ("leak", "penetration", "suppressed") for e in session.view("france").events)


def test_strong_oversight_finds_the_penetration_and_shrinks_its_bias() -> None:
    def detected(oversight: float) -> int:
        runs = [play(seed=s, overrides=[f"actors.france.oversight={oversight}"]).summary() for s in range(10)]
        return sum(m.penetration_detected_after_days is not None for m in runs)

    strong, weak = detected(1.0), detected(0.0)
    assert strong >= 6 and weak == 0
    from wargame.engine.penetration import biases

    def bias(oversight: float) -> float:
        events = play(
            seed=1,
            overrides=[f"actors.france.oversight={oversight}", "penetrations.dedal.detection_per_day=0"],
        ).events
        return biases(events, "france")["forces.west"]

    assert 1.0 < bias(1.0) < bias(0.0) == 1.3


def test_a_cancelled_attack_date_becomes_a_false_alarm_and_raises_the_bar() -> None:
    fused = ['liaison.0.level="fusion"']
    for s in range(10):
        session = play(seed=s, overrides=fused)
        kinds = [e.kind for e in session.view("france").events if e.kind in ("warning", "false_alarm")]
        if "false_alarm" in kinds:
            warnings = [e for e in session.view("france").events if e.kind == "warning"]
            assert kinds.index("false_alarm") > kinds.index("warning")
            later = [
                w for w in warnings if w.seq > next(e.seq for e in session.events if e.kind == "false_alarm")
            ]
            assert all(w.data.reports >= 4 for w in later)  # 2 needed, +2 after a false alarm
            return
    raise AssertionError("no false alarm in 10 seeds")


def test_sharing_a_report_ad_hoc_keeps_its_origin() -> None:
    from wargame.model.scenario_files import scenarios
    from wargame.session.session import Session

    session = Session(scenarios.load("drole-de-guerre-1939"), seed=1, seats=["poland=human"])
    session.advance(3 * 24 * 60)
    report = next(e for e in session.view("poland").events if e.kind == "report")
    session.submit("poland", None, report.data.origin, reason="for our allies", kind="share_report")
    session.advance(3 * 24 * 60)
    shared = [e for e in session.view("france").events if e.kind == "report" and e.data.shared_by == "poland"]
    assert shared and shared[0].data.origin == report.data.origin


def test_an_assessment_never_confirms_the_reports_it_rests_on() -> None:
    picture = Picture()
    picture.receive("forces.west", 40, origin="fr.humint.1", source="fr.humint")
    built_on_it = picture.receive(
        "forces.west",
        40,
        origin="uk.assessment.1",
        source="uk.assessment",
        origins=frozenset({"fr.humint.1"}),
    )
    assert built_on_it.credibility != 1  # circular reporting: it only repeats what was already held
    fresh = picture.receive("forces.west", 40, origin="uk.sigint.4", source="uk.sigint")
    assert fresh.credibility == 1


def test_sharing_an_assessment_is_a_decision_and_carries_its_origins() -> None:
    from wargame.model.scenario_files import scenarios
    from wargame.session.session import Session

    session = Session(scenarios.load("drole-de-guerre-1939"), seed=1, seats=["france=human"])
    session.advance(12 * 24 * 60)
    subject = next(iter(session.view("france").assessments))
    session.submit("france", None, subject, reason="tell London what we think", kind="share_assessment")
    session.advance(3 * 24 * 60)
    received = [e for e in session.view("uk").events if e.kind == "report" and e.data.shared_by == "france"]
    assert received and received[0].data.origins and received[0].data.subject == subject
    assert all(o.startswith("france.") or o.startswith("uk.") for o in received[0].data.origins)
