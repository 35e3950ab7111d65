"""Tamper-evident journals (issue #18, item 3): the keyed seal, and the version policy.

The integrity chain has no key, so a forger who rewrites a decision and recomputes it passes the
chain and ``replay --verify``; the seal (HMAC-SHA256 under the facilitator's key, in
``JOURNAL.seal``) catches them. The engine's version is recorded beside the chain, not in it: a
journal verifies across versions when the game is unchanged, and fails with the line where this
engine plays it differently. Format-1 journals (engine inside the chain) are still read,
resumed and verified, and are never sealed.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import attrs
import pytest
from conftest import rechain

from wargame.cli import main
from wargame.engine.events import EndData
from wargame.engine.journal import Journal, dumps
from wargame.model.scenario_files import scenarios
from wargame.session.journal.chain import link
from wargame.session.journal.header import Header
from wargame.session.journal.read import JournalError, read
from wargame.session.journal.replay import resume
from wargame.session.journal.seal import KEY_ENV, SealError, check, load_key, new_key, seal_path
from wargame.session.session import Session

SCENARIO, SEAT = "tutorial", "belmark"  # Belmark is asked three times in seed 1: a short human game
FORMAT1 = Path(__file__).parent / "data" / "tutorial.format1.jsonl"  # written by wargame 0.1.0


@pytest.fixture(autouse=True)
def _no_key_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)


@pytest.fixture
def key(tmp_path: Path) -> Path:
    path = tmp_path / "facilitator.key"
    new_key(path)
    return path


def play(path: Path, key: Path | None, stop_after: int | None = None, fmt: int | None = None) -> Session:
    """A game of the tutorial with Belmark human (its first option, a reason each time), written to
    ``path`` and sealed with ``key``; stopped (not closed: a crash) after ``stop_after`` decisions."""
    loaded = scenarios.load(SCENARIO)
    recorded = None if fmt is None else attrs.evolve(Header.of(loaded, 1, {}), format=fmt)
    session = Session(
        loaded,
        seed=1,
        seats=[f"{SEAT}=human"],
        journal=path,
        key=load_key(key) if key else None,
        recorded=recorded,
    )
    made = 0
    while not session.finished:
        prompts = session.advance_to_decision()
        if not prompts:
            break
        if stop_after is not None and made >= stop_after:
            return session
        for p in prompts:
            session.submit(SEAT, p.id, p.options[0], reason=f"honest reason {made}")
            made += 1
    session.run_to_end()
    session.close()
    return session


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def forge_reason(path: Path) -> None:
    """Rewrite the reason of the human's first decision, and recompute the chain."""
    lines = path.read_text().splitlines()
    for i, line in enumerate(lines):
        obj = json.loads(line)
        if obj.get("kind") == "decision" and obj["data"].get("reason") == "honest reason 0":
            obj["data"]["reason"] = "a forged reason"
            obj["text"] = obj["text"].replace("honest reason 0", "a forged reason")
            lines[i] = dumps(obj)
            break
    else:
        raise AssertionError("no human decision to forge")
    path.write_text("\n".join(rechain(lines)) + "\n")


# -- the forgery the chain misses and the seal catches ------------------------------------------


def test_a_forged_reason_with_a_recomputed_chain_passes_without_the_key_and_fails_with_it(
    tmp_path: Path, key: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "game.jsonl"
    play(path, key)
    forge_reason(path)
    code, out, _ = cli(capsys, "replay", str(path), "--verify")  # the chain and the replay pass it
    assert code == 0
    assert "integrity chain intact; seal not checked (no key)" in out
    assert "an edit by someone who recomputes the chain would not show" in out
    code, out, err = cli(capsys, "replay", str(path), "--verify", "--key", str(key))
    assert code == 1
    assert "the journal was changed after it was sealed" in err
    assert "verified" not in out
    for command in (["show", str(path), "--white-cell"], ["report", str(path)]):
        code, out, err = cli(capsys, *command, "--key", str(key))
        assert code == 1, command
        assert "the journal was changed after it was sealed" in err
        assert out == ""  # nothing of the forged journal is shown


def test_a_game_played_again_with_another_choice_fails_with_the_key(
    tmp_path: Path, key: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The complete forgery: the forger plays the game again with another choice and writes a
    journal the replay reproduces line for line; only the seal (which they cannot make) tells."""
    path = tmp_path / "game.jsonl"
    play(path, key)
    honest_seal = seal_path(path).read_text()
    loaded = scenarios.load(SCENARIO)
    forged = Session(loaded, seed=1, seats=[f"{SEAT}=human"], journal=path)  # no key
    prompts = forged.advance_to_decision()
    forged.submit(SEAT, prompts[0].id, prompts[0].options[-1], reason="it was always the plan")
    forged.run_to_end()
    forged.close()
    assert seal_path(path).read_text() == honest_seal  # a writer without the key never seals
    assert cli(capsys, "replay", str(path), "--verify")[0] == 0
    code, _, err = cli(capsys, "replay", str(path), "--verify", "--key", str(key))
    assert code == 1
    assert "changed after it was sealed" in err


def test_an_honest_sealed_journal_verifies(
    tmp_path: Path, key: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "game.jsonl"
    session = play(path, key)
    key_id = load_key(key).id
    seal = json.loads(seal_path(path).read_text())
    assert seal["lines"] == len(session.lines) == len(path.read_text().splitlines())
    assert seal["key"] == key_id and seal["format"] == 2
    assert seal["head"] == json.loads(session.lines[-1])["h"]
    code, out, _ = cli(capsys, "replay", str(path), "--verify", "--key", str(key))
    assert code == 0
    assert f"sealed with key {key_id}: verified ({len(session.lines)} lines)" in out
    assert "the replay reproduces all" in out


def test_the_key_from_the_environment(
    tmp_path: Path, key: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_ENV, str(key))
    path = tmp_path / "run.jsonl"
    assert cli(capsys, "run", SCENARIO, "--seed", "2", "--journal", str(path), "--summary")[0] == 0
    assert seal_path(path).exists()
    code, out, _ = cli(capsys, "show", str(path), "--seat", SEAT)
    assert code == 0
    assert (
        out.splitlines()[0]
        == f"{path}: sealed with key {load_key(key).id}: verified ({len(read(path).lines)} lines)"
    )


# -- what the seal refuses -----------------------------------------------------------------------


def test_another_key_is_named(tmp_path: Path, key: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "game.jsonl"
    play(path, key)
    other = tmp_path / "other.key"
    new_key(other)
    code, _, err = cli(capsys, "replay", str(path), "--key", str(other))
    assert code == 1
    assert f"sealed with key {load_key(key).id}, not with this key ({load_key(other).id})" in err


def test_no_seal_with_a_key_is_refused(tmp_path: Path, key: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "game.jsonl"
    play(path, None)
    assert not seal_path(path).exists()
    code, out, _ = cli(capsys, "replay", str(path))
    assert code == 0 and "integrity chain intact; not sealed" in out
    code, _, err = cli(capsys, "show", str(path), "--white-cell", "--key", str(key))
    assert code == 1
    assert "no seal: this journal was not sealed" in err


@pytest.mark.parametrize(
    "damage",
    [
        lambda s: s.update(hmac="0" * 64),
        lambda s: s.update(lines=s["lines"] - 1),
        lambda s: s.update(head="0" * 16),
        lambda s: s.update(lines=s["lines"] + 1),
        lambda s: s.update(lines=10**100),
        lambda s: s.update(format=1),
        lambda s: s.update(hmac=s["hmac"][:-1]),
    ],
)
def test_an_edited_seal_is_refused(
    tmp_path: Path, key: Path, capsys: pytest.CaptureFixture[str], damage
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "game.jsonl"
    play(path, key)
    seal = json.loads(seal_path(path).read_text())
    damage(seal)
    seal_path(path).write_text(json.dumps(seal))
    code, _, err = cli(capsys, "replay", str(path), "--key", str(key))
    assert code == 1
    assert "changed after it was sealed" in err


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[1, 2]",
        '{"seal": "wargame journal", "lines": true}',
        "{" * 100_000,
        '{"seal": "wargame journal", "format": 2, "lines": 1, "head": "x", "key": "k", "hmac": "\u00e9"}',
        "x" * 20_000,
    ],
)
def test_a_damaged_seal_file_is_refused(
    tmp_path: Path, key: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    path = tmp_path / "game.jsonl"
    play(path, key)
    seal_path(path).write_text(text)
    code, _, err = cli(capsys, "replay", str(path), "--key", str(key))
    assert code == 1
    assert "the seal is damaged" in err
    assert "Traceback" not in err


def test_removed_lines_are_refused(tmp_path: Path, key: Path) -> None:
    path = tmp_path / "game.jsonl"
    play(path, key, stop_after=2)  # a crash: the seal covers the lines up to the second decision
    journal = read(path, unfinished=True)
    sealed = json.loads(seal_path(path).read_text())["lines"]
    path.write_text("\n".join(journal.lines[: sealed - 1]) + "\n")  # a sealed line cut away
    with pytest.raises(SealError, match=f"the seal covers {sealed} lines and {sealed - 1} are left"):
        check(read(path, unfinished=True), load_key(key))


# -- a crash, and resuming -------------------------------------------------------------------------


def test_a_crash_cut_sealed_journal_resumes_and_is_sealed_at_close(
    tmp_path: Path, key: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "game.jsonl"
    session = play(path, key, stop_after=2)  # Belmark's third prompt waits ...
    session.advance_until(session.now + 12 * 60)  # ... the clock runs on, and the process dies
    lines = path.read_text().splitlines()
    sealed = json.loads(seal_path(path).read_text())["lines"]
    assert 2 < sealed < len(lines) - 2  # sealed at the last decision; the events since are not
    cut = "\n".join(lines[:-1]) + "\n" + lines[-1][:40]  # and the last line was half written
    path.write_text(cut)
    heard: list[str] = []
    session = resume(path, load_key(key), say=heard.append)
    assert heard == [
        f"sealed with key {load_key(key).id}: verified ({sealed} lines); "
        f"lines {sealed + 1}..{len(lines) - 1} are after the last seal (intact, not proven by the key)",
        f"{path}: dropped a torn last line (40 bytes): a crash mid-write; the replay writes it again",
    ]
    session.run_to_end()
    session.close()
    code, out, _ = cli(capsys, "replay", str(path), "--verify", "--key", str(key))
    assert code == 0, out
    assert f"verified ({len(session.lines)} lines)" in out


def test_resuming_an_unsealed_journal_with_a_key_seals_it_from_then_on(tmp_path: Path, key: Path) -> None:
    path = tmp_path / "game.jsonl"
    play(path, None, stop_after=1)
    heard: list[str] = []
    session = resume(path, load_key(key), say=heard.append)
    assert heard[0].startswith("not sealed before:")
    session.close()
    assert check(read(path), load_key(key)).sealed == len(read(path).lines)


def test_resuming_a_journal_edited_after_sealing_is_refused(tmp_path: Path, key: Path) -> None:
    path = tmp_path / "game.jsonl"
    play(path, key, stop_after=2)
    forge_reason(path)
    before = path.read_bytes()
    with pytest.raises(SealError, match="changed after it was sealed"):
        resume(path, load_key(key))
    assert path.read_bytes() == before  # left as it was


# -- the version policy ------------------------------------------------------------------------


def test_a_sealed_journal_verifies_after_a_patch_release(
    tmp_path: Path, key: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import wargame
    from wargame.session.journal import header, verify

    path = tmp_path / "game.jsonl"
    play(path, key)
    recorded = wargame.__version__
    patch = recorded.rsplit(".", 1)[0] + "." + str(int(recorded.rsplit(".", 1)[1]) + 1)
    for module in (wargame, header, verify):
        monkeypatch.setattr(module, "__version__", patch)
    assert Session(scenarios.load(SCENARIO), seed=1).lines[0] != read(path).lines[0]  # a new engine
    code, out, _ = cli(capsys, "replay", str(path), "--verify", "--key", str(key))
    assert code == 0, out
    assert f"recorded with wargame {recorded}, verified with {patch}: the game is unchanged" in out
    assert cli(capsys, "report", str(path), "--key", str(key))[0] == 0


def test_a_game_this_engine_plays_differently_fails_with_the_line(
    tmp_path: Path, key: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from wargame.session.journal import header, verify

    path = tmp_path / "game.jsonl"
    session = play(path, key)
    for module in (header, verify):
        monkeypatch.setattr(module, "__version__", "9.9.9")
    record = Journal.record

    def changed(self, data, text, **kw):  # type: ignore[no-untyped-def]
        return record(self, data, text + " (differently)" if isinstance(data, EndData) else text, **kw)

    monkeypatch.setattr(Journal, "record", changed)
    end = len(session.lines)
    code, out, _ = cli(capsys, "replay", str(path), "--verify", "--key", str(key))
    assert code == 1
    assert f"MISMATCH at line {end}: recorded with wargame" in out
    assert f"replayed with 9.9.9: this engine plays the game differently from line {end}" in out


# -- format 1 -----------------------------------------------------------------------------------


def test_a_format1_file_still_reads_with_its_own_chain(capsys: pytest.CaptureFixture[str], key: Path) -> None:
    journal = read(FORMAT1)
    assert journal.header.format == 1
    assert journal.chain[0] == link("", journal.lines[0])  # the engine's version inside the chain
    for argv in (
        ["show", str(FORMAT1), "--seat", "belmark"],
        ["show", str(FORMAT1), "--white-cell", "--json"],
    ):
        code, out, err = cli(capsys, *argv, "--key", str(key))
        assert code == 0
        assert "journal format 1 (written before seals) cannot be sealed" in out + err
    # a replay writes it as format 1 wrote it (the seed public in its start event), line for line
    code, out, _ = cli(capsys, "replay", str(FORMAT1), "--verify")
    assert code == 0 and "reproduces all" in out
    assert '"seed":1' in journal.lines[1]


def test_a_format1_game_verifies_resumes_and_reports_unsealed(
    tmp_path: Path, key: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.jsonl"
    play(path, key, stop_after=1, fmt=1)
    assert not seal_path(path).exists()  # format 1 is never sealed, key or not
    session = resume(path, load_key(key))
    assert json.loads(session.lines[0])["format"] == 1
    session.run_to_end()
    session.close()
    assert not seal_path(path).exists()
    code, out, _ = cli(capsys, "replay", str(path), "--verify", "--key", str(key))
    assert code == 0
    assert "format 1" in out and "reproduces all" in out
    code, out, err = cli(capsys, "report", str(path), "--key", str(key))
    assert code == 0
    assert "Journal: integrity chain intact; journal format 1" in out
    assert "format 1" in err


# -- report and show say what they checked ----------------------------------------------------------


def test_report_states_the_verdict_in_markdown_html_and_on_stderr(
    tmp_path: Path, key: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "game.jsonl"
    play(path, key)
    verdict = f"sealed with key {load_key(key).id}: verified ({len(read(path).lines)} lines)"
    code, out, err = cli(capsys, "report", str(path), "--key", str(key))
    assert code == 0
    assert f"Journal: {verdict}." in out
    assert f"note: {verdict}" in err
    from wargame.analysis.aar.markdown import to_markdown
    from wargame.analysis.aar.report_html import to_html
    from wargame.analysis.aar.review import after_action_from_journal

    page = to_html(to_markdown(after_action_from_journal(path)), {}, title="review")  # as --format html
    assert "seal not checked (no key): an edit by someone who recomputes the chain would not show" in page


# -- keys --------------------------------------------------------------------------------------


def test_key_new_writes_a_private_key_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "k"
    code, out, _ = cli(capsys, "key", "new", str(path))
    assert code == 0
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert len(path.read_text().strip()) == 64
    assert f"Wrote key {load_key(path).id}" in out
    before = path.read_bytes()
    code, _, err = cli(capsys, "key", "new", str(path))
    assert code == 2
    assert "never overwritten" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read the key file"),
        ("", "is empty"),
        ("  \n", "is empty"),
        ("short", "is too short"),
        ("dir", "cannot read the key file"),
    ],
)
@pytest.mark.parametrize("command", ["replay", "run", "env"])
def test_key_file_errors_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    content: str | None,
    message: str,
    command: str,
) -> None:
    bad = tmp_path / "bad.key"
    if content == "dir":
        bad.mkdir()
    elif content is not None:
        bad.write_text(content)
    journal = tmp_path / "g.jsonl"
    if command == "replay":
        argv = ["replay", str(FORMAT1), "--key", str(bad)]
    else:
        argv = ["run", SCENARIO, "--seed", "1", "--journal", str(journal), "--summary"]
        if command == "env":
            monkeypatch.setenv(KEY_ENV, str(bad))
        else:
            argv += ["--key", str(bad)]
    code, _, err = cli(capsys, *argv)
    assert code == 2
    assert message in err and str(bad) in err
    assert "Traceback" not in err
    assert not journal.exists()  # refused before anything was written


def test_batch_seals_each_runs_journal(tmp_path: Path, key: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "journals"
    argv = ["batch", SCENARIO, "-n", "2", "--journals", str(folder), "--key", str(key)]
    assert cli(capsys, *argv)[0] == 0
    journals = sorted(folder.glob("*.jsonl"))
    assert len(journals) == 2
    for path in journals:
        assert check(read(path), load_key(key)).sealed == len(read(path).lines)


# -- play: the seminar app seals, resumes with the key and names it in the resume command -------


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """``wargame play`` up to the moment the app would take the terminal: the apps it built."""
    from ui.app import WargameApp

    apps: list[object] = []

    def run(self: WargameApp) -> str:
        apps.append(self)
        return ""

    monkeypatch.setattr(WargameApp, "run", run)
    return apps


def test_play_seals_and_resumes_with_the_key(
    tmp_path: Path, key: Path, started: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "seminar.jsonl"
    argv = ["play", SCENARIO, "--seat", f"{SEAT}=human", "--journal", str(path), "--key", str(key)]
    assert main(argv) == 0
    assert f"--key {key}" in started[0].resume_command  # type: ignore[attr-defined]
    assert check(read(path), load_key(key)).sealed == len(read(path).lines)  # sealed at close
    capsys.readouterr()
    assert main(["play", "--resume", str(path), "--key", str(key)]) == 0
    assert f"note: sealed with key {load_key(key).id}: verified" in capsys.readouterr().err
    path.write_text(path.read_text().replace("Belmark", "Belmarc", 1))  # the chain breaks: exit 2
    assert main(["play", "--resume", str(path), "--key", str(key)]) == 2
    other = tmp_path / "other.key"
    new_key(other)
    fresh = tmp_path / "fresh.jsonl"
    play(fresh, key, stop_after=1)
    code = main(["play", "--resume", str(fresh), "--key", str(other)])
    assert code == 1
    assert "not with this key" in capsys.readouterr().err
    assert main(["play", "--resume", str(fresh), "--key", str(tmp_path / "missing.key")]) == 2


def test_report_refuses_a_journal_its_replay_does_not_reproduce(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An edit to what the engine wrote (not a person's decision, which a replay takes as
    recorded), its chain recomputed: no key is needed to catch it, since the review replays the
    game and must get the file back line for line before it describes it."""
    path = tmp_path / "game.jsonl"
    play(path, None)
    assert cli(capsys, "report", str(path))[0] == 0
    lines = path.read_text().splitlines()
    for i, line in enumerate(lines):
        obj = json.loads(line)
        if obj.get("kind") == "decision" and obj["data"]["seat"] != SEAT:  # a bot's decision
            obj["data"]["reason"] = "a reason the bot never gave"
            lines[i] = dumps(obj)
            break
    else:
        raise AssertionError("no bot decision to forge")
    path.write_text("\n".join(rechain(lines)) + "\n")
    code, out, err = cli(capsys, "report", str(path))
    assert code == 1
    assert out == ""
    assert f"line {i + 1} is not what this engine plays" in err
    assert "replay --verify" in err


def test_a_sealed_journal_does_not_go_on_without_its_key(
    tmp_path: Path, key: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Played on unkeyed, a sealed journal would be branded 'changed after it was sealed' for
    good: resuming it without the key is refused, the files untouched."""
    path = tmp_path / "game.jsonl"
    session = play(path, key, stop_after=1)
    session.close()  # the room quit: a clean close, sealed
    before, seal_before = path.read_bytes(), seal_path(path).read_bytes()
    with pytest.raises(JournalError, match=r"is sealed .*give its key to go on"):
        resume(path)
    code, _, err = cli(
        capsys, "run", SCENARIO, "--seed", "1", "--seat", f"{SEAT}=human", "--journal", str(path)
    )
    assert code == 2 and "give its key to go on" in err
    assert "it goes on" not in err  # said only once the game has really gone on
    assert path.read_bytes() == before and seal_path(path).read_bytes() == seal_before
    resume(path, load_key(key)).close()  # with the key it goes on, and stays sealed
    assert cli(capsys, "replay", str(path), "--verify", "--key", str(key))[0] == 0


def test_a_header_engine_that_is_not_a_version_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The engine's version is outside the chain and printed beside the verdict: it must look
    like a version, never terminal escapes or a page of text."""
    path = tmp_path / "game.jsonl"
    play(path, None)
    lines = path.read_text().splitlines()
    head = json.loads(lines[0])
    head["engine"] = "0.1.0 \x1b[31mRED"
    path.write_text("\n".join([dumps(head), *lines[1:]]) + "\n")
    code, out, err = cli(capsys, "replay", str(path), "--verify")
    assert code == 2 and "\x1b" not in out + err
    assert "'engine' must be the version that wrote it" in err


def test_a_crash_cut_journal_says_how_to_review_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "game.jsonl"
    play(path, None, stop_after=1)  # a crash: no end, no close
    code, _, err = cli(capsys, "report", str(path))
    assert code == 2 and "truncated" in err
    assert f"wargame play --resume {path}" in err
