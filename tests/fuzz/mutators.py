"""Mutators for fuzzing: damaged copies of scenario files and journals, and a harness that runs
the CLI in-process on each and classifies the outcome (see ``tests/fuzz/run.py``)."""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import signal
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

EXTREMES = [
    "0",
    "-0",
    "-1",
    "1e-310",
    "5e-324",
    "1e308",
    "1e400",
    "-1e400",
    "inf",
    "-inf",
    "nan",
    "9223372036854775807",
    "-9223372036854775808",
    "99999999999999999999999",
    "0.0000001",
    "1e9",
    "1e10",
    "-1e-6",
    "true",
    '"x"',
    "[]",
    "{}",
    "1939-09-01",
    "00:00:00",
    "1939-09-01T00:00:00+05:00",
    "[" * 40 + "]" * 40,
    '"' + "x" * 1000 + '"',
    '""',
]
_NUMBER = re.compile(r"(?<![\w.])-?\d+(\.\d+)?([eE][-+]?\d+)?(?![\w.:-])")
_VALUE = re.compile(r"=\s*(.+)$")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def mutate_scenario(text: str, rng: random.Random) -> str:
    """One to three random edits of a TOML text: delete, duplicate, swap or truncate a line,
    replace a number by an extreme value, swap a value's type, or flip bytes."""
    for _ in range(rng.randint(1, 3)):
        text = rng.choice(_SCENARIO_EDITS)(text, rng)
    return text


def _delete_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def _duplicate_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    lines.insert(rng.randrange(len(lines) + 1), lines[i])
    return "\n".join(lines)


def _swap_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def _extreme_number(text: str, rng: random.Random) -> str:
    found = list(_NUMBER.finditer(text))
    if not found:
        return text
    m = rng.choice(found)
    return text[: m.start()] + rng.choice(EXTREMES) + text[m.end() :]


def _swap_value(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    candidates = [
        i for i, line in enumerate(lines) if _VALUE.search(line) and not line.lstrip().startswith("#")
    ]
    if not candidates:
        return text
    i = rng.choice(candidates)
    m = _VALUE.search(lines[i])
    assert m is not None
    lines[i] = lines[i][: m.start(1)] + rng.choice(EXTREMES)
    return "\n".join(lines)


def _truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(len(text) + 1)]


def _flip_bytes(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        if chars:
            chars[rng.randrange(len(chars))] = chr(
                rng.choice([0, 10, 34, 35, 39, 46, 61, 91, 93, 123, 125, 178, 0x2028, rng.randrange(32, 127)])
            )
    return "".join(chars)


def _rename_key(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if "=" in line and not line.lstrip().startswith("#")]
    if not candidates:
        return text
    i = rng.choice(candidates)
    key, _, value = lines[i].partition("=")
    new = rng.choice(["x", key.strip() + "_", "a." * rng.randint(1, 200) + "b", "²", '"' + key.strip() + '"'])
    lines[i] = new + " =" + value
    return "\n".join(lines)


_SCENARIO_EDITS: list[Callable[[str, random.Random], str]] = [
    _delete_line,
    _duplicate_line,
    _swap_lines,
    _extreme_number,
    _extreme_number,
    _swap_value,
    _truncate,
    _flip_bytes,
    _rename_key,
]


def mutate_journal(data: bytes, rng: random.Random) -> bytes:
    """One or two random edits of a journal: cut it anywhere, flip bytes, delete, duplicate or
    swap lines, or edit a JSON field of an event (to another type, an extreme, a deep nesting)."""
    for _ in range(rng.randint(1, 2)):
        data = rng.choice(_JOURNAL_EDITS)(data, rng)
    return data


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _line_edit(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    kind = rng.randrange(3)
    if kind == 0:
        del lines[i]
    elif kind == 1:
        lines.insert(j, lines[i])
    else:
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


_JSON_VALUES: list[object] = [
    None,
    True,
    0,
    -1,
    1e308,
    10**30,
    "",
    "x" * 10000,
    [],
    {},
    [[[[]]]],
    "1939-13-45T99:00:00",
    {"kind": "end"},
    float("nan"),
]


def _field_edit(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    try:
        obj = json.loads(lines[i])
    except ValueError:
        return data
    if not isinstance(obj, dict) or not obj:
        return data
    target = obj
    while True:  # descend into a random nested object now and then
        key = rng.choice(list(target))
        if isinstance(target[key], dict) and target[key] and rng.random() < 0.6:
            target = target[key]
            continue
        break
    roll = rng.random()
    if roll < 0.1:  # a line nested deep, balanced or not
        depth = rng.choice([100, 100_000])
        lines[i] = ("[" * depth + "]" * rng.choice([0, depth])).encode()
    elif roll < 0.2:
        del target[key]
    else:
        target[key] = rng.choice(_JSON_VALUES)
    if roll >= 0.1:
        lines[i] = json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()
    return b"\n".join(lines)


_JOURNAL_EDITS: list[Callable[[bytes, random.Random], bytes]] = [
    _cut,
    _flip,
    _line_edit,
    _field_edit,
    _field_edit,
]


# -- the harness ------------------------------------------------------------------------------


class Hang(Exception):
    """An input that the CLI did not finish within the time limit."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` in the main thread after ``seconds`` (SIGALRM; Unix only)."""

    def alarm(_signum: int, _frame: object) -> None:
        raise Hang

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def call_cli(argv: Sequence[str], seconds: float = 20.0) -> tuple[str, int | None, str]:
    """Run ``wargame ARGV`` in-process: ("ok", exit code, stderr), ("traceback", None, the
    traceback) or ("hang", None, "")."""
    from wargame.cli import main

    err = io.StringIO()
    try:
        with time_limit(seconds), contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            try:
                code = main(list(argv))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 2
    except Hang:
        return "hang", None, ""
    except BaseException:
        return "traceback", None, traceback.format_exc()
    if "Traceback" in err.getvalue():
        return "traceback", code, err.getvalue()
    return "ok", code, err.getvalue()


def check_scenario(path: Path, seconds: float = 20.0) -> list[tuple[str, int | None, str]]:
    """``check`` a scenario file; if it passes, ``run`` it for two days too."""
    out = [call_cli(["check", str(path)], seconds)]
    if out[0][:2] == ("ok", 0):
        out.append(
            call_cli(
                ["run", str(path), "--seed", "1", "--set", "scenario.horizon_days=2", "--summary"], seconds
            )
        )
    return out


def check_journal(path: Path, seconds: float = 20.0) -> list[tuple[str, int | None, str]]:
    """``replay --verify``, ``report`` and ``show --white-cell`` on a journal file."""
    return [
        call_cli(argv, seconds)
        for argv in (
            ["replay", "--verify", str(path)],
            ["report", str(path)],
            ["show", str(path), "--white-cell"],
        )
    ]


def bad(outcomes: Sequence[tuple[str, int | None, str]]) -> list[tuple[str, int | None, str]]:
    """The outcomes that are findings: a traceback, a hang or an exit status other than 0, 1, 2."""
    return [o for o in outcomes if o[0] != "ok" or o[1] not in (0, 1, 2)]
