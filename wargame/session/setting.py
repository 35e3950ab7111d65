"""A seat's setting: the public facts of a scenario its screen needs, and its own plan.

A seat's screen names fronts and states, dates events from the start and draws its own
mobilisation timetable. The :class:`~wargame.model.scenario.Scenario` holds all that, and also
what no seat may read: the aggressor's plan (its instant of attack, its forces), the white cell's
notes, every other state's timetable, the injects to come. A :class:`Setting` is built from an
allowlist (:meth:`Setting.of`) and is what crosses the wire to a seat (``wargame serve``); it has
the same spelling as the scenario for what it holds (``setting.scenario.start``,
``setting.fronts``, ``setting.actors``, ``setting.aggressor.actor``, ``setting.mobilisation``),
so the panels read it as they read a scenario, and cannot read anything else.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from wargame.engine.payload import canonical
from wargame.model.scenario import Mobilisation, Scenario
from wargame.model.scenario_files.structure import CONVERTER


@attrs.frozen(kw_only=True)
class PublicAbout:
    """The scenario's identity and span (no white-cell notes)."""

    name: str
    title: str
    start: datetime
    horizon_days: int


@attrs.frozen(kw_only=True)
class Named:
    """A state or a front: its id and the name players read."""

    id: str
    name: str
    role: str = ""


@attrs.frozen(kw_only=True)
class PublicThreat:
    """Who threatens whom: public at the start of every scenario (not when, nor with what)."""

    actor: str
    target: str


@attrs.frozen(kw_only=True)
class Setting:
    """What a seat's screen may read of the scenario (see the module docstring)."""

    scenario: PublicAbout
    actors: tuple[Named, ...]
    fronts: tuple[Named, ...]
    aggressor: PublicThreat
    seats: tuple[str, ...]
    mobilisation: tuple[Mobilisation, ...]  # the seat's own timetable only (none for a spectator)

    @classmethod
    def of(cls, scenario: Scenario, seat: str | None) -> Setting:
        """The setting of ``seat`` (``None``: the public setting, for spectators)."""
        about = scenario.scenario
        return cls(
            scenario=PublicAbout(
                name=about.name, title=about.title, start=about.start, horizon_days=about.horizon_days
            ),
            actors=tuple(Named(id=a.id, name=a.name, role=a.role) for a in scenario.actors),
            fronts=tuple(Named(id=f.id, name=f.name) for f in scenario.fronts),
            aggressor=PublicThreat(actor=scenario.aggressor.actor, target=scenario.aggressor.target),
            seats=scenario.seat_ids,
            mobilisation=tuple(m for m in scenario.mobilisation if seat is not None and m.actor == seat),
        )

    @property
    def actor_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.actors)

    def actor(self, actor_id: str) -> Named:
        return next(a for a in self.actors if a.id == actor_id)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = canonical(CONVERTER.unstructure(self))
        return out

    @classmethod
    def from_json(cls, obj: Any) -> Setting:
        """A setting read back from :meth:`to_json` (raises ValueError on a bad one)."""
        try:
            setting: Setting = CONVERTER.structure(obj, cls)
        except Exception as err:  # cattrs raises its own groups; one message for the caller
            raise ValueError(f"not a setting: {err}") from None
        return setting
