"""The Session: the public way to play a game.

The UI, the command line and bots use this API and nothing below it::

    loaded = scenarios.load("drole-de-guerre-1939")
    session = Session(loaded, seed=1, seats={"france": "human"})
    prompts = session.advance_to_decision()          # runs bots until a human must decide
    session.submit("france", prompts[0].id, "order", reason="the Poles need us")
    session.run_to_end()
    session.write("game.jsonl")

**When decisions take effect.** Decisions enter at a simulated instant by one path. Before any
decision is applied at instant T, the session *settles* T: it processes every event already due
at T and lets bots answer every prompt opened so far, repeating until nothing more is due at T.
Only then is the human decision applied. Live play and replay do exactly this, whatever the size
of the steps by which the clock was advanced, so the journal does not depend on how fast or in
what chunks a facilitator ran the clock.

**Nothing decided for a human silently.** Headless (``wargame run``, batches), a human seat's
prompt that nobody answers falls to its default at its deadline (``by: "default"``: an absent
player). In live play (``hold_deadlines=True``, as ``wargame play`` sets it) no way of advancing
the clock lets it reach such a deadline: it stops at the prompt's last minute, the prompt is
:meth:`Session.due`, and the default is taken only when the white cell or the seat confirms it
(:meth:`Session.take_default`; ``by: "default, confirmed by France"``), which a replay repeats.

**Room scripts.** With a room script attached (:meth:`Session.prepare`), each step of the clock
settles its instant and then lets the script act at it: the script's entries for instant T enter
by :meth:`Session.direct` and :meth:`Session.submit` once T is settled, as a person's would, and
the clock halts at the instant of each timed entry. The rule lives in ``_step``, which every way of
advancing goes through, so the journal does not depend on the advance method here either (the
rule in full: :mod:`wargame.session.room`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from wargame.engine.decisions import WHITE, Decision, DecisionError, apply_decision
from wargame.engine.events import ClosedData
from wargame.engine.journal import Event
from wargame.engine.outcome import measures
from wargame.engine.outcome_types import Outcome
from wargame.engine.standard import FREE_DECISIONS, STANDARD_PROCESSES
from wargame.engine.world import World
from wargame.model.clock import format_instant
from wargame.model.doctrine_params import split
from wargame.model.scenario_files.scenarios import LoadedScenario
from wargame.session import bots, collector
from wargame.session.doctrines.historical import doctrine_of
from wargame.session.doctrines.initiative import initiatives
from wargame.session.journal.header import Header
from wargame.session.journal.seal import Key
from wargame.session.journal.write import JournalLines
from wargame.session.seats import (  # noqa: F401 (re-exported: the session's public names)
    DEFAULT_CONTROLLER,
    HUMAN,
    SeatError,
    assign_seats,
    controller_names,
    normalise_controller,
)
from wargame.session.views import PromptView, SeatView, WhiteCellView, seat_view, white_cell_view

if TYPE_CHECKING:
    from wargame.engine.state import Prompt
    from wargame.session.room import RoomScript
    from wargame.session.room_play import RoomPlay

WHITE_CELL = "white cell"  # who took a white-cell decision (the ``by`` of its journal event)
CONFIRMED = "default, confirmed by "  # the ``by`` of a default someone confirmed at the deadline


class Session:
    """One game in progress. See the module docstring."""

    def __init__(
        self,
        loaded: LoadedScenario,
        seed: int,
        seats: Mapping[str, str] | Sequence[str] = (),
        journal: str | Path | None = None,
        hold_deadlines: bool = False,
        key: Key | None = None,
        recorded: Header | None = None,
    ) -> None:
        if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
            raise SeatError(f"the seed must be a whole number >= 0, got {seed!r}")
        self.loaded = loaded
        self.scenario = loaded.scenario
        self.seed = seed
        self.seats = assign_seats(self.scenario.seat_ids, seats)
        self._humans = frozenset(seat for seat, name in self.seats.items() if name == HUMAN)
        self.hold_deadlines = hold_deadlines  # live play: the clock stops short of a human deadline
        self._room: RoomPlay | None = None  # an attached room script (see prepare)
        self._controllers: dict[str, bots.Controller] = {}
        for actor in self.scenario.actor_ids:
            name = self.controller(actor)
            if name != HUMAN:
                try:
                    self._controllers[actor] = bots.controller(name, self.scenario)
                except bots.ScriptError as err:
                    raise SeatError(str(err)) from None
        self.world = World(self.scenario, seed, processes=STANDARD_PROCESSES, decisions=FREE_DECISIONS)
        self.steps = 0  # SimPy events processed (for benchmarks)
        head = Header.of(self.loaded, seed, self.seats)
        if recorded is not None:  # a replay writes the recorded header's format and engine
            head = attrs.evolve(head, engine=recorded.engine, format=recorded.format)
            self.world.seed_in_public = recorded.format < 2
        self._journal = JournalLines(head.line(), self.world.journal, key)
        if journal is not None:
            self.keep_journal(journal)
        self.world.start()

    # -- the journal ---------------------------------------------------------------------

    def keep_journal(self, path: str | Path) -> None:
        """Write the journal to ``path`` from now on, as it happens: every line so far at once,
        then each event flushed to disk as it is recorded (before a decision returns)."""
        self._journal.keep(path)

    @property
    def lines(self) -> list[str]:
        """The journal's lines: the header, then one per event."""
        return self._journal.lines

    def text(self) -> str:
        """The whole journal as written to a file."""
        return "".join(line + "\n" for line in self.lines)  # the property: every event is a line

    def write(self, path: str | Path) -> None:
        Path(path).write_text(self.text(), encoding="utf-8")

    def close(self, mark: bool = True) -> None:
        """End the session. A game stopped before its end gets a ``closed`` event first, so that a
        journal cut short (by a crash or by hand) can be told from one stopped on purpose.
        ``mark=False`` (after a crash) leaves the journal as it is, every line intact."""
        if mark and not self.world.ended and not self.closed:
            self.world.journal.record(
                ClosedData(), "The session is closed before the end of the game.", see=()
            )
        self._journal.close()

    @property
    def closed(self) -> bool:
        events = self.world.journal.events
        return bool(events) and isinstance(events[-1].data, ClosedData)

    @property
    def events(self) -> list[Event]:
        return self.world.journal.events

    # -- the clock -----------------------------------------------------------------------

    @property
    def now(self) -> int:
        return int(self.world.env.now)

    @property
    def date(self) -> str:
        return format_instant(self.scenario.scenario.start, self.now)

    @property
    def horizon(self) -> int:
        """The minute the game ends."""
        return self.world.horizon

    @property
    def finished(self) -> bool:
        return self.world.ended

    def controller(self, actor: str) -> str:
        """Who decides for ``actor``: its seat's controller; an actor that is not a seat is played
        by the historical bot (nobody may take it, but it still decides)."""
        return self.seats.get(actor, DEFAULT_CONTROLLER)

    def _bot_prompts(self) -> list[Prompt]:
        return [p for p in self.world.open_prompts() if p.seat not in self._humans]

    def _bot_waiting(self) -> bool:
        """Whether a prompt a bot answers is open (cheap when no prompt is: most of the time)."""
        return bool(self.world.prompts) and any(
            p.seat not in self._humans for p, _ in self.world.prompts.values()
        )

    def _held_at(self) -> float:
        """With :attr:`hold_deadlines`, the last minute the clock may reach: one before the
        earliest deadline of an open prompt of a human seat (infinite when nothing holds it)."""
        if not self.hold_deadlines or not self.world.prompts:
            return float("inf")
        deadlines = [p.deadline for p in self.world.open_prompts() if p.seat in self._humans]
        return min(deadlines) - 1 if deadlines else float("inf")

    def _next_time(self) -> float:
        """When something next happens: the next event, or an act of the attached room script."""
        peek = self.world.env.peek()
        if self._room is None:
            return peek
        return self.now if self._room.waiting(self) else min(peek, self._room.next_at())

    def _step(self) -> bool:
        env, room = self.world.env, self._room
        if self.world.ended or self.closed:
            return False
        if room is not None and room.waiting(self):
            self._play_script()
            return True
        upcoming = self._next_time()
        if upcoming == float("inf"):
            return False
        held = self._held_at()
        if upcoming > held:  # the next event is at or past a human deadline: stop at its last minute
            if env.now < held:
                env.run(until=held)
            return False
        if upcoming < env.peek():  # the script acts before the next event: the clock goes there
            env.run(until=upcoming)
            return True
        env.step()
        self.steps += 1
        if room is not None:
            self._play_script()
        elif self._bot_waiting():
            self._settle()
        return True

    def _run_until(self, t: float) -> bool:
        """Headless, :meth:`_step` in one stretch: process every event before minute ``t``,
        settling the instant whenever a bot's prompt opens. False if the game is over (ended,
        closed, or nothing left to happen); True if the next event is at ``t`` or later.

        Only for a game no room script drives and no human deadline holds (:meth:`_unattended`):
        then nothing but an opened prompt needs the session between two events, so this pays
        per event just the step and the check for a bot's prompt, and processes the very events,
        in the very order, that :meth:`_step` would."""
        world = self.world
        env = world.env
        step, peek = env.step, env.peek
        if world.ended or self.closed:
            return False
        while not world.ended:
            upcoming = peek()
            if upcoming >= t:
                return upcoming != float("inf")
            step()
            self.steps += 1
            if world.prompts and self._bot_waiting():  # a prompt opened: bots answer once settled
                self._settle()
        return False

    def _unattended(self) -> bool:
        """Whether nothing but bots' prompts can need the session between events: no room script
        is attached, and no human deadline holds the clock."""
        return self._room is None and not (self.hold_deadlines and self._humans)

    def _play_script(self) -> None:
        """Settle the instant, then apply the room script's entries due at it, until none is."""
        assert self._room is not None
        while not self.world.ended:
            self._settle()
            acts = self._room.due(self)
            if not acts:
                return
            for act in acts:
                self._room.act(self, act)

    def prepare(self, script: RoomScript) -> None:
        """Attach a room script: from now on its entries act as the clock passes their instants
        (see :mod:`wargame.session.room`). Its seats must be human seats here. Attached to a game
        under way (a resumed one), its entries for earlier instants and the prompts opened before
        are left alone (the journal has what happened then)."""
        from wargame.session.room_play import RoomPlay

        for seat in script.seats:
            if self.seats.get(seat) != HUMAN:
                raise SeatError(
                    f"{script.path} plays {seat!r}, which is {self.seats.get(seat, 'not a seat')} here; "
                    "a seat the script plays must be human"
                )
        self._room = RoomPlay(script, self)

    @property
    def script_notes(self) -> list[str]:
        """The attached room script's entries that could not be applied, each with why."""
        return list(self._room.notes) if self._room is not None else []

    def script_unplayed(self) -> list[str]:
        """The attached room script's entries never reached or never triggered."""
        return self._room.unplayed() if self._room is not None else []

    def _settle(self) -> None:
        """Process everything due now and let bots answer, until the instant is quiet."""
        env = self.world.env
        answered: list[str] = []  # bots that answered a prompt at this instant, in order
        while True:
            while not self.world.ended and env.peek() == env.now:
                env.step()
                self.steps += 1
            if self.world.ended:
                return
            waiting = self._bot_prompts()
            if not waiting:
                if not answered:
                    return
                for seat in dict.fromkeys(answered):  # once the instant is quiet: their initiatives
                    self._initiate(seat)
                answered = []
                continue
            for prompt in waiting:
                if prompt.id not in self.world.prompts:
                    continue
                answered.append(prompt.seat)
                controller = self.controller(prompt.seat)
                decide = self._controllers[prompt.seat]
                choice, reason = decide(seat_view(self.world, prompt.seat), PromptView.of(prompt))
                apply_decision(
                    self.world,
                    Decision(
                        seat=prompt.seat,
                        kind=prompt.kind,
                        choice=choice,
                        reason=reason,
                        prompt=prompt.id,
                    ),
                    by=controller,
                )

    def settle(self) -> None:
        """Process everything due at this instant and let bots answer, as happens before any
        decision is applied: what a screen is shown after an act is then the act's whole
        consequence at its instant (a served game settles before every snapshot)."""
        if not (self.world.ended or self.closed):
            self._settle()

    def _initiate(self, seat: str) -> None:
        """A bot that has just answered a prompt takes the free decisions its doctrine calls for
        now (:mod:`wargame.session.doctrines.initiative`), each checked by the engine's rule."""
        by = self.controller(seat)
        if not by.startswith("bot:"):
            return
        doctrine, params = by.removeprefix("bot:"), None
        if doctrine == "historical":  # the doctrine and parameters the scenario gives the seat
            actor = self.world.scenario.actor(seat)
            doctrine = doctrine_of(actor)
            params, _ = split(doctrine, actor.doctrine_params)
        for step in initiatives(doctrine, seat_view(self.world, seat), params):
            spec = self.world.decisions.get(step.kind)
            if self.world.ended or spec is None or spec.check(self.world, seat, step.choice) is not None:
                continue
            apply_decision(
                self.world, Decision(seat=seat, kind=step.kind, choice=step.choice, reason=step.reason), by=by
            )

    def advance_until(self, t: int) -> None:
        """Run every event before minute ``t``; the clock then reads ``t``. At the horizon the game ends."""
        t = int(t)  # simulated time is whole minutes, always
        if t >= self.world.horizon:
            self.run_to_end()  # the horizon is the end: finish the game there
            return
        env = self.world.env
        if self._unattended() and not self._run_until(t):
            return
        while self._next_time() < t:
            if not self._step():
                return
        until = min(t, self._held_at())  # a minute, or inf when nothing holds the clock
        if not self.world.ended and not self.closed and env.now < until:
            env.run(until=until)

    def advance(self, minutes: int) -> None:
        """Run the clock forward by ``minutes`` of simulated time."""
        self.advance_until(self.now + int(minutes))

    def advance_to_decision(self) -> list[PromptView]:
        """Run until a human seat has a new prompt (returned with any older ones) or the game ends."""
        before = {p.id for p in self.pending()}
        while self._step():
            fresh = [p for p in self.pending() if p.id not in before]
            if fresh:
                return self.pending()
        return self.pending()

    def advance_until_news(self, t: int, seat: str | None = None) -> list[PromptView]:
        """Run events before minute ``t`` (as :meth:`advance_until`), but stop early as soon as a
        human seat has a new prompt (returned), or, with ``seat``, an event ``seat`` may see
        arrives, or (with :attr:`hold_deadlines`) a prompt falls :meth:`due`. This is how a paced
        clock runs: it halts for what the players must look at."""
        before = {p.id for p in self.pending()}
        env, events = self.world.env, self.world.journal.events
        while self._next_time() < t:
            done = len(events)
            if not self._step():
                return []
            fresh = [p for p in self.pending() if p.id not in before]
            if fresh:
                return fresh
            if seat is not None and any(e.visible_to(seat) for e in events[done:]):
                return []
        until = min(t, self._held_at())  # a minute, or inf when nothing holds the clock
        if not self.world.ended and not self.closed and env.now < until:
            env.run(until=until)
        return []

    def run_to_end(self) -> None:
        """Run until the horizon (human prompts fall to their defaults at their deadlines), or,
        with :attr:`hold_deadlines`, until a human prompt falls :meth:`due`."""
        if self._unattended():
            with collector.paused():  # a headless game makes no garbage worth a pass (see collector)
                self._run_until(float("inf"))
                if self.world.ended:  # nothing runs after the end: let the game free itself
                    self.world.finish()
            return
        while self._step():
            pass

    # -- decisions -----------------------------------------------------------------------

    def pending(self, seat: str | None = None) -> list[PromptView]:
        """Open prompts of human seats (or of ``seat``), oldest first; none once the game is over
        (ended or closed: nothing can be decided then, see :meth:`submit`), even a prompt opened
        at the very instant the game ended."""
        if self.world.ended or self.closed:
            return []
        return [
            PromptView.of(p)
            for p in self.world.open_prompts()
            if ((seat is None and self.seats.get(p.seat) == HUMAN) or p.seat == seat)
            and p.deadline > self.now
        ]

    def due(self) -> list[PromptView]:
        """Open prompts of human seats at their last minute (with :attr:`hold_deadlines`): they
        hold the clock until someone decides or :meth:`take_default` confirms the default."""
        return [p for p in self.pending() if p.deadline - 1 <= self.now]

    def take_default(self, prompt_id: str, confirmed_by: str) -> None:
        """Take the default of a human seat's open prompt now, confirmed by ``confirmed_by``: the
        white cell (``"white"``) or the seat itself. Journalled with ``by`` saying who confirmed
        it, and replayed as such (a default nobody confirmed is ``by: "default"``).

        Raises :class:`DecisionError` if the prompt is not open or the confirmer may not."""
        entry = self.world.prompts.get(prompt_id)
        if entry is None or self.seats.get(entry[0].seat) != HUMAN:
            raise DecisionError(f"prompt {prompt_id!r} is not an open prompt of a human seat")
        seat = entry[0].seat
        if confirmed_by not in (WHITE, seat):
            raise DecisionError(
                f"only the white cell ({WHITE!r}) or {seat!r} may confirm the default of {prompt_id!r}"
            )
        who = "the white cell" if confirmed_by == WHITE else self.world.name(seat)
        self._confirm_default(prompt_id, CONFIRMED + who)

    def _confirm_default(self, prompt_id: str, by: str) -> None:
        """Apply a prompt's default now, journalled ``by`` (live play, and its replay)."""
        if not (self.world.ended or self.closed):
            self._settle()  # first the instant's events, as for every decision (a prompt opened now)
        entry = self.world.prompts.get(prompt_id)
        if entry is None:
            raise DecisionError(f"prompt {prompt_id!r} is not open (answered or expired)")
        prompt = entry[0]
        reason = "no decision was taken; the default is confirmed"
        self._apply(
            Decision(
                seat=prompt.seat, kind=prompt.kind, choice=prompt.default, reason=reason, prompt=prompt.id
            ),
            by,
        )

    def _apply(self, decision: Decision, by: str) -> None:
        """Settle the instant, then apply ``decision``: every decision of people enters here."""
        if self.world.ended or self.closed:
            raise DecisionError("the game is over" if self.world.ended else "the session is closed")
        for name in ("kind", "choice", "reason", "prompt", "text"):
            value = getattr(decision, name)
            if isinstance(value, str) and not _is_text(value):  # the journal could not keep it
                raise DecisionError(f"the decision's {name} is not valid text (a lone surrogate)")
        self._settle()
        apply_decision(self.world, decision, by=by)

    def submit(self, seat: str, prompt: str | None, choice: str, reason: str = "", kind: str = "") -> None:
        """A human seat's decision: an answer to ``prompt``, or a free decision of ``kind``.

        Raises :class:`DecisionError` if it cannot be taken now (the message says why).
        """
        if self.seats.get(seat) != HUMAN:
            raise DecisionError(f"seat {seat!r} is not played by a human here")
        self._apply(Decision(seat=seat, kind=kind, choice=choice, reason=reason, prompt=prompt), HUMAN)

    def direct(self, kind: str, choice: str, reason: str = "", text: str = "") -> None:
        """A white-cell act: hold, publish, skip or restore an inject, write an ad hoc one, or override an
        adjudication (see :mod:`wargame.engine.whitecell`). Journalled and replayed like a decision.

        Raises :class:`DecisionError` if it cannot be done now (the message says why).
        """
        self._apply(Decision(seat=WHITE, kind=kind, choice=choice, reason=reason, text=text), WHITE_CELL)

    def free_decisions(self, seat: str) -> list[tuple[str, tuple[str, ...], str | None]]:
        """The decisions ``seat`` may take without a prompt, each as (kind, the choices open to it
        now, why it cannot be taken now or None); see :func:`wargame.session.free.free_decisions`.

        The instant is settled first, as any decision would settle it before being applied: an
        answer just given to a prompt takes effect when its process resumes, and until then a
        decision it rules out (a second statement, say) would be listed open and then refused."""
        from wargame.session.free import free_decisions

        if not (self.world.ended or self.closed):
            self._settle()
        return free_decisions(self.world, seat, over=self.world.ended or self.closed)

    # -- views ---------------------------------------------------------------------------

    def view(self, seat: str) -> SeatView:
        if seat not in self.seats:
            raise SeatError(f"unknown seat {seat!r}; seats are {', '.join(self.seats)}")
        return seat_view(self.world, seat)

    def white_cell(self) -> WhiteCellView:
        return white_cell_view(self.world)

    def summary(self) -> Outcome:
        """Outcome measures so far."""
        return measures(self.events, self.scenario)


def _is_text(value: str) -> bool:
    """Whether ``value`` can be written as UTF-8 (a lone surrogate, from a JSON or YAML
    ``\\ud800`` escape, cannot: the journal's hash chain would fail on it)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
