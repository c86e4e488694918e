"""The house style's rules, one by one, on panflute elements."""

import panflute as pf
import pytest

from filters.bibstyle import HouseStyle, initials, safe_url
from filters.citations import (CitationContext, author_label, format_bibliography,
                               format_citation, format_locator, load_bibliography, year_labels)
from filters.diagnostics import BuildError

BIB = r"""
@misc{aslanli2015, author = {Aslanlı}, year = {2015}}
@misc{aslanli2017, author = {Aslanlı}, year = {2017}}
@misc{caferov_aslanli2016, author = {Caferov and Aslanlı}, year = {2016}}
@article{yilmaz2019, author = {Yılmaz, Ali and Şahin, Veli and Çelik, Ayşe}, year = {2019},
  title = {Hazar'ın statüsü}, journal = {Avrasya Etüdleri}, volume = {55}, number = {1},
  pages = {10--30}, doi = {10.1234/ae.2019.55}}
@misc{turkkenesi2020a, author = {{Türk Keneşi}}, year = {2020}, title = {Bildiri}}
@misc{turkkenesi2020b, author = {{Türk Keneşi}}, year = {2020}, title = {Genel Sekreter Gence'de}}
@book{ozsoy2019, author = {Özsoy, Kemal}, year = {2019}, title = {Hazar Jeopolitiği},
  publisher = {Nobel}, address = {Ankara}}
@incollection{zorlu2020, author = {Zorlu, Emre}, year = {2020}, title = {Kazakistan},
  booktitle = {Orta Asya}, editor = {Kara, Deniz}, pages = {5-9}, publisher = {Seçkin}}
@techreport{weitz2018, author = {Weitz, Richard}, year = {2018}, title = {Uzbekistan's New Foreign Policy},
  institution = {Central Asia-Caucasus Institute \& Silk Road Studies Program}, type = {Silk Road Paper}}
@misc{kunuz2020, author = {{Kun.uz}}, year = {2020}, month = oct, day = {1}, title = {Açıklama},
  url = {https://kun.uz/news/1}, urldate = {2021-01-15}}
@misc{evil2020, author = {Kötü}, year = {2020}, title = {Tuzak}, url = {javascript:alert(1)}}
@misc{ince2020, author = {İnce}, year = {2020}}
@misc{isik2020, author = {Işık}, year = {2020}}
@misc{ilgin2020, author = {Ilgın}, year = {2020}}
@misc{irmak2020, author = {Irmak}, year = {2020}}
"""


@pytest.fixture
def bibliography(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    return load_bibliography([str(path)])


def context_for(bibliography, keys, lang="tr"):
    entries = [bibliography.data.entries[k] for k in keys]
    return CitationContext(bibliography, lang, keys, year_labels(entries, lang), HouseStyle(lang))


def cite(*items, mode="NormalCitation"):
    citations = []
    for key, locator in items:
        suffix = [pf.Str(","), pf.Space(), pf.Str(locator)] if locator else []
        citations.append(pf.Citation(key, mode=mode, suffix=suffix))
    return pf.Cite(pf.Str("@" + items[0][0]), citations=citations)


def rendered(bibliography, element, keys=None, lang="tr"):
    keys = keys or [c.id for c in element.citations]
    return pf.stringify(format_citation(element, context_for(bibliography, keys, lang)))


def test_parenthetical_with_page(bibliography):
    assert rendered(bibliography, cite(("aslanli2015", "56"))) == "(Aslanlı, 2015: 56)"


def test_two_authors_are_joined_by_ve(bibliography):
    assert rendered(bibliography, cite(("caferov_aslanli2016", "246"))) == "(Caferov ve Aslanlı, 2016: 246)"


def test_two_authors_in_english(bibliography):
    assert rendered(bibliography, cite(("caferov_aslanli2016", "246")), lang="en") == \
        "(Caferov and Aslanlı, 2016: 246)"


def test_three_authors_are_shortened_with_vd(bibliography):
    assert rendered(bibliography, cite(("yilmaz2019", None))) == "(Yılmaz vd., 2019)"
    assert rendered(bibliography, cite(("yilmaz2019", None)), lang="en") == "(Yılmaz et al., 2019)"


def test_several_works_are_separated_by_semicolons(bibliography):
    assert rendered(bibliography, cite(("aslanli2015", None), ("ozsoy2019", "464"))) == \
        "(Aslanlı, 2015; Özsoy, 2019: 464)"


def test_narrative_citation(bibliography):
    assert rendered(bibliography, cite(("aslanli2015", "56"), mode="AuthorInText")) == "Aslanlı (2015: 56)"


def test_suppressed_author(bibliography):
    assert rendered(bibliography, cite(("aslanli2015", None), mode="SuppressAuthor")) == "(2015)"


def test_same_author_and_year_get_letters(bibliography):
    both = ["turkkenesi2020a", "turkkenesi2020b"]
    assert rendered(bibliography, cite(("turkkenesi2020a", None)), both) == "(Türk Keneşi, 2020a)"
    assert rendered(bibliography, cite(("turkkenesi2020b", None)), both) == "(Türk Keneşi, 2020b)"


def test_a_single_work_of_a_year_gets_no_letter(bibliography):
    assert rendered(bibliography, cite(("turkkenesi2020a", None)), ["turkkenesi2020a"]) == "(Türk Keneşi, 2020)"


def test_organisations_stay_whole(bibliography):
    entry = bibliography.data.entries["turkkenesi2020a"]
    assert author_label(entry, "tr") == "Türk Keneşi"


@pytest.mark.parametrize("suffix, expected", [
    (", 56", ("56", "")), (", 56-58", ("56–58", "")), (", s. 12", ("12", "")),
    (", pp. 3--5", ("3–5", "")), (", 12, vurgu eklenmiştir", ("12", "vurgu eklenmiştir")),
    (", vurgu eklenmiştir", ("", "vurgu eklenmiştir")),
])
def test_locators(suffix, expected):
    assert format_locator(suffix) == expected


def test_page_range_in_citation_uses_en_dash(bibliography):
    assert rendered(bibliography, cite(("aslanli2015", "56-58"))) == "(Aslanlı, 2015: 56–58)"


def test_citation_links_to_its_entry(bibliography):
    span = format_citation(cite(("aslanli2015", "56")), context_for(bibliography, ["aslanli2015"]))
    links = []
    span.walk(lambda e, d: links.append(e.url) if isinstance(e, pf.Link) else None)
    assert links == ["#bib-aslanli2015"]
    assert span.attributes["data-cites"] == "aslanli2015"


def reference(bibliography, key, lang="tr", label=None):
    entry = bibliography.data.entries[key]
    return HouseStyle(lang).format_reference(entry, label or entry.fields["year"]).render_as("text")


def test_article_entry(bibliography):
    assert reference(bibliography, "yilmaz2019") == (
        "Yılmaz, A., Şahin, V. ve Çelik, A. (2019). Hazar'ın statüsü. Avrasya Etüdleri, 55(1), "
        "10–30. https://doi.org/10.1234/ae.2019.55")


def test_book_entry_italic_title(bibliography):
    rich = HouseStyle("tr").format_reference(bibliography.data.entries["ozsoy2019"], "2019")
    assert rich.render_as("text") == "Özsoy, K. (2019). Hazar Jeopolitiği. Ankara: Nobel."
    assert "<em>Hazar Jeopolitiği</em>" in rich.render_as("html")


def test_chapter_entry(bibliography):
    assert reference(bibliography, "zorlu2020") == (
        "Zorlu, E. (2020). Kazakistan. Kara, D. (Ed.) Orta Asya İçinde (ss. 5–9). Seçkin.")


def test_report_entry(bibliography):
    assert reference(bibliography, "weitz2018", "en") == (
        "Weitz, R. (2018). Uzbekistan's New Foreign Policy (Silk Road Paper). "
        "Central Asia-Caucasus Institute & Silk Road Studies Program.")


def test_web_page_with_access_date(bibliography):
    assert reference(bibliography, "kunuz2020") == (
        "Kun.uz (2020, 1 Ekim). Açıklama. https://kun.uz/news/1 (Erişim tarihi: 2021-01-15)")
    assert reference(bibliography, "kunuz2020", "en").startswith("Kun.uz (2020, October 1).")


def test_entry_with_author_and_year_only(bibliography):
    assert reference(bibliography, "aslanli2015") == "Aslanlı (2015)."


def test_unsafe_url_is_not_a_link(bibliography):
    rich = HouseStyle("tr").format_reference(bibliography.data.entries["evil2020"], "2020")
    assert "href" not in rich.render_as("html")
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("https://example.org") == "https://example.org"


def test_initials():
    from pybtex.database import Person
    assert initials(Person("Auyezov, Olzhas")) == "O."
    assert initials(Person("Sartre, Jean-Paul")) == "J.-P."
    assert initials(Person("Aliyev, İlham")) == "İ."


def test_bibliography_in_turkish_order(bibliography):
    keys = ["isik2020", "ozsoy2019", "ince2020", "caferov_aslanli2016", "irmak2020",
            "ilgin2020", "aslanli2015"]
    doc = pf.Doc()
    blocks = format_bibliography(context_for(bibliography, keys), doc)
    order = [block.identifier for block in blocks[1:]]
    assert order == ["bib-aslanli2015", "bib-caferov_aslanli2016", "bib-ilgin2020",
                     "bib-irmak2020", "bib-isik2020", "bib-ince2020", "bib-ozsoy2019"]
    assert pf.stringify(blocks[0]) == "Kaynakça"
    assert blocks[0].attributes["role"] == "doc-bibliography"
    assert all(b.attributes["role"] == "doc-biblioentry" for b in blocks[1:])


def test_duplicate_key_names_both_lines(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text("@misc{a, year = {2020}}\n\n@misc{a, year = {2021}}\n", encoding="utf-8")
    with pytest.raises(BuildError) as error:
        load_bibliography([str(path)])
    assert "duplicate citation key 'a'" in str(error.value)
    assert ":3: error:" in str(error.value) and ":1)" in str(error.value)


def test_malformed_bib_names_file_and_line(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text("@misc{a, year = {2020}}\n\n@misc{b, year = {2021\n", encoding="utf-8")
    with pytest.raises(BuildError) as error:
        load_bibliography([str(path)])
    message = str(error.value)
    assert "refs.bib" in message and "malformed BibTeX" in message


def test_entries_without_author_or_year_are_warnings(tmp_path, caplog):
    from filters.citations import warn_incomplete
    path = tmp_path / "refs.bib"
    path.write_text("@misc{anon, title = {Başlıksız}, year = {2020}}\n\n"
                    "@book{undated, author = {Kara, Deniz}, title = {Kitap}}\n", encoding="utf-8")
    bibliography = load_bibliography([str(path)])
    warn_incomplete(["anon", "undated"], bibliography)
    messages = [record.getMessage() for record in caplog.records]
    assert any("refs.bib:1: warning: incomplete entry 'anon': no author" in m for m in messages)
    assert any("refs.bib:3: warning: incomplete entry 'undated': no year" in m for m in messages)
    ctx = context_for(bibliography, ["anon", "undated"])
    assert rendered(bibliography, cite(("undated", None)), ["anon", "undated"]) == "(Kara, t.y.)"
    assert ctx.year_label["anon"] == "2020"
