"""The World: one game's SimPy environment, ground truth, random streams and journal.

``World(scenario, seed, processes=..., decisions=...)`` builds the state of one game; ``start()``
starts the processes it was handed, in their order (the order is part of the determinism
contract: processes started earlier win ties at the same instant). The standard game's processes
and decisions are listed in :mod:`wargame.engine.standard`; this module imports none of the
process modules (they import it). The world holds the simulation's state only: what the seats'
views cache lives with the session (:mod:`wargame.session.views`).

Nothing here reads the wall clock; nothing iterates an unordered container where the order can
reach the journal.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Generator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import simpy

from wargame.engine.events import EndData, EndTruth, StartData, StartTruth
from wargame.engine.journal import Event, Journal
from wargame.engine.picture import Picture
from wargame.engine.state import ActorState, FrontState, PressureState, Prompt
from wargame.engine.streams import Streams
from wargame.model.clock import from_datetime
from wargame.model.prompts import askable
from wargame.model.scenario import Front, Penetration, Scenario

if TYPE_CHECKING:
    from wargame.engine.decisions import Decision, FreeDecision

Process = Callable[["World"], None]
"""A mechanism's start function: it starts the mechanism's SimPy processes in ``world``."""
DecisionObserver = Callable[["World", Event], None]
DecisionVeto = Callable[["World", "Decision"], "Decision | None"]
"""Told of each decision journalled, before it is carried out: returns the decision to carry out
(the same, or another choice), or None to carry out nothing (an agent of influence's work)."""


class Environment(simpy.Environment):
    """A SimPy environment that keeps the generators of the processes it starts, so that a
    finished game can close them (:meth:`World.finish`)."""

    def __init__(self) -> None:
        super().__init__()
        self.generators: list[Generator[simpy.Event, object, object]] = []

    def process(self, generator: Generator[simpy.Event, object, object]) -> simpy.Process:
        self.generators.append(generator)
        return super().process(generator)


class World:
    """Everything one game is made of. Processes receive it as their first argument."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        *,
        processes: Sequence[Process],
        decisions: Mapping[str, FreeDecision],
    ) -> None:
        self.scenario = scenario
        self.seed = seed
        self.processes = tuple(processes)  # started by start(), in this order
        self.decisions = decisions  # the decisions a seat may take unprompted, by kind
        self.decision_observers: list[DecisionObserver] = []  # told of each decision journalled
        self.askable = askable(scenario)  # prompt kind -> the seats that can ever be asked it
        self.env = Environment()
        self.streams = Streams(seed)
        # the clock reads the environment, not the world: no reference cycle (see finish)
        self.journal = Journal(functools.partial(getattr, self.env, "now"), scenario.scenario.start)
        self.actors = {a.id: ActorState(id=a.id) for a in scenario.actors}
        self.fronts = {f.id: FrontState(id=f.id) for f in scenario.fronts}
        self.prompts: dict[str, tuple[Prompt, simpy.Event]] = {}
        self.invasion: simpy.Event = self.env.event()
        self.pressure: simpy.Event = self.env.event()  # a blockade or hybrid campaign begins
        self.strain = PressureState()  # its course (wargame.engine.pressure)
        self.trigger = ""  # the kind of the aggressor's latest act: invasion, strike, blockade, hybrid
        self.triggered: list[str] = []  # the guarantees triggered so far, in order
        self.triggered_by: dict[str, str] = {}  # each triggered guarantee: the act that last did
        self.clarity_for: dict[str, float] = {}  # each guarantor: its treaty's clarity for that act
        self.horizon = scenario.scenario.horizon_days * 24 * 60
        self.seed_in_public = False  # journals of format 1 recorded the seed as public data
        self.ended = False
        self.council_pending = False
        self.deterred = False
        self.pictures = {a.id: Picture() for a in scenario.actors}  # each seat's intelligence picture
        self.penetration_state: dict[str, str] = {}  # id -> active, detected, watched, purged
        self.oversight: dict[str, float] = {}  # oversight raised by reviews
        self.review_until: dict[str, int] = {}
        self.shared_assessments: dict[str, int] = {}  # per seat: numbering reveals nothing to others
        self.origins: dict[str, int] = {}  # reports delivered per source
        self.injects: dict[str, str] = {}  # inject id -> held, published, skipped (white cell)
        self.adhoc = 0  # ad hoc injects written by the white cell
        self._names = {a.id: a.name for a in scenario.actors}
        self._fronts = {f.id: f for f in scenario.fronts}
        self.penetrations_of: dict[str, list[Penetration]] = {}  # target -> its penetrations, in order
        for pen in scenario.penetrations:
            self.penetrations_of.setdefault(pen.target, []).append(pen)
        self.moved_to_defended = 0.0  # net divisions the aggressor moved to the fronts it defends
        self.attack_at = 0  # the aggressor's planned attack instant (ground truth)
        self._prompt_counter: dict[str, int] = {}
        for a in scenario.actors:  # wars already under way when the game starts
            for enemy in a.at_war_with:
                self.actors[a.id].declare_war_on(enemy)
                self.actors[enemy].declare_war_on(a.id)
        for m in scenario.mobilisation:
            self.actors[m.actor].divisions = m.standing_divisions
            self.actors[m.actor].air = m.standing_air
            self.actors[m.actor].naval = m.standing_naval
        for a in scenario.actors:  # each government's hidden disposition (see ActorState.temper)
            self.actors[a.id].temper = float(self.streams(f"temper.{a.id}").standard_normal())
        self.condition_watch: object | None = None  # wargame.engine.conditions.Watch, once asked
        self.inject_due: dict[str, int] = {}  # inject on conditions -> the minute it falls due
        self.decision_vetoes: list[DecisionVeto] = []  # agents of influence (penetration.sway)
        self.swayed: dict[str, str] = {}  # prompt id -> the penetration that turned its answer

    # -- small shared helpers -------------------------------------------------------------

    def name(self, actor_id: str) -> str:
        if actor_id == "white":
            return "The white cell"
        name = self._names.get(actor_id)
        return name if name is not None else self.scenario.actor(actor_id).name

    def later(self, delay: int, action: Callable[..., object], *args: object) -> None:
        """Do ``action(*args)`` ``delay`` minutes from now. A single moment (a report arriving)
        needs one timeout, not a process of its own."""

        def fire(_event: simpy.Event) -> None:
            action(*args)

        self.env.timeout(delay).callbacks.append(fire)

    def minute(self, when: datetime) -> int:
        """A calendar datetime as a simulated minute (clamped to the start)."""
        return max(0, from_datetime(self.scenario.scenario.start, when))

    def scenario_front(self, front_id: str) -> Front:
        return self._fronts[front_id]

    def next_prompt_number(self, seat: str) -> int:
        """The next number of ``seat``'s prompts (counted per seat: a seat learns nothing from it)."""
        self._prompt_counter[seat] = self._prompt_counter.get(seat, 0) + 1
        return self._prompt_counter[seat]

    def open_prompts(self) -> list[Prompt]:
        """Open prompts in the order they were raised."""
        return [p for p, _ in self.prompts.values()]

    # -- life cycle ----------------------------------------------------------------------

    def start(self) -> None:
        """Start the horizon, record the game's start, then start each process in order."""
        self.env.process(self._horizon())
        text = f"{self.scenario.scenario.title}: the game begins."
        if self.seed_in_public:  # a replay of a format-1 journal, written as it was
            self.journal.record(StartData(scenario=self.scenario.scenario.name, seed=self.seed), text)
        else:
            self.journal.record(
                StartData(scenario=self.scenario.scenario.name), text, truth=StartTruth(seed=self.seed)
            )
        for start in self.processes:
            start(self)

    def _horizon(self) -> Generator[simpy.Event, object, None]:
        yield self.env.timeout(self.horizon)
        self.journal.record(
            EndData(fronts={fid: f.status for fid, f in sorted(self.fronts.items())}),
            "The game reaches its horizon.",
            truth=EndTruth(
                fronts={
                    fid: {"cohesion": f.cohesion, "ground_km": f.ground_km}
                    for fid, f in sorted(self.fronts.items())
                }
            ),
        )
        self.ended = True

    def finish(self) -> None:
        """Let a game that has ended be freed by reference counting alone, the moment it is
        dropped: close its processes (their frames hold the world) and drop the events still
        scheduled past the horizon (their callbacks hold it too), which would never be
        processed. The state, the journal and the pictures stay as they are. A world is a web
        of references to itself while it runs; left so, only the cyclic collector could free it
        (see :mod:`wargame.session.collector`)."""
        if not self.ended:
            raise RuntimeError("only a game that has ended can be finished")
        for generator in self.env.generators:
            generator.close()
        self.env.generators.clear()
        self.env._queue.clear()  # SimPy keeps its schedule here; nothing in it can run now
