"""Third parties that enter a war on a front, on either side (the USSR in Poland on 17 September
1939 joined the attacker; a neighbour may as well join the defence).

Each ``[[interventions]]`` entry is a process: the third party is asked whether to enter on news
of the war on its front (a front report, the attacker halting on its objective, the capital
falling), never before its ``earliest`` date or its ``when`` conditions, and at most once per
``retry_days`` after it waited. Its ``when`` conditions coming to hold are news too: it is asked
then, even if the front has fallen quiet (``objective:<front>``: the attacker halts and nothing more
is reported). It enters on the entry's ``side``: its forces (divisions, squadrons and ships, weighed
by the front) join the attack or the defence, and it declares war on the other side. A front that
is fighting or held (the attacker halted on its objective, status ``holding``) can be entered; on a
held front the forces that join add no fighting (no counter-offensive is modelled): entering is a
declaration of war and a presence. A state that has taken a side, by one of its entries or by a
war of its own, is not asked again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wargame.engine import conditions, forces, news
from wargame.engine.decisions import open_prompt
from wargame.engine.events import InterventionData
from wargame.model.clock import from_days, from_hours

if TYPE_CHECKING:
    from collections.abc import Generator

    import simpy

    from wargame.engine.world import World
    from wargame.model.scenario import Intervention


#: The front statuses on which a third party can enter: fighting, or held by an attacker halted on
#: its objective (joining adds forces but no fighting there).
OPEN = ("active", "holding")


def start(world: World) -> None:
    for intervention in world.scenario.interventions:
        world.env.process(_intervention(world, intervention))


def _intervention(world: World, spec: Intervention) -> Generator[simpy.Event, Any, None]:
    """Ask a third party whether to enter the war on its front, on news of that war (a front
    report, the capital falling: :func:`wargame.engine.news.front_news`), never sooner than its
    ``retry_days`` after it last chose to wait, nor before its ``earliest`` date if it has one,
    while the front is fighting or held (:data:`OPEN`). Its ``when`` conditions coming to hold are
    news: the first question is put then, without waiting for a front report. The prompt tells it
    what is public: the front's depth and the ground taken; what it makes of them is its doctrine's
    business."""
    env = world.env
    if spec.earliest is not None:
        yield env.timeout(max(0, world.minute(spec.earliest) - int(env.now)))
    if spec.when:  # not asked before its conditions hold
        yield conditions.when(world, spec.when)
    front = world.fronts[spec.front]
    watch = news.Watch(world, spec.actor, news.front_news(spec.front))
    # since = -1: the first question is put at once (the conditions have just come to hold)
    since, asked_at, gap = -1, -from_days(spec.retry_days), spec.retry_days * 24
    try:
        while front.status != "collapsed":
            yield from watch.wait(since, asked_at, hours=gap)
            since = watch.mark()
            if front.status not in OPEN:  # quiet, being prepared, halted: ask once the fighting is on
                continue
            busy = [ev for p, ev in world.prompts.values() if p.seat == spec.actor and p.kind == "intervene"]
            if busy:  # one question at a time: its other entry is being asked; this one comes after
                yield busy[0]
            if _at_war_there(world, spec):
                return  # it has taken a side (another of its entries, or a war of its own)
            asked_at = int(env.now)
            fspec = world.scenario_front(spec.front)
            sides = {i.side for i in world.scenario.interventions if i.actor == spec.actor}
            joined = fspec.defender if spec.side == "defender" else fspec.attacker
            side = (
                f" on the side of {world.name(joined)}" if spec.side == "defender" or len(sides) > 1 else ""
            )
            answer = yield open_prompt(
                world,
                spec.actor,
                "intervene",
                f"enter the war on the {fspec.name}{side}, or wait?",
                ("enter", "wait"),
                default="wait",
                within=from_hours(spec.decision_hours),
                context={
                    "front": spec.front,
                    "ground_km": round(front.ground_km, 1),
                    "depth_km": world.scenario_front(spec.front).depth_km,
                    "news": watch.what,
                    **({"side": "defender"} if spec.side == "defender" else {}),  # (attacker: as ever)
                },
            )
            if answer.choice == "enter" and front.status in OPEN and not _at_war_there(world, spec):
                enter(world, spec)
                return
    finally:
        watch.close()


def _at_war_there(world: World, spec: Intervention) -> bool:
    """Whether the third party is already at war with either side of its front: it has chosen a
    side, and a state cannot enter on both (a scenario may offer it either)."""
    fspec = world.scenario_front(spec.front)
    return bool({fspec.attacker, fspec.defender} & set(world.actors[spec.actor].at_war_with))


def enter(world: World, spec: Intervention) -> None:
    """The third party enters the war on the side it chose: on the attacker's, its forces join
    the attack and it declares war on the defender; on the defender's, they join the defence and
    it declares war on the attacker (its divisions, squadrons and ships weighed by the front). On a
    front held by an attacker halted on its objective, the forces join but do not fight (the text
    says so): the entry is a declaration of war."""
    front, fspec = world.fronts[spec.front], world.scenario_front(spec.front)
    strength = forces.intervention(fspec, spec)
    if spec.side == "defender":
        front.defender += strength
        front.support += strength
        front.defender_peak = max(front.defender_peak, front.defender)
        target, ally = fspec.attacker, f" on the side of {world.name(fspec.defender)}"
    else:
        front.attacker += strength
        front.joined.append(spec.actor)
        target, ally = fspec.defender, ""
    world.actors[spec.actor].declare_war_on(target)
    world.actors[target].declare_war_on(spec.actor)
    quiet = ""
    if front.status == "holding":
        holder = world.name(fspec.attacker)
        line = fspec.objective or "its objective"
        quiet = f" The front stays quiet: {holder} holds {line}, and no one attacks there."
    world.journal.record(
        InterventionData(
            actor=spec.actor,
            front=spec.front,
            divisions=spec.divisions,
            side="defender" if spec.side == "defender" else None,
            air=spec.air or None,
            naval=spec.naval or None,
        ),
        f"{world.name(spec.actor)} enters the war against {world.name(target)}{ally} "
        f"on the {fspec.name}.{quiet}",
        actors=(spec.actor, target),
    )
