"""Experiment statistics: cell summaries, and effects by paired bootstrap on synthetic runs."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from wargame.analysis.experiment import Factor
from wargame.analysis.experiment_stats import (
    cell_estimate,
    contrast,
    estimate,
    factorial_effects,
    one_at_a_time_effects,
    summarise,
    values,
)

A = Factor("convergence", ("x",), (0.3, 0.6, 0.9))
B = Factor("cooperation", ("y",), ("none", "adhoc", "fusion"))
INTERACTION = "convergence × cooperation"


def synthetic(interaction: float, runs: int = 200) -> dict[tuple[tuple[str, Any], ...], list[dict[str, Any]]]:
    """Per-run rows of a 3 x 3 design: y = 0.5 a + 0.2 b + interaction * a * b + a noise shared by
    the cells run by run (common random numbers) and a small noise of its own."""
    rng = np.random.default_rng(7)
    shared = rng.normal(0, 1.0, runs)
    cells = {}
    for i, a in enumerate(A.levels):
        for j, b in enumerate(B.levels):
            own = rng.normal(0, 0.05, runs)
            y = 0.5 * i + 0.2 * j + interaction * i * j + shared + own
            cells[(("convergence", a), ("cooperation", b))] = [
                {"run": k, "y": float(y[k])} for k in range(runs)
            ]
    return cells


def test_the_interaction_is_the_difference_in_differences() -> None:
    effects = {e.name: e for e in factorial_effects([A, B])}
    assert set(effects) == {
        "convergence: 0.9 − 0.3",
        "cooperation: fusion − none",
        INTERACTION,
    }
    found = estimate(effects[INTERACTION], synthetic(0.1), "y")
    assert found is not None
    assert found.value == pytest.approx(0.4, abs=0.03)  # 0.1 * (2 * 2 - 2 * 0 - 0 * 2 + 0 * 0)
    assert 0.0 < found.low < found.value < found.high


def test_an_additive_design_has_no_interaction_and_its_main_effects() -> None:
    cells = synthetic(0.0)
    effects = {e.name: e for e in factorial_effects([A, B])}
    found = estimate(effects[INTERACTION], cells, "y")
    assert found is not None and found.low < 0 < found.high and abs(found.value) < 0.03
    main = estimate(effects["convergence: 0.9 − 0.3"], cells, "y")
    assert main is not None and main.value == pytest.approx(1.0, abs=0.03) and main.low > 0.9
    # pairing: the shared noise (sd 1) cancels, so the interval is narrow
    assert main.high - main.low < 0.05


def test_the_bootstrap_is_deterministic() -> None:
    cells = synthetic(0.1)
    effect = factorial_effects([A, B])[-1]
    assert estimate(effect, cells, "y") == estimate(effect, cells, "y")


def test_contrast_uses_each_cells_runs_with_a_value() -> None:
    a = np.array([1.0, math.nan, 3.0, 5.0])
    b = np.array([0.0, 0.0, math.nan, 1.0])
    found = contrast([a, b], [1.0, -1.0])
    assert found is not None and found.value == pytest.approx(3.0 - 1 / 3) and found.n == 3
    assert contrast([a, np.full(4, math.nan)], [1.0, -1.0]) is None


def test_one_at_a_time_effects_compare_a_factors_own_cells() -> None:
    (effect,) = one_at_a_time_effects([Factor("war cost", ("aggressor.war_cost",), (0.6, 1.2, 2.4))])
    assert effect.name == "war cost: 2.4 − 0.6"
    assert effect.terms == (((("war cost", 2.4),), 1.0), ((("war cost", 0.6),), -1.0))


def test_values_of_words_numbers_and_presence() -> None:
    rows: list[dict[str, Any]] = [
        {"h": "substantive", "d": 2.0},
        {"h": "formal", "d": None},
        {"h": None, "error": "", "d": 4.0},
        {"error": "boom"},
    ]
    assert np.array_equal(values(rows, "h = formal"), [0.0, 1.0, math.nan, math.nan], equal_nan=True)
    assert np.array_equal(values(rows, "d"), [2.0, math.nan, 4.0, math.nan], equal_nan=True)
    assert np.array_equal(values(rows, "d = *"), [1.0, 0.0, 1.0, math.nan], equal_nan=True)


def test_cell_summaries() -> None:
    rows: list[dict[str, Any]] = [
        {"h": "formal", "t": True, "d": None},
        {"h": "formal", "t": False, "d": None},
    ]
    assert summarise(rows, "missing") == {}
    words = summarise(rows, "h", "words", ["formal", "substantive"])
    assert words["= formal"].value == 1.0 and words["= substantive"].value == 0.0
    assert summarise(rows, "t")["share"].value == 0.5
    numbers = summarise(rows, "d")  # in the runs, never with a value
    assert numbers["with a number"].value == 0.0 and numbers["mean"].n == 0
    spread = summarise([{"d": float(x)} for x in range(11)], "d")
    assert spread["median"].value == 5.0 and spread["median"].low < 5.0 < spread["median"].high


def test_a_median_contrast() -> None:
    a = np.array([1.0, 2.0, 100.0, math.nan])
    b = np.array([0.0, 0.0, 1.0, 0.0])
    found = contrast([a, b], [1.0, -1.0], "median")
    assert found is not None and found.value == 2.0 and found.n == 3
    assert estimate(
        one_at_a_time_effects([W])[0],
        {(("w", 1),): [{"y": 5.0}] * 3, (("w", 0),): [{"y": 1.0}] * 3},
        "median(y)",
    ) == (contrast([np.full(3, 5.0), np.full(3, 1.0)], [1.0, -1.0], "median"))


W = Factor("w", ("x",), (0, 1))


def test_compare_chooses_the_levels_of_the_effects() -> None:
    coop = Factor("cooperation", ("y",), ("none", "adhoc", "fusion"), compare=("adhoc", "fusion"))
    names = [e.name for e in factorial_effects([A, coop])]
    assert names[1] == "cooperation: fusion − adhoc"
    assert names[2] == "convergence × cooperation (fusion vs adhoc)"
    interaction = factorial_effects([A, coop])[2]
    assert {levels[1][1] for levels, _ in interaction.terms} == {"adhoc", "fusion"}


def test_a_number_that_is_one_everywhere_is_not_a_share() -> None:
    from wargame.analysis.experiment import Cell, CellRuns, Experiment
    from wargame.analysis.experiment_report import Results, extreme_cells, headline_tables

    experiment = Experiment(
        name="t", description="", scenarios=("s",), design="one-at-a-time", runs=2, seed=0, seats=(),
        overrides=(), measures=("credibility", "deterred"), effects=("credibility", "deterred"), factors=(W,),
    )  # fmt: skip
    rows = ({"credibility": 1.0, "deterred": True}, {"credibility": 1.0, "deterred": True})
    results = Results(
        experiment, tuple(CellRuns(Cell("s", lv), rows) for lv in ((), (("w", 0),), (("w", 1),)))
    )
    assert results.is_share("deterred") and not results.is_share("credibility")
    assert cell_estimate(rows, "credibility", False)[0].value == 1.0
    (table,) = headline_tables(results)
    assert table.rows[0] == ("baseline", "", "1.000 [1.000, 1.000]", "100% [34, 100]")
    (extremes,) = extreme_cells(results)
    assert extremes.rows == (("deterred", "3 of 3", "100%"),)
