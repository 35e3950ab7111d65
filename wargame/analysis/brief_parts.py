"""The pieces of a briefing, in words, read off the scenario (never off a running game).

What a seat will be asked and what it may order follow from the scenario's structure: a
mobilisation timetable means a ``mobilise`` prompt; a guarantee of the state the aggressor
attacks means a ``statement`` prompt when the crisis opens, ``declare war`` prompts once it is
invaded, and an ``offensive`` prompt when a promised offensive falls due; a seat in the council is
asked its position on each agenda item; a third party is asked whether to enter the war. The
engine's rules are in :mod:`wargame.engine` (aggressor, alliance, campaign, council, liaison,
mobilisation, penetration); this module only says them to the players.
"""

from __future__ import annotations

from wargame.analysis.brief_plan import MEANS_NOUNS, aggressor_lines, condition_words
from wargame.analysis.wording import date_text, days, times_text, words
from wargame.model.pressure import PRESSURE_MEANS, clarity_of
from wargame.model.prompts import (
    PROMPT_RULES,
    asked_kinds,
    defended_fronts,
    support_seats,
    trigger_kinds,
    triggered,
)
from wargame.model.scenario import Guarantee, Promise, Scenario
from wargame.model.units import forces_text, strength_text
from wargame.model.wording import and_list

PROMISES = {
    "declare_war": "declare war",
    "air_action": "air action",
    "limited_offensive": "a limited offensive",
    "main_offensive": "the main offensive",
    "aid": "aid",
    "escort": "escort",
}


LIAISON = {
    "none": "none",
    "adhoc": "ad hoc (nothing passes unless someone chooses to pass it)",
    "institutional": "institutional (every report passes by routine, within a day or so)",
    "fusion": "a fusion centre (everything passes within hours; one shared assessment)",
}


def paragraphs(text: str) -> list[str]:
    """A scenario's multi-line text as Markdown paragraphs (one line each, a blank line between)."""
    out: list[str] = []
    for block in text.strip().split("\n\n"):
        if block.strip():
            out += [" ".join(block.split()), ""]
    return out[:-1]


def promise_words(s: Scenario, p: Promise) -> str:
    """``Promised: a limited offensive by J+3 (three days after the trigger).`` A conditional
    promise counts from its condition, in words: "(12 days after the capital behind the Oren
    valley has fallen)"."""
    when = "on the day of the trigger" if p.day == 0 else f"{days(p.day)} after the trigger"
    if p.condition:  # a conditional promise counts from its condition
        held = condition_words(s, (p.condition,))
        when = f"{'on the day' if p.day == 0 else days(p.day) + ' after'} {held}"
    return f"Promised: {PROMISES.get(p.action, p.action.replace('_', ' '))} by J+{p.day:g} ({when})."


def _name(s: Scenario, actor: str) -> str:
    return next((a.name for a in s.actors if a.id == actor), actor)


def _guarantees_of(s: Scenario, seat: str) -> list[Guarantee]:
    """The guarantees by which ``seat`` is bound to the state the aggressor attacks."""
    return [g for g in s.guarantees if seat in g.guarantors and g.protected == s.aggressor.target]


def seat_prompts(s: Scenario, seat: str) -> list[str]:
    """What ``seat`` will be asked, when, with what default: one sentence each."""
    plan = s.aggressor
    aggressor, target = _name(s, plan.actor), _name(s, plan.target)
    asked = asked_kinds(s).get(seat, set())  # the engine's own rules (wargame.model.prompts)
    out = []
    if "attack" in asked:
        out.append(
            f"attack: {plan.order_lead_hours:g} hours before the planned attack, whether to proceed, "
            f"postpone ({times_text(plan.max_postponements)} at most, {days(plan.postpone_days)} each) or "
            "abandon the plan; default: proceed."
        )
    if "allocate" in asked:
        defended = and_list(f.name for f in defended_fronts(s))
        strip = (
            f"strip it for the invasion (up to {strength_text(plan.strip_divisions)}), "
            if plan.strip_divisions > 0
            else ""
        )
        cannot = "" if strip else " (you cannot strip it for the invasion: your plan frees no divisions)"
        out.append(
            f"allocate: once you have invaded {target}, and again on news (a declaration of war, an "
            f"offensive or a breakthrough on the {defended}), whether to {strip}hold it as deployed, "
            f"reinforce it or recall the army to it (up to {strength_text(plan.max_transfer_divisions)}, "
            f"{days(plan.transfer_days)} on the road){cannot}; default: hold."
        )
    if "statement" in asked:
        out.append(
            f"statement: when the crisis opens, whether to declare publicly that you will stand by "
            f"{target}; 24 hours; default: silence."
        )
    own = next((m for m in s.mobilisation if m.actor == seat), None)
    if own is not None and "mobilise" in asked:
        if own.prompt_on_news:
            since = f" from {date_text(own.prompt_at)}" if own.prompt_at is not None else ""
            when = f"on news{since} (a warning, a report on the attack date, an inject, the invasion)"
            default = f"defer before the invasion, then {own.default}"
        else:
            when = (
                f"on {date_text(own.prompt_at)}" if own.prompt_at is not None else "when the invasion begins"
            )
            default = own.default
        out.append(
            f"mobilise: {when}, whether to order general mobilisation or defer "
            f"({own.decision_hours:g} hours; asked again on news, not sooner than "
            f"{days(own.defer_days)} after deferring); default: {default}."
        )
    if "declare_war" in asked:
        until = f"{target} concedes or falls" if plan.means in PRESSURE_MEANS else f"{target} falls"
        out.append(
            f"declare war: {war_trigger(s, seat)}, whether to declare war on {aggressor}; "
            "after you wait, asked again on news (a report, a partner's declaration, a promise "
            "falling due...), at most every "
            f"{s.actor(seat).redecide_hours:g} hours, until {until}; default: wait."
        )
    if "offensive" in asked:
        out.append(
            "offensive: when a promised offensive falls due and you are at war, whether to launch it "
            "and at what scale (probe, limited, general); after that, again on news (a phase of your "
            "mobilisation, a partner's offensive, a changed assessment of the enemy); default: none."
        )
    if "support" in asked:
        out.append(
            f"support: at war with {aggressor}, on news of the fighting on {target}'s front, whether to "
            "commit your air or naval forces to its defence (air, naval or none); after none, asked again "
            f"on news, at most every {s.actor(seat).redecide_hours:g} hours; default: none."
        )
    if s.council is not None and "council_position" in asked:
        out.append(
            f"council position: at each sitting of the {s.council.name}, for or against each item "
            "on its agenda; default: against."
        )
    for i in s.interventions:
        if i.actor == seat and "intervene" in asked:
            front = next((f.name for f in s.fronts if f.id == i.front), i.front)
            once = f"once {condition_words(s, i.when)}, " if i.when else ""
            side = " on the defender's side" if i.side == "defender" else ""
            out.append(
                f"intervene: {'' if i.earliest is None else f'from {date_text(i.earliest)}, '}{once}on news "
                f"of the war on the {front}, whether "
                f"to enter it{side} with "
                f"{forces_text(i.divisions, i.air, i.naval)} ({i.decision_hours:g} hours); default: wait."
            )
    out += pressure_prompts(s, asked)
    said = {line.split(":")[0].replace(" ", "_") for line in out}
    return out + [  # any other prompt the engine puts to the seat, in the rule's own words
        f"{words(kind)}: {rule.when}" + (f"; default: {words(rule.default)}." if rule.default else ".")
        for kind, rule in PROMPT_RULES.items()
        if kind in asked and kind not in said and kind not in UNTOLD
    ]


#: Prompts a briefing keeps quiet about: that a seat may be asked to purge an agent would tell it
#: there is one (a penetration is ground truth, for the white cell and the aggressor).
UNTOLD = ("penetration",)


def war_trigger(s: Scenario, seat: str) -> str:
    """When ``seat`` is asked to declare war, in words: over the acts of the aggressor's plan that
    its guarantees cover (``[guarantees.clarity]``), each with its clarity (the vaguer, the longer
    the consultation before the question); "once Poland is invaded" for a plain invasion."""
    plan = s.aggressor
    aggressor, target = _name(s, plan.actor), _name(s, plan.target)
    kinds = trigger_kinds(s)
    if kinds == ("invasion",):
        return f"once {target} is invaded"
    acts = []
    for kind in kinds:
        covered = [
            c
            for g in triggered(s, kind)
            if seat in g.guarantors and (c := clarity_of(g.clarity, g.trigger_clarity, kind)) is not None
        ]
        if not covered:
            continue
        act = ACT_PHRASES[kind].format(aggressor=aggressor, target=target)
        if kind == "invasion" and plan.means in PRESSURE_MEANS:
            act = f"{aggressor} turns its {MEANS_NOUNS[plan.means]} into an invasion"
        acts.append((kind, f"{act} (your treaty's clarity {max(covered):g})"))
    if not acts:
        return f"if ever a treaty of yours covers what {aggressor} does to {target}"
    first = "once " if acts[0][0] == kinds[0] else f"only if {aggressor} escalates: once "
    return first + ", or later once ".join(text for _, text in acts)


def pressure_prompts(s: Scenario, asked: set[str]) -> list[str]:
    """The prompts of a pressure short of invasion (a blockade, a hybrid campaign), in sentences."""
    plan, hours = s.aggressor, s.pressure.response_hours
    aggressor, target = _name(s, plan.actor), _name(s, plan.target)
    what = "blockade" if plan.means == "blockade" else "hybrid campaign"
    demand = f" ({plan.demand})" if plan.demand else ""
    out = []
    if "pressure_response" in asked:
        out.append(
            f"pressure response: when {aggressor}'s {what} begins, and again on news (a guarantor's "
            f"escort, statement or declaration, your endurance falling), whether to run it or accept "
            f"its demand{demand} ({hours:g} hours); at endurance {s.pressure.concede_endurance:g} you "
            "concede anyway; default: run."
        )
    if "escort" in asked:
        out.append(
            f"escort: when {aggressor}'s blockade of {target} begins, and again on news, whether to "
            f"escort {target}'s shipping through it ({hours:g} hours); default: wait."
        )
    if "escalate" in asked and plan.concession_by is not None:
        out.append(
            f"escalate: on {date_text(plan.concession_by)}, if {target} has not conceded, whether to "
            f"invade it, {'blockade it, ' if plan.means == 'hybrid' else ''}persist with the {what} "
            f"(asked again every {days(s.pressure.escalate_every_days)}) "
            "or lift it; default: persist."
        )
    return out


def free_decisions_of(s: Scenario, seat: str) -> list[str]:
    """The decisions ``seat`` may take without being asked, in words (the engine still checks, at
    the time, that each makes sense: an offensive needs a war)."""
    return [text for open_, text in _free(s, seat).values() if open_]


def _free(s: Scenario, seat: str) -> dict[str, tuple[bool, str]]:
    """Every decision a seat may take unasked (the engine's free decisions but the white cell's):
    kind -> (whether ``seat`` has it at all, in words)."""
    plan = s.aggressor
    aggressor, target = _name(s, plan.actor), _name(s, plan.target)
    bound = _guarantees_of(s, seat)
    front = next((f for f in s.fronts if f.opens == "offensive" and f.attacker == seat), None)
    partners = [
        _name(s, next(i for i in x.between if i != seat))
        for x in s.liaison
        if seat in x.between and x.level != "none"
    ]
    return {
        "mobilise": (
            any(m.actor == seat for m in s.mobilisation),
            "mobilise: a partial or general mobilisation, or cancel a partial one.",
        ),
        "statement": (bool(bound), f"statement: declare publicly that you will stand by {target} (once)."),
        "launch_offensive": (
            front is not None,
            f"launch offensive: on the {front.name if front else ''}, once at war with {aggressor}.",
        ),
        "halt_offensive": (front is not None, "halt offensive: stop an offensive under way."),
        "send_aid": (bool(bound), _aid_text(bound, target, plan.means)),
        "negotiate": (bool(bound), f"negotiate: open talks with {aggressor}."),
        "share_report": (bool(partners), f"share report: pass a report to {and_list(partners)}."),
        "share_assessment": (
            bool(partners),
            f"share assessment: pass your analysts' view to {and_list(partners)}.",
        ),
        "oversight_review": (
            s.actor(seat).oversight < 1.0,
            "oversight review: order a review of your intelligence services.",
        ),
        "support": (
            seat in support_seats(s),
            f"support: commit your air or naval forces to {target}'s defence, once at war with {aggressor}.",
        ),
        "convene_council": (
            s.council is not None and seat in s.council.members,
            f"convene council: call the {s.council.name if s.council else ''} to sit.",
        ),
        "escort": (
            bool(bound) and plan.means == "blockade",
            f"escort: escort {target}'s shipping through {aggressor}'s blockade, once it begins.",
        ),
    }


def free_kinds(s: Scenario) -> tuple[str, ...]:
    """The kinds of free decision the briefings describe (a test keeps them up with the engine)."""
    return tuple(_free(s, s.seat_ids[0]))


def _aid_text(bound: list[Guarantee], target: str, means: str) -> str:
    """What a shipment of aid is: war materiel, drawn on no divisions of the sender's own. Under a
    blockade or hybrid campaign it raises the protected state's endurance (a blockade may stop it
    unless escorted); once there is a front (an invasion) it strengthens the defence."""
    g = bound[0] if bound else None
    worth = (
        f" (each shipment worth {strength_text(g.aid_divisions)} to its defence, "
        f"{days(g.aid_days)} on the way)"
        if g is not None
        else ""
    )
    if means in ("blockade", "hybrid"):
        return (
            f"send aid: ship war materiel to {target}: under the pressure it raises its endurance (a "
            f"blockade may stop it unless escorted); once it is invaded, it strengthens its front{worth}. "
            "It takes none of your own divisions."
        )
    return (
        f"send aid: ship war materiel to {target}{worth}, once it is invaded; it takes none of your "
        "own divisions."
    )


#: How a briefing says the aggressor's act (``[aggressor] means``), for the declare-war prompt.
ACT_PHRASES = {
    "invasion": "{aggressor} invades {target}",
    "strike": "{aggressor} strikes at {target}",
    "blockade": "{aggressor} blockades {target}",
    "hybrid": "{aggressor} opens a hybrid campaign against {target}",
}


__all__ = ["aggressor_lines", "free_decisions_of", "paragraphs", "promise_words", "seat_prompts"]
