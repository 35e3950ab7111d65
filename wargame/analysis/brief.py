"""Printable briefings: one per seat, and the white cell's pack.

A seminar starts with paper. Each seat's team gets its **briefing**: its state's situation and
the scenario's briefing text, its treaties and their dated promises (secret clauses included: it
is a party), its mobilisation timetable, its intelligence service and liaisons, what it can order
and when it will be asked, and the dates it knows. A seat's briefing never holds the ground truth,
another seat's treaties or the aggressor's plan; the aggressor's seat gets its own plan, its
deceptions and the agents that report to it.

The facilitators get the **white-cell pack** (:func:`white_cell_pack_markdown`): the aggressor's
plan, deceptions and penetrations, the master event list with dates, audiences and texts, the
history notes and the ``[[history]]`` decisions, and what each seat is told.

::

    text = seat_brief_markdown(loaded, "france")
    page = seat_brief_html(loaded, "france")      # one self-contained HTML page
    write_brief(loaded, "france", "france.html")  # by the extension; None -> Markdown returned
"""

from __future__ import annotations

from pathlib import Path

from wargame.analysis.aar.report_html import to_html
from wargame.analysis.brief_parts import (
    LIAISON,
    aggressor_lines,
    free_decisions_of,
    paragraphs,
    promise_words,
    seat_prompts,
)
from wargame.analysis.brief_plan import condition_words, pressure_lines
from wargame.analysis.wording import date_text, days, instant
from wargame.model.scenario import Inject, Scenario
from wargame.model.scenario_files.scenarios import LoadedScenario
from wargame.model.units import forces_text
from wargame.model.wording import and_list, channel_name, verb_for

WHITE_SEATS = ("white", "white-cell", "white_cell")  # --seat values that mean the white-cell pack
FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


class BriefError(ValueError):
    """A briefing that cannot be made: an unknown seat, or a file that cannot be written."""


def _names(s: Scenario) -> dict[str, str]:
    return {a.id: a.name for a in s.actors}


def _who(s: Scenario, ids: tuple[str, ...]) -> str:
    names = _names(s)
    return "everyone" if "all" in ids else and_list(names.get(i, i) for i in ids)


def check_seat(loaded: LoadedScenario, seat: str) -> None:
    """Raise :class:`BriefError` unless ``seat`` is one of the scenario's seats."""
    if seat not in loaded.scenario.seat_ids:
        raise BriefError(
            f"unknown seat {seat!r}; the seats of {loaded.name} are {', '.join(loaded.scenario.seat_ids)} "
            "(or --white-cell for the white-cell pack)"
        )


def seat_brief_markdown(loaded: LoadedScenario, seat: str) -> str:
    """The briefing of ``seat`` (see the module docstring); raises :class:`BriefError`."""
    check_seat(loaded, seat)
    s = loaded.scenario
    about, me, names = s.scenario, s.actor(seat), _names(s)
    end = instant(about.start, about.horizon_days * 1440)
    out = [f"# Briefing: {me.name}", "", f"**{about.title}**. For the {me.name} seat only.", ""]
    out += [f"The game opens on {instant(about.start, 0)} and runs to {end} at the latest.", ""]

    out += ["## Your situation", ""]
    out += paragraphs(me.briefing) or ["(The scenario gives no briefing text.)"]
    own = next((m for m in s.mobilisation if m.actor == seat), None)
    facts = [f"Your part in the crisis: {me.role.replace('_', ' ')}."]
    if own is not None:
        facts.append(f"Divisions under arms at the start: {own.standing_divisions:g}.")
        if own.standing_air or own.standing_naval:
            facts.append(
                f"Air and naval forces at the start: {forces_text(0, own.standing_air, own.standing_naval)}."
            )
    if me.at_war_with:
        facts.append(f"Already at war with {_who(s, me.at_war_with)}.")
    out += [""] + [f"- {f}" for f in facts]

    out += ["", "## Your treaties and promises", ""]
    mine = [g for g in s.guarantees if seat in (*g.guarantors, g.protected)]
    for g in mine:
        out.append(
            f"- **{g.name}**, signed {date_text(g.signed, time=False)}: {_who(s, g.guarantors)} "
            f"{verb_for(g.guarantors, 'guarantees', 'guarantee')} {names.get(g.protected, g.protected)}"
            + (f" against {_who(s, g.against)}" if g.against else "")
            + "."
        )
        out += [
            f"  - {promise_words(s, p)}" + (f" It binds {_who(s, p.by)} only." if p.by else "")
            for p in g.promises
        ]
        if g.ambiguous:
            silent = _who(s, g.ambiguous)
            out.append(
                f"  - {silent} {verb_for(g.ambiguous, 'has', 'have')} said nothing (strategic ambiguity): "
                f"asked to declare war when it triggers, but bound by no promise."
            )
        if g.secret_clauses.strip():
            out.append(f"  - Secret clauses (the parties only): {' '.join(g.secret_clauses.split())}")
    if not mine:
        out.append("- You are party to no guarantee in this crisis.")

    if own is not None and own.phases:
        out += ["", "## Your mobilisation timetable", ""]
        if any(p.air or p.naval for p in own.phases):
            out += [
                "| phase | complete by | divisions then | squadrons then | ships then |",
                "|---|---|---|---|---|",
            ]
            out += [
                f"| {p.name} | J+{p.day:g} after the order | {p.divisions:g} | {p.air:g} | {p.naval:g} |"
                for p in own.phases
            ]
        else:
            out += ["| phase | complete by | divisions then |", "|---|---|---|"]
            out += [f"| {p.name} | J+{p.day:g} after the order | {p.divisions:g} |" for p in own.phases]

    service = next((v for v in s.services if v.actor == seat), None)
    liaisons = [x for x in s.liaison if seat in x.between]
    if service is not None or liaisons:
        out += ["", "## Your intelligence", ""]
        if service is not None:
            kinds = and_list(dict.fromkeys(_channel(c.kind) for c in service.channels)) or "no channels"
            out.append(f"- {service.name}: {kinds}.")
        for x in liaisons:
            other = next((i for i in x.between if i != seat), seat)
            out.append(f"- Liaison with {names.get(other, other)}: {LIAISON.get(x.level, x.level)}.")

    out += ["", "## What you can order", ""]
    out += ["You will be asked, with a deadline (if nobody answers, the default is taken):", ""]
    asked = seat_prompts(s, seat)
    out += [f"- {line}" for line in asked] or ["- Nothing is scheduled to be asked of you."]
    out += ["", "At any time, when it makes sense:", ""]
    out += [f"- {line}" for line in free_decisions_of(s, seat)] or ["- Nothing."]

    out += ["", "## Key dates you know", ""]
    out += [f"- {line}" for line in _key_dates(s, seat)]

    if seat == s.aggressor.actor:
        out += ["", "## Your plan (for you alone)", ""]
        out += [f"- {line}" for line in aggressor_lines(s, for_seat=seat)]
    return "\n".join(out) + "\n"


def _channel(kind: str) -> str:
    return channel_name(kind)


def _key_dates(s: Scenario, seat: str) -> list[str]:
    start = s.scenario.start
    out = [(start, f"{date_text(start)}: the game opens.")]
    for g in s.guarantees:
        if seat in (*g.guarantors, g.protected):
            out.append((g.signed, f"{date_text(g.signed, time=False)}: {g.name} signed."))
    for m in s.mobilisation:
        if m.actor == seat and m.prompt_at is not None:
            asked = "from then, on news, " if m.prompt_on_news else ""
            out.append((m.prompt_at, f"{date_text(m.prompt_at)}: you are asked {asked}whether to mobilise."))
    for i in s.interventions:
        if i.actor == seat and i.earliest is not None:
            out.append(
                (i.earliest, f"{date_text(i.earliest)}: from then on you may be asked to enter the war.")
            )
    end = instant(start, s.scenario.horizon_days * 1440)
    out.sort(key=lambda pair: pair[0])
    return [line for _, line in out] + [f"{end}: the game ends (after {days(s.scenario.horizon_days)})."]


def white_cell_pack_markdown(loaded: LoadedScenario) -> str:
    """The white-cell pack: ground truth, plan, master event list, history, what each seat is told."""
    s = loaded.scenario
    about, names = s.scenario, _names(s)
    out = [f"# White-cell pack: {about.title}", "", "**For the facilitators only: ground truth.**", ""]
    out += [
        f"Scenario `{loaded.name}`; the game opens on {instant(about.start, 0)} and runs "
        f"{days(about.horizon_days)}. Seats: "
        + and_list(f"{a.name} ({a.role.replace('_', ' ')})" for a in s.actors if a.seat)
        + ".",
        "",
    ]
    out += ["## The aggressor's plan", ""]
    out += [f"- {line}" for line in aggressor_lines(s)]
    if pressure := pressure_lines(s):
        out += ["", "### The pressure (`[pressure]`)", ""]
        out += [f"- {line}" for line in pressure]
    out += ["", "## Deceptions and penetrations", ""]
    from wargame.analysis.aar.review import aggressor_plan

    plan = aggressor_plan(s)
    out += [f"- Deception {line}." for line in plan.deceptions]
    out += [f"- Penetration {line}." for line in plan.penetrations]
    if not plan.deceptions and not plan.penetrations:
        out.append("- None in this scenario.")

    out += ["", "## Master event list", "", "| when | to | inject | text |", "|---|---|---|---|"]
    for i in sorted(s.injects, key=lambda i: (i.at is None, i.at or s.scenario.start, i.id)):
        out.append(f"| {_inject_when(s, i)} | {_who(s, i.to)} | {i.id} | {_cell(i.text)} |")
    if not s.injects:
        out.append("| — | — | — | (no injects) |")

    out += ["", "## History notes", ""]
    out += paragraphs(about.white_cell_notes) or ["(The scenario has no notes.)"]
    if s.history:
        out += ["", "### What was decided in history (`[[history]]`, played by bot:record)", ""]
        out += ["| seat | decision | choice | when | reason |", "|---|---|---|---|---|"]
        for h in s.history:
            when = (
                (f"from {date_text(h.after)} " if h.after else "")
                + (f"before {date_text(h.before)}" if h.before else "")
            ).strip() or "any time"
            if h.when:
                once = f"once {condition_words(s, h.when)}"
                when = once if when == "any time" else f"{when}, {once}"
            what = h.decision.replace("_", " ") + (f" ({h.item.replace('_', ' ')})" if h.item else "")
            out.append(
                f"| {names.get(h.seat, h.seat)} | {what} | {h.choice} | {when} | {_cell(h.reason) or '—'} |"
            )

    out += ["", "## What each seat is told", ""]
    for a in s.actors:
        if not a.seat:
            continue
        told = [
            i
            for i in sorted(s.injects, key=lambda i: (i.at is None, i.at or s.scenario.start))
            if "all" in i.to or a.id in i.to
        ]
        out += [f"### {a.name}", ""]
        out += paragraphs(a.briefing) or ["(No briefing text.)"]
        treaties = [g.name for g in s.guarantees if a.id in (*g.guarantors, g.protected)]
        out += ["", f"- Treaties: {and_list(treaties) or 'none'}."]
        out.append(
            "- Injects it receives: "
            + (and_list(f"{i.id} ({_inject_when(s, i)})" for i in told) or "none")
            + "."
        )
        out += [f"- Asked: {line}" for line in seat_prompts(s, a.id)]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def seat_brief_html(loaded: LoadedScenario, seat: str) -> str:
    """:func:`seat_brief_markdown` as one self-contained HTML page."""
    return to_html(seat_brief_markdown(loaded, seat), title=f"Briefing: {loaded.scenario.actor(seat).name}")


def white_cell_pack_html(loaded: LoadedScenario) -> str:
    """:func:`white_cell_pack_markdown` as one self-contained HTML page."""
    return to_html(
        white_cell_pack_markdown(loaded), title=f"White-cell pack: {loaded.scenario.scenario.title}"
    )


def write_brief(loaded: LoadedScenario, seat: str | None, out: str | None = None) -> str | None:
    """The briefing of ``seat`` (``None`` or a white-cell name: the pack), written to ``out`` as
    Markdown or HTML by its extension; without ``out``, the Markdown is returned."""
    pack = seat is None or seat in WHITE_SEATS
    if not pack:
        check_seat(loaded, seat or "")
    if out is None:
        return white_cell_pack_markdown(loaded) if pack else seat_brief_markdown(loaded, seat or "")
    target = Path(out)
    fmt = FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise BriefError(f"cannot tell the format of {out!r}: name it .md or .html")
    if not target.parent.is_dir():
        raise BriefError(f"cannot write {out!r}: the folder {str(target.parent)!r} does not exist")
    if fmt == "html":
        text = white_cell_pack_html(loaded) if pack else seat_brief_html(loaded, seat or "")
    else:
        text = white_cell_pack_markdown(loaded) if pack else seat_brief_markdown(loaded, seat or "")
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as err:
        raise BriefError(f"cannot write {out!r}: {err.strerror or err}") from None
    return None


__all__ = [
    "BriefError",
    "seat_brief_html",
    "seat_brief_markdown",
    "white_cell_pack_html",
    "white_cell_pack_markdown",
    "write_brief",
]


def _inject_when(s: Scenario, i: Inject) -> str:
    """When an inject is published: its date, its conditions (in words), or both."""
    parts = [date_text(i.at)] if i.at is not None else []
    if i.when:
        delay = f" + {i.delay_hours:g} hours" if i.delay_hours else ""
        parts.append(f"once {condition_words(s, i.when)}{delay}")
    return ", ".join(parts)
