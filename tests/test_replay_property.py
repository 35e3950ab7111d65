"""Replay determinism as a property: whatever the players decide, and whatever the seed, the
journal a game writes replays (`wargame replay --verify`) to the same bytes, and the same seed
with the same decisions plays the same journal twice.

Hypothesis plays each bundled scenario with every seat human. At each stop (a new prompt), it
draws, for every prompt not yet looked at, one of its options or "leave it" (the default then
falls at the deadline), then perhaps one free decision open to a seat, and perhaps to close the
game early (a journal cut short must verify too). The draws are recorded as plain numbers, so
that the same game can be played a second time without Hypothesis. Draw 0 is always the
quietest choice (leave it, no free decision, go on), so failures shrink to the simplest game.

The fast suite tries a few examples per scenario; ``pytest -m slow`` runs the bigger profile."""

from __future__ import annotations

import contextlib
import functools
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.cli import main
from wargame.engine.decisions import DecisionError
from wargame.model.scenario_files import scenarios
from wargame.session.session import Session

# A choice among ``n`` alternatives: a number in range(n).
Chooser = Callable[[int], int]

REASONS = ("", "no haste", "ça suffit — « non »", 'a "quoted" reason', "line\nbreak")
STOP = 8  # at a stop, one chance in STOP (when drawn) of closing the game there
SCENARIOS = ("tutorial", "drole-de-guerre-1939")


load = functools.cache(scenarios.load)


def play(name: str, seed: int, choose: Chooser, journal: Path | None = None) -> Session:
    """A game of ``name`` with every seat human, each decision taken by ``choose``. A free
    decision the engine refuses (see test_a_free_decision_listed_open_is_taken) is left out
    (the instant is settled first, as for any decision; the replay must agree)."""
    loaded = load(name)
    seats = dict.fromkeys(loaded.scenario.seat_ids, "human")
    session = Session(loaded, seed=seed, seats=seats, journal=journal)
    seen: set[str] = set()
    while not session.finished:
        for prompt in session.advance_to_decision():
            if prompt.id in seen:
                continue
            seen.add(prompt.id)
            pick = choose(len(prompt.options) + 1) - 1  # 0: leave it to its default
            if pick >= 0:
                reason = REASONS[choose(len(REASONS))]
                session.submit(prompt.seat, prompt.id, prompt.options[pick], reason)
        if session.finished:
            break
        free = [
            (seat, kind, choice)
            for seat in loaded.scenario.seat_ids
            for kind, choices, why in session.free_decisions(seat)
            if why is None
            for choice in choices
        ]
        pick = choose(len(free) + 1) - 1  # 0: none
        if pick >= 0:
            seat, kind, choice = free[pick]
            with contextlib.suppress(DecisionError):
                session.submit(seat, None, choice, REASONS[choose(len(REASONS))], kind=kind)
        if choose(STOP) == STOP - 1:
            break
    session.close()
    return session


def recorder(draw: Callable[[st.SearchStrategy[int]], int]) -> tuple[Chooser, list[int]]:
    """A chooser that draws each choice from Hypothesis and keeps the sequence drawn."""
    drawn: list[int] = []

    def choose(n: int) -> int:
        drawn.append(draw(st.integers(0, n - 1)) if n > 1 else 0)
        return drawn[-1]

    return choose, drawn


def again(drawn: list[int]) -> Chooser:
    """A chooser that makes the same choices again, in order."""
    it = iter(drawn)
    return lambda n: next(it)


def check_replays(name: str, seed: int, data: st.DataObject) -> None:
    choose, drawn = recorder(data.draw)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "game.jsonl"
        first = play(name, seed, choose, journal=path)
        written = path.read_bytes()
        assert written == first.text().encode("utf-8")
        assert main(["replay", "--verify", str(path)]) == 0
        assert play(name, seed, again(drawn)).text().encode("utf-8") == written


@pytest.mark.parametrize("name", SCENARIOS)
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31 - 1), data=st.data())
def test_any_decisions_replay_to_the_same_bytes(name: str, seed: int, data: st.DataObject) -> None:
    check_replays(name, seed, data)


@pytest.mark.slow
@pytest.mark.parametrize("name", (*SCENARIOS, "norway-1940", "eastmark-2031"))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31 - 1), data=st.data())
def test_many_decisions_replay_to_the_same_bytes(name: str, seed: int, data: st.DataObject) -> None:
    check_replays(name, seed, data)


def test_a_free_decision_listed_open_is_taken() -> None:
    """A free decision the seat screen lists as open now is one the engine accepts. Found by the
    property above: after Corvia states its resolve at its prompt, the statement is still
    listed as open, and refused ("it has already stated its resolve publicly")."""
    loaded = load("tutorial")
    session = Session(loaded, seed=70, seats=dict.fromkeys(loaded.scenario.seat_ids, "human"))
    prompt = session.advance_to_decision()[0]
    assert (prompt.seat, prompt.kind) == ("corvia", "statement")
    session.submit(prompt.seat, prompt.id, "statement")
    refused = []
    for kind, choices, why in session.free_decisions("corvia"):
        for choice in choices if why is None else ():
            try:
                session.submit("corvia", None, choice, kind=kind)
            except DecisionError as err:
                refused.append(f"{kind}={choice}: {err}")
    assert refused == []


def test_a_game_over_asks_nothing() -> None:
    """A prompt opened at the very instant the game reaches its horizon is not offered: it could
    only be refused ("the game is over"). Found by the property above (tutorial, seed 0: Corvia's
    mobilisation prompt at 14400, the horizon minute)."""
    draws = [0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2]
    session = play("tutorial", 0, again([*draws, *[0] * 200]))  # raised DecisionError before
    assert session.finished
    assert session.pending() == [] and session.due() == []
