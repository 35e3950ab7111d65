"""The public picture: what the whole room may see, on the projector.

A seminar's plenary screen shows what every government knows alike: the date, the public events
(statements, declarations of war, invasions, the fighting at the fronts, injects published to
all), who is at war with whom, and who is still deciding. At the end it shows the hot wash. It
is built by one function, :func:`public_view`, from an allowlist in the manner of
:func:`wargame.session.views.seat_view`:

- **events**: only those the journal marks for everyone (``see`` holds ``all``: the same rule by
  which each seat's view takes its public events), with ground truth (``truth``) stripped, less
  the ``start`` event (:data:`WITHHELD`: it records the game's root seed, and the seed with the
  scenario file replays the aggressor's plan: its attack date, drawn at the start);
- **wars**: the pairs of states at war. Every war begins with a public event (an invasion, a
  declaration of war, an intervention) or is under way at the start (the scenario says so);
- **seats**: each seat's name, whether people play it, and whether it has an open prompt (less
  the :data:`SECRET_PROMPTS`), never what it is asked, its options, its context or its deadline:
  a game-time deadline would tell the room when a hidden prompt falls due (a human aggressor's
  attack order is asked to answer by the minute before the attack);
- **the clock**: whether it runs and how fast, and the seconds left in each deciding seat's time
  box (the facilitator's wall-clock limit, :mod:`ui.tempo`), given by the caller: a server's clock
  is its own;
- **the hot wash**: given by the caller once the game is over (it is built by the analysis layer,
  above this one: :func:`wargame.analysis.aar.public.public_picture` fills it in).

Nothing else can reach it: no seat's reports or inbox, no prompt, no decision with its reason, no
aggressor's plan, no white-cell notes or master event list. ``tests/test_public_view.py`` checks
this over whole games of several scenarios and seeds against the white cell's full journal.

A view crosses a wire as plain JSON (:func:`public_view_json`, :func:`public_view_from_json`);
its events travel as journal lines do (:meth:`Event.to_json`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from wargame.engine.journal import EVERYONE, Event
from wargame.engine.kinds import Kind
from wargame.model.clock import format_instant
from wargame.session.seats import HUMAN
from wargame.session.session import Session
from wargame.session.views import PromptView, seen_by

WITHHELD = frozenset({Kind.START})
"""Kinds never sent to a seat or a spectator, nor shown on the projector: the ``start`` event
records the root seed, and with the scenario file the seed replays the aggressor's plan
(docs/security.md). The seat screens do not show it; on the wire it is left out altogether
(:mod:`wargame.net.snapshot` takes this one set)."""
# Prompts whose very opening is a secret: the aggressor's plan (its attack order, opened
# ``order_lead_hours`` before the hidden attack; its escalation; its allocation between fronts)
# and a penetration its own service uncovered. The room never sees a seat "deciding" on one.
SECRET_PROMPTS = frozenset({"attack", "escalate", "allocate", "penetration"})
RECENT = 40  # public events a view carries by default: a ticker's worth, not the whole journal
VERSION = 2  # of the JSON form (public_view_json)


@attrs.frozen(kw_only=True)
class SeatStatus:
    """A seat as the room sees it: who it is and whether it is deciding, not what about."""

    seat: str
    name: str
    human: bool  # played by people in the room (else by a bot, which decides at once)
    deciding: bool  # it has an open prompt the room may know of (not a SECRET_PROMPTS one)
    box_left: int | None = None  # wall-clock seconds left in its time box as the view was made


@attrs.frozen(kw_only=True)
class PublicView:
    """The public picture at one instant (see the module docstring)."""

    title: str  # the scenario's title
    now: int  # minutes from the start
    date: str  # "Fri 01 Sep 1939 04:45"
    finished: bool  # the game is over
    names: Mapping[str, str]  # actor id -> name, every actor of the scenario
    seats: tuple[SeatStatus, ...]  # in the scenario's order
    wars: tuple[tuple[str, str], ...]  # pairs of actor ids at war, each pair once, sorted
    events: tuple[Event, ...]  # the latest public events, oldest first, truth stripped
    statements: tuple[Event, ...]  # the latest public statements, oldest first
    public_events: int  # how many public events the game has had so far
    running: bool | None = None  # the clock runs (None: the caller did not say)
    speed: str | None = None  # the clock's speed in words ("12 hours/s"), as the caller spells it
    hot_wash: tuple[str, ...] = ()  # at the end: the hot wash, one paragraph a line

    @property
    def deciding(self) -> tuple[SeatStatus, ...]:
        """The seats with open prompts, the least time left in its time box first (then in the
        scenario's order)."""
        waiting = [s for s in self.seats if s.deciding]
        return tuple(sorted(waiting, key=lambda s: (s.box_left is None, s.box_left or 0)))

    def name(self, actor: str) -> str:
        return self.names.get(actor, actor)


def public_events(session: Session) -> tuple[Event, ...]:
    """Every public event so far, oldest first, without ground truth: the events a seat sees
    because they are for everyone, less the :data:`WITHHELD` kinds. (The views' cache keeps them
    per audience, and ``all`` is an audience of its own: :meth:`Event.visible_to` of ``all`` is
    exactly ``all in see``.)"""
    return tuple(e for e in seen_by(session.world, EVERYONE) if e.kind not in WITHHELD)


def public_prompts(session: Session) -> list[PromptView]:
    """The open prompts of human seats the room may know are open: all but the
    :data:`SECRET_PROMPTS` (none once the game is over)."""
    return [p for p in session.pending() if p.kind not in SECRET_PROMPTS]


def public_view(
    session: Session,
    *,
    running: bool | None = None,
    speed: str | None = None,
    boxes: Mapping[str, int] | None = None,
    hot_wash: Sequence[str] = (),
    recent: int = RECENT,
) -> PublicView:
    """The public picture of ``session`` now (the session is not touched). ``running`` and
    ``speed`` are the clock's, as the caller runs it; ``boxes`` each seat's seconds left in the
    time box of its nearest decision (for seats deciding; others are ignored); ``hot_wash`` the
    paragraphs of the hot wash to show at the end (ignored before); ``recent`` how many of the
    latest public events (and statements) to carry."""
    world = session.world
    scenario = session.scenario
    start = scenario.scenario.start
    now = session.now
    events = public_events(session)
    statements = [e for e in events if e.kind == Kind.STATEMENT]
    deciding = {p.seat for p in public_prompts(session)}
    seats = tuple(
        SeatStatus(
            seat=seat,
            name=world.name(seat),
            human=controller == HUMAN,
            deciding=seat in deciding,
            box_left=(boxes or {}).get(seat) if seat in deciding else None,
        )
        for seat, controller in session.seats.items()
    )
    wars = sorted({tuple(sorted((a, b))) for a, state in world.actors.items() for b in state.at_war_with})
    keep = max(0, recent)
    return PublicView(
        title=scenario.scenario.title,
        now=now,
        date=format_instant(start, now),
        finished=session.finished,
        names={a: world.name(a) for a in scenario.actor_ids},
        seats=seats,
        wars=tuple((a, b) for a, b in wars),
        events=events[len(events) - keep :] if keep else (),
        statements=tuple(statements[len(statements) - keep :]) if keep else (),
        public_events=len(events),
        running=running,
        speed=speed,
        hot_wash=tuple(hot_wash) if session.finished else (),
    )


# -- across a wire ---------------------------------------------------------------------------


def public_view_json(view: PublicView) -> dict[str, Any]:
    """``view`` as a JSON object (events as journal lines have them, ``truth`` never present)."""
    return {
        "version": VERSION,
        "title": view.title,
        "now": view.now,
        "date": view.date,
        "finished": view.finished,
        "names": dict(view.names),
        "seats": [attrs.asdict(s) for s in view.seats],
        "wars": [list(w) for w in view.wars],
        "events": [_public_json(e) for e in view.events],
        "statements": [_public_json(e) for e in view.statements],
        "public_events": view.public_events,
        "running": view.running,
        "speed": view.speed,
        "hot_wash": list(view.hot_wash),
    }


def _public_json(e: Event) -> dict[str, Any]:
    out = e.to_json()
    out.pop("truth", None)  # never there (the view strips it), and never sent if it were
    return out


def public_view_from_json(obj: Mapping[str, Any]) -> PublicView:
    """Rebuild a view from :func:`public_view_json`'s object.

    Raises KeyError, TypeError or ValueError if it is malformed (a field missing or of the wrong
    type, an unknown version or event kind)."""
    if not isinstance(obj, Mapping):
        raise TypeError("a public view must be an object")
    try:
        return _from_json(obj)
    except (AttributeError, OverflowError) as err:  # a list where an object belongs, an infinity
        raise ValueError(f"a malformed public view: {err}") from None


def _from_json(obj: Mapping[str, Any]) -> PublicView:
    if obj.get("version") != VERSION:
        raise ValueError(f"unknown public view version {obj.get('version')!r} (this reads {VERSION})")
    names = obj["names"]
    if not isinstance(names, Mapping):
        raise TypeError("names must be an object")
    return PublicView(
        title=str(obj["title"]),
        now=int(obj["now"]),
        date=str(obj["date"]),
        finished=bool(obj["finished"]),
        names={str(k): str(v) for k, v in names.items()},
        seats=tuple(_seat_from_json(s) for s in _list(obj, "seats")),
        wars=tuple(_war(w) for w in _list(obj, "wars")),
        events=tuple(Event.from_json(_public_only(e)) for e in _list(obj, "events")),
        statements=tuple(Event.from_json(_public_only(e)) for e in _list(obj, "statements")),
        public_events=int(obj["public_events"]),
        running=None if obj.get("running") is None else bool(obj["running"]),
        speed=None if obj.get("speed") is None else str(obj["speed"]),
        hot_wash=tuple(str(p) for p in _list(obj, "hot_wash")),
    )


def _list(obj: Mapping[str, Any], key: str) -> list[Any]:
    value = obj[key]
    if not isinstance(value, list):
        raise TypeError(f"{key} must be a list")
    return value


def _public_only(e: Any) -> Mapping[str, Any]:
    if not isinstance(e, Mapping):
        raise TypeError("an event must be an object")
    return {k: v for k, v in e.items() if k != "truth"}


def _war(w: Any) -> tuple[str, str]:
    if not isinstance(w, list) or len(w) != 2:
        raise TypeError("a war must be a pair of actor ids")
    return str(w[0]), str(w[1])


def _seat_from_json(s: Any) -> SeatStatus:
    if not isinstance(s, Mapping):
        raise TypeError("a seat must be an object")
    box = s.get("box_left")
    return SeatStatus(
        seat=str(s["seat"]),
        name=str(s["name"]),
        human=bool(s["human"]),
        deciding=bool(s["deciding"]),
        box_left=None if box is None else int(box),
    )
