"""The campaign: fronts where divisions fight by a Lanchester square law.

Each open front is resolved once a day. With ``A`` attacking and ``D`` defending divisions, a
fortification multiplier ``f`` and a coefficient ``k``::

    attacker losses = k * f * D * noise        defender losses = k * A * noise

where ``noise`` is lognormal with the front's ``noise`` as its spread (stream
``campaign.<front>``). The defender's mobilisation feeds the front with new divisions as its
phases complete, less the share ``reinforcement_loss`` that is caught in transit (a state that
mobilises late pays for it). The defender's **cohesion** is its strength against its full mobilised strength
(``defender_divisions``), so a state caught mobilising starts the campaign weaker; the attacker
advances ``advance_km_per_day`` at a 3:1 ratio of attackers to fortified defenders, in
proportion to that ratio (at most double). Under
``capital_falls_cohesion`` the capital behind the front falls (its ``capital``, if named; 0: none
can fall here); under ``collapse_cohesion`` organised resistance on the front ends: the defending
state's collapse if the front is ``decisive`` (the default), the loss of that front alone if not.
An attacker with a limited aim halts on the front's **objective** (``objective_km`` of ground): it
stops there and holds it (status ``holding``, a public :class:`ObjectiveData`); the daily battle on
that front ends. (A counter-offensive to retake the ground is not modelled.)
A guarantor's **offensive** opens a front where it attacks, committing a share of its available
divisions by scale; it can be halted by decision or by the council. Third parties may
**intervene** on a front, on either side (the USSR in Poland on 17 September 1939;
:mod:`wargame.engine.intervention`).
Strengths are division-equivalents: land, air and naval forces weighed by the front
(:mod:`wargame.engine.forces`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wargame.engine import forces, intervention
from wargame.engine.decisions import Decision, FreeDecision
from wargame.engine.events import (
    BreakthroughData,
    CapitalData,
    CollapseData,
    ExhaustedData,
    FrontData,
    FrontTruth,
    HaltData,
    ObjectiveData,
    OffensiveData,
)
from wargame.engine.functionality import concentration, functionality, pace
from wargame.model import prompts
from wargame.model.clock import DAY, from_days
from wargame.model.lanchester import advance_km, lanchester_day
from wargame.model.units import forces_text
from wargame.model.wording import and_list, verb_for

if TYPE_CHECKING:
    from collections.abc import Generator

    import simpy

    from wargame.engine.world import World
    from wargame.model.scenario import Front

RANK = ("probe", "limited", "general")


def scale_share(spec: Front, scale: str) -> float:
    """Share of the attacker's available divisions an offensive of ``scale`` commits on ``spec``
    (its ``probe_share``, ``limited_share``, ``general_share``)."""
    return {"probe": spec.probe_share, "limited": spec.limited_share, "general": spec.general_share}[scale]


def start(world: World) -> None:
    world.env.process(_open_invasion_fronts(world))
    intervention.start(world)  # third parties, after the fronts (the order of processes is the replay's)


def offensive_front(world: World, actor: str) -> Front | None:
    """The front on which ``actor`` can launch an offensive, if any."""
    return prompts.offensive_front(world.scenario, actor)


def protected_collapsed(world: World) -> bool:
    """Whether the protected state has collapsed: organised resistance has ended on a ``decisive``
    front it defends (losing a front that is not decisive loses that front only)."""
    target = world.scenario.aggressor.target
    return any(
        world.fronts[f.id].status == "collapsed"
        for f in world.scenario.fronts
        if f.defender == target and f.decisive
    )


def _open_invasion_fronts(world: World) -> Generator[simpy.Event, Any, None]:
    yield world.invasion
    for spec in world.scenario.fronts:
        if spec.opens == "invasion":
            _open(world, spec, forces.invasion_strength(world, spec), scale="invasion")


def _open(world: World, spec: Front, attackers: float, scale: str) -> None:
    """Open ``spec`` (or reopen it: the defender keeps its losses) and start its daily battle."""
    state = world.fronts[spec.id]
    first = state.opened_at is None
    state.status = "active"
    state.opened_at = int(world.env.now)
    state.scale = scale
    state.attacker = attackers
    if first:
        mobilises = any(m.actor == spec.defender for m in world.scenario.mobilisation)
        # a defender with a timetable fights with what it has; one without one, with the front's figure
        state.defender = max(
            0.0,
            (
                min(spec.defender_divisions, world.actors[spec.defender].divisions)
                if mobilises
                else spec.defender_divisions
            )
            + state.garrison,  # divisions the aggressor moved here, or away, before it opened
        )
        state.defender_peak = state.defender
        forces.feed_defender(world, spec)  # its air and naval forces, where they weigh here
    world.env.process(_fight(world, spec, state.opened_at))


def order_offensive(world: World, actor: str, front_id: str, scale: str) -> None:
    """Order an offensive: it begins after the front's preparation time (artillery, assembly),
    drawn around ``offensive_prep_days`` with a relative spread ``offensive_prep_sd`` (stream
    ``offensive.<front>``)."""
    spec = world.scenario_front(front_id)
    state = world.fronts[front_id]
    if state.status in ("preparing", "holding") or state.pending_scale:
        return  # one order at a time; a front held on its objective is not attacked again
    if state.status == "active":
        if RANK.index(scale) <= RANK.index(state.scale if state.scale in RANK else "probe"):
            return
        state.pending_scale = scale  # escalate: the fighting goes on while the new forces assemble
    else:
        state.status = "preparing"
    state.orders += 1
    jitter = float(
        world.streams(f"offensive.{front_id}").normal(0.0, spec.offensive_prep_sd * spec.offensive_prep_days)
    )
    speed = pace(functionality(world.scenario)) if actor in world.scenario.guarantors_of() else 1.0
    delay = from_days(max(0.0, spec.offensive_prep_days * speed + jitter))
    world.env.process(_launch_after(world, actor, front_id, scale, delay, state.orders))


def _launch_after(
    world: World, actor: str, front_id: str, scale: str, delay: int, order: int
) -> Generator[simpy.Event, Any, None]:
    yield world.env.timeout(delay)
    state = world.fronts[front_id]
    if state.orders != order:
        return  # halted (or superseded) while it was being prepared
    if state.status == "preparing":
        launch_offensive(world, actor, front_id, scale)
    elif state.status == "active" and state.pending_scale == scale:
        state.pending_scale = ""
        launch_offensive(world, actor, front_id, scale)
    else:
        state.pending_scale = ""


def launch_offensive(world: World, actor: str, front_id: str, scale: str) -> None:
    """Attack now with the scale's share of the available divisions (or, on a front already
    active, bring the attack up to that share: an escalation)."""
    spec = world.scenario_front(front_id)
    force = forces.commit(world, actor, spec, scale_share(spec, scale))  # each domain's share
    data = OffensiveData(
        actor=actor,
        front=front_id,
        scale=scale,
        divisions=force.land,
        air=force.air or None,
        naval=force.naval or None,
    )
    state = world.fronts[front_id]
    if state.status == "active":
        state.attacker = max(state.attacker, force.strength)
        state.scale = scale
        world.journal.record(
            data,
            f"{world.name(actor)} widens its offensive on the {spec.name} to a {scale} offensive "
            f"with {forces_text(force.land, force.air, force.naval)}.",
            actors=(actor, spec.defender),
        )
        return
    state.weight = (
        concentration(functionality(world.scenario)) if actor in world.scenario.guarantors_of() else 1.0
    )
    world.journal.record(
        data,
        f"{world.name(actor)} launches a {scale} offensive on the {spec.name} with "
        f"{forces_text(force.land, force.air, force.naval)}.",
        actors=(actor, spec.defender),
    )
    _open(world, spec, force.strength, scale)


def halt_offensive(world: World, actor: str) -> bool:
    """Halt ``actor``'s offensive, if one is under way. Returns whether one was.

    The halt itself is public (troops stop and pull back); who decided it is not: the council's
    minutes, or the seat's own decision, record that for those entitled to know.
    """
    spec = offensive_front(world, actor)
    if spec is None or world.fronts[spec.id].status not in ("active", "preparing"):
        return False
    world.fronts[spec.id].status = "halted"
    world.fronts[spec.id].orders += 1  # cancels any offensive still being prepared
    world.fronts[spec.id].pending_scale = ""
    world.journal.record(
        HaltData(actor=actor, front=spec.id),
        f"{world.name(actor)} halts its offensive on the {spec.name}.",
        actors=(actor,),
    )
    return True


def _can_attack(world: World, seat: str, choice: str) -> str | None:
    spec = offensive_front(world, seat)
    if spec is None:
        return "it has no front on which to attack"
    if world.scenario.aggressor.actor not in world.actors[seat].at_war_with:
        return f"it is not at war with {world.name(world.scenario.aggressor.actor)}"
    state = world.fronts[spec.id]
    if state.status == "holding":
        return "it holds its objective on that front"
    if state.status == "preparing" or state.pending_scale:
        return "an offensive is already being prepared"
    if state.status == "active" and RANK.index(choice) <= RANK.index(
        state.scale if state.scale in RANK else "probe"
    ):
        return f"its {state.scale} offensive is already under way (an order can only widen it)"
    return None


def _attack_decision(world: World, decision: Decision) -> None:
    spec = offensive_front(world, decision.seat)
    assert spec is not None
    order_offensive(world, decision.seat, spec.id, decision.choice)


def _can_halt(world: World, seat: str, choice: str) -> str | None:
    spec = offensive_front(world, seat)
    if spec is None or world.fronts[spec.id].status not in ("active", "preparing"):
        return "it has no offensive under way"
    return None


def _halt_decision(world: World, decision: Decision) -> None:
    halt_offensive(world, decision.seat)


def _fight(world: World, spec: Front, opened_at: int) -> Generator[simpy.Event, Any, None]:
    """The daily battle on a front, for as long as the opening at ``opened_at`` lasts."""
    env, state = world.env, world.fronts[spec.id]
    rng = world.streams(f"campaign.{spec.id}")
    defender = world.actors[spec.defender]
    fed = max(state.defender_peak, state.defender) - state.garrison - state.support  # mobilised divisions
    while state.status == "active" and state.opened_at == opened_at:
        yield env.timeout(DAY)
        if state.status != "active" or state.opened_at != opened_at:
            break  # halted, or halted and reopened: the new opening has its own battle
        reinforcement = max(0.0, min(spec.defender_divisions, defender.divisions) - fed)
        fed += reinforcement
        state.defender += reinforcement * (1.0 - spec.reinforcement_loss)
        state.defender_peak = max(state.defender_peak, state.defender)
        forces.feed_defender(world, spec)  # air and naval forces mobilised or committed since
        a, d = state.attacker, state.defender
        noise_a, noise_d = rng.lognormal(0.0, spec.noise, size=2) if spec.noise > 0 else (1.0, 1.0)
        state.attacker, state.defender = lanchester_day(
            a, d, spec.attrition_per_day, spec.fortification, float(noise_a), float(noise_d), state.weight
        )  # piecemeal divisions strike (and advance) as fewer; they die as many
        advance = advance_km(a * state.weight, d, spec.fortification, spec.advance_km_per_day)
        advance *= spec.breakthrough_advance if state.broken else 1.0
        limit = spec.objective_km if spec.objective_km > 0 else spec.depth_km  # no further than this
        advance = min(advance, limit - state.ground_km)
        state.ground_km += advance
        reached = 0 < spec.objective_km <= state.ground_km + 1e-9
        if reached:
            state.ground_km = spec.objective_km  # exactly on the line (no rounding past it)
        full = max(spec.defender_divisions + state.garrison, state.defender_peak)  # as allocated
        state.cohesion = state.defender / full if full > 0 else 0.0
        _report_day(world, spec, advance)
        if not state.broken and state.cohesion < spec.breakthrough_cohesion:
            _break_through(world, spec)
        if reached:
            _hold(world, spec)  # the attacker stops on its objective: it takes no capital, ends no resistance
            break
        if not state.capital_fallen and state.cohesion < spec.capital_falls_cohesion:
            state.capital_fallen = spec.defender == world.scenario.aggressor.target
            if state.capital_fallen:
                world.journal.record(
                    CapitalData(front=spec.id, actor=spec.defender),
                    f"{capital_name(world, spec)} falls.",
                    actors=(spec.attacker, spec.defender),
                )
        if state.cohesion < spec.collapse_cohesion or state.attacker <= 0:
            state.status = "collapsed" if state.cohesion < spec.collapse_cohesion else "halted"
            if state.status == "collapsed" and spec.decisive:
                text = f"Organised resistance by {world.name(spec.defender)} on the {spec.name} ends."
            elif state.status == "collapsed":
                text = (
                    f"{world.name(spec.defender)}'s forces on the {spec.name} are routed: the front is "
                    f"lost, but {world.name(spec.defender)} fights on elsewhere."
                )
            else:
                text = f"{world.name(spec.attacker)}'s offensive on the {spec.name} has spent itself."
            world.journal.record(
                CollapseData(front=spec.id, actor=spec.defender)
                if state.status == "collapsed"
                else ExhaustedData(front=spec.id, actor=spec.attacker),
                text,
                actors=(spec.attacker, spec.defender),
            )


def capital_name(world: World, spec: Front) -> str:
    """The capital behind ``spec`` in text: its ``capital`` ("Tallinn"), or "The capital of X"."""
    return spec.capital or f"The capital of {world.name(spec.defender)}"


def _hold(world: World, spec: Front) -> None:
    """The attacker has reached its objective on ``spec``: it halts there and holds the ground
    (public: everyone sees where the advance stops). The front's battle ends; its status is
    ``holding`` from now on, and no offensive can be ordered on it."""
    state = world.fronts[spec.id]
    state.status = "holding"
    attackers = [spec.attacker, *state.joined]
    names = [world.name(a) for a in attackers]
    one = verb_for(names, "its", "their")
    world.journal.record(
        ObjectiveData(front=spec.id, actor=spec.attacker, ground_km=round(state.ground_km, 1)),
        f"{and_list(names)} {verb_for(names, 'halts', 'halt')} on {spec.objective or one + ' objective'}, "
        f"holding {state.ground_km:.0f} km.",
        actors=(*attackers, spec.defender),
    )


def _break_through(world: World, spec: Front) -> None:
    """The defender's cohesion on ``spec`` has fallen under its ``breakthrough_cohesion``: the line
    is broken (public: a breach is seen by all), and the attacker advances faster from now on."""
    world.fronts[spec.id].broken = True
    world.journal.record(
        BreakthroughData(front=spec.id, actor=spec.defender, attacker=spec.attacker),
        f"{world.name(spec.attacker)} breaks through {world.name(spec.defender)}'s line on the {spec.name}.",
        actors=(spec.attacker, spec.defender),
    )


def _report_day(world: World, spec: Front, advance: float) -> None:
    state = world.fronts[spec.id]
    attackers = [spec.attacker, *state.joined]
    names = and_list(world.name(a) for a in attackers)
    if state.ground_km >= spec.depth_km and advance <= 0:
        verb = verb_for(attackers, "holds", "hold")
        text = f"{spec.name}: {names} {verb} all {spec.depth_km:.0f} km of the territory."
    else:
        km = f"{advance:.{0 if advance >= 10 else 1}f}"
        verb = verb_for(attackers, "advances", "advance")
        text = f"{spec.name}: {names} {verb} {km} km ({state.ground_km:.0f} km in all)."
    world.journal.record(
        FrontData(front=spec.id, advance_km=round(advance, 1), ground_km=round(state.ground_km, 1)),
        text,
        actors=(*attackers, spec.defender),
        truth=FrontTruth(
            attacker_divisions=round(state.attacker, 2),
            defender_divisions=round(state.defender, 2),
            cohesion=round(state.cohesion, 3),
        ),
    )


#: The decisions of this module a seat may take unprompted (assembled in wargame.engine.standard).
DECISIONS = (
    FreeDecision(kind="launch_offensive", options=RANK, check=_can_attack, handler=_attack_decision),
    FreeDecision(kind="halt_offensive", options=("halt",), check=_can_halt, handler=_halt_decision),
)
