"""Decisions a seat may take at any time, and the Lanchester maths of the campaign."""

from __future__ import annotations

import pytest
from conftest import FLAGSHIP

from wargame.engine.decisions import DecisionError
from wargame.model.clock import DAY
from wargame.model.lanchester import advance_km, lanchester_day
from wargame.model.scenario_files import scenarios
from wargame.session.session import Session


def _human(seat: str, seed: int = 1) -> Session:
    return Session(scenarios.load(FLAGSHIP), seed=seed, seats=[f"{seat}=human"])


def _until_war(session: Session, seat: str) -> None:
    """Answer the seat's prompts: mobilise and declare war; everything else by default."""
    while seat not in [a for a in session.world.actors["germany"].at_war_with]:
        for p in session.advance_to_decision():
            choice = {"mobilise": "order", "declare_war": "declare"}.get(p.kind, p.default)
            session.submit(seat, p.id, choice, reason="test")


def test_launch_offensive_at_will_after_preparation() -> None:
    session = _human("france")
    with pytest.raises(DecisionError, match="not at war"):
        session.submit("france", None, "general", kind="launch_offensive")
    _until_war(session, "france")
    ordered = session.now
    session.submit("france", None, "limited", reason="help Poland now", kind="launch_offensive")
    with pytest.raises(DecisionError, match="already being prepared"):
        session.submit("france", None, "general", kind="launch_offensive")
    session.advance(5 * DAY)
    launched = [e for e in session.events if e.kind == "offensive"]
    assert launched and launched[0].data.scale == "limited"
    assert 2 * DAY <= launched[0].t - ordered <= 4 * DAY  # the front's preparation time, about 3 days


def test_aid_reaches_the_protected_front_and_signals_resolve() -> None:
    def polish_front(send: bool) -> tuple[Session, float]:
        session = _human("uk")
        session.advance(11 * DAY)  # after the invasion
        if send:
            before = session.white_cell().credibility["germany"]["uk"]
            session.submit("uk", None, "aid", reason="materiel for Poland", kind="send_aid")
            assert session.white_cell().credibility["germany"]["uk"] > before
        session.advance(15 * DAY)
        return session, next(f.defender for f in session.white_cell().fronts if f.id == "poland")

    aided, with_aid = polish_front(True)
    _, without = polish_front(False)
    arrived = [e for e in aided.events if e.kind == "aid" and e.data.step == "arrived"]
    assert arrived and arrived[0].see == ("poland", "uk")
    assert with_aid > without


def test_talks_with_the_aggressor_lower_credibility() -> None:
    session = _human("france")
    before = session.white_cell().credibility["germany"]["france"]
    session.submit("france", None, "talks", reason="a conference, as Rome proposes", kind="negotiate")
    assert session.white_cell().credibility["germany"]["france"] < before
    with pytest.raises(DecisionError, match="no guarantee"):
        Session(scenarios.load(FLAGSHIP), seed=1, seats=["poland=human"]).submit(
            "poland", None, "talks", kind="negotiate"
        )


@pytest.mark.parametrize("f", [1.0, 3.0])
def test_lanchester_square_law_conserves_its_invariant(f: float) -> None:
    a, d, k = 90.0, 30.0, 0.0005
    invariant = a * a - f * d * d  # each fortified defender is worth sqrt(f) attackers
    for _ in range(200):
        a, d = lanchester_day(a, d, k, f)
    assert abs((a * a - f * d * d) - invariant) / invariant < 0.01
    assert d < 30 and a < 90


def test_fortification_protects_the_defender() -> None:
    _, d_open = lanchester_day(20, 20, 0.05, 1.0)
    a_fort, d_fort = lanchester_day(20, 20, 0.05, 3.0)
    a_open, _ = lanchester_day(20, 20, 0.05, 1.0)
    assert d_fort == d_open  # the defender's losses depend on the attackers
    assert a_fort < a_open  # the attacker's on the fortified defenders
    assert lanchester_day(1, 100, 0.5, 1.0)[0] == 0  # never below zero


def test_advance_grows_with_the_ratio_and_is_capped() -> None:
    assert advance_km(30, 10, 1.0, 20) == 20  # 3:1 buys the full day's advance
    assert advance_km(10, 10, 3.0, 20) < advance_km(10, 10, 1.0, 20)
    assert advance_km(1000, 1, 1.0, 20) == 40  # at most double
    assert advance_km(0, 10, 1.0, 20) == 0


def test_partial_mobilisation_runs_the_first_phase_only_and_can_be_cancelled() -> None:
    session = _human("france")
    before = session.white_cell().credibility["germany"]["france"]
    session.submit("france", None, "partial", reason="cover the frontier", kind="mobilise")
    after_partial = session.white_cell().credibility["germany"]["france"]
    session.advance(4 * DAY)
    state = session.world.actors["france"]
    assert state.mobilisation == "partial" and state.phases_done == 1 and state.divisions == 45
    session.submit("france", None, "cancel", reason="Rome offers a conference", kind="mobilise")
    assert session.white_cell().credibility["germany"]["france"] < after_partial
    assert after_partial > before
    with pytest.raises(DecisionError, match="no mobilisation under way"):
        session.submit("france", None, "cancel", kind="mobilise")


def test_general_mobilisation_at_will_replaces_the_prompt() -> None:
    session = _human("france")
    session.submit("france", None, "general", reason="do not wait for the invasion", kind="mobilise")
    with pytest.raises(DecisionError, match="already ordered"):
        session.submit("france", None, "general", kind="mobilise")
    session.advance(25 * DAY)
    prompts = [
        e
        for e in session.events
        if e.kind == "prompt" and e.data.decision == "mobilise" and "france" in e.actors
    ]
    assert prompts == []  # already mobilised when the invasion came: not asked again
    assert session.world.actors["france"].divisions == 85


def test_decisions_that_would_change_nothing_are_refused_before_the_journal() -> None:
    session = _human("france")
    _until_war(session, "france")
    session.submit("france", None, "limited", kind="launch_offensive")
    session.submit("france", None, "statement", reason="France will keep its word", kind="statement")
    session.advance(5 * DAY)

    def decisions() -> int:
        return sum(1 for e in session.events if e.kind == "decision" and e.data.seat == "france")

    n = decisions()
    for choice, kind, match in [
        ("probe", "launch_offensive", "can only widen"),
        ("limited", "launch_offensive", "can only widen"),
        ("cancel", "mobilise", "already ordered"),
        ("statement", "statement", "already stated"),
    ]:
        with pytest.raises(DecisionError, match=match):
            session.submit("france", None, choice, kind=kind)
    assert decisions() == n  # nothing journalled


def test_aid_needs_a_front_and_words_count_once() -> None:
    session = _human("uk")
    with pytest.raises(DecisionError, match="no front to reinforce yet"):
        session.submit("uk", None, "aid", kind="send_aid")
    session.submit("uk", None, "talks", kind="negotiate")
    once = session.white_cell().credibility["germany"]["uk"]
    session.submit("uk", None, "talks", kind="negotiate")
    assert session.white_cell().credibility["germany"]["uk"] == once
