"""The load test of a served game (``wargame bench serve``): one server, many screens, one game.

The server runs in a process of its own, so that its processor time is its own (``os.times``
in that process, read at the start and at the end of the game). The bench process joins N real
WebSocket clients to it on one asyncio loop: the white cell, each human seat of a room script,
and spectators for the rest (the projectors of a big room). The script is played over the wire
(:func:`wargame.net.drive.play_script`), the white cell running the clock to the end.

What is measured, for each change of the game (a snapshot ``seq``): the delay from the moment
the white cell or a seat sent the message that caused it (for the clock, the ``tempo`` message)
to the moment each client had that snapshot in hand — the whole round trip a room feels: the
server's work, the wire, and the client's parsing, which all the clients share one processor
for here. Every client must see the final snapshot (the game over); :attr:`LoadFigures.ok` is
false if one did not, or if one dropped, was refused or failed.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import attrs

from wargame.net.client import Client
from wargame.net.codes import SEAT_ROLE, SPECTATOR_ROLE, WHITE_ROLE, Codes

JOIN_WAIT = 60.0  # seconds for every client to be joined, and for every one to see the end
START_WAIT = 120.0  # seconds for the server process to load the scenario and listen


class LoadError(RuntimeError):
    """The load test could not run (the server did not start, a client could not join)."""


@attrs.frozen
class LoadFigures:
    """The figures of one load test (see the module docstring); delays in milliseconds."""

    scenario: str
    script: str
    seed: int
    clients: int
    seats: int
    spectators: int
    changes: int  # snapshots the server numbered during the game (each caused by one message)
    frames: int  # frames every client received, together (snapshots and answers)
    snapshots: int  # snapshot frames every client received, together
    bytes: int  # bytes of those frames, together: what the server sent
    server_cpu_s: float  # the server process's user + system seconds during the game
    clients_cpu_s: float  # the bench process's (every client's, on one loop) in the same span
    wall_s: float  # seconds from the first message of the game to the last client seeing the end
    pairs: int  # (change, client) pairs measured
    missed: int  # (change, client) pairs never received (a later snapshot replaced it, or none)
    delay_median_ms: float
    delay_p95_ms: float
    delay_max_ms: float
    rejected: int  # script entries the server rejected (the room script's notes; not a fault here)
    errors: tuple[str, ...]  # a client that dropped, was refused, failed, or did not see the end
    finished: int  # clients that saw the final snapshot

    @property
    def cpu_share(self) -> float:
        """The server's processor seconds over the game's wall seconds (1.0: one core busy)."""
        return self.server_cpu_s / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def ok(self) -> bool:
        return not self.errors and self.finished == self.clients

    def to_json(self) -> dict[str, Any]:
        out = attrs.asdict(self)
        out["errors"] = list(self.errors)
        out["cpu_share"] = self.cpu_share
        out["ok"] = self.ok
        return out


# -- the server's process ------------------------------------------------------------------


def _serve_child(pipe: Connection, scenario: str, script: str, seed: int, profile: str | None) -> None:
    """The server process: load the game, listen, tell the parent the port and codes, then answer
    its ``mark`` (this process's CPU seconds so far) until ``stop``."""
    import cProfile
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the bench's: it closes the pipe, and this stops

    from wargame.model.scenario_files import scenarios
    from wargame.net.server import Server
    from wargame.session.room import load_room_script, room_seats
    from wargame.session.session import Session

    with tempfile.TemporaryDirectory(prefix="wargame-load-") as folder:
        journal = Path(folder) / "served.jsonl"  # written and flushed as `wargame serve` does
        try:
            loaded = scenarios.load(scenario)
            room = load_room_script(script, loaded.scenario)
            seats = room_seats(loaded.scenario.seat_ids, [], room)
            session = Session(loaded, seed=seed, seats=seats, journal=journal)
        except Exception as err:  # bad input (a seed out of range...): the bench says it, no traceback
            pipe.send({"error": str(err)})
            return
        humans = [s for s, c in session.seats.items() if c == "human"]
        codes = Codes.fresh(humans)
        server = Server(session, codes, journal)
        profiler = cProfile.Profile() if profile else None

        async def main() -> None:
            loop = asyncio.get_running_loop()
            done: asyncio.Future[None] = loop.create_future()

            def command() -> None:
                try:
                    what = pipe.recv()
                except EOFError:  # the bench stopped (Ctrl-C, or done): so does the server
                    if not done.done():
                        done.set_result(None)
                    return
                if what == "start" and profiler is not None:
                    profiler.enable()
                if what == "stop" and profiler is not None:
                    profiler.disable()
                t = os.times()
                pipe.send({"cpu": t.user + t.system, "seq": server.seq, "finished": session.finished})
                if what == "stop" and not done.done():
                    done.set_result(None)

            def ready(port: int) -> None:
                grants = {"white": codes.code_of(WHITE_ROLE), "spectator": codes.code_of(SPECTATOR_ROLE)}
                grants.update({seat: codes.code_of(SEAT_ROLE, seat) for seat in humans})
                pipe.send({"port": port, "codes": grants, "seats": humans})
                loop.add_reader(pipe.fileno(), command)

            task = asyncio.create_task(server.run("127.0.0.1", 0, ready=ready))
            await asyncio.wait([task, done], return_when=asyncio.FIRST_COMPLETED)
            loop.remove_reader(pipe.fileno())
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

        try:
            asyncio.run(main())
        finally:
            session.close(mark=False)
            if profiler is not None and profile:
                profiler.dump_stats(profile)


class _ServerProcess:
    """The server's process, seen from the bench: start it, ask its CPU seconds, stop it."""

    def __init__(self, scenario: str, script: str, seed: int, profile: str | None) -> None:
        ctx = multiprocessing.get_context("spawn")  # a clean interpreter: nothing of the bench's loop
        self.pipe, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_serve_child, args=(child, scenario, script, seed, profile), daemon=True
        )
        self.process.start()
        child.close()

    def hello(self) -> dict[str, Any]:
        if not self.pipe.poll(START_WAIT):
            raise LoadError(f"the server process did not start within {START_WAIT:.0f} s")
        try:
            answer: dict[str, Any] = self.pipe.recv()
        except EOFError:
            raise LoadError("the server process stopped before listening") from None
        if "error" in answer:
            raise LoadError(f"the server could not start the game: {answer['error']}")
        return answer

    def mark(self, what: str) -> dict[str, Any]:
        self.pipe.send(what)
        if not self.pipe.poll(JOIN_WAIT):
            raise LoadError("the server process did not answer")
        answer: dict[str, Any] = self.pipe.recv()
        return answer

    def close(self) -> None:
        self.pipe.close()  # the server process stops when it sees the pipe closed
        self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


# -- the clients ---------------------------------------------------------------------------


class _Probe(Client):
    """A client that notes when it receives each snapshot and, for the white cell and the seats,
    when it sent the message that caused each change."""

    def __init__(self, url: str, code: str, name: str, causes: dict[int, float]) -> None:
        super().__init__(url, code, on_change=_noted)
        self.name = name
        self.causes = causes
        self.received: dict[int, float] = {}  # seq -> when it was in hand (perf_counter)
        self.order: list[int] = []
        self.dropped = 0

    async def request(self, kind: str, /, timeout: float = 30.0, **fields: Any) -> dict[str, Any]:
        sent = time.perf_counter()
        answer = await super().request(kind, timeout=timeout, **fields)
        if answer["type"] == "accepted":  # its change reached this client before the answer
            self.causes.setdefault(self.seq, sent)
        return answer


def _noted(client: Client) -> None:
    assert isinstance(client, _Probe)
    if client.status == "reconnecting":
        client.dropped += 1
    seq = client.seq
    if seq >= 0 and seq not in client.received:
        client.received[seq] = time.perf_counter()
        client.order.append(seq)


def _finished(client: Client) -> bool:
    return client.snapshot is not None and bool(client.snapshot["clock"]["finished"])


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by nearest rank: a value that was measured."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def run_load(
    scenario: str,
    script: str,
    seed: int = 1,
    clients: int = 50,
    profile: str | None = None,
    say: Callable[[str], None] = lambda text: None,
) -> LoadFigures:
    """Serve ``scenario`` in a process of its own, join ``clients`` screens, play ``script`` to
    the end, and measure (see the module docstring). :class:`LoadError` if it cannot run."""
    from wargame.model.scenario_files import scenarios
    from wargame.session.room import load_room_script, room_seats

    loaded = scenarios.load(scenario)  # bad input stops here, before any process starts
    room = load_room_script(script, loaded.scenario)
    humans = [s for s, c in room_seats(loaded.scenario.seat_ids, [], room).items() if c == "human"]
    if clients < len(humans) + 1:
        raise LoadError(
            f"--clients must be at least {len(humans) + 1}: the white cell and the seats {humans}"
        )
    if profile:
        try:
            Path(profile).write_bytes(b"")  # a path that cannot be written fails now, not after the game
        except OSError as err:
            raise LoadError(f"cannot write the profile {profile!r}: {err.strerror or err}") from None
    say(f"starting the server ({loaded.name}, seed {seed})")
    server = _ServerProcess(scenario, script, seed, profile)
    try:
        hello = server.hello()
        say(f"joining {clients} clients")
        return asyncio.run(_play(server, hello, loaded.name, room, script, seed, clients, say))
    finally:
        server.close()


async def _play(
    server: _ServerProcess,
    hello: dict[str, Any],
    name: str,
    room: Any,
    script: str,
    seed: int,
    clients: int,
    say: Callable[[str], None],
) -> LoadFigures:
    from wargame.net.drive import play_script

    url, codes, seats = f"ws://127.0.0.1:{hello['port']}/", hello["codes"], list(hello["seats"])
    causes: dict[int, float] = {}
    white = _Probe(url, codes["white"], "white", causes)
    seat_clients = {seat: _Probe(url, codes[seat], seat, causes) for seat in seats}
    spectators = [
        _Probe(url, codes["spectator"], f"spectator {i + 1}", causes) for i in range(clients - 1 - len(seats))
    ]
    every = [white, *seat_clients.values(), *spectators]
    tasks = {c.name: asyncio.create_task(c.run()) for c in every}
    errors: list[str] = []
    try:
        try:
            for c in every:
                await c.wait(lambda x: x.snapshot is not None, timeout=JOIN_WAIT)
        except TimeoutError:
            raise LoadError(_join_trouble(every, tasks)) from None
        first_seq = white.seq
        before = sum(c.frames for c in every), sum(c.snapshots for c in every), sum(c.bytes for c in every)
        start = server.mark("start")
        t0, c0 = time.perf_counter(), time.process_time()
        say("playing the script over the wire")
        notes = await play_script(room, white, seat_clients)
        for c in every:
            try:
                await c.wait(_finished, timeout=JOIN_WAIT)
            except TimeoutError:
                errors.append(f"{c.name} did not see the end of the game")
        wall, clients_cpu = time.perf_counter() - t0, time.process_time() - c0
        errors += [f"{c.name} dropped {c.dropped} time(s)" for c in every if c.dropped]
        stop = server.mark("stop")  # the server then closes: the clients' drops from here are not faults
    finally:
        for c in every:
            await c.stop()
        for task in tasks.values():
            task.cancel()
        for key, task in tasks.items():
            with contextlib.suppress(asyncio.CancelledError):
                try:
                    await task
                except Exception as err:  # a refusal or a failure: the test fails, with the reason
                    errors.append(f"{key}: {err}")
    delays: list[float] = []
    missed = 0
    for seq, sent in causes.items():
        if seq <= first_seq:
            continue
        for c in every:
            if seq in c.received:
                delays.append((c.received[seq] - sent) * 1000)
            else:
                missed += 1
    errors += [f"{c.name} saw snapshots out of order" for c in every if c.order != sorted(c.order)]
    return LoadFigures(
        scenario=name,
        script=script,
        seed=seed,
        clients=len(every),
        seats=len(seats),
        spectators=len(spectators),
        changes=int(stop["seq"]) - int(start["seq"]),
        frames=sum(c.frames for c in every) - before[0],
        snapshots=sum(c.snapshots for c in every) - before[1],
        bytes=sum(c.bytes for c in every) - before[2],
        server_cpu_s=float(stop["cpu"]) - float(start["cpu"]),
        clients_cpu_s=clients_cpu,
        wall_s=wall,
        pairs=len(delays),
        missed=missed,
        delay_median_ms=percentile(delays, 50),
        delay_p95_ms=percentile(delays, 95),
        delay_max_ms=max(delays) if delays else math.nan,
        rejected=len(notes),
        errors=tuple(errors),
        finished=sum(1 for c in every if _finished(c)),
    )


def _join_trouble(every: list[_Probe], tasks: dict[str, asyncio.Task[None]]) -> str:
    for c in every:
        task = tasks[c.name]
        if task.done() and not task.cancelled() and task.exception() is not None:
            return f"{c.name} could not join: {task.exception()}"
    late = [c.name for c in every if c.snapshot is None]
    return f"{len(late)} client(s) not joined within {JOIN_WAIT:.0f} s (first: {late[0] if late else '?'})"
