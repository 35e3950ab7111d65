"""Credibility: the article's first criterion, as computed state.

**Credibility** is how likely an observer believes a guarantor is to act *substantively* on its
guarantee. It is computed from what that observer can see, and nothing else, so the aggressor
and the protected state can believe different things.

It starts from a prior built from the scenario's drivers (:func:`drivers`, each a term in log-odds):

    logit(prior) = logit(honour_base_rate)
                   + 3.0 (interest_convergence - 0.5)      realist: interests converge
                   + 1.0 (readiness - 0.5)                 realist: capability
                   + 1.5 (trigger_clarity - 0.5)           treaty design: an explicit trigger
                   + 1.5 enforcement                       treaty design: a council that binds, sanctions
                   + 2.0 (functionality - 0.25)            liberal: the capacity to act together
                   - 2.0 war_weariness                     constructivist: identity and memory

                   - share (0.5 + 1.5 (1 - interest_convergence))   strategic ambiguity
``trigger_clarity`` is the clarity for the act the aggressor's plan threatens (``[aggressor]
means``: its ``[guarantees.clarity]`` entry; 0 when the treaty does not cover it), so that a
guarantee silent on a blockade deters a blockade less (the invasion's is ``trigger_clarity``).

``enforcement = 0.5 binding + 0.5 sanctions``: a council of which the guarantor is a member binds
it (1 by majority, 0.3 by consensus, where it can block), and the treaty's ``sanctions`` for
defection. ``functionality`` is :func:`wargame.engine.functionality.functionality`.

**Strategic ambiguity** (design choice, after Fearon's tying hands and the article: "too much
ambiguity undermines credibility"): a guarantor that has said nothing (``ambiguous``, or bound by
no promise of the guarantee: :mod:`wargame.model.commitments`) has tied no hands, so no audience
cost holds it to act, and observers (the aggressor, the protected state) are left to read its
interests. ``share`` is the fraction of its guarantees in which it is uncommitted (0 for a
guarantor committed everywhere: the term vanishes). The discount is graded by its interests: a
floor of 0.5 in log-odds for the missing commitment, plus up to 1.5 more as its interests diverge
from the protected state's, so a silent guarantor whose interests plainly converge (1.0) loses
0.5 (a prior of 0.5 becomes 0.38) and one with convergence 0.5 loses 1.25 (0.5 becomes 0.22). Its
own resolve (:func:`resolve`) starts from the same prior: it is free, and knows it.
See :data:`AMBIGUITY_FLOOR` and :data:`AMBIGUITY_WEIGHT`.

**Intelligence cooperation** then enters as the article's compound hypothesis says it does: it
*reinforces* converging interests, it cannot stand in for them (convergence is the necessary
condition, so its weight grows with the square of convergence):

    + 4.0 cooperation x interest_convergence^2

``cooperation`` (0 to 1, :func:`cooperation`) is the guarantor's liaison with the other parties
(none 0, ad hoc 0.25, institutional 0.6, fusion 1), each worth ``0.5 + 0.5 x`` the pair's mean
``oversight`` (the article: cooperation is effective only when "bounded by rules of
accountability"; Walsh: sharing deepens where a partner can be monitored), times how much of the
threat picture they are seen to hold in common: half for the liaison alone, up to all of it as
shared reports reach the observer (``1 - exp(-shared / 6)``). It is halved once a penetration of a
party has been uncovered (Walsh: partners share less with a service they cannot trust). An
observer outside the liaison (the aggressor) sees only the liaison itself, unless its espionage
shows it more: a penetrated party's leaks of the reports it received count as traffic seen.

Each signal the observer sees from the guarantor then multiplies the odds by its likelihood
ratio P(signal | resolved) / P(signal | not resolved) (Fearon's costly signals: the costlier the
signal, the further it moves belief; cheap talk hardly moves it). See :data:`SIGNALS`.

**Resolve** (:func:`resolve`) is the guarantor's own will to honour: its credibility as it sees
itself less what its own signals added (they show its mind to others, they do not make it), shifted
by its hidden disposition in this game (``resolve_sd`` x its temper). Others can only estimate it;
signals are how they learn it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable

from wargame.engine.events import (
    AidData,
    DetectedData,
    ExhaustedData,
    HaltData,
    InvasionData,
    LeakData,
    MobilisationData,
    OffensiveData,
    PressureData,
    PromiseData,
    ReportData,
    StatementData,
    TalksData,
    WarData,
)
from wargame.engine.functionality import functionality, liaison_score
from wargame.engine.journal import Event
from wargame.model.commitments import uncommitted
from wargame.model.pressure import clarity_of
from wargame.model.scenario import Guarantee, Scenario

#: Likelihood ratios of observable signals (design choices, ordered by cost to the signaller).
SIGNALS: dict[str, float] = {
    "statement": 1.6,  # public statement of resolve: ties hands through audience costs
    "mobilisation": 1.5,  # general mobilisation ordered: a sunk cost
    "mobilisation.partial": 1.2,
    "mobilisation.cancelled": 0.5,  # a public climb-down
    "war": 2.5,  # declaration of war
    "offensive.probe": 1.1,  # nearly cheap talk
    "offensive.limited": 2.0,
    "offensive.general": 6.0,
    "halt": 0.35,  # an offensive called off
    "exhausted": 0.7,
    "aid": 1.3,  # materiel shipped: costly, but not a fight
    "talks": 0.6,  # talking to the aggressor signals a way out
    "leak.resolute": 1.3,  # a leaked decision shows the government's real mind
    "leak.reluctant": 0.7,
    "promise.kept": 1.8,  # seen by the protected state only
    "promise.broken": 0.5,
}


#: Choices that, leaked, show resolve (anything else shows reluctance).
RESOLUTE_CHOICES = frozenset(
    {"order", "partial", "general", "declare", "limited", "statement", "aid", "review", "air", "naval"}
)

#: Decisions that, leaked, say something about resolve (sharing intelligence, say, does not).
LEAK_SIGNALS = frozenset(
    {"mobilise", "declare_war", "offensive", "launch_offensive", "statement", "send_aid", "negotiate",
     "halt_offensive", "support"}
)  # fmt: skip

#: Signals that count once: saying the same thing again is cheap talk.
ONCE = frozenset({"statement", "talks"})

#: Leaked decisions of the same colour count less each time: the k-th counts ``LEAK_DECAY^(k-1)``
#: of its likelihood ratio in log-odds (design choice). A government that keeps deferring its
#: decision says little new the fifth time; so ten leaked waits move the odds by at most
#: ``0.7^(1/(1-LEAK_DECAY))`` (about a half), where they used to compound without bound
#: (60 leaked waits drove the belief to 0.005).
LEAK_DECAY = 0.5


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def _expit(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def guarantees_of(scenario: Scenario, guarantor: str) -> list[Guarantee]:
    return [g for g in scenario.guarantees if guarantor in g.guarantors]


#: Log-odds an observer takes off a guarantor that has said nothing, whatever its interests (design
#: choice: no audience cost ties its hands).
AMBIGUITY_FLOOR = 0.5
#: Further log-odds taken off a silent guarantor per unit of interest divergence (1 - convergence):
#: ambiguity leaves observers to read its interests (design choice).
AMBIGUITY_WEIGHT = 1.5


def ambiguity(scenario: Scenario, guarantor: str) -> float:
    """The share of ``guarantor``'s guarantees that do not commit it (0 to 1; see the module
    docstring): 0 for a guarantor every one of its guarantees binds."""
    treaties = guarantees_of(scenario, guarantor)
    if not treaties:
        return 0.0
    return sum(guarantor in uncommitted(g) for g in treaties) / len(treaties)


#: Weight of intelligence cooperation x interest convergence, in log-odds (design choice).
COOPERATION_WEIGHT = 4.0
#: Shared reports after which a common picture is about 63% held in common (design choice).
SHARED_SCALE = 6.0


def enforcement(scenario: Scenario, guarantor: str, g: Guarantee) -> float:
    """How far defection from ``g`` would be enforced on ``guarantor`` (0 to 1): half a council
    that binds it (1 by majority; 0.3 by consensus, where it can block), half the sanctions."""
    council = scenario.council
    member = council is not None and guarantor in council.members
    binding = (1.0 if council is not None and council.rule == "majority" else 0.3) if member else 0.0
    return 0.5 * binding + 0.5 * g.sanctions


def drivers(scenario: Scenario, guarantor: str, act: str | None = None) -> dict[str, float]:
    """The terms of the prior's log-odds, by driver (empty when ``guarantor`` guarantees no one).
    ``act`` is the aggressor's act the observer weighs the treaty's clarity for: the one it has
    seen (a blockade, then the invasion it became), or before any act (None) the one the crisis
    is about (``[aggressor] means``, which the briefings set out)."""
    treaties = guarantees_of(scenario, guarantor)
    if not treaties:
        return {}
    actor = scenario.actor(guarantor)
    means = act or scenario.aggressor.means

    def clarity(t: Guarantee) -> float:
        c = clarity_of(t.clarity, t.trigger_clarity, means)
        return 0.0 if c is None else c

    g = max(treaties, key=clarity)
    out = {
        "base rate": _logit(g.honour_base_rate),
        "interest convergence": 3.0 * (actor.interest_convergence - 0.5),
        "readiness": 1.0 * (actor.readiness - 0.5),
        "trigger clarity": 1.5 * (clarity(g) - 0.5),
        "enforcement": 1.5 * enforcement(scenario, guarantor, g),
        "functionality": 2.0 * (functionality(scenario, g.protected) - 0.25),
        "war-weariness": -2.0 * actor.war_weariness,
    }
    share = ambiguity(scenario, guarantor)
    if share > 0:  # only then: a committed guarantor's prior is unchanged to the last bit
        out["ambiguity"] = -share * (AMBIGUITY_FLOOR + AMBIGUITY_WEIGHT * (1.0 - actor.interest_convergence))
    return out


def prior(scenario: Scenario, guarantor: str) -> float:
    """The credibility of ``guarantor`` before any signal or cooperation (see module docstring)."""
    return _expit(_prior_logit(scenario, guarantor)) if guarantees_of(scenario, guarantor) else 0.0


def partners(scenario: Scenario, guarantor: str) -> list[str]:
    """The other parties to the defence of the states ``guarantor`` guarantees: those states and
    every guarantor of theirs, whatever the treaty (France and Britain, for Poland)."""
    protected = {g.protected for g in guarantees_of(scenario, guarantor)}
    out = {a for g in scenario.guarantees if g.protected in protected for a in (*g.guarantors, g.protected)}
    return sorted(out - {guarantor})


def cooperation(scenario: Scenario, guarantor: str, seen: Iterable[Event]) -> float:
    """The intelligence cooperation between ``guarantor`` and its partners, as an observer who has
    seen ``seen`` can judge it (0 to 1; see the module docstring)."""
    others = partners(scenario, guarantor)
    if not others:
        return 0.0
    own = scenario.actor(guarantor).oversight
    level = sum(
        liaison_score(scenario, guarantor, p) * (0.5 + 0.25 * (own + scenario.actor(p).oversight))
        for p in others
    ) / len(others)  # each liaison, worth as much as the pair's services are accountable
    if level <= 0.0:
        return 0.0
    parties = {guarantor, *others}
    shared = 0
    uncovered = False
    for e in seen:
        d = e.data
        if isinstance(d, ReportData) and d.shared_by is not None:  # a report shared with the observer
            sender, receiver = d.shared_by, e.actors[0] if e.actors else ""
        elif isinstance(d, LeakData) and d.source is not None:  # one its agent saw pass (espionage)
            sender, receiver = d.source, d.actor
        else:
            uncovered = uncovered or (isinstance(d, DetectedData) and d.actor in parties)
            continue
        shared += sender in parties and receiver in parties and guarantor in (sender, receiver)
    common = 0.5 + 0.5 * (1.0 - math.exp(-shared / SHARED_SCALE))
    return level * common * (0.5 if uncovered else 1.0)


_SIGNALLING = frozenset(
    {
        PromiseData,
        StatementData,
        WarData,
        TalksData,
        HaltData,
        ExhaustedData,
        MobilisationData,
        AidData,
        LeakData,
        OffensiveData,
    }
)
"""The payload classes of events that may signal a guarantor's resolve."""


def signal(event: Event, guarantor: str) -> str | None:
    """The signal ``event`` sends about ``guarantor``, if any."""
    d = event.data
    if type(d) not in _SIGNALLING:  # most events (reports, fighting) signal nothing: said at once
        return None
    if isinstance(d, PromiseData) and d.guarantor == guarantor:
        return "promise.kept" if d.kept else "promise.broken"
    if isinstance(d, StatementData | WarData | TalksData | HaltData | ExhaustedData) and d.actor == guarantor:
        return d.KIND.value
    if isinstance(d, MobilisationData) and d.actor == guarantor:
        if d.step == "ordered":
            return "mobilisation"
        if d.step in ("partial", "cancelled"):
            return f"mobilisation.{d.step}"
    if isinstance(d, AidData) and d.actor == guarantor and d.step == "sent":
        return "aid"
    if isinstance(d, LeakData) and d.actor == guarantor and d.decision in LEAK_SIGNALS:
        return "leak.resolute" if d.choice in RESOLUTE_CHOICES else "leak.reluctant"
    if isinstance(d, OffensiveData) and d.actor == guarantor:
        return f"offensive.{d.scale}"
    return None


def credibility(scenario: Scenario, guarantor: str, seen: Iterable[Event]) -> float:
    """How credible ``guarantor`` is to an observer who has seen ``seen`` (and nothing else)."""
    return (
        round(_expit(_belief(scenario, guarantor, list(seen))), 4)
        if guarantees_of(scenario, guarantor)
        else 0.0
    )


def resolve(self_credibility: float, own_signals: float, resolve_sd: float, temper: float) -> float:
    """A guarantor's own will to honour (0 to 1).

    ``self_credibility`` is its credibility as it sees itself (from its own events);
    ``own_signals`` is what its own public acts added to it (:func:`signal_weight`), which tell
    others its mind but do not change it, so they are taken out; ``resolve_sd x temper`` is its
    hidden disposition in this game, in log-odds. What its doctrine makes of its commitments
    (a constructivist is bound by its word) is the doctrine's business."""
    p = min(max(self_credibility, 1e-6), 1.0 - 1e-6)
    return round(_expit(_logit(p) - own_signals + resolve_sd * temper), 4)


def signal_weight(guarantor: str, seen: Iterable[Event]) -> float:
    """What the signals about ``guarantor`` in ``seen`` add to the log-odds that it acts (each
    likelihood ratio once per event; a statement or an offer of talks only once; repeated leaks
    with a diminishing weight, :data:`LEAK_DECAY`)."""
    x = 0.0
    heard: dict[str, int] = {}
    for event in seen:
        name = signal(event, guarantor)
        if name is None or (name in ONCE and name in heard):
            continue  # words repeated add nothing: only the first statement or offer of talks counts
        times = heard[name] = heard.get(name, 0) + 1
        weight = LEAK_DECAY ** (times - 1) if name.startswith("leak.") else 1.0  # leaks: diminishing
        x += weight * math.log(SIGNALS.get(name, 1.0))
    return x


@functools.lru_cache(maxsize=1024)
def _prior_logit(scenario: Scenario, guarantor: str, act: str | None = None) -> float:
    """The prior's log-odds: static for an act, so worked out once per scenario, guarantor and act
    (every view of every seat asks for it)."""
    return sum(drivers(scenario, guarantor, act).values())


def act_seen(seen: Iterable[Event]) -> str | None:
    """The aggressor's latest act in ``seen``: ``invasion``, ``strike``, ``blockade`` or
    ``hybrid`` (None before any: the clarity that matters is then the planned act's)."""
    act = None
    for e in seen:
        if isinstance(e.data, InvasionData):
            act = e.data.means or "invasion"
        elif isinstance(e.data, PressureData):
            act = e.data.means
    return act


def _belief(scenario: Scenario, guarantor: str, seen: list[Event]) -> float:
    """The log-odds that ``guarantor`` acts, to an observer who has seen ``seen``."""
    x = _prior_logit(scenario, guarantor, act_seen(seen))
    interest = scenario.actor(guarantor).interest_convergence
    x += COOPERATION_WEIGHT * cooperation(scenario, guarantor, seen) * interest**2
    return x + signal_weight(guarantor, seen)


def alliance_credibility(scenario: Scenario, protected: str, seen: Iterable[Event]) -> float:
    """The observer's belief that at least one guarantor of ``protected`` acts substantively."""
    seen = list(seen)
    none_act = 1.0
    for g in scenario.guarantors_of(protected):
        none_act *= 1.0 - credibility(scenario, g, seen)
    return round(1.0 - none_act, 4)
