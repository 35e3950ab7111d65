"""Seat controllers: how an unmanned seat answers its prompts.

A controller sees exactly what a person in that seat would — its :class:`SeatView` (its events,
its own state's drivers and treaties, the credibility it perceives) and the prompt — and returns
a choice with a reason. Controllers are deterministic functions of that, so bots replay exactly.

Doctrines (the article's three lenses, and two brackets). The three lenses live in
:mod:`wargame.session.doctrines`, one module each; they decide from the seat's **resolve**
(:func:`resolve_of`), its assessments, what it has seen its allies and the council do, and its own
commitments, never from the truth; ``docs/model.md`` (Controllers) tables their rules and reasons:

* ``realist`` — interest and power; passes the buck to a stronger engaged ally; honours what it said.
* ``liberal`` — institutions: the treaty's letter, the council's word, shared assessments.
* ``constructivist`` — identity: its word and record bind it; an ally at war pulls it in.
* As aggressor, all three weigh the gain against the war's cost times the guarantors' credibility,
  scaled by their appetite for risk (graded deterrence).
* ``resolute`` / ``cautious`` — honour everything at once, or avoid every risk.
* ``passive`` — always the prompt's default (what an absent player gets).

``historical`` (the default) is a doctrine too: each seat plays the doctrine and the parameters its
scenario gives it (:mod:`wargame.session.doctrines.historical`), from its view alone.

Scripts: ``record`` plays the scenario's ``[[history]]`` (the decisions actually taken, at their
dates); ``script:PATH`` plays a decision-script file of the same entries (``[[decision]]`` tables).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import attrs

from wargame.engine.conditions import held_at
from wargame.model.clock import from_datetime
from wargame.model.prompts import PROMPT_RULES
from wargame.model.scenario import Scenario, ScriptedDecision
from wargame.session.doctrines import Answer, Controller, constructivist, liberal, realist, resolve_of
from wargame.session.doctrines.beliefs import threat
from wargame.session.doctrines.common import choose
from wargame.session.doctrines.historical import historical
from wargame.session.views import PromptView, SeatView

__all__ = [
    "DOCTRINES",
    "SCENARIO_BUILT",
    "SCRIPTED",
    "Answer",
    "Controller",
    "constructivist",
    "controller",
    "liberal",
    "realist",
    "resolve_of",
]


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
        invaded = prompt.kind == "mobilise" and threat(view, prompt.context.get("front")) >= 1
        if prompt.kind == "mobilise" and (view.own.at_war_with or invaded):
            choice = "order"  # at war or invaded, even the most cautious government mobilises
        if prompt.kind == "support" and choice not in prompt.options and choice != "none":
            choice = prompt.options[0]  # the resolute send whatever they have
        if choice is None or choice not in prompt.options:
            return prompt.default, "no doctrine for this decision"
        return choice, reason

    return doctrine


resolute = _fixed(
    {
        "attack": "proceed",
        "allocate": "strip",
        "statement": "statement",
        "mobilise": "order",
        "declare_war": "declare",
        "offensive": "general",
        "intervene": "wait",
        "support": "air",
        "pressure_response": "run",
        "escort": "escort",
        "escalate": "invade",
    },
    halt="against",
    reason="the guarantee must be honoured in full and at once",
)
cautious = _fixed(
    {
        "attack": "postpone",
        "allocate": "reinforce",
        "statement": "silence",
        "mobilise": "defer",
        "declare_war": "wait",
        "offensive": "none",
        "intervene": "wait",
        "support": "none",
        "pressure_response": "accept",
        "escort": "wait",
        "escalate": "lift",
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
#: Controllers built from the scenario: its doctrines and parameters, and its record.
SCENARIO_BUILT = ("historical",)
SCRIPTED = ("record",)


@attrs.frozen
class Script:
    """A decision script: the first matching entry answers a prompt; otherwise its default."""

    entries: tuple[ScriptedDecision, ...]
    start: datetime  # the scenario's start
    label: str = "script"
    scenario: Scenario | None = None  # judges the entries' `when` (without it, they never apply)

    def __call__(self, view: SeatView, prompt: PromptView) -> Answer:
        for e in self.entries:
            if matches(e, prompt, self.start) and self._held(e, view, prompt):
                return choose(prompt, e.choice, e.reason or f"as in the {self.label}")
        return prompt.default, f"the {self.label} has no entry for this decision"

    def _held(self, e: ScriptedDecision, view: SeatView, prompt: PromptView) -> bool:
        """Whether ``e``'s conditions had held, in the events the seat has seen, when the prompt
        was raised (an entry without conditions always applies)."""
        if not e.when:
            return True
        if self.scenario is None:
            return False
        return held_at(e.when, self.scenario, view.events, prompt.opened) is not None


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

    fronts = tuple(f.id for f in scenario.fronts)
    found = script_problems(entries, scenario.actor_ids, fronts)  # (path, message) pairs
    if found:
        raise ScriptError(f"{path}: " + "; ".join(f"decision{format_path(p)}: {m}" for p, m in found))
    return entries


def controller(name: str, scenario: Scenario) -> Controller:
    """The controller for a normalised controller name (``bot:<doctrine>`` or ``script:PATH``)."""
    if name.startswith("script:"):
        entries = load_script(name.removeprefix("script:"), scenario)
        return Script(entries, scenario.scenario.start, "decision script", scenario)
    doctrine = name.removeprefix("bot:")
    if doctrine == "historical":
        return historical(scenario, DOCTRINES)
    if doctrine == "record":
        return Script(scenario.history, scenario.scenario.start, "historical record", scenario)
    return DOCTRINES[doctrine]


def controller_names() -> Sequence[str]:
    return ["human", *(f"bot:{d}" for d in (*SCENARIO_BUILT, *SCRIPTED, *DOCTRINES)), "script:PATH"]
