"""TeX math as linear text, the alternative text every edition gives an equation:
the PDF's Formula tags (PDF/UA), MathML's ``alttext`` (EPUB, HTML, JATS). Letters and
symbols become the characters they stand for (``\\alpha`` → α, ``\\leq`` → ≤), a
fraction ``(a)/(b)``, a root ``√(x)``, sub- and superscripts ``x_i``, ``x^(n+1)``:
the linear form of Unicode math, which a screen reader speaks in the reader's own
language, and which is the same in every edition.

>>> linear(r"T_{ijt} = \\alpha \\frac{Y_{it}^{\\beta_1}}{D_{ij}^{\\gamma}} \\, e^{\\delta M_{ijt}}")
'T_(ijt) = α (Y_(it)^(β_1))/(D_(ij)^γ) e^(δ M_(ijt))'
>>> linear(r"\\| \\delta \\| \\leq \\sqrt{2}"), linear(r"\\text{GDP}_t \\cdot x"), linear(r"\\hat f(\\omega)")
('‖ δ ‖ ≤ √(2)', 'GDP_t · x', 'f̂(ω)')
"""
from __future__ import annotations

import re

GREEK = {name: chr(code) for name, code in (
    ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4), ("epsilon", 0x3B5),
    ("varepsilon", 0x3B5), ("zeta", 0x3B6), ("eta", 0x3B7), ("theta", 0x3B8), ("vartheta", 0x3D1),
    ("iota", 0x3B9), ("kappa", 0x3BA), ("lambda", 0x3BB), ("mu", 0x3BC), ("nu", 0x3BD), ("xi", 0x3BE),
    ("pi", 0x3C0), ("rho", 0x3C1), ("sigma", 0x3C3), ("tau", 0x3C4), ("upsilon", 0x3C5), ("phi", 0x3C6),
    ("varphi", 0x3C6), ("chi", 0x3C7), ("psi", 0x3C8), ("omega", 0x3C9), ("Gamma", 0x393), ("Delta", 0x394),
    ("Theta", 0x398), ("Lambda", 0x39B), ("Xi", 0x39E), ("Pi", 0x3A0), ("Sigma", 0x3A3), ("Phi", 0x3A6),
    ("Psi", 0x3A8), ("Omega", 0x3A9))}
SYMBOLS = {
    **GREEK, "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "leq": "≤", "le": "≤", "geq": "≥",
    "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "equiv": "≡", "sim": "∼", "propto": "∝", "infty": "∞",
    "sum": "∑", "prod": "∏", "int": "∫", "partial": "∂", "nabla": "∇", "in": "∈", "notin": "∉",
    "subset": "⊂", "subseteq": "⊆", "cup": "∪", "cap": "∩", "to": "→", "rightarrow": "→", "leftarrow": "←",
    "Rightarrow": "⇒", "Leftrightarrow": "⇔", "forall": "∀", "exists": "∃", "ldots": "…", "cdots": "⋯",
    "dots": "…", "|": "‖", "langle": "⟨", "rangle": "⟩", "lbrace": "{", "rbrace": "}", "{": "{", "}": "}",
    "%": "%", "$": "$", "&": "&", "#": "#", "_": "_", "prime": "′", "circ": "∘", "degree": "°",
    "lvert": "|", "rvert": "|", "vert": "|", "lVert": "‖", "rVert": "‖", "Vert": "‖", "mid": "|",
}
# Accents over a letter, as combining characters (a screen reader speaks "f hat").
ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305", "tilde": "\u0303",
           "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307", "ddot": "\u0308", "check": "\u030c",
           "acute": "\u0301", "grave": "\u0300", "breve": "\u0306"}
SPACES = {",", ";", ":", "!", " ", "quad", "qquad", "thinspace", "medspace", "thickspace"}
SILENT = {"left", "right", "big", "Big", "bigg", "Bigg", "displaystyle", "textstyle", "limits", "nolimits"}
TOKEN = re.compile(r"\\([A-Za-z]+|.)|([{}^_])|(\s+)|(.)", re.S)


def tokens(tex: str) -> list[tuple[str, str]]:
    """(kind, text): ``command``, ``open``/``close``, ``script`` (^ or _), ``space``, ``char``."""
    found = []
    for match in TOKEN.finditer(tex):
        command, mark, space, char = match.groups()
        if command is not None:
            found.append(("command", command))
        elif mark in ("{", "}"):
            found.append(("open" if mark == "{" else "close", mark))
        elif mark:
            found.append(("script", mark))
        elif space:
            found.append(("space", " "))
        else:
            found.append(("char", char))
    return found


def linear(tex: str) -> str:
    """The TeX math as linear text (see the module's examples)."""
    text, _ = sequence(tokens(tex), 0)
    return " ".join(text.split())


def sequence(items: list[tuple[str, str]], position: int) -> tuple[str, int]:
    """The text of the tokens from ``position`` to the group's end: (text, where it ended)."""
    out = []
    while position < len(items):
        kind, value = items[position]
        if kind == "close":
            return "".join(out), position + 1
        part, position = atom(items, position)
        out.append(part)
    return "".join(out), position


def argument(items: list[tuple[str, str]], position: int) -> tuple[str, int]:
    """A command's or script's argument: a group, or the next single token."""
    while position < len(items) and items[position][0] == "space":
        position += 1
    if position >= len(items):
        return "", position
    if items[position][0] == "open":
        return sequence(items, position + 1)
    return atom(items, position)


def grouped(text: str) -> str:
    """A script or fraction part: bare when it is one character, else in parentheses."""
    text = text.strip()
    return text if len(text) <= 1 else f"({text})"


def atom(items: list[tuple[str, str]], position: int) -> tuple[str, int]:
    kind, value = items[position]
    position += 1
    if kind == "open":
        return sequence(items, position)
    if kind == "script":
        text, position = argument(items, position)
        return f"{value}{grouped(text)}", position
    if kind != "command":
        return value, position
    if value == "frac" or value in ("dfrac", "tfrac"):
        top, position = argument(items, position)
        bottom, position = argument(items, position)
        return f" ({top.strip()})/({bottom.strip()}) ", position
    if value == "sqrt":
        text, position = argument(items, position)
        return f"√({text.strip()})", position
    if value in ACCENTS:  # a one-letter argument takes the accent as Unicode writes it: f̂, x̄
        text, position = argument(items, position)
        return (text + ACCENTS[value] if len(text.strip()) == 1 else f"{value}({text.strip()})"), position
    if value in ("text", "mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathcal", "mathbb", "operatorname",
                 "textrm", "textit", "textbf", "boldsymbol"):
        text, position = argument(items, position)
        return text, position
    if value in SPACES:
        return " ", position
    if value in SILENT:
        return "", position
    return SYMBOLS.get(value, value), position
