"""Words for people in the review, the hot wash and the briefings: dates, durations, amounts.

A facilitator reads "1 Sep 1939 04:45", "2.3 days" and "not reached", never a model's
``day 10.198``, ``None days`` or ``1939-09-01T04:45``. Every function here takes the engine's
values (ISO instants from the journal's ``at``, simulated minutes, days as floats, ``None`` for
what did not happen) and returns plain text.
"""

from __future__ import annotations

from datetime import datetime

from wargame.model.clock import DAY, to_datetime

NOT_REACHED = "not reached"
NOTHING = "—"


def date_text(when: datetime, time: bool = True) -> str:
    """``1 Sep 1939 04:45`` (or ``1 Sep 1939`` without the time)."""
    day = f"{when.day} {when:%b %Y}"
    return f"{day} {when:%H:%M}" if time else day


def when(at: str) -> str:
    """A journal instant (``1939-09-01T04:45``) for people: ``1 Sep 1939 04:45``; "" stays ""."""
    return date_text(datetime.fromisoformat(at)) if at else ""


def instant(start: datetime, t: int) -> str:
    """Simulated minute ``t`` of a scenario that starts at ``start``: ``1 Sep 1939 04:45``."""
    return date_text(to_datetime(start, t))


def day_instant(start: datetime, day: float | None, none: str = NOT_REACHED) -> str:
    """A day count from the scenario's start (``10.198``) as a date, or ``none``."""
    return none if day is None else instant(start, round(day * DAY))


def days(value: float | None, none: str = NOTHING) -> str:
    """A duration in days for people: ``1 day``, ``2.3 days``, ``half a day``; ``none`` for None."""
    if value is None:
        return none
    if value == 0.5:
        return "half a day"
    number = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{number} day" if number in ("1", "-1") else f"{number} days"


def amount(value: float) -> str:
    """A count of divisions or reports: whole numbers stay whole, others lose needless decimals."""
    if abs(value) >= 10 or float(value).is_integer():
        return f"{value:.0f}"
    return f"{value:.1f}".removesuffix(".0")


def words(ident: str) -> str:
    """A model's kind or choice id in words: ``declare_war`` -> ``declare war``."""
    return ident.replace("_", " ")


def ratio_text(ratio: float | None) -> str:
    """An estimate over the truth: ``1.9 times the truth``, ``—`` when unknown."""
    return NOTHING if ratio is None else f"{ratio:.2g} times the truth"


def controller(by: str) -> str:
    """Who plays a seat or took a decision, in words: ``bot:historical`` -> ``bot (historical)``."""
    kind, _, doctrine = by.partition(":")
    return f"{kind} ({words(doctrine)})" if doctrine else by


def early_or_late(off_days: float | None) -> str:
    """An estimated date's error: ``1.3 days early``, ``2 days late``, ``right``; ``—`` if unknown."""
    if off_days is None:
        return NOTHING
    if not round(off_days, 1):
        return "right"
    return f"{days(abs(off_days))} {'early' if off_days < 0 else 'late'}"


def times_text(n: int) -> str:
    """How often: ``never``, ``once``, ``twice``, ``3 times``."""
    return {0: "never", 1: "once", 2: "twice"}.get(n, f"{n} times")
