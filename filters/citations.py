"""Citations and the reference list, in the journal's house style or in any CSL style.

House style (the default, pybtex): ``[@aslanli2015, 56]`` → ``(Aslanlı, 2015: 56)``;
``[@a; @b]`` → ``(A, 2015; B, 2019)``; ``@aslanli2015 [56]`` → ``Aslanlı (2015: 56)``;
``[@a, chap. 3]`` → ``(A, 2015: chap. 3)``; two authors are joined by the
language's "ve"/"and", three or more shortened to "vd."/"et al."; one author's
works of one year get ``2020a``, ``2020b``.

``csl: apa`` (any style of the CSL collection, or a ``.csl`` file): pandoc's
citeproc formats the citations once, in this stage (``filters.citeproc``); a note
style's citations become footnotes.

Either way every citation becomes a ``Span.citation`` linked to its entry, and the
reference list ("Kaynakça") is appended after the last section: every cited work
once, in the collation order of the document's language (or, in a numeric style,
in the order of first citation).

Stand-alone: ``pandoc -F filters/citations.py -M bibliography=refs.bib``.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

if __name__ == "__main__":  # pandoc -F filters/NAME.py
    import standalone; standalone.run(__file__)  # noqa: E702, I001

import panflute as pf
from pybtex.richtext import Text

from core.diagnostics import (
    BuildError,
    display_path,
    error,
    locate,
    source_files,
    suggestion,
    warn,
)
from core.inputs import limit, shown_size
from core.language import base_language, sort_key, term
from core.markup import text_to_inlines
from core.names import (
    BIBLIOGRAPHY_ID,
    ENTRY_CLASS,
    ENTRY_PREFIX,
    HEADED_CLASS,
    LAYOUT_KEY,
    REFERENCE_LIST_KEY,
    REFERENCES_CLASS,
    STYLE_FILES_KEY,
    UNNUMBERED_CLASS,
)
from core.options import options
from filters.bibliography import Bibliography, load_bibliography
from filters.bibstyle import (
    HouseStyle,
    author_label,
    rich_to_inlines,
)
from filters.bibtext import as_text, plain
from filters.citemodel import (
    Formatted,
    citation_form,
    citation_span,
    cite_target,
    cited_at,
    locator_text,
    parse_locator,
    split_citations,
    split_suffix,
    strip_spaces,
)
from filters.elements import descendants, position, refs_div, siblings
from filters.references import pending

REQUIRED_FIELDS = ("author", "year", "title")


# --- the house style: labels ------------------------------------------------------

def year_labels(entries: list, lang: str) -> dict[str, str]:
    """Year with a/b suffixes where one author label has several works in one year.

    Works of one author and year are lettered in the order of their titles, and
    by key where titles are missing, so the letters do not move as text is edited.
    """
    groups: dict[tuple[str, str], list] = {}
    for entry in entries:
        year = plain(entry.fields.get("year", "")).strip() or term(lang, "no_date")
        groups.setdefault((author_label(entry, lang), year), []).append(entry)
    labels = {}
    for (_, year), group in groups.items():
        if len(group) == 1:
            labels[group[0].key] = year
            continue
        group.sort(key=lambda e: (sort_key(plain(e.fields.get("title", "")), lang), e.key))
        for index, entry in enumerate(group):
            labels[entry.key] = year + year_letter(index)
    return labels


def year_letter(index: int) -> str:
    """The letter of the ``index``-th work of one author and year: a … z, then aa, ab, …
    as citeproc goes on (an organisation's 27 reports of one year had no 27th letter).

    >>> [year_letter(i) for i in (0, 25, 26, 27, 701, 702)]
    ['a', 'z', 'aa', 'ab', 'zz', 'aaa']
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = string.ascii_lowercase[rest] + letters
    return letters


# --- the house style: formatting -------------------------------------------------

@dataclass
class CitationContext:
    """What the house style knows after ``prepare``: entries, labels, language."""
    bibliography: Bibliography
    lang: str
    cited: list[str]
    year_label: dict[str, str]
    style: HouseStyle
    # Each cited work formatted once: rich text for the reference list, plain text
    # for the citation links' titles and the indexers' reference-list metadata.
    references: dict[str, Text] = field(init=False)
    reference_text: dict[str, str] = field(init=False)
    # The text every citation repeats (its label, and its work's text as the link's
    # title), counted: within the text limit, so that a work of megabytes cited
    # thousands of times cannot make gigabytes of every edition.
    repeated: int = field(default=0, init=False)

    def __post_init__(self):
        entries = self.bibliography.entries
        self.references = {key: self.style.format_reference(entries[key], self.year_label[key])
                           for key in self.cited}
        self.reference_text = {key: as_text(rich) for key, rich in self.references.items()}


def format_citation(cite: pf.Cite, context: CitationContext) -> pf.Span:
    """One pandoc ``Cite`` → a Span of linked author–year references."""
    lang = context.lang
    parts: list[list[pf.Inline]] = []
    narrative = False
    form = citation_form(cite)  # natbib's \citeauthor, \citeyear, \citealt, \citealp
    for citation in cite.citations:
        entry = context.bibliography.entries.get(citation.id)
        if entry is None:  # reported by known_keys: its key stands in
            parts.append([pf.Str(f"?{citation.id}")])
            continue
        author = author_label(entry, lang)
        year = context.year_label[citation.id]
        written, linked = split_suffix(list(citation.suffix))
        locator = parse_locator(written, lang)
        where = locator_text(locator, lang)
        when = f"{year}: {where}" if where else year
        if locator.rest:
            when += f", {locator.rest}"
        prefix = strip_spaces(list(citation.prefix))
        title = context.reference_text.get(citation.id, "")
        if form == "author":
            text = author
        elif form == "year":
            text = when
        elif form == "bare":
            text = f"{author} {when}" if citation.mode == "AuthorInText" else f"{author}, {when}"
        elif citation.mode == "AuthorInText":
            narrative = True
            text = f"{author} ({when})"
        elif citation.mode == "SuppressAuthor":
            text = when
        else:
            text = f"{author}, {when}"
        context.repeated += len(text) + len(title)
        if context.repeated > limit("text"):
            raise BuildError(f"the citations repeat {shown_size(context.repeated, 'characters')} of their works' "
                             f"text, over the limit of {shown_size(limit('text'), 'characters')}",
                             hint="a work whose author or title runs to pages, cited many times, is repeated at "
                                  "each citation: shorten its entry (a journal that accepts more: --limit text=…)")
        link = pf.Link(*text_to_inlines(text), url=cite_target(citation.id), title=title)
        parts.append(([*prefix, pf.Space()] if prefix else []) + [link] + linked)
    inlines: list[pf.Inline] = []
    for index, part in enumerate(parts):
        if index:
            inlines += [pf.Str(","), pf.Space()] if narrative or form in ("author", "year") else \
                [pf.Str(";"), pf.Space()]
        inlines += part
    if not narrative and not form:
        inlines = [pf.Str("(")] + inlines + [pf.Str(")")]
    return citation_span(inlines, cite)


def house_style_entries(context: CitationContext) -> list[tuple[str, list[pf.Inline]]]:
    """(key, the entry's inlines) of every cited work, in the language's collation order."""
    entries = [context.bibliography.entries[key] for key in context.cited]
    entries.sort(key=lambda e: (sort_key(author_label(e, context.lang), context.lang),
                                context.year_label[e.key]))
    return [(entry.key, rich_to_inlines(context.references[entry.key])) for entry in entries]


# --- the reference list ------------------------------------------------------------

def reference_list(entries: list[tuple[str, list[pf.Inline]]], lang: str,
                   doc: pf.Doc) -> list[pf.Block]:
    """The "Kaynakça" section: a header and one entry Div per work, in the given order
    (each edition sets the entries its way: a hanging indent). The section is the
    document's bibliography (DPUB-ARIA's ``doc-bibliography``); its entries have no
    role of their own (``doc-biblioentry`` is deprecated in DPUB-ARIA 1.1)."""
    items = [pf.Div(pf.Para(*inlines), identifier=f"{ENTRY_PREFIX}{key}", classes=[ENTRY_CLASS])
             for key, inlines in entries]
    title = options(doc)["bibliography-title"] or term(lang, "references")
    # pandoc's --section-divs moves the header's attributes to its <section>.
    header = pf.Header(pf.Str(title), level=1, identifier=BIBLIOGRAPHY_ID,
                       classes=[UNNUMBERED_CLASS, REFERENCES_CLASS],
                       attributes={"role": "doc-bibliography"})
    return [header, *items]


# --- the filter ------------------------------------------------------------------

def bibliography_paths(doc: pf.Doc) -> list[str]:
    value = doc.get_metadata("bibliography", default=[])
    return [value] if isinstance(value, str) else list(value)


# A citation written against the word before it, after its punctuation ("shown.@kaya2019"):
# pandoc reads no citation there, and printed the key; the key as pandoc reads one
GLUED_CITATION = re.compile(r"(?<=[^\w\s@])@(\w[\w:.#$%&+?<>~/-]*)")


def glued_citations(doc: pf.Doc, bibliography: Bibliography) -> None:
    """Each word that ends a sentence with a citation of a work of the bibliography and
    no space before its ``@`` (a Turkish term paper's "görülmüştür.@birdal2019") as the
    word and that citation, with a warning: the key was printed, the work left out of the
    references. An address (``a@b.org``) is no citation: ``@`` follows a letter there."""
    if not bibliography.entries:
        return
    found = []  # (the word, its pieces), in the text's order
    for word in [element for element in descendants(doc) if isinstance(element, pf.Str) and "@" in element.text
                 and not isinstance(element.parent, pf.Cite)]:  # a citation's own words are pandoc's
        if word.location not in (None, "content"):  # a citation's prefix: the citation is pandoc's
            continue
        pieces, keys, done = [], [], 0
        for match in GLUED_CITATION.finditer(word.text):
            key = match.group(1)
            while key and key not in bibliography.entries and key[-1] in ".:#$%&+?<>~/-":
                key = key[:-1]  # the sentence's own punctuation after the key
            if key not in bibliography.entries:
                continue
            pieces += [pf.Str(word.text[done:match.start()]),
                       pf.Cite(pf.Str("@" + key), citations=[pf.Citation(key, mode="AuthorInText")])]
            keys.append(key)
            done = match.start() + 1 + len(key)
        if pieces:
            found.append((word, [*pieces, pf.Str(word.text[done:])]))
            warn(f"'{word.text}' is read as a citation of '{', '.join(keys)}'", *locate(doc, re.escape(word.text)),
                 hint="write a space before the @ (pandoc reads a citation only after one), or [@key] for one "
                      "in parentheses")
    for word, pieces in reversed(found):  # the last first: each keeps the place of those before it
        holder, at = word.parent, position(word)
        kept = [piece for piece in pieces if not isinstance(piece, pf.Str) or piece.text]
        holder.content = [*holder.content[:at], *kept, *holder.content[at + 1:]]  # told their parent


def find_cites(doc: pf.Doc) -> list[pf.Cite]:
    """Every citation of the document (its metadata too, but ``nocite``), in order;
    not a bracket of cross-references that waits for the references stage."""
    roots = [doc.metadata.content[key] for key in doc.metadata.content.dict if key != "nocite"]
    cites = [element for root in [*roots, *doc.content]
             for element in (root, *descendants(root))
             if isinstance(element, pf.Cite) and not pending(element.parent)]
    taken: set[int] = set()
    for cite in cites:
        if id(cite) not in taken:
            taken |= set(map(id, comma_separated(cite, doc)))
    return [cite for cite in cites if id(cite) not in taken]


def comma_separated(cite: pf.Cite, doc: pf.Doc) -> list[pf.Cite]:
    """``[@a, @b]``, as authors write ``[@a; @b]``: pandoc reads @b as a citation inside
    a's suffix, printed "@b" without a word. Each citation of such a suffix becomes one
    of the bracket's own, with a warning; the citations taken out are returned."""
    taken = []
    for citation in list(cite.citations):
        suffix = list(citation.suffix)
        kinds = [(pf.Str, pf.Space, pf.Cite)[n % 3] for n in range(len(suffix))]
        if not suffix or len(suffix) % 3 or not all(isinstance(e, kind) for e, kind in zip(suffix, kinds)) \
                or any(e.text != "," for e in suffix[0::3]):
            continue
        inner = [c for cited in suffix[2::3] for c in cited.citations]
        taken += suffix[2::3]
        citation.suffix = []
        at = list(cite.citations).index(citation) + 1
        cite.citations[at:at] = [pf.Citation(c.id, mode="NormalCitation") for c in inner]
        keys = [f"@{c.id}" for c in inner]
        path, line = locate(doc, cited_at(citation.id))
        warn(f"'[@{citation.id}, {', '.join(keys)}]' is read as one bracket of citations", path, line,
             hint=f"separate citations with ';': [@{citation.id}; {'; '.join(keys)}]")
    return taken


def cited_keys(cites: list[pf.Cite]) -> list[str]:
    """Citation keys in order of first use."""
    return list(dict.fromkeys(c.id for cite in cites for c in cite.citations))


def nocite_keys(doc: pf.Doc, bibliography: Bibliography) -> list[str]:
    """The keys ``nocite`` names (``"@a, @b"``), or every key for ``"@*"``."""
    nocite = doc.metadata.content.dict.get("nocite")
    if nocite is None:
        return []
    keys = [c.id for element in descendants(nocite) if isinstance(element, pf.Cite)
            for c in element.citations] or re.findall(r"@([^\s,;\]]+)", pf.stringify(nocite))
    return bibliography.keys if "*" in keys else keys


# Manubot's citation keys: a work named by its identifier (@doi:10.1/x, @pmid:123, @arxiv:…);
# in a Manubot project, any CURIE (@CHEBI:15377, @GO:0008150: Manubot asks Bioregistry)
IDENTIFIER_KEY = re.compile(r"(?i)(?:doi|pmid|pubmed|pmcid|arxiv|isbn|url|https?|wikidata|tag|raw):")
CURIE_KEY = re.compile(r"[A-Za-z][\w.-]*:\S")


def known_keys(keys: list[str], bibliography: Bibliography, doc: pf.Doc) -> list[str]:
    """The keys the bibliography has; each other one is an error (the build goes on
    to find the rest, printing the key in its place). A text that cites but names no
    bibliography at all is one error, at its first citation, not one per key."""
    unknown = [key for key in keys if key not in bibliography.entries and key not in bibliography.unreadable]
    doc.unknown_keys = set(unknown)  # their links lead nowhere: the links stage says no more of them
    if unknown and not doc.get_metadata("bibliography", default=[]):
        if getattr(doc, "bibliography_refused", False):  # named, and refused at its line already
            return []
        path, line = locate(doc, cited_at(unknown[0]))
        identifier = CURIE_KEY if doc.get_metadata(LAYOUT_KEY, default="file") == "manubot" else IDENTIFIER_KEY
        by_identifier = [key for key in unknown if identifier.match(key)]
        error(f"the text cites {len(unknown)} work(s) (@{unknown[0]}…) but names no bibliography", path, line,
              hint="these are Manubot's citations by identifier, which Manubot looks up online and this build "
                   "never does: name the references Manubot wrote (output/references.json, CSL JSON) in the "
                   "metadata: bibliography: references.json" if len(by_identifier) * 2 > len(unknown) else
                   ("name the .bib file in the front matter: bibliography: references.bib"
                    if doc.get_metadata(LAYOUT_KEY, default="file") == "file" else
                    "name the .bib file in the metadata: bibliography: references.bib (or put it in bibliography/)"))
        return []
    for key in keys:
        if key not in bibliography.entries and key not in bibliography.unreadable:
            path, line = locate(doc, cited_at(key))
            longer = [known for known in bibliography.keys if known.startswith(key) and known != key]
            if path is None and longer and locate(doc, rf"@{re.escape(key)}[\w-]")[0]:
                # "@Gonzalez2006" read as "@G": a simple table's column boundary ran through it (pandoc
                # keeps no place: the row is not known, and the first "@G…" of the text may be another)
                sources = source_files(doc)
                error(f"unknown citation key '{key}': most likely a longer one ('{longer[0]}'"
                      f"{', …' if len(longer) > 1 else ''}) cut by a column of a simple table",
                      display_path(sources[0]) if len(sources) == 1 else None, None,
                      hint="align the table's rows under its header's columns (the key lies across two of them)")
                continue
            if path is None:  # named in `nocite`
                from core.metadatafile import metadata_line
                path, line = metadata_line(doc, "nocite")
            error(f"unknown citation key '{key}'", path, line,
                  suggestion(key, bibliography.keys, "add the entry to the .bib file"))
    return [key for key in keys if key in bibliography.entries]


def warn_incomplete(keys: list[str], bibliography: Bibliography) -> None:
    for key in keys:
        entry = bibliography.entries[key]
        has = {"author": bool(entry.persons.get("author") or entry.persons.get("editor")),
               "year": bool(entry.fields.get("year")), "title": bool(entry.fields.get("title"))}
        missing = [name for name in REQUIRED_FIELDS if not has[name]]
        if missing:
            path, line = bibliography.lines.get(key, (None, None))
            warn(f"incomplete entry '{key}': no {', no '.join(missing)}", path, line,
                 hint="the reference list prints only what the entry has")


# The fields the house style prints of an entry of each type, when it has them
PRINTED_FIELDS = {**dict.fromkeys(("article", "periodical"), ("journal", "volume", "number", "pages")),
                  **dict.fromkeys(("incollection", "inproceedings", "inbook", "inreference", "bookinbook"),
                                  ("booktitle", "volume", "pages", "publisher")),
                  **dict.fromkeys(("book", "collection", "proceedings"), ("publisher",))}
NUMERIC_FIELDS = ("volume", "number", "pages")


def unprinted(entry, text: str) -> list[str]:
    """The fields of ``entry`` (``PRINTED_FIELDS``) that its reference's ``text`` does not
    show: a number's digits, a name's words.

    >>> from pybtex.database import Entry
    >>> unprinted(Entry("inproceedings", [("pages", "3111--3119"), ("booktitle", "NIPS")]), "A. (2013). T.")
    ['booktitle', 'pages']
    """
    folded = " ".join(text.split()).casefold()
    left = []
    for name in PRINTED_FIELDS.get(entry.type.lower(), ()):
        value = " ".join(plain(entry.fields.get(name, "")).split())
        digits = re.findall(r"\d+", value) if name in NUMERIC_FIELDS else []
        if value and not (all(d in folded for d in digits) if digits else value.casefold() in folded):
            left.append(name)
    return left


def warn_unprinted(formatted: Formatted, bibliography: Bibliography) -> None:
    """Never a silent loss: a field the house style's reference leaves out of what its
    entry has is said at the entry (a conference paper's pages once went with its missing
    booktitle, without a word)."""
    for key, text in formatted.text.items():
        left = unprinted(bibliography.entries[key], text)
        if left:
            path, line = bibliography.lines.get(key, (None, None))
            warn(f"the reference list leaves out the {', '.join(left)} of '{key}'", path, line,
                 hint="the house style prints them with the fields around them: check the entry's type "
                      "and fields, or name a CSL style (csl: …)")


def format_in_house_style(cites, keys, bibliography, lang) -> Formatted:
    entries = [bibliography.entries[key] for key in keys]
    context = CitationContext(bibliography, lang, keys, year_labels(entries, lang), HouseStyle(lang))
    # Formatted in place: the labels needed every citation first, so no second walk.
    for cite in cites:
        siblings(cite)[cite.index] = format_citation(cite, context)
    formatted = Formatted(house_style_entries(context), context.reference_text)
    warn_unprinted(formatted, bibliography)
    return formatted


def prepare(doc: pf.Doc) -> None:
    lang = base_language(doc.get_metadata("lang", default=None))
    bibliography = load_bibliography(bibliography_paths(doc))
    glued_citations(doc, bibliography)
    cites = split_citations(find_cites(doc))
    keys = known_keys(list(dict.fromkeys(cited_keys(cites) + nocite_keys(doc, bibliography))),
                      bibliography, doc)
    warn_incomplete(keys, bibliography)
    doc.citations = None
    style_name = options(doc)["csl"]
    if style_name:
        from filters.citeproc import PendingCitations
        from filters.cslstyle import find_style

        style = find_style(style_name, doc)
        if style is not None:
            doc.metadata[STYLE_FILES_KEY] = pf.MetaList(*(pf.MetaString(str(p)) for p in style.paths))
            if keys:
                doc.citations = PendingCitations(doc, cites, keys, bibliography, style, lang)
            return
    doc.citations = format_in_house_style(cites, keys, bibliography, lang)


def place_list(doc: pf.Doc, blocks: list[pf.Block]) -> None:
    """The reference list where the author put ``::: {#refs}`` (pandoc's place for it),
    else after the text (the layout stage orders the parts)."""
    placed = refs_div(doc)
    if placed is not None:  # wherever it stands: inside the author's own Div too, as pandoc finds it
        # under the author's own heading of the list (filters.syntax), the entries alone
        siblings(placed)[placed.index:placed.index + 1] = blocks[1:] if HEADED_CLASS in placed.classes else blocks
        return
    doc.content.extend(blocks)


def finalize(doc: pf.Doc) -> None:
    """Append the reference list; a CSL style's once citeproc (started by ``prepare``)
    is done, before the next stage: the chronology must see the citations it prints."""
    citations, lang = doc.citations, base_language(doc.get_metadata("lang", default=None))
    del doc.citations
    if isinstance(citations, Formatted):
        if citations.entries:
            place_list(doc, reference_list(citations.entries, lang, doc))
            doc.metadata[REFERENCE_LIST_KEY] = pf.MetaList(
                *(pf.MetaString(citations.text[key]) for key, _ in citations.entries))
        return
    if citations is None:
        return
    blocks = reference_list([(key, []) for key in citations.keys], lang, doc)
    place_list(doc, blocks)

    def finish() -> None:
        formatted = citations.finish()
        entries = {block.identifier[len(ENTRY_PREFIX):]: block for block in blocks[1:]}
        at = [index for index, block in enumerate(doc.content.list) if block in blocks[1:]]
        ordered = [entries.pop(key) for key, _ in formatted.entries]
        for block, (_, inlines) in zip(ordered, formatted.entries):
            block.content[-1].content = inlines
        for index, block in zip(at, ordered + list(entries.values())):
            doc.content[index] = block
        doc.metadata[REFERENCE_LIST_KEY] = pf.MetaList(
            *(pf.MetaString(formatted.text[key]) for key, _ in formatted.entries))

    finish()


def main(doc=None):
    return pf.run_filters([], prepare=prepare, finalize=finalize, doc=doc)

