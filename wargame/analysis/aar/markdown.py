"""The after-action review as Markdown, in the order facilitators run a hot wash.

1. What was planned — briefings, guarantees and their dated promises, the aggressor's plan;
2. What happened — the outcome, then the timeline of turning points;
3. Issues; 4. Fixes;
5. Belief versus truth — one row per decision: what the seat chose, on what belief, against the truth;
6. Where deception worked.

``images`` (section -> relative path) adds the plots where they belong, for a report written to disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from wargame.analysis.aar.types import AfterAction, Belief, DecisionRecord
from wargame.analysis.brief_plan import ACT_VERBS
from wargame.analysis.wording import (
    NOTHING,
    amount,
    controller,
    date_text,
    day_instant,
    days,
    instant,
    times_text,
    when,
    words,
)
from wargame.model.wording import and_list, count

SECTIONS = (
    "What was planned",
    "What happened",
    "Issues",
    "Fixes",
    "Belief versus truth",
    "Where deception worked",
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def belief_text(b: Belief, start: datetime) -> str:
    """One belief in a few words: ``Germany's divisions on the Franco-German border 41 [33–50]
    vs 23 (x1.78)``; the attack date as the date believed and how far off."""
    flag = " **!**" if b.far_from_truth else ""
    if b.is_date:
        off = b.error_days
        side = (
            NOTHING
            if off is None
            else "on time"
            if not off
            else days(abs(off)) + (" early" if off < 0 else " late")
        )
        return f"{b.label}: {instant(start, round(b.estimate))} ({side}){flag}"
    truth = amount(b.truth) if b.truth is not None else NOTHING
    ratio = f" (x{b.ratio:g})" if b.ratio is not None else ""
    return f"{b.label} {amount(b.estimate)} [{amount(b.low)}–{amount(b.high)}] vs {truth}{ratio}{flag}"


def credibility_text(d: DecisionRecord, names: Mapping[str, str]) -> str:
    return "; ".join(
        f"{names.get(g, g)} {v:.2f} vs {d.true_credibility.get(g, float('nan')):.2f}"
        for g, v in sorted(d.credibility.items())
    )


def to_markdown(aar: AfterAction, images: Mapping[str, str] | None = None) -> str:
    """The review as one Markdown document (see the module docstring)."""
    images = images or {}
    names = aar.names
    out: list[str] = [f"# After-action review: {aar.title}", ""]
    status = f"finished ({aar.at})" if aar.finished else f"in progress (reviewed at {aar.at})"
    out += [f"Scenario `{aar.scenario}`, seed {aar.seed}; the game is {status}.", ""]
    if aar.integrity:
        out += [f"Journal: {aar.integrity}.", ""]
    out += ["| seat | played by |", "|---|---|"]
    out += [f"| {names.get(s, s)} | {controller(c)} |" for s, c in sorted(aar.seats.items())]

    out += ["", "## 1. What was planned", "", "### Briefings", ""]
    out += [f"- **{names.get(s, s)}**: {_cell(text) or '(none)'}" for s, text in aar.plan.briefings.items()]
    out += ["", "### Guarantees and their dated promises", ""]
    for g in aar.plan.guarantees:
        trig = f"triggered {when(g.triggered_at)}" if g.triggered_at else "never triggered"
        if g.triggered_at and g.triggered_by != "invasion" and g.triggered_clarity is not None:
            trig += f" by the {words(g.triggered_by)} (clarity {g.triggered_clarity:g})"
        if g.again_by and g.again_at:
            clarity = f" at clarity {g.again_clarity:g}" if g.again_clarity is not None else ""
            trig += f"; triggered again by the {words(g.again_by)}{clarity} on {when(g.again_at)}"
        signed = date_text(datetime.fromisoformat(g.signed), time=False)
        out.append(
            f"- **{g.name}** (signed {signed}): {and_list(names.get(a, a) for a in g.guarantors)} "
            f"guarantee{'s' * (len(g.guarantors) == 1)} {names.get(g.protected, g.protected)}; "
            f"trigger clarity {g.trigger_clarity:g}; {trig}."
        )
        for o in g.obligations:
            kept = {True: "kept", False: "**broken**", None: "not yet due"}[o.kept]
            due = f"due {o.due_at}" if o.due_at else "not due (no trigger)"
            out.append(
                f"  - {names.get(o.guarantor, o.guarantor)}: {words(o.action)} by J+{o.day:g} — {due}: {kept}"
            )
    a = aar.plan.aggressor
    out += ["", "### The aggressor's plan (white cell)", ""]
    out.append(
        f"- {names.get(a.actor, a.actor)} {ACT_VERBS.get(a.means, 'attacks')} "
        f"{names.get(a.target, a.target)} at {when(a.invasion_at)}; it may postpone "
        f"{times_text(a.max_postponements)} by "
        f"{days(a.postpone_days)}; its aim: {words(a.aim)}."
    )
    if a.demand:
        out.append(f"- It demands {a.demand}.")
    if a.concession_by:
        out.append(f"- If there is no concession by {when(a.concession_by)}, it decides whether to escalate.")
    out += [f"- Deception {line}" for line in a.deceptions]
    out += [f"- Penetration {line}" for line in a.penetrations]

    out += ["", "## 2. What happened", "", "### Outcome", ""]
    out += outcome_lines(aar)
    out += _image(images, "front")
    out += ["", "### Timeline (turning points)", "", "| when | kind | what |", "|---|---|---|"]
    out += [f"| {when(e.at)} | {words(e.kind)} | {_cell(e.text)} |" for e in aar.timeline]

    out += ["", "## 3. Issues", ""]
    out += [f"- {_cell(f.text)}" for f in aar.issues] or ["- None found."]
    out += ["", "## 4. Fixes", ""]
    out += [
        f"- *{f.issue.replace('_', ' ')}*: {f.text}"
        + (f" (try: `{'`, `'.join(f.levers)}`)" if f.levers else "")
        for f in aar.fixes
    ] or ["- Nothing to fix."]

    out += ["", "## 5. Belief versus truth", ""]
    out += [
        "One row per decision: what the seat believed when it decided (its analysts' estimate, "
        "[interval], against the truth then; **!** marks an estimate off by half again or more) and "
        "the credibility it perceived against the credibility from everything that happened.",
        "",
        "| # | when | seat | decision | choice | by | reason | believed (vs truth) "
        "| credibility (vs truth) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for i, d in enumerate(aar.decisions, start=1):
        beliefs = "; ".join(belief_text(b, aar.start) for b in d.beliefs) or NOTHING
        out.append(
            f"| {i} | {when(d.at)} | {names.get(d.seat, d.seat)} | {words(d.kind)} | {words(d.choice)} | "
            f"{controller(d.by)} | {_cell(d.reason) or NOTHING} | {_cell(beliefs)} | "
            f"{credibility_text(d, names) or NOTHING} |"
        )
    out += _image(images, "estimates")
    out += _image(images, "credibility")

    out += ["", "## 6. Where deception worked", ""]
    for r in aar.deception:
        seats = ", ".join(names.get(s, s) for s in r.worked_on) or "nobody"
        out.append(f"- **{r.id}** ({r.kind}, {r.label or words(r.subject)}): worked on {seats}.")
        for seat in r.received:
            out.append(
                f"  - {names.get(seat, seat)}: {r.believed[seat]} of {r.received[seat]} reports moved its "
                f"assessment away from the truth; estimate over truth at the invasion "
                f"{_ratio(r.ratio_at_invasion.get(seat))}, furthest {_ratio(r.worst_ratio.get(seat))}."
            )
        if r.note:
            out.append(f"  - {r.note}.")
    if not aar.deception:
        out.append("- The scenario has no deception or penetration.")
    return "\n".join(out) + "\n"


def _ratio(r: float | None) -> str:
    return f"x{r:g}" if r is not None else NOTHING


def outcome_lines(aar: AfterAction) -> list[str]:
    """The outcome measures in sentences: dates for instants, "not reached" and "never" for what
    did not happen, names for states."""
    o, names = aar.outcome, aar.names
    a = aar.plan.aggressor
    aggressor, target = names.get(a.actor, a.actor), names.get(a.target, a.target)
    invaded = day_instant(aar.start, o.invasion_day)
    postponed = (
        f"{aggressor} never postponed"
        if not o.postponements
        else f"{aggressor} postponed {times_text(o.postponements)}"
    )
    out = [
        f"- End state: **{words(o.end_state)}**"
        + (f" ({END_STATES[o.end_state]})" if o.end_state in END_STATES else "")
        + (f", {days(o.duration_days)} after the trigger" if o.duration_days is not None else "")
        + ".",
        f"- Deterred: {'yes' if o.deterred else 'no'} ({o.deterrence}); invasion: {invaded}; {postponed}.",
        f"- Guarantee honoured: **{o.guarantee_honoured}**; credibility at the "
        f"{'invasion' if aar.pressure is None or o.invasion_day is not None else aar.pressure.means} "
        f"{o.credibility_at_invasion}; promises kept {o.promises_kept} of {o.promises_due}.",
    ]
    held, fell = o.protege_survival_days, o.capital_fell_after_days
    capital = f"its capital fell after {days(fell)}" if fell is not None else "its capital did not fall"
    out += pressure_lines(aar)
    if o.invasion_day is None:
        out.append(f"- {target} was not invaded.")
    elif held is None:
        out.append(f"- {target} still stood at the {'end' if aar.finished else 'review'}; {capital}.")
    else:
        out.append(f"- {target} held out {days(held)} after the invasion; {capital}.")
    out += ground_lines(aar)
    for g, per in o.guarantors.items():
        war, offensive, most = (
            per.war_declared_after_days,
            per.offensive_after_days,
            per.max_offensive_divisions,
        )
        out.append(
            f"- {names.get(g, g)}: "
            + (
                declared_text(aar, war)
                if war is not None
                else "already at war"
                if per.at_war
                else "never declared war"
            )
            + ", "
            + (
                f"first offensive after {days(offensive)} (at most {most} divisions)"
                if offensive is not None
                else "no offensive"
            )
            + "."
        )
    return out


#: What each end state means, in a few words (``Outcome.end_state``).
END_STATES = {
    "concession": "the protected state gave in to the pressure",
    "deterred": "the aggressor never acted",
    "collapse": "the protected state collapsed",
    "objective_held": "the aggressor holds every objective it set out to seize",
    "resisted": "the protected state held out",
    "undecided": "the journal stops before the end",
}

#: The aggressor's pressure, done (``PressureRecord.means``).
PAST = {"blockade": "blockaded", "hybrid": "opened a hybrid campaign against"}

#: How a pressure ended (``PressureRecord.ending``).
ENDINGS = {
    "concession": "{target} conceded the demand on {at}",
    "lift": "{aggressor} lifted the {what} on {at}",
    "escalation": "{aggressor} turned the {what} into an invasion on {at}",
}


def pressure_lines(aar: AfterAction) -> list[str]:
    """A blockade or hybrid campaign in sentences: the act and its day, the demand, the days of
    pressure and the endurance left, the escorts, and how it ended."""
    p, o, names = aar.pressure, aar.outcome, aar.names
    if p is None:
        return []
    a = aar.plan.aggressor
    aggressor, target = names.get(a.actor, a.actor), names.get(a.target, a.target)
    what = "blockade" if p.means == "blockade" else "hybrid campaign"
    demand = f", demanding {p.demand}" if p.demand else ""
    out = [f"- {aggressor} {PAST[p.means]} {target} on {when(p.at)}{demand}."]
    bore = count(o.pressure_day or 0, "day")
    left = f"; its endurance at the end {o.endurance_at_end:.2f}" if o.endurance_at_end is not None else ""
    out.append(f"- {target} bore {bore} of {what}{left} (1: untouched, 0: spent).")
    if p.means == "blockade":
        escorts = and_list(names.get(g, g) for g in p.escorts)
        out.append(f"- Escorted by {escorts}." if escorts else "- Nobody escorted its shipping.")
    if p.ending:
        ended = ENDINGS[p.ending].format(target=target, aggressor=aggressor, what=what, at=when(p.ending_at))
        out.append(f"- {ended}{' (its endurance spent)' if p.forced else ''}.")
    else:
        out.append(f"- The {what} went on to the {'end' if aar.finished else 'review'}.")
    return out


def declared_text(aar: AfterAction, after: float) -> str:
    """When a guarantor declared war, counted (as the outcome counts it) from the aggressor's
    first act: into the blockade or hybrid campaign where one came first, else after the invasion."""
    p = aar.pressure
    if p is None:
        return f"declared war after {days(after)}"
    what = "blockade" if p.means == "blockade" else "hybrid campaign"
    return f"declared war {days(after)} into the {what}"


def ground_lines(aar: AfterAction) -> list[str]:
    """The ground the aggressor holds on each front it attacks, and its objectives held."""
    o, fronts = aar.outcome, aar.fronts
    held = [
        f"{km:g} km of the {fronts.get(f, f)}"
        + (f" (its objective: {aar.objectives[f]})" if aar.objectives.get(f) else "")
        for f, km in o.ground_held_km.items()
        if km > 0
    ]
    if not held:
        return []
    aggressor = aar.names.get(aar.plan.aggressor.actor, aar.plan.aggressor.actor)
    objectives = f"; {count(o.objectives_held, 'objective')} held" if aar.objectives else ""
    return [f"- {aggressor} holds {and_list(held)} at the end{objectives}."]


def _image(images: Mapping[str, str], key: str) -> list[str]:
    return ["", f"![{key}]({images[key]})"] if key in images else []
