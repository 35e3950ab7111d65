"""Two hard-codes of issue #16 (item 6) made parameters: repeated leaked decisions count with a
diminishing weight (they no longer drive a belief to nothing), and the spread of an offensive's
preparation time is the front's ``offensive_prep_sd``."""

from __future__ import annotations

import math

from conftest import FLAGSHIP, play

from wargame.engine.credibility import LEAK_DECAY, SIGNALS, credibility, signal_weight
from wargame.engine.events import DecisionData, LeakData, OffensiveData
from wargame.engine.journal import EVERYONE, Event
from wargame.model.scenario_files import scenarios


def _leaks(n: int, choice: str) -> list[Event]:
    return [
        Event(
            t=i,
            seq=i,
            actors=(),
            see=(EVERYONE,),
            text="",
            data=LeakData(actor="france", decision="declare_war", choice=choice),
        )
        for i in range(n)
    ]


def test_repeated_leaked_waits_move_the_belief_by_a_bounded_amount() -> None:
    one = signal_weight("france", _leaks(1, "wait"))
    assert one == math.log(SIGNALS["leak.reluctant"])
    sixty = signal_weight("france", _leaks(60, "wait"))
    bound = math.log(SIGNALS["leak.reluctant"]) / (1 - LEAK_DECAY)
    assert bound - 1e-9 <= sixty < one < 0 and sixty > 60 * one  # graded: each counts less, bounded
    scenario = scenarios.load(FLAGSHIP).scenario
    before = credibility(scenario, "france", [])
    after = credibility(scenario, "france", _leaks(60, "wait"))
    assert after > before * 0.3  # used to be driven to about 0.005
    resolute = signal_weight("france", _leaks(60, "declare"))  # and the resolute ones likewise
    assert 0 < resolute <= math.log(SIGNALS["leak.resolute"]) / (1 - LEAK_DECAY) + 1e-9


def _prep_days(seed: int, *overrides: str) -> float:
    session = play(seed=seed, seats=["france=bot:resolute"], overrides=list(overrides))
    ordered = next(
        e.t for e in session.events if isinstance(e.data, DecisionData) and e.data.choice == "general"
    )
    launched = next(e.t for e in session.events if isinstance(e.data, OffensiveData))
    return (launched - ordered) / 1440


def test_the_preparation_spread_is_the_fronts_parameter() -> None:
    steady = [_prep_days(s, "fronts.west.offensive_prep_sd=0") for s in (1, 2, 3)]
    assert max(steady) - min(steady) < 1e-6
    varied = [_prep_days(s) for s in (1, 2, 3)]
    assert max(varied) - min(varied) > 0.01
