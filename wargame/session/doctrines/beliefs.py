"""What a seat believes about its allies, its word and its institutions, read from its own view.

Every function here reads a :class:`SeatView` only (the events the seat saw, its assessments, its
own profile and the alliance's public planned strength), never the world: a doctrine built on
them cannot see the truth. Each returns a continuous quantity so that the doctrines' choices,
thresholds on sums of these and the seat's resolve, vary smoothly across games.
"""

from __future__ import annotations

from wargame.engine.events import (
    CapitalData,
    CouncilData,
    FrontData,
    MobilisationData,
    OffensiveData,
    PromiseData,
    ReportData,
    StatementData,
    WarData,
)
from wargame.session.views import SeatView

# How far another guarantor's visible acts show it carrying the load (0 nothing, 1 attacking).
ENGAGEMENT = {"statement": 0.25, "mobilised": 0.5, "at_war": 0.75, "attacking": 1.0}


def spoken(view: SeatView) -> bool:
    """Whether the seat has publicly stated that it stands by the protected state."""
    return any(isinstance(e.data, StatementData) and e.data.actor == view.seat for e in view.events)


def engagement(view: SeatView, actor: str) -> float:
    """How far ``actor`` is seen to act (0 to 1, :data:`ENGAGEMENT`): the most it has visibly done."""
    level = 0.0
    for e in view.events:
        d = e.data
        if getattr(d, "actor", None) != actor:
            continue
        if isinstance(d, StatementData):
            level = max(level, ENGAGEMENT["statement"])
        elif isinstance(d, MobilisationData) and d.step in ("ordered", "partial"):
            level = max(level, ENGAGEMENT["mobilised"])
        elif isinstance(d, WarData):
            level = max(level, ENGAGEMENT["at_war"])
        elif isinstance(d, OffensiveData):
            level = max(level, ENGAGEMENT["attacking"])
    return level


def own_share(view: SeatView) -> float:
    """The seat's share of the alliance's planned strength (1 when it stands alone or none is known)."""
    full = sum(view.alliance.values())
    if view.seat not in view.alliance or full <= 0:
        return 1.0
    return view.alliance[view.seat] / full


def others_carry(view: SeatView) -> float:
    """The load the other guarantors are seen to carry (0 to 1): each one's engagement times its
    share of the alliance's planned strength, summed. A realist passes the buck in proportion."""
    full = sum(view.alliance.values())
    if full <= 0:
        return 0.0
    return min(
        1.0,
        sum(engagement(view, g) * planned / full for g, planned in view.alliance.items() if g != view.seat),
    )


def allies_at_war(view: SeatView) -> float:
    """The share of the other guarantors it has seen declare war (0 to 1; 0 with no other)."""
    others = [g for g in view.alliance if g != view.seat]
    if not others:
        return 0.0
    at_war = {e.data.actor for e in view.events if isinstance(e.data, WarData)}
    return sum(1 for g in others if g in at_war) / len(others)


def promises(view: SeatView) -> tuple[int, int]:
    """(kept, broken): the seat's own promises it has seen fall due."""
    mine = [e.data for e in view.events if isinstance(e.data, PromiseData) and e.data.guarantor == view.seat]
    kept = sum(1 for p in mine if p.kept)
    return kept, len(mine) - kept


def promised(view: SeatView, action: str) -> bool:
    """Whether a treaty the seat guarantees promises ``action`` (the treaty's letter)."""
    return any(
        view.seat in g.guarantors and any(p.action == action for p in g.promises) for g in view.treaties
    )


def council_verdict(view: SeatView, items: tuple[str, ...]) -> float:
    """What the council the seat sat in last decided on any of ``items``: +1 adopted, −1 rejected,
    0 never decided (the latest decision counts)."""
    verdict = 0.0
    for e in view.events:
        d = e.data
        if isinstance(d, CouncilData) and d.step == "decision" and d.item in items:
            if view.seat not in (d.positions or {}):
                continue
            verdict = 1.0 if d.adopted else -1.0
    return verdict


def shared_reports(view: SeatView) -> int:
    """How many reports reached the seat through liaison (shared by another service)."""
    return sum(1 for e in view.events if isinstance(e.data, ReportData) and e.data.shared_by is not None)


def broken(view: SeatView, front: str, depth_km: float) -> float:
    """How broken the seat believes the defender on ``front`` to be (0 to 1), from the public news
    of the war in its view: the share of the front's depth it last saw taken, and 1 once it has
    seen the capital fall (a state that can be said to have ceased to exist)."""
    taken = 0.0
    for e in view.events:
        d = e.data
        if isinstance(d, CapitalData) and d.front == front:
            return 1.0
        if isinstance(d, FrontData) and d.front == front:
            taken = d.ground_km
    return min(1.0, taken / depth_km) if depth_km > 0 else 0.0
