"""An edition's text read back from its built file, as a reader would see it: the
PDF through poppler's ``pdftotext``, the HTML page's body, the EPUB's chapters in
reading order, the LaTeX folder compiled by latexmk and read as a PDF, the XML
deliverables' text, the DOCX's paragraphs and tables. The editions' records name
these (``press.editions``); the tests' element × edition matrix and the corpus
benchmark read every edition with them.

>>> import tempfile
>>> page = Path(tempfile.mkdtemp()) / "index.html"
>>> _ = page.write_text("<html><body><h1>T</h1><p>a <em>b</em></p></body></html>")
>>> html_text(page)
'T a b'
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from core.diagnostics import BuildError

XHTML = "{http://www.w3.org/1999/xhtml}"


def words(text: str) -> str:
    return " ".join(text.split())


def require(program: str, install: str) -> str:
    path = shutil.which(program)
    if not path:
        raise BuildError(f"{program} not found: reading the edition back needs it", hint=install)
    return path


def pdf_text(path: Path) -> str:
    pdftotext = require("pdftotext", "apt-get install poppler-utils")
    return subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True).stdout


# What a reader never sees: the TeX source MathML carries beside each formula, and the
# one JATS gives as an alternative to its MathML.
UNSEEN = ("annotation", "{http://www.w3.org/1998/Math/MathML}annotation", "tex-math")


# Elements that stand apart from the text around them: their words never run into the
# next (inline ones, <strong>Y</strong>es, do; a footnote's mark does not either).
BLOCKS = {"p", "div", "section", "header", "footer", "nav", "main", "aside", "article", "figure",
          "figcaption", "caption", "table", "tr", "td", "th", "thead", "tbody", "ul", "ol", "li", "dl", "dt",
          "dd", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "title", "sec", "fig",
          "table-wrap", "list-item", "ref", "fn", "label", "disp-formula", "math", "mtd", "mtr", "body",
          "front", "back", "aff", "contrib", "kwd", "abstract", "app", "tr", "mtable"}


def seen_text(element) -> str:
    """The text of an element as a reader sees it (``UNSEEN`` left out): blocks apart,
    the parts of one word together."""
    from lxml import etree

    etree.strip_elements(element, *UNSEEN, with_tail=False)
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        if etree.QName(node).localname in BLOCKS or "footnote-ref" in (node.get("class") or ""):
            node.text = " " + (node.text or "")
            node.tail = " " + (node.tail or "")
        elif etree.QName(node).localname == "q":  # its quotation marks come from the stylesheet
            node.text = "“" + (node.text or "")
            node.tail = "”" + (node.tail or "")
    return "".join(element.itertext())


def html_text(path: Path) -> str:
    from lxml import html

    return words(seen_text(html.parse(str(path)).find("body")))


def epub_text(path: Path) -> str:
    """The chapters' text in the spine's order."""
    from lxml import etree

    book = zipfile.ZipFile(path)
    package = etree.fromstring(book.read("EPUB/content.opf"))
    manifest = {item.get("id"): item.get("href") for item in package.iter("{*}item")}
    parts = []
    for reference in package.iter("{*}itemref"):
        chapter = etree.fromstring(book.read("EPUB/" + manifest[reference.get("idref")]))
        parts.append(seen_text(chapter.find(f".//{XHTML}body")))
    return words(" ".join(parts))


def latex_text(path: Path) -> str:
    """The LaTeX folder's ``.tex`` compiled as a journal would (latexmk, XeLaTeX), read as a PDF."""
    latexmk = require("latexmk", "apt-get install latexmk texlive-xetex texlive-lang-european")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "latex"
        shutil.copytree(path.parent, folder)
        result = subprocess.run([latexmk, "-xelatex", "-interaction=nonstopmode", "-halt-on-error", path.name],
                                cwd=folder, capture_output=True, text=True)
        if result.returncode != 0:
            raise BuildError(f"latexmk failed on the LaTeX folder: {result.stdout[-500:]}", str(path))
        return pdf_text(folder / path.with_suffix(".pdf").name)


def xml_text(path: Path) -> str:
    from lxml import etree

    tree = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    return words(seen_text(tree.getroot()))


def docx_text(path: Path) -> str:
    """The paragraphs, the tables' cells and the footnotes, in the document's order."""
    from lxml import etree

    with zipfile.ZipFile(path) as package:
        parts = [etree.fromstring(package.read(name)) for name in ("word/document.xml", "word/footnotes.xml")
                 if name in package.namelist()]
    namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    math = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
    texts = []
    for root in parts:
        for paragraph in root.iter(f"{namespace}p"):
            texts.append("".join(node.text or "" for node in paragraph.iter(f"{namespace}t", f"{math}t")))
    return words(" ".join(texts))
