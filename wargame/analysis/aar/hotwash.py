"""The hot wash: the after-action review on one screen, minutes after the game.

A facilitator's hot wash is short and spoken: what happened, what each seat decided at the turns
that mattered and what it believed then against what was true, and where the enemy's deception
worked. The long form (every decision, the plots) is ``wargame report``.

::

    hw = hot_wash(session)          # the game as it stands (finished or not)
    print(hot_wash_text(hw))        # plain text, 80 columns, one 24-line screen when it can

**Key decisions.** A seat answers the same question many times (France is asked every day whether
to declare war). Its *turns* are the first answer to each question and every change of answer;
repeats of an answer are counted on the turn they repeat ("wait, 32 times to 3 Oct 1939"). Turns
are ranked: those the room took itself (``by`` human) first, then changes of answer (``wait`` to
``declare``), then those taken on a belief far from the truth, then the most repeated; ties go to
the earlier. The text shows as many of each seat's best turns as fit the screen (at least one),
in date order. Beside each, the belief that was furthest from the truth when it was taken.

It needs the review's beliefs at each decision, which :func:`~wargame.analysis.aar.review.after_action`
recovers by a quick replay (a few tenths of a second for a whole 1939 game).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from datetime import datetime

import attrs

from wargame.analysis.aar.findings import own_estimate
from wargame.analysis.aar.markdown import ENDINGS, PAST, declared_text
from wargame.analysis.aar.review import after_action
from wargame.analysis.aar.types import AfterAction, Belief, DeceptionResult, DecisionRecord, WhiteAct
from wargame.analysis.wording import amount, date_text, days, early_or_late, instant, when, words
from wargame.engine.kinds import Kind
from wargame.engine.outcome_types import Honour
from wargame.model.clock import to_datetime
from wargame.model.wording import and_list as _and
from wargame.model.wording import count
from wargame.session.session import Session

HONOURED: dict[Honour, str] = {
    "substantive": "The guarantee was honoured in substance",
    "ambiguous": "It is too early to tell whether the guarantee will be honoured in substance",
    "formal": "The guarantee was honoured only formally",
    "partial": "The guarantee was honoured only in part",
    "abandoned": "The guarantee was abandoned",
    "untriggered": "No guarantee covered the invasion",
    "deterred": "The guarantee deterred the attack",
}
WHITE_VERBS = {
    "hold_inject": "held an inject",
    "publish_inject": "published an inject",
    "skip_inject": "skipped an inject",
    "restore_inject": "restored an inject",
    "adhoc_inject": "wrote an inject",
    "override": "overrode the model",
}


@attrs.frozen(kw_only=True)
class KeyDecision:
    """A turn of one seat: an answer to a question, with its repeats, and the belief behind it."""

    t: int
    at: str  # "2 Sep 1939 07:09"
    question: str  # "declare war"
    choice: str
    by: str  # "by the room", "by a bot", "by default", "by default, confirmed by the white cell"
    times: int  # how many times in a row the seat gave this answer (1: once)
    until: str  # the date of the last repeat ("" if once)
    belief: Belief | None  # the belief furthest from the truth when it was taken
    change: bool  # a change of answer to a question asked before
    human: bool

    @property
    def far(self) -> bool:
        return self.belief is not None and self.belief.far_from_truth


@attrs.frozen(kw_only=True)
class SeatWash:
    """One seat in the hot wash: who played it and its turns, best first."""

    seat: str
    name: str
    played_by: str  # "the room" or "a bot"
    decisions: int
    turns: tuple[KeyDecision, ...]


@attrs.frozen(kw_only=True)
class HotWash:
    """The hot wash of one game (see the module docstring)."""

    title: str
    seed: int
    status: str  # "finished 3 Oct 1939 07:09" or "in progress at ..."
    headline: tuple[str, ...]  # two or three sentences
    white_cell: str  # what the white cell did, "" if nothing
    seats: tuple[SeatWash, ...]  # the room's seats first
    deception: tuple[str, ...]  # one sentence per operation that worked (or one saying none did)
    deception_short: str  # all of it in one sentence, for a crowded screen
    start: datetime


def hot_wash(session: Session) -> HotWash:
    """The hot wash of ``session`` as it stands now; the session is not touched."""
    return hot_wash_of(after_action(session))


def hot_wash_of(aar: AfterAction) -> HotWash:
    """The hot wash of a review already made (for a UI that also exports the long form)."""
    now = instant(aar.start, aar.now)
    seats = []
    for seat, controller in aar.seats.items():
        mine = [d for d in aar.decisions if d.seat == seat]
        if mine:
            seats.append(
                SeatWash(
                    seat=seat,
                    name=aar.names.get(seat, seat),
                    played_by="the room" if controller == "human" else "a bot",
                    decisions=len(mine),
                    turns=turns(mine, aar.start),
                )
            )
    seats.sort(key=lambda s: s.played_by != "the room")
    return HotWash(
        title=aar.title,
        seed=aar.seed,
        status=f"finished {now}" if aar.finished else f"in progress at {now}",
        headline=headline(aar),
        white_cell=white_cell_line(aar.white_acts),
        seats=tuple(seats),
        deception=deception_lines(aar.deception, aar.names, aar.labels),
        deception_short=deception_summary(aar.deception, aar.names),
        start=aar.start,
    )


def _by(d: DecisionRecord) -> str:
    """Who took it, in words: ``by the room``, ``by a bot``, ``by default, confirmed by ...``."""
    return "by " + {"human": "the room", "bot": "a bot"}.get(d.who, d.by)


def _off(b: Belief) -> float:
    """How far a belief is from the truth: 1 at the threshold of :attr:`Belief.far_from_truth`."""
    if b.is_date:
        return abs(b.error_days or 0.0) / 2
    if b.truth is None or b.truth == b.estimate:
        return 0.0
    if b.truth <= 0 or b.estimate <= 0:
        return math.inf
    return abs(math.log(b.estimate / b.truth)) / math.log(1.5)


def turns(decisions: Sequence[DecisionRecord], start: datetime) -> tuple[KeyDecision, ...]:
    """A seat's turns (see the module docstring), best first."""
    runs: list[tuple[DecisionRecord, list[DecisionRecord], bool]] = []  # first, repeats, change
    current: dict[str, int] = {}  # question -> index of its current run
    for d in decisions:
        i = current.get(d.kind)
        if i is not None and (runs[i][0].choice, runs[i][0].by) == (d.choice, d.by):
            runs[i][1].append(d)
            continue
        current[d.kind] = len(runs)
        runs.append((d, [], i is not None))
    out = [
        KeyDecision(
            t=d.t,
            at=instant(start, d.t),
            question=words(d.kind),
            choice=words(d.choice),
            by=_by(d),
            times=1 + len(repeats),
            until=date_text(to_datetime(start, repeats[-1].t), time=False) if repeats else "",
            belief=max(graded, key=_off)
            if (graded := [b for b in d.beliefs if not own_estimate(d.seat, b.subject)])
            else None,
            change=change,
            human=d.who == "human",
        )
        for d, repeats, change in runs
    ]
    return tuple(sorted(out, key=lambda k: (not k.human, not k.change, not k.far, -k.times, k.t)))


def headline(aar: AfterAction) -> tuple[str, ...]:
    """The outcome in two or three sentences, in names and dates."""
    o, names = aar.outcome, aar.names
    plan = aar.plan.aggressor
    aggressor, target = names.get(plan.actor, plan.actor), names.get(plan.target, plan.target)
    invasion = next((e for e in aar.timeline if e.kind == Kind.INVASION), None)
    later = o.postponements
    after = f" after {count(later, 'postponement')}" if later else ""
    if invasion is None and aar.pressure is not None:
        return pressure_headline(aar)
    if invasion is None:
        if aar.finished:
            return (f"{aggressor} was deterred: it never invaded {target}{after}.",)
        return (f"{aggressor} has not invaded {target} yet{after}.",)
    act = "struck at" if plan.means == "strike" else "invaded"
    out = [f"{aggressor} {act} {target} on {instant(aar.start, invasion.t)}{after}."]
    if aar.pressure is not None:  # a pressure turned into this invasion
        out[0] = f"{pressure_headline(aar)[0][:-1]}, then invaded it on {instant(aar.start, invasion.t)}."
    declared = {g: per.war_declared_after_days for g, per in o.guarantors.items()}
    wars = [f"{names.get(g, g)} {declared_text(aar, d)}" for g, d in declared.items() if d is not None]
    wars += [
        f"{names.get(g, g)} " + ("was already at war" if o.guarantors[g].at_war else "never declared war")
        for g, d in declared.items()
        if d is None
    ]
    honour = HONOURED[o.guarantee_honoured]
    out.append(f"{honour}: {', '.join(wars)}." if wars else f"{honour}.")
    held, capital = o.protege_survival_days, o.capital_fell_after_days
    fell = f"; its capital fell after {days(capital)}" if capital is not None else ""
    if held is not None:
        out.append(f"{target} held out {days(held)}{fell}.")
    else:
        out.append(f"{target} still stood at the {'end' if aar.finished else 'time of the review'}{fell}.")
    if o.objectives_held and aar.objectives:
        if o.objectives_held == len(aar.objectives):
            held_names = _and(
                aar.objectives[f] or f"its objective on the {aar.fronts.get(f, f)}" for f in aar.objectives
            )
            out.append(f"{aggressor} holds {held_names}.")
        else:
            out.append(
                f"{aggressor} holds {o.objectives_held} of its {count(len(aar.objectives), 'objective')}."
            )
    return tuple(out)


def pressure_headline(aar: AfterAction) -> tuple[str, ...]:
    """A blockade or hybrid campaign that never became an invasion, in two or three sentences."""
    p, o, names = aar.pressure, aar.outcome, aar.names
    assert p is not None
    plan = aar.plan.aggressor
    aggressor, target = names.get(plan.actor, plan.actor), names.get(plan.target, plan.target)
    out = [f"{aggressor} {PAST[p.means]} {target} on {when(p.at)}."]
    escorts = _and(names.get(g, g) for g in p.escorts)
    left = f", endurance {o.endurance_at_end:.2f} left" if o.endurance_at_end is not None else ""
    out.append(
        f"{target} bore {count(o.pressure_day or 0, 'day')} of it{left}"
        + (f"; escorted by {escorts}" if escorts else "")
        + "."
    )
    if p.ending:
        what = "blockade" if p.means == "blockade" else "hybrid campaign"
        ending = ENDINGS[p.ending].format(target=target, aggressor=aggressor, what=what, at=when(p.ending_at))
        out.append(ending + ".")
    return tuple(out)


def white_cell_line(acts: Sequence[WhiteAct]) -> str:
    """What the white cell did, counted by kind of act (any kind, including ones added later)."""
    if not acts:
        return ""
    counts: dict[str, int] = {}
    for a in acts:
        verb = WHITE_VERBS.get(a.kind, words(a.kind))
        counts[verb] = counts.get(verb, 0) + 1
    what = ", ".join(f"{v} ({n} times)" if n > 1 else v for v, n in counts.items())
    return f"The white cell intervened {count(len(acts), 'time')}: {what}."


def deception_lines(
    results: Sequence[DeceptionResult], names: Mapping[str, str], labels: Mapping[str, str]
) -> tuple[str, ...]:
    """One sentence per deception or penetration that moved somebody's assessment."""
    out = []
    for r in results:
        if not r.worked_on:
            continue
        label = labels.get(r.subject, words(r.subject))
        counts = {(r.believed[s], r.received[s]) for s in r.worked_on}
        if len(counts) == 1:
            (moved, of), each = counts.pop(), " each" if len(r.worked_on) > 1 else ""
            victims = f"{_and(names.get(s, s) for s in r.worked_on)} ({moved} of {of} reports{each})"
        else:
            victims = _and(f"{names.get(s, s)} ({r.believed[s]} of {r.received[s]})" for s in r.worked_on)
        if r.kind == "deception":
            out.append(f"{r.id} ({label}) deceived {victims}.")
        else:
            note = f"; {r.note}" if r.note else ""
            out.append(f"The agent {r.id} bent {label} for {victims}{note}.")
    if out:
        return tuple(out)
    if results:
        return ("Nowhere: no planted or bent report moved a seat's assessment.",)
    return ("The scenario has no deception or penetration.",)


def deception_summary(results: Sequence[DeceptionResult], names: Mapping[str, str]) -> str:
    """Every operation that worked and on whom, in one sentence (more than two seats counted)."""
    parts = []
    for r in results:
        if r.worked_on:
            who = (
                _and(names.get(s, s) for s in r.worked_on)
                if len(r.worked_on) <= 2
                else f"{len(r.worked_on)} seats"
            )
            parts.append(f"{'the agent ' if r.kind == 'penetration' else ''}{r.id} on {who}")
    if parts:
        return "; ".join(parts) + "."
    return deception_lines(results, names, {})[0]


def belief_words(b: Belief, start: datetime) -> str:
    """``Germany's divisions on the Franco-German border: believed 41 (33–50), true 23``; for the
    attack date, the instants believed and true and how far apart (the year is in the heading)."""
    if b.is_date:
        if b.truth is None:
            return f"{b.label}: believed {_day(start, b.estimate)}, truth unknown"
        side = early_or_late(b.error_days)
        return f"{b.label}: believed {_day(start, b.estimate)}, true {_day(start, b.truth)} ({side})"
    low, high = max(b.low, 0.0), max(b.high, 0.0)  # an interval of sizes stops at nothing
    spread = "" if amount(low) == amount(high) else f" ({amount(low)}–{amount(high)})"
    truth = amount(b.truth) if b.truth is not None else "unknown"
    return f"{b.label}: believed {amount(b.estimate)}{spread}, true {truth}"


def _day(start: datetime, t: float) -> str:
    return f"{to_datetime(start, round(t)):%d %b %H:%M}".lstrip("0")


def seat_lines(
    s: SeatWash, shown: int, width: int, start: datetime, compact: bool = False, told: set[str] | None = None
) -> list[str]:
    """A seat's ``shown`` best turns, in date order: a line for the turn, then its belief
    (``compact``: a bot's "by" left out, and only beliefs far from the truth, each once: allies
    who share a picture hold the same belief, and ``told`` collects those already written)."""
    who = f"{s.name} (the room)" if s.played_by == "the room" else s.name
    out = []
    for k in sorted(s.turns[:shown], key=lambda k: k.t):
        repeat = f", {k.times} times to {k.until}" if k.times > 1 else ""
        by = "" if compact and k.by == "by a bot" else f" ({k.by})"
        out += textwrap.wrap(
            f"{who}, {k.at}: {k.question} → {k.choice}{repeat}{by}", width, subsequent_indent="    "
        )
        if k.belief is not None and (k.far or not compact):
            words = belief_words(k.belief, start) + (" (!)" if k.far else "")
            if compact and told is not None:
                if words in told:
                    continue
                told.add(words)
            out += textwrap.wrap(words, width, initial_indent="  ", subsequent_indent="    ")
    return out


def hot_wash_text(hw: HotWash, width: int = 80, height: int = 24) -> str:
    """The hot wash as plain text ``width`` columns wide, fitted to ``height`` lines when it can
    be: as many turns per seat as fit (at least one each), else a compact form (bots' "by" and
    beliefs near the truth left out, deception in one sentence). A game with many seats may still
    run longer."""

    def page(shown: int, compact: bool = False) -> list[str]:
        out = textwrap.wrap(f"HOT WASH: {hw.title}, {hw.status}", width)
        out += textwrap.wrap(" ".join(hw.headline), width)
        out += textwrap.wrap(hw.white_cell, width)
        out += textwrap.wrap(
            "KEY DECISIONS, with what the seat believed and what was true (! far off):", width
        )
        told: set[str] = set()
        for s in hw.seats:
            out += seat_lines(s, shown, width, hw.start, compact, told)
        if compact:
            return out + textwrap.wrap(f"WHERE DECEPTION WORKED: {hw.deception_short}", width)
        out.append("WHERE DECEPTION WORKED:")
        for line in hw.deception:
            out += textwrap.wrap(line, width, initial_indent="- ", subsequent_indent="  ")
        return out

    most = max((len(s.turns) for s in hw.seats), default=1)
    lines = page(1)
    if len(lines) > height:
        compact = page(1, compact=True)
        return "\n".join(compact if len(compact) < len(lines) else lines) + "\n"
    for shown in range(2, min(most, 4) + 1):
        more = page(shown)
        if len(more) > height:
            break
        lines = more
    return "\n".join(lines) + "\n"
