"""Norway 1940: Allies already at war, the Admiralty's misreading, a council that halts one
member's offensive and not the other's."""

from __future__ import annotations

import pytest
from conftest import play

from wargame.model.scenario_files import scenarios

NAME = "norway-1940"


@pytest.fixture(scope="module")
def game():  # type: ignore[no-untyped-def]
    return play(1, name=NAME, record=True)


def test_guarantors_already_at_war_are_never_asked_to_declare_it(game) -> None:  # type: ignore[no-untyped-def]
    assert not any(e.kind == "prompt" and e.data.decision == "declare_war" for e in game.events)
    assert not any(e.kind == "war" for e in game.events)
    assert game.world.actors["uk"].at_war_with == ["germany"]


def test_the_ships_at_sea_are_misread_and_seldom_give_warning() -> None:
    summaries = [play(seed, name=NAME, record=True).summary() for seed in range(1, 7)]
    ratios = [s.estimate_error_at_invasion["uk"]["forces.norway"] for s in summaries]
    assert sum(1 for r in ratios if r is not None and r < 0.5) >= 4  # a fleet, not an invasion force
    assert sum(1 for s in summaries if s.warning_lead_days["uk"] is not None) <= 1
    assert all(s.deceptive_reports_received["uk"] > 0 for s in summaries)


def test_the_council_halts_central_norway_but_not_narvik(game) -> None:  # type: ignore[no-untyped-def]
    halts = [e for e in game.events if e.kind == "halt"]
    assert [e.data.actor for e in halts] == ["uk"]
    narvik = [e for e in game.events if e.kind == "offensive" and e.data.actor == "france"]
    assert narvik and narvik[-1].data.scale == "general"


def test_norway_falls_within_the_campaign_s_span(game) -> None:  # type: ignore[no-untyped-def]
    summary = game.summary()
    assert summary.capital_fell_after_days == 1.0  # Oslo on the first day
    assert 45 <= summary.protege_survival_days <= 66  # history: 62 days


def test_at_war_with_must_name_an_actor() -> None:
    with pytest.raises(scenarios.ScenarioError) as err:
        scenarios.load(NAME, ["actors.uk.at_war_with=['prussia']"])
    assert "unknown actor 'prussia'" in str(err.value)
