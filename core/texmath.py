"""TeX math that may reach LaTeX from a submission: the LaTeX editions print math as
the author wrote it, so TeX would run any control sequence in it (``\\input``,
``\\write``, a ``^^5c`` that makes one). In an ``--untrusted`` build every control
sequence of a formula must be on an allowlist: the control words texmath, pandoc's
reader of TeX math, understands (``texmath.txt``: the same formula then reads the
same in MathML, Typst and Word), a few control symbols, and texmath's environments.

>>> refused(r"\\frac{a}{b} + \\alpha_1 \\text{ if } x \\leq \\sqrt[3]{y}\\,")
[]
>>> refused(r"\\text{\\input{/etc/hostname}}")
['\\\\input']
>>> refused("x^^5cinput"), refused(r"\\begin{pmatrix} a \\end{pmatrix}\\begin{filecontents*}")
(['^^'], ['\\\\begin{filecontents*}'])
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from core import jsontext
from core.tex import CONTROL
from core.tools import run_pandoc_verbose

# Control symbols: spacing, and the characters TeX would otherwise take as markup.
CONTROL_SYMBOLS = frozenset(" ,:;!>{}|#%&_$\\")
# texmath's environments (Readers/TeX.hs), for \begin and \end.
ENVIRONMENTS = frozenset({"array", "eqnarray", "align", "aligned", "alignat", "alignedat", "flalign",
                          "flaligned", "cases", "matrix", "smallmatrix", "pmatrix", "bmatrix", "Bmatrix",
                          "vmatrix", "Vmatrix", "split", "multline", "multlined", "gather", "gathered",
                          "equation"})
ENVIRONMENT = re.compile(r"\s*\{([^{}]*)\}")


@lru_cache(maxsize=1)
def math_commands() -> frozenset[str]:
    """The allowlisted control words, without their backslash."""
    lines = Path(__file__).with_name("texmath.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line[1:] for line in lines if line.startswith("\\"))


def refused(tex: str) -> list[str]:
    """The control sequences of ``tex`` that are not on the allowlist, in order, once each."""
    found = []
    for match in CONTROL.finditer(tex):
        name = match.group(1)
        if name is None:
            found.append("^^")
        elif name in ("begin", "end"):
            environment = ENVIRONMENT.match(tex, match.end())
            if not environment or environment.group(1).rstrip("*") not in ENVIRONMENTS:
                found.append(f"\\{name}" + (f"{{{environment.group(1)}}}" if environment else ""))
        elif len(name) == 1 and not name.isalpha():
            if name not in CONTROL_SYMBOLS:
                found.append(f"\\{name}")
        elif name not in math_commands():
            found.append(f"\\{name}")
    return list(dict.fromkeys(found))


# TeX's switches and commands that texmath (MathML, Typst, Word math) does not know,
# as the commands it knows: the tex stage writes every math so, and --untrusted checks that
SWITCHES = {"rm": "mathrm", "bf": "mathbf", "it": "mathit", "cal": "mathcal", "sf": "mathsf", "tt": "mathtt"}
COMMANDS = {"emph": "textit", "hbox": "mbox", "textsc": "text"}
SWITCH = re.compile(r"\\(" + "|".join(SWITCHES) + r")(?![A-Za-z])\s*")
# A sized null delimiter (``\Big.``): TeX prints nothing, texmath a stretched "." that
# MathML refuses (stretchy on <mi>): nothing, as TeX prints.
NULL_DELIMITER = re.compile(r"\\[bB]igg?[lrm]?\s*\.")


def group_end(text: str, start: int) -> int:
    """Where the brace group that ``start`` lies in closes (or the text ends)."""
    depth = 0
    for position in range(start, len(text)):
        if text[position] == "{" and (position == 0 or text[position - 1] != "\\"):
            depth += 1
        elif text[position] == "}" and (position == 0 or text[position - 1] != "\\"):
            if depth == 0:
                return position
            depth -= 1
    return len(text)


def texmath_compatible(tex: str) -> str:
    r"""TeX math with the switches and commands MathML conversion does not know
    written as those it knows: ``{\rm x}`` → ``{\mathrm{x}}``, ``a \over b`` →
    ``\frac{a}{b}``, ``\emph`` → ``\textit``; a sized null delimiter left out.

    >>> print(texmath_compatible(r"\Big( {a \over b} \Big. + \bigl. x \bigr|"))
    \Big( {\frac{a}{b}}  +  x \bigr|
    """
    tex = NULL_DELIMITER.sub("", tex)
    for old, new in COMMANDS.items():
        tex = re.sub(rf"\\{old}(?![A-Za-z])", lambda m, new=new: "\\" + new, tex)
    while True:
        switch = SWITCH.search(tex)
        if not switch:
            break
        end = group_end(tex, switch.end())
        tex = (tex[:switch.start()] + f"\\{SWITCHES[switch.group(1)]}{{" + tex[switch.end():end].strip()
               + "}" + tex[end:])
    while r"\over" in tex:
        over = re.search(r"\\over(?![A-Za-z])", tex)
        if not over:
            break
        opening = opening_brace(tex, over.start())
        end = group_end(tex, over.end())
        tex = (tex[:opening] + "\\frac{" + tex[opening:over.start()].strip() + "}{" + tex[over.end():end].strip()
               + "}" + tex[end:])
    return tex


def opening_brace(text: str, end: int) -> int:
    """Where the brace group holding ``end`` opens (its first character), or 0."""
    depth = 0
    for position in range(end - 1, -1, -1):
        if text[position] == "}" and text[position - 1:position] != "\\":
            depth += 1
        elif text[position] == "{" and text[position - 1:position] != "\\":
            if depth == 0:
                return position + 1
            depth -= 1
    return 0


# texmath's reason for a command it does not know (a macro the author defines in a
# preamble this build does not read): said once for all the formulas that use it.
UNKNOWN_COMMAND = re.compile(r"unexpected control sequence (\\[A-Za-z@]+)")


def unconvertible(formulas: list[str]) -> dict[str, str]:
    """The formulas MathML conversion (pandoc's texmath) cannot take, each with its
    reason, found in one run of pandoc's HTML writer over all of them.

    >>> unconvertible(["x & y", r"\\frac{a}{b}", r"\\foo{x}"])
    {'x & y': "unexpected '&'", '\\\\foo{x}': 'unexpected control sequence \\\\foo'}
    """
    import panflute as pf

    doc = pf.Doc(*(pf.Para(pf.Math(formula, format="InlineMath")) for formula in formulas))
    _, messages = run_pandoc_verbose(["--from", "json", "--to", "html", "--mathml"],
                                     stdin=jsontext.dumps(doc.to_json()))
    found: dict[str, str] = {}
    text = "\n".join(messages)
    for warning in re.split(r"^\[WARNING\] ", text, flags=re.M)[1:]:
        head = re.match(r"Could not convert TeX math (.*?), rendering as TeX:\n(?:.*\n)*?\s*\^\n\s*(.*)", warning, re.S)
        if head:
            found[head.group(1)] = head.group(2).strip().split("\n")[0]
    return found


def malformed(reason: str) -> bool:
    """Whether texmath's ``reason`` says the TeX itself is malformed — an ``&`` outside
    an alignment, a brace or an argument missing, an environment no TeX knows — on
    which TeX stops too, not that a command is unknown (one the edition's own preamble
    may define).

    >>> malformed("unexpected '&'"), malformed("unexpected eof"), malformed(r"unexpected control sequence \\foo")
    (True, True, False)
    >>> malformed('unexpected "d"')  # an environment texmath does not know (dcases): LaTeX may
    False
    """
    return bool(MALFORMED.fullmatch(reason))


# What texmath says of TeX no TeX reads either: an & outside an alignment, a brace or an
# argument missing, a brace closing nothing (an environment's unknown name is none of these:
# \begin{dcases}, which the LaTeX edition's mathtools defines).
MALFORMED = re.compile(r"""unexpected (?:['"][&}]['"]|eof|end of input)""")
