"""Outcome measures of a game, computed from its journal alone.

Because they read only journal events, the same measures come out of a live game, a replay or a
journal file on disk, and a batch can compute them in its workers.

Times are in days. ``invasion_day`` counts from the scenario's start; every other ``*_day``
counts from the invasion (J), negative for what happened before it (Poland's mobilisation, say).
If there was no invasion, they count from the start.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wargame.engine.journal import Event
from wargame.model.clock import DAY


def _day(t: int, origin: int) -> float:
    return round((t - origin) / DAY, 3)


def measures(events: Iterable[Event]) -> dict[str, Any]:
    """The outcome measures of the game recorded in ``events`` (white-cell events)."""
    events = list(events)
    out: dict[str, Any] = {
        "invasion_day": None,
        "postponements": 0,
        "mobilisation_day": {},
        "war_day": {},
        "offensives": [],
        "offensive_halted_day": None,
        "capital_fallen_day": None,
        "collapse_day": None,
        "intervention_day": {},
        "promises_due": 0,
        "promises_kept": 0,
        "council_sittings": 0,
        "protected_informed": False,
        "reports": {},
        "decisions": {"human": 0, "bot": 0, "default": 0},
        "ended": False,
    }
    j = next((e.t for e in events if e.kind == "invasion"), 0)
    for e in events:
        d = e.data
        if e.kind == "invasion":
            out["invasion_day"] = _day(e.t, 0)
            out["postponements"] = (e.truth or {}).get("postponements", 0)
        elif e.kind == "mobilisation" and d.get("step") == "ordered":
            out["mobilisation_day"][d["actor"]] = _day(e.t, j)
        elif e.kind == "war":
            out["war_day"][d["actor"]] = _day(e.t, j)
        elif e.kind == "offensive":
            out["offensives"].append(
                {
                    "actor": d["actor"],
                    "scale": d["scale"],
                    "day": _day(e.t, j),
                    "divisions": d["divisions"],
                }
            )
        elif e.kind == "halt" and out["offensive_halted_day"] is None:
            out["offensive_halted_day"] = _day(e.t, j)
        elif e.kind == "capital":
            out["capital_fallen_day"] = _day(e.t, j)
        elif e.kind == "collapse":
            out["collapse_day"] = _day(e.t, j)
        elif e.kind == "intervention":
            out["intervention_day"][d["actor"]] = _day(e.t, j)
        elif e.kind == "promise":
            out["promises_due"] += 1
            out["promises_kept"] += int(bool(d["kept"]))
        elif e.kind == "council" and d.get("step") == "sitting":
            out["council_sittings"] += 1
        elif e.kind == "council" and d.get("step") == "informed":
            out["protected_informed"] = True
        elif e.kind == "report":
            out["reports"][e.actors[0]] = out["reports"].get(e.actors[0], 0) + 1
        elif e.kind == "decision":
            by = str(d["by"]).split(":")[0]
            out["decisions"][by] = out["decisions"].get(by, 0) + 1
        elif e.kind == "end":
            out["ended"] = True
    for key in ("mobilisation_day", "war_day", "intervention_day", "reports"):
        out[key] = dict(sorted(out[key].items()))
    return out
