"""`wargame serve` and `wargame join`: bad input gets a clear message and exit 2, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wargame.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


def test_serve_needs_a_human_seat(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal = tmp_path / "g.jsonl"
    code, err = run(capsys, "serve", "tutorial", "--journal", str(journal))
    assert code == 2 and "no seat is played by a person" in err
    assert not journal.exists()


def test_serve_resume_takes_no_other_game_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "serve", "--resume", str(tmp_path / "g.jsonl"), "--seat", "corvia=human")
    assert code == 2 and "--resume restores the game as recorded" in err
    code, err = run(capsys, "serve", "--resume", str(tmp_path / "missing.jsonl"))
    assert code == 2 and "no such journal to resume" in err


def test_serve_never_overwrites_a_finished_game(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal = tmp_path / "done.jsonl"
    assert main(["run", "tutorial", "--seed", "1", "--journal", str(journal), "--summary"]) == 0
    before = journal.read_text(encoding="utf-8")
    capsys.readouterr()
    code, err = run(capsys, "serve", "tutorial", "--seat", "corvia=human", "--journal", str(journal))
    assert code == 2 and "finished game" in err
    code, err = run(
        capsys, "serve", "tutorial", "--seed", "2", "--seat", "corvia=human", "--journal", str(journal)
    )
    assert code == 2
    assert journal.read_text(encoding="utf-8") == before


def test_serve_reports_a_bad_seat_and_a_taken_port(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(
        capsys, "serve", "tutorial", "--seat", "narnia=human", "--journal", str(tmp_path / "a.jsonl")
    )
    assert code == 2 and "unknown seat 'narnia'" in err
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        journal = tmp_path / "b.jsonl"
        args = ("serve", "tutorial", "--seat", "corvia=human", "--journal", str(journal), "--port", str(port))
        code, err = run(capsys, *args)
    assert code == 2 and f"cannot listen on 127.0.0.1:{port}" in err
    codes = json.loads((tmp_path / "b.jsonl.codes").read_text(encoding="utf-8"))
    assert sorted(g["role"] for g in codes.values()) == ["seat", "spectator", "white"]


def test_join_refuses_a_bad_address_and_a_dead_server(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "join", "http://example.org", "--code", "ABCD-EFGH")
    assert code == 2 and "is not a server address" in err


def test_a_new_game_never_takes_the_codes_or_refs_left_by_a_deleted_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    journal = tmp_path / "g.jsonl"  # the last seminar's journal was deleted; its side files were not
    old = {"ABCD-EFGH": {"role": "white", "seat": ""}}
    (tmp_path / "g.jsonl.codes").write_text(json.dumps(old), encoding="utf-8")
    (tmp_path / "g.jsonl.refs").write_text(
        '{"role":"white","seat":"","ref":"r","reply":{}}\n', encoding="utf-8"
    )
    with socket.socket() as s:  # (a taken port stops the server once its codes are written)
        s.bind(("127.0.0.1", 0))
        s.listen()
        args = ("serve", "tutorial", "--seat", "corvia=human", "--journal", str(journal))
        code, _ = run(capsys, *args, "--port", str(s.getsockname()[1]))
    assert code == 2
    codes = json.loads((tmp_path / "g.jsonl.codes").read_text(encoding="utf-8"))
    assert "ABCD-EFGH" not in codes and sorted(g["role"] for g in codes.values()) == [
        "seat",
        "spectator",
        "white",
    ]
    assert not (tmp_path / "g.jsonl.refs").exists()


def test_the_resume_command_finds_the_screens_again() -> None:
    """The command printed to go on names the host, port and browser port the screens use, and
    the key: run as printed after a crash, every screen reconnects by itself."""
    from argparse import Namespace

    from wargame.net.serve import resume_command

    plain = Namespace(host="127.0.0.1", key=None)
    assert resume_command(plain, Path("g.jsonl"), 8765) == "wargame serve --resume g.jsonl"
    moved = Namespace(host="0.0.0.0", key="k.key")
    assert resume_command(moved, Path("g.jsonl"), 9001, "http://0.0.0.0:8123") == (
        "wargame serve --resume g.jsonl --host 0.0.0.0 --port 9001 --web --web-port 8123 --key k.key"
    )


def test_serve_goes_on_with_a_sealed_journal_only_with_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key, journal = tmp_path / "k.key", tmp_path / "g.jsonl"
    assert main(["key", "new", str(key)]) == 0
    assert main(["run", "tutorial", "--seed", "1", "--journal", str(journal), "--key", str(key)]) == 0
    lines = journal.read_text().splitlines()
    journal.write_text("\n".join(lines[:20]) + "\n")  # a crash: the game is unfinished
    capsys.readouterr()
    assert main(["serve", "--resume", str(journal), "--port", "0"]) == 2
    assert "give its key to go on" in capsys.readouterr().err
