"""Undo of the white cell's last hold or skip.

A facilitator who held or skipped the wrong inject (or changed their mind) takes it back with one
key: the inject returns to the master event list as scheduled — published at once if its time has
passed — through the white-cell act ``restore_inject``, journalled with its reason and replayed
like any other act. Only a hold or skip still in force can be undone; a published inject cannot
be unpublished. Nothing here imports Textual.
"""

from __future__ import annotations

from wargame.engine.decisions import WHITE
from wargame.engine.events import DecisionData
from wargame.engine.whitecell import HELD, SKIPPED
from wargame.session.session import Session

UNDOABLE = {"hold_inject": "hold", "skip_inject": "skip"}


def last_hold_or_skip(session: Session) -> tuple[str, str] | None:
    """The white cell's most recent hold or skip still in force, as (``hold``/``skip``, inject id)."""
    status = {i.id: i.status for i in session.white_cell().injects}
    for e in reversed(session.events):
        d = e.data
        if not isinstance(d, DecisionData) or d.seat != WHITE:
            continue
        act, inject = UNDOABLE.get(d.decision), d.choice
        if act is not None and status.get(inject) in (HELD, SKIPPED):
            return act, inject
    return None
