"""The cyclic garbage collector, paused for the stretch of a headless run.

A game allocates a great many small objects that live until it ends (events, payloads, reports
held, SimPy events): the collector finds no garbage among them, yet each of its passes scans
them, and the passes grow with the journal (a fifth of a headless game's time went to it).
Reference counting frees everything that is not in a cycle as usual while the collector rests;
the few cycles a game makes are collected after the stretch, by the collector's next pass.

The pause is for the stretch only: :func:`paused` restores the collector's previous state on the
way out (an exception included), so a caller never finds it switched off; nested pauses leave it
off until the outermost ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Switch automatic collection off for the ``with`` block, then back to how it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
