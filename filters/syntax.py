"""The block syntax of pandoc-crossref and Quarto, read into this build's elements before
the crossref stage numbers them, so that manuscripts written for either build as
their authors wrote them:

- listings: a code block labelled ``{#lst:x}`` (or Quarto's ``#lst-x``) with its caption
  in a ``caption=`` or ``lst-cap=`` attribute, in a ``Listing: …`` (or ``: …``) paragraph
  beside it, or in a ``<div id="lst:x" class="listing">`` around both;
- the theorem family of Quarto: ``::: {#thm-x}`` (``lem``, ``cor``, ``prp``, ``cnj``,
  ``def``, ``exm``, ``exr``), its first heading its name; ``::: {.proof}`` (``.remark``,
  ``.solution``): unnumbered, closed by ∎;
- callouts: ``::: {.callout-note}`` (``tip``, ``warning``, ``important``, ``caution``),
  titled by its ``title`` attribute, its first heading or the language's word;
- tabsets: ``::: {.panel-tabset}``, a heading per tab: as Quarto's print formats show it,
  every tab in turn under its heading, unnumbered and out of the contents (a tab is no
  section of the text);
- shortcodes: ``{{< pagebreak >}}`` a page break, ``{{< meta key >}}`` the value,
  ``{{< include file >}}`` on a line of its own the file's text (read before pandoc reads:
  ``press.manuscript.with_includes``),
  ``{{< latex >}}``, ``{{< bibtex >}}``, ``{{< ldots >}}`` their words; any other a warning,
  never printed as text;
- the reference list's heading: a last heading "References" with nothing under it, or
  the heading over ``::: {#refs}`` (where the citations stage puts the list), is the
  list's heading, not a second one.

Subfigures, figure and table divs are the crossref stage's (``filters.crossref``).

>>> shortcode("{{< meta title >}}")
('meta', ['title'])
>>> callout_kind(["callout-tip", "x"]), callout_kind(["note"])
('tip', None)
"""
from __future__ import annotations

import re
from collections import Counter

if __name__ == "__main__":  # pandoc -F filters/NAME.py
    import standalone; standalone.run(__file__)  # noqa: E702, I001

import panflute as pf

from core.diagnostics import NamedFirst, error, locate, shorten, suggestion, warn
from core.inputs import limit
from core.language import LANGUAGE_CODES, base_language, has_pack, term
from core.markup import text_to_inlines
from core.names import (
    ALT_OPTION,
    APPENDIX_CLASS,
    BIBLIOGRAPHY_ID,
    BUILD_KEYS,
    CALLOUT_CLASS,
    CELL_CLASS,
    CELL_HIDDEN_ATTRIBUTE,
    CELL_LABEL_ATTRIBUTE,
    CONDITIONAL_CLASS,
    HEADED_CLASS,
    HIDDEN_CLASS,
    HIDDEN_IN_ATTRIBUTE,
    KIND_ATTRIBUTE,
    LISTING_CLASS,
    PAGE_BREAK_CLASS,
    PROOF_CLASS,
    REFERENCES_CLASS,
    SHOWN_IN_ATTRIBUTE,
    THEOREM_CLASS,
    THEOREM_NAME_CLASS,
    UNNUMBERED_CLASS,
    VARIABLES_KEY,
)
from filters.elements import (
    ancestors,
    body_elements,
    descendants,
    held_blocks,
    leaf_text,
    refs_div,
    siblings,
)
from filters.numbering import LABELLED_THEOREMS, THEOREMS, kind_of

CALLOUTS = ("note", "tip", "warning", "important", "caution")
PROOFS = ("proof", "remark", "solution")
# The appendices as LaTeX's appendix package writes them (rticles' Springer skeleton:
# ::: {.appendices latex=true}): the sections inside are appendices, as in ::: appendix.
APPENDICES = "appendices"
SHORTCODE = re.compile(r"^\{\{<\s*([\w-]+)((?:\s+[^\s>]+)*)\s*>\}\}$")
# What a shortcode of Quarto's journal extensions prints.
WORDS = {"latex": "LaTeX", "tex": "TeX", "bibtex": "BibTeX", "ldots": "…"}


def reference_headings() -> set[str]:
    """The headings authors give a reference list, in every pack's language (a paper in
    English may still head it "Kaynakça")."""
    return {heading for code in LANGUAGE_CODES
            for heading in (term(code, "references").lower(), *term(code, "reference_headings"))}


# --- shortcodes ----------------------------------------------------------------------

def shortcode(text: str) -> tuple[str, list[str]] | None:
    """``{{< name args >}}`` as (name, args); None for other text."""
    match = SHORTCODE.match(text.strip())
    return (match.group(1), match.group(2).split()) if match else None


def shortcode_inlines(inlines: list, start: int) -> tuple[int, str] | None:
    """Where a shortcode written in the text ends (the index after it), and its text:
    pandoc reads ``{{< meta title >}}`` as words and spaces."""
    if not (isinstance(inlines[start], pf.Str) and inlines[start].text.startswith("{{<")):
        return None
    text = ""
    for end in range(start, len(inlines)):
        text += pf.stringify(inlines[end]) if not isinstance(inlines[end], (pf.Space, pf.SoftBreak)) else " "
        if ">}}" in text:
            return end + 1, text
    return None


# Blocks whose content is a run of inlines: a paragraph, a heading, a line of a line block.
INLINE_BLOCKS = (pf.Para, pf.Plain, pf.Header, pf.LineItem, pf.MetaInlines)


def written_lines(doc: pf.Doc) -> list[tuple[pf.Element, str]]:
    """Every run of inlines an author may write a shortcode in, as (element, the
    attribute that holds it): the text's paragraphs, headings and lines, the words in
    emphasis, a span, a link or a picture's description, a definition's term, and the
    metadata's (an abstract's, a title's). A citation's words are the build's, a note's
    content is blocks (their paragraphs are runs of their own).

    >>> doc = pf.Doc(pf.Header(pf.Str("A")), pf.Para(pf.Emph(pf.Str("b")), pf.Note(pf.Para(pf.Str("c")))),
    ...              pf.DefinitionList(pf.DefinitionItem([pf.Str("t")], [pf.Definition(pf.Plain(pf.Str("d")))])))
    >>> [(type(element).__name__, attribute) for element, attribute in written_lines(doc)]
    [('Header', 'content'), ('Para', 'content'), ('Emph', 'content'), ('Para', 'content'), \
('DefinitionItem', 'term'), ('Plain', 'content')]
    """
    runs = []
    for element in [*body_elements(doc), *descendants(doc.metadata)]:
        if isinstance(element, pf.DefinitionItem):
            runs.append((element, "term"))
        elif isinstance(element, INLINE_BLOCKS) or (isinstance(element, pf.Inline) and not isinstance(
                element, (pf.Note, pf.Cite)) and isinstance(getattr(element, "content", None), pf.ListContainer)):
            runs.append((element, "content"))
    return runs


def replace_shortcodes(doc: pf.Doc) -> None:
    """Every shortcode in the text and the metadata by what it stands for; an unknown one
    left out, with a warning (Quarto's renderer, which would expand it, does not run here)."""
    seen: Counter = Counter()  # each shortcode's text: the second time, its second place
    named = NamedFirst()
    expanded = 0  # what the shortcodes put in, counted against the text's limit
    if not any("{{<" in element.text for element in body_elements(doc) if isinstance(element, pf.Str)) \
            and not any("{{<" in leaf_text(element) for element in descendants(doc.metadata)
                        if isinstance(element, pf.MetaInlines)):
        return  # no word opens one: most texts (each run of inlines looked at cost a build 10 ms)
    for element, attribute in written_lines(doc):
        if expanded > limit("text"):
            break
        if "{{<" not in leaf_text(element):  # no word of it opens one (pf.stringify cost 30 ms a build)
            continue
        inlines, result, index = opened(list(getattr(element, attribute))), [], 0
        while index < len(inlines):
            found = shortcode_inlines(inlines, index)
            if found is None:
                result.append(inlines[index])
                index += 1
                continue
            end, text = found
            trailing = text[text.index(">}}") + 3:]
            written = text[:text.index(">}}") + 3]
            seen[written] += 1
            put = expansion(shortcode(written), written, doc, seen[written] - 1, named)
            expanded += len(pf.stringify(pf.Plain(*put))) if put else 0
            if expanded > limit("text"):  # {{< meta subtitle >}} a thousand times: the text, multiplied
                error(f"the shortcodes put {expanded:,} characters or more into the text, over the text limit of "
                      f"{limit('text'):,}", *locate(doc, re.escape(written), metadata=True),
                      hint="write fewer of them, or a shorter value")
                break
            result += put + (text_to_inlines(trailing) if trailing else [])
            index = end
        result = [inline for position, inline in enumerate(result)  # no two spaces where one went
                  if not (isinstance(inline, pf.Space) and position and isinstance(result[position - 1], pf.Space))]
        if not pf.stringify(pf.Plain(*result)).strip() and "pagebreak" in pf.stringify(element) \
                and isinstance(element, (pf.Para, pf.Plain)):
            siblings(element)[element.index] = pf.Div(classes=[PAGE_BREAK_CLASS])
        else:
            setattr(element, attribute, result)
    named.report("shortcodes left out", SHORTCODE_HINT)


def opened(inlines: list) -> list:
    """The inlines with a word that opens a shortcode inside it (``({{<``) cut before it:
    pandoc reads "({{< var x >}}%)" as one word."""
    result = []
    for inline in inlines:
        at = inline.text.find("{{<") if isinstance(inline, pf.Str) else -1
        result += [pf.Str(inline.text[:at]), pf.Str(inline.text[at:])] if at > 0 else [inline]
    return result


def expansion(parsed, text: str, doc: pf.Doc, nth: int = 0, named: NamedFirst | None = None) -> list[pf.Inline]:
    name, args = parsed or ("", [])
    if name in WORDS:
        return [pf.Str(WORDS[name])]
    if name == "smallcaps":
        return [pf.SmallCaps(*text_to_inlines(" ".join(args)))]
    if name == "meta" and args and args[0].split(".")[0] not in BUILD_KEYS:  # never the build's own (a path)
        value = doc.get_metadata(args[0], default=None)
        if isinstance(value, str):
            return text_to_inlines(value)
    if name == "var" and args:  # Quarto's _variables.yml (press.manuscript.with_variables)
        value = doc.get_metadata(f"{VARIABLES_KEY}.{args[0]}", default=None)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return text_to_inlines(str(value))
        known = doc.get_metadata(VARIABLES_KEY, default=None)
        if isinstance(known, dict):
            warn(f"the shortcode '{text.strip()}' is left out: _variables.yml has no value '{args[0]}'",
                 *locate(doc, r"\s+".join(map(re.escape, text.split())), nth=nth, metadata=True),
                 hint=suggestion(args[0], list(known), "add it to _variables.yml"))
            return []
    if name == "pagebreak":
        return []
    if named is None or named.take():  # the first 30 named at their lines, the rest counted
        written = r"\s+".join(map(re.escape, text.split()))
        if name == "include":  # not one on a line of its own: that one was read before pandoc
            written = rf"(?:\S[ \t]*{written}|{written}(?=[ \t]*\S))"
        path, line = locate(doc, written, nth=nth, metadata=True)
        warn(f"the shortcode '{text.strip()}' is left out: it needs Quarto's renderer", path, line,
             hint=INCLUDE_HINT if name == "include" else SHORTCODE_HINT)
    return []


SHORTCODE_HINT = "write its result in the text ({{< pagebreak >}}, {{< meta key >}}, {{< var key >}} are read)"
# An include is read where it stands on a line of its own (press.manuscript.with_includes).
INCLUDE_HINT = "put the include on a line of its own: the file's text is then read there"


# --- listings -----------------------------------------------------------------------------

CAPTION_PARAGRAPH = re.compile(r"^(?:Listing)?:\s+")
TRAILING_LABEL = re.compile(r"^\{#((?:lst)[:-][^\s}]+)\}$")


def caption_paragraph(block) -> tuple[list[pf.Inline], str] | None:
    """A ``Listing: caption {#lst:x}`` (or ``: caption``) paragraph: its caption and label."""
    if not isinstance(block, pf.Para) or not block.content:
        return None
    text = pf.stringify(block)
    if not CAPTION_PARAGRAPH.match(text):
        return None
    inlines = list(block.content)
    while inlines and not isinstance(inlines[0], pf.Space) and ":" not in pf.stringify(inlines[0]):
        inlines.pop(0)
    inlines = inlines[1:] if inlines else []
    while inlines and isinstance(inlines[0], (pf.Space, pf.SoftBreak)):
        inlines.pop(0)
    label = ""
    if inlines and isinstance(inlines[-1], pf.Str) and TRAILING_LABEL.match(inlines[-1].text):
        label = TRAILING_LABEL.match(inlines.pop().text).group(1)
        while inlines and isinstance(inlines[-1], (pf.Space, pf.SoftBreak)):
            inlines.pop()
    return inlines, label


# An option line, in the comment of the cell's language: #| (Python, R, Julia), //| (Observable,
# JavaScript), --| (SQL, Lua), %%| (Mermaid, Graphviz), %| (MATLAB)
CELL_COMMENT = r"(?:#|//|--|%%?)\|"
CELL_OPTION = re.compile(rf"^{CELL_COMMENT}\s*([\w.-]+)\s*:\s*(.*?)\s*$")
CELL_CONTINUATION = re.compile(rf"^{CELL_COMMENT}(\s+)(.*?)\s*$")  # a block value's next line, indented


def cell_options(code: pf.CodeBlock) -> dict[str, str]:
    """A code cell's ``#|`` option lines (Quarto's, knitr's), taken out of its code: they
    tell Quarto what to do with the cell, and are no part of what the reader sees.

    >>> block = pf.CodeBlock('#| lst-label: lst-a\\n#| lst-cap: "The loop"\\nfor x in y: pass')
    >>> cell_options(block), block.text
    ({'lst-label': 'lst-a', 'lst-cap': 'The loop'}, 'for x in y: pass')
    >>> block = pf.CodeBlock('//| lst-label: lst-js\\n//| lst-cap: >\\n//|   A long\\n//|   caption\\nx = 1')
    >>> cell_options(block), block.text
    ({'lst-label': 'lst-js', 'lst-cap': 'A long caption'}, 'x = 1')
    """
    lines = code.text.split("\n")
    options = {}
    while lines and (option := CELL_OPTION.match(lines[0])):
        value = option.group(2)
        lines.pop(0)
        if value in ("|", ">", "|-", ">-"):  # YAML's block value: the indented lines after it
            parts = []
            while lines and (more := CELL_CONTINUATION.match(lines[0])) and not CELL_OPTION.match(lines[0]):
                parts.append(more.group(2))
                lines.pop(0)
            value = ("\n" if value.startswith("|") else " ").join(parts)
        options[option.group(1)] = value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"" \
            else value
    code.text = "\n".join(lines)
    return options


def as_listing_options(code: pf.CodeBlock) -> None:
    """A code cell's options where a code block carries them: its listing label as its id,
    its listing caption as ``lst-cap``; its ``label`` kept (a figure it would make)."""
    options = cell_options(code)
    label = options.get("lst-label") or options.get("label", "")
    if is_listing_label(label) and not code.identifier:
        code.identifier = label
    if "lst-cap" in options:
        code.attributes.setdefault("lst-cap", options["lst-cap"])
    if "label" in options:
        code.attributes[CELL_LABEL_ATTRIBUTE] = options["label"]


def listing(code: pf.CodeBlock, caption: list[pf.Inline], label: str) -> pf.Div:
    """A numbered code block: a Div ``.listing`` of its caption (a paragraph) and the code."""
    return pf.Div(pf.Para(*caption), code, identifier=label, classes=[LISTING_CLASS])


def is_listing_label(identifier: str) -> bool:
    return kind_of(identifier) == "listing"


def read_listings(blocks: list, hidden: list) -> list:
    """Every labelled or captioned code block of ``blocks`` as a listing (and in what they hold);
    the cells their author hid left out, into ``hidden``."""
    result: list = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, pf.Div) and is_listing_label(block.identifier):
            codes = [b for b in block.content if isinstance(b, pf.CodeBlock)]
            paragraphs = [b for b in block.content if isinstance(b, pf.Para)]
            if len(codes) == 1:
                caption = list(paragraphs[0].content) if paragraphs else []
                result.append(listing(codes[0], caption, block.identifier))
                index += 1
                continue
        for held in held_blocks(block):  # a listing in a footnote, a list, a table's cell
            held[:] = read_listings(list(held), hidden)
        if isinstance(block, pf.CodeBlock) and CELL_CLASS in block.classes and CELL_HIDDEN_ATTRIBUTE in block.attributes:
            hidden.append(block)  # hidden by its author (echo: false, include: false): shown by no edition
            index += 1
            continue
        if isinstance(block, pf.CodeBlock) and CELL_CLASS in block.classes:
            as_listing_options(block)
        if isinstance(block, pf.CodeBlock):
            before = caption_paragraph(result[-1]) if result else None
            after = caption_paragraph(blocks[index + 1]) if index + 1 < len(blocks) else None
            written = block.attributes.pop("caption", None) or block.attributes.pop("lst-cap", None)
            label = block.identifier if is_listing_label(block.identifier) else ""
            if written is not None:
                caption = text_to_inlines(written)
            elif after or before:
                # Read left to right, as pandoc-crossref does: a caption paragraph just above
                # the code is its own, before the one under it (which may be the next's).
                caption, label_there = before or after
                label = label or label_there
                if before:
                    result.pop()
                else:
                    index += 1
            else:
                caption = None
            if caption is not None and label or caption:
                if block.identifier == label:  # the listing's now (another kind's label stays, for messages)
                    block.identifier = ""
                result.append(listing(block, caption, label))
                index += 1
                continue
        result.append(block)
        index += 1
    return result


# --- theorems, proofs, callouts -----------------------------------------------------------

def callout_kind(classes: list[str]) -> str | None:
    """``callout-tip`` → "tip"; a bare ``callout`` → "note"; None for no callout."""
    for name in classes:
        if name == "callout":
            return "note"
        if name.startswith("callout-") and name[8:] in CALLOUTS:
            return name[8:]
    return None


def heading_title(div: pf.Div) -> list[pf.Inline] | None:
    """The inlines of a div's first heading, taken out of it (a Quarto theorem's name,
    a callout's title)."""
    if div.content and isinstance(div.content[0], pf.Header):
        return list(div.content.pop(0).content)
    return None


def theorem_kind(div: pf.Div) -> str | None:
    """A theorem-like div's kind: from its label (Quarto's ``#thm-x``) or its class
    (bookdown's and rticles' ``::: {.lemma name="…"}``, with or without a label).

    >>> [theorem_kind(pf.Div(identifier="lem-a")), theorem_kind(pf.Div(classes=["definition"]))]
    ['lemma', 'definition']
    >>> theorem_kind(pf.Div(classes=["note"])) is None
    True
    """
    kind = kind_of(div.identifier)
    return kind if kind in LABELLED_THEOREMS else next((name for name in div.classes if name in THEOREMS), None)


def without_readers_marks(div: pf.Div) -> None:
    """A proof as pandoc's LaTeX reader gives ``\\begin{proof}``: its "*Proof.*" and its
    " ◻" taken off, for the proof's own label and ∎ (it printed "Proof. Proof. … ◻ ∎")."""
    first = div.content[0] if div.content else None
    if isinstance(first, (pf.Para, pf.Plain)) and first.content and isinstance(first.content[0], pf.Emph) \
            and pf.stringify(first.content[0]) == "Proof.":
        del first.content[0]
        while first.content and isinstance(first.content[0], pf.Space):
            del first.content[0]
    last = div.content[-1] if div.content else None
    if isinstance(last, (pf.Para, pf.Plain)) and last.content and isinstance(last.content[-1], pf.Str) \
            and last.content[-1].text == "\u00a0\u25fb":
        del last.content[-1]


TABSET_CLASS = "panel-tabset"


def tabs_as_headings(div: pf.Div) -> None:
    """A tabset's tab headings (those of its first heading's level) as minor headings,
    unnumbered and unlisted (Quarto's print formats set them as LaTeX's unnumbered
    paragraph headings).

    >>> tabs = pf.Div(pf.Header(pf.Str("Plot"), level=2), pf.Para(pf.Str("x")), pf.Header(pf.Str("Data"), level=2))
    >>> tabs_as_headings(tabs); [(h.level, list(h.classes)) for h in tabs.content if isinstance(h, pf.Header)]
    [(2, ['unnumbered', 'unlisted']), (2, ['unnumbered', 'unlisted'])]
    """
    level = next((block.level for block in div.content if isinstance(block, pf.Header)), None)
    for block in div.content:
        if isinstance(block, pf.Header) and block.level == level:
            block.classes += [name for name in (UNNUMBERED_CLASS, "unlisted") if name not in block.classes]


def read_blocks(doc: pf.Doc, lang: str) -> None:
    for div in [e for e in body_elements(doc) if isinstance(e, pf.Div)]:
        kind = theorem_kind(div)
        if kind:
            name = heading_title(div)
            div.classes = [THEOREM_CLASS, *[c for c in div.classes if c != THEOREM_CLASS]]
            div.attributes[KIND_ATTRIBUTE] = kind
            given = div.attributes.pop("name", None)  # bookdown's; no attribute of an HTML div
            # rticles': latex="[Its name]" (or data-latex, as pandoc's HTML writes it)
            latex = " ".join(div.attributes.pop(key, "") for key in ("latex", "data-latex")).strip()
            given = given or (latex[1:-1].strip() if latex.startswith("[") and latex.endswith("]") else None)
            if name or given:  # its words as written (a citation, math, a note), for the crossref stage
                div.content.insert(0, pf.Plain(pf.Span(*(name or text_to_inlines(given)),
                                                       classes=[THEOREM_NAME_CLASS])))
            continue
        proof = next((name for name in PROOFS if name in div.classes), None)
        if proof:
            div.classes = [PROOF_CLASS, *[c for c in div.classes if c != PROOF_CLASS]]
            without_readers_marks(div)
            name = heading_title(div)
            label = [pf.Emph(pf.Str(term(lang, proof)), *([pf.Space(), pf.Str("("), *name, pf.Str(")")]
                                                          if name else [])), pf.Str("."), pf.Space()]
            first = div.content[0] if div.content else None
            if isinstance(first, (pf.Para, pf.Plain)):
                first.content[0:0] = label
            else:
                div.content.insert(0, pf.Para(*label))
            if proof == "proof":  # ∎, as math: every edition's fonts have it there
                end = pf.Math(r"\blacksquare", format="InlineMath")
                last = div.content[-1]
                if isinstance(last, (pf.Para, pf.Plain)):
                    last.content.extend([pf.Space(), end])
                else:
                    div.content.append(pf.Para(end))
            continue
        if TABSET_CLASS in div.classes:
            tabs_as_headings(div)
            continue
        if APPENDICES in div.classes:
            div.classes = [APPENDIX_CLASS if name == APPENDICES else name for name in div.classes]
            continue
        callout = callout_kind(list(div.classes))
        if callout:
            title = (text_to_inlines(div.attributes.pop("title")) if "title" in div.attributes else None) \
                or heading_title(div) or text_to_inlines(term(lang, f"callout_{callout}"))
            div.classes = [CALLOUT_CLASS, f"callout-{callout}"]
            div.attributes[KIND_ATTRIBUTE] = callout
            div.content.insert(0, pf.Para(pf.Strong(*title)))


# --- the reference list's place ---------------------------------------------------------------

def reference_heading(doc: pf.Doc) -> None:
    """An empty last section headed "References" (JOSS's idiom), or the heading right
    before ``::: {#refs}``: the reference list's heading (its title the author's), not a
    second one. In a language without a pack, whose headings no list holds, an empty last
    section is taken so whatever its words ("Referencias")."""
    if not doc.get_metadata("bibliography", default=None):
        return  # no list will be made: the heading stays the author's
    # the author's place for the list, wherever it stands (a Div inside another, as pandoc finds it)
    placed = refs_div(doc)
    container = siblings(placed) if placed is not None else doc.content
    blocks = list(container)
    refs = placed.index if placed is not None else None
    end = refs if refs is not None else len(blocks)
    if refs is not None and end and not isinstance(blocks[end - 1], pf.Header):
        headed_section(doc, blocks, refs)
        return
    if end and reference_heading_for_some(blocks[end - 1]):
        # Quarto's idiom for its PDF, which heads the list with nothing: ::: {.content-visible
        # when-format="pdf"} # References ::: (every edition here heads it: it was printed twice)
        if "bibliography-title" not in doc.metadata.content.dict:
            doc.metadata["bibliography-title"] = pf.MetaInlines(*blocks[end - 1].content[0].content)
        del container[end - 1]
        return
    if end == 0 or not isinstance(blocks[end - 1], pf.Header):
        return
    header = blocks[end - 1]
    if refs is None and has_pack(doc.get_metadata("lang", default=None)) \
            and pf.stringify(header).strip().lower() not in reference_headings():
        return
    if "bibliography-title" not in doc.metadata.content.dict:
        doc.metadata["bibliography-title"] = pf.MetaInlines(*header.content)
    del container[end - 1]


def reference_heading_for_some(block) -> bool:
    """Whether ``block`` is a reference list's heading alone, for some editions only.

    >>> block = pf.Div(pf.Header(pf.Str("References")), classes=[CONDITIONAL_CLASS])
    >>> reference_heading_for_some(block), reference_heading_for_some(pf.Div(pf.Header(pf.Str("Data"))))
    (True, False)
    """
    return isinstance(block, pf.Div) and CONDITIONAL_CLASS in block.classes and len(block.content) == 1 \
        and isinstance(block.content[0], pf.Header) \
        and pf.stringify(block.content[0]).strip().lower() in reference_headings()


def headed_section(doc: pf.Doc, blocks: list, refs: int) -> None:
    """``# References``, a sentence or a LaTeX block, then ``::: {#refs}`` (papaja's and
    rticles' idiom): the section's heading is the list's, where the author put it, with
    what it holds; the list adds none of its own (it printed a second "References")."""
    header = next((b for b in reversed(blocks[:refs]) if isinstance(b, pf.Header)), None)
    if header is None or has_pack(doc.get_metadata("lang", default=None)) \
            and pf.stringify(header).strip().lower() not in reference_headings():
        return
    if "bibliography-title" not in doc.metadata.content.dict:
        doc.metadata["bibliography-title"] = pf.MetaInlines(*header.content)
    header.identifier = BIBLIOGRAPHY_ID
    header.classes = [UNNUMBERED_CLASS, REFERENCES_CLASS]
    header.attributes["role"] = "doc-bibliography"
    blocks[refs].classes.append(HEADED_CLASS)


def drawn_by_a_filter(doc: pf.Doc) -> None:
    """A code block labelled as a figure (``{.matplotlib #fig:bench}``) is code a filter
    would draw (pandoc-plot, a diagram filter), and this build runs none: a warning says
    it is shown as its code."""
    blocks = [b for b in body_elements(doc) if isinstance(b, pf.CodeBlock) and kind_of(b.identifier) == "figure"]
    for block in blocks:
        classes = " ".join(f".{name}" for name in block.classes)
        warn(f"the code block labelled '{block.identifier}'{f' ({classes})' if classes else ''} is shown as its "
             "code: a filter this build does not run (pandoc-plot, a diagram filter) would draw it as a figure",
             *locate(doc, r"[{ ]#" + re.escape(block.identifier) + r"[ }]"),
             hint="draw the figure with the filter's tool, save it and include it: "
                  f"![Caption](figure.png){{#{block.identifier}}}")


def without_hidden(doc: pf.Doc) -> None:
    """What Quarto keeps in a document but never shows (``.hidden``: a frozen cell's code
    its author hid, an output marked ``output: false``) is left out, as Quarto leaves it."""
    # from the last: taking one out moves the index of those after it in its list
    for element in reversed([e for e in body_elements(doc) if HIDDEN_CLASS in getattr(e, "classes", ())]):
        if element.parent is not None and element.index is not None:
            siblings(element).pop(element.index)


def seen_in(doc: pf.Doc, seen: list | None) -> list:
    """The body's elements: ``seen``, the one walk ``prepare`` made for the checks that
    share it (each walk of the body is a hundredth of a second of every build), else a
    walk of its own.

    >>> len(seen_in(pf.Doc(pf.Para(pf.Str("a"))), None))
    2
    """
    return seen if seen is not None else list(body_elements(doc))


def alternative_texts(doc: pf.Doc, seen: list | None = None) -> None:
    """A picture's ``fig-alt`` (Quarto's; knitr's ``fig.alt``) is its alternative text, which
    every edition gives those who cannot see it, instead of its caption.

    >>> doc = pf.Doc(pf.Para(pf.Image(pf.Str("Caption"), url="a.png", attributes={"fig-alt": "A map"})))
    >>> alternative_texts(doc); dict(doc.content[0].content[0].attributes)
    {'alt': 'A map'}
    """
    for image in [e for e in seen_in(doc, seen) if isinstance(e, (pf.Image, pf.Div))]:
        alt = image.attributes.pop(ALT_OPTION, None)
        if alt and isinstance(image, pf.Image):
            image.attributes.setdefault("alt", alt)
        elif alt:  # a figure of one picture written as a div: its picture's
            pictures = [e for e in descendants(image) if isinstance(e, pf.Image)]
            if len(pictures) == 1:
                pictures[0].attributes.setdefault("alt", alt)


# A link's address that a reader can read as it is: a web address, or a DOI (MyST's [](10.…)).
SHOWN_ADDRESS = re.compile(r"(?:https?|ftp|mailto):\S+|10\.\d{4,9}/\S+")


def addressed_empty_links(doc: pf.Doc, seen: list | None = None) -> None:
    """A link written with no words (``[](https://…)``, MyST's ``[](10.1093/…)``) shows its
    address (a DOI as a link to doi.org), as MyST shows it: pandoc printed nothing there.

    >>> doc = pf.Doc(pf.Para(pf.Str("See"), pf.Space, pf.Link(url="10.1093/nar/gkab1"), pf.Str(".")))
    >>> addressed_empty_links(doc); pf.stringify(doc).strip(), doc.content[0].content[2].url
    ('See 10.1093/nar/gkab1.', 'https://doi.org/10.1093/nar/gkab1')
    """
    for link in [e for e in seen_in(doc, seen) if isinstance(e, pf.Link)
                 and all(isinstance(inline, (pf.Space, pf.SoftBreak)) for inline in e.content)]:  # a picture shows
        if SHOWN_ADDRESS.fullmatch(link.url):
            link.content = [pf.Str(link.url)]
            if link.url.startswith("10."):
                link.url = f"https://doi.org/{link.url}"


# Quarto's conditional content: its classes, and the conditions on formats it reads.
VISIBLE, HIDDEN = "content-visible", "content-hidden"
FORMAT_CONDITIONS = ("when-format", "unless-format")


def conditional_content(doc: pf.Doc, seen: list | None = None) -> None:
    """Quarto's ``.content-visible`` and ``.content-hidden`` divs and spans, ``when-format``
    or ``unless-format``, as the ``conditional`` kind each edition shows or leaves out
    (``core.kinds.shown_in``): a PDF-only abstract was in every edition. A condition on
    anything else (``when-meta``, ``when-profile``) is not read: a warning says so, and
    the content is in every edition; ``.content-hidden`` with no condition is in none.

    >>> doc = pf.Doc(pf.Div(pf.Para(pf.Str("Web")), classes=["content-visible"], attributes={"when-format": "html"}))
    >>> conditional_content(doc); doc.content[0].classes, doc.content[0].attributes["data-shown-in"]
    (['content-conditional'], 'html')
    """
    conditional = [e for e in seen_in(doc, seen) if isinstance(e, (pf.Div, pf.Span))
                   and (VISIBLE in e.classes or HIDDEN in e.classes)]
    for element in reversed(conditional):  # the last first: an earlier one's index in its list stays right
        hidden = HIDDEN in element.classes
        formats = {name: " ".join(re.split(r"[\s,]+", element.attributes.pop(name, "").strip()))
                   for name in FORMAT_CONDITIONS}
        others = [name for name in list(element.attributes) if name.startswith(("when-", "unless-"))]
        for name in others:
            path, line = locate(doc, re.escape(name) + r"\s*=")
            warn(f"'{name}' is not read: what it holds is in every edition", path, line,
                 hint="the build knows when-format and unless-format (html, epub, pdf, typst, latex, docx, jats)")
            element.attributes.pop(name)
        when, unless = formats["when-format"], formats["unless-format"]
        if hidden and not when and not unless and not others:
            siblings(element).pop(element.index)
            continue
        shown, not_shown = (unless, when) if hidden else (when, unless)
        element.classes = [CONDITIONAL_CLASS, *(c for c in element.classes if c not in (VISIBLE, HIDDEN))]
        element.attributes.update({SHOWN_IN_ATTRIBUTE: shown} if shown else {})
        element.attributes.update({HIDDEN_IN_ATTRIBUTE: not_shown} if not_shown else {})


# A note's mark as pandoc prints it when it read no note for it: "[^name]".
UNREAD_NOTE = re.compile(r"\[\^(?![\w]-[\w]\])[^\]\s]+\]")  # not a character class: "[^0-9]"


def unread_notes(doc: pf.Doc, seen: list | None = None) -> None:
    """A note's mark pandoc printed as written, with a warning at its place: the note it
    names was never read (its text is missing, or written inside another note, where
    pandoc drops it), so its words are in no edition.

    >>> UNREAD_NOTE.findall("Text.[^inner] and [^1]"), UNREAD_NOTE.findall("[a^b] [^ x] [^0-9]")
    (['[^inner]', '[^1]'], [])
    """
    named = NamedFirst()
    for text in [e.text for e in seen_in(doc, seen) if isinstance(e, pf.Str) and "[^" in e.text]:
        for mark in UNREAD_NOTE.findall(text):
            if named.take():
                path, line = locate(doc, re.escape(mark) + r"(?!:)")
                warn(f"the note {mark} was never read: its mark is printed as written and its text is in no "
                     "edition", path, line, hint=f"write '{mark}: …' on a line of its own, outside any other note "
                                                 "(a note inside a note is not read)")
    named.report("notes never read", "see the warnings above")


# Where a line's words start: after a quotation's ">"s, a table's "|", a list item's marker.
LINE_OPENING = r"^[\s>|]*(?:(?:[-*+]|\d+[.)])\s+)?"
# A line's first word that is block markup: a div's fence (":::"), a heading's "#"s.
BLOCK_MARKUP = re.compile(r":{3,}.*|#{1,6}")


def unread_blocks(doc: pf.Doc, seen: list | None = None) -> None:
    """A line that opens a div (``:::``) or a heading (``##``) that pandoc read as words,
    with a warning at its line: it is printed as written (most often indented past where
    a list item's text starts, which pandoc then reads as the item's words), and the
    figure, callout or section it opens is none. Only the words that are such markup
    are looked at, each where it stands: first in its paragraph, or after a line's end.

    >>> [bool(BLOCK_MARKUP.fullmatch(word)) for word in (":::", ":::{.note}", "####", "#1", "::")]
    [True, True, True, False, False]
    """
    named = NamedFirst()
    for word in [e for e in seen_in(doc, seen) if isinstance(e, pf.Str) and e.text[:1] in ":#"
                 and BLOCK_MARKUP.fullmatch(e.text) and isinstance(e.parent, (pf.Para, pf.Plain))]:
        inlines = word.parent.content
        start = word.index
        if start and not isinstance(inlines[start - 1], pf.SoftBreak):
            continue  # inside a line: a word like any other
        what = "div" if word.text.startswith(":") else "heading"
        followed = start + 1 < len(inlines) and isinstance(inlines[start + 1], pf.Space)
        if not followed and (what == "heading" or word.text.strip(":") == ""):
            continue  # "#" at a line's end is a word; ":::" alone closes a div (its opening is told)
        end = next((i for i in range(start, len(inlines)) if isinstance(inlines[i], pf.SoftBreak)), len(inlines))
        if named.take():
            shown = pf.stringify(pf.Plain(*inlines[start:end]))
            path, line = locate(doc, LINE_OPENING + re.escape(word.text) + r"(?:\s|$)")
            warn(f"'{shorten(shown, 40)}' is printed as written: pandoc did not read it as a {what}", path, line,
                 hint=f"in a list item, start the {what}'s line where the item's text starts; elsewhere, leave a "
                      "blank line before it")
    named.report("markup printed as written", "see the warnings above")


# What holds blocks but no section: a heading inside one opens no part of the article.
OUTSIDE_THE_OUTLINE = {pf.Note: "a footnote", pf.BlockQuote: "a quotation", pf.ListItem: "a list",
                       pf.Definition: "a definition", pf.TableCell: "a table"}
# The boxes among divs (``read_blocks`` has named them; their first heading is their title).
BOXES = {CALLOUT_CLASS: "a callout", THEOREM_CLASS: "a theorem-like block", PROOF_CLASS: "a proof"}
# Where a heading labelled as a section (``{#sec-x}``) stays one: HTML, Typst and JATS's box hold one.
SECTION_HOLDERS = (*BOXES.values(), OUTSIDE_THE_OUTLINE[pf.BlockQuote])


def holder_of(element: pf.Element) -> str | None:
    """What of ``OUTSIDE_THE_OUTLINE`` or ``BOXES`` holds ``element`` (the nearest), or None."""
    for outer in ancestors(element):
        if type(outer) in OUTSIDE_THE_OUTLINE:
            return OUTSIDE_THE_OUTLINE[type(outer)]
        box = next((BOXES[name] for name in getattr(outer, "classes", ()) if name in BOXES), None)
        if isinstance(outer, pf.Div) and box:
            return box
    return None


def run_in_headings(doc: pf.Doc) -> None:
    r"""A heading inside a footnote, a quotation, a list, a table or a box (a callout, a
    theorem, a proof: their first heading is their title) opens no section of the article: it is printed as a bold line, with a warning at its line. The article's
    outline (the PDF's bookmarks, the tables of contents, JATS's ``<sec>``s) holds its
    own sections only: JATS allows no section in a footnote, PDF/UA no heading two
    levels below the one before it, and a numbered "2.1.1" inside a quotation is none
    of the article's. Its id stays on its words, for a link to it.

    >>> doc = pf.Doc(pf.Para(pf.Str("A"), pf.Note(pf.Para(pf.Str("B")), pf.Header(pf.Str("C"), level=4))))
    >>> run_in_headings(doc); line = doc.content[0].content[1].content[1]
    >>> type(line).__name__, type(line.content[0]).__name__, pf.stringify(line.content[0])
    ('Para', 'Strong', 'C')
    """
    seen: Counter = Counter()  # headings of each text so far: the nth one written is this one
    named = NamedFirst()
    for header in [e for e in body_elements(doc) if isinstance(e, pf.Header)]:
        holder = holder_of(header)
        text = pf.stringify(header)
        seen[text] += 1
        if holder is None or holder in SECTION_HOLDERS and kind_of(header.identifier) == "section":
            continue  # labelled a section (@sec-x refers to it) in a box or a quotation: one, as written
        if named.take():
            path, line = locate(doc, LINE_OPENING + r"#+\s*" + re.escape(text[:60]), nth=seen[text] - 1)
            warn(f"the heading '{text[:60]}' is inside {holder}: it opens no section of the article, and every "
                 "edition prints it as a bold line", path, line,
                 hint="make it a section of its own, or write it as **bold** words")
        words = pf.Strong(*header.content)
        siblings(header)[header.index] = pf.Para(pf.Span(words, identifier=header.identifier)
                                                 if header.identifier else words)
    named.report("headings inside notes, quotations, lists, tables and boxes", "see the warnings above")


def prepare(doc: pf.Doc) -> None:
    lang = base_language(doc.get_metadata("lang", default=None))
    without_hidden(doc)
    seen = list(body_elements(doc))  # one walk for these: they look, or change an element where it is,
    addressed_empty_links(doc, seen)
    unread_notes(doc, seen)
    unread_blocks(doc, seen)
    alternative_texts(doc, seen)
    conditional_content(doc, seen)  # … but for this one, which takes hidden content out: the last of them
    replace_shortcodes(doc)
    drawn_by_a_filter(doc)
    doc.hidden_cells = []  # for a reference to what one would make (filters.references) to say so
    doc.content = read_listings(list(doc.content), doc.hidden_cells)
    read_blocks(doc, lang)
    run_in_headings(doc)  # after the theorems and callouts took their titles
    reference_heading(doc)


def main(doc=None):
    return pf.run_filters([], prepare=prepare, doc=doc)
