"""The HTML edition's web fonts, shipped with it so that the page looks the same on
every machine: EB Garamond, chosen to match the PDF's Libertinus Serif (an old-style
serif of the same cut and proportions, with Turkish, Azerbaijani, Cyrillic and Greek;
Libertinus itself is on no registry reached here). Its files are npm
``@fontsource/eb-garamond`` 5.3.0's (SIL Open Font License 1.1, whose text goes with
them), kept in ``templates/html/fonts/``: one file per face and Unicode block, as
Fontsource cuts them, unpacked from WOFF2 to TrueType once (fontTools), since reading
WOFF2's glyphs back took fontTools most of a subset's time. Each file is subset (fontTools) to the characters the page uses
and only the files it needs are written, each with its ``@font-face`` and
``unicode-range``, beside the page under ``fonts/``.

Subsetting a face takes fontTools tens of milliseconds, more than the rest of the
page: each subset is kept, like jinja2's compiled templates, in a private per-user
temporary folder, named by the hash of the font and the characters, so that a page
whose characters did not change (any rebuild, most edits) reuses it (``press.kept``).

>>> ranges("U+0000-00FF,U+0131")
((0, 255), (305, 305))
>>> blocks_used({"a", "ı"}, ("latin", "latin-ext", "cyrillic"))
['latin']
"""
from __future__ import annotations

import hashlib
import html
import io
import re
from functools import lru_cache
from pathlib import Path

from press.kept import kept

FAMILY = "EB Garamond"
FILE = "eb-garamond-{block}-{weight}-{style}.ttf"
LICENCE = "OFL.txt"
# The faces the stylesheet uses: text, emphasis, headings and strong (600: the nearest
# heavier weight a browser picks for bold), and emphasis within those.
FACES = (("400", "normal"), ("400", "italic"), ("600", "normal"), ("600", "italic"))
# Fontsource's blocks (its unicode.json) of the files kept.
BLOCKS = {
    "latin": "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,"
             "U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
    "latin-ext": "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,"
                 "U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,"
                 "U+A720-A7FF",
    "cyrillic": "U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116",
    "greek": "U+0370-0377,U+037A-037F,U+0384-038A,U+038C,U+038E-03A1,U+03A3-03FF",
}


def ranges(unicode_range: str) -> tuple[tuple[int, int], ...]:
    """A CSS ``unicode-range`` as (first, last) code points."""
    found = []
    for part in unicode_range.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        found.append((int(first, 16), int(last or first, 16)))
    return tuple(found)


def in_block(char: str, block: str) -> bool:
    return any(first <= ord(char) <= last for first, last in ranges(BLOCKS[block]))


def blocks_used(chars: set[str], blocks=tuple(BLOCKS)) -> list[str]:
    """The blocks that hold a character of ``chars`` (a character in two blocks counts
    for the first)."""
    used = []
    for char in chars:
        block = next((b for b in blocks if in_block(char, b)), None)
        if block and block not in used:
            used.append(block)
    return [block for block in blocks if block in used]


def page_characters(page: str) -> set[str]:
    """The characters a page shows: its body's text and its title (tags left out,
    entities read), and the marks the stylesheet adds."""
    body = page.split("<body", 1)[-1]
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    text = re.sub(r"<[^>]+>", " ", body) + (title.group(1) if title else "")
    return set(html.unescape(text)) | set("0123456789*·–—…")


def subset(source: bytes, chars: frozenset[str]) -> bytes:
    """``subset_font``, kept for the user (``press.kept``) under the hash of its inputs."""
    from fontTools import version

    return kept([source, "".join(sorted(chars)), version, repr(OPTIONS), SUBSET_DATE], "woff2",
                lambda: subset_font(source, chars))


# What a subset's head table dates it (part of its key: subsets kept before, stamped with
# the hour they were made, are not served).
SUBSET_DATE = "the source's own"


# fontTools' options: no hinting (browsers hint), the layout features text needs, the
# name table as it is (finding the names other tables use was a fifth of the time).
OPTIONS = {"hinting": False, "layout_features": ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"],
           "name_IDs": ["*"], "name_languages": ["*"]}


@lru_cache(maxsize=64)
def subset_font(source: bytes, chars: frozenset[str]) -> bytes:
    """The font (WOFF2) with only the glyphs of ``chars`` (and what their ligatures
    and marks need), as WOFF2."""
    from fontTools import subset as fonttools_subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.woff2 import WOFF2FlavorData

    # the source's own date, not the time of the build (a subset is kept and served to
    # every later build: press.kept)
    font = TTFont(io.BytesIO(source), lazy=True, recalcTimestamp=False)
    options = fonttools_subset.Options(**OPTIONS)
    cmap = font.getBestCmap()
    subsetter = fonttools_subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars if ord(c) in cmap])
    subsetter.subset(font)
    # WOFF2 without its glyph transform (a few hundred bytes larger, written in a
    # fraction of the time; browsers read both)
    font.flavor, font.flavorData = "woff2", WOFF2FlavorData(transformedTables=())
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


def web_fonts(folder: Path, chars: set[str]) -> tuple[dict[str, bytes], str]:
    """The font files the page needs, subset to its characters (``{name: bytes}``, the
    licence with them), and their ``@font-face`` rules."""
    files, rules = {}, []
    for block in blocks_used(chars):
        wanted = frozenset(c for c in chars if in_block(c, block))
        for weight, style in FACES:
            name = FILE.format(block=block, weight=weight, style=style)
            data = subset((folder / name).read_bytes(), wanted)
            versioned = f"{name.removesuffix('.ttf')}-{hashlib.sha256(data).hexdigest()[:8]}.woff2"
            files[versioned] = data
            rules.append(f'@font-face {{ font-family: "{FAMILY}"; font-style: {style}; font-weight: {weight}; '
                         f'font-display: swap; src: url("{versioned}") format("woff2"); '
                         f'unicode-range: {BLOCKS[block]}; }}')
    if files:
        files[LICENCE] = (folder / LICENCE).read_bytes()
    return files, "\n".join(rules) + "\n"
