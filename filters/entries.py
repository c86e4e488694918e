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
    compiled,
    content_words,
    date_role,
    extent,
    grammar_table,
    last_word_of,
    named,
    tells_nothing,
    text_without,
    tidy,
    weaknesses,
)
from filters.morphology import (
    WithSubject,
    compound_case,
    described_date,
    finite_end,
    listed,
    named_event,
    subjectless,
    subordinate,
    turkish_reading,
    with_subject,
)
from filters.phrases import (
    english_reading,
    gapped,
    is_verb,
    listed_english,
    named_thing,
    phrase_reading,
    relative_event,
)
from filters.phrases import (
    with_subject as english_subject,
)


@lru_cache(maxsize=64)
def list_extents(sentence: str, dates: tuple, lang: str) -> tuple[tuple[int, int], tuple]:
    """The stretch of clauses a sentence's dates stand in, and each date with its
    connectors as its own clause gives them: what a list of dates is read from (the
    same for every date of the sentence, so read once)."""
    extents = tuple(extent(sentence, s, e, clause_bounds(sentence, s, lang)[0], lang) for s, e in dates)
    return (clause_bounds(sentence, dates[0][0], lang)[0], clause_bounds(sentence, dates[-1][0], lang)[1]), extents


@lru_cache(maxsize=4)
def clause_dates(sentence: str, dates: tuple, clause: tuple[int, int], lang: str) -> tuple[tuple, int, dict]:
    """What every date of one clause shares, found once for all of them (once per date,
    a sentence of n dates took time in n³): each date's extent, how many stretches of
    dates the clause holds, and what each date's verbal noun or relative clause spans."""
    extents = [extent(sentence, s, e, clause[0], lang) for s, e, _ in dates]
    joined = joiner(lang)
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


@lru_cache(maxsize=None)
def joiner(lang: str) -> re.Pattern:
    """What stands between two dates of one list: "11 ve 17 Ekim", "1946 and 1950", "1, 3"."""
    return re.compile(rf"\s*(?:{'|'.join(map(re.escape, grammar_table(lang)['date_joiners']))}|,)?\s*")


def list_end(sentence: str, dates, index: int, lang: str) -> int:
    """The last date of the list ``dates[index]`` stands in: the words after it say what
    every date of the list is ("1946 ve 1950 seçimlerinde", "in the 1946 and 1950
    elections": both name elections).

    >>> list_end("1946 ve 1950 seçimlerinde", [(0, 4, ""), (8, 12, "")], 0, "tr")
    1
    """
    while index + 1 < len(dates) and joiner(lang).fullmatch(sentence, dates[index][1], dates[index + 1][0]):
        index += 1
    return index


def read_date(sentence: str, dates: list[tuple[int, int, str]], index: int, lang: str) -> Reading:
    """The entry text of ``dates[index]`` ((start, end, suffix) in ``sentence``; the
    others are taken out too, and mark where another date's clause begins)."""
    lang = base_language(lang)
    start, end, _ = dates[index]
    # what the date is, the words after its list's last date say ("1946 ve 1950 seçimlerinde")
    last_start, last_end, _ = dates[list_end(sentence, dates, index, lang)]
    role = date_role(sentence[:start], sentence[last_start:last_end].split()[-1] + sentence[last_end:], lang)
    clause = clause_bounds(sentence, start, lang)
    extents, groups, subordinates = clause_dates(sentence, tuple(dates), clause, lang)
    own = extents[index]
    text = None
    reader = grammar_table(lang)["clause_reader"]
    turkish = reader == "turkish"
    listing = {"turkish": listed, "english": listed_english}.get(reader)
    # a list may run over the clauses its parts open ("…, Laçin ise ⟨3⟩ …"): each date
    # with its connectors as its own clause gives them
    # a date that names a thing ("the 1946 elections") is read as one, whichever it is of
    # the clause: the thing's name (attributive) or the time of the clause's event (adverbial)
    names_thing = role in ("attributive", "adverbial")
    if listing and len(dates) > 1 and not names_thing:
        whole, own_extents = list_extents(sentence, tuple((s, e) for s, e, _ in dates), lang)
        text = listing(sentence, whole, own_extents[index], list(own_extents), lang)
    if text:  # "Ağdam ⟨1⟩, Kelbecer ⟨2⟩ … iade edilmiştir": each date its own part, one verb
        text = tidy(finite_end(text, lang) if turkish else text, lang)
        return Reading(text, role, weaknesses(text, 1, lang), content_words(text, lang))
    if turkish:
        text = (role == "attributive" and named_event(sentence, clause, own, extents, lang)) or \
            turkish_reading(sentence, clause, own, extents, lang)
    subject = isinstance(text, WithSubject)
    phrase_text, removed = (None, []) if text else phrase_reading(sentence, clause, extents, own, lang)
    if phrase_text is not None or removed:
        groups = 1  # each date has its own phrase
    text = text or phrase_text
    if text is None:
        others = [subordinates[x] if x != own and turkish and clause[0] <= x[0] < clause[1] else x
                  for x in extents]
        # a date in a relative clause or verbal noun of its own is no second date of this clause
        groups -= sum(1 for x, y in zip(extents, others) if x != y and clause[0] <= x[0] < clause[1])
        body, date_at = text_without(sentence, clause[0], clause[1], others + removed, own)
        if turkish and clause[1] < len(sentence.rstrip(PUNCTUATION + " ")):
            last_word = last_word_of(body)
            if last_word and (last_word[:1].isupper() or "’" in last_word):  # "X ise Bişkek’te, …"
                following = clause_bounds(sentence, clause[1] + 1, lang)
                body = body.rstrip(PUNCTUATION + " ") + " " + last_word_of(sentence[following[0]:following[1]])
        if turkish:
            if names_thing and own[1] == last_end:  # "⟨date⟩ seçimlerinde" → "seçimlerde"
                following = body[date_at:].split(maxsplit=1)
                if following:
                    plain_case = compound_case(following[0], lang)
                    body = body[:date_at] + " " + " ".join([plain_case, *following[1:]])
            text = finite_end(with_subject(sentence, clause, body, extents, lang), lang)
        elif grammar_table(lang)["clause_reader"] == "english":
            text = english_reading(gapped(sentence, clause, body, lang), date_at, lang)
        else:  # a language with no clause grammar: the clause as written
            text = body
    if reader == "english":
        text = english_subject(sentence, clause, text, lang)
        # "the ceasefire of ⟨date⟩" in a clause about something else; "the war that began on ⟨date⟩"
        text = (role == "attributive" and named_thing(sentence, clause, own, lang)) or \
            (role == "event" and relative_event(sentence, clause, own, lang)) or text
    text = tidy(text, lang)
    role = "event" if role == "adverbial" else role
    if turkish and role == "event" and not compiled(lang, "event_verb").search(last_word_of(text)):
        # "Ermenistan’ın … kabul edildiği 2014 yılında görülmektedir": the main clause tells
        # nothing of the date; the relative clause that describes it does
        described = described_date(sentence, clause, start, [x for x in extents if x != own], lang)
        if described:
            text, groups, subject = tidy(described, lang), 1, isinstance(described, WithSubject)
    return Reading(text, role, weaknesses(text, groups, lang), content_words(text, lang), subject)


def with_actor(text: str, actor, sentence: str, lang: str) -> str:
    """``text`` with its actor named where its clause needs one (``filters.clauses.named``;
    the subject test is the clause reader's: ``subjectless`` for Turkish)."""
    lang = base_language(lang)
    test = (lambda t: subjectless(t, lang, sentence)) if grammar_table(lang)["clause_reader"] == "turkish" else None
    return named(text, actor, sentence, lang, test)


def continues(sentence: str, lang: str) -> bool:
    """Whether a sentence leaves its subject to the ones before it: it opens with a
    subject pronoun ("He …", "Its …"), or, in a language that drops its subjects, its last
    clause has none ("1839’da İstanbul’a geldi."): who a later pronoun refers to is
    looked for further back only through such sentences.

    >>> continues("He resigned on 5 May.", "en"), continues("The talks failed.", "en")
    (True, False)
    >>> continues("1839’da İstanbul’a geldi.", "tr"), continues("Anlaşma imzalandı.", "tr")
    (True, False)
    """
    lang = base_language(lang)
    table = grammar_table(lang)
    words = tidy(sentence, lang).split()
    if words and words[0].strip(PUNCTUATION) in {*table["subject_pronouns"], *table["possessive_pronouns"]}:
        return True
    if table["pro_drop"] and table["clause_reader"] == "turkish":
        end = len(sentence.rstrip(PUNCTUATION + " "))
        start, _ = clause_bounds(sentence, max(0, end - 1), lang)
        return subjectless(sentence[start:], lang)
    return False


def standalone(text: str, lang: str, sentence: str = "", subject: bool = False) -> bool:
    """Whether an entry text is a statement of an event on its own: what a date as wide
    as a year needs to enter the appendix (it is no event of a day that the text tells
    around it). Not long, its subject neither vague nor pointing back ("İki
    ülke", "Bu dağınıklık"), no debris of a cut sentence ("… belirlenmemişti.
    gelinmiştir."), no first person; its verb tells an act in the past: in Turkish a past
    form that is not negative ("kapatmıştır", not "… tesislerdir", "… yapılamamıştır"),
    with a subject (``subject``: the reader found it, or named the actor); in English a verb besides a
    form of "be" or "have".

    >>> standalone("Türkmenistan Bakü’deki büyükelçiliğini kapatmıştır.", "tr")
    True
    >>> [standalone(t, "tr", "… 2014 yılında ilhak edilmesiyle …") for t in ["İlhak edilmiştir.",
    ...     "Kemer Barajı o yıllarda kurulan tesislerdir.", "Covid-19 salgını nedeniyle yüz yüze zirve yapılamamıştır."]]
    [False, False, False]
    >>> standalone("Vakıf kurulmuştur.", "tr", "Vakıf 2012 yılında kurulmuş, …")
    True
    >>> standalone("Okul Sultan II. Mahmud’un emriyle kurulmuştur.", "tr"), standalone("Şu an kullanılan bröve kabul edilmiştir.", "tr")
    (True, True)
    >>> standalone("The Red Army crossed the Vistula.", "en"), standalone("It was a long and bitter war.", "en")
    (True, False)
    """
    lang = base_language(lang)
    table = grammar_table(lang)
    words = text.rstrip(PUNCTUATION + " ").split()
    if tells_nothing(text, lang) or set(weaknesses(text, 1, lang)) - {"short"} or \
            any(re.match(rf"{re.escape(word)}\s", text) for word in table["demonstratives"]) and \
            not any(re.match(rf"{re.escape(words)}\b", text) for words in table["time_adverbs"]):
        return False  # short, long, "İki ülke …", "Bu dağınıklık …": it needs the text around it ("Şu an": now)
    if any(not re.fullmatch(r"[IVXLCDM]+", m.group(1)) for m in re.finditer(r"([^\W\d_]{2,})\.\s", text)) \
            and not any(a in text for a in table["abbreviations"]):
        return False  # two sentences: the debris of a cut one (not "Sultan II. Mahmud")
    reader = table["clause_reader"]
    if reader == "turkish":
        verb = words[-1]
        return bool(compiled(lang, "event_verb").search(verb)) and not re.search(table["negative"], verb) \
            and not re.search(r"(?:[ıi]m|[ıi]k|d[ıiuü]m|d[ıiuü]k)$", verb) \
            and (subject or not subjectless(text, lang, sentence))
    if reader == "english":
        return any(is_verb(w, words[i - 1] if i else "", lang) and w.strip(PUNCTUATION).lower() not in
                   table["auxiliaries"] for i, w in enumerate(words))
    return True
