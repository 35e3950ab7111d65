"""The master event list: scripted news and messages published at fixed instants."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wargame.engine.world import World
    from wargame.model.scenario import Inject


def start(world: World) -> None:
    for inject in world.scenario.injects:
        world.env.process(_publish(world, inject))


def _publish(world: World, inject: Inject):  # type: ignore[no-untyped-def]
    yield world.env.timeout(world.minute(inject.at))
    world.journal.record(
        "inject", inject.text, see=inject.to, data={"inject": inject.id, "to": list(inject.to)}
    )
