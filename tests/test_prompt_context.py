"""A prompt's context is part of what a seat sees: the engine fills it from the world, so nothing
in it may be ground truth the seat could not know. The no-truth property tests change the truth
under a fixed view and prompt; this guard checks the other door: every key the engine puts in a
prompt's context, over whole games of every bundled scenario, is on a list that says why the
seat may know it (its own state, public news, the scenario's public data). A new key fails here
until someone reviews it and adds it, with its reason."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from wargame.engine.events import PromptData
from wargame.model.scenario_files import scenarios
from wargame.session.session import Session

# kind -> key -> why the seat may know it
ALLOWED: dict[str, dict[str, str]] = {
    "statement": {"target": "the treaty it is party to"},
    "mobilise": {
        "divisions_now": "its own army",
        "air_now": "its own air force",
        "naval_now": "its own fleet",
        "front": "the aggressor's front against the protected state: the map is public",
    },
    "attack": {
        "attack_at": "its own plan",
        "postponements": "its own plan",
        "expected_gain": "its own plan",
        "war_cost": "its own plan",
        "strength": "the guarantors' planned strength: published timetables",
        "means": "its own plan (a blockade, a strike, a hybrid campaign)",
    },
    "allocate": {
        "news": "the news it just saw",
        "moved": "its own transfers",
        "strength": "the guarantors' planned strength: published timetables",
        "goals": "its own options",
        "defended": "its own fronts: see DEFENDED",
    },
    "declare_war": {
        "target": "the treaty",
        "aggressor": "the invasion it saw",
        "trigger": "the public act (blockade, strike, hybrid campaign) it saw",
        "clarity": "its own treaty's clarity for that act",
    },
    "pressure_response": {
        "aggressor": "the public pressure it bears",
        "means": "the public pressure it bears",
        "endurance": "its own endurance (public: the daily pressure report)",
    },
    "escort": {
        "target": "the treaty",
        "aggressor": "the public blockade",
        "endurance": "the public daily pressure report",
    },
    "escalate": {
        "expected_gain": "its own plan",
        "war_cost": "its own plan",
        "strength": "the guarantors' planned strength: published timetables",
        "endurance": "the public daily pressure report",
    },
    "intervene": {
        "front": "the war it watches",
        "ground_km": "the public front report",
        "depth_km": "the map",
        "news": "the news it just saw",
        "side": "its own choice of side (the scenario's entry)",
    },
    "offensive": {"front": "its own front", "promise": "its own treaty", "news": "the news it just saw"},
    "council_position": {"council": "its council", "item": "the agenda", "concerns": "the agenda"},
    "penetration": {},
    "support": {
        "front": "the protected state's front: the map is public",
        "air": "its own air force",
        "naval": "its own fleet",
        "air_weight": "the map: how much aircraft count there (scenario data)",
        "naval_weight": "the map: how much warships count there (scenario data)",
        "news": "the news it just saw",
    },
}
DEFENDED = {
    "attacker": "the scenario's public order of battle",
    "divisions": "its own divisions there",
    "planned": "its own deployment",
    "fortification": "its own line",
    "general_share": "the attacker's doctrine, as its staff reads it (scenario data)",
    "active": "whether it is being attacked: it knows",
    "broken": "a breakthrough is public news",
}


def _contexts(name: str, seed: int) -> list[tuple[str, Mapping[str, Any]]]:
    session = Session(scenarios.load(name), seed=seed)
    session.run_to_end()
    return [(e.data.decision, e.data.context) for e in session.events if isinstance(e.data, PromptData)]


@pytest.mark.parametrize("name", ["drole-de-guerre-1939", "eastmark-2031", "norway-1940", "tutorial"])
def test_every_prompt_context_key_is_something_the_seat_may_know(name: str) -> None:
    seen = 0
    for seed in (1, 2):
        for kind, context in _contexts(name, seed):
            unknown = set(context) - set(ALLOWED.get(kind, {}))
            assert not unknown, f"{kind} prompt carries unreviewed context keys {sorted(unknown)}"
            for front in (context.get("defended") or {}).values():
                assert not set(front) - set(DEFENDED), f"unreviewed keys in 'defended': {sorted(front)}"
            seen += 1
    assert seen > 0
