"""When a seat is asked to decide: the rule of every prompt, declared once.

The engine puts ten kinds of question to the seats. Each is declared here as a
:class:`PromptRule`: its options, its default, when it comes in words, and — as a function of
the scenario alone — which seats can ever be asked it, in the order the engine asks them:

* ``attack`` — the aggressor, before each planned attack: proceed, postpone or abandon;
* ``statement`` — when the crisis opens (``aggressor.warning_at``), every guarantor of the state
  the aggressor attacks, whatever its guarantee names in ``against``: a public statement of
  resolve, or silence;
* ``declare_war`` — once the invasion triggers a guarantee (it protects the target *and* names
  the aggressor), each of its guarantors not already at war with the aggressor; after a wait, again
  only on news (:mod:`wargame.engine.news`), at most once per its ``redecide_hours``;
* ``offensive`` — when a triggered guarantee's promised offensive falls due, each of its
  guarantors with a front to attack on; from then on, at war, also on news (a phase of its
  mobilisation, a partner's offensive, its assessment of the enemy moving);
* ``mobilise`` — a state with a mobilisation prompt (on a date before the horizon, or on invasion);
* ``council_position`` — every member, at each sitting of the council, if its agenda can hold an
  item (an offensive to launch or halt, or the protected state to inform); any member may call it;
* ``intervene`` — a third party, on news of the war on its front, the fighting or the halt (not
  before ``earliest``, nor its ``when`` conditions; asked at once when they come to hold);
* ``penetration`` — a penetrated state that can uncover the penetration: purge it or watch it;
* ``allocate`` — the aggressor, once it has invaded, if it also defends a front: strip the fronts
  it defends for the invasion (or strike), hold (keep the planned deployment), reinforce them or
  recall the invasion army to them; again on news (a declaration of war, an offensive, a
  breakthrough, a halt);
* ``support`` — a guarantor at war with air or naval forces and no front of its own, on news of
  the fighting on the protected state's front: commit its ``air`` or ``naval`` forces to the
  defence, or ``none`` (:mod:`wargame.engine.support`).
* ``pressure_response`` — the protected state, when a blockade or hybrid campaign begins and on
  news: run (resist) it, or accept the demand (concede);
* ``escort`` — every guarantor of the target, under a blockade (not a hybrid campaign) on news:
  escort the protected state's shipping, or wait;
* ``escalate`` — the aggressor, under a pressure with a ``concession_by`` date and no concession
  by then: invade, persist, or lift the pressure (and, from a hybrid campaign, blockade).

The engine derives its live form from this: it asks exactly the seats listed here (while the
situation allows), and :func:`wargame.engine.decisions.open_prompt` refuses a prompt this module
says can never be put. The scenario lint (:mod:`wargame.model.lint`), the briefings and the
bots' doctrines read the same rules, so none of them can disagree with the game.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

import attrs

from wargame.model.pressure import INVADING_MEANS, PRESSURE_MEANS, clarity_of
from wargame.model.scenario import PROMPTS, Front, Guarantee, Scenario
from wargame.model.units import planned

OFFENSIVE_PROMISES = ("limited_offensive", "main_offensive")
OFFENSIVE_SCALES = PROMPTS["offensive"]


@attrs.frozen(kw_only=True)
class PromptRule:
    """How one kind of prompt is put: its options and default, and who can ever be asked it."""

    kind: str
    options: tuple[str, ...]  # every option it may offer (a prompt may offer fewer): PROMPTS[kind]
    default: str | None  # None: the scenario sets it (a mobilisation's ``default``)
    when: str  # when it comes, in words
    seats: Callable[[Scenario], tuple[str, ...]]  # who can ever be asked, in the engine's order


def _unique(seats: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(seats))


def at_war_at_start(s: Scenario, a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are at war when the game starts (either side's ``at_war_with``)."""
    return b in s.actor(a).at_war_with or a in s.actor(b).at_war_with


def trigger_kinds(s: Scenario) -> tuple[str, ...]:
    """The kinds of act the aggressor's plan can come to: its ``means`` and, for a pressure that
    may escalate (a ``concession_by`` date), the invasion."""
    plan = s.aggressor
    if plan.means == "hybrid" and plan.concession_by is not None:
        return ("hybrid", "blockade", "invasion")  # the ladder: hybrid, blockade, invasion
    if plan.means in PRESSURE_MEANS and plan.concession_by is not None:
        return (plan.means, "invasion")
    return (plan.means,)


def covers(g: Guarantee, kind: str) -> bool:
    """Whether guarantee ``g`` is triggered by an act of ``kind`` (its clarity table)."""
    return clarity_of(g.clarity, g.trigger_clarity, kind) is not None


def triggered(s: Scenario, kind: str | None = None) -> tuple[Guarantee, ...]:
    """The guarantees an act of ``kind`` by the aggressor triggers (they protect its target, name
    it in ``against`` and cover that kind), in scenario order; ``kind`` None: any act its plan can
    come to (:func:`trigger_kinds`)."""
    plan = s.aggressor
    kinds = trigger_kinds(s) if kind is None else (kind,)
    return tuple(
        g
        for g in s.guarantees
        if g.protected == plan.target and plan.actor in g.against and any(covers(g, k) for k in kinds)
    )


def offensive_front(s: Scenario, actor: str) -> Front | None:
    """The front on which ``actor`` can launch an offensive, if any (the first one)."""
    return next((f for f in s.fronts if f.opens == "offensive" and f.attacker == actor), None)


def _before_horizon(s: Scenario, when: datetime) -> bool:
    return when < s.scenario.start + timedelta(days=s.scenario.horizon_days)


def attack_seats(s: Scenario) -> tuple[str, ...]:
    plan = s.aggressor
    asked_at = plan.invasion_at - timedelta(hours=plan.order_lead_hours)
    return (plan.actor,) if _before_horizon(s, asked_at) else ()


def statement_seats(s: Scenario) -> tuple[str, ...]:
    if s.aggressor.warning_at is None or not _before_horizon(s, s.aggressor.warning_at):
        return ()
    return _unique(a for g in s.guarantees if g.protected == s.aggressor.target for a in g.guarantors)


def declare_war_seats(s: Scenario) -> tuple[str, ...]:
    aggressor = s.aggressor.actor
    return _unique(a for g in triggered(s) for a in g.guarantors if not at_war_at_start(s, a, aggressor))


def offensive_seats(s: Scenario) -> tuple[str, ...]:
    return _unique(
        a
        for g in triggered(s)
        if any(p.action in OFFENSIVE_PROMISES for p in g.promises)
        for a in g.guarantors
        if offensive_front(s, a) is not None
    )


def mobilise_seats(s: Scenario) -> tuple[str, ...]:
    return _unique(
        m.actor
        for m in s.mobilisation
        if m.prompt_on_invasion
        or (m.prompt_at is not None and _before_horizon(s, m.prompt_at))
        or (m.prompt_on_news and m.prompt_at is None)
    )


def council_seats(s: Scenario) -> tuple[str, ...]:
    c = s.council
    if c is None:
        return ()
    agenda = s.aggressor.target not in c.members or any(offensive_front(s, m) for m in c.members)
    return tuple(c.members) if agenda else ()


def intervene_seats(s: Scenario) -> tuple[str, ...]:
    return _unique(
        iv.actor for iv in s.interventions if iv.earliest is None or _before_horizon(s, iv.earliest)
    )


def invasion_front(s: Scenario) -> Front | None:
    """The front the aggressor's invasion opens against its target, if any (the first one)."""
    plan = s.aggressor
    return next((f for f in s.fronts if f.opens == "invasion" and f.attacker == plan.actor), None)


def defended_fronts(s: Scenario) -> tuple[Front, ...]:
    """The fronts on which the aggressor is the defender (the West of 1939), in scenario order."""
    return tuple(f for f in s.fronts if f.defender == s.aggressor.actor)


def allocate_seats(s: Scenario) -> tuple[str, ...]:
    asked = (
        invasion_front(s) is not None and defended_fronts(s) and _before_horizon(s, s.aggressor.invasion_at)
    )
    return (s.aggressor.actor,) if asked else ()


def support_front(s: Scenario) -> Front | None:
    """The front guarantors support with air and naval forces: the first on which the aggressor
    attacks its target."""
    plan = s.aggressor
    return next((f for f in s.fronts if f.attacker == plan.actor and f.defender == plan.target), None)


def support_seats(s: Scenario) -> tuple[str, ...]:
    """Guarantors of a triggered guarantee with air or naval forces (standing or planned) and no
    front of their own to attack on, if the aggressor attacks the protected state on a front."""
    if support_front(s) is None:
        return ()
    return _unique(
        a
        for g in triggered(s)
        for a in g.guarantors
        if offensive_front(s, a) is None and (planned(s, a, "air") > 0 or planned(s, a, "naval") > 0)
    )


def _pressure_planned(s: Scenario) -> bool:
    return s.aggressor.means in PRESSURE_MEANS and _before_horizon(s, s.aggressor.invasion_at)


def pressure_response_seats(s: Scenario) -> tuple[str, ...]:
    return (s.aggressor.target,) if _pressure_planned(s) else ()


def escort_seats(s: Scenario) -> tuple[str, ...]:
    if not _pressure_planned(s) or "blockade" not in trigger_kinds(s):  # a blockade, or one to come
        return ()
    return _unique(a for g in s.guarantees if g.protected == s.aggressor.target for a in g.guarantors)


def escalate_seats(s: Scenario) -> tuple[str, ...]:
    plan = s.aggressor
    asked = _pressure_planned(s) and plan.concession_by is not None and _before_horizon(s, plan.concession_by)
    return (plan.actor,) if asked else ()


def invades(s: Scenario) -> bool:
    """Whether the aggressor's plan can come to an invasion (or a strike): fronts can open."""
    return s.aggressor.means in INVADING_MEANS or "invasion" in trigger_kinds(s)


def penetration_seats(s: Scenario) -> tuple[str, ...]:
    return _unique(p.target for p in s.penetrations if p.detection_per_day > 0)


PROMPT_RULES: dict[str, PromptRule] = {
    r.kind: r
    for r in (
        PromptRule(
            kind="attack",
            options=PROMPTS["attack"],
            default="proceed",
            when="before each planned attack (postpone only while postponements remain)",
            seats=attack_seats,
        ),
        PromptRule(
            kind="statement",
            options=PROMPTS["statement"],
            default="silence",
            when="when the crisis opens",
            seats=statement_seats,
        ),
        PromptRule(
            kind="declare_war",
            options=PROMPTS["declare_war"],
            default="wait",
            when="once the aggressor's act triggers its guarantee (an invasion, or a strike, blockade or "
            "hybrid campaign its clarity table covers; again over an invasion a pressure turns into); "
            "after a wait, again on news (at most once per redecide_hours) until its resistance ends",
            seats=declare_war_seats,
        ),
        PromptRule(
            kind="offensive",
            options=PROMPTS["offensive"],
            default="none",
            when="when a promised offensive falls due, if at war and short of the promised scale; "
            "from then on at war, on news, while it can widen its offensive",
            seats=offensive_seats,
        ),
        PromptRule(
            kind="mobilise",
            options=PROMPTS["mobilise"],
            default=None,
            when="on news (a warning, a report on the date or the forces, an inject, another state's "
            "order, the invasion), or at the invasion, not before its prompt_at; after a deferral again "
            "on news, not sooner than defer_days",
            seats=mobilise_seats,
        ),
        PromptRule(
            kind="council_position",
            options=PROMPTS["council_position"],
            default="against",
            when="at each sitting of the council, on each item of its agenda",
            seats=council_seats,
        ),
        PromptRule(
            kind="intervene",
            options=PROMPTS["intervene"],
            default="wait",
            when="on news of the war on its front (a front report, the capital falling), not before its "
            "earliest date nor before its when conditions hold, if it has them",
            seats=intervene_seats,
        ),
        PromptRule(
            kind="penetration",
            options=PROMPTS["penetration"],
            default="purge",
            when="when a penetration of its government is uncovered",
            seats=penetration_seats,
        ),
        PromptRule(
            kind="allocate",
            options=PROMPTS["allocate"],
            default="hold",
            when="once it has invaded, if it also defends a front; again on news (a declaration of war, "
            "an offensive, a halt, a breakthrough) until the invaded state's resistance ends",
            seats=allocate_seats,
        ),
        PromptRule(
            kind="support",
            options=PROMPTS["support"],
            default="none",
            when="at war, on news of the fighting on the protected state's front, while it has air or "
            "naval forces not yet committed there; after `none`, again on news, at most once per "
            "redecide_hours",
            seats=support_seats,
        ),
        PromptRule(
            kind="pressure_response",
            options=PROMPTS["pressure_response"],
            default="run",
            when="when a blockade or hybrid campaign begins; again on news (a guarantor's escort, "
            "statement or declaration, its endurance falling by news_endurance) while it lasts",
            seats=pressure_response_seats,
        ),
        PromptRule(
            kind="escort",
            options=PROMPTS["escort"],
            default="wait",
            when="when a blockade begins; again on news (a partner's escort or declaration, the "
            "protected state's endurance falling by news_endurance) while it lasts and it does not escort",
            seats=escort_seats,
        ),
        PromptRule(
            kind="escalate",
            options=PROMPTS["escalate"],
            default="persist",
            when="at concession_by if the pressure goes on with no concession; after persisting (or "
            "turning a hybrid campaign into a blockade: `blockade`, offered only then), again every "
            "escalate_every_days",
            seats=escalate_seats,
        ),
    )
}


def askable(s: Scenario) -> dict[str, frozenset[str]]:
    """For each prompt kind, the seats that can ever be asked it in ``s``."""
    return {kind: frozenset(rule.seats(s)) for kind, rule in PROMPT_RULES.items()}


def asked_kinds(s: Scenario) -> dict[str, set[str]]:
    """For each actor, the kinds of prompt the engine can ever put to it in ``s``."""
    kinds: dict[str, set[str]] = {a: set() for a in s.actor_ids}
    for kind, rule in PROMPT_RULES.items():
        for seat in rule.seats(s):
            kinds.setdefault(seat, set()).add(kind)
    return kinds
