"""What each seat may see, and what the white cell sees.

A seat's view is built by one function, :func:`seat_view`, from an allowlist: the events the seat
may see (its own, those addressed to it, public ones) with ground truth stripped, its open
prompts, and its own state's situation. Nothing else can reach it: no other seat's reports, no
true values behind a report, no aggressor's plan, no facilitator notes. The white cell's view,
:func:`white_cell_view`, is everything.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from wargame.engine.credibility import credibility
from wargame.engine.functionality import functionality as functionality_index
from wargame.engine.functionality import parties, planned_weight
from wargame.engine.journal import Event
from wargame.engine.picture import assessments
from wargame.engine.state import Prompt
from wargame.engine.whitecell import InjectStatus, master_list
from wargame.engine.world import World
from wargame.model.clock import format_instant
from wargame.model.grading import Estimate
from wargame.model.scenario import Actor, Guarantee
from wargame.model.units import planned
from wargame.session.lazy import LazyMapping, LazyTuple


@attrs.frozen(kw_only=True)
class PromptView:
    """An open decision prompt as its seat sees it."""

    id: str
    seat: str
    kind: str
    question: str
    options: tuple[str, ...]
    default: str
    opened: int
    deadline: int
    context: Mapping[str, Any] = attrs.field(factory=dict, eq=False)

    @classmethod
    def of(cls, p: Prompt) -> PromptView:
        return cls(
            id=p.id,
            seat=p.seat,
            kind=p.kind,
            question=p.question,
            options=p.options,
            default=p.default,
            opened=p.opened,
            deadline=p.deadline,
            context=dict(p.context),
        )


@attrs.frozen(kw_only=True)
class Situation:
    """A state's own situation: what its government knows of itself."""

    divisions: float
    mobilisation: str
    at_war_with: tuple[str, ...]
    temper: float = 0.0  # its hidden disposition in this game (wargame.engine.state.ActorState)
    air: float = 0.0  # air squadrons available
    naval: float = 0.0  # warships available


@attrs.frozen(kw_only=True)
class SeatView:
    """Everything one seat knows at one instant."""

    seat: str
    name: str
    briefing: str
    now: int
    date: str
    events: Sequence[Event]  # a LazyTuple: worked out when first read
    pending: tuple[PromptView, ...]
    own: Situation
    profile: Actor  # the seat's own state: its drivers (interest, readiness, war-weariness)
    treaties: tuple[Guarantee, ...]  # the guarantees it is party to, secret clauses included
    credibility: Mapping[str, float]  # each guarantor of the protected state, as this seat sees it
    assessments: Mapping[str, Estimate]  # what its analysts conclude, subject by subject
    # each guarantor of the protected state -> its planned strength in division-equivalents (its
    # aircraft and ships weighed by the front it would fight on): public knowledge
    # (published timetables, the staff talks), what a doctrine weighs its own share of the load by
    alliance: Mapping[str, float] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class FrontTruth:
    id: str
    status: str
    attacker: float
    defender: float
    cohesion: float
    ground_km: float
    capital_fallen: bool


@attrs.frozen(kw_only=True)
class WhiteCellView:
    """The ground truth: every event with its hidden parts, every prompt, every state."""

    now: int
    date: str
    events: tuple[Event, ...]
    pending: tuple[PromptView, ...]
    actors: Mapping[str, Situation]
    fronts: tuple[FrontTruth, ...]
    attack_at: int
    notes: str
    credibility: Mapping[str, Mapping[str, float]]  # observer -> guarantor -> credibility
    functionality: float  # share of the guarantors' planned divisions ready, times the functionality index
    moved_to_defended: float  # net divisions the aggressor moved to the fronts it defends
    assessments: Mapping[str, Mapping[str, Estimate]]  # seat -> subject -> its assessment
    truths: Mapping[str, float]  # subject -> the true value now
    injects: tuple[InjectStatus, ...]  # the master event list, with each inject's state


@attrs.define
class ViewCache:
    """What the views of one game have worked out so far, per seat (derived, never journalled).

    ``seen``: the events the seat may see, up to a count of the journal's events (the journal
    only grows, so only new events are filtered). ``judged``: the credibility and assessments
    worked out from how many of those events. Kept beside the world, not in it: a replayed or
    resumed game builds a new world and so starts with an empty cache."""

    seen: dict[str, tuple[int, list[Event]]] = attrs.Factory(dict)
    judged: dict[str, tuple[int, dict[str, Any]]] = attrs.Factory(dict)


_CACHES: weakref.WeakKeyDictionary[World, ViewCache] = weakref.WeakKeyDictionary()


def view_cache(world: World) -> ViewCache:
    """The views' cache of ``world`` (made on first use, dropped with the world)."""
    cache = _CACHES.get(world)
    if cache is None:
        cache = _CACHES[world] = ViewCache()
    return cache


def seat_events(events: Iterable[Event], seat: str) -> tuple[Event, ...]:
    """The events ``seat`` may see, with ground truth removed."""
    return tuple(_stripped(e) for e in events if e.visible_to(seat))


def _stripped(e: Event) -> Event:
    """``e`` without its ground truth (``attrs.evolve(e, truth=None)``, built directly: faster).
    An event with no truth is shared as it is: events are frozen."""
    if e.truth is None:
        return e
    return Event(t=e.t, seq=e.seq, actors=e.actors, see=e.see, text=e.text, at=e.at, data=e.data)


def seen_by(world: World, seat: str, upto: int | None = None) -> tuple[Event, ...]:
    """``seat_events`` of the world's journal (of its first ``upto`` events), kept up to date
    incrementally (the journal only grows, so only events new since the last call are filtered
    and stripped)."""
    cache = view_cache(world).seen
    done, seen = cache.setdefault(seat, (0, []))
    events = world.journal.events
    seen.extend(seat_events(events[done:], seat))
    cache[seat] = (len(events), seen)
    if upto is None or upto >= len(events):
        return tuple(seen)
    return tuple(seen[: bisect.bisect_left(seen, upto, key=lambda e: e.seq)])


def seen_lazily(world: World, seat: str) -> LazyTuple:
    """:func:`seen_by` as of now, filtered and stripped only when first read (a bot answering a
    prompt rarely reads it); read later, it still holds only what the seat had seen now."""
    upto = len(world.journal.events)
    return LazyTuple(lambda: seen_by(world, seat, upto))


def _situation(world: World, actor: str) -> Situation:
    s = world.actors[actor]
    return Situation(
        divisions=s.divisions,
        mobilisation=s.mobilisation,
        at_war_with=tuple(s.at_war_with),
        temper=s.temper,
        air=s.air,
        naval=s.naval,
    )


def seat_view(world: World, seat: str) -> SeatView:
    """The view of ``seat`` now."""
    actor = world.scenario.actor(seat)
    seen = seen_lazily(world, seat)  # once: the view's events, credibility, assessments
    return SeatView(
        seat=seat,
        name=actor.name,
        briefing=actor.briefing,
        now=int(world.env.now),
        date=format_instant(world.scenario.scenario.start, int(world.env.now)),
        events=seen,
        pending=tuple(
            PromptView.of(p)
            for p in world.open_prompts()
            if p.seat == seat and p.deadline > int(world.env.now)  # at its deadline it is too late
        ),
        own=_situation(world, seat),
        profile=actor,
        treaties=tuple(g for g in world.scenario.guarantees if seat in (*g.guarantors, g.protected)),
        alliance={g: planned_weight(world.scenario, g) for g in world.scenario.guarantors_of()},
        **_judgements(world, seat, seen),
    )


def _judgements(world: World, seat: str, seen: Sequence[Event]) -> dict[str, Any]:
    """The credibility ``seat`` perceives and its assessments, from what it has seen.

    Both are worked out only when first read (most bot prompts never look at them) and are kept
    until the seat sees something new (bots look at a seat many times at one instant). They depend
    on ``seen`` alone, so a view read later still shows what its seat judged when it was made."""

    cache = view_cache(world).judged

    def judge() -> dict[str, Any]:
        count, judged = cache.get(seat, (-1, {}))
        if count != len(seen):
            judged = {"credibility": _credibility_from(world, seen), "assessments": assessments(seen)}
            cache[seat] = (len(seen), judged)
        return judged

    return {
        "credibility": LazyMapping(lambda: dict(judge()["credibility"])),
        "assessments": LazyMapping(lambda: dict(judge()["assessments"])),
    }


def perceived_credibility(world: World, observer: str | None) -> dict[str, float]:
    """Each guarantor's credibility as ``observer`` sees it (None: from everything that happened)."""
    seen = world.journal.events if observer is None else seen_by(world, observer)
    return _credibility_from(world, seen)


def _credibility_from(world: World, seen: Sequence[Event]) -> dict[str, float]:
    return {g: credibility(world.scenario, g, seen) for g in world.scenario.guarantors_of()}


def white_cell_view(world: World) -> WhiteCellView:
    """The white cell's view now."""
    return WhiteCellView(
        now=int(world.env.now),
        date=format_instant(world.scenario.scenario.start, int(world.env.now)),
        events=tuple(world.journal.events),
        pending=tuple(PromptView.of(p) for p in world.open_prompts()),
        actors={a: _situation(world, a) for a in world.scenario.actor_ids},
        fronts=tuple(
            FrontTruth(
                id=f.id,
                status=f.status,
                attacker=f.attacker,
                defender=f.defender,
                cohesion=f.cohesion,
                ground_km=f.ground_km,
                capital_fallen=f.capital_fallen,
            )
            for f in world.fronts.values()
        ),
        attack_at=world.attack_at,
        notes=world.scenario.scenario.white_cell_notes,
        credibility={
            o: perceived_credibility(world, o)
            for o in (world.scenario.aggressor.actor, world.scenario.aggressor.target)
        },
        functionality=functionality(world),
        moved_to_defended=world.moved_to_defended,
        assessments={a: assessments(seen_by(world, a)) for a in world.scenario.actor_ids},
        truths=key_truths(world),
        injects=master_list(world),
    )


def key_truths(world: World) -> dict[str, float]:
    """The true value now of every subject the services report on."""
    from wargame.engine.intelligence import truth_of

    subjects = [f"forces.{f.id}" for f in world.scenario.fronts]
    subjects += [f"mobilisation.{m.actor}" for m in world.scenario.mobilisation]
    return {s: truth_of(world, s) for s in subjects}


def functionality(world: World) -> float:
    """The alliance's operational capacity to act together now (0 to 1): the ready share of the
    guarantors' planned strength, times the functionality index."""
    guarantors, _ = parties(world.scenario)
    plans = {g: planned(world.scenario, g) for g in guarantors}
    full = sum(plans.values())
    ready = sum(min(world.actors[g].divisions, plans[g]) for g in guarantors)
    return round((ready / full if full > 0 else 0.0) * functionality_index(world.scenario), 3)
