"""Experiment plots: the interaction plot of a factorial design, or each cell's estimate.

A factorial design with two factors or more draws, per scenario and headline measure, an
**interaction plot**: the measure (mean or share, with its 95% interval) against the levels of
the second factor, one line per level of the first (the other factors averaged). Parallel lines
mean the two factors add up; lines that fan out are the interaction. Other designs (one factor,
one-at-a-time) draw each cell's estimate with its interval, cells along the x axis.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from wargame.analysis.experiment_stats import Estimate, cell_estimate, values
from wargame.analysis.pngplot import png, pyplot
from wargame.analysis.rows import Cell as Value

if TYPE_CHECKING:
    from wargame.analysis.experiment_report import Results


def _estimate(rows_per_cell: Sequence[Sequence[Mapping[str, Value]]], spec: str, is_share: bool) -> Estimate:
    """``spec`` averaged over cells' estimates; its interval when there is one cell."""
    found = [e for e, _ in (cell_estimate(rows, spec, is_share) for rows in rows_per_cell) if e.n]
    if len(found) == 1:
        return found[0]
    centre = sum(e.value for e in found) / len(found) if found else math.nan
    return Estimate(centre, centre, centre, min((e.n for e in found), default=0))


def _bars(points: Sequence[Estimate]) -> list[list[float]]:
    return [[max(0.0, p.value - p.low) for p in points], [max(0.0, p.high - p.value) for p in points]]


def interaction_plot(results: Results, scenario: str, spec: str) -> bytes:
    """``spec`` against the second factor's levels, one line per level of the first."""
    first, second = results.experiment.factors[:2]
    cells = [c for c in results.cells if c.cell.scenario == scenario]
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.5, 4))
    for k, a in enumerate(first.levels):
        dodge = (k - (len(first.levels) - 1) / 2) * 0.05  # lines that coincide stay visible
        xs = [x + dodge for x in range(len(second.levels))]
        points = [
            _estimate(
                [c.rows for c in cells if c.cell.level(first.name) == a and c.cell.level(second.name) == b],
                spec,
                results.is_share(spec),
            )
            for b in second.levels
        ]
        ax.errorbar(
            xs,
            [p.value for p in points],
            yerr=_bars(points),
            fmt="o-",
            capsize=4,
            label=f"{first.name} = {a}",
        )
    ax.set_xticks(range(len(second.levels)), [str(b) for b in second.levels])
    ax.set_xlabel(second.name)
    ax.set_ylabel(f"{spec}\n(mean or share, 95% interval)")
    ax.set_title(f"{scenario}: {spec}", fontsize="medium")
    ax.legend(fontsize="small")
    return png(fig)


def cells_plot(results: Results, scenario: str, spec: str) -> bytes:
    """``spec`` in each cell of ``scenario``, with its 95% interval."""
    cells = [c for c in results.cells if c.cell.scenario == scenario]
    points = [_estimate([c.rows], spec, results.is_share(spec)) for c in cells]
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(max(6.0, 0.9 * len(cells) + 2), 4))
    ax.errorbar(range(len(cells)), [p.value for p in points], yerr=_bars(points), fmt="o", capsize=4)
    ax.set_xticks(
        range(len(cells)),
        [c.cell.label.replace(", ", "\n") for c in cells],
        fontsize="small",
        rotation=90 if len(cells) > 8 else 0,
    )
    ax.set_ylabel(f"{spec}\n(mean or share, 95% interval)")
    ax.set_title(f"{scenario}: {spec}", fontsize="medium")
    return png(fig)


def plot_file(folder: Path, kind: str, scenario: str, spec: str) -> Path:
    """``<kind>-<scenario>-<spec, safe for a file name>.png`` in ``folder``."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{scenario}-{spec}").strip("_")
    return folder / f"{kind}-{safe}.png"


def write_plots(results: Results, folder: Path) -> list[Path]:
    """One PNG per scenario and measured effect spec; the files written."""
    e = results.experiment
    interaction = e.design == "factorial" and len(e.factors) >= 2
    written: list[Path] = []
    for scenario in e.scenarios:
        rows = [r for c in results.cells if c.cell.scenario == scenario for r in c.rows]
        for spec in results.specs():
            if np.isnan(values(rows, spec)).all():
                continue  # not measured: nothing to draw
            path = plot_file(folder, "interaction" if interaction else "cells", scenario, spec)
            path.write_bytes((interaction_plot if interaction else cells_plot)(results, scenario, spec))
            written.append(path)
    return written
