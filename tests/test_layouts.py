"""Manuscripts as authors have them: one Markdown file with its front matter (JOSS's
paper.md, a Quarto .qmd), a folder of sections, Manubot's content/; every message about
the front matter names the paper and its line."""
import re
from pathlib import Path

import pytest
from conftest import run_build

from core.diagnostics import BuildError
from press.manuscript import find_manuscript

FIGURE = Path(__file__).parent / "samples" / "article-en" / "manuscript" / "figures" / "trade.png"
BIB = "@article{smith2020, author = {Smith, Ann}, title = {Growth}, journal = {J}, year = {2020}}\n"
PAPER = """---
title: 'A tool: for papers'
authors:
  - name: Ann Smith
    affiliation: University of Somewhere
date: 2020-06-04
bibliography: paper.bib
---

# Summary

Text citing @smith2020.

![A chart.](figures/trade.png)
"""


def paper(folder: Path, text: str = PAPER, name: str = "paper.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    (folder / "paper.bib").write_text(BIB, encoding="utf-8")
    (folder / "figures").mkdir(exist_ok=True)
    (folder / "figures" / "trade.png").write_bytes(FIGURE.read_bytes())
    return folder / name


def test_a_paper_builds_from_its_own_file(tmp_path):
    path = paper(tmp_path / "joss")
    result = run_build("html", "paper.md", "--out", str(tmp_path / "out"), cwd=path.parent)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "University of Somewhere" in page and "Smith (2020)" in page
    assert (tmp_path / "out" / "html" / "figures" / "trade.png").is_file()


def test_root_finds_the_one_paper_in_its_folder(tmp_path):
    path = paper(tmp_path / "joss")
    (path.parent / "README.md").write_text("# Readme\n", encoding="utf-8")  # no front matter: not the paper
    assert find_manuscript(path.parent).sources == (path,)
    paper(tmp_path / "joss", name="other.md")
    with pytest.raises(BuildError, match="several Markdown files could be the manuscript: other.md, paper.md"):
        find_manuscript(path.parent)


def test_front_matter_messages_name_the_paper_and_its_line(tmp_path):
    path = paper(tmp_path / "joss", PAPER.replace("2020-06-04", "31 June 2020").replace(
        "paper.bib", "papers.bib"))
    result = run_build("html", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "paper.md:6: error: '31 June 2020' is not a date" in result.stderr, result.stderr
    assert "paper.md:7: error: bibliography file 'papers.bib' not found (did you mean 'paper.bib'?)" \
        in result.stderr
    path.write_text(PAPER.replace("title: 'A tool: for papers'", "title: 'A tool: for papers"), encoding="utf-8")
    result = run_build("html", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "paper.md:2: error: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar)" in result.stderr, result.stderr


def test_what_the_paper_names_resolves_from_its_folder_and_stays_in_the_root(tmp_path):
    path = paper(tmp_path / "repo" / "docs" / "paper", PAPER.replace("figures/trade.png", "../images/trade.png"))
    (tmp_path / "repo" / "docs" / "images").mkdir()
    (tmp_path / "repo" / "docs" / "images" / "trade.png").write_bytes(FIGURE.read_bytes())
    inside = run_build("html", str(path), "--root", str(tmp_path / "repo" / "docs"), "--out", str(tmp_path / "a"))
    assert inside.returncode == 0, inside.stderr
    assert (tmp_path / "a" / "html" / "images" / "trade.png").is_file()
    outside = run_build("html", str(path), "--out", str(tmp_path / "b"))  # the root is the paper's folder
    assert outside.returncode == 1 and "'../images/trade.png' lies outside the project folder" in outside.stderr
    # a path from the project's top, as GitHub shows it: the project's file, never the machine's
    path.write_text(PAPER.replace("figures/trade.png", "/images/trade.png"), encoding="utf-8")
    rooted = run_build("html", str(path), "--root", str(tmp_path / "repo" / "docs"), "--out", str(tmp_path / "c"))
    assert rooted.returncode == 0, rooted.stderr
    assert (tmp_path / "c" / "html" / "images" / "trade.png").is_file()
    path.write_text(PAPER.replace("figures/trade.png", "/etc/passwd.png"), encoding="utf-8")
    system = run_build("html", str(path), "--root", str(tmp_path / "repo" / "docs"), "--out", str(tmp_path / "d"))
    assert system.returncode == 1 and "image file '/etc/passwd.png' not found" in system.stderr, system.stderr


def test_a_folder_of_sections_is_read_in_name_order(tmp_path):
    folder = tmp_path / "thesis" / "source"
    folder.mkdir(parents=True)
    (folder / "02_method.md").write_text("# Method\n\nSecond.\n", encoding="utf-8")
    (folder / "01_intro.md").write_text("---\ntitle: A thesis\n---\n\n# Intro\n\nFirst.\n", encoding="utf-8")
    result = run_build("html", str(folder), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert page.index("First.") < page.index("Second.")


def test_a_named_file_that_is_not_there_is_a_usage_error(tmp_path):
    result = run_build("html", str(tmp_path / "papr.md"))
    assert result.returncode == 2 and "no such manuscript file" in result.stderr


def test_a_quarto_projects_metadata_is_read_under_the_front_matter(tmp_path):
    """A Quarto manuscript keeps its authors and bibliography in _quarto.yml (an author's
    trial: 19 citation keys "unknown", every author lost, not a word about the file):
    it is read as Quarto reads it, the paper's front matter winning, its own keys left
    out with their reason at their lines."""
    (tmp_path / "_quarto.yml").write_text("project:\n  type: manuscript\nformat: html\ntitle: Not this one\n"
                                          "author:\n  - name: Ann Smith\nbibliography: references.bib\n",
                                          encoding="utf-8")
    (tmp_path / "index.qmd").write_text("---\ntitle: A Quarto paper\n---\n\n# Intro\n\nAs @smith2020 shows.\n",
                                        encoding="utf-8")
    (tmp_path / "references.bib").write_text("@article{smith2020, author = {Smith, Ann}, title = {Growth}, "
                                             "journal = {J}, year = {2020}}\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "index.qmd"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "_quarto.yml:3: warning: 'format' is left out" in result.stderr
    assert "'project'" not in result.stderr  # the project's layout: nothing an edition prints
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Ann Smith" in page and "Smith (2020)" in page
    assert "A Quarto paper</h1>" in page and "Not this one" not in page


def r_markdown_page(tmp_path, text: str) -> str:
    """The HTML page of a paper.Rmd holding ``text``, which must build."""
    (tmp_path / "paper.Rmd").write_text(text, encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.Rmd"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    return (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


def test_an_r_markdown_paper_reads_its_backslash_math(tmp_path):
    """R Markdown reads \\( … \\) and \\[ … \\] as math (rticles' templates write it): it
    printed "( 3.14,x^2 )" in every edition, and a .Rmd was no manuscript."""
    page = r_markdown_page(tmp_path, "---\ntitle: T\n---\n\n# A\n\nand \\( 3.14\\,x^2 \\) and\n\\[\n x = y\n\\]\n")
    assert page.count("<math") == 2 and "( 3.14" not in page


def test_bookdowns_references_and_labels(tmp_path):
    """bookdown's \\@ref(sec:x) printed "@ref(sec:x)" without a word; (\\#tab:x) in a caption."""
    page = r_markdown_page(
        tmp_path, "---\ntitle: T\n---\n\n# Intro {#sec:intro}\n\nSee Section \\@ref(sec:tables) and Table "
        "\\@ref(tab:data).\n\n# Tables {#sec:tables}\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nTable: (\\#tab:data) Some data.\n")
    text = " ".join(re.sub(r"<[^>]*>", " ", page).split())
    assert "See Section 2 and Table 1 ." in text or "See Section 2 and Table 1." in text, text[:800]
    assert "@ref" not in text and "(\\#" not in text


def test_build_py_run_from_an_authors_folder_builds_the_authors_paper(tmp_path):
    """``python ~/press/build.py html`` in the folder of a paper builds that paper (it built
    this repository's sample article, and said nothing)."""
    (tmp_path / "paper.md").write_text("---\ntitle: The author's own paper\nauthor: A. Author\n"
                                       "date: 2024-01-01\n---\n\n# One\n\nText.\n", encoding="utf-8")
    result = run_build("html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "The author’s own paper" in page
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_build("html", cwd=empty)
    assert result.returncode != 0 and "no manuscript found" in result.stderr


def test_a_quarto_manuscript_project_builds_the_article_it_names(tmp_path):
    """``--root`` at a Quarto manuscript project (``manuscript: {article: paper.qmd}``) said
    "several Markdown files could be the manuscript" (an author's trial)."""
    (tmp_path / "_quarto.yml").write_text("project:\n  type: manuscript\nmanuscript:\n  article: paper.qmd\n"
                                          "title: From the project\n", encoding="utf-8")
    (tmp_path / "paper.qmd").write_text("---\nauthor: A\n---\n\n# One\n\nThe article's text.\n", encoding="utf-8")
    (tmp_path / "notes.qmd").write_text("---\ntitle: Notes\n---\n\nOther.\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("The repository.\n", encoding="utf-8")
    result = run_build("html", "--root", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "<title>From the project" in page and "article’s text" in page and "Other." not in page


def test_a_folder_of_sections_with_its_metadata_in_a_yml_file(tmp_path):
    """A thesis template's ``source/metadata.yml`` (YAML's other ending) was not read: "the
    article has no title", asking for a metadata.yaml beside it."""
    folder = tmp_path / "source"
    folder.mkdir()
    (folder / "metadata.yml").write_text("title: A thesis\nauthor: Ann Author\n", encoding="utf-8")
    (folder / "01-one.md").write_text("# One\n\nText.\n", encoding="utf-8")
    result = run_build("html", str(folder), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "<title>A thesis" in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


def test_an_epub_chapter_with_the_authors_script_is_declared_scripted(tmp_path):
    """The build warns that raw HTML is in the web editions only, then wrote an EPUB that
    EPUBCheck refused (OPF-014: a chapter with a script not declared scripted)."""
    from conftest import require_gatekeeper

    from press import validate

    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n# A\n\n<script>console.log(1)</script>\n\nText.\n",
                                       encoding="utf-8")
    result = run_build("epub", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    require_gatekeeper(validate.epub_book, next((tmp_path / "out").glob("*.epub")))


def test_a_books_folder_is_read_index_first_and_without_its_underscored_parts(tmp_path):
    """A bookdown thesis: index.Rmd (its introduction) was read after 01-…, 02-…, printed
    last; a _common.Rmd (bookdown and Quarto skip a file named _…) was read as a chapter."""
    (tmp_path / "index.Rmd").write_text("---\ntitle: T\n---\n\n# Introduction\n\nFirst.\n", encoding="utf-8")
    (tmp_path / "01-methods.Rmd").write_text("# Methods\n\nSecond.\n", encoding="utf-8")
    (tmp_path / "02-results.Rmd").write_text("# Results\n\nThird.\n", encoding="utf-8")
    (tmp_path / "_common.Rmd").write_text("Shared setup text.\n", encoding="utf-8")
    result = run_build("html", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    words = " ".join(re.sub(r"<[^>]+>", " ", page.split("<main")[1]).split())
    assert re.search(r"Introduction First\. .*Methods Second\. .*Results Third\.", words)
    assert "Shared setup text" not in page


def test_a_books_chapters_are_those_its_bookdown_yml_lists(tmp_path):
    """A Turkish graduation thesis (an author's trial): _bookdown.yml's ``rmd_files`` was
    not read, and every file of the folder was printed in name order, its template's
    placeholder chapter and English appendix with them. Its list, in its order; a listed
    file that is not there is an error at the list."""
    (tmp_path / "index.Rmd").write_text("---\ntitle: Kitap\nlang: tr\n---\n\n# Önsöz\n\nGiriş metni.\n",
                                        encoding="utf-8")
    (tmp_path / "02-results.Rmd").write_text("# Bulgular\n\nİkinci.\n", encoding="utf-8")
    (tmp_path / "01-intro.Rmd").write_text("# Giriş\n\nBirinci.\n", encoding="utf-8")
    (tmp_path / "04-draft.Rmd").write_text("# Taslak\n\nPLACEHOLDER of the template.\n", encoding="utf-8")
    (tmp_path / "_bookdown.yml").write_text('rmd_files: ["index.Rmd", "02-results.Rmd", "01-intro.Rmd"]\n',
                                             encoding="utf-8")
    result = run_build("html", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    words = " ".join(re.sub(r"<[^>]+>", " ", page.split("<main")[1]).split())
    assert re.search(r"Önsöz Giriş metni\. .*Bulgular İkinci\. .*Giriş Birinci\.", words) and "PLACEHOLDER" not in page
    (tmp_path / "_bookdown.yml").write_text("rmd_files:\n  html: [index.Rmd, 03-gone.Rmd]\n", encoding="utf-8")
    result = run_build("html", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "_bookdown.yml: error: '03-gone.Rmd' is listed in _bookdown.yml's rmd_files" \
        in result.stderr, result.stderr
