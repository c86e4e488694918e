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


def html_text(path: Path) -> str:
    from lxml import html

    body = html.parse(str(path)).find("body")
    return words(" ".join(body.itertext()))


def epub_text(path: Path) -> str:
    """The chapters' text in the spine's order."""
    from lxml import etree

    book = zipfile.ZipFile(path)
    package = etree.fromstring(book.read("EPUB/content.opf"))
    manifest = {item.get("id"): item.get("href") for item in package.iter("{*}item")}
    parts = []
    for reference in package.iter("{*}itemref"):
        chapter = etree.fromstring(book.read("EPUB/" + manifest[reference.get("idref")]))
        body = chapter.find(f".//{XHTML}body")
        parts.append(" ".join(body.itertext()))
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
    return words(" ".join(tree.getroot().itertext()))


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
