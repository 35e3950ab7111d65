"""Paired games of the three doctrines on a scenario's guarantors (issue #16, item 2).

Each doctrine plays both guarantors (1939: France and Britain) over the same seeds (common random
numbers); every pair of doctrines is compared on the headline measures with a paired bootstrap 95%
interval (:func:`wargame.analysis.experiment_stats.contrast`). Experiments cannot vary the seats
as a factor yet, so this is a batch script::

    python tools/doctrine_pairs.py --runs 200 --jobs 2            # 1939
    python tools/doctrine_pairs.py --scenario tutorial --runs 50
"""

from __future__ import annotations

import argparse
import itertools

from wargame.analysis.batch import run_batch
from wargame.analysis.experiment_stats import Estimate, contrast, values
from wargame.model.scenario_files import scenarios

DOCTRINES = ("realist", "liberal", "constructivist")
MEASURES = (
    "guarantee_honoured = substantive",
    "guarantee_honoured = formal",
    "guarantee_honoured = abandoned",
    "honoured_substantively",
    "credibility_at_invasion",
    "protege_survival_days",
    "guarantors.uk.war_declared_after_days",
    "guarantors.france.max_offensive_divisions",
    "promises_kept",
    "defended_front_breakthrough",
    "aggressor_divisions_redeployed",
    "mobilisation_after_days.france",
    "deterred",
)


def _show(e: Estimate | None, sign: str = "") -> str:
    if e is None:
        return "n/a"
    return f"{e.value:{sign}.3f} [{e.low:{sign}.3f}, {e.high:{sign}.3f}] (n {e.n})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="drole-de-guerre-1939")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    guarantors = scenarios.load(args.scenario).scenario.guarantors_of()
    rows = {}
    for d in DOCTRINES:
        seats = [f"{g}=bot:{d}" for g in guarantors]
        batch = run_batch(args.scenario, args.runs, root=1, jobs=args.jobs, seats=seats)
        rows[d] = [r.columns() if r.outcome is not None else {"error": r.error} for r in batch]
    print(f"{args.scenario}, {args.runs} paired runs; guarantors {', '.join(guarantors)}")
    for m in MEASURES:
        cells = "  ".join(f"{d} {_show(contrast([values(rows[d], m)], [1.0]))}" for d in DOCTRINES)
        print(f"\n{m}: {cells}")
        for a, b in itertools.combinations(DOCTRINES, 2):
            e = contrast([values(rows[a], m), values(rows[b], m)], [1.0, -1.0])
            mark = " *" if e is not None and (e.low > 0 or e.high < 0) else ""
            print(f"  {a} - {b}: {_show(e, '+')}{mark}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
