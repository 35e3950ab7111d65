"""No 1939 words in the engine (issue #17, item 6): the names and texts a game prints come from its
scenario. Two guards: the string literals of the code players read (not its docstrings, which
teach the domain with the history), and whole games of the two crises of today, whose every
journal line must be free of 1939's names."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from wargame.model.scenario_files import scenarios
from wargame.session.session import Session

ROOT = Path(__file__).resolve().parent.parent
WORDS = re.compile(
    r"\b(west|western|poland|polish|germany|german|france|french|britain|british|warsaw|saar|"
    r"maginot|siegfried|ussr|soviet|1939)\b",
    re.IGNORECASE,
)
#: In a game's journal: "west" may be the scenario's own word (Velmora's western beaches).
NAMES = re.compile(WORDS.pattern.replace("west|western|", ""), re.IGNORECASE)
#: Literals that may name 1939 on purpose: reading results written before the renames of #17.
ALLOWED = {"aggressor_divisions_moved_west", "west_breakthrough", "west_breakthrough_after_days"}


def _docstrings(tree: ast.AST) -> set[int]:
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def _literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def test_no_string_the_engine_prints_names_1939() -> None:
    """The engine's and the session's texts (the model layer's field docs may teach with 1939)."""
    found = []
    for folder in ("wargame/engine", "wargame/session"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for line, text in _literals(path):
                if text not in ALLOWED and WORDS.search(text):
                    found.append(f"{path.relative_to(ROOT)}:{line}: {text[:80]!r}")
    assert found == []


@pytest.mark.parametrize("name", ["velmora-strait-2033", "oren-valley-2032"])
def test_a_crisis_of_today_prints_no_1939_word(name: str) -> None:
    for seed in (1, 2):
        session = Session(scenarios.load(name), seed=seed)
        session.run_to_end()
        lines = [e.text for e in session.world.journal.events if NAMES.search(e.text)]
        assert lines == [], f"seed {seed}: {lines[:3]}"
