"""The ``wargame`` command line.

Exit codes: 0 success; 1 a verification failed (``replay --verify``); 2 bad input or usage (an
unknown scenario, a broken scenario file, a damaged journal, a bad ``--seat`` or ``--set``).
Bad input always gets a message, never a Python traceback.

Importing this module is cheap: the engine, numpy and rich are imported only by the command that
needs them, so ``wargame --help`` answers at once.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import Any

from wargame.engine.kinds import KINDS

EXIT_OK, EXIT_MISMATCH, EXIT_BAD_INPUT = 0, 1, 2


class InputError(Exception):
    """Bad input from the user: reported as a message with exit code 2."""


def _parser() -> argparse.ArgumentParser:
    from wargame import __version__

    p = argparse.ArgumentParser(
        prog="wargame",
        description="A discrete-event crisis wargame: alliance guarantees under uncertain and "
        "deceptive intelligence. Run a scenario headless, check scenario files, replay and "
        "verify journals, and read a game as one seat saw it.",
        epilog="Exit codes: 0 success, 1 verification failed, 2 bad input. "
        "Start with: wargame run drole-de-guerre-1939 --seed 1",
    )
    p.add_argument("--version", action="version", version=f"wargame {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    pl = sub.add_parser(
        "play",
        help="play a scenario at this terminal (seminar UI)",
        description="Play a scenario in the terminal: players take seats, bots fill the rest, a white "
        "cell may run the game. Without --seat a lobby lets you choose scenario, seats and seed. "
        "Keys: space play/pause, n next event, +/- speed, d decide, o orders, h hand over, "
        "w white cell, ? help, q quit.",
    )
    pl.add_argument(
        "scenario",
        metavar="SCENARIO",
        nargs="?",
        default="drole-de-guerre-1939",
        help="bundled name or path to a .toml file (default: drole-de-guerre-1939)",
    )
    pl.add_argument("--seed", type=_seed, default=None, metavar="N", help="root random seed (default 1)")
    pl.add_argument(
        "--seat",
        dest="seats",
        action="append",
        default=[],
        metavar="SEAT=CONTROLLER",
        help="who plays a seat: human (a player at this terminal) or a bot doctrine; repeat for "
        "hot-seat play, e.g. --seat france=human --seat uk=human",
    )
    pl.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a scenario value (with --seat)",
    )
    pl.add_argument("--facilitator", action="store_true", help="add a white-cell seat (truth, injects)")
    pl.add_argument("--journal", metavar="PATH", help="journal file (default: SCENARIO.seedN.jsonl here)")
    pl.add_argument("--resume", metavar="JOURNAL", help="resume the game recorded in JOURNAL")

    sub.add_parser("list", help="list the bundled scenarios", description="List the bundled scenarios.")

    c = sub.add_parser(
        "check",
        help="validate a scenario file or bundled scenario",
        description="Validate a scenario: every problem is reported as file:line: field.path: what "
        "was expected (exit 2). Legal but suspicious content (a seat never asked anything, an inject "
        "after the horizon, a guarantee nobody can trigger) is reported as a warning (exit 0).",
    )
    _scenario_options(c)

    n = sub.add_parser(
        "new",
        help="write a commented starting file for a new scenario",
        description="Write NAME.toml (or the .toml path given): a small, complete, commented "
        "scenario that passes `wargame check`, to be changed section by section. Never overwrites.",
    )
    n.add_argument(
        "name", metavar="SCENARIO_NAME", help="a lowercase id (e.g. baltic-crisis) or a .toml path"
    )

    r = sub.add_parser(
        "run",
        help="play a scenario headless and print its timeline",
        description="Play a whole game headless and print its timeline as the white cell sees it "
        "(ground truth in brackets). Seats: the scenario's actor ids, e.g. germany, poland, france, "
        "uk, ussr.",
    )
    _scenario_options(r)
    r.add_argument(
        "--seed",
        type=_seed,
        required=True,
        metavar="N",
        help="root random seed (whole number >= 0)",
    )
    r.add_argument("--journal", metavar="PATH", help="write the journal (JSON Lines) to PATH")
    r.add_argument(
        "--seat",
        dest="seats",
        action="append",
        default=[],
        metavar="SEAT=CONTROLLER",
        help="who plays a seat: bot:historical (default), bot:realist, bot:liberal, "
        "bot:constructivist, bot:resolute, bot:cautious, bot:passive, script:PATH (a decision "
        "script), or human (absent here: prompts take their defaults)",
    )
    _hide_option(r)
    r.add_argument(
        "--summary",
        action="store_true",
        help="print one JSON object of outcome measures instead of the timeline",
    )

    b = sub.add_parser(
        "batch",
        help="play many seeded games in parallel and summarise their outcomes",
        description="Play RUNS games of a scenario, each with a seed derived from the root seed and "
        "its index (so results do not depend on --jobs, and any row can be re-run alone with "
        "`wargame run ... --seed <its seed>`), write one summary row per run, and print for each "
        "measure a mean or share with its 95%% interval and the median with quartiles.",
    )
    _scenario_options(b)
    b.add_argument("-n", "--runs", type=_positive, required=True, metavar="RUNS", help="number of games")
    b.add_argument("--seed", type=_seed, default=0, metavar="ROOT", help="root seed (default 0)")
    b.add_argument("--jobs", type=_positive, default=1, metavar="J", help="worker processes (default 1)")
    b.add_argument(
        "--seat",
        dest="seats",
        action="append",
        default=[],
        metavar="SEAT=CONTROLLER",
        help="who plays a seat, as for `run`",
    )
    b.add_argument("--out", metavar="PATH", help="write the rows to a .csv or .jsonl file")
    b.add_argument("--journals", metavar="DIR", help="also write each run's journal into DIR")
    b.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="where the games are played: local worker processes (default), or an existing Dask "
        "cluster (needs --scheduler and the dask extra); the rows are the same either way",
    )
    b.add_argument(
        "--scheduler", metavar="ADDRESS", help="the Dask scheduler's address, e.g. tcp://10.0.0.5:8786"
    )

    ex = sub.add_parser(
        "experiment",
        help="run a factorial experiment file and print a table per measure",
        description="Run every combination of an experiment file's factor levels as a batch (the "
        "same root seed in every cell), and print, per measure, each cell's mean or share with its "
        "95%% interval. Bundled files are in scenarios/experiments/.",
    )
    ex.add_argument("file", metavar="FILE", help="an experiment .toml file (or a bundled experiment's name)")
    ex.add_argument("--jobs", type=_positive, default=1, metavar="J", help="worker processes (default 1)")
    ex.add_argument(
        "--out",
        metavar="PATH",
        help="write the table to a .csv or .jsonl file, and beside it a PNG per measure "
        "(each cell's estimate with its 95%% interval)",
    )
    ex.add_argument(
        "--plots", metavar="DIR", help="write the PNG per measure to this folder (default: beside --out)"
    )

    be = sub.add_parser(
        "bench",
        help="time the engine against a bare SimPy loop, and batch throughput",
        description="A fixed workload timed in one run: engine events per second against a bare "
        "SimPy loop of the same number of events (the limit for any SimPy engine here), games per "
        "second, batch throughput on 1 worker and on every core, the time 10,000 runs would take, "
        "and peak memory per worker. Each part is timed --rounds times and the best kept.",
    )
    be.add_argument(
        "scenario",
        metavar="SCENARIO",
        nargs="?",
        default="drole-de-guerre-1939",
        help="bundled name or path (default drole-de-guerre-1939)",
    )
    be.add_argument(
        "--games", type=_positive, default=100, metavar="N", help="games in the workload (default 100)"
    )
    be.add_argument(
        "--rounds",
        type=_positive,
        default=3,
        metavar="R",
        help="time each part this many times and keep the best (default 3)",
    )
    be.add_argument(
        "--jobs",
        type=_positive,
        default=None,
        metavar="J",
        help="workers for the parallel batch (default: all cores)",
    )

    rp = sub.add_parser(
        "replay",
        help="re-run a journal from its header and decisions",
        description="Re-run the game recorded in a journal from its header (scenario, seed, seats, "
        "overrides) and its human decisions. With --verify, compare the replay line by line.",
    )
    rp.add_argument("journal", metavar="JOURNAL", help="a journal file written by `wargame run --journal`")
    rp.add_argument(
        "--verify",
        action="store_true",
        help="compare the replay with the journal line by line (exit 1 on a difference)",
    )

    rep = sub.add_parser(
        "report",
        help="the after-action review of a journal (Markdown or HTML, with plots)",
        description="The after-action review of a recorded game, in the facilitators' order: what was "
        "planned, what happened, issues, fixes; a belief-versus-truth table with a row per decision; "
        "where deception worked. Plots: the fronts, each seat's estimates against the truth, credibility.",
    )
    rep.add_argument("journal", metavar="JOURNAL", help="a journal file written by `wargame run --journal`")
    rep.add_argument("--format", choices=("md", "html"), default="md", help="Markdown (default) or HTML")
    rep.add_argument(
        "--out",
        metavar="PATH",
        help="write the report here (Markdown: the plots as PNG files beside it); default: standard output",
    )

    s = sub.add_parser(
        "show",
        help="print a journal's timeline as one seat saw it, or the ground truth",
        description="Print the timeline of a journal as one seat saw it (its own reports, events "
        "addressed to it, public events; no ground truth), or the white cell's view of everything.",
    )
    s.add_argument("journal", metavar="JOURNAL", help="a journal file written by `wargame run --journal`")
    who = s.add_mutually_exclusive_group(required=True)
    who.add_argument("--seat", metavar="SEAT", help="the seat whose view to show (e.g. france)")
    who.add_argument("--white-cell", action="store_true", help="the ground truth (facilitator's view)")
    s.add_argument("--json", action="store_true", help="print the view as JSON lines")
    _hide_option(s)
    return p


EVENT_KINDS = tuple(KINDS)


def _scenario_options(parser: argparse.ArgumentParser) -> None:
    """SCENARIO and --set, shared by every command that loads a scenario."""
    parser.add_argument("scenario", metavar="SCENARIO", help="bundled name or path to a .toml file")
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a scenario value (repeatable), e.g. fronts.west.fortification=2; "
        "validated like the file and recorded in the journal header",
    )


def _hide_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--hide",
        type=_kinds,
        default=(),
        metavar="KIND,...",
        help="leave these kinds of event out of the timeline, e.g. --hide report,front,prompt "
        f"(kinds: {', '.join(EVENT_KINDS)})",
    )


def _kinds(text: str) -> tuple[str, ...]:
    import difflib

    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    for kind in kinds:
        if kind not in EVENT_KINDS:
            hint = difflib.get_close_matches(kind, EVENT_KINDS, n=1)
            raise argparse.ArgumentTypeError(
                f"unknown event kind {kind!r}" + (f"; did you mean {hint[0]!r}?" if hint else "")
            )
    return kinds


def _at_least(minimum: int) -> Any:
    """An argparse type: a whole number no smaller than ``minimum``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise argparse.ArgumentTypeError(f"expected a whole number >= {minimum}, got {text!r}")
        return value

    return parse


_seed = _at_least(0)
_positive = _at_least(1)


# -- commands ---------------------------------------------------------------------------------


def _console() -> Any:
    from rich.console import Console

    # piped or redirected output gets room for wide tables (a terminal keeps its own width)
    return Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 160)


def _print_timeline(rows: list[tuple[str, str, str, str]]) -> None:
    from rich.text import Text

    from wargame.session.timeline import KEY_KINDS

    console = _console()
    for date, kind, text, truth in rows:
        line = Text(date + "  ", style="dim")
        line.append(f"{kind:<13}", style="bold cyan" if kind in KEY_KINDS else "cyan")
        line.append(text, style="bold" if kind in KEY_KINDS else "")
        if truth:
            line.append("  " + truth, style="magenta")
        console.print(line)


def cmd_list(_args: argparse.Namespace) -> int:
    from wargame.session import scenarios

    console = _console()
    for path in scenarios.bundled():
        try:
            about = scenarios.load(path.stem).scenario.scenario
            console.print(f"[bold]{path.stem}[/bold]  {_escape(about.description)}")
        except scenarios.ScenarioError as err:
            console.print(f"[bold]{path.stem}[/bold]  [red](broken: {_escape(str(err.problems[0]))})[/red]")
    return EXIT_OK


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def cmd_check(args: argparse.Namespace) -> int:
    from wargame.session import scenarios

    loaded = scenarios.load(args.scenario, args.overrides)
    s = loaded.scenario
    print(
        f"{loaded.source}: ok — {s.scenario.title}: {len(s.actors)} actors "
        f"({', '.join(s.seat_ids)} playable), {len(s.fronts)} fronts, {len(s.guarantees)} guarantees, "
        f"{len(s.services)} services, {len(s.injects)} injects; content hash {loaded.digest[:12]}"
    )
    for text in loaded.overrides:
        print(f"  with --set {text}")
    for problem in scenarios.warnings(loaded):
        print(f"warning: {problem}")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from wargame.session.starter import StarterError, write_starter

    try:
        path = write_starter(args.name)
    except StarterError as err:
        raise InputError(str(err)) from None
    print(f"Wrote {path}. Next: wargame check {path}; the fields are described in docs/scenarios.md.")
    return EXIT_OK


def cmd_play(args: argparse.Namespace) -> int:
    from ui.play import cmd_play as play

    return play(args)


def cmd_run(args: argparse.Namespace) -> int:
    from wargame.session import scenarios
    from wargame.session.session import Session
    from wargame.session.timeline import lines

    loaded = scenarios.load(args.scenario, args.overrides)
    try:
        session = Session(loaded, seed=args.seed, seats=args.seats, journal=args.journal)
    except OSError as err:
        raise InputError(f"cannot write the journal {args.journal!r}: {err.strerror or err}") from None
    try:
        session.run_to_end()
    except KeyboardInterrupt:
        session.close()  # stopped on purpose: the journal ends with 'closed' and stays readable
        raise
    except BaseException:
        session.close(mark=False)  # leave the journal as the crash left it: every line intact
        raise
    session.close()
    if args.summary:
        print(json.dumps(session.summary(), sort_keys=True))
    else:
        _print_timeline(lines([e for e in session.events if e.kind not in args.hide], white_cell=True))
        if args.journal:
            print(
                f"\nJournal written to {args.journal} ({len(session.lines)} lines).",
                file=sys.stderr,
            )
    return EXIT_OK


def cmd_batch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.table import Table

    from wargame.analysis.batch import describe, run_batch, write_rows
    from wargame.analysis.dask_executor import ExecutorError
    from wargame.session import scenarios
    from wargame.session.session import assign_seats

    loaded = scenarios.load(args.scenario, args.overrides)  # bad input stops here, before any work
    assign_seats(loaded.scenario.seat_ids, args.seats)
    if args.out and Path(args.out).suffix not in (".csv", ".jsonl"):
        raise InputError(f"cannot write {args.out!r}: use a .csv or .jsonl file")
    if (args.executor == "dask") != (args.scheduler is not None):
        raise InputError(
            "--executor dask needs --scheduler ADDRESS"
            if args.scheduler is None
            else "--scheduler is for --executor dask"
        )
    if args.journals:
        try:
            Path(args.journals).mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise InputError(f"cannot use {args.journals!r} for journals: {err.strerror or err}") from None
    console = _console()
    err_console = type(console)(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    started = time.perf_counter()
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task(f"{loaded.name}", total=args.runs)
        try:
            rows = run_batch(
                args.scenario, args.runs, root=args.seed, jobs=args.jobs, seats=args.seats,
                overrides=args.overrides, journals=args.journals, progress=lambda n: bar.advance(task, n),
                scheduler=args.scheduler,
            )  # fmt: skip
        except ExecutorError as err:
            raise InputError(str(err)) from None
    seconds = time.perf_counter() - started
    workers = f"on the Dask cluster at {args.scheduler}" if args.scheduler else f"with --jobs {args.jobs}"
    rate = len(rows) / seconds if seconds > 0 else 0.0
    print(f"{len(rows)} runs in {seconds:.1f} s ({rate:.1f} a second), {workers}.", file=sys.stderr)
    failed = [r for r in rows if r.get("error")]
    for r in failed:
        print(f"run {r['run']} (seed {r['seed']}) failed: {r['error']}", file=sys.stderr)
    if args.out:
        try:
            write_rows(rows, args.out)
        except OSError as err:
            raise InputError(f"cannot write {args.out!r}: {err.strerror or err}") from None
    table = Table(
        title=f"{loaded.name}: {len(rows) - len(failed)} of {len(rows)} runs, root seed {args.seed}"
    )
    for name in ("measure", "n", "mean or share", "95% interval", "median [q1, q3]"):
        table.add_column(name, justify="left" if name == "measure" else "right", no_wrap=True)
    for d in describe(rows):
        spread = f"{d['median']:.2f} [{d['q1']:.2f}, {d['q3']:.2f}]" if d["kind"] == "mean" else ""
        table.add_row(
            d["measure"], str(d["n"]), f"{d['value']:.3f}", f"{d['low']:.3f} – {d['high']:.3f}", spread
        )
    console.print(table)
    if args.out:
        print(f"Rows written to {args.out}.", file=sys.stderr)
    return EXIT_OK


def cmd_experiment(args: argparse.Namespace) -> int:
    from pathlib import Path

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.table import Table

    from wargame.analysis.batch import write_rows
    from wargame.analysis.experiment import ExperimentError, load_experiment, measures_of, run_experiment
    from wargame.session.scenarios import bundled_dir

    path = args.file
    if not Path(path).is_file() and (bundled_dir() / "experiments" / f"{path}.toml").is_file():
        path = str(bundled_dir() / "experiments" / f"{path}.toml")
    if args.out and Path(args.out).suffix not in (".csv", ".jsonl"):
        raise InputError(f"cannot write {args.out!r}: use a .csv or .jsonl file")
    plots_dir = Path(args.plots) if args.plots else Path(args.out).parent if args.out else None
    if plots_dir is not None and not plots_dir.is_dir():
        raise InputError(f"cannot write the plots: the folder {str(plots_dir)!r} does not exist")
    try:
        experiment = load_experiment(path)
    except ExperimentError as err:
        raise InputError(str(err)) from None
    cells = experiment.cells()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=type(_console())(stderr=True), transient=True) as bar:
        task = bar.add_task(experiment.name, total=len(cells) * experiment.runs)
        rows = run_experiment(experiment, jobs=args.jobs, progress=lambda n: bar.advance(task, n))
    console = _console()
    factor_columns = [f"factor.{f.name}" for f in experiment.factors]
    for measure in measures_of(rows):
        table = Table(title=f"{experiment.name}: {measure} ({experiment.runs} runs per cell)")
        for name in (*[f.name for f in experiment.factors], "n", "mean or share", "95% interval"):
            table.add_column(name, no_wrap=True)
        for r in rows:
            if r["measure"] == measure:
                cells_text = [str(r[c]) for c in factor_columns]
                table.add_row(
                    *cells_text, str(r["n"]), f"{r['value']:.3f}", f"{r['low']:.3f} – {r['high']:.3f}"
                )
        console.print(table)
    if args.out:
        write_rows(rows, args.out)
        print(f"Table written to {args.out}.", file=sys.stderr)
    if plots_dir is not None:
        from wargame.analysis.experiment_plots import write_plots

        stem = Path(args.out).stem if args.out else experiment.name
        written = write_plots(rows, [f.name for f in experiment.factors], plots_dir, stem)
        print(f"{len(written)} plots written to {plots_dir} ({stem}-*.png).", file=sys.stderr)
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    from wargame.analysis.bench import bench
    from wargame.session import scenarios

    scenarios.load(args.scenario)  # bad input stops here
    print(
        f"Benchmarking {args.scenario} with {args.games} games (this takes a little while)...",
        file=sys.stderr,
    )
    figures = bench(
        args.scenario,
        games=args.games,
        jobs=args.jobs,
        rounds=args.rounds,
        say=lambda text: print(f"  {text}", file=sys.stderr, flush=True),
    )
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value:,.2f}" if isinstance(value, float) else f"{key:<{width}}  {value:,}")
    return EXIT_OK


def cmd_replay(args: argparse.Namespace) -> int:
    from wargame.session import journal_file

    journal = journal_file.read(args.journal)
    if not args.verify:
        session = journal_file.replay(journal)
        print(f"{args.journal}: replayed {len(session.lines)} lines; use --verify to compare them.")
        return EXIT_OK
    verdict = journal_file.verify(journal)
    if verdict.note:
        print(f"note: {verdict.note}", file=sys.stderr)
    if verdict.ok:
        print(f"{args.journal}: verified — the replay reproduces all {verdict.lines} lines byte for byte.")
        return EXIT_OK
    print(f"{args.journal}: MISMATCH at line {verdict.line}.")
    print(f"  recorded: {verdict.recorded}")
    print(
        f"  replayed: {verdict.replayed if verdict.replayed is not None else '(nothing: the replay ended)'}"
    )
    return EXIT_MISMATCH


def cmd_report(args: argparse.Namespace) -> int:
    from wargame.analysis.report import ReportError, report

    try:
        text = report(args.journal, args.format, args.out)
    except ReportError as err:
        raise InputError(str(err)) from None
    if text is None:
        print(f"Report written to {args.out}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from wargame.session import journal_file
    from wargame.session.timeline import lines
    from wargame.session.views import seat_events

    journal = journal_file.read(args.journal)
    if args.white_cell:
        events = list(journal.events)
    else:
        seats = list(journal.header["seats"])
        if args.seat not in seats:
            raise InputError(f"unknown seat {args.seat!r}; this journal's seats are {', '.join(seats)}")
        events = list(seat_events(journal.events, args.seat))
    events = [e for e in events if e.kind not in args.hide]
    if args.json:
        from wargame.engine.journal import dumps

        for e in events:
            print(dumps(e.to_json(), trusted=True))
    else:
        _print_timeline(lines(events, white_cell=args.white_cell))
    return EXIT_OK


COMMANDS = {
    "list": cmd_list,
    "check": cmd_check,
    "new": cmd_new,
    "run": cmd_run,
    "batch": cmd_batch,
    "bench": cmd_bench,
    "experiment": cmd_experiment,
    "play": cmd_play,
    "replay": cmd_replay,
    "report": cmd_report,
    "show": cmd_show,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `wargame show ... | head`: the reader has what it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as err:  # bad input of any kind: message, exit 2; anything else re-raised
        message = _input_error_message(err)
        if message is None:
            raise
        print(f"wargame {args.command}: error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _input_error_message(err: Exception) -> str | None:
    from wargame.engine.decisions import DecisionError
    from wargame.session.journal_file import JournalError
    from wargame.session.scenarios import ScenarioError
    from wargame.session.session import SeatError

    if isinstance(err, ScenarioError):
        problems = err.problems
        head = (
            "the scenario has a problem"
            if len(problems) == 1
            else f"the scenario has {len(problems)} problems"
        )
        return head + ":\n" + "\n".join(f"  {p}" for p in problems)
    if isinstance(err, InputError | JournalError | SeatError | DecisionError):
        return str(err)
    if type(err).__name__ == "PlayError":  # ui.play's (not imported here: the UI loads Textual)
        return str(err)
    return None


if __name__ == "__main__":
    sys.exit(main())
