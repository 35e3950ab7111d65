"""A game's journal as the lines of its file: the header (:mod:`.header`), then one chained line per event.

Lines are built when needed: at once, flushed line by line, while a file is being written
(``keep``), otherwise only when someone asks for them. Each event line carries the integrity chain
of :mod:`wargame.session.journal.chain`, so that an edited journal is caught on reading.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING

from wargame.engine.journal import Event, Journal
from wargame.session.journal.chain import chained_line, link

if TYPE_CHECKING:
    pass


class JournalLines:
    """The lines of ``journal``'s file, after ``header`` (see module docstring)."""

    def __init__(self, header: str, journal: Journal) -> None:
        self._journal = journal
        self._file: IO[str] | None = None
        self._lines: list[str] = []
        self._chain = ""
        self._add(header)

    def _add(self, item: str | Event) -> None:
        if isinstance(item, str):
            line, self._chain = item, link("", item)
        else:
            line, self._chain = chained_line(item, self._chain)
        self._lines.append(line)
        if self._file is not None:
            self._file.write(line + "\n")
            self._file.flush()

    def keep(self, path: str | Path) -> None:
        """Write the journal to ``path`` from now on, as it happens: every line so far at once,
        then each event flushed to disk as it is recorded (before a decision returns)."""
        listening = self._file is not None
        if self._file is not None:
            self._file.close()
        self._catch_up()
        self._file = Path(path).open("w", encoding="utf-8")  # noqa: SIM115 (kept open)
        self._file.write("".join(line + "\n" for line in self._lines))
        self._file.flush()
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
        """Stop writing the file (the lines stay)."""
        if self._file is not None:
            self._file.close()
            self._file = None
