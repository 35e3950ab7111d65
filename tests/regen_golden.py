"""Regenerate the golden journals — deliberately, never silently.

Run ``python tests/regen_golden.py`` only when a change is *meant* to alter games, and say why in
the commit message. Each bundled scenario has one golden journal: seed 1, every seat its
historical bot.
"""

from __future__ import annotations

import sys
from pathlib import Path

from wargame.model.scenario_files import scenarios
from wargame.session.session import Session

GOLDEN = Path(__file__).parent / "golden"
SEED = 1


def golden_path(name: str) -> Path:
    return GOLDEN / f"{name}.seed{SEED}.jsonl"


def golden_text(name: str) -> str:
    session = Session(scenarios.load(name), seed=SEED)
    session.run_to_end()
    return session.text()


def main() -> int:
    GOLDEN.mkdir(exist_ok=True)
    for path in scenarios.bundled():
        target = golden_path(path.stem)
        new = golden_text(path.stem)
        old = target.read_text(encoding="utf-8") if target.exists() else None
        target.write_text(new, encoding="utf-8")
        print(f"{target}: {'unchanged' if old == new else 'REWRITTEN'} ({len(new.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
