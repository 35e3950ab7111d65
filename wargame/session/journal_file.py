"""Reading journal files, and proving them by replay.

:func:`read` checks a journal before anything trusts it: that it is a wargame journal, of a
format this engine reads, complete (not cut off mid-line), in sequence, and unedited (the
integrity chain of :mod:`wargame.session.integrity` holds on every line). Any failure is a
:class:`JournalError` that names the line.

:func:`replay` rebuilds the game from the header (scenario, its content hash, overrides, seed,
seats): bots decide again, and the human decisions recorded in the journal (the white cell's
acts and the defaults someone confirmed among them) are submitted again at their instants
through the same path as in live play. :func:`verify` compares the result
line by line and reports the first difference.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs

from wargame import __version__
from wargame.engine.events import ClosedData, DecisionData, EndData
from wargame.engine.journal import Event, dumps
from wargame.session.integrity import link
from wargame.session.scenarios import LoadedScenario, ScenarioError, load
from wargame.session.session import (
    CONFIRMED,
    HUMAN,
    JOURNAL_FORMAT,
    WHITE_CELL,
    SeatError,
    Session,
    normalise_controller,
)


class JournalError(Exception):
    """A journal that cannot be used as it is: unreadable, truncated, edited or foreign."""


@attrs.frozen
class JournalFile:
    path: str
    header: dict[str, Any]
    events: tuple[Event, ...]
    lines: tuple[str, ...]


def read(path: str | Path, unfinished: bool = False) -> JournalFile:
    """Read and check a journal file (see module docstring). ``unfinished`` accepts a journal cut
    short by a crash (no end, and an incomplete last line, which is dropped), for resuming."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as err:
        raise JournalError(f"{p}: cannot read the journal: {err.strerror or err}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise JournalError(f"{p}: not a wargame journal (not UTF-8 text)") from None
    if not text:
        raise JournalError(f"{p}: the journal is empty")
    if "\r\n" in text:
        raise JournalError(
            f"{p}: the journal's line endings were changed to CRLF (Windows); "
            "journals use LF line endings — convert it back (e.g. dos2unix) and try again"
        )
    lines = text.split("\n")
    if unfinished and lines[-1] != "" and len(lines) > 1:
        lines[-1] = ""  # a line cut off by the crash: the replay writes it again
    if lines[-1] != "":
        raise JournalError(
            f"{p}:{len(lines)}: the journal is truncated (its last line is incomplete); "
            "the lines before it are intact"
        )
    lines = lines[:-1]
    try:
        head = json.loads(lines[0])
    except json.JSONDecodeError:
        raise JournalError(f"{p}:1: not a wargame journal (the first line is not a JSON header)") from None
    if not isinstance(head, dict) or head.get("journal") != "wargame":
        raise JournalError(f"{p}:1: not a wargame journal (no wargame header)")
    if head.get("format") != JOURNAL_FORMAT:
        raise JournalError(
            f"{p}:1: journal format {head.get('format')!r} is not supported "
            f"(this is wargame {__version__}, which reads format {JOURNAL_FORMAT})"
        )
    problem = _header_problem(head)
    if problem:
        raise JournalError(f"{p}:1: the header is damaged: {problem}")
    try:
        canonical_header = dumps(head)
    except (TypeError, ValueError):
        canonical_header = None
    if canonical_header != lines[0]:
        raise JournalError(f"{p}:1: the header has been edited")
    chain = link("", lines[0])
    events: list[Event] = []
    for number, line in enumerate(lines[1:], start=2):
        try:
            obj = json.loads(line)
            h = obj.pop("h")
            event = Event.from_json(obj)
            _check_event(event)
            chain = link(chain, dumps(obj, trusted=True))  # canonical or refused just below
            obj["h"] = h
            canonical_line = dumps(obj, trusted=True)
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
            raise JournalError(f"{p}:{number}: the journal is corrupted (not a valid event line)") from None
        if h != chain or event.seq != number - 2 or canonical_line != line:
            raise JournalError(
                f"{p}:{number}: this line has been edited, removed or moved "
                "(the journal's integrity chain breaks here)"
            )
        events.append(event)
    if not unfinished and (not events or not isinstance(events[-1].data, EndData | ClosedData)):
        raise JournalError(
            f"{p}:{len(lines)}: the journal is truncated: it stops without the end of the game or a "
            f"clean close (a crash, or lines cut off); the {len(lines)} lines present are intact"
        )
    return JournalFile(path=str(p), header=head, events=tuple(events), lines=tuple(lines))


def _header_problem(head: dict[str, Any]) -> str | None:
    """What is wrong with a header's fields, if anything."""
    for key in ("engine", "scenario", "seed", "seats", "overrides"):
        if key not in head:
            return f"it lacks {key!r}"
    ref, seats, overrides = head["scenario"], head["seats"], head["overrides"]
    if not isinstance(ref, dict) or not all(
        isinstance(ref.get(k), str) for k in ("name", "source", "sha256")
    ):
        return "'scenario' must name the scenario, its source and its content hash"
    seed = head["seed"]
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        return f"'seed' must be a whole number >= 0, not {seed!r}"
    if not isinstance(seats, dict) or not all(isinstance(v, str) for v in seats.values()):
        return "'seats' must map seats to controllers"
    for seat, controller in seats.items():
        try:
            if normalise_controller(controller) != controller:
                raise SeatError(controller)
        except SeatError:
            return f"seat {seat!r} has an unknown controller {controller!r}"
    if not isinstance(overrides, list) or not all(isinstance(o, str) for o in overrides):
        return "'overrides' must be a list of KEY=VALUE texts"
    return None


def _check_event(event: Event) -> None:
    """Raise ValueError if an event's fields cannot be what the engine writes."""
    datetime.fromisoformat(event.at)


def scenario_of(journal: JournalFile) -> LoadedScenario:
    """The scenario a journal was made from, checked against its recorded content hash."""
    ref = journal.header["scenario"]
    source = ref["source"]
    beside = Path(journal.path).parent / source
    if not Path(source).is_file() and beside.is_file() and source != ref["name"]:
        source = str(beside)  # a scenario file named relative to where the journal was made
    try:
        loaded = load(source, journal.header["overrides"])
    except ScenarioError as err:
        raise JournalError(f"{journal.path}: cannot load its scenario {ref['source']!r}:\n{err}") from None
    loaded = attrs.evolve(loaded, source=ref["source"])  # as recorded, wherever it was found
    if loaded.digest != ref["sha256"]:
        raise JournalError(
            f"{journal.path}: the scenario {ref['name']!r} has changed since this journal was written "
            f"(content hash {ref['sha256'][:12]}… then, {loaded.digest[:12]}… now); "
            "it cannot be replayed against the new version"
        )
    return loaded


def resume(path: str | Path) -> Session:
    """Restore the game of an unfinished journal (cut short by a crash, or closed) to the exact
    state it had, and go on writing the journal to the same file.

    The game is replayed up to the last recorded event (a ``closed`` mark is dropped: the game
    goes on), checked line by line against the file, and only then is the file written again.
    """
    journal = read(path, unfinished=True)
    if journal.events and isinstance(journal.events[-1].data, EndData):
        raise JournalError(f"{path}: this game has ended; there is nothing to resume (try `wargame report`)")
    session = replay(journal, close=False)
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
    if len(mine) != len(kept) + 1:
        raise JournalError(
            f"{path}: the game does not replay to the recorded state; the file is left as it was"
        )
    session.keep_journal(path)
    return session


def replay(journal: JournalFile, close: bool = True) -> Session:
    """Re-run the game recorded in ``journal`` (see module docstring). With ``close=False`` a
    journal that was closed is left open at the instant it was closed, ready to go on."""
    loaded = scenario_of(journal)
    return replay_events(
        loaded, int(journal.header["seed"]), journal.header["seats"], journal.events, close=close
    )


def replay_events(
    loaded: LoadedScenario,
    seed: int,
    seats: Mapping[str, str],
    events: Sequence[Event],
    advance: Callable[[Session, int], None] | None = None,
    watch: Callable[[Session], None] | None = None,
    close: bool = True,
) -> Session:
    """A fresh session that plays ``events`` again: bots decide again, the recorded human
    decisions are submitted at their instants, and it stops where the recording stops.

    ``advance(session, t)`` (default: ``session.advance_until``) moves the clock to each human
    decision and, when given, to the last recorded instant; an after-action review passes one
    that advances in daily steps to look at the game on the way (by the settle rule, the steps
    do not change the journal). ``watch(session)`` is called once, before the first event is
    processed (to listen to the journal, say).
    """
    step_to = advance or (lambda s, t: s.advance_until(t))
    session = Session(loaded, seed=seed, seats=seats)
    if watch is not None:
        watch(session)
    humans = [(e.t, e.data) for e in events if isinstance(e.data, DecisionData) and _by_people(e.data.by)]
    for t, d in humans:
        if len(session.events) >= len(events):
            break
        step_to(session, t)
        try:
            if d.by == WHITE_CELL:
                session.direct(d.decision, d.choice, d.reason, d.text or "")
            elif d.by.startswith(CONFIRMED):
                session._confirm_default(d.prompt or "", d.by)
            else:
                session.submit(d.seat, d.prompt, d.choice, d.reason, kind=d.decision)
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


def _by_people(by: str) -> bool:
    """Whether a decision was taken by people (a seat's player, the white cell, or someone who
    confirmed a default), so that a replay must submit it again; bots and unconfirmed defaults
    decide again by themselves."""
    return by in (HUMAN, WHITE_CELL) or by.startswith(CONFIRMED)


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
    if journal.header["engine"] != __version__:
        note = (
            f"recorded with wargame {journal.header['engine']}, replayed with {__version__}: "
            "differences may come from the engine change"
        )
    session = replay(journal)
    replayed = session.lines
    for i, recorded in enumerate(journal.lines):
        if i == 0 and journal.header["engine"] != __version__:
            continue
        mine = replayed[i] if i < len(replayed) else None
        if mine != recorded:
            return Verdict(False, len(journal.lines), i + 1, recorded, mine, note)
    return Verdict(True, len(journal.lines), note=note)


def fresh_path(name: str, seed: int, folder: str | Path = ".") -> Path:
    """A journal file name for a new game that overwrites nothing: ``NAME.seedN.jsonl``, or
    ``NAME.seedN-2.jsonl`` and so on if that exists."""
    stem = f"{Path(name).stem}.seed{seed}"
    path = Path(folder) / f"{stem}.jsonl"
    number = 1
    while path.exists():
        number += 1
        path = Path(folder) / f"{stem}-{number}.jsonl"
    return path
