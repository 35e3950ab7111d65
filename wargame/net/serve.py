"""``wargame serve``: start (or resume) a served game and print its join codes.

The journal is kept exactly as ``wargame play`` keeps it: written by the session, flushed at
each decision, never overwritten. ``--journal J`` naming a file that exists goes on with the
unfinished game in it (a finished game is refused); ``--resume J`` says so outright. The codes are
kept beside the journal (``J.codes``, mode 0600), so a resumed game hands out the same codes and
the clients, which reconnect by themselves, are let back in. Ctrl-C (or SIGTERM) closes the game
cleanly (a ``closed`` mark; ``serve --resume J`` goes on with it). ``--web`` also serves the
join client to browsers (:mod:`wargame.net.web`), in the same loop; Ctrl-C stops both.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wargame.model.scenario_files import scenarios
from wargame.net.codes import SEAT_ROLE, WHITE_ROLE, Codes, CodesError, codes_for, codes_path
from wargame.net.refs import refs_path, tempo_path
from wargame.net.server import Server
from wargame.net.web import WebError, check_installed, http_url, local_ws_url, web_serving
from wargame.session.journal.existing import JournalInUse, claim
from wargame.session.journal.header import Header
from wargame.session.journal.read import fresh_path
from wargame.session.journal.replay import resume
from wargame.session.journal.seal import Key, KeyFileError, key_from
from wargame.session.seats import HUMAN, assign_seats
from wargame.session.session import Session


class ServeError(ValueError):
    """Bad input to ``wargame serve`` (reported as a message, exit 2)."""


def cmd_serve(args: argparse.Namespace) -> int:
    if getattr(args, "web", False):
        try:
            check_installed()  # before the game is opened: nothing to undo
        except WebError as err:
            raise ServeError(str(err)) from None
    key = _key(args)
    session, journal, notice = open_game(args, key)
    session.hold_deadlines = not args.defaults_at_deadline
    humans = [s for s, c in session.seats.items() if c == HUMAN]
    try:
        codes = codes_for(journal, humans)
    except (CodesError, OSError) as err:
        session.close(mark=False)
        raise ServeError(str(err)) from None
    server = Server(session, codes, journal)

    go_on = [resume_command(args, journal, args.port)]  # made again once the ports are bound

    def ready(port: int, web: str = "") -> None:
        go_on[0] = resume_command(args, journal, port, web)
        print(banner(session, codes, args.host, port, journal, notice, web, go_on[0]), flush=True)

    signal.signal(signal.SIGTERM, _interrupt)  # `kill PID` stops as Ctrl-C does: cleanly, resumable
    try:
        if getattr(args, "web", False):
            asyncio.run(_with_web(server, args, ready))
        else:
            asyncio.run(server.run(args.host, args.port, ready=ready))
    except KeyboardInterrupt:
        pass  # stopped on purpose: closed below, and resumable
    except OSError as err:  # the port is taken, the host is not ours
        session.close(mark=False)
        raise ServeError(f"cannot listen on {args.host}:{args.port}: {err.strerror or err}") from None
    except WebError as err:  # the web port is taken
        session.close(mark=False)
        raise ServeError(str(err)) from None
    except BaseException:
        session.close(mark=False)  # a crash: the journal stays as it was, every line intact
        raise
    session.close()  # a game stopped before its end is marked closed; `serve --resume` goes on
    state = "Game over" if session.finished else f"Game stopped at {session.date}"
    print(f"\n{state}. Journal: {journal}", file=sys.stderr)
    if not session.finished:
        print(f"Go on with: {go_on[0]}", file=sys.stderr)
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


async def _with_web(server: Server, args: argparse.Namespace, ready: Callable[[int, str], None]) -> None:
    """The game server and, once it listens, the web server for browsers (same host), together."""
    listening: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    game = asyncio.create_task(server.run(args.host, args.port, ready=listening.set_result))
    either: list[asyncio.Future[Any]] = [game, listening]
    await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
    if not listening.done():
        await game  # it stopped before listening: its error (the port is taken) is told
        return
    port = listening.result()
    try:
        async with web_serving(args.host, args.web_port, local_ws_url(args.host, port)) as web_port:
            ready(port, http_url(args.host, web_port))
            await game
    finally:
        game.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await game


def _key(args: argparse.Namespace) -> Key | None:
    """The journal key of ``--key`` or ``$WARGAME_JOURNAL_KEY_FILE``; a bad key file is a ServeError."""
    try:
        return key_from(getattr(args, "key", None))
    except KeyFileError as err:
        raise ServeError(str(err)) from None


def resume_command(args: argparse.Namespace, journal: Path, port: int, web: str = "") -> str:
    """The command that goes on with this served game where the screens will find it again: the
    same host and port (the port bound, for --port 0), browsers too, and the key."""
    parts = ["wargame serve --resume", str(journal)]
    if args.host != "127.0.0.1":
        parts += ["--host", args.host]
    if port != 8765:
        parts += ["--port", str(port)]
    if web:
        parts.append("--web")
        web_port = web.rsplit(":", 1)[-1].rstrip("/")
        if web_port != "8000":
            parts += ["--web-port", web_port]
    if getattr(args, "key", None):
        parts += ["--key", args.key]
    return " ".join(parts)


def open_game(args: argparse.Namespace, key: Key | None = None) -> tuple[Session, Path, str]:
    """The session to serve, its journal, and what to tell the facilitator about it."""
    if args.resume:
        if args.seats or args.overrides or args.journal or args.seed is not None or args.script:
            raise ServeError(
                "--resume restores the game as recorded: give no --seat, --set, --seed, --journal or --script"
            )
        journal = Path(args.resume)
        return _resume(journal, key), journal, f"{journal}: the game goes on where it stopped."
    if args.scenario is None:
        raise ServeError("name a scenario (e.g. wargame serve tutorial --seat corvia=human) or --resume J")
    loaded = scenarios.load(args.scenario, args.overrides)
    seed = 1 if args.seed is None else args.seed
    journal = Path(args.journal) if args.journal else fresh_path(loaded.name, seed)
    if journal.exists():
        if args.script:
            raise ServeError(f"--script starts a new game, and {journal} exists (never overwritten)")
        _claim(journal, Header.of(loaded, seed, assign_seats(loaded.scenario.seat_ids, args.seats)))
        going_on = f"{journal} holds an unfinished game: it goes on where it stopped."
        return _resume(journal, key), journal, going_on
    seats: dict[str, str] | list[str] = args.seats
    script = None
    if args.script:
        from wargame.session.room import RoomScriptError, load_room_script, room_seats

        try:
            script = load_room_script(args.script, loaded.scenario)
        except RoomScriptError as err:
            raise ServeError(str(err)) from None
        seats = room_seats(loaded.scenario.seat_ids, args.seats, script)
    for stale in (codes_path(journal), refs_path(journal), tempo_path(journal)):  # a deleted journal's
        stale.unlink(missing_ok=True)  # codes are fresh, and an old game's refs mean nothing here
    try:
        session = Session(loaded, seed=seed, seats=seats, journal=journal, key=key)
    except OSError as err:
        raise ServeError(f"cannot write the journal {str(journal)!r}: {err.strerror or err}") from None
    if not any(c == HUMAN for c in session.seats.values()):
        session.close(mark=False)
        journal.unlink(missing_ok=True)
        raise ServeError("no seat is played by a person: give --seat SEAT=human (one per team screen)")
    if script is not None:
        session.prepare(script)
    return session, journal, ""


def _claim(journal: Path, wanted: Header | None) -> None:
    """Refuse, the file untouched, a journal whose game may not go on here: the rule of
    :func:`~wargame.session.journal.existing.claim`, as for ``play`` and ``run``."""
    try:
        claim(journal, wanted)
    except JournalInUse as err:
        hint = {
            "a finished game": f", or read it with `wargame report {journal}`",
            "another game": f", or go on with that one by `wargame serve --resume {journal}`",
        }.get(err.what, "")
        raise ServeError(f"{err}: choose another --journal for a new game{hint}") from None


def _resume(journal: Path, key: Key | None) -> Session:
    if not journal.exists():
        raise ServeError(f"{journal}: no such journal to resume")
    _claim(journal, None)
    if not codes_path(journal).exists():
        print(f"note: {codes_path(journal)} is missing: new join codes are made", file=sys.stderr)
    return resume(journal, key, say=lambda text: print(f"note: {text}", file=sys.stderr))


def banner(
    session: Session,
    codes: Codes,
    host: str,
    port: int,
    journal: Path,
    notice: str,
    web: str = "",
    go_on: str = "",
) -> str:
    """What ``serve`` prints at the start: the address, a join line per code, and the address for
    browsers (``web``, with ``--web``)."""
    url = f"ws://{host}:{port}/"
    about = session.scenario.scenario
    lines = [f"Serving {about.title} ({about.name}, seed {session.seed}) at {url}"]
    if notice:
        lines.append(notice)
    lines.append(f"Journal: {journal}   Codes: {codes_path(journal)} (keep it private)")
    lines.append("Give each screen its line (each code is one screen at a time):")
    for code, grant in sorted(
        codes.grants.items(), key=lambda x: (x[1].role != SEAT_ROLE, x[1].role, x[1].seat)
    ):
        if grant.role == SEAT_ROLE:
            who = f"seat {session.world.name(grant.seat)}"
        else:
            who = "white cell (facilitator)" if grant.role == WHITE_ROLE else "spectators (any number)"
        lines.append(f"  {who + ':':<36} wargame join {url} --code {code}")
    if web:
        lines.append(f"  {'or in a browser (type the code):':<36} {web}")
    if host not in ("127.0.0.1", "localhost", "::1"):
        lines.append(
            "warning: not on localhost; the wire is not encrypted (see docs/protocol.md: SSH tunnel or TLS)"
        )
    go_on = go_on or f"wargame serve --resume {journal}"
    lines.append(f"Ctrl-C stops the server; the game goes on later with: {go_on}")
    return "\n".join(lines)
