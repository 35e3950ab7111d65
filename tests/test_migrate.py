"""``wargame migrate``: an older scenario file brought to today's format, comments kept (issue #17,
item 8), and ``wargame check`` naming each change an older file needs.

The older file is a real one: the bundled 1939 scenario as it would have been written before
issues #16 and #17, with the retired transfer rule (``transfer_threshold``, ``transfer_divisions``,
commented) and a penetration that relied on the old default subjects (``forces.west``)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.model.scenario_files import scenarios
from wargame.model.scenario_files.migrate import changes, migrate
from wargame.session.session import Session

BUNDLED = Path(scenarios.__file__).resolve().parents[3] / "scenarios" / "drole-de-guerre-1939.toml"
RETIRED = (
    "transfer_threshold = 0.6     # the old rule: the West drew divisions when it looked this strong\n"
    "transfer_divisions = 10       # and this many moved\n"
)


def older() -> str:
    """1939 written for the format before #16 and #17."""
    text = BUNDLED.read_text(encoding="utf-8")
    assert text.count('subjects = ["forces.west"]\n') == 1
    text = text.replace('subjects = ["forces.west"]\n', "", 1)
    head = text.index("[aggressor]\n")
    line_end = text.index("\n", text.index("\ntarget = ", head) + 1) + 1
    return text[:line_end] + RETIRED + text[line_end:]


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "old-1939.toml"
    path.write_text(older(), encoding="utf-8")
    return path


def comments(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]


def journal(source: str) -> list[tuple[int, str, str]]:
    session = Session(scenarios.load(source), seed=1)
    session.run_to_end()
    return [(e.t, e.text, repr(e.data)) for e in session.events]


def test_migration_keeps_every_comment_and_line_and_plays_the_same_journal(old_file: Path) -> None:
    text = old_file.read_text(encoding="utf-8")
    new, done = migrate(text)
    assert [c.path for c in done] == [
        ("aggressor", "transfer_threshold"),
        ("aggressor", "transfer_divisions"),
        ("penetrations", 0),
    ]
    old_comments = comments(text)
    assert all(c in new for c in old_comments)  # every comment kept, the retired fields' too
    kept = [line for line in text.splitlines() if not line.startswith("transfer_")]
    assert [line for line in new.splitlines() if line in kept] == kept  # every other line, in order
    data = tomllib.loads(new)
    assert "transfer_threshold" not in data["aggressor"] and "transfer_divisions" not in data["aggressor"]
    assert data["penetrations"][0]["subjects"] == ["forces.west"]
    assert "# transfer_threshold = 0.6" in new and "retired in issue #16" in new
    migrated = old_file.with_name("migrated.toml")
    migrated.write_text(new, encoding="utf-8")
    assert scenarios.load(str(migrated)).scenario == scenarios.load("drole-de-guerre-1939").scenario
    assert journal(str(migrated)) == journal("drole-de-guerre-1939")


def test_the_older_file_unmigrated_plays_differently(old_file: Path) -> None:
    """What migrate guards against: the old file, read with today's default, biases both fronts."""
    s = scenarios.load(str(old_file)).scenario
    assert s.penetrations[0].subjects == ()
    assert journal(str(old_file)) != journal("drole-de-guerre-1939")


def test_migrating_twice_is_migrating_once(old_file: Path) -> None:
    once, _ = migrate(old_file.read_text(encoding="utf-8"))
    twice, more = migrate(once)
    assert twice == once and more == []


def test_a_file_in_todays_format_needs_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for bundled in scenarios.bundled():
        assert changes(bundled.read_text(encoding="utf-8")) == [], bundled.name
    copy = tmp_path / "copy.toml"
    assert main(["migrate", str(BUNDLED), "-o", str(copy)]) == 0
    assert "nothing to migrate" in capsys.readouterr().out
    assert copy.read_bytes() == BUNDLED.read_bytes()


def test_the_command_prints_each_change_with_its_line_and_rewrites_in_place(
    old_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = old_file.read_text(encoding="utf-8").splitlines()
    assert main(["migrate", str(old_file), "--in-place"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4 and out[-1] == f"{old_file}: 3 changes made, written to {old_file}"
    threshold = lines.index(RETIRED.splitlines()[0]) + 1
    assert out[0].startswith(f"{old_file}:{threshold}: remove aggressor.transfer_threshold = 0.6")
    assert "penetration 'dedal': write subjects" in out[2] and "the old default" in out[2]
    assert "subjects = " in old_file.read_text(encoding="utf-8")
    assert main(["migrate", str(old_file), "--in-place"]) == 0
    assert capsys.readouterr().out.strip() == f"{old_file}: nothing to migrate: the file is in today's format"


def test_without_an_output_the_migrated_file_goes_to_stdout(
    old_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = old_file.read_text(encoding="utf-8")
    assert main(["migrate", str(old_file)]) == 0
    captured = capsys.readouterr()
    assert captured.out == migrate(before)[0] and "3 changes made" in captured.err
    assert old_file.read_text(encoding="utf-8") == before  # untouched


def test_check_names_each_change_and_says_migrate_does_it(
    old_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(old_file)]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 3
    assert all("wargame migrate" in w for w in warnings)
    assert any("aggressor.transfer_threshold" in w for w in warnings)
    assert any("penetrations[0]" in w and "forces.west" in w for w in warnings)


def test_without_a_west_front_a_penetration_without_subjects_gets_the_new_default_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file with no front ``west`` cannot be an older one relying on the old default (trial 17,
    item 9: a brand-new file was told of ``forces.west`` and that migrate "cannot keep it")."""
    tutorial = (BUNDLED.parent / "tutorial.toml").read_text(encoding="utf-8")
    text = tutorial + '\n[[penetrations]]\nid = "mole"\ntarget = "corvia"\nleaks_to = "ardenia"\n'
    assert changes(text) == []
    new, _ = migrate(text)
    assert new == text
    path = tmp_path / "tutorial.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "forces.west" not in out and "migrate" not in out


def test_a_file_that_is_not_toml_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[aggressor\nactor = 1\n", encoding="utf-8")
    assert main(["migrate", str(bad)]) == 2
    assert "not valid TOML" in capsys.readouterr().err
