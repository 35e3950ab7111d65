"""Experiments: factorial designs over scenario parameters."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FLAGSHIP

from wargame.analysis.experiment import load_experiment, run_experiment
from wargame.cli import main
from wargame.model.scenario_files.scenarios import bundled_dir

SMALL = f"""
[experiment]
name = "small"
scenario = "{FLAGSHIP}"
runs = 2
seed = 3
measures = ["guarantee_honoured", "protege_survival_days"]

[[factor]]
name = "fortification"
path = "fronts.west.fortification"
levels = [1.0, 3.0]

[[factor]]
name = "allies"
paths = ["actors.france.war_weariness", "actors.uk.war_weariness"]
levels = [0.1, 0.9]
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """The small experiment, as a file."""
    path = tmp_path / "e.toml"
    path.write_text(SMALL)
    return path


def test_every_combination_is_a_cell_with_its_settings(tmp_path: Path) -> None:
    path = tmp_path / "e.toml"
    path.write_text(SMALL)
    experiment = load_experiment(str(path))
    cells = experiment.cells()
    assert len(cells) == 4 and {"fortification": 3.0, "allies": 0.9} in cells
    assert "actors.uk.war_weariness=0.9" in experiment.overrides_for({"fortification": 1.0, "allies": 0.9})
    rows = run_experiment(experiment)
    assert {r["measure"].split(" = ")[0] for r in rows} == {"guarantee_honoured", "protege_survival_days"}
    assert all(r["n"] <= 2 for r in rows)


def test_bundled_experiments_load() -> None:
    files = sorted((bundled_dir() / "experiments").glob("*.toml"))
    assert {f.stem for f in files} >= {"hypothesis-1939", "treaty-design-1939", "oversight-penetration-1939"}
    for f in files:
        assert load_experiment(str(f)).cells()


def test_experiment_command_prints_a_table_per_measure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "e.toml"
    path.write_text(SMALL)
    assert main(["experiment", str(path), "--out", str(tmp_path / "t.csv")]) == 0
    out = capsys.readouterr().out
    assert "small: protege_survival_days" in out and "fortification" in out
    assert (tmp_path / "t.csv").read_text().startswith("factor.allies")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('path = "fronts.west.fortification"', 'path = "fronts.west.fortificaton"'),
            "did you mean 'fortification'",
        ),
        (("levels = [1.0, 3.0]", "levels = []"), "the factor is empty"),
        (('name = "small"', 'name = "small"\nrunz = 3'), "unknown key 'runz'"),
        (("levels = [1.0, 3.0]", "levels = [1.0, 30.0]"), "expected a number from 1 to 10"),
    ],
)
def test_bad_experiment_files_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], message: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(SMALL.replace(*change))
    assert main(["experiment", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_experiment_writes_a_plot_per_measure_beside_the_table(
    tmp_path: Path, small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    assert main(["experiment", str(small), "--out", str(tmp_path / "t.csv")]) == 0
    with (tmp_path / "t.csv").open() as f:
        measures = {row["measure"].split(" = ")[0] for row in csv.DictReader(f)}
    pngs = sorted(p.name for p in tmp_path.glob("t-*.png"))
    assert pngs == sorted(f"t-{m}.png" for m in measures) and len(pngs) == 2
    for name in pngs:
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 3000
    assert "2 plots written" in capsys.readouterr().err


def test_experiment_plots_to_a_missing_folder_is_refused_before_any_game(
    tmp_path: Path, small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["experiment", str(small), "--plots", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_a_plot_shows_every_cell_of_a_word_measure() -> None:
    from wargame.analysis.experiment_plots import plot_measure

    rows = [
        {"factor.x": x, "measure": f"honour = {w}", "kind": "share", "value": v, "low": v / 2, "high": v}
        for x in (1, 2)
        for w, v in (("none", 0.25), ("formal", 0.75))
    ]
    assert plot_measure(rows, ["x"], "honour").startswith(b"\x89PNG")
    with pytest.raises(ValueError):
        plot_measure(rows, ["x"], "no such measure")
