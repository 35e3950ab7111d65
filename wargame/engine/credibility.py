"""Credibility and functionality: the article's two criteria, as computed state.

**Credibility** is how likely an observer believes a guarantor is to act *substantively* on its
guarantee. It is computed from what that observer can see, and nothing else, so the aggressor
and the protected state can believe different things.

It starts from a prior built from the scenario's drivers:

    logit(prior) = logit(honour_base_rate)
                   + 3.0 (interest_convergence - 0.5)      realist: interests converge
                   + 1.0 (readiness - 0.5)                 realist: capability
                   + 1.5 (trigger_clarity - 0.5)           treaty design: an explicit trigger
                   + 0.5 integrated_command + 0.3 joint_exercises + 0.3 standing council   liberal
                   - 2.0 war_weariness                     constructivist: identity and memory

Each signal the observer sees from the guarantor then multiplies the odds by its likelihood
ratio P(signal | resolved) / P(signal | not resolved) (Fearon's costly signals: the costlier the
signal, the further it moves belief; cheap talk hardly moves it). See :data:`SIGNALS`.

**Functionality** is the alliance's operational capacity to act together: the share of the
guarantors' planned divisions that are ready, scaled by how well they coordinate.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from wargame.engine.events import (
    AidData,
    ExhaustedData,
    HaltData,
    LeakData,
    MobilisationData,
    OffensiveData,
    PromiseData,
    StatementData,
    TalksData,
    WarData,
)
from wargame.engine.journal import Event
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
    {"order", "partial", "general", "declare", "limited", "statement", "aid", "review"}
)

#: Decisions that, leaked, say something about resolve (sharing intelligence, say, does not).
LEAK_SIGNALS = frozenset(
    {"mobilise", "declare_war", "offensive", "launch_offensive", "statement", "send_aid", "negotiate",
     "halt_offensive"}
)  # fmt: skip

#: Signals that count once: saying the same thing again is cheap talk.
ONCE = frozenset({"statement", "talks"})


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def _expit(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def guarantees_of(scenario: Scenario, guarantor: str) -> list[Guarantee]:
    return [g for g in scenario.guarantees if guarantor in g.guarantors]


def prior(scenario: Scenario, guarantor: str) -> float:
    """The credibility of ``guarantor`` before any signal (see module docstring)."""
    treaties = guarantees_of(scenario, guarantor)
    if not treaties:
        return 0.0
    actor = scenario.actor(guarantor)
    g = max(treaties, key=lambda t: t.trigger_clarity)
    standing = (
        scenario.council is not None and scenario.council.standing and guarantor in scenario.council.members
    )
    x = (
        _logit(g.honour_base_rate)
        + 3.0 * (actor.interest_convergence - 0.5)
        + 1.0 * (actor.readiness - 0.5)
        + 1.5 * (g.trigger_clarity - 0.5)
        + 0.5 * g.integrated_command
        + 0.3 * g.joint_exercises
        + 0.3 * standing
        - 2.0 * actor.war_weariness
    )
    return _expit(x)


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
    p0 = prior(scenario, guarantor)
    if p0 <= 0.0:
        return 0.0
    x = _logit(p0)
    heard: set[str] = set()
    for event in seen:
        name = signal(event, guarantor)
        if name is None or (name in ONCE and name in heard):
            continue  # words repeated add nothing: only the first statement or offer of talks counts
        heard.add(name)
        x += math.log(SIGNALS.get(name, 1.0))
    return round(_expit(x), 4)


def alliance_credibility(scenario: Scenario, protected: str, seen: Iterable[Event]) -> float:
    """The observer's belief that at least one guarantor of ``protected`` acts substantively."""
    seen = list(seen)
    guarantors = sorted({a for g in scenario.guarantees if g.protected == protected for a in g.guarantors})
    none_act = 1.0
    for g in guarantors:
        none_act *= 1.0 - credibility(scenario, g, seen)
    return round(1.0 - none_act, 4)


def coordination(scenario: Scenario) -> float:
    """How well the guarantors can act together (0 to 1), from the treaty's design."""
    standing = scenario.council is not None and scenario.council.standing
    integrated = any(g.integrated_command for g in scenario.guarantees)
    exercises = any(g.joint_exercises for g in scenario.guarantees)
    return round(0.4 + 0.3 * standing + 0.2 * integrated + 0.1 * exercises, 3)
