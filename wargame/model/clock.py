"""Simulated time.

The engine counts time in whole **minutes from the scenario's start** (an ``int``), never in
floats and never from the wall clock: integer instants compare exactly, sort stably and print
identically on every machine. Calendar dates exist only at the edges, for people: this module
converts between the two.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta

MINUTE = 1
HOUR = 60 * MINUTE
DAY = 24 * HOUR


def from_days(days: float) -> int:
    """A duration in days (possibly fractional, possibly a numpy scalar) as whole minutes."""
    return round(float(days) * DAY)


def from_hours(hours: float) -> int:
    """A duration in hours as whole minutes."""
    return round(float(hours) * HOUR)


def to_datetime(start: datetime, t: int) -> datetime:
    """The calendar instant ``t`` minutes after ``start``."""
    return start + timedelta(minutes=int(t))


def from_datetime(start: datetime, when: datetime) -> int:
    """Minutes from ``start`` to ``when`` (negative if ``when`` is earlier)."""
    return int((when - start) // timedelta(minutes=1))


@functools.lru_cache(maxsize=8192)
def format_instant(start: datetime, t: int) -> str:
    """A short, unambiguous calendar label such as ``Fri 01 Sep 1939 04:45`` (kept once made:
    every game of a scenario spells the same deadlines and dates)."""
    return to_datetime(start, t).strftime("%a %d %b %Y %H:%M")


def format_duration(minutes: int) -> str:
    """A duration for people: ``3d 4h``, ``5h 30m`` or ``45m``."""
    days, rest = divmod(int(minutes), DAY)
    hours, mins = divmod(rest, HOUR)
    parts = [f"{days}d" if days else "", f"{hours}h" if hours else "", f"{mins}m" if mins else ""]
    return " ".join(p for p in parts if p) or "0m"
