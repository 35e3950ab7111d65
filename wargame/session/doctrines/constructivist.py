"""The constructivist: identity and reputation; the norms of alliance.

It acts from its resolve (which carries war-weariness) plus what its identity adds:

* **Its word binds it**: +0.15 once it has spoken publicly; +0.05 for each of its promises kept (a
  faithful ally), −0.05 for each broken (an identity already compromised).
* **The norm of alliance**: an ally at war pulls it in (+0.2 times the share of the other
  guarantors it has seen declare war) — the opposite of the realist's buck-passing.
* **Mobilisation**: once the threat it perceives reaches 0.45, less what its identity adds, less
  0.2 times the share of its allies it has seen mobilise (their example), plus 0.2 while they
  ask it to wait (an inject that restrains `mobilise`).
* **The balance as assessed**, a little: 0.2 × (its share of strength on the front − 0.5) adds to
  its will to attack, so an enemy assessed larger (deception) shrinks its offensive.
* War-weariness of 0.5 or more keeps it silent and votes for halting.
"""

from __future__ import annotations

from wargame.model.doctrine_params import ConstructivistParams
from wargame.session.doctrines import pressure
from wargame.session.doctrines.beliefs import (
    allies_at_war,
    allies_mobilised,
    promised,
    promises,
    requested,
    spoken,
)
from wargame.session.doctrines.common import (
    Answer,
    allocation,
    choose,
    deterrence,
    fallback,
    intervene,
    mobilise_by_threat,
    resolve_of,
    scale,
)
from wargame.session.doctrines.realist import power
from wargame.session.doctrines.support import support
from wargame.session.views import PromptView, SeatView

#: The constructivist as documented (:class:`~wargame.model.doctrine_params.ConstructivistParams`).
DEFAULT = ConstructivistParams()


def identity(view: SeatView, p: ConstructivistParams = DEFAULT) -> float:
    """What its identity adds to its resolve: its word, its record of promises, its allies at war."""
    kept, broken = promises(view)
    return p.spoken * spoken(view) + p.kept * kept - p.broken * broken + p.alliance * allies_at_war(view)


def constructivist(view: SeatView, prompt: PromptView, p: ConstructivistParams = DEFAULT) -> Answer:
    """Identity and norms: its commitments and its allies bind it; war-weariness restrains it."""
    weariness = view.profile.war_weariness
    r = resolve_of(view) + identity(view, p)
    kind = prompt.kind
    if kind == "offensive":
        r += p.power * (power(view, prompt.context.get("front"))[1] - 0.5)
    if kind == "attack":
        return deterrence(view, prompt)
    if kind == "allocate":
        return allocation(view, prompt)
    if kind == "statement":
        return choose(
            prompt, "statement" if weariness < p.weary else "silence", f"war-weariness {weariness:g}"
        )
    if kind == "mobilise":
        example = allies_mobilised(view)
        asked = requested(view, "mobilise")  # an ally's request is a norm of alliance too
        bar = max(0.0, p.mobilise - identity(view, p) - p.example * example + p.request * asked)
        return mobilise_by_threat(view, prompt, bar, f"our word, and {example:.0%} of our allies mobilised")
    if kind == "declare_war":
        r *= pressure.obligation(prompt)  # honour binds as far as the word given covers the act
        word = "honour binds us" if promised(view, "declare_war") else "who we are, with no promise of war"
        return choose(prompt, "declare" if r >= p.declare else "wait", f"{word} (resolve {r:.2f})")
    if kind == "offensive":
        return choose(
            prompt,
            scale(r, p.offensive_general, p.offensive_limited, p.offensive_probe),
            f"who we are and who stands with us (resolve {r:.2f}, weariness {weariness:g})",
        )
    if kind == "council_position":
        item = prompt.context.get("item")
        weary = weariness >= p.weary
        if item == "halt_offensive":
            return ("for" if weary else "against"), f"war-weariness {weariness:g}"
        if item == "inform_protected":
            return ("against" if weary else "for"), "what we tell an ally reflects who we are"
        return ("against" if weary else "for"), f"war-weariness {weariness:g}"
    if kind == "intervene":  # no identity calls for it (by default it never enters)
        return intervene(view, prompt, p.enter_broken)
    if kind == "support":
        return support(prompt, r, p.offensive_probe, f"who we are (resolve {r:.2f})")
    if kind in pressure.KINDS:
        return pressure.answer(view, prompt, "constructivist")
    return fallback(prompt, "no norm applies")
