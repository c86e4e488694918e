"""Quarto's ``metadata-files``: YAML files read under the front matter (its own values win),
each path from the file naming it, their mistakes named at their own lines; a file not
found or outside the project is an error at the line that names it."""
from __future__ import annotations

import re

from press.live import watched_paths
from tests.conftest import paper_build

PAPER = """---
title: "The front matter's title"
metadata-files:
  - meta/_authors.yml
date: 2024-06-01
---

# Intro

Text [@smith2020].
"""
AUTHORS = """title: A title the front matter overrides
author:
  - name: Jane Roe
    orcid: {orcid}
    affiliations:
      - name: Example University
bibliography: ../refs.bib
keywords: [alpha, beta]
"""


def write(tmp_path, orcid="0000-0002-1825-0097") -> None:
    (tmp_path / "meta").mkdir(exist_ok=True)
    (tmp_path / "meta" / "_authors.yml").write_text(AUTHORS.format(orcid=orcid), encoding="utf-8")
    (tmp_path / "refs.bib").write_text("@article{smith2020, author={Smith, John}, title={A Title}, journal={J}, "
                                       "year={2020}}\n", encoding="utf-8")


def test_metadata_files_are_read_under_the_front_matter(tmp_path):
    write(tmp_path)
    result = paper_build(tmp_path, PAPER, name="paper.qmd")
    assert result.returncode == 0, result.stderr
    assert "metadata-files" not in result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="citation_author" content="Roe, Jane">' in page or "Jane Roe" in page
    assert "Example University" in page and "alpha" in page
    assert re.search(r"<title>The front matter’s title", page)  # the document's own value wins
    assert "Smith" in re.sub(r"<[^>]+>", "", page)  # the bibliography named there, from its folder
    # serve paper.qmd rebuilds when the file is saved
    assert tmp_path / "meta" / "_authors.yml" in watched_paths(tmp_path, tmp_path / "out", path=tmp_path / "paper.qmd")


def test_a_mistake_in_a_metadata_file_is_named_at_its_line(tmp_path):
    write(tmp_path, orcid="0000-0002-1825-0098")
    result = paper_build(tmp_path, PAPER, name="paper.qmd")
    assert re.search(r"meta/_authors\.yml:4: (error|warning): .*0000-0002-1825-0098", result.stderr), result.stderr


def test_metadata_files_that_cannot_be_read_are_errors_at_their_line(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    write(project)
    (tmp_path / "outside.yml").write_text("title: x\n", encoding="utf-8")
    text = PAPER.replace("  - meta/_authors.yml\n", "  - meta/_author.yml\n  - ../outside.yml\n")
    result = paper_build(project, text, name="paper.qmd")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "paper.qmd:4: error: the metadata file 'meta/_author.yml' is not found (did you mean '_authors.yml'?)" \
        in result.stderr
    assert "paper.qmd:5: error: the metadata file '../outside.yml' is outside the project" in result.stderr


def test_a_bibliography_latex_names_in_the_text_is_read(tmp_path):
    r"""A knitted paper's last line, ``\bibliography{refs}``, names its .bib: the build
    stopped with "names no bibliography"; it is read as the metadata's would be (the
    reference list the build's), and a name with no file is an error at its line."""
    (tmp_path / "refs.bib").write_text("@article{smith, author={Smith, John}, title={A}, journal={J}, year={2020}}\n",
                                       encoding="utf-8")
    text = "---\ntitle: T\n---\n\nAs [@smith] shows.\n\n\\bibliographystyle{plain}\n\\bibliography{refs}\n"
    result = paper_build(tmp_path, text, "html", "latex")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Smith, J. (2020). A." in re.sub(r"<[^>]+>", "", page)
    assert "\\bibliography{" not in next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    result = paper_build(tmp_path, text.replace("{refs}", "{nope}"))
    assert "paper.md:8: error: bibliography file 'nope.bib' not found (did you mean 'refs.bib'?)" in result.stderr
