"""The kinds of event the engine records, each with what it means.

Kept in a module of its own, free of heavy imports, so that the command line can offer them
(``--hide``) without loading the engine. A test checks that every kind recorded is listed here.
"""

KINDS: dict[str, str] = {
    "start": "the game begins",
    "inject": "a scripted event of the master event list",
    "prompt": "a seat is asked to decide before a deadline",
    "decision": "a seat's decision, with its reason and who took it",
    "postponement": "the aggressor postpones its attack",
    "deterred": "the aggressor abandons its plan",
    "statement": "a public statement of resolve",
    "transfer": "the aggressor moves divisions between fronts",
    "invasion": "the aggressor invades",
    "guarantee": "a guarantee is triggered",
    "war": "a declaration of war",
    "mobilisation": "a mobilisation order, or a phase completed",
    "offensive": "an offensive is launched",
    "front": "a day's fighting on a front",
    "halt": "an offensive is halted",
    "exhausted": "an offensive has spent itself",
    "capital": "a capital falls",
    "collapse": "organised resistance ends",
    "intervention": "a third party enters the war",
    "promise": "a promise falls due, kept or not",
    "council": "the council is called, sits, decides, informs",
    "report": "an intelligence report arrives",
    "warning": "a seat's analysts warn of an imminent attack",
    "assessment": "a seat shares its assessment of a subject with its partners",
    "false_alarm": "a warned attack did not come",
    "leak": "a penetration leaks a seat's decision",
    "detected": "a penetration is uncovered",
    "review": "a review of a seat's intelligence services",
    "penetration": "(white cell) the bias a penetration puts on a seat's assessments",
    "suppressed": "(white cell) a report suppressed by a penetration",
    "aid": "aid is shipped to, or reaches, the protected state",
    "talks": "a guarantor opens talks with the aggressor",
    "held": "(white cell) an inject falls due while the white cell holds it",
    "adjudication": "(white cell) an override of the model's result, with its reason",
    "closed": "the session was closed before the end",
    "end": "the game reaches its horizon",
}
