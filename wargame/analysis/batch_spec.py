"""What makes a batch the batch it is, so that ``--resume`` never mixes the rows of two batches.

A batch's rows depend on the scenario (its name and the content hash of its file), the
controller of every seat (``--seat``, the others the scenario's default), the ``--set``
overrides in order, the root seed (``--seed``) and the number of runs (``-n``). A cut batch's
partial file (:mod:`wargame.analysis.row_stream`) starts with these, as one JSON object — the
file stays JSON Lines — and ``--resume`` refuses a command that gives anything else, naming each
option that differs. The engine's version is recorded too; a different one is only a warning (a
patch release plays the same games; the rows would show it if it did not).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from wargame import __version__
from wargame.model.scenario_files.scenarios import LoadedScenario
from wargame.session.seats import assign_seats

MARK = "wargame batch"
"""The value of a partial file's header's ``batch`` key: what tells the header from a row."""


@attrs.frozen
class BatchSpec:
    """A batch's defining options (see the module docstring)."""

    scenario: str = attrs.field(metadata={"meaning": "the scenario's name"})
    sha256: str = attrs.field(metadata={"meaning": "the SHA-256 of its file, before overrides (hex)"})
    seats: Mapping[str, str] = attrs.field(metadata={"meaning": "every seat's controller", "keys": ("seat",)})
    overrides: tuple[str, ...] = attrs.field(metadata={"meaning": "the `--set` overrides, in order"})
    seed: int = attrs.field(metadata={"meaning": "the root seed"})
    runs: int = attrs.field(metadata={"meaning": "the number of runs (-n)"})
    engine: str = attrs.field(default=__version__, metadata={"meaning": "the wargame that played it"})

    @classmethod
    def of(cls, loaded: LoadedScenario, seats: Sequence[str], seed: int, runs: int) -> BatchSpec:
        """The batch of ``runs`` games of ``loaded`` with ``seats`` given and root seed ``seed``."""
        controllers = dict(sorted(assign_seats(loaded.scenario.seat_ids, seats).items()))
        return cls(loaded.name, loaded.digest, controllers, loaded.overrides, seed, runs)

    def to_json(self) -> dict[str, Any]:
        """The header line's object."""
        out = attrs.asdict(self)
        out["overrides"], out["seats"], out["batch"] = list(self.overrides), dict(self.seats), MARK
        return out

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> BatchSpec:
        """The spec of a header object (raises KeyError, TypeError or ValueError if it is not one)."""
        if obj.get("batch") != MARK:
            raise ValueError("not a batch header")
        seats, overrides = obj["seats"], obj["overrides"]
        if not isinstance(seats, dict) or not isinstance(overrides, list):
            raise TypeError("seats must be an object and overrides a list")
        for key in ("scenario", "sha256", "engine"):
            if not isinstance(obj[key], str):
                raise TypeError(f"{key} must be text")
        for key in ("seed", "runs"):
            if not isinstance(obj[key], int) or isinstance(obj[key], bool):
                raise TypeError(f"{key} must be a whole number")
        return cls(
            obj["scenario"],
            obj["sha256"],
            {str(k): str(v) for k, v in seats.items()},
            tuple(str(o) for o in overrides),
            obj["seed"],
            obj["runs"],
            obj["engine"],
        )


def is_header(obj: Any) -> bool:
    """Whether a partial file's JSON object is its header (rows have no ``batch`` key)."""
    return isinstance(obj, dict) and "batch" in obj


def differences(recorded: BatchSpec, given: BatchSpec) -> list[str]:
    """Each option by which the command ``given`` differs from the batch ``recorded`` (empty: the
    same batch), as "OPTION differs: the batch was run with ..., this command gives ..."."""

    def differs(option: str, then: str, now: str) -> str:
        return f"{option} differs: the batch was run with {then}, this command gives {now}"

    out = []
    if recorded.scenario != given.scenario:
        out.append(differs("the scenario", recorded.scenario, given.scenario))
    elif recorded.sha256 != given.sha256:
        out.append(
            f"the scenario {given.scenario} has changed since the batch was cut "
            f"(content hash {recorded.sha256[:12]}… then, {given.sha256[:12]}… now)"
        )
    if dict(recorded.seats) != dict(given.seats):
        seats = sorted(set(recorded.seats) | set(given.seats))
        changed = [s for s in seats if recorded.seats.get(s) != given.seats.get(s)]
        then = ", ".join(f"{s}={recorded.seats.get(s, '(none)')}" for s in changed)
        now = ", ".join(f"{s}={given.seats.get(s, '(none)')}" for s in changed)
        out.append(differs("--seat", then, now))
    if recorded.overrides != given.overrides:
        out.append(differs("--set", _sets(recorded.overrides), _sets(given.overrides)))
    if recorded.seed != given.seed:
        out.append(differs("--seed", f"--seed {recorded.seed}", f"--seed {given.seed}"))
    if recorded.runs != given.runs:
        out.append(differs("-n", f"-n {recorded.runs}", f"-n {given.runs}"))
    return out


def _sets(overrides: Sequence[str]) -> str:
    return " ".join(f"--set {o}" for o in overrides) if overrides else "no --set"
