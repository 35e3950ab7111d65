"""The Dask executor: the same batch on a Dask cluster gives the same rows, byte for byte."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest
from conftest import FLAGSHIP

from wargame.analysis.dask_executor import ExecutorError, run_on_dask
from wargame.cli import main

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


def test_a_dask_batch_equals_the_local_one(cluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    local, remote = tmp_path / "local.csv", tmp_path / "dask.csv"
    args = ["batch", FLAGSHIP, "-n", "6", "--seed", "11"]
    assert main([*args, "--jobs", "1", "--out", str(local)]) == 0
    assert (
        main([*args, "--executor", "dask", "--scheduler", cluster.scheduler_address, "--out", str(remote)])
        == 0
    )
    assert remote.read_bytes() == local.read_bytes()
    assert len(local.read_text().splitlines()) == 7


def test_an_unreachable_scheduler_is_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("wargame.analysis.dask_executor.CONNECT_TIMEOUT", 1.0)
    code = main(["batch", FLAGSHIP, "-n", "1", "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2
    assert "cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [(["--executor", "dask"], "needs --scheduler"), (["--scheduler", "tcp://x:1"], "is for --executor dask")],
)
def test_executor_options_go_together(
    capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert main(["batch", FLAGSHIP, "-n", "1", *extra]) == 2
    assert message in capsys.readouterr().err


def test_without_the_extra_the_message_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_distributed(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(ExecutorError, match=r"pip install 'wargame\[dask\]'"):
        run_on_dask(len, [], "tcp://127.0.0.1:1")


@pytest.mark.slow
def test_a_lost_scheduler_keeps_the_finished_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from wargame.analysis.row_stream import RowStream, partial_path

    out, clean = tmp_path / "rows.csv", tmp_path / "clean.csv"
    args = ["batch", FLAGSHIP, "-n", "6", "--seed", "3"]
    local = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    )
    write = RowStream.write

    def then_lose_the_scheduler(self: RowStream, row) -> None:  # type: ignore[no-untyped-def]
        write(self, row)
        if local.status.name == "running":
            local.close()

    monkeypatch.setattr(RowStream, "write", then_lose_the_scheduler)
    code = main([*args, "--executor", "dask", "--scheduler", local.scheduler_address, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "lost the Dask scheduler" in err and "--resume" in err and "Traceback" not in err
    assert 1 <= len(partial_path(str(out)).read_text().splitlines()) - 1 < 6  # rows, after the header
    monkeypatch.undo()
    assert main([*args, "--out", str(out), "--resume"]) == 0
    assert main([*args, "--out", str(clean)]) == 0
    assert out.read_bytes() == clean.read_bytes()
