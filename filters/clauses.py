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
from filters.dates import find_dates, find_relative, grammar

WORD = re.compile(r"\S+")
SEVERAL_DATES = "several dates in one clause"  # a weakness: the clause's text may hold another date's words
VAGUE = "the subject does not say who"
PUNCTUATION = ",.;:!?\"“”‘'()[]…"
VOWELS = "aeıioöuüâîû"


@dataclass
class Reading:
    """What a date's sentence says about it."""
    text: str                 # the entry's text
    role: str = "event"       # "event", "attributive" (names a thing), "period", "state"
    weak: list[str] = field(default_factory=list)   # why an editor should look at it
    words: Counter = field(default_factory=Counter)  # content stems, for merging mentions
    subject: bool = False     # the reader found the clause's subject (no actor is to be added)


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


ROLE_WINDOW = 240  # characters around a date that tell its role (the longest rule reads a parenthesis)


def date_role(before: str, after: str, lang: str) -> str:
    """What a date is, from the words around it: "period" (the end of a span of
    time), "state" ("as of"), "adverbial" (it names the thing its clause's event happens
    in), "attributive" (it names a thing), or "event". ``after`` starts with the date's
    last word.

    >>> date_role("From ", "1994 to April 2016 the front", "en")
    'period'
    >>> date_role("Ermenistan’ın ", "2020’de başlattığı", "tr")
    'event'
    >>> date_role("", "2022 savaşı sona erdi", "tr"), date_role("", "2022 savaşında", "tr")
    ('attributive', 'adverbial')
    """
    # the words around a date are read within a window: each date of a sentence read against
    # all the text before it took time in the square of the sentence (4,000 dates: 22 s)
    before, after = before[-ROLE_WINDOW:], after[:ROLE_WINDOW]
    for role, left, right in role_patterns(lang):
        if right.search(after) and left.search(before):
            return role
    if compiled(lang, "named_day").match(after):  # "12 Mart Muhtırası": the name of what happened on it
        return "attributive"
    return "event"


@lru_cache(maxsize=None)
def role_patterns(lang: str) -> tuple[tuple[str, re.Pattern, re.Pattern], ...]:
    """The pack's (before, after) patterns of each role, compiled once."""
    table = grammar_table(lang)
    return tuple((role, re.compile(left), re.compile(right))
                 for role in ("period", "state", "adverbial", "attributive") for left, right in table[role])


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


def has_word(text: str, word: str, tail: re.Pattern | None = None) -> bool:
    """Whether ``word`` stands in ``text`` with no word character (``\\w``: a letter, a digit,
    an underscore) touching it, or with none before it and ``tail`` matching after it: the
    test ``(?<!\\w)WORD(?!\\w)`` (or ``(?<!\\w)WORD(?:TAIL)``) makes, without compiling a
    pattern for each word of a text (a build read some fifty, each compiled anew).

    >>> has_word("the Kars treaty", "Kars"), has_word("Karsian", "Kars"), has_word("x_Kars", "Kars")
    (True, False, False)
    >>> ending = re.compile(r"['’]n?[ıiuü]n(?!\\w)")
    >>> has_word("Rusya’nın tutumu", "Rusya", ending), has_word("Rusya’nınki", "Rusya", ending)
    (True, False)
    """
    def free(at: int) -> bool:
        return not (0 <= at < len(text) and (text[at].isalnum() or text[at] == "_"))

    at = text.find(word) if word else -1
    while at >= 0:
        end = at + len(word)
        if free(at - 1) and (free(end) if tail is None else tail.match(text, end)):
            return True
        at = text.find(word, at + 1)
    return False


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
    for kind in ("converb", "subject_relative", "object_relative", "verbal_noun"):  # "aşarken" is no "aşark-an"
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
    text = re.sub(r"\(\s*[,;]?\s*\)|\(\s*[-–—]\s*\d{0,2}\s*\)", "", text)  # "()", "(-)", "(-60)" of a range taken out
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
    text = closed_brackets(text.rstrip(" ,;:–—-")).rstrip(" ,;:–—-")
    if not re.search(r"\w", text):
        return ""  # only punctuation was left around the date
    if text[-1] not in ".!?":
        text += "."
    return upper_first(text, lang)


def closed_brackets(text: str) -> str:
    """A clause cut inside a parenthesis ("Version 2.6 (released" when the date ended
    the clause) without the bracket it left open.

    >>> closed_brackets("the most recent release, Version 2.6 (released"), closed_brackets("a (b) c")
    ('the most recent release, Version 2.6', 'a (b) c')
    """
    opened: list[int] = []
    for index, char in enumerate(text):
        if char in "([":
            opened.append(index)
        elif char in ")]" and opened:
            opened.pop()
    return text[:opened[0]].rstrip() if opened else text




def weaknesses(text: str, dates_in_clause: int, lang: str) -> list[str]:
    """Why an editor should look at an automatic entry text."""
    table = grammar_table(lang)
    found = []
    if any(re.match(rf"{re.escape(subject)}(?:\b|['’])", text) for subject in table["vague_subjects"]):
        found.append(VAGUE)
    if dates_in_clause > 1:
        found.append(SEVERAL_DATES)
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


def list_segments(sentence: str, clause: tuple[int, int], extents: list[tuple[int, int]],
                  lang: str) -> list[tuple[int, int]] | None:
    """The parts of a clause that lists several dates, each with its own words ("Ağdam
    ⟨1⟩, Kelbecer ⟨2⟩, Laçin ise ⟨3⟩ Azerbaycan’a iade edilmiştir"), cut at the last list
    separator (``list_separators``: a comma, "ve", "and") between one date and the next.
    None when the clause holds one date, or two dates with no separator between them.

    >>> s = "Ağdam 20 Kasım’da, Kelbecer 25 Kasım’da iade edilmiştir."
    >>> [s[a:b] for a, b in list_segments(s, (0, len(s)), [(6, 17), (28, 39)], "tr")]
    ['Ağdam 20 Kasım’da', 'Kelbecer 25 Kasım’da iade edilmiştir.']
    """
    inside = sorted({x for x in extents if clause[0] <= x[0] < clause[1]})
    if len(inside) < 2 or not grammar_table(lang)["list_separators"]:
        return None
    separator = compiled(lang, "list_separators")
    cuts = []
    for (_, end), (start, _) in zip(inside, inside[1:]):
        found = list(separator.finditer(sentence, end, start))
        if not found:
            return None
        cuts.append((found[-1].start(), found[-1].end()))
    edges = [clause[0], *(c for cut in cuts for c in cut), clause[1]]
    return list(zip(edges[::2], edges[1::2]))


def around(sentence: str, segment: tuple[int, int], extents: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
    """The words of a list's segment before its date and after it (dates left out)."""
    date = next(x for x in extents if segment[0] <= x[0] < segment[1])
    words = tokens_outside(word_tokens(sentence, *segment), extents)
    return [t.text for t in words if t.end <= date[0]], [t.text for t in words if t.start >= date[1]]


NAME_WORD = r"[^\W\d_a-zçğıöşü][\w.-]*"  # a word that starts with a capital


def subject_of(sentence: str, paragraph: str, lang: str) -> str | None:
    """The name a sentence opens with as its subject, once an opening phrase that holds a
    date and the discourse words are dropped: the actor a later entry's pronoun or
    missing subject refers to. One capitalised word counts only if the paragraph also
    writes it capitalised inside a sentence (a name, not a sentence's first word).

    >>> p = "Turkmenistan declared independence. On 27 October 1991, the Soviet of Turkmenistan met."
    >>> subject_of("Turkmenistan declared independence.", p, "en"), subject_of("Fighting broke out.", p, "en")
    ('Turkmenistan', None)
    >>> s = "Ahmed Cevdet Paşa veya Lofçalı Ahmed, tarihçidir."
    >>> subject_of(s, s, "tr")
    'Ahmed Cevdet Paşa'
    """
    table = grammar_table(lang)
    opening = re.match(r"[^,;:]{0,60}?\d[^\s,;:]*,\s+", sentence)  # "On 27 October 1991, ", "1839’da, "
    text = sentence[opening.end():] if opening else sentence
    if not opening:  # "On 5 January President Tokayev dismissed …": a date that opens it without a comma
        head = sentence[:80]
        dated = sorted(find_dates(head, lang) + find_relative(head, lang), key=lambda m: m.start)
        if dated and (not head[:dated[0].start].strip() or connectors(lang, "before").fullmatch(head[:dated[0].start])):
            text = sentence[dated[0].end:].lstrip(" ,")
    for word in sorted(table["discourse"], key=len, reverse=True):
        if re.match(rf"{re.escape(word)}\b,?\s", text):
            text = text[len(word):].lstrip(" ,")
    match = re.match(rf"((?:{NAME_WORD}\s+){{0,4}}{NAME_WORD}?)(?:['’]s)?(?=,?\s+[^\W_A-ZÇĞİÖŞÜ])", text)  # a lower-case word or a date follows
    if not match or not match.group(1):
        return None
    name = match.group(1).strip()
    words = name.split()
    if re.match(rf",?\s+(?:{'|'.join(map(re.escape, table['coordinators'])) or '(?!)'})\s+{NAME_WORD}",
                text[match.end(1):]):
        return None  # "Türk Kültür ve Miras Vakfı", "Rusya ile İran": not the one name a pronoun stands for
    unnamed = {*table["vague_subjects"], *table["subject_pronouns"], *table["possessive_pronouns"],
               *table["months"], *table["weekdays"], *table["discourse"]}
    if name in unnamed or words[0] in unnamed or lower(words[0], lang) in table["determiners"]:
        return None
    if len(words) == 1 and not re.search(rf"[\w,;] {re.escape(words[0])}\b", paragraph):
        return None  # a sentence's first word ("Babası", "Fighting"), not a name
    if len(words) == 1 and compiled(lang, "possessed").search(name):
        return None  # a noun that belongs to one named before ("Nazırlığı döneminde …")
    return name


def named(text: str, actor, sentence: str, lang: str, subjectless=None) -> str:
    """An entry text with its actor named (``actor()``, asked only when it is needed): a
    subject pronoun replaced by the actor, a possessive one by its possessive ("Its
    Supreme Soviet" → "Turkmenistan’s Supreme Soviet"), and, in a language that drops its
    subjects, ``actor`` put before a clause that has no subject of its own
    (``subjectless(text)``, the clause reader's test: "İstanbul’a geldi." → "Ahmed Cevdet
    İstanbul’a geldi."). A clause that has its subject never gets another.

    >>> named("Its Supreme Soviet proclaimed it.", lambda: "Turkmenistan", "", "en")
    'Turkmenistan’s Supreme Soviet proclaimed it.'
    >>> named("İstanbul’a geldi.", lambda: "Ahmed Cevdet", "1839’da İstanbul’a geldi.", "tr", lambda t: True)
    'Ahmed Cevdet İstanbul’a geldi.'
    """
    table = grammar_table(lang)
    first, _, rest = text.partition(" ")
    if not rest:
        return text
    if first in table["subject_pronouns"] or first in table["possessive_pronouns"]:
        name = actor()
        if not name:
            return text
        return f"{name} {rest}" if first in table["subject_pronouns"] else \
            f"{table['possessive'].format(name=name)} {rest}"
    if table["pro_drop"] and subjectless and subjectless(text):
        name = actor()
        if name and name not in text:
            own = lower(first, lang)
            written_small = has_word(sentence, own)
            return f"{name} {own if written_small else first} {rest}"
    return text


def tells_nothing(text: str, lang: str) -> bool:
    """Whether an entry text tells of no event: no words or one ("Again.", "2,000."), or
    what the pack's ``no_event`` says ("It was.", "Tarih.", a verb alone: "Görülmektedir.").

    >>> tells_nothing("It was.", "en"), tells_nothing("Tarih.", "tr"), tells_nothing("Heyet gelmiştir.", "tr")
    (True, True, False)
    """
    words = re.findall(r"[^\W\d_]+", text)
    return len(words) < 2 or names_no_event(text, lang)


def names_no_event(text: str, lang: str) -> bool:
    """Whether a text is one the pack's ``no_event`` says tells nothing: "It was.", "The
    period." (a name of one word, "Darbe.", is an event's).

    >>> names_no_event("The period.", "en"), names_no_event("Darbe.", "tr")
    (True, False)
    """
    return bool(compiled(lang, "no_event").fullmatch(text.strip()))


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


