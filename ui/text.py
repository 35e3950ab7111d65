"""Safe text for the screen. Scenario and report text is data, never markup: a report that reads
``[RUNNING]`` must show those brackets, and one that reads ``[/end]`` must not crash the app.
Every piece of game text reaches a widget through these helpers (Rich ``Text``, built without
markup parsing)."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from wargame.model.clock import format_instant
from wargame.model.scenario import Scenario
from wargame.model.units import about_text, strength_text
from wargame.session.setting import Setting

DAY = 24 * 60


def plain(text: str, style: str = "") -> Text:
    """``text`` exactly as written, in ``style``."""
    return Text(text, style=style)


def when(start: datetime, minute: int) -> str:
    """A simulated instant as the players read it: ``Fri 01 Sep 1939 04:45``."""
    return format_instant(start, minute)


def short_when(start: datetime, minute: int) -> str:
    """``01 Sep 04:45``: the weekday and year dropped, for tables."""
    full = when(start, minute)
    parts = full.split()
    return f"{parts[1]} {parts[2]} {parts[4]}" if len(parts) == 5 else full


def estimate_words(
    scenario: Scenario | Setting, subject: str, value: float, low: float, high: float, reports: int
) -> str:
    """An assessment as an analyst would brief it: a central figure, its range, what it rests on,
    and how firm it is, in estimative words."""
    spread = (high - low) / max(abs(value), 1e-9) if subject != "attack_date" else (high - low) / DAY
    firmness = (
        "a firm estimate"
        if reports >= 4 and spread < 0.3
        else "a fair estimate"
        if reports >= 2 and spread < 0.6
        else "a weak estimate"
    )
    if subject == "attack_date":
        start = scenario.scenario.start
        return (
            f"around {short_when(start, int(value))} (between {short_when(start, int(low))} and "
            f"{short_when(start, int(high))}); {firmness}, {reports} report{'s' * (reports != 1)}"
        )
    if min(value, low) < 0.5 and (subject.startswith(("forces.", "mobilisation."))):
        # under a division the column's unit misleads ("about 0"): brigades in words
        figures = f"{about_text(value)} (between {strength_text(low)} and {strength_text(high)})"
    else:
        figures = f"about {value:.0f} (between {low:.0f} and {high:.0f})"
    return f"{figures}; {firmness}, {reports} report{'s' * (reports != 1)}"


def time_left(minutes: int) -> str:
    """A span of simulated minutes, for deadlines: ``2 d 4 h``, ``3 h 10 min``."""
    if minutes <= 0:
        return "now"
    days, rest = divmod(minutes, DAY)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {mins:02d} min"
    return f"{mins} min"
