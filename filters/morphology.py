"""The Turkish clause reader: a date's clause read by its suffixes, verb-final.

A date inside a relative clause or a verbal noun belongs to it, not to the main
clause: "27 Eylül 2020’de başlayan İkinci Karabağ Savaşı’nda …" reads as "İkinci
Karabağ Savaşı başlamıştır."; case endings come off the head noun, the possessive
of a compound whose first part was the date comes off its noun, and a clause cut
before "ve" is written with a finite verb. The suffixes, vowel harmony and verb
forms are the language pack's (``core/languages/tr.py``, CLAUSES).

>>> strip_case("Azerbaycan’ın", "tr"), finite("imzala", "tr")
('Azerbaycan', 'imzalamıştır')
"""
from __future__ import annotations

import re

from core.language import lower
from filters.clauses import (
    PUNCTUATION,
    VOWELS,
    Token,
    clause_bounds,
    compiled,
    grammar_table,
    last_word_of,
    tokens_outside,
    verb_form,
    word_tokens,
)


def finite(stem: str, lang: str) -> str:
    """The verb's past form in the article's register: "başla" → "başlamıştır"."""
    table = grammar_table(lang)
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
    harmony = grammar_table(lang).get("vowel_harmony")
    stem_vowel = next((c for c in reversed(stem.lower()) if c in harmony), None) if harmony else None
    suffix_vowel = next((c for c in suffix if c in VOWELS), None)
    return stem_vowel is None or suffix_vowel is None or suffix_vowel in harmony[stem_vowel]


def strip_case(word: str, lang: str) -> str:
    """A noun without its case ending: "Savaşı’nda" → "Savaşı", "anlaşmasının" → "anlaşması";
    an ending that breaks vowel harmony is part of the word ("kanun" stays "kanun")."""
    for pattern, replacement in grammar_table(lang)["case_endings"]:
        new = re.sub(pattern, replacement, word)
        if new != word:
            suffix = word[len(new):]
            return new if suffix[:1] in "’'" or harmonises(new, suffix, lang) else word
    return word


def named_event(sentence: str, clause: tuple[int, int], own: tuple[int, int], removed: list,
                 lang: str) -> str | None:
    """The event a date names when a temporal postposition follows its noun: "27 Mayıs
    1960 darbesinin ardından …" → "darbe" (what follows the postposition happened
    after it, on no date of its own). None when no postposition follows.

    >>> s = "1955 olaylarının ardından mülkler el değiştirmiştir."
    >>> named_event(s, (0, len(s)), (0, 4), [], "tr")
    'olaylar'
    """
    table = grammar_table(lang)
    after = tokens_outside(word_tokens(sentence, own[1], clause[1]), removed)
    for index, token in enumerate(after[:4]):
        if index and lower(token.bare, lang) in table["temporal_postpositions"]:
            before = tokens_outside(word_tokens(sentence, clause[0], own[0]), removed)
            left = [t.text for t in left_phrase(before, lang)]
            head = [t.text for t in after[:index]]
            head[-1] = strip_case(head[-1], lang)
            if not (left and compiled(lang, "genitive").search(left[-1])):  # "Ermenistan’ın saldırısı"
                head[-1] = re.sub(table["compound_marker"], "", head[-1])
            return " ".join(left + head)
        if not token.text.islower() or "," in token.text or verb_form(token.bare, lang):
            return None
    return None


def compound_case(word: str, lang: str) -> str:
    """A compound's noun without the possessive it had for the date before it, its case
    kept: "seçimlerinde" → "seçimlerde", "darbesinin" → "darbenin".

    >>> compound_case("seçimlerinde", "tr"), compound_case("darbesinin", "tr")
    ('seçimlerde', 'darbenin')
    """
    for pattern, replacement in grammar_table(lang)["compound_case"]:
        new = re.sub(pattern, replacement, word)
        if new != word:
            return new
    return word


def nominative(words: list[str], lang: str) -> list[str]:
    """The genitive subject of a Turkish relative clause or verbal noun, as a subject."""
    genitive = compiled(lang, "genitive")
    for index in range(len(words) - 1, -1, -1):
        word = words[index].rstrip(",")
        if genitive.search(word) and strip_case(word, lang) != word:
            return words[:index] + [strip_case(word, lang)] + words[index + 1:]
    return words


def left_phrase(tokens: list[Token], lang: str) -> list[Token]:
    """The words before a date that belong to its relative clause: case-marked words
    ("Erivan’da", "Azerbaycan’ın") and the nouns that modify them, back to a comma,
    a conjunction, a verb form or a subject in the nominative."""
    table = grammar_table(lang)
    case_marked = compiled(lang, "case_marked")
    taken: list[Token] = []
    for token in reversed(tokens):
        word = token.text
        if word.endswith(",") or lower(word, lang) in table["left_stops"] or verb_form(word, lang):
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


def head_noun(tokens: list[Token], lang: str) -> tuple[list[str], Token | None, str]:
    """The noun phrase a relative clause describes: its words (case taken off),
    the word after it, and its case: "" (a subject or object), "locative" (where
    something took place, or "… ile"), "other"."""
    table = grammar_table(lang)
    words: list[str] = []
    last = None
    finite_verb = compiled(lang, "finite_verb")
    for index, token in enumerate(tokens[:7]):
        word = token.text
        listed = words and words[-1][:1].isupper() and index + 1 < len(tokens) and \
            tokens[index + 1].text[:1].isupper()
        if (lower(word.strip(PUNCTUATION), lang) in table["head_stops"] and not (word == table["and"] and listed)) \
                or verb_form(word, lang) or finite_verb.search(word):
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
                compiled(lang, "case_marked").search(word) or compiled(lang, "instrumental").search(word))) or \
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
    if following is not None and following.bare == "ile" or compiled(lang, "instrumental").search(final):
        case = "locative"  # "… imzalanan protokol ile", "… protokolle": where the event took place, too
    words[-1] = stripped
    return words, following, case


def turkish_reading(sentence: str, clause: tuple[int, int], extent: tuple[int, int], removed: list,
             lang: str) -> str | None:
    """The Turkish reading when the date belongs to a relative clause or a verbal noun
    (None: it belongs to the main clause)."""
    table = grammar_table(lang)
    start, end = clause
    after = tokens_outside(word_tokens(sentence, extent[1], end), removed)
    for index, token in enumerate(after):
        if token.text.startswith(",") or token.text.endswith(",") and not verb_form(token.bare, lang):
            return None
        form = verb_form(token.bare, lang)
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
    before = tokens_outside(word_tokens(sentence, start, extent[0]), removed)
    pre = [t.text for t in left_phrase(before, lang)] + [t.text for t in after[:index]]
    verb = finite(stem, lang)
    if kind == "verbal_noun":
        return " ".join(nominative(pre, lang) + [verb])
    head, following, case = head_noun(after[index + 1:], lang)
    if not head or compiled(lang, "finite_verb").search(head[0]):
        # "… verildiği duyurulmuştur": a clause the main verb tells of
        return " ".join(nominative(pre, lang) + [verb]) if kind == "object_relative" else None
    final_verb = last_word_of(sentence[start:end])
    told = re.search(table["verb_forms"]["past"] + r"|m[ıiuü]şt[ıiuü]r$|l[ae]rd[ıiuü]r$", final_verb) \
        and not re.search(table["negative"], final_verb)
    after_head = following is not None and lower(following.bare, lang) in table["temporal_postpositions"]
    rest = after[index + 1 + len(head):]
    inner = following is not None and following.bare == "ile" and any(
        (verb_form(token.bare, lang) or ("",))[0].endswith("relative")
        for token in rest)  # "… anlaşma ile sona eren savaş"
    if told and not inner and (case in ("", "locative") and not after_head
                               or sentence[start:extent[0]].rstrip().endswith(",")):
        # "… toplanan zirvede katılmıştır", "… gelen ekipler başlamıştır": the main
        # clause tells the event the date belongs to
        return None
    if kind == "subject_relative":
        return " ".join(head + pre + [verb])
    return " ".join(nominative(pre, lang) + head + [verb])


def shared_subject(sentence: str, clause: tuple[int, int], dates: list[tuple[int, int]],
                    lang: str) -> str | None:
    """The subject of a sentence's first clause, for a later clause that shares it:
    its words before the first date, case ending or verb ("Kriz masası 19 Ağustos’ta
    …"), or up to a comma ("Kemal Derviş, …"); None when it opens with none."""
    first = clause_bounds(sentence, 0, lang)
    if first[1] >= clause[0]:
        return None
    case_marked = compiled(lang, "case_marked")
    leading: list[str] = []
    for token in word_tokens(sentence, *first):
        if any(a <= token.start < b for a, b in dates) or verb_form(token.bare, lang) or \
                case_marked.search(token.bare) or not re.search(r"\w", token.text):
            break
        leading.append(token.text.rstrip(","))
        if token.text.endswith(","):
            break
    return " ".join(leading) if leading and leading[0][:1].isupper() else None


def with_subject(sentence: str, clause: tuple[int, int], body: str, dates: list[tuple[int, int]],
                  lang: str) -> str:
    """A Turkish clause that opens with its object, its subject left to the sentence's
    first clause, with that subject: "Kriz masası 19 Ağustos’ta … adını almış, aynı ayın
    sonunda ise görevini … devretmiştir" → "Kriz masası görevini … devretmiştir"."""
    table = grammar_table(lang)
    skipped = {*table["clause_start_drop"], *(lower(w, lang) for w in table["discourse"])}
    words = body.split()
    while words and lower(words[0].strip(PUNCTUATION), lang) in skipped:
        words = words[1:]
    if clause[0] == 0 or not words or not re.search(table["accusative"], words[0]) or not words[0].islower():
        return body
    subject = shared_subject(sentence, clause, dates, lang)
    return f"{subject} {' '.join(words)}" if subject else body


def subordinate(sentence: str, clause: tuple[int, int], extent: tuple[int, int], removed: list,
                 lang: str) -> tuple[int, int]:
    """What another date's verbal noun or relative clause spans, to leave out of this
    date's text: "30 Ağustos 1991’de … ilan edilmesinden sonra", "27 Eylül’de başlayan"."""
    table = grammar_table(lang)
    after = tokens_outside(word_tokens(sentence, extent[1], clause[1]), removed)
    for index, token in enumerate(after):
        if "," in token.text:
            break
        form = verb_form(token.bare, lang)
        following_word = lower(after[index + 1].bare, lang) if index + 1 < len(after) else ""
        if form and form[0] == "verbal_noun" and any(following_word.startswith(h) for h in table["complement_heads"]):
            return extent  # "… seçimlerin ⟨date⟩ yapılmasına karar vermiştir": the decision stays
        if form and form[0] != "converb":
            before = tokens_outside(word_tokens(sentence, clause[0], extent[0]), removed)
            left = left_phrase(before, lang)
            end, next_index = token.end, index + 1
            if form[0] == "verbal_noun" and next_index < len(after) and \
                    lower(after[next_index].bare, lang) in table["head_stops"]:
                end, next_index = after[next_index].end, next_index + 1  # "… edilmesinden sonra"
            if form[0] == "verbal_noun" and next_index < len(after) and \
                    (verb_form(after[next_index].bare, lang) or ("",))[0].endswith("relative"):
                end = after[next_index].end  # "… ateş açmasıyla başlayan"
            return (left[0].start if left else extent[0]), end
        if form:
            break
    return extent


def finite_end(text: str, lang: str) -> str:
    """A Turkish clause cut before "ve" ends in "-mış" or "-sa": written as a finite verb."""
    table = grammar_table(lang)
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
        if conditional and compiled(lang, "clause_boundaries").search(text + " da "):
            words[-1] = finite(conditional.group("stem"), lang)
    return " ".join(words) + text[len(body):]
