"""``--untrusted``: what a journal's build of a submission refuses. The first stage,
run only when the command line asks for it (never the author's metadata).

Refused, each place named, all of them in one build:

- raw blocks and inlines of any format: ```` ```{=html} ````, `` `\\input{x}`{=latex} ``,
  `` `#import "x"`{=typst} ``, raw HTML and raw TeX written in the Markdown (in the
  text and in the metadata), and pandoc's ``header-includes``, ``include-before``
  and ``include-after``;
- script and addresses by other roads: any attribute not on the allowlist of its
  element (``ATTRIBUTES``: ``{onclick=…}``, ``style``, ``srcset`` are refused) or
  whose value is not of its form, and a link or image whose URL is not relative, a
  ``#fragment`` or one of ``SAFE_URL_SCHEMES`` (``javascript:``, ``data:``,
  ``file:``…);
- TeX math with a control sequence that is not on the allowlist of math commands
  (``core.texmath``): the LaTeX editions print math as written, so TeX would run it.

An HTML comment alone is no markup: it is dropped, as every edition would show
nothing of it. Everything else builds as usual.

>>> unsafe_url("javascript:alert(1)"), unsafe_url(" JaVa\\tScript:x"), unsafe_url("https://doi.org/1")
(True, True, False)
>>> unsafe_url("#giris"), unsafe_url("figures/a.png"), unsafe_url("data:text/html,x")
(False, False, True)

Stand-alone: ``pandoc -F filters/untrusted.py``.
"""
from __future__ import annotations

import re

if __name__ == "__main__":  # pandoc -F filters/NAME.py
    import standalone; standalone.run(__file__)  # noqa: E702, I001

import panflute as pf

import core.markup  # noqa: F401 (lets panflute read raw Typst)
from core.diagnostics import error, locate
from core.markup import markdown_inlines, unsafe_url
from core.names import (
    ALT_OPTION,
    CELL_HIDDEN_ATTRIBUTE,
    CELL_LABEL_ATTRIBUTE,
    NUMBER_ATTRIBUTE,
    SAFE_URL_SCHEMES,
)
from core.texmath import refused, texmath_compatible
from filters.elements import descendants, siblings

# pandoc's metadata fields that its templates paste in raw.
RAW_FIELDS = ("header-includes", "include-before", "include-after")
FORMAT_NAMES = {"html": "HTML", "html5": "HTML", "tex": "LaTeX", "latex": "LaTeX", "typst": "Typst"}
HTML_COMMENT = re.compile(r"<!--(?:(?!-->).)*-->", re.S)
HINT = "an untrusted build takes Markdown only: write it without raw markup, or build without --untrusted"


# The attributes an untrusted build takes, per element ("*": on any), each with the form
# of its value: what the editions print as text or as a size, and what the stages read
# (an event's date and label, a number); ids and classes are pandoc's own fields.
LENGTH, LANG, DIRECTION = r"\d{1,5}(?:\.\d{1,3})?(?:%|px|cm|mm|in|pt|em)?", r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*", \
    r"ltr|rtl|auto"
TEXT, NUMBER = r"[^<>]{0,500}", r"[\w.:-]{1,20}"
ALIGN, BOOLEAN, STYLE_NAME = r"left|center|right|default", r"true|false|TRUE|FALSE", r"[\w ().-]{1,60}"
DATE = r"\d{4}(?:-\d{2}){0,2}(?:/\d{4}(?:-\d{2}){0,2})?"
FORMS = {LENGTH: "a length (80%, 300px, 5cm)", LANG: "a language tag", DIRECTION: "ltr, rtl or auto",
         TEXT: "text of at most 500 characters without < or >", NUMBER: "a number",
         DATE: "a date (YYYY-MM-DD)", ALIGN: "left, center, right or default", BOOLEAN: "true or false",
         STYLE_NAME: "a style's name (letters, digits, spaces)"}
ATTRIBUTES = {
    "*": {"lang": LANG, "dir": DIRECTION, "title": TEXT, NUMBER_ATTRIBUTE: NUMBER},
    # a figure's alignment (pandoc's, Quarto's), and its text for those who cannot see it
    "Image": {"width": LENGTH, "height": LENGTH, "alt": TEXT, ALT_OPTION: TEXT, "align": ALIGN, "fig-align": ALIGN},
    # a DOCX style's name (papaja's ::: {#refs custom-style="Bibliography"})
    "Span": {"date": DATE, "label": TEXT, "custom-style": STYLE_NAME},
    # a figure's or table's caption as an option (Quarto's, the build's own for a figure of
    # several pictures a code cell shows): checked as the Markdown it is read as (``check``);
    # what Quarto writes of a cell it ran (its count, which of its outputs it hid)
    "Div": {"fig-cap": TEXT, "tbl-cap": TEXT, ALT_OPTION: TEXT, "align": ALIGN, "fig-align": ALIGN,
            "layout-align": ALIGN, "custom-style": STYLE_NAME, "execution_count": NUMBER,
            **{f"{output}.hidden": BOOLEAN for output in ("echo", "output", "warning", "message", "error")}},
    "CodeBlock": {"startFrom": NUMBER, "caption": TEXT, "lst-cap": TEXT, CELL_LABEL_ATTRIBUTE: TEXT,
                  CELL_HIDDEN_ATTRIBUTE: TEXT},  # the build's own marks of a code cell (core.sourcetext)
}
CAPTION_OPTIONS = {"fig-cap", "tbl-cap"}
# What the LaTeX reader (``filters.tex``) reads into the document, which an untrusted
# build takes in TeX written in the text too: references, labels, citations and page
# breaks, with math on texmath's allowlist (an equation environment's); never a macro,
# a file or a box of TeX, which stay refused.
READ_TEX = frozenset({"autoref", "ref", "eqref", "cref", "Cref", "label", "cite", "citep", "citet",
                      "citealt", "citealp", "citeauthor", "citeyear", "nocite", "newpage", "clearpage",
                      "pagebreak", "nonumber", "notag"})


def shown(text: str, limit: int = 40) -> str:
    """The first line of ``text``, shortened, for a message."""
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[:limit - 1] + "…"


class Places:
    """file:line of each refused thing; the same text found again is looked up at
    its next occurrence."""

    def __init__(self, doc: pf.Doc):
        self.doc = doc
        self.seen: dict[str, int] = {}

    def of(self, *patterns: str) -> tuple[str | None, int | None]:
        for pattern in patterns:
            nth = self.seen.get(pattern, 0)
            path, line = locate(self.doc, pattern, nth, metadata=True)
            if path:
                self.seen[pattern] = nth + 1
                return path, line
        return None, None


def is_comment(element) -> bool:
    return element.format in ("html", "html5") and bool(HTML_COMMENT.fullmatch(element.text.strip()))


def drop(element) -> None:
    """Remove ``element`` from the list that holds it (content, or a citation's prefix…)."""
    siblings(element).pop(element.index)


def read_by_the_tex_stage(element) -> bool:
    """Whether raw TeX written in the text holds only what the LaTeX reader reads into
    the document (``READ_TEX``, and math texmath knows): left for it to read.

    >>> read_by_the_tex_stage(pf.RawInline(r"\\autoref{fig:x}", format="tex"))
    True
    >>> read_by_the_tex_stage(pf.RawBlock(r"\\begin{equation} x^2 \\label{eq:a} \\end{equation}", format="tex"))
    True
    >>> read_by_the_tex_stage(pf.RawInline(r"\\input{/etc/hostname}", format="tex"))
    False
    """
    return element.format == "tex" and all(name[1:] in READ_TEX for name in refused(element.text))


def refuse_raw(element, places: Places) -> None:
    text = element.text
    first = re.escape(text.strip().split("\n", 1)[0])
    path, line = places.of(first + r"`*\{=" + re.escape(element.format), first)
    name = FORMAT_NAMES.get(element.format, element.format)
    error(f"raw {name} is refused in an untrusted build: '{shown(text)}'", path, line, HINT)


def refuse_attributes(element, places: Places) -> None:
    """Each attribute must be on the allowlist of its element, its value of the form
    listed; every other attribute (``style``, ``srcset``, ``on…``, what a browser would
    fetch or run) is refused, at its place."""
    allowed = {**ATTRIBUTES["*"], **ATTRIBUTES.get(type(element).__name__, {})}
    for name, value in element.attributes.items():
        form = allowed.get(name)
        if name.lower().startswith("on"):
            path, line = places.of(rf"\b{re.escape(name)}\s*=")
            error(f"event-handler attribute '{name}' is refused in an untrusted build", path, line, HINT)
        elif form is None:
            path, line = places.of(rf"\b{re.escape(name)}\s*=")
            error(f"attribute '{name}' is refused in an untrusted build", path, line,
                  hint=f"an untrusted build takes the attributes {', '.join(sorted(allowed))} here")
        elif not re.fullmatch(form, value):
            path, line = places.of(re.escape(value))
            error(f"attribute '{name}' is refused in an untrusted build: '{shown(value)}' is not {FORMS[form]}",
                  path, line, HINT)


def refuse_address(element, places: Places) -> None:
    url = element.url
    if url is not None and unsafe_url(url):
        path, line = places.of(re.escape(url), re.escape(url.strip()))
        schemes = ", ".join(sorted(SAFE_URL_SCHEMES))
        kind = "image from" if isinstance(element, pf.Image) else "link to"
        error(f"{kind} '{shown(url)}' is refused in an untrusted build", path, line,
              hint=f"a link may point into the document, to a relative path or to {schemes}")


def refuse_math(element: pf.Math, places: Places) -> None:
    # as the LaTeX editions get it: the tex stage writes {\rm x} as \mathrm{x} first
    unknown = refused(texmath_compatible(element.text))
    if unknown:
        first = element.text.strip().split("\n", 1)[0]
        path, line = places.of(re.escape(first))
        error(f"TeX math with {', '.join(unknown)} is refused in an untrusted build: '{shown(element.text)}'",
              path, line, hint="math may use the commands of TeX math that every edition can show "
                               "(\\frac, \\alpha, \\text…), no others")


def untrusted_build(doc: pf.Doc) -> bool:
    """Whether this stage ran: the later stages refuse what they would otherwise only say."""
    return getattr(doc, "press_untrusted", False)


def check(doc: pf.Doc) -> None:
    doc.press_untrusted = True
    places = Places(doc)
    for field in RAW_FIELDS:
        if field in doc.metadata:
            path, line = places.of(rf"^\s*{re.escape(field)}\s*:")
            error(f"'{field}' is refused in an untrusted build", path, line,
                  hint="the editions' templates set the page; remove the field")
            del doc.metadata[field]
    comments = []

    def look_at(element) -> None:
        if isinstance(element, (pf.RawBlock, pf.RawInline)):
            if is_comment(element):
                comments.append(element)
            elif not read_by_the_tex_stage(element):
                refuse_raw(element, places)
        elif isinstance(element, pf.Math):
            refuse_math(element, places)
        else:
            if getattr(element, "attributes", None):
                refuse_attributes(element, places)
            if isinstance(element, (pf.Link, pf.Image)):
                refuse_address(element, places)
            if isinstance(element, pf.Div):  # a caption option: what the crossref stage will read
                for name in CAPTION_OPTIONS & set(element.attributes):
                    for inner in descendants(pf.Plain(*markdown_inlines(element.attributes[name]))):
                        look_at(inner)

    for element in descendants(doc):
        look_at(element)
    for comment in reversed(comments):  # the last first: the others' indices still hold
        if comment.parent is not None:  # (a caption's comment is in no document)
            drop(comment)


def main(doc=None):
    return pf.run_filters([], finalize=check, doc=doc)

