"""What the citation stage and its CSL formatter (``filters.citeproc``) share: a
citation's locator read from its suffix, the Span a formatted citation becomes, and
what a style makes of the document's citations.

>>> parse_locator(", 56-58", "tr")
Locator(unit='page', value='56–58', rest='')
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import panflute as pf

from core.language import DEFAULT_LANGUAGE, base_language, term
from core.names import CITATION_CLASS, CITES_ATTRIBUTE, ENTRY_PREFIX
from filters.elements import siblings

LOCATOR_VALUE = r"(\d[\w.]*(?:\s*[-–—,&]+\s*\d[\w.]*)*)"
ROMAN_VALUE = r"([ivxlcdm]+(?:\s*[-–—,]+\s*[ivxlcdm]+)*)"


# --- locators -------------------------------------------------------------------

@dataclass
class Locator:
    unit: str       # "page", "chapter", …; "" when the suffix names none
    value: str      # "56–58", "3"
    rest: str       # what follows: "vurgu eklenmiştir"


def locator_spellings(lang: str) -> dict[str, str]:
    """Every spelling an author may write for a unit → the unit: the document's
    language's and English's (pandoc's documentation writes ``chap.``, ``p.``)."""
    spellings = {}
    for language in (DEFAULT_LANGUAGE, base_language(lang)):
        for unit, (printed, written) in term(language, "locators").items():
            for spelling in (printed.rstrip("."), *written):
                spellings[spelling.casefold()] = unit
    return spellings


def parse_locator(suffix: str, lang: str) -> Locator:
    """Split a citation suffix into its locator and the rest.

    >>> parse_locator(", 56-58", "tr")
    Locator(unit='page', value='56–58', rest='')
    >>> parse_locator(", s. 12, vurgu eklenmiştir", "tr")
    Locator(unit='page', value='12', rest='vurgu eklenmiştir')
    >>> parse_locator(", chap. 3", "tr"), parse_locator(", bölüm IV", "tr")
    (Locator(unit='chapter', value='3', rest=''), Locator(unit='chapter', value='IV', rest=''))
    >>> parse_locator(", vurgu eklenmiştir", "en")
    Locator(unit='', value='', rest='vurgu eklenmiştir')
    """
    suffix = suffix.strip().lstrip(",").strip()
    head, _, rest = suffix.partition(", ")
    spellings = locator_spellings(lang)
    labels = "|".join(sorted(map(re.escape, spellings), key=len, reverse=True))
    for candidate, remainder in ((suffix, ""), (head, rest)):
        labelled = re.fullmatch(rf"({labels})\.?\s*(?:{LOCATOR_VALUE}|{ROMAN_VALUE})",
                                candidate.strip(), re.I)
        bare = re.fullmatch(LOCATOR_VALUE, candidate.strip())
        if labelled or bare:
            unit = spellings[labelled.group(1).casefold()] if labelled else "page"
            value = (labelled.group(2) or labelled.group(3)) if labelled else bare.group(1)
            value = re.sub(r"(?<=\w)\s*[-–—]+\s*(?=\w)", "–", value.strip())
            return Locator(unit, value, remainder.strip())
    return Locator("", "", suffix)


def locator_text(locator: Locator, lang: str) -> str:
    """A page is its number (``2015: 56``); another unit carries its label (``böl. 3``)."""
    if locator.unit in ("", "page"):
        return locator.value
    return f"{term(lang, 'locators')[locator.unit][0]} {locator.value}"


# --- a LaTeX command's form ------------------------------------------------------

# The natbib and biblatex citations whose form pandoc's LaTeX reader does not keep (it
# reads each as one of its three modes, and keeps the command as the citation's own
# text): the form the citation stage prints instead. "author": the author alone
# (``\citeauthor``: Smith); "year": the year alone, without parentheses (``\citeyear``:
# 2020); "bare": the citation without its parentheses (``\citealt``: Smith 2020,
# ``\citealp``: Smith, 2020). The capitalised forms are read as these (``filters.rawtex``).
LATEX_CITATION_FORMS = {"citeauthor": "author", "citeyear": "year", "citealt": "bare", "citealp": "bare"}
LATEX_COMMAND = re.compile(r"\\([A-Za-z]+)")


def latex_command(cite: pf.Cite) -> str:
    r"""The LaTeX command ``cite`` was read from ("" for a Markdown citation): pandoc's
    reader keeps it as the citation's own text.

    >>> latex_command(pf.Cite(pf.RawInline(r"\citeauthor*{a}", format="latex"), citations=[pf.Citation("a")]))
    'citeauthor'
    """
    written = cite.content[0] if len(cite.content) == 1 else None
    if not isinstance(written, pf.RawInline) or written.format not in ("latex", "tex"):
        return ""
    command = LATEX_COMMAND.match(written.text)
    return command.group(1) if command else ""


def citation_form(cite: pf.Cite) -> str:
    r"""The form the LaTeX command ``cite`` was read from asks for ("" for its mode's own).

    >>> read = pf.Cite(pf.RawInline(r"\citeauthor*{a}", format="latex"), citations=[pf.Citation("a")])
    >>> citation_form(read), citation_form(pf.Cite(pf.Str("@a"), citations=[pf.Citation("a")]))
    ('author', '')
    """
    return LATEX_CITATION_FORMS.get(latex_command(cite), "")


def one_cite_each(cite: pf.Cite) -> list[pf.Inline]:
    r"""What stands for ``cite``: a LaTeX citation of several works written into the
    sentence (``\citet{a,b}``, an author or a year alone) as one citation a work,
    separated as natbib does ("Smith (2020); Jones (2019)"; "Smith, Jones"), each cited as
    the first is (``with_one_mode``): a CSL processor given one such citation prints
    "Jones & Lee (2019; Smith; 2020)". Any other citation stands for itself.

    >>> cite = pf.Cite(pf.RawInline(r"\citet{a,b}", format="latex"),
    ...                citations=[pf.Citation("a", mode="AuthorInText"), pf.Citation("b")])
    >>> pf.stringify(pf.Plain(*one_cite_each(cite))).strip()
    '\\citet{a,b}; \\citet{a,b}'
    """
    with_one_mode(cite)
    form = citation_form(cite)
    if len(cite.citations) < 2 or not latex_command(cite) or \
            (cite.citations[0].mode != "AuthorInText" and form not in ("author", "year")):
        return [cite]
    pieces = [pf.Cite(*cite.content, citations=[citation]) for citation in cite.citations]
    separator = "," if form in ("author", "year") else ";"
    inlines: list[pf.Inline] = [pieces[0]]
    for piece in pieces[1:]:
        inlines += [pf.Str(separator), pf.Space(), piece]
    return inlines


def split_citations(cites: list[pf.Cite]) -> list[pf.Cite]:
    """The citations, each as ``one_cite_each`` makes it, in its place; each list that
    holds one rebuilt once (a paragraph of thousands of them stays linear)."""
    result: list[pf.Cite] = []
    rebuilt: dict[int, tuple] = {}
    for cite in cites:
        inlines = one_cite_each(cite)
        result += [inline for inline in inlines if isinstance(inline, pf.Cite)]
        if len(inlines) > 1:
            container = siblings(cite)
            rebuilt.setdefault(id(container), (container, cite.parent, cite.location, {}))[3][id(cite)] = inlines
    for container, parent, location, replaced in rebuilt.values():
        container.list[:] = [new for item in container.list for new in replaced.get(id(item), [item])]
        for position, item in enumerate(container.list):  # what a later stage's walk would say
            item.parent, item.location, item.index = parent, location, position
    return result


def with_one_mode(cite: pf.Cite) -> None:
    r"""Each work of a LaTeX citation cited as the first is: pandoc's reader makes the
    first of ``\citet{a,b}`` narrative and the others not ("Smith (2020), Jones, 2019").

    >>> cite = pf.Cite(pf.RawInline(r"\citet{a,b}", format="latex"),
    ...                citations=[pf.Citation("a", mode="AuthorInText"), pf.Citation("b")])
    >>> with_one_mode(cite); [c.mode for c in cite.citations]
    ['AuthorInText', 'AuthorInText']
    """
    if latex_command(cite):
        for citation in cite.citations:
            citation.mode = cite.citations[0].mode


def cited_at(key: str, command: str = "") -> str:
    r"""A pattern of the places the text cites ``key``: ``@key``, or a LaTeX citation
    that names it (``\cite{a,key}``, ``\citep[p.~2]{key}``), which the tex stage read;
    with ``command``, only that command's (its capitalised form too).

    >>> [bool(re.search(cited_at("smith"), text)) for text in ("@smith", r"\citep[p.~2]{a, smith}", "@smithy")]
    [True, True, False]
    >>> [bool(re.search(cited_at("smith", "citealt"), t)) for t in (r"\Citealt{smith}", r"\citep{smith}")]
    [True, False]
    """
    written = f"(?i:{re.escape(command)})" if command else r"\w*cite\w*"
    return rf"(?:{'' if command else '@|'}\\{written}\*?(?:\[[^\]]*\])*\{{[^}}]*?\b){re.escape(key)}(?![\w-])"


# --- formatted citations -------------------------------------------------------

def cite_target(key: str) -> str:
    return f"#{ENTRY_PREFIX}{key}"


def strip_spaces(inlines: list) -> list:
    while inlines and isinstance(inlines[0], (pf.Space, pf.SoftBreak)):
        inlines = inlines[1:]
    while inlines and isinstance(inlines[-1], (pf.Space, pf.SoftBreak)):
        inlines = inlines[:-1]
    return inlines


def split_suffix(suffix: list) -> tuple[str, list]:
    """A citation's suffix as text to read a locator from, and what follows the
    first link in it (a cross-reference the crossref stage put there), kept whole."""
    first_link = next((i for i, inline in enumerate(suffix) if isinstance(inline, (pf.Link, pf.Span))),
                      len(suffix))
    head = pf.stringify(pf.Span(*suffix[:first_link])) if first_link else ""
    tail = suffix[first_link:]
    if tail and head.rstrip().endswith(","):  # the separator belongs to what follows
        head = head.rstrip()[:-1]
        tail = [pf.Str(","), pf.Space(), *tail]
    return head, tail


def citation_span(inlines: list[pf.Inline], cite: pf.Cite) -> pf.Span:
    keys = " ".join(c.id for c in cite.citations)
    return pf.Span(*inlines, classes=[CITATION_CLASS], attributes={CITES_ATTRIBUTE: keys})


@dataclass
class Formatted:
    """What a style made of the document's citations: the reference list's entries
    in order, and each work's reference as plain text."""
    entries: list[tuple[str, list[pf.Inline]]]
    text: dict[str, str]
