"""The block syntax of pandoc-crossref and Quarto, as their users write it: listings
in each of their forms, subfigures, the theorem family, proofs, callouts, shortcodes,
the reference list's heading and place, section numbers and labels as those tools
give them; in the document's language."""
import re
import zipfile
from pathlib import Path

import pytest
from conftest import built_html, paper_build, run_build

from press.readback import html_text, pdf_text

FIGURE = Path(__file__).parent / "samples" / "article-en" / "manuscript" / "figures" / "trade.png"
BIB = "@article{smith2020, author = {Smith, Ann}, title = {Growth}, journal = {J}, year = {2020}}\n"


def build(tmp_path: Path, text: str) -> tuple[str, str]:
    """The HTML edition's text of a one-file paper, and the build's messages."""
    (tmp_path / "paper.md").write_text(text, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    for name in ("a.png", "b.png"):
        (tmp_path / name).write_bytes(FIGURE.read_bytes())
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    return html_text(tmp_path / "out" / "html" / "index.html"), result.stderr


def test_listings_in_every_form_and_subfigures_in_turkish(tmp_path):
    text, _ = build(tmp_path, """---
title: Kod
lang: tr
codeBlockCaptions: true
---

# Giriş

@lst:a, @lst:b, @lst-c, @lst:d ve @fig:ikili; sağdaki @fig:sag.

```{#lst:a .python caption="Birinci"}
a = 1
```

Listing: İkinci {#lst:b}

```python
b = 2
```

```{#lst-c lst-cap="Üçüncü"}
c = 3
```

<div id="lst:d" class="listing">
Dördüncü
```python
d = 4
```
</div>

::: {#fig:ikili}
![Sol](a.png)![Sağ](b.png){#fig:sag}

İki resim.
:::
""")
    assert "Kod 1, Kod 2, Kod 3, Kod 4 ve Şekil 1; sağdaki Şekil 1b." in text, text
    for caption in ("Kod 1. Birinci", "Kod 2. İkinci", "Kod 3. Üçüncü", "Kod 4. Dördüncü",
                    "(a) Sol", "(b) Sağ", "Şekil 1. İki resim."):
        assert caption in text


def test_a_caption_above_its_code_is_its_own_not_the_previous_codes(tmp_path):
    """pandoc-crossref reads left to right: each caption paragraph above a code block is
    that block's, even where the block before could take it as the one under it."""
    text, _ = build(tmp_path, """---
title: Code
codeBlockCaptions: true
---

# Code

: The first {#lst:one}
```python
a = 1
```

: The second {#lst:two}

```python
b = 2
```

See @lst:one and @lst:two.
""")
    assert "See Listing 1 and Listing 2." in text, text
    assert text.index("Listing 1. The first") < text.index("a = 1") < text.index("Listing 2. The second") \
        < text.index("b = 2"), text


def test_a_definition_lists_terms_may_cite_and_refer(tmp_path):
    """A term of a definition list holds its words in ``term``, not ``content``: a
    citation or cross-reference there once stopped the build with a traceback."""
    text, _ = build(tmp_path, """---
title: Definitions
bibliography: refs.bib
---

# Terms {#sec:terms}

Growth [@smith2020], see @sec:terms
:   A definition.
""")
    assert "Growth (Smith, 2020), see Section 1 A definition." in text, text


def test_a_paper_written_for_github_keeps_its_headings_and_table_of_contents(tmp_path):
    """GitHub (CommonMark) needs no blank line above a heading, and a table-of-contents
    generator writes its own ids ("--" for ", "; accents kept): each heading is one, and
    each link lands on it."""
    text, messages = build(tmp_path, """---
title: Frizzled
---

- [Obtaining Proteomes, Performing BLAST](#obtaining-proteomes--performing-blast)
- [Türkçe Başlık](#türkçe-başlık)

# Methods
The first paragraph's last line.
## Obtaining Proteomes, Performing BLAST
Text.

## Türkçe Başlık

Metin.
""")
    assert "1.1. Obtaining Proteomes, Performing BLAST Text." in text, text
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'href="#obtaining-proteomes-performing-blast"' in page and 'href="#turkce-baslik"' in page
    assert "error" not in messages and "##" not in text


def test_a_paper_whose_headings_are_all_level_two_is_typeset_as_level_one(tmp_path):
    """JOSS's papers start at ``##``: every edition sets that level as the text's top (the
    PDF's first heading must be level 1 for PDF/UA; Typst refused the PDF)."""
    (tmp_path / "paper.md").write_text("---\ntitle: A tool\n---\n\n## Summary\n\nText.\n\n"
                                       "### Detail\n\nMore.\n\n## Statement of need\n\nWhy.\n", encoding="utf-8")
    result = run_build("pdf", "html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    # h1 is the title: the text's top level is h2, its subsections h3
    assert re.search(r"<h2[^>]*>.*1\..*Summary", page) and re.search(r"<h3[^>]*>.*1\.1\..*Detail", page), page
    # "## Intro" before the first "#": a top heading as "#" ones are; the rest keeps its hierarchy
    (tmp_path / "mixed.md").write_text("---\ntitle: B\n---\n\n## Intro\n\nA.\n\n# Dataset\n\nB.\n\n"
                                       "## Visualising\n\nC.\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "mixed.md"), "--out", str(tmp_path / "mixed"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "mixed" / "html" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h2[^>]*>.*1\..*Intro", page) and re.search(r"<h2[^>]*>.*2\..*Dataset", page), page
    assert re.search(r"<h3[^>]*>.*2\.1\..*Visualising", page), page
    # a JOSS paper's "# Acknowledgements" after its "##" sections is a top heading as they are


def test_characters_no_font_of_the_pdf_has_print_as_stand_ins_with_a_warning(tmp_path):
    """PDF/A shows every glyph or none: a flag prints its letters, an emoji its name, each
    with a warning at its line; the HTML keeps them."""
    (tmp_path / "paper.md").write_text("---\ntitle: Bayraklar\nlang: tr\n---\n\n# Giriş\n\n"
                                       "Zhao (2024) 🇨🇳 ve Kaya (2023) 🇹🇷 😀.\n", encoding="utf-8")
    result = run_build("pdf", "html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "paper.md:8: warning: the pdf edition cannot show '🇨🇳' (no font of the PDF has it): it prints 'CN'" \
        in result.stderr, result.stderr
    assert "cannot show '😀'" in result.stderr and "'(grinning face)'" in result.stderr
    from press.readback import pdf_text
    assert "Zhao (2024) CN ve Kaya (2023) TR (grinning face)." in pdf_text(next((tmp_path / "out").glob("*.pdf")))
    assert "🇨🇳" in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


def test_links_to_no_address_are_made_whole_or_printed_as_text(tmp_path):
    """A web address without its scheme (a .bib's ``url = {x.readthedocs.io}``) goes to
    https://…; a repository's file (``data/x.csv``) is no file of any edition: its text
    stays, unlinked. Each with a warning (EPUBCheck refused the first as a missing
    resource)."""
    text, messages = build(tmp_path, """---
title: Links
---

# Links

See [the docs](gwpop.readthedocs.io/en/latest) and [the data](data/x.csv).

Code on [GitHub](^github).
""")
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://gwpop.readthedocs.io/en/latest"' in page and 'href="data/x.csv"' not in page
    assert "See the docs and the data." in text
    assert "warning: the link 'gwpop.readthedocs.io/en/latest' has no scheme" in messages
    assert "warning: the link to 'data/x.csv' goes to a file that no edition holds" in messages
    assert "paper.md:9: warning: the link to '^github' goes to a file" in messages, messages  # as written, at its line


def test_the_abstract_may_cite_and_hold_shortcodes_in_every_edition(tmp_path):
    """The abstract is the metadata's, written by the editions' templates (in the EPUB, a
    title page pandoc does not read): its shortcodes are expanded as the text's are, and
    its citation's link lands in the chapter of the reference list."""
    (tmp_path / "paper.md").write_text("""---
title: Abstracts
bibliography: refs.bib
abstract: Written with {{< latex >}}, after @smith2020.
---

# Intro

Text.
""", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    result = run_build("epub", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    book = zipfile.ZipFile(next((tmp_path / "out").glob("*.epub")))
    chapters = {name: book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xhtml")}
    title_page = chapters["EPUB/text/ch001.xhtml"]
    assert "Written with LaTeX, after" in title_page and "{{" not in title_page
    target = re.search(r'href="(ch\d+\.xhtml)#bib-smith2020"', title_page)
    assert target and 'id="bib-smith2020"' in chapters[f"EPUB/text/{target.group(1)}"], title_page


def test_a_linked_figure_is_numbered_and_a_code_cells_figure_is_named_as_such(tmp_path):
    (tmp_path / "paper.md").write_text("""---
title: Figures
---

# Figures

[![An elephant](a.png){#fig-linked}](https://example.org)

See @fig-linked and @fig-plot, every `r round(x)` years.

```{r}
#| label: fig-plot
plot(cars)
```
""", encoding="utf-8")
    (tmp_path / "a.png").write_bytes(FIGURE.read_bytes())
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "unknown cross-reference 'fig-linked'" not in result.stderr, result.stderr
    assert ("paper.md:9: error: unknown cross-reference 'fig-plot': what it names is made by a code cell "
            "(labelled 'fig-plot'), and this build runs no code") in result.stderr, result.stderr
    assert ("paper.md:9: warning: the inline r expression `round(x)` is shown as its code, not run: its "
            "value is in no edition") in result.stderr, result.stderr


def test_a_pictures_alt_text_speaks_its_math(tmp_path):
    """The alt text pandoc takes from a caption held the math's TeX ("angle \\theta");
    it is the linear text equations are spoken in, as in their own alternative text."""
    build(tmp_path, """---
title: Alt
---

# A

![Light at the polar angle $\\theta$ and $\\hat f(\\omega)$](a.png)
""")
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'alt="Light at the polar angle θ and f̂(ω)"' in page, re.findall(r'alt="[^"]*"', page)


def test_a_heading_named_as_pandocs_notes_section_is_renamed(tmp_path):
    """A heading "Footnotes" is #footnotes, as the notes' own section is: the HTML and
    EPUB checkers refused the two (corpus: joss-inara-example)."""
    build(tmp_path, """---
title: Notes
---

# Footnotes

A note.[^1] See [the section](#footnotes).

[^1]: The note.
""")
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert page.count('id="footnotes"') == 1 and 'id="footnotes-1"' in page and 'href="#footnotes-1"' in page


def test_quarto_subtables_are_one_table_and_its_parts(tmp_path):
    text, _ = build(tmp_path, """---
title: Paneller
lang: tr
---

# Giriş

::: {#tbl-panel layout-ncol=2}
| A | B |
|---|---|
| 1 | 2 |

: Birinci {#tbl-first}

| C | D |
|---|---|
| 3 | 4 |

: İkinci {#tbl-second}

Ana başlık
:::

Ayrıntılar @tbl-panel ve özellikle @tbl-second içinde.
""")
    assert "Ayrıntılar Tablo 1 ve özellikle Tablo 1b içinde." in text, text
    # the panel's caption first (tables are captioned above), then each part's
    assert text.index("Tablo 1. Ana başlık") < text.index("Tablo 1a. Birinci") < text.index("Tablo 1b. İkinci")


def test_theorems_proofs_and_callouts(tmp_path):
    text, _ = build(tmp_path, """---
title: Blocks
---

# Intro

By @thm-main and @lem-small.

::: {#thm-main}
## Main

It holds.
:::

::: {#lem-small}
A lemma.
:::

::: {.proof}
Obvious.
:::

::: {.callout-warning title="Mind the gap"}
Careful.
:::

::: {.callout-important}
Read this.
:::
""")
    assert "By Theorem 1 and Lemma 1." in text
    assert "Theorem 1 (Main). It holds." in text and "Lemma 1. A lemma." in text
    assert "Proof. Obvious." in text
    assert "Mind the gap Careful." in text and "Important Read this." in text


def test_shortcodes_are_read_or_warned_never_printed(tmp_path):
    text, messages = build(tmp_path, """---
title: Shortcodes
subtitle: the second line
---

The {{< latex >}} class and {{< meta subtitle >}}; {{< video https://example.org/v >}} here.

{{< pagebreak >}}

End.
""")
    assert "The LaTeX class and the second line; here." in text and "{{<" not in text
    assert "paper.md:6: warning: the shortcode '{{< video https://example.org/v >}}' is left out" in messages
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'class="page-break"' in page


def test_the_last_empty_references_heading_is_the_list_s_heading(tmp_path):
    text, _ = build(tmp_path, "---\ntitle: R\nbibliography: refs.bib\n---\n\n## Intro\n\nAs @smith2020 shows.\n\n"
                              "## Bibliography\n")
    assert text.count("Bibliography") == 2 and "References" not in text  # the contents' entry, the heading
    assert text.index("Bibliography", text.index("As Smith")) < text.index("Smith, A. (2020)")


def test_a_references_heading_for_the_pdf_alone_is_the_list_s_heading(tmp_path):
    """Quarto's IEEE template ends with ``::: {.content-visible when-format="pdf"}`` and
    "# References {-}" (Quarto's PDF heads the list with nothing): the PDF printed
    "References" twice (an author's trial)."""
    from press.readback import pdf_text

    (tmp_path / "refs.bib").write_text("@book{smith2020, author={Smith, Ann}, title={A Book}, year={2020}, "
                                       "publisher={P}}\n", encoding="utf-8")
    result = paper_build(tmp_path, "---\ntitle: R\nbibliography: refs.bib\n---\n\n# Intro\n\nAs @smith2020 "
                                   "shows.\n\n::: {.content-visible when-format=\"pdf\"}\n# Works cited {-}\n:::\n",
                         "pdf", "html")
    assert result.returncode == 0, result.stderr
    pdf = pdf_text(tmp_path / "out" / "r.pdf")
    assert pdf.count("Works cited") == 1 and "References" not in pdf, pdf
    page = re.sub(r"<[^>]*>", "", (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"))
    assert page.count("Works cited") == 2  # the contents' entry, the heading
    # the author's own title for the list stays the list's
    result = paper_build(tmp_path, "---\ntitle: R\nbibliography: refs.bib\nbibliography-title: Sources\n---\n\n# Intro\n\n"
                                   "As @smith2020 shows.\n\n::: {.content-visible when-format=\"html\"}\n# References {-}\n:::\n",
                         "html")
    page = re.sub(r"<[^>]*>", "", (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"))
    assert page.count("Sources") == 2 and "References" not in page, page


def test_the_list_goes_where_refs_is_and_before_the_appendix(tmp_path):
    text, _ = build(tmp_path, "---\ntitle: R\nbibliography: refs.bib\n---\n\n# Intro\n\nAs @smith2020 shows.\n\n"
                              "# References\n\n::: {#refs}\n:::\n\n# Data {.appendix}\n\nTables.\n")
    assert text.index("Smith, A. (2020)") < text.rindex("Appendix A: Data") and text.count("References") == 2


def test_a_section_after_the_list_the_author_placed_stays_after_it(tmp_path):
    """``::: {#refs}`` then "# Supplementary material": the list was printed after that
    section (an author's trial), where pandoc, and the README, put it where the div is."""
    text, _ = build(tmp_path, "---\ntitle: R\nbibliography: refs.bib\n---\n\n# Intro\n\nAs @smith2020 shows.\n\n"
                              "# References\n\n::: {#refs}\n:::\n\n# Supplementary material\n\nMore.\n")
    assert text.rindex("Smith, A. (2020)") < text.rindex("Supplementary material")  # the contents first


def test_sections_as_quarto_and_pandoc_crossref_number_them(tmp_path):
    text, messages = build(tmp_path, """---
title: Sections
---

## Intro

See @sec:method and @sec:results.

## 2. Method

## 4. Results

## 2020 elections
""")
    assert "1. Intro" in text and "2. Method" in text and "3. Results" in text and "4. 2020 elections" in text
    assert "See Section 2 and Section 3." in text  # autoSectionLabels: @sec:ID for a heading's own id
    assert re.search(r"paper.md:11: warning: section written as '4' is section 3 in order", messages)


def test_a_text_numbered_by_hand_keeps_its_authors_structure(tmp_path):
    # Seen in a Turkish paper of the corpus: "# Özet" was numbered 1, so every section
    # after it was one more than the author's number (40 warnings), and "## 4.2.1"
    # (written with ##) became 4.3.
    text, messages = build(tmp_path, """---
title: Yol
lang: tr
---

# Özet

Kısa.

# 1. Giriş

## 1.1 Amaç

## Araştırma Sorusu

# 2. Yöntem

## 2.1 Evren

## 2.1.1 Örneklem

# Kaynakça
""")
    assert "1. Giriş" in text and "1.1. Amaç" in text and "2. Yöntem" in text and "2.1.1. Örneklem" in text
    assert not re.search(r"\d\.?\s+(Özet|Araştırma Sorusu)", text)
    assert "section written as" not in messages


def test_a_text_in_another_language_without_lang_is_told(tmp_path):
    turkish = "Bu çalışma iki ülke arasında kurulan ilişkileri ve bunların sonuçlarını ele alır; bu ilişkiler " \
              "1991 yılında kurulmuş ve daha sonra gelişmiştir."
    _, messages = build(tmp_path, f"# Giriş\n\n{turkish}\n")
    assert ("paper.md: warning: the metadata has no `lang`, and the text reads as Turkish: its terms, dates and "
            "chronology are English's (en)") in messages
    assert "paper.md with a front matter: ---, lang: tr, ---" in messages
    _, messages = build(tmp_path, f"---\ntitle: T\nlang: tr\n---\n\n{turkish}\n")
    assert "reads as" not in messages
    _, messages = build(tmp_path, "---\ntitle: T\n---\n\nThe war began in 1914 and it ended in 1918.\n")
    assert "reads as" not in messages
    # a short French text, one "de" of which is a Turkish word too, is no Turkish (an author's trial)
    _, messages = build(tmp_path, "---\ntitle: T\n---\n\n# Les citations et les notes de bas de page\n\nVoir plus.\n")
    assert "reads as" not in messages


def test_a_first_heading_is_the_title_when_there_is_none(tmp_path):
    text, messages = build(tmp_path, "# A Study of Things\n\n# Giriş\n\nMetin.\n")
    assert "paper.md:1: warning: the title is the text's first heading, 'A Study of Things'" in messages
    assert text.count("A Study of Things") >= 1 and "1. Giriş" in text


def test_executable_code_cells_are_shown_as_code_and_warned_about(tmp_path):
    """Quarto's and R Markdown's cells (```{python}, ```{r echo=FALSE}): pandoc took
    ``{python}`` for no attributes and paired the fences wrongly, so that the sections
    after the first cell were printed as code, and a comment in a cell became a heading,
    with no word said (an author's trial: 385 lines of a Quarto paper)."""
    text, messages = build(tmp_path, """---
title: Cells
---

# One

```{python}
#| label: fig-x
# width of figures
x = 1
```

# Two

The second section's text.

```{r echo=FALSE}
plot(1)
```

The end.
""")
    assert "2. Two The second section’s text." in text and "The end." in text
    assert "width of figures" in text and "plot(1)" not in text  # the code, shown as code; a hidden cell's not
    assert re.search(r"paper\.md:7: warning: a code cell \(python\) is shown as its code, not run", messages)
    assert re.search(r"paper\.md:17: warning: a code cell \(r\) whose code its author hid", messages)


def test_a_cell_that_only_shows_picture_files_is_the_figure_it_makes(tmp_path):
    """knitr's include_graphics and IPython's Image show files the paper has: the figure,
    its caption, its name for a reference, without running anything; a cell with any other
    code stays a cell (warned about). Before: "a code cell … is left out", the figure lost,
    and "\\@ref(fig:map)" an unknown cross-reference."""
    text, messages = build(tmp_path, """---
title: Pictures
---

# One

The map is in Figure \\@ref(fig:map); both are in @fig-both, and @fig-py shows one.

```{r map, echo=FALSE, fig.cap="The study area [in 2020].", out.width="80%"}
knitr::include_graphics("a.png")
```

```{r}
#| label: fig-both
#| fig-cap: "Two maps."
knitr::include_graphics(c("a.png", "b.png"))
```

```{python}
#| label: fig-py
#| fig-cap: A picture shown by Python.
from IPython.display import Image
Image(filename="b.png")
```

```{r echo=FALSE}
plot(1)
```

The end, at line 30.
""")
    assert "The map is in Figure 1; both are in Figure 2, and Figure 3 shows one." in text
    assert "Figure 1. The study area [in 2020]." in text and "Figure 2. Two maps." in text
    assert "Figure 3. A picture shown by Python." in text
    assert "include_graphics" not in text and "Image(" not in text
    assert re.findall(r"a code cell \((\w+)\)", messages) == ["r"]  # the plot's, at its own line
    assert "paper.md:26: warning: a code cell (r) whose code its author hid" in messages  # its own line


def test_a_picture_cells_captions_as_bookdown_writes_them(tmp_path):
    """An author's trial (papaja's own vignette): ``fig.cap = "(ref:cap)"`` printed
    "Figure 1. (ref:cap)", ``fig.subcap`` was left out, and a cell its author does not run
    (eval = FALSE) was warned about as if it made something."""
    text, messages = build(tmp_path, """---
title: Pictures
---

(ref:both-cap) Two "maps", *side* by side.

```{r both, fig.cap = "(ref:both-cap)", fig.subcap = c("Ports", "Pipelines")}
knitr::include_graphics(c("a.png", "b.png"))
```

```{r eval = FALSE}
install.packages("papaja")
```

See Figure \\@ref(fig:both).
""")
    assert "Figure 1. Two “maps”, side by side." in text or 'Figure 1. Two "maps", side by side.' in text, text
    assert "(a) Ports" in text and "(b) Pipelines" in text and "(ref:" not in text
    assert "code cell" not in messages and 'install.packages("papaja")' in text


def test_a_tabsets_tabs_are_shown_in_turn_under_unnumbered_headings(tmp_path):
    """Quarto's ``::: {.panel-tabset}`` as its print formats show it: each tab's heading is
    no section (before: "1.1 Plot", "1.2 Data", in the contents too)."""
    text, messages = build(tmp_path, """---
title: Tabs
---

# Results

::: {.panel-tabset}
## Plot

Plot text.

## Data

Data text.
:::

# Discussion

Text.
""")
    assert "1. Results Plot Plot text. Data Data text. 2. Discussion Text." in text
    assert "1.1" not in text and "heading" not in messages


def test_a_code_cells_options_are_no_part_of_its_code_and_name_its_listing(tmp_path):
    """An author's trial (a Quarto preprint): a cell shown as code printed its "#| lst-label:",
    "#| lst-cap:" and "#| echo:" lines, its caption was lost, and @lst-code was "unknown
    (did you mean 'code'? it is a section)"."""
    text, messages = build(tmp_path, """---
title: Cells
---

# Code

```{python}
#| lst-label: lst-code
#| lst-cap: "Summing a list"
#| echo: true
total = sum([1, 2, 3])
```

See @lst-code.

```{ojs}
//| lst-label: lst-js
//| lst-cap: |
//|   A caption on
//|   two lines
x = 1
```

See @lst-js.
""")
    assert "Listing 1. Summing a list total = sum([1, 2, 3]) See Listing 1." in text
    assert "Listing 2. A caption on two lines x = 1 See Listing 2." in text
    assert "#|" not in text and "//|" not in text and "echo" not in text


def test_a_bookdown_reference_to_a_chunks_figure_says_where_and_why(tmp_path):
    """An author's trial (R Markdown): "See Figure \\@ref(fig:plot1)." with a chunk {r plot1}
    was "unknown cross-reference 'fig:plot1'" with no file or line, and no word of the chunk."""
    (tmp_path / "paper.Rmd").write_text('---\ntitle: T\n---\n\n# Intro\n\nSee Figure \\@ref(fig:plot1).\n\n'
                                        '```{r plot1, fig.cap="A plot"}\nplot(1:10)\n```\n', encoding="utf-8")
    for extra in ((), ("--untrusted",)):
        result = run_build("html", str(tmp_path / "paper.Rmd"), "--out", str(tmp_path.parent / "out"), *extra)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert ("paper.Rmd:7: error: unknown cross-reference 'fig:plot1': what it names is made by a code cell "
                "(labelled 'plot1'), and this build runs no code") in result.stderr, result.stderr


def test_an_empty_last_section_in_a_language_without_a_pack_heads_the_references(tmp_path):
    """An author's trial (a Spanish pandoc-crossref paper): "# Referencias", empty, then
    the build's own "References": two headings, one of them empty."""
    text, _ = build(tmp_path, """---
title: Mínimo
lang: es
bibliography: refs.bib
---

# Introducción

Texto [@smith2020].

# Referencias
""")
    assert text.count("Referencias") == 2 and "References" not in text  # the contents, and the list


def test_a_german_papers_bibliographie_heads_its_references(tmp_path):
    """An author's trial (a German paper, no lang): "# Bibliographie", empty, was numbered as
    a section, and the build's own "References" followed it."""
    text, _ = build(tmp_path, "---\ntitle: T\nbibliography: refs.bib\n---\n\n# Einleitung\n\nText [@smith2020].\n"
                              "\n# Bibliographie\n")
    assert text.count("Bibliographie") == 2 and "References" not in text and "2. Bibliographie" not in text
    # a Spanish paper that leaves lang out is read as English: its "Referencias" too (an author's trial)
    text, _ = build(tmp_path, "---\ntitle: T\nbibliography: refs.bib\n---\n\n# Intro\n\nTexto [@smith2020].\n"
                              "\n# Referencias\n")
    assert text.count("Referencias") == 2 and "References" not in text and "2. Referencias" not in text


def test_links_to_reference_entries_as_pandoc_and_jekyll_name_them(tmp_path):
    """An author's trial (a German paper): ``[@key](#key)`` and pandoc's ``#ref-key`` were 23
    errors "nothing has that id": the entries' ids here are ``bib-KEY``."""
    text, messages = build(tmp_path, "---\ntitle: T\nbibliography: refs.bib\n---\n\n"
                                     "See [@smith2020](#smith2020) and [the entry](#ref-smith2020).\n")
    assert "nothing has that id" not in messages
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert page.count('href="#bib-smith2020"') >= 2 and 'id="bib-smith2020"' in page


def test_a_table_row_with_more_cells_than_its_header_is_told(tmp_path):
    """An editor's trial (ISAAKiel/profileAAR's JOSS paper): a row of four cells under a header
    of three lost its fourth in every edition (pandoc's reader drops it), without a word."""
    _, messages = build(tmp_path, "---\ntitle: T\n---\n\n| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 | 4 |\n"
                                  "| 5 | 6 |\n\n```\n| x | y |\n|---|---|\n| 1 | 2 | 3 |\n```\n")
    assert ("paper.md:7: warning: this table row has 4 cells and the table's header 3: every edition leaves "
            "out its last cell") in messages
    assert messages.count("this table row") == 1  # a short row is filled; code is no table


def test_a_first_heading_abstract_heads_the_abstract(tmp_path):
    """Two trials (GrigorieffLab/ctffind5_manuscript's "## Abstract", a Turkish paper's
    "# Özet"): with no abstract in the metadata, the text's first heading named so was
    numbered section 1 and the abstract was missing from the title block and the metadata."""
    text, _ = build(tmp_path, "---\ntitle: T\nlang: tr\n---\n\n**Anahtar Kelimeler:** yol\n\n---\n\n# Özet\n\n"
                              "Kısa bir özet.\n\n---\n\n# Giriş\n\nMetin.\n")
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'content="Kısa bir özet."' in page  # the abstract's meta tags
    assert "1. Giriş" in text and "Özet" not in text and text.index("Kısa bir özet.") < text.index("1. Giriş")


def test_a_site_generators_template_tag_is_told(tmp_path):
    """An author's trial (a German paper written for a Jekyll site): ``{% include … %}`` lines
    were printed as text in every edition, without a word."""
    _, messages = build(tmp_path, "---\ntitle: T\n---\n\nText.\n\n{% include {{ page.abstract_de }} %}\n\n"
                                  "`{% raw %}` is code.\n\n{% if x %}\n\n{% endif %}\n")
    # … one warning a file (Manubot's front matter, a Jinja template, has thirty)
    assert ("paper.md:7: warning: '{% include {{ page.abstract_de }} %}' is a template tag (Jekyll's Liquid, "
            "Manubot's Jinja), and 2 more in this file: every edition prints them as text") in messages
    assert messages.count("template tag") == 1


def test_a_captions_own_label_and_number_are_taken_out(tmp_path):
    """An editor's trial (ISAAKiel/profileAAR): "![Fig. 1: profileAAR Plugin.](…)" printed
    "Figure 1. Fig. 1: profileAAR Plugin." (as "# 1. Intro" was, before headings)."""
    text, messages = build(tmp_path, "---\ntitle: C\n---\n\n![Fig. 1: The plugin.](a.png)\n\n"
                                     "![Figure 3. Another.](b.png)\n\n| a |\n|---|\n| 1 |\n\n: Table 1: Numbers.\n")
    assert "Figure 1. The plugin." in text and "Figure 2. Another." in text and "Table 1. Numbers." in text
    assert "Fig. 1" not in text and "Figure 3" not in text
    assert "paper.md:7: warning: caption written as 'Figure 3.' is figure 2 in order" in messages


def test_a_word_across_a_simple_tables_column_edge_is_told_at_its_row(tmp_path):
    """An author's trial (EcoComplex/SouthFWReview's R Markdown tables): rows shifted by two
    characters had "@Gonzalez-Zevallos2006" cut into "@G" and "onzalez…": "unknown citation
    key 'G'" named no line, then "internal link to '#bib-G'" named no file."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\nbibliography: refs.bib\n---\n\n  Name   Source\n"
                                       "  -----  ------\n  One    @smith2020\n  Two  @smith2020\n\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert ("paper.md:9: warning: '@smith2020' crosses a column's edge in this table row: every edition shows "
            "it cut in two cells") in result.stderr
    assert ("paper.md: error: unknown citation key 's': most likely a longer one ('smith2020') cut by a column "
            "of a simple table") in result.stderr
    assert "internal link" not in result.stderr and "Traceback" not in result.stderr


def test_a_figure_divs_caption_may_be_its_attribute(tmp_path):
    """An author's trial (a Quarto template): ``::: {#fig-div fig-cap="…"}`` printed
    "Figure 1." with no caption and no word."""
    text, _ = build(tmp_path, """---
title: T
---

::: {#fig-div fig-cap="A caption given as attribute"}
![](a.png)
:::

See @fig-div.
""")
    assert "Figure 1. A caption given as attribute" in text and "See Figure 1." in text
    text, _ = build(tmp_path, """---
title: T
---

::: {#tbl-t tbl-cap="A table caption"}
| a | b |
|---|---|
| 1 | 2 |
:::

See @tbl-t.
""")
    assert "Table 1. A table caption" in text and "See Table 1." in text


def test_callouts_with_labels_are_numbered_and_referred_to(tmp_path):
    """An author's trial (a Quarto preprint): @nte-box to ``::: {#nte-box .callout-note}``
    was reported as a citation of a missing bibliography entry."""
    text, _ = build(tmp_path, """---
title: T
---

::: {#nte-box .callout-note}
The box's text.
:::

::: {#wrn-hot .callout-warning title="Hot surface"}
Do not touch.
:::

See @nte-box and @wrn-hot.
""")
    assert "Note 1 The box’s text. Warning 1: Hot surface Do not touch. See Note 1 and Warning 1." in text
    result = run_build("pdf", "latex", "docx", str(tmp_path / "paper.md"), "--out", str(tmp_path / "all"))
    assert result.returncode == 0, result.stderr  # the PDF's links find their labels


def test_thousands_of_unknown_shortcodes_are_named_thirty_and_counted(tmp_path):
    """The attacker's round: every one was located and printed (4,000 lines)."""
    shortcodes = "\n\n".join(f"w {{{{< x{n} >}}}} end." for n in range(40))
    _, messages = build(tmp_path, f"---\ntitle: T\n---\n\n{shortcodes}\n")
    assert messages.count("is left out: it needs Quarto's renderer") == 30
    assert "warning: 10 more pieces of shortcodes left out than the 30 named above" in messages


def test_references_as_other_tools_write_them(tmp_path):
    """"Figure @fig:a" printed "Figure Figure 1", and pandoc-xnos's +@fig:a printed
    "+Figure 1" (an author's trial): the word before a reference is not printed twice,
    and xnos's modifiers are read (+ capitalised, ! the number alone, * as it is)."""
    text, _ = build(tmp_path, """---
title: References
---

# Intro

As Figure @fig:a shows, and Fig. @fig:a too. +@fig:a holds; !@fig:a alone; see @fig:a. `+@fig:a` is code.

Bracketed (a later trial printed "Table Table 1"): Figure [@fig:a] and Tab. [@fig:a]; see [@fig:a].

Inside (a third: "Figure Figure 1"): [Figure @fig:a], [see Figure @fig:a], [Şekil @fig:a].

![A chart.](a.png){#fig:a}
""")
    assert ("As Figure 1 shows, and Fig. 1 too. Figure 1 holds; 1 alone; see Figure 1. +@fig:a is code."
            in text), text
    assert "Figure 1 and Tab. Figure 1; see Figure 1." in text, text
    assert "Inside (a third: “Figure Figure 1”): Figure 1, see Figure 1, Şekil 1." in text, text


def test_a_reference_after_the_authors_own_word_for_its_kind_is_its_number(tmp_path):
    """An author's trial (jaimeHMol/ITSurveysAnalysis, Spanish, pandoc-crossref's figureTitle:
    Figura): "[Figura @fig:figure2]" printed "Figura Figure 3"."""
    text, _ = build(tmp_path, "---\ntitle: T\nfigureTitle: Figura\nfigPrefix: [fig., figs.]\n---\n\n"
                              "Como la [Figura @fig:a] y la Figura @fig:a.\n\n![Un gráfico](a.png){#fig:a}\n")
    assert "Como la Figura 1 y la Figura 1." in text, text


def test_a_skipped_heading_level_is_closed_in_every_edition(tmp_path):
    """'#' then '####' (a JOSS paper of the editor's trial): Typst's PDF/UA export refused
    the skipped levels and stopped the build; the heading is set one level below the one
    before it, with a warning at its line."""
    (tmp_path / "paper.md").write_text("---\ntitle: H\n---\n\n# One\n\nText.\n\n#### Key transforms\n\nMore.\n",
                                       encoding="utf-8")
    result = run_build("pdf", "html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "paper.md:9: warning: the heading 'Key transforms' is level 4 under one of level 1" in result.stderr
    assert '<h3 data-number="1.1">' in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


def test_theorems_written_as_bookdown_and_rticles_write_them(tmp_path):
    """``::: {.theorem}`` with no label, ``name=`` for its name (bookdown, rticles'
    Springer template): it was a KeyError in the crossref stage."""
    text, _ = build(tmp_path, """---
title: Blocks
---

# Intro

::: {.theorem name="Pythagoras"}
It holds.
:::

::: {.definition #def-x}
A term.
:::

See @def-x.
""")
    assert "Theorem 1 (Pythagoras). It holds." in text and "Definition 1. A term." in text
    assert "See Definition 1." in text


def test_a_latex_proof_and_an_rticles_theorem_title(tmp_path):
    """``\\begin{proof}`` printed "Proof. Proof. … ◻ ∎"; rticles' ``data-latex="[Title]"``
    was the theorem's name only in LaTeX's eyes, and left out elsewhere."""
    text, _ = build(tmp_path, """---
title: Blocks
---

# Intro

\\begin{proof}
Obvious.
\\end{proof}

::: {.theorem data-latex="[Title of the theorem]"}
It holds.
:::

::: {.lemma latex="[Its subhead]"}
Also.
:::
""")
    assert "Proof. Obvious." in text and "Proof. Proof." not in text and "◻" not in text
    assert "Theorem 1 (Title of the theorem). It holds." in text and "Lemma 1 (Its subhead). Also." in text


def test_statements_papers_classes_define(tmp_path):
    """IMS's template: ::: {.axiom}, {.claim}, {.fact} lost their label; bookdown's
    hypothesis (#hyp-) is numbered like Quarto's theorems."""
    text, _ = build(tmp_path, """---
title: Blocks
---

# Intro

::: {.axiom}
Every set has one.
:::

::: {#hyp-main}
It rains.
:::

::: {.claim}
Two.
:::

By @hyp-main.
""")
    assert "Axiom 1. Every set has one." in text and "Hypothesis 1. It rains." in text
    assert "Claim 1. Two." in text and "By Hypothesis 1." in text


def test_a_shortcode_inside_a_word_is_read_and_each_named_at_its_line(tmp_path):
    """bilateral-paper (Quarto): "({{< var x >}}%)" was printed as it is, without a word;
    every warning named the first shortcode's line."""
    text, messages = build(tmp_path, """---
title: Blocks
---

# A

A ({{< var x.y >}}%) and B {{< var x.z >}}%.

First {{< var a >}}.

Third {{< var a >}}.
""")
    assert "{{<" not in text and "A (%) and B %." in text
    assert "paper.md:7: warning: the shortcode '{{< var x.y >}}' is left out" in messages
    assert "paper.md:9: warning: the shortcode '{{< var a >}}'" in messages
    assert "paper.md:11: warning: the shortcode '{{< var a >}}'" in messages


def test_a_tie_before_a_reference_is_a_space_that_does_not_break(tmp_path):
    """TeX's ``~`` before ``\\ref`` printed as a tilde in every edition but LaTeX ("Fig~1")."""
    text, _ = build(tmp_path, "---\ntitle: T\n---\n\nAs Fig.~\\ref{fig:a} and Eq.~\\eqref{eq:b} show.\n\n"
                    "![A figure.](a.png){#fig:a}\n\n$$x = 1 \\label{eq:b}$$\n")
    assert "As Fig. 1 and Eq. (1) show." in text  # the reading's spaces are plain ones; before: "Fig.~1"
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Fig.\u00a0<a" in page or "Fig.&nbsp;<a" in page


def test_a_knitr_chunk_whose_options_quote_a_brace_is_a_cell(tmp_path):
    """``fig.cap="… \\label{one}"`` holds a brace: the chunk was not seen as a cell, its
    fences paired wrongly, and whole sections after it were printed as code."""
    text, messages = build(tmp_path, '---\ntitle: T\n---\n\nFirst paragraph.\n\n'
                           '```{r one, fig.cap="A simulation (N=1000). \\\\label{one}"}\nplot(1)\n```\n\n'
                           'Second paragraph, *emphasis*.\n\n```{r two}\nplot(2)\n```\n\nThird paragraph.\n')
    assert "Second paragraph, emphasis." in text and "{r one" not in text and "```" not in text
    assert "paper.md:7: warning: a code cell (r) is shown as its code" in messages


def test_a_fence_whose_attributes_pandoc_cannot_read_is_a_warning(tmp_path):
    """pandoc reads no code block at a fence it cannot read, and pairs every fence after
    it wrongly: text printed as code, code as text, without a word."""
    _, messages = build(tmp_path, '---\ntitle: T\n---\n\nText.\n\n```{.python caption="a plot}\nplot(1)\n```\n\n'
                        "More text.\n")
    assert "paper.md:7: warning: pandoc cannot read this code fence's attributes '{.python caption=\"a plot}'" \
           in messages, messages


def test_a_long_tables_header_may_hold_a_citation_and_a_link(tmp_path):
    """Typst repeats a header on each page as an artifact, and PDF/UA allows no link in
    one: the PDF failed, and every edition of the build with it (an author's trial)."""
    rows = "".join(f"| row {n} | yes | no |\n" for n in range(90))
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    result = paper_build(tmp_path, "---\ntitle: T\nlang: en\nbibliography: refs.bib\n---\n\n"
                         "| Feature | [Ours](https://example.org) | @smith2020 |\n|---|---|---|\n" + rows, "pdf")
    assert result.returncode == 0, result.stderr
    text = pdf_text(next((tmp_path / "out").glob("*.pdf")))
    assert text.count("Feature") == 1 and "row 89" in text and "Smith" in text


def test_an_abstracts_headings_stay_apart_from_its_text_in_the_pages_metadata(tmp_path):
    """"Review & SynthesisRunning title…" in the description, citation_abstract and
    JSON-LD of a paper whose abstract opens with two headings (an author's trial)."""
    build(tmp_path, "---\ntitle: T\nabstract: |\n  # Article Type: Review\n  # Running title: Noise\n\n"
                    "  All data is made available.\n---\n\nBody.\n")
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "ReviewRunning" not in page and "NoiseAll" not in page
    assert '<meta name="description" content="Article Type: Review\n\nRunning title: Noise\n\nAll data' in page


def test_a_cell_its_author_hid_is_left_out(tmp_path):
    """knitr's ``include=FALSE`` and ``echo=FALSE``, Quarto's ``#| echo: false``: the
    author shows no code (knitr its output alone); every edition printed the setup code
    (an author's trial). A hidden cell's lost output is said; an included-nothing one is not."""
    text, messages = build(tmp_path, "---\ntitle: T\n---\n\n```{r setup, include=FALSE}\nlibrary(secretpkg)\n```\n\n"
                           "Text one.\n\n```{r plot, echo=FALSE}\nplot(hiddenplot)\n```\n\n```{python}\n#| echo: false\n"
                           "print(hiddenprint)\n```\n\n```{r shown}\nsummary(shownsummary)\n```\n\nText two.\n")
    assert "secretpkg" not in text and "hiddenplot" not in text and "hiddenprint" not in text
    assert "Text one. summary(shownsummary) Text two." in text
    assert "paper.md:5:" not in messages
    assert "paper.md:11: warning: a code cell (r) whose code its author hid (echo: false) is left out" in messages
    assert "paper.md:15: warning: a code cell (python) whose code its author hid" in messages


@pytest.mark.parametrize("front, setup", [
    ("execute:\n  echo: false\n", ""),                                 # Quarto's document option
    ("knitr:\n  opts_chunk:\n    echo: false\n", ""),                  # R Markdown's in the metadata
    ("", "```{r setup, include=FALSE}\nknitr::opts_chunk$set(echo = FALSE, fig.width = 5)\n```\n\n"),
])
def test_cells_the_document_hides_are_left_out_unless_shown(tmp_path, front, setup):
    """``execute: {echo: false}``, knitr's setup chunk: every cell's code was printed (an
    author's trial: pages of R code in the PDF); a cell's own ``echo: true`` still shows it."""
    text, messages = build(tmp_path, f"---\ntitle: T\n{front}---\n\n{setup}Text one.\n\n```{{r}}\n"
                           "secret_computation(1)\n```\n\n```{r}\n#| echo: true\nshown_code(2)\n```\n\n"
                           "```{r echo=TRUE}\nshown_too(3)\n```\n\nText two.\n")
    assert "secret_computation" not in text
    assert "shown_code(2)" in text and "shown_too(3)" in text
    assert "whose code its author hid (echo: false) is left out" in messages


def test_a_reference_to_what_a_cell_labelled_in_its_options_makes_says_so(tmp_path):
    """Quarto names a cell in its options (``#| label: fig-a``): the error said "label the
    figure with {#fig-a}", as if there were none (an author's trial)."""
    result = paper_build(tmp_path, "---\ntitle: T\n---\n\nSee @fig-a.\n\n```{r}\n#| label: fig-a\n#| echo: false\n"
                         "#| fig-cap: \"A\"\nplot(1)\n```\n", name="paper.qmd")
    assert result.returncode == 1
    assert "paper.qmd:5: error: unknown cross-reference 'fig-a': what it names is made by a code cell " \
           "(labelled 'fig-a')" in result.stderr, result.stderr


def test_a_reference_to_what_a_hidden_cell_makes_says_so(tmp_path):
    result = paper_build(tmp_path, "---\ntitle: T\n---\n\nSee Figure \\@ref(fig:plot).\n\n"
                         "```{r plot, echo=FALSE, fig.cap=\"A plot.\"}\nplot(1)\n```\n", name="paper.Rmd")
    assert result.returncode == 1
    assert "paper.Rmd:5: error: unknown cross-reference 'fig:plot': what it names is made by a code cell " \
           "(labelled 'plot')" in result.stderr, result.stderr


def test_a_figure_named_as_a_file_the_html_edition_writes_is_an_error(tmp_path):
    """A figure named card.png was silently replaced by the page's link-preview card."""
    (tmp_path / "card.png").write_bytes(FIGURE.read_bytes())
    result = paper_build(tmp_path, "---\ntitle: T\nurl: https://example.org/a/\n---\n\n![A card.](card.png)\n")
    assert result.returncode == 1
    assert "error: the figure 'card.png' has the name of a file the html edition writes itself" in result.stderr


def test_a_figure_whose_name_holds_a_character_of_an_editions_language_is_published_safely(tmp_path):
    """a#b.png, c{d}.png, e%f.png: the HTML's src pointed at another file (# starts a
    fragment), and the LaTeX folder did not compile (# and % are TeX's own)."""
    for name in ("a#b.png", "c{d}.png", "e%f.png"):
        (tmp_path / name).write_bytes(FIGURE.read_bytes())
    result = paper_build(tmp_path, "---\ntitle: T\nlang: en\n---\n\n![One](a%23b.png)\n\n![Two](c{d}.png)\n\n"
                         "![Three](e%25f.png)\n", "html", "latex")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'<img src="([^"]+)"', page)
    assert len(sources) == 3 and all(re.fullmatch(r"[\w.-]+", source) for source in sources), sources
    assert all((tmp_path / "out" / "html" / source).is_file() for source in sources)
    tex = next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert all(f"{{{source}}}" in tex and (tmp_path / "out" / "latex" / source).is_file() for source in sources)


def test_a_figure_named_with_a_hash_written_as_is_says_how_to_write_it(tmp_path):
    (tmp_path / "a#b.png").write_bytes(FIGURE.read_bytes())
    result = paper_build(tmp_path, "---\ntitle: T\nlang: en\n---\n\n![One](a#b.png)\n")
    assert result.returncode == 1
    assert "paper.md:6: error: image file 'a#b.png' not found (the file 'a#b.png' is there, but in an address " \
           "'#' and '?' begin what is no file's name: write a%23b.png)" in result.stderr, result.stderr


def test_a_tabular_repeating_a_column_has_its_columns(tmp_path):
    """``{l *{2}{c}}``: pandoc's Markdown reader wrote the repetition out and kept it too
    ({l *{2}{c}cccc}): seven cells a row where the table has three (an author's trial)."""
    build(tmp_path, "---\ntitle: T\nlang: en\n---\n\n\\begin{table}\n\\begin{tabular}{l *{2}{c}}\n"
                    "Model & A & B \\\\\nMass & 33 & 60\n\\end{tabular}\n\\end{table}\n")
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert page.count("<td") == 6, page.count("<td")


def test_a_reference_to_a_table_a_knitr_cell_makes_shows_a_tables_fix(tmp_path):
    """bookdown's ``tab:`` was shown an image as the fix (an author's trial)."""
    result = paper_build(tmp_path, "---\ntitle: T\n---\n\nIn Table \\@ref(tab:stats).\n\n```{r stats, echo=FALSE}\n"
                                   "knitr::kable(x)\n```\n", name="paper.Rmd")
    assert result.returncode == 1
    assert "e.g. a table with its caption: `: Caption {#tab:stats}`" in result.stderr, result.stderr


def test_bookdowns_text_references_are_put_in(tmp_path):
    """"(ref:plotCap)" was printed as the caption, and its definition as a paragraph of the
    body, without a word (an author's trial, an R Markdown paper)."""
    text, _ = build(tmp_path, "---\ntitle: T\n---\n\nSee Figure \\@ref(fig:plot).\n\n(ref:plotCap) The site's "
                              "events, made by `plot_outbreak()`.\n\n![(ref:plotCap)](a.png){#fig:plot}\n\nThe end.\n")
    assert "See Figure 1. Figure 1. The site’s events, made by plot_outbreak(). The end." in text, text


def test_a_picture_named_without_its_suffix_is_found_as_latex_finds_it(tmp_path):
    """``\\includegraphics{tikz/arms}`` with tikz/arms.pdf beside: LaTeX finds it, the build
    said "not found (did you mean 'tikz/arms.pdf'?)" (an author's trial, a French thesis)."""
    text, _ = build(tmp_path, "---\ntitle: T\n---\n\n\\begin{figure}\n\\includegraphics{a}\n\\caption{Arms.}\n"
                              "\\end{figure}\n")
    assert "Figure 1. Arms." in text
    assert '<img src="a.png"' in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


def test_a_link_from_a_sites_root_is_read_on_the_articles_site_or_said(tmp_path):
    """``[the model](/D/mlr)`` (the StatProofBook's): a dead link in the EPUB and the PDF,
    without a word (an author's trial)."""
    text, messages = build(tmp_path, "---\ntitle: T\nlang: en\n---\n\nSee [the model](/D/mlr).\n")
    assert "paper.md:6: warning: the link to '/D/mlr' is an address on a web site" in messages
    assert 'href="/D/mlr"' not in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    build(tmp_path, "---\ntitle: T\nlang: en\nurl: https://statproofbook.github.io/P/blr-lme\n---\n\n"
                    "See [the model](/D/mlr).\n")
    assert 'href="https://statproofbook.github.io/D/mlr"' in (tmp_path / "out" / "html" / "index.html").read_text(
        encoding="utf-8")


def test_a_year_that_opens_a_heading_is_no_number_of_it(tmp_path):
    # an author's trial: "# 1848 Revolutions" and "# 1871 and the Commune" were read as typed
    # numbers and numbered 1 and 2, "# Aftermath" between them left without one
    text, messages = build(tmp_path, """---
title: Europe
---

# 1848 Revolutions

A.

# Aftermath

B.

# 1871 and the Commune

C.
""")
    assert "1. 1848 Revolutions" in text and "2. Aftermath" in text and "3. 1871 and the Commune" in text, text
    # with sections numbered by hand, a heading that opens with a year is one without a number
    text, messages = build(tmp_path, """---
title: Europe
---

# 1848 Revolutions

A.

# Aftermath

## 1.1 First point

## 1.2 Second point

# 1871 and the Commune

C.
""")
    assert "1.1 First point" in text and not re.search(r"\d\.\s+(?:1848 Revolutions|1871 and the Commune)", text), text


def test_what_a_footnote_or_a_table_holds_is_numbered_and_referred_to(tmp_path):
    """A listing, a theorem, an equation and a figure are numbered wherever they stand:
    in a footnote, a table's cell, a definition (their captions and names were lost)."""
    text, said = build(tmp_path, """---
title: Blocks
---

# Intro

See @lst-code, @thm-deep, @eq-cell and @fig-term.[^n]

[^n]: A note.

    ```{#lst-code .python caption="The code."}
    print(1)
    ```

    ::: {#thm-deep}
    ## Deep

    It holds.
    :::

+-------------------------+---+
| Head                    | x |
+=========================+===+
| $$E = mc^2$$ {#eq-cell} | y |
+-------------------------+---+

Term

:   ![A picture.](a.png){#fig-term}
""")
    assert "See Listing 1, Theorem 1, Equation (1) and Figure 1." in text, text
    assert "Listing 1. The code. print(1)" in text and "Theorem 1 (Deep). It holds." in text, text
    assert "Head x E=mc2 (1) y" in text, text
    assert "unknown" not in said, said


def test_a_heading_inside_a_footnote_quotation_or_table_is_a_bold_line(tmp_path):
    """It opens no section (JATS allows no <sec> in a note, PDF/UA no skipped level),
    and the author is told where it is."""
    result = paper_build(tmp_path, "---\ntitle: T\n---\n\n# A\n\nText.[^n]\n\n[^n]: Note.\n\n    #### Inside\n\n"
                                   "> ### Quoted heading\n>\n> Words.\n", "html", "pdf")
    assert result.returncode == 0, result.stderr
    assert "paper.md:11: warning: the heading 'Inside' is inside a footnote" in result.stderr
    assert "paper.md:13: warning: the heading 'Quoted heading' is inside a quotation" in result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "<strong>Inside</strong>" in page and "<strong>Quoted heading</strong>" in page
    assert not re.search(r"<h\d[^>]*>[^<]*(Inside|Quoted heading)", page)


def test_markup_pandoc_printed_as_written_is_told_at_its_line(tmp_path):
    """A note's mark with no note pandoc read (its text missing, or inside another note),
    a div's fence or a heading indented past a list item's text: printed as written,
    and their content lost, without a word before."""
    result = paper_build(tmp_path, """---
title: T
---

Text.[^outer] And [^missing].

[^outer]: Outer.

    Inner text.[^inner]

    [^inner]: Inner.

- Item.

    ::: {.callout-note}
    A note.
    :::

    #### Heading
""")
    assert result.returncode == 0, result.stderr
    said = result.stderr
    assert "paper.md:5: warning: the note [^missing] was never read" in said
    assert "paper.md:9: warning: the note [^inner] was never read" in said
    assert "paper.md:15: warning: '::: {.callout-note}' is printed as written: pandoc did not read it as a div" in said
    assert "paper.md:19: warning: '#### Heading' is printed as written" in said


def test_a_heading_in_a_callout_or_a_solution_opens_no_section_and_its_siblings_stay_siblings(tmp_path):
    """A Quarto paper's abstract callout with ``######`` headings renumbered the whole
    article; after a skipped level only the first heading was set one level up, its
    siblings became its children; ``#sol-`` (Quarto's numbered solution) was a section."""
    text, said = build(tmp_path, """---
title: Blocks
---

::: {.callout-note}
## Abstract

###### Background

Text.
:::

## Introduction {#sec-intro}

See @sec-intro and @sol-x.

## A

#### B

#### C

::: {#sol-x}
## Sol title

Words.

### Inner

More.
:::
""")
    assert "See Section 1 and Solution 1." in text, text
    assert "1. Introduction" in text and "2.1. B" in text and "2.2. C" in text, text
    assert "Solution 1 (Sol title). Words. Inner More." in text, text
    assert "paper.md:8: warning: the heading 'Background' is inside a callout" in said
    assert "paper.md:28: warning: the heading 'Inner' is inside a theorem-like block" in said
    assert "paper.md:19: warning: the heading 'B' is level 4 under one of level 2" in said
    assert "'C'" not in said


def test_what_the_trial_papers_stopped_or_broke_on(tmp_path):
    """From authors' papers: two headings in raw HTML without ids ("label 'sec:' is
    defined twice", no line), a link with no address (Typst: "URL must not be empty"), an
    unlabelled raw align (a traceback in JATS), a LaTeX citation with no bibliography
    (its error had no line)."""
    result = paper_build(tmp_path, """---
title: T
journal: {name: J, issn: 1234-5679}
---

# A

<h2>One</h2>

Text, [Empty]().

<h2>Two</h2>

\\begin{align}
x &= y \\\\
z &= w
\\end{align}
""", "html", "pdf", "jats")
    assert result.returncode == 0, result.stderr
    assert "paper.md:10: warning: the link 'Empty' has no address" in result.stderr
    assert "Traceback" not in result.stderr and "defined twice" not in result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'href="#one"' in page and 'href="#two"' in page
    result = paper_build(tmp_path, "---\ntitle: T\n---\n\nAs shown \\citep[p.~2]{smith}.\n", "html")
    assert "paper.md:5: error: the text cites 1 work(s) (@smith…) but names no bibliography" in result.stderr


def test_what_authors_write_in_passing_passes_the_gatekeepers(tmp_path):
    """An HTML comment with "--" (an author's note to self: EPUBCheck refused the book, and
    the note was published), inline code with its language (JATS has no language on
    <monospace>), a picture with only a title (JATS4R: no <alt-text>)."""
    from conftest import require_gatekeeper

    from press import validate

    (tmp_path / "pic.png").write_bytes(FIGURE.read_bytes())
    result = paper_build(tmp_path, """---
title: T
date: 2024-01-01
journal: {name: J, issn: 1234-5679, publisher: P}
license: CC-BY-4.0
---

# A

<!-- a -- b: reviewer two is wrong -->

Text <!-- inline -- note --> here ![](pic.png "A map of the corridor") and `ls -l`{.bash}.
""", "html", "epub", "jats")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert "reviewer two" not in (out / "html" / "index.html").read_text(encoding="utf-8")
    require_gatekeeper(validate.epub_book, next(out.glob("*.epub")))
    jats = next((out / "jats").glob("*.xml"))
    require_gatekeeper(validate.jats_article, jats)
    assert "<alt-text>A map of the corridor</alt-text>" in jats.read_text(encoding="utf-8")


def test_the_lists_an_author_asks_latex_for_are_in_every_edition(tmp_path):
    r"""``\tableofcontents``, ``\listoffigures`` and ``\listoftables`` (a thesis's front
    pages) were printed by LaTeX alone, and left out of every other edition without a
    word: Typst makes them with their pages, the other editions list links."""
    (tmp_path / "pic.png").write_bytes(FIGURE.read_bytes())
    result = paper_build(tmp_path, """---
title: T
---

\\tableofcontents

\\listoffigures
\\listoftables

# Intro

![A picture.](pic.png){#fig-a}

## Sub

| a | b |
|---|---|
| 1 | 2 |

: A table. {#tbl-x}

# End

Done.
""", "html", "pdf", "latex")
    assert result.returncode == 0, result.stderr
    assert "left out" not in result.stderr
    printed = " ".join(pdf_text(next((tmp_path / "out").glob("*.pdf"))).split())
    printed = printed.replace("\u2060", "")  # Typst joins a page's number to its leader
    assert re.search(r"Contents 1\. Intro[ .]+1 1\.1\. Sub[ .]+1 2\. End[ .]+1 Figures Figure 1\. A picture\.[ .]+1 "
                     r"Tables Table 1\. A table\.[ .]+1", printed), printed
    page = html_text(tmp_path / "out" / "html" / "index.html")
    assert "Contents 1. Intro 1.1. Sub 2. End Figures Figure 1. A picture. Tables Table 1. A table." in page, page
    tex = next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "\\tableofcontents" in tex and "\\listoffigures" in tex and "\\listoftables" in tex


def test_what_the_review_of_this_change_found(tmp_path):
    """Two hidden divs in a row (the second was shown, the paragraph after it lost); a
    section labelled in a callout (@sec-details stopped the build); a second table of
    contents (a thousand of them took minutes: one list, the rest told); a citation in a
    note in a link's words (its link was dropped, as a link in a link)."""
    text, said = build(tmp_path, """---
title: Blocks
bibliography: refs.bib
---

::: content-hidden
Hidden A.
:::

::: content-hidden
Hidden B.
:::

Kept C, [ha]{.content-hidden} [hb]{.content-hidden} kept-d.

\\tableofcontents

# Intro

See @sec-details and [the words^[See @smith2020.]](https://example.org/w).

::: {.callout-note}
## Note

## Details {#sec-details}

In the box.
:::

\\tableofcontents
""")
    assert "Hidden" not in text and "Kept C, kept-d." in text, text
    assert "See Section 1.1 and the words" in text, text
    assert "a link inside another link" not in said and "Smith (2020)" in text
    assert text.count("Contents") == 2, text  # the page's own, then the one written once
    assert "paper.md:30: warning: a second list of contents is left out" in said, said


def test_a_statement_div_under_a_templates_name_is_a_back_matter_section(tmp_path):
    """rticles' AMS skeleton writes ``::: acknowledgments`` and ``::: datastatement``: their
    text was printed where it stood, with no heading."""
    text = ("---\ntitle: T\n---\n\n# Intro\n\nText.\n\n::: acknowledgments\nWe thank the reviewers.\n:::\n\n"
            "::: datastatement\nData are at Zenodo.\n:::\n\n# Second\n\nMore.\n")
    result, page = built_html(tmp_path, text)
    words = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "More. Acknowledgements We thank the reviewers. Data Availability Data are at Zenodo." in words


def test_two_statements_of_one_kind_are_one_section_and_the_metadatas_is_said(tmp_path):
    """Two ``::: acknowledgments``, or one beside a heading of that kind, are one section
    (the second was dropped without a word); the metadata's beside the text's is warned of."""
    text = ("---\ntitle: T\nacknowledgements: Meta thanks.\n---\n\n# Intro\n\nText.\n\n::: acknowledgments\nDiv thanks.\n"
            ":::\n\n::: acknowledgments\nSecond thanks.\n:::\n\n# Funding {.funding}\n\nGrant 1.\n\n::: datastatement\n"
            "Data at Zenodo.\n:::\n")
    result, page = built_html(tmp_path, text)
    words = " ".join(re.sub(r"<[^>]+>", " ", page.split("<main")[1]).split())
    assert "Acknowledgements Div thanks. Second thanks. Funding Grant 1. Data Availability Data at Zenodo." in words
    assert "paper.md:3: warning: 'acknowledgements' in the metadata is left out: the text has its section" in result.stderr


def test_a_knitr_caption_is_its_r_strings_text_and_here_names_a_file_from_the_root(tmp_path):
    r"""An author's Copernicus paper: ``fig.cap="95\\% CI, see \\citep{k}"`` (R's escapes:
    the caption is ``95\% CI, see \citep{k}``) printed its doubled backslashes in every
    edition, the citation lost without a word; ``include_graphics(here::here("a.png"))``
    (R projects' way to name a file from the project's root) was code, its figure left out."""
    text, messages = build(tmp_path, """---
title: Pictures
bibliography: refs.bib
---

```{r map, echo=FALSE, fig.cap="Slope $45^\\\\circ$, 95\\\\% CI, \\\\textcopyright\\\\ X, see \\\\citep{smith2020}."}
knitr::include_graphics("a.png")
```

```{r photo, echo=FALSE, fig.cap="A photo."}
knitr::include_graphics(here::here("b.png"))
```
""")
    assert re.search(r"Figure 1\. Slope 45∘ ?, 95% CI, © X, see \(\w+, \d{4}\)\.", text), text
    assert "Figure 2. A photo." in text and "\\" not in text and "code cell" not in messages
