"""Reading a journal file and checking it before anything trusts it.

:func:`read` checks that the file is a wargame journal, of a format this engine reads, complete
(not cut off mid-line), in sequence, and unedited (the integrity chain of
:mod:`wargame.session.journal.chain` holds on every line). Any failure is a :class:`JournalError`
that names the line.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs

from wargame import __version__
from wargame.engine.journal import Event, dumps
from wargame.session.journal.chain import link
from wargame.session.session import JOURNAL_FORMAT, SeatError, normalise_controller


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
            chain = link(chain, dumps(obj))
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
    if not unfinished and (not events or events[-1].kind not in ("end", "closed")):
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
    if event.kind == "decision":
        for key in ("seat", "decision", "choice", "by"):
            if not isinstance(event.data.get(key), str):
                raise ValueError(f"a decision without {key}")


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
