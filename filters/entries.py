"""The text of a chronology entry: what the clause that holds a date says happened.

``read_date`` cuts the date's clause out of its sentence (``filters.clauses``) and
reads it with the reader its language's pack names (``clause_reader``): by suffixes
(``filters.morphology``), by phrases (``filters.phrases``), or, for a language
without a clause grammar, as written.

>>> s = "Bununla birlikte 27 Eylül 2020’de başlayan İkinci Karabağ Savaşı’nda bir tepki görmekteyiz."
>>> read_date(s, [(17, 33, "’de")], 0, "tr").text
'İkinci Karabağ Savaşı başlamıştır.'
>>> s = "A ceasefire agreed on 29 April 2021 held only partly; a protocol followed."
>>> read_date(s, [(22, 35, "")], 0, "en").text
'A ceasefire was agreed and held only partly.'
"""
from __future__ import annotations

import re
from functools import lru_cache

from core.language import base_language
from filters.clauses import (
    PUNCTUATION,
    Reading,
    clause_bounds,
    content_words,
    date_role,
    extent,
    grammar_table,
    last_word_of,
    text_without,
    tidy,
    weaknesses,
)
from filters.morphology import (
    compound_case,
    finite_end,
    named_event,
    subordinate,
    turkish_reading,
    with_subject,
)
from filters.phrases import english_reading, gapped, phrase_reading


@lru_cache(maxsize=4)
def clause_dates(sentence: str, dates: tuple, clause: tuple[int, int], lang: str) -> tuple[tuple, int, dict]:
    """What every date of one clause shares, found once for all of them (once per date,
    a sentence of n dates took time in n³): each date's extent, how many stretches of
    dates the clause holds, and what each date's verbal noun or relative clause spans."""
    extents = [extent(sentence, s, e, clause[0], lang) for s, e, _ in dates]
    joined = re.compile(rf"\s*(?:{'|'.join(map(re.escape, grammar_table(lang)['date_joiners']))}|,)?\s*")
    for i in range(1, len(extents)):  # "11 ve 17 Ekim": one stretch of words
        if joined.fullmatch(sentence[extents[i - 1][1]:extents[i][0]]):
            extents[i - 1] = extents[i] = (extents[i - 1][0], extents[i][1])
    inside = [x for (s, _, _), x in zip(dates, extents) if clause[0] <= s < clause[1]]
    groups = len([x for i, x in enumerate(inside) if i == 0 or
                  not joined.fullmatch(sentence[inside[i - 1][1]:x[0]])])
    subordinates = {}
    if grammar_table(lang)["clause_reader"] == "turkish":
        subordinates = {x: subordinate(sentence, clause, x, extents, lang) for x in extents
                        if clause[0] <= x[0] < clause[1]}
    return tuple(extents), groups, subordinates


def read_date(sentence: str, dates: list[tuple[int, int, str]], index: int, lang: str) -> Reading:
    """The entry text of ``dates[index]`` ((start, end, suffix) in ``sentence``; the
    others are taken out too, and mark where another date's clause begins)."""
    lang = base_language(lang)
    start, end, _ = dates[index]
    role = date_role(sentence[:start], sentence[start:end].split()[-1] + sentence[end:], lang)
    clause = clause_bounds(sentence, start, lang)
    extents, groups, subordinates = clause_dates(sentence, tuple(dates), clause, lang)
    own = extents[index]
    text = None
    turkish = grammar_table(lang)["clause_reader"] == "turkish"
    if turkish:
        text = (role == "attributive" and named_event(sentence, clause, own, extents, lang)) or \
            turkish_reading(sentence, clause, own, extents, lang)
    phrase_text, removed = (None, []) if text else phrase_reading(sentence, clause, extents, own, lang)
    if phrase_text is not None or removed:
        groups = 1  # each date has its own phrase
    text = text or phrase_text
    if text is None:
        others = [subordinates[x] if x != own and turkish and clause[0] <= x[0] < clause[1] else x
                  for x in extents]
        body, date_at = text_without(sentence, clause[0], clause[1], others + removed, own)
        if turkish and clause[1] < len(sentence.rstrip(PUNCTUATION + " ")):
            last_word = last_word_of(body)
            if last_word and (last_word[:1].isupper() or "’" in last_word):  # "X ise Bişkek’te, …"
                following = clause_bounds(sentence, clause[1] + 1, lang)
                body = body.rstrip(PUNCTUATION + " ") + " " + last_word_of(sentence[following[0]:following[1]])
        if turkish:
            if role == "attributive" and own[1] == end:  # "⟨date⟩ seçimlerinde" → "seçimlerde"
                following = body[date_at:].split(maxsplit=1)
                if following:
                    plain_case = compound_case(following[0], lang)
                    body = body[:date_at] + " " + " ".join([plain_case, *following[1:]])
            text = finite_end(with_subject(sentence, clause, body, extents, lang), lang)
        elif grammar_table(lang)["clause_reader"] == "english":
            text = english_reading(gapped(sentence, clause, body, lang), date_at, lang)
        else:  # a language with no clause grammar: the clause as written
            text = body
    text = tidy(text, lang)
    return Reading(text, role, weaknesses(text, groups, lang), content_words(text, lang))
