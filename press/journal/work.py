"""One article's build, as a worker runs it: on one of this machine's processes or on
a Dask worker anywhere. Its input (``Task``) and output (``Result``) are plain data,
its files bytes; it writes nothing but the shared store's entries (``press.journal.store``).

The filtered document is keyed on the article's sources alone (the stages do not
depend on the journal), each edition on the document, the journal's decision and the
templates: an article typeset again because its first page moved is not filtered again.
The PDF is made first, on its first page: it prints its last page as it ends
(``press.journal.decide.apply``'s ``counted``), so it depends on its first page alone,
and a PDF typeset on the first page that turns out final (to learn its length, while
the pages before it were not known) is reused as it is; the other editions follow, on
the range its length gives.

>>> relabel("/j/a/manuscript/x.md:3: error: y", [("/j/a/", "issues/1/a/")])
'issues/1/a/manuscript/x.md:3: error: y'
"""
from __future__ import annotations

import json
import os
import re
import resource
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

from press.journal.project import Article, Issue, Journal


@dataclass(frozen=True)
class Task:
    """Build ``editions`` of one article, its first page ``first_page`` (its last is the
    one its PDF ends on)."""
    journal: Journal
    issue: Issue
    article: Article
    first_page: int
    editions: tuple[str, ...]
    cache: str | None
    timestamp: int | None
    untrusted: bool = False  # built as a submission: the stages refuse raw markup (--untrusted)
    # its PDF's pages, if known (the last build's, or a PDF typeset ahead): its other editions
    # are then made beside the PDF, on the range it gives, and again only if the PDF differs
    expected_count: int | None = None


@dataclass
class Result:
    place: str
    pages: tuple[int, int]
    slug: str = ""
    lang: str = ""
    count: int = 0                     # the typeset PDF's pages
    files: dict = field(default_factory=dict)   # edition → {relative path: bytes}
    plain: dict = field(default_factory=dict)   # the metadata as plain text, as decided
    warnings: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    made: list = field(default_factory=list)    # the editions made (not taken from the store)
    cpu: float = 0.0                   # seconds of CPU, this process and its pandoc runs
    memory: int = 0                    # the worker's peak resident memory, kB


def relabel(message: str, prefixes: list[tuple[str, str]]) -> str:
    """A message's files named from the journal's folder, however the build found them:
    the one it is about, and those it names ("first defined at …").

    >>> relabel("/j/i/a/p.md:3: error: x (first defined at /j/i/a/p.md:1)", [("/j/i/a/", "i/a/")])
    'i/a/p.md:3: error: x (first defined at i/a/p.md:1)'
    """
    if not prefixes:
        return message
    shown = dict(prefixes)
    return folders_named(tuple(before for before, _ in prefixes)).sub(lambda match: shown[match.group()], message)


@lru_cache(maxsize=64)
def folders_named(folders: tuple[str, ...]) -> re.Pattern:
    """The pattern of an article's folders where a message names a file: compiled once an
    article, not once a message."""
    return re.compile(r"(?:^|(?<=[\s(]))(?:%s)" % "|".join(map(re.escape, folders)))


def placed(message: str, place: str) -> str:
    """A message that names no file of the article names the article.

    >>> placed("error: typst failed", "issues/1/a"), placed("issues/1/a/x.md:3: error: y", "issues/1/a")
    ('issues/1/a: error: typst failed', 'issues/1/a/x.md:3: error: y')
    """
    return message if message.startswith(place) else f"{place}: {message}"


def prefixes(task: Task) -> list[tuple[str, str]]:
    from core.diagnostics import display_path

    folder = task.article.folder
    pairs = {}
    # The article's folders as the build may name them: as written, or where a link leads
    # (a manuscript/ that is a link elsewhere, a folder that is one).
    for inner in [folder, *(p for p in folder.iterdir() if p.is_dir())]:
        shown = f"{task.article.place}/" + (f"{inner.name}/" if inner != folder else "")
        for name in (str(inner), display_path(inner), str(inner.resolve()), display_path(inner.resolve())):
            pairs.setdefault(f"{name}/", shown)
    return sorted(pairs.items(), key=lambda pair: len(pair[0]), reverse=True)


def cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def filtered(manuscript, store, path, report, untrusted: bool = False,
             defaults: dict | None = None) -> tuple[str, dict, list[str]]:
    """The filtered document's key, facts and warnings: from the store, or made (by the
    stages an ``untrusted`` build runs, when it is one; with the journal's ``defaults``
    for what the article's metadata does not say)."""
    from filters.stages import stages
    from press.cache import ast_key
    from press.pipeline import filtered_document, read_files

    options = {"untrusted": untrusted, **({"defaults": defaults} if defaults else {})}
    first = ast_key(manuscript.inputs, options, path)
    read = json.loads(store.get("read", first) or b"[]")
    key = ast_key((*manuscript.inputs, *read), options, path)
    cached = store.get("filtered", key)
    if cached is not None:
        entry = json.loads(cached)
        return key, entry["facts"], entry["warnings"]
    facts, warnings, _ = filtered_document(manuscript, report, chosen=stages(untrusted), templates=path,
                                           defaults=defaults)
    read = read_files(facts)
    key = ast_key((*manuscript.inputs, *read), options, path)
    store.put("read", first, json.dumps(read).encode("utf-8"))
    store.put("filtered", key, json.dumps({"facts": facts, "warnings": warnings}).encode("utf-8"))
    return key, facts, warnings


def editions(task: Task, key: str, facts: dict, decided: dict, store, path, report,
             names: tuple[str, ...]) -> tuple[dict, list]:
    """The editions ``names``: from the store, or written (and stored)."""
    from press.cache import digest, edition_key
    from press.editions import sandboxed_job
    from press.journal.store import bundle, unbundle
    from press.pipeline import draw_cover, write_editions

    options = {"source_date_epoch": task.timestamp, "pdf_engine": "typst"}
    decided_key = digest([key, json.dumps(decided, sort_keys=True)])
    keys = {name: edition_key(name, decided_key, options, path) for name in names}
    files = {}
    for name in names:
        cached = store.get("edition", keys[name])
        if cached is not None:
            files[name] = unbundle(cached)
    todo = [name for name in names if name not in files]
    if todo:
        slug = facts["slug"]
        cover = Future()
        if "epub" in todo:
            cover.set_result(draw_cover(facts["plain"], facts["lang"], task.timestamp, path, report))
        addresses = {"pdf": f"{slug}.pdf", "epub": f"{slug}.epub", "pdf_url": f"{decided['url']}{slug}.pdf"}
        with sandboxed_job(facts, timestamp=task.timestamp, templates=task.journal.templates,
                           addresses=addresses) as job:
            made = write_editions(job, todo, report, cover)
        for name, written in made.items():
            store.put("edition", keys[name], bundle(written))
        files.update(made)
    return files, todo


def build_article(task: Task) -> Result:
    """The article's editions on its pages, or its errors (never an exception for the
    author's mistakes: the coordinator reports every article's together)."""
    from core.diagnostics import BuildError
    from core.metadatafile import read_source
    from core.templatepath import template_path
    from press.journal.decide import apply, conflicts, decision, places
    from press.journal.pagination import page_count
    from press.journal.store import Store
    from press.manuscript import find_manuscript
    from press.pipeline import Report, collected_warnings

    started = cpu_seconds()
    result = Result(task.article.place, (task.first_page, task.first_page))
    names = prefixes(task)
    store = Store(task.cache)
    report = Report()
    try:
        with collected_warnings(printed=False) as logged:
            # Where it really is: its figures are read from there (Typst's root, the web's SVGs).
            manuscript = find_manuscript(task.article.folder.resolve())
            path = template_path(task.journal.templates)
            key, filtered_facts, warnings = filtered(manuscript, store, path, report, task.untrusted,
                                                     task.journal.article_defaults)
            first, slug = task.first_page, filtered_facts["slug"]
            others = tuple(name for name in task.editions if name != "pdf")

            def made_on(pages, names):
                """The editions ``names`` on ``pages`` (the PDF: its last page its own)."""
                decided = decision(task.journal, task.issue, task.article, slug, pages)
                facts = apply(filtered_facts, decided, counted=pages[1] is None)
                return (facts, decided, *editions(task, key, facts, decided, store, path, report, names))

            guessed = (first, first + task.expected_count - 1) if others and task.expected_count else None
            with ThreadPoolExecutor(max_workers=1) as beside:  # the other editions on the expected range
                expected = beside.submit(made_on, guessed, others) if guessed else None
                _, _, result.files, result.made = made_on((first, None), ("pdf",))
            result.count = page_count(result.files["pdf"][f"{slug}.pdf"])
            result.pages = (first, first + max(result.count, 1) - 1)
            facts, decided, files, made = expected.result() if expected and guessed == result.pages else \
                made_on(result.pages, others)
            result.files.update(files)
            result.made += made
            warnings = [*warnings, *conflicts(read_source(str(manuscript.metadata_file or "")), decided,
                                              places(task.journal, task.issue))]
        result.slug, result.lang, result.plain = facts["slug"], facts["lang"], facts["plain"]
        result.warnings = [relabel(message, names) for message in dict.fromkeys([*warnings, *logged])]
    except BuildError as failure:
        result.errors = [placed(relabel(str(diagnostic), names), task.article.place)
                         for diagnostic in failure.diagnostics]
        result.files = {}
    except RecursionError:
        from press.manuscript import too_deep_in
        result.errors = [placed(relabel(str(too_deep_in(task.article.folder.resolve()).diagnostic), names),
                                task.article.place)]
    result.cpu = cpu_seconds() - started
    result.memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return result


def warm() -> float:
    """Import what a build needs, once per worker process (before its first article)."""
    started = time.perf_counter()
    from press.pipeline import import_stages
    import_stages()
    import press.editions  # noqa: F401
    return time.perf_counter() - started
