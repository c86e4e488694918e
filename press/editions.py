"""The editions, in one list. An edition's record names everything about it:
its module (``write(job, shared)``: the files; ``renderers(job)``: how it renders
each content kind, ``core.kinds``), the template folders its output depends on
(for the cache), the lane it runs in (the build runs one thread per lane, so the
two cores each typeset one lane's editions), the render it shares with another
edition, the metadata it cannot do without, its main file, and how its text is
read back and which gatekeeper checks it (``press.readback``, ``press.validate``:
the tests' element × edition matrix is made from these records, so an edition is
tested the moment it is listed). Adding an edition is adding a record here and
its module.

Each writer returns its files as ``{relative path: bytes}``; nothing touches
``build/`` until every edition has succeeded (see ``press.output``).

>>> [edition.name for edition in EDITIONS if edition.default]
['pdf', 'html', 'epub']
>>> EDITION["latex"].template_folders("typst"), EDITION["epub"].main_file("x")
(('latex',), 'x.epub')
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from core.options import dotted
from core.templatepath import TemplatePath, template_path
from press import ast

# Lanes: "web" editions share one HTML render of the document; "print" editions
# typeset on their own. The two lanes run side by side.
LANES = ("print", "web")


@dataclass(frozen=True)
class Edition:
    name: str
    module: str                      # write(job, shared) and renderers(job); imported when built
    templates: tuple[str, ...]       # folders of the template path it reads (besides pandoc/)
    lane: str
    default: bool                    # built when no edition is named
    summary: str
    output: str                      # the main file, under OUT: "{slug}.pdf"
    reader: str                      # "module:function": the main file's text, as a reader sees it
    validator: str = ""              # "module:function": the gatekeeper's check of the main file
    shared: str = ""                 # the render it shares with others (``Shared``), if any
    options: tuple[str, ...] = ()    # build options the edition reads (part of its cache key)
    requires: bool = False           # its module's REQUIRED (the metadata it cannot do without) and
                                     # RECOMMENDED (what it should have: a warning)
    writer: str = "write"            # the module's function that writes it

    def template_folders(self, pdf_engine: str) -> tuple[str, ...]:
        """The template folders this build of the edition reads (the PDF's depend on its engine)."""
        if self.name == "pdf" and pdf_engine != "typst":
            return ("latex",)
        return self.templates

    def check(self, plain: dict, metadata_files) -> None:
        """Every field the edition cannot do without, each missing one an error naming
        it (all of them together) at the line of the metadata where it belongs, and each
        it should have (its module's ``RECOMMENDED``) a warning; run by the edition and by
        ``python build.py check EDITION``."""
        if not self.requires:
            return
        from core.diagnostics import collecting, error, raise_collected, warn
        from core.metadatafile import read_source

        source = read_source(metadata_files)
        module = import_module(self.module)
        with collecting() as found:
            for keys, what, say in [*((k, w, error) for k, w in module.REQUIRED.items()),
                                    *((k, w, warn) for k, w in getattr(module, "RECOMMENDED", {}).items())]:
                if not any(dotted(plain, key) for key in keys.split("|")):
                    first = keys.split("|")[0]
                    parent, _, leaf = first.rpartition(".")
                    example = f"{parent}: {{{leaf}: …}}" if parent else f"{leaf}: …"
                    where = source.where(first)
                    verb = "needs" if say is error else "should have"
                    say(f"the {self.name} edition {verb} `{keys.replace('|', '` or `')}` ({what})",
                        *where, f"add `{example}` to {Path(where[0]).name if where[0] else 'the metadata'}")
        raise_collected(found)

    def write(self, job, shared) -> dict[str, bytes]:
        """The edition's files, once the metadata has what it cannot do without; a
        mistake in a template (a journal's) is an error naming its file and line."""
        from core.templating import template_errors

        self.check(job.plain, job.metadata_files)
        with template_errors():
            return getattr(import_module(self.module), self.writer)(job, shared)

    def renderers(self, job):
        """How the edition renders each content kind (``core.kinds``)."""
        return import_module(self.module).renderers(job)

    def main_file(self, slug: str) -> str:
        return self.output.format(slug=slug)

    def read(self, path: Path) -> str:
        """The text of a built main file, as its reader sees it."""
        return function(self.reader)(path)

    def validate(self, path: Path) -> list:
        """The gatekeeper's check of a built main file: a BuildError says what it found;
        its warnings are returned."""
        return function(self.validator)(path) if self.validator else []


def function(name: str):
    """``"press.readback:pdf_text"`` → the function."""
    module, attribute = name.split(":")
    return getattr(import_module(module), attribute)


EDITIONS: tuple[Edition, ...] = (
    Edition("pdf", "press.pdf", ("typst", "fonts"), "print", True,
            "the journal PDF (Typst, or LaTeX with --pdf-engine)", "{slug}.pdf",
            "press.readback:pdf_text", "press.validate:pdf_standards", options=("pdf_engine",)),
    Edition("html", "press.html", ("html", "shared", "fonts"), "web", True, "the HTML edition",
            "html/index.html", "press.readback:html_text", "press.validate:html_page", shared="html",
            requires=True),
    Edition("epub", "press.epub", ("epub", "shared", "fonts"), "web", True, "the EPUB 3 edition", "{slug}.epub",
            "press.readback:epub_text", "press.validate:epub_book", shared="html"),
    Edition("latex", "press.latex", ("latex",), "print", False,
            "a LaTeX submission folder that compiles with latexmk", "latex/{slug}.tex",
            "press.readback:latex_text", "press.validate:latexmk", writer="write_folder"),
    # The journal's deliverables: JATS and the Crossref deposit share one JATS render
    # (one lane, one after the other); the DOCX runs beside them on the other core.
    Edition("jats", "press.jats", (), "print", False,
            "JATS XML (Journal Publishing 1.3) with its figures, for archives and indexers",
            "jats/{slug}.xml", "press.readback:xml_text", "press.validate:jats_article", shared="jats",
            requires=True),
    Edition("crossref", "press.crossref", (), "print", False,
            "the Crossref deposit (doi_batch) that registers the article's DOI", "{slug}.crossref.xml",
            "press.readback:xml_text", "press.validate:crossref_deposit", shared="jats", requires=True),
    Edition("docx", "press.docx", ("docx",), "web", False,
            "a Word document for editors and reviewers (docx: {review: true} for peer review)",
            "{slug}.docx", "press.readback:docx_text", "press.validate:docx_opens"),
)
EDITION = {edition.name: edition for edition in EDITIONS}


DEFAULT_EDITIONS = [edition.name for edition in EDITIONS if edition.default]


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
    folder: str = "."  # the manuscript folder (metadata.yaml, for its lines)
    # The build's sandbox (``core.sandbox``): copies of the checked files, each under the
    # name the text gives it; Typst's root, and all an edition reads of the project.
    root: str = "."
    resources: dict = field(default_factory=dict, hash=False)  # checked files: name → copy in ``root``
    sources: tuple[str, ...] = ()  # the manuscript's Markdown files, to point at a line
    metadata_files: tuple[str, ...] = ()  # the files holding the metadata (metadata.yaml, front matter)
    templates: tuple[str, ...] = ()  # the journal's template folders (--templates), before the system's
    # Where the reader finds the other editions from the web editions' page ({"pdf": "x.pdf",
    # "epub": …, "pdf_url": the absolute address indexers read}); empty: beside the html/ folder.
    addresses: dict = field(default_factory=dict, hash=False)
    # A box of one or none: the JSON tree the filters wrote ``doc_json`` from, if
    # this process ran them, for the first writer that asks (see ``document``).
    tree: list = field(default_factory=list, hash=False, compare=False, repr=False)

    def document(self) -> dict:
        """The document as pandoc JSON, for the writer to change: to the first writer
        that asks, the tree the filters left (parsing ``doc_json`` again would cost as
        much as the filters' own dump, mostly in fresh memory); to each other, a parse.
        The filters' tree holds attribute pairs as tuples where a parse has lists: a
        writer reads them through ``press.ast.attributes``, which takes either.

        >>> job = Job('{"blocks": []}', "x", "en", None, tree=[{"blocks": [1]}])
        >>> job.document(), job.document()
        ({'blocks': [1]}, {'blocks': []})
        """
        try:
            return self.tree.pop()  # atomic: one writer gets it
        except IndexError:
            return ast.load(self.doc_json)

    @property
    def template_path(self) -> TemplatePath:
        """Where the writers find their templates (``core.templatepath``)."""
        return template_path(self.templates)

    @property
    def terms(self) -> dict:
        # imported here, not at the top: core.language loads ICU, which then loads while
        # pandoc reads the manuscript instead of before pandoc starts
        from core.language import pack
        return pack(self.lang)

@contextmanager
def sandboxed_job(facts: dict, **fields) -> Iterator[Job]:
    """The editions' job for the filtered ``facts``: its files are copies of the checked
    files in a fresh sandbox (``core.sandbox``), Typst's root, removed when the editions
    are written; ``fields``: the job's other fields (timestamp, engine, addresses, …).
    The one way an article's editions are given their files, alone or in a journal."""
    from core.sandbox import Sandbox

    with Sandbox() as sandbox:
        folder = Path(facts["folder"])
        admitted = {name: str(sandbox.admit(name, Path(path), folder))
                    for name, path in facts["resources"].items()}
        yield Job(doc_json=facts["ast"], slug=facts["slug"], lang=facts["lang"],
                  bibliography=tuple(facts["bibliography"]), plain=facts["plain"], folder=facts["folder"],
                  root=str(sandbox.folder), resources=admitted, sources=tuple(facts["sources"]),
                  metadata_files=tuple(facts.get("metadata_files", ())), **fields)



# The renders several editions share, made once per build: "module:function" of the job.
SHARED_RENDERS = {"html": "press.html:render_html", "jats": "press.jats:render_jats"}


class Shared:
    """What several editions use, made once, on first use: the renders they share
    (``SHARED_RENDERS``: the HTML render for HTML and EPUB, the JATS render for JATS
    and Crossref) and the EPUB's cover (drawn while the filters ran)."""

    def __init__(self, job: Job, cover=None, timed=None):
        self.job = job
        self._cover = cover          # a future: the cover as PNG
        self._timed = timed or (lambda name, function: function())
        # One lock each: the JATS render need not wait for the HTML render.
        self._locks = {name: threading.Lock() for name in SHARED_RENDERS}
        self._made: dict = {}

    def render(self, name: str):
        """The shared render ``name``, made by the first lane that asks (the other waits)."""
        with self._locks[name]:
            if name not in self._made:
                self._made[name] = self._timed(f"{name} render", lambda: function(SHARED_RENDERS[name])(self.job))
            return self._made[name]

    @property
    def html(self):
        return self.render("html")

    @property
    def jats(self):
        """(rendered, figure files, cited works, alt texts): see ``press.jats.render_jats``."""
        return self.render("jats")

    @property
    def cover(self) -> bytes:
        return self._cover.result()
