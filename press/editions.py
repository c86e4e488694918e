"""The three editions. Each writer takes the filtered document (as pandoc JSON)
and returns its files as ``{relative path: bytes}``; nothing touches ``build/``
until every edition has succeeded (see ``press.output``).
"""
from __future__ import annotations

import json
import os
import tempfile
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import jinja2
import typst

from filters.diagnostics import BuildError
from filters.language import LANGUAGES, base_language
from filters.markup import typst_string
from press.render import Rendered, render
from press.tools import run_pandoc

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
EDITIONS = ("pdf", "html", "epub")  # build.py lists them too, to stay light


@dataclass(frozen=True)
class Job:
    """What every writer needs: the filtered AST and the names of the outputs."""
    doc_json: str
    slug: str
    lang: str
    timestamp: int | None  # SOURCE_DATE_EPOCH, for reproducible dates

    @property
    def terms(self) -> dict:
        return LANGUAGES[base_language(self.lang)]


def environment(edition: str, autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES / edition),
                             autoescape=autoescape, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, undefined=jinja2.ChainableUndefined)
    env.filters["typst_string"] = typst_string
    env.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True)
    return env


def context(job: Job, rendered: Rendered, edition: str) -> dict:
    """The variables every template sees; absent metadata is simply absent."""
    translation = rendered.plain.get("translation") or {}
    return {"meta": rendered.meta, "plain": rendered.plain, "body": rendered.body,
            "toc": rendered.toc, "terms": job.terms, "lang": job.lang, "slug": job.slug,
            "edition": edition, "year": year_of(rendered.plain),
            "translation_terms": LANGUAGES[base_language(translation.get("lang", "en"))]}


def year_of(plain: dict) -> str:
    return str(plain.get("date", ""))[:4]


# --- HTML -------------------------------------------------------------------

HTML_ARGS = ["--toc", "--toc-depth=2", "--number-sections", "--section-divs",
             "--html-q-tags", "--wrap=none"]


def render_html(job: Job) -> Rendered:
    return render(job.doc_json, "html5", HTML_ARGS)


def write_html(job: Job, rendered: Rendered) -> dict[str, bytes]:
    page = environment("html", autoescape=True).get_template("page.html.j2")
    html = page.render(context(job, rendered, "html"),
                       pdf=f"../{job.slug}.pdf", epub=f"../{job.slug}.epub")
    return {"html/index.html": html.encode("utf-8"),
            "html/style.css": (TEMPLATES / "html" / "style.css").read_bytes()}


# --- EPUB -------------------------------------------------------------------

def epub_identifier(plain: dict) -> str:
    """The DOI when there is one, else a UUID derived from the title and date: stable."""
    doi = plain.get("doi")
    if doi:
        return f"doi:{doi}"
    seed = f"{plain.get('title', '')}|{plain.get('date', '')}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}"


def write_epub(job: Job, rendered: Rendered) -> dict[str, bytes]:
    """pandoc's EPUB 3 writer, with our stylesheet and our title page."""
    title_page = environment("epub", autoescape=True).get_template("titlepage.xhtml.j2") \
        .render(context(job, rendered, "epub"))
    authors = [a.get("name", "") for a in rendered.plain.get("authors", [])]
    with tempfile.TemporaryDirectory() as folder:
        title_file = Path(folder) / "title.html"
        title_file.write_text(title_page, encoding="utf-8")
        output = Path(folder) / "book.epub"
        args = ["--from", "json", "--to", "epub3", "--output", str(output),
                "--css", str(TEMPLATES / "epub" / "style.css"), "--toc", "--toc-depth=2",
                "--number-sections", "--split-level=1", "--epub-title-page=false",
                "--include-before-body", str(title_file),
                "--metadata", f"identifier={epub_identifier(rendered.plain)}"]
        for author in authors:
            args += ["--metadata", f"author={author}"]
        env = {"SOURCE_DATE_EPOCH": str(job.timestamp)} if job.timestamp is not None else {}
        run_pandoc(args, stdin=job.doc_json, env=env)
        return {f"{job.slug}.epub": output.read_bytes()}


# --- PDF (Typst) ------------------------------------------------------------

def render_typst(job: Job) -> Rendered:
    # Without `smart`, pandoc writes ’ as ’: Typst's smart quotes would print
    # "2020'de" with a prime after the digit.
    return render(job.doc_json, "typst-smart", ["--wrap=none"])


def typst_source(job: Job, rendered: Rendered) -> str:
    template = environment("typst", autoescape=False).get_template("article.typ.j2")
    return template.render(context(job, rendered, "pdf"))


class TypstSession:
    """One Typst compiler for the life of the process: in watch mode a recompile
    reuses everything Typst memoised (fonts, layout), 0.02 s instead of 0.15 s."""

    def __init__(self):
        self._compiler = None
        self._lock = threading.Lock()

    def compile(self, source: str, timestamp: int | None) -> bytes:
        with self._lock:
            if self._compiler is None:
                self._compiler = typst.Compiler(root=str(TEMPLATES / "typst"),
                                                ignore_system_fonts=True)
            try:
                return self._compiler.compile(input=source.encode("utf-8"), format="pdf",
                                              timestamp=timestamp)
            except typst.TypstError as error:
                raise BuildError(f"typst failed: {error.message}",
                                 hint="; ".join(error.hints) or "see the message above") from None


TYPST = TypstSession()


def write_pdf(job: Job) -> dict[str, bytes]:
    return {f"{job.slug}.pdf": TYPST.compile(typst_source(job, render_typst(job)), job.timestamp)}


def source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    return int(value) if value and value.isdigit() else None

