"""The bounded load test of a served game (``wargame bench serve``): its structure, not its speed.

No timing thresholds here (a shared machine's speed varies too much): the figures must be there,
positive and finite, and every client must have received every change, in order, to the end.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from wargame.analysis.aar import hotwash
from wargame.cli import main
from wargame.model.scenario_files import scenarios
from wargame.net.codes import Codes, Grant
from wargame.net.load import LoadError, percentile, run_load
from wargame.net.server import Server
from wargame.session.session import Session


@pytest.mark.slow
def test_ten_clients_see_every_change_of_a_served_tutorial_to_the_end() -> None:
    said: list[str] = []
    f = run_load("tutorial", "tutorial-opening", seed=1, clients=10, say=said.append)
    assert f.ok, f.errors
    assert (f.clients, f.seats, f.spectators) == (10, 2, 7)
    assert f.finished == 10 and f.errors == () and f.rejected == 0
    assert f.changes > 5
    assert f.missed == 0 and f.pairs == f.changes * f.clients  # every client, every change
    assert f.snapshots == f.pairs and f.frames > f.snapshots  # the answers too
    for value in (f.server_cpu_s, f.clients_cpu_s, f.wall_s, f.bytes, f.cpu_share):
        assert value > 0 and math.isfinite(value)
    assert 0 < f.delay_median_ms <= f.delay_p95_ms <= f.delay_max_ms < math.inf
    assert said[-1] == "playing the script over the wire"


@pytest.mark.slow
def test_bench_serve_prints_its_figures_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["bench", "serve", "--clients", "4", "--scenario", "tutorial", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["ok"] is True
    assert out["clients"] == 4 and out["spectators"] == 1 and out["missed"] == 0
    assert out["script"] == "tutorial-opening"  # the scenario's own opening by default


def test_too_few_clients_for_the_script_is_refused_before_any_server_starts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(LoadError, match="at least 3"):
        run_load("tutorial", "tutorial-opening", clients=2)
    assert main(["bench", "serve", "--clients", "2", "--scenario", "tutorial"]) == 2
    assert "at least 3: the white cell and the seats" in capsys.readouterr().err


def test_the_load_flags_belong_to_bench_serve(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "tutorial", "--clients", "5"]) == 2
    assert "--clients is for the load test: wargame bench serve" in capsys.readouterr().err
    assert main(["bench", "serve", "--scenario", "tutorial", "--script", "no-such-script"]) == 2
    assert "no-such-script" in capsys.readouterr().err


def test_percentile_is_a_measured_value_by_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 100)) == (50, 95, 100)
    assert percentile([3.0], 95) == 3.0 and math.isnan(percentile([], 50))


def test_a_finished_served_game_replays_its_hot_wash_once_for_every_role(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The seats' hot wash text and the projector's paragraphs are two shapes of one hot wash:
    the replay behind it (the slowest thing a server does) is made once."""
    session = Session(scenarios.load("tutorial"), seed=1)
    session.run_to_end()
    assert session.finished
    server = Server(session, Codes.fresh(["corvia"]))
    made = []
    real = hotwash.after_action
    monkeypatch.setattr(hotwash, "after_action", lambda s: made.append(1) or real(s))
    for grant in (Grant("seat", "corvia"), Grant("white", ""), Grant("spectator", "")):
        frame = json.loads(server.snapshot(grant))
        assert frame["hot_wash"] if grant.role != "spectator" else frame["view"]["hot_wash"]
    assert len(made) == 1


@pytest.mark.slow
def test_a_game_the_server_cannot_start_is_a_clear_error_not_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["bench", "serve", "--scenario", "tutorial", "--clients", "3", "--seed", "-1"]) == 2
    err = capsys.readouterr().err
    assert "the server could not start the game: the seed must be a whole number >= 0" in err
    assert "Traceback" not in err


def test_a_profile_that_cannot_be_written_is_refused_before_the_game(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="cannot write the profile"):
        run_load("tutorial", "tutorial-opening", clients=3, profile=str(tmp_path / "no" / "p.pstats"))
