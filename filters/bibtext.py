"""BibTeX field values: LaTeX source to pybtex rich text, and plain text back to LaTeX.

pybtex decodes accents and braces (``{\\"O}zel`` → "Özel", ``{NATO}`` stays
protected), but it reads ``%`` as a comment (``{A 50% increase}`` printed "A 50"),
keeps ``\\$`` and ``\\{`` as written and leaves ``\\emph{…}`` as the word "\\emph".
``latex_to_rich`` decodes what authors and databases export; ``text_to_latex``
is its inverse, for the text of a CSL-JSON file.

>>> plain(r"A 50% increase in \\emph{Foo} \\& {NATO}"), plain(r"{\\apj}"), plain(r"\\aap, 5")
('A 50% increase in Foo & NATO', 'ApJ', 'A&A, 5')
>>> latex_to_rich(r"On \\emph{Dede Korkut}")
Text('On ', Tag('em', 'Dede Korkut'))
>>> plain(text_to_latex("50% {of} $x & y_1 ~ ^ \\\\ #"))
'50% {of} $x & y_1 ~ ^ \\\\ #'
"""
from __future__ import annotations

import re
from functools import lru_cache

import latexcodec  # noqa: F401 (pybtex imports it on first use; here it loads with the filters)
from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.richtext import BaseMultipartText, HRef, Protected, String, Tag, Text

ENGLISH_MONTHS = ["january", "february", "march", "april", "may", "june", "july",
                  "august", "september", "october", "november", "december"]

# A character that LaTeX escapes (or reads as a comment), and how it is written.
ESCAPED = {"%": r"\%", "$": r"\$", "&": r"\&", "#": r"\#", "_": r"\_", "{": r"\{",
           "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
           "\\": r"\textbackslash{}", "'": r"\textquotesingle{}", "`": r"\textasciigrave{}"}
# Escapes (and a bare %) are set aside as private-use characters while pybtex decodes.
SET_ASIDE = {char: chr(0xE000 + index) for index, char in enumerate(ESCAPED)}
PUT_BACK = str.maketrans({mark: char for char, mark in SET_ASIDE.items()})
ESCAPE = re.compile(r"\\text(asciitilde|asciicircum|backslash|quotesingle|asciigrave)(?:\{\}|\s?)"
                    r"|\\([%$&#_{}])|%")
NAMED_ESCAPES = {"asciitilde": "~", "asciicircum": "^", "backslash": "\\", "quotesingle": "'",
                 "asciigrave": "`"}
# TeX's quotes, as TeX prints them: ` is ‘ and ' is ’ (``…'' are “…”, which pybtex
# decodes); \textquoteleft and its kin by name; math (``$f'$``) left as written.
TEX_QUOTES = re.compile(r"\$[^$]*\$|[`']")
QUOTE_COMMANDS = re.compile(r"\\text(quote(?:dbl)?(?:left|right))(?:\{\}|\s?)")
QUOTE_NAMES = {"quoteleft": "‘", "quoteright": "’", "quotedblleft": "“", "quotedblright": "”"}

# Commands whose braced argument is formatted text: ``\emph{x}`` → Tag("em", "x").
COMMAND_TAGS = {"emph": "em", "textit": "em", "mkbibemph": "em", "textbf": "b",
                "mkbibbold": "b", "textsc": "sc", "textsuperscript": "sup",
                "textsubscript": "sub"}
# Old-style switches inside a group: ``{\em x}``.
SWITCH_TAGS = {"em": "em", "it": "em", "bf": "b", "sc": "sc"}
TRAILING_COMMAND = re.compile(r"\\([A-Za-z]+)\s*$")
LEADING_SWITCH = re.compile(r"^\\(em|it|bf|sc)\s+")
STRAY_COMMAND = re.compile(r"\\([A-Za-z]+)\s*")
# A URL is verbatim (``~`` is a tilde, not a space); a space keeps \href's two groups apart.
URL_ARGUMENT = re.compile(r"\\(url|href)\s*\{([^{}]*)\}")

# The journals' macros of the AAS (aas_macros.sty, which ADS's BibTeX uses: ``journal =
# {\apj}``), as the journals' own classes print them; without them an entry printed "apj".
JOURNAL_MACROS = {
    "aap": "A&A", "astap": "A&A", "aapr": "A&ARv", "aaps": "A&AS", "actaa": "Acta Astron.", "afz": "Afz",
    "aj": "AJ", "ao": "Appl. Opt.", "applopt": "Appl. Opt.", "aplett": "Astrophys. Lett.", "apj": "ApJ",
    "apjl": "ApJL", "apjlett": "ApJL", "apjs": "ApJS", "apjsupp": "ApJS", "apss": "Ap&SS", "araa": "ARA&A",
    "arep": "Astron. Rep.", "aspc": "ASP Conf. Ser.", "azh": "AZh", "baas": "BAAS",
    "bac": "Bull. Astron. Inst. Czechoslovakia", "bain": "Bull. Astron. Inst. Netherlands",
    "caa": "Chinese Astron. Astrophys.", "cjaa": "Chinese J. Astron. Astrophys.",
    "fcp": "Fundamentals Cosmic Phys.", "gca": "Geochim. Cosmochim. Acta", "grl": "Geophys. Res. Lett.",
    "iaucirc": "IAU Circ.", "icarus": "Icarus", "japa": "J. Astrophys. Astron.",
    "jcap": "J. Cosmology Astropart. Phys.", "jcp": "J. Chem. Phys.", "jgr": "J. Geophys. Res.",
    "jqsrt": "J. Quant. Spectrosc. Radiative Transfer", "jrasc": "J. R. Astron. Soc. Canada",
    "memras": "Mem. RAS", "memsai": "Mem. Soc. Astron. Italiana", "mnassa": "MNASSA", "mnras": "MNRAS",
    "na": "New Astron.", "nar": "New Astron. Rev.", "nat": "Nature", "nphysa": "Nuclear Phys. A",
    "pra": "Phys. Rev. A", "prb": "Phys. Rev. B", "prc": "Phys. Rev. C", "prd": "Phys. Rev. D",
    "pre": "Phys. Rev. E", "prl": "Phys. Rev. Lett.", "pasa": "Publ. Astron. Soc. Australia", "pasp": "PASP",
    "pasj": "PASJ", "physrep": "Phys. Rep.", "physscr": "Phys. Scr.", "planss": "Planet. Space Sci.",
    "procspie": "Proc. SPIE", "psj": "PSJ", "rmxaa": "Rev. Mex. Astron. Astrofis.", "qjras": "QJRAS",
    "sci": "Science", "skytel": "Sky & Telesc.", "solphys": "Sol. Phys.", "sovast": "Soviet Ast.",
    "ssr": "Space Sci. Rev.", "zap": "Z. Astrophys."}
JOURNAL_MACRO = re.compile(r"\\(" + "|".join(sorted(JOURNAL_MACROS, key=len, reverse=True)) + r")(?![A-Za-z])(?:\{\})?\s*")

# pybtex's render_as("text") looks the backend up among entry points on every
# call (a scan of all installed packages); one backend object serves them all.
PLAIN_TEXT = PlainTextBackend()


def as_text(rich) -> str:
    """Rich text as plain text."""
    return rich.render(PLAIN_TEXT)


def set_aside(match: re.Match) -> str:
    char = NAMED_ESCAPES[match.group(1)] if match.group(1) else (match.group(2) or "%")
    return SET_ASIDE[char]


def latex_to_rich(latex: str) -> Text:
    """A field's LaTeX as rich text: accents decoded, ``{…}`` protected, ``%`` and
    the escaped specials as text, ``\\emph``/``\\textbf``/``\\url``/``\\href`` applied."""
    verbatim = URL_ARGUMENT.sub(lambda m: f"\\{m.group(1)}{{{text_to_latex(m.group(2))}}}"
                                + (" " if m.group(1) == "href" else ""), latex)
    quoted = QUOTE_COMMANDS.sub(lambda match: QUOTE_NAMES[match.group(1)], verbatim)
    quoted = JOURNAL_MACRO.sub(lambda match: text_to_latex(JOURNAL_MACROS[match.group(1)])
                               + (" " if match.group(0)[-1:].isspace() and match.end() < len(quoted) else ""),
                               quoted)
    decoded = Text.from_latex(ESCAPE.sub(set_aside, quoted))
    return Text(*apply_commands(decoded.parts))


def apply_commands(parts: list) -> list:
    """Resolve a command left as text before the group it applies to (pybtex keeps
    ``\\emph{x}`` as the string "\\emph " and a protected "x")."""
    result: list = []
    index = 0
    while index < len(parts):
        part = parts[index]
        if isinstance(part, BaseMultipartText):
            first = str(part.parts[0]) if part.parts and isinstance(part.parts[0], (str, String)) else ""
            switch = LEADING_SWITCH.match(first)
            if switch:
                inner = apply_commands([first[switch.end():], *part.parts[1:]])
                result.append(Tag(SWITCH_TAGS[switch.group(1)], *inner))
            else:
                result.append(type(part)(*apply_commands(part.parts)))
        else:
            text = str(part)
            command = TRAILING_COMMAND.search(text)
            following = parts[index + 1] if index + 1 < len(parts) else None
            if command and isinstance(following, Protected):
                result.append(clean(text[:command.start()]))
                name, argument = command.group(1), Text(*apply_commands(following.parts))
                index += 1
                label = parts[index + 2] if index + 2 < len(parts) else None
                if name == "href" and isinstance(label, Protected):
                    result.append(HRef(as_text(argument), Text(*apply_commands(label.parts))))
                    index += 2
                elif name in COMMAND_TAGS:
                    result.append(Tag(COMMAND_TAGS[name], argument))
                else:  # \url{…}, \mkbibquote{…}, a command we do not know: its text
                    result.append(argument)
            else:
                result.append(clean(text))
        index += 1
    return [part for part in result if part != ""]


# A straight apostrophe inside a word, as databases export it ("İstanbul'a"), is the
# typographic one the text has ("İstanbul’a").
APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def clean(text: str) -> str:
    """Put the set-aside characters back; a command nobody resolved leaves its name;
    TeX's quotes are typographic, as TeX prints them.

    >>> clean("İstanbul'a"), clean("`Active' $f'$")
    ('İstanbul’a', "‘Active’ $f'$")
    """
    text = STRAY_COMMAND.sub(lambda m: m.group(1) + (" " if m.group(0)[-1:].isspace() else ""), text)
    text = TEX_QUOTES.sub(lambda m: {"`": "‘", "'": "’"}.get(m.group(), m.group()), text)
    return text.translate(PUT_BACK)


@lru_cache(maxsize=None)  # names recur in every label and reference: decode each once
def plain(latex: str) -> str:
    """A BibTeX field as plain text: braces and LaTeX escapes resolved."""
    return as_text(latex_to_rich(latex))


def month_number(value: str | None) -> int | None:
    """BibTeX month (``jun`` macro → "June", or "6") as 1–12."""
    if not value:
        return None
    value = value.strip().lower()
    if value.isdecimal() and len(value) <= 2 and 1 <= int(value) <= 12:
        return int(value)
    for number, name in enumerate(ENGLISH_MONTHS, start=1):
        if name.startswith(value[:3]):
            return number
    return None


def text_to_latex(text: str) -> str:
    """Plain text as a BibTeX value that ``plain`` reads back unchanged (an apostrophe
    inside a word written as TeX prints it, ’).

    >>> text_to_latex("'Ali'nin' `x")
    "\\\\textquotesingle{}Ali'nin\\\\textquotesingle{} \\\\textasciigrave{}x"
    """
    return "".join(char if char == "'" and APOSTROPHE.match(text, index) else ESCAPED.get(char, char)
                   for index, char in enumerate(text))


def markup_to_latex(markup: str) -> str:
    """CSL-JSON's rich text (``<i>``, ``<b>``, ``<sup>``, ``<sub>``,
    ``<span class="nocase">``, small caps) as BibTeX.

    >>> markup_to_latex('The <i>Kutadgu Bilig</i> and <span class="nocase">iPhone</span> 50%')
    'The \\\\emph{Kutadgu Bilig} and {iPhone} 50\\\\%'
    """
    out = []
    for token in re.split(r"(<[^<>]+>)", markup):
        tag = re.fullmatch(r"<(/?)(i|b|sup|sub|span)\b([^>]*)>", token)
        if not tag:
            out.append(text_to_latex(token))
        elif tag.group(1):
            out.append("}")
        else:
            name, attributes = tag.group(2), tag.group(3)
            command = {"i": r"\emph", "b": r"\textbf", "sup": r"\textsuperscript",
                       "sub": r"\textsubscript"}.get(name)
            if name == "span":
                command = r"\textsc" if "small-caps" in attributes else ""
            out.append(command + "{")
    return "".join(out)
