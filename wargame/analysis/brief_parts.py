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

from wargame.analysis.wording import date_text, days, times_text
from wargame.model.prompts import asked_kinds, defended_fronts, support_seats
from wargame.model.scenario import Guarantee, Promise, Scenario
from wargame.model.units import forces_text
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


def promise_words(p: Promise) -> str:
    """``Promised: a limited offensive by J+3 (three days after the trigger).``"""
    when = "on the day of the trigger" if p.day == 0 else f"{days(p.day)} after the trigger"
    if p.condition:  # a conditional promise counts from its condition
        when = f"{'on the day' if p.day == 0 else days(p.day) + ' after'} {p.condition} holds"
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
        defended = " and ".join(f.name for f in defended_fronts(s))
        out.append(
            f"allocate: once you have invaded {target}, and again on news (a declaration of war, an "
            f"offensive or a breakthrough on the {defended}), whether to strip it for the invasion "
            f"(up to {plan.strip_divisions:g} divisions), hold it as deployed, reinforce it or recall the "
            f"army to it (up to {plan.max_transfer_divisions:g} divisions, {days(plan.transfer_days)} on "
            "the road); default: hold."
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
        out.append(
            f"declare war: once {ACT_TRIGGERS[plan.means].format(target=target)}, whether to declare war "
            f"on {aggressor}; "
            "after you wait, asked again on news (a report, a partner's declaration, a promise "
            "falling due...), at most every "
            f"{s.actor(seat).redecide_hours:g} hours, until {target} falls; default: wait."
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
            out.append(
                f"intervene: {'' if i.earliest is None else f'from {date_text(i.earliest)}, '}on news of "
                f"the war on the {front}, whether "
                f"to enter it{' on the defender’s side' if i.side == 'defender' else ''} with "
                f"{forces_text(i.divisions, i.air, i.naval)} ({i.decision_hours:g} hours); default: wait."
            )
    return out + pressure_prompts(s, asked)


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
        "send_aid": (
            bool(bound),
            f"send aid: ship materiel to {target} under the pressure (it raises its endurance; a "
            "blockade may stop it unless escorted), or divisions once it is invaded."
            if plan.means in ("blockade", "hybrid")
            else f"send aid: ship divisions to {target} once it is invaded.",
        ),
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


#: How a briefing says the act triggers a guarantee (``[aggressor] means``).
ACT_TRIGGERS = {
    "invasion": "{target} is invaded",
    "strike": "{target} is struck",
    "blockade": "{target} is blockaded (if your treaty covers a blockade)",
    "hybrid": "a hybrid campaign against {target} begins (if your treaty covers it)",
}
#: How a briefing names the aggressor's act (``[aggressor] means``).
ACT_VERBS = {
    "invasion": "attacks",
    "strike": "strikes at",
    "blockade": "blockades",
    "hybrid": "opens a hybrid campaign against",
}


def aggressor_lines(s: Scenario, for_seat: str | None = None) -> list[str]:
    """The aggressor's plan in sentences; for the aggressor's own seat (``for_seat``), with the
    deceptions it runs and the agents that report to it."""
    from wargame.analysis.aar.review import aggressor_plan

    plan = s.aggressor
    out = [
        f"{_name(s, plan.actor)} {ACT_VERBS[plan.means]} {_name(s, plan.target)} on "
        f"{date_text(plan.invasion_at)}; the order is confirmed or cancelled {plan.order_lead_hours:g} "
        "hours before.",
        f"It may postpone {times_text(plan.max_postponements)}, {days(plan.postpone_days)} each time.",
    ]
    if plan.warning_at is not None:
        out.append(
            f"The crisis becomes public on {date_text(plan.warning_at)}: "
            "the guarantors are asked for statements."
        )
    if for_seat is not None:
        written = aggressor_plan(s)
        out += [f"Your deception {line}." for line in written.deceptions]
        agents = {p.id for p in s.penetrations if p.leaks_to == for_seat}
        out += [
            f"An agent reports to you: {line}."
            for line in written.penetrations
            if line.split(":")[0] in agents
        ]
    return out
