"""Finding, loading and checking scenario files.

A scenario is a TOML file, bundled (``scenarios/*.toml``, addressed by name) or anywhere on
disk (addressed by path). :func:`load` parses it, applies ``--set`` overrides to the raw data,
structures it into :class:`~wargame.model.scenario.Scenario` with cattrs and checks cross
references. Every problem becomes a :class:`Problem` naming the file, the line where one can be
found, the field path and what was expected; they are raised together as
:class:`ScenarioError`.

A scenario's identity is its name plus a **content hash**: SHA-256 of the canonical JSON of the
parsed file (before overrides), with every number and time exactly as written. Comments and
layout do not change it; any value does.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
from cattrs.errors import (
    ClassValidationError,
    IterableValidationError,
)

from wargame.model.checks import reference_problems
from wargame.model.scenario import Scenario
from wargame.model.scenario_files.overrides import format_override, parse_override, set_value
from wargame.model.scenario_files.structure import CONVERTER, format_path, walk
from wargame.model.scenario_files.tomlmap import dotted_key_line, find_line, line_map


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
    overrides: tuple[str, ...] = ()  # the ``KEY=VALUE`` overrides applied, in order, exactly as given

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
        return checkout_dir()


def checkout_dir() -> Path:
    """The repository's ``scenarios/`` folder, for a package imported from a source checkout
    (this file is ``wargame/model/scenario_files/scenarios.py``: three folders below the top)."""
    return Path(__file__).resolve().parents[3] / "scenarios"


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


# -- loading --------------------------------------------------------------------------------

_TOML_WHERE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def read_source(name_or_path: str) -> tuple[Path, str]:
    """The file for a bundled name or a path, and its text (:class:`ScenarioError` if unreadable)."""
    path, _ = resolve(name_or_path)
    return path, _read(path, str(path))


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


MAX_FILE_CHARS = 2_000_000  # the bundled scenarios are under 30,000
MAX_LINE_CHARS = 20_000
MAX_KEY_DOTS = 100  # per line: the TOML parser is quadratic in a dotted key's parts
MAX_DEPTH = 32  # tables and lists within one another; the bundled scenarios go 4 deep


def _bounds(text: str, label: str) -> None:
    """Refuse, before parsing, a text too large or too deep for any scenario (the TOML parser
    would take minutes or overflow the stack on it)."""
    if len(text) > MAX_FILE_CHARS:
        message = (
            f"the file is too large for a scenario ({len(text):,} characters; at most {MAX_FILE_CHARS:,})"
        )
        raise ScenarioError([Problem(label, None, "", message)])
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_LINE_CHARS:
            message = f"the line is too long ({len(line):,} characters; at most {MAX_LINE_CHARS:,})"
            raise ScenarioError([Problem(label, number, "", message)])
    number_ = dotted_key_line(text, MAX_KEY_DOTS)
    if number_ is not None:
        message = f"a key or header with more than {MAX_KEY_DOTS} dotted parts"
        raise ScenarioError([Problem(label, number_, "", message)])


def _too_deep(data: Any) -> bool:
    """Whether ``data`` nests tables and lists more than :data:`MAX_DEPTH` deep (iteratively)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return False


_DEEP = f"tables and lists nested more than {MAX_DEPTH} deep; no scenario needs that"


def parse(text: str, label: str) -> dict[str, Any]:
    """Parse a scenario file's text (``label`` names it in problems), within the bounds above."""
    return _parse(text, label)


def _parse(text: str, label: str) -> dict[str, Any]:
    _bounds(text, label)
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise ScenarioError([Problem(label, None, "", _DEEP)]) from None
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
    if _too_deep(data):
        raise ScenarioError([Problem(label, None, "", _DEEP)])
    return data


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
    texts: list[str] = []
    override_paths: dict[tuple[str | int, ...], str] = {}
    created: dict[tuple[str | int, ...], str] = {}
    for given in overrides.items() if isinstance(overrides, Mapping) else overrides:
        try:
            key, value = given if isinstance(given, tuple) else parse_override(given)
        except ValueError as err:
            problems.append(Problem("--set", None, "", str(err)))
            continue
        texts.append(given if isinstance(given, str) else format_override(key, value))
        try:
            opath, new = set_value(data, key, value)
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
        raise ScenarioError(_in_order(problem(p, m) for p, m in walk(err, ()))) from None
    refs = [problem(p, m) for p, m in reference_problems(scenario)]
    if refs:
        raise ScenarioError(_in_order(refs))
    return LoadedScenario(
        scenario=scenario, source=source, digest=content_hash(original), overrides=tuple(texts)
    )


def warnings(loaded: LoadedScenario) -> list[Problem]:
    """Legal but suspicious content of a loaded scenario (see :mod:`wargame.model.lint`), each
    with the file and line where it can be found."""
    from wargame.model.lint import suspicious

    path, source = resolve(loaded.source)
    label = str(path) if source != path.stem else f"scenarios/{path.name}"
    text = _read(path, label)
    lines = line_map(text)
    out = [Problem(label, find_line(lines, p), format_path(p), m) for p, m in suspicious(loaded.scenario)]
    return out + migration_notices(label, text)


def migration_notices(label: str, text: str) -> list[Problem]:
    """What an older file needs to play as it did (:mod:`~wargame.model.scenario_files.migrate`),
    beyond the retired fields :mod:`wargame.model.lint` reports, each saying that
    ``wargame migrate`` does it (or that only the author can)."""
    from wargame.model.scenario_files.migrate import changes

    return [
        Problem(
            label,
            c.line,
            format_path(c.path),
            f"{c.what} ({c.why}); "
            + (f"`wargame migrate {label}` does it" if c.applies else "`wargame migrate` cannot keep it"),
        )
        for c in changes(text)
        if c.path[0] != "aggressor"  # the retired fields: lint's warnings name them (and migrate)
    ]


def content_hash(data: Mapping[str, Any]) -> str:
    """SHA-256 of the parsed file, exactly: every digit of every number, every second of every time."""
    text = json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=lambda v: v.isoformat()
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
