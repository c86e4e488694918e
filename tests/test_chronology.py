"""The chronology filter: steps on panflute elements, a sample manuscript against its
expected output, the article's appendix in all three editions, and English."""
import re

import panflute as pf
import pytest
from conftest import doc_from, paper_build, run_build, write_manuscript
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.language import term
from filters import chronology
from filters.chronology import inline_text, wrap
from filters.dates import parse_iso
from filters.entries import read_date
from filters.timeline import LINE, layout_timeline


def test_wrap_splits_a_word_at_the_date():
    inlines = [pf.Str("(27"), pf.Space(), pf.Str("Eylül"), pf.Space(), pf.Str("2020’de)")]
    text, bounds, _ = inline_text(inlines, "tr")
    start = text.index("27")
    end = text.index(")")
    result = wrap(inlines, bounds, [(start, end, "event-1")])
    assert isinstance(result[1], pf.Span) and result[1].identifier == "event-1"
    assert pf.stringify(result[1]) == "27 Eylül 2020’de"
    assert pf.stringify(result[0]) == "(" and pf.stringify(result[2]) == ")"


def entry(sentence: str, written: str, lang: str) -> str:
    start = sentence.index(written)
    return read_date(sentence, [(start, start + len(written), "")], 0, lang).text


@pytest.mark.parametrize("sentence, written, lang, expected", [
    ("Protokol 5 Mayıs 1994 tarihinde imzalandı.", "5 Mayıs 1994", "tr", "Protokol imzalandı."),
    ("iki ülke 21 Ocak 2021 tarihinde anlaştı.", "21 Ocak 2021", "tr", "İki ülke anlaştı."),
    ("Bununla birlikte 27 Eylül 2020’de başlayan İkinci Karabağ Savaşı’nda Özbekistan’ın tepkisine "
     "bakacak olursak benzer bir açıklama görmekteyiz.", "27 Eylül 2020’de", "tr",
     "İkinci Karabağ Savaşı başlamıştır."),
    ("Kerimov’un Eylül 2016’da ölmesiyle yeni bir dönem başlamıştır.", "Eylül 2016’da", "tr",
     "Kerimov ölmüştür."),
    ("BM Genel Kurulu’nun 14 Mart 2008 tarihli kararıyla çekilme talep edilmiştir.",
     "14 Mart 2008", "tr", "BM Genel Kurulu’nun kararıyla çekilme talep edilmiştir."),
    ("In mid-October 2020 President Jeenbekov resigned.", "mid-October 2020", "en",
     "President Jeenbekov resigned."),
    ("On the night of 1–2 April 2016 the leaders of Azerbaijan met.", "1–2 April 2016", "en",
     "The leaders of Azerbaijan met."),
    ("Azerbaijan's offensive of 27 September 2020 lasted a single day.", "27 September 2020", "en",
     "Azerbaijan's offensive lasted a single day."),
    ("Five days later, eleven villages were returned.", "Five days later", "en",
     "Eleven villages were returned."),
    ("A ceasefire agreed on 29 April 2021 held only partly.", "29 April 2021", "en",
     "A ceasefire was agreed and held only partly."),
    # a time of day with its case ending goes with the date ("sabahı" did, "sabahında" was left)
    ("2 Eylül 1922 sabahında ordu İzmir’e yürüdü.", "2 Eylül 1922", "tr", "Ordu İzmir’e yürüdü."),
    ("Şehir 13 Eylül 1922 gecesinden itibaren yandı.", "13 Eylül 1922", "tr", "Şehir yandı."),
])
def test_entry_text_is_the_clause_of_the_date(sentence, written, lang, expected):
    assert entry(sentence, written, lang) == expected


def test_a_clause_about_another_date_is_left_out():
    sentence = "The fighting spread on 29 April 2021, and a protocol was signed on 1 May 2021."
    first, second = sentence.index("29 April 2021"), sentence.index("1 May 2021")
    dates = [(first, first + 13, ""), (second, second + 10, "")]
    assert read_date(sentence, dates, 0, "en").text == "The fighting spread."
    assert read_date(sentence, dates, 1, "en").text == "A protocol was signed."


def test_impossible_event_date_stops_the_filter():
    from core.diagnostics import BuildError
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


@pytest.mark.parametrize("markdown, expected", [
    # a plan's date, the only one with a year: the day falls before it (the case; it
    # was dated 1976 once, then left out with "no year in its paragraph")
    ("The launch set for March 3, 1975 never took place: on February 2 a fire destroyed the pad.\n",
     "1975-02-02"),
    # a deadline's: the day before it is the year before ("to 31 January 2020, on 28 October")
    ("The Council granted an extension, to 31 January 2020, on 28 October.\n", "2019-10-28"),
    # … even after a paragraph that told of another year (the check of the fix)
    ("The treaty was signed in 1922.\n\nThe launch set for March 3, 1975 never took place: on February 2 a "
     "fire destroyed the pad.\n", "1975-02-02"),
])
def test_a_plans_or_deadlines_year_dates_a_day_before_it(markdown, expected, caplog):
    doc = chronology.main(doc_from("---\nlang: en\n---\n\n# A\n\n" + markdown))
    assert expected in [e.span.iso for e in doc.chronology_events]
    assert not any("has no year" in r.getMessage() for r in caplog.records)


def test_days_listed_before_the_year_that_closes_their_sentence_take_that_year():
    # the sentence, after a paragraph that told of 1922: the list's days are 2020
    doc = chronology.main(doc_from(
        "---\nlang: tr\n---\n\n# A\n\nOrdu 9 Eylül 1922’de İzmir’e girdi.\n\n"
        "Üçlü bildiri uyarınca Ağdam 20 Kasım’da, Kelbecer 25 Kasım’da, Laçin ise 1 Aralık 2020’de "
        "Azerbaycan’a iade edilmiştir.\n"))
    dated = {e.span.iso: e.text for e in doc.chronology_events}
    assert {"2020-11-20", "2020-11-25", "2020-12-01"} <= set(dated) and "1922-11-20" not in dated
    assert "Ağdam" in dated["2020-11-20"] and "Kelbecer" not in dated["2020-11-20"]


def test_a_place_before_any_heading_links_with_words():
    """A paper without headings: the entry's back-link says "metin" (an empty link is
    one no screen reader can name: Ace refused a JOSS paper's EPUB)."""
    doc = chronology.main(doc_from('---\nlang: tr\n---\n\nSavaş 27 Eylül 2020’de başladı.\n'))
    links = []
    doc.walk(lambda e, d: links.append(e) if isinstance(e, pf.Link) and "event-place" in e.classes else None)
    assert [pf.stringify(link) for link in links] == ["metin"]


def test_chronology_can_be_turned_off():
    doc = chronology.main(doc_from('---\nlang: tr\nchronology: false\n---\n\nSavaş 27 Eylül 2020’de başladı.\n'))
    assert "Kronoloji" not in pf.stringify(doc)


def test_automatic_detection_can_be_turned_off():
    doc = chronology.main(doc_from('---\nlang: tr\nchronology: {auto: false}\n---\n\n'
                                   'Savaş 27 Eylül 2020’de başladı. [20 Ekim]{.event date="2020-10-20"} saldırı.\n'))
    appendix = pf.stringify(doc).split("Ek A: Kronoloji")[1]
    assert "20 Ekim 2020" in appendix and "27 Eylül 2020" not in appendix


def crossing(a, b) -> bool:
    """Whether two segments ((x1, y1), (x2, y2)) cross."""
    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    (p1, p2), (q1, q2) = a, b
    return side(p1, p2, q1) * side(p1, p2, q2) < 0 and side(q1, q2, p1) * side(q1, q2, p2) < 0


def leaders(layout):
    """Each mark's leader line as segments, as the template draws it."""
    x0, x1, x2, x3 = layout.axis_x + 5, layout.axis_x + 16, layout.label_x - 16, layout.label_x - 5
    for mark in layout.marks:
        middle = (mark.y + mark.y_end) / 2
        points = [(x0, middle), (x1, middle), (x2, mark.label_y), (x3, mark.label_y)]
        yield list(zip(points, points[1:]))


@pytest.mark.parametrize("density", [1, 3])
def test_timeline_reads_at_the_articles_density_and_three_times_it(density):
    days = ["1991-08-30", "1991-09-20", "1992-06-09", "1992-08-26", "1992-08-27", "1992-08-30",
            "1993-01-19", "1994-05-05", "1995-10-02", "2006-06-16", "2020-09-27", "2020-09-28",
            "2020-10-04", "2020-10-15", "2020-10-20", "2020-11-09", "2021-01-21"]
    events = []
    for iso in days:
        for shift in range(density):
            day = parse_iso(iso).start
            span = parse_iso(f"{day.year:04d}-{day.month:02d}-{min(day.day + 2 * shift, 28):02d}")
            events.append((span, span.iso, "Bir olay oldu ve sözleşme imzalandı"))
    events.append((parse_iso("1994-03-31/1994-04-03"), "31 Mart – 3 Nisan 1994", "Ziyaret"))
    events.sort(key=lambda e: e[0].sort_key())
    layout = layout_timeline(events, "tr")
    labels = sorted(mark.label_y for mark in layout.marks)
    assert all(b - a >= LINE - 0.2 for a, b in zip(labels, labels[1:])), "labels never overlap"
    lines = list(leaders(layout))
    for i, a in enumerate(lines):
        for b in lines[i + 1:]:
            assert not any(crossing(s, t) for s in a for t in b), "leader lines never cross"
    for segments in lines:  # leaders stay in the gutter, left of every label
        assert all(max(p[0], q[0]) < layout.label_x for p, q in segments)
    bar = next(mark for mark in layout.marks if mark.iso == "1994-03-31/1994-04-03")
    assert bar.y_end - bar.y >= 6, "a range is a visible bar"
    top, bottom = layout.segments[0].top, layout.segments[-1].bottom
    assert all(top <= mark.y <= mark.y_end <= bottom for mark in layout.marks), "the axis covers all"
    assert all(mark.label_y <= layout.height for mark in layout.marks)


def test_a_dense_period_widens_the_axis_and_keeps_labels_beside_their_marks():
    """40 events in four months (four days with two events): each label by its mark,
    the day's labels stacked on one mark with the date once, nothing outside."""
    import datetime

    events = []
    for index in range(36):
        day = datetime.date(2020, 9, 1) + datetime.timedelta(days=3 * index)
        span = parse_iso(day.isoformat())
        events += [(span, span.iso, f"Event {index}")] + ([(span, span.iso, "Same day")] if index % 9 == 0 else [])
    events = [(parse_iso("1994-05-05"), "1994-05-05", "Long before")] + events
    layout = layout_timeline(events, "en")
    distances = [abs(mark.label_y - mark.y) for mark in layout.marks]
    assert max(distances) <= LINE, "leader lines stay short"  # a stacked second label: one line down
    assert all(0 < mark.label_y < layout.height for mark in layout.marks)
    same_day = [mark for mark in layout.marks if mark.words == "Same day"]
    assert len(same_day) == 4 and not any(mark.show_date for mark in same_day)
    assert all(other.y == mark.y for mark in same_day for other in layout.marks
               if other.iso == mark.iso), "one mark per day"


def test_a_long_timeline_is_cut_into_panels_a_page_holds():
    from filters.timeline import PANEL_HEIGHT, panels

    events = [(parse_iso(f"{year}-{month:02d}-15"), "d", "w") for year in range(2000, 2010)
              for month in range(1, 13)]
    layout = layout_timeline(events, "en")
    cut = panels(layout)
    assert len(cut) > 1 and all(panel.height <= PANEL_HEIGHT for panel in cut)
    assert sum(len(panel.marks) for panel in cut) == len(events)
    assert all(0 < mark.label_y < panel.height for panel in cut for mark in panel.marks)


def test_a_day_and_a_range_from_that_day_do_not_crash_the_timeline():
    events = [(parse_iso("2020-09-27"), "27 Eylül 2020", "Savaş başladı"),
              (parse_iso("2020-09-27/2020-11-10"), "27 Eylül – 10 Kasım 2020", "Savaş")]
    assert len(layout_timeline(events, "tr").marks) == 2


def test_a_day_and_a_range_from_that_day_build(tmp_path):
    text = ("# Savaş\n\nSavaş 27 Eylül 2020’de başlamıştır. Çatışmalar 27 Eylül–10 Kasım 2020 "
            "tarihleri arasında sürmüştür.\n")
    root = write_manuscript(tmp_path, {"01.md": text}, "lang: tr\ntitle: Deneme\n")
    result = run_build("html", "--root", str(root))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    html = (root / "build" / "html" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2020-09-27">27 Eylül</time>' in html
    assert '<time datetime="2020-09-27">27 Eylül 2020</time>' in html


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
    # the article's 23 dated events, in order; its events dated by a year alone
    # ("2001 yılında … büyükelçiliğini kapatmıştır") stand among them
    assert [t for t in first_times if len(t) > 4] == ARTICLE_EVENTS
    assert all(re.fullmatch(r"\d{4}", t) for t in first_times if t not in ARTICLE_EVENTS)
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


# --- context, notes, the author's corrections ---------------------------------------

CONTEXT_TR = ("# Sınır\n\n28 Nisan 2021’de sınırda çatışma çıkmıştır. Ertesi gün çatışmalar köylere "
              "yayılmıştır. Aynı ayın 30’unda heyetler görüşmüştür.[^n]\n\n"
              "[^n]: Bakanlar 2 Mayıs 2021’de Bişkek’te buluşmuştur.\n\n"
              "# Ekim\n\nSaldırı 20 Ekim tarihinde olmuştur.\n")


def test_relative_dates_are_inferred_and_marked(tmp_path):
    root = write_manuscript(tmp_path, {"01.md": CONTEXT_TR}, "lang: tr\ntitle: Deneme\n")
    result = run_build("html", "--root", str(root))
    assert result.returncode == 0, result.stderr
    html = (root / "build" / "html" / "index.html").read_text(encoding="utf-8")
    appendix = html.split('id="chronology"')[1]
    # "20 Ekim" takes its year from the section before: the text narrates 2021
    assert re.findall(r'<time datetime="([^"]+)"', appendix) == [
        "2021-04-28", "2021-04-29", "2021-04-30", "2021-05-02", "2021-10-20"]
    assert 'data-inferred="Ertesi gün"' in appendix and "Çatışmalar köylere yayılmıştır." in appendix
    note_anchor = re.search(r'href="#(event-\d+)"[^>]*>[^<]*dn', appendix).group(1)
    assert re.search(rf'<aside[^>]*>.*id="{note_anchor}"|<section[^>]*footnotes.*id="{note_anchor}"',
                     html, re.S), "the place in a note links into the note"


def test_inference_can_be_turned_off(tmp_path):
    root = write_manuscript(tmp_path, {"01.md": CONTEXT_TR},
                            "lang: tr\ntitle: Deneme\nchronology: {infer: false}\n")
    result = run_build("html", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert "'Ertesi gün'" not in result.stderr, "a relative date is not even looked for"
    html = (root / "build" / "html" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<time datetime="([^"]+)"', html.split('id="chronology"')[1]) == [
        "2021-04-28", "2021-05-02"]
    assert "data-inferred" not in html


def test_chronology_file_corrects_drops_and_warns(tmp_path):
    root = write_manuscript(tmp_path, {"01.md": CONTEXT_TR}, "lang: tr\ntitle: Deneme\n")
    (root / "manuscript" / "chronology.yaml").write_text(
        "- date: 2021-04-28\n  text: Golovnoy’da çatışma çıkar.\n  short: Golovnoy çatışması\n"
        "- date: 2021-04-30\n  drop: true\n"
        "- date: 2021-04-29\n  place: yok böyle bir söz\n  text: X\n"
        "- date: 2021-05-02\n  colour: red\n", encoding="utf-8")
    result = run_build("html", "--root", str(root))
    assert result.returncode == 0, result.stderr
    html = (root / "build" / "html" / "index.html").read_text(encoding="utf-8")
    appendix = html.split('id="chronology"')[1]
    assert "Golovnoy’da çatışma çıkar." in appendix and "Golovnoy çatışması" in appendix
    assert "2021-04-30" not in appendix
    assert "chronology.yaml:6: warning: chronology.yaml: no event on 2021-04-29 reads" in result.stderr
    assert "chronology.yaml:10: warning: unknown key 'colour'" in result.stderr
    review = run_build("chronology", "--root", str(root))
    assert review.returncode == 0, review.stderr
    assert "2021-04-29" in review.stdout and "inferred from 'Ertesi gün'" in review.stdout
    assert "text (author): Golovnoy’da çatışma çıkar." in review.stdout


def test_pdf_back_links_are_page_numbers(article_pdf_text):
    appendix = article_pdf_text.split("Ek A: Kronoloji")[-1]
    assert re.search(r"\ns\.\s\d+; s\.\s\d+", appendix) and "Azerbaycan-Kazakistan İlişkileri" not in appendix


def test_unknown_chronology_option_is_named(tmp_path):
    root = write_manuscript(tmp_path, {"01.md": "# A\n\nSavaş 27 Eylül 2020’de başladı.\n"},
                            "lang: tr\ntitle: Deneme\nchronology: {infr: false}\n")
    result = run_build("html", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert "metadata.yaml:3: warning: unknown metadata key 'chronology.infr' (did you mean 'infer'?)" \
        in result.stderr


# --- no input crashes the stage -------------------------------------------------------

FRAGMENTS = {
    "tr": ["27 Eylül 2020’de", "27 Eylül–10 Kasım 2020", "20 Ekim’de", "ertesi gün", "Ertesi gün",
           "iki gün sonra", "aynı ayın 21’inde", "11 ve 17 Ekim’de", "Nisan 2016 başında", "başlayan",
           "savaşı", "tarihli", "itibarıyla", "yani", "imzalanan", "anlaşma", "ile", "ölmesiyle",
           "Kerimov’un", "ise", ",", ";", ".", "vb.", "18.", "Dr.", "(", ")", "’de", "ve", "tarafından",
           "[x]{.no-event}", '[5 Mayıs]{.event date="1994-05-05"}', "[^1]", "[@a]", "Mayıs 1994’ten",
           "Nisan 2016’ya kadar", "yapılmış", "kurulsa da", "İki ülke", "Salı günü", "saat 03.02’de",
           "Mart sonunda", "Eylül ayının ilk günlerinde", "aynı ayın sonunda", "Mart’ta", "karar vermiştir",
           "edilmesine", "iken", "darbesinin ardından", "1960 darbesinin", "görevini", "kanun,",
           "vermekle birlikte,", "on iki gün sonra", "gecesi", ":", '"sel"', "ancak"],
    "en": ["On 27 September 2020", "27 September–10 November 2020", "on 10 October", "the next day",
           "Two days later,", "the 5th", "11 and 17 October", "mid-July 2020", "of", "the", "May 1994",
           "ceasefire", "signed", "held", "as of", "From", "to", "April 2016", ",", ";", ".", "U.S.",
           "e.g.", "and", "was", "(", ")", "[^1]", "[@a]", '[5 May]{.event date="1994-05-05"}', "It",
           "Following", "announced", "in force from", "which", "who", "on Tuesday,", "at 11 p.m.",
           "in late August", "in September", "had settled", "to be held on", "would end on",
           "the deadline of", "the next morning", "twelve days later", "only", "after", "took", "fell",
           '"haircut"', "by Kenya", "began", "those", ":"],
}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["tr", "en"]), st.data())
def test_no_paragraph_crashes_the_chronology(lang, data):
    words = data.draw(st.lists(st.sampled_from(FRAGMENTS[lang]), min_size=1, max_size=30))
    note = data.draw(st.lists(st.sampled_from(FRAGMENTS[lang]), max_size=8))
    markdown = (f"---\nlang: {lang}\n---\n\n# A\n\n{' '.join(words)}\n\n"
                f"[^1]: {' '.join(note) or 'Not.'}\n\n[@a]: x\n")
    doc = chronology.main(doc_from(markdown))
    for event in getattr(doc, "chronology_events", []):
        assert event.places and (event.text or event.weak)


def test_a_clause_of_punctuation_only_does_not_crash():
    # found by the random paragraphs above: a clause that is only punctuation once
    # the dates are out of it
    markdown = ("---\nlang: tr\n---\n\n# A\n\n. ( 27 Eylül–10 Kasım 2020 ve aynı ayın 21’inde ; aynı "
                "ayın 21’inde başlayan vb. tarafından iki gün sonra ; , tarafından Nisan 2016 başında "
                "aynı ayın 21’inde Nisan 2016’ya kadar ile 18. yani\n")
    doc = chronology.main(doc_from(markdown))
    events = doc.chronology_events
    assert "2020-09-27/2020-11-10" in [e.span.iso for e in events]
    assert all(e.places and (e.text or e.weak) for e in events)


def test_a_yearless_warning_names_the_place_without_a_year(tmp_path):
    # a day before any year the text gives (a later paragraph's year is not carried back)
    text = ("# A\n\nHeyet 20 Ekim’de gelmiştir.\n\n# B\n\nBaşka bir konu.\n\n"
            "Saldırı 20 Ekim 2020’de olmuştur.\n")
    root = write_manuscript(tmp_path, {"01.md": text}, "lang: tr\ntitle: Deneme\n")
    result = run_build("html", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert "01.md:3: warning: '20 Ekim’de' has no year in its paragraph" in result.stderr
    assert "01.md:9: warning" not in result.stderr


def test_chronology_file_merges_and_splits(tmp_path):
    text = ("# A\n\nOn 10 November 2020 the statement entered into force. The statement entered "
            "into force on 10 November 2020 at midnight.\n\nOn 12 May 1994 the ceasefire took "
            "effect, and on 12 May 1994 the talks in Bishkek ended.\n")
    root = write_manuscript(tmp_path, {"01.md": text}, "lang: en\ntitle: Test\n")

    def entries():
        result = run_build("html", "--root", str(root))
        assert result.returncode == 0, result.stderr
        html = (root / "build" / "html" / "index.html").read_text(encoding="utf-8")
        return re.findall(r'<time datetime="([^"]+)"', html.split('id="chronology"')[1])

    assert entries() == ["1994-05-12", "1994-05-12", "2020-11-10"]
    (root / "manuscript" / "chronology.yaml").write_text(
        "- date: 1994-05-12\n  merge: true\n  text: A ceasefire ends the talks in Bishkek.\n"
        "- date: 2020-11-10\n  place: at midnight\n  split: true\n", encoding="utf-8")
    assert entries() == ["1994-05-12", "2020-11-10", "2020-11-10"]


# --- sentences of the kinds a new author's manuscripts showed ----------------------

def entries(sentence: str, written: list[str], lang: str) -> list[str]:
    """The entry text of each date in ``written`` (each found once in ``sentence``)."""
    dates = sorted((sentence.index(w), sentence.index(w) + len(w), "") for w in written)
    return [read_date(sentence, dates, index, lang).text for index in range(len(dates))]


def test_each_date_of_a_sentence_gets_its_own_phrase():
    sentence = ("Following Chile's pension reform in May 1981 and Peru's private pension law, "
                "passed on 6 December 1992 and in force from 1 June 1993, several Andean states "
                "adopted similar schemes on 1 July 1994.")
    assert entries(sentence, ["May 1981", "6 December 1992", "1 June 1993", "1 July 1994"], "en") == [
        "Chile's pension reform.", "Peru's private pension law was passed.",
        "Peru's private pension law was in force.", "Several Andean states adopted similar schemes."]


def test_coordinated_dates_keep_what_they_share():
    sentence = "The treaty was ratified by Kenya on 3 March 2001 and by Uganda on 9 April 2001."
    assert entries(sentence, ["3 March 2001", "9 April 2001"], "en") == [
        "The treaty was ratified by Kenya.", "The treaty was ratified by Uganda."]
    sentence = "At meetings in Oslo on 2 May 2019 and in Riga on 4 June 2019 the ministers agreed on quotas."
    assert entries(sentence, ["2 May 2019", "4 June 2019"], "en") == [
        "At meetings in Oslo the ministers agreed on quotas.",
        "At meetings in Riga the ministers agreed on quotas."]


def test_a_date_in_an_opening_adjunct_names_its_noun():
    assert entry("After the coup of 12 September 1980, trade unions were closed.",
                 "12 September 1980", "en") == "The coup."
    assert entry("12 Eylül 1980 darbesinin ardından sendikalar kapatılmıştır.",
                 "12 Eylül 1980", "tr") == "Darbe."
    assert entry("Mart 1971 muhtırasından sonra hükümet istifa etmiştir.", "Mart 1971", "tr") == "Muhtıra."


def test_a_word_that_ends_like_a_case_ending_keeps_its_end():
    from filters.morphology import strip_case
    assert [strip_case(w, "tr") for w in ["kanun", "zaman", "anlaşmasının", "Savaşı’nda", "kentin"]] == [
        "kanun", "zaman", "anlaşması", "Savaşı", "kent"]
    sentence = ("Mart 1986’da çıkarılan 3194 sayılı kanun, belediyelere imar yetkisi vermekle "
                "birlikte, denetim zayıf kalmıştır.")
    assert entry(sentence, "Mart 1986’da", "tr") == "3194 sayılı kanun çıkarılmıştır."


def test_a_date_from_on_its_own_is_an_event_from_to_a_period():
    assert entry("The ban was in force from 1 March 2008 in all cantons.", "1 March 2008", "en") == \
        "The ban was in force in all cantons."
    from filters.clauses import date_role
    assert date_role("in force ", "2008 in all cantons", "en") == "event"
    assert date_role("From ", "2008 to May 2010 the ban held", "en") == "period"


def test_day_words_after_a_date_go_with_it():
    assert entry("Meclis 3 Mart 1924 günü hilafeti kaldırmıştır.", "3 Mart 1924", "tr") == \
        "Meclis hilafeti kaldırmıştır."
    assert entry("Ordu 12 Mart 1971 sabahı bir muhtıra yayımlamıştır.", "12 Mart 1971", "tr") == \
        "Ordu bir muhtıra yayımlamıştır."


def chronology_of(markdown: str) -> list:
    return chronology.main(doc_from(markdown)).chronology_events


def test_entries_print_the_quotation_marks_of_the_edition():
    events = chronology_of('---\nlang: en\n---\n\n# A\n\nOn 7 January 2022 the minister called the '
                           'plan "a mistake".\n')
    assert events[0].text == "The minister called the plan “a mistake”."


def test_a_year_from_later_in_the_paragraph_only_keeps_the_order_of_the_text(caplog):
    events = chronology_of("---\nlang: tr\n---\n\n# A\n\n3 Kasım günü köyde toplantı yapılmıştır. "
                           "1962 yılının Nisan ayında kanun çıkarılmıştır.\n")
    assert [e.span.iso for e in events] == ["1962-04"]
    assert any("'3 Kasım' has no year" in r.getMessage() for r in caplog.records)
    events = chronology_of("---\nlang: en\n---\n\n# A\n\nOn 10 October talks began. "
                           "They ended on 17 October 2020.\n")
    assert [e.span.iso for e in events] == ["2020-10-10", "2020-10-17"]


def test_a_note_mark_between_sentences_ends_the_first():
    events = chronology_of("---\nlang: tr\n---\n\n# A\n\n3 Kasım 2002’de seçimler yapılmış ve yeni "
                           "meclis toplanmıştır.[^1] Ankara’da kış o yıl erken başladı.\n\n"
                           "[^1]: Not.\n")
    assert [e.text for e in events] == ["Seçimler yapılmıştır."]


def test_weekdays_and_times_go_with_their_date():
    assert entry("The strike in the ports began on Monday, 4 March 2019.", "4 March 2019", "en") == \
        "The strike in the ports began."
    assert entry("The polls closed at 10 p.m. on 8 May 2015 in every county.", "8 May 2015", "en") == \
        "The polls closed in every county."
    assert entry("Seçim 14 Mayıs 2023 Pazar günü saat 08.00’de başlamıştır.", "14 Mayıs 2023", "tr") == \
        "Seçim başlamıştır."


@pytest.mark.parametrize("before, after, lang, role", [
    ("The vote was to be held on ", "2016 in every region", "en", "state"),
    ("a mandate that would end on ", "2019, and", "en", "state"),
    ("the deadline of ", "2019 passed", "en", "state"),
    ("They postponed it to ", "April.", "en", "period"),
    ("Enflasyon ", "2001’de yüzde 68 iken yıl sonunda düştü", "tr", "state"),
])
def test_deadlines_plans_and_states_are_no_events(before, after, lang, role):
    from filters.clauses import date_role
    assert date_role(before, after, lang) == role


def test_larger_numbers_count_days():
    from filters.dates import find_relative
    assert find_relative("Twelve days later the court ruled.", "en")[0].value == (12,)
    assert find_relative("On iki gün sonra mahkeme karar verdi.", "tr")[0].value == (12,)


@pytest.mark.parametrize("text, lang, previous, expected", [
    ("Talks resumed in late March.", "en", "2019-01-15", "2019-03"),
    ("Talks resumed in January.", "en", "2019-11-20", "2020-01"),
    ("The clause had been drafted in December.", "en", "2019-11-20", "2018-12"),
    ("Teslimler Ocak sonunda bitmiştir.", "tr", "1999-10-08", "2000-01"),
    ("Görev aynı ayın sonunda devredilmiştir.", "tr", "1999-08-19", "1999-08"),
    ("Heyet Mart’ta toplandı.", "tr", "2019-01-15", "2019-03"),   # a month alone, with the locative
    ("Komisyon Kasım’da kurulmuştu.", "tr", "2019-10-17", "2018-11"),
])
def test_a_month_without_a_year_follows_the_text(text, lang, previous, expected):
    from filters.dates import find_relative, resolve
    match = find_relative(text, lang)[0]
    last = parse_iso(previous)
    pluperfect = re.search(term(lang, "pluperfect"), text)
    assert resolve(match, last, last.start, bool(pluperfect)).iso == expected


def test_a_month_alone_is_a_date_only_with_the_locative():
    from filters.dates import find_relative
    assert [m.text for m in find_relative("Mart’ta, Mart’tan beri ve Mart ile", "tr")] == ["Mart’ta"]


def test_a_deadline_is_no_date_to_count_from():
    events = chronology_of("---\nlang: en\n---\n\n# A\n\nThe treaty was signed on 17 October 2019. "
                           "The Council granted an extension, to 31 January 2020, on 28 October.\n")
    assert [e.span.iso for e in events] == ["2019-10-17", "2019-10-28"]


def test_a_date_that_names_a_thing_refers_to_the_event_of_that_day():
    events = chronology_of("---\nlang: en\n---\n\n# A\n\nOn 3 May 2021 parliament passed the budget "
                           "by four votes. The vote of 3 May 2021 split the coalition.\n")
    assert len(events) == 1 and len(events[0].places) == 2
    assert events[0].text == "Parliament passed the budget by four votes."


def test_names_tell_events_on_one_day_apart():
    events = chronology_of("---\nlang: en\n---\n\n# A\n\nOn 9 June 2022 the Joint Committee met in "
                           "London. The Commission published its report the same day.\n")
    assert [e.span.iso for e in events] == ["2022-06-09", "2022-06-09"]


def test_coordinated_predicates_share_their_subject():
    assert entries("The accord was signed on 4 June 1998 and ratified by parliament on 9 July 1998.",
                   ["4 June 1998", "9 July 1998"], "en") == [
        "The accord was signed.", "The accord was ratified by parliament."]
    assert entries("Ankara recognised the new state on 2 March 1992 and opened an embassy on 9 April 1992.",
                   ["2 March 1992", "9 April 1992"], "en") == [
        "Ankara recognised the new state.", "Ankara opened an embassy."]


def test_a_phrase_after_a_date_belongs_to_that_date():
    assert entries("The minister resigned on 2 May 2011 and left the country on 9 May 2011, when the "
                   "inquiry opened.", ["2 May 2011", "9 May 2011"], "en") == [
        "The minister resigned.", "The minister left the country, when the inquiry opened."]


@pytest.mark.parametrize("sentence, written, expected", [
    ("The king dissolved parliament and called an election, held on 5 June 1994, which the "
     "opposition boycotted.", "5 June 1994", "An election was held."),
    ("A second ballot, held on 19 May 2002, confirmed the result.", "19 May 2002",
     "A second ballot was held and confirmed the result."),
    ("The unions called a general strike, which began on 3 March 2010.", "3 March 2010",
     "A general strike began."),
    ("A fourth round, mediated in Geneva, followed on 12 May 2014.", "12 May 2014",
     "A fourth round, mediated in Geneva, followed."),
])
def test_a_participle_or_relative_phrase_tells_of_the_noun_before_it(sentence, written, expected):
    assert entry(sentence, written, "en") == expected


def test_a_gapped_clause_takes_the_verb_before_it():
    assert entries("Talks on trade began on 2 March 2020, and those on energy only in June.",
                   ["2 March 2020", "June"], "en")[1] == "Those on energy began."


def test_a_decision_about_an_action_is_the_event():
    assert entry("Hükümet 5 Ocak 2001’de okulların bir hafta kapatılmasına karar vermiştir.",
                 "5 Ocak 2001’de", "tr") == "Hükümet okulların bir hafta kapatılmasına karar vermiştir."


def test_a_clause_that_opens_with_its_object_takes_the_first_clauses_subject():
    sentence = "Komisyon 3 Mart 2004’te toplanmış, 10 Mart’ta ise raporunu meclise sunmuştur."
    assert entries(sentence, ["3 Mart 2004’te", "10 Mart’ta"], "tr") == [
        "Komisyon toplanmıştır.", "Komisyon raporunu meclise sunmuştur."]


def test_a_colon_ends_a_clause():
    assert entry("Bu süreç 2009’da tamamlanmıştır: yasa 29 Mayıs 2009’da kabul edilmiştir.",
                 "29 Mayıs 2009’da", "tr") == "Yasa kabul edilmiştir."
    assert entry("The reviews were slow: the first ended in June 2016.", "June 2016", "en") == \
        "The first ended."


def test_empty_phrases_do_not_crash():
    # found by random paragraphs: a phrase of nothing between two commas
    events = chronology_of("---\nlang: en\n---\n\n# A\n\nand began on Tuesday, , signed was May 1994 "
                           "by Kenya after had settled the\n")
    assert [e.span.iso for e in events] == ["1994-05"]


def test_the_main_phrase_stays_when_another_date_is_inside_it():
    sentence = ("On 4 May 2012, speaking in Brussels, the minister praised the reform that his "
                "party had begun in March.")
    assert entries(sentence, ["4 May 2012", "March"], "en")[0] == \
        "Speaking in Brussels, the minister praised the reform that his party had begun."


def test_a_participle_reads_as_a_passive_only_before_a_verb():
    assert entry("The border reopened on 3 June 2020 after eleven weeks.", "3 June 2020", "en") == \
        "The border reopened after eleven weeks."
    assert entry("A truce agreed on 3 June 2020 collapsed within days.", "3 June 2020", "en") == \
        "A truce was agreed and collapsed within days."


def test_only_a_clause_after_and_is_gapped():
    sentence = "The court sat on 2 March 2020; the appeal froze the case in June 2020."
    assert entries(sentence, ["2 March 2020", "June 2020"], "en")[1] == "The appeal froze the case."


def test_a_plan_is_a_place_of_the_event_of_its_day():
    events = chronology_of("---\nlang: en\n---\n\n# A\n\nThe government called a referendum, to be held "
                           "on 5 July 2015. On 5 July 2015 voters rejected the proposals.\n\n"
                           "The deadline of 30 June 2015 passed.\n")
    assert [e.span.iso for e in events] == ["2015-07-05"]
    assert len(events[0].places) == 2 and events[0].text == "Voters rejected the proposals."


def test_a_date_inside_what_is_decided_is_planned():
    from filters.clauses import date_role
    assert date_role("Kurul sınavın ", "2015’te yapılmasına karar vermiştir.", "tr") == "state"
    sentence = "Kurul 12 Ocak 2015’te sınavın 7 Haziran 2015’te yapılmasına karar vermiştir."
    assert entries(sentence, ["12 Ocak 2015’te", "7 Haziran 2015’te"], "tr")[0] == \
        "Kurul sınavın yapılmasına karar vermiştir."


def test_a_compound_named_by_its_date_keeps_its_case():
    assert entry("12 Haziran 2011 seçimlerinde iktidar partisi oyların yarısını almıştır.",
                 "12 Haziran 2011", "tr") == "Seçimlerde iktidar partisi oyların yarısını almıştır."


def test_a_relative_phrase_keeps_its_verb_after_a_coordinator():
    sentence = ("President Lula, who had won the run-off of 30 October 2022 and took office on "
                "1 January 2023, named his cabinet.")
    assert entries(sentence, ["30 October 2022", "1 January 2023"], "en")[1] == "President Lula took office."


@pytest.mark.parametrize("sentence, written, expected", [
    ("Kanun 1 Ocak 2020’den itibaren resmen uygulanmaya başlamıştır.", "1 Ocak 2020’den",
     "Kanun resmen uygulanmaya başlamıştır."),
    ("Meclis 5 Mart 2019’da bağlayıcı olmayan bir kararla seçimlerin ertelenmesi çağrısında bulunmuştur.",
     "5 Mart 2019’da", "Meclis bağlayıcı olmayan bir kararla seçimlerin ertelenmesi çağrısında bulunmuştur."),
    ("Komisyon 2 Mayıs 2018’de üyeliğin askıya alınmasını tavsiye etmiştir.", "2 Mayıs 2018’de",
     "Komisyon üyeliğin askıya alınmasını tavsiye etmiştir."),
    ("Mart 1998’de toplanan Londra Konferansı, Türkiye’yi davet etmemiştir.", "Mart 1998’de",
     "Londra Konferansı toplanmıştır."),
])
def test_adverbs_negatives_and_names_in_a_case_are_no_clause_of_the_date(sentence, written, expected):
    assert entry(sentence, written, "tr") == expected


def test_an_instrumental_ends_the_noun_a_relative_clause_describes():
    from filters.morphology import strip_case
    assert strip_case("deklarasyonla", "tr") == "deklarasyon" and strip_case("mahalle", "tr") == "mahalle"
    # after a vowel, "-yla" (an author's trial: "muhtırayla" was "muhtıray")
    assert strip_case("muhtırayla", "tr") == "muhtıra" and strip_case("bildiriyle", "tr") == "bildiri"
    assert entry("Bakanlık aynı gün yayımladığı bir bildiriyle kararı eleştirmiştir.", "aynı gün", "tr") == \
        "Bakanlık yayımladığı bir bildiriyle kararı eleştirmiştir."


def test_a_month_that_names_an_event_of_one_of_its_days_is_that_event():
    events = chronology_of("---\nlang: tr\n---\n\n# A\n\nHükümet 18 Mart 2016’da göç mutabakatını "
                           "açıklamıştır. Mart 2016’da açıklanan mutabakat tartışma yaratmıştır.\n\n"
                           "Eylül 2016 başında heyetler toplanmıştır. Heyetler 20 Eylül 2016’da yeniden "
                           "toplanmıştır.\n")
    assert [e.span.iso for e in events] == ["2016-03-18", "2016-09", "2016-09-20"]
    assert len(events[0].places) == 2


def test_a_thing_named_by_its_date_before_the_days_other_event_is_an_event_of_its_own():
    events = chronology_of("---\nlang: en\n---\n\n# A\n\nIn the referendum of 2 April 2017, 54 per cent "
                           "voted yes. The prime minister resigned the same evening.\n")
    assert [e.text for e in events] == ["In the referendum, 54 per cent voted yes.",
                                        "The prime minister resigned."]


def test_a_postposition_is_no_participle_and_even_is_dropped():
    assert entry("Muhalefete rağmen 2 Mart 2011’de yasa bile kabul edilmiştir.", "2 Mart 2011’de", "tr") == \
        "Muhalefete rağmen yasa kabul edilmiştir."


def test_events_of_one_day_keep_the_order_of_the_text_whatever_their_anchors():
    events = chronology_of('---\nlang: en\n---\n\n# A\n\nOn 12 March 2019 the parliament ratified the treaty. '
                           'Protesters gathered in the square on [12 March 2019]{#square .event date="2019-03-12"}.\n')
    assert [e.places[0].anchor for e in events] == ["event-1", "square"]


def test_hundreds_of_relative_dates_in_one_paragraph_read_in_about_linear_time():
    # each relative date looks back over the dates before it: with the words around each
    # date read once (not the whole paragraph again for each pair), 500 dates take about
    # a second; read pairwise, they took minutes
    import time
    doc = doc_from("---\nlang: en\n---\n\n" + "On 5 May 1994 the army attacked. The next day it left. " * 250)
    started = time.process_time()
    chronology.main(doc)
    assert time.process_time() - started < 20
    assert len(doc.chronology_events[0].places) == 250  # 5 May 1994, told 250 times


def test_an_entry_cut_inside_a_parenthesis_leaves_none_open():
    """"Version 2.6 (released in 2019)": the entry ended "(released." (an author's trial)."""
    from filters.clauses import tidy
    assert tidy("This paper describes the most recent release, Version 2.6 (released", "en") == \
        "This paper describes the most recent release, Version 2.6."


def test_a_season_is_dated_and_printed_as_the_season(tmp_path):
    """"the summer of 1944", and "in the fall" after a date of 1943: each event is printed under
    its season, in the season's place in the year (HTML's datetime: the year)."""
    text = ("---\ntitle: Seasons\nlang: en\n---\n\n# The war\n\nIn May 1943 the Allies won in Tunisia. "
            "In the fall the army left Sicily. In the summer of 1944 the Allies landed in Normandy.\n")
    result = paper_build(tmp_path, text)
    assert result.returncode == 0, result.stderr
    page = next((tmp_path / "out" / "html").glob("*.html")).read_text(encoding="utf-8")
    assert re.findall(r'<time datetime="([^"]+)">([^<]+)</time>', page) == [
        ("1943-05", "May 1943"), ("1943", "autumn 1943"), ("1944", "summer 1944")]


def test_a_papers_citations_written_as_text_are_no_events():
    """A paper whose knitted citations are text ("Nakamura et al. (2004)", "Smith (1985, 75)")
    got an invented chronology: the works' years as events, one entry garbled; names
    before a year alone are an event's ("Armenia and Azerbaijan (1991)"); a formula in an
    entry's text reads as its alternative text, not as TeX."""
    doc = chronology.main(doc_from(
        "---\nlang: en\n---\n\n# Results\n\nAs reported by Nakamura et al. (2004), the maximum is displaced "
        "southward.\n\nThe fluxes were calculated as in Smith (1985, 75) and Kim (2003a).\n\n"
        "On 4 May 1979 the field $U^{200}$ was measured by the team.\n\n"
        "Armenia and Azerbaijan (1991) became independent states.\n"))
    assert [e.span.iso for e in doc.chronology_events] == ["1979-05-04", "1991"]
    appendix = pf.stringify(doc).split("Appendix A: Chronology")[1]
    assert "The field U^(200) was measured by the team." in appendix and "U^{200}" not in appendix
