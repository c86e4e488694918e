"""Author–year citations and the bibliography, in the journal's house style.

``[@aslanli2015, 56]`` → ``(Aslanlı, 2015: 56)``; ``[@a; @b]`` → ``(A, 2015; B, 2019)``;
``@aslanli2015 [56]`` → ``Aslanlı (2015: 56)``; two authors are joined by the
language's "ve"/"and", three or more shortened to "vd."/"et al."; one author's
works of one year get ``2020a``, ``2020b``. The bibliography ("Kaynakça") is
appended after the last section: every cited work once, in the collation order
of the document's language.

Stand-alone: ``pandoc -F filters/citations.py -M bibliography=refs.bib``.
"""
from __future__ import annotations

import re
import string
import sys
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run by pandoc as a script: make `filters` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "filters"

import panflute as pf
from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import Parser as BibTeXParser
from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError

from filters.bibstyle import HouseStyle, as_text, family_name, plain, rich_to_inlines
from filters.diagnostics import (display_path, error, locate, run_filter_main,
                                 suggestion, warn)
from filters.elements import descendants
from filters.language import base_language, sort_key, term
from filters.markup import text_to_inlines
from filters.names import (BIBLIOGRAPHY_ID, CITATION_CLASS, CITES_ATTRIBUTE, ENTRY_CLASS,
                           ENTRY_PREFIX, REFERENCE_LIST_KEY, REFERENCES_CLASS, UNNUMBERED_CLASS)
from filters.options import options

LOCATOR = re.compile(r"^(?:(?:s|ss|p|pp|sayfa|page|pages)\.?\s*)?(\d[\d\s,–—-]*)$", re.I)
ENTRY_START = re.compile(r"^\s*@(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.M)
REQUIRED_FIELDS = ("author", "year", "title")


# --- reading the .bib -------------------------------------------------------

@dataclass
class Bibliography:
    """The parsed entries, and where each one starts in its file (for messages)."""
    data: BibliographyData
    lines: dict[str, tuple[str, int]] = field(default_factory=dict)
    # Keys of files that could not be read: already reported, not "unknown" again.
    unreadable: set[str] = field(default_factory=set)

    @property
    def keys(self) -> list[str]:
        return list(self.data.entries.keys())


def entry_lines(text: str) -> list[tuple[str, str, int]]:
    """``[(type, key, line)]`` of each entry in a .bib text; ``@comment`` and the like skipped."""
    found = []
    for match in ENTRY_START.finditer(text):
        if match.group(1).lower() in ("comment", "preamble", "string"):
            continue
        found.append((match.group(1), match.group(2), text.count("\n", 0, match.start(1)) + 1))
    return found


def load_bibliography(paths: list[str]) -> Bibliography:
    """Parse the .bib files with pybtex; errors name the file and the line."""
    merged = BibliographyData()
    lines: dict[str, tuple[str, int]] = {}
    unreadable: set[str] = set()
    for path in paths:
        shown = display_path(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            error(f"bibliography file not found: {path}", hint="check `bibliography` in metadata.yaml")
            continue
        except UnicodeDecodeError as failure:
            error(f"not UTF-8 at byte {failure.start}", shown, hint="save the file as UTF-8")
            continue
        listed = entry_lines(text)
        duplicates = False
        for _, key, line in listed:
            if key in lines:
                first_path, first_line = lines[key]
                error(f"duplicate citation key '{key}' (first defined at "
                      f"{first_path}:{first_line})", shown, line,
                      hint="give one of the entries another key")
                duplicates = True
                continue
            lines[key] = (shown, line)
        try:
            if duplicates:  # pybtex stops at the first one: reported above
                raise ValueError("duplicates")
            # the parser itself, not parse_string(text, "bibtex"): that looks the
            # parser up among the entry points of every installed package
            data = BibTeXParser().parse_string(text)
        except PybtexSyntaxError as failure:
            error(f"malformed BibTeX: {failure.args[0] if failure.args else failure}",
                  shown, getattr(failure, "lineno", None),
                  hint="check the braces, commas and `=` of this entry")
            unreadable.update(key for _, key, _ in listed)
            continue
        except Exception as failure:  # pybtex reports other faults as its own exception types
            if not duplicates:
                error(f"malformed BibTeX: {failure}", shown, hint="check the entry named in the message")
            unreadable.update(key for _, key, _ in listed)
            continue
        for key, entry in data.entries.items():
            merged.add_entry(key, entry)
    return Bibliography(merged, lines, unreadable)


# --- labels ----------------------------------------------------------------

def author_label(entry, lang: str) -> str:
    """``Aslanlı``; ``Caferov ve Aslanlı``; ``Yılmaz vd.``; an organisation whole."""
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [family_name(person) for person in persons]
    if not names:
        title = entry.fields.get("title")
        return plain(title) if title else entry.key
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} {term(lang, 'and')} {names[1]}"
    return f"{names[0]} {term(lang, 'et_al')}"


def year_labels(entries: list, lang: str) -> dict[str, str]:
    """Year with a/b suffixes where one author label has several works in one year.

    Works of one author and year are lettered in the order of their titles, and
    by key where titles are missing, so the letters do not move as text is edited.
    """
    groups: dict[tuple[str, str], list] = {}
    for entry in entries:
        year = entry.fields.get("year", "").strip() or term(lang, "no_date")
        groups.setdefault((author_label(entry, lang), year), []).append(entry)
    labels = {}
    for (_, year), group in groups.items():
        if len(group) == 1:
            labels[group[0].key] = year
            continue
        group.sort(key=lambda e: (sort_key(plain(e.fields.get("title", "")), lang), e.key))
        for letter, entry in zip(string.ascii_lowercase, group):
            labels[entry.key] = year + letter
    return labels


def format_locator(suffix: str) -> tuple[str, str]:
    """Split a citation suffix into (locator, rest).

    >>> format_locator(", 56-58")
    ('56–58', '')
    >>> format_locator(", s. 12, vurgu eklenmiştir")
    ('12', 'vurgu eklenmiştir')
    """
    suffix = suffix.strip().lstrip(",").strip()
    head, _, rest = suffix.partition(", ")
    for candidate, remainder in ((suffix, ""), (head, rest)):
        match = LOCATOR.match(candidate.strip())
        if match:
            pages = re.sub(r"(?<=\d)\s*[-–—]+\s*(?=\d)", "–", match.group(1).strip())
            return pages, remainder.strip()
    return "", suffix


# --- formatting ------------------------------------------------------------

@dataclass
class CitationContext:
    """What the citation filter knows after ``prepare``: entries, labels, language."""
    bibliography: Bibliography
    lang: str
    cited: list[str]
    year_label: dict[str, str]
    style: HouseStyle
    # Each cited work formatted once: rich text for the reference list, plain text
    # for the citation links' titles and the indexers' reference-list metadata.
    references: dict[str, Text] = field(init=False)
    reference_text: dict[str, str] = field(init=False)

    def __post_init__(self):
        entries = self.bibliography.data.entries
        self.references = {key: self.style.format_reference(entries[key], self.year_label[key])
                           for key in self.cited}
        self.reference_text = {key: as_text(rich) for key, rich in self.references.items()}


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


def format_citation(cite: pf.Cite, context: CitationContext) -> pf.Span:
    """One pandoc ``Cite`` → a Span of linked author–year references."""
    lang = context.lang
    parts: list[list[pf.Inline]] = []
    narrative = False
    for citation in cite.citations:
        entry = context.bibliography.data.entries.get(citation.id)
        if entry is None:  # reported by known_keys: its key stands in
            parts.append([pf.Str(f"?{citation.id}")])
            continue
        author = author_label(entry, lang)
        year = context.year_label[citation.id]
        written, linked = split_suffix(list(citation.suffix))
        locator, rest = format_locator(written)
        when = f"{year}: {locator}" if locator else year
        if rest:
            when += f", {rest}"
        prefix = strip_spaces(list(citation.prefix))
        title = context.reference_text.get(citation.id, "")
        if citation.mode == "AuthorInText":
            narrative = True
            text = f"{author} ({when})"
        elif citation.mode == "SuppressAuthor":
            text = when
        else:
            text = f"{author}, {when}"
        link = pf.Link(*text_to_inlines(text), url=cite_target(citation.id), title=title)
        parts.append(([*prefix, pf.Space()] if prefix else []) + [link] + linked)
    inlines: list[pf.Inline] = []
    for index, part in enumerate(parts):
        if index:
            inlines += [pf.Str(";"), pf.Space()] if not narrative else [pf.Str(","), pf.Space()]
        inlines += part
    if not narrative:
        inlines = [pf.Str("(")] + inlines + [pf.Str(")")]
    keys = " ".join(c.id for c in cite.citations)
    return pf.Span(*inlines, classes=[CITATION_CLASS], attributes={CITES_ATTRIBUTE: keys})


def format_bibliography(context: CitationContext, doc: pf.Doc) -> list[pf.Block]:
    """The "Kaynakça" section: a header and one entry per cited work, sorted."""
    entries = [context.bibliography.data.entries[key] for key in context.cited]
    entries.sort(key=lambda e: (sort_key(author_label(e, context.lang), context.lang),
                                context.year_label[e.key]))
    items = []
    for entry in entries:
        rich = context.references[entry.key]
        items.append(pf.Div(pf.Para(*rich_to_inlines(rich)), identifier=f"{ENTRY_PREFIX}{entry.key}",
                            classes=[ENTRY_CLASS], attributes={"role": "doc-biblioentry"}))
    title = options(doc)["bibliography-title"] or term(context.lang, "references")
    # pandoc's --section-divs moves the header's attributes to its <section>.
    header = pf.Header(pf.Str(title), level=1, identifier=BIBLIOGRAPHY_ID,
                       classes=[UNNUMBERED_CLASS, REFERENCES_CLASS],
                       attributes={"role": "doc-bibliography"})
    return [header, *items]


# --- the filter ------------------------------------------------------------

def bibliography_paths(doc: pf.Doc) -> list[str]:
    value = doc.get_metadata("bibliography", default=[])
    return [value] if isinstance(value, str) else list(value)


def find_cites(doc: pf.Doc) -> list[pf.Cite]:
    """Every citation of the document (its metadata too), in order."""
    return [element for element in descendants(doc) if isinstance(element, pf.Cite)]


def cited_keys(cites: list[pf.Cite]) -> list[str]:
    """Citation keys in order of first use."""
    return list(dict.fromkeys(c.id for cite in cites for c in cite.citations))


def known_keys(keys: list[str], bibliography: Bibliography, doc: pf.Doc) -> list[str]:
    """The keys the bibliography has; each other one is an error (the build goes on
    to find the rest, printing the key in its place)."""
    for key in keys:
        if key not in bibliography.data.entries and key not in bibliography.unreadable:
            path, line = locate(doc, rf"@{re.escape(key)}\b")
            error(f"unknown citation key '{key}'", path, line,
                  suggestion(key, bibliography.keys, "add the entry to the .bib file"))
    return [key for key in keys if key in bibliography.data.entries]


def warn_incomplete(keys: list[str], bibliography: Bibliography) -> None:
    for key in keys:
        entry = bibliography.data.entries[key]
        has = {"author": bool(entry.persons.get("author") or entry.persons.get("editor")),
               "year": bool(entry.fields.get("year")), "title": bool(entry.fields.get("title"))}
        missing = [name for name in REQUIRED_FIELDS if not has[name]]
        if missing:
            path, line = bibliography.lines.get(key, (None, None))
            warn(f"incomplete entry '{key}': no {', no '.join(missing)}", path, line,
                 hint="the reference list prints only what the entry has")


def prepare(doc: pf.Doc) -> None:
    lang = base_language(doc.get_metadata("lang", default=None))
    bibliography = load_bibliography(bibliography_paths(doc))
    cites = find_cites(doc)
    keys = cited_keys(cites)
    nocite = doc.get_metadata("nocite", default=[])
    nocite = [nocite] if isinstance(nocite, str) else nocite
    for item in nocite:
        for key in re.findall(r"@([^\s,;\]]+)", str(item)):
            if key == "*":
                keys += [k for k in bibliography.keys if k not in keys]
            elif key not in keys:
                keys.append(key)
    keys = known_keys(keys, bibliography, doc)
    warn_incomplete(keys, bibliography)
    entries = [bibliography.data.entries[key] for key in keys]
    doc.citations = context = CitationContext(bibliography, lang, keys, year_labels(entries, lang),
                                              HouseStyle(lang))
    # Formatted in place: the labels needed every citation first, so no second walk.
    for cite in cites:
        cite.parent.content[cite.index] = format_citation(cite, context)


def finalize(doc: pf.Doc) -> None:
    context = doc.citations
    if context.cited:
        blocks = format_bibliography(context, doc)
        doc.content.extend(blocks)
        order = [block.identifier[len(ENTRY_PREFIX):] for block in blocks[1:]]
        doc.metadata[REFERENCE_LIST_KEY] = pf.MetaList(
            *(pf.MetaString(context.reference_text[key]) for key in order))
    del doc.citations


def main(doc=None):
    return pf.run_filters([], prepare=prepare, finalize=finalize, doc=doc)


if __name__ == "__main__":
    run_filter_main(main)
