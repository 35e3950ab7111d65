"""An experiment's statistics: each cell's measures with 95% intervals, and effects as paired
contrasts between cells with bootstrap intervals.

**Per cell.** A true/false measure is a share with its Wilson interval; a number has its mean
(normal interval), its median (bootstrap percentile interval) and the share of runs in which it
has a value at all; a measure that takes words has the share of each word (Wilson), among the
runs that have one. A measure that no run reports is *not measured* (a name listed before the
engine has it, say), never an error.

**Effects.** A headline measure (an *effect spec*: a measure's name, ``name = word`` for the
share of one word, ``name = *`` for the share of games in which it has a value) is one number
per run, or none. An effect is a contrast between cells, a
weighted sum of their means: a main effect is the top level of a factor minus its bottom level,
averaged over the other factors' levels; the interaction of two factors A and B is the
difference in differences ``(A top, B top) - (A bottom, B top) - (A top, B bottom) + (A bottom,
B bottom)``: how much more B's effect is at A's top level than at its bottom level. Cells share
their seeds run by run (common random numbers), so the interval comes from a **paired
bootstrap**: run indices are drawn with replacement, the same indices in every cell, the
contrast is recomputed on each draw (:data:`RESAMPLES` times) and the 2.5 and 97.5 percentiles
are its 95% interval. Each cell's mean is over the drawn runs in which the measure has a value.
The generator has a fixed seed (:data:`BOOTSTRAP_SEED`), so the output is the same every time.
"""

from __future__ import annotations

import math
import statistics
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from wargame.analysis.batch import wilson
from wargame.analysis.experiment import Factor
from wargame.analysis.rows import Cell as Value

RESAMPLES = 2000
BOOTSTRAP_SEED = 20260415
Floats = npt.NDArray[np.float64]


@attrs.frozen
class Estimate:
    """A value with its 95% interval, from ``n`` runs."""

    value: float
    low: float
    high: float
    n: int


def kind(rows: Sequence[Mapping[str, Value]], measure: str) -> str:
    """How ``measure`` reads in these runs: ``share`` (true/false), ``number``, ``words``,
    ``empty`` (the runs have it, never with a value: a number no game produced), or ``absent``
    (no run has it at all: not measured, e.g. a measure the engine does not have yet)."""
    ok = [r for r in rows if not r.get("error")]
    present = [r[measure] for r in ok if r.get(measure) is not None]
    if not present:
        return "empty" if any(measure in r for r in ok) else "absent"
    if all(isinstance(v, bool) for v in present):
        return "share"
    if all(isinstance(v, str) for v in present):
        return "words"
    return "number"


def words(rows: Sequence[Mapping[str, Value]], measure: str) -> list[str]:
    """The words a measure takes in these runs, sorted."""
    return sorted({str(r[measure]) for r in rows if isinstance(r.get(measure), str)})


def spec_parts(spec: str) -> tuple[str, str]:
    """An effect spec's statistic and what it is of: ``median(x)`` is ``("median", "x")``,
    anything else ``("mean", spec)`` (a share is the mean of ones and zeros)."""
    text = spec.strip()
    if text.startswith("median(") and text.endswith(")"):
        return "median", text[len("median(") : -1].strip()
    return "mean", text


def measure_of(spec: str) -> str:
    """The measure an effect spec reads: ``median(a)``, ``a = word`` and ``a`` all read ``a``."""
    return spec_parts(spec)[1].partition("=")[0].strip()


def values(rows: Sequence[Mapping[str, Value]], spec: str) -> Floats:
    """One number per run for an effect spec (NaN: no value in that run). ``name`` is the
    measure itself (true = 1); ``name = word`` is 1 where it took that word, else 0; ``name = *``
    is 1 where it has a value at all, else 0 (the share of games with a number); ``median(...)``
    reads what it holds."""
    name, _, word = (s.strip() for s in spec_parts(spec)[1].partition("="))
    out = np.full(len(rows), math.nan)
    for i, r in enumerate(rows):
        v = None if r.get("error") else r.get(name)
        if word == "*" and not r.get("error"):
            out[i] = 0.0 if v is None else 1.0
            continue
        if v is None:
            continue
        if word:
            out[i] = 1.0 if str(v) == word else 0.0
        elif isinstance(v, bool | int | float):
            out[i] = float(v)
    return out


def share(k: int, n: int) -> Estimate:
    low, high = wilson(k, n)
    return Estimate(k / n if n else math.nan, low, high, n)


def mean(xs: Sequence[float]) -> Estimate:
    """The mean with a normal 95% interval (zero width for one run)."""
    n = len(xs)
    if n == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    m = statistics.fmean(xs)
    half = 1.96 * statistics.stdev(xs) / math.sqrt(n) if n > 1 else 0.0
    return Estimate(m, m - half, m + half, n)


def median(xs: Sequence[float]) -> Estimate:
    """The median with a bootstrap percentile 95% interval."""
    n = len(xs)
    if n == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    data = np.asarray(xs, dtype=float)
    draws = np.median(data[np.random.default_rng(BOOTSTRAP_SEED).integers(0, n, (RESAMPLES, n))], axis=1)
    low, high = np.percentile(draws, [2.5, 97.5])
    return Estimate(float(np.median(data)), float(low), float(high), n)


def cell_estimate(
    rows: Sequence[Mapping[str, Value]], spec: str, is_share: bool | None = None
) -> tuple[Estimate, bool]:
    """A cell's estimate of an effect spec, and whether it is a share: the median (``median(...)``),
    a share with its Wilson interval (``is_share``; if not given, when the values are all 0 or 1),
    or the mean."""
    x = values(rows, spec)
    x = x[~np.isnan(x)]
    if spec_parts(spec)[0] == "median":
        return median([float(v) for v in x]), False
    if is_share is None:
        is_share = bool(x.size) and bool(np.isin(x, (0.0, 1.0)).all())
    if is_share:
        return share(int(x.sum()), int(x.size)), True
    return mean([float(v) for v in x]), False


def summarise(
    rows: Sequence[Mapping[str, Value]], measure: str, how: str | None = None, vocabulary: Sequence[str] = ()
) -> dict[str, Estimate]:
    """A cell's statistics of ``measure``, by name: ``share``; ``mean``, ``median`` and ``with a
    number``; or ``= word`` for each word. ``how`` is the measure's :func:`kind` over the whole
    experiment (default: over these rows), so that a cell where it never has a value still shows
    0% with a number; ``vocabulary``, the words it takes over the experiment, likewise shows 0%
    for a word this cell never saw. Empty: not measured."""
    ok = [r for r in rows if not r.get("error")]
    how = how or kind(ok, measure)
    present = [r[measure] for r in ok if r.get(measure) is not None]
    if how == "share":
        return {"share": share(sum(1 for v in present if v is True), len(present))}
    if how == "words":
        return {
            f"= {w}": share(sum(1 for v in present if v == w), len(present))
            for w in vocabulary or words(ok, measure)
        }
    if how in ("number", "empty"):
        nums = [float(v) for v in present if isinstance(v, int | float)]
        return {"mean": mean(nums), "median": median(nums), "with a number": share(len(nums), len(ok))}
    return {}


def _medians(data: Floats) -> Floats:
    """The median along the last axis, ignoring NaN (NaN where a slice has no value)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN slice: NaN, as meant
        medians: Floats = np.nanmedian(data, axis=-1)
    return medians


def contrast(columns: Sequence[Floats], weights: Sequence[float], statistic: str = "mean") -> Estimate | None:
    """``sum(weight * statistic of column)`` over cells whose per-run values are ``columns``
    (aligned by run index, NaN where a run has no value), with a paired bootstrap 95% interval;
    the statistic is the ``mean`` or the ``median``. None when some cell has no value at all.
    ``n`` is the fewest runs with a value in any of the cells."""
    data = np.vstack(columns)
    have = ~np.isnan(data)
    counts = have.sum(axis=1)
    if data.shape[1] == 0 or counts.min() == 0:
        return None
    w = np.asarray(weights, dtype=float)
    runs = data.shape[1]
    draw = np.random.default_rng(BOOTSTRAP_SEED).integers(0, runs, (RESAMPLES, runs))
    if statistic == "median":
        value = float(w @ _medians(data))
        stats = w @ _medians(data[:, draw])  # cells x resamples, then one per resample
    else:
        filled = np.where(have, data, 0.0)
        value = float(w @ (filled.sum(axis=1) / counts))
        with np.errstate(invalid="ignore", divide="ignore"):
            stats = w @ (filled[:, draw].sum(axis=2) / have[:, draw].sum(axis=2))
    stats = stats[~np.isnan(stats)]
    low, high = np.percentile(stats, [2.5, 97.5]) if stats.size else (math.nan, math.nan)
    return Estimate(value, float(low), float(high), int(counts.min()))


@attrs.frozen
class Effect:
    """A named contrast of cells, in one scenario: ``(cell levels, weight)`` pairs."""

    kind: str  # "main", "interaction" or "one-at-a-time"
    name: str
    terms: tuple[tuple[tuple[tuple[str, Any], ...], float], ...]


def _others(factors: Sequence[Factor], skip: Sequence[str]) -> list[dict[str, Any]]:
    """Every combination of the levels of the factors not in ``skip``."""
    rest = [f for f in factors if f.name not in skip]
    combos: list[dict[str, Any]] = [{}]
    for f in rest:
        combos = [{**c, f.name: v} for c in combos for v in f.levels]
    return combos


def _levels(factors: Sequence[Factor], fixed: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple((f.name, fixed[f.name]) for f in factors)


def factorial_effects(factors: Sequence[Factor]) -> list[Effect]:
    """The main effect of each factor (its top level minus its bottom level: the last and first
    levels, or those its ``compare`` names) and the interaction of each pair, each averaged over
    the other factors' levels."""
    out: list[Effect] = []
    varied = [f for f in factors if len(f.levels) >= 2]
    for f in varied:
        combos = _others(factors, [f.name])
        pairs = ((f.top, 1), (f.bottom, -1))
        terms = [(_levels(factors, {**c, f.name: v}), s / len(combos)) for c in combos for v, s in pairs]
        out.append(Effect("main", f"{f.name}: {f.top} − {f.bottom}", tuple(terms)))
    for a, b in ((a, b) for i, a in enumerate(varied) for b in varied[i + 1 :]):
        combos = _others(factors, [a.name, b.name])
        signs = [(a.top, b.top, 1), (a.bottom, b.top, -1), (a.top, b.bottom, -1), (a.bottom, b.bottom, 1)]
        terms = [
            (_levels(factors, {**c, a.name: va, b.name: vb}), s / len(combos))
            for c in combos
            for va, vb, s in signs
        ]
        name = " × ".join(f"{f.name} ({f.top} vs {f.bottom})" if f.compare else f.name for f in (a, b))
        out.append(Effect("interaction", name, tuple(terms)))
    return out


def one_at_a_time_effects(factors: Sequence[Factor]) -> list[Effect]:
    """Each factor's top level minus its bottom level, every other parameter as in the scenario."""
    return [
        Effect(
            "one-at-a-time",
            f"{f.name}: {f.top} − {f.bottom}",
            ((((f.name, f.top),), 1.0), (((f.name, f.bottom),), -1.0)),
        )
        for f in factors
        if len(f.levels) >= 2
    ]


def estimate(
    effect: Effect, cells: Mapping[tuple[tuple[str, Any], ...], Sequence[Mapping[str, Value]]], spec: str
) -> Estimate | None:
    """``effect`` on the effect spec ``spec``, from each cell's per-run rows (keyed by levels)."""
    columns = [values(cells[levels], spec) for levels, _ in effect.terms]
    return contrast(columns, [w for _, w in effect.terms], spec_parts(spec)[0])
