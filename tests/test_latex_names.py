"""Raw LaTeX and math written for another class (a journal's own: PLOS's ``adjustwidth`` and
``\\thickhline``, achemso's ``\\mycommand``) is left out of the LaTeX edition with a
warning, so that its folder still compiles with latexmk; what the document defines
itself is kept; the list of what the edition's preamble defines is the one LuaLaTeX
gives for it today."""
import subprocess

import pytest
from conftest import REPO, require_tool, run_build

from core.language import LANGUAGE_CODES
from core.templatepath import template_path
from press.latexnames import LIST, TEMPLATE, listing, names_defined, preamble

PAPER = r"""---
title: Raw LaTeX of another class
---

# Results

```{=latex}
\newcommand{\mine}[1]{\textit{#1}}
```

Words before `\mine{kept}`{=latex}. Then \journalmacro{gone}.

```{=latex}
\begin{table}[!ht]
\begin{adjustwidth}{-2.25in}{0in}
\begin{tabular}{|l|l|}
a & b \\ \thickhline
\end{tabular}
\end{adjustwidth}
\end{table}
```

```{=latex}
\begin{minipage}{0.5\linewidth}\centering Kept \fbox{box}\end{minipage}
```

Math $\mathscr{R} \coloneqq \bm{x}$ and $\journalmath{y}$.

The end.
"""


def compiles(latexmk: str, tex) -> None:
    """latexmk compiles the LaTeX edition's folder (``tex``: its main file)."""
    compiled = subprocess.run([latexmk, "-xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                              cwd=tex.parent, capture_output=True, text=True, timeout=300)
    assert compiled.returncode == 0, compiled.stdout[-2000:]


def test_latex_of_another_class_is_left_out_and_the_folder_compiles(tmp_path):
    latexmk = require_tool("latexmk", "apt-get install latexmk")
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    result = run_build("latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert ("paper.md:14: warning: the latex edition leaves out the raw LaTeX '\\begin{table}[!ht] "
            "\\begin{adjustwidth}{-2.25in}{0…': adjustwidth, \\thickhline are not defined by its class "
            "and packages") in result.stderr, result.stderr
    assert "paper.md:11: warning: the latex edition shows as its words the LaTeX '\\journalmacro{gone}'" in result.stderr
    folder = tmp_path / "out" / "latex"
    tex = next(folder.glob("*.tex"))
    source = tex.read_text(encoding="utf-8")
    assert "Words before \\mine{kept}" in source and "\\fbox{box}" in source and "The end." in source
    assert "adjustwidth" not in source and "journalmacro" not in source and "Then gone." in source
    # math: what the edition's packages define compiles; the rest is shown as its source
    assert "\\(\\mathscr{R} \\coloneqq \\bm{x}\\)" in source
    assert "\\texttt{\\textbackslash{}journalmath\\{y\\}}" in source
    assert ("paper.md:27: warning: the latex edition shows as its TeX source the math '\\journalmath{y}': "
            "\\journalmath is not defined by its class and packages") in result.stderr
    compiles(latexmk, tex)


def test_a_document_loading_its_own_packages_is_not_vetted(tmp_path):
    """What \\usepackage{changepage} defines is not known without TeX: the author's LaTeX stays."""
    (tmp_path / "paper.md").write_text(PAPER.replace("\\newcommand", "\\usepackage{changepage}\n\\newcommand"),
                                       encoding="utf-8")
    result = run_build("latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "latex edition leaves out" not in result.stderr
    assert "adjustwidth" in next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_list_is_what_the_preamble_defines_today():
    require_tool("lualatex", "apt-get install texlive-luatex")
    listed = template_path().find(TEMPLATE).with_name(LIST)
    names = sorted(set().union(*(names_defined(preamble(lang)) for lang in LANGUAGE_CODES)))
    assert listed.read_text(encoding="utf-8") == listing(names), \
        f"the LaTeX preamble changed: run python -m press.latexnames (from {REPO})"


def test_an_input_file_and_words_in_raw_latex_are_never_lost_without_a_word(tmp_path):
    """A bare ``\\input{x}`` vanished from every edition; the words of a raw LaTeX
    command's argument (``\\textbf{…}``) from all but LaTeX, without a warning."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n# A\n\n\\input{figs/table}\n\n"
                                       "Words `\\textbf{important}`{=latex} here.\n", encoding="utf-8")
    result = run_build("html", "latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "paper.md:7: warning: the LaTeX '\\input{figs/table}' is left out of the pdf, html" in result.stderr
    assert ("paper.md:7: warning: the latex edition leaves out the raw LaTeX '\\input{figs/table}': \\input reads "
            "a file its folder does not hold (put what the file holds into the Markdown)") in result.stderr
    assert "paper.md:9: warning: raw latex '\\textbf{important}' is shown by the latex edition only" in result.stderr


def test_header_includes_as_pandoc_reads_them_leave_a_preamble_that_compiles(tmp_path):
    """pandoc reads ``header-includes: |`` as Markdown: its ``%%`` comment lines were text
    in the preamble ("Missing \\begin{document}", rticles' Springer skeleton)."""
    latexmk = require_tool("latexmk", "apt-get install latexmk")
    (tmp_path / "paper.md").write_text(
        "---\ntitle: T\nheader-includes: |\n  %% new styles, commented below\n  %\\theoremstyle{off}%\n"
        "  \\newcommand{\\kept}{K}% a note\n"
        "  Stray words here\n  \\journalsetup{x}\n---\n\n# A\n\nText `\\kept`{=latex}.\n", encoding="utf-8")
    result = run_build("latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert ("paper.md:7: warning: the latex edition leaves out 'Stray words here' of header-includes: it is "
            "text, not LaTeX") in result.stderr, result.stderr
    assert "paper.md:8: warning: the latex edition leaves out the raw LaTeX '\\journalsetup{x}'" in result.stderr
    folder = tmp_path / "out" / "latex"
    tex = next(folder.glob("*.tex"))
    source = tex.read_text(encoding="utf-8")
    assert "\\newcommand{\\kept}{K}" in source and "\\%" not in source and "Stray" not in source
    assert "theoremstyle{off}" not in source  # "%\\cmd%": commented out, as the author wrote it
    compiles(latexmk, tex)


def test_a_command_only_latex_knows_keeps_its_words_in_every_edition(tmp_path):
    """``\\dropcap{Thanks}`` (APSR's template) lost "Thanks" from every edition; a command
    the LaTeX edition defines stays a command there."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n# A\n\n\\dropcap{Thanks} to all, \\so{spaced}.\n",
                                       encoding="utf-8")
    result = run_build("html", "latex", "docx", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "paper.md:7: warning: the LaTeX '\\dropcap{Thanks}' is shown as its words 'Thanks'" in result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "<p>Thanks to all, spaced.</p>" in page, page
    source = next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "Thanks to all, \\so{spaced}." in source


def test_each_of_two_equal_pieces_is_named_at_its_own_line(tmp_path):
    """MDPI's skeleton writes \\startlandscape twice: both warnings named the first."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n# A\n\n```{=latex}\n\\startlandscape\n```\n\nText.\n\n"
                                       "```{=latex}\n\\startlandscape\n```\n", encoding="utf-8")
    result = run_build("latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    for line in (8, 14):
        assert f"paper.md:{line}: warning: the latex edition leaves out the raw LaTeX '\\startlandscape'" \
            in result.stderr, result.stderr


def test_a_reference_into_latex_the_edition_leaves_out_goes_with_it(tmp_path):
    """PLOS's template refers to its adjustwidth table with ``Table~\\ref{table1}``: the
    table left out, the reference printed "Table ??"."""
    (tmp_path / "paper.md").write_text(
        "---\ntitle: T\n---\n\n# A\n\nSee `Table~\\ref{table1}`{=latex} here.\n\n```{=latex}\n"
        "\\begin{table}\\begin{adjustwidth}{-1in}{0in}\\caption{C}\\label{table1}\\end{adjustwidth}\\end{table}\n```\n",
        encoding="utf-8")
    result = run_build("latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert ("paper.md:7: warning: the latex edition leaves out the raw LaTeX 'Table~\\ref{table1}': it refers to "
            "table1, labelled in raw LaTeX it leaves out") in result.stderr, result.stderr
    source = next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "See  here." in source or "See here." in source


def test_a_package_the_edition_loads_already_keeps_the_check(tmp_path):
    """\\usepackage{hyperref} in header-includes (the edition loads it) turned the check
    off, and $\\umu$ stopped latexmk."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\nheader-includes: |\n  ```{=latex}\n  \\usepackage{hyperref}\n"
                                       "  ```\n---\n\n# A\n\nTwo: $\\umu$.\n", encoding="utf-8")
    result = run_build("latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "the latex edition shows as its TeX source the math '\\umu'" in result.stderr, result.stderr


def test_thousands_of_pieces_are_named_thirty_times_then_counted(tmp_path):
    """4,000 unknown commands took 43 s (each warning looked its place up in the sources)
    and printed 8,000 warnings; the first 30 of each stage are named, the rest counted."""
    text = "---\ntitle: T\n---\n\n# A\n\n" + "\n\n".join("W \\foo{a} x" for _ in range(300)) + "\n"
    (tmp_path / "paper.md").write_text(text, encoding="utf-8")
    result = run_build("html", "latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("is shown as its words 'a'") == 30
    assert "warning: 270 more pieces of LaTeX the editions read in part or leave out than the 30 named above" \
        in result.stderr, result.stderr
    assert "warning: 270 more pieces of LaTeX the latex edition leaves out or shows otherwise" in result.stderr


def test_a_command_the_list_cannot_see_is_left_out(tmp_path):
    """\\^^69nput, \\csname input\\endcsname and \\@@input are \\input written so that no list of
    names sees it: the folder, compiled elsewhere with TeX's defaults, read any file."""
    (tmp_path / "paper.md").write_text(
        "---\ntitle: T\n---\n\n# A\n\nA `\\^^69nput{/etc/passwd}`{=latex} B `\\csname input\\endcsname{/etc/passwd}`"
        "{=latex} C `\\makeatletter\\@@input /etc/passwd \\makeatother`{=latex} D\n", encoding="utf-8")
    result = run_build("latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    for name in ("^^", "\\csname", "\\@"):
        assert f"{name} names a command it cannot check" in result.stderr, result.stderr
    assert "passwd" not in next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")


@pytest.mark.parametrize("header", ["", "header-includes: |\n  ```{=latex}\n  \\usepackage{fancyvrb}\n  ```\n"])
def test_what_reads_a_file_is_left_out_with_or_without_a_list(tmp_path, header):
    """The attacker's round: \\UseName{input}{…}, \\VerbatimInput, \\openin/\\read and
    \\directlua are defined, so the list let them through, and a document that loads a
    package (no list then) was not checked at all: the folder, compiled with TeX's
    defaults, printed /etc/hostname."""
    pieces = [r"\UseName{input}{/etc/hostname}", r"\VerbatimInput{/etc/hostname}",
              r"\newread\f \openin\f=/etc/hostname \read\f to\x \x", r"\directlua{tex.print(io.open('/etc/hostname'):read())}",
              r"\catcode`\|=0 |input{/etc/hostname}", r"\csuse{input}{/etc/hostname}",
              r"\CatchFileDef{\x}{/etc/hostname}{} \x"]
    text = "\n\n".join(f"P{n} `` {piece} ``{{=latex}} end." for n, piece in enumerate(pieces))
    (tmp_path / "paper.md").write_text(f"---\ntitle: T\n{header}---\n\n# A\n\n{text}\n", encoding="utf-8")
    result = run_build("latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("the latex edition leaves out the raw LaTeX") == len(pieces), result.stderr
    assert "hostname" not in next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")


def test_r_markdowns_landscape_macros_keep_the_text_and_the_folder_compiles(tmp_path):
    """An author's trial (an R Markdown review): ``\\blandscape`` defined in header-includes as
    ``\\begin{landscape}`` ran on past its piece when the raw pieces were read together, and
    the build stopped with an IndexError; then the edition kept ``\\end{landscape}`` alone
    while it left out the begin (latexmk: "\\begin{document} ended by \\end{landscape}")."""
    latexmk = require_tool("latexmk", "apt-get install latexmk")
    (tmp_path / "paper.md").write_text("""---
title: T
header-includes:
- \\newcommand{\\blandscape}{\\begin{landscape}}
- \\newcommand{\\elandscape}{\\end{landscape}}
---

Text.

\\blandscape
\\scriptsize

A wide table.

\\elandscape

More.
""", encoding="utf-8")
    result = run_build("html", "latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "A wide table." in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "the latex edition leaves out the raw LaTeX '\\end{landscape}'" in result.stderr
    folder = tmp_path / "out" / "latex"
    tex = next(folder.glob("*.tex"))
    compiles(latexmk, tex)


def test_a_symbol_the_preamble_lacks_is_printed_as_texmath_prints_it(tmp_path):
    """An author's trial (GrigorieffLab/ctffind5_manuscript): ``$\\Angstrom$`` was Å in the PDF
    and HTML, and ``\\texttt{\\textbackslash{}Angstrom}`` in the LaTeX edition, warned at each of
    its eight places."""
    latexmk = require_tool("latexmk", "apt-get install latexmk")
    (tmp_path / "paper.md").write_text("---\ntitle: A\n---\n\nAt 3 $\\Angstrom$ and $2\\,\\Angstrom^2$.\n",
                                       encoding="utf-8")
    result = run_build("latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0 and "Angstrom" not in result.stderr, result.stderr
    folder = tmp_path / "out" / "latex"
    tex = next(folder.glob("*.tex"))
    assert "At 3 \\(\\text{Å}\\) and \\(2\\,\\text{Å}^2\\)." in tex.read_text(encoding="utf-8")
    compiles(latexmk, tex)


def test_an_authors_maketitle_is_left_to_the_template(tmp_path):
    """An author's trial (jaimeHMol/ITSurveysAnalysis): ``\\maketitle`` in the text stopped
    latexmk with "No \\title given" (the template makes its own title block), without a word."""
    latexmk = require_tool("latexmk", "apt-get install latexmk")
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n\\maketitle \\thispagestyle{empty}\n\n# Intro\n\nText.\n",
                                       encoding="utf-8")
    result = run_build("latex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "paper.md:5: warning: the latex edition leaves out the raw LaTeX '\\maketitle \\thispagestyle{empty}': " \
           "its template makes the title block" in result.stderr
    folder = tmp_path / "out" / "latex"
    tex = next(folder.glob("*.tex"))
    compiles(latexmk, tex)
