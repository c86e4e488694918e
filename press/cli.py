"""The command line: ``press …``, or ``python build.py …`` in a checkout of this
repository (whose default project is the repository's own article). Build the
article's editions:

    python build.py [pdf] [html] [epub] [latex] [--root DIR] [--out DIR]
    python build.py [EDITION…] paper.md   a one-file manuscript (front matter and text)
    python build.py pdf --pdf-engine xelatex|lualatex   the PDF through LaTeX
    python build.py latex            a submission folder: OUT/latex/ (compiles with latexmk)
    python build.py check [--strict] every validation, no edition written (--strict: warnings are errors)
    python build.py chronology       the chronology's entries for review: text, places, weak spots
    python build.py validate         every built edition through its gatekeepers (EPUBCheck and Ace, Nu, JATS4R…)
    python build.py watch [EDITION…] rebuild on every save
    python build.py serve [--port N] live preview on http://127.0.0.1:N
    python build.py --untrusted --root SUBMISSION --out DIR
                                     a submission: no raw HTML/LaTeX/Typst, no script
    python build.py --templates DIR  the journal's templates in DIR first, then the system's
    python build.py journal --root JOURNAL --out SITE [--issue ID] [--workers N] [--scheduler ADDRESS]
                                     a journal: every issue, its articles, issue PDFs, site, deposits
    python build.py new article|journal DIR   a project that builds at once

Exit status: 0 success, 1 a content error (the message names file and line),
2 a usage error.
"""
from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import time
from pathlib import Path

from core.diagnostics import BuildError
from core.inputs import LIMITS, parse_limit, shown_size
from core.names import MARKDOWN_SUFFIXES
from core.usage import Parser
from press.editions import DEFAULT_EDITIONS, EDITIONS

ENGINES = ("typst", "xelatex", "lualatex")
COMMANDS = ("build", "check", "validate", "watch", "serve", "chronology")


def limit_argument(text: str) -> tuple[str, int]:
    try:
        return parse_limit(text)
    except ValueError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def parse(argv: list[str], home: Path | None = None) -> argparse.Namespace:
    """The arguments; ``home``: the project when none is named (the working folder,
    or this repository's for its build.py)."""
    parser = Parser(description="Build the PDF, HTML and EPUB editions of a manuscript.",
                    epilog="commands: check, validate, watch, serve, chronology (default: build)")
    parser.add_argument("words", nargs="*", metavar="EDITION",
                        help="editions to build, after an optional command: " + "; ".join(
                            f"{e.name}: {e.summary}" for e in EDITIONS)
                        + f" (default: {' '.join(DEFAULT_EDITIONS)}); and, if the manuscript is one "
                          "Markdown file (paper.md, article.qmd) or a folder of them, its path")
    parser.add_argument("--root", type=Path,
                        help="the project folder: holding manuscript/ and bibliography/, or the paper's "
                             "Markdown file; nothing outside it is read (default: the folder of the named "
                             "file, else the working folder: in this repository, its own article)")
    parser.add_argument("--out", type=Path, help="output folder (default: ROOT/build)")
    parser.add_argument("--pdf-engine", choices=ENGINES, default="typst",
                        help="typeset the PDF with Typst (default) or through LaTeX")
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default: 8000)")
    parser.add_argument("--no-cache", action="store_true", help="rebuild everything")
    parser.add_argument("--strict", action="store_true",
                        help="every warning is an error (what an edition leaves out stops the build)")
    # A switch, never a metadata key: the journal's build sets it, not the author.
    parser.add_argument("--untrusted", action="store_true",
                        help="build a submission: refuse raw HTML, LaTeX and Typst, header-includes, "
                             "event-handler attributes and script links (needs --out outside ROOT)")
    # The same: a submission never chooses the templates it is built with.
    parser.add_argument("--templates", type=Path, action="append", default=[], metavar="DIR",
                        help="a folder of the journal's templates, searched before the system's: a "
                             "file there replaces the system's of the same name "
                             "(typst/partials/title-block.typ.j2); repeatable, the first given searched first")
    # The same: a submission never raises what the build accepts.
    parser.add_argument("--limit", action="append", default=[], metavar="NAME=SIZE", type=limit_argument,
                        help="raise (or lower) a limit of what the build accepts: " + "; ".join(
                            f"{name}: {rule.what} (default {shown_size(rule.default, rule.unit)})"
                            for name, rule in LIMITS.items()) + " (K, M, G: thousands, millions, billions)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--quiet", action="store_true", help="print errors and warnings only")
    output.add_argument("--verbose", action="store_true", help="print every stage and file")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    args = parser.parse_intermixed_args(argv)
    words = list(args.words)
    args.command = words.pop(0) if words and words[0] in COMMANDS else "build"
    names = [edition.name for edition in EDITIONS]
    paths = [word for word in words if word not in names and manuscript_path(word)]
    unknown = [name for name in words if name not in names and name not in paths]
    if unknown:
        parser.error(f"unknown edition '{unknown[0]}' (choose from {', '.join(names)}; "
                     "or name the manuscript's Markdown file)")
    if len(paths) > 1:
        parser.error(f"name one manuscript, not {len(paths)}: {', '.join(paths)}")
    args.path = Path(paths[0]).resolve() if paths else None
    if args.path and not args.path.exists():
        parser.error(f"no such manuscript file: {paths[0]}")
    args.editions = [word for word in words if word in names] or list(DEFAULT_EDITIONS)
    if args.root is None:
        args.root = (args.path.parent if args.path and args.path.is_file() else
                     args.path.parent if args.path else home or Path.cwd())
    args.root = args.root.resolve()
    if args.path and not args.path.is_relative_to(args.root):
        parser.error(f"{paths[0]} lies outside --root {args.root}")
    args.out = (args.out or args.root / "build").resolve()
    missing = [folder for folder in args.templates if not folder.is_dir()]
    if missing:
        parser.error(f"--templates folder '{missing[0]}' not found")
    args.templates = tuple(str(folder.resolve()) for folder in args.templates)
    args.limits = dict(args.limit)
    if args.untrusted and args.out.is_relative_to(args.root) and args.command != "check":
        # A submission may bring its own build/: outputs, and cache records that
        # would pass them off as current.
        parser.error("--untrusted needs --out outside the submission's folder (--root)")
    return args


def manuscript_path(word: str) -> bool:
    """Whether a word of the command line names a manuscript: a Markdown file (there or
    not: a typo is then a clear error) or an existing folder."""
    return word.lower().endswith(MARKDOWN_SUFFIXES) or "/" in word or Path(word).is_dir()


class Progress:
    """One line per stage and edition with its time: rich on a terminal, plain in CI."""

    def __init__(self, quiet: bool, verbose: bool):
        self.quiet, self.verbose = quiet, verbose
        self.console = None
        if sys.stdout.isatty() and not os.environ.get("CI") and not quiet:
            from rich.console import Console
            self.console = Console(highlight=False)

    def line(self, text: str, style: str = "") -> None:
        if self.console:
            self.console.print(text, style=style or None)
        else:
            print(text, flush=True)

    def report(self, report, seconds: float, editions: list[str]) -> None:
        if self.quiet:
            return
        for name, spent in report.timings:
            if self.verbose or not name.startswith("write"):
                self.line(f"  {name:<20} {spent:6.2f} s", "dim")
        if self.verbose:
            for name in report.reused:
                self.line(f"  {name:<20} unchanged", "dim")
            for path in report.written:
                self.line(f"  wrote {path}", "dim")
        state = "built" if report.written else "up to date:"
        self.line(f"{state} {', '.join(editions)} in {seconds:.2f} s", "bold green")

    def error(self, error: BuildError) -> None:
        print(error, file=sys.stderr, flush=True)


# The journal's commands (python build.py journal …, python build.py new article|journal DIR).
JOURNAL_COMMANDS = ("journal", "new")


def main(argv: list[str] | None = None, home: Path | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in JOURNAL_COMMANDS:
        from press.journal.cli import main as journal_main
        return journal_main(argv)
    args = parse(argv, home)
    logging.basicConfig(format="%(message)s", stream=sys.stderr,
                        level=logging.ERROR if args.quiet and args.command == "watch" else logging.WARNING)
    progress = Progress(args.quiet, args.verbose)
    try:
        return run(args, progress)
    except BuildError as error:
        if args.debug:
            raise
        progress.error(error)
        return 1
    except RecursionError:
        if args.debug:
            raise
        from press.manuscript import too_deep_in
        progress.error(too_deep_in(args.root, args.path))
        return 1
    except KeyboardInterrupt:
        return 0


def run(args, progress: Progress) -> int:
    from press import pipeline

    if args.command == "check":
        started = time.perf_counter()
        warnings = pipeline.check(args.root, untrusted=args.untrusted, editions=tuple(args.editions),
                                  path=args.path, strict=args.strict, templates=args.templates,
                                  limits=args.limits)
        if not args.quiet:
            progress.line(f"checked in {time.perf_counter() - started:.2f} s: "
                          f"no errors, {len(warnings)} warning(s)")
        return 0
    if args.command == "chronology":
        for line in pipeline.chronology_review(args.root, args.path):
            print(line)
        return 0
    if args.command == "validate":
        from press.validate import validate
        for passed in validate(args.out):
            progress.line(f"valid: {passed}")
        return 0
    if args.command in ("watch", "serve"):
        gc.enable()  # a long-lived process: rebuilds must not accumulate garbage
        from press import live

        def on_build(result, started=[time.perf_counter()]):
            if isinstance(result, BuildError):
                progress.error(result)
            else:
                progress.report(result, time.perf_counter() - started[0], args.editions)
            started[0] = time.perf_counter()

        options = {"pdf_engine": args.pdf_engine, "untrusted": args.untrusted, "path": args.path,
                   "templates": args.templates, "limits": args.limits}
        if args.command == "watch":
            progress.line(f"watching {args.root} (Ctrl-C stops)")
            live.watch(args.root, args.out, args.editions, on_build, options=options)
        else:
            live.serve(args.root, args.out, args.editions, args.port, on_build, options=options,
                       ready=lambda port: progress.line(f"preview on http://127.0.0.1:{port}/ (Ctrl-C stops)"))
        return 0
    started = time.perf_counter()
    report = pipeline.build(args.root, args.out, args.editions, use_cache=not args.no_cache,
                            pdf_engine=args.pdf_engine, untrusted=args.untrusted, path=args.path,
                            strict=args.strict, templates=args.templates, limits=args.limits)
    progress.report(report, time.perf_counter() - started, args.editions)
    return 0


def entry(home: Path | None = None) -> None:
    """Run the command of ``sys.argv`` and exit with its status (the ``press`` script;
    ``build.py`` with its repository as ``home``)."""
    # One process, one build: the cyclic collector would only re-scan the document
    # trees, which live to the end anyway (10 ms of a build), and all of memory at
    # exit (20 ms); the operating system frees it at once. watch and serve turn it on.
    gc.disable()
    status = main(home=home)
    gc.freeze()
    sys.exit(status)
