"""The crisis behaves as its parameters and its players' choices say it should."""

from __future__ import annotations

import statistics

from conftest import play

ALLIES_RESOLUTE = ["france=bot:resolute", "uk=bot:resolute"]
ALLIES_CAUTIOUS = ["france=bot:cautious", "uk=bot:cautious"]


def test_historical_run_resembles_1939() -> None:
    m = play(seed=1).summary()
    assert m.postponements == 1 and not m.deterred
    assert 10.0 <= m.invasion_day <= 10.3  # 1 Sep 04:45 after a 22 Aug start
    for g in ("france", "uk"):
        assert 1.5 <= m.guarantors[g].war_declared_after_days <= 3
    france = m.guarantors["france"]
    assert 5 <= france.offensive_after_days <= 8 and 8 <= france.max_offensive_divisions <= 15
    assert 9 <= m.offensive_halted_after_days <= 13
    assert m.council_sittings >= 1 and m.protected_informed is False
    assert 15 <= m.intervention_after_days["ussr"] <= 17
    assert 22 <= m.capital_fell_after_days <= 32
    assert m.guarantee_honoured == "formal" and m.deterrence == "delayed"
    # the response is in place when France (85 of the 89 planned divisions) declares war; the Saar
    # offensive delivers a probe of 11 of the 40 divisions promised
    assert m.functionality_days == france.war_declared_after_days and m.forces_delivered_share == 0.275


def test_resolute_allies_keep_their_promises() -> None:
    resolute = play(seed=1, seats=ALLIES_RESOLUTE).summary()
    historical = play(seed=1).summary()
    assert resolute.promises_kept > historical.promises_kept
    assert resolute.guarantors["france"].war_declared_after_days < 1
    assert resolute.guarantors["france"].max_offensive_divisions >= 40
    assert resolute.guarantee_honoured == "substantive" and resolute.functionality_days is not None


def test_cautious_allies_abandon_the_guarantee() -> None:
    m = play(seed=1, seats=ALLIES_CAUTIOUS).summary()
    assert all(g.war_declared_after_days is None for g in m.guarantors.values())
    assert m.guarantors["france"].offensive_after_days is None
    assert m.promises_kept == 0 and m.promises_due > 0
    assert m.council_sittings == 0  # nobody at war, so nobody calls it
    assert m.guarantee_honoured == "abandoned" and not m.guarantee_held


def test_aggressor_that_does_not_postpone_attacks_on_the_first_date() -> None:
    m = play(seed=1, seats=["germany=bot:resolute"]).summary()
    assert m.postponements == 0
    assert 4.1 < m.invasion_day < 4.3  # 26 Aug 04:30


def test_absent_human_gets_defaults() -> None:
    session = play(seed=1, seats=["france=human"])
    decisions = [e for e in session.events if e.kind == "decision" and e.data.seat == "france"]
    assert decisions and all(e.data.by == "default" for e in decisions)
    assert all(e.data.reason == "deadline passed without a decision" for e in decisions)
    # the default for mobilisation is to order it; for war, to wait
    m = session.summary()
    assert "france" in m.mobilisation_after_days
    assert m.guarantors["france"].war_declared_after_days is None


def test_consensus_council_needs_every_member() -> None:
    """With a UK that opposes halting, the consensus council cannot halt France's offensive."""
    m = play(seed=1, seats=["uk=bot:resolute"]).summary()
    assert m.guarantors["france"].max_offensive_divisions > 0
    assert m.offensive_halted_after_days is None
    historical = play(seed=1).summary()
    assert historical.offensive_halted_after_days is not None


def test_fortification_slows_the_attacker() -> None:
    def ground(fort: float) -> float:
        overrides = [f"fronts.west.fortification={fort}", "scenario.horizon_days=22"]  # before full depth
        session = play(seed=1, seats=ALLIES_RESOLUTE, overrides=overrides)
        return next(f.ground_km for f in session.white_cell().fronts if f.id == "west")

    assert ground(1.0) > ground(3.0) > ground(8.0)


def test_delayed_polish_mobilisation_costs_the_capital_sooner() -> None:
    def fall_day(poland: str) -> float:
        days = [
            play(seed=s, seats=[f"poland={poland}"]).summary().capital_fell_after_days for s in range(1, 5)
        ]
        return statistics.mean(days)

    assert fall_day("bot:cautious") < fall_day("bot:resolute")


def test_more_accurate_channels_report_closer_to_the_truth() -> None:
    def mean_relative_error(accuracy: float) -> float:
        session = play(seed=2, overrides=[f"services.poland.channels.0.accuracy={accuracy}"])
        errors = [
            abs(e.truth.error) / max(e.truth.value, 1)
            for e in session.white_cell().events
            if e.kind == "report" and e.data.channel == "sigint" and e.data.subject != "attack_date"
        ]
        assert len(errors) > 10
        return statistics.mean(errors)

    assert mean_relative_error(1.0) < 0.01  # only the rounding of claims to whole divisions
    assert mean_relative_error(0.9) < mean_relative_error(0.2)


def test_mobilisation_without_spread_keeps_to_the_plan() -> None:
    overrides = [f"mobilisation.france.phases.{i}.spread_days=0" for i in range(4)]
    session = play(seed=1, overrides=overrides)
    days = [
        (e.data.planned_day, e.data.day)
        for e in session.events
        if e.kind == "mobilisation" and e.data.actor == "france" and e.data.planned_day is not None
    ]
    assert days and all(abs(p - d) < 1e-6 for p, d in days)
