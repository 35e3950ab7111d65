"""Experiment plots: one PNG per measure, each cell's estimate with its 95% interval.

Cells run along the x axis, labelled by their factors' levels; a point is the cell's mean (or
share) and its bar the 95% interval from the experiment's table. A measure that takes words
(``guarantee_honoured``: none, formal, substantive) has one share per word, drawn side by side in
the same plot, so that the plot reads like the table's row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from wargame.analysis.pngplot import png, pyplot


def base_measure(measure: str) -> str:
    """``guarantee_honoured = formal`` -> ``guarantee_honoured``."""
    return measure.split(" = ")[0]


def _cell_label(row: Mapping[str, Any], factors: Sequence[str]) -> str:
    return "\n".join(f"{f}={row[f'factor.{f}']}" for f in factors)


def plot_measure(rows: Sequence[Mapping[str, Any]], factors: Sequence[str], measure: str) -> bytes:
    """The plot of ``measure`` (a base measure: every value of a word measure together)."""
    mine = [r for r in rows if base_measure(r["measure"]) == measure]
    if not mine:
        raise ValueError(f"the table has no measure {measure!r}")
    plt = pyplot()
    series = sorted({r["measure"] for r in mine})
    cells = list(dict.fromkeys(_cell_label(r, factors) for r in mine))
    fig, ax = plt.subplots(figsize=(max(6.0, 1.1 * len(cells) + 2), 4))
    width = 0.8 / max(1, len(series))
    for k, name in enumerate(series):
        points = [r for r in mine if r["measure"] == name]
        xs = [cells.index(_cell_label(r, factors)) + (k - (len(series) - 1) / 2) * width for r in points]
        values = [r["value"] for r in points]
        below = [max(0.0, r["value"] - r["low"]) for r in points]
        above = [max(0.0, r["high"] - r["value"]) for r in points]
        label = name.split(" = ", 1)[1] if " = " in name else None
        ax.errorbar(xs, values, yerr=[below, above], fmt="o", capsize=4, label=label)
    ax.set_xticks(range(len(cells)), cells, fontsize="small")
    kind = "share" if all(r["kind"] == "share" for r in mine) else "mean"
    ax.set_ylabel(f"{kind} (95% interval)")
    ax.set_title(measure)
    if len(series) > 1:
        ax.legend(fontsize="small")
    return png(fig)


def plot_file(folder: Path, stem: str, measure: str) -> Path:
    """Where the plot of ``measure`` goes: ``<stem>-<measure, safe for a file name>.png``."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", measure).strip("_")
    return folder / f"{stem}-{safe}.png"


def write_plots(
    rows: Sequence[Mapping[str, Any]], factors: Sequence[str], folder: Path, stem: str
) -> list[Path]:
    """One PNG per measure of an experiment's table, written to ``folder``; their paths."""
    written = []
    for measure in dict.fromkeys(base_measure(r["measure"]) for r in rows):
        path = plot_file(folder, stem, measure)
        path.write_bytes(plot_measure(rows, factors, measure))
        written.append(path)
    return written
