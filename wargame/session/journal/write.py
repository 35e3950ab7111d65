"""A game's journal as the lines of its file: the header (:mod:`.header`), then one chained line per event.

Lines are built when needed: at once, flushed line by line, while a file is being written
(``keep``), otherwise only when someone asks for them. Each event line carries the integrity chain
of :mod:`wargame.session.journal.chain`, so that an edited journal is caught on reading. With a key,
a file being written is sealed (:mod:`wargame.session.journal.seal`) when it starts, after every
decision and when it closes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from wargame.engine.events import DecisionData
from wargame.engine.journal import Event, Journal
from wargame.session.journal.chain import chained_line, start
from wargame.session.journal.seal import SEALABLE, Key, write_seal


class JournalLines:
    """The lines of ``journal``'s file, after ``header`` (see module docstring)."""

    def __init__(self, header: str, journal: Journal, key: Key | None = None) -> None:
        self._journal = journal
        self._file: IO[str] | None = None
        self._path: Path | None = None
        self._lines: list[str] = []
        self._chain = ""
        self._format: int = json.loads(header)["format"]
        self._key = key if self._format >= SEALABLE else None  # format 1 is never sealed
        self._add(header)

    def _add(self, item: str | Event) -> None:
        if isinstance(item, str):
            line, self._chain = item, start(item)
        else:
            line, self._chain = chained_line(item, self._chain)
        self._lines.append(line)
        if self._file is not None:
            self._file.write(line + "\n")
            self._file.flush()
            if isinstance(item, Event) and isinstance(item.data, DecisionData):
                self._seal()

    def _seal(self) -> None:
        """Seal the lines written so far, if there is a key (see :mod:`.seal`)."""
        if self._key is not None and self._path is not None:
            write_seal(self._path, self._key, self._format, len(self._lines), self._chain, self._lines[0])

    def keep(self, path: str | Path) -> None:
        """Write the journal to ``path`` from now on, as it happens: every line so far at once,
        then each event flushed to disk as it is recorded (before a decision returns)."""
        listening = self._file is not None
        if self._file is not None:
            self._file.close()
        self._catch_up()
        self._path = Path(path)
        self._file = open(self._path, "w", encoding="utf-8")  # noqa: SIM115 (kept open)
        self._file.write("".join(line + "\n" for line in self._lines))
        self._file.flush()
        self._seal()
        if not listening:
            self._journal.listen(lambda e: self._catch_up())  # written as it happens

    def _catch_up(self) -> None:
        """Turn every event not yet a line into one."""
        for event in self._journal.events[len(self._lines) - 1 :]:
            self._add(event)

    @property
    def lines(self) -> list[str]:
        self._catch_up()
        return self._lines

    def close(self) -> None:
        """Stop writing the file (the lines stay), sealed if there is a key."""
        if self._file is not None:
            self._file.close()
            self._file = None
            self._seal()
