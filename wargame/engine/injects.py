"""The master event list: scripted news and messages published at fixed instants.

An inject is published when it falls due unless the white cell has acted on it first: held (it
waits for the white cell to publish it), published early, or skipped (see ``whitecell``). An
inject marked ``before_invasion`` (a pretext, a request to wait) is dropped when the invasion has
already begun at its time: the aggressor's date is a decision, so news written for the days
before it may find the war under way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.engine.events import HeldData
from wargame.engine.whitecell import HELD, SCHEDULED, SKIPPED, publish

if TYPE_CHECKING:
    from collections.abc import Generator

    import simpy

    from wargame.engine.world import World
    from wargame.model.scenario import Inject


def start(world: World) -> None:
    for inject in world.scenario.injects:
        world.env.process(_publish(world, inject))


def _publish(world: World, inject: Inject) -> Generator[simpy.Event, object, None]:
    yield world.env.timeout(world.minute(inject.at))
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
