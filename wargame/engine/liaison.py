"""Intelligence sharing between services: ad hoc, institutional, or a joint fusion centre.

A report a service collects passes to each partner with an ``institutional`` or ``fusion`` liaison
after that liaison's delay (fusion: hours; institutional: a day). With an ``adhoc`` liaison it
passes only when its owner decides (``share_report``, slow). A shared report keeps its origin, so it
can corroborate the partner's own reporting but never its own original. Shared reports are not
passed on again automatically. What a penetrated partner holds leaks: sharing widens exposure.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from wargame.engine.claims import describe
from wargame.engine.decisions import Decision, FreeDecision
from wargame.engine.events import AssessmentData, ReportData, ReportTruth
from wargame.model.clock import from_hours

if TYPE_CHECKING:
    from wargame.engine.journal import Event, Journal
    from wargame.engine.world import World

DEFAULT_DELAY_HOURS = {"adhoc": 48.0, "institutional": 24.0, "fusion": 2.0}


def partners(world: World, actor: str, automatic: bool) -> list[tuple[str, float]]:
    """(partner, delay in hours) for ``actor``'s liaisons: automatic ones, or all but ``none``."""
    out = []
    for li in world.scenario.liaison:
        if actor not in li.between or li.level == "none":
            continue
        if automatic and li.level == "adhoc":
            continue
        other = li.between[1] if li.between[0] == actor else li.between[0]
        delay = li.delay_hours if li.delay_hours >= 0 else DEFAULT_DELAY_HOURS[li.level]
        out.append((other, delay))
    return out


def pass_on(world: World, report: Event, automatic: bool = True) -> None:
    """Send ``report`` (just received by its collector) to the collector's partners."""
    sender = report.actors[0]
    for partner, delay in partners(world, sender, automatic):
        world.later(from_hours(delay), _arrive, world, sender, partner, report)


def _arrive(world: World, sender: str, partner: str, report: Event) -> None:
    from wargame.engine import penetration

    d = report.data
    if not isinstance(d, ReportData | AssessmentData):
        raise TypeError(f"only reports and assessments are shared, not a {report.kind} event")
    if world.pictures[partner].holds(d.subject, d.origin):
        return  # it already holds this report (an echo, or a second copy): nothing arrives
    source = d.source or d.origin.rsplit(".", 1)[0]  # the original source (e.g. uk.humint)
    origins = frozenset(d.origins) if d.origins is not None else None
    graded = world.pictures[partner].receive(d.subject, d.claim, d.origin, source, origins)
    grade = f"{graded.reliability}{graded.credibility}"
    shared = ReportData(
        service=d.service,
        channel="liaison",
        subject=d.subject,
        claim=d.claim,
        origin=d.origin,
        reliability=graded.reliability,
        credibility=graded.credibility,
        grade=grade,
        collected=d.collected if isinstance(d, ReportData) else None,
        shared_by=sender,
        source=d.source,
        origins=d.origins,
    )
    event = world.journal.record(
        shared,
        f"From {world.name(sender)} ({d.service}, shared; {grade}): {report.text.split(': ', 1)[-1]}",
        actors=(partner,),
        see=(partner,),
        truth=report.truth if isinstance(report.truth, ReportTruth) else ReportTruth(),
    )
    penetration.exposed(world, partner, event)


_HELD: weakref.WeakKeyDictionary[Journal, tuple[list[int], set[tuple[str, str]]]] = (
    weakref.WeakKeyDictionary()
)


def holds_report(world: World, seat: str, origin: str) -> bool:
    """Whether ``seat`` holds (is an actor of) a report of ``origin``. The journal only grows, so
    the (seat, origin) pairs are indexed as it grows, each event read once: the seat screens ask
    this of every origin a seat has seen, after every change of a served game."""
    scanned, pairs = _HELD.setdefault(world.journal, ([0], set()))
    events = world.journal.events
    for e in events[scanned[0] :]:
        if isinstance(e.data, ReportData):
            pairs.update((actor, e.data.origin) for actor in e.actors)
    scanned[0] = len(events)
    return (seat, origin) in pairs


def _can_share(world: World, seat: str, choice: str) -> str | None:
    if not partners(world, seat, automatic=False):
        return "it has no liaison with another service"
    if not holds_report(world, seat, choice):
        return f"it holds no report {choice!r}"
    return None


def _share_decision(world: World, decision: Decision) -> None:
    report = next(
        e
        for e in world.journal.events
        if isinstance(e.data, ReportData) and decision.seat in e.actors and e.data.origin == decision.choice
    )
    for partner, delay in partners(world, decision.seat, automatic=False):
        world.later(from_hours(delay), _arrive, world, decision.seat, partner, report)


def _can_share_assessment(world: World, seat: str, choice: str) -> str | None:
    if not partners(world, seat, automatic=False):
        return "it has no liaison with another service"
    if world.pictures[seat].assessment(choice) is None:
        return f"it has no assessment of {choice!r}"
    if choice == "attack_date" and world.trigger:
        return "the attack has begun: its date is no longer news"
    return None


def _share_assessment_decision(world: World, decision: Decision) -> None:
    """Send one's assessment of a subject (the choice) to every liaison partner, as a report that
    carries every origin it rests on."""
    seat, subject = decision.seat, decision.choice
    picture = world.pictures[seat]
    estimate = picture.assessment(subject)
    assert estimate is not None  # the check refused the decision otherwise
    world.shared_assessments[seat] = world.shared_assessments.get(seat, 0) + 1
    origins = sorted({o for r in picture.on(subject) for o in r.origins})
    claim = float(round(estimate.value))
    report = world.journal.record(
        AssessmentData(
            service=f"{world.name(seat)} assessment",
            subject=subject,
            claim=claim,
            origin=f"{seat}.assessment.{world.shared_assessments[seat]}",
            source=f"{seat}.assessment",
            origins=tuple(origins),
        ),
        f"{world.name(seat)} shares its assessment: {describe(world, subject, claim)}.",
        actors=(seat,),
        see=(seat,),
    )
    for partner, delay in partners(world, seat, automatic=False):
        world.later(from_hours(delay), _arrive, world, seat, partner, report)


#: The decisions of this module a seat may take unprompted (assembled in wargame.engine.standard).
DECISIONS = (
    FreeDecision(kind="share_report", options=(), check=_can_share, handler=_share_decision),
    FreeDecision(
        kind="share_assessment", options=(), check=_can_share_assessment, handler=_share_assessment_decision
    ),
)
