"""Join codes: one per human seat, one for the white cell, one for spectators.

A code is who you are on the wire: the server gives a connection the role of the code it says
hello with, and nothing else. Codes are random (:mod:`secrets`, not game randomness), eight
letters from an alphabet without look-alikes (no 0/O, 1/I/L), written ``ABCD-EFGH`` and read
back case- and dash-insensitively. They are kept beside the journal in ``J.codes`` (mode 0600)
so that ``wargame serve --resume J`` hands out the same codes and the clients, which reconnect by
themselves, are let back in.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
WHITE_ROLE = "white"
SPECTATOR_ROLE = "spectator"
SEAT_ROLE = "seat"


class CodesError(ValueError):
    """A codes file that cannot be used (the message names the file)."""


def new_code() -> str:
    """A fresh code, ``ABCD-EFGH`` (40 bits)."""
    letters = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


def normalise(code: str) -> str:
    """A code as typed (``abcd efgh``, ``ABCDEFGH``) in its written form."""
    letters = "".join(c for c in code.upper() if c.isalnum())
    return f"{letters[:4]}-{letters[4:]}" if len(letters) == 8 else letters


@attrs.frozen
class Grant:
    """What a code lets its holder be: a role, and for a seat, which one."""

    role: str
    seat: str = ""


@attrs.frozen
class Codes:
    """The codes of one served game: code -> :class:`Grant`."""

    grants: Mapping[str, Grant]

    @classmethod
    def fresh(cls, seats: Iterable[str]) -> Codes:
        roles = [Grant(SEAT_ROLE, s) for s in seats] + [Grant(WHITE_ROLE), Grant(SPECTATOR_ROLE)]
        codes: dict[str, Grant] = {}
        for grant in roles:
            code = new_code()
            while code in codes:
                code = new_code()
            codes[code] = grant
        return cls(codes)

    def lookup(self, code: str) -> Grant | None:
        """The grant of a code as typed, or None (a wrong code). Compared in constant time."""
        typed = normalise(code)
        found = None
        for known, grant in self.grants.items():
            if secrets.compare_digest(known.encode(), typed.encode()):
                found = grant
        return found

    def code_of(self, role: str, seat: str = "") -> str:
        return next(c for c, g in self.grants.items() if g == Grant(role, seat))

    def save(self, path: Path) -> None:
        """Write the codes to ``path``, readable by its owner only (0600); atomically (a
        temporary file beside it, then renamed), so a crash never leaves half a file."""
        text = json.dumps({c: attrs.asdict(g) for c, g in self.grants.items()}, indent=1, sort_keys=True)
        write_private(path, text + "\n")

    @classmethod
    def load(cls, path: Path) -> Codes:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            grants = {str(c): Grant(str(g["role"]), str(g.get("seat", ""))) for c, g in data.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
            raise CodesError(f"{path}: not a codes file written by wargame serve ({err})") from None
        return cls(grants)


def codes_path(journal: Path) -> Path:
    """The side file of a journal's codes: ``J.codes``."""
    return journal.with_name(journal.name + ".codes")


def codes_for(journal: Path, seats: Iterable[str]) -> Codes:
    """The codes of the game in ``journal``: those already saved beside it (a resumed game), or
    fresh ones, saved. A saved file missing a seat gets a code for it (and is saved again)."""
    path = codes_path(journal)
    wanted = list(seats)
    if path.exists():
        codes = Codes.load(path)
        missing = [s for s in wanted if Grant(SEAT_ROLE, s) not in codes.grants.values()]
        if not missing:
            return codes
        extra = Codes.fresh(missing).grants
        codes = Codes({**codes.grants, **{c: g for c, g in extra.items() if g.role == SEAT_ROLE}})
    else:
        codes = Codes.fresh(wanted)
    codes.save(path)
    return codes


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, readable by its owner only (0600), atomically: a temporary file
    beside it, flushed to disk, then renamed, so a crash never leaves half a file."""
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
