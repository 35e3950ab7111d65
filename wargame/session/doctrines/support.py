"""How a doctrine answers ``support``: send its air or naval forces to the protected state's front.

Every doctrine reasons the same way about *which* domain (the one that weighs most there: its
squadrons or ships, as the prompt tells it, times the front's public weight for the domain; a
domain that weighs nothing there is not worth sending) and differs only in *whether*: each brings
its own will and bar (:func:`support`).

* the **realist** sends them when its resolve, less the load others carry, reaches its bar for a
  probe (support costs less than an offensive: no ground of its own to take);
* the **liberal** when its resolve reaches its bar for a promised declaration and the treaty
  promises air action, or its bar for the treaty's letter otherwise;
* the **constructivist** when its resolve (identity included) reaches its bar for a probe.
"""

from __future__ import annotations

from wargame.session.doctrines.common import Answer, choose
from wargame.session.views import PromptView

#: The domains a support prompt may offer.
DOMAINS = ("air", "naval")


def best_domain(prompt: PromptView) -> tuple[str | None, float]:
    """The offered domain that adds most to the front (units × the front's weight), and what it
    adds in division-equivalents; (None, 0) if none adds anything."""
    ctx = prompt.context
    worth = {
        d: float(ctx.get(d, 0.0)) * float(ctx.get(f"{d}_weight", 0.0)) for d in DOMAINS if d in prompt.options
    }
    best = max(worth, key=lambda d: worth[d], default=None)
    if best is None or worth[best] <= 0:
        return None, 0.0
    return best, worth[best]


def support(prompt: PromptView, will: float, bar: float, why: str) -> Answer:
    """Send the domain that weighs most on the front if ``will`` reaches ``bar``, else ``none``."""
    domain, worth = best_domain(prompt)
    if domain is None:
        return choose(prompt, "none", "our aircraft and ships would count for nothing on that front")
    if will < bar:
        return choose(prompt, "none", f"{why}: not enough to send our forces ({will:.2f} < {bar:.2f})")
    return choose(prompt, domain, f"{why}: our {domain} forces add {worth:.1f} division-equivalents there")
