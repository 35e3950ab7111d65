"""Prompt rules declared once (wargame.model.prompts): the lint and the game agree."""

from __future__ import annotations

import pytest
from conftest import FLAGSHIP, play

from wargame.cli import main
from wargame.model.lint import suspicious
from wargame.model.prompts import PROMPT_RULES, asked_kinds
from wargame.session import scenarios

NOT_ANGLO = ['guarantees.anglo-polish.against=["ussr"]']


def test_a_guarantee_that_cannot_fire_still_brings_a_statement_prompt(capsys) -> None:  # type: ignore[no-untyped-def]
    """The crisis opening asks every guarantor of the target for a statement, whatever its
    guarantee names in ``against``: Britain is asked, so its historical statement is no orphan
    (the old lint said it was). Its declaration of war, which needs the trigger, is one."""
    assert main(["check", FLAGSHIP, "--set", NOT_ANGLO[0]]) == 0
    out = capsys.readouterr().out
    assert "'uk' is never asked 'statement'" not in out
    assert "'uk' is never asked 'declare_war'" in out
    game = play(seed=1, overrides=NOT_ANGLO)
    asked = {(e.data["decision"], e.actors[0]) for e in game.events if e.kind == "prompt"}
    assert ("statement", "uk") in asked and ("declare_war", "uk") not in asked


def test_a_war_declared_by_the_other_side_counts_for_the_lint() -> None:
    """``at_war_with`` on the aggressor's side puts the guarantor at war too (the engine declares
    both ways): it is never asked to declare war."""
    loaded = scenarios.load(FLAGSHIP, ['actors.germany.at_war_with=["uk"]'])
    assert "declare_war" not in asked_kinds(loaded.scenario)["uk"]
    assert any("'uk' is never asked 'declare_war'" in m for _, m in suspicious(loaded.scenario))
    game = play(seed=1, overrides=['actors.germany.at_war_with=["uk"]'])
    assert not [
        e
        for e in game.events
        if e.kind == "prompt" and e.data["decision"] == "declare_war" and e.actors == ("uk",)
    ]


def test_every_rule_offers_its_default() -> None:
    for rule in PROMPT_RULES.values():
        assert rule.default is None or rule.default in rule.options, rule.kind


VARIANTS = [(name, sets) for name in sorted(p.stem for p in scenarios.bundled()) for sets in ((),)] + [
    (FLAGSHIP, tuple(NOT_ANGLO)),
    (FLAGSHIP, ("aggressor.warning_at=2030-01-01T00:00:00",)),
    (FLAGSHIP, ("council.convene_on_war_days=-1",)),
]


@pytest.mark.parametrize(("name", "sets"), VARIANTS)
def test_the_lint_and_the_engine_agree_on_who_is_asked_what(name: str, sets: tuple[str, ...]) -> None:
    """Every prompt a seat receives, over a few seeds and bots of every temper, is one the
    lint says it can receive; and every kind the lint promises turns up in one of the games."""
    loaded = scenarios.load(name, list(sets))
    promised = {(k, seat) for seat, kinds in asked_kinds(loaded.scenario).items() for k in kinds}
    seen: set[tuple[str, str]] = set()
    for seed, doctrine in ((1, "resolute"), (2, "cautious"), (3, "liberal"), (4, "realist")):
        seats = {a: f"bot:{doctrine}" for a in loaded.scenario.seat_ids}
        game = play(seed=seed, seats=seats, overrides=list(sets), name=name)
        seen |= {(e.data["decision"], e.actors[0]) for e in game.events if e.kind == "prompt"}
    assert seen <= promised, seen - promised
    assert {kind for kind, _ in promised - seen} <= RARE, promised - seen


# Prompts the lint rightly says can come but a few games need not show: a penetration must be
# uncovered (a daily chance), a council sits only when called, a third party is asked only while
# its front is at war, an offensive only while the promise is unmet.
RARE = {"penetration", "council_position", "intervene", "offensive"}
