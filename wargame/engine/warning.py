"""Warning: a seat's analysts warn of an imminent attack as indicators build up.

Four times a day before the invasion, a seat with a service looks at its reports on the
aggressor's attack date. When at least ``warning_reports`` of them (plus two for every false
alarm so far: the cry-wolf effect) put the attack between half a day ago and three days ahead,
it issues a **warning**, phrased in Kent's words from the share of those reports that agree
within a day (smoothed: (agreeing + 1) / (reports + 2), so two reports never make a certainty).
If the warned date passes by a day with no attack (a postponed order, or deception), the
warning becomes a **false alarm**, and the next one needs more evidence.

The warning names the act to come: "an attack" (an invasion, as always), "a strike", "a
blockade", "a hybrid campaign". The analysts watch until that act comes, a pressure included: the
reports' attack date is the date of the plan's act, and an escalation after a pressure comes at
the aggressor's word, on no date a report could have named (so no warning follows the blockade,
and no "false alarm" of the blockade that came).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wargame.engine.events import FalseAlarmData, WarningData
from wargame.model.clock import DAY, format_instant
from wargame.model.grading import kent
from wargame.model.wording import count

if TYPE_CHECKING:
    from collections.abc import Generator

    import simpy

    from wargame.engine.world import World

HORIZON_DAYS = 3  # "imminent": within three days


def start(world: World) -> None:
    aggressor = world.scenario.aggressor.actor
    for actor in sorted({s.actor for s in world.scenario.services} - {aggressor}):
        world.env.process(_watch(world, actor))


#: What the analysts warn of, by the act to come (an invasion's words are "an attack", as always).
ACTS = {"strike": "a strike", "blockade": "a blockade", "hybrid": "a hybrid campaign"}


def _act(world: World, article: str = "") -> str:
    """What a warning is of: the plan's act (``means``), "an attack" for an invasion."""
    what = ACTS.get(world.scenario.aggressor.means, "an attack")
    return f"the {what.split(' ', 1)[1]}" if article else what


def _come(world: World) -> bool:
    """Whether the act the analysts watch for has come: the invasion (or strike), or the blockade
    or hybrid campaign (an escalation after it comes at once, on no date of the plan's)."""
    return bool(world.invasion.triggered or world.pressure.triggered)


def _watch(world: World, actor: str) -> Generator[simpy.Event, Any, None]:
    env = world.env
    picture = world.pictures[actor]
    need = world.scenario.actor(actor).warning_reports
    alarm: int | None = None
    while not _come(world):
        yield env.timeout(DAY // 4)
        if _come(world):
            return
        now = int(env.now)
        if alarm is not None:
            if now > alarm + DAY:
                world.journal.record(
                    FalseAlarmData(actor=actor, expected=alarm),
                    f"{world.name(actor)}: {_act(world, 'the')} expected on "
                    f"{format_instant(world.scenario.scenario.start, alarm)} did not come.",
                    actors=(actor,),
                    see=(actor,),
                )
                need += 2
                alarm = None
            continue
        soon = [d for d in picture.claims("attack_date") if now - DAY / 2 <= d <= now + HORIZON_DAYS * DAY]
        if len(soon) < need:
            continue
        expected = int(sorted(soon)[len(soon) // 2])
        # the share that agree, smoothed (Laplace) so that two reports never make a certainty
        agreeing = (sum(1 for d in soon if abs(d - expected) <= DAY) + 1) / (len(soon) + 2)
        alarm = expected
        world.journal.record(
            WarningData(actor=actor, expected=expected, reports=len(soon), words=kent(agreeing)),
            f"{world.name(actor)}'s analysts warn of {_act(world)} around "
            f"{format_instant(world.scenario.scenario.start, expected)}: {kent(agreeing)} "
            f"({count(len(soon), 'report')}).",
            actors=(actor,),
            see=(actor,),
        )
