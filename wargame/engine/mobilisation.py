"""Mobilisation: from an order to divisions, phase by phase, late at random.

A state's timetable (``[[mobilisation]]`` in the scenario) lists phases by planned day after
the order (J+day). The seat is asked to order general mobilisation on news
(``prompt_on_news``: a warning, a false alarm, a report on the attack date or the enemy's forces,
an inject such as an ally's request to wait, another state's mobilisation, the invasion), not
before ``prompt_at`` if given; or, in older files, at ``prompt_at`` or when the invasion begins.
It may defer; it is then asked again at the next news, not sooner than ``defer_days`` later.
Each phase completes at its planned day plus a normal delay of ``spread_days`` (stream
``mobilisation.<actor>``), never before the phase before it. Completing a phase raises the
state's available divisions, and its air squadrons and warships where the phase lists them
(``air``, ``naval``: the same phases, the same random delays). Treaty design and readiness
change the tempo (:func:`tempo`).

A seat may also mobilise at any time (a free decision): ``partial`` runs the first phase only,
``general`` the rest, and ``cancel`` stops a partial mobilisation. Orders are public costly
signals; a cancellation is a public climb-down that lowers credibility.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wargame.engine.decisions import Decision, FreeDecision, open_prompt
from wargame.engine.events import MobilisationData
from wargame.engine.news import Watch, mobilisation_news
from wargame.model.clock import from_days, from_hours
from wargame.model.units import forces_text

if TYPE_CHECKING:
    from collections.abc import Generator

    import simpy

    from wargame.engine.world import World
    from wargame.model.scenario import Mobilisation


def start(world: World) -> None:
    for spec in world.scenario.mobilisation:
        if spec.prompt_at is not None or spec.prompt_on_invasion or spec.prompt_on_news:
            world.env.process(_mobilise(world, spec))


def _mobilise(world: World, spec: Mobilisation) -> Generator[simpy.Event, Any, None]:
    """Put the question of general mobilisation to the seat: first at ``prompt_at``, at the
    invasion, or (``prompt_on_news``) at the first news from the start or from ``prompt_at``;
    after a deferral, again on news (:func:`~wargame.engine.news.mobilisation_news`), never
    sooner than ``defer_days`` after it was last asked."""
    env, state = world.env, world.actors[spec.actor]
    watch = Watch(world, spec.actor, mobilisation_news(world, spec.actor))
    not_before = world.minute(spec.prompt_at) if spec.prompt_at is not None else 0
    if spec.prompt_on_news:
        yield from watch.wait(0, not_before, hours=0)  # news since the start counts
    elif spec.prompt_at is not None:
        yield env.timeout(not_before)
    else:
        yield world.invasion
    while state.mobilisation not in ORDERED:  # a seat that has already mobilised is not asked
        since, asked_at = watch.mark(), int(env.now)
        answer = yield open_prompt(
            world,
            spec.actor,
            "mobilise",
            "order general mobilisation now, or defer?",
            ("order", "defer"),
            default=_default(world, spec),
            within=from_hours(spec.decision_hours),
            context={"divisions_now": state.divisions, "front": _front_of(world)}
            | ({"air_now": state.air} if state.air else {})
            | ({"naval_now": state.naval} if state.naval else {}),
        )
        if answer.choice == "order":
            if state.mobilisation not in ORDERED:  # it may have been ordered at will meanwhile
                order(world, spec, "general")
            break
        yield from watch.wait(since, asked_at, hours=spec.defer_days * 24)
    watch.close()


def _default(world: World, spec: Mobilisation) -> str:
    """What an absent seat gets: ``spec.default``, except that a question put on news before the
    invasion defaults to ``defer`` (an absent government does not mobilise on a rumour)."""
    if spec.prompt_on_news and not world.invasion.triggered:
        return "defer"
    return spec.default


def _front_of(world: World) -> str | None:
    """The front the aggressor opens against the protected state, which a seat weighs its threat
    by (public: the map); None if the scenario has none."""
    plan = world.scenario.aggressor
    return next(
        (f.id for f in world.scenario.fronts if f.attacker == plan.actor and f.defender == plan.target),
        None,
    )


#: States in which general mobilisation has been ordered (and not cancelled).
ORDERED = ("ordered", "complete")


def timetable_of(world: World, actor: str) -> Mobilisation | None:
    return next((m for m in world.scenario.mobilisation if m.actor == actor and m.phases), None)


def order(world: World, spec: Mobilisation, level: str) -> None:
    """Order ``partial`` (the first phase only) or ``general`` mobilisation (every remaining phase).
    An order is public, and a costly signal; it supersedes any timetable already running."""
    state = world.actors[spec.actor]
    state.timetable += 1
    if level == "general":
        state.mobilisation = "ordered"
        state.mobilisation_ordered_at = int(world.env.now)
    else:
        state.mobilisation = "partial"
    world.journal.record(
        MobilisationData(actor=spec.actor, step="ordered" if level == "general" else "partial"),
        f"{world.name(spec.actor)} orders {level} mobilisation.",
        actors=(spec.actor,),
    )
    last = len(spec.phases) if level == "general" else min(1, len(spec.phases))
    world.env.process(_run_timetable(world, spec, state.timetable, last))


def cancel(world: World, spec: Mobilisation) -> None:
    """Stop the timetable: the phases not yet complete never come. A public climb-down."""
    state = world.actors[spec.actor]
    state.timetable += 1
    state.mobilisation = "cancelled"
    world.journal.record(
        MobilisationData(actor=spec.actor, step="cancelled"),
        f"{world.name(spec.actor)} cancels its mobilisation.",
        actors=(spec.actor,),
    )


def _can_mobilise(world: World, seat: str, choice: str) -> str | None:
    if timetable_of(world, seat) is None:
        return "it has no mobilisation timetable"
    state = world.actors[seat].mobilisation
    if state in ORDERED:
        return "general mobilisation is already ordered"
    if choice == "cancel" and state != "partial":
        return "there is no mobilisation under way to cancel"
    if choice == "partial" and state == "partial":
        return "partial mobilisation is already under way"
    return None


def _mobilise_decision(world: World, decision: Decision) -> None:
    spec = timetable_of(world, decision.seat)
    assert spec is not None
    if decision.choice == "cancel":
        cancel(world, spec)
    else:
        order(world, spec, decision.choice)


def tempo(world: World, actor: str) -> tuple[float, float]:
    """(pace, spread) multipliers of ``actor``'s timetable: treaty design (an integrated command,
    joint exercises in any guarantee it is party to) shortens the plan; readiness narrows the
    random delays (readiness 0.5 leaves them as planned)."""
    treaties = [g for g in world.scenario.guarantees if actor in (*g.guarantors, g.protected)]
    integrated = any(g.integrated_command for g in treaties)
    exercises = any(g.joint_exercises for g in treaties)
    pace = 1.0 - 0.15 * integrated - 0.10 * exercises
    spread = 1.5 - world.scenario.actor(actor).readiness
    return pace, spread


def _run_timetable(
    world: World, spec: Mobilisation, run: int, until: int
) -> Generator[simpy.Event, Any, None]:
    """Complete phases from the next one not yet done up to ``until``, counting their days from
    now; stop if another order or a cancellation supersedes this run."""
    env, state = world.env, world.actors[spec.actor]
    ordered = int(env.now)
    rng = world.streams(f"mobilisation.{spec.actor}")
    pace, spread = tempo(world, spec.actor)
    done = ordered
    for i in range(state.phases_done, until):
        phase = spec.phases[i]
        delay_days = float(rng.normal(0.0, phase.spread_days)) * spread if phase.spread_days > 0 else 0.0
        done = max(done, ordered + from_days(max(0.0, phase.day * pace + delay_days)))
        yield env.timeout(done - int(env.now))
        if state.timetable != run:
            return  # superseded or cancelled
        state.divisions = max(state.divisions, phase.divisions)
        state.air = max(state.air, phase.air)  # air and naval forces: the same phases, the same delays
        state.naval = max(state.naval, phase.naval)
        state.phases_done = i + 1
        if state.mobilisation != "partial":
            state.mobilisation = "complete" if i == len(spec.phases) - 1 else "ordered"
        actual_day = (done - ordered) / (24 * 60)
        world.journal.record(
            MobilisationData(
                actor=spec.actor,
                step=phase.name,
                planned_day=phase.day,
                day=actual_day,
                divisions=state.divisions,
                air=state.air or None,
                naval=state.naval or None,
            ),
            f"{world.name(spec.actor)}: mobilisation phase '{phase.name}' complete, day "
            f"{actual_day:.1f} after the order (planned: day {phase.day:g}); "
            f"{forces_text(state.divisions, state.air, state.naval)} available.",
            actors=(spec.actor,),
            see=(spec.actor,),
        )


#: The decisions of this module a seat may take unprompted (assembled in wargame.engine.standard).
DECISIONS = (
    FreeDecision(
        kind="mobilise",
        options=("partial", "general", "cancel"),
        check=_can_mobilise,
        handler=_mobilise_decision,
    ),
)
