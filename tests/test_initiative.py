"""Initiatives (issue #16, item 1): what a doctrine does unprompted — share intelligence, consult,
aid, talk — read from the seat's view alone, checked by the engine's rules, and replayed exactly."""

from __future__ import annotations

from collections import Counter

import attrs
import pytest
from conftest import FLAGSHIP
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.engine import liaison
from wargame.engine.events import (
    AssessmentData,
    DecisionData,
    InvasionData,
    PressureData,
    StatementData,
    WarData,
)
from wargame.engine.journal import EVERYONE, Event
from wargame.engine.payload import Payload
from wargame.model.scenario_files import scenarios
from wargame.session.doctrines import initiative
from wargame.session.session import Session
from wargame.session.views import SeatView

BOTS = ("france=bot:liberal", "uk=bot:liberal")


def _event(data: Payload, t: int = 0, seq: int = 10**6) -> Event:
    return Event(t=t, seq=seq, actors=(), see=(EVERYONE,), text="", data=data)


def _seen(view: SeatView, *data: Payload) -> SeatView:
    extra = tuple(_event(d, t=view.now, seq=10**6 + i) for i, d in enumerate(data))
    return attrs.evolve(view, events=(*view.events, *extra))


@pytest.fixture(scope="module")
def at_invasion() -> SeatView:
    """France's view just after the invasion of 1939, its assessments formed, nothing shared."""
    session = Session(scenarios.load(FLAGSHIP), seed=3, seats=["france=human", "uk=human"])
    session.advance(11 * 24 * 60)
    view = session.view("france")
    assert any(isinstance(e.data, InvasionData) for e in view.events)
    assert view.assessments
    return view


def _shared(subject: str, claim: float, seat: str = "france") -> AssessmentData:
    return AssessmentData(
        service="",
        subject=subject,
        claim=claim,
        origin=f"{seat}.assessment.1",
        source=f"{seat}.assessment",
        origins=(),
    )


def test_the_liberal_shares_what_it_has_not_shared_and_what_has_moved(at_invasion: SeatView) -> None:
    subjects = [i.choice for i in initiative.liberal(at_invasion) if i.kind == "share_assessment"]
    assert subjects == sorted(set(at_invasion.assessments) - {"attack_date"})  # the attack has come
    subject, estimate = next(
        (s, e) for s, e in sorted(at_invasion.assessments.items()) if s.startswith("forces")
    )
    same = _seen(at_invasion, _shared(subject, estimate.value))
    assert subject not in [i.choice for i in initiative.liberal(same) if i.kind == "share_assessment"]
    moved = _seen(at_invasion, _shared(subject, estimate.value * 1.5))
    assert subject in [i.choice for i in initiative.liberal(moved) if i.kind == "share_assessment"]


def test_the_realist_shares_nothing_and_the_constructivist_only_once_it_has_spoken(
    at_invasion: SeatView,
) -> None:
    assert not [i for i in initiative.realist(at_invasion) if i.kind == "share_assessment"]
    assert initiative.constructivist(at_invasion) == []
    spoke = _seen(at_invasion, StatementData(actor="france", target="poland"))
    kinds = Counter(i.kind for i in initiative.constructivist(spoke))
    assert kinds["share_assessment"] == len(at_invasion.assessments) - 1 and kinds["send_aid"] == 1


def test_the_date_of_an_attack_that_has_begun_is_not_shared(at_invasion: SeatView) -> None:
    """Trial 17: a seat shared its assessment of the attack date a month after the attack."""
    assert "attack_date" in at_invasion.assessments
    before = attrs.evolve(
        at_invasion, events=tuple(e for e in at_invasion.events if not isinstance(e.data, InvasionData))
    )
    assert "attack_date" in [i.choice for i in initiative.liberal(before) if i.kind == "share_assessment"]
    assert "attack_date" not in [i.choice for i in initiative.liberal(at_invasion)]
    blockade = _seen(before, PressureData(aggressor="germany", target="poland", means="blockade", demand=""))
    assert "attack_date" not in [i.choice for i in initiative.liberal(blockade)]


def test_the_engine_refuses_to_share_the_date_of_an_attack_that_has_begun() -> None:
    session = Session(scenarios.load(FLAGSHIP), seed=3, seats=["france=human", "uk=human"])
    session.advance(11 * 24 * 60)
    assert session.world.pictures["france"].assessment("attack_date") is not None
    reason = liaison._can_share_assessment(session.world, "france", "attack_date")
    assert reason == "the attack has begun: its date is no longer news"


def test_the_liberal_consults_once_at_war(at_invasion: SeatView) -> None:
    assert not [i for i in initiative.liberal(at_invasion) if i.kind == "convene_council"]
    at_war = attrs.evolve(
        _seen(at_invasion, WarData(actor="france", on="germany")),
        own=attrs.evolve(at_invasion.own, at_war_with=("germany",)),
    )
    assert [i.kind for i in initiative.liberal(at_war)].count("convene_council") == 1


def _decisions(seats: tuple[str, ...], seed: int = 3) -> Counter[tuple[str, str]]:
    session = Session(scenarios.load(FLAGSHIP), seed=seed, seats=list(seats))
    session.run_to_end()
    return Counter(
        (e.data.seat, e.data.decision)
        for e in session.events
        if isinstance(e.data, DecisionData) and e.data.prompt is None
    )


def test_in_1939_liberal_guarantors_share_over_their_ad_hoc_liaison_and_realists_do_not() -> None:
    liberal = _decisions(BOTS)
    assert liberal[("france", "share_assessment")] > 0 and liberal[("uk", "share_assessment")] > 0
    assert liberal[("france", "convene_council")] + liberal[("uk", "convene_council")] >= 1
    realist = _decisions(("france=bot:realist", "uk=bot:realist"))
    assert realist[("france", "share_assessment")] == realist[("uk", "share_assessment")] == 0


def test_sharing_brings_the_partners_picture_closer_to_its_own() -> None:
    """Britain's estimate of the West moves toward France's once France shares (ad hoc liaison)."""

    def uk_west(seats: list[str]) -> float:
        session = Session(scenarios.load(FLAGSHIP), seed=3, seats=seats)
        session.advance(16 * 24 * 60)
        return session.view("uk").assessments["forces.west"].value, session.view("france").assessments[
            "forces.west"
        ].value

    shared_uk, france = uk_west(["france=bot:liberal", "uk=bot:passive"])
    alone_uk, _ = uk_west(["france=bot:passive", "uk=bot:passive"])
    assert abs(shared_uk - france) < abs(alone_uk - france)


def test_initiatives_replay_exactly_whatever_the_stepping() -> None:
    whole = Session(scenarios.load(FLAGSHIP), seed=5, seats=list(BOTS))
    whole.run_to_end()
    stepped = Session(scenarios.load(FLAGSHIP), seed=5, seats=list(BOTS))
    sizes = [1, 60, 1440, 7, 300]
    i = 0
    while not stepped.finished:
        stepped.advance(sizes[i % len(sizes)])
        i += 1
    assert any(isinstance(e.data, AssessmentData) for e in whole.events)
    assert stepped.text() == whole.text()


def test_a_realist_with_no_will_for_war_seeks_talks_and_one_with_it_does_not(at_invasion: SeatView) -> None:
    def talks(temper: float) -> list[str]:
        view = attrs.evolve(at_invasion, own=attrs.evolve(at_invasion.own, temper=temper))
        return [i.kind for i in initiative.realist(view)]

    assert talks(-8.0) == ["negotiate"]
    assert talks(8.0) == []
    # not before the invasion, and once only
    before = attrs.evolve(
        at_invasion,
        events=tuple(e for e in at_invasion.events if not isinstance(e.data, InvasionData)),
        own=attrs.evolve(at_invasion.own, temper=-8.0),
    )
    assert initiative.realist(before) == []


@settings(max_examples=15, deadline=None)
@given(army=st.floats(1.0, 500.0), defender=st.floats(0.0, 200.0), temper=st.floats(-4.0, 4.0))
def test_no_initiative_reads_the_truth(army: float, defender: float, temper: float) -> None:
    """What the seat cannot see (the aggressor's army, the true defenders on every front, an
    ally's disposition) never moves its initiatives."""
    session = Session(scenarios.load(FLAGSHIP), seed=3, seats=["france=human", "uk=human"])
    session.advance(14 * 24 * 60)
    before = session.view("france")
    taken = {d: initiative.initiatives(d, before) for d in initiative.INITIATIVES}
    world = session.world
    for front in world.fronts.values():
        front.defender = defender
    world.actors["germany"].divisions, world.actors["uk"].temper = army, temper
    after = session.view("france")
    assert {d: initiative.initiatives(d, after) for d in initiative.INITIATIVES} == taken


def test_the_realists_talks_follow_its_own_bar_for_war(at_invasion: SeatView) -> None:
    """A seat whose scenario sets a low bar for war (1939 France: 0.01) does not open talks on the
    eve of declaring; a high bar makes it seek talks at the same resolve."""
    from wargame.model.doctrine_params import RealistParams

    view = attrs.evolve(at_invasion, own=attrs.evolve(at_invasion.own, temper=0.0))
    assert initiative.initiatives("realist", view, RealistParams(declare=0.0)) == []
    assert [i.kind for i in initiative.initiatives("realist", view, RealistParams(declare=1.0))] == [
        "negotiate"
    ]
