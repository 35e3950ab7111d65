"""The index of the reports each seat holds agrees with a scan of the journal, as the game grows."""

from __future__ import annotations

from wargame.engine.events import ReportData
from wargame.engine.liaison import holds_report
from wargame.model.scenario_files import scenarios
from wargame.session.session import Session


def test_holds_report_agrees_with_a_scan_of_the_journal_at_every_step_of_a_game() -> None:
    session = Session(scenarios.load("drole-de-guerre-1939"), seed=1)
    world = session.world
    checked = 0
    while not session.finished:
        session.advance_until(min(session.now + 2 * 24 * 60, session.horizon + 1))
        events = world.journal.events
        origins = {e.data.origin for e in events if isinstance(e.data, ReportData)} | {"no-such.1"}
        for seat in session.scenario.seat_ids:
            for origin in sorted(origins):
                scan = any(
                    isinstance(e.data, ReportData) and seat in e.actors and e.data.origin == origin
                    for e in events
                )
                assert holds_report(world, seat, origin) == scan, (seat, origin, session.now)
                checked += scan
    assert checked > 50  # reports were held, and found, along the way
