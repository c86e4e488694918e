"""The JATS front matter, built with lxml from the metadata: the journal, the titles,
the contributors with their affiliations and roles, the dates, the permissions, the
abstracts and keywords, the funding statement. What PMC's tagging guidelines and
JATS4R's recommendations ask for is there: the publisher's name, the article's type
and subject heading (``article-categories``), CRediT roles with the vocabulary's
exact terms, permissions with the licence and the copyright holder.

>>> name_parts("Thomas de Waal"), name_parts("Ayşe Yılmaz Kaya", "Yılmaz Kaya")
(('de Waal', 'Thomas'), ('Yılmaz Kaya', 'Ayşe'))
>>> copyright_holder("© 2021 The Authors"), copyright_holder("Copyright (c) 2020, Ayşe Yılmaz.")
('The Authors', 'Ayşe Yılmaz')
"""
from __future__ import annotations

import re

from lxml import etree

from core.language import term
from core.markup import page_range
from core.metaschema import CREDIT_TERMS, CREDIT_VOCABULARY, credit_role
from press.jats.xml import ALI, blocks, date_element, element, inline, unwrap_into
from press.templates import publisher

DEFAULT_TYPE = "research-article"


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
    if publisher(plain):  # the journal's publisher, else who registers the DOI
        children.append(element("publisher", children=[
            inline("publisher-name", rendered["publisher"]) if journal.get("publisher")
            else element("publisher-name", publisher(plain))]))
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


def author_notes(plain: dict, meta: dict) -> tuple[list[etree._Element], dict[str, str]]:
    """The notes on the authors and the title as ``<fn>`` elements of ``<author-notes>``, and
    each mark's id (an author's ``<xref ref-type="author-notes">`` points at it)."""
    notes, ids = [], {}
    for index, (note, rendered) in enumerate(zip(plain.get("front-notes") or [], meta.get("front-notes") or []),
                                             start=1):
        ids[note.get("mark", "")] = f"an{index}"
        notes.append(element("fn", id=f"an{index}", children=[
            *([element("label", note["mark"])] if note.get("mark") else []), inline("p", rendered["text"])]))
    return notes, ids


def contributors(plain: dict, lang: str, note_ids: dict[str, str] | None = None
                 ) -> tuple[etree._Element | None, list[etree._Element]]:
    """``<contrib-group>`` (names split, ORCID, e-mail, CRediT roles, affiliations with
    their ROR, the marks of the notes on them) and the corresponding author's ``<corresp>`` note."""
    authors = plain.get("authors") or []
    if not authors:
        return None, []
    affiliations = plain.get("affiliations") or []
    numbered = {entry["name"]: index for index, entry in enumerate(affiliations, start=1)}
    ror = {entry["name"]: entry.get("ror") for entry in affiliations}
    shown_roles = term(lang, "credit")
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
                    "role", shown_roles[key], vocab="credit", vocab_identifier=CREDIT_VOCABULARY,
                    vocab_term=CREDIT_TERMS[key],
                    vocab_term_identifier=f"{CREDIT_VOCABULARY}contributor-roles/{key}/"))
            else:  # a role the taxonomy has not (the metadata stage warned): as written, no vocabulary
                children.append(element("role", str(role)))
        own = author.get("affiliations") or []
        for name in own:
            xref = element("xref", ref_type="aff", rid=f"aff{numbered[name]}")
            if len(affiliations) > 1:
                xref.append(element("sup", str(numbered[name])))
            children.append(xref)
        if own and author.get("ror") and not ror.get(own[0]):
            ror[own[0]] = author["ror"]
        for mark in filter(None, (author.get("note-marks") or "").split(",")):
            if mark in (note_ids or {}):
                children.append(element("xref", mark, ref_type="author-notes", rid=note_ids[mark]))
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
                                corresp="yes" if corresponding else None,
                                equal_contrib="yes" if author.get("equal-contrib") == "true" else None,
                                children=children))
    for entry in affiliations:
        name = entry["name"]
        institution = [element("institution", name)]
        if ror.get(name):
            institution.insert(0, element("institution-id", ror[name], institution_id_type="ror"))
        contribs.append(element("aff", id=f"aff{numbered[name]}", children=[
            *([element("label", str(numbered[name]))] if len(affiliations) > 1 else []),
            element("institution-wrap", children=institution)]))
    return element("contrib-group", children=contribs), notes


def copyright_holder(statement: str) -> str:
    """Who holds the copyright, from the copyright line: the line without ©, the word
    "Copyright", its year and its punctuation."""
    holder = re.sub(r"(?i)©|\(c\)|copyright|\b(1[5-9]|2\d)\d\d\b", " ", statement)
    return " ".join(holder.split()).strip(" ,.;:")


def permissions(plain: dict, meta: dict) -> etree._Element:
    """``<permissions>``, which JATS4R requires of every article: the copyright line
    with its year and holder, and the licence (``ali:license_ref``); a missing licence
    is said by the edition's check (``RECOMMENDED``)."""
    children = []
    if plain.get("copyright"):
        children.append(inline("copyright-statement", meta["copyright"]))
        year = re.search(r"\b(1[5-9]|2\d)\d\d\b", plain["copyright"])
        year = year.group(0) if year else str(plain.get("published") or plain.get("date") or "")[:4]
        if year:
            children.append(element("copyright-year", year))
        holder = copyright_holder(plain["copyright"])
        if holder:
            children.append(element("copyright-holder", holder))
    license_ = plain.get("license") or {}
    if license_:
        url = license_.get("url")
        children.append(element("license", xlink_href=url, children=[
            *([element(f"{{{ALI}}}license_ref", url)] if url else []),
            element("license-p", license_.get("name") or license_.get("id"))]))
    return element("permissions", children=children)


def article_categories(plain: dict, lang: str) -> etree._Element:
    """The headings under which the journal lists the article: ``subject``, else the
    name of its type in its language (PMC requires a heading)."""
    subjects = plain.get("subject") or [term(lang, "article_types")[plain.get("article-type") or DEFAULT_TYPE]]
    return element("article-categories", children=[element("subj-group", subj_group_type="heading", children=[
        element("subject", subject) for subject in subjects])])


def article_meta(plain: dict, meta: dict, lang: str, statements: dict) -> etree._Element:
    children = []
    if plain.get("doi"):
        children.append(element("article-id", plain["doi"], pub_id_type="doi"))
    children.append(article_categories(plain, lang))
    children.append(title_group(plain, meta))
    notes, note_ids = author_notes(plain, meta)
    group, corresp = contributors(plain, lang, note_ids)
    if group is not None:
        children.append(group)
    if corresp or notes or statements["author-notes"]:
        children.append(element("author-notes", children=[*corresp, *notes, *statements["author-notes"]]))
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
    children.append(permissions(plain, meta))
    if plain.get("url"):  # the link's text says what it links (JATS4R): the article, by its title
        children.append(element("self-uri", plain["url"], xlink_href=plain["url"], xlink_title=plain.get("title")))
    translation, rendered = plain.get("translation") or {}, meta.get("translation") or {}
    if plain.get("abstract"):
        children.append(blocks("abstract", meta["abstract"]))
    if translation.get("abstract"):
        children.append(blocks("trans-abstract", rendered["abstract"], xml_lang=translation.get("lang")))
    for language, source, words in ((lang, plain, meta.get("keywords")),
                                    (translation.get("lang"), translation, rendered.get("keywords"))):
        if source.get("keywords"):
            # the article's own language is said once, on <article> (JATS4R)
            children.append(element("kwd-group", kwd_group_type="author", xml_lang=None if language == lang else language,
                                    children=[inline("kwd", word) for word in words]))
    if statements["funding"]:
        statement = element("funding-statement")
        for index, paragraph in enumerate(statements["funding"]):
            statement.extend([element("break")] if index else [])
            unwrap_into(statement, paragraph)
        children.append(element("funding-group", children=[statement]))
    return element("article-meta", children=children)
