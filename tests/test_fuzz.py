"""Every input path is total: bad scenarios, overrides and journals exit 0, 1 or 2 with a message,
never a traceback or a hang (issue 18).

The examples the fault-injection trial found come first; then a bounded fuzz over mutants of the
bundled scenarios and of a journal (the mutators of ``tests/fuzz/mutators.py``, which the long
run ``python tests/fuzz/run.py --scenarios 10000 --journals 10000`` uses too).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))

from mutators import bad, call_cli, check_journal, check_scenario, mutate_journal, mutate_scenario

from wargame.model.scenario_files import scenarios

TUTORIAL = next(p for p in scenarios.bundled() if p.stem == "tutorial")
SOURCES = {p.stem: p.read_text(encoding="utf-8") for p in scenarios.bundled()}


def cli(*argv: str) -> tuple[int | None, str]:
    status, code, err = call_cli(argv, seconds=20)
    assert status == "ok", err
    return code, err


def write(tmp_path: Path, text: str, name: str = "bad.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- the trial's examples -------------------------------------------------------------------------


@pytest.mark.parametrize("segment", ["²", "١", "𝟙"])
def test_a_non_ascii_digit_in_a_set_path_is_no_index(segment):
    code, err = cli("check", "tutorial", "--set", f"actors.{segment}=1")
    assert code == 2
    assert f"--set: actors.{segment}: no element {segment!r} in actors" in err


def test_toml_nested_a_thousand_deep_is_refused(tmp_path):
    path = write(tmp_path, "a = " + "[" * 1000 + "]" * 1000 + "\n")
    code, err = cli("check", path)
    assert code == 2
    assert "nested more than 32 deep" in err


def test_toml_nested_under_the_stack_limit_but_absurdly_deep_is_refused(tmp_path):
    path = write(tmp_path, "a = " + "[" * 100 + "]" * 100 + "\n")
    code, err = cli("check", path)
    assert code == 2
    assert "nested more than 32 deep" in err


def test_deep_inline_tables_are_refused(tmp_path):
    path = write(tmp_path, "a = " + "{b = " * 300 + "1" + "}" * 300 + "\n")
    code, err = cli("check", path)
    assert code == 2
    assert "nested more than 32 deep" in err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e-310", "expected 0 or a number no smaller than 1e-06 in size, got 1e-310"),
        ("5e-324", "expected 0 or a number no smaller than 1e-06 in size, got 5e-324"),
        ("1e-7", "expected 0 or a number no smaller than 1e-06 in size, got 1e-07"),
        # A field's own range speaks first when the number is outside it.
        ("1e300", "expected a number from 0 to 100, got 1e+300"),
        ("inf", "expected a number from 0 to 100, got inf"),
        ("nan", "expected a number from 0 to 100, got nan"),
        ("99999999999999999999999", "expected a number from 0 to 100, got 99999999999999999999999"),
        ("1e400", "expected a number from 0 to 100, got inf"),
    ],
)
def test_absurd_numbers_are_refused_with_the_line(tmp_path, value, message):
    text = SOURCES["tutorial"].replace("rate_per_day = 0.7", f"rate_per_day = {value}")
    line = SOURCES["tutorial"].split("rate_per_day = 0.7")[0].count("\n") + 1
    code, err = cli("check", write(tmp_path, text))
    assert code == 2
    assert f"bad.toml:{line}: services[1].channels[1].rate_per_day: {message}" in err


def test_absurd_numbers_are_refused_in_set_too():
    code, err = cli("check", "tutorial", "--set", "services.belmark.channels.0.rate_per_day=1e-310")
    assert code == 2
    assert "rate_per_day: expected 0 or a number no smaller than 1e-06 in size, got 1e-310 (from --set" in err


def test_a_huge_whole_number_is_refused(tmp_path):
    text = SOURCES["tutorial"].replace("horizon_days = 10", "horizon_days = 10000000000")
    code, err = cli("check", write(tmp_path, text))
    assert code == 2
    assert "scenario.horizon_days: expected a number from 1 to 3650, got 10000000000" in err


def test_bounds_without_a_field_range():
    from wargame.model.scenario_files.structure import out_of_bounds

    assert out_of_bounds(float("nan")) == "expected a finite number, got nan"
    assert (
        out_of_bounds(10**30)
        == "expected a number no larger than 1e+09 in size, got 1000000000000000000000000000000"
    )
    assert out_of_bounds((1.0, 5e-324)) == "expected 0 or a number no smaller than 1e-06 in size, got 5e-324"
    assert out_of_bounds((0, -0.0, 1e-6, 1e9, True, "x")) is None


def test_the_smallest_allowed_rate_runs():
    code, _ = cli(
        "run",
        "tutorial",
        "--seed",
        "1",
        "--summary",
        "--set",
        "services.belmark.channels.0.rate_per_day=1e-6",
    )
    assert code == 0


def test_a_huge_dotted_key_is_refused_fast(tmp_path):
    path = write(tmp_path, "[scenario]\n" + "a" + ".a" * 5_000 + " = 1\n")
    started = time.monotonic()
    code, err = cli("check", path)
    assert time.monotonic() - started < 2
    assert code == 2
    assert "bad.toml:2: a key or header with more than 100 dotted parts" in err


def test_a_huge_dotted_header_is_refused(tmp_path):
    code, err = cli("check", write(tmp_path, "[" + ".".join(["a"] * 500) + "]\n"))
    assert code == 2
    assert "bad.toml:1: a key or header with more than 100 dotted parts" in err


def test_dots_in_strings_and_numbers_are_not_key_parts(tmp_path):
    text = SOURCES["tutorial"].replace("horizon_days = 10", "horizon_days = 10\n# " + "." * 300)
    text = text.replace('description = "Start', 'description = "' + "." * 300 + " Start")
    code, err = cli("check", write(tmp_path, text))
    assert code == 0, err


def test_a_very_long_line_and_a_very_large_file_are_refused(tmp_path):
    code, err = cli("check", write(tmp_path, 'x = "' + "y" * 30_000 + '"\n'))
    assert code == 2
    assert "bad.toml:1: the line is too long (30,006 characters; at most 20,000)" in err
    code, err = cli("check", write(tmp_path, "# padding\n" * 250_000))
    assert code == 2
    assert "the file is too large for a scenario" in err


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("actors.0.name=" + "[" * 5000 + "]" * 5000, "nests lists or tables too deep"),
        ("a" + ".a" * 5000 + "=1", "the key is too long"),
        ("actors.0.name=" + "x" * 30_000, "too long"),
    ],
)
def test_absurd_overrides_are_refused(override, message):
    code, err = cli("check", "tutorial", "--set", override)
    assert code == 2
    assert message in err


@pytest.fixture(scope="module")
def journal(tmp_path_factory):
    path = tmp_path_factory.mktemp("journal") / "tutorial.jsonl"
    code, err = cli("run", "tutorial", "--seed", "1", "--journal", str(path))
    assert code == 0, err
    return path.read_bytes()


@pytest.mark.parametrize("balanced", [True, False])
def test_a_journal_line_nested_100000_deep_is_refused(tmp_path, journal, balanced):
    lines = journal.split(b"\n")
    lines[5] = b"[" * 100_000 + (b"]" * 100_000 if balanced else b"")
    path = tmp_path / "deep.jsonl"
    path.write_bytes(b"\n".join(lines))
    for command in ("replay", "report"):
        code, err = cli(command, str(path))
        assert code == 2
        assert "deep.jsonl:6: the journal is corrupted (a line too long or nested too deep" in err


def test_a_deep_header_line_is_refused(tmp_path, journal):
    path = tmp_path / "deep.jsonl"
    path.write_bytes(b"{" + b'"a":{' * 100_000 + b"\n" + journal.split(b"\n", 1)[1])
    code, err = cli("replay", str(path))
    assert code == 2
    assert "deep.jsonl:1: the journal is corrupted" in err


# -- the fuzz ------------------------------------------------------------------------------------

FAST = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@FAST
@given(name=st.sampled_from(sorted(SOURCES)), seed=st.integers(0, 2**32 - 1))
def test_scenario_mutants_exit_cleanly(tmp_path_factory, name, seed):
    path = tmp_path_factory.mktemp("mutant") / "mutant.toml"
    path.write_bytes(mutate_scenario(SOURCES[name], random.Random(seed)).encode("utf-8", "surrogatepass"))
    found = bad(check_scenario(path, seconds=20))
    assert not found, found


@FAST
@given(seed=st.integers(0, 2**32 - 1))
def test_journal_mutants_exit_cleanly(tmp_path_factory, journal, seed):
    path = tmp_path_factory.mktemp("mutant") / "mutant.jsonl"
    path.write_bytes(mutate_journal(journal, random.Random(seed)))
    found = bad(check_journal(path, seconds=20))
    assert not found, found


@pytest.mark.slow
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(SOURCES)), seed=st.integers(0, 2**32 - 1))
def test_many_scenario_mutants_exit_cleanly(tmp_path_factory, name, seed):
    path = tmp_path_factory.mktemp("mutant") / "mutant.toml"
    path.write_bytes(mutate_scenario(SOURCES[name], random.Random(seed)).encode("utf-8", "surrogatepass"))
    found = bad(check_scenario(path, seconds=60))
    assert not found, found


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1))
def test_many_journal_mutants_exit_cleanly(tmp_path_factory, journal, seed):
    path = tmp_path_factory.mktemp("mutant") / "mutant.jsonl"
    path.write_bytes(mutate_journal(journal, random.Random(seed)))
    found = bad(check_journal(path, seconds=60))
    assert not found, found


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a = " + "[" * 1000 + "]" * 1000 + "\n", "nested more than 32 deep"),
        ("a" + ".a" * 500 + " = 1\n", "more than 100 dotted parts"),
    ],
)
def test_migrate_refuses_what_check_refuses(tmp_path, text, message):
    code, err = cli("migrate", write(tmp_path, text))
    assert code == 2
    assert message in err


def test_scripts_nested_too_deep_are_refused(tmp_path):
    path = write(tmp_path, "a = " + "[" * 1000 + "]" * 1000 + "\n", "script.toml")
    code, err = cli("run", "tutorial", "--seed", "1", "--seat", f"belmark=script:{path}")
    assert code == 2
    assert "not a valid TOML decision script: nested too deep" in err


def test_brackets_inside_journal_strings_do_not_count_as_nesting():
    from wargame.session.journal.read import MAX_DEPTH, _nesting

    assert _nesting('{"text": "' + "[" * 500 + '\\"{{{{", "a": [1]}') == 2
    assert _nesting("[" * (MAX_DEPTH + 1)) == MAX_DEPTH + 1


def test_the_harness_reports_tracebacks_hangs_and_odd_exits(monkeypatch):
    import wargame.cli

    def crash(_argv):
        raise ValueError("boom")

    def hang(_argv):
        while True:
            pass

    monkeypatch.setattr(wargame.cli, "main", crash)
    status, code, text = call_cli(["check", "tutorial"])
    assert (status, code) == ("traceback", None) and "ValueError: boom" in text
    monkeypatch.setattr(wargame.cli, "main", hang)
    assert call_cli(["check", "tutorial"], seconds=0.2)[0] == "hang"
    monkeypatch.setattr(wargame.cli, "main", lambda _argv: 3)
    assert bad([call_cli(["check", "tutorial"])]) == [("ok", 3, "")]
