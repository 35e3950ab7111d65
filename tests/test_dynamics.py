"""The crisis behaves as its parameters and its players' choices say it should."""

from __future__ import annotations

import statistics

from conftest import play

ALLIES_RESOLUTE = ["france=bot:resolute", "uk=bot:resolute"]
ALLIES_CAUTIOUS = ["france=bot:cautious", "uk=bot:cautious"]


def test_historical_run_resembles_1939() -> None:
    m = play(seed=1).summary()
    assert m["postponements"] == 1
    assert 10.0 <= m["invasion_day"] <= 10.3  # 1 Sep 04:45 after a 22 Aug start
    assert set(m["war_day"]) == {"france", "uk"}
    assert all(1.5 <= d <= 3 for d in m["war_day"].values())
    assert [o["scale"] for o in m["offensives"]] == ["probe"]
    assert m["offensive_halted_day"] is not None
    assert m["council_sittings"] >= 1 and m["protected_informed"] is False
    assert m["intervention_day"]["ussr"] == 15.969  # 17 Sep 04:00 is J+15d 23h15m
    assert m["capital_fallen_day"] is not None


def test_resolute_allies_keep_their_promises() -> None:
    resolute = play(seed=1, seats=ALLIES_RESOLUTE).summary()
    historical = play(seed=1).summary()
    assert resolute["promises_kept"] == resolute["promises_due"] > historical["promises_kept"]
    assert resolute["war_day"]["france"] == 0
    assert resolute["offensives"][0]["scale"] == "general"


def test_cautious_allies_abandon_the_guarantee() -> None:
    m = play(seed=1, seats=ALLIES_CAUTIOUS).summary()
    assert m["war_day"] == {}
    assert m["offensives"] == []
    assert m["promises_kept"] == 0 and m["promises_due"] > 0
    assert m["council_sittings"] == 0  # nobody at war, so nobody calls it


def test_aggressor_that_does_not_postpone_attacks_on_the_first_date() -> None:
    m = play(seed=1, seats=["germany=bot:resolute"]).summary()
    assert m["postponements"] == 0
    assert 4.1 < m["invasion_day"] < 4.3  # 26 Aug 04:30


def test_absent_human_gets_defaults() -> None:
    session = play(seed=1, seats=["france=human"])
    decisions = [e for e in session.events if e.kind == "decision" and e.data["seat"] == "france"]
    assert decisions and all(e.data["by"] == "default" for e in decisions)
    assert all(e.data["reason"] == "deadline passed without a decision" for e in decisions)
    # the default for mobilisation is to order it; for war, to wait
    assert "france" in session.summary()["mobilisation_day"]
    assert "france" not in session.summary()["war_day"]


def test_consensus_council_needs_every_member() -> None:
    """With a UK that opposes halting, the consensus council cannot halt France's offensive."""
    m = play(seed=1, seats=["uk=bot:resolute"]).summary()
    assert [o["scale"] for o in m["offensives"]] == ["probe"]
    assert m["offensive_halted_day"] is None or m["offensive_halted_day"] > 12
    majority = play(seed=1, seats=["uk=bot:resolute"], overrides=['council.rule="majority"']).summary()
    # one of two is not a majority either: still not halted by the council
    assert majority["offensive_halted_day"] == m["offensive_halted_day"]


def test_fortification_slows_the_attacker() -> None:
    def ground(fort: float) -> float:
        overrides = [f"fronts.west.fortification={fort}", "scenario.horizon_days=22"]  # before full depth
        session = play(seed=1, seats=ALLIES_RESOLUTE, overrides=overrides)
        return next(f.ground_km for f in session.white_cell().fronts if f.id == "west")

    assert ground(1.0) > ground(3.0) > ground(8.0)


def test_delayed_polish_mobilisation_costs_the_capital_sooner() -> None:
    def fall_day(poland: str) -> float:
        days = [play(seed=s, seats=[f"poland={poland}"]).summary()["capital_fallen_day"] for s in range(1, 5)]
        return statistics.mean(days)

    assert fall_day("bot:cautious") < fall_day("bot:resolute")


def test_more_accurate_channels_report_closer_to_the_truth() -> None:
    def mean_relative_error(accuracy: float) -> float:
        session = play(seed=2, overrides=[f"services.poland.channels.0.accuracy={accuracy}"])
        errors = [
            abs(e.truth["error"]) / max(e.truth["value"], 1)
            for e in session.white_cell().events
            if e.kind == "report" and e.data["channel"] == "sigint" and e.data["subject"] != "attack_date"
        ]
        assert len(errors) > 10
        return statistics.mean(errors)

    assert mean_relative_error(1.0) < 0.01  # only the rounding of claims to whole divisions
    assert mean_relative_error(0.9) < mean_relative_error(0.2)


def test_mobilisation_without_spread_keeps_to_the_plan() -> None:
    overrides = [f"mobilisation.france.phases.{i}.spread_days=0" for i in range(4)]
    session = play(seed=1, overrides=overrides)
    days = [
        (e.data["planned_day"], e.data["day"])
        for e in session.events
        if e.kind == "mobilisation" and e.data["actor"] == "france" and "planned_day" in e.data
    ]
    assert days and all(abs(p - d) < 1e-6 for p, d in days)
