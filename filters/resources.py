"""Every file an edition will read, checked where the author names it: images
(``![…](figures/map.png)``) and the media of raw HTML (``<img src>``,
``<video poster>``…), each resolved against the manuscript folder — not the
folder the build runs in — after following symlinks.

A path that leaves the manuscript folder, a remote address (the build never
touches the network), a missing file or a format not every edition can show is
an error naming the file and line. Each good one is recorded (its name as the
text writes it, normalised, → the file) for the editions: the HTML edition copies
them beside its page, the EPUB embeds them, Typst reads them, the LaTeX folder
carries them. Images the build draws itself (the timeline) are ``data:`` URIs.

>>> media_paths('<p><img src="a.png" alt=""> <video poster="b.jpg" src="https://x/v.mp4"></p>')
['a.png', 'b.jpg', 'https://x/v.mp4']
>>> media_paths('<img/src="../../etc/hostname">')
['../../etc/hostname']
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, unquote_to_bytes, urlparse

if __name__ == "__main__":  # pandoc -F filters/NAME.py
    import standalone; standalone.run(__file__)  # noqa: E702, I001

import panflute as pf

from core.diagnostics import (
    BuildError,
    closest,
    display_path,
    error,
    locate,
    source_files,
    warn,
)
from core.images import cmyk, pdf_drawing, picture_problem
from core.inputs import limit, read_input, regular, too_large
from core.mathtext import linear
from core.names import PROJECT_KEY, RESOURCES_KEY
from core.svg import sanitized
from filters.elements import body_elements, descendants
from filters.untrusted import untrusted_build

FORMATS = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
           ".svg": "image/svg+xml", ".pdf": "application/pdf"}
LFS_POINTER = b"version https://git-lfs.github.com/spec/"
# The suffixes LaTeX's graphicx tries, in its order, for a picture named without one.
GRAPHICS_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".svg")
DATA_URI = re.compile(r"^data:image/(?:png|jpeg|svg\+xml)(?:;[\w=.-]+)*(?:;base64)?,", re.I)
# What raw HTML may load: these elements' attributes (``href`` only of <link>).
MEDIA_ELEMENTS = {"img", "audio", "video", "source", "track", "embed", "iframe", "object", "image",
                  "input", "link", "script", "use", "frame"}
MEDIA_ATTRIBUTES = {"src", "poster", "data", "srcset", "href", "xlink:href"}


class MediaParser(HTMLParser):
    """The addresses raw HTML loads, read as a browser (and pandoc) reads tags:
    ``<img/src=…>`` is an image with a source."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in MEDIA_ELEMENTS:
            return
        for name, value in attrs:
            if name not in MEDIA_ATTRIBUTES or value is None or (name == "href" and tag not in ("link", "use", "image")):
                continue
            if name == "srcset":
                self.found += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
            else:
                self.found.append(value.strip())

    handle_startendtag = handle_starttag



def pictures_in(project: Path) -> list[Path]:
    """The pictures of the project's folder, looked for once a build (``_pictures``): each
    image not found compared its path with all of them, walking the folder again (2,000
    such images and 2,000 files took 207 s)."""
    key = (project, project.stat().st_mtime_ns if project.exists() else 0)
    if key not in _pictures:
        _pictures.clear()
        _pictures[key] = [p for p in project.rglob("*") if p.suffix.lower() in FORMATS and p.is_file()]
    return _pictures[key]


_pictures: dict = {}

def media_paths(raw_html: str) -> list[str]:
    """What the media elements of a piece of raw HTML would load."""
    parser = MediaParser()
    parser.feed(raw_html)
    parser.close()
    return parser.found


def manuscript_folder(doc: pf.Doc) -> Path:
    """The sources' folder: a path in the text starts there."""
    files = source_files(doc)
    return Path(files[0]).resolve().parent if files else Path.cwd().resolve()


def project_folder(doc: pf.Doc) -> Path:
    """The folder every file the editions read must lie in: the manuscript folder, or the
    root of a one-file manuscript (its figures may lie beside or above the paper)."""
    project = doc.get_metadata(PROJECT_KEY, default=None)
    return Path(project).resolve() if project else manuscript_folder(doc)


def data_picture_problem(url: str) -> str | None:
    """What keeps an edition from decoding the PNG or JPEG a ``data:`` address holds
    (``core.images.picture_problem``: the pixel limit, a damaged file); None for an SVG,
    which the editions' SVG readers bound themselves.

    >>> data_picture_problem("data:image/png;base64,iVBORw0KGgo="), data_picture_problem("data:image/svg+xml,<svg/>")
    ('not a PNG or JPEG file (its first bytes are neither)', None)
    """
    head, _, body = url.partition(",")
    suffix = {"image/png": ".png", "image/jpeg": ".jpg"}.get(head[5:].split(";")[0].lower())
    if suffix is None:
        return None
    try:
        data = base64.b64decode(body, validate=False) if ";base64" in head.lower() else unquote_to_bytes(body)
    except ValueError:
        return "its base64 text is damaged"
    return picture_problem(data, suffix)


def check(url: str, folder: Path, where, image: bool, project: Path | None = None,
          untrusted: bool = False) -> tuple[str, Path] | None:
    """(normalised name, file) for a local file of ``project`` (by default ``folder``),
    its path relative to ``folder``, its name relative to ``project``; None (reported)
    otherwise. Generated images (``data:`` URIs) pass as they are, once their picture is
    checked as a file's is. ``where()``: the file and line of the mention, looked up only
    to report a problem."""
    project = project or folder
    if DATA_URI.match(url):
        problem = data_picture_problem(url)
        if problem:
            error(f"the picture written in the text (a data: address): {problem}", *where(),
                  hint="save it at a smaller size, as a file of the manuscript")
        return None
    parsed = urlparse(url)
    if parsed.scheme and len(parsed.scheme) > 1 or url.startswith("//"):
        error(f"'{url}' is not a file of the manuscript: the build never fetches anything",
              *where(), hint="download it into manuscript/figures/ and give that path")
        return None
    relative = unquote(parsed.path)
    # "/figures/a.png" is the project's own, as GitHub and static sites read it: never
    # a path of this machine's file system.
    target = (project / relative.lstrip("/") if relative.startswith("/") else folder / relative).resolve()
    if not target.is_relative_to(project):
        standard = project.name == "manuscript"  # the manuscript/ folder of the standard layout
        error(f"'{url}' lies outside the {'manuscript' if standard else 'project'} folder", *where(),
              hint="keep figures in manuscript/figures/ and give the path relative to manuscript/" if standard
              else f"keep figures inside {display_path(project)}/, or build with --root a folder that holds them")
        return None
    if image and not target.suffix and not target.exists():  # \includegraphics{map}: LaTeX tries its suffixes
        target = next((found for found in (target.with_name(target.name + suffix) for suffix in GRAPHICS_SUFFIXES)
                       if found.is_file() and found.resolve().is_relative_to(project)), target)
    if target.exists() and not target.is_file():
        try:
            regular(target)
        except BuildError as failure:
            error(f"'{url}' is {failure.diagnostic.message}", *where(), hint=failure.diagnostic.hint)
        return None
    if not target.is_file():
        close = closest(relative, [os.path.relpath(p, folder) for p in pictures_in(project)], cutoff=0.5)
        whole = (folder / url).resolve()  # a#b.png: the address's '#' began a fragment
        error(f"image file '{url}' not found", *where(),
              hint=f"the file '{url}' is there, but in an address '#' and '?' begin what is no file's name: "
                   f"write {quote(url)}" if (parsed.fragment or parsed.query) and whole.is_relative_to(project)
              and whole.is_file() else
              f"did you mean '{close}'?" if close else
              f"a path that starts with / is read from {display_path(project)}/" if relative.startswith("/") else
              "paths are relative to the manuscript folder, e.g. figures/map.png")
        return None
    if image and target.suffix.lower() not in FORMATS:
        error(f"'{url}' is a {target.suffix or 'file without extension'}, which not every edition "
              "can show", *where(), hint="use PNG, JPEG, SVG or PDF")
        return None
    if image and not picture_checked(url, target, where, untrusted):
        return None
    return str(PurePosixPath(*target.relative_to(project).parts)), target


# What a published figure's name may hold: letters, digits and . _ - / (Unicode's letters too).
# A name with any other character (a#b.png, c{d}.png, e%f.png, "a b.png") is read differently
# by each edition's language: an address (# starts a fragment, % an escape), TeX (# { } %
# are its own), so each edition had its own way to break it.
PUBLISHABLE = re.compile(r"[^\w./-]")


def published_name(name: str) -> str:
    """The name a figure is published under in every edition (raw HTML's files keep
    theirs: its markup names them): as written when it holds
    only letters, digits and ``. _ - /``; else each other character as ``-``, and a short
    digest of the name as written, so that two names never become one.

    >>> published_name("figures/map.png"), published_name("şekil 1.png"), published_name("a#b.png")
    ('figures/map.png', 'şekil-1-84140dee5c3d4f63.png', 'a-b-f39e4dacedfd96a3.png')
    """
    if not PUBLISHABLE.search(name):
        return name
    stem, dot, suffix = name.rpartition(".") if "." in name.rpartition("/")[2] else (name, "", "")
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]  # 64 bits: no name found to share one
    return f"{PUBLISHABLE.sub('-', stem)}-{digest}{dot}{suffix}"


def picture_checked(url: str, target: Path, where, untrusted: bool) -> bool:
    """What a figure holds, checked before any edition decodes it: a regular file
    within the figure limit; a PNG or JPEG whose header declares no more pixels than
    the limit (a 30000 × 30000 PNG of 0.9 MB took 1 GB to decode) and whose data is
    whole (``core.images``); an SVG as its allowlist keeps it (``core.svg``): what
    the allowlist drops is refused in an untrusted build, said otherwise."""
    try:
        data = read_input(target, "figure")
    except BuildError as failure:
        error(f"figure '{url}': {failure.diagnostic.message}", *where(), hint=failure.diagnostic.hint)
        return False
    if data.startswith(LFS_POINTER):  # a clone made without git lfs: a text file where the picture should be
        error(f"figure '{url}' is a Git LFS pointer, not the picture", *where(), hint="fetch the picture (git lfs pull)")
        return False
    if target.suffix.lower() == ".svg":
        dropped = list(dict.fromkeys(sanitized(data).dropped))  # each kind once: Inkscape repeats its own
        if dropped and untrusted:
            error(f"the SVG figure '{url}' holds what no edition publishes: {', '.join(dropped[:5])}", *where(),
                  hint="an untrusted build takes drawings only: no script, event handler, foreignObject, "
                       "external reference or CSS beyond colours and lines")
            return False
        if dropped:
            warn(f"the SVG figure '{url}' is published without {', '.join(dropped[:5])}", *where(),
                 hint="the editions publish SVG drawings only (core/svg.py's allowlist)")
        return True
    problem = picture_problem(data, target.suffix.lower())
    if problem:
        error(f"figure '{url}': {problem}", *where(), hint="save it again (PNG or JPEG), at a smaller size "
                                                         "if it is too large")
        return False
    dropped = pdf_drawing(data)[1] if target.suffix.lower() == ".pdf" else []
    if dropped and untrusted:
        error(f"the PDF figure '{url}' holds what no edition publishes: {', '.join(dropped)}", *where(),
              hint="an untrusted build takes a PDF figure's drawing only: save the page alone (print to PDF)")
        return False
    if dropped:
        warn(f"the PDF figure '{url}' is published as its drawing alone, without {', '.join(dropped)}", *where(),
             hint="the editions publish a figure's first page, nothing that runs or links")
    if cmyk(data, target.suffix.lower()):
        warn(f"figure '{url}' is a CMYK picture: the editions show it converted to RGB (a PDF/A file holds "
             "no CMYK picture without a colour profile, and browsers show one in wrong colours)", *where(),
             hint="save it as RGB to choose its colours yourself")
    return True


def place(doc: pf.Doc, url: str) -> tuple[str | None, int | None]:
    return locate(doc, re.escape(url))


def checked_elements(doc: pf.Doc):
    """The body's elements, and the raw markup the author put in ``header-includes``
    (the EPUB writer would load what that names, too)."""
    yield from body_elements(doc)
    includes = doc.metadata.content.dict.get("header-includes")
    if includes is not None:
        yield from descendants(includes)


def spoken_math(image: pf.Image) -> None:
    """The math of a picture's text (its alt text, which pandoc takes from the caption)
    as linear text, the form equations are spoken in (``core.mathtext``): the alt text
    held TeX ("polar angle \\theta"), which a screen reader spells out.

    >>> image = pf.Image(pf.Str("angle"), pf.Space(), pf.Math(r"\\theta", format="InlineMath"), url="a.png")
    >>> spoken_math(image); pf.stringify(image)
    'angle θ'
    """
    if any(isinstance(e, pf.Math) for e in descendants(image)):
        image.walk(lambda element, doc: pf.Str(linear(element.text)) if isinstance(element, pf.Math) else None)


def prepare(doc: pf.Doc) -> None:
    folder, project = manuscript_folder(doc), project_folder(doc)
    found: dict[str, Path] = {}
    for element in checked_elements(doc):
        if isinstance(element, pf.Image):
            spoken_math(element)
            checked = check(element.url, folder, lambda url=element.url: place(doc, url), image=True,
                            project=project, untrusted=untrusted_build(doc))
            if checked:
                written, element.url = element.url, published_name(checked[0])
                if found.get(element.url, checked[1]) != checked[1]:  # a#b.png beside a file named as a#b.png is
                    error(f"the figures '{checked[0]}' and '{display_path(found[element.url])}' would be published "
                          f"under one name, '{element.url}'", *place(doc, written), hint="rename one of them")
                found[element.url] = checked[1]
        elif isinstance(element, (pf.RawInline, pf.RawBlock)) and element.format == "html":
            for url in media_paths(element.text):
                checked = check(url, folder, lambda url=url: place(doc, url), image=False, project=project)
                if checked:
                    found[checked[0]] = checked[1]
    within_figures_limit(doc, found)
    if found:
        doc.metadata[RESOURCES_KEY] = pf.MetaMap(*((name, pf.MetaString(str(path)))
                                                   for name, path in sorted(found.items())))


def within_figures_limit(doc: pf.Doc, found: dict[str, Path]) -> None:
    """The figures the text shows, together, within the ``figures`` limit, whatever the
    layout: a one-file paper's were never counted (24 pictures of 23.5 MB beside a
    paper.md: 1.2 GB of memory and of editions), only manuscript/'s files were."""
    total = 0
    for name, path in sorted(found.items()):
        total += path.stat().st_size
        if total > limit("figures"):
            raise too_large("figures", path, total)


def main(doc=None):
    return pf.run_filters([], prepare=prepare, doc=doc)

