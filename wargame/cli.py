"""The ``wargame`` command line.

Exit codes: 0 success; 1 a verification failed (``replay --verify``, or a journal's seal that does
not prove it); 2 bad input or usage (an unknown scenario, a broken scenario file, a damaged journal,
a bad ``--seat``, ``--set`` or key file).
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

from wargame.cli_args import parser as _parser
from wargame.cli_progress import counted, progress

EXIT_OK, EXIT_MISMATCH, EXIT_BAD_INPUT = 0, 1, 2


class InputError(Exception):
    """Bad input from the user: reported as a message with exit code 2."""


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
    from wargame.model.scenario_files import scenarios

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
    from wargame.model.scenario_files import scenarios
    from wargame.model.wording import and_list, count

    loaded = scenarios.load(args.scenario, args.overrides)
    s = loaded.scenario
    print(
        f"{loaded.source}: ok — {s.scenario.title}: {count(len(s.actors), 'actor')} "
        f"({and_list(s.seat_ids) or 'none'} playable), {count(len(s.fronts), 'front')}, "
        f"{count(len(s.guarantees), 'guarantee')}, {count(len(s.services), 'service')}, "
        f"{count(len(s.injects), 'inject')}; content hash {loaded.digest[:12]}"
    )
    for text in loaded.overrides:
        print(f"  with --set {text}")
    for problem in scenarios.warnings(loaded):
        print(f"warning: {problem}")
    return EXIT_OK


def cmd_migrate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from wargame.model.scenario_files import scenarios
    from wargame.model.scenario_files.migrate import migrate
    from wargame.model.wording import count

    path, text = scenarios.read_source(args.file)
    label = str(path)
    scenarios.parse(text, label)  # too large or too deep: refused before migrate parses it again
    try:
        new, changes = migrate(text)
    except ValueError as err:  # not TOML (tomllib's and tomlkit's errors are ValueErrors)
        raise scenarios.ScenarioError(
            [scenarios.Problem(label, None, "", f"not valid TOML: {err}")]
        ) from None
    out = path if args.in_place else Path(args.output) if args.output else None
    report = sys.stderr if out is None else sys.stdout  # the migrated text may be on stdout
    for change in changes:
        print(change.text(label), file=report)
    made = sum(c.applies for c in changes)
    if out is None:
        sys.stdout.write(new)
    elif made or out != path:
        out.write_text(new, encoding="utf-8")
    if made:
        where = "" if out is None else f", written to {out}"
        print(f"{label}: {count(made, 'change')} made{where}", file=report)
    else:
        print(f"{label}: nothing to migrate: the file is in today's format", file=report)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from wargame.model.scenario_files.starter import StarterError, write_starter

    try:
        path = write_starter(args.name)
    except StarterError as err:
        raise InputError(str(err)) from None
    print(f"Wrote {path}. Next: wargame check {path}; the fields are described in docs/scenarios.md.")
    return EXIT_OK


def cmd_play(args: argparse.Namespace) -> int:
    from ui.play import cmd_play as play

    return play(args)


def cmd_serve(args: argparse.Namespace) -> int:
    from wargame.net.serve import cmd_serve as serve

    return serve(args)


def cmd_join(args: argparse.Namespace) -> int:
    from ui.join import cmd_join as join

    return join(args)


def cmd_run(args: argparse.Namespace) -> int:
    from wargame.model.scenario_files import scenarios
    from wargame.session.journal.replay import resume
    from wargame.session.session import Session
    from wargame.session.timeline import lines

    loaded = scenarios.load(args.scenario, args.overrides)
    script, seats = None, args.seats
    if args.script:
        from wargame.session.room import RoomScriptError, load_room_script, room_seats

        try:
            script = load_room_script(args.script, loaded.scenario)
        except RoomScriptError as err:
            raise InputError(str(err)) from None
        seats = room_seats(loaded.scenario.seat_ids, args.seats, script)
    key = _key(args)
    going_on = _going_on(args.journal, loaded, args.seed, seats) if args.journal else ""
    if going_on:
        heard: list[str] = []
        session = resume(args.journal, key, say=heard.append)  # it goes on (said once resumed)
        print("\n".join([going_on, *heard]), file=sys.stderr)
    else:
        try:
            session = Session(loaded, seed=args.seed, seats=seats, journal=args.journal, key=key)
        except OSError as err:
            raise InputError(f"cannot write the journal {args.journal!r}: {err.strerror or err}") from None
    if script is not None:
        session.prepare(script)  # (a resumed game: the entries before now stay in the past)
    try:
        session.run_to_end()
    except KeyboardInterrupt:
        session.close()  # stopped on purpose: the journal ends with 'closed' and stays readable
        raise
    except BaseException:
        session.close(mark=False)  # leave the journal as the crash left it: every line intact
        raise
    session.close()
    for note in [*session.script_notes, *session.script_unplayed()]:
        print(f"warning: {note}", file=sys.stderr)
    if args.summary:
        print(json.dumps(session.summary().to_json(), sort_keys=True))
    else:
        _print_timeline(lines([e for e in session.events if e.kind not in args.hide], white_cell=True))
        if args.journal:
            print(
                f"\nJournal written to {args.journal} ({len(session.lines)} lines).",
                file=sys.stderr,
            )
    return EXIT_OK


def _going_on(path: str, loaded: Any, seed: int, seats: Any) -> str:
    """What to say when ``run --journal PATH`` goes on with the unfinished game of the same
    scenario, seed, seats and overrides at PATH (once it has been resumed), or "" when a new
    journal starts there (nothing at PATH); anything else at PATH is refused, the file untouched
    (the rule is :func:`~wargame.session.journal.existing.claim`'s, as for ``play --journal``)."""
    from wargame.session.journal.existing import JournalInUse, claim
    from wargame.session.journal.header import Header
    from wargame.session.seats import assign_seats

    wanted = Header.of(loaded, seed, assign_seats(loaded.scenario.seat_ids, seats))
    try:
        recorded = claim(path, wanted)
    except JournalInUse as err:
        hint = f", or read it with `wargame report {path}`" if err.what == "a finished game" else ""
        raise InputError(f"{err}: choose another --journal for a new game{hint}") from None
    if recorded is None:
        return ""
    return (
        f"{path} holds an unfinished game of this scenario, seed and seats "
        f"({counted(len(recorded.events), 'event')}): it goes on where it stopped."
    )


def cmd_batch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from rich.table import Table

    from wargame.analysis.batch import describe, run_batch
    from wargame.analysis.batch_spec import BatchSpec
    from wargame.analysis.dask_executor import ExecutorError
    from wargame.analysis.row_stream import RowFileError, RowStream, check_journals, check_run_journals
    from wargame.model.scenario_files import scenarios
    from wargame.session.seats import assign_seats

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
    if args.resume and not args.out:
        raise InputError("--resume continues the batch written to --out: give --out PATH")
    key = _key(args) if args.journals else None
    stream: RowStream | None = None
    try:  # every output checked before the first run
        if args.journals:
            check_journals(args.journals)
            if not args.resume:  # a new batch writes over no journal
                check_run_journals(args.journals, loaded, args.seats, args.seed, args.runs, None)
        spec = BatchSpec.of(loaded, args.seats, args.seed, args.runs)
        stream = RowStream(args.out, args.seed, args.runs, args.resume, spec) if args.out else None
        if args.journals and stream is not None and args.resume:
            check_run_journals(args.journals, loaded, args.seats, args.seed, args.runs, stream.done)
    except RowFileError as err:
        if stream is not None:
            stream.close()
        raise InputError(str(err)) from None
    for note in stream.notes if stream is not None else ():
        print(f"warning: {note}", file=sys.stderr)
    if stream is not None and stream.done:
        print(
            f"Resuming: {counted(len(stream.done), 'finished run')} kept from {stream.path}.", file=sys.stderr
        )
    if args.scheduler is None:
        _say_cores(args.jobs)
    started = time.perf_counter()
    try:
        with progress(loaded.name, args.runs) as advance:
            rows = run_batch(
                args.scenario, args.runs, root=args.seed, jobs=args.jobs, seats=args.seats,
                overrides=args.overrides, journals=args.journals, key=key, progress=advance,
                scheduler=args.scheduler, done=stream.done if stream else (),
                on_row=stream.write if stream else None,
            )  # fmt: skip
    except BaseException as err:
        if stream is not None:
            stream.close()
            kept = f"the finished rows are kept in {stream.path}; continue with the same command and --resume"
            if isinstance(err, ExecutorError):
                raise InputError(f"{err}; {kept}") from None
            print(f"Batch stopped: {kept}.", file=sys.stderr)
        if isinstance(err, ExecutorError):
            raise InputError(str(err)) from None
        raise
    seconds = time.perf_counter() - started
    workers = f"on the Dask cluster at {args.scheduler}" if args.scheduler else f"with --jobs {args.jobs}"
    rate = len(rows) / seconds if seconds > 0 else 0.0
    played = counted(len(rows), "run")
    print(f"{played} in {seconds:.1f} s ({rate:.1f} a second), {workers}.", file=sys.stderr)
    failed = [r for r in rows if r.error]
    for r in failed:
        print(f"run {r.run} (seed {r.seed}) failed: {r.error}", file=sys.stderr)
    columns = [r.columns() for r in rows]
    if stream is not None:
        try:
            stream.finish(rows)
        except OSError as err:
            raise InputError(
                f"cannot write {args.out!r}: {err.strerror or err}; the rows are kept in {stream.path}"
            ) from None
    console = _console()
    table = Table(title=f"{loaded.name}: {len(rows) - len(failed)} of {played}, root seed {args.seed}")
    for name in ("measure", "n", "mean or share", "95% interval", "median [quartiles]"):
        table.add_column(name, justify="left" if name == "measure" else "right", no_wrap=True)
    for d in describe(columns):
        if d["kind"] == "none":
            table.add_row(d["measure"], "0", "no value in any run", "", "")
            continue
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

    import attrs
    from rich.table import Table

    from wargame.analysis.experiment import ExperimentError, load_experiment, run_experiment
    from wargame.analysis.experiment_report import Results, all_tables, write_results
    from wargame.model.scenario_files.scenarios import bundled_dir

    path = args.file
    if not Path(path).is_file() and (bundled_dir() / "experiments" / f"{path}.toml").is_file():
        path = str(bundled_dir() / "experiments" / f"{path}.toml")
    out = Path(args.out) if args.out else None
    if out is not None and (out.is_file() or out.suffix in (".csv", ".jsonl")):
        raise InputError(f"--out {args.out!r}: give a folder; the tables and plots are written into it")
    try:
        experiment = load_experiment(path)
    except ExperimentError as err:
        raise InputError(str(err)) from None
    if args.runs is not None:
        experiment = attrs.evolve(experiment, runs=args.runs)
    _say_cores(args.jobs)
    with progress(experiment.name, len(experiment.cells()) * experiment.runs) as advance:
        results = Results(experiment, tuple(run_experiment(experiment, jobs=args.jobs, progress=advance)))
    failed = sum(1 for c in results.cells for r in c.rows if r.get("error"))
    if failed:
        print(f"note: {counted(failed, 'run')} failed and left out (see runs.csv)", file=sys.stderr)
    console = _console()
    for t in all_tables(results):
        table = Table(title=t.title)
        for name in t.columns:  # wrap, never cut: a narrow terminal must still show every interval
            table.add_column(name, overflow="fold")
        for row in t.rows:
            table.add_row(*row)
        console.print(table)
    if out is not None:
        try:
            written = write_results(results, out)
        except OSError as err:
            raise InputError(f"cannot write to {args.out!r}: {err.strerror or err}") from None
        print(f"{counted(len(written), 'file')} written to {out}.", file=sys.stderr)
    return EXIT_OK


def _say_cores(jobs: int | None) -> None:
    """A note when more workers are asked for than this machine has cores: they only share them."""
    import os

    cores = os.cpu_count() or 1
    if jobs is not None and jobs > cores:
        print(f"note: {counted(jobs, 'worker')} on {counted(cores, 'core')} will share them", file=sys.stderr)


def cmd_bench(args: argparse.Namespace) -> int:
    from wargame.analysis.bench import bench
    from wargame.model.scenario_files import scenarios

    if args.scenario == "serve":
        return _bench_serve(args)
    given = [
        f
        for f, v in (
            ("--clients", args.clients),
            ("--scenario", args.load_scenario),
            ("--script", args.script),
            ("--seed", args.seed),
            ("--profile", args.profile),
        )
        if v is not None
    ]
    if given or args.json:
        raise InputError(f"{(given or ['--json'])[0]} is for the load test: wargame bench serve ...")
    scenarios.load(args.scenario)  # bad input stops here
    _say_cores(args.jobs)
    print(
        f"Benchmarking {args.scenario} with {counted(args.games, 'game')} (this takes a little while)...",
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


def _bench_serve(args: argparse.Namespace) -> int:
    """``wargame bench serve``: the load test of a served game (wargame.net.load)."""
    import json

    from wargame.net.load import LoadError, run_load
    from wargame.session.room import RoomScriptError

    scenario = args.load_scenario or "drole-de-guerre-1939"
    script = args.script or f"{scenario}-opening"
    try:
        figures = run_load(
            scenario,
            script,
            seed=1 if args.seed is None else args.seed,
            clients=args.clients or 50,
            profile=args.profile,
            say=lambda text: print(f"  {text}", file=sys.stderr, flush=True),
        )
    except (LoadError, RoomScriptError) as err:
        raise InputError(str(err)) from None
    if args.json:
        print(json.dumps(figures.to_json(), indent=2))
    else:
        _load_table(figures)
    for error in figures.errors:
        print(f"wargame bench serve: {error}", file=sys.stderr)
    return EXIT_OK if figures.ok else EXIT_MISMATCH


def _load_table(f: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{f.scenario}, seed {f.seed}, script {f.script}: {f.clients} clients")
    table.add_column("figure")
    table.add_column("value", justify="right")
    rows = [
        ("clients (white cell + seats + spectators)", f"{f.clients} (1 + {f.seats} + {f.spectators})"),
        ("changes (snapshots numbered)", f"{f.changes:,}"),
        ("frames received, all clients", f"{f.frames:,} ({f.snapshots:,} snapshots)"),
        ("bytes sent by the server", f"{f.bytes:,} ({f.bytes / 2**20:,.1f} MiB)"),
        ("server CPU seconds (user+sys)", f"{f.server_cpu_s:,.2f}"),
        ("clients' CPU seconds (the bench process)", f"{f.clients_cpu_s:,.2f}"),
        ("wall seconds of the game", f"{f.wall_s:,.2f}"),
        ("server CPU share", f"{f.cpu_share:.0%}"),
        ("delay, message to client: median", f"{f.delay_median_ms:,.1f} ms"),
        ("delay: p95", f"{f.delay_p95_ms:,.1f} ms"),
        ("delay: max", f"{f.delay_max_ms:,.1f} ms"),
        ("(change, client) pairs measured / missed", f"{f.pairs:,} / {f.missed:,}"),
        ("clients that saw the end", f"{f.finished} of {f.clients}"),
        ("script entries rejected", f"{f.rejected}"),
    ]
    for row in rows:
        table.add_row(*row)
    Console().print(table)


def _key(args: argparse.Namespace) -> Any:
    """The journal key of ``--key PATH`` or ``$WARGAME_JOURNAL_KEY_FILE`` (a :class:`Key`), or None."""
    from wargame.session.journal.seal import KeyFileError, key_from

    try:
        return key_from(args.key)
    except KeyFileError as err:
        raise InputError(str(err)) from None


def cmd_key(args: argparse.Namespace) -> int:
    from wargame.session.journal.seal import KEY_ENV, KeyFileError, new_key

    try:
        key = new_key(args.path)
    except KeyFileError as err:
        raise InputError(str(err)) from None
    print(
        f"Wrote key {key.id} to {args.path} (readable by you only). Seal and check journals with "
        f"--key {args.path}, or {KEY_ENV}={args.path}. Keep it away from the players: anyone "
        "with it can seal a forged journal."
    )
    return EXIT_OK


def cmd_replay(args: argparse.Namespace) -> int:
    from wargame.session.journal.replay import replay
    from wargame.session.journal.seal import read_checked
    from wargame.session.journal.verify import verify

    journal, integrity = read_checked(args.journal, _key(args))
    print(f"{args.journal}: {integrity.text}")
    if not args.verify:
        session = replay(journal)
        print(f"{args.journal}: replayed {len(session.lines)} lines; use --verify to compare them.")
        return EXIT_OK
    verdict = verify(journal)
    if verdict.ok:
        print(f"{args.journal}: verified — the replay reproduces all {verdict.lines} lines byte for byte.")
        if verdict.note:
            print(f"{args.journal}: {verdict.note}.")
        return EXIT_OK
    print(f"{args.journal}: MISMATCH at line {verdict.line}{': ' + verdict.note if verdict.note else ''}.")
    print(f"  recorded: {verdict.recorded}")
    print(
        f"  replayed: {verdict.replayed if verdict.replayed is not None else '(nothing: the replay ended)'}"
    )
    return EXIT_MISMATCH


def cmd_report(args: argparse.Namespace) -> int:
    from wargame.analysis.aar.report import ReportError, report

    try:
        made = report(args.journal, args.format, args.out, _key(args), _say)
        return _emit(made, "Report", args.out)
    except ReportError as err:
        raise InputError(str(err)) from None


def _say(text: str) -> None:
    print(f"note: {text}", file=sys.stderr)


def _emit(text: str | None, what: str, out: str | None) -> int:
    """Print ``text``, or say that ``what`` was written to ``out`` (``text`` None)."""
    if text is None:
        print(f"{what} written to {out}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_brief(args: argparse.Namespace) -> int:
    from wargame.analysis.brief import BriefError, write_brief
    from wargame.model.scenario_files import scenarios

    loaded = scenarios.load(args.scenario, args.overrides)
    try:
        return _emit(
            write_brief(loaded, None if args.white_cell else args.seat, args.out), "Briefing", args.out
        )
    except BriefError as err:
        raise InputError(str(err)) from None


def cmd_show(args: argparse.Namespace) -> int:
    from wargame.session.journal.seal import read_checked
    from wargame.session.timeline import lines
    from wargame.session.views import seat_events

    journal, integrity = read_checked(args.journal, _key(args))
    if args.white_cell:
        events = list(journal.events)
    else:
        seats = list(journal.header.seats)
        if args.seat not in seats:
            raise InputError(f"unknown seat {args.seat!r}; this journal's seats are {', '.join(seats)}")
        events = list(seat_events(journal.events, args.seat))
    events = [e for e in events if e.kind not in args.hide]
    if args.json:  # standard output stays JSON lines: the verdict goes to standard error
        from wargame.engine.journal import dumps

        _say(integrity.text)
        for e in events:
            print(dumps(e.to_json(), trusted=True))
    else:
        print(f"{args.journal}: {integrity.text}")
        _print_timeline(lines(events, white_cell=args.white_cell))
    return EXIT_OK


COMMANDS = {
    "list": cmd_list,
    "check": cmd_check,
    "new": cmd_new,
    "migrate": cmd_migrate,
    "run": cmd_run,
    "batch": cmd_batch,
    "bench": cmd_bench,
    "experiment": cmd_experiment,
    "play": cmd_play,
    "serve": cmd_serve,
    "join": cmd_join,
    "replay": cmd_replay,
    "report": cmd_report,
    "brief": cmd_brief,
    "show": cmd_show,
    "key": cmd_key,
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
        if _seal_failed(err):
            print(f"wargame {args.command}: verification failed: {err}", file=sys.stderr)
            return EXIT_MISMATCH
        message = _input_error_message(err)
        if message is None:
            raise
        print(f"wargame {args.command}: error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _seal_failed(err: Exception) -> bool:
    from wargame.session.journal.seal import SealError

    return isinstance(err, SealError)


def _input_error_message(err: Exception) -> str | None:
    from wargame.engine.decisions import DecisionError
    from wargame.model.scenario_files.scenarios import ScenarioError
    from wargame.session.journal.read import JournalError
    from wargame.session.journal.seal import KeyFileError
    from wargame.session.seats import SeatError

    if isinstance(err, ScenarioError):
        problems = err.problems
        head = (
            "the scenario has a problem"
            if len(problems) == 1
            else f"the scenario has {len(problems)} problems"
        )
        return head + ":\n" + "\n".join(f"  {p}" for p in problems)
    if isinstance(err, InputError | JournalError | SeatError | DecisionError | KeyFileError):
        return str(err)
    if type(err).__name__ in ("PlayError", "ServeError", "JoinError"):  # (not imported here: they load a lot)
        return str(err)
    return None


if __name__ == "__main__":
    sys.exit(main())
