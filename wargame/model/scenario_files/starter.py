"""``wargame new``: a commented starting file for a new scenario.

The file is a small, complete crisis (an aggressor, a protected state, one guarantor, a council,
a service, a deception line, two injects and a reference play) that passes ``wargame check``
without warnings, with a comment on each section saying what it is for and which mechanism
uses it. Authors change it rather than start from nothing; ``docs/scenarios.md`` is the
reference for every field.
"""

from __future__ import annotations

from pathlib import Path

from wargame.model.fields import ID_PATTERN


class StarterError(ValueError):
    """A scenario name or target file that ``wargame new`` cannot use."""


TEMPLATE = '''\
# {name} — a new crisis scenario.
#
# A starting file written by `wargame new`. Change it section by section; `wargame check {file}`
# reports any problem with its file, line and field, and warns about legal but suspicious content.
# Every field is described in docs/scenarios.md. Times are local, without a time zone.

[scenario]
name = "{name}"
title = "{title}"
description = "One line for `wargame list`: who threatens whom, and when."
start = 2030-06-01T00:00:00
horizon_days = 30                  # the clock stops here
white_cell_notes = """
For the facilitator only: what really happens, and what history (or the designers) expect.
"""

# -- The states. Each is a seat (a player or a bot) unless `seat = false`. --------------------------
# The drivers move credibility (how far others believe a guarantor will act) and steer the bots:
# interest_convergence (realist), readiness, war_weariness (constructivist), oversight (penetration).

[[actors]]
id = "red"
name = "Red"
role = "aggressor"
briefing = """
What the Red seat is told at the start: its aims, its forces, and the decision it will face (to
attack on the planned day, to postpone or to abandon the plan).
"""

[[actors]]
id = "green"
name = "Green"
role = "protected"
interest_convergence = 1.0
briefing = """
What the protected state is told: what it was promised, by whom, and what it must decide (when
to mobilise; what to ask of its guarantor in the council).
"""

[[actors]]
id = "blue"
name = "Blue"
role = "guarantor"
interest_convergence = 0.5         # 0: Green means nothing to Blue; 1: Green's survival is Blue's
readiness = 0.5
war_weariness = 0.3
briefing = """
What the guarantor is told: the treaty, its promises, its own interests and public mood, and the
decisions ahead (a public statement, mobilisation, war, the promised offensive).
"""

# -- The aggressor's plan: asked `order_lead_hours` before the attack to proceed, postpone or abandon.

[aggressor]
actor = "red"
target = "green"
invasion_at = 2030-06-10T05:00:00
order_lead_hours = 24
postpone_days = 4
max_postponements = 1
expected_gain = 1.0                # bots attack if gain > war_cost x (chance the guarantors act)
war_cost = 1.2
warning_at = 2030-06-05T09:00:00   # guarantors may then make a public statement

# -- Fronts: the invasion front, and one front per guarantor that can attack (Lanchester square law).

[[fronts]]
id = "border"
name = "Green border"
attacker = "red"
defender = "green"
opens = "invasion"
attacker_divisions = 10
defender_divisions = 6
fortification = 1.2
attrition_per_day = 0.03
depth_km = 200
advance_km_per_day = 15
capital_falls_cohesion = 0.35
collapse_cohesion = 0.15

[[fronts]]
id = "relief"
name = "Red flank"
attacker = "blue"
defender = "red"
opens = "offensive"
attacker_divisions = 0             # set by the scale of the offensive Blue launches
defender_divisions = 5
offensive_prep_days = 2
depth_km = 100
capital_falls_cohesion = 0.0
collapse_cohesion = 0.0

# -- Mobilisation timetables: phases counted in days from the order. --------------------------------

[[mobilisation]]
actor = "green"
standing_divisions = 3
prompt_at = 2030-06-08T09:00:00
default = "defer"

[[mobilisation.phases]]
name = "reserves"
day = 3
divisions = 6
spread_days = 1

[[mobilisation]]
actor = "blue"
standing_divisions = 4
prompt_on_invasion = true

[[mobilisation.phases]]
name = "field army"
day = 5
divisions = 10
spread_days = 1.5

# -- The guarantee: who is bound, against whom, how clearly, and what was promised by when (J+day).

[[guarantees]]
id = "treaty"
name = "Blue-Green Treaty"
guarantors = ["blue"]
protected = "green"
against = ["red"]
signed = 2028-01-01T00:00:00
trigger_clarity = 0.6
substantive_divisions = 4

[[guarantees.promises]]
action = "declare_war"
day = 1

[[guarantees.promises]]
action = "limited_offensive"
day = 5

# -- The council where allies consult (standing: meets within hours; ad hoc: after days). -----------

[council]
id = "council"
name = "Blue-Green Council"
members = ["blue", "green"]
rule = "consensus"
convene_on_war_days = 2

# -- Intelligence: services, their channels, and the aggressor's deception plan. ---------------------

[[services]]
actor = "blue"
name = "Blue Intelligence"

[[services.channels]]
kind = "imagery"
rate_per_day = 1.0
accuracy = 0.7

[[services]]
actor = "green"
name = "Green Intelligence"

[[services.channels]]
kind = "humint"
rate_per_day = 1.0
accuracy = 0.6

[[deception]]
id = "exercise"
subject = "forces.border"
factor = 0.5                       # planted reports claim half the true strength
channels = ["humint"]
share = 0.5

[[liaison]]
between = ["blue", "green"]
level = "adhoc"

# -- The master event list: news and messages at fixed instants. ------------------------------------

[[injects]]
id = "manoeuvres"
at = 2030-06-02T08:00:00
text = "Red announces manoeuvres near the Green border."

[[injects]]
id = "convoys"
at = 2030-06-08T14:00:00
to = ["green"]
text = "Fuel convoys and field hospitals are seen moving to the border."

# -- The record (the `record` controller): the first matching entry gives the choice. -------------

[[history]]
seat = "red"
decision = "attack"
choice = "proceed"
reason = "Blue will not fight for Green."

[[history]]
seat = "green"
decision = "mobilise"
choice = "order"
reason = "The convoys settle it."

[[history]]
seat = "blue"
decision = "declare_war"
choice = "declare"
reason = "The treaty is clear."
'''


def starter_text(name: str) -> str:
    """The starting file for a scenario called ``name``."""
    title = name.replace("-", " ").replace("_", " ").capitalize()
    return TEMPLATE.format(name=name, title=title, file=f"{name}.toml")


def write_starter(target: str) -> Path:
    """Write the starting file: ``NAME`` becomes ``NAME.toml`` here; a path ending in ``.toml`` is
    used as given (its stem is the name). Refuses to overwrite; raises :class:`StarterError`."""
    path = Path(target if target.endswith(".toml") else f"{target}.toml")
    name = path.stem
    if not ID_PATTERN.match(name):
        raise StarterError(
            f"cannot use {name!r} as a scenario name: expected a lowercase id (letters, digits, '-' "
            "or '_', starting with a letter), e.g. 'baltic-crisis'"
        )
    if path.exists():
        raise StarterError(f"{path} already exists; choose another name or remove it first")
    if not path.parent.is_dir():
        raise StarterError(f"cannot write {path}: the directory {path.parent} does not exist")
    try:
        with path.open("x", encoding="utf-8") as f:
            f.write(starter_text(name))
    except OSError as err:
        raise StarterError(f"cannot write {path}: {err.strerror or err}") from None
    return path
