"""Replaying a journal: rebuilding its game, and resuming an unfinished one.

:func:`replay` rebuilds the game from the header (scenario, its content hash, overrides, seed,
seats): bots decide again, and the human decisions recorded in the journal (the white cell's
acts and the defaults someone confirmed among them) are submitted again at their instants
through the same path as in live play. :func:`resume` does the same for a journal cut short, and
goes on writing it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import attrs

from wargame.engine.events import ClosedData, DecisionData, EndData
from wargame.engine.journal import Event
from wargame.model.scenario_files.scenarios import LoadedScenario, ScenarioError, load
from wargame.session.journal.header import Header
from wargame.session.journal.read import JournalError, JournalFile, read
from wargame.session.journal.seal import Key, check
from wargame.session.seats import HUMAN
from wargame.session.session import CONFIRMED, WHITE_CELL, Session


def scenario_of(journal: JournalFile) -> LoadedScenario:
    """The scenario a journal was made from, checked against its recorded content hash."""
    ref = journal.header.scenario
    source = ref.source
    beside = Path(journal.path).parent / source
    if not Path(source).is_file() and beside.is_file() and source != ref.name:
        source = str(beside)  # a scenario file named relative to where the journal was made
    try:
        loaded = load(source, journal.header.overrides)
    except ScenarioError as err:
        raise JournalError(f"{journal.path}: cannot load its scenario {ref.source!r}:\n{err}") from None
    loaded = attrs.evolve(loaded, source=ref.source)  # as recorded, wherever it was found
    if loaded.digest != ref.sha256:
        raise JournalError(
            f"{journal.path}: the scenario {ref.name!r} has changed since this journal was written "
            f"(content hash {ref.sha256[:12]}… then, {loaded.digest[:12]}… now); "
            "it cannot be replayed against the new version"
        )
    return loaded


def resume(path: str | Path, key: Key | None = None, say: Callable[[str], None] | None = None) -> Session:
    """Restore the game of an unfinished journal (cut short by a crash, or closed) to the exact
    state it had, and go on writing the journal to the same file.

    The game is replayed up to the last recorded event (a ``closed`` mark is dropped: the game
    goes on), checked line by line against the file, and only then is the file written again.
    A torn last line (a crash mid-write) is dropped, and ``say`` is told so.
    A file cut in the middle of an instant (a crash between a bot's answer and what follows it
    at the same minute) resumes too: the replay finishes that instant, as the game would have,
    and its first lines must be the file's; the file is then written whole again.

    With ``key``, the file's seal must prove the lines it covers (or :class:`~.seal.SealError`);
    a journal never sealed is sealed from now on. ``say`` hears what was checked, in one line.
    The resumed file keeps its header as recorded: its format, and the engine that began it.
    """
    journal = read(path, unfinished=True)
    if journal.events and isinstance(journal.events[-1].data, EndData):
        raise JournalError(f"{path}: this game has ended; there is nothing to resume (try `wargame report`)")
    integrity = check(journal, key, resuming=True)
    if say is not None:
        say(integrity.text)
    session = replay(journal, close=False, key=key)
    kept = [
        line
        for line, e in zip(journal.lines[1:], journal.events, strict=True)
        if not isinstance(e.data, ClosedData)
    ]
    mine = session.lines
    for number, (recorded, replayed) in enumerate(zip([journal.lines[0], *kept], mine, strict=False), 1):
        if recorded != replayed:
            raise JournalError(
                f"{path}:{number}: the game does not replay to the recorded state here "
                "(a different engine or scenario?); the file is left as it was"
            )
    if len(mine) < len(kept) + 1:  # (more lines: the replay finished an instant the cut split)
        raise JournalError(
            f"{path}: the game does not replay to the recorded state; the file is left as it was"
        )
    if journal.torn and say is not None:
        say(torn_note(path, journal.torn))
    session.keep_journal(path)
    return session


def torn_note(path: str | Path, size: int) -> str:
    """What resuming tells of a torn last line it dropped (the replay writes that line again)."""
    return (
        f"{path}: dropped a torn last line ({size} byte{'' if size == 1 else 's'}): a crash "
        "mid-write; the replay writes it again"
    )


def replay(journal: JournalFile, close: bool = True, key: Key | None = None) -> Session:
    """Re-run the game recorded in ``journal`` (see module docstring), writing the recorded
    header's format and engine (so a game unchanged gives the same lines). With ``close=False``
    a journal that was closed is left open at the instant it was closed, ready to go on; ``key``
    seals it once it is written to a file."""
    loaded = scenario_of(journal)
    h = journal.header
    return replay_events(loaded, h.seed, h.seats, journal.events, close=close, recorded=h, key=key)


def replay_events(
    loaded: LoadedScenario,
    seed: int,
    seats: Mapping[str, str],
    events: Sequence[Event],
    advance: Callable[[Session, int], None] | None = None,
    watch: Callable[[Session], None] | None = None,
    close: bool = True,
    recorded: Header | None = None,
    key: Key | None = None,
) -> Session:
    """A fresh session that plays ``events`` again: bots decide again, the recorded human
    decisions are submitted at their instants, and it stops where the recording stops.

    ``advance(session, t)`` (default: ``session.advance_until``) moves the clock to each human
    decision and, when given, to the last recorded instant; an after-action review passes one
    that advances in daily steps to look at the game on the way (by the settle rule, the steps
    do not change the journal). ``watch(session)`` is called once, before the first event is
    processed (to listen to the journal, say). ``recorded`` and ``key`` are the session's (a
    replay writes the recorded header's format and engine).
    """
    step_to = advance or (lambda s, t: s.advance_until(t))
    session = Session(loaded, seed=seed, seats=seats, key=key, recorded=recorded)
    if watch is not None:
        watch(session)
    humans = [(e.t, e.data) for e in events if isinstance(e.data, DecisionData) and by_people(e.data.by)]
    for t, d in humans:
        if len(session.events) >= len(events):
            break
        step_to(session, t)
        try:
            take_again(session, d)
        except ValueError:
            break  # the replay has diverged; verify reports where
    recorded_end = events[-1] if events else None
    target = len(events) - (1 if recorded_end and isinstance(recorded_end.data, ClosedData) else 0)
    if advance is not None and 0 < target <= len(events) and len(session.events) < target:
        advance(session, events[target - 1].t)
    while len(session.events) < target and session._step():
        pass
    if (
        recorded_end is not None
        and isinstance(recorded_end.data, ClosedData)
        and len(session.events) == target
    ):
        if session.now < recorded_end.t:
            session.advance_until(recorded_end.t)
        if close:
            session.close()
    return session


def take_again(session: Session, d: DecisionData) -> None:
    """Take now, in ``session``, a decision people took as the journal records it: the white
    cell's act, a default someone confirmed, or a player's decision (a ValueError if it cannot)."""
    if d.by == WHITE_CELL:
        session.direct(d.decision, d.choice, d.reason, d.text or "")
    elif d.by.startswith(CONFIRMED):
        session._confirm_default(d.prompt or "", d.by)
    else:
        session.submit(d.seat, d.prompt, d.choice, d.reason, kind=d.decision)


def by_people(by: str) -> bool:
    """Whether a decision was taken by people (a seat's player, the white cell, or someone who
    confirmed a default), so that a replay must submit it again; bots and unconfirmed defaults
    decide again by themselves."""
    return by in (HUMAN, WHITE_CELL) or by.startswith(CONFIRMED)
