"""The journal's integrity chain.

Every event line of a journal file carries ``h``: the first 16 hex digits of the SHA-256 of the
previous line's ``h`` followed by this line without its ``h``. An edit, a deletion or a
reordering anywhere breaks the chain at that line, so a hand-edited journal is caught at the
exact line, before any replay.

The header starts the chain (:func:`start`). In format 2 the start is computed over the header
line *with its ``engine`` field left out* (the rest of the line, canonical, as written): the
format, the scenario, the seed, the seats and the overrides are inside the chain, the version of
the engine that wrote the file is recorded beside it. A game played again by a later wargame
that plays it the same way therefore gives the same chain, line for line, so a journal verifies
across versions when its game is unchanged. Format 1 (before December 2026) hashed the whole
header line, ``engine`` included; :func:`start` keeps that rule for the files that have it.

The chain has no key: it catches accidents, not a forger, who can recompute it. The keyed seal
of :mod:`wargame.session.journal.seal` catches the forger.
"""

from __future__ import annotations

import hashlib
import json

from wargame.engine.journal import Event, dumps

OLD_FORMAT = 1
"""The format whose chain starts over the whole header line (``engine`` included)."""


def link(previous: str, text: str) -> str:
    return hashlib.sha256((previous + text).encode("utf-8")).hexdigest()[:16]


def start(header_line: str) -> str:
    """The chain's value of the header line: the link of the header without ``engine`` (the
    header of a format-1 journal: the link of the whole line). The line is a checked header."""
    head = json.loads(header_line)
    if head.get("format") == OLD_FORMAT:
        return link("", header_line)
    head.pop("engine", None)
    return link("", dumps(head, trusted=True))


def chained_line(event: Event, previous: str) -> tuple[str, str]:
    """The file line for ``event`` after a line whose chain value is ``previous``, and its own."""
    body = event.to_json()
    h = link(previous, dumps(body, trusted=True))
    body["h"] = h
    return dumps(body, trusted=True), h
