"""A batch's rows kept as they finish, so that a killed batch loses nothing it had played.

While a batch with ``--out OUT`` runs, each finished row is appended, flushed, to
``OUT.partial.jsonl`` as one JSON object (its :meth:`~wargame.analysis.rows.Row.columns`, the run
index and seed included), in the order the runs finish. When the batch ends, ``OUT`` is written in
run order (the same bytes as a batch that was never cut) and the partial file is removed.

``--resume`` continues a cut batch: the rows of ``OUT.partial.jsonl`` (or of ``OUT`` itself if it
is a ``.jsonl`` file and there is no partial file) are kept, a torn last line is dropped, and only
the runs without a row are played. A row must have the seed its index gives with the batch's root
seed, so a file from another batch is refused rather than mixed in.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from wargame.analysis.batch import run_seed, write_rows
from wargame.analysis.rows import Row


class RowFileError(ValueError):
    """The output or journal folder cannot be used, or a file to resume from is not this batch's."""


def partial_path(out: str) -> Path:
    """Where the rows of a batch writing ``out`` are kept while it runs."""
    return Path(f"{out}.partial.jsonl")


def check_folder(path: str, what: str) -> None:
    """Refuse, before any run, an output file whose folder is missing or that is a folder."""
    target = Path(path)
    if target.is_dir():
        raise RowFileError(f"cannot write {what} {path!r}: it is a folder; name a file in it")
    folder = target.parent
    if not folder.exists():
        raise RowFileError(f"cannot write {what} {path!r}: the folder {str(folder)!r} does not exist")
    if not folder.is_dir():
        raise RowFileError(f"cannot write {what} {path!r}: {str(folder)!r} is not a folder")


def check_journals(folder: str) -> None:
    """Make the journals folder (if missing) and check that a file can be written in it."""
    where = Path(folder)
    try:
        where.mkdir(parents=True, exist_ok=True)
        probe = where / ".wargame-write-check"
        probe.touch()
        probe.unlink()
    except OSError as err:
        raise RowFileError(f"cannot use {folder!r} for journals: {err.strerror or err}") from None


def read_rows(path: Path, root: int, runs: int) -> list[Row]:
    """The finished rows of a cut batch in ``path``: a torn last line is dropped; anything else
    that is not a row of this batch (root seed ``root``, ``runs`` runs) is refused."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as err:
        raise RowFileError(f"cannot read {str(path)!r}: {getattr(err, 'strerror', None) or err}") from None
    rows: dict[int, Row] = {}
    last = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            columns: Any = json.loads(line)
        except json.JSONDecodeError:
            if number - 1 == last:  # the batch was killed while writing this line
                break
            raise RowFileError(f"{where}: not a JSON row") from None
        try:
            row = Row.from_columns(columns)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise RowFileError(f"{where}: not a batch row ({type(err).__name__}: {err})") from None
        if row.run >= runs:
            raise RowFileError(f"{where}: run {row.run} is beyond this batch's {runs} runs (-n)")
        if row.seed != run_seed(root, row.run):
            raise RowFileError(
                f"{where}: run {row.run} has seed {row.seed}, not {run_seed(root, row.run)} as root "
                f"seed {root} gives: this file is from another batch"
            )
        rows.setdefault(row.run, row)
    return sorted(rows.values(), key=lambda r: r.run)


class RowStream:
    """The partial file of a batch writing ``out``: opened before the first run, one flushed line
    per finished row, and replaced by ``out`` at the end."""

    def __init__(self, out: str, root: int, runs: int, resume: bool) -> None:
        self.out, self.path = out, partial_path(out)
        check_folder(out, "the rows to")
        self.done: list[Row] = []
        if resume:
            if self.path.exists():
                source = self.path
            elif Path(out).suffix == ".jsonl" and Path(out).exists():
                source = Path(out)
            else:
                finished = f" ({out!r} is a finished batch)" if Path(out).exists() else ""
                raise RowFileError(f"nothing to resume: {str(self.path)!r} does not exist{finished}")
            self.done = read_rows(source, root, runs)
        elif self.path.exists():
            raise RowFileError(
                f"{str(self.path)!r} holds the finished rows of a cut batch: continue it with --resume, "
                "or delete the file to start again"
            )
        try:
            self.handle: IO[str] = self.path.open("w", encoding="utf-8")
        except OSError as err:
            raise RowFileError(f"cannot write the rows to {out!r}: {err.strerror or err}") from None
        for row in self.done:  # the kept rows first, without a torn line after them
            self.write(row)

    def write(self, row: Row) -> None:
        """Keep one finished row (flushed at once)."""
        self.handle.write(json.dumps(row.columns(), sort_keys=True) + "\n")
        self.handle.flush()

    def close(self) -> None:
        """Stop writing; the partial file stays (a cut batch)."""
        self.handle.close()

    def finish(self, rows: Sequence[Row]) -> None:
        """Write ``out`` in run order and remove the partial file."""
        self.close()
        write_rows([r.columns() for r in sorted(rows, key=lambda r: r.run)], self.out)
        self.path.unlink(missing_ok=True)
