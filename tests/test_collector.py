"""The collector pause of a headless run: never leaves the collector off for the caller."""

from __future__ import annotations

import gc

import pytest

from wargame.model.scenario_files import scenarios
from wargame.session import collector
from wargame.session.session import Session


def test_paused_switches_collection_off_and_back_on() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():  # nested: still off, and still off after the inner one ends
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_restores_on_an_exception() -> None:
    with pytest.raises(RuntimeError), collector.paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_paused_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_headless_game_leaves_the_collector_on() -> None:
    session = Session(scenarios.load("tutorial"), seed=1)
    session.run_to_end()
    assert session.world.ended
    assert gc.isenabled()
