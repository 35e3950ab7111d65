"""The World: one game's SimPy environment, ground truth, random streams and journal.

``World(scenario, seed)`` builds everything and starts the processes in a fixed order (the order
is part of the determinism contract: processes started earlier win ties at the same instant).
Nothing here reads the wall clock; nothing iterates an unordered container where the order can
reach the journal.
"""

from __future__ import annotations

from collections.abc import Callable

import simpy

from wargame.engine.events import EndData, EndTruth, StartData
from wargame.engine.journal import Journal
from wargame.engine.picture import Picture
from wargame.engine.state import ActorState, FrontState, Prompt
from wargame.engine.streams import Streams
from wargame.model.clock import from_datetime
from wargame.model.scenario import Front, Penetration, Scenario


class World:
    """Everything one game is made of. Processes receive it as their first argument."""

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.scenario = scenario
        self.seed = seed
        self.env = simpy.Environment()
        self.streams = Streams(seed)
        self.journal = Journal(lambda: self.env.now, scenario.scenario.start)
        self.actors = {a.id: ActorState(id=a.id) for a in scenario.actors}
        self.fronts = {f.id: FrontState(id=f.id) for f in scenario.fronts}
        self.prompts: dict[str, tuple[Prompt, simpy.Event]] = {}
        self.invasion: simpy.Event = self.env.event()
        self.horizon = scenario.scenario.horizon_days * 24 * 60
        self.ended = False
        self.council_pending = False
        self.deterred = False
        self.pictures = {a.id: Picture() for a in scenario.actors}  # each seat's intelligence picture
        self.penetration_state: dict[str, str] = {}  # id -> active, detected, watched, purged
        self.oversight: dict[str, float] = {}  # oversight raised by reviews
        self.review_until: dict[str, int] = {}
        self.shared_assessments: dict[str, int] = {}  # per seat: numbering reveals nothing to others
        self.origins: dict[str, int] = {}  # reports delivered per source
        self.seen: dict[str, tuple[int, list]] = {}  # per seat: its visible events so far (views' cache)
        self.injects: dict[str, str] = {}  # inject id -> held, published, skipped (white cell)
        self.adhoc = 0  # ad hoc injects written by the white cell
        self.judged: dict[str, tuple[int, dict]] = {}  # per seat: credibility, assessments (views' cache)
        self.memo: dict[tuple, object] = {}  # lookups worked out once from the scenario (or a state)
        self._names = {a.id: a.name for a in scenario.actors}
        self._fronts = {f.id: f for f in scenario.fronts}
        self.penetrations_of: dict[str, list[Penetration]] = {}  # target -> its penetrations, in order
        for pen in scenario.penetrations:
            self.penetrations_of.setdefault(pen.target, []).append(pen)
        self.moved_west = 0.0
        self.attack_at = 0  # the aggressor's planned attack instant (ground truth)
        self._prompt_counter: dict[str, int] = {}
        for a in scenario.actors:  # wars already under way when the game starts
            for enemy in a.at_war_with:
                self.actors[a.id].declare_war_on(enemy)
                self.actors[enemy].declare_war_on(a.id)
        for m in scenario.mobilisation:
            self.actors[m.actor].divisions = m.standing_divisions

    # -- small shared helpers -------------------------------------------------------------

    def name(self, actor_id: str) -> str:
        if actor_id == "white":
            return "The white cell"
        name = self._names.get(actor_id)
        return name if name is not None else self.scenario.actor(actor_id).name

    def later(self, delay: int, action: Callable[..., object], *args: object) -> None:
        """Do ``action(*args)`` ``delay`` minutes from now. A single moment (a report arriving)
        needs one timeout, not a process of its own."""
        self.env.timeout(delay).callbacks.append(lambda _event: action(*args))

    def minute(self, when) -> int:  # type: ignore[no-untyped-def]
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
        """Start every process, in the documented order."""
        from wargame.engine import (
            aggressor,
            alliance,
            campaign,
            council,
            injects,
            intelligence,
            mobilisation,
            penetration,
            warning,
            whitecell,  # noqa: F401 (registers the white cell's decisions)
        )

        self.env.process(self._horizon())
        self.journal.record(
            StartData(scenario=self.scenario.scenario.name, seed=self.seed),
            f"{self.scenario.scenario.title}: the game begins.",
        )
        injects.start(self)
        aggressor.start(self)
        mobilisation.start(self)
        alliance.start(self)
        council.start(self)
        campaign.start(self)
        intelligence.start(self)
        penetration.start(self)
        warning.start(self)

    def _horizon(self):  # type: ignore[no-untyped-def]
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
