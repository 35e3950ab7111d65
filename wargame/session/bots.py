"""Seat controllers: how an unmanned seat answers its prompts.

A controller sees exactly what a person in that seat would — its :class:`SeatView` (its events,
its own state's drivers and treaties, the credibility it perceives) and the prompt — and returns
a choice with a reason. Controllers are deterministic functions of that, so bots replay exactly.

Doctrines (the article's three lenses, and two brackets). The three lenses decide from the seat's
**resolve** (:func:`resolve_of`: its own belief in its guarantee, from the drivers and the
intelligence cooperation it sees, shifted by its disposition in this game), its assessments and its
own commitments, never from the truth; ``docs/model.md`` tables their thresholds:

* ``realist`` — interest and power: its resolve carries its interests; an offensive's size is
  resolve times its share of strength on the front, as its analysts assess the enemy.
* ``liberal`` — the treaty's letter as far as resolve carries it: the obligation lowers the bar
  for war and the promised offensive; consults and informs the protected state.
* ``constructivist`` — identity and norms: war-weariness weighs in its resolve, and a public
  commitment binds it (having spoken, it acts from a lower resolve).
* As aggressor, all three weigh the gain against the war's cost times the guarantors' credibility,
  scaled by their appetite for risk (graded deterrence, :func:`_deterrence`).
* ``resolute`` / ``cautious`` — honour everything at once, or avoid every risk.
* ``passive`` — always the prompt's default (what an absent player gets).

Scripts: ``historical`` plays the scenario's ``[[history]]`` (the decisions actually taken);
``script:PATH`` plays a decision-script file of the same entries (``[[decision]]`` tables).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import datetime

import attrs

from wargame.engine.credibility import resolve, signal_weight
from wargame.engine.events import StatementData
from wargame.model.clock import from_datetime
from wargame.model.prompts import PROMPT_RULES
from wargame.model.scenario import Scenario, ScriptedDecision
from wargame.session.views import PromptView, SeatView

Answer = tuple[str, str]
Controller = Callable[[SeatView, PromptView], Answer]


def _estimate(view: SeatView, subject: str) -> float | None:
    """The seat's assessment of ``subject`` (None if it has no reports on it)."""
    estimate = view.assessments.get(subject)
    return estimate.value if estimate is not None else None


def _deterrence(view: SeatView, prompt: PromptView) -> Answer:
    """The aggressor's calculus: invade if the gain exceeds the war's cost times the share of the
    guarantors' strength it expects to act (each guarantor's credibility as it perceives it,
    weighed by its share of their planned divisions: the prompt's ``strength``), the cost scaled by
    its appetite for risk in this game, ``exp(-resolve_sd x temper)`` (a bold leadership,
    temper > 0, discounts it). Over games the share deterred is a smooth function of cost and
    credibility."""
    shares = prompt.context.get("strength") or {}
    acts = sum(c * float(shares.get(g, 0.0)) for g, c in view.credibility.items())
    gain, cost = float(prompt.context.get("expected_gain", 1.0)), float(prompt.context.get("war_cost", 1.0))
    risk = acts * cost * math.exp(-view.profile.resolve_sd * view.own.temper)
    if gain > risk:
        return (
            "proceed",
            f"gain {gain:g} outweighs the risk ({acts:.0%} of their strength acts; weighed at {risk:.2f})",
        )
    if "postpone" in prompt.options:
        return (
            "postpone",
            f"the guarantors look resolute ({acts:.0%} of their strength acts); wait for a better moment",
        )
    return (
        "abandon",
        f"deterred: {acts:.0%} of the guarantors' strength acts, weighed at {risk:.2f} against {gain:g}",
    )


def resolve_of(view: SeatView) -> float:
    """The seat's own will to honour its guarantee now (0 to 1: its credibility as it sees itself,
    less its own signals, shifted by its disposition in this game; 0 for a seat that guarantees no
    one)."""
    own = view.credibility.get(view.seat)
    if own is None:
        return 0.0
    return resolve(own, signal_weight(view.seat, view.events), view.profile.resolve_sd, view.own.temper)


def _promised_scale(prompt: PromptView) -> str:
    return "general" if "main offensive" in str(prompt.context.get("promise", "")) else "limited"


def _choose(prompt: PromptView, choice: str, reason: str) -> Answer:
    if choice not in prompt.options:
        return prompt.default, f"{reason} (but '{choice}' is not possible now)"
    return choice, reason


def _power(view: SeatView, front: object) -> tuple[float, float]:
    """(its divisions over the enemy's on ``front`` as its analysts assess them, the share of
    strength that gives it: ratio / (ratio + 1))."""
    enemy = _estimate(view, f"forces.{front}") or 25.0
    ratio = view.own.divisions / max(enemy, 1.0)
    return ratio, ratio / (ratio + 1.0)


def _scale(will: float, general: float, limited: float, probe: float) -> str:
    """The offensive a will to fight of ``will`` (0 to 1) buys, given a doctrine's thresholds."""
    return (
        "general"
        if will >= general
        else "limited"
        if will >= limited
        else "probe"
        if will >= probe
        else "none"
    )


def realist(view: SeatView, prompt: PromptView) -> Answer:
    """Interest and power: its resolve (which weighs its interests), and for an offensive its
    resolve times its share of strength on the front (France's 80 divisions against an assessed 40:
    two thirds)."""
    r = resolve_of(view)
    kind, ctx = prompt.kind, prompt.context
    if kind == "attack":
        return _deterrence(view, prompt)
    if kind == "statement":
        return _choose(prompt, "statement" if r >= 0.5 else "silence", f"our resolve: {r:.2f}")
    if kind == "mobilise":
        return _choose(prompt, "order", "forces must be ready whatever we decide")
    if kind == "declare_war":
        return _choose(prompt, "declare" if r >= 0.05 else "wait", f"our resolve: {r:.2f}")
    if kind == "offensive":
        ratio, share = _power(view, ctx.get("front"))
        will = r * share
        scale = _scale(will, general=0.3, limited=0.18, probe=0.08)
        return _choose(prompt, scale, f"resolve {r:.2f} and {ratio:.1f} to 1 in divisions")
    if kind == "council_position":
        item = ctx.get("item")
        favour = r >= 0.5
        if item == "halt_offensive":
            return ("against" if favour else "for"), f"our resolve: {r:.2f}"
        return ("for" if favour else "against"), f"our resolve: {r:.2f}"
    if kind == "intervene":
        return _choose(
            prompt,
            "enter" if float(ctx.get("ground_km", 0)) >= 150 else "wait",
            "enter when the victim is broken",
        )
    return prompt.default, "no realist reason to depart from the default"


def liberal(view: SeatView, prompt: PromptView) -> Answer:
    """The treaty's letter, as far as the government's resolve carries it: the obligation lowers
    the bar (declares war from a resolve of 0.02, keeps the promised scale from 0.1)."""
    r = resolve_of(view)
    kind = prompt.kind
    if kind == "attack":
        return _deterrence(view, prompt)
    if kind == "statement":
        return _choose(prompt, "statement", "transparency reassures allies and warns the aggressor")
    if kind == "mobilise":
        return _choose(prompt, "order", "as the treaty requires")
    if kind == "declare_war":
        if r < 0.02:
            return _choose(prompt, "wait", f"the casus foederis is disputed (resolve {r:.2f})")
        return _choose(prompt, "declare", "the casus foederis has arisen")
    if kind == "offensive":
        scale = _promised_scale(prompt) if r >= 0.1 else "probe"
        return _choose(
            prompt, scale, f"the treaty promised a {_promised_scale(prompt)} offensive (resolve {r:.2f})"
        )
    if kind == "council_position":
        item = prompt.context.get("item")
        return ("against" if item == "halt_offensive" else "for"), "keep faith with the ally, and tell it"
    if kind == "intervene":
        return _choose(prompt, "wait", "no treaty calls for it")
    return prompt.default, "no rule of the treaty applies"


def constructivist(view: SeatView, prompt: PromptView) -> Answer:
    """Identity and norms: war-weariness restrains it (it is in its resolve), and a public
    commitment binds it (having spoken, it acts from a lower resolve)."""
    weariness = view.profile.war_weariness
    spoken = any(isinstance(e.data, StatementData) and e.data.actor == view.seat for e in view.events)
    r = resolve_of(view) + (0.15 if spoken else 0.0)
    kind = prompt.kind
    if kind == "attack":
        return _deterrence(view, prompt)
    if kind == "statement":
        return _choose(prompt, "statement" if weariness < 0.5 else "silence", f"war-weariness {weariness:g}")
    if kind == "mobilise":
        return _choose(prompt, "order", "a nation defends itself")
    if kind == "declare_war":
        return _choose(prompt, "declare" if r >= 0.1 else "wait", f"honour binds us (resolve {r:.2f})")
    if kind == "offensive":
        scale = _scale(r, general=0.4, limited=0.25, probe=0.12)
        return _choose(prompt, scale, f"a nation marked by its last war (war-weariness {weariness:g})")
    if kind == "council_position":
        item = prompt.context.get("item")
        weary = weariness >= 0.5
        if item == "halt_offensive":
            return ("for" if weary else "against"), f"war-weariness {weariness:g}"
        if item == "inform_protected":
            return ("against" if weary else "for"), "what we tell an ally reflects who we are"
        return ("against" if weary else "for"), f"war-weariness {weariness:g}"
    if kind == "intervene":
        return _choose(prompt, "wait", "no identity calls for it")
    return prompt.default, "no norm applies"


def _fixed(choices: dict[str, str], halt: str, reason: str) -> Controller:
    """A doctrine that always makes the same choice of each kind; in council it votes ``halt`` on
    halting an offensive and the opposite on everything else."""
    other = "against" if halt == "for" else "for"
    for kind, choice in choices.items():  # the table speaks the engine's rules (wargame.model.prompts)
        if choice not in PROMPT_RULES[kind].options:
            raise ValueError(f"no {kind!r} prompt offers {choice!r}")

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
        "statement": "statement",
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
        "statement": "silence",
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


DOCTRINES: dict[str, Controller] = {
    "realist": realist,
    "liberal": liberal,
    "constructivist": constructivist,
    "resolute": resolute,
    "cautious": cautious,
    "passive": passive,
}
SCRIPTED = ("historical",)


@attrs.frozen
class Script:
    """A decision script: the first matching entry answers a prompt; otherwise its default."""

    entries: tuple[ScriptedDecision, ...]
    start: datetime  # the scenario's start
    label: str = "script"

    def __call__(self, view: SeatView, prompt: PromptView) -> Answer:
        for e in self.entries:
            if matches(e, prompt, self.start):
                return _choose(prompt, e.choice, e.reason or f"as in the {self.label}")
        return prompt.default, f"the {self.label} has no entry for this decision"


def matches(e: ScriptedDecision, prompt: PromptView, start: datetime) -> bool:
    """Whether script entry ``e`` answers ``prompt``: its seat and kind, its council item and
    member if it names them, and the prompt opened within ``after``/``before`` if given."""
    if e.seat != prompt.seat or e.decision != prompt.kind:
        return False
    if e.item and e.item != prompt.context.get("item"):
        return False
    if e.concerns and e.concerns != prompt.context.get("concerns"):
        return False
    if e.after is not None and prompt.opened < from_datetime(start, e.after):
        return False
    return e.before is None or prompt.opened < from_datetime(start, e.before)


class ScriptError(ValueError):
    """A decision-script file that cannot be used."""


def load_script(path: str, scenario: Scenario) -> tuple[ScriptedDecision, ...]:
    """Read a decision-script file: TOML with ``[[decision]]`` tables (the fields of ScriptedDecision)."""
    from wargame.model.scenario_files.structure import CONVERTER, format_path, walk
    from wargame.model.scenario_files.tomlmap import TomlFileError, read_toml

    try:
        data = read_toml(path, "decision script")
    except TomlFileError as err:
        raise ScriptError(str(err)) from None
    unknown = sorted(set(data) - {"decision"})
    if unknown:
        raise ScriptError(
            f"{path}: unknown table {unknown[0]!r}; a decision script holds [[decision]] tables"
        )
    try:
        entries = CONVERTER.structure(data.get("decision", []), tuple[ScriptedDecision, ...])
    except Exception as err:  # cattrs' validation groups
        problems = [f"decision{format_path(p)}: {m}" for p, m in walk(err, ())]
        raise ScriptError(f"{path}: " + "; ".join(problems or [str(err)])) from None
    from wargame.model.checks import script_problems

    found = script_problems(entries, scenario.actor_ids)  # (path, message) pairs
    if found:
        raise ScriptError(f"{path}: " + "; ".join(f"decision{format_path(p)}: {m}" for p, m in found))
    return entries


def controller(name: str, scenario: Scenario) -> Controller:
    """The controller for a normalised controller name (``bot:<doctrine>`` or ``script:PATH``)."""
    if name.startswith("script:"):
        return Script(
            load_script(name.removeprefix("script:"), scenario), scenario.scenario.start, "decision script"
        )
    doctrine = name.removeprefix("bot:")
    if doctrine == "historical":
        return Script(scenario.history, scenario.scenario.start, "historical record")
    return DOCTRINES[doctrine]


def controller_names() -> Sequence[str]:
    return ["human", *(f"bot:{d}" for d in (*SCRIPTED, *DOCTRINES)), "script:PATH"]
