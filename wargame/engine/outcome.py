"""Outcome measures of a game, computed from its journal (and its scenario's thresholds).

Because they read only journal events, the same measures come out of a live game, a replay or a
journal file on disk, and a batch can compute them in its workers.

The measures, their units and their origins are the fields of
:class:`~wargame.engine.outcome_types.Outcome` (tabled in ``docs/results.md``).

The grades (``deterrence``, ``guarantee_honoured``, ``guarantees_honoured``) and the share of
the promised forces delivered are defined in :mod:`wargame.engine.honour`; every game has a
grade, so a batch's shares count every game.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TypedDict, TypeVar

import attrs

from wargame.engine import honour
from wargame.engine.credibility import alliance_credibility
from wargame.engine.end_states import ending
from wargame.engine.events import (
    BreakthroughData,
    CapitalData,
    CollapseData,
    ConcessionData,
    CouncilData,
    DecisionData,
    DetectedData,
    DeterredData,
    EndData,
    GuaranteeData,
    HaltData,
    InterventionData,
    InvasionData,
    InvasionTruth,
    MobilisationData,
    OffensiveData,
    PenetrationData,
    PressureData,
    PressureDayData,
    PromiseData,
    ReportData,
    ReportTruth,
    TransferData,
    WarData,
    WarningData,
)
from wargame.engine.functionality import functionality
from wargame.engine.journal import Event
from wargame.engine.outcome_types import GuarantorOutcome, Outcome
from wargame.engine.payload import Payload
from wargame.engine.picture import assessments
from wargame.model import prompts
from wargame.model.clock import DAY
from wargame.model.grading import Tally, weight
from wargame.model.scenario import Scenario

P = TypeVar("P", bound=Payload)


def redeployed(scenario: Scenario, transfers: Iterable[tuple[Event, TransferData]]) -> float:
    """Net divisions the aggressor moved to the fronts it defends (those it took from them count
    against)."""
    defended = {f.id for f in prompts.defended_fronts(scenario)}
    return round(sum(d.divisions if d.to in defended else -d.divisions for _, d in transfers), 1)


def _seq(e: Event) -> int:
    return e.seq


def _days(t: int, origin: int) -> float:
    return round((t - origin) / DAY, 3)


def _postponements(invasion: Event | None, decided: Event | None) -> int:
    if invasion is not None:
        return invasion.truth.postponements if isinstance(invasion.truth, InvasionTruth) else 0
    return decided.data.postponements if decided is not None and isinstance(decided.data, DeterredData) else 0


def _by_class(events: Iterable[Event]) -> dict[type[Payload], list[Event]]:
    """The events grouped by payload class, each group in journal order (one pass, not one per
    measure)."""
    out: dict[type[Payload], list[Event]] = {}
    for e in events:
        out.setdefault(type(e.data), []).append(e)
    return out


def _of(index: Mapping[type[Payload], list[Event]], cls: type[P]) -> list[tuple[Event, P]]:
    """The events whose payload is a ``cls``, each with its payload."""
    return [(e, d) for e in index.get(cls, ()) if isinstance(d := e.data, cls)]


def _first(index: Mapping[type[Payload], list[Event]], cls: type[Payload]) -> Event | None:
    """The first event whose payload is a ``cls``."""
    return next(iter(index.get(cls, ())), None)


def _ordered(e: Event) -> str | None:
    """The actor of an order of general mobilisation, if ``e`` is one."""
    d = e.data
    return d.actor if isinstance(d, MobilisationData) and d.step == "ordered" else None


def measures(events: Iterable[Event], scenario: Scenario) -> Outcome:
    """The outcome measures of the game recorded in ``events`` (white-cell events)."""
    events = list(events)
    index = _by_class(events)
    plan = scenario.aggressor
    invasion = _first(index, InvasionData)
    # the aggressor's first act, from which the game's days count: a pressure, or the invasion
    act = min((e for e in (invasion, _first(index, PressureData)) if e is not None), key=_seq, default=None)
    decided = act or _first(index, DeterredData)
    j = act.t if act else 0
    # the guarantees the journal shows triggered (a treaty silent on a blockade that was lifted
    # was never called on: not "abandoned"), in the scenario's order
    fired = {d.guarantee for _, d in _of(index, GuaranteeData)}
    if invasion is not None and isinstance(invasion.data, InvasionData):  # an invasion triggers at once
        fired |= {g.id for g in prompts.triggered(scenario, invasion.data.means or "invasion")}
    triggered = [g for g in scenario.guarantees if g.id in fired]
    # every guarantor its plan could call on, measured in every game (deterred ones too)
    guarantors = sorted({a for g in prompts.triggered(scenario) for a in g.guarantors})
    seen_by_aggressor = [
        e for e in events if e.visible_to(plan.actor) and (decided is None or e.seq <= decided.seq)
    ]

    def after(e: Event | None) -> float | None:
        return _days(e.t, j) if e is not None else None

    launched, wars = _of(index, OffensiveData), _of(index, WarData)
    launches, war_events = [e for e, _ in launched], [e for e, _ in wars]
    per: dict[str, GuarantorOutcome] = {}
    for g in guarantors:
        offensives = [(e, d) for e, d in launched if d.actor == g]
        per[g] = GuarantorOutcome(
            war_declared_after_days=after(next((e for e, d in wars if d.actor == g), None)),
            offensive_after_days=after(offensives[0][0] if offensives else None),
            max_offensive_divisions=max((d.divisions for _, d in offensives), default=0),
            at_war=honour.at_war(scenario, g, war_events),
        )
    lost_only = {f.id for f in scenario.fronts if not f.decisive}  # a collapse there loses the front only
    collapse = next(
        (e for e, d in _of(index, CollapseData) if d.actor == plan.target and d.front not in lost_only), None
    )
    defended = prompts.defended_fronts(scenario)
    broken = next((e for e, d in _of(index, BreakthroughData) if d.actor == plan.actor), None)
    end = max((e.t for e in events), default=0)
    acts = launches + war_events  # all that honour.honour() reads
    errors = {g: estimate_errors(events, g, invasion, scenario) for g in guarantors} if invasion else {}
    responded = (
        honour.response_time(scenario, guarantors, sorted(acts, key=lambda e: e.seq), j) if act else None
    )
    graded = (
        {g.id: honour.honour(g, scenario, acts, j, end, collapse is not None) for g in triggered}
        if act
        else {}
    )
    grade = honour.deterrence(
        invaded=act is not None,
        postponements=_postponements(invasion, decided),
        abandoned=DeterredData in index,
        ended=EndData in index,
    )
    honoured = honour.game_honour(grade, act is not None, graded.values())
    promises = _of(index, PromiseData)
    councils = _of(index, CouncilData)
    reports = index.get(ReportData, [])  # all deception_taken reads
    received_by: dict[str, int] = {}
    believed_by: dict[str, int] = {}
    for seat in scenario.actor_ids:
        received, believed = deception_taken(reports, seat)
        if received:
            received_by[seat] = received
            believed_by[seat] = believed
    reports_by: dict[str, int] = {}
    for e in reports:
        reports_by[e.actors[0]] = reports_by.get(e.actors[0], 0) + 1
    decisions_by = {"human": 0, "bot": 0, "default": 0}
    for _, decision in _of(index, DecisionData):
        by = decision.by.split(":")[0]
        decisions_by[by] = decisions_by.get(by, 0) + 1
    return Outcome(
        deterred=act is None,
        deterrence=grade,
        invasion_day=_days(invasion.t, 0) if invasion else None,
        postponements=_postponements(invasion, decided),
        protege_survival_days=after(collapse) if invasion else None,
        protege_held=collapse is None,
        capital_fell_after_days=after(_first(index, CapitalData)),
        guarantors=per,
        aggressor_divisions_redeployed=redeployed(scenario, _of(index, TransferData)),
        defended_front_breakthrough=(broken is not None) if invasion and defended else None,
        defended_front_breakthrough_after_days=after(broken),
        credibility_at_invasion=alliance_credibility(scenario, plan.target, seen_by_aggressor),
        functionality_days=_days(responded, j) if responded is not None else None,
        functionality=functionality(scenario),
        forces_delivered_share=(
            honour.delivered_share(scenario, triggered, launches, j) if act and triggered else None
        ),
        guarantee_honoured=honoured,
        guarantees_honoured=graded,
        honoured_substantively=honoured == "substantive",
        guarantee_held=honoured in ("deterred", "substantive"),
        offensive_halted_after_days=after(_first(index, HaltData)),
        intervention_after_days=dict(
            sorted({d.actor: _days(e.t, j) for e, d in _of(index, InterventionData)}.items())
        ),
        mobilisation_after_days=dict(
            sorted(
                {
                    d.actor: _days(e.t, j) for e, d in _of(index, MobilisationData) if d.step == "ordered"
                }.items()
            )
        ),
        promises_due=len(promises),
        promises_kept=sum(1 for _, d in promises if d.kept),
        council_sittings=sum(1 for _, d in councils if d.step == "sitting"),
        protected_informed=any(d.step == "informed" for _, d in councils),
        reports=dict(sorted(reports_by.items())),
        decisions=decisions_by,
        ended=EndData in index,
        estimate_error_at_invasion=errors,
        assessment_divergence_at_invasion=divergence(errors),
        warning_lead_days=(
            {a: _warning_lead(events, a, act) for a in scenario.actor_ids if a != plan.actor} if act else {}
        ),
        surprised=surprised(scenario, index, invasion),
        response_after_first_indicator_days={g: _response(events, g) for g in guarantors},
        penetration_detected_after_days=after(_first(index, DetectedData))
        if PenetrationData in index
        else None,
        deceptive_reports_received=received_by,
        deceptive_reports_believed=believed_by,
        **attrs.asdict(
            ending(
                scenario,
                index,
                grade=grade,
                invasion=act,
                collapse=collapse,
                ended=EndData in index,
                end=end,
                concession=_first(index, ConcessionData),
            ),
            recurse=False,
        ),
        **pressure_measures(index),
    )


class PressureMeasures(TypedDict):
    trigger: str | None
    pressure_day: int | None
    endurance_at_end: float | None
    concession: bool


def pressure_measures(index: Mapping[type[Payload], list[Event]]) -> PressureMeasures:
    """The measures of a pressure short of invasion (:mod:`wargame.engine.pressure`): the kind of
    act that first triggered a guarantee, the days of pressure, the endurance left, a concession."""
    first = _first(index, GuaranteeData)
    trigger = None
    if first is not None and isinstance(first.data, GuaranteeData):
        trigger = first.data.trigger or "invasion"
    days = _of(index, PressureDayData)
    pressed = PressureData in index
    return {
        "trigger": trigger,
        "pressure_day": (days[-1][1].day if days else 0) if pressed else None,
        "endurance_at_end": (days[-1][1].endurance if days else 1.0) if pressed else None,
        "concession": ConcessionData in index,
    }


def _key_subjects(scenario: Scenario) -> list[str]:
    """The quantities whose estimates matter: the aggressor's forces on each front."""
    a = scenario.aggressor.actor
    return [f"forces.{f.id}" for f in scenario.fronts if a in (f.attacker, f.defender)]


def _true_value(report: ReportData, truth: Payload | None) -> float:
    """The true value behind a report (the claim less its error, for a date)."""
    if not isinstance(truth, ReportTruth):
        return 0.0
    if truth.error_days is not None:
        return report.claim - truth.error_days * DAY
    return float(truth.value) if truth.value is not None else 0.0


def _deceptive(truth: Payload | None) -> bool:
    """Whether a report was planted."""
    return isinstance(truth, ReportTruth) and bool(truth.deceptive)


def _known(truth: Payload | None) -> bool:
    """Whether a report's ground truth is known (a shared assessment's is empty)."""
    return isinstance(truth, ReportTruth) and truth.value is not None


def estimate_errors(
    events: list[Event], seat: str, invasion: Event, scenario: Scenario
) -> dict[str, float | None]:
    """``seat``'s assessment of each key quantity at the invasion, over the truth (1 = exact)."""
    seen = [e for e in events if e.visible_to(seat) and e.seq <= invasion.seq]
    assessed = assessments(seen)
    out: dict[str, float | None] = {}
    for subject in _key_subjects(scenario):
        truths = [
            _true_value(e.data, e.truth)
            for e in seen
            if isinstance(e.data, ReportData) and e.data.subject == subject and _known(e.truth)
        ]
        estimate = assessed.get(subject)
        ratio = estimate.ratio_to(truths[-1]) if estimate and truths else None
        out[subject] = round(ratio, 3) if ratio is not None and ratio != float("inf") else None
    return out


def divergence(errors: Mapping[str, Mapping[str, float | None]]) -> float | None:
    """How far apart the guarantors' pictures were: for each subject two or more of them assessed,
    the spread (largest less smallest) of their log estimate-to-truth ratios, averaged over
    subjects (0: one picture; ln 2 = 0.69: one guarantor believed twice what another did). None
    when fewer than two guarantors assessed any subject."""
    by_subject: dict[str, list[float]] = {}
    for per in errors.values():
        for subject, ratio in per.items():
            if ratio is not None and ratio > 0:
                by_subject.setdefault(subject, []).append(math.log(ratio))
    spreads = [max(v) - min(v) for v in by_subject.values() if len(v) >= 2]
    return round(sum(spreads) / len(spreads), 3) if spreads else None


def deception_taken(events: list[Event], seat: str) -> tuple[int, int]:
    """(deceptive reports ``seat`` received, those that moved its assessment away from the truth)."""
    held: dict[str, Tally] = {}
    received = believed = 0
    for e in events:
        d = e.data
        if not isinstance(d, ReportData) or not e.visible_to(seat):
            continue
        tally = held.get(d.subject)
        if tally is None:
            tally = held[d.subject] = Tally()
        behind = e.truth
        deceptive = isinstance(behind, ReportTruth) and bool(behind.deceptive)
        before = tally.estimate() if deceptive else None  # only a plant needs it
        tally.add(d.claim, weight(d.reliability, d.credibility))
        if not deceptive:
            continue
        received += 1
        truth = _true_value(d, e.truth)
        after = tally.estimate()
        was = abs(before.value - truth) if before is not None else 0.0
        believed += int(after is not None and abs(after.value - truth) > was)
    return received, believed


def _warning_lead(events: list[Event], seat: str, act: Event) -> float | None:
    """Days from ``seat``'s first warning to the aggressor's first ``act`` (the invasion, or the
    blockade or hybrid campaign that came before it) (None if it was never warned)."""
    first = next((e for e in events if isinstance(e.data, WarningData) and e.data.actor == seat), None)
    return round((act.t - first.t) / DAY, 3) if first is not None else None


def defenders(scenario: Scenario) -> list[str]:
    """The victim's side: the protected state and the guarantors of its triggered guarantees."""
    guarantors = {a for g in prompts.triggered(scenario) for a in g.guarantors}
    return sorted({scenario.aggressor.target, *guarantors})


def surprised(
    scenario: Scenario, index: Mapping[type[Payload], list[Event]], invasion: Event | None
) -> bool | None:
    """Whether the invasion took the victim's side by surprise: no seat of it (the protected state,
    its guarantors) had ordered mobilisation, partial or general, at least :data:`SURPRISE_DAYS`
    before the attack. Whaley codes surprise as the victim not reacting in time; here the reaction
    is the order and "in time" is a day's margin (an order in the night before, Norway's on
    8-9 April 1940, counts as surprised). None when there was no invasion."""
    if invasion is None:
        return None
    side = set(defenders(scenario))
    return not any(
        d.actor in side and d.step in ("ordered", "partial") and e.t <= invasion.t - SURPRISE_DAYS * DAY
        for e, d in _of(index, MobilisationData)
    )


#: A day's margin: an order given less than this before the invasion comes too late to count.
SURPRISE_DAYS = 1


def _response(events: list[Event], seat: str) -> float | None:
    """Days from ``seat``'s first true indicator of the attack (an honest report of its date) to
    its first order of mobilisation (None if either never came)."""
    first = next(
        (
            e
            for e in events
            if isinstance(e.data, ReportData)
            and seat in e.actors
            and e.data.subject == "attack_date"
            and not _deceptive(e.truth)
        ),
        None,
    )
    order = next((e for e in events if _ordered(e) == seat), None)
    if first is None or order is None:
        return None
    return round((order.t - first.t) / DAY, 3)
