"""Forces by domain: air and naval strengths, support of the protected state, interventions on
either side, and strengths in words (issue #17, items 3 and 4)."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from wargame.engine import campaign, intervention
from wargame.engine.events import (
    DecisionData,
    FrontData,
    InterventionData,
    MobilisationData,
    PromiseData,
    PromptData,
    SupportData,
)
from wargame.engine.world import World
from wargame.model.scenario import Intervention
from wargame.model.scenario_files import scenarios
from wargame.model.units import about_text, forces_text, strength_text
from wargame.session.bots import cautious, resolute
from wargame.session.doctrines.constructivist import constructivist
from wargame.session.doctrines.liberal import liberal
from wargame.session.doctrines.realist import realist
from wargame.session.session import Session
from wargame.session.views import PromptView, seat_view

TUTORIAL = Path(__file__).parent.parent / "scenarios" / "tutorial.toml"


def variant(
    tmp_path: Path, *, air: float = 0, naval: float = 0, air_weight: float = 0, naval_weight: float = 0
) -> str:
    """The tutorial with Corvia as a guarantor with no front of its own (its counter-offensive front
    removed, its promised offensive made air action), ``air`` squadrons and ``naval`` ships, and
    the weights of those domains on Belmark's border front."""
    s = re.sub(
        r'\[\[fronts\]\]\nid = "counter".*?(?=\[\[mobilisation\]\])', "", TUTORIAL.read_text(), flags=re.S
    )
    s = s.replace(
        'actor = "corvia"\nstanding_divisions = 4',
        f'actor = "corvia"\nstanding_divisions = 4\nstanding_air = {air}\nstanding_naval = {naval}',
    )
    s = s.replace(
        "collapse_cohesion = 0.2\n",
        f"collapse_cohesion = 0.2\nair_weight = {air_weight}\nnaval_weight = {naval_weight}\n",
        1,
    )
    s = s.replace('action = "limited_offensive"\nday = 3', 'action = "air_action"\nday = 3')
    path = tmp_path / f"v{air}-{naval}-{air_weight}-{naval_weight}.toml"
    path.write_text(s)
    return str(path)


def game(path: str, seed: int, corvia: str = "bot:resolute") -> Session:
    session = Session(scenarios.load(path), seed=seed, seats=[f"corvia={corvia}"])
    session.run_to_end()
    return session


def border(session: Session) -> list[tuple[float, float, float]]:
    """Each day's fighting on the border front: (ground taken, defenders, cohesion)."""
    return [
        (e.data.ground_km, e.truth.defender_divisions, e.truth.cohesion)
        for e in session.events
        if isinstance(e.data, FrontData) and e.data.front == "border" and e.truth is not None
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_an_air_only_guarantors_support_changes_the_front(tmp_path: Path, seed: int) -> None:
    without = game(variant(tmp_path, air_weight=0.4), seed)
    with_air = game(variant(tmp_path, air=12, air_weight=0.4), seed)
    support = [e.data for e in with_air.events if isinstance(e.data, SupportData)]
    assert [(s.actor, s.domain, s.amount, s.equivalents) for s in support] == [("corvia", "air", 12, 4.8)]
    assert not any(isinstance(e.data, SupportData) for e in without.events)
    a, b = border(without), border(with_air)
    assert b[-1][0] < a[-1][0] - 30  # much less ground taken
    assert b[-1][2] > a[-1][2] + 0.2  # a far more cohesive defence
    # the air action promised is kept by the air support
    kept = {e.data.action: e.data.kept for e in with_air.events if isinstance(e.data, PromiseData)}
    assert kept["air_action"] is True


def test_naval_forces_do_nothing_where_naval_weight_is_zero(tmp_path: Path) -> None:
    without = game(variant(tmp_path), 2)
    ships = game(variant(tmp_path, naval=12), 2)
    assert [e.data.domain for e in ships.events if isinstance(e.data, SupportData)] == ["naval"]
    assert border(ships) == border(without)
    # a guarantor with no aircraft keeps its air action promise by going to war, as before
    kept = {e.data.action: e.data.kept for e in ships.events if isinstance(e.data, PromiseData)}
    assert kept["air_action"] is True


def test_a_guarantor_with_aircraft_that_sends_none_breaks_its_air_action_promise(tmp_path: Path) -> None:
    session = game(variant(tmp_path, air=12, air_weight=0.0), 1, corvia="bot:liberal")
    answers = [
        e.data for e in session.events if isinstance(e.data, DecisionData) and e.data.decision == "support"
    ]
    assert answers and all(a.choice == "none" for a in answers)
    assert "count for nothing" in answers[0].reason
    kept = {e.data.action: e.data.kept for e in session.events if isinstance(e.data, PromiseData)}
    assert kept["declare_war"] is True and kept["air_action"] is False


def test_mobilisation_completes_air_and_naval_phases(tmp_path: Path) -> None:
    text = Path(variant(tmp_path, air=2, naval=1, air_weight=0.4)).read_text()
    text = text.replace(
        'name = "field army"\nday = 2\ndivisions = 8',
        'name = "field army"\nday = 2\ndivisions = 8\nair = 10\nnaval = 5',
    )
    path = tmp_path / "mob.toml"
    path.write_text(text)
    session = game(str(path), 1)
    phases = [
        e
        for e in session.events
        if isinstance(e.data, MobilisationData) and e.data.actor == "corvia" and e.data.step == "field army"
    ]
    assert len(phases) == 1
    assert (phases[0].data.divisions, phases[0].data.air, phases[0].data.naval) == (8, 10, 5)
    assert "8 divisions, 10 squadrons and 5 ships available" in phases[0].text
    state = session.world.actors["corvia"]
    assert (state.air, state.naval) == (10, 5)
    # air committed in support before the phase completed grows with it: 2 squadrons, then 10
    committed = session.world.fronts["border"].committed
    assert committed.get("corvia.air") == 10


def test_a_defender_side_intervention_joins_the_defender(tmp_path: Path) -> None:
    loaded = scenarios.load(variant(tmp_path, air=0))
    world = World(loaded.scenario, 1, processes=(), decisions={})
    spec = loaded.scenario.fronts[0]
    campaign._open(world, spec, 8.0, "invasion")
    before = world.fronts["border"].defender
    iv = Intervention(actor="corvia", front="border", divisions=3, side="defender", air=5)
    intervention.enter(world, iv)
    front = world.fronts["border"]
    assert front.defender == pytest.approx(before + 3)  # air weighs 0 on this front
    assert front.attacker == 8.0 and front.joined == []
    assert "ardenia" in world.actors["corvia"].at_war_with
    assert "corvia" in world.actors["ardenia"].at_war_with
    assert "belmark" not in world.actors["corvia"].at_war_with
    entered = next(e for e in world.journal.events if isinstance(e.data, InterventionData))
    assert (entered.data.side, entered.data.air) == ("defender", 5)
    assert "against Ardenia on the side of Belmark" in entered.text
    # the default side is the attacker's, as before
    world2 = World(loaded.scenario, 1, processes=(), decisions={})
    campaign._open(world2, spec, 8.0, "invasion")
    intervention.enter(world2, attrs.evolve(iv, side="attacker"))
    assert world2.fronts["border"].attacker == 11.0 and world2.fronts["border"].joined == ["corvia"]
    assert "belmark" in world2.actors["corvia"].at_war_with


@pytest.mark.parametrize(
    ("value", "domain", "text"),
    [
        (0.3, "land", "1 brigade"),
        (0.7, "land", "2 brigades"),
        (1, "land", "1 division"),
        (0.95, "land", "1 division"),
        (12.4, "land", "12 divisions"),
        (0.0, "land", "no divisions"),
        (0.1, "land", "no divisions"),
        (1, "air", "1 squadron"),
        (24, "air", "24 squadrons"),
        (3, "naval", "3 ships"),
        (0, "naval", "no ships"),
    ],
)
def test_strength_text(value: float, domain: str, text: str) -> None:
    assert strength_text(value, domain) == text


def test_estimates_and_forces_in_words() -> None:
    assert about_text(0.1) == "next to no divisions"
    assert about_text(0.2) == "about 1 brigade"
    assert about_text(0.5) == "about 2 brigades"
    assert about_text(40) == "about 40 divisions"
    assert forces_text(12) == "12 divisions"
    assert forces_text(12, 4) == "12 divisions and 4 squadrons"
    assert forces_text(12, 4, 2) == "12 divisions, 4 squadrons and 2 ships"
    assert forces_text(0, 6) == "6 squadrons"


def test_no_journal_says_about_0_divisions() -> None:
    for name in ("norway-1940", "tutorial"):
        session = Session(scenarios.load(name), seed=1)
        session.run_to_end()
        assert not any(re.search(r"\b0 divisions|\b1 divisions", e.text) for e in session.events), name


def _support_prompt(options: tuple[str, ...], air_weight: float = 0.4) -> PromptView:
    return PromptView(
        id="p1",
        seat="corvia",
        kind="support",
        question="send?",
        options=options,
        default="none",
        opened=0,
        deadline=60,
        context={"front": "border", "air": 12.0, "naval": 4.0, "air_weight": air_weight, "naval_weight": 0.0},
    )


def test_every_doctrine_answers_support(tmp_path: Path) -> None:
    loaded = scenarios.load(variant(tmp_path, air=12, naval=4, air_weight=0.4))
    world = World(loaded.scenario, 1, processes=(), decisions={})
    world.actors["corvia"].declare_war_on("ardenia")
    view = seat_view(world, "corvia")
    prompt = _support_prompt(("air", "naval", "none"))
    for doctrine in (realist, liberal, constructivist, resolute, cautious):
        choice, reason = doctrine(view, prompt)
        assert choice in prompt.options and reason and "no doctrine" not in reason, doctrine
    assert resolute(view, prompt)[0] == "air"
    assert cautious(view, prompt)[0] == "none"
    assert resolute(view, _support_prompt(("naval", "none")))[0] == "naval"  # whatever it has
    # a domain that weighs nothing on the front is not worth sending, whatever the resolve
    for doctrine in (realist, liberal, constructivist):
        assert doctrine(view, _support_prompt(("air", "naval", "none"), air_weight=0.0))[0] == "none"
    # the realist's choice between the domains is the one that weighs most there
    r = realist(view, prompt)
    assert r[0] in ("air", "none")


def test_the_support_prompts_context_is_on_the_reviewed_list(tmp_path: Path) -> None:
    from test_prompt_context import ALLOWED

    session = game(variant(tmp_path, air=12, naval=3, air_weight=0.4), 1)
    kinds = [e.data.decision for e in session.events if isinstance(e.data, PromptData)]
    assert "support" in kinds
    for e in session.events:
        if isinstance(e.data, PromptData):
            assert not set(e.data.context) - set(ALLOWED.get(e.data.decision, {})), e.data.decision


def test_check_warns_of_forces_that_can_never_count(tmp_path: Path) -> None:
    from wargame.model.lint import suspicious

    idle = scenarios.load(variant(tmp_path, air=12)).scenario  # no front weighs aircraft
    assert any("no front gives them a weight (air_weight)" in m for _, m in suspicious(idle))
    used = scenarios.load(variant(tmp_path, air=12, air_weight=0.4)).scenario
    assert not any("weight" in m for _, m in suspicious(used))


def test_the_aggressor_weighs_a_guarantors_aircraft_where_they_count(tmp_path: Path) -> None:
    from wargame.engine.functionality import planned_weight

    plain = scenarios.load(variant(tmp_path, air=12, air_weight=0.0)).scenario
    weighed = scenarios.load(variant(tmp_path, air=12, air_weight=0.4)).scenario
    assert planned_weight(plain, "corvia") == 8  # its divisions: aircraft count for nothing there
    assert planned_weight(weighed, "corvia") == pytest.approx(8 + 12 * 0.4)


def test_the_seat_screen_never_estimates_about_0_divisions() -> None:
    """An estimate under a division reads in brigades on the seat's screen (issue #17: "about 0
    divisions"); whole divisions keep the column's figures."""
    from ui.text import estimate_words

    scenario = scenarios.load("tutorial").scenario
    small = estimate_words(scenario, "forces.border", 0.3, 0.1, 0.9, 2)
    assert small.startswith("about 1 brigade (between no divisions and 1 division)")
    assert "about 0" not in small
    assert estimate_words(scenario, "forces.border", 12.3, 9, 15, 5).startswith("about 12 (between 9 and 15)")
