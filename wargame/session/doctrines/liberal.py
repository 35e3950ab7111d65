"""The liberal: institutions weigh — consultation, shared assessments, the treaty's letter.

* **The treaty's letter**: it declares war from a resolve of 0.02 when its treaty promises a
  declaration (0.1 when it does not), and offers the promised scale on the promised day.
* **Consultation**: what the council it sat in decided binds it: an adopted offensive adds 0.1 to
  the resolve it acts from, a rejected one takes 0.1 away; it votes against halting and for
  informing the protected state.
* **The balance as assessed**: 0.2 × (its share of strength on the front − 0.5) adds to (or takes
  from) the resolve it holds: an enemy assessed larger (deception) shrinks the offensive a little.
* **Mobilisation by the treaty's letter**: it mobilises once the threat it perceives reaches 0.4,
  0.3 when a treaty it guarantees promises a declaration or an offensive, + 0.4 while its allies
  ask it to wait (an inject that restrains `mobilise`, fading over a day).
* **Shared assessments**: reports received through liaison make the common picture its own (up to
  +0.05 with 20 shared reports).
"""

from __future__ import annotations

from wargame.session.doctrines.beliefs import council_verdict, promised, requested, shared_reports
from wargame.session.doctrines.common import (
    Answer,
    choose,
    deterrence,
    mobilise_by_threat,
    promised_scale,
    resolve_of,
)
from wargame.session.doctrines.realist import power
from wargame.session.views import PromptView, SeatView

COUNCIL = 0.1  # what the council's verdict on an offensive adds to (or takes from) its resolve
SHARED = 0.05  # what a full picture shared through liaison adds
SHARED_FULL = 20  # shared reports that make the picture full
LETTER = 0.1  # resolve from which it keeps the promised scale (below it: a probe, down to 0)
POWER = 0.2  # what its share of strength on the front adds to the resolve it holds, per share above parity
MOBILISE = 0.4  # threat at which it mobilises
LETTER_MOBILISE = 0.1  # lower when a treaty it guarantees promises action
PROMISES = ("declare_war", "limited_offensive", "main_offensive")
REQUEST = 0.4  # how much higher its bar when its allies have just asked it to wait


def institutions(view: SeatView) -> float:
    """What the institutions add to its resolve: the council's verdict on an offensive and the
    reports shared with it through liaison."""
    verdict = council_verdict(view, ("main_offensive", "limited_offensive"))
    return COUNCIL * verdict + SHARED * min(1.0, shared_reports(view) / SHARED_FULL)


def liberal(view: SeatView, prompt: PromptView) -> Answer:
    """The treaty's letter and the council's word, as far as the government's resolve carries it."""
    r = resolve_of(view)
    kind = prompt.kind
    if kind == "attack":
        return deterrence(view, prompt)
    if kind == "statement":
        return choose(prompt, "statement", "transparency reassures allies and warns the aggressor")
    if kind == "mobilise":
        asked = requested(view, "mobilise")
        bar = MOBILISE - LETTER_MOBILISE * any(promised(view, a) for a in PROMISES) + REQUEST * asked
        return mobilise_by_threat(
            view, prompt, bar, f"the treaty's letter; allies ask us to wait: {asked:.2f}"
        )
    if kind == "declare_war":
        bar = 0.02 if promised(view, "declare_war") else 0.1
        if r < bar:
            return choose(prompt, "wait", f"the casus foederis is disputed (resolve {r:.2f})")
        return choose(prompt, "declare", "the casus foederis has arisen")
    if kind == "offensive":
        held = r + institutions(view) + POWER * (power(view, prompt.context.get("front"))[1] - 0.5)
        letter = promised_scale(prompt)
        choice = letter if held >= LETTER else "probe" if held >= 0 else "none"
        return choose(
            prompt, choice, f"the treaty promised a {letter} offensive (resolve {r:.2f}, held {held:.2f})"
        )
    if kind == "council_position":
        item = prompt.context.get("item")
        return ("against" if item == "halt_offensive" else "for"), "keep faith with the ally, and tell it"
    if kind == "intervene":
        return choose(prompt, "wait", "no treaty calls for it")
    return prompt.default, "no rule of the treaty applies"
