"""Where the article builds run: this process (one worker), this machine's processes
(``--workers N``), or a Dask distributed cluster (``--scheduler tcp://HOST:8786``).
Each runs the same function on the same plain tasks and hands back the results as
they come, so the journal's build is the same whichever runs it. A build hands out its
tasks as a feed (``stream``): what it asks for next depends on what came back (an
article's first page is known once the articles before it have their lengths), and
it is asked again as each result comes and frees a worker.

On a cluster, a worker that dies mid-build is replaced by Dask: its tasks run again
elsewhere (``retries``); a task that killed workers more than Dask allows is an error
naming the article.
"""
from __future__ import annotations

import os
import time
from abc import ABC, abstractmethod
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


class Batch:
    """A feed of tasks known at once (``stream``'s ``feed``): all of them, the first time.

    >>> feed = Batch(["a", "b"], ["1", "2"])
    >>> feed.next(1), feed.next(1)
    ([('a', '1'), ('b', '2')], [])
    """

    def __init__(self, tasks, places):
        self.todo = list(zip(tasks, places))

    def next(self, free: int) -> list:
        handed, self.todo = self.todo, []
        return handed

    def take(self, result) -> None:
        """Nothing depends on a result: every task was handed out at once."""


class Runner(ABC):
    """What the runners share: the builds they run at once (``slots``), and ``stream``."""
    slots = 1

    @abstractmethod
    def stream(self, function, feed, tick=None):
        """Run what ``feed.next(free)`` hands out ((task, place) pairs; ``free``: the
        workers idle now), asking again as each result comes (which the caller gives to
        ``feed.take``), until it hands out nothing and nothing runs; yield each result."""

    def close(self) -> None:
        pass


class Serial(Runner):
    """One process: the builds run here, one after the other."""
    name = "this process"

    def stream(self, function, feed, tick=None):
        while True:
            handed = feed.next(1)
            if not handed:
                return
            for task, _ in handed:
                yield function(task)


class Local(Runner):
    """``workers`` processes of this machine, each building whole articles."""

    def __init__(self, workers: int):
        from press.journal.work import warm

        self.name = f"{workers} local processes"
        self.slots = workers
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

    def stream(self, function, feed, tick=None):
        started = {}
        pending = set()
        place_of = {}
        while True:
            for task, place in feed.next(max(self.slots - len(pending), 0)):
                future = self.pool.submit(function, task)
                pending.add(future)
                place_of[future] = place
            if not pending:
                return
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


class Cluster(Runner):
    """A Dask distributed cluster: the scheduler at ``address`` hands the builds to its
    workers (which need this package installed, and the journal's folder and the store
    at the same paths: a shared folder). Results come back as bytes."""

    RETRIES = 2

    def __init__(self, address: str, timeout: float = 20):
        from distributed import Client

        self.name = f"the Dask cluster at {address}"
        self.client = Client(address, timeout=timeout, set_as_default=False)

    def stream(self, function, feed, tick=None):
        from distributed.client import FutureCancelledError

        place_of = {}
        submitted = time.perf_counter()
        pending = set()
        told = 0.0
        ask = True  # at the start, and when a result came
        while True:
            if ask:
                slots = sum(self.client.nthreads().values()) or 1  # workers may come and go
                for task, place in feed.next(max(slots - len(pending), 0)):
                    future = self.client.submit(function, task, pure=False, retries=self.RETRIES,
                                                key=f"article-{len(place_of)}-{place}-{time.monotonic_ns()}")
                    place_of[future] = place
                    pending.add(future)
            if not pending:
                return
            done = {f for f in pending if f.done()}  # the client hears of each as it finishes
            ask = bool(done)
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
