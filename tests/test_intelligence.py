"""Intelligence: grading, corroboration by independent origins, deception, assessment."""

from __future__ import annotations

import statistics

from conftest import play

from wargame.engine.picture import Picture
from wargame.model.grading import Estimate, assess, credibility, kent, reliability

SEEDS = range(8)


def _west_error(seat: str, overrides: list[str]) -> float:
    """Median over seeds of the assessed German divisions in the West over the truth, at the invasion."""
    ratios = [
        play(seed=s, overrides=overrides).summary()["estimate_error_at_invasion"][seat]["forces.west"]
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
    assert m["deceptive_reports_received"]["france"] > 0
    assert 0 < m["deceptive_reports_believed"]["france"] <= m["deceptive_reports_received"]["france"]
    assert "poland" not in m["deceptive_reports_received"]  # not a target of this line
    clean = play(seed=2, overrides=["deception.westwall.share=0"]).summary()
    assert clean["deceptive_reports_received"] == {}


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
    current = Estimate(value=100, low=90, high=110, reports=3)
    assert credibility(100, True, current) == 1
    assert credibility(105, False, current) == 2
    assert credibility(200, False, current) == 4
    assert credibility(400, False, current) == 5
    assert credibility(100, False, None) == 6


def test_assessment_weighs_reliable_sources_more() -> None:
    estimate = assess([(20, "A", 1), (20, "A", 1), (60, "E", 5)])
    assert (
        estimate is not None and 20 <= estimate.value < 25 and estimate.low <= estimate.value <= estimate.high
    )
    assert assess([]) is None


def test_kent_words() -> None:
    assert kent(0.5) == "chances about even"
    assert kent(0.75) == "probable"
    assert kent(0.93) == "almost certain"
    assert kent(0.3) == "chances a little better (or less) than even"
    assert kent(0.07) == "probably not"
    assert kent(0.01) == "almost certainly not"


def test_seats_see_grades_but_never_the_truth_or_the_deception_flag() -> None:
    session = play(seed=3)
    for seat in ("france", "uk"):
        reports = [e for e in session.view(seat).events if e.kind == "report"]
        assert reports and all(e.truth is None for e in reports)
        assert all(e.data["grade"][0] in "ABCDEF" and 1 <= e.data["credibility"] <= 6 for e in reports)
        assert all("deceptive" not in e.data for e in reports)
        assert all(e.data["origin"].startswith(f"{seat}.") for e in reports)  # only its own origins
        assert "forces.west" in session.view(seat).assessments
    white = session.white_cell()
    assert white.assessments["france"]["forces.west"].value > 0 and white.truths["forces.west"] > 0
