"""The issue PDF: the cover, the editorial board and the table of contents (Typst,
``templates/journal/issue.typ.j2``), then every article's own PDF on its pages, a
blank page before an article that starts on an odd page after an odd one. Each
entry of the contents links to its article; the bookmarks hold each article and,
beneath it, its sections; the page labels are the printed page numbers.

>>> toc_rectangles([{"page": 4, "at": {"page": 2, "x": 68.0, "y": 100.0}}],
...                [{"page": 4, "at": {"page": 2, "x": 68.0, "y": 130.0}}], 842.0, 527.0)
[(1, 4, (68.0, 700.0, 527.0, 742.0))]
"""
from __future__ import annotations

import hashlib
import io

from core.diagnostics import BuildError
from core.language import pack


def toc_rectangles(starts: list[dict], ends: list[dict], height: float, right: float):
    """(front page index, target page index, rectangle) of each table-of-contents entry,
    from where Typst put its start and end marks (points from the page's top left)."""
    found = []
    for start, end in zip(starts, ends):
        top, bottom = start["at"]["y"], end["at"]["y"] + 12
        found.append((start["at"]["page"] - 1, start["page"],
                      (start["at"]["x"], round(height - bottom, 3), right, round(height - top, 3))))
    return found


def front_source(journal, issue, summaries: list[dict], page_indexes: list[int], templates) -> str:
    from press.templates import environment, long_date

    lang = journal.languages[0]
    articles = [{**entry, "page_index": index} for entry, index in zip(summaries, page_indexes)]
    template = environment("journal", False, templates).get_template("issue.typ.j2")
    return template.render(journal=journal, issue=issue, articles=articles, terms=pack(lang), language=lang,
                           date=long_date(issue.date, lang), cover=f"/{issue.cover.name}" if issue.cover else "")


def front_matter(source: str, issue, timestamp, templates) -> tuple[bytes, list, list]:
    """The front matter's PDF and where its contents entries are."""
    import typst

    from core.tools import NO_PACKAGES, TYPST, offline

    pdf = TYPST.compile(source, timestamp, root=issue.folder, fonts=templates.fonts)
    offline()
    try:
        compiler = typst.Compiler(input=source.encode("utf-8"), root=str(issue.folder), ignore_system_fonts=True,
                                  font_paths=[str(f) for f in templates.fonts], package_path=str(NO_PACKAGES),
                                  package_cache_path=str(NO_PACKAGES))
        starts = json_list(compiler.query("<toc-entry>", field="value"))
        ends = json_list(compiler.query("<toc-end>", field="value"))
    except typst.TypstError as failure:
        raise BuildError(f"typst failed on the issue's front matter: {failure.message}") from None
    return pdf, starts, ends


def json_list(text) -> list:
    import json
    return json.loads(text) if isinstance(text, (str, bytes)) else list(text)


def issue_pdf(journal, issue, summaries: list[dict], pdfs: list[bytes], blanks: list[int],
              timestamp: int | None, templates) -> bytes:
    """The whole issue as one PDF."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link
    from pypdf.generic import ArrayObject, ByteStringObject

    readers = [PdfReader(io.BytesIO(pdf)) for pdf in pdfs]
    # The front's length decides where the articles start: typeset once to count it.
    first_pass, _, _ = front_matter(front_source(journal, issue, summaries, [0] * len(pdfs), templates),
                                    issue, timestamp, templates)
    front_pages = len(PdfReader(io.BytesIO(first_pass)).pages)
    indexes, page = [], front_pages
    for reader, blank in zip(readers, blanks):
        page += blank
        indexes.append(page)
        page += len(reader.pages)
    front, starts, ends = front_matter(front_source(journal, issue, summaries, indexes, templates),
                                       issue, timestamp, templates)
    writer = PdfWriter()
    writer.append(io.BytesIO(front), import_outline=False)
    width, height = (float(v) for v in writer.pages[0].mediabox.upper_right)
    writer.add_outline_item(title=pack(journal.languages[0])["contents"], page_number=front_pages - 1)
    for entry, reader, blank, pdf in zip(summaries, readers, blanks, pdfs):
        for _ in range(blank):
            writer.add_blank_page(width, height)
        writer.append(io.BytesIO(pdf), outline_item=entry["title"], import_outline=True)
    for front_page, target, rectangle in toc_rectangles(starts, ends, height, width - 68):
        writer.add_annotation(front_page, Link(rect=rectangle, target_page_index=target))
    writer.set_page_label(0, front_pages - 1, style="/r")
    for index, entry, reader, blank in zip(indexes, summaries, readers, blanks):
        if blank:  # the blank page before an article is the page number before its first
            writer.set_page_label(index - blank, index - 1, style="/D", start=entry["pages"][0] - blank)
        writer.set_page_label(index, index + len(reader.pages) - 1, style="/D", start=entry["pages"][0])
    writer.add_metadata({"/Title": f"{journal.name} {issue.volume}({issue.number})",
                         "/Producer": "press", **({"/Author": journal.publisher} if journal.publisher else {})})
    identifier = ByteStringObject(hashlib.sha256(b"".join([front, *pdfs])).digest()[:16])
    writer._ID = ArrayObject([identifier, identifier])  # reproducible: pypdf would draw it at random
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
