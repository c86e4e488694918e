"""TeX read as text: its control sequences, its comments, the commands that read
another file. The LaTeX the author writes is read by the tex stage (for every
edition), vetted by the LaTeX edition (``press.latexnames``) and, in math, by the
allowlist of an ``--untrusted`` build (``core.texmath``).

>>> [match.group(1) for match in CONTROL.finditer(r"a\\\\B \\emph{x} \\% ^^5c")]
['\\\\', 'emph', '%', None]
>>> without_comments("50\\\\% a % note" + chr(10) + "b\\\\\\\\% gone")
'50\\\\% a \\nb\\\\\\\\'
>>> reads_files(r"\\begin{center}\\input{table}\\end{center}"), reads_files(r"\\inputenc")
(['input'], [])
"""
from __future__ import annotations

import re

# A control word is a backslash and letters (XeTeX's letters are Unicode's), a control
# symbol a backslash and one other character; ^^ writes any character by its code.
CONTROL = re.compile(r"\\([^\W\d_]+|.?)|\^\^", re.S)
# A label (\label{fig:a}): what a reference names.
LABEL = re.compile(r"\\label\s*\{([^{}]+)\}")
# An escaped character (\\, \%) or a comment, which runs to the line's end.
ESCAPE_OR_COMMENT = re.compile(r"\\.|%[^\n]*", re.S)
# Commands that read another file: no edition holds it (the LaTeX folder has the text's own).
READS_FILES = frozenset({"input", "include", "includeonly", "InputIfFileExists", "verbatiminput",
                         "lstinputlisting", "openin", "read", "readline", "VerbatimInput", "BVerbatimInput",
                         "LVerbatimInput", "inputminted", "includepdf", "import", "subimport", "inputfrom",
                         "subinputfrom", "subfile", "lstinputlistings", "loadglsentries", "bibliography",
                         "addbibresource",
                         # packages' readers: catchfile, csvsimple, moreverb, readarray, tcolorbox,
                         # pgfplotstable, datatool, standalone, xr, and pdfTeX's file primitives
                         "CatchFileDef", "CatchFileEdef", "csvautotabular", "csvautobooktabular",
                         "csvautolongtable", "csvautobooklongtable", "csvreader", "csvloop", "listinginput",
                         "readdef", "readarray", "tcbinputlisting", "tcbincludegraphics", "pgfplotstabletypeset",
                         "pgfplotstableread", "DTLloaddb", "DTLloadrawdb", "DTLloadbbl", "includestandalone",
                         "externaldocument", "pdffiledump", "pdfmdfivesum", "filesize", "filemoddate",
                         "filedump", "mdfivesum", "IfFileExists", "openout"})


# Commands papers use in their text that pandoc's reader does not know (it left them out,
# their words with them): LaTeX's own, and journal classes' (papers written for them), each
# given to the reader as the standard LaTeX it stands for where the text uses it so (the
# pattern) and does not define it itself. A class is a few entries here.
READER_COMMANDS = {  # name: (its use, its definition)
    # LaTeX's no-break space, as knitr and pandoc write a tie (Figure\nobreakspace{}\ref{a})
    "nobreakspace": (r"\\nobreakspace(?![A-Za-z])", r"\newcommand{\nobreakspace}{~}"),
    # Springer Nature (sn-jnl): a run-in heading of the back matter (Acknowledgements)
    "bmhead": (r"\\bmhead(?![A-Za-z])", r"\newcommand{\bmhead}[1]{\section*{#1}}"),
    # Taylor & Francis (interact): a table's caption and body, its note below it
    "tbl": (r"\\tbl(?![A-Za-z])", r"\newcommand{\tbl}[2]{\caption{#1}#2}"),
    "tabnote": (r"\\tabnote(?![A-Za-z])", r"\newcommand{\tabnote}[1]{\par #1}"),
    # Copernicus: the first and last sections, their headings optional; a chemical formula
    "introduction": (r"\\introduction(?![A-Za-z])", r"\newcommand{\introduction}[1][Introduction]{\section{#1}}"),
    "conclusions": (r"\\conclusions(?![A-Za-z])", r"\newcommand{\conclusions}[1][Conclusions]{\section{#1}}"),
    "chem": (r"\\chem(?![A-Za-z])", r"\newcommand{\chem}[1]{\ensuremath{\mathrm{#1}}}"),
    # … and its appendices' tables and figures numbered A1, A2 (as every edition numbers them)
    "appendixtables": (r"\\appendixtables(?![A-Za-z])", r"\newcommand{\appendixtables}{}"),
    "appendixfigures": (r"\\appendixfigures(?![A-Za-z])", r"\newcommand{\appendixfigures}{}"),
    # SAGE and Wiley's Statistics in Medicine: a table's note marks and, below it, its notes,
    # each with its mark in brackets (threeparttable's \tnote{a}, a mark, is not this one)
    "tmark": (r"\\tmark\s*\[", r"\newcommand{\tmark}[1][]{\textsuperscript{#1}}"),
    "tnote": (r"\\tnote\s*\[", r"\newcommand{\tnote}[2][]{\par\textsuperscript{#1}#2}"),
    # The Journal of Statistical Software (and the Austrian Journal of Statistics): names of
    # languages and packages (not its \code, whose argument is code: "df$col" is no math)
    "proglang": (r"\\proglang(?![A-Za-z])", r"\newcommand{\proglang}[1]{\textsf{#1}}"),
    "pkg": (r"\\pkg(?![A-Za-z])", r"\newcommand{\pkg}[1]{\textbf{#1}}"),
    # AGU: a glossary's terms and acronyms
    "acro": (r"\\acro(?![A-Za-z])", r"\newcommand{\acro}[1]{#1}"),
    "term": (r"\\term(?![A-Za-z])", r"\newcommand{\term}[1]{#1}"),
    # MDPI: an endnote, printed as a note
    "endnote": (r"\\endnote(?![A-Za-z])", r"\newcommand{\endnote}[1]{\footnote{#1}}"),
    # IEEE: the first word's drop capital and the rest of it
    "IEEEPARstart": (r"\\IEEEPARstart(?![A-Za-z])", r"\newcommand{\IEEEPARstart}[2]{#1#2}"),
}
# How a text defines a command: LaTeX's, xparse's, etoolbox's and TeX's own ways.
DEFINING = (r"\\(?:(?:re|provide)?newcommand|providecommand|DeclareRobustCommand|(?:New|Renew|Provide|Declare)"
            r"DocumentCommand|(?:re|provide)?newrobustcmd)\*?\s*\{?\s*\\%s(?![A-Za-z])|\\[egx]?def\s*\\%s(?![A-Za-z])"
            r"|\\let\s*\\%s(?![A-Za-z])")


def defines(tex: str, name: str) -> bool:
    r"""Whether ``tex`` defines the command ``name`` itself.

    >>> defines(r"\newcommand{\bmhead}[1]{\textbf{#1}}", "bmhead"), defines(r"\def\tbl#1{#1}", "tbl")
    (True, True)
    >>> defines(r"\NewDocumentCommand{\pkg}{m}{\emph{#1}}", "pkg"), defines(r"\let\tbl\relax", "tbl")
    (True, True)
    >>> defines(r"\bmhead{Data}", "bmhead")
    False
    """
    return re.search(DEFINING % (name, name, name), tex) is not None

def without_comments(tex: str) -> str:
    """``tex`` without its comments (an escaped ``\\%`` is no comment; ``\\\\%`` starts one)."""
    return ESCAPE_OR_COMMENT.sub(lambda match: match.group(0) if match.group(0).startswith("\\") else "", tex)


def reads_files(tex: str) -> list[str]:
    """The commands of ``tex`` (outside its comments) that read another file, once each."""
    return list(dict.fromkeys(match.group(1) for match in CONTROL.finditer(without_comments(tex))
                              if match.group(1) in READS_FILES))
