"""Citations and references: the house style's rules one by one, the bibliography
formats authors export, the golden samples of every named style (house and CSL),
and whole builds in a CSL style (every edition, notes, numbers, errors)."""

import json
import re
import subprocess
import zipfile
from html.parser import HTMLParser

import panflute as pf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.diagnostics import BuildError, collecting
from filters.bibliography import load_bibliography
from filters.bibstyle import HouseStyle, initials, safe_url
from filters.bibtext import APOSTROPHE, as_text, plain, text_to_latex
from filters.citations import (
    CitationContext,
    author_label,
    format_citation,
    house_style_entries,
    reference_list,
    warn_incomplete,
    year_labels,
)
from filters.citemodel import parse_locator
from filters.cslitems import csl_item, plain_item, structured_references
from filters.cslstyle import find_style
from tests.citation_samples import LANGUAGES, STYLES, filtered, render, sample_path
from tests.conftest import (
    built_html,
    paper_build,
    require_tool,
    run_build,
    write_manuscript,
)

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
  publisher = {Nobel}, address = {Ankara}, edition = {2}}
@incollection{zorlu2020, author = {Zorlu, Emre}, year = {2020}, title = {Kazakistan},
  booktitle = {Orta Asya}, editor = {Ergashev, Doniyor and Holt, Mary}, pages = {5-9},
  publisher = {Seçkin}, address = {Ankara}}
@inproceedings{ince2018, author = {İnce, Selin}, year = {2018}, title = {Pipelines},
  booktitle = {Proceedings of the Energy Conference}, pages = {1--9}, address = {Baku},
  publisher = {Forum}}
@phdthesis{isik2017, author = {Işık, Deniz}, year = {2017}, title = {Tarafsızlık},
  school = {Ankara Üniversitesi}}
@techreport{weitz2018, author = {Weitz, Richard}, year = {2018}, title = {Uzbekistan's New Foreign Policy},
  institution = {Central Asia-Caucasus Institute \& Silk Road Studies Program}, type = {Silk Road Paper},
  number = {5}, address = {Washington}}
@report{tika2019, author = {{TİKA}}, year = {2019}, title = {Faaliyet Raporu}, number = {12},
  institution = {TİKA}, location = {Ankara}}
@misc{kunuz2020, author = {{Kun.uz}}, year = {2020}, month = oct, day = {1}, title = {Açıklama},
  url = {https://kun.uz/news/1}, urldate = {2021-01-15}}
@misc{swartz2004, author = {Swartz, Aaron}, year = {2004}, month = {3}, title = {A}}
@article{knuth1984, author = {Knuth, Donald}, year = {1984}, title = {Literate Programming},
  journal = {The Computer Journal}, number = {27}, pages = {97--111}}
@misc{evil2020, author = {Kötü}, year = {2020}, title = {Tuzak}, url = {javascript:alert(1)}}
@misc{percent2020, author = {Oran}, year = {2020}, title = {{A 50% increase} in \emph{trade} \& {NATO}}}
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
    entries = [bibliography.entries[k] for k in keys]
    return CitationContext(bibliography, lang, keys, year_labels(entries, lang), HouseStyle(lang))


def cite(*items, mode="NormalCitation"):
    citations = []
    for key, locator in items:
        words = [inline for word in (locator or "").split(" ") for inline in (pf.Space(), pf.Str(word))]
        suffix = [pf.Str(","), *words] if locator else []
        citations.append(pf.Citation(key, mode=mode, suffix=suffix))
    return pf.Cite(pf.Str("@" + items[0][0]), citations=citations)


def rendered(bibliography, element, keys=None, lang="tr"):
    keys = keys or [c.id for c in element.citations]
    return pf.stringify(format_citation(element, context_for(bibliography, keys, lang)))


def reference(bibliography, key, lang="tr", label=None):
    entry = bibliography.entries[key]
    return as_text(HouseStyle(lang).format_reference(entry, label or entry.fields["year"]))


# --- the house style: citations -------------------------------------------------

def test_parenthetical_with_page(bibliography):
    assert rendered(bibliography, cite(("aslanli2015", "56"))) == "(Aslanlı, 2015: 56)"


def test_two_authors_are_joined_by_ve(bibliography):
    assert rendered(bibliography, cite(("caferov_aslanli2016", "246"))) == "(Caferov ve Aslanlı, 2016: 246)"
    assert rendered(bibliography, cite(("caferov_aslanli2016", "246")), lang="en") == \
        "(Caferov and Aslanlı, 2016: 246)"


def test_three_authors_are_shortened_with_vd(bibliography):
    assert rendered(bibliography, cite(("yilmaz2019", None))) == "(Yılmaz vd., 2019)"
    assert rendered(bibliography, cite(("yilmaz2019", None)), lang="en") == "(Yılmaz et al., 2019)"


def test_several_works_narrative_and_suppressed_author(bibliography):
    assert rendered(bibliography, cite(("aslanli2015", None), ("ozsoy2019", "464"))) == \
        "(Aslanlı, 2015; Özsoy, 2019: 464)"
    assert rendered(bibliography, cite(("aslanli2015", "56"), mode="AuthorInText")) == "Aslanlı (2015: 56)"
    assert rendered(bibliography, cite(("aslanli2015", None), mode="SuppressAuthor")) == "(2015)"


def test_same_author_and_year_get_letters(bibliography):
    both = ["turkkenesi2020a", "turkkenesi2020b"]
    assert rendered(bibliography, cite(("turkkenesi2020a", None)), both) == "(Türk Keneşi, 2020a)"
    assert rendered(bibliography, cite(("turkkenesi2020b", None)), both) == "(Türk Keneşi, 2020b)"
    assert rendered(bibliography, cite(("turkkenesi2020a", None)), ["turkkenesi2020a"]) == "(Türk Keneşi, 2020)"
    assert author_label(bibliography.entries["turkkenesi2020a"], "tr") == "Türk Keneşi"


@pytest.mark.parametrize("suffix, lang, expected", [
    ("56-58", "tr", "(Aslanlı, 2015: 56–58)"), ("s. 12", "tr", "(Aslanlı, 2015: 12)"),
    ("pp. 3--5", "en", "(Aslanlı, 2015: 3–5)"),
    ("12, vurgu eklenmiştir", "tr", "(Aslanlı, 2015: 12, vurgu eklenmiştir)"),
    ("chap. 3", "en", "(Aslanlı, 2015: chap. 3)"), ("chap. 3", "tr", "(Aslanlı, 2015: böl. 3)"),
    ("bölüm 3", "tr", "(Aslanlı, 2015: böl. 3)"), ("bölüm 3", "en", "(Aslanlı, 2015, bölüm 3)"),
    ("cilt II", "tr", "(Aslanlı, 2015: c. II)"), ("sec. 4.2", "en", "(Aslanlı, 2015: sec. 4.2)"),
    ("vurgu eklenmiştir", "tr", "(Aslanlı, 2015, vurgu eklenmiştir)"),
])
def test_locators_read_alike_for_pages_and_other_units(bibliography, suffix, lang, expected):
    assert rendered(bibliography, cite(("aslanli2015", suffix)), lang=lang) == expected


def test_locator_parts():
    assert parse_locator(", ¶ 4", "en").unit == "paragraph"
    assert parse_locator(", şekil 2", "tr").unit == "figure"
    assert parse_locator(", vol. 3, p. 4", "en").unit == "volume"


def test_citation_links_to_its_entry(bibliography):
    span = format_citation(cite(("aslanli2015", "56")), context_for(bibliography, ["aslanli2015"]))
    links = [e for e in [span, *span.content] if isinstance(e, pf.Link)]
    assert [link.url for link in links] == ["#bib-aslanli2015"]
    assert links[0].title == "Aslanlı (2015)."
    assert span.attributes["data-cites"] == "aslanli2015" and "citation" in span.classes


# --- the house style: every type, in both languages --------------------------------

@pytest.mark.parametrize("key, lang, expected", [
    ("yilmaz2019", "tr", "Yılmaz, A., Şahin, V. ve Çelik, A. (2019). Hazar’ın statüsü. Avrasya Etüdleri, "
                         "55(1), 10–30. https://doi.org/10.1234/ae.2019.55"),
    ("ozsoy2019", "tr", "Özsoy, K. (2019). Hazar Jeopolitiği (2. baskı). Ankara: Nobel."),
    ("ozsoy2019", "en", "Özsoy, K. (2019). Hazar Jeopolitiği (2nd ed.). Ankara: Nobel."),
    ("zorlu2020", "tr", "Zorlu, E. (2020). Kazakistan. D. Ergashev ve M. Holt (Ed.), Orta Asya içinde "
                        "(ss. 5–9). Ankara: Seçkin."),
    ("zorlu2020", "en", "Zorlu, E. (2020). Kazakistan. In D. Ergashev and M. Holt (Eds.), Orta Asya "
                        "(pp. 5–9). Ankara: Seçkin."),
    ("ince2018", "en", "İnce, S. (2018). Pipelines. In Proceedings of the Energy Conference (pp. 1–9). "
                       "Baku: Forum."),
    ("isik2017", "tr", "Işık, D. (2017). Tarafsızlık (Doktora tezi, Ankara Üniversitesi)."),
    ("isik2017", "en", "Işık, D. (2017). Tarafsızlık (PhD thesis, Ankara Üniversitesi)."),
    ("weitz2018", "en", "Weitz, R. (2018). Uzbekistan’s New Foreign Policy (Silk Road Paper No. 5). "
                        "Washington: Central Asia-Caucasus Institute & Silk Road Studies Program."),
    ("tika2019", "tr", "TİKA (2019). Faaliyet Raporu (Rapor No. 12). Ankara: TİKA."),
    ("tika2019", "en", "TİKA (2019). Faaliyet Raporu (Report No. 12). Ankara: TİKA."),
    ("kunuz2020", "tr", "Kun.uz (2020, 1 Ekim). Açıklama. https://kun.uz/news/1 "
                        "(Erişim tarihi: 15 Ocak 2021)"),
    ("kunuz2020", "en", "Kun.uz (2020, October 1). Açıklama. https://kun.uz/news/1 "
                        "(Accessed 15 January 2021)"),
    ("aslanli2015", "tr", "Aslanlı (2015)."),
    # editors' trial: a month with no day printed "(2004, . März)"; an issue with no volume
    # "The Computer Journal(27)"
    ("swartz2004", "de", "Swartz, A. (2004, März). A."),
    ("swartz2004", "en", "Swartz, A. (2004, March). A."),
    ("knuth1984", "en", "Knuth, D. (1984). Literate Programming. The Computer Journal (27), 97–111."),
])
def test_house_style_prints_what_each_type_has(bibliography, key, lang, expected):
    assert reference(bibliography, key, lang) == expected


def test_book_title_is_italic_and_unsafe_url_is_no_link(bibliography):
    rich = HouseStyle("tr").format_reference(bibliography.entries["ozsoy2019"], "2019")
    assert "<em>Hazar Jeopolitiği</em>" in rich.render_as("html")
    evil = HouseStyle("tr").format_reference(bibliography.entries["evil2020"], "2020")
    assert "href" not in evil.render_as("html")
    assert safe_url("javascript:alert(1)") is None and safe_url("https://example.org") == "https://example.org"


def test_percent_and_latex_markup_in_a_field_are_text(bibliography):
    rich = HouseStyle("en").format_reference(bibliography.entries["percent2020"], "2020")
    assert as_text(rich) == "Oran (2020). A 50% increase in trade & NATO."
    assert "<em>trade</em>" in rich.render_as("html")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co")), max_size=40))
def test_text_survives_the_way_through_latex(text):
    text = " ".join(text.split())  # LaTeX reads any run of spaces as one
    assert plain(text_to_latex(text)) == APOSTROPHE.sub("’", text)  # apostrophes made typographic


def test_initials():
    from pybtex.database import Person
    assert initials(Person("Auyezov, Olzhas")) == "O."
    assert initials(Person("Sartre, Jean-Paul")) == "J.-P."
    assert initials(Person("Aliyev, İlham")) == "İ."


def test_reference_list_in_turkish_order_with_roles(bibliography):
    keys = ["isik2020", "ozsoy2019", "ince2020", "caferov_aslanli2016", "irmak2020", "ilgin2020",
            "aslanli2015"]
    blocks = reference_list(house_style_entries(context_for(bibliography, keys)), "tr", pf.Doc())
    assert [block.identifier for block in blocks[1:]] == [
        "bib-aslanli2015", "bib-caferov_aslanli2016", "bib-ilgin2020", "bib-irmak2020",
        "bib-isik2020", "bib-ince2020", "bib-ozsoy2019"]
    assert pf.stringify(blocks[0]) == "Kaynakça" and blocks[0].attributes["role"] == "doc-bibliography"
    assert all("role" not in b.attributes and "reference-entry" in b.classes
               for b in blocks[1:])
    # format-neutral: each entry is its paragraph; the PDF's renderer puts the Typst
    # rule of its hanging indent first in the entry's block
    assert [type(b).__name__ for b in blocks[1].content] == ["Para"]
    from press.ast import render_blocks
    from press.editions import Job
    from press.pdf import renderers
    rendered = render_blocks([pf.Doc(*blocks).to_json()["blocks"][1]], renderers(Job("{}", "x", "tr", None)))
    assert rendered[0]["c"][1][0]["c"][0] == "typst" and "hanging-indent" in rendered[0]["c"][1][0]["c"][1]


# --- reading what authors export ----------------------------------------------------

def load(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_bibliography([str(path)])


def test_keys_differing_only_in_case_name_both_lines(tmp_path):
    with pytest.raises(BuildError) as error:
        load(tmp_path, "refs.bib", "@misc{aslanli2015, year = {2015}}\n\n@misc{Aslanli2015, year = {2016}}\n")
    message = str(error.value)
    assert "refs.bib:3: error: duplicate citation key 'Aslanli2015'" in message
    assert "refs.bib:1 as 'aslanli2015'" in message


def test_duplicate_key_keeps_the_first_and_reads_the_rest(tmp_path):
    with collecting() as found:
        bibliography = load(tmp_path, "refs.bib", "@misc{a, year = {2020}}\n@misc{a, year = {2021}}\n"
                                                  "@misc{b, year = {2022}}\n")
    assert [str(d) for d in found] == [f"{tmp_path / 'refs.bib'}:2: error: duplicate citation key 'a' "
                                       f"(first defined at {tmp_path / 'refs.bib'}:1) "
                                       "(give one of the entries another key)"]
    assert bibliography.entries["a"].fields["year"] == "2020" and "b" in bibliography.entries


def test_a_copy_of_an_entry_and_names_joined_by_commas_are_warnings_as_in_bibtex(tmp_path, caplog):
    """Two JOSS papers of the corpus: an exported entry pasted twice, the same both
    times (its copy skipped), and authors separated by commas (one name, as BibTeX
    reads it); both warned with their line, neither stops the build."""
    entry = "@misc{may2016, author = {May, Ryan}, title = {MetPy}, year = {2016}}\n"
    bibliography = load(tmp_path, "refs.bib", entry + "@misc{era5, author = {Hersbach, H., Bell, B., Dee, D.},"
                                              " title = {ERA5}, year = {2023}}\n" + entry)
    assert sorted(bibliography.entries) == ["era5", "may2016"]
    messages = [record.getMessage() for record in caplog.records]
    assert any("refs.bib:3: warning: entry 'may2016' is written twice, the same both times" in m for m in messages)
    assert any("refs.bib:2: warning: entry 'era5': Too many commas" in m for m in messages)


def test_a_copy_that_writes_its_month_or_braces_otherwise_is_the_same_entry(tmp_path, caplog):
    """An author's trial (a German paper): the copy wrote ``month = {dec}`` for ``month = dec``:
    an error that stopped the build, where biber skips the copy."""
    bibliography = load(tmp_path, "refs.bib", "@misc{b2017, title = {A {Title}}, month = dec, year = {2017}}\n"
                                              "@misc{b2017, title = {A Title}, month = {December}, year = 2017}\n")
    assert sorted(bibliography.entries) == ["b2017"]
    messages = [record.getMessage() for record in caplog.records]
    assert any("refs.bib:2: warning: entry 'b2017' is written twice, the same both times" in m for m in messages)


def test_names_joined_by_commas_with_two_commas_are_a_warning_too(tmp_path, caplog):
    """An author's trial: "Junxiang Wang, Junji Jiang, and Liang Zhao" has two commas, as
    BibTeX's "Last, Jr, First" has, so Junji Jiang became a Jr. part no reference prints:
    dropped without a word. A real generation ("King, Jr., Martin Luther") is no mistake."""
    load(tmp_path, "refs.bib", "@misc{m, author = {King, Jr., Martin Luther and Smith, III, John},"
                               " title = {U}, year = {1963}}\n"
                               "@misc{k, author = {Junxiang Wang, Junji Jiang, and Liang Zhao},"
                               " title = {T}, year = {2020}}\n"
                               "@misc{s, author = {Ann Lee; Bo Park; Cy Roe}, title = {S}, year = {2021}}\n"
                               "@misc{t, author = {Bauer, Simon, and Howard, S.}, title = {T}, year = {2022}}\n")
    messages = [record.getMessage() for record in caplog.records]
    assert [m for m in messages if "Jr. part" in m and "entry 'k'" in m] == [
        f"{tmp_path / 'refs.bib'}:2: warning: entry 'k': the name 'Junxiang Wang, Junji Jiang' reads as "
        "BibTeX's 'Last, Jr, First', with 'Junji Jiang' as a Jr. part, which no reference list prints "
        "(if these are names of two people, separate them with 'and': Junxiang Wang and Junji Jiang)"]
    assert any("refs.bib:3: warning: entry 's': the name" in m and "holds ';'" in m
               and "Ann Lee and Bo Park and Cy Roe" in m for m in messages)
    # the corpus (JOSS): a comma left before "and" made the first name a Jr. part: "Bauer" printed
    assert any("refs.bib:4: warning: entry 't': the name 'Bauer, Simon,' ends with a comma" in m
               and "delete the comma after 'Simon'" in m for m in messages)


def test_malformed_bib_names_file_and_line(tmp_path):
    with pytest.raises(BuildError) as error:
        load(tmp_path, "refs.bib", "@misc{a, year = {2020}}\n\n@misc{b, year = {2021\n")
    assert "refs.bib" in str(error.value) and "malformed BibTeX" in str(error.value)


def test_a_bare_page_range_is_read_as_pandoc_reads_it(tmp_path, caplog):
    """``pages = 1-19,`` without braces (a published JOSS paper's .bib): BibTeX cannot
    read it, pandoc reads "1-19"; the build stopped with "'}' expected"."""
    bibliography = load(tmp_path, "refs.bib", "@article{g,\n  author = {Roe, Jo},\n  title = {T},\n"
                        "  volume = 7,\n  pages = 1-19,\n  year = 2015,\n}\n")
    assert bibliography.entries["g"].fields["pages"] == "1-19" and bibliography.entries["g"].fields["volume"] == "7"
    assert f"{tmp_path / 'refs.bib'}:5: warning: '1-19' is read as {{1-19}}, as pandoc reads it" in caplog.text


def test_text_outside_entries_is_a_comment_as_bibtex_reads_it(tmp_path):
    """A header with an e-mail address, prose between entries, @comment{…} holding an
    @, @string and @preamble: BibTeX, biber and pandoc read the two entries; line
    numbers still name the entries' own lines."""
    bibliography = load(tmp_path, "refs.bib", """% Exported by Jane Roe <jane@example.org>
Some notes: write to support@example.org.
@comment{old entry: @misc{gone, year = {1999}}}
@string{joss = {Journal of Open Source Software}}
@preamble{"\\newcommand{\\noop}[1]{}"}

@article{smith2020, author = {Smith, Ann}, title = {`Active' and ``passive''}, journal = joss,
         year = {2020}}
@misc(roe2021, author = {Ro{\\"e}, J{\\'a}n and {\\c{C}}elik, {\\u{G}}{\\"u}l and \\v{S}ime{\\v c}ek, {\\O}le},
      title = {{\\AA}ngstr{\\"o}m, na{\\"\\i}ve caf\\'e, \\H{o}, \\textquoteleft x\\textquoteright}, year = {2021})
""")
    assert sorted(bibliography.entries) == ["roe2021", "smith2020"]
    assert bibliography.lines["smith2020"][1] == 7 and bibliography.lines["roe2021"][1] == 9
    smith = plain_item(csl_item(bibliography.entries["smith2020"], "en"))
    assert smith["title"] == "‘Active’ and “passive”"
    assert smith["container-title"] == "Journal of Open Source Software"
    roe = plain_item(csl_item(bibliography.entries["roe2021"], "en"))
    assert [name["family"] for name in roe["author"]] == ["Roë", "Çelik", "Šimeček"]
    assert roe["author"][1]["given"] == "Ğül" and roe["author"][2]["given"] == "Øle"
    assert roe["title"] == "Ångström, naïve café, ő, ‘x’"


def test_a_doi_is_cleaned_or_left_out_with_a_warning(tmp_path, caplog):
    bibliography = load(tmp_path, "refs.bib", "@misc{a, doi = {https://doi.org/10.1000/x\\_1.}, year = {2020}}\n"
                                              "@misc{b, doi = {10.1002/(SICI)1097<1>}, year = {2020}}\n"
                                              "@misc{c, doi = {see paper}, year = {2020}}\n")
    assert bibliography.entries["a"].fields["doi"] == "10.1000/x_1"
    assert bibliography.entries["b"].fields["doi"] == "10.1002/(SICI)1097%3C1%3E"  # a valid URI
    assert "doi" not in bibliography.entries["c"].fields
    assert any("refs.bib:3: warning: entry 'c': the doi 'see paper' is no DOI" in record.getMessage()
               for record in caplog.records)


def test_crossref_fields_inherit_from_the_parent(tmp_path):
    bibliography = load(tmp_path, "refs.bib", """
@book{kara2021, editor = {Kara, Deniz}, title = {Karabağ Savaşı}, publisher = {Nobel},
  address = {Ankara}, year = {2021}}
@incollection{holt2021, author = {Holt, Mary}, title = {The ceasefire}, pages = {1--9},
  crossref = {kara2021}}
""")
    assert reference(bibliography, "holt2021", "en") == (
        "Holt, M. (2021). The ceasefire. In D. Kara (Ed.), Karabağ Savaşı (pp. 1–9). Ankara: Nobel.")


def test_unknown_crossref_parent_is_an_error_with_a_suggestion(tmp_path):
    with pytest.raises(BuildError) as error:
        load(tmp_path, "refs.bib", "@book{kara2021, title = {K}}\n@inbook{h, crossref = {kara2012}}\n")
    assert "refs.bib:2: error: entry 'h' has crossref 'kara2012'" in str(error.value)
    assert "did you mean 'kara2021'?" in str(error.value)


def test_biblatex_fields_are_read(tmp_path):
    bibliography = load(tmp_path, "refs.bib", """
@online{kunuz2020, author = {{Kun.uz}}, title = {Açıklama}, date = {2020-10-01},
  url = {https://kun.uz/1}, urldate = {2021-01-15}, langid = {turkish}}
@article{a2020, author = {Aslanlı, Araz}, title = {T}, journaltitle = {Caucasus Survey}, date = {2020},
  volume = {8}, pages = {1--20}}
@book{b2019, author = {B, C}, title = {Kitap}, location = {Ankara}, publisher = {Nobel}, date = {2019}}
@thesis{c2016, author = {C, D}, title = {Tez}, type = {phdthesis}, institution = {ODTÜ}, date = {2016}}
""")
    assert reference(bibliography, "kunuz2020", "en") == (
        "Kun.uz (2020, October 1). Açıklama. https://kun.uz/1 (Accessed 15 January 2021)")
    assert reference(bibliography, "a2020", "en") == "Aslanlı, A. (2020). T. Caucasus Survey, 8, 1–20."
    assert reference(bibliography, "b2019", "tr") == "B, C. (2019). Kitap. Ankara: Nobel."
    assert reference(bibliography, "c2016", "tr") == "C, D. (2016). Tez (Doktora tezi, ODTÜ)."
    assert structured_references(bibliography, ["kunuz2020"])[0]["language"] == "tr"


def test_csl_json_is_read(tmp_path):
    bibliography = load(tmp_path, "refs.json", json.dumps([
        {"id": "caferov2016", "type": "chapter", "title": "İlişkiler <i>ve</i> 50%",
         "author": [{"family": "Caferov", "given": "Rövşen"}, {"literal": "Türk Keneşi"}],
         "editor": [{"family": "Purtaş", "given": "Fırat"}], "container-title": "Türkmenistan",
         "page": "240-260", "publisher": "Astana", "publisher-place": "Ankara",
         "issued": {"date-parts": [[2016]]}},
        {"id": "web", "type": "webpage", "title": "Haber", "author": [{"literal": "Kun.uz"}],
         "issued": {"date-parts": [[2020, 10, 1]]}, "accessed": {"date-parts": [[2021, 1, 15]]},
         "URL": "https://kun.uz/2"}], ensure_ascii=False, indent=1))
    assert reference(bibliography, "caferov2016", "tr") == (
        "Caferov, R. ve Türk Keneşi (2016). İlişkiler ve 50%. F. Purtaş (Ed.), Türkmenistan içinde "
        "(ss. 240–260). Ankara: Astana.")
    assert reference(bibliography, "web", "tr") == (
        "Kun.uz (2020, 1 Ekim). Haber. https://kun.uz/2 (Erişim tarihi: 15 Ocak 2021)")
    text = (tmp_path / "refs.json").read_text(encoding="utf-8")
    assert bibliography.lines["web"][1] == text[:text.index('"id": "web"')].count("\n") + 1


def test_csl_json_mistakes_name_file_and_line(tmp_path):
    with pytest.raises(BuildError) as error:
        load(tmp_path, "refs.json", '[\n {"id": "a", "type": "book"},\n {"id": "b" "type": "book"}\n]\n')
    assert "refs.json:3: error: malformed CSL-JSON" in str(error.value)
    with pytest.raises(BuildError) as error:
        load(tmp_path, "refs.json", '[\n {"type": "book", "title": "x"}\n]\n')
    assert "refs.json" in str(error.value) and 'has no "id"' in str(error.value)


CSL_YAML_ITEMS = """references:
- id: watson1953
  type: article-journal
  author:
  - family: Watson
    given: J. D.
  - family: Crick
    given: F. H. C.
  issued:
    date-parts:
    - [1953, 4, 25]
  title: Molecular structure of nucleic acids
  container-title: Nature
  volume: 171
  page: 737-738
"""


def test_csl_yaml_is_read_from_a_file_and_from_the_front_matter(tmp_path):
    """pandoc's CSL YAML: a .yaml bibliography, and a paper's own `references:`."""
    expected = "Watson, J. D. and Crick, F. H. C. (1953). Molecular structure of nucleic acids. Nature, 171, 737–738."
    bibliography = load(tmp_path, "refs.yaml", "---\n" + CSL_YAML_ITEMS + "...\n")
    assert reference(bibliography, "watson1953", "en") == expected
    assert bibliography.lines["watson1953"] == (str(tmp_path / "refs.yaml"), 3)
    bibliography = load(tmp_path, "paper.md", "---\ntitle: T\n" + CSL_YAML_ITEMS + "---\n\nText [@watson1953].\n")
    assert reference(bibliography, "watson1953", "en") == expected


def test_the_front_matters_references_are_the_papers_bibliography(tmp_path):
    """A one-file paper that lists its works in `references:` (pandoc's way) builds, its
    list printed; no "unknown key", no "names no bibliography"."""
    result = paper_build(tmp_path, "---\ntitle: T\nlang: en\n" + CSL_YAML_ITEMS
                         + "---\n\n# A\n\nThe structure [@watson1953].\n")
    assert result.returncode == 0, result.stderr
    assert "references" not in result.stderr
    page = next((tmp_path / "out" / "html").glob("*.html")).read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)
    assert "The structure (Watson and Crick, 1953)." in text
    assert "Watson, J. D. and Crick, F. H. C. (1953). Molecular structure of nucleic acids. Nature" in text


def test_csl_yaml_mistakes_name_file_and_line(tmp_path):
    with pytest.raises(BuildError) as error:
        load(tmp_path, "refs.yaml", "references:\n- type: book\n  title: x\n")
    assert "refs.yaml" in str(error.value) and "has no id" in str(error.value)
    with pytest.raises(BuildError) as error:  # an alias is never composed (it repeats without limit)
        load(tmp_path, "refs.yaml", "references:\n- &a {id: a, type: book}\n- *a\n")
    assert "refs.yaml:3" in str(error.value) and "alias" in str(error.value)
    with pytest.raises(BuildError) as error:
        load(tmp_path, "refs.yaml", "references:\n- id: a\n  title: 'open\n")
    assert "refs.yaml:3: error: YAML syntax error" in str(error.value)


def test_structured_references_give_the_fields_per_key(bibliography):
    article, chapter = structured_references(bibliography, ["yilmaz2019", "zorlu2020"], "tr")
    assert article == {
        "id": "yilmaz2019", "type": "article-journal",
        "author": [{"family": "Yılmaz", "given": "Ali"}, {"family": "Şahin", "given": "Veli"},
                   {"family": "Çelik", "given": "Ayşe"}],
        "title": "Hazar’ın statüsü", "volume": "55", "page": "10-30", "DOI": "10.1234/ae.2019.55",
        "container-title": "Avrasya Etüdleri", "issue": "1", "issued": {"date-parts": [[2019]]}}
    assert chapter["editor"][0] == {"family": "Ergashev", "given": "Doniyor"}
    assert chapter["publisher"] == "Seçkin" and chapter["publisher-place"] == "Ankara"


def test_incomplete_entries_are_warnings(tmp_path, caplog):
    bibliography = load(tmp_path, "refs.bib", "@misc{anon, title = {Başlıksız}, year = {2020}}\n\n"
                                              "@book{undated, author = {Kara, Deniz}, title = {Kitap}}\n")
    warn_incomplete(["anon", "undated"], bibliography)
    messages = [record.getMessage() for record in caplog.records]
    assert any("refs.bib:1: warning: incomplete entry 'anon': no author" in m for m in messages)
    assert any("refs.bib:3: warning: incomplete entry 'undated': no year" in m for m in messages)
    assert rendered(bibliography, cite(("undated", None)), ["anon", "undated"]) == "(Kara, t.y.)"


# --- golden samples: every named style, both languages ------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("style", STYLES)
def test_style_matches_its_golden_sample(style, lang):
    """Regenerate on purpose: ``.venv/bin/python -m tests.citation_samples``."""
    assert render(lang, style) == sample_path(lang, style).read_text(encoding="utf-8")


def citation_spans(doc):
    found = []
    doc.walk(lambda e, d: found.append(e) if isinstance(e, pf.Span) and "citation" in e.classes else None)
    return found


def test_note_style_makes_footnotes_with_shortened_subsequent_forms():
    doc = filtered("en", "chicago-notes")
    body = doc.content[1]
    notes = [e for e in body.content if isinstance(e, pf.Note)]
    assert pf.stringify(body).startswith("The status of the Caspian is disputed.") and notes
    first = notes[0].content[0].content[0]
    assert "citation" in first.classes and first.attributes["data-cites"] == "yilmaz2019"
    assert pf.stringify(first).startswith("Ali Yılmaz et al., “Hazar")
    last = [e for e in doc.content[2].content if isinstance(e, pf.Note)][-1]
    assert pf.stringify(last).strip() == "Yılmaz et al., “Hazar’ın Statüsü: A 50% Increase in NATO Interest,” 14."
    # the author's own footnote keeps its text; its citation is put in parentheses
    author_note = [n for n in notes if pf.stringify(n).startswith("For comparison")][0]
    assert pf.stringify(author_note).strip() == "For comparison see (Deniz Kara, ed., Karabağ Savaşı (Nobel, 2021))."


def test_numeric_style_numbers_in_order_of_first_citation():
    doc = filtered("en", "ieee")
    spans = citation_spans(doc)
    assert [pf.stringify(s) for s in spans[:4]] == ["[1, p. 12]", "[2, Ch. 3]", "Zorlu [3, p. 50]", "[4], [5]"]
    entries = [b for b in doc.content if isinstance(b, pf.Div) and "reference-entry" in b.classes]
    assert [b.identifier for b in entries[:3]] == ["bib-yilmaz2019", "bib-ozsoy2019", "bib-zorlu2020"]
    assert [pf.stringify(b.content[-1]).split(" ")[0] for b in entries] == [f"[{n}]" for n in range(1, 15)]


def test_csl_reference_list_is_in_turkish_order_with_links_and_roles():
    doc = filtered("tr", "apa")
    header = [b for b in doc.content if isinstance(b, pf.Header) and b.identifier == "bibliography"][0]
    assert "references" in header.classes and header.attributes["role"] == "doc-bibliography"
    entries = [b.identifier for b in doc.content if isinstance(b, pf.Div) and "reference-entry" in b.classes]
    assert entries.index("bib-ilgin2016") < entries.index("bib-isik2017") < entries.index("bib-ince2018")
    links = []
    doc.walk(lambda e, d: links.append(e) if isinstance(e, pf.Link) and e.url.startswith("#") else None)
    assert links and all(link.url[len("#bib-"):] in {e[len("bib-"):] for e in entries} for link in links)
    assert links[0].title.startswith("Yılmaz, A., Şahin, V., & Çelik, A. (2019).")
    assert "İçinde D. Ergashev" in pf.stringify(doc)  # not pandoc's "Içinde"


def test_unknown_style_lists_the_closest_names(tmp_path):
    with pytest.raises(BuildError) as error:
        find_style("isnad-metnici", None)
    assert "unknown citation style 'isnad-metnici'" in str(error.value)
    assert "did you mean 'isnad-metinici'" in str(error.value)


# --- whole builds in a CSL style ---------------------------------------------------

SECTIONS = {"01-giris.md": "# Giriş\n\nİlk atıf [@ozsoy2019, 12]. Makale @yilmaz2019 [14] ve "
                           "bölüm [@zorlu2020, bölüm 2] birlikte okunur.\n"}
METADATA = "lang: tr\ntitle: Atıf Denemesi\ncsl: {style}\n"


class ClassTexts(HTMLParser):
    """The text of every element with a class, by class (citations and entries)."""

    def __init__(self, html):
        super().__init__()
        self.open, self.found = [], {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        self.open.append((tag, classes, []))

    def handle_endtag(self, tag):
        while self.open:
            name, classes, text = self.open.pop()
            if classes:
                self.found.setdefault(classes, []).append("".join(text))
            if self.open:
                self.open[-1][2].extend(text)
            if name == tag:
                break

    def handle_data(self, data):
        if self.open:
            self.open[-1][2].append(data)


@pytest.mark.slow
def test_every_edition_prints_the_same_csl_citations(tmp_path):
    project = write_manuscript(tmp_path / "p", SECTIONS, METADATA.format(style="apa"), BIB)
    result = run_build("--root", str(project), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    expected = ["(Özsoy, 2019, s. 12)", "Yılmaz vd. (2019, s. 14)", "(Zorlu, 2020, Bölüm 2)"]
    html = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert ClassTexts(html).found["citation"] == expected
    epub = zipfile.ZipFile(next((tmp_path / "out").glob("*.epub")))
    chapters = "".join(epub.read(n).decode() for n in epub.namelist() if n.endswith(".xhtml"))
    assert ClassTexts(chapters).found["citation"] == expected
    pdf = subprocess.run([require_tool("pdftotext", "apt-get install poppler-utils"), "-layout", str(next((tmp_path / "out").glob("*.pdf"))), "-"],
                         capture_output=True, text=True).stdout
    flat = " ".join(pdf.split())
    assert all(text in flat for text in expected)
    assert flat.index("Kaynakça") > flat.index(expected[-1])
    assert "Özsoy, K. (2019). Hazar Jeopolitiği (2. bs). Nobel." in flat
    assert 'id="bib-ozsoy2019" class="reference-entry">' in html


@pytest.mark.slow
def test_csl_build_errors_name_the_place(tmp_path):
    sections = {"01-giris.md": "# Giriş\n\nAtıf [@ozsoy2091].\n"}
    project = write_manuscript(tmp_path / "p", sections, METADATA.format(style="apaa"), BIB)
    result = run_build("--root", str(project), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and not (tmp_path / "out" / "html").exists()
    assert "manuscript/01-giris.md:3: error: unknown citation key 'ozsoy2091' " \
           "(did you mean 'ozsoy2019'?)" in result.stderr
    assert "manuscript/metadata.yaml:3: error: unknown citation style 'apaa' (did you mean 'apa'" \
        in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_csl_file_in_the_project_is_used_and_part_of_the_cache_key(tmp_path):
    from filters.cslstyle import collection_file
    project = write_manuscript(tmp_path / "p", SECTIONS, METADATA.format(style="../styles/journal.csl"), BIB)
    (project / "styles").mkdir()
    style = project / "styles" / "journal.csl"
    style.write_bytes(collection_file("apa").read_bytes())
    out = tmp_path / "out"
    assert run_build("--root", str(project), "--out", str(out), "html").returncode == 0
    first_citation = ClassTexts((out / "html" / "index.html").read_text(encoding="utf-8")).found["citation"][0]
    assert first_citation == "(Özsoy, 2019, s. 12)"
    style.write_bytes(collection_file("ieee").read_bytes())  # the same name, another style
    result = run_build("--root", str(project), "--out", str(out), "html")
    assert result.returncode == 0, result.stderr
    assert ClassTexts((out / "html" / "index.html").read_text(encoding="utf-8")).found["citation"][0] == "[1, s. 12]"


@pytest.mark.slow
def test_a_csl_path_outside_the_project_is_refused(tmp_path):
    from filters.cslstyle import collection_file
    (tmp_path / "outside.csl").write_bytes(collection_file("apa").read_bytes())
    project = write_manuscript(tmp_path / "p", SECTIONS, METADATA.format(style="../../outside.csl"), BIB)
    result = run_build("--root", str(project), "--out", str(tmp_path / "out"), "html")
    assert result.returncode == 1
    assert "manuscript/metadata.yaml:3: error: the citation style '../../outside.csl' lies outside " \
           "the project" in result.stderr



def test_a_one_file_papers_csl_path_is_held_to_its_root(tmp_path):
    """The style's path was held to the parent of the paper's folder: a one-file paper's
    ``csl: ../outside.csl`` read a file beside --root (an attacker's round)."""
    from filters.cslstyle import collection_file
    (tmp_path / "outside.csl").write_bytes(collection_file("apa").read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "paper.md").write_text("---\ntitle: T\ncsl: ../outside.csl\n---\n\nText.\n",
                                              encoding="utf-8")
    result = run_build("html", str(tmp_path / "sub" / "paper.md"), "--root", str(tmp_path / "sub"),
                       "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "paper.md:3: error: the citation style '../outside.csl' lies outside the project" in result.stderr


@pytest.mark.slow
def test_nocite_star_lists_every_entry(tmp_path):
    metadata = 'lang: en\ntitle: Nocite\nnocite: "@*"\n'
    project = write_manuscript(tmp_path / "p", {"01.md": "# One\n\nNo citation here.\n"}, metadata, BIB)
    result = run_build("--root", str(project), "--out", str(tmp_path / "out"), "html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'class="reference-entry">', html)) == BIB.count("\n@")


def test_and_others_prints_et_al(tmp_path):
    bib = ("@article{scar2020, author = {Scarborough, Peter and Adhikari, Vyas and others}, "
           "title = {Impact of the levy}, journal = {BMJ}, year = {2020}}\n")
    root = write_manuscript(tmp_path, {"01.md": "# A\n\nText [@scar2020].\n"}, "lang: en\ntitle: T\n", bib)
    result = run_build("html", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    body = re.sub(r"<[^>]+>", "", (root / "build" / "html" / "index.html").read_text(encoding="utf-8")
                  .split("<main>")[1])
    assert "(Scarborough et al., 2020)" in body
    assert "Scarborough, P., Adhikari, V. et al. (2020)" in body and "others" not in body


def test_citations_without_any_bibliography_are_one_error(tmp_path):
    """A paper whose bibliography is named elsewhere (an author's trial: 13 errors, one
    per key, each asking to add the entry to a .bib file the build never read)."""
    (tmp_path / "paper.md").write_text("---\ntitle: Cites\n---\n\n# One\n\nAs @a and @b and [@c].\n",
                                       encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "paper.md:7: error: the text cites 3 work(s) (@a…) but names no bibliography" in result.stderr
    assert "unknown citation key" not in result.stderr and result.stderr.count("error:") == 1, result.stderr
    # a paper of one file has no bibliography/ folder to put it in (a later trial put it there)
    assert "(name the .bib file in the front matter: bibliography: references.bib)" in result.stderr


def test_the_aas_journal_macros_that_ads_exports_are_the_journals_names():
    """ADS's BibTeX writes ``journal = {\\apj}``: an author's trial printed "apj ," in
    every edition."""
    from filters.bibtext import plain
    assert [plain(m) for m in (r"{\apj}", r"\mnras", r"\aap", r"{\prd}", r"\nat")] == \
        ["ApJ", "MNRAS", "A&A", "Phys. Rev. D", "Nature"]
    assert plain(r"\apjl, 5") == "ApJL, 5" and plain(r"\apjsupp") == "ApJS"


def test_a_field_written_twice_and_a_url_that_is_the_doi(tmp_path, caplog):
    """A field written twice: BibTeX keeps the first, and the warning says so at the
    second's line (it gave the advice for names). A url that is the DOI's address is
    printed once, as the DOI (an author's trial printed both)."""
    path = tmp_path / "refs.bib"
    path.write_text("@article{a, title = {T}, author = {A, B},\n  journal = {First},\n  year = {2019},\n"
                    "  journal = {Second}, doi = {10.21105/joss.01370},\n"
                    "  url = {http://dx.doi.org/10.21105/joss.01370}}\n", encoding="utf-8")
    bibliography = load_bibliography([str(path)])
    entry = bibliography.entries["a"]
    assert entry.fields["journal"] == "First" and "url" not in entry.fields
    assert any(r.getMessage().endswith("refs.bib:4: warning: entry 'a': its journal field is written twice: the "
                                       "first is kept, as BibTeX keeps it (delete the one that is wrong)")
               for r in caplog.records), [r.getMessage() for r in caplog.records]


def test_manubots_citations_by_identifier_say_where_their_references_are(tmp_path):
    """Manubot cites works by identifier (@doi:…, @pmid:…) and looks them up online; the
    error said to name a .bib file, which a Manubot project does not have."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n# A\n\nAs shown [@doi:10.1515/9781400839452; "
                                       "@pmid:23180789].\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "paper.md:7: error: the text cites 2 work(s) (@doi:10.1515/9781400839452…) but names no bibliography " \
           "(these are Manubot's citations by identifier" in result.stderr, result.stderr
    assert "bibliography: references.json" in result.stderr


def test_a_manubot_projects_compact_identifiers_are_its_citations_by_identifier(tmp_path):
    """Manubot resolves any compact identifier (@CHEBI:15377, @GO:0008150) through
    Bioregistry; a project citing mostly those was told to name a .bib file."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "metadata.yaml").write_text("title: T\nlang: en\n", encoding="utf-8")
    (tmp_path / "content" / "01.intro.md").write_text("# A\n\nWater [@CHEBI:15377; @GO:0008150; @tag:x].\n",
                                                      encoding="utf-8")
    result = run_build("html", "--root", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "01.intro.md:3: error: the text cites 3 work(s) (@CHEBI:15377…) but names no bibliography " \
           "(these are Manubot's citations by identifier" in result.stderr, result.stderr


def test_citations_separated_by_commas(tmp_path):
    """``[@a, @b]`` (JOSS's prospect paper): pandoc read @b inside a's suffix, printed
    "(Colombo, 2008, @b2011)" without a word, while b went into the reference list."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\nbibliography: r.bib\n---\n\n# A\n\n"
                                       "As shown [@a2008, @b2011] here.\n", encoding="utf-8")
    (tmp_path / "r.bib").write_text("@article{a2008, author={Colombo, A}, title={One}, journal={J}, year={2008}}\n"
                                    "@article{b2011, author={Li, B}, title={Two}, journal={J}, year={2011}}\n",
                                    encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "paper.md:8: warning: '[@a2008, @b2011]' is read as one bracket of citations" in result.stderr
    page = re.sub(r"<[^>]*>", "", (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"))
    assert "As shown (Colombo, 2008; Li, 2011) here." in page and "@b2011" not in page


def test_twenty_seven_works_of_one_author_and_year_are_lettered_on(tmp_path):
    """An organisation's 27 reports of one year: the house style had letters a–z only, and
    the 27th work was a traceback (an attacker's round; honest papers have such lists)."""
    entries = "".join(f"@report{{who{n}, author = {{{{World Health Organization}}}}, title = {{Report {n:02d}}}, "
                      f"year = {{2020}}}}\n" for n in range(27))
    (tmp_path / "refs.bib").write_text(entries, encoding="utf-8")
    result = paper_build(tmp_path, "---\ntitle: T\nbibliography: refs.bib\nnocite: \"@*\"\n---\n\nText.\n")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "2020z" in page and "2020aa" in page and "Report 26" in page


@pytest.mark.parametrize("date", ['{"date-parts": [5]}', '{"date-parts": 5}', '{"date-parts": [null]}'])
def test_a_csl_json_date_of_another_shape_is_no_date_not_a_traceback(tmp_path, date):
    bibliography = load(tmp_path, "refs.json", f'[{{"id": "a", "type": "book", "title": "T", "issued": {date}}}]')
    assert "year" not in bibliography.entries["a"].fields


def test_a_short_doi_is_a_doi(tmp_path):
    """shortdoi.org's 10/gkzc7v resolves as its DOI does: it was "no DOI" and left out, and
    the same written as the url was a link to a file no edition holds (an author's trial)."""
    bibliography = load(tmp_path, "refs.json", '[{"id": "a", "type": "book", "title": "T", "DOI": "10/gkzc7v", '
                                               '"URL": "10/gkzc7v"}]')
    assert bibliography.entries["a"].fields["doi"] == "10/gkzc7v" and "url" not in bibliography.entries["a"].fields


def test_biblatex_extended_names_are_read_as_biber_reads_them(tmp_path):
    """``family=Wartburg, given=Karin, prefix=von`` (Zotero's Better BibLaTeX, Biber):
    printed "family=Wartburg, p. u." with a warning that advised the wrong fix."""
    (tmp_path / "refs.bib").write_text(
        "@article{sgg2023, author={Gabay, Simon and family=Wartburg, given=Karin, prefix=von, useprefix=true},"
        " title={A Title}, journal={J}, year={2023}}\n", encoding="utf-8")
    result = paper_build(tmp_path, "---\ntitle: T\nbibliography: refs.bib\n---\n\n# A\n\nAs @sgg2023 say.\n")
    assert result.returncode == 0 and "commas" not in result.stderr, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Gabay and von Wartburg" in page and "Wartburg, K." in page and "family=" not in page


def test_a_numeric_styles_aligned_labels_make_valid_html_and_epub(tmp_path):
    """CSL's second-field-align ("[1]" beside the text, ieee, nature): every entry was
    <p><div class="csl-left-margin">…, which HTML does not allow (EPUBCheck: RSC-005 for
    each entry; an author's trial with nature.csl)."""
    from press.validate import epubcheck_findings

    (tmp_path / "refs.bib").write_text("@article{a1, author={Smith, John}, title={A Title}, journal={J}, "
                                       "year={2020}}\n", encoding="utf-8")
    result = paper_build(tmp_path, "---\ntitle: T\nbibliography: refs.bib\ncsl: ieee\n---\n\n# A\n\nAs shown "
                         "[@a1].\n", "html", "epub")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert '<div class="csl-left-margin">[1] </div>' in page and "<p><div" not in page
    assert not [f for f in epubcheck_findings(tmp_path / "out" / "t.epub") if f.severity in ("error", "fatal")]


def test_a_bibliography_refused_is_one_error_not_two(tmp_path):
    """A .bib outside the project was refused, then "the text cites 1 work(s) … but names
    no bibliography" followed, telling the author to do what they had done (an author's trial)."""
    (tmp_path / "refs.bib").write_text("@article{a, author={A, B}, title={T}, journal={J}, year={2020}}\n",
                                       encoding="utf-8")
    paper = tmp_path / "p"
    paper.mkdir()
    result = paper_build(paper, "---\ntitle: T\nbibliography: ../refs.bib\n---\n\nAs [@a] says.\n")
    assert result.returncode == 1
    assert "bibliography '../refs.bib' lies outside the project folder" in result.stderr
    assert "names no bibliography" not in result.stderr and "unknown citation key" not in result.stderr


@pytest.mark.parametrize("between", ["The works cited, in the journal's style.\n\n",
                                     "```{=latex}\n\\begingroup\n```\n\n"])
def test_the_authors_heading_over_the_list_is_its_only_heading(tmp_path, between):
    """``# References``, a sentence or a LaTeX block, then ``::: {#refs}`` (papaja's and
    rticles' idiom): a numbered empty "5. References" and the list's own "References" were
    both printed. The heading is the list's; what it holds stays, in JATS's ref-list too."""
    from press.validate import jats_findings
    (tmp_path / "refs.bib").write_text("@book{a, author={Roe, Ann}, title={A Book}, year={2000}, publisher={P}}\n",
                                       encoding="utf-8")
    text = ("---\ntitle: T\nlang: en\nbibliography: refs.bib\njournal: {name: J, issn: 1234-5679}\n"
            f"license: CC-BY-4.0\n---\n\n# Intro\n\nText [@a].\n\n# References\n\n{between}::: {{#refs}}\n:::\n")
    result = paper_build(tmp_path, text, "html", "jats")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<h[1-6][^>]*>\s*References\s*</h[1-6]>", page)) == 1
    assert "2. References" not in re.sub(r"<[^>]+>", "", page) and "Roe, A. (2000). A Book" in page
    jats = next((tmp_path / "out").rglob("*.xml"))
    xml = jats.read_text(encoding="utf-8")
    assert xml.count("<title>References</title>") == 1 and "<ref id=\"bib-a\">" in xml
    assert ("The works cited" in xml) == ("works cited" in between)
    assert not [f for f in jats_findings(jats) if f.message.startswith("DTD")]


def test_a_field_the_house_style_cannot_place_is_printed_or_said(tmp_path):
    # a conference paper without its book's title kept its pages out of the reference list
    # without a word (an author's trial: 7 of a paper's 72 entries); an article without a
    # journal still loses its volume and pages, and the build says so at the entry
    bib = ("@inproceedings{mik, title={Distributed representations}, author={Mikolov, Tomas}, year={2013},\n"
           "  pages={3111--3119}}\n"
           "@article{nojournal, title={Growth}, author={Smith, Ann}, year={2020}, volume={12}, pages={1--5}}\n")
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    result = paper_build(tmp_path, "---\ntitle: P\nbibliography: refs.bib\nchronology: false\n---\n\n"
                                   "Text [@mik; @nojournal].\n")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Distributed representations. (pp. 3111–3119)." in page
    assert re.search(r"refs\.bib:3: warning: the reference list leaves out the volume, pages of 'nojournal'",
                     result.stderr), result.stderr
    assert "'mik'" not in result.stderr


def test_a_note_citations_address_is_text_in_its_jats_xref(tmp_path):
    """A note style's citation of a web page holds its URL as a link: the JATS put an
    <ext-link> inside the citation's <xref>, which the DTD refuses ("Element ext-link is
    not declared in xref"), with exit 0 (an author's trial, a French thesis)."""
    (tmp_path / "refs.bib").write_text("@online{site, author={Anne Godard}, title={A blog post}, year={2020}, "
                                       "url={https://ecriplur.hypotheses.org/637}}\n", encoding="utf-8")
    result = paper_build(tmp_path, "---\ntitle: T\nbibliography: refs.bib\ncsl: chicago-notes\nchronology: false\n"
                         "license: CC-BY-4.0\njournal: {name: J, eissn: 2430-3658, publisher: P}\n---\n\n# A\n\n"
                         "A claim.[@site]\n", "jats")
    assert result.returncode == 0, result.stderr
    xml = next((tmp_path / "out" / "jats").glob("*.xml")).read_text(encoding="utf-8")
    note = re.search(r'<xref [^>]*ref-type="bibr">(.*?)</xref>', xml).group(1)
    assert note == "Anne Godard, “A Blog Post,” 2020, https://ecriplur.hypotheses.org/637"
    result = run_build("validate", "--out", str(tmp_path / "out"))
    assert result.returncode == 0 and "valid: jats" in result.stdout + result.stderr, result.stdout + result.stderr


def test_the_list_goes_where_the_authors_refs_div_is_even_inside_another(tmp_path):
    """``<div id="biblio"><h3>Bibliography</h3><div id="refs"></div></div>`` (a French
    thesis, an author's trial): pandoc fills the #refs Div wherever it stands; this build
    looked at the top level only, left the author's heading over an empty list and added
    the list below it under a second heading, "References", without a word."""
    (tmp_path / "refs.bib").write_text("@book{knuth84, author={Knuth, Donald}, title={The TeXbook}, "
                                       "publisher={Addison-Wesley}, year={1984}}\n", encoding="utf-8")
    for nested in ('<div id="biblio">\n<h3 id="bibliographie">Bibliography</h3>\n<div id="refs"></div>\n</div>\n',
                   "::: {#biblio}\n### Bibliography\n\n::: {#refs}\n:::\n:::\n"):
        result = paper_build(tmp_path, "---\ntitle: T\nbibliography: refs.bib\nchronology: false\n---\n\n# Intro\n\n"
                             f"As shown by @knuth84.\n\n{nested}")
        assert result.returncode == 0, result.stderr
        page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
        main = page[page.index("<main>"):]
        assert re.sub(r"<[^>]+>|\s", "", main).endswith("BibliographyKnuth,D.(1984).TheTeXbook.Addison-Wesley.")
        assert "References" not in main and main.count('class="reference-entry"') == 1


def test_a_date_as_pandoc_writes_it_in_csl_yaml_is_the_works_date(tmp_path):
    """``issued: [{year: 1952}]`` (pandoc's CSL YAML, a list of the start and end dates)
    was "no date": a warning, and "n.d." printed for a work of 1952."""
    from conftest import paper_build

    result = paper_build(tmp_path, """---
title: T
references:
- id: wheeler1952
  type: article-journal
  author: [{family: Wheeler, given: David}]
  title: The use of sub-routines in programmes
  container-title: Proceedings of the ACM
  issued:
  - year: 1952
    month: 5
- id: ritchie1974
  title: The UNIX time-sharing system
  issued: {year: 1974}
---

As @wheeler1952 and @ritchie1974 showed.
""")
    assert result.returncode == 0, result.stderr
    assert "is no date" not in result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Wheeler (1952)" in page and "(1974)" in page and "n.d." not in page


def test_bibtexs_and_others_is_et_al_in_a_csl_style(tmp_path):
    """``author = {Doe, Jane and Roe, Ann and others}`` in a CSL style printed a person
    named "others" ("Doe, J., Roe, A., ve others", an author's Turkish thesis); pandoc
    reads it as the literal ``others``, which citeproc prints as the style's "et al."."""
    bib = "@article{doe2020, author={Doe, Jane and Roe, Ann and others}, title={A study}, journal={J}, year={2020}}\n"
    result, page = built_html(tmp_path, "---\ntitle: T\nlang: tr\nbibliography: refs.bib\ncsl: apa\n---\n\n[@doe2020]\n",
                              ("refs.bib", bib))
    words = " ".join(re.sub(r"<[^>]+>", "", page.split("<main")[1]).split())
    assert "(Doe vd., 2020)" in words and "Doe, J., Roe, A., vd. (2020)" in words and "others" not in words, words


def test_a_citation_written_against_the_sentence_before_it_is_read(tmp_path):
    """``görülmüştür.@birdal2019`` (an author's Turkish term paper): pandoc reads no
    citation without a space before the ``@``; the key was printed and the work left out
    of the references, without a word. A known key so written is the citation, with a
    warning; an address (``ann@example.org``) and an unknown key stay words."""
    bib = "@article{kaya2019, author={Kaya, Ali}, title={Bir çalışma}, journal={D}, year={2019}}\n"
    result, page = built_html(tmp_path, "---\ntitle: T\nlang: tr\nbibliography: refs.bib\n---\n\n"
                                        "Görülmüştür.@kaya2019 Yazın ann@example.org ve x.@yok.\n", ("refs.bib", bib))
    words = " ".join(re.sub(r"<[^>]+>", "", page.split("<main")[1]).split())
    assert "Görülmüştür.Kaya (2019)" in words and "Kaya, A. (2019). Bir çalışma. D." in words, words
    assert "ann@example.org" in words and "x.@yok." in words
    assert "paper.md:7: warning: 'Görülmüştür.@kaya2019' is read as a citation of 'kaya2019'" in result.stderr
