"""Render a document into one edition's markup: its body and every metadata field.

Pandoc renders both in one run, so a title or a bibliography field reaches the
jinja2 templates already in the edition's own markup (HTML-escaped for HTML,
Typst-escaped for Typst): ``&``, ``#`` or ``<`` in a title can neither break
nor inject anything. The trick is a pandoc template that prints each field
after a marker line; ``render`` splits the output at the markers.

>>> flatten({"a": {"b": [1, 2]}})
[('a.b.0', 1), ('a.b.1', 2)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import panflute as pf

from core.names import FIELDS_KEY, INTERNAL_KEYS, REFERENCE_LIST_KEY
from core.templatepath import TemplatePath, template_path
from core.tools import run_pandoc

# pandoc's template: every field after a marker line (found through the search path).
FIELDS_TEMPLATE = "pandoc/fields.txt"
# Code's colours: pandoc's "pygments" theme, each colour darkened until it reads at
# WCAG AA contrast (4.8:1) on the code blocks' background (#f6f6f8); pygments' own
# comments are 2.7:1. The editions pandoc highlights (HTML, EPUB, LaTeX) use it; Typst
# highlights code itself.
HIGHLIGHT_THEME = "pandoc/highlight.theme"
MARKER = re.compile(r"^⟦press:([^⟧]*)⟧$", re.M)
PLAIN_ONLY = (f"{REFERENCE_LIST_KEY}.",)


@dataclass
class Rendered:
    body: str
    toc: str
    meta: dict      # the metadata, nested as written, each leaf in the edition's markup
    plain: dict     # the same, as plain text (for <title>, PDF metadata, JSON-LD)
    highlighting: str = ""  # the code highlighter's CSS (HTML) or macros (LaTeX), if code is shown


def flatten(value, path: str = "") -> list[tuple[str, object]]:
    """Leaves of nested dicts and lists, with dotted paths."""
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return [(path, value)]
    return [leaf for key, child in items
            for leaf in flatten(child, f"{path}.{key}" if path else str(key))]


def unflatten(pairs: dict[str, str]) -> dict:
    """Inverse of ``flatten``; numeric path parts become list positions."""
    root: dict = {}
    for path, value in pairs.items():
        node = root
        parts = path.split(".")
        for part, following in zip(parts, parts[1:]):
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return _lists(root)


def _lists(node):
    if not isinstance(node, dict):
        return node
    if node and all(key.isdigit() for key in node):
        return [_lists(node[key]) for key in sorted(node, key=int)]
    return {key: _lists(value) for key, value in node.items()}


def meta_leaves(meta, path: str = ""):
    """(path, MetaValue) for each text leaf of the document's metadata."""
    if isinstance(meta, (pf.MetaMap, dict)):
        items = meta.content.dict.items() if isinstance(meta, pf.MetaMap) else meta.items()
        for key, child in items:
            if not path and key in INTERNAL_KEYS:
                continue
            yield from meta_leaves(child, f"{path}.{key}" if path else key)
    elif isinstance(meta, pf.MetaList):
        for index, child in enumerate(meta.content):
            yield from meta_leaves(child, f"{path}.{index}")
    elif isinstance(meta, pf.MetaString):
        yield path, pf.MetaInlines(pf.Str(meta.text))
    elif isinstance(meta, pf.MetaBool) and meta.boolean:  # a flag: "true" when set
        yield path, pf.MetaInlines(pf.Str("true"))
    elif isinstance(meta, (pf.MetaInlines, pf.MetaBlocks)):
        yield path, meta


def plain_metadata(doc: pf.Doc, leaves=None) -> dict:
    """The metadata as plain text, nested as written (for <title>, PDF metadata,
    JSON-LD, the EPUB's cover). ``leaves``: ``meta_leaves(doc.metadata)``, if known."""
    leaves = meta_leaves(doc.metadata) if leaves is None else leaves
    return unflatten({path: pf.stringify(value).strip() for path, value in leaves})


def prepare_fields(doc: pf.Doc) -> dict:
    """Record every metadata leaf in ``press-fields`` for the fields template, once,
    and return the metadata as plain text."""
    leaves = list(meta_leaves(doc.metadata))
    # Plain-only data (the reference list, already text) is not rendered in every edition.
    doc.metadata[FIELDS_KEY] = pf.MetaList(*(pf.MetaMap(key=pf.MetaString(path), value=value)
                                                 for path, value in leaves
                                                 if not path.startswith(PLAIN_ONLY)))
    return plain_metadata(doc, leaves)


def highlighting(templates: TemplatePath) -> list[str]:
    """pandoc's arguments for the code's colours (the theme through the search path)."""
    return ["--syntax-highlighting", str(templates.find(HIGHLIGHT_THEME))]


def render(doc_json: str, to: str, extra_args=(), plain: dict | None = None,
           templates: TemplatePath = template_path()) -> Rendered:
    """One pandoc run: the body and metadata of a prepared document in the markup ``to``."""
    # --sandbox: pandoc reads nothing but its input (the document names no file it needs).
    output = run_pandoc(["--from", "json", "--to", to, "--template", str(templates.find(FIELDS_TEMPLATE)),
                         "--sandbox", *extra_args], stdin=doc_json)
    pieces = MARKER.split(output)
    fields = {pieces[i]: pieces[i + 1].strip("\n") for i in range(1, len(pieces) - 1, 2)}
    fields.pop("end", None)
    body = fields.pop("body", "")
    toc = fields.pop("toc", "")
    highlighting = fields.pop("highlighting", "")
    return Rendered(body, toc, unflatten(fields), plain or {}, highlighting)
