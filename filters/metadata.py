"""The article's metadata: every key known, checked and normalised once, for every
edition. The schema below is the one list of keys (the README's table follows it).

- An unknown key is a warning with a suggestion (``recieved`` → ``received``) and is
  dropped, so that nothing pandoc would act on (``css``, ``cover-image``) gets through.
- Identifiers (``doi``, ``orcid``, ``url``, dates…) are taken as written in the YAML,
  never read as Markdown (``--`` stays ``--``); ``lang`` must be a BCP 47 tag, a date
  a date, an ORCID an ORCID.
- Markdown formatting in text fields survives; raw HTML, LaTeX or Typst, images and
  links with unsafe schemes do not (they become text).
- ``author:`` (pandoc's key) is read like ``authors:``; shared affiliations are
  numbered once; the license, the history dates, the journal line and the "cite as"
  line are composed here, as inlines, so that every edition prints the same text.

>>> bcp47("tr-TR"), bcp47("tr_TR")
(True, False)
>>> license_of("CC-BY-NC-4.0"), license_of("CC BY 4.0")[1]
(('CC BY-NC 4.0', 'https://creativecommons.org/licenses/by-nc/4.0/'), 'https://creativecommons.org/licenses/by/4.0/')
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

if __package__ in (None, ""):  # run by pandoc as a script: make `filters` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "filters"

import panflute as pf

from filters.dates import DateError, format_long, parse_iso
from filters.diagnostics import display_path, error, run_filter_main, suggestion, warn
from filters.language import base_language, term
from filters.markup import page_range, scheme_of, text_to_inlines, unsafe_url
from filters.names import BUILD_KEYS, INTERNAL_KEYS, METADATA_FILE_KEY
from filters.options import DEFAULTS as OPTION_DEFAULTS

# --- the schema ----------------------------------------------------------------------

@dataclass(frozen=True)
class Key:
    """One metadata key: what it holds (for the README) and how it is checked.
    ``check``: "text" (Markdown), "id" (taken as written), "lang", "date", "orcid",
    "doi", "email", "url", "bool", "list" (of text; one text is a list of one),
    "credit" (CRediT roles), "map", "text-or-map" (a statement, or the map's fields),
    "affiliations" (a name or a list of names and ``{name, ror}``), "options" (``false``,
    or the map of a stage's options), "raw" (the author's own markup, kept: only
    ``header-includes``)."""
    summary: str
    check: str = "text"
    fields: dict = field(default_factory=dict)   # of a map (or of each item of a list of maps)
    many: bool = False                           # a list of maps


PERSON = {
    "name": Key("the author's name as printed", "text"),
    "affiliation": Key("an institution, or a list of them (shared ones are numbered once)",
                       "affiliations", {"name": Key("the institution"), "ror": Key("its ROR id", "url")}),
    "orcid": Key("ORCID iD, e.g. 0000-0002-1825-0097", "orcid"),
    "email": Key("e-mail address", "email"),
    "corresponding": Key("true for the corresponding author", "bool"),
    "roles": Key("CRediT roles, e.g. [conceptualization, writing-original-draft]", "credit"),
    "ror": Key("ROR id of the affiliation, e.g. https://ror.org/03a5qrr21", "url"),
    "surname": Key("the family name, when it is not the name's last word (JATS, Crossref)"),
}
SCHEMA: dict[str, Key] = {
    "lang": Key("language of the text, a BCP 47 tag: tr, en, tr-TR", "lang"),
    "title": Key("the title (required)"),
    "subtitle": Key("the subtitle"),
    "short-title": Key("the running head's title"),
    "abstract": Key("the abstract"),
    "keywords": Key("keywords, a list", "list"),
    "translation": Key("the title, abstract and keywords in the other language", "map", {
        "lang": Key("its language", "lang"), "title": Key("translated title"),
        "subtitle": Key("translated subtitle"), "abstract": Key("translated abstract"),
        "keywords": Key("translated keywords", "list")}),
    "authors": Key("the authors, each a map", "map", PERSON, many=True),
    "author": Key("pandoc's key: read like `authors` (names, or maps)", "any"),
    "journal": Key("the journal", "map", {
        "name": Key("journal name"), "volume": Key("volume", "id"), "issue": Key("issue", "id"),
        "pages": Key("pages, e.g. 45-67", "id"), "issn": Key("print ISSN", "id"),
        "eissn": Key("electronic ISSN", "id"), "publisher": Key("publisher"),
        "abbreviation": Key("the journal's ISO 4 abbreviation (JATS, Crossref)"),
        "url": Key("the journal's web site", "url")}),
    "doi": Key("the article's DOI, e.g. 10.1234/abc.2021.5", "doi"),
    "url": Key("the article's landing page", "url"),
    "date": Key("publication year or date (YYYY, YYYY-MM or YYYY-MM-DD)", "date"),
    "received": Key("date received (YYYY-MM-DD)", "date"),
    "revised": Key("date revised (YYYY-MM-DD)", "date"),
    "accepted": Key("date accepted (YYYY-MM-DD)", "date"),
    "published": Key("date published online (YYYY-MM-DD)", "date"),
    "license": Key("license: an SPDX id (CC-BY-4.0, CC-BY-NC-4.0, CC0-1.0…) or a URL", "id"),
    "copyright": Key("copyright holder line, e.g. © 2021 The Authors"),
    "acknowledgements": Key("acknowledgements (back matter)"),
    "funding": Key("funding statement (back matter)"),
    "conflict-of-interest": Key("conflict of interest statement (back matter)"),
    "data-availability": Key("data availability statement (back matter)"),
    "ethics": Key("ethics approval: a statement, or {board, date, number}", "text-or-map", {
        "board": Key("the approving board"), "date": Key("the approval's date", "date"),
        "number": Key("the approval's number", "id")}),
    "author-contributions": Key("author contributions statement (or each author's `roles`)"),
    "slug": Key("output file names: letters, digits and -", "id"),
    "bibliography": Key("the .bib files, relative to manuscript/ (default: bibliography/*.bib)", "any"),
    "nocite": Key('works listed without being cited: "@key1, @key2" or "@*"', "any"),
    "bibliography-title": Key("the reference list's title (default: Kaynakça / References)"),
    "csl": Key("a CSL style by name (apa, isnad-metinici…) or a .csl file of the project", "id"),
    "chronology": Key("the chronology appendix: false, or options (below)", "options", {
        name: Key(f"default {default}", "bool" if isinstance(default, bool) else "text")
        for name, default in OPTION_DEFAULTS["chronology"].items() if name != "enabled"}),
    "docx": Key("the DOCX edition's options", "options", {
        name: Key(f"default {default}", "bool") for name, default in OPTION_DEFAULTS["docx"].items()}),
    "crossref": Key("who deposits the DOI with Crossref (the crossref edition)", "map", {
        "depositor": Key("the depositor's name"), "email": Key("the depositor's e-mail", "email"),
        "registrant": Key("the organisation that registers the DOI")}),
    "header-includes": Key("raw markup for the editions' preambles (refused with --untrusted)", "raw"),
}
# Keys the build writes for its own use: known, not checked here.
KNOWN = set(SCHEMA) | INTERNAL_KEYS
IDENTIFIER_CHECKS = {"id", "lang", "date", "orcid", "doi", "email", "url"}


def bcp47(tag: str) -> bool:
    """A language tag as BCP 47 writes it: ``tr``, ``en-GB``, ``sr-Latn-RS``."""
    return bool(re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", tag))


def orcid_valid(value: str) -> bool:
    """Four groups of four digits, the last character an ISO 7064 11-2 check digit.

    >>> orcid_valid("0000-0002-1825-0097"), orcid_valid("0000-0002-1825-0098")
    (True, False)
    """
    if not re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", value):
        return False
    total = 0
    for digit in value.replace("-", "")[:-1]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    return value[-1] == ("X" if check == 10 else str(check))


def credit_key(role) -> str:
    """A CRediT role as the taxonomy names it, however it was written.

    >>> credit_key("Writing – review & editing"), credit_key("Data Curation")
    ('writing-review-editing', 'data-curation')
    """
    words = re.findall(r"[a-z]+", str(role).lower())
    return "-".join(words)


def credit_role(role) -> str | None:
    """The CRediT key of a role as written, or None if the taxonomy has no such role
    (the JATS edition tags each author's roles with these keys).

    >>> credit_role("Writing – review & editing"), credit_role("data-curation"), credit_role("x")
    ('writing-review-editing', 'data-curation', None)
    """
    key = credit_key(role)
    return key if key in term("en", "credit") else None


def license_of(value: str) -> tuple[str, str | None]:
    """An SPDX id's name and URL (Creative Commons), or the value itself."""
    match = re.fullmatch(r"CC[-\s](BY(?:[-\s]NC)?(?:[-\s]SA|[-\s]ND)?)[-\s](\d\.\d)", value.strip(), re.I)
    if match:
        parts, version = re.sub(r"\s", "-", match.group(1).upper()), match.group(2)
        return (f"CC {parts} {version}",
                f"https://creativecommons.org/licenses/{parts.lower()}/{version}/")
    if re.fullmatch(r"CC0-1\.0", value.strip(), re.I):
        return "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"
    if urlparse(value).scheme in ("http", "https"):
        return value, value
    return value, None


# --- the YAML as written ------------------------------------------------------------------

@dataclass
class Source:
    """metadata.yaml as composed by PyYAML: the line of every key and the text of
    every scalar as written (pandoc reads values as Markdown: `--` would become –)."""
    path: str | None = None
    lines: dict[str, int] = field(default_factory=dict)
    scalars: dict[str, str] = field(default_factory=dict)

    def line(self, path: str) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path.rpartition(".")[0]
        return None


def read_source(name: str | None) -> Source:
    """metadata.yaml's lines and scalars, composed once per version of the file (the
    metadata stage and the editions that name missing fields read it)."""
    if not name or not Path(name).is_file():
        return Source(display_path(name) if name else None)
    status = Path(name).stat()
    return composed(name, status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=8)
def composed(name: str, mtime_ns: int, size: int) -> Source:
    import yaml

    source = Source(display_path(name))
    try:
        node = yaml.compose(Path(name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return source  # pandoc read it: an odd file still has its values, without lines

    def visit(node, path: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = f"{path}.{key.value}" if path else str(key.value)
                source.lines[child] = key.start_mark.line + 1
                visit(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                child = f"{path}.{index}"
                source.lines[child] = value.start_mark.line + 1
                visit(value, child)
        elif isinstance(node, yaml.ScalarNode):
            source.scalars[path] = node.value

    if node is not None:
        visit(node, "")
    return source


def metadata_line(doc, key: str) -> tuple[str | None, int | None]:
    """Where metadata.yaml sets a dotted key (``journal.issn``, ``bibliography.1``), for
    a message: (file, line); the file alone when the key is not written there."""
    source = read_source(doc.get_metadata(METADATA_FILE_KEY, default=None) if doc else None)
    return source.path, source.line(key)


# --- checking ----------------------------------------------------------------------

@dataclass
class Checker:
    source: Source

    def error(self, path: str, message: str, hint: str | None = None) -> None:
        error(message, self.source.path, self.source.line(path), hint)

    def warn(self, path: str, message: str, hint: str | None = None) -> None:
        warn(message, self.source.path, self.source.line(path), hint)


def as_text(value) -> str:
    return value if isinstance(value, str) else pf.stringify(value).strip() if value is not None else ""


def raw_value(meta, path: str, source: Source) -> str:
    """An identifier's text as the YAML wrote it (else as pandoc read it)."""
    if path in source.scalars:
        return source.scalars[path].strip()
    if isinstance(meta, pf.MetaBool):
        return str(meta.boolean).lower()
    return pf.stringify(meta).strip()


def check_identifier(meta, path: str, check: str, source: Source, checker: Checker):
    """The identifier as a MetaString, or None (reported) when it is not valid."""
    text = raw_value(meta, path, source)
    if check == "lang" and not bcp47(text):
        checker.error(path, f"'{text}' is not a language tag", "write a BCP 47 tag: tr, en, tr-TR")
        return None
    if check == "date":
        try:
            parse_iso(text)
        except DateError as problem:
            shaped = re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text.strip())  # 2023-02-30
            checker.error(path, f"'{text}' is not a date" + (f": {problem}" if shaped else ""),
                          "check the month and the day" if shaped else "write YYYY-MM-DD (or YYYY-MM, YYYY)")
            return None
    if check == "orcid" and not orcid_valid(text.removeprefix("https://orcid.org/")):
        shaped = re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", text.removeprefix("https://orcid.org/"))
        checker.error(path, f"'{text}' is not an ORCID iD",
                      "its check digit does not match: copy it from orcid.org" if shaped else
                      "write its 16 characters in groups of four, e.g. 0000-0002-1825-0097")
        return None
    if check == "orcid":
        text = text.removeprefix("https://orcid.org/")
    if check == "doi":
        text = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", text, flags=re.I)
        if not re.fullmatch(r"10\.\d{4,9}/\S+", text):
            checker.error(path, f"'{text}' is not a DOI", "write it as 10.xxxx/…")
            return None
    if check == "email" and not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", text):
        checker.error(path, f"'{text}' is not an e-mail address")
        return None
    if check == "url" and urlparse(text).scheme not in ("http", "https"):
        checker.error(path, f"'{text}' is not a web address", "write it with https://")
        return None
    return pf.MetaString(text)


def check_roles(meta, path: str, source: Source, checker: Checker) -> None:
    """Each CRediT role known to the taxonomy (https://credit.niso.org)."""
    roles = term("en", "credit")
    items = list(meta.content) if isinstance(meta, pf.MetaList) else [meta]
    for index, item in enumerate(items):
        written = pf.stringify(item).strip()
        if credit_key(written) not in roles:
            checker.warn(f"{path}.{index}", f"unknown CRediT role '{written}'",
                         suggestion(credit_key(written), roles, "see https://credit.niso.org"))


def unknown(key: str, known, path: str, checker: Checker) -> None:
    checker.warn(path, f"unknown metadata key '{path}'",
                 suggestion(key, known, "it is left out; see the README's metadata table"))


def defused(meta, path: str, checker: Checker):
    """Text fields keep Markdown formatting; raw markup, images and unsafe links
    become text (a metadata value can neither inject markup nor load a file)."""
    def fix(element):
        if isinstance(element, pf.RawInline):
            checker.warn(path, f"raw {element.format} in '{path}' is printed as text")
            return pf.Span(*text_to_inlines(" ".join(element.text.split())))
        if isinstance(element, pf.RawBlock):
            checker.warn(path, f"raw {element.format} in '{path}' is printed as text")
            return pf.Plain(*text_to_inlines(" ".join(element.text.split())))
        if isinstance(element, pf.Image):
            checker.warn(path, f"an image in '{path}' is left out (only its text is kept)")
            return pf.Span(*element.content)
        if isinstance(element, pf.Link) and unsafe_url(element.url):
            checker.warn(path, f"a {scheme_of(element.url)}: link in '{path}' is left out")
            return pf.Span(*element.content)
        return None
    return meta.walk(lambda element, doc: fix(element)) if isinstance(
        meta, (pf.MetaInlines, pf.MetaBlocks, pf.MetaList, pf.MetaMap)) else meta


SHAPES = {pf.MetaList: "a list", pf.MetaMap: "a map", pf.MetaBool: "true or false"}


def shape_error(meta, path: str, wanted: str, checker: Checker) -> None:
    checker.error(path, f"'{path}' must be {wanted}, not {SHAPES.get(type(meta), 'that')}",
                  "see the README's metadata table")


def check_text(meta, path: str, checker: Checker):
    """Text (Markdown): formatting kept, markup defused; a list or a map is an error."""
    if isinstance(meta, (pf.MetaList, pf.MetaMap)):
        shape_error(meta, path, "text", checker)
        return None
    if isinstance(meta, pf.MetaBool):
        return pf.MetaString(str(meta.boolean).lower())
    return defused(meta, path, checker)


def check_bool(meta, path: str, source: Source, checker: Checker):
    """``true``/``false`` (also yes/no, 1/0, as people write them)."""
    if isinstance(meta, pf.MetaBool):
        return meta
    written = raw_value(meta, path, source).lower()
    if isinstance(meta, (pf.MetaList, pf.MetaMap)) or written not in BOOLEANS:
        checker.error(path, f"'{path}' must be true or false", "write true or false")
        return None
    return pf.MetaBool(BOOLEANS[written])


BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def check_value(meta, path: str, key: Key, source: Source, checker: Checker):
    """The checked value (None: left out, reported)."""
    if key.check in IDENTIFIER_CHECKS:
        if isinstance(meta, (pf.MetaList, pf.MetaMap)):
            shape_error(meta, path, "one value", checker)
            return None
        return check_identifier(meta, path, key.check, source, checker)
    if key.check == "raw":
        return meta
    if key.check == "bool":
        return check_bool(meta, path, source, checker)
    if key.check in ("list", "credit"):
        items = list(meta.content) if isinstance(meta, pf.MetaList) else [meta]
        checked = [check_text(item, f"{path}.{index}", checker) for index, item in enumerate(items)]
        if key.check == "credit":
            check_roles(meta, path, source, checker)
        return pf.MetaList(*(item for item in checked if item is not None))
    if key.check == "affiliations":
        items = list(meta.content) if isinstance(meta, pf.MetaList) else [meta]
        checked = []
        for index, item in enumerate(items):
            if isinstance(item, pf.MetaMap) and "name" not in item.content.dict:
                checker.error(f"{path}.{index}", f"'{path}.{index}' has no name", "write {name: …, ror: …}")
                continue
            checked.append(check_map(item, f"{path}.{index}", key.fields, source, checker)
                           if isinstance(item, pf.MetaMap) else check_text(item, f"{path}.{index}", checker))
        return pf.MetaList(*(item for item in checked if item is not None))
    if key.check == "text-or-map":
        return (check_map(meta, path, key.fields, source, checker) if isinstance(meta, pf.MetaMap)
                else check_text(meta, path, checker))
    if key.check == "options":
        return meta if isinstance(meta, pf.MetaBool) else check_map(meta, path, key.fields, source, checker)
    if key.check == "map" and key.fields:
        items = list(meta.content) if key.many and isinstance(meta, pf.MetaList) else [meta]
        if key.many and not isinstance(meta, pf.MetaList):
            shape_error(meta, path, "a list of maps", checker)
            return None
        checked = [check_map(item, f"{path}.{i}" if key.many else path, key.fields, source, checker)
                   for i, item in enumerate(items)]
        return pf.MetaList(*checked) if key.many else checked[0]
    return check_text(meta, path, checker)


def check_map(meta, path: str, fields: dict[str, Key], source: Source, checker: Checker):
    if not isinstance(meta, pf.MetaMap):
        checker.error(path, f"'{path}' must be a map of names to values",
                      "see the README's metadata table")
        return pf.MetaMap()
    result = pf.MetaMap()
    for name, value in meta.content.dict.items():
        child = f"{path}.{name}"
        if name not in fields:
            unknown(name, fields, child, checker)
            continue
        checked = check_value(value, child, fields[name], source, checker)
        if checked is not None:
            result[name] = checked
    return result


# --- authors and affiliations --------------------------------------------------------------

def authors_of(meta: pf.MetaMap, source: Source, checker: Checker) -> pf.MetaList | None:
    """``authors`` (or pandoc's ``author``: names or maps), each a checked map."""
    given = meta.content.dict.get("authors")
    path = "authors"
    if given is None and "author" in meta.content.dict:
        given, path = meta.content.dict["author"], "author"
    if given is None:
        return None
    items = list(given.content) if isinstance(given, pf.MetaList) else [given]
    maps = []
    for index, item in enumerate(items):
        if not isinstance(item, pf.MetaMap):  # a name
            item = pf.MetaMap(name=item)
        maps.append(check_map(item, f"{path}.{index}", PERSON, source, checker))
    return pf.MetaList(*maps)


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


# --- composed lines, the same in every edition ---------------------------------------------

def inlines_of(meta) -> list[pf.Inline]:
    if isinstance(meta, pf.MetaInlines):
        return list(meta.content)
    if isinstance(meta, pf.MetaBlocks):
        return [i for block in meta.content for i in getattr(block, "content", [])]
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


def journal_inlines(journal: pf.MetaMap) -> list[pf.Inline]:
    """*Journal*, 12(3), 45–67."""
    fields = journal.content.dict
    if "name" not in fields:
        return []
    inlines: list[pf.Inline] = [pf.Emph(*inlines_of(fields["name"]))]
    volume, issue, pages = (as_text(fields.get(k)) for k in ("volume", "issue", "pages"))
    if volume:
        inlines += [pf.Str(","), pf.Space(), pf.Str(volume + (f"({issue})" if issue else ""))]
    elif issue:
        inlines += [pf.Str(","), pf.Space(), pf.Str(f"({issue})")]
    if pages:
        inlines += [pf.Str(","), pf.Space(), pf.Str("–".join(filter(None, page_range(pages))))]
    return inlines


def cite_as(meta: pf.MetaMap, lang: str) -> pf.MetaInlines:
    """Authors (Year). Title. *Journal*, 12(3), 45–67. https://doi.org/… — only
    what the metadata has: no empty brackets when the date is missing."""
    fields = meta.content.dict
    authors = list(fields["authors"].content) if "authors" in fields else []
    year = as_text(fields.get("date"))[:4]
    title = inlines_of(fields.get("title", pf.MetaString("")))
    inlines: list[pf.Inline] = []
    if authors:
        inlines += names_joined(authors, lang)
        inlines += [pf.Space(), pf.Str(f"({year}).")] if year else [pf.Str(".")]
        inlines += [pf.Space(), *title, pf.Str(".")]
    else:
        inlines += [*title, pf.Str(".")] + ([pf.Space(), pf.Str(f"({year}).")] if year else [])
    journal = journal_inlines(fields["journal"]) if "journal" in fields else []
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


# --- the stage ----------------------------------------------------------------------------

def check_metadata(doc: pf.Doc) -> None:
    meta = doc.metadata
    source = read_source(doc.get_metadata(METADATA_FILE_KEY, default=None))
    checker = Checker(source)
    authors = authors_of(meta, source, checker)
    for name in list(meta.content.dict):
        if name in BUILD_KEYS or name in ("author", "authors"):
            continue
        if name not in SCHEMA:
            unknown(name, KNOWN, name, checker)
            del meta.content.dict[name]
            continue
        checked = check_value(meta.content.dict[name], name, SCHEMA[name], source, checker)
        if checked is None:
            del meta.content.dict[name]
        else:
            meta[name] = checked
    meta.content.dict.pop("author", None)
    lang = base_language(doc.get_metadata("lang", default=None))
    if "title" not in meta.content.dict or not as_text(meta.content.dict["title"]):
        error("the article has no title", source.path, None,
              "add `title: …` to manuscript/metadata.yaml")
    if authors is not None:
        meta["authors"] = authors
        meta["affiliations"] = number_affiliations(authors)
    if "license" in meta.content.dict:
        meta["license"] = license_map(as_text(meta.content.dict["license"]))
    meta["history"] = history(meta, lang)
    meta["cite-as"] = cite_as(meta, lang)
    if "journal" in meta.content.dict:
        meta["journal-line"] = pf.MetaInlines(*journal_inlines(meta.content.dict["journal"]))
    translation = meta.content.dict.get("translation")
    if translation is not None and "lang" not in translation.content.dict:
        translation["lang"] = pf.MetaString("en" if lang == "tr" else "tr")


def main(doc=None):
    return pf.run_filters([], prepare=check_metadata, doc=doc)


if __name__ == "__main__":
    run_filter_main(main)
