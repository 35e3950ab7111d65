"""Intelligence collection: reports drawn from ground truth through noisy channels.

Each channel of each service collects reports at random (exponential gaps, mean
``1 / rate_per_day`` days; stream ``intel.<actor>.<channel>``). A report claims a value for one
**subject** chosen among those the service watches:

* ``forces.<front>`` — the aggressor's divisions on a front (committed, or planned before the
  front opens);
* ``attack_date`` — the day the aggressor plans to attack (before the invasion only);
* ``mobilisation.<actor>`` — another state's available divisions.

The claim is the truth with multiplicative lognormal error (sd ``0.6 * (1 - accuracy)``; for
dates, a normal error of ``4 * (1 - accuracy)`` days). It reaches the service after an
exponential delay (mean ``delay_hours``). The seat sees the claim; the true value and the error
are kept in the event's ``truth`` for the white cell. Grading, deception, penetration and
sharing build on this.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from wargame.engine import liaison, penetration
from wargame.engine.claims import describe
from wargame.model.clock import DAY, from_days, from_hours, to_datetime

if TYPE_CHECKING:
    import numpy as np

    from wargame.engine.world import World
    from wargame.model.scenario import Channel, Deception, Scenario, Service


def start(world: World) -> None:
    for service in world.scenario.services:
        for channel in service.channels:
            if channel.rate_per_day > 0:
                world.env.process(_collect(world, service, channel))


def _fallen(world: World, actor: str) -> bool:
    return any(world.fronts[f.id].status == "collapsed" for f in world.scenario.fronts if f.defender == actor)


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
        if not world.invasion.triggered:
            out.append("attack_date")
    fallen = {f.defender for f in world.scenario.fronts if world.fronts[f.id].status == "collapsed"}
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
        return spec.attacker_divisions if aggressor_attacks else spec.defender_divisions
    return state.attacker if aggressor_attacks else state.defender


def subject_label(scenario: Scenario, subject: str) -> str:
    """A subject in words (names only, nothing secret): ``forces.west`` -> "Germany's divisions
    on the Franco-German border". Unknown ids are shown as they are."""
    kind, _, key = subject.partition(".")
    names = {a.id: a.name for a in scenario.actors}
    aggressor = names.get(scenario.aggressor.actor, scenario.aggressor.actor)
    if kind == "attack_date":
        return f"date of {aggressor}'s attack"
    if kind == "mobilisation":
        return f"{names.get(key, key)}'s divisions available"
    if kind == "forces":
        front = next((f.name for f in scenario.fronts if f.id == key), key)
        return f"{aggressor}'s divisions on the {front}"
    return subject


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


def _watching(world: World, actor: str) -> tuple[bool, list[str]]:
    """(whether ``actor``'s resistance has ended, the subjects its service watches), kept until
    the invasion or a front's status changes what they are."""
    key = (actor, world.invasion.triggered, *(f.status for f in world.fronts.values()))
    known = _WATCHING.setdefault(world, {})
    if key not in known:
        known[key] = (_fallen(world, actor), subjects(world, actor))
    return known[key]


#: Per world, what ``_watching`` has worked out (derived from the state, not part of it).
_WATCHING: weakref.WeakKeyDictionary[World, dict[tuple[object, ...], tuple[bool, list[str]]]] = (
    weakref.WeakKeyDictionary()
)


def _collect(world: World, service: Service, channel: Channel):  # type: ignore[no-untyped-def]
    env = world.env
    rng = world.streams(f"intel.{service.actor}.{channel.kind}")
    plants = world.streams(f"deception.{service.actor}.{channel.kind}")
    lines: dict[str, list[Line]] = {}  # subject -> the deception lines aimed at this channel
    while True:
        yield env.timeout(max(1, from_days(rng.exponential(1.0 / channel.rate_per_day))))
        fallen, options = _watching(world, service.actor)
        if int(env.now) >= world.horizon or fallen:
            return  # a state whose resistance has ended has no service left
        if not options:
            continue
        subject = options[int(rng.integers(len(options)))]
        truth = truth_of(world, subject)
        claim = _claim(rng, subject, truth, channel.accuracy)
        delay = from_hours(rng.exponential(channel.delay_hours)) if channel.delay_hours > 0 else 0
        if subject not in lines:
            lines[subject] = _lines(world, service.actor, channel.kind, subject)
        line = _planted(lines[subject], int(env.now))
        deceptive = line is not None and float(plants.random()) < line.share
        if deceptive:
            assert line is not None
            noise = float(plants.lognormal(0.0, 0.08))
            if subject == "attack_date":
                claim = float(round(truth + from_days(line.shift_days * noise), -1))
            else:
                claim = float(round(truth * line.factor * noise))
        delay += penetration.report_delay(world, service.actor)
        world.later(delay, _deliver, world, service, channel, subject, claim, truth, int(env.now), deceptive)


def _truth(world: World, subject: str, claim: float, truth: float) -> dict[str, object]:
    """What the white cell sees behind a report: the true value and the report's error."""
    if subject == "attack_date":
        when = to_datetime(world.scenario.scenario.start, int(truth))
        return {"value": when.isoformat(timespec="minutes"), "error_days": round((claim - truth) / DAY, 2)}
    return {"value": round(truth, 2), "error": round(claim - truth, 2)}


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
            "suppressed",
            f"(white cell) a report for {service.name} is suppressed.",
            actors=(service.actor,),
            see=(),
            data={"subject": subject},
            truth={"claim": claim, "channel": channel.kind},
        )
        return
    source = f"{service.actor}.{channel.kind}"
    world.origins[source] = world.origins.get(source, 0) + 1  # numbered on arrival: no tell-tale gaps
    origin = f"{source}.{world.origins[source]}"
    bias = penetration.bias_on(world, service.actor, subject)
    if bias != 1.0:  # a penetrated service distorts what comes in: the seat sees only the result
        claim = float(round(claim * bias)) if subject != "attack_date" else claim
    graded = world.pictures[service.actor].receive(subject, claim, origin, f"{service.actor}.{channel.kind}")
    grade = f"{graded.reliability}{graded.credibility}"
    truth_data = _truth(world, subject, claim, truth)
    truth_data["deceptive"] = deceptive
    if bias != 1.0:
        truth_data["biased_by"] = bias
    event = world.journal.record(
        "report",
        f"{service.name} ({channel.kind.upper()}, {grade}): {describe(world, subject, claim)}.",
        actors=(service.actor,),
        see=(service.actor,),
        data={
            "service": service.name,
            "channel": channel.kind,
            "subject": subject,
            "claim": claim,
            "collected": collected,
            "origin": origin,
            "reliability": graded.reliability,
            "credibility": graded.credibility,
            "grade": grade,
        },
        truth=truth_data,
    )
    liaison.pass_on(world, event)
