"""Numbering and cross-references: pure functions, a sample in both syntaxes against
its expected AST, and every mistake an author can make, with file and line."""
import re
from pathlib import Path

import panflute as pf
import pytest
from conftest import built_html, doc_from, paper_build, run_build, write_manuscript

from filters import crossref
from filters.numbering import collapse, kind_of, label_text

SAMPLE = Path(__file__).resolve().parent.parent / "filters" / "samples" / "crossref"


def test_sample_numbers_and_references():
    doc = crossref.main(doc_from((SAMPLE / "input.md").read_text(encoding="utf-8")))
    text = pf.stringify(doc)
    for expected in ["1. Giriş", "1.1. Arka plan", "2. Yöntem", "Ek A: Anket", "A.1. Ayrıntılar",
                     "Ek B: Veri", "Şekil 1. Bir harita", "Şekil 2. İkinci şekil", "Tablo 1. Dağılım",
                     "Şekil A1. Ekteki şekil", "Tablo B1. Ek tablo", "(1)",
                     "Şekil 1 ve Şekil 1 ve 2 ile Tablo 1; 1, Bölüm 2, Ek A."]:
        assert expected in text, expected
    assert "Teşekkür" in text and "3. Teşekkür" not in text and "Alt başlık" in text
    assert "3.1" not in text  # a subsection of an unnumbered section is not numbered
    # a bracket that mixes both keeps the citation, the references in its prefix
    cites = [e for e in doc.content[1].content if isinstance(e, pf.Cite)]
    assert [c.id for cite in cites for c in cite.citations] == ["smith2020"]
    assert pf.stringify(pf.Span(*cites[0].citations[0].prefix)) == "bkz. Tablo 1; "


@pytest.mark.parametrize("identifier, kind", [("fig:map", "figure"), ("Fig:map", "figure"),
                                              ("tbl-a", "table"), ("eq:x", "equation"),
                                              ("sec-intro", "section"), ("smith2020", None),
                                              ("figure2020", None)])
def test_kind_of(identifier, kind):
    assert kind_of(identifier) == kind


def test_labels_follow_the_language():
    assert label_text("figure", "1", "tr") == "Şekil 1" and label_text("table", "A2", "en") == "Table A2"
    assert label_text("equation", "3", "tr") == "Denklem (3)" and label_text("appendix", "B", "tr") == "Ek B"
    assert label_text("section", "2.1", "en") == "Section 2.1"


def test_runs_of_numbers_collapse():
    assert collapse(["1", "2", "3"]) == ["1–3"] and collapse(["1", "3"]) == ["1", "3"]
    assert collapse(["A1", "A2", "A3", "B1"]) == ["A1–A3", "B1"]


def test_plural_references_in_english():
    doc = crossref.main(doc_from("---\nlang: en\n---\n\n" + "".join(
        f"![F{n}](f.png){{#fig:f{n}}}\n\n" for n in range(1, 6)) + "[@fig:f1; @fig:f2; @fig:f3; @fig:f5]\n"))
    assert pf.stringify(doc.content[-1]).strip() == "Figures 1–3 and 5"
    links = [e for e in doc.content[-1].content[0].content if isinstance(e, pf.Link)]
    assert [link.url for link in links] == ["#fig:f1", "#fig:f5"]


# --- mistakes -----------------------------------------------------------------------

SECTIONS = {
    "01-intro.md": "# Intro\n\nSee @tbl:alloc and @fig:map [@smith2020].\n",
    "03-methods.md": "# Methods\n\n" + "Text.\n\n" * 16 + "As @tbl:alloc shows.\n\n"
                     ": Allocation {#tbl:alloc}\n\n| a |\n|---|\n| 1 |\n\n"
                     "![Map](figures/map.png){#fig:map}\n",
}
BIB = "@book{smith2020, author = {Smith, A.}, title = {T}, year = {2020}, publisher = {P}}\n"


@pytest.fixture
def project(tmp_path):
    root = write_manuscript(tmp_path, SECTIONS, "lang: en\ntitle: Errors\n", BIB)
    (root / "manuscript" / "figures").mkdir()
    (root / "manuscript" / "figures" / "map.png").write_bytes(
        (Path(__file__).parent / "samples" / "article-en" / "manuscript" / "figures" / "trade.png").read_bytes())
    return root


def test_the_project_builds(project):
    result = run_build("html", "--root", str(project), cwd=project)
    assert result.returncode == 0, result.stderr


def test_unknown_cross_reference_names_file_line_and_suggestion(project):
    result = run_build("html", "--root", str(project), cwd=project)
    assert result.returncode == 0
    (project / "manuscript" / "03-methods.md").write_text(SECTIONS["03-methods.md"].replace(
        "@tbl:alloc shows", "@tbl:aloc shows"), encoding="utf-8")
    result = run_build("html", "--root", str(project), cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("manuscript/03-methods.md:35: error: unknown cross-reference 'tbl:aloc' "
            "(did you mean 'tbl:alloc'?)") in result.stderr
    assert "citation key" not in result.stderr  # never reported as a missing citation


def test_a_label_defined_twice_names_both_places(project):
    (project / "manuscript" / "04-more.md").write_text(
        "# More\n\n![Again](figures/map.png){#fig:map}\n", encoding="utf-8")
    result = run_build("html", "--root", str(project), cwd=project)
    assert result.returncode == 1
    assert re.search(r"manuscript/04-more.md:3: error: label 'fig:map' is defined twice "
                     r"\(first defined at manuscript/03-methods.md:\d+\)", result.stderr), result.stderr


def test_all_errors_of_a_build_are_reported_together(project):
    (project / "manuscript" / "04-more.md").write_text(
        "# More\n\nSee @fig:nope and [@smyth2020].\n\n![Gone](figures/gone.png)\n", encoding="utf-8")
    result = run_build("html", "--root", str(project), cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for message in ("manuscript/04-more.md:3: error: unknown cross-reference 'fig:nope'",
                    "manuscript/04-more.md:3: error: unknown citation key 'smyth2020' (did you mean 'smith2020'?)",
                    "manuscript/04-more.md:5: error: image file 'figures/gone.png' not found"):
        assert message in result.stderr, result.stderr


def test_a_cross_reference_of_the_wrong_kind(project):
    (project / "manuscript" / "04-more.md").write_text("# More\n\nSee @fig:alloc.\n\n"
                                                       ": T {#fig:alloc}\n\n| a |\n|---|\n| 1 |\n",
                                                       encoding="utf-8")
    result = run_build("html", "--root", str(project), cwd=project)
    assert result.returncode == 1
    assert "04-more.md:3: error: cross-reference 'fig:alloc' points at a table, not a figure" in result.stderr


def test_a_figure_label_on_code_a_filter_would_draw_says_so(tmp_path):
    """pandoc-plot's ``{.matplotlib #fig:bench}``: the error told the author to label the
    figure {#fig:bench}, which they had (an author's trial)."""
    result = paper_build(tmp_path, "---\ntitle: T\n---\n\nAs in @fig:bench.\n\n"
                         "```{.matplotlib #fig:bench file=\"bench.py\" caption=\"Benchmark.\"}\n```\n")
    assert result.returncode == 1
    assert "paper.md:7: warning: the code block labelled 'fig:bench' (.matplotlib) is shown as its code" \
           in result.stderr, result.stderr
    assert "paper.md:5: error: unknown cross-reference 'fig:bench': it names a code block (.matplotlib)" \
           in result.stderr


def test_an_appendix_after_a_back_matter_section_stays_an_appendix(tmp_path):
    body = {"01.md": "# Intro\n\nText.\n\n# Funding {.funding}\n\nGrant 7.\n\n::: appendix\n# Tables\n\n"
                     "Data.\n:::\n\n# Acknowledgements {.acknowledgements}\n\nThanks.\n\n"
                     "# Robustness {.appendix}\n\nMore.\n"}
    root = write_manuscript(tmp_path, body, "lang: en\ntitle: T\nchronology: false\n")
    result = run_build("html", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    html = (root / "build" / "html" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html.split("<main>")[1]))
    order = ["1. Intro", "Acknowledgements", "Funding", "Appendix A: Tables", "Data.",
             "Appendix B: Robustness"]
    positions = [text.find(part) for part in order]
    assert -1 not in positions and positions == sorted(positions), list(zip(order, positions))


def test_an_unknown_label_suggests_the_same_name_of_another_kind(project):
    (project / "manuscript" / "04-more.md").write_text("# More\n\nSee @tbl:map.\n", encoding="utf-8")
    result = run_build("html", "--root", str(project), cwd=project)
    assert "04-more.md:3: error: unknown cross-reference 'tbl:map' (did you mean 'fig:map'? it is a figure)" \
        in result.stderr


def test_references_of_one_kind_are_in_order():
    doc = crossref.main(doc_from("---\nlang: tr\n---\n\n![A](a.png){#fig:a}\n\n![B](b.png){#fig:b}\n\n"
                                 "[@fig:b; @fig:a] ve [-@fig:b]\n"))
    assert pf.stringify(doc.content[-1]).strip() == "Şekil 1 ve 2 ve 2"


def test_a_misspelled_structure_class_is_a_warning(project):
    (project / "manuscript" / "04-more.md").write_text("# Robustness {.apendix}\n\nText.\n", encoding="utf-8")
    result = run_build("html", "--root", str(project), cwd=project)
    assert result.returncode == 0
    assert ("manuscript/04-more.md:1: warning: unknown class '.apendix' on the heading 'Robustness' "
            "(did you mean '.appendix'?)") in result.stderr


def test_a_suggestion_is_written_as_the_reference_is():
    from types import SimpleNamespace

    from filters.references import closest_label
    state = SimpleNamespace(targets={"fig:bars": SimpleNamespace(kind="figure"),
                                     "tbl:trend": SimpleNamespace(kind="table")})
    assert closest_label("Fig:bras", state) == "did you mean 'Fig:bars'?"  # pasted back, still capitalised
    assert closest_label("fig:bras", state) == "did you mean 'fig:bars'?"
    assert closest_label("Fig:trend", state) == "did you mean 'Tbl:trend'? it is a table"


def test_a_mistake_is_placed_at_its_use_not_in_a_comment(tmp_path):
    """An HTML comment naming (@tbl-venues) above the real use: the error named the
    comment's line (an author's trial, a Quarto paper)."""
    result = paper_build(tmp_path, "---\ntitle: T\n---\n\n<!-- This manuscript consumes\n     - tables/v.md  "
                                   "(@tbl-venues)\n-->\n\n# Introduction\n\nSome ground (@tbl-venues).\n", name="paper.qmd")
    assert result.returncode == 1
    assert "paper.qmd:11: error: unknown cross-reference 'tbl-venues'" in result.stderr, result.stderr


def picture(path: Path, width: int, height: int) -> None:
    """A PNG of one colour, ``width`` × ``height`` pixels."""
    import struct
    import zlib

    rows = b"".join(b"\x00" + b"\xc8\x1e\x1e" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("layout", ["", " layout-ncol=2", ' layout="[0.685, 0.315]"'])
def test_a_figures_parts_are_all_on_the_pdfs_page(tmp_path, layout):
    """An author's trial (a Quarto paper): a figure's parts were blocks one under the other
    in the PDF, each picture as wide as the text, so a tall second one ran off the page with
    the figure's caption, without a word (the HTML and EPUB showed them)."""
    from press.readback import pdf_text
    picture(tmp_path / "a.png", 2000, 1200)
    picture(tmp_path / "b.png", 900, 1200)
    text = (f"---\ntitle: T\n---\n\n# A\n\nSee @fig-two.\n\n::: {{#fig-two{layout}}}\n![Left panel](a.png){{#fig-a}}\n\n"
            "![Right panel](b.png){#fig-b}\n\nTwo panels.\n:::\n\nAfter the figure.\n")
    result = paper_build(tmp_path, text, "pdf", name="paper.qmd")
    assert result.returncode == 0, result.stderr
    printed = " ".join(pdf_text(next((tmp_path / "out").glob("*.pdf"))).split())
    assert "(a) Left panel" in printed and "(b) Right panel" in printed and "Figure 1. Two panels." in printed


@pytest.mark.parametrize("picture, why", [
    ("![](a.png){#fig-x}", "the picture labelled so has no caption"),
    ("See ![A map](a.png){#fig-x} here.", "the picture labelled so is inside a paragraph"),
])
def test_a_labelled_picture_that_is_no_figure_says_why(tmp_path, picture, why):
    """An author's trial (a Quarto paper): an uncaptioned picture alone in its paragraph was
    said to be "inside a paragraph", whose fix (blank lines) it already had."""
    picture_file = tmp_path / "a.png"
    picture_file.write_bytes((Path(__file__).parent / "samples" / "article-en" / "manuscript" / "figures"
                              / "trade.png").read_bytes())
    result = paper_build(tmp_path, f"---\ntitle: T\n---\n\n# A\n\nSee @fig-x.\n\n{picture}\n", name="paper.qmd")
    assert f"paper.qmd:7: error: unknown cross-reference 'fig-x': {why}" in result.stderr, result.stderr


def test_a_list_of_references_a_word_names_and_pandoc_xnos_braces(tmp_path):
    """A thesis chapter written for pandoc-xnos (an author's trial): "Equations @eq:one,
    @eq:two, and @eq:three" printed "Equations 1, Equation (2), and Equation (3)", and
    "Table {@tbl:param}" printed "Table {Table 1}"."""
    result = paper_build(tmp_path, "---\ntitle: X\nchronology: false\n---\n\n# Model\n\n$$a = b$$ {#eq:one}\n\n"
                         "$$c = d$$ {#eq:two}\n\n$$e = f$$ {#eq:three}\n\nIt uses Equations @eq:one, @eq:two, and "
                         "@eq:three. See Table {@tbl:param}, {+@tbl:param}s, Eq. ([-@eq:one]) and @eq:two.\n\n"
                         "| A | B |\n|---|---|\n| 1 | 2 |\n\nTable: Parameters. {#tbl:param}\n")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)
    assert "It uses Equations (1), (2), and (3). See Table 1, Table 1s, Eq. (1) and Equation (2)." in text, \
        text[text.index("It uses"):][:200]


def test_a_plural_abbreviation_names_its_kind(tmp_path):
    """pandoc-xnos papers write "Figs. {@fig:a} and {@fig:b}" and "Eqs. @eq:x" (an author's
    trial): "Figs. Figure 1 and Figure 2", "Eqs. Equation (1)"."""
    result = paper_build(tmp_path, "---\ntitle: X\nchronology: false\n---\n\n# A\n\n$$x$$ {#eq:x}\n\n"
                         "| A |\n|---|\n| 1 |\n\n: One. {#tbl:a}\n\n| B |\n|---|\n| 2 |\n\n: Two. {#tbl:b}\n\n"
                         "Tabs. {@tbl:a} and {@tbl:b} show it; Eqs. @eq:x.\n")
    assert result.returncode == 0, result.stderr
    text = re.sub(r"<[^>]+>", "", (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"))
    assert "Tabs. 1 and 2 show it; Eqs. (1)." in text


def test_a_word_in_the_singular_names_one_reference(tmp_path):
    """A review: "Compared with Table @tbl:a, @tbl:b has more rows" printed "Table 1, 2 has
    more rows", and "Figure @fig:a and @fig:b" "Figure 1 and 2": only a plural names a list."""
    result = paper_build(tmp_path, "---\ntitle: X\nchronology: false\n---\n\n# A\n\n| A |\n|---|\n| 1 |\n\n"
                         ": One. {#tbl:a}\n\n| B |\n|---|\n| 2 |\n\n: Two. {#tbl:b}\n\nCompared with Table @tbl:a, "
                         "@tbl:b has more rows; Tables @tbl:a and @tbl:b differ.\n")
    assert result.returncode == 0, result.stderr
    text = re.sub(r"<[^>]+>", "", (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"))
    assert "Compared with Table 1, Table 2 has more rows; Tables 1 and 2 differ." in text, text


def test_a_reference_to_an_unnumbered_section_prints_its_title():
    r"""An unnumbered section (a preface, a section in one) has no number to print: a
    reference to it was "unknown cross-reference … label it with {#sec-preface}", though
    it was labelled so; it prints the section's title, linked, as LaTeX's \nameref."""
    doc = crossref.main(doc_from("# Preface {.unnumbered #sec-preface}\n\n## Scope {#sec-scope}\n\n"
                                 "# Methods {#sec-methods}\n\nAs @sec-preface and @sec-scope say, "
                                 "[@sec-preface; @sec-methods].\n"))
    links = []
    doc.content[-1].walk(lambda e, _: links.append((pf.stringify(e), e.url)) if isinstance(e, pf.Link) else None)
    assert links == [("Preface", "#sec-preface"), ("Scope", "#sec-scope"), ("Preface", "#sec-preface"),
                     ("Section 1", "#sec-methods")]


def test_an_unnumbered_sections_title_and_labels_in_it(tmp_path):
    r"""A reference prints an unnumbered heading's words without its notes, a formula as
    its alternative text; a \label in its text names it, not the numbered section before."""
    text = ("---\ntitle: T\n---\n\n# The $\\alpha$ case {#sec-a .unnumbered}\n\nA.\n\n# Preface[^n] {#sec-p .unnumbered}\n\n"
            "[^n]: Written in 2020.\n\n# Intro\n\nSee @sec-a and @sec-p, \\ref{sec:ack}.\n\n"
            "# Acknowledgements {.unnumbered}\n\n\\label{sec:ack} Thanks.\n")
    result, page = built_html(tmp_path, text)
    assert re.findall(r'<a href="(#[^"]+)" class="xref">([^<]*)</a>', page) == [
        ("#sec-a", "The α case"), ("#sec-p", "Preface"), ("#acknowledgements", "Acknowledgements")]
