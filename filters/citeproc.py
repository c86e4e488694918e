"""Citations in a CSL style: pandoc's citeproc, run once over the document's citations.

Pandoc's citeproc is the most complete CSL processor here (year-suffix
disambiguation, cite collapsing, note styles' "ibid." and shortened subsequent
forms). It gets a small document, not the article: one paragraph per citation
(and one per footnote of the author's that holds citations), the references as
CSL items in its metadata (``filters.cslitems``: the same data as the house
style's) and the style as a ``data:`` URI, so it reads and fetches nothing. The
formatted citations are spliced back where they came from, so every edition
prints the same text.

Its output is made to keep this build's rules: every citation a ``Span.citation``
(in a note style, inside the footnote it became), links to ``#bib-KEY`` titled with
the reference, and the reference list of an author-sorted style in the collation
order of the document's language (pandoc's citeproc sorts "İnce" before "Işık").
"""
from __future__ import annotations

import io

import panflute as pf
from pybtex.richtext import Text

from core import jsontext
from core.diagnostics import BuildError, display_path, error, locate, warn
from core.language import sort_key, term
from core.markup import text_to_inlines
from core.names import ENTRY_PREFIX
from core.tools import finish, start_pandoc
from filters.bibstyle import author_label, family_name, rich_to_inlines
from filters.bibtext import plain
from filters.citemodel import (
    Formatted,
    citation_form,
    citation_span,
    cite_target,
    cited_at,
    latex_command,
    parse_locator,
    split_suffix,
)
from filters.cslitems import csl_item
from filters.elements import ancestors, descendants, position, siblings

CITEPROC_ENTRY_PREFIX = "ref-"
NOTE_PUNCTUATION = ".,;:!?"


# --- the document pandoc's citeproc reads --------------------------------------

def occurrences(cites: list[pf.Cite]) -> list[pf.Element]:
    """What citeproc must see, in reading order: each citation, or the author's
    footnote that holds it (citeproc formats citations inside a note differently)."""
    found: list[pf.Element] = []
    for cite in cites:
        note = enclosing_note(cite)
        if note is None:
            found.append(cite)
        elif not any(note is seen for seen in found):
            found.append(note)
    return found


def enclosing_note(element: pf.Element) -> pf.Note | None:
    return next((outer for outer in (element, *ancestors(element)) if isinstance(outer, pf.Note)), None)


def meta_json(value) -> dict:
    """A CSL item's value as pandoc metadata JSON; rich text as inlines, where
    ``{NATO}`` stays ``Span.nocase``."""
    if isinstance(value, dict):
        return {"t": "MetaMap", "c": {key: meta_json(child) for key, child in value.items()}}
    if isinstance(value, list):
        return {"t": "MetaList", "c": [meta_json(child) for child in value]}
    if isinstance(value, Text):
        return {"t": "MetaInlines", "c": [inline.to_json() for inline in rich_to_inlines(value, True)]}
    return {"t": "MetaString", "c": str(value)}


def with_locale_labels(element: pf.Element, lang: str) -> pf.Element:
    """Rewrite each citation's locator with the label of the document's language, which
    pandoc reads by the CSL locale's terms: ``chap. 3`` in a Turkish text → ``böl. 3``;
    what follows a link in the suffix (a cross-reference) is kept as it is.

    >>> cite = pf.Cite(citations=[pf.Citation("x", suffix=[pf.Str(","), pf.Space(), pf.Str("chap."),
    ...     pf.Space(), pf.Str("3,"), pf.Space(), pf.Link(pf.Str("Şekil 1"), url="#fig:a")])])
    >>> pf.stringify(with_locale_labels(cite, "tr").citations[0].suffix)
    ', böl. 3, Şekil 1'
    """
    cites = [element] if isinstance(element, pf.Cite) else []
    for cite in cites + [e for e in descendants(element) if isinstance(e, pf.Cite)]:
        for citation in cite.citations:
            head, tail = split_suffix(list(citation.suffix))
            locator = parse_locator(head, lang)
            if locator.unit:
                label = term(lang, "locators")[locator.unit][0]
                words = f", {label} {locator.value}" + (f", {locator.rest}" if locator.rest else "")
                citation.suffix = [*text_to_inlines(words), *tail]
    return element


def citeproc_input(doc: pf.Doc, found: list[pf.Element], items: list[dict], style,
                   lang: str, nocite: bool) -> str:
    meta = {"lang": meta_json(doc.get_metadata("lang", default=lang)),
            "csl": meta_json(style.data_uri),
            "link-citations": {"t": "MetaBool", "c": True},
            "references": meta_json(items)}
    if nocite:  # every reference given is cited or named in `nocite`: list them all
        meta["nocite"] = {"t": "MetaInlines", "c": [{"t": "Cite", "c": [[{
            "citationId": "*", "citationPrefix": [], "citationSuffix": [],
            "citationMode": {"t": "NormalCitation"}, "citationNoteNum": 0,
            "citationHash": 0}], []]}]}
    blocks = [{"t": "Para", "c": [with_locale_labels(element, lang).to_json()]} for element in found]
    return jsontext.dumps({"pandoc-api-version": list(doc.api_version), "meta": meta, "blocks": blocks})


def start_citeproc(source: str):
    return start_pandoc(["--from", "json", "--to", "json", "--citeproc"], stdin=source)


def citeproc_result(process, style) -> pf.Doc | None:
    try:
        output = finish(process)
    except BuildError as failure:
        error(f"pandoc's citeproc could not use the style: {failure.diagnostic.message}",
              display_path(style.paths[-1]), hint="check the style, or choose another")
        return None
    tree = jsontext.loads(output)
    tree["meta"] = {}  # the references and the style, sent back as given: only the blocks are read
    return pf.load(io.StringIO(jsontext.dumps(tree)))


# --- splicing the results back -------------------------------------------------------

def as_citations(cite: pf.Cite) -> list[pf.Inline]:
    """A formatted ``Cite`` as ``Span.citation`` runs; a footnote a note style made keeps
    its place, with its text in a ``Span.citation`` of its own."""
    result: list[pf.Inline] = []
    run: list[pf.Inline] = []
    for inline in list(cite.content):
        if isinstance(inline, pf.Note):
            if run:
                result.append(citation_span(run, cite))
                run = []
            for block in inline.content:
                if isinstance(block, (pf.Para, pf.Plain)):
                    block.content = [citation_span(list(block.content), cite)]
            result.append(inline)
        else:
            run.append(inline)
    if run:
        result.append(citation_span(run, cite))
    return result


def replace_cites(root: pf.Element) -> None:
    """Every formatted ``Cite`` under ``root`` as citation spans (a note's, in place)."""
    for cite in [e for e in descendants(root) if isinstance(e, pf.Cite)]:
        container, index = siblings(cite), cite.index
        replacement = as_citations(cite)
        container[index:index + 1] = replacement


def place_note(container, index: int) -> None:
    """Pandoc's rule for a citation that became a footnote: the space before it goes,
    and the punctuation after it comes before it (``text [@a].`` → ``text.¹``)."""
    if index > 0 and isinstance(container[index - 1], (pf.Space, pf.SoftBreak)):
        del container[index - 1]
        index -= 1
    following = container[index + 1] if index + 1 < len(container) else None
    if not isinstance(following, pf.Str):
        return
    marks = following.text[:len(following.text) - len(following.text.lstrip(NOTE_PUNCTUATION))]
    if not marks:
        return
    if len(marks) == len(following.text):
        del container[index + 1]
    else:
        following.text = following.text[len(marks):]
    previous = container[index - 1] if index > 0 else None
    if isinstance(previous, pf.Str):  # "bkz. [@a]." → "bkz.¹", not "bkz..¹"
        previous.text += marks[1:] if previous.text.endswith(marks[0]) else marks
    elif marks:
        container.insert(index, pf.Str(marks))


def splice(original: pf.Element, result: pf.Element) -> None:
    """Put one formatted occurrence back: a citation where it stood, a footnote's text
    in the footnote."""
    if isinstance(original, pf.Note):
        replace_cites(result)
        original.content = list(result.content)
        return
    container = siblings(original)
    index = position(original)
    replacement = as_citations(result)
    container[index:index + 1] = replacement
    note_at = index + len(replacement) - 1
    if isinstance(replacement[-1], pf.Note) and enclosing_note(container[note_at].parent) is None:
        place_note(container, note_at)


def in_form(cite: pf.Cite, form: str) -> bool:
    """citeproc's citation in the form a LaTeX command asks (``filters.citemodel``):
    without its parentheses ("year", "bare": "(Smith, 2020)" → "Smith, 2020", "Smith
    (2020)" → "Smith 2020"), or its authors alone ("author": "Smith (2020); Jones & Lee
    (2019)" → "Smith, Jones & Lee"). False, and the citation as the style wrote it, when
    the style puts no parentheses around the years (a numeric style's "[1]").

    >>> cite = pf.Cite(pf.Str("Smith"), pf.Space, pf.Str("("), pf.Link(pf.Str("2020")), pf.Str(")"),
    ...                citations=[pf.Citation("a")])
    >>> in_form(cite, "author"), pf.stringify(cite)
    (True, 'Smith')
    >>> in_form(pf.Cite(pf.Link(pf.Str("[1]")), citations=[pf.Citation("a")]), "year")
    False
    """
    content = list(cite.content)
    opens = [i for i, e in enumerate(content) if isinstance(e, pf.Str) and e.text == "("]
    closes = [i for i, e in enumerate(content) if isinstance(e, pf.Str) and e.text == ")"]
    if not opens or len(opens) != len(closes):
        return False
    if form == "author":
        dropped = {i for start, end in zip(opens, closes) for i in range(start, end + 1)}
        dropped |= {start - 1 for start in opens if start and isinstance(content[start - 1], pf.Space)}
        kept = [pf.Str(",") if isinstance(e, pf.Str) and e.text == ";" else e
                for i, e in enumerate(content) if i not in dropped]
    else:
        kept = [e for i, e in enumerate(content) if i not in {*opens, *closes}]
    if not kept:  # the authors were inside the parentheses: "(Smith, 2020)"
        return False
    cite.content = kept
    return True


def fix_case(root: pf.Element, lang: str) -> None:
    """Words pandoc's citeproc capitalised without the language's case rules."""
    fixes = term(lang, "csl_case_fixes")
    if fixes:
        for element in descendants(root):
            if isinstance(element, pf.Str) and element.text in fixes:
                element.text = fixes[element.text]


def retarget_links(root: pf.Element, text: dict[str, str]) -> None:
    """Citation links to ``#bib-KEY``, titled with the reference (shown on hover)."""
    for element in descendants(root):
        if isinstance(element, pf.Link) and element.url.startswith("#" + CITEPROC_ENTRY_PREFIX):
            key = element.url[1 + len(CITEPROC_ENTRY_PREFIX):]
            element.url = f"#{ENTRY_PREFIX}{key}"
            element.title = text.get(key, "")


def sort_name(entry) -> str:
    """What an author-sorted list sorts by first: the first author (or editor), else the title."""
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    return family_name(persons[0]) if persons else plain(entry.fields.get("title", entry.key))


class PendingCitations:
    """Citations that pandoc's citeproc is formatting: each one a stand-in
    ``Span.citation`` (empty, so later stages read it as a citation) until ``finish``
    fills it; meanwhile the build does what it may do early (``core.idle``)."""

    def __init__(self, doc: pf.Doc, cites: list[pf.Cite], keys: list[str], bibliography,
                 style, lang: str):
        self.bibliography, self.style, self.lang, self.keys = bibliography, style, lang, keys
        self.doc = doc
        found = occurrences(cites)
        # each citation's LaTeX form, in the order the result holds them (a note's too)
        self.forms = [(citation_form(cite), latex_command(cite), cite.citations[0].id,
                       cite.citations[0].mode == "AuthorInText") for element in found
                      for cite in (element, *descendants(element)) if isinstance(cite, pf.Cite)]
        items = [csl_item(bibliography.entries[key], lang) for key in keys]
        self.process = start_citeproc(citeproc_input(doc, found, items, style, lang, bool(keys)))
        self.found = []
        for element in found:
            if isinstance(element, pf.Cite):
                container, index = siblings(element), element.index
                container[index] = citation_span([], element)
                element = container[index]  # item access tells it its parent
            self.found.append(element)

    def finish(self) -> Formatted:
        """Wait for citeproc; fill the stand-ins; the reference list in its order."""
        result = citeproc_result(self.process, self.style)
        if result is None:
            return Formatted([], {})
        lang, entries_of = self.lang, self.bibliography.entries
        fix_case(result, lang)
        references = [block for block in result.content
                      if isinstance(block, pf.Div) and block.identifier == "refs"]
        entries = [(div.identifier[len(CITEPROC_ENTRY_PREFIX):], list(div.content[0].content))
                   for div in (references[0].content if references else [])
                   if isinstance(div, pf.Div) and div.content]
        entries = [(key, inlines) for key, inlines in entries if key in entries_of]
        if self.style.author_sorted:  # stable: the style's own order among works of one name
            entries.sort(key=lambda pair: sort_key(sort_name(entries_of[pair[0]]), lang))
        text = {key: pf.stringify(pf.Plain(*inlines)).strip() for key, inlines in entries}
        paragraphs = [block for block in result.content if isinstance(block, pf.Para)]
        formatted = [cite for paragraph in paragraphs for cite in descendants(paragraph) if isinstance(cite, pf.Cite)]
        said = set()  # each command and work once
        for cite, (form, command, key, narrative) in zip(formatted, self.forms):
            year = plain(entries_of[key].fields.get("year", "")) \
                if self.style.numeric and form == "year" and key in entries_of else ""
            if year:  # \citeyear in a numbered style: the year, as natbib's numbers print it
                cite.content = text_to_inlines(year)
                continue
            if self.style.numeric and key in entries_of and (form == "author" or narrative and not form):
                # a numbered style's citation names no author: "@smith says" and \citet print "Smith [1]
                # says" (citeproc: "[1] says"), \citeauthor "Smith", as natbib's numbers do
                author = [pf.Link(*text_to_inlines(author_label(entries_of[key], lang)), url=cite_target(key),
                                  title=text.get(key, ""))]
                number = list(cite.content)
                # a superscript number keeps no space before it: the space goes before the author
                cite.content = author if form == "author" else [pf.Space(), *author, *number] \
                    if number and isinstance(number[0], pf.Superscript) else [*author, pf.Space(), *number]
                continue
            if form and not in_form(cite, form) and (command, key) not in said:
                said.add((command, key))
                warn(f"the style '{self.style.name}' prints \\{command}{{{key}}} as its whole citation: it puts "
                     "no parentheses around the years to leave out",
                     *locate(self.doc, cited_at(key, command)),
                     hint="write the author or the year yourself, or choose an author-date style")
        for original, paragraph in reversed(list(zip(self.found, paragraphs))):
            retarget_links(paragraph, text)
            splice(original, paragraph.content[0])
        return Formatted(entries, text)
