"""Every block Markdown writes, inside every container that holds blocks, and every
inline in every container of words: a paper each for the gatekeepers
(``tests/test_gatekeepers.py``). A footnote holds a quotation, a
table's cell a figure, a callout a listing: what an author writes without thinking of
the formats, each of which allows some nestings and refuses others (JATS's footnote
holds paragraphs only, LaTeX's footnote no float and no verbatim, a longtable's cell
no longtable, PDF/UA no skipped heading level); a note in a table's caption, math in a
link, a citation in a theorem's name, a picture in a definition's term. A new block,
inline or container is an entry.

    .venv/bin/python -m tests.nesting [inlines] > paper.md   # a paper, to build by hand
"""
from __future__ import annotations

from collections.abc import Callable

# Each block as an author writes it; NAME is replaced by the block's place, for unique labels.
BLOCKS: dict[str, str] = {
    "paragraph": "A paragraph with *emphasis*, `code` and a link <https://example.org/data>.",
    "quote": "> A quotation.",
    "bullets": "- one\n- two",
    "numbers": "1. first\n2. second",
    "definitions": "Term\n:   Its definition.",
    "code": "```python\nprint('x')\n```",
    "math": "$$\\int_0^1 x\\,dx = \\tfrac{1}{2}$$",
    "equation": "$$E = mc^2$$ {#eq-NAME}",
    "table": "| a | b |\n|---|---|\n| 1 | 2 |\n\n: A table. {#tbl-NAME}",
    "figure": "![A figure.](trade.png){#fig-NAME}",
    "subfigures": "::: {#fig-NAME layout-ncol=2}\n![Left.](trade.png){#fig-NAME-a}\n\n"
                  "![Right.](trade.png){#fig-NAME-b}\n\nTwo pictures.\n:::",
    "listing": "```{#lst-NAME .python caption=\"A listing.\"}\nprint('x')\n```",
    "lines": "| line one\n|    line two, indented",
    "rule": "* * *",
    "heading": "#### A heading",
    "callout": "::: {.callout-note}\nA note.\n:::",
    "theorem": "::: {#thm-NAME-inner}\n## Fermat\n\nNo three integers.\n:::",
    "div": "::: {.special}\nIn a div.\n:::",
    "note": "Text with its own note.[^inner-NAME]\n\n[^inner-NAME]: The inner note.",
}


def indented(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else prefix.rstrip() for line in text.split("\n"))


def grid_table(block: str) -> str:
    """``block`` in the first cell of a grid table's one row."""
    lines = block.split("\n")
    width = max(len(line) for line in lines) + 2
    rule = "+" + "-" * (width + 2) + "+---+"
    return "\n".join([rule, f"| {'Head'.ljust(width)} | x |", rule.replace("-", "="),
                      *(f"| {line.ljust(width)} | x |" for line in lines), rule])


def in_footnote(block: str, name: str) -> str:
    return f"A sentence with a note.[^{name}]\n\n[^{name}]: Note opening.\n\n" + indented(block, "    ")


# Each container around a block; ``name``: the block's place, for the container's own labels.
CONTAINERS: dict[str, Callable[[str, str], str]] = {
    "footnote": in_footnote,
    "quote": lambda block, name: indented("Quoted opening.\n\n" + block, "> "),
    "item": lambda block, name: "- Item opening.\n\n" + indented(block, "  ") + "\n- Second item.",
    "definition": lambda block, name: "Term\n\n:   Definition opening.\n\n" + indented(block, "    "),
    "callout": lambda block, name: f"::: {{.callout-warning}}\nCallout opening.\n\n{block}\n:::",
    "theorem": lambda block, name: f"::: {{#thm-{name}}}\n## A theorem\n\nTheorem opening.\n\n{block}\n:::",
    "cell": lambda block, name: grid_table(block),
    "deep": lambda block, name: in_footnote(indented("- Item opening.\n\n" + indented(block, "  "), "> "), name),
}
# What pandoc cannot read where it stands: a note inside a note (the build warns, naming it).
UNREADABLE = {("footnote", "note"), ("deep", "note")}
# Words of each block every edition prints once per container that holds it (the reader's text).
WORDS = {"paragraph": "example.org/data", "quote": "A quotation.", "bullets": "one", "numbers": "second",
         "definitions": "Its definition.", "table": "A table.", "figure": "A figure.", "subfigures": "Two pictures.",
         "listing": "A listing.", "lines": "line two, indented", "heading": "A heading", "callout": "A note.",
         "theorem": "Fermat", "div": "In a div.", "note": "The inner note."}
METADATA = """---
title: Every block in every container
author: A. Author
date: 2024-01-01
lang: en
url: https://example.org/nesting
doi: 10.5555/nest.1
license: CC-BY-4.0
journal: {name: Journal of Nesting, issn: 1234-5679, publisher: Nest Press}
crossref: {depositor: Nest Press, email: editor@example.org, registrant: Nest Press}
---
"""


# Each inline as an author writes it; NAME as in BLOCKS.
INLINES: dict[str, str] = {
    "emphasis": "*emphasised NAME*", "strong": "**strong**", "code": "`code(NAME)`", "math": "$x^2_{i}$",
    "null delimiter": "$\\Big( \\frac{a}{b} \\Big.$", "link": "[a link NAME](https://example.org/page)",
    "address": "<https://example.org/NAME>", "citation": "[@smith2020, 12]", "author citation": "@smith2020",
    "note": "^[An inline note NAME with `code`.]", "picture": "![tiny](trade.png){width=1em}",
    "small caps": "[Small Caps NAME]{.smallcaps}", "struck": "~~struck NAME~~", "superscript": "E^2^",
    "subscript": "H~2~O", "quoted": "\"quoted NAME\"", "cross-reference": "@fig-main",
    "span": "[a span NAME]{#span-NAME .mark}", "tex": "\\LaTeX{}",
}
# Each container of words around an inline.
INLINE_CONTAINERS: dict[str, Callable[[str, str], str]] = {
    "heading": lambda inline, name: f"## Heading with {inline}\n",
    "caption": lambda inline, name: f"![Caption with {inline}.](trade.png){{#fig-{name}}}\n",
    "table caption": lambda inline, name: f"| a | b |\n|---|---|\n| 1 | 2 |\n\n: Table caption with {inline}. {{#tbl-{name}}}\n",
    "cell": lambda inline, name: f"| a | b |\n|---|---|\n| cell with {inline} | 2 |\n",
    "term": lambda inline, name: f"Term with {inline}\n:   Definition.\n",
    "link": lambda inline, name: f"[Link text with {inline}](https://example.org/x)\n",
    "emphasis": lambda inline, name: f"*Emphasis with {inline} inside*\n",
    "callout title": lambda inline, name: f"::: {{.callout-note}}\n## Title with {inline}\n\nBody.\n:::\n",
    "theorem name": lambda inline, name: f"::: {{#thm-{name}}}\n## Name with {inline}\n\nStatement.\n:::\n",
    "quotation": lambda inline, name: f"> Quoted with {inline}.\n",
    "subfigure caption": lambda inline, name: f"::: {{#fig-{name} layout-ncol=2}}\n![Part with {inline}.](trade.png)"
                                              f"{{#fig-{name}-a}}\n\n![Other.](trade.png){{#fig-{name}-b}}\n\nWhole.\n:::\n",
}
# The inlines whose words carry their place (NAME): each edition must print every one of them.
MARKED_INLINES = ("emphasis", "code", "link", "address", "note", "small caps", "struck", "quoted", "span")
# Words of the others, printed at least once per container.
INLINE_WORDS = {"citation": "Smith", "cross-reference": "Figure 1", "tex": "LaTeX"}
BIBLIOGRAPHY = "@article{smith2020, author = {Smith, Ann}, title = {Growth}, journal = {J}, year = {2020}}\n"


def slug(name: str) -> str:
    return name.replace(" ", "-")


def inline_paper() -> str:
    """One paper (front matter included, its bibliography ``refs.bib`` beside it): a section
    per container of words, in it each inline in that container, a paragraph apart."""
    front = METADATA.replace("Every block", "Every inline").removesuffix("---\n") + "bibliography: refs.bib\n---\n"
    parts = [front, "# Start\n\n![The main figure.](trade.png){#fig-main}\n"]
    for container, write in INLINE_CONTAINERS.items():
        parts.append(f"# In a {container}\n")
        for inline, text in INLINES.items():
            name = slug(f"{container}-{inline}")
            parts.append("A paragraph before.\n\n" + write(text.replace("NAME", name), name) + "\n")
    return "\n".join(parts)


def nesting_paper(containers=tuple(CONTAINERS), blocks=tuple(BLOCKS)) -> str:
    """One paper (front matter included): a section per container, in it a section per
    block, that block in that container. Its figures name ``trade.png`` beside it."""
    parts = [METADATA]
    for container in containers:
        parts.append(f"# In a {container}\n")
        for block in blocks:
            name = f"{container}-{block}"
            parts.append(f"## {block.capitalize()} in a {container}\n\n"
                         + CONTAINERS[container](BLOCKS[block].replace("NAME", name), name) + "\n")
    return "\n".join(parts)


if __name__ == "__main__":
    import sys
    print(inline_paper() if sys.argv[1:] == ["inlines"] else nesting_paper())
