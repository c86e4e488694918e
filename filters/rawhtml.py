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

from filters.elements import body_elements, descendants, siblings

# An element's opening and closing tags around its text, without attributes.
PAIRED = {"sup": pf.Superscript, "sub": pf.Subscript, "em": pf.Emph, "i": pf.Emph, "strong": pf.Strong,
          "b": pf.Strong, "u": pf.Underline, "ins": pf.Underline, "s": pf.Strikeout, "del": pf.Strikeout,
          "strike": pf.Strikeout}
OPENING = re.compile(r"<([A-Za-z]+)\s*>")
CLOSING = re.compile(r"</([A-Za-z]+)\s*>")
LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
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
    result: list = []
    opened: list[tuple[str, int]] = []  # (tag, where it stands in result)
    for inline in inlines:
        text = inline.text.strip() if is_html(inline) else None
        if text is None:
            result.append(inline)
        elif LINE_BREAK.fullmatch(text):
            result.append(pf.LineBreak())
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


def holds_inlines(element) -> bool:
    content = getattr(element, "content", None)
    return isinstance(element, pf.Element) and content is not None and len(content) > 0 \
        and isinstance(content[0], pf.Inline) and any(is_html(inline) for inline in content)


TABLE = re.compile(r"<table\b", re.I)
PIECE = "press-raw-html-"


def ancestors(element):
    """The elements ``element`` stands in, the nearest first."""
    while element.parent is not None and not isinstance(element.parent, pf.Doc):
        element = element.parent
        yield element


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


def read_raw_html(doc: pf.Doc) -> None:
    """Every run of inlines holding raw HTML read (``read_inline_html``), an ``<hr>``
    block a rule, a block holding a table that table, and what stays raw well-formed
    (``well_formed``)."""
    for element in [e for e in body_elements(doc) if holds_inlines(e)]:
        element.content = read_inline_html(list(element.content))
    tables = [e for e in body_elements(doc) if isinstance(e, pf.RawBlock) and is_html(e) and TABLE.search(e.text)]
    for element, read in zip(tables, read_tables(tables) if tables else []):
        if read:
            siblings(element)[element.index:element.index + 1] = read
    for element in [e for e in body_elements(doc) if is_html(e)]:
        if isinstance(element, pf.RawBlock) and RULE.fullmatch(element.text):
            siblings(element)[element.index] = pf.HorizontalRule()
        else:
            element.text = well_formed(element.text)
