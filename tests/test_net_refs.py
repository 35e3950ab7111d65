"""A resent act is applied once, even when the server dies between the journal line and the
kept answer (``J.refs``); refs are kept only for acts that changed the game, and never for
spectators."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.model.scenario_files import scenarios
from wargame.net.codes import SEAT_ROLE, SPECTATOR_ROLE, WHITE_ROLE, Codes, Grant
from wargame.net.protocol import Message
from wargame.net.refs import KEEP, Refs
from wargame.net.server import Server
from wargame.session.journal.replay import resume
from wargame.session.session import Session

WHITE = Grant(WHITE_ROLE)
CORVIA = Grant(SEAT_ROLE, "corvia")


class Killed(BaseException):
    """kill -9, as far as the server's next line is concerned."""


def served(journal: Path) -> tuple[Server, Codes]:
    codes = Codes.fresh(["corvia"])
    session = Session(scenarios.load("tutorial", []), seed=1, seats={"corvia": "human"}, journal=journal)
    return Server(session, codes, journal), codes


def killed_before_the_answer(
    server: Server, grant: Grant, msg: Message, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``msg`` is applied and journalled; the process dies before its answer is kept."""

    def die(*_: object) -> None:
        raise Killed

    with monkeypatch.context() as m:
        m.setattr(server.refs, "answered", die)
        with pytest.raises(Killed):
            server.answer(grant, msg)


def test_a_white_act_resent_after_a_crash_between_the_two_writes_is_applied_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = tmp_path / "g.jsonl"
    server, codes = served(journal)
    inject = Message(
        "white", {"act": "adhoc_inject", "choice": "all", "text": "shots at the border", "reason": ""}, "R1"
    )
    killed_before_the_answer(server, WHITE, inject, monkeypatch)
    again = Server(resume(journal), codes, journal)
    assert again.answer(WHITE, inject) == {"type": "accepted", "ref": "R1"}  # the client resends it
    assert (
        sum("shots at the border" in line for line in journal.read_text().splitlines() if '"inject"' in line)
        == 1
    )


def test_a_resent_prompt_answer_after_a_crash_is_reported_taken_not_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = tmp_path / "g.jsonl"
    server, codes = served(journal)
    session = server.session
    while not session.pending("corvia"):
        server.run_clock(session.horizon + 1)
    prompt = session.pending("corvia")[0]
    decide = Message("decide", {"prompt": prompt.id, "choice": prompt.options[0], "reason": "r"}, "R2")
    killed_before_the_answer(server, CORVIA, decide, monkeypatch)
    again = Server(resume(journal), codes, journal)
    assert again.answer(CORVIA, decide) == {"type": "accepted", "ref": "R2"}
    decided = [
        line
        for line in journal.read_text().splitlines()
        if f'"prompt":"{prompt.id}"' in line and '"kind":"decision"' in line
    ]
    assert len(decided) == 1


def test_an_act_cut_short_before_it_was_journalled_is_applied_on_the_resend(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = tmp_path / "g.jsonl"
    server, codes = served(journal)
    inject = Message(
        "white", {"act": "adhoc_inject", "choice": "all", "text": "never sent", "reason": ""}, "R3"
    )

    def die(*_: object) -> None:
        raise Killed

    monkeypatch.setattr(server, "act", die)  # killed after the pending record, before the act
    with pytest.raises(Killed):
        server.answer(WHITE, inject)
    again = Server(resume(journal), codes, journal)
    assert again.answer(WHITE, inject) == {"type": "accepted", "ref": "R3"}
    lines = journal.read_text().splitlines()
    assert sum('"text":"never sent"' in line and '"kind":"inject"' in line for line in lines) == 1


def test_refs_are_kept_only_for_acts_that_changed_the_game_and_never_for_spectators(tmp_path: Path) -> None:
    journal = tmp_path / "g.jsonl"
    server, _ = served(journal)
    for i in range(20):  # the spectators' code is on the projector: it must not grow anything
        server.answer(
            Grant(SPECTATOR_ROLE), Message("decide", {"prompt": "x", "choice": "y", "reason": ""}, f"s{i}")
        )
    rejected = Message("decide", {"prompt": "nope", "choice": "y", "reason": ""}, "bad")
    assert server.answer(CORVIA, rejected)["type"] == "rejected"
    accepted = Message("tempo", {"action": "pause", "prompt": "", "at": None}, "ok")
    assert server.answer(WHITE, accepted)["type"] == "accepted"
    kept = Refs(journal.with_name("g.jsonl.refs"), server.session.lines)
    assert kept.get(WHITE, "ok") == {"type": "accepted", "ref": "ok"}
    assert kept.get(CORVIA, "bad") is None
    assert all(kept.get(Grant(SPECTATOR_ROLE), f"s{i}") is None for i in range(20))
    assert "s1" not in journal.with_name("g.jsonl.refs").read_text()


def test_at_most_keep_refs_per_role_and_seat(tmp_path: Path) -> None:
    refs = Refs(tmp_path / "g.jsonl.refs")
    for i in range(KEEP + 10):
        refs.answered(CORVIA, f"r{i}", {"type": "accepted", "ref": f"r{i}"})
    assert refs.get(CORVIA, "r0") is None and refs.get(CORVIA, f"r{KEEP + 9}") is not None
    again = Refs(tmp_path / "g.jsonl.refs")
    assert again.get(CORVIA, "r9") is None and again.get(CORVIA, "r10") is not None


def test_a_resumed_server_keeps_only_the_answers_in_its_refs_file(tmp_path: Path) -> None:
    journal = tmp_path / "g.jsonl"
    server, codes = served(journal)
    for i in range(10):  # rejected: each leaves a pending record, never read again
        server.answer(CORVIA, Message("decide", {"prompt": "nope", "choice": "y", "reason": ""}, f"bad{i}"))
    server.answer(WHITE, Message("tempo", {"action": "pause", "prompt": "", "at": None}, "ok"))
    refs = journal.with_name("g.jsonl.refs")
    assert len(refs.read_text().splitlines()) == 12
    server.session.close()
    again = Server(resume(journal), codes, journal)
    assert refs.read_text().splitlines() == [
        '{"role":"white","seat":"","ref":"ok","reply":{"type":"accepted","ref":"ok"}}'
    ]
    assert (
        again.answer(WHITE, Message("tempo", {"action": "pause", "prompt": "", "at": None}, "ok"))["type"]
        == "accepted"
    )
