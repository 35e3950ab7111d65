"""Ground truth during a game: the mutable state the engine's processes share.

These are the only mutable classes of the engine. They hold what is *really* so (divisions,
cohesion, who is at war with whom); seats never read them directly, only through views.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs


@attrs.define
class ActorState:
    """One state's situation."""

    id: str
    divisions: float = 0.0
    mobilisation: str = "peacetime"  # peacetime, partial, ordered, complete, cancelled
    mobilisation_ordered_at: int | None = None
    phases_done: int = 0  # phases of the timetable completed so far
    timetable: int = 0  # counts orders and cancellations: a running timetable stops when superseded
    at_war_with: list[str] = attrs.field(factory=list)
    #: The government's hidden disposition in this game, a standard normal draw (stream
    #: ``temper.<actor>``): known to itself and the white cell, never to other seats.
    temper: float = 0.0
    #: Air squadrons and warships available (wargame.engine.mobilisation), beside ``divisions``.
    air: float = 0.0
    naval: float = 0.0

    def declare_war_on(self, other: str) -> None:
        if other not in self.at_war_with:
            self.at_war_with.append(other)
            self.at_war_with.sort()


@attrs.define
class PressureState:
    """A blockade's or hybrid campaign's course (:mod:`wargame.engine.pressure`): the protected
    state's ``endurance`` (1 to 0), whether it runs the blockade, who escorts, and how it ended
    (``settled``: ``concession``, ``lift``, ``escalation``; empty while it lasts)."""

    endurance: float = 1.0
    running: bool = False
    escorts: list[str] = attrs.field(factory=list)
    day: int = 0
    settled: str = ""
    started_at: int | None = None
    postponements: int = 0

    @property
    def ended_short(self) -> bool:
        """Whether the pressure ended short of war: conceded or lifted."""
        return self.settled in ("concession", "lift")


@attrs.define
class FrontState:
    """One front's situation. ``cohesion`` is the defender's, from 1 (intact) to 0."""

    id: str
    status: str = "quiet"  # quiet, preparing, active, halted, holding (on its objective), collapsed
    attacker: float = 0.0
    defender: float = 0.0
    defender_peak: float = 0.0
    cohesion: float = 1.0
    ground_km: float = 0.0
    capital_fallen: bool = False
    opened_at: int | None = None
    scale: str = ""
    #: The weight of the attack relative to its divisions fighting as one (a guarantor's offensive:
    #: :func:`wargame.engine.functionality.concentration`; any other attack, 1).
    weight: float = 1.0
    joined: list[str] = attrs.field(factory=list)  # third parties that joined the attack
    pending_scale: str = ""  # an escalation being prepared while the front is active
    orders: int = 0  # counts offensive orders and halts: a preparation stops when superseded
    #: Divisions the aggressor has moved here (or, negative, away) before the front first opened:
    #: they join (or leave) its defence when it opens (wargame.engine.allocation).
    garrison: float = 0.0
    broken: bool = False  # the attacker has broken through (wargame.engine.campaign)
    #: Air and naval forces on the defender's side (wargame.engine.forces): the (actor, domain)
    #: pairs committed in support, the units committed so far by "actor.domain", and the
    #: division-equivalents they (and defender-side interventions) have added to ``defender``.
    supporters: list[tuple[str, str]] = attrs.field(factory=list)
    committed: dict[str, float] = attrs.field(factory=dict)
    support: float = 0.0


@attrs.frozen(kw_only=True)
class Prompt:
    """A decision the engine asks a seat to take before a deadline.

    If the deadline passes unanswered the ``default`` choice is applied and journalled as such.
    ``context`` carries what the seat is told (never ground truth).
    """

    id: str
    seat: str
    kind: str
    question: str
    options: tuple[str, ...]
    default: str
    opened: int
    deadline: int
    context: Mapping[str, Any] = attrs.field(factory=dict, eq=False)
