"""Warnings: legal scenario content that is probably a mistake.

:mod:`wargame.model.checks` refuses what cannot be played. This module only *warns* about what
can be played but will not do what its author likely meant: a seat that is never asked anything
(a bot in it does nothing all game), an inject or prompt dated after the horizon (it never
happens), a guarantee that the aggressor's plan can never trigger, a decision-script entry that
no prompt will ever match. Each warning is a (field path, message) pair, like a problem.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from wargame.model import units
from wargame.model.aims import aim_warnings
from wargame.model.checks import Path
from wargame.model.commitments import uncommitted
from wargame.model.pressure import PRESSURE_MEANS
from wargame.model.prompts import asked_kinds, trigger_kinds, triggered
from wargame.model.scenario import Scenario


def triggerable(s: Scenario) -> list[int]:
    """Indexes of the guarantees the aggressor's invasion triggers (its target, naming it)."""
    fired = triggered(s)
    return [i for i, g in enumerate(s.guarantees) if g in fired]


def suspicious(s: Scenario) -> list[tuple[Path, str]]:
    """Every warning for ``s``, in file order of sections."""
    out: list[tuple[Path, str]] = []
    start = s.scenario.start
    end = start + timedelta(days=s.scenario.horizon_days)

    def after_horizon(path: Path, when: datetime | None, what: str) -> None:
        if when is not None and when >= end:
            out.append((path, f"{what} {when.isoformat()}, at or after the horizon ({end.isoformat()})"))

    kinds = asked_kinds(s)  # the engine's own rules (wargame.model.prompts)
    for i, a in enumerate(s.actors):
        if a.seat and not kinds.get(a.id):
            out.append(
                (
                    ("actors", i, "seat"),
                    f"seat {a.id!r} is never asked to decide anything: a bot in it does nothing all game "
                    "(make it a guarantor, a council member, give it a mobilisation prompt or an "
                    "intervention, or set seat = false)",
                )
            )
    after_horizon(("aggressor", "invasion_at"), s.aggressor.invasion_at, "the invasion is planned for")
    after_horizon(("aggressor", "warning_at"), s.aggressor.warning_at, "the warning comes on")
    for retired in ("transfer_threshold", "transfer_divisions"):
        if getattr(s.aggressor, retired) is not None:
            out.append(
                (
                    ("aggressor", retired),
                    f"{retired} is retired and ignored: the aggressor's split between the invasion and "
                    "the fronts it defends is now its seat's decision (the allocate prompt; bounded by "
                    "strip_divisions, max_transfer_divisions and transfer_days); `wargame migrate FILE` "
                    "removes it, leaving a comment",
                )
            )
    fired = set(triggerable(s))
    for i, g in enumerate(s.guarantees):
        if i not in fired:
            why = (
                f"it protects {g.protected!r}, but the aggressor invades {s.aggressor.target!r}"
                if g.protected != s.aggressor.target
                else f"it does not name the aggressor {s.aggressor.actor!r} in 'against'"
                if s.aggressor.actor not in g.against
                else f"its clarity table covers none of the acts the plan comes to "
                f"({', '.join(trigger_kinds(s))})"
            )
            out.append((("guarantees", i, "id"), f"guarantee {g.id!r} can never be triggered: {why}"))
        for who in uncommitted(g):
            if who not in g.ambiguous:
                out.append(
                    (
                        ("guarantees", i, "guarantors", g.guarantors.index(who)),
                        f"no promise of guarantee {g.id!r} binds {who!r} (each names 'by' without it): it "
                        "is graded and believed as if it had said nothing; name it in a promise's 'by', "
                        "or in 'ambiguous' if that is meant",
                    )
                )
    for i, m in enumerate(s.mobilisation):
        after_horizon(("mobilisation", i, "prompt_at"), m.prompt_at, "its prompt comes on")
    fronts = {f.id: f for f in s.fronts}
    for i, iv in enumerate(s.interventions):
        after_horizon(("interventions", i, "earliest"), iv.earliest, "it is first asked on")
        front = fronts.get(iv.front)
        if front is not None and front.opens == "offensive":
            out.append(
                (
                    ("interventions", i, "front"),
                    f"front {iv.front!r} opens only by an offensive of {front.attacker!r}: {iv.actor!r} "
                    f"is asked to enter there only once {front.attacker!r} attacks on it, and never if "
                    "it does not (name the front the aggressor opens, if that is meant)",
                )
            )
    for i, inj in enumerate(s.injects):
        after_horizon(("injects", i, "at"), inj.at, f"inject {inj.id!r} can never fire: it is dated")
        if not inj.to:
            out.append((("injects", i, "to"), f"inject {inj.id!r} is addressed to no one"))
    for i, e in enumerate(s.history):
        if e.seat in kinds and e.decision not in kinds[e.seat]:
            out.append(
                (
                    ("history", i, "decision"),
                    f"{e.seat!r} is never asked '{e.decision}' in this scenario: this entry can never apply",
                )
            )
        if e.after is not None and e.after >= end:
            out.append((("history", i, "after"), "this entry applies only after the horizon"))
    out += pressure_warnings(s)
    out += aim_warnings(s)
    out += units.warnings(s)  # forces by domain
    return out


def pressure_warnings(s: Scenario) -> list[tuple[Path, str]]:
    """A blockade or hybrid campaign that demands nothing (the target is asked to give in to
    nothing in particular); aim ``coerce`` with means ``strike`` (a strike halts on its objectives
    and asks nothing: it plays as a seizure)."""
    out: list[tuple[Path, str]] = []
    plan = s.aggressor
    if plan.means in PRESSURE_MEANS and not plan.demand:
        out.append(
            (
                ("aggressor", "means"),
                f"a {plan.means} with no demand: {plan.target!r} is asked to give in to nothing in "
                'particular; say what the pressure demands (demand = "...")',
            )
        )
    if plan.aim == "coerce" and plan.means == "strike":
        out.append(
            (
                ("aggressor", "means"),
                "aim 'coerce' with means 'strike' plays as a seizure (aim 'seize'): a strike halts on its "
                "objectives and no one is asked to concede; use means blockade or hybrid to coerce",
            )
        )
    return out
