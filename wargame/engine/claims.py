"""A report's claim in words, as its seat reads it.

A claim is a number about a subject: the aggressor's divisions on a front (``forces.<front>``),
a state's available divisions (``mobilisation.<actor>``), or the day of the attack
(``attack_date``, a simulated minute). Collected reports and shared assessments word it alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.model.clock import format_instant
from wargame.model.units import about_text

if TYPE_CHECKING:
    from wargame.engine.world import World
    from wargame.model.scenario import Scenario


def describe(world: World, subject: str, claim: float) -> str:
    kind, _, key = subject.partition(".")
    aggressor = world.name(world.scenario.aggressor.actor)
    if kind == "attack_date":
        return f"{aggressor} will attack on {format_instant(world.scenario.scenario.start, int(claim))}"
    if kind == "mobilisation":
        return f"{world.name(key)} has {about_text(claim)} available"
    return f"{aggressor} has {about_text(claim)} on the {world.scenario_front(key).name}"


def subject_label(scenario: Scenario, subject: str) -> str:
    """A subject in words (names only, nothing secret): ``forces.west`` -> "Germany's divisions
    on the Franco-German border". Unknown ids are shown as they are."""
    kind, _, key = subject.partition(".")
    names = {a.id: a.name for a in scenario.actors}
    aggressor = names.get(scenario.aggressor.actor, scenario.aggressor.actor)
    if kind == "attack_date":
        return f"date of {aggressor}'s attack"
    if kind == "mobilisation":
        return f"{names.get(key, key)}'s divisions available"
    if kind == "forces":
        front = next((f.name for f in scenario.fronts if f.id == key), key)
        return f"{aggressor}'s divisions on the {front}"
    return subject
