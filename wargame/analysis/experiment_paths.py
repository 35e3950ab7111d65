"""Wildcards in an experiment's parameter paths and seats, expanded per scenario.

An experiment over several scenarios cannot name actors or list entries: France and Britain are
1939's guarantors, four other states Eastmark's. A factor's path (the dotted ``--set`` path) may
therefore hold

- a **group** in braces, replaced by each of its members' ids in turn:
  ``{guarantors}`` (every guarantor of a guarantee protecting the aggressor's target),
  ``{guarantees}`` (those guarantees), ``{aggressor}`` and ``{target}`` (one id each);
- a ``*`` standing for every element of the list at that place (by its ``id`` or ``actor`` when
  every element has a distinct one, else by index): ``liaison.*.level`` is every liaison entry.

``actors.{guarantors}.interest_convergence`` becomes ``actors.france.interest_convergence`` and
``actors.uk.interest_convergence`` on 1939. A seat assignment may use groups the same way:
``{guarantors}=bot:realist``. Plain paths pass through unchanged (the scenario loader checks them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from wargame.model.scenario import Scenario

_GROUP = re.compile(r"\{([a-z_]+)\}")


class PathError(ValueError):
    """A wildcard path that cannot be expanded in a scenario, with the reason."""


def groups(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """The named groups of ``scenario``: each name's ids, in the order of the file."""
    target = scenario.aggressor.target
    protecting = [g for g in scenario.guarantees if g.protected == target]
    guarantors = tuple(dict.fromkeys(a for g in protecting for a in g.guarantors))
    return {
        "guarantors": guarantors,
        "guarantees": tuple(g.id for g in protecting),
        "aggressor": (scenario.aggressor.actor,),
        "target": (target,),
    }


def _substitute_groups(text: str, named: dict[str, tuple[str, ...]]) -> list[str]:
    """``text`` with its first group replaced by each member (recursively for the others)."""
    found = _GROUP.search(text)
    if found is None:
        return [text]
    name = found.group(1)
    if name not in named:
        raise PathError(f"unknown group {{{name}}}; groups: {', '.join('{' + g + '}' for g in named)}")
    out: list[str] = []
    for member in named[name]:
        out += _substitute_groups(text[: found.start()] + member + text[found.end() :], named)
    return out


def _keys(items: Sequence[object]) -> list[str]:
    """How ``*`` names each element of a list: its id (or actor) if all are distinct, else its index."""
    for field in ("id", "actor"):
        ids = [getattr(item, field, None) for item in items]
        if all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids):
            return [str(i) for i in ids]
    return [str(i) for i in range(len(items))]


def _child(node: object, segment: str) -> object | None:
    """The element or field ``segment`` of ``node`` (None if there is none: the loader says why)."""
    if isinstance(node, tuple | list):
        items: Sequence[object] = node
        keys = _keys(items)
        if segment in keys:
            return items[keys.index(segment)]
        return items[int(segment)] if segment.isdigit() and int(segment) < len(items) else None
    cls = type(node)
    if attrs.has(cls) and segment in {f.name for f in attrs.fields(cls)}:
        child: object = getattr(node, segment)
        return child
    return None


def _stars(scenario: Scenario, path: str) -> list[str]:
    """``path`` with every ``*`` replaced by each element of the list it stands in."""
    segments = path.split(".")
    if "*" not in segments:
        return [path]
    paths: list[tuple[list[str], object | None]] = [([], scenario)]
    for segment in segments:
        grown: list[tuple[list[str], object | None]] = []
        for done, node in paths:
            if segment != "*":
                grown.append(([*done, segment], _child(node, segment) if node is not None else None))
                continue
            if not isinstance(node, tuple | list):
                where = ".".join(done) or "the scenario"
                raise PathError(f"'*' stands for the elements of a list, and {where} is not one")
            grown += [([*done, key], item) for key, item in zip(_keys(node), node, strict=True)]
        paths = grown
    return [".".join(done) for done, _ in paths]


def expand(scenario: Scenario, path: str) -> list[str]:
    """Every concrete path ``path`` stands for in ``scenario`` (``path`` itself if it has no
    wildcard); an empty list when a wildcard matches nothing there."""
    out: list[str] = []
    for text in _substitute_groups(path, groups(scenario)):
        out += _stars(scenario, text)
    return list(dict.fromkeys(out))


def expand_seats(scenario: Scenario, seats: Sequence[str]) -> list[str]:
    """``SEAT=CONTROLLER`` assignments with their groups expanded (``{guarantors}=bot:realist``)."""
    out: list[str] = []
    for item in seats:
        seat, sep, controller = item.partition("=")
        out += [f"{s}{sep}{controller}" for s in _substitute_groups(seat.strip(), groups(scenario))]
    return out
