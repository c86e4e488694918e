"""What the LaTeX edition's class and packages define, and the raw LaTeX that needs more.

An author's raw LaTeX may be written for a journal's own class: PLOS's ``\\thickhline``
and ``adjustwidth``, achemso's ``\\mycommand``. The LaTeX edition keeps raw LaTeX, but
its folder must compile on its own, as a journal's production compiles it; one command
its class does not define stops the whole document. So each raw piece is vetted
against the names the edition's preamble defines: ``defined.txt`` beside the template
(``latex/article.tex.j2``), every control word LuaTeX's hash holds after that preamble,
made by ``python -m press.latexnames`` (run it again after the preamble changes; a
test compares). The names the document defines itself (``\\newcommand`` in its raw
LaTeX or ``header-includes``) count as defined. A template that brings no list, or a
document that loads packages of its own, is not vetted: what those define is not known
without running TeX.

>>> known = frozenset({"begin", "end", "ref", "centering", "minipage", "endminipage"})
>>> undefined_in(r"\\begin{adjustwidth}{-2in}{0in}\\centering \\thickhline \\end{adjustwidth}", known)
['adjustwidth', '\\\\thickhline']
>>> undefined_in(r"Fig~\\ref{fig1}", known), undefined_in(r"\\begin{minipage}{2cm}x\\end{minipage}", known)
([], [])
>>> sorted(defined_by(r"\\newcommand{\\mycommand}[1]{\\texttt{#1}} \\newenvironment{box}{}{} \\def\\x{1}"))
['box', 'endbox', 'mycommand', 'x']
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from core.templatepath import TemplatePath
from core.tex import CONTROL, READS_FILES, without_comments

TEMPLATE = "latex/article.tex.j2"
LIST = "defined.txt"
ENVIRONMENT = re.compile(r"\\(?:begin|end)\s*\{([^{}\s]+)\}")  # an \end alone: the begin's piece was left out
# What defines a command or an environment: \newcommand{\x}, \newcommand\x, \def\x,
# \let\x, \newenvironment{x}, \newtheorem{x}, \DeclareMathOperator{\x}, \newif\ifx…
DEFINITION = re.compile(r"\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand|DeclareMathOperator|"
                        r"NewDocumentCommand|RenewDocumentCommand|ProvideDocumentCommand|newlength|"
                        r"let|[gex]?def|newif|newcounter|newsavebox)(?![A-Za-z])\*?\s*\{?\s*\\?([A-Za-z]+)")
ENVIRONMENT_DEFINITION = re.compile(r"\\(?:(?:re)?newenvironment|newtheorem|NewDocumentEnvironment)\*?\s*"
                                    r"\{([^{}\s]+)\}")
# What makes a command the list cannot see: a name built at run time (\csname, \UseName),
# LaTeX's internals (\@…), text read again as TeX (\scantokens), characters made commands
# (\catcode, expl3's syntax), and Lua, which reads and writes any file (\directlua)
HIDDEN_NAMES = frozenset({"csname", "@", "UseName", "UseExpandableName", "scantokens", "catcode",
                          "ExplSyntaxOn", "directlua", "latelua", "luaexec", "luadirect", "luacode",
                          # etoolbox's names built from text (\csuse{input} is \input)
                          "csuse", "letcs", "cslet", "csletcs", "csdef", "csgdef", "csedef", "csxdef",
                          "csappto", "cspreto", "ifcsdef", "ifcsundef", "ifcsmacro"})
PACKAGES = re.compile(r"\\(?:usepackage|RequirePackage)\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}")


def packages(tex: str) -> set[str]:
    """The packages ``tex`` loads.

    >>> sorted(packages(r"\\usepackage[hidelinks]{hyperref}\\usepackage{amsmath, bm}"))
    ['amsmath', 'bm', 'hyperref']
    """
    return {name.strip() for names in PACKAGES.findall(without_comments(tex)) for name in names.split(",")
            if name.strip()}


def defined_by(tex: str) -> set[str]:
    """The commands and environments ``tex`` defines (an environment ``x`` is the
    commands ``x`` and ``endx``, as LaTeX defines it)."""
    names = set(DEFINITION.findall(tex))
    names |= {f"the{counter}" for counter in re.findall(r"\\newcounter\s*\{([A-Za-z]+)\}", tex)}
    names |= {f"{flag}{value}" for flag in re.findall(r"\\newif\s*\\if([A-Za-z]+)", tex) for value in ("true", "false")}
    for environment in ENVIRONMENT_DEFINITION.findall(tex):
        names.update({environment, f"end{environment}"})
    return names


def undefined_in(tex: str, known: frozenset[str] | set[str] | None) -> list[str]:
    """The control words and environments of ``tex`` that ``known`` lacks, in order:
    ``\\\\name`` for a command, ``name`` for an environment. A comment is not read;
    a command that reads another file (``\\\\input``) is missing too: its file is not in
    the edition's folder; so are what names a command this list cannot see: a character
    written by its code (``\\\\^^69nput``), ``\\\\csname``, an internal ``\\\\@@name``.
    With no list (``known`` None: a journal's template without one, a document that loads
    a package), only those: what reads a file or hides a name, whatever is defined.

    >>> undefined_in(r"\\^^69nput{x} \\csname input\\endcsname \\@@input x", frozenset({"csname", "endcsname"}))
    ['^^', '\\\\csname', '\\\\@']
    >>> undefined_in(r"\\UseName{input}{/etc/hostname} \\VerbatimInput{x} \\thickhline", None)
    ['\\\\UseName', '\\\\VerbatimInput']
    """
    tex = without_comments(tex)
    missing = [name for name in ENVIRONMENT.findall(tex) if known is not None and name.rstrip("*") not in known]
    missing += ["^^"] if "^^" in tex else []  # \^^69nput is \input, wherever it stands
    for match in CONTROL.finditer(tex):
        name = match.group(1)
        if name in HIDDEN_NAMES:
            missing.append(f"\\{name}")
        # control words (a control symbol, \\\\ or \\%, is TeX's own)
        elif name and name[:1].isalpha() and (name in READS_FILES or known is not None and name not in known):
            missing.append(f"\\{name}")
    return list(dict.fromkeys(missing))


def vetting(templates: TemplatePath, own_latex: list[str]) -> frozenset[str] | None:
    """The names raw LaTeX may use in the edition the ``templates`` make, with what the
    document's own LaTeX (``own_latex``: its raw pieces, its header-includes) defines;
    None when the edition is not vetted (no list beside its template, or the
    document loads a package the template does not)."""
    template = templates.find(TEMPLATE)
    listed = template.with_name(LIST)
    if not listed.is_file():
        return None
    if packages("\n".join(own_latex)) - packages(template.read_text(encoding="utf-8")):
        return None  # a package the edition does not load: what it defines is not known
    own = set().union(*map(defined_by, own_latex)) if own_latex else set()
    return listed_names(listed) | own


@lru_cache(maxsize=4)
def listed_names(listed: Path) -> frozenset[str]:
    return frozenset(line for line in listed.read_text(encoding="utf-8").split() if not line.startswith("#"))


# --- making the list -------------------------------------------------------------------

SAMPLE = {"manuscript/metadata.yaml": "title: Names\nlang: {lang}\n",
          # code: the preamble then has pandoc's highlighting macros (\Shaded, \KeywordTok…)
          "manuscript/01-text.md": "# Text\n\nWords.\n\n```python\nx = 1\n```\n"}
DUMP = r"""
\begin{document}
\directlua{
  local names = {}
  for _, name in ipairs(tex.hashtokens()) do
    if string.match(name, "^[A-Za-z]+$") and token.is_defined(name) then names[\string#names + 1] = name end
  end
  table.sort(names)
  for _, name in ipairs(names) do texio.write_nl("log", "DEFINED " .. name) end
}
\end{document}
"""


def preamble(lang: str, templates: tuple[str, ...] = ()) -> str:
    """The LaTeX edition's preamble for a small document with code in ``lang``, as the build writes it."""
    repo = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for relative, text in SAMPLE.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_text(text.replace("{lang}", lang), encoding="utf-8")
        extra = [argument for folder in templates for argument in ("--templates", folder)]
        subprocess.run([sys.executable, str(repo / "build.py"), "latex", "--root", str(root), "--out",
                        str(root / "out"), "--quiet", "--no-cache", *extra], check=True, capture_output=True)
        tex = next((root / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    # the edition compiles with XeLaTeX (latexmk -xelatex): its branch of \\ifLuaTeX (soul, not lua-ul)
    return tex[:tex.index(r"\begin{document}")].replace(r"\ifLuaTeX", r"\iffalse")


def names_defined(preamble_text: str) -> list[str]:
    """Every control word defined after ``preamble_text``, as LuaLaTeX's hash holds them."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "names.tex").write_text(preamble_text + DUMP, encoding="utf-8")
        subprocess.run(["lualatex", "-interaction=nonstopmode", "-halt-on-error", "names.tex"], cwd=folder,
                       check=True, capture_output=True)
        log = (Path(folder) / "names.log").read_text(encoding="utf-8", errors="replace")
    return re.findall(r"^DEFINED ([A-Za-z]+)$", log, flags=re.M)


def listing(names: list[str]) -> str:
    return ("# The control words the LaTeX edition's preamble defines (python -m press.latexnames\n"
            "# writes this list again). Raw LaTeX that uses another is left out of the edition.\n"
            + "".join(f"{name}\n" for name in names))


if __name__ == "__main__":
    from core.language import LANGUAGE_CODES
    from core.templatepath import template_path

    target = template_path().find(TEMPLATE).with_name(LIST)
    # each language's preamble: polyglossia defines its own commands (\\textturkish…)
    names = sorted(set().union(*(names_defined(preamble(lang)) for lang in LANGUAGE_CODES)))
    target.write_text(listing(names), encoding="utf-8")
    print(f"wrote {target}")
