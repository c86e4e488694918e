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


# Journal classes' own commands that papers written for them use in their text, as the
# standard LaTeX each stands for: pandoc's reader knows none of them (it left them out,
# their words with them), so each is defined for it, unless the text defines it itself.
# A class is a few entries here.
CLASS_COMMANDS = {
    # Springer Nature (sn-jnl): a run-in heading of the back matter (Acknowledgements)
    "bmhead": r"\newcommand{\bmhead}[1]{\section*{#1}}",
    # Taylor & Francis (interact): a table's caption and body, its note below it
    "tbl": r"\newcommand{\tbl}[2]{\caption{#1}#2}",
    "tabnote": r"\newcommand{\tabnote}[1]{\par #1}",
    # Copernicus: the first and last sections, their headings optional; a chemical formula
    "introduction": r"\newcommand{\introduction}[1][Introduction]{\section{#1}}",
    "conclusions": r"\newcommand{\conclusions}[1][Conclusions]{\section{#1}}",
    "chem": r"\newcommand{\chem}[1]{\ensuremath{\mathrm{#1}}}",
    # SAGE and Wiley's Statistics in Medicine: a table's note marks and, below it, its notes
    "tmark": r"\newcommand{\tmark}[1][]{\textsuperscript{#1}}",
    "tnote": r"\newcommand{\tnote}[2][]{\par\textsuperscript{#1}#2}",
    # The Journal of Statistical Software (and the Austrian Journal of Statistics): names
    "proglang": r"\newcommand{\proglang}[1]{\textsf{#1}}",
    "pkg": r"\newcommand{\pkg}[1]{\textbf{#1}}",
    "code": r"\newcommand{\code}[1]{\texttt{#1}}",
    # AGU: a glossary's terms and acronyms
    "acro": r"\newcommand{\acro}[1]{#1}",
    "term": r"\newcommand{\term}[1]{#1}",
    # MDPI: an endnote, printed as a note
    "endnote": r"\newcommand{\endnote}[1]{\footnote{#1}}",
    # IEEE: the first word's drop capital and the rest of it
    "IEEEPARstart": r"\newcommand{\IEEEPARstart}[2]{#1#2}",
}


def defines(tex: str, name: str) -> bool:
    r"""Whether ``tex`` defines the command ``name`` itself.

    >>> defines(r"\newcommand{\bmhead}[1]{\textbf{#1}}", "bmhead"), defines(r"\def\tbl#1{#1}", "tbl")
    (True, True)
    >>> defines(r"\bmhead{Data}", "bmhead")
    False
    """
    return re.search(r"\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand)\*?\s*\{?\s*\\%s(?![A-Za-z])"
                     r"|\\[egx]?def\s*\\%s(?![A-Za-z])" % (name, name), tex) is not None

def without_comments(tex: str) -> str:
    """``tex`` without its comments (an escaped ``\\%`` is no comment; ``\\\\%`` starts one)."""
    return ESCAPE_OR_COMMENT.sub(lambda match: match.group(0) if match.group(0).startswith("\\") else "", tex)


def reads_files(tex: str) -> list[str]:
    """The commands of ``tex`` (outside its comments) that read another file, once each."""
    return list(dict.fromkeys(match.group(1) for match in CONTROL.finditer(without_comments(tex))
                              if match.group(1) in READS_FILES))
