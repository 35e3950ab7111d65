"""Support: a guarantor's air and naval forces committed to the protected state's defence.

A guarantor need not have a land front of its own to fight for the state it protects: it can send
its air force over the protected state's front, or its fleet along its coast. At war with the
aggressor, a guarantor that has air or naval forces and no front of its own to attack on
(:func:`wargame.model.prompts.support_seats`) is asked ``support`` — ``air``, ``naval`` or
``none`` — on news of the fighting on the protected state's front
(:func:`wargame.model.prompts.support_front`), never sooner than its ``redecide_hours`` after it
last declined; it may also decide it unprompted (a free decision). A committed domain stays
committed: everything the guarantor has in it fights on the defender's side of that front, and
what it mobilises later follows (:func:`wargame.engine.forces.feed_defender`). Each unit adds
the front's weight for its domain (``air_weight``, ``naval_weight``) in division-equivalents to
the defence: on a front where the domain weighs nothing, the support changes nothing.

A guarantor with a front of its own is not asked (design choice): its offensive already commits
its share of every domain there, and splitting one air force between two fronts would need an
allocation the model does not have. The promise ``air_action`` of a guarantor that has air forces
is kept by air support (or an offensive with aircraft): :func:`gave_air`.

The commitment is public (:class:`~wargame.engine.events.SupportData`): aircraft and warships are
seen by all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wargame.engine import forces, news
from wargame.engine.decisions import Decision, FreeDecision, open_prompt
from wargame.engine.events import OffensiveData, SupportData
from wargame.model import prompts
from wargame.model.clock import from_hours
from wargame.model.units import strength_text

if TYPE_CHECKING:
    from collections.abc import Generator

    import simpy

    from wargame.engine.world import World
    from wargame.model.scenario import Front


def start(world: World) -> None:
    for seat in prompts.support_seats(world.scenario):
        world.env.process(_ask(world, seat))


def _open_domains(world: World, seat: str, spec: Front) -> tuple[str, ...]:
    """The domains ``seat`` has forces in and has not yet committed on ``spec``."""
    state = world.fronts[spec.id]
    return tuple(
        d
        for d in forces.SUPPORT_DOMAINS
        if forces.available(world, seat, d) > 0 and (seat, d) not in state.supporters
    )


def _why_not(world: World, seat: str, choice: str) -> str | None:
    """Why ``seat`` cannot commit ``choice`` now (None: it can)."""
    spec = prompts.support_front(world.scenario)
    if seat not in prompts.support_seats(world.scenario) or spec is None:
        return (
            "it has no air or naval forces to send to the protected state's front (or has a front of its own)"
        )
    if world.scenario.aggressor.actor not in world.actors[seat].at_war_with:
        return f"it is not at war with {world.name(world.scenario.aggressor.actor)}"
    if world.fronts[spec.id].status != "active":
        return f"there is no fighting on the {spec.name}"
    if choice not in _open_domains(world, seat, spec):
        return f"it has no {choice} forces left to commit"
    return None


def commit(world: World, seat: str, domain: str) -> None:
    """Commit ``seat``'s ``domain`` forces to the protected state's front, now and as they grow."""
    spec = prompts.support_front(world.scenario)
    assert spec is not None
    state = world.fronts[spec.id]
    state.supporters.append((seat, domain))
    amount = forces.available(world, seat, domain)
    before = state.support
    forces.feed_defender(world, spec)
    world.journal.record(
        SupportData(
            actor=seat,
            front=spec.id,
            defender=spec.defender,
            domain=domain,
            amount=amount,
            equivalents=round(state.support - before, 3),
        ),
        f"{world.name(seat)} commits {strength_text(amount, domain)} to the defence of "
        f"{world.name(spec.defender)} on the {spec.name}.",
        actors=(seat, spec.defender),
    )


def gave_air(world: World, seat: str) -> bool:
    """Whether ``seat`` has sent aircraft into the war: air support, or an offensive with air."""
    return any(
        (isinstance(e.data, SupportData) and e.data.domain == "air")
        or (isinstance(e.data, OffensiveData) and (e.data.air or 0) > 0)
        for e in world.journal.events
        if getattr(e.data, "actor", None) == seat
    )


def _ask(world: World, seat: str) -> Generator[simpy.Event, Any, None]:
    """Put ``support`` to ``seat`` on news of the fighting on the protected state's front, while it
    is at war, has a domain left to commit and the front still fights."""
    spec = prompts.support_front(world.scenario)
    assert spec is not None
    env, front = world.env, world.fronts[spec.id]
    watch = news.Watch(world, seat, news.front_news(spec.id))
    since, asked_at = -1, -from_hours(world.scenario.actor(seat).redecide_hours)
    try:
        while front.status != "collapsed":
            yield from watch.wait(since, asked_at)
            since = watch.mark()
            domains = _open_domains(world, seat, spec)
            at_war = world.scenario.aggressor.actor in world.actors[seat].at_war_with
            if not domains:
                if any(forces.available(world, seat, d) > 0 for d in forces.SUPPORT_DOMAINS):
                    return  # everything it has is committed
                continue  # nothing mobilised yet
            if not at_war or front.status != "active":
                continue
            asked_at = int(env.now)
            own = {d: forces.available(world, seat, d) for d in domains}
            answer = yield open_prompt(
                world,
                seat,
                "support",
                f"send {' or '.join(strength_text(v, d) for d, v in own.items())} to the defence of "
                f"{world.name(spec.defender)} on the {spec.name}?",
                (*domains, "none"),
                default="none",
                within=from_hours(world.scenario.actor(seat).war_decision_hours),
                context={
                    "front": spec.id,
                    **own,
                    "air_weight": spec.air_weight,
                    "naval_weight": spec.naval_weight,
                    "news": watch.what,
                },
            )
            if answer.choice in _open_domains(world, seat, spec) and front.status == "active":
                commit(world, seat, answer.choice)
    finally:
        watch.close()


def _support_decision(world: World, decision: Decision) -> None:
    commit(world, decision.seat, decision.choice)


#: The decisions of this module a seat may take unprompted (assembled in wargame.engine.standard).
DECISIONS = (
    FreeDecision(kind="support", options=("air", "naval"), check=_why_not, handler=_support_decision),
)
