"""The metadata as written: the file and line of every key and the text of every
scalar, for messages that name the line and for identifiers read as typed (pandoc
reads values as Markdown: ``--`` would become –).

Metadata comes from ``metadata.yaml`` and from the YAML blocks of the Markdown
sources (a paper's front matter): a block's lines are lines of its Markdown file.
As in pandoc, a value set in a document's block wins over the metadata file's,
and a later block's over an earlier one's.

>>> read_source(None).where("journal.issn")
(None, None)
>>> import tempfile, pathlib
>>> paper = pathlib.Path(tempfile.mkdtemp()) / "paper.md"
>>> _ = paper.write_text("---\\ntitle: T\\ndate: 4 June 2020\\n---\\n\\nText.\\n")
>>> source = read_source([str(paper)])
>>> source.where("date")[1], source.scalars["date"]
(3, '4 June 2020')
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from core.diagnostics import display_path
from core.names import LAYOUT_KEY, METADATA_FILE_KEY, SOURCE_FILES_KEY

YAML_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class Source:
    """Where each dotted key is written ((file, line)) and each scalar's text as written.
    ``path``: the file where a missing key belongs (the first that holds metadata)."""
    path: str | None = None
    places: dict[str, tuple[str, int]] = field(default_factory=dict)
    scalars: dict[str, str] = field(default_factory=dict)

    def where(self, path: str) -> tuple[str | None, int | None]:
        """(file, line) of a dotted key, or of the key Quarto reads it from under an output
        format (``format.pdf.csl``), or of the nearest key above it; (the first metadata
        file, None) when none is written."""
        written = path
        while path:
            if path in self.places:
                return self.places[path]
            path = path.rpartition(".")[0]
        # not written, nor anything above it: looked for under a format only then (a scan)
        return next((place for key, place in self.places.items()
                     if key.startswith("format.") and key.split(".", 2)[2:] == [written]), (self.path, None))

    def line(self, path: str) -> int | None:
        return self.where(path)[1]

    def folder(self, key: str) -> Path | None:
        """The folder of the file that writes ``key``: paths it names start there."""
        written = self.places.get(key) or self.places.get(key.split(".")[0])
        return Path(written[0]).resolve().parent if written else None

    def add(self, other: "Source") -> None:
        """``other``'s keys over these: a top-level key it sets replaces all of ours."""
        tops = {key.split(".")[0] for key in other.places}  # each key looked at once: linear in both
        for mapping in (self.places, self.scalars):
            for key in [k for k in mapping if k.split(".")[0] in tops]:
                del mapping[key]
        self.places.update(other.places)
        self.scalars.update(other.scalars)
        self.path = self.path or other.path


def read_source(names) -> Source:
    """The metadata's places and scalars, from the files that hold it in pandoc's
    order (``metadata.yaml`` first, then the sources' blocks); each file composed
    once per version of it."""
    names = [names] if isinstance(names, str) else list(names or [])
    source = Source()
    for name in names:
        path = Path(name)
        if path.is_file():
            status = path.stat()
            source.add(composed(str(name), status.st_mtime_ns, status.st_size))
        elif source.path is None:
            source.path = display_path(name)
    return source


@lru_cache(maxsize=32)
def composed(name: str, mtime_ns: int, size: int) -> Source:
    """One file's metadata: a YAML file whole, a Markdown file's YAML blocks."""
    from core.sourcetext import metadata_blocks

    source = Source(display_path(name))
    try:
        text = Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return source
    blocks = [(1, text)] if Path(name).suffix.lower() in YAML_SUFFIXES else list(metadata_blocks(text))
    for first_line, block in blocks:
        source.add(compose_block(block, source.path, first_line))
    return source


def compose_block(text: str, path: str, first_line: int) -> Source:
    """A YAML text's keys, their lines counted from ``first_line``; nothing for a text
    that is not a YAML mapping (pandoc does not read it as metadata either)."""
    import yaml

    source = Source(path)
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return source  # pandoc read it: an odd file still has its values, without lines
    if not isinstance(node, yaml.MappingNode):
        return source

    def visit(node, key: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for name, value in node.value:
                child = f"{key}.{name.value}" if key else str(name.value)
                source.places[child] = (path, first_line + name.start_mark.line)
                visit(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                child = f"{key}.{index}"
                source.places[child] = (path, first_line + value.start_mark.line)
                visit(value, child)
        elif isinstance(node, yaml.ScalarNode):
            source.scalars[key] = node.value

    visit(node, "")
    return source


def metadata_files(doc) -> list[str]:
    """The files that hold the document's metadata, in pandoc's order."""
    value = doc.get_metadata(METADATA_FILE_KEY, default=None) if doc else None
    return [value] if isinstance(value, str) else list(value or [])


def metadata_fix(doc, path: str | None, line: str) -> tuple[str | None, str]:
    r"""Where an author writes the metadata ``line`` (``title: …``), and how a hint says
    it: the file that holds the metadata (``path``); else, for a paper in one file
    without a front matter, that file, to begin with one; else the folder's
    ``metadata.yaml``.

    >>> doc = type("Doc", (), {"get_metadata": lambda self, key, default=None:
    ...     {"press-layout": "file", "source-files": ["/p/input.md"]}.get(key, default)})()
    >>> metadata_fix(doc, None, "title: …")
    ('/p/input.md', 'begin /p/input.md with a front matter: ---, title: …, --- (three lines)')
    >>> metadata_fix(doc, "paper.md", "title: …")[1]
    'add `title: …` to the front matter of paper.md'
    """
    if path:
        return path, f"add `{line}` to {'' if path.endswith(YAML_SUFFIXES) else 'the front matter of '}{path}"
    sources = doc.get_metadata(SOURCE_FILES_KEY, default=[]) if doc else []
    if not sources:
        return None, f"add `{line}` to the metadata"
    first = display_path(sources[0])
    if doc.get_metadata(LAYOUT_KEY, default=None) == "file":
        return first, f"begin {first} with a front matter: ---, {line}, --- (three lines)"
    folder = display_path(str(Path(sources[0]).parent / "metadata.yaml"))
    return None, f"add `{line}` to {folder}"


def metadata_line(doc, key: str) -> tuple[str | None, int | None]:
    """Where the metadata sets a dotted key (``journal.issn``, ``bibliography.1``), for
    a message: (file, line); the first metadata file alone when the key is not written."""
    return read_source(metadata_files(doc)).where(key)


def load_yaml(text: str):
    """YAML as the build reads its files: every scalar pandoc would read as text stays
    text. PyYAML's safe loader turns ``2024-06-30`` into a date, and a date that is
    none (``2026-13-45``) into a ValueError, not a mistake at its line.

    >>> load_yaml("{date: 2026-13-45, volume: 3}")
    {'date': '2026-13-45', 'volume': 3}
    """
    import yaml

    return yaml.load(text, Loader=_text_dates_loader())


def yaml_mistake(error) -> tuple[str, int | None]:
    r"""A YAML syntax error (``yaml.MarkedYAMLError``) as the message and the line (from 0)
    it names: a quote or bracket never closed ("unexpected end of stream", past the last
    line) is named where it opens.

    >>> import yaml
    >>> try:
    ...     load_yaml('a: 1\nb: "open\nc: 3\n')
    ... except yaml.MarkedYAMLError as error:
    ...     yaml_mistake(error)
    ('YAML syntax error: found unexpected end of stream (while scanning a quoted scalar)', 1)
    """
    mark = error.problem_mark or error.context_mark
    if error.context_mark and "end of stream" in str(error.problem):
        mark = error.context_mark
    message = f"YAML syntax error: {error.problem or error}" + (
        f" ({error.context})" if mark is error.context_mark and error.context else "")
    return message, mark.line if mark else None


@lru_cache(maxsize=1)
def _text_dates_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    return Loader
