"""Checks on the aggressor's aim and its fronts' objectives (``[aggressor] aim``, ``objective_km``).

An aim and the fronts must agree: a ``seize`` aggressor needs a front with an objective to seize,
and an objective cannot lie deeper than the territory behind its front. These are refused
(:func:`aim_problems`, called by :func:`wargame.model.checks.reference_problems`). A ``conquest``
aggressor whose fronts carry objectives is legal (it halts on them all the same) but probably not
what the author meant, and so is a capital that can fall behind an objective: warnings
(:func:`aim_warnings`, called by :func:`wargame.model.lint.suspicious`).
"""

from __future__ import annotations

from wargame.model.scenario import Scenario

Path = tuple[str | int, ...]


def aim_problems(s: Scenario) -> list[tuple[Path, str]]:
    """What cannot be played: an objective beyond the front's depth, a ``seize`` aim with nothing
    to seize."""
    out: list[tuple[Path, str]] = []
    for i, f in enumerate(s.fronts):
        if f.objective_km > f.depth_km:
            out.append(
                (
                    ("fronts", i, "objective_km"),
                    f"expected an objective no deeper than depth_km ({f.depth_km:g}), got {f.objective_km:g}",
                )
            )
    if s.aggressor.aim == "seize" and not _objectives(s):
        out.append(
            (
                ("aggressor", "aim"),
                f"aim 'seize' needs an objective: give a front {s.aggressor.actor!r} attacks an "
                "objective_km above 0",
            )
        )
    return out


def aim_warnings(s: Scenario) -> list[tuple[Path, str]]:
    """What can be played but is probably a mistake: a ``conquest`` aim with objectives; a capital
    that can fall behind an objective (the capital falls by cohesion, not by ground: an attacker
    that wears the defence down on the way to its line takes the capital with it)."""
    out: list[tuple[Path, str]] = []
    plan = s.aggressor
    if plan.concession_by is not None and plan.aim != "coerce":
        out.append(
            (
                ("aggressor", "concession_by"),
                f"the aggressor's aim is {plan.aim}, but it sets a deadline for a concession (it will be "
                'asked to escalate then): set aim = "coerce" if coercion is meant',
            )
        )
    if plan.aim == "coerce" and plan.concession_by is None and plan.means not in ("blockade", "hybrid"):
        out.append(
            (
                ("aggressor", "aim"),
                f"aim 'coerce' with means {plan.means!r} and no concession_by: nothing asks the target "
                "to concede; give a concession_by, or a means of pressure (blockade, hybrid)",
            )
        )
    for i in _objectives(s):
        f = s.fronts[i]
        if s.aggressor.aim == "conquest":
            out.append(
                (
                    ("fronts", i, "objective_km"),
                    f"the aggressor's aim is conquest, but it halts on this front's objective "
                    f'({f.objective_km:g} km): set aim = "seize" if a limited aim is meant',
                )
            )
        if f.capital_falls_cohesion > 0 and not f.capital:  # a named one: the author placed it
            out.append(
                (
                    ("fronts", i, "capital_falls_cohesion"),
                    "this front has an objective, but its capital can still fall (under this cohesion, "
                    "wherever the attacker stands): set capital_falls_cohesion = 0 if the capital lies "
                    "beyond the objective, or name it (`capital`) if it lies within",
                )
            )
    return out


def _objectives(s: Scenario) -> list[int]:
    """Indexes of the fronts the aggressor attacks that have an objective."""
    return [i for i, f in enumerate(s.fronts) if f.attacker == s.aggressor.actor and f.objective_km > 0]
