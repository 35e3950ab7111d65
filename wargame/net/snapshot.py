"""Snapshots: the whole current view of one role, as JSON, built on the server.

Each role's snapshot is made by one function from the session's own allowlisted views, so that
nothing reaches a client that its role may not see:

- a seat: :meth:`Session.view` (its events with ground truth stripped, its prompts, its own
  state), the free decisions open to it, and its :class:`~wargame.session.setting.Setting`;
- the white cell: :meth:`Session.white_cell` (everything: the ground truth is its job);
- a spectator: :func:`spectator_snapshot`, the public picture only (the hook a projector screen
  builds on: one function decides what a spectator receives).

:func:`read_seat_view` and :func:`read_white_view` turn a snapshot back into the session's view
classes on the client, so that the screens read the same objects as in local play.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, TypeVar

import attrs

from wargame.engine.journal import Event
from wargame.engine.kinds import Kind
from wargame.engine.payload import canonical
from wargame.model.scenario_files.structure import CONVERTER
from wargame.session.public import WITHHELD, public_view_json
from wargame.session.session import Session
from wargame.session.setting import Setting
from wargame.session.views import SeatView, WhiteCellView

T = TypeVar("T")


def view_json(view: Any, withheld: Collection[Kind] = ()) -> dict[str, Any]:
    """An attrs view (SeatView, WhiteCellView) as JSON: events as journal objects (less those of
    the ``withheld`` kinds), the rest unstructured to plain canonical values."""
    out: dict[str, Any] = {}
    for field in attrs.fields(type(view)):
        value = getattr(view, field.name)
        if field.name == "events":
            out["events"] = [e.to_json() for e in value if e.kind not in withheld]
        else:
            if isinstance(value, Mapping):
                value = dict(value)  # a lazy mapping: worked out now
            out[field.name] = canonical(CONVERTER.unstructure(value))
    return out


def read_view(cls: type[T], obj: Mapping[str, Any]) -> T:
    """A view of ``cls`` back from :func:`view_json` (ValueError if it is not one)."""
    try:
        fields = attrs.fields_dict(attrs.resolve_types(cls))  # type: ignore[type-var,arg-type]
        kwargs: dict[str, Any] = {}
        for name, field in fields.items():
            if name not in obj:
                continue
            if name == "events":
                kwargs[name] = tuple(Event.from_json(e) for e in obj[name])
            else:
                kwargs[name] = CONVERTER.structure(obj[name], field.type or Any)
        return cls(**kwargs)
    except Exception as err:  # a broken snapshot: one clear message for the client
        raise ValueError(f"not a {cls.__name__} snapshot: {err}") from None


def read_seat_view(obj: Mapping[str, Any]) -> SeatView:
    return read_view(SeatView, obj)


def read_white_view(obj: Mapping[str, Any]) -> WhiteCellView:
    return read_view(WhiteCellView, obj)


def seat_snapshot(session: Session, seat: str) -> dict[str, Any]:
    """What the seat's screen shows: its view, the orders open to it, its setting."""
    view = session.view(seat)
    return {
        "seat": seat,
        "view": view_json(view, WITHHELD),
        "free": [[kind, list(options), why] for kind, options, why in session.free_decisions(seat)],
        "setting": Setting.of(session.scenario, seat).to_json(),
    }


def white_snapshot(session: Session) -> dict[str, Any]:
    """What the white cell's screen shows: the ground truth, and the whole scenario's setting
    (it holds the scenario itself in local play; the setting is what its screen reads here)."""
    return {
        "seat": "",
        "view": view_json(session.white_cell()),
        "seats": dict(session.seats),
        "setting": Setting.of(session.scenario, None).to_json(),
    }


def spectator_snapshot(
    session: Session,
    running: bool | None = None,
    speed: str | None = None,
    boxes: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """The public picture for the projector (:func:`wargame.analysis.aar.public.public_picture`:
    built from the public view's allowlist, the hot wash in it once the game is over), with the
    server's clock (``running``, ``speed``) and each deciding seat's time box (seat -> seconds).
    Nothing else decides what a spectator receives."""
    from wargame.analysis.aar.public import public_picture

    view = public_picture(session, running=running, speed=speed, boxes=boxes)
    return {"seat": "", "view": public_view_json(view)}


def whole_scenario(session: Session) -> dict[str, Any]:
    """The whole scenario, ground truth and all: for the white cell only (its ``welcome``), whose
    screens show the aggressor's plan, the deception and the penetrations beside what happened."""
    out: dict[str, Any] = canonical(CONVERTER.unstructure(session.scenario))
    return out
