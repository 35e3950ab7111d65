"""Journals cut as a crash cuts them, resumed, and played on with the same decisions (issue #18,
item 2). Shared by tests/test_resume_cuts.py and the long sweep tests/fuzz/resume_sweep.py.

A game is written whole (bots only, or human seats that decide, confirm defaults and take free
decisions); a prefix of its file — any number of lines, or any number of bytes — is resumed with
:func:`wargame.session.journal.replay.resume`, the people's decisions after the cut are taken
again at their instants (as a room would take them), and the game runs to its end: the file must
then hold the very bytes of the uncut game.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from wargame.engine.events import DecisionData
from wargame.engine.journal import Event
from wargame.model.scenario_files import scenarios
from wargame.session.journal.read import read
from wargame.session.journal.replay import by_people, resume, take_again
from wargame.session.seats import HUMAN
from wargame.session.session import Session


def bots_game(path: Path, name: str, seed: int, seats: Sequence[str] = ()) -> bytes:
    """A whole game of bots written to ``path``; its bytes."""
    session = Session(scenarios.load(name), seed=seed, seats=seats, journal=path)
    session.run_to_end()
    session.close()
    return path.read_bytes()


def human_game(path: Path, name: str, seed: int, seats: Sequence[str]) -> bytes:
    """A whole game whose human seats answer every prompt as it opens — a different option each
    time, with a reason; every fourth the white cell confirms the default instead — and take one
    free decision; written to ``path``, its bytes."""
    session = Session(scenarios.load(name), seed=seed, seats=seats, journal=path)
    humans = [seat for seat, ctl in session.seats.items() if ctl == HUMAN]
    free_taken = False
    for n in range(1, 1000):
        prompts = session.advance_to_decision()
        if not prompts:
            break
        p = prompts[0]
        if n % 4 == 0:
            session.take_default(p.id, "white")
        else:
            session.submit(p.seat, p.id, p.options[n % len(p.options)], reason=f"decision {n}")
        if n == 2 and not free_taken:
            for kind, choices, why in session.free_decisions(humans[0]):
                if why is None and choices:
                    session.submit(humans[0], None, choices[0], reason="on our own", kind=kind)
                    free_taken = True
                    break
    session.run_to_end()
    session.close()
    return path.read_bytes()


def play_on(session: Session, whole: Sequence[Event]) -> None:
    """Take again the people's decisions of the uncut game that the resumed ``session`` has not
    reached, each at its instant (as a replay does), then run to the end and close."""
    for e in whole[len(session.events) :]:
        d = e.data
        if isinstance(d, DecisionData) and by_people(d.by):
            session.advance_until(e.t)
            take_again(session, d)
    session.run_to_end()
    session.close()


def resumed_bytes(cut: Path, whole: Sequence[Event]) -> bytes:
    """Resume the cut journal ``cut``, play it on as the uncut game ``whole`` was played, and
    return the file's bytes."""
    play_on(resume(cut), whole)
    return cut.read_bytes()


def events_of(path: Path) -> tuple[Event, ...]:
    """The events of a whole journal."""
    return read(path).events


def line_ends(data: bytes) -> list[int]:
    """The byte offset just after each line of a journal's bytes."""
    return [i + 1 for i, b in enumerate(data) if b == 0x0A]
