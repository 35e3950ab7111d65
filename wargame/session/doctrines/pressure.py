"""The doctrines under a pressure short of invasion: run or accept, escort or wait, escalate or not.

Every rule reads the seat's view and the prompt only (endurance is public: shipping losses and
prices are seen by all). The three doctrines differ by one number each (design choices):

* **The protected state** (``pressure_response``) accepts the demand once its endurance falls
  under ``CONCEDE[doctrine] × (1 − hope)``, where *hope* is its belief that at least one guarantor
  acts (1 − Π(1 − credibility)), raised by the share of its harm it has seen escorted away. A
  realist cuts its losses soonest; a constructivist's identity holds out longest.
* **A guarantor** (``escort``) escorts once its will reaches ``ESCORT[doctrine]``: its resolve
  times how clearly its treaty covers a blockade (``0.5 + 0.5 × clarity``: escorting is a step
  short of war, which even a treaty silent on blockade half permits), less the load others carry
  for a realist, plus its identity for a constructivist (the other guarantors' escorts pull it in).
* **The aggressor** (``escalate``) invades when the gain outweighs the war's cost times the share
  of the guarantors' strength it believes will act (the calculus of
  :func:`~wargame.session.doctrines.common.deterrence`); from a hybrid campaign it climbs one rung,
  to a blockade, when the gain outweighs half that risk (a blockade risks war less than an
  invasion); otherwise it lifts the pressure once it has seen it escorted, and persists while it
  has not.

**Clarity weighs the obligation** (:func:`obligation`): a declaration of war over an act other than
an invasion (the prompt's ``clarity``) is decided from the resolve times that clarity, so that a
treaty that names a blockade plainly binds nearly as an invasion would, and one that barely
covers it hardly binds: over games, the share of guarantors declaring rises smoothly with clarity.
The invasion's prompt carries no clarity: its clarity is already in credibility, as always.
"""

from __future__ import annotations

import math

from wargame.engine.events import EscortData, PressureDayData
from wargame.model.commitments import promises_of
from wargame.model.pressure import clarity_of
from wargame.session.doctrines.beliefs import allies_at_war, others_carry, others_seen, spoken
from wargame.session.doctrines.common import Answer, acting_share, choose, resolve_of
from wargame.session.views import PromptView, SeatView

#: The prompts this module answers.
KINDS = ("pressure_response", "escort", "escalate")
#: The endurance under which the protected state concedes with no hope of help, by doctrine.
CONCEDE = {"realist": 0.6, "liberal": 0.5, "constructivist": 0.4}
#: The share of an invasion's risk of war the aggressor reckons a blockade runs (a rung below it).
BLOCKADE_RISK = 0.5
#: The will at which a guarantor escorts, by doctrine.
ESCORT = {"realist": 0.25, "liberal": 0.2, "constructivist": 0.2}


def obligation(prompt: PromptView) -> float:
    """How far the treaty binds for the act a declaration answers: its clarity for that act (the
    prompt's ``clarity``); 1 for an invasion (whose clarity credibility already carries)."""
    return float(prompt.context.get("clarity", 1.0))


#: The promises that ask acts short of war (an air action or an offensive is an act of war).
SHORT_OF_WAR = ("escort", "aid")


def limited_letter(view: SeatView) -> bool:
    """Whether the seat's own promises (those that bind it, in the treaties it guarantees) name
    acts short of war only (:data:`SHORT_OF_WAR`: escort, aid): the letter it signed limits what it
    owes. False for a seat with no promise at all (ambiguous: it said nothing)."""
    mine = [p.action for g in view.treaties for p in promises_of(g, view.seat)]
    return bool(mine) and all(a in SHORT_OF_WAR for a in mine)


def treaty_clarity(view: SeatView, kind: str) -> float:
    """How clearly the seat's own treaties cover an act of ``kind`` (0: none does)."""
    values = [
        clarity_of(g.clarity, g.trigger_clarity, kind) for g in view.treaties if view.seat in g.guarantors
    ]
    return max((v for v in values if v is not None), default=0.0)


def hope(view: SeatView) -> float:
    """The protected state's belief that help comes: that at least one guarantor acts, or the share
    of its harm it has seen escorted away, whichever is larger (0 to 1)."""
    none_act = math.prod(1.0 - c for c in view.credibility.values())
    escorted = 0.0
    for e in view.events:
        if isinstance(e.data, PressureDayData):
            escorted = e.data.escorted
    return max(1.0 - none_act, escorted)


def escorts_seen(view: SeatView) -> float:
    """The share of the other guarantors it has seen escort (0 with none)."""
    return others_seen(view, EscortData)


def answer(view: SeatView, prompt: PromptView, doctrine: str) -> Answer:
    """``doctrine``'s answer to a pressure prompt (:data:`KINDS`)."""
    kind, ctx = prompt.kind, prompt.context
    if kind == "pressure_response":
        endurance, h = float(ctx.get("endurance", 1.0)), hope(view)
        bar = CONCEDE[doctrine] * (1.0 - h)
        if endurance < bar:
            return choose(prompt, "accept", f"endurance {endurance:.2f} under {bar:.2f}: help will not come")
        return choose(prompt, "run", f"endurance {endurance:.2f}; help comes ({h:.0%})")
    if kind == "escort":
        r = resolve_of(view) * (0.5 + 0.5 * treaty_clarity(view, "blockade"))
        if doctrine == "realist":
            r *= 1.0 - others_carry(view)
        elif doctrine == "constructivist":
            r += 0.15 * spoken(view) + 0.2 * max(allies_at_war(view), escorts_seen(view))
        bar = ESCORT[doctrine]
        return choose(prompt, "escort" if r >= bar else "wait", f"our will {r:.2f} (bar {bar:.2f})")
    if kind == "escalate":
        acts = acting_share(view.credibility, prompt)
        gain, cost = float(ctx.get("expected_gain", 1.0)), float(ctx.get("war_cost", 1.0))
        risk = acts * cost * math.exp(-view.profile.resolve_sd * view.own.temper)
        if gain > risk:
            return choose(prompt, "invade", f"gain {gain:g} outweighs the risk ({risk:.2f})")
        if "blockade" in prompt.options and gain > BLOCKADE_RISK * risk:
            half = BLOCKADE_RISK * risk
            return choose(prompt, "blockade", f"gain {gain:g} outweighs a blockade's risk ({half:.2f})")
        if any(isinstance(e.data, EscortData) for e in view.events):
            return choose(prompt, "lift", f"the blockade is escorted and war too costly ({risk:.2f})")
        return choose(prompt, "persist", f"war too costly ({risk:.2f}); the pressure may yet tell")
    return prompt.default, "no rule applies"
