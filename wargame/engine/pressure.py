"""Pressure short of invasion: a blockade or a hybrid campaign wears the protected state down.

When the aggressor's ``means`` is ``blockade`` or ``hybrid``, its act at the planned instant is
not an invasion but a **pressure** (:func:`wargame.engine.aggressor.begin_pressure`): no front
opens; each day the protected state loses ``harm_per_day`` of its **endurance** (1 at the start;
design choice, like every number of ``[pressure]``). It may answer in three ways, each a choice of
a seat (design choices after the blockades of 1914-18, Berlin 1948-49 and Cuba 1962):

* the protected state **runs** the blockade (or, in a hybrid campaign, resists it): it avoids
  ``run_relief`` of the day's harm, but each day its runners may be intercepted (``run_risk``,
  stream ``pressure.run``), and then the day's harm is raised by as much instead;
* its guarantors **escort** its shipping (a blockade only: no navy escorts a cyber attack away):
  the escorts remove up to ``escort_relief`` of the harm, in proportion to their naval strength
  over the blockader's (``naval`` of each actor, or the ``[pressure]`` fallbacks), at most all of it
  when they match it;
* it **accepts** the demand: a public concession, and the pressure ends. At ``concede_endurance``
  it cannot go on and concedes anyway.

If the aggressor set a ``concession_by`` date and there is no concession by then, it is asked to
``escalate``: invade (the invasion path, which triggers the guarantees that cover an invasion),
persist (asked again every ``escalate_every_days``) or lift the pressure (public).

Each seat is asked again on news, never sooner than its ``redecide_hours`` (:mod:`wargame.engine.news`):
the protected state when a guarantor escorts, speaks or declares war, or its endurance has fallen by
``news_endurance`` since it was last asked; a guarantor when a partner escorts or declares war, or
the protected state's endurance has fallen as much.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wargame.engine import news
from wargame.engine.aggressor import invade, strength_shares
from wargame.engine.decisions import Decision, FreeDecision, open_prompt
from wargame.engine.events import (
    ConcessionData,
    EscalationData,
    EscortData,
    GuaranteeData,
    LiftData,
    PressureDayData,
    StatementData,
    WarData,
)
from wargame.model.clock import DAY, from_days, from_hours
from wargame.model.pressure import PRESSURE_MEANS

if TYPE_CHECKING:
    from collections.abc import Generator

    import simpy

    from wargame.engine.journal import Event
    from wargame.engine.world import World


#: The pressure's name by ``means``.
WHAT = {"blockade": "blockade", "hybrid": "hybrid campaign"}


def start(world: World) -> None:
    if world.scenario.aggressor.means in PRESSURE_MEANS:
        world.env.process(_course(world))


def active(world: World) -> bool:
    """Whether a pressure is on: begun, not settled (conceded, lifted, or turned into war)."""
    return world.pressure.triggered and not world.strain.settled


def _course(world: World) -> Generator[simpy.Event, Any, None]:
    """The pressure's course: the prompts it raises, then one day of harm after another."""
    yield world.pressure
    plan, p = world.scenario.aggressor, world.scenario.pressure
    world.env.process(_response(world))
    if means_now(world) == "blockade":
        _start_escorts(world)
    if plan.actor in world.askable["escalate"] and plan.concession_by is not None:
        world.env.process(_escalation(world, world.minute(plan.concession_by)))
    rng = world.streams("pressure.run")
    st = world.strain
    while True:
        yield world.env.timeout(DAY)
        if not active(world):
            return
        st.day += 1
        harm, intercepted = p.harm_per_day, False
        if st.running:
            intercepted = bool(rng.random() < p.run_risk)
            harm *= (1.0 + p.run_relief) if intercepted else (1.0 - p.run_relief)
        escorted = escort_share(world)
        harm *= 1.0 - escorted
        st.endurance = max(0.0, st.endurance - harm)
        blockade = means_now(world) == "blockade"
        world.journal.record(
            PressureDayData(
                target=plan.target,
                day=st.day,
                harm=harm,
                endurance=st.endurance,
                run=st.running,
                intercepted=intercepted,
                escorted=escorted,
            ),
            f"Day {st.day} of {campaign_of(world)}: endurance {st.endurance:.2f}"
            + ((" (runners intercepted)" if blockade else " (a setback)") if intercepted else "")
            + ".",
            actors=(plan.target,),
        )
        if st.endurance <= p.concede_endurance:
            concede(world, forced=True)
            return


def means_now(world: World) -> str:
    """The pressure's means now: the plan's ``means``, or ``blockade`` once a hybrid campaign has
    been escalated to one (``world.trigger``, the kind of the aggressor's latest act)."""
    return world.trigger if world.trigger in PRESSURE_MEANS else world.scenario.aggressor.means


def _start_escorts(world: World) -> None:
    """A blockade is on (from the start, or escalated from a hybrid campaign): ask each guarantor
    that can be asked whether to escort."""
    for guarantor in sorted(world.askable["escort"]):
        world.env.process(_escort(world, guarantor))


def campaign_of(world: World) -> str:
    """The pressure in words: "the blockade of Belmark", "the hybrid campaign against Belmark"."""
    plan = world.scenario.aggressor
    if means_now(world) == "blockade":
        return f"the blockade of {world.name(plan.target)}"
    return f"the hybrid campaign against {world.name(plan.target)}"


def naval(world: World, actor: str, fallback: float) -> float:
    """``actor``'s naval strength: its mobilised ships, or ``fallback`` if it has none."""
    return world.actors[actor].naval or fallback


def escort_cover(world: World) -> float:
    """How far the escorts cover the protected state's shipping (0 to 1): their naval strength
    over the blockader's, at most 1; 0 with no escort or no blockade (a hybrid campaign)."""
    p, plan = world.scenario.pressure, world.scenario.aggressor
    if means_now(world) != "blockade" or not world.strain.escorts:
        return 0.0
    escorts = sum(naval(world, g, p.escort_naval) for g in world.strain.escorts)
    blockader = naval(world, plan.actor, p.blockader_naval)
    return 1.0 if blockader <= 0 else min(1.0, escorts / blockader)


def escort_share(world: World) -> float:
    """The share of the day's harm the escorts remove: ``escort_relief`` times their cover
    (:func:`escort_cover`); none in a hybrid campaign."""
    return world.scenario.pressure.escort_relief * escort_cover(world)


def concede(world: World, *, forced: bool) -> None:
    """The protected state concedes the demand (public): the pressure ends in a concession."""
    plan = world.scenario.aggressor
    world.strain.settled = "concession"
    world.journal.record(
        ConcessionData(actor=plan.target, to=plan.actor, demand=plan.demand, forced=forced),
        (
            f"{world.name(plan.target)} concedes to {world.name(plan.actor)}: {plan.demand}"
            if plan.demand
            else f"{world.name(plan.target)} gives in to {world.name(plan.actor)}"
        )
        + (" (it can hold out no longer)." if forced else "."),
        actors=(plan.target, plan.actor),
    )


def _fallen(world: World, since: list[float]) -> bool:
    """Whether endurance has fallen by ``news_endurance`` since ``since[0]`` (the last asking)."""
    return world.strain.endurance <= since[0] - world.scenario.pressure.news_endurance + 1e-9


def _response(world: World) -> Generator[simpy.Event, Any, None]:
    """Ask the protected state to run the pressure or accept the demand: at the start, then on news."""
    plan, p = world.scenario.aggressor, world.scenario.pressure
    target, me = plan.target, plan.actor
    guarantors = set(world.scenario.guarantors_of())
    asked = [world.strain.endurance]

    def is_news(e: Event) -> bool:
        d = e.data
        return (
            (isinstance(d, EscortData) and d.target == target)
            or (isinstance(d, WarData) and d.on == me and d.actor in guarantors)
            or (isinstance(d, StatementData) and d.actor in guarantors)
            or isinstance(d, GuaranteeData)
            or (isinstance(d, PressureDayData) and _fallen(world, asked))
        )

    watch = news.Watch(world, target, is_news)
    give_in = f"accept its demand ({plan.demand})" if plan.demand else "give in"
    try:
        while active(world):
            asked_at, asked[0] = int(world.env.now), world.strain.endurance
            means = means_now(world)
            answer = yield open_prompt(
                world,
                target,
                "pressure_response",
                f"{world.name(me)}'s {WHAT[means]} goes on (endurance {world.strain.endurance:.2f}). "
                f"{'Run' if means == 'blockade' else 'Resist'} it, or {give_in}?",
                ("run", "accept"),
                default="run",
                within=from_hours(p.response_hours),
                context={"aggressor": me, "means": means, "endurance": round(world.strain.endurance, 4)},
            )
            if not active(world):
                return
            if answer.choice == "accept":
                concede(world, forced=False)
                return
            world.strain.running = True
            yield from watch.wait(watch.mark(), asked_at)
    finally:
        watch.close()


def _escort(world: World, guarantor: str) -> Generator[simpy.Event, Any, None]:
    """Ask a guarantor whether to escort the protected state's shipping: at the start, then on news."""
    plan, p = world.scenario.aggressor, world.scenario.pressure
    target, me = plan.target, plan.actor
    partners = set(world.scenario.guarantors_of()) - {guarantor}
    asked = [world.strain.endurance]

    def is_news(e: Event) -> bool:
        d = e.data
        return (
            (isinstance(d, EscortData) and d.actor in partners)
            or (isinstance(d, WarData) and d.on == me and d.actor in partners)
            or (isinstance(d, PressureDayData) and _fallen(world, asked))
        )

    watch = news.Watch(world, guarantor, is_news)
    try:
        while active(world) and guarantor not in world.strain.escorts:
            asked_at, asked[0] = int(world.env.now), world.strain.endurance
            answer = yield open_prompt(
                world,
                guarantor,
                "escort",
                f"escort {world.name(target)}'s shipping through {world.name(me)}'s blockade "
                f"(its endurance {world.strain.endurance:.2f})?",
                ("escort", "wait"),
                default="wait",
                within=from_hours(p.response_hours),
                context={
                    "target": target,
                    "aggressor": me,
                    "endurance": round(world.strain.endurance, 4),
                },
            )
            if answer.choice == "escort":
                escort(world, guarantor)
                return
            yield from watch.wait(watch.mark(), asked_at)
    finally:
        watch.close()


def escort(world: World, guarantor: str) -> None:
    """``guarantor`` escorts the protected state's shipping from now on (public)."""
    if not active(world) or guarantor in world.strain.escorts:
        return
    plan = world.scenario.aggressor
    world.strain.escorts.append(guarantor)
    ships = naval(world, guarantor, world.scenario.pressure.escort_naval)
    world.journal.record(
        EscortData(actor=guarantor, target=plan.target, naval=ships),
        f"{world.name(guarantor)} escorts {world.name(plan.target)}'s shipping through the blockade.",
        actors=(guarantor, plan.target, plan.actor),
    )


def _escalation(world: World, at: int) -> Generator[simpy.Event, Any, None]:
    """At ``concession_by`` with no concession, ask the aggressor to invade, persist or lift."""
    plan, p = world.scenario.aggressor, world.scenario.pressure
    me, target = plan.actor, plan.target
    if at > world.env.now:
        yield world.env.timeout(at - int(world.env.now))
    while active(world):
        means = means_now(world)
        ladder = means == "hybrid"  # a hybrid campaign may first become a blockade
        answer = yield open_prompt(
            world,
            me,
            "escalate",
            f"{world.name(target)} has not conceded: invade it, "
            + ("blockade it, " if ladder else "")
            + f"persist with the {WHAT[means]}, or lift it?",
            ("invade", "blockade", "persist", "lift") if ladder else ("invade", "persist", "lift"),
            default="persist",
            within=from_hours(p.response_hours),
            context={
                "expected_gain": plan.expected_gain,
                "war_cost": plan.war_cost,
                "strength": strength_shares(world.scenario),
                "endurance": round(world.strain.endurance, 4),
            }
            | ({"means": means} if ladder else {}),
        )
        if not active(world):
            return
        if answer.choice == "invade":
            world.strain.settled = "escalation"
            world.journal.record(
                EscalationData(aggressor=me, target=target),
                f"{world.name(me)} turns {campaign_of(world)} into an invasion.",
                actors=(me, target),
            )
            invade(world, "invasion", world.strain.postponements)
            return
        if answer.choice == "blockade" and means_now(world) == "hybrid":
            before = campaign_of(world)
            world.trigger = "blockade"  # the guarantees that cover a blockade are triggered by it
            world.journal.record(
                EscalationData(aggressor=me, target=target, to="blockade"),
                f"{world.name(me)} turns {before} into a blockade.",
                actors=(me, target),
            )
            _start_escorts(world)
        elif answer.choice == "lift":
            world.strain.settled = "lift"
            world.journal.record(
                LiftData(aggressor=me, target=target),
                f"{world.name(me)} lifts {campaign_of(world)}.",
                actors=(me, target),
            )
            return
        yield world.env.timeout(from_days(p.escalate_every_days))


# -- decisions a guarantor may take at any time ----------------------------------------------------


def _can_escort(world: World, seat: str, choice: str) -> str | None:
    plan = world.scenario.aggressor
    if seat not in world.scenario.guarantors_of():
        return f"it does not guarantee {world.name(plan.target)}"
    if means_now(world) != "blockade" or not active(world):
        return "there is no blockade to escort through"
    if seat in world.strain.escorts:
        return "it already escorts"
    return None


def _escort_decision(world: World, decision: Decision) -> None:
    escort(world, decision.seat)


#: The decisions of this module a seat may take unprompted (assembled in wargame.engine.standard).
DECISIONS = (FreeDecision(kind="escort", options=("escort",), check=_can_escort, handler=_escort_decision),)
