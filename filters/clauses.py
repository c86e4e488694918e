"""Cutting a date's clause out of its sentence, whatever the language: a sentence is
cut into clauses at the language's boundaries (";", "…-mış ve", ", and …"); a
date's extent is the date with its connectors ("on", "tarihinde", "itibarıyla")
and a relative date in apposition; the clause without them, tidied (the discourse
words that open a clause dropped), is what a clause reader reads
(``filters.entries``). The grammar is the language pack's (``core.language``).

>>> s = "Anlaşma 5 Mayıs 1994’te imzalanmış; ateşkes 1994 boyunca sürmüştür."
>>> clause_bounds(s, 8, "tr"), tidy(text_without(s, *clause_bounds(s, 8, "tr"), [(8, 23)], (8, 23))[0], "tr")
((0, 34), 'Anlaşma imzalanmış.')
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from core.language import lower, pack, upper_first
from filters.dates import grammar

WORD = re.compile(r"\S+")
PUNCTUATION = ",.;:!?\"“”‘'()[]…"
VOWELS = "aeıioöuüâîû"


@dataclass
class Reading:
    """What a date's sentence says about it."""
    text: str                 # the entry's text
    role: str = "event"       # "event", "attributive" (names a thing), "period", "state"
    weak: list[str] = field(default_factory=list)   # why an editor should look at it
    words: Counter = field(default_factory=Counter)  # content stems, for merging mentions


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def bare(self) -> str:
        return self.text.strip(PUNCTUATION)


def last_word_of(text: str) -> str:
    words = text.rstrip(PUNCTUATION + " ").split()
    return words[-1] if words else ""


def grammar_table(lang: str) -> dict:
    return pack(lang)


@lru_cache(maxsize=None)
def compiled(lang: str, key: str) -> re.Pattern:
    value = grammar_table(lang)[key]
    return re.compile(value if isinstance(value, str) else "|".join(f"(?:{v})" for v in value))


def date_role(before: str, after: str, lang: str) -> str:
    """What a date is, from the words around it: "period" (the end of a span of
    time), "state" ("as of"), "attributive" (it names a thing), or "event".
    ``after`` starts with the date's last word.

    >>> date_role("From ", "1994 to April 2016 the front", "en")
    'period'
    >>> date_role("Ermenistan’ın ", "2020’de başlattığı", "tr")
    'event'
    >>> date_role("", "2022 savaşında", "tr")
    'attributive'
    """
    table = grammar_table(lang)
    for role in ("period", "state", "attributive"):
        for left, right in table[role]:
            if re.search(left, before) and re.search(right, after):
                return role
    return "event"


def clause_bounds(sentence: str, position: int, lang: str) -> tuple[int, int]:
    """The clause of ``sentence`` that holds ``position``."""
    start, end = 0, len(sentence)
    for match in compiled(lang, "clause_boundaries").finditer(sentence):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = min(end, match.start())
            break
    return start, end


@lru_cache(maxsize=None)
def connectors(lang: str, side: str) -> re.Pattern:
    """The words that tie a date to its sentence on one ``side`` of it: the language's
    connectors, the days of the week and a time of day ("on Tuesday, …", "at 11 p.m. on
    …"; "… Salı günü saat 03.02’de")."""
    table = grammar_table(lang)
    words = sorted(table[f"date_connectors_{side}"], key=len, reverse=True)
    alternatives = "|".join([*(rf"\b{re.escape(w)}\b" for w in words),
                             *(rf"\b{re.escape(d)}\b,?" for d in table["weekdays"]),
                             table[f"time_of_day_{side}"]]) or "(?!)"
    if side == "before":
        return re.compile(rf"(?:(?:{alternatives})\s+)+$", re.I)
    return re.compile(rf"(?:\s+(?:{alternatives}))+")


def extent(sentence: str, start: int, end: int, lower_bound: int, lang: str) -> tuple[int, int]:
    """A date with its connectors ("on", "tarihinde"), and what stands in apposition
    before it ("bir gün sonra yani …"): the words to take out with it."""
    table = grammar_table(lang)
    before = connectors(lang, "before").search(sentence[lower_bound:start])
    if before:
        start = lower_bound + before.start()
    after = connectors(lang, "after").match(sentence[end:])
    if after:
        end += after.end()
    complement = re.search(table["relative_complement"] + r"\s+$", sentence[lower_bound:start])
    if complement and any(form.fullmatch(sentence[start:end]) for form, _ in grammar(lang).relative):
        start = lower_bound + complement.start()  # "konferansın ertesi günü", "açılışından iki gün sonra"
    words = sentence[lower_bound:start].split()
    if any(re.search(pattern, sentence[lower_bound:start]) for pattern in table["apposition"]) or (
            words and (verb_form(words[-1], lang) or ("",))[0].endswith("relative")
            and not words[-1].endswith(",")):
        start = lower_bound  # "… bir gün sonra yani 28 Eylül", "çatışmaların yaşandığı 16 Eylül"
    return start, end


def word_tokens(sentence: str, start: int, end: int) -> list[Token]:
    return [Token(start + m.start(), start + m.end(), m.group(0))
            for m in WORD.finditer(sentence[start:end])]


@lru_cache(maxsize=65536)  # a word's form is the same wherever it stands
def verb_form(word: str, lang: str) -> tuple[str, str] | None:
    """(kind, stem) of a Turkish verb form, by its ending: "başlayan" → ("subject_relative", "başla")."""
    table = grammar_table(lang)
    if not word or not word.islower() or word in table["not_verbs"] or \
            re.match(table["lexical_nouns"], word):
        return None
    for kind in ("subject_relative", "object_relative", "verbal_noun", "converb"):
        pattern = table["verb_forms"].get(kind)
        match = re.match(pattern, word) if pattern else None
        if match:
            stem = match.groupdict().get("stem") or match.groupdict().get("stem2")
            if kind == "subject_relative" and re.search(r"[dt][ae]n$", word) and \
                    stem not in table["stem_changes"]:
                return None  # an ablative ("tarafından"), not a participle
            return kind, stem
    return None




























def phrase_spans(sentence: str, start: int, end: int, pattern: str) -> list[tuple[int, int]]:
    """``sentence[start:end]`` cut where ``pattern`` matches outside brackets."""
    cuts, position = [], start
    for match in re.finditer(pattern, sentence[start:end]):
        a, b = start + match.start(), start + match.end()
        if sentence.count("(", start, a) == sentence.count(")", start, a):
            cuts.append((position, a))
            position = b
    return cuts + [(position, end)]


def holding(regions: list[tuple[int, int]], extent: tuple[int, int]) -> tuple[int, int]:
    return next((r for r in regions if r[0] <= extent[0] < r[1]), regions[-1])


def first_word_of(text: str) -> str:
    return (text.split() or [""])[0]


















def tokens_outside(tokens, regions: list[tuple[int, int]]) -> list[Token]:
    """The tokens no region holds whole, found by bisection (not by trying every region
    for every token): the regions sorted by their start, with the furthest end so far.

    >>> [t.text for t in tokens_outside(word_tokens("a bb cc d", 0, 9), [(2, 7), (1, 4)])]
    ['a', 'd']
    """
    ordered = sorted(regions)
    starts = [a for a, _ in ordered]
    reach = list(accumulate((b for _, b in ordered), max))
    kept = []
    for token in tokens:
        held = bisect_right(starts, token.start)
        if not held or reach[held - 1] < token.end:
            kept.append(token)
    return kept


def text_without(sentence: str, start: int, end: int, regions: list[tuple[int, int]],
             mark: tuple[int, int] | None = None) -> tuple[str, int]:
    """``sentence[start:end]`` without ``regions``; and where the region ``mark`` (by
    default the first) was."""
    pieces, position, first = [], start, None
    for a, b in sorted(regions):
        if b <= start or a >= end:
            continue
        pieces.append(sentence[position:max(a, position)])
        if first is None and (mark is None or mark == (a, b)):
            first = len("".join(pieces))
        position = max(position, b)
    pieces.append(sentence[position:end])
    text = "".join(pieces)
    return text, len(text) if first is None else first


def tidy(text: str, lang: str) -> str:
    """A clause as a sentence: spaces, punctuation, discourse words, capital, period."""
    table = grammar_table(lang)
    for pattern in table["inner_drop"]:
        text = re.sub(pattern, "", text)
    text = re.sub(r"\(\s*[,;]?\s*\)", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    text = re.sub(r"([(])\s+", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = re.sub(r"[,;:]\s*([.!?])", r"\1", text)
    changed = True
    while changed:
        changed = False
        text = text.lstrip(" ,;:–—-")
        for word in sorted(table["discourse"], key=len, reverse=True):
            if re.match(rf"{re.escape(word)}\b,?\s", text) or re.match(
                    rf"{re.escape(lower(word, lang))}\b,?\s", text):
                text = text[len(word):].lstrip(" ,")
                changed = True
        for word in table["clause_start_drop"]:
            if re.match(rf"{re.escape(word)}\s", text):
                text = text[len(word):].lstrip()
                changed = True
    text = text.rstrip(" ,;:–—-")
    if not re.search(r"\w", text):
        return ""  # only punctuation was left around the date
    if text[-1] not in ".!?":
        text += "."
    return upper_first(text, lang)




def weaknesses(text: str, dates_in_clause: int, lang: str) -> list[str]:
    """Why an editor should look at an automatic entry text."""
    table = grammar_table(lang)
    found = []
    if any(re.match(rf"{re.escape(subject)}(?:\b|['’])", text) for subject in table["vague_subjects"]):
        found.append("the subject does not say who")
    if dates_in_clause > 1:
        found.append("several dates in one clause")
    if any(word in lower(text, lang) for word in table["meta_words"]):
        found.append("about the article itself")
    words = len(text.split())
    if not words:
        found.append("no words besides the date")
    elif words > 40:
        found.append(f"long ({words} words)")
    elif words < 4:
        found.append("short")
    return found


def content_words(text: str, lang: str) -> Counter:
    """Word stems that say what an entry is about, for telling mentions of one event
    from different events on one day. A name counts twice, and whole: "Commission"
    is not "Committee" (a name's suffix stands after an apostrophe).

    >>> content_words("The Commission met the Joint Committee.", "en")
    Counter({'commission': 2, 'joint': 2, 'committee': 2, 'met': 1})
    """
    table = grammar_table(lang)
    stems: Counter = Counter()
    for index, word in enumerate(re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text)):
        bare = re.split(r"['’]", word)[0]
        low = lower(bare, lang)
        if len(low) < 3 or low in table["stopwords"]:
            continue
        name = index and bare[:1].isupper() and not table["capitalised_nouns"]
        stems[low if name else low[:5]] += 2 if name else 1
    return stems


