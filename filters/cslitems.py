"""Bibliography entries as CSL-JSON items, and CSL-JSON items as entries.

``structured_references`` gives the fields of the cited works (names, dates,
titles, container, volume, issue, pages, publisher, DOI…) as CSL-JSON dicts of
plain text: what a CSL processor, JATS or Crossref needs. ``csl_item`` keeps the
titles' rich text (emphasis, case-protected ``{NATO}``) for pandoc's citeproc;
``entry_from_item`` reads an item of an exported CSL-JSON file.

>>> from pybtex.database import Entry, Person
>>> entry = Entry("article", {"title": "Hazar {NATO}", "journal": "Avrasya", "year": "2019",
...                           "number": "1", "pages": "10--30"},
...               {"author": [Person("Yılmaz, Ali"), Person("{Türk Keneşi}")]})
>>> item = plain_item(csl_item(entry, "tr"))
>>> item["type"], item["title"], item["container-title"], item["issue"], item["page"]
('article-journal', 'Hazar NATO', 'Avrasya', '1', '10-30')
>>> item["author"], item["issued"]
([{'family': 'Yılmaz', 'given': 'Ali'}, {'literal': 'Türk Keneşi'}], {'date-parts': [[2019]]})
"""
from __future__ import annotations

from pybtex.database import Entry, Person
from pybtex.richtext import Text

from core.language import LANGUAGE_CODES, pack
from filters.bibtext import (
    as_text,
    latex_to_rich,
    markup_to_latex,
    month_number,
    plain,
    text_to_latex,
)

# BibTeX/BibLaTeX entry types (after filters.bibliography's aliases) → CSL types.
CSL_TYPES = {
    "article": "article-journal", "periodical": "article-journal",
    "book": "book", "mvbook": "book", "collection": "book", "mvcollection": "book",
    "proceedings": "book", "mvproceedings": "book", "reference": "book",
    "mvreference": "book", "manual": "book", "booklet": "pamphlet",
    "inbook": "chapter", "incollection": "chapter", "bookinbook": "chapter",
    "suppbook": "chapter", "suppcollection": "chapter", "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference", "thesis": "thesis", "report": "report",
    "online": "webpage", "patent": "patent", "dataset": "dataset", "software": "software",
    "unpublished": "manuscript", "misc": "document",
}
# CSL types → the entry type that reads them (anything else is a `misc`).
BIBTEX_TYPES = {
    "article": "article", "article-journal": "article", "article-magazine": "article",
    "article-newspaper": "article", "book": "book", "pamphlet": "booklet",
    "chapter": "incollection", "entry-encyclopedia": "inreference",
    "entry-dictionary": "inreference", "paper-conference": "inproceedings",
    "thesis": "thesis", "report": "report", "webpage": "online", "post": "online",
    "post-weblog": "online", "patent": "patent", "dataset": "dataset",
    "software": "software", "manuscript": "unpublished",
}
ARTICLES = {"article", "periodical"}
CHAPTERS = {"inbook", "incollection", "bookinbook", "suppbook", "suppcollection",
            "inreference", "inproceedings"}
# Text variables read the same way for every type: (CSL variable, BibTeX field).
TEXT_FIELDS = [("title", "title"), ("collection-title", "series"), ("volume", "volume"),
               ("page", "pages"), ("edition", "edition"), ("publisher-place", "address"),
               ("event", "eventtitle"), ("event-place", "venue"), ("note", "note"),
               ("number-of-pages", "pagetotal"), ("chapter-number", "chapter")]
# Identifiers are verbatim: a DOI's "--" is not a dash.
RAW_FIELDS = [("DOI", "doi"), ("URL", "url"), ("ISBN", "isbn"), ("ISSN", "issn")]
# Who published it, by entry type; a CSL item has one `publisher`.
PUBLISHER_FIELDS = ("publisher", "school", "institution", "organization", "howpublished")
NAME_ROLES = [("author", "author"), ("editor", "editor"), ("translator", "translator"),
              ("container-author", "bookauthor")]


def csl_type(entry: Entry) -> str:
    """The CSL type; a `misc` with a URL is a web page."""
    if entry.type == "misc" and "url" in entry.fields:
        return "webpage"
    return CSL_TYPES.get(entry.type, "document")


def csl_name(person: Person) -> dict:
    """``{"family", "given", "non-dropping-particle", "suffix"}``, or ``{"literal"}``
    for a braced name such as ``{Türk Keneşi}``; BibTeX's ``and others`` is the literal
    ``others``, as pandoc reads it, which citeproc prints as the style's "et al." in the
    text's language (as a family name it printed "ve others").

    >>> csl_name(Person("others")), csl_name(Person("Doe, Jane"))
    ({'literal': 'others'}, {'family': 'Doe', 'given': 'Jane'})
    """
    if person.last_names == ["others"] and not person.first_names and not person.prelast_names:
        return {"literal": "others"}
    last = " ".join(person.last_names)
    if len(person.last_names) == 1 and last.startswith("{") and last.endswith("}") \
            and not person.first_names and not person.prelast_names:
        return {"literal": plain(last)}
    name = {"family": plain(last)}
    given = " ".join(person.first_names + person.middle_names)
    for key, value in (("given", given), ("non-dropping-particle", " ".join(person.prelast_names)),
                       ("suffix", " ".join(person.lineage_names))):
        if value:
            name[key] = plain(value)
    return name


def csl_date(entry: Entry, prefix: str = "") -> dict | None:
    """``{"date-parts": [[2020, 10, 1]]}`` from year, month and day; a year that is
    no number (``2019/2020``, ``t.y.``) is a ``literal``."""
    year = plain(entry.fields.get(prefix + "year", "")).strip()
    if not year:
        return None
    if not year.isdecimal():
        return {"literal": year}
    parts = [int(year)]
    month = month_number(entry.fields.get(prefix + "month"))
    day = entry.fields.get(prefix + "day", "").strip()
    if month:
        parts.append(month)
        if day.isdecimal():
            parts.append(int(day))
    return {"date-parts": [parts]}


def iso_date(value: str) -> dict:
    """``2021-01-15`` (a BibLaTeX ``urldate``) as a CSL date."""
    parts = [int(part) for part in value.strip().split("-")[:3] if part.isdecimal()]
    return {"date-parts": [parts]} if parts else {"literal": value.strip()}


def language_code(langid: str) -> str:
    """BibLaTeX's ``langid`` (``turkish``) as a language code (``tr``)."""
    for code, data in ((code, pack(code)) for code in LANGUAGE_CODES):
        if langid.strip() in data["langid"]:
            return code
    return langid.strip()


def csl_item(entry: Entry, lang: str) -> dict:
    """One entry as a CSL-JSON item; text values are rich text (``plain_item`` for strings)."""
    fields = entry.fields
    item: dict = {"id": entry.key, "type": csl_type(entry)}
    for variable, name in NAME_ROLES:
        if entry.persons.get(name):
            item[variable] = [csl_name(person) for person in entry.persons[name]]
    for variable, name in TEXT_FIELDS:
        if fields.get(name):
            item[variable] = latex_to_rich(fields[name])
    for variable, name in RAW_FIELDS:
        if fields.get(name):
            item[variable] = fields[name].strip()
    container = "journal" if entry.type in ARTICLES else "booktitle" if entry.type in CHAPTERS else None
    if container and fields.get(container):
        item["container-title"] = latex_to_rich(fields[container])
    if fields.get("number"):
        item["issue" if entry.type in ARTICLES else "number"] = latex_to_rich(fields["number"])
    publisher = next((fields[name] for name in PUBLISHER_FIELDS if fields.get(name)), None)
    if publisher:
        item["publisher"] = latex_to_rich(publisher)
    genre = fields.get("type")
    if genre:
        strings = pack(lang)["bibstrings"]
        item["genre"] = Text(strings[genre]) if genre in strings else latex_to_rich(genre)
    if fields.get("langid"):
        item["language"] = language_code(fields["langid"])
    issued = csl_date(entry)
    if issued:
        item["issued"] = issued
    if fields.get("urldate"):
        item["accessed"] = iso_date(fields["urldate"])
    if "page" in item:  # CSL formats ranges itself, from a hyphen
        item["page"] = Text(as_text(item["page"]).replace("–", "-"))
    return item


def plain_item(item: dict) -> dict:
    """A CSL item with every rich text value as a string."""
    return {key: as_text(value) if isinstance(value, Text) else value for key, value in item.items()}


def structured_references(bibliography, keys, lang: str = "en") -> list[dict]:
    """The cited works' fields as CSL-JSON dicts (plain strings), in the order of ``keys``:
    for JATS and Crossref (``<element-citation>``, ``<citation>``) and for tests."""
    return [plain_item(csl_item(bibliography.entries[key], lang))
            for key in keys if key in bibliography.entries]


def entry_from_item(item: dict) -> Entry:
    """A CSL-JSON item as an entry with BibTeX's fields (its text escaped for LaTeX)."""
    kind = BIBTEX_TYPES.get(item.get("type", ""), "misc")
    fields: dict[str, str] = {}

    def text(variable: str) -> str | None:
        value = item.get(variable)
        return markup_to_latex(str(value)) if value not in (None, "") else None

    for variable, name in TEXT_FIELDS:
        if text(variable):
            fields[name] = text(variable)
    for variable, name in RAW_FIELDS:
        value = item.get(variable) or item.get(variable.lower())
        if value:
            fields[name] = str(value)
    if text("container-title"):
        fields["journal" if kind == "article" else "booktitle" if kind in CHAPTERS else "series"] = \
            text("container-title")
    if text("issue") or text("number"):
        fields["number"] = text("issue") or text("number")
    if text("publisher"):
        fields[{"thesis": "school", "report": "institution"}.get(kind, "publisher")] = text("publisher")
    if text("genre"):
        fields["type"] = text("genre")
    if item.get("language"):
        fields["langid"] = str(item["language"])
    fields.update(date_fields(item.get("issued")))
    accessed = date_fields(item.get("accessed"))
    if accessed.get("year"):
        fields["urldate"] = "-".join(accessed[name].zfill(2) for name in ("year", "month", "day")
                                     if name in accessed)
    persons = {name: [person_from_name(person) for person in item[variable]
                      if isinstance(person, dict)]
               for variable, name in NAME_ROLES if isinstance(item.get(variable), list)}
    return Entry(kind, fields, persons)


def date_fields(date) -> dict[str, str]:
    """A CSL date (``date-parts``, ``raw``, ``literal`` or an ISO string) as year, month, day;
    ``date-parts`` of another shape than a list of lists reads as no date.

    >>> date_fields({"date-parts": [[2020, 5]]}), date_fields({"date-parts": [5]}), date_fields({"date-parts": 5})
    ({'year': '2020', 'month': '5'}, {}, {})
    """
    if not date:
        return {}
    if isinstance(date, str):
        date = {"raw": date}
    listed = date.get("date-parts") if isinstance(date, dict) else None
    parts = listed[0] if isinstance(listed, list) and listed and isinstance(listed[0], list) else []
    if not parts and isinstance(date, dict) and (date.get("raw") or date.get("literal")):
        raw = str(date.get("raw") or date.get("literal"))
        pieces = raw.split("-")[:3] if raw[:4].isdecimal() else []
        if not pieces:
            return {"year": text_to_latex(raw)}
        parts = pieces
    return {name: str(int(value)) if name != "year" else str(value)
            for name, value in zip(("year", "month", "day"), parts) if str(value).strip().isdecimal()}


def person_from_name(name: dict) -> Person:
    """A CSL name (``family``/``given``/particles/``suffix``, or ``literal``) as a person."""
    person = Person()
    if name.get("literal") or not name.get("family"):
        person.last_names = ["{" + text_to_latex(str(name.get("literal") or name.get("given", ""))) + "}"]
        return person
    person.last_names = ["{" + text_to_latex(str(name["family"])) + "}"] if " " in str(name["family"]) \
        else [text_to_latex(str(name["family"]))]
    person.first_names = [text_to_latex(part) for part in str(name.get("given", "")).split()]
    particle = " ".join(str(name[key]) for key in ("dropping-particle", "non-dropping-particle")
                        if name.get(key))
    person.prelast_names = [text_to_latex(part) for part in particle.split()]
    person.lineage_names = [text_to_latex(str(name["suffix"]))] if name.get("suffix") else []
    return person
