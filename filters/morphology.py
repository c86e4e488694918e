"""The Turkish clause reader: a date's clause read by its suffixes, verb-final.

A date inside a relative clause or a verbal noun belongs to it, not to the main
clause: "27 Eylül 2020’de başlayan İkinci Karabağ Savaşı’nda …" reads as "İkinci
Karabağ Savaşı başlamıştır."; case endings come off the head noun, the possessive
of a compound whose first part was the date comes off its noun, and a clause cut
before "ve" is written with a finite verb. The suffixes, vowel harmony and verb
forms are the language pack's (``core/languages/tr.py``, CLAUSES).

>>> strip_case("Azerbaycan’ın", "tr"), strip_case("ortaklığın", "tr"), finite("imzala", "tr")
('Azerbaycan', 'ortaklık', 'imzalamıştır')
"""
from __future__ import annotations

import re

from core.language import lower
from filters.clauses import (
    PUNCTUATION,
    VOWELS,
    Token,
    around,
    clause_bounds,
    compiled,
    grammar_table,
    has_word,
    last_word_of,
    list_segments,
    tokens_outside,
    verb_form,
    word_tokens,
)


class WithSubject(str):
    """A reading whose subject the reader found: the head of a subject relative ("… ayrılan
    Ahmet Cevdet Paşa" → "Ahmet Cevdet Paşa … ayrılmıştır"), or the genitive of a relative
    clause or verbal noun made nominative ("Kırım’ın … ilhak edilmesiyle" → "Kırım …")."""


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
            if not (suffix[:1] in "’'" or harmonises(new, suffix, lang)):
                return word
            return new[:-1] + "k" if new.endswith("ğ") else new  # "ortaklığın" → "ortaklık": no word ends in ğ
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
    found = [index for index in range(len(words)) if genitive.search(words[index].rstrip(","))
             and strip_case(words[index].rstrip(","), lang) != words[index].rstrip(",")]

    def possessor(index: int) -> bool:  # "Rusya’nın baskısıyla": the genitive of the noun it owns
        following = words[index + 1] if index + 1 < len(words) else ""
        return following.islower() and bool(re.search(
            r"(?:s[ıiuü]|[ıiuü]|l[ae]r[ıi])(?:n(?:[ıiuü]n|[ae]|d[ae]n?|[ıiuü])|yl[ae])?$", following))

    chosen = [i for i in found if not possessor(i)] or found
    if not chosen:
        return words
    index = chosen[-1]
    return words[:index] + [strip_case(words[index].rstrip(","), lang)] + words[index + 1:]


def left_phrase(tokens: list[Token], lang: str) -> list[Token]:
    """The words before a date that belong to its relative clause: case-marked words
    ("Erivan’da", "Azerbaycan’ın") and the nouns that modify them, back to a comma,
    a conjunction, a verb form or a subject in the nominative."""
    table = grammar_table(lang)
    case_marked = compiled(lang, "case_marked")
    discourse = {lower(w, lang) for w in table["discourse"]}
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
        # the words of a name before its case ending: "İslam Kerimov’un", "Avrasya Ekonomi Birliği (AET)’ne"
        in_name = taken and taken[0].text[:1] in "(" + (taken[0].text[:1] if taken[0].text[:1].isupper() else "") \
            and re.fullmatch(r"[^\W\d_a-zçğıöşü][\w.-]*", word) and lower(word, lang) not in discourse
        if marked or (word.islower() and follows_common_noun) or in_name:
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


# A relative form in a case ("çekildiğini", "verildiğine", "olduğundan"): a clause named as
# the object of the verb after it
COMPLEMENT_CASE = re.compile(r"[dt][ıiuü]ğ[ıiuü]n(?:[ıiuü]|[ae]|d[ae]n?)$")


# A verbal noun in no case: the subject (or the object) of the words after it.
BARE_VERBAL_NOUN = re.compile(r"m[ae]s[ıi]$")


def turkish_reading(sentence: str, clause: tuple[int, int], extent: tuple[int, int], removed: list,
             lang: str) -> str | None:
    """The Turkish reading when the date belongs to a relative clause or a verbal noun
    (None: it belongs to the main clause)."""
    table = grammar_table(lang)
    start, end = clause
    after = tokens_outside(word_tokens(sentence, extent[1], end), removed)
    others = [x[0] for x in removed if x != extent and x[0] >= extent[1]]
    for index, token in enumerate(after):
        if token.text.startswith(",") or token.text.endswith(",") and not verb_form(token.bare, lang):
            return None
        if any(start < token.start for start in others):
            return None  # past another date: what follows is that date's
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
    if kind == "object_relative" and COMPLEMENT_CASE.search(after[index].bare):
        # "… görevden çekildiğini bildirdi": a clause in a case is the object of the verb after
        # it, no noun's relative; the sentence tells the event ("Görevden bildirdi. çekilmiştir." before)
        return None
    following = index + 1
    while kind == "verbal_noun" and following < len(after) and after[following].bare == table["and"]:
        # "… ilişkilerin geliştirilmesi ve … yatırımların artırılması için": the last one's word decides
        nouns = [j for j in range(following + 1, len(after)) if (verb_form(after[j].bare, lang) or ("",))[0]
                 == "verbal_noun"]
        if not nouns:
            break
        following = nouns[0] + 1
    following_word = lower(after[following].bare, lang) if following < len(after) else ""
    if kind == "verbal_noun" and any(following_word.startswith(h) for h in table["complement_heads"]):
        return None  # "… teslim edilmesine karar vermiştir", "… geliştirilmesi için": the decision, the aim
    if kind == "verbal_noun" and BARE_VERBAL_NOUN.search(after[index].bare) and following_word \
            and following_word not in table["head_stops"] \
            and any(compiled(lang, "genitive").search(token.bare) for token in after[:index]):
        # "1932’de ezanın Türkçe okunması zorunlu hale getirildi": the verbal noun, in no case
        # and no postposition's, is the main clause's subject, and its own subject (the
        # genitive) stands after the date, which is then outside it: the main clause's
        return None
    before = tokens_outside(word_tokens(sentence, start, extent[0]), removed)
    pre = [t.text for t in left_phrase(before, lang)] + [t.text for t in after[:index]]
    verb = finite(stem, lang)
    if kind == "verbal_noun":
        return subjected(pre, [verb], lang)
    head, following, case = head_noun(after[index + 1:], lang)
    if not head or compiled(lang, "finite_verb").search(head[0]):
        # "… verildiği duyurulmuştur": a clause the main verb tells of; "Kerimov’un ⟨date⟩
        # Azerbaycan’a gerçekleştirdiği ziyarettir": the noun it is, the verb's object
        if kind != "object_relative":
            return None
        predicate = after[index + 1].bare if index + 1 < len(after) else ""
        copula = re.fullmatch(r"([a-zçğıöşü]{3,}?)y?[dt][ıiuü]r", predicate)
        noun = [copula.group(1)] if copula and not re.search(
            r"m[ıiuü]şt[ıiuü]r$|m[ae]kt[ae]d[ıiuü]r$|l[ae]rd[ıiuü]r$|[ıiuü]yor", predicate) else []
        return subjected(pre, noun + [verb], lang)
    genitive = compiled(lang, "genitive")
    if kind == "object_relative" and genitive.search(after[index + len(head)].bare) and \
            any(genitive.search(t.bare) for t in after[:index]):
        # "1997 yılında Azerbaycan’ın … anlaşmaya vardığı şirketlerin … çekilmesi … olmuştur":
        # its subject after the date, its noun the owner of the main clause's: the noun need
        # not be the verb's object ("anlaşmaya varmak" takes none), the date may be the main
        # clause's; the main clause is the entry, not a relative rebuilt around a guess
        return None
    final_verb = last_word_of(sentence[start:end])
    told = re.search(table["verb_forms"]["past"] + r"|m[ıiuü]şt[ıiuü]r$|l[ae]rd[ıiuü]r$", final_verb) \
        and not re.search(table["negative"], final_verb)
    after_head = following is not None and lower(following.bare, lang) in table["temporal_postpositions"]
    rest = after[index + 1 + len(head):]
    inner = following is not None and following.bare == "ile" and any(
        (verb_form(token.bare, lang) or ("",))[0].endswith("relative")
        for token in rest)  # "… anlaşma ile sona eren savaş"
    # the main clause dated by a date of its own ("… açılan bu tesis, 1983 yılına kadar hizmet
    # vermiştir"): ours is the relative clause's
    dated_apart = any(other >= extent[1] for other in others)
    if told and not inner and not dated_apart and (case in ("", "locative") and not after_head
                                                   or sentence[start:extent[0]].rstrip().endswith(",")):
        # "… toplanan zirvede katılmıştır", "… gelen ekipler başlamıştır": the main
        # clause tells the event the date belongs to
        return None
    if kind == "subject_relative":
        return WithSubject(" ".join(head + pre + [verb]))
    return subjected(pre, head + [verb], lang)


def subjected(pre: list[str], rest: list[str], lang: str) -> str:
    """``pre`` (its genitive made the subject) and ``rest``, as a text; a ``WithSubject``
    when it has one."""
    words = nominative(pre, lang)
    text = " ".join(words + rest)
    return WithSubject(text) if words != pre else text


def shared_subject(sentence: str, clause: tuple[int, int], dates: list[tuple[int, int]],
                    lang: str) -> str | None:
    """The subject of a sentence's first clause, for a later clause that shares it:
    its words before the first date, case ending or verb ("Kriz masası 19 Ağustos’ta
    …"), or up to a comma ("Kemal Derviş, …"); None when it opens with none."""
    first = clause_bounds(sentence, 0, lang)
    if first[1] >= clause[0]:
        return None
    table = grammar_table(lang)
    case_marked = compiled(lang, "case_marked")
    leading: list[str] = []
    for token in word_tokens(sentence, *first):
        bare = token.bare
        if any(a <= token.start < b for a, b in dates) or verb_form(bare, lang) or \
                lower(bare, lang) in table["left_stops"] or not re.search(r"\w", token.text) or \
                re.search(r"\w['’]\w+$", bare) or (compiled(lang, "genitive").search(bare) if bare.islower()
                                                     else re.search(r"[aeıioöuü]n[ıiuü]n$|l[ae]r[ıi]n$", bare)) or \
                (bare.islower() and case_marked.search(bare) and not re.search(r"[dt][ae]ki$", bare)):
            break  # "İki ülke arasındaki diplomatik ilişkiler, …": "-daki" describes, it ends nothing
        leading.append(token.text.rstrip(","))
        if token.text.endswith(","):
            break
    return " ".join(leading) if leading and leading[0][:1].isupper() else None


def with_subject(sentence: str, clause: tuple[int, int], body: str, dates: list[tuple[int, int]],
                  lang: str) -> str:
    """A Turkish clause that opens with its object, or has no subject of its own
    (``subjectless``), its subject left to the sentence's first clause, with that subject:
    "Kriz masası 19 Ağustos’ta … adını almış, aynı ayın sonunda ise görevini …
    devretmiştir" → "Kriz masası görevini … devretmiştir"; "İki ülke arasındaki
    diplomatik ilişkiler, … başlamış ve 2005 yılında stratejik ortaklık seviyesine
    yükselmiştir" → "İki ülke arasındaki diplomatik ilişkiler stratejik ortaklık
    seviyesine yükselmiştir"."""
    table = grammar_table(lang)
    skipped = {*table["clause_start_drop"], *(lower(w, lang) for w in table["discourse"])}
    words = body.split()
    while words and lower(words[0].strip(PUNCTUATION), lang) in skipped:
        words = words[1:]
    if clause[0] == 0 or not words or not (re.search(table["accusative"], words[0]) and words[0].islower()
                                           or subjectless(" ".join(words), lang)
                                           or lower(words[0], lang) in table["determiners"]):
        return body
    if len(words) > 1 and lower(words[0], lang) in table["determiners"]:
        # "… aile sayısı ⟨1⟩ 40 bini aşarken bu sayı ⟨2⟩ 15 binin altına inmiştir": "bu
        # sayı" is the first clause's subject, named again
        first = clause_bounds(sentence, 0, lang)
        if first[1] >= clause[0] or not sentence[first[0]:first[0] + 1].isupper():
            return body
        before = [t for t in word_tokens(sentence, *first) if not any(a <= t.start for a, _ in dates)]
        same = [t for t in before if lower(t.bare, lang)[:4] == lower(words[1].strip(PUNCTUATION), lang)[:4]]
        if same and not any("," in t.text for t in before if t.end <= same[-1].start):
            return f"{sentence[first[0]:same[-1].end].strip(PUNCTUATION + ' ')} {' '.join(words[2:])}"
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


def listed(sentence: str, clause: tuple[int, int], own: tuple[int, int], extents: list,
           lang: str) -> str | None:
    """A date's text in a verb-final clause that lists several dates, each with its own
    words, and shares its verb: the shared words before the first part, the date's own
    words, and the verb after the last (when the parts' own words stand before their
    dates, the last part's words after its date are as many as the first's; when they
    follow their dates, they run to the verb). None when the clause is no such list.

    >>> s = "Üçlü bildiri uyarınca Ağdam 20 Kasım’da, Kelbecer 25 Kasım’da, Laçin ise 1 Aralık 2020’de Azerbaycan’a iade edilmiştir."
    >>> dates = [(28, 39), (50, 61), (72, 88)]
    >>> [listed(s, (0, len(s)), d, dates, "tr") for d in dates][1:]
    ['Üçlü bildiri uyarınca Kelbecer Azerbaycan’a iade edilmiştir', 'Üçlü bildiri uyarınca Laçin ise Azerbaycan’a iade edilmiştir']
    >>> s = "İki ülke 2001’de bir protokol ve 2004’te bir deklarasyon imzalamıştır."
    >>> [listed(s, (0, len(s)), d, [(9, 16), (33, 40)], "tr") for d in [(9, 16), (33, 40)]]
    ['İki ülke bir protokol imzalamıştır', 'İki ülke bir deklarasyon imzalamıştır']
    """
    segments = list_segments(sentence, clause, extents, lang)
    finite_verb = compiled(lang, "finite_verb")
    table = grammar_table(lang)
    if not segments:
        return None
    parts = [tuple([w for w in words if re.search(r"\w", w)] for words in around(sentence, segment, extents))
             for segment in segments]  # (a citation taken out leaves its period alone)
    # no part before the last has a verb of its own (the first one's words before its date
    # are shared: "… tesis edilmesinden sonra iki ülke arasında ⟨1⟩ …" may hold one)
    own_words = [parts[0][1]] + [before + after for before, after in parts[1:-1]]
    if any(finite_verb.search(w) or verb_form(w.strip(PUNCTUATION), lang) for words in own_words for w in words):
        return None
    markers = {*table["clause_start_drop"], *(lower(w, lang) for w in table["discourse"])}
    own_count = len([w for w in parts[1][0] if lower(w, lang) not in markers])  # "üçüncü zirve ise ⟨2⟩"
    named = [parts[0][1], *(after for _, after in parts[1:-1])]
    if own_count or not parts[0][1]:  # "Ağdam ⟨1⟩, Kelbecer ⟨2⟩ …": as many words after the last date as after the first
        shared_after = parts[-1][1][len(parts[0][1]):]
    elif all(words and all(w[:1].isupper() for w in words) for words in named):
        # "⟨1⟩ Alman-Avusturya, ⟨2⟩ Macaristan, ⟨3⟩ Çekoslovakya cumhuriyet ilan ettiler": each
        # part names its subject; the last one's name is its capitalised words, the rest is shared
        lead = next((i for i, w in enumerate(parts[-1][1]) if not w[:1].isupper()), len(parts[-1][1]))
        shared_after = parts[-1][1][lead:]
    else:  # "⟨1⟩ ikili anlaşmalar ve ⟨2⟩ … bir deklarasyon imzalanmıştır": the last part's own words run to the verb
        verb = parts[-1][1][-1:]
        light = parts[-1][1][-2:-1] if verb and re.match(table["light_verbs"], verb[0]) else []
        shared_after = light + verb if len(parts[-1][1]) > len(light + verb) else []
    if not shared_after or not any(finite_verb.search(w) for w in shared_after[-1:]):
        return None
    shared_before = parts[0][0][:len(parts[0][0]) - own_count]
    index = next(i for i, segment in enumerate(segments) if segment[0] <= own[0] < segment[1])
    before, after = parts[index]
    own_before = before if index else before[len(before) - own_count:] if own_count else []
    own_after = after if index < len(segments) - 1 else after[:len(after) - len(shared_after)]
    return " ".join(shared_before + own_before + own_after + shared_after).rstrip(PUNCTUATION)


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


# A name's genitive ending ("Rusya’nın", "Bakü’nün"): a relative clause's subject, made nominative.
GENITIVE_ENDING = re.compile(r"['’]n?[ıiuü]n(?!\w)")


def subjectless(text: str, lang: str, sentence: str = "") -> bool:
    """Whether a Turkish clause tells an act and has no subject of its own (a sentence
    that leaves it to the sentences before: "İstanbul’a geldi."), so that the entry may
    name the actor. Every word before the verb must be no subject: a name with its case
    ending ("İstanbul’a"), a lower-case word with one ("görevini", "tahsiline"), an
    infinitive or converb, a postposition or an adverb; the noun of a light verb is part
    of the predicate ("vefat etti", "tayin edildi"). A word that may be a subject (a name
    as it is, "Kazakistan", "Rusya"; a noun without a case, "anlaşma", "ilişkiler") or a
    nominal sentence ("… girişimidir") is not subjectless: an actor is never added to a
    clause that has one. A name that ``sentence`` writes in the genitive is the subject of
    the relative clause or verbal noun the text was read from ("Azerbaycan’ın … tayin
    etmesiyle" → "Azerbaycan … tayin etmiştir").

    >>> subjectless("İstanbul’a geldi.", "tr"), subjectless("Maarif Nazırlığına tayin edildi.", "tr")
    (True, True)
    >>> subjectless("Rusya ile İran’ın muhalefetine rağmen anlaşma imzalanmıştır.", "tr")
    False
    >>> subjectless("İki ülke ilişkilerini stratejik ortaklık seviyesine çıkarmıştır.", "tr")
    False
    >>> subjectless("Azerbaycan-Türkmenistan arasında diplomatik ilişkiler tesis edilmiştir.", "tr")
    False
    """
    table = grammar_table(lang)
    words = re.sub(r"\([^()]*\)|“[^”]*”", " ", text).rstrip(PUNCTUATION + " ").split()
    if words and sentence and has_word(sentence, lower(words[0], lang)):
        words[0] = lower(words[0], lang)  # capitalised only as the entry's first word ("İlhak edilmiştir.")
    if len(words) < 2 or not words[-1].islower() or not compiled(lang, "event_verb").search(words[-1]):
        return False
    rest = words[:-1]
    if re.match(table["light_verbs"], words[-1]) and rest[-1].islower():
        light = rest.pop()
        if rest and re.search(table["possessed"], light) and not re.search(r"['’,]", rest[-1]):
            rest.pop()  # "İstanbul kadısı oldu": the compound is the predicate
    skipped = {*table["head_stops"], *table["left_stops"], *table["temporal_postpositions"],
               *table["not_verbs"], *table["clause_start_drop"], *table["determiners"]}
    oblique, name_oblique, genitive = (compiled(lang, key) for key in ("oblique", "name_oblique", "genitive"))
    for index, word in enumerate(rest):
        bare = word.strip(PUNCTUATION + "’'")
        if not bare or bare.isdecimal():
            continue
        if re.search(r"\w['’]\w+$", bare):
            continue  # a name with its case ending: "İstanbul’a", "Azerbaycan’ın"
        if not bare.islower():
            if sentence and has_word(sentence, bare, GENITIVE_ENDING):
                return False  # the genitive subject of a relative clause, made nominative
            following = rest[index + 1] if index + 1 < len(rest) else ""
            if following[:1].isupper() and not re.search(r"['’]", following) and "," not in word:
                continue  # part of a longer name: its last word decides
            if name_oblique.search(bare):
                continue  # "Maarif Nazırlığına"
            return False  # a name as it is: the subject ("Türkmenistan Bakü’deki …")
        low = lower(bare, lang)
        following = rest[index + 1].strip(PUNCTUATION) if index + 1 < len(rest) else ""
        if low in skipped or oblique.search(low) or verb_form(low, lang) or (following and genitive.search(low)):
            continue
        counted = index and (rest[index - 1].isdecimal() or lower(rest[index - 1], lang) in table["numbers"])
        if following.islower() and "," not in word and lower(following, lang) not in skipped and not counted \
                and not re.search(r"(?:l[ae]r|l[ae]r[ıi]|s[ıiuü]|[ıiuü])$", low) and not genitive.search(following):
            continue  # a word that describes the next one ("stratejik ortaklık seviyesine"): its head decides
        return False  # a noun without a case ending may be the subject
    return True


def described_date(sentence: str, clause: tuple[int, int], start: int, others: list, lang: str) -> str | None:
    """The event of a relative clause that describes a date ("Ermenistan’ın AET’ne kabul
    edildiği 2014 yılında …" → "Ermenistan AET’ne kabul edilmiştir"), written as a finite
    clause; None when the word before the date is no relative form.

    >>> s = "Bunun örneği ise Ermenistan’ın AET’ne kabul edildiği 2014 yılında görülmektedir."
    >>> described_date(s, (0, len(s)), s.index("2014"), [], "tr")
    'Ermenistan AET’ne kabul edilmiştir'
    """
    table = grammar_table(lang)
    tokens = tokens_outside(word_tokens(sentence, clause[0], start), others)
    form = verb_form(tokens[-1].bare, lang) if tokens else None
    if not form or not form[0].endswith("relative") or re.search(table["negative_participle"], tokens[-1].bare):
        return None
    stem, rest = form[1], tokens[:-1]
    if rest and rest[-1].text.islower() and re.match(table["light_verbs"], tokens[-1].bare) and \
            not compiled(lang, "case_marked").search(rest[-1].text):
        stem, rest = f"{rest[-1].text} {stem}", rest[:-1]  # "kabul edildiği"
    return subjected([t.text for t in left_phrase(rest, lang)], [finite(stem, lang)], lang)
