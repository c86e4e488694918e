"""The EPUB 3 edition: pandoc's EPUB writer with our stylesheet, our title page
(from the HTML render's metadata) and a cover drawn by Typst.

Pandoc reads the figures from the manuscript folder (every one checked by the
``resources`` stage); a PDF figure is embedded as the SVG Typst draws of it.
"""
from __future__ import annotations

import json
import tempfile
import uuid
from pathlib import Path

from press import ast
from press.figures import data_uri, svg_of_pdf
from press.html import prepare
from press.render import HIGHLIGHTING
from press.templates import TEMPLATES, context, environment, language_parts, year_of
from press.tools import TYPST_PICTURES, run_pandoc


def epub_identifier(plain: dict) -> str:
    """The DOI when there is one, else a UUID derived from the title and date: stable."""
    doi = plain.get("doi")
    if doi:
        return f"doi:{doi}"
    seed = f"{plain.get('title', '')}|{plain.get('date', '')}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}"


def epub_cover(plain: dict, lang: str, timestamp: int | None) -> bytes:
    """The cover as PNG, drawn by Typst from the metadata as plain text alone, so
    that it needs neither the filters nor a render."""
    source = environment("epub", autoescape=False).get_template("cover.typ.j2").render(
        plain=plain, language=language_parts(lang)[0], year=year_of(plain))
    return TYPST_PICTURES.compile(source, timestamp, output="png")


def package_metadata(plain: dict) -> list[tuple[str, str]]:
    """What the EPUB's package document says of the book besides title and authors:
    publisher, rights, subjects and description (Dublin Core), from the metadata.

    >>> package_metadata({"journal": {"name": "J"}, "keywords": ["a", "b"], "copyright": "© 2021 X",
    ...                   "license": {"name": "CC BY 4.0", "url": "https://x/"}})
    [('publisher', 'J'), ('rights', '© 2021 X · CC BY 4.0 (https://x/)'), ('subject', 'a'), ('subject', 'b')]
    """
    journal = plain.get("journal") or {}
    pairs = []
    if journal.get("publisher") or journal.get("name"):
        pairs.append(("publisher", journal.get("publisher") or journal["name"]))
    license = plain.get("license") or {}
    rights = [plain.get("copyright"), license.get("name") and (
        f"{license['name']} ({license['url']})" if license.get("url") else license["name"])]
    if any(rights):
        pairs.append(("rights", " · ".join(filter(None, rights))))
    pairs += [("subject", keyword) for keyword in plain.get("keywords") or []]
    if plain.get("abstract"):
        pairs.append(("description", plain["abstract"]))
    return pairs


def figure_in_anchor(element: dict) -> dict | None:
    """A labelled figure inside a Div that carries its id: pandoc's EPUB writer
    points links at the chapter of a Div's id, not of a Figure's."""
    if element["t"] != "Figure" or not element["c"][0][0]:
        return None
    identifier = element["c"][0][0]
    element["c"][0][0] = ""
    return {"t": "Div", "c": [[identifier, [], []], [element]]}


def write(job, shared) -> dict[str, bytes]:
    rendered = shared.html
    info = context(job, rendered, "epub")
    title_page = environment("epub", autoescape=True).get_template("titlepage.xhtml.j2").render(info)
    folder = Path(job.folder)
    doc = ast.load(prepare(job, lambda name: data_uri(
        "image/svg+xml", svg_of_pdf(Path(job.resources[name]), folder))))
    doc["blocks"] = ast.transform(doc["blocks"], figure_in_anchor)
    # Our title page opens the book, as a chapter of its own (before the first section),
    # headed by the title: pandoc would otherwise head it with the title a second time.
    title = doc["meta"].get("title", {}).get("c", [])
    doc["blocks"][:0] = [{"t": "Header", "c": [1, ["title-page", ["unnumbered", "title"], []], title]},
                         {"t": "RawBlock", "c": ["html", title_page]}]
    plain = rendered.plain
    with tempfile.TemporaryDirectory() as scratch:
        cover_file = Path(scratch) / "cover.png"
        cover_file.write_bytes(shared.cover)
        output = Path(scratch) / "book.epub"
        args = ["--from", "json", "--to", "epub3", "--output", str(output),
                "--css", str(TEMPLATES / "epub" / "style.css"), "--toc", "--toc-depth=2",
                "--split-level=1", "--epub-title-page=false", "--mathml", *HIGHLIGHTING,
                "--resource-path", str(folder),
                "--epub-cover-image", str(cover_file),
                "--metadata", f"identifier={epub_identifier(plain)}",
                "--metadata", f"toc-title={job.terms['contents']}"]
        for author in plain.get("authors") or []:
            args += ["--metadata", f"author={author.get('name', '')}"]
        for name, value in package_metadata(plain):
            args += ["--metadata", f"{name}={value}"]
        env = {"SOURCE_DATE_EPOCH": str(job.timestamp)} if job.timestamp is not None else {}
        run_pandoc(args, stdin=json.dumps(doc), env=env)
        return {f"{job.slug}.epub": output.read_bytes()}
