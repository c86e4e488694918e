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
import json
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
    warn,
)
from core.inputs import limit, read_input, regular, too_large
from core.kinds import RAW_FORMATS as EDITION_FORMATS
from core.names import (
    BUILD_KEYS,
    CHRONOLOGY_FILE,
    LAYOUT_KEY,
    MARKDOWN_SUFFIXES,
    METADATA_FILE_KEY,
    PROJECT_KEY,
    RESERVED_CLASSES,
    ROOT_KEY,
    SOURCE_FILES_KEY,
    VARIABLES_KEY,
)
from core.sandbox import Sandbox
from core.tools import finish, start_pandoc

# pandoc's Markdown, with a heading that needs no blank line above it, as on GitHub and in
# every CommonMark reader (a paper written there has "### Methods" under a paragraph's
# last line; pandoc alone would print it as text).
MARKDOWN = "markdown+ascii_identifiers-blank_before_header"
# The slug names the output files (SLUG.pdf, SLUG.epub): a file name, never a path.
# (Patterns, not compiled ones: a build that reads nothing compiles none.)
SLUG = r"[A-Za-z0-9][A-Za-z0-9-]{0,99}"
SLUG_RULE = "letters, digits and '-', at most 100, not starting with '-'"
RAW_FORMAT = r'"t":"Raw(?:Block|Inline)","c":\["((?:[^"\\]|\\.)*)"'


# R Markdown reads \( … \) and \[ … \] as math (rmarkdown's default), where pandoc's own
# Markdown reads escaped brackets.
R_MARKDOWN = "+tex_math_single_backslash"
# An extension an R Markdown output format turns off for its reader (``md_extensions:
# "-tex_math_single_backslash"``: "\[and\]" is an editor's bracket, no equation)
TURNED_OFF = re.compile(r"-([a-z_]{2,40})(?![a-z_])")


def extensions_off(values: list) -> list[str]:
    """The reader's extensions the author's output formats turn off.

    >>> extensions_off([{"output": {"pdf_document": {"md_extensions": "-tex_math_single_backslash+smart"}}}])
    ['tex_math_single_backslash']
    """
    found = []
    for values_of_file in values:
        output = values_of_file.get("output") if isinstance(values_of_file, dict) else None
        for options in (output.values() if isinstance(output, dict) else ()):
            written = options.get("md_extensions") if isinstance(options, dict) else None
            if isinstance(written, str):
                found += TURNED_OFF.findall(written)
    return list(dict.fromkeys(found))


def reader_format(manuscript: Manuscript, texts: dict, r_markdown: bool) -> str:
    """pandoc's reader and its extensions: R Markdown's for an ``.Rmd``, but for those its
    output formats turn off (pandoc takes "+x-x" as "+x": an extension is named once)."""
    if not r_markdown:
        return MARKDOWN
    off = extensions_off(metadata_values(manuscript, texts, ("output",)))
    added = [name for name in R_MARKDOWN.split("+") if name and name not in off]
    return MARKDOWN + "".join(f"+{name}" for name in added) + "".join(
        f"-{name}" for name in off if f"+{name}" not in MARKDOWN and f"-{name}" not in MARKDOWN)


@dataclass(frozen=True)
class Manuscript:
    """What the build reads. ``folder``: what the figures must lie in, where the editions
    read them from (the manuscript folder, or the root of a one-file manuscript);
    ``layout``: "folder" (``manuscript/``), "file" (one Markdown file with its front
    matter), "sections" (a folder of Markdown files) or "manubot" (Manubot's ``content/``)."""
    root: Path
    sources: tuple[Path, ...]
    metadata_file: Path | None
    bibliography: tuple[Path, ...]  # used when the metadata names none
    files: tuple[Path, ...] = ()  # what the AST depends on besides the bibliography (figures…)
    folder: Path | None = None
    layout: str = "folder"
    # Quarto's {{< include >}}: (the including file, the path as written, the file it names)
    includes: tuple[tuple[Path, str, Path], ...] = ()
    # Quarto's metadata-files: YAML files read under the front matter, in the order named
    merged_metadata: tuple[Path, ...] = ()
    # Quarto's frozen results (_freeze/…/execute-results/*.json): (the source, its results)
    frozen: tuple[tuple[Path, Path], ...] = ()
    # Quarto's _variables.yml, for {{< var key >}}
    variables: Path | None = None
    # MyST's {literalinclude}: (the including file, the path as written, the file whose code it shows)
    code_files: tuple[tuple[Path, str, Path], ...] = ()

    @property
    def source_folder(self) -> Path:
        """The sources' folder: paths in the text (figures) start there."""
        return self.sources[0].parent

    @property
    def home(self) -> Path:
        return self.folder or self.source_folder

    @property
    def text_files(self) -> tuple[Path, ...]:
        """Every Markdown file the text is made of: the sources, then the files they include."""
        return tuple(dict.fromkeys([*self.sources, *(included for _, _, included in self.includes)]))

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Every file the AST depends on, for the cache: the manuscript folder's files
        (figures and the chronology's corrections included) and the bibliography."""
        return (*self.files, *self.bibliography)


def is_regular(path: Path) -> bool:
    """Whether ``path`` is a regular file (a name too long for the system is none)."""
    try:
        return path.is_file()
    except OSError:
        return False


def is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


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


def markdown_files(folder: Path) -> list[Path]:
    """The Markdown files of a folder, in name order (an included ``_methods.md`` too)."""
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in MARKDOWN_SUFFIXES and not p.name.startswith("."))


def chapter_files(folder: Path) -> list[Path]:
    """The Markdown files a folder's text is made of, in name order, ``index`` first (as
    bookdown reads a book's chapters: a thesis's index.Rmd, its introduction, printed last
    after 01-…); a file named ``_…`` is no chapter (bookdown and Quarto skip it: a part
    another includes).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     for name in ("02-results.Rmd", "index.Rmd", "01-methods.Rmd", "_common.Rmd", ".x.md"):
    ...         _ = (Path(folder) / name).write_text("x")
    ...     [p.name for p in chapter_files(Path(folder))]
    ['index.Rmd', '01-methods.Rmd', '02-results.Rmd']
    """
    listed = bookdown_chapters(folder)
    if listed is not None:
        return listed
    return sorted((p for p in markdown_files(folder) if not p.name.startswith("_")),
                  key=lambda p: (p.stem.lower() != "index", p.name))


BOOKDOWN_PROJECT = "_bookdown.yml"


def bookdown_chapters(folder: Path) -> list[Path] | None:
    """The chapters a bookdown book's ``_bookdown.yml`` lists (``rmd_files: [index.Rmd,
    …]``, or by output format, the HTML book's first), in its order; None where it lists
    none. A book's unwritten template chapter, its English template appendix and its abstracts
    kept for the front matter were published when every file of the folder was read."""
    project = folder / BOOKDOWN_PROJECT
    if not project.is_file():
        return None
    import yaml

    from core.metadatafile import load_yaml, yaml_mistake

    try:
        settings = load_yaml(read_input(project, "text").decode("utf-8", "replace"))
    except (yaml.YAMLError, ValueError, RecursionError) as mistake:
        message, line = yaml_mistake(mistake) if isinstance(mistake, yaml.YAMLError) else (str(mistake), None)
        raise BuildError(f"{BOOKDOWN_PROJECT} cannot be read: {message}", display_path(project),
                         line + 1 if line is not None else None, hint="correct its YAML") from None
    listed = settings.get("rmd_files") if isinstance(settings, dict) else None
    if isinstance(listed, dict):  # {html: [...], latex: [...]}: the HTML book's
        listed = listed.get("html") or next(iter(listed.values()), None)
    if not isinstance(listed, list):
        return None
    chapters = []
    for name in listed:
        path = folder / str(name)
        if not path.is_file() or not inside(path, folder):
            raise BuildError(f"'{name}' is listed in {BOOKDOWN_PROJECT}'s rmd_files but is no file of the book",
                             display_path(project), hint="list the chapters' file names, as in the folder")
        chapters.append(path)
    return chapters


def find_manuscript(root: Path, path: Path | None = None) -> Manuscript:
    """The manuscript in ``root``: the Markdown file or folder of sections ``path``
    names, else ``root/manuscript/``, Manubot's ``root/content/``, or the one Markdown
    file of ``root``; with the files its sources include."""
    manuscript = with_code_files(with_variables(with_frozen_results(with_metadata_files(with_includes(
        manuscript_layout(root, path))))))
    for file in manuscript.files:  # a name the file system holds as bytes no text can: no tool can name it
        try:
            str(file).encode("utf-8")
        except UnicodeEncodeError:
            raise BuildError(f"the name of '{os.fsencode(file).decode('utf-8', 'replace')}' is not UTF-8 text",
                             hint="rename the file (its name in UTF-8, as every tool and edition takes it)") from None
    return manuscript


def manuscript_layout(root: Path, path: Path | None = None) -> Manuscript:
    """``find_manuscript``'s sources, before their includes are read."""
    if path is not None:
        if path.is_dir():
            return sections(root, path, "sections")
        return single_file(root, path)
    if (root / "manuscript").is_dir():
        return folder_layout(root)
    if (root / "content" / "metadata.yaml").is_file() and chapter_files(root / "content"):
        return sections(root, root / "content", "manubot")
    candidates = markdown_files(root)
    article = quarto_article(root)
    if article is not None:  # a Quarto manuscript project names its article
        return single_file(root, article)
    with_front_matter = [p for p in candidates if front_matter_of(p)]
    chosen = with_front_matter if len(with_front_matter) == 1 else candidates
    if len(chosen) == 1:
        return single_file(root, chosen[0])
    if not candidates:
        raise BuildError("no manuscript found", display_path(root),
                         hint="name the paper's Markdown file (python build.py paper.md), or put the "
                              "article's sections in manuscript/*.md")
    names = ", ".join(p.name for p in (with_front_matter or candidates)[:6])
    raise BuildError(f"several Markdown files could be the manuscript: {names}", display_path(root),
                     hint=f"name the one to build: python build.py {(with_front_matter or candidates)[0].name}")


# How deep includes may nest (a file that includes one that includes …): a paper needs
# one or two levels; a loop is an error before this. How many a manuscript may hold: a
# book of chapters needs tens (each is looked up and checked: 20,000 took 12 s).
INCLUDE_DEPTH = 8
INCLUDE_COUNT = 1000


def with_includes(manuscript: Manuscript) -> Manuscript:
    """The manuscript with the files its sources include (Quarto's ``{{< include file >}}``,
    the path from the source's folder, or from the root with a leading ``/``; an include
    in an included file from its own folder too, when the source's holds no such file):
    each one inside the root (as a source must be), read where the shortcode stands; a file
    that a source includes is not also a section of its own. A file not found, outside the
    root or including itself is an error at the shortcode's line."""
    from dataclasses import replace

    from core.sourcetext import include_lines

    includes: list[tuple[Path, str, Path]] = []
    visited: set[Path] = set()
    counted: list[int] = []  # every include shortcode read, found or not

    def visit(path: Path, chain: tuple[Path, ...], base: Path) -> None:
        visited.add(path)
        try:
            text = check_text(path)
        except BuildError:
            return  # check_sources names it
        for line, target, _ in include_lines(text):
            counted.append(line)
            if len(counted) > INCLUDE_COUNT:
                error(f"more than {INCLUDE_COUNT} includes", display_path(path), line,
                      hint="include each file once, from one place")
                return
            # pasted into the source, an included file's include is read from the source's
            # folder (Quarto's rule); from its own, where only that holds it
            found = [Path(os.path.normpath(manuscript.root / target.lstrip("/") if target.startswith("/")
                                           else folder / target)) for folder in dict.fromkeys((base, path.parent))]
            file = next((candidate for candidate in found if inside(candidate, manuscript.root)
                         and is_regular(candidate)), found[0])
            place = (display_path(path), line)
            if not inside(file, manuscript.root):  # whether it exists or not: nothing outside is looked at
                error(f"'{target}' is outside the project: the build reads only the project's own files", *place,
                      hint=f"copy the file into {manuscript.root.name}/")
            elif not is_regular(file):
                names = [p.name for p in markdown_files(file.parent)] if is_folder(file.parent) else []
                error(f"the included file '{target}' is not found" if not os.path.lexists(file) else
                      f"the included file '{target}' is not a regular file", *place,
                      hint=suggestion(file.name, names, "give its path from this file's folder, or from the "
                                                        "project's root with a leading /"))
            elif file.resolve() in chain or len(chain) > INCLUDE_DEPTH:
                error(f"'{target}' includes the file that includes it" if file.resolve() in chain else
                      f"includes nested more than {INCLUDE_DEPTH} deep", *place,
                      hint="include each file from one place only")
            else:
                includes.append((path, target, file))
                if file not in visited:
                    visit(file, (*chain, file.resolve()), base)

    with collecting() as found:
        for source in manuscript.sources:
            visit(source, (source.resolve(),), source.parent)
    raise_collected(found)
    if not includes:
        return manuscript
    included = {file for _, _, file in includes}
    check_sizes(sorted(included), [], [])
    return replace(manuscript, sources=tuple(s for s in manuscript.sources if s not in included) or manuscript.sources,
                   includes=tuple(includes), files=tuple(dict.fromkeys([*manuscript.files, *sorted(included)])))


def with_code_files(manuscript: Manuscript) -> Manuscript:
    """The manuscript with the files whose code MyST's ``{literalinclude}`` shows (the path
    from the including file's folder): each inside the root, a regular file within the
    text limit, read as the sources are (``core.myst.with_code`` pastes it); one not found
    or outside is an error at the directive's line."""
    from dataclasses import replace

    from core.myst import literal_includes

    found: list[tuple[Path, str, Path]] = []
    with collecting() as problems:
        for path in manuscript.text_files:
            try:
                text = check_text(path)
            except BuildError:
                continue  # check_sources names it
            for line, target in literal_includes(text):
                file = Path(os.path.normpath(path.parent / target))
                if not inside(file, manuscript.root):
                    error(f"'{target}' is outside the project: the build reads only the project's own files",
                          display_path(path), line, hint=f"copy the file into {manuscript.root.name}/")
                elif not is_regular(file):
                    error(f"the file '{target}' whose code {{literalinclude}} shows is not found", display_path(path),
                          line, hint="give its path from this file's folder")
                else:
                    found.append((path, target, file))
    raise_collected(problems)
    if not found:
        return manuscript
    code = sorted({file for _, _, file in found})
    check_sizes(code, [], [])
    return replace(manuscript, code_files=tuple(found), files=tuple(dict.fromkeys([*manuscript.files, *code])))


def plain_yaml(path: Path, text: str) -> bool:
    """Whether the YAML of a metadata file, or of a Markdown file's blocks, holds no alias
    (``core.sourcetext.yaml_alias``): one that does is not read here (422 bytes of
    aliases took 4 GB), but refused by the text's checks, at its line."""
    from core.metadatafile import YAML_SUFFIXES
    from core.sourcetext import metadata_blocks, yaml_alias

    blocks = [text] if path.suffix.lower() in YAML_SUFFIXES else [block for _, block in metadata_blocks(text)]
    return not any(yaml_alias(block) for block in blocks)


def with_metadata_files(manuscript: Manuscript) -> Manuscript:
    """The manuscript with the YAML files its metadata names under ``metadata-files``
    (Quarto's: read under the front matter and the project's ``_quarto.yml``, which set
    what they also set, so the document's own values win; each path from the file that
    names it), inside the root, regular files within the text limit. A file not found or
    outside the root is an error at its line."""
    from dataclasses import replace

    from core.metadatafile import read_source

    holders = [*([manuscript.metadata_file] if manuscript.metadata_file else []), *manuscript.text_files]
    merged: list[Path] = []
    with collecting() as found:
        for holder in holders:
            try:  # a file that names none is not composed (nor one nested too deep, nor one with an
                # alias, which repeats values without limit: their checks name them)
                text = check_text(holder)
                source = read_source([str(holder)]) if "metadata-files" in text and plain_yaml(holder, text) else None
            except (BuildError, RecursionError):
                source = None
            if source is None:
                continue
            for key, value in source.scalars.items():  # (Quarto reads them under a format too)
                if not re.fullmatch(r"(?:format\.[\w-]+\.)?metadata-files(?:\.\d+)?", key):
                    continue
                file = Path(os.path.normpath(holder.parent / value))
                place = source.where(key)
                if not inside(file, manuscript.root):  # whether it exists or not: nothing outside is looked at
                    error(f"the metadata file '{value}' is outside the project: the build reads only the "
                          "project's own files", *place, hint=f"copy it into {manuscript.root.name}/")
                elif not is_regular(file):
                    names = [p.name for p in sorted(file.parent.glob("*.y*ml"))] if is_folder(file.parent) else []
                    error(f"the metadata file '{value}' is not found", *place,
                          hint=suggestion(file.name, names, "give its path from the folder of the file naming it"))
                elif file not in merged and file != manuscript.metadata_file:
                    merged.append(file)
    raise_collected(found)
    if not merged:
        return manuscript
    check_sizes(merged, [], [])
    return replace(manuscript, merged_metadata=tuple(merged),
                   files=tuple(dict.fromkeys([*manuscript.files, *merged])))


# The formats whose frozen results are read, the web's first (its figures are PNGs)
FROZEN_FORMATS = ("html", "pdf", "latex", "docx", "typst")


def with_frozen_results(manuscript: Manuscript) -> Manuscript:
    """The manuscript with the results Quarto froze for its sources (``freeze: true``:
    ``_freeze/<file>/execute-results/html.json`` beside ``_quarto.yml``, committed with
    the project), which ``frozen_text`` reads in place of the cells this build cannot run."""
    from dataclasses import replace

    project = manuscript.metadata_file.parent if manuscript.metadata_file is not None and \
        manuscript.metadata_file.name.startswith("_quarto.") else None
    frozen = []
    for source in manuscript.text_files:
        home = project or source.parent
        if not source.is_relative_to(home):
            continue
        folder = home / "_freeze" / source.relative_to(home).with_suffix("") / "execute-results"
        found = next((folder / f"{name}.json" for name in FROZEN_FORMATS if (folder / f"{name}.json").is_file()), None)
        if found is not None and inside(found, manuscript.root):
            frozen.append((source, found))
    if not frozen:
        return manuscript
    check_sizes([results for _, results in frozen], [], [])
    return replace(manuscript, frozen=tuple(frozen),
                   files=tuple(dict.fromkeys([*manuscript.files, *(results for _, results in frozen)])))


def variables_of(path: Path, text: str):
    """The values of Quarto's ``_variables.yml`` as metadata (a map; an empty one, with the
    file's mistake named at its line, when it is no YAML map)."""
    import panflute as pf
    import yaml
    from panflute.elements import builtin2meta

    from core.metadatafile import load_yaml, yaml_mistake

    try:
        values = load_yaml(text)
    except yaml.MarkedYAMLError as failure:
        message, line = yaml_mistake(failure)
        error(message, display_path(path), line + 1 if line is not None else None,
              hint="check the indentation and the quotes near this line")
        return pf.MetaMap()
    except (yaml.YAMLError, RecursionError):
        error("not YAML that can be read", display_path(path), hint="write `name: value` lines")
        return pf.MetaMap()
    if not isinstance(values, dict):
        error("Quarto's variables are a map: `name: value` lines", display_path(path), 1)
        return pf.MetaMap()
    return builtin2meta({str(key): as_variable(value) for key, value in values.items()})


def as_variable(value):
    """A variable's YAML value as metadata takes it: text, lists and maps of text (an empty
    value is empty text; a date, bytes, a set are written as text).

    >>> as_variable(None), as_variable({"a": [1, True]}), as_variable({1, 2}) in ("1, 2", "2, 1")
    ('', {'a': ['1', True]}, True)
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, dict):
        return {str(key): as_variable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_variable(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return ", ".join(sorted(str(item) for item in value))
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def with_variables(manuscript: Manuscript) -> Manuscript:
    """The manuscript with Quarto's ``_variables.yml`` (beside ``_quarto.yml``, else beside
    the paper), whose values ``{{< var key >}}`` puts in the text (``filters.syntax``)."""
    from dataclasses import replace

    home = manuscript.metadata_file.parent if manuscript.metadata_file is not None and \
        manuscript.metadata_file.name.startswith("_quarto.") else manuscript.source_folder
    found = next((home / name for name in ("_variables.yml", "_variables.yaml")
                  if is_regular(home / name) and inside(home / name, manuscript.root)), None)
    if found is None:
        return manuscript
    check_sizes([found], [], [])
    return replace(manuscript, variables=found, files=tuple(dict.fromkeys([*manuscript.files, found])))


def frozen_text(source: Path, results: Path, text: str) -> str | None:
    """The source's text with its cells' results as Quarto froze them: the front matter
    as written, then the body Quarto made by running the cells (their figures read from
    ``_freeze/<file>/figure-html/``). None, with a warning, when the results are of an
    older version of the source (Quarto's hash: the MD5 of the file)."""
    import hashlib

    from core.sourcetext import YAML_BLOCK

    try:
        frozen = json.loads(read_input(results, "text"))
        markdown, digest = frozen["result"]["markdown"], frozen["hash"]
    except (ValueError, KeyError, TypeError, RecursionError, BuildError):
        warn("Quarto's frozen results cannot be read: the cells are shown as code", display_path(results),
             hint="render the project again with Quarto (quarto render), or delete the file")
        return None
    if not isinstance(markdown, str) or digest != hashlib.md5(source.read_bytes()).hexdigest():
        warn(f"Quarto's frozen results ({display_path(results)}) are of an older version of this file: its cells "
             "are shown as code, not their results", display_path(source),
             hint="render it again with Quarto (quarto render) to freeze its results anew")
        return None
    stem = source.stem
    front = YAML_BLOCK.match(text) if text.startswith("---") else None
    try:
        markdown.encode("utf-8")
    except UnicodeEncodeError:  # half of a UTF-16 pair, written as an escape: no text holds it
        warn("Quarto's frozen results hold half of a UTF-16 pair (an escape such as \\ud800), which no text can "
             "hold: the cells are shown as code", display_path(results),
             hint="render the project again with Quarto (quarto render), or delete the file")
        return None
    figures = Path(os.path.relpath(results.parent.parent, source.parent)).as_posix()
    # (a function: the folder's name, a backslash in it too, is text, not a replacement's escapes)
    body = re.sub(rf"(?<![\w/.-]){re.escape(stem)}_files/figure-([\w-]+)/",
                  lambda found: f"{figures}/figure-{found.group(1)}/", markdown)
    return (text[:front.end()] + "\n\n" if front else "") + body


def pasted(manuscript: Manuscript, texts: dict[Path, str], path: Path) -> str:
    """The text of ``path`` (as checked, in ``texts``) with each file it includes pasted
    where its shortcode stands; the whole within the text limit (a file included a
    thousand times is a thousand copies)."""
    from core.sourcetext import include_lines, spliced

    named = {(including, target): file for including, target, file in manuscript.includes}
    size: dict[Path, int] = {}

    def length(file: Path) -> int:  # the pasted text's length, counted before it is made
        if file not in size:
            size[file] = len(texts[file]) + sum(length(named[file, target]) for _, target, _ in
                                                include_lines(texts[file]) if (file, target) in named)
            if size[file] > limit("text"):
                raise too_large("text", file, size[file])
        return size[file]

    def text_of(file: Path) -> str:
        return spliced(texts[file], [(line, lines, text_of(named[file, target])) for line, target, lines in
                                     include_lines(texts[file]) if (file, target) in named])

    length(path)
    return text_of(path)


def quarto_article(root: Path) -> Path | None:
    """The article a Quarto manuscript project names (``_quarto.yml``: ``manuscript:
    {article: paper.qmd}``), when it lies in ``root``; None for any other folder."""
    project = next((p for p in (root / "_quarto.yml", root / "_quarto.yaml") if p.is_file()), None)
    if project is None:
        return None
    import yaml

    from core.metadatafile import load_yaml

    try:
        settings = load_yaml(read_input(project, "text").decode("utf-8", "replace"))
    except (yaml.YAMLError, ValueError, RecursionError, BuildError):
        return None  # the build reads it again, and names its mistake
    named = (settings.get("manuscript") or {}).get("article") if isinstance(settings, dict) and isinstance(
        settings.get("manuscript"), dict) else None
    article = root / named if isinstance(named, str) else None
    return article if article is not None and article.is_file() and inside(article, root) else None


def front_matter_of(path: Path) -> bool:
    """Whether a Markdown file opens with a YAML block (a paper's front matter)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as text:
            return text.readline().rstrip() == "---"
    except OSError:
        return False


def metadata_in(folder: Path) -> Path:
    """The folder's metadata file: ``metadata.yaml``, or ``metadata.yml`` (YAML's other
    ending: a thesis template's) when only that one is there."""
    written = folder / "metadata.yaml"
    other = folder / "metadata.yml"
    return other if not (written.exists() or written.is_symlink()) and (other.exists() or other.is_symlink()) \
        else written


def folder_layout(root: Path) -> Manuscript:
    folder = root / "manuscript"
    sources = tuple(chapter_files(folder))
    if not sources:
        raise BuildError("no manuscript found", display_path(folder),
                         hint="put the article's sections in manuscript/*.md")
    metadata = metadata_in(folder)
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
    # resources stage refuses it, at its line, if the text uses it. (The folder is resolved
    # once: a journal finds the manuscript of every article on every build.)
    own = (project / "manuscript").resolve()
    files = tuple(sorted(p for p in folder.rglob("*") if not p.name.startswith(".") and p.is_file()
                         and p.resolve().is_relative_to(own)))
    texts = [path for path in (*sources, metadata, folder / CHRONOLOGY_FILE) if path.exists() or path.is_symlink()]
    check_sizes(texts, bibliography, [path for path in files if path not in texts])
    return Manuscript(root, sources, metadata_file, bibliography, files)


def read_by_name(source_folder: Path, sources) -> tuple[Path, ...]:
    """The files a manuscript reads by name: its sources, the chronology's corrections."""
    corrections = source_folder / CHRONOLOGY_FILE
    return (*sources, *([corrections] if corrections.is_file() else []))


def single_file(root: Path, path: Path) -> Manuscript:
    """One Markdown file with its front matter (a JOSS ``paper.md``, a Quarto ``.qmd``):
    what it names lies in ``root``; the figures and bibliography it reads are added to
    the cache's inputs as the build finds them."""
    if not path.is_file():
        raise BuildError("no such manuscript file", display_path(path),
                         hint=suggestion(path.name, [p.name for p in markdown_files(path.parent)]
                                         if path.parent.is_dir() else [], "name the paper's Markdown file"))
    # A Quarto project's metadata (its authors, its bibliography) is in _quarto.yml beside
    # the paper, a MyST project's in myst.yml: read under the front matter, as they read it
    from core.myst import PROJECT_FILES

    project = next((p for p in (path.parent / "_quarto.yml", path.parent / "_quarto.yaml",
                                *(path.parent / name for name in PROJECT_FILES)) if p.is_file()), None)
    with collecting() as found:
        for checked in (path, *([project] if project else [])):
            check_inside(checked, root)
    raise_collected(found)
    files = (*read_by_name(path.parent, (path,)), *([project] if project else []))
    check_sizes(list(files), [], [])  # regular files within the text limit, before any is read
    return Manuscript(root, (path,), project, (), files, root, "file")


def sections(root: Path, folder: Path, layout: str) -> Manuscript:
    """A folder of Markdown files read in name order, with its ``metadata.yaml`` (a
    thesis's chapters; Manubot's ``content/``)."""
    sources = tuple(chapter_files(folder))
    if not sources:
        raise BuildError("no Markdown files in the folder", display_path(folder),
                         hint="name the paper's Markdown file, or a folder of its sections")
    metadata = metadata_in(folder)
    with collecting() as found:
        for path in (*sources, metadata):
            if path.exists() or path.is_symlink():
                check_inside(path, root)
    raise_collected(found)
    files = read_by_name(folder, sources)
    check_sizes([*files, *([metadata] if metadata.exists() else [])], [], [])
    return Manuscript(root, sources, metadata if metadata.is_file() else None, (), files, root, layout)


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


# Each file's text as last read, with its version (inode, time, size): the includes' and the
# metadata files' readers and the checks ask for the same sources in one build, read once.
_READ: dict[str, tuple[tuple, str]] = {}


def check_text(path: Path) -> str:
    """The file's text, its lines ended as pandoc ends them (a Windows editor's CRLF is a
    line's end: a knitr chunk's header "```{r}\\r" was not read as one, and printed); a
    file that is not UTF-8 is an error naming the byte offset."""
    try:
        status = os.stat(path)
        version = (status.st_ino, status.st_mtime_ns, status.st_size)
    except OSError:
        version = None
    if version is not None and _READ.get(str(path), (None,))[0] == version:
        return _READ[str(path)][1]
    data = read_input(path, "text")  # a folder named like a section is an error naming it
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BuildError(f"not valid UTF-8 at byte offset {error.start}", display_path(path),
                         hint="save the file as UTF-8") from None
    text = text.replace("\r\n", "\n")
    if version is not None:
        _READ[str(path)] = (version, text)
    return text


def check_sources(manuscript: Manuscript) -> dict[Path, str]:
    """Every source, the metadata file and the chronology's corrections: UTF-8
    (pandoc would read a Latin-1 file with only a warning), and what
    ``core.sourcetext`` checks. Records the errors; returns the texts as checked."""
    from core.inputs import limit
    from core.myst import (
        PROJECT_FILES,
        is_myst,
        labels_of,
        myst_read,
        project_metadata,
        with_code,
    )
    from core.sourcetext import (
        DATE_LINE,
        R_TODAY,
        bookdown_references,
        cell_default,
        control_spaces_in_environments,
        cut_words,
        executable_cells,
        inline_expressions,
        markdown_problems,
        overfull_rows,
        picture_cells,
        repeated_columns,
        repeated_text,
        template_tags,
        text_references,
        unread_fences,
        verbatim_as_code,
        xnos_references,
        yaml_problems,
    )

    files = [(path, markdown_problems) for path in manuscript.text_files]
    corrections = manuscript.source_folder / CHRONOLOGY_FILE
    for path in (manuscript.metadata_file, *manuscript.merged_metadata, manuscript.variables,
                 corrections if corrections.is_file() else None):
        if path:
            files.append((path, yaml_problems))
    texts = {}
    frozen = dict(manuscript.frozen)
    for path, problems in files:
        try:
            texts[path] = check_text(path)
        except BuildError as failure:
            record(failure)
            continue
        for line, message, hint in problems(texts[path]):
            error(message, display_path(path), line, hint)
        made = frozen_text(path, frozen[path], texts[path]) if path in frozen else None
        if made is not None:  # the results of its cells, as Quarto froze them: read in their place
            for _, message, hint in problems(made):
                error(message, display_path(frozen[path]), None, hint)
            texts[path] = made
    if manuscript.metadata_file in texts and manuscript.metadata_file.name in PROJECT_FILES:
        # a MyST project's: its project's keys, as this build's own (core.myst)
        folder = manuscript.metadata_file.parent
        texts[manuscript.metadata_file], notes = project_metadata(texts[manuscript.metadata_file], [
            path.name for path in sorted(folder.glob("*.bib")) if inside(path, manuscript.root) and is_regular(path)])
        for line, message, hint in notes:
            warn(message, display_path(manuscript.metadata_file), line, hint=hint)
    sources = [path for path in manuscript.text_files if path in texts]
    for path in sources:  # a template language's tags (Jekyll's, Manubot's), which pandoc prints as text
        tags = template_tags(texts[path])
        if tags:
            line, tag = tags[0]
            more = f", and {len(tags) - 1} more in this file" if len(tags) > 1 else ""
            warn(f"'{tag[:60]}' is a template tag (Jekyll's Liquid, Manubot's Jinja){more}: every edition prints "
                 "them as text", display_path(path), line,
                 hint="write what they make in Markdown (a figure: ![caption](file)), or delete them")
    for path in sources:  # what pandoc's reader cuts: a word across a simple table's column edge
        for line, word in cut_words(texts[path])[:30]:
            warn(f"'{word[:40]}' crosses a column's edge in this table row: every edition shows it cut in two "
                 "cells", display_path(path), line, hint="align the row under the dashes of the table's columns")
    for path in sources:  # what pandoc's reader drops: a pipe table's cells past its header's
        for line, cells, header in overfull_rows(texts[path]):
            lost = cells - header
            warn(f"this table row has {cells} cells and the table's header {header}: every edition leaves out "
                 f"its last {'cell' if lost == 1 else f'{lost} cells'}", display_path(path), line,
                 hint="add the missing header cells (or join the row's extra cells)")
    # MyST's directives, roles and targets, read as pandoc Markdown (core.myst); a file's
    # references may name what another file labels
    known = {label: typed for path in sources if is_myst(texts[path]) for label, typed in labels_of(texts[path]).items()}
    for path in sources:
        texts[path], notes = myst_read(texts[path], known)
        for line, message, hint in notes:
            warn(message, display_path(path), line, hint=hint)
        # the code each {literalinclude} shows, as a code block of it (its lines the file's, after the notes)
        shown = {target: check_text(file) for including, target, file in manuscript.code_files if including == path}
        if shown:
            texts[path] = with_code(texts[path], shown)
            if len(texts[path]) > limit("text"):  # one file's code pasted at thousands of directives
                record(too_large("text", path, len(texts[path])))
    default = cell_default(metadata_values(manuscript, texts, ("execute", "knitr", "output")), [texts[path] for path in sources])
    for path in sources:  # Quarto's and R Markdown's code cells, read as code; xnos's references
        texts[path], cells = executable_cells(picture_cells(bookdown_references(text_references(xnos_references(
            control_spaces_in_environments(verbatim_as_code(repeated_columns(texts[path]))))))), default)
        for line, language, hidden in cells:
            if hidden == "include":  # knitr and Quarto show nothing of it either
                continue
            warn(f"a code cell ({language}) is shown as its code, not run: what it makes (a figure, a table, "
                 "a value) is in no edition" if not hidden else
                 f"a code cell ({language}) whose code its author hid (echo: false) is left out, not run: what it "
                 "makes (a figure, a table, a value) is in no edition", display_path(path), line,
                 hint="render the cell's output with its tool and include the file" +
                      ("" if hidden else ", or leave it as code"))
        for line, attributes in unread_fences(texts[path]):
            warn(f"pandoc cannot read this code fence's attributes '{attributes[:60]}': it reads no code block "
                 "here, and pairs the fences after it wrongly (text shown as code, code as text)",
                 display_path(path), line, hint='write them as pandoc does: {.python #id key="a value"}')
        lines = texts[path].splitlines()
        for line, language, code in inline_expressions(texts[path]):
            if DATE_LINE.match(lines[line - 1]) and R_TODAY.search(lines[line - 1]):
                continue  # the date is the build's day (filters.dialects.dated)
            warn(f"the inline {language} expression `{code[:40]}` is shown as its code, not run: its value is "
                 "in no edition", display_path(path), line, hint="write the value in the text")
    if manuscript.includes:  # what pandoc will read: each source with its included files pasted in
        sources = pasted_sources(manuscript, texts)
    # What pandoc's reader repeats (a note's text at each reference), over the sources.
    repeated = repeated_text([texts[path] for path in sources], limit("text"))
    if repeated:
        index, line, message, hint = repeated
        error(message, display_path(sources[index]), line, hint)
    return texts


def pasted_sources(manuscript: Manuscript, texts: dict[Path, str]) -> list[Path]:
    """Each source's text with the files it includes pasted in, in ``texts``, checked as a
    source is (nesting, YAML aliases: a file's checks pass on its own what the pasted text
    does not) and within the text limit together; the sources, for the checks that follow.
    A mistake found only in the pasted text is named at the source, with no line."""
    from core.sourcetext import markdown_problems

    sources = [path for path in manuscript.sources if path in texts]
    total = 0
    for source in sources:
        try:
            texts[source] = pasted(manuscript, texts, source)
        except BuildError as failure:
            record(failure)
            continue
        total += len(texts[source])
        if total > limit("text"):
            record(too_large("text", source, total))
            break
        for _, message, hint in markdown_problems(texts[source]):
            error(f"{message}, with the files it includes", display_path(source), None, hint)
    return sources


def metadata_values(manuscript: Manuscript, texts: dict[Path, str], keys: tuple[str, ...]) -> list:
    """What the metadata files and the sources' YAML blocks that name one of ``keys``
    hold, as read (a block that is no YAML, or nests too deep to read, gives nothing:
    the checks and pandoc's reader name its mistake)."""
    import yaml

    from core.metadatafile import load_yaml
    from core.sourcetext import metadata_blocks

    blocks = [texts[path] for path in (manuscript.metadata_file, *manuscript.merged_metadata) if path in texts]
    blocks += [block for path in manuscript.text_files if path in texts for _, block in metadata_blocks(texts[path])]
    from core.sourcetext import yaml_alias

    values = []
    for block in blocks:
        if not any(key in block for key in keys) or yaml_alias(block):  # an alias: refused by the checks
            continue
        try:
            values.append(load_yaml(block))
        except (yaml.YAMLError, ValueError, RecursionError):
            continue
    return values


def check_metadata(manuscript: Manuscript) -> None:
    """Find the mistake in the metadata that pandoc rejected (metadata.yaml, or a
    source's YAML block), and name its line: pandoc's own message gives only the
    position of the whole block."""
    import yaml

    from core.metadatafile import load_yaml, yaml_mistake
    from core.sourcetext import lone_surrogate, metadata_blocks

    texts = [(path, 1, check_text(path), True) for path in
             (*([manuscript.metadata_file] if manuscript.metadata_file else []), *manuscript.merged_metadata)]
    for source in manuscript.text_files:
        texts += [(source, first, block, False) for first, block in metadata_blocks(check_text(source))]
    for path, first, text, whole in texts:
        alone = lone_surrogate(text)
        if alone:  # pandoc refuses it, naming its own copy of the file
            raise BuildError(alone[1], display_path(path), first + alone[0] - 1, hint=alone[2])
        try:
            data = load_yaml(text)
        except yaml.reader.ReaderError as error:  # a character YAML refuses (check_text names most first)
            character = error.character if isinstance(error.character, int) else ord(error.character)
            raise BuildError(f"YAML does not take the character U+{character:04X}", display_path(path),
                             first + text.count("\n", 0, error.position), hint="delete it") from None
        except yaml.MarkedYAMLError as error:
            message, line = yaml_mistake(error)
            raise BuildError(message, display_path(path), first + line if line is not None else None,
                             hint="check the indentation and quoting of this line") from None
        if whole and data is not None and not isinstance(data, dict):
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

    from core.sourcetext import CONTROL, ESCAPED_CONTROL, escape_of

    escaped = ESCAPED_CONTROL.search(output)
    # pandoc's JSON escapes a C0 control, and writes a C1 control or a noncharacter as it is
    written = None if escaped else CONTROL.search(output)
    if escaped or written:
        code = escaped.group()[2:].upper() if escaped else f"{ord(written.group()):04X}"
        what = "noncharacter" if int(code, 16) > 0xFFFD else "control character"
        # the checked texts hold no such character: an escape (YAML's) or an entity (HTML's) wrote it
        for path in [*([metadata_file] if metadata_file else []), *files]:
            found = escape_of(path.read_text(encoding="utf-8"), int(code, 16))
            if found:
                line, shown = found
                raise BuildError(f"{what} U+{code}, written as '{shown}'", display_path(path), line,
                                 hint=f"delete '{shown}': no edition can hold the character")
        raise BuildError(f"a metadata value holds {what} U+{code}, written as an "
                         "escape", display_path(metadata_file) if metadata_file else None,
                         hint="delete the escape (\\0, \\x00, \\e, \\x85, \\uFFFF…): no edition can hold it")

    cells = output.count('{"t":"Align')  # each cell's alignment, and each column's
    if cells > limit("cells"):
        raise too_large("cells", None, cells)
    if not unicodedata.is_normalized("NFC", output):
        output = unicodedata.normalize("NFC", output)
    try:
        return pf.load(io.StringIO(output))
    except RecursionError:
        raise too_deep([*files, *([metadata_file] if metadata_file else [])]) from None
    except TypeError:
        unknown = sorted(set(re.findall(RAW_FORMAT, output)) - RAW_FORMATS)
        if not unknown:
            raise
        sources = pf.Doc(metadata={SOURCE_FILES_KEY: pf.MetaList(*(pf.MetaString(str(f)) for f in files))})
        with collecting() as found:
            for name in unknown:
                close = suggestion(name, sorted(EDITION_FORMATS))
                if close:  # a typo of an edition's format
                    path, line = locate(sources, r"\{=" + re.escape(name) + r"\}")
                    error(f"unknown raw format '{name}'", path, line, hint=close)
                else:  # no edition's: the tex stage leaves it out, as pandoc does, and says so
                    RAW_FORMATS.add(name)
        raise_collected(found)
        return load(output, files, metadata_file)


def too_deep(files=()) -> BuildError:
    """The error for a document that nests deeper than Python can follow (reading,
    filtering or writing it), at the line of ``files`` (the manuscript's sources, its
    metadata and bibliography files) that nests deepest: not a RecursionError traceback."""
    from core.sourcetext import deepest_place

    places = [(path, *deepest_place(Path(path).read_text(encoding="utf-8", errors="replace")))
              for path in files if Path(path).is_file()]
    path, line, _ = max(places, key=lambda place: place[2], default=(None, None, 0))
    return BuildError("the manuscript nests blocks or inlines too deeply for the build",
                      display_path(path) if path else None, line,
                      hint="look for divs, lists, quotes, notes, brackets or emphasis hundreds of levels "
                           "inside one another")


def too_deep_in(root: Path, path: Path | None = None) -> BuildError:
    """``too_deep`` for the manuscript in ``root`` (``path``: its file, when named)."""
    try:
        manuscript = find_manuscript(root, path)
        sources = [*manuscript.text_files, *([manuscript.metadata_file] if manuscript.metadata_file else []),
                   *manuscript.bibliography]
        # and what the metadata may name, or the chronology's corrections (refs.json, chronology.yaml)
        named = [p for p in sorted(manuscript.root.rglob("*"))[:2000]
                 if p.suffix.lower() in (".bib", ".json") or p.name == "chronology.yaml"]
    except BuildError:
        sources, named = [], []
    return too_deep(list(dict.fromkeys([*sources, *named])))


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


# Keys Quarto also reads under one output format (format: {html: {bibliography: …}})
FORMAT_KEYS = ("bibliography", "csl", "lang", "reference-section-title")


def with_format_keys(doc, source) -> None:
    """The document keys Quarto reads under an output format (``format: html:
    bibliography: refs.bib``), as the document's own when it sets none: Quarto gives them
    to that format's render, and every edition here is each format. The HTML format's
    first, then the others in their order; each key keeps its place for messages."""
    import panflute as pf

    formats = doc.metadata.content.dict.get("format")
    if not isinstance(formats, pf.MetaMap):
        return
    names = list(dict.fromkeys(("html", "pdf", *formats.content.dict)))
    for key in FORMAT_KEYS:
        written = next((name for name in names if isinstance(formats.content.dict.get(name), pf.MetaMap)
                        and key in formats.content[name].content.dict), None)
        if written and key not in doc.metadata.content.dict:
            doc.metadata[key] = formats.content[written].content[key]
            prefix = f"format.{written}.{key}"
            for place in [p for p in source.places if p == prefix or p.startswith(prefix + ".")]:
                source.places[key + place[len(prefix):]] = source.places[place]
            for place in [p for p in source.scalars if p == prefix or p.startswith(prefix + ".")]:
                source.scalars[key + place[len(prefix):]] = source.scalars[place]


def lower_case_bibliography(doc, source) -> None:
    """``Bibliography:`` read as ``bibliography``, with a warning, when that is not also set,
    as the metadata stage reads ``Title:`` (``filters.dialects``): the read needs it before
    that stage, and an author's paper lost its references to "names no bibliography"."""
    fields = doc.metadata.content.dict
    written = next((key for key in fields if key != "bibliography" and key.lower() == "bibliography"), None)
    if written is None or "bibliography" in fields:
        return
    fields["bibliography"] = fields.pop(written)
    warn(f"'{written}' is read as 'bibliography'", *source.where(written), hint="metadata keys are lower case")


def without_reserved_classes(doc) -> None:
    """The build's own classes (``core.names.RESERVED_CLASSES``) taken off what the author
    wrote, each class with a warning at its first place: ``[$$x$$]{.equation id="…"}``
    was an equation the PDF wrote the id of as Typst, ``[x]{.datetime}`` a traceback."""
    from filters.elements import body_elements

    taken: dict[str, int] = {}
    for element in body_elements(doc):
        classes = getattr(element, "classes", None)
        if classes and RESERVED_CLASSES.intersection(classes):
            for name in RESERVED_CLASSES.intersection(classes):
                taken[name] = taken.get(name, 0) + 1
            element.classes = [name for name in classes if name not in RESERVED_CLASSES]
    for name, count in sorted(taken.items()):
        more = f" ({count} elements)" if count > 1 else ""
        warn(f"the class '.{name}' is left out{more}: it is the build's own", *locate(doc, rf"\.{re.escape(name)}\b"),
             hint="the build marks what it makes with it: give the element a class of your own")


# LaTeX's and biblatex's naming of the .bib files, written in the text as a LaTeX paper
# does (``\bibliography{refs,more}``, ``\addbibresource{refs.bib}``; a style beside them)
BIBLIOGRAPHY_COMMAND = re.compile(r"\\(?:bibliography|addbibresource|bibliographystyle)\s*(?:\[[^\]]*\])?"
                                  r"\{([^{}]*)\}\s*")


def written_bibliography(doc) -> list[str]:
    r"""The .bib files the text names in LaTeX (``\bibliography{GOMAP-Paper-Used}``, the last
    line of a knitted paper), its commands taken out (a raw piece left empty with them):
    read as the metadata's ``bibliography``, where the metadata names none (the
    reference list is the build's).

    >>> import panflute as pf
    >>> doc = pf.Doc(pf.RawBlock("\\clearpage\n\\bibliographystyle{plain} \\bibliography{a,b.bib}", format="tex"))
    >>> written_bibliography(doc), doc.content[0].text
    (['a.bib', 'b.bib'], '\\clearpage\n')
    """
    import panflute as pf

    from filters.elements import body_elements, position, siblings

    names = []
    for raw in [e for e in body_elements(doc) if isinstance(e, (pf.RawBlock, pf.RawInline))
                and e.format in ("tex", "latex") and BIBLIOGRAPHY_COMMAND.search(e.text)]:
        for match in BIBLIOGRAPHY_COMMAND.finditer(raw.text):
            if not match.group(0).startswith("\\bibliographystyle"):
                names += [name if name.lower().endswith(".bib") else f"{name}.bib"
                          for name in (part.strip() for part in match.group(1).split(",")) if name]
        raw.text = BIBLIOGRAPHY_COMMAND.sub("", raw.text)
        if not raw.text.strip():
            del siblings(raw)[position(raw)]
    return names


def check_document(doc, manuscript: Manuscript, metadata_files: list[str]) -> list[str]:
    """The metadata facts the build relies on before its stages: a slug that is a
    file name, bibliography files inside the project (``filters.metadata`` checks
    the rest). Records the errors; returns the .bib files the document reads."""
    from core.metadatafile import read_source
    from core.sourcetext import control_character

    source = read_source(metadata_files)
    with_format_keys(doc, source)
    lower_case_bibliography(doc, source)
    explicit = doc.get_metadata("slug", default=None)
    if explicit is not None and not re.fullmatch(SLUG, str(explicit)):
        error(f"slug '{explicit}' is not a file name ({SLUG_RULE})", *source.where("slug"),
              hint=f"did you mean '{slug_of_title(str(explicit)) or 'article'}'?")
    listed = doc.get_metadata("bibliography", default=None)
    written = written_bibliography(doc)
    if not listed and not manuscript.bibliography and written:
        listed = written  # resolved as the metadata's, from the text's folder
    if not listed:
        bibliography = list(manuscript.bibliography)
    elif not (isinstance(listed, str) or isinstance(listed, list) and all(isinstance(n, str) for n in listed)):
        error("'bibliography' must name a file, or a list of files", *source.where("bibliography"),
              hint="bibliography: ../bibliography/references.bib")
        bibliography = []
    else:  # named in the metadata, relative to the file that names it
        bibliography = []
        names = [listed] if isinstance(listed, str) else listed
        start = source.folder("bibliography") or manuscript.source_folder
        for index, name in enumerate(names):
            key = "bibliography" if isinstance(listed, str) else f"bibliography.{index}"
            # named in the text: its line there; else its key's in the metadata
            place = locate(doc, r"\\(?:bibliography|addbibresource)\b[^\n]*" + re.escape(Path(name).stem)) \
                if listed is written else source.where(key)
            path = (start / str(name)).resolve()
            if path.is_dir():
                error(f"bibliography '{name}' is a folder", *place,
                      hint=f"name the file in it, e.g. {name.rstrip('/')}/references.bib")
            elif inside(path, manuscript.root) and not path.exists():
                known = [os.path.relpath(p, start) for p in sorted(manuscript.root.rglob("*"))[:2000]
                         if p.suffix.lower() in (".bib", ".json", ".yaml", ".yml") and p.is_file()]
                error(f"bibliography file '{name}' not found", *place,
                      hint=suggestion(str(name), known, f"paths are relative to {display_path(start)}/"))
            elif inside(path, manuscript.root):
                bibliography.append(path)
            else:
                error(f"bibliography '{name}' lies outside the project folder", *place,
                      hint="put the .bib in bibliography/ and name it from manuscript/, as ../bibliography/NAME.bib"
                      if manuscript.layout == "folder" else
                      f"keep it in {display_path(manuscript.root)}/, or build with --root a folder that holds it")
    # a bibliography named but not read is its own error: the citations stage says no more of it
    doc.bibliography_refused = bool(listed) and len(bibliography) < (len(listed) if isinstance(listed, list) else 1)
    # pandoc's `references:` (CSL YAML in the metadata): the file that writes them is read as a
    # bibliography of its own (filters.bibliography), with its lines for the messages
    if doc.get_metadata("references", default=None):
        holder = source.where("references")[0]
        if holder and Path(holder).resolve() not in bibliography:
            bibliography.append(Path(holder).resolve())
        del doc.metadata["references"]  # read from its file, as every bibliography is
    try:
        check_sizes([], bibliography, [])
    except BuildError as failure:
        record(failure)
        return []
    for path in bibliography:  # a stray control in a reference manager's export (an abstract's "ﬁ")
        problem = control_character(read_input(path, "bib").decode("utf-8", "replace"))
        if problem:
            warn(f"{problem[1]} is left out, with any other in the file: no edition can hold it",
                 display_path(path), problem[0], hint="delete it, or write the character meant")
    return [str(path) for path in bibliography]


def read(manuscript: Manuscript, while_reading=None):
    """One pandoc run over all sources → the document, with the bibliography and
    the source files recorded in its metadata for the filters. ``while_reading``
    runs while pandoc parses (the build imports the filters then). The texts'
    mistakes are reported together, before pandoc runs; the metadata's that the
    build checks here, with the stages' (``reported``)."""
    with collecting() as found:
        texts = check_sources(manuscript)
    raise_collected(found)
    # pandoc reads the texts as they were checked, copied into a sandbox: nothing else.
    with Sandbox() as sandbox:
        r_markdown = any(source.suffix.lower() == ".rmd" for source in manuscript.text_files)
        args = ["--from", reader_format(manuscript, texts, r_markdown), "--to", "json"]
        if manuscript.metadata_file:
            copy = sandbox.put("metadata.yaml", texts[manuscript.metadata_file].encode("utf-8"))
            args += ["--metadata-file", str(copy)]
        for number, merged in enumerate(manuscript.merged_metadata):  # pandoc: a later file's values win
            copy = sandbox.put(f"metadata-{number:02d}-{merged.name}", texts[merged].encode("utf-8"))
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
            check_metadata(manuscript)
            raise
    from core.sourcetext import metadata_blocks

    # the files that hold metadata: metadata.yaml, and the sources with a YAML block (a front matter)
    holding = [*([manuscript.metadata_file] if manuscript.metadata_file else []), *manuscript.merged_metadata]
    holding += [path for path in manuscript.text_files if next(metadata_blocks(texts[path]), None)]
    doc = load(output, list(manuscript.text_files), manuscript.metadata_file)
    # The build's own keys say what it read (the cache hashes the files they name): an
    # author's value for one is never taken.
    claimed = [key for key in sorted(BUILD_KEYS - {"bibliography"}) if key in doc.metadata.content.dict]
    for key in claimed:
        del doc.metadata.content.dict[key]
    doc.metadata[SOURCE_FILES_KEY] = pf.MetaList(*(pf.MetaString(str(s)) for s in manuscript.text_files))
    metadata_files = [str(path) for path in holding]
    if metadata_files:
        doc.metadata[METADATA_FILE_KEY] = pf.MetaList(*map(pf.MetaString, metadata_files))
    from core.metadatafile import metadata_line

    for key in claimed:
        warn(f"'{key}' is left out: it is the build's own key", *metadata_line(doc, key),
             hint="the build writes it itself, from what it reads")
    without_reserved_classes(doc)
    if manuscript.variables in texts:
        doc.metadata[VARIABLES_KEY] = variables_of(manuscript.variables, texts[manuscript.variables])
    doc.metadata[PROJECT_KEY] = pf.MetaString(str(manuscript.home.resolve()))
    doc.metadata[ROOT_KEY] = pf.MetaString(str(manuscript.root.resolve()))
    doc.metadata[LAYOUT_KEY] = pf.MetaString(manuscript.layout)
    with collecting() as found:
        bibliography = check_document(doc, manuscript, metadata_files)
    # Reported with the stages' own (``reported``): a bibliography not found and a date
    # that is no date are named in one build.
    doc.read_problems = found
    doc.metadata["bibliography"] = pf.MetaList(*map(pf.MetaString, bibliography))
    return doc


def reported(doc) -> None:
    """Record the problems ``read`` found in the metadata, inside the stages' ``collecting``."""
    for problem in getattr(doc, "read_problems", []):
        error(problem.message, problem.path, problem.line, problem.hint)
