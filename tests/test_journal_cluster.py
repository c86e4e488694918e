"""The sample journal on a Dask cluster of this machine: a scheduler and two workers on
127.0.0.1 (``dask scheduler``, ``dask worker``, as a publisher runs them), the output
byte for byte the local build's; a worker killed mid-build, and the site still
complete and the same."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import EPOCH, REPO, run_build, wait_for

JOURNAL = REPO / "tests" / "samples" / "journal"

DASK = Path(sys.executable).parent / "dask"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def started(*args: str, log: Path) -> subprocess.Popen:
    environment = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.Popen([str(DASK), *args], cwd=REPO, env=environment, stdout=log.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def workers_of(address: str) -> int:
    from distributed import Client
    with Client(address, timeout=10, set_as_default=False) as client:
        return len(client.scheduler_info()["workers"])


@contextmanager
def cluster(logs: Path, workers: int = 2):
    """A scheduler and ``workers`` single-threaded workers on 127.0.0.1: (address, worker processes)."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    processes = [started("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard",
                         log=logs / "scheduler.log")]
    try:
        assert wait_for(lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 0, 30), "no scheduler"
        for number in range(workers):
            processes.append(started("worker", address, "--host", "127.0.0.1", "--nworkers", "1", "--nthreads", "1",
                                     "--no-dashboard", "--name", f"w{number}", log=logs / f"worker{number}.log"))
        assert wait_for(lambda: workers_of(address) == workers, 60), "the workers did not join"
        yield address, processes[1:]
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def site_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".journal" not in p.parts and ".staging" not in p.parts}


@pytest.fixture(scope="module")
def logs(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("dask-logs")


def test_cluster_builds_the_same_bytes_as_this_machine(journal_site, tmp_path, logs):
    with cluster(logs) as (address, _):
        result = run_build("journal", "--root", str(JOURNAL), "--out", str(tmp_path / "site"),
                           "--scheduler", address, "--cache", str(tmp_path / "store"))
    assert result.returncode == 0, result.stderr + (logs / "worker0.log").read_text()
    assert "on the Dask cluster at tcp://127.0.0.1" in result.stdout
    local, remote = site_files(journal_site), site_files(tmp_path / "site")
    assert local.keys() == remote.keys()
    assert [name for name in local if local[name] != remote[name]] == []


def test_a_worker_killed_mid_build_is_replaced(journal_site, tmp_path, logs):
    with cluster(logs) as (address, workers):
        build = subprocess.Popen([sys.executable, str(REPO / "build.py"), "journal", "--root", str(JOURNAL), "--out",
                                  str(tmp_path / "site"), "--scheduler", address, "--cache", str(tmp_path / "store")],
                                 cwd=REPO, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "CI": "true"},
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # Once the first article is done, the others are running: kill a worker under them.
        assert wait_for(lambda: (tmp_path / "store" / "edition").is_dir(), 120), "no article was built"
        os.killpg(workers[0].pid, signal.SIGKILL)
        time.sleep(0.5)
        output, errors = build.communicate(timeout=300)
    assert build.returncode == 0, errors
    local, remote = site_files(journal_site), site_files(tmp_path / "site")
    assert local.keys() == remote.keys()
    assert [name for name in local if local[name] != remote[name]] == []
