"""The wire protocol of a networked seminar: message kinds, the version, and bounded decoding.

One WebSocket per client; every frame a JSON text object ``{"v": 1, "type": KIND, ...}``. The
client speaks first (``hello`` with its join code); the server answers ``welcome`` and a whole
``snapshot`` of what that role may see, then a fresh snapshot after every change of the game.
A client sends decisions (``decide``, ``order``), white-cell acts (``white``) and the
facilitator's hand on the clock (``tempo``), each with an optional ``ref`` that the server's
``accepted`` or ``rejected`` answer repeats. The full list, with every field: docs/protocol.md.

:func:`decode` is the only way a frame from a client becomes a :class:`Message`: it bounds the
frame's size, parses it, checks the version, the kind and each field (type and length), and
raises :class:`ProtocolError` with the close code and the reason otherwise. The server closes
that one connection with them; the game and the other clients go on.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

PROTOCOL = 1
"""The protocol's version: the ``v`` of every message; a change to a kind or a field bumps it."""

MAX_FRAME = 64 * 1024
"""The largest frame a client may send, in bytes (a decision is well under 4 KiB)."""

MAX_TEXT = 4000  # a reason or an ad hoc inject's words, in characters
MAX_ID = 200  # an id, a choice, a code, a ref

# Close codes (RFC 6455 section 7.4.1), with the reason as the close frame's text.
CLOSE_NORMAL = 1000
CLOSE_GOING_AWAY = 1001  # the server is shutting down (Ctrl-C); a client reconnects
CLOSE_UNSUPPORTED = 1003  # not a JSON object, an unknown kind or version
CLOSE_INVALID = 1007  # a known kind with a missing or bad field
CLOSE_POLICY = 1008  # refused: a wrong join code, no hello first, or its code joined from another screen
CLOSE_TOO_BIG = 1009  # a frame over MAX_FRAME (websockets closes with it by itself)
CLOSE_INTERNAL = 1011  # the server failed on this message: it closes this connection only

TEMPO_ACTIONS = ("play", "pause", "step", "faster", "slower", "take_default", "until", "box")

_STR, _INT = "text", "minute"
# kind -> {field: (type, required, max length)}; ``ref`` is allowed on every kind.
CLIENT_KINDS: Mapping[str, Mapping[str, tuple[str, bool, int]]] = {
    "hello": {"code": (_STR, True, MAX_ID)},
    "decide": {
        "prompt": (_STR, True, MAX_ID),
        "choice": (_STR, True, MAX_ID),
        "reason": (_STR, False, MAX_TEXT),
    },
    "order": {
        "kind": (_STR, True, MAX_ID),
        "choice": (_STR, True, MAX_ID),
        "reason": (_STR, False, MAX_TEXT),
    },
    "white": {
        "act": (_STR, True, MAX_ID),
        "choice": (_STR, False, MAX_ID),
        "text": (_STR, False, MAX_TEXT),
        "reason": (_STR, False, MAX_TEXT),
    },
    "tempo": {"action": (_STR, True, MAX_ID), "prompt": (_STR, False, MAX_ID), "at": (_INT, False, 0)},
    "ping": {},
}
SERVER_KINDS = ("welcome", "refused", "snapshot", "accepted", "rejected", "pong")


class ProtocolError(ValueError):
    """A frame the server will not take: ``code`` closes the connection with ``reason``."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@attrs.frozen
class Message:
    """A checked client message: its kind, its fields (every known field, "" or None if not
    given), and its ``ref`` ("" if none)."""

    type: str
    fields: Mapping[str, Any]
    ref: str = ""

    def text(self, name: str) -> str:
        value = self.fields.get(name)
        return value if isinstance(value, str) else ""


def encode(kind: str, /, **fields: Any) -> str:
    """One frame: ``{"v": PROTOCOL, "type": kind, **fields}`` as compact JSON."""
    return json.dumps({"v": PROTOCOL, "type": kind, **fields}, separators=(",", ":"), ensure_ascii=False)


def decode(frame: str | bytes) -> Message:
    """A client's frame as a :class:`Message`; :class:`ProtocolError` if it is not one."""
    if isinstance(frame, bytes):
        raise ProtocolError(CLOSE_UNSUPPORTED, "binary frames are not part of the protocol: send JSON text")
    if len(frame.encode("utf-8", "surrogatepass")) > MAX_FRAME:
        raise ProtocolError(CLOSE_TOO_BIG, f"frame over {MAX_FRAME} bytes")
    try:
        obj = json.loads(frame)
    except (json.JSONDecodeError, RecursionError):
        raise ProtocolError(CLOSE_UNSUPPORTED, "not JSON: every frame is a JSON object") from None
    except ValueError:  # an integer literal of thousands of digits (Python's int_max_str_digits)
        raise ProtocolError(CLOSE_UNSUPPORTED, "a number too long: every number is a minute") from None
    if not isinstance(obj, dict):
        raise ProtocolError(CLOSE_UNSUPPORTED, "not a JSON object: every frame is one")
    if obj.get("v") != PROTOCOL:
        raise ProtocolError(CLOSE_UNSUPPORTED, f"protocol version {obj.get('v')!r} is not {PROTOCOL}")
    kind = obj.get("type")
    spec = CLIENT_KINDS.get(kind) if isinstance(kind, str) else None
    if spec is None or not isinstance(kind, str):
        raise ProtocolError(
            CLOSE_UNSUPPORTED, f"unknown message type {kind!r}; known: {', '.join(CLIENT_KINDS)}"
        )
    unknown = sorted(set(obj) - {"v", "type", "ref", *spec})
    if unknown:
        raise ProtocolError(CLOSE_INVALID, f"{kind}: unknown field {unknown[0]!r}")
    fields: dict[str, Any] = {}
    for name, (typ, required, limit) in spec.items():
        value = obj.get(name)
        if value is None:
            if required:
                raise ProtocolError(CLOSE_INVALID, f"{kind}: field {name!r} is missing")
            fields[name] = "" if typ == _STR else None
        elif typ == _STR:
            if not isinstance(value, str) or len(value) > limit:
                raise ProtocolError(
                    CLOSE_INVALID, f"{kind}: field {name!r} must be text of at most {limit} characters"
                )
            if not _utf8(value):
                raise ProtocolError(CLOSE_INVALID, f"{kind}: field {name!r} is not valid Unicode text")
            fields[name] = value
        else:
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**31:
                raise ProtocolError(CLOSE_INVALID, f"{kind}: field {name!r} must be a whole minute >= 0")
            fields[name] = value
    ref = obj.get("ref", "")
    if not isinstance(ref, str) or len(ref) > MAX_ID or not _utf8(ref):
        raise ProtocolError(
            CLOSE_INVALID, f"{kind}: 'ref' must be Unicode text of at most {MAX_ID} characters"
        )
    return Message(kind, fields, ref)


def parse_server(frame: str | bytes) -> dict[str, Any]:
    """A server's frame, for a client: a JSON object of a known kind (else ValueError)."""
    obj = json.loads(frame)
    if not isinstance(obj, dict) or obj.get("type") not in SERVER_KINDS:
        raise ValueError(f"not a server message: {str(frame)[:80]!r}")
    if obj.get("v") != PROTOCOL:
        raise ValueError(f"the server speaks protocol {obj.get('v')!r}, this client {PROTOCOL}")
    return obj


def _utf8(text: str) -> bool:
    """Whether ``text`` is real Unicode text: JSON's ``"\\ud800"`` escapes decode to a lone
    surrogate, which UTF-8 cannot encode (the journal could not keep it, nor a frame carry it)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
