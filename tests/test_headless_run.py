"""A headless game runs its events in one stretch (``Session._run_until``) and must play exactly
as stepping event by event (``Session._step``, which live play and room scripts go through):
the same journal, byte for byte, and the same count of SimPy events processed."""

from __future__ import annotations

import pytest

from wargame.model.scenario_files import scenarios
from wargame.session.session import Session

CASES = [
    ("drole-de-guerre-1939", {}),  # bots only
    ("drole-de-guerre-1939", {"france": "human", "poland": "bot:passive"}),  # absent humans
    ("norway-1940", {"uk": "human"}),
    ("eastmark-2031", {}),
]


def _stepped(session: Session) -> Session:
    """``session`` run to its end one event at a time, as before the stretch run existed."""
    while session._step():
        pass
    return session


@pytest.mark.parametrize(("name", "seats"), CASES)
@pytest.mark.parametrize("seed", [1, 4])
def test_a_stretch_plays_as_event_by_event(name: str, seats: dict[str, str], seed: int) -> None:
    loaded = scenarios.load(name)
    fast = Session(loaded, seed=seed, seats=seats)
    fast.run_to_end()
    slow = _stepped(Session(loaded, seed=seed, seats=seats))
    assert fast.finished and slow.finished
    assert fast.text() == slow.text()
    assert fast.steps == slow.steps


def test_advancing_in_stretches_stops_where_asked() -> None:
    """``advance_until`` runs the stretch up to the minute asked, then the clock reads that minute,
    and a bot's prompt opened on the way was answered (the instant settled) before it went on."""
    loaded = scenarios.load("drole-de-guerre-1939")
    fast = Session(loaded, seed=2)
    slow = Session(loaded, seed=2)
    for t in (1, 600, 600, 5_000, 20_000, 20_001):
        fast.advance_until(t)
        while slow._next_time() < t and slow._step():
            pass
        if slow.now < t:
            slow.world.env.run(until=t)
        assert fast.now == slow.now == t
        assert fast.text() == slow.text()
        assert fast.steps == slow.steps
        assert not [p for p in fast.world.open_prompts() if p.seat not in fast._humans]
