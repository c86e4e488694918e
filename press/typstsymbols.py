"""The names of math symbols as the pinned Typst knows them, in the Typst pandoc writes.

pandoc's Typst writer names a symbol by texmath's table, which still holds names that
Typst 0.14 renamed (``sect`` is ``inter``, a ``.circle`` modifier ``.o``, a delimiter's
``.double`` ``.stroked``); the Typst of this build refuses the old ones, and the whole PDF
failed on ``$A \\cap B$``. ``RENAMED`` holds every such name among the math commands an
author may write (``core/texmath.txt``): ``tests/test_math.py`` compiles them all.

>>> current_symbols('$A sect B$ and sect, $x times.circle.big "sect" y$, $sect.big_i A_i$')
'$A inter B$ and sect, $x times.o.big "sect" y$, $inter.big_i A_i$'
"""
from __future__ import annotations

import re

RENAMED = {
    "sect": "inter", "sect.and": "inter.and", "sect.big": "inter.big", "sect.dot": "inter.dot",
    "sect.double": "inter.double", "sect.sq": "inter.sq", "sect.sq.big": "inter.sq.big",
    "sect.sq.double": "inter.sq.double", "integral.sect": "integral.inter",
    "times.circle": "times.o", "times.circle.big": "times.o.big", "dot.circle": "dot.o",
    "dot.circle.big": "dot.o.big", "minus.circle": "minus.o", "div.circle": "div.o",
    "backslash.circle": "backslash.o", "dash.circle": "dash.o", "eq.circle": "eq.o", "gt.circle": "gt.o",
    "lt.circle": "lt.o", "parallel.circle": "parallel.o", "bar.v.circle": "bar.v.o", "perp.circle": "perp.o",
    "plus.circle.arrow": "plus.o.arrow",
    "paren.l.double": "paren.l.stroked", "paren.r.double": "paren.r.stroked",
    "bracket.l.double": "bracket.l.stroked", "bracket.r.double": "bracket.r.stroked",
    "brace.l.double": "brace.l.stroked", "brace.r.double": "brace.r.stroked",
    "angle.right.sq": "angle.right.square", "angle.spheric.top": "angle.spheric.t", "angle.oblique": "angle.obtuse",
}
# a whole name: no letter, digit or modifier on either side ("_" attaches: sect.big_i)
OLD_NAME = re.compile(r"(?<![A-Za-z0-9.])(" + "|".join(sorted(map(re.escape, RENAMED), key=len, reverse=True))
                      + r")(?![A-Za-z0-9.])")
# Typst markup: an escape, a string (in math), or a dollar sign that opens or closes math
TOKEN = re.compile(r'\\.|"(?:[^"\\]|\\.)*"|\$', re.S)


def current_symbols(markup: str) -> str:
    """``markup`` with each old symbol name in its math (between unescaped ``$``, not in a
    string) written as the pinned Typst names it."""
    if "$" not in markup:
        return markup
    out, position, math_start = [], 0, None
    for token in TOKEN.finditer(markup):
        if token.group() != "$":  # an escaped character, or a string (whose $ is text)
            continue
        if math_start is None:
            math_start = token.end()
            continue
        out += [markup[position:math_start], renamed(markup[math_start:token.start()]), "$"]
        position, math_start = token.end(), None
    return "".join(out) + markup[position:]


def renamed(math: str) -> str:
    """One math's text, its strings kept as written."""
    pieces, position = [], 0
    for string in re.finditer(r'"(?:[^"\\]|\\.)*"', math):
        pieces += [OLD_NAME.sub(lambda m: RENAMED[m.group(1)], math[position:string.start()]), string.group()]
        position = string.end()
    return "".join(pieces) + OLD_NAME.sub(lambda m: RENAMED[m.group(1)], math[position:])
