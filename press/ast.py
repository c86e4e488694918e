"""What one edition changes in the filtered document before pandoc writes it, done
on pandoc's JSON directly, cheaper than panflute's elements for these few, local
changes; an edition with nothing to change (``may_contain``) does not even parse it.

>>> doc = {"blocks": [{"t": "Para", "c": [{"t": "Str", "c": "a"}, {"t": "Space"}]}]}
>>> transform(doc, lambda e: [] if e["t"] == "Space" else None)["blocks"]
[{'t': 'Para', 'c': [{'t': 'Str', 'c': 'a'}]}]
"""
from __future__ import annotations

import re
from typing import Callable

from core import jsontext
from core.kinds import Action, Renderers, dispatch
from core.names import EQUATION_CLASS, EQUATION_NUMBER_CLASS


def transform(value, action: Action):
    """Apply ``action`` to every element, children first: it sees an element whose
    content is already done (a table whose cells are rendered). It returns None to
    keep the element, an element to replace it, or a list of elements to put in its
    place."""
    if isinstance(value, list):
        result = []
        for item in value:
            if isinstance(item, dict) and "t" in item:
                if "c" in item:
                    item["c"] = transform(item["c"], action)
                replaced = action(item)
                if replaced is None:
                    result.append(item)
                elif isinstance(replaced, list):
                    result.extend(replaced)
                else:
                    result.append(replaced)
            else:
                result.append(transform(item, action))
        return result
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, (list, dict)) and key != "meta":
                value[key] = transform(child, action)
    return value


def render_blocks(blocks: list, renderers: Renderers) -> list:
    """The blocks with every element rendered by its kind's renderer (``core.kinds``)."""
    return transform(blocks, dispatch(renderers))


def render_kinds(doc_json: str, renderers: Renderers, parsed: Callable[[], dict] | None = None) -> str:
    """The document as an edition's renderers make it before pandoc writes it; the
    very string given, unparsed, when it holds no kind they change (``may_contain``).
    ``parsed()``: the document parsed, if the caller has it (``Job.document``)."""
    types, marks = renderers.marks()
    if not may_contain(doc_json, types, marks):
        return doc_json
    doc = parsed() if parsed else load(doc_json)
    doc["blocks"] = render_blocks(doc["blocks"], renderers)
    return dump(doc)


def elements(value, kind: str):
    """Every element of type ``kind`` (e.g. "Image") under ``value``, in order."""
    if isinstance(value, list):
        for item in value:
            yield from elements(item, kind)
    elif isinstance(value, dict):
        if value.get("t") == kind:
            yield value
        for key, child in value.items():
            if isinstance(child, (list, dict)) and key != "meta":
                yield from elements(child, kind)


def may_contain(doc_json: str, kinds: tuple[str, ...], marks: tuple[str, ...] = ()) -> bool:
    """Whether the document may hold an element of one of ``kinds`` or one of the
    ``marks`` (text of its JSON, in any case: a class name in quotes, an address's
    ending): a text search, no parsing. A string in the JSON escapes its quotes, so
    a text that reads ``"t": "Table"`` is no false match.

    >>> may_contain(dump({"blocks": [{"t": "Table", "c": []}]}), ("Table",))
    True
    >>> may_contain(dump({"blocks": [{"t": "Str", "c": '"t": "Table"'}]}), ("Table",), ('"equation"',))
    False
    """
    if re.search(r'"t": ?"(?:%s)"' % "|".join(map(re.escape, kinds)), doc_json):
        return True
    lowered = doc_json.lower() if marks else ""
    return any(mark.lower() in lowered for mark in marks)


def load(doc_json: str) -> dict:
    return jsontext.loads(doc_json)


def dump(doc: dict) -> str:
    return jsontext.dumps(doc)


def attributes(element: dict) -> tuple[str, list[str], dict[str, str]]:
    """(id, classes, attributes) of an element that has them."""
    identifier, classes, pairs = element["c"][0]
    return identifier, classes, dict(pairs)


def attributes_list(element: dict) -> list:
    """The attribute pairs of an element, as the list to change in place."""
    return element["c"][1][2] if element["t"] == "Header" else element["c"][0][2]


def content_of(element: dict) -> list:
    """An inline container (a Span) as its content alone: the renderer of a kind an
    edition shows as plain text."""
    return element["c"][1]


def without_links(value):
    """Inlines (pandoc's JSON) with every link in them, however deep, as its words: what
    a link holds where no link may be (JATS allows none in an ``<xref>``).

    >>> link = {"t": "Link", "c": [["", [], []], [{"t": "Str", "c": "x.org"}], ["https://x.org", ""]]}
    >>> without_links([{"t": "Str", "c": "see"}, {"t": "Emph", "c": [link]}])
    [{'t': 'Str', 'c': 'see'}, {'t': 'Emph', 'c': [{'t': 'Str', 'c': 'x.org'}]}]
    """
    if isinstance(value, list):
        unlinked = []
        for item in value:
            if isinstance(item, dict) and item.get("t") == "Link":
                unlinked += without_links(item["c"][1])
            else:
                unlinked.append(without_links(item))
        return unlinked
    if isinstance(value, dict):
        return {key: without_links(child) for key, child in value.items()}
    return value


def stringify(value) -> str:
    """The text of inlines, as pandoc's ``stringify``, for alt texts and captions."""
    if isinstance(value, list):
        return "".join(stringify(item) for item in value)
    if isinstance(value, dict):
        kind = value.get("t")
        if kind == "Str":
            return value["c"]
        if kind in ("Space", "SoftBreak", "LineBreak"):
            return " "
        if kind in ("Code", "Math"):
            return value["c"][1]
        if kind in ("RawInline", "Note"):
            return ""
        if kind == "Image":
            return stringify(value["c"][1])
        if kind in ("Link", "Span", "Cite", "Quoted"):
            return stringify(value["c"][1])
        if "c" in value and isinstance(value["c"], list):
            return stringify(value["c"])
    return ""


def alt_text(image: dict) -> str:
    """An Image's alternative text: its ``alt`` attribute, else its description (the
    caption the resources stage gave it), else its title (``![](m.png "A map")``).

    >>> alt_text({"t": "Image", "c": [["", [], [["alt", "A map"]]], [{"t": "Str", "c": "Map"}], ["m.png", ""]]})
    'A map'
    >>> alt_text({"t": "Image", "c": [["", [], []], [], ["m.png", "fig:The map"]]})
    'The map'
    """
    title = image["c"][2][1].removeprefix("fig:")
    return (attributes(image)[2].get("alt") or stringify(image["c"][1]) or title).strip()


def table_cells(table: dict):
    """Every cell of a Table (head, bodies, foot), each ``[attr, align, rows, columns, blocks]``."""
    _, _, _, head, bodies, foot = table["c"]
    rows = [*head[1], *(row for body in bodies for row in (*body[2], *body[3])), *foot[1]]
    for row in rows:
        yield from row[1]


def meta_inlines(value) -> list:
    """A metadata value as inlines: a block scalar (``title: |``) gives its blocks' inlines.

    >>> meta_inlines({"t": "MetaBlocks", "c": [{"t": "Para", "c": [{"t": "Str", "c": "T"}]}]})
    [{'t': 'Str', 'c': 'T'}]
    """
    if not value:
        return []
    if value["t"] == "MetaInlines":
        return value["c"]
    if value["t"] == "MetaString":
        return [{"t": "Str", "c": value["c"]}]
    if value["t"] == "MetaBlocks":
        inlines = []
        for block in value["c"]:
            if block["t"] in ("Para", "Plain"):
                inlines += ([{"t": "Space"}] if inlines else []) + block["c"]
        return inlines
    return []


def equation_parts(span: dict) -> tuple[str, list[dict], str] | None:
    """A numbered equation's Span (``#eq:x .equation``, from the crossref stage) as
    (its id, its Math elements, its printed number "(1)"); None for any other element."""
    if span.get("t") != "Span" or EQUATION_CLASS not in span["c"][0][1]:
        return None
    inlines = span["c"][1]
    number = "".join(stringify(i["c"][1]) for i in inlines
                     if i["t"] == "Span" and EQUATION_NUMBER_CLASS in i["c"][0][1])
    return span["c"][0][0], [i for i in inlines if i["t"] == "Math"], number


# From this many columns on, a table is set a size smaller (in the PDF, in LaTeX).
WIDE_TABLE = 6
