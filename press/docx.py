"""The DOCX edition, for editors and reviewers: ``OUT/<slug>.docx``.

Pandoc's DOCX writer does the body (numbered headings as the text prints them,
figures with their numbered captions, tables, equations as Word equations (OMML),
footnotes, citations as text in the journal's style); this module gives it a
reference document of our own (A4, 2.5 cm margins, Times New Roman, the
references with a hanging indent; with ``docx: {review: true}`` double spacing
and line numbers) and a title page in both languages, built as the first blocks:
titles, authors with their numbered affiliations, ORCID and the corresponding
author, the abstracts and keywords. The chronology appendix becomes a table.

Every figure reaches pandoc as a ``data:`` URI (an SVG or PDF as the PNG Typst
draws of it), so pandoc runs with ``--sandbox`` and reads no file but its own
template and the reference document. For blind review (``docx: {review: true}``)
the authors, their affiliations and the statements that name them are left out.

>>> [i.get("c") for i in text("Öz ve anahtar")]
['Öz', None, 've', None, 'anahtar']
"""
from __future__ import annotations

import html
import io
import re
import subprocess
import tempfile
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path

from core.kinds import NATIVE, Native, Omit, Renderers, Template, front_matter, shown_in
from core.language import pack, term
from core.names import (
    EQUATION_CLASS,
    EVENT_DATE_CLASS,
    EVENT_SOURCE_CLASS,
    EVENT_TEXT_CLASS,
    KIND_ATTRIBUTE,
    LABEL_CLASS,
    NUMBER_ATTRIBUTE,
)
from core.options import edition_options
from core.tools import pandoc_path, run_pandoc
from press import ast
from press.figures import data_uri, data_uri_bytes, drawn

FONT = "Times New Roman"
PAGE = (21.0, 29.7)        # A4, cm
MARGIN = 2.5               # cm
PICTURE_PPI = 200          # an SVG or PDF figure drawn as PNG for Word
# Statements that name the authors or their institutions: left out of a blind-review copy.
NAMING_STATEMENTS = ("author-contributions", "acknowledgements", "funding", "ethics")
OPENXML_TAB = {"t": "RawInline", "c": ["openxml", "<w:r><w:tab/></w:r>"]}
PAGE_BREAK = {"t": "RawBlock", "c": ["openxml", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>']}


# --- the reference document ----------------------------------------------------------------

@lru_cache(maxsize=2)
def reference_docx(review: bool) -> bytes:
    """Pandoc's own reference document with our page, fonts and styles (made once per
    process): python-docx edits its styles, as a person would in Word."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    # pandoc prints its data files on stdout, here binary: not through run_pandoc (text).
    default = subprocess.run([pandoc_path(), "--print-default-data-file", "reference.docx"],
                             capture_output=True, check=True).stdout
    document = docx.Document(io.BytesIO(default))
    section = document.sections[0]
    section.page_width, section.page_height = Cm(PAGE[0]), Cm(PAGE[1])
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN))
    styles = document.styles
    for style in styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH and style.font is not None:
            style.font.name = FONT
            fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
            for attribute in ("w:eastAsia", "w:cs"):
                fonts.set(qn(attribute), FONT)
            for attribute in [name for name in fonts.attrib if name.endswith("Theme")]:
                del fonts.attrib[attribute]  # a theme font would win over ours
    styles["Normal"].font.size = Pt(12)
    for name, size in (("Title", 16), ("Subtitle", 13), ("Heading 1", 14), ("Heading 2", 12),
                       ("Heading 3", 12)):
        styles[name].font.size = Pt(size)
        styles[name].font.color.rgb = None
    bibliography = styles["Bibliography"].paragraph_format
    bibliography.left_indent, bibliography.first_line_indent = Cm(1.27), Cm(-1.27)
    for name, base in (("Translated Title", "Subtitle"), ("Affiliation", "Normal"), ("Review Note", "Normal"),
                       ("Keywords", "Abstract"), ("Equation Line", "Normal"), ("Callout", "Block Text")):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
    styles["Affiliation"].font.size = Pt(10)
    styles["Review Note"].font.italic = True
    text_width = Cm(PAGE[0] - 2 * MARGIN)
    stops = styles["Equation Line"].paragraph_format.tab_stops
    stops.add_tab_stop(text_width // 2, WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    if review:
        for name in ("Normal", "Body Text", "First Paragraph", "Compact", "Bibliography",
                     "Footnote Text", "Abstract"):
            styles[name].paragraph_format.line_spacing = 2.0
        numbering = OxmlElement("w:lnNumType")
        numbering.set(qn("w:countBy"), "1")
        numbering.set(qn("w:restart"), "continuous")
        section._sectPr.find(qn("w:pgMar")).addnext(numbering)
    output = io.BytesIO()
    document.save(output)
    return undated(output.getvalue())


def undated(package: bytes) -> bytes:
    """The zip with every entry dated 1980-01-01: python-docx dates its parts now, and
    pandoc keeps the reference document's dates, so the DOCX would differ by the clock."""
    source = zipfile.ZipFile(io.BytesIO(package))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = info.compress_type
            target.writestr(entry, source.read(info))
    return output.getvalue()


# --- the document as Word needs it ---------------------------------------------------------

def as_blocks(value) -> list[dict]:
    if value.get("t") == "MetaBlocks":
        return value["c"]
    return [{"t": "Para", "c": ast.meta_inlines(value)}]


def styled(style: str, blocks: list[dict]) -> dict:
    """A Div that pandoc's DOCX writer gives the paragraph style ``style``."""
    return {"t": "Div", "c": [["", [], [["custom-style", style]]], blocks]}


def paragraph(style: str, inlines: list[dict]) -> dict:
    return styled(style, [{"t": "Para", "c": inlines}])


def text(value: str) -> list[dict]:
    """Plain text as Str and Space inlines."""
    inlines: list[dict] = []
    for index, word in enumerate(value.split(" ")):
        inlines += ([{"t": "Space"}] if index else []) + ([{"t": "Str", "c": word}] if word else [])
    return inlines


def keywords(meta: dict, label: str) -> dict | None:
    words = (meta.get("keywords") or {}).get("c") or []
    if not words:
        return None
    inlines = [{"t": "Strong", "c": text(f"{label}:")}, {"t": "Space"}]
    for index, word in enumerate(words):
        inlines += ([{"t": "Str", "c": ","}, {"t": "Space"}] if index else []) + ast.meta_inlines(word)
    return paragraph("Keywords", inlines)


def title_page(meta: dict, plain: dict, lang: str, blind: bool) -> list[dict]:
    """Both languages' titles, the authors (unless blind), both abstracts with keywords."""
    translation = (meta.get("translation") or {}).get("c") or {}
    other = (plain.get("translation") or {}).get("lang") or ""
    # a blind copy says on its first line what it leaves out
    blocks = [paragraph("Review Note", text(term(lang, "review_copy")))] if blind else []
    blocks.append(paragraph("Title", ast.meta_inlines(meta["title"])))
    if "subtitle" in meta:
        blocks.append(paragraph("Subtitle", ast.meta_inlines(meta["subtitle"])))
    if "title" in translation:
        blocks.append(paragraph("Translated Title", ast.meta_inlines(translation["title"])))
    if "subtitle" in translation:
        blocks.append(paragraph("Subtitle", ast.meta_inlines(translation["subtitle"])))
    if not blind:
        blocks += author_blocks(plain, lang)
    for language, source in ((lang, meta), (other, translation)):
        terms = pack(language)
        if "abstract" in source:
            blocks.append(paragraph("Abstract Title", text(terms["abstract"])))
            blocks.append(styled("Abstract", as_blocks(source["abstract"])))
        # keywords without an abstract (JOSS's tags) are printed alone
        line = keywords(source, terms["keywords"]) if "abstract" in source or language == lang else None
        if line:
            blocks.append(line)
    return [*blocks, PAGE_BREAK]


def author_blocks(plain: dict, lang: str) -> list[dict]:
    """"Ayşe Yılmaz¹˒²*, John Smith³", the numbered affiliations, ORCID iDs and the
    corresponding author's address."""
    authors = plain.get("authors") or []
    if not authors:
        return []
    names: list[dict] = []
    for index, author in enumerate(authors):
        names += ([{"t": "Str", "c": ","}, {"t": "Space"}] if index else []) + text(author.get("name", ""))
        marks = author.get("marks") or ""
        if marks:
            names.append({"t": "Superscript", "c": [{"t": "Str", "c": marks}]})
    blocks = [paragraph("Author", names)]
    for entry in plain.get("affiliations") or []:
        number = entry.get("number") or ""
        blocks.append(paragraph("Affiliation", ([{"t": "Superscript", "c": [{"t": "Str", "c": number}]}]
                                                if number else []) + text(entry["name"])))
    for note in plain.get("front-notes") or []:
        blocks.append(paragraph("Affiliation", ([{"t": "Superscript", "c": [{"t": "Str", "c": note["mark"]}]},
                                                 {"t": "Space"}] if note.get("mark") else []) + text(note["text"])))
    for author in authors:
        if author.get("orcid"):
            url = f"https://orcid.org/{author['orcid']}"
            blocks.append(paragraph("Affiliation", text(f"{author.get('name', '')}: ORCID") + [
                {"t": "Space"}, {"t": "Link", "c": [["", [], []], [{"t": "Str", "c": url}], [url, ""]]}]))
        if author.get("corresponding") == "true":
            line = f"* {term(lang, 'corresponding_author')}: {author.get('name', '')}"
            blocks.append(paragraph("Affiliation", text(line + (f", {author['email']}"
                                                                 if author.get("email") else ""))))
        elif author.get("email"):  # every author's address, as the other editions print it
            address = f"mailto:{author['email']}"
            blocks.append(paragraph("Affiliation", text(f"{author.get('name', '')}:") + [
                {"t": "Space"}, {"t": "Link", "c": [["", [], []], [{"t": "Str", "c": author["email"]}], [address, ""]]}]))
    return blocks


# --- captions and cross-references as Word fields --------------------------------------------

def bookmark(identifier: str, part: str = "") -> str:
    """A Word bookmark's name for a figure's or table's label (``part`` "n": its number
    alone): hidden (a leading underscore), at most 40 characters of letters, digits and _.

    >>> bookmark("fig:trade"), bookmark("fig:trade", "n")
    ('_Ref_fig_trade', '_Ref_fig_trade_n')
    """
    name = re.sub(r"[^A-Za-z0-9]", "_", identifier)[:30]
    return f"_Ref_{name}" + (f"_{part}" if part else "")


def run(text: str, bold: bool = False) -> str:
    return (f'<w:r>{"<w:rPr><w:b/></w:rPr>" if bold else ""}'
            f'<w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>')


def caption_fields(identifier: str, words: str, number: str, kind: str) -> str:
    r"""A caption's label as Word writes one: the word, then a SEQ field Word renumbers
    (and lists in a table of figures), inside the bookmarks a REF field points at
    (the label, and the number alone); an appendix's letter stays text before the
    field (``B1``: its own sequence, ``SEQ FigureB``).

    >>> fields = caption_fields("fig:a", "Figure", "B1", "Figure")
    >>> re.findall(r'w:name="([^"]+)"|w:instr="([^"]+)"|<w:t[^>]*>([^<]*)<', fields)
    [('_Ref_fig_a', '', ''), ('', '', 'Figure B'), ('_Ref_fig_a_n', '', ''), ('', ' SEQ FigureB \\* ARABIC ', ''), ('', '', '1'), ('', '', '.')]
    """
    prefix, digits = re.fullmatch(r"([A-Z]*)(\d+)", number).groups()
    outer, inner = (zlib.crc32(name.encode()) & 0x7FFFFFF for name in (bookmark(identifier), bookmark(identifier, "n")))
    field = f'<w:fldSimple w:instr=" SEQ {kind}{prefix} \\* ARABIC ">{run(digits, True)}</w:fldSimple>'
    return (f'<w:bookmarkStart w:id="{outer}" w:name="{bookmark(identifier)}"/>{run(f"{words} {prefix}", True)}'
            f'<w:bookmarkStart w:id="{inner}" w:name="{bookmark(identifier, "n")}"/>{field}'
            f'<w:bookmarkEnd w:id="{inner}"/><w:bookmarkEnd w:id="{outer}"/>{run(".", True)}')


def label_of(element: dict) -> tuple[dict, str, str] | None:
    """A numbered figure's or table's label (the crossref stage's, at the head of its
    caption): (its Span, its word, its number), e.g. (…, "Figure", "B1")."""
    if not element["c"][0][0]:
        return None
    for span in ast.elements(element["c"][1], "Span"):
        if LABEL_CLASS in span["c"][0][1]:
            number = dict(span["c"][0][2]).get(NUMBER_ATTRIBUTE, "")
            words = ast.stringify(span["c"][1]).strip().rstrip(".")
            return span, words[: len(words) - len(number)].strip(), number
    return None


def labels(blocks: list) -> dict[str, tuple[str, str]]:
    """Each numbered figure's and table's id → (its label's word, its number)."""
    return {element["c"][0][0]: found[1:] for kind in ("Figure", "Table")
            for element in ast.elements(blocks, kind) for found in [label_of(element)] if found}


def captioned(element: dict, kind: str) -> None:
    """A figure's or table's caption label → Word fields (``caption_fields``)."""
    found = label_of(element)
    if found and re.fullmatch(r"[A-Z]*\d+", found[2]):
        span, words, number = found
        span["c"][1] = [{"t": "RawInline", "c": ["openxml", caption_fields(element["c"][0][0], words, number, kind)]}]


def reference_field(element: dict, known: dict[str, tuple[str, str]]) -> dict | None:
    """A cross-reference to a figure or table → a REF field to its caption's label (or
    to its number alone, in "Figures 1 and 2"), so that Word renumbers it too."""
    target = element["c"][2][0].removeprefix("#")
    if target not in known:
        return None
    text = ast.stringify(element["c"][1]).strip()
    words, number = known[target]
    part = "" if text == f"{words} {number}" else "n" if text == number else None
    if part is None:
        return None
    return {"t": "RawInline", "c": ["openxml", f'<w:fldSimple w:instr=" REF {bookmark(target, part)} \\h ">'
                                               f"{run(text)}</w:fldSimple>"]}


def picture(url: str, job) -> str:
    """A figure as Word shows it: PNG and JPEG as they are, SVG and PDF drawn as PNG
    by Typst, each as a ``data:`` URI."""
    if url.startswith("data:"):
        media, _ = data_uri_bytes(url)
        return data_uri("image/png", drawn(url, None, "png", PICTURE_PPI)) if media == "image/svg+xml" else url
    path = Path(job.resources[url])
    if path.suffix.lower() in (".svg", ".pdf"):
        return data_uri("image/png", drawn(path, Path(job.root), "png", PICTURE_PPI))
    media = "image/jpeg" if path.suffix.lower() in (".jpg", ".jpeg") else "image/png"
    return data_uri(media, path.read_bytes())


# A picture in pandoc's document.xml: its drawing's description (docPr, the alt text Word
# shows), then the picture's own (cNvPr), which pandoc's writer fills with the picture's
# source: here a data: URI, the whole picture again as base64 text.
PICTURE_DESCRIPTIONS = re.compile(r'(<wp:docPr\b[^>]*?\bdescr=")([^"]*)("(?:(?!<wp:docPr\b).)*?<pic:cNvPr\b[^>]*?'
                                  r'\bdescr=")[^"]*(")', re.S)


def described_pictures(package: bytes) -> bytes:
    r"""The DOCX with each picture's own description its alt text, as its drawing's is,
    not its source (pandoc's): a 2 MB figure was 2.7 MB more of document.xml. The other
    entries are copied as they are (their dates and compression: reproducible).

    >>> xml = ('<wp:docPr descr="A map" id="1" /><a:graphic><pic:nvPicPr>'
    ...        '<pic:cNvPr descr="data:image/png;base64,iVBOR" id="0" name="Picture" />')
    >>> PICTURE_DESCRIPTIONS.sub(r"\1\2\3\2\4", xml)[-49:]
    '<pic:cNvPr descr="A map" id="0" name="Picture" />'
    """
    source = zipfile.ZipFile(io.BytesIO(package))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = PICTURE_DESCRIPTIONS.sub(r"\1\2\3\2\4", data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data, compress_type=info.compress_type)
    return output.getvalue()


def equation_line(element: dict) -> dict | None:
    """A numbered equation: the formula centred and its number at the right margin,
    in a paragraph of its own (Word numbers no equation); any other paragraph as it is."""
    if element["t"] != "Para":
        return None
    spans = [i for i in element["c"] if i["t"] == "Span" and EQUATION_CLASS in i["c"][0][1]]
    if len(spans) != 1 or len([i for i in element["c"] if i["t"] not in ("Space", "SoftBreak")]) != 1:
        return None
    identifier, display, number = ast.equation_parts(spans[0])
    math = [dict(i, c=[{"t": "InlineMath"}, "\\displaystyle " + i["c"][1]]) for i in display]
    content = [OPENXML_TAB, *math, OPENXML_TAB, {"t": "Str", "c": number}]
    return {"t": "Div", "c": [[identifier, [], [["custom-style", "Equation Line"]]],
                              [{"t": "Para", "c": content}]]}


def chronology_table(element: dict, lang: str) -> dict:
    """The chronology's list of events as a table: date, event, where the text names it."""
    rows = []
    for item in next((b["c"] for b in element["c"][1] if b["t"] == "BulletList"), []):
        spans = {classes[0]: span for span in ast.elements(item, "Span")
                 for classes in [span["c"][0][1]] if classes}
        rows.append([spans.get(EVENT_DATE_CLASS, {"c": [None, []]})["c"][1],
                     spans.get(EVENT_TEXT_CLASS, {"c": [None, []]})["c"][1],
                     spans.get(EVENT_SOURCE_CLASS, {"c": [None, []]})["c"][1]])
    headers = [term(lang, "date"), term(lang, "event"), term(lang, "section")]
    return table(headers, rows, [0.2, 0.55, 0.25])


def table(headers: list[str], rows: list[list[list[dict]]], widths: list[float]) -> dict:
    """A pandoc Table (JSON) of plain cells."""
    def cell(inlines):
        return [["", [], []], {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": inlines}]]

    def row(cells):
        return [["", [], []], [cell(c) for c in cells]]

    return {"t": "Table", "c": [
        ["", [], []], [None, []],
        [[{"t": "AlignLeft"}, {"t": "ColWidth", "c": width}] for width in widths],
        [["", [], []], [row([text(h) for h in headers])]],
        [[["", [], []], 0, [], [row(r) for r in rows]]],
        [["", [], []], []]]}


def renderers(job, known: dict[str, tuple[str, str]] | None = None) -> Renderers:
    """How the DOCX edition renders each kind (``docx: {review: true}``: for blind review);
    ``known``: the figures' and tables' labels (``labels``), which cross-references name."""
    review = edition_options(job.plain, "docx")["review"]
    known = known or {}
    def image(element):
        # Word reads a picture's description (its alt text) from the Image's words: the
        # author's alternative text (fig-alt) when there is one, not the caption
        element["c"][1] = text(ast.alt_text(element))
        element["c"][2][0] = picture(element["c"][2][0], job)

    def statement(element):
        """A back-matter statement; one that names the authors is left out of a blind copy."""
        if review and dict(element["c"][0][2]).get(KIND_ATTRIBUTE) in NAMING_STATEMENTS:
            return []
        return None

    def entry(element):
        element["c"][0][2] = [*element["c"][0][2], ["custom-style", "Bibliography"]]

    no_record = Omit("a manuscript for editors and reviewers: no publication record")
    return Renderers({**front_matter(Template("the title page"), history=no_record, license=no_record,
                                     journal_line=no_record, doi=no_record, cite_as=no_record),
        "section": NATIVE, "appendix": NATIVE, "paragraph": equation_line, "list": NATIVE,
        "block-quote": NATIVE, "line-block": NATIVE, "code": NATIVE, "raw": Native("only raw OpenXML reaches Word"),
        "figure": lambda element: captioned(element, "Figure"), "image": image,
        "table": lambda element: captioned(element, "Table"), "math": Native("Word equations (OMML)"),
        "equation": Native("the paragraph renderer sets it on a line of its own"), "footnote": NATIVE,
        "link": NATIVE, "cross-reference": lambda element: reference_field(element, known), "citation": NATIVE,
        "reference-entry": entry,
        "back-matter": statement, "event-mention": NATIVE,
        "chronology-list": lambda element: chronology_table(element, job.lang),
        "chronology-date": ast.content_of, "event-place": NATIVE,
        "timeline": lambda element: captioned(element, "Figure"),
        "page-break": lambda element: dict(PAGE_BREAK), "subfigure": NATIVE, "listing": NATIVE,
        "theorem": NATIVE, "proof": NATIVE,
        "callout": lambda element: styled("Callout", element["c"][1]), "tex-text": ast.content_of,
        "conditional": shown_in("docx"), "generated-list": NATIVE, "page-range": NATIVE})


def prepare(job, review: bool) -> dict:
    """The document as Word gets it."""
    doc = job.document()
    doc["blocks"] = title_page(doc["meta"], job.plain, job.lang, review) + ast.render_blocks(
        doc["blocks"], renderers(job, labels(doc["blocks"])))
    # The document's properties: the title and (unless blind) the authors.
    doc["meta"] = {"title": doc["meta"]["title"], "lang": {"t": "MetaString", "c": job.lang},
                   **({} if review else {"author": {"t": "MetaList", "c": [
                       {"t": "MetaString", "c": a.get("name", "")} for a in job.plain.get("authors") or []]}})}
    return doc


def write(job, shared) -> dict[str, bytes]:
    review = edition_options(job.plain, "docx")["review"]
    doc = prepare(job, review)
    with tempfile.TemporaryDirectory() as scratch:
        reference = Path(scratch) / "reference.docx"
        reference.write_bytes(reference_docx(review))
        output = Path(scratch) / "article.docx"
        env = {"SOURCE_DATE_EPOCH": str(job.timestamp)} if job.timestamp is not None else {}
        run_pandoc(["--from", "json", "--to", "docx", "--output", str(output),
                    "--reference-doc", str(reference),
                    "--template", str(job.template_path.find("docx/article.openxml"))],
                   stdin=ast.dump(doc), env=env)
        return {f"{job.slug}.docx": described_pictures(output.read_bytes())}
