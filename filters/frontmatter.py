"""The front matter's composed lines, made once as inlines so that every edition
prints the same text: the authors' numbered affiliations, "A, B ve C", the journal
line, the "cite as" line, the history dates and the licence.

>>> pf.stringify(pf.Span(*names_joined([pf.MetaMap(name=pf.MetaString(n)) for n in "ABC"], "tr")))
'A, B ve C'
"""
from __future__ import annotations

import panflute as pf

from core.language import term
from core.markup import as_text, page_range, text_to_inlines
from core.metaschema import license_of
from core.names import NOTE_MARK_CLASS, PAGE_RANGE_CLASS, PAGE_RANGE_FIRST_ATTRIBUTE
from filters.dates import format_long, parse_iso


def number_affiliations(authors: pf.MetaList) -> pf.MetaList:
    """Each distinct affiliation once, numbered in order of first appearance (when
    there are several); each author gets ``affiliations`` (their names) and
    ``affiliation-numbers`` ("1,2"). The list of all of them is returned."""
    numbers: dict[str, int] = {}
    listed: list[pf.MetaMap] = []
    own: list[list[int]] = []
    for author in authors.content:
        value = author.content.dict.pop("affiliation", None)
        items = list(value.content) if isinstance(value, pf.MetaList) else [value] if value else []
        mine = []
        for item in items:
            entry = item if isinstance(item, pf.MetaMap) else pf.MetaMap(name=item)
            text = as_text(entry.content.dict.get("name"))
            if text not in numbers:
                numbers[text] = len(listed) + 1
                listed.append(entry)
            mine.append(numbers[text])
        if mine:
            author["affiliations"] = pf.MetaList(*(listed[n - 1].content.dict["name"] for n in mine))
        own.append(mine)
    numbered = len(listed) > 1
    for author, mine in zip(authors.content, own):
        if numbered and mine:
            author["affiliation-numbers"] = pf.MetaString(",".join(map(str, mine)))
    for number, entry in enumerate(listed, start=1):
        entry["number"] = pf.MetaString(str(number) if numbered else "")
    return pf.MetaList(*listed)


EQUAL_CONTRIBUTION_MARK = "†"


def flag(value) -> bool:
    """A checked boolean's value (absent: false)."""
    return isinstance(value, pf.MetaBool) and value.boolean


def take_notes(value, mark=None) -> list[list[pf.Inline]]:
    """The footnotes of a metadata value, taken out of it: each note's text; ``mark()``,
    when given, the mark each leaves where it stood (a superscript)."""
    found: list[list[pf.Inline]] = []

    def take(element, doc):
        if isinstance(element, pf.Note):
            found.append(inlines_of(pf.MetaBlocks(*element.content)))
            return [pf.Span(pf.Superscript(pf.Str(mark())), classes=[NOTE_MARK_CLASS])] if mark else []
        return None

    if isinstance(value, (pf.MetaInlines, pf.MetaBlocks, pf.MetaList, pf.MetaMap)):
        value.walk(take)
    return found


# The fields whose notes are on the whole article, printed unmarked under the title block
# (LaTeX's \thanks); another field's (the abstract's) is marked where it stands.
UNMARKED_NOTE_FIELDS = ("title", "subtitle")
NOTE_MARKS = "abcdefghijklmnopqrstuvwxyz"


def front_notes(meta: pf.MetaMap, lang: str) -> pf.MetaList:
    """Notes on the authors and on the title: a footnote in an author's name (JOSS's
    idiom) or an author's ``note`` (Quarto's), marked a, b, … beside the name; the
    equal contributors' †; a footnote in the title, unmarked; one in another field (the
    abstract), marked there as an author's is beside the name (its text had been printed
    under the names, unmarked, as if it were the title's). Taken out of the text they
    stood in (a name is printed in several places, a note once). Each author gets
    ``note-marks`` and ``marks`` (every mark beside the name)."""
    notes: list[tuple[str, list[pf.Inline]]] = []
    authors = list(meta.content.dict["authors"].content) if "authors" in meta.content.dict else []
    for author in authors:
        fields = author.content.dict
        texts = take_notes(fields.get("name"))
        if "note" in fields:
            texts.append(inlines_of(fields.pop("note")))
        marks = []
        for text in texts:
            marks.append(NOTE_MARKS[len([n for n in notes if n[0] and n[0] in NOTE_MARKS]) % 26])
            notes.append((marks[-1], text))
        if flag(fields.get("equal-contrib")):
            marks.append(EQUAL_CONTRIBUTION_MARK)
        if marks:
            author["note-marks"] = pf.MetaString(",".join(marks))
        every = [as_text(fields.get("affiliation-numbers")), *marks, "*" if flag(fields.get("corresponding")) else ""]
        if any(every):
            author["marks"] = pf.MetaString(",".join(mark for mark in every if mark))
    if any(flag(author.content.dict.get("equal-contrib")) for author in authors):
        notes.append((EQUAL_CONTRIBUTION_MARK, text_to_inlines(term(lang, "equal_contribution"))))
    for key, value in meta.content.dict.items():
        if key in UNMARKED_NOTE_FIELDS:
            notes += [("", text) for text in take_notes(value)]
        elif key != "authors":
            given: list[str] = []

            def mark() -> str:
                given.append(NOTE_MARKS[(len([n for n in notes if n[0] and n[0] in NOTE_MARKS]) + len(given)) % 26])
                return given[-1]

            notes += list(zip(given, take_notes(value, mark)))
    return pf.MetaList(*(pf.MetaMap(mark=pf.MetaString(mark), text=pf.MetaInlines(*text)) for mark, text in notes))


def inlines_of(meta) -> list[pf.Inline]:
    """A metadata value as one line of inlines: its paragraphs', its line block's lines
    (R Markdown's ``title: |`` then ``| Line one``) joined by spaces, other blocks' text.

    >>> doc = pf.Doc(metadata={"t": pf.MetaBlocks(pf.LineBlock(pf.LineItem(pf.Str("A")), pf.LineItem(pf.Str("B"))))})
    >>> pf.stringify(pf.Plain(*inlines_of(doc.metadata["t"])))
    'A B'
    """
    if isinstance(meta, pf.MetaInlines):
        return list(meta.content)
    if isinstance(meta, pf.MetaBlocks):
        inlines: list[pf.Inline] = []
        for block in meta.content:
            lines = [list(item.content) for item in block.content] if isinstance(block, pf.LineBlock) else \
                [list(block.content)] if isinstance(block, (pf.Para, pf.Plain)) else \
                [text_to_inlines(pf.stringify(block))]
            for line in lines:
                inlines += ([pf.Space()] if inlines else []) + line
        return inlines
    return text_to_inlines(as_text(meta))


def names_joined(authors: list, lang: str) -> list[pf.Inline]:
    """"A, B ve C": the authors' names as they are written."""
    inlines: list[pf.Inline] = []
    for index, author in enumerate(authors):
        if index:
            last = index == len(authors) - 1
            inlines += ([pf.Space(), pf.Str(term(lang, "and")), pf.Space()] if last
                        else [pf.Str(","), pf.Space()])
        inlines += inlines_of(author.content.dict.get("name", pf.MetaString("")))
    return inlines


def journal_inlines(journal: pf.MetaMap, counted: bool = False) -> list[pf.Inline]:
    """*Journal*, 12(3), 45–67. ``counted``: the pages are the first alone, and the last
    is the one the PDF ends on (a page range the editions render: ``core.kinds``).

    >>> journal = pf.MetaMap(name=pf.MetaString("J"), volume=pf.MetaString("3"), pages=pf.MetaString("45"))
    >>> pf.stringify(pf.Plain(*journal_inlines(journal))), journal_inlines(journal, counted=True)[-1].attributes
    ('J, 3, 45', {'first': '45'})
    """
    fields = journal.content.dict
    if "name" not in fields:
        return []
    inlines: list[pf.Inline] = [pf.Emph(*inlines_of(fields["name"]))]
    volume, issue, pages = (as_text(fields.get(k)) for k in ("volume", "issue", "pages"))
    if volume:
        inlines += [pf.Str(","), pf.Space(), pf.Str(volume + (f"({issue})" if issue else ""))]
    elif issue:
        inlines += [pf.Str(","), pf.Space(), pf.Str(f"({issue})")]
    if pages and counted:
        first = page_range(pages)[0]
        inlines += [pf.Str(","), pf.Space(), pf.Span(pf.Str(first), classes=[PAGE_RANGE_CLASS],
                                                    attributes={PAGE_RANGE_FIRST_ATTRIBUTE: first})]
    elif pages:
        inlines += [pf.Str(","), pf.Space(), pf.Str("–".join(filter(None, page_range(pages))))]
    return inlines


def cite_as(meta: pf.MetaMap, lang: str, counted: bool = False) -> pf.MetaInlines:
    """Authors (Year). Title. *Journal*, 12(3), 45–67. https://doi.org/… — only
    what the metadata has: no empty brackets when the date is missing (``counted``:
    see ``journal_inlines``).

    >>> pf.stringify(pf.Plain(*cite_as(pf.MetaMap(title=pf.MetaInlines(pf.Str("Why?"))), "en").content))
    'Why?'
    """
    fields = meta.content.dict
    authors = list(fields["authors"].content) if "authors" in fields else []
    year = as_text(fields.get("date"))[:4]
    title = inlines_of(fields.get("title", pf.MetaString("")))
    inlines: list[pf.Inline] = []
    # a title that ends its own sentence ("… method.", "Why?") takes no second full stop
    stop = [] if pf.stringify(pf.Plain(*title)).rstrip().endswith((".", "?", "!")) else [pf.Str(".")]
    if authors:
        inlines += names_joined(authors, lang)
        inlines += [pf.Space(), pf.Str(f"({year}).")] if year else [pf.Str(".")]
        inlines += [pf.Space(), *title, *stop]
    else:
        inlines += [*title, *stop] + ([pf.Space(), pf.Str(f"({year}).")] if year else [])
    journal = journal_inlines(fields["journal"], counted) if "journal" in fields else []
    if journal:
        inlines += [pf.Space(), *journal, pf.Str(".")]
    if "doi" in fields:
        url = f"https://doi.org/{as_text(fields['doi'])}"
        inlines += [pf.Space(), pf.Link(pf.Str(url), url=url)]
    return pf.MetaInlines(*inlines)


def history(meta: pf.MetaMap, lang: str) -> pf.MetaList:
    """[{label: "Geliş tarihi", date: "12 Mart 2021", iso: "2021-03-12"}, …]."""
    entries = []
    for name in ("received", "revised", "accepted", "published"):
        value = meta.content.dict.get(name)
        if value is not None:
            iso = as_text(value)
            entries.append(pf.MetaMap(label=pf.MetaString(term(lang, name)), name=pf.MetaString(name),
                                      date=pf.MetaString(format_long(parse_iso(iso), lang)),
                                      iso=pf.MetaString(iso)))
    return pf.MetaList(*entries)


def license_map(value: str) -> pf.MetaMap:
    name, url = license_of(value)
    entry = pf.MetaMap(id=pf.MetaString(value), name=pf.MetaString(name))
    if url:
        entry["url"] = pf.MetaString(url)
    return entry
