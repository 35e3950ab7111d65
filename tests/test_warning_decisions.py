"""Warnings that drive decisions (issue #16, item 5): a seat's mobilisation answer is a function of
its own threat belief (its warnings, false alarms, its latest reports on the attack date, its
assessment of the enemy and of the defenders, the invasion), its doctrine and the scenario's
parameters; an inflated estimate of the enemy shrinks every doctrine's offensive; and the
measures (``warning_lead_days`` for every seat, ``surprised``) read the journal."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import attrs
import pytest
from conftest import FLAGSHIP, play
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.engine.events import FalseAlarmData, InjectData, InvasionData, WarningData
from wargame.engine.journal import EVERYONE, Event
from wargame.engine.payload import Payload
from wargame.model.clock import DAY
from wargame.model.scenario_files import scenarios
from wargame.session import bots
from wargame.session.doctrines import beliefs
from wargame.session.session import Session
from wargame.session.views import PromptView, SeatView

DOCTRINES = {"realist": bots.realist, "liberal": bots.liberal, "constructivist": bots.constructivist}
RANK = ("none", "probe", "limited", "general")


# France and Britain asked to mobilise on news (the scenario asks them at the invasion while the
# record script plays them)
NEWS = ["mobilisation.1.prompt_on_news=true", "mobilisation.2.prompt_on_news=true"]


def _first(kind: str, seat: str, seed: int = 3) -> tuple[Session, SeatView, PromptView]:
    """1939 (:data:`NEWS`) with ``seat`` played by hand (answering ``defer`` to mobilisation,
    else as a realist) up to its first ``kind`` prompt."""
    session = Session(scenarios.load(FLAGSHIP, NEWS), seed=seed, seats=[f"{seat}=human"])
    while not session.finished:
        for p in session.advance_to_decision():
            if p.seat == seat and p.kind == kind:
                return session, session.view(seat), p
            choice = "defer" if p.kind == "mobilise" else bots.realist(session.view(p.seat), p)[0]
            session.submit(p.seat, p.id, choice)
    raise AssertionError(f"no {kind} prompt for {seat}")


@pytest.fixture(scope="module")
def mobilise() -> tuple[Session, SeatView, PromptView]:
    return _first("mobilise", "france")


def _seen(view: SeatView, events: Iterable[Payload]) -> SeatView:
    extra = tuple(
        Event(t=view.now, seq=10**6 + i, actors=(), see=(EVERYONE,), text="", data=d)
        for i, d in enumerate(events)
    )
    return attrs.evolve(view, events=(*view.events, *extra))


def test_the_first_mobilisation_prompt_comes_on_news_before_the_invasion(
    mobilise: tuple[Session, SeatView, PromptView],
) -> None:
    session, view, prompt = mobilise
    assert session.world.invasion.triggered is False  # asked on news, not at the invasion
    assert prompt.context["front"] == "poland"
    assert not beliefs.invaded(view)


def test_a_warned_seat_mobilises_where_an_unwarned_one_waits(
    mobilise: tuple[Session, SeatView, PromptView],
) -> None:
    """Same truth, different picture: a standing warning ("almost certain") turns every doctrine's
    deferral into an order."""
    _, view, prompt = mobilise
    warned = _seen(
        view, [WarningData(actor="france", expected=view.now + DAY, reports=3, words="almost certain")]
    )
    assert beliefs.threat(warned, "poland") > beliefs.threat(view, "poland")
    for name, doctrine in DOCTRINES.items():
        assert doctrine(view, prompt)[0] == "defer", name
        assert doctrine(warned, prompt)[0] == "order", name


def test_a_false_alarm_raises_the_bar_for_the_next_warning(
    mobilise: tuple[Session, SeatView, PromptView],
) -> None:
    """After a false alarm, the same warning weighs half as much (the cry-wolf effect on the
    decision, besides the engine's two more reports for the analysts)."""
    _, view, prompt = mobilise
    warning = WarningData(actor="france", expected=view.now + DAY, reports=3, words="probable")
    once = _seen(view, [warning])
    wolf = _seen(view, [FalseAlarmData(actor="france", expected=view.now - 2 * DAY), warning])
    assert beliefs.warnings(wolf) == (pytest.approx(beliefs.warnings(once)[0] * beliefs.CRY_WOLF), 1)
    assert beliefs.threat(wolf, "poland") < beliefs.threat(once, "poland")
    assert "1 false alarm" in bots.realist(wolf, prompt)[1]


def test_the_invasion_makes_the_threat_certain(mobilise: tuple[Session, SeatView, PromptView]) -> None:
    _, view, prompt = mobilise
    invaded = _seen(view, [InvasionData(aggressor="germany", target="poland")])
    assert beliefs.threat(invaded, "poland") == 1.0
    assert all(d(invaded, prompt)[0] == "order" for d in DOCTRINES.values())
    assert bots.cautious(invaded, prompt)[0] == "order" and bots.cautious(view, prompt)[0] == "defer"


# Norway's legation reporting three times a day, and no deception: warnings can come.
BUSY = ("services.2.channels.0.rate_per_day=3", "deception.atlantic.share=0")


def test_a_warned_protected_state_mobilises_earlier_in_whole_games() -> None:
    """Norway played by a realist, with its analysts' bar at one report or at fifty (same seeds,
    same reports): warned, it orders mobilisation earlier on average, and its lead is measured."""

    def games(reports: int) -> list[float]:
        out = []
        for seed in range(8):
            summary = play(
                seed,
                name="norway-1940",
                seats=["norway=bot:realist"],
                overrides=[f"actors.norway.warning_reports={reports}", *BUSY],
            ).summary()
            out.append(summary.mobilisation_after_days.get("norway", 99.0))
            leads.append(summary.warning_lead_days["norway"])
        return out

    leads: list[float | None] = []
    warned = games(1)
    assert sum(lead is not None for lead in leads) >= 4
    leads.clear()
    blind = games(50)
    assert leads == [None] * 8
    assert sum(warned) < sum(blind)


def test_warning_lead_days_covers_every_seat_but_the_aggressor() -> None:
    # the first seed in which some seat is warned (warnings come in about a third of 1939 games)
    session = next(s for s in map(play, range(1, 30)) if any(e.kind == "warning" for e in s.events))
    summary = session.summary()
    assert set(summary.warning_lead_days) == {"poland", "france", "uk", "ussr"}
    invasion = next(e for e in session.events if e.kind == "invasion")
    for seat, lead in summary.warning_lead_days.items():
        first = next((e for e in session.events if e.kind == "warning" and e.data.actor == seat), None)
        assert lead == (None if first is None else round((invasion.t - first.t) / DAY, 3))
    assert any(lead is not None for lead in summary.warning_lead_days.values())


def test_surprise_is_no_order_a_day_ahead_on_the_victims_side() -> None:
    summary = play(
        1, name="norway-1940", seats=[f"{a}=bot:cautious" for a in ("norway", "uk", "france")]
    ).summary()
    assert summary.surprised is False  # the cautious UK and France are at war: they order at once
    passive = [f"{a}=bot:passive" for a in ("norway", "uk", "france")]
    summary = play(
        1, name="norway-1940", seats=passive, overrides=['mobilisation.2.default="defer"']
    ).summary()
    assert summary.surprised is True


@pytest.fixture(scope="module")
def offensive() -> tuple[SeatView, PromptView]:
    _, view, prompt = _first("offensive", "france")
    return view, prompt


@pytest.mark.parametrize("doctrine", sorted(DOCTRINES))
def test_a_deceived_seat_launches_a_smaller_offensive(
    offensive: tuple[SeatView, PromptView], doctrine: str
) -> None:
    """An inflated estimate of the enemy on the front (deception) shrinks the offensive every
    doctrine chooses, over the range of dispositions; an honest one enlarges it."""
    view, prompt = offensive
    subject = f"forces.{prompt.context['front']}"
    estimate = view.assessments[subject]

    def ranks(factor: float) -> int:
        seen = {**view.assessments, subject: attrs.evolve(estimate, value=estimate.value * factor)}
        total = 0
        for temper in [x / 4 for x in range(-12, 13)]:
            v = attrs.evolve(view, own=attrs.evolve(view.own, temper=temper), assessments=seen)
            total += RANK.index(DOCTRINES[doctrine](v, prompt)[0])
        return total

    assert ranks(3.0) < ranks(1 / 3)


@settings(max_examples=25, deadline=None)
@given(
    attacker=st.floats(0.0, 200.0),
    army=st.floats(1.0, 500.0),
    attack_days=st.floats(-5.0, 20.0),
)
def test_the_mobilise_answer_never_reads_the_truth(
    mobilise: tuple[Session, SeatView, PromptView], attacker: float, army: float, attack_days: float
) -> None:
    """The no-truth property for mobilisation: the true forces, the aggressor's army and the true
    attack date change; the seat's picture does not, and neither do its answers."""
    session, before, prompt = mobilise
    world = session.world
    saved = [(f, f.attacker) for f in world.fronts.values()]
    kept = world.actors["germany"].divisions, world.attack_at
    answers = {d: f(before, prompt) for d, f in {**DOCTRINES, "cautious": bots.cautious}.items()}
    try:
        for front, _ in saved:
            front.attacker = attacker
        world.actors["germany"].divisions = army
        world.attack_at = int(world.env.now + attack_days * DAY)
        after = session.view("france")
        assert {d: f(after, prompt) for d, f in {**DOCTRINES, "cautious": bots.cautious}.items()} == answers
    finally:
        for front, a in saved:
            front.attacker = a
        world.actors["germany"].divisions, world.attack_at = kept


def test_an_allies_request_to_wait_holds_the_liberal_back_not_the_realist(
    mobilise: tuple[Session, SeatView, PromptView],
) -> None:
    """Institutions: an inject that restrains ``mobilise`` (the allies' request) raises the
    liberal's bar (and, less, the constructivist's) while it is fresh; the realist ignores it."""
    _, view, prompt = mobilise
    warned = _seen(view, [WarningData(actor="france", expected=view.now + DAY, reports=3, words="probable")])
    request = InjectData(inject="allied-pressure", to=("france",), restrains=("mobilise",))
    asked = _seen(warned, [request])
    assert beliefs.requested(asked, "mobilise") == pytest.approx(1.0)
    assert bots.liberal(warned, prompt)[0] == "order" and bots.liberal(asked, prompt)[0] == "defer"
    assert bots.realist(asked, prompt)[0] == "order"
    later = attrs.evolve(asked, now=asked.now + 3 * DAY)
    assert beliefs.requested(later, "mobilise") < 0.1  # the request fades


@pytest.mark.slow  # a long one: CI runs the slow set too
def test_in_1939_the_allies_request_delays_a_liberal_poland() -> None:
    """Whole games: Poland played as a liberal mobilises later with the ambassadors' request of
    29 August than without it (same seeds)."""

    def days(*overrides: str) -> float:
        seats = ["poland=bot:liberal", "france=bot:liberal", "uk=bot:liberal"]
        runs = [play(s, seats=seats, overrides=[*NEWS, *overrides]).summary() for s in range(20)]
        return sum(m.mobilisation_after_days["poland"] for m in runs)

    assert days() > days("injects.4.restrains=[]")


def test_prompt_at_is_not_before_for_a_question_put_on_news() -> None:
    """``prompt_at`` with ``prompt_on_news``: no question before it, then at the first news (news
    since the start counts: asked at that instant); after a deferral, again only on news and never
    sooner than ``defer_days``."""
    session = play(2, name="norway-1940", overrides=["mobilisation.0.prompt_at=1940-04-06T00:00:00"])
    asked = [
        e.t
        for e in session.events
        if e.kind == "prompt" and e.data.decision == "mobilise" and "norway" in e.actors
    ]
    start = 5 * DAY  # 6 April, 00:00: five days after the start
    assert asked and asked[0] == start
    gaps = [b - a for a, b in itertools.pairwise(asked)]
    assert all(g >= 0.5 * DAY for g in gaps)  # Norway's defer_days
