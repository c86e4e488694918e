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


def without_comments(tex: str) -> str:
    """``tex`` without its comments (an escaped ``\\%`` is no comment; ``\\\\%`` starts one)."""
    return ESCAPE_OR_COMMENT.sub(lambda match: match.group(0) if match.group(0).startswith("\\") else "", tex)


def reads_files(tex: str) -> list[str]:
    """The commands of ``tex`` (outside its comments) that read another file, once each."""
    return list(dict.fromkeys(match.group(1) for match in CONTROL.finditer(without_comments(tex))
                              if match.group(1) in READS_FILES))
