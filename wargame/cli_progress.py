"""Progress of the long commands (``batch``, ``experiment``), on standard error.

On a terminal: a bar with the count and the time left. Otherwise (output piped to a log, a CI
job, a scheduler): a plain line every ``every`` seconds, so that a two-minute batch is never
silent and the log holds no control characters.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def counted(n: int, noun: str) -> str:
    """``1 run``, ``2 runs``: a count with its noun (plural by an ``s``)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@contextmanager
def progress(label: str, total: int, every: float = 10.0) -> Iterator[Callable[[int], None]]:
    """Report ``total`` runs' progress; yields the function to call with each number done."""
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task(label, total=total)
            yield lambda n: bar.advance(task, n)
        return
    started = said = time.perf_counter()
    done = 0

    def advance(n: int) -> None:
        nonlocal done, said
        done += n
        now = time.perf_counter()
        if now - said >= every and done < total:
            said = now
            left = (now - started) / done * (total - done)
            print(
                f"{label}: {done} of {counted(total, 'run')} ({done / total:.0%}), "
                f"{now - started:.0f} s so far, about {left:.0f} s left",
                file=sys.stderr,
                flush=True,
            )

    yield advance
