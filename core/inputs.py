"""What the build accepts from a project: regular files, each kind within its size limit.

Every file of the project is looked at before anything reads it: a FIFO, a device or
a socket saved under a section's name (which would hang the build, or read without
end) is an error naming it, and so is a file past its limit. The limits bound what
a build of an accepted manuscript costs (the README gives the memory it stays under);
a journal raises one with ``--limit NAME=SIZE``, a command-line switch, never metadata.

>>> parse_limit("text=8M"), parse_limit("pixels=100M"), shown_size(4_000_000)
(('text', 8000000), ('pixels', 100000000), '4 MB')
>>> parse_limit("words=3")
Traceback (most recent call last):
ValueError: unknown limit 'words' (choose from text, bib, figure, figures, pixels, field, cells, word, document, memory, seconds)
"""
from __future__ import annotations

import os
import re
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from core.diagnostics import BuildError, display_path


@dataclass(frozen=True)
class Limit:
    default: int
    unit: str
    what: str


LIMITS = {
    "text": Limit(2_000_000, "bytes", "the Markdown sections, metadata.yaml and chronology.yaml, together"),
    "bib": Limit(8_000_000, "bytes", "the bibliography files (.bib, .json) and a .csl style, together"),
    "figure": Limit(25_000_000, "bytes", "one file of manuscript/ besides the text (a figure)"),
    "figures": Limit(100_000_000, "bytes", "the figures together (and the other files of manuscript/)"),
    "pixels": Limit(50_000_000, "pixels", "one PNG or JPEG picture, its width × height as its header declares"),
    "field": Limit(20_000, "characters", "one metadata value (an abstract, a title)"),
    "cells": Limit(20_000, "cells", "the tables' cells, together (pandoc takes 20 s for 200,000)"),
    "word": Limit(500, "characters", "one word of the PDF (pandoc's Typst writer takes time in its square)"),
    "document": Limit(40_000_000, "characters", "what one pandoc or Typst run writes (a note, a link's definition or a "
                      "cited work's text is repeated at each use: 40 KB of notes used 5,000 times took 8 GB)"),
    "memory": Limit(2_000_000_000, "bytes", "what one run of pandoc or Typst may hold (a CSL style whose macro "
                    "calls itself took 6 GB in 20 s; 40,000 notes took Typst 3.1 GB; the article takes 60 MB)"),
    "seconds": Limit(120, "seconds", "one run of pandoc or Typst (pandoc's Markdown reader takes time in the square "
                     "of some texts: 16,000 '<' in a row took 50 s; the article takes 0.2 s, ten times it 2 s)"),
}
_current: dict[str, int] = {name: limit.default for name, limit in LIMITS.items()}
SUFFIXES = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9}


def parse_limit(text: str) -> tuple[str, int]:
    """``NAME=SIZE`` (``K``, ``M``, ``G``: thousands, millions, billions) → (name, size)."""
    name, _, value = text.partition("=")
    if name not in LIMITS:
        raise ValueError(f"unknown limit '{name}' (choose from {', '.join(LIMITS)})")
    match = re.fullmatch(r"(\d+)([KMG]?)", value.strip().upper())
    if not match:
        raise ValueError(f"'{value}' is not a size: write a number, e.g. {name}=8M")
    return name, int(match.group(1)) * SUFFIXES[match.group(2)]


def limit(name: str) -> int:
    return _current[name]


@contextmanager
def limits(overrides: dict[str, int] | None):
    """The limits of one build: the defaults, with a journal's ``--limit``s."""
    global _current
    previous = _current
    _current = {**{name: limit.default for name, limit in LIMITS.items()}, **(overrides or {})}
    try:
        yield
    finally:
        _current = previous


def shown_size(size: int, unit: str = "bytes") -> str:
    """A size for a message: ``4 MB``, ``50 million pixels``."""
    if unit == "pixels":
        return f"{size / 1e6:g} million pixels"
    if unit == "seconds":
        return f"{size:,} s"
    if unit in ("characters", "cells"):
        return f"{size:,} {unit}"
    for name, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= factor:
            return f"{size / factor:.3g} {name}"
    return f"{size} bytes"


def too_large(name: str, path: Path | str | None, size: int, line: int | None = None) -> BuildError:
    """The error for an input past the limit ``name``."""
    rule = LIMITS[name]
    return BuildError(f"{shown_size(size, rule.unit)}: over the limit of {shown_size(limit(name), rule.unit)} "
                      f"for {rule.what}", display_path(path) if path else None, line,
                      hint=f"a journal that accepts more raises it: --limit {name}=…")


KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
         stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def regular(path: Path, status: os.stat_result | None = None) -> os.stat_result:
    """The file's status (its links followed) when it is a regular file; else the
    error naming it, what it is instead, before anything opens it."""
    try:
        status = status or os.stat(path)
    except OSError as failure:
        raise BuildError(f"cannot read the file: {failure.strerror}", display_path(path)) from None
    if not stat.S_ISREG(status.st_mode):
        kind = KINDS.get(stat.S_IFMT(status.st_mode), "not a regular file")
        raise BuildError(f"{kind}, not a regular file: the build reads only files", display_path(path),
                         hint="save the text or the figure as an ordinary file")
    return status


def read_input(path: Path, name: str, budget: int | None = None) -> bytes:
    """The bytes of a regular file within the limit ``name`` (or a ``budget`` left of
    it): opened without waiting (a FIFO swapped in after the check cannot block) and
    checked again once open, read no further than the limit."""
    budget = limit(name) if budget is None else budget
    size = regular(path).st_size
    if size > budget:
        raise too_large(name, path, size)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as failure:
        raise BuildError(f"cannot read the file: {failure.strerror}", display_path(path)) from None
    with open(handle, "rb") as stream:
        regular(path, os.fstat(stream.fileno()))
        data = stream.read(budget + 1)
    if len(data) > budget:
        raise too_large(name, path, len(data))
    return data
