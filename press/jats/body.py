"""The JATS edition's passes over the body: before pandoc writes it (link types,
appendices, back-matter statements, footnotes, the chronology's dates, the figure
files), and after, on the lxml tree (labels, numbered equations, the statements in
their JATS elements, appendices and footnotes out of the body).
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from core.kinds import (
    NATIVE,
    After,
    Native,
    Omit,
    Renderers,
    Structured,
    front_matter,
    shown_in,
)
from core.mathtext import linear
from core.names import (
    APPENDIX_CLASS,
    CITATION_CLASS,
    DATETIME_ATTRIBUTE,
    ENTRY_PREFIX,
    EQUATION_CLASS,
    EQUATION_NUMBER_CLASS,
    EVENT_REF_CLASS,
    KIND_ATTRIBUTE,
    LABEL_CLASS,
    LISTING_CLASS,
    SECTION_NUMBER_CLASS,
    THEOREM_CLASS,
)
from press import ast
from press.figures import EXTENSIONS, data_uri_bytes
from press.jats.xml import MML, XLINK, element, fragment, named, remove, unwrap  # noqa: F401 (fragment: the doctests)

# Where each back-matter statement goes (JATS4R's recommendations): acknowledgements
# in <ack>, funding in <funding-group>, conflicts and contributions as author notes,
# data availability and ethics as sections of the back matter.
AUTHOR_NOTES = {"conflict-of-interest": "coi-statement", "author-contributions": "con"}
BACK_SECTIONS = {"data-availability": "data-availability", "ethics": "ethics-statement"}
# A footnote's marker and text travel through pandoc as a link and a Div of this
# content-type (the fields template prints the body only, not pandoc's <back>).
FOOTNOTE_TYPE = "press-footnote"
APPENDIX_TYPE = "press-appendix"
# A line block travels as a Div of this content-type, a paragraph a line (``verses``).
VERSE_TYPE = "press-line-block"


# --- the document before pandoc writes it -----------------------------------------------

def target_types(doc: dict) -> dict[str, str]:
    """Each id of the document → the ``ref-type`` of a link to it."""
    types: dict[str, str] = {}
    for kind, ref_type in (("Figure", "fig"), ("Table", "table")):
        for found in ast.elements(doc["blocks"], kind):
            types[found["c"][0][0]] = ref_type
    for header in ast.elements(doc["blocks"], "Header"):
        identifier, classes, _ = header["c"][1]
        types[identifier] = "app" if APPENDIX_CLASS in classes else "sec"
    for div in ast.elements(doc["blocks"], "Div"):
        identifier, classes, _ = div["c"][0]
        if LISTING_CLASS in classes or THEOREM_CLASS in classes:
            types[identifier] = "boxed-text"
    for span in ast.elements(doc["blocks"], "Span"):
        identifier, classes, _ = span["c"][0]
        if EQUATION_CLASS in classes:
            types[identifier] = "disp-formula"
        elif EVENT_REF_CLASS in classes:
            types[identifier] = "other"
    return {identifier: kind for identifier, kind in types.items() if identifier}


def named_date(element: dict) -> dict:
    """A date of the chronology → a Span that pandoc writes as ``<named-content
    content-type="date" vocab="ISO 8601" vocab-term="1994-05-12">``: the date stays
    machine-readable."""
    iso = dict(ast.attributes_list(element))[DATETIME_ATTRIBUTE]
    return {"t": "Span", "c": [["", [], [["content-type", "date"], ["vocab", "ISO 8601"], ["vocab-term", iso]]],
                               element["c"][1]]}


def verse_lines(element: dict) -> dict:
    """A line block as a Div of paragraphs, a line each: pandoc's JATS writer runs its
    lines into one paragraph, and ``verses`` makes it a ``<verse-group>``."""
    return {"t": "Div", "c": [["", [], [["content-type", VERSE_TYPE]]],
                             [{"t": "Para", "c": line} for line in element["c"]]]}


def no_page(element: dict) -> list:
    """A page break: none in an archive's XML, which has no pages (the journal's
    typesetting breaks them)."""
    return []


def renderers(job=None) -> Renderers:
    """How the JATS edition renders each kind before pandoc writes it; its ``types``
    (each id's ``ref-type``) are set before it renders, and the footnotes' texts go
    into its ``notes``, for ``<fn-group>``."""
    notes: list[dict] = []

    def typed_link(item):
        target = item["c"][2][0][1:] if item["c"][2][0].startswith("#") else ""
        ref_type = "bibr" if target.startswith(ENTRY_PREFIX) else table.types.get(target)
        if ref_type:
            item["c"][0][2].append(["ref-type", ref_type])
            # an <xref> holds text: a note-style citation's URL (its own link) is its words there
            item["c"][1] = ast.without_links(item["c"][1])

    def appendix(item):
        item["c"][1][2].append(["sec-type", APPENDIX_TYPE])

    def statement(item):
        kind_name = dict(item["c"][0][2]).get(KIND_ATTRIBUTE, "")
        for header in [b for b in item["c"][1] if b["t"] == "Header"][:1]:
            header["c"][1][2].append(["sec-type", kind_name])

    def footnote(item):
        number = str(len(notes) + 1)
        notes.append({"t": "Div", "c": [[f"fn{number}", [], [["content-type", FOOTNOTE_TYPE]]], item["c"]]})
        return {"t": "Link", "c": [["", [], [["ref-type", "fn"]]], [{"t": "Str", "c": number}],
                                   [f"#fn{number}", ""]]}

    after = After("press.jats.body, on the tree pandoc wrote")
    labelled = Structured("its number a <label>, apart from its title or caption")
    front = After("press.jats.front: <article-meta>")
    table = Renderers({**front_matter(front, authors=Structured("contrib: surname, given-names"),
                                      author_notes=Structured("author-notes: one fn each, its mark an xref "
                                                              "from the contrib; contrib equal-contrib"),
                                      history=Structured("pub-date and history: day, month, year"),
                                      journal_line=Structured("journal-meta, volume, issue, fpage, lpage"),
                                      doi=Structured("article-id pub-id-type='doi'"),
                                      keywords=Structured("kwd-group: one kwd each"),
                                      cite_as=Omit("a reader's platform composes the citation from the parts")),
        "section": labelled, "appendix": Structured(labelled.where, appendix), "paragraph": NATIVE, "list": NATIVE,
        "block-quote": NATIVE, "line-block": Structured("verse-group: a verse-line each", verse_lines),
        "code": NATIVE, "raw": Native("only raw JATS reaches the XML"),
        "figure": labelled, "image": After("figure_files: each picture a file beside the XML"),
        "table": labelled, "math": Native("MathML"), "equation": after, "footnote": footnote,
        "link": typed_link, "cross-reference": typed_link, "citation": after,
        "reference-entry": After("press.jats.references: <ref> with element- and mixed-citation"),
        "back-matter": Structured("ack, funding-group, author-notes, back sections", statement), "event-mention": NATIVE, "chronology-list": NATIVE,
        "chronology-date": named_date, "event-place": typed_link, "timeline": labelled,
        "page-break": no_page,
        "subfigure": Structured("a fig inside its fig-group, whose <label> holds the figure's number"),
        "listing": Structured("boxed-text: its number a <label>, then the caption and the code"),
        "theorem": Structured("boxed-text: its number and name a <label>, then the statement"),
        "proof": Native("boxed-text"), "callout": Native("boxed-text, its title the first paragraph"),
        "tex-text": ast.content_of, "conditional": shown_in("jats"), "generated-list": NATIVE,
        "page-range": NATIVE})
    table.types, table.notes = {}, notes
    return table


def prepare(job) -> tuple[dict, dict[str, bytes], dict[str, str]]:
    """The document as the JATS writer needs it, the figure files beside the XML and
    each file's alternative text."""
    doc = job.document()
    rendering = renderers(job)
    rendering.types = target_types(doc)
    doc["blocks"] = ast.render_blocks(doc["blocks"], rendering) + rendering.notes
    files = figure_files(doc, job)
    alts: dict[str, list[str]] = {}  # in the text's order: one file may be shown twice, each with its text
    for image in ast.elements(doc["blocks"], "Image"):  # none written: told by its file's name, as in the PDF
        url = image["c"][2][0]
        alts.setdefault(url, []).append(ast.alt_text(image) or ("" if url.startswith("data:") else Path(url).stem))
    return doc, files, alts


def alt_texts(root: etree._Element, alts: dict[str, list[str]]) -> None:
    """Every ``<graphic>`` with its ``<alt-text>`` (JATS4R: all graphics have one),
    the image's own alternative text: pandoc's writer leaves it out, or gives a figure's
    picture its caption (an author's ``fig-alt`` was lost)."""
    left = {href: list(texts) for href, texts in alts.items()}  # each file's texts in turn
    for graphic in root.iter("graphic", "inline-graphic"):
        texts = left.get(graphic.get(f"{{{XLINK}}}href", ""))
        alt = (texts.pop(0) if len(texts) > 1 else texts[0]) if texts else None
        written = graphic.find("alt-text")
        if alt and written is None:
            graphic.insert(0, element("alt-text", alt))
        elif alt:
            written.text = alt


def figure_files(doc: dict, job) -> dict[str, bytes]:
    """Each image as a file beside the XML, under the name the text gives it; a
    generated picture (the timeline, a ``data:`` URI) under its figure's id, a
    figure of several (the timeline's panels) numbered: ``fig-timeline-2.svg``."""
    files: dict[str, bytes] = {}
    for figure in ast.elements(doc["blocks"], "Figure"):
        generated = [image for image in ast.elements(figure["c"][2], "Image")
                     if image["c"][2][0].startswith("data:")]
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", figure["c"][0][0]).strip("-") or "figure"
        for number, image in enumerate(generated, start=1):
            url = image["c"][2][0]
            if url.startswith("data:"):
                media, data = data_uri_bytes(url)
                name = f"figures/{stem}{f'-{number}' if len(generated) > 1 else ''}{EXTENSIONS[media]}"
                image["c"][2][0] = name
                files[name] = data
    for image in ast.elements(doc["blocks"], "Image"):
        url = image["c"][2][0]
        if url in job.resources:
            files[url] = Path(job.resources[url]).read_bytes()
    return files


# --- the body, after pandoc -------------------------------------------------------------

def label_from(node: etree._Element, strip: str = ".:") -> etree._Element:
    """A ``<label>`` with the text of a number span (``Figure 1.`` → ``Figure 1``),
    the span taken out of its text."""
    text = " ".join("".join(node.itertext()).split()).rstrip(strip)
    parent = node.getparent()
    remove(node)
    parent.text = re.sub(r"^[\s:.]+", "", parent.text or "")
    return element("label", text)


def number_labels(body: etree._Element) -> None:
    """Section, figure and table numbers from the text into ``<label>``s (JATS puts
    the label before the title or caption); a table's id on its ``<table-wrap>``."""
    for number in named(body, SECTION_NUMBER_CLASS):
        title = number.getparent()
        if title.tag == "title":
            title.addprevious(label_from(number))
    for number in named(body, LABEL_CLASS):
        paragraph = number.getparent()
        holder = paragraph.getparent().getparent() if paragraph.getparent() is not None else None
        if paragraph.tag == "p" and holder is not None and holder.tag in ("fig", "fig-group", "table-wrap"):
            holder.insert(0, label_from(number))
        elif paragraph.tag == "p" and paragraph.getparent().tag == "boxed-text":  # a listing, a theorem
            paragraph.getparent().insert(0, label_from(number))
    for wrap in body.iter("table-wrap"):
        table = wrap.find("table")
        if table is not None and table.get("id") and not wrap.get("id"):
            wrap.set("id", table.attrib.pop("id"))


def numbered_equations(body: etree._Element) -> None:
    """``<named-content content-type="equation" id>`` around a formula and its number →
    ``<disp-formula id><label>(1)</label>…</disp-formula>``."""
    for holder in named(body, EQUATION_CLASS):
        formula = holder.find("disp-formula")
        if formula is None:
            continue
        numbers = named(holder, EQUATION_NUMBER_CLASS)
        if numbers:
            formula.insert(0, element("label", "".join(numbers[0].itertext()).strip()))
            remove(numbers[0])
        if holder.get("id"):  # an unlabelled one (a raw align's line) gets its id from ``formulas``
            formula.set("id", holder.get("id"))
        unwrap(holder)


# PMC renders a formula's TeX alone: it must be a whole LaTeX document.
TEX_DOCUMENT = ("\\documentclass[12pt]{minimal}\n\\usepackage{amsmath}\n\\usepackage{amssymb}\n"
                "\\begin{document}\n%s\n\\end{document}")


def formulas(root: etree._Element) -> None:
    r"""Every formula as PMC's tagging guidelines want it: an id on the formula and on
    its MathML and TeX, the TeX a complete LaTeX document, and the MathML's
    ``alttext`` the formula as linear text (``core.mathtext``).

    >>> root = fragment(r'<p><inline-formula><alternatives><tex-math>\alpha</tex-math>'
    ...                 '<mml:math display="inline"><mml:mi>α</mml:mi></mml:math></alternatives></inline-formula></p>')
    >>> formulas(root)
    >>> formula = root.find(".//inline-formula")
    >>> formula.get("id"), formula.find(f".//{{{MML}}}math").get("alttext")
    ('inf1', 'α')
    >>> formula.findtext(".//tex-math").split(chr(10))[-2:]
    ['$\\alpha$', '\\end{document}']
    """
    for number, formula in enumerate(root.iter("inline-formula", "disp-formula"), start=1):
        inline = formula.tag == "inline-formula"
        identifier = formula.get("id") or f"{'inf' if inline else 'df'}{number}"
        formula.set("id", identifier)
        tex, math = formula.find(".//tex-math"), formula.find(f".//{{{MML}}}math")
        source = (tex.text or "").strip() if tex is not None else ""
        if tex is not None and not source.startswith("\\documentclass"):
            tex.text = TEX_DOCUMENT % (f"${source}$" if inline else f"\\[{source}\\]")
            tex.set("id", f"{identifier}-tex")
        if math is not None:
            math.set("id", f"{identifier}-mml")
            if source and not math.get("alttext"):
                math.set("alttext", linear(source))


def verses(root: etree._Element) -> None:
    """Each line block (``verse_lines``) as a ``<verse-group>`` of ``<verse-line>``s, the
    lines as written (a poem, an address).

    >>> root = fragment('<boxed-text content-type="press-line-block"><p>a</p><p><italic>b</italic></p></boxed-text>')
    >>> verses(root); [(line.tag, "".join(line.itertext())) for line in root.find("verse-group")]
    [('verse-line', 'a'), ('verse-line', 'b')]
    """
    for group in root.xpath(f".//boxed-text[@content-type='{VERSE_TYPE}']"):
        group.tag = "verse-group"
        del group.attrib["content-type"]
        for line in group:
            line.tag = "verse-line"


# What a link's words are read in: its paragraph, cell, title or line.
LINK_CONTEXTS = ("p", "td", "th", "title", "verse-line", "term", "attrib")
BARE_ADDRESS = re.compile(r"(?i)(?:https?|s?ftp)://\S*|www\.\S*")


def linked_in_context(root: etree._Element) -> None:
    """A link whose words are its address (``<https://…>``) says what it links in
    ``xlink:title`` (JATS4R: link text that describes the linked object): the words
    it is read in (its sentence's paragraph without the address), else the title of its
    section. A reference's link has its work's title already (``press.jats.references``).

    >>> root = fragment('<sec><title>Data</title><p>The code is at <ext-link xlink:href="https://x.org">'
    ...                 'https://x.org</ext-link>.</p><p><ext-link xlink:href="https://y.org">https://y.org</ext-link></p></sec>')
    >>> linked_in_context(root); [link.get(f"{{{XLINK}}}title") for link in root.iter("ext-link")]
    ['The code is at', 'Data']
    """
    for link in root.iter("ext-link", "uri"):
        text = " ".join("".join(link.itertext()).split())
        if link.get(f"{{{XLINK}}}title") or not (not text or text == link.get(f"{{{XLINK}}}href")
                                                  or BARE_ADDRESS.fullmatch(text)):
            continue
        holder = next((a for a in link.iterancestors() if a.tag in LINK_CONTEXTS), None)
        words = " ".join(BARE_ADDRESS.sub(" ", "".join(holder.itertext())).split()).strip(" .,;:()") \
            if holder is not None else ""
        section = next((a for a in link.iterancestors() if a.tag in ("sec", "app", "boxed-text", "fn")), None)
        heading = section.find("title") if section is not None else None
        if len(words.split()) < 2 and heading is not None:
            words = " ".join("".join(heading.itertext()).split())
        if words:
            link.set(f"{{{XLINK}}}title", words if len(words) <= 160 else words[:160].rsplit(" ", 1)[0] + "…")


# What a link's words may hold in Journal Publishing (ext-link, xref): styled text only.
LINK_WORDS = frozenset({"bold", "fixed-case", "italic", "monospace", "named-content", "overline", "roman",
                        "ruby", "sans-serif", "sc", "strike", "styled-content", "sub", "sup", "underline"})


def within_link_words(root: etree._Element) -> None:
    """A link's words as JATS lets them be (styled text only): a formula in them as its
    linear text (its MathML's ``alttext``), a picture or a note right after the link
    (kept, outside it). Runs after ``formulas``.

    >>> root = fragment('<p><ext-link>the <inline-formula><mml:math alttext="x^2"/></inline-formula> '
    ...                 'model<fn id="n"/></ext-link>.</p>')
    >>> within_link_words(root); etree.tostring(root.find("p"), encoding="unicode").split(">", 1)[1]
    '<ext-link>the x^2 model</ext-link><fn id="n"/>.</p>'
    """
    for link in list(root.iter("ext-link", "xref")):
        after = link
        for child in [c for c in link if c.tag not in LINK_WORDS]:
            if child.tag == "inline-formula":
                math = child.find(f".//{{{MML}}}math")
                child.tail = ((math.get("alttext") if math is not None else None) or "".join(child.itertext())) \
                    + (child.tail or "")
                remove(child)
            else:
                remove(child)  # its tail stays in the link's words
                child.tail, after.tail = after.tail, None
                after.addnext(child)
                after = child  # the next one after it: in the order written


def plain_code(root: etree._Element) -> None:
    """Inline code without the language pandoc gives it (```x`{.bash}``): Journal
    Publishing's ``<monospace>`` has no ``language`` (a block's ``<code>`` has)."""
    for code in root.iter("monospace"):
        code.attrib.pop("language", None)


def plain_spans(body: etree._Element) -> None:
    """A citation's span is only its content in JATS (its links are the xrefs)."""
    for holder in named(body, CITATION_CLASS):
        unwrap(holder)


def back_matter(body: etree._Element) -> dict[str, list[etree._Element]]:
    """The statements out of the body, each in its JATS element: ``ack``, ``funding``
    (its text), ``author-notes`` (``fn``s) and ``back`` (``sec``s)."""
    placed: dict[str, list[etree._Element]] = {"ack": [], "funding": [], "author-notes": [], "back": []}
    for section in body.xpath(".//sec[@sec-type]"):
        kind = section.get("sec-type")
        paragraphs = section.findall("p")
        if kind == "acknowledgements":
            section.tag = "ack"
            del section.attrib["sec-type"]
            placed["ack"].append(section)
        elif kind == "funding":
            placed["funding"] += paragraphs
            section.getparent().remove(section)
        elif kind in AUTHOR_NOTES:
            placed["author-notes"].append(element("fn", fn_type=AUTHOR_NOTES[kind], children=[
                element("label", " ".join("".join(section.find("title").itertext()).split())),
                *paragraphs]))
            section.getparent().remove(section)
        elif kind in BACK_SECTIONS:
            section.set("sec-type", BACK_SECTIONS[kind])
            placed["back"].append(section)
    for node in placed["ack"] + placed["back"]:
        node.getparent().remove(node)
    return placed


def appendices(body: etree._Element) -> etree._Element | None:
    """The appendices (after the reference list in the text) as ``<app-group>``."""
    found = body.xpath(f"./sec[@sec-type='{APPENDIX_TYPE}']")
    if not found:
        return None
    for section in found:
        body.remove(section)
        section.tag = "app"
        del section.attrib["sec-type"]
    return element("app-group", children=found)


def footnotes(body: etree._Element) -> etree._Element | None:
    """The footnotes' texts (Divs at the end of the body) as ``<fn-group>``. A note holds
    paragraphs only (Journal Publishing: ``(label?, p+)``): a quotation, a list, code,
    a table or a figure in it is inside a ``<p>`` of its own, as JATS lets a paragraph
    hold them."""
    found = body.xpath(f".//*[@content-type='{FOOTNOTE_TYPE}']")
    notes = []
    for note in found:
        note.getparent().remove(note)
        notes.append(element("fn", id=note.get("id"), children=[
            element("label", note.get("id")[2:]),
            *[child if child.tag == "p" else element("p", children=[child]) for child in note]]))
    return element("fn-group", children=notes) if notes else None
