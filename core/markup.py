"""Small text helpers shared by the filters: words to inlines, raw-format escaping.

>>> text_to_inlines("a b")
[Str(a), Space, Str(b)]
>>> typst_string('say "hi"')
'"say \\\\"hi\\\\""'
"""
from __future__ import annotations

import re
import unicodedata

import panflute as pf
from panflute.elements import RAW_FORMATS

from core.names import SAFE_URL_SCHEMES

# An id every markup takes as it is written: Typst's <label>, LaTeX's \label{…}
PLAIN_ID = re.compile(r"[\w.:-]+")

# panflute 2.3 predates pandoc's Typst writer and rejects raw Typst; pandoc itself
# accepts it (RawBlock "typst" reaches only the Typst output).
RAW_FORMATS.add("typst")


def text_to_inlines(text: str) -> list[pf.Inline]:
    """Words and spaces as pandoc's reader would split them."""
    inlines: list[pf.Inline] = []
    for index, word in enumerate(text.split(" ")):
        if index:
            inlines.append(pf.Space())
        if word:
            inlines.append(pf.Str(word))
    return inlines


# What makes a text Markdown rather than words: emphasis, code, math, a citation, a link
MARKUP = re.compile(r"[@*_`$\[\\<~^]")


def markdown_inlines(text: str) -> list[pf.Inline]:
    """Text an author wrote as Markdown in an attribute (a code cell's ``tbl-cap``,
    ``fig-cap``), as pandoc reads it: emphasis, math and citations kept (Quarto reads
    those options so); a text without markup is only split into words.

    >>> markdown_inlines("A map")
    [Str(A), Space, Str(map)]
    >>> [type(i).__name__ for i in markdown_inlines("Values in @smith2020, **bold**")][-3:]
    ['Str', 'Space', 'Strong']
    >>> markdown_inlines("A ![map](../x.png)")[-1]
    Span(Str(map))
    """
    if not MARKUP.search(text):
        return text_to_inlines(text)
    import io

    from core.tools import run_pandoc

    read = pf.load(io.StringIO(run_pandoc(["--from", "markdown", "--to", "json", "--sandbox"], stdin=text)))
    blocks = list(read.content)
    if len(blocks) != 1 or not isinstance(blocks[0], (pf.Para, pf.Plain)):
        return text_to_inlines(text)  # more than a line of text: its words, as before

    def words_only(element, doc):
        # read after the stages that check pictures and read raw markup: a picture is its
        # description, raw markup its text (a caption's "![x](../outside.png)" was published unchecked)
        if isinstance(element, pf.Image):
            return pf.Span(*element.content)
        if isinstance(element, pf.RawInline):
            return pf.Str(element.text)
        return None

    return list(blocks[0].walk(words_only).content)


def typst_string(text: str) -> str:
    """A Typst string literal holding ``text`` exactly."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"'


SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


def scheme_of(url: str) -> str | None:
    """The URL's scheme as a browser reads it: after dropping spaces and control
    characters, in lower case."""
    match = SCHEME.match(re.sub(r"[\x00-\x20]", "", url).lower())
    return match.group(1) if match else None


def unsafe_url(url: str) -> bool:
    """A link or image URL with a scheme other than the web's, mail's and DOI's
    (relative addresses and #fragments are safe).

    >>> unsafe_url(" JavaScript:alert(1)"), unsafe_url("https://x"), unsafe_url("#bib-a")
    (True, False, False)
    """
    scheme = scheme_of(url)
    return scheme is not None and scheme not in SAFE_URL_SCHEMES


def page_range(pages) -> tuple[str, str]:
    """First and last page: ``"12-30"`` (or with an en or em dash, ``--``) → ``("12", "30")``;
    one page → ``("12", "")``; none → ``("", "")``.

    >>> page_range("12-30"), page_range("115—142"), page_range("7"), page_range("")
    (('12', '30'), ('115', '142'), ('7', ''), ('', ''))
    """
    parts = [part.strip() for part in re.split(r"\s*[-–—]+\s*", str(pages or "")) if part.strip()]
    return (parts[0] if parts else "", parts[1] if len(parts) > 1 else "")


def as_text(value) -> str:
    return value if isinstance(value, str) else pf.stringify(value).strip() if value is not None else ""


def auto_identifier(text: str, taken: set[str]) -> str:
    """The id pandoc gives a heading written without one (``auto_identifiers`` with
    ``ascii_identifiers``): its words in lower case, ASCII letters, digits, ``_-.`` and
    hyphens for spaces, from its first letter on ("section" if none); ``-1``, ``-2``…
    after one already ``taken``. The id is added to ``taken``.

    >>> taken = {"results"}
    >>> auto_identifier("Results", taken), auto_identifier("2. Şekil Ölçüm!", taken), auto_identifier("1999", taken)
    ('results-1', 'sekil-olcum', 'section')
    """
    ascii_text = unicodedata.normalize("NFKD", text.replace("ı", "i")).encode("ascii", "ignore").decode()
    kept = "".join(c for c in ascii_text.lower() if c.isalnum() or c in "_-. ")
    identifier = re.sub(r"\s+", "-", kept.strip())
    identifier = re.sub(r"^[^a-z]+", "", identifier) or "section"
    unique, number = identifier, 0
    while unique in taken:
        number += 1
        unique = f"{identifier}-{number}"
    taken.add(unique)
    return unique
