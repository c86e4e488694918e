"""Images as each edition needs them. Every edition shows PNG, JPEG, SVG and PDF
figures; where a format does not fit (a PDF in a web page, an SVG in LaTeX),
Typst draws the same picture in the other format, so that nothing outside PyPI
is needed. Generated images (the timeline) arrive as ``data:`` URIs.

>>> data_uri_bytes("data:image/svg+xml;base64,PHN2Zy8+")
('image/svg+xml', b'<svg/>')
>>> typst_length("300px"), typst_length("50%"), typst_length("5cm")
('225pt', '50%', '5cm')
"""
from __future__ import annotations

import base64
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from core.inputs import limit
from core.markup import typst_string
from core.tools import TYPST_PICTURES

EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/svg+xml": ".svg"}


def data_uri_bytes(url: str) -> tuple[str, bytes]:
    """(media type, bytes) of a ``data:`` URI."""
    head, _, data = url.partition(",")
    media = head[5:].split(";")[0].lower()
    return media, base64.b64decode(data) if head.endswith(";base64") else unquote(data).encode("utf-8")


def data_uri(media: str, data: bytes) -> str:
    return f"data:{media};base64,{base64.b64encode(data).decode('ascii')}"


def typst_length(value: str) -> str | None:
    """A pandoc width or height (``50%``, ``5cm``, ``300px``, ``2in``) in Typst's units."""
    match = re.fullmatch(r"\s*([\d.]+)\s*(%|cm|mm|in|pt|em|px)?\s*", value or "")
    if not match:
        return None
    number, unit = match.group(1), match.group(2) or "px"
    if unit == "px":  # CSS pixels: 96 to the inch, 72 points
        return f"{float(number) * 0.75:g}pt"
    return f"{number}{unit}"


def svg_aspect(svg: bytes) -> float | None:
    """Height over width of an SVG, from its viewBox (None when it has none).

    >>> svg_aspect(b'<svg viewBox="0 0 760 1349">')
    1.775
    """
    match = re.search(rb'viewBox="[\d.\s-]*?\s([\d.]+)\s+([\d.]+)"', svg[:2000])
    return round(float(match.group(2)) / float(match.group(1)), 3) if match else None


def typst_image_source(url: str) -> str:
    """The first argument of Typst's ``image``: a path (under the compile's root) or bytes."""
    if not url.startswith("data:"):
        return typst_string(url)
    media, data = data_uri_bytes(url)
    if media == "image/svg+xml":
        return f'bytes({typst_string(data.decode("utf-8"))}), format: "svg"'
    fmt = "png" if media == "image/png" else "jpg"
    return f'bytes(({", ".join(map(str, data))},)), format: "{fmt}"'


def convert(source: str, output: str, root: Path | None, ppi: float = 72, name: str | None = None) -> bytes:
    """One picture alone on a page of its own size, in ``output`` ("svg", "pdf", or
    "png" at ``ppi``); ``name``: the figure's, for an error's message."""
    document = ("#set page(width: auto, height: auto, margin: 0pt)\n"
                f"#image({source})\n")

    def compiled(output: str, ppi: float) -> bytes:
        return TYPST_PICTURES.compile(document, 0, output=output, root=root, ppi=ppi,
                                      where=lambda line: (name and f"manuscript/{name}", None))
    if output == "png":  # drawn within the pixel limit, however large the page it declares
        ppi = min(ppi, fitting_ppi(compiled("svg", 72)))
    return compiled(output, ppi)


def fitting_ppi(svg: bytes) -> float:
    """The resolution at which Typst's drawing (an SVG of its page) stays within the
    pixel limit when drawn as PNG.

    >>> round(fitting_ppi(b'<svg class="typst-doc" viewBox="0 0 7200 7200" width="72000pt" height="72000pt">'))
    7
    """
    match = re.search(rb'width="([\d.]+)pt" height="([\d.]+)pt"', svg[:500])
    points = float(match.group(1)) * float(match.group(2)) if match else 0
    return (limit("pixels") / points) ** 0.5 * 72 if points else 72


def drawn(url_or_path: str | Path, root: Path | None, output: str, ppi: float = 72) -> bytes:
    """A figure (a checked file under ``root``, or a ``data:`` URI) drawn by Typst in
    ``output``; each drawing made once per process and version of the file (the HTML
    page and the EPUB both show a PDF figure as SVG)."""
    if isinstance(url_or_path, Path):
        status = url_or_path.stat()
        return _drawn_file(url_or_path, root, output, ppi, status.st_mtime_ns, status.st_size)
    return _drawn_uri(url_or_path, output, ppi)


@lru_cache(maxsize=64)
def _drawn_file(path: Path, root: Path, output: str, ppi: float, mtime_ns: int, size: int) -> bytes:
    name = path.relative_to(root).as_posix()
    return convert(typst_string(name), output, root, ppi, name)


@lru_cache(maxsize=16)
def _drawn_uri(url: str, output: str, ppi: float) -> bytes:
    return convert(typst_image_source(url), output, None, ppi)


def svg_of_pdf(path: Path, root: Path) -> bytes:
    """A PDF figure for the web: its first page as SVG."""
    return drawn(path, root, "svg")


def pdf_of_svg(url_or_path: str | Path, root: Path | None) -> bytes:
    """An SVG figure (or a generated one) for LaTeX, as PDF."""
    return drawn(url_or_path, root, "pdf")
