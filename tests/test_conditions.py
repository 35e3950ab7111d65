"""Events by condition (issue #17): injects, history entries, interventions and promises that wait
for something to happen, and agents of influence that sway a cabinet's decisions."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame.engine.events import (
    CapitalData,
    CouncilData,
    DecisionData,
    FrontData,
    InjectData,
    InterventionData,
    PromiseData,
    PromptData,
    SwayedData,
    WarData,
)
from wargame.engine.journal import Event
from wargame.model import conditions
from wargame.model.scenario import Inject, Scenario, ScriptedDecision
from wargame.model.scenario_files import scenarios
from wargame.model.scenario_files.scenarios import ScenarioError
from wargame.session.session import Session

FLAGSHIP = "drole-de-guerre-1939"
LOADED = scenarios.load(FLAGSHIP)


def run(scenario: Scenario, seed: int = 1, seats: tuple[str, ...] = ()) -> list[Event]:
    session = Session(attrs.evolve(LOADED, scenario=scenario), seed=seed, seats=seats)
    session.run_to_end()
    return session.world.journal.events


def with_injects(*injects: Inject) -> Scenario:
    s = LOADED.scenario
    return attrs.evolve(s, injects=(*s.injects, *injects))


def published(events: list[Event], inject: str) -> list[Event]:
    return [e for e in events if isinstance(e.data, InjectData) and e.data.inject == inject]


# -- the grammar -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "keyword", "subject", "op", "value"),
    [
        ("invasion", "invasion", "", "", 0.0),
        ("war:uk", "war", "uk", "", 0.0),
        ("front:poland.ground_km >= 50", "front", "poland", ">=", 50.0),
        ("front:poland.ground_km<10", "front", "poland", "<", 10.0),
        ("endurance < 0.5", "endurance", "", "<", 0.5),
        ("day >= 3", "day", "", ">=", 3.0),
    ],
)
def test_parse(text: str, keyword: str, subject: str, op: str, value: float) -> None:
    atom = conditions.parse(text)
    assert (atom.keyword, atom.subject, atom.op, atom.value) == (keyword, subject, op, value)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("wat:uk", "did you mean 'war'"),
        ("war:ukk", "unknown actor 'ukk'"),
        ("capital:polond", "did you mean 'poland'"),
        ("front:poland.ground >= 5", "did you mean 'ground_km'"),
        ("front:poland.ground_km >= lots", "expected a number"),
        ("front:poland.ground_km == 5", "unknown comparison '=='"),
        ("day < 3", "days only count up"),
        ("war", "expected war:<actor>"),
        ("day", "needs a comparison"),
        ("invasion:poland", "takes no"),
    ],
)
def test_problems_name_the_fault(text: str, says: str) -> None:
    s = LOADED.scenario
    found = conditions.problems(text, s.actor_ids, [f.id for f in s.fronts])
    assert len(found) == 1 and says in found[0], found


def test_check_rejects_a_bad_condition_with_file_and_line(tmp_path: Path) -> None:
    source = next(p for p in scenarios.bundled() if p.stem == FLAGSHIP).read_text(encoding="utf-8")
    old = 'id = "pact"\nat = 1939-08-24T06:00:00\n'
    assert source.count(old) == 1
    broken = tmp_path / "broken.toml"
    broken.write_text(source.replace(old, old + 'when = ["invasion", "wra:uk"]\n'), encoding="utf-8")
    line = next(n for n, text in enumerate(broken.read_text().splitlines(), 1) if "wra:uk" in text)
    with pytest.raises(ScenarioError) as info:
        scenarios.load(str(broken))
    (problem,) = [p for p in info.value.problems if "wra" in p.message]
    assert problem.line == line
    assert problem.path.endswith("when[1]") and "did you mean 'war'" in problem.message


def test_check_wants_a_date_or_a_condition() -> None:
    from wargame.model.checks import reference_problems

    s = with_injects(Inject(id="nowhen", text="?"))
    assert any(p[:2] == ("injects", len(s.injects) - 1) for p, _ in reference_problems(s))


def test_check_rejects_an_unknown_swayed_kind() -> None:
    from wargame.model.checks import reference_problems

    s = LOADED.scenario
    pen = attrs.evolve(s.penetrations[0], sways=("declare_wr",))
    found = reference_problems(attrs.evolve(s, penetrations=(pen,)))
    assert [(p, m) for p, m in found if p[:3] == ("penetrations", 0, "sways")] == [
        (("penetrations", 0, "sways", 0), "unknown decision kind 'declare_wr'; did you mean 'declare_war'?")
    ]


# -- injects -----------------------------------------------------------------------------------


def test_inject_published_right_after_the_declaration_and_never_without_it() -> None:
    events = run(
        with_injects(
            Inject(id="after-uk", text="Britain is at war.", when=("war:uk",)),
            Inject(id="ussr-war", text="never", when=("offensive:ussr",)),
            Inject(id="ussr-in", text="The Red Army crosses.", when=("intervened:ussr",)),
        )
    )
    war = next(e for e in events if isinstance(e.data, WarData) and e.data.actor == "uk")
    (inject,) = published(events, "after-uk")
    assert inject.t == war.t and inject.seq == war.seq + 1  # at once, the next line of the journal
    assert published(events, "ussr-war") == []  # the USSR never launches an offensive (it enters)
    entry = next(e for e in events if isinstance(e.data, InterventionData))
    (came,) = published(events, "ussr-in")
    assert came.t == entry.t


def test_inject_on_ground_fires_once_ground_passes_the_mark_with_its_delay() -> None:
    events = run(
        with_injects(
            Inject(id="deep", text="deep", when=("front:poland.ground_km >= 100",), delay_hours=2),
            Inject(id="late", text="late", at=LOADED.scenario.aggressor.invasion_at, when=("invasion",)),
        )
    )
    first = next(
        e
        for e in events
        if isinstance(e.data, FrontData) and e.data.front == "poland" and e.data.ground_km >= 100
    )
    before = [
        e for e in events if isinstance(e.data, FrontData) and e.data.front == "poland" and e.t < first.t
    ]
    assert before and all(e.data.ground_km < 100 for e in before)  # type: ignore[union-attr]
    (deep,) = published(events, "deep")
    assert deep.t == first.t + 120
    invasion = next(e for e in events if e.kind.value == "invasion")
    (late,) = published(events, "late")
    assert late.t == invasion.t


def test_day_counts_from_the_trigger() -> None:
    events = run(with_injects(Inject(id="d3", text="three days", when=("day >= 3",))))
    invasion = next(e for e in events if e.kind.value == "invasion")
    (d3,) = published(events, "d3")
    assert d3.t == invasion.t + 3 * 24 * 60


def test_a_game_without_conditions_is_not_listened_to() -> None:
    session = Session(LOADED, seed=1)
    session.run_to_end()
    assert session.world.condition_watch is None


# -- history, interventions, promises ------------------------------------------------------------


def test_history_entry_with_when_applies_only_after_it_held() -> None:
    s = LOADED.scenario
    history = tuple(h for h in s.history if not (h.seat == "uk" and h.decision == "declare_war"))
    history += (
        ScriptedDecision(seat="uk", decision="declare_war", choice="declare", when=("capital:poland",)),
        ScriptedDecision(seat="uk", decision="declare_war", choice="wait"),
    )
    seats = tuple(f"{a}=bot:record" for a in s.seat_ids)
    events = run(attrs.evolve(s, history=history), seats=seats)
    capital = next(e for e in events if isinstance(e.data, CapitalData))
    asked = {
        e.data.prompt: e.t
        for e in events
        if isinstance(e.data, PromptData) and e.data.decision == "declare_war"
    }
    answers = [
        (asked[e.data.prompt], e.data.choice)
        for e in events
        if isinstance(e.data, DecisionData) and e.data.seat == "uk" and e.data.decision == "declare_war"
    ]
    assert any(choice == "wait" for _, choice in answers)  # asked before: the entry did not apply
    assert all((t >= capital.t) == (choice == "declare") for t, choice in answers), answers
    assert any(choice == "declare" for _, choice in answers)


def test_intervention_with_when_is_not_asked_before() -> None:
    s = LOADED.scenario

    def intervene_prompts(events: list[Event]) -> list[int]:
        return [e.t for e in events if isinstance(e.data, PromptData) and e.data.decision == "intervene"]

    plain = run(s)
    capital = next(e for e in plain if isinstance(e.data, CapitalData))
    assert min(intervene_prompts(plain)) < capital.t  # so the condition below changes something
    late = attrs.evolve(s.interventions[0], when=("capital:poland",))
    events = run(attrs.evolve(s, interventions=(late,)))
    held = next(e for e in events if isinstance(e.data, CapitalData))
    assert intervene_prompts(events) and min(intervene_prompts(events)) >= held.t


def _promise_events(events: list[Event], action: str) -> list[Event]:
    return [e for e in events if isinstance(e.data, PromiseData) and e.data.action == action]


def test_conditional_promise_falls_due_counting_from_its_condition() -> None:
    s = LOADED.scenario
    i = next(n for n, g in enumerate(s.guarantees) if g.id == "anglo-polish")
    g = s.guarantees[i]
    # the UK's promise to declare war binds only once France has gone to war (it is due 2 days on)
    promises = tuple(
        attrs.evolve(p, condition="offensive:france") if p.action == "declare_war" else p for p in g.promises
    )
    guarantees = list(s.guarantees)
    guarantees[i] = attrs.evolve(g, promises=promises)
    plain = run(s)
    events = run(attrs.evolve(s, guarantees=tuple(guarantees)))
    offensive = next(e for e in events if e.kind.value == "offensive" and e.data.actor == "france")  # type: ignore[union-attr]
    invasion = next(e for e in events if e.kind.value == "invasion")
    (due_plain,) = _promise_events(plain, "declare_war")
    (due,) = _promise_events(events, "declare_war")
    assert due.t - offensive.t == due_plain.t - invasion.t  # same count of days, from the condition
    assert offensive.t > invasion.t


def test_conditional_promise_never_met_never_falls_due() -> None:
    s = LOADED.scenario
    i = next(n for n, g in enumerate(s.guarantees) if g.id == "anglo-polish")
    g = s.guarantees[i]
    promises = tuple(
        attrs.evolve(p, condition="offensive:ussr") if p.action == "declare_war" else p for p in g.promises
    )
    guarantees = list(s.guarantees)
    guarantees[i] = attrs.evolve(g, promises=promises)
    events = run(attrs.evolve(s, guarantees=tuple(guarantees)))
    assert _promise_events(events, "declare_war") == []
    assert _promise_events(events, "air_action")  # the unconditional ones still fall due


# -- agents of influence ------------------------------------------------------------------------


def swayed_scenario(
    sway: float, oversight: float, detection: float = 0.0, sways: tuple[str, ...] = ("declare_war",)
) -> Scenario:
    s = LOADED.scenario
    pen = attrs.evolve(s.penetrations[0], sways=sways, sway=sway, detection_per_day=detection)
    actors = tuple(attrs.evolve(a, oversight=oversight) if a.id == pen.target else a for a in s.actors)
    return attrs.evolve(s, penetrations=(pen,), actors=actors)


def sway_share(sway: float, oversight: float, seeds: range) -> float:
    """The share of France's decisions to declare war that its cabinet does not carry out."""
    declared = swayed = 0
    for seed in seeds:
        for e in run(swayed_scenario(sway, oversight), seed=seed):
            if (
                isinstance(e.data, DecisionData)
                and e.data.seat == "france"
                and e.data.decision == "declare_war"
            ):
                declared += e.data.choice == "declare"
            if isinstance(e.data, SwayedData) and e.data.decision == "declare_war":
                swayed += 1
                assert e.truth is not None and e.see == ("france",)
    assert declared > 0
    return swayed / declared


def test_sway_turns_some_declarations() -> None:
    assert 0.0 < sway_share(0.5, 0.2, range(2)) < 1.0
    assert sway_share(1.0, 0.0, range(1)) == 1.0


@pytest.mark.slow
def test_sway_rises_with_sway_and_falls_with_oversight() -> None:
    seeds = range(12)
    by_sway = [sway_share(x, 0.2, seeds) for x in (0.0, 0.3, 0.7)]
    assert by_sway[0] == 0.0 < by_sway[1] < by_sway[2]
    by_oversight = [sway_share(0.7, o, seeds) for o in (0.0, 0.5, 0.9)]
    assert by_oversight[0] > by_oversight[1] > by_oversight[2]


def test_swayed_declaration_is_recorded_as_chosen_and_not_carried_out() -> None:
    events = run(swayed_scenario(1.0, 0.0))
    choice = next(
        e
        for e in events
        if isinstance(e.data, DecisionData) and e.data.seat == "france" and e.data.choice == "declare"
    )
    turned = next(e for e in events if isinstance(e.data, SwayedData))
    assert turned.t == choice.t and turned.data.instead == "wait"  # type: ignore[union-attr]
    assert "does not carry out" in turned.text
    assert not any(isinstance(e.data, WarData) and e.data.actor == "france" for e in events)


def test_swayed_council_vote_is_cast_the_other_way() -> None:
    # a resolute France votes against halting its offensive; its agent turns the vote
    events = run(swayed_scenario(1.0, 0.0, sways=("council_position",)), seats=("france=bot:resolute",))
    votes = [
        e
        for e in events
        if isinstance(e.data, DecisionData)
        and e.data.seat == "france"
        and e.data.decision == "council_position"
        and e.data.choice == "against"
    ]
    minutes = [e for e in events if isinstance(e.data, CouncilData) and e.data.step == "decision"]
    halts = [m for m in minutes if m.data.item == "halt_offensive"]  # type: ignore[union-attr]
    assert votes and halts
    for m in halts:  # recorded against by the seat; cast for in the minutes, and the truth says why
        assert m.data.positions["france"] == "for"  # type: ignore[union-attr,index]
        assert m.truth is not None and m.truth.swayed == {"france": "dedal"}  # type: ignore[union-attr]
    others = [m for m in minutes if m.data.item != "halt_offensive"]  # type: ignore[union-attr]
    assert all(m.truth is None for m in others)  # informing Poland is not swayed


def test_a_detected_agent_sways_nothing() -> None:
    from wargame.engine import penetration
    from wargame.engine.decisions import Decision, open_prompt

    session = Session(attrs.evolve(LOADED, scenario=swayed_scenario(1.0, 0.0)), seed=1)
    world = session.world
    open_prompt(world, "france", "declare_war", "declare war?", ("declare", "wait"), "wait", 60)
    (prompt,) = [p for p in world.prompts if p.startswith("declare_war-france")]
    decision = Decision(seat="france", kind="declare_war", choice="declare", prompt=prompt)
    turned = penetration.sway_decision(world, decision)
    assert turned is not None and turned.choice == "wait"
    world.penetration_state["dedal"] = "detected"
    assert penetration.sway_decision(world, decision) is decision
    assert penetration.sway_decision(world, attrs.evolve(decision, choice="wait")).choice == "wait"  # type: ignore[union-attr]


@pytest.mark.slow
def test_detection_ends_the_sway() -> None:
    before = after = unfound_after = 0
    for seed in range(10):
        events = run(swayed_scenario(0.7, 0.5, detection=0.05), seed=seed)
        found = next((e.t for e in events if e.kind.value == "detected"), None)
        if found is None:
            continue
        turned = [e.t for e in events if isinstance(e.data, SwayedData)]
        before += sum(t <= found for t in turned)
        after += sum(t > found for t in turned)
        undetected = run(swayed_scenario(0.7, 0.5), seed=seed)
        unfound_after += sum(isinstance(e.data, SwayedData) and e.t > found for e in undetected)
    assert before > 0 and unfound_after > 0  # it swayed, and would have gone on swaying
    assert after == 0


def test_the_after_action_review_dates_a_conditional_promise_from_its_condition() -> None:
    from wargame.analysis.aar.review import _guarantees

    s = LOADED.scenario
    i = next(n for n, g in enumerate(s.guarantees) if g.id == "anglo-polish")
    g = s.guarantees[i]
    conditions_by_action = {"declare_war": "offensive:france", "air_action": "offensive:ussr"}
    promises = tuple(attrs.evolve(p, condition=conditions_by_action[p.action]) for p in g.promises)
    guarantees = list(s.guarantees)
    guarantees[i] = attrs.evolve(g, promises=promises)
    scenario = attrs.evolve(s, guarantees=tuple(guarantees))
    events = run(scenario)
    invasion = next(e for e in events if e.kind.value == "invasion")
    plan = next(p for p in _guarantees(scenario, events, invasion) if p.id == "anglo-polish")
    due = {o.action: o.due_t for o in plan.obligations}
    offensive = next(e for e in events if e.kind.value == "offensive" and e.data.actor == "france")  # type: ignore[union-attr]
    assert due == {"declare_war": offensive.t + 2 * 24 * 60, "air_action": None}


def test_held_at_judges_from_the_events_given_up_to_now() -> None:
    from wargame.engine.conditions import held_at

    s = LOADED.scenario
    events = run(s)
    war = next(e for e in events if isinstance(e.data, WarData) and e.data.actor == "uk")
    assert held_at(["war:uk"], s, events, war.t) == war.t
    assert held_at(["war:uk"], s, events, war.t - 1) is None
    assert held_at(["war:uk", "day >= 1"], s, events, war.t) == war.t  # the war came after day 1
    invasion = next(e for e in events if e.kind.value == "invasion").t
    month = invasion + 30 * 24 * 60
    assert held_at(["day >= 30"], s, events, month - 1) is None
    assert held_at(["day >= 30", "war:uk"], s, events, month) == month
    assert held_at(["front:poland.ground_km < 1"], s, events, 0) == 0  # no ground taken at the start


def test_an_unprompted_mobilisation_is_swayed_too() -> None:
    """A seat cannot go round its cabinet's agent by mobilising from the orders menu (review of
    #17): an agent who sways `mobilise` balks the free decision as it does the prompt's answer; a
    cancellation (which suits the aggressor) passes."""
    from wargame.engine import penetration
    from wargame.engine.decisions import Decision

    session = Session(attrs.evolve(LOADED, scenario=swayed_scenario(1.0, 0.0, sways=("mobilise",))), seed=1)
    free = Decision(seat="france", kind="mobilise", choice="general", prompt=None)
    assert penetration.sway_decision(session.world, free) is None  # not carried out
    cancel = attrs.evolve(free, choice="cancel")
    assert penetration.sway_decision(session.world, cancel) is cancel


def test_war_holds_for_the_invaded_and_for_a_third_party_that_enters() -> None:
    """``war:<actor>`` holds from an invasion (the invader and the invaded) and from an entry, not
    only from a declaration (review of #17: in 1939, war:ussr never held)."""
    from wargame.engine.conditions import held_at

    events = run(LOADED.scenario, seed=1)
    invaded = next(e.t for e in events if e.kind.value == "invasion")
    entered = next(e.t for e in events if e.kind.value == "intervention")
    assert held_at(("war:poland",), LOADED.scenario, events, events[-1].t) == invaded
    assert held_at(("war:ussr",), LOADED.scenario, events, events[-1].t) == entered
