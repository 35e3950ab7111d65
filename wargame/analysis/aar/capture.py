"""Capturing beliefs: replay a game and look at every seat's mind on the way.

The journal records what each seat *saw* but not what it *made of it*, nor the truth at every
instant (the fronts' strengths, the aggressor's true attack date). Both are recomputed by playing
the game again on a fresh session, with the same scenario, seed, seats and human decisions
(:func:`wargame.session.journal.read.replay_events`), and looking at it:

* at each decision, the instant it is recorded: the deciding seat's assessments (from its
  :class:`~wargame.session.views.SeatView`) and perceived credibility, beside the truth;
* once a day (and at the end): the fronts, the truth, every seat's assessments and credibility,
  for the review's plots.

Looking does not disturb the game: views only read (their per-seat cache gives the same answer
whenever it is filled), and advancing the clock in daily steps gives the same journal as any other
steps (the settle rule). The session under review is never touched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from wargame.analysis.aar.types import Belief, FrontSample, Sample
from wargame.engine.events import DecisionData
from wargame.engine.intelligence import subject_label
from wargame.engine.journal import Event
from wargame.engine.world import World
from wargame.model.clock import DAY, format_instant
from wargame.model.scenario_files.scenarios import LoadedScenario
from wargame.session.journal.read import JournalFile
from wargame.session.journal.replay import replay_events
from wargame.session.journal.verify import check_replay
from wargame.session.session import Session
from wargame.session.views import key_truths, perceived_credibility, seat_view

TRUTH = "truth"  # the observer whose credibility is computed from everything that happened


@attrs.frozen(kw_only=True)
class Snapshot:
    """What a deciding seat believed when its decision was recorded."""

    beliefs: tuple[Belief, ...]
    credibility: Mapping[str, float]
    true_credibility: Mapping[str, float]


@attrs.frozen(kw_only=True)
class Capture:
    session: Session  # the fresh, replayed session
    at_decisions: Mapping[int, Snapshot]  # decision event's seq -> snapshot
    samples: tuple[Sample, ...]


def truths(world: World) -> dict[str, float]:
    """The true value now of every subject a seat may assess (dates in minutes)."""
    out = key_truths(world)
    out["attack_date"] = float(world.attack_at)
    return out


def beliefs_of(world: World, seat: str, true: Mapping[str, float]) -> tuple[Belief, ...]:
    view = seat_view(world, seat)
    return tuple(
        Belief(
            subject=subject,
            label=subject_label(world.scenario, subject),
            estimate=e.value,
            low=e.low,
            high=e.high,
            reports=e.reports,
            truth=round(true[subject], 2) if subject in true else None,
        )
        for subject, e in sorted(view.assessments.items())
    )


def sample(world: World) -> Sample:
    """The game now, for the plots."""
    seats = world.scenario.actor_ids
    return Sample(
        t=int(world.env.now),
        at=format_instant(world.scenario.scenario.start, int(world.env.now)),
        fronts={
            f.id: FrontSample(
                status=f.status,
                attacker=round(f.attacker, 3),
                defender=round(f.defender, 3),
                cohesion=round(f.cohesion, 4),
                ground_km=round(f.ground_km, 2),
            )
            for f in world.fronts.values()
        },
        truths={k: round(v, 3) for k, v in truths(world).items()},
        assessments={
            s: {k: (e.value, e.low, e.high) for k, e in seat_view(world, s).assessments.items()}
            for s in seats
        },
        credibility={
            **{s: perceived_credibility(world, s) for s in seats},
            TRUTH: perceived_credibility(world, None),
        },
    )


def capture(
    loaded: LoadedScenario,
    seed: int,
    seats: Mapping[str, str],
    events: Sequence[Event],
    every: int = DAY,
    journal: JournalFile | None = None,
) -> Capture:
    """Replay the game of ``events`` on a fresh session, snapshotting as described above. Given
    the ``journal`` file they were read from, the replay must reproduce it line for line
    (:func:`~wargame.session.journal.verify.check_replay`), or the review would describe a game
    other than the recorded one."""
    at_decisions: dict[int, Snapshot] = {}
    samples: list[Sample] = []

    def watch(session: Session) -> None:
        world = session.world
        world.journal.listen(lambda e: on_event(world, e))
        samples.append(sample(world))

    def advance(session: Session, t: int) -> None:
        world = session.world
        while session.now < t and not session.finished:
            nxt = min(t, (session.now // every + 1) * every)
            session.advance_until(nxt)
            if session.now == nxt and nxt % every == 0 and not session.finished:
                samples.append(sample(world))

    def on_event(world: World, e: Event) -> None:
        seat = e.data.seat if isinstance(e.data, DecisionData) else None
        if seat is None or seat not in world.scenario.actor_ids:  # not a decision, or the white cell's act
            return
        true = truths(world)
        at_decisions[e.seq] = Snapshot(
            beliefs=beliefs_of(world, seat, true),
            credibility=perceived_credibility(world, seat),
            true_credibility=perceived_credibility(world, None),
        )

    recorded = journal.header if journal is not None else None
    session = replay_events(loaded, seed, seats, events, advance=advance, watch=watch, recorded=recorded)
    if journal is not None:
        check_replay(journal, session.lines)
    if not samples or samples[-1].t != session.now:
        samples.append(sample(session.world))
    return Capture(session=session, at_decisions=at_decisions, samples=tuple(samples))
