"""Pressure short of invasion: the schema of ``[pressure]`` and the kinds of act that trigger.

An aggressor need not invade. It may **blockade** its target (1914-18, Berlin 1948, Cuba 1962:
ships stopped, trade strangled), **strike** it with a limited aim (an invasion whose fronts halt on
their objectives), or wage a **hybrid** campaign (sabotage, cyber attacks, proxies) that no navy
can escort away. A blockade and a hybrid campaign are a *pressure*: they wear down the protected
state's **endurance** (1 at the start, 0 exhausted) day by day until it concedes, its guarantors
lift it, or the aggressor escalates to invasion (:mod:`wargame.engine.pressure`).

Each kind of act is a **trigger kind**. A guarantee covers a kind with a clarity of its own
(``[guarantees.clarity]``): the casus foederis of 1939 named an invasion plainly; a blockade or
cyber attacks are what a treaty's authors rarely foresaw. A kind the table omits (other than the
invasion, whose clarity is ``trigger_clarity``) does not trigger the guarantee at all.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from wargame.model.fields import param

#: What the aggressor does at its planned instant (``[aggressor] means``), each also a trigger kind.
MEANS = ("invasion", "blockade", "strike", "hybrid")
TRIGGER_KINDS = MEANS
#: The means that start a pressure rather than an invasion.
PRESSURE_MEANS = ("blockade", "hybrid")
#: The means that invade (their trigger kind is their own: a strike is not an invasion in law).
INVADING_MEANS = ("invasion", "strike")


@attrs.frozen(kw_only=True)
class Pressure:
    """How a blockade or a hybrid campaign wears the protected state down (pressure process)."""

    harm_per_day: float = param(
        0.02,
        doc="Endurance the protected state loses per day of pressure, neither run nor escorted "
        "(endurance starts at 1; design choice: 0.02 exhausts it in about 40 days).",
        ge=0,
        le=1,
    )
    run_relief: float = param(
        0.3,
        doc="Share of the day's harm avoided while the protected state runs the blockade (or, in a "
        "hybrid campaign, resists it): convoys sail, substitutes are found.",
        ge=0,
        le=1,
    )
    run_risk: float = param(
        0.1,
        doc="Daily chance, while it runs the blockade, that its runners are intercepted (stream "
        "`pressure.run`): that day the relief is lost and the ships with it (the harm is raised by "
        "`run_relief` instead of lowered).",
        ge=0,
        le=1,
    )
    escort_relief: float = param(
        0.6,
        doc="Most of the day's harm an escort removes (a blockade only), reached when the escorts' "
        "naval strength matches the blockader's; less in proportion below it.",
        ge=0,
        le=1,
    )
    blockader_naval: float = param(
        10.0,
        doc="The blockader's naval strength (ships) when its mobilisation gives it none.",
        ge=0,
        le=10000,
    )
    escort_naval: float = param(
        5.0,
        doc="An escorting guarantor's naval strength (ships) when its mobilisation gives it none.",
        ge=0,
        le=10000,
    )
    concede_endurance: float = param(
        0.2,
        doc="Endurance at which the protected state cannot go on: it concedes (the pressure ends in "
        "a concession).",
        ge=0,
        le=1,
    )
    news_endurance: float = param(
        0.1,
        doc="A fall of endurance by this much since a seat was last asked is news: the protected "
        "state is asked again whether to go on, the guarantors whether to escort.",
        ge=0.01,
        le=1,
    )
    response_hours: float = param(
        24.0,
        doc="Deadline of the pressure prompts (`pressure_response`, `escort`, `escalate`), in hours.",
        ge=0.5,
        le=720,
    )
    escalate_every_days: float = param(
        7.0,
        doc="After it persists, days before the aggressor is asked again whether to escalate.",
        ge=0.5,
        le=365,
    )
    aid_endurance: float = param(
        0.1,
        doc="Endurance a guarantor's shipment of aid (`send_aid` under a pressure: materiel, fuel, "
        "food, not divisions) gives back to the protected state when it arrives, `aid_days` after it "
        "is sent (at most back to 1; design choice: 0.1 is five days of unrelieved harm at the "
        "default `harm_per_day`; Berlin 1948: the airlift kept the city going).",
        ge=0,
        le=1,
    )
    aid_intercept: float = param(
        0.5,
        doc="Under a blockade, the chance that a shipment of aid is stopped by the blockader when no one "
        "escorts (stream `pressure.aid`); escorts lower it in proportion to their naval strength over "
        "the blockader's, to 0 when they match it. A hybrid campaign stops no ships.",
        ge=0,
        le=1,
    )


def clarity_of(clarity: Mapping[str, float], trigger_clarity: float, kind: str) -> float | None:
    """A guarantee's clarity for a trigger ``kind``: its ``[guarantees.clarity]`` entry, else
    ``trigger_clarity`` for an invasion; None: the kind is not covered (it does not trigger it)."""
    if kind in clarity:
        return float(clarity[kind])
    return trigger_clarity if kind == "invasion" else None
