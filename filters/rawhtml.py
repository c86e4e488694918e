r"""Raw HTML that Markdown has elements for, read as those elements, so that every
edition shows it (pandoc keeps ``m<sup>2</sup>`` as raw HTML, which the PDF, DOCX and
LaTeX writers drop without a word): ``<sup>``, ``<sub>``, ``<em>``/``<i>``,
``<strong>``/``<b>``, ``<u>``/``<ins>``, ``<s>``/``<del>``/``<strike>`` around their
text, ``<br>`` a line break, ``<hr>`` a rule, ``<img src alt width height>`` an image
(found, checked and published as any image is). A tag with attributes (a class, a style)
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

from filters.elements import body_elements, siblings

# An element's opening and closing tags around its text, without attributes.
PAIRED = {"sup": pf.Superscript, "sub": pf.Subscript, "em": pf.Emph, "i": pf.Emph, "strong": pf.Strong,
          "b": pf.Strong, "u": pf.Underline, "ins": pf.Underline, "s": pf.Strikeout, "del": pf.Strikeout,
          "strike": pf.Strikeout}
OPENING = re.compile(r"<([A-Za-z]+)\s*>")
CLOSING = re.compile(r"</([A-Za-z]+)\s*>")
LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
RULE = re.compile(r"\s*<hr\s*/?>\s*", re.I)
# HTML's void elements, as HTML writes them (no "/" before ">"), their attributes quoted or not
VOID = re.compile(r"<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b"
                  r"((?:[^>\"'/]|\"[^\"]*\"|'[^']*'|/(?!>))*?)\s*/?>", re.I)


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


def read_raw_html(doc: pf.Doc) -> None:
    """Every run of inlines holding raw HTML read (``read_inline_html``), an ``<hr>``
    block a rule, and what stays raw well-formed (``well_formed``)."""
    for element in [e for e in body_elements(doc) if holds_inlines(e)]:
        element.content = read_inline_html(list(element.content))
    for element in [e for e in body_elements(doc) if is_html(e)]:
        if isinstance(element, pf.RawBlock) and RULE.fullmatch(element.text):
            siblings(element)[element.index] = pf.HorizontalRule()
        else:
            element.text = well_formed(element.text)
