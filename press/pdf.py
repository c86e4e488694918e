"""The PDF edition: Typst by default (in-process), or through the LaTeX edition
with ``--pdf-engine xelatex|lualatex``.

Typst compiles with the build's sandbox as its root (``core.sandbox``): copies of
the figures the text names, under the names it gives them, and nothing else of the
project or the machine. Before pandoc writes Typst,
images become Typst's own ``image`` calls (pandoc's writer drops the alt text,
which the PDF's tags carry) and numbered equations a line with their number at
the right margin; the numbers themselves come from the AST.

The PDF is PDF/A-2a and PDF/UA-1 (``STANDARDS``), exported so by Typst, which
refuses to write one that would break them: every equation has its alternative
text (its TeX as linear text, ``core.mathtext``), every picture its alt text, a PDF
figure is embedded as the SVG Typst draws of it (the standards' export takes no
PDF). Level A of PDF/A, because the PDF is tagged and every glyph is mapped to
Unicode for PDF/UA already: the archive is told its structure and text can be
reused. The XMP then gets what Typst does not write (``archival``): every author
as a creator of their own, both titles, the DOI, the licence.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from core.diagnostics import display_path, warn
from core.inputs import limit, too_large
from core.kinds import NATIVE, Native, Renderers, front_matter, shown_in
from core.language import term
from core.markup import PLAIN_ID, typst_string
from core.mathtext import linear
from core.names import (
    GENERATED_LIST_TERMS,
    KIND_ATTRIBUTE,
    LATEX_LABEL_ATTRIBUTE,
    PAGE_RANGE_CLASS,
    PAGE_RANGE_FIRST_ATTRIBUTE,
    SUBFIGURE_CLASS,
)
from core.tools import TYPST, MissingGlyphs
from press import ast
from press.figures import (
    data_uri,
    data_uri_bytes,
    svg_aspect,
    svg_of_pdf,
    typst_image_source,
    typst_length,
)
from press.latex import manuscript_place
from press.render import Rendered, mapped, render
from press.templates import context, environment
from press.typstsymbols import current_symbols

# A picture much taller than wide (the timeline of a long chronology) is set to a
# height that fits a page, not to the text's width.
TALL, PAGE_HEIGHT = 1.3, "20cm"


def typst_image(element: dict, job=None) -> dict:
    """An Image as a raw ``#image(…)`` with its size and alt text (an image without
    one is told by its file's name); a PDF figure, read from its checked copy in the
    build's sandbox (``job.resources``), as the SVG Typst draws of it."""
    _, _, attributes = ast.attributes(element)
    url = element["c"][2][0]
    alt = ast.alt_text(element) or ("" if url.startswith("data:") else Path(url).stem)
    if url.lower().endswith(".pdf") and job is not None:  # the standards' export takes no PDF
        url = data_uri("image/svg+xml", svg_of_pdf(Path(job.resources[url]), Path(job.root)))
    arguments = [typst_image_source(url)]
    if url.startswith("data:image/svg+xml") and (svg_aspect(data_uri_bytes(url)[1]) or 0) > TALL:
        attributes = {"height": PAGE_HEIGHT}
    for name in ("width", "height"):
        length = typst_length(attributes.get(name, ""))
        if length:
            arguments.append(f"{name}: {length}")
    if alt:
        arguments.append(f"alt: {typst_string(alt)}")
    return {"t": "RawInline", "c": ["typst", f"#image({', '.join(arguments)})"]}


def alternative(math: list[dict]) -> str:
    """The set rule that gives the equations after it their alternative text: the
    TeX of ``math`` (Math elements) as linear text."""
    alt = " ".join(linear(item["c"][1]) for item in math if item.get("t") == "Math")
    return f"#set math.equation(alt: {typst_string(alt)});"


def typst_math(element: dict) -> list[dict]:
    """Math with its alternative text (PDF/UA): ``#[#set math.equation(alt: "…");$x$]``."""
    return [{"t": "RawInline", "c": ["typst", f"#[{alternative([element])}"]}, element,
            {"t": "RawInline", "c": ["typst", "]"]}]


def typst_label(identifier: str) -> str:
    """A Typst label for an id (`` <eq:x>``), or none when the id holds what a label may
    not (an author's id reaches the source here, past pandoc's writer: ``q>#panic(1)<r``
    would be Typst code run in the PDF).

    >>> typst_label("eq:x"), typst_label('q>#link("file:///etc/passwd")[x]<r'), typst_label("")
    (' <eq:x>', '', '')
    """
    return f" <{identifier}>" if identifier and PLAIN_ID.fullmatch(identifier) else ""


def typst_equation(element: dict) -> list[dict]:
    """A numbered equation's Span → ``#equation-line(number: "(1)")[$ … $] <eq:x>``,
    the equation with its alternative text."""
    identifier, math, number = ast.equation_parts(element)
    label = typst_label(identifier)
    return ([{"t": "RawInline", "c": ["typst", f"#equation-line(number: {typst_string(number)})[{alternative(math)}"]}]
            + math + [{"t": "RawInline", "c": ["typst", f"]{label}"]}])


def typst_page_link(element: dict, page: str) -> dict | None:
    """A chronology back-link as the page it points at, a link: ``s. 3``.

    >>> link = {"t": "Link", "c": [["", ["event-place"], []], [], ["#event-2", ""]]}
    >>> typst_page_link(link, "s.")["c"][1]
    '#link(<event-2>)[s.~#context counter(page).at(<event-2>).first()]'
    """
    label = element["c"][2][0][1:]
    if not PLAIN_ID.fullmatch(label):
        return None
    return {"t": "RawInline", "c": ["typst", f"#link(<{label}>)[{page}~#context "
                                             f"counter(page).at(<{label}>).first()]"]}


# What PDF/UA counts as a link: a header repeated on each page of a long table is an
# artifact, and an artifact may hold none (Typst refuses the PDF).
LINKING = ("Link", "Cite", "Note")


def typst_table(element: dict) -> list[dict]:
    """Columns as wide as their content needs (Typst's own sizing), not the widths
    pandoc derives from the dashes of a pipe table's rule; a wide table a size smaller;
    a header holding a link or a citation printed once, not on each page."""
    element["c"][2] = [[align, {"t": "ColWidthDefault"}] for align, _ in element["c"][2]]
    settings = ["set text(size: 8.5pt)"] if len(element["c"][2]) >= ast.WIDE_TABLE else []
    if any(next(ast.elements(element["c"][3], kind), None) for kind in LINKING):
        settings.append("set table.header(repeat: false)")
    if not settings:
        return [element]
    return [{"t": "RawBlock", "c": ["typst", "#[" + "".join(f"#{setting}\n" for setting in settings)]}, element,
            {"t": "RawBlock", "c": ["typst", "]"]}]


# Typst breaks a paragraph's lines optimally (Knuth and Plass), in time that grows
# with the square of its break points: one word of 1 MB, hyphenatable everywhere,
# took over 100 s. A paragraph longer than this is broken line by line ("simple"),
# in time proportional to its length (1 MB: 3.5 s); no article's paragraph is this long.
LONG_PARAGRAPH = 3000


def text_length(element) -> int:
    """The characters of a pandoc JSON element's text (its strings, at any depth).

    >>> text_length({"t": "Para", "c": [{"t": "Str", "c": "abc"}, {"t": "Space"}, {"t": "Str", "c": "de"}]})
    5
    """
    if isinstance(element, str):
        return len(element)
    if isinstance(element, dict):
        return text_length(element.get("c", ""))
    if isinstance(element, list):
        return sum(text_length(item) for item in element)
    return 0


def is_label_anchor(inline: dict) -> bool:
    """An empty Span a LaTeX ``\\label`` in the text left (``filters.crossref.anchor_labels``)."""
    return inline["t"] == "Span" and not inline["c"][1] and any(
        key == LATEX_LABEL_ATTRIBUTE for key, _ in inline["c"][0][2])


# What starts a list, a numbered list, a term or a heading at the start of a line of Typst's
# markup, as the first word of a paragraph (followed by a space): pandoc escapes it at the
# start of a line of the text, not as the first word of a table's cell, a footnote or a list
# item ("- Allons-nous-en." printed as a bullet, in a cell of a play's dialogue). (A word
# run on with a period after a call, "#emph[x].Then", is escaped in every field and the
# body alike, by the render: press/render.lua.)
TYPST_LINE_MARKER = re.compile(r"[-+/]|=+|\d+\.")


def typst_marker_escaped(content: list[dict]) -> list[dict]:
    r"""A paragraph's inlines with a first word that Typst would read as a line's marker
    written as its text.

    >>> typst_marker_escaped([{"t": "Str", "c": "-"}, {"t": "Space"}, {"t": "Str", "c": "Allons"}])[0]
    {'t': 'RawInline', 'c': ['typst', '\\-']}
    >>> typst_marker_escaped([{"t": "Str", "c": "12."}, {"t": "Space"}])[0]["c"][1], typst_marker_escaped([{"t": "Str", "c": "-x"}])[0]["t"]
    ('12\\.', 'Str')
    """
    if not content or content[0]["t"] != "Str" or not TYPST_LINE_MARKER.fullmatch(content[0]["c"]) \
            or len(content) > 1 and content[1]["t"] not in ("Space", "SoftBreak", "LineBreak"):
        return content
    word = content[0]["c"]
    escaped = word[:-1] + "\\." if word.endswith(".") else "\\" + word
    return [{"t": "RawInline", "c": ["typst", escaped]}, *content[1:]]


def typst_paragraph(element: dict) -> list[dict] | dict | None:
    """A paragraph without the anchors of LaTeX labels (their links go to the section they
    name; an anchor's label right after a heading's took the heading's place, and Typst
    stopped at every link to it); none when it held nothing else; a long one broken simply;
    a first word Typst would read as a list's or a heading's marker written as text."""
    kept = [inline for inline in element["c"] if not is_label_anchor(inline)]
    content = typst_marker_escaped(kept)
    if content is kept and len(kept) == len(element["c"]):
        return broken_simply(element)
    if all(inline["t"] in ("Space", "SoftBreak") for inline in content):
        return []
    element = dict(element, c=content)
    return broken_simply(element) or element


# Typst's outline of each generated list's things.
OUTLINED = {"contents": "depth: 2", "figure": "target: figure.where(kind: image)",
            "table": "target: figure.where(kind: table)"}


def typst_outline(element: dict, lang: str) -> dict:
    """A list the author asked LaTeX to make (``\\listoffigures``…) as Typst's outline of
    the same things, with their pages.

    >>> typst_outline({"t": "Div", "c": [["", ["generated-list"], [["data-kind", "figure"]]], []]}, "en")["c"][1]
    '#[#show footnote: none; #outline(title: [#"Figures"], target: figure.where(kind: image))]'
    """
    listed = dict(element["c"][0][2]).get(KIND_ATTRIBUTE, "contents")
    listed = listed if listed in OUTLINED else "contents"
    title = typst_string(term(lang, GENERATED_LIST_TERMS[listed]))
    # a heading's or caption's note is the text's: not marked again in the list
    return {"t": "RawBlock", "c": ["typst", f"#[#show footnote: none; #outline(title: [#{title}], {OUTLINED[listed]})]"]}


def boxed_terms(element: dict) -> None:
    r"""A definition list whose terms hold a picture: each picture in a ``box``, inline as
    it stands (an image outside one is a block, and splits the term's PDF tag: PDF/UA
    refused the whole PDF).

    >>> terms = {"t": "DefinitionList", "c": [[[{"t": "RawInline", "c": ["typst", '#image("a.png")']}], []]]}
    >>> boxed_terms(terms); terms["c"][0][0][0]["c"][1]
    '#box(image("a.png"))'
    """
    if element["t"] != "DefinitionList":
        return None
    for term_inlines, _ in element["c"]:
        for inline in ast.elements(term_inlines, "RawInline"):
            if inline["c"][0] == "typst" and inline["c"][1].startswith("#image("):
                inline["c"][1] = "#box(" + inline["c"][1][1:] + ")"
    return None


def broken_simply(element: dict) -> list[dict] | None:
    """A paragraph longer than ``LONG_PARAGRAPH``, in a block whose lines break simply."""
    if text_length(element["c"]) <= LONG_PARAGRAPH:
        return None
    return [{"t": "RawBlock", "c": ["typst", '#[#set par(linebreaks: "simple")']}, element,
            {"t": "RawBlock", "c": ["typst", "]"]}]


# The reference list's hanging indent: pandoc writes each entry's Div as a Typst
# block, and this rule, first in the block, holds for the block only.
TYPST_HANGING_INDENT = {"t": "RawBlock", "c": ["typst", "#set par(hanging-indent: 2em, first-line-indent: 0pt)"]}


def hanging_entry(element: dict) -> None:
    element["c"][1].insert(0, dict(TYPST_HANGING_INDENT))


def typst_subfigure(element: dict) -> dict:
    """A part of a figure as a block of its picture and caption, labelled, inside its
    figure: a Typst figure of its own would float away from the others."""
    identifier = element["c"][0][0]
    caption = [{"t": "Plain", "c": [i for block in element["c"][1][1] for i in block.get("c", [])]}]
    return {"t": "Div", "c": [[identifier, [SUBFIGURE_CLASS], []], [*element["c"][2], *caption]]}


def layout_columns(attributes: dict, parts: int) -> str:
    """The Typst columns of a figure's parts: Quarto's ``layout-ncol``, or the first row of
    its ``layout`` (widths), else all in one row (at most three a row).

    >>> layout_columns({"layout-ncol": "2"}, 4), layout_columns({"layout": "[0.685, 0.315]"}, 2)
    ('(1fr, 1fr)', '(68.5fr, 31.5fr)')
    >>> layout_columns({"layout": "[[1,1], [1]]"}, 3), layout_columns({}, 5)
    ('(1fr, 1fr)', '(1fr, 1fr, 1fr)')
    """
    count = attributes.get("layout-ncol", "")
    if count.isdecimal() and 0 < int(count) <= 12:
        return "(" + ", ".join(["1fr"] * int(count)) + ")"
    row = re.match(r"\[\s*(\[[^\]]*\]|[^\[\]]*)", attributes.get("layout", ""))
    widths = re.findall(r"-?\d+(?:\.\d+)?", row.group(1)) if row else []
    if widths and all(float(w) > 0 for w in widths) and len(widths) <= 12:
        scale = 100 / max(sum(float(w) for w in widths), 1e-9) if sum(float(w) for w in widths) <= 1 else 1
        return "(" + ", ".join(f"{float(w) * scale:g}fr" for w in widths) + ")"
    return "(" + ", ".join(["1fr"] * min(parts, 3)) + ")"


# The width in the #image(…) call typst_image writes: after its source (a string, or bytes
# with a format), never inside one (a path or alt text may read ", width: 40%")
IMAGE_WIDTH = re.compile(r'^(#image\((?:"(?:[^"\\]|\\.)*"|bytes\((?:"(?:[^"\\]|\\.)*"|\([\d, ]*\))\), '
                         r'format: "\w+"))(, width: (\d+(?:\.\d+)?)%)')


def typst_figure(element: dict) -> list[dict] | None:
    """A figure of parts (subfigures) as Typst lays them out side by side, each picture as
    wide as its column: as blocks one under the other, a second picture ran off the page
    with the figure's caption (PDF only, without a word). Other figures: pandoc's."""
    (identifier, _, attributes), caption, blocks = element["c"]
    if not any(b.get("t") == "Div" and SUBFIGURE_CLASS in b["c"][0][1] for b in blocks):
        return None
    def raw(text: str) -> dict:
        return {"t": "RawBlock", "c": ["typst", text]}

    parts = [b for b in blocks if b.get("t") == "Div" and SUBFIGURE_CLASS in b["c"][0][1]]
    # each part as wide as its picture was asked to be of the page ({width=40%}), its picture
    # then filling it; else the columns of its layout, each picture as wide as its column
    pictures = [next(ast.elements(part, "RawInline"), None) for part in parts]
    widths = [IMAGE_WIDTH.match(p["c"][1]) if p else None for p in pictures]
    if all(widths) and sum(float(w.group(3)) for w in widths) <= 100:
        columns = "(" + ", ".join(f"{w.group(3)}%" for w in widths) + ")"
        for picture, width in zip(pictures, widths):
            picture["c"][1] = width.group(1) + picture["c"][1][width.end():]
    else:
        columns = layout_columns(dict(attributes), len(parts))
    cells = [item for part in parts for item in (raw("[#set image(width: 100%)"), part, raw("],"))]
    label = typst_label(identifier)
    return [raw(f"#figure(kind: image, grid(columns: {columns}, column-gutter: 1em, row-gutter: 0.8em, "
                "align: center + bottom,"), *cells, raw("), caption: ["), *caption[1], raw("])" + label)]


# A page break before an appendix: it starts a page of its own, as journals set
# appendices, and Typst lays out the runs of pages between explicit breaks in
# parallel (the seed article's PDF: 0.22 s → 0.16 s on two cores).
PAGE_BREAK = {"t": "RawBlock", "c": ["typst", "#pagebreak(weak: true)"]}


def typst_appendix(element: dict) -> list[dict]:
    """An appendix's heading at the top of a new page.

    >>> [block["t"] for block in typst_appendix({"t": "Header", "c": [1, ["a", [], []], []]})]
    ['RawBlock', 'Header']
    """
    return [PAGE_BREAK, element]


def typst_callout(element: dict) -> list[dict]:
    """A callout in a box with a coloured rule at its left, its title in bold; labelled
    with its id, which a numbered one's cross-references link to (``#nte-x``)."""
    identifier = element["c"][0][0]
    label = typst_label(identifier)
    return [{"t": "RawBlock", "c": ["typst", "#block(width: 100%, inset: 8pt, radius: 2pt, fill: luma(245), "
                                             "stroke: (left: 2.5pt + luma(120)))["]},
            *element["c"][1], {"t": "RawBlock", "c": ["typst", "]" + label]}]


def typst_page_range(element: dict) -> list[dict]:
    """A journal's page range whose last page is the PDF's own: the first page, then, as
    Typst sets the last page, a dash and its number (none for a one-page article). The
    PDF is then the same whatever length the journal expected (``press.journal.work``).

    >>> span = {"t": "Span", "c": [["", ["page-range"], [["first", "41"]]], [{"t": "Str", "c": "41"}]]}
    >>> [item["c"] for item in typst_page_range(span)][1][1]
    '#context { let last = counter(page).final().first(); if last > 41 [–#last] }'
    """
    first = ast.attributes(element)[2].get(PAGE_RANGE_FIRST_ATTRIBUTE, "")
    if not first.isdecimal():
        return ast.content_of(element)
    last = f"#context {{ let last = counter(page).final().first(); if last > {int(first)} [–#last] }}"
    return [{"t": "Str", "c": str(int(first))}, {"t": "RawInline", "c": ["typst", last]}]


def with_page_ranges(value):
    """``value`` (pandoc's JSON: the metadata) with each page range in it as
    ``typst_page_range`` renders it (the journal line and "cite as" are fields)."""
    if isinstance(value, list):
        return [rendered for item in value
                for rendered in (typst_page_range(item) if isinstance(item, dict) and item.get("t") == "Span"
                                 and PAGE_RANGE_CLASS in item["c"][0][1] else [with_page_ranges(item)])]
    if isinstance(value, dict):
        return {key: with_page_ranges(child) for key, child in value.items()}
    return value


def renderers(job) -> Renderers:
    """How the PDF edition renders each kind before pandoc writes Typst."""
    page = term(job.lang, "page")
    return Renderers({**front_matter(),
        "section": NATIVE, "appendix": typst_appendix, "paragraph": typst_paragraph, "list": boxed_terms,
        "block-quote": NATIVE, "line-block": NATIVE, "code": Native("Typst highlights code itself"), "raw": NATIVE,
        "figure": typst_figure, "image": lambda element: typst_image(element, job), "table": typst_table,
        "math": typst_math,
        "equation": typst_equation, "footnote": NATIVE, "link": NATIVE, "cross-reference": NATIVE,
        "citation": NATIVE, "reference-entry": hanging_entry, "back-matter": NATIVE,
        "event-mention": NATIVE, "chronology-list": NATIVE, "chronology-date": ast.content_of,
        "event-place": lambda element: typst_page_link(element, page), "timeline": NATIVE,
        "page-break": lambda element: PAGE_BREAK,
        "subfigure": typst_subfigure, "listing": NATIVE,
        "theorem": NATIVE, "proof": NATIVE, "callout": typst_callout, "tex-text": ast.content_of,
        "conditional": shown_in("pdf", "typst"), "generated-list": lambda element: typst_outline(element, job.lang),
        "page-range": typst_page_range})


def prepare(job) -> str:
    doc_json = ast.render_kinds(job.doc_json, renderers(job), job.document)
    math_at, meta_at, blocks_at = (doc_json.find(key) for key in ('"Math"', '"meta":', '"blocks":'))
    in_meta = not (math_at < 0 or 0 <= meta_at < blocks_at < math_at)  # math before the body: in the metadata
    ranges = f'"{PAGE_RANGE_CLASS}"' in doc_json
    if not (in_meta or ranges):
        return doc_json
    # math in a metadata field (a title's $L^2$) needs its alternative text too: PDF/UA
    # refuses the whole PDF without it; a journal's page range in a field is the PDF's own
    doc = ast.load(doc_json)
    doc["meta"] = with_page_ranges(with_math_alternatives(doc["meta"]) if in_meta else doc["meta"])
    return ast.dump(doc)


def with_math_alternatives(value):
    """``value`` (pandoc's JSON) with each Math in it as ``typst_math`` renders it.

    >>> with_math_alternatives([{"t": "Math", "c": [{"t": "InlineMath"}, "x"]}])[0]["c"][1]
    '#[#set math.equation(alt: "x");'
    """
    if isinstance(value, list):
        return [rendered for item in value
                for rendered in (typst_math(item) if isinstance(item, dict) and item.get("t") == "Math"
                                 else [with_math_alternatives(item)])]
    if isinstance(value, dict):
        return {key: with_math_alternatives(child) for key, child in value.items()}
    return value


def render_typst(job) -> Rendered:
    # Without `smart`, pandoc writes ’ as ’: Typst's smart quotes would print
    # "2020'de" with a prime after the digit.
    doc_json = prepare(job)
    check_words(doc_json, job)
    rendered = render(doc_json, "typst-smart", ["--wrap=none"], job.plain)
    # the symbols pandoc names as Typst named them before 0.14 (press.typstsymbols)
    rendered.body = current_symbols(rendered.body)
    rendered.meta = mapped(rendered.meta, current_symbols)
    return rendered


def check_words(doc_json: str, job) -> None:
    """No word (a string of the text, the metadata or the references without a space)
    longer than the ``word`` limit: pandoc's Typst writer takes time in the square of a
    word's length (100,000 characters: a minute), so a longer one is an error naming it."""
    longest = limit("word")
    long_word = re.search(r'"t":\s*"Str",\s*"c":\s*"((?:[^"\\]|\\.){%d,})"' % (longest + 1), doc_json)
    if long_word:
        word = json.loads(f'"{long_word.group(1)}"')
        path, line = manuscript_place(word[:60], [*job.sources, *job.bibliography, *job.metadata_files])
        raise too_large("word", path, len(word), line)


def typst_source(job, rendered: Rendered) -> str:
    template = environment("typst", False, job.template_path).get_template("article.typ.j2")
    return template.render(context(job, rendered, "pdf"))


def write(job, shared) -> dict[str, bytes]:
    """The PDF, and a copy beside the HTML page, which links it (Google Scholar reads
    the PDF of a page from the page's own folder)."""
    if job.pdf_engine != "typst":
        from press import latex
        pdf = latex.write_pdf(job, job.pdf_engine)[f"{job.slug}.pdf"]
    else:
        TYPST.warm()  # Typst's worker starts while pandoc writes its source
        source = typst_source(job, render_typst(job))
        pdf = archival(typeset(source, job), job.plain, job.lang)
    return {f"{job.slug}.pdf": pdf, f"html/{job.slug}.pdf": pdf}


REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)  # a flag is two of them: 🇨🇳 is C, N
FLAG = re.compile("[\U0001F1E6-\U0001F1FF]{1,2}")


def stand_in(character: str) -> str:
    """What the PDF prints for a character no font of it has: a flag's letter, or the
    character's Unicode name (a Typst source takes either, in text or in a string).

    >>> stand_in("🇨"), stand_in("😀"), stand_in("\U000E0001"), stand_in("\ue000")
    ('C', '(grinning face)', '', '(U+E000)')
    """
    code = ord(character)
    if code in REGIONAL_INDICATORS:
        return chr(ord("A") + code - REGIONAL_INDICATORS.start)
    name, category = unicodedata.name(character, ""), unicodedata.category(character)
    if not name and category in ("Co", "Cn"):  # a private-use character, or one Unicode leaves unassigned
        return f"(U+{code:04X})"
    return f"({name.lower()})" if name and category not in ("Cf", "Mn") else ""


# How many characters no font has a build names, each at its place (each is looked up in
# every source); the others are counted in one warning.
NAMED_GLYPHS = 20


def typeset(source: str, job) -> bytes:
    """The PDF of a Typst source. A character that no font of the PDF has (an emoji, a
    flag, a script the fonts lack) is printed as its stand-in (``stand_in``), each with
    a warning at its line: PDF/A shows every glyph or none, and the other editions
    show it. Typst names them all at once: one more compile."""
    def compiled(text: str) -> bytes:
        return TYPST.compile(text, job.timestamp, root=Path(job.root), fonts=job.template_path.fonts,
                             standards=STANDARDS, where=lambda line: place_of(line, job))

    for _ in range(3):  # the characters no font has, then those PDF/A forbids (private use)
        try:
            return compiled(source)
        except MissingGlyphs as failure:
            characters = {c for text in failure.characters for c in text}
        # a flag is named whole (🇨🇳, not 🇨 then 🇳)
        shown = FLAG.findall(source) if any(ord(c) in REGIONAL_INDICATORS for c in characters) else []
        present = set(source)  # one pass: "c in source" for each was their number times the text's length
        shown += [c for c in sorted(characters) if ord(c) not in REGIONAL_INDICATORS and c in present]
        if not shown:
            break
        shown = list(dict.fromkeys(shown))
        for text in shown[:NAMED_GLYPHS]:
            instead = "".join(map(stand_in, text))
            path, line = manuscript_place(text, [*job.sources, *job.bibliography, *job.metadata_files])
            why = "PDF/A forbids a private or unassigned character" if all(
                unicodedata.category(c) in ("Co", "Cn") for c in text) else "no font of the PDF has it"
            warn(f"the pdf edition cannot show '{text}' ({why}): it prints '{instead}' there", path, line,
                 hint="the html, epub and docx editions show it; a journal's template may bring a font "
                      "that has it (templates/fonts/)")
        if len(shown) > NAMED_GLYPHS:
            warn(f"the pdf edition cannot show {len(shown) - NAMED_GLYPHS} more characters as those named above: "
                 "it prints their stand-ins there", None, None, hint="a journal's template may bring a font that "
                 "has them (templates/fonts/); the html, epub and docx editions show them")
        # all at once, in one pass over the source (one replace a character took time in their number
        # times the text's length: 80,000 different characters, 18 minutes)
        flags = [text for text in shown if len(text) > 1]
        for text in flags:
            source = source.replace(text, "".join(map(stand_in, text)))
        source = source.translate({ord(text): stand_in(text) for text in shown if len(text) == 1})
    return compiled(source)


FIGURE_CALL = re.compile(r'#image\("((?:[^"\\]|\\.)*)"')


def place_of(typst_line: str, job) -> tuple[str | None, int | None]:
    """Where a line of the Typst source came from: the figure it shows (``#image("…")``),
    else the manuscript's line holding its words (``press.latex.manuscript_place``).

    >>> from press.editions import Job
    >>> place_of('#image("figures/a b.png", alt: "A")', Job("{}", "x", "en", None, folder="m"))
    ('m/figures/a b.png', None)
    """
    figure = FIGURE_CALL.search(typst_line)
    if figure:
        return display_path(Path(job.folder) / figure.group(1).replace('\\"', '"')), None
    return manuscript_place(typst_line, list(job.sources))


# PDF/A-2 level A (archival, tagged, every glyph's text known) and PDF/UA-1 (accessible).
STANDARDS = ("a-2a", "ua-1")
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XMP_NAMESPACES = {"rdf": RDF, "dc": "http://purl.org/dc/elements/1.1/",
                  "xmpRights": "http://ns.adobe.com/xap/1.0/rights/", "x": "adobe:ns:meta/"}


def xmp_properties(plain: dict, lang: str) -> dict[str, list[tuple[str | None, str]]]:
    """What the PDF's XMP says of the article beyond Typst's: each property's values,
    with their languages (dc:title in both; None: a list's item).

    >>> xmp_properties({"title": "T", "translation": {"lang": "tr", "title": "B"}, "doi": "10.1/x",
    ...                 "authors": [{"name": "A"}, {"name": "C"}], "license": {"name": "CC BY 4.0",
    ...                 "url": "https://l/"}, "copyright": "© 2021 A"}, "en")["dc:title"]
    [('x-default', 'T'), ('en', 'T'), ('tr', 'B')]
    """
    translation = plain.get("translation") or {}
    license_ = plain.get("license") or {}
    rights = " · ".join(filter(None, [plain.get("copyright"), license_.get("name")]))
    properties = {
        "dc:title": [("x-default", plain["title"]), (lang, plain["title"]),
                     *([(translation.get("lang"), translation["title"])] if translation.get("title") else [])],
        "dc:creator": [(None, author["name"]) for author in plain.get("authors") or [] if author.get("name")],
        "dc:identifier": [(None, f"doi:{plain['doi']}")] if plain.get("doi") else [],
        "dc:rights": [("x-default", rights)] if rights else [],
        "xmpRights:WebStatement": [(None, license_["url"])] if license_.get("url") else [],
    }
    return {name: values for name, values in properties.items() if values}


def archival(pdf: bytes, plain: dict, lang: str) -> bytes:
    """The PDF with its XMP completed (``xmp_properties``): Typst writes all the authors
    as one creator, one title and neither DOI nor licence. The Info dictionary may not
    contradict the XMP (PDF/A): its Author, the authors joined, goes when there are
    several. The file's identifier is derived from its content (reproducible)."""
    import io

    import pikepdf
    from lxml import etree

    with pikepdf.open(io.BytesIO(pdf)) as document:
        stream = document.Root.Metadata
        xmp = etree.fromstring(stream.read_bytes())
        description = xmp.find(f".//{{{RDF}}}Description")
        for name, values in xmp_properties(plain, lang).items():
            prefix, local = name.split(":")
            tag = f"{{{XMP_NAMESPACES[prefix]}}}{local}"
            for old in description.findall(tag):
                description.remove(old)
            container = {"dc:title": "Alt", "dc:rights": "Alt", "dc:creator": "Seq"}.get(name)
            element = etree.SubElement(description, tag, nsmap={prefix: XMP_NAMESPACES[prefix]})
            if container is None:
                element.text = values[0][1]
                continue
            holder = etree.SubElement(element, f"{{{RDF}}}{container}")
            for language, value in values:
                item = etree.SubElement(holder, f"{{{RDF}}}li")
                item.text = value
                if language:
                    item.set("{http://www.w3.org/XML/1998/namespace}lang", language)
        stream.write(etree.tostring(xmp, encoding="utf-8"))
        creators = xmp_properties(plain, lang).get("dc:creator", [])
        if len(creators) > 1 and "/Author" in document.docinfo:
            del document.docinfo["/Author"]  # PDF/A: one Author equal to the only creator, or none
        output = io.BytesIO()
        document.save(output, deterministic_id=True)
        return output.getvalue()
