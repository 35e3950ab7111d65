"""The cyclic garbage collector, paused for the stretch of a headless run.

A game allocates a great many small objects that live until it ends (events, payloads, reports
held, SimPy events): the collector finds no garbage among them, yet each of its passes scans
them, and the passes grow with the journal (a fifth of a headless game's time went to it).
Reference counting frees everything that is not in a cycle as usual while the collector rests.

Pausing alone only moves the cost: every object made during the stretch is still in the youngest
generation afterwards, and the first pass after it would scan the whole game (a sixth of a
headless game's time, measured with pyinstrument). So on the way out the stretch's survivors go
straight to the oldest generation (``gc.freeze()`` then ``gc.unfreeze()``: two list splices, no
scan). That is safe because a game that has ended frees itself by reference counting
(:meth:`wargame.engine.world.World.finish`, which the session calls at the end of a headless
run): what is left in cycles is a few dozen small objects a game, freed by the next full pass.
Where a caller keeps objects frozen on purpose (``gc.get_freeze_count()`` is not zero) the splice
would thaw them, so it is skipped and the pause is a plain pause.

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
            if not gc.get_freeze_count():  # to the oldest generation, unscanned (see above)
                gc.freeze()
                gc.unfreeze()
            gc.enable()
