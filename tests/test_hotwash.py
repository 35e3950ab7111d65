"""The hot wash: the review on one 80x24 screen, fast, in dates and names."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from conftest import FLAGSHIP, recorded
from test_report import facilitated, resumed_facilitated_game

from wargame.analysis.aar.hotwash import HotWash, hot_wash, hot_wash_of, hot_wash_text, seat_lines
from wargame.analysis.aar.review import after_action, review
from wargame.analysis.aar.types import PressureRecord
from wargame.engine.picture import assessments
from wargame.model.clock import DAY
from wargame.model.scenario_files import scenarios
from wargame.session.session import Session
from wargame.session.views import seat_events

#: What must never reach a reader: a model's day count, a missing value, a subject id, a kind id.
RAW = re.compile(
    r"None|\bday \d+\.\d|\b(forces|mobilisation)\.\w|attack_date|\b[a-z]+_[a-z]+\b|\d{4}-\d\d-\d\dT"
)


def game(overrides: tuple[str, ...] = (), answer: bool = False) -> Session:
    """The 1939 game, seed 1, France human (absent unless ``answer``: then it answers its first
    prompt itself), run to its end."""
    s = Session(scenarios.load(FLAGSHIP, overrides), seed=1, seats=recorded(FLAGSHIP, "france=human"))
    if answer:
        s.advance_to_decision()
        prompt = s.pending("france")[0]
        s.submit("france", prompt.id, prompt.options[-1], reason="the room's own")
    s.run_to_end()
    return s


@pytest.fixture(scope="module")
def played() -> Session:
    return game()


def check_page(text: str, height: int = 24) -> None:
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert len(lines) <= height
    assert not RAW.search(text), RAW.search(text)


def test_the_1939_hot_wash_fits_one_screen_in_dates_and_names(played: Session) -> None:
    text = hot_wash_text(hot_wash(played))
    check_page(text)
    assert "Germany invaded Poland on 1 Sep 1939 04:45" in text
    assert "France (the room)" in text and "Germany's divisions on the Franco-German border" in text
    assert "WHERE DECEPTION WORKED" in text and "westwall" in text


def test_the_hot_wash_leaves_the_session_as_it_was(played: Session) -> None:
    lines, now = played.lines[:], played.now
    hot_wash(played)
    assert played.lines == lines and played.now == now


def test_repeats_are_counted_and_a_change_of_answer_is_a_key_decision(played: Session) -> None:
    hw = hot_wash(played)
    france = next(s for s in hw.seats if s.name == "France")
    wait = next(k for k in france.turns if k.question == "declare war")
    asked = sum(1 for e in played.events if e.kind == "decision" and e.data.decision == "declare_war"
                and e.data.seat == "france")  # fmt: skip
    assert wait.times == asked > 1 and wait.choice == "wait" and wait.by == "by default"
    uk = next(s for s in hw.seats if s.name == "United Kingdom")
    war = next(k for k in uk.turns if k.question == "declare war")  # (after mobilising on the news)
    assert (war.choice, war.change) == ("declare", True)
    # (France's first key decision is now its mobilisation; the repeats show when its turns are all shown)
    assert f"{wait.times} times to" in "\n".join(seat_lines(france, len(france.turns), 80, hw.start))


def test_the_rooms_own_decisions_come_first() -> None:
    hw = hot_wash(game(answer=True))
    france = hw.seats[0]
    assert france.name == "France" and france.played_by == "the room"
    assert france.turns[0].human and france.turns[0].by == "by the room"
    assert france.turns[0].at in hot_wash_text(hw)


def test_beliefs_against_truth_for_a_seat_built_to_be_deceived(played: Session) -> None:
    """France is the target of the westwall deception (planted reports of a Siegfried line 2.2
    times as strong) and of the dedal agent: it believed the West far stronger than the 23 German
    divisions there. Its belief is the one its analysts held at the decision; without the
    deception and the agent, it is nearer the truth and the hot wash says nothing worked."""
    hw = hot_wash(played)
    france = next(s for s in hw.seats if s.name == "France")
    for k in france.turns:
        assert k.belief is not None
        decision = next(
            e for e in played.events if e.kind == "decision" and e.t == k.t and e.data.seat == "france"
        )
        held = assessments(seat_events(played.events[: decision.seq + 1], "france"))[k.belief.subject]
        assert (k.belief.estimate, k.belief.low, k.belief.high) == (held.value, held.low, held.high)
    west = [k.belief for k in france.turns if k.belief and k.belief.subject == "forces.west"]
    assert west and all(b.truth == 23 and b.estimate / b.truth >= 1.5 and b.far_from_truth for b in west)
    text = hot_wash_text(hw)
    assert re.search(r"Franco-German border: believed \d+, true 23 \(!\)", text)
    assert re.search(r"westwall \(Germany's divisions on the Franco-German border\) deceived France", text)
    assert "The agent dedal bent" in text and "leaked to Germany" in text

    honest = hot_wash(
        game(("deception.westwall.share=0", "penetrations.dedal.bias=1.0", "penetrations.dedal.suppress=0"))
    )
    france = next(s for s in honest.seats if s.name == "France")
    clean = [b for k in france.turns for b in [k.belief] if b and b.subject == "forces.west"]
    assert clean and max(b.estimate for b in clean) < min(b.estimate for b in west)  # nearer the truth
    assert "westwall" not in hot_wash_text(honest) and "Nowhere" in hot_wash_text(honest)


def test_a_facilitated_game_has_its_hot_wash() -> None:
    hw = hot_wash(facilitated())  # one white-cell act of every kind
    text = hot_wash_text(hw)
    check_page(text)
    assert "The white cell intervened 5 times" in text
    for verb in ("held", "published", "skipped", "wrote", "overrode"):
        assert verb in hw.white_cell
    assert all(s.seat != "white" for s in hw.seats)


def test_a_hot_wash_mid_game_and_of_a_review_already_made() -> None:
    s = Session(scenarios.load(FLAGSHIP), seed=2, seats={"france": "human"})
    s.advance(3 * DAY)
    hw = hot_wash(s)
    assert isinstance(hw, HotWash) and hw.status.startswith("in progress at")
    text = hot_wash_text(hw)
    check_page(text)
    assert "has not invaded Poland yet" in text
    assert hot_wash_of(after_action(s)) == hw


@pytest.mark.parametrize("name", ["eastmark-2031", "norway-1940", "tutorial"])
def test_every_bundled_scenario_has_a_clean_hot_wash(name: str) -> None:
    s = Session(scenarios.load(name), seed=1)
    s.run_to_end()
    check_page(hot_wash_text(hot_wash(s)))  # six seats too, in the compact form


def test_a_resumed_game_and_a_confirmed_default(tmp_path: Path) -> None:
    """Every journal the game can write: one closed and resumed, and decisions whose ``by`` is
    any string (the ``room`` branch writes "default, confirmed by the white cell")."""
    again = resumed_facilitated_game(tmp_path / "resumed.jsonl")
    check_page(hot_wash_text(hot_wash(again)))

    confirmed = "default, confirmed by the white cell"
    events = [
        attrs.evolve(e, data=attrs.evolve(e.data, by=confirmed))
        if e.kind == "decision" and e.data.by == "default"
        else e
        for e in again.events
    ]
    aar = review(again.loaded, again.seed, again.seats, events, again.now)
    text = hot_wash_text(hot_wash_of(aar))
    check_page(text)
    france = next(s for s in hot_wash_of(aar).seats if s.seat == "france")
    assert all(k.by == "by default, confirmed by the white cell" for k in france.turns)
    assert "(by default, confirmed by the white cell)" in " ".join(text.split())


# --- issue #17, round 2: the hot wash of a blockade (trial item 6) ---


def test_the_headline_of_a_blockade_that_was_lifted_or_escalated(played: Session) -> None:
    aar = after_action(played)
    record = PressureRecord(
        means="blockade", t=3 * DAY, at="1939-08-29T04:45", demand="Danzig", escorts=("uk", "france"),
        ending="lift", ending_at="1939-09-20T04:45", forced=False,
    )  # fmt: skip
    o = attrs.evolve(aar.outcome, invasion_day=None, pressure_day=22, endurance_at_end=0.58)
    lifted = attrs.evolve(aar, outcome=o, pressure=record, timeline=())
    words = " ".join(hot_wash_of(lifted).headline)
    assert "was deterred" not in words and "never invaded" not in words
    assert words == (
        "Germany blockaded Poland on 29 Aug 1939 04:45. Poland bore 22 days of it, endurance 0.58 left; "
        "escorted by United Kingdom and France. Germany lifted the blockade on 20 Sep 1939 04:45."
    )
    g = next(iter(aar.outcome.guarantors))
    # the outcome counts a declaration from the aggressor's first act (the blockade's start)
    per = attrs.evolve(aar.outcome.guarantors[g], war_declared_after_days=1.5)
    o = attrs.evolve(aar.outcome, guarantors={**aar.outcome.guarantors, g: per})
    escalated = attrs.evolve(aar, outcome=o, pressure=attrs.evolve(record, ending="escalation"))
    words = " ".join(hot_wash_of(escalated).headline)
    assert ", then invaded it on " in words
    assert f"{aar.names[g]} declared war 1.5 days into the blockade" in words


def test_a_seats_estimate_of_itself_is_not_its_key_belief(played: Session) -> None:
    aar = after_action(played)
    for s in hot_wash_of(aar).seats:
        for k in s.turns:
            assert k.belief is None or k.belief.subject != f"mobilisation.{s.seat}", (s.seat, k.belief)
