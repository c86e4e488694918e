"""The LaTeX edition: the same article through a jinja2 LaTeX template, for
journals that take LaTeX. ``latex_folder`` is a submission folder (the .tex,
the references, the figures) that compiles on its own with ``latexmk -xelatex``;
``write_pdf`` compiles it with XeLaTeX or LuaLaTeX.

>>> latex_escape("50% & #1_a {b}")
'50\\\\% \\\\& \\\\#1\\\\_a \\\\{b\\\\}'
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import unicodedata
from collections import Counter
from functools import cached_property, lru_cache
from pathlib import Path

from core.diagnostics import BuildError, NamedFirst, display_path, shorten, warn
from core.inputs import limit
from core.kinds import LATEX_FORMATS, NATIVE, Native, Renderers, front_matter, shown_in
from core.markup import PLAIN_ID
from core.names import (
    EQUATION_CLASS,
    FIELDS_KEY,
    GENERATED_LIST_COMMANDS,
    KIND_ATTRIBUTE,
    TEX_SOURCE_ATTRIBUTE,
)
from core.sandbox import Sandbox
from core.tex import LABEL, READS_FILES, without_comments
from core.texmath import malformed, unconvertible
from core.tools import run_pandoc
from press import ast
from press.figures import EXTENSIONS, data_uri_bytes, pdf_of_svg
from press.latexnames import HIDDEN_NAMES, undefined_in, vetting
from press.render import highlighting, render
from press.templates import context, environment

ENGINES = ("xelatex", "lualatex")
INSTALL_HINT = ("install TeX Live: apt-get install texlive-xetex texlive-luatex "
                "texlive-lang-european latexmk")
POLYGLOSSIA = {"tr": "turkish", "en": "english", "de": "german", "fr": "french", "ru": "russian"}
LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                  "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                  "^": r"\textasciicircum{}"}
CYRILLIC_RUN = re.compile(r"[\u0400-\u04FF]+(?:\s+[\u0400-\u04FF]+)*")


def latex_escape(text: str) -> str:
    return "".join(LATEX_SPECIALS.get(char, char) for char in str(text))


# In ``\href``'s address only characters TeX reads as themselves pass as written;
# ``%`` and ``#`` take a backslash, and every other character (``\``, ``{``, ``}``,
# ``^``, which TeX's ``^^5c`` turns into a backslash, ``~``, a space, any non-ASCII
# letter) is percent-encoded, byte by byte: an allowlist, so that nothing in an
# address is TeX.
URL_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._:/?=&@!'()*+,;")


def latex_url(url: str) -> str:
    r"""An address for ``\href``'s first argument.

    >>> print(latex_url("https://doi.org/10.1000/a_b~c%d#e {x}"))
    https://doi.org/10.1000/a_b\%7Ec\%d\#e\%20\%7Bx\%7D
    >>> print(latex_url("http://x/^^5cinput{/etc/hostname}"))
    http://x/\%5E\%5E5cinput\%7B/etc/hostname\%7D
    """
    return "".join(char if char in URL_SAFE else {"%": r"\%", "#": r"\#"}.get(char) or
                   "".join(f"\\%{byte:02X}" for byte in char.encode("utf-8")) for char in str(url))


def with_cyrillic_font(latex: str) -> str:
    """Wrap runs of Cyrillic in ``\\cyrillicfont``: the main font has no Cyrillic."""
    return CYRILLIC_RUN.sub(lambda m: "{\\cyrillicfont " + m.group(0) + "}", latex)


def map_leaves(value, function):
    """``function`` applied to every string of nested dicts and lists."""
    if isinstance(value, dict):
        return {key: map_leaves(child, function) for key, child in value.items()}
    if isinstance(value, list):
        return [map_leaves(child, function) for child in value]
    return function(value) if isinstance(value, str) else value


def picture_files(job, files: dict[str, bytes]):
    """The image renderer: each picture a file of the folder (into ``files``), under
    the name the text gives it; LaTeX reads no SVG, so Typst draws an SVG (or a
    generated picture) as PDF."""
    folder = Path(job.root)

    def picture(element: dict) -> None:
        url = element["c"][2][0]
        if url.startswith("data:"):
            media, data = data_uri_bytes(url)
            name = f"figures/generated-{sum(n.startswith('figures/generated-') for n in files) + 1}"
            if media == "image/svg+xml":
                name, data = name + ".pdf", pdf_of_svg(url, None)
            else:
                name += EXTENSIONS[media]
        elif url.lower().endswith(".svg"):
            name, data = url + ".pdf", pdf_of_svg(Path(job.resources[url]), folder)
        else:
            name, data = url, Path(job.resources[url]).read_bytes()
        element["c"][2][0] = name
        files[name] = data
    return picture


BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")


def math_without_blank_lines(element: dict) -> None:
    """TeX math as written, less its blank lines: a blank line inside display math is a
    new paragraph to LaTeX, which stops there ("Missing $ inserted"; joss-openmd of the
    corpus); MathML and Typst read past it.

    >>> math = {"t": "Math", "c": [{"t": "DisplayMath"}, "a" + chr(10) + "  " + chr(10) + "b"]}
    >>> math_without_blank_lines(math); math["c"][1] == "a" + chr(10) + "b"
    True
    """
    element["c"][1] = BLANK_LINE.sub("", element["c"][1])


def tagged_equation(element: dict) -> dict | None:
    """A numbered equation keeps its number at the right margin: ``\\tag*{(1)}``. Math
    the edition cannot compile is its TeX source already (``Vetting.math``, which renders
    the math inside first): it keeps its number after it."""
    _, math, number = ast.equation_parts(element)
    if not math:
        return None
    for item in math:
        math_without_blank_lines(item)
        item["c"][1] = f"{item['c'][1]} \\tag*{{{latex_escape(number)}}}"
    element["c"][1] = math
    return element


HANGING_INDENT = {"t": "RawBlock", "c": ["latex", "\\begingroup\\setlength{\\parindent}{0pt}"
                                                  "\\everypar{\\hangindent=2em\\hangafter=1}"]}
# TeX never hyphenates the first word of a paragraph: in a narrow column a long
# first word ("Zeytinburnu") would run into the next. A zero skip before it lets it break.
BREAKABLE = {"t": "RawInline", "c": ["latex", "\\hspace{0pt}"]}


def notes_out(value) -> list[dict]:
    r"""The notes in ``value`` (a term's or a caption's inlines) each as a ``\footnotemark``
    where it stands, and their texts as blocks of ``\footnotetext``s to set after the
    element: a ``\footnote`` in a longtable's caption or in ``\item[…]`` prints nothing.

    >>> words = [{"t": "Str", "c": "Term"}, {"t": "Note", "c": [{"t": "Para", "c": [{"t": "Str", "c": "n"}]}]}]
    >>> texts = notes_out(words); words[1]["c"][1], [block["c"][1] for block in texts if block["t"] == "RawBlock"]
    ('\\protect\\footnotemark{}', ['\\addtocounter{footnote}{-1}\\stepcounter{footnote}\\footnotetext{', '}'])
    """
    notes: list[list[dict]] = []

    def marked(element: dict):
        if element["t"] != "Note":
            return None
        notes.append(element["c"])
        return raw("\\protect\\footnotemark{}")  # a caption's words move: protected

    value[:] = ast.transform(value, marked)
    texts = [raw(f"\\addtocounter{{footnote}}{{-{len(notes)}}}", True)] if notes else []
    for blocks in notes:
        texts += [raw("\\stepcounter{footnote}\\footnotetext{", True), *blocks, raw("}", True)]
    if texts:  # one block for the first: the counter's step and the text's start together
        texts[0:2] = [raw(texts[0]["c"][1] + texts[1]["c"][1], True)]
    return texts


def latex_list(element: dict) -> dict:
    """A generated list as the LaTeX command the author wrote (LaTeX makes it, with pages)."""
    kind = dict(element["c"][0][2]).get(KIND_ATTRIBUTE, "")
    return raw(GENERATED_LIST_COMMANDS.get(kind, GENERATED_LIST_COMMANDS["contents"]), True)


def braced_terms(element: dict) -> list[dict] | None:
    r"""A definition list's terms in braces: ``\item[{…}]``, so that a ``]`` in a term (a
    picture's ``\includegraphics[…]``, a citation's page) does not end it; a note in a
    term marked there, its text after the list (``notes_out``).

    >>> terms = {"t": "DefinitionList", "c": [[[{"t": "Str", "c": "Term"}], []]]}
    >>> braced_terms(terms); [inline["c"][1] for inline in terms["c"][0][0] if inline["t"] == "RawInline"]
    ['{', '}']
    """
    if element["t"] != "DefinitionList":
        return None
    texts = []
    for item in element["c"]:
        texts += notes_out(item[0])
        item[0] = [raw("{"), *item[0], raw("}")]
    return [element, *texts] if texts else None


def latex_table(element: dict) -> dict | list[dict]:
    """Every cell's first word breakable; a figure or a table in a cell set in place
    (``anchored``, ``tabular``); a note in the caption after the table (``notes_out``);
    a wide table in a smaller size."""
    for cell in ast.table_cells(element):
        cell[4] = blocks = [placed for block in without_floats(cell[4])
                            for placed in (tabular(block) if block["t"] == "Table" else [block])]
        ast.transform(blocks, number_after)
        if blocks and blocks[0]["t"] in ("Plain", "Para") and blocks[0]["c"]:
            blocks[0]["c"].insert(0, dict(BREAKABLE))
    texts = notes_out(element["c"][1][1])  # a note in the caption: longtable's caption prints none
    if texts:  # … and the list of tables takes the caption without its marks (they counted twice)
        element["c"][1][0] = [inline for inline in inlines_of(element["c"][1][1])
                              if not (inline["t"] == "RawInline" and "footnotemark" in inline["c"][1])]
    if len(element["c"][2]) < ast.WIDE_TABLE:
        return [element, *texts] if texts else element
    return [raw("\\begingroup\\footnotesize", True), element, raw("\\endgroup", True), *texts]


# The number ``tagged_equation`` gave a display equation, at the end of its math.
TAG = re.compile(r" \\tag\*\{(.*)\}$", re.S)


def number_after(element: dict) -> list[dict] | None:
    r"""A numbered equation in a table's cell with its number after its math: pandoc
    writes display math there as inline math, where amsmath allows no ``\tag``. Only
    the number ``tagged_equation`` gave: the author's own math is as written.

    >>> span = {"t": "Span", "c": [["eq-a", ["equation"], []], [{"t": "Math", "c": [{"t": "DisplayMath"}, "x \\tag*{(1)}"]}]]}
    >>> number_after(span)["c"][1][1]
    {'t': 'RawInline', 'c': ['latex', '\\quad (1)']}
    """
    if element["t"] != "Span" or EQUATION_CLASS not in element["c"][0][1]:
        return None
    content = []
    for item in element["c"][1]:
        tagged = TAG.search(item["c"][1]) if item["t"] == "Math" else None
        if tagged:
            item["c"][1] = item["c"][1][:tagged.start()]
        content += [item, raw(f"\\quad {tagged.group(1)}")] if tagged else [item]
    element["c"][1] = content
    return element


ALIGNMENTS = {"AlignRight": "r", "AlignCenter": "c"}


def tabular(table: dict) -> list[dict]:
    r"""A table inside a table's cell as a ``tabular`` (pandoc writes a longtable, which
    a longtable's cell cannot hold: "TeX capacity exceeded"), its header ruled off; its
    caption above it. A cell of more than words is set as its words, with a warning.

    >>> cell = lambda text: [["", [], []], {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": [{"t": "Str", "c": text}]}]]
    >>> table = {"t": "Table", "c": [["", [], []], [None, []], [[{"t": "AlignRight"}, {"t": "ColWidthDefault"}]],
    ...          [["", [], []], [[["", [], []], [cell("h")]]]], [[["", [], []], 0, [], [[["", [], []], [cell("1")]]]]],
    ...          [["", [], []], []]]}
    >>> "".join(inline["c"][1] if inline["t"] == "RawInline" else inline["c"] for inline in tabular(table)[0]["c"])
    '\\begin{tabular}{r}h \\\\\\hline 1 \\\\\\end{tabular}'
    """
    _, caption, columns, head, bodies, foot = table["c"]
    pieces = [raw(f"\\begin{{tabular}}{{{''.join(ALIGNMENTS.get(c[0]['t'], 'l') for c in columns)}}}")]
    rows = [(row, False) for row in head[1]]
    rows[-1:] = [(rows[-1][0], True)] if rows else []
    rows += [(row, False) for body in bodies for row in (*body[2], *body[3])] + [(row, False) for row in foot[1]]
    for row, last_of_head in rows:
        for number, cell in enumerate(row[1]):
            if any(block["t"] not in ("Plain", "Para") for block in cell[4]):
                warn("a table inside a table's cell holds more than words: the LaTeX edition sets that "
                     "cell's words only", hint="write the inner table's cell as words, or the table apart")
            words = inlines_of(cell[4])
            span = cell[3]
            pieces += [*([raw(" & ")] if number else []),
                       *([raw(f"\\multicolumn{{{span}}}{{l}}{{"), *words, raw("}")] if span > 1 else words)]
        pieces.append(raw(" \\\\" + ("\\hline " if last_of_head else "")))
    pieces.append(raw("\\end{tabular}"))
    title = inlines_of(caption[1])
    return [*([{"t": "Plain", "c": [*title, raw("\\par")]}] if title else []), {"t": "Plain", "c": pieces}]


def latex_label(identifier: str) -> str:
    return f"\\label{{{identifier}}}" if identifier and PLAIN_ID.fullmatch(identifier) else ""


def raw(text: str, block: bool = False) -> dict:
    return {"t": "RawBlock" if block else "RawInline", "c": ["latex", text]}


def inlines_of(blocks: list) -> list:
    return [inline for block in blocks if block["t"] in ("Plain", "Para") for inline in block["c"]]


def anchored(figure: dict) -> list[dict]:
    r"""A figure where LaTeX takes no float (a footnote, a framed callout, a table's cell:
    "Not in outer par mode"), set where it stands: centred, its parts side by side, each
    caption in small type under its picture (the captions print their own numbers; a
    ``\caption`` there is longtable's or an error).

    >>> figure = {"t": "Figure", "c": [["fig-a", [], []], [None, [{"t": "Plain", "c": [{"t": "Str", "c": "A."}]}]],
    ...                                 [{"t": "Plain", "c": [{"t": "Str", "c": "picture"}]}]]}
    >>> [block["t"] for block in anchored(figure)], anchored(figure)[0]["c"][1]
    (['RawBlock', 'Plain', 'Plain', 'RawBlock'], '\\begin{center}\\phantomsection\\label{fig-a}')
    """
    parts = [block for block in figure["c"][2] if block["t"] == "Figure"]
    width = f"{0.96 / max(len(parts), 1):.2f}"
    pictures = [{"t": "Plain", "c": [inline for part in parts for inline in (
        raw(f"\\begin{{minipage}}[t]{{{width}\\linewidth}}\\centering{latex_label(part['c'][0][0])}"),
        *inlines_of(part["c"][2]), raw("\\par{\\small "), *inlines_of(part["c"][1][1]),
        raw("\\par}\\end{minipage}\\hfill"))]}] if parts else figure["c"][2]
    label = latex_label(figure["c"][0][0])
    return [raw("\\begin{center}" + ("\\phantomsection" + label if label else ""), True), *pictures,
            {"t": "Plain", "c": [raw("{\\small "), *inlines_of(figure["c"][1][1]), raw("\\par}")]},
            raw("\\end{center}", True)]


def without_floats(value):
    """``value`` (rendered blocks) with each figure in it ``anchored``, its parts with it."""
    if isinstance(value, list):
        return [placed for item in value for placed in (
            anchored(item) if isinstance(item, dict) and item.get("t") == "Figure" else [without_floats(item)])]
    if isinstance(value, dict):
        return {key: without_floats(child) if isinstance(child, (list, dict)) else child
                for key, child in value.items()}
    return value


def latex_callout(element: dict) -> list[dict]:
    """A callout in a frame (the framed package: code inside it may break across pages),
    labelled with its id, which a numbered one's cross-references link to (``#nte-x``);
    a figure in it is set in place (a frame holds no float)."""
    label = latex_label(element["c"][0][0])
    return [{"t": "RawBlock", "c": ["latex", "\\begin{framed}" + ("\\phantomsection" + label if label else "")]},
            *without_floats(element["c"][1]), {"t": "RawBlock", "c": ["latex", "\\end{framed}"]}]


def hanging_entry(element: dict) -> list[dict]:
    """A reference entry with a hanging indent: LaTeX gets no CSS, so a group around
    the entry sets it (the layout of one group around the list, entry by entry)."""
    return [dict(HANGING_INDENT), element, {"t": "RawBlock", "c": ["latex", "\\endgroup"]}]


# \label{x} in raw LaTeX, and what refers to one
REFERENCE = re.compile(r"\\(?:[cC]?ref|eqref|autoref|pageref|nameref)\*?\s*\{([^{}]+)\}")


def own_latex(doc: dict) -> list[str]:
    """The raw LaTeX of a pandoc JSON document, its body's and its metadata's
    (``header-includes``): where it may define commands."""
    return [element["c"][1] for part in (doc["blocks"], doc["meta"]) for kind in ("RawBlock", "RawInline")
            for element in ast.elements(part, kind) if element["c"][0] in LATEX_FORMATS]


# What the template's own title block does, from the metadata: an author's again breaks it.
TITLE_BLOCK = re.compile(r"\\(?:maketitle|title|author|date)(?![A-Za-z])")


class Vetting:
    """The raw LaTeX and the math the edition's folder can compile (``press.latexnames``):
    raw LaTeX that needs a command or an environment its class and packages do not define
    is left out, math that does is shown as its TeX source, each with a warning, so that
    the folder still compiles. ``doc``: the document, whose own definitions count (the
    job's, when not given). The renderers return None to keep an element as it is."""

    def __init__(self, job, doc: dict | None = None):
        self.job, self.doc = job, doc
        self.warned = Counter()  # each piece's first line: the second time, the second place
        self.named = NamedFirst()

    @cached_property
    def own(self) -> list[str]:
        """The document's raw LaTeX (``own_latex``), read once."""
        return own_latex(self.doc or self.job.document())

    @cached_property
    def malformed_math(self) -> frozenset[str]:
        """The document's formulas whose TeX is malformed (``core.texmath.malformed``):
        TeX would stop on them, so the folder would not compile. The tex stage warned
        of each, at its line; read in one pandoc run, only when the document has math."""
        doc = self.doc or self.job.document()
        formulas = list(dict.fromkeys(math["c"][1] for part in (doc["blocks"], doc["meta"])
                                      for math in ast.elements(part, "Math")))
        return frozenset(formula for formula, reason in (unconvertible(formulas) if formulas else {}).items()
                         if malformed(reason))

    @cached_property
    def known(self) -> frozenset[str] | None:
        return vetting(self.job.template_path, self.own)

    def missing(self, tex: str) -> list[str]:
        return undefined_in(tex, self.known)  # with no list, still what reads a file or hides a name

    @cached_property
    def lost_labels(self) -> frozenset[str]:
        """The labels only raw LaTeX that is left out gives: a reference to one would print ??."""
        left_out, kept = set(), set()
        for tex in self.own:
            (left_out if self.missing(tex) else kept).update(LABEL.findall(without_comments(tex)))
        return frozenset(left_out - kept)

    def references_lost(self, tex: str) -> list[str]:
        return [label for label in REFERENCE.findall(without_comments(tex)) if label in self.lost_labels]

    def report_unnamed(self) -> None:
        self.named.report("LaTeX the latex edition leaves out or shows otherwise", "each is as those named")

    def place(self, tex: str) -> tuple[str | None, int | None] | None:
        """Where a piece warned about was written (the second time its text comes, the
        second place); None past the first named (``core.diagnostics.NamedFirst``)."""
        first = tex.strip().split("\n")[0]
        self.warned[first] += 1
        if not self.named.take():
            return None
        return manuscript_place(first, [*self.job.sources, *self.job.metadata_files], self.warned[first] - 1)

    def warn(self, tex: str, what: str, missing: list[str]) -> None:
        place = self.place(tex)
        if place is None:
            return
        path, line = place
        reads = [name for name in missing if name.lstrip("\\") in READS_FILES]
        hidden = [name for name in missing if name == "^^" or name.lstrip("\\") in HIDDEN_NAMES]
        undefined = [name for name in missing if name not in reads and name not in hidden]
        said = [f"{', '.join(undefined)} {'is' if len(undefined) == 1 else 'are'} not defined by its class and packages"
                if undefined else "", f"{', '.join(reads)} reads a file its folder does not hold" if reads else "",
                f"{', '.join(hidden)} names a command it cannot check" if hidden else ""]
        shown = shorten(without_comments(tex))  # its comments are no part of what it says
        warn(f"the latex edition {what} '{shown}': {'; '.join(filter(None, said))}", path, line,
             hint="LaTeX written for another class (a journal's own): define what it needs in header-includes "
                  "(\\newcommand, \\usepackage), or write it in Markdown" if undefined else
                  "put what the file holds into the Markdown" if reads else
                  "write the commands themselves (no \\csname, ^^ or @-names), or write it in Markdown")

    def raw(self, element: dict) -> list | None:
        raw_format, text = element["c"]
        if raw_format not in LATEX_FORMATS:
            return None
        missing = self.missing(text)
        if missing:
            self.warn(text, "leaves out the raw LaTeX", missing)
            return []
        own = TITLE_BLOCK.findall(without_comments(text))
        if own:  # the template sets the title block from the metadata: \maketitle again stopped LaTeX
            place = self.place(text)
            if place:
                warn(f"the latex edition leaves out the raw LaTeX '{shorten(text)}': its template makes the "
                     f"title block ({', '.join(dict.fromkeys(own))} again would stop LaTeX: 'No \\title given')",
                     *place, hint="give the title, authors and date in the metadata, and leave these out")
            return []
        lost = self.references_lost(text)
        if lost:
            place = self.place(text)
            if place:
                warn(f"the latex edition leaves out the raw LaTeX '{shorten(text)}': it refers to "
                     f"{', '.join(lost)}, labelled in raw LaTeX it leaves out", *place,
                     hint="write what the label names in Markdown, labelled {#…}, and refer to it with @…")
            return []
        return None

    def preamble(self, value: dict) -> dict:
        """``header-includes`` as the preamble can take it: its raw LaTeX, vetted. pandoc
        reads the field as Markdown, so a line that is not LaTeX (a ``%`` comment among
        them) is text, which stops LaTeX before the document begins: it is left out."""
        kind, content = value["t"], value.get("c")
        if kind == "MetaList":
            return {"t": kind, "c": [self.preamble(item) for item in content]}
        if kind == "MetaInlines":
            return {"t": kind, "c": self.preamble_line(content)}
        if kind == "MetaBlocks":
            kept, commented, previous = [], False, None
            for block in content:
                if block["t"] == "RawBlock":
                    if commented:  # "%\\cmd" read as a "%" then the command: its first line is a comment
                        first, _, rest = block["c"][1].partition("\n")
                        block = {"t": "RawBlock", "c": [block["c"][0], rest]}
                    kept += [block] if block["c"][1].strip() and self.raw(block) is None else []
                elif block["t"] in ("Para", "Plain"):
                    kept += [{"t": block["t"], "c": self.preamble_line(block["c"])}]
                # a "%" alone after a command ends that command's line ("\\cmd%"); one after text
                # or first opens a comment over the command that follows ("%\\cmd")
                commented = block["t"] in ("Para", "Plain") and bool(block["c"]) \
                    and block["c"][-1]["t"] == "Str" and block["c"][-1]["c"].endswith("%") \
                    and not (block["c"] == [{"t": "Str", "c": "%"}] and previous == "RawBlock")
                previous = block["t"]
            return {"t": kind, "c": kept}
        return value

    def preamble_line(self, inlines: list) -> list:
        """A paragraph of ``header-includes``, line by line: a ``%`` (pandoc's text) starts a
        comment, which is dropped; a line that still holds text is left out, with a warning."""
        kept, line = [], []
        for inline in [*inlines, {"t": "SoftBreak"}]:
            if inline["t"] not in ("SoftBreak", "LineBreak"):
                line.append(inline)
                continue
            comment = next((n for n, i in enumerate(line) if i["t"] == "Str" and "%" in i["c"]), len(line))
            code = line[:comment]
            text = ast.stringify([i for i in code if i["t"] != "RawInline"]).strip()
            if text:
                path, place = manuscript_place(ast.stringify(line), list(self.job.metadata_files))
                warn(f"the latex edition leaves out '{shorten(ast.stringify(line))}' of header-includes: it is "
                     "text, not LaTeX, and text in the preamble stops LaTeX", path, place,
                     hint="pandoc reads header-includes as Markdown: write the LaTeX in a ```{=latex} block there")
            else:
                kept += [i for i in code if i["t"] == "RawInline" and self.raw(i) is None] + [{"t": "SoftBreak"}]
            line = []
        return kept[:-1]

    def tex_text(self, element: dict) -> dict | list:
        """A command only LaTeX knows (``core.kinds``' tex-text): the command, when the
        edition's class defines it; else its words, as the other editions show them."""
        tex = dict(element["c"][0][2]).get(TEX_SOURCE_ATTRIBUTE, "")
        missing = self.missing(tex)
        if not missing:
            return {"t": "RawInline", "c": ["latex", tex]}
        self.warn(tex, "shows as its words the LaTeX", missing)
        return ast.content_of(element)

    def math(self, element: dict) -> dict | None:
        """TeX math as written (``math_without_blank_lines``); a symbol the preamble does
        not define but texmath knows (``\\Angstrom``) as its character, as the other
        editions print it; else, or when the TeX is malformed, its source as code."""
        if element["c"][1] in self.malformed_math:  # as the other editions show it, delimiters and all
            delimiter = "$$" if element["c"][0]["t"] == "DisplayMath" else "$"
            return {"t": "Code", "c": [["", [], []], f"{delimiter}{element['c'][1]}{delimiter}"]}
        math_without_blank_lines(element)
        missing = self.missing(element["c"][1])
        if not missing:
            return None
        symbols = {name: symbol_of(name) for name in missing}
        if all(symbols.values()):
            element["c"][1] = re.sub("|".join(rf"{re.escape(name)}(?![A-Za-z])" for name in missing),
                                     lambda match: rf"\text{{{symbols[match.group()]}}}", element["c"][1])
            return None
        self.warn(element["c"][1], "shows as its TeX source the math", missing)
        return {"t": "Code", "c": [["", [], []], element["c"][1]]}


@lru_cache(maxsize=256)
def symbol_of(name: str) -> str | None:
    r"""The one character texmath (pandoc's TeX math reader, which makes the other editions'
    math) writes for a control word, if it is one, not ASCII and no TeX markup.

    >>> symbol_of("\\Angstrom"), symbol_of("\\journalmath"), symbol_of("^^")
    ('Å', None, None)
    """
    if not re.fullmatch(r"\\[A-Za-z]+", name):
        return None
    try:
        text = run_pandoc(["--from", "latex", "--to", "plain", "--sandbox"], stdin=f"${name}$").strip()
    except BuildError:
        return None
    text = unicodedata.normalize("NFC", text)  # U+212B ANGSTROM SIGN is Å, which the fonts have
    return text if len(text) == 1 and not text.isascii() else None


def renderers(job, doc: dict | None = None) -> Renderers:
    """How the LaTeX edition renders each kind; the figure files go into its ``files``.
    ``doc``: the document (parsed), which raw LaTeX is vetted against."""
    files: dict[str, bytes] = {}
    vet = Vetting(job, doc)

    def footnote(element: dict) -> dict:
        # code in a note takes fancyvrb's \VerbatimFootnotes (pandoc's verbatim-in-note)
        table.verbatim_in_note |= next(ast.elements(element["c"], "CodeBlock"), None) is not None
        element["c"] = without_floats(element["c"])
        return element

    table = Renderers({**front_matter(),
        "section": NATIVE, "appendix": NATIVE, "paragraph": NATIVE, "list": braced_terms,
        "block-quote": NATIVE, "line-block": NATIVE, "code": Native("highlighted by pandoc (the Highlighting environment)"),
        "raw": vet.raw, "figure": NATIVE, "image": picture_files(job, files),
        "table": latex_table,
        "math": vet.math, "equation": tagged_equation, "footnote": footnote, "link": NATIVE, "cross-reference": NATIVE,
        "citation": NATIVE, "reference-entry": hanging_entry, "back-matter": NATIVE,
        "event-mention": NATIVE, "chronology-list": NATIVE, "chronology-date": ast.content_of,
        "event-place": NATIVE, "timeline": NATIVE,
        "page-break": lambda element: {"t": "RawBlock", "c": ["latex", "\\clearpage"]},
        "subfigure": Native("subcaption's subfigure"), "listing": NATIVE, "theorem": NATIVE, "proof": NATIVE,
        "callout": latex_callout, "tex-text": vet.tex_text,
        "conditional": shown_in("latex", "pdf"), "generated-list": latex_list,
        "page-range": NATIVE})
    table.files, table.vetting, table.verbatim_in_note = files, vet, False
    return table


def prepare(job) -> tuple[str, dict[str, bytes], bool]:
    """The document as LaTeX needs it, the figure files, and whether a note holds code."""
    doc = job.document()
    rendering = renderers(job, doc)
    doc["blocks"] = ast.render_blocks(doc["blocks"], rendering)
    for field in doc["meta"].get(FIELDS_KEY, {}).get("c", []):  # each leaf, as the template gets it
        path, value = field["c"]["path"]["c"], field["c"]["value"]
        if path and path[0]["c"] == "header-includes":
            field["c"]["value"] = rendering.vetting.preamble(value)
    rendering.vetting.report_unnamed()
    return ast.dump(doc), rendering.files, rendering.verbatim_in_note


def latex_folder(job) -> dict[str, bytes]:
    """``{name: bytes}`` of the submission folder: the .tex, the .bib files, the figures."""
    doc_json, figures, verbatim_in_note = prepare(job)
    rendered = render(doc_json, "latex", ["--wrap=preserve", *highlighting(job.template_path)], job.plain)
    rendered.body = with_cyrillic_font(rendered.body)
    rendered.meta = map_leaves(rendered.meta, with_cyrillic_font)
    info = context(job, rendered, "latex")
    other = (rendered.plain.get("translation") or {}).get("lang")
    env = environment("latex", False, job.template_path)
    env.filters["latex_escape"] = latex_escape
    env.filters["latex_url"] = latex_url
    tex = env.get_template("article.tex.j2").render(
        info, verbatim_in_note=verbatim_in_note, polyglossia=POLYGLOSSIA.get(job.lang.split("-")[0], "english"),
        other_polyglossia=POLYGLOSSIA.get((other or "").split("-")[0]))
    files = {f"{job.slug}.tex": tex.encode("utf-8"), **figures}
    for name in job.bibliography:
        files[Path(name).name] = Path(name).read_bytes()
    return files


def require_engine(engine: str) -> str:
    for program in (engine, "latexmk"):
        if not shutil.which(program):
            raise BuildError(f"{program} not found: the LaTeX edition needs TeX Live", hint=INSTALL_HINT)
    return engine


# TeX reads and writes only in the folder it runs in and TeX's own tree: no absolute
# path, no "..", no dot file (kpathsea's "paranoid" setting; TeX Live's default lets
# \input read any file), and runs no program (\write18). latexmk runs with -norc:
# no latexmkrc, which is Perl, is read from the folder or the user's home.
TEX_SANDBOX = {"openin_any": "p", "openout_any": "p", "shell_escape": "f"}
SANDBOX_REFUSAL = re.compile(r"Not (?:reading from|writing to) (.+?) \(open(?:in|out)_any = p\)")
TEX_ERROR = re.compile(r"^(?:\./)?([^:\s]+\.tex):(\d+): (.*)$")


def manuscript_place(tex_line: str, sources: list[str], nth: int = 0) -> tuple[str | None, int | None]:
    r"""The manuscript line a line of the generated .tex came from, found by its words
    (pandoc keeps no source positions): the ``nth`` line that holds it whole (the first, by
    default), else the line sharing most of its words, if enough.

    >>> import tempfile, pathlib
    >>> source = pathlib.Path(tempfile.mkdtemp()) / "a.md"
    >>> _ = source.write_text("# Intro\n\nThe \\badmacro{growth} of exports.\n")
    >>> manuscript_place(r"The \badmacro{growth} of exports.", [str(source)])[1]
    3
    """
    words = set(re.findall(r"[^\W\d_]{4,}", re.sub(r"\\[A-Za-z@]+\*?", " ", tex_line)))
    best, best_score = (None, None), 0
    for name in sources:
        try:
            lines = Path(name).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, start=1):
            if tex_line.strip() and tex_line.strip() in line:
                if not nth:
                    return display_path(name), number
                nth -= 1
            score = len(words & set(re.findall(r"[^\W\d_]{4,}", line)))
            if score > best_score:
                best, best_score = (display_path(name), number), score
    return best if best_score >= min(3, len(words)) and best_score else (None, None)


# XeTeX writes "(U+0398)", TeX's own fonts "(\"398)"
MISSING_CHARACTER = re.compile(r"^Missing character: There is no (.+?) \((?:U\+|\")([0-9A-F]{2,6})\)", re.M)


def missing_characters(log: str) -> list[str]:
    """The characters TeX's log says no font had, once each, as ``'Θ' (U+0398)``.

    >>> missing_characters("Missing character: There is no ^^B (U+0002) in font X!\\nMissing character: "
    ...                    "There is no Θ (U+0398) in font Y!\\nMissing character: There is no ^^B (U+0002) in f\\n"
    ...                    'Missing character: There is no Ξ ("39E) in font cmbx10!')
    ['U+0002', "'Θ' (U+0398)", "'Ξ' (U+039E)"]
    """
    found = dict.fromkeys(match.group(2).rjust(4, "0") for match in MISSING_CHARACTER.finditer(log))
    return [f"'{chr(int(code, 16))}' (U+{code})" if chr(int(code, 16)).isprintable() else f"U+{code}"
            for code in found]


def compile_pdf(files: dict[str, bytes], main: str, engine: str, timestamp: int | None,
                sources: list[str] = ()) -> bytes:
    """latexmk in a sandbox (``core.sandbox``) holding the folder's files alone, TeX
    confined to it (``TEX_SANDBOX``). A LaTeX error is a BuildError at the manuscript's
    file and line where the offending text can be found there, else at the .tex's."""
    require_engine(engine)
    with Sandbox() as sandbox:
        folder = sandbox.folder
        for name, data in files.items():
            sandbox.put(name, data)
        env = {**os.environ, **TEX_SANDBOX, "FORCE_SOURCE_DATE": "1"}
        if timestamp is not None:
            env["SOURCE_DATE_EPOCH"] = str(timestamp)
        # its own process group: past the time limit, TeX goes with latexmk (latexmk runs TeX 2-3 times)
        process = subprocess.Popen(["latexmk", "-norc", f"-{engine}", "-interaction=nonstopmode", "-halt-on-error",
                                    "-file-line-error", main], cwd=folder, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, errors="replace", start_new_session=True)
        try:
            stdout, stderr = process.communicate(timeout=limit("seconds") * 3)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise BuildError(f"{engine} was stopped after {limit('seconds') * 3} s (three times the limit for one "
                             "run of a tool)", hint="raw LaTeX that loops (\\loop … \\repeat)? a journal that "
                             "accepts slower texts raises the limit: --limit seconds=…") from None
        result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
        pdf = Path(folder) / main.replace(".tex", ".pdf")
        if result.returncode == 0 and pdf.exists():
            log = Path(folder) / main.replace(".tex", ".log")
            lost = missing_characters(log.read_text(encoding="utf-8", errors="replace") if log.exists() else "")
            if lost:  # TeX only logs them: the PDF has a blank where each was
                warn(f"the pdf edition through {engine} lost {', '.join(lost)}: no font it uses has "
                     f"{'it' if len(lost) == 1 else 'them'} (TeX leaves a blank)",
                     hint="a journal's LaTeX template may load a font that has it; the Typst PDF (the "
                          "default) shows it")
            return pdf.read_bytes()
        for line in result.stdout.splitlines():
            match = TEX_ERROR.match(line)
            if match:
                tex = (Path(folder) / match.group(1))
                tex_lines = tex.read_text(encoding="utf-8", errors="replace").splitlines() \
                    if tex.exists() else []
                number = int(match.group(2))
                offending = tex_lines[number - 1] if 0 < number <= len(tex_lines) else ""
                path, source_line = manuscript_place(offending, list(sources))
                refused = SANDBOX_REFUSAL.search(result.stdout + result.stderr)
                reason = f"TeX may not read {refused.group(1)} (it reads only its own folder and TeX's files)" \
                    if refused else match.group(3)
                raise BuildError(f"{engine} failed: {reason} (line {number} of the "
                                 f"LaTeX edition's {match.group(1)})", path, source_line,
                                 hint="see the .tex that `python build.py latex` writes")
        errors = [line for line in result.stdout.splitlines() if line.startswith("! ")]
        raise BuildError(f"{engine} failed: {errors[0] if errors else result.stdout[-500:]}",
                         hint="see the .tex that `python build.py latex` writes")


def write_pdf(job, engine: str) -> dict[str, bytes]:
    files = latex_folder(job)
    return {f"{job.slug}.pdf": compile_pdf(files, f"{job.slug}.tex", engine, job.timestamp,
                                           job.sources)}


def write_folder(job, shared=None) -> dict[str, bytes]:
    return {f"latex/{name}": data for name, data in latex_folder(job).items()}
