"""XML helpers of the JATS edition, shared with the Crossref deposit: elements built
with lxml (the serializer escapes every value), pandoc's JATS markup parsed into them,
and the small edits the passes make.

>>> etree.tostring(element("ext-link", "x", ext_link_type="uri", xlink_href="https://x"))
b'<ext-link xmlns:ns0="http://www.w3.org/1999/xlink" ext-link-type="uri" ns0:href="https://x">x</ext-link>'
"""
from __future__ import annotations

from lxml import etree

from core.diagnostics import BuildError

XLINK = "http://www.w3.org/1999/xlink"
ALI = "http://www.niso.org/schemas/ali/1.0/"
MML = "http://www.w3.org/1998/Math/MathML"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAMESPACES = {"mml": MML, "xlink": XLINK, "ali": ALI}


def element(tag: str, text: str | None = None, children=(), **attributes) -> etree._Element:
    """An element with its attributes (``xlink_href`` → ``xlink:href``), text and children."""
    made = etree.Element(tag)
    for key, value in attributes.items():
        if value not in (None, ""):
            made.set(qualified(key), str(value))
    made.text = text
    made.extend(children)
    return made


def qualified(key: str) -> str:
    """``xlink_href`` → ``{…xlink}href``; ``xml_lang`` → ``{…}lang``; ``ref_type`` → ``ref-type``."""
    prefix, _, local = key.partition("_")
    if prefix in NAMESPACES and local:
        return f"{{{NAMESPACES[prefix]}}}{local.replace('_', '-')}"
    if prefix == "xml" and local:
        return XML_LANG
    return key.replace("_", "-")


def fragment(markup: str) -> etree._Element:
    """Pandoc's JATS (elements and text) as the children of one wrapper element. Raw JATS
    the author wrote (``{=jats}``) that is no XML is an error that says so.

    >>> try:
    ...     fragment("<p>x &bogus;</p>")
    ... except BuildError as failure:
    ...     print(str(failure).split(":")[1].strip())
    the jats edition cannot read the raw JATS written in the text
    """
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
    try:
        return etree.fromstring(f"<wrapper {declarations}>{markup}</wrapper>".encode("utf-8"),
                                etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as failure:  # pandoc writes well-formed XML: raw JATS made this
        raise BuildError(f"the jats edition cannot read the raw JATS written in the text: {failure}",
                         hint="write raw JATS as well-formed XML (an entity as &#…; or the character), "
                              "or as Markdown") from None


def inline(tag: str, markup: str, **attributes) -> etree._Element:
    """A metadata field rendered as JATS inlines, inside ``tag``."""
    made = element(tag, **attributes)
    wrapper = fragment(markup.strip())
    made.text = wrapper.text
    made.extend(list(wrapper))
    return made


def blocks(tag: str, markup: str, **attributes) -> etree._Element:
    """A metadata field rendered as JATS blocks (``<p>``…), inside ``tag``."""
    made = element(tag, **attributes)
    made.extend(list(fragment(markup.strip())))
    return made


def unwrap(node: etree._Element) -> None:
    """Replace an element by its content (text, children, tail) in its parent."""
    parent = node.getparent()
    at = parent.index(node)
    previous = parent[at - 1] if at else None
    text = (node.text or "")
    if previous is None:
        parent.text = (parent.text or "") + text
    else:
        previous.tail = (previous.tail or "") + text
    children = list(node)
    if children:
        children[-1].tail = (children[-1].tail or "") + (node.tail or "")
    elif previous is None:
        parent.text += node.tail or ""
    else:
        previous.tail += node.tail or ""
    parent[at:at + 1] = children


def remove(node: etree._Element) -> None:
    """Take an element out, keeping its tail text in place."""
    parent = node.getparent()
    tail = node.tail or ""
    previous = node.getprevious()
    if previous is None:
        parent.text = (parent.text or "") + tail
    else:
        previous.tail = (previous.tail or "") + tail
    parent.remove(node)


def date_element(tag: str, iso: str, **attributes) -> etree._Element:
    """``<date iso-8601-date="2021-06-30"><day>30</day><month>06</month><year>2021</year></date>``."""
    year, month, day = (iso.split("-") + ["", ""])[:3]
    children = [element(name, value) for name, value in (("day", day), ("month", month)) if value]
    return element(tag, children=[*children, element("year", year)], iso_8601_date=iso, **attributes)


def named(root: etree._Element, content_type: str) -> list[etree._Element]:
    return root.xpath(f".//named-content[@content-type='{content_type}']")


def unwrap_into(target: etree._Element, paragraph: etree._Element) -> None:
    """A paragraph's inline content appended to ``target``."""
    if len(target):
        target[-1].tail = (target[-1].tail or "") + (paragraph.text or "")
    else:
        target.text = (target.text or "") + (paragraph.text or "")
    target.extend(list(paragraph))
