"""What every doctrine shares: the answer's shape, the seat's resolve, the offensive a will to
fight buys, and the aggressor's calculus (graded deterrence, and its allocation between fronts)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from wargame.engine.credibility import resolve, signal_weight
from wargame.engine.events import ExhaustedData, HaltData, OffensiveData
from wargame.model.units import strength_text
from wargame.model.wording import count
from wargame.session.doctrines.beliefs import engagement, front_reading
from wargame.session.views import PromptView, SeatView

Answer = tuple[str, str]
Controller = Callable[[SeatView, PromptView], Answer]


def resolve_of(view: SeatView) -> float:
    """The seat's own will to honour its guarantee now (0 to 1: its credibility as it sees itself,
    less its own signals, shifted by its disposition in this game; 0 for a seat that guarantees no
    one)."""
    own = view.credibility.get(view.seat)
    if own is None:
        return 0.0
    return resolve(own, signal_weight(view.seat, view.events), view.profile.resolve_sd, view.own.temper)


def mobilise_by_threat(view: SeatView, prompt: PromptView, bar: float, why: str) -> Answer:
    """Order general mobilisation once the threat the seat perceives
    (:func:`~wargame.session.doctrines.beliefs.threat`, against the prompt's front) reaches ``bar``
    (its doctrine's), else defer; ``why`` says what set the bar."""
    from wargame.session.doctrines.beliefs import threat_of

    bar = min(bar, 1.0)  # once invaded (threat 1), every doctrine mobilises
    t = threat_of(view, prompt.context.get("front"))
    level = t.level
    parts = f"threat {level:.2f}: warning {t.alarm:.2f}, date {t.date:.2f}, capability {t.capability:.2f}"
    if t.false_alarms:
        parts += f", {count(t.false_alarms, 'false alarm')}"
    if level >= bar:
        return choose(prompt, "order", f"{parts} reaches our bar {bar:.2f} ({why})")
    return choose(prompt, "defer", f"{parts} is below our bar {bar:.2f} ({why})")


def choose(prompt: PromptView, choice: str, reason: str) -> Answer:
    """``choice`` if the prompt offers it now, else the prompt's default (with the reason why)."""
    if choice not in prompt.options:
        return prompt.default, f"{reason} (but '{choice}' is not possible now)"
    return choice, reason


def scale(will: float, general: float, limited: float, probe: float) -> str:
    """The offensive a will to fight of ``will`` (0 to 1) buys, given a doctrine's thresholds."""
    if will >= general:
        return "general"
    if will >= limited:
        return "limited"
    return "probe" if will >= probe else "none"


def promised_scale(prompt: PromptView) -> str:
    """The scale the treaty promised for the offensive this prompt asks about."""
    return "general" if "main offensive" in str(prompt.context.get("promise", "")) else "limited"


def percents(value: float, bar: float) -> tuple[str, str]:
    """``value`` and ``bar`` as percentages, with as many decimals as it takes (up to 2) for the
    text to agree with the comparison (never "10%; we enter from 10%" for a value just under it)."""
    for digits in range(3):
        a, b = f"{value:.{digits}%}", f"{bar:.{digits}%}"
        if a != b or value == bar:
            break
    return a, b


def intervene(view: SeatView, prompt: PromptView, enter_broken: float) -> Answer:
    """A third party enters once it believes the victim at least ``enter_broken`` broken
    (:func:`~wargame.session.doctrines.beliefs.front_reading`: the ground it has seen taken over
    the front's depth; at least 0.5 once it has seen the attacker halt on its objective; 1 once
    the capital has fallen; above 1, never). The halt counts for an entry on the attacker's side
    only: it is the attacker's war that is decided, not a reason to join its victim. The reason says
    what it read."""
    ctx = prompt.context
    attacker_side = ctx.get("side", "attacker") != "defender"
    belief, how = front_reading(
        view, str(ctx.get("front", "")), float(ctx.get("depth_km", 0.0)), halt_counts=attacker_side
    )
    seen, bar = percents(belief, enter_broken)
    never = enter_broken > 1
    if how == "capital":
        read = "the victim's capital has fallen"
    elif how == "objective":
        read = f"the attacker holds its objective: the fighting there is decided ({seen} broken)"
    else:
        read = f"the victim has lost {seen} of the front's depth"
    if belief >= enter_broken:
        return choose(prompt, "enter", f"{read}; we enter from {bar}")
    return choose(prompt, "wait", f"{read}; " + ("we do not enter" if never else f"we enter from {bar}"))


#: Prompts every doctrine answers alike, with the reason why (a penetration found: purge it; the
#: doctrines' theories of alliance say nothing about counter-intelligence).
ALIKE = {"penetration": ("purge", "an agent in our government cannot be left in place: purge it")}


def fallback(prompt: PromptView, reason: str) -> Answer:
    """The answer of a doctrine with no rule of its own for ``prompt``: what every doctrine answers
    (:data:`ALIKE`), else the prompt's default, for ``reason``."""
    if prompt.kind in ALIKE:
        choice, why = ALIKE[prompt.kind]
        return choose(prompt, choice, why)
    return prompt.default, reason


def acting_share(credibility: Mapping[str, float], prompt: PromptView) -> float:
    """The share of the guarantors' strength an aggressor believes will act: each guarantor's
    ``credibility`` weighed by its share of their planned divisions (the prompt's ``strength``)."""
    shares = prompt.context.get("strength") or {}
    return sum(c * float(shares.get(g, 0.0)) for g, c in credibility.items())


def deterrence(view: SeatView, prompt: PromptView) -> Answer:
    """The aggressor's calculus: invade if the gain exceeds the war's cost times the share of the
    guarantors' strength it expects to act (each guarantor's credibility as it perceives it,
    weighed by its share of their planned divisions: the prompt's ``strength``), the cost scaled by
    its appetite for risk in this game, ``exp(-resolve_sd x temper)`` (a bold leadership,
    temper > 0, discounts it). Over games the share deterred is a smooth function of cost and
    credibility."""
    acts = acting_share(view.credibility, prompt)
    gain, cost = float(prompt.context.get("expected_gain", 1.0)), float(prompt.context.get("war_cost", 1.0))
    risk = acts * cost * math.exp(-view.profile.resolve_sd * view.own.temper)
    if gain > risk:
        return (
            "proceed",
            f"gain {gain:g} outweighs the risk ({acts:.0%} of their strength acts; weighed at {risk:.2f})",
        )
    if "postpone" in prompt.options:
        return (
            "postpone",
            f"the guarantors look resolute ({acts:.0%} of their strength acts); wait for a better moment",
        )
    return (
        "abandon",
        f"deterred: {acts:.0%} of the guarantors' strength acts, weighed at {risk:.2f} against {gain:g}",
    )


#: The pressure (expected attackers over the fortified deployment, scaled by the appetite for risk)
#: from which the aggressor holds, reinforces or recalls its army to the fronts it defends; under
#: ``hold`` it strips them. 1 is an attack that matches the fortified defenders (the fortification
#: multiplier carries the attacker's 3-to-1 rule): from half of it, hold; from it, reinforce; from
#: twice it, recall (design choice).
ALLOCATE = {"hold": 0.5, "reinforce": 1.0, "recall": 2.0}


def expected_attack(view: SeatView, front: str, spec: Mapping[str, Any]) -> float:
    """The divisions the aggressor expects to attack it on a ``front`` it defends (``spec``: the
    allocate prompt's ``defended`` entry): an offensive it has seen launched there (the divisions
    announced, until it sees it halted or spent), else the attacker's general offensive (its
    ``general_share`` of the attacker's divisions, as its analysts assess them or, without a report,
    its planned strength) times the chance it acts: the larger of its credibility as the aggressor
    perceives it and what it has visibly done (:func:`~.beliefs.engagement`)."""
    attacker = str(spec.get("attacker", ""))
    seen = 0.0
    for e in view.events:
        d = e.data
        if isinstance(d, OffensiveData) and d.front == front:
            seen = d.divisions
        elif isinstance(d, (HaltData, ExhaustedData)) and d.front == front:
            seen = 0.0
    if seen > 0:
        return seen
    estimate = view.assessments.get(f"mobilisation.{attacker}")
    divisions = estimate.value if estimate is not None else float(view.alliance.get(attacker, 0.0))
    acts = max(view.credibility.get(attacker, 0.0), engagement(view, attacker))
    return acts * float(spec.get("general_share", 0.8)) * divisions


def _holding(spec: Mapping[str, Any]) -> float:
    """The divisions a defended front holds in the aggressor's reckoning: under attack, those it
    has there now; otherwise its planned deployment (so that a quiet front's own allocation does
    not feed back into the decision)."""
    return float(spec.get("divisions" if spec.get("active") else "planned", 0.0))


def allocation(view: SeatView, prompt: PromptView) -> Answer:
    """The aggressor's split between the invasion and the fronts it defends, from its own beliefs.

    The **pressure** is the attack it expects on those fronts (:func:`expected_attack`) over their
    fortified defenders (:func:`_holding`), weighed by its appetite for risk as in :func:`deterrence`
    (``exp(-resolve_sd x temper)``). Guarantors that look irresolute or weak: it strips the fronts
    it defends to finish the victim faster; resolute and strong ones: it holds, reinforces, or
    recalls its army (:data:`ALLOCATE`). A breakthrough it has suffered: it recalls. The Jodl effect
    emerges from this reading of the guarantors, not from a transfer rule."""
    defended: Mapping[str, Mapping[str, Any]] = prompt.context.get("defended") or {}
    if any(spec.get("broken") for spec in defended.values()):
        return choose(prompt, "recall", "the enemy has broken through: bring the army back")
    expected = sum(expected_attack(view, f, spec) for f, spec in defended.items())
    held = sum(_holding(spec) * float(spec.get("fortification", 1.0)) for spec in defended.values())
    pressure = expected / max(held, 1.0) * math.exp(-view.profile.resolve_sd * view.own.temper)
    # a front under attack is never stripped (design choice: weaken a line only while it is quiet)
    attacked = any(spec.get("active") for spec in defended.values())
    choice = "hold" if attacked else "strip"
    for level, bar in ALLOCATE.items():
        if pressure >= bar:
            choice = level
    return choose(
        prompt,
        choice,
        f"we expect {strength_text(expected)} against our lines ({pressure:.2f} of what they hold)",
    )
