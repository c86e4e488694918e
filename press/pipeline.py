"""The build, top to bottom: read → filters → editions (in parallel) → commit.

Each step is skipped when the cache (``press.cache``) says its inputs did not
change; heavy modules are imported only by the steps that run, so a build with
nothing to do costs little more than hashing the inputs.

``build(Path("."), Path("build"), ["html"])`` builds this repository's HTML
edition into ``build/html/``, as ``python build.py html`` does.
"""
from __future__ import annotations

import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from importlib import import_module
from pathlib import Path

from core import idle, inputs, jsontext
from core.diagnostics import BuildError, collecting, log, raise_collected, record
from core.names import METADATA_FILE_KEY, RESOURCES_KEY, STYLE_FILES_KEY, TEX_INPUTS_KEY
from core.templatepath import TemplatePath, template_path, with_templates
from filters.stages import Stage, needed, stages
from press.cache import Cache, ast_key, edition_key, source_date_epoch
from press.manuscript import Manuscript, find_manuscript, read, reported, slug_of
from press.output import commit, sweep


@dataclass
class Report:
    """What a build did, for the command line: stage timings, reused and written files."""
    timings: list[tuple[str, float]] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    def timed(self, name: str, started: float) -> None:
        self.timings.append((name, time.perf_counter() - started))


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextmanager
def collected_warnings(printed: bool = True):
    """The filters' warnings, kept for the cache to replay, and printed as usual unless
    ``printed`` is False (a journal's build prints each article's, named from the journal's
    folder, once, with its report)."""
    handler = _Collect()
    log.addHandler(handler)
    propagated, log.propagate = log.propagate, printed and log.propagate
    try:
        yield handler.messages
    finally:
        log.removeHandler(handler)
        log.propagate = propagated


def import_stages(chosen: tuple[Stage, ...] = stages()) -> None:
    """Import the filters and the editions' modules (jinja2, pikepdf): done while pandoc
    reads the Markdown, which would otherwise leave this process idle. (pikepdf imported
    on a thread while Typst typesets, as tried, took the core Typst lays pages out on.)"""
    import pikepdf  # noqa: F401 (the PDF's XMP: press.pdf.archival)

    import press.render  # noqa: F401
    import press.templates  # noqa: F401 (jinja2)
    for stage in chosen:
        import_module(stage.module)


def run_filters(doc, report: Report, chosen: tuple[Stage, ...] = stages(), after_metadata=None):
    """The stages in order (``filters.stages``). Each reports the author's mistakes and
    goes on, so one build names all of them; the build fails after the last stage if
    any was found. ``after_metadata(doc)`` runs once the metadata is checked (the
    EPUB's cover starts then)."""
    with collecting() as found, idle.scope():
        reported(doc)
        for position, stage in enumerate(chosen):
            name = stage.name
            started = time.perf_counter()
            try:
                doc = stage.run(doc)
            except BuildError as failure:  # a stage that cannot go on: the next ones may
                record(failure)
            except Exception:
                if not found:
                    raise
                break  # most likely a consequence of the mistakes already found
            report.timed(f"filter {name}", started)
            if name == "metadata" and not found:
                if after_metadata:
                    after_metadata(doc)
                schedule_warm_ups(doc, chosen[position + 1:])
    raise_collected(found)
    return doc


def schedule_warm_ups(doc, later: tuple[Stage, ...]) -> None:
    """What the later stages may do before their turn, for a wait to run (``core.idle``)."""
    for stage in later:
        if stage.warm_up:
            idle.schedule(partial(stage.warm_up_function(), doc))


def filtered_document(manuscript: Manuscript, report: Report, on_metadata=None,
                      chosen: tuple[Stage, ...] = stages(),
                      templates: TemplatePath = template_path(),
                      defaults: dict | None = None) -> tuple[dict, list[str], dict]:
    """Read and filter: the AST as pandoc JSON, with the job's facts; the warnings;
    the JSON tree the AST was written from (the first edition to ask takes it).
    ``on_metadata(plain, lang)`` runs as soon as the metadata is checked, before the
    other stages (with the same plain text a cached document gives: the same cover).
    The stages draw their figures with the ``templates``; ``defaults`` (a journal's) are
    metadata values for the keys the article does not set."""
    def after_metadata(checked):
        from press.render import plain_metadata
        on_metadata(plain_metadata(checked), checked.get_metadata("lang", default="en"))

    with collected_warnings() as warnings:  # the reader's too: a cached build repeats them all
        started = time.perf_counter()
        doc = with_templates(read(manuscript, while_reading=lambda: import_stages(chosen)), templates)
        for key, value in (defaults or {}).items():  # a journal's, for what the article does not say
            if key not in doc.metadata.content.dict:
                doc.metadata[key] = value
        report.timed("read", started)
        doc = run_filters(doc, report, chosen, after_metadata if on_metadata else None)
    from press.render import prepare_fields

    facts = {"slug": slug_of(doc), "lang": doc.get_metadata("lang", default="en"),
             "folder": str(manuscript.home),
             "metadata_files": doc.get_metadata(METADATA_FILE_KEY, default=[]),
             "resources": doc.get_metadata(RESOURCES_KEY, default={}),
             "sources": [str(source) for source in manuscript.text_files],
             # what the sources include: Quarto's included texts and metadata files (watched, hashed)
             "included": [str(path) for path in (*manuscript.text_files, *manuscript.merged_metadata)
                          if path not in manuscript.sources],
             "bibliography": doc.get_metadata("bibliography"),  # a list: see press.manuscript.read
             # the CSL style the citations stage read (and its parent): part of the cache key
             "styles": doc.get_metadata(STYLE_FILES_KEY, default=[]),
             "tex_inputs": doc.get_metadata(TEX_INPUTS_KEY, default=[]),  # what \input{…} read
             "plain": prepare_fields(doc)}
    tree = doc.to_json()
    return {"ast": jsontext.dumps(tree), **facts}, warnings, tree


def write_editions(job, wanted: list[str], report: Report, cover=None) -> dict[str, dict[str, bytes]]:
    """The editions, one thread per lane (see ``press.editions``); within a lane, in
    the list's order. ``cover``: the EPUB's cover, a future (drawn while the filters ran)."""
    from press.editions import EDITION, LANES, Shared

    def timed(name, function):
        started = time.perf_counter()
        result = function()
        report.timed(name, started)
        return result

    shared = Shared(job, cover, timed)

    def run_lane(names: list[str]) -> tuple[dict[str, dict[str, bytes]], list]:
        """The lane's editions; one that fails does not keep the next from running,
        so that a build names every edition's problems at once."""
        files, problems = {}, []
        for name in names:
            try:
                files[name] = timed(f"edition {name}", lambda: EDITION[name].write(job, shared))
            except BuildError as failure:
                problems += failure.diagnostics
        return files, problems

    lanes = [[name for name in wanted if EDITION[name].lane == lane] for lane in LANES]
    lanes = [names for names in lanes if names]
    with ThreadPoolExecutor(max_workers=len(lanes) or 1) as pool:
        running = [pool.submit(run_lane, names) for names in lanes]
        files: dict[str, dict[str, bytes]] = {}
        problems: list = []
        for lane in running:
            lane_files, lane_problems = lane.result()
            files.update(lane_files)
            problems += lane_problems
    raise_collected(problems)
    return files


def draw_cover(plain: dict, lang: str, timestamp: int | None, templates: TemplatePath,
               report: Report) -> bytes:
    from press.epub import epub_cover

    started = time.perf_counter()
    png = epub_cover(plain, lang, timestamp, templates)
    report.timed("epub cover", started)
    return png


def read_files(facts: dict) -> list[str]:
    """The files the filtered document read besides the manuscript: the bibliography
    (which may lie outside bibliography/), the CSL style, the figures and the files the
    text includes (a one-file manuscript's folder is not hashed whole, nor watched)."""
    return list(dict.fromkeys([*facts["bibliography"], *facts.get("styles", []), *facts.get("tex_inputs", []),
                               *facts.get("resources", {}).values(), *facts.get("included", [])]))


def edition_warnings(facts: dict, wanted: list[str]) -> list[str]:
    """The warnings of what the editions ``wanted`` should have from the metadata (an
    edition's ``check``), printed; a field one cannot do without is an error."""
    from press.editions import EDITION

    with collected_warnings() as found:
        for name in wanted:
            EDITION[name].check(facts["plain"], facts["metadata_files"])
    return found


def strictly(warnings: list[str], strict: bool) -> None:
    """With ``--strict``, the warnings (each printed already) are errors: nothing is written."""
    if strict and warnings:
        raise BuildError(f"{len(warnings)} warning(s), which --strict makes errors",
                         hint="each is printed above: correct them, or build without --strict")


def build(root: Path, out: Path, wanted: list[str], use_cache: bool = True,
          pdf_engine: str = "typst", untrusted: bool = False, path: Path | None = None,
          strict: bool = False, templates: tuple[str, ...] = (), limits: dict[str, int] | None = None) -> Report:
    """Build the editions ``wanted`` of the manuscript in ``root`` (``path``: its
    Markdown file or folder of sections, when named) into ``out``; with ``strict``,
    a warning stops the build as an error does. ``templates``: the journal's template
    folders (``--templates``), searched before the system's; ``limits``: the
    journal's ``--limit``s (``core.inputs``)."""
    with inputs.limits(limits):
        return build_within_limits(root, out, wanted, use_cache, pdf_engine, untrusted, templates, path, strict)


def build_within_limits(root: Path, out: Path, wanted: list[str], use_cache: bool, pdf_engine: str,
                        untrusted: bool, templates: tuple[str, ...], named: Path | None, strict: bool) -> Report:
    report = Report()
    sweep(out)  # what a killed build left half-written
    manuscript = find_manuscript(root, named)
    path = template_path(templates)
    options = {"source_date_epoch": source_date_epoch(), "pdf_engine": pdf_engine}
    # `untrusted` changes what the stages accept: the document's key has it.
    document_options = {"untrusted": untrusted}
    cache = Cache(out, use_cache)

    # The .bib files the metadata names may lie outside bibliography/: the last build
    # recorded which ones the document read (a change to metadata.yaml changes the key).
    key = ast_key((*manuscript.inputs, *cache.state.read), document_options, path)
    keys = {name: edition_key(name, key, options, path) for name in wanted}
    todo = [name for name in wanted if not cache.edition_current(name, keys[name], out)]
    report.reused += [name for name in wanted if name not in todo]
    with ThreadPoolExecutor(max_workers=1) as pictures:
        covers = []

        def start_cover(plain: dict, lang: str) -> None:
            # The EPUB's cover needs only the metadata: Typst draws it on the core
            # that the filters, which hold the interpreter, leave idle.
            if "epub" in todo:
                covers.append(pictures.submit(draw_cover, plain, lang, options["source_date_epoch"], path,
                                              report))

        cached = cache.ast(key)
        tree = None
        if cached is not None:
            facts = json.loads(cached)
            for message in cache.state.warnings:
                log.warning("%s", message)
            report.reused.insert(0, "filters")
            warnings = cache.state.warnings
            start_cover(facts["plain"], facts["lang"])
        else:
            facts, warnings, tree = filtered_document(manuscript, report, on_metadata=start_cover,
                                                      chosen=stages(untrusted), templates=path)
            key = ast_key((*manuscript.inputs, *read_files(facts)), document_options, path)
            keys = {name: edition_key(name, key, options, path) for name in wanted}

        strictly(warnings, strict)
        if strict:  # what each edition asks of the metadata, even of an edition the cache keeps
            strictly(edition_warnings(facts, wanted), strict)
        files: dict[str, dict[str, bytes]] = {}
        if todo:
            from press.editions import sandboxed_job
            # the editions read copies of the checked files, nothing else
            with sandboxed_job(facts, timestamp=options["source_date_epoch"], pdf_engine=pdf_engine,
                               templates=tuple(templates), tree=[tree] if tree else []) as job, \
                    collected_warnings() as written:
                tree = None  # the writer that takes it from the job frees it when done
                files = write_editions(job, todo, report, covers[0] if covers else None)
            strictly(written, strict)  # what an edition could not show: nothing is written
    # The editions and the cache's records are written together: all or nothing.
    outputs = {rel: data for group in files.values() for rel, data in group.items()}
    records = cache.files(key, json.dumps(facts), warnings, {name: (keys[name], files[name]) for name in files},
                          read_files(facts)) if todo or cached is None else {}
    if outputs or records:
        started = time.perf_counter()
        commit(out, {**outputs, **records})
        report.written = [out / relative for relative in sorted(outputs)]
        report.timed("write", started)
    return report


def check(root: Path, untrusted: bool = False, editions: tuple[str, ...] = (),
          path: Path | None = None, strict: bool = False, templates: tuple[str, ...] = (),
          limits: dict[str, int] | None = None) -> list[str]:
    """Every validation of a build (citations, entries, events, links, and what the
    named editions require of the metadata), writing nothing; with ``strict``, the
    warnings are errors; the stages draw their figures with the journal's
    ``templates``, as the build does."""
    from press.editions import EDITION

    with inputs.limits(limits):
        manuscript = find_manuscript(root, path)
        facts, warnings, _ = filtered_document(manuscript, Report(), chosen=stages(untrusted),
                                               templates=template_path(templates))
    strictly(warnings, strict)
    with collecting() as found:
        for name in editions:
            try:
                EDITION[name].check(facts["plain"], facts["metadata_files"])
            except BuildError as failure:
                record(failure)
    raise_collected(found)
    return warnings


def chronology_events(root: Path, path: Path | None = None) -> tuple[list, str]:
    """The chronology's events as the next build would print them (the author's
    corrections applied), and the document's language: the stages up to the
    chronology, nothing written."""
    with collecting() as found:
        doc = read(find_manuscript(root, path))
        reported(doc)
        for stage in needed("chronology"):
            doc = stage.run(doc)
    raise_collected(found)
    return getattr(doc, "chronology_events", []), doc.get_metadata("lang", default="en")


def chronology_review(root: Path, path: Path | None = None) -> list[str]:
    """``python build.py chronology``: each event of the appendix, its text, its places
    and what looks weak, for an editor (corrections go in manuscript/chronology.yaml)."""
    from filters.dates import format_long
    from filters.events import review_lines

    events, lang = chronology_events(root, path)
    return review_lines(events, lambda span: format_long(span, lang), lang)
