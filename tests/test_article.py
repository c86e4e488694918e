"""The article end to end: build it, read each edition back."""
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SEED

WORD = re.compile(r"\w+")


class TextOf(HTMLParser):
    """Text inside <main>, skipping the parts the build adds (references, chronology,
    footnotes, footnote marks), with each added part's text kept on its own."""

    SKIP_IDS = {"bibliography", "chronology", "footnotes"}

    def __init__(self):
        super().__init__()
        self.stack: list[str | None] = []
        self.body: list[str] = []
        self.skipped: dict[str, list[str]] = {name: [] for name in self.SKIP_IDS}
        self.in_main = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        if not self.in_main or tag in ("br", "hr", "img", "meta", "link"):
            return
        skip = attrs.get("id") if attrs.get("id") in self.SKIP_IDS else None
        if "footnote-ref" in (attrs.get("class") or ""):
            skip = "footnote-ref"
        self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        elif self.in_main and self.stack and tag not in ("br", "hr", "img"):
            self.stack.pop()

    def handle_data(self, data):
        if not self.in_main:
            return
        skipping = [s for s in self.stack if s]
        if not skipping:
            self.body.append(data)
        elif skipping[0] in self.skipped:
            self.skipped[skipping[0]].append(data)


@pytest.fixture(scope="session")
def html_text(article_html):
    parser = TextOf()
    parser.feed(article_html)
    return parser


def seed_words(first_line: int, last_line: int, drop=range(0)) -> list[str]:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    text = " ".join(line for number, line in enumerate(lines, start=1)
                    if first_line <= number <= last_line and number not in drop)
    return WORD.findall(text.replace("Cumhuriyetleri’nin2", "Cumhuriyetleri’nin"))


def normalise(words: list[str]) -> list[str]:
    # "2020a"/"2020b" tell two works of one year apart: the house style adds the letter.
    return [re.sub(r"^(\d{4})[ab]$", r"\1", word) for word in words]


def test_html_holds_the_article_word_for_word(html_text):
    expected = seed_words(45, 874, drop=range(113, 117))
    actual = normalise(WORD.findall(" ".join(html_text.body)))
    assert actual == expected


def test_the_footnote_is_a_real_footnote(html_text, article_html):
    # under the heading "Notlar", before the reference list
    assert WORD.findall(" ".join(html_text.skipped["footnotes"])) == ["Notlar", *seed_words(114, 116)[1:]]
    assert 'role="doc-noteref"' in article_html
    assert article_html.index('id="footnotes"') < article_html.index('id="bibliography"')


def test_abstracts_are_word_for_word(article_html):
    words = WORD.findall(re.sub(r"<[^>]+>", " ", article_html.split("<main>")[0]))
    text = " ".join(words)
    assert " ".join(seed_words(3, 23)) in text
    assert " ".join(seed_words(24, 44)) in text


def test_all_35_author_year_citations_in_house_style(article_html):
    citations = re.findall(r'<span class="citation"[^>]*>(.*?)</span>', article_html)
    texts = {re.sub(r"<[^>]+>", "", c) for c in citations}
    authors_years = {re.sub(r": .*", "", t.strip("()")) for t in texts}
    assert len(citations) == 42
    assert len({re.sub(r"(\d{4})[ab]$", r"\1", a) for a in authors_years}) == 35
    for expected in ["(Aslanlı, 2015: 56)", "(Caferov ve Aslanlı, 2016: 246)", "(Huseynov, 2017: 140)",
                     "(Aynural ve Kesici, 2005: 624)", "(Türk Keneşi, 2020a)", "(Türk Keneşi, 2020b)",
                     "(Özsoy, 2019: 758)", "(Azerbaycan Cumhuriyeti Dışişleri Bakanlığı, 2020)"]:
        assert expected in texts


def test_every_citation_links_to_an_entry(article_html):
    targets = set(re.findall(r'<span class="citation"[^>]*>\(?<a href="#(bib-[^"]+)"', article_html))
    entries = set(re.findall(r'<div id="(bib-[^"]+)" class="reference-entry">', article_html))
    assert targets and targets <= entries


def test_bibliography_is_complete_and_in_turkish_order(html_text, article_html):
    entries = re.findall(r'<div id="bib-([^"]+)" class="reference-entry"', article_html)
    assert len(entries) == len(set(entries)) == 36
    section = re.search(r'<section id="bibliography"[^>]*role="doc-bibliography"', article_html)
    assert section, "the bibliography section carries its DPUB-ARIA role"
    bodies = re.findall(r'class="reference-entry">(.*?)</div>', article_html, re.S)
    heads = [re.sub(r"<[^>]+>", "", body).strip().split(" (")[0] for body in bodies]
    from core.language import sort_key
    assert heads == sorted(heads, key=lambda w: sort_key(w, "tr"))
    # Turkish order, not code-point order: Ö after O, Ş after S, Ü after U, İ after I.
    assert heads.index("Özsoy") < heads.index("Qırım Haber Ajansı") < heads.index("Rabbimov")
    assert heads.index("Sputnik") < heads.index("Tarhan")
    assert heads.index("Sarıkaya") < heads.index("Sputnik")
    assert heads.index("Türk Keneşi") < heads.index("Türküstan İnfo") < heads.index("Valiyev")
    assert "Kaynakça" in article_html


def test_no_unresolved_keys_left(article_html, article_pdf_text):
    visible = re.sub(r"<[^>]+>", " ", article_html)
    assert not re.search(r"@\w+\d{4}", visible)
    assert "??" not in visible and "??" not in article_pdf_text


def test_pdf_holds_title_abstracts_and_references(article_pdf_text):
    # pypdf reads Typst's hyphen glyph as U+00AD; at a line end it is a hyphenation point.
    flat = " ".join(article_pdf_text.replace("\xad\n", "").replace("\xad", "-").split())
    assert "Dağlık Karabağ Sorunu ve Türkistan Devletleri" in flat
    assert "Öz" in flat and "Abstract" in flat
    assert "Nagorno-Karabakh Conflict has been watched" in flat
    assert "Kaynakça" in flat and "(Caferov ve Aslanlı, 2016: 246)" in flat


def test_pdf_appendix_opens_a_page(article):
    """The chronology appendix starts a page of its own, as journals set appendices:
    the page before it ends with the references, its own page holds none of them."""
    from pypdf import PdfReader
    reader = PdfReader(next(article.glob("*.pdf")))
    texts = [page.extract_text() for page in reader.pages]
    first = next(number for number, text in enumerate(texts) if "Ek A: Kronoloji" in text)
    assert "Zorlu" in texts[first - 1]  # the last reference
    assert "Zorlu" not in texts[first] and "Kaynakça" not in texts[first]
    heading = next(item for item in reader.outline if not isinstance(item, list) and item.title == "Ek A: Kronoloji")
    assert reader.get_destination_page_number(heading) == first


def test_pdf_metadata_and_outline(article):
    from pypdf import PdfReader
    reader = PdfReader(next(article.glob("*.pdf")))
    assert reader.metadata.title == "Dağlık Karabağ Sorunu ve Türkistan Devletleri"
    assert reader.trailer["/Root"].get("/Lang") == "tr"
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[0].endswith("Giriş") and "Kaynakça" in outline and "Ek A: Kronoloji" in outline
    links = sum(1 for page in reader.pages for a in page.get("/Annots", []) or []
                if a.get_object().get("/Subtype") == "/Link")
    assert links >= 42


def test_epub_opens(article_epub):
    names = article_epub.namelist()
    assert names[0] == "mimetype" and article_epub.read("mimetype") == b"application/epub+zip"
    opf = article_epub.read("EPUB/content.opf").decode()
    assert "<dc:language>tr</dc:language>" in opf
    assert "Dağlık Karabağ Sorunu ve Türkistan Devletleri" in opf
    nav = re.sub(r"<[^>]+>", "", article_epub.read("EPUB/nav.xhtml").decode())
    assert "1. Giriş" in nav and "Kaynakça" in nav and "Ek A: Kronoloji" in nav
    text = " ".join(article_epub.read(n).decode() for n in names if n.endswith(".xhtml"))
    assert 'class="reference-entry"' in text and "doc-biblioentry" not in text
    assert "(Aslanlı, 2015: 56)" in re.sub(r"<[^>]+>", "", text)


def test_filters_run_stand_alone_under_pandoc(tmp_path):
    """The same filters, as pandoc -F filters, give the same citations, references and chronology."""
    import os
    import subprocess
    import sys

    from conftest import REPO

    from core.tools import pandoc_path
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    result = subprocess.run(
        [pandoc_path(), *sorted(str(p) for p in (REPO / "manuscript").glob("*.md")),
         "--metadata-file", str(REPO / "manuscript" / "metadata.yaml"),
         "-M", f"bibliography={REPO / 'bibliography' / 'references.bib'}",
         *(arg for name in ("citations", "chronology", "links") for arg in ("-F", str(REPO / "filters" / f"{name}.py"))),
         "-t", "html5", "--wrap=none"], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "(Caferov ve Aslanlı, 2016: 246)" in re.sub(r"<[^>]+>", "", result.stdout)
    assert result.stdout.count('class="reference-entry"') == 36
    # the chronology's dates stay format-neutral: pandoc's own writer shows the Span
    # (the HTML edition renders each as <time>)
    assert result.stdout.count('class="datetime" datetime=') >= 24
