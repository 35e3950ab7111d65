"""Experiments: loading designs over several scenarios, wildcards, and the command end to end."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from conftest import FLAGSHIP

from wargame.analysis.experiment import Cell, ExperimentError, load_experiment, run_experiment
from wargame.cli import main
from wargame.model.scenario_files.scenarios import bundled_dir

SMALL = f"""
[experiment]
name = "small"
scenario = "{FLAGSHIP}"
runs = 2
seed = 3
seats = ["{{guarantors}}=bot:realist", "{{aggressor}}=bot:realist"]
measures = ["guarantee_honoured", "protege_survival_days", "credibility_at_invasion", "no_such_measure"]
effects = ["guarantee_honoured = formal", "credibility_at_invasion", "no_such_measure"]

[[factor]]
name = "convergence"
path = "actors.{{guarantors}}.interest_convergence"
levels = [0.3, 0.9]

[[factor]]
name = "cooperation"
paths = ["liaison.*.level"]
levels = ["none", "fusion"]
"""


def write(tmp_path: Path, text: str = SMALL, name: str = "e.toml") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_wildcards_expand_per_scenario(tmp_path: Path) -> None:
    text = SMALL.replace(f'scenario = "{FLAGSHIP}"', f'scenarios = ["{FLAGSHIP}", "eastmark-2031"]')
    experiment = load_experiment(write(tmp_path, text))
    old = experiment.plans[FLAGSHIP]
    assert old.paths["convergence"] == (
        "actors.france.interest_convergence",
        "actors.uk.interest_convergence",
    )
    assert old.paths["cooperation"] == ("liaison.0.level", "liaison.1.level", "liaison.2.level")
    assert old.seats == ("france=bot:realist", "uk=bot:realist", "germany=bot:realist")
    modern = experiment.plans["eastmark-2031"]
    assert [p.split(".")[1] for p in modern.paths["convergence"]] == [
        "valmont",
        "borvia",
        "meridia",
        "westerholm",
    ]
    assert len(modern.paths["cooperation"]) == 10
    cells = experiment.cells()
    assert len(cells) == 8 and {c.scenario for c in cells} == {FLAGSHIP, "eastmark-2031"}
    overrides = experiment.overrides_for(
        Cell("eastmark-2031", (("convergence", 0.9), ("cooperation", "none")))
    )
    assert "actors.westerholm.interest_convergence=0.9" in overrides and 'liaison.9.level="none"' in overrides


def test_contract_paths_without_wildcards_keep_working(tmp_path: Path) -> None:
    text = SMALL.replace("actors.{guarantors}.interest_convergence", "actors.france.interest_convergence")
    text = text.replace('"liaison.*.level"', '"liaison.0.level"')
    experiment = load_experiment(write(tmp_path, text))
    assert experiment.plans[FLAGSHIP].paths == {
        "convergence": ("actors.france.interest_convergence",),
        "cooperation": ("liaison.0.level",),
    }


def test_a_wildcard_matching_nothing_names_the_file_and_factor(tmp_path: Path) -> None:
    text = SMALL.replace(f'scenario = "{FLAGSHIP}"', f'scenarios = ["{FLAGSHIP}", "tutorial"]')
    path = write(
        tmp_path,
        text.replace("liaison.*.level", "penetrations.*.bias").replace('"none", "fusion"', "1.0, 2.0"),
    )
    with pytest.raises(ExperimentError) as err:  # the tutorial has no penetration
        load_experiment(path)
    assert str(err.value).startswith(path)
    assert "factor 'cooperation'" in str(err.value) and "matches nothing" in str(err.value)
    assert "'tutorial'" in str(err.value)


def test_one_at_a_time_varies_each_factor_alone(tmp_path: Path) -> None:
    text = SMALL.replace("seed = 3", 'seed = 3\ndesign = "one-at-a-time"')
    experiment = load_experiment(write(tmp_path, text))
    cells = experiment.cells()
    assert [c.label for c in cells] == [
        "baseline", "convergence=0.3", "convergence=0.9", "cooperation=none", "cooperation=fusion",
    ]  # fmt: skip
    assert experiment.overrides_for(cells[0]) == []
    assert experiment.overrides_for(cells[3]) == [f'liaison.{i}.level="none"' for i in range(3)]


def test_bundled_experiments_load() -> None:
    files = sorted((bundled_dir() / "experiments").glob("*.toml"))
    assert {f.stem for f in files} >= {"hypothesis", "mechanisms", "treaty-design-1939"}
    for f in files:
        assert load_experiment(str(f)).cells()
    hypothesis = load_experiment(str(bundled_dir() / "experiments" / "hypothesis.toml"))
    assert hypothesis.runs == 200 and hypothesis.scenarios == (FLAGSHIP, "eastmark-2031")
    assert [len(f.levels) for f in hypothesis.factors] == [3, 4]


def test_every_cell_keeps_its_runs_rows(tmp_path: Path) -> None:
    experiment = load_experiment(write(tmp_path))
    played = run_experiment(experiment)
    assert len(played) == 4 and all(len(c.rows) == 2 for c in played)
    assert [r["seed"] for r in played[0].rows] == [r["seed"] for r in played[3].rows]  # common seeds


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("liaison.*.level", "liaison.*.levle"), "did you mean 'level'"),
        (("levels = [0.3, 0.9]", "levels = []"), "the factor is empty"),
        (('name = "small"', 'name = "small"\nrunz = 3'), "unknown key 'runz'"),
        (("levels = [0.3, 0.9]", "levels = [0.3, 9.0]"), "interest_convergence"),
        (("{guarantors}.interest", "{guarantor}.interest"), "unknown group {guarantor}"),
        (("seed = 3", f'seed = 3\nscenarios = ["{FLAGSHIP}"]'), "not both"),
        (("seed = 3", 'seed = 3\ndesign = "latin"'), "expected one of factorial, one-at-a-time"),
        (
            ('"none", "fusion"]', '"none", "fusion"]\ncompare = ["none", "adhoc"]'),
            "compare: expected two different levels of it",
        ),
        (
            ('"none", "fusion"]', '"none", "fusion"]\ncompare = ["none", "none"]'),
            "compare: expected two different levels of it",
        ),
        (("seed = 3", 'seed = "abc"'), "experiment.seed: expected a whole number from 0, got 'abc'"),
        (('"guarantee_honoured = formal"', '"guarantee_honoured = substantve"'), "not 'substantve'"),
    ],
)
def test_bad_experiment_files_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], message: str
) -> None:
    path = write(tmp_path, SMALL.replace(*change), "bad.toml")
    assert main(["experiment", path]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_out_must_be_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["experiment", write(tmp_path), "--out", str(tmp_path / "t.csv")]) == 2
    assert "give a folder" in capsys.readouterr().err


def test_the_command_prints_cells_and_effects_and_writes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["experiment", write(tmp_path), "--runs", "3", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "small · drole-de-guerre-1939: credibility_at_invasion" in printed
    assert "not measured" in printed and "no_such_measure" in printed
    assert "convergence × cooperation" in printed
    assert "small · drole-de-guerre-1939: cells at 0% or 100%" in printed
    with (out / "runs.csv").open() as f:
        runs = list(csv.DictReader(f))
    assert len(runs) == 4 * 3 and {r["factor.cooperation"] for r in runs} == {"none", "fusion"}
    with (out / "effects.csv").open() as f:
        effects = list(csv.DictReader(f))
    kinds = {(e["kind"], e["measure"]) for e in effects}
    assert ("interaction", "credibility_at_invasion") in kinds and (
        "main",
        "guarantee_honoured = formal",
    ) in kinds
    assert any(e["measure"] == "no_such_measure" and e["statistic"] == "not measured" for e in effects)
    result = json.loads((out / "results.json").read_text())
    assert result["experiment"]["runs"] == 3 and len(result["effects"]) == len(effects)
    assert "| convergence × cooperation |" in (out / "effects.md").read_text()
    pngs = sorted(p.name for p in out.glob("*.png"))
    assert "interaction-drole-de-guerre-1939-credibility_at_invasion.png" in pngs
    assert all((out / p).read_bytes().startswith(b"\x89PNG") for p in pngs)


def test_without_measures_every_measure_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "\n".join(line for line in SMALL.splitlines() if not line.startswith(("measures", "effects")))
    assert main(["experiment", write(tmp_path, text), "--runs", "1"]) == 0
    printed = capsys.readouterr().out
    assert "small · drole-de-guerre-1939: postponements" in printed
    assert re.search(r"│ main +│ convergence: 0\.9 − 0\.3 +│ invasion_day ", printed)
