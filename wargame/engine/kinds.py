"""The kinds of event the engine records, each with what it means.

Kept in a module of its own, free of heavy imports, so that the command line can offer them
(``--hide``) without loading the engine. Each kind has one payload class in
:mod:`wargame.engine.events` (a test checks that every kind has one, and every payload a kind).
A :class:`Kind` is a string: it is spelt in the journal as its value.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What an event is (the ``kind`` of a journal line)."""

    START = "start"
    INJECT = "inject"
    PROMPT = "prompt"
    DECISION = "decision"
    POSTPONEMENT = "postponement"
    DETERRED = "deterred"
    STATEMENT = "statement"
    TRANSFER = "transfer"
    INVASION = "invasion"
    GUARANTEE = "guarantee"
    WAR = "war"
    MOBILISATION = "mobilisation"
    OFFENSIVE = "offensive"
    FRONT = "front"
    HALT = "halt"
    EXHAUSTED = "exhausted"
    CAPITAL = "capital"
    COLLAPSE = "collapse"
    BREAKTHROUGH = "breakthrough"
    INTERVENTION = "intervention"
    PROMISE = "promise"
    COUNCIL = "council"
    REPORT = "report"
    WARNING = "warning"
    ASSESSMENT = "assessment"
    FALSE_ALARM = "false_alarm"
    LEAK = "leak"
    DETECTED = "detected"
    REVIEW = "review"
    PENETRATION = "penetration"
    SUPPRESSED = "suppressed"
    AID = "aid"
    TALKS = "talks"
    HELD = "held"
    ADJUDICATION = "adjudication"
    CLOSED = "closed"
    END = "end"
    OBJECTIVE = "objective"
    SUPPORT = "support"
    PRESSURE = "pressure"
    PRESSURE_DAY = "pressure_day"
    ESCORT = "escort"
    CONCESSION = "concession"
    ESCALATION = "escalation"
    LIFT = "lift"
    SWAYED = "swayed"

    @property
    def description(self) -> str:
        """What an event of this kind means, in a few words."""
        return _DESCRIPTIONS[self]


_DESCRIPTIONS: dict[Kind, str] = {
    Kind.START: "the game begins",
    Kind.INJECT: "a scripted event of the master event list",
    Kind.PROMPT: "a seat is asked to decide before a deadline",
    Kind.DECISION: "a seat's decision, with its reason and who took it",
    Kind.POSTPONEMENT: "the aggressor postpones its attack",
    Kind.DETERRED: "the aggressor abandons its plan",
    Kind.STATEMENT: "a public statement of resolve",
    Kind.TRANSFER: "the aggressor moves divisions between fronts",
    Kind.INVASION: "the aggressor invades",
    Kind.GUARANTEE: "a guarantee is triggered",
    Kind.WAR: "a declaration of war",
    Kind.MOBILISATION: "a mobilisation order, or a phase completed",
    Kind.OFFENSIVE: "an offensive is launched",
    Kind.FRONT: "a day's fighting on a front",
    Kind.HALT: "an offensive is halted",
    Kind.EXHAUSTED: "an offensive has spent itself",
    Kind.CAPITAL: "a capital falls",
    Kind.COLLAPSE: "organised resistance ends",
    Kind.BREAKTHROUGH: "an attacker breaks through a defended front",
    Kind.INTERVENTION: "a third party enters the war",
    Kind.PROMISE: "a promise falls due, kept or not",
    Kind.COUNCIL: "the council is called, sits, decides, informs",
    Kind.REPORT: "an intelligence report arrives",
    Kind.WARNING: "a seat's analysts warn of an imminent attack",
    Kind.ASSESSMENT: "a seat shares its assessment of a subject with its partners",
    Kind.FALSE_ALARM: "a warned attack did not come",
    Kind.LEAK: "a penetration leaks a seat's decision",
    Kind.DETECTED: "a penetration is uncovered",
    Kind.REVIEW: "a review of a seat's intelligence services",
    Kind.PENETRATION: "(white cell) the bias a penetration puts on a seat's assessments",
    Kind.SUPPRESSED: "(white cell) a report suppressed by a penetration",
    Kind.AID: "aid is shipped to, or reaches, the protected state",
    Kind.TALKS: "a guarantor opens talks with the aggressor",
    Kind.HELD: "(white cell) an inject falls due while the white cell holds it",
    Kind.ADJUDICATION: "(white cell) an override of the model's result, with its reason",
    Kind.CLOSED: "the session was closed before the end",
    Kind.END: "the game reaches its horizon",
    Kind.OBJECTIVE: "an attacker reaches its objective, halts and holds",
    Kind.SUPPORT: "a state commits air or naval forces to another's defence on a front",
    Kind.PRESSURE: "the aggressor blockades its target, or opens a hybrid campaign",
    Kind.PRESSURE_DAY: "a day of pressure: the harm done and the target's endurance",
    Kind.ESCORT: "a guarantor escorts the protected state's shipping through the blockade",
    Kind.CONCESSION: "the protected state concedes the aggressor's demand",
    Kind.ESCALATION: "the aggressor turns its pressure into an invasion",
    Kind.LIFT: "the aggressor lifts its pressure",
    Kind.SWAYED: "a cabinet does not carry out a seat's decision (an agent of influence)",
}

KINDS: dict[str, str] = {kind.value: kind.description for kind in Kind}
"""Each kind's journal spelling and description, in the order the command line lists them."""
