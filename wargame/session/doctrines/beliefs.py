"""What a seat believes about its allies, its word and its institutions, read from its own view.

Every function here reads a :class:`SeatView` only (the events the seat saw, its assessments, its
own profile and the alliance's public planned strength), never the world: a doctrine built on
them cannot see the truth. Each returns a continuous quantity so that the doctrines' choices,
thresholds on sums of these and the seat's resolve, vary smoothly across games.
"""

from __future__ import annotations

import math

import attrs

from wargame.engine.conditions import held_at
from wargame.engine.events import (
    CapitalData,
    CouncilData,
    EscortData,
    FalseAlarmData,
    FrontData,
    InjectData,
    InvasionData,
    MobilisationData,
    ObjectiveData,
    OffensiveData,
    PromiseData,
    ReportData,
    StatementData,
    WarData,
    WarningData,
)
from wargame.model.clock import DAY
from wargame.model.commitments import promises_of
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


def others_seen(view: SeatView, act: type[WarData] | type[EscortData]) -> float:
    """The share of the other guarantors it has seen take ``act`` (a declaration of war, an
    escort) (0 to 1; 0 with no other)."""
    others = [g for g in view.alliance if g != view.seat]
    if not others:
        return 0.0
    seen = {e.data.actor for e in view.events if isinstance(e.data, act)}
    return sum(1 for g in others if g in seen) / len(others)


def allies_at_war(view: SeatView) -> float:
    """The share of the other guarantors it has seen declare war (0 to 1; 0 with no other)."""
    return others_seen(view, WarData)


def promises(view: SeatView) -> tuple[int, int]:
    """(kept, broken): the seat's own promises it has seen fall due."""
    mine = [e.data for e in view.events if isinstance(e.data, PromiseData) and e.data.guarantor == view.seat]
    kept = sum(1 for p in mine if p.kept)
    return kept, len(mine) - kept


def promised(view: SeatView, action: str) -> bool:
    """Whether a treaty the seat guarantees promises ``action`` of it (the treaty's letter: only
    the promises that bind the seat, none if it is ambiguous, and a conditional one only once the
    seat has seen its condition hold: a promise to fight an invasion does not bind over a blockade)."""
    return any(
        p.action == action
        and (not p.condition or held_at((p.condition,), None, view.events, view.now) is not None)
        for g in view.treaties
        for p in promises_of(g, view.seat)
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


#: How broken a third party believes the victim once it has seen the attacker halt on its objective
#: on the front (a limited aim, held): the war on that front is decided, the attacker holds what it
#: came for, but the state still stands. Above the realist's bar (0.25: the spoils are there to
#: take), below the liberal's 1 (the state has not ceased to exist): design choice.
OBJECTIVE_HELD = 0.5


def front_reading(view: SeatView, front: str, depth_km: float, halt_counts: bool = True) -> tuple[float, str]:
    """How broken the seat believes the defender on ``front`` to be (0 to 1), and what it reads it
    from (``"capital"``, ``"objective"`` or ``"ground"``), from the public news of the war in its
    view: 1 once it has seen the capital fall (a state that can be said to have ceased to exist);
    at least :data:`OBJECTIVE_HELD` once it has seen the attacker halt on its objective (if
    ``halt_counts``: for an entry on the attacker's side, which a decided war invites); else the
    share of the front's depth it last saw taken."""
    taken, halted = 0.0, False
    for e in view.events:
        d = e.data
        if isinstance(d, CapitalData) and d.front == front:
            return 1.0, "capital"
        if isinstance(d, FrontData | ObjectiveData) and d.front == front:
            taken = d.ground_km
            halted = halted or isinstance(d, ObjectiveData)
    share = min(1.0, taken / depth_km) if depth_km > 0 else 0.0
    if halted and halt_counts and share < OBJECTIVE_HELD:
        return OBJECTIVE_HELD, "objective"
    return share, "ground"


def broken(view: SeatView, front: str, depth_km: float) -> float:
    """How broken the seat believes the defender on ``front`` to be (0 to 1):
    :func:`front_reading`."""
    return front_reading(view, front, depth_km)[0]


# -- The threat a seat perceives: what its mobilisation answers read ------------------------------

#: The probability each of Kent's estimative phrases stands for (Kent 1964, his central values; the
#: two ends as the bands' edges): how much a warning in those words weighs.
KENT_ODDS = {
    "impossible": 0.0,
    "almost certainly not": 0.07,
    "probably not": 0.3,
    "chances about even": 0.5,
    "probable": 0.75,
    "almost certain": 0.93,
    "certain": 1.0,
}
CRY_WOLF = 0.5  # the weight left to a warning after each false alarm (design choice; Whaley: 0.92 vs 0.67)
DATE = 0.4  # the most the attack date adds to the intent, when it is now: less than a warning
RECENT_REPORTS = 3  # the reports on the attack date whose median the seat reads as the date
HORIZON_DAYS = 3.0  # an assessed date this many days ahead weighs exp(-1) of one that is now
ATTACK_RATIO = 3.0  # the attacker's rule of thumb (3 to 1): from this ratio the enemy is seen able to attack
UNKNOWN_CAPABILITY = 0.5  # with no estimate of the enemy or of the defenders


@attrs.frozen
class Threat:
    """The parts of a seat's threat belief (each 0 to 1), from its own view only.

    ``alarm``: the standing warning of its analysts (Kent's words as a probability), discounted by
    :data:`CRY_WOLF` for every false alarm it has had; ``date``: how near its latest reports on
    the attack date put the attack (0 once that date is a day past); ``capability``: the enemy's
    divisions on the front against the protected state over its defenders, as assessed, over
    :data:`ATTACK_RATIO`; ``invaded``: the invasion has begun (then the threat is 1)."""

    alarm: float
    date: float
    capability: float
    invaded: bool
    false_alarms: int

    @property
    def intent(self) -> float:
        """How likely an attack soon looks: the warning or the date, either (noisy-or)."""
        return 1.0 - (1.0 - self.alarm) * (1.0 - DATE * self.date)

    @property
    def level(self) -> float:
        """The threat, 0 to 1: intent times capability, 1 once invaded."""
        return 1.0 if self.invaded else round(self.intent * self.capability, 6)


def warnings(view: SeatView) -> tuple[float, int]:
    """(the weight of the seat's standing warning, 0 if none or it became a false alarm; the
    number of its false alarms). Each false alarm leaves a later warning :data:`CRY_WOLF` of its
    weight: the cry-wolf effect on the decision, as the engine's on the analysts' bar."""
    standing, false_alarms = 0.0, 0
    for e in view.events:
        d = e.data
        if isinstance(d, WarningData) and d.actor == view.seat:
            standing = KENT_ODDS.get(d.words, 0.5)
        elif isinstance(d, FalseAlarmData) and d.actor == view.seat:
            standing, false_alarms = 0.0, false_alarms + 1
    return standing * CRY_WOLF**false_alarms, false_alarms


def date_nearness(view: SeatView) -> float:
    """How near the seat's latest reports put the attack: the median of the claims of its last
    :data:`RECENT_REPORTS` reports on the attack date (the latest news counts: a date that passed
    with no attack is superseded by the next reports), 1 within the coming day (or up to a day
    past), exp(-(days ahead - 1) / HORIZON_DAYS) beyond it, 0 with no report or once that date is
    more than a day past (it did not come)."""
    claims = [
        e.data.claim
        for e in view.events
        if isinstance(e.data, ReportData) and e.data.subject == "attack_date"
    ]
    if not claims:
        return 0.0
    latest = sorted(claims[-RECENT_REPORTS:])
    ahead = (latest[len(latest) // 2] - view.now) / DAY
    if ahead < -1.0:
        return 0.0
    return 1.0 if ahead <= 1.0 else math.exp(-(ahead - 1.0) / HORIZON_DAYS)


def capability(view: SeatView, front: object) -> float:
    """The enemy's assessed divisions on ``front`` over the protected state's (its own divisions if
    it is the protected state, else its analysts' assessment of them), over :data:`ATTACK_RATIO`,
    at most 1; :data:`UNKNOWN_CAPABILITY` when either is not assessed or no front is given."""
    enemy = view.assessments.get(f"forces.{front}") if front is not None else None
    protected = {g.protected for g in view.treaties}
    if enemy is None or not protected:
        return UNKNOWN_CAPABILITY
    if view.seat in protected:
        defenders: float | None = view.own.divisions
    else:
        estimate = next((view.assessments.get(f"mobilisation.{p}") for p in sorted(protected)), None)
        defenders = estimate.value if estimate is not None else None
    if defenders is None:
        return UNKNOWN_CAPABILITY
    return min(1.0, enemy.value / max(defenders, 1.0) / ATTACK_RATIO)


def invasion(view: SeatView) -> InvasionData | None:
    """The invasion, if the seat has seen it begin."""
    return next((e.data for e in view.events if isinstance(e.data, InvasionData)), None)


def invaded(view: SeatView) -> bool:
    """Whether the seat has seen the invasion begin."""
    return invasion(view) is not None


def threat_of(view: SeatView, front: object = None) -> Threat:
    """The seat's threat belief in parts (:class:`Threat`), against ``front`` (the prompt's)."""
    alarm, false_alarms = warnings(view)
    return Threat(
        alarm=alarm,
        date=date_nearness(view),
        capability=capability(view, front),
        invaded=invaded(view),
        false_alarms=false_alarms,
    )


def threat(view: SeatView, front: object = None) -> float:
    """The threat the seat perceives, 0 to 1 (:attr:`Threat.level`): its warnings and false
    alarms, its assessment of the attack date, of the enemy's forces on ``front`` and of the
    defenders', and whether the invasion has begun. Never the truth, never the calendar."""
    return threat_of(view, front).level


def allies_mobilised(view: SeatView) -> float:
    """The share of the other guarantors (and the protected state, for a guarantor; the guarantors,
    for the protected state) it has seen order mobilisation (0 with none)."""
    others = {g for g in view.alliance if g != view.seat}
    others |= {g.protected for g in view.treaties if g.protected != view.seat}
    if not others:
        return 0.0
    seen = {
        e.data.actor
        for e in view.events
        if isinstance(e.data, MobilisationData) and e.data.step in ("ordered", "partial")
    }
    return sum(1 for a in others if a in seen) / len(others)


REQUEST_DAYS = 1.0  # an ally's request to wait weighs exp(-days since / REQUEST_DAYS)


def requested(view: SeatView, kind: str) -> float:
    """How strongly the seat is being asked to put off decisions of ``kind`` (0 to 1): the injects
    it received that restrain ``kind`` (an ally's request), each weighing exp(-days since it came /
    :data:`REQUEST_DAYS`), summed and capped at 1. A request fades as events overtake it."""
    weight = sum(
        math.exp(-(view.now - e.t) / DAY / REQUEST_DAYS)
        for e in view.events
        if isinstance(e.data, InjectData) and kind in (e.data.restrains or ())
    )
    return min(1.0, weight)
