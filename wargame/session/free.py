"""The decisions a seat may take without being prompted, and which of them it can take now.

A seat may convene the council, share a report or an assessment, send aid, open talks, order or
cancel mobilisation, launch or halt an offensive, or review its services, whenever the rule of
that decision allows. The seat screens list them with the choices open now, or why not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.session.views import seat_view

if TYPE_CHECKING:
    from wargame.engine.world import World


def free_decisions(
    world: World, seat: str, over: bool = False
) -> list[tuple[str, tuple[str, ...], str | None]]:
    """Each free decision of ``seat`` as (kind, the choices open to it now, why it cannot be taken
    now or None). The choices of sharing are the reports it holds (by origin) or the subjects it
    has assessed. ``over``: the game is over (or the session closed), so none can be taken."""
    seen = seat_view(world, seat)
    holdings = {
        "share_report": tuple(dict.fromkeys(e.data["origin"] for e in seen.events if e.kind == "report")),
        "share_assessment": tuple(seen.assessments),
    }
    out: list[tuple[str, tuple[str, ...], str | None]] = []
    for kind, spec in sorted(world.decisions.items()):
        if spec.white:
            continue
        possible = spec.check
        choices = spec.options or holdings.get(kind, ())
        if over:
            out.append((kind, (), "the game is over"))
            continue
        open_now = tuple(c for c in choices if possible(world, seat, c) is None)
        why = None if open_now else possible(world, seat, choices[0] if choices else "")
        out.append((kind, open_now, why or (None if open_now else "nothing to choose from")))
    return out
