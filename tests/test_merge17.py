"""What the merge of issue #17's parts had to settle, on the maritime scenario (velmora-strait-2033):
a blockade that becomes an invasion triggers the guarantee anew at the invasion's clarity; a
lifted blockade is an act, not deterrence; the game's days count from the first act; a doctrine
counts a conditional promise only once its condition holds; a third party takes one side."""

from __future__ import annotations

from wargame.engine.events import (
    DecisionData,
    GuaranteeData,
    InterventionData,
    InvasionData,
    LiftData,
    PromptData,
    WarData,
)
from wargame.engine.outcome import measures
from wargame.model.scenario_files import scenarios
from wargame.session.session import Session

VELMORA = "velmora-strait-2033"


def _play(
    name: str, seed: int = 1, sets: tuple[str, ...] = (), seats: dict[str, str] | None = None
) -> Session:
    session = Session(scenarios.load(name, list(sets)), seed=seed, seats=seats or {})
    session.run_to_end()
    return session


def test_an_escalation_triggers_the_guarantee_anew_at_the_invasions_clarity() -> None:
    session = _play(VELMORA)
    events = session.world.journal.events
    triggers = [(e.data.trigger, e.data.trigger_clarity) for e in events if isinstance(e.data, GuaranteeData)]
    assert triggers == [("blockade", 0.2), (None, 0.85)]  # the blockade's, then the invasion's
    invaded = next(e.t for e in events if isinstance(e.data, GuaranteeData) and e.data.trigger is None)
    asked = [e.text for e in events if isinstance(e.data, PromptData) and e.data.decision == "declare_war"]
    later = [
        e.text
        for e in events
        if isinstance(e.data, PromptData) and e.data.decision == "declare_war" and e.t > invaded
    ]
    assert any("blockade" in q for q in asked)  # before: over the blockade
    assert later and not any("blockade" in q for q in later)  # after: over the invasion


def test_days_count_from_the_first_act_and_a_lifted_blockade_is_not_deterrence() -> None:
    session = _play(VELMORA, seats={"kessaria": "bot:cautious"})  # a cautious aggressor lifts
    events = session.world.journal.events
    assert any(isinstance(e.data, LiftData) for e in events)
    out = measures(events, session.scenario)
    assert not out.deterred and out.deterrence != "deterred" and out.end_state == "resisted"
    assert out.trigger == "blockade" and out.duration_days is not None and out.duration_days > 0
    for g in out.guarantors.values():  # counted from the blockade, which came first
        assert g.war_declared_after_days is None or g.war_declared_after_days >= 0


def test_a_war_promise_conditional_on_invasion_does_not_bind_over_the_blockade() -> None:
    """Maridell's only war promise binds from an invasion: under the blockade (clarity 0.2) a
    liberal Maridell does not declare 'because the treaty says so' (before the fix it declared on
    the blockade's first day in every game); once Kessaria invades, it does."""
    for seed in (1, 2, 3):
        events = _play(VELMORA, seed=seed).world.journal.events
        invaded = next(e.t for e in events if isinstance(e.data, InvasionData))
        declared = [e.t for e in events if isinstance(e.data, WarData) and e.data.actor == "maridell"]
        assert declared and all(t >= invaded for t in declared)


def test_a_third_party_offered_both_sides_takes_one() -> None:
    for seed in range(1, 6):
        session = _play("oren-valley-2032", seed=seed, seats={"saronia": "bot:resolute"})
        entries = [e.data for e in session.world.journal.events if isinstance(e.data, InterventionData)]
        assert len([d for d in entries if d.actor == "saronia"]) <= 1


def test_credibility_weighs_the_treatys_clarity_for_the_act_seen() -> None:
    """Maridell's treaty is vague about a blockade (0.2) and clear about an invasion (0.85): an
    observer who has seen the blockade become an invasion finds it more credible than one who has
    seen only the blockade (review of #17: the prior read the planned act once for the game)."""
    from wargame.engine.credibility import credibility
    from wargame.engine.events import PressureData
    from wargame.engine.journal import EVERYONE, Event

    scenario = scenarios.load(VELMORA).scenario

    def event(seq: int, data: object) -> Event:
        return Event(t=seq, seq=seq, actors=(), see=(EVERYONE,), text="", data=data)  # type: ignore[arg-type]

    blockade = event(1, PressureData(aggressor="kessaria", target="velmora", means="blockade", demand=""))
    landing = event(2, InvasionData(aggressor="kessaria", target="velmora"))
    before = credibility(scenario, "maridell", [blockade])
    after = credibility(scenario, "maridell", [blockade, landing])
    assert after > before + 0.1
    assert credibility(scenario, "maridell", []) == before  # before any act: the planned one's


def test_no_attack_date_is_collected_once_the_aggressor_has_acted() -> None:
    """Under a blockade the planned date has come: services stop reporting it (a re-trial of #17
    counted 135 'Kessaria will attack on <a past date>' reports in one game); only reports already
    on their way arrive, within a day or two."""
    from wargame.engine.events import PressureData, ReportData

    events = _play(VELMORA).world.journal.events
    began = next(e.t for e in events if isinstance(e.data, PressureData))
    late = [
        e
        for e in events
        if isinstance(e.data, ReportData) and e.data.subject == "attack_date" and e.t > began
    ]
    assert all(e.t - began <= 2 * 24 * 60 for e in late)


def test_warning_lead_counts_to_the_first_act() -> None:
    session = _play(VELMORA)
    out = measures(session.world.journal.events, session.scenario)
    leads = [v for v in out.warning_lead_days.values() if v is not None]
    assert leads and max(leads) < 15  # to the blockade (day 9), not to the invasion weeks later


def test_aid_reaches_a_front_quiet_behind_the_aggressors_halt_line() -> None:
    """Once Dravenia halts on the Oren river, Tirsa still holds the rest of the valley: a shipment
    reaches it (a re-trial of #17 read 'arrives too late: there is no front left' there)."""
    from wargame.engine.events import AidData, ObjectiveData

    for seed in range(1, 6):
        events = _play("oren-valley-2032", seed=seed).world.journal.events
        halted = next((e.t for e in events if isinstance(e.data, ObjectiveData)), None)
        steps = [
            e.data.step for e in events if isinstance(e.data, AidData) and halted is not None and e.t > halted
        ]
        assert "lost" not in steps


def test_a_third_party_is_asked_about_one_side_at_a_time() -> None:
    """Saronia may join either side in Oren: its two entries are asked one after the other, never
    both at once (a re-trial of #17 found both prompts open in the same minute, the second 'enter'
    dropped without a word), and each prompt names the side."""
    asked = 0
    for seed in range(1, 6):
        events = _play("oren-valley-2032", seed=seed, seats={"saronia": "bot:cautious"}).world.journal.events
        mine = [
            e
            for e in events
            if (isinstance(e.data, PromptData) and e.data.decision == "intervene" and "saronia" in e.see)
            or (
                isinstance(e.data, DecisionData)
                and e.data.seat == "saronia"
                and e.data.decision == "intervene"
            )
        ]
        kinds = [type(e.data).__name__ for e in mine]
        asked += kinds.count("PromptData")
        assert "PromptDataPromptData" not in "".join(kinds)  # never two questions open together
        assert all("on the side of" in e.text for e in mine if isinstance(e.data, PromptData))
    assert asked >= 2
