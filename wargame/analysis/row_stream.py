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

from wargame.analysis.batch import journal_name, run_seed, write_rows
from wargame.analysis.batch_spec import BatchSpec, differences, is_header
from wargame.analysis.rows import Row
from wargame.model.scenario_files.scenarios import LoadedScenario
from wargame.session.journal.existing import JournalInUse, claim
from wargame.session.journal.header import Header
from wargame.session.seats import assign_seats


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


def check_run_journals(
    folder: str,
    loaded: LoadedScenario,
    seats: Sequence[str],
    root: int,
    runs: int,
    done: Sequence[Row] | None,
) -> None:
    """Refuse, before any run, to write a run's journal over a file (the rule of
    :func:`~wargame.session.journal.existing.claim`). A new batch (``done`` empty) may write no
    journal where one of its runs' journals already is. A resumed batch keeps the journals of its
    finished runs, and plays again the others, whose journals (a run cut short, or finished but
    its row lost) must be of that very run: playing it again writes them to the same bytes."""
    controllers = assign_seats(loaded.scenario.seat_ids, seats)
    have = {r.run for r in done or ()}
    left = [i for i in range(runs) if i not in have]
    paths = {i: Path(folder) / journal_name(i, run_seed(root, i)) for i in left}
    if done is None:
        there = [p for p in paths.values() if p.exists() or p.is_symlink()]
        if there:
            raise RowFileError(
                f"{folder!r} already holds journals under this batch's run names ({len(there)}, e.g. "
                f"{there[0].name}); they are never overwritten: continue a cut batch with --out "
                "and --resume, or choose another --journals folder"
            )
        return
    for i, path in paths.items():
        wanted = Header.of(loaded, run_seed(root, i), controllers)
        try:
            claim(path, wanted, again=True)
        except JournalInUse as err:
            raise RowFileError(f"run {i} is to be played again, but {err}") from None


def read_rows(path: Path, root: int, runs: int, spec: BatchSpec | None = None) -> tuple[list[Row], list[str]]:
    """The finished rows of a cut batch in ``path``, and notes for the person resuming it. A
    header (its first line) must describe the batch ``spec``; a file without one (an older
    wargame's, or a finished ``.jsonl`` OUT) is resumed with a note that only its seeds could be
    checked. A torn last line is dropped; anything else that is not a row of this batch (root
    seed ``root``, ``runs`` runs) is refused."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as err:
        raise RowFileError(f"cannot read {str(path)!r}: {getattr(err, 'strerror', None) or err}") from None
    rows: dict[int, Row] = {}
    notes: list[str] = []
    headed = False
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
        if is_header(columns):
            if number != 1:
                raise RowFileError(f"{where}: a batch header after the first line: this file mixes batches")
            headed = True
            notes += _check_header(where, columns, spec)
            continue
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
    if not headed and spec is not None:
        notes.append(
            f"{path} does not say which batch it is (no header line: an older wargame wrote it, or it "
            "is a finished batch's output): only its root seed and -n could be checked; make sure "
            "the scenario, --seat and --set are the cut batch's"
        )
    return sorted(rows.values(), key=lambda r: r.run), notes


def _check_header(where: str, obj: Any, spec: BatchSpec | None) -> list[str]:
    """Refuse a header that is not ``spec``'s batch (each differing option named); the notes."""
    try:
        recorded = BatchSpec.from_json(obj)
    except (KeyError, TypeError, ValueError) as err:
        raise RowFileError(f"{where}: a damaged batch header ({type(err).__name__}: {err})") from None
    if spec is None:
        return []
    differs = differences(recorded, spec)
    if differs:
        raise RowFileError(
            f"{where}: --resume continues the same batch, and this is another: "
            + "; ".join(differs)
            + ". Give the cut batch's options, or write to another --out"
        )
    if recorded.engine != spec.engine:
        return [f"the cut batch was played by wargame {recorded.engine}, this is {spec.engine}"]
    return []


class RowStream:
    """The partial file of a batch writing ``out``: opened before the first run, one flushed line
    per finished row, and replaced by ``out`` at the end."""

    def __init__(self, out: str, root: int, runs: int, resume: bool, spec: BatchSpec | None = None) -> None:
        self.out, self.path = out, partial_path(out)
        check_folder(out, "the rows to")
        self.done: list[Row] = []
        self.notes: list[str] = []  # for the person resuming (a file without a header, say)
        if resume:
            if self.path.exists():
                source = self.path
            elif Path(out).suffix == ".jsonl" and Path(out).exists():
                source = Path(out)
            else:
                finished = f" ({out!r} is a finished batch)" if Path(out).exists() else ""
                raise RowFileError(f"nothing to resume: {str(self.path)!r} does not exist{finished}")
            self.done, self.notes = read_rows(source, root, runs, spec)
        elif self.path.exists():
            raise RowFileError(
                f"{str(self.path)!r} holds the finished rows of a cut batch: continue it with --resume, "
                "or delete the file to start again"
            )
        elif Path(out).exists():
            raise RowFileError(
                f"{out!r} exists (the rows of an earlier batch): it is never overwritten; choose "
                "another --out, or delete it to play the batch again"
            )
        try:
            self.handle: IO[str] = self.path.open("w", encoding="utf-8")
        except OSError as err:
            raise RowFileError(f"cannot write the rows to {out!r}: {err.strerror or err}") from None
        if spec is not None:  # what this batch is, for --resume to check
            self.handle.write(json.dumps(spec.to_json(), sort_keys=True) + "\n")
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
