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
