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
from wargame.model.wording import and_list

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
    out += ["| seat | played by |", "|---|---|"]
    out += [f"| {names.get(s, s)} | {controller(c)} |" for s, c in sorted(aar.seats.items())]

    out += ["", "## 1. What was planned", "", "### Briefings", ""]
    out += [f"- **{names.get(s, s)}**: {_cell(text) or '(none)'}" for s, text in aar.plan.briefings.items()]
    out += ["", "### Guarantees and their dated promises", ""]
    for g in aar.plan.guarantees:
        trig = f"triggered {when(g.triggered_at)}" if g.triggered_at else "never triggered"
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
        f"- {names.get(a.actor, a.actor)} attacks {names.get(a.target, a.target)} at {when(a.invasion_at)}; "
        f"it may postpone {times_text(a.max_postponements)} by {days(a.postpone_days)}."
    )
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
    out = [
        f"- Deterred: {'yes' if o.deterred else 'no'} ({o.deterrence}); invasion: {invaded}; "
        f"{aggressor} postponed {times_text(o.postponements)}.",
        f"- Guarantee honoured: **{o.guarantee_honoured}**; credibility at the invasion "
        f"{o.credibility_at_invasion}; promises kept {o.promises_kept} of {o.promises_due}.",
    ]
    held, fell = o.protege_survival_days, o.capital_fell_after_days
    capital = f"its capital fell after {days(fell)}" if fell is not None else "its capital did not fall"
    if o.invasion_day is None:
        out.append(f"- {target} was not invaded.")
    elif held is None:
        out.append(f"- {target} still stood at the {'end' if aar.finished else 'review'}; {capital}.")
    else:
        out.append(f"- {target} held out {days(held)} after the invasion; {capital}.")
    for g, per in o.guarantors.items():
        war, offensive, most = (
            per.war_declared_after_days,
            per.offensive_after_days,
            per.max_offensive_divisions,
        )
        out.append(
            f"- {names.get(g, g)}: "
            + (
                f"declared war after {days(war)}"
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


def _image(images: Mapping[str, str], key: str) -> list[str]:
    return ["", f"![{key}]({images[key]})"] if key in images else []
