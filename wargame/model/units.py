"""Forces by domain, and their strengths in words.

A state's forces are counted in three domains, each in its own unit:

* ``land`` — divisions (a division is three brigades: below one division, a force reads in
  brigades, so that a third of a division is "1 brigade", never "0 divisions");
* ``air`` — squadrons;
* ``naval`` — warships.

How much each unit weighs in a battle depends on where it is fought: every front says how many
division-equivalents one division, squadron or ship adds there (``land_weight``, ``air_weight``,
``naval_weight``; :func:`equivalents`). The strengths themselves, as the scenario plans them, are
read by :func:`planned`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.model.wording import and_list, count

if TYPE_CHECKING:
    from wargame.model.scenario import Front, Scenario

#: The domains, in the order they are counted and printed.
DOMAINS = ("land", "air", "naval")

#: Brigades in a division (design choice: the triangular division of most armies since 1940).
BRIGADES_PER_DIVISION = 3

#: The unit of each domain: (singular, plural).
UNITS: dict[str, tuple[str, str]] = {
    "land": ("division", "divisions"),
    "air": ("squadron", "squadrons"),
    "naval": ("ship", "ships"),
}


def strength_text(value: float, domain: str = "land") -> str:
    """A strength in words: ``12 divisions``, ``1 division``; below one division, brigades (three
    to a division: 0.3 is ``1 brigade``, 0.7 ``2 brigades``); ``4 squadrons``, ``1 ship``.
    Nothing at all reads ``no divisions`` (``no squadrons``, ``no ships``)."""
    singular, plural = UNITS[domain]
    if domain == "land":
        brigades = round(value * BRIGADES_PER_DIVISION)
        if 0 < brigades < BRIGADES_PER_DIVISION:
            return count(brigades, "brigade", "brigades")
        if brigades <= 0:
            return f"no {plural}"
        return count(max(1, int(f"{value:.0f}")), singular, plural)
    n = int(f"{value:.0f}")
    return count(n, singular, plural) if n > 0 else f"no {plural}"


def about_text(value: float, domain: str = "land") -> str:
    """An estimate in words: ``about 12 divisions``, ``about 2 brigades``; an estimate of nothing
    reads ``next to no divisions`` (never ``about 0 divisions``)."""
    text = strength_text(value, domain)
    return f"next to {text}" if text.startswith("no ") else f"about {text}"


def forces_text(land: float, air: float = 0.0, naval: float = 0.0) -> str:
    """A force in every domain it has: ``12 divisions``, ``12 divisions, 4 squadrons and 2 ships``,
    ``6 squadrons`` (a domain with nothing is left out; all nothing reads ``no divisions``)."""
    parts = [strength_text(v, d) for d, v in zip(DOMAINS, (land, air, naval), strict=True) if v > 0]
    if not parts:
        return strength_text(0.0)
    return and_list(parts)


def weight(front: Front, domain: str) -> float:
    """Division-equivalents one unit of ``domain`` adds on ``front``."""
    return {"land": front.land_weight, "air": front.air_weight, "naval": front.naval_weight}[domain]


def equivalents(front: Front, land: float, air: float = 0.0, naval: float = 0.0) -> float:
    """A force's fighting strength on ``front``, in division-equivalents: the weighted sum of its
    domains. With the default weights (1, 0, 0) it is its divisions, exactly."""
    return land * front.land_weight + air * front.air_weight + naval * front.naval_weight


def planned(scenario: Scenario, actor: str, domain: str = "land") -> float:
    """``actor``'s largest planned strength in ``domain``: its standing forces or its timetable's
    largest phase (0 without a timetable)."""
    plans = [m for m in scenario.mobilisation if m.actor == actor]
    if domain == "land":
        return max(
            (max([m.standing_divisions, *(p.divisions for p in m.phases)]) for m in plans), default=0.0
        )
    if domain == "air":
        return max((max([m.standing_air, *(p.air for p in m.phases)]) for m in plans), default=0.0)
    return max((max([m.standing_naval, *(p.naval for p in m.phases)]) for m in plans), default=0.0)


def warnings(scenario: Scenario) -> list[tuple[tuple[str | int, ...], str]]:
    """What ``wargame check`` warns about forces by domain: a front where no domain weighs (nothing
    can fight there), and air or naval forces that no front weighs (they can never count)."""
    out: list[tuple[tuple[str | int, ...], str]] = []
    for i, f in enumerate(scenario.fronts):
        if f.land_weight <= 0 and f.air_weight <= 0 and f.naval_weight <= 0:
            out.append(
                (
                    ("fronts", i, "land_weight"),
                    f"front {f.id!r}: every domain weighs 0 here, so nothing fights",
                )
            )
    for i, m in enumerate(scenario.mobilisation):
        for domain, field in (("air", "standing_air"), ("naval", "standing_naval")):
            if planned(scenario, m.actor, domain) > 0 and not any(
                weight(f, domain) > 0 for f in scenario.fronts
            ):
                out.append(
                    (
                        ("mobilisation", i, field),
                        f"{m.actor!r} has {UNITS[domain][1]}, but no front gives them a weight "
                        f"({domain}_weight): they can never count",
                    )
                )
    return out
