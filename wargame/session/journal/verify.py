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

import attrs

from wargame import __version__
from wargame.session.journal.read import JournalFile
from wargame.session.journal.replay import replay


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
    for i, recorded in enumerate(journal.lines):
        mine = replayed[i] if i < len(replayed) else None
        if mine != recorded:
            note = (
                f"recorded with wargame {engine}, replayed with {__version__}: "
                f"this engine plays the game differently from line {i + 1}"
                if engine != __version__
                else ""
            )
            return Verdict(False, len(journal.lines), i + 1, recorded, mine, note)
    note = (
        f"recorded with wargame {engine}, verified with {__version__}: the game is unchanged"
        if engine != __version__
        else ""
    )
    return Verdict(True, len(journal.lines), note=note)
