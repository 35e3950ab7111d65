"""The aggressor's allocation: how it splits its army between the state it invades and the fronts
it must defend (the West of 1939), decided by its seat, not by a rule.

Jodl at Nuremberg: Germany did not collapse in 1939 only because the French and British divisions
in the West stayed inactive against 23 German divisions. Whether to leave the West that thin was a
judgement on the guarantors' resolve. Here the aggressor's seat is asked (prompt ``allocate``)
once it has invaded, and again on news — a declaration of war, an offensive or a halt on a front
it defends, a breakthrough, a guarantor's mobilisation, a changed assessment of an attacker's army
(:class:`AllocationNews`) — until the invaded state's resistance ends. Its options are levels of
the net divisions moved to the fronts it defends (:func:`goal`):

* ``strip`` — up to ``strip_divisions`` of them go to the invasion front, to finish it faster;
* ``hold`` — the planned deployment (the default: an absent leadership changes nothing; after a
  strip or a reinforcement it moves the divisions back, and says so);
* ``reinforce`` — half of ``max_transfer_divisions`` come back from the invasion front;
* ``recall`` — up to ``max_transfer_divisions``.

At most half of the invasion army can leave while the campaign is on (the campaign must go on).
Moved divisions are on the road ``transfer_days`` before they count where they go (they leave at
once). How the bots choose is in :func:`wargame.session.doctrines.common.allocation`, from the
seat's own beliefs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wargame.engine import campaign, news
from wargame.engine.aggressor import strength_shares
from wargame.engine.decisions import open_prompt
from wargame.engine.events import (
    BreakthroughData,
    CollapseData,
    ExhaustedData,
    HaltData,
    MobilisationData,
    OffensiveData,
    ReportData,
    TransferData,
    WarData,
)
from wargame.model.clock import from_days, from_hours
from wargame.model.prompts import defended_fronts, invasion_front
from wargame.model.scenario import PROMPTS
from wargame.model.units import strength_text

if TYPE_CHECKING:
    from collections.abc import Generator

    import simpy

    from wargame.engine.journal import Event
    from wargame.engine.world import World
    from wargame.model.scenario import Aggressor, Front

CHOICES = PROMPTS["allocate"]
#: The share of the invasion army that may leave while the campaign is on (design choice).
MAX_SOURCE_SHARE = 0.5


def goal(plan: Aggressor, choice: str) -> float:
    """The net divisions moved to the defended fronts that ``choice`` aims at."""
    return {
        "strip": -plan.strip_divisions,
        "hold": 0.0,
        "reinforce": 0.5 * plan.max_transfer_divisions,
        "recall": plan.max_transfer_divisions,
    }[choice]


def start(world: World) -> None:
    if world.scenario.aggressor.actor in world.askable["allocate"]:
        world.env.process(_allocate(world))


class AllocationNews:
    """News that bears on the allocation, for the aggressor: a declaration of war on it; an
    offensive, a halt, an exhausted attack or a breakthrough on a front it defends; a guarantor's
    mobilisation order or phase; its assessment of an attacker's army (``mobilisation.<actor>``, in
    its own picture) moving by more than the defended front's ``reassess_change`` since it was last
    asked (:meth:`reset`); the invaded state's collapse (which closes the question)."""

    def __init__(self, world: World) -> None:
        plan = world.scenario.aggressor
        self.aggressor, self.target = plan.actor, plan.target
        fronts = defended_fronts(world.scenario)
        self.defended = {f.id for f in fronts}
        self.guarantors = set(world.scenario.guarantors_of())
        self.estimates = news.Reassessed(
            world.pictures[plan.actor], {f"mobilisation.{f.attacker}": f.reassess_change for f in fronts}
        )

    def reset(self) -> None:
        """The question is put now: later changes of the assessments are measured from here."""
        self.estimates.reset()

    def __call__(self, event: Event) -> bool:
        d = event.data
        if isinstance(d, ReportData):
            return self.estimates.moved(d.subject)
        return (
            (isinstance(d, WarData) and d.on == self.aggressor)
            or (
                isinstance(d, (OffensiveData, HaltData, ExhaustedData, BreakthroughData))
                and d.front in self.defended
            )
            or (isinstance(d, MobilisationData) and d.actor in self.guarantors)
            or (isinstance(d, CollapseData) and d.actor == self.target)
        )


def strength_on(world: World, spec: Front) -> float:
    """The aggressor's own divisions on the front it defends, ``spec`` (moved ones included once
    arrived; before the front first opens, its deployment)."""
    state = world.fronts[spec.id]
    return (
        state.defender if state.opened_at is not None else max(0.0, spec.defender_divisions + state.garrison)
    )


def _context(world: World, what: str) -> dict[str, Any]:
    plan = world.scenario.aggressor
    return {
        "news": what,
        "moved": round(world.moved_to_defended, 1),
        "strength": strength_shares(world.scenario),
        "goals": {c: goal(plan, c) for c in CHOICES},
        "defended": {
            f.id: {
                "attacker": f.attacker,
                "divisions": round(strength_on(world, f), 1),
                "planned": f.defender_divisions,
                "fortification": f.fortification,
                "general_share": f.general_share,
                "active": world.fronts[f.id].status == "active",
                "broken": world.fronts[f.id].broken and world.fronts[f.id].status == "active",
            }
            for f in defended_fronts(world.scenario)
        },
    }


def _allocate(world: World) -> Generator[simpy.Event, Any, None]:
    plan = world.scenario.aggressor
    yield world.invasion
    heard = AllocationNews(world)
    watch = news.Watch(world, plan.actor, heard)
    act = "strike" if world.trigger == "strike" else "invasion"
    struck = "struck at" if act == "strike" else "invaded"
    what = f"{world.name(plan.actor)} has {struck} {world.name(plan.target)}."
    try:
        while not campaign.protected_collapsed(world):
            asked_at = int(world.env.now)
            heard.reset()
            answer = yield open_prompt(
                world,
                plan.actor,
                "allocate",
                f"{what} Strip the fronts you defend for the {act}, hold (keep the planned "
                f"deployment there), reinforce them, or recall the {act} army to them?",
                CHOICES,
                default="hold",
                within=from_hours(world.scenario.actor(plan.actor).war_decision_hours),
                context=_context(world, what),
            )
            since = watch.mark()
            if not campaign.protected_collapsed(world):
                move_to(world, goal(plan, answer.choice), answer.choice)
            yield from watch.wait(since, asked_at)
            what = watch.what
    finally:
        watch.close()


def move_to(world: World, target: float, choice: str = "") -> None:
    """Move divisions between the invasion front and the defended fronts until the net moved to
    the defended fronts is ``target`` (as far as the invasion army and the garrisons allow); each
    move's text says why (:func:`_why`, from the ``choice`` that set the target)."""
    spec = invasion_front(world.scenario)
    assert spec is not None
    delta = round(target - world.moved_to_defended, 1)
    if delta > 0:
        source = world.fronts[spec.id]
        share = MAX_SOURCE_SHARE if source.status in ("quiet", "active") else 1.0
        moved = round(min(delta, source.attacker * share), 1)
        if moved > 0:
            to = _most_threatened(world)
            source.attacker -= moved
            _record(world, spec.id, to.id, moved, _why(world, choice, delta))
            world.later(from_days(world.scenario.aggressor.transfer_days), garrison, world, to.id, moved)
    elif delta < 0:
        left = -delta
        for front in sorted(
            defended_fronts(world.scenario), key=lambda f: world.fronts[f.id].status == "active"
        ):
            moved = round(min(left, strength_on(world, front)), 1)
            if moved <= 0:
                continue
            garrison(world, front.id, -moved)
            _record(world, front.id, spec.id, moved, _why(world, choice, delta))
            world.later(
                from_days(world.scenario.aggressor.transfer_days), _join_invasion, world, spec.id, moved
            )
            left -= moved


def _most_threatened(world: World) -> Front:
    """The defended front to reinforce: the one under the heaviest attack, else the first."""
    fronts = defended_fronts(world.scenario)
    active = [f for f in fronts if world.fronts[f.id].status in ("active", "preparing")]
    return max(active, key=lambda f: world.fronts[f.id].attacker) if active else fronts[0]


def _why(world: World, choice: str, delta: float) -> str:
    """Why the aggressor moves divisions, in words: the level its ``choice`` set (``delta``: the
    direction, positive towards the fronts it defends). A ``hold`` after a reinforcement moves them
    back: the planned deployment, not "stay where they are"."""
    act = "strike" if world.trigger == "strike" else "invasion"
    if choice == "hold":
        return "back to the planned deployment"
    if choice == "strip":
        return f"stripping the fronts it defends for the {act}"
    if choice == "recall":
        return "recalling its army to the fronts it defends"
    if choice == "reinforce":
        return "to reinforce the fronts it defends" if delta > 0 else "from a recall back to a reinforcement"
    return ""


def _record(world: World, source: str, to: str, divisions: float, why: str = "") -> None:
    plan = world.scenario.aggressor
    defended = {f.id for f in defended_fronts(world.scenario)}
    world.moved_to_defended += divisions if to in defended else -divisions
    world.journal.record(
        TransferData(source=source, to=to, divisions=divisions),
        f"{world.name(plan.actor)} moves {strength_text(divisions)} from the "
        f"{world.scenario_front(source).name} to the {world.scenario_front(to).name}"
        + (f", {why}." if why else "."),
        actors=(plan.actor,),
        see=(plan.actor,),
    )


def garrison(world: World, front_id: str, divisions: float) -> None:
    """``divisions`` (negative: leaving) join the defence of ``front_id``: at once if it is being
    fought over, else when it first opens."""
    state = world.fronts[front_id]
    state.garrison += divisions
    if state.opened_at is not None:  # they come or go in good order: the line's full strength
        state.defender = max(0.0, state.defender + divisions)  # moves with them (its cohesion does
        state.defender_peak = max(0.0, state.defender_peak + divisions)  # not jump)


def _join_invasion(world: World, front_id: str, divisions: float) -> None:
    state = world.fronts[front_id]
    if state.status == "active":
        state.attacker += divisions
