r"""Raw HTML that Markdown has elements for, read as those elements, so that every
edition shows it (pandoc keeps ``m<sup>2</sup>`` as raw HTML, which the PDF, DOCX and
LaTeX writers drop without a word): ``<sup>``, ``<sub>``, ``<em>``/``<i>``,
``<strong>``/``<b>``, ``<u>``/``<ins>``, ``<s>``/``<del>``/``<strike>`` around their
text, ``<br>`` a line break, ``<hr>`` a rule, ``<img src alt width height>`` an image
(found, checked and published as any image is), a raw HTML block holding a ``<table>``
the table pandoc's HTML reader reads from it (a table a code cell made: knitr's kable,
tinytable, gt; its scripts and styles left out). A tag with attributes (a class, a style)
stays raw, for the HTML and EPUB editions only; what stays raw has its void tags
written as XHTML writes them (``<br>`` → ``<br />``): the EPUB's pages are XHTML, and
a ``<br>`` left open makes the whole page unreadable.

>>> [type(e).__name__ for e in read_inline_html(
...     [pf.Str("m"), pf.RawInline("<sup>", "html"), pf.Str("2"), pf.RawInline("</sup>", "html"),
...      pf.RawInline("<br>", "html"), pf.Str("x")])]
['Str', 'Superscript', 'LineBreak', 'Str']
>>> image_of('<img src="fig.png" alt="A map" width="50%">')
Image(Str(A) Space Str(map); url='fig.png', attributes={'width': '50%'})
>>> well_formed('<img src="a.png"><br><input type=checkbox checked/>')
'<img src="a.png" /><br /><input type=checkbox checked />'
"""
from __future__ import annotations

import re

import panflute as pf

from core.markup import auto_identifier
from filters.elements import ancestors, body_elements, descendants, siblings

# An element's opening and closing tags around its text, without attributes.
PAIRED = {"sup": pf.Superscript, "sub": pf.Subscript, "em": pf.Emph, "i": pf.Emph, "strong": pf.Strong,
          "b": pf.Strong, "u": pf.Underline, "ins": pf.Underline, "s": pf.Strikeout, "del": pf.Strikeout,
          "strike": pf.Strikeout}
OPENING = re.compile(r"<([A-Za-z]+)\s*>")
CLOSING = re.compile(r"</([A-Za-z]+)\s*>")
LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
# An address in angle brackets whose scheme pandoc's autolinks do not know (MyST's <rrid:…>,
# <wiki:…>), which pandoc reads as a tag: its text, as written (an unclosed tag broke the EPUB).
URI_TAG = re.compile(r"<[A-Za-z][A-Za-z0-9.+-]*:[^\s<>\"']+>")
RULE = re.compile(r"\s*<hr\s*/?>\s*", re.I)
# HTML's void elements, as HTML writes them (no "/" before ">"), their attributes quoted or not
# (possessive, at most 500 pieces: "<br" and 200 KB of spaces with no ">" took 215 s)
VOID = re.compile(r"<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b"
                  r"((?:[^>\"'/]|\"[^\"]*\"|'[^']*'|/(?!>)){0,500}+)/?>", re.I)


IMAGE = re.compile(r"<img\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.I)
ATTRIBUTE = re.compile(r"([A-Za-z][\w:-]*)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>/]+)))?")
IMAGE_SIZES = ("width", "height")


def image_of(tag: str) -> pf.Image | None:
    """An ``<img>`` tag with its ``src`` as an image (its ``alt`` the description, its
    ``title``, ``width`` and ``height`` kept); None for any other text."""
    match = IMAGE.fullmatch(tag.strip())
    if not match:
        return None
    attributes = {name.lower(): next((v for v in values if v), "") for name, *values in
                  ATTRIBUTE.findall(match.group(1).rstrip("/ "))}
    if not attributes.get("src"):
        return None
    from html import unescape

    from core.markup import text_to_inlines

    return pf.Image(*text_to_inlines(unescape(attributes.get("alt", ""))), url=unescape(attributes["src"]),
                    title=unescape(attributes.get("title", "")),
                    attributes={name: attributes[name] for name in IMAGE_SIZES if attributes.get(name)})


def is_html(element) -> bool:
    return isinstance(element, (pf.RawInline, pf.RawBlock)) and element.format == "html"


def read_inline_html(inlines: list) -> list:
    """The inlines with each pair of ``PAIRED`` tags around its text as that element
    (nested pairs too), and ``<br>`` as a line break; a tag without its partner stays raw."""
    # the end tags of the run: <o:p></o:p>, <mml:mi>…</mml:mi> are tags, <rrid:SCR_1> an address
    ends = {inline.text.strip()[2:-1].strip().lower() for inline in inlines
            if is_html(inline) and inline.text.strip().startswith("</")}
    result: list = []
    opened: list[tuple[str, int]] = []  # (tag, where it stands in result)
    for inline in inlines:
        text = inline.text.strip() if is_html(inline) else None
        if text is None:
            result.append(inline)
        elif LINE_BREAK.fullmatch(text):
            result.append(pf.LineBreak())
        elif URI_TAG.fullmatch(text) and text[1:-1].lower() not in ends:  # <rrid:SCR_008394>: an address
            result.append(pf.Str(text[1:-1]))
        elif image := image_of(text):
            result.append(image)
        elif (match := OPENING.fullmatch(text)) and match.group(1).lower() in PAIRED:
            opened.append((match.group(1).lower(), len(result)))
            result.append(inline)
        elif (match := CLOSING.fullmatch(text)) and opened and opened[-1][0] == match.group(1).lower():
            tag, at = opened.pop()
            content = result[at + 1:]
            del result[at:]
            result.append(PAIRED[tag](*content))
        else:
            result.append(inline)
    return result


def well_formed(html: str) -> str:
    """Raw HTML with its void elements closed as XHTML closes them."""
    return VOID.sub(lambda match: f"<{match.group(1)}{match.group(2).rstrip()} />", html)


# A piece of raw HTML's tags, as a browser's tokenizer splits them: a comment, a script's
# or a style's whole text (whose "<" opens no tag), an opening or a closing tag.
HTML_TOKEN = re.compile(r"<!--.*?(?:-->|$)|<(script|style)\b.*?(?:</\1\s*>|$)"
                        r"|<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*'){0,2000}+)>", re.S | re.I)
VOID_NAMES = frozenset("area base br col embed hr img input link meta source track wbr".split())
HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
# Elements whose end tag HTML implies when one of these opens after them (a list's items,
# a table's cells, a paragraph before a block): an author's <li>a<li>b is two items.
IMPLIED_BY = {"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr"}, "td": {"td", "th", "tr"},
              "th": {"td", "th", "tr"}, "option": {"option"},
              "p": {"p", "div", "ul", "ol", "dl", "table", "blockquote", "pre", "section", "figure", *HEADINGS}}


def balanced(pieces: list[str]) -> list[str]:
    """Raw HTML pieces that stand in one container, in order, with their tags balanced
    as a browser reads them: an end tag closes the nearest element it names and those
    opened inside it (any heading's end tag closes an open heading: ``<h3>…</h6>``), an
    end tag nothing opened is dropped, an end tag HTML implies is written, and what is
    still open is closed at the last piece. The EPUB's pages are XHTML, which one
    unmatched tag makes unreadable (EPUBCheck RSC-016, fatal).

    >>> balanced(['<h3 id="b">', "</h6>"]), balanced(["<div><em>", "</div></span>"])
    (['<h3 id="b">', '</h3>'], ['<div><em>', '</em></div>'])
    >>> balanced(["<ul><li>a<li>b", "</ul>"]), balanced(["<div class=x>", "<br /><!-- <p> -->"])
    (['<ul><li>a</li><li>b', '</li></ul>'], ['<div class=x>', '<br /><!-- <p> --></div>'])
    """
    stack: list[str] = []

    def closed(names: list[str]) -> str:
        return "".join(f"</{name}>" for name in reversed(names))

    def tag(match: re.Match) -> str:
        if match.group(3) is None:  # a comment, a script, a style
            return match.group(0)
        closing, written, rest = match.group(2), match.group(3), match.group(4)
        name = written.lower()
        if not closing:
            implied = ""
            while stack and name in IMPLIED_BY.get(stack[-1].lower(), ()):
                implied += f"</{stack.pop()}>"
            if name not in VOID_NAMES and not rest.rstrip().endswith("/"):
                stack.append(written)  # closed as written: XHTML's names are case-sensitive
            return implied + match.group(0)
        names = HEADINGS if name in HEADINGS else {name}
        at = next((index for index in range(len(stack) - 1, -1, -1) if stack[index].lower() in names), None)
        if at is None:
            return ""  # an end tag nothing opened: a browser ignores it
        closing_names, stack[at:] = stack[at:], []
        return closed(closing_names)

    result = [HTML_TOKEN.sub(tag, piece) for piece in pieces]
    if result and stack:
        result[-1] += closed(stack)
    return result


HEADING_OPENS = re.compile(r"\s*<h([1-6])\b((?:[^>\"']|\"[^\"]*\"|'[^']*'){0,2000}+)>\s*", re.I)


def heading_of(opening: pf.Element, text: pf.Element, closing: pf.Element) -> pf.Header | None:
    """A heading written as raw HTML around its text (``<h3 id="b">``, the words, ``</h3>``,
    as pandoc reads it) as a heading, its id and classes kept: every edition shows it, and
    it takes its place among the sections (the EPUB's heading order, its outline).

    >>> heading_of(pf.RawBlock('<h3 class="unnumbered" id="b">', "html"), pf.Plain(pf.Str("Notes")),
    ...            pf.RawBlock("</h3>", "html"))
    Header(Str(Notes); level=3, identifier='b', classes=['unnumbered'])
    """
    match = HEADING_OPENS.fullmatch(opening.text) if is_html(opening) and isinstance(opening, pf.RawBlock) else None
    if not (match and isinstance(text, (pf.Plain, pf.Para)) and is_html(closing)
            and closing.text.strip().lower() == f"</h{match.group(1)}>"):
        return None
    from html import unescape

    attributes = {name.lower(): unescape(next((v for v in values if v), "")) for name, *values in
                  ATTRIBUTE.findall(match.group(2))}
    return pf.Header(*text.content, level=int(match.group(1)), identifier=attributes.get("id", ""),
                     classes=attributes.get("class", "").split())


# An HTML comment, closed or running to the end of its raw piece.
COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)


def balance_raw_html(doc: pf.Doc) -> None:
    """The raw HTML of each container without its comments, balanced (``balanced``): a
    block list's raw blocks together, a run of inlines' raw inlines together; then a
    heading written in raw HTML read as a heading (``heading_of``)."""
    # only the containers that hold raw HTML (every container's list looked at was a tenth of
    # the stage's time on a text with none)
    containers = list({id(element.parent): element.parent for element in body_elements(doc)
                       if is_html(element)}.values())  # once each (elements are not hashable)
    taken: set[str] | None = None  # the document's ids, read when a heading needs one
    for container in containers:
        content = getattr(container, "content", None)
        if not isinstance(content, pf.ListContainer):
            continue
        raw = [element for element in content if is_html(element)]
        for element in raw:  # an author's note to self is published in no edition (EPUB refuses "--" in one)
            element.text = COMMENT.sub("", element.text) if "<!--" in element.text else element.text
        for element, text in zip(raw, balanced([element.text for element in raw])):
            element.text = text
        content[:] = [element for element in content if not (is_html(element) and not element.text)]
        if isinstance(container, (pf.Para, pf.Plain)) and not content:  # it held a dropped end tag only
            siblings(container).remove(container)
            continue
        for index in range(len(content) - 3, -1, -1):
            heading = heading_of(*content[index:index + 3])
            if heading is not None:
                content[index:index + 3] = [heading]
                if not heading.identifier:  # the id pandoc gives a heading (its links, the contents)
                    taken = taken if taken is not None else {getattr(e, "identifier", "") for e in body_elements(doc)}
                    heading.identifier = auto_identifier(pf.stringify(heading), taken)


def holds_inlines(element) -> bool:
    content = getattr(element, "content", None)
    return isinstance(element, pf.Element) and content is not None and len(content) > 0 \
        and isinstance(content[0], pf.Inline) and any(is_html(inline) for inline in content)


TABLE = re.compile(r"<table\b", re.I)
PIECE = "press-raw-html-"


def read_tables(blocks: list[pf.RawBlock]) -> list[list[pf.Block]]:
    """Each raw HTML block as pandoc's HTML reader reads it, in one sandboxed run: the
    tables it holds (its scripts, styles and comments read as nothing)."""
    import io

    from core.tools import run_pandoc

    html = "".join(f'<div id="{PIECE}{index}">\n{block.text}\n</div>\n' for index, block in enumerate(blocks))
    read = pf.load(io.StringIO(run_pandoc(["--from", "html", "--to", "json", "--sandbox"], stdin=html)))
    pieces = {element.identifier: element for element in read.content
              if isinstance(element, pf.Div) and element.identifier.startswith(PIECE)}
    return [[table for table in descendants(pieces[f"{PIECE}{index}"]) if isinstance(table, pf.Table)
             and not any(isinstance(outer, pf.Table) for outer in ancestors(table))]
            if f"{PIECE}{index}" in pieces else [] for index in range(len(blocks))]


TABLE_END = re.compile(r"</table\s*>", re.I)


def joined_tables(doc: pf.Doc) -> None:
    """A raw HTML table that pandoc's Markdown reader cut into pieces (a tag a line: each
    tag a raw block, each cell's words a paragraph between them) as one raw block again,
    for ``read_tables``: its cells' words as text. It printed as one line of its words.

    >>> doc = pf.Doc(pf.RawBlock("<table><tr><td>", "html"), pf.Plain(pf.Str("1")),
    ...              pf.RawBlock("</td></tr></table>", "html"))
    >>> joined_tables(doc); doc.content[0].text
    '<table><tr><td>1</td></tr></table>'
    """
    from html import escape

    opened = [e for e in body_elements(doc) if isinstance(e, pf.RawBlock) and is_html(e)
              and TABLE.search(e.text) and not TABLE_END.search(e.text)]
    for start in reversed(opened):  # from the last: joining one moves the places of those after it
        blocks, first = siblings(start), start.index
        end = next((index for index in range(first + 1, len(blocks))
                    if not isinstance(blocks[index], (pf.RawBlock, pf.Plain, pf.Para))
                    or isinstance(blocks[index], pf.RawBlock) and TABLE_END.search(blocks[index].text)), None)
        if end is None or not (isinstance(blocks[end], pf.RawBlock) and is_html(blocks[end])):
            continue
        if any(not all(isinstance(inline, (pf.Str, pf.Space, pf.SoftBreak)) for inline in block.content)
               for block in blocks[first:end] if isinstance(block, (pf.Plain, pf.Para))):
            continue  # a cell of Markdown (a citation, math, a link): as pandoc read it, not its words alone
        html = "".join(block.text if isinstance(block, pf.RawBlock) else escape(pf.stringify(block))
                       for block in blocks[first:end + 1])
        blocks[first:end + 1] = [pf.RawBlock(html, format="html")]


def read_raw_html(doc: pf.Doc) -> None:
    """Every run of inlines holding raw HTML read (``read_inline_html``), an ``<hr>``
    block a rule, a block holding a table that table, and what stays raw well-formed
    (``well_formed``) and balanced (``balance_raw_html``)."""
    for element in [e for e in body_elements(doc) if holds_inlines(e)]:
        element.content = read_inline_html(list(element.content))
    joined_tables(doc)
    tables = [e for e in body_elements(doc) if isinstance(e, pf.RawBlock) and is_html(e) and TABLE.search(e.text)]
    for element, read in zip(tables, read_tables(tables) if tables else []):
        if read:
            siblings(element)[element.index:element.index + 1] = read
    for element in [e for e in body_elements(doc) if is_html(e)]:
        if isinstance(element, pf.RawBlock) and RULE.fullmatch(element.text):
            siblings(element)[element.index] = pf.HorizontalRule()
        else:
            element.text = well_formed(element.text)
    balance_raw_html(doc)
