"""Cross-references, resolved against the document's one numbering index: each
becomes links whose text is the target's label in the document's language
("Şekil 1", "Figures 1 and 2"; ``filters.numbering``).

The crossref stage numbers the manuscript and resolves what it numbered; a bracket
of cross-references to something a later stage numbers (the chronology's timeline,
``@fig:timeline``) is left pending, and this stage, once every stage has numbered
what it adds, resolves it, or reports it unknown with the closest label. Cites that
are not cross-references are left for the citation stage; a bracket that mixes
both keeps the cross-references' text in the citation's prefix.

Stand-alone: ``pandoc -F filters/references.py``.
"""
from __future__ import annotations

import re
from collections import Counter

if __name__ == "__main__":  # pandoc -F filters/NAME.py
    import standalone; standalone.run(__file__)  # noqa: E702, I001

import panflute as pf

from core.diagnostics import NamedFirst, error, locate, suggestion, warn
from core.kinds import LATEX_FORMATS
from core.language import LANGUAGE_CODES, term, upper_first
from core.markup import text_to_inlines
from core.names import (
    CELL_CLASS,
    CELL_LABEL_ATTRIBUTE,
    GENERATED_LIST_CLASS,
    GENERATED_LIST_COMMANDS,
    GENERATED_LIST_TERMS,
    KIND_ATTRIBUTE,
    NUMBER_ATTRIBUTE,
    PENDING_XREF_CLASS,
    REFERENCE_ATTRIBUTE,
    REFERENCE_TYPE_ATTRIBUTE,
    SUBFIGURE_CLASS,
    XREF_CLASS,
)
from filters.elements import ancestors, body_elements, descendants, siblings
from filters.numbering import (
    Index,
    Target,
    collapse,
    index_of,
    kind_of,
    label_text,
    plural,
    shown_number,
)


def reference_inlines(citations: list, state: Index) -> list[pf.Inline]:
    """Consecutive cross-references of one bracket: each number a link, runs of one
    kind sharing one label ("Şekil 1 ve 2"); prefixes and suffixes kept."""
    groups: list[list] = []
    for citation in citations:
        target = state.targets[target_id(citation.id)]
        if groups and groups[-1][0][1].kind == target.kind and not citation.prefix \
                and not groups[-1][-1][0].suffix and target.number and groups[-1][0][1].number:
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
        text = (group[0][1].title if not number else number if numbers_only  # an unnumbered section's title
                else label_text(kind, number, lang))
        return [xref_link(upper_first(text, lang) if capital else text, targets[number])]
    links = [xref_link(item if numbers_only else shown_number(kind, item), targets[item.split("–")[0]])
             for item in collapse(sorted(targets, key=number_order))]
    inlines: list[pf.Inline] = []
    if not numbers_only:
        word = term(lang, plural(kind))
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
    return tuple((0, int(part), "") if part.isdecimal() else (1, 0, part)
                 for part in re.findall(r"\d+|[^\d.]+", number))


def xref_link(text: str, target: Target) -> pf.Link:
    return pf.Link(*text_to_inlines(text), url=f"#{target.identifier}", classes=[XREF_CLASS])


def target_id(citation_id: str) -> str:
    """``Fig:map`` (capitalised at a sentence start) refers to ``fig:map``."""
    return citation_id[:1].lower() + citation_id[1:]


def resolve(cite: pf.Cite, state: Index) -> list[pf.Inline] | None:
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


def known_reference(citation, state: Index) -> bool:
    """True when the cross-reference points at a numbered thing of its kind; else reported."""
    target = state.targets.get(target_id(citation.id))
    expected = kind_of(citation.id)
    if target is not None and (target.kind == expected or expected == "section" and target.kind == "appendix"):
        return True
    path, line = locate(state.doc, rf"@{re.escape(citation.id)}(?![\w:-])")  # only to report
    if target is None:
        unknown_reference(citation.id, state, path, line, closest_label(citation.id, state))
        return False
    error(f"cross-reference '{citation.id}' points at {article(target.kind)}, not {article(expected)}",
          path, line, hint=f"label it {{#{re.split('[:-]', citation.id)[0]}…}}")
    return False


def article(kind: str) -> str:
    """A kind's name with its article, for a message ("points at a equation" was one).

    >>> article("equation"), article("figure")
    ('an equation', 'a figure')
    """
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


def unknown_reference(label: str, state: Index, path, line, hint: str) -> None:
    """The error for a cross-reference to nothing numbered, saying why where the text
    shows it: what a code cell would make (this build runs none), a labelled picture
    inside a paragraph (not a figure); else ``hint`` (the closest label)."""
    cell = making_cell(label, state.doc)
    if cell:
        kind = kind_of(label) or ("table" if re.match(r"tab[:-]", label) else None)  # bookdown's tab:
        example = ("a table with its caption: `: Caption {#" + label + "}`" if kind == "table"
                   else "![Caption](figure.png){#" + label + "}")
        error(f"unknown cross-reference '{label}': what it names is made by a code cell (labelled "
              f"'{cell}'), and this build runs no code", path, line,
              hint=f"run the cell with its tool, save what it makes and include it with the label, e.g. {example}")
    elif labelled_code(label, state.doc):
        error(f"unknown cross-reference '{label}': it names a code block ({labelled_code(label, state.doc)}), "
              "which a filter this build does not run (pandoc-plot, a diagram filter) would draw as a figure",
              path, line, hint="draw the figure with the filter's tool, save it and include it with the label, "
                               "e.g. ![Caption](figure.png){#" + target_id(label) + "}")
    elif inline_picture(label, state.doc) == "uncaptioned":
        error(f"unknown cross-reference '{label}': the picture labelled so has no caption, and only a "
              "picture with one is a figure", path, line,
              hint=f"write its caption in the brackets: ![Caption](figure.png){{#{target_id(label)}}}")
    elif inline_picture(label, state.doc):
        error(f"unknown cross-reference '{label}': the picture labelled so is inside a paragraph, and only a "
              "picture alone in its paragraph is a figure", path, line,
              hint="put a blank line before and after the picture")
    elif in_raw_latex(label, state.doc):
        error(f"unknown cross-reference '{label}': it is labelled inside raw LaTeX, which only the latex "
              "edition shows (the others number nothing in it)", path, line,
              hint=f"write what it labels in Markdown, labelled {{#{target_id(label)}}}, or refer to it in "
                   f"raw LaTeX too: `\\ref{{{target_id(label)}}}`{{=latex}}")
    else:
        error(f"unknown cross-reference '{label}'", path, line, hint)


def in_raw_latex(label: str, doc: pf.Doc) -> bool:
    """Whether raw LaTeX of the text (kept for the LaTeX edition alone) has ``\\label{label}``.

    >>> in_raw_latex("tbl-a", pf.Doc(pf.RawBlock("\\\\begin{table}\\\\label{tbl-a}", format="latex")))
    True
    """
    wanted = re.compile(r"\\label\s*\{\s*" + re.escape(target_id(label)) + r"\s*\}")
    return any(isinstance(e, (pf.RawBlock, pf.RawInline)) and e.format in LATEX_FORMATS and wanted.search(e.text)
               for e in body_elements(doc))


def making_cell(label: str, doc: pf.Doc) -> str:
    """The label of the executable code cell of the text (shown as code) that makes what
    ``label`` names ("" if none): Quarto's cell has the label itself (``#| label: fig-a``),
    knitr's its name without the kind (bookdown's ``\\@ref(fig:plot1)`` names the figure of
    the chunk ``{r plot1}``).

    >>> cell = pf.CodeBlock("plot(x)", classes=["r", "cell"], attributes={"cell-label": "plot1"})
    >>> making_cell("fig:plot1", pf.Doc(cell)), making_cell("fig:plot2", pf.Doc(cell))
    ('plot1', '')
    """
    wanted = target_id(label)
    names = {wanted, re.sub(r"^(?:fig|tab|tbl)[:-]", "", wanted)}
    return next((block.attributes[CELL_LABEL_ATTRIBUTE] for block in [*body_elements(doc),
                                                                      *getattr(doc, "hidden_cells", ())]
                 if isinstance(block, pf.CodeBlock) and CELL_CLASS in block.classes
                 and block.attributes.get(CELL_LABEL_ATTRIBUTE) in names), "")


def labelled_code(label: str, doc: pf.Doc) -> str:
    """The classes (``.matplotlib``) of a code block that carries ``label``, or "".

    >>> labelled_code("fig:a", pf.Doc(pf.CodeBlock("", identifier="fig:a", classes=["matplotlib"])))
    '.matplotlib'
    """
    wanted = target_id(label)
    return next((" ".join(f".{name}" for name in block.classes) or "no class" for block in body_elements(doc)
                 if isinstance(block, pf.CodeBlock) and block.identifier == wanted), "")


def inline_picture(label: str, doc: pf.Doc) -> bool | str:
    """Whether a picture in a paragraph's text (not a figure: pandoc makes one of a
    picture alone in its paragraph, with a caption) carries ``label``, as its id or a
    ``\\label`` in its text: "uncaptioned" when it stands alone without a caption.

    >>> inline_picture("fig:a", pf.Doc(pf.Para(pf.Str("See"), pf.Image(url="a.png", identifier="fig:a"))))
    True
    >>> inline_picture("fig:a", pf.Doc(pf.Para(pf.Image(url="a.png", identifier="fig:a"))))
    'uncaptioned'
    """
    wanted = target_id(label)
    for image in (e for e in body_elements(doc) if isinstance(e, pf.Image)):
        inside = [e for e in descendants(image)]
        if image.identifier == wanted or any(getattr(e, "identifier", "") == wanted for e in inside) or any(
                isinstance(e, pf.RawInline) and f"\\label{{{wanted}}}" in e.text for e in inside):
            if isinstance(image.parent, pf.Plain) and isinstance(image.parent.parent, pf.Figure):
                return False
            alone = isinstance(image.parent, pf.Para) and len(image.parent.content) == 1
            return "uncaptioned" if alone and not pf.stringify(image).strip() else True
    return False


def closest_label(wanted: str, state: Index) -> str:
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


def attach_to_citations(citations: list, known: set[int], state: Index) -> None:
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


def tex_reference(link: pf.Link, state: Index) -> pf.Link | None:
    """A LaTeX cross-reference (a Link from the tex stage) as the target's label, linked:
    ``\\autoref``, ``\\cref`` → "Figure 1", ``\\Cref`` → the same, capitalised, ``\\ref`` →
    "1", ``\\eqref`` → "(1)"; None when nothing of that label is numbered (yet)."""
    target = state.targets.get(link.attributes[REFERENCE_ATTRIBUTE])
    if target is None:
        return None
    form = link.attributes[REFERENCE_TYPE_ATTRIBUTE]
    if not target.number:  # an unnumbered section: its title
        text = target.title
    elif form.startswith("ref+"):
        text = label_text(target.kind, target.number, state.lang)
        text = upper_first(text, state.lang) if form == "ref+Label" else text
    else:
        text = shown_number("equation", target.number) if form == "eqref" else target.number
    return xref_link(text, target)


def tex_references(doc: pf.Doc) -> list[pf.Link]:
    return [e for e in body_elements(doc) if isinstance(e, pf.Link) and REFERENCE_TYPE_ATTRIBUTE in e.attributes]


def resolve_tex(doc: pf.Doc, state: Index, report: bool) -> None:
    """Every LaTeX cross-reference whose label is numbered, resolved; with ``report``,
    each other one is an error (after every stage has numbered what it adds)."""
    for link in tex_references(doc):
        resolved = tex_reference(link, state)
        if resolved is not None:
            siblings(link)[link.index] = resolved
        elif report:
            label = link.attributes[REFERENCE_ATTRIBUTE]
            # \ref{x}, \eqref{x}, \autoref{x}, or bookdown's \@ref(x)
            path, line = locate(doc, r"\\(?:\w*ref\{" + re.escape(label) + r"\}|@ref\(" + re.escape(label) + r"\))")
            unknown_reference(label, state, path, line,
                              suggestion(label, state.targets, "label the figure, table, equation or section "
                                                               f"with \\label{{{label}}} or {{#{label}}}"))
            # said once: the links stage would name its address again, with no place
            siblings(link)[link.index] = pf.Span(*link.content)


def deferred(cite: pf.Cite, state: Index) -> bool:
    """A bracket of cross-references only, one of which names nothing numbered yet:
    left for this stage, after every stage has numbered what it adds."""
    ids = [citation.id for citation in cite.citations]
    return all(kind_of(i) for i in ids) and any(target_id(i) not in state.targets for i in ids)


def names_kind(word: str, kind: str, lang: str, own: set[str] | frozenset = frozenset()) -> bool:
    """Whether an author's word before a reference is the word the reference prints
    ("Figure @fig:x", "Fig. @fig:x", "Tables @tbl:a and …"): the word, its plural, or an
    abbreviation of either with its full stop.

    >>> names_kind("Figure", "figure", "en"), names_kind("fig.", "figure", "en"), names_kind("Şekil", "figure", "tr")
    (True, True, True)
    >>> names_kind("the", "figure", "en"), names_kind("F.", "figure", "en"), names_kind("Figs.", "figure", "en")
    (False, False, True)
    """
    written = word.strip(",;:()[]").casefold()
    words = {term(code, name).casefold() for code in (lang, *LANGUAGE_CODES) for name in (kind, plural(kind))}
    words |= {word.casefold() for word in own}  # the author's own (pandoc-crossref's figureTitle: Figura)
    if written in words:
        return True
    # an abbreviation, or its plural ("Figs.", "Eqs.": the abbreviation with an s)
    stems = [written[:-1], *([written[:-2]] if written.endswith("s.") and len(written) >= 4 else [])]
    return written.endswith(".") and len(written) >= 3 and any(w.startswith(stem) for w in words for stem in stems)


def as_the_author_wrote(cite: pf.Cite, lang: str, own: dict[str, set[str]] | None = None) -> bool:
    """A reference after the word it prints is its number alone ("Figure @fig:x",
    "Table [@tbl:x]" and "[see Figure @fig:x]" → "Figure 1", never "Figure Figure 1";
    the word in any language with a pack: "Şekil @fig:x" in an English text; pandoc-xnos's ``+@``,
    ``!@`` and ``*@`` are read with the text, ``core.sourcetext.xnos_references``), and so
    is each of a list the word names ("Figures @fig:a, @fig:b and @fig:c"). True when the
    number is an equation's that the word names outside a bracket, which then prints in its
    parentheses ("Equation (1)")."""
    if len(cite.citations) != 1 or cite.citations[0].mode not in ("AuthorInText", "NormalCitation"):
        return False
    citation, before = cite.citations[0], cite.prev
    kind = kind_of(citation.id)
    prefix = [inline for inline in citation.prefix if not isinstance(inline, (pf.Space, pf.SoftBreak))]
    if not kind:
        return False
    words = (own or {}).get(kind, set())  # the author's own, pandoc-crossref's (figureTitle: Figura)
    if prefix:  # "[Figure @fig:x]", "[see Figure @fig:x]": the word is the prefix's last
        if isinstance(prefix[-1], pf.Str) and names_kind(prefix[-1].text, kind, lang, words):
            citation.mode = "SuppressAuthor"
    elif isinstance(before, pf.Space) and isinstance(before.prev, pf.Str) \
            and names_kind(before.prev.text, kind, lang, words) \
            or listed_after_named(cite, kind, lang) and not citation.id[:1].isupper():  # @Fig:x asks for its word
        citation.mode = "SuppressAuthor"
        return kind == "equation"  # "Equations (1), (2) and (3)": the number as an equation's prints
    return False


def listed_after_named(cite: pf.Cite, kind: str, lang: str) -> bool:
    """Whether ``cite`` continues a list of references of its kind that a word named
    before the first ("Equations @eq:a, @eq:b, and @eq:c": each the number alone), the
    one before it already read so (``as_the_author_wrote`` reads them in order).

    >>> a, b = (pf.Cite(pf.Str(f"@{k}"), citations=[pf.Citation(k)]) for k in ("eq:a", "eq:b"))
    >>> a.citations[0].mode = "SuppressAuthor"
    >>> para = pf.Para(pf.Str("Equations"), pf.Space(), a, pf.Str(","), pf.Space(), pf.Str("and"), pf.Space(), b)
    >>> listed_after_named(para.content[7], "equation", "en")
    True
    >>> para.content[0].text = "Equation"  # one named: the next is named on its own
    >>> listed_after_named(para.content[7], "equation", "en")
    False
    """
    joiners = {",", term(lang, "and"), "and", "&"}
    item = listed_before(cite, joiners)
    if item is None or len(item.citations) != 1:
        return False
    previous = item.citations[0]
    if previous.mode != "SuppressAuthor" or kind_of(previous.id) != kind:
        return False
    # the list's first, after a word in the plural ("Figures", "Figs."): "Table @tbl:a, @tbl:b has …"
    # and "Figure @fig:a and @fig:b" name one each
    head = item
    while isinstance(head, pf.Cite) and (earlier := listed_before(head, joiners)) is not None:
        head = earlier
    word = head.prev.prev if isinstance(head.prev, pf.Space) else None
    return isinstance(word, pf.Str) and names_plural(word.text, kind, lang)


def listed_before(cite: pf.Cite, joiners: set[str]) -> pf.Cite | None:
    """The reference a list joins ``cite`` to (by commas and "and"), if any."""
    item = cite.prev
    while item is not None and (isinstance(item, (pf.Space, pf.SoftBreak))
                                or isinstance(item, pf.Str) and item.text in joiners):
        item = item.prev
    return item if isinstance(item, pf.Cite) and item is not cite.prev else None


def names_plural(word: str, kind: str, lang: str) -> bool:
    """Whether a word names several of a kind: its plural, or a plural abbreviation.

    >>> names_plural("Figures", "figure", "en"), names_plural("Figs.", "figure", "en"), names_plural("Figure", "figure", "en")
    (True, True, False)
    """
    written = word.strip(",;:()[]").casefold()
    plurals = {term(code, plural(kind)).casefold() for code in (lang, *LANGUAGE_CODES)}
    return written in plurals or written.endswith("s.") and len(written) >= 4 and any(
        p.startswith(written[:-2]) for p in plurals)


def resolve_all(doc: pf.Doc, state: Index) -> None:
    """Every cross-reference to what ``state`` holds as links; a bracket that names
    something not numbered yet is put in a pending Span, for ``main``."""
    cites = [e for e in descendants(doc) if isinstance(e, pf.Cite)]
    # all read first: a list's reference is read after the one before it, still a Cite
    parenthesised = {id(cite) for cite in cites if as_the_author_wrote(cite, state.lang, getattr(doc, "kind_words", {}))}

    def framed(cite, *inlines):  # one element for one: the others' places in their list stay right
        return pf.Span(pf.Str("("), *inlines, pf.Str(")")) if id(cite) in parenthesised else pf.Span(*inlines)

    for cite in cites:
        if deferred(cite, state):
            waiting = pf.Span(cite, classes=[PENDING_XREF_CLASS])
            siblings(cite)[cite.index] = framed(cite, waiting) if id(cite) in parenthesised else waiting
            continue
        replacement = resolve(cite, state)
        if replacement is None or replacement == [cite]:
            continue
        siblings(cite)[cite.index] = framed(cite, *replacement)
    resolve_tex(doc, state, report=False)


def pending(element: pf.Element) -> bool:
    """A Cite that waits for this stage (the citation stage leaves it alone)."""
    return isinstance(element, pf.Span) and PENDING_XREF_CLASS in element.classes


def resolve_pending(doc: pf.Doc) -> None:
    state = index_of(doc)
    seen = list(body_elements(doc))  # one walk: the references left pending, the lists to fill
    for span in [e for e in seen if pending(e)]:
        siblings(span)[span.index] = pf.Span(*resolve(span.content[0], state))
    resolve_tex(doc, state, report=True)
    generated_lists(doc, [e for e in seen if isinstance(e, pf.Div) and GENERATED_LIST_CLASS in e.classes])


# What each generated list lists.
LISTED = {"contents": pf.Header, "figure": pf.Figure, "table": pf.Table}


def entry_words(element: pf.Element) -> str:
    """What a generated list says of a heading or a caption: its words, not its notes'.

    >>> entry_words(pf.Header(pf.Str("Intro"), pf.Note(pf.Para(pf.Str("a note")))))
    'Intro'
    """
    return " ".join("".join(e.text if isinstance(e, pf.Str) else " " for e in descendants(element)
                            if isinstance(e, (pf.Str, pf.Space, pf.SoftBreak))
                            and not any(isinstance(outer, pf.Note) for outer in ancestors(e))).split())


def generated_lists(doc: pf.Doc, lists: list[pf.Div]) -> None:
    r"""The lists the author asked LaTeX to make (``\tableofcontents``, ``\listoffigures``,
    ``\listoftables``: the tex stage's ``generated-list`` divs, ``lists``) filled, for the
    editions that show them as they are (HTML, EPUB, DOCX, JATS): the heading, then a link
    to each section (two levels), figure or table, numbered as the text numbers it; the
    PDF sets Typst's own, with their pages, the LaTeX folder LaTeX's. They printed
    nothing before, without a word, but in LaTeX. A second list of one kind is the
    first's again: left out, with a warning (a thousand lists of a thousand headings
    each took minutes)."""
    if not lists:
        return
    lang = doc.get_metadata("lang", default="en")
    filled: Counter = Counter()  # the lists of each kind so far: the nth one written is this one
    named = NamedFirst()
    for generated in lists:
        listed = generated.attributes.get(KIND_ATTRIBUTE, "")
        listed = listed if listed in LISTED else "contents"
        filled[listed] += 1
        if filled[listed] > 1:
            if named.take():
                warn(f"a second list of {term(lang, GENERATED_LIST_TERMS[listed]).lower()} is left out: it would "
                     "repeat the first", *locate(doc, re.escape(GENERATED_LIST_COMMANDS[listed]),
                                                 nth=filled[listed] - 1), hint="write it once")
            siblings(generated).remove(generated)
            continue
        kind = LISTED[listed]
        items = [element for element in body_elements(doc) if isinstance(element, kind) and element.identifier
                 and (kind is not pf.Header or element.level <= 2)
                 and (kind is pf.Header or NUMBER_ATTRIBUTE in element.attributes)
                 and SUBFIGURE_CLASS not in element.classes]
        words = [entry_words(item if kind is pf.Header else item.caption) for item in items]
        generated.content = [pf.Para(pf.Strong(pf.Str(term(lang, GENERATED_LIST_TERMS[listed])))), *([pf.BulletList(*(
            pf.ListItem(pf.Plain(pf.Link(*text_to_inlines(text), url=f"#{item.identifier}")))
            for item, text in zip(items, words)))] if items else [])]
    named.report("lists repeated", "write each list once")


def main(doc=None):
    return pf.run_filters([], prepare=resolve_pending, doc=doc)
