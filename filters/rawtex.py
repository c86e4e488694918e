"""Raw TeX the author wrote, read by pandoc's LaTeX reader so that every edition shows
what it says (the tex stage's reading, ``filters.tex``): what the reader cannot read
stays raw, for the LaTeX edition, with a warning naming the editions that leave it out;
an inline command only LaTeX knows is shown as its words; ``\\input{x}`` of a project
file is read in; raw markup of another format is kept for its editions, with a warning.

>>> visible("<br/>", "html"), visible("Fig~\\ref{fig1}", "latex")
(False, True)
"""
from __future__ import annotations

import io
import re
from bisect import bisect_right
from collections import Counter, defaultdict, deque
from itertools import accumulate

import panflute as pf

from core.diagnostics import BuildError, NamedFirst, locate, shorten, warn
from core.inputs import limit, read_input, too_large
from core.kinds import EDITION_NAMES, LATEX_FORMATS, RAW_FORMATS
from core.names import (
    APPENDIX_CLASS,
    GENERATED_LIST_CLASS,
    GENERATED_LIST_COMMANDS,
    KIND_ATTRIBUTE,
    PAGE_BREAK_CLASS,
    TEX_INPUTS_KEY,
    TEX_SOURCE_ATTRIBUTE,
    TEX_TEXT_CLASS,
    THEOREM_NAME_CLASS,
)
from core.siunitx import explicit_powers
from core.sourcetext import COLUMN_SPEC
from core.tex import (
    ESCAPE_OR_COMMENT,
    LABEL,
    READER_COMMANDS,
    defines,
    reads_files,
    without_comments,
)
from core.texmath import refused
from core.tools import run_pandoc_verbose
from filters.elements import body_elements, descendants, position, siblings
from filters.numbering import THEOREMS
from filters.untrusted import RAW_FIELDS

# The Markdown reader gives what the author wrote as TeX this format; a block they
# marked ```{=latex} is "latex", and stays raw.
WRITTEN_TEX = "tex"
PAGE_BREAKS = {r"\newpage", r"\clearpage", r"\pagebreak", r"\cleardoublepage"}
# The lists LaTeX makes, each a ``generated-list`` of this kind (``filters.references`` fills it).
GENERATED_LISTS = {command: kind for kind, command in GENERATED_LIST_COMMANDS.items()}
# Commands that only lay the page out: no edition but LaTeX needs them, none loses text.
LAYOUT = re.compile(r"^\s*(?:\\(?:vspace|hspace|vskip|hskip|noindent|centering|raggedright|raggedleft|small|"
                    r"footnotesize|scriptsize|normalsize|large|Large|medskip|bigskip|smallskip|linebreak|newline|"
                    r"setlength|thispagestyle|pagestyle|FloatBarrier|vfill|hfill|par|maketitle|tableofcontents|"
                    r"listoffigures|listoftables|appendix|bibliography|bibliographystyle|printbibliography|"
                    r"nocite|hline|toprule|midrule|bottomrule|textwidth|linewidth|columnwidth|arraybackslash)"
                    r"\*?(?:\s*\[[^\]]*\])?(?:\s*\{[^{}]*\})*\s*|%[^\n]*\n?|"
                    r"\\newcolumntype\s*\{[A-Za-z]\}\s*(?:\[\d\]\s*)?\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}\s*)*$")
# Commands whose arguments are no text of the page: labels, references, lengths, files,
# environments' names, definitions.
NOT_TEXT_ARGUMENTS = (r"\\(?:label|ref|eqref|autoref|[cC]ref|pageref|cite[a-z]*|nocite|[vh]space|[vh]skip|"
                      r"includegraphics|input|include|begin|end|setlength|addtolength|setcounter|usepackage|"
                      r"documentclass|bibliography(?:style)?|(?:this)?pagestyle|color|hypersetup|url|"
                      r"(?:re)?newcommand|providecommand|(?:re)?newenvironment|def|rule|hypertarget|"
                      r"tabcolsep|arraystretch|captionsetup|definecolor)(?![A-Za-z])")
MARKER = "PRESSTEXMARKER"
SKIPPED = re.compile(r"\[INFO\] Skipped '(.*)' at line (\d+) column \d+$", re.S)


def read_latex(texts: list[str]) -> list[tuple[list[pf.Block], list[str]]]:
    """Each text as pandoc's LaTeX reader reads it, in one sandboxed run: its blocks, and
    the commands the reader skipped in it (it knows no such command). A piece that runs
    on into the next ones (``\\blandscape``, defined as ``\\begin{landscape}``, and its
    ``\\elandscape`` further on: R Markdown's landscape pages) swallows their markers, and
    one the reader stops on (``\\texttt{df$col}``: a ``$`` it never closes) stops the run:
    then each is read in a run of its own."""
    try:
        pieces = read_together(texts)
    except BuildError:  # a piece the reader stops on (a $ it never closes): each alone, that one skipped
        pieces = []
    if len(pieces) != len(texts):
        pieces = [alone(text) for text in texts]
    ended = {index: with_bare_commands_ended(text, skipped)
             for index, (text, (_, skipped)) in enumerate(zip(texts, pieces))}
    again = [index for index, text in ended.items() if text != texts[index]]
    for index, (blocks, skipped) in zip(again, read_latex([ended[index] for index in again]) if again else []):
        pieces[index] = blocks, [command.removesuffix("{}") for command in skipped]  # as the author wrote it
    return pieces


# A command the reader does not know, written with no argument (a journal class's
# \middlehline, plain TeX's \smallskip), takes the word after it as its argument there:
# a table's first cell after such a rule was lost, as the text of a sentence would be.
BARE_COMMAND = re.compile(r"(\\[A-Za-z@]+)\s+[^\s{}\[\]\\]+")
# … but not a TeX length, glue or number a command takes so (\vskip 1em, \parindent 0pt,
# \penalty 100): the reader skipped those rightly
MEASURE = re.compile(r"\\[A-Za-z@]+\s+[-+]?(?:\d+(?:\.\d*)?|\.\d+)\s*(?:pt|em|ex|in|cm|mm|bp|pc|sp|dd|cc|mu|px)\b.*"
                     r"|\\(?:[A-Za-z@]*penalty|tolerance|pretolerance|looseness|mag)\s+.*", re.S)


def with_bare_commands_ended(text: str, skipped: list[str]) -> str:
    r"""``text`` with each command the reader took a bare word for as an argument of
    (``skipped``) ended where its name ends, the word left as text LaTeX prints.

    >>> with_bare_commands_ended("A & B \\\\ \\middlehline\n1 & 2 \\middlehlinex", [r"\middlehline 1"])
    'A & B \\\\ \\middlehline{}\n1 & 2 \\middlehlinex'
    >>> with_bare_commands_ended(r"a \vskip 1em b \penalty 100", [r"\vskip 1em", r"\penalty 100"])
    'a \\vskip 1em b \\penalty 100'
    """
    for name in dict.fromkeys(match.group(1) for match in map(BARE_COMMAND.fullmatch, skipped)
                              if match and not MEASURE.fullmatch(match.group(0))):
        text = re.sub(re.escape(name) + r"(?![A-Za-z@])(?!\s*[{\[])", lambda _: name + "{}", text)
    return text


def alone(text: str) -> tuple[list[pf.Block], list[str]]:
    """One piece's reading; one the reader cannot end (an environment it opens and never
    closes) is read as nothing, the whole piece as what it skipped."""
    try:
        return read_together([text])[0]
    except BuildError:
        return [], [text.strip()]


def reader_commands(texts: list[str]) -> str:
    r"""The definitions, for pandoc's reader, of the commands it does not know that the texts
    use and do not define (``core.tex.READER_COMMANDS``), a line each.

    >>> reader_commands([r"\bmhead{Acknowledgements}", r"\tbl{A}{B}"])
    '\\newcommand{\\bmhead}[1]{\\section*{#1}}\n\\newcommand{\\tbl}[2]{\\caption{#1}#2}\n'
    >>> reader_commands([r"\newcommand{\bmhead}[1]{#1}", r"\bmhead{A}"])
    ''
    """
    whole = "\n".join(texts)
    return "".join(f"{definition}\n" for name, (use, definition) in READER_COMMANDS.items()
                   if re.search(use, whole) and not defines(whole, name))


def read_together(texts: list[str]) -> list[tuple[list[pf.Block], list[str]]]:
    """``read_latex``'s one run: as many pieces as the markers found."""
    prelude = reader_commands(texts)
    parts, starts, lines = [prelude], [], prelude.count("\n")  # linear in the pieces: no text is counted twice
    for index, text in enumerate(texts):
        read = without_theorem_names(text)  # named_theorems reads the names
        parts += [f"\n\n{MARKER}{index}\n\n", read]
        lines += 4
        starts.append(lines + 1)
        lines += read.count("\n")
    output, messages = run_pandoc_verbose(["--from", "latex", "--to", "json", "--sandbox"], stdin="".join(parts))
    pieces: list[tuple[list[pf.Block], list[str]]] = []
    for block in pf.load(io.StringIO(output)).content:
        if isinstance(block, pf.Para) and pf.stringify(block).startswith(MARKER):
            pieces.append(([], []))
        elif pieces:
            pieces[-1][0].append(block)
    if len(pieces) != len(texts):
        return pieces
    for message in dict.fromkeys(whole_messages(messages)):
        skipped = SKIPPED.match(message)
        if skipped:
            pieces[bisect_right(starts, int(skipped.group(2))) - 1][1].append(skipped.group(1))
    for (blocks, skipped), text in zip(pieces, texts):
        without_arguments(blocks, skipped, text)
    named_theorems(pieces, texts)
    return pieces


SKIPPED_BEGIN = re.compile(r"\\begin\{([^{}]+)\}")
# A theorem-like environment's name, its optional argument (\begin{corollary}[Gray, \cite{g}]),
# which the reader skips with the \begin when no \newtheorem in the text defines it (the
# journal's class does).
# A theorem-like environment's edges: every edition shows it as one (``filters.syntax``); its
# \begin, and the name the journal's class lets it have, which the reader skips with it.
THEOREM_EDGE = re.compile(r"\\(?:begin|end)\{(?:%s)\}(?:\s*\[.*\])?\s*$" % "|".join(THEOREMS), re.S)
THEOREM_BEGIN = re.compile(r"\\begin\{(%s)\}(?:\s*\[(.*)\])?\s*$" % "|".join(THEOREMS), re.S)


def theorem_name_spans(kind: str, text: str) -> list[tuple[int, int, str | None]]:
    r"""Where the name of each ``\begin{kind}`` of ``text`` stands and what it is, in order
    (None where it has none): its optional argument, brackets in braces or in a citation's
    own option kept (``[Name \cite[p.~3]{key}]``; pandoc's reader ends it at the first ``]``).

    >>> [name for _, _, name in theorem_name_spans("lemma", r"\begin{lemma}[A \cite[p.~3]{k}] x \begin{lemma} y \begin{lemma}[see {[}1{]}]")]
    ['A \\cite[p.~3]{k}', None, 'see {[}1{]}']
    """
    spans: list[tuple[int, int, str | None]] = []
    for begin in re.finditer(r"\\begin\{%s\}[ \t]*" % re.escape(kind), text):
        position, depth, braces, escaped = begin.end(), 0, 0, False
        spans.append((position, position, None))
        if text[position:position + 1] != "[":
            continue
        for at in range(position, len(text)):
            character = text[at]
            if escaped or character == "\\":  # \] and \{ are no brackets, nor braces
                escaped = not escaped
                continue
            braces += {"{": 1, "}": -1}.get(character, 0)
            depth += {"[": 1, "]": -1}.get(character, 0) if braces == 0 else 0
            if depth == 0:
                spans[-1] = (position, at + 1, text[position + 1:at])
                break
    return spans


def without_theorem_names(text: str) -> str:
    r"""``text`` with the names of its theorem-like environments left out, for the reader:
    it skips a name with its ``\begin`` (no ``\newtheorem`` in the text defines the kind;
    the journal's class does) and ended one at its first ``]``, printing the rest as text.

    >>> without_theorem_names(r"\begin{lemma}[A \cite[p.~3]{k}] x")
    '\\begin{lemma} x'
    """
    if "\\begin{" not in text:
        return text
    spans = sorted(span for kind in THEOREMS if f"\\begin{{{kind}}}" in text
                   for span in theorem_name_spans(kind, text) if span[2] is not None)
    pieces, position = [], 0
    for start, end, _ in spans:
        pieces += [text[position:start]]
        position = end
    return "".join(pieces) + text[position:]


def named_theorems(pieces: list[tuple[list[pf.Block], list[str]]], texts: list[str]) -> None:
    r"""Each theorem-like environment the reader skipped with its name (``\begin{lemma}[Lorem
    ipsum]``), named: its name read as LaTeX (a citation in it is one) heads it, as a name
    written in Markdown does (``::: {.lemma name="…"}``); every name in one run of the reader,
    what it skips in a name (a command no edition knows) the piece's own to warn of.
    LIPIcs' template: "Corollary 1." and no name, its citation missing from the references.
    The names are read from the text, each ``\begin`` of a kind the next div of that kind."""
    named: list[tuple[pf.Div, str, list[str]]] = []
    for (blocks, skipped), text in zip(pieces, texts):
        kinds = {begin.group(1) for command in skipped if (begin := THEOREM_BEGIN.match(command))}
        if not kinds:
            continue
        divs = divs_in(blocks)
        for kind in kinds:
            for div, (_, _, name) in zip([d for d in divs if kind in d.classes], theorem_name_spans(kind, text)):
                if name is not None:
                    named.append((div, name, skipped))
    if not named:
        return
    names = [name for _, name, _ in named]
    try:
        readings = read_latex(names)
    except BuildError:  # a name the reader cannot end: each read on its own, the one lost warned of
        readings = [alone(name) for name in names]
    for (div, name, skipped), (blocks, unread) in zip(named, readings):
        words = as_inlines(blocks)
        if words:
            div.content.insert(0, pf.Plain(pf.Span(*words, classes=[THEOREM_NAME_CLASS])))
            skipped += unread  # what the name holds that no edition knows: warned of with its piece
        elif name.strip():
            skipped.append(f"[{name}]")  # the name, lost: warned of


# An environment's arguments on the line of its \begin: {-2.25in}{0in} (after an optional
# [12], which the reader skips with the \begin), with nothing after them on that line but a
# comment.
BEGIN_LINE_ARGUMENTS = re.compile(r"(?:[ \t]*\[[^\]\n]*\])?((?:[ \t]*\{[^{}\n]*\})+)[ \t]*(?:%[^\n]*)?(?:\n|$)")
ARGUMENT = re.compile(r"\{([^{}\n]*)\}")


def begin_arguments(name: str, text: str) -> list[list[str]]:
    r"""The arguments written on the line of each ``\begin{name}`` of ``text``, in order
    (none where text follows them on that line).

    >>> begin_arguments("w", "\\begin{w}[12]{l}{0.3\\textwidth}\nA\n\\begin{w}{1in} B\n\\begin{w}\nC")
    [['l', '0.3\\textwidth'], [], []]
    """
    found = []
    for begin in re.finditer(r"\\begin\{%s\}" % re.escape(name), text):
        written = BEGIN_LINE_ARGUMENTS.match(text, begin.end())
        found.append(ARGUMENT.findall(written.group(1)) if written else [])
    return found


def without_arguments(blocks: list[pf.Block], skipped: list[str], text: str) -> None:
    r"""The environments the reader skipped (it knows no ``\begin{adjustwidth}``) without
    the arguments written on the line of their ``\begin`` in ``text``, which it printed as
    the first words of their text: changepage's margins ("-2.25in 0in"), wrapfig's side
    and width ("r 0.4"), a spacing ("1.5"). A group the text opens with on the next line
    (``{\bfseries Important:}``) is the text's.

    >>> div = pf.Div(pf.Para(pf.Span(pf.Str("-2.25in")), pf.Span(pf.Str("0in")), pf.SoftBreak(),
    ...                      pf.Str("Table")), classes=["adjustwidth"])
    >>> without_arguments([div], [r"\begin{adjustwidth}"], "\\begin{adjustwidth}{-2.25in}{0in}\nTable"); pf.stringify(div).strip()
    'Table'
    >>> div = pf.Div(pf.Para(pf.Span(pf.Str("Important:")), pf.SoftBreak(), pf.Str("Read")), classes=["box"])
    >>> without_arguments([div], [r"\begin{box}"], "\\begin{box}\n{\\bfseries Important:}\nRead"); pf.stringify(div).strip()
    'Important: Read'
    """
    environments = {match.group(1) for command in skipped if (match := SKIPPED_BEGIN.match(command))}
    written = {name: begin_arguments(name, text) for name in environments}
    if not any(any(arguments) for arguments in written.values()):
        return
    for div in divs_in(blocks):
        if len(div.classes) != 1 or not written.get(div.classes[0]):
            continue
        # each \begin of the kind, in order, is the next div; its arguments as the reader
        # prints them: without their commands (0.4\textwidth: "0.4")
        arguments = [re.sub(r"\\[A-Za-z@]+\*?", "", argument).strip() for argument in written[div.classes[0]].pop(0)]
        if not arguments or not div.content or not isinstance(div.content[0], (pf.Para, pf.Plain)):
            continue
        words = div.content[0].content
        shown = [pf.stringify(word).strip() for word in words[:len(arguments)]]
        if all(isinstance(word, pf.Span) and not word.identifier and not word.classes and not word.attributes
               for word in words[:len(arguments)]) and shown == arguments \
                and (len(words) == len(arguments) or isinstance(words[len(arguments)], pf.SoftBreak)):
            del words[:len(arguments) + 1]
            if not words:
                del div.content[0]


def divs_in(blocks: list[pf.Block]) -> list[pf.Div]:
    """Every div of the reader's blocks, outer before inner (the document's order, as the
    text's ``\\begin``s come).

    >>> [d.classes[0] for d in divs_in([pf.Div(pf.Div(classes=["b"]), classes=["a"]), pf.Para()])]
    ['a', 'b']
    """
    return [element for block in blocks for element in [block, *descendants(block)] if isinstance(element, pf.Div)]


def whole_messages(lines: list[str]) -> list[str]:
    """pandoc's messages, each whole: one that quotes text of several lines (a skipped
    ``\\begin{corollary}[A name,`` and its next line) runs on over them.

    >>> whole_messages(["[INFO] Skipped 'a", "b' at line 2 column 1", "[INFO] x"])
    ["[INFO] Skipped 'a\\nb' at line 2 column 1", '[INFO] x']
    """
    whole: list[str] = []
    for line in lines:
        if line.startswith("[") or not whole:
            whole.append(line)
        else:
            whole[-1] += "\n" + line
    return whole


def as_inlines(blocks: list[pf.Block]) -> list[pf.Inline] | None:
    """Blocks that fit in a line of text as their inlines; None when they do not."""
    inlines: list[pf.Inline] = []
    for block in blocks:
        if not isinstance(block, (pf.Para, pf.Plain)):
            return None
        inlines += list(block.content)
    return inlines


class Places:
    """Where each raw piece (``texts``, in the document's order) was written: the line of
    its first line's text, the second time the same text comes for the second piece that
    has it (pandoc keeps no places). Looked up only for a piece warned about, and only
    for the first of them (``core.diagnostics.NamedFirst``)."""

    def __init__(self, doc: pf.Doc, texts: list[str]):
        self.doc, self.named = doc, NamedFirst()
        self.firsts = [text.strip().split("\n")[0][:60].strip() for text in texts]
        seen = Counter()
        self.nth = []
        for first in self.firsts:
            self.nth.append(seen[first])
            seen[first] += 1

    def of(self, index: int) -> tuple[str | None, int | None] | None:
        """The piece's place, or None past the first named: then it is only counted."""
        if not self.named.take():
            return None
        first = self.firsts[index]
        return locate(self.doc, re.escape(first), nth=self.nth[index], metadata=True) if first else (None, None)

    def report_unnamed(self, what: str) -> None:
        self.named.report(what, "each is as those named: look for the same markup in the text")


def lost(text: str, what: str, place: tuple[str | None, int | None]) -> None:
    """A warning: the editions but LaTeX leave raw TeX out."""
    path, line = place
    warn(f"{what} '{shorten(text)}' is left out of the pdf, html, epub, jats and docx editions "
         "(the latex edition keeps it where its class defines what it uses)", path, line,
         hint="write it in Markdown, or as a command every edition knows")


def shown_without(text: str, unknown: list[str], place: tuple[str | None, int | None]) -> None:
    """A warning: the editions but LaTeX show raw TeX without the commands they do not know."""
    path, line = place
    named = ", ".join(shorten(command, 30) for command in dict.fromkeys(unknown))
    warn(f"the LaTeX '{shorten(text)}' is shown without {named} by the pdf, html, epub, jats and docx "
         "editions: they know no such command (what it prints is left out of them; the latex edition "
         "keeps it where its class defines it)", path, line,
         hint="write it in Markdown, or leave the command out")


def written_tex(doc: pf.Doc) -> tuple[list, set[int]]:
    """The raw TeX the author wrote: in the text, and in the metadata's text fields (a
    title's ``\\textsf{Interact}``; not ``header-includes``, which is the preamble's);
    and the ``id`` of those in the metadata (what is not read there is printed as text:
    ``filters.metadata``)."""
    fields = [value for key, value in doc.metadata.content.dict.items() if key not in RAW_FIELDS]
    in_fields = [e for value in fields for e in [value, *descendants(value)] if is_written_tex(e)]
    return [e for e in body_elements(doc) if is_written_tex(e)] + in_fields, set(map(id, in_fields))


def is_written_tex(element) -> bool:
    return isinstance(element, (pf.RawInline, pf.RawBlock)) and element.format == WRITTEN_TEX


# A reference written in LaTeX for LaTeX alone (`Fig~\ref{fig1}`{=latex}, Quarto's PLOS
# template): words, ties and references, nothing else.
REFERENCE_COMMAND = r"\\(?:ref|autoref|[cC]ref|eqref|nameref)\*?\s*\{([^{}]+)\}"
LATEX_REFERENCE = re.compile(REFERENCE_COMMAND)
ONLY_REFERENCES = re.compile(r"(?:[^\\{}$%%&#^_]|%s)*" % REFERENCE_COMMAND.replace("([^{}]+)", "[^{}]+"))


# Quarto's spans for some formats alone: the author's words for the editions LaTeX is not.
FORMAT_SPANS = ("content-visible", "content-hidden")


def other_formats_beside(raw: pf.RawInline) -> bool:
    """Whether the paragraph of a raw piece gives other formats words of their own: raw
    markup of another format, or a span shown to some formats alone."""
    return any(isinstance(other, pf.RawInline) and other.format != raw.format
               or isinstance(other, pf.Span) and any(name in other.classes for name in FORMAT_SPANS)
               for other in siblings(raw))


def latex_references(doc: pf.Doc, raws: list) -> list[pf.RawInline]:
    r"""The raw LaTeX of ``raws`` (the text's raw markup) that says only a reference to what
    the document labels (in Markdown, or with ``\label`` in the TeX it writes): the reference
    means the same in every edition, and each reads it (the other editions lost "Fig 1"
    from the sentence, with a warning), as the TeX written in the text is read; not where
    the author wrote the other formats their own (``{=html}`` beside it).

    >>> doc = pf.Doc(pf.RawBlock(r"\begin{figure}\caption{A}\label{fig1}\end{figure}", format="tex"),
    ...              pf.Para(pf.RawInline(r"Fig~\ref{fig1}", format="latex"),
    ...                      pf.RawInline(r"\ref{elsewhere}", format="latex"), pf.RawInline(r"\vspace{1em}", format="latex")))
    >>> [raw.text for raw in latex_references(doc, [doc.content[0], *doc.content[1].content])]
    ['Fig~\\ref{fig1}']
    """
    candidates = [raw for raw in raws if isinstance(raw, pf.RawInline) and raw.format == "latex"
                  and LATEX_REFERENCE.search(raw.text) and ONLY_REFERENCES.fullmatch(raw.text)
                  and not other_formats_beside(raw)]
    if not candidates:
        return []
    labels = {element.identifier for element in body_elements(doc) if getattr(element, "identifier", "")}
    labels |= {label.strip() for raw in raws if is_written_tex(raw) for label in LABEL.findall(raw.text)}
    return [raw for raw in candidates if all(label.strip() in labels for match in LATEX_REFERENCE.finditer(raw.text)
                                             for label in match.group(1).split(","))]


APPENDIX_SWITCH = re.compile(r"\s*(?<![\\A-Za-z@])(\\appendix)(?![A-Za-z@])\s*")
BOOKDOWN_APPENDIX = "(APPENDIX)"


def appendix_switch(doc: pf.Doc) -> pf.Block | None:
    r"""LaTeX's ``\appendix`` between the sections (or bookdown's heading ``# (APPENDIX)
    Appendix {-}``): the block that holds it, what follows it in that block split off as
    a raw block of its own (``\appendix`` then ``\section{Data}``, or ``\renewcommand``s
    kept for LaTeX), to be read as the rest; the sections after it are made appendices
    once the raw TeX is read (``appendices_after``).

    >>> doc = pf.Doc(pf.Header(pf.Str("One")), pf.RawBlock("\\appendix\n\\section{Data}", "tex"))
    >>> switch = appendix_switch(doc); switch.text, doc.content[2].text
    ('\\appendix', '\\section{Data}')
    >>> doc = pf.Doc(pf.RawBlock("\\newpage\n% \\appendix\n\\appendix\n\\section{A}", "tex"))
    >>> appendix_switch(doc).text, [block.text for block in doc.content]
    ('\\appendix', ['\\newpage\n% \\appendix\n', '\\appendix', '\\section{A}'])
    """
    for index, block in enumerate(doc.content):
        if isinstance(block, pf.Header) and pf.stringify(block).startswith(BOOKDOWN_APPENDIX):
            return block  # bookdown's: a heading that is no section of its own
        if isinstance(block, pf.RawBlock) and block.format in (WRITTEN_TEX, "latex"):  # as TeX, or ```{=latex}
            comments = comments_in(block.text)
            switch = next((found for found in APPENDIX_SWITCH.finditer(block.text)
                           if not commented(comments, found.start(1))), None)
            if switch is None:
                continue
            before, rest = block.text[:switch.start()], block.text[switch.end():]
            block.text = "\\appendix"
            if rest.strip():
                doc.content.insert(index + 1, pf.RawBlock(rest, format=block.format))
            if before.strip():  # "\newpage" before it in its block: read as it would be alone
                doc.content.insert(index, pf.RawBlock(before, format=block.format))
            return block
    return None


def appendices_after(doc: pf.Doc, switch: pf.Block) -> None:
    r"""The sections after ``switch`` (``appendix_switch``) are appendices (as
    ``{.appendix}`` makes them: "Appendix A" in every edition, and in references to them;
    the LaTeX edition numbered them so, the others as sections 5, 6…); the switch goes.

    >>> doc = pf.Doc(pf.Header(pf.Str("One")), pf.RawBlock("\\appendix", "tex"),
    ...              pf.Header(pf.Str("Data")), pf.Header(pf.Str("Part"), level=2))
    >>> appendices_after(doc, doc.content[1]); [(type(b).__name__, list(b.classes)) for b in doc.content]
    [('Header', []), ('Header', ['appendix']), ('Header', [])]
    """
    index = next(at for at, block in enumerate(doc.content) if block is switch)
    after = [header for header in doc.content[index + 1:] if isinstance(header, pf.Header)]
    top = min((header.level for header in after), default=0)
    for header in after:
        if header.level == top and APPENDIX_CLASS not in header.classes:
            header.classes.append(APPENDIX_CLASS)
    del doc.content[index]


def read_raw_tex(doc: pf.Doc) -> None:
    """Every raw TeX the author wrote (``written_tex``), read by pandoc's LaTeX reader; a
    page break as one, ``\\appendix`` as the appendices it starts. What the reader cannot
    read (a command it does not know, blocks where the text needs a line) stays raw TeX,
    for the LaTeX edition, and is warned about, unless it only lays the page out."""
    switch = appendix_switch(doc)
    raws, in_metadata = written_tex(doc)
    raws = [raw for raw in raws if raw is not switch]
    if not raws:
        if switch is not None:
            appendices_after(doc, switch)
        return
    places = Places(doc, [raw.text for raw in raws])  # as written, before \input and the rest change them
    inline_inputs(raws, doc)
    abstracts = taken_abstracts([raw for raw in raws if isinstance(raw, pf.RawBlock) and id(raw) not in in_metadata])
    footnotes_at_marks([raw for raw in raws if id(raw) not in in_metadata])
    types = column_types([raw.text for raw in raws])
    for raw in raws:
        untie(raw)
    # read as pandoc's reader reads it right; what it does not read stays as written, for LaTeX
    pieces = read_latex([with_column_types(readable(raw.text), types) for raw in raws])
    unknown = {index: [command for command in skipped if not LAYOUT.match(command) and not THEOREM_EDGE.match(command)]
               for index, (_, skipped) in enumerate(pieces)}
    # An inline command the reader does not know prints, most likely, its last argument:
    # read again with each such command as that argument, the other editions show its words.
    wordy = [index for index, raw in enumerate(raws) if unknown[index] and in_text(raw)
             and not reads_files(raw.text) and its_words(raw.text, unknown[index]) is not None]
    worded = dict(zip(wordy, read_latex([its_words(raws[index].text, unknown[index]) for index in wordy])))
    replacements = [reading(index, raw, blocks, unknown[index], worded.get(index), places, id(raw) in in_metadata)
                    for index, (raw, (blocks, _)) in enumerate(zip(raws, pieces))]  # in the text's order
    places.report_unnamed("LaTeX the editions read in part or leave out")
    # Last first: a replacement moves the places of what follows it in its container.
    for raw, replacement in reversed(list(zip(raws, replacements))):
        if replacement is None:
            raw.format = "latex"
        else:
            siblings(raw)[raw.index:raw.index + 1] = replacement
    if switch is not None:  # its sections read: a \section after \appendix in its block is one
        appendices_after(doc, switch)
    if abstracts:
        set_abstract(doc, abstracts)


ABSTRACT = re.compile(r"\\begin\{abstract\}(.*?)\\end\{abstract\}\s*", re.S)


def taken_abstracts(raws: list) -> list[str]:
    r"""The text of each ``abstract`` environment the raw blocks hold, taken out of them
    (a knitted paper's ``\begin{abstract}`` in its text: pandoc's reader makes it the
    document's abstract, which a piece's reading leaves out, so it was lost).

    >>> block = pf.RawBlock("\\begin{abstract}\nWe study x.\n\\end{abstract}\nRest.", format="tex")
    >>> taken_abstracts([block]), block.text
    (['\nWe study x.\n'], 'Rest.')
    """
    found = []
    for raw in raws:
        if "\\begin{abstract}" in raw.text:
            found += ABSTRACT.findall(raw.text)
            raw.text = ABSTRACT.sub("", raw.text)
    return found


FOOTNOTE_MARK = re.compile(r"\\footnotemark(?![A-Za-z])(?:\[(\d+)\])?(?:\{\})?")
FOOTNOTE_TEXT = re.compile(r"\\footnotetext(?![A-Za-z])(?:\[(\d+)\])?\s*(?=\{)")


def footnotes_at_marks(raws: list) -> None:
    r"""A footnote LaTeX writes in two parts, ``\footnotemark`` where it is called and
    ``\footnotetext{…}`` later (in a table, a heading, a caption, where ``\footnote``
    cannot stand), as one ``\footnote{…}`` at its mark: the reader printed its words where
    the text stood and left the mark out. A text goes to the first mark before it still
    without one (a table's marks, then their texts), a numbered text only to the mark of
    its number (``\footnotemark[2]`` … ``\footnotetext[2]{…}``); a numbered mark with no
    text of its number repeats a note's mark, and takes none. What is commented out, and
    a mark or a text inside another text, is left as written; so is a text with no mark.

    >>> mark = pf.RawInline("\\footnotemark{}", format="tex")
    >>> text = pf.RawInline("\\footnotetext{From the {archive}.}", format="tex")
    >>> footnotes_at_marks([mark, text]); mark.text, text.text
    ('\\footnote{From the {archive}.}', '')
    """
    found = []  # (raw's place, start, end, number, is a text), in the text's order
    for place, raw in enumerate(raws):
        comments = comments_in(raw.text) if "%" in raw.text else []
        for match in FOOTNOTE_TEXT.finditer(raw.text):
            end = group_end(raw.text, match.end())
            if end > 0 and not commented(comments, match.start()):
                found.append((place, match.start(), end, match.group(1), True))
        found += [(place, match.start(), match.end(), match.group(1), False)
                  for match in FOOTNOTE_MARK.finditer(raw.text) if not commented(comments, match.start())]
    found.sort(key=lambda item: item[:2])
    waiting: dict[str | None, deque] = defaultdict(deque)  # the marks without a text, by number, in order
    edits: dict[int, list[tuple[int, int, str]]] = {}  # raw's place → (start, end, replacement)
    within = (-1, -1)  # the place and end of the text whose argument the sweep is in
    for place, start, end, number, is_text in found:  # one sweep: linear in the marks and texts
        if place == within[0] and start < within[1]:
            continue  # a mark or a text inside a text's argument is that text's own
        if not is_text:
            waiting[number].append((place, start, end))
            continue
        within = (place, end)
        if not waiting[number]:
            continue
        at, mark_start, mark_end = waiting[number].popleft()
        argument = raws[place].text[FOOTNOTE_TEXT.match(raws[place].text, start).end():end]
        edits.setdefault(at, []).append((mark_start, mark_end, f"\\footnote{argument}"))
        edits.setdefault(place, []).append((start, end, ""))
    for place, changes in edits.items():  # each text rebuilt once, its pieces in order
        text, pieces, done = raws[place].text, [], 0
        for start, end, replacement in sorted(changes):
            pieces += [text[done:start], replacement]
            done = end
        raws[place].text = "".join(pieces) + text[done:]


def comments_in(tex: str) -> list[tuple[int, int]]:
    r"""Where ``tex``'s comments stand (a ``%`` that is no ``\%``, to its line's end), in order.

    >>> comments_in("50\\% a % note\nb")
    [(7, 13)]
    """
    return [match.span() for match in ESCAPE_OR_COMMENT.finditer(tex) if match.group().startswith("%")]


def commented(comments: list[tuple[int, int]], at: int) -> bool:
    r"""Whether a position stands in one of the ``comments`` (``comments_in``).

    >>> commented(comments_in("% A\\footnotemark"), 3), commented(comments_in("50\\% A\\footnotemark"), 6)
    (True, False)
    """
    index = bisect_right(comments, (at, float("inf"))) - 1
    return index >= 0 and comments[index][0] <= at < comments[index][1]


def set_abstract(doc: pf.Doc, abstracts: list[str]) -> None:
    """The text's abstract environment is the document's abstract, read as LaTeX; where
    the metadata has one already, it is kept and the environment's left out, with a warning."""
    if doc.metadata.content.dict.get("abstract") is not None:
        warn("the text's abstract environment is left out: the metadata has an abstract",
             *locate(doc, r"\\begin\{abstract\}"), hint="keep one of the two")
        return
    blocks = [block for text in abstracts for block in read_latex([text])[0][0]]
    doc.metadata["abstract"] = pf.MetaBlocks(*blocks)


def untie(raw) -> None:
    r"""TeX's tie before a command (``Fig.~\ref{x}``, ``Eq.~\eqref{y}``) is a space that
    does not break, not a tilde: pandoc leaves ``~`` in the word before the raw TeX, and
    every edition but LaTeX printed "Fig.~1".

    >>> para = pf.Para(pf.Str("Fig.~"), pf.RawInline(r"\ref{a}", format="tex"))
    >>> untie(para.content[1]); para.content[0].text
    'Fig.\xa0'
    """
    before = raw.prev
    if isinstance(before, pf.Str) and before.text.endswith("~"):
        before.text = before.text[:-1] + "\N{NO-BREAK SPACE}"


def in_text(raw) -> bool:
    r"""Whether raw TeX stands where text is read: in a paragraph, or as the whole of a
    list item or a definition (``* \pkg{plyr}``, which pandoc reads as a raw block: the
    item was printed empty). A raw block elsewhere is the preamble's, or a float's.

    >>> items = pf.BulletList(pf.ListItem(pf.RawBlock(r"\pkg{plyr}", format="tex")))
    >>> in_text(items.content[0].content[0]), in_text(pf.RawBlock(r"\pkg{x}", format="tex"))
    (True, False)
    """
    return isinstance(raw, pf.RawInline) or isinstance(raw.parent, (pf.ListItem, pf.Definition))


def as_item_text(raw, blocks: list) -> list:
    r"""The reading of a raw block that is a whole item of a tight list (``* \pkg{plyr}``
    among items of words) as the other items' text is, its paragraphs plain: a paragraph
    set the item apart from the others (pandoc's reading of the piece alone).

    >>> items = pf.BulletList(pf.ListItem(pf.RawBlock(r"\pkg{plyr}", format="tex")), pf.ListItem(pf.Plain(pf.Str("b"))))
    >>> [type(b).__name__ for b in as_item_text(items.content[0].content[0], [pf.Para(pf.Str("plyr"))])]
    ['Plain']
    """
    item = raw.parent
    if not isinstance(item, pf.ListItem) or not isinstance(item.parent, (pf.BulletList, pf.OrderedList)):
        return blocks
    others = [other.content[0] for other in item.parent.content if other is not item and other.content]
    if any(isinstance(first, pf.Para) for first in others) or not blocks or not isinstance(blocks[0], pf.Para):
        return blocks  # a loose list: its items are paragraphs
    return [pf.Plain(*blocks[0].content), *blocks[1:]]  # as pandoc sets a tight item: its first paragraph plain


def reading(index: int, raw, blocks: list, unknown: list[str], worded, places: Places, in_metadata: bool):
    """What a raw piece becomes (its elements; None: raw LaTeX, for the LaTeX edition
    alone), each loss warned about: ``blocks`` the reader's reading, ``unknown`` the
    commands it skipped, ``worded`` its reading with those as their words."""
    replacement = as_item_text(raw, blocks) if isinstance(raw, pf.RawBlock) else as_inlines(blocks)
    words = as_inlines(worded[0]) if worded and not worded[1] else None
    if raw.text.strip() in PAGE_BREAKS:
        return [page_break()] if isinstance(raw, pf.RawBlock) else None
    commands = without_comments(raw.text).split()
    if isinstance(raw, pf.RawBlock) and commands and all(command in GENERATED_LISTS for command in commands):
        return [pf.Div(classes=[GENERATED_LIST_CLASS], attributes={KIND_ATTRIBUTE: GENERATED_LISTS[command]})
                for command in commands]
    if LAYOUT.match(raw.text):
        return None  # layout only: the LaTeX edition keeps it
    if unknown and isinstance(raw, pf.RawInline) and not refused(raw.text):
        # math commands written in the text (\vec{x}, \hat{\theta}): math, as meant
        return [pf.Math(raw.text.strip(), format="InlineMath")]
    if words and pf.stringify(pf.Plain(*words)).strip():
        place = places.of(index)
        if place:
            shown_as_words(raw.text, words, unknown, place)
        shown = pf.Span(*words, classes=[TEX_TEXT_CLASS], attributes={TEX_SOURCE_ATTRIBUTE: raw.text})
        return [shown] if isinstance(raw, pf.RawInline) else [pf.Plain(shown)]
    if unknown and isinstance(raw, pf.RawBlock) and replacement and not reads_files(raw.text):
        # a table or a figure read whole but for a command the reader does not know (\phantom):
        # shown without what that command prints, which is named, not the whole piece left out
        place = places.of(index) if not in_metadata else None
        if place:
            shown_without(raw.text, unknown, place)
        unknown = []
    if replacement is None or unknown or reads_files(raw.text):  # \input{x}: the reader has no such file
        place = places.of(index) if not in_metadata else None
        if place:
            lost(raw.text, "the LaTeX", place)
        return None
    if isinstance(raw, pf.RawInline) and raw.text[-1:].isspace() and replacement \
            and not isinstance(replacement[-1], (pf.Space, pf.SoftBreak)):
        # pandoc gives "\LaTeX " its space, which TeX's reader swallows: the word after stays apart
        replacement = [*replacement, pf.Space()]
    for cite in (e for part in replacement for e in [part, *descendants(part)] if isinstance(e, pf.Cite)):
        for citation in cite.citations:  # natbib's \citep{a,*b}: b merged into a's entry
            citation.id = citation.id.lstrip("*") or citation.id
    return replacement

LATEXE = re.compile(r"\\LaTeXe(?![A-Za-z])\s?")
# babel-french's guillemets (\og Texte \fg): pandoc's reader knows neither, and left both out.
# Printed as the guillemets alone, the text's spaces around them kept (babel sets no-break
# spaces of its own there; "\og{}Texte\fg{}" prints without them here).
FRENCH_QUOTES = re.compile(r"(?<!\\)\\(og|fg)(?![A-Za-z])(?:\{\})?")
SUBEQUATIONS = re.compile(r"\\begin\{subequations\}(?:\s*\\label\{[^{}]*\})?|\\end\{subequations\}")
# booktabs' and LaTeX's partial and spacing rules, which pandoc's reader prints ("2-3") or
# lets take the next cell with them ("4" of a row after \addlinespace): lines only LaTeX draws.
TABLE_RULES = re.compile(r"\\(?:cmidrule(?:\([a-z]*\))?\s*\{[^{}]*\}|cline\s*\{[^{}]*\}|addlinespace(?:\s*\[[^\]]*\])?|"
                         r"specialrule\s*\{[^{}]*\}\s*\{[^{}]*\}\s*\{[^{}]*\}|morecmidrules)")


# array's \newcolumntype{Y}{>{\centering\arraybackslash}X}: a column type pandoc's reader does
# not know, so that it read no table at all. Each is read as the column it is made from.
NEW_COLUMN_TYPE = re.compile(r"\\newcolumntype\s*\{([^{}\s])\}\s*(?:\[(\d)\]\s*)?\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}")
BASE_COLUMN = re.compile(r"([lcrXpmb])(?:\{[^{}]*\})?\s*(?:<\{(?:[^{}]|\{[^{}]*\})*\})?\s*$")
# What pandoc's reader reads in a column specification: the columns (p, m, b and the
# material before, after and between them with their arguments), rules, repetitions.
READ_COLUMNS = "lcrX"
READ_WITH_ARGUMENT = "pmb@><"
READ_REPEATED = "*"
COLUMN_TOKEN = re.compile(r"\s+|\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}|\[[^\]]*\]|\\[A-Za-z@]+\*?|.", re.S)
# A cell's own specification (``\multicolumn{3}{c@{}}{…}``): the reader takes its columns and
# rules, and read no table at all where it held material between columns.
MULTICOLUMN_SPEC = re.compile(r"(\\multicolumn\s*\{[^{}]*\}\s*\{)((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}")


def column_types(texts: list[str]) -> dict[str, tuple[str, int]]:
    r"""The column types the texts define, each as the column it is made from and how many
    of its arguments go with it (those of a ``p``, its width, stay): one whose column is
    not read (dcolumn's ``D``) as a plain column, one that is no column
    (``\newcolumntype{+}{!{\vrule width 2pt}}``, a rule) as nothing.

    >>> column_types([r"\newcolumntype{Y}{>{\centering\arraybackslash}X} \newcolumntype{P}[1]{p{#1}}"])
    {'Y': ('X', 0), 'P': ('p', 0)}
    >>> column_types([r"\newcolumntype{+}{!{\vrule width 2pt}} \newcolumntype{d}[1]{D{.}{.}{#1}}"])
    {'+': ('', 0), 'd': ('l', 1)}
    """
    found = {}
    for text in texts:
        for match in NEW_COLUMN_TYPE.finditer(text):
            base = BASE_COLUMN.search(match.group(3))
            arguments = int(match.group(2) or 0)
            if base:
                found[match.group(1)] = (base.group(1), 0)
            else:
                found[match.group(1)] = ("l" if match.group(1).isalpha() else "", arguments)
    return found


def read_columns(spec: str, types: dict[str, tuple[str, int]], cell: bool = False) -> str:
    r"""A column specification as pandoc's reader reads it: a type the texts define as the
    column it is made from (``column_types``), and a type the reader does not know, which
    a package or the journal's class defines (siunitx's ``S[…]``, dcolumn's ``D{.}{.}{2}``,
    PLOS's rule ``+``), as a plain column if it is a letter (with its arguments), else as
    nothing (a rule; ``!{…}``, material between columns). pandoc read no table at all
    from such a specification, but its cells as loose text, "&" and all. A ``cell``'s
    (``\multicolumn``'s) without the material before, after and between its columns,
    which the reader takes in a table's specification only.

    >>> read_columns(r"|l+l|S[table-format=2.1]D{.}{.}{2} !{\vrule}Y p{2cm}", {"Y": ("X", 0)})
    '|ll|ll X p{2cm}'
    >>> read_columns(r"*{3}{c}@{}>{\bfseries}l", {})
    '*{3}{c}@{}>{\\bfseries}l'
    >>> read_columns(r"c@{}", {}, cell=True), read_columns(r">{\bfseries}p{2cm}|", {}, cell=True)
    ('c', 'p{2cm}|')
    >>> read_columns(r"l\hspace{1cm}r", {}), read_columns(r"ld{2}", {"d": ("l", 1)})
    ('lr', 'll')
    """
    tokens = COLUMN_TOKEN.findall(spec)
    read, position = [], 0
    while position < len(tokens):
        token = tokens[position]
        position += 1
        taking = 0  # the arguments that go with the token
        if token in types:
            token, dropped = types[token]
            position = min(position + dropped, len(tokens)) if all(
                part[:1] == "{" for part in tokens[position:position + dropped]) else position
        elif token.startswith("\\") and len(token) > 1:  # a command (\hspace{1cm}): material, not columns
            while position < len(tokens) and tokens[position][:1] in "{[":
                position += 1
            token = ""
        elif token in READ_WITH_ARGUMENT and not (cell and token in "@><"):
            taking = 1
        elif token == READ_REPEATED and not cell:
            taking = 2
        elif token in READ_COLUMNS or token == "|" or token.isspace() or token[:1] in "{[":
            pass
        else:  # unknown: a column of a package (a letter), or a rule or material (a symbol)
            while position < len(tokens) and tokens[position][:1] in "{[":
                position += 1
            token = "l" if token.isalpha() else ""
        read.append(token)
        for _ in range(taking):
            if position < len(tokens) and tokens[position][:1] == "{":
                read.append(tokens[position])
                position += 1
    return "".join(read)


def with_column_types(tex: str, types: dict[str, tuple[str, int]]) -> str:
    r"""``tex`` with each table's column specification, and each cell's that spans
    columns, as pandoc's reader reads it (``read_columns``).

    >>> with_column_types(r"\begin{tabularx}{\textwidth}{l| YY p{2cm}}", {"Y": ("X", 0)})
    '\\begin{tabularx}{\\textwidth}{l| XX p{2cm}}'
    """
    tex = COLUMN_SPEC.sub(lambda match: match.group(1) + read_columns(match.group(2), types) + "}", tex)
    return MULTICOLUMN_SPEC.sub(lambda match: match.group(1) + read_columns(match.group(2), types, cell=True) + "}",
                                tex)


# A float of two columns (table*, figure*) or turned sideways (rotating's sidewaystable): for
# the editions, which have one column and turn nothing, a table or a figure. pandoc's reader
# knows neither, and read its caption and label as loose text (the label lost).
FLOAT_VARIANT = re.compile(r"\\(begin|end)\{(?:(table|figure)\*|sideways(table|figure))\}")
# natbib's capitalised citations (\Citet: "Van Dyke (2020)" at a sentence's start), which
# pandoc's reader does not know: read as the others (the citation stage prints a name as
# the entry writes it).
CAPITALISED_CITATION = re.compile(r"\\Cite(t|p|alt|alp|author)(?![A-Za-z])")


# kableExtra's collapse_rows writes a group's name on its last row, spanning upward
# (\multirow{-3}{*}{Oryza}); pandoc's reader set it in that row alone, the rows above it
# blank, read as the group before's. It is set as LaTeX shows it: the group's first row,
# spanning down.
UPWARD_MULTIROW = re.compile(r"\\multirow\s*(?:\[[^\]]*\]\s*)?\{\s*-([1-9]\d*)\s*\}")
TABULAR_BODY = re.compile(r"(\\begin\{(tabular[x*]?|longtable|tabulary)\}(?:\[[^\]\n]*\])?(?:\{[^{}\n]*\})?"
                          r"(?:\[[^\]\n]*\])?[ \t]*\{(?:[^{}\n]|\{(?:[^{}\n]|\{[^{}\n]*\})*\})*\})(.*?)(\\end\{\2\})",
                          re.S)  # its opening with the column specification, its rows, its end
SPANNED = re.compile(r"\s*\\multicolumn\s*\{\s*(\d+)\s*\}")
OPTIONAL_ARGUMENT = re.compile(r"\s*(?:\[[^\]]*\]\s*)?")
RULES_ONLY = re.compile(r"(?:\s|\\(?:hline|toprule|midrule|bottomrule|hdashline|cline\s*\{[^{}]*\}|"
                        r"cmidrule(?:\([a-z]*\))?\s*\{[^{}]*\}|addlinespace(?:\s*\[[^\]]*\])?|"
                        r"specialrule\s*\{[^{}]*\}\s*\{[^{}]*\}\s*\{[^{}]*\}))*")  # what a blank cell may hold


def split_top(text: str, separator: str) -> list[str]:
    r"""``text`` split at ``separator`` where no brace holds it and no backslash escapes it.

    >>> split_top(r"a & \multicolumn{2}{c}{b & c} & d \& e", "&")
    ['a ', ' \\multicolumn{2}{c}{b & c} ', ' d \\& e']
    """
    parts, depth, start, at = [], 0, 0, 0
    while at < len(text):
        char = text[at]
        if char == "\\" and not text.startswith(separator, at):
            at += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and text.startswith(separator, at):
            parts.append(text[start:at])
            at += len(separator)
            start = at
            continue
        at += 1
    return parts + [text[start:]]


def group_end(text: str, at: int) -> int:
    """Where the brace group opening at ``text[at]`` ends (after its ``}``); -1 for none."""
    depth = 0
    for index in range(at, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    return -1


def downward_multirows(body: str) -> str:
    r"""A tabular's body with each ``\multirow{-N}…`` moved to its group's first row.

    >>> downward_multirows("A & 1 \\\\\n & 2 \\\\\n\\multirow{-2}{*}{Oryza} & 3 \\\\\n")
    'A & 1 \\\\\n\\multirow{2}{*}{Oryza} & 2 \\\\\n & 3 \\\\\n'
    """
    rows = [split_top(row, "&") for row in split_top(body, "\\\\")]
    columns = [[0, *accumulate(int(m.group(1)) if (m := SPANNED.match(cell)) else 1 for cell in cells[:-1])]
               for cells in rows]  # where each cell's column is, after those a cell before it spans
    for row, cells in enumerate(rows):
        for index, cell in enumerate(cells):
            upward = UPWARD_MULTIROW.search(cell)
            top = row - int(upward.group(1)) + 1 if upward else -1
            if top < 0 or columns[row][index] not in columns[top]:
                continue
            target = columns[top].index(columns[row][index])
            end = upward.end()
            for _ in range(2):  # its width, then its text (an optional vertical move between)
                end = OPTIONAL_ARGUMENT.match(cell, end).end()
                end = group_end(cell, end) if cell.startswith("{", end) else -1
                if end < 0:
                    break
            if end < 0 or not RULES_ONLY.fullmatch(rows[top][target]):
                continue
            command = "\\multirow{" + upward.group(1) + "}" + cell[upward.end():end]
            cells[index] = cell[:upward.start()] + cell[end:]
            rows[top][target] = rows[top][target].rstrip(" ") + command + " "
    return "\\\\".join("&".join(cells) for cells in rows)


def readable(tex: str) -> str:
    """Raw TeX as pandoc's reader reads it right: amsmath's subequations as their
    equations (each numbered: 1, 2 where LaTeX prints 1a, 1b), booktabs' partial and
    spacing rules left out, ``\\LaTeXe`` as LaTeX2ε, siunitx's units with explicit
    powers (``core.siunitx``).

    >>> readable(r"\\cmidrule(lr){2-3} A & B \\\\ \\addlinespace 4 & 5")
    ' A & B \\\\\\\\  4 & 5'
    >>> readable(r"A & B & C \\\\ \\cline{2-3} 4 & 5 & 6")
    'A & B & C \\\\\\\\  4 & 5 & 6'
    >>> readable(r"\\og Texte \\fg{} et")
    '« Texte » et'
    >>> readable(r"\\Citet{a} and \\Citeauthor*{b}")
    '\\\\citet{a} and \\\\citeauthor*{b}'
    >>> readable(r"\\begin{table*}x\\end{table*} \\begin{sidewaysfigure}y\\end{sidewaysfigure}")
    '\\\\begin{table}x\\\\end{table} \\\\begin{figure}y\\\\end{figure}'
    """
    tex = FLOAT_VARIANT.sub(lambda match: f"\\{match.group(1)}{{{match.group(2) or match.group(3)}}}", tex)
    tex = FRENCH_QUOTES.sub(lambda match: "«" if match.group(1) == "og" else "»", tex)
    tex = CAPITALISED_CITATION.sub(r"\\cite\1", tex)
    if "\\multirow" in tex:  # a tabular in a cell of another: its rows are not the outer's
        tex = TABULAR_BODY.sub(lambda match: match.group(0) if "\\begin{" + match.group(2) in match.group(3) else
                               match.group(1) + downward_multirows(match.group(3)) + match.group(4), tex)
    return explicit_powers(TABLE_RULES.sub("", SUBEQUATIONS.sub("", LATEXE.sub(r"\\LaTeX{}2ε", tex))))


INPUT = re.compile(r"\\(?:input|include)\s*\{([^{}]+)\}")


def inline_inputs(raws: list, doc: pf.Doc) -> None:
    """Each ``\\input{x}`` of raw TeX replaced by the text of ``x`` (or ``x.tex``), a file of
    the project (a table kept in its own .tex file): read by the reader as the rest. A file
    not found, or outside the project, stays ``\\input``, which is then warned about. An
    untrusted build reads none (its raw TeX is refused: ``filters.untrusted``)."""
    from filters.resources import manuscript_folder, project_folder
    from filters.untrusted import untrusted_build

    if untrusted_build(doc):
        return
    folder, project = manuscript_folder(doc), project_folder(doc)
    read: list[str] = []
    spent = 0  # what every \input brought in, together within the text's limit (one file read 20 times…)

    def text_of(match: re.Match) -> str:
        nonlocal spent
        for name in (match.group(1).strip(), match.group(1).strip() + ".tex"):
            target = (folder / name).resolve()
            if target.is_relative_to(project) and target.is_file():
                read.append(str(target))
                if spent + target.stat().st_size > limit("text"):
                    raise too_large("text", target, spent + target.stat().st_size)
                data = read_input(target, "text", budget=limit("text") - spent)
                spent += len(data)
                return data.decode("utf-8", errors="replace")
        return match.group(0)

    for raw in raws:
        if reads_files(raw.text):
            raw.text = INPUT.sub(text_of, without_comments(raw.text))
    if read:
        doc.metadata[TEX_INPUTS_KEY] = pf.MetaList(*map(pf.MetaString, dict.fromkeys(read)))


def last_argument(command: str) -> str:
    """What the last brace group of ``command`` holds (its braces balanced); "" for none.

    >>> last_argument(r"\\unit{0.8\\,s^{-1}}"), last_argument(r"\\thickhline")
    ('0.8\\\\,s^{-1}', '')
    """
    if not command.endswith("}"):
        return ""
    depth = 0
    for at in range(len(command) - 1, -1, -1):
        depth += {"}": 1, "{": -1}.get(command[at], 0)
        if depth == 0:
            return command[at + 1:-1]
    return ""


def its_words(text: str, commands: list[str]) -> str | None:
    """``text`` with each command (as the reader skipped it, its arguments with it) as
    its last argument: the words it most likely prints; None when an argument is no
    plain words (a quantity, ``\\unit{0.8\\,m}``, would print changed).

    >>> its_words(r"\\dropcap{Thanks} to \\foo[x]{a}{all}", [r"\\dropcap{Thanks}", r"\\foo[x]{a}{all}"])
    'Thanks to all'
    >>> its_words(r"Speed \\unit{0.872\\,m\\,s^{-1}}", [r"\\unit{0.872\\,m\\,s^{-1}}"]) is None
    True
    """
    for command in commands:
        words = last_argument(command.rstrip())
        if re.search(r"[\\^_$&#~]", words):
            return None
        text = text.replace(command.rstrip(), words, 1)
    return text


def shown_as_words(text: str, words: list[pf.Inline], commands: list[str],
                   place: tuple[str | None, int | None]) -> None:
    names = ", ".join(dict.fromkeys(re.match(r"\\[A-Za-z@]*", command).group(0) for command in commands))
    path, line = place
    warn(f"the LaTeX '{shorten(text)}' is shown as its words '{shorten(pf.stringify(pf.Plain(*words)))}' by the "
         f"pdf, html, epub, jats and docx editions: they know no {names}", path, line,
         hint="write it in Markdown, which every edition shows with its formatting")


def page_break() -> pf.Div:
    return pf.Div(classes=[PAGE_BREAK_CLASS])


# --- the stage -------------------------------------------------------------------------------


def visible(text: str, format: str) -> bool:
    """Whether raw markup prints words (not only tags, commands or a layout).

    >>> visible("<br/><!-- x -->", "html"), visible("Fig~\\ref{fig1}", "latex"), visible("#pagebreak()", "typst")
    (False, True, False)
    >>> visible("\\\\caption{Calculate y}\\\\label{a}", "latex"), visible("\\\\vspace{2em}\\\\label{x}", "latex")
    (True, False)
    """
    if format.startswith("html"):
        text = re.sub(r"<!--.*?-->|<[^>]*>", " ", text, flags=re.S)
    elif format in LATEX_FORMATS:
        text = without_comments(text)
        # a command's text arguments print (\caption{…}, \textbf{…}); names, lengths and files do not
        text = re.sub(NOT_TEXT_ARGUMENTS + r"\*?(?:\s*\[[^\]]*\])*(?:\s*\{[^{}]*\})*|"
                      r"\\[A-Za-z@]+\*?(?:\s*\[[^\]]*\])*", " ", text)
    elif format == "typst":
        text = re.sub(r"#[a-z.-]+(?:\([^()]*\))?", " ", text)
    else:
        text = re.sub(r"<[^>]*>", " ", text)
    return bool(re.search(r"[^\W\d_]{2,}", text))


def raw_formats(doc: pf.Doc) -> None:
    """Raw markup of a format no edition has (``{=comment}``) is dropped, as pandoc drops
    it; raw markup that prints words is shown by its format's editions only, and a
    warning names the others; a reference written for LaTeX alone to what the text labels
    is read as the TeX the text writes is (``latex_references``)."""
    raws = [e for e in body_elements(doc) if isinstance(e, (pf.RawInline, pf.RawBlock))]
    for reference in latex_references(doc, raws):
        reference.format = WRITTEN_TEX
    elements = [e for e in raws if e.format != WRITTEN_TEX]
    places = Places(doc, [element.text for element in elements])
    dropped = []
    for index, element in enumerate(elements):
        if element.format not in RAW_FORMATS:
            place = places.of(index)
            if place:
                warn(f"raw '{element.format}' is left out: no edition has that format", *place,
                     hint="as pandoc does; editions take html, latex, typst, openxml or jats")
            dropped.append(element)
        elif visible(element.text, element.format):
            place = places.of(index)
            shown = RAW_FORMATS[element.format]
            others = [name for name in EDITION_NAMES if name not in shown]
            if place:
                warn(f"raw {element.format} '{shorten(element.text)}' is shown by the {' and '.join(shown)} "
                     f"edition{'s' if len(shown) > 1 else ''} only: the {', '.join(others)} editions leave "
                     "it out", *place, hint="write it in Markdown, which every edition shows")
    for element in dropped:
        del siblings(element)[position(element)]
    places.report_unnamed("raw markup left out of some editions")
