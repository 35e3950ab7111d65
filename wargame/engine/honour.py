"""Grading a game: how far deterrence worked, how each triggered guarantee was honoured, and how
much of the force it promised was delivered.

Every game gets a grade; none is ``None``, so a batch's shares count every game.

Deterrence (:func:`deterrence`):

* ``deterred`` — the aggressor abandoned its plan, or the game ended before it attacked;
* ``delayed`` — it postponed its attack at least once, then invaded;
* ``failed`` — it invaded on its first date;
* ``undecided`` — the journal stops (a game cut short) before the attack was made or given up.

Each triggered guarantee (:func:`honour`), from best to worst:

* ``substantive`` — a guarantor launched an offensive of at least the guarantee's
  ``substantive_divisions`` (a general offensive, if that is 0) within ``substantive_within_days``
  of the invasion;
* ``ambiguous`` — nothing substantive yet, but the journal ends (horizon or cut short) before that
  window closes, and the protected state has not collapsed: the game cannot tell;
* ``formal`` — every *committed* guarantor is at war with the aggressor (it declared war, or it
  was at war when the game began, as Britain and France were with Germany in April 1940), nothing
  more;
* ``partial`` — some guarantors, not every committed one, are at war with the aggressor;
* ``abandoned`` — none is.

A guarantor is committed when a promise of the guarantee binds it (its ``by``, empty for all), or,
for a guarantee without dated promises, when it is not ``ambiguous``
(:mod:`wargame.model.commitments`). An ambiguous guarantor, one that has said nothing, does not
count against the grade when it stays out; when it fights, it lifts an ``abandoned`` grade to
``partial`` and its offensive can be the substantive one. A guarantee whose guarantors are all
ambiguous is graded by what they did, over all of them: formal if they are all at war, partial if
some are, abandoned if none is (the protected state was left alone, whatever was said).

The game (:func:`game_honour`) is ``deterred`` when there was no invasion, ``untriggered`` when
the invasion triggered no guarantee, and otherwise takes its best guarantee's grade, in the order
above (``substantive`` if any is, else ``ambiguous`` if any is, else formal > partial > abandoned).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from wargame.engine.events import OffensiveData, WarData
from wargame.engine.journal import Event
from wargame.engine.outcome_types import Deterrence, GuaranteeHonour, Honour
from wargame.model.clock import DAY
from wargame.model.commitments import committed
from wargame.model.prompts import at_war_at_start, offensive_front
from wargame.model.scenario import Guarantee, Scenario
from wargame.model.units import planned

RANK: tuple[GuaranteeHonour, ...] = ("abandoned", "partial", "formal", "ambiguous", "substantive")
"""A guarantee's grades, worst to best: the game reports the best."""

GENERAL_SHARE = 0.8
"""Share of a guarantor's divisions a general offensive commits when it has no offensive front
(with one, the front's ``general_share``): the size promised by a guarantee that names no
``substantive_divisions``."""


def deterrence(invaded: bool, postponements: int, abandoned: bool, ended: bool) -> Deterrence:
    """The grade of deterrence (see the module docstring)."""
    if invaded:
        return "delayed" if postponements > 0 else "failed"
    return "deterred" if abandoned or ended else "undecided"


def within(g: Guarantee, e: Event, j: int) -> bool:
    """Whether ``e`` falls inside ``g``'s window: from the invasion (at ``j``) to
    ``substantive_within_days`` after it."""
    return j <= e.t <= j + g.substantive_within_days * DAY


def substantive(g: Guarantee, e: Event, j: int) -> bool:
    """Whether ``e`` is an offensive that honours ``g`` in substance."""
    d = e.data
    if not isinstance(d, OffensiveData) or d.actor not in g.guarantors:
        return False
    big = d.divisions >= g.substantive_divisions if g.substantive_divisions > 0 else d.scale == "general"
    return big and within(g, e, j)


def at_war(scenario: Scenario, guarantor: str, wars: Iterable[Event]) -> bool:
    """Whether ``guarantor`` is at war with the aggressor: it declared war on it in ``wars``, or
    was at war with it when the game began."""
    aggressor = scenario.aggressor.actor
    declared = any(
        isinstance(e.data, WarData) and e.data.actor == guarantor and e.data.on == aggressor for e in wars
    )
    return declared or at_war_at_start(scenario, guarantor, aggressor)


def honour(
    g: Guarantee,
    scenario: Scenario,
    acts: Sequence[Event],
    j: int,
    end: int,
    collapsed: bool,
) -> GuaranteeHonour:
    """How ``g`` was honoured, from the offensives and declarations of war in ``acts``, an invasion
    at ``j``, a journal ending at ``end`` and whether the protected state ``collapsed`` (see the
    module docstring)."""
    if any(substantive(g, e, j) for e in acts):
        return "substantive"
    if not collapsed and end < j + g.substantive_within_days * DAY:
        return "ambiguous"
    bound = committed(g) or g.guarantors  # all ambiguous: graded by what they all did
    fighting = {a for a in g.guarantors if at_war(scenario, a, acts)}
    if fighting.issuperset(bound):
        return "formal"
    return "partial" if fighting else "abandoned"


def game_honour(grade: Deterrence, invaded: bool, graded: Iterable[GuaranteeHonour]) -> Honour:
    """The game's grade from its deterrence grade and its triggered guarantees' grades."""
    if not invaded:
        return "deterred" if grade == "deterred" else "ambiguous"
    return max(graded, key=RANK.index, default="untriggered")


def promised_divisions(scenario: Scenario, g: Guarantee, guarantor: str) -> float:
    """The offensive ``g`` promised of ``guarantor``: its ``substantive_divisions``, or, if that is
    0 (a general offensive), its offensive front's ``general_share`` (else :data:`GENERAL_SHARE`)
    of the guarantor's largest planned strength (its standing army or its timetable's last phase)."""
    if g.substantive_divisions > 0:
        return g.substantive_divisions
    front = offensive_front(scenario, guarantor)
    share = front.general_share if front is not None else GENERAL_SHARE
    return share * planned(scenario, guarantor)


def delivered_share(
    scenario: Scenario, triggered: Iterable[Guarantee], offensives: Sequence[Event], j: int
) -> float:
    """Forces delivered over forces promised: for each guarantee, its guarantors' largest offensive
    in its window over the size promised (:func:`promised_divisions`; a guarantor promised nothing
    delivers in full by any offensive), capped at 1; the best guarantee's share (0: none)."""
    best = 0.0
    for g in triggered:
        for e in offensives:
            d = e.data
            if not isinstance(d, OffensiveData) or d.actor not in g.guarantors or not within(g, e, j):
                continue
            promised = promised_divisions(scenario, g, d.actor)
            share = min(1.0, d.divisions / promised) if promised > 0 else 1.0
            best = max(best, share)
    return round(best, 3)


def response_time(scenario: Scenario, guarantors: Sequence[str], acts: Sequence[Event], j: int) -> int | None:
    """When the guarantors' collective response was in place: the instant by which guarantors
    holding at least half their planned strength (:func:`~wargame.model.units.planned`; equal weights where no
    timetable says) had each responded, by a declaration of war on the aggressor or an offensive
    after the invasion at ``j`` (a guarantor at war from the start responded at ``j``). None if
    they never did."""
    if not guarantors:
        return None
    weights = {g: planned(scenario, g) for g in guarantors}
    if sum(weights.values()) <= 0:
        weights = dict.fromkeys(guarantors, 1.0)
    aggressor = scenario.aggressor.actor
    answered: dict[str, int] = {}
    for g in guarantors:
        if at_war_at_start(scenario, g, aggressor):
            answered[g] = j
    for e in acts:
        d = e.data
        if (isinstance(d, WarData) and d.on != aggressor) or not isinstance(d, WarData | OffensiveData):
            continue
        if d.actor in weights and d.actor not in answered and e.t >= j:
            answered[d.actor] = e.t
    held = 0.0
    for g, t in sorted(answered.items(), key=lambda item: (item[1], item[0])):
        held += weights[g]
        if held >= 0.5 * sum(weights.values()):
            return t
    return None
