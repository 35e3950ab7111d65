"""The outcome of a game as typed records: what each measure means, its unit, and its columns.

:func:`wargame.engine.outcome.measures` fills an :class:`Outcome` from a game's journal. Every
field carries its meaning and unit (``metadata``), so the schema of ``wargame run --summary`` and
of a batch's rows is written once, here, and ``docs/results.md`` is generated from it.

Days are decimal days (three places). ``invasion_day`` counts from the scenario's start; every
``*_after_days`` counts from the invasion (negative for what came before it), or from the start
when there was none. A measure that did not happen (no offensive, no collapse) is ``None``: an
empty cell in a CSV, ``null`` in JSON.

Measures per actor are maps keyed by actor id and hold only the actors the measure concerns
(those that ordered a mobilisation, received a deceptive report...), so a batch row has a column
per actor present. Only the guarantors' record is a class: its three measures come together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import attrs

GuaranteeHonour = Literal["abandoned", "partial", "formal", "ambiguous", "substantive"]
"""How one triggered guarantee was honoured, in the order the game's grade ranks them (see
:mod:`wargame.engine.honour`): ``abandoned`` (no guarantor at war with the aggressor),
``partial`` (some), ``formal`` (all), ``ambiguous`` (nothing substantive yet, but the game ended
before the guarantee's window closed, the protected state still standing: the game cannot tell),
``substantive`` (an offensive of the promised size within the window)."""

Honour = Literal["deterred", "untriggered", "abandoned", "partial", "formal", "ambiguous", "substantive"]
"""The game's grade: ``deterred`` (the aggressor never acted: no invasion, strike or pressure;
``ambiguous`` if the journal stops before the aggressor decided), ``untriggered`` (an act no
guarantee covers), or the best :data:`GuaranteeHonour` of the triggered guarantees."""

Deterrence = Literal["deterred", "delayed", "failed", "undecided"]
"""How far deterrence worked: ``deterred`` (the aggressor abandoned its plan, or never attacked
before the end), ``delayed`` (it postponed at least once, then invaded), ``failed`` (it invaded
without postponing), ``undecided`` (the journal stops before the end, the attack neither made nor
given up)."""

EndState = Literal["deterred", "collapse", "objective_held", "concession", "resisted", "undecided"]
"""How the crisis ended, the first that applies: ``concession`` (the protected state gave in to
the aggressor's pressure), ``deterred`` (it never acted, the aggressor gave up or the game reached
its end), ``collapse`` (the protected state collapsed: a decisive front's resistance ended),
``objective_held`` (the aggressor holds every objective of the fronts it attacks, the protected
state standing), ``resisted`` (the game reached its end with none of these), ``undecided`` (the
journal stops before the end with none of these)."""

Json = dict[str, Any]
"""A JSON object as :func:`json.loads` gives it."""


def doc(meaning: str, unit: str = "", keys: tuple[str, ...] = ()) -> dict[str, Any]:
    """A measure's ``metadata``: its ``meaning``, its ``unit``, and for a map what its ``keys`` are
    (one name per level: ``("guarantor",)``, ``("guarantor", "subject")``)."""
    return {"meaning": meaning, "unit": unit, "keys": keys}


@attrs.frozen
class GuarantorOutcome:
    """What one guarantor of the invaded state did, in days from the invasion."""

    war_declared_after_days: float | None = attrs.field(
        metadata=doc("its declaration of war (None: it never declared war)", "days")
    )
    offensive_after_days: float | None = attrs.field(
        metadata=doc("its first offensive, of any size (None: it launched none)", "days")
    )
    max_offensive_divisions: float = attrs.field(
        metadata=doc("the largest offensive it launched (0 if none)", "divisions")
    )
    at_war: bool = attrs.field(
        metadata=doc(
            "at war with the aggressor by the end: it declared war, or was at war when the game began "
            "(a war already under way: the scenario's at_war_with)"
        )
    )


@attrs.frozen
class Outcome:
    """The outcome measures of one game (see the module docstring for units and origins)."""

    deterred: bool = attrs.field(
        metadata=doc("the aggressor never acted: no invasion, strike, blockade or hybrid campaign")
    )
    deterrence: Deterrence = attrs.field(
        metadata=doc(
            "deterrence graded: deterred (the aggressor abandoned its plan, or never attacked before "
            "the end), delayed (it postponed at least once, then invaded), failed (it invaded without "
            "postponing), undecided (the journal stops before either)"
        )
    )
    invasion_day: float | None = attrs.field(
        metadata=doc("the invasion, from the scenario's start (None: deterred)", "days")
    )
    postponements: int = attrs.field(metadata=doc("times the aggressor put off its attack", "times"))
    protege_survival_days: float | None = attrs.field(
        metadata=doc("the protected state's collapse (None: it held to the horizon, or no invasion)", "days")
    )
    protege_held: bool = attrs.field(
        metadata=doc("the protected state had not collapsed by the end (true when it was not invaded)")
    )
    capital_fell_after_days: float | None = attrs.field(
        metadata=doc("the fall of the protected state's capital (None: it held)", "days")
    )
    guarantors: Mapping[str, GuarantorOutcome] = attrs.field(
        metadata=doc("each guarantor of a triggered guarantee", keys=("guarantor",))
    )
    aggressor_divisions_redeployed: float = attrs.field(
        metadata=doc(
            "net divisions the aggressor moved from the invasion front to the fronts it defends "
            "(negative: it stripped them for the invasion)",
            "divisions",
        )
    )
    defended_front_breakthrough: bool | None = attrs.field(
        metadata=doc(
            "an attacker broke through a front the aggressor defends (None: it defends none, or "
            "there was no invasion)"
        )
    )
    defended_front_breakthrough_after_days: float | None = attrs.field(
        metadata=doc("the first breakthrough on a front the aggressor defends (None: none)", "days")
    )
    credibility_at_invasion: float = attrs.field(
        metadata=doc(
            "the aggressor's belief that at least one guarantor acts substantively, when it invaded "
            "or gave up its plan",
            "probability (0–1)",
        )
    )
    functionality_days: float | None = attrs.field(
        metadata=doc(
            "time from trigger to collective action: until guarantors of the triggered guarantees "
            "holding half their planned strength had each declared war or attacked (at war from the "
            "start: day 0) (None: they never did, or no invasion)",
            "days",
        )
    )
    functionality: float = attrs.field(
        metadata=doc(
            "the alliance's functionality index, from liaison, integrated command, exercises, "
            "consultation and readiness (wargame.engine.functionality)",
            "index (0–1)",
        )
    )
    forces_delivered_share: float | None = attrs.field(
        metadata=doc(
            "the forces delivered over those promised: for each triggered guarantee, its guarantors' "
            "largest offensive within its window over the promised size (substantive_divisions, or 0.8 "
            "of the guarantor's largest planned strength if that is 0), capped at 1; the best "
            "guarantee's (0: none; None: no invasion)",
            "share (0–1)",
        )
    )
    guarantee_honoured: Honour = attrs.field(
        metadata=doc(
            "the game's grade: deterred (no invasion; ambiguous if the journal stops before the "
            "aggressor decided), untriggered (no guarantee covered the invasion), else substantive if "
            "any triggered guarantee is, else ambiguous if any is, else the best of formal > partial > "
            "abandoned"
        )
    )
    guarantees_honoured: Mapping[str, GuaranteeHonour] = attrs.field(
        metadata=doc(
            "each triggered guarantee's grade: substantive (an offensive of its substantive_divisions, "
            "or a general one if 0, within substantive_within_days), ambiguous (nothing substantive "
            "yet, the game ended before that window closed, the protected state standing), formal "
            "(every committed guarantor at war with the aggressor: one a promise binds; an "
            "ambiguous one that stays out does not count against it), partial (some guarantor at "
            "war, not every committed one), abandoned (none) (empty: no invasion)",
            keys=("guarantee",),
        )
    )
    honoured_substantively: bool = attrs.field(
        metadata=doc("guarantee_honoured is substantive (false when deterred)")
    )
    guarantee_held: bool = attrs.field(
        metadata=doc(
            "the guarantee did its work: the aggressor was deterred, or it was honoured in substance"
        )
    )
    offensive_halted_after_days: float | None = attrs.field(
        metadata=doc("the first halt of a guarantor's offensive (None: none)", "days")
    )
    intervention_after_days: Mapping[str, float] = attrs.field(
        metadata=doc("each third power's intervention", "days", keys=("actor",))
    )
    mobilisation_after_days: Mapping[str, float] = attrs.field(
        metadata=doc("each actor's order of mobilisation (negative: before the invasion)", "days", ("actor",))
    )
    promises_due: int = attrs.field(
        metadata=doc("dated promises of the guarantees that fell due", "promises")
    )
    promises_kept: int = attrs.field(metadata=doc("those kept on time", "promises"))
    council_sittings: int = attrs.field(metadata=doc("sittings of the alliance council", "sittings"))
    protected_informed: bool = attrs.field(
        metadata=doc("the council informed the protected state of its decisions")
    )
    reports: Mapping[str, int] = attrs.field(
        metadata=doc("intelligence reports each seat received", "reports", ("seat",))
    )
    decisions: Mapping[str, int] = attrs.field(
        metadata=doc(
            "decisions by who took them (human, bot, default, white cell, a confirmed default)",
            "decisions",
            ("source",),
        )
    )
    ended: bool = attrs.field(metadata=doc("the game reached its end (not cut short)"))
    estimate_error_at_invasion: Mapping[str, Mapping[str, float | None]] = attrs.field(
        metadata=doc(
            "each guarantor's assessment of the aggressor's forces on each front at the invasion, over "
            "the truth (1 = exact; None: no assessment or no truth)",
            "ratio",
            ("guarantor", "subject"),
        )
    )
    assessment_divergence_at_invasion: float | None = attrs.field(
        metadata=doc(
            "how far apart the guarantors' assessments of the aggressor's forces were at the invasion: "
            "per subject, the spread of their log estimate-to-truth ratios, averaged (0: one shared "
            "picture; None: fewer than two guarantors assessed anything)",
            "log ratio",
        )
    )
    warning_lead_days: Mapping[str, float | None] = attrs.field(
        metadata=doc(
            "from each seat's first warning to the aggressor's first act (the invasion, or a blockade "
            "or hybrid campaign before it), for every seat but the aggressor's: the protected state, "
            "the guarantors, third parties (None: never warned)",
            "days",
            ("seat",),
        )
    )
    surprised: bool | None = attrs.field(
        metadata=doc(
            "the invasion came before any seat of the victim's side (protected state, guarantors) had "
            "ordered mobilisation a day or more ahead (Whaley's surprise; None: no invasion)"
        )
    )
    response_after_first_indicator_days: Mapping[str, float | None] = attrs.field(
        metadata=doc(
            "from each guarantor's first honest report of the attack date to its order of mobilisation "
            "(None: either never came)",
            "days",
            ("guarantor",),
        )
    )
    penetration_detected_after_days: float | None = attrs.field(
        metadata=doc("the detection of a penetrated service (None: none, or not detected)", "days")
    )
    deceptive_reports_received: Mapping[str, int] = attrs.field(
        metadata=doc(
            "deceptive reports each seat received (seats with none are left out)", "reports", ("seat",)
        )
    )
    deceptive_reports_believed: Mapping[str, int] = attrs.field(
        metadata=doc("those that moved its assessment away from the truth", "reports", ("seat",))
    )
    end_state: EndState = attrs.field(
        metadata=doc(
            "how the crisis ended, the first that applies: concession (the protected state gave in to "
            "pressure), deterred (no invasion), collapse (the protected state collapsed on a decisive "
            "front), objective_held (the aggressor holds every objective of the fronts it attacks), "
            "resisted (the end came with none of these), undecided (the journal stops before the end)"
        )
    )
    ground_held_km: Mapping[str, float] = attrs.field(
        metadata=doc(
            "ground the aggressor holds at the end on each front it attacks (0: none taken)", "km", ("front",)
        )
    )
    objectives_held: int = attrs.field(
        metadata=doc(
            "fronts the aggressor attacks on which it holds its objective (objective_km) at the end",
            "fronts",
        )
    )
    duration_days: float | None = attrs.field(
        metadata=doc(
            "from the trigger (the invasion) to the event that settled the end state (the collapse, "
            "the last objective taken), or to the end of the journal (None: no trigger)",
            "days",
        )
    )
    trigger: str | None = attrs.field(
        default=None,
        metadata=doc(
            "the kind of act that first triggered a guarantee: invasion, strike, blockade or hybrid "
            "(None: no guarantee was triggered)"
        ),
    )
    pressure_day: int | None = attrs.field(
        default=None,
        metadata=doc("days of blockade or hybrid pressure the protected state bore (None: none)", "days"),
    )
    endurance_at_end: float | None = attrs.field(
        default=None,
        metadata=doc(
            "the protected state's endurance when the pressure ended or the game did, 1 to 0 (None: "
            "no pressure)"
        ),
    )
    concession: bool = attrs.field(
        default=False, metadata=doc("the protected state conceded the aggressor's demand")
    )

    def to_json(self) -> Json:
        """The measures as one JSON object, nested as the fields are (``wargame run --summary``)."""
        return attrs.asdict(self, recurse=True)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Outcome:
        """The outcome :meth:`to_json` wrote (raises KeyError/TypeError on another object). The
        measures' older names (:data:`RENAMED`) are read as their new ones."""
        data = {RENAMED.get(k, k): v for k, v in data.items()}
        records = {name: {k: kind(**v) for k, v in data[name].items()} for name, kind in RECORDS.items()}
        return cls(**{**data, **records})


RECORDS: dict[str, type[GuarantorOutcome]] = {"guarantors": GuarantorOutcome}
"""The measures of :class:`Outcome` that map ids to records rather than to values."""

RENAMED: dict[str, str] = {
    "aggressor_divisions_moved_west": "aggressor_divisions_redeployed",
    "west_breakthrough": "defended_front_breakthrough",
    "west_breakthrough_after_days": "defended_front_breakthrough_after_days",
}
"""Older names of measures, and their names now: results and experiment files written with the old
names are read with the new (:meth:`Outcome.from_json`, :func:`current_name`)."""


def current_name(measure: str) -> str:
    """A measure's (or a dotted column's) name now: an older name (:data:`RENAMED`) replaced."""
    head, dot, rest = measure.partition(".")
    return RENAMED.get(head, head) + dot + rest
