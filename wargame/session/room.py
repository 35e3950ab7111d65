"""Room scripts: one file that plays the opening of a seminar, for several seats and the white cell.

A decision script (``script:PATH``, :mod:`wargame.session.bots`) makes one seat a bot that follows
a list. A *room script* instead speaks for the people in the room: its seats are human seats, and
its entries enter the game by the paths people at the keyboard use (``Session.submit`` for a
seat, ``Session.direct`` for the white cell), so its journal is exactly what that room would have
written, and ``wargame replay --verify`` accepts it. Run it headless (``wargame run SCENARIO
--seed N --script PLAY.toml``) or start a seminar from it (``wargame play --script``): the people
take over where the script stops.

The file (TOML)::

    [script]                       # optional
    title = "Opening: the last week of August"
    description = "France consults early; the white cell holds the pact until Monday."

    [[decision]]                   # a seat's decision: the fields of a decision-script entry
    seat = "france"
    decision = "mobilise"          # answers France's mobilise prompts when they open ...
    choice = "partial"
    reason = "cover the frontier, provoke no one"

    [[decision]]
    seat = "france"
    decision = "convene_council"   # ... or, with `at`, a decision taken at that instant: a free
    choice = "convene"             # decision, or the answer to a prompt open then
    at = 1939-08-25T09:00:00
    reason = "London must hear our view before Warsaw asks"

    [[white]]                      # a white-cell act, at an instant or when a prompt opens
    act = "hold_inject"            # hold_inject, publish_inject, skip_inject, restore_inject,
    choice = "pact"                # adhoc_inject (choice: the audience, text: the words),
    at = 1939-08-23T12:00:00       # override (choice: the path, text: the value)
    reason = "let the room settle first"

    [[white]]
    act = "publish_inject"
    choice = "pact"
    on_prompt = { seat = "france", decision = "mobilise" }
    reason = "France decides knowing of the pact"

**When entries act.** An entry for instant T acts once T is *settled* (every event due at T
processed, every bot prompt answered; see :mod:`wargame.session.session`), as a person's
decision at T would. The white cell's entries act first, then the seats', each in file order;
a prompt that opens at T is answered at T by the first ``[[decision]]`` without ``at`` that
matches it (seat, decision, item, concerns, after, before). ``on_prompt`` acts once, at the
first prompt of that seat and kind to open (a bot's too). A prompt the script does not answer
stays open for the people in the room, or, headless, falls to its default at its deadline (an
absent player). An entry that cannot be applied when its time comes (an inject already
published, no such prompt open) is noted, not fatal: ``Session.script_notes``.
"""

from __future__ import annotations

import difflib
from datetime import datetime
from pathlib import Path

import attrs
from cattrs.errors import ClassValidationError, IterableValidationError

from wargame.engine.decisions import WHITE, Decision, DecisionError
from wargame.engine.standard import FREE_DECISIONS
from wargame.engine.whitecell import OVERRIDABLE, WHITE_KINDS, check_white
from wargame.model.checks import _unknown, script_problems
from wargame.model.clock import DAY, from_datetime
from wargame.model.scenario import PROMPTS, Scenario, ScriptedDecision
from wargame.model.scenario_files.scenarios import (
    LoadedScenario,
    Problem,
    ScenarioError,
    _parse,
    _read,
    bundled_dir,
)
from wargame.model.scenario_files.structure import CONVERTER, format_path, walk
from wargame.model.scenario_files.tomlmap import find_line, line_map

INJECT_ACTS = ("hold_inject", "publish_inject", "skip_inject", "restore_inject")


@attrs.frozen(kw_only=True)
class RoomDecision(ScriptedDecision):
    """A seat's decision in a room script: a decision-script entry, and optionally its instant."""

    at: datetime | None = attrs.field(
        default=None, metadata={"doc": "Take it at this instant (else: answer prompts as they open)."}
    )


@attrs.frozen(kw_only=True)
class PromptRef:
    """A prompt named by its seat and kind: ``{seat = "france", decision = "mobilise"}``."""

    seat: str
    decision: str


@attrs.frozen(kw_only=True)
class WhiteAct:
    """A white-cell act in a room script, at an instant or when a prompt opens."""

    act: str
    choice: str = ""  # the inject id, the ad hoc audience (seats or "all"), the override's path
    text: str = ""  # the ad hoc inject's words, the override's value
    reason: str = ""
    at: datetime | None = None
    on_prompt: PromptRef | None = None


@attrs.frozen(kw_only=True)
class ScriptAbout:
    """The optional [script] table: what the script plays, for the lobby and the facilitator."""

    title: str = ""
    description: str = ""


@attrs.frozen(kw_only=True)
class RoomFile:
    """The tables of a room-script file."""

    script: ScriptAbout = ScriptAbout()
    decision: tuple[RoomDecision, ...] = ()
    white: tuple[WhiteAct, ...] = ()


@attrs.frozen(kw_only=True)
class RoomScript:
    """A loaded, checked room script. ``where`` gives each entry's ``file:line: table[i]``."""

    path: str
    title: str
    description: str
    decisions: tuple[RoomDecision, ...]
    white: tuple[WhiteAct, ...]
    where: dict[tuple[str, int], str] = attrs.field(eq=False, repr=False)

    @property
    def seats(self) -> tuple[str, ...]:
        """The seats whose decisions it holds, in the order they first appear: human seats."""
        return tuple(dict.fromkeys(d.seat for d in self.decisions))


class RoomScriptError(ValueError):
    """A room script that cannot be used; one ``file:line: field: what is wrong`` a line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = tuple(problems)


def scripts_dir() -> Path:
    """Where the bundled room scripts are (``scenarios/scripts``, installed with the scenarios)."""
    return bundled_dir() / "scripts"


def bundled_scripts() -> list[Path]:
    return sorted(scripts_dir().glob("*.toml"))


def resolve_script(name_or_path: str) -> tuple[Path, str]:
    """The file of a bundled script's name or of a path, and the label its errors carry."""
    for path in bundled_scripts():
        if path.stem == name_or_path:
            return path, f"scenarios/scripts/{path.name}"
    candidate = Path(name_or_path)
    if candidate.is_file():
        return candidate, name_or_path
    names = [p.stem for p in bundled_scripts()]
    hint = difflib.get_close_matches(candidate.stem, names, n=1)
    tail = f"; did you mean {hint[0]!r}?" if hint else f"; bundled scripts: {', '.join(names)}"
    raise RoomScriptError([Problem(name_or_path, None, "", f"no room script file or bundled script{tail}")])


def room_seats(
    seat_ids: tuple[str, ...], given: list[str] | tuple[str, ...], script: RoomScript
) -> dict[str, str]:
    """Every seat's controller for a game played from ``script``: those ``given`` on the command
    line (``seat=controller``), the script's seats human, the rest the historical bot. A seat
    given a controller other than ``human`` that the script plays is an error naming both."""
    from wargame.session.seats import HUMAN, SeatError, assign_seats

    seats = assign_seats(seat_ids, given)
    for item in given:
        seat = item.partition("=")[0].strip().lower()
        if seat in script.seats and seats[seat] != HUMAN:
            raise SeatError(
                f"--seat {item} clashes with {script.path}, which plays {seat!r}; "
                f"drop --seat {seat} (a scripted seat is human)"
            )
    return {**seats, **dict.fromkeys(script.seats, HUMAN)}


def load_room_script(path: str | Path, scenario: Scenario | LoadedScenario) -> RoomScript:
    """Read and check a room script (a path, or a bundled script's name) for ``scenario``;
    raise :class:`RoomScriptError` if it cannot be used."""
    if isinstance(scenario, LoadedScenario):
        scenario = scenario.scenario
    file, label = resolve_script(str(path))
    try:
        text = _read(file, label)
        data = _parse(text, label)
    except ScenarioError as err:  # unreadable or not TOML: the same messages as for scenarios
        raise RoomScriptError(list(err.problems)) from None
    if not data.get("decision") and not data.get("white"):
        message = "the script holds no [[decision]] or [[white]] tables; nothing to play"
        raise RoomScriptError([Problem(label, None, "", message)])
    lines = line_map(text)

    def problem(p: tuple[str | int, ...], message: str) -> Problem:
        return Problem(label, find_line(lines, p), format_path(p), message)

    try:
        room = CONVERTER.structure(data, RoomFile)
    except (ClassValidationError, IterableValidationError) as err:
        found = sorted((problem(p, m) for p, m in walk(err, ())), key=lambda q: q.line or 0)
        raise RoomScriptError(found) from None
    found = sorted((problem(p, m) for p, m in _problems(room, scenario)), key=lambda q: q.line or 0)
    if found:
        raise RoomScriptError(found)
    where = {
        (table, i): f"{label}:{find_line(lines, (table, i))}: {table}[{i}]"
        for table, entries in (("decision", room.decision), ("white", room.white))
        for i in range(len(entries))
    }
    return RoomScript(
        path=label,
        title=room.script.title,
        description=room.script.description,
        decisions=room.decision,
        white=room.white,
        where=where,
    )


def _problems(room: RoomFile, scenario: Scenario) -> list[tuple[tuple[str | int, ...], str]]:
    """What is wrong with a structured room script against its scenario, each at its path."""
    out: list[tuple[tuple[str | int, ...], str]] = []
    actors, seats = scenario.actor_ids, scenario.seat_ids
    start = scenario.scenario.start
    horizon = scenario.scenario.horizon_days * DAY

    def check_at(path: tuple[str | int, ...], at: datetime | None) -> None:
        if at is not None and not 0 <= from_datetime(start, at) < horizon:
            out.append(((*path, "at"), f"{at.isoformat()} is outside the game ({start.isoformat()} on)"))

    free = _seat_free_decisions()
    for i, d in enumerate(room.decision):
        path: tuple[str | int, ...] = ("decision", i)
        if d.seat not in seats:
            out.append(((*path, "seat"), _unknown("seat", d.seat, seats)))
        check_at(path, d.at)
        if d.when:  # a room script is played against the clock and the prompts, not conditions
            out.append(((*path, "when"), "a room script does not read 'when': give 'at', or none"))
        out.extend(((*path, *p[1:]), m) for p, m in _decision_problems(d, free))
        detail = [(p, m) for p, m in script_problems([d], actors) if p[1] in ("item", "concerns", "before")]
        out.extend(((*path, *p[1:]), m) for p, m in detail)
    injects = [i.id for i in scenario.injects]
    for i, w in enumerate(room.white):
        path = ("white", i)
        if w.act not in WHITE_KINDS:
            out.append(((*path, "act"), _unknown("white-cell act", w.act, WHITE_KINDS)))
            continue
        if (w.at is None) == (w.on_prompt is None):
            out.append((path, "give either 'at' (an instant) or 'on_prompt' (when a prompt opens)"))
        check_at(path, w.at)
        if w.on_prompt is not None:
            if w.on_prompt.seat not in actors:
                out.append(((*path, "on_prompt", "seat"), _unknown("actor", w.on_prompt.seat, actors)))
            if w.on_prompt.decision not in PROMPTS:
                out.append(
                    ((*path, "on_prompt", "decision"), _unknown("prompt", w.on_prompt.decision, PROMPTS))
                )
        if w.act in INJECT_ACTS and w.choice not in injects:
            out.append(((*path, "choice"), _unknown("inject", w.choice, injects)))
        if w.act == "adhoc_inject":
            for who in (a.strip() for a in w.choice.split(",")):
                if who != "all" and who not in actors:
                    out.append(((*path, "choice"), _unknown("audience", who, ["all", *actors])))
        if w.act == "override" and not _overridable(w.choice, scenario):
            paths = [
                f"front.{f.id}.{x}" for f in scenario.fronts for x in sorted(OVERRIDABLE - {"divisions"})
            ]
            paths += [f"actor.{a}.divisions" for a in actors]
            out.append(((*path, "choice"), _unknown("override path", w.choice, paths)))
        try:
            check_white(Decision(seat=WHITE, kind=w.act, choice=w.choice, reason=w.reason, text=w.text))
        except DecisionError as err:
            out.append(((*path, "text" if w.act != "override" or w.reason else "reason"), str(err)))
    return out


def _seat_free_decisions() -> dict[str, tuple[str, ...]]:
    """The free decisions a seat may take (``convene_council``, ...), each with its options."""
    return {k: d.options for k, d in FREE_DECISIONS.items() if not d.white}


def _decision_problems(
    d: RoomDecision, free: dict[str, tuple[str, ...]]
) -> list[tuple[tuple[str | int, ...], str]]:
    """A seat's entry: without ``at`` it answers prompts of its kind as they open; with ``at`` it
    answers a prompt open then, or takes a free decision (``convene_council``, ``share_report``)."""
    if d.at is None:
        if d.decision not in PROMPTS:
            hint = " (a free decision needs 'at')" if d.decision in free else ""
            return [((0, "decision"), _unknown("prompt", d.decision, [*PROMPTS, *free]) + hint)]
        options = PROMPTS[d.decision]
    else:
        if d.decision not in PROMPTS and d.decision not in free:
            return [((0, "decision"), _unknown("decision", d.decision, [*PROMPTS, *free]))]
        options = PROMPTS.get(d.decision, ()) + free.get(d.decision, ())
        if d.decision in free and not free[d.decision]:
            options = ()  # no fixed options (share_report: a report's origin): the game judges
        extra = [k for k in ("after", "before") if getattr(d, k) is not None]
        if extra:
            return [((0, extra[0]), "an entry with 'at' has its own instant; drop 'after' and 'before'")]
    if options and d.choice not in options:
        return [((0, "choice"), _unknown(f"option of {d.decision}", d.choice, options))]
    return []


def _overridable(choice: str, scenario: Scenario) -> bool:
    parts = choice.split(".")
    if len(parts) != 3 or parts[2] not in OVERRIDABLE:
        return False
    scope, key, field = parts
    if scope == "front":
        return field != "divisions" and key in {f.id for f in scenario.fronts}
    return scope == "actor" and field == "divisions" and key in scenario.actor_ids
