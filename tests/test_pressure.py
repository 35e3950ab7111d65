"""Triggers other than invasion: blockade, strike and hybrid pressure, clarity per trigger kind,
escorts, concession and coercive escalation (wargame.engine.pressure, docs/model.md, Pressure)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from test_prompt_context import ALLOWED

from wargame.engine.events import (
    ConcessionData,
    DecisionData,
    EscalationData,
    EscortData,
    FrontData,
    GuaranteeData,
    InvasionData,
    LiftData,
    PressureData,
    PressureDayData,
    PromptData,
    WarData,
)
from wargame.engine.journal import Event
from wargame.engine.outcome import measures
from wargame.model.checks import reference_problems
from wargame.model.prompts import triggered
from wargame.model.scenario_files import scenarios
from wargame.model.scenario_files.scenarios import LoadedScenario
from wargame.session.session import Session

TUTORIAL = scenarios.load("tutorial")
ACT = datetime(2030, 9, 5, 5)  # the tutorial's planned instant


def build(
    means: str = "blockade",
    clarity: Mapping[str, float] | None = None,
    pressure: Mapping[str, Any] | None = None,
    corvia: Mapping[str, Any] | None = None,
    horizon_days: int = 20,
    **aggressor: Any,
) -> LoadedScenario:
    """The tutorial, its aggressor acting by ``means`` on day 4, its treaty's clarity table
    ``clarity`` (None: the blockade at 0.7), ``[pressure]`` and Corvia's fields overridden."""
    s = TUTORIAL.scenario
    plan = attrs.evolve(s.aggressor, means=means, demand="cede the border province", **aggressor)
    treaty = attrs.evolve(s.guarantees[0], clarity=dict({"blockade": 0.7} if clarity is None else clarity))
    actors = tuple(attrs.evolve(a, **(corvia or {})) if a.id == "corvia" else a for a in s.actors)
    scenario = attrs.evolve(
        s,
        aggressor=plan,
        guarantees=(treaty,),
        actors=actors,
        pressure=attrs.evolve(s.pressure, **(pressure or {})),
        scenario=attrs.evolve(s.scenario, horizon_days=horizon_days),
    )
    return attrs.evolve(TUTORIAL, scenario=scenario)


def play(loaded: LoadedScenario, seed: int = 1, **seats: str) -> list[Event]:
    session = Session(loaded, seed=seed, seats=seats)
    session.run_to_end()
    return list(session.events)


def of(events: list[Event], cls: type) -> list[Any]:
    return [e.data for e in events if isinstance(e.data, cls)]


def decisions(events: list[Event], kind: str) -> list[DecisionData]:
    return [d for d in of(events, DecisionData) if d.decision == kind]


# -- the pressure itself ------------------------------------------------------------------------


def test_a_blockade_wears_the_protected_state_down_with_no_invasion() -> None:
    events = play(build(), corvia="bot:passive")
    assert of(events, InvasionData) == [] and of(events, FrontData) == []
    (pressure,) = of(events, PressureData)
    assert (pressure.means, pressure.target, pressure.demand) == (
        "blockade",
        "belmark",
        "cede the border province",
    )
    days = of(events, PressureDayData)
    assert len(days) >= 10
    endurance = [d.endurance for d in days]
    assert endurance == sorted(endurance, reverse=True) and endurance[-1] < 0.9
    assert all(d.escorted == 0 for d in days)  # nobody escorts
    o = measures(events, build().scenario)
    assert o.trigger == "blockade" and o.pressure_day == days[-1].day
    assert o.endurance_at_end == endurance[-1] and o.concession is False


def test_the_attack_prompt_names_the_act() -> None:
    events = play(build(), corvia="bot:passive")
    attack = next(e for e in events if isinstance(e.data, PromptData) and e.data.decision == "attack")
    assert "blockade Belmark at" in attack.text and attack.data.context["means"] == "blockade"


def test_the_protected_state_concedes_when_its_endurance_is_spent() -> None:
    loaded = build(pressure={"harm_per_day": 0.1, "run_risk": 0.0, "concede_endurance": 0.3})
    events = play(loaded, corvia="bot:passive", belmark="bot:resolute")
    (concession,) = of(events, ConcessionData)
    assert concession.forced and concession.actor == "belmark" and concession.to == "ardenia"
    last = of(events, PressureDayData)[-1]
    assert last.endurance <= 0.3
    assert measures(events, loaded.scenario).concession


def test_accept_records_a_concession_and_ends_the_pressure() -> None:
    events = play(build(), belmark="bot:cautious")
    (concession,) = of(events, ConcessionData)
    assert not concession.forced and concession.demand == "cede the border province"
    assert of(events, PressureDayData) == []  # it conceded on the first day: no day of harm
    o = measures(events, build().scenario)
    assert o.concession and o.pressure_day == 0 and o.endurance_at_end == 1.0


def _endurance(pressure: Mapping[str, Any], **seats: str) -> float:
    loaded = build(pressure={"run_risk": 0.0, "concede_endurance": 0.0, **pressure}, horizon_days=14)
    return of(play(loaded, **seats), PressureDayData)[-1].endurance


def test_an_escort_reduces_the_harm_in_proportion_to_its_naval_strength() -> None:
    alone = _endurance({}, corvia="bot:passive", belmark="bot:passive")
    small = _endurance(
        {"escort_naval": 5, "blockader_naval": 10}, corvia="bot:resolute", belmark="bot:passive"
    )
    large = _endurance(
        {"escort_naval": 20, "blockader_naval": 10}, corvia="bot:resolute", belmark="bot:passive"
    )
    assert alone < small < large < 1.0


def test_escort_share_grows_with_naval_strength_and_reads_the_actors_ships() -> None:
    events = play(build(pressure={"escort_naval": 5, "blockader_naval": 10}), corvia="bot:resolute")
    (escort,) = of(events, EscortData)
    assert escort.actor == "corvia" and escort.naval == 5
    assert of(events, PressureDayData)[-1].escorted == pytest.approx(0.6 * 0.5)


def test_running_the_blockade_relieves_it_at_a_risk() -> None:
    safe = _endurance({"run_relief": 0.5}, corvia="bot:passive", belmark="bot:passive")  # default: run
    events = play(build(pressure={"run_relief": 0.5, "run_risk": 1.0}), corvia="bot:passive")
    days = of(events, PressureDayData)
    assert all(d.run and d.intercepted for d in days)
    assert days[0].harm == pytest.approx(0.02 * 1.5)
    assert safe > 1.0 - 14 * 0.02  # ran safely: less harm than bearing it


def test_a_hybrid_campaign_cannot_be_escorted() -> None:
    loaded = build(means="hybrid", clarity={"hybrid": 0.5})
    events = play(loaded, corvia="bot:resolute")
    assert of(events, EscortData) == [] and of(events, PressureDayData)
    assert not any(isinstance(e.data, PromptData) and e.data.decision == "escort" for e in events)
    assert of(events, GuaranteeData)[0].trigger == "hybrid"


# -- clarity per trigger kind --------------------------------------------------------------------


def test_a_guarantee_that_covers_the_blockade_is_triggered_by_it() -> None:
    events = play(build(clarity={"blockade": 0.9}), corvia="bot:resolute")
    (g,) = of(events, GuaranteeData)
    assert (g.trigger, g.trigger_clarity) == ("blockade", 0.9)
    ask = next(e.data for e in events if isinstance(e.data, PromptData) and e.data.decision == "declare_war")
    assert ask.context["trigger"] == "blockade" and ask.context["clarity"] == 0.9
    assert of(events, WarData)[0].actor == "corvia"


def test_a_guarantee_silent_on_the_blockade_is_not_triggered_by_it() -> None:
    loaded = build(clarity={"invasion": 0.9})
    assert triggered(loaded.scenario, "blockade") == () and triggered(loaded.scenario, "invasion")
    events = play(loaded, corvia="bot:resolute")
    assert of(events, GuaranteeData) == [] and of(events, WarData) == []
    assert decisions(events, "declare_war") == []
    assert of(events, EscortData)  # it may still escort
    assert measures(events, loaded.scenario).trigger is None


def test_invasion_clarity_defaults_to_trigger_clarity_and_other_kinds_are_not_covered() -> None:
    treaty = TUTORIAL.scenario.guarantees[0]
    s = TUTORIAL.scenario
    assert triggered(s, "invasion") == (treaty,) and triggered(s, "blockade") == ()
    assert triggered(s, "strike") == () and triggered(s, "hybrid") == ()


def test_a_strike_triggers_only_the_guarantees_that_cover_a_strike() -> None:
    events = play(build(means="strike", clarity={"strike": 0.6}), corvia="bot:resolute")
    (invasion,) = of(events, InvasionData)
    assert invasion.means == "strike"
    (g,) = of(events, GuaranteeData)
    assert (g.trigger, g.trigger_clarity) == ("strike", 0.6)
    uncovered = play(build(means="strike", clarity={}), corvia="bot:resolute")
    assert of(uncovered, InvasionData) and of(uncovered, GuaranteeData) == []


def test_an_invasion_journal_keeps_its_old_spelling() -> None:
    events = play(TUTORIAL)
    (invasion,) = of(events, InvasionData)
    assert invasion.means is None
    line = next(e for e in events if isinstance(e.data, GuaranteeData))
    assert "trigger" not in line.to_json()["data"]


def test_the_consultation_delay_is_graded_by_clarity() -> None:
    delays = []
    for c in (0.2, 0.5, 0.8, 1.0):
        events = play(build(clarity={"blockade": c}), corvia="bot:resolute")
        trig = next(e for e in events if isinstance(e.data, GuaranteeData))
        asked = next(e for e in events if isinstance(e.data, PromptData) and e.data.decision == "declare_war")
        delays.append(asked.t - trig.t)
    assert delays == sorted(delays, reverse=True) and len(set(delays)) == 4 and delays[-1] == 0


def _declared_share(clarity: float, seeds: range) -> float:
    loaded = build(
        clarity={"blockade": clarity},
        corvia={"doctrine_params": {"declare_promised": 0.15}, "resolve_sd": 1.5},
        horizon_days=7,
        expected_gain=5.0,
    )
    declared = 0
    for seed in seeds:
        first = decisions(play(loaded, seed=seed), "declare_war")[0]
        declared += first.choice == "declare"
    return declared / len(seeds)


@pytest.mark.slow
def test_declaring_war_over_a_blockade_rises_smoothly_with_clarity() -> None:
    """A sweep over clarity across seeds: the share of guarantors that declare at once rises with
    clarity, through several intermediate values (a curve, not a step)."""
    curve = [_declared_share(c, range(60)) for c in (0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0)]
    assert all(b >= a - 0.05 for a, b in itertools.pairwise(curve)), curve
    assert curve[0] < 0.2 and curve[-1] > 0.8, curve
    assert sum(1 for v in curve if 0.1 < v < 0.95) >= 3, curve


def test_the_doctrines_weigh_the_declaration_by_clarity() -> None:
    low, high = _declared_share(0.2, range(12)), _declared_share(1.0, range(12))
    assert low < high


# -- coercion: escalate, persist or lift ---------------------------------------------------------


def test_coercion_escalates_to_an_invasion_that_triggers_the_invasion_guarantees() -> None:
    loaded = build(clarity={"invasion": 0.8}, concession_by=datetime(2030, 9, 8, 5))
    events = play(loaded, ardenia="bot:resolute", corvia="bot:resolute", belmark="bot:resolute")
    (escalation,) = of(events, EscalationData)
    assert escalation.aggressor == "ardenia"
    (invasion,) = of(events, InvasionData)
    assert invasion.means is None
    (g,) = of(events, GuaranteeData)  # not triggered by the blockade; by the invasion, yes
    assert g.trigger is None and g.trigger_clarity == 0.8
    inv = next(e for e in events if isinstance(e.data, InvasionData))
    trig = next(e for e in events if isinstance(e.data, GuaranteeData))
    assert trig.t == inv.t and inv.t >= 3 * 24 * 60 + scenarios_minute(loaded, ACT)
    assert of(events, FrontData)  # the invasion front opens
    o = measures(events, loaded.scenario)
    assert o.trigger == "invasion" and not o.concession and o.pressure_day == 3


def scenarios_minute(loaded: LoadedScenario, when: datetime) -> int:
    return int((when - loaded.scenario.scenario.start).total_seconds() // 60)


def test_coercion_can_lift_the_pressure() -> None:
    loaded = build(concession_by=datetime(2030, 9, 8, 5))
    events = play(loaded, ardenia="bot:cautious", corvia="bot:passive", belmark="bot:resolute")
    assert of(events, LiftData) and of(events, InvasionData) == []
    lifted = next(e.t for e in events if isinstance(e.data, LiftData))
    assert all(e.t <= lifted for e in events if isinstance(e.data, PressureDayData))


# -- the schema and what seats are told ----------------------------------------------------------


def test_check_refuses_an_unknown_trigger_kind_and_a_clarity_out_of_range() -> None:
    s = build(clarity={"blokade": 0.5, "strike": 1.5}).scenario
    problems = dict(reference_problems(s))
    assert "did you mean 'blockade'" in problems[("guarantees", 0, "clarity", "blokade")]
    assert problems[("guarantees", 0, "clarity", "strike")] == "expected a number from 0 to 1, got 1.5"


def test_the_pressure_prompts_carry_only_reviewed_context() -> None:
    loaded = build(concession_by=datetime(2030, 9, 8, 5))
    for seed in (1, 2):
        for e in play(loaded, seed=seed):
            if isinstance(e.data, PromptData):
                unknown = set(e.data.context) - set(ALLOWED.get(e.data.decision, {}))
                assert not unknown, (e.data.decision, unknown)


def test_the_documented_toml_loads_and_plays(tmp_path: Path) -> None:
    text = (scenarios.bundled_dir() / "tutorial.toml").read_text(encoding="utf-8")
    text = text.replace(
        "max_transfer_divisions = 3\n",
        'max_transfer_divisions = 3\nmeans = "blockade"\ndemand = "the cession of the border province"\n'
        "concession_by = 2030-09-08T05:00:00\n\n[pressure]\nharm_per_day = 0.03\nconcede_endurance = 0.25\n"
        "blockader_naval = 12\n",
    )
    text = text.replace(
        "substantive_within_days = 5\n",
        "substantive_within_days = 5\n\n[guarantees.clarity]\nblockade = 0.4\n",
    )
    path = tmp_path / "blockade.toml"
    path.write_text(text, encoding="utf-8")
    loaded = scenarios.load(str(path))
    s = loaded.scenario
    assert s.aggressor.means == "blockade" and s.pressure.harm_per_day == 0.03
    assert s.guarantees[0].clarity == {"blockade": 0.4}
    events = play(loaded)
    assert of(events, PressureData) and of(events, GuaranteeData)[0].trigger_clarity == 0.4
    bad = text.replace("blockade = 0.4", "blokade = 0.4")
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(
        scenarios.ScenarioError, match=r"guarantees\[0\]\.clarity\.blokade: unknown trigger kind"
    ):
        scenarios.load(str(path))


def test_lint_warns_of_a_guarantee_that_covers_none_of_the_acts() -> None:
    from wargame.model.lint import suspicious

    warned = dict(suspicious(build(clarity={"invasion": 0.5}).scenario))
    assert "covers none of the acts the plan comes to (blockade)" in warned[("guarantees", 0, "id")]
    assert ("guarantees", 0, "id") not in dict(suspicious(build().scenario))
    # with a concession date, the invasion the pressure may come to covers it
    escalating = build(clarity={"invasion": 0.5}, concession_by=datetime(2030, 9, 8, 5)).scenario
    assert ("guarantees", 0, "id") not in dict(suspicious(escalating))


def test_the_briefing_names_the_act() -> None:
    from wargame.analysis.brief_parts import aggressor_lines

    assert aggressor_lines(build().scenario)[0].startswith("Ardenia blockades Belmark on")
    assert aggressor_lines(TUTORIAL.scenario)[0].startswith("Ardenia attacks Belmark on")


def test_the_briefings_tell_each_seat_its_pressure_prompts() -> None:
    from wargame.analysis.brief_parts import seat_prompts

    s = build(concession_by=datetime(2030, 9, 8, 5)).scenario
    assert seat_prompts(s, "belmark")[-1].startswith("pressure response: when Ardenia's blockade begins")
    assert seat_prompts(s, "corvia")[-1].startswith("escort: when Ardenia's blockade of Belmark begins")
    assert seat_prompts(s, "ardenia")[-1].startswith("escalate: on 8 Sep 2030 05:00")
    assert not any(p.startswith(("escort", "pressure")) for p in seat_prompts(TUTORIAL.scenario, "corvia"))


def _human_corvia(loaded: LoadedScenario) -> Session:
    """A session with Corvia played by a person, run to the first day of the pressure."""
    session = Session(loaded, seed=1, seats={"corvia": "human"})
    session.advance_until(scenarios_minute(loaded, ACT) + 60)
    return session


def test_a_guarantor_may_escort_unasked_under_a_blockade_only() -> None:
    from wargame.engine.decisions import DecisionError

    session = _human_corvia(build(clarity={}))
    before = dict((k, why) for k, _, why in session.free_decisions("corvia"))
    assert before["escort"] is None
    session.submit("corvia", None, "escort", "keep the sea lanes open", kind="escort")
    assert [e.data.actor for e in session.events if isinstance(e.data, EscortData)] == ["corvia"]
    with pytest.raises(DecisionError, match="already escorts"):
        session.submit("corvia", None, "escort", kind="escort")
    hybrid = _human_corvia(build(means="hybrid", clarity={}))
    with pytest.raises(DecisionError, match="no blockade to escort"):
        hybrid.submit("corvia", None, "escort", kind="escort")


def test_no_declaration_is_asked_once_the_pressure_is_conceded() -> None:
    loaded = build(clarity={"blockade": 0.0})  # a day of consultation before the first question
    events = play(loaded, belmark="bot:cautious", corvia="bot:resolute")
    assert of(events, ConcessionData)
    assert of(events, GuaranteeData) and decisions(events, "declare_war") == []


def test_a_treaty_never_called_on_is_graded_untriggered_not_abandoned() -> None:
    """A treaty that covers only an invasion, under a blockade that is lifted, was never triggered:
    the grade is `untriggered` (review of #17: it was graded `abandoned`, from the guarantees the
    plan could trigger rather than those the journal shows triggered)."""
    loaded = build(clarity={"invasion": 0.9}, concession_by=datetime(2030, 9, 8, 5))
    events = play(loaded, ardenia="bot:cautious", corvia="bot:passive", belmark="bot:resolute")
    assert of(events, LiftData) and of(events, GuaranteeData) == []
    out = measures(events, loaded.scenario)
    assert out.guarantee_honoured == "untriggered" and out.guarantees_honoured == {}
    assert not out.deterred  # the blockade was an act
