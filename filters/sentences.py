"""Sentences, split by each language's rules: a period ends a sentence unless it
follows an abbreviation ("vb.", "U.S."), an initial ("S. Japarov"), or, in a
language that writes ordinals with a period, a number ("18. yüzyıl"); a sentence
that continues in lower case was not ended; a footnote mark after the period
("…bitti.¹ Sonra") belongs to the sentence it closes.

>>> text = "ABD vb. ülkeler 18. yüzyılda geldi. Dr. Aslanlı gitti."
>>> [text[a:b] for a, b in sentence_bounds(text, "tr")]
['ABD vb. ülkeler 18. yüzyılda geldi.', 'Dr. Aslanlı gitti.']
>>> text = "George H.W. Bush met Gorbachev. J.R.R. Tolkien wrote."
>>> [text[a:b] for a, b in sentence_bounds(text, "en")]
['George H.W. Bush met Gorbachev.', 'J.R.R. Tolkien wrote.']
>>> text = "The U.S. envoy left.\\ufffc Talks ended."
>>> [text[a:b] for a, b in sentence_bounds(text, "en")]
['The U.S. envoy left.\\ufffc', 'Talks ended.']
"""
from __future__ import annotations

import re
from functools import lru_cache

from core.language import base_language, pack

OBJECT = "\ufffc"  # an inline that is not text: a note's mark, a citation
CANDIDATE = re.compile(r"[.!?…]+[\"”’')\]]*" + OBJECT + r"*(?=\s+)")
NEXT_WORD = re.compile(r"\s+[\"“‘'(\[]*(.)")
INITIAL = re.compile(r"^(?:[^\W\d_]\.){1,3}$")  # "S.", "H.W.", "J.R.R.": initials before a name
SPACES = re.compile(r"\s*")
WORD_WINDOW = 200  # characters before a full stop that its word may span (an abbreviation is shorter)
ORDINAL = re.compile(r"^\(?(?:\d{1,3}|[IVXLC]+)\.$")


@lru_cache(maxsize=None)
def _abbreviations(lang: str) -> frozenset[str]:
    return frozenset(pack(lang)["abbreviations"])


def ends_sentence(text: str, end: int, lang: str) -> bool:
    """Whether the punctuation run ending at ``end`` (a CANDIDATE match) ends a sentence."""
    following = NEXT_WORD.match(text, end)
    if not following or following.group(1).islower():
        return False
    # the last word, read within a window: splitting all the text before it, sentence after
    # sentence, took time in the square of a paragraph's length (60,000 sentences: minutes)
    words = text[max(0, end - WORD_WINDOW):end].rstrip(OBJECT + "\"”’')]").split()
    token = words[-1].lstrip("\"“‘'([") if words else ""
    if not token.endswith("."):
        return True
    table = pack(lang)
    return not (token in _abbreviations(lang) or INITIAL.match(token)
                or (table["ordinal_period"] and ORDINAL.match(token)))


def sentence_bounds(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, spaces between them left out."""
    lang = base_language(lang)
    bounds, start = [], 0
    for match in CANDIDATE.finditer(text):
        if ends_sentence(text, match.end(), lang):
            bounds.append((start, match.end()))
            start = SPACES.match(text, match.end()).end()
    if start < len(text.rstrip()):
        bounds.append((start, len(text.rstrip())))
    return bounds
