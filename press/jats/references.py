"""The JATS reference list: one ``<ref>`` per cited work, its fields as an
``<element-citation>`` (from the bibliography, as CSL-JSON) beside the entry as the
article prints it (``<mixed-citation>``).
"""
from __future__ import annotations

import re

from lxml import etree

from core.markup import page_range, unsafe_url
from core.names import BIBLIOGRAPHY_ID, ENTRY_CLASS, ENTRY_PREFIX
from filters.bibliography import load_bibliography
from filters.cslitems import structured_references
from press import ast
from press.jats.xml import XLINK, element

# CSL types → JATS4R's publication types.
PUBLICATION_TYPES = {
    "article-journal": "journal", "article": "journal", "article-magazine": "magazine",
    "article-newspaper": "newspaper", "book": "book", "chapter": "book",
    "entry-encyclopedia": "book", "paper-conference": "confproc", "thesis": "thesis",
    "report": "report", "webpage": "webpage", "post": "webpage", "dataset": "data",
    "software": "software", "patent": "patent", "standard": "standard",
}
PARTS = {"article-journal", "article", "article-magazine", "article-newspaper", "chapter",
         "entry-encyclopedia", "paper-conference", "webpage", "post"}


def cited_works(job, doc: dict) -> dict[str, dict]:
    """The cited works' fields (CSL-JSON) by key, read again from the bibliography the
    citations stage read (only the JATS and Crossref editions need them)."""
    keys = [entry["c"][0][0][len(ENTRY_PREFIX):] for entry in ast.elements(doc["blocks"], "Div")
            if ENTRY_CLASS in entry["c"][0][1]]
    bibliography = load_bibliography(list(job.bibliography))
    return {item["id"]: item for item in structured_references(bibliography, keys, job.lang)}


def person_group(role: str, names: list[dict]) -> etree._Element:
    people = []
    for name in names:
        if name.get("literal") or not name.get("family"):
            people.append(element("collab", name.get("literal") or name.get("given", "")))
            continue
        family = " ".join(filter(None, [name.get("non-dropping-particle"), name["family"]]))
        people.append(element("name", children=[
            element("surname", family),
            *([element("given-names", name["given"])] if name.get("given") else []),
            *([element("suffix", name["suffix"])] if name.get("suffix") else [])]))
    return element("person-group", person_group_type=role, children=people)


def element_citation(item: dict) -> etree._Element:
    """One cited work as ``<element-citation>``: names, year, titles, source, volume,
    issue, pages, publisher, DOI and address, only the fields the entry has."""
    kind = item.get("type", "document")
    children = [person_group(role, item[role]) for role in ("author", "editor", "translator")
                if item.get(role)]
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    if parts[0]:
        children.append(element("year", str(parts[0][0]),
                                iso_8601_date="-".join(f"{p:02d}" if i else str(p)
                                                       for i, p in enumerate(parts[0]))))
    elif (item.get("issued") or {}).get("literal"):
        children.append(element("year", item["issued"]["literal"]))
    title, container = item.get("title"), item.get("container-title")
    if kind in PARTS and title:
        children.append(element("chapter-title" if kind in ("chapter", "entry-encyclopedia")
                                else "article-title", title))
        if container:
            children.append(element("source", container))
    elif title:
        children.append(element("source", title))
    for tag, variable in (("edition", "edition"), ("volume", "volume"), ("issue", "issue")):
        if item.get(variable):
            children.append(element(tag, str(item[variable])))
    first, last = page_range(item.get("page", ""))
    if first:
        children += [element("fpage", first)] + ([element("lpage", last)] if last else [])
    for tag, variable in (("publisher-loc", "publisher-place"), ("publisher-name", "publisher")):
        if item.get(variable):
            children.append(element(tag, item[variable]))
    if item.get("DOI"):
        children.append(element("pub-id", item["DOI"], pub_id_type="doi"))
    if item.get("URL") and not unsafe_url(item["URL"]):
        children.append(element("ext-link", item["URL"], ext_link_type="uri", xlink_href=item["URL"]))
    accessed = ((item.get("accessed") or {}).get("date-parts") or [[]])[0]
    if accessed:
        iso = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(accessed))
        children.append(element("date-in-citation", iso, content_type="access-date", iso_8601_date=iso))
    return element("element-citation", publication_type=publication_type(item), children=children)


def publication_type(item: dict) -> str:
    """JATS4R's publication type of a cited work, from its entry type (CSL).

    >>> publication_type({"type": "chapter"}), publication_type({})
    ('book', 'other')
    """
    return PUBLICATION_TYPES.get(item.get("type", ""), "other")


def described(link: etree._Element, item: dict, mixed: etree._Element) -> None:
    """A link whose text is its address (a DOI, a web page) says what it links in
    ``xlink:title`` (JATS4R: link text that describes the linked object): the work's
    title, else the reference as printed before the link."""
    text = " ".join("".join(link.itertext()).split())
    if text and not re.match(r"(?i)(https?|s?ftp)://", text) and text != link.get(f"{{{XLINK}}}href"):
        return
    title = item.get("title") or item.get("container-title") or " ".join(
        (mixed.text or "").split()).rstrip(" .,")
    if title:
        link.set(f"{{{XLINK}}}title", title)


def reference_list(body: etree._Element, works: dict[str, dict]) -> etree._Element | None:
    """The reference list section of the text → ``<ref-list>``: one ``<ref>`` per cited
    work, its fields (``element-citation``) and the entry as printed (``mixed-citation``)."""
    section = body.find(f"sec[@id='{BIBLIOGRAPHY_ID}']")
    if section is None:
        return None
    refs = []
    for entry in section.iter("boxed-text"):
        identifier = entry.get("id", "")
        key = identifier[len(ENTRY_PREFIX):]
        printed = entry.find("p")
        item = works.get(key, {})
        mixed = element("mixed-citation", publication_type=publication_type(item))
        if printed is not None:
            mixed.text = printed.text
            mixed.extend(list(printed))
        citations = [element_citation(item)] if item else []
        for link in [*mixed.iter("ext-link"), *(c for citation in citations for c in citation.iter("ext-link"))]:
            described(link, item, mixed)
        refs.append(element("ref", id=identifier, children=[
            element("citation-alternatives", children=[*citations, mixed]) if citations else mixed]))
    title = section.find("title")
    # what the author wrote under the list's heading before it ("The works cited …")
    written = [child for child in section if child.tag == "p"]
    body.remove(section)
    return element("ref-list", children=[*([title] if title is not None else []), *written, *refs])
