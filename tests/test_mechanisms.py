"""The article's mechanisms, one behaviour each: cooperation reinforces convergence, accountability
and counter-intelligence shape cooperation, enforcement and functionality raise credibility, a
coordinated offensive weighs more, a government's disposition moves its resolve, and the
aggressor's appetite for risk grades deterrence."""

from __future__ import annotations

import math
import statistics

import attrs
import pytest
from conftest import FLAGSHIP, play

from wargame.engine.credibility import cooperation, credibility, prior, resolve
from wargame.engine.events import (
    DetectedData,
    ExhaustedData,
    FrontData,
    FrontTruth,
    OffensiveData,
    ReportData,
)
from wargame.engine.functionality import concentration, functionality, pace
from wargame.engine.journal import Event
from wargame.engine.payload import Payload
from wargame.model.scenario import Scenario
from wargame.model.scenario_files import scenarios
from wargame.session import bots
from wargame.session.session import Session


def _load(*overrides: str) -> Scenario:
    return scenarios.load(FLAGSHIP, list(overrides)).scenario


def _liaison(level: str) -> list[str]:
    return [f'liaison.{i}.level="{level}"' for i in range(3)]


def _event(data: Payload, actors: tuple[str, ...] = (), see: tuple[str, ...] = ("all",)) -> Event:
    return Event(t=0, seq=0, actors=actors, see=see, text="", data=data)


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _shared(by: str, to: str, n: int) -> list[Event]:
    """``n`` reports ``by`` shared with ``to`` through liaison."""
    return [
        _event(
            ReportData(
                service="x",
                channel="liaison",
                subject="forces.west",
                claim=23.0,
                origin=f"{by}.sigint.{i}",
                reliability="B",
                credibility=2,
                grade="B2",
                shared_by=by,
            ),
            actors=(to,),
            see=(to,),
        )
        for i in range(n)
    ]


# -- credibility: the compound hypothesis ---------------------------------------------------------


def test_cooperation_raises_credibility_more_where_interests_converge() -> None:
    def gain(interest: float) -> tuple[float, float]:
        """(log-odds, probability) that fusion adds over ad hoc liaison, for France."""
        ic = [f"actors.france.interest_convergence={interest}"]
        low = credibility(_load(*ic, *_liaison("adhoc")), "france", [])
        high = credibility(_load(*ic, *_liaison("fusion")), "france", [])
        return _logit(high) - _logit(low), high - low

    low_logit, low_p = gain(0.2)
    high_logit, high_p = gain(0.8)
    assert 0 < low_logit < high_logit  # cooperation reinforces convergence, never replaces it
    assert 0 < low_p < high_p


def test_without_liaison_there_is_no_cooperation_and_sharing_makes_the_picture_common() -> None:
    none = _load(*_liaison("none"))
    assert cooperation(none, "france", _shared("uk", "france", 10)) == 0.0
    fusion = _load(*_liaison("fusion"))
    outsider = cooperation(fusion, "france", [])  # the aggressor sees the liaison, not the traffic
    insider = cooperation(fusion, "france", _shared("uk", "france", 10))
    assert 0 < outsider < insider <= 1
    assert credibility(fusion, "france", _shared("uk", "france", 10)) > credibility(fusion, "france", [])


def test_reports_between_others_say_nothing_of_this_guarantors_cooperation() -> None:
    fusion = _load(*_liaison("fusion"))
    assert cooperation(fusion, "france", _shared("uk", "poland", 10)) == cooperation(fusion, "france", [])


def test_an_uncovered_penetration_halves_cooperation() -> None:
    fusion = _load(*_liaison("fusion"))
    seen = _shared("uk", "france", 6)
    caught = [*seen, _event(DetectedData(actor="uk"), actors=("uk",), see=("uk",))]
    assert cooperation(fusion, "france", caught) == pytest.approx(cooperation(fusion, "france", seen) / 2)


def test_accountable_services_make_liaison_worth_more() -> None:
    lax = _load(
        *_liaison("fusion"), "actors.france.oversight=0", "actors.uk.oversight=0", "actors.poland.oversight=0"
    )
    strict = _load(
        *_liaison("fusion"), "actors.france.oversight=1", "actors.uk.oversight=1", "actors.poland.oversight=1"
    )
    assert cooperation(lax, "france", []) == pytest.approx(cooperation(strict, "france", []) / 2)


def test_enforcement_raises_credibility() -> None:
    base = prior(_load(), "france")
    sanctioned = prior(_load("guarantees.franco-polish.sanctions=1"), "france")
    binding = prior(_load("council.rule=majority"), "france")
    assert sanctioned > base and binding > base


# -- functionality ----------------------------------------------------------------------------


def test_functionality_rises_with_treaty_design_and_liaison() -> None:
    history = functionality(_load())
    designed = functionality(
        _load(
            *_liaison("fusion"),
            "guarantees.franco-polish.integrated_command=true",
            "guarantees.franco-polish.joint_exercises=true",
            "council.standing=true",
        )
    )
    assert 0.2 < history < 0.3 < designed <= 1
    assert credibility(_load(), "france", []) < credibility(
        _load("guarantees.franco-polish.integrated_command=true", "council.standing=true"), "france", []
    )


def test_concentration_and_preparation_follow_functionality() -> None:
    assert concentration(1.0) == 1.0 and concentration(0.0) == pytest.approx(1 / math.sqrt(2))
    assert concentration(0.2) < concentration(0.8)
    assert pace(0.9) < pace(0.243) < pace(0.0)
    assert pace(0.243) == pytest.approx(1.0, abs=0.01)  # 1939's calibrated preparation stands


def _west_after_offensive(overrides: list[str]) -> tuple[float, float]:
    """(German divisions left in the West at the end, the day France held the whole depth of the
    front: infinity if never) in a game in which France always launches a general offensive."""
    session = play(seed=3, seats=["france=bot:resolute", "uk=bot:resolute"], overrides=overrides)
    assert any(isinstance(e.data, OffensiveData) and e.data.scale == "general" for e in session.events)
    days = [
        e for e in session.white_cell().events if isinstance(e.data, FrontData) and e.data.front == "west"
    ]
    truth = days[-1].truth
    assert isinstance(truth, FrontTruth)
    through = next(
        (e.t / 1440 for e in days if isinstance(e.data, FrontData) and e.data.ground_km >= 150), math.inf
    )
    return truth.defender_divisions, through


def test_a_coordinated_offensive_weighs_more_than_the_same_divisions_piecemeal() -> None:
    piecemeal = _west_after_offensive(["aggressor.max_transfer_divisions=0", "aggressor.strip_divisions=0"])
    together = _west_after_offensive(
        [
            "aggressor.max_transfer_divisions=0",
            "aggressor.strip_divisions=0",
            "guarantees.franco-polish.integrated_command=true",
            "guarantees.franco-polish.joint_exercises=true",
            "council.standing=true",
            *_liaison("fusion"),
        ]
    )
    assert together[0] < piecemeal[0]  # more Germans destroyed
    assert together[1] < piecemeal[1]  # through sooner


# -- resolve and deterrence ---------------------------------------------------------------------


def test_a_bolder_government_is_more_resolute_and_a_steady_one_is_its_credibility() -> None:
    assert resolve(0.3, 0.0, 1.0, 1.0) > resolve(0.3, 0.0, 1.0, 0.0) == 0.3 > resolve(0.3, 0.0, 1.0, -1.0)
    assert resolve(0.3, 0.0, 0.0, 2.5) == 0.3
    # its own signals tell others its mind; they do not make it
    assert resolve(0.6, math.log(0.6 / 0.4) - math.log(0.3 / 0.7), 1.0, 0.0) == pytest.approx(0.3, abs=1e-4)


def test_dispositions_are_drawn_per_game_from_their_own_stream() -> None:
    tempers = [Session(scenarios.load(FLAGSHIP), seed=s).world.actors["france"].temper for s in range(6)]
    assert len(set(tempers)) == 6 and all(-5 < t < 5 for t in tempers)
    again = Session(scenarios.load(FLAGSHIP), seed=0).world.actors["france"].temper
    assert again == tempers[0]


def test_the_aggressors_appetite_for_risk_decides_at_the_margin() -> None:
    session = Session(scenarios.load(FLAGSHIP, ["aggressor.war_cost=4"]), seed=1, seats=["germany=human"])
    prompt = next(p for p in session.advance_to_decision() if p.kind == "attack")
    view = session.view("germany")

    def choice(temper: float) -> str:
        return bots.realist(attrs.evolve(view, own=attrs.evolve(view.own, temper=temper)), prompt)[0]

    assert choice(3.0) == "proceed"  # a gambler discounts the risk
    assert choice(-3.0) == "postpone"  # a cautious leadership waits
    steady = attrs.evolve(view, profile=attrs.evolve(view.profile, resolve_sd=0.0))
    bold = bots.realist(attrs.evolve(steady, own=attrs.evolve(steady.own, temper=3.0)), prompt)[0]
    timid = bots.realist(attrs.evolve(steady, own=attrs.evolve(steady.own, temper=-3.0)), prompt)[0]
    assert bold == timid  # without a spread, the disposition changes nothing


@pytest.mark.slow
def test_the_share_deterred_rises_smoothly_with_the_cost_of_war() -> None:
    def deterred(cost: float) -> float:
        seats = ["germany=bot:realist"]
        runs = [
            play(seed=s, seats=seats, overrides=[f"aggressor.war_cost={cost}"]).summary() for s in range(24)
        ]
        return statistics.mean(o.deterred for o in runs)

    shares = [deterred(c) for c in (1.0, 4.0, 8.0, 20.0)]
    assert shares[0] < 0.1 and shares[-1] > 0.9
    assert 0.1 < shares[1] < 0.9 and 0.1 < shares[2] < 0.9  # graded, not a step
    assert shares == sorted(shares)


@pytest.mark.slow
def test_fusion_raises_credibility_and_honour_for_realist_guarantors() -> None:
    def cell(level: str) -> tuple[float, float]:
        seats = ["france=bot:realist", "uk=bot:realist"]
        ic = ["actors.france.interest_convergence=0.6", "actors.uk.interest_convergence=0.6"]
        runs = [play(seed=s, seats=seats, overrides=[*ic, *_liaison(level)]).summary() for s in range(24)]
        honour = statistics.mean(o.guarantee_honoured == "substantive" for o in runs)
        return statistics.median(o.credibility_at_invasion for o in runs), honour

    adhoc, fusion = cell("adhoc"), cell("fusion")
    assert fusion[0] > adhoc[0] and fusion[1] > adhoc[1] + 0.2


def test_a_fusion_centre_makes_the_guarantors_assessments_converge() -> None:
    def spread(level: str) -> float:
        seats = ["france=bot:realist", "uk=bot:realist"]
        runs = [
            play(seed=s, seats=seats, overrides=_liaison(level), record=True).summary() for s in (1, 2, 3)
        ]
        values = [o.assessment_divergence_at_invasion for o in runs]
        assert all(v is not None for v in values)
        return statistics.mean(v for v in values if v is not None)

    assert spread("fusion") < spread("adhoc") / 2  # a shared threat picture


def test_functionality_speeds_the_consultation_on_the_casus_foederis() -> None:
    def declared(overrides: list[str]) -> float:
        seats = ["france=bot:liberal", "uk=bot:liberal"]
        steady = ["actors.france.resolve_sd=0", "actors.uk.resolve_sd=0"]
        days = play(seed=1, seats=seats, overrides=[*steady, *overrides]).summary().guarantors
        value = days["france"].war_declared_after_days
        assert value is not None
        return value

    alone = declared([])
    together = declared(
        [*_liaison("fusion"), "council.standing=true", "guarantees.franco-polish.integrated_command=true"]
    )
    assert alone == pytest.approx(0.6, abs=0.01)  # (1 - clarity 0.4) of a day at 1939's pace
    assert together < alone - 0.1


def test_piecemeal_divisions_strike_as_fewer_but_die_as_many() -> None:
    from wargame.model.lanchester import lanchester_day

    assert lanchester_day(10, 100, 0.5, 1.0, weight=0.5) == (0.0, 97.5)
    assert lanchester_day(10, 100, 0.05, 1.0, weight=0.5)[0] == lanchester_day(10, 100, 0.05, 1.0)[0]


def test_a_guarantors_offensive_can_still_spend_itself() -> None:
    session = play(
        seed=1, name="eastmark-2031", record=True
    )  # Valmont's counter-attack wears out (weight < 1)
    assert any(isinstance(e.data, ExhaustedData) for e in session.events)


def test_espionage_shows_the_aggressor_the_allies_traffic() -> None:
    from wargame.engine.events import LeakData

    fusion = _load(*_liaison("fusion"))
    leaks = [
        _event(LeakData(actor="france", source="uk", subject="forces.west", claim=23.0), see=("germany",))
        for _ in range(8)
    ]
    assert cooperation(fusion, "france", leaks) > cooperation(fusion, "france", [])
    decisions = [_event(LeakData(actor="france", decision="mobilise", choice="order"), see=("germany",))]
    assert cooperation(fusion, "france", decisions) == cooperation(fusion, "france", [])
