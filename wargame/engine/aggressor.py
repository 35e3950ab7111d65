"""The aggressor's plan: an attack order that may be confirmed or postponed, then the invasion.

Hitler's order to attack Poland on 26 August 1939 was cancelled on the evening of the 25th,
after the Anglo-Polish agreement was signed, and the attack went ahead on 1 September. A
postponement is a "cry wolf": the troops' movements were seen, then nothing came. Here the
aggressor's seat is asked, ``order_lead_hours`` before each planned attack, to proceed or to
postpone (up to ``max_postponements`` times). The planned instant is ground truth
(``world.attack_at``), which intelligence services try to estimate.

What comes at that instant is the plan's ``means``: an invasion, a limited strike (an invasion
whose trigger kind is ``strike``), or a pressure short of war — a blockade or a hybrid campaign —
whose course is :mod:`wargame.engine.pressure`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wargame.engine.decisions import Decision, FreeDecision, open_prompt
from wargame.engine.events import (
    DeterredData,
    InvasionData,
    InvasionTruth,
    PostponementData,
    PressureData,
    StatementData,
)
from wargame.engine.functionality import planned_weight
from wargame.model.clock import format_instant, from_days, from_hours
from wargame.model.pressure import PRESSURE_MEANS
from wargame.model.prompts import statement_seats

if TYPE_CHECKING:
    from collections.abc import Generator
    from datetime import datetime

    import simpy

    from wargame.engine.world import World
    from wargame.model.scenario import Scenario


def start(world: World) -> None:
    plan = world.scenario.aggressor
    world.attack_at = world.minute(plan.invasion_at)
    world.env.process(_plan(world))
    if plan.warning_at is not None:
        world.env.process(_warning(world, plan.warning_at))


def _plan(world: World) -> Generator[simpy.Event, Any, None]:
    env, plan = world.env, world.scenario.aggressor
    start = world.scenario.scenario.start
    me, target = plan.actor, plan.target
    postponements = 0
    while True:
        ask_at = max(int(env.now), world.attack_at - from_hours(plan.order_lead_hours))
        yield env.timeout(ask_at - env.now)
        can_postpone = postponements < plan.max_postponements
        context: dict[str, Any] = {
            "attack_at": world.attack_at,
            "postponements": postponements,
            "expected_gain": plan.expected_gain,
            "war_cost": plan.war_cost,
            "strength": strength_shares(world.scenario),
        }
        if plan.means != "invasion":
            context["means"] = plan.means
        answer = yield open_prompt(
            world,
            me,
            "attack",
            f"{act_words(plan.means)} {world.name(target)} at {format_instant(start, world.attack_at)}"
            + (", postpone, or abandon the plan?" if can_postpone else ", or abandon the plan?"),
            ("proceed", "postpone", "abandon") if can_postpone else ("proceed", "abandon"),
            default="proceed",
            within=max(1, world.attack_at - int(env.now) - 1),
            context=context,
        )
        if answer.choice == "abandon":
            world.deterred = True
            world.journal.record(
                DeterredData(postponements=postponements),
                f"{world.name(me)} abandons its plan to {act_words(plan.means)} {world.name(target)}.",
                actors=(me,),
                see=(me,),
            )
            return
        if answer.choice != "postpone":
            break
        postponements += 1
        world.attack_at += from_days(plan.postpone_days)
        world.journal.record(
            PostponementData(attack_at=world.attack_at, postponements=postponements),
            f"{PUT_OFF.get(plan.means, 'The attack order is cancelled; units halt.')} "
            f"New date: {format_instant(start, world.attack_at)}.",
            actors=(me,),
            see=(me,),
        )
    yield env.timeout(max(0, world.attack_at - int(env.now)))
    if plan.means in PRESSURE_MEANS:
        begin_pressure(world, postponements)
    else:
        invade(world, plan.means, postponements)


#: How the attack prompt names each means: "blockade Belmark at ...".
ACTS = {
    "invasion": "attack",
    "strike": "strike",
    "blockade": "blockade",
    "hybrid": "open a hybrid campaign against",
}


#: How a postponement reads for a pressure (an invasion's or a strike's order is cancelled).
PUT_OFF = {
    "blockade": "The blockade is put off; the ships stay in port.",
    "hybrid": "The hybrid campaign is put off; its agents stand down.",
}


def act_words(means: str) -> str:
    """The verb of the attack prompt for ``means`` (``attack`` for an invasion, as always)."""
    return ACTS[means]


def invade(world: World, means: str, postponements: int) -> None:
    """The aggressor invades (``means`` ``invasion``) or strikes (``strike``): war, the invasion
    event (with its means if a strike), and ``world.invasion`` fires with the trigger kind set."""
    me, target = world.scenario.aggressor.actor, world.scenario.aggressor.target
    world.actors[me].declare_war_on(target)
    world.actors[target].declare_war_on(me)
    world.trigger = means
    world.journal.record(
        InvasionData(aggressor=me, target=target, means=None if means == "invasion" else means),
        f"{world.name(me)} {'invades' if means == 'invasion' else 'strikes at'} {world.name(target)}.",
        actors=(me, target),
        truth=InvasionTruth(postponements=postponements),
    )
    world.invasion.succeed(int(world.env.now))


def begin_pressure(world: World, postponements: int) -> None:
    """A blockade or hybrid campaign begins (public): ``world.pressure`` fires; its course is
    :mod:`wargame.engine.pressure`'s."""
    plan = world.scenario.aggressor
    me, target = plan.actor, plan.target
    world.trigger = plan.means
    world.strain.postponements = postponements
    world.strain.started_at = int(world.env.now)
    what = "blockades" if plan.means == "blockade" else "opens a hybrid campaign against"
    demand = f", demanding {plan.demand}" if plan.demand else ""
    world.journal.record(
        PressureData(aggressor=me, target=target, means=plan.means, demand=plan.demand),
        f"{world.name(me)} {what} {world.name(target)}{demand}.",
        actors=(me, target),
    )
    world.pressure.succeed(int(world.env.now))


def strength_shares(scenario: Scenario) -> dict[str, float]:
    """How much each guarantor of the target weighs in the aggressor's reckoning (the weights sum
    to 1): half for the guarantee itself (any guarantor at war means a war to fight, a blockade, an
    economy turned against it), half its share of the guarantors' planned divisions (their largest
    mobilised strength; equal where no timetable says), public knowledge from an order of battle.
    The forces it expects to meet matter (Huth 1988: the local balance of forces), but a small
    guarantor still counts: Britain's four divisions did not make its guarantee idle in 1939.
    The split is a design choice."""
    guarantors = scenario.guarantors_of()
    if not guarantors:
        return {}
    sizes = {g: planned_weight(scenario, g) for g in guarantors}  # aircraft and ships count too
    total = sum(sizes.values())
    even = 1.0 / len(guarantors)
    return {g: round(0.5 * even + 0.5 * (v / total if total > 0 else even), 4) for g, v in sizes.items()}


def _warning(world: World, at: datetime) -> Generator[simpy.Event, Any, None]:
    """When the crisis becomes visible (``at``), each guarantor may make a public statement of resolve."""
    yield world.env.timeout(world.minute(at))
    for guarantor in statement_seats(world.scenario):  # every guarantor of the target
        world.env.process(_statement(world, guarantor))


def _statement(world: World, guarantor: str) -> Generator[simpy.Event, Any, None]:
    plan = world.scenario.aggressor
    if any(isinstance(e.data, StatementData) and e.data.actor == guarantor for e in world.journal.events):
        return  # it has already spoken
    answer = yield open_prompt(
        world,
        guarantor,
        "statement",
        f"make a public statement that you will stand by {world.name(plan.target)}?",
        ("statement", "silence"),
        default="silence",
        within=from_hours(24),
        context={"target": plan.target},
    )
    if answer.choice == "statement":
        make_statement(world, guarantor)


def make_statement(world: World, guarantor: str) -> None:
    """A public statement of resolve: a costly signal (it ties the government's hands)."""
    plan = world.scenario.aggressor
    world.journal.record(
        StatementData(actor=guarantor, target=plan.target),
        f"{world.name(guarantor)} declares publicly that it will stand by {world.name(plan.target)}.",
        actors=(guarantor,),
    )


def _can_state(world: World, seat: str, choice: str) -> str | None:
    if not any(seat in g.guarantors for g in world.scenario.guarantees):
        return "it guarantees no one"
    if any(isinstance(e.data, StatementData) and e.data.actor == seat for e in world.journal.events):
        return "it has already stated its resolve publicly (saying it again adds nothing)"
    return None


def _statement_decision(world: World, decision: Decision) -> None:
    make_statement(world, decision.seat)


#: The decisions of this module a seat may take unprompted (assembled in wargame.engine.standard).
DECISIONS = (
    FreeDecision(kind="statement", options=("statement",), check=_can_state, handler=_statement_decision),
)
