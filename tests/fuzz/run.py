"""The long fuzz run: mutate the bundled scenarios and a few journals, run the CLI on each
mutant in-process, and count tracebacks and hangs.

    python tests/fuzz/run.py --scenarios 10000 --journals 10000 [--seed 0] [--timeout 20]

Each scenario mutant is ``check``ed, and ``run`` for two days if it passes; each journal mutant is
given to ``replay --verify``, ``report`` and ``show --white-cell``. Every command must exit 0, 1 or
2 with no traceback within the time limit. The counts are printed at the end (and every 500
inputs); findings are saved under ``--findings`` (default ``fuzz-findings/``) to reproduce them.
Exit status 1 if anything was found.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.setrecursionlimit(10_000)  # as deep as a user's interpreter may be set; bounds must not rely on it

from mutators import bad, check_journal, check_scenario, mutate_journal, mutate_scenario  # noqa: E402


def journals(folder: Path) -> list[bytes]:
    """A few honest journals to mutate: the bundled scenarios' first games."""
    from mutators import call_cli

    from wargame.model.scenario_files import scenarios

    out = []
    for n, path in enumerate(scenarios.bundled()):
        target = folder / f"{path.stem}.jsonl"
        status = call_cli(["run", path.stem, "--seed", str(n), "--journal", str(target)], 120)
        if status[:2] == ("ok", 0):
            out.append(target.read_bytes())
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scenarios", type=int, default=1000)
    parser.add_argument("--journals", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per command (a hang)")
    parser.add_argument("--findings", default="fuzz-findings")
    args = parser.parse_args()
    from wargame.model.scenario_files import scenarios

    rng = random.Random(args.seed)
    findings = Path(args.findings)
    counts = {"scenarios": 0, "journals": 0, "commands": 0, "tracebacks": 0, "hangs": 0, "bad_exit": 0}
    sources = [p.read_text(encoding="utf-8") for p in scenarios.bundled()]
    started = time.monotonic()

    def record(kind: str, n: int, data: bytes, outcomes: list[tuple[str, int | None, str]]) -> None:
        counts["commands"] += len(outcomes)
        found = bad(outcomes)
        for status, code, text in found:
            counts[
                "tracebacks" if status == "traceback" else "hangs" if status == "hang" else "bad_exit"
            ] += 1
            findings.mkdir(parents=True, exist_ok=True)
            stem = findings / f"{kind}-{n}"
            stem.with_suffix(".toml" if kind == "scenario" else ".jsonl").write_bytes(data)
            stem.with_suffix(".txt").write_text(f"{status} {code}\n{text}", encoding="utf-8")
            print(f"{kind} {n}: {status} {code}: {text.strip().splitlines()[-1:]}", flush=True)

    def progress() -> None:
        elapsed = time.monotonic() - started
        print(f"[{elapsed:7.0f} s] " + ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in range(args.scenarios):
            text = mutate_scenario(rng.choice(sources), rng)
            data = text.encode("utf-8", "surrogatepass")
            path = folder / "mutant.toml"
            path.write_bytes(data)
            record("scenario", n, data, check_scenario(path, args.timeout))
            counts["scenarios"] += 1
            if counts["scenarios"] % 500 == 0:
                progress()
        honest = journals(folder) if args.journals else []
        for n in range(args.journals):
            data = mutate_journal(rng.choice(honest), rng)
            path = folder / "mutant.jsonl"
            path.write_bytes(data)
            record("journal", n, data, check_journal(path, args.timeout))
            counts["journals"] += 1
            if counts["journals"] % 500 == 0:
                progress()
    progress()
    return 1 if counts["tracebacks"] or counts["hangs"] or counts["bad_exit"] else 0


if __name__ == "__main__":
    sys.exit(main())
