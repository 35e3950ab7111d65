"""The standard game: its processes, in order, and the decisions seats may take unprompted.

A :class:`~wargame.engine.world.World` is handed both. The process modules import the world's
module; the world imports none of them, so the engine's imports run one way (an import-linter
contract keeps it so).

The order of :data:`STANDARD_PROCESSES` is part of the determinism contract: processes started
earlier win ties at the same instant, so reordering them changes the journal.
"""

from __future__ import annotations

from collections.abc import Mapping

from wargame.engine import (
    aggressor,
    alliance,
    allocation,
    campaign,
    council,
    injects,
    intelligence,
    liaison,
    mobilisation,
    penetration,
    pressure,
    support,
    warning,
    whitecell,
)
from wargame.engine.decisions import FreeDecision
from wargame.engine.world import Process

STANDARD_PROCESSES: tuple[Process, ...] = (
    injects.start,  # the master event list
    aggressor.start,  # the attack order, the crisis's opening
    mobilisation.start,
    alliance.start,  # guarantees triggered, declarations of war, promises
    council.start,
    campaign.start,  # fronts and third parties
    allocation.start,  # the aggressor's split between the invasion and the fronts it defends
    intelligence.start,  # the services' collection
    penetration.start,  # detection of penetrations, leaks of decisions
    warning.start,  # the analysts' warnings
    pressure.start,  # a blockade's or hybrid campaign's course
    support.start,  # guarantors' air and naval support of the protected state (last: no ties moved)
)

FREE_DECISIONS: Mapping[str, FreeDecision] = {
    d.kind: d
    for module in (
        aggressor,
        alliance,
        liaison,
        mobilisation,
        campaign,
        council,
        penetration,
        whitecell,
        pressure,
        support,
    )
    for d in module.DECISIONS
}
"""Every decision a seat (or the white cell) may take without a prompt, by kind."""
