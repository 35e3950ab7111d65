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

import attrs

from wargame.engine.events import ClosedData, EndData
from wargame.engine.journal import Event, dumps
from wargame.session.journal.chain import link, start
from wargame.session.journal.header import Header, HeaderError, parse_header


class JournalError(Exception):
    """A journal that cannot be used as it is: unreadable, truncated, edited or foreign."""


@attrs.frozen
class JournalFile:
    path: str
    header: Header
    events: tuple[Event, ...]
    lines: tuple[str, ...]
    chain: tuple[str, ...] = ()  # the chain's value at each line (the header's first)
    torn: int = 0  # the bytes of a torn last line dropped (``read(..., unfinished=True)``)


RECOVER = (
    ". To go on with the game, or to review it: `wargame play --resume {path}` (add --key if it "
    "is sealed), then quit: a game closed that way can be reported"
)


def read(path: str | Path, unfinished: bool = False) -> JournalFile:
    """Read and check a journal file (see module docstring). ``unfinished`` accepts a journal cut
    short by a crash (no end, and an incomplete last line, which is dropped), for resuming."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as err:
        raise JournalError(f"{p}: cannot read the journal: {err.strerror or err}") from None
    torn = len(raw) - (raw.rfind(b"\n") + 1)  # the bytes after the last line's end
    if unfinished and torn and torn < len(raw):
        raw = raw[:-torn]  # a line cut off by a crash (in a character, perhaps): the replay writes it
    else:
        torn = 0
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
    if unfinished and len(lines) == 1:
        raise JournalError(
            f"{p}:1: the journal stops inside its first line (the header): the game recorded "
            "nothing yet; start it again"
        )
    if lines[-1] != "":
        raise JournalError(
            f"{p}:{len(lines)}: the journal is truncated (its last line is incomplete); "
            f"the lines before it are intact{RECOVER.format(path=p)}"
        )
    lines = lines[:-1]
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS or _nesting(line) > MAX_DEPTH:
            raise JournalError(
                f"{p}:{number}: the journal is corrupted (a line too long or nested too deep "
                "for any event the engine writes)"
            )
    try:
        head = parse_header(lines[0])
    except HeaderError as err:
        raise JournalError(f"{p}:1: {err}") from None
    chain = start(lines[0])
    chains = [chain]
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
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError, RecursionError):
            raise JournalError(f"{p}:{number}: the journal is corrupted (not a valid event line)") from None
        problem = _break(number, event.seq, h == chain, canonical_line == line)
        if problem:
            raise JournalError(f"{p}:{number}: {problem}")
        events.append(event)
        chains.append(chain)
    if not unfinished and (not events or not isinstance(events[-1].data, EndData | ClosedData)):
        raise JournalError(
            f"{p}:{len(lines)}: the journal is truncated: it stops without the end of the game or a "
            f"clean close (a crash, or lines cut off); the {len(lines)} lines present are intact"
            f"{RECOVER.format(path=p)}"
        )
    return JournalFile(
        path=str(p),
        header=head,
        events=tuple(events),
        lines=tuple(lines),
        chain=tuple(chains),
        torn=torn,
    )


def _break(number: int, seq: int, chained: bool, canonical: bool) -> str | None:
    """Why line ``number`` (an event numbered ``seq``) cannot come where it is, if it cannot."""
    after = "the header (line 1)" if number == 2 else f"line {number - 1}"
    if seq != number - 2:
        return (
            f"line {number} does not follow {after}: it is event {seq} where event {number - 2} "
            "comes (lines removed, repeated or reordered, or spliced from another game)"
        )
    if not chained:
        why = (
            "the header was edited or is another game's, or this line was edited"
            if number == 2
            else f"this line was edited or is another game's, or {after} was edited and its chain "
            "value rebuilt"
        )
        return f"line {number} does not follow {after}: the integrity chain breaks here ({why})"
    if not canonical:
        return f"line {number} has been edited: it is not written as the engine writes it"
    return None


MAX_LINE_CHARS = 5_000_000  # the longest events (a report's text, a header) are far shorter
MAX_DEPTH = 64  # JSON objects and lists within one another; events nest a few deep


def _nesting(line: str) -> int:
    """How deep ``line`` nests JSON objects and lists (brackets inside strings do not count)."""
    if line.count("[") + line.count("{") <= MAX_DEPTH:
        return 0
    depth = deepest = 0
    in_string = escaped = False
    for c in line:
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth -= 1
    return deepest


def _check_event(event: Event) -> None:
    """Raise ValueError if an event's fields cannot be what the engine writes."""
    datetime.fromisoformat(event.at)


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
