"""Grading reports (the Admiralty / NATO system) and assessing what they say.

**Source reliability, A–F**, from the source's track record so far: of its past reports that
could be checked when they arrived (the seat already held an independent report on the subject:
another origin from another source), the share that agreed (within ``TOLERANCE``). A source
with fewer than ``MIN_RECORD`` checked reports is F, "cannot be judged".

**Information credibility, 1–6**, from corroboration at the moment the report arrives: 1 if an
independent report already agrees ("confirmed"); otherwise 2–5 by how far the claim lies from the
seat's current assessment (probably true … improbable); 6 when nothing is known yet. Two reports
that trace to one origin — one shared by an ally and echoed back, say — never confirm each other.

**Assessment**: a weighted estimate of a quantity from the reports a seat holds. Each report
weighs by its source's reliability (Sherman Kent's bands applied to the letters: a design choice,
not doctrine) and its credibility; the estimate is the weighted geometric mean of the claims, with
an interval of one weighted standard deviation in log space. Probabilities are put in Kent's words.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import attrs

TOLERANCE = 0.15  # two claims within 15% of each other agree
MIN_RECORD = 3  # checked reports needed before a source can be graded

#: Weight of a report by its source's reliability (Kent's bands: 93, 75, 50, 30, 7; F, a source
#: that cannot be judged yet, is weighted like a fair one).
RELIABILITY_WEIGHT = {"A": 0.93, "B": 0.75, "C": 0.5, "D": 0.3, "E": 0.07, "F": 0.4}
#: Weight by information credibility.
CREDIBILITY_WEIGHT = {1: 1.5, 2: 1.2, 3: 1.0, 4: 0.7, 5: 0.4, 6: 1.0}

#: Sherman Kent, "Words of Estimative Probability" (1964): 93±6 almost certain, 75±12 probable,
#: 50±10 chances about even, 30±10 probably not, 7±5 almost certainly not. Upper bounds, with
#: Kent's gaps split at their middles.
KENT = (
    (0.005, "impossible"),
    (0.16, "almost certainly not"),
    (0.40, "probably not"),
    (0.615, "chances about even"),
    (0.87, "probable"),
    (0.995, "almost certain"),
    (1.01, "certain"),
)


def kent(p: float) -> str:
    """The estimative words for probability ``p``."""
    for upper, words in KENT:
        if p < upper:
            return words
    return "certain"


def agree(a: float, b: float, tolerance: float = TOLERANCE) -> bool:
    """Whether two claims agree: within ``tolerance`` of the larger (equal zeros agree)."""
    scale = max(abs(a), abs(b), 1e-9)
    return abs(a - b) <= tolerance * scale


def reliability(checked: int, corroborated: int) -> str:
    """The A–F letter of a source with this record."""
    if checked < MIN_RECORD:
        return "F"
    share = corroborated / checked
    for letter, floor in (("A", 0.8), ("B", 0.65), ("C", 0.5), ("D", 0.35)):
        if share >= floor:
            return letter
    return "E"


@attrs.frozen
class Estimate:
    """An assessed quantity: a central value, an interval, and how many reports it rests on."""

    value: float
    low: float
    high: float
    reports: int

    def ratio_to(self, truth: float) -> float:
        """Assessed over true (1 = exact); infinite if the truth is zero and the estimate is not."""
        if truth == 0:
            return 1.0 if self.value == 0 else math.inf
        return self.value / truth


def credibility(claim: float, independent_agrees: bool, current: float | None) -> int:
    """The 1–6 number of a new report (see module docstring); ``current`` is the central value of
    the seat's assessment (:meth:`Tally.value`), None when it has none."""
    if independent_agrees:
        return 1
    if current is None:
        return 6
    scale = max(abs(current), 1e-9)
    distance = abs(claim - current) / scale
    for number, limit in ((2, 2 * TOLERANCE), (3, 4 * TOLERANCE), (4, 8 * TOLERANCE)):
        if distance <= limit:
            return number
    return 5


def assess(claims: Iterable[tuple[float, str, int]]) -> Estimate | None:
    """Assess a quantity from (claim, reliability letter, credibility number) triples."""
    tally = Tally()
    for c, r, n in claims:
        tally.add(c, weight(r, n))
    return tally.estimate()


def weight(reliability: str, credibility: int) -> float:
    """How much a report with this grade counts in an assessment."""
    return RELIABILITY_WEIGHT[reliability] * CREDIBILITY_WEIGHT[credibility]


@attrs.define
class Tally:
    """The running sums an assessment is made from, so that one more report costs a few additions
    however many are held. Adding the same reports in the same order always gives the same sums,
    bit for bit, so an assessment does not depend on how it was built up."""

    reports: int = 0
    total: float = 0.0  # sum of weights
    logs: float = 0.0  # sum of weight * log(claim), while every claim is positive
    logs2: float = 0.0  # sum of weight * log(claim) ** 2
    plain: float = 0.0  # sum of weight * claim
    plain2: float = 0.0  # sum of weight * claim ** 2
    positive: bool = True  # every claim so far is a size above zero

    def add(self, claim: float, weight: float) -> None:
        self.reports += 1
        self.total += weight
        self.plain += weight * claim
        self.plain2 += weight * claim * claim
        if claim > 0 and self.positive:
            lc = math.log(claim)
            self.logs += weight * lc
            self.logs2 += weight * lc * lc
        else:
            self.positive = False

    def value(self) -> float | None:
        """The central value alone, as :meth:`estimate` gives it (grading a report needs no
        more, and a seat grades every report it receives)."""
        if not self.reports:
            return None
        return round(math.exp(self.logs / self.total) if self.positive else self.plain / self.total, 2)

    def estimate(self) -> Estimate | None:
        """The weighted geometric mean of the claims with one weighted standard deviation either
        side in log space (sizes), or the weighted arithmetic mean and deviation (zeros, or signed
        values such as dates before the start)."""
        if not self.reports:
            return None
        if self.positive:
            mean = self.logs / self.total
            sd = math.sqrt(max(0.0, self.logs2 / self.total - mean * mean))
            value, low, high = math.exp(mean), math.exp(mean - sd), math.exp(mean + sd)
        else:
            value = self.plain / self.total
            sd = math.sqrt(max(0.0, self.plain2 / self.total - value * value))
            low, high = value - sd, value + sd
        return Estimate(value=round(value, 2), low=round(low, 2), high=round(high, 2), reports=self.reports)
