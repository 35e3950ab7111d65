"""Experiments: a full factorial design over scenario parameters, run as batches.

An experiment file (TOML, ``scenarios/experiments/``) names a scenario, the runs per cell, a root
seed, the seats, the measures to report, and its factors. A factor sets one or more parameters
(the same dotted paths as ``--set``) to each of its levels; the design is every combination of
levels. Each cell is a batch with the same root seed, so cells differ only by their factors
(common random numbers).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from wargame.analysis.batch import describe, run_batch
from wargame.model.scenario_files.overrides import format_override
from wargame.model.scenario_files.tomlmap import TomlFileError, read_toml


class ExperimentError(ValueError):
    """An experiment file that cannot be run, with the reason."""


@attrs.frozen
class Factor:
    name: str
    paths: tuple[str, ...]
    levels: tuple[Any, ...]


@attrs.frozen
class Experiment:
    name: str
    description: str
    scenario: str
    runs: int
    seed: int
    seats: tuple[str, ...]
    overrides: tuple[str, ...]
    measures: tuple[str, ...]
    factors: tuple[Factor, ...]

    def cells(self) -> list[dict[str, Any]]:
        """Every combination of levels: {factor name: level}."""
        names = [f.name for f in self.factors]
        return [
            dict(zip(names, combo, strict=True))
            for combo in itertools.product(*(f.levels for f in self.factors))
        ]

    def overrides_for(self, cell: Mapping[str, Any]) -> list[str]:
        out = list(self.overrides)
        for f in self.factors:
            out += [format_override(path, cell[f.name]) for path in f.paths]
        return out


def load_experiment(path: str) -> Experiment:
    """Read and check an experiment file (raises :class:`ExperimentError` with the reason)."""
    try:
        data = read_toml(path, "experiment file")
    except TomlFileError as err:
        raise ExperimentError(str(err)) from None
    head = data.get("experiment")
    if not isinstance(head, dict):
        raise ExperimentError(f"{path}: an experiment needs an [experiment] table")
    known = {"name", "description", "scenario", "runs", "seed", "seats", "set", "measures"}
    unknown = sorted(set(head) - known)
    if unknown:
        raise ExperimentError(
            f"{path}: [experiment] has an unknown key {unknown[0]!r}; known: {', '.join(sorted(known))}"
        )
    if "scenario" not in head:
        raise ExperimentError(f"{path}: [experiment] needs a scenario")
    runs = head.get("runs", 20)
    if not isinstance(runs, int) or runs < 1:
        raise ExperimentError(f"{path}: experiment.runs: expected a whole number >= 1, got {runs!r}")
    factors = []
    for i, f in enumerate(data.get("factor", [])):
        where = f"{path}: factor[{i}]"
        if not isinstance(f, dict) or "name" not in f:
            raise ExperimentError(f"{where}: a factor needs a name")
        paths = f.get("paths") or ([f["path"]] if "path" in f else [])
        levels = f.get("levels", [])
        if not paths:
            raise ExperimentError(
                f"{where} ({f['name']}): give the parameter path(s) it sets (path or paths)"
            )
        if not isinstance(levels, list) or not levels:
            raise ExperimentError(f"{where} ({f['name']}): the factor is empty; give it at least one level")
        factors.append(Factor(name=str(f["name"]), paths=tuple(paths), levels=tuple(levels)))
    if not factors:
        raise ExperimentError(f"{path}: an experiment needs at least one [[factor]]")
    experiment = Experiment(
        name=str(head.get("name", Path(path).stem)),
        description=str(head.get("description", "")),
        scenario=str(head["scenario"]),
        runs=runs,
        seed=int(head.get("seed", 0)),
        seats=tuple(head.get("seats", ())),
        overrides=tuple(head.get("set", ())),
        measures=tuple(head.get("measures", ())),
        factors=tuple(factors),
    )
    _check_cells(experiment, path)
    return experiment


def _check_cells(experiment: Experiment, path: str) -> None:
    """Load the scenario with every cell's settings, so a bad path or value stops the experiment
    before any game is played."""
    from wargame.model.scenario_files import scenarios
    from wargame.session.seats import assign_seats

    for cell in experiment.cells():
        try:
            loaded = scenarios.load(experiment.scenario, experiment.overrides_for(cell))
            assign_seats(loaded.scenario.seat_ids, experiment.seats)
        except (scenarios.ScenarioError, ValueError) as err:
            raise ExperimentError(f"{path}: the cell {cell} cannot be played:\n{err}") from None


def run_experiment(
    experiment: Experiment, jobs: int = 1, progress: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    """Every cell's summary: one row per (cell, measure) with its value and 95% interval."""
    out: list[dict[str, Any]] = []
    for cell in experiment.cells():
        rows = run_batch(
            experiment.scenario, experiment.runs, root=experiment.seed, jobs=jobs, seats=experiment.seats,
            overrides=experiment.overrides_for(cell), progress=progress,
        )  # fmt: skip
        for d in describe([r.columns() for r in rows]):
            base = d["measure"].split(" = ")[0]
            if experiment.measures and base not in experiment.measures:
                continue
            out.append({**{f"factor.{k}": v for k, v in cell.items()}, **d})
    return out


def measures_of(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    return sorted({r["measure"] for r in rows})
