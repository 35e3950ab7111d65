"""The historical doctrine: each seat plays the doctrine and the parameters its scenario gives it.

``bot:historical`` is not a script. For each seat it plays the doctrine the scenario names
(``[[actors]] doctrine``; by default, by role: :data:`~wargame.model.doctrine_params.BY_ROLE`)
with the scenario's overrides of that doctrine's parameters (``[actors.doctrine_params]``), so
that "1939 as it happened" is a calibration of doctrines, not a replay: seeds vary the story.
It reads the seat's view only, never the calendar and never ``[[history]]`` (that is the record,
played by ``bot:record``).

On top of the doctrine's answer, three **rules of conduct** (:class:`~wargame.model.doctrine_params.Conduct`,
off unless the scenario sets them) describe how governments went to war, from what they saw:

* **Diplomacy first** (``ultimatum_hours``): a guarantor that would declare war first gives the
  aggressor that long after it saw its guarantee triggered (notes, an ultimatum, a conference
  proposed), then declares on the first news.
* **Together** (``with_allies``, ``alone_after_hours``): a guarantor that would declare war waits
  until it has seen that share of the other guarantors declare, or until it has waited that long.
* **The halt holds** (``halt_holds_days``): a guarantor whose offensive was halted launches no
  new one for that long.
* **A pause when the guarantors stiffen** (``postpone_rise``, ``postpone_window_hours``): an
  aggressor asked to attack postpones (once, when the prompt offers it) if the share of the
  guarantors' strength it believes will act has risen that much over the window: a fresh costly
  signal is worth waiting out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from wargame.engine.credibility import credibility
from wargame.engine.events import GuaranteeData, HaltData
from wargame.model.clock import DAY, from_hours
from wargame.model.doctrine_params import BY_ROLE, Conduct, split
from wargame.model.scenario import Actor, Scenario
from wargame.session.doctrines.beliefs import allies_at_war
from wargame.session.doctrines.common import Answer, Controller, acting_share, choose
from wargame.session.views import PromptView, SeatView


def doctrine_of(actor: Actor) -> str:
    """The doctrine ``actor`` plays under ``historical``: the one its scenario names, or by role."""
    return actor.doctrine or BY_ROLE[actor.role]


def hours_since_triggered(view: SeatView) -> float | None:
    """Hours since the seat saw a guarantee of its own triggered (None: not yet)."""
    mine = {g.id for g in view.treaties if view.seat in g.guarantors}
    for e in view.events:
        if isinstance(e.data, GuaranteeData) and e.data.guarantee in mine:
            return (view.now - e.t) / 60.0
    return None


def acts(scenario: Scenario, view: SeatView, prompt: PromptView, before: int | None = None) -> float:
    """The share of the guarantors' strength the seat believes will act (the aggressor's calculus,
    :func:`~wargame.session.doctrines.common.deterrence`), from what it had seen by minute
    ``before`` (None: now)."""
    if before is None:
        return acting_share(view.credibility, prompt)
    events = [e for e in view.events if e.t <= before]
    return acting_share({g: credibility(scenario, g, events) for g in view.credibility}, prompt)


def declaration(view: SeatView, prompt: PromptView, conduct: Conduct) -> Answer | None:
    """What the rules of conduct say to a guarantor that would declare war now (None: declare)."""
    since = hours_since_triggered(view)
    if since is None:
        return None
    if since < conduct.ultimatum_hours:
        return choose(
            prompt, "wait", f"diplomacy first: the aggressor has {conduct.ultimatum_hours - since:.0f} h left"
        )
    together = allies_at_war(view)
    if conduct.with_allies > 0 and together < conduct.with_allies and since < conduct.alone_after_hours:
        return choose(prompt, "wait", f"we declare together: {together:.0%} of our partners are at war")
    return None


def halted_lately(view: SeatView, days: float) -> bool:
    """Whether the seat has seen its own offensive halted within the last ``days``."""
    return any(
        isinstance(e.data, HaltData) and e.data.actor == view.seat and view.now - e.t < days * DAY
        for e in view.events
    )


def pause(scenario: Scenario, view: SeatView, prompt: PromptView, conduct: Conduct) -> Answer | None:
    """An aggressor's pause when the guarantors have stiffened lately (None: no pause)."""
    if conduct.postpone_rise <= 0 or "postpone" not in prompt.options:
        return None
    now = acts(scenario, view, prompt)
    then = acts(scenario, view, prompt, before=view.now - from_hours(conduct.postpone_window_hours))
    if now - then < conduct.postpone_rise:
        return None
    return "postpone", f"the guarantors have stiffened ({then:.0%} -> {now:.0%} of their strength acts); wait"


def seat_controller(
    scenario: Scenario, actor: Actor, doctrines: Mapping[str, Callable[..., Answer]]
) -> Controller:
    """``actor``'s doctrine with its scenario's parameters and its rules of conduct."""
    name = doctrine_of(actor)
    params, conduct = split(name, actor.doctrine_params)
    base = doctrines[name] if params is None else partial(doctrines[name], p=params)

    def decide(view: SeatView, prompt: PromptView) -> Answer:
        answer = base(view, prompt)
        if prompt.kind == "declare_war" and answer[0] == "declare":
            return declaration(view, prompt, conduct) or answer
        if prompt.kind == "attack" and answer[0] == "proceed":
            return pause(scenario, view, prompt, conduct) or answer
        if (
            prompt.kind == "offensive"
            and answer[0] != "none"
            and halted_lately(view, conduct.halt_holds_days)
        ):
            return choose(prompt, "none", "the halt holds: we abide by what was decided")
        return answer

    return decide


def historical(scenario: Scenario, doctrines: Mapping[str, Callable[..., Answer]]) -> Controller:
    """The ``historical`` controller of ``scenario``: each seat its own doctrine (``doctrines``:
    name -> doctrine function taking ``p=`` its parameters) and parameters."""
    seats = {a.id: seat_controller(scenario, a, doctrines) for a in scenario.actors}

    def decide(view: SeatView, prompt: PromptView) -> Answer:
        return seats[view.seat](view, prompt)

    return decide
