"""What every doctrine shares: the answer's shape, the seat's resolve, the offensive a will to
fight buys, and the aggressor's calculus (graded deterrence)."""

from __future__ import annotations

import math
from collections.abc import Callable

from wargame.engine.credibility import resolve, signal_weight
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
        parts += f", {t.false_alarms} false alarm(s)"
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


def deterrence(view: SeatView, prompt: PromptView) -> Answer:
    """The aggressor's calculus: invade if the gain exceeds the war's cost times the share of the
    guarantors' strength it expects to act (each guarantor's credibility as it perceives it,
    weighed by its share of their planned divisions: the prompt's ``strength``), the cost scaled by
    its appetite for risk in this game, ``exp(-resolve_sd x temper)`` (a bold leadership,
    temper > 0, discounts it). Over games the share deterred is a smooth function of cost and
    credibility."""
    shares = prompt.context.get("strength") or {}
    acts = sum(c * float(shares.get(g, 0.0)) for g, c in view.credibility.items())
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
