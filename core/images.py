r"""PNG and JPEG figures, checked before any edition decodes them: the size their header
declares (Pillow reads the header alone), their format, and whether their data is
whole, so that Typst, a browser or an e-reader is never handed a picture that takes
gigabytes to decode or that fails with a message naming no file.

>>> import base64
>>> pixel = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
>>> picture_problem(pixel, ".png") is None, picture_problem(pixel[:50], ".png"), picture_problem(b"x", ".jpg")
(True, 'its data is cut short or damaged (Truncated File Read)', 'not a PNG or JPEG file (its first bytes are neither)')
>>> import struct, zlib
>>> def chunk(kind, body): return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
>>> header = chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 16, 6, 0, 0, 0))
>>> picture_problem(b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", b""), ".png")  # no pixel data at all
'30000 × 30000 pixels (900 million pixels): over the limit of 50 million pixels for one picture'
"""
from __future__ import annotations

import io
import re
from functools import lru_cache

from core.inputs import limit, shown_size

FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
MAX_SCANS = 100  # a JPEG's scans (see picture_problem)


def pdf_problem(data: bytes) -> str | None:
    """What keeps an edition from drawing a PDF figure's first page (None: nothing): a
    picture in it that declares more pixels than the limit (Typst decodes it to draw the
    page for the web: 20000 × 20000 took 400 MB), or a file pypdf cannot read. Only the
    pictures' dictionaries are read, never their data."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError

    # pypdf's own bounds on what one stream decodes to, and ours on all of them together
    # (a form's stream of 262 bytes, deflated twice, decoded to 74 MB: 300 took 5 GB)
    bounds = {name: MAX_DECODED for name in ("zlib_maximum_output_length", "lzw_maximum_output_length",
                                             "run_length_maximum_output_length", "jbig2_maximum_output_length",
                                             "array_based_stream_maximum_output_length")}
    try:
        with apply_configuration(**bounds):
            return drawing_problem(PdfReader(io.BytesIO(data)).pages[0])
    except LimitReachedError:
        return TOO_MUCH_DECODED
    except Exception as failure:  # pypdf raises many kinds on a damaged file; each means the same here
        return f"not a PDF its first page can be read from ({failure})"


def drawing_problem(page) -> str | None:
    """``pdf_problem`` of a PDF's first page, read by pypdf."""
    pending, seen = [page.get("/Resources")], set()
    while pending:
        resources = pending.pop()
        resources = resources.get_object() if resources is not None else None
        objects = resources.get("/XObject") if resources else None
        for reference in (objects.get_object().values() if objects else ()):
            key = getattr(reference, "idnum", None) or id(reference)
            if key in seen:
                continue
            seen.add(key)
            item = reference.get_object()
            if item.get("/Subtype") == "/Image":
                for picture in (item, item.get("/SMask")):  # its soft mask is a picture too
                    picture = picture.get_object() if picture is not None else None
                    if picture is not None and hasattr(picture, "get"):
                        problem = too_many_pixels(int(picture.get("/Width", 0)), int(picture.get("/Height", 0)))
                        if problem:
                            return problem
            elif item.get("/Subtype") == "/Form":
                pending.append(item.get("/Resources"))
        # a tiling pattern draws with resources of its own (a 20000 × 20000 picture hid there)
        patterns = resources.get("/Pattern") if resources else None
        for reference in (patterns.get_object().values() if patterns else ()):
            key = getattr(reference, "idnum", None) or id(reference)
            if key not in seen:
                seen.add(key)
                pending.append(reference.get_object().get("/Resources"))
    decoded = [0, 0]
    drawn = forms_drawn(page, page.get("/Resources"), {}, decoded)
    if decoded[0] > MAX_DECODED:
        return TOO_MUCH_DECODED
    if decoded[1]:  # the largest picture written inline in a drawing (BI /W … /H … ID)
        width, height = divmod(decoded[1], 1 << 32)
        problem = too_many_pixels(width, height)
        if problem:
            return problem
    if drawn > MAX_FORMS_DRAWN:
        return (f"its page draws its forms (pictures within it) {drawn:,}+ times, one within another: "
                f"over the limit of {MAX_FORMS_DRAWN:,} (drawing it would take gigabytes)")
    return None


# How many forms a figure's page may draw, counted through forms drawn within forms: a form
# that draws another ten times, seven deep, is ten million drawings in 2 KB (1.3 GB, then more).
MAX_FORMS_DRAWN = 100_000
# What a figure's page and forms may decode to, all together (a drawing of a million points
# is some 30 MB)
MAX_DECODED = 64_000_000
TOO_MUCH_DECODED = (f"its page's drawing decodes to more than {shown_size(MAX_DECODED, 'bytes')}, the limit for "
                    "a figure's (a few hundred bytes of a PDF may decode to gigabytes)")
FORM_CALL = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")
# An inline picture's dictionary lies between BI and ID; its width and height are keys of it
INLINE_MARK = re.compile(rb"\b(BI|ID)\b")
INLINE_SIZE = re.compile(rb"/(W|Width|H|Height)\s+(\d{1,9})\b")


def inline_pictures(drawing: bytes):
    """(width, height) of each picture written inline in a drawing (``BI /W 20 /H 10 … ID``),
    read in one pass over it.

    >>> list(inline_pictures(b"q BI /I true /W 300 /BPC 8 /H 200 ID xx EI Q BI /H 5 /W 6 ID"))
    [(300, 200), (6, 5)]
    """
    opened = None
    for mark in INLINE_MARK.finditer(drawing):
        if mark.group(1) == b"BI":
            opened = mark.end()
        elif opened is not None and mark.start() - opened < 2000:
            sizes = {key[:1]: int(value) for key, value in INLINE_SIZE.findall(drawing, opened, mark.start())}
            yield sizes.get(b"W", 0), sizes.get(b"H", 0)
            opened = None


def too_many_pixels(width: int, height: int) -> str | None:
    """What a picture in a PDF figure of ``width`` × ``height`` is, past the pixel limit."""
    if width * height <= limit("pixels"):
        return None
    return (f"a picture in it of {width} × {height} pixels ({shown_size(width * height, 'pixels')}): over the "
            f"limit of {shown_size(limit('pixels'), 'pixels')} for one picture")


def forms_drawn(stream, resources, counted: dict, decoded: list[int]) -> int:
    """How many forms ``stream`` (a page or a form) draws, each counted with those it draws
    in turn (each form's count found once: linear in the file), stopping past the limit;
    ``decoded[0]``: the bytes its streams decoded to, counted on, stopping past theirs."""
    resources = resources.get_object() if resources is not None else None
    objects = resources.get("/XObject") if resources else None
    objects = objects.get_object() if objects is not None else {}
    total = 0
    drawing = stream.get_contents().get_data() if hasattr(stream, "get_contents") else stream.get_object().get_data()
    decoded[0] += len(drawing)
    if decoded[0] > MAX_DECODED:
        return total
    for width, height in inline_pictures(drawing):  # kept as width << 32 | height, the most pixels
        if width * height > (decoded[1] >> 32) * (decoded[1] & 0xFFFFFFFF):
            decoded[1] = min(width, 0xFFFFFFFF) << 32 | min(height, 0xFFFFFFFF)
    for name in FORM_CALL.findall(drawing):
        reference = objects.get("/" + name.decode("latin-1"))
        item = reference.get_object() if reference is not None else None
        if item is None or item.get("/Subtype") != "/Form":
            continue
        key = getattr(reference, "idnum", None) or id(item)
        if key not in counted:
            counted[key] = MAX_FORMS_DRAWN + 1  # a form that draws itself counts past the limit
            counted[key] = 1 + forms_drawn(item, item.get("/Resources") or resources, counted, decoded)
        total += counted[key]
        if total > MAX_FORMS_DRAWN or decoded[0] > MAX_DECODED:
            return total
    return total


# What a PDF holds beyond its drawing, and what each is in a warning: actions that run
# (JavaScript, a launch), links, attached files, forms; the rest (a thumbnail, an editor's
# data) goes without a word.
SAID = {"/OpenAction": "an action when it opens", "/AA": "actions", "/Names": "named scripts or files",
        "/AcroForm": "a form", "/AF": "attached files", "/URI": "a base address", "/Outlines": "bookmarks",
        "/Annots": "links and notes"}
PAGE_EXTRAS = ("/Annots", "/AA", "/Thumb", "/B", "/PieceInfo", "/StructParents", "/Tabs")
DOCUMENT_EXTRAS = ("/OpenAction", "/AA", "/Names", "/AcroForm", "/AF", "/URI", "/Outlines")


@lru_cache(maxsize=16)  # the resources stage asks what it drops, the sandbox for the drawing: made once
def pdf_drawing(data: bytes) -> tuple[bytes, list[str]]:
    """A PDF figure as its first page's drawing alone: the page, its contents and
    resources, in a new file; and what of the rest it held (JavaScript that runs when
    the file opens, links, attached files). The same bytes on every run.

    >>> import pikepdf
    >>> pdf = pikepdf.new(); _ = pdf.add_blank_page(page_size=(10, 10))
    >>> pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)")
    >>> stream = io.BytesIO(); pdf.save(stream)
    >>> data, dropped = pdf_drawing(stream.getvalue()); dropped, b"JavaScript" in data
    (['an action when it opens'], False)
    >>> pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.XYZ, None, None, 0])
    >>> stream = io.BytesIO(); pdf.save(stream); pdf_drawing(stream.getvalue())[1]
    []
    """
    import pikepdf

    def held(dictionary, key: str) -> bool:  # matplotlib writes an empty /Annots
        value = dictionary.get(key)
        if key == "/OpenAction" and (isinstance(value, pikepdf.Array) or isinstance(value, pikepdf.Dictionary)
                                     and value.get("/S") == pikepdf.Name.GoTo):
            return False  # "open at page 1" (LibreOffice writes it): a view, nothing the figure loses
        return value is not None and not (isinstance(value, (pikepdf.Array, pikepdf.Dictionary)) and len(value) == 0)

    with pikepdf.open(io.BytesIO(data)) as source:
        page = source.pages[0].obj
        dropped = [SAID[key] for key in DOCUMENT_EXTRAS if held(source.Root, key)]
        dropped += [SAID[key] for key in PAGE_EXTRAS if key in SAID and held(page, key) and SAID[key] not in dropped]
        if not dropped and len(source.pages) == 1 and not any(key in page for key in PAGE_EXTRAS):
            return data, []
        drawing = pikepdf.new()
        drawing.pages.append(source.pages[0])
        page = drawing.pages[0].obj
        for key in PAGE_EXTRAS:
            if key in page:
                del page[key]
        output = io.BytesIO()
        # its streams copied as they are, never decoded here (qpdf decoded and compressed again
        # a stream of 40 GB that the page lists and never draws: 200 s in the build's process)
        drawing.save(output, deterministic_id=True, compress_streams=False,
                     stream_decode_level=pikepdf.StreamDecodeLevel.none)
        return output.getvalue(), dropped


def cmyk(data: bytes, suffix: str) -> bool:
    """Whether a JPEG is in CMYK (or YCCK): PDF/A holds no such picture without a colour
    profile, Typst refuses to export it, and many browsers show it in wrong colours."""
    if FORMATS.get(suffix) != "JPEG":
        return False
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as picture:
            return picture.mode == "CMYK"
    except Exception:  # noqa: BLE001 - a picture Pillow cannot open: picture_problem says why
        return False


def as_rgb(data: bytes) -> bytes:
    """A CMYK JPEG as an RGB one (Pillow's conversion; the same bytes on every run)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as picture:
        output = io.BytesIO()
        picture.convert("RGB").save(output, "JPEG", quality=95)
        return output.getvalue()


def picture_problem(data: bytes, suffix: str) -> str | None:
    """What keeps an edition from decoding a PNG or JPEG (None: nothing). The pixel
    count is read from the header, before any decoding; then a PNG's chunks are
    checked (their CRCs), a JPEG decoded at an eighth of its size."""
    if suffix == ".pdf":
        return pdf_problem(data)
    if suffix not in FORMATS:
        return None
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # our own limit, checked below from the header
    try:
        with Image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
            if width * height > limit("pixels"):
                return (f"{width} × {height} pixels ({shown_size(width * height, 'pixels')}): over the limit "
                        f"of {shown_size(limit('pixels'), 'pixels')} for one picture")
            if picture.format != FORMATS[suffix]:
                return f"a {picture.format} file, named {suffix}"
            if picture.format == "JPEG":
                # every scan of a progressive JPEG is decoded, at any size: 5,000 scans of 98
                # bytes took Pillow 139 s (and each reader's browser as long); a camera writes one,
                # a progressive encoder about ten (0xFFDA stands for nothing else in a JPEG)
                scans = data.count(b"\xff\xda")
                if scans > MAX_SCANS:
                    return (f"a JPEG of {scans:,} scans: over the limit of {MAX_SCANS} (decoding it takes "
                            "minutes, in every reader's browser too)")
                picture.draft("RGB", (max(width // 8, 1), max(height // 8, 1)))
                picture.load()
            else:
                picture.verify()
    except Image.UnidentifiedImageError:
        return "not a PNG or JPEG file (its first bytes are neither)"
    except Exception as failure:  # Pillow's decoders raise many kinds; each means the same here
        return f"its data is cut short or damaged ({failure})"
    return None
