"""Verifying a journal: replay it and compare the result with the recording, line by line.

The same scenario, seed and decisions give the same journal byte for byte, so the first line that
differs is where the recording and this engine part ways (an edit the chain missed, or an engine
change).
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
    """Replay ``journal`` and compare it with the recording, line by line."""
    note = ""
    if journal.header.engine != __version__:
        note = (
            f"recorded with wargame {journal.header.engine}, replayed with {__version__}: "
            "differences may come from the engine change"
        )
    session = replay(journal)
    replayed = session.lines
    for i, recorded in enumerate(journal.lines):
        if i == 0 and journal.header.engine != __version__:
            continue
        mine = replayed[i] if i < len(replayed) else None
        if mine != recorded:
            return Verdict(False, len(journal.lines), i + 1, recorded, mine, note)
    return Verdict(True, len(journal.lines), note=note)
