"""Payloads of the crisis and the war: the aggressor's plan, guarantees, promises, aid and talks,
mobilisation, the council, and the fighting on the fronts."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from wargame.engine.kinds import Kind
from wargame.engine.payload import (
    Payload,
    count,
    frozen_table,
    keyed,
    names,
    num,
    optional,
    optional_number,
    optional_table,
    table,
)

# --- the aggressor --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PostponementData(Payload):
    """The attack is put off to minute ``attack_at`` (the ``postponements``-th time)."""

    KIND = Kind.POSTPONEMENT
    attack_at: int = count()
    postponements: int = count()


@attrs.frozen(kw_only=True)
class DeterredData(Payload):
    """The aggressor gives up after ``postponements`` postponements."""

    KIND = Kind.DETERRED
    postponements: int = count()


@attrs.frozen(kw_only=True)
class InvasionData(Payload):
    """The aggressor invades its target; ``means`` ``strike`` for a limited strike (an invasion
    whose trigger kind is a strike), left out for an invasion."""

    KIND = Kind.INVASION
    aggressor: str
    target: str
    means: str | None = optional()


@attrs.frozen(kw_only=True)
class InvasionTruth(Payload):
    postponements: int = count()


InvasionData.TRUTH = InvasionTruth


@attrs.frozen(kw_only=True)
class StatementData(Payload):
    """A guarantor states publicly that it stands by ``target``."""

    KIND = Kind.STATEMENT
    actor: str
    target: str


@attrs.frozen(kw_only=True)
class TransferData(Payload):
    """The aggressor moves ``divisions`` from one front to another."""

    KIND = Kind.TRANSFER
    source: str = keyed("from")
    to: str
    divisions: float = num()


@attrs.frozen(kw_only=True)
class TransferTruth(Payload):
    threat: float = num()


TransferData.TRUTH = TransferTruth


# --- guarantees, war and promises -------------------------------------------------------------


@attrs.frozen(kw_only=True)
class GuaranteeData(Payload):
    """A guarantee is triggered; how clearly (0-1), for the ``trigger`` kind of act (left out for
    an invasion: ``blockade``, ``strike``, ``hybrid``)."""

    KIND = Kind.GUARANTEE
    guarantee: str
    trigger_clarity: float = num()
    trigger: str | None = optional()


@attrs.frozen(kw_only=True)
class WarData(Payload):
    """``actor`` declares war ``on`` another."""

    KIND = Kind.WAR
    actor: str
    on: str


@attrs.frozen(kw_only=True)
class PromiseData(Payload):
    """A guarantor's promise (``action`` by ``day``) fell due, ``kept`` or not."""

    KIND = Kind.PROMISE
    guarantee: str
    guarantor: str
    action: str
    day: float = num()
    kept: bool


@attrs.frozen(kw_only=True)
class AidData(Payload):
    """Aid ``sent``, ``arrived``, ``lost`` or (under a blockade) ``intercepted`` (the ``step``):
    ``divisions`` from ``actor`` ``to``; under a pressure, materiel worth ``endurance`` instead
    (left out otherwise)."""

    KIND = Kind.AID
    actor: str
    to: str
    step: str
    divisions: float = num()
    endurance: float | None = optional(converter=optional_number)


@attrs.frozen(kw_only=True)
class TalksData(Payload):
    """A guarantor opens talks with the aggressor."""

    KIND = Kind.TALKS
    actor: str
    partner: str = keyed("with")


@attrs.frozen(kw_only=True)
class MobilisationData(Payload):
    """A mobilisation ``step``: ``ordered``, ``partial``, ``cancelled``, or a phase's name
    (then with the ``planned_day``, actual ``day`` and ``divisions`` available, and the ``air``
    squadrons and ``naval`` ships where the state has any)."""

    KIND = Kind.MOBILISATION
    actor: str
    step: str
    planned_day: float | None = optional(converter=optional_number)
    day: float | None = optional(converter=optional_number)
    divisions: float | None = optional(converter=optional_number)
    air: float | None = optional(converter=optional_number)
    naval: float | None = optional(converter=optional_number)


@attrs.frozen(kw_only=True)
class CouncilData(Payload):
    """The council's ``step``: ``called`` (``by``), ``sitting`` (``agenda``), ``decision``
    (``item``, ``adopted``, the members' ``positions``), ``informed`` (``decisions``)."""

    KIND = Kind.COUNCIL
    step: str
    by: str | None = optional()
    agenda: tuple[str, ...] | None = optional(converter=lambda v: None if v is None else names(v))
    item: str | None = optional()
    adopted: bool | None = optional()
    positions: Mapping[str, str] | None = optional(converter=optional_table, hash=False)
    decisions: Mapping[str, bool] | None = optional(converter=optional_table, hash=False)


@attrs.frozen(kw_only=True)
class CouncilTruth(Payload):
    """Members whose vote an agent of influence turned (member -> the penetration), in minutes
    whose positions record the votes as cast."""

    swayed: Mapping[str, str] = table(frozen_table)


CouncilData.TRUTH = CouncilTruth


# --- war on the fronts ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class OffensiveData(Payload):
    """An offensive of ``scale`` (``limited``, ``general``) with ``divisions`` on ``front`` (and
    ``air`` squadrons and ``naval`` ships, where it commits any)."""

    KIND = Kind.OFFENSIVE
    actor: str
    front: str
    scale: str
    divisions: float = num()
    air: float | None = optional(converter=optional_number)
    naval: float | None = optional(converter=optional_number)


@attrs.frozen(kw_only=True)
class FrontData(Payload):
    """A day's fighting: the ``advance_km`` and total ``ground_km`` taken."""

    KIND = Kind.FRONT
    front: str
    advance_km: float = num()
    ground_km: float = num()


@attrs.frozen(kw_only=True)
class FrontTruth(Payload):
    attacker_divisions: float = num()
    defender_divisions: float = num()
    cohesion: float = num()


FrontData.TRUTH = FrontTruth


@attrs.frozen(kw_only=True)
class OnFront(Payload):
    """What befalls ``actor`` on ``front`` (the base of the four kinds below)."""

    actor: str
    front: str


@attrs.frozen(kw_only=True)
class HaltData(OnFront):
    """``actor`` halts its offensive on ``front``."""

    KIND = Kind.HALT


@attrs.frozen(kw_only=True)
class ExhaustedData(OnFront):
    """``actor``'s offensive on ``front`` has spent itself."""

    KIND = Kind.EXHAUSTED


@attrs.frozen(kw_only=True)
class CapitalData(OnFront):
    """``actor``'s capital, behind ``front``, falls."""

    KIND = Kind.CAPITAL


@attrs.frozen(kw_only=True)
class CollapseData(OnFront):
    """``actor``'s organised resistance on ``front`` ends."""

    KIND = Kind.COLLAPSE


@attrs.frozen(kw_only=True)
class BreakthroughData(OnFront):
    """The attacker breaks through ``actor``'s line on ``front``: the defender's cohesion there has
    fallen under the front's ``breakthrough_cohesion``; from now on the attacker advances faster."""

    KIND = Kind.BREAKTHROUGH
    attacker: str


@attrs.frozen(kw_only=True)
class ObjectiveData(OnFront):
    """``actor``, the attacker, has reached its objective on ``front`` (the front's
    ``objective_km``): it halts there and holds ``ground_km`` of ground (a limited aim, public:
    everyone sees where the advance stops)."""

    KIND = Kind.OBJECTIVE
    ground_km: float = num()


@attrs.frozen(kw_only=True)
class InterventionData(Payload):
    """A third party enters the war on ``front`` with ``divisions`` (and ``air`` squadrons and
    ``naval`` ships, where it brings any), on the attacker's side or (``side``) the defender's."""

    KIND = Kind.INTERVENTION
    actor: str
    front: str
    divisions: float = num()
    side: str | None = optional()
    air: float | None = optional(converter=optional_number)
    naval: float | None = optional(converter=optional_number)


@attrs.frozen(kw_only=True)
class SupportData(Payload):
    """``actor`` commits ``amount`` of its ``domain`` forces (``air`` squadrons, ``naval`` ships) to
    ``defender``'s defence on ``front``, adding ``equivalents`` division-equivalents there (the
    amount times the front's weight for the domain). Public: aircraft and ships are seen."""

    KIND = Kind.SUPPORT
    actor: str
    front: str
    defender: str
    domain: str
    amount: float = num()
    equivalents: float = num()


# --- pressure short of invasion: blockade and hybrid campaigns ----------------------------------


@attrs.frozen(kw_only=True)
class PressureData(Payload):
    """The aggressor puts ``target`` under a pressure of ``means`` (``blockade``, ``hybrid``),
    demanding ``demand``."""

    KIND = Kind.PRESSURE
    aggressor: str
    target: str
    means: str
    demand: str


@attrs.frozen(kw_only=True)
class PressureDayData(Payload):
    """A day of pressure (the ``day``-th): the ``harm`` done and the target's ``endurance`` left
    (1 to 0); whether it ran the blockade (``run``), its runners were ``intercepted``, and the
    share of the harm ``escorted`` away."""

    KIND = Kind.PRESSURE_DAY
    target: str
    day: int = count()
    harm: float = num()
    endurance: float = num()
    run: bool
    intercepted: bool
    escorted: float = num()


@attrs.frozen(kw_only=True)
class EscortData(Payload):
    """``actor`` escorts ``target``'s shipping through the blockade with ``naval`` ships."""

    KIND = Kind.ESCORT
    actor: str
    target: str
    naval: float = num()


@attrs.frozen(kw_only=True)
class ConcessionData(Payload):
    """``actor`` concedes ``demand`` to ``to``; ``forced``: its endurance was spent."""

    KIND = Kind.CONCESSION
    actor: str
    to: str
    demand: str
    forced: bool


@attrs.frozen(kw_only=True)
class EscalationData(Payload):
    """The aggressor turns its pressure on ``target`` into an invasion, or (``to`` ``blockade``,
    left out for an invasion) its hybrid campaign into a blockade."""

    KIND = Kind.ESCALATION
    aggressor: str
    target: str
    to: str | None = optional()


@attrs.frozen(kw_only=True)
class LiftData(Payload):
    """The aggressor lifts its pressure on ``target``."""

    KIND = Kind.LIFT
    aggressor: str
    target: str
