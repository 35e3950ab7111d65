"""The long resume sweep (issue #18, item 2): every line cut of several games, and random byte
cuts, resumed and played on with the same decisions, must give the uncut game's very bytes.

    python tests/fuzz/resume_sweep.py [--games all|NAME,...] [--stride 1] [--bytes 200] [--seed 0]

Games: the tutorial and 1939 with bots, velmora and oren as their scenarios set them, and the
tutorial and 1939 with human seats that decide, confirm defaults and take a free decision
(:mod:`cuts`). For each, every ``--stride``-th line cut (1: every one) and ``--bytes`` random
byte cuts. A cut inside the header (no event recorded) must be refused with a message; every
other cut must resume to the same bytes. The counts are printed per game and at the end; exit
status 1 if any cut failed. Every line cut of all six games takes about 25 minutes on one core.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cuts import bots_game, events_of, human_game, line_ends, resumed_bytes

from wargame.session.journal.read import JournalError

GAMES = {
    "tutorial": lambda p: bots_game(p, "tutorial", 2, ["ardenia=bot:realist", "belmark=bot:liberal"]),
    "1939": lambda p: bots_game(p, "drole-de-guerre-1939", 1),
    "velmora": lambda p: bots_game(p, "velmora-strait-2033", 1),
    "oren": lambda p: bots_game(p, "oren-valley-2032", 2),
    "tutorial-humans": lambda p: human_game(p, "tutorial", 2, ["belmark=human", "corvia=human"]),
    "1939-humans": lambda p: human_game(p, "drole-de-guerre-1939", 1, ["france=human", "uk=human"]),
}


def sweep(name: str, folder: Path, stride: int, nbytes: int, rng: random.Random) -> dict[str, int]:
    whole_path = folder / f"{name}.jsonl"
    data = GAMES[name](whole_path)
    whole = events_of(whole_path)
    ends = line_ends(data)
    cuts = [ends[k] for k in range(0, len(ends) - 1, stride)]  # after line 1 .. before the last
    header_end = ends[0]
    cuts += [rng.randrange(1, len(data)) for _ in range(nbytes)]
    counts = {"cuts": 0, "same bytes": 0, "refused (in the header)": 0, "FAILED": 0}
    cut = folder / "cut.jsonl"
    for at in cuts:
        counts["cuts"] += 1
        if counts["cuts"] % 25 == 0:
            gc.collect()  # resumed games leave cycles in the oldest generation: gigabytes otherwise
        cut.write_bytes(data[:at])
        try:
            same = resumed_bytes(cut, whole) == data
        except JournalError as err:
            if at < header_end and "inside its first line" in str(err):
                counts["refused (in the header)"] += 1
                continue
            print(f"  {name}: cut at byte {at}: refused: {err}", flush=True)
            counts["FAILED"] += 1
            continue
        except Exception as err:
            print(f"  {name}: cut at byte {at}: {type(err).__name__}: {err}", flush=True)
            counts["FAILED"] += 1
            continue
        if same:
            counts["same bytes"] += 1
        else:
            print(f"  {name}: cut at byte {at}: the resumed game differs", flush=True)
            counts["FAILED"] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--games", default="all", help="all, or some of: " + ", ".join(GAMES))
    parser.add_argument("--stride", type=int, default=1, help="every N-th line cut (default 1: all)")
    parser.add_argument("--bytes", type=int, default=200, help="random byte cuts per game (default 200)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the byte cuts (default 0)")
    args = parser.parse_args()
    names = list(GAMES) if args.games == "all" else args.games.split(",")
    rng = random.Random(args.seed)
    total: dict[str, int] = {}
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            started = time.perf_counter()
            counts = sweep(name, Path(tmp), args.stride, args.bytes, rng)
            failed += counts["FAILED"]
            for k, v in counts.items():
                total[k] = total.get(k, 0) + v
            figures = ", ".join(f"{k} {v}" for k, v in counts.items())
            print(f"{name}: {figures} ({time.perf_counter() - started:.0f} s)", flush=True)
    print("total: " + ", ".join(f"{k} {v}" for k, v in total.items()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
