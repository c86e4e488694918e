"""Where the article builds run: this process (one worker), this machine's processes
(``--workers N``), or a Dask distributed cluster (``--scheduler tcp://HOST:8786``).
Each runs the same function on the same plain tasks and hands back the results as
they come, so the journal's build is the same whichever runs it.

On a cluster, a worker that dies mid-build is replaced by Dask: its tasks run again
elsewhere (``retries``); a task that killed workers more than Dask allows is an error
naming the article.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from multiprocessing import get_context

# How often the progress display hears of the running builds while none finishes.
TICK = 0.5


def default_workers() -> int:
    """The machine's cores (those this process may use)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class Serial:
    """One process: the builds run here, one after the other."""
    name = "this process"

    def run(self, function, tasks, places, tick=None):
        for task in tasks:
            yield function(task)

    def close(self) -> None:
        pass


class Local:
    """``workers`` processes of this machine, each building whole articles."""

    def __init__(self, workers: int):
        from press.journal.work import warm

        self.name = f"{workers} local processes"
        # forkserver: each worker is forked from a server that has imported the build's
        # modules once, and holds no thread (a fork of a process with threads, a test
        # runner's, may inherit a lock held mid-operation and hang).
        context = get_context("forkserver")
        context.set_forkserver_preload(["press.journal.work", "press.journal.build"])
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=warm)
        # The workers start now and import the build while the coordinator decides what
        # to build (hashing every article's sources): an edited article's build no
        # longer waits for them.
        self.pool.submit(int)

    def run(self, function, tasks, places, tick=None):
        started = {}
        pending = set()
        place_of = {}
        for task, place in zip(tasks, places):
            future = self.pool.submit(function, task)
            pending.add(future)
            place_of[future] = place
        while pending:
            done, pending = wait(pending, timeout=TICK, return_when=FIRST_COMPLETED)
            now = time.perf_counter()
            for future in pending:
                if future.running():
                    started.setdefault(future, now)
            if tick:
                tick([(place_of[f], now - started[f]) for f in pending if f in started])
            for future in done:
                try:
                    yield future.result()
                except Exception as failure:  # a bug, or a worker that died: named, not a traceback
                    yield failed(place_of[future], failure)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class Cluster:
    """A Dask distributed cluster: the scheduler at ``address`` hands the builds to its
    workers (which need this package installed, and the journal's folder and the store
    at the same paths: a shared folder). Results come back as bytes."""

    RETRIES = 2

    def __init__(self, address: str, timeout: float = 20):
        from distributed import Client

        self.name = f"the Dask cluster at {address}"
        self.client = Client(address, timeout=timeout, set_as_default=False)

    def run(self, function, tasks, places, tick=None):
        from distributed.client import FutureCancelledError

        futures = [self.client.submit(function, task, pure=False, retries=self.RETRIES, key=f"article-{i}-{place}-"
                                      f"{time.monotonic_ns()}") for i, (task, place) in enumerate(zip(tasks, places))]
        place_of = dict(zip(futures, places))
        submitted = time.perf_counter()
        pending = set(futures)
        told = 0.0
        while pending:
            done = {f for f in pending if f.done()}  # the client hears of each as it finishes
            if not done:
                time.sleep(0.02)
            pending -= done
            if tick and time.perf_counter() - told > TICK:
                told = time.perf_counter()
                tick([(place_of[f], told - submitted) for f in pending])
            for future in done:
                try:
                    yield future.result()
                except (FutureCancelledError, Exception) as failure:  # KilledWorker, a lost scheduler, a bug
                    yield failed(place_of[future], failure)

    def close(self) -> None:
        self.client.close()


def failed(place: str, failure: BaseException):
    """The result of a build the cluster could not finish: an error naming the article."""
    from press.journal.work import Result

    return Result(place, (0, 0), errors=[f"{place}: error: the article's build failed: {type(failure).__name__}: "
                                         f"{failure} (run with --workers 1 --debug for the traceback, or see the "
                                         "workers' logs)"])


def runner(workers: int | None, scheduler: str | None):
    """The runner the command line asks for."""
    if scheduler:
        return Cluster(scheduler)
    count = workers or default_workers()
    return Serial() if count <= 1 else Local(count)
