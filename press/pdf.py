"""The PDF edition: Typst by default (in-process), or through the LaTeX edition
with ``--pdf-engine xelatex|lualatex``.
"""
from __future__ import annotations

from press.render import Rendered, render
from press.templates import context, environment
from press.tools import TYPST


def render_typst(job) -> Rendered:
    # Without `smart`, pandoc writes ’ as ’: Typst's smart quotes would print
    # "2020'de" with a prime after the digit.
    return render(job.doc_json, "typst-smart", ["--wrap=none"], job.plain)


def typst_source(job, rendered: Rendered) -> str:
    template = environment("typst", autoescape=False).get_template("article.typ.j2")
    return template.render(context(job, rendered, "pdf"))


def write(job, shared) -> dict[str, bytes]:
    if job.pdf_engine != "typst":
        from press import latex
        return latex.write_pdf(job, job.pdf_engine)
    return {f"{job.slug}.pdf": TYPST.compile(typst_source(job, render_typst(job)), job.timestamp)}
