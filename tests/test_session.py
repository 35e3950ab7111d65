"""The session API at its edges: pauses, closes, free decisions, unplayable actors, deadlines."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from conftest import FLAGSHIP, play, recorded

from wargame.cli import main
from wargame.engine.decisions import DecisionError
from wargame.engine.journal import Event
from wargame.model.clock import DAY
from wargame.model.scenario_files import scenarios
from wargame.session.journal.chain import chained_line, start
from wargame.session.journal.read import read
from wargame.session.journal.verify import verify
from wargame.session.session import SeatError, Session


def _session(seats=(), overrides=(), seed: int = 1, journal: Path | None = None) -> Session:
    return Session(scenarios.load(FLAGSHIP, overrides), seed=seed, seats=seats, journal=journal)


def test_advance_after_close_returns_at_once() -> None:
    session = _session(seats=["poland=human"])
    session.advance_to_decision()
    session.close()
    n = len(session.events)
    session.advance(60)  # must not hang
    session.advance_until(10**9)
    assert len(session.events) == n


def test_fractional_minutes_never_reach_the_clock(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    session = _session(seats=["france=human"], journal=path)
    while not session.finished:
        session.advance_until(session.now + 97.5)
        assert isinstance(session.world.env.now, int)
        for p in session.pending("france"):
            session.submit("france", p.id, p.options[0], reason="first option")
    session.close()
    assert verify(read(path)).ok


def test_overrides_replay_exactly_in_order_and_precision(tmp_path: Path) -> None:
    overrides = [
        "fronts.west.fortification=1",
        "fronts.1.fortification=9",  # the same field again: the later one wins, on replay too
        "aggressor.postpone_days=6.0107636111",  # more digits than the journal's floats keep
    ]
    path = tmp_path / "g.jsonl"
    session = _session(seats=["france=bot:resolute"], overrides=overrides, journal=path)
    session.run_to_end()
    session.close()
    head = json.loads(path.read_text().splitlines()[0])
    assert head["overrides"] == overrides
    assert session.scenario.fronts[1].fortification == 9
    assert verify(read(path)).ok


def test_content_hash_sees_every_digit(tmp_path: Path) -> None:
    src = scenarios.resolve(FLAGSHIP)[0].read_text()
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text(src)
    b.write_text(src.replace("postpone_days = 6.0104", "postpone_days = 6.01040004"))
    assert scenarios.load(str(a)).digest != scenarios.load(str(b)).digest


def test_an_actor_that_is_not_a_seat_is_played_by_a_bot() -> None:
    session = play(seed=1, overrides=["actors.ussr.seat=false", "actors.germany.seat=false"])
    assert "ussr" not in session.seats and "germany" not in session.seats
    m = session.summary()
    assert m.invasion_day is not None and "ussr" in m.intervention_after_days
    with pytest.raises(SeatError):
        session.view("ussr")


def test_free_decisions_that_would_change_nothing_are_refused() -> None:
    session = _session(seats=["germany=human", "poland=human", "france=human"])
    session.advance(DAY)
    n = len(session.events)
    with pytest.raises(DecisionError, match="not a member"):
        session.submit("germany", None, "convene", kind="convene_council")
    with pytest.raises(DecisionError, match="no offensive under way"):
        session.submit("poland", None, "halt", kind="halt_offensive")
    assert len(session.events) == n  # nothing journalled
    session.submit("france", None, "convene", reason="consult London", kind="convene_council")
    with pytest.raises(DecisionError, match="already been called"):
        session.submit("france", None, "convene", kind="convene_council")


def test_a_prompt_at_its_deadline_is_no_longer_pending() -> None:
    session = _session(seats=["poland=human"])
    prompt = session.advance_to_decision()[0]
    session.advance_until(prompt.deadline - 1)
    assert [p.id for p in session.pending()] == [prompt.id]
    session.advance_until(prompt.deadline)
    assert session.pending() == [] and session.view("poland").pending == ()


def test_halting_and_relaunching_keeps_one_battle_per_front() -> None:
    session = _session(seats=recorded(FLAGSHIP, "france=human"), seed=2)
    launched = halted = False
    while not session.finished:
        for p in session.advance_to_decision():
            choice = {"mobilise": "order", "declare_war": "declare", "offensive": "probe"}.get(
                p.kind, p.default
            )
            session.submit("france", p.id, choice, reason="test")
            launched = launched or p.kind == "offensive"
        if launched and not halted and session.white_cell().fronts[1].status == "active":
            session.advance(5 * 60)
            session.submit("france", None, "halt", reason="pause", kind="halt_offensive")
            halted = True
    offensives = [e for e in session.events if e.kind == "offensive"]
    assert halted and len(offensives) == 2  # probed, halted, relaunched at the J+15 prompt
    west = [e.t for e in session.events if e.kind == "front" and e.data.front == "west"]
    short_gaps = [b - a for a, b in itertools.pairwise(west) if b - a < DAY]
    assert len(short_gaps) <= 1  # only across the relaunch: one battle, once a day


def test_intervention_waits_for_its_front_to_open() -> None:
    m = play(seed=1, overrides=["interventions.0.earliest=1939-08-23T00:00:00"]).summary()
    assert "ussr" in m.intervention_after_days
    assert m.intervention_after_days["ussr"] >= 0  # not before the invasion opened the front


def test_postponements_are_not_public() -> None:
    session = play(seed=1)
    invasion = next(e for e in session.view("poland").events if e.kind == "invasion")
    assert "postponements" not in json.dumps(invasion.to_json())
    assert session.summary().postponements == 1


def test_prompt_ids_do_not_reveal_other_seats_prompts() -> None:
    session = play(seed=1)
    ids = [e.data.prompt for e in session.view("poland").events if e.kind == "prompt"]
    numbers = [int(i.rsplit("-", 1)[1]) for i in ids]
    assert numbers == list(range(1, len(numbers) + 1))


def _tamper_header(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Change the header and rebuild the integrity chain, as a careful forger would."""
    lines = path.read_text().splitlines()
    head = json.loads(lines[0])
    change(head)
    new = [json.dumps(head, sort_keys=True, separators=(",", ":"), ensure_ascii=False)]
    chain = start(new[0])
    for line in lines[1:]:
        obj = json.loads(line)
        obj.pop("h")
        text, chain = chained_line(Event.from_json(obj), chain)
        new.append(text)
    path.write_text("\n".join(new) + "\n")


@pytest.mark.parametrize(
    "change",
    [
        lambda h: h.update(seed="abc"),
        lambda h: h.update(scenario="drole"),
        lambda h: h.update(seats={"france": 5}),
        lambda h: h.update(seats={"france": "robot"}),
        lambda h: h.update(overrides={"a": 1}),
        lambda h: h.update(seed=float("nan")),
    ],
)
def test_forged_headers_are_refused_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "g.jsonl"
    session = _session(journal=path)
    session.advance(DAY)
    session.close()
    _tamper_header(path, change)
    assert main(["replay", str(path), "--verify"]) == 2
    err = capsys.readouterr().err
    assert ":1:" in err and "Traceback" not in err


def test_nan_in_an_event_is_corruption_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "g.jsonl"
    session = _session(journal=path)
    session.advance(DAY)
    session.close()
    lines = path.read_text().splitlines()
    lines[3] = lines[3].replace('"data":{', '"data":{"x":NaN,', 1)
    path.write_text("\n".join(lines) + "\n")
    assert main(["show", str(path), "--white-cell"]) == 2
    assert ":4:" in capsys.readouterr().err


# -- no silent defaults in live play (hold_deadlines) ------------------------------------------

HOT_SEAT = ["france=human", "uk=human", "poland=human"]


def _defaults_for_humans(session: Session) -> list[Event]:
    return [
        e
        for e in session.events
        if e.kind == "decision" and e.data.by == "default" and session.seats[e.data.seat] == "human"
    ]


ADVANCES = {
    "advance_until": lambda s: s.advance_until(s.horizon - 1),
    "advance": lambda s: s.advance(40 * DAY),
    "advance_until_news": lambda s: s.advance_until_news(s.horizon + 1),
    "advance_to_decision": lambda s: s.advance_to_decision(),
    "run_to_end": lambda s: s.run_to_end(),
}


@pytest.mark.parametrize("method", sorted(ADVANCES))
def test_with_hold_deadlines_no_advance_passes_a_human_deadline(method: str) -> None:
    session = Session(scenarios.load(FLAGSHIP), seed=1, seats=HOT_SEAT, hold_deadlines=True)
    for _ in range(200):  # each call may stop early for news; it must never pass a deadline
        ADVANCES[method](session)
        if session.due():
            break
    due = session.due()
    assert due, "the clock should have stopped at a human deadline"
    assert session.now == min(p.deadline for p in session.pending()) - 1 == due[0].deadline - 1
    assert not _defaults_for_humans(session)
    n, now = len(session.events), session.now
    for advance in ADVANCES.values():  # nothing moves while a prompt is due
        advance(session)
    assert (len(session.events), session.now) == (n, now)
    assert session.due() == due and not session.finished


def test_confirmed_defaults_are_journalled_with_who_confirmed_and_replay(tmp_path: Path) -> None:
    path = tmp_path / "held.jsonl"
    session = Session(scenarios.load(FLAGSHIP), seed=1, seats=HOT_SEAT, journal=path, hold_deadlines=True)
    confirmed = 0
    while not session.finished:
        session.run_to_end()
        for p in session.due():
            who = "white" if confirmed % 2 else p.seat
            session.take_default(p.id, confirmed_by=who)
            confirmed += 1
    session.close()
    assert confirmed >= 2 and not _defaults_for_humans(session)
    bys = {e.data.by for e in session.events if e.kind == "decision"}
    assert "default, confirmed by the white cell" in bys
    assert any(
        b.startswith("default, confirmed by ") and b.endswith(("France", "Britain", "Poland")) for b in bys
    )
    verdict = verify(read(path))
    assert verdict.ok, verdict


def test_take_default_is_refused_for_the_wrong_confirmer_or_prompt() -> None:
    session = Session(scenarios.load(FLAGSHIP), seed=1, seats=HOT_SEAT, hold_deadlines=True)
    session.run_to_end()
    prompt = session.due()[0]
    other = next(s for s in ("france", "uk", "poland") if s != prompt.seat)
    with pytest.raises(DecisionError, match="may confirm"):
        session.take_default(prompt.id, confirmed_by=other)
    with pytest.raises(DecisionError, match="not an open prompt"):
        session.take_default("mobilise-nowhere-1", confirmed_by="white")
    session.take_default(prompt.id, confirmed_by=prompt.seat)
    with pytest.raises(DecisionError, match="not an open prompt"):
        session.take_default(prompt.id, confirmed_by="white")  # already taken


def test_without_hold_deadlines_an_absent_human_falls_to_the_default() -> None:
    session = Session(scenarios.load(FLAGSHIP), seed=1, seats=HOT_SEAT)
    assert session.hold_deadlines is False
    session.run_to_end()
    assert session.finished and _defaults_for_humans(session)
    held = Session(scenarios.load(FLAGSHIP), seed=1, seats=HOT_SEAT)
    held.hold_deadlines = True  # settable as an attribute, e.g. by `wargame play`
    held.run_to_end()
    assert not held.finished and held.due()
