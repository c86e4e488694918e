"""Raw HTML that Markdown has elements for (``m<sup>2</sup>``, ``<br>``, ``<hr>``) shown in
every edition, not dropped by all but the HTML one; what stays raw keeps the EPUB's
pages well-formed XHTML (an author's trial: a ``<br>`` in a table made EPUBCheck's
FATAL "not well-formed", and the PDF ran the table's lines together)."""
from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

from core.tools import pandoc_path
from press.readback import pdf_text
from press.validate import epubcheck_findings
from tests.conftest import paper_build

PAPER = ("---\ntitle: Breaks\n---\n\n# A\n\nFirst line<br>second line, 5 m<sup>2</sup> of H<sub>2</sub>O, "
         "<b>bold <i>both</i></b>, <del>gone</del>, <span class=\"x\">kept</span>.\n\n<hr>\n\n"
         "An <input type=checkbox> box<br/>and <img src=\"x.png\" alt=\"\" width=\"40%\">.\n")
FIGURE = Path(__file__).parent / "samples" / "article-en" / "manuscript" / "figures" / "trade.png"


def paper_with_a_picture(tmp_path, *editions):
    (tmp_path / "x.png").write_bytes(FIGURE.read_bytes())
    result = paper_build(tmp_path, PAPER, *editions)
    assert result.returncode == 0, result.stderr
    return tmp_path / "out"


def test_raw_html_with_a_markdown_element_is_that_element_in_every_edition(tmp_path):
    out = paper_with_a_picture(tmp_path, "pdf", "docx")
    native = subprocess.run([pandoc_path(), str(out / "breaks.docx"), "-t", "native"],
                            capture_output=True, text=True, check=True).stdout
    for element in ('Superscript [ Str "2" ]', 'Subscript [ Str "2" ]', "LineBreak", 'Strikeout [ Str "gone" ]',
                    'Emph [ Str "both" ]', "Image"):
        assert element in native, element
    assert "HorizontalRule" in native or "w:pBdr" in native
    assert "First line\nsecond line" in pdf_text(out / "breaks.pdf")
    images = subprocess.run(["pdfimages", "-list", str(out / "breaks.pdf")], capture_output=True, text=True).stdout
    assert len(images.splitlines()) > 2  # the <img>'s picture is in the PDF


def test_the_epubs_pages_stay_well_formed_around_raw_html(tmp_path):
    epub = paper_with_a_picture(tmp_path, "epub") / "breaks.epub"
    assert not [f for f in epubcheck_findings(epub) if f.severity in ("error", "fatal")], epubcheck_findings(epub)
    with zipfile.ZipFile(epub) as book:
        pages = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert "<br>" not in pages and "<hr>" not in pages


def test_unbalanced_raw_html_is_balanced_and_a_raw_heading_is_a_heading(tmp_path):
    """A French thesis (an author's trial): ``<h3 id="biblio">Bibliographie</h6>`` made the
    EPUB's page unreadable (EPUBCheck RSC-016, fatal) with exit 0, and the PDF printed the
    heading as a paragraph; a <div> left open, an </span> nothing opened, items whose end
    HTML implies, the same."""
    result = paper_build(tmp_path, "---\ntitle: Raw\nchronology: false\n---\n\n# Intro\n\nText.\n\n"
                         '<h2 class="unnumbered" id="biblio">Bibliographie</h6>\n\nMore text.\n\n'
                         '<div class="box">\n\nIn a box.\n\n</span>\n\n<ul><li>one<li>two</ul>\n', "epub", "html", "pdf")
    assert result.returncode == 0, result.stderr
    epub = tmp_path / "out" / "raw.epub"
    assert not [f for f in epubcheck_findings(epub) if f.severity in ("error", "fatal")], epubcheck_findings(epub)
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert '<section id="biblio" class="level3 unnumbered">' in page and "</h6>" not in page  # level 2: h3 in HTML
    assert "<p>In a box.</p>\n<ul>" in page and "<p></p>" not in page  # the </span> nothing opened: gone
    assert "<ul><li>one</li><li>two</li></ul>" in page.replace("\n", "")
    from pypdf import PdfReader
    outline = PdfReader(tmp_path / "out" / "raw.pdf").outline  # a heading in the PDF too: in its outline
    assert "Bibliographie" in [item.title for item in outline[-1]], outline


def test_a_raw_table_cut_into_pieces_is_a_table_and_an_unknown_schemes_address_is_text(tmp_path):
    """An author's trial (MyST papers): a raw HTML table written a tag a line, which pandoc
    reads as a raw block a tag and a paragraph a cell, printed "A B 1 2" as one line in the
    PDF; ``<rrid:SCR_008394>`` was read as a tag nothing closed, the EPUB's page unreadable
    (RSC-016) and the PDF silent."""
    result = paper_build(tmp_path, "---\ntitle: Cut\nchronology: false\n---\n\nIntro.\n\n<table>\n<thead>\n<tr>\n"
                         "<th>A</th>\n<th>B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n"
                         "</tbody>\n</table>\n\nSee <rrid:SCR_008394> here.\n", "html", "pdf", "epub")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "<th>A</th>" in page and "<td>2</td>" in page and "See rrid:SCR_008394 here." in page
    text = pdf_text(tmp_path / "out" / "cut.pdf")
    assert "A B 1 2 After" not in text and "rrid:SCR_008394" in text
    epub = tmp_path / "out" / "cut.epub"
    assert not [f for f in epubcheck_findings(epub) if f.severity in ("error", "fatal")], epubcheck_findings(epub)


def test_a_raw_table_of_markdown_cells_and_namespaced_tags_are_read_as_before(tmp_path):
    """A review: a raw table whose cells hold Markdown (a citation, math) was joined into
    one raw block of their words, the citation lost; <o:p></o:p> (Word's) was read as an
    address and printed "o:p"."""
    (tmp_path / "refs.bib").write_text("@book{smith2020, author={Smith, A}, title={T}, publisher={P}, year={2020}}\n",
                                       encoding="utf-8")
    result = paper_build(tmp_path, "---\ntitle: Cells\nbibliography: refs.bib\nchronology: false\n---\n\n"
                         "<table>\n<tr>\n<td>\n\nAs [@smith2020] says.\n\n</td>\n</tr>\n</table>\n\n"
                         "Pasted <o:p></o:p> from Word.\n")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "(Smith, 2020)" in re.sub(r"<[^>]+>", "", page) and "o:p" not in re.sub(r"<[^>]+>", "", page)
