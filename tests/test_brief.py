"""Printable briefings: a seat's never holds the ground truth; the white cell's pack does."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from wargame.analysis.brief import (
    BriefError,
    seat_brief_html,
    seat_brief_markdown,
    white_cell_pack_html,
    white_cell_pack_markdown,
)
from wargame.analysis.brief_parts import free_kinds
from wargame.analysis.brief_plan import condition_words
from wargame.analysis.wording import date_text
from wargame.cli import main
from wargame.model.prompts import PROMPT_RULES, asked_kinds
from wargame.model.scenario_files import scenarios

BUNDLED = ("drole-de-guerre-1939", "eastmark-2031", "norway-1940", "tutorial")


def secrets(loaded: scenarios.LoadedScenario) -> list[str]:
    """What only the white cell (and, for its plan, the aggressor) may read."""
    s = loaded.scenario
    out = [date_text(s.aggressor.invasion_at)]
    out += ["planted reports"] * bool(s.deception) + ["an agent in"] * bool(s.penetrations)
    out += [d.id for d in s.deception] + [p.id for p in s.penetrations]
    notes = " ".join(s.scenario.white_cell_notes.split())
    return out + ([notes[:60]] if notes else [])


def mentions(text: str, secret: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(secret)}(?![\w-])", text) is not None


@pytest.mark.parametrize("name", BUNDLED)
def test_a_seat_brief_holds_no_ground_truth_and_no_plan_but_its_own(name: str) -> None:
    loaded = scenarios.load(name)
    s = loaded.scenario
    for seat in s.seat_ids:
        text = seat_brief_markdown(loaded, seat)
        assert f"# Briefing: {s.actor(seat).name}" in text
        leaked = [x for x in secrets(loaded) if mentions(text, x)]
        if seat == s.aggressor.actor:
            assert date_text(s.aggressor.invasion_at) in text and "Your plan" in text
            assert all(mentions(text, d.id) for d in s.deception)
        else:
            assert leaked == [], (seat, leaked)
            assert "Your plan" not in text
        for g in s.guarantees:  # another seat's treaty (and its secret clauses) stays with its parties
            party = seat in (*g.guarantors, g.protected)
            assert (g.name in text) == party, (seat, g.name)


def test_the_french_brief_in_1939() -> None:
    text = seat_brief_markdown(scenarios.load("drole-de-guerre-1939"), "france")
    assert "Franco-Polish alliance and military protocol**, signed 19 May 1939" in text
    assert "Promised: a limited offensive by J+3" in text and "Secret clauses" in text
    assert "| covering force | J+1 after the order | 45 |" in text
    assert "declare war: once Poland is invaded" in text and "default: wait" in text
    assert "Anglo-Polish Agreement" not in text  # Britain's treaty, not France's
    assert "- 19 May 1939: Franco-Polish alliance and military protocol signed." in text


@pytest.mark.parametrize("name", BUNDLED)
def test_the_white_cell_pack_holds_everything(name: str) -> None:
    loaded = scenarios.load(name)
    s = loaded.scenario
    text = white_cell_pack_markdown(loaded)
    for secret in secrets(loaded):
        assert mentions(text, secret) or secret in text, secret
    for inject in s.injects:
        assert f"| {date_text(inject.at)} |" in text and f"| {inject.id} |" in text
    for a in s.actors:
        if a.seat:
            assert f"### {a.name}" in text
    assert len(re.findall(r"^\| .* \| .* \| .* \| .* \| .* \|$", text, flags=re.M)) >= len(s.history)


@pytest.mark.parametrize("page", ["seat", "pack"])
def test_html_is_one_self_contained_page(page: str) -> None:
    loaded = scenarios.load("drole-de-guerre-1939")
    html = seat_brief_html(loaded, "uk") if page == "seat" else white_cell_pack_html(loaded)
    assert (
        html.startswith("<!DOCTYPE html>") and html.count("<html") == 1 and html.rstrip().endswith("</html>")
    )
    assert not re.search(r"<(script|link|iframe)|src=\"http|url\(", html)
    assert "<table>" in html and "<h2>" in html and "**" not in html


def test_every_decision_a_seat_may_take_unasked_is_described() -> None:
    from wargame.engine.standard import FREE_DECISIONS
    from wargame.engine.whitecell import WHITE_KINDS

    loaded = scenarios.load("drole-de-guerre-1939")
    assert set(free_kinds(loaded.scenario)) == set(FREE_DECISIONS) - set(WHITE_KINDS)


def test_brief_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", "tutorial", "--seat", "corvia"]) == 0
    assert capsys.readouterr().out.startswith("# Briefing: Corvia")
    assert main(["brief", "tutorial", "--seat", "white"]) == 0
    assert capsys.readouterr().out.startswith("# White-cell pack")
    for out, head in (("c.md", "# Briefing: Corvia"), ("c.html", "<!DOCTYPE html>")):
        assert main(["brief", "tutorial", "--seat", "corvia", "--out", str(tmp_path / out)]) == 0
        assert (tmp_path / out).read_text(encoding="utf-8").startswith(head)
    assert main(["brief", "tutorial", "--white-cell", "--out", str(tmp_path / "pack.html")]) == 0
    assert "White-cell pack" in (tmp_path / "pack.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tutorial", "--seat", "narnia"], "unknown seat 'narnia'; the seats of tutorial are"),
        (["nonesuch", "--seat", "corvia"], "no bundled scenario or file named 'nonesuch'"),
        (["tutorial", "--seat", "corvia", "--out", "{tmp}/missing/c.md"], "does not exist"),
        (["tutorial", "--seat", "corvia", "--out", "{tmp}/c.txt"], "name it .md or .html"),
        (["tutorial", "--white-cell", "--out", "{tmp}/adir.md"], "cannot write"),
    ],
)
def test_bad_input_is_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (tmp_path / "adir.md").mkdir()
    assert main(["brief", *[a.replace("{tmp}", str(tmp_path)) for a in args]]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wargame brief: error: ") and message in err and "Traceback" not in err


def test_the_api_refuses_an_unknown_seat() -> None:
    with pytest.raises(BriefError, match="unknown seat"):
        seat_brief_markdown(scenarios.load("tutorial"), "white")


# --- issue #17, round 2: briefings for a blockade and for a seizure (trial item 7) ---

VELMORA = scenarios.load("velmora-strait-2033")
OREN = scenarios.load("oren-valley-2032")


def asked_part(text: str) -> str:
    """The "You will be asked" list of a seat's briefing (not the "at any time" one)."""
    return text.split("You will be asked", 1)[1].split("At any time", 1)[0]


def test_the_war_question_is_asked_over_the_acts_the_treaty_covers_with_their_clarity() -> None:
    asked = asked_part(seat_brief_markdown(VELMORA, "maridell"))
    assert (
        "declare war: once Kessaria blockades Velmora (your treaty's clarity 0.2), or later once Kessaria "
        "turns its blockade into an invasion (your treaty's clarity 0.85)" in asked
    )
    assert "until Velmora concedes or falls" in asked and "once Velmora is invaded" not in asked
    s = VELMORA.scenario  # a treaty silent on blockades is asked only over the invasion
    treaty = attrs.evolve(s.guarantees[0], clarity={"invasion": 0.85})
    silent = attrs.evolve(VELMORA, scenario=attrs.evolve(s, guarantees=(treaty,)))
    asked = asked_part(seat_brief_markdown(silent, "maridell"))
    assert (
        "declare war: only if Kessaria escalates: once Kessaria turns its blockade into an invasion" in asked
    )
    assert "blockades Velmora (your" not in asked


def test_the_rule_of_the_war_question_says_it_comes_over_any_act_that_triggers() -> None:
    when = PROMPT_RULES["declare_war"].when
    assert "blockade" in when and "strike" in when and "the protected state is invaded" not in when
    assert "when conditions" in PROMPT_RULES["intervene"].when


def test_the_aggressors_plan_holds_its_aim_objective_demand_and_deadline() -> None:
    plan = seat_brief_markdown(VELMORA, "kessaria").split("## Your plan", 1)[1]
    assert "Its aim (`aim = coerce`): to coerce Velmora into a concession." in plan
    assert "The blockade demands Velmora accepts Kessarian customs officers" in plan
    assert "If Velmora has not conceded by 31 Mar 2033 00:00, Kessaria is asked (escalate)" in plan
    plan = seat_brief_markdown(OREN, "dravenia").split("## Your plan", 1)[1]
    assert "Its aim (`aim = seize`)" in plan
    assert "On the Oren valley: it halts on the Oren river, 35 km in, and holds there" in plan


def test_the_white_cell_pack_holds_the_pressure_the_aims_and_what_agents_sway() -> None:
    pack = white_cell_pack_markdown(VELMORA)
    assert "### The pressure (`[pressure]`)" in pack and "Escorts take away up to" in pack
    assert "demands Velmora accepts Kessarian customs officers" in pack and "31 Mar 2033 00:00" in pack
    assert "sways its escort and council position decisions" in pack
    pack = white_cell_pack_markdown(OREN)
    assert "`aim = seize`" in pack and "the Oren river, 35 km in" in pack and "sways its support" in pack
    assert "### The pressure" not in pack  # a strike is no pressure


def test_an_aggressor_that_cannot_strip_is_not_offered_up_to_0_divisions() -> None:
    assert OREN.scenario.aggressor.strip_divisions == 0
    text = seat_brief_markdown(OREN, "dravenia")
    assert "up to 0 divisions" not in text and "you cannot strip it for the invasion" in text
    plan = attrs.evolve(OREN.scenario.aggressor, strip_divisions=4)
    text = seat_brief_markdown(
        attrs.evolve(OREN, scenario=attrs.evolve(OREN.scenario, aggressor=plan)), "dravenia"
    )
    assert "strip it for the invasion (up to 4 divisions)" in text


def test_aid_is_described_as_war_materiel_for_a_front() -> None:
    """Aid is materiel, never divisions; under a blockade it raises the protected state's endurance
    (and may be stopped), once there is a front it strengthens it."""
    text = seat_brief_markdown(VELMORA, "maridell")
    assert "send aid: ship war materiel to Velmora" in text and "ship divisions" not in text
    assert "under the pressure it raises its endurance" in text and "unless escorted" in text


def test_conditions_read_in_words_in_the_pack_and_the_intervention_prompt() -> None:
    s = OREN.scenario
    assert condition_words(s, ["objective:oren"]) == "Dravenia holds its objective on the Oren valley"
    assert condition_words(s, ["front:oren.ground_km >= 30", "endurance < 0.5"]) == (
        "Dravenia holds at least 30 km of the Oren valley and Tirsa's endurance is below 0.5"
    )
    iv = attrs.evolve(s.interventions[0], when=("objective:oren",))
    loaded = attrs.evolve(OREN, scenario=attrs.evolve(s, interventions=(iv, *s.interventions[1:])))
    text = seat_brief_markdown(loaded, iv.actor)
    assert "intervene: once Dravenia holds its objective on the Oren valley, on news" in text


def test_every_prompt_a_seat_can_be_asked_is_in_its_briefing_but_the_purge() -> None:
    for loaded in (VELMORA, OREN, scenarios.load("drole-de-guerre-1939")):
        kinds = asked_kinds(loaded.scenario)
        for seat in loaded.scenario.seat_ids:
            asked = asked_part(seat_brief_markdown(loaded, seat))
            for kind in kinds.get(seat, ()):
                told = kind != "penetration"  # telling it would reveal the agent
                assert (f"- {kind.replace('_', ' ')}:" in asked) == told, (loaded.name, seat, kind)
