"""The EPUB 3 edition: pandoc's EPUB writer with our stylesheet, our title page
(from the HTML render's metadata) and a cover drawn by Typst.

Pandoc runs in its sandbox: it reads no file at all. The figures reach it as
``data:`` URIs, read by us from the files the ``resources`` stage checked (a PDF
figure as the SVG Typst draws of it); since the sandbox lets pandoc read neither
our stylesheet nor the cover, both are put into the book it writes.
"""
from __future__ import annotations

import datetime
import html
import io
import posixpath
import re
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

from core.kinds import Renderers, shown_in
from core.names import UNNUMBERED_CLASS
from core.templatepath import TemplatePath
from core.tools import TYPST_PICTURES, run_pandoc
from filters.resources import FORMATS, media_paths
from press import ast
from press.figures import data_uri, svg_of_pdf
from press.html import math_alt_texts, without_description
from press.html import renderers as web_renderers
from press.kept import kept
from press.render import highlighting
from press.templates import context, environment, language_parts, publisher, year_of


def epub_identifier(plain: dict) -> str:
    """The DOI when there is one, else a UUID derived from the title and date: stable."""
    doi = plain.get("doi")
    if doi:
        return f"doi:{doi}"
    seed = f"{plain.get('title', '')}|{plain.get('date', '')}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}"


def epub_cover(plain: dict, lang: str, timestamp: int | None, templates: TemplatePath) -> bytes:
    """The cover as PNG, drawn by Typst from the metadata as plain text alone, so
    that it needs neither the filters nor a render; kept for the user (``press.kept``)
    under the hash of its Typst source, fonts and Typst's version: Typst takes a tenth of
    a second of CPU to draw it, and a title, its authors and its journal seldom change."""
    from press.cache import files_digest, tool_versions, tree

    source = environment("epub", False, templates).get_template("cover.typ.j2").render(
        plain=plain, language=language_parts(lang)[0], year=year_of(plain))
    fonts = templates.fonts
    return kept(["epub cover", "png", source, timestamp, files_digest(p for f in fonts for p in tree(f)),
                 tool_versions()], "png", lambda: TYPST_PICTURES.compile(source, timestamp, output="png", fonts=fonts))


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
    if not element["c"][0][0]:
        return None
    identifier = element["c"][0][0]
    element["c"][0][0] = ""
    return {"t": "Div", "c": [[identifier, [], []], [element]]}


def embedded(job, folder: Path):
    """A checked figure's ``data:`` URI (a PDF figure's as SVG), for the sandboxed writer."""
    def uri(name: str) -> str:
        path = Path(job.resources[name])
        if name.lower().endswith(".pdf"):
            return data_uri("image/svg+xml", svg_of_pdf(path, folder))
        return data_uri(FORMATS.get(path.suffix.lower(), "application/octet-stream"), path.read_bytes())
    return uri


def renderers(job) -> Renderers:
    """The web editions' renderers (``press.html``), with every picture a ``data:``
    URI (the sandboxed writer reads no file) and labelled figures in an anchor."""
    uri = embedded(job, Path(job.root))

    def image(element):
        if not element["c"][2][0].startswith("data:"):
            element["c"][2][0] = uri(element["c"][2][0])
        without_description(element)

    return Renderers({**web_renderers(job, uri), "image": image, "raw": lambda e: with_data_uris(e, uri),
                      "figure": figure_in_anchor, "subfigure": figure_in_anchor, "timeline": figure_in_anchor,
                      "conditional": shown_in("epub", "html")})


def with_data_uris(element: dict, uri) -> None:
    """The media of the author's raw HTML as ``data:`` URIs."""
    if element["c"][0] == "html":
        text = element["c"][1]
        for name in dict.fromkeys(media_paths(text)):
            for quote in ('"', "'"):
                text = text.replace(f"{quote}{name}{quote}", f"{quote}{uri(name)}{quote}")
        element["c"][1] = text
    return None


# EPUB Accessibility 1.1's conformance claim, at the WCAG level the gatekeepers check
# (DAISY Ace runs axe-core's WCAG 2.1 A and AA rules).
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"


def accessibility_metadata(content: str, summary: str, certifier: str | None) -> bytes:
    """The book's accessibility metadata (schema.org, EPUB Accessibility 1.1), claimed
    from what it holds: visual content when it has pictures (each with its text
    alternative: textual access suffices), MathML when it has equations; the claim of
    conformance only with a party that makes it (the publisher).

    >>> print(accessibility_metadata('<img alt="x"/>', "S.", None).decode())  # doctest: +NORMALIZE_WHITESPACE
    <meta property="schema:accessMode">textual</meta> <meta property="schema:accessMode">visual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessModeSufficient">textual,visual</meta>
    <meta property="schema:accessibilityFeature">alternativeText</meta>
    <meta property="schema:accessibilityFeature">displayTransformability</meta>
    <meta property="schema:accessibilityFeature">readingOrder</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">S.</meta>
    """
    visual = bool(re.search(r"<(img|svg)\b", content))
    features = (["alternativeText"] if visual else []) + (["MathML"] if "<math" in content else []) + [
        "displayTransformability", "readingOrder", "structuralNavigation", "tableOfContents"]
    pairs = [("schema:accessMode", "textual"), *([("schema:accessMode", "visual")] if visual else []),
             ("schema:accessModeSufficient", "textual"),
             *([("schema:accessModeSufficient", "textual,visual")] if visual else []),
             *(("schema:accessibilityFeature", feature) for feature in features),
             ("schema:accessibilityHazard", "none"), ("schema:accessibilitySummary", summary)]
    if certifier:
        pairs += [("dcterms:conformsTo", CONFORMANCE), ("a11y:certifiedBy", certifier)]
    return "\n    ".join(f'<meta property="{name}">{html.escape(value, quote=False)}</meta>'
                          for name, value in pairs).encode()


def finish_book(epub: bytes, stylesheet: bytes, cover: bytes, timestamp: int | None,
                accessibility: tuple[str, str | None] = ("", None)) -> bytes:
    """pandoc's book with our stylesheet in place of its own and our cover added, every
    entry in its order, dated ``timestamp`` (SOURCE_DATE_EPOCH; pandoc in its sandbox
    knows no time), as is the book's modification date; its accessibility metadata
    ours (``accessibility``: the summary and who claims conformance), in place of
    pandoc's, and every formula with its alternative text."""
    moment = datetime.datetime.fromtimestamp(time.time() if timestamp is None else timestamp,
                                             datetime.timezone.utc)
    source = zipfile.ZipFile(io.BytesIO(epub))
    chapters = landing_links({name: source.read(name).decode("utf-8") for name in source.namelist()
                              if name.endswith(".xhtml")})
    content = " ".join(chapters.values())
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as book:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == PANDOC_STYLESHEET:
                data = stylesheet
            elif info.filename == NAV:
                data = plain_contents(math_alt_texts(chapters[info.filename])).encode("utf-8")
            elif info.filename.endswith(".xhtml"):
                data = math_alt_texts(chapters[info.filename]).encode("utf-8")
            elif info.filename == "EPUB/content.opf":
                data = scripted(data, [name for name, text in chapters.items() if "<script" in text])
                data = data.replace(b"</manifest>", COVER_ITEM + b"\n  </manifest>", 1).replace(
                    b"</metadata>", b'  <meta name="cover" content="cover-image" />\n  </metadata>', 1)
                data = re.sub(rb'(<meta property="dcterms:modified">)[^<]*',
                              rb"\g<1>" + moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode(), data)
                data = re.sub(rb'<meta property="schema:[^"]*">[^<]*</meta>\s*', b"", data)
                data = data.replace(b'  <meta name="cover"', b"  " + accessibility_metadata(content, *accessibility)
                                    + b'\n    <meta name="cover"', 1)
            book.writestr(dated(info, moment), data)
        book.writestr(dated(zipfile.ZipInfo(f"EPUB/{COVER_NAME}"), moment), cover)
    return output.getvalue()


NAV = "EPUB/nav.xhtml"
# What of a heading the book's contents show as words: a picture (its alt text), a formula.
NAV_PICTURE = re.compile(r'<img\b[^>]*?\balt="([^"]*)"[^>]*/>')
NAV_MATH = re.compile(r'<math\b[^>]*?\balttext="([^"]*)"[^>]*>.*?</math>', re.S)


def plain_contents(nav: str) -> str:
    """The book's contents (pandoc's ``nav.xhtml``, copied from the headings) with a
    picture as its alt text and a formula as its linear text: pandoc pointed the picture
    outside the book and left the formula's MathML undeclared (EPUBCheck refused both).

    >>> plain_contents('<a>With <img alt="a map" src="../media/file0.png" /> and <math alttext="x^2"><mi>x</mi></math></a>')
    '<a>With a map and x^2</a>'
    """
    return NAV_MATH.sub(r"\1", NAV_PICTURE.sub(r"\1", nav))


def scripted(opf: bytes, chapters: list[str]) -> bytes:
    """The package with each chapter that holds a script (an author's raw HTML, which the
    build warned about) declared ``scripted``, as EPUB 3 requires (EPUBCheck OPF-014).

    >>> scripted(b'<item id="c" href="text/ch001.xhtml" media-type="x" />', ["EPUB/text/ch001.xhtml"])
    b'<item id="c" href="text/ch001.xhtml" media-type="x" properties="scripted" />'
    """
    for name in chapters:
        href = re.escape(posixpath.relpath(name, "EPUB").encode())
        opf = re.sub(rb'(<item [^>]*href="' + href + rb'"[^>]*?)( properties="([^"]*)")?( ?/>)',
                     lambda m: m.group(1) + b' properties="' + (m.group(3) + b" " if m.group(3) else b"")
                     + b'scripted"' + m.group(4), opf)
    return opf


def landing_links(chapters: dict[str, str]) -> dict[str, str]:
    """The book's chapters with every ``#id`` link that pandoc left for another chapter's
    id (in our title page's HTML, which pandoc does not read: a citation in the abstract)
    pointed at that chapter: EPUBCheck refuses a fragment its file does not define.

    >>> landing_links({"EPUB/text/ch001.xhtml": '<a href="#bib-a">A</a>',
    ...                "EPUB/text/ch004.xhtml": '<div id="bib-a"></div>'})["EPUB/text/ch001.xhtml"]
    '<a href="ch004.xhtml#bib-a">A</a>'
    """
    defined = {name: set(re.findall(r'\bid="([^"]+)"', text)) for name, text in chapters.items()}
    home = {}
    for name, identifiers in defined.items():
        for identifier in identifiers:
            home.setdefault(identifier, name)

    def pointed(name: str, match: re.Match) -> str:
        identifier = html.unescape(match.group(1))
        if identifier in defined[name] or identifier not in home:
            return match.group(0)
        return f'href="{posixpath.relpath(home[identifier], posixpath.dirname(name))}#{match.group(1)}"'

    return {name: re.sub(r'href="#([^"]+)"', lambda match, name=name: pointed(name, match), text)
            for name, text in chapters.items()}


def dated(info: zipfile.ZipInfo, moment: datetime.datetime) -> zipfile.ZipInfo:
    """The entry as it was (name, compression), dated ``moment`` (zip's dates start in 1980)."""
    entry = zipfile.ZipInfo(info.filename, date_time=max(moment.timetuple()[:6], (1980, 1, 1, 0, 0, 0)))
    entry.compress_type = info.compress_type
    entry.external_attr = info.external_attr
    return entry


# Where pandoc writes its default stylesheet (when none is given), and the cover's entry.
PANDOC_STYLESHEET = "EPUB/styles/stylesheet1.css"
COVER_NAME = "media/cover.png"
COVER_ITEM = (f'<item id="cover-image" href="{COVER_NAME}" media-type="image/png" '
              f'properties="cover-image" />').encode()


def write(job, shared) -> dict[str, bytes]:
    rendered = shared.html
    info = context(job, rendered, "epub")
    title_page = environment("epub", True, job.template_path).get_template("titlepage.xhtml.j2").render(info)
    doc = job.document()
    doc["blocks"] = ast.render_blocks(doc["blocks"], renderers(job))
    # Our title page opens the book, as a chapter of its own (before the first section),
    # headed by the title: pandoc would otherwise head it with the title a second time.
    doc["blocks"][:0] = [{"t": "Header", "c": [1, ["title-page", [UNNUMBERED_CLASS, "title"], []],
                                               ast.meta_inlines(doc["meta"].get("title"))]},
                         {"t": "RawBlock", "c": ["html", title_page]}]
    plain = rendered.plain
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "book.epub"
        args = ["--from", "json", "--to", "epub3", "--output", str(output),
                "--toc", "--toc-depth=2", "--split-level=1", "--epub-title-page=false", "--mathml",
                *highlighting(job.template_path),
                "--metadata", f"identifier={epub_identifier(plain)}",
                "--metadata", f"toc-title={job.terms['contents']}"]
        for author in plain.get("authors") or []:
            args += ["--metadata", f"author={author.get('name', '')}"]
        for name, value in package_metadata(plain):
            args += ["--metadata", f"{name}={value}"]
        run_pandoc(args, stdin=ast.dump(doc))
        certifier = publisher(plain) or (plain.get("journal") or {}).get("name")
        book = finish_book(output.read_bytes(), job.template_path.find("epub/style.css").read_bytes(),
                           shared.cover, job.timestamp, (job.terms["accessibility_summary"], certifier))
        return {f"{job.slug}.epub": book, f"html/{job.slug}.epub": book}  # the page's download beside it
