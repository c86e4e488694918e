"""LaTeX written inside the Markdown, read into the document, so that every edition
shows what it says, not only the LaTeX one (pandoc would keep it as raw TeX, which
the other writers drop without a word):

- cross-references: ``\\autoref{fig:x}``, ``\\ref``, ``\\eqref``, ``\\cref``, ``\\Cref``
  become references the crossref stage resolves ("Figure 1", "1", "(1)");
- labels: ``\\label{…}`` in a figure's or table's caption, a heading or a display
  equation names it; elsewhere it is an anchor of the section it stands in;
- equations: ``\\begin{equation|align|gather|multline}`` (and ``$$ … \\label{…} $$``)
  are numbered like ``{#eq:…}``; the starred forms and ``\\nonumber`` are not;
- natbib's ``\\cite``, ``\\citep``, ``\\citet``, and tables, figures and other blocks
  in LaTeX, read by pandoc's own LaTeX reader (in its sandbox);
- math: switches MathML conversion does not know (``{\\rm x}``, ``\\bf``, ``\\it``,
  ``\\cal``, ``\\over``) rewritten as the commands it knows (``\\mathrm{x}``);
- ``\\newpage``, ``\\clearpage``, ``\\pagebreak``: a page break in every edition;
- raw HTML that Markdown has elements for (``m<sup>2</sup>``, ``<br>``): those elements
  (``filters.rawhtml``).

What still cannot be read (an unknown command with text in it, math that MathML
conversion cannot take) is a warning naming its file and line, the editions that
leave it out and what they lose. Raw blocks the author marked for one format
(```` ```{=latex} ````) stay raw, for that format only; a raw format no edition has
(```` ```{=comment} ````) is dropped, as pandoc drops it, with a warning.

>>> texmath_compatible(r"T_{\\rm numpy} + {\\bf x} + {a \\over b}")
'T_{\\\\mathrm{numpy}} + {\\\\mathbf{x}} + {\\\\frac{a}{b}}'
>>> equation_parts(r"\\begin{align*} a &= b \\\\ c &= d \\end{align*}")
('\\\\begin{aligned} a &= b \\\\\\\\ c &= d \\\\end{aligned}', [], False)

The raw TeX's reading is ``filters.rawtex``; this stage runs it, then names the labels
targets and numbers the equations. Stand-alone: ``pandoc -F filters/tex.py``.
"""
from __future__ import annotations

import re

if __name__ == "__main__":  # pandoc -F filters/NAME.py
    import standalone; standalone.run(__file__)  # noqa: E702, I001

import panflute as pf

from core.diagnostics import locate, shorten, warn
from core.names import (
    EQUATION_CLASS,
    LATEX_LABEL_ATTRIBUTE,
)
from core.tex import LABEL
from core.texmath import UNKNOWN_COMMAND, malformed, texmath_compatible, unconvertible
from filters.elements import body_elements, kinds_in, position, siblings
from filters.numbering import THEOREMS
from filters.rawhtml import read_raw_html
from filters.rawtex import raw_formats, read_raw_tex

ENVIRONMENT = re.compile(r"^\s*\\begin\{(equation|align|alignat|flalign|gather|multline|eqnarray|displaymath)(\*?)\}"
                         r"(?:\s*\{\d+\})?(.*)\\end\{\1\2\}\s*$", re.S)  # pandoc's reader: "\begin{alignat}\n{2}"
# What each environment's body becomes inside one display formula.
INNER = {"align": "aligned", "alignat": "aligned", "flalign": "aligned", "eqnarray": "aligned",
         "gather": "gathered", "multline": "gathered"}
NO_NUMBER = re.compile(r"\\(?:nonumber|notag)\b")
TAG = re.compile(r"\\tag\*?\s*\{[^{}]*\}")


# --- math ---------------------------------------------------------------------------

# What a display's body is made of, for its lines: a line's end (\\, \\[6pt]) where no group
# or environment inside it is open (a cases' rows are one line of an align).
DISPLAY_TOKEN = re.compile(r"\\[{}]|\\(?:begin|end)\{[^{}]*\}|\\\\(?:\s*\[[^\]]*\])?|[{}]")
# One equation over several lines: a \nonumber anywhere in it leaves it unnumbered.
ONE_EQUATION = ("multline", "equation", "split")


def display_lines(inner: str) -> list[str]:
    r"""A display's body as its lines (at ``\\`` outside a group or an inner environment).

    >>> display_lines(r"a &= b \\ f &= \begin{cases} 1 \\ 0 \end{cases} \\[6pt] {x \\ y}")
    ['a &= b ', ' f &= \\begin{cases} 1 \\\\ 0 \\end{cases} ', ' {x \\\\ y}']
    """
    lines, depth, start = [], 0, 0
    for token in DISPLAY_TOKEN.finditer(inner):
        text = token.group()
        if text == "{" or text.startswith("\\begin"):
            depth += 1
        elif text == "}" or text.startswith("\\end"):
            depth -= 1
        elif text.startswith("\\\\") and depth == 0:
            lines.append(inner[start:token.start()])
            start = token.end()
    return [*lines, inner[start:]]


def equation_parts(tex: str) -> tuple[str, list[str], bool]:
    r"""A display formula's math without its environment and labels, its labels, and
    whether LaTeX numbers it (an ``equation``, not an ``equation*``, not ``\nonumber``;
    a display of several lines when one of them is numbered: the editions number it once).

    >>> equation_parts(r"\begin{eqnarray}a &=& b\label{x}\\ &=& c \nonumber\\ &=& 1\label{y}\end{eqnarray}")[1:]
    (['x', 'y'], True)
    >>> equation_parts(r"\begin{align}a &= b \nonumber\\ &= c \notag\end{align}")[2]
    False
    >>> equation_parts(r"\begin{multline}a + b \\ + c \nonumber\end{multline}")[2]
    False
    """
    labels = LABEL.findall(tex)
    body, numbered = LABEL.sub("", tex), bool(labels)
    environment = ENVIRONMENT.match(body)
    lines = [body]
    if environment:
        name, star, inner = environment.groups()
        numbered = not star and name != "displaymath"
        body = f"\\begin{{{INNER[name]}}}{inner}\\end{{{INNER[name]}}}" if name in INNER else inner.strip()
        lines = display_lines(inner) if name in INNER and name not in ONE_EQUATION else [inner]
    if NO_NUMBER.search(body):
        numbered = numbered and any(line.strip() and not NO_NUMBER.search(line) for line in lines)
        body = NO_NUMBER.sub("", body)
    return body, labels, numbered


def equation(math: pf.Math) -> pf.Inline:
    """A display formula as the crossref stage numbers it: a Span ``.equation`` (its
    first label the id, the others anchors in it), or the formula alone."""
    body, labels, numbered = equation_parts(math.text)
    formula = pf.Math(texmath_compatible(body), format="DisplayMath")
    if not numbered:
        return formula
    return pf.Span(formula, *(pf.Span(identifier=label) for label in labels[1:]),
                   identifier=labels[0] if labels else "", classes=[EQUATION_CLASS])


# --- labels --------------------------------------------------------------------------

def label_of(element) -> str | None:
    """The label a ``\\label{…}`` gives, as pandoc's LaTeX reader reads it (an empty
    anchor Span), or as JOSS's own template writes it in a caption (``[]{label="x"}``),
    or raw; None for any other element."""
    if isinstance(element, pf.Span) and LATEX_LABEL_ATTRIBUTE in element.attributes and not element.content:
        return element.identifier or element.attributes[LATEX_LABEL_ATTRIBUTE]
    if isinstance(element, pf.RawInline) and element.format in ("tex", "latex"):
        match = LABEL.fullmatch(element.text.strip())
        return match.group(1) if match else None
    return None


def take_labels(container) -> list[str]:
    """The labels in a caption, a heading or an image's text, taken out of it."""
    found = []

    def take(element, doc):
        label = label_of(element)
        if label:
            found.append(label)
            return []
        return None

    container.walk(take)
    if found:  # the space before the label goes with it
        for holder in [container, *(getattr(container, "content", []))]:
            content = getattr(holder, "content", None)
            while isinstance(content, pf.ListContainer) and content and isinstance(content[-1], (pf.Space, pf.SoftBreak)):
                content.pop()
    return found


def name_targets(doc: pf.Doc) -> None:
    """A label in a figure's or table's caption or in a heading is its id; so is the id
    of a Div around a figure or table alone (pandoc's reading of a LaTeX table's label),
    and a label that opens a theorem's text (``::: {.theorem}`` then ``\\label{th1}``, as
    bookdown writes one) is the theorem's."""
    for element in list(body_elements(doc)):
        if isinstance(element, pf.Div) and not element.identifier and set(element.classes) & set(THEOREMS):
            name_theorem(element)
            continue
        if isinstance(element, pf.Div) and element.identifier and len(element.content) == 1 \
                and isinstance(element.content[0], (pf.Figure, pf.Table)) and not element.content[0].identifier \
                and not element.attributes:  # a Quarto div's caption attribute (tbl-cap=…) is the crossref stage's
            element.content[0].identifier = element.identifier
            siblings(element)[element.index] = element.content[0]
            element = element.content[0]
        if isinstance(element, (pf.Figure, pf.Table)):
            labels = take_labels(element.caption)
            for image in (e for e in element.content if isinstance(e, pf.Plain)):
                take_labels(image)
        elif isinstance(element, pf.Header):
            labels = take_labels(element)
        else:
            continue
        if labels:
            element.identifier = labels[0]
    drop_repeated_labels(doc)


def name_theorem(div: pf.Div) -> None:
    r"""A theorem's ``\label``, wherever its text has it (first, after the name the raw
    LaTeX reader set before the text, or further on), is the theorem's id, as LaTeX's
    \label names the environment it stands in: a reference to it printed the section's
    number.

    >>> div = pf.Div(pf.Plain(pf.Span(pf.Str("Main"), classes=["theorem-name"])),
    ...              pf.Para(pf.Str("All"), pf.Space(), pf.Span(identifier="t", attributes={"label": "t"}),
    ...                      pf.Space(), pf.Str("holds.")), classes=["theorem"])
    >>> name_theorem(div); div.identifier, pf.stringify(div.content[1]).strip()
    ('t', 'All holds.')
    """
    for position_in_div, block in enumerate(div.content):
        if not isinstance(block, (pf.Para, pf.Plain)):
            continue
        for at, inline in enumerate(block.content):
            label = label_of(inline)
            if label:
                div.identifier = label
                del block.content[at]
                if at < len(block.content) and isinstance(block.content[at], (pf.Space, pf.SoftBreak, pf.LineBreak)) \
                        and (at == 0 or isinstance(block.content[at - 1], (pf.Space, pf.SoftBreak, pf.LineBreak))):
                    del block.content[at]  # one space where the label stood between two
                if not block.content:
                    del div.content[position_in_div]
                return


def drop_repeated_labels(doc: pf.Doc) -> None:
    """pandoc's LaTeX reader gives a table's ``\\label`` twice: as the id of a Div around
    the table and as an anchor after it; the table has the id now, the anchor goes (it
    made the label "defined twice" at one line)."""
    named, anchors = set(), []
    for element in body_elements(doc):  # one walk: every stage's walk costs every build
        if isinstance(element, (pf.Figure, pf.Table)) and element.identifier:
            named.add(element.identifier)
        elif isinstance(element, pf.Span) and not element.content and LATEX_LABEL_ATTRIBUTE in element.attributes:
            anchors.append(element)
    for anchor in [a for a in anchors if a.identifier in named]:
        holder = anchor.parent
        del siblings(anchor)[position(anchor)]  # by identity: an earlier removal moved what follows
        if isinstance(holder, (pf.Para, pf.Plain)) and not pf.stringify(holder).strip() and not holder.content:
            del siblings(holder)[position(holder)]



def number_display_math(doc: pf.Doc) -> None:
    """Display math with a label or a numbered environment as an equation to number;
    every formula's TeX as MathML conversion reads it."""
    for element in list(body_elements(doc)):
        if isinstance(element, pf.Math):
            if element.format == "DisplayMath" and (LABEL.search(element.text) or ENVIRONMENT.match(element.text)):
                tags = TAG.findall(element.text)
                if tags:  # the editions number a display themselves; a \tag inside a line stops LaTeX
                    element.text = TAG.sub("", element.text)
                    warn(f"the display's own number{'s' if len(tags) > 1 else ''} {', '.join(tags)} "
                         f"{'are' if len(tags) > 1 else 'is'} left out: the editions number each display "
                         "in order", *locate(doc, re.escape(tags[0])),
                         hint="to keep a number of your own, write the display without \\label, and the number "
                              "in its text")
                siblings(element)[element.index] = equation(element)
            else:
                element.text = texmath_compatible(element.text)


def check_math(doc: pf.Doc) -> None:
    """A warning for each formula that the MathML editions (HTML, EPUB, JATS), Word and
    the Typst PDF cannot convert: they show its TeX source instead (and the LaTeX ones,
    when the TeX is malformed: ``press.latex``)."""
    formulas = list(dict.fromkeys(e.text for e in body_elements(doc) if isinstance(e, pf.Math)))
    if not formulas:
        return
    by_command: dict[str, list[str]] = {}
    for formula, reason in unconvertible(formulas).items():
        command = UNKNOWN_COMMAND.fullmatch(reason)
        if command and command.group(1) in by_command:  # said once, at its first formula
            by_command[command.group(1)].append(formula)
            continue
        if command:
            by_command[command.group(1)] = [formula]
        path, line = locate(doc, re.escape(formula.strip().split("\n")[0][:40]))
        # pandoc's Typst writer reads TeX math with the same reader (texmath): the Typst PDF too;
        # TeX itself stops on malformed math, so the LaTeX editions show its source as well
        shown = ("every edition shows its TeX source (TeX would stop on it: the latex edition too)"
                 if malformed(reason) else "the pdf (Typst), html, epub, jats and docx editions show its TeX source")
        warn(f"the math '{shorten(formula)}' cannot be converted ({reason}): {shown}", path, line,
             hint="correct the TeX: an & only inside an alignment (aligned, cases, a matrix), each { with its }, "
                  "each command with its arguments" if malformed(reason) else
                  "write it with commands MathML conversion knows"
                  + (f", or define {command.group(1)} in the text with \\newcommand (pandoc expands it)"
                     if command else ""))
    for command, written in by_command.items():
        if len(written) > 1:
            warn(f"{len(written) - 1} more formulas with {command} cannot be converted, as the one named above",
                 None, None, hint=f"define {command} in the text with \\newcommand, once: every formula is converted")


RAW = {pf.RawInline, pf.RawBlock}


def prepare(doc: pf.Doc) -> None:
    held = kinds_in(doc)
    if held & RAW:
        read_raw_html(doc)
        raw_formats(doc)
    read_raw_tex(doc)  # and bookdown's appendix heading, which is no raw markup
    if held & RAW:  # the raw markup read makes elements of every kind: look again
        held = kinds_in(doc)
    name_targets(doc)
    if pf.Math in held:
        number_display_math(doc)
        check_math(doc)


def main(doc=None):
    return pf.run_filters([], prepare=prepare, doc=doc)
