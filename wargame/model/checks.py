"""Cross-reference checks on a structured scenario.

Structuring checks each value on its own (types, ranges, choices). These checks look across the
scenario: that every actor named is declared, that ids are unique, that timetables run forward
and that dates fall inside the game. Each problem is a (field path, message) pair.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from datetime import datetime

from wargame.model import conditions, doctrine_params
from wargame.model.aims import aim_problems
from wargame.model.doctrine_params import BY_ROLE
from wargame.model.fields import FieldError
from wargame.model.pressure import TRIGGER_KINDS
from wargame.model.scenario import (
    CHANNELS,
    COUNCIL_ITEMS,
    PROMPTS,
    SWAYABLE,
    Actor,
    Guarantee,
    Scenario,
    ScriptedDecision,
)

Path = tuple[str | int, ...]


def _unknown(kind: str, value: str, known: Iterable[str]) -> str:
    known = list(dict.fromkeys(known))
    hint = difflib.get_close_matches(value, known, n=1)
    tail = f"; did you mean {hint[0]!r}?" if hint else f"; known: {', '.join(known)}"
    return f"unknown {kind} {value!r}{tail}"


def subjects(s: Scenario) -> tuple[str, ...]:
    """What intelligence can report on in ``s``: the attack date, the forces on each front the
    aggressor fights on, and each mobilising state's army (``mobilisation.<actor>``)."""
    aggressor = s.aggressor.actor
    fronts = tuple(f"forces.{f.id}" for f in s.fronts if aggressor in (f.attacker, f.defender))
    armies = tuple(dict.fromkeys(f"mobilisation.{m.actor}" for m in s.mobilisation))
    return ("attack_date", *fronts, *armies)


def reference_problems(s: Scenario) -> list[tuple[Path, str]]:
    """Every cross-reference problem in ``s``, in file order."""
    out: list[tuple[Path, str]] = []
    actors = s.actor_ids
    fronts = tuple(f.id for f in s.fronts)
    start = s.scenario.start

    def need_actor(path: Path, value: str) -> None:
        if value not in actors:
            out.append((path, _unknown("actor", value, actors)))

    def need_date(path: Path, when: datetime) -> None:
        if when < start:
            out.append(
                (
                    path,
                    f"expected a date on or after the start ({start.isoformat()}), got {when.isoformat()}",
                )
            )

    for kind, ids in (
        ("actor", actors),
        ("front", fronts),
        ("guarantee", tuple(g.id for g in s.guarantees)),
        ("inject", tuple(i.id for i in s.injects)),
        ("deception", tuple(d.id for d in s.deception)),
        ("penetration", tuple(p.id for p in s.penetrations)),
    ):
        section = {
            "actor": "actors",
            "front": "fronts",
            "guarantee": "guarantees",
            "inject": "injects",
            "deception": "deception",
            "penetration": "penetrations",
        }[kind]
        seen: dict[str, int] = {}
        for i, value in enumerate(ids):
            if value in seen:
                first = f"{section}[{seen[value]}]"
                out.append(((section, i, "id"), f"duplicate {kind} id {value!r} (already used by {first})"))
            seen.setdefault(value, i)

    for i, actor in enumerate(s.actors):
        out += [(("actors", i, "doctrine_params", *p), m) for p, m in doctrine_problems(actor)]
        for j, enemy in enumerate(actor.at_war_with):
            need_actor(("actors", i, "at_war_with", j), enemy)
            if enemy == actor.id:
                out.append((("actors", i, "at_war_with", j), "an actor cannot be at war with itself"))

    agg = s.aggressor
    need_actor(("aggressor", "actor"), agg.actor)
    need_actor(("aggressor", "target"), agg.target)
    need_date(("aggressor", "invasion_at"), agg.invasion_at)
    if agg.actor == agg.target:
        out.append((("aggressor", "target"), "the aggressor cannot invade itself"))
    if agg.concession_by is not None:
        need_date(("aggressor", "concession_by"), agg.concession_by)
        if agg.concession_by <= agg.invasion_at:  # the aggressor would never be asked to escalate
            out.append(
                (
                    ("aggressor", "concession_by"),
                    f"the deadline for a concession ({agg.concession_by.isoformat()}) must come after "
                    f"the act it follows (invasion_at, {agg.invasion_at.isoformat()})",
                )
            )

    for i, f in enumerate(s.fronts):
        need_actor(("fronts", i, "attacker"), f.attacker)
        need_actor(("fronts", i, "defender"), f.defender)
        for lower, higher in (("probe_share", "limited_share"), ("limited_share", "general_share")):
            if getattr(f, higher) < getattr(f, lower):
                out.append(
                    (
                        ("fronts", i, higher),
                        f"expected a share no less than {lower} ({getattr(f, lower):g}), "
                        f"got {getattr(f, higher):g}",
                    )
                )
        if 0 < f.capital_falls_cohesion < f.collapse_cohesion:  # 0: no capital behind this front
            out.append(
                (
                    ("fronts", i, "collapse_cohesion"),
                    f"expected a value no greater than capital_falls_cohesion "
                    f"({f.capital_falls_cohesion:g}), got {f.collapse_cohesion:g}",
                )
            )

    mobilising: set[str] = set()
    for i, m in enumerate(s.mobilisation):
        need_actor(("mobilisation", i, "actor"), m.actor)
        if m.actor in mobilising:
            out.append((("mobilisation", i, "actor"), f"a second timetable for {m.actor!r}"))
        mobilising.add(m.actor)
        if m.prompt_at is not None:
            need_date(("mobilisation", i, "prompt_at"), m.prompt_at)
        days = [p.day for p in m.phases]
        for j in range(1, len(days)):
            if days[j] < days[j - 1]:
                out.append(
                    (
                        ("mobilisation", i, "phases", j, "day"),
                        f"phases must be listed in order of day: this one is due on day {days[j]:g}, "
                        f"before the previous one (day {days[j - 1]:g})",
                    )
                )

    for i, g in enumerate(s.guarantees):
        for j, a in enumerate(g.guarantors):
            need_actor(("guarantees", i, "guarantors", j), a)
        need_actor(("guarantees", i, "protected"), g.protected)
        for j, a in enumerate(g.against):
            need_actor(("guarantees", i, "against", j), a)
        out.extend(_commitment_problems(i, g))
        out += [(("guarantees", i, "clarity", *p), m) for p, m in clarity_problems(g.clarity)]

    if s.council is not None:
        if not s.council.members:
            out.append((("council", "members"), "expected at least one member"))
        for j, a in enumerate(s.council.members):
            need_actor(("council", "members", j), a)

    for i, svc in enumerate(s.services):
        need_actor(("services", i, "actor"), svc.actor)

    for i, iv in enumerate(s.interventions):
        need_actor(("interventions", i, "actor"), iv.actor)
        if iv.front not in fronts:
            out.append((("interventions", i, "front"), _unknown("front", iv.front, fronts)))
        if iv.earliest is not None:
            need_date(("interventions", i, "earliest"), iv.earliest)

    # subjects are checked against a consistent map: with a front named twice, that is the problem
    known_subjects = subjects(s) if len(set(fronts)) == len(fronts) else None
    for i, d in enumerate(s.deception):
        if known_subjects is not None and d.subject not in known_subjects:
            out.append((("deception", i, "subject"), _unknown("subject", d.subject, known_subjects)))
        for j, kind in enumerate(d.channels):
            if kind not in CHANNELS:
                out.append((("deception", i, "channels", j), _unknown("channel kind", kind, CHANNELS)))
        for j, a in enumerate(d.targets):
            need_actor(("deception", i, "targets", j), a)

    for i, li in enumerate(s.liaison):
        if len(li.between) != 2 or li.between[0] == li.between[1]:
            out.append((("liaison", i, "between"), "expected two different actors"))
        for j, a in enumerate(li.between):
            need_actor(("liaison", i, "between", j), a)
    for i, pen in enumerate(s.penetrations):
        for j, subject in enumerate(pen.subjects):
            if known_subjects is not None and subject not in known_subjects:
                out.append((("penetrations", i, "subjects", j), _unknown("subject", subject, known_subjects)))
        need_actor(("penetrations", i, "target"), pen.target)
        need_actor(("penetrations", i, "leaks_to"), pen.leaks_to)
        if pen.leaks_to == pen.target:
            out.append(
                (("penetrations", i, "leaks_to"), "a penetration cannot leak to the state it penetrates")
            )

    out += [(("history", *p), m) for p, m in script_problems(s.history, actors, fronts)]
    out += aim_problems(s)

    for i, inj in enumerate(s.injects):
        if inj.at is not None:
            need_date(("injects", i, "at"), inj.at)
        elif not inj.when:
            out.append((("injects", i, "at"), "expected a date `at`, or conditions `when`, or both"))
        for j, a in enumerate(inj.to):
            if a != "all":
                need_actor(("injects", i, "to", j), a)
    out += condition_problems(s)
    return out


def condition_problems(s: Scenario) -> list[tuple[Path, str]]:
    """Conditions that do not parse or name nothing (``when``, a promise's ``condition``), and
    agents of influence that sway decisions no one takes."""
    actors, fronts = s.actor_ids, tuple(f.id for f in s.fronts)
    out: list[tuple[Path, str]] = []

    def check(path: Path, text: str) -> None:
        out.extend((path, m) for m in conditions.problems(text, actors, fronts))

    sections: tuple[tuple[str, tuple[object, ...]], ...] = (
        ("interventions", s.interventions),
        ("injects", s.injects),
    )
    for section, entries in sections:
        for i, entry in enumerate(entries):
            for j, text in enumerate(getattr(entry, "when", ())):
                check((section, i, "when", j), text)
    for i, g in enumerate(s.guarantees):
        for j, promise in enumerate(g.promises):
            if promise.condition:
                check(("guarantees", i, "promises", j, "condition"), promise.condition)
    for i, pen in enumerate(s.penetrations):
        for j, kind in enumerate(pen.sways):
            if kind not in SWAYABLE:
                out.append((("penetrations", i, "sways", j), _unknown("decision kind", kind, SWAYABLE)))
    return out


def clarity_problems(clarity: Mapping[str, object]) -> list[tuple[Path, str]]:
    """Problems in a guarantee's ``[guarantees.clarity]``: a kind of act that is not a trigger
    kind, a clarity that is not a number from 0 to 1."""
    out: list[tuple[Path, str]] = []
    for kind, value in clarity.items():
        if kind not in TRIGGER_KINDS:
            out.append(((kind,), _unknown("trigger kind", kind, TRIGGER_KINDS)))
        elif isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            out.append(((kind,), f"expected a number from 0 to 1, got {value!r}"))
    return out


def doctrine_problems(actor: Actor) -> list[tuple[Path, str]]:
    """Problems in an actor's ``doctrine_params``: a name its doctrine does not read, a value out
    of range (the doctrine is the one it names, or the one its role gives it)."""
    doctrine = actor.doctrine or BY_ROLE[actor.role]
    known = doctrine_params.names(doctrine)
    out: list[tuple[Path, str]] = []
    for name, value in actor.doctrine_params.items():
        if name not in known:
            out.append(((name,), _unknown(f"parameter of the {doctrine} doctrine", name, known)))
            continue
        try:
            doctrine_params.split(doctrine, {name: value})
        except FieldError as err:
            out.append(((name,), f"expected {err.expected}, got {value!r}"))
    if out:
        return out
    params, _ = doctrine_params.split(doctrine, actor.doctrine_params)
    scales = ("offensive_probe", "offensive_limited", "offensive_general")
    if params is not None and all(hasattr(params, k) for k in scales):
        probe, limited, general = (getattr(params, k) for k in scales)
        if not probe <= limited <= general:
            given = next((k for k in reversed(scales) if k in actor.doctrine_params), scales[-1])
            out.append(
                (
                    (given,),
                    "expected offensive_probe <= offensive_limited <= offensive_general (a larger "
                    f"offensive needs more will), got {probe:g}, {limited:g}, {general:g}",
                )
            )
    return out


def script_problems(
    entries: Iterable[ScriptedDecision], actors: Iterable[str], fronts: Iterable[str] = ()
) -> list[tuple[Path, str]]:
    """Problems in decision-script entries: unknown seats, decisions, options, council items,
    conditions (``when``) that do not parse or name nothing."""
    actors, fronts = tuple(actors), tuple(fronts)
    out: list[tuple[Path, str]] = []
    for i, e in enumerate(entries):
        if e.seat not in actors:
            out.append(((i, "seat"), _unknown("seat", e.seat, actors)))
        if e.decision not in PROMPTS:
            out.append(((i, "decision"), _unknown("decision", e.decision, PROMPTS)))
        elif e.choice not in PROMPTS[e.decision]:
            out.append(((i, "choice"), _unknown(f"option of {e.decision}", e.choice, PROMPTS[e.decision])))
        if e.item and e.item not in COUNCIL_ITEMS:
            out.append(((i, "item"), _unknown("council item", e.item, COUNCIL_ITEMS)))
        if e.concerns and e.concerns not in actors:
            out.append(((i, "concerns"), _unknown("actor", e.concerns, actors)))
        if e.after is not None and e.before is not None and e.after >= e.before:
            out.append(((i, "before"), "expected a time after 'after'"))
        for j, text in enumerate(e.when):
            out.extend(((i, "when", j), m) for m in conditions.problems(text, actors, fronts))
    return out


def _commitment_problems(i: int, g: Guarantee) -> list[tuple[Path, str]]:
    """A promise's ``by`` and the guarantee's ``ambiguous`` name only its guarantors, and no
    ambiguous guarantor is named in a promise (it has said nothing)."""
    out: list[tuple[Path, str]] = []
    for j, a in enumerate(g.ambiguous):
        if a not in g.guarantors:
            out.append((("guarantees", i, "ambiguous", j), _unknown("guarantor", a, g.guarantors)))
    for k, p in enumerate(g.promises):
        for j, a in enumerate(p.by):
            if a not in g.guarantors:
                out.append(
                    (("guarantees", i, "promises", k, "by", j), _unknown("guarantor", a, g.guarantors))
                )
            elif a in g.ambiguous:
                out.append(
                    (
                        ("guarantees", i, "promises", k, "by", j),
                        f"{a!r} is ambiguous in this guarantee (it has said nothing): it can hold no "
                        "promise; remove it from 'by' or from 'ambiguous'",
                    )
                )
    return out
