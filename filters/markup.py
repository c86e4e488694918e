"""Small text helpers shared by the filters: words to inlines, raw-format escaping.

>>> text_to_inlines("a b")
[Str(a), Space, Str(b)]
>>> typst_string('say "hi"')
'"say \\\\"hi\\\\""'
"""
from __future__ import annotations

import html

import panflute as pf
from panflute.elements import RAW_FORMATS

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


def typst_string(text: str) -> str:
    """A Typst string literal holding ``text`` exactly."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"'


def html_escape(text: str) -> str:
    return html.escape(text, quote=True)
