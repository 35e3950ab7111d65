"""Each seat's intelligence picture: the reports it holds, its sources' records, its assessments.

When a report reaches a seat it is graded from what the seat already holds (never from the
truth): its source's reliability letter from that source's record so far, and its credibility
number from corroboration by an independent report or from its distance to the current
assessment. The source's record is then updated: the report counts as *checked* when the seat
holds an independent report on the same subject, and as *corroborated* when one agrees.

Independence is about origins: every collected report has an ``origin`` id; a copy shared with an
ally keeps it, and a shared assessment carries every origin it rests on, so neither an echo nor
an assessment built on a report can ever confirm that report (circular reporting).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from wargame.engine.events import ReportData
from wargame.engine.journal import Event
from wargame.model.clock import DAY
from wargame.model.grading import Estimate, Tally, agree, assess, credibility, reliability, weight


@attrs.define
class Held:
    """A report as a seat holds it."""

    subject: str
    claim: float
    origin: str
    source: str
    reliability: str
    credibility: int
    origins: frozenset[str] = frozenset()  # every origin it rests on (an assessment: many)


@attrs.define
class Holding:
    """A seat's reports on one subject, in the order they arrived, and the running sums of its
    assessment of it (a seat assesses a subject on every report it receives: recomputing it from
    every report held would cost the game most of its time)."""

    reports: list[Held] = attrs.field(factory=list)
    tally: Tally = attrs.field(factory=Tally)

    def corroboration(
        self, subject: str, claim: float, source: str, rests_on: frozenset[str]
    ) -> tuple[bool, bool]:
        """(whether an independent report is held, whether one agrees with ``claim``)."""
        near = _near_date if subject == "attack_date" else agree
        independent = False
        for r in self.reports:
            if r.source != source and r.origins.isdisjoint(rests_on):
                if near(r.claim, claim):
                    return True, True
                independent = True
        return independent, False


@attrs.define
class Picture:
    """What one seat holds: its reports, and its sources' records (checked, corroborated).

    Reports are also held by subject (:class:`Holding`) and by origin, and each subject's
    assessment is kept until a report on it arrives."""

    reports: list[Held] = attrs.field(factory=list)
    records: dict[str, list[int]] = attrs.field(factory=dict)
    _subjects: dict[str, Holding] = attrs.field(factory=dict, init=False, repr=False, eq=False)
    _assessed: dict[str, Estimate | None] = attrs.field(factory=dict, init=False, repr=False, eq=False)
    _by_origin: dict[tuple[str, str], Held] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    def on(self, subject: str) -> list[Held]:
        holding = self._subjects.get(subject)
        return list(holding.reports) if holding is not None else []

    def claims(self, subject: str) -> list[float]:
        """The claims of the reports held on ``subject``, in the order they arrived."""
        holding = self._subjects.get(subject)
        return [r.claim for r in holding.reports] if holding is not None else []

    def holds(self, subject: str, origin: str) -> bool:
        """Whether a report of this origin on this subject is already held."""
        return (subject, origin) in self._by_origin

    def assessment(self, subject: str) -> Estimate | None:
        if subject not in self._assessed:
            holding = self._subjects.get(subject)
            self._assessed[subject] = holding.tally.estimate() if holding is not None else None
        return self._assessed[subject]

    def receive(
        self, subject: str, claim: float, origin: str, source: str, origins: frozenset[str] | None = None
    ) -> Held:
        """Grade a new report against what is held, record it, and update its source's record.

        ``origins`` are the origins the report rests on (default: its own); a report is independent
        of another only if they share no origin and come from different sources."""
        copy = self._by_origin.get((subject, origin))
        if copy is not None:
            return copy  # a copy of what is already held adds nothing
        rests_on = origins or frozenset((origin,))
        holding = self._subjects.get(subject)
        if holding is None:
            holding = self._subjects[subject] = Holding()
        independent, agrees = holding.corroboration(subject, claim, source, rests_on)
        checked, corroborated = self.records.get(source, (0, 0))
        letter = reliability(checked, corroborated)
        # an agreeing report is confirmed (1) whatever the assessment: assess only otherwise
        number = credibility(claim, agrees, None if agrees else holding.tally.value())
        report = Held(
            subject=subject,
            claim=claim,
            origin=origin,
            source=source,
            reliability=letter,
            credibility=number,
            origins=rests_on,
        )
        if independent:
            self.records[source] = [checked + 1, corroborated + int(agrees)]
        self.reports.append(report)
        holding.reports.append(report)
        holding.tally.add(claim, weight(letter, number))
        self._by_origin[(subject, origin)] = report
        self._assessed.pop(subject, None)
        return report


def _near_date(a: float, b: float) -> bool:
    return abs(a - b) <= DAY  # dates agree within a day


def assessments(events: Iterable[Event], bias: dict[str, float] | None = None) -> dict[str, Estimate]:
    """A seat's assessment of every subject it holds reports on, from its events (in order),
    shifted by ``bias`` (subject -> factor) where a penetration acts on its analysts."""
    by_subject: dict[str, list[tuple[float, str, int]]] = {}
    for e in events:
        if isinstance(e.data, ReportData):
            by_subject.setdefault(e.data.subject, []).append(
                (e.data.claim, e.data.reliability, e.data.credibility)
            )
    out = {}
    for subject in sorted(by_subject):
        estimate = assess(by_subject[subject])
        if estimate is not None:
            factor = (bias or {}).get(subject, 1.0)
            out[subject] = Estimate(
                value=round(estimate.value * factor, 2),
                low=round(estimate.low * factor, 2),
                high=round(estimate.high * factor, 2),
                reports=estimate.reports,
            )
    return out
