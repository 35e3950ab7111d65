"""The ``wargame`` command line's grammar: its commands, their options and help texts.

Kept apart from the commands themselves (``wargame/cli.py``), and as cheap to import: nothing
here loads the engine, numpy or rich.
"""

from __future__ import annotations

import argparse
from typing import Any

from wargame.engine.kinds import KINDS, Kind


def parser() -> argparse.ArgumentParser:
    """The parser of ``wargame``'s command line."""
    from wargame import __version__

    p = argparse.ArgumentParser(
        prog="wargame",
        description="A discrete-event crisis wargame: alliance guarantees under uncertain and "
        "deceptive intelligence. Play a scenario at the terminal, or headless; check and write "
        "scenario files; replay and verify journals, and read a game as one seat saw it; run "
        "batches and factorial experiments of many seeded games; write briefings and after-action reports; "
        "benchmark the engine.",
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
    _seats_and_overrides(
        pl,
        "who plays a seat: human (a player at this terminal) or a bot doctrine; repeat for "
        "hot-seat play, e.g. --seat france=human --seat uk=human",
        "override a scenario value (with --seat)",
    )
    pl.add_argument(
        "--facilitator",
        action="store_true",
        help="add a white-cell seat (truth, injects), guarded by a PIN chosen at the start",
    )
    pl.add_argument(
        "--journal",
        metavar="PATH",
        help="journal file (default: SCENARIO.seedN.jsonl here); if it exists, its unfinished game "
        "goes on (a finished game or another file is refused, never overwritten)",
    )
    pl.add_argument("--resume", metavar="JOURNAL", help="resume the game recorded in JOURNAL")
    _key_option(pl, "seal the journal as it is written, and check the seal of one resumed")
    pl.add_argument(
        "--script",
        metavar="PLAY.toml",
        help="start from a prepared opening: a room script's decisions and white-cell acts are "
        "applied as the clock reaches them; its seats are played here",
    )

    _serve_and_join(sub)

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

    mg = sub.add_parser(
        "migrate",
        help="rewrite an older scenario file to today's format (comments kept)",
        description="Rewrite an older scenario file to today's format, keeping its comments and "
        "layout: retired fields are removed (a comment says why), defaults that changed are written "
        "out where the file relied on the old one. Each change is printed as file:line: what (why). "
        "Without --in-place or -o, the migrated file is printed. Migrating twice changes nothing.",
    )
    mg.add_argument("file", metavar="FILE", help="the scenario file (.toml)")
    where = mg.add_mutually_exclusive_group()
    where.add_argument("--in-place", action="store_true", help="rewrite FILE itself")
    where.add_argument("-o", "--output", metavar="OUT", help="write the migrated file to OUT")

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
    r.add_argument(
        "--journal",
        metavar="PATH",
        help="write the journal (JSON Lines) to PATH; if it exists, its unfinished game of the same "
        "scenario, seed and seats goes on to the end (anything else is refused, never overwritten)",
    )
    _key_option(r, "seal the journal (with --journal)")
    r.add_argument(
        "--seat",
        dest="seats",
        action="append",
        default=[],
        metavar="SEAT=CONTROLLER",
        help="who plays a seat: bot:historical (default: the doctrine and parameters the scenario "
        "gives the seat), bot:realist, bot:liberal, bot:constructivist, bot:resolute, bot:cautious, "
        "bot:passive, bot:record (the scenario's [[history]]), script:PATH (a decision script), or "
        "human (absent here: prompts take their defaults)",
    )
    r.add_argument(
        "--script",
        metavar="PLAY.toml",
        help="a room script: several seats' decisions and the white cell's acts (a file, or the "
        "name of a bundled script such as drole-de-guerre-1939-opening); its seats are human",
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
        "measure a mean or share with its 95% interval and the median with quartiles.",
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
    b.add_argument(
        "--out",
        metavar="PATH",
        help="write the rows to a .csv or .jsonl file (in run order, at the end; meanwhile each "
        "finished row is kept in PATH.partial.jsonl)",
    )
    b.add_argument(
        "--resume",
        action="store_true",
        help="continue a cut batch from PATH.partial.jsonl (or a .jsonl --out): its finished runs "
        "are not played again; the same scenario, -n, --seed, --seat and --set are required (each "
        "one that differs is named)",
    )
    b.add_argument(
        "--journals",
        metavar="DIR",
        help="also write each run's journal into DIR (never over one already there; with --resume "
        "a run played again replaces only its own cut journal)",
    )
    _key_option(b, "seal each run's journal (with --journals)")
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
        help="run an experiment file: cells with 95%% intervals, effects and their interaction",
        description="Play every cell of an experiment file's design (factorial, or one factor at a time) "
        "on each of its scenarios, with the same seeds in every cell, and print each cell's measures "
        "with 95% intervals, then the effects (top level minus bottom; the interaction of two factors "
        "as a difference in differences) with paired bootstrap intervals. Bundled files are in "
        "scenarios/experiments/.",
    )
    ex.add_argument("file", metavar="FILE", help="an experiment .toml file (or a bundled experiment's name)")
    ex.add_argument("--jobs", type=_positive, default=1, metavar="J", help="worker processes (default 1)")
    ex.add_argument(
        "--runs", type=_positive, default=None, metavar="N", help="runs per cell (default: the file's runs)"
    )
    ex.add_argument(
        "--out",
        metavar="DIR",
        help="write runs.csv (every game), cells.csv, effects.csv, effects.md, results.json and the "
        "plots (PNG) to this folder (created if missing)",
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
        help="bundled name or path (default drole-de-guerre-1939); or `serve`: the load test of a "
        "served game (wargame bench serve --clients 50)",
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
    ld = be.add_argument_group(
        "bench serve",
        "`wargame bench serve`: a server in a process of its own, N WebSocket clients (the white cell, "
        "the script's seats, spectators for the rest) playing a room script to the end; the server's "
        "processor time, and the delay from each message to each client having the change. Exit 1 if "
        "a client did not see the end of the game.",
    )
    ld.add_argument("--clients", type=_positive, default=None, metavar="N", help="clients (default 50)")
    ld.add_argument(
        "--scenario",
        dest="load_scenario",
        default=None,
        metavar="SCENARIO",
        help="the served game (default drole-de-guerre-1939)",
    )
    ld.add_argument(
        "--script",
        default=None,
        metavar="SCRIPT",
        help="the room script played (default drole-de-guerre-1939-opening; `SCENARIO-opening` for "
        "another scenario)",
    )
    ld.add_argument("--seed", type=int, default=None, metavar="N", help="the game's seed (default 1)")
    ld.add_argument("--json", action="store_true", help="print the figures as JSON")
    ld.add_argument(
        "--profile", default=None, metavar="FILE", help="profile the server (cProfile stats to FILE)"
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
    _key_option(rp, "check the journal's seal first (exit 1 if it does not prove the journal)")

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
    _key_option(rep, "check the journal's seal first (exit 1 if it does not prove the journal)")

    b = sub.add_parser(
        "brief",
        help="write a seat's printable briefing, or the white cell's pack (Markdown or HTML)",
        description="A seat's briefing: its situation and briefing text, its treaties and dated "
        "promises, its timetable and intelligence, what it can order and when it is asked, the dates "
        "it knows; never the ground truth or the aggressor's plan (unless it is the aggressor). The "
        "white-cell pack: the aggressor's plan, deceptions and penetrations, the master event list, "
        "the history notes, what each seat is told. HTML is one self-contained page.",
    )
    _scenario_options(b)
    whose = b.add_mutually_exclusive_group(required=True)
    whose.add_argument("--seat", metavar="SEAT", help="the seat to brief (e.g. france; white: the pack)")
    whose.add_argument("--white-cell", action="store_true", help="the white cell's pack (ground truth)")
    b.add_argument(
        "--out",
        metavar="FILE",
        help="write it here, Markdown (.md) or HTML (.html) by the extension; default: Markdown to "
        "standard output",
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
    _key_option(s, "check the journal's seal first (exit 1 if it does not prove the journal)")
    _hide_option(s)

    k = sub.add_parser(
        "key",
        help="make a key that seals journals (the facilitator keeps it)",
        description="Journal keys. `wargame key new PATH` writes a new random key (32 bytes, as hex) "
        "to PATH, readable by you only (mode 0600); it never overwrites a file. Give it to the "
        "commands that write or check journals with --key PATH, or set WARGAME_JOURNAL_KEY_FILE=PATH. "
        "Keep it away from the players: anyone with the key can seal a forged journal. "
        "See docs/security.md.",
    )
    ks = k.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    kn = ks.add_parser("new", help="write a new key file", description="Write a new random key to PATH.")
    kn.add_argument("path", metavar="PATH", help="the key file to create (never overwritten)")
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


def _key_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--key",
        metavar="PATH",
        help=f"the journal key file: {what} (default: $WARGAME_JOURNAL_KEY_FILE; "
        "make one with `wargame key new PATH`)",
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


def _kinds(text: str) -> tuple[Kind, ...]:
    import difflib

    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    for kind in kinds:
        if kind not in EVENT_KINDS:
            hint = difflib.get_close_matches(kind, EVENT_KINDS, n=1)
            raise argparse.ArgumentTypeError(
                f"unknown event kind {kind!r}" + (f"; did you mean {hint[0]!r}?" if hint else "")
            )
    return tuple(Kind(k) for k in kinds)


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


def _seats_and_overrides(p: argparse.ArgumentParser, seat_help: str, set_help: str) -> None:
    """``--seat SEAT=CONTROLLER`` and ``--set KEY=VALUE``, repeatable (play, serve)."""
    p.add_argument(
        "--seat", dest="seats", action="append", default=[], metavar="SEAT=CONTROLLER", help=seat_help
    )
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE", help=set_help)


def _serve_and_join(sub: Any) -> None:
    """``wargame serve`` and ``wargame join``: a seminar across many screens (docs/protocol.md)."""
    sv = sub.add_parser(
        "serve",
        help="serve a game to many screens: one per team, the white cell, a projector",
        description="Hold one game on this machine and let screens join it over the network "
        "(WebSocket): each team's screen sees only its own seat's view, the white cell's screen runs "
        "the clock, spectators see the public picture. Prints one join code per human seat, one for "
        "the white cell and one for spectators, with the `wargame join` line for each. Listens on "
        "127.0.0.1 unless --host says otherwise; for a real network use an SSH tunnel or a TLS "
        "proxy (docs/protocol.md). The journal is written as `wargame play` writes it; Ctrl-C stops, "
        "`wargame serve --resume J` goes on (same codes: the screens reconnect by themselves).",
    )
    sv.add_argument("scenario", metavar="SCENARIO", nargs="?", help="bundled name or path to a .toml file")
    sv.add_argument("--seed", type=_seed, default=None, metavar="N", help="root random seed (default 1)")
    _seats_and_overrides(
        sv,
        "who plays a seat: human (a team at its own screen) or a bot doctrine; repeat",
        "override a scenario value",
    )
    sv.add_argument(
        "--journal",
        metavar="PATH",
        help="journal file (default: SCENARIO.seedN.jsonl here); an existing unfinished game goes on, "
        "a finished one is refused (never overwritten)",
    )
    sv.add_argument(
        "--script",
        metavar="PLAY.toml",
        help="start from a prepared opening (a room script); its seats are human seats",
    )
    sv.add_argument(
        "--resume", metavar="JOURNAL", help="go on with the game recorded in JOURNAL (same codes)"
    )
    sv.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    sv.add_argument(
        "--port", type=int, default=8765, help="port to listen on (default 8765; 0: any free port)"
    )
    sv.add_argument(
        "--web",
        action="store_true",
        help="also serve the join screens to browsers (textual-serve; pip install 'wargame[web]'): "
        "each tab opens the address printed and types its code",
    )
    sv.add_argument(
        "--web-port",
        type=int,
        default=8000,
        metavar="PORT",
        help="port for browsers with --web (default 8000; 0: any free port), on the same --host",
    )
    _key_option(sv, "seal the served journal; needed to go on with a sealed one")
    sv.add_argument(
        "--defaults-at-deadline",
        action="store_true",
        help="a decision nobody takes falls to its default at its deadline, as headless (default: the "
        "clock waits at the deadline until the seat decides or the white cell confirms the default)",
    )

    jn = sub.add_parser(
        "join",
        help="join a served game from this screen with a join code",
        description="Join a game started by `wargame serve`: a seat's code opens that seat's screens "
        "(intelligence, situation, alliance, orders), the white cell's code the facilitator's screens "
        "and the clock, the spectators' code the public picture. A dropped connection is retried by "
        "itself; nothing is lost.",
    )
    jn.add_argument("url", metavar="URL", help="the server's address, e.g. ws://127.0.0.1:8765/")
    jn.add_argument(
        "--code",
        metavar="CODE",
        help="the join code serve printed (ABCD-EFGH); without it, the screen asks for it first",
    )
