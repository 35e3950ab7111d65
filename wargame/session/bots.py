"""Bot doctrines: how an unmanned seat answers its prompts.

A doctrine sees exactly what a human in that seat would see — its :class:`SeatView` and the
prompt — and returns a choice with a reason. Doctrines are deterministic functions of that view,
so a bot's decisions replay exactly.

* ``historical`` — what the 1939 governments did: Poland defers mobilisation a day under allied
  pressure; Germany postpones its first attack order; Britain and France declare war two days
  after the invasion, France probes the Saar and the council halts it without telling Poland;
  the USSR enters once the Polish front is broken.
* ``resolute`` — honours every commitment at once and in full.
* ``cautious`` — waits, defers and avoids risk.
* ``passive`` — always takes the prompt's default (what an absent player gets).
"""

from __future__ import annotations

from collections.abc import Callable

from wargame.model.clock import DAY
from wargame.session.views import PromptView, SeatView

Answer = tuple[str, str]
Doctrine = Callable[[SeatView, PromptView], Answer]


def _days_since(view: SeatView, kind: str) -> float | None:
    for e in view.events:
        if e.kind == kind:
            return (view.now - e.t) / DAY
    return None


def _times_asked(view: SeatView, decision: str) -> int:
    return sum(1 for e in view.events if e.kind == "decision" and e.data.get("decision") == decision)


def historical(view: SeatView, prompt: PromptView) -> Answer:
    kind, ctx = prompt.kind, prompt.context
    if kind == "attack":
        if ctx.get("postponements", 0) == 0:
            return "postpone", "the guarantee has just been reinforced; allies are not ready"
        return "proceed", "the Western powers will not fight for Poland"
    if kind == "mobilise":
        invaded = any(e.kind == "invasion" for e in view.events)
        if invaded or view.own.at_war_with or _times_asked(view, "mobilise") > 0:
            return "order", "mobilisation cannot wait any longer"
        return "defer", "our allies ask us not to provoke Germany"
    if kind == "declare_war":
        since = _days_since(view, "invasion") or 0.0
        if since >= 1.9:
            return "declare", "the ultimatum has expired"
        return "wait", "an ultimatum first; Italy proposes a conference"
    if kind == "offensive":
        if "J+3" in str(ctx.get("promise", "")):
            return "probe", "a methodical advance into the Saar, an essay"
        return "none", "the Siegfried line cannot be broken before the army is ready"
    if kind == "council_position":
        item = ctx.get("item")
        if item == "halt_offensive":
            return "for", "Poland is beyond help; preserve our forces"
        return "against", "the allies must not be committed to what they cannot do"
    if kind == "intervene":
        if float(ctx.get("ground_km", 0)) >= 150:
            return "enter", "the Polish state has ceased to exist"
        return "wait", "let Germany finish the Polish army first"
    return prompt.default, "no doctrine for this decision"


def _fixed(choices: dict[str, str], halt: str, reason: str) -> Doctrine:
    """A doctrine that always makes the same choice of each kind; in council it votes ``halt`` on
    halting an offensive and the opposite on everything else."""
    other = "against" if halt == "for" else "for"

    def doctrine(view: SeatView, prompt: PromptView) -> Answer:
        choice = choices.get(prompt.kind)
        if prompt.kind == "council_position":
            choice = halt if prompt.context.get("item") == "halt_offensive" else other
        if prompt.kind == "mobilise" and view.own.at_war_with:
            choice = "order"  # at war, even the most cautious government mobilises
        if choice is None or choice not in prompt.options:
            return prompt.default, "no doctrine for this decision"
        return choice, reason

    return doctrine


resolute = _fixed(
    {
        "attack": "proceed",
        "mobilise": "order",
        "declare_war": "declare",
        "offensive": "general",
        "intervene": "wait",
    },
    halt="against",
    reason="the guarantee must be honoured in full and at once",
)
cautious = _fixed(
    {
        "attack": "postpone",
        "mobilise": "defer",
        "declare_war": "wait",
        "offensive": "none",
        "intervene": "wait",
    },
    halt="for",
    reason="avoid any step that could widen the war",
)


def passive(view: SeatView, prompt: PromptView) -> Answer:
    return prompt.default, "takes the default"


DOCTRINES: dict[str, Doctrine] = {
    "historical": historical,
    "resolute": resolute,
    "cautious": cautious,
    "passive": passive,
}
