"""An experiment's results as tables: each cell's measures, and the effects with their intervals.

The tables are plain (a title, column names, rows of text), so that the command line draws them
with rich, ``effects.md`` writes them as markdown, and tests read them. :func:`write_results`
writes everything to a folder: the per-run rows (``runs.csv``), each cell's statistics
(``cells.csv``), the effects (``effects.csv``, ``effects.md``), all of it as ``results.json``,
and the plots (:mod:`wargame.analysis.experiment_plots`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from wargame.analysis.batch import write_rows
from wargame.analysis.experiment import CellRuns, Experiment
from wargame.analysis.experiment_stats import (
    Effect,
    Estimate,
    cell_estimate,
    estimate,
    factorial_effects,
    kind,
    measure_of,
    one_at_a_time_effects,
    spec_parts,
    summarise,
    values,
    words,
)
from wargame.analysis.rows import HEAD, TAIL, words_of
from wargame.analysis.rows import Cell as Value

NOT_MEASURED = "not measured"
Levels = tuple[tuple[str, Any], ...]


@attrs.frozen
class TextTable:
    """A table to print or write: a title, its columns and its rows (all text)."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def markdown(self) -> str:
        head = f"| {' | '.join(self.columns)} |\n|{'---|' * len(self.columns)}\n"
        return head + "".join(f"| {' | '.join(r)} |\n" for r in self.rows)


@attrs.frozen
class Results:
    """An experiment and every cell's games."""

    experiment: Experiment
    cells: tuple[CellRuns, ...]

    def scenario_cells(self, scenario: str) -> dict[Levels, Sequence[Mapping[str, Value]]]:
        """One scenario's cells: levels -> per-run rows."""
        return {c.cell.levels: c.rows for c in self.cells if c.cell.scenario == scenario}

    def all_rows(self) -> list[Mapping[str, Value]]:
        return [r for c in self.cells for r in c.rows]

    def measures(self) -> list[str]:
        """The measures to report: the file's, or every measure the games have."""
        if self.experiment.measures:
            return list(self.experiment.measures)
        return sorted({k for r in self.all_rows() for k in r} - {*HEAD, *TAIL})

    def reading(self, measure: str) -> tuple[str, list[str]]:
        """How ``measure`` reads over the whole experiment: its kind and its words."""
        rows = self.all_rows()
        known = words_of(measure)  # the measure's words in their documented order, 0% included
        return kind(rows, measure), [*known, *(w for w in words(rows, measure) if w not in known)]

    def is_share(self, spec: str) -> bool:
        """Whether an effect spec is a share: of a word (``= word``, ``= *``) or of a true/false
        measure (not a number that happens to be 0 or 1 in every run)."""
        stat, inner = spec_parts(spec)
        return stat == "mean" and ("=" in inner or self.reading(measure_of(spec))[0] == "share")

    def effects(self) -> list[Effect]:
        factors = self.experiment.factors
        return (
            one_at_a_time_effects(factors)
            if self.experiment.design == "one-at-a-time"
            else factorial_effects(factors)
        )

    def specs(self) -> list[str]:
        """The effect specs: a measure that takes words becomes one spec per word."""
        rows = self.all_rows()
        out: list[str] = []
        for spec in self.experiment.effects or self.measures():
            if "=" not in spec and kind(rows, spec) == "words":
                out += [f"{spec} = {w}" for w in words(rows, spec)]
            else:
                out.append(spec)
        return out


def fmt(e: Estimate | None, signed: bool = False, percent: bool = False) -> str:
    """``0.412 [0.380, 0.444]`` (or ``41% [38, 44]``); ``—`` when there is no value."""
    if e is None or math.isnan(e.value):
        return "—"
    if percent:
        return f"{e.value:.0%} [{e.low * 100:.0f}, {e.high * 100:.0f}]"
    sign = "+" if signed else ""
    value, low, high = (round(x, 3) + 0.0 for x in (e.value, e.low, e.high))  # no "-0.000"
    return f"{value:{sign}.3f} [{low:{sign}.3f}, {high:{sign}.3f}]"


def _factor_names(results: Results) -> list[str]:
    return [f.name for f in results.experiment.factors]


def _level_text(levels: Levels, factor: str) -> str:
    value = dict(levels).get(factor)
    return "·" if value is None else str(value)


def summary_rows(results: Results) -> list[dict[str, Any]]:
    """Each cell's statistics of each measure, one row per (cell, measure, statistic)."""
    out: list[dict[str, Any]] = []
    for c in results.cells:
        head = {
            "scenario": c.cell.scenario,
            **{f"factor.{f}": c.cell.level(f) for f in _factor_names(results)},
        }
        for measure in results.measures():
            stats = summarise(c.rows, measure, *results.reading(measure))
            if not stats:
                out.append({**head, "measure": measure, "statistic": NOT_MEASURED})
            for name, e in stats.items():
                word = name.startswith("= ")
                row = {
                    **head,
                    "measure": f"{measure} {name}" if word else measure,
                    "statistic": "share" if word else name,
                }
                out.append({**row, **attrs.asdict(e)})
    return out


def effect_rows(results: Results) -> list[dict[str, Any]]:
    """Every effect on every effect spec, per scenario (``not measured`` when absent)."""
    out: list[dict[str, Any]] = []
    specs = results.specs()
    for scenario in results.experiment.scenarios:
        cells = results.scenario_cells(scenario)
        for effect in results.effects():
            for spec in specs:
                row = {"scenario": scenario, "effect": effect.name, "kind": effect.kind, "measure": spec}
                e = estimate(effect, cells, spec)
                out.append({**row, **attrs.asdict(e)} if e else {**row, "statistic": NOT_MEASURED})
    return out


def _cell_columns(results: Results) -> tuple[str, ...]:
    """The columns naming a cell: one per factor, or (one-at-a-time) the factor and its level."""
    return (
        ("factor", "level") if results.experiment.design == "one-at-a-time" else tuple(_factor_names(results))
    )


def _cell_text(results: Results, levels: Levels) -> tuple[str, ...]:
    if results.experiment.design == "one-at-a-time":
        return (levels[0][0], str(levels[0][1])) if levels else ("baseline", "")
    return tuple(_level_text(levels, f) for f in _factor_names(results))


def cell_tables(results: Results) -> list[TextTable]:
    """Per scenario and measure: every cell's statistics (a line for the measures not measured)."""
    out: list[TextTable] = []
    runs = results.experiment.runs
    for scenario in results.experiment.scenarios:
        cells = results.scenario_cells(scenario)
        missing: list[str] = []
        for measure in results.measures():
            reading = results.reading(measure)
            stats = {levels: summarise(rows, measure, *reading) for levels, rows in cells.items()}
            names = list(dict.fromkeys(n for s in stats.values() for n in s))
            if not names:
                missing.append(measure)
                continue
            percent = all(n == "share" or n.startswith("= ") for n in names)
            body = [
                (
                    *_cell_text(results, levels),
                    *(fmt(s.get(n), percent=percent or n == "with a number") for n in names),
                )
                for levels, s in stats.items()
            ]
            title = f"{results.experiment.name} · {scenario}: {measure} ({runs} runs per cell, 95% intervals)"
            out.append(TextTable(title, (*_cell_columns(results), *names), tuple(body)))
        if missing:
            title = f"{results.experiment.name} · {scenario}: {NOT_MEASURED}"
            out.append(TextTable(title, ("measure",), tuple((m,) for m in missing)))
    return out


def headline_tables(results: Results) -> list[TextTable]:
    """Per scenario: each cell's mean (or share) of every measured effect spec, with its 95%
    interval: the levels behind the effects, side by side."""
    out: list[TextTable] = []
    for scenario in results.experiment.scenarios:
        cells = results.scenario_cells(scenario)
        found = [
            s for s in results.specs() if not all(np.isnan(values(rows, s)).all() for rows in cells.values())
        ]
        shares = {s: results.is_share(s) for s in found}
        body = []
        for levels in cells:
            texts = []
            for spec in found:
                e, percent = cell_estimate(cells[levels], spec, shares[spec])
                texts.append(fmt(e, percent=percent))
            body.append((*_cell_text(results, levels), *texts))
        title = f"{results.experiment.name} · {scenario}: each cell (mean or share, 95% intervals)"
        out.append(TextTable(title, (*_cell_columns(results), *found), tuple(body)))
    return out


def _effect_text(e: Estimate | None, how: str) -> str:
    if e is not None:
        return fmt(e, signed=True)
    return NOT_MEASURED if how == "absent" else "no value in some cell"


def effect_tables(results: Results, wide: bool = False) -> list[TextTable]:
    """Per scenario, every effect on every effect spec (difference [95% interval]): one row per
    effect and spec, or (``wide``, for markdown) one row per effect and a column per spec."""
    specs = results.specs()
    hows = {s: results.reading(measure_of(s))[0] for s in specs}
    out: list[TextTable] = []
    for scenario in results.experiment.scenarios:
        cells = results.scenario_cells(scenario)
        body: list[tuple[str, ...]] = []
        for effect in results.effects():
            found = {spec: estimate(effect, cells, spec) for spec in specs}
            if wide:
                body.append((effect.name, *(_effect_text(e, hows[s]) for s, e in found.items())))
                continue
            for spec, e in found.items():
                body.append(
                    (effect.kind, effect.name, spec, _effect_text(e, hows[spec]), str(e.n) if e else "")
                )
        title = f"{results.experiment.name} · {scenario}: effects (paired bootstrap over runs, 95% intervals)"
        columns = (
            ("effect", *specs)
            if wide
            else ("effect", "levels", "measure", "difference [95% interval]", "runs")
        )
        out.append(TextTable(title, columns, tuple(body)))
    return out


def extreme_cells(results: Results) -> list[TextTable]:
    """Per scenario, for each effect spec that is a share (of a word, or of a true/false
    measure): how many cells sit at 0% or 100% (the issue's calibration check: at most a quarter
    of them)."""
    out: list[TextTable] = []
    for scenario in results.experiment.scenarios:
        cells = results.scenario_cells(scenario)
        body: list[tuple[str, ...]] = []
        for spec in results.specs():
            found = [values(rows, spec) for rows in cells.values()]
            found = [v[~np.isnan(v)] for v in found]
            if not results.is_share(spec) or not all(v.size for v in found):
                continue
            k = sum(1 for v in found if v.min() == v.max())
            body.append((spec, f"{k} of {len(found)}", f"{k / len(found):.0%}"))
        if body:
            title = f"{results.experiment.name} · {scenario}: cells at 0% or 100%"
            out.append(TextTable(title, ("measure", "cells", "share"), tuple(body)))
    return out


def all_tables(results: Results) -> list[TextTable]:
    """Everything the command prints, in order: cells per measure, cells by effect spec, the
    effects, and the count of cells at 0% or 100%."""
    return [
        *cell_tables(results),
        *headline_tables(results),
        *effect_tables(results),
        *extreme_cells(results),
    ]


def run_rows(results: Results) -> list[dict[str, Value]]:
    """Every game's row, with its scenario and its cell's levels."""
    factors = _factor_names(results)
    return [
        {"scenario": c.cell.scenario, **{f"factor.{f}": _cell_value(c.cell.level(f)) for f in factors}, **r}
        for c in results.cells
        for r in c.rows
    ]


def _cell_value(value: Any) -> Value:
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)


def effects_markdown(results: Results) -> str:
    """``effects.md``: the effects tables as markdown, one per scenario."""
    e = results.experiment
    about = f"{e.description}\n\n" if e.description else ""
    parts = [
        f"# {e.name}: effects\n\n{about}{e.runs} runs per cell, root seed {e.seed}, design {e.design}. "
        "Each entry is the difference (top level − bottom level; for an interaction, the difference in "
        "differences) with its 95% paired bootstrap interval.\n"
    ]
    tables = (*effect_tables(results, wide=True), *headline_tables(results))
    parts += [f"\n## {t.title}\n\n{t.markdown()}" for t in tables]
    return "".join(parts)


def _no_nan(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with NaN (no value) as None, for JSON."""
    return [{k: None if isinstance(v, float) and math.isnan(v) else v for k, v in r.items()} for r in rows]


def _write_csv(rows: Sequence[Mapping[str, Any]], path: Path) -> None:
    """Rows as CSV, columns in the order the rows give them (scenario, factors, measure...)."""
    import csv

    columns = list(dict.fromkeys(k for r in rows for k in r))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows({k: "" if r.get(k) is None else r.get(k) for k in columns} for r in rows)


def write_results(results: Results, folder: Path) -> list[Path]:
    """Write the runs, cells, effects, JSON and plots to ``folder``; the files written."""
    from wargame.analysis.experiment_plots import write_plots

    folder.mkdir(parents=True, exist_ok=True)
    cells, effects = summary_rows(results), effect_rows(results)
    files = [folder / n for n in ("runs.csv", "cells.csv", "effects.csv", "effects.md", "results.json")]
    write_rows(run_rows(results), str(files[0]))
    _write_csv(cells, files[1])
    _write_csv(effects, files[2])
    files[3].write_text(effects_markdown(results), encoding="utf-8")
    e = results.experiment
    factors = [{"name": f.name, "levels": list(f.levels)} for f in e.factors]
    head: dict[str, Any] = {"name": e.name, "description": e.description, "scenarios": list(e.scenarios)}
    head |= {"design": e.design, "runs": e.runs, "seed": e.seed, "factors": factors}
    payload = {"experiment": head, "cells": _no_nan(cells), "effects": _no_nan(effects)}
    files[4].write_text(json.dumps(payload, indent=1, sort_keys=True, default=str) + "\n", encoding="utf-8")
    return files + write_plots(results, folder)
