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
