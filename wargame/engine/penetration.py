"""Agents of influence and penetrated services, and the oversight that finds them.

A penetration of a state (``[[penetrations]]``) works unseen by that state's seat:

* it **biases** what the seat's analysts make of incoming reports on its subjects (``subjects``;
  none named: the forces on every front the aggressor fights on, :func:`subjects_of`): each claim is
  multiplied by ``bias``, shrunk by oversight: ``effective = 1 + (bias - 1) (1 - 0.6 oversight)``.
  The seat sees only the distorted claims, so its reports and assessments agree with each other
  (and a partner it shares with receives the distortion too);
* it **suppresses** each of the seat's own reports with probability ``suppress``;
* it **leaks** the seat's decisions to ``leaks_to``, which reads them as signals of resolve or its
  absence, and passes on the reports the seat's partners share with it (sharing widens exposure).

Each day it is **detected** with probability ``detection_per_day x oversight`` (stream
``penetration.<id>``). Detection is a journal event and a prompt to the seat: ``purge`` ends it;
``watch`` ends the bias (the analysts now know) but lets the leaks run. A seat may order a review
of its services (``oversight_review``): oversight rises by 0.3, at the cost of a week in which its
reports arrive a day late, and of a public sign of trouble. The review is itself a decision, and a
penetration leaks it like any other.

An **agent of influence** (``sways``, ``sway``) works inside the cabinet: when the seat decides one
of the swayed kinds the way the aggressor dislikes (declare war, mobilise, attack, escort,
support, vote for the main offensive or against halting one), with probability
``sway x (1 - oversight)`` (stream ``sway.<id>``) the government does not carry it out. The seat's
decision is journalled as it took it; a separate event tells the seat its cabinet did not act on
it (the truth names the agent); a prompt is answered the other way (a council vote is cast the
other way, and the minutes' truth says so), a decision taken unprompted is not carried out.
Detection ends the sway, as it ends the bias.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import attrs

from wargame.engine.claims import describe, subject_label
from wargame.engine.decisions import Decision, FreeDecision, open_prompt
from wargame.engine.events import (
    DecisionData,
    DetectedData,
    DetectedTruth,
    LeakData,
    LeakTruth,
    PenetrationData,
    PenetrationTruth,
    ReportData,
    ReviewData,
    SwayedData,
    SwayedTruth,
)
from wargame.model.clock import DAY, from_hours
from wargame.model.wording import and_list

if TYPE_CHECKING:
    from collections.abc import Generator

    import simpy

    from wargame.engine.journal import Event
    from wargame.engine.world import World
    from wargame.model.scenario import Penetration, Scenario

REVIEW_GAIN = 0.3
REVIEW_DELAY = DAY  # extra delay of the seat's reports during a review
REVIEW_DAYS = 7


def start(world: World) -> None:
    if world.scenario.penetrations:
        world.decision_observers.append(leak_decision)
    if any(pen.sway > 0 and pen.sways for pen in world.scenario.penetrations):
        world.decision_vetoes.append(sway_decision)
    for pen in world.scenario.penetrations:
        world.penetration_state[pen.id] = "active"
        _record_bias(world, pen)
        world.env.process(_detection(world, pen))


def oversight(world: World, actor: str) -> float:
    return world.oversight.get(actor, world.scenario.actor(actor).oversight)


def effective_bias(world: World, pen: Penetration) -> float:
    if world.penetration_state.get(pen.id) != "active":
        return 1.0
    return round(1.0 + (pen.bias - 1.0) * (1.0 - 0.6 * oversight(world, pen.target)), 4)


@functools.lru_cache(maxsize=64)
def subjects_of(scenario: Scenario, pen: Penetration) -> tuple[str, ...]:
    """The assessments ``pen`` biases: its ``subjects``, or, when it names none, the forces on every
    front the aggressor fights on (``forces.<front>`` of each front it attacks or defends, in file
    order)."""
    if pen.subjects:
        return pen.subjects
    aggressor = scenario.aggressor.actor
    return tuple(f"forces.{f.id}" for f in scenario.fronts if aggressor in (f.attacker, f.defender))


def _record_bias(world: World, pen: Penetration) -> None:
    """Record (for the white cell only) the bias now acting on the target's assessments."""
    subjects = subjects_of(world.scenario, pen)
    world.journal.record(
        PenetrationData(step="bias"),
        f"(white cell) {pen.id}: {world.name(pen.target)}'s assessments of "
        f"{and_list(subject_label(world.scenario, s) for s in subjects) or 'nothing'} are biased by "
        f"x{effective_bias(world, pen):g}.",
        actors=(pen.target,),
        see=(),
        truth=PenetrationTruth(
            id=pen.id, target=pen.target, subjects=subjects, bias=effective_bias(world, pen)
        ),
    )


def biases(events: list[Event], seat: str) -> dict[str, float]:
    """The bias acting on ``seat``'s assessments, per subject, from the white cell's events."""
    out: dict[str, float] = {}
    for e in events:
        if isinstance(e.truth, PenetrationTruth) and e.truth.target == seat:
            for subject in e.truth.subjects:
                out[subject] = e.truth.bias
    return out


def bias_on(world: World, actor: str, subject: str) -> float:
    """The factor by which a penetration distorts ``actor``'s incoming reports on ``subject``."""
    factor = 1.0
    for pen in world.penetrations_of.get(actor, ()):
        if subject in subjects_of(world.scenario, pen):
            factor *= effective_bias(world, pen)
    return factor


def suppressed(world: World, actor: str) -> bool:
    """Whether a report reaching ``actor`` is suppressed by a penetration (draws only if one acts)."""
    for pen in world.penetrations_of.get(actor, ()):
        acting = world.penetration_state.get(pen.id) == "active" and pen.suppress > 0
        if acting and float(world.streams(f"penetration.{pen.id}.suppress").random()) < pen.suppress:
            return True
    return False


def report_delay(world: World, actor: str) -> int:
    """Extra delay of ``actor``'s reports while a review of its services is under way."""
    return REVIEW_DELAY if world.review_until.get(actor, -1) > int(world.env.now) else 0


def _leaking(world: World, seat: str) -> list[Penetration]:
    """Penetrations of ``seat`` whose leaks still run (not yet found, or found and watched)."""
    return [
        pen
        for pen in world.scenario.penetrations
        if pen.target == seat and world.penetration_state.get(pen.id) in ("active", "watched")
    ]


def leak_decision(world: World, decision_event: Event) -> None:
    """Leak a penetrated seat's decision to whoever the penetration serves."""
    d = decision_event.data
    if not isinstance(d, DecisionData):
        raise TypeError(f"only decisions leak this way, not a {decision_event.kind} event")
    seat = d.seat
    shown = subject_label(world.scenario, d.choice) if d.decision == "share_assessment" else d.choice
    for pen in _leaking(world, seat):
        world.journal.record(
            LeakData(actor=seat, decision=d.decision, choice=d.choice),
            f"A source in {world.name(seat)}'s government reports: it decided "
            f"{d.decision.replace('_', ' ')} → {shown}.",
            actors=(pen.leaks_to,),
            see=(pen.leaks_to,),
            truth=LeakTruth(penetration=pen.id),
        )


def exposed(world: World, holder: str, report: Event) -> None:
    """A partner's report reaching a penetrated holder leaks on: sharing widens the exposure. Each
    report is one leak (its origin counts for the aggressor's reading of the alliance's sharing,
    :func:`wargame.engine.credibility`); its text says what it was, so that the aggressor's
    timeline reads as intelligence, not as a tally."""
    d = report.data
    if not isinstance(d, ReportData):
        raise TypeError(f"only reports leak on, not a {report.kind} event")
    for pen in _leaking(world, holder):
        world.journal.record(
            LeakData(actor=holder, source=d.shared_by, subject=d.subject, claim=d.claim),
            f"A source in {world.name(holder)}'s government passes on {world.name(d.shared_by or '')}'s "
            f"report: {describe(world, d.subject, d.claim)}.",
            actors=(pen.leaks_to,),
            see=(pen.leaks_to,),
            truth=LeakTruth(penetration=pen.id),
        )


#: Decisions taken unprompted that a swayed kind covers (free decision kind -> swayed kind).
FREE_SWAYED = {
    "launch_offensive": "offensive",
    "support": "support",
    "escort": "escort",
    "mobilise": "mobilise",  # partial or general, from the orders menu (a cancellation suits the aggressor)
}
#: Per swayed kind, the choices the aggressor dislikes -> the choice carried out instead.
AGAINST = {
    "declare_war": {"declare": "wait"},
    "mobilise": {"order": "defer"},
    "escort": {"escort": "wait"},
}
#: Council items: the position the aggressor dislikes -> the vote cast instead.
COUNCIL_AGAINST = {"main_offensive": ("for", "against"), "halt_offensive": ("against", "for")}


def _instead(world: World, decision: Decision) -> tuple[str, str | None] | None:
    """(swayed kind, the choice carried out instead: None for an unprompted decision) if
    ``decision`` goes the way the aggressor dislikes, else None."""
    if decision.prompt is None:
        kind = FREE_SWAYED.get(decision.kind)
        return None if kind is None or decision.choice in ("none", "cancel") else (kind, None)
    prompt = world.prompts[decision.prompt][0]
    if decision.kind == "council_position":
        disliked, cast = COUNCIL_AGAINST.get(str(prompt.context.get("item")), ("", ""))
        other: str | None = cast if decision.choice == disliked else None
    elif decision.kind in ("offensive", "support"):
        other = "none" if decision.choice != "none" else None
    else:
        other = AGAINST.get(decision.kind, {}).get(decision.choice)
    return None if other is None or other not in prompt.options else (decision.kind, other)


def sway_decision(world: World, decision: Decision) -> Decision | None:
    """An agent of influence's work on a decision (see the module docstring): the decision to
    carry out (``decision`` itself, or the other answer), or None to carry out nothing."""
    turned = _instead(world, decision)
    if turned is None:
        return decision
    kind, other = turned
    for pen in world.penetrations_of.get(decision.seat, ()):
        if kind not in pen.sways or pen.sway <= 0 or world.penetration_state.get(pen.id) != "active":
            continue
        chance = pen.sway * (1.0 - oversight(world, pen.target))
        if float(world.streams(f"sway.{pen.id}").random()) >= chance:
            continue
        what = decision.kind.replace("_", " ")
        world.journal.record(
            SwayedData(actor=decision.seat, decision=decision.kind, choice=decision.choice, instead=other),
            f"The cabinet of {world.name(decision.seat)} does not carry out its decision "
            f"({what} → {decision.choice})" + (f"; it acts as if it had chosen '{other}'." if other else "."),
            actors=(decision.seat,),
            see=(decision.seat,),
            truth=SwayedTruth(penetration=pen.id),
        )
        if other is None:
            return None
        if decision.prompt is not None:
            world.swayed[decision.prompt] = pen.id
        return attrs.evolve(decision, choice=other)
    return decision


def _detection(world: World, pen: Penetration) -> Generator[simpy.Event, Any, None]:
    rng = world.streams(f"penetration.{pen.id}")
    while world.penetration_state.get(pen.id) == "active":
        yield world.env.timeout(DAY)
        if float(rng.random()) >= pen.detection_per_day * oversight(world, pen.target):
            continue
        world.penetration_state[pen.id] = "detected"
        _record_bias(world, pen)  # the analysts now know: the bias stops at once
        world.journal.record(
            DetectedData(actor=pen.target),
            f"Counter-intelligence uncovers a penetration of {world.name(pen.target)}'s government.",
            actors=(pen.target,),
            see=(pen.target,),
            truth=DetectedTruth(id=pen.id, leaks_to=pen.leaks_to),
        )
        answer = yield open_prompt(
            world,
            pen.target,
            "penetration",
            "a penetration has been found: purge it now, or watch it?",
            ("purge", "watch"),
            default="purge",
            within=from_hours(24),
        )
        world.penetration_state[pen.id] = "purged" if answer.choice == "purge" else "watched"
        # (the bias already stopped at the detection, and is recorded then: not twice)


def _can_review(world: World, seat: str, choice: str) -> str | None:
    if oversight(world, seat) >= 1.0:
        return "its oversight is already complete"
    if world.review_until.get(seat, -1) > int(world.env.now):
        return "a review is already under way"
    return None


def _review_decision(world: World, decision: Decision) -> None:
    seat = decision.seat
    world.oversight[seat] = min(1.0, oversight(world, seat) + REVIEW_GAIN)
    world.review_until[seat] = int(world.env.now) + REVIEW_DAYS * DAY
    world.journal.record(
        ReviewData(actor=seat, oversight=world.oversight[seat]),
        f"{world.name(seat)} orders a review of its intelligence services.",
        actors=(seat,),
    )
    for pen in world.scenario.penetrations:
        if pen.target == seat and world.penetration_state.get(pen.id) == "active":
            _record_bias(world, pen)


#: The decisions of this module a seat may take unprompted (assembled in wargame.engine.standard).
DECISIONS = (
    FreeDecision(kind="oversight_review", options=("review",), check=_can_review, handler=_review_decision),
)
