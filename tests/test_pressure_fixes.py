"""Pressure fixes after the new-user trial of issue #17: aid under a pressure, the escort promise,
the hybrid-to-blockade ladder, the texts, and the checks (docs/model.md, Pressure)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs
from test_pressure import ACT, build, decisions, of, play, scenarios_minute

from wargame.engine.events import (
    AidData,
    EscalationData,
    EscortData,
    FalseAlarmData,
    GuaranteeData,
    PostponementData,
    PressureData,
    PressureDayData,
    PromiseData,
    PromptData,
    WarningData,
)
from wargame.model.checks import reference_problems
from wargame.model.lint import suspicious
from wargame.model.scenario import Promise
from wargame.model.scenario_files import scenarios
from wargame.model.scenario_files.scenarios import LoadedScenario
from wargame.session.session import Session

DAY = 24 * 60


def treaty(loaded: LoadedScenario, **fields: Any) -> LoadedScenario:
    """``loaded`` with its one guarantee's fields overridden."""
    s = loaded.scenario
    g = attrs.evolve(s.guarantees[0], **fields)
    return attrs.evolve(loaded, scenario=attrs.evolve(s, guarantees=(g,)))


def aid_game(loaded: LoadedScenario, escort: bool = False, **seats: str) -> Session:
    """Corvia (a person) sends aid (and escorts, if ``escort``) an hour into the pressure; the game
    runs to its end."""
    session = Session(loaded, seed=1, seats={"corvia": "human", **seats})
    session.advance_until(scenarios_minute(loaded, ACT) + 60)
    if escort:
        session.submit("corvia", None, "escort", kind="escort")
    session.submit("corvia", None, "aid", "fuel for Belmark", kind="send_aid")
    session.run_to_end()
    return session


# -- 1. aid under a pressure --------------------------------------------------------------------


def test_aid_is_refused_before_any_act_and_sent_under_a_blockade() -> None:
    loaded = build()
    session = Session(loaded, seed=1, seats={"corvia": "human"})
    session.advance_until(scenarios_minute(loaded, ACT) - 60)
    why = dict((k, w) for k, _, w in session.free_decisions("corvia"))["send_aid"]
    assert why is not None and "no front to reinforce yet" in why
    session.advance_until(scenarios_minute(loaded, ACT) + 60)
    assert dict((k, w) for k, _, w in session.free_decisions("corvia"))["send_aid"] is None


def test_aid_under_a_blockade_raises_the_endurance_when_it_arrives() -> None:
    pressure = {"aid_intercept": 0.0, "aid_endurance": 0.15, "run_risk": 0.0, "concede_endurance": 0.0}
    loaded = treaty(build(pressure=pressure), aid_days=3.0)
    events = aid_game(loaded, belmark="bot:resolute").events
    sent, arrived = of(events, AidData)
    assert (sent.step, sent.divisions, sent.endurance) == ("sent", 0, 0.15)
    assert (arrived.step, arrived.endurance) == ("arrived", 0.15)
    t = next(e.t for e in events if isinstance(e.data, AidData) and e.data.step == "arrived")
    before = [e.data.endurance for e in events if isinstance(e.data, PressureDayData) and e.t < t][-1]
    after = next(e.data.endurance for e in events if isinstance(e.data, PressureDayData) and e.t > t)
    assert after > before  # the day after it arrives, endurance stands higher than the day before
    text = next(e.text for e in events if isinstance(e.data, AidData) and e.data.step == "sent")
    assert "divisions" not in text and text.endswith("to Belmark, under Ardenia's blockade.")


def test_aid_is_intercepted_under_a_blockade_unless_escorted() -> None:
    pressure = {"aid_intercept": 1.0, "blockader_naval": 5.0, "escort_naval": 5.0}
    loaded = treaty(build(pressure=pressure), aid_days=2.0)
    alone = of(aid_game(loaded).events, AidData)
    assert [a.step for a in alone] == ["sent", "intercepted"]
    escorted = aid_game(loaded, escort=True).events  # an escort that matches the blockader
    assert of(escorted, EscortData) and [a.step for a in of(escorted, AidData)] == ["sent", "arrived"]
    hybrid = treaty(build(means="hybrid", clarity={"hybrid": 0.5}, pressure=pressure), aid_days=2.0)
    assert [a.step for a in of(aid_game(hybrid).events, AidData)] == ["sent", "arrived"]  # no ships stopped


def test_an_aid_promise_of_a_blockade_can_be_kept() -> None:
    promises = (Promise(action="aid", day=2),)
    loaded = treaty(build(), promises=promises, aid_days=3.0)
    (kept,) = of(aid_game(loaded).events, PromiseData)
    assert kept.action == "aid" and kept.kept
    (broken,) = of(play(loaded, corvia="bot:passive"), PromiseData)
    assert not broken.kept


# -- 2. the escort promise; a guarantor bound to no war ----------------------------------------


def test_an_escort_promise_is_kept_by_escorting() -> None:
    loaded = treaty(build(), promises=(Promise(action="escort", day=2),))
    (kept,) = of(play(loaded, corvia="bot:resolute"), PromiseData)
    assert kept.action == "escort" and kept.kept
    (broken,) = of(play(loaded, corvia="bot:passive"), PromiseData)
    assert not broken.kept


def test_a_liberal_bound_to_escort_only_does_not_invoke_the_casus_foederis() -> None:
    loaded = treaty(build(clarity={"blockade": 1.0}), promises=(Promise(action="escort", day=2),))
    asked = decisions(play(loaded, corvia="bot:liberal", belmark="bot:resolute"), "declare_war")
    assert asked, "a party to the guarantee is still asked to declare war"
    assert all("casus foederis" not in (d.reason or "") for d in asked)
    assert all("our promises name no war" in (d.reason or "") for d in asked)
    war = treaty(build(clarity={"blockade": 1.0}), promises=(Promise(action="declare_war", day=2),))
    told = decisions(play(war, corvia="bot:liberal", belmark="bot:resolute"), "declare_war")
    assert any("casus foederis" in (d.reason or "") for d in told)


# -- 3. the ladder: hybrid, blockade, invasion ---------------------------------------------------


def test_a_hybrid_campaign_may_become_a_blockade_that_triggers_the_blockade_guarantees() -> None:
    loaded = build(means="hybrid", clarity={"blockade": 0.6}, concession_by=datetime(2030, 9, 8, 5))
    session = Session(loaded, seed=1, seats={"ardenia": "human", "belmark": "bot:resolute"})
    prompt = None
    while prompt is None:
        pending = session.advance_to_decision()
        if not pending:
            break
        for p in pending:
            if p.kind == "escalate":
                prompt = p
            else:
                session.submit("ardenia", p.id, p.default)
    assert prompt is not None
    assert prompt.options == ("invade", "blockade", "persist", "lift")
    assert "blockade it" in prompt.question
    session.submit("ardenia", prompt.id, "blockade")
    session.advance_until(session.now + 60)
    events = session.events
    (escalation,) = of(events, EscalationData)
    assert escalation.to == "blockade"
    (g,) = of(events, GuaranteeData)  # not covered as a hybrid campaign; triggered by the blockade
    assert g.trigger == "blockade" and g.trigger_clarity == 0.6
    assert "triggered by a blockade (clarity 0.6)" in next(e.text for e in events if e.data is g)
    assert any(isinstance(e.data, PromptData) and e.data.decision == "escort" for e in events)
    session.close()


def test_a_blockade_offers_no_blockade_rung() -> None:
    loaded = build(concession_by=datetime(2030, 9, 8, 5))
    events = play(loaded, ardenia="bot:passive", corvia="bot:passive", belmark="bot:resolute")
    asked = [e.data for e in events if isinstance(e.data, PromptData) and e.data.decision == "escalate"]
    assert asked and all(p.options == ("invade", "persist", "lift") for p in asked)


# -- 4. texts ------------------------------------------------------------------------------------


def test_a_postponed_blockade_is_put_off_not_an_attack_order_cancelled() -> None:
    loaded = build()
    session = Session(loaded, seed=1, seats={"ardenia": "human"})
    (attack,) = [p for p in session.advance_to_decision() if p.kind == "attack"]
    session.submit("ardenia", attack.id, "postpone")
    session.advance(60)
    text = next(e.text for e in session.events if isinstance(e.data, PostponementData))
    assert text.startswith("The blockade is put off;") and "attack order" not in text
    session.close()


def test_a_pressure_without_a_demand_asks_to_give_in_and_check_warns() -> None:
    loaded = build(means="hybrid", clarity={"hybrid": 0.1})
    s = loaded.scenario
    bare = attrs.evolve(loaded, scenario=attrs.evolve(s, aggressor=attrs.evolve(s.aggressor, demand="")))
    events = play(bare, corvia="bot:passive")
    asked = [
        e.text for e in events if isinstance(e.data, PromptData) and e.data.decision == "pressure_response"
    ]
    assert asked and all("or give in?" in t and "demand" not in t for t in asked)
    (g,) = [e.text for e in events if isinstance(e.data, GuaranteeData)]
    assert "triggered by a hybrid campaign (clarity 0.1)" in g
    warnings = dict(suspicious(bare.scenario))
    assert "with no demand" in warnings[("aggressor", "means")]
    assert ("aggressor", "means") not in dict(suspicious(loaded.scenario))


def test_a_silent_guarantor_is_a_party_not_bound_and_warnings_name_the_act() -> None:
    session = Session(scenarios.load("velmora-strait-2033"), seed=1)
    session.run_to_end()
    texts = [e.text for e in session.events]
    trigger = next(t for t in texts if "is triggered" in t)
    assert "Maridell bound to assist Velmora; Aldoria, which has said nothing, is a party" in trigger
    assert not any("warn of an attack" in t for t in texts)
    assert any("warn of a blockade" in t for t in texts)
    begun = next(e.t for e in session.events if isinstance(e.data, PressureData))
    late = [e for e in session.events if isinstance(e.data, WarningData | FalseAlarmData) and e.t > begun]
    assert late == []  # the act they watched for has come: no stale warning, no false alarm of it


# -- 5. check ------------------------------------------------------------------------------------


def test_check_refuses_a_concession_deadline_before_the_act() -> None:
    early = build(concession_by=datetime(2030, 9, 4, 5)).scenario  # a day before the blockade
    problems = dict(reference_problems(early))
    assert "must come after the act it follows" in problems[("aggressor", "concession_by")]
    assert ("aggressor", "concession_by") not in dict(
        reference_problems(build(concession_by=datetime(2030, 9, 8, 5)).scenario)
    )


def test_check_warns_that_coercion_by_strike_plays_as_a_seizure() -> None:
    s = build(means="strike", clarity={"strike": 0.5}).scenario
    coerce = attrs.evolve(s, aggressor=attrs.evolve(s.aggressor, aim="coerce"))
    assert any("plays as a seizure" in m for p, m in suspicious(coerce) if p == ("aggressor", "means"))
    assert not any("seizure" in m for _, m in suspicious(s))


def test_the_daily_harm_after_aid_is_still_recorded_day_by_day() -> None:
    loaded = treaty(build(pressure={"aid_intercept": 0.0}), aid_days=1.0)
    days = [d.day for d in of(aid_game(loaded).events, PressureDayData)]
    assert days == list(range(1, len(days) + 1)) and len(days) >= 10
    assert DAY == 1440
