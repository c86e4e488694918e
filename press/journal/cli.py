"""The journal's commands, which ``build.py`` (and the ``press`` tool) hand over to:

    python build.py journal --root JOURNAL --out SITE [--issue ID] [--workers N] [--scheduler ADDRESS]
    python build.py new article DIR      an article project that builds at once
    python build.py new journal DIR      a journal with one issue of one article

Exit status as for an article: 0 success, 1 a content error (every article's, each
with its path), 2 a usage error.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from core.diagnostics import BuildError
from core.usage import Parser


def parse(argv: list[str]) -> argparse.Namespace:
    parser = Parser(description="Build a journal: its issues, their articles and its site.")
    commands = parser.add_subparsers(dest="command", required=True)
    journal = commands.add_parser("journal", help="build every issue of a journal and its site")
    journal.add_argument("--root", type=Path, required=True, help="the journal's folder (journal.yaml, issues/)")
    journal.add_argument("--out", type=Path, required=True, help="the site's folder")
    journal.add_argument("--issue", metavar="ID", help="build this issue only (a folder of issues/)")
    journal.add_argument("--workers", type=int, metavar="N",
                         help="processes of this machine building articles (default: its cores)")
    journal.add_argument("--scheduler", metavar="ADDRESS",
                         help="build on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786)")
    journal.add_argument("--cache", type=Path, metavar="DIR",
                         help="the article builds' store (default: SITE/.journal/store); a folder the "
                              "cluster's workers share")
    journal.add_argument("--untrusted", action="store_true",
                         help="build every article as a submission: no raw HTML, LaTeX or Typst, no script "
                              "(the README's trust model)")
    journal.add_argument("--quiet", action="store_true", help="print errors and warnings only")
    journal.add_argument("--debug", action="store_true", help="show tracebacks")
    new = commands.add_parser("new", help="start an article or a journal that builds at once")
    new.add_argument("kind", choices=("article", "journal"))
    new.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if args.command == "journal":
        if not args.root.is_dir():
            parser.error(f"--root '{args.root}' is not a folder")
        if args.workers is not None and args.workers < 1:
            parser.error("--workers must be 1 or more")
        if args.scheduler and not args.scheduler.startswith(("tcp://", "tls://")):
            parser.error(f"--scheduler '{args.scheduler}' is not a scheduler's address (tcp://HOST:8786)")
        args.root, args.out = args.root.resolve(), args.out.resolve()
    return args


class Progress:
    """Articles done out of the round's total and the slowest still running: a live line
    on a terminal; in CI (or piped) one plain line per article."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.live = sys.stderr.isatty() and not os.environ.get("CI") and not quiet
        self.name, self.total, self.count, self.slowest = "", 0, 0, ""

    def start(self, name: str, total: int) -> None:
        self.name, self.total, self.count, self.slowest = name, total, 0, ""
        if not self.quiet and not self.live and total:
            print(f"{name}: {total} article(s)", flush=True)

    def planned(self, more: int) -> None:
        """``more`` builds handed out (a build learns what to build as it goes)."""
        self.total += more

    def running(self, running: list[tuple[str, float]]) -> None:
        if running:
            place, seconds = max(running, key=lambda item: item[1])
            self.slowest = f" · slowest running: {place} ({seconds:.0f} s)"
        self.draw()

    def done(self, result) -> None:
        self.count += 1
        if self.live:
            self.draw()
        elif not self.quiet:
            # the pages it was set on (typeset ahead: its predicted first page)
            state = "failed" if result.errors else (f"{result.count} page(s), set from p. {result.pages[0]}"
                                                    if result.count else "built")
            print(f"  [{self.count}/{self.total}] {result.place}: {state} ({result.cpu:.2f} s CPU)", flush=True)

    def draw(self) -> None:
        if self.live:
            line = f"{self.name}: {self.count}/{self.total} articles{self.slowest}"
            print(f"\r\033[K{line[:150]}", end="" if self.count < self.total else "\n", file=sys.stderr, flush=True)


def main(argv: list[str]) -> int:
    args = parse(argv)
    logging.basicConfig(format="%(message)s", stream=sys.stderr, level=logging.WARNING)
    try:
        if args.command == "new":
            from press.journal.scaffold import scaffold
            for path in scaffold(args.kind, args.folder):
                print(f"wrote {path}")
            return 0
        return build(args)
    except BuildError as failure:
        if args.debug:
            raise
        print(failure, file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        return 130


def build(args) -> int:
    from press.journal.build import build_journal

    started = time.perf_counter()
    report = build_journal(args.root, args.out, args.issue, args.workers, args.scheduler, args.cache,
                           Progress(args.quiet), args.untrusted)
    for warning in report.warnings:
        print(warning, file=sys.stderr)
    if not args.quiet:
        seconds = time.perf_counter() - started
        rounds = "; ".join(f"{r.name}: {r.articles} in {r.seconds:.2f} s" for r in report.rounds)
        state = f"built {len(report.written)} file(s)" if report.written else "up to date:"
        print(f"{state} {report.articles} article(s) on {report.runner} in {seconds:.2f} s"
              + (f" ({rounds})" if rounds else ""), flush=True)
    return 0
