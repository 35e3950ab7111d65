"""The realist: vital interest and relative power, and the buck passed to a stronger ally.

* Its **resolve** carries its interests (interest convergence is in it).
* An offensive is sized by ``resolve × share of strength × (1 − buck)``: its share of strength is
  its divisions over the enemy's as its analysts assess them (``r/(r+1)``; parity if it has no
  report), and the **buck** is the load the other guarantors are seen to carry
  (:func:`~wargame.session.doctrines.beliefs.others_carry`: each one's visible engagement —
  statement, mobilisation, war, offensive — times its share of the alliance's planned strength).
  A small partner of a strong, engaged ally fights little; a state that stands alone, or carries
  most of the load itself, passes nothing.
* It **mobilises by threat and power**: once the threat it perceives
  (:func:`~wargame.session.doctrines.beliefs.threat`) reaches 0.35 × (0.5 + its share of strength
  on the threatened front): the weaker it is there, the sooner it balances.
* It **honours when abandoning costs more**: a public statement it made, or a declaration the
  treaty promises, lowers its bar for war (reputation is an interest too), and having spoken it
  adds a little to its will to fight.
"""

from __future__ import annotations

from wargame.model.doctrine_params import RealistParams
from wargame.session.doctrines import pressure
from wargame.session.doctrines.beliefs import others_carry, promised, spoken
from wargame.session.doctrines.common import (
    Answer,
    allocation,
    choose,
    deterrence,
    fallback,
    intervene,
    mobilise_by_threat,
    resolve_of,
    scale,
)
from wargame.session.doctrines.support import support
from wargame.session.views import PromptView, SeatView

#: The realist as documented (its thresholds: :class:`~wargame.model.doctrine_params.RealistParams`).
DEFAULT = RealistParams()


def power(view: SeatView, front: object) -> tuple[float, float]:
    """(its divisions over the enemy's on ``front`` as its analysts assess them, the share of
    strength that gives it: ratio / (ratio + 1)); without a report its planners assume parity."""
    estimate = view.assessments.get(f"forces.{front}")
    if estimate is None:
        return 1.0, 0.5
    ratio = view.own.divisions / max(estimate.value, 1.0)
    return ratio, ratio / (ratio + 1.0)


def stake(view: SeatView) -> float:
    """What abandoning would cost its standing (0 to 1): half for a public statement, half for a
    declaration of war its treaty promises."""
    return 0.5 * spoken(view) + 0.5 * promised(view, "declare_war")


def realist(view: SeatView, prompt: PromptView, p: RealistParams = DEFAULT) -> Answer:
    """Interest and power; passes the buck to a stronger engaged ally; honours what it said."""
    kind, ctx = prompt.kind, prompt.context
    if kind == "attack":
        return deterrence(view, prompt)
    if kind == "allocate":
        return allocation(view, prompt)
    if kind == "intervene":
        return intervene(view, prompt, p.enter_broken)
    if kind == "mobilise":
        _, share = power(view, ctx.get("front"))
        bar = p.mobilise * (0.5 + share)
        return mobilise_by_threat(view, prompt, bar, f"{share:.0%} of the strength on the front is ours")
    r = resolve_of(view)  # (the decisions below weigh its resolve and the load others carry)
    buck = others_carry(view)
    if kind == "statement":
        return choose(
            prompt,
            "statement" if r * (1 - buck) >= p.statement else "silence",
            f"our resolve {r:.2f}; others carry {buck:.0%} of the load",
        )
    if kind == "declare_war":
        bar = p.declare * (1 - 0.5 * stake(view))
        r *= pressure.obligation(prompt)  # weighed by how clearly the treaty covers the act
        return choose(prompt, "declare" if r >= bar else "wait", f"our resolve {r:.2f} (bar {bar:.3f})")
    if kind == "offensive":
        ratio, share = power(view, ctx.get("front"))
        will = r * share * (1 - buck) + p.spoken_will * spoken(view)
        choice = scale(will, p.offensive_general, p.offensive_limited, p.offensive_probe)
        return choose(
            prompt,
            choice,
            f"resolve {r:.2f}, {ratio:.1f} to 1 in divisions, others carry {buck:.0%} of the load",
        )
    if kind == "support":
        return support(prompt, r * (1 - buck), p.offensive_probe, f"resolve {r:.2f}, others carry {buck:.0%}")
    if kind == "council_position":
        item, concerns = ctx.get("item"), ctx.get("concerns")
        others = concerns not in (None, view.seat)  # another member's offensive: someone else's cost
        favour = r >= p.support if others else r * (1 - buck) >= p.keep_own
        why = f"our resolve {r:.2f}; others carry {buck:.0%}"
        if any(g.protected == view.seat for g in view.treaties):  # its own rescue: vital interest
            favour, why = True, "the offensive is our rescue: our survival is at stake"
        if item == "halt_offensive":
            return ("against" if favour else "for"), why
        return ("for" if favour else "against"), why
    if kind in pressure.KINDS:
        return pressure.answer(view, prompt, "realist")
    return fallback(prompt, "no realist reason to depart from the default")
