"""Our own checks of a JATS article for what PubMed Central and JATS4R ask beyond the
DTD and beyond the JATS4R rule set a registry offers (npm ``@jats4r/schematrons``,
which ``press.schematron`` runs). NLM's PMC Style Checker is on no registry, so the
rules it applies that journals trip on most are written here, each citing its source:

- PMC: the Tagging Guidelines of PubMed Central (pmc.ncbi.nlm.nih.gov/tagging-guidelines);
- JATS4R: jats4r.org's recommendations (citations, accessibility, permissions, CRediT),
  newer than the rules on npm.

Each check takes the parsed article and returns its findings: (severity, element,
message), an ``error`` being what the gatekeeper refuses.

>>> article = etree.fromstring(b'<article article-type="research-article"><front><journal-meta/>'
...     b'<article-meta><permissions/></article-meta></front><back><ref-list><ref><mixed-citation>'
...     b'A (2020).</mixed-citation></ref></ref-list></back></article>')
>>> sorted({message.split(":")[0] for _, _, message in run(article)})
['JATS4R citations', 'JATS4R permissions', 'PMC article-categories', 'PMC publisher-name']
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from lxml import etree

from core.metaschema import ARTICLE_TYPES, CREDIT_TERMS, CREDIT_VOCABULARY
from press.jats.xml import ALI, MML, XLINK

Finding = tuple[str, etree._Element, str]
CHECKS: list[Callable[[etree._Element], list[Finding]]] = []


def check(function: Callable[[etree._Element], list[Finding]]):
    CHECKS.append(function)
    return function


def run(article: etree._Element) -> list[Finding]:
    """Every check's findings on the article, in document order."""
    found = [finding for function in CHECKS for finding in function(article)]
    order = {element: index for index, element in enumerate(article.iter())}
    return sorted(found, key=lambda finding: order.get(finding[1], 0))


@check
def publisher_name(article) -> list[Finding]:
    """PMC, journal metadata: the publisher's name is required."""
    meta = article.find("front/journal-meta")
    if meta is not None and not (meta.findtext("publisher/publisher-name") or "").strip():
        return [("error", meta, "PMC publisher-name: <journal-meta> has no <publisher>/<publisher-name> "
                                "(give journal.publisher)")]
    return []


@check
def article_categories(article) -> list[Finding]:
    """PMC, article metadata: a subject heading in <article-categories>, and a known
    article-type on <article>."""
    found = []
    meta = article.find("front/article-meta")
    if meta is not None and not meta.xpath("article-categories/subj-group[@subj-group-type='heading']/subject"):
        found.append(("error", meta, "PMC article-categories: no <subj-group subj-group-type=\"heading\"> with "
                                     "a <subject> (give subject or article-type)"))
    if article.get("article-type") not in ARTICLE_TYPES:
        found.append(("error", article, f"PMC article-type: '{article.get('article-type')}' is not one of "
                                        + ", ".join(ARTICLE_TYPES)))
    return found


@check
def formula_ids(article) -> list[Finding]:
    """PMC, math: every formula and every <mml:math> has an id."""
    return [("error", node, f"PMC math: <{etree.QName(node).localname}> has no id")
            for node in article.iter("disp-formula", "inline-formula", f"{{{MML}}}math") if not node.get("id")]


@check
def tex_documents(article) -> list[Finding]:
    """PMC, math: a <tex-math> is a complete LaTeX document (PMC typesets it alone)."""
    whole = re.compile(r"\\documentclass.*\\begin\{document\}.*\\end\{document\}", re.S)
    return [("error", node, "PMC tex-math: not a complete LaTeX document (\\documentclass … "
                            "\\begin{document} … \\end{document})")
            for node in article.iter("tex-math") if not whole.search(node.text or "")]


@check
def publication_types(article) -> list[Finding]:
    """JATS4R, general citations: every citation says what kind of work it cites."""
    return [("error", node, f"JATS4R citations: <{node.tag}> has no publication-type")
            for node in article.iter("element-citation", "mixed-citation") if not node.get("publication-type")]


@check
def link_texts(article) -> list[Finding]:
    """JATS4R, accessibility: a link's text (or its xlink:title) says what it links,
    not only its address."""
    found = []
    for node in article.iter("ext-link", "uri", "self-uri"):
        text = " ".join("".join(node.itertext()).split())
        bare = not text or text == node.get(f"{{{XLINK}}}href") or re.match(r"(?i)(https?|s?ftp)://", text)
        if bare and not node.get(f"{{{XLINK}}}title"):
            found.append(("error", node, f"JATS4R accessibility: the text of <{node.tag}> is its address "
                                         f"({text or 'empty'}) and it has no xlink:title saying what it links"))
    return found


@check
def permissions(article) -> list[Finding]:
    """JATS4R, permissions: <permissions> in every article; a copyright statement comes
    with its year and holder; a licence names its address (ali:license_ref)."""
    meta = article.find("front/article-meta")
    if meta is None:
        return []
    rights = meta.find("permissions")
    if rights is None:
        return [("error", meta, "JATS4R permissions: <article-meta> has no <permissions>")]
    found = []
    if rights.find("copyright-statement") is not None:
        for part in ("copyright-year", "copyright-holder"):
            if rights.find(part) is None:
                found.append(("error", rights, f"JATS4R permissions: a copyright statement without <{part}>"))
    license_ = rights.find("license")
    if license_ is None:
        found.append(("warning", rights, "JATS4R permissions: no <license> (give license)"))
    elif license_.find(f"{{{ALI}}}license_ref") is None:
        found.append(("warning", license_, "JATS4R permissions: the licence has no <ali:license_ref>"))
    return found


@check
def credit_roles(article) -> list[Finding]:
    """JATS4R, CRediT: a role of the taxonomy names the vocabulary, and its term and
    the term's address exactly as the vocabulary has them."""
    found = []
    for role in article.iter("role"):
        if role.get("vocab") != "credit":
            continue
        term, address = role.get("vocab-term") or "", role.get("vocab-term-identifier") or ""
        key = next((k for k, name in CREDIT_TERMS.items() if name == term), None)
        if role.get("vocab-identifier") != CREDIT_VOCABULARY:
            found.append(("error", role, f"JATS4R CRediT: vocab-identifier is not {CREDIT_VOCABULARY}"))
        if key is None:
            close = difflib.get_close_matches(term, list(CREDIT_TERMS.values()), n=1, cutoff=0.6)
            found.append(("error", role, f"JATS4R CRediT: '{term}' is not a CRediT term"
                                         + (f" (did you mean '{close[0]}'?)" if close else "")))
        elif address != f"{CREDIT_VOCABULARY}contributor-roles/{key}/":
            found.append(("error", role, f"JATS4R CRediT: the address of '{term}' is "
                                         f"{CREDIT_VOCABULARY}contributor-roles/{key}/, not '{address}'"))
    return found


@check
def conflicts_of_interest(article) -> list[Finding]:
    """JATS4R, conflicts of interest: a statement is ``<fn fn-type="coi-statement">`` in
    ``<author-notes>`` (the current recommendation, and the JATS 1.3 DTD's value)."""
    return [("error", node, "JATS4R COI: a conflict-of-interest statement belongs in <author-notes>")
            for node in article.iter("fn") if node.get("fn-type") == "coi-statement"
            and node.getparent().tag != "author-notes"]


def superseded(pattern: str, node: etree._Element | None) -> bool:
    """Whether a finding of the JATS4R rules on npm (0.0.6, their only release on a
    registry) is one JATS4R withdrew: those rules ask for ``fn-type="COI-statement"``,
    a value the JATS 1.3 DTD refuses; JATS4R's later rules ask for "coi-statement",
    which ``conflicts_of_interest`` checks instead.

    >>> notes = etree.fromstring('<author-notes><fn fn-type="coi-statement"/></author-notes>')
    >>> superseded("coi-errors", notes[0]), superseded("coi-errors", notes), superseded("kwd-warnings", notes[0])
    (True, False, False)
    """
    return (pattern == "coi-errors" and node is not None and node.get("fn-type") == "coi-statement"
            and node.getparent() is not None and node.getparent().tag == "author-notes")


@check
def accessibility(article) -> list[Finding]:
    """JATS4R, accessibility: every graphic has <alt-text>, every table header cells,
    every section a title; a translated title or abstract says its language."""
    found = [("error", node, "JATS4R accessibility: <graphic> has no <alt-text>")
             for node in article.iter("graphic") if node.find("alt-text") is None]
    found += [("error", node, "JATS4R accessibility: <table> has no header cell (<th>)")
              for node in article.iter("table") if not node.xpath(".//th")]
    found += [("error", node, f"JATS4R accessibility: <sec id=\"{node.get('id', '')}\"> has no <title>")
              for node in article.iter("sec") if node.find("title") is None]
    found += [("error", node, f"JATS4R abstracts: <{node.tag}> has no xml:lang")
              for node in article.iter("trans-abstract", "trans-title-group")
              if not node.get("{http://www.w3.org/XML/1998/namespace}lang")]
    return found
