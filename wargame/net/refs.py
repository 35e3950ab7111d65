"""The answers a server keeps by ``ref``, so that a resent decision is applied once.

A client keeps every message the server has not answered and sends it again after a reconnect
(:mod:`wargame.net.client`). The server answers a ref it has seen with the answer it gave, and
keeps those answers in ``J.refs`` beside the journal, so a restarted server (``--resume``) does
too. The file is JSON lines, two records per act:

- ``{"role", "seat", "ref", "line"}`` — *pending*: written and flushed **before** the act is
  applied, with ``line`` the number of journal lines then;
- ``{"role", "seat", "ref", "reply"}`` — *answered*: written once the act is journalled, before
  any snapshot goes out.

A server killed between the journal line and the answered record leaves a pending record. At
resume the file's last record, if pending, is read against the journal: if a ``decision`` of
that role's seat (``white`` for the white cell) was journalled at or after ``line``, the act was
taken, and the ref is answered ``accepted``; if not, it was never applied, and a resend applies
it now. So a decision is applied
once, and a resent answer to a prompt is reported taken, not "not an open decision".

Only acts that changed the game are kept (an ``accepted`` decision, order, white-cell act or
tempo action); a rejected message is simply judged again if it comes back. Spectators' messages
are never kept (they can only be rejected), and at most :data:`KEEP` refs per role and seat
(a client resends only what it has not seen answered, a handful at most). A resumed server
rewrites the file with only what it keeps.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wargame.engine.decisions import WHITE
from wargame.net.codes import SPECTATOR_ROLE, WHITE_ROLE, Grant, write_private

KEEP = 256  # answers kept per role and seat
ACCEPTED: dict[str, Any] = {"type": "accepted"}


def refs_path(journal: Path) -> Path:
    """The side file of a journal's kept answers: ``J.refs``."""
    return journal.with_name(journal.name + ".refs")


def tempo_path(journal: Path) -> Path:
    """The side file of a served game's pace (the time box and the clock's speed): ``J.tempo``."""
    return journal.with_name(journal.name + ".tempo")


class Refs:
    """The kept answers of one served game (see the module docstring)."""

    def __init__(self, path: Path | None, journal_lines: Sequence[str] = ()) -> None:
        self.path = path
        self._answers: dict[Grant, OrderedDict[str, dict[str, Any]]] = {}
        if path is not None and path.exists():
            self._load(path.read_text(encoding="utf-8").splitlines(), journal_lines)
            self._compact(path)

    @staticmethod
    def kept(grant: Grant, ref: str) -> bool:
        """Whether a message from ``grant`` with ``ref`` is one whose answer is kept."""
        return bool(ref) and grant.role != SPECTATOR_ROLE

    def get(self, grant: Grant, ref: str) -> dict[str, Any] | None:
        """The answer given to ``grant``'s ``ref``, if it is kept."""
        return self._answers.get(grant, OrderedDict()).get(ref) if ref else None

    def pending(self, grant: Grant, ref: str, line: int) -> None:
        """Before an act: ``grant``'s ``ref`` is being applied with ``line`` journal lines so far."""
        self._write({"role": grant.role, "seat": grant.seat, "ref": ref, "line": line})

    def answered(self, grant: Grant, ref: str, reply: dict[str, Any]) -> None:
        """After an act that changed the game: keep ``reply`` for ``ref``."""
        self._keep(grant, ref, reply)
        self._write({"role": grant.role, "seat": grant.seat, "ref": ref, "reply": reply})

    def _keep(self, grant: Grant, ref: str, reply: dict[str, Any]) -> None:
        mine = self._answers.setdefault(grant, OrderedDict())
        mine[ref] = reply
        mine.move_to_end(ref)
        while len(mine) > KEEP:
            mine.popitem(last=False)

    def _write(self, record: dict[str, Any]) -> None:
        if self.path is None:
            return
        with self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(record, separators=(",", ":"), ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())

    def _compact(self, path: Path) -> None:
        """Rewrite the file with only the answers kept (atomically: a temporary file, renamed), so
        it does not grow from one resume to the next with rejected messages' pending records."""
        records = (
            {"role": grant.role, "seat": grant.seat, "ref": ref, "reply": reply}
            for grant, mine in self._answers.items()
            for ref, reply in mine.items()
        )
        write_private(
            path, "".join(json.dumps(r, separators=(",", ":"), ensure_ascii=False) + "\n" for r in records)
        )

    def _load(self, lines: list[str], journal_lines: Sequence[str]) -> None:
        # The server applies one act at a time (pending, act, answered, with no await between),
        # so only the file's last record can be an act cut short; an earlier pending record with
        # no answer is a message that was rejected (or a tempo action, which journals nothing).
        last: tuple[Grant, str, int] | None = None
        for line in lines:
            with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
                obj = json.loads(line)
                grant, ref = Grant(str(obj["role"]), str(obj["seat"])), str(obj["ref"])
                last = None
                if "reply" in obj:
                    self._keep(grant, ref, dict(obj["reply"]))
                else:
                    last = grant, ref, int(obj["line"])
        if last is not None:  # killed between the journal line and the answer
            grant, ref, at = last
            if _decided_since(journal_lines, at, WHITE if grant.role == WHITE_ROLE else grant.seat):
                self._keep(grant, ref, {**ACCEPTED, "ref": ref})


def _decided_since(journal_lines: Sequence[str], at: int, seat: str) -> bool:
    """Whether the journal has a decision of ``seat`` from line ``at`` on."""
    for line in journal_lines[at:]:
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            obj = json.loads(line)
            if obj.get("kind") == "decision" and obj.get("data", {}).get("seat") == seat:
                return True
    return False
