#!/usr/bin/env python3
"""Build the article's editions: ``python build.py [pdf] [html] [epub] [--root DIR] [--out DIR]``.

Exit status: 0 success, 1 a content error (the message names file and line),
2 a usage error.
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from filters.diagnostics import BuildError  # noqa: E402
from press.editions import EDITIONS  # noqa: E402

HERE = Path(__file__).resolve().parent


class Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: exit 2 with the usage line
        self.print_usage(sys.stderr)
        print(f"build.py: error: {message}", file=sys.stderr)
        sys.exit(2)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = Parser(description="Build the PDF, HTML and EPUB editions of a manuscript.")
    parser.add_argument("editions", nargs="*", metavar="EDITION",
                        help=f"editions to build: {', '.join(EDITIONS)} (default: all)")
    parser.add_argument("--root", type=Path, default=HERE,
                        help="folder holding manuscript/ and bibliography/ (default: this repository)")
    parser.add_argument("--out", type=Path, help="output folder (default: ROOT/build)")
    parser.add_argument("--quiet", action="store_true", help="print errors and warnings only")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    args = parser.parse_args(argv)
    unknown = [name for name in args.editions if name not in EDITIONS]
    if unknown:
        parser.error(f"unknown edition '{unknown[0]}' (choose from {', '.join(EDITIONS)})")
    args.editions = args.editions or list(EDITIONS)
    args.out = args.out or args.root / "build"
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(format="%(message)s", stream=sys.stderr)
    from press.pipeline import build  # imported here so that --help stays instant

    started = time.perf_counter()
    try:
        report = build(args.root.resolve(), args.out.resolve(), args.editions)
    except BuildError as error:
        if args.debug:
            raise
        print(error, file=sys.stderr)
        return 1
    if not args.quiet:
        for name, seconds in report.timings:
            print(f"{name:<20} {seconds:6.2f} s")
        for path in report.written:
            print(f"wrote {path}")
        print(f"built {', '.join(args.editions)} in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
