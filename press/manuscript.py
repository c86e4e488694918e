"""Finding and reading a manuscript: ``manuscript/*.md`` in name order, ``metadata.yaml``,
``bibliography/*.bib``. Pandoc reads all of it once, into one panflute document.

>>> m = find_manuscript(Path("."))             # doctest: +SKIP
>>> [p.name for p in m.sources]                # doctest: +SKIP
['01-giris.md', '02-kazakistan.md', …]
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from filters.diagnostics import BuildError, display_path
from filters.names import METADATA_FILE_KEY, SOURCE_FILES_KEY
from press.tools import finish, start_pandoc

MARKDOWN = "markdown+ascii_identifiers"


@dataclass(frozen=True)
class Manuscript:
    root: Path
    sources: tuple[Path, ...]
    metadata_file: Path | None
    bibliography: tuple[Path, ...]

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Every file the AST depends on, for the cache: the manuscript folder's files
        (figures and the chronology's corrections included) and the bibliography."""
        folder = self.root / "manuscript"
        files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
        return (*files, *self.bibliography)


def find_manuscript(root: Path) -> Manuscript:
    folder = root / "manuscript"
    sources = tuple(sorted(folder.glob("*.md")))
    if not sources:
        raise BuildError("no manuscript found", display_path(folder),
                         hint="put the article's sections in manuscript/*.md")
    metadata = folder / "metadata.yaml"
    bibliography = tuple(sorted((root / "bibliography").glob("*.bib")))
    return Manuscript(root, sources, metadata if metadata.exists() else None, bibliography)


def check_text(path: Path) -> str:
    """The file's text; a file that is not UTF-8 is an error naming the byte offset."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BuildError(f"not valid UTF-8 at byte offset {error.start}", display_path(path),
                         hint="save the file as UTF-8") from None


def check_metadata(path: Path) -> None:
    """Find the mistake in a metadata.yaml that pandoc rejected, and name its line
    (pandoc's own message gives only the position of the whole block)."""
    import yaml

    try:
        data = yaml.safe_load(io.StringIO(check_text(path)))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise BuildError(f"YAML syntax error: {error.problem or error}", display_path(path),
                         mark.line + 1 if mark else None,
                         hint="check the indentation and quoting of this line") from None
    if data is not None and not isinstance(data, dict):
        raise BuildError("metadata must be a mapping of names to values", display_path(path))


def read(manuscript: Manuscript, while_reading=None):
    """One pandoc run over all sources → the document, with the bibliography and
    the source files recorded in its metadata for the filters. ``while_reading``
    runs while pandoc parses (the build imports the filters then)."""
    for source in manuscript.sources:
        check_text(source)  # pandoc would read a Latin-1 file with only a warning
    args = ["--from", MARKDOWN, "--to", "json"]
    if manuscript.metadata_file:
        args += ["--metadata-file", str(manuscript.metadata_file)]
    process = start_pandoc(args + [str(s) for s in manuscript.sources])
    import panflute as pf

    if while_reading:
        while_reading()
    try:
        output = finish(process)
    except BuildError:
        if manuscript.metadata_file:
            check_metadata(manuscript.metadata_file)
        raise
    doc = pf.load(io.StringIO(output))
    listed = doc.get_metadata("bibliography", default=None)
    if listed:  # named in the metadata, relative to the manuscript folder
        listed = [listed] if isinstance(listed, str) else listed
        bibliography = [str((manuscript.root / "manuscript" / name).resolve()) for name in listed]
    else:
        bibliography = [str(path) for path in manuscript.bibliography]
    doc.metadata["bibliography"] = pf.MetaList(*map(pf.MetaString, bibliography))
    doc.metadata[SOURCE_FILES_KEY] = pf.MetaList(*(pf.MetaString(str(s)) for s in manuscript.sources))
    if manuscript.metadata_file:
        doc.metadata[METADATA_FILE_KEY] = pf.MetaString(str(manuscript.metadata_file))
    return doc
