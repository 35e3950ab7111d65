"""Experiments: designs over scenario parameters, played as batches with common random numbers.

An experiment file (TOML, ``scenarios/experiments/``) names one or more scenarios, the runs per
cell, a root seed, the seats, the measures to report (``measures``) and those whose effects to
estimate (``effects``), and its factors. A factor sets one or more parameters (the dotted paths
of ``--set``, with the wildcards of :mod:`wargame.analysis.experiment_paths`) to each of its
levels, listed from low to high. The ``design`` says which cells are played:

- ``factorial`` (the default): every combination of every factor's levels;
- ``one-at-a-time``: the scenario as written (the baseline), and each level of each factor with
  every other parameter left as in the scenario.

Every cell is a batch with the same root seed, so run ``i`` of one cell and run ``i`` of another
share their seed (common random numbers): they differ only by the factors, and effects are
estimated on those pairs (:mod:`wargame.analysis.experiment_stats`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from wargame.analysis.batch import run_batch
from wargame.analysis.experiment_paths import PathError, expand, expand_seats
from wargame.analysis.rows import Cell as Value
from wargame.engine.outcome_types import current_name
from wargame.model.scenario_files.overrides import format_override
from wargame.model.scenario_files.tomlmap import TomlFileError, read_toml

DESIGNS = ("factorial", "one-at-a-time")
KNOWN = {
    "name",
    "description",
    "scenario",
    "scenarios",
    "design",
    "runs",
    "seed",
    "seats",
    "set",
    "measures",
    "effects",
}


class ExperimentError(ValueError):
    """An experiment file that cannot be run, with the reason."""


@attrs.frozen
class Factor:
    """One factor: the parameter paths it sets (wildcards allowed) and its levels, low to high."""

    name: str
    paths: tuple[str, ...]
    levels: tuple[Any, ...]
    compare: tuple[Any, Any] | None = None  # (bottom, top) for the effects; default first, last

    @property
    def bottom(self) -> Any:
        """The level effects are measured from: ``compare``'s first, else the first level."""
        return self.compare[0] if self.compare else self.levels[0]

    @property
    def top(self) -> Any:
        """The level effects are measured to: ``compare``'s second, else the last level."""
        return self.compare[1] if self.compare else self.levels[-1]


@attrs.frozen
class Cell:
    """One cell of the design: a scenario and the level of each factor it sets (none: the
    baseline of a one-at-a-time design)."""

    scenario: str
    levels: tuple[tuple[str, Any], ...]

    def level(self, factor: str) -> Any:
        """This cell's level of ``factor`` (None: the cell leaves it as in the scenario)."""
        return dict(self.levels).get(factor)

    @property
    def label(self) -> str:
        return ", ".join(f"{f}={v}" for f, v in self.levels) or "baseline"


@attrs.frozen
class Plan:
    """An experiment's factors and seats made concrete for one scenario."""

    paths: Mapping[str, tuple[str, ...]]  # factor name -> the concrete paths it sets
    seats: tuple[str, ...]


@attrs.frozen
class Experiment:
    name: str
    description: str
    scenarios: tuple[str, ...]
    design: str
    runs: int
    seed: int
    seats: tuple[str, ...]
    overrides: tuple[str, ...]
    measures: tuple[str, ...]
    effects: tuple[str, ...]
    factors: tuple[Factor, ...]
    plans: Mapping[str, Plan] = attrs.field(factory=dict)  # scenario -> its plan (filled on load)

    @property
    def scenario(self) -> str:
        """The first scenario (the only one of most experiments)."""
        return self.scenarios[0]

    def cells(self) -> list[Cell]:
        """The cells of the design, scenario by scenario."""
        out: list[Cell] = []
        for scenario in self.scenarios:
            if self.design == "one-at-a-time":
                out.append(Cell(scenario, ()))
                out += [Cell(scenario, ((f.name, v),)) for f in self.factors for v in f.levels]
                continue
            names = [f.name for f in self.factors]
            for combo in itertools.product(*(f.levels for f in self.factors)):
                out.append(Cell(scenario, tuple(zip(names, combo, strict=True))))
        return out

    def overrides_for(self, cell: Cell) -> list[str]:
        """The ``--set`` overrides that play ``cell``: the file's own, then each factor's paths."""
        plan = self.plans[cell.scenario]
        out = list(self.overrides)
        for factor, value in cell.levels:
            out += [format_override(path, value) for path in plan.paths[factor]]
        return out

    def seats_for(self, scenario: str) -> tuple[str, ...]:
        return self.plans[scenario].seats


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ExperimentError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(value)


def _factor(path: str, i: int, f: Any) -> Factor:
    where = f"{path}: factor[{i}]"
    if not isinstance(f, dict) or "name" not in f:
        raise ExperimentError(f"{where}: a factor needs a name")
    where = f"{where} ({f['name']})"
    unknown = sorted(set(f) - {"name", "path", "paths", "levels", "compare"})
    if unknown:
        raise ExperimentError(
            f"{where}: unknown key {unknown[0]!r}; known: compare, levels, name, path, paths"
        )
    paths = _strings(f["paths"] if "paths" in f else f.get("path", []), where)
    levels = f.get("levels", [])
    if not paths:
        raise ExperimentError(f"{where}: give the parameter path(s) it sets (path or paths)")
    if not isinstance(levels, list) or not levels:
        raise ExperimentError(f"{where}: the factor is empty; give it at least one level")
    levels = [tuple(v) if isinstance(v, list) else v for v in levels]  # hashable, for the cells
    compare = f.get("compare")
    if compare is not None and (
        not isinstance(compare, list)
        or len(compare) != 2
        or not all(c in levels for c in compare)
        or compare[0] == compare[1]
    ):
        raise ExperimentError(
            f"{where}: compare: expected two different levels of it [bottom, top], got {compare!r}"
        )
    return Factor(
        name=str(f["name"]), paths=paths, levels=tuple(levels), compare=tuple(compare) if compare else None
    )


def _effects(value: object, path: str) -> tuple[str, ...]:
    """The effect specs, each ``name = word`` checked against the words its measure can take (a
    misspelt grade would otherwise report 0% everywhere)."""
    from wargame.analysis.rows import words_of

    specs = tuple(_renamed(spec) for spec in _strings(value, f"{path}: experiment.effects"))
    for spec in specs:
        name, _, word = (part.strip() for part in spec.partition("="))
        words = words_of(name)
        if word and word != "*" and words and word not in words:
            raise ExperimentError(
                f"{path}: experiment.effects: {spec!r}: {name} takes one of {', '.join(words)}, not {word!r}"
            )
    return specs


def _renamed(spec: str) -> str:
    """A measure (or an effect spec, ``name = word``) named by an older name of the measure
    (:data:`~wargame.engine.outcome_types.RENAMED`), under its name now; any other as written."""
    name, eq, word = spec.partition("=")
    new = current_name(name.strip())
    return spec if new == name.strip() else f"{new} {eq}{word}" if eq else new


def _seed(value: object, path: str) -> int:
    """The file's root seed: a whole number from 0."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ExperimentError(f"{path}: experiment.seed: expected a whole number from 0, got {value!r}")
    return value


def load_experiment(path: str) -> Experiment:
    """Read and check an experiment file (raises :class:`ExperimentError` with the reason)."""
    try:
        data = read_toml(path, "experiment file")
    except TomlFileError as err:
        raise ExperimentError(str(err)) from None
    head = data.get("experiment")
    if not isinstance(head, dict):
        raise ExperimentError(f"{path}: an experiment needs an [experiment] table")
    unknown = sorted(set(head) - KNOWN)
    if unknown:
        raise ExperimentError(
            f"{path}: [experiment] has an unknown key {unknown[0]!r}; known: {', '.join(sorted(KNOWN))}"
        )
    if ("scenario" in head) == ("scenarios" in head):
        raise ExperimentError(f"{path}: [experiment] needs a scenario (or a list: scenarios), not both")
    scenarios = _strings(head.get("scenarios", head.get("scenario")), f"{path}: experiment.scenarios")
    if not scenarios:
        raise ExperimentError(f"{path}: experiment.scenarios is empty")
    runs = head.get("runs", 20)
    if not isinstance(runs, int) or isinstance(runs, bool) or runs < 1:
        raise ExperimentError(f"{path}: experiment.runs: expected a whole number >= 1, got {runs!r}")
    design = head.get("design", "factorial")
    if design not in DESIGNS:
        raise ExperimentError(
            f"{path}: experiment.design: expected one of {', '.join(DESIGNS)}, got {design!r}"
        )
    factors = [_factor(path, i, f) for i, f in enumerate(data.get("factor", []))]
    if not factors:
        raise ExperimentError(f"{path}: an experiment needs at least one [[factor]]")
    names = [f.name for f in factors]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ExperimentError(f"{path}: two factors are named {twice[0]!r}")
    measures = tuple(_renamed(m) for m in _strings(head.get("measures", []), f"{path}: experiment.measures"))
    experiment = Experiment(
        name=str(head.get("name", Path(path).stem)),
        description=str(head.get("description", "")),
        scenarios=scenarios,
        design=design,
        runs=runs,
        seed=_seed(head.get("seed", 0), path),
        seats=_strings(head.get("seats", []), f"{path}: experiment.seats"),
        overrides=_strings(head.get("set", []), f"{path}: experiment.set"),
        measures=measures,
        effects=_effects(head.get("effects", list(measures)), path),
        factors=tuple(factors),
    )
    experiment = attrs.evolve(experiment, plans={s: _plan(experiment, s, path) for s in scenarios})
    _check_cells(experiment, path)
    return experiment


def _plan(experiment: Experiment, scenario: str, path: str) -> Plan:
    """The experiment's wildcards expanded in ``scenario`` (loaded with the file's own ``set``)."""
    from wargame.model.scenario_files import scenarios

    try:
        loaded = scenarios.load(scenario, experiment.overrides).scenario
    except scenarios.ScenarioError as err:
        raise ExperimentError(f"{path}: the scenario {scenario!r} cannot be loaded:\n{err}") from None
    paths: dict[str, tuple[str, ...]] = {}
    for f in experiment.factors:
        found: list[str] = []
        for p in f.paths:
            try:
                concrete = expand(loaded, p)
            except PathError as err:
                raise ExperimentError(f"{path}: factor {f.name!r}: path {p!r}: {err}") from None
            if not concrete:
                raise ExperimentError(
                    f"{path}: factor {f.name!r}: path {p!r} matches nothing in the scenario {scenario!r}"
                )
            found += concrete
        paths[f.name] = tuple(dict.fromkeys(found))
    try:
        seats = tuple(expand_seats(loaded, experiment.seats))
    except PathError as err:
        raise ExperimentError(f"{path}: experiment.seats: {err}") from None
    return Plan(paths=paths, seats=seats)


def _check_cells(experiment: Experiment, path: str) -> None:
    """Load the scenario with every cell's settings, so a bad path or value stops the experiment
    before any game is played."""
    from wargame.model.scenario_files import scenarios
    from wargame.session.seats import assign_seats

    for cell in experiment.cells():
        try:
            loaded = scenarios.load(cell.scenario, experiment.overrides_for(cell))
            assign_seats(loaded.scenario.seat_ids, experiment.seats_for(cell.scenario))
        except (scenarios.ScenarioError, ValueError) as err:
            raise ExperimentError(
                f"{path}: the cell {cell.label} of {cell.scenario!r} cannot be played:\n{err}"
            ) from None


@attrs.frozen
class CellRuns:
    """One cell's games: each run's flat measures (a batch row's columns), in run order."""

    cell: Cell
    rows: tuple[Mapping[str, Value], ...]


def run_experiment(
    experiment: Experiment, jobs: int = 1, progress: Callable[[int], None] | None = None
) -> list[CellRuns]:
    """Play every cell of the design; each cell's per-run rows."""
    out: list[CellRuns] = []
    for cell in experiment.cells():
        rows = run_batch(
            cell.scenario, experiment.runs, root=experiment.seed, jobs=jobs,
            seats=experiment.seats_for(cell.scenario), overrides=experiment.overrides_for(cell),
            progress=progress,
        )  # fmt: skip
        out.append(CellRuns(cell, tuple(r.columns() for r in rows)))
    return out
