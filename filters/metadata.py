"""The article's metadata: every key known, checked and normalised once, for every
edition, against the one list of keys (``core.metaschema``; the README's table follows it).

- An unknown key is a warning with a suggestion (``recieved`` → ``received``) and is
  dropped, so that nothing pandoc would act on (``css``, ``cover-image``) gets through.
- Identifiers (``doi``, ``orcid``, ``url``, dates…) are taken as written in the YAML,
  never read as Markdown (``--`` stays ``--``); ``lang`` must be a BCP 47 tag, a date
  a date, an ORCID an ORCID.
- Markdown formatting in text fields survives; raw HTML, LaTeX or Typst, images and
  links with unsafe schemes do not (they become text).
- ``author:`` (pandoc's key) is read like ``authors:``; shared affiliations are
  numbered once; the license, the history dates, the journal line and the "cite as"
  line are composed here (``filters.frontmatter``), as inlines, so that every edition
  prints the same text.

>>> from tests.conftest import doc_from
>>> doc = main(doc_from("---|title: T|author: [A, B]|date: 2021-01-02|---|".replace("|", chr(10))))
>>> pf.stringify(doc.metadata["cite-as"])
'A and B (2021). T.'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

if __name__ == "__main__":  # pandoc -F filters/NAME.py
    import standalone; standalone.run(__file__)  # noqa: E702, I001

import panflute as pf

from core.diagnostics import error, shorten, suggestion, warn
from core.inputs import limit, shown_size
from core.language import (
    DEFAULT_LANGUAGE,
    LANGUAGE_CODES,
    base_language,
    guessed_language,
    has_pack,
    language_name,
    term,
)
from core.markup import as_text, scheme_of, text_to_inlines, unsafe_url
from core.metadatafile import Source, metadata_files, metadata_fix, read_source
from core.metaschema import (
    ARTICLE_TYPES,
    CREDIT_TERMS,
    DOI,
    IDENTIFIER_CHECKS,
    KNOWN,
    PERSON,
    SCHEMA,
    Key,
    bcp47,
    credit_key,
    issn_valid,
    orcid_valid,
    ror_address,
)
from core.names import BUILD_KEYS
from filters.dates import DateError, read_date
from filters.dialects import read_dialects
from filters.frontmatter import (
    cite_as,
    front_notes,
    history,
    journal_inlines,
    license_map,
    number_affiliations,
)
from filters.untrusted import is_comment

# --- the schema ----------------------------------------------------------------------


# --- the YAML as written ------------------------------------------------------------------


# --- checking ----------------------------------------------------------------------

@dataclass
class Checker:
    source: Source
    lang: str | None = None  # the document's: its month names come first in a date
    # an unknown key of list items (authors.3.github), by its pattern (authors.*.github):
    # one warning names it once, however many authors have it
    unknown: dict = field(default_factory=dict)

    def error(self, path: str, message: str, hint: str | None = None) -> None:
        error(message, *self.source.where(path), hint)

    def warn(self, path: str, message: str, hint: str | None = None) -> None:
        warn(message, *self.source.where(path), hint)


# An identifier a LaTeX template wraps in a command (rticles' ``email: \email{a@b.org}``,
# ``\url{…}``, ``\texttt{…}``): the editions read its argument, as the raw LaTeX stage
# shows such a command's words (and says so).
WRAPPED_IDENTIFIER = re.compile(r"\\href\s*\{(?:mailto:)?([^{}\\]*)\}\s*\{[^{}]*\}"  # a link's address
                                r"|\\[A-Za-z]+\s*\{([^{}\\]*)\}|<([^<>\s]+)>")  # … or Markdown's <a@b.org>


def raw_value(meta, path: str, source: Source) -> str:
    r"""An identifier's text as the YAML wrote it (else as pandoc read it), without a
    LaTeX command around it.

    >>> raw_value(pf.MetaString(""), "email", Source(scalars={"email": r" \email{a@b.org} "}))
    'a@b.org'
    >>> raw_value(pf.MetaString(""), "email", Source(scalars={"email": "<a@b.org>"}))
    'a@b.org'
    >>> raw_value(pf.MetaString(""), "email", Source(scalars={"email": r"\href{mailto:a@b.org}{Ann}"}))
    'a@b.org'
    """
    if path in source.scalars:
        text = source.scalars[path].strip()
        wrapped = WRAPPED_IDENTIFIER.fullmatch(text)
        return next(part for part in wrapped.groups() if part is not None).strip() if wrapped else text
    if isinstance(meta, pf.MetaBool):
        return str(meta.boolean).lower()
    return pf.stringify(meta).strip()


# LaTeX's babel and polyglossia name languages by name (``lang: ngerman`` in a paper made
# for LaTeX); pandoc, and this build, take a BCP 47 tag.
BABEL_NAMES = {"english": "en", "american": "en-US", "british": "en-GB", "ngerman": "de", "german": "de",
               "naustrian": "de-AT", "nswissgerman": "de-CH", "turkish": "tr", "french": "fr", "francais": "fr",
               "spanish": "es", "italian": "it", "portuguese": "pt", "brazilian": "pt-BR", "dutch": "nl",
               "russian": "ru", "polish": "pl", "czech": "cs", "swedish": "sv", "danish": "da",
               "norwegian": "no", "finnish": "fi", "greek": "el", "catalan": "ca", "hungarian": "hu",
               "romanian": "ro", "ukrainian": "uk", "croatian": "hr", "slovene": "sl", "arabic": "ar",
               "hebrew": "he", "persian": "fa", "japanese": "ja", "chinese": "zh", "korean": "ko"}


# A date with its time of day: the day is the article's date.
DATE_TIME = re.compile(r"\s*(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*")


def check_identifier(meta, path: str, check: str, source: Source, checker: Checker):
    """The identifier as a MetaString, or None (reported) when it is not valid; an empty
    one (a template's ``email:``, ``orcid:``, ``DOI:`` left blank) is left out with a warning."""
    text = raw_value(meta, path, source)
    if not text.strip() and check != "date":
        checker.warn(path, f"'{path}' is empty: it is left out", "write its value, or delete the line")
        return None
    if check == "lang" and not bcp47(text):
        tag = BABEL_NAMES.get(text.strip().lower())
        if tag:  # LaTeX babel's name (``language: english``, a journal template's): one language only
            checker.warn(path, f"'{text}' is LaTeX babel's name for the language tag {tag}: read as {tag}",
                         f"write `{path.rpartition('.')[2]}: {tag}`")
            return pf.MetaString(tag)
        checker.error(path, f"'{text}' is not a language tag", "write a BCP 47 tag: tr, en, tr-TR")
        return None
    if check == "date":
        if not re.search(r"\w", text):  # a placeholder: `date: ---`
            checker.warn(path, f"'{text}' is no date: '{path}' is left out", "write the date, or delete the line")
            return None
        timed = DATE_TIME.fullmatch(text)  # Jekyll's 2020-01-03 22:05:00, ISO 8601's 2016-09-04T19:12:45+02:00
        text = timed.group(1) if timed else text
        try:
            date, guess = read_date(text, checker.lang)
        except DateError as problem:
            shaped = re.fullmatch(r"\s*\d{4}-\d{1,2}(?:-\d{1,2})?\s*", text)  # 2023-02-30
            if not shaped and len(re.findall(r"[^\W\d_]{2,}", text)) > 3:  # prose, as pandoc users write
                checker.warn(path, f"'{text[:60]}' is not a date: the editions leave it out",
                             "write the date (2020-06-04), and say the rest in the text or a note")
                return None
            checker.error(path, f"'{shorten(text, 60)}' is not a date" + (f": {problem}" if shaped else ""),
                          "check the month and the day" if shaped else
                          "write it as 2020-06-04, 4 June 2020 or June 4, 2020 (or 2020-06, 2020)")
            return None
        if guess:
            checker.warn(path, f"the date '{text}' is {guess}", f"write {date.iso} to say which")
        text = date.iso
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
        if not text.strip():  # a template's empty field: `DOI:`
            checker.warn(path, f"'{path}' is empty: it is left out", "write the DOI, or delete the line")
            return None
        if not DOI.fullmatch(text):
            checker.error(path, f"'{text}' is not a DOI", "a DOI is 10., the registrant's 4 to 9 digits, / and "
                          "a suffix without spaces of at most 200 characters: 10.1234/abc.2021.5")
            return None
    if check == "issn" and not issn_valid(text):
        shaped = re.fullmatch(r"\d{4}-\d{3}[\dX]", text)
        checker.error(path, f"'{text}' is not an ISSN",
                      "its check digit does not match: copy it from the ISSN portal (portal.issn.org)" if shaped
                      else "write its 8 characters in two groups of four, e.g. 1234-5679")
        return None
    if check == "article-type" and text not in ARTICLE_TYPES:
        checker.error(path, f"unknown article type '{text}'",
                      suggestion(text, ARTICLE_TYPES, "one of: " + ", ".join(ARTICLE_TYPES)))
        return None
    if check == "email" and not re.fullmatch(r"[^@\s<>{}\\]+@[^@\s<>{}\\]+\.[^@\s<>{}\\]+", text):
        checker.error(path, f"'{text}' is not an e-mail address")
        return None
    if check == "ror":
        text, check = ror_address(text), "url"
    if check == "url" and urlparse(text).scheme not in ("http", "https"):
        checker.error(path, f"'{text}' is not a web address", "write it with https://")
        return None
    return pf.MetaString(text)


def check_roles(meta, path: str, source: Source, checker: Checker) -> None:
    """Each CRediT role one of the taxonomy's (https://credit.niso.org): another one (a
    misspelling, or Quarto's free text) is a warning with the closest role, and is printed
    as written (JATS and indexers read the taxonomy's roles as a vocabulary)."""
    items = list(meta.content) if isinstance(meta, pf.MetaList) else [meta]
    for index, item in enumerate(items):
        written = pf.stringify(item).strip()
        if credit_key(written) not in CREDIT_TERMS:
            checker.warn(f"{path}.{index}", f"'{written}' is no CRediT role: it is printed as written, and the "
                         "JATS edition tags it without the taxonomy's term",
                         suggestion(credit_key(written), CREDIT_TERMS, "see https://credit.niso.org"))


def unknown(key: str, known, path: str, checker: Checker) -> None:
    """A key the schema does not have: a warning with the closest known one. The same
    key of several list items (``authors.*.github``) is one warning, at the first."""
    pattern = re.sub(r"\.\d+(?=\.|$)", ".*", path)
    if pattern != path:
        checker.unknown.setdefault(pattern, []).append(path)
        if len(checker.unknown[pattern]) > 1:
            return
    checker.warn(path, f"unknown metadata key '{path}'",  # never the build's own keys as the fix
                 suggestion(key, set(known) - BUILD_KEYS, "it is left out; see the README's metadata table"))


def unknown_repeats(checker: Checker) -> None:
    """How many more list items had each unknown key (``unknown``'s one warning)."""
    for pattern, paths in checker.unknown.items():
        if len(paths) > 1:
            checker.warn(paths[1], f"unknown metadata key '{pattern}' again, in {len(paths) - 1} more "
                                   f"({', '.join(paths[1:4])}{', …' if len(paths) > 4 else ''})",
                         "each is left out, as the first")


def defused(meta, path: str, checker: Checker):
    """Text fields keep Markdown formatting; raw markup, images and unsafe links
    become text (a metadata value can neither inject markup nor load a file)."""
    warned = set()  # once a field

    def printed_as_text(element) -> None:
        if element.format not in warned:
            warned.add(element.format)
            checker.warn(path, f"raw {element.format} in '{path}' is printed as text")

    def fix(element):
        if isinstance(element, (pf.RawInline, pf.RawBlock)) and is_comment(element):  # prints nothing anywhere
            return [] if isinstance(element, pf.RawInline) else pf.Plain()
        if isinstance(element, pf.RawInline):
            printed_as_text(element)
            return pf.Span(*text_to_inlines(" ".join(element.text.split())))
        if isinstance(element, pf.RawBlock):
            printed_as_text(element)
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
    length = len(pf.stringify(meta))
    if length > limit("field"):  # every edition sets it as one paragraph, at its top
        checker.error(path, f"'{path}' is {shown_size(length, 'characters')} long: over the limit of "
                            f"{shown_size(limit('field'), 'characters')} for one metadata value",
                      "shorten it; a journal that accepts more raises the limit: --limit field=…")
        return None
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
    if key.check == "map" and key.text_is and isinstance(meta, (pf.MetaInlines, pf.MetaString)):
        meta = pf.MetaMap(**{key.text_is: meta})  # the journal's name alone
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
        checked = check_map(item, f"{path}.{index}", PERSON, source, checker)
        if "name" not in checked.content.dict:
            checker.error(f"{path}.{index}", f"author {index + 1} has no name",
                          "give it `name: …` (or its parts: `given-names`/`firstname` and `surname`/`lastname`)")
        maps.append(checked)
    return pf.MetaList(*maps)


# --- the stage ----------------------------------------------------------------------------

# How much of the text tells its language: enough words, and quick on a long text.
LANGUAGE_SAMPLE_BLOCKS = 60


def unstated_language(doc: pf.Doc, checker: Checker) -> None:
    """A text that says no ``lang`` is built in English: when its words read as
    another language that has a pack (a Turkish paper whose author left ``lang`` out),
    a warning says so, and what to write (pandoc's habit, English, is kept: a
    guess never changes the editions)."""
    words = pf.stringify(pf.Div(*doc.content[:LANGUAGE_SAMPLE_BLOCKS])).split()
    guess = guessed_language(words)
    if guess and guess != DEFAULT_LANGUAGE:
        path, fix = metadata_fix(doc, checker.source.path, f"lang: {guess}")
        warn(f"the metadata has no `lang`, and the text reads as {language_name(guess)}: its terms, dates "
             f"and chronology are English's ({DEFAULT_LANGUAGE})", path, None, hint=fix)


def check_metadata(doc: pf.Doc) -> None:
    meta = doc.metadata
    source = read_source(metadata_files(doc))
    read_dialects(doc, source)
    checker = Checker(source, doc.get_metadata("lang", default=None))
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
    for path in ("lang", "translation.lang"):
        written = doc.get_metadata(path, default=None)
        if isinstance(written, str) and bcp47(written) and not has_pack(written):
            checker.warn(path, f"no language pack for '{written}': its terms, dates and chronology are "
                               "English's",
                         hint=f"add core/languages/{written.split('-')[0].lower()}.py (docs/architecture.md "
                              "shows how), or write a language that has one: " + ", ".join(LANGUAGE_CODES))
    if doc.get_metadata("lang", default=None) is None and "lang" not in source.scalars:  # unwritten, not wrong
        unstated_language(doc, checker)
    if "title" not in meta.content.dict or not as_text(meta.content.dict["title"]):
        path, fix = metadata_fix(doc, source.path, "title: …")
        error("the article has no title", path, None, fix)
    if authors is not None:
        meta["authors"] = authors
        meta["affiliations"] = number_affiliations(authors)
    notes = front_notes(meta, lang)
    if notes.content:
        meta["front-notes"] = notes
    if "license" in meta.content.dict:
        meta["license"] = license_map(as_text(meta.content.dict["license"]))
    meta["history"] = history(meta, lang)
    meta["cite-as"] = cite_as(meta, lang)
    if "journal" in meta.content.dict:
        meta["journal-line"] = pf.MetaInlines(*journal_inlines(meta.content.dict["journal"]))
    translation = meta.content.dict.get("translation")
    if translation is not None and "lang" not in translation.content.dict:
        translation["lang"] = pf.MetaString(term(lang, "translation_language"))
    unknown_repeats(checker)


def main(doc=None):
    return pf.run_filters([], prepare=check_metadata, doc=doc)

