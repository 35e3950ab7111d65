"""Running a batch on an existing Dask cluster.

The batch's work is the same list of jobs as on the local executor (scenario, overrides, seats,
root seed, run index), and each job derives its seed from the root and its index alone, so the
rows are the same, byte for byte, whichever executor plays them and on however many workers.
Rows come back as they finish (each handed to ``on_result`` at once, so the command line has
written it before the next arrives) and are put in run order by
:func:`wargame.analysis.batch.run_batch`. A scheduler lost mid-batch (stopped, unreachable) is an
:class:`ExecutorError` saying how many rows had come back; those rows are kept.

The workers must have this same version of ``wargame`` installed (and its scenarios), and a
``--journals`` folder is written on the workers' file systems. Dask is optional: install the
``dask`` extra (``pip install 'wargame[dask]'``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

CONNECT_TIMEOUT = 10.0  # seconds to wait for the scheduler


class ExecutorError(ValueError):
    """The Dask executor cannot run: the extra is missing, or the scheduler cannot be reached."""


def run_on_dask(
    play: Callable[[Job], Result],
    work: Sequence[Job],
    scheduler: str,
    progress: Callable[[int], None] | None = None,
    timeout: float | None = None,
    on_result: Callable[[Result], None] | None = None,
) -> list[Result]:
    """``play`` every job of ``work`` on the cluster whose scheduler is at ``scheduler``; ``play``
    must not raise (a failing job is a result), so any error here is the cluster's."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ExecutorError(
            "the dask executor needs Dask's distributed scheduler: pip install 'wargame[dask]'"
        ) from None
    try:
        client = Client(scheduler, timeout=timeout or CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as err:
        raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler!r}: {err}") from None
    rows: list[Result] = []
    with client:
        futures = client.map(play, list(work), pure=False)
        try:
            for future in as_completed(futures, loop=client.loop):
                row = future.result()
                rows.append(row)
                if on_result:
                    on_result(row)
                if progress:
                    progress(1)
        except Exception as err:  # the scheduler or its workers are gone
            raise ExecutorError(
                f"lost the Dask scheduler at {scheduler!r} after {len(rows)} of {len(work)} runs "
                f"({type(err).__name__}: {err})"
            ) from None
    return rows
