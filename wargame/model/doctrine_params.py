"""The doctrines' parameters: what a scenario may tune in the way each seat decides.

Each doctrine of :mod:`wargame.session.doctrines` reads its thresholds from one frozen class here,
whose defaults are the doctrine as documented in ``docs/model.md`` (Controllers): ``bot:realist``
plays :class:`RealistParams` as they stand. The ``historical`` doctrine plays, for each seat, the
doctrine its scenario names (``[[actors]] doctrine``) with the overrides the scenario gives
(``[actors.doctrine_params]``), which may also set the rules of :class:`Conduct` (diplomacy
before war, a pause when the guarantors stiffen), off by default.

The classes are pure data, declared with :func:`~wargame.model.fields.param` so that a scenario's
overrides are checked (names and ranges) and documented like every other field. They live in the
model layer because the scenario checks (:mod:`wargame.model.checks`) must know them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from wargame.model.fields import FieldError, param


@attrs.frozen(kw_only=True)
class RealistParams:
    """The realist: interest and power; passes the buck to a stronger engaged ally."""

    statement: float = param(0.5, doc="Resolve net of the buck it takes to speak publicly.", ge=0, le=1)
    declare: float = param(
        0.05,
        doc="Resolve it takes to declare war with nothing at stake (halved with everything at stake: "
        "a public statement and a treaty promising war).",
        ge=0,
        le=1,
    )
    offensive_general: float = param(
        0.3,
        doc="Will to fight (resolve x share of strength x (1 - buck)) for a general offensive.",
        ge=0,
        le=2,
    )
    offensive_limited: float = param(0.18, doc="Will to fight for a limited offensive.", ge=0, le=2)
    offensive_probe: float = param(0.08, doc="Will to fight for a probe.", ge=0, le=2)
    spoken_will: float = param(
        0.05,
        doc="What its public statement adds to its will to fight (abandoning would cost it).",
        ge=0,
        le=1,
    )
    support: float = param(
        0.3, doc="Resolve from which it backs another member's offensive in council.", ge=0, le=1
    )
    keep_own: float = param(
        0.5,
        doc="Resolve net of the buck from which it keeps its own offensive going (votes against halting "
        "it) and, in council, favours its own items.",
        ge=0,
        le=1,
    )
    mobilise: float = param(
        0.35,
        doc="Threat (0 to 1, from its warnings, its estimate of the attack date and of the balance) at "
        "which it mobilises at parity; times (0.5 + its share of strength on the front): the weaker "
        "balances sooner.",
        ge=0,
        le=2,
    )
    enter_broken: float = param(
        0.25,
        doc="A third party enters a war when it believes the victim this broken (0 to 1: the share of "
        "the front's depth it has seen taken; 1 once it has seen the capital fall; above 1: never).",
        ge=0,
        le=2,
    )


@attrs.frozen(kw_only=True)
class LiberalParams:
    """The liberal: institutions weigh — consultation, shared assessments, the treaty's letter."""

    council: float = param(
        0.1, doc="What the council's verdict on an offensive adds to (or takes from) its resolve.", ge=0, le=1
    )
    shared: float = param(
        0.05, doc="What a full picture shared through liaison adds to its resolve.", ge=0, le=1
    )
    shared_full: float = param(20.0, doc="Shared reports that make the picture full.", ge=1, le=1000)
    letter: float = param(
        0.1,
        doc="Resolve from which it keeps the promised scale of offensive (below it: a probe).",
        ge=0,
        le=1,
    )
    declare: float = param(0.1, doc="Resolve it takes to declare war when no treaty promises it.", ge=0, le=1)
    declare_promised: float = param(
        0.02, doc="Resolve it takes to declare war when its treaty promises a declaration.", ge=0, le=1
    )
    power: float = param(
        0.2,
        doc="What its share of strength on the front (as assessed) adds to the resolve it holds for an "
        "offensive, per share above parity.",
        ge=0,
        le=1,
    )
    mobilise: float = param(0.4, doc="Threat at which it mobilises.", ge=0, le=2)
    letter_mobilise: float = param(
        0.1, doc="How much lower that bar is when a treaty it guarantees promises action.", ge=0, le=1
    )
    request: float = param(
        0.4, doc="How much higher its bar while its allies have just asked it to wait.", ge=0, le=2
    )
    enter_broken: float = param(
        1.0,
        doc="A third party enters once it believes the victim this broken (see the realist's; 1: once "
        "it has seen the capital fall, when the state can be said to have ceased to exist).",
        ge=0,
        le=2,
    )
    declare_limited: float = param(
        0.5,
        doc="Resolve it takes to declare war when its own promises name acts short of war only (escort, "
        "aid): the letter it signed limits what it owes.",
        ge=0,
        le=1,
    )


@attrs.frozen(kw_only=True)
class ConstructivistParams:
    """The constructivist: identity and reputation; the norms of alliance."""

    spoken: float = param(0.15, doc="What having spoken publicly adds to its resolve.", ge=0, le=1)
    kept: float = param(0.05, doc="What each of its promises kept adds.", ge=0, le=1)
    broken: float = param(0.05, doc="What each of its promises broken takes away.", ge=0, le=1)
    alliance: float = param(
        0.2, doc="What its allies at war add (times the share of the other guarantors at war).", ge=0, le=1
    )
    offensive_general: float = param(0.4, doc="Resolve (with identity) for a general offensive.", ge=0, le=2)
    offensive_limited: float = param(0.25, doc="Resolve for a limited offensive.", ge=0, le=2)
    offensive_probe: float = param(0.12, doc="Resolve for a probe.", ge=0, le=2)
    declare: float = param(0.1, doc="Resolve (with identity) it takes to declare war.", ge=0, le=1)
    weary: float = param(
        0.5, doc="War-weariness from which it keeps silent and votes for halting.", ge=0, le=1
    )
    power: float = param(
        0.2,
        doc="What its share of strength on the front adds to its will to attack, per share above parity.",
        ge=0,
        le=1,
    )
    mobilise: float = param(
        0.45, doc="Threat at which it mobilises, lowered by its identity and its allies' example.", ge=0, le=2
    )
    example: float = param(0.2, doc="How much lower that bar when all its allies have mobilised.", ge=0, le=1)
    request: float = param(
        0.2, doc="How much higher its bar while its allies ask it to wait (half the liberal's).", ge=0, le=2
    )
    enter_broken: float = param(
        2.0, doc="A third party enters once it believes the victim this broken (above 1: never).", ge=0, le=2
    )


@attrs.frozen(kw_only=True)
class Conduct:
    """Rules of conduct any doctrine may be given by its scenario (all off by default): how a
    government goes to war, read from its own view, never from the calendar."""

    ultimatum_hours: float = param(
        0.0,
        doc="Diplomacy before war: a guarantor that would declare war first gives the aggressor this "
        "long from the trigger of its guarantee it saw (notes, an ultimatum, a conference proposed) "
        "and declares on the first news after it.",
        ge=0,
        le=720,
    )
    with_allies: float = param(
        0.0,
        doc="A guarantor that would declare war waits until it has seen this share of the other "
        "guarantors declare (0: it does not wait) ...",
        ge=0,
        le=1,
    )
    alone_after_hours: float = param(
        720.0,
        doc="... or until this long after the trigger it saw, when it declares alone.",
        ge=0,
        le=720,
    )
    halt_holds_days: float = param(
        0.0,
        doc="After its offensive has been halted (by its council or itself), a guarantor launches no "
        "new one for this many days (the halt is a decision it abides by). 0: it may relaunch at once.",
        ge=0,
        le=3650,
    )
    postpone_rise: float = param(
        0.0,
        doc="An aggressor asked to attack postpones (once the prompt offers it) when the share of the "
        "guarantors' strength it believes will act has risen by at least this much over the last "
        "`postpone_window_hours` (a fresh costly signal: see whether it holds). 0: never.",
        ge=0,
        le=1,
    )
    postpone_window_hours: float = param(
        48.0, doc="How far back the aggressor compares the guarantors' credibility.", ge=1, le=720
    )


#: Each doctrine's own parameter class (the doctrines without one take only :class:`Conduct`).
PARAMS: dict[str, type[Any]] = {
    "realist": RealistParams,
    "liberal": LiberalParams,
    "constructivist": ConstructivistParams,
}
#: The doctrines a scenario may name for a seat (``[[actors]] doctrine``).
DOCTRINE_NAMES = ("realist", "liberal", "constructivist", "resolute", "cautious", "passive")
#: What a seat whose scenario names no doctrine plays under ``historical``, by role.
BY_ROLE = {"aggressor": "realist", "protected": "realist", "guarantor": "liberal", "third_party": "realist"}


def names(doctrine: str) -> tuple[str, ...]:
    """The parameter names a seat of ``doctrine`` may be given: its own and :class:`Conduct`'s."""
    own = PARAMS.get(doctrine)
    mine = tuple(a.name for a in attrs.fields(own)) if own else ()
    return (*mine, *(a.name for a in attrs.fields(Conduct)))


def split(doctrine: str, given: Mapping[str, float]) -> tuple[Any, Conduct]:
    """``doctrine``'s parameters and the conduct, with ``given``'s overrides; raises
    :class:`FieldError` (naming the parameter) for a value out of range and :class:`KeyError` for a
    name ``doctrine`` does not read."""
    own = PARAMS.get(doctrine)
    mine = {a.name for a in attrs.fields(own)} if own else set()
    conduct = {a.name for a in attrs.fields(Conduct)}
    for name in given:
        if name not in mine | conduct:
            raise KeyError(name)
    params = own(**{k: v for k, v in given.items() if k in mine}) if own else None
    return params, Conduct(**{k: v for k, v in given.items() if k in conduct})


__all__ = [
    "BY_ROLE",
    "DOCTRINE_NAMES",
    "PARAMS",
    "Conduct",
    "ConstructivistParams",
    "FieldError",
    "LiberalParams",
    "RealistParams",
    "names",
    "split",
]
