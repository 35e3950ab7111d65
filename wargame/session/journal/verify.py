"""Verifying a journal: replay it and compare the result with the recording, line by line.

The same scenario, seed and decisions give the same journal byte for byte, so the first line that
differs is where the recording and this engine part ways (an edit the chain missed, or an engine
change).

The version policy. The header records the engine that wrote the journal, outside the chain
(:mod:`.chain`); the replay writes the recorded header, so a journal written by another wargame
verifies when this one plays its game the same way, line for line ("recorded with wargame X,
verified with Y: the game is unchanged"), and fails with the first line this engine plays
differently when it does not.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from wargame import __version__
from wargame.session.journal.read import JournalFile
from wargame.session.journal.replay import replay
from wargame.session.journal.seal import SealError


class ReplayMismatch(SealError):
    """A journal whose game this engine does not play again line for line (edited with its chain
    recomputed, or recorded by an engine that plays it differently): a failed verification."""


@attrs.frozen
class Verdict:
    ok: bool
    lines: int
    line: int | None = None  # 1-based line number of the first difference
    recorded: str | None = None
    replayed: str | None = None
    note: str = ""


def verify(journal: JournalFile) -> Verdict:
    """Replay ``journal`` and compare it with the recording, line by line (see the module docstring)."""
    engine = journal.header.engine
    replayed = replay(journal).lines
    i = first_difference(journal, replayed)
    if i is not None:
        mine = replayed[i] if i < len(replayed) else None
        note = (
            f"recorded with wargame {engine}, replayed with {__version__}: "
            f"this engine plays the game differently from line {i + 1}"
            if engine != __version__
            else ""
        )
        return Verdict(False, len(journal.lines), i + 1, journal.lines[i], mine, note)
    note = (
        f"recorded with wargame {engine}, verified with {__version__}: the game is unchanged"
        if engine != __version__
        else ""
    )
    return Verdict(True, len(journal.lines), note=note)


def first_difference(journal: JournalFile, replayed: Sequence[str]) -> int | None:
    """The index of the first recorded line the replay's ``replayed`` lines do not reproduce, or
    None when every one is reproduced."""
    for i, recorded in enumerate(journal.lines):
        if i >= len(replayed) or replayed[i] != recorded:
            return i
    return None


def check_replay(journal: JournalFile, replayed: Sequence[str]) -> None:
    """Raise :class:`ReplayMismatch` unless ``replayed`` reproduces every line of ``journal``:
    what a reader that replays a journal (the after-action review) checks before it reads."""
    i = first_difference(journal, replayed)
    if i is not None:
        raise ReplayMismatch(
            f"{journal.path}: line {i + 1} is not what this engine plays from the journal's own "
            f"scenario, seed and decisions (recorded with wargame {journal.header.engine}, "
            f"replayed with {__version__}): the journal was edited with its chain recomputed, or "
            "an engine that plays it differently wrote it; `wargame replay --verify` shows the lines"
        )
