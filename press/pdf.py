"""The PDF edition: Typst by default (in-process), or through the LaTeX edition
with ``--pdf-engine xelatex|lualatex``.
"""
from __future__ import annotations

import json
import re

from filters.language import term
from filters.names import EVENT_PLACE_CLASS
from press.render import Rendered, render
from press.templates import context, environment
from press.tools import TYPST


def page_links(node, page: str):
    """The chronology's back-links as page numbers, each a link: ``s. 3`` (pandoc JSON in,
    pandoc JSON out; ``page``: the language's "s." / "p.").

    >>> link = {"t": "Link", "c": [["", ["event-place"], []], [], ["#event-2", ""]]}
    >>> page_links([link], "s.")[0]["c"][1]
    '#link(<event-2>)[s.~#context counter(page).at(<event-2>).first()]'
    """
    if isinstance(node, list):
        return [page_links(child, page) for child in node]
    if not isinstance(node, dict):
        return node
    if node.get("t") == "Link" and EVENT_PLACE_CLASS in node["c"][0][1]:
        label = node["c"][2][0][1:]
        if re.fullmatch(r"[\w:.-]+", label):
            return {"t": "RawInline", "c": ["typst", f"#link(<{label}>)[{page}~#context "
                                                     f"counter(page).at(<{label}>).first()]"]}
    return {key: page_links(value, page) for key, value in node.items()}


def render_typst(job) -> Rendered:
    # Without `smart`, pandoc writes ’ as ’: Typst's smart quotes would print
    # "2020'de" with a prime after the digit.
    doc = json.dumps(page_links(json.loads(job.doc_json), term(job.lang, "page")))
    return render(doc, "typst-smart", ["--wrap=none"], job.plain)


def typst_source(job, rendered: Rendered) -> str:
    template = environment("typst", autoescape=False).get_template("article.typ.j2")
    return template.render(context(job, rendered, "pdf"))


def write(job, shared) -> dict[str, bytes]:
    if job.pdf_engine != "typst":
        from press import latex
        return latex.write_pdf(job, job.pdf_engine)
    return {f"{job.slug}.pdf": TYPST.compile(typst_source(job, render_typst(job)), job.timestamp)}
