"""Honest grades (issue #15): every game is graded, deterrence is graded, guarantors already at war
count, a game cut short is ambiguous, and the collective response is timed from any offensive.

Most tests grade small journals written here, event by event, against a bundled scenario: the
tutorial (one guarantor, Corvia, promised 3 divisions within 5 days) or eastmark-2031 (four
guarantors)."""

from __future__ import annotations

import json

import attrs
import pytest
from conftest import journal, play

from wargame.analysis.aar.findings import NOT_HONOURED
from wargame.analysis.aar.hotwash import HONOURED
from wargame.analysis.batch import describe
from wargame.analysis.rows import words_of
from wargame.engine import honour
from wargame.engine.events import (
    CollapseData,
    DeterredData,
    EndData,
    InvasionData,
    InvasionTruth,
    OffensiveData,
    WarData,
)
from wargame.engine.outcome import measures
from wargame.engine.outcome_types import Honour, Outcome
from wargame.engine.payload import Payload
from wargame.model.scenario import Scenario
from wargame.model.scenario_files import scenarios


@pytest.fixture(scope="module")
def tutorial() -> Scenario:
    return scenarios.load("tutorial").scenario


@pytest.fixture(scope="module")
def eastmark() -> Scenario:
    return scenarios.load("eastmark-2031").scenario


def invasion(
    day: float, target: str = "belmark", aggressor: str = "ardenia", postponed: int = 0
) -> tuple[float, Payload, Payload]:
    return day, InvasionData(aggressor=aggressor, target=target), InvasionTruth(postponements=postponed)


def end(day: float) -> tuple[float, Payload]:
    return day, EndData(fronts={})


def war(day: float, actor: str, on: str = "ardenia") -> tuple[float, Payload]:
    return day, WarData(actor=actor, on=on)


def offensive(day: float, actor: str, divisions: float, scale: str = "limited") -> tuple[float, Payload]:
    return day, OffensiveData(actor=actor, front="counter", scale=scale, divisions=divisions)


# -- deterrence --------------------------------------------------------------------------------


def test_a_deterred_game_is_graded_deterred_not_none(tutorial: Scenario) -> None:
    m = measures(journal((3, DeterredData(postponements=1)), end(10)), tutorial)
    assert m.deterred and m.deterrence == "deterred" and m.guarantee_honoured == "deterred"
    assert m.guarantee_held and m.protege_held and not m.honoured_substantively
    assert m.guarantees_honoured == {} and m.forces_delivered_share is None and m.functionality_days is None


def test_deterrence_delayed_when_the_attack_was_postponed_first(tutorial: Scenario) -> None:
    delayed = measures(journal(invasion(6, postponed=1), end(10)), tutorial)
    failed = measures(journal(invasion(4), end(10)), tutorial)
    assert (delayed.deterrence, failed.deterrence) == ("delayed", "failed")
    assert not delayed.deterred and not failed.deterred


def test_a_journal_cut_short_before_the_attack_is_undecided(tutorial: Scenario) -> None:
    m = measures(journal(end(10)), tutorial)
    assert m.deterrence == "deterred"  # the horizon came before any attack: deterred in this game
    cut = measures(journal(war(1, "corvia", on="somebody")), tutorial)
    assert cut.deterrence == "undecided" and cut.guarantee_honoured == "ambiguous" and not cut.guarantee_held
    assert cut.deterred  # the contract's flag: no invasion


# -- honour --------------------------------------------------------------------------------------


def test_an_offensive_of_the_promised_size_in_time_is_substantive(tutorial: Scenario) -> None:
    m = measures(journal(invasion(4), war(4.2, "corvia"), offensive(6, "corvia", 3), end(10)), tutorial)
    assert m.guarantees_honoured == {"treaty": "substantive"} and m.guarantee_honoured == "substantive"
    assert m.honoured_substantively and m.guarantee_held and m.forces_delivered_share == 1.0
    late = measures(journal(invasion(4), war(4.2, "corvia"), offensive(9.5, "corvia", 3), end(10)), tutorial)
    assert late.guarantee_honoured == "formal" and late.forces_delivered_share == 0.0


def test_a_game_cut_short_before_the_window_closes_is_ambiguous(tutorial: Scenario) -> None:
    # invaded on day 4, promised within 5 days: the journal stops on day 6, Belmark still fighting
    cut = journal(invasion(4), war(4.2, "corvia"), offensive(6, "corvia", 1, "probe"))
    m = measures(cut, tutorial)
    assert m.guarantees_honoured == {"treaty": "ambiguous"} and m.guarantee_honoured == "ambiguous"
    assert not m.ended and not m.guarantee_held and m.protege_held
    # the same game whose protected state has collapsed is no longer open: graded by the wars
    fallen = measures([*cut, *journal((6.5, CollapseData(actor="belmark", front="main")))], tutorial)
    assert fallen.guarantee_honoured == "formal" and not fallen.protege_held
    # and a horizon before the window closes is as ambiguous as a cut
    short = attrs.evolve(tutorial, scenario=attrs.evolve(tutorial.scenario, horizon_days=7))
    assert measures([*cut, *journal(end(7))], short).guarantee_honoured == "ambiguous"


def test_partial_and_abandoned_count_the_guarantors_at_war(eastmark: Scenario) -> None:
    aggressor, target = "kordavia", "eastmark"

    def graded(*wars: str) -> Honour:
        events = journal(invasion(11, target, aggressor), *(war(11.5, g, aggressor) for g in wars), end(30))
        return measures(events, eastmark).guarantee_honoured

    assert graded() == "abandoned"
    assert graded("valmont", "borvia") == "partial"
    assert graded("valmont", "borvia", "meridia", "westerholm") == "formal"


def test_a_war_on_another_state_is_not_war_on_the_aggressor(tutorial: Scenario) -> None:
    m = measures(journal(invasion(4), war(4.2, "corvia", on="belmark"), end(10)), tutorial)
    assert m.guarantee_honoured == "abandoned" and not m.guarantors["corvia"].at_war


def test_a_guarantor_at_war_from_the_start_is_formal_without_declaring(tutorial: Scenario) -> None:
    corvia = attrs.evolve(tutorial.actor("corvia"), at_war_with=("ardenia",))
    at_war = attrs.evolve(tutorial, actors=tuple(corvia if a.id == "corvia" else a for a in tutorial.actors))
    m = measures(journal(invasion(4), end(10)), at_war)
    assert m.guarantee_honoured == "formal" and m.guarantors["corvia"].at_war
    assert m.guarantors["corvia"].war_declared_after_days is None


def test_norway_1940_guarantors_already_at_war_honour_at_least_formally() -> None:
    m = play(seed=1, name="norway-1940").summary()
    assert m.guarantors["uk"].war_declared_after_days is None and m.guarantors["uk"].at_war
    assert set(m.guarantees_honoured) == {"r4", "narvik"}
    assert all(honour.RANK.index(g) >= honour.RANK.index("formal") for g in m.guarantees_honoured.values())


def test_every_game_of_every_scenario_has_a_grade() -> None:
    for name in ("tutorial", "eastmark-2031", "norway-1940", "drole-de-guerre-1939"):
        m = play(seed=2, name=name, record=True).summary()
        assert m.guarantee_honoured in words_of("guarantee_honoured")
        assert m.forces_delivered_share is not None and 0 <= m.forces_delivered_share <= 1
        assert m.functionality_days is not None and 0 < m.functionality <= 1


# -- functionality ------------------------------------------------------------------------------


def test_functionality_days_is_the_first_response_of_a_lone_guarantor(tutorial: Scenario) -> None:
    m = measures(
        journal(invasion(4), war(4.2, "corvia"), offensive(5.5, "corvia", 0.6, "probe"), end(10)), tutorial
    )
    assert m.functionality_days == 0.2 and m.guarantee_honoured == "formal"
    assert m.forces_delivered_share == 0.2  # 0.6 of the 3 divisions promised
    probe = measures(journal(invasion(4), offensive(5.5, "corvia", 0.6, "probe"), end(10)), tutorial)
    assert probe.functionality_days == 1.5  # an offensive is a response too
    assert measures(journal(invasion(4), end(10)), tutorial).functionality_days is None


def test_functionality_days_waits_for_half_the_alliances_strength() -> None:
    s = scenarios.load("drole-de-guerre-1939").scenario
    uk_alone = measures(journal(invasion(4, "poland", "germany"), war(4.3, "uk", "germany"), end(20)), s)
    assert uk_alone.functionality_days is None  # 4 of 89 planned divisions: no collective response
    both = measures(
        journal(
            invasion(4, "poland", "germany"),
            war(4.3, "uk", "germany"),
            war(4.6, "france", "germany"),
            end(20),
        ),
        s,
    )
    assert both.functionality_days == pytest.approx(0.6)


def test_a_general_offensive_is_measured_against_the_guarantors_planned_strength(tutorial: Scenario) -> None:
    g = attrs.evolve(tutorial.guarantees[0], substantive_divisions=0.0)
    general = attrs.evolve(tutorial, guarantees=(g,))
    # Corvia stands at 4 divisions and plans 8 (its field army): a general offensive is 0.8 of 8
    assert honour.promised_divisions(general, g, "corvia") == pytest.approx(6.4)
    m = measures(journal(invasion(4), offensive(5, "corvia", 1.6), end(10)), general)
    assert m.forces_delivered_share == 0.25 and m.guarantee_honoured == "abandoned"


# -- readers ----------------------------------------------------------------------------------------


def test_every_grade_has_words_in_the_reviews() -> None:
    assert set(HONOURED) == set(words_of("guarantee_honoured"))
    assert set(NOT_HONOURED) == {"formal", "partial", "abandoned"}


def test_describe_gives_every_grade_a_share_zero_included(tutorial: Scenario) -> None:
    outcomes = [measures(journal(invasion(4), end(10)), tutorial), measures(journal(end(10)), tutorial)]
    rows = [{"run": i, "seed": i, "error": "", **_flat(o)} for i, o in enumerate(outcomes)]
    found = {d["measure"]: d for d in describe(rows)}
    assert found["guarantee_honoured = abandoned"]["value"] == 0.5
    assert found["guarantee_honoured = substantive"]["value"] == 0.0
    assert found["deterrence = delayed"]["n"] == 2 and found["guarantee_held"]["value"] == 0.5
    assert found["protege_held"]["kind"] == "share"


def _flat(o: Outcome) -> dict[str, object]:
    from wargame.analysis.rows import flatten

    return dict(flatten(o.to_json()))


def test_the_summary_keeps_the_contract_keys_and_adds_the_grades(capsys: pytest.CaptureFixture[str]) -> None:
    from wargame.cli import main

    assert main(["run", "drole-de-guerre-1939", "--seed", "1", "--summary"]) == 0
    summary = json.loads(capsys.readouterr().out)
    contract = {
        "deterred",
        "credibility_at_invasion",
        "guarantee_honoured",
        "functionality_days",
        "estimate_error_at_invasion",
        "warning_lead_days",
        "protege_survival_days",
    }
    assert contract <= set(summary)
    assert summary["guarantee_honoured"] == "formal" and summary["deterrence"] == "delayed"
    assert summary["functionality_days"] > 0 and summary["forces_delivered_share"] == 0.275
    assert summary["protege_held"] is False and summary["guarantee_held"] is False


def test_the_hot_wash_says_a_guarantor_at_war_from_the_start_was_already_at_war() -> None:
    from wargame.analysis.aar.hotwash import headline
    from wargame.analysis.aar.review import after_action

    text = " ".join(headline(after_action(play(seed=1, name="norway-1940", record=True))))
    assert "United Kingdom was already at war" in text and "never declared war" not in text
    assert text.count("The guarantee was honoured in substance") == 1
