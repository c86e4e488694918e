"""Work the build may do early, whenever it waits on another program.

A stage may define ``warm_up(doc)``: what it can do before its turn from the
checked metadata alone (compile its language's grammars). The pipeline schedules
the later stages' warm-ups once the metadata is checked; a wait on pandoc
(``core.tools.finish``: citeproc formatting a CSL style's citations) runs them,
on the waiting thread, while pandoc works. What no wait ran is done when the stage
needs it: a warm-up only fills caches, so it changes no output, and one that fails
is dropped (the stage meets the same failure in its turn, and reports it there).

>>> done = []
>>> with scope():
...     schedule(lambda: done.append("grammar"))
...     run_pending()
...     run_pending()
>>> done
['grammar']
>>> with scope():
...     schedule(lambda: 1 / 0)
...     schedule(lambda: done.append("after a failed one"))
...     run_pending()
>>> done
['grammar', 'after a failed one']
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager

_pending: list[Callable[[], None]] = []


def schedule(task: Callable[[], None]) -> None:
    _pending.append(task)


def run_pending() -> None:
    """Run what is scheduled, each task once, in order (pop is atomic: two waiting
    threads never run one task twice)."""
    while True:
        try:
            task = _pending.pop(0)
        except IndexError:
            return
        try:
            task()
        except Exception:  # noqa: BLE001 - see the module's docstring: the stage reports it
            continue


@contextmanager
def scope():
    """Tasks scheduled inside are dropped at its end, run or not (a watch's next
    build schedules its own)."""
    try:
        yield
    finally:
        _pending.clear()

