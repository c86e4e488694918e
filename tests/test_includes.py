"""Quarto's ``{{< include file >}}``: the file's text read where the shortcode stands on a
line of its own, in every edition, its mistakes placed in its own file; a file not found,
outside the project or including itself is an error at the shortcode's line."""
from __future__ import annotations

import re
import zipfile

from tests.conftest import paper_build, run_build

PAPER = """---
title: Included parts
author: A. Author
date: 2024-06-01
---

# Introduction

Before the includes.

{{< include _methods.qmd >}}

{{< include "parts/_results.qmd" >}}

After the includes, as @sec-methods says.
"""


def html_text(out) -> str:
    return re.sub(r"<[^>]+>", "", (out / "html" / "index.html").read_text(encoding="utf-8"))


def write(folder, files: dict[str, str]) -> None:
    """Each of ``files`` (name → text) saved in ``folder``."""
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def write_parts(tmp_path) -> None:
    (tmp_path / "_methods.qmd").write_text("# Methods {#sec-methods}\n\nThe methods, from a file of their own.\n",
                                           encoding="utf-8")
    (tmp_path / "parts").mkdir()
    # a path from the project's root, from a file in a folder below it
    (tmp_path / "parts" / "_results.qmd").write_text("# Results\n\nThe results.\n\n{{< include /_note.md >}}\n",
                                                     encoding="utf-8")
    (tmp_path / "_note.md").write_text("A note included twice over.\n", encoding="utf-8")


def test_included_files_are_read_where_they_stand_in_every_edition(tmp_path):
    write_parts(tmp_path)
    result = paper_build(tmp_path, PAPER, "html", "epub", "pdf", name="paper.qmd")
    assert result.returncode == 0, result.stderr
    assert "shortcode" not in result.stderr and "error" not in result.stderr
    text = html_text(tmp_path / "out")
    order = ["Before the includes.", "The methods, from a file of their own.", "The results.",
             "A note included twice over.", "After the includes"]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)
    assert "{{&lt;" not in text and "{{<" not in text
    assert re.search(r"as\s+(Section|Bölüm)\s+2", text)  # the included heading is numbered and referable
    from pypdf import PdfReader

    pdf = " ".join(page.extract_text() for page in PdfReader(tmp_path / "out" / "included-parts.pdf").pages)
    assert "The methods, from a file of their own." in pdf and "A note included twice over." in pdf
    with zipfile.ZipFile(tmp_path / "out" / "included-parts.epub") as epub:
        book = " ".join(epub.read(n).decode() for n in epub.namelist() if n.endswith(".xhtml"))
    assert "The results." in book and "A note included twice over." in book


def test_an_included_files_mistake_is_placed_in_that_file(tmp_path):
    write_parts(tmp_path)
    (tmp_path / "_note.md").write_text("A note.\n\nSee @fig-missing.\n", encoding="utf-8")
    result = paper_build(tmp_path, PAPER, name="paper.qmd")
    assert result.returncode != 0
    assert "_note.md:3: error: unknown cross-reference 'fig-missing'" in result.stderr


def test_an_included_file_edited_is_built_again(tmp_path):
    from press.live import watched_paths

    write_parts(tmp_path)
    assert paper_build(tmp_path, PAPER, name="paper.qmd").returncode == 0
    # the watcher of a one-file paper (python build.py serve paper.qmd) sees its included files
    watched = watched_paths(tmp_path, tmp_path / "out", path=tmp_path / "paper.qmd")
    assert {tmp_path / "_note.md", tmp_path / "parts" / "_results.qmd"} <= set(watched)
    (tmp_path / "_note.md").write_text("A note written again.\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.qmd"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "A note written again." in html_text(tmp_path / "out")


def test_includes_that_cannot_be_read_are_errors_at_their_line(tmp_path):
    project = tmp_path / "project"
    write(tmp_path, {"secret.md": "outside\n"})
    write(project, {"_loop.md": "Loop.\n\n{{< include paper.md >}}\n", "_methods.md": "Methods.\n"})
    text = "# A\n\n{{< include _method.md >}}\n\n{{< include ../secret.md >}}\n\n{{< include _loop.md >}}\n"
    result = paper_build(project, text)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "paper.md:3: error: the included file '_method.md' is not found (did you mean '_methods.md'?)" \
        in result.stderr
    assert "paper.md:5: error: '../secret.md' is outside the project" in result.stderr
    assert "_loop.md:3: error: 'paper.md' includes the file that includes it" in result.stderr


def test_an_include_in_a_line_of_text_is_a_warning_at_its_line(tmp_path):
    (tmp_path / "_a.md").write_text("Part A.\n", encoding="utf-8")
    result = paper_build(tmp_path, "# A\n\n{{< include _a.md >}}\n\nText {{< include _a.md >}} here.\n")
    assert result.returncode == 0, result.stderr
    assert "paper.md:5: warning: the shortcode '{{< include _a.md >}}' is left out" in result.stderr
    assert "put the include on a line of its own" in result.stderr


def test_includes_multiplied_past_the_text_limit_are_refused(tmp_path):
    (tmp_path / "_b.md").write_text("word " * 2000 + "\n", encoding="utf-8")
    (tmp_path / "_a.md").write_text("{{< include _b.md >}}\n\n" * 40, encoding="utf-8")
    result = paper_build(tmp_path, "# A\n\n" + "{{< include _a.md >}}\n\n" * 40, "html", "--limit", "text=2000000")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "over the limit" in result.stderr and "text" in result.stderr


def test_a_section_that_another_includes_is_not_read_twice(tmp_path):
    write(tmp_path / "manuscript", {"01-intro.md": "# Intro\n\nIntro text.\n\n{{< include 02-table.md >}}\n",
                                    "02-table.md": "The sentence of the included section.\n",
                                    "03-end.md": "# End\n\nThe end.\n",
                                    "metadata.yaml": "title: T\nauthor: A\ndate: 2024-01-01\n"})
    result = run_build("html", "--root", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert html_text(tmp_path / "out").count("The sentence of the included section.") == 1


def test_an_include_in_an_included_file_is_read_from_the_papers_folder(tmp_path):
    """Quarto pastes an included file's text into the paper: its own includes are read from
    the paper's folder ("not found" for index.qmd → sections/_m.qmd → sections/_n.qmd;
    an author's trial); from the included file's own folder when only that holds the file."""
    write(tmp_path / "sections", {"_m.qmd": "Part M.\n\n{{< include sections/_n.qmd >}}\n\n{{< include _o.qmd >}}\n",
                                  "_n.qmd": "Part N.\n", "_o.qmd": "Part O.\n"})
    result = paper_build(tmp_path, "# A\n\n{{< include sections/_m.qmd >}}\n", name="index.qmd")
    assert result.returncode == 0, result.stderr
    text = html_text(tmp_path / "out")
    assert "Part M." in text and "Part N." in text and "Part O." in text


def test_knitrs_child_chunks_paste_their_files(tmp_path):
    """``{r child="methods.Rmd"}`` (bookdown's and thesisdown's way to split a paper): each
    file read where the chunk stands, in order; a mistake in a child at its own line, one
    after the chunks at the paper's. Before: "a code cell … is shown as its code", every
    child's text lost."""
    write(tmp_path, {"methods.Rmd": "# Methods\n\nWe did things.\n",
                     "results.Rmd": "# Results\n\nIt worked, see @fig-missing.\n",
                     "discussion.Rmd": "# Discussion\n\nIt matters.\n"})
    text = ("---\ntitle: Children\n---\n\n# Introduction\n\nIntro text.\n\n```{r child = \"methods.Rmd\"}\n```\n\n"
            "```{r, child=c('results.Rmd', \"discussion.Rmd\")}\n```\n\nClosing text, see @tbl-missing.\n")
    result = paper_build(tmp_path, text, name="paper.Rmd")
    assert "results.Rmd:3: error: unknown cross-reference 'fig-missing'" in result.stderr
    assert "paper.Rmd:15: error: unknown cross-reference 'tbl-missing'" in result.stderr
    assert "code cell" not in result.stderr and "code fence" not in result.stderr
    (tmp_path / "results.Rmd").write_text("# Results\n\nIt worked.\n", encoding="utf-8")
    result = paper_build(tmp_path, text.replace(", see @tbl-missing", ""), name="paper.Rmd")
    assert result.returncode == 0, result.stderr
    built = html_text(tmp_path / "out")
    order = ["Intro text.", "We did things.", "It worked.", "It matters.", "Closing text."]
    assert [built.index(part) for part in order] == sorted(built.index(part) for part in order)
    assert "child =" not in built and "child=" not in built
    result = paper_build(tmp_path, "# A\n\n```{r child='gone.Rmd'}\n```\n", name="paper.Rmd")
    assert "paper.Rmd:3: error: the included file 'gone.Rmd' is not found" in result.stderr
