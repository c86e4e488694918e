"""LaTeX written inside Markdown, as JOSS and other authors write it, shown by every
edition: cross-references, labels, equation environments, natbib citations, a LaTeX
table, math switches MathML conversion does not know; what cannot be read is a warning
naming the editions that leave it out, never a silent loss."""
import re
from pathlib import Path

import pytest
from conftest import built_html, paper_build, run_build

from press.editions import EDITIONS
from press.readback import pdf_text

FIGURE = Path(__file__).parent / "samples" / "article-en" / "manuscript" / "figures" / "trade.png"
PAPER = r"""---
title: LaTeX in a paper
journal: {name: J, issn: 1234-5679, publisher: P}
url: https://example.org/tex
license: CC-BY-4.0
bibliography: refs.bib
---

# Intro \label{sec:intro}

As \autoref{fig:chart} and Table \ref{tab:data} show, \eqref{eq:energy} holds, and
\Cref{eq:energy} too; \cref{sec:intro} says so \citep[p.~5]{smith2020}, as \citet{smith2020}
did. The time $T_{\rm numpy}$ is ${a \over b}$.

![A chart.\label{fig:chart}](chart.png)

\begin{table}
\caption{Data \label{tab:data}}
\begin{tabular}{ll}
\toprule
a & b \\
\midrule
1 & 2 \\
\bottomrule
\end{tabular}
\end{table}

\begin{equation}
E = mc^2 \label{eq:energy}
\end{equation}

\begin{align*}
x &= y
\end{align*}

\newpage

The end.
"""
EXPECTED = ("As Figure 1 and Table 1 show, (1) holds, and Equation (1) too; Section 1 says so "
            "(Smith, 2020: 5), as Smith (2020) did.")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("tex")
    (folder / "paper.md").write_text(PAPER, encoding="utf-8")
    (folder / "chart.png").write_bytes(FIGURE.read_bytes())
    (folder / "refs.bib").write_text("@article{smith2020, author = {Smith, Ann}, title = {Growth}, "
                                     "journal = {J}, year = {2020}}\n", encoding="utf-8")
    names = [edition.name for edition in EDITIONS if edition.name != "crossref"]
    result = run_build(*names, str(folder / "paper.md"), "--out", str(folder / "out"))
    assert result.returncode == 0, result.stderr
    return folder / "out", result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("edition", [e for e in EDITIONS if e.name != "crossref"], ids=lambda e: e.name)
def test_every_edition_shows_what_the_latex_says(built, edition):
    out, _ = built
    main = next(out.glob(edition.output.format(slug="*")))
    edition.validate(main)
    text = " ".join(edition.read(main).replace("( ", "(").replace(" )", ")").replace(" ,", ",").split())
    assert EXPECTED in text, text[:600]
    assert "\\ref" not in text and "\\label" not in text and "\\begin" not in text and "??" not in text
    assert "Table 1" in text and "Data" in text and "The end." in text


def test_the_html_has_the_math_as_mathml_and_the_page_break(built):
    page = (built[0] / "html" / "index.html").read_text(encoding="utf-8")
    assert "\\rm" not in page and "\\over" not in page and "<mfrac>" in page
    assert '<span id="eq:energy" class="equation"' in page and 'class="page-break"' in page
    assert built[1] == "", built[1]  # all of it read: nothing to warn about


def test_what_cannot_be_read_is_a_warning_naming_the_editions(tmp_path):
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\nText \\foo{bar} and $a \\badcmd b$.\n\n"
                                       "```{=comment}\nto self\n```\n", encoding="utf-8")
    result = run_build("html", "pdf", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "$a \\badcmd b$" in pdf_text(next((tmp_path / "out").glob("*.pdf")))  # as the warning says
    # a command the reader does not know: its last argument's words, in every edition
    assert ("paper.md:5: warning: the LaTeX '\\foo{bar}' is shown as its words 'bar' by the pdf, html, epub, jats "
            "and docx editions: they know no \\foo") in result.stderr
    assert ("paper.md:5: warning: the math 'a \\badcmd b' cannot be converted (unexpected control sequence "
            "\\badcmd): the pdf (Typst), html, epub, jats and docx editions show its TeX source") in result.stderr
    assert "paper.md:8: warning: raw 'comment' is left out: no edition has that format" in result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "to self" not in page and "Text bar and" in page


def test_an_unknown_latex_reference_is_an_error_with_its_line(tmp_path):
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n![A.\\label{fig:chart}](x.png)\n\n"
                                       "See \\autoref{fig:chrt}.\n", encoding="utf-8")
    (tmp_path / "x.png").write_bytes(FIGURE.read_bytes())
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "paper.md:7: error: unknown cross-reference 'fig:chrt' (did you mean 'fig:chart'?)" in result.stderr


def test_a_latex_tables_label_names_it_once(tmp_path):
    """pandoc's LaTeX reader gives ``\\label`` after a tabular twice (the Div's id, an
    anchor): it was "defined twice (first defined at" the same line."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n# A\n\nIn Table \\ref{tab:x}.\n\n"
                                       "\\begin{table}[ht]\n\\caption{Counts.}\n\\begin{tabular}{ll}\n"
                                       " a & b \\\\\n\\end{tabular}\n\\label{tab:x}\n\\end{table}\n",
                                       encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert page.count('id="tab:x"') == 1 and 'href="#tab:x"' in page


def test_a_caption_labelled_as_joss_template_writes_it(tmp_path):
    """JOSS's own example labels a table in its caption with ``[]{label="x"}``."""
    _, page = built_html(tmp_path, '---\ntitle: T\n---\n\n# A\n\nSee \\autoref{langs}.\n\n'
                                   ': Languages.\n  []{label="langs"}\n\n| A | B |\n|---|---|\n| 1 | 2 |\n')
    assert 'href="#langs"' in page and 'id="langs"' in page and ">Table 1<" in page, page


def test_a_labelled_picture_inside_a_paragraph_is_named_as_the_cause(tmp_path):
    """JOSS's template once wrote its example figure on the line under a sentence: a
    picture in a paragraph is no figure, and the error says so (it said "label the
    figure with \\label{…}", which the author had)."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\nFigures are included like this:\n"
                                       "![A caption.\\label{fig:example}](x.png)\nand cited with \\autoref{fig:example}.\n",
                                       encoding="utf-8")
    (tmp_path / "x.png").write_bytes(FIGURE.read_bytes())
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert ("paper.md:7: error: unknown cross-reference 'fig:example': the picture labelled so is inside a "
            "paragraph, and only a picture alone in its paragraph is a figure (put a blank line before and after "
            "the picture)") in result.stderr, result.stderr


def test_a_tex_command_keeps_the_space_after_it(tmp_path):
    """pandoc gives ``\\LaTeX `` the space after it, which TeX's reader swallows: "plain
    LaTeXfor equations" (an author's trial)."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\nplain \\LaTeX for equations.\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "plain LaTeX for equations." in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


def test_strict_makes_a_warning_an_error(tmp_path):
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\nText \\foo{bar}.\n", encoding="utf-8")
    result = run_build("check", "--strict", str(tmp_path / "paper.md"))
    assert result.returncode == 1 and "warning: the LaTeX '\\foo{bar}'" in result.stderr
    assert "error: 1 warning(s), which --strict makes errors" in result.stderr


def test_strict_counts_what_the_editions_warn_of(tmp_path):
    """An author's trial: under --strict an edition's own warnings (the HTML's missing
    `url`, a character the PDF's fonts lack) gave exit 0 and the editions were written."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\nText.\n", encoding="utf-8")
    result = run_build("html", "--strict", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "warning: the html edition should have `url`" in result.stderr
    assert "error: 1 warning(s), which --strict makes errors" in result.stderr
    assert not (tmp_path / "out").exists()
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\nA face \U0001F600 here.\n", encoding="utf-8")
    result = run_build("pdf", "--strict", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "warning: the pdf edition cannot show" in result.stderr, result.stderr
    assert "error: 1 warning(s), which --strict makes errors" in result.stderr
    assert not list((tmp_path / "out").glob("*.pdf"))
    assert run_build("pdf", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out")).returncode == 0


def test_a_reference_to_a_label_in_raw_latex_says_why_it_is_unknown(tmp_path):
    """Quarto templates (APSR's, rticles' Springer and MDPI skeletons) label tables inside
    ```{=latex}```: the error said to add the \\label the author had written."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n# A\n\nSee @tbl-widgets, \\ref{tbl-widgets}.\n\n```{=latex}\n"
                                       "\\begin{table}\n\\caption{W}\\label{tbl-widgets}\n\\begin{tabular}{ll}\n"
                                       "a & b\n\\end{tabular}\n\\end{table}\n```\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert ("paper.md:7: error: unknown cross-reference 'tbl-widgets': it is labelled inside raw LaTeX, which only "
            "the latex edition shows") in result.stderr, result.stderr
    assert "`\\ref{tbl-widgets}`{=latex}" in result.stderr
    assert "internal link" not in result.stderr  # said once, at its line


def test_an_input_file_of_the_project_is_read_into_every_edition(tmp_path):
    """APSR's template keeps a table in figs/tableex2.tex and writes \\input{figs/tableex2}:
    it vanished from every edition. A file outside the project is never read."""
    (tmp_path / "figs").mkdir()
    (tmp_path / "figs" / "tableex2.tex").write_text("\\begin{tabular}{ll}\nalpha & beta\\\\\n\\end{tabular}\n",
                                                    encoding="utf-8")
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n# A\n\nBefore.\n\n\\input{figs/tableex2}\n\n"
                                       "After \\input{/etc/hostname} end.\n", encoding="utf-8")
    result = run_build("html", "latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "alpha" in page and "beta" in page
    assert "paper.md:11: warning: the LaTeX '\\input{/etc/hostname}' is left out" in result.stderr, result.stderr
    source = next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "alpha" in source and "hostname" not in source


def test_a_label_that_opens_a_theorem_names_the_theorem(tmp_path):
    """bookdown and rticles' IMS template write ``\\label{th1}`` as a theorem's first line:
    \\ref{th1} printed the section's number; a label in another div (one LaTeX would
    not number) names its section, and the PDF no longer stops on its missing anchor."""
    (tmp_path / "paper.md").write_text(
        "---\ntitle: T\n---\n\n# Intro\n\n# Results\n\n::: {.theorem}\n\\label{th1}\nBody of Theorem \\ref{th1}.\n"
        ":::\n\n::: {.box}\n\\label{ax1}\nThis is box \\ref{ax1}.\n:::\n", encoding="utf-8")
    result = run_build("html", "pdf", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'Body of Theorem <a href="#th1" class="xref">1</a>' in page
    assert 'This is box <a href="#results" class="xref">2</a>' in page


def test_math_commands_written_in_the_text_are_math(tmp_path):
    """rticles' templates write \\vec{x} and \\hat{\\theta} outside $…$: every edition
    printed "x", and the LaTeX edition stopped ("allowed only in math mode")."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n# A\n\nVectors use \\vec{x} and \\hat{\\theta} here.\n",
                                       encoding="utf-8")
    result = run_build("html", "latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    source = next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "Vectors use \\(\\vec{x}\\) and \\(\\hat{\\theta}\\) here." in source
    assert "<math" in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


def test_natbibs_merged_citation_key(tmp_path):
    """Taylor & Francis's skeleton writes \\citep{LP04,*LP05} (natbib's merged entry): the
    error was "unknown citation key '*LP05'", with no line."""
    _, page = built_html(tmp_path, "---\ntitle: T\nbibliography: r.bib\n---\n\n# A\n\nSee \\citep{LP04,*LP05}.\n",
                         ("r.bib", "@article{LP04, author={Lee, A}, title={One}, journal={J}, year={2004}}\n"
                                   "@article{LP05, author={Park, B}, title={Two}, journal={J}, year={2005}}\n"))
    assert "See (Lee, 2004; Park, 2005)." in re.sub(r"<[^>]*>", "", page)


def test_subequations_are_their_equations(tmp_path):
    """Taylor & Francis's skeleton: a subequations environment of two labelled equations
    was one formula no edition could read ("unexpected {"), and stopped latexmk."""
    (tmp_path / "paper.md").write_text(
        "---\ntitle: T\n---\n\n# A\n\n\\begin{subequations} \\label{sub}\n\\begin{equation}\n a = b, \\label{pa}\n"
        "\\end{equation}\n\\begin{equation}\n c = d \\label{pb}\n\\end{equation}\n\\end{subequations}\n\n"
        "See \\eqref{pa} and \\eqref{pb}.\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0 and "cannot be converted" not in result.stderr, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "See (1) and (2)." in re.sub(r"<[^>]*>", "", page)


def test_a_label_on_each_line_of_an_align_is_said_and_builds(tmp_path):
    """An author's trial (JOSS, bookdown): the PDF stopped with Typst's "label <eq:c> does
    not exist", naming no line; the other editions numbered the display once, silently."""
    (tmp_path / "paper.md").write_text(
        "---\ntitle: T\n---\n\n\\begin{align}\na &= b \\label{eq:a}\\\\\nc &= d \\label{eq:c}\n"
        "\\end{align}\n\nSee \\eqref{eq:a} and \\eqref{eq:c}.\n", encoding="utf-8")
    result = run_build("pdf", "html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "paper.md:7: warning: 'eq:c' labels a line of the display labelled 'eq:a'" in result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "See (1) and (1)." in re.sub(r"<[^>]*>", "", page)
    assert page.count('href="#eq:a"') == 2 and 'href="#eq:c"' not in page  # the PDF's links, the same


def test_a_display_with_a_line_left_unnumbered_keeps_the_labels_of_the_others(tmp_path):
    """``\\nonumber`` on one line of an eqnarray whose other lines are labelled (AMQ's
    rticles skeleton): the whole display was unnumbered, its labels lost, and the text's
    references to them stopped the build as unknown (an author's trial)."""
    result = paper_build(tmp_path, "---\ntitle: T\n---\n\n\\begin{eqnarray}\na &=& b\\label{norme}\\\\\n"
                                   "&=& c \\nonumber\\\\\n&=& 1 \\label{nombre}\n\\end{eqnarray}\n\n"
                                   "Compare (\\ref{norme}) and (\\ref{nombre}).\n\n\\begin{align}\nx &= y \\nonumber\\\\\n"
                                   "&= z \\notag\n\\end{align}\n\n\\begin{multline}\na + b \\\\\n+ c \\nonumber\n"
                                   "\\end{multline}\n\n\\begin{align}\nf &= \\begin{cases} 1 \\\\ 0 \\end{cases} \\nonumber\n"
                                   "\\end{align}\n\n\\begin{equation}\nE = m \\label{e}\n\\end{equation}\n\nThen (\\ref{e}).\n",
                         "html")
    assert result.returncode == 0, result.stderr
    page = re.sub(r"<[^>]*>", "", (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"))
    # a multline is one equation, a cases' rows one line of the align: both unnumbered
    assert "Compare (1) and (1)." in page and "Then (2)." in page and "(3)" not in page, page


def test_a_latex_theorems_own_name_heads_it_with_its_citation(tmp_path):
    """``\\begin{corollary}[Curabitur pulvinar, \\cite{gray}]`` (LIPIcs' template, whose class
    defines the theorems): pandoc's reader skipped the name with the \\begin, "Corollary 1."
    printed no name and the cited work was missing from the references, with a warning
    that named the environment as lost (an author's trial)."""
    (tmp_path / "refs.bib").write_text("@book{gray, author={Gray, Jim and Reuter, Andreas}, title={Transaction "
                                       "Processing}, year={1993}, publisher={Morgan Kaufmann}}\n", encoding="utf-8")
    result = paper_build(tmp_path, "---\ntitle: T\nbibliography: refs.bib\n---\n\n\\begin{corollary}[Curabitur "
                                   "pulvinar, \\cite{gray}]\nText.\n\\end{corollary}\n\n\\begin{lemma}[Lorem ipsum]\n"
                                   "More.\n\\end{lemma}\n\n\\begin{lemma}\nNo name.\n\\end{lemma}\n", "html")
    assert result.returncode == 0, result.stderr
    text = re.sub(r"<[^>]*>", "", (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"))
    assert "Corollary 1 (Curabitur pulvinar, (Gray and Reuter, 1993)). Text." in text, text
    assert "Lemma 1 (Lorem ipsum). More." in text and "Lemma 2. No name." in text
    assert "Transaction Processing" in text and "shown without" not in result.stderr, result.stderr


def test_a_label_on_its_own_line_under_a_heading_names_the_section_in_the_pdf(tmp_path):
    """An author's trial (a Spanish paper): ``\\label`` in a paragraph of its own right
    under a heading: its Typst label took the heading's, and the PDF stopped with "label
    <methods> does not exist" (no edition was written)."""
    (tmp_path / "paper.md").write_text(
        "---\ntitle: T\n---\n\n# Intro\n\nSee \\ref{s.m} and \\ref{s.t}.\n\n# Methods\n\n\\label{s.m}\n\n"
        "Text \\label{s.t} more.\n", encoding="utf-8")
    result = run_build("pdf", "html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader
    text = " ".join(p.extract_text() for p in PdfReader(next((tmp_path / "out").glob("*.pdf"))).pages)
    assert "See 2 and 2." in text and "2. Methods" in text and "Text more." in text


def test_a_latex_table_with_a_command_no_edition_knows_is_shown_without_it(tmp_path):
    """An author's trial (GrigorieffLab/ctffind5_manuscript): one ``\\phantom{abc}`` in a
    booktabs table left its 20 rows out of every edition but LaTeX, the warning named no
    command, and the table's reference stopped the build."""
    (tmp_path / "paper.md").write_text(
        "---\ntitle: T\n---\n\n\\begin{table}\n\\centering\n\\caption{Tilt}\\label{tbl:tilt}\n"
        "\\begin{tabular}{rcrr}\n\\toprule\nImage & & crys & ctf \\\\\n530394 & \\phantom{abc} & 93.28 & 94.98 \\\\\n"
        "\\bottomrule\n\\end{tabular}\n\\end{table}\n\nTable [@tbl:tilt] compares them.\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "paper.md:5: warning: the LaTeX '\\begin{table} \\centering \\caption{Tilt}" in result.stderr
    assert "is shown without \\phantom{abc} by the pdf, html, epub, jats and docx editions" in result.stderr
    page = re.sub(r"<[^>]*>", " ", (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"))
    assert "93.28" in page and re.search(r"Table\s+1\s+compares", page)


def test_alignat_and_a_tag_on_each_line(tmp_path):
    """The check of the fixes: alignat's column count printed "2" (pandoc's reader puts a line
    break before it), and a \\tag on each line of an align stopped LaTeX ("\\tag not allowed
    here") and was dropped by the Typst PDF without a word."""
    (tmp_path / "paper.md").write_text(
        "---\ntitle: T\n---\n\n\\begin{alignat}{2}\np &= q &\\quad r &= s \\label{eq:at}\n\\end{alignat}\n\n"
        "\\begin{align}\ne &= f \\tag{A} \\label{eq:t1}\\\\\ng &= h \\tag{B}\n\\end{align}\n\n"
        "See \\eqref{eq:at} and \\eqref{eq:t1}.\n", encoding="utf-8")
    result = run_build("pdf", "latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "paper.md:10: warning: the display's own numbers \\tag{A}, \\tag{B} are left out" in result.stderr
    from pypdf import PdfReader
    text = " ".join(p.extract_text() for p in PdfReader(next((tmp_path / "out").glob("*.pdf"))).pages)
    assert "2𝑝" not in text and "See (1) and (2)." in text
    assert "\\tag{" not in next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")


def test_booktabs_rules_take_no_cell_with_them(tmp_path):
    """pandoc's reader printed \\cmidrule's "2-3" in a cell and let \\addlinespace take
    the next row's first cell (the "4" was gone), without a word."""
    table = ("\\begin{tabular}{lll}\n\\toprule\n & \\multicolumn{2}{c}{Group}\\\\\n\\cmidrule(lr){2-3}\n"
             "A & B & C\\\\\n\\midrule\n1 & 2 & 3\\\\\n\\addlinespace\n4 & 5 & 6\\\\\n\\bottomrule\n\\end{tabular}\n")
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n# A\n\n" + table, encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    cells = [re.sub(r"<[^>]*>", "", cell) for cell in re.findall(r"<t[dh][^>]*>.*?</t[dh]>", page)]
    assert "4" in cells and not any("2-3" in cell for cell in cells), cells


def test_latex_in_the_title_is_read_as_the_texts(tmp_path):
    """Taylor & Francis's skeleton titles itself with \\textsf{Interact} and \\LaTeXe: both
    were printed as TeX ("raw tex in 'title' is printed as text", twice)."""
    (tmp_path / "paper.md").write_text('---\ntitle: "Template (\\\\textsf{Interact} layout + \\\\LaTeXe)"\n---\n\n'
                                       "# A\n\nText with \\LaTeXe.\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "<title>Template (Interact layout + LaTeX2ε)" in page and "Text with LaTeX2ε." in page
    assert "printed as text" not in result.stderr and "left out" not in result.stderr, result.stderr


def test_what_inputs_bring_in_is_within_the_texts_limit_together(tmp_path):
    """One project file \\input twenty times took 2.5 GB: the limit held for each file, not
    for what they brought in together."""
    (tmp_path / "part.tex").write_text("word " * 1200, encoding="utf-8")
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n# A\n\n" + " ".join(["\\input{part}"] * 3) + "\n",
                                       encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"), "--limit", "text=15K")
    assert result.returncode == 1, result.stderr
    assert "part.tex: error: 18 kB: over the limit of 15 kB" in result.stderr, result.stderr


def test_siunitx_per_keeps_the_units_power(tmp_path):
    """pandoc's reader dropped a \\per that opens a unit or comes before \\cubic, and
    doubled a second one's sign: "3.2 × 10¹⁹ cm³", "J mol K⁻⁻¹" (an author's trial)."""
    _, page = built_html(tmp_path, "---\ntitle: T\n---\n\nA density of \\SI{3.2e19}{\\per\\cubic\\centi\\meter}, "
                         "\\si{\\joule\\per\\mole\\per\\kelvin} and \\SIrange{15.92}{16}{\\per\\square\\meter}.\n")
    text = re.sub(r"<[^>]+>", "", page).replace("\N{NO-BREAK SPACE}", " ")
    assert "cm−3" in text and "J mol−1 K−1" in text and "15.92 m−2–16 m−2" in text, text[-400:]


def test_a_math_command_no_one_defined_is_said_once_for_all_its_formulas(tmp_path):
    """A dissertation's \\vect, defined in a preamble this build does not read, gave one
    warning per formula: 388 of them (an author's trial)."""
    result, _ = built_html(tmp_path, "---\ntitle: T\n---\n\nA $\\vect{a}$, $\\vect{b}_i$, $\\set{x}$, $\\vect{c}$.\n\n"
                           "\\newcommand{\\vv}[1]{\\mathbf{#1}}\n\nThen $\\vv{x}$.\n")
    warnings = [line for line in result.stderr.splitlines() if "cannot be converted" in line]
    assert len(warnings) == 3, warnings
    assert "paper.md:5: warning: the math '\\vect{a}' cannot be converted (unexpected control sequence \\vect)" \
           in warnings[0] and "or define \\vect in the text with \\newcommand" in warnings[0]
    assert "warning: 2 more formulas with \\vect cannot be converted, as the one named above" in warnings[2]


def test_a_control_space_before_an_environments_end_is_a_space(tmp_path):
    """``N_{i} \\`` then ``\\end{align}``: pandoc's reader read the end twice, and every
    edition printed "\\end{align}" (an author's trial, an R Markdown paper)."""
    _, page = built_html(tmp_path, "---\ntitle: T\n---\n\nThe index is\n\\begin{align}\nG_{i} = H_{i} - N_{i} \\\n"
                                   "\\end{align}\nwhere H is the host series.\n")
    assert "end{align}" not in re.sub(r"<annotation[^>]*>.*?</annotation>", "", page, flags=re.S)
    assert "where H is the host series." in page


def test_a_control_space_anywhere_in_an_environment_is_a_space(tmp_path):
    """``\\LaTeX\\`` ending a line inside a list environment of a journal's class (IMS's
    rticles skeleton): pandoc's reader read the environment, then its last characters
    again as a paragraph, "ird item of the list. \\end{longlist}", in every edition. A
    backslash ending a line of Markdown stays a line break."""
    _, page = built_html(tmp_path, "---\ntitle: T\n---\n\nFirst line\\\nsecond line.\n\n\\begin{longlist}\n"
                                   "\\item The inner list.  \\LaTeX\\\nallows you to nest lists.\n\\item[3.]\n"
                                   "This is the third item of the list.\n\\end{longlist}\n\nAfter.\n")
    text = re.sub(r"<[^>]+>", "", page)
    assert text.count("item of the list.") == 1 and "end{longlist}" not in text, text
    assert re.search(r"First line<br ?/?>", page) and "LaTeX allows you" in text, text


def test_a_two_column_or_sideways_float_is_a_table_or_a_figure(tmp_path):
    """``table*`` (two columns): pandoc's reader read its caption and label as loose text,
    and the reference to it was unknown (an author's trial, a French thesis)."""
    _, page = built_html(tmp_path, "---\ntitle: T\nlang: fr\n---\n\nDans la [@tbl:r].\n\n\\begin{table*}\n"
                                   "\\begin{tabular}{l l}\nModèle & A \\\\\nMasse & 33\n\\end{tabular}\n"
                                   "\\caption{Six marcheurs.}\n\\label{tbl:r}\n\\end{table*}\n")
    text = re.sub(r"<[^>]+>", "", page)
    assert "Dans la Table 1" in text and "Six marcheurs." in text


def test_a_column_type_the_text_defines_is_read_as_its_column(tmp_path):
    """``\\newcolumntype{Y}{>{\\centering\\arraybackslash}X}`` then ``{l| *{2}{Y}}``: pandoc's
    reader knows no Y and read no table, and the reference to it was unknown (an author's
    trial, a French thesis)."""
    result, page = built_html(tmp_path, "---\ntitle: T\nlang: fr\n---\n\nDans la [@tbl:r].\n\n"
                                        "\\newcolumntype{Y}{>{\\centering\\arraybackslash}X}\n\n\\begin{table}\n"
                                        "\\begin{tabularx}{\\textwidth}{l| *{2}{Y}}\nModèle & A & B \\\\\n"
                                        "Masse & 33 & 60\n\\end{tabularx}\n\\caption{Six.}\n\\label{tbl:r}\n"
                                        "\\end{table}\n")
    assert "Dans la Table 1" in re.sub(r"<[^>]+>", "", page) and page.count("<td") == 6
    assert "newcolumntype" not in result.stderr and "textwidth" not in result.stderr, result.stderr


def test_latexs_appendix_makes_the_sections_after_it_appendices_in_every_edition(tmp_path):
    """``\\appendix`` between the sections: the LaTeX edition lettered what followed, the
    others numbered it on as sections ("Details are in Section 2", an author's trial)."""
    result = paper_build(tmp_path, "---\ntitle: T\n---\n\n# Introduction\n\nDetails are in @sec-details.\n\n"
                         "\\appendix\n\n# Computational details {#sec-details}\n\nText.\n\n## A part\n\nMore.\n",
                         "html", "pdf")
    assert result.returncode == 0, result.stderr
    page = re.sub(r"<[^>]+>", "", (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"))
    assert "Details are in Appendix A." in page and "Appendix A: Computational details" in page
    pdf = pdf_text(tmp_path / "out" / "t.pdf")
    assert "Details are in Appendix A." in pdf and "A.1. A part" in pdf and "appendix" not in pdf.lower().replace(
        "appendix a", "")


def test_an_appendix_switch_in_a_latex_block_keeps_the_rest_for_latex(tmp_path):
    """```{=latex} \\appendix \\setcounter{table}{0} … ``` (an author's trial): the sections
    after it are appendices in every edition; its other commands stay for the LaTeX edition."""
    result = paper_build(tmp_path, "---\ntitle: T\n---\n\n# Introduction\n\nSee @sec-more.\n\n```{=latex}\n"
                         "\\appendix\n\\setcounter{table}{0}\n```\n\n# More {#sec-more}\n\nText.\n", "html", "latex")
    assert result.returncode == 0, result.stderr
    page = re.sub(r"<[^>]+>", "", (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"))
    assert "See Appendix A." in page and "Appendix A: More" in page
    tex = next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "\\setcounter{table}{0}" in tex and "Appendix A}: More" in tex


def test_an_appendices_div_makes_the_sections_in_it_appendices(tmp_path):
    """``::: {.appendices latex=true}`` (LaTeX's appendix package, rticles' Springer
    skeleton): its section was numbered on as the 13th, before the references (an
    author's trial)."""
    _, page = built_html(tmp_path, "---\ntitle: T\n---\n\n# Intro\n\nSee @sec-first.\n\n"
                                   "::: {.appendices latex=true}\n# First appendix {#sec-first}\n\nText.\n:::\n")
    text = re.sub(r"<[^>]+>", "", page)
    assert "See Appendix A." in text and "Appendix A: First appendix" in text, text


def test_bookdowns_appendix_heading_makes_the_sections_after_it_appendices(tmp_path):
    """``# (APPENDIX) Appendix {-}`` printed as text, and the sections after it were
    numbered on ("Appendix 2"; an author's trial)."""
    result = paper_build(tmp_path, "---\ntitle: T\n---\n\n# Intro\n\nSee Appendix \\@ref(extra).\n\n"
                         "# (APPENDIX) Appendix {-}\n\n# Extra tables {#extra}\n\nMore.\n", "html", name="paper.Rmd")
    assert result.returncode == 0, result.stderr
    page = re.sub(r"<[^>]+>", "", (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"))
    assert "See Appendix A." in page and "Appendix A: Extra tables" in page and "(APPENDIX)" not in page
    # … in a text with no raw markup at all too (the tex stage skips its raw readings there)
    result = paper_build(tmp_path, "---\ntitle: T\n---\n\n# Intro\n\nText.\n\n"
                         "# (APPENDIX) Appendix {-}\n\n# Data\n\nMore.\n", "html", name="paper.Rmd")
    page = re.sub(r"<[^>]+>", "", (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"))
    assert "Appendix A: Data" in page and "(APPENDIX)" not in page


def test_malformed_math_is_its_source_in_every_edition_and_the_latex_folder_compiles(tmp_path):
    """``$$a & b \\ c & d$$`` (an & outside an alignment) and ``${a$`` are malformed TeX:
    the other editions showed their source, the LaTeX folder printed them as math and
    latexmk stopped on them, while the build said nothing of the latex edition."""
    from press.readback import latex_text

    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\nA display:\n\n$$a & b \\\\ c & d$$\n\n"
                                       "And ${a$ inline, and $\\frac{x}{y}$ kept.\n", encoding="utf-8")
    result = run_build("latex", "html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert ("paper.md:7: warning: the math 'a & b \\\\ c & d' cannot be converted (unexpected '&'): every "
            "edition shows its TeX source (TeX would stop on it: the latex edition too)") in result.stderr
    assert "correct the TeX: an & only inside an alignment" in result.stderr
    text = latex_text(next((tmp_path / "out" / "latex").glob("*.tex")))  # latexmk: it compiles
    assert "$$a & b \\\\ c & d$$" in text and "${a$" in text, text
    tex = next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "\\(\\frac{x}{y}\\)" in tex  # the math TeX reads stays math


def test_an_environment_texmath_does_not_know_stays_math_in_latex(tmp_path):
    """A review: dcases (mathtools), which texmath cannot read, was taken for malformed TeX
    and printed as code in the LaTeX edition, which compiles it."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n$$f(x) = \\begin{dcases} 1 & x > 0 \\\\ 0 & x \\le 0 "
                                       "\\end{dcases}$$\n", encoding="utf-8")
    result = run_build("latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    tex = next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "\\begin{dcases}" in tex and "\\texttt{\\$\\$f(x)" not in tex


def test_a_table_with_column_types_of_a_journals_class_is_read_whole(tmp_path):
    """PLOS's template (Quarto's) writes ``{|l+l|l|}``: ``+`` a rule its class defines.
    pandoc's reader read no table but its cells as text, "&" and all, and lost the
    caption and the \\multicolumn headings; siunitx's ``S[…]`` and dcolumn's ``D{.}{.}{2}``
    did the same (the corpus's test part), and a spanning cell's ``{c@{}}`` (IMS's rticles
    skeleton)."""
    result, page = built_html(tmp_path, "---\ntitle: T\n---\n\nSee Table \\ref{table1}.\n\n```{=tex}\n\\begin{table}[!ht]\n"
                                        "\\caption{{\\bf Widgets by size.}}\n\\begin{tabular}{|l+l|S[table-format=2.1]"
                                        "D{.}{.}{2}|}\n\\multicolumn{2}{|l|}{\\bf Heading1} & A & \\multicolumn{1}{c@{}}{B}\\\\ \\hline\n"
                                        "small & red & 1.5 & 2.25\\\\ \\hline\n\\end{tabular}\n\\label{table1}\n"
                                        "\\end{table}\n```\n")
    text = re.sub(r"<[^>]+>", "", page)
    assert "See Table 1" in text and "Widgets by size." in text and "Heading1" in text, text
    assert page.count("<td ") == 4 and page.count("<th ") == 3 and "&amp;" not in page and "+l" not in text


def test_an_environment_no_edition_knows_prints_none_of_its_arguments(tmp_path):
    """changepage's ``\\begin{adjustwidth}{-2.25in}{0in}`` (PLOS's template) printed
    "-2.25in 0in" before the table it widens; wrapfig's side and width did the same."""
    result, page = built_html(tmp_path, "---\ntitle: T\n---\n\n```{=tex}\n\\begin{adjustwidth}{-2.25in}{0in}\n"
                                        "Wide words.\n\\end{adjustwidth}\n\n\\begin{wrapfigure}{r}{0.4\\textwidth}\n"
                                        "Beside words.\n\\end{wrapfigure}\n```\n")
    text = re.sub(r"<[^>]+>", "", page)
    assert "Wide words." in text and "Beside words." in text
    assert "2.25in" not in text and "0in" not in text and "0.4" not in text, text


def test_a_reference_written_for_latex_alone_is_read_when_the_text_labels_its_target(tmp_path):
    """``Fig~\\ref{fig1}``{=latex} beside a figure in ```{=tex}``` (PLOS's template): every
    edition but LaTeX lost "Fig 1" from the sentence ("see  volutpat"); the figure is read
    into every edition, and so is the reference to it. One to a label no edition but LaTeX
    has stays LaTeX's, as its author wrote it."""
    result, page = built_html(tmp_path, "---\ntitle: T\n---\n\nNulla `Fig~\\ref{fig1}`{=latex} mi, "
                                        "`\\ref{nowhere}`{=latex} see.\n\n```{=tex}\n\\begin{figure}[!h]\n"
                                        "\\caption{{\\bf Bold title.} Text.}\n\\label{fig1}\n\\end{figure}\n```\n")
    text = re.sub(r"<[^>]+>", "", page)
    assert "Nulla Fig\N{NO-BREAK SPACE}1 mi" in text and 'href="#fig1"' in page, text
    assert "raw latex 'Fig~" not in result.stderr and "nowhere" not in text


def test_babel_frenchs_guillemets_are_printed(tmp_path):
    """``\\og Texte \\fg`` (AMQ's rticles skeleton, in French): pandoc's reader knows
    neither command, and every edition but LaTeX left the quotation marks out."""
    result, page = built_html(tmp_path, "---\ntitle: T\n---\n\nIls disent \\og Diophante vivait \\fg{} ici.\n")
    assert "Ils disent « Diophante vivait » ici." in re.sub(r"<[^>]+>", "", page)
    assert "\\og" not in result.stderr


def test_reading_raw_latex_leaves_the_authors_text_and_code_alone(tmp_path):
    """A review of the raw-LaTeX reading (each a case it had broken): a verbatim listing's
    line-ending backslash, a group opening an environment's text on its second line, an
    unnamed theorem before a named one (the name went to the first), a name over two lines
    (lost, with no warning), a reference written for each format (printed twice), a column
    type made of material alone, a command in a column specification (eight columns for
    two), a tabular with its position."""
    result, page = built_html(tmp_path, "---\ntitle: T\nbibliography: refs.bib\n---\n\n"
                              "See `Section~\\ref{sec-a}`{=latex}`Section A`{=html}.\n\n"
                              "# A {#sec-a}\n\n"
                              "\\begin{boxedtext}\n{\\bfseries Important:}\nread this.\n\\end{boxedtext}\n\n"
                              "\\begin{verbatim}\ndocker run --rm \\\n  image\n\\end{verbatim}\n\n"
                              "\\begin{lemma}\nFirst, unnamed.\n\\end{lemma}\n\\begin{lemma}[The bound,\nsecond line]\n"
                              "Second, named.\n\\end{lemma}\n\n"
                              "\\newcolumntype{Z}{@{}X@{}}\n\n\\begin{table}\n\\caption{Terms.}\n"
                              "\\begin{tabularx}{\\textwidth}{lZ}\nTerm & Meaning \\\\\n\\end{tabularx}\n\\end{table}\n\n"
                              "\\begin{table}\n\\caption{Sides.}\n\\begin{tabular}[t]{l\\hspace{1cm}r}\nLeft & Right \\\\\n"
                              "\\end{tabular}\n\\end{table}\n\n"
                              "\\begin{example}[Outer]\nA.\n\\begin{example}[Inner \\cite[p.~3]{gray}]\nB.\n"
                              "\\end{example}\n\\end{example}\n\n\\begin{wrapfigure}[12]{l}{0.3\\textwidth}\nWrapped.\n"
                              "\\end{wrapfigure}\n\nAlso `\\ref{sec-a}`{=latex} [Section A]{.content-visible when-format=\"html\"}.\n",
                              ("refs.bib", "@book{gray, author={Gray, Jim}, title={T}, year={1993}, publisher={P}}\n"))
    text = re.sub(r"<[^>]+>", "", page)
    assert "See Section A." in text and "Important: read this." in text, text
    assert "docker run --rm \\\n  image" in text and "{}" not in text and "end{verbatim}" not in text
    assert "Lemma 1. First, unnamed." in text and "Lemma 2 (The bound, second line). Second, named." in text
    assert "Table 1. Terms." in text and "Table 2. Sides." in text and page.count("<td") == 4, page
    assert "Example 1 (Outer). A." in text and "Example 2 (Inner (Gray, 1993: 3)). B." in text, text
    assert "Wrapped." in text and "l0.3" not in text.replace(" ", "") and re.search(r"Also\s+Section A\.", text)


NATBIB = r"""---
title: T
bibliography: refs.bib{style}
---

As \citeauthor{smith} wrote in \citeyear{smith} (see \citealt{smith} and \citealp{smith}),
\citet{smith,jones} agree; \Citet{smith} too, and \citeauthor{smith,jones} say so.
"""
NATBIB_WORKS = ("refs.bib", "@article{smith, author={Smith, John}, title={A}, journal={J}, year={2020}}\n"
                "@article{jones, author={Jones, Ann}, title={B}, journal={J}, year={2019}}\n")


@pytest.mark.parametrize("style, expected", [
    ("", "As Smith wrote in 2020 (see Smith 2020 and Smith, 2020), Smith (2020); Jones (2019) agree; "
         "Smith (2020) too, and Smith, Jones say so."),
    ("\ncsl: apa", "As Smith wrote in 2020 (see Smith 2020 and Smith, 2020), Smith (2020); Jones (2019) agree; "
                   "Smith (2020) too, and Smith, Jones say so.")], ids=["house", "apa"])
def test_natbibs_citations_print_the_form_their_command_asks(tmp_path, style, expected):
    r"""pandoc's reader reads natbib's commands as its three modes: \citeauthor printed
    "Smith (2020)", \citeyear "(2020)", \citealt and \citealp kept their parentheses, a
    narrative citation of two works read the second as parenthetical (in a CSL style,
    "Jones & Lee (2019; Smith; 2020)"), and \Citet was no citation at all."""
    result, page = built_html(tmp_path, NATBIB.replace("{style}", style), NATBIB_WORKS)
    assert expected in " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert "Citet" not in result.stderr


def test_a_numbered_style_names_the_author_a_narrative_citation_names(tmp_path):
    r"""A numbered style's citation prints the work's number alone: "@smith says" and
    \citet printed "[1] says", the author lost without a word; \citeauthor and \citeyear
    printed "[1]". They print the author before the number, the author, the year, as
    natbib's numbers do; a form a note style cannot print is warned of."""
    result, page = built_html(tmp_path, NATBIB.replace("{style}", "\ncsl: ieee"), NATBIB_WORKS)
    words = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert "As Smith wrote in 2020 (see [1] and [1]), Smith [1]; Jones [2] agree; Smith [1] too" in words
    assert "\\citealt{smith} as its whole citation" in result.stderr
    result, page = built_html(tmp_path, NATBIB.replace("{style}", "\ncsl: chicago-note-bibliography"),
                              NATBIB_WORKS)
    assert "the style 'chicago-note-bibliography' prints \\citeauthor{smith} as its whole citation" in result.stderr


def test_a_rule_the_reader_does_not_know_leaves_the_next_cell(tmp_path):
    r"""A journal class's rule (\middlehline, arydshln's \hdashline, \thickhline) has no
    argument; pandoc's reader took the next row's first cell for one, lost from every
    edition but LaTeX. The cell is kept; the rule named as what the editions leave out."""
    table = ("\\begin{table}\n\\caption{Rules.}\n\\begin{tabular}{ll}\nA & B \\\\\n\\middlehline\n1 & 2 \\\\\n"
             "\\hdashline\n3 & 4 \\\\\n\\thickhline 5 & 6 \\\\\n\\end{tabular}\n\\end{table}\n")
    result, page = built_html(tmp_path, f"---\ntitle: T\n---\n\n{table}\nText after.\n")
    cells = re.findall(r"<td[^>]*>(.*?)</td>", page)
    assert cells == ["A", "B", "1", "2", "3", "4", "5", "6"]
    assert "shown without \\middlehline, \\hdashline, \\thickhline by" in result.stderr


def test_two_tables_labelled_after_their_tabular_keep_what_follows(tmp_path):
    r"""A table's \label after its \end{tabular} is read twice by pandoc's reader; taking
    the second one out of two such tables removed, by a stale place, the block after
    them (the text, a heading or a figure: lost without a word), or stopped the build
    with a traceback where nothing followed."""
    table = "\\begin{table}\n\\caption{T%s.}\n\\begin{tabular}{ll}\na & b \\\\\n\\end{tabular}\n\\label{tab:%s}\n\\end{table}\n"
    text = f"---\ntitle: T\n---\n\n{table % (1, 1)}\n{table % (2, 2)}\nThe measured values were 42 and 17.\n\nLast.\n"
    result, page = built_html(tmp_path, text)
    assert "The measured values were 42 and 17." in page and "Last." in page
    result, page = built_html(tmp_path, text.split("The measured")[0])
    assert page.count("<table") == 2


def test_a_named_theorems_label_names_the_theorem(tmp_path):
    r"""``\begin{theorem}[Main bound]\label{thm:main}``: the name the reader set before the
    text hid the label, which then named the section: "By Theorem 1" printed the section's
    number and linked to it. A label further into a theorem's text names it too."""
    text = ("---\ntitle: T\n---\n\n# Intro\n\n# Results\n\n\\begin{theorem}[Main bound]\\label{thm:main}\n"
            "All is bounded.\n\\end{theorem}\n\n\\begin{lemma}\nA lemma \\label{lem:a} holds.\n\\end{lemma}\n\n"
            "By Theorem \\ref{thm:main} and Lemma \\ref{lem:a}.\n")
    result, page = built_html(tmp_path, text)
    assert '<a href="#thm:main" class="xref">1</a>' in page and '<a href="#lem:a" class="xref">1</a>' in page
    assert "A lemma holds." in re.sub(r"<[^>]+>", "", page)


def test_a_section_in_the_block_of_its_appendix_switch_is_an_appendix(tmp_path):
    r"""``\appendix`` and ``\section{Extra}`` in one block (an R Markdown paper's raw LaTeX):
    the section was read after the switch had marked the sections, "3. Extra material",
    and "Appendix \ref{app:extra}" printed "Appendix 3"."""
    text = ("---\ntitle: T\n---\n\n# Intro\n\nDetails are in Appendix \\ref{app:extra}.\n\n"
            "\\appendix\n\\section{Extra material}\\label{app:extra}\n\nMore.\n")
    result, page = built_html(tmp_path, text)
    words = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Details are in Appendix A ." in words and "Appendix A : Extra material" in words


def test_a_partial_rule_prints_no_columns(tmp_path):
    r"""``\cline{2-3}`` (kableExtra's and journals' tables): pandoc's reader printed its
    columns "2-3" in the next row's first cell."""
    table = ("\\begin{table}\n\\caption{R.}\n\\begin{tabular}{lll}\nA & B & C \\\\\n\\cline{2-3}\n4 & 5 & 6 \\\\\n"
             "\\cline{1-1} \\cline{3-3}\n7 & 8 & 9 \\\\\n\\end{tabular}\n\\end{table}\n")
    result, page = built_html(tmp_path, f"---\ntitle: T\n---\n\n{table}")
    assert re.findall(r"<td[^>]*>(.*?)</td>", page) == ["A", "B", "C", "4", "5", "6", "7", "8", "9"]


def test_a_group_name_written_on_its_last_row_spans_its_rows(tmp_path):
    r"""kableExtra's collapse_rows writes each group's name on its last row, spanning up
    (``\multirow{-2}{*}{Oryza sativa}``): it was printed on that row alone, the rows above
    it blank, read as the previous group's."""
    table = ("\\begin{table}\n\\caption{G.}\n\\begin{tabular}{lll}\n\\toprule\nSpecies & Genome & N\\\\\n\\midrule\n"
             " & v1 & 10\\\\\n\\multirow{-2}{*}{\\raggedright\\arraybackslash Oryza sativa} & v2 & 12\\\\\n"
             "\\cmidrule{1-3}\n & B73 & 7\\\\\n & W22 & 8\\\\\n\\multirow{-3}{*}{Zea mays} & PH207 & 9\\\\\n"
             "\\bottomrule\n\\end{tabular}\n\\end{table}\n")
    result, page = built_html(tmp_path, f"---\ntitle: T\n---\n\n{table}")
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page.split("<tbody")[1], re.S)
    first_cells = [re.search(r"<td([^>]*)>(.*?)</td>", row).groups() for row in rows]
    assert [(('rowspan="2"' in a) or ('rowspan="3"' in a), text) for a, text in first_cells] == [
        (True, "Oryza sativa"), (False, "v2"), (True, "Zea mays"), (False, "W22"), (False, "PH207")]


def test_a_command_no_edition_knows_as_a_whole_list_item_shows_its_words(tmp_path):
    r"""``* \CRANpkg{plyr}`` (the R Journal's package names): pandoc reads a list item
    that is one command as a raw block, which was left out: an empty bullet, where the
    same command in a sentence showed its words. A command the build knows (JSS's
    ``\pkg``) is read as what it stands for, the item as text as the others are."""
    result, page = built_html(tmp_path, "---\ntitle: T\n---\n\nPackages:\n\n* \\CRANpkg{plyr}\n* \\CRANpkg{dplyr} and more\n")
    assert re.findall(r"<li>(.*?)</li>", page) == ["plyr", "dplyr and more"]
    assert "'\\CRANpkg{plyr}' is shown as its words 'plyr'" in result.stderr
    result, page = built_html(tmp_path, "---\ntitle: T\n---\n\nPackages:\n\n* \\pkg{plyr}\n* \\pkg{dplyr} and more\n")
    assert re.findall(r"<li>(.*?)</li>", page) == ["<strong>plyr</strong>", "<strong>dplyr</strong> and more"]


def test_an_abstract_environment_in_the_text_is_the_abstract(tmp_path):
    r"""A knitted paper's ``\begin{abstract}`` in its text: pandoc's reader makes it the
    document's abstract, which the reading of one raw piece left out: lost from every
    edition. It is the abstract; beside the metadata's own it is left out with a warning."""
    text = "---\ntitle: T\n---\n\n\\begin{abstract}\nWe study \\emph{grains}.\n\\end{abstract}\n\n# Intro\n\nText.\n"
    result, page = built_html(tmp_path, text)
    assert "Abstract We study grains." in " ".join(re.sub(r"<[^>]+>", "", page).split())
    result, page = built_html(tmp_path, text.replace("title: T\n", "title: T\nabstract: Ours.\n"))
    assert "paper.md:6: warning: the text's abstract environment is left out" in result.stderr


def test_a_length_a_command_takes_bare_is_no_text(tmp_path):
    r"""``\vskip 1em``, ``\parindent 0pt``: the reader skips the length with its command
    rightly; ending those commands at their names stopped the build (``\vskip{} 1em``)
    or printed "0pt". And a \multirow in a tabular inside another stays where it is."""
    text = ("---\ntitle: T\n---\n\nBefore \\vskip 1em after.\n\n\\parindent 0pt\n\\baselineskip 14pt\n\n"
            "\\begin{tabular}{ll}\nHead & Top \\\\\n & \\begin{tabular}{ll} p & a \\\\ \\multirow{-2}{*}{In} & b "
            "\\end{tabular} \\\\\nLast & Row \\\\\n\\end{tabular}\n")
    result, page = built_html(tmp_path, text)
    words = " ".join(re.sub(r"<[^>]+>", " ", page.split("<main")[1]).split())
    assert words.startswith("> Before after. Head Top") and "Last Row" in words and "0pt" not in words


def test_a_unit_command_opening_with_a_number_keeps_its_decimal_point(tmp_path):
    r"""Copernicus' template: ``\unit{0.872\,m\,s^{-1}}`` (its class's \unit sets what it is
    given). Read as siunitx's unit, the number's point was a product: "0 872 m s⁻¹"."""
    result, page = built_html(tmp_path, "---\ntitle: T\n---\n\nThe speed was \\unit{0.872\\,m\\,s^{-1}} here.\n")
    assert "The speed was 0.872" in " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_a_footnote_written_as_mark_and_text_is_a_footnote_at_its_mark(tmp_path):
    r"""``\footnotemark`` where a note is called (a table's cell, a heading) and
    ``\footnotetext{…}`` later: the mark was left out and the note's words printed where
    its text stood, in the running text. Each text is the note of its mark (the first
    without one before it, or the mark of its number); a text with no mark stays words."""
    text = ("---\ntitle: T\n---\n\nFirst claim\\footnotemark{} and a second.\\footnotetext{From the \\emph{archive}.}\n\n"
            "\\begin{tabular}{ll}\nA\\footnotemark & B\\footnotemark[7] \\\\\n\\end{tabular}\n"
            "\\footnotetext[7]{Seventh.}\n\\footnotetext{For A.}\n\nLast.\\footnotetext{No mark.}\n")
    result, page = built_html(tmp_path, text)
    words = " ".join(re.sub(r"<[^>]+>", " ", page.split("<main")[1]).split())
    body, notes = words.split(" Notes ")
    assert "First claim 1 and a second." in body and "archive" not in body
    assert re.search(r"A 2 B 3", body) and "For A." not in body and "Seventh." not in body
    assert re.match(r"From the archive ?\. ↩︎ For A\. ↩︎ Seventh\. ↩︎", notes)
    assert "Last.No mark." in body and "footnotemark" not in result.stderr
    # A mark commented out takes no text; a numbered mark repeats a note's mark and takes
    # none; a mark inside a text is that text's (the review's cases: a note lost, a build stopped).
    text = ("---\ntitle: T\n---\n\nAlice\\footnote{Equal.} and Bob\\footnotemark[1] wrote.\n\n"
            "\\begin{tabular}{ll}\n% A\\footnotemark & B \\\\\nY\\footnotemark & Z \\\\\n\\end{tabular}\n"
            "\\footnotetext{For Y.}\n\nInner\\footnotemark{} x.\\footnotetext{Outer\\footnotemark} end.\n")
    result, page = built_html(tmp_path, text)
    notes = " ".join(re.sub(r"<[^>]+>", " ", page.split("<main")[1]).split()).split(" Notes ")[1]
    assert re.match(r"Equal\. ↩︎ For Y\. ↩︎ Outer ?↩︎", notes), notes


def test_a_journal_class_command_in_the_text_reads_as_the_latex_it_stands_for(tmp_path):
    r"""Springer's ``\bmhead{Acknowledgements}`` and Taylor & Francis' ``\tbl{caption}{table}``
    and ``\tabnote{…}`` (their classes' commands, in papers written for them): pandoc's
    reader knows none, and the heading, the caption and the note were left out of every
    edition. Each reads as the LaTeX it stands for; a text that defines one itself keeps its own."""
    text = ("---\ntitle: T\n---\n\n# Intro\n\nText.\n\n\\bmhead{Acknowledgements}\n\nWe thank them.\n\n"
            "\\begin{table}\n\\tbl{Results of the trial.}\n{\\begin{tabular}{ll}\nA & 1 \\\\\n\\end{tabular}}\n"
            "\\tabnote{Source: our data.}\n\\label{tab:res}\n\\end{table}\n\nTable \\ref{tab:res} shows it.\n")
    result, page = built_html(tmp_path, text)
    words = " ".join(re.sub(r"<[^>]+>", " ", page.split("<main")[1]).split())
    assert re.search(r"<h\d[^>]*>Acknowledgements</h\d>", page) and "We thank them." in words
    assert "Table 1. Results of the trial. A 1 Source: our data. Table 1 shows it." in words
    assert "bmhead" not in result.stderr and "tbl" not in result.stderr
    result, page = built_html(tmp_path, "\\newcommand{\\bmhead}[1]{\\textbf{#1}}\n\n" + text)
    assert "<strong>Acknowledgements</strong>" in page


def test_more_journal_classes_commands_read_as_what_they_stand_for(tmp_path):
    r"""Copernicus' ``\introduction`` and ``\conclusions[Summary]`` (sections: both were
    lost, and the text ran on under the heading before), its ``\chem{CO_2}``, SAGE's table
    notes (``\tmark[a]``, ``\tnote[a]{…}``), MDPI's ``\endnote`` and JSS's ``\proglang``."""
    text = ("---\ntitle: T\n---\n\n\\introduction\n\nText \\chem{CO_2} in \\proglang{R}.\n\n"
            "\\begin{table}\n\\caption{Data}\n\\begin{tabular}{ll}\nCOL 1\\tmark[a] & COL 2 \\\\\n\\end{tabular}\n"
            "\\tnote[a]{Measured.}\n\\end{table}\n\n\\conclusions[Summary]\n\nEnd.\\endnote{An endnote.}\n")
    result, page = built_html(tmp_path, text)
    main = page.split("<main")[1]
    assert re.search(r"<h2[^>]*>.*Introduction</h2>", main) and re.search(r"<h2[^>]*>.*Summary</h2>", main)
    assert "<sup>a</sup>Measured." in main and "<sup>a</sup>" in main.split("Measured")[0].split("COL 1")[1]
    assert "<math" in main.split("Text")[1].split(" in ")[0] and '<span class="sans-serif">R</span>' in main
    assert re.search(r"End\.<a [^>]*footnote-ref", main) and "An endnote." in main
    assert not re.search(r"warning: .*(introduction|conclusions|chem|tmark|tnote|endnote|proglang)", result.stderr)


def test_a_class_command_is_read_only_as_its_class_uses_it(tmp_path):
    r"""The review's cases: JSS's ``\code{df$col}`` (code, no math: defined as \texttt it
    stopped the build), threeparttable's ``\tnote{a}`` (a mark, not SAGE's ``\tnote[a]{…}``
    note: it was cut from its cell) and a command the text defines with xparse."""
    text = ("---\ntitle: T\n---\n\nUse \\code{df$col} here.\n\n"
            "\\begin{tabular}{ll}\nMean\\tnote{a} & 4.2 \\\\\n\\end{tabular}\n\n"
            "\\NewDocumentCommand{\\pkg}{m}{\\emph{#1}}\n\nWith \\pkg{dplyr}.\n")
    result, page = built_html(tmp_path, text)  # it builds
    main = page.split("<main")[1]
    assert "'\\code{df$col}' is left out" in result.stderr  # as before the classes' commands
    assert re.search(r"<td[^>]*>Mean", main) and not re.search(r"<td[^>]*>\s*<p>", main)
    assert "dplyr" in main and "<strong>dplyr" not in main


def test_the_appendix_switch_in_a_block_with_other_latex_starts_the_appendices(tmp_path):
    r"""``\newpage`` then ``\appendix`` in one block (a Copernicus paper of an author's
    trial): the switch was read only at a block's start, and the appendices printed as
    sections 6–8 with their tables numbered 1, 2."""
    text = ("---\ntitle: T\n---\n\n# Methods\n\nSee Appendix \\ref{sec:a} and Table \\ref{tab:x}.\n\n"
            "\\newpage\n\\appendix\n\\section{Survey}\n\\subsection{Sampling} \\label{sec:a}\n\n"
            "Text.\n\n\\appendixtables\n\\begin{table}[ht]\n\\caption{Attributes.}\n\\begin{tabular}{ll}\na & b \\\\\n"
            "\\end{tabular}\n\\label{tab:x}\n\\end{table}\n")
    result, page = built_html(tmp_path, text)
    words = " ".join(re.sub(r"<[^>]+>", "", page.split("<main")[1]).split())
    assert "See Appendix A.1 and Table A1." in words and "Appendix A: Survey A.1. Sampling" in words, words
    assert not [line for line in result.stderr.splitlines() if "warning" in line and "should have" not in line]


def test_latexs_no_break_space_command_is_a_tie(tmp_path):
    r"""``Figure\nobreakspace{}\ref{a}`` (as knitr and pandoc write a tie; an author's
    Elsevier paper): pandoc's reader knows no \nobreakspace, and it was left out ("Figure1",
    "10min") with a warning that the journal's class defines it."""
    result, page = built_html(tmp_path, "---\ntitle: T\n---\n\n# Intro {#s}\n\nIn section\\nobreakspace{}\\ref{s}, "
                                        "10\\nobreakspace{}min.\n")
    assert re.search(r"section\xa0<a [^>]*>1</a>, 10\xa0min\.", page) and "nobreakspace" not in result.stderr


def test_footnote_marks_and_texts_pair_in_linear_time():
    """20,000 marks and texts in one piece of raw TeX (a hostile submission): each text
    was cut out of the whole piece in turn, and each mark's line searched back to its
    start for a comment, 240 s; a sweep pairs them, each piece rebuilt once."""
    import time

    import panflute as pf

    from filters.rawtex import footnotes_at_marks

    raw = pf.RawInline("A\\footnotemark " * 20000 + "% \\footnotetext{c}\n" + "\\footnotetext{x}" * 20000, format="tex")
    started = time.monotonic()
    footnotes_at_marks([raw])
    assert time.monotonic() - started < 20 and raw.text.count("\\footnote{x}") == 20000
    assert "% \\footnotetext{c}" in raw.text  # commented out: no text
