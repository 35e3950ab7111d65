"""Judging conditions from the journal: when did "the guarantor has declared war" first hold?

A condition (grammar: :mod:`wargame.model.conditions`) is judged from the events as the journal
records them, never from a look at the state: what happened is what the journal says happened,
so a condition holds at the same instant in every replay of the same game. A condition latches:
the first instant it holds is the instant it holds for good.

Two users:

* the engine (:func:`when`): a process waits on ``yield conditions.when(world, inject.when)``.
  One :class:`Watch` per game listens to the journal, and only once some process has asked (a
  scenario without conditions is not listened to at all). Only the conditions still pending are
  re-checked, and only on events of the kinds that can change them; ``day >= N`` is a timer set
  when the trigger comes;
* a decision script (:func:`held_at`): a ``[[history]]`` entry with ``when`` applies once its
  conditions have held *in the events its seat has seen* (the seat's view, never the truth).

The kinds are matched by their journal spelling (``"pressure"``, ``"concession"``,
``"objective"``, ``"pressure_day"``), so a kind another part of the engine records is judged
the moment it exists, whatever its payload class.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from wargame.model.clock import DAY
from wargame.model.conditions import Atom, parse

if TYPE_CHECKING:
    import simpy

    from wargame.engine.journal import Event
    from wargame.engine.world import World
    from wargame.model.scenario import Scenario

#: The kinds of event that start the count of days (``day >= N``): the trigger.
TRIGGERS = ("invasion", "pressure")

#: The kinds of event that can make each keyword hold.
KINDS: dict[str, tuple[str, ...]] = {
    "invasion": ("invasion",),
    "pressure": ("pressure",),
    "concession": ("concession",),
    "war": ("war", "invasion", "intervention"),  # a declaration, an invasion, an entry: war all the same
    "offensive": ("offensive",),
    "mobilised": ("mobilisation",),
    "statement": ("statement",),
    "intervened": ("intervention",),
    "objective": ("objective",),
    "capital": ("capital",),
    "collapse": ("collapse",),
    "breakthrough": ("breakthrough",),
    "front": ("front",),
    "endurance": ("pressure_day", "pressure"),
    "day": TRIGGERS,
}
MOBILISED_STEPS = ("ordered", "partial")

Key = tuple[str, str, str, float]


def key(atom: Atom) -> Key:
    """What a condition means, whatever its spacing."""
    return (atom.keyword, atom.subject, atom.op, atom.value)


def _field(event: Event, name: str) -> object:
    return getattr(event.data, name, None)


def _holds(atom: Atom, event: Event) -> bool:
    """Whether ``event`` (of one of the atom's kinds) makes ``atom`` hold."""
    kw = atom.keyword
    if kw in ("invasion", "pressure", "concession"):
        return True
    if kw == "war":  # the declarer and the declared-on; the invader and the invaded; who enters
        parties = ("actor", "on", "aggressor", "target")
        return atom.subject in {_field(event, name) for name in parties}
    if kw == "mobilised":
        return _field(event, "actor") == atom.subject and _field(event, "step") in MOBILISED_STEPS
    if kw in ("offensive", "statement", "intervened"):
        return _field(event, "actor") == atom.subject
    if kw in ("objective", "capital", "collapse", "breakthrough"):
        return _field(event, "front") == atom.subject
    if kw == "front":
        ground = _field(event, "ground_km")
        return _field(event, "front") == atom.subject and isinstance(ground, float) and atom.compare(ground)
    if kw == "endurance":
        endurance = _field(event, "endurance")
        return isinstance(endurance, (int, float)) and atom.compare(float(endurance))
    return False


def _at_start(atom: Atom, scenario: Scenario | None) -> bool:
    """Whether ``atom`` holds when the game begins: a war already under way (known from the
    ``scenario``; None: judged from events alone), a comparison with the opening values (no ground
    taken, full endurance)."""
    if atom.keyword == "war":
        if scenario is None:
            return False
        at_war = {a.id for a in scenario.actors if a.at_war_with}
        return atom.subject in at_war.union(*(a.at_war_with for a in scenario.actors))
    if atom.keyword == "front":
        return atom.compare(0.0)
    if atom.keyword == "endurance":
        return atom.compare(1.0)
    return False


class Tracker:
    """The first minute each of its conditions held, fed one event at a time."""

    def __init__(self, scenario: Scenario | None) -> None:
        self.scenario = scenario
        self.first: dict[Key, int] = {}  # condition -> the minute it first held
        self.trigger: int | None = None  # the minute of the trigger (invasion or pressure)
        self.days: list[Atom] = []  # day conditions, judged by the clock once the trigger is known
        self._waiting: dict[str, list[Atom]] = {}  # kind -> conditions an event of it may settle
        self._known: set[Key] = set()

    def add(self, atom: Atom, past: Iterable[Event] = ()) -> None:
        """Track ``atom`` from now, settled first against the ``past`` events (in order)."""
        k = key(atom)
        if k in self._known:
            return
        self._known.add(k)
        if _at_start(atom, self.scenario):
            self.first[k] = 0
            return
        if atom.keyword == "day":
            self.days.append(atom)
            for e in past:
                if e.kind in TRIGGERS:
                    self.trigger = e.t if self.trigger is None else self.trigger
                    break
            return
        kinds = KINDS[atom.keyword]
        for e in past:
            if e.kind in kinds and _holds(atom, e):
                self.first[k] = e.t
                return
        for kind in kinds:
            self._waiting.setdefault(kind, []).append(atom)

    def feed(self, event: Event) -> list[Atom]:
        """Judge ``event``; return the conditions it makes hold for the first time."""
        kind = event.kind.value
        if kind in TRIGGERS and self.trigger is None and self.days:
            self.trigger = event.t
        pending = self._waiting.get(kind)
        if not pending:
            return []
        settled = [a for a in pending if _holds(a, event)]
        for atom in settled:
            self.first[key(atom)] = event.t
            for k in KINDS[atom.keyword]:
                self._waiting[k] = [a for a in self._waiting.get(k, ()) if a is not atom]
        return settled

    def day_due(self, atom: Atom) -> int | None:
        """The minute a ``day`` condition holds, once the trigger is known."""
        if self.trigger is None:
            return None
        days = atom.value if atom.op == ">=" else atom.value + 1 / (24 * 60)
        return self.trigger + max(0, round(days * DAY))


def held_at(texts: Sequence[str], scenario: Scenario | None, events: Iterable[Event], now: int) -> int | None:
    """The minute every condition of ``texts`` had held, judged from ``events`` up to ``now``
    (a seat's, for a script entry, or a doctrine's view with no ``scenario``), or None if they
    have not all held by then."""
    atoms = [parse(t) for t in texts]
    tracker = Tracker(scenario)
    for atom in atoms:
        tracker.add(atom)
    for e in events:
        if e.t > now:
            break
        tracker.feed(e)
    latest = 0
    for atom in atoms:
        t = tracker.day_due(atom) if atom.keyword == "day" else tracker.first.get(key(atom))
        if t is None or t > now:
            return None
        latest = max(latest, t)
    return latest


class Watch:
    """One game's judge of conditions: the events processes wait on, settled as the journal grows."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.tracker = Tracker(world.scenario)
        self._waiters: list[tuple[tuple[Atom, ...], simpy.Event]] = []
        self._timed: set[Key] = set()  # day conditions whose timer is set
        world.journal.listen(self._on_event)

    def wait(self, atoms: tuple[Atom, ...]) -> simpy.Event:
        event = self.world.env.event()
        for atom in atoms:
            self.tracker.add(atom, self.world.journal.events)
        self._waiters.append((atoms, event))
        self._schedule_days()
        self._settle()
        return event

    def _on_event(self, event: Event) -> None:
        had_trigger = self.tracker.trigger is not None
        if self.tracker.feed(event):
            self._settle()
        if not had_trigger and self.tracker.trigger is not None:
            self._schedule_days()

    def _schedule_days(self) -> None:
        for atom in self.tracker.days:
            due = self.tracker.day_due(atom)
            if due is None or key(atom) in self._timed:
                continue
            self._timed.add(key(atom))
            self.world.later(max(0, due - int(self.world.env.now)), self._day, atom, due)

    def _day(self, atom: Atom, due: int) -> None:
        self.tracker.first.setdefault(key(atom), due)
        self._settle()

    def _settle(self) -> None:
        first = self.tracker.first
        done = [w for w in self._waiters if all(key(a) in first for a in w[0])]
        if not done:
            return
        self._waiters = [w for w in self._waiters if w not in done]
        now = int(self.world.env.now)
        for _, event in done:
            event.succeed(now)


def when(world: World, texts: Sequence[str]) -> simpy.Event:
    """An event that fires the instant every condition of ``texts`` holds (at once if they
    already do). The scenario's check has parsed them: a bad one here is a defect."""
    if world.condition_watch is None:
        world.condition_watch = Watch(world)
    watch = world.condition_watch
    assert isinstance(watch, Watch)
    return watch.wait(tuple(parse(t) for t in texts))
