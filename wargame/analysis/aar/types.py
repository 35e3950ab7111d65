"""The after-action review's values: what was planned, what happened, what each seat believed.

A facilitator's *hot wash* after a game follows a fixed order: what was planned (each seat's
briefing, the guarantees and their dated promises, the aggressor's plan), what happened (the
outcome and a timeline of the turning points), what went wrong (*issues*) and what would fix it
(*fixes*). Two things make a wargame's review richer than a seminar's: the engine knows, for every
decision, what the deciding seat *believed* (its analysts' assessments and the credibility it
perceived) and what was *true* at that moment, and it knows which deceptions worked.

Every value here is frozen: an :class:`AfterAction` is a snapshot that a UI may keep and redraw.
Times are simulated minutes from the scenario's start (``t``), with the calendar instant beside
them (``at``) for people.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import attrs

from wargame.engine.outcome_types import Outcome
from wargame.model.clock import DAY


@attrs.frozen(kw_only=True)
class Obligation:
    """One dated promise of a guarantee, for one guarantor, and whether it was kept.

    ``due_t`` counts from the guarantee's first trigger (as the engine counts it): ``None`` if the
    guarantee never triggered.
    ``kept`` is ``None`` while the promise has not yet fallen due.
    """

    guarantee: str
    guarantor: str
    action: str
    day: float
    due_t: int | None
    due_at: str | None
    kept: bool | None


@attrs.frozen(kw_only=True)
class GuaranteePlan:
    """A guarantee as signed: who promised whom what, and how clear its trigger is."""

    id: str
    name: str
    guarantors: tuple[str, ...]
    protected: str
    against: tuple[str, ...]
    signed: str
    trigger_clarity: float
    triggered_at: str | None
    obligations: tuple[Obligation, ...]
    triggered_by: str = "invasion"  # the kind of act that first triggered it
    triggered_clarity: float | None = None  # its clarity for that act (None: not triggered)
    again_by: str | None = None  # the graver act that triggered it again (a blockade's invasion)
    again_clarity: float | None = None  # its clarity for that act
    again_at: str | None = None  # when
    # the guarantors it binds to declare war: by a declare_war promise, or (a guarantee with no
    # dated promise) by the treaty itself, its committed guarantors (``wargame.model.commitments``)
    bound_to_war: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class AggressorPlan:
    """The aggressor's plan (ground truth, for the white cell): when it meant to attack, how
    often it could postpone, and the deceptions and penetrations it ran."""

    actor: str
    target: str
    invasion_at: str
    postpone_days: float
    max_postponements: int
    deceptions: tuple[str, ...]  # one line each: "id: subject x factor via channels, against seats"
    penetrations: tuple[str, ...]
    means: str = "invasion"  # its act: invasion, strike, blockade or hybrid (``[aggressor] means``)
    aim: str = "conquest"  # conquest, seize or coerce (``[aggressor] aim``)
    demand: str = ""  # what a pressure demands
    concession_by: str | None = None  # a pressure's deadline (ISO), if any


@attrs.frozen(kw_only=True)
class PressureRecord:
    """How a blockade or hybrid campaign went: when it began, what it demanded, who escorted, and
    how it ended (``ending``: ``concession``, ``lift``, ``escalation``; "" while it went on)."""

    means: str
    t: int
    at: str
    demand: str
    escorts: tuple[str, ...]  # the guarantors that escorted, in the order they began
    ending: str
    ending_at: str
    forced: bool  # a concession forced by spent endurance, not chosen


@attrs.frozen(kw_only=True)
class Plan:
    """What was planned before the first event."""

    briefings: Mapping[str, str]  # seat -> its briefing
    guarantees: tuple[GuaranteePlan, ...]
    aggressor: AggressorPlan


@attrs.frozen(kw_only=True)
class Belief:
    """One seat's assessment of one subject at one instant, beside the truth at that instant.

    Sizes are in divisions; ``attack_date`` is in minutes from the start, and its error is then
    given in days (``error_days``) instead of as a ratio.
    """

    subject: str
    label: str
    estimate: float
    low: float
    high: float
    reports: int
    truth: float | None

    @property
    def is_date(self) -> bool:
        return self.subject == "attack_date"

    @property
    def ratio(self) -> float | None:
        """Estimate over truth (1 = exact); None for dates or an unknown or zero truth."""
        if self.is_date or self.truth is None or self.truth == 0:
            return None
        return round(self.estimate / self.truth, 3)

    @property
    def error_days(self) -> float | None:
        if not self.is_date or self.truth is None:
            return None
        return round((self.estimate - self.truth) / DAY, 2)

    @property
    def truth_in_interval(self) -> bool | None:
        return None if self.truth is None else self.low <= self.truth <= self.high

    @property
    def far_from_truth(self) -> bool:
        """Off by more than half again (x1.5 or /1.5) for sizes, two days or more for dates."""
        if self.ratio is not None:
            return self.ratio >= 1.5 or self.ratio <= 1 / 1.5
        return self.error_days is not None and abs(self.error_days) >= 2


@attrs.frozen(kw_only=True)
class DecisionRecord:
    """A decision, who took it and why, and what its seat believed when it did."""

    seq: int
    t: int
    at: str
    seat: str
    kind: str  # the prompt's kind: attack, mobilise, declare_war, offensive, ...
    choice: str
    by: str  # human, bot:<doctrine>, default (nobody decided before the deadline), or
    # "default, confirmed by <who>" (the room saw the deadline and took the default); any string
    reason: str
    prompt: str | None
    beliefs: tuple[Belief, ...]
    credibility: Mapping[str, float]  # each guarantor, as this seat perceived it
    true_credibility: Mapping[str, float]  # each guarantor, from everything that happened

    @property
    def who(self) -> str:
        """``human``, ``bot`` or ``default`` (a confirmed default too); another ``by`` as it is."""
        head = self.by.split(":")[0]
        return "default" if head.startswith("default") else head

    @property
    def confirmed_by(self) -> str:
        """Who confirmed a default (``"the white cell"``, ``"France"``), or ``""``."""
        _, sep, who = self.by.partition("confirmed by ")
        return who.strip() if sep else ""


@attrs.frozen(kw_only=True)
class WhiteAct:
    """An act of the white cell (the facilitators): hold, publish, skip or write an inject,
    override the model, or any act added later. Not a seat's decision: it has no beliefs."""

    seq: int
    t: int
    at: str
    kind: str  # hold_inject, publish_inject, skip_inject, adhoc_inject, override, ...
    choice: str  # the inject, the audience or the overridden quantity
    reason: str


@attrs.frozen(kw_only=True)
class TimelineEntry:
    """A key event: a turning point, not a daily report."""

    seq: int
    t: int
    at: str
    kind: str
    actors: tuple[str, ...]
    text: str


@attrs.frozen(kw_only=True)
class DeceptionResult:
    """How one deception operation (or penetration) fared against each seat it reached."""

    id: str
    kind: str  # "deception" or "penetration"
    subject: str
    received: Mapping[str, int]  # seat -> planted (or biased) reports received
    believed: Mapping[str, int]  # seat -> those that moved its assessment away from the truth
    ratio_at_invasion: Mapping[str, float | None]  # seat -> its estimate over the truth then
    worst_ratio: Mapping[str, float | None]  # seat -> its estimate furthest from the truth
    note: str = ""
    label: str = ""  # the subject in words ("Germany's divisions on the Franco-German border")

    @property
    def worked_on(self) -> tuple[str, ...]:
        """The seats it deceived: at least one planted report moved their assessment."""
        return tuple(s for s, n in self.believed.items() if n > 0)


@attrs.frozen(kw_only=True)
class Finding:
    """An issue: a derived fact about the game that a facilitator would raise."""

    kind: str  # broken_promise, late_declaration, no_declaration, estimate_far, deceived, ...
    text: str
    t: int | None = None
    seat: str | None = None


@attrs.frozen(kw_only=True)
class Fix:
    """A remedy for one kind of issue, in the article's terms, with the scenario levers to try."""

    issue: str
    text: str
    levers: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class FrontSample:
    status: str
    attacker: float
    defender: float
    cohesion: float
    ground_km: float


@attrs.frozen(kw_only=True)
class Sample:
    """The game at one instant (daily): the fronts, the truth, each seat's assessments and the
    credibility each seat perceives (``"truth"``: from everything that happened)."""

    t: int
    at: str
    fronts: Mapping[str, FrontSample]
    truths: Mapping[str, float]
    assessments: Mapping[str, Mapping[str, tuple[float, float, float]]]  # seat -> subject -> (v, lo, hi)
    credibility: Mapping[str, Mapping[str, float]]  # observer -> guarantor -> value


@attrs.frozen(kw_only=True)
class AfterAction:
    """The whole after-action review of one game (see the module docstring)."""

    scenario: str
    title: str
    seed: int
    seats: Mapping[str, str]  # seat -> controller
    now: int
    at: str
    finished: bool
    start: datetime  # the scenario's first instant: ``t`` counts minutes from it
    plan: Plan
    outcome: Outcome  # the summary measures (``Session.summary``)
    timeline: tuple[TimelineEntry, ...]
    decisions: tuple[DecisionRecord, ...]
    white_acts: tuple[WhiteAct, ...]
    deception: tuple[DeceptionResult, ...]
    issues: tuple[Finding, ...]
    fixes: tuple[Fix, ...]
    samples: tuple[Sample, ...]
    labels: Mapping[str, str]  # subject -> words ("Germany's divisions on the Franco-German border")
    names: Mapping[str, str]  # actor id -> display name
    fronts: Mapping[str, str] = attrs.field(factory=dict)  # front id -> name ("Franco-German border")
    pressure: PressureRecord | None = None  # the blockade or hybrid campaign, if one began
    objectives: Mapping[str, str] = attrs.field(factory=dict)  # front id -> its objective's name
    integrity: str = ""  # what was checked of the journal's integrity (chain, seal), one line
