"""Helpers of the wire tests: a server on the loopback interface, clients joined to it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

from wargame.model.scenario_files import scenarios
from wargame.net.client import Client
from wargame.net.codes import SEAT_ROLE, SPECTATOR_ROLE, WHITE_ROLE, Codes
from wargame.net.server import Server
from wargame.session.room import RoomScript, load_room_script, room_seats
from wargame.session.session import Session


def scripted_session(
    scenario: str,
    seed: int,
    script: str,
    journal: Path | None,
    hold: bool = False,
    overrides: Sequence[str] = (),
) -> tuple[Session, RoomScript]:
    """A game with the script's seats human, as `wargame run --script` makes it (no script attached)."""
    loaded = scenarios.load(scenario, list(overrides))
    room = load_room_script(script, loaded.scenario)
    seats = room_seats(loaded.scenario.seat_ids, [], room)
    return Session(loaded, seed=seed, seats=seats, journal=journal, hold_deadlines=hold), room


def headless_text(scenario: str, seed: int, script: str, journal: Path, overrides: Sequence[str] = ()) -> str:
    """The journal `wargame run SCENARIO --seed N --script S --journal J` writes."""
    session, room = scripted_session(scenario, seed, script, journal, overrides=overrides)
    session.prepare(room)
    session.run_to_end()
    session.close()
    return journal.read_text(encoding="utf-8")


@contextlib.asynccontextmanager
async def serving(session: Session, journal: Path | None = None) -> AsyncIterator[tuple[Server, str]]:
    """A server for ``session`` on a free loopback port: (server, url)."""
    humans = [s for s, c in session.seats.items() if c == "human"]
    codes = Codes.fresh(humans)
    server = Server(session, codes, journal)
    port: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(server.run("127.0.0.1", 0, ready=port.set_result))
    try:
        yield server, f"ws://127.0.0.1:{await port}/"
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@contextlib.asynccontextmanager
async def joined(server: Server, url: str, roles: Sequence[str]) -> AsyncIterator[dict[str, Client]]:
    """Clients for ``roles`` (a seat id, "white" or "spectator"), each with its first snapshot."""
    clients, tasks = {}, []
    for role in roles:
        if role == WHITE_ROLE:
            code = server.codes.code_of(WHITE_ROLE)
        elif role == SPECTATOR_ROLE:
            code = server.codes.code_of(SPECTATOR_ROLE)
        else:
            code = server.codes.code_of(SEAT_ROLE, role)
        client = Client(url, code)
        clients[role] = client
        tasks.append(asyncio.create_task(client.run()))
    try:
        for client in clients.values():
            await client.wait(lambda c: c.snapshot is not None, timeout=10)
        yield clients
    finally:
        for client in clients.values():
            await client.stop()
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
