"""The HTML edition: one page (``html/index.html``) with its stylesheet and figures.

Pandoc renders the body and every metadata field to HTML in one run (math as
MathML: no JavaScript); the page template (``templates/html/page.html.j2``) adds
the title block, the abstracts and the indexers' metadata. The same render feeds
the EPUB's title page. Figures are copied beside the page; a PDF figure is shown
as the SVG Typst draws of it. Tables scroll inside their own box on a phone.
"""
from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

from core.diagnostics import BuildError
from core.kinds import NATIVE, After, Native, Renderers, front_matter, shown_in
from core.markup import page_range
from core.mathtext import linear
from core.names import BIBLIOGRAPHY_ID, DATETIME_ATTRIBUTE
from core.tools import TYPST_PICTURES
from press import ast
from press.figures import svg_of_pdf
from press.render import Rendered, highlighting, render
from press.templates import (
    context,
    environment,
    language_parts,
    scholarly_article,
    year_of,
)
from press.webfonts import LICENCE, page_characters, web_fonts

# One h1, the title: the sections start at h2 (the table of contents keeps two levels).
HTML_ARGS = ["--toc", "--toc-depth=3", "--shift-heading-level-by=1", "--section-divs", "--html-q-tags",
             "--wrap=none", "--mathml"]
OWN_FILES = ("index.html", "style.css", "card.png")
# Without `url`, what indexers and link previews miss (the edition's check says it).
RECOMMENDED = {"url": "the article's address: without it the page has no canonical link, Google Scholar "
                      "cannot read its PDF (citation_pdf_url must be absolute) and link previews get "
                      "neither the page's address nor its card (og:url, og:image)"}
REQUIRED: dict = {}


def web_name(name: str) -> str:
    """The file a figure is shown from on the web: a PDF as SVG (``map.pdf.svg``)."""
    return f"{name}.svg" if name.lower().endswith(".pdf") else name


def focusable(element: dict) -> None:
    """What may scroll sideways on a phone (code, a display equation) takes the
    keyboard's focus, so that it can be scrolled without a mouse."""
    ast.attributes_list(element).append(["tabindex", "0"])


def scrolling_table(element: dict) -> dict:
    """A table in a box of its own, which scrolls (and takes the focus) on a phone."""
    return {"t": "Div", "c": [["", ["table-wrap"], [["tabindex", "0"]]], [element]]}


def time_element(element: dict) -> list[dict]:
    """A date of the chronology as ``<time datetime="1994-05-12">12 May 1994</time>``."""
    iso = dict(ast.attributes_list(element))[DATETIME_ATTRIBUTE]
    return [{"t": "RawInline", "c": ["html", f'<time datetime="{html.escape(iso)}">']}, *element["c"][1],
            {"t": "RawInline", "c": ["html", "</time>"]}]


# The parts of a reference entry whose style aligns its label (CSL's second-field-align:
# "[1]" beside the text), which pandoc writes as <div>s
ALIGNED_PARTS = {"csl-left-margin", "csl-right-inline", "csl-block", "csl-indent"}


def aligned_entry(element: dict) -> None:
    """A reference entry with aligned parts has its paragraph written without ``<p>``:
    HTML allows no ``<div>`` in a ``<p>`` (the HTML checker and EPUBCheck refused every
    entry of a numeric style).

    >>> entry = {"t": "Div", "c": [["ref-a", ["reference-entry"], []], [{"t": "Para", "c": [
    ...     {"t": "Span", "c": [["", ["csl-left-margin"], []], [{"t": "Str", "c": "[1]"}]]}]}]]}
    >>> aligned_entry(entry); entry["c"][1][0]["t"]
    'Plain'
    """
    for block in element["c"][1]:
        if block["t"] == "Para" and any(inline["t"] == "Span" and ALIGNED_PARTS & set(inline["c"][0][1])
                                        for inline in block["c"]):
            block["t"] = "Plain"


def without_description(image: dict) -> None:
    """An image the author gave no description (``![](x.png)``) is alt="": pandoc writes
    no alt at all, which HTML does not allow (a screen reader then reads the file's name).

    >>> image = {"t": "Image", "c": [["", [], []], [], ["x.png", ""]]}
    >>> without_description(image); image["c"][0][2]
    [['alt', '']]
    """
    attributes = image["c"][0][2]
    if not image["c"][1] and not any(key == "alt" for key, _ in attributes):
        attributes.append(["alt", ""])


def renderers(job=None, address=web_name) -> Renderers:
    """How the web editions render each kind; ``address(name)``: where a figure is
    shown from (a PDF figure as SVG)."""
    def image(element):
        if element["c"][2][0].lower().endswith(".pdf"):
            element["c"][2][0] = address(element["c"][2][0])
        without_description(element)

    return Renderers({**front_matter(),
        "section": NATIVE, "appendix": NATIVE, "paragraph": NATIVE, "list": NATIVE,
        "block-quote": NATIVE, "line-block": NATIVE, "code": focusable, "raw": NATIVE, "figure": NATIVE, "image": image,
        "table": scrolling_table, "math": Native("MathML: no JavaScript"), "equation": focusable,
        "footnote": After("notes_before_references: under a heading of their own"),
        "link": NATIVE, "cross-reference": NATIVE, "citation": NATIVE, "reference-entry": aligned_entry,
        "back-matter": NATIVE, "event-mention": NATIVE, "chronology-list": NATIVE,
        "chronology-date": time_element, "event-place": NATIVE, "timeline": NATIVE,
        "page-break": Native("a Div the stylesheet breaks the printed page after"),
        "subfigure": NATIVE, "listing": NATIVE, "theorem": NATIVE, "proof": NATIVE,
        "callout": Native("a Div the stylesheet boxes, its title in bold"), "tex-text": ast.content_of,
        "conditional": shown_in("html"), "generated-list": NATIVE, "page-range": NATIVE})


RENDERERS = renderers()


def prepare(job) -> str:
    """The document as the HTML edition shows it."""
    return ast.render_kinds(job.doc_json, RENDERERS, parsed=job.document)


def render_html(job) -> Rendered:
    return render(prepare(job), "html5", [*HTML_ARGS, *highlighting(job.template_path)], job.plain)


def figure_files(job) -> dict[str, bytes]:
    """Every checked file the page shows, under its name beside the page."""
    files = {}
    folder = Path(job.root)
    taken = [name for name in job.resources if web_name(name) in OWN_FILES]
    if taken:  # it would be written over by the page's own file, and the page would show that
        raise BuildError(f"the figure '{taken[0]}' has the name of a file the html edition writes itself "
                         f"({', '.join(OWN_FILES)}), beside the page", hint="give it another name")
    for name, path in job.resources.items():
        path = Path(path)
        files[f"html/{web_name(name)}"] = (svg_of_pdf(path, folder) if name.lower().endswith(".pdf")
                                           else path.read_bytes())
    return files


MATH = re.compile(r'<math (?![^>]*alttext)([^>]*)>(.*?)</math>', re.S)
TEX_ANNOTATION = re.compile(r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.S)


def math_alt_texts(markup: str) -> str:
    r"""Every MathML formula with its ``alttext``: the formula as linear text
    (``core.mathtext``), from the TeX pandoc keeps in its annotation, for reading
    systems that do not speak MathML (EPUBCheck and Ace look for it).

    >>> math_alt_texts('<math display="inline"><semantics><mi>α</mi>'
    ...                '<annotation encoding="application/x-tex">\\alpha</annotation></semantics></math>')
    '<math alttext="α" display="inline"><semantics><mi>α</mi><annotation encoding="application/x-tex">\\alpha</annotation></semantics></math>'
    """
    def with_alt(match):
        tex = TEX_ANNOTATION.search(match.group(2))
        if not tex:
            return match.group(0)
        alt = html.escape(linear(html.unescape(tex.group(1))), quote=True)
        return f'<math alttext="{alt}" {match.group(1)}>{match.group(2)}</math>'
    return MATH.sub(with_alt, markup)


ENDNOTES = re.compile(r'<section id="footnotes"[^>]*>\s*<hr\s*/?>.*?</section>\s*', re.S)


def notes_before_references(body: str, title: str) -> str:
    """The notes under a heading of their own, after the text and before the reference
    list (pandoc puts them, under a bare rule, after everything, appendices included).

    >>> notes_before_references('<section id="bibliography">R</section>\\n'
    ...                         '<section id="footnotes" class="footnotes"><hr /><ol>N</ol></section>', "Notes")
    '<section id="footnotes" class="footnotes"><h2 class="notes-title">Notes</h2><ol>N</ol></section>\\n<section id="bibliography">R</section>\\n'
    """
    match = ENDNOTES.search(body)
    if not match:
        return body
    notes = re.sub(r"<hr\s*/?>", f'<h2 class="notes-title">{html.escape(title)}</h2>', match.group(0), count=1)
    body = body[:match.start()] + body[match.end():]
    place = body.find(f'<section id="{BIBLIOGRAPHY_ID}"')
    if place < 0:
        return body + notes
    return body[:place] + notes.rstrip() + "\n" + body[place:]


def page_address(url: str | None, name: str) -> str:
    """The address of a file beside the page: absolute under the article's ``url``
    (the page is that folder's index), else relative.

    >>> page_address("https://x.org/a/42", "a.pdf"), page_address("https://x.org/a/42/", "a.pdf")
    ('https://x.org/a/42/a.pdf', 'https://x.org/a/42/a.pdf')
    >>> page_address(None, "a.pdf")
    'a.pdf'
    """
    return f"{url.rstrip('/')}/{name}" if url else name


def card(job) -> bytes:
    """The article's card for link previews (og:image), drawn by Typst: 900 × 472.5
    points at 96 pixels to the inch, the 1200 × 630 pixels link previews show."""
    source = environment("html", False, job.template_path).get_template("card.typ.j2").render(
        plain=job.plain, language=language_parts(job.lang)[0], year=year_of(job.plain))
    return TYPST_PICTURES.compile(source, job.timestamp, output="png", ppi=96, fonts=job.template_path.fonts)


def write(job, shared) -> dict[str, bytes]:
    """The page, its stylesheet, its fonts (subset to the page's characters), its
    figures and, when the article has an address, its card; the PDF and the EPUB are
    beside it (their editions put them there)."""
    rendered = shared.html
    rendered = dataclasses.replace(rendered, body=notes_before_references(rendered.body, job.terms["notes"]))
    page = environment("html", True, job.template_path).get_template("page.html.j2")
    url = rendered.plain.get("url")
    # The PDF and EPUB beside the page, or where a journal's site puts them (job.addresses);
    # indexers read the PDF's absolute address (the article's url, or the site's)
    download = job.addresses.get("pdf", f"{job.slug}.pdf")
    pdf_url = job.addresses.get("pdf_url") or page_address(url, f"{job.slug}.pdf")
    image = page_address(url, "card.png") if url else None
    pages = page_range((rendered.plain.get("journal") or {}).get("pages", ""))
    html = math_alt_texts(page.render(
        context(job, rendered, "html"), pdf=pdf_url, pdf_url=pdf_url, download=download,
        epub=job.addresses.get("epub", f"{job.slug}.epub"),
        first_page=pages[0], last_page=pages[1], image=image, fonts="fonts/fonts.css",
        jsonld=scholarly_article(rendered.plain, job.lang, pdf_url, image)))
    fonts, faces = web_fonts(job.template_path.find(f"html/fonts/{LICENCE}").parent, page_characters(html))
    return {"html/index.html": html.encode("utf-8"),
            "html/style.css": job.template_path.find("html/style.css").read_bytes(),
            "html/fonts/fonts.css": faces.encode("utf-8"),
            **{f"html/fonts/{name}": data for name, data in fonts.items()},
            **({"html/card.png": card(job)} if image else {}), **figure_files(job)}
