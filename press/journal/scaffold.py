"""``press new article DIR`` and ``press new journal DIR``: a project that builds at
once, to fill in. Never written over an existing project.

>>> sorted(ARTICLE)
['bibliography/references.bib', 'manuscript/01-introduction.md', 'manuscript/metadata.yaml']
"""
from __future__ import annotations

from pathlib import Path

from core.diagnostics import BuildError, display_path

ARTICLE = {
    "manuscript/metadata.yaml": """\
# The article's metadata: the README's table lists every key. In a journal, the
# journal and the issue decide the journal's fields, the pages, the DOI and the address.
lang: en
title: The Article's Title
abstract: |
  One paragraph on what the article asks, how, and what it finds.
keywords: [first keyword, second keyword]
authors:
  - name: First Author
    affiliation: Department, University
    email: first.author@example.org
    corresponding: true
""",
    "manuscript/01-introduction.md": """\
# Introduction

The text, in pandoc Markdown: one file per section, read in name order. A citation
names a key of the bibliography [@example2024, p. 12].

# Conclusion

What the article found.
""",
    "bibliography/references.bib": """\
@book{example2024,
  author = {Author, Ann},
  title = {A Book to Cite},
  publisher = {Publisher},
  address = {City},
  year = {2024}
}
""",
}

JOURNAL = {
    "journal.yaml": """\
# The journal: what it decides for every article (README, "A journal").
name: The Journal's Name
abbreviation: J. Name
publisher: The Publisher
url: https://journal.example.org
license: CC-BY-4.0
languages: [en, tr]
start_on_odd: false
# issn: NNNN-NNNN                  # or eissn: the JATS edition (PMC) needs one
# doi: "10.XXXX/name.{volume}.{issue}.{first_page}"     # with crossref: {depositor, email, registrant}
editorial_board:
  - role: Editor
    name: The Editor
    affiliation: University
""",
    "issues/2025-1/issue.yaml": """\
volume: 1
number: 1
date: 2025-06-30
first_page: 1
articles:
  - 01-first-article
""",
    **{f"issues/2025-1/01-first-article/{name}": text for name, text in ARTICLE.items()},
}


def scaffold(kind: str, folder: Path) -> list[Path]:
    """Write the project's files; the paths written."""
    files = ARTICLE if kind == "article" else JOURNAL
    if folder.exists() and any(folder.iterdir()):
        raise BuildError("the folder is not empty", display_path(folder), hint="name a new folder")
    written = []
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
