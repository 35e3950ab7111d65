"""The aggressor's plan and the scenario's conditions, in words, for the briefings.

The aggressor's seat reads its own plan; the white cell reads it with the pressure's settings
(how a blockade or a hybrid campaign wears the protected state down) and what each agent of
influence sways. Everything is read off the scenario, never off a running game.
"""

from __future__ import annotations

from collections.abc import Sequence

from wargame.analysis.wording import date_text, days, times_text, words
from wargame.model.conditions import ConditionError, parse
from wargame.model.pressure import PRESSURE_MEANS
from wargame.model.scenario import Scenario
from wargame.model.wording import and_list

#: How a briefing names the aggressor's act (``[aggressor] means``).
ACT_VERBS = {
    "invasion": "attacks",
    "strike": "strikes at",
    "blockade": "blockades",
    "hybrid": "opens a hybrid campaign against",
}
#: A pressure's name (``[aggressor] means``).
MEANS_NOUNS = {"blockade": "blockade", "hybrid": "hybrid campaign"}


def _name(s: Scenario, actor: str) -> str:
    return next((a.name for a in s.actors if a.id == actor), actor)


def _front(s: Scenario, front: str) -> str:
    return "the " + next((f.name for f in s.fronts if f.id == front), front)


def condition_words(s: Scenario, texts: Sequence[str]) -> str:
    """Conditions (``[[injects]] when`` and the like) in words, all of them joined:
    ``objective:sarne`` -> "Varnia holds its objective on the Sarne district"."""
    return and_list(_condition(s, text) for text in texts)


def _condition(s: Scenario, text: str) -> str:
    try:
        atom = parse(text)
    except ConditionError:
        return text
    who, where = _name(s, atom.subject), _front(s, atom.subject)
    attacker = next((_name(s, f.attacker) for f in s.fronts if f.id == atom.subject), "the attacker")
    target = _name(s, s.aggressor.target)
    op = {">=": "at least", ">": "more than", "<": "below", "<=": "at most"}.get(atom.op, atom.op)
    return {
        "invasion": "the invasion has begun",
        "pressure": f"the {MEANS_NOUNS.get(s.aggressor.means, 'pressure')} has begun",
        "concession": f"{target} has conceded",
        "war": f"{who} is at war",
        "offensive": f"{who} has launched an offensive",
        "mobilised": f"{who} has ordered mobilisation",
        "statement": f"{who} has made its statement",
        "intervened": f"{who} has entered the war",
        "objective": f"{attacker} holds its objective on {where}",
        "capital": f"the capital behind {where} has fallen",
        "collapse": f"the defence of {where} has collapsed",
        "breakthrough": f"{where} is broken through",
        "front": f"{attacker} holds {op} {atom.value:g} km of {where}",
        "endurance": f"{target}'s endurance is {op} {atom.value:g}",
        "day": f"{op} {atom.value:g} days have passed since the trigger",
    }.get(atom.keyword, text)


def aim_lines(s: Scenario) -> list[str]:
    """The aggressor's aim, its objectives front by front, and (under a pressure) its demand and
    deadline."""
    plan = s.aggressor
    aggressor, target = _name(s, plan.actor), _name(s, plan.target)
    aim = {
        "conquest": f"conquest: the collapse of {target}",
        "seize": "to seize its objectives and hold them",
        "coerce": f"to coerce {target} into a concession",
    }.get(plan.aim, words(plan.aim))
    out = [f"Its aim (`aim = {plan.aim}`): {aim}."]
    for f in s.fronts:
        if f.attacker != plan.actor or f.objective_km <= 0:
            continue
        decisive = (
            f"a collapse there is {_name(s, f.defender)}'s collapse"
            if f.decisive
            else "losing it does not end the defender's resistance"
        )
        out.append(
            f"On the {f.name}: it halts on {f.objective or 'its objective'}, {f.objective_km:g} km in, and "
            f"holds there; {decisive}."
        )
    if plan.means in PRESSURE_MEANS:
        what = MEANS_NOUNS[plan.means]
        if plan.demand:
            out.append(f"The {what} demands {plan.demand}.")
        if plan.concession_by is not None:
            out.append(
                f"If {target} has not conceded by {date_text(plan.concession_by)}, {aggressor} is asked "
                f"(escalate) whether to invade it, persist with the {what} (asked again every "
                f"{days(s.pressure.escalate_every_days)}) or lift it."
            )
        else:
            out.append(
                f"It sets no deadline (`concession_by`): the {what} runs until a concession or the end."
            )
    return out


def pressure_lines(s: Scenario) -> list[str]:
    """The ``[pressure]`` settings in sentences, for the white cell (a blockade or hybrid plan only)."""
    plan, p = s.aggressor, s.pressure
    if plan.means not in PRESSURE_MEANS and "pressure" not in " ".join(w for i in s.injects for w in i.when):
        return []
    target = _name(s, plan.target)
    out = [
        f"Unopposed, the {MEANS_NOUNS.get(plan.means, 'pressure')} costs {target} {p.harm_per_day:g} of its "
        f"endurance (1 to 0) a day; running it avoids {p.run_relief:g} of that, but on {p.run_risk:g} of "
        "the days the runners are intercepted and the relief turns to harm.",
        f"{target} concedes at endurance {p.concede_endurance:g}; a fall of {p.news_endurance:g} is news "
        f"(asked again); the pressure prompts run {p.response_hours:g} hours.",
    ]
    if plan.means == "blockade":
        out.append(
            f"Escorts take away up to {p.escort_relief:g} of the day's harm, in full when their ships match "
            f"the blockader's (defaults without a mobilisation: blockader {p.blockader_naval:g}, each "
            f"escort {p.escort_naval:g} ships)."
        )
    return out


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
    out += aim_lines(s)
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
