"""Seats see only what their state knows; the white cell sees everything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FLAGSHIP, play
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.cli import main
from wargame.model.scenario_files import scenarios
from wargame.session.session import Session
from wargame.session.timeline import lines

SEATS = ("germany", "poland", "france", "uk", "ussr")
CANARY_NOTE = "CANARY-7f3a9"
# A ground-truth-only value: the codename of the penetration of Paris. The white cell reads it in
# the penetration's records; no seat (not even the one it serves) is ever shown it.
CANARY_VALUE = "zqcanaryzq"
CANARY_OVERRIDES = [f"scenario.white_cell_notes={CANARY_NOTE}", f"penetrations.dedal.id={CANARY_VALUE}"]


def _rendered(session: Session, seat: str) -> str:
    """Everything a seat is shown, as text: its whole view (estimates included) and its timeline."""
    view = session.view(seat)
    parts = [repr(view)]
    parts += [json.dumps(e.to_json(), ensure_ascii=False) for e in view.events]
    parts += [" ".join(row) for row in lines(view.events, white_cell=False)]
    return "\n".join(parts)


def test_canary_never_reaches_a_seat() -> None:
    session = play(seed=1, overrides=CANARY_OVERRIDES)
    white = session.white_cell()
    assert CANARY_NOTE in white.notes
    assert any(e.truth is not None and CANARY_VALUE in json.dumps(e.to_json()["truth"]) for e in white.events)
    for seat in SEATS:
        text = _rendered(session, seat)
        assert CANARY_NOTE not in text
        assert CANARY_VALUE not in text


def test_canary_never_in_show_seat_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.jsonl"
    assert (
        main(
            [
                "run",
                FLAGSHIP,
                "--seed",
                "1",
                "--journal",
                str(path),
                "--summary",
                *[arg for o in CANARY_OVERRIDES for arg in ("--set", o)],
            ]
        )
        == 0
    )
    capsys.readouterr()
    for seat in SEATS:
        for extra in ([], ["--json"]):
            assert main(["show", str(path), "--seat", seat, *extra]) == 0
            out = capsys.readouterr().out
            assert out.strip(), f"{seat} saw nothing"
            assert CANARY_VALUE not in out
            assert '"truth"' not in out and "[truth:" not in out
    assert main(["show", str(path), "--white-cell"]) == 0
    assert CANARY_VALUE in capsys.readouterr().out


def test_no_seat_sees_the_root_seed() -> None:
    """The root seed with the scenario file replays every hidden draw (the aggressor's planned
    date among them), so it is the start event's truth: the white cell sees it, no seat does."""
    seed = 48_213_977  # a number no view would show by chance
    session = play(seed=seed)
    start = session.white_cell().events[0]
    assert start.to_json()["truth"] == {"seed": seed}
    for seat in SEATS:
        view = session.view(seat)
        assert view.events[0].to_json()["kind"] == "start"
        assert str(seed) not in _rendered(session, seat)


def test_other_states_secrets_stay_secret() -> None:
    session = play(seed=1)
    france = session.view("france").events
    poland = session.view("poland").events
    # only Germany knows its attack was postponed
    assert not any(e.kind == "postponement" for e in france)
    assert any(e.kind == "postponement" for e in session.view("germany").events)
    # France reads its own service's reports, never Poland's
    assert any(e.kind == "report" for e in france)
    assert all(e.actors == ("france",) for e in france if e.kind == "report")
    # council minutes are for members: historically Poland was not told of the halt
    assert any(e.kind == "council" for e in france)
    assert not any(e.kind == "council" for e in poland)
    # nobody but the seat itself sees its decisions and prompts
    assert all(e.data.seat == "poland" for e in poland if e.kind == "decision")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    doctrines=st.lists(
        st.sampled_from(["historical", "resolute", "cautious", "passive"]), min_size=5, max_size=5
    ),
    stop_day=st.integers(min_value=1, max_value=46),
)
def test_view_filter_property(seed: int, doctrines: list[str], stop_day: int) -> None:
    """Over random games and instants: a seat's view holds only events it may see, never truth."""
    seats = [f"{s}=bot:{d}" for s, d in zip(SEATS, doctrines, strict=True)]
    session = Session(scenarios.load(FLAGSHIP, CANARY_OVERRIDES), seed=seed, seats=seats)
    session.advance(stop_day * 24 * 60)
    all_events = session.white_cell().events
    for seat in SEATS:
        view = session.view(seat)
        assert all(e.truth is None for e in view.events)
        assert all(e.visible_to(seat) for e in view.events)
        visible = [e.seq for e in all_events if e.visible_to(seat)]
        assert [e.seq for e in view.events] == visible
        assert all(p.seat == seat for p in view.pending)
        for e in view.events:
            if e.kind == "report":  # graded, never marked, and only from origins it could know
                assert e.data.grade[0] in "ABCDEF" and "deceptive" not in e.line()
                assert e.data.origin.startswith(f"{seat}.") or e.data.shared_by
            assert e.kind not in ("penetration", "suppressed")  # white cell only
        text = _rendered(session, seat)
        assert CANARY_NOTE not in text and CANARY_VALUE not in text


def test_a_view_read_later_shows_what_its_seat_knew_when_it_was_made() -> None:
    # a view's events and judgements are worked out only when read; reading them after the game
    # has moved on must still give that moment's picture, not the later one
    from wargame.session.views import seat_events

    session = Session(scenarios.load(FLAGSHIP), seed=3)
    session.advance(12 * 24 * 60)
    early = session.view("france")
    made_at = len(session.white_cell().events)
    twin = session.view("france")
    judged = (dict(twin.assessments), dict(twin.credibility))  # read at once
    session.advance(20 * 24 * 60)
    later = session.view("france")
    assert len(later.events) > len(early.events)
    assert list(early.events) == list(seat_events(session.white_cell().events[:made_at], "france"))
    assert (dict(early.assessments), dict(early.credibility)) == judged
    assert early.assessments != later.assessments  # the game did move on
    assert early == twin
    assert early.events[-1].seq < made_at and later.events[: len(early.events)] == tuple(early.events)
