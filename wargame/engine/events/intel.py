"""Payloads of intelligence: reports and their ground truth, shared assessments, warnings,
and the penetrations that bias, leak and are found."""

from __future__ import annotations

import attrs

from wargame.engine.kinds import Kind
from wargame.engine.payload import (
    Payload,
    count,
    many,
    names,
    num,
    number,
    optional,
    optional_number,
)

# --- intelligence -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ReportData(Payload):
    """A report: from ``service`` by ``channel`` on ``subject``, its ``claim`` (a number, or a
    minute for ``attack_date``), its ``origin`` (numbered on arrival), grading (``reliability``
    letter, ``credibility`` digit, ``grade``). Collected reports say when (``collected``);
    shared ones who shared them (``shared_by``), and, for a shared assessment, its ``source``
    and the ``origins`` it rests on."""

    KIND = Kind.REPORT
    service: str
    channel: str
    subject: str
    claim: float = num()
    origin: str
    reliability: str
    credibility: int = count()
    grade: str
    collected: int | None = optional()
    shared_by: str | None = optional()
    source: str | None = optional()
    origins: tuple[str, ...] | None = optional(converter=lambda v: None if v is None else names(v))


def _number_or_text(value: float | str | None) -> float | str | None:
    """A true value: a number (canonical), or an instant's text (for ``attack_date``)."""
    if type(value) is float:  # the common case first (same result)
        return number(value)
    return value if value is None or isinstance(value, str) else number(value)


@attrs.frozen(kw_only=True)
class ReportTruth(Payload):
    """The true ``value`` behind a report (a number, or an instant for ``attack_date``), its
    ``error`` (or ``error_days``), whether it was planted (``deceptive``) and a penetration's
    ``biased_by``. Empty for a shared assessment."""

    value: float | str | None = optional(converter=_number_or_text)
    error: float | None = optional(converter=optional_number)
    error_days: float | None = optional(converter=optional_number)
    deceptive: bool | None = optional()
    biased_by: float | None = optional(converter=optional_number)


ReportData.TRUTH = ReportTruth


@attrs.frozen(kw_only=True)
class AssessmentData(Payload):
    """A seat shares its assessment of ``subject`` (its ``claim``), resting on ``origins``."""

    KIND = Kind.ASSESSMENT
    service: str
    subject: str
    claim: float = num()
    origin: str
    source: str
    origins: tuple[str, ...] = many()


@attrs.frozen(kw_only=True)
class WarningData(Payload):
    """``actor``'s analysts expect an attack at minute ``expected`` (``reports``, ``words``)."""

    KIND = Kind.WARNING
    actor: str
    expected: int = count()
    reports: int = count()
    words: str


@attrs.frozen(kw_only=True)
class FalseAlarmData(Payload):
    """The attack ``actor`` expected at minute ``expected`` did not come."""

    KIND = Kind.FALSE_ALARM
    actor: str
    expected: int = count()


@attrs.frozen(kw_only=True)
class LeakData(Payload):
    """A penetration leaks ``actor``'s ``decision`` and ``choice``, or a report it received
    (``source``: who shared it, ``subject``, ``claim``)."""

    KIND = Kind.LEAK
    actor: str
    decision: str | None = optional()
    choice: str | None = optional()
    source: str | None = optional(key="from")
    subject: str | None = optional()
    claim: float | None = optional(converter=optional_number)


@attrs.frozen(kw_only=True)
class LeakTruth(Payload):
    penetration: str


LeakData.TRUTH = LeakTruth


@attrs.frozen(kw_only=True)
class DetectedData(Payload):
    """A penetration of ``actor``'s government is uncovered."""

    KIND = Kind.DETECTED
    actor: str


@attrs.frozen(kw_only=True)
class DetectedTruth(Payload):
    id: str
    leaks_to: str


DetectedData.TRUTH = DetectedTruth


@attrs.frozen(kw_only=True)
class ReviewData(Payload):
    """``actor`` orders a review of its services (``oversight`` after it)."""

    KIND = Kind.REVIEW
    actor: str
    oversight: float = num()


@attrs.frozen(kw_only=True)
class PenetrationData(Payload):
    """(White cell) a penetration's effect: ``step`` is ``bias``."""

    KIND = Kind.PENETRATION
    step: str


@attrs.frozen(kw_only=True)
class PenetrationTruth(Payload):
    """Penetration ``id`` biases ``target``'s assessments of ``subjects`` by ``bias``."""

    id: str
    target: str
    subjects: tuple[str, ...] = many()
    bias: float = num()


PenetrationData.TRUTH = PenetrationTruth


@attrs.frozen(kw_only=True)
class SuppressedData(Payload):
    """(White cell) a report on ``subject`` was suppressed."""

    KIND = Kind.SUPPRESSED
    subject: str


@attrs.frozen(kw_only=True)
class SuppressedTruth(Payload):
    claim: float = num()
    channel: str


SuppressedData.TRUTH = SuppressedTruth


@attrs.frozen(kw_only=True)
class SwayedData(Payload):
    """``actor``'s cabinet does not carry out its ``decision`` → ``choice`` (``instead``: what
    it does, if it answers a prompt; none for a decision taken unprompted)."""

    KIND = Kind.SWAYED
    actor: str
    decision: str
    choice: str
    instead: str | None = optional()


@attrs.frozen(kw_only=True)
class SwayedTruth(Payload):
    """The agent of influence (``penetration``) that turned it."""

    penetration: str


SwayedData.TRUTH = SwayedTruth
