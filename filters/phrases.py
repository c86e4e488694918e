"""The English clause reader: a date's clause read by its phrases.

A clause is cut at commas into phrases, its coordinated parts at "and"; a date in
an opening adjunct names that phrase's noun ("Following the elections of 4 October,
…" → "the elections"), and a participle before the date is read as a passive ("a
ceasefire agreed on 29 April held" → "A ceasefire was agreed and held."). The words
are the language pack's (``core/languages/en.py``, CLAUSES).

>>> is_verb("signed", "", "en"), is_verb("treaty", "the", "en")
(True, False)
"""
from __future__ import annotations

import re

from filters.clauses import (
    PUNCTUATION,
    Token,
    around,
    clause_bounds,
    first_word_of,
    grammar_table,
    holding,
    list_segments,
    phrase_spans,
    text_without,
    word_tokens,
)


def english_reading(text: str, date_at: int, lang: str) -> str:
    """"a ceasefire agreed ⟨date⟩ held" → "a ceasefire was agreed and held"; "…, including
    the summit held ⟨date⟩" → "the summit was held"."""
    table = grammar_table(lang)
    before, after = text[:date_at].split(), text[date_at:].split()
    if len(before) >= 3 and before[-2].lower() in table["progressive_passive"] and participle(before[-1], lang):
        before = before[:-2] + before[-1:]  # "with Pixi being created ⟨date⟩": "Pixi was created"
    if len(before) >= 2 and not any(re.search(r"\w", w) for w in after) and participle(before[-1], lang) \
            and before[-2].lower() not in table["auxiliaries"] and not before[-2].endswith(","):
        opening = next((i for i in range(len(before) - 2, max(-1, len(before) - 7), -1)
                        if before[i].lower() in table["determiners"]), None)
        # "…, with Pixi created ⟨date⟩": the noun after the opener, a name with no determiner
        absolute = next((i + 1 for i in range(len(before) - 3, max(-1, len(before) - 8), -1)
                         if before[i].lower() in table["absolute_openers"]), None)
        opening = opening if opening is not None else absolute
        # the noun is no subject of its own verb ("The minister resigned ⟨date⟩"): a verb comes before it
        if opening and not any(w.endswith(",") for w in before[opening:-2]) and \
                any(is_verb(w, before[i - 1] if i else "", lang) for i, w in enumerate(before[:opening])):
            subject = before[opening:-1]
            number = "plural" if re.search(table["plural_noun"], subject[-1]) else "singular"
            return " ".join(subject + [table["passive"][number], before[-1]])
    if len(before) < 2 or not after or not participle(before[-1], lang) or \
            not after[0][:1].isalpha():
        return text
    if before[-2].lower() in table["auxiliaries"] or not is_verb(after[0], before[-1], lang):
        return text  # "the banks reopened ⟨date⟩ after three weeks": no verb follows
    subject = before[:-1]
    number = "plural" if re.search(table["plural_noun"], subject[-1]) else "singular"
    return " ".join(subject + [table["passive"][number], before[-1], table["and"]] + after)


def is_verb(word: str, previous: str, lang: str) -> bool:
    """Whether an English word reads as a verb where it stands: an auxiliary, a past
    form ("signed", "took"), an -ing form not after a determiner, or a word after "to"
    that is no determiner ("to hold").

    >>> is_verb("took", "", "en"), is_verb("building", "the", "en"), is_verb("hold", "to", "en")
    (True, False, True)
    """
    table = grammar_table(lang)
    word, previous = word.strip(PUNCTUATION), previous.strip(PUNCTUATION).lower()
    if not word.islower():
        return False
    if word in table["auxiliaries"] or word in table["irregular_past"] or re.fullmatch(table["past_tense"], word):
        return True
    if previous in table["determiners"]:
        return False
    return bool(re.fullmatch(table["gerund"], word)) or (
        previous == table["infinitive_marker"] and word not in table["stopwords"])


def verbs_in(sentence: str, start: int, end: int, lang: str) -> list[Token]:
    """The words of ``sentence[start:end]`` that read as verbs."""
    tokens = word_tokens(sentence, start, end)
    return [t for i, t in enumerate(tokens) if is_verb(t.text, tokens[i - 1].text if i else "", lang)]


def verbless(text: str, lang: str) -> bool:
    """Whether a phrase has no verb that we can see ("the Levy" yes, "prices rose" no)."""
    return not verbs_in(text, 0, len(text), lang)


def noun_before(sentence: str, phrase: tuple[int, int], coordinator: str, lang: str) -> str | None:
    """The noun phrase a phrase ends with: its last conjunct when it has no verb
    ("Following X and the Levy" → "the Levy"), else what follows its last verb ("May
    called a snap election" → "a snap election")."""
    table = grammar_table(lang)
    verbs = verbs_in(sentence, *phrase, lang)
    if verbs:
        tail = sentence[verbs[-1].end:phrase[1]].strip(" ,")
        opening = re.match(rf"(?:{'|'.join(table['prepositions']) or '(?!)'})\s+", tail)
        tail = tail[opening.end():] if opening else tail  # "withdrew into Tunisia, which …"
        return tail if re.search(r"\w", tail) else None
    tail = sentence[slice(*phrase_spans(sentence, *phrase, coordinator)[-1])].strip(" ,")
    opening = re.match(rf"(?:{'|'.join(table['adjunct_prepositions'])})\s+", tail, re.I)
    return tail[opening.end():] if opening else tail


def coordinated(sentence: str, phrase: tuple[int, int], own: tuple[int, int], other: tuple[int, int],
                 coordinator: str, lang: str) -> tuple[int, int] | None:
    """What to leave out of ``own``'s text for a date coordinated with it in one phrase:
    the other conjunct and the coordinator. The first conjunct starts where the second
    finds its like: the same preposition ("ratified by A on ⟨1⟩ and by B on ⟨2⟩"), or
    the first verb after the subject they share ("May became prime minister on ⟨1⟩ and
    notified the Council on ⟨2⟩"); the second ends with its date ("in Vienna on ⟨1⟩ and
    in Riga on ⟨2⟩ the presidents met").

    >>> s = "It was ratified by Baku on 2 May and by Ashgabat on 9 May."
    >>> first, second = (s.index("on 2"), s.index(" and")), (s.index("on 9"), len(s) - 1)
    >>> [s[slice(*coordinated(s, (0, len(s)), a, b, r"\\s+and\\s+", "en"))] for a, b in [(first, second), (second, first)]]
    [' and by Ashgabat on 9 May', 'by Baku on 2 May and ']
    """
    first, second = sorted([own, other])
    joints = list(re.finditer(coordinator, sentence[first[1]:second[0]]))
    if not joints:
        return None
    joint = (first[1] + joints[-1].start(), first[1] + joints[-1].end())
    if other == second:
        return joint[0], second[1]
    opening = first_word_of(sentence[joint[1]:])
    if is_verb(opening, "", lang):
        verbs = [t for t in verbs_in(sentence, phrase[0], first[0], lang)
                 if t.bare not in grammar_table(lang)["auxiliaries"]]
        return (verbs[0].start if verbs else phrase[0]), joint[1]
    parallel = sentence.rfind(f" {opening} ", phrase[0], first[0] + 1)
    return (parallel + 1 if parallel >= 0 else phrase[0]), joint[1]


def participle(word: str, lang: str) -> bool:
    """Whether a word is a past participle where a phrase opens: in lower case ("agreed",
    "held"; a name such as "Red" is none).

    >>> participle("agreed", "en"), participle("Red", "en")
    (True, False)
    """
    return word.islower() and bool(re.match(grammar_table(lang)["participles"], word))


def main_phrase(text: str, lang: str) -> bool:
    """Whether a phrase holds its clause's own verb: it has a verb and does not open
    with a participle, an -ing form, a relative pronoun or an adjunct preposition."""
    table = grammar_table(lang)
    written = first_word_of(text)
    first = written.lower()
    return not verbless(text, lang) and not (
        participle(written, lang) or re.fullmatch(table["gerund"], first)
        or first in table["relative_pronouns"]
        or re.match(rf"(?:{'|'.join(table['adjunct_prepositions'])})\b", first))


def phrase_reading(sentence: str, clause: tuple[int, int], extents: list[tuple[int, int]],
                    own: tuple[int, int], lang: str) -> tuple[str | None, list[tuple[int, int]]]:
    """A date's text when its clause is built of phrases (``phrase_boundaries``): a
    date in an opening adjunct ("Following Mexico's levy in January 2014, …") names
    that phrase's noun; one in a participle phrase ("…, announced on 16 March 2016,
    …") or a relative one ("…, which met on 3 May, …") tells of the noun before it.
    Returns that text, or None and what to leave out of the clause: the phrases that
    hold other dates, and a phrase without a date that follows another date.

    >>> s = "After the coup of 27 May 1960, relations were broken off."
    >>> phrase_reading(s, (0, len(s)), [(15, 29)], (15, 29), "en")[0]
    'the coup'
    """
    table = grammar_table(lang)
    if not table["phrase_boundaries"]:
        return None, []
    phrases = phrase_spans(sentence, *clause, "|".join(table["phrase_boundaries"]))
    home = holding(phrases, own)
    index = phrases.index(home)
    coordinator = rf"\s+(?:{'|'.join(table['coordinators'])})\s+"
    own_conjunct = holding(phrase_spans(sentence, *home, coordinator), own)
    others, removed = [x for x in extents if x != own and clause[0] <= x[0] < clause[1]], []
    main = next((p for p in phrases if main_phrase(sentence[slice(*p)], lang)), None)
    for other in others:
        phrase = holding(phrases, other)
        if phrase == home:
            removed.append(coordinated(sentence, home, own, other, coordinator, lang) or other)
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
        text, _ = text_without(sentence, part[0], part[1], extents)
        if re.search(r"\w", text):
            return text.strip(" ,"), []
    first_word = first_word_of(sentence[home[0]:home[1]])
    relative = first_word.lower() in table["relative_pronouns"]
    # a participle phrase between commas, or after a clause; not the verb of a subject
    # that an inserted phrase kept from it ("A third one, negotiated in Washington,
    # followed on 25 October")
    previous = sentence[slice(*phrases[index - 1])] if index else ""
    inserted = index + 1 < len(phrases) or not (participle(first_word_of(previous), lang) or verbless(previous, lang))
    if index and (relative or participle(first_word, lang) and inserted):
        subject = noun_before(sentence, phrases[index - 1], coordinator, lang)
        if subject:
            predicate = text_without(sentence, *own_conjunct, extents)[0].strip(" ,")
            if relative:
                pronoun = re.match(rf"(?:{'|'.join(table['relative_pronouns'])})\s+", predicate, re.I)
                return f"{subject} {predicate[pronoun.end():] if pronoun else predicate}", []
            number = "plural" if re.search(table["plural_noun"], subject.split()[-1]) else "singular"
            text = f"{subject} {table['passive'][number]} {predicate}"
            if index + 1 < len(phrases) and phrases[index + 1] not in removed:
                # "a third, held on ⟨date⟩, fell by 58 votes": what the noun went on to do
                rest = sentence[slice(*phrases[index + 1])]
                if is_verb(first_word_of(rest), "", lang) and first_word_of(rest) not in table["auxiliaries"]:
                    text += f" and {rest}"
            return text, []
    return None, removed


def gapped(sentence: str, clause: tuple[int, int], body: str, lang: str) -> str:
    """A clause that leaves out the verb of the one before it ("… began on 2 March, and
    those on fisheries only in October") with that verb: "those on fisheries began"."""
    table = grammar_table(lang)
    if not table["phrase_boundaries"] or clause[0] < 3 or not verbless(body, lang) or \
            first_word_of(sentence[clause[0]:]).lower() not in table["coordinators"] + table["clause_start_drop"]:
        return body
    verbs = verbs_in(sentence, *clause_bounds(sentence, clause[0] - 3, lang), lang)
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


def listed_english(sentence: str, clause: tuple[int, int], own: tuple[int, int], extents: list,
                   lang: str) -> str | None:
    """A date's text in a clause that lists dates whose later parts leave out the verb of
    the first ("Baku ratified it on ⟨1⟩, Ashgabat on ⟨2⟩ and Astana on ⟨3⟩"): each part's
    subject with the first part's verb. None when the clause is no such list.

    >>> s = "Baku ratified the treaty on 2 May 2021, Ashgabat on 9 May 2021 and Astana on 20 May 2021."
    >>> dates = [(25, 38), (49, 61), (73, 87)]
    >>> [listed_english(s, (0, len(s)), d, dates, "en") for d in dates]
    ['Baku ratified the treaty', 'Ashgabat ratified the treaty', 'Astana ratified the treaty']
    """
    segments = list_segments(sentence, clause, extents, lang)
    if not segments:
        return None
    parts = [around(sentence, segment, extents) for segment in segments]
    index = next(i for i, segment in enumerate(segments) if segment[0] <= own[0] < segment[1])
    # parts joined by commas alone ("… in ⟨1948⟩, became … in ⟨1961⟩, and adopted …"): a list
    # even of two; two joined by "and" are coordinated predicates the clause reader shares
    commas = all(sentence[a[1]:b[0]].strip() == "," for a, b in zip(segments, segments[1:]))
    shared = shared_with_parts(parts, lang, commas)
    if shared is not None:
        before, after = parts[index]
        own = own_words(before, lang)
        auxiliaries = grammar_table(lang)["auxiliaries"]
        if own and own[0].lower() in auxiliaries and shared[-1:] and shared[-1].lower() in auxiliaries:
            shared = shared[:-1]  # "… was signed …, and has entered into force": its own
        return " ".join(before + after if index == 0 else shared + own + after).rstrip(PUNCTUATION)
    if any(is_verb(w, "", lang) for before, after in parts[1:] for w in before + after):
        return None  # each part has a verb of its own
    subject = len(parts[1][0])
    # the first part's verb and what follows it ("Formal talks on the future relationship
    # began ⟨1⟩, and those on fisheries ⟨2⟩": "began"); its subject need not be as long
    first = parts[0][0]
    verb_at = next((i for i, w in enumerate(first) if is_verb(w, first[i - 1] if i else "", lang)), len(first))
    predicate = first[verb_at:]
    if not subject or not verb_at or not any(is_verb(w, "", lang) for w in predicate) or not (
            parts[1][0][0][:1].isupper() or parts[1][0][0] in grammar_table(lang)["determiners"]):
        return None  # "… by Kenya on ⟨1⟩ and by Uganda on ⟨2⟩": no subject of its own
    if any(before and before[-1].lower() in (*grammar_table(lang)["determiners"], "of") for before, _ in parts[1:]):
        # "…, the leader of the ⟨1956⟩ Hungarian Revolution": a date inside a name, no part of a list
        return None
    before, after = parts[index]
    words = before + after if index == 0 else before + predicate + after
    return " ".join(words).rstrip(PUNCTUATION)


def own_words(before: list[str], lang: str) -> list[str]:
    """A later part's words before its date, without the word that joins it to the list
    ("and") and the date's own preposition ("in Hungary in ⟨1956⟩" → "in Hungary")."""
    table = grammar_table(lang)
    words = [w for w in before if re.search(r"\w", w)]
    while words and words[0].lower() in table["coordinators"] + table["clause_start_drop"]:
        words = words[1:]
    if words and words[-1].lower() in table["prepositions"]:
        words = words[:-1]
    return words


def shared_with_parts(parts: list[tuple[list[str], list[str]]], lang: str, commas: bool = False) -> list[str] | None:
    """What the later parts of a list of dates take from the first: its subject, when they
    open with their own verbs ("Yugoslavia broke away … in ⟨1948⟩, became a founding
    member … in ⟨1961⟩, and joined the talks in ⟨1970⟩"); its clause up to its own
    adjunct, when they are adjuncts alike ("Soviet tanks crushed demonstrators in East
    Berlin in ⟨1953⟩, in Hungary in ⟨1956⟩, and again in Czechoslovakia in ⟨1968⟩"). None
    for another list.

    >>> shared_with_parts([(["Tanks", "crushed", "them", "in", "Berlin", "in"], []), (["in", "Hungary", "in"], [])], "en")
    ['Tanks', 'crushed', 'them']
    >>> parts = [(["Yugoslavia", "broke", "away", "in"], []), (["became", "a", "member", "in"], []), (["and", "left", "in"], [])]
    >>> shared_with_parts(parts, "en")
    ['Yugoslavia']
    """
    table = grammar_table(lang)
    first = [w for w in parts[0][0] if re.search(r"\w", w)]
    verb_at = next((i for i, w in enumerate(first) if is_verb(w, first[i - 1] if i else "", lang)), None)
    if not verb_at or not first[0][:1].isupper():
        return None
    openings = [own_words(before, lang) for before, _ in parts[1:]]
    if any(not words for words in openings):
        return None
    if all(is_verb(words[0], "", lang) for words in openings):  # each part its own predicate
        if len(parts) < 3 and not commas:
            return None  # two coordinated predicates: the clause reader shares their subject
        # with the first's auxiliary ("The accord was signed …, and ratified …"), without a
        # phrase that opens the sentence ("While ostensibly a communist state, Yugoslavia …")
        subject = first[:verb_at + (first[verb_at].lower() in table["auxiliaries"])]
        opened = [i for i, word in enumerate(subject[:verb_at]) if word.endswith(",")]
        return subject[opened[-1] + 1:] if opened else subject
    adverbs = ("again", "also", "then", "later", "once more")
    heads = [next((w for w in words if w.lower() not in adverbs), "") for words in openings]
    preposition = heads[0].lower()
    if preposition not in table["prepositions"] or any(h.lower() != preposition for h in heads) or \
            any(is_verb(w, "", lang) for words in openings for w in words):
        return None
    # the first part's adjunct of the same preposition, after its verb: what the later ones replace
    at = next((i for i in range(verb_at + 1, len(first) - 1) if first[i].lower() == preposition), None)
    return first[:at] if at else None


def with_subject(sentence: str, clause: tuple[int, int], body: str, lang: str) -> str:
    """A later clause that opens with its verb, its subject left to the sentence's first
    clause ("Japan launched an attack on Changsha, but was repulsed by late September"),
    with that subject: the first clause's words before its first verb, after an opening
    phrase that ends in a comma.

    >>> s = "In 1939 Japan launched an attack, but was repulsed by late September."
    >>> with_subject(s, (35, len(s)), "was repulsed", "en")
    'Japan was repulsed'
    """
    words = body.split()
    while words and words[0].lower() in grammar_table(lang)["clause_start_drop"]:
        words = words[1:]  # "but was repulsed"
    if clause[0] == 0 or not words or not is_verb(words[0], "", lang):
        return body
    first = clause_bounds(sentence, 0, lang)
    opening = sentence[first[0]:first[1]]
    start = opening.find(", ") + 2 if ", " in opening[:opening.find(" ") + 60] else 0
    tokens = word_tokens(opening, start, len(opening))
    subject = []
    for index, token in enumerate(tokens):
        if is_verb(token.text, tokens[index - 1].text if index else "", lang):
            break
        subject.append(token.text)
    prepositions = grammar_table(lang)["prepositions"]
    while subject and (not subject[0][:1].isupper() or subject[0].lower() in prepositions
                       or any(c.isdecimal() for c in subject[0])):
        subject = subject[1:]  # an opening adjunct without a comma: "In 1939 Japan …" → "Japan"
    names = [w for w in subject if w[:1].isupper() or w.lower() in grammar_table(lang)["determiners"]]
    if not subject or not names or len(subject) > 8:
        return body
    return " ".join(subject + words)


def noun_phrase_before(sentence: str, start: int, end: int, lang: str) -> tuple[int, int] | None:
    """The noun phrase of ``sentence[start:end]`` that ends at ``end``, from the determiner
    or possessive that opens it: "the ceasefire", "the Minsk Group’s “Madrid Principles”";
    None when a verb, a preposition or a comma comes first.

    >>> s = "trade grew after the ceasefire of 12 May 1994"
    >>> s[slice(*noun_phrase_before(s, 0, s.index(" of"), "en"))]
    'the ceasefire'
    """
    table = grammar_table(lang)
    tokens = word_tokens(sentence, start, end)
    for index in range(len(tokens) - 1, max(-1, len(tokens) - 8), -1):
        word = tokens[index].text
        bare = word.strip(PUNCTUATION + "“”").lower()
        if index < len(tokens) - 1 and (word.endswith(",") or bare in table["prepositions"]):
            return None
        if bare in table["determiners"]:
            return (tokens[index].start, tokens[-1].end) if index < len(tokens) - 1 else None
        if is_verb(word, tokens[index - 1].text if index else "", lang) or bare in table["auxiliaries"]:
            return None
    return None


PREMODIFIED_NAME = re.compile(r"\s+((?:[^\W\d_a-z][\w’'-]*\s+){0,4}[^\W\d_a-z][\w’'-]*)(?![\w’'-])")


def named_thing(sentence: str, clause: tuple[int, int], own: tuple[int, int], lang: str) -> str | None:
    """The entry of a date that names a thing ("the ceasefire of 12 May 1994"), when its
    clause tells of something else: the thing's name ("the ceasefire"). The clause stays
    when the thing is its subject and it tells an act ("Azerbaijan's offensive of 27
    September 2020 lasted a single day"; "In the referendum of 2 April 2017, 54 per cent
    voted yes"); not when it tells a state ("the Madrid Principles of November 2007
    remained a basis for talks") or the thing stands after its verb ("Figure 1 shows how
    trade grew after the ceasefire of 12 May 1994").

    >>> s = "Figure 1 shows how trade grew after the ceasefire of 12 May 1994."
    >>> named_thing(s, (0, len(s)), (s.index("of 12"), len(s) - 1), "en")
    'the ceasefire'
    >>> s = "The election of 12 December 2019 gave Johnson a majority."
    >>> named_thing(s, (0, len(s)), (s.index("of 12"), s.index(" gave")), "en") is None
    True
    >>> s = "They re-interred Nagy, the leader of the 1956 Hungarian Revolution."
    >>> named_thing(s, (0, len(s)), (s.index("1956"), s.index("1956") + 4), "en")
    'the Hungarian Revolution'
    """
    table = grammar_table(lang)
    # a year before the name it is part of: "the 1956 Hungarian Revolution" → "the Hungarian Revolution"
    name = PREMODIFIED_NAME.match(sentence, own[1])
    determiner = sentence[max(clause[0], own[0] - 4):own[0]].strip().lower()
    if name and determiner in table["determiners"]:
        return f"{sentence[max(clause[0], own[0] - 4):own[0]].strip()} {name.group(1).strip()}"
    phrase = noun_phrase_before(sentence, clause[0], own[0], lang)
    if phrase is None:
        return None
    verbs = verbs_in(sentence, own[1], clause[1], lang)
    if not verbs_in(sentence, clause[0], phrase[0], lang) and verbs and \
            verbs[0].bare.lower() not in table["stative_verbs"]:
        return None  # the clause tells what the thing did, or what happened in it ("In the referendum of …, 54 per cent voted yes")
    return sentence[slice(*phrase)].strip(" ,;:")


def relative_event(sentence: str, clause: tuple[int, int], own: tuple[int, int], lang: str) -> str | None:
    """A date in a relative clause right after its noun ("… through the war that began on
    ⟨date⟩ …"): the noun with the relative clause's verb, "the war began". None when the
    date stands in no such clause.

    >>> s = "The effect held through the war that began on 27 September 2020."
    >>> relative_event(s, (0, len(s)), (s.index("on 27"), len(s) - 1), "en")
    'the war began'
    """
    table = grammar_table(lang)
    tokens = word_tokens(sentence, clause[0], own[0])
    for index in range(len(tokens) - 1, max(0, len(tokens) - 6), -1):
        if tokens[index].bare.lower() not in table["noun_relatives"] or tokens[index - 1].text.endswith(","):
            continue
        predicate = tokens[index + 1:]
        if not predicate or not is_verb(predicate[0].text, "", lang) or any("," in t.text for t in predicate):
            return None
        phrase = noun_phrase_before(sentence, clause[0], tokens[index - 1].end, lang)
        if phrase is None:
            return None
        return f"{sentence[slice(*phrase)]} {' '.join(t.text for t in predicate)}"
    return None
