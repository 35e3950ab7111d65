"""Seats and their controllers: who plays each seat of a game.

A seat is played by a ``human`` (at the terminal, or a room script speaking for one), by a bot of
a doctrine (``bot:realist``, ...; ``bot:historical``, the default, plays the doctrine and
parameters the scenario gives each seat), by the historical record (``bot:record``: the
scenario's ``[[history]]``) or by a decision-script file (``script:PATH``).
:func:`assign_seats` turns what a user typed (``france=human``) into a complete, checked
assignment.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

from wargame.session import bots

HUMAN = "human"
DEFAULT_CONTROLLER = "bot:historical"


class SeatError(ValueError):
    """A seat assignment that names an unknown seat or controller."""


def controller_names() -> list[str]:
    return list(bots.controller_names())


def normalise_controller(text: str) -> str:
    """``human``, ``bot:<doctrine>``, a bare doctrine name or ``script:PATH``, normalised."""
    if text.strip().startswith("script:") and text.strip() != "script:":
        return text.strip()  # a decision-script file; its path is kept as given
    name = text.strip().lower()
    if name == HUMAN:
        return HUMAN
    doctrine = name.removeprefix("bot:")
    builtin = (*bots.DOCTRINES, *bots.SCENARIO_BUILT, *bots.SCRIPTED)
    if doctrine in builtin:
        return f"bot:{doctrine}"
    hint = difflib.get_close_matches(name, [HUMAN, *builtin, *controller_names()], n=1)
    raise SeatError(
        f"unknown controller {text!r}"
        + (f"; did you mean {hint[0]!r}?" if hint else f"; choose from {', '.join(controller_names())}")
    )


def assign_seats(seat_ids: Sequence[str], given: Mapping[str, str] | Sequence[str] = ()) -> dict[str, str]:
    """Every seat's controller: those given (``seat=controller``), the rest the historical doctrine."""
    pairs: list[tuple[str, str]] = []
    if isinstance(given, Mapping):
        pairs = list(given.items())
    else:
        for item in given:
            seat, sep, ctl = item.partition("=")
            if not sep:
                raise SeatError(
                    f"expected SEAT=CONTROLLER (a seat id, =, who plays it: human, bot:realist...), "
                    f"got {item!r}"
                )
            pairs.append((seat.strip().lower(), ctl))
    seats = dict.fromkeys(seat_ids, DEFAULT_CONTROLLER)
    given_seats = [seat for seat, _ in pairs]
    twice = sorted({s for s in given_seats if given_seats.count(s) > 1})
    if twice:
        raise SeatError(f"seat {twice[0]!r} is assigned more than once")
    for seat, ctl in pairs:
        if seat not in seats:
            hint = difflib.get_close_matches(seat, list(seat_ids), n=1)
            raise SeatError(
                f"unknown seat {seat!r}"
                + (f"; did you mean {hint[0]!r}?" if hint else f"; seats are {', '.join(seat_ids)}")
            )
        seats[seat] = normalise_controller(ctl)
    return seats
