"""Authoring aids: `wargame new` and the warnings of `wargame check`."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import play

from wargame.cli import main
from wargame.model.scenario_files import scenarios

TUTORIAL = scenarios.bundled_dir() / "tutorial.toml"


def _variant(tmp_path: Path, *replacements: tuple[str, str]) -> str:
    text = TUTORIAL.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "variant.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _warnings(path: str) -> list[str]:
    return [str(w) for w in scenarios.warnings(scenarios.load(path))]


@pytest.mark.parametrize("name", [p.stem for p in scenarios.bundled()])
def test_bundled_scenarios_have_no_warnings(name: str) -> None:
    assert _warnings(name) == []


def test_warns_about_a_seat_never_asked_anything(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _variant(
        tmp_path,
        ('members = ["corvia", "belmark"]', 'members = ["corvia"]'),
        ("prompt_at = 2030-09-04T09:00:00\n", ""),
    )
    warnings = _warnings(path)
    assert "actors[1].seat: seat 'belmark' is never asked to decide anything" in warnings[0]
    assert all("history" in w and "'belmark' is never asked" in w for w in warnings[1:])
    assert main(["check", path]) == 0
    out = capsys.readouterr().out
    assert "ok" in out and f"warning: {warnings[0]}" in out


def test_warns_about_an_inject_after_the_horizon(tmp_path: Path) -> None:
    path = _variant(tmp_path, ("at = 2030-09-10T06:00:00", "at = 2030-09-12T06:00:00"))
    (warning,) = _warnings(path)
    assert "injects[3].at: inject 'hot-wash' can never fire" in warning


def test_warns_about_an_inject_addressed_to_no_one(tmp_path: Path) -> None:
    path = _variant(
        tmp_path, ('to = ["corvia", "belmark"]\ntext = "Your first', 'to = []\ntext = "Your first')
    )
    (warning,) = _warnings(path)
    assert "injects[1].to: inject 'grades' is addressed to no one" in warning


def test_warns_about_a_treaty_nobody_can_trigger_and_the_entries_it_orphans(tmp_path: Path) -> None:
    path = _variant(tmp_path, ('against = ["ardenia"]', 'against = ["belmark"]'))
    warnings = _warnings(path)
    assert (
        "guarantee 'treaty' can never be triggered: it does not name the aggressor 'ardenia'" in warnings[0]
    )
    assert any("history[4].decision: 'corvia' is never asked 'declare_war'" in w for w in warnings)


def test_warns_about_a_prompt_after_the_horizon(tmp_path: Path) -> None:
    path = _variant(tmp_path, ("prompt_at = 2030-09-04T09:00:00", "prompt_at = 2030-09-20T09:00:00"))
    warnings = _warnings(path)
    assert any("mobilisation[0].prompt_at: its prompt comes on 2030-09-20" in w for w in warnings)


def test_new_writes_a_starting_file_that_checks_and_plays_without_warnings(
    tmp_path: Path, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert main(["new", "baltic-crisis"]) == 0
    path = tmp_path / "baltic-crisis.toml"
    loaded = scenarios.load(str(path))
    assert loaded.name == "baltic-crisis"
    assert scenarios.warnings(loaded) == []
    assert main(["check", str(path)]) == 0
    assert "warning" not in capsys.readouterr().out
    session = play(1, name=str(path))
    assert session.events[-1].kind == "end"
    assert any(e.kind == "invasion" for e in session.events)


def test_new_refuses_to_overwrite_and_bad_names(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.toml").write_text("keep me", encoding="utf-8")
    assert main(["new", "mine"]) == 2
    assert "mine.toml already exists" in capsys.readouterr().err
    assert (tmp_path / "mine.toml").read_text(encoding="utf-8") == "keep me"
    assert main(["new", "Mine Crisis"]) == 2
    assert "expected a lowercase id" in capsys.readouterr().err
    assert main(["new", str(tmp_path / "nowhere" / "x.toml")]) == 2
    assert "does not exist" in capsys.readouterr().err
