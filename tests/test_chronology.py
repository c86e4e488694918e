"""The chronology filter: steps on panflute elements, a sample manuscript against its
expected output, the article's appendix in all three editions, and English."""
import io
import json
import re
from pathlib import Path

import panflute as pf
import pytest

from conftest import run_build, write_manuscript
from filters import chronology
from filters.chronology import event_text, inline_text, wrap
from filters.timeline import layout_timeline
from filters.dates import parse_iso
from press.tools import run_pandoc

SAMPLES = Path(__file__).parent / "samples" / "chronology"


def doc_from(markdown: str) -> pf.Doc:
    return pf.load(io.StringIO(run_pandoc(["--from", "markdown", "--to", "json"], stdin=markdown)))


def native(doc: pf.Doc) -> str:
    """The AST in pandoc's own notation, readable in a diff."""
    return run_pandoc(["--from", "json", "--to", "native"], stdin=json.dumps(doc.to_json()))


def test_sample_against_expected_ast():
    doc = chronology.main(doc_from((SAMPLES / "input.md").read_text(encoding="utf-8")))
    assert native(doc) == (SAMPLES / "expected.native").read_text(encoding="utf-8")


def test_wrap_splits_a_word_at_the_date():
    inlines = [pf.Str("(27"), pf.Space(), pf.Str("Eylül"), pf.Space(), pf.Str("2020’de)")]
    text, bounds, _ = inline_text(inlines)
    start = text.index("27")
    end = text.index(")")
    result = wrap(inlines, bounds, [(start, end, "event-1")])
    assert isinstance(result[1], pf.Span) and result[1].identifier == "event-1"
    assert pf.stringify(result[1]) == "27 Eylül 2020’de"
    assert pf.stringify(result[0]) == "(" and pf.stringify(result[2]) == ")"


def test_event_text_drops_date_connector_and_citation():
    citation = pf.Span(pf.Str("(Aslanlı,"), pf.Space(), pf.Str("2015)"), classes=["citation"])
    inlines = [pf.Str("Protokol"), pf.Space(), pf.Str("5"), pf.Space(), pf.Str("Mayıs"), pf.Space(),
               pf.Str("1994"), pf.Space(), pf.Str("tarihinde"), pf.Space(), pf.Str("imzalandı"),
               pf.Space(), citation, pf.Str(".")]
    text, _, objects = inline_text(inlines)
    start = text.index("5 Mayıs")
    assert event_text(text, objects, start, start + len("5 Mayıs 1994"), "tr") == "Protokol imzalandı."


def test_event_text_is_capitalised_the_turkish_way():
    text = "iki ülke 21 Ocak 2021 tarihinde anlaştı."
    start = text.index("21")
    assert event_text(text, [], start, start + len("21 Ocak 2021"), "tr") == "İki ülke anlaştı."


def test_impossible_event_date_stops_the_filter():
    from filters.diagnostics import BuildError
    doc = doc_from('---\nlang: tr\n---\n\nBir [x]{.event date="2020-13-40"} olay.\n')
    with pytest.raises(BuildError) as error:
        chronology.main(doc)
    assert "2020-13-40" in str(error.value) and "[x]" in str(error.value)


def test_disagreeing_date_attribute_is_a_warning(caplog):
    doc = doc_from('---\nlang: tr\n---\n\nSavaş [27 Eylül 2020]{.event date="2020-09-28"} başladı.\n')
    chronology.main(doc)
    assert any("2020-09-27" in r.getMessage() and "2020-09-28" in r.getMessage() for r in caplog.records)


def test_yearless_date_is_a_warning_not_a_guess(caplog):
    doc = doc_from('---\nlang: tr\n---\n\n# A\n\nSaldırı 20 Ekim tarihinde oldu.\n')
    chronology.main(doc)
    assert any("'20 Ekim' has no year" in r.getMessage() for r in caplog.records)
    assert not any(isinstance(b, pf.Header) and b.identifier == "chronology" for b in doc.content)


def test_chronology_can_be_turned_off():
    doc = chronology.main(doc_from('---\nlang: tr\nchronology: false\n---\n\nSavaş 27 Eylül 2020’de başladı.\n'))
    assert "Kronoloji" not in pf.stringify(doc)


def test_automatic_detection_can_be_turned_off():
    doc = chronology.main(doc_from('---\nlang: tr\nchronology: {auto: false}\n---\n\n'
                                   'Savaş 27 Eylül 2020’de başladı. [20 Ekim]{.event date="2020-10-20"} saldırı.\n'))
    appendix = pf.stringify(doc).split("Ek A: Kronoloji")[1]
    assert "20 Ekim 2020" in appendix and "27 Eylül 2020" not in appendix


def test_timeline_labels_do_not_collide():
    events = [(parse_iso(iso), label) for iso, label in [
        ("2020-09-27", "27 Eylül 2020"), ("2020-09-28", "28 Eylül 2020"), ("2020-10-04", "4 Ekim 2020"),
        ("1992-08-30", "30 Ağustos 1992"), ("1994-03-31/1994-04-03", "31 Mart – 3 Nisan 1994")]]
    layout = layout_timeline(events)
    boxes = [(m.label_x, m.label_x + len(m.label) * 6.2, m.lane) for m in layout.marks]
    for i, (a0, a1, lane_a) in enumerate(boxes):
        for b0, b1, lane_b in boxes[i + 1:]:
            assert lane_a != lane_b or a1 <= b0 or b1 <= a0
    assert all(0 <= b0 and b1 <= layout.width for b0, b1, _ in boxes)
    assert layout.ticks[0][1] <= 1992 and layout.ticks[-1][1] >= 2020


# --- the article --------------------------------------------------------------

ARTICLE_EVENTS = ["1991-08-30", "1991-09-20", "1992-06-09", "1992-08-26", "1992-08-27", "1992-08-30",
                  "1993-01-19", "1994-03-31", "1994-05-02", "1994-05-05", "1995-10-02", "2006-06-16",
                  "2016-09", "2017-08", "2020-07", "2020-09-27", "2020-09-28", "2020-10-04", "2020-10-15",
                  "2020-10-20", "2020-11-09", "2021-01", "2021-01-21"]


def test_article_appendix_in_html(article_html):
    section = re.search(r'<section id="chronology"[^>]*role="doc-appendix"[^>]*>(.*?)</section>',
                        article_html, re.S)
    assert section, "the appendix is a section with role doc-appendix"
    appendix = section.group(1)
    assert "Ek A: Kronoloji" in re.sub(r"<[^>]+>", "", appendix)
    assert 'src="data:image/svg+xml;base64,' in appendix
    assert "Şekil A1." in re.sub(r"<[^>]+>", "", appendix)  # the appendix's first figure
    items = re.findall(r"<li>(.*?)</li>", appendix, re.S)
    first_times = [re.search(r'<time datetime="([^"]+)"', item).group(1) for item in items]
    assert first_times == ARTICLE_EVENTS
    assert '<time datetime="1994-03-31">31 Mart</time> – <time datetime="1994-04-03">3 Nisan 1994</time>' in appendix
    anchors = re.findall(r'href="#(event-\d+)"', appendix)
    for anchor in anchors:
        assert f'id="{anchor}"' in article_html
    war = next(item for item in items if 'datetime="2020-09-27"' in item)
    assert len(re.findall(r'href="#event-', war)) >= 5, "one entry, a back-link for each place"


def test_article_appendix_in_epub(article_epub):
    chapter = next(n for n in article_epub.namelist()
                   if n.endswith(".xhtml") and b'id="chronology"' in article_epub.read(n))
    text = article_epub.read(chapter).decode()
    assert 'role="doc-appendix"' in text and re.search(r'<img src="\.\./media/file\d+\.svg"', text)
    assert re.findall(r'<time datetime="([^"]+)"', text)[:2] == ["1991-08-30", "1991-09-20"]
    assert re.search(r'href="ch00\d\.xhtml#event-\d+"', text), "back-links cross chapters"


def test_article_appendix_in_pdf(article_pdf_text):
    appendix = article_pdf_text.split("Ek A: Kronoloji")[-1]
    for date in ["30 Ağustos 1991", "31 Mart – 3 Nisan 1994", "Temmuz 2020", "21 Ocak 2021"]:
        assert date in appendix
    assert appendix.index("30 Ağustos 1991") < appendix.index("Temmuz 2020") < appendix.index("21 Ocak 2021")
    assert "Zaman çizelgesi" in article_pdf_text


ENGLISH = {
    "01-intro.md": "# Introduction\n\nThe ceasefire was signed on 9 November 2020 [@smith2021, 12].\n"
                   "Talks were held between 2 and 5 May 1994 [@smith2021; @jones_lee2019].\n",
    "02-war.md": "# The war\n\nFighting began on September 27, 2020 [@brown_etal2020].\n"
                 "In July 2020 clashes broke out, as @jones_lee2019 [4-6] notes.\n",
}
ENGLISH_BIB = """@book{smith2021, author = {Smith, John}, title = {Karabakh}, year = {2021}, publisher = {Press}}
@article{jones_lee2019, author = {Jones, Ann and Lee, Bo}, title = {Talks}, journal = {Caucasus}, year = {2019}}
@misc{brown_etal2020, author = {Brown, A. and Green, B. and White, C.}, title = {War}, year = {2020}}
"""


def test_english_manuscript_builds_unchanged(tmp_path):
    root = write_manuscript(tmp_path, ENGLISH, "lang: en\ntitle: Karabakh in English\n", ENGLISH_BIB)
    result = run_build("html", "--root", str(root))
    assert result.returncode == 0, result.stderr
    html = (root / "build" / "html" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert '<html lang="en">' in html
    assert "Appendix A: Chronology" in text and "References" in text and "Kaynakça" not in text
    assert "(Smith, 2021: 12)" in text and "(Smith, 2021; Jones and Lee, 2019)" in text
    assert "(Brown et al., 2020)" in text and "Jones and Lee (2019: 4–6)" in text
    times = re.findall(r'<time datetime="([^"]+)"', html)
    assert times == ["1994-05-02", "1994-05-05", "2020-07", "2020-09-27", "2020-11-09"]
    assert "2–5 May 1994" in text and "9 November 2020" in text
