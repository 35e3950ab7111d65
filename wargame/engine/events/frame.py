"""Payloads of the game's frame (start, end, close), the white cell's master event list and
the decisions: prompts and the answers to them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from wargame.engine.kinds import Kind
from wargame.engine.payload import (
    Payload,
    count,
    flat,
    frozen_table,
    many,
    num,
    optional,
    optional_names,
    table,
)

# --- the game's frame -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class StartData(Payload):
    """The game begins: the scenario's name. The root seed is its truth (:class:`StartTruth`):
    with the scenario file it replays the aggressor's plan, so no seat may see it. (Journals of
    format 1 carried it here, public; they are read as they were written.)"""

    KIND = Kind.START
    scenario: str
    seed: int | None = optional()


@attrs.frozen(kw_only=True)
class StartTruth(Payload):
    """The root seed of the game: ground truth, since it replays every hidden draw."""

    seed: int = count()


StartData.TRUTH = StartTruth


@attrs.frozen(kw_only=True)
class EndData(Payload):
    """The horizon: each front's status (``holding``, ``collapsed``, ...)."""

    KIND = Kind.END
    fronts: Mapping[str, str] = table(frozen_table)


@attrs.frozen(kw_only=True)
class EndTruth(Payload):
    """Each front's last cohesion and ground (front id -> ``{cohesion, ground_km}``)."""

    fronts: Mapping[str, Mapping[str, float]] = flat(frozen_table)


EndData.TRUTH = EndTruth


@attrs.frozen(kw_only=True)
class ClosedData(Payload):
    """The session was closed before the end: no fields."""

    KIND = Kind.CLOSED


# --- the master event list and the white cell ------------------------------------------------


@attrs.frozen(kw_only=True)
class InjectData(Payload):
    """A scripted (or ad hoc) inject and who receives it."""

    KIND = Kind.INJECT
    inject: str
    to: tuple[str, ...] = many()
    restrains: tuple[str, ...] | None = optional(converter=optional_names)


@attrs.frozen(kw_only=True)
class HeldData(Payload):
    """An inject the white cell holds fell due."""

    KIND = Kind.HELD
    inject: str


@attrs.frozen(kw_only=True)
class AdjudicationData(Payload):
    """The white cell overrode a state value (``path``, e.g. ``front.poland.defender``)."""

    KIND = Kind.ADJUDICATION
    path: str
    before: float = num()
    after: float = num()


# --- decisions --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PromptData(Payload):
    """A seat is asked: the prompt's id, the decision, its options, default, deadline (minute)."""

    KIND = Kind.PROMPT
    prompt: str
    decision: str
    options: tuple[str, ...] = many()
    default: str
    deadline: int = count()
    context: Mapping[str, Any] = table(frozen_table)


@attrs.frozen(kw_only=True)
class DecisionData(Payload):
    """A decision taken: by which seat, the choice and reason, the prompt it answers (or
    ``None`` for a free decision), who took it (``by``) and free ``text`` where given."""

    KIND = Kind.DECISION
    seat: str
    decision: str
    choice: str
    reason: str
    prompt: str | None
    by: str
    text: str | None = optional()
