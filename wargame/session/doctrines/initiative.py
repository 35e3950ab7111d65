"""Initiatives: what a doctrine does unprompted — share intelligence, consult, aid, talk.

A bot answers prompts; a government also acts when nobody asks. After a bot has answered one of
its prompts (prompts arise on news: a report, a warning, a declaration, a promise falling due),
its doctrine looks at what it now believes and may take free decisions, each a rule of its
doctrine read from its own view (never the truth):

* **share an assessment** (``share_assessment``) with its liaison partners when it has not yet
  shared its view of a subject, or its view has moved since (by ``date_hours`` on a date, by
  ``relative`` otherwise); never the date of the attack once it has seen the attack begin.
  Where liaison is institutional or a fusion centre reports pass by themselves; where it is
  *ad hoc* (1939) nothing passes unless someone decides to pass it, so a doctrine that shares
  builds the common picture the article credits with credibility.
* **consult** (``convene_council``): call the council once it is at war, unless a sitting is
  already called or under way since it went to war.
* **aid** (``send_aid``): a shipment to the invaded protected state (or one under a blockade or
  hybrid campaign: materiel for its endurance), at most every ``aid_days``.
* **talk** (``negotiate``): open talks with the aggressor after the invasion while not at war
  with it — a way out, and a public signal that lowers its credibility.

Which doctrine does what, and why:

=============== ===================================================================
liberal          shares every assessment (transparency among allies is an institution),
                 consults once at war (the council is where allies decide together),
                 aids when a promise binding it says aid (the treaty's letter)
constructivist   shares once it has spoken (an ally keeps no secrets from the ally it
                 stood by), aids the invaded state once it has spoken (solidarity)
realist          shares nothing (intelligence is a national asset; self-help), opens talks
                 when it is not at war and its resolve is below the bar for war
resolute         consults at war, aids at once
cautious         opens talks after the invasion
passive          nothing
=============== ===================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from wargame.engine.events import (
    AidData,
    AssessmentData,
    ConcessionData,
    CouncilData,
    InvasionData,
    LiftData,
    PressureData,
    TalksData,
    WarData,
)
from wargame.model.clock import DAY
from wargame.model.doctrine_params import RealistParams
from wargame.session.doctrines.beliefs import invaded, invasion, promised, spoken
from wargame.session.doctrines.common import resolve_of
from wargame.session.doctrines.realist import DEFAULT, stake
from wargame.session.views import SeatView


@attrs.frozen
class Initiative:
    """A free decision a doctrine takes: its ``kind``, ``choice`` and ``reason``."""

    kind: str
    choice: str
    reason: str


@attrs.frozen
class Sharing:
    """When a view has moved enough to be worth sharing again."""

    date_hours: float = 12.0  # a date estimate that moved by half a day
    relative: float = 0.1  # any other estimate that moved by a tenth


SHARING = Sharing()
AID_DAYS = 14.0  # at most one shipment a fortnight (the engine's default delivery time)


def _shared(view: SeatView) -> dict[str, float]:
    """The last claim the seat shared on each subject."""
    return {
        e.data.subject: e.data.claim
        for e in view.events
        if isinstance(e.data, AssessmentData) and e.data.source == f"{view.seat}.assessment"
    }


def attack_begun(view: SeatView) -> bool:
    """Whether the seat has seen the aggressor's act begin (an invasion, a strike, a blockade or a
    hybrid campaign): from then on the date of the attack is history, not intelligence."""
    return any(isinstance(e.data, InvasionData | PressureData) for e in view.events)


def share(view: SeatView, reason: str, rule: Sharing = SHARING) -> list[Initiative]:
    """Share each assessment the seat has not shared, or whose value has moved since it did (not
    the date of the attack once it has seen the attack begin: a stale date helps no ally)."""
    last = _shared(view)
    out = []
    begun = attack_begun(view)
    for subject, estimate in sorted(view.assessments.items()):
        if subject == "attack_date" and begun:
            continue
        before = last.get(subject)
        if before is not None:
            moved = abs(estimate.value - before)
            if subject.endswith("date"):
                if moved < rule.date_hours * 60:
                    continue
            elif moved < rule.relative * max(abs(before), 1.0):
                continue
        out.append(Initiative("share_assessment", subject, reason))
    return out


def consult(view: SeatView, reason: str) -> list[Initiative]:
    """Call the council once at war, unless one has been called since the seat went to war."""
    went = next((e.t for e in view.events if isinstance(e.data, WarData) and e.data.actor == view.seat), None)
    at_war = bool(view.own.at_war_with)
    if not at_war:
        return []
    since = went if went is not None else 0
    if any(isinstance(e.data, CouncilData) and e.t >= since for e in view.events):
        return []
    return [Initiative("convene_council", "convene", reason)]


def pressed(view: SeatView) -> bool:
    """Whether the seat has seen a blockade or hybrid campaign begin and not yet end short of war."""
    begun = any(isinstance(e.data, PressureData) for e in view.events)
    return begun and not any(isinstance(e.data, ConcessionData | LiftData) for e in view.events)


def aid(view: SeatView, reason: str) -> list[Initiative]:
    """A shipment to the invaded (or blockaded, pressed) state, at most every :data:`AID_DAYS`."""
    if not invaded(view) and not pressed(view):
        return []
    sent = [e.t for e in view.events if isinstance(e.data, AidData) and e.data.actor == view.seat]
    if sent and view.now - sent[-1] < AID_DAYS * DAY:
        return []
    return [Initiative("send_aid", "aid", reason)]


def talks_open(view: SeatView) -> bool:
    """Whether the seat could open talks: it has seen the invasion, is not at war with the
    aggressor, and has not opened talks already."""
    seen = invasion(view)
    if seen is None or seen.aggressor in view.own.at_war_with:
        return False
    return not any(isinstance(e.data, TalksData) and e.data.actor == view.seat for e in view.events)


def talk(view: SeatView, reason: str) -> list[Initiative]:
    """Open talks with the aggressor after the invasion, while not at war with it, once."""
    return [Initiative("negotiate", "talks", reason)] if talks_open(view) else []


def liberal(view: SeatView) -> list[Initiative]:
    return [
        *share(view, "allies decide on a common picture"),
        *consult(view, "allies at war decide together, in council"),
        *(aid(view, "the treaty's letter: we promised aid") if promised(view, "aid") else []),
    ]


def constructivist(view: SeatView) -> list[Initiative]:
    if not spoken(view):
        return []
    return [
        *share(view, "we keep no secrets from the ally we stood by"),
        *aid(view, "we stand by our word with what we have"),
    ]


def realist(view: SeatView, p: RealistParams = DEFAULT) -> list[Initiative]:
    """Talks when its resolve is below its own bar for war (its ``declare``, halved with everything
    at stake, as in :func:`~wargame.session.doctrines.realist.realist`)."""
    if not talks_open(view):  # (then no need to weigh its resolve)
        return []
    r, bar = resolve_of(view), p.declare * (1 - 0.5 * stake(view))
    if r >= bar:
        return []
    return talk(view, f"no interest worth a war (resolve {r:.2f}, bar {bar:.3f}): seek a way out")


def resolute(view: SeatView) -> list[Initiative]:
    return [*consult(view, "at war: decide with our allies, now"), *aid(view, "help at once")]


def cautious(view: SeatView) -> list[Initiative]:
    return talk(view, "talks may yet stop the war")


#: Each doctrine's initiatives (a doctrine missing here takes none).
INITIATIVES: Mapping[str, Callable[[SeatView], list[Initiative]]] = {
    "liberal": liberal,
    "constructivist": constructivist,
    "realist": realist,
    "resolute": resolute,
    "cautious": cautious,
}


def initiatives(doctrine: str, view: SeatView, params: object = None) -> list[Initiative]:
    """The free decisions ``doctrine`` takes now, from ``view`` alone (none for a script), with the
    seat's doctrine parameters where its scenario gives them (``params``: the realist's bar for war)."""
    if doctrine == "realist" and isinstance(params, RealistParams):
        return realist(view, params)
    rule = INITIATIVES.get(doctrine)
    return rule(view) if rule is not None else []
