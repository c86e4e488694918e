"""The issue's deposits: one Crossref ``doi_batch`` registering every article of the
issue (each article's ``journal_article`` as the crossref edition makes it, under one
head, the journal's metadata and the issue's), and DOAJ's article XML.

DOAJ publishes no schema on a registry this build can install; the XML follows DOAJ's
documented format ("XML for importing articles": ``records/record`` with the journal's
ISSNs, the article's title, authors and affiliations, abstract, keywords, pages, DOI
and full-text address; languages as ISO 639-2 codes) and its XSD's rules as read in
DOAJ's own repository (``portality/static/doaj/doajArticles.xsd``): the order of a
record's elements, an author's every ``affiliationId``, ``orcid_id`` as an https ORCID
address, the full-text address on a named host. The tests check those rules.

>>> iso639_2("tr"), iso639_2("en-GB"), iso639_2("de")
('tur', 'eng', 'ger')
"""
from __future__ import annotations

import hashlib

from lxml import etree

from core.language import base_language

# ISO 639-2 (bibliographic) codes, as DOAJ's format asks for, of the languages with a pack.
ISO639_2 = {"tr": "tur", "en": "eng", "de": "ger", "fr": "fre", "ru": "rus", "az": "aze", "kk": "kaz"}


def iso639_2(lang: str) -> str:
    return ISO639_2.get(base_language(lang), "eng")


def crossref_batch(journal, issue, articles: list[bytes], timestamp: int | None) -> bytes:
    """One ``doi_batch`` for the issue, from the articles' own deposits."""
    from press.crossref import (
        NAMESPACE,
        NSMAP,
        SCHEMA,
        VERSION,
        XSI,
        crossref_timestamp,
        node,
    )

    parsed = [etree.fromstring(data) for data in articles]
    first = parsed[0]
    ns = {"c": NAMESPACE}
    stamp = crossref_timestamp(timestamp) if timestamp is not None else max(
        p.findtext("c:head/c:timestamp", namespaces=ns) for p in parsed)
    dois = "".join(p.findtext(".//c:journal_article/c:doi_data/c:doi", namespaces=ns) or "" for p in parsed)
    head = first.find("c:head", ns)
    head.find("c:doi_batch_id", ns).text = f"{issue.id[:40]}-{stamp}-{hashlib.sha256(dois.encode()).hexdigest()[:8]}"
    head.find("c:timestamp", ns).text = stamp
    journal_element = first.find("c:body/c:journal", ns)
    issue_element = journal_element.find("c:journal_issue", ns)
    issue_node = node("journal_issue", children=[
        node("publication_date", media_type="online", children=[
            node(name, value) for name, value in zip(("month", "day", "year"), date_parts(issue.date)) if value]),
        node("journal_volume", children=[node("volume", issue.volume)]), node("issue", issue.number)])
    if issue_element is not None:
        journal_element.replace(issue_element, issue_node)
    else:
        journal_element.insert(1, issue_node)
    for other in parsed[1:]:
        journal_element.append(other.find("c:body/c:journal/c:journal_article", ns))
    root = etree.Element(f"{{{NAMESPACE}}}doi_batch", nsmap=NSMAP, version=VERSION)
    root.set(f"{{{XSI}}}schemaLocation", f"{NAMESPACE} {SCHEMA}")
    root.extend([head, first.find("c:body", ns)])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def date_parts(iso: str) -> tuple[str, str, str]:
    """(month, day, year) of a date, Crossref's order.

    >>> date_parts("2024-06-30"), date_parts("2024")
    (('06', '30', '2024'), ('', '', '2024'))
    """
    year, month, day = (iso.split("-") + ["", ""])[:3]
    return month, day, year


def sub(parent, tag: str, text: str | None = None, **attributes):
    element = etree.SubElement(parent, tag, {k: v for k, v in attributes.items() if v})
    if text:
        element.text = text
    return element


def doaj(journal, issue, summaries: list[dict]) -> bytes:
    """DOAJ's article XML for the issue: one ``record`` per article."""
    records = etree.Element("records")
    for entry in summaries:
        record = sub(records, "record")
        language = iso639_2(entry["lang"])
        sub(record, "language", language)
        if journal.publisher:
            sub(record, "publisher", journal.publisher)
        sub(record, "journalTitle", journal.name)
        if journal.issn:
            sub(record, "issn", journal.issn)
        if journal.eissn:
            sub(record, "eissn", journal.eissn)
        sub(record, "publicationDate", entry["date"] or issue.date)
        sub(record, "volume", issue.volume)
        sub(record, "issue", issue.number)
        sub(record, "startPage", str(entry["pages"][0]))
        sub(record, "endPage", str(entry["pages"][1]))
        if entry["doi"]:
            sub(record, "doi", entry["doi"])
        sub(record, "publisherRecordId", f"{issue.id}/{entry['slug']}")
        sub(record, "documentType", "article")
        sub(record, "title", entry["title"], language=language)
        affiliations = list(dict.fromkeys(name for author in entry["authors"] for name in author["affiliations"]))
        authors = sub(record, "authors")
        for author in entry["authors"]:
            person = sub(authors, "author")
            sub(person, "name", author["name"])
            for name in author["affiliations"]:  # every one: DOAJ's schema takes any number
                sub(person, "affiliationId", str(affiliations.index(name) + 1))
            if author["orcid"]:
                sub(person, "orcid_id", f"https://orcid.org/{author['orcid']}")
        if affiliations:
            listing = sub(record, "affiliationsList")
            for number, name in enumerate(affiliations, start=1):
                sub(listing, "affiliationName", name, affiliationId=str(number))
        if entry["abstract"]:
            sub(record, "abstract", entry["abstract"], language=language)
        sub(record, "fullTextUrl", entry["url"], format="html")
        if entry["keywords"]:
            keywords = sub(record, "keywords", language=language)
            for word in entry["keywords"]:
                sub(keywords, "keyword", word)
    return etree.tostring(records, xml_declaration=True, encoding="UTF-8", pretty_print=True)
