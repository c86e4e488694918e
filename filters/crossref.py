"""Cross-references, and the numbers they point to.

pandoc-crossref's syntax and Quarto's are both read, so authors coming from
either keep their manuscripts::

    ![Map](figures/map.png){#fig:map}          ::: {#fig-map} ![](map.png) Caption :::
    : Allocation {#tbl:alloc}                  ::: {#tbl-alloc} (table) Caption :::
    $$ y = f(x) $$ {#eq:growth}                # Methods {#sec:methods}
    # Survey {.appendix}                       ::: appendix  # Survey  :::
    @fig:map   @Fig:map   [@fig:a; @fig:b]   [-@fig:map]   [see @tbl:alloc; @smith2020]

The stage numbers every section (1, 1.1), figure, table, labelled equation and
appendix (A, B; its figures A1, A2) in the AST and in the document's one index
(``filters.numbering``), then resolves the cross-references to them
(``filters.references``: "Şekil 1", "Figures 1 and 2"); a reference to what a later
stage numbers waits for the references stage.

Stand-alone: ``pandoc -F filters/crossref.py``.
"""
from __future__ import annotations

import difflib
import re
import string
from collections import Counter
from collections.abc import Iterator

if __name__ == "__main__":  # pandoc -F filters/NAME.py
    import standalone; standalone.run(__file__)  # noqa: E702, I001

import panflute as pf

from core.diagnostics import locate, warn
from core.language import base_language, term
from core.markup import markdown_inlines, text_to_inlines
from core.mathtext import linear
from core.names import (
    APPENDIX_CLASS,
    BACK_MATTER_ALIASES,
    BACK_MATTER_KINDS,
    CALLOUT_CLASS,
    EQUATION_CLASS,
    EQUATION_NUMBER_CLASS,
    KIND_ATTRIBUTE,
    LATEX_LABEL_ATTRIBUTE,
    LISTING_CLASS,
    NUMBER_ATTRIBUTE,
    SUBFIGURE_CLASS,
    TABLE_PANEL_CLASS,
    THEOREM_CLASS,
    THEOREM_NAME_CLASS,
    UNNUMBERED_CLASS,
)
from filters.elements import descendants, held_blocks
from filters.numbering import (
    Index,
    caption_label,
    kind_of,
    label_text,
    number_appendix,
    number_caption,
    number_header,
    shown_number,
    strip_appendix_prefix,
)
from filters.references import names_kind, resolve_all

EQUATION_LABEL = re.compile(r"^\{#((?:eq)[:-][^\s}]+)\}$", re.I)






# --- reading both syntaxes ------------------------------------------------------

def caption_attribute(div: pf.Div, name: str) -> list[pf.Inline]:
    """A caption written as the div's attribute, as a code cell's option is (``fig-cap="…"``,
    ``tbl-cap="…"``), read as Markdown; none for an empty one.

    >>> caption_attribute(pf.Div(attributes={"fig-cap": "A map"}), "fig-cap")
    [Str(A), Space, Str(map)]
    """
    return markdown_inlines(div.attributes[name]) if div.attributes.get(name, "").strip() else []


def quarto_figure(div: pf.Div) -> pf.Figure:
    """``::: {#fig-x}`` (or pandoc-crossref's ``<div id="fig:x">``) with images and a last
    paragraph as caption → a Figure; two images or more are its subfigures, each its own
    Figure with its alt text as caption and its label (``{#fig-xa}``), numbered 1a, 1b."""
    blocks = list(div.content)
    inner = [b for b in blocks if isinstance(b, pf.Figure)]
    written = caption_attribute(div, "fig-cap")
    if len(blocks) == 1 and inner:  # the image already made a figure: it takes the id
        figure = inner[0]
        figure.identifier = div.identifier
        if written and not pf.stringify(figure.caption).strip():
            figure.caption = pf.Caption(pf.Plain(*written))
        return figure
    caption = written
    if blocks and isinstance(blocks[-1], pf.Para) and not all(
            isinstance(i, (pf.Image, pf.Space, pf.SoftBreak)) for i in blocks[-1].content):
        caption = list(blocks.pop().content)
    parts = subfigures(blocks)
    if len(parts) > 1:
        content = parts
    else:
        content = []
        for block in blocks:  # images keep their own alt text; a figure inside gives its image
            content += list(block.content) if isinstance(block, pf.Figure) else [block]
    figure = pf.Figure(*content, caption=pf.Caption(pf.Plain(*caption)) if caption else None,
                       identifier=div.identifier, classes=list(div.classes))
    for image in (e for e in descendants(figure) if isinstance(e, pf.Image)):
        if not image.content and caption:
            image.content = [pf.Str(pf.stringify(pf.Plain(*caption)))]
    return figure


def subfigures(blocks: list[pf.Block]) -> list[pf.Figure]:
    """Each picture of a figure div as a subfigure: a figure pandoc made of an image
    alone, or each image of a paragraph that sets several side by side."""
    parts = []
    for block in blocks:
        if isinstance(block, pf.Figure):
            block.classes.append(SUBFIGURE_CLASS)
            parts.append(block)
        elif isinstance(block, (pf.Para, pf.Plain)):
            for image in (i for i in block.content if isinstance(i, pf.Image)):
                identifier, image.identifier = image.identifier, ""
                parts.append(pf.Figure(pf.Plain(image), caption=pf.Caption(pf.Plain(*image.content)),
                                       identifier=identifier, classes=[SUBFIGURE_CLASS]))
    return parts


# The div around a code cell's output in Quarto's rendered (frozen) Markdown
OUTPUT_CLASS = "cell-output-display"


def quarto_table(div: pf.Div) -> pf.Block:
    """``::: {#tbl-x}`` around a table (and a caption paragraph) → the table, labelled;
    around several (Quarto's subtables) → a panel, its caption first, numbered as one
    table whose tables are its parts (``number_blocks``). A code cell's output, as Quarto
    froze it (``::: {.cell-output-display}`` around the table), is read through."""
    div.content = [inner for block in div.content for inner in (
        list(block.content) if isinstance(block, pf.Div) and OUTPUT_CLASS in block.classes else [block])]
    tables = [b for b in div.content if isinstance(b, pf.Table)]
    if len(tables) > 1:
        div.classes.append(TABLE_PANEL_CLASS)
        last = div.content[-1]
        if isinstance(last, pf.Para):  # the panel's caption, written under it as Quarto does
            div.content.insert(0, div.content.pop())
        return div
    if not tables:
        return div
    table = tables[0]
    table.identifier = div.identifier
    rest = [b for b in div.content if b is not table]
    if not pf.stringify(table.caption) and rest and isinstance(rest[-1], pf.Para):
        table.caption = pf.Caption(pf.Plain(*rest[-1].content))
    elif not pf.stringify(table.caption) and caption_attribute(div, "tbl-cap"):
        table.caption = pf.Caption(pf.Plain(*caption_attribute(div, "tbl-cap")))
    return table


def linked_figure(block: pf.Block) -> pf.Block:
    """A labelled picture that is a link (``[![Caption](a.png){#fig-a}](https://…)``), alone
    in its paragraph, as the figure Quarto makes of it: pandoc makes none (the picture is
    not alone, the link holds it).

    >>> para = pf.Para(pf.Link(pf.Image(pf.Str("Cap"), url="a.png", identifier="fig-a"), url="https://e.org"))
    >>> figure = linked_figure(para); figure.identifier, pf.stringify(figure.caption)
    ('fig-a', 'Cap')
    """
    inner = block.content[0] if isinstance(block, pf.Para) and len(block.content) == 1 else None
    if not (isinstance(inner, pf.Link) and len(inner.content) == 1 and isinstance(inner.content[0], pf.Image)
            and kind_of(inner.content[0].identifier) == "figure"):
        return block
    image = inner.content[0]
    identifier, image.identifier = image.identifier, ""
    return pf.Figure(pf.Plain(inner), caption=pf.Caption(pf.Plain(*image.content)), identifier=identifier)


def normalise(blocks) -> list[pf.Block]:
    """Quarto's figure and table divs as pandoc elements, and its linked figures
    (``linked_figure``), wherever they stand; ``::: appendix`` unwrapped, its top headers
    marked as appendices."""
    result: list[pf.Block] = []
    for block in map(linked_figure, blocks):
        if isinstance(block, pf.Div):
            kind = kind_of(block.identifier)
            if kind == "figure":
                result.append(quarto_figure(block))
                continue
            if kind == "table":
                result.append(quarto_table(block))
                continue
            if APPENDIX_CLASS in block.classes:
                inner = normalise(block.content)
                top = min((b.level for b in inner if isinstance(b, pf.Header)), default=1)
                for header in inner:
                    if isinstance(header, pf.Header) and header.level == top:
                        header.classes.append(APPENDIX_CLASS)
                result += inner
                continue
        for held in held_blocks(block):  # a figure div in a footnote, a list, a table's cell
            held[:] = normalise(list(held))
        result.append(block)
    return result


def equation_label(inlines, index: int) -> tuple[str, int] | None:
    """After display math at ``index``: its ``{#eq:x}`` label, and how many inlines it spans."""
    position = index + 1
    if position < len(inlines) and isinstance(inlines[position], (pf.Space, pf.SoftBreak)):
        position += 1
    if position < len(inlines) and isinstance(inlines[position], pf.Str):
        match = EQUATION_LABEL.match(inlines[position].text)
        if match:
            return match.group(1), position - index + 1
    return None


# --- numbering ---------------------------------------------------------------------

def number_section(header: pf.Header, state: Index) -> None:
    # An unnumbered section, and each section in one, is referred to by its title: "see
    # @sec-preface" prints "see Preface" (as LaTeX's \nameref), where it was an error.
    if state.unnumbered_level is not None and header.level > state.unnumbered_level:
        state.add(header.identifier, "section", "", title=heading_title(header))
        return
    state.unnumbered_level = None
    if APPENDIX_CLASS in header.classes:
        start_appendix(header, state)
        return
    if state.appendix and header.level <= state.appendix_level:
        state.appendix = ""  # a section after an appendix belongs to the main text again
    if UNNUMBERED_CLASS in header.classes:
        state.unnumbered_level = header.level
        state.add(header.identifier, "section", "", title=heading_title(header))
        return
    # A text whose first heading is ## numbers it 1, not 0.1.
    depth = max(header.level - (state.appendix_level if state.appendix else state.top_level - 1), 1)
    sections = state.sections.setdefault(state.appendix, [])
    del sections[depth:]
    sections += [0] * (depth - len(sections))
    sections[depth - 1] += 1
    number = ".".join(str(n) for n in sections)
    if state.appendix:
        number = f"{state.appendix}.{number}"
    own_number(header, number, state)
    number_header(header, number)
    state.add(header.identifier, "section", number)
    if header.identifier and not kind_of(header.identifier):  # pandoc-crossref's autoSectionLabels: @sec:intro
        state.add(f"sec:{header.identifier}", "section", number, target=header.identifier)


def heading_title(header: pf.Header) -> str:
    r"""A heading's words, as a reference to it prints them: its notes left out, a formula
    as its alternative text ("The α case", not "The \alpha case").

    >>> heading_title(pf.Header(pf.Str("The"), pf.Space(), pf.Math(r"\alpha"), pf.Note(pf.Para(pf.Str("n")))))
    'The α'
    """
    words = []
    for element in header.content:
        if isinstance(element, pf.Math):
            words.append(linear(element.text))
        elif not isinstance(element, pf.Note):
            words.append(pf.stringify(pf.Plain(element)))
    return " ".join("".join(words).split())


# A section's number typed by hand: "2", "2.", "4.2.1" — each level a number of one to three
# digits; a year opens a heading without being its number ("1848 Revolutions": an author's trial)
HAND_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?$")


def written_number(header: pf.Header) -> re.Match | None:
    """The number an author wrote before a heading's text (``# 1. Giriş``, ``## 1.2 Scope``)."""
    first = header.content[0] if header.content else None
    return HAND_NUMBER.match(first.text) if isinstance(first, pf.Str) and len(header.content) >= 3 else None


def numbered_by_hand(doc: pf.Doc) -> None:
    """A text its author numbered by hand (two headings or more written with a number,
    counting from 1) keeps the author's structure: a heading written without a number is
    unnumbered ("# Özet" before "# 1. Giriş" is no section 1, "## RQ-1" under
    "# 3. Questions" no 3.1), and one whose number says it is a level deeper than its
    ``#`` is set there ("## 4.2.1" after "## 4.2" is 4.2.1, not 4.3).

    >>> heading = lambda *words: pf.Header(*(pf.Str(w) if i % 2 == 0 else pf.Space() for i, w in enumerate(words)))
    >>> doc = pf.Doc(heading("Özet"), heading("1.", " ", "Giriş"), heading("1.1", " ", "Amaç"),
    ...              heading("1.1.1", " ", "Ayrıntı"), heading("Kaynakça"))
    >>> doc.content[2].level = doc.content[3].level = 2
    >>> numbered_by_hand(doc); [(h.level, h.classes) for h in doc.content]
    [(1, ['unnumbered']), (1, []), (2, []), (3, []), (1, ['unnumbered'])]
    """
    found = list(headers(doc.content))
    written = [match.group(1) for match in map(written_number, found) if match]
    if len(written) < 2 or not any(number == "1" or number.startswith("1.") for number in written):
        return  # "# 2020 Elections" is no number
    previous = 0
    for header in found:
        number = written_number(header)
        if number:
            depth = number.group(1).count(".") + 1
            if header.level < depth <= previous + 1:
                header.level = depth
        elif APPENDIX_CLASS not in header.classes and UNNUMBERED_CLASS not in header.classes:
            header.classes.append(UNNUMBERED_CLASS)
        previous = header.level


def own_number(header: pf.Header, number: str, state: Index) -> None:
    """An author's own number before a heading's text (``# 1. Giriş``, ``## 1.2 Scope``)
    taken out: the stage prints the number; a different one is a warning."""
    written = written_number(header)
    if not written or "." not in written.group(0) and written.group(1) != number:
        return  # "# 2020 Elections" is no number
    del header.content[:2]
    if written.group(1) != number:
        path, line = locate(state.doc, rf"^#+\s*{re.escape(written.group(0))}\s")
        warn(f"section written as '{written.group(1)}' is section {number} in order", path, line,
             hint="the build numbers sections in order; leave the number out")


CAPTION_NUMBER = re.compile(r"(\d+(?:\.\d+)*[a-z]?)[.:]?")


def own_caption_number(element, kind: str, number: str, state: Index) -> None:
    """An author's own label and number at the head of a caption ("Fig. 1: The plugin.",
    "Tablo 2. …") taken out: the stage prints its own ("Figure 1. Fig. 1: …" printed both);
    a different number is a warning."""
    first = element.caption.content[0] if element.caption.content else None
    inlines = first.content if isinstance(first, (pf.Plain, pf.Para)) else []
    if len(inlines) < 3 or not (isinstance(inlines[0], pf.Str) and isinstance(inlines[1], pf.Space)
                                and isinstance(inlines[2], pf.Str)):
        return
    written = CAPTION_NUMBER.fullmatch(inlines[2].text)
    if not written or not names_kind(inlines[0].text, kind, state.lang):
        return
    shown = f"{inlines[0].text} {inlines[2].text}"
    del inlines[:4 if len(inlines) > 3 and isinstance(inlines[3], pf.Space) else 3]
    if written.group(1) != number:
        path, line = locate(state.doc, re.escape(shown))
        warn(f"caption written as '{shown}' is {kind} {number} in order", path, line,
             hint="the build numbers captions in order; leave the label and number out")


def start_appendix(header: pf.Header, state: Index) -> None:
    """An appendix: the next letter; its sections, figures and tables count anew."""
    written = strip_appendix_prefix(header, state.lang)
    letter = state.start_appendix(header.level)
    if written and written != letter:
        path, line = locate(state.doc, rf"\b{written}\b.*\{{[^}}]*\.{APPENDIX_CLASS}|"
                                       rf"^#+ .*\b{written}\b")
        warn(f"appendix written as '{written}' is appendix {letter} in order", path, line,
             hint="the build letters appendices in order; leave the letter out")
    number_appendix(header, letter, state.lang)
    state.add(header.identifier, "appendix", letter)


def number_equations(inlines: list, state: Index) -> list:
    """``$$ … $$ {#eq:x}`` → a Span ``#eq:x .equation`` holding the math and "(1)"; an
    equation Span not numbered yet (LaTeX's, from the tex stage) gets its number, and
    the anchors inside it (its other labels) point at it too."""
    result, index = [], 0
    while index < len(inlines):
        element = inlines[index]
        if isinstance(element, pf.Span) and EQUATION_CLASS in element.classes \
                and NUMBER_ATTRIBUTE not in element.attributes:
            number = state.next_number("equation")
            state.add(element.identifier, "equation", number)
            for anchor in (e for e in element.content if isinstance(e, pf.Span) and e.identifier):
                # a line's own label in a display of several (align): LaTeX numbers the line, the
                # editions the display; links go to the display, which every edition can point at
                state.add(anchor.identifier, "equation", number, target=element.identifier)
                warn(f"'{anchor.identifier}' labels a line of the display labelled '{element.identifier}': "
                     f"the editions number the display once, {shown_number('equation', number)}, and both "
                     "labels refer to it", *locate(state.doc, rf"\\label\{{{re.escape(anchor.identifier)}\}}"),
                     hint="to number each line, write it as a display of its own")
            element.content.append(pf.Span(pf.Str(shown_number("equation", number)), classes=[EQUATION_NUMBER_CLASS]))
            element.attributes[NUMBER_ATTRIBUTE] = number
            result.append(element)
            index += 1
            continue
        found = (equation_label(inlines, index)
                 if isinstance(element, pf.Math) and element.format == "DisplayMath" else None)
        if not found:
            result.append(element)
            index += 1
            continue
        identifier, width = found
        number = state.next_number("equation")
        state.add(identifier, "equation", number)
        result.append(pf.Span(element, pf.Span(pf.Str(shown_number("equation", number)),
                                               classes=[EQUATION_NUMBER_CLASS]),
                              identifier=identifier, classes=[EQUATION_CLASS],
                              attributes={NUMBER_ATTRIBUTE: number}))
        index += width
    return result


def anchor_labels(inlines, state: Index) -> None:
    """A LaTeX ``\\label`` standing in the text (an anchor Span) names the section it is in,
    as in LaTeX; its links go to the section's heading, which every edition has (Typst
    keeps no empty anchor)."""
    for element in inlines:
        if isinstance(element, pf.Span) and LATEX_LABEL_ATTRIBUTE in element.attributes and state.section:
            state.add(element.identifier, state.section.kind, state.section.number, target=state.section.identifier,
                      title=state.section.title)


def number_callout(div: pf.Div, state: Index) -> None:
    """A callout with a label (Quarto's ``#nte-x``, ``#wrn-x``…) numbered by its kind: its
    title (``filters.syntax``: the first paragraph, bold) reads "Note 1", or "Note 1: Title"."""
    kind = kind_of(div.identifier)
    number = state.next_number(kind)
    div.attributes[NUMBER_ATTRIBUTE] = number
    title = div.content[0].content[0]
    label = text_to_inlines(label_text(kind, number, state.lang))
    own = pf.stringify(title) != term(state.lang, kind)
    title.content = [*label, *([pf.Str(":"), pf.Space(), *title.content] if own else [])]
    state.add(div.identifier, kind, number)


def theorem_name(div: pf.Div) -> list[pf.Inline] | None:
    """A theorem's own name (``filters.syntax``), taken out of it: its words as written.

    >>> div = pf.Div(pf.Plain(pf.Span(pf.Emph(pf.Str("Main")), classes=[THEOREM_NAME_CLASS])), pf.Para(pf.Str("It.")))
    >>> pf.stringify(pf.Plain(*theorem_name(div))), len(div.content)
    ('Main', 1)
    """
    first = div.content[0] if div.content else None
    if not (isinstance(first, pf.Plain) and len(first.content) == 1
            and THEOREM_NAME_CLASS in getattr(first.content[0], "classes", ())):
        return None
    div.content.pop(0)
    return list(first.content[0].content)


def number_paragraph(div: pf.Div, label: pf.Span, number: str) -> None:
    """A listing's or theorem's label at the head of its first paragraph."""
    div.attributes[NUMBER_ATTRIBUTE] = number
    first = div.content[0] if div.content else None
    if isinstance(first, (pf.Para, pf.Plain)):
        first.content[0:0] = [label, pf.Space()] if first.content else [label]
    else:
        div.content.insert(0, pf.Para(label))


# Classes that change how a section is numbered or placed: a near miss ("apendix")
# would silently make an appendix a numbered section.
STRUCTURE_CLASSES = (APPENDIX_CLASS, UNNUMBERED_CLASS, *BACK_MATTER_KINDS, *BACK_MATTER_ALIASES)


def check_classes(header: pf.Header, state: Index) -> None:
    for name in header.classes:
        if name in STRUCTURE_CLASSES:
            continue
        close = difflib.get_close_matches(name, STRUCTURE_CLASSES, n=1, cutoff=0.8)
        if close:
            path, line = locate(state.doc, rf"\{{[^}}]*\.{re.escape(name)}\b")
            warn(f"unknown class '.{name}' on the heading '{pf.stringify(header)}'", path, line,
                 hint=f"did you mean '.{close[0]}'?")


def number_blocks(blocks, state: Index) -> None:
    for block in blocks:
        if isinstance(block, pf.Header):
            check_classes(block, state)
            number_section(block, state)
        elif isinstance(block, pf.Figure):
            number = state.next_number("figure")
            own_caption_number(block, "figure", number, state)
            number_caption(block, "figure", number, state.lang)
            state.add(block.identifier, "figure", number)
            parts = [b for b in block.content if isinstance(b, pf.Figure) and SUBFIGURE_CLASS in b.classes]
            for letter, part in zip(string.ascii_lowercase, parts):
                part.attributes[NUMBER_ATTRIBUTE] = number + letter
                part.caption.content[:1] = [pf.Plain(pf.Str(f"({letter})"), pf.Space(),
                                                     *(part.caption.content[0].content if part.caption.content
                                                       else []))]
                state.add(part.identifier, "figure", number + letter)
            number_blocks([b for b in block.content if b not in parts], state)
        elif isinstance(block, pf.Div) and TABLE_PANEL_CLASS in block.classes:
            number = state.next_number("table")
            parts = [b for b in block.content if isinstance(b, pf.Table)]
            number_paragraph(block, caption_label("table", number, state.lang), number)
            state.add(block.identifier, "table", number)
            for letter, part in zip(string.ascii_lowercase, parts):
                number_caption(part, "table", number + letter, state.lang)
                state.add(part.identifier, "table", number + letter)
        elif isinstance(block, pf.Div) and LISTING_CLASS in block.classes:
            number = state.next_number("listing")
            number_paragraph(block, caption_label("listing", number, state.lang), number)
            state.add(block.identifier, "listing", number)
        elif isinstance(block, pf.Div) and CALLOUT_CLASS in block.classes and kind_of(block.identifier):
            number_callout(block, state)
            number_blocks(block.content, state)
        elif isinstance(block, pf.Div) and THEOREM_CLASS in block.classes:
            kind = block.attributes[KIND_ATTRIBUTE]
            number = state.next_number(kind)
            name = theorem_name(block)
            number_paragraph(block, caption_label(kind, number, state.lang, name), number)
            state.add(block.identifier, kind, number)
            number_blocks(block.content, state)
        else:
            if isinstance(block, pf.Table) and (block.identifier or pf.stringify(block.caption)):
                number = state.next_number("table")
                own_caption_number(block, "table", number, state)
                number_caption(block, "table", number, state.lang)
                state.add(block.identifier, "table", number)
            elif isinstance(block, (pf.Para, pf.Plain)) and any(isinstance(i, (pf.Math, pf.Span))
                                                               for i in block.content):
                block.content = number_equations(list(block.content), state)
                anchor_labels(block.content, state)
            # what it holds, in order: a figure in a table's cell or a footnote is numbered too
            for held in held_blocks(block):
                number_blocks(held, state)


# --- references --------------------------------------------------------------------





















# --- the filter ------------------------------------------------------------------

def top_level(blocks) -> int:
    """The level of the text's first numbered heading: the one numbered 1, 2, 3."""
    return next((block.level for block in blocks if isinstance(block, pf.Header)
                 and UNNUMBERED_CLASS not in block.classes and APPENDIX_CLASS not in block.classes), 1)


def headers(blocks) -> Iterator[pf.Header]:
    """The headings among ``blocks`` and the divs they hold, in order, without walking
    the inlines (a heading is a block: this stage runs on every build). A heading in a
    quotation, a list or a note is none of the outline's (``filters.syntax.run_in_headings``)."""
    for block in blocks:
        if isinstance(block, pf.Header):
            yield block
        elif isinstance(block, pf.Div):
            yield from headers(block.content)


def told_level_gaps(doc: pf.Doc) -> None:
    """A heading more than one level below the heading before it ("#" then "####") is
    told, at its line: every edition sets it one level below (``nested_levels``, which
    keeps the headings after it at its level its siblings), as PDF/UA allows no skipped
    level (Typst's export stopped the build of a JOSS paper on one) and a reader's
    outline would have a hole there."""
    previous = None
    seen: Counter = Counter()  # headings of each text so far: the nth one written is this one
    for header in headers(doc.content):
        text = pf.stringify(header)
        seen[text] += 1
        if previous is not None and header.level > previous + 1:
            # written with #, or as raw HTML (<h4 id="x">, read as a heading by the tex stage)
            path, line = locate(doc, r"^(?:#+\s*|\s*<h[1-6]\b[^>]*>\s*)" + re.escape(text[:60])
                                + r"\s*(?:\{[^}]*\}\s*|</h[1-6]>\s*)?$", nth=seen[text] - 1)
            warn(f"the heading '{text[:60]}' is level {header.level} under one of level {previous}: "
                 f"every edition sets it at level {previous + 1}", path, line,
                 hint=f"write it with {'#' * (previous + 1)}")
        previous = header.level


def nested_levels(doc: pf.Doc) -> None:
    """Each heading's level is its depth among the headings above it: a text's top
    headings are level 1 in every edition, whatever level they were written at (PDF/UA's
    first heading must be level 1; Typst refused six JOSS papers written with ``##``), a
    JOSS paper's "# Acknowledgements" after its ``##`` sections is a top one as they are,
    and "## Intro" then "# Data" then "## Plots" keeps Plots under Data.

    >>> doc = pf.Doc(*(pf.Header(pf.Str(str(n)), level=n) for n in (2, 3, 2, 1, 1)))
    >>> nested_levels(doc); [h.level for h in doc.content]
    [1, 2, 1, 1, 1]
    >>> doc = pf.Doc(*(pf.Header(pf.Str(str(n)), level=n) for n in (2, 1, 2)))
    >>> nested_levels(doc); [h.level for h in doc.content]
    [1, 1, 2]
    """
    above: list[tuple[int, int]] = []  # (level as written, level set) of the headings it is under
    for header in headers(doc.content):
        while above and above[-1][0] >= header.level:
            above.pop()
        written, header.level = header.level, above[-1][1] + 1 if above else 1
        above.append((written, header.level))


def prepare(doc: pf.Doc) -> None:
    lang = base_language(doc.get_metadata("lang", default=None))
    told_level_gaps(doc)
    nested_levels(doc)
    doc.content = normalise(doc.content)
    numbered_by_hand(doc)
    state = Index(lang, doc, top_level=top_level(doc.content))
    number_blocks(doc.content, state)
    resolve_all(doc, state)
    doc.numbering = state  # the one index: later stages number into it


def main(doc=None):
    # no per-element action: prepare walks the blocks itself
    return pf.run_filters([], prepare=prepare, doc=doc)

