"""Conditions: events that come when something has happened, not at a date.

A scenario may say *when* rather than *at*: an inject published once a guarantor has declared
war, a history entry that applies once the capital has fallen, an intervention not asked before
the front has gone deep, a promise that binds only once a pressure has begun. A **condition** is
a short string; a list of them holds when every one holds. The grammar:

=============================================  =====================================================
``invasion``                                   the aggressor has invaded
``pressure``                                   a pressure (blockade, hybrid campaign) has begun
``concession``                                 the protected state has conceded
``war:<actor>``                                ``<actor>`` is at war (it declared, or was declared
                                               on, or was at war when the game began)
``offensive:<actor>``                          ``<actor>`` has launched an offensive
``mobilised:<actor>``                          ``<actor>`` has ordered (general or partial) mobilisation
``statement:<actor>``                          ``<actor>`` has made a public statement of resolve
``intervened:<actor>``                         ``<actor>`` has entered the war as a third party
``objective:<front>``                          the attacker has reached its objective on ``<front>``
``capital:<front>``                            the capital behind ``<front>`` has fallen
``collapse:<front>``                           organised resistance on ``<front>`` has ended
``breakthrough:<front>``                       the attacker has broken through on ``<front>``
``front:<front>.ground_km >= <number>``        the ground taken on ``<front>`` (also ``>``, ``<``,
                                               ``<=``)
``endurance < <number>``                       the protected state's endurance under pressure
``day >= <number>``                            days since the trigger (the invasion or the pressure)
=============================================  =====================================================

A condition **latches**: once it has held, it holds for the rest of the game (a front pushed back
does not un-publish the news that it had gone deep). It is judged from the journal's events as
they are recorded (:mod:`wargame.engine.conditions`), so it is as deterministic as the journal.

This module parses and validates (against the scenario's actors and fronts); it imports nothing
of the engine.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

import attrs

#: Keywords that stand alone.
BARE = ("invasion", "pressure", "concession")
#: Keywords followed by ``:<actor>``.
ACTOR_KEYWORDS = ("war", "offensive", "mobilised", "statement", "intervened")
#: Keywords followed by ``:<front>``.
FRONT_KEYWORDS = ("objective", "capital", "collapse", "breakthrough")
#: Keywords compared with a number.
COMPARED = ("front", "endurance", "day")
KEYWORDS = (*BARE, *ACTOR_KEYWORDS, *FRONT_KEYWORDS, *COMPARED)
OPERATORS = (">=", "<=", ">", "<")
FRONT_FIELDS = ("ground_km",)

_COMPARISON = re.compile(r"^\s*([A-Za-z_][\w:.\-]*)\s*(>=|<=|>|<|==|=|!=)\s*(\S+)\s*$")


class ConditionError(ValueError):
    """A condition that does not parse."""


@attrs.frozen(kw_only=True)
class Atom:
    """One parsed condition: ``keyword``, its ``subject`` (an actor or front id, or empty), and
    for a comparison its ``op`` and ``value``. ``text`` is the condition as written."""

    text: str
    keyword: str
    subject: str = ""
    op: str = ""
    value: float = 0.0

    def compare(self, measured: float) -> bool:
        """Whether ``measured`` satisfies this comparison."""
        if self.op == ">=":
            return measured >= self.value
        if self.op == ">":
            return measured > self.value
        if self.op == "<=":
            return measured <= self.value
        return measured < self.value


def _hint(value: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(known)}"


def parse(text: str) -> Atom:
    """Parse one condition string; raise :class:`ConditionError` with a message naming the fault."""
    stripped = text.strip()
    match = _COMPARISON.match(stripped)
    if match:
        left, op, right = match.groups()
        if op not in OPERATORS:
            raise ConditionError(f"unknown comparison {op!r} in {text!r}; use one of {', '.join(OPERATORS)}")
        try:
            value = float(right)
        except ValueError:
            raise ConditionError(f"expected a number after {op!r} in {text!r}, got {right!r}") from None
        if left.startswith("front:"):
            front, _, field = left[len("front:") :].partition(".")
            if not front or not field:
                raise ConditionError(f"expected front:<front>.ground_km {op} <number>, got {text!r}")
            if field not in FRONT_FIELDS:
                hint = _hint(field, FRONT_FIELDS)
                raise ConditionError(f"unknown front measure {field!r} in {text!r}{hint}")
            return Atom(text=text, keyword="front", subject=front, op=op, value=value)
        if left in ("endurance", "day"):
            if left == "day" and op in ("<", "<="):
                raise ConditionError(f"days only count up: use 'day >= N' or 'day > N', got {text!r}")
            return Atom(text=text, keyword=left, op=op, value=value)
        hint = _hint(left, ("front:<front>.ground_km", "endurance", "day"))
        raise ConditionError(f"unknown measure {left!r} in {text!r}{hint}")
    keyword, colon, subject = stripped.partition(":")
    if keyword not in KEYWORDS:
        raise ConditionError(f"unknown condition {keyword!r}{_hint(keyword, KEYWORDS)}")
    if keyword in COMPARED:
        raise ConditionError(f"{keyword!r} needs a comparison, e.g. {_example(keyword)!r}; got {text!r}")
    if keyword in BARE:
        if colon:
            raise ConditionError(f"{keyword!r} takes no ':<id>', got {text!r}")
        return Atom(text=text, keyword=keyword)
    what = "actor" if keyword in ACTOR_KEYWORDS else "front"
    if not subject:
        raise ConditionError(f"expected {keyword}:<{what}>, got {text!r}")
    return Atom(text=text, keyword=keyword, subject=subject)


def _example(keyword: str) -> str:
    return {"front": "front:east.ground_km >= 50", "endurance": "endurance < 0.5", "day": "day >= 3"}[keyword]


def problems(text: str, actors: Iterable[str], fronts: Iterable[str]) -> list[str]:
    """What is wrong with condition ``text`` in a scenario of these actors and fronts (empty: fine)."""
    try:
        atom = parse(text)
    except ConditionError as err:
        return [str(err)]
    if atom.keyword in ACTOR_KEYWORDS:
        known = tuple(actors)
        if atom.subject not in known:
            return [f"unknown actor {atom.subject!r} in {text!r}{_hint(atom.subject, known)}"]
    if atom.keyword in (*FRONT_KEYWORDS, "front"):
        known = tuple(fronts)
        if atom.subject not in known:
            return [f"unknown front {atom.subject!r} in {text!r}{_hint(atom.subject, known)}"]
    return []


def parse_all(texts: Iterable[str]) -> tuple[Atom, ...]:
    """Parse a list of conditions (all must hold)."""
    return tuple(parse(t) for t in texts)
