"""Decisions: the one path by which choices enter a game.

A seat's choice — a person's at the terminal, a bot's, a recorded one being replayed, or the
default applied when a prompt's deadline passes — becomes a :class:`Decision` and goes through
:func:`apply_decision`, which checks it, journals it (with the seat, the choice and the free-text
reason) and then either answers the prompt it belongs to or hands it to the handler of a free
decision (one the seat may take at any time, such as convening the council).

The engine raises decisions with :func:`open_prompt`, which returns a SimPy event that fires
with the :class:`Decision` once the seat has answered or the deadline has passed.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import simpy

from wargame.engine.claims import subject_label
from wargame.engine.events import DecisionData, PromptData
from wargame.engine.state import Prompt
from wargame.model.clock import format_instant
from wargame.model.prompts import PROMPT_RULES

if TYPE_CHECKING:
    from wargame.engine.world import World


WHITE = "white"  # the facilitators' seat: it directs the master event list and adjudicates


class DecisionError(ValueError):
    """A decision the engine cannot accept (unknown prompt, expired, invalid choice)."""


class PromptRuleError(RuntimeError):
    """The engine put a question its declared rules (:mod:`wargame.model.prompts`) say it never
    puts: a defect of the engine or of the rules, never of a scenario or a player."""


@attrs.frozen(kw_only=True)
class Decision:
    """A seat's choice, with its reason. ``prompt`` names the prompt it answers, if any."""

    seat: str
    kind: str
    choice: str
    reason: str = ""
    prompt: str | None = None
    text: str = ""  # a white-cell decision's content: an ad hoc inject's words, an override's value


FreeHandler = Callable[["World", Decision], None]
FreeCheck = Callable[["World", str, str], "str | None"]


@attrs.frozen(kw_only=True)
class FreeDecision:
    """A decision a seat may take without being prompted (convene the council, send aid...).

    Each process module exports its own as ``DECISIONS``; :mod:`wargame.engine.standard` assembles
    them into the registry a :class:`~wargame.engine.world.World` is given. ``check(world, seat,
    choice)`` says why the seat cannot take it now (or returns None), so that a decision that would
    change nothing is refused before it is journalled; ``handler`` carries it out.
    """

    kind: str
    options: tuple[str, ...]  # empty: the check judges the choice (a report's origin, an inject id)
    check: FreeCheck
    handler: FreeHandler
    white: bool = False  # the white cell's: no other seat may take it, and it may take no other
    validate: Callable[[Decision], None] | None = None  # what its text and reason must hold


def open_prompt(
    world: World,
    seat: str,
    kind: str,
    question: str,
    options: tuple[str, ...],
    default: str,
    within: int,
    context: Mapping[str, Any] | None = None,
) -> simpy.Event:
    """Ask ``seat`` to decide ``kind`` within ``within`` minutes; returns the answer event.

    The prompt must be one its rule allows (:data:`wargame.model.prompts.PROMPT_RULES`): a seat
    that can be asked it, options among the rule's, a default among the options."""
    rule = PROMPT_RULES.get(kind)
    if rule is None or seat not in world.askable[kind]:
        raise PromptRuleError(f"the rules never ask {seat!r} to decide {kind!r}")
    if not set(options) <= set(rule.options) or default not in options:
        raise PromptRuleError(f"{kind!r} offers {options} (default {default!r}); its rule: {rule.options}")
    env = world.env
    now = int(env.now)
    prompt_id = f"{kind}-{seat}-{world.next_prompt_number(seat)}"
    prompt = Prompt(
        id=prompt_id,
        seat=seat,
        kind=kind,
        question=question,
        options=options,
        default=default,
        opened=now,
        deadline=now + int(within),
        context=dict(context or {}),
    )
    answered = env.event()
    world.prompts[prompt_id] = (prompt, answered)
    deadline_label = format_instant(world.scenario.scenario.start, prompt.deadline)
    world.journal.record(
        PromptData(
            prompt=prompt_id,
            decision=kind,
            options=tuple(options),
            default=default,
            deadline=prompt.deadline,
            context=prompt.context,
        ),
        f"{world.name(seat)} must decide: {question} (options: {', '.join(options)}; "
        f"by {deadline_label}, else '{default}')",
        actors=(seat,),
        see=(seat,),
    )
    env.process(_deadline(world, prompt))
    return answered


def _deadline(world: World, prompt: Prompt) -> Generator[simpy.Event, object, None]:
    yield world.env.timeout(prompt.deadline - prompt.opened)
    if prompt.id in world.prompts:
        apply_decision(
            world,
            Decision(
                seat=prompt.seat,
                kind=prompt.kind,
                choice=prompt.default,
                reason="deadline passed without a decision",
                prompt=prompt.id,
            ),
            by="default",
        )


def check_decision(world: World, decision: Decision) -> None:
    """Raise :class:`DecisionError` unless ``decision`` can be applied now."""
    if decision.seat not in world.scenario.actor_ids and decision.seat != WHITE:
        raise DecisionError(f"unknown seat {decision.seat!r}")
    spec = world.decisions.get(decision.kind)
    if (decision.seat == WHITE) != (spec is not None and spec.white):
        raise DecisionError(
            f"the white cell's decisions are {', '.join(k for k, d in world.decisions.items() if d.white)}"
            if decision.seat == WHITE
            else f"only the white cell may {decision.kind.replace('_', ' ')}"
        )
    if spec is not None and spec.validate is not None:
        spec.validate(decision)
    if decision.prompt is not None:
        entry = world.prompts.get(decision.prompt)
        if entry is None:
            raise DecisionError(f"prompt {decision.prompt!r} is not open (answered or expired)")
        prompt, _ = entry
        if prompt.seat != decision.seat:
            raise DecisionError(f"prompt {decision.prompt!r} belongs to {prompt.seat}")
        if decision.choice not in prompt.options:
            raise DecisionError(
                f"{decision.choice!r} is not an option; choose one of {', '.join(prompt.options)}"
            )
        return
    if spec is None:
        raise DecisionError(
            f"{decision.kind!r} needs a prompt; free decisions are {', '.join(sorted(world.decisions))}"
        )
    if spec.options and decision.choice not in spec.options:  # no options: the check judges the choice
        raise DecisionError(f"{decision.choice!r} is not an option; choose one of {', '.join(spec.options)}")
    why_not = spec.check(world, decision.seat, decision.choice)
    if why_not:
        raise DecisionError(
            f"{world.name(decision.seat)} cannot {decision.kind.replace('_', ' ')} now: {why_not}"
        )


def apply_decision(world: World, decision: Decision, by: str) -> None:
    """Check, journal and carry out ``decision``. ``by`` says who took it (human, bot:..., default)."""
    check_decision(world, decision)
    kind = decision.kind
    question = kind.replace("_", " ")
    if decision.prompt is not None:
        kind = world.prompts[decision.prompt][0].kind
        question = world.prompts[decision.prompt][0].question
    shown = decision.choice
    if kind == "share_assessment":  # the subject in words
        shown = subject_label(world.scenario, decision.choice)
    text = f"{world.name(decision.seat)} decides — {question} → {shown}"
    if decision.reason:
        text += f" — “{decision.reason}”"
    event = world.journal.record(
        DecisionData(
            seat=decision.seat,
            decision=kind,
            choice=decision.choice,
            reason=decision.reason,
            prompt=decision.prompt,
            by=by,
            text=decision.text or None,
        ),
        text,
        actors=(decision.seat,),
        see=(decision.seat,),
    )
    for observe in world.decision_observers:  # a penetration leaks it
        observe(world, event)
    carried: Decision | None = attrs.evolve(decision, kind=kind)
    for veto in world.decision_vetoes:  # an agent of influence: the cabinet may not carry it out
        if carried is not None:
            carried = veto(world, carried)
    if decision.prompt is not None:
        _, answered = world.prompts.pop(decision.prompt)
        answered.succeed(carried or attrs.evolve(decision, kind=kind))
    elif carried is not None:
        world.decisions[kind].handler(world, carried)
