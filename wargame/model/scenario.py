"""The scenario schema: what a crisis is made of, as frozen attrs classes.

A scenario file (TOML, in ``scenarios/``) is loaded into these classes by
:mod:`wargame.model.scenario_files.scenarios`. Each field is declared with
:func:`~wargame.model.fields.param`, so its meaning, range and the mechanism that uses it travel
with it. The classes are pure data: the engine's processes read them, nothing here changes during
a game.

The vocabulary is the article's. A **guarantee** binds guarantors to a protected state against
named aggressors, with a **trigger clarity** (how unambiguous the casus foederis is) and dated
**promises** (J+3 limited offensive, J+15 main body). **Mobilisation** turns an order into
divisions through phases that run late at random. A **council** is where allies consult: a
standing body meets within hours, an ad hoc one after days. **Services** collect reports from
ground truth through channels of differing rate and accuracy.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from wargame.model.doctrine_params import DOCTRINE_NAMES
from wargame.model.fields import param
from wargame.model.pressure import MEANS, TRIGGER_KINDS, Pressure

ROLES = ("aggressor", "protected", "guarantor", "third_party")
CHANNELS = ("humint", "sigint", "imagery", "diplomatic", "osint")
PROMISED_ACTIONS = ("declare_war", "air_action", "limited_offensive", "main_offensive", "aid", "escort")
MOBILISATION_CHOICES = ("order", "defer")

#: The decisions the engine prompts for, and the options each may offer (decision scripts and the
#: `[[history]]` of a scenario are checked against this).
PROMPTS: dict[str, tuple[str, ...]] = {
    "attack": ("proceed", "postpone", "abandon"),
    "statement": ("statement", "silence"),
    "mobilise": MOBILISATION_CHOICES,
    "declare_war": ("declare", "wait"),
    "offensive": ("none", "probe", "limited", "general"),
    "council_position": ("for", "against"),
    "intervene": ("enter", "wait"),
    "penetration": ("purge", "watch"),
    "allocate": ("strip", "hold", "reinforce", "recall"),
    "support": ("air", "naval", "none"),
    "pressure_response": ("run", "accept"),
    "escort": ("escort", "wait"),
    "escalate": ("invade", "blockade", "persist", "lift"),  # blockade: from a hybrid campaign only
}
COUNCIL_ITEMS = ("halt_offensive", "main_offensive", "inform_protected")
#: The decision kinds an agent of influence can sway (``[[penetrations]] sways``).
SWAYABLE = ("council_position", "declare_war", "mobilise", "offensive", "escort", "support")


@attrs.frozen(kw_only=True)
class About:
    """The scenario's identity and its span of simulated time."""

    name: str = param(doc="Short id used on the command line, e.g. `drole-de-guerre-1939`.", ident=True)
    title: str = param(doc="Title shown to players.")
    description: str = param(doc="One line for `wargame list`.")
    start: datetime = param(doc="Calendar instant at simulated minute 0.")
    horizon_days: int = param(doc="Length of the game in days; the clock stops there.", ge=1, le=3650)
    white_cell_notes: str = param(
        "", doc="Facilitator's notes: ground truth and history. Never shown to a seat."
    )


@attrs.frozen(kw_only=True)
class Actor:
    """A state in the crisis. Every actor with ``seat = true`` can be played or botted."""

    id: str = param(doc="Short lowercase id used everywhere (`france`, `uk`).", ident=True)
    name: str = param(doc="Display name.")
    role: str = param(doc="Part in the crisis.", choices=ROLES)
    seat: bool = param(True, doc="Whether the actor is a seat a person or a bot can take.")
    briefing: str = param("", doc="What the seat is told at the start.")
    interest_convergence: float = param(
        0.5,
        doc="Realist driver: how far this state's own strategic interest coincides with defending the "
        "protected state (0 none, 1 identical). Raises the credibility others see and drives realist bots.",
        ge=0,
        le=1,
    )
    readiness: float = param(
        0.5,
        doc="Realist driver: military readiness (0 none, 1 full). Narrows the random delays of "
        "mobilisation (0.5 leaves them as planned) and raises credibility.",
        ge=0,
        le=1,
    )
    oversight: float = param(
        0.3,
        doc="Democratic oversight of its services (parliamentary committees, audits, counter-"
        "intelligence reviews): raises the chance of detecting a penetration and shrinks its bias.",
        ge=0,
        le=1,
    )
    warning_reports: int = param(
        2, doc="Reports of an imminent attack needed before its analysts issue a warning.", ge=1, le=50
    )
    at_war_with: tuple[str, ...] = param(
        (),
        doc="States it is already at war with when the game starts (Britain and France with Germany in "
        "April 1940). It is never asked to declare war on them; promises to declare war count as kept.",
    )
    war_weariness: float = param(
        0.0,
        doc="Constructivist driver: aversion to offensive war born of identity and memory (France after "
        "1914-18), 0 none to 1 total. Lowers credibility and restrains constructivist bots.",
        ge=0,
        le=1,
    )
    resolve_sd: float = param(
        1.0,
        doc="How much this government's hidden disposition varies from game to game, unknown to the "
        "others: each game draws it once (stream `temper.<actor>`). For a guarantor, in log-odds of its "
        "resolve to honour; for an aggressor, in log units of the war's cost it is ready to risk. "
        "0: the same government in every game.",
        ge=0,
        le=5,
    )
    redecide_hours: float = param(
        12.0,
        doc="After it has chosen to wait, the least time before this government is asked again to "
        "declare war or to launch (or widen) an offensive; it is asked only on news: a report or "
        "warning it received, a partner's declaration or offensive, a promise falling due, its "
        "mobilisation completing a phase, the protected state's capital falling (docs/model.md, "
        "The guarantee).",
        ge=0.5,
        le=720,
    )
    war_decision_hours: float = param(
        12.0,
        doc="Deadline of this government's prompts to declare war and to launch an offensive, in "
        "hours (the default, wait or none, applies when it passes).",
        ge=0.5,
        le=720,
    )
    doctrine: str = param(
        "",
        doc="The doctrine this seat plays under the `historical` controller (the default): `realist`, "
        "`liberal`, `constructivist`, `resolute`, `cautious` or `passive`. Empty: by role (the aggressor, "
        "the protected state and third parties realist, guarantors liberal; docs/model.md, Controllers).",
        choices=("", *DOCTRINE_NAMES),
    )
    doctrine_params: dict[str, float] = attrs.field(
        factory=dict,
        hash=False,
        metadata={
            "doc": "Overrides of the doctrine's parameters under `historical` (a table, e.g. "
            "`[actors.doctrine_params]` with `ultimatum_hours = 48`): the doctrine's own and the "
            "rules of conduct; the names and ranges are listed below (Doctrine parameters).",
            "ge": None,
            "le": None,
            "choices": None,
        },
    )


@attrs.frozen(kw_only=True)
class Phase:
    """One step of a mobilisation timetable, counted from the day the order is given (J)."""

    name: str = param(doc="e.g. `covering force`, `main body`.")
    day: float = param(doc="Planned day after the order (J+day) the phase completes.", ge=0, le=365)
    divisions: float = param(doc="Divisions available once the phase completes.", ge=0, le=1000)
    spread_days: float = param(
        0.0,
        doc="Standard deviation of the random delay around the plan (mobilisation).",
        ge=0,
        le=60,
    )
    air: float = param(0.0, doc="Air squadrons available once the phase completes.", ge=0, le=5000)
    naval: float = param(0.0, doc="Warships available once the phase completes.", ge=0, le=5000)


@attrs.frozen(kw_only=True)
class Mobilisation:
    """How a state turns an order into divisions (mobilisation process)."""

    actor: str = param(doc="Mobilising actor.", ident=True)
    standing_divisions: float = param(
        0.0, doc="Divisions available before any order (peacetime army).", ge=0, le=1000
    )
    prompt_at: datetime | None = param(
        None,
        doc="Not before: the seat is first asked to order general mobilisation at this instant (if "
        "before the invasion), or at the first news after it with `prompt_on_news`.",
    )
    prompt_on_invasion: bool = param(
        False, doc="Ask the seat to order general mobilisation when the invasion begins."
    )
    prompt_on_news: bool = param(
        False,
        doc="Ask the seat whenever news bears on mobilising (a warning, a false alarm, a report on "
        "the attack date or the enemy's forces, an inject, another state's mobilisation, the "
        "invasion), from the start (or `prompt_at`); after a deferral it is always asked on news.",
    )
    decision_hours: float = param(12.0, doc="Deadline of the mobilisation prompt, in hours.", ge=0.5, le=720)
    default: str = param(
        "order",
        doc="Choice applied when the prompt's deadline passes.",
        choices=MOBILISATION_CHOICES,
    )
    defer_days: float = param(1.0, doc="Delay before the seat is asked again after deferring.", ge=0.1, le=30)
    phases: tuple[Phase, ...] = param(factory=tuple, doc="The timetable, in order of `day`.")
    standing_air: float = param(
        0.0, doc="Air squadrons available before any order (peacetime air force).", ge=0, le=5000
    )
    standing_naval: float = param(
        0.0, doc="Warships available before any order (peacetime fleet).", ge=0, le=5000
    )


@attrs.frozen(kw_only=True)
class Front:
    """A front where divisions fight by a Lanchester square law (campaign process)."""

    id: str = param(doc="Front id, e.g. `poland`, `west`.", ident=True)
    name: str = param(doc="Display name.")
    attacker: str = param(doc="Attacking actor.", ident=True)
    defender: str = param(doc="Defending actor.", ident=True)
    opens: str = param(
        doc="What opens the front: the aggressor's `invasion` or a guarantor's `offensive`.",
        choices=("invasion", "offensive"),
    )
    attacker_divisions: float = param(doc="Attacking divisions committed.", ge=0, le=1000)
    defender_divisions: float = param(
        doc="Defending divisions at full mobilisation (scaled by the defender's mobilisation).",
        ge=0,
        le=1000,
    )
    reinforcement_loss: float = param(
        0.0,
        doc="Share of the defender's divisions mobilised after the front opens that never reach it "
        "(caught in transit, overrun before concentration).",
        ge=0,
        le=1,
    )
    offensive_prep_days: float = param(
        3.0,
        doc="Days from the order to launch an offensive here to the attack (artillery, assembly).",
        ge=0,
        le=60,
    )
    offensive_prep_sd: float = param(
        0.15,
        doc="Spread of the preparation time, as a share of `offensive_prep_days` (normal; design).",
        ge=0,
        le=2,
    )
    fortification: float = param(
        1.0,
        doc="Multiplier on the defender's effectiveness (Maginot, Siegfried line).",
        ge=1,
        le=10,
    )
    attrition_per_day: float = param(
        0.04, doc="Lanchester coefficient: daily losses per opposing division.", ge=0, le=1
    )
    noise: float = param(0.15, doc="Relative standard deviation of daily losses.", ge=0, le=1)
    depth_km: float = param(400.0, doc="Depth of the defender's territory behind this front.", ge=1, le=5000)
    advance_km_per_day: float = param(
        25.0, doc="Attacker's advance per day at a 3:1 ratio over the fortified defenders.", ge=0, le=500
    )
    capital_falls_cohesion: float = param(
        0.35,
        doc="Defender cohesion under which the capital behind this front falls (0: none can fall here).",
        ge=0,
        le=1,
    )
    collapse_cohesion: float = param(
        0.15,
        doc="Defender cohesion under which organised resistance on this front ends (no more than "
        "`capital_falls_cohesion`, unless that is 0; see `decisive`).",
        ge=0,
        le=1,
    )
    probe_share: float = param(
        0.2,
        doc="Share of the attacker's available divisions a `probe` offensive commits here (design).",
        ge=0.01,
        le=1,
    )
    limited_share: float = param(
        0.4,
        doc="Share of the attacker's available divisions a `limited` offensive commits here "
        "(design; no less than `probe_share`).",
        ge=0.01,
        le=1,
    )
    general_share: float = param(
        0.8,
        doc="Share of the attacker's available divisions a `general` offensive commits here "
        "(design; no less than `limited_share`).",
        ge=0.01,
        le=1,
    )
    breakthrough_cohesion: float = param(
        0.0,
        doc="Defender cohesion under which the attacker breaks through this front (a public event; "
        "it then advances `breakthrough_advance` times faster). 0: it never breaks.",
        ge=0,
        le=1,
    )
    breakthrough_advance: float = param(
        2.0, doc="How many times faster the attacker advances once it has broken through.", ge=1, le=20
    )
    reassess_change: float = param(
        0.2,
        doc="A guarantor at war is asked again whether to attack here when its assessment of the "
        "enemy on this front (`forces.<front>`) has moved by more than this share since it was last "
        "asked; on a front the aggressor defends, the aggressor is asked again about its allocation "
        "when its assessment of the attacker's army (`mobilisation.<attacker>`) has (news; see "
        "`redecide_hours`).",
        ge=0,
        le=10,
    )
    objective_km: float = param(
        0.0,
        doc="The line the attacker halts on, in km of ground taken (a limited aim): once there it stops "
        "and holds (a public event; the front's status becomes `holding`). 0: none, it fights on. No "
        "more than `depth_km`.",
        ge=0,
        le=5000,
    )
    objective: str = param(
        "", doc='The objective\'s name in the text, e.g. "the Narva river" ("": "its objective").'
    )
    decisive: bool = param(
        True,
        doc="A collapse here is the defending state's collapse (its organised resistance ends). false: "
        "only this front is lost; the state fights on elsewhere.",
    )
    capital: str = param(
        "",
        doc='The name of the capital behind this front, e.g. "Tallinn" ("": "the capital of <defender>"). '
        "`capital_falls_cohesion = 0` means no capital can fall here.",
    )
    land_weight: float = param(
        1.0,
        doc="Division-equivalents one division adds to a side's strength on this front (a sea lane: 0).",
        ge=0,
        le=10,
    )
    air_weight: float = param(
        0.0,
        doc="Division-equivalents one air squadron adds to a side's strength on this front (0: air "
        "forces do not count here).",
        ge=0,
        le=10,
    )
    naval_weight: float = param(
        0.0,
        doc="Division-equivalents one warship adds to a side's strength on this front (0: naval "
        "forces do not count here; a coast or a strait: more).",
        ge=0,
        le=10,
    )


@attrs.frozen(kw_only=True)
class Promise:
    """A dated commitment inside a guarantee, counted in days from its trigger (J+day)."""

    action: str = param(doc="What was promised.", choices=PROMISED_ACTIONS)
    day: float = param(doc="Days after the trigger by which it is due.", ge=0, le=365)
    by: tuple[str, ...] = param(
        factory=tuple,
        doc="The guarantors it binds (empty: every guarantor of the guarantee not named in its "
        "`ambiguous`). Each is graded on it, and only they are asked to keep it.",
    )
    condition: str = param(
        "",
        doc="A conditional promise (grammar: docs/scenarios.md, Events by condition), e.g. "
        '`"war:uk"`: it binds, and its day counts, from when the condition holds; never met, it '
        "never falls due (empty: it binds at the trigger).",
    )


@attrs.frozen(kw_only=True)
class Guarantee:
    """A security guarantee: who promised what to whom, against whom, and how clearly."""

    id: str = param(doc="Guarantee id.", ident=True)
    name: str = param(doc="Display name.")
    guarantors: tuple[str, ...] = param(doc="Actors bound to act.")
    protected: str = param(doc="The protected state.", ident=True)
    against: tuple[str, ...] = param(
        doc="Aggressors that trigger it (a secret protocol may narrow this, as in 1939)."
    )
    signed: datetime = param(doc="Date of signature.")
    trigger_clarity: float = param(
        0.5,
        doc="How unambiguous the casus foederis is (treaty design), 0 vague to 1 explicit.",
        ge=0,
        le=1,
    )
    secret_clauses: str = param("", doc="Text of secret protocols, visible to the parties only.")
    integrated_command: bool = param(
        False,
        doc="Treaty design: a peacetime integrated command (shortens mobilisation, raises credibility).",
    )
    joint_exercises: bool = param(
        False, doc="Treaty design: regular joint exercises (shortens mobilisation, raises credibility)."
    )
    honour_base_rate: float = param(
        0.41,
        doc="Prior probability that a guarantor honours such a commitment, before drivers and signals "
        "(data: defence pacts 1816-2003 were honoured 41% of the time, Berkemeier & Fuhrmann 2018).",
        ge=0.01,
        le=0.99,
    )
    sanctions: float = param(
        0.0,
        doc="Treaty design, enforcement: what defection would cost a guarantor (0 nothing, 1 severe: "
        "forfeits, expulsion, lost aid). Raises credibility; with a council that decides by majority, "
        "the treaty's enforcement (see docs/model.md).",
        ge=0,
        le=1,
    )
    substantive_divisions: float = param(
        0.0,
        doc="Divisions an offensive must commit to count as substantive honour (0: a general offensive).",
        ge=0,
        le=1000,
    )
    substantive_within_days: float = param(
        30.0, doc="Days after the trigger within which a substantive offensive must begin.", ge=0, le=365
    )
    aid_divisions: float = param(
        1.0,
        doc="Strength (in divisions) that one shipment of aid adds to the protected state's front.",
        ge=0,
        le=100,
    )
    aid_days: float = param(
        14.0, doc="Days for a shipment of aid to reach the protected state's front.", ge=0, le=365
    )
    promises: tuple[Promise, ...] = param(factory=tuple, doc="Dated commitments.")
    ambiguous: tuple[str, ...] = param(
        factory=tuple,
        doc="Guarantors (among `guarantors`) that have said nothing (strategic ambiguity): parties, "
        "asked to declare war when it triggers, but bound by no promise; observers discount their "
        "credibility and the honour grade does not count them against it (see docs/model.md).",
    )
    clarity: dict[str, float] = attrs.field(
        factory=dict,
        hash=False,
        metadata={
            "doc": "Clarity per trigger kind (a table, `[guarantees.clarity]`, e.g. `invasion = 0.9`, "
            "`blockade = 0.4`), each 0 to 1: the acts that trigger it and how unambiguously. "
            "`invasion` defaults to `trigger_clarity`; any other kind it omits does not trigger it. "
            f"Kinds: {', '.join(TRIGGER_KINDS)}.",
            "ge": None,
            "le": None,
            "choices": None,
        },
    )


@attrs.frozen(kw_only=True)
class Council:
    """The alliance's consultation body (consultation process)."""

    id: str = param(doc="Council id.", ident=True)
    name: str = param(doc="Display name.")
    members: tuple[str, ...] = param(doc="Member actors.")
    standing: bool = param(False, doc="A standing body meets within hours; an ad hoc one after days.")
    convene_hours: float = param(
        72.0, doc="Mean delay from a call to the first sitting of an ad hoc council.", ge=0, le=2000
    )
    standing_convene_hours: float = param(
        6.0, doc="Mean delay to a sitting when the body is standing.", ge=0, le=200
    )
    rule: str = param("consensus", doc="How agenda items are decided.", choices=("consensus", "majority"))
    convene_on_war_days: float = param(
        -1.0,
        doc="Days after war is declared when a member calls it (negative: only by decision).",
        ge=-1,
        le=365,
    )


@attrs.frozen(kw_only=True)
class Channel:
    """A collection channel of an intelligence service (intelligence process)."""

    kind: str = param(doc="Kind of source.", choices=CHANNELS)
    rate_per_day: float = param(doc="Mean reports per day.", ge=0, le=100)
    accuracy: float = param(doc="1 = reports the truth; 0 = pure noise.", ge=0, le=1)
    delay_hours: float = param(12.0, doc="Mean delay from collection to arrival.", ge=0, le=2000)


@attrs.frozen(kw_only=True)
class Service:
    """A state's intelligence service and its channels."""

    actor: str = param(doc="Owning actor.", ident=True)
    name: str = param(doc="Display name, e.g. `Deuxième Bureau`.")
    channels: tuple[Channel, ...] = param(factory=tuple, doc="Collection channels.")


@attrs.frozen(kw_only=True)
class Aggressor:
    """The aggressor's plan (aggressor process)."""

    actor: str = param(doc="Aggressor actor.", ident=True)
    target: str = param(doc="Invaded actor.", ident=True)
    invasion_at: datetime = param(doc="The planned instant of its act (`means`), first order.")
    order_lead_hours: float = param(
        12.0, doc="Hours before the attack when the seat must confirm or postpone.", ge=0.5, le=720
    )
    postpone_days: float = param(6.0, doc="Days added by a postponement.", ge=0.1, le=365)
    max_postponements: int = param(1, doc="Postponements allowed before the plan must go ahead.", ge=0, le=20)
    expected_gain: float = param(
        1.0,
        doc="Deterrence: the value of the conquest, in units of the cost of a war with the guarantors. "
        "A bot aggressor (realist, liberal, constructivist) invades when gain exceeds war_cost times "
        "the share of the guarantors' strength it believes will act, scaled by its appetite for risk "
        "(resolve_sd; docs/model.md, The aggressor).",
        ge=0,
        le=100,
    )
    war_cost: float = param(
        1.0, doc="Deterrence: the cost of a war with the guarantors (see expected_gain).", ge=0, le=100
    )
    warning_at: datetime | None = param(
        None, doc="When the crisis becomes visible: guarantors are asked whether to make a public statement."
    )
    transfer_threshold: float | None = param(
        None,
        doc="Retired: the aggressor's split between fronts is now its seat's decision (the `allocate` "
        "prompt). Accepted so that older files load, and ignored (`wargame check` warns).",
    )
    transfer_divisions: float | None = param(
        None, doc="Retired with `transfer_threshold`: accepted and ignored (`wargame check` warns)."
    )
    transfer_days: float = param(
        3.0,
        doc="Days in transit for divisions moved between the invasion front and a defended front.",
        ge=0,
        le=60,
    )
    max_transfer_divisions: float = param(
        30.0,
        doc="Most divisions the aggressor may move from the invasion front to the fronts it defends "
        "(net): `recall` moves up to this, `reinforce` half of it.",
        ge=0,
        le=1000,
    )
    strip_divisions: float = param(
        0.0,
        doc="Most divisions the aggressor may take from the fronts it defends to the invasion front "
        "(`strip`; 0: stripping is the same as holding).",
        ge=0,
        le=1000,
    )
    aim: str = param(
        "conquest",
        doc="What the aggressor wants: `conquest` (the protected state's collapse), `seize` (the "
        "objectives of its fronts, `objective_km`: it halts and holds there), `coerce` (a concession "
        "under pressure; its demand and deadline are the pressure's fields).",
        choices=("conquest", "seize", "coerce"),
    )
    means: str = param(
        "invasion",
        doc="What it does at its planned instant: `invasion`; `strike` (an invasion with a limited "
        "aim, trigger kind `strike`); `blockade` or `hybrid` (a pressure on the target's endurance, "
        "`[pressure]`; only a blockade can be escorted).",
        choices=MEANS,
    )
    concession_by: datetime | None = param(
        None,
        doc="Under a pressure: if the target has not conceded by then, the aggressor's seat is asked "
        "to `escalate` (invade, persist or lift the pressure).",
    )
    demand: str = param("", doc="What the pressure demands, in words (shown with it).")


@attrs.frozen(kw_only=True)
class Intervention:
    """A third party's conditional entry (e.g. the USSR on 17 September 1939)."""

    actor: str = param(doc="Intervening actor.", ident=True)
    front: str = param(doc="Front it joins (on the side `side`).", ident=True)
    earliest: datetime | None = param(
        None,
        doc="Not before: the first instant it may be asked whether to enter (optional). It is asked on "
        "news of the war on its front: a front report, the capital falling.",
    )
    divisions: float = param(doc="Divisions it brings.", ge=0, le=1000)
    retry_days: float = param(
        1.0, doc="The least time, in days, before it is asked again after waiting (on news).", ge=0.1, le=60
    )
    decision_hours: float = param(12.0, doc="Deadline of its prompt, in hours.", ge=0.5, le=720)
    side: str = param(
        "attacker",
        doc="The side it joins: the front's `attacker` (it declares war on the defender) or its "
        "`defender` (it declares war on the attacker).",
        choices=("attacker", "defender"),
    )
    air: float = param(
        0.0, doc="Air squadrons it brings (weighed by the front's `air_weight`).", ge=0, le=5000
    )
    naval: float = param(
        0.0, doc="Warships it brings (weighed by the front's `naval_weight`).", ge=0, le=5000
    )
    when: tuple[str, ...] = param(
        (), doc='Conditions (all must hold) before it is first asked, e.g. `["capital:poland"]`.'
    )


@attrs.frozen(kw_only=True)
class Inject:
    """A scripted event of the master event list: news or messages at a fixed instant."""

    id: str = param(doc="Inject id.", ident=True)
    at: datetime | None = param(
        None, doc="When it is published (with `when`: not before this instant; one of the two is needed)."
    )
    to: tuple[str, ...] = param(("all",), doc="Recipient actors, or `all`.")
    text: str = param(doc="What the recipients read.")
    restrains: tuple[str, ...] = param(
        (),
        doc='Decisions it asks its recipients to put off, e.g. `["mobilise"]`: an ally\'s request '
        "(1939: the ambassadors urge Warsaw to wait). A doctrine that heeds requests reads it.",
    )
    before_invasion: bool = param(
        False,
        doc="News that belongs to the crisis before the war (a pretext, a request to wait): it is "
        "dropped, as if the white cell skipped it, when the invasion has already begun at its time.",
    )
    when: tuple[str, ...] = param(
        (),
        doc='Conditions (all must hold) that publish it, e.g. `["war:uk"]` (grammar: docs/scenarios.md, '
        "Events by condition).",
    )
    delay_hours: float = param(0.0, doc="Hours after its `when` holds that it is published.", ge=0, le=8760)


@attrs.frozen(kw_only=True)
class Deception:
    """One line of the aggressor's deception plan: false reports planted in channels it controls.

    A planted report on ``subject`` claims the truth times ``factor`` (or, for ``attack_date``, the
    truth plus ``shift_days``); the author keys it to what the victim already fears (1939: a strong,
    fully manned Siegfried line). It replaces a share
    ``share`` of the reports on that subject in the victims' channels of the kinds listed; the
    victims' other channels stay honest, so deception is strongest where they have few others.
    """

    id: str = param(doc="Deception id.", ident=True)
    subject: str = param(doc="What it lies about: forces.<front>, attack_date, or mobilisation.<actor>.")
    factor: float = param(1.0, doc="Planted claims are the true value times this.", ge=0.05, le=20)
    shift_days: float = param(0.0, doc="For attack_date: days added to the true date.", ge=-60, le=60)
    channels: tuple[str, ...] = param(("humint", "diplomatic"), doc="Kinds of channel it controls.")
    targets: tuple[str, ...] = param((), doc="The deceived actors (empty: all but the aggressor).")
    share: float = param(
        0.5, doc="Share of those channels' reports on the subject that are planted.", ge=0, le=1
    )
    start: datetime | None = param(None, doc="From when (default: the start).")
    until: datetime | None = param(None, doc="Until when (default: the end).")


LIAISON_LEVELS = ("none", "adhoc", "institutional", "fusion")


@attrs.frozen(kw_only=True)
class Liaison:
    """Intelligence sharing between two services (treaty design, liberal driver).

    ``adhoc``: a report passes only when its owner decides to share it (slow). ``institutional``:
    every report collected passes automatically after ``delay_hours``. ``fusion``: a joint fusion
    centre: everything passes within hours and both sides assess from the same reports.
    """

    between: tuple[str, ...] = param(doc="The two actors.")
    level: str = param("adhoc", doc="How institutionalised the sharing is.", choices=LIAISON_LEVELS)
    delay_hours: float = param(
        -1.0,
        doc="Hours for a report to pass (negative: 48 ad hoc, 24 institutional, 2 fusion).",
        ge=-1,
        le=2000,
    )


@attrs.frozen(kw_only=True)
class Penetration:
    """An agent of influence or a penetrated service (the 1939 case: a minister in Paris).

    The penetrated seat is never told. Its assessments of ``subjects`` are biased by ``bias``; each
    of its reports is suppressed with probability ``suppress``; its decisions leak to
    ``leaks_to``, which reads them as signals of its resolve. Oversight finds it in time.
    """

    id: str = param(doc="Penetration id (a codename).", ident=True)
    target: str = param(doc="The penetrated actor.", ident=True)
    leaks_to: str = param(doc="Who receives what leaks (the aggressor, or its partner).", ident=True)
    subjects: tuple[str, ...] = param(
        factory=tuple,
        doc="Assessments it biases (empty: the forces on every front the aggressor fights on, "
        "`forces.<front>` of each front it attacks or defends).",
    )
    bias: float = param(1.3, doc="Multiplier on those assessments (before oversight).", ge=0.1, le=10)
    suppress: float = param(0.1, doc="Probability that a report of the target's is suppressed.", ge=0, le=1)
    detection_per_day: float = param(
        0.05,
        doc="Daily chance of detection at full oversight (scaled by the target's oversight).",
        ge=0,
        le=1,
    )
    sways: tuple[str, ...] = param(
        (),
        doc="An agent of influence: the decision kinds it sways (council_position, declare_war, "
        "mobilise, offensive, escort, support).",
    )
    sway: float = param(
        0.0,
        doc="Chance (times 1 - the target's oversight) that the government does not carry out a "
        "swayed decision the way the aggressor dislikes.",
        ge=0,
        le=1,
    )


@attrs.frozen(kw_only=True)
class ScriptedDecision:
    """One entry of a decision script: what a seat chose, for prompts of one kind in a window of time.

    The ``record`` controller plays the scenario's ``[[history]]``; ``script:PATH`` plays a file
    of the same entries. The first entry that matches a prompt (seat, decision, council item, and
    the prompt's time within ``after``/``before``) gives the choice; with none, the prompt's default.
    """

    seat: str = param(doc="The seat.", ident=True)
    decision: str = param(doc="The prompt's kind (attack, mobilise, declare_war, offensive, ...).")
    choice: str = param(doc="The option chosen.")
    item: str = param("", doc="For council positions: the agenda item (halt_offensive, ...).")
    concerns: str = param(
        "",
        doc="For council items about one member's offensive (halt_offensive, main_offensive): that "
        "member, e.g. halt Britain's offensive but not France's (empty: any).",
    )
    after: datetime | None = param(None, doc="Applies to prompts raised at or after this instant.")
    before: datetime | None = param(None, doc="Applies to prompts raised before this instant.")
    reason: str = param("", doc="The reason recorded with the decision.")
    when: tuple[str, ...] = param(
        (), doc="Applies to prompts raised once these conditions have held (as the seat saw them)."
    )


@attrs.frozen(kw_only=True, cache_hash=True)  # hashed once: the static terms below are cached by it
class Scenario:
    """A whole crisis: actors, guarantees, forces, timetables, services and the event list."""

    scenario: About = param(doc="Identity and span.")
    actors: tuple[Actor, ...] = param(doc="The states.")
    aggressor: Aggressor = param(doc="The aggressor's plan.")
    fronts: tuple[Front, ...] = param(factory=tuple, doc="Fronts.")
    mobilisation: tuple[Mobilisation, ...] = param(factory=tuple, doc="Mobilisation timetables.")
    guarantees: tuple[Guarantee, ...] = param(factory=tuple, doc="Security guarantees.")
    council: Council | None = param(None, doc="The alliance council, if any.")
    services: tuple[Service, ...] = param(factory=tuple, doc="Intelligence services.")
    interventions: tuple[Intervention, ...] = param(factory=tuple, doc="Third-party entries.")
    injects: tuple[Inject, ...] = param(factory=tuple, doc="Master event list.")
    deception: tuple[Deception, ...] = param(factory=tuple, doc="The aggressor's deception plan.")
    liaison: tuple[Liaison, ...] = param(factory=tuple, doc="Intelligence sharing between services.")
    penetrations: tuple[Penetration, ...] = param(factory=tuple, doc="Agents of influence, penetrations.")
    history: tuple[ScriptedDecision, ...] = param(
        factory=tuple, doc="The decisions actually taken (the record), played by the `record` controller."
    )
    pressure: Pressure = param(
        factory=Pressure, doc="How a blockade or hybrid campaign wears its target down."
    )

    @property
    def actor_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.actors)

    @property
    def seat_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.actors if a.seat)

    def guarantors_of(self, protected: str | None = None) -> list[str]:
        """Every guarantor of ``protected`` (default: the aggressor's target), whatever the treaty,
        sorted."""
        target = protected or self.aggressor.target
        return sorted({a for g in self.guarantees if g.protected == target for a in g.guarantors})

    def actor(self, actor_id: str) -> Actor:
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(actor_id)
