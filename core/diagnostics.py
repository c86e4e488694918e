"""Errors and warnings that name the file, the line and the fix.

A ``BuildError`` reads like a compiler message::

    >>> str(BuildError("unknown citation key 'aslanli2051'", "manuscript/03.md", 12,
    ...                hint="did you mean 'aslanli2015'?"))
    "manuscript/03.md:12: error: unknown citation key 'aslanli2051' (did you mean 'aslanli2015'?)"

A stage that finds a mistake in the author's input calls ``error`` and goes on,
so that one build reports all of them; the build fails when its stages are done::

    >>> with collecting() as found:
    ...     error("unknown cross-reference 'fig:x'", "a.md", 3)
    ...     error("missing image 'b.png'", "a.md", 9)
    >>> print(BuildError.of(found))
    a.md:3: error: unknown cross-reference 'fig:x'
    a.md:9: error: missing image 'b.png'

Warnings go to the ``press`` logger, so the build can collect them and a
stand-alone pandoc filter prints them on stderr.
"""
from __future__ import annotations

import difflib
import logging
import re
import sys
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.names import METADATA_FILE_KEY, SOURCE_FILES_KEY

log = logging.getLogger("press")


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
    """Problems in the author's input: printed without a traceback, exit status 1.
    Holds one diagnostic or several (all the errors one build found)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 hint: str | None = None):
        self.diagnostics = [Diagnostic(message, str(path) if path else None, line, hint)]
        super().__init__(str(self.diagnostics[0]))

    @property
    def diagnostic(self) -> Diagnostic:
        return self.diagnostics[0]

    @classmethod
    def of(cls, diagnostics: list[Diagnostic]) -> "BuildError":
        error = cls.__new__(cls)
        error.diagnostics = list(diagnostics)
        Exception.__init__(error, "\n".join(map(str, error.diagnostics)))
        return error


_collectors: list[list[Diagnostic]] = []
# What each collector holds, as keys: one error reported twice is one (20,000 errors of a
# hostile text took a minute when each was looked for in the list)
_held: list[set[tuple]] = []


@contextmanager
def collecting():
    """Collect the errors reported inside the block (into the list it yields)
    instead of raising the first one."""
    found: list[Diagnostic] = []
    if not _collectors:  # a build's outermost block: its look-ups of places and words start anew
        _located.clear()
        _suggested[0] = 0
    _collectors.append(found)
    _held.append(set())
    try:
        yield found
    finally:  # by identity: an empty list of a nested block equals this one
        index = next(i for i in range(len(_collectors) - 1, -1, -1) if _collectors[i] is found)
        del _collectors[index], _held[index]


def error(message: str, path: str | None = None, line: int | None = None,
          hint: str | None = None) -> None:
    """An error in the author's input. Inside ``collecting()`` it is recorded and the
    caller goes on (with a stand-in for what was wrong); outside, it is raised."""
    diagnostic = Diagnostic(message, str(path) if path else None, line, hint)
    if not _collectors:
        raise BuildError.of([diagnostic])
    key = (diagnostic.message, diagnostic.path, diagnostic.line, diagnostic.hint, diagnostic.severity)
    if key not in _held[-1]:
        _held[-1].add(key)
        _collectors[-1].append(diagnostic)


def record(failure: BuildError) -> None:
    """Record the diagnostics of a BuildError raised inside ``collecting()``."""
    for diagnostic in failure.diagnostics:
        error(diagnostic.message, diagnostic.path, diagnostic.line, diagnostic.hint)


def raise_collected(found: list[Diagnostic]) -> None:
    """Raise the errors found, in the order of the files and lines they name."""
    if found:
        raise BuildError.of(sorted(found, key=lambda d: (d.path is None, d.path or "", d.line or 0)))


def warn(message: str, path: str | None = None, line: int | None = None,
         hint: str | None = None) -> None:
    log.warning("%s", Diagnostic(message, str(path) if path else None, line, hint, "warning"))


class NamedFirst:
    """Warnings of one kind named one by one for the first ``limit``, the rest counted in
    one: a text of thousands of them is not read thousands of times for their places.

    >>> named = NamedFirst(2)
    >>> [named.take() for _ in range(3)], named.unnamed
    ([True, True, False], 1)
    """

    def __init__(self, limit: int = 30):
        self.limit, self.named, self.unnamed = limit, 0, 0

    def take(self) -> bool:
        """Whether the next warning is named (else it is only counted)."""
        if self.named < self.limit:
            self.named += 1
            return True
        self.unnamed += 1
        return False

    def report(self, what: str, hint: str) -> None:
        if self.unnamed:
            warn(f"{self.unnamed} more pieces of {what} than the {self.limit} named above", None, None, hint=hint)


def shorten(text: str, limit: int = 50) -> str:
    """A text as a message quotes it: on one line, cut at ``limit`` characters.

    >>> shorten("a   b"), shorten("x" * 60, 10)
    ('a b', 'xxxxxxxxx…')
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# How many "did you mean" a build looks for: each compares the word with every known one
# (100,000 keys of a .bib: a fifth of a second), so a submission of thousands of unknown
# keys would take hours (500 took 105 s); the mistakes past it are named without one.
SUGGESTED = 100
_suggested: list[int] = [0]


def suggestion(word: str, known, fallback: str | None = None, cutoff: float = 0.6) -> str | None:
    """``"did you mean 'x'?"`` for the closest known word, else ``fallback``.

    >>> suggestion("tbl:aloc", ["tbl:alloc", "fig:map"])
    "did you mean 'tbl:alloc'?"
    """
    close = closest(word, known, cutoff)
    return f"did you mean '{close}'?" if close else fallback


def closest(word: str, known, cutoff: float = 0.6) -> str | None:
    """The known word closest to ``word``, if one is close enough and the build has not
    looked for ``SUGGESTED`` of them already."""
    if _suggested[0] >= SUGGESTED:
        return None
    _suggested[0] += 1
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=cutoff)
    return close[0] if close else None


def source_files(doc, metadata: bool = False) -> list[str]:
    """The manuscript's sections in reading order; with ``metadata``, then the metadata
    files that are not sections (metadata.yaml)."""
    files = doc.get_metadata(SOURCE_FILES_KEY, default=[]) if doc else []
    files = [files] if isinstance(files, str) else list(files)
    extra = doc.get_metadata(METADATA_FILE_KEY, default=[]) if doc and metadata else []
    extra = [extra] if isinstance(extra, str) else list(extra)
    return files + [name for name in extra if name not in files]


HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
# How many different texts one build looks up in its sources for their places: each look-up
# reads every line, so a submission of thousands of different mistakes would take hours
# (20,000 refusals took 6 minutes); those past it are named without their place.
LOCATED = 2000
_located: dict = {}  # the build's look-ups: (pattern, files) → every (file, line) it matches


def source_lines(name: str) -> tuple[str, ...]:
    """A source's lines as the document holds them (NFC; a comment's text blanked: what a
    comment holds is in no document), read once per version of the file."""
    try:
        status = Path(name).stat()
    except OSError:
        return ()
    return _source_lines(name, status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=64)
def _source_lines(name: str, _mtime: int, _size: int) -> tuple[str, ...]:
    try:
        text = unicodedata.normalize("NFC", Path(name).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ()
    if "<!--" in text:
        text = HTML_COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)
    return tuple(without_yaml_comments(text.splitlines(), name.endswith((".yaml", ".yml"))))


def without_yaml_comments(lines: list[str], yaml: bool) -> list[str]:
    """The lines with a YAML comment's line blanked, in a YAML file or a text's YAML block
    (``# draft: see section\\ref{s}`` in a front matter: a warning about the text named it).
    A block is pandoc's: ``---`` (not after text, not before a blank line) to ``---`` or ``...``.

    >>> without_yaml_comments(["---", "title: T", "# old: x", "---", "", "---", "", "# Heading x"], yaml=False)
    ['---', 'title: T', '', '---', '', '---', '', '# Heading x']
    """
    blocks = [(0, len(lines))] if yaml else []
    number = 0
    while not yaml and number < len(lines):
        if lines[number].rstrip() == "---" and (number == 0 or not lines[number - 1].strip()) \
                and number + 1 < len(lines) and lines[number + 1].strip():
            end = next((after for after in range(number + 1, len(lines)) if lines[after].rstrip() in ("---", "...")),
                       None)
            if end is not None:
                blocks.append((number + 1, end))
                number = end
        number += 1
    for first, end in blocks:
        for inside in range(first, end):
            if lines[inside].lstrip().startswith("#"):
                lines[inside] = ""
    return lines


def locate(doc, pattern: str, nth: int = 0, metadata: bool = False) -> tuple[str | None, int | None]:
    """(file, line) of the ``nth`` line of the manuscript where the regex ``pattern``
    matches (the first, by default); with ``metadata``, metadata.yaml is searched
    after the sections (for a field, or text in one).

    Pandoc's Markdown reader keeps no source positions, so a filter that finds
    a problem in the AST looks the offending text up in the author's files (read
    as NFC, like the document: see ``press.manuscript``). Each text is looked up once a
    build (its every place found then: the ``nth`` is at hand), and a build looks up at
    most ``LOCATED`` texts.
    """
    files = tuple(source_files(doc, metadata))
    key = (pattern, files)
    if key not in _located:
        if len(_located) >= LOCATED:
            return None, None
        regex = re.compile(pattern)
        _located[key] = [(name, number) for name in files
                         for number, line in enumerate(source_lines(name), start=1) if regex.search(line)]
    places = _located[key]
    return (display_path(places[nth][0]), places[nth][1]) if nth < len(places) else (None, None)


def display_path(name: str | Path) -> str:
    """A path relative to the working folder when it lies below it, as editors expect."""
    path = Path(name)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def run_filter_main(action) -> None:
    """Run a pandoc filter's body; its errors are printed together, then exit 1."""
    logging.basicConfig(format="%(message)s", stream=sys.stderr)
    try:
        with collecting() as found:
            action()
        raise_collected(found)
    except BuildError as failure:
        print(failure, file=sys.stderr)
        sys.exit(1)
