"""A report's claim in words, as its seat reads it.

A claim is a number about a subject: the aggressor's divisions on a front (``forces.<front>``),
a state's available divisions (``mobilisation.<actor>``), or the day of the attack
(``attack_date``, a simulated minute). Collected reports and shared assessments word it alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from wargame.model.clock import format_instant
from wargame.model.units import about_text

if TYPE_CHECKING:
    from wargame.engine.world import World


def describe(world: World, subject: str, claim: float) -> str:
    kind, _, key = subject.partition(".")
    aggressor = world.name(world.scenario.aggressor.actor)
    if kind == "attack_date":
        return f"{aggressor} will attack on {format_instant(world.scenario.scenario.start, int(claim))}"
    if kind == "mobilisation":
        return f"{world.name(key)} has {about_text(claim)} available"
    return f"{aggressor} has {about_text(claim)} on the {world.scenario_front(key).name}"


class _Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


class _Threat(Protocol):
    @property
    def actor(self) -> str: ...


class Names(Protocol):
    """What naming a subject reads: the states', the fronts' and the aggressor's names. A
    :class:`~wargame.model.scenario.Scenario` has them, and so has a seat's public
    :class:`~wargame.session.setting.Setting` (what a served seat's screen holds)."""

    @property
    def actors(self) -> Sequence[_Named]: ...
    @property
    def fronts(self) -> Sequence[_Named]: ...
    @property
    def aggressor(self) -> _Threat: ...


def subject_label(scenario: Names, subject: str) -> str:
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
