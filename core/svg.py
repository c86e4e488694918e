"""SVG figures, sanitized by an allowlist before any edition publishes them.

An SVG is a program as much as a picture: ``<script>``, ``onload``, a
``<foreignObject>`` of HTML, an ``<image href>`` or a CSS ``url()`` that fetches
or reads a file. What the HTML folder, the EPUB, the JATS folder and Typst get is
the figure rebuilt from an allowlist: the elements of drawing (shapes, text,
gradients, clips, markers, filters), their presentation attributes, references
only within the figure (``#id``), embedded pictures only as PNG or JPEG ``data:``,
CSS only as declarations of listed properties. Everything else is dropped, and
said; a figure with nothing to drop is published byte for byte. lxml parses it
without a DTD, entities, or the network.

>>> clean = sanitized(b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"><script>x()</script>'
...                   b'<rect width="2" fill="url(#g)" style="fill: red; background: url(http://e/)"/></svg>')
>>> clean.dropped
['onload attribute', '<script>', 'CSS property background']
>>> clean.data
b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="2" fill="url(#g)" style="fill:red"/></svg>'
>>> sanitized(b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>').dropped
[]
>>> sanitized(b'<?xml-stylesheet href="http://e/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>').dropped
['a processing instruction']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.images import picture_problem

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# What drawing editors keep for themselves: never shown, dropped without a word.
EDITOR_NAMESPACES = frozenset({
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/"})

ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "switch",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath", "image", "style",
    "clipPath", "mask", "pattern", "marker", "linearGradient", "radialGradient", "stop",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow",
    "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge",
    "feMergeNode", "feOffset"})
ATTRIBUTES = frozenset({
    "id", "class", "style", "transform", "d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
    "fx", "fy", "fr", "width", "height", "viewBox", "preserveAspectRatio", "points", "pathLength",
    "version", "baseProfile", "lang", "href", "type", "media",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity", "color",
    "display", "visibility", "overflow", "clip", "clip-path", "clip-rule", "clipPathUnits", "mask",
    "maskUnits", "maskContentUnits", "marker-start", "marker-mid", "marker-end", "markerWidth",
    "markerHeight", "markerUnits", "refX", "refY", "orient", "offset", "stop-color", "stop-opacity",
    "gradientUnits", "gradientTransform", "spreadMethod", "patternUnits", "patternContentUnits",
    "patternTransform", "filter", "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation",
    "mode", "operator", "k1", "k2", "k3", "k4", "values", "tableValues", "slope", "intercept",
    "amplitude", "exponent", "radius", "flood-color", "flood-opacity", "lighting-color",
    "font-family", "font-size", "font-weight", "font-style", "font-variant", "font-stretch",
    "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing",
    "word-spacing", "text-decoration", "writing-mode", "dx", "dy", "rotate", "textLength",
    "lengthAdjust", "startOffset", "method", "spacing", "side", "vector-effect", "shape-rendering",
    "text-rendering", "image-rendering", "color-interpolation", "color-interpolation-filters",
    "mix-blend-mode", "isolation", "paint-order", "systemLanguage", "requiredFeatures"})
# Presentation attributes are also CSS properties: the same names are allowed in ``style``.
PROPERTIES = ATTRIBUTES - {"id", "class", "style", "href", "type", "media", "d", "points", "viewBox",
                           "version", "baseProfile", "lang", "systemLanguage", "requiredFeatures"} | {
    # … and the CSS of text that drawing editors write (Inkscape: wrapped text's inline-size
    # and shape-inside, line-height, the font-variant longhands); their values pass safe_value
    "font", "font-variant-ligatures", "font-variant-caps", "font-variant-numeric", "font-variant-east-asian",
    "font-variant-position", "font-feature-settings", "font-variation-settings", "font-kerning",
    "line-height", "white-space", "text-align", "text-indent", "text-transform", "text-orientation",
    "direction", "unicode-bidi", "inline-size", "shape-inside", "shape-subtract", "shape-padding",
    "shape-margin", "marker", "solid-color", "solid-opacity"}
MARKER_PROPERTIES = ("marker", "marker-start", "marker-mid", "marker-end")
# A paint that names a paint server of the drawing: url(#p)
PAINT_REFERENCE = re.compile(r"\s*url\(\s*['\"]?#([^'\")\s]+)")
LOCAL_URL = re.compile(r"url\(\s*(['\"]?)#[\w.:-]+\1\s*\)")
# The CSS functions a value may call: colours, transforms, filter effects and local url()s.
# Any other (image-set(), cross-fade(), src(), attr()… and whatever CSS adds next) may name
# an address in a plain string (mask="image-set('//host/x.png' 1x)" made Chromium fetch it).
FUNCTIONS = frozenset({
    "url", "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color",
    "matrix", "translate", "translatex", "translatey", "scale", "scalex", "scaley", "rotate", "skewx", "skewy",
    "blur", "brightness", "contrast", "drop-shadow", "grayscale", "hue-rotate", "invert", "opacity", "saturate",
    "sepia", "calc", "min", "max", "clamp"})
FUNCTION = re.compile(r"([\w-]*)\s*\(")
# A CSS value: words, numbers, colours, commas, brackets and quotes (a local url() is read as
# url(#x): one way to match a value, so that a value that fails fails at once, never trying
# each url() two ways: 27 of them took minutes).
VALUE = re.compile(r"[\w\s#%.,+\-/!'\"()]*")
# A declaration, its value up to the next ";" (no lazy match beside spaces: linear).
DECLARATION = re.compile(r"\s*([a-zA-Z-]+)\s*:([^;{}]*)(?:;\s*|$)")
PICTURE = re.compile(r"data:image/(?:png|jpeg);base64,[A-Za-z0-9+/=\s]*")


@dataclass
class Sanitized:
    data: bytes                                         # the figure to publish
    dropped: list[str] = field(default_factory=list)   # what the allowlist took out, in order


def safe_value(value: str) -> bool:
    """A value free of any address but a reference within the figure.

    >>> safe_value("url(#clip1)"), safe_value("url(http://x/)"), safe_value("u\\\\72l(x)")
    (True, False, False)
    >>> safe_value("rgb(1, 2, 3)"), safe_value("image-set('//host/m.png' 1x)"), safe_value("('//h/x')")
    (True, False, False)
    """
    return "\\" not in value and "url(" not in LOCAL_URL.sub("", value.lower()) \
        and bool(VALUE.fullmatch(LOCAL_URL.sub("url(#x)", value))) \
        and all(name.lower() in FUNCTIONS for name in FUNCTION.findall(value))


def safe_declarations(css: str) -> bool:
    """CSS declarations (``fill: red; stroke-width: 2``) of listed properties and safe values."""
    position = 0
    while position < len(css):
        match = DECLARATION.match(css, position)
        if not match or match.end() == position or match.group(1).lower() not in PROPERTIES \
                or not safe_value(match.group(2)):
            return False
        position = match.end()
    return True


def kept_declarations(css: str) -> tuple[str, list[str]]:
    """A ``style`` attribute's declarations the allowlist keeps, and the properties it drops:
    Inkscape writes ``-inkscape-font-specification``, ``font-variant-ligatures`` or
    ``line-height`` beside ``font-size`` and ``fill``, which must not go with them.

    >>> kept_declarations("font-size:3px;-inkscape-font-specification:'Sans';fill:#000")
    ('font-size:3px;fill:#000', ['-inkscape-font-specification'])
    >>> kept_declarations("fill: url(http://e/); stroke: red")
    ('stroke:red', ['fill'])
    >>> kept_declarations("fill: red; ; x")  # what reads as no declaration at all: nothing kept
    ('', ['style'])
    """
    kept, dropped, position = [], [], 0
    while position < len(css):
        match = DECLARATION.match(css, position)
        if not match or match.end() == position:
            return "", ["style"]
        name, value = match.group(1).lower(), match.group(2).strip()
        if name in PROPERTIES and safe_value(value):
            kept.append(f"{name}:{value}")
        else:
            dropped.append(name)
        position = match.end()
    return ";".join(kept), dropped


# A rule's selector: names, classes, ids, attribute tests and combinators
SELECTOR = re.compile(r"[\w\s.#*,:>+~\[\]=\"'-]+")


def safe_stylesheet(css: str) -> bool:
    """A ``<style>`` element's text: rules of plain selectors and safe declarations, no
    at-rule — read by tinycss2, which tokenizes CSS as the CSS Syntax standard (and so the
    browser) does: a comment, a string cut by a line's end, an unquoted ``url(…)`` are what
    the browser takes them for (a reader of our own took ``url(#x/*)`` for a comment's start,
    and the rule after it, which fetched an address, for a comment).

    >>> safe_stylesheet("rect { fill: red } /* a note */")
    True
    >>> safe_stylesheet('a{font-family:"/*"} rect{fill:url(http://host/x)} b{font-family:"*/"}')
    False
    >>> safe_stylesheet("a{fill:url(#x/*)} rect{mask:url(http://h/m.svg#m)} b{fill:url(*/)}")
    False
    """
    import tinycss2

    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule" or not SELECTOR.fullmatch(tinycss2.serialize(rule.prelude).strip()):
            return False  # an at-rule (@import, @font-face), or what the standard reads as an error
        for declaration in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
            if declaration.type != "declaration" or declaration.lower_name not in PROPERTIES \
                    or not safe_tokens(declaration.value) \
                    or not safe_value(tinycss2.serialize(declaration.value).strip()):
                return False
    return True


def safe_tokens(tokens) -> bool:
    """CSS tokens (tinycss2's) with no address but a place in the figure: an unquoted
    ``url(…)`` or a call only to a listed function, ``url("#…")`` with a local place."""
    for token in tokens:
        if token.type in ("url", "bad-url") and not (token.type == "url" and token.value.strip().startswith("#")):
            return False
        if token.type in ("at-keyword", "bad-string", "error"):
            return False
        if token.type == "function":
            if token.lower_name not in FUNCTIONS or (token.lower_name == "url" and not all(
                    argument.type != "string" or argument.value.startswith("#") for argument in token.arguments)):
                return False
            if not safe_tokens(token.arguments):
                return False
        if token.type in ("() block", "[] block", "{} block") and not safe_tokens(token.content):
            return False
    return True


def safe_reference(element: str, value: str) -> bool:
    """``href``: a place in the figure, or, for ``<image>``, a PNG or JPEG inside it that
    passes the pictures' checks (``core.images``: the pixel limit first)."""
    value = value.strip()
    if re.fullmatch(r"#[\w.:-]+", value):
        return True
    if element != "image" or not PICTURE.fullmatch(value):
        return False
    import base64
    try:
        data = base64.b64decode(value.partition(",")[2])
    except ValueError:
        return False
    return picture_problem(data, ".png" if value.startswith("data:image/png") else ".jpg") is None


def attribute_kept(element: str, name: str, value: str) -> bool:
    if name == f"{{{XLINK}}}href" or name == "href":
        return safe_reference(element, value)
    if name in (f"{{{XML}}}space", f"{{{XML}}}lang"):
        return True
    if name not in ATTRIBUTES:
        return False
    if name == "style":
        return safe_declarations(value)
    return safe_value(value) or (name in ("d", "points", "viewBox", "id", "class", "lang")
                                 and "\\" not in value and "url(" not in value.lower())


def said(name: str) -> bool:
    """Whether dropping ``name`` (an element or attribute) is worth a word: not an editor's own."""
    return not (name.startswith("{") and name[1:].split("}")[0] in EDITOR_NAMESPACES)


def local(name: str) -> str:
    return name.split("}")[-1]


def sanitized(data: bytes) -> Sanitized:
    """The figure as the allowlist keeps it (``data`` itself when nothing is dropped).
    Not an SVG (no ``<svg>`` root, or not well-formed XML): everything is dropped."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as failure:
        return Sanitized(b"", [f"the whole figure (not well-formed XML: {failure.msg})"])
    if root.tag != f"{{{SVG}}}svg":
        return Sanitized(b"", [f"the whole figure (its root is <{local(str(root.tag))}>, not <svg>)"])
    dropped: list[str] = []
    removed: set = set()
    for element in list(root.iter()):
        if any(ancestor in removed for ancestor in element.iterancestors()):
            continue  # went with its parent
        if not isinstance(element.tag, str):  # a comment (said nothing), a processing instruction, an entity
            if element.tag is not etree.Comment:
                dropped.append("a processing instruction" if element.tag is etree.PI else "an entity")
            removed.add(element)
            element.getparent().remove(element)  # (its tail text goes with it: between elements, spaces)
            continue
        name = local(element.tag)
        if not element.tag.startswith(f"{{{SVG}}}") or name not in ELEMENTS \
                or (name == "style" and (len(element) or not safe_stylesheet(element.text or ""))):
            # a <style> with elements inside: the text after them is the browser's stylesheet too
            if said(element.tag):
                dropped.append(f"<{name}>")
            removed.add(element)
            element.getparent().remove(element)
            continue
        for attribute, value in list(element.attrib.items()):
            if attribute == "style" and not safe_declarations(value):  # its safe declarations stay
                element.attrib["style"], properties = kept_declarations(value)
                dropped += ["style attribute"] if properties == ["style"] else [
                    f"CSS property {property}" for property in properties if not property.startswith("-")]
                removed.add(attribute)
                if not element.attrib["style"]:
                    del element.attrib["style"]
                continue
            if not attribute_kept(name, attribute, value):
                if name == "image" and local(attribute) == "href":  # the picture is lost: say which
                    dropped.append(f"the picture it links, '{value[:60]}' (an <image> in a published figure "
                                   "holds its PNG or JPEG as data:, never a link)")
                elif said(attribute):
                    dropped.append(f"{local(attribute)} attribute")
                removed.add(attribute)
                del element.attrib[attribute]
    # A <use> may show a drawing, not another <use>: uses of uses multiply (ten levels of
    # ten make ten billion shapes for the renderer to draw).
    holding_use = {element.get("id") for element in root.iter(f"{{{SVG}}}*")
                   if element.get("id") and next(element.iter(f"{{{SVG}}}use"), None) is not None}
    for use in list(root.iter(f"{{{SVG}}}use")):
        target = (use.get("href") or use.get(f"{{{XLINK}}}href") or "").strip().lstrip("#")
        if target in holding_use and use.getparent() is not None:
            dropped.append("a <use> of a <use>")
            removed.add(use)
            use.getparent().remove(use)
    # … nor a marker draw markers: each level multiplies the shapes by the points of its path
    # (five levels of thirty points took 30 GB)
    for marker in root.iter(f"{{{SVG}}}marker"):
        for element in marker.iter(f"{{{SVG}}}*"):
            inner = [name for name in MARKER_PROPERTIES if element.get(name)]
            style = element.get("style") or ""
            if any(name in style for name in MARKER_PROPERTIES):
                kept = [d for d in style.split(";") if d.split(":")[0].strip().lower() not in MARKER_PROPERTIES]
                element.attrib["style"] = ";".join(kept)
                inner.append("style")
            for name in inner:
                if name != "style":
                    del element.attrib[name]
            if inner:
                dropped.append("a marker inside a marker")
                removed.add(element)
    # … nor a pattern paint with patterns: each level multiplies its tiles by the next's (five
    # levels of fifteen tiles, a 5 KB drawing, took Typst 100 s to draw as the DOCX's PNG)
    patterns = {pattern.get("id") for pattern in root.iter(f"{{{SVG}}}pattern") if pattern.get("id")}
    for pattern in root.iter(f"{{{SVG}}}pattern"):
        for element in pattern.iter(f"{{{SVG}}}*"):
            painted = False
            for name in ("fill", "stroke"):
                if PAINT_REFERENCE.match(element.get(name) or "") and \
                        PAINT_REFERENCE.match(element.get(name)).group(1) in patterns:
                    element.attrib[name] = "none"
                    painted = True
            style = element.get("style") or ""
            kept = [d for d in style.split(";") if not (d.split(":")[0].strip().lower() in ("fill", "stroke") and (
                reference := PAINT_REFERENCE.match(d.partition(":")[2])) and reference.group(1) in patterns)]
            if style and len(kept) != len(style.split(";")):
                element.attrib["style"] = ";".join(kept)
                painted = True
            if painted:
                dropped += [] if "a pattern painted with a pattern" in dropped else ["a pattern painted with a pattern"]
                removed.add(element)
    declared = root.getroottree().docinfo.internalDTD
    # a DOCTYPE that only names SVG's DTD (matplotlib's, Inkscape's) goes without a word;
    # one that declares entities or elements is what is said
    if declared is not None:
        removed.add(declared)  # never published: the drawing is written again without it
        if next(declared.iterentities(), None) or next(declared.iterelements(), None):
            dropped.append("its DOCTYPE's declarations")
    outside = [node for node in (*root.itersiblings(preceding=True), *root.itersiblings())]
    if outside:  # comments and processing instructions around the root (<?xml-stylesheet …?>)
        dropped += [] if all(node.tag is etree.Comment for node in outside) else ["a processing instruction"]
        removed.update(outside)
    if not removed and not dropped:
        return Sanitized(data)
    return Sanitized(etree.tostring(root, encoding="utf-8"), dropped)
