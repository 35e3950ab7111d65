"""The liberal: institutions weigh — consultation, shared assessments, the treaty's letter.

* **The treaty's letter**: it declares war from a resolve of 0.02 when its treaty promises it a
  declaration (0.1 when no promise binds it; 0.5 when its own promises name acts short of war
  only, escort or aid: the letter limits what it owes), and offers the promised scale on the promised
  day.
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

from wargame.model.doctrine_params import LiberalParams
from wargame.session.doctrines import pressure
from wargame.session.doctrines.beliefs import council_verdict, promised, requested, shared_reports
from wargame.session.doctrines.common import (
    Answer,
    allocation,
    choose,
    deterrence,
    fallback,
    intervene,
    mobilise_by_threat,
    promised_scale,
    resolve_of,
)
from wargame.session.doctrines.realist import power
from wargame.session.doctrines.support import support
from wargame.session.views import PromptView, SeatView

#: The liberal as documented (its thresholds: :class:`~wargame.model.doctrine_params.LiberalParams`).
DEFAULT = LiberalParams()
PROMISES = ("declare_war", "limited_offensive", "main_offensive")  # the treaty's calls to act


def institutions(view: SeatView, p: LiberalParams = DEFAULT) -> float:
    """What the institutions add to its resolve: the council's verdict on an offensive and the
    reports shared with it through liaison."""
    verdict = council_verdict(view, ("main_offensive", "limited_offensive"))
    return p.council * verdict + p.shared * min(1.0, shared_reports(view) / p.shared_full)


def liberal(view: SeatView, prompt: PromptView, p: LiberalParams = DEFAULT) -> Answer:
    """The treaty's letter and the council's word, as far as the government's resolve carries it."""
    r = resolve_of(view)
    kind = prompt.kind
    if kind == "attack":
        return deterrence(view, prompt)
    if kind == "allocate":
        return allocation(view, prompt)
    if kind == "statement":
        return choose(prompt, "statement", "transparency reassures allies and warns the aggressor")
    if kind == "mobilise":
        asked = requested(view, "mobilise")
        bar = p.mobilise - p.letter_mobilise * any(promised(view, a) for a in PROMISES) + p.request * asked
        return mobilise_by_threat(
            view, prompt, bar, f"the treaty's letter; allies ask us to wait: {asked:.2f}"
        )
    if kind == "declare_war":  # the letter: the seat's own promises (none if it said nothing)
        bound, limited = promised(view, "declare_war"), pressure.limited_letter(view)
        bar = p.declare_promised if bound else p.declare_limited if limited else p.declare
        r *= pressure.obligation(prompt)  # the letter binds as clearly as it covers the act
        if not bound:  # the reason reads with the choice: unbound, yet resolved enough, or not
            why = "our promises name no war" if limited else "no promise of war binds us"
            if r >= bar:
                return choose(
                    prompt, "declare", f"{why}, but our resolve carries us (resolve {r:.2f}, bar {bar:g})"
                )
            return choose(prompt, "wait", f"{why} (resolve {r:.2f}, bar {bar:g})")
        if r < bar:
            return choose(prompt, "wait", f"the casus foederis is disputed (resolve {r:.2f})")
        return choose(prompt, "declare", "the casus foederis has arisen")
    if kind == "offensive":
        held = r + institutions(view, p) + p.power * (power(view, prompt.context.get("front"))[1] - 0.5)
        letter = promised_scale(prompt)
        choice = letter if held >= p.letter else "probe" if held >= 0 else "none"
        return choose(
            prompt, choice, f"the treaty promised a {letter} offensive (resolve {r:.2f}, held {held:.2f})"
        )
    if kind == "council_position":
        item = prompt.context.get("item")
        return ("against" if item == "halt_offensive" else "for"), "keep faith with the ally, and tell it"
    if kind == "intervene":  # enters once the victim can be said to have ceased to exist
        return intervene(view, prompt, p.enter_broken)
    if kind == "support":  # the treaty's letter: promised air action is owed
        bar = p.declare_promised if promised(view, "air_action") else p.letter
        return support(prompt, r + institutions(view, p), bar, "the treaty's letter")
    if kind in pressure.KINDS:
        return pressure.answer(view, prompt, "liberal")
    return fallback(prompt, "no rule of the treaty applies")
