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

import copy
import difflib
import hashlib
import math
import re
import tomllib
import typing
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
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
        # A problem with the file as a whole (unreadable, not TOML, not found) has no path.
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


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
    """Where the bundled scenarios are: the installed ``wargame.scenarios`` package, or, when the
    package is imported from a source checkout, the repository's ``scenarios/`` folder."""
    try:
        return Path(str(resources.files("wargame.scenarios")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "scenarios"


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
    if candidate.is_dir():
        message = "this is a directory; expected a scenario file (.toml) or a bundled scenario name"
        raise ScenarioError([Problem(name_or_path, None, "", message)])
    names = [p.stem for p in bundled()]
    if _looks_like_path(name_or_path):
        message = "no such file"
        try:
            siblings = [p.name for p in candidate.parent.glob("*.toml")]
        except OSError:
            siblings = []
        hint = difflib.get_close_matches(candidate.name, siblings, n=1) or difflib.get_close_matches(
            candidate.stem, names, n=1
        )
        message += f"; did you mean {hint[0]!r}?" if hint else ""
        raise ScenarioError([Problem(name_or_path, None, "", message)])
    hint = difflib.get_close_matches(name_or_path, names, n=1)
    message = f"no bundled scenario or file named {name_or_path!r}"
    message += f"; did you mean {hint[0]!r}?" if hint else f"; bundled: {', '.join(names)}"
    raise ScenarioError([Problem(name_or_path, None, "", message)])


def _looks_like_path(text: str) -> bool:
    return "/" in text or "\\" in text or text.endswith(".toml")


# -- structuring ----------------------------------------------------------------------------


def describe(value: Any) -> str:
    """``value`` as a scenario author wrote it (TOML spelling), short enough for one message line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, str) and len(value) > 60:
        return repr(value[:57] + "...")
    return repr(value)


class MissingField(KeyError):
    """A required key absent from its table."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _strict(expected: str, ok: type | tuple[type, ...], cast: type) -> Any:
    def hook(value: Any, _type: Any) -> Any:
        if (isinstance(value, bool) and cast is not bool) or not isinstance(value, ok):
            raise TypeError(f"expected {expected}, got {describe(value)}")
        return cast(value)

    return hook


_DATETIME_EXAMPLE = "a date and time such as 1939-09-01T04:45:00"


def _datetime(value: Any, _type: Any) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise TypeError(f"expected {_DATETIME_EXAMPLE}, got {describe(value)}") from None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise TypeError(
                f"expected {_DATETIME_EXAMPLE}, in local time without a time zone, got {describe(value)}"
            )
        return value
    if isinstance(value, date):
        raise TypeError(
            f"expected {_DATETIME_EXAMPLE}, got a date without a time of day ({describe(value)}); "
            f"write {value.isoformat()}T00:00:00"
        )
    if isinstance(value, time):
        raise TypeError(f"expected {_DATETIME_EXAMPLE}, got a time without a date ({describe(value)})")
    raise TypeError(f"expected {_DATETIME_EXAMPLE}, got {describe(value)}")


def _missing(a: attrs.Attribute) -> MissingField:
    t = a.type
    if attrs.has(t):
        return MissingField(f"the required table [{a.name}] is missing")
    args = typing.get_args(t)
    if typing.get_origin(t) is tuple and args and attrs.has(args[0]):
        return MissingField(f"the required list of [[{a.name}]] tables is missing")
    return MissingField(f"the required key {a.name!r} is missing")


def _converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_structure_hook(int, _strict("a whole number", int, int))
    conv.register_structure_hook(float, _strict("a number", (int, float), float))
    conv.register_structure_hook(bool, _strict("true or false", bool, bool))
    conv.register_structure_hook(str, _strict("a string", str, str))
    conv.register_structure_hook(datetime, _datetime)

    def tuple_hook(t: Any) -> Any:
        args = typing.get_args(t)
        item = args[0] if args else Any

        def structure(value: Any, _type: Any) -> Any:
            if isinstance(value, Mapping) and attrs.has(item):
                raise TypeError("expected a list of tables (a [[...]] header per entry), got a single table")
            if isinstance(value, str) and item is str:
                raise TypeError(f'expected a list, e.g. ["{value}"], got {describe(value)}')
            if not isinstance(value, list | tuple):
                raise TypeError(f"expected a list, got {describe(value)}")
            return conv._structure_tuple(value, t)

        return structure

    def attrs_hook(cl: Any) -> Any:
        # Unlike cattrs' own, this runs every field's range/choice check even when another field
        # of the same table is wrong, so that every problem is reported at once.
        attrs.resolve_types(cl)
        fields = attrs.fields(cl)
        names = {a.name for a in fields}

        def structure(value: Any, _type: Any) -> Any:
            if not isinstance(value, Mapping):
                raise TypeError(f"expected a table, got {describe(value)}")
            errors: list[Exception] = []
            kwargs: dict[str, Any] = {}
            for a in fields:
                if a.name not in value:
                    if a.default is attrs.NOTHING:
                        errors.append(_noted(_missing(a), cl, a))
                    continue
                try:
                    item = conv.structure(value[a.name], a.type)
                except Exception as err:
                    errors.append(_noted(err, cl, a))
                    continue
                try:
                    for check in _validators(a):
                        check(None, a, item)
                except FieldError as err:
                    # It names its field itself; show the value as written (2, not 2.0).
                    errors.append(FieldError(err.field, err.expected, value[a.name]))
                    continue
                kwargs[a.name] = item
            extra = {str(k) for k in value} - names
            if extra:
                errors.append(ForbiddenExtraKeysError(None, cl, extra))
            if errors:
                raise ClassValidationError(f"While structuring {cl.__name__}", errors, cl)
            return cl(**kwargs)

        return structure

    conv.register_structure_hook_factory(lambda t: typing.get_origin(t) is tuple, tuple_hook)
    conv.register_structure_hook_factory(attrs.has, attrs_hook)
    return conv


def _validators(a: attrs.Attribute) -> list[Any]:
    v = a.validator
    if v is None:
        return []
    return list(v) if isinstance(v, list | tuple) else [v]


def _noted(err: Exception, cl: type, a: attrs.Attribute) -> Exception:
    note = f"Structuring class {cl.__qualname__} @ attribute {a.name}"
    err.add_note(AttributeValidationNote(note, a.name, a.type))
    return err


CONVERTER = _converter()


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
    elif isinstance(exc, MissingField):
        yield path, exc.message
    elif isinstance(exc, KeyError):
        yield path, "required field is missing"
    else:
        yield path, str(exc) or type(exc).__name__


def format_path(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _unhashable(value: Any, path: tuple[str | int, ...] = ()) -> Iterable[tuple[tuple[str | int, ...], str]]:
    """Values the content hash cannot take (TOML dates and times alone, nan and inf)."""
    if isinstance(value, Mapping):
        for k, v in value.items():
            yield from _unhashable(v, (*path, str(k)))
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from _unhashable(v, (*path, i))
    elif isinstance(value, float) and not math.isfinite(value):
        yield path, f"expected a finite number, got {describe(value)}"
    elif isinstance(value, date | time) and not isinstance(value, datetime):
        yield path, f"expected {_DATETIME_EXAMPLE}, got {describe(value)}"


# -- overrides ------------------------------------------------------------------------------


def parse_override(text: str) -> tuple[str, Any]:
    """``path.to.field=value`` as (path, value); the value is read as TOML, else as a string."""
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ValueError(f"expected KEY=VALUE (e.g. fronts.west.fortification=2), got {text!r}")
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


def _no_element(items: list[Any], segment: str, where: str) -> str:
    if not items:
        return f"no element {segment!r} in {where}: it is empty"
    ids = [str(i.get("id", i.get("actor", k))) for k, i in enumerate(items) if isinstance(i, dict)]
    if not ids:
        return f"no element {segment!r} in {where}; use an index from 0 to {len(items) - 1}"
    hint = difflib.get_close_matches(segment, ids, n=1)
    return f"no element {segment!r} in {where}" + (
        f"; did you mean {hint[0]!r}?" if hint else f"; elements: {', '.join(ids)}"
    )


def _apply(
    data: dict[str, Any], key: str, value: Any
) -> tuple[tuple[str | int, ...], tuple[str | int, ...] | None]:
    """Set ``key`` in ``data``; the path set, and the path of the first table key it created."""
    node: Any = data
    path: list[str | int] = []
    created: tuple[str | int, ...] | None = None
    segments = [s.strip() for s in key.split(".")]
    if not all(segments):
        raise KeyError(f"{key!r} has an empty part; expected a dotted path such as fronts.west.fortification")
    for n, segment in enumerate(segments):
        last = n == len(segments) - 1
        if isinstance(node, list):
            index = _element(node, segment)
            if index is None:
                raise KeyError(_no_element(node, segment, format_path(path)))
            path.append(index)
            if last:
                node[index] = value
            else:
                node = node[index]
        elif isinstance(node, dict):
            path.append(segment)
            if created is None and segment not in node:
                created = tuple(path)  # an unknown key is reported by structuring, with a hint
            if last:
                node[segment] = value
            else:
                node = node.setdefault(segment, {})
        else:
            raise KeyError(f"{format_path(path)} is a value, not a table: cannot set {key!r}")
    return tuple(path), created


def apply_override(data: dict[str, Any], key: str, value: Any) -> tuple[str | int, ...]:
    """Set ``key`` (dotted; list elements by index or by ``id``/``actor``) in raw scenario data."""
    return _apply(data, key, value)[0]


# -- loading --------------------------------------------------------------------------------

_TOML_WHERE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def _read(path: Path, label: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as err:
        message = f"cannot read the file: {err.strerror or err}"
        raise ScenarioError([Problem(label, None, "", message)]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        message = f"not UTF-8 text (byte 0x{raw[err.start]:02x} cannot be read); save the file as UTF-8"
        raise ScenarioError([Problem(label, line, "", message)]) from None


def _parse(text: str, label: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err.args[0]) if err.args else str(err)
        where = _TOML_WHERE.search(message)
        line: int | None = getattr(err, "lineno", None)
        if where:
            message = message[: where.start()]
            if where.group(1):
                line = line or int(where.group(1))
                message += f" at column {where.group(2)}"
            else:
                line = line or max(1, len(text.splitlines()))
                message += " at the end of the file (is a bracket or quote left open?)"
        message = message[:1].lower() + message[1:]
        raise ScenarioError([Problem(label, line, "", f"not valid TOML: {message}")]) from None


def _in_order(problems: Iterable[Problem]) -> list[Problem]:
    """``--set`` problems first, then the file's in order of line."""
    return sorted(problems, key=lambda p: (p.file != "--set", p.line or 0))


def load(name_or_path: str, overrides: Sequence[str] | Mapping[str, Any] = ()) -> LoadedScenario:
    """Load, override, structure and check a scenario; raise :class:`ScenarioError` if unusable."""
    path, source = resolve(name_or_path)
    label = str(path) if source != path.stem else f"scenarios/{path.name}"
    text = _read(path, label)
    data = _parse(text, label)
    if not data:
        message = "the file is empty; a scenario needs at least [scenario], [[actors]] and [aggressor]"
        raise ScenarioError([Problem(label, None, "", message)])
    original = copy.deepcopy(data)
    problems: list[Problem] = []
    items: list[tuple[str, Any]] = []
    override_paths: dict[tuple[str | int, ...], str] = {}
    created: dict[tuple[str | int, ...], str] = {}
    for given in overrides.items() if isinstance(overrides, Mapping) else overrides:
        try:
            key, value = given if isinstance(given, tuple) else parse_override(given)
        except ValueError as err:
            problems.append(Problem("--set", None, "", str(err)))
            continue
        items.append((key, value))
        try:
            opath, new = _apply(data, key, value)
        except KeyError as err:
            problems.append(Problem("--set", None, key, err.args[0]))
            continue
        override_paths[opath] = key
        if new is not None:
            created[new] = key
    if problems:
        raise ScenarioError(problems)
    lines = line_map(text)

    def problem(p: tuple[str | int, ...], message: str) -> Problem:
        # Under a path an override set, or at a key it created (reported as unknown): its doing.
        for opath, key in (*override_paths.items(), *created.items()):
            if p[: len(opath)] == opath:
                return Problem("--set", None, format_path(p), f"{message} (from --set {key})")
        return Problem(label, find_line(lines, p), format_path(p), message)

    try:
        scenario = CONVERTER.structure(data, Scenario)
    except (ClassValidationError, IterableValidationError) as err:
        raise ScenarioError(_in_order(problem(p, m) for p, m in _walk(err, ()))) from None
    refs = [problem(p, m) for p, m in reference_problems(scenario)]
    if refs:
        raise ScenarioError(_in_order(refs))
    try:
        digest = hashlib.sha256(dumps(original).encode("utf-8")).hexdigest()
    except (TypeError, ValueError) as err:
        # Only a value the file gets wrong but --set replaces can reach here.
        found = [Problem(label, find_line(lines, p), format_path(p), m) for p, m in _unhashable(original)]
        raise ScenarioError(found or [Problem(label, None, "", f"cannot hash the file: {err}")]) from None
    return LoadedScenario(scenario=scenario, source=source, digest=digest, overrides=dict(items))
