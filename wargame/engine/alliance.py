"""Guarantees under test: the trigger, declarations of war, and dated promises.

When the aggressor invades a protected state, every guarantee naming that aggressor in
``against`` is triggered (J = the invasion). Each guarantor is asked to declare war (after
``(1 - trigger_clarity)`` of a day of consultations); waiting is a choice it takes up again on
news (:mod:`wargame.engine.news`: a report, a partner's declaration, a promise falling due...), at
most once per its ``redecide_hours``, while the protected state still stands. Each promise (J+3
limited offensive, J+15 main body...) comes due on its day for the guarantors it binds (its
``by``, empty for all; never an ``ambiguous`` one: :mod:`wargame.model.commitments`): those able
to attack are prompted to launch the offensive (and from then on, at war, again on news), and a
day later the engine records whether each of them kept it. The protected state sees its
guarantees' promises fall due; what was kept is what it can observe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wargame.engine import aid, campaign, conditions, news, support
from wargame.engine.decisions import Decision, FreeDecision, open_prompt
from wargame.engine.events import EscalationData, GuaranteeData, PromiseData, TalksData, WarData
from wargame.engine.functionality import functionality, pace
from wargame.model.clock import DAY, from_days, from_hours
from wargame.model.commitments import binds, promises_of
from wargame.model.pressure import PRESSURE_MEANS, clarity_of
from wargame.model.prompts import OFFENSIVE_PROMISES, triggered
from wargame.model.units import planned
from wargame.model.wording import and_list

if TYPE_CHECKING:
    from collections.abc import Generator

    import simpy

    from wargame.engine.journal import Event
    from wargame.engine.state import FrontState
    from wargame.engine.world import World
    from wargame.model.scenario import Guarantee, Promise


def start(world: World) -> None:
    world.env.process(_on_invasion(world))
    if world.scenario.aggressor.means in PRESSURE_MEANS:
        world.env.process(_on_pressure(world))
    if world.scenario.aggressor.means == "hybrid":  # it may turn into a blockade (the ladder)
        world.journal.listen(lambda e: _on_blockade(world, e))


def _on_blockade(world: World, event: Event) -> None:
    """A hybrid campaign turned into a blockade triggers the guarantees that cover a blockade, at
    its clarity (after the escalation's own record: the trigger is the blockade's consequence)."""
    if isinstance(event.data, EscalationData) and event.data.to == "blockade":
        world.later(0, lambda: _trigger(world, "blockade"))


#: How a declaration names the act it answers, other than an invasion: "over its blockade of X".
ACT_NAMES = {"strike": "strike on", "blockade": "blockade of", "hybrid": "hybrid campaign against"}


def _on_pressure(world: World) -> Generator[simpy.Event, Any, None]:
    """A blockade or hybrid campaign triggers the guarantees that cover its kind (none other)."""
    yield world.pressure
    _trigger(world, world.trigger)


def _trigger(world: World, kind: str) -> None:
    """Trigger every guarantee an act of ``kind`` triggers (:func:`triggered`): record it with its
    clarity for that kind, ask its guarantors to declare war (each once in the game) and start its
    promises. A guarantee an earlier act triggered (a blockade that becomes an invasion) is
    triggered anew by the graver act, at that act's clarity: its guarantors' standing question
    of war is from then on asked over the new act, and its promises are not started twice."""
    asked = {
        a for gid in world.triggered for g in world.scenario.guarantees if g.id == gid for a in g.guarantors
    }
    for g in triggered(world.scenario, kind):
        again = g.id in world.triggered
        if again and world.triggered_by.get(g.id) == kind:
            continue
        if not again:
            world.triggered.append(g.id)
        world.triggered_by[g.id] = kind
        clarity = clarity_of(g.clarity, g.trigger_clarity, kind)
        assert clarity is not None  # triggered() keeps only the guarantees that cover it
        parties = (*g.guarantors, g.protected)
        world.journal.record(
            GuaranteeData(
                guarantee=g.id, trigger_clarity=clarity, trigger=None if kind == "invasion" else kind
            ),
            f"{g.name} is triggered"
            + ("" if kind == "invasion" else f" by {ACT_NOUNS[kind]} (clarity {clarity:g})")
            + f": {_bound_words(world, g)}.",
            actors=parties,
            see=parties,
        )
        for guarantor in g.guarantors:
            world.clarity_for[guarantor] = clarity
            if guarantor in world.askable["declare_war"] and guarantor not in asked:
                asked.add(guarantor)
                world.env.process(_declaration(world, guarantor, clarity, kind))
        if not again:
            for promise in g.promises:
                world.env.process(_promise(world, g, promise))


#: An act in a sentence, other than an invasion: "triggered by a blockade".
ACT_NOUNS = {"strike": "a strike", "blockade": "a blockade", "hybrid": "a hybrid campaign"}


def _bound_words(world: World, g: Guarantee) -> str:
    """Who a triggered guarantee binds, in words: "France and Britain bound to assist Poland"; a
    guarantor that has said nothing (``ambiguous``) is a party, not bound: "Halvor bound to assist
    Teluva; Columbria, which has said nothing, is a party"."""
    bound = [world.name(a) for a in g.guarantors if a not in g.ambiguous]
    silent = [world.name(a) for a in g.guarantors if a in g.ambiguous]
    parts = [f"{and_list(bound)} bound to assist {world.name(g.protected)}"] if bound else []
    if silent:
        which = (
            "which have said nothing, are parties"
            if len(silent) > 1
            else "which has said nothing, is a party"
        )
        parts.append(f"{and_list(silent)}, {which}")
    return "; ".join(parts)


def _on_invasion(world: World) -> Generator[simpy.Event, Any, None]:
    yield world.invasion
    _trigger(world, world.trigger)
    j = int(world.env.now)
    for guarantor in world.scenario.guarantors_of():
        front = campaign.offensive_front(world, guarantor)
        if front is None or guarantor not in world.askable["offensive"]:
            continue
        promises = sorted(
            (j + from_days(p.day), _label(p))
            for g in world.scenario.guarantees
            if g.id in world.triggered and guarantor in g.guarantors
            for p in promises_of(g, guarantor)
            if p.action in OFFENSIVE_PROMISES and not p.condition  # a conditional one: date unknown
        )
        world.env.process(_offensive_on_news(world, guarantor, front.id, tuple(promises)))


def _declaration(
    world: World, guarantor: str, clarity: float, kind: str = "invasion"
) -> Generator[simpy.Event, Any, None]:
    """Ask the guarantor to declare war; after a wait, again only on news (:mod:`wargame.engine.news`)
    and never sooner than its ``redecide_hours`` after the last time. A vague trigger first needs
    consultations on whether the casus foederis applies: up to a day, ``(1 - clarity)`` of it, at
    the alliance's pace (:func:`wargame.engine.functionality.pace`). Never asked once the
    protected state's resistance has ended, nor once a pressure (``kind``: a blockade or hybrid
    campaign) has ended short of invasion: conceded or lifted."""
    aggressor, target = world.scenario.aggressor.actor, world.scenario.aggressor.target

    def question() -> tuple[str, dict[str, Any]]:
        """The act it is asked about now (a blockade may have become an invasion since), in words,
        and the prompt's context: the act and how clearly the treaty covers it (an invasion's: as
        always, no more)."""
        now, sure = world.trigger or kind, world.clarity_for.get(guarantor, clarity)
        context: dict[str, Any] = {"target": target, "aggressor": aggressor}
        if now == "invasion":
            return "", context
        return f" over its {ACT_NAMES[now]} {world.name(target)}", context | {"trigger": now, "clarity": sure}

    if aggressor in world.actors[guarantor].at_war_with:
        return  # already at war (Britain and France in April 1940): nothing to declare
    watch = news.Watch(
        world, guarantor, news.declaration_news(world, guarantor), news.promise_dates(world, guarantor)
    )
    try:
        yield world.env.timeout(round((1.0 - clarity) * DAY * pace(functionality(world.scenario))))
        while not campaign.protected_collapsed(world) and not world.strain.ended_short:
            asked_at = int(world.env.now)
            over, context = question()
            answer = yield open_prompt(
                world,
                guarantor,
                "declare_war",
                f"declare war on {world.name(aggressor)}{over}?",
                ("declare", "wait"),
                default="wait",
                within=_deadline(world, guarantor),
                context=context,
            )
            if answer.choice == "declare":
                world.actors[guarantor].declare_war_on(aggressor)
                world.actors[aggressor].declare_war_on(guarantor)
                world.journal.record(
                    WarData(actor=guarantor, on=aggressor),
                    f"{world.name(guarantor)} declares war on {world.name(aggressor)}.",
                    actors=(guarantor, aggressor),
                )
                return
            yield from watch.wait(watch.mark(), asked_at)
    finally:
        watch.close()


def _offensive_on_news(
    world: World, guarantor: str, front_id: str, promises: tuple[tuple[int, str], ...]
) -> Generator[simpy.Event, Any, None]:
    """Ask a guarantor at war whether to attack on ``front_id`` (or widen its offensive) on news:
    a mobilisation phase completing, a partner's offensive, its assessment of the enemy there
    moving by more than the front's ``reassess_change``. From the first offensive promise's day (the
    treaty's timetable; that day has its prompt of its own) and never sooner than its
    ``redecide_hours`` after it was last asked, never while an offensive is being prepared, and no
    longer once the protected state's resistance has ended."""
    spec, state = world.scenario_front(front_id), world.fronts[front_id]
    heard = news.OffensiveNews(world, guarantor, front_id, spec.reassess_change)
    if promises and promises[0][0] > world.env.now:  # the treaty's timetable: its first offensive
        yield world.env.timeout(promises[0][0] - int(world.env.now))  # is asked on its promised day
    watch = news.Watch(world, guarantor, heard)
    try:
        since, asked_at = watch.mark(), int(world.env.now)
        while not campaign.protected_collapsed(world):
            yield from watch.wait(since, asked_at)
            since = watch.mark()
            options = _wider(state)
            at_war = world.scenario.aggressor.actor in world.actors[guarantor].at_war_with
            if not at_war or len(options) < 2 or campaign.protected_collapsed(world):
                continue
            asked_at = int(world.env.now)
            heard.reset()
            context: dict[str, Any] = {"front": front_id, "news": watch.what}
            due = [label for when, label in promises if when <= asked_at]
            if due:
                context["promise"] = due[-1]  # the treaty's letter: the last offensive promise due
            answer = yield open_prompt(
                world,
                guarantor,
                "offensive",
                f"{watch.what} Launch (or widen) an offensive on the {spec.name}?",
                options,
                default="none",
                within=_deadline(world, guarantor),
                context=context,
            )
            since = watch.mark()
            if answer.choice != "none":
                campaign.order_offensive(world, guarantor, front_id, answer.choice)
    finally:
        watch.close()


def _wider(front: FrontState) -> tuple[str, ...]:
    """The offensive prompt's options on ``front``: none, and every scale that would widen what is
    under way (none at all while an offensive is being prepared)."""
    if front.status == "preparing" or front.pending_scale:
        return ()
    if front.status != "active" or front.scale not in campaign.RANK:
        return ("none", *campaign.RANK)
    return ("none", *campaign.RANK[campaign.RANK.index(front.scale) + 1 :])


def _promise(world: World, g: Guarantee, promise: Promise) -> Generator[simpy.Event, Any, None]:
    env = world.env
    if promise.condition:  # a conditional promise binds, and counts its day, from its condition
        yield conditions.when(world, (promise.condition,))
    yield env.timeout(from_days(promise.day))
    label = _label(promise)
    bound = [a for a in g.guarantors if binds(g, promise, a)]  # it falls due for these only
    if promise.action in OFFENSIVE_PROMISES:
        for guarantor in bound:
            front = campaign.offensive_front(world, guarantor)
            at_war = world.scenario.aggressor.actor in world.actors[guarantor].at_war_with
            wanted = "general" if promise.action == "main_offensive" else "limited"
            if front is not None and at_war and _short_of(world.fronts[front.id], wanted):
                env.process(_offensive_prompt(world, guarantor, front.id, g, label))
    grace = DAY  # a day to act on the promise...
    if promise.action in OFFENSIVE_PROMISES:  # ...plus the time to prepare it
        fronts = [campaign.offensive_front(world, a) for a in bound]
        grace += max((from_days(f.offensive_prep_days) for f in fronts if f is not None), default=0)
    yield env.timeout(grace)
    for guarantor in bound:
        kept = _kept(world, guarantor, promise.action)
        world.journal.record(
            PromiseData(
                guarantee=g.id, guarantor=guarantor, action=promise.action, day=promise.day, kept=kept
            ),
            f"{g.name}: {world.name(guarantor)}'s promise ({label}) "
            f"{'has been kept' if kept else 'has not been kept'}.",
            actors=(guarantor, g.protected),
            see=(guarantor, g.protected),
        )


def _deadline(world: World, guarantor: str) -> int:
    """Minutes ``guarantor`` has to answer a prompt to declare war or attack."""
    return from_hours(world.scenario.actor(guarantor).war_decision_hours)


def _label(promise: Promise) -> str:
    return f"{promise.action.replace('_', ' ')} by J+{promise.day:g}"


def _short_of(front: FrontState, wanted: str) -> bool:
    """Whether the front's offensive (if any) falls short of the promised scale."""
    if front.status == "preparing" or front.pending_scale:
        return False
    if front.status != "active":
        return True
    return (
        campaign.RANK.index(front.scale) < campaign.RANK.index(wanted)
        if front.scale in campaign.RANK
        else True
    )


def _offensive_prompt(
    world: World, guarantor: str, front_id: str, g: Guarantee, label: str
) -> Generator[simpy.Event, Any, None]:
    answer = yield open_prompt(
        world,
        guarantor,
        "offensive",
        f"{g.name} promised {label}: launch an offensive on the {world.scenario_front(front_id).name}?",
        _wider(world.fronts[front_id]),
        default="none",
        within=_deadline(world, guarantor),
        context={"front": front_id, "promise": label},
    )
    if answer.choice != "none":
        campaign.order_offensive(world, guarantor, front_id, answer.choice)


def _kept(world: World, guarantor: str, action: str) -> bool:
    aggressor = world.scenario.aggressor.actor
    at_war = aggressor in world.actors[guarantor].at_war_with
    front = campaign.offensive_front(world, guarantor)
    state = world.fronts[front.id] if front is not None else None
    scale = state.scale if state is not None and state.opened_at is not None else None  # None: not launched
    if action == "air_action" and planned(world.scenario, guarantor, "air") > 0:
        return at_war and support.gave_air(world, guarantor)  # a state with aircraft must send them
    if action in ("declare_war", "air_action"):
        return at_war
    if action == "limited_offensive":
        return scale in ("limited", "general")
    if action == "main_offensive":
        return scale == "general"
    if action == "aid":
        return aid.sent(world, guarantor)  # after an invasion, or under a pressure (materiel)
    if action == "escort":
        return guarantor in world.strain.escorts
    return False


# -- decisions a guarantor may take at any time ----------------------------------------------------


def _can_talk(world: World, seat: str, choice: str) -> str | None:
    if aid.guarantee_of(world, seat) is None:
        return "it has no guarantee to bargain over"
    return None


def _talks_decision(world: World, decision: Decision) -> None:
    aggressor = world.scenario.aggressor.actor
    world.journal.record(
        TalksData(actor=decision.seat, partner=aggressor),
        f"{world.name(decision.seat)} opens talks with {world.name(aggressor)}.",
        actors=(decision.seat, aggressor),
    )


#: The decisions of this module a seat may take unprompted (assembled in wargame.engine.standard).
DECISIONS = (
    FreeDecision(kind="send_aid", options=("aid",), check=aid.can_aid, handler=aid.aid_decision),
    FreeDecision(kind="negotiate", options=("talks",), check=_can_talk, handler=_talks_decision),
)
