"""May a game's journal be written to a path a person named? Never over anything that matters.

A journal records decisions people took; a command that writes one where a file already is must
not destroy it. :func:`claim` is the one rule, used by ``play --journal``, ``run --journal`` and
``batch --journals``:

* nothing there: a new journal may be written (``None``);
* an unfinished game (cut by a crash, or closed before its end) of the game asked for: it goes on
  — the caller resumes it, and the file grows from where it stopped (its :class:`JournalFile`);
* anything else — a finished game, a file that is not a journal, a journal of another game (other
  scenario, scenario file changed since, seed, seats or ``--set``) — is refused with a
  :class:`JournalInUse` that says why, and the file is left as it is.

``again=True`` (a batch resumed with ``--resume``, which plays a run over from its start) also
takes a finished game of the game asked for: playing it again writes the very same bytes.
"""

from __future__ import annotations

from pathlib import Path

from wargame.engine.events import EndData
from wargame.session.journal.header import Header
from wargame.session.journal.read import JournalError, JournalFile, read


class JournalInUse(JournalError):
    """A journal path that holds a file which must not be overwritten (the file is untouched).
    ``what`` is what is there: ``"not a journal"``, ``"another game"`` or ``"a finished game"``."""

    def __init__(self, message: str, what: str) -> None:
        super().__init__(message)
        self.what = what


def claim(path: str | Path, wanted: Header | None = None, again: bool = False) -> JournalFile | None:
    """Whether a journal of ``wanted`` (any game, if None) may be written to ``path``: see the
    module docstring. The message of a refusal starts with the path and ends with "it is left as
    it is"; the caller adds what to do instead."""
    p = Path(path)
    if not p.exists() and not p.is_symlink():
        return None
    try:
        recorded = read(p, unfinished=True)
    except JournalError as err:
        raise JournalInUse(
            f"{p} exists and is not a game that can go on ({_reason(err, p)}); it is left as it is",
            "not a journal",
        ) from None
    head = recorded.header
    if recorded.events and isinstance(recorded.events[-1].data, EndData) and not again:
        raise JournalInUse(
            f"{p} holds a finished game ({describe(head)}); it is left as it is", "a finished game"
        )
    if wanted is not None:
        differs = differences(head, wanted)
        if differs:
            raise JournalInUse(
                f"{p} holds another game ({describe(head)}: {'; '.join(differs)}); it is left as it is",
                "another game",
            )
    return recorded


def describe(head: Header) -> str:
    """A game in a few words: its scenario, seed and seats."""
    seats = ", ".join(f"{k}={v}" for k, v in head.seats.items())
    sets = "".join(f", --set {o}" for o in head.overrides)
    return f"{head.scenario.name}, seed {head.seed}, seats {seats}{sets}"


def differences(recorded: Header, wanted: Header) -> list[str]:
    """How the game recorded differs from the game wanted, one phrase per field (none: the same)."""
    out = []
    if recorded.scenario.name != wanted.scenario.name:
        out.append(f"scenario {recorded.scenario.name}, not {wanted.scenario.name}")
    elif recorded.scenario.sha256 != wanted.scenario.sha256:
        out.append("its scenario file has changed since")
    if recorded.seed != wanted.seed:
        out.append(f"seed {recorded.seed}, not {wanted.seed}")
    if dict(recorded.seats) != dict(wanted.seats):
        pairs = [
            f"{seat}={recorded.seats.get(seat, '?')}, not {ctl}"
            for seat, ctl in wanted.seats.items()
            if recorded.seats.get(seat) != ctl
        ]
        out.append("seats " + ("; ".join(pairs) or "differ"))
    if tuple(recorded.overrides) != tuple(wanted.overrides):
        given = " ".join(f"--set {o}" for o in recorded.overrides) or "no --set"
        out.append(f"played with {given}, not {' '.join(f'--set {o}' for o in wanted.overrides) or 'none'}")
    return out


def _reason(err: JournalError, path: Path) -> str:
    """A reading error without the path it starts with (the refusal names the path once)."""
    text = str(err)
    prefix = f"{path}:"
    if text.startswith(prefix):
        text = text[len(prefix) :]
        line, sep, rest = text.partition(": ")
        if sep and line.isdigit():
            text = rest if rest.startswith(f"line {line} ") else f"line {line}: {rest}"
        else:
            text = text.lstrip(" ")
    return text
