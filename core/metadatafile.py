"""``metadata.yaml`` as written: the line of every key and the text of every scalar,
for messages that name the line and for identifiers read as typed (pandoc reads
values as Markdown: ``--`` would become –).

>>> read_source(None).line("journal.issn") is None
True
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from core.diagnostics import display_path
from core.names import METADATA_FILE_KEY


@dataclass
class Source:
    """metadata.yaml as composed by PyYAML: the line of every key and the text of
    every scalar as written (pandoc reads values as Markdown: `--` would become –)."""
    path: str | None = None
    lines: dict[str, int] = field(default_factory=dict)
    scalars: dict[str, str] = field(default_factory=dict)

    def line(self, path: str) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path.rpartition(".")[0]
        return None


def read_source(name: str | None) -> Source:
    """metadata.yaml's lines and scalars, composed once per version of the file (the
    metadata stage and the editions that name missing fields read it)."""
    if not name or not Path(name).is_file():
        return Source(display_path(name) if name else None)
    status = Path(name).stat()
    return composed(name, status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=8)
def composed(name: str, mtime_ns: int, size: int) -> Source:
    import yaml

    source = Source(display_path(name))
    try:
        node = yaml.compose(Path(name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return source  # pandoc read it: an odd file still has its values, without lines

    def visit(node, path: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = f"{path}.{key.value}" if path else str(key.value)
                source.lines[child] = key.start_mark.line + 1
                visit(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                child = f"{path}.{index}"
                source.lines[child] = value.start_mark.line + 1
                visit(value, child)
        elif isinstance(node, yaml.ScalarNode):
            source.scalars[path] = node.value

    if node is not None:
        visit(node, "")
    return source


def metadata_line(doc, key: str) -> tuple[str | None, int | None]:
    """Where metadata.yaml sets a dotted key (``journal.issn``, ``bibliography.1``), for
    a message: (file, line); the file alone when the key is not written there."""
    source = read_source(doc.get_metadata(METADATA_FILE_KEY, default=None) if doc else None)
    return source.path, source.line(key)
