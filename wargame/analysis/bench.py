"""The benchmark: the engine's speed against the limit of any SimPy engine on this machine.

The limit is a bare SimPy loop processing as many events as the engine processed; the ratio of
the two rates says how much the model itself costs (in wall time, and in processor time, which
a busy machine's other work does not inflate). Also: whole games per second for a
scenario, batch throughput on one worker and on every core (and the scaling between them), the
time 10,000 runs would take at that throughput, and peak memory per worker process. Wall-clock
timing lives here only, never in the engine.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable, Generator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import simpy

from wargame.analysis.batch import run_batch


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def _clocked(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, this process's processor seconds, result) of ``work()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _bare_run(events: int) -> tuple[float, float]:
    """(wall, processor) seconds a bare SimPy loop takes to process ``events`` timeouts (100 processes)."""
    env = simpy.Environment()
    per = max(1, events // 100)

    def ticker(env: simpy.Environment) -> Generator[simpy.Event, Any, None]:
        for _ in range(per):
            yield env.timeout(1)

    for _ in range(100):
        env.process(ticker(env))
    wall, cpu, _ = _clocked(env.run)
    return wall, cpu


def _engine_run(scenario: str, games: int) -> tuple[float, float, int]:
    """(wall seconds, processor seconds, SimPy events) to play ``games`` whole games of
    ``scenario`` in this process (the scenario loaded first, untimed)."""
    from wargame.model.scenario_files import scenarios
    from wargame.session.session import Session

    loaded = scenarios.load(scenario)

    def play() -> int:
        steps = 0
        for seed in range(games):
            session = Session(loaded, seed=seed)
            session.run_to_end()
            steps += session.steps
        return steps

    return _clocked(play)


def engine_games(scenario: str, games: int) -> tuple[float, int]:
    """(seconds, SimPy events) to play ``games`` whole games of ``scenario`` in this process."""
    seconds, _cpu, steps = _engine_run(scenario, games)
    return seconds, steps


def _worker_memory(job: tuple[str, int]) -> int:
    scenario, games = job
    engine_games(scenario, games)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def bench(
    scenario: str,
    games: int = 100,
    jobs: int | None = None,
    rounds: int = 3,
    say: Callable[[str], None] | None = None,
) -> dict[str, float]:
    """Run the fixed workload and return the figures (see module docstring).

    Every timing is the best of ``rounds`` (as ``timeit`` does: on a shared machine a slow spell
    only ever adds time). The engine and the bare loop alternate, as do the batches on one worker
    and on ``jobs`` workers, so a slow spell cannot favour either side of a ratio; the batches
    run in worker processes. ``engine_to_bare_ratio_cpu`` is the ratio in processor time, which
    other processes on a busy machine do not add to."""
    jobs = jobs or os.cpu_count() or 1
    say = say or (lambda _text: None)
    engine_games(scenario, 2)  # warm up imports and caches
    seconds = cpu = bare = bare_cpu = float("inf")
    steps = 0
    for r in range(rounds):  # alternate, so that a slow spell cannot favour either side of the ratio
        say(f"engine, then bare SimPy on as many events, round {r + 1} of {rounds}")
        wall, used, steps = _engine_run(scenario, games)
        seconds, cpu = min(seconds, wall), min(cpu, used)
        wall, used = _bare_run(steps)
        bare, bare_cpu = min(bare, wall), min(bare_cpu, used)
    one = many = float("inf")
    for r in range(rounds):
        say(f"batch on 1 worker{f' and on {jobs}' if jobs > 1 else ''}, round {r + 1} of {rounds}")
        one = min(one, _timed(lambda: run_batch(scenario, games, root=1, jobs=1, in_process=False))[0])
        if jobs > 1:
            many = min(many, _timed(lambda: run_batch(scenario, games, root=1, jobs=jobs))[0])
    with ProcessPoolExecutor(max_workers=1) as pool:
        peak_kib = pool.submit(_worker_memory, (scenario, 5)).result()
    figures: dict[str, float] = {
        "games": games,
        "simpy_events": steps,
        "engine_events_per_s": steps / seconds,
        "bare_simpy_events_per_s": steps / bare,
        "engine_to_bare_ratio": bare / seconds,
        "engine_to_bare_ratio_cpu": bare_cpu / cpu,
        "games_per_s": games / seconds,
        "batch_games_per_s_1_worker": games / one,
    }
    if jobs > 1:
        figures[f"batch_games_per_s_{jobs}_workers"] = games / many
        figures["batch_scaling"] = one / many
    best = min(one, many)
    figures[f"runs_10000_on_{jobs}_worker{'s' if jobs > 1 else ''}_s"] = 10_000 * best / games
    figures["peak_worker_memory_mib"] = peak_kib / 1024
    return figures
