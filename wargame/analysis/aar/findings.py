"""Issues, fixes and deception: the facts a facilitator draws out of a game.

Every finding is derived from the journal and the replayed beliefs, never typed in:

* **broken promises** — a dated obligation of a guarantee that fell due unkept;
* **late or missing declarations** — a guarantor that declared war after the day it promised
  (or, with no promised day, more than a day after the trigger), or never;
* **decisions on estimates far from the truth** — a seat decided while its assessment of an
  enemy quantity was off by half again or more (or by two days or more on the attack date);
* **deception that worked** — planted reports that moved a seat's assessment away from the truth;
* **penetration** — an agent of influence left undetected, or its leaks;
* **decisions by default** — prompts nobody answered before their deadline;
* **the protected state left uninformed**, and how the guarantee was honoured in the end.

Fixes are the remedies the article discusses for each kind of issue, with the scenario
parameters (``--set`` paths or experiment factors) that test them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from wargame.analysis.aar.types import (
    Belief,
    DeceptionResult,
    DecisionRecord,
    Finding,
    Fix,
    GuaranteePlan,
    Sample,
)
from wargame.analysis.wording import amount, days, when, words
from wargame.engine.events import (
    DetectedTruth,
    EndData,
    InvasionData,
    LeakData,
    LeakTruth,
    ReportData,
    ReportTruth,
    WarData,
)
from wargame.engine.intelligence import subject_label
from wargame.engine.journal import Event
from wargame.engine.outcome import deception_taken
from wargame.engine.outcome_types import Outcome
from wargame.engine.penetration import subjects_of
from wargame.model.clock import DAY
from wargame.model.scenario import Scenario
from wargame.model.wording import and_list, count, noun_for

FIXES: dict[str, tuple[str, tuple[str, ...]]] = {
    "broken_promise": (
        "Promise only what the mobilisation timetable can deliver, or make the timetable meet the "
        "promise (readiness, an integrated command with joint exercises): a broken dated promise "
        "costs more credibility than a modest one kept.",
        ("guarantees.<id>.promises", "actors.<guarantor>.readiness", "guarantees.<id>.integrated_command"),
    ),
    "late_declaration": (
        "A clearer trigger and a standing council shorten the time from invasion to declaration: "
        "an explicit casus foederis leaves less room for a conference or an ultimatum first.",
        ("guarantees.<id>.trigger_clarity", "council.standing"),
    ),
    "no_declaration": (
        "Interest convergence decides whether a guarantor fights at all; where it is low, the "
        "guarantee needs a tripwire (forces on the spot) rather than words.",
        ("actors.<guarantor>.interest_convergence",),
    ),
    "estimate_far": (
        "Decisions rested on estimates far from the truth: share intelligence (an ad hoc liaison, "
        "or a fusion centre), weigh independent channels (imagery, SIGINT) above controlled ones, and "
        "read an estimate's interval, not only its centre.",
        ("liaison.<pair>.level", "services.<actor>.channels"),
    ),
    "deceived": (
        "Deception entered through the channels the enemy controls: cross-check HUMINT and "
        "diplomatic reporting against imagery and SIGINT before it moves an assessment.",
        ("deception.<id>.channels", "services.<actor>.channels.<i>.accuracy"),
    ),
    "penetration": (
        "A penetrated government leaks its decisions and bends its own assessments: oversight of the "
        "services finds the agent sooner and shrinks the bias.",
        ("actors.<actor>.oversight",),
    ),
    "default_decision": (
        "Prompts fell to their defaults: decide before the deadline, or delegate (a standing "
        "council, pre-agreed responses) so that silence does not decide.",
        ("council.standing",),
    ),
    "not_informed": (
        "The protected state was not told what its guarantors decided: consultation and honest "
        "information keep its own plans realistic.",
        ("council.standing",),
    ),
    "guarantee_not_honoured": (
        "The guarantee was not honoured in substance: test the combination that the hypothesis "
        "names, convergent interests with intelligence cooperation, in `wargame experiment`.",
        ("actors.<guarantor>.interest_convergence", "liaison.<pair>.level"),
    ),
}

NOT_HONOURED = {
    "formal": "The guarantee was honoured only formally: every guarantor at war, nothing substantive "
    "(by the scenario's thresholds).",
    "partial": "The guarantee was honoured only in part: some guarantors never went to war, and none "
    "acted in substance.",
    "abandoned": "The guarantee was abandoned: no guarantor went to war.",
}
"""The finding for a game grade that is not substantive honour (an ambiguous game, cut short
before the window closed, makes none)."""


def issues(
    events: Sequence[Event],
    guarantees: Sequence[GuaranteePlan],
    decisions: Sequence[DecisionRecord],
    deception: Sequence[DeceptionResult],
    outcome: Outcome,
    names: Mapping[str, str],
    scenario: Scenario | None = None,
) -> tuple[Finding, ...]:
    """Every issue of the game, in the order a facilitator would raise them (``scenario``: to
    tell whether the protected state sits on the council, and so needs no informing)."""
    out: list[Finding] = []
    invasion = next((e for e in events if isinstance(e.data, InvasionData)), None)
    for g in guarantees:
        for o in g.obligations:
            if o.kept is False:
                out.append(
                    Finding(
                        kind="broken_promise",
                        t=o.due_t,
                        seat=o.guarantor,
                        text=f"{names[o.guarantor]} broke its promise of {words(o.action)} by "
                        f"J+{o.day:g} ({g.name}), due {o.due_at}.",
                    )
                )
    out += _declarations(events, guarantees, invasion, names)
    out += _far_estimates(decisions, names)
    for r in deception:
        for seat in r.worked_on:
            what = (
                "planted reports moved its assessment away from the truth"
                if r.kind == "deception"
                else "reports reaching its analysts were bent by the agent"
            )
            out.append(
                Finding(
                    kind="deceived" if r.kind == "deception" else "penetration",
                    seat=seat,
                    text=f"{r.id} ({r.label or r.subject}) worked on {names.get(seat, seat)}: "
                    f"{r.believed[seat]} of {r.received[seat]} {what}.",
                )
            )
        if r.kind == "penetration" and r.note:
            out.append(Finding(kind="penetration", text=f"{r.id}: {r.note}."))
    defaults = [d for d in decisions if d.who == "default"]
    for d in defaults:
        out.append(
            Finding(
                kind="default_decision",
                t=d.t,
                seat=d.seat,
                text=f"{when(d.at)}: nobody decided {words(d.kind)} for {names[d.seat]}; "
                f"the default ({words(d.choice)}) applied"
                + (f", confirmed by {d.confirmed_by}." if d.confirmed_by else "."),
            )
        )
    sittings = outcome.council_sittings
    member = (
        scenario is not None
        and scenario.council is not None
        and scenario.aggressor.target in scenario.council.members
    )  # a protected state on the council hears every decision: it needs no informing
    if sittings and not outcome.protected_informed and not member:
        out.append(
            Finding(kind="not_informed", text="The council sat but never informed the protected state.")
        )
    unhonoured = NOT_HONOURED.get(outcome.guarantee_honoured)
    if invasion is not None and unhonoured:
        out.append(Finding(kind="guarantee_not_honoured", text=unhonoured))
    return tuple(out)


def _declarations(
    events: Sequence[Event],
    guarantees: Sequence[GuaranteePlan],
    invasion: Event | None,
    names: Mapping[str, str],
) -> list[Finding]:
    if invasion is None:
        return []
    out: list[Finding] = []
    wars = {e.data.actor: e for e in events if isinstance(e.data, WarData)}
    ended = any(isinstance(e.data, EndData) for e in events)
    # only a guarantor bound to declare war is judged on its declaration: an ambiguous party, or
    # one whose promises name no war (aid, escorts), is not blamed for not declaring or for late
    for guarantor in sorted({a for g in guarantees if g.triggered_at for a in g.bound_to_war}):
        promised = [
            o.day
            for g in guarantees
            for o in g.obligations
            if o.guarantor == guarantor and o.action == "declare_war"
        ]
        allowed = min(promised) if promised else 1.0
        war = wars.get(guarantor)
        if war is None:
            if ended:
                out.append(
                    Finding(
                        kind="no_declaration",
                        seat=guarantor,
                        text=f"{names[guarantor]} never declared war, though its guarantee was triggered.",
                    )
                )
            continue
        after = (war.t - invasion.t) / DAY
        if after > allowed + 1e-9:
            kept = any(
                o.kept
                for g in guarantees
                for o in g.obligations
                if o.guarantor == guarantor and o.action == "declare_war"
            )
            basis = f"promised by J+{allowed:g}" if promised else "more than a day after the trigger"
            basis += "; judged kept within the day's grace" if kept else ""
            out.append(
                Finding(
                    kind="late_declaration",
                    t=war.t,
                    seat=guarantor,
                    text=f"{names[guarantor]} declared war {after:.1f} days after the invasion ({basis}).",
                )
            )
    return out


def _far_estimates(decisions: Sequence[DecisionRecord], names: Mapping[str, str]) -> list[Finding]:
    """One finding per seat and subject: the decisions it took while that estimate was far off."""
    groups: dict[tuple[str, str], list[tuple[DecisionRecord, Belief]]] = {}
    for d in decisions:
        for b in d.beliefs:
            if b.far_from_truth and not own_estimate(d.seat, b.subject):
                groups.setdefault((d.seat, b.subject), []).append((d, b))
    out = []
    for (seat, _subject), hits in groups.items():
        d, b = hits[0]
        if b.ratio is not None and b.truth is not None:
            off = f"at {b.ratio:.2g} times the truth ({amount(b.estimate)} against {amount(b.truth)})"
        elif b.error_days is not None:
            off = f"{days(abs(b.error_days))} {'early' if b.error_days < 0 else 'late'}"
        else:
            off = f"at {amount(b.estimate)} against {amount(b.truth or 0)}"
        label = f"the {b.label}" if b.is_date and not b.label.startswith("the ") else b.label
        more = len(hits) - 1
        others = f" and {more} more {noun_for(more, 'decision')} up to {when(hits[-1][0].at)}" if more else ""
        out.append(
            Finding(
                kind="estimate_far",
                t=d.t,
                seat=seat,
                text=f"{names[seat]} decided {words(d.kind)} → {words(d.choice)} "
                f"({when(d.at)}){others} "
                f"with its estimate of {label} {off}.",
            )
        )
    return out


def own_estimate(seat: str, subject: str) -> bool:
    """Whether ``subject`` is ``seat``'s estimate of itself (``mobilisation.<seat>``: its own
    divisions available), which a review does not grade: a government knows its own army."""
    return subject == f"mobilisation.{seat}"


def fixes(found: Sequence[Finding]) -> tuple[Fix, ...]:
    """One fix per kind of issue found, in the order the issues were raised."""
    kinds = list(dict.fromkeys(f.kind for f in found))
    return tuple(Fix(issue=k, text=FIXES[k][0], levers=FIXES[k][1]) for k in kinds if k in FIXES)


def deception_results(
    events: Sequence[Event], scenario: Scenario, samples: Sequence[Sample], invasion_t: int | None
) -> tuple[DeceptionResult, ...]:
    """How each deception operation and each penetration fared, seat by seat."""
    out: list[DeceptionResult] = []
    seats = scenario.actor_ids
    for op in scenario.deception:
        reports = [e for e in events if isinstance(e.data, ReportData) and e.data.subject == op.subject]
        targets = op.targets or tuple(s for s in seats if s != scenario.aggressor.actor)
        received: dict[str, int] = {}
        believed: dict[str, int] = {}
        for seat in targets:
            r, b = deception_taken(reports, seat)
            received[seat], believed[seat] = r, b
        out.append(
            DeceptionResult(
                id=op.id,
                kind="deception",
                subject=op.subject,
                label=subject_label(scenario, op.subject),
                received=received,
                believed=believed,
                ratio_at_invasion={s: _ratio_at(samples, s, op.subject, invasion_t) for s in targets},
                worst_ratio={s: _worst(samples, s, op.subject) for s in targets},
            )
        )
    for pen in scenario.penetrations:
        target = pen.target
        leaked = [e.data for e in events if isinstance(e.truth, LeakTruth) and e.truth.penetration == pen.id]
        detected = next(
            (e for e in events if isinstance(e.truth, DetectedTruth) and e.truth.id == pen.id), None
        )
        decisions = sum(1 for d in leaked if isinstance(d, LeakData) and d.decision is not None)
        what = and_list(
            [count(decisions, "decision")] * bool(decisions)
            + [count(len(leaked) - decisions, "report")] * bool(len(leaked) - decisions)
        )
        note = (f"{what} leaked to {scenario.actor(pen.leaks_to).name}" if leaked else "nothing leaked") + (
            f"; detected {when(detected.at)}" if detected else "; never detected"
        )
        for i, subject in enumerate(subjects_of(scenario, pen)):
            biased = [
                e.truth.biased_by
                for e in events
                if isinstance(e.data, ReportData)
                and target in e.actors
                and e.data.subject == subject
                and isinstance(e.truth, ReportTruth)
                and e.truth.biased_by is not None
            ]
            moved = sum(1 for b in biased if b != 1.0)
            out.append(
                DeceptionResult(
                    id=pen.id,
                    kind="penetration",
                    subject=subject,
                    label=subject_label(scenario, subject),
                    received={target: len(biased)},
                    believed={target: moved},
                    ratio_at_invasion={target: _ratio_at(samples, target, subject, invasion_t)},
                    worst_ratio={target: _worst(samples, target, subject)},
                    note=note if i == 0 else "",  # once per agent, not once per subject it bends
                )
            )
    return tuple(out)


def _ratio(sample: Sample, seat: str, subject: str) -> float | None:
    held = sample.assessments.get(seat, {}).get(subject)
    truth = sample.truths.get(subject)
    if held is None or not truth or subject == "attack_date":
        return None
    return round(held[0] / truth, 3)


def _ratio_at(samples: Sequence[Sample], seat: str, subject: str, t: int | None) -> float | None:
    if t is None:
        return None
    before = [s for s in samples if s.t <= t]
    return _ratio(before[-1], seat, subject) if before else None


def _worst(samples: Sequence[Sample], seat: str, subject: str) -> float | None:
    ratios = [r for s in samples if (r := _ratio(s, seat, subject)) is not None and r > 0]
    return max(ratios, key=lambda r: max(r, 1 / r)) if ratios else None
