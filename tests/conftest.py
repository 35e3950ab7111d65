"""Shared fixtures: the flagship scenario and small helpers to run games."""

from __future__ import annotations

import pytest

from wargame.model.scenario_files import scenarios
from wargame.session.session import Session

FLAGSHIP = "drole-de-guerre-1939"


@pytest.fixture(scope="session")
def flagship() -> scenarios.LoadedScenario:
    return scenarios.load(FLAGSHIP)


def play(seed: int = 1, seats=(), overrides=(), name: str = FLAGSHIP) -> Session:
    """A whole game run to its end by bots (and absent humans)."""
    session = Session(scenarios.load(name, overrides), seed=seed, seats=seats)
    session.run_to_end()
    return session
