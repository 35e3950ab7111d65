"""Consultation: the alliance council, convened by a member, deciding by its rule.

A member calls the council (a free decision, or automatically ``convene_on_war_days`` after
the first member goes to war). A **standing** body sits after about ``standing_convene_hours``;
an **ad hoc** one after about ``convene_hours`` (gamma-distributed around the mean, stream
``council``). At the sitting each member states a position on each agenda item; items pass by
consensus (every member for) or majority. The agenda is built from the situation:

* while a member's offensive is under way: *halt the offensive* (the Abbeville decision of
  12 September 1939);
* otherwise, while the protected state stands: *launch the main offensive*;
* always: *inform the protected state* of the council's decisions (Poland was not told), unless
  the protected state is itself a member (a modern alliance's frontline member sits at the table).

Minutes are visible to members only. A member's vote an agent of influence turned
(:func:`wargame.engine.penetration.sway_decision`) is cast the other way; the minutes' truth names it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wargame.engine import campaign
from wargame.engine.decisions import Decision, FreeDecision, open_prompt
from wargame.engine.events import CouncilData, CouncilTruth
from wargame.model.clock import from_days, from_hours

if TYPE_CHECKING:
    from collections.abc import Generator

    import simpy

    from wargame.engine.world import World

POSITION_HOURS = 6


def start(world: World) -> None:
    spec = world.scenario.council
    if spec is not None and spec.convene_on_war_days >= 0:
        world.env.process(_call_on_war(world))


def _call_on_war(world: World) -> Generator[simpy.Event, Any, None]:
    spec = world.scenario.council
    assert spec is not None
    yield world.invasion
    aggressor = world.scenario.aggressor.actor
    while not any(aggressor in world.actors[m].at_war_with for m in spec.members):
        yield world.env.timeout(from_hours(6))
    yield world.env.timeout(from_days(spec.convene_on_war_days))
    caller = next(m for m in spec.members if aggressor in world.actors[m].at_war_with)
    call(world, caller)


def call(world: World, caller: str) -> bool:
    """``caller`` calls the council. Returns False if a sitting is already pending."""
    spec = world.scenario.council
    if spec is None or caller not in spec.members or world.council_pending:
        return False
    world.council_pending = True
    mean = spec.standing_convene_hours if spec.standing else spec.convene_hours
    delay = float(world.streams("council").gamma(4.0, mean / 4.0)) if mean > 0 else 0.0
    world.journal.record(
        CouncilData(step="called", by=caller),
        f"{world.name(caller)} calls the {spec.name}.",
        actors=(caller,),
        see=spec.members,
    )
    world.env.process(_sitting(world, from_hours(delay)))
    return True


def _can_call(world: World, seat: str, choice: str) -> str | None:
    spec = world.scenario.council
    if spec is None:
        return "there is no council in this scenario"
    if seat not in spec.members:
        return f"it is not a member of the {spec.name}"
    if world.council_pending:
        return f"the {spec.name} has already been called"
    return None


def _convene_decision(world: World, decision: Decision) -> None:
    call(world, decision.seat)


def _agenda(world: World) -> list[tuple[str, str, str | None]]:
    """(item id, wording, member concerned) for the sitting, in order."""
    spec = world.scenario.council
    assert spec is not None
    items: list[tuple[str, str, str | None]] = []
    for member in spec.members:
        front = campaign.offensive_front(world, member)
        if front is None:
            continue
        status = world.fronts[front.id].status
        if status in ("active", "preparing"):
            items.append(("halt_offensive", f"halt {world.name(member)}'s offensive", member))
        elif (
            not campaign.protected_collapsed(world) and campaign._can_attack(world, member, "general") is None
        ):
            items.append(("main_offensive", f"launch {world.name(member)}'s main offensive", member))
    target = world.scenario.aggressor.target
    if target not in spec.members:  # a protected state that sits on the council hears every decision
        items.append(("inform_protected", f"inform {world.name(target)} of these decisions", None))
    return items


def _sitting(world: World, delay: int) -> Generator[simpy.Event, Any, None]:
    spec = world.scenario.council
    assert spec is not None
    env = world.env
    yield env.timeout(delay)
    world.council_pending = False
    agenda = _agenda(world)
    world.journal.record(
        CouncilData(step="sitting", agenda=tuple(item for item, _, _ in agenda)),
        f"The {spec.name} sits. Agenda: {'; '.join(text for _, text, _ in agenda) or 'nothing to decide'}.",
        see=spec.members,
        actors=spec.members,
    )
    asked = [
        open_prompt(
            world,
            member,
            "council_position",
            f"{spec.name}: {text}?",
            ("for", "against"),
            default="against",
            within=from_hours(POSITION_HOURS),
            context={"item": item, "council": spec.id, "concerns": concerned},
        )
        for item, text, concerned in agenda
        for member in spec.members
    ]
    answers = yield env.all_of(asked)
    positions: list[Decision] = [answers[e] for e in asked]  # each prompt succeeds with its decision
    adopted: dict[str, bool] = {}
    for n, (item, text, concerned) in enumerate(agenda):
        votes = positions[n * len(spec.members) : (n + 1) * len(spec.members)]
        ayes = sum(1 for v in votes if v.choice == "for")
        passed = ayes == len(votes) if spec.rule == "consensus" else ayes * 2 > len(votes)
        adopted[item] = passed
        swayed = {v.seat: world.swayed[v.prompt] for v in votes if v.prompt in world.swayed}
        world.journal.record(
            CouncilData(
                step="decision", item=item, adopted=passed, positions={v.seat: v.choice for v in votes}
            ),
            f"Minutes: '{text}' {'adopted' if passed else 'rejected'} ({ayes} of {len(votes)} for).",
            see=spec.members,
            actors=spec.members,
            truth=CouncilTruth(swayed=swayed) if swayed else None,  # votes an agent of influence cast
        )
        if passed and item == "halt_offensive" and concerned is not None:
            campaign.halt_offensive(world, concerned)
        if passed and item == "main_offensive" and concerned is not None:
            front = campaign.offensive_front(world, concerned)
            if front is not None:
                campaign.order_offensive(world, concerned, front.id, "general")
    target = world.scenario.aggressor.target
    if adopted.get("inform_protected"):
        summary = ", ".join(
            f"{item.replace('_', ' ')}: {'yes' if ok else 'no'}" for item, ok in adopted.items()
        )
        world.journal.record(
            CouncilData(step="informed", decisions=dict(adopted)),
            f"The {spec.name} informs {world.name(target)} of its decisions ({summary}).",
            see=(*spec.members, target),
            actors=(target,),
        )


#: The decisions of this module a seat may take unprompted (assembled in wargame.engine.standard).
DECISIONS = (
    FreeDecision(kind="convene_council", options=("convene",), check=_can_call, handler=_convene_decision),
)
