"""Numbers of sections, figures, tables, equations and appendices, and how they
are printed in the document's language. Pure functions: the ``crossref`` stage
numbers the manuscript with them, and a stage that adds a numbered thing later
(the chronology's appendix and its figure) numbers it the same way.

Every number lives in the AST (attribute ``number``, and the printed label), so
that every edition prints the same one and none numbers on its own.

>>> label_text("figure", "A1", "tr")
'Şekil A1'
>>> label_text("equation", "3", "en")
'Equation (3)'
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

import panflute as pf

from core.diagnostics import error, locate
from core.language import LANGUAGE_CODES, base_language, term
from core.names import (
    APPENDIX_CLASS,
    KIND_ATTRIBUTE,
    LABEL_CLASS,
    NUMBER_ATTRIBUTE,
    SECTION_NUMBER_CLASS,
    UNNUMBERED_CLASS,
)
from filters.elements import body_elements

# The kinds of numbered things, by the prefix of their labels (pandoc-crossref's
# `fig:x` and Quarto's `fig-x`); appendices are sections in an appendix.
PREFIXES = {"fig": "figure", "tbl": "table", "eq": "equation", "sec": "section", "lst": "listing",
            "thm": "theorem", "lem": "lemma", "cor": "corollary", "prp": "proposition", "cnj": "conjecture",
            "def": "definition", "exm": "example", "exr": "exercise", "hyp": "hypothesis",
            "sol": "solution", "rem": "remark",  # Quarto's numbered ones (a .solution div is a proof's kin)
            # Quarto's cross-referenced callouts, each kind numbered on its own
            "nte": "callout_note", "tip": "callout_tip", "wrn": "callout_warning", "imp": "callout_important",
            "cau": "callout_caution"}
LABEL = re.compile(r"^(" + "|".join(PREFIXES) + r")[:-]\S", re.I)
# Quarto's theorem family, bookdown's hypothesis and the statements papers' classes define
# (\newtheorem{axiom}…): each kind numbered on its own (Theorem 1, Lemma 1, Axiom 1).
THEOREMS = ("theorem", "lemma", "corollary", "proposition", "conjecture", "definition", "example", "exercise",
            "hypothesis", "axiom", "assumption", "claim", "fact")
# Numbered as theorems when labelled (Quarto's #sol-x, #rem-x); unlabelled, a proof's kin.
LABELLED_THEOREMS = (*THEOREMS, "solution", "remark")
PLURALS = {"appendix": "appendices", "corollary": "corollaries", "hypothesis": "hypotheses"}  # others add "s"


def plural(kind: str) -> str:
    """The language pack's key of a kind's plural: ``figure`` → ``figures``."""
    return PLURALS.get(kind, kind + "s")


def kind_of(identifier: str) -> str | None:
    """``"fig:map"`` → ``"figure"``; ``"Tbl-a"`` → ``"table"``; a citation key → None."""
    match = LABEL.match(identifier)
    return PREFIXES[match.group(1).lower()] if match else None


def shown_number(kind: str, number: str) -> str:
    """How a number prints: equations in parentheses."""
    return f"({number})" if kind == "equation" else number


def label_text(kind: str, number: str, lang: str) -> str:
    """``"Şekil 1"``, ``"Tablo A2"``, ``"Denklem (1)"``, ``"Bölüm 2.1"``, ``"Ek A"``."""
    return f"{term(lang, kind)} {shown_number(kind, number)}"


def collapse(numbers: list[str]) -> list[str]:
    """Runs of three or more consecutive numbers as a range: 1, 2, 3, 5 → 1–3, 5.

    >>> collapse(["1", "2", "3", "5", "A1", "A2"])
    ['1–3', '5', 'A1', 'A2']
    """
    def split(number):
        match = re.fullmatch(r"(.*?)(\d+)", number)
        return (match.group(1), int(match.group(2))) if match else (number, None)

    result: list[list[str]] = []
    previous = None
    for number in numbers:
        prefix, value = split(number)
        if result and previous and value is not None and previous == (prefix, value - 1):
            result[-1].append(number)
        else:
            result.append([number])
        previous = (prefix, value) if value is not None else None
    out = []
    for run in result:
        out += [f"{run[0]}–{run[-1]}"] if len(run) >= 3 else run
    return out


def appendix_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = string.ascii_uppercase
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


def section_number_span(text: str) -> pf.Span:
    return pf.Span(pf.Str(text), classes=[SECTION_NUMBER_CLASS])


def number_header(header: pf.Header, number: str) -> None:
    """``# Giriş`` → ``# 1. Giriş`` (the number a span of its own), ``number="1"``."""
    header.attributes[NUMBER_ATTRIBUTE] = number
    header.content.insert(0, pf.Space())
    header.content.insert(0, section_number_span(f"{number}."))


# An author's own "Appendix A:" / "Ek B." before an appendix title: the stage numbers.
APPENDIX_PREFIX = r"^\s*(?:{words})\b(?:\s+([A-Z]{{1,2}})\b)?\s*(?:[:.–—-]\s*|$)"


def strip_appendix_prefix(header: pf.Header, lang: str) -> str | None:
    """Remove a leading "Appendix A:" (any language's word) from an appendix title;
    the letter the author wrote, if any.

    >>> header = pf.Header(pf.Str("Ek"), pf.Space(), pf.Str("B:"), pf.Space(), pf.Str("Anket"))
    >>> strip_appendix_prefix(header, "tr"), pf.stringify(header)
    ('B', 'Anket')
    >>> header = pf.Header(pf.Str("Ekonomik"), pf.Space(), pf.Str("veriler"))
    >>> strip_appendix_prefix(header, "tr"), pf.stringify(header)
    (None, 'Ekonomik veriler')
    """
    text = pf.stringify(header)
    words = "|".join(sorted({term(code, "appendix") for code in (*LANGUAGE_CODES, lang)}, key=len,
                            reverse=True))
    match = re.match(APPENDIX_PREFIX.format(words=words), text)
    if not match:
        return None
    drop = len(match.group(0))
    kept: list[pf.Inline] = []
    position = 0
    for inline in list(header.content):
        width = len(pf.stringify(inline)) if not isinstance(inline, (pf.Space, pf.SoftBreak)) else 1
        if position >= drop:
            kept.append(inline)
        elif position + width > drop and isinstance(inline, pf.Str):
            kept.append(pf.Str(inline.text[drop - position:]))
        position += width
    header.content = kept
    return match.group(1)


def number_appendix(header: pf.Header, letter: str, lang: str) -> None:
    """``# Yöntem {.appendix}`` → ``# Ek A: Yöntem``, ``number="A"``: an appendix is
    lettered, its title kept after the label."""
    header.attributes[NUMBER_ATTRIBUTE] = letter
    if APPENDIX_CLASS not in header.classes:
        header.classes.append(APPENDIX_CLASS)
    if UNNUMBERED_CLASS in header.classes:
        header.classes.remove(UNNUMBERED_CLASS)
    label = section_number_span(label_text("appendix", letter, lang))
    title = list(header.content)
    header.content = [label] + ([pf.Str(":"), pf.Space(), *title] if title else [])


def caption_label(kind: str, number: str, lang: str, name: list[pf.Inline] | None = None) -> pf.Span:
    """The label a caption starts with: **Şekil 1.**; a theorem's with its name:
    **Theorem 1 (Pythagoras).**"""
    words = label_text(kind, number, lang).split(" ")
    inlines: list[pf.Inline] = []
    for index, word in enumerate(words):
        if index:
            inlines.append(pf.Space())
        inlines.append(pf.Str(word + ("." if index == len(words) - 1 and not name else "")))
    if name:  # as written: a citation, math or a note in it stays one
        inlines += [pf.Space(), pf.Str("("), *name, pf.Str(").")]
    return pf.Span(pf.Strong(*inlines), classes=[LABEL_CLASS], attributes={NUMBER_ATTRIBUTE: number})


def number_caption(element, kind: str, number: str, lang: str) -> None:
    """Put the label at the head of a Figure's or Table's caption; ``number`` on the element."""
    element.attributes[NUMBER_ATTRIBUTE] = number
    caption = element.caption
    label = caption_label(kind, number, lang)
    if caption.content and isinstance(caption.content[0], (pf.Plain, pf.Para)):
        first = caption.content[0]
        first.content.insert(0, pf.Space())
        first.content.insert(0, label)
    else:
        caption.content.insert(0, pf.Plain(label))


@dataclass
class Target:
    kind: str        # figure, table, equation, section, appendix
    number: str      # "2.1", "3", "A2"; "" for an unnumbered section, referred to by its title
    identifier: str
    title: str = ""  # an unnumbered section's


@dataclass
class Index:
    """The one index of numbered things, kept on the document (``index_of``): the
    crossref stage numbers the manuscript into it, a later stage that adds a
    numbered thing (the chronology's appendix and timeline) takes its number from
    it, and the references stage resolves every reference against it once all are
    numbered. The main text and each appendix ("A", "B") count on their own."""
    lang: str
    doc: pf.Doc
    appendix: str = ""                      # the current appendix's letter; "" for the main text
    appendix_level: int = 1
    appendices: int = 0
    unnumbered_level: int | None = None     # inside an unnumbered section of this level
    top_level: int = 1                      # the level of the text's first numbered heading
    sections: dict[str, list[int]] = field(default_factory=dict)
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)
    section: Target | None = None           # the last section numbered (a LaTeX \label in its text names it)

    def start_appendix(self, level: int = 1) -> str:
        """The next appendix's letter; its figures and tables count anew."""
        letter = appendix_letter(self.appendices)
        self.appendices += 1
        self.appendix, self.appendix_level = letter, level
        return letter

    def next_number(self, kind: str) -> str:
        key = (self.appendix, kind)
        self.counts[key] = self.counts.get(key, 0) + 1
        return f"{self.appendix}{self.counts[key]}"

    def add(self, identifier: str, kind: str, number: str, target: str | None = None, title: str = "") -> None:
        """Index ``identifier`` (``target``: the id its links go to, if another: an alias;
        ``title``: an unnumbered section's, which its references print)."""
        if not identifier:
            return
        existing = self.targets.get(identifier)
        if existing and target:
            return  # an alias never displaces a label the author wrote…
        if existing and existing.identifier != identifier:
            existing = None  # … which displaces an alias
        if existing:
            pattern = rf"(?:#|\\label\{{){re.escape(identifier)}(?![\w:-])"
            first, second = locate(self.doc, pattern), locate(self.doc, pattern, nth=1)
            where = f" (first defined at {first[0]}:{first[1]})" if first[0] else ""
            error(f"label '{identifier}' is defined twice{where}", *(second if second[0] else first),
                  hint="give one of them another label")
            return
        self.targets[identifier] = Target(kind, number, target or identifier, title)
        if kind in ("section", "appendix"):  # what a \label in its text names (an unnumbered one's title)
            self.section = self.targets[identifier]


def index_of(doc: pf.Doc) -> Index:
    """The document's index: the one the crossref stage left on it, or, when a stage
    runs without it (``pandoc -F`` one filter at a time), the one the numbers in
    the document make (every number lives in the AST)."""
    index = getattr(doc, "numbering", None)
    if index is None:
        index = Index(base_language(doc.get_metadata("lang", default=None)), doc)
        for block in doc.content:
            if isinstance(block, pf.Header) and APPENDIX_CLASS in block.classes:
                index.start_appendix(block.level)
        for element in body_elements(doc):
            number = getattr(element, "attributes", {}).get(NUMBER_ATTRIBUTE) \
                if isinstance(element, (pf.Header, pf.Figure, pf.Table, pf.Span, pf.Div)) else None
            if number and element.identifier:
                index.targets[element.identifier] = Target(numbered_kind(element), number, element.identifier)
        doc.numbering = index
    return index


def numbered_kind(element: pf.Element) -> str:
    """The kind of a numbered element of the AST."""
    if isinstance(element, pf.Header):
        return "appendix" if APPENDIX_CLASS in element.classes else "section"
    if isinstance(element, pf.Span):
        return "equation"
    if isinstance(element, pf.Div):
        return element.attributes.get(KIND_ATTRIBUTE, "listing")
    return "figure" if isinstance(element, pf.Figure) else "table"
