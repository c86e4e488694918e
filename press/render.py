"""Render a document into one edition's markup: its body and every metadata field.

A title or a bibliography field reaches the jinja2 templates already in the
edition's own markup (HTML-escaped for HTML, Typst-escaped for Typst): ``&``,
``#`` or ``<`` in a title can neither break nor inject anything. Pandoc renders
them all in one run, through a writer of our own (``render.lua``) that writes
each field with a separate call of pandoc's writer and hands them back as JSON:
there is no in-band channel, no text of the content can be taken for the end of
one field or the start of another, whatever it holds.

>>> nest([(("a", "b", "0"), 1), (("a", "b", "1"), 2), (("c",), 3)])
{'a': {'b': [1, 2]}, 'c': 3}
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import panflute as pf

from core.names import FIELDS_KEY, INTERNAL_KEYS, NOTE_MARK_CLASS, REFERENCE_LIST_KEY
from core.templatepath import TemplatePath
from core.tools import run_pandoc

# pandoc's writer that hands every field over as JSON (code, not a template: not on
# the template search path).
FIELDS_WRITER = Path(__file__).with_name("render.lua")
# Code's colours: pandoc's "pygments" theme, each colour darkened until it reads at
# WCAG AA contrast (4.8:1) on the code blocks' background (#f6f6f8); pygments' own
# comments are 2.7:1. The editions pandoc highlights (HTML, EPUB, LaTeX) use it; Typst
# highlights code itself.
HIGHLIGHT_THEME = "pandoc/highlight.theme"
PLAIN_ONLY = REFERENCE_LIST_KEY
# A code element in pandoc's JSON (as pandoc or Python's json writes it): only then are
# the code's colours looked for.
CODE = re.compile(r'"t":\s*"Code(?:Block)?"')
# A word that opens with a period and a letter (".Then"): after a note, an emphasis or a
# link, which Typst's markup sets as a call, the period must be escaped (render.lua)
PERIOD_WORD = re.compile(r'"t":\s*"Str",\s*"c":\s*"\.[^\W\d]')


@dataclass
class Rendered:
    body: str
    toc: str
    meta: dict      # the metadata, nested as written, each leaf in the edition's markup
    plain: dict     # the same, as plain text (for <title>, PDF metadata, JSON-LD)
    highlighting: str = ""  # the code highlighter's CSS (HTML) or macros (LaTeX), if code is shown


def nest(leaves) -> dict:
    """Leaves ``(path, value)`` as nested dicts; a level whose keys are all digits
    is a list, in their order. A path is a tuple of keys, never a string that a
    key could split."""
    root: dict = {}
    for path, value in leaves:
        node = root
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return _lists(root)


def mapped(node, function):
    """``node`` (nested as ``nest`` makes it) with ``function`` applied to each text leaf.

    >>> mapped({"a": ["x", {"b": "y"}]}, str.upper)
    {'a': ['X', {'b': 'Y'}]}
    """
    if isinstance(node, dict):
        return {key: mapped(value, function) for key, value in node.items()}
    if isinstance(node, list):
        return [mapped(value, function) for value in node]
    return function(node) if isinstance(node, str) else node


def _lists(node):
    if not isinstance(node, dict):
        return node
    if node and all(key.isdecimal() for key in node):
        return [_lists(node[key]) for key in sorted(node, key=int)]
    return {key: _lists(value) for key, value in node.items()}


def meta_leaves(meta, path: tuple[str, ...] = ()):
    """(path, MetaValue) for each text leaf of the document's metadata; a path is
    the tuple of its keys and list positions."""
    if isinstance(meta, (pf.MetaMap, dict)):
        items = meta.content.dict.items() if isinstance(meta, pf.MetaMap) else meta.items()
        for key, child in items:
            if not path and key in INTERNAL_KEYS:
                continue
            yield from meta_leaves(child, (*path, key))
    elif isinstance(meta, pf.MetaList):
        for index, child in enumerate(meta.content):
            yield from meta_leaves(child, (*path, str(index)))
    elif isinstance(meta, pf.MetaString):
        yield path, pf.MetaInlines(pf.Str(meta.text))
    elif isinstance(meta, pf.MetaBool) and meta.boolean:  # a flag: "true" when set
        yield path, pf.MetaInlines(pf.Str("true"))
    elif isinstance(meta, pf.MetaInlines):
        yield path, trimmed(meta)
    elif isinstance(meta, pf.MetaBlocks):
        yield path, meta


# What starts or ends a field without being part of it
EDGES = (pf.LineBreak, pf.SoftBreak, pf.Space)


def trimmed(meta: pf.MetaInlines) -> pf.MetaInlines:
    """A field's inlines without line breaks or spaces at its ends: a template sets it in
    a line of its own markup, and Typst reads "Title \\]" (a trailing line break) as an
    escaped bracket, which stopped the PDF ("unclosed delimiter"; an author's trial).

    >>> trimmed(pf.MetaInlines(pf.Str("Title"), pf.LineBreak())).content.list
    [Str(Title)]
    """
    inlines = list(meta.content)
    while inlines and isinstance(inlines[-1], EDGES):
        inlines.pop()
    while inlines and isinstance(inlines[0], EDGES):
        inlines.pop(0)
    return meta if len(inlines) == len(meta.content) else pf.MetaInlines(*inlines)


def plain_metadata(doc: pf.Doc, leaves=None) -> dict:
    """The metadata as plain text, nested as written (for <title>, PDF metadata,
    JSON-LD, the EPUB's cover). ``leaves``: ``meta_leaves(doc.metadata)``, if known."""
    leaves = meta_leaves(doc.metadata) if leaves is None else leaves
    return nest((path, plain_text(value)) for path, value in leaves)


# Blocks whose text is one piece: a heading's, a paragraph's (panflute's stringify runs a
# heading into the text after it: "Review & SynthesisRunning title" in a page's description).
TEXT_BLOCKS = (pf.Para, pf.Plain, pf.Header, pf.CodeBlock, pf.LineBlock, pf.RawBlock)


def plain_text(value) -> str:
    r"""A metadata value as plain text, each block of it apart, without the marks of the
    notes it held (a description of the abstract read "Pagedown.a Below").

    >>> plain_text(pf.MetaBlocks(pf.Header(pf.Str("Type")), pf.Para(pf.Str("One.")), pf.Para(pf.Str("Two."))))
    'Type\n\nOne.\n\nTwo.'
    >>> plain_text(pf.MetaInlines(pf.Str("One."), pf.Span(pf.Superscript(pf.Str("a")), classes=[NOTE_MARK_CLASS])))
    'One.'
    """
    marks = note_marks(value)
    for mark, _ in marks:
        mark.text = ""
    try:
        if not isinstance(value, pf.MetaBlocks):
            return pf.stringify(value).strip()
        return "\n\n".join(text for text in (piece.strip() for block in value.content
                                              for piece in block_texts(block)) if text)
    finally:
        for mark, letter in marks:
            mark.text = letter


def note_marks(value) -> list:
    """The words of the notes' marks in a metadata value, each with its letter (panflute's
    elements compare by value: a list, not a dict)."""
    found = []

    def collect(element, doc):
        if isinstance(element, pf.Span) and NOTE_MARK_CLASS in element.classes:
            found.extend((word, word.text) for word in element.content[0].content if isinstance(word, pf.Str))

    if isinstance(value, (pf.MetaInlines, pf.MetaBlocks)):
        value.walk(collect)
    return found


def block_texts(block):
    """The texts of a block's text blocks, in order (a list's items, a quotation's paragraphs)."""
    if isinstance(block, TEXT_BLOCKS) or not isinstance(getattr(block, "content", None), pf.ListContainer):
        yield pf.stringify(block)
        return
    for child in block.content:
        yield from block_texts(child)


def prepare_fields(doc: pf.Doc) -> dict:
    """Record every metadata leaf in ``press-fields`` for the fields template, once,
    and return the metadata as plain text."""
    leaves = list(meta_leaves(doc.metadata))
    # Plain-only data (the reference list, already text) is not rendered in every edition.
    doc.metadata[FIELDS_KEY] = pf.MetaList(*(pf.MetaMap(path=pf.MetaList(*map(pf.MetaString, path)),
                                                        value=value)
                                             for path, value in leaves if path[0] != PLAIN_ONLY))
    return plain_metadata(doc, leaves)


def highlighting(templates: TemplatePath) -> list[str]:
    """pandoc's arguments for the code's colours (the theme through the search path)."""
    return ["--syntax-highlighting", str(templates.find(HIGHLIGHT_THEME))]


def render(doc_json: str, to: str, extra_args=(), plain: dict | None = None) -> Rendered:
    """One pandoc run: the body and metadata of a prepared document in the markup ``to``."""
    # pandoc reads nothing but its input (run_pandoc sandboxes it): the document names no file.
    code = ["--variable", "press-code=true"] if CODE.search(doc_json) else []
    if to.startswith("typst") and PERIOD_WORD.search(doc_json):  # rare: the walk costs 70 ms
        code += ["--variable", "press-period=true"]
    output = run_pandoc(["--from", "json", "--to", str(FIELDS_WRITER), "--variable", f"press-to={to}", *code,
                         *extra_args], stdin=doc_json)
    line, _, body = output.partition("\n")  # one line of JSON, then the body (see render.lua)
    head = json.loads(line)
    fields = [(tuple(path), text.strip("\n")) for path, text in head["fields"]]
    return Rendered(body.strip("\n"), head["toc"].strip("\n"), nest(fields), plain or {},
                    head["highlighting"].strip("\n"))
