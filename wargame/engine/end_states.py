"""How a crisis ended: the end state and the ground held, from a game's journal.

Deterrence either holds or fails; a war, once begun, ends in more ways than the protected state's
collapse. An aggressor with a limited aim (``[aggressor] aim = "seize"``) halts on its fronts'
objectives (``objective_km``) and holds them: it has what it came for although the protected
state still stands. A protected state under pressure may give in without a war (``concession``).
The end states, the first that applies (see
:data:`~wargame.engine.outcome_types.EndState`): ``concession``, ``deterred``, ``collapse``,
``objective_held``, ``resisted``, ``undecided``.

Like every measure they read only the journal (:mod:`wargame.engine.outcome`).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from wargame.engine.events import FrontData, ObjectiveData
from wargame.engine.journal import Event
from wargame.engine.outcome_types import Deterrence, EndState
from wargame.engine.payload import Payload
from wargame.model.clock import DAY
from wargame.model.scenario import Scenario


@attrs.frozen
class Ending:
    """The end-state measures of one game (fields of the same names in the outcome)."""

    end_state: EndState
    ground_held_km: Mapping[str, float]
    objectives_held: int
    duration_days: float | None


def objective_fronts(scenario: Scenario) -> list[str]:
    """The fronts the aggressor attacks that have an objective, in file order."""
    a = scenario.aggressor.actor
    return [f.id for f in scenario.fronts if f.attacker == a and f.objective_km > 0]


def ending(
    scenario: Scenario,
    index: Mapping[type[Payload], list[Event]],
    *,
    grade: Deterrence,
    invasion: Event | None,
    collapse: Event | None,
    ended: bool,
    end: int,
    concession: Event | None = None,
) -> Ending:
    """The end state of the game whose events are grouped by payload class in ``index``.

    ``grade`` is the game's deterrence grade, ``invasion`` and ``collapse`` (of a decisive front)
    its events if any, ``ended`` whether it reached its horizon and ``end`` the instant of its last
    event. ``concession`` is the protected state's concession to pressure, if any: the pressure part
    (``ConcessionData``) passes it; until then it is always None."""
    aggressor = scenario.aggressor.actor
    attacked = [f.id for f in scenario.fronts if f.attacker == aggressor]
    ground = {f: 0.0 for f in attacked}
    for e in index.get(FrontData, ()):
        d = e.data
        if isinstance(d, FrontData) and d.front in ground:
            ground[d.front] = d.ground_km
    wanted = set(objective_fronts(scenario))
    taken: dict[str, Event] = {}
    for e in index.get(ObjectiveData, ()):
        d = e.data
        if isinstance(d, ObjectiveData) and d.front in wanted and d.actor == aggressor:
            taken.setdefault(d.front, e)
            ground[d.front] = d.ground_km
    start = invasion.t if invasion is not None else None
    state: EndState
    settled: int | None
    if concession is not None:
        state, settled = "concession", concession.t
    elif invasion is None:
        state, settled = ("deterred" if grade == "deterred" else "undecided"), None
    elif collapse is not None:
        state, settled = "collapse", collapse.t
    elif wanted and len(taken) == len(wanted):
        state, settled = "objective_held", max(e.t for e in taken.values())
    else:
        state, settled = ("resisted" if ended else "undecided"), end
    duration = round((settled - start) / DAY, 3) if start is not None and settled is not None else None
    return Ending(
        end_state=state,
        ground_held_km=dict(sorted(ground.items())),
        objectives_held=len(taken),
        duration_days=duration,
    )
