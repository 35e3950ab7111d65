"""News: what makes a government reconsider a decision it has put off.

A government that has chosen to wait is not asked the same question every twelve hours; it takes
the question up again when something it learns bears on it: a report its services received, a
warning of its analysts, a partner's declaration of war, a promise falling due, its mobilisation
completing a phase, the protected state's capital falling. A :class:`Watch` listens to the
journal for one seat and one question, and :meth:`Watch.wait` returns once there has been news
since the last time the seat was asked, but never sooner than ``redecide_hours`` after it
(``actors.<id>.redecide_hours``): a government does not reopen a cabinet decision on every
telegram.

What counts as news is a function of the seat's own events (what it could see), never of the
truth: :func:`declaration_news` for the declaration of war, :func:`offensive_news` for an
offensive. Watches only listen: they record nothing and draw no random number, so the journal of
a game is a function of when the questions are put, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping
from typing import TYPE_CHECKING, Any

from wargame.engine.events import (
    CapitalData,
    CollapseData,
    FalseAlarmData,
    FrontData,
    InjectData,
    InvasionData,
    MobilisationData,
    ObjectiveData,
    OffensiveData,
    PromiseData,
    ReportData,
    WarData,
    WarningData,
)
from wargame.model.clock import from_days, from_hours
from wargame.model.commitments import promises_of
from wargame.model.prompts import triggered

if TYPE_CHECKING:
    import simpy

    from wargame.engine.journal import Event
    from wargame.engine.picture import Picture
    from wargame.engine.world import World

IsNews = Callable[["Event"], bool]

#: Mobilisation steps that are orders, not a phase completing.
_ORDERS = ("ordered", "partial", "cancelled")


class Watch:
    """Listens to the journal for news for ``seat`` (by ``is_news``), and to the instants ``dates``
    (minutes: a promise falling due), and lets a process wait for the next piece of it."""

    def __init__(self, world: World, seat: str, is_news: IsNews, dates: tuple[int, ...] = ()) -> None:
        self.world = world
        self.seat = seat
        self.is_news = is_news
        self.latest = -1  # the seq of the latest news (a date: the journal's length then)
        self.what = ""  # what the latest news was, in words
        self._waiting: simpy.Event | None = None
        self.closed = False
        world.journal.listen(self._hear)
        for when in sorted(set(dates)):
            if when >= world.env.now:
                world.later(int(when - world.env.now), self._date)

    def _hear(self, event: Event) -> None:
        if not self.closed and event.visible_to(self.seat) and self.is_news(event):
            self._news(event.seq, event.text)

    def _date(self) -> None:
        if not self.closed:
            self._news(len(self.world.journal.events), "a promise falls due")

    def _news(self, seq: int, what: str) -> None:
        self.latest, self.what = seq, what
        if self._waiting is not None and not self._waiting.triggered:
            self._waiting.succeed()

    def mark(self) -> int:
        """The journal's position now: news after it is news since now."""
        return len(self.world.journal.events)

    def wait(
        self, since: int, asked_at: int, hours: float | None = None
    ) -> Generator[simpy.Event, Any, None]:
        """Wait until there has been news after position ``since`` and at least ``hours`` (by
        default the seat's ``redecide_hours``) have passed since minute ``asked_at``."""
        env = self.world.env
        if hours is None:
            hours = self.world.scenario.actor(self.seat).redecide_hours
        earliest = asked_at + from_hours(hours)
        if env.now < earliest:
            yield env.timeout(earliest - int(env.now))
        while self.latest < since:
            self._waiting = env.event()
            yield self._waiting
            self._waiting = None

    def close(self) -> None:
        """Stop listening (the question will not be put again, or the game is over): the journal
        no longer holds the watch, so a finished game is freed by reference counting."""
        if not self.closed:
            self.closed = True
            self.world.journal.unlisten(self._hear)


def _is_phase(data: object, seat: str) -> bool:
    return isinstance(data, MobilisationData) and data.actor == seat and data.step not in _ORDERS


def declaration_news(world: World, seat: str) -> IsNews:
    """News that bears on declaring war, for guarantor ``seat``: a report it received on the enemy's
    forces or a third state's mobilisation (not the date of an attack that has come, nor its own
    side's mobilisation), a warning of its analysts,
    an inject it was sent, a partner's declaration of war on the aggressor, a promise judged, its
    own mobilisation completing a phase, the protected state's capital falling or its resistance
    ending (after which the question is closed)."""
    aggressor, target = world.scenario.aggressor.actor, world.scenario.aggressor.target
    partners = set(world.scenario.guarantors_of()) - {seat}
    # not news: the date of an attack that has come, the mobilisation of its own side
    known = {"attack_date", *(f"mobilisation.{a}" for a in (seat, target, *partners))}

    def is_news(event: Event) -> bool:
        d = event.data
        return (
            isinstance(d, InjectData)
            or (isinstance(d, ReportData) and d.subject not in known)
            or (isinstance(d, WarningData) and d.actor == seat)
            or (isinstance(d, WarData) and d.on == aggressor and d.actor in partners)
            or (isinstance(d, PromiseData) and d.guarantor in (seat, *partners))
            or _is_phase(d, seat)
            or (isinstance(d, (CapitalData, CollapseData)) and d.actor == target)
        )

    return is_news


def front_news(front: str) -> IsNews:
    """News that bears on entering a war on ``front``, for a third party: a report of the fighting
    there, the attacker halting on its objective, the defender's capital falling (what it could
    see: the public front news)."""

    def is_news(event: Event) -> bool:
        d = event.data
        return isinstance(d, FrontData | CapitalData | ObjectiveData) and d.front == front

    return is_news


def mobilisation_news(world: World, seat: str) -> IsNews:
    """News that bears on mobilising, for ``seat``: a warning or a false alarm of its analysts, a
    report it received on the attack date or on the enemy's forces, an inject it was sent, another
    state ordering (or cancelling) mobilisation, a declaration of war, the invasion, the protected
    state's capital falling. What the seat makes of it is its doctrine's affair
    (:func:`wargame.session.doctrines.beliefs.threat`)."""

    def is_news(event: Event) -> bool:
        d = event.data
        return (
            isinstance(d, (InjectData, InvasionData, WarData, CapitalData))
            or (isinstance(d, (WarningData, FalseAlarmData)) and d.actor == seat)
            or (isinstance(d, ReportData) and (d.subject == "attack_date" or d.subject.startswith("forces.")))
            or (isinstance(d, MobilisationData) and d.actor != seat and d.step in _ORDERS)
        )

    return is_news


class Reassessed:
    """A seat's assessments of some subjects (in its own picture), and whether one of them has
    moved by more than its share (``change``: subject -> share) since the question was last put
    (:meth:`reset`): a changed estimate is news."""

    def __init__(self, picture: Picture, change: Mapping[str, float]) -> None:
        self.picture = picture
        self.change = dict(change)
        self.base: dict[str, float | None] = {}  # the assessments when the question was last put

    def assessed(self, subject: str) -> float | None:
        estimate = self.picture.assessment(subject)
        return estimate.value if estimate is not None else None

    def reset(self) -> None:
        """The question is put now: later changes of the assessments are measured from here."""
        self.base = {subject: self.assessed(subject) for subject in self.change}

    def moved(self, subject: str) -> bool:
        """Whether the assessment of ``subject`` has moved by more than its share (or been formed)
        since the last :meth:`reset`."""
        if subject not in self.change:
            return False
        now, then = self.assessed(subject), self.base.get(subject)
        if now is None:
            return False
        return then is None or then <= 0 or abs(now - then) / then > self.change[subject]


class OffensiveNews:
    """News that bears on an offensive on ``front``, for guarantor ``seat``: its mobilisation
    completing a phase (new divisions), a partner's offensive, or its assessment of the enemy on the
    front (``forces.<front>``, in its own picture) moving by more than ``change`` (a share) since
    the question was last put (:meth:`reset`)."""

    def __init__(self, world: World, seat: str, front: str, change: float) -> None:
        self.partners = set(world.scenario.guarantors_of()) - {seat}
        self.seat = seat
        self.estimates = Reassessed(world.pictures[seat], {f"forces.{front}": change})

    def reset(self) -> None:
        """The question is put now: later changes of the assessment are measured from here."""
        self.estimates.reset()

    def __call__(self, event: Event) -> bool:
        d = event.data
        if isinstance(d, ReportData):
            return self.estimates.moved(d.subject)
        return _is_phase(d, self.seat) or (isinstance(d, OffensiveData) and d.actor in self.partners)


def promise_dates(world: World, seat: str, actions: tuple[str, ...] | None = None) -> tuple[int, ...]:
    """The minutes (from the invasion, now) at which ``seat``'s triggered promises fall due."""
    now = int(world.env.now)
    return tuple(
        now + from_days(p.day)
        for g in triggered(world.scenario)
        for p in promises_of(g, seat)
        if (actions is None or p.action in actions) and not p.condition  # conditional: date unknown
    )
