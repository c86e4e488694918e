"""The HTML edition: one page (``html/index.html``) with its stylesheet.

Pandoc renders the body and every metadata field to HTML in one run; the page
template (``templates/html/page.html.j2``) adds the title block, the abstracts
and the indexers' metadata. The same render feeds the EPUB's title page.
"""
from __future__ import annotations

from press.render import Rendered, render
from press.templates import TEMPLATES, context, environment, page_range, scholarly_article

HTML_ARGS = ["--toc", "--toc-depth=2", "--number-sections", "--section-divs",
             "--html-q-tags", "--wrap=none"]


def render_html(job) -> Rendered:
    return render(job.doc_json, "html5", HTML_ARGS, job.plain)


def write(job, shared) -> dict[str, bytes]:
    rendered = shared.html
    page = environment("html", autoescape=True).get_template("page.html.j2")
    pdf = f"../{job.slug}.pdf"
    pages = page_range((rendered.plain.get("journal") or {}).get("pages", ""))
    html = page.render(context(job, rendered, "html"), pdf=pdf, epub=f"../{job.slug}.epub",
                       first_page=pages[0], last_page=pages[1],
                       jsonld=scholarly_article(rendered.plain, job.lang, pdf))
    return {"html/index.html": html.encode("utf-8"),
            "html/style.css": (TEMPLATES / "html" / "style.css").read_bytes()}
