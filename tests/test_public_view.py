"""The public picture (the projector's): only what the whole room may see, over whole games."""

from __future__ import annotations

import contextlib
import json
from functools import cache

import attrs
import pytest
from conftest import asked
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.analysis.aar.hotwash import hot_wash, hot_wash_text
from wargame.analysis.aar.public import PARAGRAPHS, UNWRAPPED, hot_wash_paragraphs, public_picture
from wargame.engine.journal import EVERYONE, Event
from wargame.engine.kinds import Kind
from wargame.model.clock import DAY
from wargame.model.scenario_files import scenarios
from wargame.session.public import (
    SECRET_PROMPTS,
    PublicView,
    SeatStatus,
    public_view,
    public_view_from_json,
    public_view_json,
)
from wargame.session.session import Session

CANARY_NOTE = "CANARY-NOTE-5d1"
CANARY_AGENT = "zqagentzq"  # a penetration's id: ground truth, in its records' truth only
# each scenario, a penetration to rename to the canary, and the seats people play
GAMES = {
    "drole-de-guerre-1939": ("dedal", ("france", "uk")),
    "velmora-strait-2033": ("harbourmaster", ("velmora", "aldoria")),
    "oren-valley-2032": ("quartermaster", ("tirsa", "belcastre")),
}
PRIVATE_KINDS = {Kind.PROMPT, Kind.DECISION, Kind.REPORT, Kind.PENETRATION, Kind.SUPPRESSED, Kind.HELD}


def _session(name: str, seed: int) -> Session:
    agent, humans = GAMES[name]
    overrides = [f"scenario.white_cell_notes={CANARY_NOTE}", f"penetrations.{agent}.id={CANARY_AGENT}"]
    return Session(scenarios.load(name, overrides), seed=seed, seats={h: "human" for h in humans})


def _check(session: Session, view: PublicView) -> None:
    """``view`` holds exactly the public picture of ``session`` now, and nothing private: checked
    against the white cell's full journal (every event, with its truth) and every open prompt."""
    journal = session.events  # the white cell's events (WhiteCellView.events): all of them
    prompts = session.world.open_prompts()  # every open prompt, bots' too
    public = [e for e in journal if EVERYONE in e.see and e.kind != Kind.START]
    stripped = [attrs.evolve(e, truth=None) for e in public]
    # the events: the latest public ones, exactly, without truth
    assert list(view.events) == stripped[-len(view.events) :] if view.events else not public
    assert view.public_events == len(public)
    assert all(e.truth is None and e.kind not in PRIVATE_KINDS for e in view.events)
    assert list(view.statements) == [e for e in stripped if e.kind == Kind.STATEMENT][-40:]
    # the seats: deciding exactly when an open prompt the room may know of waits, never a deadline
    for s in view.seats:
        mine = [p for p in prompts if p.seat == s.seat and p.deadline > session.now]
        if session.seats[s.seat] == "human" and not session.finished:
            assert s.deciding == any(p.kind not in SECRET_PROMPTS for p in mine)
        else:
            assert not s.deciding  # a bot answers at once
    # wars: each pair began with a public event or the scenario
    at_start = {tuple(sorted((a.id, b))) for a in session.scenario.actors for b in a.at_war_with}
    for a, b in view.wars:
        opened = any(
            e.kind in (Kind.INVASION, Kind.WAR, Kind.INTERVENTION) and {a, b} <= _parties(e) for e in public
        )
        assert opened or (a, b) in at_start, (a, b)
    # what crosses the wire: nothing private at all (the hot wash, once over, is the debrief)
    text = json.dumps({**public_view_json(view), "hot_wash": []}, ensure_ascii=False)
    assert '"truth"' not in text
    assert '"seed"' not in text  # the root seed replays the aggressor's plan
    assert CANARY_NOTE not in text and CANARY_AGENT not in text
    for p in prompts:
        assert p.id not in text and p.question not in text
    lines = session.lines[1:]  # the journal's lines, one an event (after the header)
    private = {line for line, e in zip(lines, journal, strict=True) if EVERYONE not in e.see}
    assert not any(json.dumps(e, sort_keys=True, separators=(",", ":")) in private for e in _events(text))
    assert public_view_from_json(json.loads(json.dumps(public_view_json(view)))) == view


def _parties(e: Event) -> set[str]:
    return {*e.actors, *(str(v) for v in attrs.asdict(e.data).values() if isinstance(v, str))}


def _events(text: str) -> list[dict]:
    obj = json.loads(text)
    return obj["events"] + obj["statements"]


def _whole_game(name: str, seed: int) -> int:
    """Play ``name`` to its end a day at a time (people's prompts fall to their defaults),
    checking the public view each day and at every open prompt; how many views were checked."""
    session = _session(name, seed)
    checked = 0
    while not session.finished:
        session.advance(DAY // 2)
        _check(session, public_picture(session, running=True, speed="1 day/s"))
        checked += 1
    view = public_picture(session)
    _check(session, view)
    assert view.finished and view.hot_wash[0].startswith("HOT WASH: ")
    return checked


def test_the_public_view_of_a_whole_1939_game_holds_nothing_private() -> None:
    assert _whole_game("drole-de-guerre-1939", 1) > 60


@pytest.mark.slow
@pytest.mark.parametrize("seed", [2, 7])
@pytest.mark.parametrize("name", list(GAMES))
def test_the_public_view_of_whole_games_holds_nothing_private(name: str, seed: int) -> None:
    assert _whole_game(name, seed) > 20


@pytest.mark.parametrize("name", ["velmora-strait-2033", "oren-valley-2032"])
def test_the_public_view_of_whole_games_of_other_scenarios(name: str) -> None:
    assert _whole_game(name, 3) > 20


def test_a_declaration_of_war_is_public_at_once_and_an_intelligence_report_never() -> None:
    session = Session(scenarios.load("drole-de-guerre-1939"), seed=1, seats={"france": "human"})
    prompt = asked(session, "france", "declare_war")
    before = public_view(session)
    assert ("france", "germany") not in before.wars
    assert [s.name for s in before.deciding] == ["France"]
    session.submit("france", prompt.id, "declare", reason="the Poles need us")
    session.advance(1)  # the answer takes effect when France's process resumes, at that instant
    after = public_view(session)
    war = next(e for e in reversed(after.events) if e.kind == Kind.WAR)
    assert war.t == before.now and after.now == before.now + 1
    assert war.text == "France declares war on Germany."
    assert ("france", "germany") in after.wars
    assert "the Poles need us" not in json.dumps(public_view_json(after))  # the reason stays France's
    session.advance(5 * DAY)
    reports = [e for e in session.view("france").events if e.kind == Kind.REPORT]
    assert reports, "France's service reported nothing to test with"
    texts = {e.text for e in public_view(session, recent=10_000).events}
    assert not any(r.text in texts for r in reports)


def test_who_is_deciding_shows_no_deadline_and_nothing_of_the_prompt() -> None:
    humans = {"france": "human", "uk": "human"}
    session = Session(scenarios.load("drole-de-guerre-1939"), seed=1, seats=humans)
    session.advance(10 * DAY)
    view = public_view(session, running=False, speed="12 hours/s")
    pending = session.pending()
    assert pending and {s.seat for s in view.deciding} == {p.seat for p in pending}
    assert not any(s.deciding for s in view.seats if not s.human)
    # a game-time deadline could tell the room when a hidden prompt falls due: none is shown
    assert set(attrs.fields_dict(SeatStatus)) == {"seat", "name", "human", "deciding", "box_left"}


def test_a_human_aggressor_never_shows_as_deciding_its_attack_nor_when_it_falls_due() -> None:
    loaded = scenarios.load("tutorial")
    aggressor = loaded.scenario.aggressor.actor
    session = Session(loaded, seed=1, seats={aggressor: "human"})
    while not any(p.kind == "attack" for p in session.pending()) and not session.finished:
        session.advance_until_news(session.now + 360)
    attack = next(p for p in session.pending() if p.kind == "attack")  # its order window is open
    view = public_view(session, boxes={aggressor: 300})
    (seat,) = [s for s in view.seats if s.seat == aggressor]
    assert not seat.deciding and seat.box_left is None
    text = json.dumps(public_view_json(view))
    assert attack.id not in text and str(attack.deadline) not in text


def test_the_allowlist_of_a_public_view() -> None:
    # a new field is a new thing shown to the whole room: it must be added here, deliberately
    assert set(attrs.fields_dict(PublicView)) == {
        "title", "now", "date", "finished", "names", "seats", "wars", "events", "statements",
        "public_events", "running", "speed", "hot_wash",
    }  # fmt: skip


def test_the_hot_wash_is_shown_only_at_the_end() -> None:
    session = _session("drole-de-guerre-1939", 1)
    session.advance(20 * DAY)
    assert public_view(session, hot_wash=["a secret before its time"]).hot_wash == ()
    assert public_picture(session).hot_wash == ()
    session.run_to_end()
    assert hot_wash_paragraphs(session) is hot_wash_paragraphs(session)  # made once
    shown = public_picture(session).hot_wash
    assert shown[0].startswith("HOT WASH: Drôle de guerre, 1939, finished")
    assert shown == tuple(hot_wash_text(hot_wash(session), UNWRAPPED, PARAGRAPHS).splitlines())


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda o: o.update(version=99), ValueError),
        (lambda o: o.pop("seats"), KeyError),
        (lambda o: o.update(wars=[["a"]]), TypeError),
        (lambda o: o.update(events=[{"kind": "nonsense"}]), (KeyError, ValueError)),
        (lambda o: o.update(names=[]), TypeError),
        (lambda o: o.update(now=float("inf")), ValueError),
        (lambda o: o["seats"].append(["not", "a", "seat"]), TypeError),
    ],
)
def test_a_malformed_public_view_is_refused(change, error) -> None:
    session = _session("drole-de-guerre-1939", 1)
    session.advance(12 * DAY)
    obj = public_view_json(public_view(session))
    change(obj)
    with pytest.raises(error):
        public_view_from_json(obj)


def test_a_public_view_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(TypeError):
        public_view_from_json([])  # type: ignore[arg-type]


def test_truth_sent_inside_an_event_is_dropped_on_arrival() -> None:
    session = _session("drole-de-guerre-1939", 1)
    session.advance(12 * DAY)
    obj = public_view_json(public_view(session))
    invasion = next(e for e in obj["events"] if e["kind"] == "invasion")
    invasion["truth"] = {"postponements": 3}
    assert all(e.truth is None for e in public_view_from_json(obj).events)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_any_damage_to_a_public_view_is_refused_cleanly(data) -> None:
    """A damaged view (a client's input from the wire) rebuilds or raises KeyError, TypeError or
    ValueError: never another exception."""
    obj = json.loads(json.dumps(public_view_json(_view_at_war())))
    for _ in range(data.draw(st.integers(1, 3))):
        target = obj
        while isinstance(target, (dict, list)) and target and data.draw(st.booleans()):
            key = data.draw(st.sampled_from(list(target) if isinstance(target, dict) else range(len(target))))
            if not isinstance(target[key], (dict, list)) or not target[key]:
                break
            target = target[key]
        if isinstance(target, dict) and target:
            target[data.draw(st.sampled_from(list(target)))] = data.draw(JSON_VALUES)
        elif isinstance(target, list) and target:
            target[data.draw(st.integers(0, len(target) - 1))] = data.draw(JSON_VALUES)
    with contextlib.suppress(KeyError, TypeError, ValueError):
        public_view_from_json(obj)


@cache
def _view_at_war() -> PublicView:
    session = _session("drole-de-guerre-1939", 1)
    session.advance(14 * DAY)
    return public_view(session)
