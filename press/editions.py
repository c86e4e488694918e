"""The three editions. Each writer takes the filtered document (as pandoc JSON)
and returns its files as ``{relative path: bytes}``; nothing touches ``build/``
until every edition has succeeded (see ``press.output``).
"""
from __future__ import annotations

import json
import re
import tempfile
import threading
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2
import typst

from filters.diagnostics import BuildError
from filters.language import LANGUAGES, base_language
from filters.markup import typst_string
from filters.templating import template_environment
from press.render import Rendered, render
from press.tools import run_pandoc

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class Job:
    """What every writer needs: the filtered AST and the names of the outputs."""
    doc_json: str
    slug: str
    lang: str
    timestamp: int | None  # SOURCE_DATE_EPOCH, for reproducible dates
    pdf_engine: str = "typst"
    bibliography: tuple[str, ...] = ()  # the .bib files, copied into the LaTeX folder
    plain: dict = field(default_factory=dict, hash=False)  # the metadata as plain text

    @property
    def terms(self) -> dict:
        return LANGUAGES[base_language(self.lang)]


@lru_cache(maxsize=None)  # one per edition and escaping: its templates stay loaded (watch, serve)
def environment(edition: str, autoescape: bool) -> jinja2.Environment:
    # LaTeX writes `{#1}` for macro arguments: its templates mark comments `{## … ##}`.
    comments = ("{##", "##}") if edition == "latex" else ("{#", "#}")
    env = template_environment(TEMPLATES / edition,
                               autoescape=autoescape, trim_blocks=True, lstrip_blocks=True,
                               keep_trailing_newline=True, undefined=jinja2.ChainableUndefined,
                               comment_start_string=comments[0], comment_end_string=comments[1])
    env.filters["typst_string"] = typst_string
    env.filters["jsonld"] = jsonld
    return env


def jsonld(value) -> str:
    """JSON for a <script> element: "</script>" inside a title cannot close it."""
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_range(pages) -> tuple[str, str]:
    """``"12-30"`` → ``("12", "30")``; one page → ``("12", "")``."""
    parts = re.split(r"\s*[-–]+\s*", str(pages), maxsplit=1)
    return parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")


def scholarly_article(plain: dict, lang: str, pdf_url: str) -> dict:
    """schema.org ScholarlyArticle from the plain-text metadata; absent fields stay out."""
    journal = plain.get("journal") or {}
    article = {"@context": "https://schema.org", "@type": "ScholarlyArticle",
               "headline": plain.get("title"), "name": plain.get("title"), "inLanguage": lang,
               "alternativeHeadline": (plain.get("translation") or {}).get("title"),
               "abstract": plain.get("abstract"), "datePublished": plain.get("date"),
               "keywords": ", ".join(plain.get("keywords") or []) or None,
               "encoding": {"@type": "MediaObject", "contentUrl": pdf_url,
                            "encodingFormat": "application/pdf"},
               "author": [{"@type": "Person", "name": a.get("name"),
                           **({"affiliation": {"@type": "Organization", "name": a["affiliation"]}}
                              if a.get("affiliation") else {}),
                           **({"identifier": f"https://orcid.org/{a['orcid']}"} if a.get("orcid") else {})}
                          for a in plain.get("authors") or []] or None,
               "identifier": f"https://doi.org/{plain['doi']}" if plain.get("doi") else None,
               "isPartOf": {"@type": "PublicationIssue", "issueNumber": journal.get("issue"),
                            "isPartOf": {"@type": "PublicationVolume", "volumeNumber": journal.get("volume"),
                                         "isPartOf": {"@type": "Periodical", "name": journal.get("name")}}}
               if journal.get("name") else None,
               "pagination": journal.get("pages"),
               "citation": [{"@type": "CreativeWork", "name": ref}
                            for ref in plain.get("reference-list") or []] or None}
    return {key: value for key, value in article.items() if value}


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
    return render(job.doc_json, "html5", HTML_ARGS, job.plain)


def write_html(job: Job, rendered: Rendered) -> dict[str, bytes]:
    page = environment("html", autoescape=True).get_template("page.html.j2")
    pdf = f"../{job.slug}.pdf"
    pages = page_range((rendered.plain.get("journal") or {}).get("pages", ""))
    html = page.render(context(job, rendered, "html"), pdf=pdf, epub=f"../{job.slug}.epub",
                       first_page=pages[0], last_page=pages[1],
                       jsonld=scholarly_article(rendered.plain, job.lang, pdf))
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


def epub_cover(plain: dict, lang: str, timestamp: int | None) -> bytes:
    """The cover as PNG, drawn by Typst from the metadata as plain text alone, so
    that it needs neither the filters nor a render."""
    source = environment("epub", autoescape=False).get_template("cover.typ.j2").render(
        plain=plain, lang=lang, year=year_of(plain))
    return TYPST_PICTURES.compile(source, timestamp, output="png")


def write_epub(job: Job, rendered: Rendered, cover: bytes) -> dict[str, bytes]:
    """pandoc's EPUB 3 writer, with our stylesheet, our title page (from the HTML
    render's metadata) and the generated cover."""
    info = context(job, rendered, "epub")
    title_page = environment("epub", autoescape=True).get_template("titlepage.xhtml.j2").render(info)
    doc = json.loads(job.doc_json)
    # Our title page opens the book, as a chapter of its own (before the first section).
    doc["blocks"].insert(0, {"t": "RawBlock", "c": ["html", title_page]})
    plain = rendered.plain
    with tempfile.TemporaryDirectory() as folder:
        cover_file = Path(folder) / "cover.png"
        cover_file.write_bytes(cover)
        output = Path(folder) / "book.epub"
        args = ["--from", "json", "--to", "epub3", "--output", str(output),
                "--css", str(TEMPLATES / "epub" / "style.css"), "--toc", "--toc-depth=2",
                "--number-sections", "--split-level=1", "--epub-title-page=false",
                "--epub-cover-image", str(cover_file),
                "--metadata", f"identifier={epub_identifier(plain)}"]
        for author in plain.get("authors") or []:
            args += ["--metadata", f"author={author.get('name', '')}"]
        if (plain.get("journal") or {}).get("name"):
            args += ["--metadata", f"publisher={plain['journal']['name']}"]
        env = {"SOURCE_DATE_EPOCH": str(job.timestamp)} if job.timestamp is not None else {}
        run_pandoc(args, stdin=json.dumps(doc), env=env)
        return {f"{job.slug}.epub": output.read_bytes()}


# --- PDF (Typst) ------------------------------------------------------------

def render_typst(job: Job) -> Rendered:
    # Without `smart`, pandoc writes ’ as ’: Typst's smart quotes would print
    # "2020'de" with a prime after the digit.
    return render(job.doc_json, "typst-smart", ["--wrap=none"], job.plain)


def typst_source(job: Job, rendered: Rendered) -> str:
    template = environment("typst", autoescape=False).get_template("article.typ.j2")
    return template.render(context(job, rendered, "pdf"))


class TypstSession:
    """One Typst compiler for the life of the process: in watch mode a recompile
    reuses everything Typst memoised (fonts, layout), 0.02 s instead of 0.15 s."""

    def __init__(self):
        self._compiler = None
        self._lock = threading.Lock()

    def compile(self, source: str, timestamp: int | None, output: str = "pdf",
                ppi: float = 72) -> bytes:
        """The document as PDF, or its first page as PNG."""
        with self._lock:
            if self._compiler is None:
                self._compiler = typst.Compiler(root=str(TEMPLATES / "typst"),
                                                ignore_system_fonts=True)
            try:
                result = self._compiler.compile(input=source.encode("utf-8"), format=output,
                                                timestamp=timestamp, ppi=ppi)
                return result[0] if isinstance(result, list) else result
            except typst.TypstError as error:
                raise BuildError(f"typst failed: {error.message}",
                                 hint="; ".join(error.hints) or "see the message above") from None


TYPST = TypstSession()           # the PDF edition
TYPST_PICTURES = TypstSession()  # covers and figures, compiled alongside the PDF


def write_pdf(job: Job) -> dict[str, bytes]:
    return {f"{job.slug}.pdf": TYPST.compile(typst_source(job, render_typst(job)), job.timestamp)}
