"""The journal's keyed seal: proof that a journal is as the key holder's engine wrote it.

The integrity chain (:mod:`.chain`) has no key, so a forger who edits a decision can recompute
it. The seal closes that gap. It is a small JSON file beside the journal, ``JOURNAL.seal``
(``game.jsonl`` → ``game.jsonl.seal``), so the journal's own bytes stay exactly what a replay
writes. It holds

* ``format``: the journal's format (2: format-1 journals are never sealed);
* ``lines``: how many lines of the journal it covers, header included;
* ``head``: the chain's value at the last covered line (the header's, for one line);
* ``key``: the key's id, the first 8 hex digits of the SHA-256 of the key;
* ``hmac``: HMAC-SHA256 (stdlib :mod:`hmac`), under the key, of the format, the line count, the
  chain head and the header line (:func:`message`).

The chain head stands for every line before it (each ``h`` hashes the one before), and the header
line for the game itself (the scenario and its content hash, the seed, the seats), so the HMAC
proves lines 1..N. A writer with a key rewrites the seal (a temporary file, then a rename: it is
never half written) at the start, after every decision and when the session closes. Lines after
the last seal (a crash cut the session) are intact by the chain but not proven by the key.

The key is a file: :func:`new_key` (``wargame key new PATH``) writes 32 random bytes as hex,
readable by its owner only. It is named by ``--key PATH`` or the environment variable
``WARGAME_JOURNAL_KEY_FILE`` (:func:`key_from`). The facilitator holds it, never the players:
anyone with the key can seal a forgery.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Any

import attrs

from wargame.session.journal.read import JournalError, JournalFile, read

SUFFIX = ".seal"
KEY_ENV = "WARGAME_JOURNAL_KEY_FILE"
KEY_BYTES = 32  # a new key: 32 random bytes, written as 64 hex digits
MIN_KEY_CHARS = 16
MAX_KEY_CHARS = 4096
MAX_SEAL_CHARS = 10_000
SEALABLE = 2  # the first format with a seal (and the engine's version out of the chain)
NOT_SEALED_RISK = "an edit by someone who recomputes the chain would not show"


class KeyFileError(ValueError):
    """A key file that cannot be used (missing, empty, unreadable, too short): bad input."""


class SealError(Exception):
    """A seal that does not prove its journal: a failed verification (exit code 1)."""


@attrs.frozen
class Key:
    """A journal key: its secret bytes (never shown) and its id (safe to show)."""

    secret: bytes = attrs.field(repr=False, metadata={"meaning": "the key's bytes (the file, stripped)"})
    source: str = attrs.field(metadata={"meaning": "the file it was read from"})

    @property
    def id(self) -> str:
        """The first 8 hex digits of the key's SHA-256: names the key without revealing it."""
        return hashlib.sha256(self.secret).hexdigest()[:8]


def load_key(path: str | Path) -> Key:
    """The key in the file ``path`` (its text, stripped of surrounding white space)."""
    p = Path(path)
    try:
        with p.open("rb") as f:
            raw = f.read(MAX_KEY_CHARS + 1)
    except OSError as err:
        raise KeyFileError(f"cannot read the key file {str(p)!r}: {err.strerror or err}") from None
    secret = raw.strip()
    if len(raw) > MAX_KEY_CHARS:
        raise KeyFileError(
            f"the key file {str(p)!r} is too large to be a key (make one: wargame key new PATH)"
        )
    if not secret:
        raise KeyFileError(f"the key file {str(p)!r} is empty (make a key: wargame key new PATH)")
    if len(secret) < MIN_KEY_CHARS:
        raise KeyFileError(
            f"the key in {str(p)!r} is too short ({len(secret)} characters; at least {MIN_KEY_CHARS}): "
            "make one with `wargame key new PATH`"
        )
    return Key(secret=secret, source=str(p))


def key_from(option: str | None) -> Key | None:
    """The key named by ``--key PATH`` (``option``), else by ``$WARGAME_JOURNAL_KEY_FILE``, or None."""
    path = option if option is not None else os.environ.get(KEY_ENV) or None
    return None if path is None else load_key(path)


def new_key(path: str | Path) -> Key:
    """Write a new random key to ``path``, readable and writable by its owner only (mode 0600);
    an existing file is never overwritten."""
    p = Path(path)
    text = secrets.token_hex(KEY_BYTES) + "\n"
    try:
        fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyFileError(
            f"{str(p)!r} exists: a key file is never overwritten (choose another path)"
        ) from None
    except OSError as err:
        raise KeyFileError(f"cannot write the key file {str(p)!r}: {err.strerror or err}") from None
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(text)
    return Key(secret=text.strip().encode("ascii"), source=str(p))


# -- writing ----------------------------------------------------------------------------------


def seal_path(journal: str | Path) -> Path:
    """Where the seal of ``journal`` lives: beside it, its name plus ``.seal``."""
    p = Path(journal)
    return p.with_name(p.name + SUFFIX)


def message(fmt: int, lines: int, head: str, header_line: str) -> bytes:
    """What the HMAC is computed over: the format, the line count and the chain head (one a
    line), then the header line (JSON, a single line), after a fixed label."""
    return f"wargame journal seal\n{fmt}\n{lines}\n{head}\n{header_line}".encode()


def _mac(key: Key, fmt: int, lines: int, head: str, header_line: str) -> str:
    return hmac.new(key.secret, message(fmt, lines, head, header_line), hashlib.sha256).hexdigest()


def write_seal(journal: str | Path, key: Key, fmt: int, lines: int, head: str, header_line: str) -> None:
    """Seal the first ``lines`` lines of ``journal`` (whose chain value there is ``head``)."""
    seal = {
        "seal": "wargame journal",
        "format": fmt,
        "lines": lines,
        "head": head,
        "key": key.id,
        "hmac": _mac(key, fmt, lines, head, header_line),
    }
    target = seal_path(journal)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(json.dumps(seal, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, target)


# -- checking ---------------------------------------------------------------------------------


@attrs.frozen
class Integrity:
    """What was checked of a journal's integrity, as one line a person reads."""

    text: str = attrs.field(metadata={"meaning": "the verdict, one line"})
    sealed: int | None = attrs.field(default=None, metadata={"meaning": "lines the key proves"})


def read_checked(path: str | Path, key: Key | None) -> tuple[JournalFile, Integrity]:
    """Read a journal (its chain checked: :func:`~.read.read`), then its seal (:func:`check`)."""
    journal = read(path)
    return journal, check(journal, key)


def check(journal: JournalFile, key: Key | None, resuming: bool = False) -> Integrity:
    """Check the seal of ``journal`` (read, so its chain is intact) with ``key``. Raises
    :class:`SealError` when the seal does not prove it: no seal though a key is given (unless
    ``resuming``: sealed from now on), another key, or a journal or seal changed after sealing.
    Without a key, says what is and is not checked."""
    path, fmt, lines, chain = journal.path, journal.header.format, journal.lines, journal.chain
    seal_file = seal_path(path)
    if fmt < SEALABLE:
        return Integrity(
            f"integrity chain intact; journal format {fmt} (written before seals) cannot be sealed: "
            f"{NOT_SEALED_RISK}"
        )
    if key is None and resuming and seal_file.exists():  # going on unkeyed would spoil the seal
        raise JournalError(
            f"{path} is sealed ({seal_file}): give its key to go on (--key PATH, or "
            f"{KEY_ENV}=PATH); played on without it, the seal would no longer prove the journal"
        )
    if key is None:
        what = "seal not checked (no key)" if seal_file.exists() else "not sealed"
        return Integrity(f"integrity chain intact; {what}: {NOT_SEALED_RISK}")
    seal = _read_seal(seal_file, resuming)
    if seal is None:
        return Integrity(f"not sealed before: {len(lines)} lines sealed from now on, on trust")
    if seal["key"] != key.id:
        raise SealError(
            f"{seal_file}: sealed with key {seal['key']}, not with this key ({key.id}); "
            "verify with the key that sealed it"
        )
    count = seal["lines"]
    changed = f"{path}: the journal was changed after it was sealed"
    if count > len(lines):
        raise SealError(f"{changed}: the seal covers {count} lines and {len(lines)} are left")
    expected = _mac(key, seal["format"], count, seal["head"], lines[0])
    if (
        not hmac.compare_digest(expected, seal["hmac"])
        or seal["format"] != fmt
        or chain[count - 1] != seal["head"]
    ):
        raise SealError(f"{changed} (or its seal was edited): key {key.id} does not prove lines 1..{count}")
    text = f"sealed with key {key.id}: verified ({count} lines)"
    if count < len(lines):
        text += f"; lines {count + 1}..{len(lines)} are after the last seal (intact, not proven by the key)"
    return Integrity(text, sealed=count)


def _read_seal(seal_file: Path, resuming: bool) -> dict[str, Any] | None:
    """The checked fields of a seal file; None if there is none and ``resuming``."""
    try:
        with seal_file.open("rb") as f:
            raw = f.read(MAX_SEAL_CHARS + 1)
    except FileNotFoundError:
        if resuming:
            return None
        raise SealError(f"no seal: this journal was not sealed (no {seal_file})") from None
    except OSError as err:
        raise SealError(f"{seal_file}: cannot read the seal: {err.strerror or err}") from None
    damaged = f"{seal_file}: the seal is damaged (not a wargame journal seal)"
    try:
        seal = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_SEAL_CHARS else None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise SealError(damaged) from None
    if not isinstance(seal, dict) or seal.get("seal") != "wargame journal":
        raise SealError(damaged)
    whole = {k: seal.get(k) for k in ("format", "lines")}
    texts = {k: seal.get(k) for k in ("head", "key", "hmac")}
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in whole.values()) or not all(
        isinstance(v, str) and v.isascii()
        for v in texts.values()  # (compare_digest needs ASCII)
    ):
        raise SealError(damaged)
    return seal
