"""Every kind of scenario error gives a clear message naming the file, line and field, never a traceback.

Each broken scenario is a copy of the bundled flagship with one or more known lines changed. The
expected line number is found in the changed text itself (the line holding the changed value),
so the tests check the loader's line map against the file rather than against hard-coded numbers.
Each case is checked twice: through :func:`scenarios.load` (the :class:`Problem` fields) and
through ``wargame check`` (exit code 2 and the printed line).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.model.scenario_files import scenarios
from wargame.model.scenario_files.scenarios import Problem, ScenarioError

FLAGSHIP = "drole-de-guerre-1939"
SOURCE = next(p for p in scenarios.bundled() if p.stem == FLAGSHIP).read_text(encoding="utf-8")


# -- helpers ----------------------------------------------------------------------------------


def edit(text: str, old: str, new: str) -> str:
    """``text`` with the single occurrence of ``old`` replaced (so each edit hits a known line)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in the scenario"
    return text.replace(old, new)


def write_variant(tmp_path: Path, *edits: tuple[str, str], name: str = "broken.toml") -> Path:
    text = SOURCE
    for old, new in edits:
        text = edit(text, old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the only line of ``path`` (comment lines aside) that holds ``needle``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines, 1) if needle in line and not line.startswith("#")]
    assert len(found) == 1, f"{needle!r} is on lines {found}"
    return found[0]


def problems_of(name_or_path: str | Path, overrides=()) -> tuple[Problem, ...]:
    with pytest.raises(ScenarioError) as info:
        scenarios.load(str(name_or_path), overrides)
    assert info.value.problems, "a ScenarioError must carry at least one problem"
    return info.value.problems


def check_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def assert_cli_reports(capsys: pytest.CaptureFixture[str], argv: list[str], *problem_lines: str) -> None:
    """``wargame check`` exits 2 and prints exactly these problems, in this order."""
    code, out, err = check_cli(capsys, *argv)
    assert code == 2
    assert out == ""
    n = len(problem_lines)
    head = "the scenario has a problem:" if n == 1 else f"the scenario has {n} problems:"
    expected = f"wargame check: error: {head}\n" + "".join(f"  {line}\n" for line in problem_lines)
    assert err == expected


# -- one problem each: file, line, field path and message -------------------------------------

# (case id, edits, field path, message, text on the line the problem must point to)
SINGLE_PROBLEMS = [
    # unknown keys
    (
        "unknown-key",
        [("fortification = 3.0 ", "fortificaton = 3.0 ")],
        "fronts[1].fortificaton",
        "unknown key 'fortificaton'; did you mean 'fortification'?",
        "fortificaton = 3.0",
    ),
    (
        "unknown-key-no-hint",
        [("trigger_clarity = 0.7", "trigger_clarity = 0.7\nzzz = 1")],
        "guarantees[1].zzz",
        "unknown key 'zzz'; known keys: id, name, guarantors, protected, against, signed, "
        "trigger_clarity, secret_clauses, integrated_command, joint_exercises, honour_base_rate, "
        "sanctions, substantive_divisions, substantive_within_days, aid_divisions, aid_days, promises, "
        "ambiguous, clarity",
        "zzz = 1",
    ),
    (
        "unknown-key-in-nested-table",
        [("delay_hours = 6\n", "delay_hour = 6\n")],
        "services[0].channels[0].delay_hour",
        "unknown key 'delay_hour'; did you mean 'delay_hours'?",
        "delay_hour = 6",
    ),
    # wrong types
    (
        "string-for-whole-number",
        [("horizon_days = 60", 'horizon_days = "46"')],
        "scenario.horizon_days",
        "expected a whole number, got '46'",
        'horizon_days = "46"',
    ),
    (
        "fraction-for-whole-number",
        [("horizon_days = 60", "horizon_days = 60.5")],
        "scenario.horizon_days",
        "expected a whole number, got 60.5",
        "horizon_days = 60.5",
    ),
    (
        "bool-for-whole-number",
        [("horizon_days = 60", "horizon_days = true")],
        "scenario.horizon_days",
        "expected a whole number, got true",
        "horizon_days = true",
    ),
    (
        "string-for-number",
        [("fortification = 3.0 ", 'fortification = "3.0" ')],
        "fronts[1].fortification",
        "expected a number, got '3.0'",
        'fortification = "3.0"',
    ),
    (
        "number-for-bool",
        [("standing = false", "standing = 0")],
        "council.standing",
        "expected true or false, got 0",
        "standing = 0",
    ),
    (
        "number-for-string",
        [('name = "Germany"', "name = 3")],
        "actors[0].name",
        "expected a string, got 3",
        "name = 3",
    ),
    (
        "string-for-list",
        [('guarantors = ["france"]', 'guarantors = "france"')],
        "guarantees[0].guarantors",
        """expected a list, e.g. ["france"], got 'france'""",
        'guarantors = "france"',
    ),
    (
        "number-in-list-of-strings",
        [('guarantors = ["uk"]', "guarantors = [1]")],
        "guarantees[1].guarantors[0]",
        "expected a string, got 1",
        "guarantors = [1]",
    ),
    (
        "string-for-date",
        [("start = 1939-08-22T00:00:00", 'start = "late August"')],
        "scenario.start",
        "expected a date and time such as 2030-06-01T06:00:00, got 'late August'",
        'start = "late August"',
    ),
    (
        "date-without-time",
        [("start = 1939-08-22T00:00:00", "start = 1939-08-22")],
        "scenario.start",
        "expected a date and time such as 2030-06-01T06:00:00, got a date without a time of day "
        "(1939-08-22); write 1939-08-22T00:00:00",
        "start = 1939-08-22",
    ),
    (
        "time-without-date",
        [("invasion_at = 1939-08-26T04:30:00", "invasion_at = 04:30:00")],
        "aggressor.invasion_at",
        "expected a date and time such as 2030-06-01T06:00:00, got a time without a date (04:30:00)",
        "invasion_at = 04:30:00",
    ),
    (
        "date-with-time-zone",
        [("start = 1939-08-22T00:00:00", "start = 1939-08-22T00:00:00Z")],
        "scenario.start",
        "expected a date and time such as 2030-06-01T06:00:00, in local time without a time zone, "
        "got 1939-08-22T00:00:00+00:00",
        "start = 1939-08-22T00:00:00Z",
    ),
    (
        "table-for-list-of-tables",
        [("[[interventions]]", "[interventions]")],
        "interventions",
        "expected a list of tables (a [[...]] header per entry), got a single table",
        "[interventions]",
    ),
    # out of range
    (
        "above-range",
        [("trigger_clarity = 0.4", "trigger_clarity = 1.5")],
        "guarantees[0].trigger_clarity",
        "expected a number from 0 to 1, got 1.5",
        "trigger_clarity = 1.5",
    ),
    (
        "below-range",
        [("horizon_days = 60", "horizon_days = 0")],
        "scenario.horizon_days",
        "expected a number from 1 to 3650, got 0",
        "horizon_days = 0",
    ),
    (
        "range-shows-value-as-written",
        [("noise = 0.2\n", "noise = 2\n")],
        "fronts[1].noise",
        "expected a number from 0 to 1, got 2",
        "noise = 2",
    ),
    (
        "not-a-number",
        [("trigger_clarity = 0.4", "trigger_clarity = nan")],
        "guarantees[0].trigger_clarity",
        "expected a number from 0 to 1, got nan",
        "trigger_clarity = nan",
    ),
    (
        "infinite",
        [("depth_km = 150", "depth_km = inf")],
        "fronts[1].depth_km",
        "expected a number from 1 to 5000, got inf",
        "depth_km = inf",
    ),
    (
        "negative-in-phase",
        [("day = 25", "day = -25")],
        "mobilisation[2].phases[0].day",
        "expected a number from 0 to 365, got -25",
        "day = -25",
    ),
    # duplicate ids and subjects that match nothing (issue #17)
    (
        "duplicate-inject",
        [('id = "gleiwitz"', 'id = "pact"  # twice')],
        "injects[5].id",
        "duplicate inject id 'pact' (already used by injects[0])",
        'id = "pact"  # twice',
    ),
    (
        "duplicate-deception",
        [('id = "later"', 'id = "westwall"  # twice')],
        "deception[1].id",
        "duplicate deception id 'westwall' (already used by deception[0])",
        'id = "westwall"  # twice',
    ),
    (
        "unmatched-deception-subject",
        [('subject = "forces.west"', 'subject = "forces.wset"')],
        "deception[0].subject",
        "unknown subject 'forces.wset'; did you mean 'forces.west'?",
        'subject = "forces.wset"',
    ),
    (
        "unmatched-penetration-subject",
        [('subjects = ["forces.west"]', 'subjects = ["forces.western"]')],
        "penetrations[0].subjects[0]",
        "unknown subject 'forces.western'; did you mean 'forces.west'?",
        'subjects = ["forces.western"]',
    ),
    (
        "offensive-thresholds-out-of-order",
        [("offensive_general = 0.6", "offensive_general = 0.01")],
        "actors[2].doctrine_params.offensive_general",
        "expected offensive_probe <= offensive_limited <= offensive_general (a larger offensive needs "
        "more will), got 0.02, 0.3, 0.01",
        "offensive_general = 0.01",
    ),
    # bad choices
    (
        "bad-role",
        [('role = "third_party"', 'role = "villain"')],
        "actors[4].role",
        "expected one of aggressor, protected, guarantor, third_party, got 'villain'",
        'role = "villain"',
    ),
    (
        "bad-channel",
        [('kind = "imagery"', 'kind = "radar"')],
        "services[1].channels[1].kind",
        "expected one of humint, sigint, imagery, diplomatic, osint, got 'radar'",
        'kind = "radar"',
    ),
    (
        "bad-promise",
        [('action = "declare_war"', 'action = "declare war"')],
        "guarantees[1].promises[0].action",
        "expected one of declare_war, air_action, limited_offensive, main_offensive, aid, escort "
        "(did you mean 'declare_war'?), got 'declare war'",
        'action = "declare war"',
    ),
    # missing required fields: the line is the table's header
    (
        "missing-title",
        [('title = "Drôle de guerre, 1939"\n', "")],
        "scenario.title",
        "the required key 'title' is missing",
        "[scenario]",
    ),
    (
        "missing-in-list-element",
        [
            ('name = "Deuxième Bureau"\n', ""),
            ('[[services]]\nactor = "france"', '[[services]]  # French\nactor = "france"'),
        ],
        "services[1].name",
        "the required key 'name' is missing",
        "[[services]]  # French",
    ),
    # id format
    (
        "capitalised-id",
        [('id = "france"', 'id = "France"')],
        "actors[2].id",
        "expected a lowercase id (letters, digits, '-' or '_'), got 'France'",
        'id = "France"',
    ),
    (
        "id-with-space",
        [('id = "west"', 'id = "west front"')],
        "fronts[1].id",
        "expected a lowercase id (letters, digits, '-' or '_'), got 'west front'",
        'id = "west front"',
    ),
    # cross references
    (
        "unknown-actor",
        [('defender = "poland"', 'defender = "polnad"')],
        "fronts[0].defender",
        "unknown actor 'polnad'; did you mean 'poland'?",
        'defender = "polnad"',
    ),
    (
        "unknown-actor-in-list",
        [('members = ["france", "uk"]', 'members = ["france", "ukk"]')],
        "council.members[1]",
        "unknown actor 'ukk'; did you mean 'uk'?",
        'members = ["france", "ukk"]',
    ),
    (
        "unknown-actor-no-hint",
        [('against = ["germany"]               #', 'against = ["italy"]               #')],
        "guarantees[1].against[0]",
        "unknown actor 'italy'; known: germany, poland, france, uk, ussr",
        'against = ["italy"]',
    ),
    (
        "unknown-front",
        [('front = "poland"', 'front = "polnad"')],
        "interventions[0].front",
        "unknown front 'polnad'; did you mean 'poland'?",
        'front = "polnad"',
    ),
    (
        "duplicate-front-id",
        [('id = "west"', 'id = "poland"  # was west')],
        "fronts[1].id",
        "duplicate front id 'poland' (already used by fronts[0])",
        "# was west",
    ),
    (
        "duplicate-guarantee-id",
        [('id = "anglo-polish"', 'id = "franco-polish"  # copied')],
        "guarantees[1].id",
        "duplicate guarantee id 'franco-polish' (already used by guarantees[0])",
        'id = "franco-polish"  # copied',
    ),
    (
        "second-timetable",
        [('actor = "ussr"\nstanding_divisions = 33', 'actor = "uk"  # second\nstanding_divisions = 33')],
        "mobilisation[4].actor",
        "a second timetable for 'uk'",
        "# second",
    ),
    (
        "date-before-start",
        [
            (
                'front = "poland"\ndivisions = 33',
                'front = "poland"\nearliest = 1939-08-17T04:00:00\ndivisions = 33',
            )
        ],
        "interventions[0].earliest",
        "expected a date on or after the start (1939-08-22T00:00:00), got 1939-08-17T04:00:00",
        "earliest = 1939-08-17T04:00:00",
    ),
    (
        "inject-before-start",
        [("at = 1939-08-24T06:00:00", "at = 1939-08-20T06:00:00")],
        "injects[0].at",
        "expected a date on or after the start (1939-08-22T00:00:00), got 1939-08-20T06:00:00",
        "at = 1939-08-20T06:00:00",
    ),
    (
        "phases-out-of-order",
        [("day = 30 ", "day = 20 ")],
        "mobilisation[2].phases[1].day",
        "phases must be listed in order of day: this one is due on day 20, before the previous one (day 25)",
        "day = 20 ",
    ),
    (
        "aggressor-invades-itself",
        [('target = "poland"', 'target = "germany"')],
        "aggressor.target",
        "the aggressor cannot invade itself",
        'target = "germany"',
    ),
    (
        "collapse-above-capital-falls",
        [("collapse_cohesion = 0.12", "collapse_cohesion = 0.5")],
        "fronts[0].collapse_cohesion",
        "expected a value no greater than capital_falls_cohesion (0.35), got 0.5",
        "collapse_cohesion = 0.5",
    ),
    (
        "council-without-members",
        [('members = ["france", "uk"]', "members = []")],
        "council.members",
        "expected at least one member",
        "members = []",
    ),
]


@pytest.mark.parametrize(
    ("edits", "field", "message", "needle"),
    [pytest.param(*case[1:], id=case[0]) for case in SINGLE_PROBLEMS],
)
def test_single_problem_names_file_line_field_and_expectation(tmp_path, edits, field, message, needle):
    path = write_variant(tmp_path, *edits)
    (problem,) = problems_of(path)
    assert problem == Problem(str(path), line_of(path, needle), field, message)


@pytest.mark.parametrize(
    ("edits", "field", "message", "needle"),
    [pytest.param(*case[1:], id=case[0]) for case in SINGLE_PROBLEMS],
)
def test_single_problem_exits_2_from_check(tmp_path, capsys, edits, field, message, needle):
    path = write_variant(tmp_path, *edits)
    assert_cli_reports(capsys, [str(path)], f"{path}:{line_of(path, needle)}: {field}: {message}")


def test_string_for_list_is_not_split_into_characters(tmp_path):
    # Were "france" taken as a sequence, each letter would be checked as an actor id.
    path = write_variant(tmp_path, ('guarantors = ["france"]', 'guarantors = "france"'))
    problems = problems_of(path)
    assert [p.path for p in problems] == ["guarantees[0].guarantors"]
    assert not any("'f'" in p.message for p in problems)


def test_unknown_table_is_reported_with_the_missing_one(tmp_path, capsys):
    path = write_variant(tmp_path, ("[aggressor]", "[agressor]"))
    line = line_of(path, "[agressor]")
    assert problems_of(path) == (
        Problem(str(path), None, "aggressor", "the required table [aggressor] is missing"),
        Problem(str(path), line, "agressor", "unknown key 'agressor'; did you mean 'aggressor'?"),
    )
    assert_cli_reports(
        capsys,
        [str(path)],
        f"{path}: aggressor: the required table [aggressor] is missing",
        f"{path}:{line}: agressor: unknown key 'agressor'; did you mean 'aggressor'?",
    )


def test_duplicate_actor_lists_known_actors_once(tmp_path):
    path = write_variant(tmp_path, ('id = "ussr"', 'id = "uk"  # was ussr'))
    first, *rest = problems_of(path)
    assert first == Problem(
        str(path),
        line_of(path, "# was ussr"),
        "actors[4].id",
        "duplicate actor id 'uk' (already used by actors[3])",
    )
    # ussr is no longer declared: each reference to it says so, listing each known actor once.
    assert [p.path for p in rest] == [
        "mobilisation[4].actor",
        "services[4].actor",
        "interventions[0].actor",
        "history[20].seat",
        "history[21].seat",
    ]
    assert {p.message for p in rest} == {
        "unknown actor 'ussr'; known: germany, poland, france, uk",
        "unknown seat 'ussr'; known: germany, poland, france, uk",
    }


# -- TOML syntax ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edits", "message", "needle"),
    [
        pytest.param(
            [("horizon_days = 60", "horizon_days = = 46")],
            "not valid TOML: invalid value at column 16",
            "horizon_days = = 46",
            id="invalid-value",
        ),
        pytest.param(
            [("noise = 0.2\n", "noise = 0.2\nnoise = 0.3\n")],
            "not valid TOML: cannot overwrite a value at column 12",
            "noise = 0.3",
            id="key-twice",
        ),
        pytest.param(
            [('name = "Abwehr"', 'name = "Abwehr')],
            "not valid TOML: illegal character '\\n' at column 15",
            'name = "Abwehr',
            id="unclosed-string",
        ),
        pytest.param(
            [("[council]", "[council")],
            "not valid TOML: expected ']' at the end of a table declaration at column 9",
            "[council",
            id="unclosed-header",
        ),
    ],
)
def test_toml_syntax_error_has_line(tmp_path, capsys, edits, message, needle):
    path = write_variant(tmp_path, *edits)
    line = line_of(path, needle)
    assert problems_of(path) == (Problem(str(path), line, "", message),)
    assert_cli_reports(capsys, [str(path)], f"{path}:{line}: {message}")


def test_toml_error_at_end_of_file_points_at_last_line(tmp_path, capsys):
    path = tmp_path / "broken.toml"
    path.write_text(SOURCE + 'extra = ["unclosed",\n', encoding="utf-8")
    last = len(path.read_text(encoding="utf-8").splitlines())
    message = "not valid TOML: invalid value at the end of the file (is a bracket or quote left open?)"
    assert problems_of(path) == (Problem(str(path), last, "", message),)
    assert_cli_reports(capsys, [str(path)], f"{path}:{last}: {message}")


# -- several problems at once -------------------------------------------------------------------


def test_every_structural_problem_is_reported_in_file_order(tmp_path, capsys):
    path = write_variant(
        tmp_path,
        ("horizon_days = 60", "horizon_days = 0"),
        ('role = "third_party"', 'role = "villain"'),
        ("fortification = 3.0 ", "fortificaton = 3.0 "),
        ("trigger_clarity = 0.4", "trigger_clarity = 1.5"),
        ('kind = "imagery"', 'kind = "radar"'),
    )
    p = str(path)
    expected = (
        Problem(
            p,
            line_of(path, "horizon_days = 0"),
            "scenario.horizon_days",
            "expected a number from 1 to 3650, got 0",
        ),
        Problem(
            p,
            line_of(path, 'role = "villain"'),
            "actors[4].role",
            "expected one of aggressor, protected, guarantor, third_party, got 'villain'",
        ),
        Problem(
            p,
            line_of(path, "fortificaton"),
            "fronts[1].fortificaton",
            "unknown key 'fortificaton'; did you mean 'fortification'?",
        ),
        Problem(
            p,
            line_of(path, "trigger_clarity = 1.5"),
            "guarantees[0].trigger_clarity",
            "expected a number from 0 to 1, got 1.5",
        ),
        Problem(
            p,
            line_of(path, 'kind = "radar"'),
            "services[1].channels[1].kind",
            "expected one of humint, sigint, imagery, diplomatic, osint, got 'radar'",
        ),
    )
    assert problems_of(path) == expected
    assert_cli_reports(capsys, [p], *(str(x) for x in expected))


def test_range_problems_are_not_hidden_by_other_problems_in_the_same_table(tmp_path):
    # One table with an unknown key, a wrong type and two values out of range: all four are reported.
    path = write_variant(
        tmp_path,
        ("attrition_per_day = 0.004", "attrition_per_day = 4"),
        ("noise = 0.2\n", "noise = 2\n"),
        ("depth_km = 150", 'depth_km = "deep"'),
        ("advance_km_per_day = 30", "advance_km_per_dya = 30"),
    )
    assert [(p.path, p.line, p.message) for p in problems_of(path)] == [
        (
            "fronts[1].attrition_per_day",
            line_of(path, "attrition_per_day = 4"),
            "expected a number from 0 to 1, got 4",
        ),
        ("fronts[1].noise", line_of(path, "noise = 2"), "expected a number from 0 to 1, got 2"),
        ("fronts[1].depth_km", line_of(path, 'depth_km = "deep"'), "expected a number, got 'deep'"),
        (
            "fronts[1].advance_km_per_dya",
            line_of(path, "advance_km_per_dya"),
            "unknown key 'advance_km_per_dya'; did you mean 'advance_km_per_day'?",
        ),
    ]


def test_every_cross_reference_problem_is_reported(tmp_path, capsys):
    path = write_variant(
        tmp_path,
        ('defender = "poland"', 'defender = "polnad"'),
        ("day = 30 ", "day = 20 "),
        ('id = "anglo-polish"', 'id = "franco-polish"  # copied'),
        ("at = 1939-08-24T06:00:00", "at = 1939-08-20T06:00:00"),
    )
    problems = problems_of(path)
    assert [(p.path, p.line) for p in problems] == [
        ("fronts[0].defender", line_of(path, 'defender = "polnad"')),
        ("mobilisation[2].phases[1].day", line_of(path, "day = 20 ")),
        ("guarantees[1].id", line_of(path, "# copied")),
        ("injects[0].at", line_of(path, "at = 1939-08-20T06:00:00")),
    ]
    code, _, err = check_cli(capsys, str(path))
    assert code == 2
    assert err.startswith("wargame check: error: the scenario has 4 problems:\n")
    assert all(f"  {p}\n" in err for p in problems)


# -- --set overrides ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("override", "field", "message"),
    [
        pytest.param(
            "fronts.polnd.fortification=2",
            "fronts.polnd.fortification",
            "no element 'polnd' in fronts; did you mean 'poland'?",
            id="unknown-element",
        ),
        pytest.param(
            "actors.7.name=X",
            "actors.7.name",
            "no element '7' in actors; elements: germany, poland, france, uk, ussr",
            id="index-out-of-range",
        ),
        pytest.param(
            "council.members.france=x",
            "council.members.france",
            "no element 'france' in council.members; use an index from 0 to 1",
            id="id-in-list-of-values",
        ),
        pytest.param(
            "scenario.title.text=x",
            "scenario.title.text",
            "scenario.title is a value, not a table: cannot set 'scenario.title.text'",
            id="into-a-value",
        ),
        pytest.param(
            "fronts..fortification=2",
            "fronts..fortification",
            "'fronts..fortification' has an empty part; "
            "expected a dotted path such as fronts.west.fortification",
            id="empty-segment",
        ),
        pytest.param(
            "fronts.west.fortification",
            "",
            "expected KEY=VALUE (e.g. fronts.west.fortification=2), got 'fronts.west.fortification'",
            id="no-equals",
        ),
        pytest.param(
            "=2",
            "",
            "expected KEY=VALUE (e.g. fronts.west.fortification=2), got '=2'",
            id="no-key",
        ),
        pytest.param(
            "fronts.west.fortification=20",
            "fronts[1].fortification",
            "expected a number from 1 to 10, got 20 (from --set fronts.west.fortification)",
            id="out-of-range",
        ),
        pytest.param(
            "fronts.west.fortification=strong",
            "fronts[1].fortification",
            "expected a number, got 'strong' (from --set fronts.west.fortification)",
            id="wrong-type",
        ),
        pytest.param(
            "fronts.west.fortificaton=2",
            "fronts[1].fortificaton",
            "unknown key 'fortificaton'; did you mean 'fortification'? (from --set fronts.west.fortificaton)",
            id="unknown-final-key",
        ),
        pytest.param(
            "scenrio.horizon_days=10",
            "scenrio",
            "unknown key 'scenrio'; did you mean 'scenario'? (from --set scenrio.horizon_days)",
            id="unknown-new-table",
        ),
        pytest.param(
            "council=3",
            "council",
            "expected a table, got 3 (from --set council)",
            id="value-for-table",
        ),
        pytest.param(
            'council.members=["france", "polnd"]',
            "council.members[1]",
            "unknown actor 'polnd'; did you mean 'poland'? (from --set council.members)",
            id="cross-reference",
        ),
        pytest.param(
            "aggressor.invasion_at=1939-08-01T04:30:00",
            "aggressor.invasion_at",
            "expected a date on or after the start (1939-08-22T00:00:00), got 1939-08-01T04:30:00 "
            "(from --set aggressor.invasion_at)",
            id="date-before-start",
        ),
        pytest.param(
            "scenario.start=1939-08-22",
            "scenario.start",
            "expected a date and time such as 2030-06-01T06:00:00, got a date without a time of day "
            "(1939-08-22); write 1939-08-22T00:00:00 (from --set scenario.start)",
            id="date-without-time",
        ),
    ],
)
def test_bad_override_is_reported_as_coming_from_set(capsys, override, field, message):
    assert problems_of(FLAGSHIP, [override]) == (Problem("--set", None, field, message),)
    where = f"--set: {field}: " if field else "--set: "
    assert_cli_reports(capsys, [FLAGSHIP, "--set", override], where + message)


def test_every_bad_override_is_reported(capsys):
    overrides = ["fronts.polnd.noise=0.1", "nokey", "actors.uk.nmae=x"]
    problems = problems_of(FLAGSHIP, overrides)
    assert [(p.file, p.path) for p in problems] == [("--set", "fronts.polnd.noise"), ("--set", "")]
    # structuring runs only once every override could be applied
    code, _, err = check_cli(capsys, FLAGSHIP, *(a for o in overrides for a in ("--set", o)))
    assert code == 2
    assert err.startswith("wargame check: error: the scenario has 2 problems:\n")


def test_override_problems_and_file_problems_are_reported_together(tmp_path):
    path = write_variant(tmp_path, ("trigger_clarity = 0.4", "trigger_clarity = 1.5"))
    problems = problems_of(path, ["fronts.west.noise=5"])
    assert problems == (
        Problem(
            "--set",
            None,
            "fronts[1].noise",
            "expected a number from 0 to 1, got 5 (from --set fronts.west.noise)",
        ),
        Problem(
            str(path),
            line_of(path, "trigger_clarity = 1.5"),
            "guarantees[0].trigger_clarity",
            "expected a number from 0 to 1, got 1.5",
        ),
    )


def test_override_fixes_a_bad_value_in_the_file(tmp_path):
    path = write_variant(tmp_path, ("trigger_clarity = 0.4", "trigger_clarity = 1.5"))
    loaded = scenarios.load(str(path), ["guarantees.franco-polish.trigger_clarity=0.5"])
    assert loaded.scenario.guarantees[0].trigger_clarity == 0.5


def test_override_replaces_a_value_the_file_gets_wrong(tmp_path):
    # nan in the file, replaced by --set: the scenario that is played is valid, and the content
    # hash (exact, of the file as written) still identifies the file.
    path = write_variant(tmp_path, ("trigger_clarity = 0.4", "trigger_clarity = nan"))
    loaded = scenarios.load(str(path), ["guarantees.0.trigger_clarity=0.5"])
    assert loaded.scenario.guarantees[0].trigger_clarity == 0.5
    assert loaded.digest != scenarios.load(FLAGSHIP).digest
    with pytest.raises(ScenarioError, match="trigger_clarity: expected a number from 0 to 1, got nan"):
        scenarios.load(str(path))


@pytest.mark.parametrize(
    ("overrides", "read", "expected"),
    [
        pytest.param(
            ["fronts.west.fortification=2.5"], lambda s: s.fronts[1].fortification, 2.5, id="front-by-id"
        ),
        pytest.param(["scenario.horizon_days=10"], lambda s: s.scenario.horizon_days, 10, id="scalar"),
        pytest.param(["actors.0.name=Reich"], lambda s: s.actors[0].name, "Reich", id="by-index"),
        pytest.param(
            ["mobilisation.uk.standing_divisions=4"],
            lambda s: s.mobilisation[2].standing_divisions,
            4.0,
            id="by-actor",
        ),
        pytest.param(
            ["mobilisation.france.phases.1.day=4"],
            lambda s: s.mobilisation[1].phases[1].day,
            4.0,
            id="nested",
        ),
        pytest.param(['council.members=["france"]'], lambda s: s.council.members, ("france",), id="list"),
        pytest.param(
            {"guarantees.anglo-polish.trigger_clarity": 0.9},
            lambda s: s.guarantees[1].trigger_clarity,
            0.9,
            id="mapping",
        ),
    ],
)
def test_valid_override_changes_the_loaded_value(overrides, read, expected):
    plain = scenarios.load(FLAGSHIP)
    loaded = scenarios.load(FLAGSHIP, overrides)
    assert read(loaded.scenario) == expected
    assert read(plain.scenario) != expected
    assert loaded.digest == plain.digest  # the content hash is of the file, before overrides
    assert len(loaded.overrides) == 1


def test_valid_override_passes_check(capsys):
    code, out, err = check_cli(
        capsys, FLAGSHIP, "--set", "fronts.west.fortification=2.5", "--set", "scenario.horizon_days=10"
    )
    assert (code, err) == (0, "")
    assert out.startswith(f"{FLAGSHIP}: ok")


def test_bad_override_leaves_later_loads_untouched():
    problems_of(FLAGSHIP, ["fronts.west.fortification=20"])
    assert scenarios.load(FLAGSHIP).scenario.fronts[1].fortification == 3.0


# -- finding and reading the file -----------------------------------------------------------------


def test_unknown_scenario_name_suggests_the_close_one(capsys):
    message = "no bundled scenario or file named 'drole-de-guerre-1938'; did you mean 'drole-de-guerre-1939'?"
    assert problems_of("drole-de-guerre-1938") == (Problem("drole-de-guerre-1938", None, "", message),)
    assert_cli_reports(capsys, ["drole-de-guerre-1938"], f"drole-de-guerre-1938: {message}")


def test_unrelated_scenario_name_lists_the_bundled_ones():
    (problem,) = problems_of("waterloo")
    names = ", ".join(p.stem for p in scenarios.bundled())
    assert FLAGSHIP in names
    assert problem.message == f"no bundled scenario or file named 'waterloo'; bundled: {names}"


def test_nonexistent_path(tmp_path, capsys):
    path = tmp_path / "nowhere" / "scenario.toml"
    assert problems_of(path) == (Problem(str(path), None, "", "no such file"),)
    assert_cli_reports(capsys, [str(path)], f"{path}: no such file")


def test_nonexistent_path_suggests_a_close_file(tmp_path):
    write_variant(tmp_path, name="scenario.toml")
    (problem,) = problems_of(tmp_path / "scenaro.toml")
    assert problem.message == "no such file; did you mean 'scenario.toml'?"


def test_directory_is_not_a_scenario(tmp_path, capsys):
    message = "this is a directory; expected a scenario file (.toml) or a bundled scenario name"
    assert problems_of(tmp_path) == (Problem(str(tmp_path), None, "", message),)
    assert_cli_reports(capsys, [str(tmp_path)], f"{tmp_path}: {message}")


def test_non_utf8_file_names_the_line(tmp_path, capsys):
    path = tmp_path / "latin1.toml"
    title = 'title = "Drôle de guerre, 1939"'
    path.write_bytes(SOURCE.encode("utf-8").replace(title.encode("utf-8"), title.encode("latin-1")))
    line = SOURCE.splitlines().index('title = "Drôle de guerre, 1939"') + 1
    message = "not UTF-8 text (byte 0xf4 cannot be read); save the file as UTF-8"
    assert problems_of(path) == (Problem(str(path), line, "", message),)
    assert_cli_reports(capsys, [str(path)], f"{path}:{line}: {message}")


def test_utf8_with_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + SOURCE.encode("utf-8"))
    assert scenarios.load(str(path)).digest == scenarios.load(FLAGSHIP).digest


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"], ids=["empty", "blank", "comment"])
def test_empty_file(tmp_path, capsys, text):
    path = tmp_path / "empty.toml"
    path.write_text(text, encoding="utf-8")
    message = "the file is empty; a scenario needs at least [scenario], [[actors]] and [aggressor]"
    assert problems_of(path) == (Problem(str(path), None, "", message),)
    assert_cli_reports(capsys, [str(path)], f"{path}: {message}")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path, capsys):
    path = write_variant(tmp_path)
    path.chmod(0)
    try:
        assert problems_of(path) == (Problem(str(path), None, "", "cannot read the file: Permission denied"),)
    finally:
        path.chmod(0o644)


def test_problem_in_a_bundled_scenario_names_it_by_its_place(capsys):
    # Renaming an actor by --set breaks the references to it, which are in the bundled file: they
    # point at scenarios/<name>.toml and its lines, whatever the install path.
    problems = problems_of(FLAGSHIP, ["actors.poland.id=pl"])
    lines = SOURCE.splitlines()
    assert problems[0] == Problem(
        f"scenarios/{FLAGSHIP}.toml",
        lines.index('target = "poland"') + 1,
        "aggressor.target",
        "unknown actor 'poland'; known: germany, pl, france, uk, ussr",
    )
    assert all(p.file == f"scenarios/{FLAGSHIP}.toml" and p.line for p in problems)


def test_mapping_overrides_report_problems_too():
    # A journal header gives its overrides as a mapping; replaying it reports problems the same way.
    with pytest.raises(ScenarioError) as info:
        scenarios.load(FLAGSHIP, {"scenario.nope": 1, "fronts.east.noise": 0.1})
    assert str(info.value) == "--set: fronts.east.noise: no element 'east' in fronts; did you mean 'west'?"
    with pytest.raises(ScenarioError) as info:
        scenarios.load(FLAGSHIP, {"scenario.nope": 1})
    assert str(info.value) == (
        "--set: scenario.nope: unknown key 'nope'; known keys: name, title, description, start, "
        "horizon_days, white_cell_notes (from --set scenario.nope)"
    )


def test_problem_without_line_or_path_prints_plainly():
    assert str(Problem("a.toml", None, "", "no such file")) == "a.toml: no such file"
    assert str(Problem("a.toml", 3, "x.y", "bad")) == "a.toml:3: x.y: bad"
    assert str(Problem("a.toml", None, "x", "bad")) == "a.toml: x: bad"


def test_the_bundled_scenario_is_clean(capsys):
    code, out, err = check_cli(capsys, FLAGSHIP)
    assert (code, err) == (0, "")
    assert out.startswith(f"{FLAGSHIP}: ok")
