"""The text of a chronology entry: the clause that holds a date, without the date.

A sentence is cut into clauses at the language's boundaries (";", "…-mış ve",
", and …"); a date's text is its clause, with the date's own words taken out
(its connectors "on", "tarihinde", "itibarıyla", a relative date in apposition),
the discourse words that open a clause dropped, and the result written as a
sentence. In Turkish a date inside a relative clause belongs to it, not to the
main clause: "27 Eylül 2020’de başlayan İkinci Karabağ Savaşı’nda …" reads as
"İkinci Karabağ Savaşı başlamıştır." In English a participle before the date is
read as a passive: "a ceasefire agreed on 29 April held" → "A ceasefire was
agreed and held." The grammar is data (``core.language``).

>>> s = "Bununla birlikte 27 Eylül 2020’de başlayan İkinci Karabağ Savaşı’nda bir tepki görmekteyiz."
>>> read_date(s, [(17, 33, "’de")], 0, "tr").text
'İkinci Karabağ Savaşı başlamıştır.'
>>> s = "A ceasefire agreed on 29 April 2021 held only partly; a protocol followed."
>>> read_date(s, [(22, 35, "")], 0, "en").text
'A ceasefire was agreed and held only partly.'
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from core.language import base_language, lower, pack, upper_first
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


def _last_word(text: str) -> str:
    words = text.rstrip(PUNCTUATION + " ").split()
    return words[-1] if words else ""


def _table(lang: str) -> dict:
    return pack(lang)


@lru_cache(maxsize=None)
def _compiled(lang: str, key: str) -> re.Pattern:
    value = _table(lang)[key]
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
    table = _table(lang)
    for role in ("period", "state", "attributive"):
        for left, right in table[role]:
            if re.search(left, before) and re.search(right, after):
                return role
    return "event"


def clause_bounds(sentence: str, position: int, lang: str) -> tuple[int, int]:
    """The clause of ``sentence`` that holds ``position``."""
    start, end = 0, len(sentence)
    for match in _compiled(lang, "clause_boundaries").finditer(sentence):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = min(end, match.start())
            break
    return start, end


@lru_cache(maxsize=None)
def _connectors(lang: str, side: str) -> re.Pattern:
    """The words that tie a date to its sentence on one ``side`` of it: the language's
    connectors, the days of the week and a time of day ("on Tuesday, …", "at 11 p.m. on
    …"; "… Salı günü saat 03.02’de")."""
    table = _table(lang)
    words = sorted(table[f"date_connectors_{side}"], key=len, reverse=True)
    alternatives = "|".join([*(rf"\b{re.escape(w)}\b" for w in words),
                             *(rf"\b{re.escape(d)}\b,?" for d in table["weekdays"]),
                             table[f"time_of_day_{side}"]]) or "(?!)"
    if side == "before":
        return re.compile(rf"(?:(?:{alternatives})\s+)+$", re.I)
    return re.compile(rf"(?:\s+(?:{alternatives}))+")


def _extent(sentence: str, start: int, end: int, lower_bound: int, lang: str) -> tuple[int, int]:
    """A date with its connectors ("on", "tarihinde"), and what stands in apposition
    before it ("bir gün sonra yani …"): the words to take out with it."""
    table = _table(lang)
    before = _connectors(lang, "before").search(sentence[lower_bound:start])
    if before:
        start = lower_bound + before.start()
    after = _connectors(lang, "after").match(sentence[end:])
    if after:
        end += after.end()
    complement = re.search(table["relative_complement"] + r"\s+$", sentence[lower_bound:start])
    if complement and any(form.fullmatch(sentence[start:end]) for form, _ in grammar(lang).relative):
        start = lower_bound + complement.start()  # "konferansın ertesi günü", "açılışından iki gün sonra"
    words = sentence[lower_bound:start].split()
    if any(re.search(pattern, sentence[lower_bound:start]) for pattern in table["apposition"]) or (
            words and (_verb_form(words[-1], lang) or ("",))[0].endswith("relative")
            and not words[-1].endswith(",")):
        start = lower_bound  # "… bir gün sonra yani 28 Eylül", "çatışmaların yaşandığı 16 Eylül"
    return start, end


def _tokens(sentence: str, start: int, end: int) -> list[Token]:
    return [Token(start + m.start(), start + m.end(), m.group(0))
            for m in WORD.finditer(sentence[start:end])]


def _verb_form(word: str, lang: str) -> tuple[str, str] | None:
    """(kind, stem) of a Turkish verb form, by its ending: "başlayan" → ("subject_relative", "başla")."""
    table = _table(lang)
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


def finite(stem: str, lang: str) -> str:
    """The verb's past form in the article's register: "başla" → "başlamıştır"."""
    table = _table(lang)
    head, _, last = stem.rpartition(" ")
    last = table["stem_changes"].get(last, last)
    vowel = next((c for c in reversed(last) if c in VOWELS), "a")
    vowel = {"â": "a", "î": "i", "û": "u"}.get(vowel, vowel)
    return (head + " " if head else "") + last + table["finite"][vowel]


def harmonises(stem: str, suffix: str, lang: str) -> bool:
    """Whether ``suffix`` can follow ``stem`` by the language's vowel harmony: a
    genitive after "kan" is "-ın", so "kanun" is no "kan" + "-un" (nor "ka" + "-nun").

    >>> harmonises("anlaşması", "nın", "tr"), harmonises("ka", "nun", "tr")
    (True, False)
    """
    harmony = _table(lang).get("vowel_harmony")
    stem_vowel = next((c for c in reversed(stem.lower()) if c in harmony), None) if harmony else None
    suffix_vowel = next((c for c in suffix if c in VOWELS), None)
    return stem_vowel is None or suffix_vowel is None or suffix_vowel in harmony[stem_vowel]


def strip_case(word: str, lang: str) -> str:
    """A noun without its case ending: "Savaşı’nda" → "Savaşı", "anlaşmasının" → "anlaşması";
    an ending that breaks vowel harmony is part of the word ("kanun" stays "kanun")."""
    for pattern, replacement in _table(lang)["case_endings"]:
        new = re.sub(pattern, replacement, word)
        if new != word:
            suffix = word[len(new):]
            return new if suffix[:1] in "’'" or harmonises(new, suffix, lang) else word
    return word


def _named_event(sentence: str, clause: tuple[int, int], own: tuple[int, int], removed: list,
                 lang: str) -> str | None:
    """The event a date names when a temporal postposition follows its noun: "27 Mayıs
    1960 darbesinin ardından …" → "darbe" (what follows the postposition happened
    after it, on no date of its own). None when no postposition follows.

    >>> s = "1955 olaylarının ardından mülkler el değiştirmiştir."
    >>> _named_event(s, (0, len(s)), (0, 4), [], "tr")
    'olaylar'
    """
    table = _table(lang)
    after = [t for t in _tokens(sentence, own[1], clause[1]) if not _inside(t, removed)]
    for index, token in enumerate(after[:4]):
        if index and lower(token.bare, lang) in table["temporal_postpositions"]:
            before = [t for t in _tokens(sentence, clause[0], own[0]) if not _inside(t, removed)]
            left = [t.text for t in _left_phrase(before, lang)]
            head = [t.text for t in after[:index]]
            head[-1] = strip_case(head[-1], lang)
            if not (left and _compiled(lang, "genitive").search(left[-1])):  # "Ermenistan’ın saldırısı"
                head[-1] = re.sub(table["compound_marker"], "", head[-1])
            return " ".join(left + head)
        if not token.text.islower() or "," in token.text or _verb_form(token.bare, lang):
            return None
    return None


def _compound_case(word: str, lang: str) -> str:
    """A compound's noun without the possessive it had for the date before it, its case
    kept: "seçimlerinde" → "seçimlerde", "darbesinin" → "darbenin".

    >>> _compound_case("seçimlerinde", "tr"), _compound_case("darbesinin", "tr")
    ('seçimlerde', 'darbenin')
    """
    for pattern, replacement in _table(lang)["compound_case"]:
        new = re.sub(pattern, replacement, word)
        if new != word:
            return new
    return word


def _nominative(words: list[str], lang: str) -> list[str]:
    """The genitive subject of a Turkish relative clause or verbal noun, as a subject."""
    genitive = _compiled(lang, "genitive")
    for index in range(len(words) - 1, -1, -1):
        word = words[index].rstrip(",")
        if genitive.search(word) and strip_case(word, lang) != word:
            return words[:index] + [strip_case(word, lang)] + words[index + 1:]
    return words


def _left_phrase(tokens: list[Token], lang: str) -> list[Token]:
    """The words before a date that belong to its relative clause: case-marked words
    ("Erivan’da", "Azerbaycan’ın") and the nouns that modify them, back to a comma,
    a conjunction, a verb form or a subject in the nominative."""
    table = _table(lang)
    case_marked = _compiled(lang, "case_marked")
    taken: list[Token] = []
    for token in reversed(tokens):
        word = token.text
        if word.endswith(",") or lower(word, lang) in table["left_stops"] or _verb_form(word, lang):
            break
        if lower(word, lang) in table["determiners"]:
            taken = taken[1:]
            break
        marked = case_marked.search(word)
        follows_common_noun = taken and taken[0].text.islower() and "’" not in taken[0].text
        if marked or (word.islower() and follows_common_noun):
            taken.insert(0, token)
        else:
            break
    return taken


def _head(tokens: list[Token], lang: str) -> tuple[list[str], Token | None, str]:
    """The noun phrase a relative clause describes: its words (case taken off),
    the word after it, and its case: "" (a subject or object), "locative" (where
    something took place, or "… ile"), "other"."""
    table = _table(lang)
    words: list[str] = []
    last = None
    finite_verb = _compiled(lang, "finite_verb")
    for index, token in enumerate(tokens[:7]):
        word = token.text
        listed = words and words[-1][:1].isupper() and index + 1 < len(tokens) and \
            tokens[index + 1].text[:1].isupper()
        if (lower(word.strip(PUNCTUATION), lang) in table["head_stops"] and not (word == table["and"] and listed)) \
                or _verb_form(word, lang) or finite_verb.search(word):
            break
        if word.startswith("(") and words:
            closing = next((i for i in range(index, len(tokens)) if ")" in tokens[i].text), None)
            if closing is None:
                break
            words += [t.text for t in tokens[index:closing + 1]]
            last = closing
            break
        words.append(word)
        last = index
        if word.endswith(",") and word[:1].isupper() and index + 1 < len(tokens) and \
                tokens[index + 1].text[:1].isupper() and not re.search(r"['’]", tokens[index + 1].text):
            continue  # "Kırgızistan, Tacikistan ve Özbekistan cumhurbaşkanları"; not "Zirvesi, Türkiye’yi"
        if "’" in word or "'" in word or word.endswith(",") or (word.islower() and (
                _compiled(lang, "case_marked").search(word) or _compiled(lang, "instrumental").search(word))) or \
                re.search(r"l[ae]r$", word) or (re.fullmatch(r"[a-zçğıöşü]+[ıiuü]", word) and index + 1 <
                                                 len(tokens) and tokens[index + 1].text[:1].isupper()):
            break  # the noun phrase ends here ("… cumhurbaşkanı | Uluslararası Aral’ı …")
    if not words:
        return [], None, ""
    final = words[-1].rstrip(",")
    following = tokens[last + 1] if last is not None and last + 1 < len(tokens) else None
    stripped = strip_case(final, lang)
    ending = final[len(stripped):]
    case = "" if not ending else "locative" if re.search(r"[dt][ae]$", ending) else "other"
    if following is not None and following.bare == "ile" or _compiled(lang, "instrumental").search(final):
        case = "locative"  # "… imzalanan protokol ile", "… protokolle": where the event took place, too
    words[-1] = stripped
    return words, following, case


def _turkish(sentence: str, clause: tuple[int, int], extent: tuple[int, int], removed: list,
             lang: str) -> str | None:
    """The Turkish reading when the date belongs to a relative clause or a verbal noun
    (None: it belongs to the main clause)."""
    table = _table(lang)
    start, end = clause
    after = [t for t in _tokens(sentence, extent[1], end) if not _inside(t, removed)]
    for index, token in enumerate(after):
        if token.text.startswith(",") or token.text.endswith(",") and not _verb_form(token.bare, lang):
            return None
        form = _verb_form(token.bare, lang)
        if form and re.search(table["negative_participle"], token.bare):
            continue  # "bağlayıcı olmayan bir karar": it describes, it tells of no event
        if form:
            break
    else:
        return None
    kind, stem = form
    if kind == "converb":
        return None  # "27 Eylül’de başlayarak …": the clause goes on to its own verb
    following_word = lower(after[index + 1].bare, lang) if index + 1 < len(after) else ""
    if kind == "verbal_noun" and any(following_word.startswith(h) for h in table["complement_heads"]):
        return None  # "… teslim edilmesine karar vermiştir": the decision is the event
    before = [t for t in _tokens(sentence, start, extent[0]) if not _inside(t, removed)]
    pre = [t.text for t in _left_phrase(before, lang)] + [t.text for t in after[:index]]
    verb = finite(stem, lang)
    if kind == "verbal_noun":
        return " ".join(_nominative(pre, lang) + [verb])
    head, following, case = _head(after[index + 1:], lang)
    if not head or _compiled(lang, "finite_verb").search(head[0]):
        # "… verildiği duyurulmuştur": a clause the main verb tells of
        return " ".join(_nominative(pre, lang) + [verb]) if kind == "object_relative" else None
    final_verb = _last_word(sentence[start:end])
    told = re.search(table["verb_forms"]["past"] + r"|m[ıiuü]şt[ıiuü]r$|l[ae]rd[ıiuü]r$", final_verb) \
        and not re.search(table["negative"], final_verb)
    after_head = following is not None and lower(following.bare, lang) in table["temporal_postpositions"]
    rest = after[index + 1 + len(head):]
    inner = following is not None and following.bare == "ile" and any(
        (_verb_form(token.bare, lang) or ("",))[0].endswith("relative")
        for token in rest)  # "… anlaşma ile sona eren savaş"
    if told and not inner and (case in ("", "locative") and not after_head
                               or sentence[start:extent[0]].rstrip().endswith(",")):
        # "… toplanan zirvede katılmıştır", "… gelen ekipler başlamıştır": the main
        # clause tells the event the date belongs to
        return None
    if kind == "subject_relative":
        return " ".join(head + pre + [verb])
    return " ".join(_nominative(pre, lang) + head + [verb])


def _shared_subject(sentence: str, clause: tuple[int, int], dates: list[tuple[int, int]],
                    lang: str) -> str | None:
    """The subject of a sentence's first clause, for a later clause that shares it:
    its words before the first date, case ending or verb ("Kriz masası 19 Ağustos’ta
    …"), or up to a comma ("Kemal Derviş, …"); None when it opens with none."""
    first = clause_bounds(sentence, 0, lang)
    if first[1] >= clause[0]:
        return None
    case_marked = _compiled(lang, "case_marked")
    leading: list[str] = []
    for token in _tokens(sentence, *first):
        if any(a <= token.start < b for a, b in dates) or _verb_form(token.bare, lang) or \
                case_marked.search(token.bare) or not re.search(r"\w", token.text):
            break
        leading.append(token.text.rstrip(","))
        if token.text.endswith(","):
            break
    return " ".join(leading) if leading and leading[0][:1].isupper() else None


def _with_subject(sentence: str, clause: tuple[int, int], body: str, dates: list[tuple[int, int]],
                  lang: str) -> str:
    """A Turkish clause that opens with its object, its subject left to the sentence's
    first clause, with that subject: "Kriz masası 19 Ağustos’ta … adını almış, aynı ayın
    sonunda ise görevini … devretmiştir" → "Kriz masası görevini … devretmiştir"."""
    table = _table(lang)
    skipped = {*table["clause_start_drop"], *(lower(w, lang) for w in table["discourse"])}
    words = body.split()
    while words and lower(words[0].strip(PUNCTUATION), lang) in skipped:
        words = words[1:]
    if clause[0] == 0 or not words or not re.search(table["accusative"], words[0]) or not words[0].islower():
        return body
    subject = _shared_subject(sentence, clause, dates, lang)
    return f"{subject} {' '.join(words)}" if subject else body


def _subordinate(sentence: str, clause: tuple[int, int], extent: tuple[int, int], removed: list,
                 lang: str) -> tuple[int, int]:
    """What another date's verbal noun or relative clause spans, to leave out of this
    date's text: "30 Ağustos 1991’de … ilan edilmesinden sonra", "27 Eylül’de başlayan"."""
    table = _table(lang)
    after = [t for t in _tokens(sentence, extent[1], clause[1]) if not _inside(t, removed)]
    for index, token in enumerate(after):
        if "," in token.text:
            break
        form = _verb_form(token.bare, lang)
        following_word = lower(after[index + 1].bare, lang) if index + 1 < len(after) else ""
        if form and form[0] == "verbal_noun" and any(following_word.startswith(h) for h in table["complement_heads"]):
            return extent  # "… seçimlerin ⟨date⟩ yapılmasına karar vermiştir": the decision stays
        if form and form[0] != "converb":
            before = [t for t in _tokens(sentence, clause[0], extent[0]) if not _inside(t, removed)]
            left = _left_phrase(before, lang)
            end, next_index = token.end, index + 1
            if form[0] == "verbal_noun" and next_index < len(after) and \
                    lower(after[next_index].bare, lang) in table["head_stops"]:
                end, next_index = after[next_index].end, next_index + 1  # "… edilmesinden sonra"
            if form[0] == "verbal_noun" and next_index < len(after) and \
                    (_verb_form(after[next_index].bare, lang) or ("",))[0].endswith("relative"):
                end = after[next_index].end  # "… ateş açmasıyla başlayan"
            return (left[0].start if left else extent[0]), end
        if form:
            break
    return extent


def _english(text: str, date_at: int, lang: str) -> str:
    """"a ceasefire agreed ⟨date⟩ held" → "a ceasefire was agreed and held"."""
    table = _table(lang)
    before, after = text[:date_at].split(), text[date_at:].split()
    if len(before) < 2 or not after or not re.match(table["participles"], before[-1]) or \
            not after[0][:1].isalpha():
        return text
    if before[-2].lower() in table["auxiliaries"] or not _is_verb(after[0], before[-1], lang):
        return text  # "the banks reopened ⟨date⟩ after three weeks": no verb follows
    subject = before[:-1]
    number = "plural" if re.search(table["plural_noun"], subject[-1]) else "singular"
    return " ".join(subject + [table["passive"][number], before[-1], table["and"]] + after)


def _phrases(sentence: str, start: int, end: int, pattern: str) -> list[tuple[int, int]]:
    """``sentence[start:end]`` cut where ``pattern`` matches outside brackets."""
    cuts, position = [], start
    for match in re.finditer(pattern, sentence[start:end]):
        a, b = start + match.start(), start + match.end()
        if sentence.count("(", start, a) == sentence.count(")", start, a):
            cuts.append((position, a))
            position = b
    return cuts + [(position, end)]


def _holding(regions: list[tuple[int, int]], extent: tuple[int, int]) -> tuple[int, int]:
    return next((r for r in regions if r[0] <= extent[0] < r[1]), regions[-1])


def _first_word(text: str) -> str:
    return (text.split() or [""])[0]


def _is_verb(word: str, previous: str, lang: str) -> bool:
    """Whether an English word reads as a verb where it stands: an auxiliary, a past
    form ("signed", "took"), an -ing form not after a determiner, or a word after "to"
    that is no determiner ("to hold").

    >>> _is_verb("took", "", "en"), _is_verb("building", "the", "en"), _is_verb("hold", "to", "en")
    (True, False, True)
    """
    table = _table(lang)
    word, previous = word.strip(PUNCTUATION), previous.strip(PUNCTUATION).lower()
    if not word.islower():
        return False
    if word in table["auxiliaries"] or word in table["irregular_past"] or re.fullmatch(table["past_tense"], word):
        return True
    if previous in table["determiners"]:
        return False
    return bool(re.fullmatch(table["gerund"], word)) or (
        previous == table["infinitive_marker"] and word not in table["stopwords"])


def _verbs(sentence: str, start: int, end: int, lang: str) -> list[Token]:
    """The words of ``sentence[start:end]`` that read as verbs."""
    tokens = _tokens(sentence, start, end)
    return [t for i, t in enumerate(tokens) if _is_verb(t.text, tokens[i - 1].text if i else "", lang)]


def _verbless(text: str, lang: str) -> bool:
    """Whether a phrase has no verb that we can see ("the Levy" yes, "prices rose" no)."""
    return not _verbs(text, 0, len(text), lang)


def _noun_before(sentence: str, phrase: tuple[int, int], coordinator: str, lang: str) -> str | None:
    """The noun phrase a phrase ends with: its last conjunct when it has no verb
    ("Following X and the Levy" → "the Levy"), else what follows its last verb ("May
    called a snap election" → "a snap election")."""
    table = _table(lang)
    verbs = _verbs(sentence, *phrase, lang)
    if verbs:
        tail = sentence[verbs[-1].end:phrase[1]].strip(" ,")
        return tail if re.search(r"\w", tail) else None
    tail = sentence[slice(*_phrases(sentence, *phrase, coordinator)[-1])].strip(" ,")
    opening = re.match(rf"(?:{'|'.join(table['adjunct_prepositions'])})\s+", tail, re.I)
    return tail[opening.end():] if opening else tail


def _coordinated(sentence: str, phrase: tuple[int, int], own: tuple[int, int], other: tuple[int, int],
                 coordinator: str, lang: str) -> tuple[int, int] | None:
    """What to leave out of ``own``'s text for a date coordinated with it in one phrase:
    the other conjunct and the coordinator. The first conjunct starts where the second
    finds its like: the same preposition ("ratified by A on ⟨1⟩ and by B on ⟨2⟩"), or
    the first verb after the subject they share ("May became prime minister on ⟨1⟩ and
    notified the Council on ⟨2⟩"); the second ends with its date ("in Vienna on ⟨1⟩ and
    in Riga on ⟨2⟩ the presidents met").

    >>> s = "It was ratified by Baku on 2 May and by Ashgabat on 9 May."
    >>> first, second = (s.index("on 2"), s.index(" and")), (s.index("on 9"), len(s) - 1)
    >>> [s[slice(*_coordinated(s, (0, len(s)), a, b, r"\\s+and\\s+", "en"))] for a, b in [(first, second), (second, first)]]
    [' and by Ashgabat on 9 May', 'by Baku on 2 May and ']
    """
    first, second = sorted([own, other])
    joints = list(re.finditer(coordinator, sentence[first[1]:second[0]]))
    if not joints:
        return None
    joint = (first[1] + joints[-1].start(), first[1] + joints[-1].end())
    if other == second:
        return joint[0], second[1]
    opening = _first_word(sentence[joint[1]:])
    if _is_verb(opening, "", lang):
        verbs = [t for t in _verbs(sentence, phrase[0], first[0], lang)
                 if t.bare not in _table(lang)["auxiliaries"]]
        return (verbs[0].start if verbs else phrase[0]), joint[1]
    parallel = sentence.rfind(f" {opening} ", phrase[0], first[0] + 1)
    return (parallel + 1 if parallel >= 0 else phrase[0]), joint[1]


def _main_phrase(text: str, lang: str) -> bool:
    """Whether a phrase holds its clause's own verb: it has a verb and does not open
    with a participle, an -ing form, a relative pronoun or an adjunct preposition."""
    table = _table(lang)
    first = _first_word(text).lower()
    return not _verbless(text, lang) and not (
        re.match(table["participles"], first) or re.fullmatch(table["gerund"], first)
        or first in table["relative_pronouns"]
        or re.match(rf"(?:{'|'.join(table['adjunct_prepositions'])})\b", first))


def _phrase_reading(sentence: str, clause: tuple[int, int], extents: list[tuple[int, int]],
                    own: tuple[int, int], lang: str) -> tuple[str | None, list[tuple[int, int]]]:
    """A date's text when its clause is built of phrases (``phrase_boundaries``): a
    date in an opening adjunct ("Following Mexico's levy in January 2014, …") names
    that phrase's noun; one in a participle phrase ("…, announced on 16 March 2016,
    …") or a relative one ("…, which met on 3 May, …") tells of the noun before it.
    Returns that text, or None and what to leave out of the clause: the phrases that
    hold other dates, and a phrase without a date that follows another date.

    >>> s = "After the coup of 27 May 1960, relations were broken off."
    >>> _phrase_reading(s, (0, len(s)), [(15, 29)], (15, 29), "en")[0]
    'the coup'
    """
    table = _table(lang)
    if not table["phrase_boundaries"]:
        return None, []
    phrases = _phrases(sentence, *clause, "|".join(table["phrase_boundaries"]))
    home = _holding(phrases, own)
    index = phrases.index(home)
    coordinator = rf"\s+(?:{'|'.join(table['coordinators'])})\s+"
    own_conjunct = _holding(_phrases(sentence, *home, coordinator), own)
    others, removed = [x for x in extents if x != own and clause[0] <= x[0] < clause[1]], []
    main = next((p for p in phrases if _main_phrase(sentence[slice(*p)], lang)), None)
    for other in others:
        phrase = _holding(phrases, other)
        if phrase == home:
            removed.append(_coordinated(sentence, home, own, other, coordinator, lang) or other)
        else:  # the clause's main phrase stays: "On ⟨1⟩, X asked for what they had promised in ⟨2⟩"
            removed.append(other if phrase == main else phrase)
    for phrase in phrases[index + 1:]:  # "… on ⟨1⟩ and left office on ⟨2⟩, when …": ⟨2⟩'s
        nearest = max((x for x in [own, *others] if x[1] <= phrase[0]), default=own)
        if nearest != own and not any(phrase[0] <= x[0] < phrase[1] for x in others):
            removed.append(phrase)
    opening = re.match(rf"(?:{'|'.join(table['adjunct_prepositions'])})\s+", sentence[home[0]:home[1]], re.I)
    if opening and home[0] == clause[0] and home[1] < clause[1]:
        # the noun phrase that holds the date, without the preposition and the date
        part = (max(own_conjunct[0], home[0] + opening.end()), own_conjunct[1])
        text, _ = _without(sentence, part[0], part[1], extents)
        if re.search(r"\w", text):
            return text.strip(" ,"), []
    first_word = _first_word(sentence[home[0]:home[1]])
    relative = first_word.lower() in table["relative_pronouns"]
    # a participle phrase between commas, or after a clause; not the verb of a subject
    # that an inserted phrase kept from it ("A third one, negotiated in Washington,
    # followed on 25 October")
    previous = sentence[slice(*phrases[index - 1])] if index else ""
    inserted = index + 1 < len(phrases) or not (
        re.match(table["participles"], _first_word(previous)) or _verbless(previous, lang))
    if index and (relative or re.match(table["participles"], first_word) and inserted):
        subject = _noun_before(sentence, phrases[index - 1], coordinator, lang)
        if subject:
            predicate = _without(sentence, *own_conjunct, extents)[0].strip(" ,")
            if relative:
                pronoun = re.match(rf"(?:{'|'.join(table['relative_pronouns'])})\s+", predicate, re.I)
                return f"{subject} {predicate[pronoun.end():] if pronoun else predicate}", []
            number = "plural" if re.search(table["plural_noun"], subject.split()[-1]) else "singular"
            text = f"{subject} {table['passive'][number]} {predicate}"
            if index + 1 < len(phrases) and phrases[index + 1] not in removed:
                # "a third, held on ⟨date⟩, fell by 58 votes": what the noun went on to do
                rest = sentence[slice(*phrases[index + 1])]
                if _is_verb(_first_word(rest), "", lang) and _first_word(rest) not in table["auxiliaries"]:
                    text += f" and {rest}"
            return text, []
    return None, removed


def _gapped(sentence: str, clause: tuple[int, int], body: str, lang: str) -> str:
    """A clause that leaves out the verb of the one before it ("… began on 2 March, and
    those on fisheries only in October") with that verb: "those on fisheries began"."""
    table = _table(lang)
    if not table["phrase_boundaries"] or clause[0] < 3 or not _verbless(body, lang) or \
            _first_word(sentence[clause[0]:]).lower() not in table["coordinators"] + table["clause_start_drop"]:
        return body
    verbs = _verbs(sentence, *clause_bounds(sentence, clause[0] - 3, lang), lang)
    if not verbs:
        return body
    chunk = [verbs[0]]
    for token in verbs[1:]:
        if sentence[chunk[-1].end:token.start].strip():
            break
        chunk.append(token)
    body = body.strip()
    end = body[len(body.rstrip(PUNCTUATION)):]
    subject, comma, rest = body[:len(body) - len(end)].partition(", ")
    return f"{subject.rstrip(' ,')} {' '.join(t.bare for t in chunk)}" + (f", {rest}" if comma else "") + end


def _inside(token: Token, regions: list[tuple[int, int]]) -> bool:
    return any(a <= token.start and token.end <= b for a, b in regions)


def _without(sentence: str, start: int, end: int, regions: list[tuple[int, int]],
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
    table = _table(lang)
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


def _finite_end(text: str, lang: str) -> str:
    """A Turkish clause cut before "ve" ends in "-mış" or "-sa": written as a finite verb."""
    table = _table(lang)
    if not table["finite"]:
        return text
    body = text.rstrip(PUNCTUATION + " ")
    words = body.split()
    if not words:
        return text
    last = words[-1]
    if re.search(table["verb_forms"]["past"], last):
        words[-1] = last + {"ı": "tır", "a": "tır", "i": "tir", "e": "tir", "u": "tur", "o": "tur",
                            "ü": "tür", "ö": "tür"}[next(c for c in reversed(last[:-2]) if c in VOWELS)]
    else:
        conditional = re.match(table["verb_forms"]["conditional"], last)
        if conditional and _compiled(lang, "clause_boundaries").search(text + " da "):
            words[-1] = finite(conditional.group("stem"), lang)
    return " ".join(words) + text[len(body):]


def weaknesses(text: str, dates_in_clause: int, lang: str) -> list[str]:
    """Why an editor should look at an automatic entry text."""
    table = _table(lang)
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
    table = _table(lang)
    stems: Counter = Counter()
    for index, word in enumerate(re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text)):
        bare = re.split(r"['’]", word)[0]
        low = lower(bare, lang)
        if len(low) < 3 or low in table["stopwords"]:
            continue
        name = index and bare[:1].isupper() and not table["capitalised_nouns"]
        stems[low if name else low[:5]] += 2 if name else 1
    return stems


def read_date(sentence: str, dates: list[tuple[int, int, str]], index: int, lang: str) -> Reading:
    """The entry text of ``dates[index]`` ((start, end, suffix) in ``sentence``; the
    others are taken out too, and mark where another date's clause begins)."""
    lang = base_language(lang)
    start, end, _ = dates[index]
    role = date_role(sentence[:start], sentence[start:end].split()[-1] + sentence[end:], lang)
    clause = clause_bounds(sentence, start, lang)
    extents = [_extent(sentence, s, e, clause[0], lang) for s, e, _ in dates]
    joined = re.compile(rf"\s*(?:{'|'.join(map(re.escape, _table(lang)['date_joiners']))}|,)?\s*")
    for i in range(1, len(extents)):  # "11 ve 17 Ekim": one stretch of words
        if joined.fullmatch(sentence[extents[i - 1][1]:extents[i][0]]):
            extents[i - 1] = extents[i] = (extents[i - 1][0], extents[i][1])
    inside = [x for (s, _, _), x in zip(dates, extents) if clause[0] <= s < clause[1]]
    groups = len([x for i, x in enumerate(inside) if i == 0 or
                  not joined.fullmatch(sentence[inside[i - 1][1]:x[0]])])
    own = extents[index]
    text = None
    turkish = _table(lang)["clause_reader"] == "turkish"
    if turkish:
        text = (role == "attributive" and _named_event(sentence, clause, own, extents, lang)) or \
            _turkish(sentence, clause, own, extents, lang)
    phrase_text, removed = (None, []) if text else _phrase_reading(sentence, clause, extents, own, lang)
    if phrase_text is not None or removed:
        groups = 1  # each date has its own phrase
    text = text or phrase_text
    if text is None:
        others = [_subordinate(sentence, clause, x, extents, lang) if x != own and turkish
                  and clause[0] <= x[0] < clause[1] else x for x in extents]
        body, date_at = _without(sentence, clause[0], clause[1], others + removed, own)
        if turkish and clause[1] < len(sentence.rstrip(PUNCTUATION + " ")):
            last_word = _last_word(body)
            if last_word and (last_word[:1].isupper() or "’" in last_word):  # "X ise Bişkek’te, …"
                following = clause_bounds(sentence, clause[1] + 1, lang)
                body = body.rstrip(PUNCTUATION + " ") + " " + _last_word(sentence[following[0]:following[1]])
        if turkish:
            if role == "attributive" and own[1] == end:  # "⟨date⟩ seçimlerinde" → "seçimlerde"
                following = body[date_at:].split(maxsplit=1)
                if following:
                    plain_case = _compound_case(following[0], lang)
                    body = body[:date_at] + " " + " ".join([plain_case, *following[1:]])
            text = _finite_end(_with_subject(sentence, clause, body, extents, lang), lang)
        elif _table(lang)["clause_reader"] == "english":
            text = _english(_gapped(sentence, clause, body, lang), date_at, lang)
        else:  # a language with no clause grammar: the clause as written
            text = body
    text = tidy(text, lang)
    return Reading(text, role, weaknesses(text, groups, lang), content_words(text, lang))
