"""``wargame play``: start the seminar app (from the command line's arguments).

A journal is never overwritten. ``--journal PATH`` naming a file that exists goes on with the
unfinished game in it (and says so), or is refused — a finished game, a file that is not a
journal, or a journal of another game than the one asked for — with the file left as it was."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from wargame.model.scenario_files import scenarios
from wargame.session.journal.existing import JournalInUse, claim
from wargame.session.journal.header import Header
from wargame.session.journal.read import fresh_path
from wargame.session.journal.replay import resume
from wargame.session.journal.seal import Key, KeyFileError, key_from
from wargame.session.seats import assign_seats
from wargame.session.session import Session


class PlayError(ValueError):
    """Bad input to ``wargame play`` (reported as a message, exit 2)."""


def cmd_play(args: argparse.Namespace) -> int:
    from ui.app import WargameApp

    key = _key(args.key)
    heard: list[str] = []  # what was checked of a resumed journal's seal: told to the room too
    if args.resume:
        if args.seats or args.overrides or args.journal or args.seed is not None:
            raise PlayError(
                "--resume restores the game as recorded: give no --seat, --set, --seed or --journal"
            )
        session = resume(args.resume, key, say=heard.append)
        if args.script:  # the rest of a prepared opening: entries before now stay in the past
            session.prepare(room_script(args.script, session.loaded))
        journal = Path(args.resume)
        app = WargameApp(session, journal, facilitator=args.facilitator)
        app.notice = _journal_note(heard)
    elif args.journal and Path(args.journal).exists():
        if args.script:
            raise PlayError(
                f"--script starts a new game, and {args.journal} exists (it is never overwritten): "
                "choose another --journal"
            )
        journal = Path(args.journal)
        notice = going_on_with(journal, args)
        session = resume(journal, key, say=heard.append)
        print(notice, file=sys.stderr)
        app = WargameApp(session, journal, facilitator=args.facilitator)
        app.notice = f"{notice} {_journal_note(heard)}"
    elif args.seats or args.script:
        loaded = scenarios.load(args.scenario, args.overrides)
        seed = 1 if args.seed is None else args.seed
        script = room_script(args.script, loaded) if args.script else None
        seats = script_seats(loaded, args.seats, script) if script else args.seats
        journal = Path(args.journal) if args.journal else fresh_path(loaded.name, seed)
        try:
            session = Session(loaded, seed=seed, seats=seats, journal=journal, key=key)
        except OSError as err:
            raise PlayError(f"cannot write the journal {str(journal)!r}: {err.strerror or err}") from None
        if script is not None:
            session.prepare(script)  # its entries are applied as the clock passes them
        app = WargameApp(session, journal, facilitator=args.facilitator)
        if script is not None:
            app.notice = (
                f"A prepared opening ({args.script}): its decisions and the white cell's acts are "
                "applied as the clock reaches them."
            )
    else:
        if args.overrides:
            raise PlayError("--set needs --seat (the lobby starts from the scenario as written)")
        if args.scenario not in [p.stem for p in scenarios.bundled()]:
            scenarios.load(args.scenario)  # a clear error for a bad name or file
            raise PlayError(
                "the lobby offers the bundled scenarios; to play a file, give the seats with --seat"
            )
        app = WargameApp(
            lobby={
                "scenario": args.scenario,
                "seed": 1 if args.seed is None else args.seed,
                "facilitator": args.facilitator,
                "journal": args.journal,
                "key": key,
            },
            facilitator=args.facilitator,
        )
    app.script = args.script or ""
    app.key_file = args.key or ""
    if app.has_game:
        app.session.hold_deadlines = True  # a human's prompt waits for the room (branch room)
    try:
        result = app.run()
    except BaseException:
        if app.has_game:
            app.session.close(mark=False)  # a crash: the journal stays as it was, ready to resume
        raise
    if not app.has_game:
        return 0
    session = app.session
    if app.return_code not in (0, None) and not session.closed:
        session.close(mark=False)
        print(
            f"The session stopped unexpectedly. Every decision is in {app.journal}; resume with:\n"
            f"  {app.resume_command}",
            file=sys.stderr,
        )
        return 1
    session.close()  # marks a game stopped before its end as closed; a finished one stays as it is
    for note in getattr(session, "script_notes", []):  # a room script's entries that did not apply
        print(f"note: {note}", file=sys.stderr)
    if session.finished:
        print(f"Game over. Journal: {app.journal}\nAfter-action report: wargame report {app.journal}")
    else:
        print(
            f"Game stopped at {session.date}. Journal: {result or app.journal}\n"
            f"Resume with: {app.resume_command}"
        )
    return 0


def _key(option: str | None) -> Key | None:
    """The journal key of ``--key`` or ``$WARGAME_JOURNAL_KEY_FILE``; a bad key file is a PlayError."""
    try:
        return key_from(option)
    except KeyFileError as err:
        raise PlayError(str(err)) from None


def _journal_note(heard: list[str]) -> str:
    """What was checked of a resumed journal's integrity, said on standard error, for the room."""
    for text in heard:
        print(f"note: {text}", file=sys.stderr)
    return " ".join(f"Journal: {text}." for text in heard)


def going_on_with(path: Path, args: argparse.Namespace) -> str:
    """What the room is told before an existing journal's unfinished game goes on; a
    :class:`PlayError` (the file untouched) if the file cannot or must not go on (the rule is
    :func:`~wargame.session.journal.existing.claim`'s)."""
    wanted = None
    if args.seats or args.overrides or args.seed is not None:
        asked = scenarios.load(args.scenario, args.overrides)
        seats = assign_seats(asked.scenario.seat_ids, args.seats)
        wanted = Header.of(asked, 1 if args.seed is None else args.seed, seats)
    try:
        recorded = claim(path, wanted)
    except JournalInUse as err:
        hint = {
            "a finished game": f", or read it with `wargame report {path}`",
            "another game": f", or go on with that one by `wargame play --journal {path}` alone",
        }.get(err.what, "")
        raise PlayError(f"{err}: choose another --journal for a new game{hint}") from None
    assert recorded is not None  # the path exists
    head = recorded.header
    game = f"{head.scenario.name}, seed {head.seed}"
    return f"{path} holds an unfinished game ({game}): it goes on where it stopped."


def room_script(path: str, loaded: scenarios.LoadedScenario) -> Any:
    """The room script of ``play --script`` (:mod:`wargame.session.room`), checked against the
    scenario; its seats are played at this terminal."""
    from wargame.session.room import RoomScriptError, load_room_script

    try:
        return load_room_script(path, loaded)
    except RoomScriptError as err:
        raise PlayError(str(err)) from None


def script_seats(loaded: scenarios.LoadedScenario, given: list[str], script: Any) -> Any:
    """The seats of a game played from a room script: those given, the script's seats human
    (a given seat the script plays must be human: ``room_seats`` says so)."""
    from wargame.session.room import room_seats

    return room_seats(loaded.scenario.seat_ids, given, script)
