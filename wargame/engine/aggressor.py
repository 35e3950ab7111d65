"""The aggressor's plan: an attack order that may be confirmed or postponed, then the invasion.

Hitler's order to attack Poland on 26 August 1939 was cancelled on the evening of the 25th,
after the Anglo-Polish agreement was signed, and the attack went ahead on 1 September. A
postponement is a "cry wolf": the troops' movements were seen, then nothing came. Here the
aggressor's seat is asked, ``order_lead_hours`` before each planned attack, to proceed or to
postpone (up to ``max_postponements`` times). The planned instant is ground truth
(``world.attack_at``), which intelligence services try to estimate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.engine.decisions import open_prompt
from wargame.model.clock import format_instant, from_days, from_hours

if TYPE_CHECKING:
    from wargame.engine.world import World


def start(world: World) -> None:
    plan = world.scenario.aggressor
    world.attack_at = world.minute(plan.invasion_at)
    world.env.process(_plan(world))


def _plan(world: World):  # type: ignore[no-untyped-def]
    env, plan = world.env, world.scenario.aggressor
    start = world.scenario.scenario.start
    me, target = plan.actor, plan.target
    postponements = 0
    while True:
        ask_at = max(int(env.now), world.attack_at - from_hours(plan.order_lead_hours))
        yield env.timeout(ask_at - env.now)
        if postponements >= plan.max_postponements:
            break
        answer = yield open_prompt(
            world,
            me,
            "attack",
            f"attack {world.name(target)} at {format_instant(start, world.attack_at)} or postpone?",
            ("proceed", "postpone"),
            default="proceed",
            within=max(1, world.attack_at - int(env.now) - 1),
            context={"attack_at": world.attack_at, "postponements": postponements},
        )
        if answer.choice != "postpone":
            break
        postponements += 1
        world.attack_at += from_days(plan.postpone_days)
        world.journal.record(
            "postponement",
            f"The attack order is cancelled; units halt. New date: {format_instant(start, world.attack_at)}.",
            actors=(me,),
            see=(me,),
            data={"attack_at": world.attack_at, "postponements": postponements},
        )
    yield env.timeout(max(0, world.attack_at - int(env.now)))
    world.actors[me].declare_war_on(target)
    world.actors[target].declare_war_on(me)
    world.journal.record(
        "invasion",
        f"{world.name(me)} invades {world.name(target)}.",
        actors=(me, target),
        data={"aggressor": me, "target": target},
        truth={"postponements": postponements},
    )
    world.invasion.succeed(int(env.now))
