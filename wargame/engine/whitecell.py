"""The white cell's hand on the game: the master event list and adjudication.

In a seminar the facilitators (the "white cell") run the master event list: they publish an
inject on time, hold it back until the room is ready, publish it early, skip it, restore one they
held or skipped (an undo: it is scheduled again, or published at once if its time has passed), or
write one on the spot ("the press reports shots at the border") for one seat or for all. They also adjudicate:
when the model's result is implausible for the room, they may set a front's or a state's strength
by hand, and must say why.

Each of these acts is a :class:`~wargame.engine.decisions.Decision` of the seat :data:`WHITE`,
journalled like any other and replayed like a human's, so a game run with a white cell is still a
deterministic replay. Their journal events are seen by the white cell only; their effects (an
inject published, a front weakened) reach the seats through the ordinary events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from wargame.engine.decisions import WHITE, DecisionError, FreeCheck, FreeDecision, FreeHandler
from wargame.engine.events import AdjudicationData, InjectData

if TYPE_CHECKING:
    from wargame.engine.decisions import Decision
    from wargame.engine.world import World
    from wargame.model.scenario import Inject

SCHEDULED, HELD, PUBLISHED, SKIPPED = "scheduled", "held", "published", "skipped"
OVERRIDABLE = {"attacker", "defender", "cohesion", "divisions"}  # front.<id>.<field>, actor.<id>.divisions


@attrs.frozen(kw_only=True)
class InjectStatus:
    """A line of the master event list as the white cell sees it."""

    id: str
    at: int  # minute it is due
    to: tuple[str, ...]
    text: str
    status: str  # scheduled, held, published or skipped


def master_list(world: World) -> tuple[InjectStatus, ...]:
    """Every scripted inject with its state now, in the order they are due."""
    out = [
        InjectStatus(
            id=i.id,
            at=due(world, i),
            to=i.to,
            text=i.text,
            status=world.injects.get(i.id, SCHEDULED),
        )
        for i in world.scenario.injects
    ]
    return tuple(sorted(out, key=lambda s: (s.at, s.id)))


def due(world: World, inject: Inject) -> int:
    """The minute ``inject`` falls due: its date, or for one published on conditions the minute
    they held (plus its delay), or the horizon while they have not."""
    if not inject.when:
        return world.minute(inject.at) if inject.at is not None else 0
    held = world.inject_due.get(inject.id)
    return world.horizon if held is None else held


def publish(world: World, inject: Inject) -> None:
    """Publish a scripted inject now (once)."""
    world.injects[inject.id] = PUBLISHED
    world.journal.record(
        InjectData(inject=inject.id, to=inject.to, restrains=inject.restrains or None),
        inject.text,
        see=inject.to,
    )


def _inject(world: World, inject_id: str) -> Inject | None:
    return next((i for i in world.scenario.injects if i.id == inject_id), None)


def _white_only(seat: str) -> str | None:
    return None if seat == WHITE else "only the white cell directs the master event list"


def _can_hold(world: World, seat: str, choice: str) -> str | None:
    if _inject(world, choice) is None:
        return f"there is no inject {choice!r}"
    status = world.injects.get(choice, SCHEDULED)
    return _white_only(seat) or (None if status == SCHEDULED else f"inject {choice!r} is {status}")


def _hold(world: World, decision: Decision) -> None:
    world.injects[decision.choice] = HELD


def _can_release(world: World, seat: str, choice: str) -> str | None:
    if _inject(world, choice) is None:
        return f"there is no inject {choice!r}"
    status = world.injects.get(choice, SCHEDULED)
    if status in (PUBLISHED, SKIPPED):
        return _white_only(seat) or f"inject {choice!r} is already {status}"
    return _white_only(seat)


def _publish(world: World, decision: Decision) -> None:
    inject = _inject(world, decision.choice)
    assert inject is not None
    publish(world, inject)


def _skip(world: World, decision: Decision) -> None:
    world.injects[decision.choice] = SKIPPED


def _can_restore(world: World, seat: str, choice: str) -> str | None:
    if _inject(world, choice) is None:
        return f"there is no inject {choice!r}"
    status = world.injects.get(choice, SCHEDULED)
    if status not in (HELD, SKIPPED):
        return (
            _white_only(seat)
            or f"inject {choice!r} is {status}; only a held or skipped inject can be restored"
        )
    return _white_only(seat)


def _restore(world: World, decision: Decision) -> None:
    """Undo a hold or a skip: the inject is scheduled again, and published at once if it is due."""
    inject = _inject(world, decision.choice)
    assert inject is not None
    world.injects[inject.id] = SCHEDULED
    if due(world, inject) <= world.env.now:  # its own process has run (or sees it published)
        publish(world, inject)


def _audience(world: World, choice: str) -> tuple[str, ...]:
    return ("all",) if choice == "all" else tuple(s.strip() for s in choice.split(","))


def _can_write(world: World, seat: str, choice: str) -> str | None:
    unknown = [a for a in _audience(world, choice) if a != "all" and a not in world.scenario.actor_ids]
    if unknown:
        return f"unknown audience {unknown[0]!r}: name seats (comma-separated) or 'all'"
    return _white_only(seat)


def _write(world: World, decision: Decision) -> None:
    if not decision.text.strip():
        raise DecisionError("an ad hoc inject needs its text")
    world.adhoc += 1
    audience = _audience(world, decision.choice)
    world.journal.record(
        InjectData(inject=f"adhoc-{world.adhoc}", to=audience),
        decision.text.strip(),
        see=audience,
    )


def _target(world: World, choice: str) -> tuple[object, str] | None:
    """The state object and attribute an override path names (``front.poland.defender``)."""
    parts = choice.split(".")
    if len(parts) != 3 or parts[2] not in OVERRIDABLE:
        return None
    scope, key, field = parts
    if scope == "front" and key in world.fronts and field != "divisions":
        return world.fronts[key], field
    if scope == "actor" and key in world.actors and field == "divisions":
        return world.actors[key], field
    return None


def _can_override(world: World, seat: str, choice: str) -> str | None:
    if _target(world, choice) is None:
        fronts = ", ".join(f"front.{f}.attacker|defender|cohesion" for f in world.fronts)
        return f"cannot override {choice!r}; choose {fronts} or actor.<id>.divisions"
    return _white_only(seat)


def _override(world: World, decision: Decision) -> None:
    target = _target(world, decision.choice)
    assert target is not None
    obj, field = target
    before = float(getattr(obj, field))
    setattr(obj, field, float(decision.text))
    world.journal.record(
        AdjudicationData(path=decision.choice, before=before, after=float(decision.text)),
        f"The white cell sets {decision.choice} from {before:g} to {float(decision.text):g}: "
        f"{decision.reason}",
        see=(),
    )


def check_white(decision: Decision) -> None:
    """What a white-cell decision needs beyond its check: a reason for an override, a number, text."""
    if decision.kind == "override":
        if not decision.reason.strip():
            raise DecisionError("an adjudication override needs a reason")
        try:
            value = float(decision.text)
        except ValueError:
            raise DecisionError(f"the new value must be a number, not {decision.text!r}") from None
        if value < 0 or value != value or value in (float("inf"),):
            raise DecisionError("the new value must be a finite number >= 0")
        if decision.choice.endswith(".cohesion") and value > 1:
            raise DecisionError("cohesion runs from 0 to 1")
    if decision.kind == "adhoc_inject" and not decision.text.strip():
        raise DecisionError("an ad hoc inject needs its text")


def _white(kind: str, check: FreeCheck, handler: FreeHandler) -> FreeDecision:
    """One of the white cell's acts: its choice is an id or a path, judged by ``check``."""
    return FreeDecision(kind=kind, options=(), check=check, handler=handler, white=True, validate=check_white)


#: The white cell's acts (assembled with the seats' free decisions in wargame.engine.standard).
DECISIONS = (
    _white("hold_inject", _can_hold, _hold),
    _white("publish_inject", _can_release, _publish),
    _white("skip_inject", _can_release, _skip),
    _white("restore_inject", _can_restore, _restore),
    _white("adhoc_inject", _can_write, _write),
    _white("override", _can_override, _override),
)
WHITE_KINDS = tuple(d.kind for d in DECISIONS)  # the white cell's acts
