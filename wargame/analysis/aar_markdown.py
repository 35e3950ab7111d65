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

from wargame.analysis.aar_types import AfterAction, Belief, DecisionRecord

SECTIONS = (
    "What was planned",
    "What happened",
    "Issues",
    "Fixes",
    "Belief versus truth",
    "Where deception worked",
)


def _when(at: str) -> str:
    return at.replace("T", " ")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def belief_text(b: Belief) -> str:
    """One belief in a few words: ``forces.west 41 [33–50] vs 23 (x1.78)``."""
    if b.is_date:
        off = f"{b.error_days:+g} d" if b.error_days is not None else "?"
        return f"{b.subject}: off by {off}"
    truth = f"{b.truth:g}" if b.truth is not None else "?"
    ratio = f" (x{b.ratio:g})" if b.ratio is not None else ""
    flag = " **!**" if b.far_from_truth else ""
    return f"{b.subject} {b.estimate:g} [{b.low:g}–{b.high:g}] vs {truth}{ratio}{flag}"


def credibility_text(d: DecisionRecord) -> str:
    return "; ".join(
        f"{g} {v:.2f} vs {d.true_credibility.get(g, float('nan')):.2f}"
        for g, v in sorted(d.credibility.items())
    )


def to_markdown(aar: AfterAction, images: Mapping[str, str] | None = None) -> str:
    """The review as one Markdown document (see the module docstring)."""
    images = images or {}
    names = aar.names
    out: list[str] = [f"# After-action review: {aar.title}", ""]
    status = "finished" if aar.finished else f"in progress (reviewed at {_when(aar.at)})"
    out += [f"Scenario `{aar.scenario}`, seed {aar.seed}; the game is {status}.", ""]
    out += ["| seat | played by |", "|---|---|"]
    out += [f"| {names.get(s, s)} | {c} |" for s, c in sorted(aar.seats.items())]

    out += ["", "## 1. What was planned", "", "### Briefings", ""]
    out += [f"- **{names.get(s, s)}**: {_cell(text) or '(none)'}" for s, text in aar.plan.briefings.items()]
    out += ["", "### Guarantees and their dated promises", ""]
    for g in aar.plan.guarantees:
        trig = f"triggered {_when(g.triggered_at)}" if g.triggered_at else "never triggered"
        out.append(
            f"- **{g.name}** (signed {g.signed}): {', '.join(names.get(a, a) for a in g.guarantors)} "
            f"guarantee {names.get(g.protected, g.protected)}; trigger clarity {g.trigger_clarity:g}; {trig}."
        )
        for o in g.obligations:
            kept = {True: "kept", False: "**broken**", None: "not yet due"}[o.kept]
            due = f"due {_when(o.due_at)}" if o.due_at else "not due (no trigger)"
            out.append(
                f"  - {names.get(o.guarantor, o.guarantor)}: {o.action.replace('_', ' ')} "
                f"by J+{o.day:g} — {due}: {kept}"
            )
    a = aar.plan.aggressor
    out += ["", "### The aggressor's plan (white cell)", ""]
    out.append(
        f"- {names.get(a.actor, a.actor)} attacks {names.get(a.target, a.target)} at {_when(a.invasion_at)}; "
        f"it may postpone {a.max_postponements} time(s) by {a.postpone_days:g} days."
    )
    out += [f"- Deception {line}" for line in a.deceptions]
    out += [f"- Penetration {line}" for line in a.penetrations]

    o = aar.outcome
    out += ["", "## 2. What happened", "", "### Outcome", ""]
    out += [
        f"- Deterred: {o['deterred']}; invasion on day {o['invasion_day']}; "
        f"postponements {o['postponements']}.",
        f"- Guarantee honoured: **{o['guarantee_honoured']}**; credibility at the invasion "
        f"{o['credibility_at_invasion']}; promises kept {o['promises_kept']} of {o['promises_due']}.",
        f"- Protected state survived {o['protege_survival_days']} days after the invasion "
        f"(capital fell after {o['capital_fell_after_days']}).",
    ]
    for g, per in o["guarantors"].items():
        out.append(
            f"- {names.get(g, g)}: war declared after {per['war_declared_after_days']} days, "
            f"first offensive after {per['offensive_after_days']} days, "
            f"at most {per['max_offensive_divisions']} divisions."
        )
    out += _image(images, "front")
    out += ["", "### Timeline (turning points)", "", "| when | kind | what |", "|---|---|---|"]
    out += [f"| {_when(e.at)} | {e.kind} | {_cell(e.text)} |" for e in aar.timeline]

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
        beliefs = "; ".join(belief_text(b) for b in d.beliefs) or "—"
        out.append(
            f"| {i} | {_when(d.at)} | {names.get(d.seat, d.seat)} | {d.kind} | {d.choice} | {d.by} | "
            f"{_cell(d.reason) or '—'} | {_cell(beliefs)} | {credibility_text(d) or '—'} |"
        )
    out += _image(images, "estimates")
    out += _image(images, "credibility")

    out += ["", "## 6. Where deception worked", ""]
    for r in aar.deception:
        seats = ", ".join(names.get(s, s) for s in r.worked_on) or "nobody"
        out.append(f"- **{r.id}** ({r.kind}, {r.subject}): worked on {seats}.")
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
    return f"x{r:g}" if r is not None else "—"


def _image(images: Mapping[str, str], key: str) -> list[str]:
    return ["", f"![{key}]({images[key]})"] if key in images else []
