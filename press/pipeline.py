"""The build, top to bottom: read → filters → editions (in parallel) → commit.

>>> build(Path("."), Path("build"), ["html"])   # doctest: +SKIP
"""
from __future__ import annotations

import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import icu
import panflute as pf

from filters import chronology, citations
from filters.diagnostics import BuildError
from press import editions
from press.manuscript import find_manuscript, read
from press.output import commit

# Named stages in a fixed order: citations first, so that the chronology sees
# rendered citations (and leaves them out of event texts) and comes after the
# bibliography.
FILTERS: list[tuple[str, Callable]] = [
    ("citations", citations.main),
    ("chronology", chronology.main),
]


@dataclass
class Report:
    """What a build did, for the command line: stage timings and written files."""
    timings: list[tuple[str, float]] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    def timed(self, name: str, started: float) -> None:
        self.timings.append((name, time.perf_counter() - started))


def slug_of(doc: pf.Doc) -> str:
    """``slug`` from the metadata, else the title in ASCII: "daglik-karabag-…"."""
    explicit = doc.get_metadata("slug", default=None)
    if explicit:
        return explicit
    title = pf.stringify(doc.metadata["title"]) if "title" in doc.metadata else "article"
    ascii_title = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII").transliterate(title)
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "article"


def run_filters(doc: pf.Doc, report: Report) -> pf.Doc:
    for name, main in FILTERS:
        started = time.perf_counter()
        doc = main(doc)
        report.timed(f"filter {name}", started)
    return doc


def write_editions(job: editions.Job, wanted: list[str], report: Report) -> dict[str, bytes]:
    """The editions side by side; the HTML render also feeds the EPUB's title page."""
    def timed(name, function, *args):
        started = time.perf_counter()
        result = function(*args)
        report.timed(f"edition {name}", started)
        return result

    def html_and_epub():
        files = {}
        rendered = editions.render_html(job)
        with ThreadPoolExecutor(max_workers=2) as pool:
            tasks = []
            if "html" in wanted:
                tasks.append(pool.submit(timed, "html", editions.write_html, job, rendered))
            if "epub" in wanted:
                tasks.append(pool.submit(timed, "epub", editions.write_epub, job, rendered))
            for task in tasks:
                files.update(task.result())
        return files

    files: dict[str, bytes] = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        tasks = []
        if "pdf" in wanted:
            tasks.append(pool.submit(timed, "pdf", editions.write_pdf, job))
        if "html" in wanted or "epub" in wanted:
            tasks.append(pool.submit(html_and_epub))
        for task in tasks:
            files.update(task.result())
    return files


def build(root: Path, out: Path, wanted: list[str]) -> Report:
    report = Report()
    started = time.perf_counter()
    manuscript = find_manuscript(root)
    doc = read(manuscript)
    report.timed("read", started)

    doc = run_filters(doc, report)

    job = editions.Job(doc_json=json.dumps(doc.to_json()), slug=slug_of(doc),
                       lang=doc.get_metadata("lang", default="en"),
                       timestamp=editions.source_date_epoch())
    files = write_editions(job, wanted, report)

    started = time.perf_counter()
    report.written = commit(out, files)
    report.timed("write", started)
    return report
