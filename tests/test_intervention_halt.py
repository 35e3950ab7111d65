"""A third party whose entry waits for the attacker to halt on its objective (trial 17, item 2):
the halt ends the fighting, so no front report follows it; the condition's coming to hold is the
news on which the question is put, a held front can still be entered (on either side), and the
doctrines read a halted seizure as a decided war on that front."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame.engine.events import (
    DecisionData,
    FrontData,
    InterventionData,
    ObjectiveData,
    PromptData,
)
from wargame.engine.journal import Event
from wargame.model.scenario_files import scenarios
from wargame.session.doctrines.common import percents
from wargame.session.session import Session

SEIZE = (
    "aggressor.aim=seize",
    "fronts.poland.objective_km=80",
    'fronts.poland.objective="the Narew"',
    "fronts.poland.capital_falls_cohesion=0",
)


def _run(
    side: str = "attacker",
    when: tuple[str, ...] = ("objective:poland",),
    seed: int = 1,
    overrides: tuple[str, ...] = (),
) -> list[Event]:
    loaded = scenarios.load("drole-de-guerre-1939", (*SEIZE, *overrides))
    s = loaded.scenario
    ussr = attrs.evolve(s.interventions[0], when=when, side=side)
    session = Session(
        attrs.evolve(loaded, scenario=attrs.evolve(s, interventions=(ussr,))), seed=seed, seats=[]
    )
    session.run_to_end()
    return session.world.journal.events


def _of(events: list[Event], kind: type) -> list[Event]:
    return [e for e in events if isinstance(e.data, kind)]


@pytest.mark.parametrize("seed", [1, 2])
def test_an_entry_waiting_for_the_objective_is_asked_when_the_attacker_halts(seed: int) -> None:
    events = _run(seed=seed)
    (halt,) = _of(events, ObjectiveData)
    assert not [e for e in _of(events, FrontData) if e.data.front == "poland" and e.seq > halt.seq]
    asked = [e for e in _of(events, PromptData) if e.data.decision == "intervene"]
    assert asked and asked[0].t == halt.t  # the condition's holding is the news: asked at once
    (entry,) = _of(events, InterventionData)
    assert entry.text == (
        "Soviet Union enters the war against Poland on the Polish front. "
        "The front stays quiet: Germany holds the Narew, and no one attacks there."
    )


def test_a_held_front_can_be_entered_on_the_defenders_side() -> None:
    events = _run(side="defender", overrides=("actors.ussr.doctrine_params.enter_broken=0.1",))
    (entry,) = _of(events, InterventionData)
    assert entry.data.side == "defender" and "against Germany on the side of Poland" in entry.text
    assert entry.t >= _of(events, ObjectiveData)[0].t


def test_the_realist_reads_a_halted_seizure_as_a_decided_war() -> None:
    events = _run()
    (decision,) = [e for e in _of(events, DecisionData) if e.data.decision == "intervene"]
    assert decision.data.choice == "enter"
    assert decision.data.reason == (
        "the attacker holds its objective: the fighting there is decided (50% broken); we enter from 33%"
    )


def test_the_halt_is_no_reason_to_join_the_victim() -> None:
    events = _run(side="defender")
    assert not _of(events, InterventionData)
    (decision,) = [e for e in _of(events, DecisionData) if e.data.decision == "intervene"]
    assert decision.data.choice == "wait"
    assert decision.data.reason == "the victim has lost 13% of the front's depth; we enter from 33%"


def test_the_reasons_numbers_agree_with_the_choice() -> None:
    assert percents(0.0996, 0.10) == ("9.96%", "10.00%")
    assert percents(0.12, 0.10) == ("12%", "10%")
    assert percents(0.25, 0.25) == ("25%", "25%")


def test_check_warns_of_an_intervention_on_a_front_opened_only_by_an_offensive(tmp_path: Path) -> None:
    source = (scenarios.bundled_dir() / "drole-de-guerre-1939.toml").read_text(encoding="utf-8")
    text = source.replace('actor = "ussr"\nfront = "poland"', 'actor = "ussr"\nfront = "west"')
    path = tmp_path / "drole-de-guerre-1939.toml"
    path.write_text(text, encoding="utf-8")
    warnings = [
        str(w) for w in scenarios.warnings(scenarios.load(str(path))) if "interventions[0].front" in str(w)
    ]
    assert warnings and "opens only by an offensive of 'france'" in warnings[0]
