"""Batch runs: many seeded games in parallel, one summary row each.

Run ``i`` of a batch with root seed ``R`` plays with seed ``run_seed(R, i)``, derived with
``SeedSequence`` from the root and the index alone, so the rows are the same whatever the number
of worker processes, and any row can be played again on its own with ``wargame run ... --seed``.
A run that fails is reported with its seed and does not sink the batch.

Nothing finished is lost: each row is handed to ``on_row`` as its run ends (the command line
appends it, flushed, to ``OUT.partial.jsonl``; see :mod:`wargame.analysis.row_stream`). A worker
process that dies (``BrokenProcessPool``) costs only the runs it had not finished: those are played
again in a fresh pool, at most :data:`RETRIES` times, then reported as failed rows.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import statistics
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import numpy as np

from wargame.analysis.rows import HEAD, TAIL, Row, column_order, words_of
from wargame.session.journal.seal import Key

Job = tuple[str, Sequence[str], Sequence[str], int, int, str | None, Key | None]
"""One run's work: scenario, overrides, seats, root seed, index, journal folder (or None)."""


def run_seed(root: int, index: int) -> int:
    """The seed of run ``index`` of a batch with root seed ``root`` (a 31-bit whole number)."""
    state = np.random.SeedSequence(root, spawn_key=(index,)).generate_state(1, np.uint32)[0]
    return int(state) & 0x7FFFFFFF


def journal_name(index: int, seed: int) -> str:
    """The file name of run ``index``'s journal in a batch's ``--journals`` folder."""
    return f"run-{index:05d}-seed-{seed}.jsonl"


_LOADED: dict[tuple[Any, ...], Any] = {}


def _load(scenario: str, overrides: Sequence[str]) -> Any:
    """The scenario with its overrides, parsed once per process and reused while its file is
    unchanged (a worker plays many runs of one scenario; parsing it costs a quarter of a run)."""
    from wargame.model.scenario_files import scenarios

    path, _ = scenarios.resolve(scenario)
    stat = path.stat()
    key = (scenario, tuple(overrides), str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _LOADED:
        if len(_LOADED) >= 64:  # an experiment's cells: keep the cache small
            _LOADED.clear()
        _LOADED[key] = scenarios.load(scenario, overrides)
    return _LOADED[key]


RETRIES = 2
"""How many times the runs of a dead worker process are played again, each time in a fresh pool."""

KILL_WORKER = "WARGAME_TEST_KILL_WORKER"
"""Tests only: ``INDEX:MARKER`` makes the worker process playing run INDEX exit at once, unless
the file MARKER exists (it is made first, so the run's next try plays). Never in the main process."""


def _test_kill(index: int) -> None:
    spec = os.environ.get(KILL_WORKER)
    if not spec or multiprocessing.parent_process() is None:
        return
    at, marker = spec.split(":", 1)
    if int(at) == index and not Path(marker).exists():
        Path(marker).touch()
        os._exit(70)


def play_one(job: Job) -> Row:
    """Play run ``index`` (in a worker process): its outcome, or its error."""
    scenario, overrides, seats, root, index, journals, key = job
    from wargame.session.session import Session

    _test_kill(index)
    seed = run_seed(root, index)
    try:
        journal = str(Path(journals) / journal_name(index, seed)) if journals else None
        loaded = _load(scenario, overrides)
        session = Session(loaded, seed=seed, seats=seats, journal=journal, key=key)
        session.run_to_end()
        session.close()
        return Row(run=index, seed=seed, outcome=session.summary())
    except Exception as err:  # a failing run is a row, not the end of the batch
        return Row(run=index, seed=seed, outcome=None, error=f"{type(err).__name__}: {err}")


def play_many(work: Sequence[Job]) -> list[Row]:
    """Play a chunk of runs (in a worker process)."""
    return [play_one(job) for job in work]


def run_batch(
    scenario: str,
    runs: int,
    root: int = 0,
    jobs: int = 1,
    seats: Sequence[str] = (),
    overrides: Sequence[str] = (),
    journals: str | None = None,
    key: Key | None = None,
    progress: Callable[[int], None] | None = None,
    scheduler: str | None = None,
    in_process: bool | None = None,
    done: Sequence[Row] = (),
    on_row: Callable[[Row], None] | None = None,
) -> list[Row]:
    """Play ``runs`` games and return their rows, in run order: in this process (``jobs`` 1,
    unless ``in_process`` is false), in ``jobs`` worker processes, or on the Dask cluster whose
    scheduler is at ``scheduler``. Runs with a row in ``done`` (a resumed batch) are not played
    again; ``on_row`` gets every new row as its run ends."""
    have = {r.run: r for r in done if r.run < runs}
    work: list[Job] = [
        (scenario, tuple(overrides), tuple(seats), root, i, journals, key)
        for i in range(runs)
        if i not in have
    ]
    rows: list[Row] = list(have.values())

    def emit(row: Row) -> None:
        rows.append(row)
        if on_row:
            on_row(row)
        if progress:
            progress(1)

    if progress and have:
        progress(len(have))
    if scheduler is not None:
        from wargame.analysis.dask_executor import run_on_dask

        run_on_dask(play_one, work, scheduler, on_result=emit)
    elif (jobs <= 1) if in_process is None else in_process:
        for job in work:
            emit(play_one(job))
    else:
        _in_pools(work, jobs, emit)
    return sorted(rows, key=lambda r: r.run)


def _in_pools(work: Sequence[Job], jobs: int, emit: Callable[[Row], None]) -> None:
    """Play ``work`` in a pool of ``jobs`` worker processes; if one dies, the runs not finished go
    to a fresh pool (at most :data:`RETRIES` times), and are then failed rows."""
    left = list(work)
    for _ in range(RETRIES + 1):
        if not left:
            return
        finished = _one_pool(left, jobs, emit)
        left = [job for job in left if job[4] not in finished]
    for _scenario, _overrides, _seats, root, index, _journals, _key in left:
        tries = RETRIES + 1
        error = f"BrokenProcessPool: a worker process died while it was played ({tries} tries)"
        emit(Row(run=index, seed=run_seed(root, index), outcome=None, error=error))


def watch_parent() -> None:
    """A worker's first act: end itself once the process that started it is gone (it is then
    adopted by another). A batch killed outright (SIGKILL, or SIGTERM, which runs no clean-up)
    would leave its workers waiting for work that will never come; checked each second, they go
    within about one."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _one_pool(work: Sequence[Job], jobs: int, emit: Callable[[Row], None]) -> set[int]:
    """Play ``work`` in one pool; the runs finished (all of them, unless a worker died)."""
    finished: set[int] = set()
    harvested: set[Future[list[Row]]] = set()

    def harvest(future: Future[list[Row]]) -> None:
        harvested.add(future)
        for row in future.result():
            finished.add(row.run)
            emit(row)

    jobs = max(1, min(jobs, len(work)))  # no more workers than runs: the rest would only start up
    chunk = max(1, len(work) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs, initializer=watch_parent) as pool:
        futures = [pool.submit(play_many, work[i : i + chunk]) for i in range(0, len(work), chunk)]
        try:
            for future in as_completed(futures):
                harvest(future)
        except BrokenProcessPool:  # a worker died: keep what the others finished
            for future in futures:
                if future not in harvested and future.done() and future.exception() is None:
                    harvest(future)
    return finished


# -- summaries ---------------------------------------------------------------------------------


def _numbers(values: Iterable[Any]) -> list[float]:
    return [float(v) for v in values if isinstance(v, int | float) and not isinstance(v, bool)]


def describe(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per measure: a share with a 95% Wilson interval (true/false), or a mean with a 95% interval
    and the median with quartiles (numbers), or the share of each value over the runs that have one
    (words; a game's grade, never None, lists every word it can take, 0 included, so that every
    cell of an experiment has the same rows); kind ``none`` for a measure that no run had a value
    for."""
    columns = sorted({k for r in rows for k in r} - {*HEAD, *TAIL})
    ok = [r for r in rows if not r.get("error")]
    out = []
    for col in columns:
        values = [r.get(col) for r in ok]
        present = [v for v in values if v is not None]
        if not present:  # a measure no run had a value for (e.g. an offensive nobody launched)
            out.append({"measure": col, "n": 0, "kind": "none"})
            continue
        if all(isinstance(v, bool) for v in present):
            n, k = len(present), sum(present)
            low, high = wilson(k, n)
            out.append({"measure": col, "n": n, "kind": "share", "value": k / n, "low": low, "high": high})
        elif nums := _numbers(present):
            n = len(nums)
            mean = statistics.fmean(nums)
            half = 1.96 * statistics.stdev(nums) / math.sqrt(n) if n > 1 else 0.0
            q = statistics.quantiles(nums, n=4) if n > 1 else [nums[0]] * 3
            out.append(
                {
                    "measure": col,
                    "n": n,
                    "kind": "mean",
                    "value": mean,
                    "low": mean - half,
                    "high": mean + half,
                    "median": statistics.median(nums),
                    "q1": q[0],
                    "q3": q[2],
                }
            )
        elif all(isinstance(v, str) for v in present):
            known = words_of(col) if "." not in col else ()  # a grade per guarantee: the words seen
            for word in sorted({*present, *known}):
                k = sum(1 for v in present if v == word)
                low, high = wilson(k, len(present))
                share = k / len(present)
                row = {"measure": f"{col} = {word}", "n": len(present), "kind": "share", "value": share}
                out.append({**row, "low": low, "high": high})
    return out


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a share ``k`` of ``n``."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def write_rows(rows: Sequence[Mapping[str, Any]], path: str) -> None:
    """Write rows (a batch's :meth:`Row.columns`, or an experiment's summary) as CSV (``.csv``) or
    JSON Lines (``.jsonl``)."""
    import csv

    target = Path(path)
    if target.suffix not in (".csv", ".jsonl"):
        raise ValueError(f"cannot write {path!r}: use a .csv or .jsonl file")
    # written beside the target and then renamed: a batch killed while writing keeps the old file
    temporary = target.with_name(f".{target.name}.writing")
    try:
        if target.suffix == ".jsonl":
            text = "".join(json.dumps(r, sort_keys=True) + "\n" for r in rows)
            temporary.write_text(text, encoding="utf-8")
        else:
            columns = column_order(rows)
            with temporary.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=columns)
                writer.writeheader()
                for r in rows:
                    writer.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in columns})
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
