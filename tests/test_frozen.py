"""Quarto's frozen results (``freeze: true``: ``_freeze/<file>/execute-results/html.json``,
committed with the project): the cells' figures and tables as Quarto made them, in every
edition, where this build (which runs no code) printed the code and stopped at each
reference to what it makes (an author's trial: six placeholders before anything built)."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf

from press.readback import pdf_text
from tests.conftest import paper_build, run_build

FIGURE = Path(__file__).parent / "samples" / "article-en" / "manuscript" / "figures" / "trade.png"
PAPER = ("---\ntitle: Frozen\nbibliography: refs.bib\n---\n\n# Results\n\nSee @fig-a and @tbl-b.\n\n"
         "```{r}\n#| label: fig-a\n#| fig-cap: A plot.\nplot(1)\n```\n\n"
         "```{r}\n#| label: tbl-b\n#| tbl-cap: Values in @smith2020\ntinytable::tt(x)\n```\n")
# what Quarto froze: the body with the cells' outputs (a table as tinytable writes it, its
# scripts and styles from a CDN), the figure under paper_files/
FROZEN = ("# Results\n\nSee @fig-a and @tbl-b.\n\n::: {.cell}\n::: {.cell-output-display}\n"
          "![A plot.](paper_files/figure-html/fig-a-1.png){#fig-a}\n:::\n:::\n\n"
          "::: {#tbl-b .cell tbl-cap='Values in @smith2020'}\n::: {.cell-output-display}\n\n```{=html}\n"
          "<!-- preamble start -->\n<script src=\"https://cdn.example.org/tinytable.js\"></script>\n"
          "<style>.tinytable td { color: red }</style>\n<div class=\"container\"><table class=\"tinytable\">"
          "<thead><tr><th>Parameter</th><th>Value</th></tr></thead><tbody><tr><td>beta</td><td>0.96</td></tr>"
          "</tbody></table></div>\n```\n\n:::\n:::\n")


def project(tmp_path: Path, paper: str = PAPER) -> None:
    (tmp_path / "paper.qmd").write_text(paper, encoding="utf-8")
    (tmp_path / "refs.bib").write_text("@article{smith2020, author={Smith, Ann}, title={Growth}, journal={J}, "
                                       "year={2020}}\n", encoding="utf-8")
    results = tmp_path / "_freeze" / "paper"
    (results / "execute-results").mkdir(parents=True)
    (results / "figure-html").mkdir()
    (results / "figure-html" / "fig-a-1.png").write_bytes(FIGURE.read_bytes())
    digest = hashlib.md5((tmp_path / "paper.qmd").read_bytes()).hexdigest()  # Quarto's: the source's MD5
    (results / "execute-results" / "html.json").write_text(json.dumps(
        {"hash": digest, "result": {"engine": "knitr", "markdown": FROZEN, "supporting": ["paper_files"]}}),
        encoding="utf-8")


def test_frozen_figures_and_tables_are_in_every_edition(tmp_path):
    project(tmp_path)
    result = paper_build(tmp_path, PAPER, "html", "pdf", "docx", name="paper.qmd")
    assert result.returncode == 0, result.stderr
    assert "code cell" not in result.stderr and "cdn.example.org" not in result.stderr
    pdf = pdf_text(tmp_path / "out" / "frozen.pdf")
    assert "See Figure 1 and Table 1." in pdf
    assert "Table 1. Values in Smith (2020)" in pdf and "beta" in pdf and "0.96" in pdf
    images = subprocess.run(["pdfimages", "-list", str(tmp_path / "out" / "frozen.pdf")], capture_output=True,
                            text=True).stdout
    assert len(images.splitlines()) > 2
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page.split("</head>")[1] and "cdn.example.org" not in page
    assert re.search(r'<img src="[^"]*fig-a-1\.png"', page)


def test_results_frozen_for_an_older_text_are_not_used(tmp_path):
    project(tmp_path)
    result = paper_build(tmp_path, PAPER + "\nA sentence written after the results were frozen.\n", name="paper.qmd")
    assert result.returncode == 1
    assert "paper.qmd: warning: Quarto's frozen results (_freeze/paper/execute-results/html.json) are of an older " \
           "version of this file" in result.stderr.replace(str(tmp_path) + "/", "")
    assert "what it names is made by a code cell" in result.stderr


# Quarto's freeze of a cell whose code and messages its author hid (echo: false, output:
# false), the cell's options as Quarto writes them (an author's trial: the code, the
# messages and "[1] -79.83" were published in every edition, and --untrusted stopped at
# the attributes with no file or line)
HIDDEN = ("# Results\n\n::: {.cell warning.hidden='true' message.hidden='true' execution_count=1}\n"
          "```{.r .cell-code .hidden}\nsecret_code <- 1\n```\n\n"
          "::: {.cell-output .cell-output-stderr .hidden}\n```\nLoading tidyverse\n```\n:::\n\n"
          "::: {.cell-output .cell-output-stdout}\n```\n[1] 42\n```\n:::\n:::\n\nText after the cell.\n")


def test_what_quarto_hides_is_left_out_and_its_cell_options_pass_an_untrusted_build(tmp_path):
    paper = "---\ntitle: Frozen\n---\n\n# Results\n\n```{r}\n#| echo: false\nsecret_code <- 1\nprint(42)\n```\n"
    folder = tmp_path / "submission"  # an untrusted build writes outside it
    folder.mkdir()
    project(folder, paper)
    results = folder / "_freeze" / "paper" / "execute-results" / "html.json"
    frozen = json.loads(results.read_text(encoding="utf-8"))
    frozen["result"]["markdown"] = HIDDEN
    results.write_text(json.dumps(frozen), encoding="utf-8")
    result = run_build("html", "--untrusted", str(folder / "paper.qmd"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "[1] 42" in page and "Text after the cell." in page
    assert "secret_code" not in page and "Loading tidyverse" not in page


def test_a_figures_alternative_text_is_its_fig_alt(tmp_path):
    paper = ("---\ntitle: Alt\nchronology: false\njournal:\n  name: J\n  issn: 2049-3630\n---\n\n# Results\n\n"
             "![A caption.](a.png){#fig-a fig-alt=\"Bars rising from left to right\"}\n\n"
             "```{r fig-b, fig.cap=\"Another.\", fig.alt=\"A map of the sites\"}\nknitr::include_graphics(\"a.png\")\n```\n\n"
             "See @fig-a and @fig-b.\n")
    folder = tmp_path / "submission"
    folder.mkdir()
    (folder / "a.png").write_bytes(FIGURE.read_bytes())
    (folder / "paper.qmd").write_text(paper, encoding="utf-8")
    result = run_build("html", "pdf", "jats", "docx", "--untrusted", str(folder / "paper.qmd"), "--out",
                       str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<img [^>]*alt="([^"]*)"', page) == ["Bars rising from left to right", "A map of the sites"]
    # Word's alt text, the drawing's and the picture's own (pandoc's writer gave the caption,
    # and the picture's source: the whole picture again, as a data: URI)
    word = zipfile.ZipFile(tmp_path / "out" / "alt.docx").read("word/document.xml").decode("utf-8")
    assert re.findall(r'<wp:docPr descr="([^"]*)"', word) == ["Bars rising from left to right", "A map of the sites"]
    assert re.findall(r'<pic:cNvPr descr="([^"]*)"', word) == ["Bars rising from left to right", "A map of the sites"]
    assert "fig-alt" not in page
    with pikepdf.open(tmp_path / "out" / "alt.pdf") as pdf:  # the figures' structure elements
        alts = [str(node.get("/Alt")) for node in pdf.objects if isinstance(node, pikepdf.Dictionary) and "/Alt" in node]
    assert "Bars rising from left to right" in alts and "A map of the sites" in alts, alts
    jats = next((tmp_path / "out").glob("jats/*.xml")).read_text(encoding="utf-8")
    assert re.findall(r"<alt-text>([^<]*)</alt-text>", jats) == ["Bars rising from left to right", "A map of the sites"]
