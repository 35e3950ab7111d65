"""Outcome measures of a game, computed from its journal (and its scenario's thresholds).

Because they read only journal events, the same measures come out of a live game, a replay or a
journal file on disk, and a batch can compute them in its workers.

The measures, their units and their origins are the fields of
:class:`~wargame.engine.outcome_types.Outcome` (tabled in ``docs/results.md``).

``guarantee_honoured`` grades each triggered guarantee and reports the best:

* ``substantive`` — a guarantor launched an offensive of at least the guarantee's
  ``substantive_divisions`` (or a general offensive, if none is set) within
  ``substantive_within_days`` of the invasion;
* ``formal`` — every guarantor declared war, but nothing substantive followed;
* ``none`` — otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wargame.engine.credibility import alliance_credibility
from wargame.engine.journal import Event
from wargame.engine.outcome_types import GuarantorOutcome, Honour, Outcome
from wargame.engine.picture import assessments
from wargame.model.clock import DAY
from wargame.model.grading import Tally, weight
from wargame.model.scenario import Guarantee, Scenario

HONOUR: tuple[Honour, ...] = ("none", "formal", "substantive")


def _days(t: int, origin: int) -> float:
    return round((t - origin) / DAY, 3)


def _substantive(g: Guarantee, offensive: Event, j: int) -> bool:
    d = offensive.data
    big = (
        d["divisions"] >= g.substantive_divisions if g.substantive_divisions > 0 else d["scale"] == "general"
    )
    return d["actor"] in g.guarantors and big and offensive.t - j <= g.substantive_within_days * DAY


def honour(g: Guarantee, events: list[Event], j: int) -> Honour:
    """How ``g`` was honoured (see module docstring)."""
    if any(e.kind == "offensive" and _substantive(g, e, j) for e in events):
        return "substantive"
    at_war = {e.data["actor"] for e in events if e.kind == "war"}
    return "formal" if set(g.guarantors) <= at_war else "none"


def _postponements(invasion: Event | None, decided: Event | None) -> int:
    if invasion is not None:
        return int((invasion.truth or {}).get("postponements", 0))
    return int(decided.data.get("postponements", 0)) if decided is not None else 0


def measures(events: Iterable[Event], scenario: Scenario) -> Outcome:
    """The outcome measures of the game recorded in ``events`` (white-cell events)."""
    events = list(events)
    plan = scenario.aggressor
    invasion = next((e for e in events if e.kind == "invasion"), None)
    decided = invasion or next((e for e in events if e.kind == "deterred"), None)
    j = invasion.t if invasion else 0
    triggered = [g for g in scenario.guarantees if g.protected == plan.target and plan.actor in g.against]
    guarantors = sorted({a for g in triggered for a in g.guarantors})
    seen_by_aggressor = [
        e for e in events if e.visible_to(plan.actor) and (decided is None or e.seq <= decided.seq)
    ]

    def first(kind: str, **match: Any) -> Event | None:
        return next(
            (e for e in events if e.kind == kind and all(e.data.get(k) == v for k, v in match.items())), None
        )

    def after(e: Event | None) -> float | None:
        return _days(e.t, j) if e is not None else None

    def by_actor(chosen: Iterable[Event]) -> dict[str, float]:
        """Days from the invasion to each actor's event among ``chosen`` (its last), by actor."""
        return dict(sorted({e.data["actor"]: _days(e.t, j) for e in chosen}.items()))

    per: dict[str, GuarantorOutcome] = {}
    for g in guarantors:
        offensives = [e for e in events if e.kind == "offensive" and e.data["actor"] == g]
        per[g] = GuarantorOutcome(
            war_declared_after_days=after(first("war", actor=g)),
            offensive_after_days=after(offensives[0] if offensives else None),
            max_offensive_divisions=max((e.data["divisions"] for e in offensives), default=0),
        )
    functional = [
        e for e in events if e.kind == "offensive" and any(_substantive(g, e, j) for g in triggered)
    ]
    graded = {g.id: honour(g, events, j) for g in triggered} if invasion else {}
    collapse = first("collapse")
    reports_by: dict[str, int] = {}
    decisions_by = {"human": 0, "bot": 0, "default": 0}
    received_by: dict[str, int] = {}
    believed_by: dict[str, int] = {}
    reports = [e for e in events if e.kind == "report"]  # all deception_taken reads
    for seat in scenario.actor_ids:
        received, believed = deception_taken(reports, seat)
        if received:
            received_by[seat] = received
            believed_by[seat] = believed
    for e in events:
        if e.kind == "report":
            reports_by[e.actors[0]] = reports_by.get(e.actors[0], 0) + 1
        elif e.kind == "decision":
            by = str(e.data["by"]).split(":")[0]
            decisions_by[by] = decisions_by.get(by, 0) + 1
    return Outcome(
        deterred=invasion is None,
        invasion_day=_days(invasion.t, 0) if invasion else None,
        postponements=_postponements(invasion, decided),
        protege_survival_days=after(collapse) if invasion else None,
        capital_fell_after_days=after(first("capital")),
        guarantors=per,
        aggressor_divisions_moved_west=round(
            sum(e.data["divisions"] for e in events if e.kind == "transfer"), 1
        ),
        credibility_at_invasion=alliance_credibility(scenario, plan.target, seen_by_aggressor),
        functionality_days=after(functional[0]) if functional else None,
        guarantee_honoured=max(graded.values(), key=HONOUR.index) if graded else "none",
        guarantees_honoured=graded,
        offensive_halted_after_days=after(first("halt")),
        intervention_after_days=by_actor(e for e in events if e.kind == "intervention"),
        mobilisation_after_days=by_actor(
            e for e in events if e.kind == "mobilisation" and e.data.get("step") == "ordered"
        ),
        promises_due=sum(1 for e in events if e.kind == "promise"),
        promises_kept=sum(1 for e in events if e.kind == "promise" and e.data["kept"]),
        council_sittings=sum(1 for e in events if e.kind == "council" and e.data.get("step") == "sitting"),
        protected_informed=any(e.kind == "council" and e.data.get("step") == "informed" for e in events),
        reports=dict(sorted(reports_by.items())),
        decisions=decisions_by,
        ended=any(e.kind == "end" for e in events),
        estimate_error_at_invasion=(
            {g: estimate_errors(events, g, invasion, scenario) for g in guarantors} if invasion else {}
        ),
        warning_lead_days={g: _warning_lead(events, g, invasion) for g in guarantors} if invasion else {},
        response_after_first_indicator_days={g: _response(events, g) for g in guarantors},
        penetration_detected_after_days=after(first("detected"))
        if any(e.kind == "penetration" for e in events)
        else None,
        deceptive_reports_received=received_by,
        deceptive_reports_believed=believed_by,
    )


def _key_subjects(scenario: Scenario) -> list[str]:
    """The quantities whose estimates matter: the aggressor's forces on each front."""
    a = scenario.aggressor.actor
    return [f"forces.{f.id}" for f in scenario.fronts if a in (f.attacker, f.defender)]


def _true_value(report: Event) -> float:
    truth = report.truth or {}
    if "error_days" in truth:
        return report.data["claim"] - truth["error_days"] * DAY
    return float(truth.get("value", 0.0))


def estimate_errors(
    events: list[Event], seat: str, invasion: Event, scenario: Scenario
) -> dict[str, float | None]:
    """``seat``'s assessment of each key quantity at the invasion, over the truth (1 = exact)."""
    seen = [e for e in events if e.visible_to(seat) and e.seq <= invasion.seq]
    assessed = assessments(seen)
    out: dict[str, float | None] = {}
    for subject in _key_subjects(scenario):
        truths = [
            _true_value(e)
            for e in seen
            if e.kind == "report" and e.data.get("subject") == subject and e.truth
        ]
        estimate = assessed.get(subject)
        ratio = estimate.ratio_to(truths[-1]) if estimate and truths else None
        out[subject] = round(ratio, 3) if ratio is not None and ratio != float("inf") else None
    return out


def deception_taken(events: list[Event], seat: str) -> tuple[int, int]:
    """(deceptive reports ``seat`` received, those that moved its assessment away from the truth)."""
    held: dict[str, Tally] = {}
    received = believed = 0
    for e in events:
        if e.kind != "report" or not e.visible_to(seat) or "reliability" not in e.data:
            continue
        tally = held.get(e.data["subject"])
        if tally is None:
            tally = held[e.data["subject"]] = Tally()
        deceptive = bool((e.truth or {}).get("deceptive"))
        before = tally.estimate() if deceptive else None  # only a plant needs it
        tally.add(e.data["claim"], weight(e.data["reliability"], e.data["credibility"]))
        if not deceptive:
            continue
        received += 1
        truth = _true_value(e)
        after = tally.estimate()
        was = abs(before.value - truth) if before is not None else 0.0
        believed += int(after is not None and abs(after.value - truth) > was)
    return received, believed


def _warning_lead(events: list[Event], seat: str, invasion: Event) -> float | None:
    """Days from ``seat``'s first warning to the invasion (None if it was never warned)."""
    first = next((e for e in events if e.kind == "warning" and e.data.get("actor") == seat), None)
    return round((invasion.t - first.t) / DAY, 3) if first is not None else None


def _response(events: list[Event], seat: str) -> float | None:
    """Days from ``seat``'s first true indicator of the attack (an honest report of its date) to
    its first order of mobilisation (None if either never came)."""
    first = next(
        (
            e
            for e in events
            if e.kind == "report"
            and seat in e.actors
            and e.data.get("subject") == "attack_date"
            and not (e.truth or {}).get("deceptive")
        ),
        None,
    )
    order = next(
        (
            e
            for e in events
            if e.kind == "mobilisation" and e.data.get("actor") == seat and e.data.get("step") == "ordered"
        ),
        None,
    )
    if first is None or order is None:
        return None
    return round((order.t - first.t) / DAY, 3)
