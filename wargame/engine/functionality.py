"""Functionality: the alliance's capacity to mobilise its members and respond as one.

The article defines functionality as "the operational capacity to mobilize allies and respond
collectively to threats". Here it is an index from 0 to 1, computed from the treaty's design and
the members' services, never from the game's events, so every seat (and the aggressor, who reads
treaties and watches exercises) can know it:

    functionality = 0.25 liaison + 0.20 integrated_command + 0.15 joint_exercises
                    + 0.20 consultation + 0.20 readiness

* ``liaison`` — the mean level of intelligence liaison between the parties of the guarantee
  (each pair of guarantors and the protected state): none 0, ad hoc 0.25, institutional 0.6,
  fusion centre 1 (:data:`LIAISON_SCORE`). A common picture is what lets allies agree on when to
  act.
* ``integrated_command`` and ``joint_exercises`` — the treaty's (NATO's "living operational
  partnership").
* ``consultation`` — the procedure by which the allies decide: a standing council 1, an ad hoc one
  0.5 (a binding majority adds 0.2 to either), no council 0.
* ``readiness`` — the guarantors' mean readiness.

The weights are design choices. In 1939 (ad hoc liaison, no integrated command, no exercises, an
ad hoc council deciding by consensus, readiness 0.5 and 0.3) it is 0.24.

It changes the game in three places: the allies consult and prepare their offensives faster
(:func:`pace`), a coordinated offensive weighs more than the same divisions committed
piecemeal (:func:`concentration`, Lanchester's square law), and it raises every observer's
credibility of the guarantors (:mod:`wargame.engine.credibility`).
"""

from __future__ import annotations

import functools
import math

from wargame.model import prompts, units
from wargame.model.scenario import Scenario

#: How much each liaison level contributes to a common picture (design choice).
LIAISON_SCORE: dict[str, float] = {"none": 0.0, "adhoc": 0.25, "institutional": 0.6, "fusion": 1.0}


def planned_weight(scenario: Scenario, actor: str) -> float:
    """``actor``'s planned strength where it would fight for the protected state, in
    division-equivalents: its divisions, and its squadrons and ships weighed by the front it would
    fight on (its own offensive front, else the protected state's front). Its divisions count in
    full, as :func:`wargame.model.units.planned` counts them; with no air or naval forces it is that."""
    land = units.planned(scenario, actor)
    front = prompts.offensive_front(scenario, actor) or prompts.support_front(scenario)
    if front is None:
        return land
    return land + units.equivalents(
        front, 0.0, units.planned(scenario, actor, "air"), units.planned(scenario, actor, "naval")
    )


def liaison_score(scenario: Scenario, a: str, b: str) -> float:
    """The level of intelligence liaison between ``a`` and ``b`` (0 when there is none)."""
    levels = [LIAISON_SCORE[li.level] for li in scenario.liaison if set(li.between) == {a, b}]
    return max(levels, default=0.0)


def parties(scenario: Scenario, protected: str | None = None) -> tuple[list[str], list[str]]:
    """(guarantors, every party) of the guarantees of ``protected`` (default: the aggressor's target)."""
    guarantors = scenario.guarantors_of(protected)
    return guarantors, sorted({*guarantors, protected or scenario.aggressor.target})


def alliance_liaison(scenario: Scenario, protected: str | None = None) -> float:
    """The mean liaison level over the pairs of parties to the guarantees of ``protected``."""
    _, members = parties(scenario, protected)
    pairs = [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
    if not pairs:
        return 0.0
    return sum(liaison_score(scenario, a, b) for a, b in pairs) / len(pairs)


def consultation(scenario: Scenario) -> float:
    """How readily the allies can decide together: standing council 1, ad hoc 0.5, none 0; a
    majority rule (no member can block) adds 0.2."""
    council = scenario.council
    if council is None:
        return 0.0
    return min(1.0, (1.0 if council.standing else 0.5) + (0.2 if council.rule == "majority" else 0.0))


@functools.lru_cache(maxsize=256)
def functionality(scenario: Scenario, protected: str | None = None) -> float:
    """The functionality index of the guarantees of ``protected`` (see the module docstring).
    It depends on the scenario alone, so it is worked out once per scenario."""
    guarantors, _ = parties(scenario, protected)
    if not guarantors:
        return 0.0
    target = protected or scenario.aggressor.target
    treaties = [g for g in scenario.guarantees if g.protected == target]
    readiness = sum(scenario.actor(g).readiness for g in guarantors) / len(guarantors)
    value = (
        0.25 * alliance_liaison(scenario, protected)
        + 0.20 * any(g.integrated_command for g in treaties)
        + 0.15 * any(g.joint_exercises for g in treaties)
        + 0.20 * consultation(scenario)
        + 0.20 * readiness
    )
    return round(value, 3)


def pace(value: float) -> float:
    """How long the allies' collective steps take, relative to the scenario's figures: the
    consultations on whether the casus foederis applies, and the preparation of a guarantor's
    offensive. 1.1 with no functionality, 0.7 with full (design choice; 1939's 0.24 gives 1.0, so
    the calibrated times stand)."""
    return 1.1 - 0.4 * value


def concentration(value: float) -> float:
    """The weight of a guarantor's offensive, relative to the same divisions fighting as one.

    Under the square law a force split into ``n`` pools fights like ``A / sqrt(n)``. A share
    ``value`` of the offensive fights as one pool (one plan, one time, one command); the rest is
    committed piecemeal, in two pools: ``value + (1 - value) / sqrt(2)``."""
    return value + (1.0 - value) / math.sqrt(2.0)
