"""The element × edition matrix: two sample manuscripts of our own (English and
Turkish, ``tests/samples/article-*``) with every element a journal article has,
built in every edition and read back. The matrix is made from the editions'
records (``press.editions``): each edition is read back by its own reader (the PDF
with pdftotext, the HTML parsed, the EPUB unzipped, the LaTeX folder compiled by
latexmk, the XML deliverables' text, the DOCX's paragraphs), and each element is
looked for in every edition whose renderers print its kind (``core.kinds``). A new
edition is in the matrix the moment it is listed. Figures, images, alt texts and
links are then checked edition by edition."""
from __future__ import annotations

import os
import re
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import SAMPLE_NAMES, require_tool, run_build
from lxml import etree
from lxml import html as lxml_html

from core.kinds import printed
from press.editions import EDITION, Job
from press.editions import EDITIONS as ALL_EDITIONS

SAMPLES = Path(__file__).parent / "samples"
EDITIONS = ("pdf", "html", "epub", "latex")  # the reader editions, for the checks below the matrix
XHTML = {"x": "http://www.w3.org/1999/xhtml"}


def squash(text: str) -> str:
    """Text without whitespace, soft hyphens or quotation marks: line breaks,
    hyphenation and quotes (the HTML edition's <q>) differ between editions, the
    words do not."""
    return re.sub(r"[\s\u00ad“”‘’\"]+", "", text)


# --- what each sample holds, element by element ------------------------------------

ELEMENTS = {
    "article-en": {
        "title": ["Corridors and Mediators: Regional Diplomacy in the South Caucasus, 1991–2021"],
        "subtitle": ["Evidence from Trade, Transit and Ceasefire Talks"],
        "translated title": ["Koridorlar ve Arabulucular", "Ticaret, Transit ve Ateşkes Görüşmelerinden"],
        "authors": ["Ayşe Yılmaz", "John Smith", "Dilnoza Karimova"],
        "affiliations": ["Department of International Relations, Ankara University",
                         "Institute of Caucasus Studies, Baku"],
        "corresponding author": ["Corresponding author: Ayşe Yılmaz", "ayse.yilmaz@example.edu"],
        "ORCID": ["0000-0002-1825-0097", "0000-0001-5109-3700"],
        "dates": ["Received: 12 January 2021", "Revised: 2 April 2021", "Accepted: 20 May 2021",
                  "Published: 30 June 2021"],
        "license": ["CC BY 4.0", "© 2021 The Authors"],
        "journal line": ["Journal of Eurasian Affairs, 14(2), 115–142"],
        "DOI": ["https://doi.org/10.1234/jea.2021--0042"],
        "cite as": ["Cite as:", "Ayşe Yılmaz, John Smith and Dilnoza Karimova (2021)"],
        "abstracts": ["Transit corridors and mediation have been studied apart",
                      "Transit koridorları ile arabuluculuk şimdiye dek"],
        "keywords": ["South Caucasus, mediation, transit corridors, Central Asia",
                     "Güney Kafkasya, arabuluculuk"],
        "sections": ["1. Introduction", "1.1. Contribution", "2.2. Mediation", "3. Method",
                     "4. Results", "5. Conclusion"],
        "unnumbered section": ["Limitations"],
        "figures": ["Figure 1. Corridor trade, 1995–2020", "Figure 2. The Middle Corridor",
                    "Figure 3. A loading terminal", "Figure 4. From dispute to settlement"],
        "tables": ["Table 1. Mediators and their corridor stakes", "Table 2. Gravity estimates",
                   "Kazakhstan", "Observations"],
        "equations": ["(1)", "(2)"],
        "cross-references": ["Figure 1 shows", "Table 1 lists", "model of Section 3 rests on Equation (1)",
                             "estimates are in Section 4", "protocol is in Appendix A",
                             "Figures 2 and 3", "Figures 1 and 2 show",
                             "Equation (2) (see Figure 1; Cornell, 2011: 88)", "Figure 4 summarises"],
        "citations": ["(Cornell, 2011; de Waal, 2013: 45)", "Aliyev et al., 2015: 12",
                      "de Waal (2013: 45)"],
        "footnote": ["We use “South Caucasus” for Armenia, Azerbaijan and Georgia"],
        "code": ["def gravity(y_i, y_j, distance, mediation"],
        "lists": ["a new series of corridor trade", "intense after each escalation"],
        "block quote": ["A pipeline is a treaty you can see from the air"],
        "line block": ["Department of Regional Cooperation", "Ministry of Foreign Affairs"],
        "appendix": ["Appendix A: Interview protocol", "Table A1. Interview protocol",
                     "Appendix B: Data sources", "Figure B1. Port throughput"],
        "back matter": ["Acknowledgements", "We thank the diplomats", "Funding", "grant 120K345",
                        "Conflict of Interest", "Data Availability", "Ethics Approval",
                        "on 3 November 2020 (approval number 2020/117)", "Author Contributions",
                        "John Smith: Formal analysis, Visualization"],
        "references": ["References", "Cornell, S. E. (2011)", "de Waal, T. (2013)",
                       "Hasanov, E. (2018)", "Beridze, N. (2019)", "https://doi.org/10.1080/23761199.2015.1012345"],
        "chronology": ["12 May 1994", "13 July 2006"],
        "timeline": ["Appendix C: Chronology", "Figure C1. Timeline"],
        "listing": ["Listing B1. The coding scheme", "def code(episode):", "Listing B1; its rule is Theorem B1"],
        "subfigure": ["(a) Ports", "(b) Pipelines", "Figure B2. Ports and pipelines", "(Figure B2b on the right)"],
        "theorem": ["Theorem B1 (Coding rule).", "Each episode has one code."],
        "proof": ["Proof.", "By construction of the scheme."],
        "callout": ["Note", "The codes were checked twice."],
    },
    "article-tr": {
        "title": ["Hazar Geçişi ve Arabuluculuk: Orta Koridor Üzerinde Türk Dış Politikası"],
        "subtitle": ["Ticaret Verileri ve Diplomatik Belgelerden Bir Değerlendirme"],
        "translated title": ["Caspian Transit and Mediation"],
        "authors": ["İsmail Çelik", "Şule Öztürk", "Irmak Işıklı"],
        "affiliations": ["Uluslararası İlişkiler Bölümü, İstanbul Üniversitesi",
                         "Avrasya Araştırmaları Enstitüsü, Ankara"],
        "corresponding author": ["Sorumlu yazar: İsmail Çelik", "ismail.celik@example.edu.tr"],
        "ORCID": ["0000-0002-1825-0097"],
        "dates": ["Geliş tarihi: 5 Ekim 2020", "Kabul tarihi: 10 Şubat 2021"],
        "license": ["CC BY-NC 4.0", "© 2021 Yazarlar"],
        "journal line": ["Avrasya Etütleri Dergisi, 9(1), 45–78"],
        "DOI": ["https://doi.org/10.5678/aed.2021.9.1.45"],
        "cite as": ["Atıf:", "İsmail Çelik, Şule Öztürk ve Irmak Işıklı (2021)"],
        "abstracts": ["Bu çalışma, Orta Koridor üzerindeki ticaret", "This study examines the link"],
        "keywords": ["Orta Koridor, arabuluculuk, Hazar", "Middle Corridor, mediation"],
        "sections": ["1. Giriş", "1.1. Katkı", "2.1. Koridor", "3. Yöntem", "4. Bulgular", "5. Sonuç"],
        "figures": ["Şekil 1. Koridor ticareti", "Şekil 2. Bakü’den Almatı’ya",
                    "Şekil 3. Hazar kıyısında", "Şekil 4. Uyuşmazlıktan çözüme"],
        "tables": ["Tablo 1. Arabulucular ve koridordaki çıkarları", "Tablo 2. Çekim modeli tahminleri",
                   "Kazakistan"],
        "equations": ["(1)", "(2)"],
        "cross-references": ["Şekil 1 koridordaki", "Tablo 1 ise", "Bölüm 3 içindeki model Denklem (1)",
                             "Ek A içindedir", "(Şekil 2 ve 4)", "Şekil 1 ve 3 aynı eğilimi",
                             "(bkz. Şekil 1; Cornell, 2011: 88)", "Denklem (2) ile uyumludur"],
        "citations": ["(Cornell, 2011; Öztürk, 2019: 34)", "(Aliyev vd., 2021;", "Yılmaz (2020: 12)"],
        "footnote": ["Bu çalışmada “Orta Koridor” ifadesi"],
        "code": ["def cekim(y_i, y_j, uzaklik"],
        "lists": ["1992-2021 dönemi için yeni bir ticaret serisi", "enerji anlaşmalarına bağlı"],
        "block quote": ["Boru hattı, havadan görülebilen bir antlaşmadır"],
        "appendix": ["Ek A: Görüşme soruları", "Tablo A1. Görüşme soruları", "Şekil A1. Liman kapasitesi"],
        "back matter": ["Teşekkür", "Finansman", "Çıkar Çatışması", "Veri Erişilebilirliği",
                        "Etik Kurul Onayı", "14 Eylül 2020 tarihinde 2020/45 sayılı", "Yazar Katkıları",
                        "Şule Öztürk: Veri iyileştirme, Biçimsel analiz"],
        "references": ["Kaynakça", "Öztürk, Ş. (2019)", "Şahin, E. (2016)", "İlhan, K. (2019)",
                       "Türk Devletleri Teşkilatı (2021)"],
        "chronology": ["5 Mayıs 1994", "13 Temmuz 2006"],
        "timeline": ["Ek B: Kronoloji", "Şekil B1. Zaman çizelgesi"],
    },
}
# A third language is a pack (core/languages/de.py): a small German sample, its
# labels, dates and references read back from every edition.
ELEMENTS["article-de"] = {
    "title": ["Korridore und Vermittler im Südkaukasus"],
    "authors": ["Jana Weber"],
    "abstracts": ["Der Beitrag verbindet Transitkorridore und Vermittlung"],
    "keywords": ["Südkaukasus, Vermittlung, Transit"],
    "sections": ["1. Einleitung", "2. Ergebnisse"],
    "figures": ["Abbildung 1. Handel im Korridor, 1995–2020"],
    "tables": ["Tabelle 1. Vermittler und ihre Interessen"],
    "equations": ["(1)"],
    "cross-references": ["wie Abbildung 1 zeigt", "Tabelle 1 nennt", "in Abschnitt 1 bleiben"],
    "citations": ["(Cornell, 2011: 45)"],
    "footnote": ["Die Teilnehmerliste ist im Anhang abgedruckt"],
    "references": ["Literatur", "Cornell, S. E. (2011)"],
    "chronology": ["5. Mai 1994", "Das Bischkeker Protokoll wurde unterzeichnet", "Juni 2006"],
    "timeline": ["Anhang A: Chronologie", "Abbildung A1. Zeitleiste"],
}
# The full samples, for the edition-by-edition checks below the matrix.
FULL = ("article-en", "article-tr")
# The content kind of each element (``core.kinds``): an edition is asked for the
# element when its renderer for the kind puts it in the text.
KIND_OF = {"title": "title", "subtitle": "subtitle", "translated title": "translated-title",
           "authors": "authors", "affiliations": "affiliations", "corresponding author": "corresponding-author",
           "ORCID": "orcid", "dates": "history", "license": "license", "journal line": "journal-line",
           "DOI": "doi", "cite as": "cite-as", "abstracts": "abstract", "keywords": "keywords",
           "sections": "section", "unnumbered section": "section", "figures": "figure", "tables": "table",
           "equations": "equation", "cross-references": "cross-reference", "citations": "citation",
           "footnote": "footnote", "code": "code", "lists": "list", "block quote": "block-quote", "line block": "line-block",
           "appendix": "appendix", "back matter": "back-matter", "references": "reference-entry",
           "chronology": "chronology-list", "timeline": "timeline", "listing": "listing",
           "subfigure": "subfigure", "theorem": "theorem", "proof": "proof", "callout": "callout"}
# Where every edition prints the same element in the same order (the parts of the article).
ORDER = {
    "article-en": ["1. Introduction", "5. Conclusion", "Acknowledgements", "Author Contributions",
                   "References", "Appendix A: Interview protocol", "Appendix B: Data sources",
                   "Appendix C: Chronology"],
    "article-tr": ["1. Giriş", "5. Sonuç", "Teşekkür", "Yazar Katkıları", "Kaynakça",
                   "Ek A: Görüşme soruları", "Ek B: Kronoloji"],
}


# --- each edition, read back ------------------------------------------------------

@dataclass
class Edition:
    text: str                                         # all readable text, in reading order
    images: list[str] = field(default_factory=list)   # the figures' files (names or formats)
    alts: list[str] = field(default_factory=list)     # their alt texts
    links: list[str] = field(default_factory=list)    # internal link targets


def read_pdf(pdf: Path) -> Edition:
    require_tool("pdftotext", "apt-get install poppler-utils")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    images = [line.split()[2] for line in listing.splitlines()[2:] if line.split()[2] == "image"]
    from pypdf import PdfReader
    reader = PdfReader(pdf)
    links = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation or \
                    annotation.get("/A", {}).get("/S") == "/GoTo":
                links.append("internal")
    return Edition(text, images, struct_alts(reader), links)


def struct_alts(reader) -> list[str]:
    """The alt texts of the PDF's tagged figures."""
    found: list[str] = []

    def visit(node, depth=0):
        node = node.get_object()
        if depth > 80:
            return
        if isinstance(node, dict):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            for key in ("/K",):
                if key in node:
                    visit(node[key], depth + 1)
        elif isinstance(node, list):
            for child in node:
                visit(child, depth + 1)

    root = reader.trailer["/Root"]
    if "/StructTreeRoot" in root:
        visit(root["/StructTreeRoot"])
    return found


def read_html(folder: Path) -> Edition:
    page = folder / "html" / "index.html"
    tree = lxml_html.parse(str(page))
    body = tree.find("body")
    images = [img.get("src") for img in body.iter("img")]
    for src in images:
        assert src.startswith("data:") or (page.parent / src).is_file(), f"broken image {src}"
    alts = [img.get("alt") or "" for img in body.iter("img")]
    links = [a.get("href")[1:] for a in body.iter("a") if (a.get("href") or "").startswith("#")]
    ids = {element.get("id") for element in body.iter() if element.get("id")}
    assert not [link for link in links if link not in ids], "every internal link has its target"
    return Edition(body.text_content(), images, alts, links)


def read_epub(epub: Path) -> Edition:
    book = zipfile.ZipFile(epub)
    opf = etree.fromstring(book.read("EPUB/content.opf"))
    spine = [item.get("idref") for item in opf.iter("{*}itemref")]
    manifest = {item.get("id"): item.get("href") for item in opf.iter("{*}item")}
    text, images, alts, links = [], [], [], []
    for idref in spine:
        name = "EPUB/" + manifest[idref]
        document = etree.fromstring(book.read(name))
        body = document.find(".//x:body", XHTML)
        text.append(" ".join(body.itertext()))
        for img in body.iter("{http://www.w3.org/1999/xhtml}img"):
            target = (Path(name).parent / img.get("src")).as_posix()
            target = re.sub(r"[^/]+/\.\./", "", target)
            assert target in book.namelist(), f"the EPUB embeds {target}"
            images.append(target)
            alts.append(img.get("alt") or "")
        links += [a.get("href") for a in body.iter("{http://www.w3.org/1999/xhtml}a")
                  if "#" in (a.get("href") or "") and not a.get("href").startswith("http")]
    return Edition(" ".join(text), images, alts, links)


@pytest.fixture(scope="session")
def latex_pdfs(built) -> dict[str, Path]:
    """Each sample's LaTeX folder compiled on its own by latexmk, as a journal would."""
    require_tool("latexmk", "apt-get install latexmk texlive-xetex texlive-lang-european")
    pdfs = {}
    for sample, out in built.items():
        folder = out / "latex"
        tex = next(folder.glob("*.tex"))
        result = subprocess.run(["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                                cwd=folder, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout[-3000:]
        pdfs[sample] = tex.with_suffix(".pdf")
    return pdfs


@pytest.fixture(scope="session")
def editions(built, request) -> dict[tuple[str, str], Edition]:
    cache: dict[tuple[str, str], Edition] = {}

    def get(sample: str, edition: str) -> Edition:
        if (sample, edition) not in cache:
            out = built[sample]
            if edition == "pdf":
                cache[sample, edition] = read_pdf(next(out.glob("*.pdf")))
            elif edition == "html":
                cache[sample, edition] = read_html(out)
            elif edition == "epub":
                cache[sample, edition] = read_epub(next(out.glob("*.epub")))
            else:
                cache[sample, edition] = read_pdf(request.getfixturevalue("latex_pdfs")[sample])
        return cache[sample, edition]

    return get


def edition_param(edition: str):
    return pytest.param(edition, marks=pytest.mark.slow) if edition == "latex" else edition


def shown(edition, kind: str) -> bool:
    """Whether the edition's renderers put the kind in its text."""
    return printed(edition.renderers(Job("{}", "sample", "en", None))[kind])


SLOW_READERS = ("press.readback:latex_text",)  # compiles the folder
MATRIX = [pytest.param(sample, element, edition.name, id=f"{sample}-{element}-{edition.name}",
                       marks=[pytest.mark.slow] if edition.reader in SLOW_READERS else [])
          for sample, elements in ELEMENTS.items() for element in elements for edition in ALL_EDITIONS
          if shown(edition, KIND_OF[element])]


@pytest.fixture(scope="session")
def read_back(built):
    """The text of each sample's edition, read by the edition's own reader, once."""
    cache: dict[tuple[str, str], str] = {}

    def text(sample: str, name: str) -> str:
        if (sample, name) not in cache:
            edition = EDITION[name]
            path = next(built[sample].glob(edition.main_file("*")))
            cache[sample, name] = edition.read(path)
        return cache[sample, name]

    return text


@pytest.mark.parametrize("sample, element, edition", MATRIX)
def test_element_in_edition(read_back, sample, element, edition):
    text = squash(read_back(sample, edition))
    missing = [expected for expected in ELEMENTS[sample][element] if squash(expected) not in text]
    assert not missing, f"{element} missing from the {edition} edition: {missing}"


@pytest.mark.parametrize("edition", ["pdf", "html", "epub", "jats", "docx"])
def test_content_for_some_formats_is_in_those_editions_only(read_back, edition):
    """Quarto's ``.content-visible when-format="html"`` (the EPUB is an HTML format, as
    Quarto has it) and ``.content-hidden``: each edition prints what is meant for it, and
    only that (a PDF-only block was in every edition)."""
    text = " ".join(read_back("article-en", edition).split())
    web = edition in ("html", "epub")
    assert ("can be downloaded from this page" in text) is web, edition
    assert ("is on the journal" in text) is not web, edition


def test_every_kind_is_in_a_sample(built):
    """The samples hold every kind of content (the author's raw markup and LaTeX
    commands only LaTeX knows aside: each is warned about, and a sample builds without a
    warning; tests/test_latex_names.py reads tex-text back; and a journal's page range,
    which only its PDF's front matter holds: tests/test_journal.py reads it back from every
    edition), so the matrix asks every edition for each of them."""
    import json

    from core.kinds import KINDS, kind_of
    from press.ast import elements

    found = set()
    for out in built.values():
        facts = json.loads((out / ".cache" / "filtered.json").read_text(encoding="utf-8").partition("\n")[2])
        blocks = json.loads(facts["ast"])["blocks"]
        found |= {kind_of(element) for kind in KINDS for name in kind.elements
                  for element in elements(blocks, name)}
    assert {kind.name for kind in KINDS if kind.elements} - found == {"raw", "tex-text", "page-range"}


def test_the_matrix_holds_every_edition_and_kind():
    """Generated from the records: every edition is read back, every kind of the
    samples asked for, and only what an edition leaves out (with its reason) is not."""
    assert {param.values[2] for param in MATRIX} == {edition.name for edition in ALL_EDITIONS}
    assert set(ELEMENTS) == set(SAMPLE_NAMES)
    assert set(KIND_OF) == {element for elements in ELEMENTS.values() for element in elements}
    assert not shown(EDITION["crossref"], "code") and shown(EDITION["docx"], "code")


@pytest.mark.parametrize("sample", FULL)
@pytest.mark.parametrize("edition", [edition_param(e) for e in EDITIONS])
def test_parts_in_order(editions, sample, edition):
    """Main text, back matter, references, then the appendices, the chronology last."""
    text = squash(editions(sample, edition).text)
    body = text.find(squash(ELEMENTS[sample]["abstracts"][-1]))  # past the title page and contents
    positions = []
    for part in ORDER[sample]:
        body = text.find(squash(part), body + 1)
        positions.append(body)
    assert -1 not in positions, list(zip(ORDER[sample], positions))


# --- figures, equations, tables, links: structure, edition by edition ---------------

@pytest.mark.parametrize("sample", FULL)
def test_pdf_figures_are_embedded_with_alt_text(editions, sample):
    pdf = editions(sample, "pdf")
    # PNG (twice: the appendix reuses it) and JPEG are images; SVG and PDF stay vector.
    assert len(pdf.images) >= 3, pdf.images
    alts = " ".join(pdf.alts)
    assert ("Photograph of a loading terminal" in alts) == (sample == "article-en")
    assert ("Corridor trade" in alts) or ("Koridor ticareti" in alts)
    assert len(pdf.links) >= 10, "cross-references and citations are links in the PDF"


@pytest.mark.parametrize("sample", FULL)
def test_html_figures_tables_and_math(built, sample):
    page = (built[sample] / "html" / "index.html").read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    figures = tree.xpath("//main//figure")
    assert len(figures) >= 6
    sources = [img.get("src") for img in tree.xpath("//main//figure//img")]
    assert {Path(s).suffix for s in sources if not s.startswith("data:")} >= {".png", ".svg", ".jpg"}
    assert any(s.endswith(".pdf.svg") for s in sources), "a PDF figure is shown as SVG"
    # alt: the caption without its number, or the author's alt=
    alts = [img.get("alt") for img in tree.xpath("//main//figure//img")]
    assert all(alt and not re.match(r"(Figure|Şekil) \d", alt) for alt in alts), alts
    if sample == "article-en":
        assert "Photograph of a loading terminal: a grey quay under a pale sky." in alts
        assert tree.xpath("//img[@src='figures/pipeline.jpg' and contains(@style, 'width:60')]")
    # tables: numbered caption first, a scrolling box around each
    for table in tree.xpath("//main//table"):
        assert table[0].tag == "caption" and re.match(r"(Table|Tablo) A?\d\.", table[0].text_content())
        assert "table-wrap" in table.getparent().get("class", "")
    # equations: MathML with the number beside it; no TeX left over, no script
    equations = tree.xpath("//span[contains(@class, 'equation') and @id]")
    assert [e.xpath("string(.//span[@class='equation-number'])") for e in equations] == ["(1)", "(2)"]
    assert all(e.xpath(".//*[local-name()='math']") for e in equations)
    shown = "".join(tree.xpath("//main//text()[not(ancestor::*[local-name()='annotation'])]"))
    assert "$$" not in shown and "\\frac" not in shown
    assert not tree.xpath("//script[not(@type='application/ld+json')]"), "MathML needs no JavaScript"
    # code: highlighted, with the highlighter's styles
    assert tree.xpath("//pre[contains(@class, 'python')]//span[@class='kw']")
    assert "code span.kw" in page
    # cross-references are links to numbered things
    xrefs = tree.xpath("//a[contains(@class, 'xref')]")
    assert len(xrefs) >= 8
    for link in xrefs:
        target = tree.xpath(f"//*[@id='{link.get('href')[1:]}']")
        assert target and target[0].get("data-number"), link.get("href")


@pytest.mark.parametrize("sample", FULL)
def test_epub_figures_and_math(built, editions, sample):
    epub = editions(sample, "epub")
    assert len(epub.images) >= 6 and {Path(i).suffix for i in epub.images} >= {".png", ".svg", ".jpg"}
    assert all(alt for alt in epub.alts)
    book = zipfile.ZipFile(next(built[sample].glob("*.epub")))
    chapters = " ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert "<math" in chapters and 'class="equation-number"' in chapters and "$$" not in chapters
    assert re.search(r'<math alttext="[^"]+"', chapters), "every formula has its alternative text"


@pytest.mark.parametrize("sample", FULL)
def test_latex_folder_carries_its_figures(built, sample):
    folder = built[sample] / "latex"
    tex = next(folder.glob("*.tex")).read_text(encoding="utf-8")
    included = re.findall(r"\\includegraphics(?:\[[^]]*\])?\{([^}]+)\}", tex)
    assert len(included) >= 6
    for name in included:
        assert (folder / name).is_file(), name
        assert not name.endswith(".svg"), "LaTeX gets a PDF for every SVG"
    assert "\\tag*{(1)}" in tex and "\\tag*{(2)}" in tex
    assert "\\begin{Highlighting}" in tex and "\\DefineVerbatimEnvironment{Highlighting}" in tex
    assert "\\usepackage{amsmath,amssymb,mathtools,bm,mathrsfs,amsthm}" in tex


@pytest.mark.slow
@pytest.mark.parametrize("sample", FULL)
def test_latex_pdf_has_the_figures(latex_pdfs, sample):
    listing = subprocess.run(["pdfimages", "-list", str(latex_pdfs[sample])],
                             capture_output=True, text=True, check=True).stdout
    assert len(listing.splitlines()) - 2 >= 3


def test_every_edition_prints_the_same_numbers(editions):
    """The numbers come from one stage: every caption and reference reads alike."""
    labels = {}
    for edition in ("pdf", "html", "epub"):
        text = squash(editions("article-en", edition).text)
        labels[edition] = sorted(set(re.findall(r"(?:Figure|Table)[A-C]?\d\.", text)))
    assert labels["pdf"] == labels["html"] == labels["epub"], labels


def test_samples_build_without_warnings_but_the_chronology(built):
    """The samples are clean manuscripts: no unknown key, no missing image."""
    for sample in ELEMENTS:
        out = built[sample]
        result = run_build("check", "--root", str(SAMPLES / sample), "--out", str(out))
        assert result.returncode == 0, result.stderr
        other = [line for line in result.stderr.splitlines()
                 if "warning" in line and "has no year" not in line and "incomplete entry" not in line
                 and "may need an editor's eye" not in line]
        assert not other, other


@pytest.mark.slow
@pytest.mark.parametrize("sample", FULL)
def test_sample_page_in_chromium_on_a_phone(built, sample):
    """At 375 px nothing scrolls the page sideways: wide tables, code and equations
    scroll inside their own boxes; every image loads; axe-core finds nothing serious."""
    chromium = require_tool("chromium", "apt-get install chromium")
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    from press.screenshots import CHROMIUM_FLAGS, dejavu_only
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as scratch:
        # a machine with no font but DejaVu: the page shows the fonts it ships
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS,
                                             env={**os.environ, **dejavu_only(Path(scratch))})
        try:
            page = browser.new_page(viewport={"width": 375, "height": 800})
            errors = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto((built[sample] / "html" / "index.html").as_uri())
            assert errors == [], errors
            loaded = page.evaluate("document.fonts.ready.then(() => [...document.fonts]"
                                   ".filter(f => f.status === 'loaded').map(f => f.family))")
            assert set(loaded) == {'"EB Garamond"'} or set(loaded) == {"EB Garamond"}, loaded
            assert page.evaluate("document.documentElement.scrollWidth") <= 375
            broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
                                   ".map(i => i.getAttribute('src').slice(0, 60))")
            assert broken == [], broken
            assert page.evaluate("getComputedStyle(document.querySelector('.smallcaps')).fontVariantCaps") \
                == "small-caps"
            assert page.evaluate("getComputedStyle(document.querySelector('td')).borderTopStyle") == "none"
            violations = Axe().run(page).response["violations"]
            serious = [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")]
            assert serious == [], serious
        finally:
            browser.close()


@pytest.mark.parametrize("sample", FULL)
def test_epub_styles_small_caps(built, sample):
    book = zipfile.ZipFile(next(built[sample].glob("*.epub")))
    css = book.read("EPUB/styles/stylesheet1.css").decode()
    text = " ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert ".smallcaps { font-variant: small-caps; }" in css and 'class="smallcaps"' in text


@pytest.mark.parametrize("sample", FULL)
def test_html_ships_its_fonts_subset_to_the_page(built, sample):
    """EB Garamond (OFL, from npm @fontsource) beside the page: only the blocks the page
    uses, each face subset to the page's characters, the licence with them; every
    Turkish letter the page uses is in them."""
    from fontTools.ttLib import TTFont

    from press.webfonts import page_characters
    folder = built[sample] / "html" / "fonts"
    css = (folder / "fonts.css").read_text(encoding="utf-8")
    html = (built[sample] / "html" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="fonts/fonts.css">' in html
    assert "SIL Open Font License" in (folder / "OFL.txt").read_text(encoding="utf-8")
    used = page_characters(html)
    files = re.findall(r'url\("([^"]+)"\) format\("woff2"\)', css)
    assert len(files) >= 8 and all(f.startswith("eb-garamond-") for f in files)
    covered = set()
    for name in files:
        data = (folder / name).read_bytes()
        assert data[:4] == b"wOF2" and len(data) < 30_000, name
        cmap = {chr(code) for code in TTFont(folder / name).getBestCmap()}
        # the page's characters (and a few their ligatures and alternates bring along)
        assert len(cmap - used) <= 5, sorted(cmap - used)
        covered |= cmap
    assert set("ğşıİçöüĞŞÇÖÜ") & used <= covered
