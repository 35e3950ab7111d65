"""Finding, loading and checking scenario files.

A scenario is a TOML file, bundled (``scenarios/*.toml``, addressed by name) or anywhere on
disk (addressed by path). :func:`load` parses it, applies ``--set`` overrides to the raw data,
structures it into :class:`~wargame.model.scenario.Scenario` with cattrs and checks cross
references. Every problem becomes a :class:`Problem` naming the file, the line where one can be
found, the field path and what was expected; they are raised together as
:class:`ScenarioError`.

A scenario's identity is its name plus a **content hash**: SHA-256 of the canonical JSON of the
parsed file (before overrides). Comments and layout do not change it; any value does.
"""

from __future__ import annotations

import difflib
import hashlib
import tomllib
import typing
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from wargame.engine.journal import dumps
from wargame.model.checks import reference_problems
from wargame.model.fields import FieldError
from wargame.model.scenario import Scenario
from wargame.session.tomlmap import find_line, line_map


@attrs.frozen
class Problem:
    """One thing wrong with a scenario."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path or '(top level)'}: {self.message}"


class ScenarioError(Exception):
    """A scenario that cannot be used, with every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = tuple(problems)


@attrs.frozen
class LoadedScenario:
    """A scenario ready to play, with where it came from and how it was changed."""

    scenario: Scenario
    source: str  # the bundled name, or the path as given
    digest: str  # content hash of the file, before overrides
    overrides: Mapping[str, Any] = attrs.field(factory=dict)

    @property
    def name(self) -> str:
        return self.scenario.scenario.name


# -- finding --------------------------------------------------------------------------------


def bundled_dir() -> Path:
    return Path(str(resources.files("wargame.scenarios")))


def bundled() -> list[Path]:
    """Bundled scenario files, sorted by name."""
    return sorted(bundled_dir().glob("*.toml"))


def resolve(name_or_path: str) -> tuple[Path, str]:
    """The file for a bundled name or a path, and how a journal should name it."""
    for path in bundled():
        if path.stem == name_or_path:
            return path, name_or_path
    candidate = Path(name_or_path)
    if candidate.is_file():
        return candidate, name_or_path
    names = [p.stem for p in bundled()]
    hint = difflib.get_close_matches(name_or_path, names, n=1)
    message = f"no bundled scenario or file named {name_or_path!r}"
    message += f"; did you mean {hint[0]!r}?" if hint else f"; bundled: {', '.join(names)}"
    raise ScenarioError([Problem(name_or_path, None, "", message)])


# -- structuring ----------------------------------------------------------------------------


def _strict(expected: str, ok: type | tuple[type, ...], cast: type) -> Any:
    def hook(value: Any, _type: Any) -> Any:
        if (isinstance(value, bool) and cast is not bool) or not isinstance(value, ok):
            raise TypeError(f"expected {expected}, got {value!r}")
        return cast(value)

    return hook


def _datetime(value: Any, _type: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    raise TypeError(f"expected a date and time such as 1939-09-01T04:45:00, got {value!r}")


def _converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_structure_hook(int, _strict("a whole number", int, int))
    conv.register_structure_hook(float, _strict("a number", (int, float), float))
    conv.register_structure_hook(bool, _strict("true or false", bool, bool))
    conv.register_structure_hook(str, _strict("a string", str, str))
    conv.register_structure_hook(datetime, _datetime)

    def tuple_hook(t: Any) -> Any:
        def structure(value: Any, _type: Any) -> Any:
            if not isinstance(value, list | tuple):
                raise TypeError(f"expected a list, got {value!r}")
            return conv._structure_tuple(value, t)

        return structure

    conv.register_structure_hook_factory(lambda t: typing.get_origin(t) is tuple, tuple_hook)
    return conv


CONVERTER = _converter()


def _type_name(t: Any) -> str:
    return getattr(t, "__name__", None) or str(t).replace("typing.", "")


def _walk(exc: BaseException, path: tuple[str | int, ...]) -> Iterable[tuple[tuple[str | int, ...], str]]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        for sub in exc.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", []):
                if isinstance(note, AttributeValidationNote):
                    sub_path = (*path, note.name)
                elif isinstance(note, IterableValidationNote):
                    sub_path = (*path, note.index)
            yield from _walk(sub, sub_path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(exc.cl)]
        for key in sorted(exc.extra_fields):
            hint = difflib.get_close_matches(key, known, n=1)
            suffix = f"; did you mean {hint[0]!r}?" if hint else f"; known keys: {', '.join(known)}"
            yield (*path, key), f"unknown key {key!r}{suffix}"
    elif isinstance(exc, FieldError):
        yield (*path, exc.field), str(exc)
    elif isinstance(exc, KeyError):
        yield path, "required field is missing"
    else:
        yield path, str(exc) or type(exc).__name__


def format_path(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# -- overrides ------------------------------------------------------------------------------


def parse_override(text: str) -> tuple[str, Any]:
    """``path.to.field=value`` as (path, value); the value is read as TOML, else as a string."""
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ValueError(f"expected KEY=VALUE, got {text!r}")
    try:
        value = tomllib.loads(f"v = {raw.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()
    return key, value


def _element(items: list[Any], segment: str) -> int | None:
    if segment.isdigit():
        return int(segment) if int(segment) < len(items) else None
    for i, item in enumerate(items):
        if isinstance(item, dict) and segment in (item.get("id"), item.get("actor")):
            return i
    return None


def apply_override(data: dict[str, Any], key: str, value: Any) -> tuple[str | int, ...]:
    """Set ``key`` (dotted; list elements by index or by ``id``/``actor``) in raw scenario data."""
    node: Any = data
    path: list[str | int] = []
    segments = key.split(".")
    for n, segment in enumerate(segments):
        last = n == len(segments) - 1
        if isinstance(node, list):
            index = _element(node, segment)
            if index is None:
                ids = [str(i.get("id", i.get("actor", k))) for k, i in enumerate(node) if isinstance(i, dict)]
                hint = difflib.get_close_matches(segment, ids, n=1)
                raise KeyError(
                    f"no element {segment!r} in {format_path(path)}"
                    + (f"; did you mean {hint[0]!r}?" if hint else f"; elements: {', '.join(ids)}")
                )
            path.append(index)
            if last:
                node[index] = value
            else:
                node = node[index]
        elif isinstance(node, dict):
            path.append(segment)
            if last:
                node[segment] = value  # an unknown key is reported by structuring, with a hint
            else:
                node = node.setdefault(segment, {})
        else:
            raise KeyError(f"{format_path(path)} is a value, not a table: cannot set {key!r}")
    return tuple(path)


# -- loading --------------------------------------------------------------------------------


def load(name_or_path: str, overrides: Sequence[str] | Mapping[str, Any] = ()) -> LoadedScenario:
    """Load, override, structure and check a scenario; raise :class:`ScenarioError` if unusable."""
    path, source = resolve(name_or_path)
    label = str(path) if source != path.stem else f"scenarios/{path.name}"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ScenarioError([Problem(label, None, "", f"cannot read the file: {err}")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None)
        message = getattr(err, "msg", str(err))
        raise ScenarioError([Problem(label, line, "", f"not valid TOML: {message}")]) from None
    digest = hashlib.sha256(dumps(data).encode("utf-8")).hexdigest()
    items = list(overrides.items()) if isinstance(overrides, Mapping) else []
    problems: list[Problem] = []
    if not isinstance(overrides, Mapping):
        for text_override in overrides:
            try:
                items.append(parse_override(text_override))
            except ValueError as err:
                problems.append(Problem("--set", None, "", str(err)))
    override_paths: dict[tuple[str | int, ...], str] = {}
    for key, value in items:
        try:
            override_paths[apply_override(data, key, value)] = key
        except KeyError as err:
            problems.append(Problem("--set", None, key, err.args[0]))
    if problems:
        raise ScenarioError(problems)
    lines = line_map(text)

    def problem(p: tuple[str | int, ...], message: str) -> Problem:
        for opath, key in override_paths.items():
            if p[: len(opath)] == opath:
                return Problem("--set", None, format_path(p), f"{message} (from --set {key})")
        return Problem(label, find_line(lines, p), format_path(p), message)

    try:
        scenario = CONVERTER.structure(data, Scenario)
    except (ClassValidationError, IterableValidationError) as err:
        raise ScenarioError([problem(p, m) for p, m in _walk(err, ())]) from None
    refs = [problem(p, m) for p, m in reference_problems(scenario)]
    if refs:
        raise ScenarioError(refs)
    return LoadedScenario(scenario=scenario, source=source, digest=digest, overrides=dict(items))
