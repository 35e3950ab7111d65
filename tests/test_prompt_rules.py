"""Prompt rules declared once (wargame.model.prompts): the lint and the game agree."""

from __future__ import annotations

import pytest
from conftest import FLAGSHIP, play, scenarios

from wargame.cli import main
from wargame.model.lint import suspicious
from wargame.model.prompts import PROMPT_RULES, asked_kinds

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
    asked = {(e.data.decision, e.actors[0]) for e in game.events if e.kind == "prompt"}
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
        if e.kind == "prompt" and e.data.decision == "declare_war" and e.actors == ("uk",)
    ]


def test_every_rule_offers_its_default() -> None:
    for rule in PROMPT_RULES.values():
        assert rule.default is None or rule.default in rule.options, rule.kind


VARIANTS = [(name, sets) for name in sorted(p.stem for p in scenarios.bundled()) for sets in ((),)] + [
    (FLAGSHIP, tuple(NOT_ANGLO)),
    (FLAGSHIP, ("aggressor.warning_at=2030-01-01T00:00:00",)),
    (FLAGSHIP, ("council.convene_on_war_days=-1",)),
    (FLAGSHIP, ('actors.germany.at_war_with=["uk"]',)),
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
        seen |= {(e.data.decision, e.actors[0]) for e in game.events if e.kind == "prompt"}
    assert seen <= promised, seen - promised
    assert {kind for kind, _ in promised - seen} <= RARE, promised - seen


# Prompts the lint rightly says can come but a few games need not show: a penetration must be
# uncovered (a daily chance), a council sits only when called, a third party is asked only while
# its front is at war, an offensive only while the promise is unmet.
RARE = {"penetration", "council_position", "intervene", "offensive"}


def _prompted_kinds_in_source() -> set[str]:
    """The kinds the engine's ``open_prompt(world, seat, kind, ...)`` calls name, from the source."""
    import ast
    from pathlib import Path

    import wargame.engine

    kinds: set[str] = set()
    for path in Path(wargame.engine.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "open_prompt":
                kind = node.args[2]
                assert isinstance(kind, ast.Constant), f"{path.name}:{node.lineno}: name the kind literally"
                kinds.add(kind.value)
    return kinds


def test_every_prompt_the_engine_opens_is_declared_and_every_declared_one_is_opened() -> None:
    assert _prompted_kinds_in_source() == set(PROMPT_RULES)


def test_the_registry_holds_every_free_decision_once() -> None:
    from wargame.engine import standard

    declared = [d.kind for m in vars(standard).values() if hasattr(m, "DECISIONS") for d in m.DECISIONS]
    assert sorted(declared) == sorted(standard.FREE_DECISIONS)  # each kind once, none lost
    # a seat asked these may also take them unasked (escort: a guarantor under a blockade)
    assert not set(standard.FREE_DECISIONS) & set(PROMPT_RULES) - {
        "statement",
        "mobilise",
        "escort",
        "support",
    }


def test_every_decision_journalled_is_a_declared_prompt_or_a_registered_free_decision() -> None:
    from wargame.engine.standard import FREE_DECISIONS

    game = play(seed=2, seats={"france": "bot:resolute", "uk": "bot:liberal"})
    for e in game.events:
        if e.kind == "decision":
            assert e.data.decision in PROMPT_RULES or e.data.decision in FREE_DECISIONS


def test_the_engine_refuses_a_prompt_its_rules_never_allow(flagship: scenarios.LoadedScenario) -> None:
    from wargame.engine.decisions import PromptRuleError, open_prompt
    from wargame.engine.world import World

    world = World(flagship.scenario, 1, processes=(), decisions={})
    with pytest.raises(PromptRuleError, match="never ask 'poland' to decide 'attack'"):
        open_prompt(world, "poland", "attack", "attack?", ("proceed",), "proceed", 60)
    with pytest.raises(PromptRuleError, match="offers"):
        open_prompt(world, "germany", "attack", "attack?", ("proceed", "retreat"), "proceed", 60)
    open_prompt(world, "germany", "attack", "attack?", ("proceed", "abandon"), "proceed", 60)
    assert [e.data.decision for e in world.journal.events] == ["attack"]


def test_a_world_runs_only_the_processes_it_is_handed(flagship: scenarios.LoadedScenario) -> None:
    from wargame.engine.world import World

    world = World(flagship.scenario, 1, processes=(), decisions={})
    world.start()
    world.env.run()
    assert [e.kind for e in world.journal.events] == ["start", "end"]


def test_a_bot_doctrine_must_speak_the_prompt_rules() -> None:
    from wargame.session import bots

    with pytest.raises(ValueError, match="no 'attack' prompt offers 'retreat'"):
        bots._fixed({"attack": "retreat"}, halt="for", reason="")


def test_the_world_carries_no_view_caches() -> None:
    """The seats' views cache what they worked out beside the world (session side), per world."""
    from wargame.session.views import seat_view, view_cache

    game = play(seed=1, seats={"france": "bot:liberal"})
    view = seat_view(game.world, "france")
    assert view.credibility and len(view.events) > 0  # worked out, and cached
    assert not {"seen", "judged", "memo"} & set(vars(game.world))
    cache = view_cache(game.world)
    assert "france" in cache.seen and "france" in cache.judged
    other = play(seed=1, seats={"france": "bot:liberal"})
    assert view_cache(other.world) is not cache
    assert seat_view(other.world, "france").events == view.events  # same seed, same view


def test_the_rules_cover_every_prompt_the_schema_names() -> None:
    """``[[history]]`` entries and decision scripts are checked against the schema's PROMPTS."""
    from wargame.model.scenario import PROMPTS

    assert {k: r.options for k, r in PROMPT_RULES.items()} == PROMPTS


def test_the_seat_screens_label_every_free_decision_of_the_registry() -> None:
    from ui.orders import FREE_LABELS
    from wargame.engine.standard import FREE_DECISIONS

    assert set(FREE_LABELS) == {k for k, d in FREE_DECISIONS.items() if not d.white}
