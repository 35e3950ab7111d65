"""The journal's integrity chain.

Every event line of a journal file carries ``h``: the first 16 hex digits of the SHA-256 of the
previous line's ``h`` followed by this line without its ``h``. The header starts the chain. An
edit, a deletion or a reordering anywhere breaks the chain at that line, so a hand-edited
journal is caught at the exact line, before any replay.
"""

from __future__ import annotations

import hashlib

from wargame.engine.journal import Event, dumps


def link(previous: str, text: str) -> str:
    return hashlib.sha256((previous + text).encode("utf-8")).hexdigest()[:16]


def chained_line(event: Event, previous: str) -> tuple[str, str]:
    """The file line for ``event`` after a line whose chain value is ``previous``, and its own."""
    body = event.to_json()
    h = link(previous, dumps(body, trusted=True))
    body["h"] = h
    return dumps(body, trusted=True), h
