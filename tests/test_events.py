"""Typed events: every kind's payload survives the journal's JSON unchanged, byte for byte;
equality sees the data and the truth; a line of an unknown kind or a malformed payload is refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.engine import payload
from wargame.engine.events import (
    BY_KIND,
    PAYLOADS,
    CouncilData,
    DecisionData,
    EndData,
    EndTruth,
    LeakData,
    ReportData,
    ReportTruth,
    TransferData,
    doc,
)
from wargame.engine.journal import Event, dumps
from wargame.engine.kinds import KINDS, Kind
from wargame.engine.payload import Payload
from wargame.session.journal.chain import link, start
from wargame.session.journal.read import JournalError, read

WORDS = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
NUMBERS = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15) | st.integers(
    -(10**12), 10**12
)
JSON = st.recursive(
    st.none() | st.booleans() | WORDS | NUMBERS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(WORDS, inner, max_size=3),
    max_leaves=8,
)


def _value(annotation: str) -> st.SearchStrategy[Any]:
    """Values of one alternative of a field's annotation."""
    if annotation == "str":
        return WORDS
    if annotation == "int":
        return st.integers(-(10**12), 10**12)
    if annotation == "float":
        return NUMBERS
    if annotation == "bool":
        return st.booleans()
    if annotation.startswith("tuple"):
        return st.lists(WORDS, max_size=4).map(tuple)
    if annotation == "Mapping[str, Mapping[str, float]]":
        return st.dictionaries(WORDS, st.dictionaries(WORDS, NUMBERS, max_size=3), max_size=3)
    if annotation.startswith("Mapping"):
        return st.dictionaries(WORDS, JSON, max_size=4)
    raise AssertionError(f"no strategy for {annotation}")


def payloads(cls: type[Payload]) -> st.SearchStrategy[Payload]:
    """Any payload of class ``cls``: each field drawn from its annotation."""
    fields = {}
    for f in attrs.fields(cls):
        alternatives = str(f.type).split(" | ")
        fields[f.name] = st.one_of(*(st.none() if a == "None" else _value(a) for a in alternatives))
    return st.fixed_dictionaries(fields).map(lambda kw: cls(**kw))


@st.composite
def events(draw: st.DrawFn, cls: type[Payload]) -> Event:
    truth = None
    if cls.TRUTH is not None:
        truth = draw(st.none() | payloads(cls.TRUTH))
    return Event(
        t=draw(st.integers(0, 10**7)),
        seq=draw(st.integers(0, 10**6)),
        at=draw(WORDS),
        actors=tuple(draw(st.lists(WORDS, max_size=3))),
        see=tuple(draw(st.lists(WORDS, max_size=3))),
        text=draw(WORDS),
        data=draw(payloads(cls)),
        truth=truth,
    )


ANY_EVENT = st.sampled_from(PAYLOADS).flatmap(events)


@settings(max_examples=600, deadline=None)
@given(ANY_EVENT)
def test_any_event_survives_the_journal_round_trip_equal_and_byte_stable(event: Event) -> None:
    line = dumps(event.to_json(), trusted=True)
    assert line == dumps(event.to_json())  # to_json is canonical already: trusting it is safe
    back = Event.from_json(json.loads(line))
    assert back == event
    assert hash(back) == hash(event)
    assert back.line() == line


@pytest.mark.parametrize("cls", PAYLOADS, ids=lambda c: c.__name__)
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_every_kind_round_trips(cls: type[Payload], data: st.DataObject) -> None:
    event = data.draw(events(cls))
    assert Event.from_json(json.loads(event.line())) == event


def test_every_kind_has_one_payload_class_and_a_description() -> None:
    assert [cls.KIND for cls in PAYLOADS] == list(Kind)
    assert set(BY_KIND) == set(KINDS)
    assert all(KINDS[k] for k in KINDS)


def _event(data: Payload, truth: Payload | None = None) -> Event:
    return Event(
        t=60, seq=3, at="1939-09-01T05:00", actors=("uk",), see=("uk",), text="x", data=data, truth=truth
    )


def _report(claim: float = 40) -> ReportData:
    return ReportData(
        service="SIS",
        channel="humint",
        subject="forces.west",
        claim=claim,
        origin="uk.humint.1",
        reliability="B",
        credibility=2,
        grade="B2",
        collected=12,
    )


def test_equality_sees_the_data_and_the_truth() -> None:
    """Before typed events two events differing only in data or truth compared equal."""
    same = _event(_report(), ReportTruth(value=30, error=10, deceptive=False))
    assert same == _event(_report(), ReportTruth(value=30, error=10, deceptive=False))
    assert same != _event(_report(claim=41), ReportTruth(value=30, error=10, deceptive=False))
    assert same != _event(_report(), ReportTruth(value=30, error=10, deceptive=True))
    assert same != _event(_report(), None)
    assert len({same, _event(_report(), ReportTruth(value=30, error=10, deceptive=False))}) == 1


def test_events_with_mappings_hash_and_compare_by_value() -> None:
    a = _event(CouncilData(step="decision", item="halt", adopted=True, positions={"uk": "yes"}))
    b = _event(CouncilData(step="decision", item="halt", adopted=True, positions={"uk": "no"}))
    assert a != b
    assert hash(a) == hash(b)  # the mapping is compared, not hashed
    assert a == _event(CouncilData(step="decision", item="halt", adopted=True, positions={"uk": "yes"}))


def test_numbers_are_canonical_from_construction() -> None:
    """A live game reads the same values as its replay: rounded as the journal writes them."""
    d = TransferData(source="poland", to="west", divisions=12.0)
    assert type(d.divisions) is int and d.divisions == 12
    assert _report(claim=1 / 3).claim == 0.333333
    with pytest.raises(ValueError, match="non-finite"):
        _report(claim=float("nan"))


def test_optional_fields_are_absent_from_the_json_and_keywords_are_renamed() -> None:
    out = payload.to_json(LeakData(actor="poland", source="uk", subject="forces.west", claim=3))
    assert out == {"actor": "poland", "from": "uk", "subject": "forces.west", "claim": 3}
    decision = DecisionData(seat="uk", decision="mobilise", choice="now", reason="", prompt=None, by="bot")
    assert payload.to_json(decision) == {
        "seat": "uk",
        "decision": "mobilise",
        "choice": "now",
        "reason": "",
        "prompt": None,
        "by": "bot",
    }
    assert payload.to_json(ReportTruth()) == {}
    end = _event(EndData(fronts={"west": "holding"}), EndTruth(fronts={"west": {"cohesion": 0.5}}))
    assert end.to_json()["truth"] == {"west": {"cohesion": 0.5}}


BAD_LINES = [
    ("an unknown kind", lambda o: o.update(kind="armistice")),
    ("a missing field", lambda o: o["data"].pop("subject")),
    ("an unknown field", lambda o: o["data"].update(mood="grim")),
    ("a field of the wrong type", lambda o: o["data"].update(claim="many")),
    ("a boolean for a number", lambda o: o["data"].update(credibility=True)),
    ("a null where none may be", lambda o: o["data"].update(service=None)),
    ("truth on a kind that has none", lambda o: o.update(kind="war", data={"actor": "a", "on": "b"})),
    ("data that is not an object", lambda o: o.update(data=[1])),
]


@pytest.mark.parametrize(("why", "spoil"), BAD_LINES, ids=[b[0] for b in BAD_LINES])
def test_a_malformed_line_is_refused_by_from_json(why: str, spoil: Any) -> None:
    obj = _event(_report(), ReportTruth(value=30, error=10)).to_json()
    spoil(obj)
    with pytest.raises((KeyError, TypeError, ValueError)):
        Event.from_json(obj)


@pytest.mark.parametrize(("why", "spoil"), BAD_LINES[:3], ids=[b[0] for b in BAD_LINES[:3]])
def test_a_journal_with_a_malformed_event_is_a_clear_error(
    tmp_path: Path, journal_path: Path, why: str, spoil: Any
) -> None:
    """Even with its integrity chain rebuilt (a careful forger), the line is refused by number."""
    lines = journal_path.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if '"kind":"report"' in line)
    chain = json.loads(lines[number - 1])["h"] if number > 1 else start(lines[0])
    obj = json.loads(lines[number])
    obj.pop("h")
    spoil(obj)
    obj["h"] = link(chain, dumps(obj))
    lines[number] = dumps(obj)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(JournalError, match=rf"bad.jsonl:{number + 1}: the journal is corrupted"):
        read(bad)


@pytest.fixture(scope="module")
def journal_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(__file__).parent / "golden" / "drole-de-guerre-1939.seed1.jsonl"


def test_the_table_of_kinds_in_the_design_doc_is_the_generated_one() -> None:
    current = doc.DOC.read_text(encoding="utf-8")
    assert doc.render(current) == current, "run: python -m wargame.engine.events.doc"
    assert all(f"| `{cls.KIND.value}` |" in current for cls in PAYLOADS)


def test_every_golden_line_is_rebuilt_byte_for_byte() -> None:
    for path in sorted((Path(__file__).parent / "golden").glob("*.jsonl")):
        for line in path.read_text().splitlines()[1:]:
            obj = json.loads(line)
            obj.pop("h")
            assert Event.from_json(obj).line() == dumps(obj), (path.name, line)
