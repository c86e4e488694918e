"""Metadata as other tools write it, read into this build's fields (``core.metaschema``)
before the metadata stage checks them, so that a paper builds with the front matter
its authors wrote for JOSS, Quarto or plain pandoc:

- JOSS: ``authors`` whose ``affiliation: "1, 2"`` points at ``affiliations: [{name,
  index, ror}]``; ``equal-contrib``; ``tags`` as the keywords; ``aas-doi`` and
  ``aas-journal`` (AAS's) left alone, with a warning.
- Quarto: ``author`` maps whose ``affiliations`` are names, maps (``department``,
  ``city``, ``country``, ``ror``) or ``ref`` entries to a top-level ``affiliations`` list by
  ``id``; names as ``{given, family}``; ``attributes: {corresponding, equal-contributor}``;
  ``roles`` (CRediT); ``date: today`` or ``last-modified``; ``citation:`` (the journal
  line); ``license`` and ``copyright`` as maps.
- pandoc: ``author`` as names or maps; keywords as one comma-separated line.
- Manubot: each author's ``affiliations`` as a list of names.
- LaTeX's and Quarto's ``thanks`` as the acknowledgements.
- R Markdown's names in one line: ``author: ["Ann Lee^1^, Bo Chen^2^", "^1^ URI", "^2^
  EPA"]`` (the superscripts naming the affiliation lines), and one line of names
  ``"Ann Lee, Bo Chen and Cy Diaz"``: each name an author.
- rticles' templates: Springer's ``authors`` (``firstname``, ``lastname``,
  ``equal_contribution``) and ``affiliations: [{number, info: {orgdiv, orgname}, address:
  {street, city, …}}]``, MDPI's ``affil: "1,2,\\dagger"`` and ``affiliation: [{num,
  address}]``, JSS's ``title`` and ``keywords`` as ``{formatted, plain, short}``.
- A key written with a capital (``Title:``) when its lower-case form is ours.

Each key read keeps the place where it is written, so a message about it names the
file and line the author wrote. A bare ROR id (``04ge02x20``) becomes its address.

>>> affiliation_indices("1, 2"), affiliation_indices("Hereon")
(['1', '2'], None)
"""
from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import panflute as pf

from core.diagnostics import error, locate, source_files, suggestion, warn
from core.language import LANGUAGE_CODES, term
from core.markup import as_text, text_to_inlines
from core.metadatafile import Source, metadata_files
from core.metaschema import FOREIGN, PROJECT_LAYOUT, SCHEMA, ror_address
from core.names import LAYOUT_KEY
from core.sourcetext import R_TODAY
from filters.frontmatter import inlines_of

# How an affiliation's address is printed after its name (Quarto's fields).
# An affiliation's parts, in the order printed: Quarto's, and papaja's and rticles'
# `institution` for its name
ADDRESS_PARTS = ("department", "name", "institution", "address", "city", "region", "state", "postal-code", "country")
# What looks like an affiliation's id, not its name ("a1", "uni-2"): a word without spaces
ID_LIKE = re.compile(r"[\w.-]{1,12}")
# Marks an affiliation list may carry beside its indices (rticles': "1, *"), not affiliations.
AFFILIATION_MARKS = frozenset([*"*†‡§¶#", "\\dagger", "\\ddagger", "\\S", "\\P", "\\#", "$*$", "$\\dagger$",
                               "$\\ddagger$", "$^*$", "$^\\dagger$"])  # and as LaTeX writes them (MDPI's)
# An affiliation's id (JOSS's index, Quarto's id, rticles': Elsevier's code, Springer's
# number, MDPI's num), and an author's list of them (MDPI's affil)
AFFILIATION_IDS = ("index", "id", "code", "number", "num")
AUTHOR_AFFILIATIONS = ("affiliations", "affiliation", "affil")
# Springer's affiliation in parts: its organisation and its address, each a map, read as
# Quarto's parts
SPRINGER_PARTS = {"orgdiv": "department", "orgname": "name", "street": "address", "postcode": "postal-code"}
def affiliation_indices(value: str) -> list[str] | None:
    """JOSS's ``affiliation: "1, 2"`` as its indices (marks beside them, rticles' "1, *",
    are not); None for a name.

    >>> affiliation_indices("1, 2"), affiliation_indices("3, †"), affiliation_indices("University of Oslo")
    (['1', '2'], ['3'], None)
    """
    parts = [part.strip() for part in re.split(r"[,;]", value) if part.strip() not in AFFILIATION_MARKS]
    return parts if parts and all(re.fullmatch(r"[\w.-]{1,8}", p) and any(c.isdecimal() for c in p)
                                   for p in parts) else None


class Reader:
    """Rewrites the metadata map in place, keeping each key's place in ``source``."""

    def __init__(self, meta: pf.MetaMap, source: Source):
        self.meta, self.source = meta, source
        self.unlinked: list[int] = []  # listed affiliations without an index or id

    @property
    def fields(self) -> dict:
        return self.meta.content.dict

    def warn(self, key: str, message: str, hint: str | None = None) -> None:
        warn(message, *self.source.where(key), hint)

    def move(self, old: str, new: str, value=None) -> None:
        """Key ``old`` read as ``new`` (top level): its value and its places."""
        self.fields[new] = self.fields.pop(old) if value is None else value
        self.fields.pop(old, None)
        for mapping in (self.source.places, self.source.scalars):
            for key in [k for k in mapping if k == old or k.startswith(old + ".")]:
                mapping[new + key[len(old):]] = mapping[key]


# Other names for this build's keys (``language:`` for ``lang``), said; pandoc's own names
# for them, read without a word (a pandoc user's ``reference-section-title`` was "unknown").
# other tools' names for this build's keys (MyST's page front matter: short_title, …)
ALIASES = {"language": "lang", "short_title": "short-title", "acknowledgments": "acknowledgements",
           "data_availability": "data-availability"}
PANDOC_NAMES = {"reference-section-title": "bibliography-title", "shorttitle": "short-title"}  # papaja's too


# The keys of other tools this module reads into ours (the schema has ours, not these)
READ_HERE = frozenset({"address", "affiliation", "affiliations", "institute", "tags", "thanks", "citation",
                       "mask", "authornote"})


def capitalised_keys(reader: Reader) -> None:
    """``Title:`` read as ``title``, ``language:`` as ``lang``, ``Address:`` (ReScience's)
    as ``address``, when that is not also set."""
    for key in list(reader.fields):
        if key in PANDOC_NAMES and PANDOC_NAMES[key] not in reader.fields:
            reader.move(key, PANDOC_NAMES[key])
            continue
        ours = ALIASES.get(key.lower(), key.lower())
        if key not in SCHEMA and key not in READ_HERE and (ours in SCHEMA or ours in READ_HERE) \
                and ours not in reader.fields:
            reader.warn(key, f"'{key}' is read as '{ours}'", "metadata keys are lower case" if ours == key.lower()
                        else f"this build's key is '{ours}'")
            reader.move(key, ours)


def formatted_and_plain(reader: Reader) -> None:
    """JSS's (rticles') ``title: {formatted, plain, short}`` and ``keywords: {formatted,
    plain}``: the title as formatted (its short form the running head's), the keywords
    plain (an index reads them). A title so written was "no title" at all."""
    title, words = reader.fields.get("title"), reader.fields.get("keywords")
    if isinstance(title, pf.MetaMap) and set(title.content.dict) & {"formatted", "plain"}:
        parts = title.content.dict
        if "short" in parts and "short-title" not in reader.fields:
            reader.fields["short-title"] = parts["short"]
        reader.fields["title"] = parts.get("formatted") or parts["plain"]
    if isinstance(words, pf.MetaMap) and set(words.content.dict) & {"formatted", "plain"}:
        reader.fields["keywords"] = words.content.dict.get("plain") or words.content.dict["formatted"]


def line_block_titles(reader: Reader) -> None:
    """R Markdown's ``title: |`` then ``| Line one`` / ``| line two`` (a line block): one
    line of text with its breaks, as a title is everywhere else (its plain text read
    "Line oneline two", and the "cite as" line stopped the build with a traceback)."""
    for key in ("title", "subtitle"):
        value = reader.fields.get(key)
        if isinstance(value, pf.MetaBlocks) and len(value.content) == 1 and isinstance(value.content[0], pf.LineBlock):
            # its empty lines (R Markdown's spacing: "| Title" then "|") are no lines of the title
            lines = [list(item.content) for item in value.content[0].content if pf.stringify(item).strip()]
            reader.fields[key] = pf.MetaInlines(*[i for n, line in enumerate(lines)
                                                  for i in ([pf.LineBreak()] if n else []) + line])


def title_heading(doc: pf.Doc, reader: Reader) -> None:
    """A paper (one file) without a title whose first block is a level-1 heading: that
    heading is the title (as pandoc's ``--shift-heading-level-by=-1`` reads it); a first
    heading that repeats the title is the title's, not a section of its own."""
    first = doc.content[0] if doc.content else None
    if not isinstance(first, pf.Header) or doc.get_metadata(LAYOUT_KEY, default="file") != "file":
        return  # a folder of sections: the title is metadata.yaml's
    title = as_text(reader.fields.get("title"))
    if not title and first.level == 1:
        reader.fields["title"] = pf.MetaInlines(*first.content)
        warn(f"the title is the text's first heading, '{pf.stringify(first)}': the metadata has no title",
             *locate(doc, r"^#\s+" + re.escape(pf.stringify(first)[:30])), hint="write `title: …` to say so")
        del doc.content[0]
    elif title and pf.stringify(first).strip() == title:
        del doc.content[0]  # printed once, as the title


def abstract_headings() -> set[str]:
    """The headings authors give an abstract, in every pack's language (a paper in English
    may still open with "Özet")."""
    return {heading for code in LANGUAGE_CODES
            for heading in (term(code, "abstract").lower(), *term(code, "abstract_headings"))}


def abstract_heading(doc: pf.Doc, reader: Reader) -> None:
    """A text without an abstract in its metadata whose first heading is "Abstract" ("Özet",
    "Zusammenfassung"): what that heading holds (but a rule) is the abstract, as authors
    mean it, not a numbered first section; the next heading ends it."""
    headings = [index for index, block in enumerate(doc.content) if isinstance(block, pf.Header)]
    if reader.fields.get("abstract") is not None or not headings \
            or pf.stringify(doc.content[headings[0]]).strip().rstrip(":").lower() not in abstract_headings():
        return
    start, end = headings[0], headings[1] if len(headings) > 1 else len(doc.content)
    held = [block for block in doc.content[start + 1:end] if not isinstance(block, pf.HorizontalRule)]
    if held:
        reader.fields["abstract"] = pf.MetaBlocks(*held)
        del doc.content[start:end]


def keywords(reader: Reader) -> None:
    """JOSS's ``tags`` are the keywords; one line of them is split at its commas."""
    if "tags" in reader.fields:
        if "keywords" in reader.fields:
            reader.warn("tags", "'tags' is left out: 'keywords' says the same", "keep one of them")
            del reader.fields["tags"]
        else:
            reader.move("tags", "keywords")
    value = reader.fields.get("keywords")
    if isinstance(value, (pf.MetaInlines, pf.MetaString)) and "," in as_text(value):
        words = [word.strip() for word in as_text(value).split(",") if word.strip()]
        reader.fields["keywords"] = pf.MetaList(*(pf.MetaInlines(*text_to_inlines(w)) for w in words))


# pandoc-crossref's own words for the kinds it numbers: an author writes them before a
# reference ("[Figura @fig:x]" with figureTitle: Figura), and they are not printed twice.
CROSSREF_WORDS = {"figureTitle": "figure", "figPrefix": "figure", "tableTitle": "table", "tblPrefix": "table",
                  "eqnPrefix": "equation", "listingTitle": "listing", "lstPrefix": "listing",
                  "secPrefix": "section"}


def foreign_keys(reader: Reader, doc: pf.Doc) -> None:
    """Keys of other tools that this build does not use: left out, each with its reason;
    pandoc-crossref's words for its kinds kept on the document (``kind_words``)."""
    words: dict[str, set[str]] = {}
    for key in PROJECT_LAYOUT:
        reader.fields.pop(key, None)
    for key in list(reader.fields):
        if key in FOREIGN and key not in SCHEMA:
            if key in CROSSREF_WORDS:
                value = reader.fields[key]
                items = value.content if isinstance(value, pf.MetaList) else [value]
                words.setdefault(CROSSREF_WORDS[key], set()).update(
                    pf.stringify(item).strip() for item in items if pf.stringify(item).strip())
            reader.warn(key, f"'{key}' is left out: {FOREIGN[key]}")
            del reader.fields[key]
    doc.kind_words = words


# --- authors and affiliations ---------------------------------------------------------

def listed_affiliations(reader: Reader) -> dict[str, pf.MetaMap]:
    """The top-level ``affiliations`` by their ``index`` (JOSS) or ``id`` (Quarto),
    each as ``{name, ror}``; the list itself is taken out of the metadata."""
    value, written = reader.fields.pop("affiliations", None), "affiliations"
    if value is None and isinstance(reader.fields.get("affiliation"), pf.MetaList):  # rticles' and papaja's list
        value, written = reader.fields.pop("affiliation"), "affiliation"
    listed = reader.fields.get("address")  # rticles' Elsevier list: [{code: a, address: …}]
    if value is None and isinstance(listed, pf.MetaList) and listed.content \
            and all(isinstance(item, pf.MetaMap) and "code" in item.content.dict for item in listed.content):
        value, written = reader.fields.pop("address"), "address"
    if value is None:
        return {}
    items = list(value.content) if isinstance(value, pf.MetaList) else [value]
    table: dict[str, pf.MetaMap] = {}
    unlinked = []
    for position, item in enumerate(items):
        if not isinstance(item, pf.MetaMap):
            unlinked.append(position)
            continue
        key = as_text(next((item.content.dict[name] for name in AFFILIATION_IDS if name in item.content.dict), None))
        if key in table:  # the second would silently stand for the first
            reader.warn(f"{written}.{position}", f"affiliation '{key}' is listed twice: its second place is "
                        "left out", "give each affiliation an id of its own")
        elif key:
            table[key] = affiliation_map(item, f"{written}.{position}", reader.source)
        else:
            unlinked.append(position)
    reader.unlinked = unlinked  # reported once the authors are read
    return table


def affiliation_map(item, key: str, source: Source) -> pf.MetaMap:
    """An affiliation as this build holds it, ``{name, ror}``: Quarto's address parts
    after its name ("Dept. of X, University Y, City, Country")."""
    if not isinstance(item, pf.MetaMap):
        return pf.MetaMap(name=item)
    fields = dict(item.content.dict)
    for nested in ("info", "address"):  # Springer's: {info: {orgdiv, orgname}, address: {street, city, …}}
        if isinstance(fields.get(nested), pf.MetaMap):
            for name, value in fields.pop(nested).content.dict.items():
                fields.setdefault(SPRINGER_PARTS.get(name, name), value)
    parts = [fields[part] for part in ADDRESS_PARTS if part in fields and as_text(fields[part])]
    if not parts:
        return item  # no name: the metadata stage says so
    inlines: list[pf.Inline] = []
    for index, part in enumerate(parts):
        inlines += ([pf.Str(","), pf.Space()] if index else []) + inlines_of(part)
    result = pf.MetaMap(name=pf.MetaInlines(*inlines))
    if "ror" in fields:
        result["ror"] = pf.MetaString(ror_address(source.scalars.get(f"{key}.ror", as_text(fields["ror"]))))
    return result


def person_name(value) -> tuple[object, str | None]:
    """A name as Quarto or CSL writes it, ``{given, family}`` or ``{literal}``: the name
    printed, and the family name."""
    if not isinstance(value, pf.MetaMap):
        return value, None
    fields = value.content.dict
    if "literal" in fields:
        return fields["literal"], None
    parts = [fields[k] for k in ("given", "dropping-particle", "non-dropping-particle", "family", "suffix")
             if k in fields]
    inlines: list[pf.Inline] = []
    for part in parts:
        inlines += ([pf.Space()] if inlines else []) + inlines_of(part)
    return pf.MetaInlines(*inlines), as_text(fields["family"]) if "family" in fields else None


def author_affiliations(value, key: str, table: dict, reader: Reader) -> list | None:
    """An author's affiliations as maps: JOSS indices into the listed ones, Quarto's
    ``ref`` entries or maps, names."""
    if isinstance(value, pf.MetaBool) or value is None:
        return None
    items = list(value.content) if isinstance(value, pf.MetaList) else [value]
    found = []
    for position, item in enumerate(items):
        where = f"{key}.{position}" if isinstance(value, pf.MetaList) else key
        if isinstance(item, pf.MetaMap) and "ref" in item.content.dict:
            refs = [as_text(item.content.dict["ref"])]
        elif isinstance(item, pf.MetaMap):
            own = as_text(item.content.dict.get("id")) if "id" in item.content.dict else ""
            found.append(table[own] if own in table else affiliation_map(item, where, reader.source))
            continue
        else:
            written = reader.source.scalars.get(where, as_text(item))
            refs = affiliation_indices(written)
            codes = [part.strip() for part in re.split(r"[,;]", written) if part.strip()]
            if refs is None and codes and all(code in table for code in codes):  # rticles' codes: "a,b"
                refs = codes
            marks = [part.strip() for part in re.split(r"[,;]", written) if part.strip() in AFFILIATION_MARKS]
            if refs is not None and marks:
                reader.warn(where, f"the mark{'s' if len(marks) > 1 else ''} {', '.join(marks)} beside the "
                                   "affiliations are left out" if len(marks) > 1 else
                            f"the mark {marks[0]} beside the affiliations is left out",
                            "say `corresponding: true` for the corresponding author, `equal-contrib: true` for "
                            "an equal contribution")
            if refs is None:
                if table and ID_LIKE.fullmatch(written) and written not in table:  # "nope" among ids 1, 2
                    reader.warn(where, f"affiliation '{written}' is not in the list of affiliations: it is "
                                "printed as a name", suggestion(written, sorted(table),
                                                                 "give it as one of the listed ids"))
                found.append(pf.MetaMap(name=item))
                continue
        for ref in refs:
            if ref in table:
                found.append(table[ref])
            else:
                known = ", ".join(sorted(table)) or "none"
                error(f"affiliation '{ref}' is not in the list of affiliations", *reader.source.where(where),
                      hint=f"the listed ones are {known}; give each an `index` (JOSS) or `id` (Quarto)")
    return found


# A name in parts, in the order it is printed: JOSS's given-names and surname, rticles'
# firstname, particle, lastname and suffix.
GIVEN_NAMES = ("given-names", "firstname", "first-name", "given_name", "first_name")
PARTICLES = ("dropping-particle", "non-dropping-particle", "particle")
FAMILY_NAMES = ("lastname", "last-name", "last_name", "family_name")


def scholarly_metadata(reader: Reader) -> None:
    """pandoc's scholarly-metadata (lua-filters, pandoc-scholar): each author a map from
    the name to the fields (``- Jane Doe: {institute: [fosg], correspondence: yes}``),
    the institutes a list of one-key maps (``- fosg: {name, address}``, ``- fop: Name``),
    read as Quarto's authors with ``ref``s to listed affiliations."""
    institutes = reader.fields.get("institute")
    if isinstance(institutes, pf.MetaList) and "affiliations" not in reader.fields:
        listed = []
        for item in institutes.content:
            if isinstance(item, pf.MetaMap) and len(item.content.dict) == 1:
                (ref, value), = item.content.dict.items()
                fields = dict(value.content.dict) if isinstance(value, pf.MetaMap) else {"name": value}
                listed.append(pf.MetaMap(id=pf.MetaString(ref), **fields))
        if listed:
            reader.fields["affiliations"] = pf.MetaList(*listed)
            del reader.fields["institute"]
    given = reader.fields.get("author")
    if not isinstance(given, pf.MetaList):
        return
    for position, item in enumerate(given.content):
        named = item.content.dict if isinstance(item, pf.MetaMap) else {}
        if len(named) != 1 or not isinstance(next(iter(named.values())), pf.MetaMap):
            continue
        (name, value), = named.items()
        fields = dict(value.content.dict)
        if "institute" in fields:
            refs = fields.pop("institute")
            refs = list(refs.content) if isinstance(refs, pf.MetaList) else [refs]
            fields["affiliations"] = pf.MetaList(*(pf.MetaMap(ref=pf.MetaString(as_text(ref))) for ref in refs))
        for theirs, ours in (("correspondence", "corresponding"), ("equal_contributor", "equal-contrib")):
            if theirs in fields:  # YAML's yes is pandoc's true already; a word says it too
                said = fields.pop(theirs)
                fields[ours] = said if isinstance(said, pf.MetaBool) else \
                    pf.MetaBool(as_text(said).strip().lower() in ("yes", "true"))
        given.content[position] = pf.MetaMap(name=pf.MetaInlines(*text_to_inlines(name)), **fields)


# A name's affiliation marks as R Markdown writes them: Ann Lee^1,2^
MARKS = re.compile(r"\^([^^]+)\^")
# Where one line of names parts: a comma, "and" (a serial comma before it too)
NAME_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")


def marked_text(inlines) -> str:
    """Inlines as text, each superscript written ``^x^`` (as the author typed it)."""
    return "".join(f"^{pf.stringify(i)}^" if isinstance(i, pf.Superscript) else pf.stringify(i) for i in inlines)


def names_in_one_line(line: str) -> list[tuple[str, list[str]]] | None:
    """The authors one line of names holds, each with its affiliation marks; None for
    one author's name: a list's parts are two words or more ("Lee, Ann" is one name),
    and it has marks or an "and" ("Jane Doe, Harvard University" is a name and a place).

    >>> names_in_one_line("Ann Lee^1^, Bo Chen^1,2^ and Cy Diaz^2^")
    [('Ann Lee', ['1']), ('Bo Chen', ['1', '2']), ('Cy Diaz', ['2'])]
    >>> names_in_one_line("Lee, Ann"), names_in_one_line("Jane Doe, Harvard University")
    (None, None)
    """
    if not MARKS.search(line) and not re.search(r"\s(?:and|&)\s", line):
        return None
    masked = MARKS.sub(lambda marks: marks.group(0).replace(",", "\0"), line.strip())  # ^1,2^ is one mark
    parts = [part.replace("\0", ",") for part in NAME_SEPARATOR.split(masked) if part]
    if len(parts) < 2 or any(len(MARKS.sub("", part).split()) < 2 for part in parts):
        return None
    return [(MARKS.sub("", part).strip(), [mark.strip() for marks in MARKS.findall(part)
                                           for mark in marks.split(",") if mark.strip()]) for part in parts]


def names_with_marks(reader: Reader, key: str) -> None:
    """R Markdown's authors as lines of text (``names_in_one_line``, and ``^1^ Name``
    lines naming the affiliations), read as one author map each."""
    given = reader.fields[key]
    items = list(given.content) if isinstance(given, pf.MetaList) else [given]
    if any(isinstance(item, pf.MetaMap) for item in items):
        return
    blocks = list(given.content) if isinstance(given, pf.MetaBlocks) else []
    if len(blocks) == 1 and isinstance(blocks[0], pf.LineBlock):  # author: | Ann Lee^1^ … (a line block)
        items = [pf.MetaInlines(*line.content) for line in blocks[0].content]
    lines = [marked_text(inlines_of(item)) for item in items]
    # "^1^ University A", or several on one line: "^1^ University A ^2^ University B"
    affiliations = {mark.strip(): place.strip() for line in lines if re.match(r"\s*\^", line)
                    for mark, place in re.findall(r"\^([^^]+)\^([^^]*)", line)}
    authors = []
    for line in lines:
        if re.match(r"\s*\^", line):
            continue
        names = names_in_one_line(line) or [(MARKS.sub("", line).strip(), MARKS.findall(line))]
        for name, marks in names:
            named = [affiliations[mark] for mark in marks if mark in affiliations]
            authors.append(pf.MetaMap(name=pf.MetaString(name), **(
                {"affiliation": pf.MetaList(*map(pf.MetaString, named))} if named else {})))
    if len(authors) != len(items) or affiliations:
        reader.fields[key] = pf.MetaList(*authors)


def read_authors(reader: Reader) -> None:
    """Every author as a map of this build's fields (``authors``)."""
    table = listed_affiliations(reader)
    key = "authors" if "authors" in reader.fields else "author" if "author" in reader.fields else None
    if key is not None:
        names_with_marks(reader, key)
    if key is None:
        if table:
            reader.warn("affiliations", "the affiliations are left out: the metadata has no authors")
        return
    given = reader.fields[key]
    items = list(given.content) if isinstance(given, pf.MetaList) else [given]
    defined_by_authors(items, key, isinstance(given, pf.MetaList), table, reader)
    used = set()
    for position, item in enumerate(items):
        where = f"{key}.{position}" if isinstance(given, pf.MetaList) else key
        if not isinstance(item, pf.MetaMap):
            continue
        fields = item.content.dict
        if "name" in fields:
            fields["name"], family = person_name(fields["name"])
            if family and "surname" not in fields:
                fields["surname"] = pf.MetaString(family)
            elif "surname" in fields and as_text(fields["surname"]) not in as_text(fields["name"]):
                # rticles' IMS template: `name` is the given name, `surname` the rest
                fields["name"] = pf.MetaInlines(*inlines_of(fields["name"]), pf.Space(),
                                                *inlines_of(fields["surname"]))
        elif set(fields) & {*GIVEN_NAMES, *FAMILY_NAMES, "surname"}:  # a name in parts (JOSS's, rticles')
            for family in FAMILY_NAMES:
                if family in fields:
                    fields.setdefault("surname", fields.pop(family))
            parts = [fields.pop(k) for k in (*GIVEN_NAMES, *PARTICLES) if k in fields]
            parts += [fields["surname"]] if "surname" in fields else []
            parts += [fields.pop("suffix")] if "suffix" in fields else []
            fields["name"] = pf.MetaInlines(*[i for n, p in enumerate(parts)
                                              for i in ([pf.Space()] if n else []) + inlines_of(p)])
        attributes = fields.pop("attributes", None)
        if isinstance(attributes, pf.MetaMap):
            for name, value in attributes.content.dict.items():
                fields.setdefault(name, value)
        for name in ("equal-contributor", "equal_contrib", "equal_contribution"):
            if name in fields:  # Springer's says it in words: "These authors contributed equally"
                value = fields.pop(name)
                fields.setdefault("equal-contrib", value if isinstance(value, pf.MetaBool) else
                                  pf.MetaBool(bool(as_text(value).strip())))
        if "role" in fields and "roles" not in fields:
            fields["roles"] = fields.pop("role")
        if "roles" in fields:
            fields["roles"] = role_names(fields["roles"])
        for name in AUTHOR_AFFILIATIONS:
            if name in fields:
                found = author_affiliations(fields.pop(name), f"{where}.{name}", table, reader)
                if found:
                    used.update(map(id, found))
                    fields["affiliation"] = pf.MetaList(*found)
    if key == "author":
        reader.move("author", "authors")
    unused = [ref for ref, entry in table.items() if id(entry) not in used]
    for position in reader.unlinked + ([None] if unused else []):
        where = f"affiliations.{position}" if position is not None else "affiliations"
        what = f"affiliation {', '.join(unused)}" if position is None else "this affiliation"
        reader.warn(where, f"{what} is left out: no author names it",
                    "give it an `index` and name it in the author's `affiliation` (JOSS), or give it an "
                    "`id` and name it with `ref` (Quarto)")


def defined_by_authors(items: list, key: str, listed: bool, table: dict, reader: Reader) -> None:
    """Quarto's affiliations given whole under an author with an ``id``, which another
    author names with ``ref`` (before or after it): each into ``table``, shared."""
    for position, item in enumerate(items):
        fields = item.content.dict if isinstance(item, pf.MetaMap) else {}
        for name in ("affiliations", "affiliation"):
            value = fields.get(name)
            entries = list(value.content) if isinstance(value, pf.MetaList) else [value]
            for index, entry in enumerate(entries):
                if isinstance(entry, pf.MetaMap) and "id" in entry.content.dict and "ref" not in entry.content.dict:
                    where = f"{key}.{position}.{name}" if listed else f"{key}.{name}"
                    where += f".{index}" if isinstance(value, pf.MetaList) else ""
                    table.setdefault(as_text(entry.content.dict["id"]), affiliation_map(entry, where, reader.source))


def role_names(value) -> pf.MetaList:
    """Quarto's roles, names or ``{role: …}`` maps, as a list of names."""
    items = list(value.content) if isinstance(value, pf.MetaList) else [value]
    names = []
    for item in items:
        if isinstance(item, pf.MetaMap):
            names += [pf.MetaString(key) for key in item.content.dict]
        else:
            names.append(item)
    return pf.MetaList(*names)


# --- Quarto's publication fields -----------------------------------------------------------

def citation(reader: Reader) -> None:
    """Quarto's ``citation:`` as the journal line, the DOI and the address."""
    value = reader.fields.get("citation")
    if not isinstance(value, pf.MetaMap):
        if value is not None:
            reader.warn("citation", "'citation' is left out: the editions make their own 'cite as' line")
            del reader.fields["citation"]
        return
    fields = value.content.dict
    journal = pf.MetaMap()
    for ours, theirs in (("name", "container-title"), ("volume", "volume"), ("issue", "issue"),
                         ("pages", "page")):
        if theirs in fields:
            journal[ours] = fields.pop(theirs)
            reader.source.places[f"journal.{ours}"] = reader.source.where(f"citation.{theirs}")
    if journal.content.dict and "journal" not in reader.fields:
        reader.fields["journal"] = journal
    for name in ("doi", "url"):
        if name in fields and name not in reader.fields:
            reader.fields[name] = fields.pop(name)
            reader.source.places[name] = reader.source.where(f"citation.{name}")
            reader.source.scalars[name] = reader.source.scalars.get(f"citation.{name}", as_text(reader.fields[name]))
    if fields:
        reader.warn("citation", f"'citation' fields left out: {', '.join(fields)}",
                    "the journal line takes container-title, volume, issue, page, doi and url")
    del reader.fields["citation"]


def license_and_copyright(reader: Reader) -> None:
    """Quarto's ``license: {text, url}`` and ``copyright: {holder, year}`` as one line each."""
    licence = reader.fields.get("license")
    if isinstance(licence, pf.MetaMap):
        fields = licence.content.dict
        chosen = fields.get("url") or fields.get("text") or fields.get("type")
        reader.fields["license"] = pf.MetaString(as_text(chosen)) if chosen else licence
    copyright_ = reader.fields.get("copyright")
    if isinstance(copyright_, pf.MetaMap):
        fields = copyright_.content.dict
        statement = fields.get("statement")
        text = as_text(statement) if statement else " ".join(
            as_text(fields[k]) for k in ("year", "holder") if k in fields)
        reader.fields["copyright"] = pf.MetaString(f"© {text}" if not statement else text)


def thanks(reader: Reader) -> None:
    """LaTeX's and Quarto's ``thanks`` (a note on the title: a grant, a colleague's help) and
    papaja's ``authornote`` (APA's author note: funding, disclosures, correspondence) read
    as the acknowledgements, after the ones the author wrote under that key."""
    for key in ("thanks", "authornote"):
        if reader.fields.get(key) is None:
            continue
        if "acknowledgements" not in reader.fields:
            reader.move(key, "acknowledgements")
            continue
        reader.fields["acknowledgements"] = pf.MetaBlocks(
            *[block for value in (reader.fields["acknowledgements"], reader.fields.pop(key))
              for block in (value.content if isinstance(value, pf.MetaBlocks) else [pf.Para(*inlines_of(value))])])


def masked(reader: Reader) -> None:
    """papaja's ``mask: yes`` (a copy for blind review): the DOCX edition's, which leaves out
    what names the authors (``docx: {review: true}``); the others name them, which a warning
    says."""
    value = reader.fields.pop("mask", None)
    if not (isinstance(value, pf.MetaBool) and value.boolean or as_text(value).lower() in ("yes", "true")):
        return
    if "docx" not in reader.fields:
        reader.fields["docx"] = pf.MetaMap(review=pf.MetaBool(True))
    reader.warn("mask", "'mask' is read as docx: {review: true}: the docx edition is the copy for blind review "
                "(no authors, affiliations, acknowledgements); the other editions name the authors",
                "build the docx edition for the reviewers: python build.py docx")


def dated(reader: Reader, doc: pf.Doc) -> None:
    """Quarto's ``date: today`` and ``last-modified``, R Markdown's `` `r Sys.Date()` ``:
    reproducibly, SOURCE_DATE_EPOCH when it is set, else the newest of the manuscript's files."""
    for key in ("date", "published"):
        value = reader.source.scalars.get(key, as_text(reader.fields.get(key)) if key in reader.fields else "")
        if value.strip() in ("today", "last-modified", "now") or R_TODAY.fullmatch(value.strip()):
            reader.fields[key] = pf.MetaString(build_day(doc).isoformat())
            reader.source.scalars[key] = reader.fields[key].text


def build_day(doc: pf.Doc) -> datetime.date:
    """SOURCE_DATE_EPOCH's day, else the day of the newest manuscript file (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdecimal():
        files = [Path(name) for name in source_files(doc) + metadata_files(doc)]
        epoch = max((int(path.stat().st_mtime) for path in files if path.is_file()), default=0)
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()


def read_dialects(doc: pf.Doc, source: Source) -> None:
    """The document's metadata read into this build's fields, in place."""
    reader = Reader(doc.metadata, source)
    capitalised_keys(reader)
    formatted_and_plain(reader)
    line_block_titles(reader)
    title_heading(doc, reader)
    abstract_heading(doc, reader)
    keywords(reader)
    scholarly_metadata(reader)
    read_authors(reader)
    citation(reader)
    license_and_copyright(reader)
    thanks(reader)
    masked(reader)
    dated(reader, doc)
    foreign_keys(reader, doc)
