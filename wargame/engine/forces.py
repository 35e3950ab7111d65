"""Forces by domain on a front: how divisions, squadrons and ships add up to one strength.

A front's battle (:mod:`wargame.engine.campaign`) is a Lanchester square law between two
numbers, the attacker's and the defender's strength. Here those numbers are **division-
equivalents**: the weighted sum of a side's land, air and naval forces on that front, each unit
weighed by the front's ``land_weight``, ``air_weight`` and ``naval_weight``
(:func:`wargame.model.units.equivalents`). A sea lane has ``land_weight = 0``; a land front where
air superiority counts has an ``air_weight``; a front with no weight for a domain ignores it
entirely. The square law then runs on the sum: losses fall on the side's pool as a whole (design
choice: the model does not say which domain bleeds).

Where each domain's forces come from:

* **the invasion** commits the front's ``attacker_divisions`` and the aggressor's air and naval
  forces, each divided evenly among the invasion fronts where that domain weighs
  (:func:`share`);
* **an offensive** commits the scale's share of each of the attacker's domains that weighs on
  the front (:func:`commit`);
* **the defender** fights with its divisions on the front and its air and naval forces, divided
  evenly among the fronts it defends where the domain weighs; those it mobilises later join the
  front as their phases complete (:func:`feed_defender`);
* **supporters** — a guarantor that commits air or naval forces to the defence
  (:mod:`wargame.engine.support`) — add everything they have in the domain, and what they
  mobilise later (also :func:`feed_defender`);
* **interventions** bring their ``divisions``, ``air`` and ``naval`` to the side they join.

With the default weights (1, 0, 0) every strength is the divisions alone, to the bit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from wargame.model.units import equivalents, weight

if TYPE_CHECKING:
    from wargame.engine.world import World
    from wargame.model.scenario import Front, Intervention

#: The domains a state can commit besides its divisions.
SUPPORT_DOMAINS = ("air", "naval")


@attrs.frozen
class Commitment:
    """A force committed to a front: its units by domain and its strength there."""

    land: float
    air: float
    naval: float
    strength: float  # division-equivalents on the front


def available(world: World, actor: str, domain: str) -> float:
    """``actor``'s forces in ``domain`` now (divisions, squadrons or ships)."""
    state = world.actors[actor]
    return {"land": state.divisions, "air": state.air, "naval": state.naval}[domain]


def share(world: World, actor: str, domain: str, spec: Front) -> float:
    """The share of ``actor``'s ``domain`` forces that fights on ``spec``: all
    it has, divided evenly among every front where it fights, attacking by invasion or defending,
    and the domain weighs; a squadron over one front is not over another. 0 where it weighs
    nothing."""
    if weight(spec, domain) <= 0:
        return 0.0
    fronts = [
        f
        for f in world.scenario.fronts
        if (f.attacker == actor and f.opens == "invasion") or f.defender == actor
    ]
    n = sum(1 for f in fronts if weight(f, domain) > 0)
    return available(world, actor, domain) / max(1, n)


def invasion_strength(world: World, spec: Front) -> float:
    """The attacker's strength when the invasion opens ``spec``: its ``attacker_divisions`` and its
    share of the aggressor's air and naval forces, in division-equivalents."""
    air = share(world, spec.attacker, "air", spec)
    naval = share(world, spec.attacker, "naval", spec)
    return equivalents(spec, spec.attacker_divisions, air, naval)


def commit(world: World, actor: str, spec: Front, part: float) -> Commitment:
    """What an offensive committing the share ``part`` of ``actor``'s forces brings to ``spec``: the
    share of its divisions, squadrons and ships, each where it weighs on ``spec`` (no force is sent
    where it would count for nothing: no divisions to a sea lane with ``land_weight = 0``)."""
    land, air, naval = (
        round(part * available(world, actor, d), 1) if weight(spec, d) > 0 else 0.0
        for d in ("land", "air", "naval")
    )
    return Commitment(land=land, air=air, naval=naval, strength=equivalents(spec, land, air, naval))


def intervention(spec: Front, iv: Intervention) -> float:
    """What an intervention brings to ``spec``, in division-equivalents."""
    return equivalents(spec, iv.divisions, iv.air, iv.naval)


def feed_defender(world: World, spec: Front) -> float:
    """Bring the defender's air and naval forces, and its supporters', up to what they now have
    on ``spec`` (its share; a supporter's all); returns the division-equivalents added (already
    added to the front's defender). Nothing happens on a front where neither domain weighs."""
    state = world.fronts[spec.id]
    if spec.air_weight <= 0 and spec.naval_weight <= 0:
        return 0.0
    added = 0.0
    wanted: list[tuple[str, str, float]] = [
        (spec.defender, d, share(world, spec.defender, d, spec)) for d in SUPPORT_DOMAINS
    ]
    wanted += [(a, d, available(world, a, d)) for a, d in state.supporters]
    for actor, domain, amount in wanted:
        key = f"{actor}.{domain}"
        more = amount - state.committed.get(key, 0.0)
        if more > 0 and weight(spec, domain) > 0:
            state.committed[key] = amount
            added += more * weight(spec, domain)
    if added > 0:
        state.defender += added
        state.support += added
        state.defender_peak = max(state.defender_peak, state.defender)
    return added
