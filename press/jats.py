"""The JATS edition: the article as JATS XML (Journal Publishing 1.3, MathML 3) for
archives and indexers (PubMed Central, SciELO, journal platforms), with its figures
beside it: ``OUT/jats/<slug>.xml`` and ``OUT/jats/figures/…``.

Pandoc writes the body (``jats_publishing``, MathML) and every metadata field in
JATS markup, in one run (``press.render``). What its writer leaves out is done here,
on lxml trees: the numbers of the ``crossref`` stage become ``<label>``s, links get
their ``ref-type``, numbered equations become labelled ``<disp-formula>``s,
back-matter statements move to their JATS elements, the appendices become
``<app>``s, and the reference list is built as ``<element-citation>``s from the
bibliography's fields (with the formatted entry beside each). The front matter is
built with lxml from the metadata: the serializer escapes every value.

>>> name_parts("Thomas de Waal"), name_parts("Ayşe Yılmaz Kaya", "Yılmaz Kaya")
(('de Waal', 'Thomas'), ('Yılmaz Kaya', 'Ayşe'))
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from filters.bibliography import load_bibliography
from filters.cslitems import structured_references
from filters.language import LANGUAGES, term
from filters.markup import page_range, unsafe_url
from filters.metadata import credit_role
from filters.names import (
    APPENDIX_CLASS,
    BACK_MATTER_CLASS,
    BIBLIOGRAPHY_ID,
    CITATION_CLASS,
    ENTRY_CLASS,
    ENTRY_PREFIX,
    EQUATION_CLASS,
    EQUATION_NUMBER_CLASS,
    EVENT_DATE_CLASS,
    EVENT_REF_CLASS,
    KIND_ATTRIBUTE,
    LABEL_CLASS,
    SECTION_NUMBER_CLASS,
)
from press import ast
from press.editions import EDITION
from press.figures import EXTENSIONS, data_uri_bytes
from press.render import Rendered, render

DTD_VERSION = "1.3"
PUBLIC_ID = "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD with MathML3 v1.3 20210610//EN"
SYSTEM_ID = "https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3-mathml3.dtd"
XLINK = "http://www.w3.org/1999/xlink"
ALI = "http://www.niso.org/schemas/ali/1.0/"
MML = "http://www.w3.org/1998/Math/MathML"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAMESPACES = {"mml": MML, "xlink": XLINK, "ali": ALI}
CREDIT = "https://credit.niso.org/"
JATS_ARGS = ["--mathml", "--wrap=none"]

# Where each back-matter statement goes (JATS4R's recommendations): acknowledgements
# in <ack>, funding in <funding-group>, conflicts and contributions as author notes,
# data availability and ethics as sections of the back matter.
AUTHOR_NOTES = {"conflict-of-interest": "coi-statement", "author-contributions": "con"}
BACK_SECTIONS = {"data-availability": "data-availability", "ethics": "ethics-statement"}
# A footnote's marker and text travel through pandoc as a link and a Div of this
# content-type (the fields template prints the body only, not pandoc's <back>).
FOOTNOTE_TYPE = "press-footnote"
APPENDIX_TYPE = "press-appendix"
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


# --- small helpers -----------------------------------------------------------------

def name_parts(name: str, surname: str | None = None) -> tuple[str, str]:
    """(surname, given names) of a name as written. ``surname`` from the metadata wins;
    otherwise BibTeX's rules decide (``Thomas de Waal`` → ``de Waal``, ``Thomas``)."""
    name = " ".join(name.split())
    if surname:
        surname = " ".join(surname.split())
        given = name[:-len(surname)].strip() if name.endswith(surname) else ""
        return surname, given
    from pybtex.database import Person
    person = Person(name)
    return (" ".join(person.prelast_names + person.last_names) or name,
            " ".join(person.first_names + person.middle_names))


def element(tag: str, text: str | None = None, children=(), **attributes) -> etree._Element:
    """An element with its attributes (``xlink_href`` → ``xlink:href``), text and children."""
    made = etree.Element(tag)
    for key, value in attributes.items():
        if value not in (None, ""):
            made.set(qualified(key), str(value))
    made.text = text
    made.extend(children)
    return made


def qualified(key: str) -> str:
    """``xlink_href`` → ``{…xlink}href``; ``xml_lang`` → ``{…}lang``; ``ref_type`` → ``ref-type``."""
    prefix, _, local = key.partition("_")
    if prefix in NAMESPACES and local:
        return f"{{{NAMESPACES[prefix]}}}{local.replace('_', '-')}"
    if prefix == "xml" and local:
        return XML_LANG
    return key.replace("_", "-")


def fragment(markup: str) -> etree._Element:
    """Pandoc's JATS (elements and text) as the children of one wrapper element."""
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
    return etree.fromstring(f"<wrapper {declarations}>{markup}</wrapper>".encode("utf-8"),
                            etree.XMLParser(resolve_entities=False, no_network=True))


def inline(tag: str, markup: str, **attributes) -> etree._Element:
    """A metadata field rendered as JATS inlines, inside ``tag``."""
    made = element(tag, **attributes)
    wrapper = fragment(markup.strip())
    made.text = wrapper.text
    made.extend(list(wrapper))
    return made


def blocks(tag: str, markup: str, **attributes) -> etree._Element:
    """A metadata field rendered as JATS blocks (``<p>``…), inside ``tag``."""
    made = element(tag, **attributes)
    made.extend(list(fragment(markup.strip())))
    return made


def unwrap(node: etree._Element) -> None:
    """Replace an element by its content (text, children, tail) in its parent."""
    parent = node.getparent()
    at = parent.index(node)
    previous = parent[at - 1] if at else None
    text = (node.text or "")
    if previous is None:
        parent.text = (parent.text or "") + text
    else:
        previous.tail = (previous.tail or "") + text
    children = list(node)
    if children:
        children[-1].tail = (children[-1].tail or "") + (node.tail or "")
    elif previous is None:
        parent.text += node.tail or ""
    else:
        previous.tail += node.tail or ""
    parent[at:at + 1] = children


def remove(node: etree._Element) -> None:
    """Take an element out, keeping its tail text in place."""
    parent = node.getparent()
    tail = node.tail or ""
    previous = node.getprevious()
    if previous is None:
        parent.text = (parent.text or "") + tail
    else:
        previous.tail = (previous.tail or "") + tail
    parent.remove(node)


def date_element(tag: str, iso: str, **attributes) -> etree._Element:
    """``<date iso-8601-date="2021-06-30"><day>30</day><month>06</month><year>2021</year></date>``."""
    year, month, day = (iso.split("-") + ["", ""])[:3]
    children = [element(name, value) for name, value in (("day", day), ("month", month)) if value]
    return element(tag, children=[*children, element("year", year)], iso_8601_date=iso, **attributes)


# --- the document before pandoc writes it -----------------------------------------------

def target_types(doc: dict) -> dict[str, str]:
    """Each id of the document → the ``ref-type`` of a link to it."""
    types: dict[str, str] = {}
    for kind, ref_type in (("Figure", "fig"), ("Table", "table")):
        for found in ast.elements(doc["blocks"], kind):
            types[found["c"][0][0]] = ref_type
    for header in ast.elements(doc["blocks"], "Header"):
        identifier, classes, _ = header["c"][1]
        types[identifier] = "app" if APPENDIX_CLASS in classes else "sec"
    for span in ast.elements(doc["blocks"], "Span"):
        identifier, classes, _ = span["c"][0]
        if EQUATION_CLASS in classes:
            types[identifier] = "disp-formula"
        elif EVENT_REF_CLASS in classes:
            types[identifier] = "other"
    return {identifier: kind for identifier, kind in types.items() if identifier}


def time_spans(inlines: list) -> list:
    """``<time datetime="1994-05-12">`` … ``</time>`` (raw HTML of the chronology) →
    a Span that pandoc writes as ``<named-content content-type="date" vocab="ISO 8601"
    vocab-term="1994-05-12">``: the date stays machine-readable."""
    result: list = []
    opened: list | None = None
    iso = ""
    for item in inlines:
        raw = item["c"][1] if item["t"] == "RawInline" and item["c"][0] == "html" else None
        start = re.fullmatch(r'<time datetime="([^"]*)">', raw or "")
        if start:
            opened, iso = [], start.group(1)
        elif raw == "</time>" and opened is not None:
            result.append({"t": "Span", "c": [["", [], [["content-type", "date"], ["vocab", "ISO 8601"],
                                                        ["vocab-term", iso]]], opened]})
            opened = None
        elif opened is not None:
            opened.append(item)
        elif item.get("c") and isinstance(item["c"], list) and item["t"] in ("Strong", "Emph"):
            result.append({"t": item["t"], "c": time_spans(item["c"])})
        else:
            result.append(item)
    return result


def prepare(job) -> tuple[dict, dict[str, bytes]]:
    """The document as the JATS writer needs it, and the figure files beside the XML."""
    doc = job.document()
    types = target_types(doc)
    notes: list[dict] = []

    def change(item):
        kind = item["t"]
        if kind == "Link" and item["c"][2][0].startswith("#"):
            target = item["c"][2][0][1:]
            ref_type = "bibr" if target.startswith(ENTRY_PREFIX) else types.get(target)
            if ref_type:
                item["c"][0][2].append(["ref-type", ref_type])
            return None
        if kind == "Header":
            _, classes, pairs = item["c"][1]
            if APPENDIX_CLASS in classes:
                pairs.append(["sec-type", APPENDIX_TYPE])
            return None
        if kind == "Div" and BACK_MATTER_CLASS in item["c"][0][1]:
            kind_name = dict(item["c"][0][2]).get(KIND_ATTRIBUTE, "")
            headers = [b for b in item["c"][1] if b["t"] == "Header"]
            for header in headers[:1]:
                header["c"][1][2].append(["sec-type", kind_name])
            return None
        if kind == "Span" and EVENT_DATE_CLASS in item["c"][0][1]:
            item["c"][1] = time_spans(item["c"][1])
            return None
        if kind == "Note":
            number = str(len(notes) + 1)
            notes.append({"t": "Div", "c": [[f"fn{number}", [], [["content-type", FOOTNOTE_TYPE]]],
                                            ast.transform(item["c"], change)]})
            return {"t": "Link", "c": [["", [], [["ref-type", "fn"]]], [{"t": "Str", "c": number}],
                                       [f"#fn{number}", ""]]}
        return None

    doc["blocks"] = ast.transform(doc["blocks"], change) + notes
    return doc, figure_files(doc, job)


def figure_files(doc: dict, job) -> dict[str, bytes]:
    """Each image as a file beside the XML, under the name the text gives it; a
    generated picture (the timeline, a ``data:`` URI) under its figure's id."""
    files: dict[str, bytes] = {}
    for figure in ast.elements(doc["blocks"], "Figure"):
        for image in ast.elements(figure["c"][2], "Image"):
            url = image["c"][2][0]
            if url.startswith("data:"):
                media, data = data_uri_bytes(url)
                stem = re.sub(r"[^A-Za-z0-9_-]+", "-", figure["c"][0][0]).strip("-") or "figure"
                name = f"figures/{stem}{EXTENSIONS[media]}"
                image["c"][2][0] = name
                files[name] = data
    for image in ast.elements(doc["blocks"], "Image"):
        url = image["c"][2][0]
        if url in job.resources:
            files[url] = Path(job.resources[url]).read_bytes()
    return files


def render_jats(job) -> tuple[Rendered, dict[str, bytes], dict[str, dict]]:
    """Pandoc's JATS of the body and of every metadata field, the figure files and the
    cited works' fields (what the JATS and Crossref editions share)."""
    doc, figures = prepare(job)
    works = cited_works(job, doc)
    return render(ast.dump(doc), "jats_publishing", JATS_ARGS, job.plain), figures, works


# --- the body, after pandoc -------------------------------------------------------------

def named(root: etree._Element, content_type: str) -> list[etree._Element]:
    return root.xpath(f".//named-content[@content-type='{content_type}']")


def label_from(node: etree._Element, strip: str = ".:") -> etree._Element:
    """A ``<label>`` with the text of a number span (``Figure 1.`` → ``Figure 1``),
    the span taken out of its text."""
    text = " ".join("".join(node.itertext()).split()).rstrip(strip)
    parent = node.getparent()
    remove(node)
    parent.text = re.sub(r"^[\s:.]+", "", parent.text or "")
    return element("label", text)


def number_labels(body: etree._Element) -> None:
    """Section, figure and table numbers from the text into ``<label>``s (JATS puts
    the label before the title or caption); a table's id on its ``<table-wrap>``."""
    for number in named(body, SECTION_NUMBER_CLASS):
        title = number.getparent()
        if title.tag == "title":
            title.addprevious(label_from(number))
    for number in named(body, LABEL_CLASS):
        paragraph = number.getparent()
        holder = paragraph.getparent().getparent() if paragraph.getparent() is not None else None
        if paragraph.tag == "p" and holder is not None and holder.tag in ("fig", "table-wrap"):
            holder.insert(0, label_from(number))
    for wrap in body.iter("table-wrap"):
        table = wrap.find("table")
        if table is not None and table.get("id") and not wrap.get("id"):
            wrap.set("id", table.attrib.pop("id"))


def numbered_equations(body: etree._Element) -> None:
    """``<named-content content-type="equation" id>`` around a formula and its number →
    ``<disp-formula id><label>(1)</label>…</disp-formula>``."""
    for holder in named(body, EQUATION_CLASS):
        formula = holder.find("disp-formula")
        if formula is None:
            continue
        numbers = named(holder, EQUATION_NUMBER_CLASS)
        if numbers:
            formula.insert(0, element("label", "".join(numbers[0].itertext()).strip()))
            remove(numbers[0])
        formula.set("id", holder.get("id"))
        unwrap(holder)


def plain_spans(body: etree._Element) -> None:
    """A citation's span is only its content in JATS (its links are the xrefs)."""
    for holder in named(body, CITATION_CLASS):
        unwrap(holder)


def back_matter(body: etree._Element) -> dict[str, list[etree._Element]]:
    """The statements out of the body, each in its JATS element: ``ack``, ``funding``
    (its text), ``author-notes`` (``fn``s) and ``back`` (``sec``s)."""
    placed: dict[str, list[etree._Element]] = {"ack": [], "funding": [], "author-notes": [], "back": []}
    for section in body.xpath(".//sec[@sec-type]"):
        kind = section.get("sec-type")
        paragraphs = section.findall("p")
        if kind == "acknowledgements":
            section.tag = "ack"
            del section.attrib["sec-type"]
            placed["ack"].append(section)
        elif kind == "funding":
            placed["funding"] += paragraphs
            section.getparent().remove(section)
        elif kind in AUTHOR_NOTES:
            placed["author-notes"].append(element("fn", fn_type=AUTHOR_NOTES[kind], children=[
                element("label", " ".join("".join(section.find("title").itertext()).split())),
                *paragraphs]))
            section.getparent().remove(section)
        elif kind in BACK_SECTIONS:
            section.set("sec-type", BACK_SECTIONS[kind])
            placed["back"].append(section)
    for node in placed["ack"] + placed["back"]:
        node.getparent().remove(node)
    return placed


def appendices(body: etree._Element) -> etree._Element | None:
    """The appendices (after the reference list in the text) as ``<app-group>``."""
    found = body.xpath(f"./sec[@sec-type='{APPENDIX_TYPE}']")
    if not found:
        return None
    for section in found:
        body.remove(section)
        section.tag = "app"
        del section.attrib["sec-type"]
    return element("app-group", children=found)


def footnotes(body: etree._Element) -> etree._Element | None:
    """The footnotes' texts (Divs at the end of the body) as ``<fn-group>``."""
    found = body.xpath(f".//*[@content-type='{FOOTNOTE_TYPE}']")
    notes = []
    for note in found:
        note.getparent().remove(note)
        notes.append(element("fn", id=note.get("id"), children=[
            element("label", note.get("id")[2:]), *[child for child in note]]))
    return element("fn-group", children=notes) if notes else None


# --- the reference list ------------------------------------------------------------------

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
    return element("element-citation", publication_type=PUBLICATION_TYPES.get(kind, "other"),
                   children=children)


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
        mixed = element("mixed-citation")
        if printed is not None:
            mixed.text = printed.text
            mixed.extend(list(printed))
        citations = [element_citation(works[key])] if key in works else []
        refs.append(element("ref", id=identifier, children=[
            element("citation-alternatives", children=[*citations, mixed]) if citations else mixed]))
    title = section.find("title")
    body.remove(section)
    return element("ref-list", children=[title, *refs] if title is not None else refs)


# --- the front matter ---------------------------------------------------------------------

# Journal Publishing requires a journal-id and an ISSN.
REQUIRED = {"journal.name": "the journal's name",
            "journal.issn|journal.eissn": "the journal's print or electronic ISSN"}


def journal_meta(plain: dict, meta: dict) -> etree._Element:
    journal, rendered = plain.get("journal") or {}, meta.get("journal") or {}
    abbreviation = journal.get("abbreviation")
    children = [element("journal-id", abbreviation or journal.get("name"),
                        journal_id_type="iso-abbrev" if abbreviation else "publisher-id"),
                element("journal-title-group", children=[
                    inline("journal-title", rendered.get("name", "")),
                    *([inline("abbrev-journal-title", rendered["abbreviation"], abbrev_type="iso")]
                      if abbreviation else [])])]
    for key, form in (("issn", "print"), ("eissn", "electronic")):
        if journal.get(key):
            children.append(element("issn", journal[key], publication_format=form))
    if journal.get("publisher"):
        children.append(element("publisher", children=[
            inline("publisher-name", rendered.get("publisher", ""))]))
    if journal.get("url"):
        children.append(element("self-uri", journal["url"], xlink_href=journal["url"]))
    return element("journal-meta", children=children)


def title_group(plain: dict, meta: dict) -> etree._Element:
    children = [inline("article-title", meta.get("title", ""))]
    if plain.get("subtitle"):
        children.append(inline("subtitle", meta["subtitle"]))
    translation, rendered = plain.get("translation") or {}, meta.get("translation") or {}
    if translation.get("title"):
        children.append(element("trans-title-group", xml_lang=translation.get("lang"), children=[
            inline("trans-title", rendered["title"]),
            *([inline("trans-subtitle", rendered["subtitle"])] if translation.get("subtitle") else [])]))
    if plain.get("short-title"):
        children.append(inline("alt-title", meta["short-title"], alt_title_type="running-head"))
    return element("title-group", children=children)


def contributors(plain: dict, lang: str) -> tuple[etree._Element | None, list[etree._Element]]:
    """``<contrib-group>`` (names split, ORCID, e-mail, CRediT roles, affiliations with
    their ROR) and the corresponding author's ``<corresp>`` note."""
    authors = plain.get("authors") or []
    if not authors:
        return None, []
    affiliations = plain.get("affiliations") or []
    numbered = {entry["name"]: index for index, entry in enumerate(affiliations, start=1)}
    ror = {entry["name"]: entry.get("ror") for entry in affiliations}
    shown_roles, english_roles = term(lang, "credit"), LANGUAGES["en"]["credit"]
    contribs, notes = [], []
    for author in authors:
        surname, given = name_parts(author.get("name", ""), author.get("surname"))
        children = []
        if author.get("orcid"):
            children.append(element("contrib-id", f"https://orcid.org/{author['orcid']}",
                                     contrib_id_type="orcid"))
        children.append(element("name", children=[
            element("surname", surname), *([element("given-names", given)] if given else [])]))
        if author.get("email"):
            children.append(element("email", author["email"]))
        for role in author.get("roles") or []:
            key = credit_role(role)
            if key:
                children.append(element(
                    "role", shown_roles[key], vocab="credit", vocab_identifier=CREDIT,
                    vocab_term=english_roles[key],
                    vocab_term_identifier=f"{CREDIT}contributor-roles/{key}/"))
        own = author.get("affiliations") or []
        for name in own:
            xref = element("xref", ref_type="aff", rid=f"aff{numbered[name]}")
            if len(affiliations) > 1:
                xref.append(element("sup", str(numbered[name])))
            children.append(xref)
        if own and author.get("ror") and not ror.get(own[0]):
            ror[own[0]] = author["ror"]
        corresponding = author.get("corresponding") == "true"
        if corresponding:
            identifier = f"cor{len(notes) + 1}"
            children.append(element("xref", "*", ref_type="corresp", rid=identifier))
            note = element("corresp", id=identifier, children=[element("label", "*")])
            note[0].tail = f"{term(lang, 'corresponding_author')}: {author.get('name', '')}"
            if author.get("email"):
                note[0].tail += ", "
                note.append(element("email", author["email"]))
            notes.append(note)
        contribs.append(element("contrib", contrib_type="author",
                                corresp="yes" if corresponding else None, children=children))
    for entry in affiliations:
        name = entry["name"]
        institution = [element("institution", name)]
        if ror.get(name):
            institution.insert(0, element("institution-id", ror[name], institution_id_type="ror"))
        contribs.append(element("aff", id=f"aff{numbered[name]}", children=[
            *([element("label", str(numbered[name]))] if len(affiliations) > 1 else []),
            element("institution-wrap", children=institution)]))
    return element("contrib-group", children=contribs), notes


def permissions(plain: dict, meta: dict) -> etree._Element | None:
    children = []
    if plain.get("copyright"):
        children.append(inline("copyright-statement", meta["copyright"]))
        year = re.search(r"\b(1[5-9]|2\d)\d\d\b", plain["copyright"])
        if year:
            children.append(element("copyright-year", year.group(0)))
    license_ = plain.get("license") or {}
    if license_:
        url = license_.get("url")
        children.append(element("license", xlink_href=url, children=[
            *([element(f"{{{ALI}}}license_ref", url)] if url else []),
            element("license-p", license_.get("name") or license_.get("id"))]))
    return element("permissions", children=children) if children else None


def article_meta(plain: dict, meta: dict, lang: str, statements: dict) -> etree._Element:
    children = []
    if plain.get("doi"):
        children.append(element("article-id", plain["doi"], pub_id_type="doi"))
    children.append(title_group(plain, meta))
    group, corresp = contributors(plain, lang)
    if group is not None:
        children.append(group)
    if corresp or statements["author-notes"]:
        children.append(element("author-notes", children=[*corresp, *statements["author-notes"]]))
    published = plain.get("published") or plain.get("date")
    children.append(date_element("pub-date", published, publication_format="electronic",
                                 date_type="pub") if published else element("pub-date-not-available"))
    journal = plain.get("journal") or {}
    for tag in ("volume", "issue"):
        if journal.get(tag):
            children.append(element(tag, journal[tag]))
    first, last = page_range(journal.get("pages", ""))
    if first:
        children += [element("fpage", first)] + ([element("lpage", last)] if last else [])
    dates = [date_element("date", entry["iso"], date_type="rev-recd" if entry["name"] == "revised"
                          else entry["name"])
             for entry in plain.get("history") or [] if entry.get("name") != "published"]
    if dates:
        children.append(element("history", children=dates))
    rights = permissions(plain, meta)
    if rights is not None:
        children.append(rights)
    if plain.get("url"):
        children.append(element("self-uri", plain["url"], xlink_href=plain["url"]))
    translation, rendered = plain.get("translation") or {}, meta.get("translation") or {}
    if plain.get("abstract"):
        children.append(blocks("abstract", meta["abstract"]))
    if translation.get("abstract"):
        children.append(blocks("trans-abstract", rendered["abstract"], xml_lang=translation.get("lang")))
    for language, source, words in ((lang, plain, meta.get("keywords")),
                                    (translation.get("lang"), translation, rendered.get("keywords"))):
        if source.get("keywords"):
            children.append(element("kwd-group", kwd_group_type="author", xml_lang=language,
                                    children=[inline("kwd", word) for word in words]))
    if statements["funding"]:
        statement = element("funding-statement")
        for index, paragraph in enumerate(statements["funding"]):
            statement.extend([element("break")] if index else [])
            unwrap_into(statement, paragraph)
        children.append(element("funding-group", children=[statement]))
    return element("article-meta", children=children)


def unwrap_into(target: etree._Element, paragraph: etree._Element) -> None:
    """A paragraph's inline content appended to ``target``."""
    if len(target):
        target[-1].tail = (target[-1].tail or "") + (paragraph.text or "")
    else:
        target.text = (target.text or "") + (paragraph.text or "")
    target.extend(list(paragraph))


# --- the document --------------------------------------------------------------------------

def article(job, rendered: Rendered, works: dict[str, dict]) -> etree._Element:
    """The whole ``<article>``: front, body and back."""
    body = fragment(rendered.body)
    body.tag = "body"
    numbered_equations(body)
    number_labels(body)
    plain_spans(body)
    notes = footnotes(body)
    statements = back_matter(body)
    references = reference_list(body, works)
    appendix_group = appendices(body)
    back = [*statements["ack"], *statements["back"], *(n for n in (references, appendix_group, notes)
                                                      if n is not None)]
    front = element("front", children=[journal_meta(rendered.plain, rendered.meta),
                                       article_meta(rendered.plain, rendered.meta, job.lang, statements)])
    root = etree.Element("article", nsmap=NAMESPACES)
    root.set("article-type", "research-article")
    root.set("dtd-version", DTD_VERSION)
    root.set(XML_LANG, job.lang)
    root.extend([front, body, *([element("back", children=back)] if back else [])])
    return root


def jats_xml(job, rendered: Rendered, works: dict[str, dict]) -> bytes:
    # pretty_print indents only elements without text of their own: mixed content stays.
    return etree.tostring(article(job, rendered, works), xml_declaration=True, encoding="UTF-8",
                          pretty_print=True,
                          doctype=f'<!DOCTYPE article PUBLIC "{PUBLIC_ID}" "{SYSTEM_ID}">')


def write(job, shared) -> dict[str, bytes]:
    EDITION["jats"].check(job.plain, job.metadata_file)
    rendered, figures, works = shared.jats
    return {f"jats/{job.slug}.xml": jats_xml(job, rendered, works),
            **{f"jats/{name}": data for name, data in figures.items()}}
