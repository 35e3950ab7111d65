"""The master event list: scripted news and messages published at fixed instants.

An inject is published when it falls due unless the white cell has acted on it first: held (it
waits for the white cell to publish it), published early, or skipped (see ``whitecell``). An
inject marked ``before_invasion`` (a pretext, a request to wait) is dropped when the invasion has
already begun at its time: the aggressor's date is a decision, so news written for the days
before it may find the war under way.

An inject with ``when`` is published once its conditions hold (:mod:`wargame.engine.conditions`),
``delay_hours`` later, and not before its ``at`` if it has one as well; one whose conditions
never hold is never published.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.engine import conditions
from wargame.engine.events import HeldData
from wargame.engine.whitecell import HELD, SCHEDULED, SKIPPED, publish
from wargame.model.clock import from_hours

if TYPE_CHECKING:
    from collections.abc import Generator

    import simpy

    from wargame.engine.world import World
    from wargame.model.scenario import Inject


def start(world: World) -> None:
    for inject in world.scenario.injects:
        world.env.process(_publish(world, inject))


def _publish(world: World, inject: Inject) -> Generator[simpy.Event, object, None]:
    if inject.at is not None:
        yield world.env.timeout(world.minute(inject.at))
    if inject.when:
        yield conditions.when(world, inject.when)
        world.inject_due[inject.id] = int(world.env.now) + from_hours(inject.delay_hours)
        if inject.delay_hours > 0:
            yield world.env.timeout(from_hours(inject.delay_hours))
    if inject.before_invasion and world.invasion.triggered and world.injects.get(inject.id) != HELD:
        world.injects[inject.id] = SKIPPED  # overtaken by the war (the white cell sees it skipped)
        return
    status = world.injects.get(inject.id, SCHEDULED)
    if status == SCHEDULED:
        publish(world, inject)
    elif status == HELD:
        world.journal.record(
            HeldData(inject=inject.id),
            f"Inject {inject.id!r} falls due and is held by the white cell.",
            see=(),
        )
