"""The after-action review (AAR) of a game: the data behind a facilitator's hot wash.

::

    from wargame.analysis.aar.review import after_action, after_action_from_journal, to_markdown
    aar = after_action(session)              # a live session, finished or not
    aar = after_action_from_journal("game.jsonl")
    print(to_markdown(aar))

:func:`after_action` reads the session's journal for what was planned and what happened, and
replays the game on a fresh session (:mod:`wargame.analysis.aar.capture`) to recover what each
seat believed at each decision and what was true then. The session passed in is not touched: its
journal, clock and views stay as they were, so a UI may call this mid-game and carry on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

from wargame.analysis.aar.capture import Capture, capture
from wargame.analysis.aar.findings import deception_results, fixes, issues
from wargame.analysis.aar.markdown import to_markdown
from wargame.analysis.aar.types import (
    AfterAction,
    AggressorPlan,
    DecisionRecord,
    GuaranteePlan,
    Obligation,
    Plan,
    PressureRecord,
    TimelineEntry,
    WhiteAct,
)
from wargame.analysis.wording import instant
from wargame.engine.conditions import held_at
from wargame.engine.decisions import WHITE
from wargame.engine.events import (
    ConcessionData,
    DecisionData,
    EndData,
    EscalationData,
    EscortData,
    GuaranteeData,
    InvasionData,
    LiftData,
    PressureData,
    PromiseData,
)
from wargame.engine.intelligence import subject_label
from wargame.engine.journal import Event
from wargame.engine.kinds import Kind
from wargame.engine.outcome import measures
from wargame.engine.penetration import subjects_of
from wargame.model.clock import DAY
from wargame.model.commitments import committed, promises_of
from wargame.model.scenario import Scenario
from wargame.model.scenario_files.scenarios import LoadedScenario
from wargame.model.wording import and_list as _and
from wargame.model.wording import channel_name
from wargame.session.journal.read import JournalError, JournalFile
from wargame.session.journal.replay import scenario_of
from wargame.session.journal.seal import Key, read_checked
from wargame.session.session import Session

__all__ = ["AfterAction", "AfterActionError", "after_action", "after_action_from_journal", "to_markdown"]

#: Kinds left out of the timeline: the daily flow (reports, front bulletins, prompts, leaks and the
#: white cell's bookkeeping). Decisions are in it; what each seat believed is in ``decisions``.
ROUTINE = frozenset(
    {Kind.REPORT, Kind.FRONT, Kind.PROMPT, Kind.SUPPRESSED, Kind.LEAK, Kind.ASSESSMENT, Kind.PENETRATION}
)
WHITE_ACT = "white cell"  # the timeline's kind for a white-cell act


class AfterActionError(ValueError):
    """A journal that cannot be reviewed (unreadable, damaged, or its scenario changed)."""


def after_action(session: Session) -> AfterAction:
    """The review of ``session`` as it stands now (see the module docstring)."""
    return review(session.loaded, session.seed, session.seats, list(session.events), session.now)


def after_action_from_journal(path: str | Path, key: Key | None = None) -> AfterAction:
    """The review of the game recorded in a journal file, its chain and seal checked first
    (:func:`~wargame.session.journal.seal.read_checked`, with ``key``; what was checked is the
    review's ``integrity``). Raises :class:`AfterActionError`, or
    :class:`~wargame.session.journal.seal.SealError` when the seal does not prove the file."""
    try:
        journal, integrity = read_checked(path, key)
        loaded = scenario_of(journal)
    except JournalError as err:
        raise AfterActionError(str(err)) from None
    events = list(journal.events)
    made = review(loaded, journal.header.seed, journal.header.seats, events, events[-1].t, journal)
    return attrs.evolve(made, integrity=integrity.text)


def review(
    loaded: LoadedScenario,
    seed: int,
    seats: Mapping[str, str],
    events: Sequence[Event],
    now: int,
    journal: JournalFile | None = None,
) -> AfterAction:
    """The review of the game whose journal is ``events`` (played with this scenario, seed and
    seats; read from ``journal``, whose every line its replay must reproduce)."""
    scenario = loaded.scenario
    names = {a.id: a.name for a in scenario.actors}
    seen = capture(loaded, seed, seats, events, journal=journal)
    invasion = next((e for e in events if isinstance(e.data, InvasionData)), None)
    guarantees = _guarantees(scenario, events, invasion)
    decisions = _decisions(events, seen, scenario)
    outcome = measures(events, scenario)
    deception = deception_results(events, scenario, seen.samples, invasion.t if invasion else None)
    found = issues(events, guarantees, decisions, deception, outcome, names, scenario)
    subjects = sorted(
        {s for sample in seen.samples for per in sample.assessments.values() for s in per}
        | {s for sample in seen.samples for s in sample.truths}
    )
    return AfterAction(
        scenario=loaded.name,
        title=scenario.scenario.title,
        seed=seed,
        seats=dict(seats),
        now=now,
        at=instant(scenario.scenario.start, now),
        finished=any(isinstance(e.data, EndData) for e in events),
        start=scenario.scenario.start,
        plan=Plan(
            briefings={a.id: a.briefing for a in scenario.actors if a.seat},
            guarantees=guarantees,
            aggressor=aggressor_plan(scenario),
        ),
        outcome=outcome,
        timeline=tuple(
            TimelineEntry(seq=e.seq, t=e.t, at=e.at, kind=_timeline_kind(e), actors=e.actors, text=e.text)
            for e in events
            if e.kind not in ROUTINE
        ),
        decisions=decisions,
        white_acts=tuple(
            WhiteAct(seq=e.seq, t=e.t, at=e.at, kind=d.decision, choice=d.choice, reason=d.reason)
            for e in events
            if (d := white_act(e)) is not None
        ),
        deception=deception,
        issues=found,
        fixes=fixes(found),
        samples=seen.samples,
        labels={s: subject_label(seen.session.scenario, s) for s in subjects},
        names=names,
        fronts={f.id: f.name for f in scenario.fronts},
        pressure=pressure_record(events),
        objectives={f.id: f.objective for f in scenario.fronts if f.objective_km > 0},
    )


def pressure_record(events: Sequence[Event]) -> PressureRecord | None:
    """The blockade or hybrid campaign of the game, if one began (see :class:`PressureRecord`)."""
    start = next((e for e in events if isinstance(e.data, PressureData)), None)
    if start is None or not isinstance(start.data, PressureData):
        return None
    end = next((e for e in events if isinstance(e.data, ConcessionData | LiftData | EscalationData)), None)
    ending = {ConcessionData: "concession", LiftData: "lift", EscalationData: "escalation"}
    return PressureRecord(
        means=start.data.means,
        t=start.t,
        at=start.at,
        demand=start.data.demand,
        escorts=tuple(dict.fromkeys(e.data.actor for e in events if isinstance(e.data, EscortData))),
        ending=ending[type(end.data)] if end is not None else "",
        ending_at=end.at if end is not None else "",
        forced=end is not None and isinstance(end.data, ConcessionData) and end.data.forced,
    )


def _guarantees(
    scenario: Scenario, events: Sequence[Event], invasion: Event | None
) -> tuple[GuaranteePlan, ...]:
    # every trigger of each guarantee, in order: the first starts its promises' clocks (as the
    # engine counts them); a later one is the graver act it became (a blockade turned invasion)
    triggers: dict[str, list[Event]] = {}
    for e in events:
        if isinstance(e.data, GuaranteeData):
            triggers.setdefault(e.data.guarantee, []).append(e)
    outcomes = {
        (e.data.guarantee, e.data.guarantor, e.data.action, float(e.data.day)): e.data.kept
        for e in events
        if isinstance(e.data, PromiseData)
    }
    out = []
    for g in scenario.guarantees:
        fired = triggers.get(g.id, [])
        trigger = fired[0] if fired else None
        act = trigger.data if trigger is not None and isinstance(trigger.data, GuaranteeData) else None
        last = fired[-1] if len(fired) > 1 else None
        again = last.data if last is not None and isinstance(last.data, GuaranteeData) else None
        obligations = []
        for guarantor in g.guarantors:
            for p in promises_of(g, guarantor):
                due = trigger.t + round(p.day * DAY) if trigger else None
                if p.condition and trigger is not None:  # from its condition, if it ever held
                    held = held_at((p.condition,), scenario, events, events[-1].t)
                    due = None if held is None else max(held, trigger.t) + round(p.day * DAY)
                obligations.append(
                    Obligation(
                        guarantee=g.id,
                        guarantor=guarantor,
                        action=p.action,
                        day=p.day,
                        due_t=due,
                        due_at=instant(scenario.scenario.start, due) if due is not None else None,
                        kept=outcomes.get((g.id, guarantor, p.action, float(p.day))),
                    )
                )
        out.append(
            GuaranteePlan(
                id=g.id,
                name=g.name,
                guarantors=g.guarantors,
                protected=g.protected,
                against=g.against,
                signed=g.signed.date().isoformat(),
                trigger_clarity=g.trigger_clarity,
                triggered_at=trigger.at if trigger else None,
                obligations=tuple(obligations),
                triggered_by=(act.trigger or "invasion") if act else "invasion",
                triggered_clarity=act.trigger_clarity if act else None,
                again_by=(again.trigger or "invasion") if again else None,
                again_clarity=again.trigger_clarity if again else None,
                again_at=last.at if last else None,
                bound_to_war=tuple(
                    a
                    for a in g.guarantors
                    if any(p.action == "declare_war" for p in promises_of(g, a))
                    or (not g.promises and a in committed(g))
                ),
            )
        )
    return tuple(out)


def aggressor_plan(scenario: Scenario) -> AggressorPlan:
    """The aggressor's plan, its deceptions and penetrations, in sentences (ground truth)."""
    plan = scenario.aggressor
    names = {a.id: a.name for a in scenario.actors}
    deceptions = tuple(
        f"{d.id}: planted reports put {'the ' * (d.subject == 'attack_date')}"
        + f"{subject_label(scenario, d.subject)} "
        + (
            f"{abs(d.shift_days):g} days {'later' if d.shift_days >= 0 else 'earlier'}"
            if d.subject == "attack_date"
            else f"at {d.factor:g} times the truth"
        )
        + f", through {_and(channel_name(c) for c in d.channels)} "
        + f"channels, against {_and(names.get(t, t) for t in d.targets) if d.targets else 'everyone'}"
        for d in scenario.deception
    )
    penetrations = tuple(
        f"{p.id}: an agent in {names.get(p.target, p.target)}'s government, leaking to "
        f"{names.get(p.leaks_to, p.leaks_to)}; bends "
        f"{_and(subject_label(scenario, s) for s in subjects_of(scenario, p))} by {p.bias:g} times"
        + (
            f"; sways its {_and(k.replace('_', ' ') for k in p.sways)} decisions (chance {p.sway:g}, "
            "times 1 - its oversight, that one goes the way the aggressor wants)"
            if p.sways and p.sway > 0
            else ""
        )
        for p in scenario.penetrations
    )
    return AggressorPlan(
        actor=plan.actor,
        target=plan.target,
        invasion_at=plan.invasion_at.isoformat(timespec="minutes"),
        postpone_days=plan.postpone_days,
        max_postponements=plan.max_postponements,
        deceptions=deceptions,
        penetrations=penetrations,
        means=plan.means,
        aim=plan.aim,
        demand=plan.demand,
        concession_by=plan.concession_by.isoformat(timespec="minutes") if plan.concession_by else None,
    )


def white_act(e: Event) -> DecisionData | None:
    """The decision of the white cell ``e`` records (hold, publish, skip, restore or write an
    inject, override an adjudication, or any act added later), if it records one."""
    return e.data if isinstance(e.data, DecisionData) and e.data.seat == WHITE else None


def _timeline_kind(e: Event) -> str:
    return WHITE_ACT if white_act(e) is not None else e.kind.value


def _decisions(events: Sequence[Event], seen: Capture, scenario: Scenario) -> tuple[DecisionRecord, ...]:
    """The seats' decisions (the white cell's acts are in the timeline, not here); an assessment
    shared is named by its subject in words."""
    out = []
    for e in events:
        d = e.data
        if not isinstance(d, DecisionData) or d.seat == WHITE:
            continue
        snap = seen.at_decisions.get(e.seq)
        out.append(
            DecisionRecord(
                seq=e.seq,
                t=e.t,
                at=e.at,
                seat=d.seat,
                kind=d.decision,
                choice=subject_label(scenario, d.choice) if d.decision == "share_assessment" else d.choice,
                by=d.by,
                reason=d.reason,
                prompt=d.prompt,
                beliefs=snap.beliefs if snap else (),
                credibility=snap.credibility if snap else {},
                true_credibility=snap.true_credibility if snap else {},
            )
        )
    return tuple(out)
