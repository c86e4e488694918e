"""The Crossref deposit: ``OUT/<slug>.crossref.xml``, a ``doi_batch`` (schema 5.4.0)
that registers the article's DOI: the journal, both titles, the contributors with
their ORCID and affiliations, the publication and acceptance dates, the pages, the
abstracts in JATS form (from the JATS edition's render), the license, the resource
URL and the ``citation_list`` with every reference, structured (first author, year,
titles, volume, issue, first page, DOI) and as printed.

The head's ``timestamp`` (Crossref keeps the deposit with the highest one) and
``doi_batch_id`` come from ``SOURCE_DATE_EPOCH``, else from the newest of the
manuscript's files: the same inputs give the same deposit, and an edited manuscript
a newer one.

>>> crossref_timestamp(1600000000)
'20200913122640'
"""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

from lxml import etree

from core.diagnostics import warn
from core.kinds import KINDS, After, Omit, Renderers, Structured, front_matter
from core.language import base_language
from core.markup import page_range
from core.metaschema import DOI
from core.names import REFERENCE_LIST_KEY
from core.options import dotted
from press.jats.front import name_parts
from press.jats.xml import MML, XML_LANG, fragment

VERSION = "5.4.0"
NAMESPACE = f"http://www.crossref.org/schema/{VERSION}"
SCHEMA = f"https://www.crossref.org/schemas/crossref{VERSION}.xsd"
JATS = "http://www.ncbi.nlm.nih.gov/JATS1"
ACCESS = "http://www.crossref.org/AccessIndicators.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {None: NAMESPACE, "jats": JATS, "ai": ACCESS, "mml": MML, "xsi": XSI}
# What a deposit cannot do without (the depositor, the journal, the DOI and its page).
REQUIRED = {"crossref.depositor": "who deposits: a name", "crossref.email": "the depositor's e-mail",
            "crossref.registrant": "the organisation registering the DOI",
            "journal.name": "the journal's name", "doi": "the article's DOI",
            "url": "the article's landing page, where the DOI resolves",
            "published|date": "the publication date"}


NOT_IN_DEPOSIT = "not in Crossref's journal_article schema"


def renderers(job=None) -> Renderers:
    """The deposit registers the article: it carries the metadata and the references,
    not the text."""
    no_body = Omit("a deposit carries the metadata and the references, not the text")
    table = Renderers({kind.name: no_body for kind in KINDS if kind.elements})
    table.update(front_matter(After("journal_article"),
                              history=Structured("publication_date, acceptance_date: month, day, year"),
                              license=Structured("ai:license_ref: the licence's address"),
                              journal_line=Structured("journal_metadata, journal_issue, pages"),
                              doi=Structured("doi_data"), corresponding_author=Omit(NOT_IN_DEPOSIT),
                              author_notes=Omit(NOT_IN_DEPOSIT),
                              cite_as=Omit(NOT_IN_DEPOSIT), keywords=Omit(NOT_IN_DEPOSIT)))
    table["reference-entry"] = Structured("citation_list: each reference, structured and as printed")
    return table


def node(tag: str, text: str | None = None, children=(), **attributes) -> etree._Element:
    """An element of the deposit's namespace (``ai_program`` → ``ai:program``)."""
    prefix, _, local = tag.partition(":")
    made = etree.Element(f"{{{ACCESS if prefix == 'ai' else NAMESPACE}}}{local or prefix}")
    for key, value in attributes.items():
        if value not in (None, ""):
            made.set(key, str(value))
    made.text = text
    made.extend(children)
    return made


def crossref_timestamp(epoch: int) -> str:
    """``YYYYMMDDhhmmss`` (UTC) of a POSIX time."""
    return time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch))


def inputs_epoch(job) -> int:
    """The newest modification time of the manuscript's files: the deposit's date
    when ``SOURCE_DATE_EPOCH`` is not set."""
    files = [*job.sources, *job.bibliography, *job.metadata_files]
    return max((int(Path(name).stat().st_mtime) for name in files if Path(name).is_file()), default=0)


def date_parts(tag: str, iso: str, **attributes) -> etree._Element:
    """``<publication_date><month/><day/><year/></publication_date>`` (Crossref's order)."""
    year, month, day = (iso.split("-") + ["", ""])[:3]
    return node(tag, children=[node(name, value) for name, value in
                               (("month", month), ("day", day), ("year", year)) if value], **attributes)


def jats_abstract(markup: str, lang: str | None) -> etree._Element:
    """An abstract as the JATS edition renders it, in Crossref's JATS namespace."""
    abstract = etree.Element(f"{{{JATS}}}abstract")
    if lang:
        abstract.set(XML_LANG, lang)
    for child in fragment(markup.strip()):
        for element in child.iter():
            if isinstance(element.tag, str) and not element.tag.startswith("{"):
                element.tag = f"{{{JATS}}}{element.tag}"
        abstract.append(child)
    return abstract


def journal_metadata(plain: dict, lang: str) -> etree._Element:
    journal = plain["journal"]
    children = [node("full_title", journal["name"])]
    if journal.get("abbreviation"):
        children.append(node("abbrev_title", journal["abbreviation"]))
    for key, media in (("issn", "print"), ("eissn", "electronic")):
        if journal.get(key):
            children.append(node("issn", journal[key], media_type=media))
    return node("journal_metadata", children=children, language=lang)


def journal_issue(plain: dict, published: str) -> etree._Element | None:
    """Volume and issue (Crossref wants the issue's date with them)."""
    journal = plain["journal"]
    if not (journal.get("volume") or journal.get("issue")):
        return None
    children = [date_parts("publication_date", published[:4], media_type="online")]
    if journal.get("volume"):
        children.append(node("journal_volume", children=[node("volume", journal["volume"])]))
    if journal.get("issue"):
        children.append(node("issue", journal["issue"]))
    return node("journal_issue", children=children)


def contributors(plain: dict) -> etree._Element | None:
    authors = plain.get("authors") or []
    rors = {entry["name"]: entry.get("ror") for entry in plain.get("affiliations") or []}
    people = []
    for index, author in enumerate(authors):
        surname, given = name_parts(author.get("name", ""), author.get("surname"))
        children = ([node("given_name", given)] if given else []) + [node("surname", surname)]
        own = author.get("affiliations") or []
        if own:
            institutions = []
            for position, name in enumerate(own):
                ror = rors.get(name) or (author.get("ror") if position == 0 else None)
                institutions.append(node("institution", children=[
                    node("institution_name", name),
                    *([node("institution_id", ror, type="ror")] if ror else [])]))
            children.append(node("affiliations", children=institutions))
        if author.get("orcid"):
            children.append(node("ORCID", f"https://orcid.org/{author['orcid']}"))
        people.append(node("person_name", children=children, contributor_role="author",
                           sequence="first" if index == 0 else "additional"))
    return node("contributors", children=people) if people else None


def citation(key: str, item: dict, printed: str) -> etree._Element:
    """One reference: what Crossref matches on (first author, year, titles, volume,
    issue, first page, DOI), and the reference as printed."""
    children = []
    names = item.get("author") or item.get("editor") or []
    if names:
        first = names[0]
        children.append(node("author", first.get("family") or first.get("literal") or first.get("given")))
    year = ((item.get("issued") or {}).get("date-parts") or [[None]])[0][0] \
        or (item.get("issued") or {}).get("literal")
    if year:
        children.append(node("cYear", str(year)))
    container = item.get("container-title")
    if item.get("type") == "article-journal":
        if container:
            children.append(node("journal_title", container))
        if item.get("title"):
            children.append(node("article_title", item["title"]))
    else:
        if container:
            children.append(node("volume_title", container))
        if item.get("title"):
            children.append(node("article_title" if container else "volume_title", item["title"]))
    for tag, variable in (("volume", "volume"), ("issue", "issue"), ("edition_number", "edition")):
        if item.get(variable):
            children.append(node(tag, str(item[variable])))
    first_page = page_range(item.get("page", ""))[0]
    if first_page:
        children.append(node("first_page", first_page))
    if item.get("DOI") and DOI.fullmatch(item["DOI"]):
        children.append(node("doi", item["DOI"]))
    elif item.get("DOI"):  # Crossref's schema would refuse the whole deposit
        warn(f"the DOI '{item['DOI']}' of reference '{key}' is not one Crossref accepts: the deposit leaves it "
             "out", hint="a DOI is 10., the registrant's 4 to 9 digits, / and a suffix without spaces")
    if item.get("ISBN"):
        children.append(node("isbn", item["ISBN"]))
    if printed:
        children.append(node("unstructured_citation", printed))
    return node("citation", children=children, key=key)


def citation_list(works: dict[str, dict], printed: list[str]) -> etree._Element | None:
    """Every cited work, in the reference list's order."""
    if not works:
        return None
    return node("citation_list", children=[citation(key, item, text) for (key, item), text
                                           in zip(works.items(), printed + [""] * len(works))])


def journal_article(job, rendered, works: dict[str, dict]) -> etree._Element:
    plain, meta = rendered.plain, rendered.meta
    translation, rendered_translation = plain.get("translation") or {}, meta.get("translation") or {}
    children = [node("titles", children=[node("title", plain["title"]),
                                         *([node("subtitle", plain["subtitle"])] if plain.get("subtitle") else [])])]
    if translation.get("title"):
        children.append(node("titles", children=[
            node("title", translation["title"]),
            *([node("subtitle", translation["subtitle"])] if translation.get("subtitle") else [])]))
    people = contributors(plain)
    if people is not None:
        children.append(people)
    if plain.get("abstract"):
        children.append(jats_abstract(meta["abstract"], job.lang))
    if translation.get("abstract"):
        children.append(jats_abstract(rendered_translation["abstract"], translation.get("lang")))
    published = plain.get("published") or plain["date"]
    children.append(date_parts("publication_date", published, media_type="online"))
    if plain.get("accepted"):
        children.append(date_parts("acceptance_date", plain["accepted"], media_type="online"))
    first, last = page_range((plain.get("journal") or {}).get("pages", ""))
    if first:
        children.append(node("pages", children=[node("first_page", first),
                                                *([node("last_page", last)] if last else [])]))
    license_url = (plain.get("license") or {}).get("url")
    if license_url:
        children.append(node("ai:program", name="AccessIndicators", children=[
            node("ai:license_ref", license_url, applies_to="vor")]))
    children.append(node("doi_data", children=[node("doi", plain["doi"]), node("resource", plain["url"])]))
    references = citation_list(works, plain.get(REFERENCE_LIST_KEY) or [])
    if references is not None:
        children.append(references)
    return node("journal_article", children=children, publication_type="full_text",
                language=base_language(job.lang))


def deposit(job, rendered, works: dict[str, dict]) -> etree._Element:
    """The whole ``doi_batch``."""
    plain = rendered.plain
    epoch = job.timestamp if job.timestamp is not None else inputs_epoch(job)
    stamp = crossref_timestamp(epoch)
    batch = f"{job.slug[:60]}-{stamp}-{hashlib.sha256(plain['doi'].encode()).hexdigest()[:8]}"
    head = node("head", children=[
        node("doi_batch_id", batch), node("timestamp", stamp),
        node("depositor", children=[node("depositor_name", dotted(plain, "crossref.depositor")),
                                    node("email_address", dotted(plain, "crossref.email"))]),
        node("registrant", dotted(plain, "crossref.registrant"))])
    issue = journal_issue(plain, plain.get("published") or plain["date"])
    journal = node("journal", children=[journal_metadata(plain, base_language(job.lang)),
                                        *([issue] if issue is not None else []),
                                        journal_article(job, rendered, works)])
    root = etree.Element(f"{{{NAMESPACE}}}doi_batch", nsmap=NSMAP, version=VERSION)
    root.set(f"{{{XSI}}}schemaLocation", f"{NAMESPACE} {SCHEMA}")
    root.extend([head, node("body", children=[journal])])
    return root


def write(job, shared) -> dict[str, bytes]:
    rendered, _, works, _ = shared.jats
    return {f"{job.slug}.crossref.xml": etree.tostring(deposit(job, rendered, works), xml_declaration=True,
                                                        encoding="UTF-8", pretty_print=True)}
