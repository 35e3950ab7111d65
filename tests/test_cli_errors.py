"""Bad input on the command line exits 2 with a message, never a traceback.

Most tests call :func:`wargame.cli.main` in-process; the last ones run ``python -m wargame`` as a
real subprocess, so that what a user sees (stderr, exit status) is checked end to end.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.model.scenario_files import scenarios

FLAGSHIP = "drole-de-guerre-1939"
SOURCE = next(p for p in scenarios.bundled() if p.stem == FLAGSHIP).read_text(encoding="utf-8")


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    assert SOURCE.count(old) == 1
    path = tmp_path / "broken.toml"
    path.write_text(SOURCE.replace(old, new), encoding="utf-8")
    return path


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``wargame ARGV``, whether it returns or argparse exits."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# -- usage errors (argparse) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(["run", FLAGSHIP], "the following arguments are required: --seed", id="no-seed"),
        pytest.param(
            ["run", FLAGSHIP, "--seed", "-1"],
            "argument --seed: expected a whole number >= 0, got '-1'",
            id="negative-seed",
        ),
        pytest.param(
            ["run", FLAGSHIP, "--seed", "abc"],
            "argument --seed: expected a whole number >= 0, got 'abc'",
            id="word-seed",
        ),
        pytest.param(
            ["run", FLAGSHIP, "--seed", "1.5"],
            "argument --seed: expected a whole number >= 0, got '1.5'",
            id="fraction-seed",
        ),
        pytest.param(
            ["run", "--seed", "1"], "the following arguments are required: SCENARIO", id="no-scenario"
        ),
        pytest.param(["check"], "the following arguments are required: SCENARIO", id="check-no-scenario"),
        pytest.param(["fight"], "argument COMMAND: invalid choice: 'fight'", id="unknown-command"),
        pytest.param(
            ["check", FLAGSHIP, "--sett", "x=1"], "unrecognized arguments: --sett x=1", id="unknown-option"
        ),
    ],
)
def test_usage_error_exits_2_with_usage_and_message(capsys, argv, message):
    code, out, err = run_cli(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("usage: wargame")
    assert f"error: {message}" in err


def test_no_command_prints_help_and_exits_2(capsys):
    code, out, _ = run_cli(capsys)
    assert code == 2
    assert "usage: wargame" in out


# -- seats ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seat", "message"),
    [
        pytest.param("francee=human", "unknown seat 'francee'; did you mean 'france'?", id="seat-typo"),
        pytest.param(
            "italy=human", "unknown seat 'italy'; seats are germany, poland, france, uk, ussr", id="no-seat"
        ),
        pytest.param(
            "france=robot",
            "unknown controller 'robot'; "
            "choose from human, bot:historical, bot:record, bot:realist, bot:liberal, bot:constructivist, "
            "bot:resolute, bot:cautious, bot:passive, script:PATH",
            id="unknown-controller",
        ),
        pytest.param(
            "france=bot:resolut", "unknown controller 'bot:resolut'; did you mean 'bot:resolute'?", id="typo"
        ),
        pytest.param(
            "france",
            "expected SEAT=CONTROLLER (a seat id, =, who plays it: human, bot:realist...), got 'france'",
            id="no-equals",
        ),
    ],
)
def test_bad_seat_exits_2(tmp_path, capsys, seat, message):
    journal = tmp_path / "game.jsonl"
    code, out, err = run_cli(
        capsys, "run", FLAGSHIP, "--seed", "1", "--seat", seat, "--journal", str(journal)
    )
    assert code == 2
    assert out == ""
    assert err == f"wargame run: error: {message}\n"
    assert not journal.exists()  # nothing is written for a game that cannot start


# -- scenario problems reach run as well as check ---------------------------------------------------


def test_run_reports_a_broken_scenario(tmp_path, capsys):
    path = broken_copy(tmp_path, 'role = "third_party"', 'role = "villain"')
    line = SOURCE.splitlines().index('role = "third_party"') + 1
    code, out, err = run_cli(capsys, "run", str(path), "--seed", "1", "--summary")
    assert code == 2
    assert out == ""
    assert err == (
        "wargame run: error: the scenario has a problem:\n"
        f"  {path}:{line}: actors[4].role: expected one of aggressor, protected, guarantor, third_party, "
        "got 'villain'\n"
    )


def test_run_reports_a_bad_override(capsys):
    code, out, err = run_cli(capsys, "run", FLAGSHIP, "--seed", "1", "--set", "fronts.polnd.fortification=2")
    assert code == 2
    assert out == ""
    assert err == (
        "wargame run: error: the scenario has a problem:\n"
        "  --set: fronts.polnd.fortification: no element 'polnd' in fronts; did you mean 'poland'?\n"
    )


def test_run_reports_an_unknown_scenario(capsys):
    code, _, err = run_cli(capsys, "run", "drole-de-guerre-1938", "--seed", "1")
    assert code == 2
    assert err == (
        "wargame run: error: the scenario has a problem:\n"
        "  drole-de-guerre-1938: no bundled scenario or file named 'drole-de-guerre-1938'; "
        "did you mean 'drole-de-guerre-1939'?\n"
    )


def test_check_counts_several_problems(tmp_path, capsys):
    path = broken_copy(tmp_path, "trigger_clarity = 0.4", "trigger_clarity = 1.5\nfoo = 1")
    code, _, err = run_cli(capsys, "check", str(path), "--set", "scenario.horizon_days=0")
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == "wargame check: error: the scenario has 3 problems:"
    assert lines[1] == (
        "  --set: scenario.horizon_days: expected a number from 1 to 3650, got 0 "
        "(from --set scenario.horizon_days)"
    )
    assert lines[2].endswith("guarantees[0].trigger_clarity: expected a number from 0 to 1, got 1.5")
    assert lines[3].endswith(
        "guarantees[0].foo: unknown key 'foo'; known keys: id, name, guarantors, protected, against, "
        "signed, trigger_clarity, secret_clauses, integrated_command, joint_exercises, honour_base_rate, "
        "sanctions, substantive_divisions, substantive_within_days, aid_divisions, aid_days, promises, "
        "ambiguous, clarity"
    )
    assert len(lines) == 4


# -- a real process: what a user sees -------------------------------------------------------------


def wargame(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wargame", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_subprocess_broken_scenario_exits_2_without_traceback(tmp_path):
    path = broken_copy(tmp_path, "fortification = 3.0 ", "fortificaton = 3.0 ")
    line = SOURCE.splitlines().index("fortification = 3.0          # the Siegfried line, manned or not") + 1
    result = wargame("check", path.name, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr == (
        "wargame check: error: the scenario has a problem:\n"
        f"  broken.toml:{line}: fronts[1].fortificaton: unknown key 'fortificaton'; "
        "did you mean 'fortification'?\n"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # each of these once escaped the loader as a Python exception
        pytest.param(
            "start = 1939-08-22T00:00:00",
            "start = 1939-08-22T00:00:00+02:00",
            "in local time without a time zone",
            id="time-zone",
        ),
        pytest.param(
            "start = 1939-08-22T00:00:00", "start = 1939-08-22", "a date without a time", id="date-only"
        ),
        pytest.param("trigger_clarity = 0.4", "trigger_clarity = nan", "from 0 to 1, got nan", id="nan"),
    ],
)
def test_subprocess_values_that_once_crashed_exit_2(tmp_path, old, new, expected):
    path = broken_copy(tmp_path, old, new)
    result = wargame("check", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("wargame check: error: the scenario has a problem:\n")
    assert expected in result.stderr


def test_subprocess_usage_error_exits_2(tmp_path):
    result = wargame("run", FLAGSHIP, "--seed", "abc", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "error: argument --seed: expected a whole number >= 0, got 'abc'" in result.stderr


def test_subprocess_unreadable_input_exits_2(tmp_path):
    (tmp_path / "latin1.toml").write_bytes('title = "Drôle"\n'.encode("latin-1"))
    result = wargame("check", "latin1.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "wargame check: error: the scenario has a problem:\n"
        "  latin1.toml:1: not UTF-8 text (byte 0xf4 cannot be read); save the file as UTF-8\n"
    )
