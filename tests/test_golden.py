"""Golden journals: each bundled scenario's seed-1 game, byte for byte.

A failure here means the engine or a scenario now plays differently. If that is intended, run
``python tests/regen_golden.py`` and give the reason in the commit message.
"""

from __future__ import annotations

import hashlib

import pytest
from regen_golden import golden_path, golden_text

from wargame.model.scenario_files import scenarios

NAMES = [p.stem for p in scenarios.bundled()]


def test_every_bundled_scenario_has_a_golden_journal() -> None:
    missing = [n for n in NAMES if not golden_path(n).exists()]
    assert missing == [], f"no golden journal for {missing}: run python tests/regen_golden.py"


@pytest.mark.parametrize("name", NAMES)
def test_golden_journal(name: str) -> None:
    expected = golden_path(name).read_text(encoding="utf-8")
    actual = golden_text(name)
    if actual != expected:
        old, new = expected.splitlines(), actual.splitlines()
        line = next(
            (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new))
        )
        pytest.fail(
            f"{name}: the game differs from its golden journal at line {line + 1} "
            f"(sha256 {hashlib.sha256(expected.encode()).hexdigest()[:12]} -> "
            f"{hashlib.sha256(actual.encode()).hexdigest()[:12]})\n"
            f"  golden: {old[line] if line < len(old) else '(end)'}\n"
            f"  now:    {new[line] if line < len(new) else '(end)'}\n"
            "If the change is intended, run: python tests/regen_golden.py (and say why in the commit)."
        )
