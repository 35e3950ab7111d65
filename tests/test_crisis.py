"""Crisis dynamics: credibility, deterrence, transfers, drivers, doctrines, scripts, calibration."""

from __future__ import annotations

import statistics
from pathlib import Path

import attrs
import pytest
from conftest import FLAGSHIP, play

from wargame.cli import main
from wargame.engine.credibility import SIGNALS, alliance_credibility, credibility, prior
from wargame.engine.events import HaltData, OffensiveData, WarData
from wargame.engine.journal import Event
from wargame.engine.payload import Payload
from wargame.model.scenario_files import scenarios

SEATS = ("germany", "poland", "france", "uk", "ussr")


def _event(data: Payload) -> Event:
    return Event(t=0, seq=0, actors=(), see=("all",), text="", data=data)


def _median(values: list[float | None], missing: float) -> float:
    return statistics.median(missing if v is None else v for v in values)


# -- credibility: the maths -------------------------------------------------------------------


def test_prior_follows_the_drivers() -> None:
    s = scenarios.load(FLAGSHIP).scenario
    france = s.actor("france")

    def with_actor(**changes: float) -> float:
        actors = tuple(attrs.evolve(a, **changes) if a.id == "france" else a for a in s.actors)
        return prior(attrs.evolve(s, actors=actors), "france")

    base = prior(s, "france")
    assert with_actor(interest_convergence=0.9) > base > with_actor(interest_convergence=0.1)
    assert with_actor(war_weariness=0.0) > base > with_actor(war_weariness=1.0)
    assert with_actor(readiness=0.9) > base
    clear = attrs.evolve(s, guarantees=tuple(attrs.evolve(g, trigger_clarity=1.0) for g in s.guarantees))
    designed = attrs.evolve(
        s,
        guarantees=tuple(
            attrs.evolve(g, integrated_command=True, joint_exercises=True) for g in s.guarantees
        ),
    )
    assert prior(clear, "france") > base and prior(designed, "france") > base
    assert france.war_weariness == 0.7  # the scenario's constructivist driver is what lowers it
    assert prior(s, "poland") == 0.0  # not a guarantor


def test_costly_signals_move_belief_more_than_cheap_ones() -> None:
    s = scenarios.load(FLAGSHIP).scenario
    base = credibility(s, "france", [])
    probe = credibility(
        s, "france", [_event(OffensiveData(actor="france", front="west", scale="probe", divisions=3))]
    )
    general = credibility(
        s, "france", [_event(OffensiveData(actor="france", front="west", scale="general", divisions=30))]
    )
    halted = credibility(s, "france", [_event(HaltData(actor="france", front="west"))])
    other = credibility(s, "france", [_event(WarData(actor="uk", on="germany"))])
    assert general > probe > base > halted
    assert other == base  # another guarantor's act says nothing about France
    assert SIGNALS["offensive.general"] > SIGNALS["war"] > SIGNALS["statement"] > 1 > SIGNALS["halt"]


def test_observers_believe_what_they_see() -> None:
    session = play(seed=1)
    white = session.white_cell()
    aggressor, protected = white.credibility["germany"], white.credibility["poland"]
    # Poland sees the promises France broke; Germany does not: they believe different things
    assert protected["france"] < aggressor["france"]
    assert session.view("germany").credibility == aggressor
    everyone = alliance_credibility(session.scenario, "poland", session.events)
    assert 0 < everyone < 1


# -- the aggressor ------------------------------------------------------------------------------


def test_a_credible_alliance_deters() -> None:
    steady = "actors.germany.resolve_sd=0"  # the rule itself, without this game's appetite for risk
    costly = play(
        seed=1, seats=["germany=bot:realist"], overrides=["aggressor.war_cost=10", steady]
    ).summary()
    assert costly.deterred and costly.invasion_day is None
    assert costly.guarantee_honoured == "deterred" and costly.deterrence == "deterred"
    assert costly.guarantee_held and costly.protege_held and costly.protege_survival_days is None
    cheap = play(
        seed=1, seats=["germany=bot:realist"], overrides=["aggressor.war_cost=0.5", steady]
    ).summary()
    assert not cheap.deterred and cheap.postponements == 0


def test_resolve_statements_raise_the_aggressors_credibility() -> None:
    silent = play(seed=1, seats=["france=bot:cautious", "uk=bot:cautious"]).summary()
    vocal = play(seed=1).summary()  # the historical guarantors made statements in August
    assert vocal.credibility_at_invasion > silent.credibility_at_invasion


def test_honouring_the_protocol_draws_divisions_west_and_saves_time() -> None:
    """Germany (a realist: its split between fronts is its decision) keeps more in the West against
    guarantors that honour the protocol than against the historical ones, and Poland lasts longer."""
    seeds = range(6)
    steady = ["actors.france.resolve_sd=0", "actors.uk.resolve_sd=0"]  # the doctrine, not this game's mood
    liberal = [
        play(
            seed=s, seats=["germany=bot:realist", "france=bot:liberal", "uk=bot:liberal"], overrides=steady
        ).summary()
        for s in seeds
    ]
    historical = [play(seed=s, seats=["germany=bot:realist"]).summary() for s in seeds]
    # a West that honours is never stripped (a front under attack is held); the historical one mostly is
    assert all(m.aggressor_divisions_redeployed >= 0 for m in liberal)
    assert sum(m.aggressor_divisions_redeployed < 0 for m in historical) >= 3
    assert sum(m.aggressor_divisions_redeployed for m in liberal) > sum(
        m.aggressor_divisions_redeployed for m in historical
    )
    horizon = 60.0
    gain = _median([m.protege_survival_days for m in liberal], horizon) - _median(
        [m.protege_survival_days for m in historical], horizon
    )
    assert gain >= 0
    assert all(m.guarantee_honoured == "substantive" for m in liberal)


# -- 1939 played as history -----------------------------------------------------------------------


def test_historical_medians_fall_in_their_windows() -> None:
    runs = [play(seed=s, record=True).summary() for s in range(12)]  # the doctrine: test_historical

    def med(get) -> float:  # type: ignore[no-untyped-def]
        return statistics.median(get(m) for m in runs)

    for g in ("france", "uk"):
        assert 1.5 <= med(lambda m, g=g: m.guarantors[g].war_declared_after_days) <= 3
    assert 5 <= med(lambda m: m.guarantors["france"].offensive_after_days) <= 8
    assert 8 <= med(lambda m: m.guarantors["france"].max_offensive_divisions) <= 15
    assert all(m.guarantors["france"].max_offensive_divisions < 40 for m in runs)  # never general
    assert 10 <= med(lambda m: m.offensive_halted_after_days) <= 12.5
    assert not any(m.protected_informed for m in runs)
    assert 15 <= med(lambda m: m.intervention_after_days["ussr"]) <= 17
    assert 22 <= med(lambda m: m.capital_fell_after_days) <= 32
    assert 30 <= _median([m.protege_survival_days for m in runs], 60.0) <= 40
    assert all(m.guarantee_honoured == "formal" for m in runs)


# -- doctrines and drivers ------------------------------------------------------------------------


def test_liberal_convergent_allies_honour_more_than_war_weary_constructivists() -> None:
    def substantive(doctrine: str, overrides: list[str]) -> int:
        seats = [f"{s}=bot:{doctrine}" for s in SEATS]
        return sum(
            play(seed=s, seats=seats, overrides=overrides).summary().guarantee_honoured == "substantive"
            for s in range(4)
        )

    liberal = substantive(
        "liberal", ["actors.france.interest_convergence=0.9", "actors.uk.interest_convergence=0.9"]
    )
    weary = substantive("constructivist", ["actors.france.war_weariness=0.9", "actors.uk.war_weariness=0.9"])
    assert liberal > weary


def test_constructivist_weariness_restrains_the_offensive() -> None:
    def first_scale(weariness: float) -> int:
        """The rank of France's first offensive (0 none, 1 probe, 2 limited, 3 general)."""
        m = play(
            seed=1,
            seats=["france=bot:constructivist"],
            overrides=[f"actors.france.war_weariness={weariness}", "actors.france.resolve_sd=0"],
        )
        first = next((e.data.scale for e in m.events if isinstance(e.data, OffensiveData)), None)
        return 0 if first is None else ("probe", "limited", "general").index(first) + 1

    assert first_scale(0.1) >= first_scale(0.6) > first_scale(0.95)
    assert first_scale(0.1) == 3  # general: a nation at ease with itself keeps its word in full


def test_realist_interest_decides_war() -> None:
    def war(interest: float) -> float | None:
        seats = ["france=bot:realist", "uk=bot:realist"]
        steady = ["actors.france.resolve_sd=0", "actors.uk.resolve_sd=0"]
        m = play(
            seed=1, seats=seats, overrides=[f"actors.france.interest_convergence={interest}", *steady]
        ).summary()
        return m.guarantors["france"].war_declared_after_days

    assert war(0.8) is not None and war(0.0) is None  # with no stake at all, a realist walks away


def test_integrated_command_shortens_mobilisation() -> None:
    def main_body_day(overrides: list[str]) -> float:
        days = []
        for s in range(4):
            session = play(seed=s, overrides=overrides)
            days += [
                e.data.day
                for e in session.events
                if e.kind == "mobilisation" and e.data.actor == "france" and e.data.step == "main body"
            ]
        return statistics.mean(days)

    designed = [
        "guarantees.franco-polish.integrated_command=true",
        "guarantees.franco-polish.joint_exercises=true",
    ]
    assert main_body_day(designed) < main_body_day([]) - 2


def test_a_clear_trigger_brings_the_declaration_prompt_sooner() -> None:
    def first_prompt(clarity: float) -> int:
        session = play(seed=1, overrides=[f"guarantees.anglo-polish.trigger_clarity={clarity}"])
        invasion = next(e.t for e in session.events if e.kind == "invasion")
        return (
            next(
                e.t
                for e in session.events
                if e.kind == "prompt" and e.data.decision == "declare_war" and "uk" in e.actors
            )
            - invasion
        )

    assert first_prompt(1.0) < first_prompt(0.2)


def test_a_limited_offensive_can_be_widened_to_the_promised_general_one() -> None:
    # (seed 2: in seed 1 the liberals' early council adopts the main offensive before J+3, and
    # France opens with the general one at once)
    session = play(seed=2, seats=["france=bot:liberal", "uk=bot:liberal"])
    scales = [e.data.scale for e in session.events if e.kind == "offensive"]
    assert scales == ["limited", "general"]
    # answering the J+3 and J+15 prompts as promised keeps the promises (judged after preparation)
    kept = {
        e.data.action: e.data.kept
        for e in session.events
        if e.kind == "promise" and e.data.guarantor == "france"
    }
    assert kept["limited_offensive"] and kept["main_offensive"]


# -- decision scripts ------------------------------------------------------------------------------


def test_decision_script_file_plays_recorded_choices(tmp_path: Path) -> None:
    script = tmp_path / "france.toml"
    script.write_text(
        '[[decision]]\nseat = "france"\ndecision = "declare_war"\nchoice = "declare"\n'
        'reason = "at once"\n\n[[decision]]\nseat = "france"\ndecision = "offensive"\nchoice = "general"\n'
    )
    session = play(seed=1, seats=[f"france=script:{script}"])
    m = session.summary()
    assert m.guarantors["france"].war_declared_after_days < 1
    assert m.guarantors["france"].max_offensive_divisions >= 20
    decided = [e for e in session.events if e.kind == "decision" and e.data.seat == "france"]
    assert {e.data.by for e in decided} == {f"script:{script}"}
    assert any(e.data.reason == "at once" for e in decided)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[decision]]\nseat = 'france'\n", "decision[0]"),
        ("[[decision]]\nseat = 'francia'\ndecision = 'x'\nchoice = 'y'\n", "unknown seat 'francia'"),
        ("[decisions]\n", "unknown table 'decisions'"),
        ("[[decision]\n", "not a valid TOML decision script"),
    ],
)
def test_bad_decision_script_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    script = tmp_path / "bad.toml"
    script.write_text(content)
    assert main(["run", FLAGSHIP, "--seed", "1", "--seat", f"france=script:{script}", "--summary"]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_missing_decision_script_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["run", FLAGSHIP, "--seed", "1", "--seat", f"uk=script:{tmp_path / 'none.toml'}", "--summary"])
        == 2
    )
    assert "cannot read the decision script" in capsys.readouterr().err


def test_scripted_journal_replays(tmp_path: Path) -> None:
    from wargame.session.journal.read import read
    from wargame.session.journal.verify import verify
    from wargame.session.session import Session

    script = tmp_path / "s.toml"
    script.write_text('[[decision]]\nseat = "uk"\ndecision = "declare_war"\nchoice = "declare"\n')
    path = tmp_path / "g.jsonl"
    session = Session(scenarios.load(FLAGSHIP), seed=2, seats=[f"uk=script:{script}"], journal=path)
    session.run_to_end()
    session.close()
    assert verify(read(path)).ok
