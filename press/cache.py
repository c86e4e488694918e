"""The build cache: content hashes of what each step reads, kept in ``OUT/.cache``.

A step runs again only when one of its inputs changed: the manuscript, the
``.bib``, the filters, an edition's templates (in every folder of the template
path: a journal's too), the tool versions or the options.

>>> digest([b"a", b"b"]) == digest([b"a", b"b"]) != digest([b"ab"])
True
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from core.templatepath import TemplatePath

HERE = Path(__file__).resolve().parent.parent
TOOLS = ("pypandoc-binary", "typst", "panflute", "pybtex", "jinja2", "icukit-pyicu", "pyyaml",
         "python-docx")
CACHE_VERSION = "3"


def digest(parts) -> str:
    """SHA-256 over parts, each length-prefixed so that boundaries count."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def files_digest(paths) -> str:
    """Names and contents of files, in a stable order; a missing file counts as such."""
    return digest(part for path in sorted({Path(p) for p in paths})
                  for part in (str(path), file_digest(path)))


def file_digest(path: Path) -> str:
    """A file's SHA-256, read again only when its size or time changed: a build
    computes its keys twice (before and after the filters), watch mode on every save."""
    try:
        status = path.stat()
    except OSError:
        return "missing"
    if not stat.S_ISREG(status.st_mode):  # a FIFO would block the read: the build refuses it
        return "not a file"
    return _content_digest(path, status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=4096)
def _content_digest(path: Path, mtime_ns: int, size: int) -> str:
    try:
        with open(path, "rb") as stream:  # in pieces: a large figure is not held in memory
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:  # gone since its stat
        return "missing"


def tree(folder: Path, pattern: str = "*") -> list[Path]:
    return [p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts]


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH, the date reproducible builds put in their outputs."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    return int(value) if value and value.isdecimal() else None


def canonical(project: str) -> str:
    """``PyYAML`` → ``pyyaml``, ``pypandoc-binary`` → ``pypandoc_binary``: as in .dist-info names."""
    return re.sub(r"[-_.]+", "_", project).lower()


def tool_versions() -> str:
    """``jinja2-3.1.6,…``: the installed tools, read off their ``.dist-info`` folder names.

    Not ``importlib.metadata``: importing it and parsing each METADATA file costs
    15 ms on every build, a no-op included, before pandoc can start.
    """
    wanted = {canonical(name) for name in TOOLS}
    found = set()
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                project, _, version = name[:-len(".dist-info")].partition("-")
                if canonical(project) in wanted:
                    found.add(f"{canonical(project)}-{version}")
    return ",".join(sorted(found))


def template_files(templates: TemplatePath, names) -> list[Path]:
    """Every file of the folders ``names`` in every folder of the template path: a
    journal's file added, changed or removed changes the key of what reads it."""
    return [p for folder in templates.subfolders(*names) for p in tree(folder)]


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The build's own code (filters, pipeline, pandoc writers) and tools, hashed once per
    process: the code a process runs cannot change under it, and a journal computes the
    keys of every article (hashing the code each time was most of a rebuild with nothing
    changed)."""
    code = [p for package in ("core", "filters", "press") for pattern in ("*.py", "*.lua", "*.txt")
            for p in tree(HERE / package, pattern)]
    return digest([files_digest(code), tool_versions()])


def ast_key(inputs, options: dict, templates: TemplatePath) -> str:
    """What the filtered AST depends on: sources, filters and pipeline code, the
    figures' templates (the timeline), tools, and the options that change what the
    stages do (``untrusted``), no edition's."""
    figures = template_files(templates, ("figures",))
    return digest([CACHE_VERSION, files_digest(inputs), code_digest(), files_digest(figures),
                   json.dumps(options, sort_keys=True)])


def edition_key(edition: str, ast: str, options: dict, templates: TemplatePath) -> str:
    """What one edition depends on beyond the AST: its templates (and the shared ones),
    the date it prints (SOURCE_DATE_EPOCH) and the options it reads (the PDF's engine)."""
    from press.editions import EDITION

    names = EDITION[edition].template_folders(options.get("pdf_engine", "typst"))
    files = template_files(templates, (*names, "pandoc"))
    own = {name: options.get(name) for name in ("source_date_epoch", *EDITION[edition].options)}
    return digest([ast, edition, files_digest(files), json.dumps(own, sort_keys=True)])


@dataclass
class State:
    """What the last successful build recorded."""
    ast_key: str = ""
    # Files the document read besides the manuscript: the .bib files and the CSL style,
    # wherever the metadata named them (part of the next build's key, watched).
    read: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    editions: dict[str, dict] = field(default_factory=dict)  # name → {key, files: {rel: sha}}


class Cache:
    """The cache's records in ``OUT/.cache``: ``state.json`` (what the last build
    recorded) and ``filtered.json`` (the filtered document, its key on the first
    line). The build writes both with its editions (``files``, then
    ``press.output.commit``); a build killed between two renames may leave one
    new and one old, so the document is reused only when both carry the key
    asked for, and an edition only when its files hash as recorded."""

    def __init__(self, out: Path, enabled: bool = True):
        self.folder = out / ".cache"
        self.enabled = enabled
        self.state = self._load() if enabled else State()

    def _load(self) -> State:
        try:
            data = json.loads((self.folder / "state.json").read_text(encoding="utf-8"))
            return State(**data)
        except (OSError, ValueError, TypeError):
            return State()

    def ast(self, key: str) -> str | None:
        """The filtered document (pandoc JSON and its slug and language), if it was
        built from the same inputs."""
        if not self.enabled or self.state.ast_key != key:
            return None
        try:
            stamp, _, facts = (self.folder / "filtered.json").read_text(encoding="utf-8").partition("\n")
        except (OSError, UnicodeDecodeError):
            return None
        return facts if stamp == key else None

    def edition_current(self, edition: str, key: str, out: Path) -> bool:
        """True when the edition's outputs exist as the build with this key left them."""
        record = self.state.editions.get(edition)
        if not self.enabled or not record or record["key"] != key:
            return False
        for relative, sha in record["files"].items():
            path = out / relative
            if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != sha:
                return False
        return True

    def files(self, ast_key: str, ast_json: str, warnings: list[str],
              editions: dict[str, tuple[str, dict[str, bytes]]], read: list[str]) -> dict[str, bytes]:
        """The records of this build, as ``{path under OUT: bytes}`` for ``press.output.commit``."""
        if not self.enabled:
            return {}
        if ast_key != self.state.ast_key:
            self.state.editions = {}
        self.state.ast_key = ast_key
        self.state.read = read
        self.state.warnings = warnings
        for name, (key, files) in editions.items():
            self.state.editions[name] = {
                "key": key, "files": {rel: hashlib.sha256(data).hexdigest() for rel, data in files.items()}}
        folder = self.folder.name
        return {f"{folder}/filtered.json": f"{ast_key}\n{ast_json}".encode("utf-8"),
                f"{folder}/state.json": json.dumps(self.state.__dict__, indent=1, sort_keys=True).encode("utf-8")}
