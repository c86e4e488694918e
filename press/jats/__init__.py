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

"""
from __future__ import annotations

from lxml import etree

from press import ast
from press.jats.body import (
    alt_texts,
    appendices,
    back_matter,
    footnotes,
    formulas,
    linked_in_context,
    number_labels,
    numbered_equations,
    plain_code,
    plain_spans,
    prepare,
    renderers,  # noqa: F401 (the edition's renderers, where its record looks for them)
    verses,
    within_link_words,
)
from press.jats.front import DEFAULT_TYPE, article_meta, journal_meta
from press.jats.references import cited_works, reference_list
from press.jats.xml import NAMESPACES, XML_LANG, element, fragment
from press.render import Rendered, render

DTD_VERSION = "1.3"
PUBLIC_ID = "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD with MathML3 v1.3 20210610//EN"
SYSTEM_ID = "https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3-mathml3.dtd"
JATS_ARGS = ["--mathml", "--wrap=none"]


def render_jats(job) -> tuple[Rendered, dict[str, bytes], dict[str, dict], dict[str, str]]:
    """Pandoc's JATS of the body and of every metadata field, the figure files, the
    cited works' fields (what the JATS and Crossref editions share) and each figure
    file's alternative text."""
    doc, figures, alts = prepare(job)
    works = cited_works(job, doc)
    rendered = render(ast.dump(doc), "jats_publishing", JATS_ARGS, job.plain)
    return rendered, figures, works, alts


# --- the front matter ---------------------------------------------------------------------

# Journal Publishing requires a journal-id and an ISSN.
REQUIRED = {"journal.name": "the journal's name",
            "journal.issn|journal.eissn": "the journal's print or electronic ISSN"}
# What archives and indexers ask for, without which the edition is still written
# (each missing one a warning): JATS4R's permissions, PMC's publisher-name.
RECOMMENDED = {"license": "the licence, which archives need to know what they may do with the article "
                          "(JATS4R's permissions)",
               "journal.publisher|crossref.registrant": "the publisher's name (PMC requires publisher-name)"}


# --- the document --------------------------------------------------------------------------

def article(job, rendered: Rendered, works: dict[str, dict], alts: dict[str, list[str]]) -> etree._Element:
    """The whole ``<article>``: front, body and back."""
    body = fragment(rendered.body)
    body.tag = "body"
    numbered_equations(body)
    number_labels(body)
    plain_spans(body)
    plain_code(body)
    notes = footnotes(body)
    statements = back_matter(body)
    references = reference_list(body, works)
    appendix_group = appendices(body)
    back = [*statements["ack"], *statements["back"], *(n for n in (references, appendix_group, notes)
                                                      if n is not None)]
    front = element("front", children=[journal_meta(rendered.plain, rendered.meta),
                                       article_meta(rendered.plain, rendered.meta, job.lang, statements)])
    root = etree.Element("article", nsmap=NAMESPACES)
    root.set("article-type", rendered.plain.get("article-type") or DEFAULT_TYPE)
    root.set("dtd-version", DTD_VERSION)
    root.set(XML_LANG, job.lang)
    root.extend([front, body, *([element("back", children=back)] if back else [])])
    formulas(root)
    within_link_words(root)
    verses(root)
    linked_in_context(root)
    alt_texts(root, alts)
    return root


def jats_xml(job, rendered: Rendered, works: dict[str, dict], alts: dict[str, list[str]]) -> bytes:
    # pretty_print indents only elements without text of their own: mixed content stays.
    return etree.tostring(article(job, rendered, works, alts), xml_declaration=True, encoding="UTF-8",
                          pretty_print=True,
                          doctype=f'<!DOCTYPE article PUBLIC "{PUBLIC_ID}" "{SYSTEM_ID}">')


def write(job, shared) -> dict[str, bytes]:
    rendered, figures, works, alts = shared.jats
    return {f"jats/{job.slug}.xml": jats_xml(job, rendered, works, alts),
            **{f"jats/{name}": data for name, data in figures.items()}}
