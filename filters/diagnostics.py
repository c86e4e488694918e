"""Errors and warnings that name the file, the line and the fix.

A ``BuildError`` reads like a compiler message::

    >>> str(BuildError("unknown citation key 'aslanli2051'", "manuscript/03.md", 12,
    ...                hint="did you mean 'aslanli2015'?"))
    "manuscript/03.md:12: error: unknown citation key 'aslanli2051' (did you mean 'aslanli2015'?)"

Warnings go to the ``press`` logger, so the build can collect them and a
stand-alone pandoc filter prints them on stderr.
"""
from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("press")

# Metadata key under which the pipeline records the manuscript's files, in
# reading order, so that filters can point at a line of the author's source.
SOURCE_FILES_KEY = "source-files"


@dataclass
class Diagnostic:
    message: str
    path: str | None = None
    line: int | None = None
    hint: str | None = None
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.path and self.line else (
            f"{self.path}: " if self.path else "")
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.severity}: {self.message}{hint}"


class BuildError(Exception):
    """A problem in the author's input: printed without a traceback, exit status 1."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 hint: str | None = None):
        self.diagnostic = Diagnostic(message, str(path) if path else None, line, hint)
        super().__init__(str(self.diagnostic))


def warn(message: str, path: str | None = None, line: int | None = None,
         hint: str | None = None) -> None:
    log.warning("%s", Diagnostic(message, str(path) if path else None, line, hint, "warning"))


def source_files(doc) -> list[str]:
    files = doc.get_metadata(SOURCE_FILES_KEY, default=[]) if doc else []
    return [files] if isinstance(files, str) else list(files)


def locate(doc, pattern: str) -> tuple[str | None, int | None]:
    """First (file, line) of the manuscript where the regex ``pattern`` matches.

    Pandoc's Markdown reader keeps no source positions, so a filter that finds
    a problem in the AST looks the offending text up in the author's files.
    """
    regex = re.compile(pattern)
    for name in source_files(doc):
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if regex.search(line):
                return display_path(name), number
    return None, None


def display_path(name: str | Path) -> str:
    """A path relative to the working folder when it lies below it, as editors expect."""
    path = Path(name)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def run_filter_main(action) -> None:
    """Run a pandoc filter's body, turning a BuildError into a message and exit 1."""
    logging.basicConfig(format="%(message)s", stream=sys.stderr)
    try:
        action()
    except BuildError as error:
        print(error, file=sys.stderr)
        sys.exit(1)
