"""Aid: a guarantor ships what the protected state needs to hold out (free decision ``send_aid``).

What a shipment is depends on what the protected state faces when it is sent:

* **after an invasion** it is ``aid_divisions`` (of the guarantee) of war materiel that reach the
  protected state's first active front ``aid_days`` later, as divisions (lost if no front is left
  by then) — as in 1939;
* **under a pressure** (a blockade or a hybrid campaign, :mod:`wargame.engine.pressure`) there is
  no front to reinforce: the shipment is fuel, food and spares, and when it arrives, ``aid_days``
  later, it gives back ``[pressure] aid_endurance`` of the protected state's endurance (at most to
  1). Under a blockade the blockader may stop it on the way: with chance ``aid_intercept`` times
  (1 − the escorts' cover), the cover being the escorts' naval strength over the blockader's (at
  most 1: an escort that matches the blockading fleet brings every shipment through; stream
  ``pressure.aid``). A hybrid campaign stops no ships. Design choices after the Berlin airlift
  (1948-49) and the Atlantic convoys: supply under a blockade arrives in proportion to the escort.

A shipment sent under a pressure that has turned into an invasion by the time it arrives
reinforces a front as after an invasion; one that arrives after a concession or a lift changes
nothing (it is recorded as arrived, needed no more). Either way, sending it is what keeps an
``aid`` promise (:func:`sent`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wargame.engine import campaign, pressure
from wargame.engine.events import AidData
from wargame.model.clock import from_days

if TYPE_CHECKING:
    from collections.abc import Generator

    import simpy

    from wargame.engine.decisions import Decision
    from wargame.engine.world import World
    from wargame.model.scenario import Guarantee


def guarantee_of(world: World, seat: str) -> Guarantee | None:
    """The first guarantee by which ``seat`` guarantees the aggressor's target, if any."""
    target = world.scenario.aggressor.target
    return next(
        (g for g in world.scenario.guarantees if seat in g.guarantors and g.protected == target), None
    )


def sent(world: World, guarantor: str) -> bool:
    """Whether ``guarantor`` has sent aid (what an ``aid`` promise asks)."""
    return any(
        isinstance(e.data, AidData) and e.data.actor == guarantor and e.data.step == "sent"
        for e in world.journal.events
    )


def can_aid(world: World, seat: str, choice: str) -> str | None:
    """Why ``seat`` cannot send aid now (None: it can)."""
    if guarantee_of(world, seat) is None:
        return f"it has no guarantee to {world.name(world.scenario.aggressor.target)}"
    if pressure.active(world):
        return None  # a blockade or hybrid campaign: materiel for its endurance
    if not world.invasion.triggered:
        return "there is no front to reinforce yet, nor a blockade or hybrid campaign to hold out against"
    if campaign.protected_collapsed(world):
        return "there is no one left to receive it"
    return None


def aid_decision(world: World, decision: Decision) -> None:
    """Send a shipment (public): divisions' worth of war materiel, or materiel for endurance."""
    g = guarantee_of(world, decision.seat)
    assert g is not None
    under = pressure.active(world)
    endurance = world.scenario.pressure.aid_endurance if under else None
    world.journal.record(
        AidData(
            actor=decision.seat,
            to=g.protected,
            step="sent",
            divisions=0.0 if under else g.aid_divisions,
            endurance=endurance,
        ),
        f"{world.name(decision.seat)} ships "
        + (
            f"fuel, food and spares to {world.name(g.protected)}, under "
            f"{world.name(world.scenario.aggressor.actor)}'s {pressure.WHAT[pressure.means_now(world)]}."
            if under
            else f"war materiel to {world.name(g.protected)}."
        ),
        actors=(decision.seat, g.protected),
    )
    world.env.process(_deliver(world, decision.seat, g, endurance))


def _deliver(
    world: World, sender: str, g: Guarantee, endurance: float | None
) -> Generator[simpy.Event, Any, None]:
    yield world.env.timeout(from_days(g.aid_days))
    if endurance is not None and pressure.active(world):
        _relieve(world, sender, g, endurance)
    elif endurance is not None and not world.invasion.triggered:
        world.journal.record(
            AidData(actor=sender, to=g.protected, step="arrived", divisions=0.0, endurance=endurance),
            f"Aid from {world.name(sender)} reaches {world.name(g.protected)}, which needs it no more.",
            actors=(sender, g.protected),
            see=(sender, g.protected),
        )
    else:
        _reinforce(world, sender, g)


def _relieve(world: World, sender: str, g: Guarantee, endurance: float) -> None:
    """A shipment under a pressure arrives, or (under a blockade) is stopped on the way."""
    target, st = g.protected, world.strain
    cover = pressure.escort_cover(world)
    blockade = pressure.means_now(world) == "blockade"
    chance = world.scenario.pressure.aid_intercept * (1.0 - cover) if blockade else 0.0
    if chance > 0 and world.streams("pressure.aid").random() < chance:
        world.journal.record(
            AidData(actor=sender, to=target, step="intercepted", divisions=0.0, endurance=endurance),
            f"{world.name(world.scenario.aggressor.actor)}'s blockade stops a shipment of aid from "
            f"{world.name(sender)} to {world.name(target)}.",
            actors=(sender, target, world.scenario.aggressor.actor),
        )
        return
    st.endurance = min(1.0, st.endurance + endurance)
    world.journal.record(
        AidData(actor=sender, to=target, step="arrived", divisions=0.0, endurance=endurance),
        f"Aid from {world.name(sender)} reaches {world.name(target)}: its endurance rises to "
        f"{st.endurance:.2f}.",
        actors=(sender, target),
    )


def _reinforce(world: World, sender: str, g: Guarantee) -> None:
    """A shipment reaches the protected state's first front still held, fought on or quiet behind
    the aggressor's halt line (``holding``), as divisions; with none left, it is lost."""
    fronts = [
        f
        for f in world.scenario.fronts
        if f.defender == g.protected and world.fronts[f.id].status in ("active", "holding")
    ]
    if not fronts:
        world.journal.record(
            AidData(actor=sender, to=g.protected, step="lost", divisions=g.aid_divisions),
            f"Aid from {world.name(sender)} arrives too late: {world.name(g.protected)} has no front left "
            "to reinforce.",
            actors=(sender, g.protected),
            see=(sender, g.protected),
        )
        return
    world.fronts[fronts[0].id].defender += g.aid_divisions
    world.journal.record(
        AidData(actor=sender, to=g.protected, step="arrived", divisions=g.aid_divisions),
        f"Aid from {world.name(sender)} reaches the {fronts[0].name}.",
        actors=(sender, g.protected),
        see=(sender, g.protected),
    )
