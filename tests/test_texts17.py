"""Texts that read wrong in the new-user trial of issue #17 (trial 17, "Text that reads wrong"):
the allocation named for the act and its moves explained, subjects in words in leaks, the leaks
of shared reports saying what they carry, the white cell's bias line once at a detection, the
bots' reasons (a penetration purged, the protected state's own rescue, a consultation), channel
names, the apostrophe, and the date example."""

from __future__ import annotations

import re

import attrs
import pytest

from wargame.analysis.brief_parts import seat_prompts
from wargame.engine import allocation
from wargame.engine.events import DecisionData, LeakData, PenetrationData, TransferData
from wargame.model.scenario_files import scenarios
from wargame.session.doctrines import initiative
from wargame.session.session import Session

STRIKE = (
    "aggressor.aim=seize",
    "aggressor.means=strike",
    "fronts.border.objective_km=40",
    'fronts.border.objective="the Lys river"',
    "fronts.border.capital_falls_cohesion=0",
)


def _played(
    name: str, overrides: tuple[str, ...] = (), seats: tuple[str, ...] = (), seed: int = 1
) -> Session:
    session = Session(scenarios.load(name, overrides), seed=seed, seats=list(seats))
    session.run_to_end()
    return session


def test_the_allocate_prompt_names_a_strike_and_says_what_hold_does() -> None:
    events = _played("tutorial", STRIKE).world.journal.events
    asked = [e for e in events if e.kind == "prompt" and "Strip the fronts" in e.text]
    assert asked and asked[0].text.startswith("Ardenia must decide: Ardenia has struck at Belmark. ")
    assert all("for the strike" in e.text and "invasion" not in e.text for e in asked)
    assert all("hold (keep the planned deployment there)" in e.text for e in asked)
    plain = _played("tutorial").world.journal.events
    first = next(e for e in plain if e.kind == "prompt" and "Strip the fronts" in e.text)
    assert "Ardenia has invaded Belmark. Strip the fronts you defend for the invasion" in first.text


def test_a_move_says_why_and_hold_moves_back_to_the_planned_deployment() -> None:
    session = Session(scenarios.load("tutorial"), seed=1, seats=["ardenia=human"])
    session.advance(6 * 24 * 60)
    world = session.world
    assert world.trigger == "invasion"
    allocation.move_to(world, 2.0, "reinforce")
    allocation.move_to(world, 0.0, "hold")
    moves = [e.text for e in world.journal.events if isinstance(e.data, TransferData)][-2:]
    assert moves[0].endswith(", to reinforce the fronts it defends.")
    assert moves[1].endswith(", back to the planned deployment.")


@pytest.fixture(scope="module")
def leaky() -> Session:
    """1939 with liberal France (it shares its assessments) and Dedal found on the first days."""
    return _played(
        "drole-de-guerre-1939",
        ("penetrations.dedal.detection_per_day=1", "actors.france.oversight=1"),
        seats=("france=bot:liberal", "uk=bot:liberal"),
    )


def test_leaks_name_subjects_in_words_and_say_what_a_report_carried() -> None:
    game = _played("drole-de-guerre-1939", seats=("france=bot:liberal", "uk=bot:liberal"))
    leaks = [e for e in game.world.journal.events if isinstance(e.data, LeakData)]
    assert leaks
    assert not [e.text for e in leaks if re.search(r"→ (forces|mobilisation)\.|attack_date", e.text)]
    shared = [e for e in leaks if e.data.decision == "share_assessment"]
    assert shared and all(re.search(r"→ .*('s divisions|'s attack)", e.text) for e in shared), shared[0].text
    for e in leaks:
        if e.data.subject is not None:
            assert "'s report: " in e.text and "passes on a report it received" not in e.text


def test_the_white_cell_bias_line_is_printed_once_at_a_detection(leaky: Session) -> None:
    events = leaky.world.journal.events
    detected = next(e for e in events if e.kind == "detected")
    after = [e for e in events if isinstance(e.data, PenetrationData) and e.seq >= detected.seq - 1]
    assert len([e for e in after if e.text.startswith("(white cell) dedal")]) == 1


def test_a_purged_penetration_is_not_given_a_treaty_reason() -> None:
    events = _played("eastmark-2031").world.journal.events
    purges = [e.data for e in events if isinstance(e.data, DecisionData) and e.data.decision == "penetration"]
    assert purges and all(d.choice == "purge" for d in purges)
    assert {d.reason for d in purges} == {"an agent in our government cannot be left in place: purge it"}


def test_the_protected_states_council_reason_is_its_rescue() -> None:
    events = _played("tutorial").world.journal.events
    votes = [
        e.data
        for e in events
        if isinstance(e.data, DecisionData)
        and e.data.seat == "belmark"
        and e.data.decision == "council_position"
    ]
    assert votes and {d.reason for d in votes} == {"the offensive is our rescue: our survival is at stake"}


def test_a_resolute_seat_consults_without_naming_an_offensive() -> None:
    session = Session(scenarios.load("tutorial"), seed=1, seats=["corvia=human"])
    session.advance(6 * 24 * 60)
    view = session.view("corvia")
    at_war = attrs.evolve(
        view,
        own=attrs.evolve(view.own, at_war_with=("ardenia",)),
        events=tuple(e for e in view.events if e.kind != "council"),  # no sitting called yet
    )
    (consult,) = [i for i in initiative.resolute(at_war) if i.kind == "convene_council"]
    assert consult.reason == "at war: decide with our allies, now"


def test_channel_names_and_the_apostrophe() -> None:
    from wargame.model.wording import channel_name

    assert [channel_name(c) for c in ("humint", "diplomatic", "osint", "imagery")] == [
        "HUMINT",
        "diplomatic",
        "OSINT",
        "imagery",
    ]
    s = scenarios.load("oren-valley-2032").scenario
    lines = [line for seat in (a.id for a in s.actors) for line in seat_prompts(s, seat)]
    assert not [line for line in lines if "’" in line]


def test_the_review_counts_leaked_decisions_and_reports_once_per_penetration() -> None:
    """Trial 17: "lantern: 66 decisions leaked" was printed once per subject, and most were reports."""
    from wargame.analysis.aar.findings import deception_results

    s = scenarios.load("drole-de-guerre-1939").scenario
    dedal = attrs.evolve(s.penetrations[0], subjects=("forces.west", "forces.poland"))
    loaded = attrs.evolve(
        scenarios.load("drole-de-guerre-1939"), scenario=attrs.evolve(s, penetrations=(dedal,))
    )
    session = Session(loaded, seed=1, seats=["france=bot:liberal", "uk=bot:liberal"])
    session.run_to_end()
    events = session.world.journal.events
    leaks = [e.data for e in events if isinstance(e.data, LeakData)]
    decisions = sum(1 for d in leaks if d.decision is not None)
    assert 0 < decisions < len(leaks)
    notes = [r.note for r in deception_results(events, loaded.scenario, (), None) if r.kind == "penetration"]
    assert len(notes) == 2 and notes[1] == ""
    assert notes[0].startswith(
        f"{decisions} decisions and {len(leaks) - decisions} reports leaked to Germany; "
    )
