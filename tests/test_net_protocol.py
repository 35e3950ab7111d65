"""The protocol's decoder: any frame is a checked Message or a ProtocolError with a close code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.net.codes import Codes, normalise
from wargame.net.protocol import CLIENT_KINDS, CLOSE_INVALID, CLOSE_UNSUPPORTED, ProtocolError, decode, encode

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=120, deadline=None)
@given(
    kind=st.sampled_from([*CLIENT_KINDS, "launch", ""]),
    fields=st.dictionaries(
        st.sampled_from(
            ["code", "prompt", "choice", "reason", "kind", "act", "text", "action", "at", "ref", "x"]
        ),
        JSON,
        max_size=5,
    ),
    version=st.sampled_from([1, 1, 1, 2, "1", None]),
)
def test_any_object_decodes_or_is_refused_with_a_close_code(
    kind: str, fields: dict[str, Any], version: Any
) -> None:
    frame = json.dumps({"v": version, "type": kind, **fields})
    try:
        msg = decode(frame)
    except ProtocolError as err:
        assert err.code in (CLOSE_UNSUPPORTED, CLOSE_INVALID) and err.reason
        return
    assert msg.type == kind and version == 1
    for name, (typ, _, limit) in CLIENT_KINDS[kind].items():
        value = msg.fields[name]
        assert (
            isinstance(value, str) and len(value) <= limit if typ == "text" else value is None or value >= 0
        )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200) | st.binary(max_size=50))
def test_any_text_decodes_or_is_refused(frame: str | bytes) -> None:
    try:
        decode(frame)
    except ProtocolError as err:
        assert err.reason


def test_a_frame_of_deep_nesting_is_refused_not_a_crash() -> None:
    try:
        decode("[" * 5000 + "]" * 5000)
    except ProtocolError as err:
        assert err.code == CLOSE_UNSUPPORTED


@pytest.mark.parametrize(
    "frame",
    [
        '{"v":1,"type":"decide","prompt":"p","choice":"c","reason":"x\\ud800y"}',  # a lone surrogate
        '{"v":1,"type":"white","act":"adhoc_inject","text":"\\udfff"}',
        '{"v":1,"type":"ping","ref":"r\\ud83d"}',  # half a pair, in the ref
        '"\\ud800"',
    ],
)
def test_text_that_is_not_unicode_is_refused(frame: str) -> None:
    # it would reach the world, then fail in the journal's hash chain and wedge every frame after
    with pytest.raises(ProtocolError) as err:
        decode(frame)
    assert err.value.code in (CLOSE_INVALID, CLOSE_UNSUPPORTED)
    assert "Unicode" in err.value.reason or "JSON object" in err.value.reason


def test_an_integer_of_thousands_of_digits_is_refused_not_a_crash() -> None:
    for frame in (
        '{"v":' + "1" * 5000 + "}",
        '{"v":1,"type":"tempo","action":"until","at":' + "9" * 5000 + "}",
    ):
        with pytest.raises(ProtocolError) as err:
            decode(frame)
        assert err.value.code == CLOSE_UNSUPPORTED


def test_encode_round_trips_through_decode() -> None:
    msg = decode(encode("order", ref="r", kind="statement", choice="statement", reason="é"))
    assert (msg.type, msg.ref, msg.text("kind"), msg.text("reason")) == ("order", "r", "statement", "é")


def test_codes_are_unambiguous_and_read_back_as_typed() -> None:
    codes = Codes.fresh(["france", "uk"])
    assert len(codes.grants) == 4 and len(set(codes.grants)) == 4
    for code, grant in codes.grants.items():
        assert not set(code.replace("-", "")) & set("01ILO")
        assert codes.lookup(code.lower().replace("-", " ")) == grant
        assert normalise(code.lower().replace("-", "")) == code
    assert codes.lookup("ZZZZ-ZZZZ") is None or "ZZZZ-ZZZZ" in codes.grants


def test_a_session_refuses_a_lone_surrogate_from_any_caller(tmp_path: Path) -> None:
    # a room script or any other caller reaches Session.direct without the wire's decoder
    from wargame.engine.decisions import DecisionError
    from wargame.model.scenario_files import scenarios
    from wargame.session.session import Session

    journal = tmp_path / "g.jsonl"
    session = Session(scenarios.load("tutorial", []), seed=1, seats={"corvia": "human"}, journal=journal)
    lines = len(session.lines)
    with pytest.raises(DecisionError, match="not valid text"):
        session.direct("adhoc_inject", "all", text="x\ud800y")
    assert len(session.lines) == lines
    session.direct("adhoc_inject", "all", text="still fine")  # the journal goes on
    assert "still fine" in journal.read_text(encoding="utf-8")
