"""Prompts driven by news: a guarantor that waits is asked again when it learns something, not
every twelve hours; offensives are asked on news too; the shares of an offensive are the front's
parameters; a third party waits for its front instead of giving it up."""

from __future__ import annotations

import itertools
from pathlib import Path

import attrs
import pytest
from conftest import FLAGSHIP, play
from test_scenario_errors import assert_cli_reports, line_of, problems_of, write_variant

from wargame.engine.events import (
    CapitalData,
    CollapseData,
    MobilisationData,
    OffensiveData,
    PromptData,
    WarData,
)
from wargame.engine.journal import Event
from wargame.model.clock import from_hours
from wargame.model.scenario import Intervention, Scenario
from wargame.model.scenario_files import scenarios
from wargame.model.scenario_files.scenarios import LoadedScenario, Problem
from wargame.session.session import Session

SEATS = ("germany", "poland", "france", "uk", "ussr")


def _prompts(events: list[Event], kind: str, seat: str) -> list[Event]:
    return [
        e for e in events if isinstance(e.data, PromptData) and e.data.decision == kind and seat in e.actors
    ]


def _asked(e: Event) -> PromptData:
    """The prompt an event of :func:`_prompts` puts."""
    assert isinstance(e.data, PromptData)
    return e.data


def _quiet(s: Scenario) -> Scenario:
    """1939 with nothing to report: no services, injects, deception or penetrations, no promises,
    and no timetables for the guarantors (a phase completing is news)."""
    return attrs.evolve(
        s,
        services=(),
        liaison=(),
        injects=(),
        deception=(),
        penetrations=(),
        interventions=(),
        mobilisation=tuple(m for m in s.mobilisation if m.actor not in ("france", "uk")),
        guarantees=tuple(attrs.evolve(g, promises=()) for g in s.guarantees),
    )


def _run(s: Scenario, seats: list[str], seed: int = 1) -> list[Event]:
    loaded = scenarios.load(FLAGSHIP)
    session = Session(LoadedScenario(scenario=s, source=loaded.source, digest=loaded.digest), seed, seats)
    session.run_to_end()
    return list(session.world.journal.events)


def _clarities(s: Scenario, france: float, uk: float) -> Scenario:
    clarity = {"franco-polish": france, "anglo-polish": uk}
    return attrs.evolve(
        s,
        guarantees=tuple(
            attrs.evolve(g, trigger_clarity=clarity.get(g.id, g.trigger_clarity)) for g in s.guarantees
        ),
    )


# -- the declaration of war ----------------------------------------------------------------------


def test_a_waiting_guarantor_is_not_asked_again_in_a_quiet_twelve_hours() -> None:
    s = _clarities(_quiet(scenarios.load(FLAGSHIP).scenario), france=0.9, uk=0.0)
    events = _run(
        s, ["germany=bot:historical", "poland=bot:historical", "france=bot:passive", "uk=bot:passive"]
    )
    asked = _prompts(events, "declare_war", "france")
    capital = next(e.t for e in events if isinstance(e.data, CapitalData))
    # asked once; nothing happens that it could hear of until the capital falls (days later)
    assert len([e for e in asked if e.t < capital]) == 1
    assert capital - asked[0].t > 5 * from_hours(24)
    assert [e.t for e in asked[1:2]] == [capital]  # the capital's fall is news
    collapse = next(e.t for e in events if isinstance(e.data, CollapseData))
    assert all(e.t <= collapse for e in asked)  # and after the collapse, no question at all


def test_a_waiting_guarantor_is_asked_again_when_its_partner_declares_war() -> None:
    s = _clarities(_quiet(scenarios.load(FLAGSHIP).scenario), france=0.9, uk=0.0)
    events = _run(
        s, ["germany=bot:historical", "poland=bot:historical", "france=bot:passive", "uk=bot:resolute"]
    )
    asked = _prompts(events, "declare_war", "france")
    uk_war = next(e.t for e in events if isinstance(e.data, WarData) and e.data.actor == "uk")
    assert asked[0].t < uk_war  # France waited before Britain declared...
    assert asked[1].t == uk_war  # ...and is asked again the moment it does (more than 12 h later)
    assert uk_war - asked[0].t >= from_hours(12)


def test_news_sooner_than_redecide_hours_waits_for_them() -> None:
    s = _clarities(_quiet(scenarios.load(FLAGSHIP).scenario), france=0.9, uk=0.0)
    actors = tuple(attrs.evolve(a, redecide_hours=48.0) if a.id == "france" else a for a in s.actors)
    events = _run(
        attrs.evolve(s, actors=actors),
        ["germany=bot:historical", "poland=bot:historical", "france=bot:passive", "uk=bot:resolute"],
    )
    asked = _prompts(events, "declare_war", "france")
    assert asked[1].t == asked[0].t + from_hours(48)


def test_prompts_are_news_driven_and_fewer_than_every_twelve_hours() -> None:
    """1939 with every seat passive: the guarantors wait until Poland falls. Asked every half day
    that was about 86 prompts each; on news, about half (measured: 173 -> 86 a game, 4 seeds)."""
    m = play(seed=1, seats=[f"{s}=bot:passive" for s in SEATS])
    for seat in ("france", "uk"):
        asked = _prompts(m.events, "declare_war", seat)
        gaps = [b.t - a.t for a, b in itertools.pairwise(asked)]
        assert min(gaps) >= from_hours(12)
        half_days = (asked[-1].t - asked[0].t) / from_hours(12)
        assert len(asked) < 0.7 * half_days


# -- offensives ----------------------------------------------------------------------------------


def _france_script(tmp_path: Path, offensive: str) -> str:
    """A controller for France: declare war at once, answer every offensive prompt ``offensive``."""
    script = tmp_path / "france.toml"
    script.write_text(
        '[[decision]]\nseat = "france"\ndecision = "declare_war"\nchoice = "declare"\n\n'
        f'[[decision]]\nseat = "france"\ndecision = "offensive"\nchoice = "{offensive}"\n',
        encoding="utf-8",
    )
    return f"france=script:{script}"


def test_an_offensive_is_asked_on_a_mobilisation_phase_completing(tmp_path: Path) -> None:
    s = scenarios.load(FLAGSHIP).scenario
    s = attrs.evolve(s, services=(), liaison=(), injects=(), deception=(), penetrations=())
    events = _run(s, ["germany=bot:historical", "poland=bot:historical", _france_script(tmp_path, "none")])
    phases = {
        e.t
        for e in events
        if isinstance(e.data, MobilisationData) and e.data.actor == "france" and e.data.day
    }
    on_news = [e for e in _prompts(events, "offensive", "france") if "news" in _asked(e).context]
    assert on_news and all(e.t in phases for e in on_news)
    assert all("mobilisation phase" in _asked(e).context["news"] for e in on_news)
    # the treaty's letter travels with it: the last offensive promise already due
    assert all(_asked(e).context["promise"].endswith(("J+3", "J+15")) for e in on_news)


def test_an_offensive_under_way_is_offered_only_wider_scales(tmp_path: Path) -> None:
    m = play(seed=1, seats=[_france_script(tmp_path, "probe"), "uk=bot:passive"])
    probe = next(e.t for e in m.events if isinstance(e.data, OffensiveData))
    halted = next((e.t for e in m.events if e.kind.value in ("halt", "exhausted")), m.events[-1].t)
    later = [e for e in _prompts(m.events, "offensive", "france") if probe < e.t < halted]
    assert later and all(_asked(e).options == ("none", "limited", "general") for e in later)


# -- parameters ------------------------------------------------------------------------------------


def test_offensive_shares_are_the_fronts() -> None:
    seats = ["france=bot:resolute", "uk=bot:resolute"]
    base = play(seed=1, seats=seats)
    half = play(seed=1, seats=seats, overrides=["fronts.west.general_share=0.5"])

    def general(m: Session) -> OffensiveData:
        return next(
            e.data for e in m.events if isinstance(e.data, OffensiveData) and e.data.scale == "general"
        )

    a, b = general(base), general(half)
    assert a.divisions / 0.8 == pytest.approx(b.divisions / 0.5, abs=0.2)


def test_shares_that_fall_as_the_scale_rises_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_variant(
        tmp_path, ("collapse_cohesion = 0.0\n\n", "collapse_cohesion = 0.0\nlimited_share = 0.9\n\n")
    )
    field, message = "fronts[1].general_share", "expected a share no less than limited_share (0.9), got 0.8"
    line = line_of(path, 'id = "west"') - 1  # a share left at its default: the table's line
    (problem,) = problems_of(path)
    assert problem == Problem(str(path), line, field, message)
    assert_cli_reports(capsys, [str(path)], f"{path}:{line}: {field}: {message}")


def test_a_bad_redecide_hours_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_variant(
        tmp_path,
        ("readiness = 0.3              # a small army", "redecide_hours = 0\nreadiness = 0.3  # army"),
    )
    field, message = "actors[3].redecide_hours", "expected a number from 0.5 to 720, got 0"
    assert_cli_reports(
        capsys, [str(path)], f"{path}:{line_of(path, 'redecide_hours = 0')}: {field}: {message}"
    )


# -- third parties ---------------------------------------------------------------------------------


def test_a_third_party_is_asked_once_the_front_it_waits_for_opens() -> None:
    """Its front was being prepared at its earliest date: it used to be never asked."""
    s = scenarios.load(FLAGSHIP).scenario
    iv = s.interventions[0]
    west = Intervention(
        actor=iv.actor, front="west", earliest=s.scenario.start.replace(month=9, day=5), divisions=5
    )
    events = _run(attrs.evolve(s, interventions=(west,)), [])
    opened = next(e.t for e in events if isinstance(e.data, OffensiveData) and e.data.front == "west")
    asked = _prompts(events, "intervene", iv.actor)
    assert asked and all(_asked(e).context["front"] == "west" for e in asked)
    assert asked[0].t >= opened


def test_a_governments_deadline_to_decide_on_war_is_its_parameter() -> None:
    m = play(seed=1, overrides=["actors.france.war_decision_hours=3"])
    for e in [*_prompts(m.events, "declare_war", "france"), *_prompts(m.events, "offensive", "france")]:
        assert _asked(e).deadline - e.t == from_hours(3)
    uk = _prompts(m.events, "declare_war", "uk")
    assert uk and all(_asked(e).deadline - e.t == from_hours(12) for e in uk)
