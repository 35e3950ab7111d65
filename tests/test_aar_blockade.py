"""The after-action review of a blockade turned invasion (issue #17, re-trial): a declaration's
day counts from the aggressor's first act, as the outcome does; a guarantee reads as triggered by
the blockade (and again by the invasion), and its promises fall due from that first trigger; only
a guarantor bound to declare war is blamed for not declaring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wargame.analysis.aar.markdown import to_markdown
from wargame.analysis.aar.review import after_action_from_journal
from wargame.analysis.aar.types import AfterAction
from wargame.analysis.brief import seat_brief_markdown
from wargame.model.scenario_files import scenarios

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def velmora() -> AfterAction:
    return after_action_from_journal(GOLDEN / "velmora-strait-2033.seed1.jsonl")


@pytest.fixture(scope="module")
def oren() -> AfterAction:
    return after_action_from_journal(GOLDEN / "oren-valley-2032.seed1.jsonl")


def test_a_declaration_counts_from_the_blockade_as_the_outcome_does(velmora: AfterAction) -> None:
    after = velmora.outcome.guarantors["aldoria"].war_declared_after_days
    assert after is not None and 20 < after < 22  # counted from the blockade's start
    text = to_markdown(velmora)
    assert f"Aldoria: declared war {after:.1f} days into the blockade" in text


def test_a_guarantee_reads_as_triggered_by_the_blockade_then_again_by_the_invasion(
    velmora: AfterAction,
) -> None:
    g = velmora.plan.guarantees[0]
    assert g.triggered_at == "2033-03-10T06:00" and g.triggered_by == "blockade"
    assert g.triggered_clarity == 0.2
    assert (g.again_by, g.again_clarity, g.again_at) == ("invasion", 0.85, "2033-03-31T00:00")
    text = to_markdown(velmora)
    assert (
        "triggered 10 Mar 2033 06:00 by the blockade (clarity 0.2); "
        "triggered again by the invasion at clarity 0.85 on 31 Mar 2033 00:00." in text
    )


def test_promises_fall_due_from_the_first_trigger(velmora: AfterAction) -> None:
    (aid,) = [o for g in velmora.plan.guarantees for o in g.obligations if o.action == "aid"]
    # aid by J+3 once endurance < 0.6: the condition held on 27 Mar, after the blockade's trigger
    # (10 Mar) and before the invasion's (31 Mar): due 30 Mar, as the engine judged it (31 Mar,
    # with its day of grace), not 3 Apr
    assert aid.due_at == "30 Mar 2033 06:00" and aid.kept is True


def test_an_unbound_guarantor_is_not_blamed_for_not_declaring(
    oren: AfterAction, velmora: AfterAction
) -> None:
    # Severin's promises in Oren name no war; Aldoria in Velmora is ambiguous
    assert "severin" not in oren.plan.guarantees[0].bound_to_war
    assert not [f for f in oren.issues if f.kind in ("no_declaration", "late_declaration")]
    assert velmora.plan.guarantees[0].bound_to_war == ("maridell",)
    assert not [f for f in velmora.issues if f.seat == "aldoria" and "declar" in f.kind]


# --- raw ids in texts a facilitator reads (re-trial item 8) ---


def test_a_conditional_promise_in_a_briefing_names_its_condition_in_words() -> None:
    text = seat_brief_markdown(scenarios.load("oren-valley-2032"), "severin")
    assert "capital:oren" not in text
    assert "main offensive by J+12 (12 days after the capital behind the Oren valley has fallen)" in text


def test_the_white_cell_line_of_a_penetration_names_its_subjects_in_words() -> None:
    lines = [
        json.loads(line)
        for line in (GOLDEN / "velmora-strait-2033.seed1.jsonl").read_text().splitlines()
        if '"kind":"penetration"' in line and "biased by" in line
    ]
    assert lines and all("forces." not in d["text"] for d in lines)
    assert (
        "Maridell's assessments of Kessaria's divisions on the western beaches of Velmora" in lines[0]["text"]
    )
