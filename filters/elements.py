"""Reading a panflute document without rebuilding it.

``Element.walk`` re-inserts every child into a new list (with a type check each)
so that an action may replace it; a filter that only looks pays for that on
every element. ``descendants`` visits the same elements, in document order,
and changes nothing; each one still knows its ``parent`` and ``index``, so a
caller may replace it afterwards.

>>> import panflute as pf
>>> doc = pf.Doc(pf.Para(pf.Str("a"), pf.Emph(pf.Str("b"))))
>>> [type(e).__name__ for e in descendants(doc)]
['MetaMap', 'Para', 'Str', 'Emph', 'Str']
"""
from __future__ import annotations

from collections.abc import Iterator

import panflute as pf

from core.names import REFS_ID


def children(element: pf.Element) -> Iterator[pf.Element]:
    """The element's direct children (content, caption, citations, metadata…), each
    told its ``parent``, ``location`` and ``index`` as panflute's item access would."""
    for name in element._children:
        child = getattr(element, name)
        if isinstance(child, pf.ListContainer):
            # the list itself: panflute's item access costs an exception at its end
            parent, location = child.parent, child.location
            for index, item in enumerate(child.list):
                item.parent, item.location, item.index = parent, location, index
                yield item
        elif isinstance(child, pf.DictContainer):
            for item in child.dict.values():
                item.parent, item.location, item.index = child.parent, child.location, None
                yield item
        elif child is not None:
            yield child


def descendants(root: pf.Element) -> Iterator[pf.Element]:
    """Every element under ``root``, parents before their children."""
    stack = [children(root)]
    while stack:
        for element in stack[-1]:
            yield element
            if element._children:  # most are words and spaces: no generator for them
                stack.append(children(element))
                break
        else:
            stack.pop()


def kinds_in(root: pf.Element) -> set[type]:
    """The kinds of element under ``root`` (a document: its body and its metadata), in a
    walk that only looks: a pass over one kind (raw markup, math) skips a document that
    has none, instead of walking it to find none.

    >>> sorted(kind.__name__ for kind in kinds_in(pf.Doc(pf.Para(pf.Emph(pf.Str("a")), pf.Math("x")))))
    ['Emph', 'Math', 'MetaMap', 'Para', 'Str']
    """
    found, todo = set(), [root]
    while todo:
        element = todo.pop()
        for name in element._children:
            child = getattr(element, name)
            if isinstance(child, pf.ListContainer):
                items = child.list
            elif isinstance(child, pf.DictContainer):
                items = child.dict.values()
            elif child is not None:
                items = (child,)
            else:
                continue
            for item in items:
                found.add(type(item))
                if item._children:
                    todo.append(item)
    return found


def leaf_text(element: pf.Element) -> str:
    """The text of every element under ``element`` run together, without the spaces
    between words: enough to test for a sequence written without spaces ("{{<"), and
    read in a tenth of ``pf.stringify``'s time (which rebuilds every list it walks).

    >>> leaf_text(pf.Para(pf.Str("{{<"), pf.Space, pf.Emph(pf.Str("var")), pf.Str(">}}")))
    '{{<var>}}'
    """
    return "".join(leaf.text for leaf in descendants(element) if hasattr(leaf, "text"))


def body_elements(doc: pf.Doc) -> Iterator[pf.Element]:
    """Every element of the document's body (not its metadata), in document order."""
    for block in doc.content:
        yield block
        yield from descendants(block)


def held_blocks(block: pf.Block) -> Iterator[pf.ListContainer]:
    """Each list of blocks ``block`` holds itself (not those its blocks hold), in order:
    a div's, a quotation's or a figure's content, each list item's, each definition's,
    each table cell's, and each footnote's in a paragraph's words. A stage that looks
    for its blocks (a listing, a theorem, a figure to number) looks wherever an author
    can put one: a listing in a footnote, a theorem in a list.

    >>> note = pf.Note(pf.CodeBlock("x"))
    >>> doc = pf.Doc(pf.BlockQuote(pf.Para(pf.Str("a"), note)))
    >>> [type(b).__name__ for held in held_blocks(doc.content[0]) for b in held]
    ['Para']
    >>> [type(b).__name__ for held in held_blocks(doc.content[0].content[0]) for b in held]
    ['CodeBlock']
    """
    if isinstance(block, (pf.Div, pf.BlockQuote, pf.Figure)):
        yield block.content
    elif isinstance(block, (pf.BulletList, pf.OrderedList)):
        for item in block.content:
            yield item.content
    elif isinstance(block, pf.DefinitionList):
        for item in block.content:
            for definition in item.definitions:
                yield definition.content
    elif isinstance(block, pf.Table):
        for part in filter(None, (block.head, *block.content, block.foot)):
            for row in (*getattr(part, "head", ()), *part.content):
                for cell in row.content:
                    yield cell.content
    elif isinstance(block, (pf.Para, pf.Plain)):  # the words themselves looked at once: most are no container
        for inline in block.content:
            if isinstance(inline, pf.Note):
                yield inline.content
            elif inline._children:
                yield from (note.content for note in descendants(inline) if isinstance(note, pf.Note))


def ancestors(element: pf.Element) -> Iterator[pf.Element]:
    """The elements ``element`` stands in, the nearest first (the document not one).

    >>> doc = pf.Doc(pf.Para(pf.Emph(pf.Str("a"))))
    >>> word = next(e for e in descendants(doc) if isinstance(e, pf.Str))
    >>> [type(e).__name__ for e in ancestors(word)]
    ['Emph', 'Para']
    """
    while element.parent is not None and not isinstance(element.parent, pf.Doc):
        element = element.parent
        yield element


def siblings(element: pf.Element) -> pf.ListContainer:
    """The list that holds ``element`` in its parent, where a later action may replace
    or remove it: most often the parent's ``content``, but a definition's ``term``, a
    table's ``head``, a citation's ``prefix``… (the ``location`` the walk recorded).

    >>> doc = pf.Doc(pf.DefinitionList(pf.DefinitionItem([pf.Str("term")], [pf.Definition(pf.Para())])))
    >>> term = next(e for e in descendants(doc) if isinstance(e, pf.Str))
    >>> siblings(term)[term.index] = pf.Emph(pf.Str("t")); pf.stringify(doc.content[0].content[0].term[0])
    't'
    """
    return getattr(element.parent, element.location or "content")


def position(element: pf.Element) -> int:
    """Where ``element`` stands in its list now, found by identity: the ``index`` a walk
    recorded goes stale once an element before it is removed (panflute's elements
    compare by value, so ``list.index`` would find an equal one).

    >>> para = pf.Para(pf.Str("a"), pf.Str("b"), pf.Str("a"))
    >>> last = para.content[2]
    >>> del para.content[0]; position(last), last.index
    (1, 2)
    """
    return next(index for index, item in enumerate(siblings(element).list) if item is element)


def refs_div(doc: pf.Doc) -> pf.Div | None:
    """The author's ``::: {#refs}``, where the reference list goes, wherever it stands.

    >>> doc = pf.Doc(pf.Div(pf.Header(pf.Str("Notes")), pf.Div(identifier="refs"), identifier="biblio"))
    >>> refs_div(doc).parent.identifier
    'biblio'
    """
    return next((b for b in body_elements(doc) if isinstance(b, pf.Div) and b.identifier == REFS_ID), None)
