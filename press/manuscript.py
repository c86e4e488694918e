"""Finding and reading a manuscript: ``manuscript/*.md`` in name order, ``metadata.yaml``,
``bibliography/*.bib``. Pandoc reads all of it once, into one panflute document.

The build reads only the project's own files: a source that is a link to a file
outside its folder, or a ``bibliography`` the metadata names outside the project,
is an error. Every text is checked before pandoc sees it (``core.sourcetext``)
and read as NFC, as the filters and the fonts expect.

>>> sample = Path(__file__).resolve().parent.parent / "tests" / "samples" / "article-en"
>>> [p.name for p in find_manuscript(sample).sources][:2]
['01-introduction.md', '02-background.md']
>>> slug_of_title("Dağlık Karabağ: Türkistan")
'daglik-karabag-turkistan'
"""
from __future__ import annotations

import io
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from core.diagnostics import (
    BuildError,
    collecting,
    display_path,
    error,
    locate,
    raise_collected,
    record,
    suggestion,
)
from core.inputs import limit, read_input, regular, too_large
from core.names import CHRONOLOGY_FILE, METADATA_FILE_KEY, SOURCE_FILES_KEY
from core.sandbox import Sandbox
from core.tools import finish, start_pandoc

MARKDOWN = "markdown+ascii_identifiers"
# The slug names the output files (SLUG.pdf, SLUG.epub): a file name, never a path.
# (Patterns, not compiled ones: a build that reads nothing compiles none.)
SLUG = r"[A-Za-z0-9][A-Za-z0-9-]{0,99}"
SLUG_RULE = "letters, digits and '-', at most 100, not starting with '-'"
RAW_FORMAT = r'"t":"Raw(?:Block|Inline)","c":\["((?:[^"\\]|\\.)*)"'
KNOWN_RAW_FORMATS = ("html", "latex", "typst")  # the editions' own: a raw block reaches one of them


@dataclass(frozen=True)
class Manuscript:
    root: Path
    sources: tuple[Path, ...]
    metadata_file: Path | None
    bibliography: tuple[Path, ...]
    files: tuple[Path, ...] = ()  # every file of manuscript/ (figures, chronology.yaml…)

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Every file the AST depends on, for the cache: the manuscript folder's files
        (figures and the chronology's corrections included) and the bibliography."""
        return (*self.files, *self.bibliography)


def inside(path: Path, folder: Path) -> bool:
    """True when ``path``, its symlinks followed, lies in ``folder``.

    >>> inside(Path("/srv/makale/manuscript/../bibliography/a.bib"), Path("/srv/makale"))
    True
    >>> inside(Path("/srv/makale/../../etc/passwd"), Path("/srv/makale"))
    False
    """
    return path.resolve().is_relative_to(folder.resolve())


def check_inside(path: Path, folder: Path) -> None:
    """Record an error for a file that is a link out of ``folder``."""
    if not inside(path, folder):
        error(f"a link to {path.resolve()}, outside {folder.name}/", display_path(path),
              hint=f"the build reads only the project's own files: copy the file into {folder.name}/")


def find_manuscript(root: Path) -> Manuscript:
    folder = root / "manuscript"
    sources = tuple(sorted(folder.glob("*.md")))
    if not sources:
        raise BuildError("no manuscript found", display_path(folder),
                         hint="put the article's sections in manuscript/*.md")
    metadata = folder / "metadata.yaml"
    metadata_file = metadata if metadata.exists() or metadata.is_symlink() else None
    bibliography = tuple(sorted((root / "bibliography").glob("*.bib")))
    # The folders as the project names them: a manuscript/ that is itself a link
    # out of the project is refused with its files.
    project = root.resolve()
    with collecting() as found:
        for path in (*sources, metadata, folder / CHRONOLOGY_FILE):  # what the build reads by name
            if path.exists() or path.is_symlink():
                check_inside(path, project / "manuscript")
        for path in bibliography:
            check_inside(path, project / "bibliography")
    raise_collected(found)
    # Any other file that links out is not read, not even for the cache's key: the
    # resources stage refuses it, at its line, if the text uses it.
    files = tuple(sorted(p for p in folder.rglob("*") if not p.name.startswith(".") and p.is_file()
                         and inside(p, project / "manuscript")))
    texts = [path for path in (*sources, metadata, folder / CHRONOLOGY_FILE) if path.exists() or path.is_symlink()]
    check_sizes(texts, bibliography, [path for path in files if path not in texts])
    return Manuscript(root, sources, metadata_file, bibliography, files)


def check_sizes(texts: list[Path], bibliography: list[Path], others: list[Path]) -> None:
    """Every file the build reads is a regular file (a FIFO would hang it), and each kind
    is within its limit (``core.inputs``), before any of them is read: the text, the
    bibliography, and the other files of manuscript/ (figures: the cache reads them all)."""
    with collecting() as found:
        for paths, total, each in ((texts, "text", None), (bibliography, "bib", None),
                                   (others, "figures", "figure")):
            size = 0
            for path in paths:
                try:
                    length = regular(path).st_size
                except BuildError as failure:
                    record(failure)
                    continue
                size += length
                if each and length > limit(each):
                    record(too_large(each, path, length))
                elif size > limit(total):
                    record(too_large(total, path, size))
                    break
    raise_collected(found)


def check_text(path: Path) -> str:
    """The file's text; a file that is not UTF-8 is an error naming the byte offset."""
    data = read_input(path, "text")  # a folder named like a section is an error naming it
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BuildError(f"not valid UTF-8 at byte offset {error.start}", display_path(path),
                         hint="save the file as UTF-8") from None


def check_sources(manuscript: Manuscript) -> dict[Path, str]:
    """Every source, the metadata file and the chronology's corrections: UTF-8
    (pandoc would read a Latin-1 file with only a warning), and what
    ``core.sourcetext`` checks. Records the errors; returns the texts as checked."""
    from core.inputs import limit
    from core.sourcetext import markdown_problems, repeated_text, yaml_problems

    files = [(path, markdown_problems) for path in manuscript.sources]
    corrections = manuscript.root / "manuscript" / CHRONOLOGY_FILE
    for path in (manuscript.metadata_file, corrections if corrections.is_file() else None):
        if path:
            files.append((path, yaml_problems))
    texts = {}
    for path, problems in files:
        try:
            texts[path] = check_text(path)
        except BuildError as failure:
            record(failure)
            continue
        for line, message, hint in problems(texts[path]):
            error(message, display_path(path), line, hint)
    # What pandoc's reader repeats (a note's text at each reference), over the sources.
    sources = [path for path in manuscript.sources if path in texts]
    repeated = repeated_text([texts[path] for path in sources], limit("text"))
    if repeated:
        index, line, message, hint = repeated
        error(message, display_path(sources[index]), line, hint)
    return texts


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


def load(output: str, files: list[Path], metadata_file: Path | None = None):
    """pandoc's JSON as a panflute document, its text in NFC: a word typed as
    "e" and a combining accent is one letter for the filters' patterns, the
    collation and the fonts. Nesting too deep for Python is an error, and so is
    a raw format panflute does not know (`` `x`{=htm} ``), and a control character
    that a YAML escape wrote into a metadata value (the sections' own text was
    checked before pandoc read it)."""
    import panflute as pf
    from panflute.elements import RAW_FORMATS

    from core.sourcetext import ESCAPED_CONTROL

    escaped = ESCAPED_CONTROL.search(output)
    if escaped:
        raise BuildError(f"a metadata value holds control character U+{escaped.group()[2:].upper()}, "
                         "written as an escape", display_path(metadata_file) if metadata_file else None,
                         hint="delete the escape (\\0, \\x00, \\e…): no edition can hold it")

    cells = output.count('{"t":"Align')  # each cell's alignment, and each column's
    if cells > limit("cells"):
        raise too_large("cells", None, cells)
    if not unicodedata.is_normalized("NFC", output):
        output = unicodedata.normalize("NFC", output)
    try:
        return pf.load(io.StringIO(output))
    except RecursionError:
        raise too_deep() from None
    except TypeError:
        unknown = sorted(set(re.findall(RAW_FORMAT, output)) - RAW_FORMATS)
        if not unknown:
            raise
        sources = pf.Doc(metadata={SOURCE_FILES_KEY: pf.MetaList(*(pf.MetaString(str(f)) for f in files))})
        with collecting() as found:
            for name in unknown:
                path, line = locate(sources, r"\{=" + re.escape(name) + r"\}")
                error(f"unknown raw format '{name}'", path, line,
                      hint=suggestion(name, KNOWN_RAW_FORMATS, "write html, latex or typst"))
        raise BuildError.of(found) from None


def too_deep() -> BuildError:
    """The error for a document that nests deeper than Python can follow (reading,
    filtering or writing it): not a RecursionError traceback."""
    return BuildError("the manuscript nests blocks or inlines too deeply for the build",
                      hint="look for divs, lists, quotes or notes hundreds of levels inside one another")


def slug_of_title(title: str) -> str:
    """The title in ASCII, lower case, words joined by '-', at most 100 characters."""
    import icu

    ascii_title = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII").transliterate(title)
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:100].rsplit("-", 1)[0] if len(slug) > 100 else slug


def slug_of(doc) -> str:
    """``slug`` from the metadata (checked by ``read``), else the title in ASCII."""
    import panflute as pf

    explicit = doc.get_metadata("slug", default=None)
    if explicit:
        return str(explicit)
    title = pf.stringify(doc.metadata["title"]) if "title" in doc.metadata else ""
    return slug_of_title(title) or "article"


def metadata_place(manuscript: Manuscript, key: str) -> tuple[str | None, int | None]:
    """file:line where metadata.yaml sets a dotted key, for a message."""
    from core.metadatafile import read_source

    source = read_source(str(manuscript.metadata_file) if manuscript.metadata_file else None)
    return source.path, source.line(key)


def check_document(doc, manuscript: Manuscript) -> list[str]:
    """The metadata facts the build relies on before its stages: a slug that is a
    file name, bibliography files inside the project (``filters.metadata`` checks
    the rest). Records the errors; returns the .bib files the document reads."""
    from core.sourcetext import control_character

    explicit = doc.get_metadata("slug", default=None)
    if explicit is not None and not re.fullmatch(SLUG, str(explicit)):
        path, line = metadata_place(manuscript, "slug")
        error(f"slug '{explicit}' is not a file name ({SLUG_RULE})", path, line,
              hint=f"did you mean '{slug_of_title(str(explicit)) or 'article'}'?")
    listed = doc.get_metadata("bibliography", default=None)
    if not listed:
        bibliography = list(manuscript.bibliography)
    elif not (isinstance(listed, str) or isinstance(listed, list) and all(isinstance(n, str) for n in listed)):
        path, line = metadata_place(manuscript, "bibliography")
        error("'bibliography' must name a file, or a list of files", path, line,
              hint="bibliography: ../bibliography/references.bib")
        bibliography = []
    else:  # named in the metadata, relative to the manuscript folder
        bibliography = []
        names = [listed] if isinstance(listed, str) else listed
        for index, name in enumerate(names):
            key = "bibliography" if isinstance(listed, str) else f"bibliography.{index}"
            path = (manuscript.root / "manuscript" / str(name)).resolve()
            if path.is_dir():
                where, line = metadata_place(manuscript, key)
                error(f"bibliography '{name}' is a folder", where, line,
                      hint=f"name the file in it, e.g. {name.rstrip('/')}/references.bib")
            elif inside(path, manuscript.root) and not path.exists():
                where, line = metadata_place(manuscript, key)
                known = [os.path.relpath(p, manuscript.root / "manuscript")
                         for p in sorted(manuscript.root.glob("*/*.bib")) + sorted(manuscript.root.glob("*/*.json"))]
                error(f"bibliography file '{name}' not found", where, line,
                      hint=suggestion(str(name), known, "paths are relative to manuscript/"))
            elif inside(path, manuscript.root):
                bibliography.append(path)
            else:
                where, line = metadata_place(manuscript, key)
                error(f"bibliography '{name}' lies outside the project folder", where, line,
                      hint="put the .bib in bibliography/ and name it from manuscript/, "
                           "as ../bibliography/NAME.bib")
    try:
        check_sizes([], bibliography, [])
    except BuildError as failure:
        record(failure)
        return []
    for path in bibliography:
        problem = control_character(read_input(path, "bib").decode("utf-8", "replace"))
        if problem:
            error(problem[1], display_path(path), problem[0], problem[2])
    return [str(path) for path in bibliography]


def read(manuscript: Manuscript, while_reading=None):
    """One pandoc run over all sources → the document, with the bibliography and
    the source files recorded in its metadata for the filters. ``while_reading``
    runs while pandoc parses (the build imports the filters then). The texts'
    mistakes are reported together, before pandoc runs; then the metadata's."""
    with collecting() as found:
        texts = check_sources(manuscript)
    raise_collected(found)
    # pandoc reads the texts as they were checked, copied into a sandbox: nothing else.
    with Sandbox() as sandbox:
        args = ["--from", MARKDOWN, "--to", "json"]
        if manuscript.metadata_file:
            copy = sandbox.put("metadata.yaml", texts[manuscript.metadata_file].encode("utf-8"))
            args += ["--metadata-file", str(copy)]
        for number, source in enumerate(manuscript.sources):
            args.append(str(sandbox.put(f"{number:04d}-{source.name}", texts[source].encode("utf-8"))))
        process = start_pandoc(args)
        import panflute as pf

        if while_reading:
            while_reading()
        try:
            output = finish(process)
        except BuildError:
            if manuscript.metadata_file:
                check_metadata(manuscript.metadata_file)
            raise
    doc = load(output, manuscript.sources, manuscript.metadata_file)
    doc.metadata[SOURCE_FILES_KEY] = pf.MetaList(*(pf.MetaString(str(s)) for s in manuscript.sources))
    if manuscript.metadata_file:
        doc.metadata[METADATA_FILE_KEY] = pf.MetaString(str(manuscript.metadata_file))
    with collecting() as found:
        bibliography = check_document(doc, manuscript)
    raise_collected(found)
    doc.metadata["bibliography"] = pf.MetaList(*map(pf.MetaString, bibliography))
    return doc
