"""The aggressor's allocation between fronts (the Jodl effect, from beliefs) and a live defended
front (breakthrough), issue #16 items 1 and 4: the split is the aggressor seat's decision from
what it believes of the guarantors, never from the truth; a stripped front attacked in force
breaks, a held one does not, and the chance of a breakthrough rises with the attack."""

from __future__ import annotations

import attrs
import numpy as np
import pytest
from conftest import FLAGSHIP, play
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.analysis.batch import run_batch
from wargame.engine.events import BreakthroughData, OffensiveData, TransferData
from wargame.engine.journal import EVERYONE, Event
from wargame.model.lint import suspicious
from wargame.model.prompts import PROMPT_RULES
from wargame.model.scenario_files import scenarios
from wargame.session import bots
from wargame.session.session import Session
from wargame.session.views import PromptView, SeatView

CHOICES = PROMPT_RULES["allocate"].options  # strip < hold < reinforce < recall
TEMPERS = np.linspace(-2.0, 2.0, 21)
AGGRESSORS = {"realist": bots.realist, "liberal": bots.liberal, "constructivist": bots.constructivist}
#: The tutorial with a live flank: Corvia attacks Ardenia's flank (3 divisions) with a share of its
#: army; Ardenia may strip 2 of them for the invasion of Belmark.
LIVE = ["fronts.counter.breakthrough_cohesion=0.6", "aggressor.strip_divisions=2"]


def _shares(general: float) -> list[str]:
    return [
        "fronts.counter.probe_share=0.05",
        "fronts.counter.limited_share=0.1",
        f"fronts.counter.general_share={general}",
    ]


def _at_allocate() -> tuple[Session, SeatView, PromptView]:
    """1939 with Germany played by hand up to its first allocate prompt (at the invasion)."""
    session = Session(scenarios.load(FLAGSHIP), seed=3, seats=["germany=human"])
    while not session.finished:
        for p in session.advance_to_decision():
            if p.kind == "allocate":
                return session, session.view("germany"), p
            session.submit(p.seat, p.id, p.default)
    raise AssertionError("no allocate prompt")


@pytest.fixture(scope="module")
def at_allocate() -> tuple[Session, SeatView, PromptView]:
    return _at_allocate()


def _rank(answer: tuple[str, str]) -> int:
    return CHOICES.index(answer[0])


def _believing(view: SeatView, credibility: float, divisions: float) -> SeatView:
    """``view`` in which the aggressor believes each guarantor acts with ``credibility`` and puts
    each guarantor's army at ``divisions`` (its analysts' reports and the planned strength)."""
    cred = {g: credibility for g in view.credibility}
    assessments = dict(view.assessments)
    for g in view.credibility:
        subject = f"mobilisation.{g}"
        if subject in assessments:
            assessments[subject] = attrs.evolve(assessments[subject], value=divisions)
    alliance = {g: divisions for g in view.alliance}  # no report yet: the planned strength
    return attrs.evolve(view, credibility=cred, assessments=assessments, alliance=alliance)


def test_the_allocate_prompt_offers_graded_options_and_holds_by_default(
    at_allocate: tuple[Session, SeatView, PromptView],
) -> None:
    _, _, prompt = at_allocate
    assert prompt.options == ("strip", "hold", "reinforce", "recall") and prompt.default == "hold"
    assert set(prompt.context["defended"]) == {"west"}
    assert bots.passive(at_allocate[1], prompt)[0] == "hold"
    assert bots.DOCTRINES["resolute"](at_allocate[1], prompt)[0] == "strip"  # bold: finish the victim
    assert bots.DOCTRINES["cautious"](at_allocate[1], prompt)[0] == "reinforce"


def test_an_aggressor_that_believes_the_guarantors_resolute_and_strong_keeps_more_in_the_west(
    at_allocate: tuple[Session, SeatView, PromptView],
) -> None:
    """Same truth, different pictures: resolute strong guarantors (credibility 0.95, 110
    divisions) against irresolute weak ones (0.05, 20): every doctrine keeps more in the West
    against the first, over the whole range of dispositions."""
    _, view, prompt = at_allocate
    for doctrine in AGGRESSORS.values():
        strong = [_rank(doctrine(_believing(_tempered(view, t), 0.95, 110.0), prompt)) for t in TEMPERS]
        weak = [_rank(doctrine(_believing(_tempered(view, t), 0.05, 20.0), prompt)) for t in TEMPERS]
        assert all(s >= w for s, w in zip(strong, weak, strict=True)) and sum(strong) > sum(weak)
        assert set(weak) == {CHOICES.index("strip")}


def _tempered(view: SeatView, temper: float) -> SeatView:
    return attrs.evolve(view, own=attrs.evolve(view.own, temper=temper))


def test_a_seen_breakthrough_or_a_great_offensive_recalls_the_army(
    at_allocate: tuple[Session, SeatView, PromptView],
) -> None:
    _, view, prompt = at_allocate
    steady = _tempered(_believing(view, 0.05, 20.0), 0.0)
    assert bots.realist(steady, prompt)[0] == "strip"
    attack = Event(
        t=0, seq=10**6, actors=(), see=(EVERYONE,), text="",
        data=OffensiveData(actor="france", front="west", scale="general", divisions=150),
    )  # fmt: skip
    assert bots.realist(attrs.evolve(steady, events=(*steady.events, attack)), prompt)[0] == "recall"
    broken = {**prompt.context, "defended": {"west": {**prompt.context["defended"]["west"], "broken": True}}}
    assert bots.realist(steady, attrs.evolve(prompt, context=broken))[0] == "recall"


def test_the_jodl_effect_emerges_from_the_guarantors_conduct() -> None:
    """Whole 1939 games, Germany a realist: against resolute guarantors it keeps more divisions in
    the West (net moved there) than against cautious ones, which it strips the West for."""

    def moved(doctrine: str) -> list[float]:
        seats = ["germany=bot:realist", f"france=bot:{doctrine}", f"uk=bot:{doctrine}"]
        rows = run_batch(FLAGSHIP, 8, root=2, seats=seats)
        return [r.outcome.aggressor_divisions_redeployed for r in rows if r.outcome]

    resolute, cautious = moved("resolute"), moved("cautious")
    assert sum(resolute) / len(resolute) > sum(cautious) / len(cautious)
    assert sum(m < 0 for m in cautious) >= 6  # an irresolute West is stripped (in most games)


def _breaks(seats: list[str], overrides: list[str], runs: int = 12) -> float:
    rows = run_batch("tutorial", runs, root=1, seats=seats, overrides=[*LIVE, *overrides])
    outcomes = [r.outcome for r in rows if r.outcome is not None]
    assert len(outcomes) == runs
    return sum(bool(o.defended_front_breakthrough) for o in outcomes) / runs


def test_a_stripped_front_attacked_in_force_breaks_and_a_held_fortified_one_does_not() -> None:
    """The flank fortified and held by 6 divisions: Corvia's whole army cannot break it (the square
    law: 2 x 6^2 > its strength squared); stripped of 5 it breaks in every game."""
    strong, line = (
        ["corvia=bot:resolute"],
        [
            "fronts.counter.defender_divisions=6",
            "fronts.counter.fortification=2",
            "aggressor.strip_divisions=5",
            *_shares(1.0),
        ],
    )
    assert _breaks([*strong, "ardenia=bot:resolute"], line) >= 0.75  # stripped: breaks in most games
    assert _breaks([*strong, "ardenia=bot:passive"], line) == 0.0  # held
    assert _breaks([*strong, "ardenia=bot:cautious"], line) == 0.0  # reinforced


def test_the_chance_of_a_breakthrough_rises_with_the_attack() -> None:
    curve = [
        _breaks(["corvia=bot:resolute", "ardenia=bot:resolute"], _shares(s), 16) for s in (0.2, 0.4, 0.6, 1.0)
    ]
    assert curve == sorted(curve) and curve[0] == 0.0 and curve[-1] >= 0.6
    assert any(0.0 < p < 1.0 for p in curve)  # graded, not a step


def test_a_breakthrough_is_public_and_speeds_the_advance() -> None:
    session = play(
        seed=1,
        name="tutorial",
        seats=["corvia=bot:resolute", "ardenia=bot:resolute"],
        overrides=[*LIVE, *_shares(1.0)],
    )
    broke = [e for e in session.events if isinstance(e.data, BreakthroughData)]
    assert len(broke) == 1 and broke[0].see == (EVERYONE,)
    assert any(isinstance(e.data, BreakthroughData) for e in session.view("belmark").events)
    summary = session.summary()
    assert summary.defended_front_breakthrough and summary.defended_front_breakthrough_after_days is not None
    assert summary.aggressor_divisions_redeployed == -2.0  # it stripped the flank
    assert any(isinstance(e.data, TransferData) for e in session.events)


def test_retired_transfer_fields_still_load_and_are_flagged() -> None:
    loaded = scenarios.load(
        "tutorial", ["aggressor.transfer_threshold=0.5", "aggressor.transfer_divisions=1"]
    )
    warnings = [m for path, m in suspicious(loaded.scenario) if path[0] == "aggressor"]
    assert len(warnings) == 2 and all("retired and ignored" in m for m in warnings)
    assert not [m for path, m in suspicious(scenarios.load("tutorial").scenario) if path[0] == "aggressor"]


@settings(max_examples=25, deadline=None)
@given(
    enemy=st.floats(0.0, 300.0),
    defender=st.floats(0.0, 200.0),
    temper=st.floats(-4.0, 4.0),
)
def test_the_allocation_never_reads_the_truth(
    at_allocate: tuple[Session, SeatView, PromptView], enemy: float, defender: float, temper: float
) -> None:
    """The property for the aggressor: change what it cannot see (the guarantors' true armies and
    dispositions, the victim's strength) while its picture stays the same: every doctrine answers
    its allocate prompt as before."""
    session, before, prompt = at_allocate
    world = session.world
    kept = {g: (world.actors[g].divisions, world.actors[g].temper) for g in ("france", "uk")}
    poland = world.fronts["poland"]
    kept_defender = poland.defender
    answers = {d: f(before, prompt) for d, f in AGGRESSORS.items()}
    try:
        for g in kept:
            world.actors[g].divisions, world.actors[g].temper = enemy, temper
        poland.defender = defender
        after = session.view("germany")
        assert {d: f(after, prompt) for d, f in AGGRESSORS.items()} == answers
    finally:
        for g, (divisions, t) in kept.items():
            world.actors[g].divisions, world.actors[g].temper = divisions, t
        poland.defender = kept_defender
