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


def test_a_finished_headless_game_is_freed_by_reference_counting() -> None:
    """The old code left every game in a reference cycle (the journal's clock, processes and
    scheduled events all held the world): only the cyclic collector could free it."""
    import weakref

    session = Session(scenarios.load("drole-de-guerre-1939"), seed=3)
    gc.disable()
    try:
        session.run_to_end()
        summary = session.summary()  # the results outlive the finish
        world = weakref.ref(session.world)
        del session
        assert world() is None
    finally:
        gc.enable()
    assert summary


def test_finish_refuses_a_game_under_way() -> None:
    session = Session(scenarios.load("tutorial"), seed=1)
    with pytest.raises(RuntimeError):
        session.world.finish()


def test_paused_leaves_frozen_objects_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector.paused():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
