"""Intelligence collection: reports drawn from ground truth through noisy channels.

Each channel of each service collects reports at random (exponential gaps, mean
``1 / rate_per_day`` days; stream ``intel.<actor>.<channel>``). A report claims a value for one
**subject** chosen among those the service watches:

* ``forces.<front>`` — the aggressor's divisions on a front (committed, or planned before the
  front opens);
* ``attack_date`` — the day the aggressor plans to act (before its first act only);
* ``mobilisation.<actor>`` — another state's available divisions.

The claim is the truth with multiplicative lognormal error (sd ``0.6 * (1 - accuracy)``; for
dates, a normal error of ``4 * (1 - accuracy)`` days). It reaches the service after an
exponential delay (mean ``delay_hours``). The seat sees the claim; the true value and the error
are kept in the event's ``truth`` for the white cell. Grading, deception, penetration and
sharing build on this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wargame.engine import liaison, penetration
from wargame.engine.claims import describe
from wargame.engine.claims import subject_label as subject_label  # re-exported: its home was here
from wargame.engine.events import ReportData, ReportTruth, SuppressedData, SuppressedTruth
from wargame.model.clock import DAY, from_days, from_hours, to_datetime

if TYPE_CHECKING:
    from collections.abc import Generator

    import numpy as np
    import simpy

    from wargame.engine.world import World
    from wargame.model.scenario import Channel, Deception, Service


def start(world: World) -> None:
    watch = Watch(world)
    for service in world.scenario.services:
        for channel in service.channels:
            if channel.rate_per_day > 0:
                world.env.process(_collect(world, watch, service, channel))


def _fallen(world: World, actor: str) -> bool:
    """Whether ``actor`` has collapsed: resistance has ended on a decisive front it defends."""
    return any(
        world.fronts[f.id].status == "collapsed"
        for f in world.scenario.fronts
        if f.defender == actor and f.decisive
    )


def subjects(world: World, observer: str) -> list[str]:
    """Subjects ``observer``'s service watches now, in a fixed order."""
    aggressor = world.scenario.aggressor.actor
    out = []
    if observer != aggressor:
        out += [
            f"forces.{f.id}"
            for f in world.scenario.fronts
            if aggressor in (f.attacker, f.defender) and world.fronts[f.id].status != "collapsed"
        ]
        if not world.trigger:  # until its first act (an invasion, or a blockade: then no date is planned)
            out.append("attack_date")
    fallen = {
        f.defender for f in world.scenario.fronts if f.decisive and world.fronts[f.id].status == "collapsed"
    }
    out += [
        f"mobilisation.{m.actor}"
        for m in world.scenario.mobilisation
        if m.actor != observer and m.actor not in fallen
    ]
    return out


def truth_of(world: World, subject: str) -> float:
    """The true value of ``subject`` now (divisions, or minutes for ``attack_date``)."""
    kind, _, key = subject.partition(".")
    if kind == "attack_date":
        return float(world.attack_at)
    if kind == "mobilisation":
        return world.actors[key].divisions
    spec = world.scenario_front(key)
    state = world.fronts[key]
    aggressor_attacks = spec.attacker == world.scenario.aggressor.actor
    if state.opened_at is None:  # not yet fought over: the planned forces
        return (
            spec.attacker_divisions
            if aggressor_attacks
            else max(0.0, spec.defender_divisions + state.garrison)
        )
    return state.attacker if aggressor_attacks else state.defender


def _claim(rng: np.random.Generator, subject: str, truth: float, accuracy: float) -> float:
    if subject == "attack_date":
        return float(round(truth + from_days(rng.normal(0.0, 4.0 * (1.0 - accuracy))), -1))
    return float(round(truth * rng.lognormal(0.0, 0.6 * (1.0 - accuracy))))


Line = tuple["Deception", int | None, int | None]  # a deception line, the minutes it starts and stops


def _planted(lines: list[Line], now: int) -> Deception | None:
    """The deception line, if any, among a channel's ``lines`` on a subject, that may plant a
    report collected at minute ``now``."""
    for d, start, until in lines:
        if start is not None and now < start:
            continue
        if until is not None and now >= until:
            continue
        return d
    return None


def _lines(world: World, actor: str, channel: str, subject: str) -> list[Line]:
    """The deception lines aimed at this service's channel on ``subject``, in the scenario's
    order, with the minutes they start and stop."""
    everyone = tuple(a for a in world.scenario.actor_ids if a != world.scenario.aggressor.actor)
    return [
        (
            d,
            world.minute(d.start) if d.start is not None else None,
            world.minute(d.until) if d.until is not None else None,
        )
        for d in world.scenario.deception
        if d.subject == subject and channel in d.channels and actor in (d.targets or everyone)
    ]


class Watch:
    """What each service watches: (whether its state's resistance has ended, its subjects), worked
    out once for each situation (the aggressor's latest act, and the fronts' statuses) and kept for the game:
    a channel asks at every report, and the situation changes a few times a game."""

    def __init__(self, world: World) -> None:
        self._world = world
        self._fronts = tuple(world.fronts.values())
        self._known: dict[tuple[object, ...], tuple[bool, list[str]]] = {}

    def __call__(self, actor: str) -> tuple[bool, list[str]]:
        world = self._world
        key = (actor, world.trigger, *[f.status for f in self._fronts])
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = (_fallen(world, actor), subjects(world, actor))
        return known


def _collect(
    world: World, watch: Watch, service: Service, channel: Channel
) -> Generator[simpy.Event, Any, None]:
    env, actor, accuracy = world.env, service.actor, channel.accuracy
    rng = world.streams(f"intel.{actor}.{channel.kind}")
    plants = world.streams(f"deception.{actor}.{channel.kind}")
    gap = 1.0 / channel.rate_per_day  # mean days between reports
    lines: dict[str, list[Line]] = {}  # subject -> the deception lines aimed at this channel
    while True:
        yield env.timeout(max(1, from_days(rng.exponential(gap))))
        fallen, options = watch(actor)
        now = int(env.now)
        if now >= world.horizon or fallen:
            return  # a state whose resistance has ended has no service left
        if not options:
            continue
        subject = options[int(rng.integers(len(options)))]
        truth = truth_of(world, subject)
        claim = _claim(rng, subject, truth, accuracy)
        delay = from_hours(rng.exponential(channel.delay_hours)) if channel.delay_hours > 0 else 0
        aimed = lines.get(subject)
        if aimed is None:
            aimed = lines[subject] = _lines(world, actor, channel.kind, subject)
        line = _planted(aimed, now) if aimed else None
        deceptive = line is not None and float(plants.random()) < line.share
        if deceptive:
            assert line is not None
            noise = float(plants.lognormal(0.0, 0.08))
            if subject == "attack_date":
                claim = float(round(truth + from_days(line.shift_days * noise), -1))
            else:
                claim = float(round(truth * line.factor * noise))
        delay += penetration.report_delay(world, actor)
        world.later(delay, _deliver, world, service, channel, subject, claim, truth, now, deceptive)


def _truth(
    world: World, subject: str, claim: float, truth: float, deceptive: bool, bias: float
) -> ReportTruth:
    """What the white cell sees behind a report: the true value, the report's error, whether it
    was planted and the bias of a penetration (if any)."""
    biased_by = bias if bias != 1.0 else None
    if subject == "attack_date":
        when = to_datetime(world.scenario.scenario.start, int(truth))
        return ReportTruth(
            value=when.isoformat(timespec="minutes"),
            error_days=round((claim - truth) / DAY, 2),
            deceptive=deceptive,
            biased_by=biased_by,
        )
    return ReportTruth(
        value=round(truth, 2), error=round(claim - truth, 2), deceptive=deceptive, biased_by=biased_by
    )


def _deliver(
    world: World,
    service: Service,
    channel: Channel,
    subject: str,
    claim: float,
    truth: float,
    collected: int,
    deceptive: bool,
) -> None:
    if penetration.suppressed(world, service.actor):
        world.journal.record(
            SuppressedData(subject=subject),
            f"(white cell) a report for {service.name} is suppressed.",
            actors=(service.actor,),
            see=(),
            truth=SuppressedTruth(claim=claim, channel=channel.kind),
        )
        return
    source = f"{service.actor}.{channel.kind}"
    number = world.origins[source] = world.origins.get(source, 0) + 1  # on arrival: no tell-tale gaps
    origin = f"{source}.{number}"
    bias = penetration.bias_on(world, service.actor, subject)
    if bias != 1.0:  # a penetrated service distorts what comes in: the seat sees only the result
        claim = float(round(claim * bias)) if subject != "attack_date" else claim
    graded = world.pictures[service.actor].receive(subject, claim, origin, source)
    grade = f"{graded.reliability}{graded.credibility}"
    event = world.journal.record(
        ReportData(
            service=service.name,
            channel=channel.kind,
            subject=subject,
            claim=claim,
            collected=collected,
            origin=origin,
            reliability=graded.reliability,
            credibility=graded.credibility,
            grade=grade,
        ),
        f"{service.name} ({channel.kind.upper()}, {grade}): {describe(world, subject, claim)}.",
        actors=(service.actor,),
        see=(service.actor,),
        truth=_truth(world, subject, claim, truth, deceptive, bias),
    )
    liaison.pass_on(world, event)
