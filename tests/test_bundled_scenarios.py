"""Every bundled scenario: it checks clean, every seat has a briefing, and every seat can be played
by every doctrine to the end.

One game per scenario and doctrine, with the doctrine in every seat at once: each (seat,
doctrine) pair is then played, and the suite stays fast.
"""

from __future__ import annotations

import pytest
from conftest import play

from wargame.model.scenario_files import scenarios
from wargame.session.bots import DOCTRINES, SCRIPTED

NAMES = [p.stem for p in scenarios.bundled()]
CONTROLLERS = [*SCRIPTED, *DOCTRINES]


@pytest.mark.parametrize("name", NAMES)
def test_every_seat_has_a_briefing(name: str) -> None:
    s = scenarios.load(name).scenario
    missing = [a.id for a in s.actors if a.seat and len(a.briefing.split()) < 25]
    assert missing == [], f"{name}: seats without a briefing of a paragraph: {missing}"


@pytest.mark.parametrize("doctrine", CONTROLLERS)
@pytest.mark.parametrize("name", NAMES)
def test_every_seat_plays_every_doctrine_to_the_end(name: str, doctrine: str) -> None:
    seats = [f"{seat}=bot:{doctrine}" for seat in scenarios.load(name).scenario.seat_ids]
    session = play(1, seats, name=name)
    assert session.events[-1].kind == "end"
    assert not session.world.open_prompts()


def test_the_tutorial_is_short_and_teaches_the_controls() -> None:
    s = scenarios.load("tutorial").scenario
    assert len(s.seat_ids) == 3 and s.scenario.horizon_days <= 10
    briefings = " ".join(a.briefing for a in s.actors)
    for words in ("space", "step", "hands", "help", "grade", "council", "deadline", "hot wash"):
        assert words in briefings, words
    session = play(1, name="tutorial", record=True)
    kinds = {e.kind for e in session.events}
    assert {"report", "warning", "council", "prompt", "promise", "invasion"} <= kinds
    assert len(session.events) < 150  # about twenty minutes of play at a comfortable pace


def test_a_source_checkout_finds_its_bundled_scenarios() -> None:
    """Run from a checkout over a non-editable install, ``wargame`` is the checkout's package and
    ``wargame.scenarios`` does not exist there: the scenarios come from the top ``scenarios/``
    folder (CI found the path one folder short after the loading code moved into a package)."""
    from wargame.model.scenario_files.scenarios import checkout_dir

    assert (checkout_dir() / "tutorial.toml").is_file()
    assert (checkout_dir() / "drole-de-guerre-1939.toml").is_file()
