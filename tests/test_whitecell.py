"""The white cell's acts: holding, publishing, skipping and writing injects; adjudication
overrides; all journalled and replayed like decisions. And resuming a game cut short."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.engine.decisions import DecisionError
from wargame.model.scenario_files import scenarios
from wargame.session.journal.read import JournalError, read
from wargame.session.journal.replay import resume
from wargame.session.journal.verify import verify
from wargame.session.session import Session

DAY = 1440


def fresh(**kw) -> Session:
    return Session(scenarios.load("drole-de-guerre-1939"), seed=1, seats=kw.get("seats", {"france": "human"}))


def injects_seen(session: Session, seat: str) -> list[str]:
    return [e.data["inject"] for e in session.view(seat).events if e.kind == "inject"]


def status(session: Session, inject: str) -> str:
    return next(i.status for i in session.white_cell().injects if i.id == inject)


def test_a_held_inject_is_not_published_until_the_white_cell_releases_it() -> None:
    s = fresh()
    s.direct("hold_inject", "pact", reason="the room is not ready")
    s.advance(4 * DAY)  # past 24 Aug 06:00
    assert "pact" not in injects_seen(s, "france")
    assert status(s, "pact") == "held"
    assert any(e.kind == "held" for e in s.white_cell().events)
    assert not any(e.kind == "held" for e in s.view("france").events)  # the white cell's business
    s.direct("publish_inject", "pact")
    assert "pact" in injects_seen(s, "france") and "pact" in injects_seen(s, "poland")
    assert status(s, "pact") == "published"


def test_a_skipped_inject_never_comes_and_an_early_one_comes_once() -> None:
    s = fresh()
    s.direct("skip_inject", "gleiwitz")
    s.direct("publish_inject", "pact")  # early
    s.advance(10 * DAY)
    assert "gleiwitz" not in injects_seen(s, "france")
    assert injects_seen(s, "france").count("pact") == 1


def test_an_adhoc_inject_reaches_only_its_audience() -> None:
    s = fresh()
    s.direct("adhoc_inject", "france", text="Le Temps reports Polish cavalry at Gleiwitz.")
    mine = [e.text for e in s.view("france").events if e.kind == "inject"]
    assert "Le Temps reports Polish cavalry at Gleiwitz." in mine
    for other in ("uk", "poland", "germany"):
        assert not any("Le Temps" in e.text for e in s.view(other).events)
    s.direct("adhoc_inject", "all", text="Storms over the Channel.")
    assert any("Storms" in e.text for e in s.view("germany").events)


def test_white_cell_acts_are_refused_with_reasons() -> None:
    s = fresh()
    with pytest.raises(DecisionError, match="needs a reason"):
        s.direct("override", "front.poland.defender", text="10")
    with pytest.raises(DecisionError, match="cannot override"):
        s.direct("override", "front.nowhere.defender", reason="x", text="10")
    with pytest.raises(DecisionError, match="number"):
        s.direct("override", "front.poland.defender", reason="x", text="lots")
    with pytest.raises(DecisionError, match="no inject"):
        s.direct("hold_inject", "nonesuch")
    with pytest.raises(DecisionError, match="unknown audience"):
        s.direct("adhoc_inject", "narnia", text="hello")
    with pytest.raises(DecisionError, match="only the white cell"):
        s.submit("france", None, "pact", kind="skip_inject")
    s.direct("skip_inject", "pact")
    with pytest.raises(DecisionError, match="already skipped"):
        s.direct("publish_inject", "pact")


def _published_at(session: Session, inject: str) -> list[int]:
    return [e.t for e in session.events if e.kind == "inject" and e.data["inject"] == inject]


def test_a_held_inject_restored_before_its_time_is_published_on_time() -> None:
    s = fresh()
    due = next(i.at for i in s.white_cell().injects if i.id == "pact")
    s.direct("hold_inject", "pact", reason="the room is not ready")
    s.advance(DAY)
    s.direct("restore_inject", "pact", reason="held by mistake")
    assert status(s, "pact") == "scheduled"
    s.advance(5 * DAY)
    assert _published_at(s, "pact") == [due]
    restored = [e for e in s.events if e.kind == "decision" and e.data["decision"] == "restore_inject"]
    assert restored[0].data["by"] == "white cell" and restored[0].see == ("white",)


def test_a_skipped_inject_restored_after_its_time_is_published_at_once() -> None:
    s = fresh()
    s.direct("skip_inject", "gleiwitz", reason="the room knows already")
    s.advance_until(12 * DAY)  # past 31 Aug 22:00
    assert "gleiwitz" not in injects_seen(s, "france")
    s.direct("restore_inject", "gleiwitz", reason="undo: the Poles' seat needs it")
    assert _published_at(s, "gleiwitz") == [s.now]
    assert "gleiwitz" in injects_seen(s, "france") and status(s, "gleiwitz") == "published"
    s.advance(DAY)
    assert len(_published_at(s, "gleiwitz")) == 1  # once


def test_restore_is_refused_for_a_scheduled_or_published_inject() -> None:
    s = fresh()
    with pytest.raises(DecisionError, match="'pact' is scheduled; only a held or skipped inject"):
        s.direct("restore_inject", "pact")
    s.direct("publish_inject", "pact")
    with pytest.raises(DecisionError, match="'pact' is published; only a held or skipped inject"):
        s.direct("restore_inject", "pact")
    with pytest.raises(DecisionError, match="no inject 'nonesuch'"):
        s.direct("restore_inject", "nonesuch")
    with pytest.raises(DecisionError, match="only the white cell"):
        s.submit("france", None, "pact", kind="restore_inject")


def test_an_override_changes_the_war_and_is_journalled_for_the_white_cell_only() -> None:
    base = fresh()
    base.advance_until(12 * DAY)  # the invasion is on 1 Sep (day 11)
    s = fresh()
    s.advance_until(12 * DAY)
    s.direct("override", "front.poland.defender", reason="the room rules a stand on the Vistula", text="60")
    base.run_to_end()
    s.run_to_end()
    fell = base.summary().protege_survival_days
    assert fell is not None  # without the override Poland falls
    held = s.summary().protege_survival_days
    assert held is None or held > fell  # with 60 divisions it holds out longer, or to the end
    adj = [e for e in s.white_cell().events if e.kind == "adjudication"]
    assert adj and "Vistula" in adj[0].text
    assert not any(e.kind == "adjudication" for e in s.view("poland").events)


def test_a_game_with_white_cell_acts_replays_byte_for_byte(tmp_path: Path) -> None:
    s = fresh()
    s.direct("hold_inject", "pact")
    s.advance(5 * DAY)
    s.direct("publish_inject", "pact", reason="now")
    s.direct("skip_inject", "couverture", reason="not for this room")
    s.direct("restore_inject", "couverture", reason="undo the skip")
    s.direct("hold_inject", "gleiwitz")
    s.advance_until(12 * DAY)
    s.direct("restore_inject", "gleiwitz", reason="undo the hold, late")
    s.direct("adhoc_inject", "uk,france", text="Rumours of a pact's secret protocol.")
    s.advance_until(13 * DAY)
    s.direct("override", "front.poland.cohesion", reason="a rout", text="0.3")
    s.run_to_end()
    path = tmp_path / "game.jsonl"
    s.write(path)
    verdict = verify(read(path))
    assert verdict.ok, verdict


def test_resume_after_a_crash_restores_the_exact_state_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "crash.jsonl"
    s = Session(scenarios.load("drole-de-guerre-1939"), seed=3, seats={"france": "human"}, journal=path)
    s.advance_to_decision()
    prompt = s.pending("france")[0]
    s.submit("france", prompt.id, prompt.options[0], reason="first answer")
    s.direct("adhoc_inject", "france", text="A note from the white cell.")
    s.advance(2 * DAY)
    before = s.lines[:]
    view = s.view("france")
    # the process dies: nothing is closed; and the last line was half written
    with path.open("a", encoding="utf-8") as f:
        f.write('{"t": 99')
    restored = resume(path)
    assert restored.lines == before
    assert restored.view("france").events == view.events
    assert restored.now == s.now or restored.events[-1].t == s.events[-1].t
    restored.run_to_end()
    restored.close()
    s.run_to_end()
    assert restored.lines == s.lines  # the same game as if nothing had happened
    assert path.read_text(encoding="utf-8") == s.text()


def test_resume_refuses_a_finished_game(tmp_path: Path) -> None:
    path = tmp_path / "done.jsonl"
    s = Session(scenarios.load("drole-de-guerre-1939"), seed=1, journal=path)
    s.run_to_end()
    s.close()
    with pytest.raises(JournalError, match="has ended"):
        resume(path)


def test_resume_of_a_closed_session_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "closed.jsonl"
    s = Session(scenarios.load("drole-de-guerre-1939"), seed=1, seats={"uk": "human"}, journal=path)
    s.advance(3 * DAY + 17)
    s.close()
    restored = resume(path)
    assert restored.now == 3 * DAY + 17 and not restored.closed
    restored.run_to_end()
    restored.close()
    whole = Session(scenarios.load("drole-de-guerre-1939"), seed=1, seats={"uk": "human"})
    whole.run_to_end()
    assert path.read_text(encoding="utf-8") == whole.text()
