"""Metadata as JOSS, Quarto and pandoc authors write it, read into the build's fields:
dates in any form, numbered and referenced affiliations, names as maps, notes in names,
equal contributions, Quarto's citation, licence and copyright maps, other tools' keys
left out with their reason."""
import re
import subprocess
from pathlib import Path

import pytest
from conftest import paper_build, run_build

from press.readback import pdf_text

JOSS = """---
title: 'tool: a package'
tags:
  - Python
  - astronomy
authors:
  - name: Ann Smith^[Sorted alphabetically after the first author.]
    orcid: 0000-0002-1825-0097
    equal-contrib: true
    affiliation: "1, 2"
  - name: Bob Jones
    equal-contrib: true
    corresponding: true
    affiliation: 2
affiliations:
  - name: University One
    index: 1
    ror: 04ge02x20
  - name: Institute Two
    index: 2
date: 13 August 2017
aas-doi: 10.3847/xxxxx
---

# Summary

Text.
"""

QUARTO = """---
title: A Quarto article
author:
  - name:
      given: Ann
      family: Smith
    affiliations:
      - ref: u1
    attributes:
      corresponding: true
    email: ann@example.org
    roles: [Investigation, Software]
  - name: Bob Jones
    affiliations:
      - name: Lab
        department: Physics
        city: Ankara
        country: Türkiye
affiliations:
  - id: u1
    name: University One
    ror: https://ror.org/04ge02x20
date: last-modified
citation:
  container-title: Journal of Things
  volume: 3
  issue: 2
  page: 10-20
license:
  text: CC BY 4.0
copyright:
  holder: The Authors
  year: 2024
format:
  html: default
---

# Intro

Text.
"""


def line_of(text: str, words: str) -> int:
    return text[:text.index(words)].count("\n") + 1


def build(tmp_path: Path, text: str, *editions: str, env: dict | None = None):
    (tmp_path / "paper.md").write_text(text, encoding="utf-8")
    result = run_build(*(editions or ("html",)), str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"),
                       env=env)
    page = tmp_path / "out" / "html" / "index.html"
    return result, page.read_text(encoding="utf-8") if page.exists() else ""


def built_text(tmp_path: Path, text: str) -> tuple[subprocess.CompletedProcess, str, str]:
    """``build``'s result and page of a paper that builds, and the page's text without its tags."""
    result, page = build(tmp_path, text)
    assert result.returncode == 0, result.stderr
    return result, page, re.sub(r"<[^>]+>", "", page)


def test_joss_front_matter(tmp_path):
    result, page = build(tmp_path, JOSS)
    assert result.returncode == 0, result.stderr
    assert re.search(r'Ann Smith</span><sup class="affiliation-ref">1,2</sup><sup class="note-ref">a,†</sup>', page)
    assert re.search(r'Bob Jones</span><sup class="affiliation-ref">2</sup><sup class="note-ref">†</sup>'
                     r'<sup class="corresponding-mark">\*</sup>', page)
    assert "<sup>1</sup> University One" in page and "<sup>2</sup> Institute Two" in page
    assert "<sup>a</sup> Sorted alphabetically after the first author." in page
    assert "<sup>†</sup> These authors contributed equally." in page
    assert page.count("Sorted alphabetically") == 1 and 'class="footnote-ref"' not in page  # the note once
    assert '<meta name="citation_publication_date" content="2017-08-13">' in page
    assert '<meta name="citation_keywords" content="Python; astronomy">' in page
    assert f"paper.md:{line_of(JOSS, 'aas-doi')}: warning: 'aas-doi' is left out: JOSS's key for a submission to an AAS journal" \
        in result.stderr


def test_a_jats_contributor_keeps_ror_notes_and_equal_contribution(tmp_path):
    text = JOSS.replace("date:", "journal: {name: J, issn: 1234-5679}\ndate:")
    result, _ = build(tmp_path, text, "jats")
    assert result.returncode == 0, result.stderr
    xml = next((tmp_path / "out" / "jats").glob("*.xml")).read_text(encoding="utf-8")
    assert '<contrib contrib-type="author" equal-contrib="yes">' in xml
    assert '<institution-id institution-id-type="ror">https://ror.org/04ge02x20</institution-id>' in xml
    assert re.search(r'<xref ref-type="author-notes" rid="an1">a</xref>', xml)
    assert re.search(r'<fn id="an1">\s*<label>a</label>\s*<p>Sorted alphabetically', xml)


def test_quarto_front_matter(tmp_path):
    result, page = build(tmp_path, QUARTO, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stderr
    assert "Ann Smith</span>" in page and "Physics, Lab, Ankara, Türkiye" in page
    assert "<sup>1</sup> University One" in page
    assert '<meta name="citation_publication_date" content="2023-11-14">' in page  # SOURCE_DATE_EPOCH's day
    assert "<em>Journal of Things</em>, 3(2), 10–20" in page
    assert "© 2024 The Authors" in page and "https://creativecommons.org/licenses/by/4.0/" in page
    assert "ann@example.org" in page
    assert f"paper.md:{line_of(QUARTO, 'format:')}: warning: 'format' is left out: Quarto's output formats" in result.stderr


def test_quarto_affiliations_given_under_one_author_are_named_by_another(tmp_path):
    """Quarto's journal templates define an affiliation under an author (``id``) and
    name it from another (``ref``), before or after: one affiliation, numbered once."""
    result, page = build(tmp_path, """---
title: T
author:
  - name: Cat Memes
    affiliations:
      - ref: another-u
  - name: Bob Security
    affiliations:
      - id: another-u
        name: Another University
        city: City
---

Text.
""")
    assert result.returncode == 0, result.stderr
    assert page.count('<meta name="citation_author_institution" content="Another University, City">') == 2, page
    listed = page[page.index('<ul class="affiliations">'):]
    assert listed[:listed.index("</ul>")].count("Another University") == 1


def test_dates_as_people_write_them(tmp_path):
    for written, iso in (("June 4, 2020", "2020-06-04"), ("4 Haziran 2020", "2020-06-04"),
                         ("18. December 2020", "2020-12-18"), ("2020-06", "2020-06")):
        result, page = build(tmp_path, f"---\ntitle: T\ndate: {written}\n---\n\nText.\n")
        assert result.returncode == 0, result.stderr
        assert f'<meta name="DC.date" content="{iso}">' in page, written
    result, _ = build(tmp_path, "---\ntitle: T\ndate: 04 08 2026\n---\n\nText.\n")
    assert "paper.md:3: warning: the date '04 08 2026' is read as day, month, year: 4 August 2026 " \
           "(write 2026-08-04 to say which)" in result.stderr
    result, _ = build(tmp_path, "---\ntitle: T\ndate: ---\n---\n\nText.\n")
    assert result.returncode == 0 and "paper.md:3: warning: '---' is no date" in result.stderr
    # prose where pandoc users put a date (an author's trial): left out with a warning, not a stop
    result, _ = build(tmp_path, "---\ntitle: T\ndate: Trabajo acordado con el profesor, curso 2017-2018\n---\n\nText.\n")
    assert result.returncode == 0, result.stderr
    assert "paper.md:3: warning: 'Trabajo acordado con el profesor, curso 2017-2018' is not a date" in result.stderr
    result, _ = build(tmp_path, "---\ntitle: T\ndate: 2023-02-30\n---\n\nText.\n")
    assert result.returncode == 1 and "check the month and the day" in result.stderr


def test_an_affiliation_index_that_is_not_listed_is_named(tmp_path):
    text = JOSS.replace('affiliation: "1, 2"', 'affiliation: "1, 3"')
    result, _ = build(tmp_path, text)
    assert result.returncode == 1
    assert f"paper.md:{line_of(text, '1, 3')}: error: affiliation '3' is not in the list of affiliations (the listed ones are 1, 2" \
        in result.stderr


def test_capitalised_keys_and_keyword_lines(tmp_path):
    result, page = build(tmp_path, "---\nTitle: Capitals\nkeywords: a, b c\n---\n\nText.\n")
    assert result.returncode == 0, result.stderr
    assert "paper.md:2: warning: 'Title' is read as 'title'" in result.stderr
    assert '<h1 class="title">Capitals</h1>' in page and '<meta name="citation_keywords" content="a; b c">' in page
    # the bibliography, read before the metadata stage (an author's trial: "did you mean
    # 'bibliography-title'?", then "names no bibliography")
    (tmp_path / "refs.bib").write_text("@book{knuth84, author={Knuth, Donald}, title={The TeXbook}, "
                                       "publisher={Addison-Wesley}, year={1984}}\n", encoding="utf-8")
    result, page = build(tmp_path, "---\ntitle: T\nBibliography: refs.bib\n---\n\nAs @knuth84 shows.\n")
    assert result.returncode == 0, result.stderr
    assert "paper.md:3: warning: 'Bibliography' is read as 'bibliography'" in result.stderr
    assert "bibliography-title" not in result.stderr and "Knuth, D. (1984)" in page


def test_a_name_in_parts_as_rticles_writes_it_and_an_author_without_one(tmp_path):
    """rticles' templates give ``firstname``, ``particle``, ``lastname``, ``suffix``: an
    author without ``name`` stopped the build in the Typst template (a traceback-like
    "template error" naming the system's file)."""
    text = ("---\ntitle: T\nauthors:\n  - firstname: Leading\n    particle: van\n    lastname: Author\n"
            "    suffix: III\n  - email: b@example.org\n---\n\n# A\n\nText.\n")
    result, page = build(tmp_path, text, "html", "pdf")
    assert result.returncode == 1
    assert "paper.md:8: error: author 2 has no name (give it `name: …`" in result.stderr, result.stderr
    assert "template error" not in result.stderr
    result, page = build(tmp_path, text.replace("  - email: b@example.org\n", ""), "html", "pdf")
    assert result.returncode == 0, result.stderr
    assert "Leading van Author III" in page and '<meta name="citation_author" content="Leading van Author III">' in page


AUTHORS_AS_OTHERS_WRITE_THEM = {
    # Copernicus's skeleton: given_name, a top-level affiliation: list keyed by code with an
    # address, "1, *"; IMS's name (the given name) and surname. The byline printed surnames
    # only, "1, *" as an institution.
    "rticles": ("authors:\n  - given_name: Daniel\n    surname: Nüst\n    affiliation: \"1, *\"\n"
                "  - name: First\n    surname: Author\n    affiliation: 2\naffiliation:\n  - code: 1\n"
                "    address: Institute for Geoinformatics, Münster\n  - code: 2\n    address: Dept. of Stats, Oslo\n",
                ["Daniel Nüst", "First Author"],
                ["<sup>1</sup> Institute for Geoinformatics, Münster", "<sup>2</sup> Dept. of Stats, Oslo"],
                "paper.md:6: warning: the mark * beside the affiliations is left out"),
    # pandoc-scholar: each author a map from the name to its fields, institutes as one-key
    # maps; the authors were dropped (their maps read as unknown keys), ORCIDs unchecked;
    # an unquoted yes (YAML's true) for an equal contribution was dropped (an author's trial).
    "pandoc-scholar": ("author:\n  - Jane Doe:\n      institute:\n        - fosg\n        - fop\n"
                       "      correspondence: \"yes\"\n      email: jane@example.com\n      equal_contributor: yes\n"
                       "  - Peder Ås:\n      institute: fosg\n      equal_contributor: yes\n"
                       "institute:\n  - fosg:\n      name: Formatting Open Science Group\n"
                       "      address: Eureka, USA\n  - fop: Federation of Planets\n",
                       ["Jane Doe", "Peder Ås"],
                       ["<sup>1</sup> Formatting Open Science Group, Eureka, USA", "<sup>2</sup> Federation of Planets",
                        "jane@example.com", "contributed equally"], None),
    # papaja: a top-level affiliation: list of {id, institution}; roles by CRediT's first names.
    # "has no name" errors stopped the build.
    "papaja": ("author:\n  - name: Ann Lee\n    affiliation: \"1,2\"\n    corresponding: yes\n"
               "    email: ann@example.org\n    role:\n      - Conceptualization\n"
               "      - Writing - Original Draft Preparation\n  - name: Bo Chen\n    affiliation: \"2\"\n"
               "affiliation:\n  - id: \"1\"\n    institution: Wilhelm-Wundt-University\n"
               "  - id: \"2\"\n    institution: Konstanz Business School\n",
               ["Ann Lee", "Bo Chen"],
               ["<sup>1</sup> Wilhelm-Wundt-University", "<sup>2</sup> Konstanz Business School"], None),
    # Quarto's affiliation with its postal code, printed in the address's order
    "quarto-postal-code": ("author:\n  - name: Ann Lee\n    affiliations:\n      - name: University A\n"
                           "        city: Springfield\n        region: IL\n        postal-code: \"62701\"\n"
                           "        country: USA\n",
                           ["Ann Lee"], ["<li>University A, Springfield, IL, 62701, USA</li>"], None),
}


@pytest.mark.parametrize("written", AUTHORS_AS_OTHERS_WRITE_THEM)
def test_authors_as_other_tools_write_them(tmp_path, written):
    metadata, names, shown, warning = AUTHORS_AS_OTHERS_WRITE_THEM[written]
    result, page = build(tmp_path, f"---\ntitle: T\n{metadata}---\n\n# A\n\nText.\n")
    assert result.returncode == 0, result.stderr
    assert all(f'<span class="author-name">{name}</span>' in page for name in names), page
    assert all(part in page for part in shown)
    assert warning is None or warning in result.stderr, result.stderr
    assert "no CRediT role" not in result.stderr and "unknown metadata key" not in result.stderr


def test_r_markdowns_date_today(tmp_path):
    """rticles' skeletons write ``date: "`r Sys.Date()`"``: it was "not a date", an error."""
    text = "---\ntitle: T\ndate: \"`r Sys.Date()`\"\n---\n\n# A\n\nText.\n"
    result, page = build(tmp_path, text, env={"SOURCE_DATE_EPOCH": "1600000000"})
    assert result.returncode == 0, result.stderr
    assert '<meta name="citation_publication_date" content="2020-09-13">' in page
    assert "Sys.Date" not in result.stderr





def test_a_title_written_as_r_markdowns_line_block(tmp_path):
    """``title: |`` then ``| Line one`` / ``| line two`` (R Markdown papers): a traceback
    in the "cite as" line (a LineItem where inlines were expected)."""
    result, page = build(tmp_path, "---\ntitle: |\n  | Line one\n  | line two\n---\n\n# A\n\nText.\n", "html", "pdf")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "<title>Line one line two" in " ".join(page.split()) and '<h1 class="title">Line one<br' in page


def test_pandoc_crossrefs_options_are_said_as_such(tmp_path):
    """An author's trial (jaimeHMol/ITSurveysAnalysis): 'autoSectionLabels' was an "unknown
    metadata key" while its siblings (figureTitle, tableTemplate) were pandoc-crossref's."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\nautoSectionLabels: true\nchapDelim: \".\"\n---\n\n"
                                       "# Intro\n\nSee @sec:intro.\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "paper.md:3: warning: 'autoSectionLabels' is left out: an option of pandoc-crossref this build always " \
           "follows" in result.stderr
    assert "paper.md:4: warning: 'chapDelim' is left out: an option of pandoc-crossref" in result.stderr
    assert "unknown metadata key" not in result.stderr


@pytest.mark.parametrize("author, expected", [
    # R Markdown's names with superscripts naming the affiliation lines under them
    ('\n- "Ann Lee^1^, Bo Chen^1,2^"\n- ^1^ University of Rhode Island\n- ^2^ US EPA',
     [("Ann Lee", ["University of Rhode Island"]), ("Bo Chen", ["University of Rhode Island", "US EPA"])]),
    # … as a line block, and the places on one line
    ("  |\n  | Ann Lee^1^, Bo Chen^2^\n  | ^1^University A\n  | ^2^University B",
     [("Ann Lee", ["University A"]), ("Bo Chen", ["University B"])]),
    ('\n- "Ann Lee^1^, Bo Chen^2^"\n- "^1^ University A ^2^ University B"',
     [("Ann Lee", ["University A"]), ("Bo Chen", ["University B"])]),
    # one line of names
    (' "Ann Lee, Bo Chen and Cy Diaz"', [("Ann Lee", []), ("Bo Chen", []), ("Cy Diaz", [])]),
    # one name, and a name with its place: as written
    (' "Lee, Ann"', [("Lee, Ann", [])]),
    (' "Jane Doe, Harvard University"', [("Jane Doe, Harvard University", [])]),
])
def test_authors_written_as_lines_of_text_are_each_an_author(tmp_path, author, expected):
    """R Markdown's "Ann Lee^1^, Bo Chen^2^" then "^1^ URI" lines were three authors (the
    names glued with their marks, the affiliations as authors; an author's trial)."""
    result, page = build(tmp_path, f"---\ntitle: T\nauthor:{author}\n---\n\nText.\n")
    assert result.returncode == 0, result.stderr
    authors = re.findall(r'<meta name="citation_author" content="([^"]*)">((?:\s*<meta name="citation_author_'
                         r'institution" content="[^"]*">)*)', page)
    assert [(name, re.findall(r'institution" content="([^"]*)"', places)) for name, places in authors] == expected


def test_thanks_are_the_acknowledgements(tmp_path):
    """LaTeX's and Quarto's ``thanks`` was an unknown key: its grant was in no edition (an
    author's trial)."""
    result, page = build(tmp_path, "---\ntitle: T\nacknowledgements: We thank Ann.\nthanks: Grant 42 paid for "
                                   "it.\n---\n\nText.\n")
    assert result.returncode == 0 and "'thanks'" not in result.stderr, result.stderr
    text = re.sub(r"<[^>]+>", "", page)
    assert text.index("We thank Ann.") < text.index("Grant 42 paid for it.")


def test_a_title_line_block_with_an_empty_line_builds_the_pdf(tmp_path):
    """R Markdown's spacing idiom, ``title: |`` then ``| A title`` and an empty ``|``: the
    PDF stopped with Typst's "unclosed delimiter", no file, no line (an author's trial)."""
    result, _ = build(tmp_path, "---\ntitle: |\n  | Writing a paper\n  |\nsubtitle: |\n  | A study\n  |\n---\n\n"
                                "Text.\n", "pdf", "html")
    assert result.returncode == 0, result.stderr
    from press.readback import pdf_text

    assert pdf_text(next((tmp_path / "out").glob("*.pdf"))).startswith("Writing a paper\nA study")


def test_quartos_keys_under_an_output_format_are_the_documents(tmp_path):
    """An author's trial (a Quarto paper): `bibliography` and `metadata-files` written under
    `format: html:` were left out with `format`; the text then "named no bibliography" and its
    authors had "none" of their affiliations. A mistake there is named at its own line."""
    (tmp_path / "refs.bib").write_text("@book{a, author={Roe, Ann}, title={A Book}, year={2000}, publisher={P}}\n",
                                       encoding="utf-8")
    (tmp_path / "_authors.yml").write_text("author:\n  - name: Ann Lee\n    affiliations:\n      - name: University A\n",
                                           encoding="utf-8")
    front = ("---\ntitle: T\nformat:\n  html:\n    bibliography: refs.bib\n    metadata-files:\n      - _authors.yml\n"
             "  pdf:\n    csl: CSL\n---\n\n# A\n\nText [@a].\n")
    result, page = build(tmp_path, front.replace("    csl: CSL\n", "    toc: true\n"))
    assert result.returncode == 0, result.stderr
    assert "Roe, A. (2000). A Book." in page and "University A" in page and "Ann Lee" in page
    result, _ = build(tmp_path, front.replace("CSL", "nope.csl"))
    assert "paper.md:9: error: citation style file not found: nope.csl" in result.stderr, result.stderr


def test_quartos_variables_are_read(tmp_path):
    """An author's trial (a Quarto paper): `title: "{{< var title >}}"` with `_variables.yml`
    beside it lost the title with "needs Quarto's renderer"; a name the file lacks is said so."""
    (tmp_path / "_variables.yml").write_text('title: "Replay in humans"\nversion: 2\nnested:\n  key: deep value\n',
                                             encoding="utf-8")
    result, page = build(tmp_path, '---\ntitle: "{{< var title >}}"\n---\n\n# A\n\nVersion {{< var version >}}, '
                                   "{{< var nested.key >}}, {{< var titel >}}.\n")
    assert result.returncode == 0, result.stderr
    assert '<h1 class="title">Replay in humans' in page and "Version 2, deep value, ." in page
    assert "paper.md:7: warning: the shortcode '{{< var titel >}}' is left out: _variables.yml has no value " \
           "'titel' (did you mean 'title'?)" in result.stderr


def test_a_shortcode_is_expanded_wherever_words_are_written(tmp_path):
    """`{{< var site >}}` in a heading, in emphasis, a span, a link, a line block's line
    and a definition's term was printed as written, `{{< var site >}}`: only paragraphs'
    own words were read."""
    (tmp_path / "_variables.yml").write_text("site: Lake Baikal\n", encoding="utf-8")
    result, page = build(tmp_path, "---\ntitle: T\n---\n\n# Results for {{< var site >}}\n\n"
                                   "The site *{{< var site >}}* was seen, [at {{< var site >}}]{.smallcaps} and "
                                   "[near {{< var site >}}](https://example.org).\n\n| Line at {{< var site >}}\n"
                                   "| Line two\n\nTerm {{< var site >}}\n: Defined at {{< var site >}}.\n")
    assert result.returncode == 0, result.stderr
    assert "var site" not in page
    text = re.sub(r"<[^>]+>", "", page)
    for written in ("1. Results for Lake Baikal", "The site Lake Baikal was seen, at Lake Baikal and near Lake "
                    "Baikal.", "Line at Lake Baikal", "Term Lake Baikal", "Defined at Lake Baikal."):
        assert written in text, written


def test_papajas_author_note_mask_and_options(tmp_path):
    """An author's trial (a papaja meta-analysis): `authornote` (funding, conflicts, data) was
    an "unknown key (did you mean 'author'?)" and lost; `mask: yes` printed the authors with
    no word; papaja's layout options were unknown keys."""
    import zipfile
    text = ('---\ntitle: T\nshorttitle: Short\nauthor:\n  - name: Ann Lee\n    affiliation: "1"\naffiliation:\n'
            '  - id: "1"\n    institution: Wundt University\nauthornote: Funded by grant 42.\nmask: yes\n'
            "floatsintext: no\n---\n\n# A\n\nText.\n")
    result, page = build(tmp_path, text, "html", "docx")
    assert result.returncode == 0, result.stderr
    assert "Funded by grant 42." in page and "unknown metadata key" not in result.stderr
    assert "paper.md:11: warning: 'mask' is read as docx: {review: true}" in result.stderr
    assert "paper.md:12: warning: 'floatsintext' is left out: an option of papaja's APA template" in result.stderr
    with zipfile.ZipFile(next((tmp_path / "out").glob("*.docx"))) as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert "Ann Lee" not in document and "Wundt" not in document and "grant 42" not in document


def test_an_affiliation_listed_twice_or_named_by_an_unknown_id_is_said(tmp_path):
    """An attacker's round: a second `id: "1"` silently replaced the first; an author's
    `affiliation: "nope"` among ids printed "nope" as an institution without a word."""
    text = ('---\ntitle: T\nauthor:\n  - name: Ann Lee\n    affiliation: "1"\n  - name: Bo Chen\n'
            '    affiliation: "uni-c"\n  - name: Cy Diaz\n    affiliation: "MIT Media Lab"\naffiliation:\n'
            '  - id: "1"\n    institution: University A\n  - id: "1"\n    institution: University B\n'
            '  - id: "uni-b"\n    institution: University C\n---\n\n# A\n\nText.\n')
    result, page = build(tmp_path, text)
    assert result.returncode == 0, result.stderr
    assert "paper.md:13: warning: affiliation '1' is listed twice: its second place is left out" in result.stderr
    assert "paper.md:7: warning: affiliation 'uni-c' is not in the list of affiliations: it is printed as a " \
           "name (did you mean 'uni-b'?)" in result.stderr
    assert "MIT Media Lab" in page and "'MIT Media Lab'" not in result.stderr and "University A" in page


def test_papajas_formats_hide_code_and_an_empty_author_note_gives_no_section(tmp_path):
    """An author's trial (a papaja paper): papaja's apa6_pdf and apa6_docx hide every cell's
    code (echo = FALSE), yet each cell was printed, a local credentials script's path with
    them; an author note left empty printed an empty "Acknowledgements" heading."""
    text = ("---\ntitle: T\noutput: papaja::apa6_pdf\nauthornote: |\n  \nchronology: false\n---\n\n"
            "# A\n\n```{r setup}\nsource(\"~/creds.R\")\n```\n\nText.\n")
    result, page = build(tmp_path, text)
    assert result.returncode == 0, result.stderr
    assert "creds.R" not in page and "Text." in page
    assert "whose code its author hid" in result.stderr
    assert "Acknowledgements" not in page


def test_an_r_markdown_format_that_turns_off_single_backslash_math_is_followed(tmp_path):
    """An author's trial (a legal history in R Markdown): its output format turns off
    `tex_math_single_backslash`, so "\\[and\\]" is an editor's bracket; it was set as a
    display equation mid-sentence, in five places, without a word."""
    text = ('---\ntitle: T\nchronology: false\noutput:\n  pdf_document:\n    md_extensions: '
            '"-tex_math_single_backslash"\n---\n\nThe commissioners \\[and\\] the court.\n')
    (tmp_path / "paper.Rmd").write_text(text, encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.Rmd"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "The commissioners [and] the court." in page and "<math" not in page


def test_a_myst_paper_is_read(tmp_path):
    """A MyST paper (SciPy 2025's proceedings; an author's trial): `:::{include}` stood for its
    whole body, which every edition printed as the directive's text, under --strict too; its
    admonitions, roles, targets, labelled math and code, myst.yml's authors and the .bib
    MyST finds beside it were all lost without a word."""
    (tmp_path / "myst.yml").write_text("version: 1\nproject:\n  title: Pixi workflows\n  authors:\n"
                                       "    - name: Ann Lee\n      affiliations: [NVIDIA]\n  keywords: [CUDA]\n"
                                       "  exports: [{format: typst}]\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text("@book{knuth84, author={Knuth, Donald}, title={The TeXbook}, "
                                       "publisher={Addison-Wesley}, year={1984}}\n", encoding="utf-8")
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "pixi.toml").write_text("[workspace]\nname = \"ml\"\n% not a comment\n", encoding="utf-8")
    (tmp_path / "intro.md").write_text(
        "(sec-intro)=\n## Introduction\n\nAs {cite:p}`knuth84` showed, {cite:t}`knuth84` wrote {eq}`energy`.\n\n"
        "```{math}\n:label: energy\ne = mc^2\n```\n\n:::{note}\nA MyST admonition.\n:::\n\n"
        "The manifest is @pixi-manifest, the output @override; see {ref}`sec-intro` and {foo}`bar`.\n\n"
        "```{literalinclude} code/pixi.toml\n:label: pixi-manifest\n:caption: A manifest.\n```\n\n"
        "```{code} console\n:label: override\n:caption: Using `CONDA_OVERRIDE_CUDA`.\n\n% pixi info\n```\n\n"
        "% a MyST comment\n:::{mystery}\nKept as text.\n:::\n\n:::{list-table} Sizes\n:header-rows: 1\n"
        ":label: sizes\n\n*   - Name\n    - Size\n*   - pixi\n    - 12 MB\n:::\n\nAs {numref}`sizes` lists.\n\n"
        "```{code-cell} python\n:tags: [hide-input]\nprint(42)\n```\n", encoding="utf-8")
    (tmp_path / "main.md").write_text("---\ntitle: Pixi workflows\nchronology: false\n---\n\n"
                                      ":::{include} intro.md\n:::\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "main.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)
    for shown in ("As (Knuth, 1984) showed, Knuth (1984) wrote (1).", "A MyST admonition.",
                  "The manifest is Listing 1, the output Listing 2; see Introduction and bar.", "Listing 1. A manifest.",
                  "[workspace]", "% not a comment", "% pixi info", "Kept as text.", "Ann Lee", "NVIDIA",
                  "Knuth, D. (1984). The TeXbook", "Table 1. Sizes", "As Table 1 lists.",
                  "print(42)"):
        assert shown in text, shown
    assert "{include}" not in text and "a MyST comment" not in text and "{cite" not in text
    assert 'class="callout callout-note"' in page or "callout-note" in page
    assert "intro.md:30: warning: the MyST directive '{mystery}' is not read" in result.stderr, result.stderr
    assert "intro.md:15: warning: the MyST role '{foo}' is not read" in result.stderr
    assert "myst.yml: warning: myst.yml's 'exports' is not read" in result.stderr
    assert "intro.md:46: warning: a code cell (python) is shown as its code, not run" in result.stderr
    assert "hide-input" not in text and re.search(r"<td[^>]*>pixi</td>\s*<td[^>]*>12 MB</td>", page)


def test_myst_targets_anywhere_empty_links_and_its_front_matter_names(tmp_path):
    """An author's trial (MyST papers): a target before a paragraph, or before a heading
    after a blank line, was "unknown cross-reference"; ``[](https://…)`` and ``[](10.…)``
    printed nothing; MyST's ``acknowledgments``, ``data_availability`` and ``short_title``
    were unknown keys, dropped; "Figs. {@fig:a} and {@fig:b}" printed "Figs. Figure 1 and
    Figure 2"."""
    result, page, text = built_text(tmp_path, "---\ntitle: T\nacknowledgments: We thank X.\ndata_availability: "
                                    "At Y.\nchronology: false\n---\n\n(sec-a)=\n\n## First\n\n(para-target)=\n"
                                    "A paragraph.\n\nSee [](#para-target), {ref}`para-target`, @sec-a, "
                                    "[](https://example.org/a) and [](10.1093/nar/gkab1).\n")
    assert "See para-target, para-target, Section 1, https://example.org/a and 10.1093/nar/gkab1." in text, text
    assert 'href="https://doi.org/10.1093/nar/gkab1"' in page and '<span id="para-target">' in page
    assert "We thank X." in text and "At Y." in text
    assert "paper.md:3: warning: 'acknowledgments' is read as 'acknowledgements'" in result.stderr


def test_myst_subfigures_numbered_link_words_and_raw_roles(tmp_path):
    """An author's trial (SciPy papers): a {figure} with no file (MyST's subfigures) was
    "'' is a folder" at line 1; "[Figure %s](#map)" printed "Figure %s"; {raw:typst} was
    printed as text."""
    picture = Path(__file__).parent / "samples" / "article-en" / "manuscript" / "figures" / "trade.png"
    for name in ("a.png", "b.png"):
        (tmp_path / name).write_bytes(picture.read_bytes())
    _, _, text = built_text(tmp_path, "---\ntitle: T\nchronology: false\n---\n\n:::{figure}\n:label: both\n"
                                      "![Left.](a.png)\n![Right.](b.png)\n\nTwo panels.\n:::\n\n:::{figure} a.png\n"
                                      ":label: map\nA map.\n:::\n\nSee [Figure %s](#map) and {numref}`both`, "
                                      "{raw:typst}`#h(1em)` here.\n")
    assert "See Figure 2 and Figure 1,  here." in text, text  # the raw Typst in the PDF only
    assert "Figure 1. Two panels." in text and "%s" not in text and "#h(1em)" not in text


def test_myst_read_as_a_reviewer_asked(tmp_path):
    """A review of the MyST reader: a directive no line closes made the read take time in
    the square of the text (8,000 unclosed fences: 8 s); a % line in a {math} was taken for
    a MyST comment and broke the equation; a target before a figure made it an inline
    picture; a figure in an admonition kept its label from {numref}; {numref}`Fig. %s <x>`
    printed "%s"; "a `{r}` chunk" in a code span made a pandoc document MyST."""
    import subprocess
    import sys

    from core.myst import is_myst, myst_read

    code = ("import sys; sys.path.insert(0, '.'); from core.myst import is_myst, myst_read; "
            "t = ':::{x}\\n' * 20000 + '```{r}\\n' * 20000; is_myst(t); myst_read(t)")
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent, timeout=30)
    assert done.returncode == 0
    assert not is_myst("% Title\n\nWrite a `{r}` chunk or a `{python}` one.\n")
    text, _ = myst_read("(map)=\n:::{figure} a.png\nA map.\n:::\n\n::::{note}\n:::{figure} b.png\n:label: inner\nB.\n"
                        ":::\n::::\n\nSee [](#map), {numref}`Fig. %s <map>` and {numref}`inner`.\n\n```{math}\n"
                        ":label: sum\na = b\n% a TeX comment\n+ c\n```\n")
    assert "![A map.](a.png){#fig:map}" in text and "See @fig:map, Fig. @fig:map and @fig:inner." in text, text
    assert "% a TeX comment" in text and "{#eq:sum}" in text


def test_a_note_in_the_abstract_is_marked_where_it_stands(tmp_path):
    """A footnote in the abstract (AMQ's rticles skeleton, \\footnote or ^[…]) was printed
    under the authors' names, unmarked, as if it were the title's, and the abstract lost
    its mark: it is marked in the abstract, and its text beside that mark (an author's
    trial); the title's stays unmarked, as LaTeX's \\thanks."""
    result = paper_build(tmp_path, "---\ntitle: T^[Funded by Foundation.]\nauthor: Joseph Bleau\nabstract: |\n"
                                   "  The abstract has a note\\footnote{The note text.}. And one^[Another note.].\n---\n\n"
                                   "Body.\n", "html", "pdf")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"a note<span[^>]*><sup>a</sup></span>\. And one<span[^>]*><sup>b</sup></span>\.", page), page
    assert 'name="description" content="The abstract has a note. And one."' in page  # no mark in its text
    assert '<sup>a</sup> The note text.</p>' in page and '<sup>b</sup> Another note.</p>' in page
    assert 'author-note">Funded by Foundation.</p>' in page
    pdf = pdf_text(tmp_path / "out" / "t.pdf")
    assert "a The note text." in pdf and "has a notea." in pdf
    # the equal contributors' † is no letter: the abstract's first note is still "a"
    result = paper_build(tmp_path, "---\ntitle: T\nauthor:\n  - name: A\n    equal-contrib: true\n  - name: B\n"
                                   "    equal-contrib: true\nabstract: The abstract has a note^[The note text.].\n---\n\n"
                                   "Body.\n", "html")
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"a note<span[^>]*><sup>a</sup></span>\.", page) and "<sup>a</sup> The note text." in page
    # nor is the subtitle's note, which is unmarked
    result = paper_build(tmp_path, "---\ntitle: T\nsubtitle: S^[On the subtitle.]\nabstract: An abstract^[A note.].\n---\n\n"
                                   "Body.\n", "html")
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "<sup>a</sup> A note." in page, page


def test_rticles_springer_mdpi_and_jss_front_matter(tmp_path):
    """An author's trial with rticles' papers: Springer's ``affiliations: [{number, info:
    {orgdiv, orgname}, address: {…}}]`` gave "affiliation '1' is not in the list (the
    listed ones are none)" beside "this affiliation is left out"; MDPI's ``affil:
    "1,\\\\dagger"`` and ``affiliation: [{num, address}]`` were left out; JSS's ``title:
    {formatted, plain, short}`` was "no title" at all."""
    springer = ("---\ntitle: T\nauthors:\n  - firstname: Ann\n    lastname: Lee\n    affiliation: [1, 2]\n"
                "    equal_contribution: These authors contributed equally to this work.\n"
                "  - firstname: Bo\n    lastname: Chen\n    affiliation: 2\n"
                "    equal_contribution: These authors contributed equally to this work.\n"
                "affiliations:\n  - number: 1\n    info:\n      orgdiv: Dept. of Soil\n      orgname: Uni One\n"
                "    address:\n      city: Oslo\n      country: Norway\n  - number: 2\n    info:\n"
                "      orgname: Institute Two\n---\n\nText.\n")
    result, page, text = built_text(tmp_path, springer)
    assert "1 Dept. of Soil, Uni One, Oslo, Norway" in text and "2 Institute Two" in text, text
    assert "contributed equally" in text and "left out" not in result.stderr, result.stderr
    mdpi = ("---\ntitle: T\nauthor:\n  - name: Ann Lee\n    affil: 1,2,\\ddagger,*\n  - name: Bo Chen\n    affil: 2\n"
            "affiliation:\n  - num: 1\n    address: |\n      Uni One\n      Oslo, Norway\n  - num: 2\n"
            "    address: Institute Two\n---\n\nText.\n")
    result, page, text = built_text(tmp_path, mdpi)
    assert "1 Uni One Oslo, Norway" in text and "2 Institute Two" in text and "ddagger" not in text, text
    jss = ("---\ntitle:\n  formatted: \"A Title about \\\\pkg{foo}\"\n  plain: A Title about foo\n  short: \"\\\\pkg{foo}: Short\"\n"
           "keywords:\n  formatted: [keywords, \"\\\\proglang{Java}\"]\n  plain: [keywords, Java]\n---\n\nText.\n")
    result, page, text = built_text(tmp_path, jss)
    assert "<strong>foo</strong>" in page.split("<h1")[1].split("</h1>")[0] and "no title" not in result.stderr
    assert '<meta name="citation_keywords" content="keywords; Java">' in page


def test_a_capitalised_key_another_tool_writes_is_read_as_its_lower_case(tmp_path):
    """ReScience's template writes ``Address:``: it was "an unknown metadata key", and each
    author's affiliation "not in the list (the listed ones are none)"."""
    text = ("---\ntitle: T\nauthor:\n  - name: Ann Lee\n    affiliation: 1\nAddress:\n  - code: 1\n"
            "    address: Inria, Bordeaux\n---\n\nText.\n")
    result, page, words = built_text(tmp_path, text)
    assert "Inria, Bordeaux" in words and "paper.md:6: warning: 'Address' is read as 'address'" in result.stderr
