"""The kinds of content an article holds, and how an edition renders each one.

The filter stages say what a thing is, never how a format shows it: a numbered
equation is a Span with the class ``equation``, a date of the chronology a Span
with ``datetime``, a reference entry a Div with ``reference-entry`` (never raw
HTML or Typst). ``KINDS`` is the one list of these kinds, each told by its pandoc
element and, where pandoc's own elements are not enough, a class; the front
matter's parts are kinds too, read from the metadata. Every edition lists how it
renders every kind (``Renderers``): a function that rewrites the element in the
JSON tree before pandoc writes it, pandoc's own writer as it is (``NATIVE``), the
edition's template (``Template``), a pass over the output after pandoc (``After``),
as structured data rather than printed text (``Structured``), or not at all
(``Omit``, with the reason). ``tests/test_kinds.py`` fails when an edition has no
entry for a kind: a new kind is rendered by every edition, or said to be left out.

>>> kind_of({"t": "Span", "c": [["eq:1", ["equation"], []], []]})
'equation'
>>> kind_of({"t": "Span", "c": [["", ["unknown"], []], []]}), kind_of({"t": "Header", "c": [1, ["", [], []], []]})
(None, 'section')
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core import names


@dataclass(frozen=True)
class Kind:
    name: str
    summary: str
    elements: tuple[str, ...]   # the pandoc element types that carry it (none: a metadata field)
    class_name: str = ""        # the class that tells it among elements of its types ("" for any)


def field(name: str, summary: str) -> Kind:
    """A part of the front matter: composed from the metadata, rendered by templates."""
    return Kind(name, summary, ())


KINDS: tuple[Kind, ...] = (
    field("title", "the title"),
    field("subtitle", "the subtitle"),
    field("translated-title", "the title (and subtitle) in the other language"),
    field("authors", "the authors' names"),
    field("affiliations", "the authors' institutions, numbered when several"),
    field("corresponding-author", "the corresponding author and their address"),
    field("author-notes", "notes on the authors and the title (a footnote in a name, equal contribution)"),
    field("orcid", "each author's ORCID iD"),
    field("history", "received, revised, accepted and published dates"),
    field("license", "the licence and the copyright line"),
    field("journal-line", "the journal, volume, issue and pages"),
    field("doi", "the article's DOI, as a link"),
    field("cite-as", "how to cite the article"),
    field("abstract", "the abstracts, in both languages"),
    field("keywords", "the keywords, in both languages"),
    Kind("section", "a section's heading, numbered (1.2.) or not", ("Header",)),
    Kind("appendix", "an appendix's heading: Appendix A: …", ("Header",), names.APPENDIX_CLASS),
    Kind("paragraph", "running text", ("Para", "Plain")),
    Kind("list", "a bulleted, numbered or definition list", ("BulletList", "OrderedList", "DefinitionList")),
    Kind("block-quote", "a quotation set off from the text", ("BlockQuote",)),
    Kind("line-block", "lines kept as written: a poem, an address", ("LineBlock",)),
    Kind("code", "a code block (highlighted)", ("CodeBlock",)),
    Kind("raw", "the author's own HTML, LaTeX or Typst (refused with --untrusted)", ("RawBlock", "RawInline")),
    Kind("figure", "a figure: its pictures and numbered caption", ("Figure",)),
    Kind("image", "a picture, in a figure or in the text", ("Image",)),
    Kind("table", "a table and its numbered caption", ("Table",)),
    Kind("math", "TeX math, inline or display", ("Math",)),
    Kind("equation", "a numbered display equation: its math and its number (1)", ("Span",), names.EQUATION_CLASS),
    Kind("footnote", "a footnote", ("Note",)),
    Kind("link", "a link to an address", ("Link",)),
    Kind("cross-reference", "a link to a numbered thing: Figure 1", ("Link",), names.XREF_CLASS),
    Kind("citation", "a formatted citation, linked to its reference entry", ("Span",), names.CITATION_CLASS),
    Kind("reference-entry", "one work of the reference list", ("Div",), names.ENTRY_CLASS),
    Kind("back-matter", "a back-matter statement: funding, ethics, …", ("Div",), names.BACK_MATTER_CLASS),
    Kind("event-mention", "a place in the text that names a dated event", ("Span",), names.EVENT_REF_CLASS),
    Kind("chronology-list", "the chronology's list of events", ("Div",), names.EVENTS_CLASS),
    Kind("chronology-date", "a date of the chronology, its ISO value in `datetime`", ("Span",), names.DATE_CLASS),
    Kind("event-place", "a link from a chronology entry back to its place in the text", ("Link",),
         names.EVENT_PLACE_CLASS),
    Kind("timeline", "the chronology's timeline, a figure drawn by the build", ("Figure",), names.TIMELINE_CLASS),
    Kind("page-break", "a page break the author asked for (\\newpage, {{< pagebreak >}})", ("Div",),
         names.PAGE_BREAK_CLASS),
    Kind("subfigure", "a part of a figure: its picture and '(a) …', numbered 1a", ("Figure",),
         names.SUBFIGURE_CLASS),
    Kind("listing", "a numbered code block and its caption: Listing 1", ("Div",), names.LISTING_CLASS),
    Kind("theorem", "a theorem, lemma, definition, example…: Theorem 1 (its name).", ("Div",),
         names.THEOREM_CLASS),
    Kind("proof", "a proof, remark or solution: Proof. … ∎", ("Div",), names.PROOF_CLASS),
    Kind("callout", "a boxed note, tip, warning, important or caution, with its title", ("Div",),
         names.CALLOUT_CLASS),
    Kind("tex-text", "a LaTeX command only LaTeX knows, as its words (\\dropcap{Thanks}: Thanks); the TeX "
         "as written in `data-tex`", ("Span",), names.TEX_TEXT_CLASS),
    Kind("generated-list", "a list the build makes where the author asked LaTeX for one: contents, figures, "
         "tables (\\tableofcontents, \\listoffigures, \\listoftables)", ("Div",), names.GENERATED_LIST_CLASS),
    Kind("conditional", "content for some formats only (Quarto's content-visible, content-hidden)", ("Div", "Span"),
         names.CONDITIONAL_CLASS),
    Kind("page-range", "an article's pages in its journal line and 'cite as', the last page counted by the "
         "PDF as it typesets it (a journal's PDF, made before its length is known)", ("Span",),
         names.PAGE_RANGE_CLASS),
)
# The raw formats the editions take, and which (each pandoc writer keeps raw markup of
# its own format only); raw markup of any other format is in no edition.
RAW_FORMATS: dict[str, tuple[str, ...]] = {
    "html": ("html", "epub"), "html5": ("html", "epub"), "latex": ("latex",), "tex": ("latex",),
    "typst": ("pdf",), "openxml": ("docx",), "jats": ("jats",)}
# The raw formats that are LaTeX ("tex": what the Markdown reader gives for TeX in the text).
LATEX_FORMATS = tuple(name for name, editions in RAW_FORMATS.items() if editions == ("latex",))
EDITION_NAMES = ("pdf", "html", "epub", "latex", "jats", "docx")  # those that print a body
KIND = {kind.name: kind for kind in KINDS}
# Per element type: the kinds told by a class first, then the one that takes any.
_BY_ELEMENT: dict[str, list[Kind]] = {}
for _kind in sorted(KINDS, key=lambda kind: not kind.class_name):
    for _element in _kind.elements:
        _BY_ELEMENT.setdefault(_element, []).append(_kind)


def kind_of(element: dict) -> str | None:
    """The kind of an element of pandoc's JSON, or None for one no kind names
    (a Str, a Span of no known class)."""
    candidates = _BY_ELEMENT.get(element.get("t"))
    if not candidates:
        return None
    classes = attributes_of(element)[1] if candidates[0].class_name else ()
    for kind in candidates:
        if not kind.class_name or kind.class_name in classes:
            return kind.name
    return None


def attributes_of(element: dict) -> tuple[str, list[str], list]:
    """(id, classes, pairs) of an element that has attributes; empty ones otherwise."""
    content = element.get("c")
    kind = element["t"]
    if kind in ("Header",):
        return tuple(content[1])
    if kind in ("Span", "Div", "Link", "Image", "Figure", "Table", "CodeBlock"):
        return tuple(content[0])
    return "", [], []


# --- how an edition renders a kind ------------------------------------------------

@dataclass(frozen=True)
class Native:
    """Pandoc's writer renders the kind as the filters left it."""
    why: str = ""


@dataclass(frozen=True)
class After:
    """Rendered by a pass over the edition's output, after pandoc wrote it."""
    where: str


@dataclass(frozen=True)
class Template:
    """Rendered by the edition's template (a front-matter part, from the metadata)."""
    where: str = ""


@dataclass(frozen=True)
class Structured:
    """Carried as structured data (elements an archive reads), not as printed text;
    ``before``: what the edition changes in the element before pandoc writes it."""
    where: str
    before: Callable[[dict], "dict | list | None"] | None = None


@dataclass(frozen=True)
class Omit:
    """The edition does not carry the kind (the deposit has no body); why."""
    why: str


NATIVE = Native()
TEMPLATE = Template()
FRONT_MATTER = tuple(kind.name for kind in KINDS if not kind.elements)
Action = Callable[[dict], "dict | list | None"]
Renderer = "Action | Native | Template | After | Structured | Omit"


def front_matter(how=TEMPLATE, **parts) -> dict:
    """Every front-matter part rendered ``how`` (by default the template), but
    ``parts`` (``journal_line=Omit(…)``: dashes as underscores)."""
    return {name: parts.get(name.replace("-", "_"), how) for name in FRONT_MATTER}


def uncovered(renderers: dict, listed: tuple[Kind, ...] = KINDS) -> list[str]:
    """The kinds of ``listed`` an edition's renderers say nothing of.

    >>> uncovered({"title": TEMPLATE}, KINDS[:2])
    ['subtitle']
    """
    return [kind.name for kind in listed if kind.name not in renderers]


def printed(renderer) -> bool:
    """Whether an edition's renderer puts the kind in its text (for the tests that read
    the text back): not when it leaves it out, or carries it only as structured data."""
    return not isinstance(renderer, (Omit, Structured))


class Renderers(dict):
    """An edition's renderer for every kind: ``{kind name: renderer}``. Only the
    kinds given a function change the document before pandoc writes it. What the
    functions collect while they render (figure files, footnotes) is kept as
    attributes of the table they belong to."""

    def actions(self) -> dict[str, Action]:
        """The kinds' functions: what changes the document before pandoc writes it."""
        return {name: how.before if isinstance(how, Structured) else how for name, how in self.items()
                if callable(how) or isinstance(how, Structured) and how.before}

    def marks(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(element types, class names in quotes) that may need an action: a
        document with none of them is passed to pandoc as it is (``press.ast.render_kinds``)."""
        types, classes = set(), set()
        for name in self.actions():
            kind = KIND[name]
            if kind.class_name:
                classes.add(f'"{kind.class_name}"')
            else:
                types.update(kind.elements)
        return tuple(sorted(types)), tuple(sorted(classes))


def dispatch(renderers: Renderers) -> Action:
    """The action for ``press.ast.transform`` that renders each element by its kind:
    the kind's function decides (None: keep it and go into it; an element or a list:
    put that in its place)."""
    actions = renderers.actions()
    types = {element for name in actions for element in KIND[name].elements}

    def render(element: dict):
        if element["t"] not in types:
            return None
        name = kind_of(element)
        action = actions.get(name)
        return action(element) if action else None

    return render


def shown_in(*formats: str) -> Callable[[dict], list]:
    """The renderer of the ``conditional`` kind for an edition that is each of ``formats``
    (Quarto's names: the EPUB is "epub" and "html", the PDF "pdf" and "typst"): the
    content where the element is shown in one of them and hidden in none, else nothing.

    >>> div = {"t": "Div", "c": [["", ["content-conditional"], [["data-shown-in", "html"]]], [{"t": "Para", "c": []}]]}
    >>> shown_in("epub", "html")(div), shown_in("pdf", "typst")(div)
    ([{'t': 'Para', 'c': []}], [])
    """
    def render(element: dict) -> list:
        attributes = dict(attributes_of(element)[2])
        shown = attributes.get(names.SHOWN_IN_ATTRIBUTE, "").split()
        hidden = attributes.get(names.HIDDEN_IN_ATTRIBUTE, "").split()
        visible = (not shown or any(name in shown for name in formats)) and not any(name in hidden for name in formats)
        return element["c"][1] if visible else []
    return render
