"""Shared fixtures: the flagship scenario and small helpers to run games and drive the app."""

from __future__ import annotations

from typing import Any

import pytest

from wargame.engine.journal import Event
from wargame.engine.payload import Payload
from wargame.model.clock import DAY
from wargame.model.scenario_files import scenarios
from wargame.session.session import Session
from wargame.session.views import PromptView

FLAGSHIP = "drole-de-guerre-1939"


@pytest.fixture(scope="session")
def flagship() -> scenarios.LoadedScenario:
    return scenarios.load(FLAGSHIP)


def recorded(name: str = FLAGSHIP, *others: str) -> list[str]:
    """Every seat of ``name`` played by the record (``bot:record``: its ``[[history]]``), then
    ``others`` (``seat=controller``, which win): the story as it happened, for tests of the
    engine's mechanisms under the decisions actually taken."""
    given = {o.partition("=")[0] for o in others}
    seats = scenarios.load(name).scenario.seat_ids
    return [*(f"{s}=bot:record" for s in seats if s not in given), *others]


def play(seed: int = 1, seats=(), overrides=(), name: str = FLAGSHIP, record: bool = False) -> Session:
    """A whole game run to its end by bots (and absent humans); ``record``: the seats not given
    play the record (:func:`recorded`), not the historical doctrine."""
    if record:
        seats = recorded(name, *seats)
    session = Session(scenarios.load(name, overrides), seed=seed, seats=seats)
    session.run_to_end()
    return session


def asked(session: Session, seat: str, kind: str) -> PromptView:
    """Run ``session`` until the human ``seat`` is asked a question of ``kind`` (its other
    questions answered with their defaults, as an absent player's would be); that prompt."""
    while not any(p.kind == kind for p in session.pending(seat)):
        if session.finished:
            raise AssertionError(f"{seat} was never asked {kind!r}")
        session.advance_to_decision()
        for p in session.pending(seat):
            if p.kind != kind:
                session.submit(seat, p.id, p.default)
    return next(p for p in session.pending(seat) if p.kind == kind)


async def settle(pilot: Any) -> None:
    """Wait until the app has handled every message posted to it (a burst of keys, and what they
    forward to the screens they open). Pilot's ``pause`` waits for one round of messages and then
    for the process to look idle, which a loaded machine fakes (the suite runs on every core), so
    a burst may still be half handled after it; this pauses until, three times running, no
    message waits anywhere and the screens and the focus stay as they were."""
    app = pilot.app
    quiet, last = 0, None
    for _ in range(300):
        await pilot.pause()
        nodes = [app, *(n for screen in app.screen_stack for n in screen.walk_children(with_self=True))]
        now = (tuple(id(screen) for screen in app.screen_stack), app.focused)
        quiet = quiet + 1 if now == last and not any(n.message_queue_size for n in nodes) else 0
        last = now
        if quiet == 3:
            return
    raise AssertionError("the app never finished handling its messages")


def journal(*entries: tuple[float, Payload] | tuple[float, Payload, Payload]) -> list[Event]:
    """Events at the given days from the start, in order, seen by everyone (a hand-made journal
    for the outcome measures)."""
    return [
        Event(
            t=round(e[0] * DAY),
            seq=i,
            actors=(),
            see=("all",),
            text="",
            data=e[1],
            truth=e[2] if len(e) > 2 else None,
        )
        for i, e in enumerate(entries)
    ]


def rechain(lines: list[str]) -> list[str]:
    """Recompute the unkeyed integrity chain over a journal's ``lines``, as a careful forger would."""
    import json as _json

    from wargame.engine.journal import Event as _Event
    from wargame.session.journal.chain import chained_line, start

    chain, out = start(lines[0]), [lines[0]]
    for line in lines[1:]:
        obj = _json.loads(line)
        obj.pop("h")
        text, chain = chained_line(_Event.from_json(obj), chain)
        out.append(text)
    return out
