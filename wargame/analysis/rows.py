"""A batch's rows: one typed :class:`Row` per game, and the flat columns it is written as.

A row is the run's index and seed, its :class:`~wargame.engine.outcome_types.Outcome` (or the
error that stopped it). Written out (CSV, JSON Lines), a row is flat: the outcome's nested
measures become dotted columns, ``guarantors.france.war_declared_after_days``, one per key
present in the game, and a measure that did not happen (``None``) is an empty CSV cell or a JSON
``null``. The columns come from the classes (:func:`flatten` over :meth:`Outcome.to_json`), in
the order of :func:`column_order`: the row's fields before the outcome, the measures sorted, and
the fields after it.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from wargame.engine.outcome_types import RECORDS, Json, Outcome, current_name

Cell = bool | int | float | str | None
"""One column's value in a written row."""


@attrs.frozen
class Row:
    """One game of a batch: run ``run`` played with seed ``seed``; its outcome, or its error."""

    run: int = attrs.field(metadata={"meaning": "the run's index in its batch (0, 1, ...)"})
    seed: int = attrs.field(
        metadata={"meaning": "its seed: `wargame run SCENARIO --seed SEED` plays it again"}
    )
    outcome: Outcome | None = attrs.field(metadata={"meaning": "its measures (None if it failed)"})
    error: str = attrs.field(
        default="", metadata={"meaning": "why it failed, as `Type: message` (empty: it did not)"}
    )

    def columns(self) -> dict[str, Cell]:
        """The row as flat columns (a failed run has only ``run``, ``seed`` and ``error``)."""
        measures = flatten(self.outcome.to_json()) if self.outcome is not None else {}
        return {"run": self.run, "seed": self.seed, **measures, "error": self.error}

    @classmethod
    def from_columns(cls, columns: Mapping[str, Any]) -> Row:
        """The row :meth:`columns` wrote (as JSON Lines read it back)."""
        rest = {current_name(k): v for k, v in columns.items() if k not in ("run", "seed", "error")}
        outcome = Outcome.from_json(unflatten(rest)) if rest else None
        return cls(int(columns["run"]), int(columns["seed"]), outcome, str(columns.get("error", "")))


HEAD = tuple(f.name for f in attrs.fields(Row)[: attrs.fields(Row).index(attrs.fields(Row).outcome)])
"""The columns before the measures (``run``, ``seed``)."""
TAIL = tuple(f.name for f in attrs.fields(Row)[attrs.fields(Row).index(attrs.fields(Row).outcome) + 1 :])
"""The columns after the measures (``error``)."""


def flatten(summary: Mapping[str, Any], prefix: str = "") -> dict[str, Cell]:
    """Nested measures as flat columns: ``guarantors.france.war_declared_after_days``."""
    out: dict[str, Cell] = {}
    for key, value in summary.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, f"{name}."))
        elif isinstance(value, list):
            out[name] = json.dumps(value, sort_keys=True)
        else:
            out[name] = value
    return out


def unflatten(columns: Mapping[str, Any]) -> Json:
    """The nested measures of flat columns, by the outcome's schema: a map's column is its field,
    then one key per level, then a record's measure (ids have no dots; the last level of
    ``estimate_error_at_invasion``, a subject such as ``forces.west``, may). Maps that had no key
    in the game come back empty."""
    out: Json = {}
    for f in attrs.fields(Outcome):
        keys = f.metadata["keys"]
        if not keys:
            if f.name in columns:
                out[f.name] = columns[f.name]
            continue
        nested: Json = {}
        for name, value in columns.items():
            if not name.startswith(f"{f.name}."):
                continue
            path = name[len(f.name) + 1 :]
            if len(keys) == 2 or f.name in RECORDS:  # ids have no dots: the first one splits
                key, inner = path.split(".", 1)
                nested.setdefault(key, {})[inner] = value
            else:
                nested[path] = value
        out[f.name] = nested
    return out


def words_of(column: str) -> tuple[str, ...]:
    """The words a measure's column can take, if its type is a set of words (a ``Literal``, such
    as ``guarantee_honoured`` or ``guarantees_honoured.<guarantee>``); empty otherwise. A batch
    gives each word a share, 0 included, so every cell of an experiment has the same rows."""
    hints = typing.get_type_hints(Outcome)
    kind = hints.get(column.split(".", 1)[0])
    while typing.get_origin(kind) in (Mapping, dict) and "." in column:
        kind, column = typing.get_args(kind)[-1], column.split(".", 1)[1]
    if typing.get_origin(kind) is not typing.Literal:
        return ()
    return tuple(str(word) for word in typing.get_args(kind))


def column_order(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """The columns of written rows: :data:`HEAD`, every other column sorted, :data:`TAIL` (each
    only if some row has it, so an experiment's summary rows are written the same way)."""
    rows = list(rows)
    present = {k for r in rows for k in r}
    middle = sorted(present - set(HEAD) - set(TAIL))
    return [c for c in HEAD if c in present] + middle + [c for c in TAIL if c in present]
