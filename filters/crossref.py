"""Cross-references, and the numbers they point to.

pandoc-crossref's syntax and Quarto's are both read, so authors coming from
either keep their manuscripts::

    ![Map](figures/map.png){#fig:map}          ::: {#fig-map} ![](map.png) Caption :::
    : Allocation {#tbl:alloc}                  ::: {#tbl-alloc} (table) Caption :::
    $$ y = f(x) $$ {#eq:growth}                # Methods {#sec:methods}
    # Survey {.appendix}                       ::: appendix  # Survey  :::
    @fig:map   @Fig:map   [@fig:a; @fig:b]   [-@fig:map]   [see @tbl:alloc; @smith2020]

The stage numbers every section (1, 1.1), figure, table, labelled equation and
appendix (A, B; its figures A1, A2) in the AST, with ``filters.numbering``, then
replaces each cross-reference with links whose text is the target's label in the
document's language ("Şekil 1", "Figures 1 and 2"). Cites that are not
cross-references are left for the citation stage; a bracket that mixes both keeps
the cross-references' text in the citation's prefix.

Stand-alone: ``pandoc -F filters/crossref.py``.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

if __name__ == "__main__":  # pandoc -F filters/NAME.py
    import standalone; standalone.run(__file__)  # noqa: E702, I001

import panflute as pf

from core.diagnostics import error, locate, suggestion, warn
from core.language import base_language, term, upper_first
from core.markup import text_to_inlines
from core.names import (
    APPENDIX_CLASS,
    BACK_MATTER_KINDS,
    EQUATION_CLASS,
    EQUATION_NUMBER_CLASS,
    NUMBER_ATTRIBUTE,
    UNNUMBERED_CLASS,
    XREF_CLASS,
)
from filters.elements import descendants
from filters.numbering import (
    appendix_letter,
    collapse,
    kind_of,
    label_text,
    number_appendix,
    number_caption,
    number_header,
    shown_number,
    strip_appendix_prefix,
)

EQUATION_LABEL = re.compile(r"^\{#((?:eq)[:-][^\s}]+)\}$", re.I)


@dataclass
class Target:
    kind: str        # figure, table, equation, section, appendix
    number: str      # "2.1", "3", "A2"
    identifier: str


@dataclass
class Numbering:
    """Counters while walking the document, and the index of numbered things. The
    main text and each appendix ("A", "B") count on their own."""
    lang: str
    doc: pf.Doc
    appendix: str = ""                      # the current appendix's letter; "" for the main text
    appendix_level: int = 1
    appendices: int = 0
    unnumbered_level: int | None = None     # inside an unnumbered section of this level
    sections: dict[str, list[int]] = field(default_factory=dict)
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)

    def next_number(self, kind: str) -> str:
        key = (self.appendix, kind)
        self.counts[key] = self.counts.get(key, 0) + 1
        return f"{self.appendix}{self.counts[key]}"

    def add(self, identifier: str, kind: str, number: str) -> None:
        if not identifier:
            return
        if identifier in self.targets:
            pattern = rf"#{re.escape(identifier)}(?![\w:-])"
            first, second = locate(self.doc, pattern), locate(self.doc, pattern, nth=1)
            where = f" (first defined at {first[0]}:{first[1]})" if first[0] else ""
            error(f"label '{identifier}' is defined twice{where}", *(second if second[0] else first),
                  hint="give one of them another label")
            return
        self.targets[identifier] = Target(kind, number, identifier)


# --- reading both syntaxes ------------------------------------------------------

def quarto_figure(div: pf.Div) -> pf.Figure:
    """``::: {#fig-x}`` with images and a last paragraph as caption → a Figure."""
    blocks = list(div.content)
    inner = [b for b in blocks if isinstance(b, pf.Figure)]
    if len(blocks) == 1 and inner:  # the image already made a figure: it takes the id
        figure = inner[0]
        figure.identifier = div.identifier
        return figure
    caption = []
    if blocks and isinstance(blocks[-1], pf.Para) and not all(
            isinstance(i, (pf.Image, pf.Space, pf.SoftBreak)) for i in blocks[-1].content):
        caption = list(blocks.pop().content)
    content = []
    for block in blocks:  # images keep their own alt text; a figure inside gives its image
        content += list(block.content) if isinstance(block, pf.Figure) else [block]
    figure = pf.Figure(*content, caption=pf.Caption(pf.Plain(*caption)) if caption else None,
                       identifier=div.identifier, classes=list(div.classes))
    for image in (e for e in descendants(figure) if isinstance(e, pf.Image)):
        if not image.content and caption:
            image.content = [pf.Str(pf.stringify(pf.Plain(*caption)))]
    return figure


def quarto_table(div: pf.Div) -> pf.Block:
    """``::: {#tbl-x}`` around a table (and a caption paragraph) → the table, labelled."""
    tables = [b for b in div.content if isinstance(b, pf.Table)]
    if len(tables) != 1:
        return div
    table = tables[0]
    table.identifier = div.identifier
    rest = [b for b in div.content if b is not table]
    if not pf.stringify(table.caption) and rest and isinstance(rest[-1], pf.Para):
        table.caption = pf.Caption(pf.Plain(*rest[-1].content))
    return table


def normalise(blocks) -> list[pf.Block]:
    """Quarto's figure and table divs as pandoc elements; ``::: appendix`` unwrapped,
    its top headers marked as appendices."""
    result: list[pf.Block] = []
    for block in blocks:
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
            block.content = normalise(block.content)
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

def number_section(header: pf.Header, state: Numbering) -> None:
    if state.unnumbered_level is not None and header.level > state.unnumbered_level:
        return
    state.unnumbered_level = None
    if APPENDIX_CLASS in header.classes:
        start_appendix(header, state)
        return
    if state.appendix and header.level <= state.appendix_level:
        state.appendix = ""  # a section after an appendix belongs to the main text again
    if UNNUMBERED_CLASS in header.classes:
        state.unnumbered_level = header.level
        return
    depth = header.level - (state.appendix_level if state.appendix else 0)
    sections = state.sections.setdefault(state.appendix, [])
    del sections[depth:]
    sections += [0] * (depth - len(sections))
    sections[depth - 1] += 1
    number = ".".join(str(n) for n in sections)
    if state.appendix:
        number = f"{state.appendix}.{number}"
    number_header(header, number)
    state.add(header.identifier, "section", number)


def start_appendix(header: pf.Header, state: Numbering) -> None:
    """An appendix: the next letter; its sections, figures and tables count anew."""
    written = strip_appendix_prefix(header, state.lang)
    letter = appendix_letter(state.appendices)
    state.appendices += 1
    if written and written != letter:
        path, line = locate(state.doc, rf"\b{written}\b.*\{{[^}}]*\.{APPENDIX_CLASS}|"
                                       rf"^#+ .*\b{written}\b")
        warn(f"appendix written as '{written}' is appendix {letter} in order", path, line,
             hint="the build letters appendices in order; leave the letter out")
    state.appendix, state.appendix_level = letter, header.level
    number_appendix(header, letter, state.lang)
    state.add(header.identifier, "appendix", letter)


def number_equations(inlines: list, state: Numbering) -> list:
    """``$$ … $$ {#eq:x}`` → a Span ``#eq:x .equation`` holding the math and "(1)"."""
    result, index = [], 0
    while index < len(inlines):
        element = inlines[index]
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


# Classes that change how a section is numbered or placed: a near miss ("apendix")
# would silently make an appendix a numbered section.
STRUCTURE_CLASSES = (APPENDIX_CLASS, UNNUMBERED_CLASS, *BACK_MATTER_KINDS)


def check_classes(header: pf.Header, state: Numbering) -> None:
    for name in header.classes:
        if name in STRUCTURE_CLASSES:
            continue
        close = difflib.get_close_matches(name, STRUCTURE_CLASSES, n=1, cutoff=0.8)
        if close:
            path, line = locate(state.doc, rf"\{{[^}}]*\.{re.escape(name)}\b")
            warn(f"unknown class '.{name}' on the heading '{pf.stringify(header)}'", path, line,
                 hint=f"did you mean '.{close[0]}'?")


def number_blocks(blocks, state: Numbering) -> None:
    for block in blocks:
        if isinstance(block, pf.Header):
            check_classes(block, state)
            number_section(block, state)
        elif isinstance(block, pf.Figure):
            number = state.next_number("figure")
            number_caption(block, "figure", number, state.lang)
            state.add(block.identifier, "figure", number)
            number_blocks(block.content, state)
        elif isinstance(block, pf.Table) and (block.identifier or pf.stringify(block.caption)):
            number = state.next_number("table")
            number_caption(block, "table", number, state.lang)
            state.add(block.identifier, "table", number)
        elif isinstance(block, (pf.Para, pf.Plain)):
            if any(isinstance(i, pf.Math) for i in block.content):
                block.content = number_equations(list(block.content), state)
        elif isinstance(block, (pf.Div, pf.BlockQuote)):
            number_blocks(block.content, state)
        elif isinstance(block, (pf.BulletList, pf.OrderedList)):
            for item in block.content:
                number_blocks(item.content, state)


# --- references --------------------------------------------------------------------

def reference_inlines(citations: list, state: Numbering) -> list[pf.Inline]:
    """Consecutive cross-references of one bracket: each number a link, runs of one
    kind sharing one label ("Şekil 1 ve 2"); prefixes and suffixes kept."""
    groups: list[list] = []
    for citation in citations:
        target = state.targets[target_id(citation.id)]
        if groups and groups[-1][0][1].kind == target.kind and not citation.prefix \
                and not groups[-1][-1][0].suffix:
            groups[-1].append((citation, target))
        else:
            groups.append([(citation, target)])
    inlines: list[pf.Inline] = []
    for index, group in enumerate(groups):
        if index:
            inlines += [pf.Str(";"), pf.Space()]
        first = group[0][0]
        if first.prefix:
            inlines += [*first.prefix, pf.Space()]
        inlines += group_inlines(group, state.lang)
        if group[-1][0].suffix:
            inlines += list(group[-1][0].suffix)
    return inlines


def group_inlines(group: list, lang: str) -> list[pf.Inline]:
    """One kind's references: "Şekil 1", "Figures 1–3 and 5" (each number a link, in
    order), the number alone for ``[-@fig:x]`` (an equation's too: "1", so that
    "Equation [-@eq:x]" does not print its parentheses twice), capitalised for ``@Fig:x``."""
    kind = group[0][1].kind
    numbers_only = group[0][0].mode == "SuppressAuthor"
    capital = group[0][0].id[:1].isupper()
    targets = {target.number: target for _, target in group}
    if len(group) == 1:
        number = group[0][1].number
        text = number if numbers_only else label_text(kind, number, lang)
        return [xref_link(upper_first(text, lang) if capital else text, targets[number])]
    links = [xref_link(item if numbers_only else shown_number(kind, item), targets[item.split("–")[0]])
             for item in collapse(sorted(targets, key=number_order))]
    inlines: list[pf.Inline] = []
    if not numbers_only:
        word = term(lang, kind + "s")
        inlines += [pf.Str(upper_first(word, lang) if capital else word), pf.Space()]
    for index, link in enumerate(links):
        if index == len(links) - 1 and index:
            inlines += [pf.Space(), pf.Str(term(lang, "and")), pf.Space()]
        elif index:
            inlines += [pf.Str(","), pf.Space()]
        inlines.append(link)
    return inlines


def number_order(number: str) -> tuple:
    """Numbers in reading order: 2 before 10, the main text's before the appendices'.

    >>> sorted(["10", "2", "A1", "1.2"], key=number_order)
    ['1.2', '2', '10', 'A1']
    """
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.findall(r"\d+|[^\d.]+", number))


def xref_link(text: str, target: Target) -> pf.Link:
    return pf.Link(*text_to_inlines(text), url=f"#{target.identifier}", classes=[XREF_CLASS])


def target_id(citation_id: str) -> str:
    """``Fig:map`` (capitalised at a sentence start) refers to ``fig:map``."""
    return citation_id[:1].lower() + citation_id[1:]


def resolve(cite: pf.Cite, state: Numbering) -> list[pf.Inline] | None:
    """A Cite's cross-references as linked text; None when it has none.

    ``@eq:x [see @fig:y; @smith]`` (pandoc reads the bracket after an in-text
    reference as part of it) prints "Equation (1) (see Figure 2; Smith, 2020)"."""
    if not any(kind_of(c.id) for c in cite.citations):
        return None
    first = cite.citations[0]
    if kind_of(first.id) and first.mode == "AuthorInText" and len(cite.citations) > 1:
        lead = resolve(pf.Cite(citations=[first]), state)
        rest = pf.Cite(citations=list(cite.citations[1:]))
        inner = resolve(rest, state)
        if inner is None:
            return [*lead, pf.Space(), rest]
        if inner == [rest]:
            return [*lead, pf.Space(), *inner]
        return [*lead, pf.Space(), pf.Str("("), *inner, pf.Str(")")]
    known = [c for c in cite.citations if kind_of(c.id) and known_reference(c, state)]
    others = [c for c in cite.citations if not kind_of(c.id)]
    if not others:
        return reference_inlines(known, state) if known else [pf.Str(f"?{first.id}")]
    attach_to_citations(cite.citations, set(map(id, known)), state)
    cite.citations = others
    return [cite]


def known_reference(citation, state: Numbering) -> bool:
    """True when the cross-reference points at a numbered thing of its kind; else reported."""
    target = state.targets.get(target_id(citation.id))
    expected = kind_of(citation.id)
    if target is not None and (target.kind == expected or expected == "section" and target.kind == "appendix"):
        return True
    path, line = locate(state.doc, rf"@{re.escape(citation.id)}(?![\w:-])")  # only to report
    if target is None:
        error(f"unknown cross-reference '{citation.id}'", path, line, closest_label(citation.id, state))
        return False
    error(f"cross-reference '{citation.id}' points at a {target.kind}, not a {expected}",
          path, line, hint=f"label it {{#{re.split('[:-]', citation.id)[0]}…}}")
    return False


def closest_label(wanted: str, state: Numbering) -> str:
    """The fix for an unknown label: the same name under another kind's prefix
    ("did you mean 'fig:trend'?" for ``@tbl:trend``), else the closest label; written
    as the reference is, capitalised or not (``@Fig:bras`` → 'Fig:bars')."""
    label = target_id(wanted)
    def as_written(known: str) -> str:
        return known[:1].upper() + known[1:] if label != wanted else known

    name = re.split(r"[:-]", label, maxsplit=1)[1]
    same_name = [known for known in state.targets if re.split(r"[:-]", known, maxsplit=1)[-1] == name]
    if same_name:
        return f"did you mean '{as_written(same_name[0])}'? it is a {state.targets[same_name[0]].kind}"
    return suggestion(wanted, [as_written(known) for known in state.targets],
                      "label the figure, table, equation or section with {#" + label + "}")


def attach_to_citations(citations: list, known: set[int], state: Numbering) -> None:
    """In a bracket that mixes both, cross-references become text of the citations
    around them, so that the citation stage prints one bracket: those before the
    first citation its prefix ("(see Figure 1; Smith, 2020)"), the others the suffix
    of the citation before them ("(Smith, 2020, Table 2)")."""
    pending: list = []
    previous = None
    for citation in citations:
        if kind_of(citation.id):
            if id(citation) in known:
                pending.append(citation)
            continue
        if pending:
            text = reference_inlines(pending, state)
            if previous is None:
                citation.prefix = [*text, pf.Str(";"), pf.Space(), *citation.prefix]
            else:
                previous.suffix = [*previous.suffix, pf.Str(","), pf.Space(), *text]
            pending = []
        previous = citation
    if pending and previous is not None:
        previous.suffix = [*previous.suffix, pf.Str(","), pf.Space(), *reference_inlines(pending, state)]


def resolve_all(doc: pf.Doc, state: Numbering) -> None:
    cites = [e for e in descendants(doc) if isinstance(e, pf.Cite)]
    for cite in cites:
        replacement = resolve(cite, state)
        if replacement is None or replacement == [cite]:
            continue
        cite.parent.content[cite.index] = pf.Span(*replacement)


# --- the filter ------------------------------------------------------------------

def prepare(doc: pf.Doc) -> None:
    lang = base_language(doc.get_metadata("lang", default=None))
    doc.content = normalise(doc.content)
    state = Numbering(lang, doc)
    number_blocks(doc.content, state)
    resolve_all(doc, state)


def main(doc=None):
    # no per-element action: prepare walks the blocks itself
    return pf.run_filters([], prepare=prepare, doc=doc)

