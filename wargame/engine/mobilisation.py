"""Mobilisation: from an order to divisions, phase by phase, late at random.

A state's timetable (``[[mobilisation]]`` in the scenario) lists phases by planned day after
the order (J+day). The seat is asked to order general mobilisation at ``prompt_at`` (Poland,
29 August 1939, when the allies pressed it to wait) or when the invasion begins (France,
Britain). It may defer; it is then asked again ``defer_days`` later. Each phase completes at
its planned day plus a normal delay of ``spread_days`` (stream ``mobilisation.<actor>``), never
before the phase before it. Completing a phase raises the state's available divisions. Treaty
design and readiness change the tempo (:func:`tempo`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.engine.decisions import open_prompt
from wargame.model.clock import from_days, from_hours

if TYPE_CHECKING:
    from wargame.engine.world import World
    from wargame.model.scenario import Mobilisation


def start(world: World) -> None:
    for spec in world.scenario.mobilisation:
        if spec.prompt_at is not None or spec.prompt_on_invasion:
            world.env.process(_mobilise(world, spec))


def _mobilise(world: World, spec: Mobilisation):  # type: ignore[no-untyped-def]
    env = world.env
    if spec.prompt_at is not None:
        yield env.timeout(world.minute(spec.prompt_at))
    else:
        yield world.invasion
    while True:
        answer = yield open_prompt(
            world,
            spec.actor,
            "mobilise",
            "order general mobilisation now, or defer?",
            ("order", "defer"),
            default=spec.default,
            within=from_hours(spec.decision_hours),
            context={"divisions_now": world.actors[spec.actor].divisions},
        )
        if answer.choice == "order":
            break
        yield env.timeout(from_days(spec.defer_days))
    yield from _run_timetable(world, spec)


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


def _run_timetable(world: World, spec: Mobilisation):  # type: ignore[no-untyped-def]
    env, state = world.env, world.actors[spec.actor]
    ordered = int(env.now)
    state.mobilisation = "ordered"
    state.mobilisation_ordered_at = ordered
    world.journal.record(
        "mobilisation",
        f"{world.name(spec.actor)} orders general mobilisation.",
        actors=(spec.actor,),
        data={"actor": spec.actor, "step": "ordered"},
    )
    rng = world.streams(f"mobilisation.{spec.actor}")
    pace, spread = tempo(world, spec.actor)
    done = ordered
    for i, phase in enumerate(spec.phases):
        delay_days = float(rng.normal(0.0, phase.spread_days)) * spread if phase.spread_days > 0 else 0.0
        done = max(done, ordered + from_days(max(0.0, phase.day * pace + delay_days)))
        yield env.timeout(done - int(env.now))
        state.divisions = max(state.divisions, phase.divisions)
        last = i == len(spec.phases) - 1
        state.mobilisation = "complete" if last else phase.name
        actual_day = (done - ordered) / (24 * 60)
        world.journal.record(
            "mobilisation",
            f"{world.name(spec.actor)}: mobilisation phase '{phase.name}' complete, day "
            f"{actual_day:.1f} after the order (planned: day {phase.day:g}); "
            f"{state.divisions:.0f} divisions available.",
            actors=(spec.actor,),
            see=(spec.actor,),
            data={
                "actor": spec.actor,
                "step": phase.name,
                "planned_day": phase.day,
                "day": actual_day,
                "divisions": state.divisions,
            },
        )
