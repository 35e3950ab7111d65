"""The journal's header: its first line, everything a replay needs to rebuild the game.

It names the file as a wargame journal of a format, the engine that wrote it (recorded beside
the integrity chain, not in it: see :mod:`.chain`, and the version policy in :mod:`.verify`),
the scenario (its name, where it was loaded from, and the SHA-256 of its file, so a changed
scenario is caught before a replay), the seed, who played each seat, the ``--set`` overrides in order, and the
start. :meth:`Header.line` writes it; :func:`parse_header` reads and checks it, and every check
of a header is here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from wargame import __version__
from wargame.engine.journal import canonical, dumps
from wargame.session.seats import SeatError, normalise_controller

if TYPE_CHECKING:
    from wargame.model.scenario_files.scenarios import LoadedScenario

JOURNAL_FORMAT = 2
"""The format this engine writes; a change to the header, the event lines or the chain bumps it.
Format 2 leaves the engine's version out of the integrity chain (:mod:`.chain`)."""

READ_FORMATS = (1, 2)
"""The formats this engine reads, resumes and verifies (format 1: the chain holds the version)."""


VERSION = re.compile(r"[0-9A-Za-z.+-]{1,40}")
"""What an engine version looks like (the header's ``engine`` is outside the chain, and printed)."""


class HeaderError(ValueError):
    """A first line that is not a usable header; the message says why (without the file's name)."""


@attrs.frozen
class ScenarioRef:
    """Which scenario a journal was played on."""

    name: str = attrs.field(metadata={"meaning": "the scenario's name"})
    source: str = attrs.field(metadata={"meaning": "the bundled name or the path it was loaded from"})
    sha256: str = attrs.field(metadata={"meaning": "the SHA-256 of its file, before overrides (hex)"})


@attrs.frozen
class Header:
    """A journal's first line (see the module docstring)."""

    scenario: ScenarioRef = attrs.field(metadata={"meaning": "the scenario"})
    seed: int = attrs.field(metadata={"meaning": "the game's seed (>= 0)"})
    seats: Mapping[str, str] = attrs.field(
        metadata={
            "meaning": "who played each seat (a controller: human, bot:DOCTRINE, script:...)",
            "keys": ("seat",),
        }
    )
    overrides: tuple[str, ...] = attrs.field(
        metadata={"meaning": "the `--set KEY=VALUE` overrides, in the order applied"}
    )
    start: str | None = attrs.field(
        default=None, metadata={"meaning": "the scenario's start, to the minute (ISO 8601)"}
    )
    engine: str = attrs.field(
        default=__version__, metadata={"meaning": "the version of wargame that wrote it"}
    )
    format: int = attrs.field(default=JOURNAL_FORMAT, metadata={"meaning": "the journal's format"})
    journal: str = attrs.field(default="wargame", metadata={"meaning": "always `wargame`: what the file is"})

    @classmethod
    def of(cls, loaded: LoadedScenario, seed: int, seats: Mapping[str, str]) -> Header:
        """The header of a new game of ``loaded`` with ``seed`` and ``seats``."""
        return cls(
            scenario=ScenarioRef(name=loaded.name, source=loaded.source, sha256=loaded.digest),
            seed=seed,
            seats=dict(sorted(seats.items())),
            overrides=loaded.overrides,
            start=canonical(loaded.scenario.scenario.start),
            engine=__version__,  # read now: the version that writes it
        )

    def to_json(self) -> dict[str, Any]:
        """The header as a JSON object (``start`` left out if it was not recorded)."""
        out = attrs.asdict(self, recurse=True)
        out["overrides"] = list(self.overrides)
        out["seats"] = dict(self.seats)
        if self.start is None:
            del out["start"]
        return out

    def line(self) -> str:
        """The header's line in the file: canonical JSON, keys sorted."""
        return dumps(self.to_json())

    @classmethod
    def from_json(cls, head: Mapping[str, Any]) -> Header:
        """The header of a JSON object, checked field by field (raises :class:`HeaderError`)."""
        if head.get("journal") != "wargame":
            raise HeaderError("not a wargame journal (no wargame header)")
        fmt = head.get("format")
        if isinstance(fmt, bool) or fmt not in READ_FORMATS:
            raise HeaderError(
                f"journal format {fmt!r} is not supported "
                f"(this is wargame {__version__}, which reads formats "
                f"{', '.join(map(str, READ_FORMATS))})"
            )
        problem = _problem(head)
        if problem:
            raise HeaderError(f"the header is damaged: {problem}")
        ref = head["scenario"]
        return cls(
            scenario=ScenarioRef(name=ref["name"], source=ref["source"], sha256=ref["sha256"]),
            seed=head["seed"],
            seats=head["seats"],
            overrides=tuple(head["overrides"]),
            start=head.get("start"),
            engine=head["engine"],
            format=head["format"],
        )


def parse_header(line: str) -> Header:
    """Read and check a journal's first line: JSON, a wargame header of this format, its fields
    sound, and canonical (as the engine writes it, so an edit shows)."""
    try:
        head = json.loads(line)
    except json.JSONDecodeError:
        raise HeaderError("not a wargame journal (the first line is not a JSON header)") from None
    if not isinstance(head, dict):
        raise HeaderError("not a wargame journal (no wargame header)")
    header = Header.from_json(head)
    try:
        written = dumps(head)
    except (TypeError, ValueError):
        written = None
    if written != line:
        raise HeaderError("the header has been edited")
    return header


def _problem(head: Mapping[str, Any]) -> str | None:
    """What is wrong with a header's fields, if anything."""
    for key in ("engine", "scenario", "seed", "seats", "overrides"):
        if key not in head:
            return f"it lacks {key!r}"
    ref, seats, overrides = head["scenario"], head["seats"], head["overrides"]
    if not isinstance(ref, dict) or not all(
        isinstance(ref.get(k), str) for k in ("name", "source", "sha256")
    ):
        return "'scenario' must name the scenario, its source and its content hash"
    seed = head["seed"]
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        return f"'seed' must be a whole number >= 0, not {seed!r}"
    if not isinstance(seats, dict) or not all(isinstance(v, str) for v in seats.values()):
        return "'seats' must map seats to controllers"
    for seat, controller in seats.items():
        try:
            if normalise_controller(controller) != controller:
                raise SeatError(controller)
        except SeatError:
            return f"seat {seat!r} has an unknown controller {controller!r}"
    if not isinstance(overrides, list) or not all(isinstance(o, str) for o in overrides):
        return "'overrides' must be a list of KEY=VALUE texts"
    if not isinstance(head["engine"], str) or not VERSION.fullmatch(head["engine"]):
        return (
            "'engine' must be the version that wrote it, as text "
            "(like 0.1.0: at most 40 letters, digits, '.', '+' and '-')"
        )
    if not isinstance(head.get("start", ""), str):
        return "'start' must be an instant as text"
    return None
