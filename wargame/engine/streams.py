"""Named random streams: one root seed, one independent generator per consumer.

Every random draw in a game comes from a numpy ``Generator`` obtained by *name*
(``"mobilisation.france"``, ``"campaign.poland"``, ``"intel.uk.sigint"``). Each name is turned
into a stable spawn key with BLAKE2 (never Python's ``hash``, which is salted per process), so:

* the same seed and name give the same draws in every process and on every day;
* adding a new consumer does not shift the draws of the others;
* a player's decision that causes more draws in one stream leaves every other stream alone,
  so two branches of a game share common random numbers where they can.
"""

from __future__ import annotations

import functools
import hashlib

import numpy as np


@functools.lru_cache(maxsize=4096)
def stream_key(name: str) -> tuple[int, ...]:
    """The stable spawn key for a stream name: four 32-bit words of its BLAKE2b digest (worked out
    once per name in a process: every game asks for the same few dozen names)."""
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=16).digest()
    return tuple(int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4))


class Streams:
    """The random streams of one game, derived from its root seed."""

    def __init__(self, seed: int) -> None:
        if seed < 0:
            raise ValueError(f"seed must be a non-negative integer, got {seed}")
        self.seed = seed
        self._generators: dict[str, np.random.Generator] = {}

    def __call__(self, name: str) -> np.random.Generator:
        """The generator for ``name``, created on first use and reused afterwards."""
        gen = self._generators.get(name)
        if gen is None:
            seq = np.random.SeedSequence(self.seed, spawn_key=stream_key(name))
            gen = np.random.Generator(np.random.PCG64(seq))
            self._generators[name] = gen
        return gen
