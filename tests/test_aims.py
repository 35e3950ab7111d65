"""Aims and end states: an aggressor that halts on its objective, fronts that are not decisive,
named capitals, the end-state measures, and the checks on incoherent aims."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.analysis.experiment import _renamed
from wargame.analysis.rows import Row
from wargame.engine import campaign
from wargame.engine.events import CapitalData, CollapseData, FrontData, ObjectiveData
from wargame.engine.journal import EVERYONE
from wargame.engine.outcome_types import Outcome, current_name
from wargame.model.scenario_files import scenarios
from wargame.session.session import Session

TUTORIAL = scenarios.bundled_dir() / "tutorial.toml"
SEIZE = (
    "aggressor.aim=seize",
    "fronts.border.objective_km=40",
    'fronts.border.objective="the Lys river"',
    'fronts.border.capital="Belstad"',
    "fronts.border.capital_falls_cohesion=0",
    "scenario.horizon_days=40",  # many days after the halt: it must never move again
)


def _game(overrides: tuple[str, ...], seed: int) -> Session:
    session = Session(scenarios.load("tutorial", overrides), seed=seed, seats=[])
    session.run_to_end()
    return session


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_seize_aggressor_halts_on_its_objective_and_holds(seed: int) -> None:
    game = _game(SEIZE, seed)
    border = [e for e in game.events if isinstance(e.data, FrontData) and e.data.front == "border"]
    (held,) = [e for e in game.events if isinstance(e.data, ObjectiveData)]
    assert held.data.ground_km == 40 and held.data.actor == "ardenia" and held.data.front == "border"
    assert held.text == "Ardenia halts on the Lys river, holding 40 km."
    assert held.see == (EVERYONE,)  # public: everyone sees where the advance stops
    assert all(e.data.ground_km <= 40 for e in border)
    assert border[-1].data.ground_km == 40 and border[-1].seq < held.seq  # no day's fighting after it
    assert not any(isinstance(e.data, (CollapseData, CapitalData)) for e in game.events)
    assert game.world.fronts["border"].status == "holding"
    m = game.summary()
    assert m.end_state == "objective_held" and m.protege_held and m.protege_survival_days is None
    assert m.objectives_held == 1 and m.ground_held_km == {"border": 40}
    assert m.duration_days == round((held.t - m.invasion_day * 1440) / 1440, 3)  # type: ignore[operator]
    assert 0 < m.duration_days < 10  # type: ignore[operator]


def test_a_named_capital_falls_by_its_name() -> None:
    game = _game(('fronts.border.capital="Belstad"',), 2)
    (fell,) = [e for e in game.events if isinstance(e.data, CapitalData)]
    assert fell.text == "Belstad falls."
    plain = _game((), 2)
    assert [e.text for e in plain.events if isinstance(e.data, CapitalData)] == [
        "The capital of Belmark falls."
    ]


def test_a_front_that_is_not_decisive_is_lost_alone() -> None:
    game = _game(("fronts.border.decisive=false", "scenario.horizon_days=30"), 1)
    (lost,) = [e for e in game.events if isinstance(e.data, CollapseData)]
    assert "fights on" in lost.text and "Organised resistance" not in lost.text
    assert game.world.fronts["border"].status == "collapsed"
    m = game.summary()
    assert m.protege_held and m.protege_survival_days is None and m.end_state == "resisted"
    # the same front, decisive (the default): the protected state collapses with it
    decisive = _game(("scenario.horizon_days=30",), 1).summary()
    assert not decisive.protege_held and decisive.end_state == "collapse"
    assert decisive.duration_days == decisive.protege_survival_days


def test_conquest_measures_and_no_objective() -> None:
    m = _game((), 1).summary()
    assert m.end_state == "resisted" and m.objectives_held == 0
    assert list(m.ground_held_km) == ["border"]  # the fronts the aggressor attacks, not Corvia's
    deterred = _game(("aggressor.war_cost=50", "aggressor.expected_gain=0.01"), 1).summary()
    if deterred.deterred:
        assert deterred.end_state == "deterred" and deterred.duration_days is None


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = TUTORIAL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "variant.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_an_objective_beyond_the_depth_is_refused_with_its_line(tmp_path: Path) -> None:
    path = _variant(tmp_path, "depth_km = 120\n", "depth_km = 120\nobjective_km = 150\n")
    with pytest.raises(scenarios.ScenarioError) as info:
        scenarios.load(str(path), ["aggressor.aim=seize"])
    (problem,) = info.value.problems
    line = path.read_text().splitlines().index("objective_km = 150") + 1
    assert problem.line == line and problem.path == "fronts[0].objective_km"
    assert "no deeper than depth_km (120)" in problem.message


def test_seize_without_an_objective_is_refused() -> None:
    with pytest.raises(scenarios.ScenarioError) as info:
        scenarios.load("tutorial", ["aggressor.aim=seize"])
    (problem,) = info.value.problems
    assert problem.path == "aggressor.aim" and "needs an objective" in problem.message


def test_conquest_with_an_objective_warns(tmp_path: Path) -> None:
    path = _variant(tmp_path, "depth_km = 120\n", "depth_km = 120\nobjective_km = 50\n")
    warnings = [str(w) for w in scenarios.warnings(scenarios.load(str(path)))]
    assert any("fronts[0].objective_km" in w and "aim is conquest" in w for w in warnings)
    assert any("fronts[0].capital_falls_cohesion" in w for w in warnings)
    seize = _variant(
        tmp_path,
        "capital_falls_cohesion = 0.4\n",
        'capital_falls_cohesion = 0\nobjective_km = 50\nobjective = "the Lys"\n',
    )
    assert [str(w) for w in scenarios.warnings(scenarios.load(str(seize), ["aggressor.aim=seize"]))] == []


OLD = {
    "aggressor_divisions_redeployed": "aggressor_divisions_moved_west",
    "defended_front_breakthrough": "west_breakthrough",
    "defended_front_breakthrough_after_days": "west_breakthrough_after_days",
}


def test_older_measure_names_are_read_as_the_new_ones() -> None:
    outcome = _game((), 1).summary()
    assert Outcome.from_json({OLD.get(k, k): v for k, v in outcome.to_json().items()}) == outcome
    columns = {OLD.get(k, k): v for k, v in Row(0, 1, outcome).columns().items()}
    assert "west_breakthrough" in columns
    assert Row.from_columns(columns) == Row(0, 1, outcome)
    assert current_name("west_breakthrough_after_days") == "defended_front_breakthrough_after_days"
    assert _renamed("west_breakthrough = true") == "defended_front_breakthrough = true"
    assert _renamed("aggressor_divisions_moved_west") == "aggressor_divisions_redeployed"
    assert _renamed("deterrence = failed") == "deterrence = failed"


def test_a_guarantor_on_its_objective_holds_and_cannot_attack_again() -> None:
    game = _game(("fronts.counter.objective_km=5", 'fronts.counter.objective="the Ardenian border hills"'), 1)
    (held,) = [e for e in game.events if isinstance(e.data, ObjectiveData)]
    assert held.data.front == "counter" and held.data.actor == "corvia"
    assert held.text == "Corvia halts on the Ardenian border hills, holding 5 km."
    assert game.world.fronts["counter"].status == "holding"
    assert campaign._can_attack(game.world, "corvia", "general") == "it holds its objective on that front"
    m = game.summary()
    assert m.objectives_held == 0 and "counter" not in m.ground_held_km  # the aggressor's measures


def test_a_deadline_for_a_concession_without_a_coercive_aim_warns() -> None:
    """``concession_by`` asks the aggressor to escalate at that date: an aim other than coerce
    with one is probably a mistake, and coerce with neither a deadline nor a pressure asks nothing."""
    loaded = scenarios.load("tutorial", ["aggressor.concession_by=2030-09-09T00:00:00"])
    assert any("aggressor.concession_by" in str(w) and "coerce" in str(w) for w in scenarios.warnings(loaded))
    coerce = scenarios.load("tutorial", ["aggressor.aim=coerce"])
    assert any("aggressor.aim" in str(w) and "nothing asks" in str(w) for w in scenarios.warnings(coerce))
