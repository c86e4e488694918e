"""Languages: one pack per language (``core/languages/CODE.py``), checked against the
declared keys below when it is loaded, and locale-aware text rules.

A pack has five typed sections: ``INTERFACE`` (the article's terms: "Kaynakça",
"Şekil", "ve"), ``CITATION`` (the citation locale: "t.y.", locators), ``DATES`` (the
chronology's date grammar), ``SITE`` (the journal's site and issue PDF: "Cilt",
"Sayı") and ``CLAUSES`` (how an event's clause is read: which reader, and its words). ``KEYS`` declares every key of every section, its type and
what it holds; a pack that lacks a required key, has an unknown one or one of the
wrong type is an error naming the pack, the section and the key, and a clause
grammar may leave out what its reader does not use (the defaults never match).
Adding a language is adding a pack: the packs present are the languages
(``LANGUAGE_CODES``); a document in another language is built with English's,
which the metadata stage says in a warning.

Collation and case mapping come from ICU (CLDR data), never from str.lower(),
which gets Turkish wrong: ``"I".lower()`` is "i", but in Turkish it is "ı".

>>> sorted(["Özsoy", "Ozan", "İnce", "Işık"], key=lambda s: sort_key(s, "tr"))
['Işık', 'İnce', 'Ozan', 'Özsoy']
>>> upper_first("iki ülke", "tr")
'İki ülke'
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from pathlib import Path

import icu

NEVER = r"(?!)"  # a regex that matches nothing: a grammar without that construction
REQUIRED = object()


@dataclass(frozen=True)
class Key:
    kind: type
    summary: str
    default: object = REQUIRED


def _keys(kind: type, summary: str, names: str, default=REQUIRED) -> dict[str, Key]:
    return {name: Key(kind, summary, default) for name in names.split()}


# Every key of every section: its type and what it holds (the packs' own comments say
# more, with examples).
KEYS: dict[str, dict[str, Key]] = {
    "INTERFACE": {
        **_keys(str, "a heading or label the editions print", "references appendix chronology timeline date "
                "event abstract keywords contents cite_as notes section download received revised accepted "
                "published corresponding_author license acknowledgements funding data-availability "
                "conflict-of-interest ethics author-contributions"),
        **_keys(str, "a numbered thing's label, and its plural for several (Figures 1 and 2)",
                "figure figures table tables equation equations sections appendices listing listings "
                "theorem theorems lemma lemmas corollary corollaries proposition propositions conjecture "
                "conjectures definition definitions example examples exercise exercises hypothesis hypotheses "
                "axiom axioms assumption assumptions claim claims fact facts solutions remarks"),
        **_keys(str, "the label of an unnumbered block: a proof, a remark, a solution", "proof remark solution"),
        **_keys(str, "a callout's title when it has none of its own, and its label when numbered (Note 1)",
                "callout_note callout_tip callout_warning callout_important callout_caution"),
        **_keys(str, "the plural of a numbered callout's label (Notes 1 and 2)",
                "callout_notes callout_tips callout_warnings callout_importants callout_cautions"),
        "reference_headings": Key(list, "other headings authors give a reference list, lower case (a last "
                                        "empty one is the list's heading, not a second one)", []),
        "abstract_headings": Key(list, "other headings authors give an abstract, lower case (the text's first "
                                       "heading, when the metadata has no abstract, heads it)", []),
        "and": Key(str, "the word that joins the last of several names or numbers"),
        "equal_contribution": Key(str, "the note on authors marked † (JOSS's `equal-contrib`)"),
        "et_al": Key(str, "the abbreviation for more authors"),
        "note": Key(str, "a footnote's label in the chronology's back-links: dn., n."),
        "text": Key(str, "the chronology's back-link to a place before any heading: metin, text"),
        "ethics_statement": Key(str, "the ethics approval, composed: {board}, {date}, {number}"),
        "ethics_number": Key(str, "the approval number's phrase in it: {number}"),
        "credit": Key(dict, "CRediT contributor roles: the taxonomy's key → the role's name"),
        "article_types": Key(dict, "article types (core.metaschema.ARTICLE_TYPES) → their names: the JATS "
                                   "edition's subject heading when the metadata gives none"),
        "review_copy": Key(str, "the first line of a blind-review copy: what it leaves out"),
        "accessibility_summary": Key(str, "the EPUB's accessibility summary (schema:accessibilitySummary)"),
        "quotes": Key(dict, "quotation marks: DoubleQuote and SingleQuote → (opening, closing)"),
        "translation_language": Key(str, "the language of an article's translated title and abstract, "
                                         "when the metadata does not say"),
    },
    "CITATION": {
        **_keys(str, "a term of the house citation style", "no_date editor editors pages page report "
                "report_number"),
        **_keys(str, "a pattern of the house citation style ({book}, {ordinal}, {number}, {date})",
                "in_book edition volume accessed"),
        "label_date": Key(str, "a dated web item's day and month after its year: {day}, {month}"),
        "bibstrings": Key(dict, "BibLaTeX's localisation keys → their words"),
        "langid": Key(list, "BibLaTeX `langid` values of this language"),
        "locators": Key(dict, "locator unit → (the form printed, the spellings an author may write)"),
        "csl_case_fixes": Key(dict, "words citeproc capitalises wrongly → their right form"),
    },
    "DATES": {
        "months": Key(list, "the months' names, January first"),
        **_keys(list, "date forms tried longest first ({day}, {month}, {year}, {day2}, {month2}, {part}, "
                "{suffix}; ' - ' is any dash)", "date_forms date_list_forms yearless_forms yearless_month_forms"),
        "day_month_form": Key(str, "a day and month without a year"),
        "year_forms": Key(list, "a year alone, or years, as a date ({year}, {year2}, {year2_short}, {part}, {suffix}); read "
                                "after every other form, unless it is a quantity", []),
        **_keys(str, "a regex: what before (ending there) or after (starting there) a number makes it a "
                "quantity or a unit's number, no date: Resolution 1483, 4000 troops, 2301 sayılı",
                "quantity_before quantity_after", NEVER),
        **_keys(str, "how a date is printed", "long_date long_month day_range_start month_range_start "
                "day_range_separator range_separator"),
        "date_suffix": Key(str, "a regex: what the language attaches to a date (Turkish ’de, English ’s)"),
        "ordinal_period": Key(bool, "a day may be written with a period: 5. Mai"),
        **_keys(list, "words that only tie a date to its sentence, dropped from entry texts",
                "date_connectors_before date_connectors_after weekdays", []),
        **_keys(str, "a regex: a time of day before or after a date", "time_of_day_before time_of_day_after",
                NEVER),
        "month_suffix": Key(str, "a regex: the suffix that makes a month's name alone a date", NEVER),
        "month_gloss": Key(str, "a regex: a gloss after a month's name, part of the date: [Ekim]", NEVER),
        "pluperfect": Key(str, "a regex: a sentence that looks back (its yearless date is earlier)", NEVER),
        "date_parts": Key(dict, "part of a month or a year (early, mid, late), or season of a year (SP, SU, FA, "
                                "WI) → its words", {}),
        "part_forms": Key(dict, "part of a month or year, or season → how it is printed ({date})", {}),
        "month_aliases": Key(dict, "abbreviated months → their number", {}),
        "relative_forms": Key(dict, "dates relative to the one before → +N day, +count week, day, month, part",
                              {}),
        "relative_complement": Key(str, "a regex: the event a relative date counts from", NEVER),
        "ordinal_noun": Key(str, "a regex, after a day's ordinal (the 3rd): the noun it counts, no day "
                                 "(the 3rd quartile, the 2nd edition)", NEVER),
        "numbers": Key(dict, "number words → their value (two days later)", {}),
        "durations": Key(dict, "a duration's unit (Y, M, W, D, H, DE, CE: TIMEX2's) → its words, every form "
                               "but plurals (three years, a 46-day siege)", {}),
        "duration_plurals": Key(dict, "a duration's unit → its plurals: a count without a number takes "
                                      "them (a few days, the following months; not the following year)", {}),
        "vague_counts": Key(list, "words that count a duration without a number (a few days: PXD), before a "
                                  "plural (or the unit's words, in a language without duration_plurals)", []),
        "single_counts": Key(list, "words that count one of a duration's unit, besides the number words (a year)",
                             []),
        "time_references": Key(dict, "PRESENT_REF, PAST_REF, FUTURE_REF → the words that say it (now, former)",
                               {}),
        "duration_anchors": Key(dict, "FUTURE_REF, PAST_REF → the words after a duration without a number that "
                                      "make it a time before or after the text's (a few days later, birkaç yıl "
                                      "önce)", {}),
        "day_parts": Key(dict, "a part of the day (MO, AF, EV, NI: TIMEX2's) → its words, every form", {}),
        "day_part_forms": Key(list, "(before, after) regexes around a day's date, both matching, that put it in a "
                                    "part of the day ({part}): the morning of 31 January, 2 Eylül sabahı", []),
        "day_part_alone_forms": Key(list, "regexes: a part of the day ({part}) on the day the text is at: that "
                                          "morning, o gece", []),
        "clock_forms": Key(list, "regexes: a time of day (groups `hour`, `minute`, and `am` or `pm` if it says "
                                 "which half): 3:00 a.m., saat 14.30", []),
        "seasons": Key(dict, "a season (SP, SU, FA, WI) → its words alone, every form (a season with its year "
                             "is a date: date_parts)", {}),
        "season_alone_forms": Key(list, "regexes: a season without its year ({season}), a date in the year of "
                                        "the one before it: that summer, in the fall (not the fall of Saigon)",
                                  []),
        "era_forms": Key(list, "regexes: a year before the common era ({year}, maybe {month} or {season}): 480 "
                               "BC, April 480 BC, MÖ 480", []),
        "era_year_forms": Key(list, "regexes: a year written without its era ({year}, maybe {month}), read in a "
                                    "text at a year before the common era: in 479", []),
        **_keys(list, "regexes: a decade (a group `decade`: its first three digits) or a century (a group "
                "`century`: its number)", "decade_forms century_forms", []),
        **_keys(list, "(before, after) regexes: a date that ends a period, states a state or names a thing "
                "is no event", "period state attributive", []),
        "named_day": Key(str, "a regex, from a day's month on: a day written without its year that names what "
                              "happened on it (12 Mart Muhtırası): the day the text told with its year, or none",
                         NEVER),
        "author_joiners": Key(list, "words that join authors' names in a citation written as text (Swetnam and "
                                    "Lynch, 1989): its year is a work's, no date", []),
        "name_nouns": Key(list, "lower-case nouns that, after a capitalised word and a year, make the year part "
                                "of a name, no date: the Horizon 2020 programme, the France 2030 plan; "
                                "capitalised before the year, the same: Saudi Vision 2030, Agenda 2063", []),
        "adverbial": Key(list, "(before, after) regexes: a date that names a thing its clause's event happens "
                               "at or in (1954 seçimlerinde, in the 1946 elections): that event's date, its "
                               "text read as a named thing's", []),
    },
    "SITE": {
        **_keys(str, "a word of the journal's site and issue PDF", "volume_word number issues archive home search "
                "search_label editorial_board guest_editors latest issue_pdf feed issn eissn publisher skip"),
    },
    "CLAUSES": {
        "clause_reader": Key(str, "how an event's clause is read: 'turkish' (verb-final, by suffixes), "
                                  "'english' (by phrases), or 'plain' (the sentence as it is)"),
        "abbreviations": Key(list, "abbreviations whose period ends no sentence", []),
        "capitalised_nouns": Key(bool, "every noun starts with a capital (German): a capital tells no name",
                                 False),
        "date_joiners": Key(list, "words that join two dates into one stretch: 11 and 17 October", []),
        **_keys(list, "regexes or words of the clause grammar", "clause_boundaries discourse clause_start_drop "
                "inner_drop apposition complement_heads not_verbs case_endings compound_case "
                "temporal_postpositions head_stops left_stops determiners phrase_boundaries coordinators "
                "adjunct_prepositions auxiliaries irregular_past relative_pronouns vague_subjects meta_words "
                "stopwords", []),
        **_keys(dict, "tables of the clause grammar", "verb_forms stem_changes finite vowel_harmony passive", {}),
        **_keys(str, "regexes of the clause grammar", "negative_participle lexical_nouns negative finite_verb "
                "instrumental compound_marker accusative genitive case_marked participles past_tense gerund "
                "plural_noun", NEVER),
        "infinitive_marker": Key(str, "the word before an infinitive: to", ""),
        "absolute_openers": Key(list, "words that open a phrase of a noun and its participle (with Pixi created "
                                      "in 2023): the noun is the participle's subject", []),
        "progressive_passive": Key(list, "the word between a noun and its participle in a passive of going on "
                                         "(Pixi being created): left out of the entry", []),
        "prepositions": Key(list, "prepositions: what opens no noun phrase a relative clause tells of "
                                  "(withdrew into Tunisia, which …)", []),
        "list_separators": Key(list, "regexes: what separates the parts of a clause that lists several dates, "
                                     "each with its own words (a comma, and)", []),
        **_keys(list, "pronouns that stand for a name as a subject (He) or its possessive (Its): an entry "
                "names the actor instead", "subject_pronouns possessive_pronouns", []),
        "demonstratives": Key(list, "words that make a noun point back (This, Bu): an entry that opens with one "
                                    "does not stand on its own", []),
        "time_adverbs": Key(list, "phrases that open with a demonstrative and name a time, not a thing told "
                                  "before (Şu an: now): an entry may open with one", []),
        "noun_relatives": Key(list, "pronouns that open a relative clause right after its noun, with no comma "
                                    "(the war that began on …)", []),
        "stative_verbs": Key(list, "verbs that tell a state, not an act (remained): a date that names a thing "
                                   "in such a clause gives the thing's name as its entry", []),
        "possessive": Key(str, "a name's possessive ({name}): {name}’s", "{name}"),
        "possessed": Key(str, "a regex: the end of a noun that belongs to another (Nazırlığı), no name of "
                              "its own when it stands alone", NEVER),
        "pro_drop": Key(bool, "the language drops a subject the sentences before gave: an entry whose clause "
                              "has no subject of its own gets the actor", False),
        **_keys(str, "regexes of the subject test of a language that drops its subjects: a clause's last word "
                "that tells an act (event_verb), a verb whose noun before it is part of the predicate "
                "(light_verbs: ilan etti, kadı oldu), the end of a lower-case word that is no subject (oblique), "
                "of a capitalised word without an apostrophe (name_oblique)",
                "event_verb light_verbs oblique name_oblique", NEVER),
        "no_event": Key(str, "a regex: an entry text that tells of no event (It was.); it goes to the review "
                             "list, not to the appendix", NEVER),
    },
}
LANGUAGES_FOLDER = Path(__file__).resolve().parent / "languages"
# The languages: one pack each.
LANGUAGE_CODES = tuple(sorted(name[:-3] for name in os.listdir(LANGUAGES_FOLDER)
                              if name.endswith(".py") and not name.startswith("_")))


class PackError(Exception):
    """A language pack that does not hold what ``KEYS`` declares."""


def checked(code: str, sections: dict[str, dict]) -> dict:
    """A pack's sections against ``KEYS``, merged into one table (defaults filled in).

    >>> checked("xx", {"INTERFACE": {"and": "und"}, "CITATION": {}, "DATES": {}, "CLAUSES": {}})
    Traceback (most recent call last):
      ...
    core.language.PackError: language pack 'xx' (core/languages/xx.py): INTERFACE lacks 'references', 'appendix', 'chronology', … (88 in all)
    """
    table: dict = {}
    where = f"language pack '{code}' (core/languages/{code}.py)"
    for section, keys in KEYS.items():
        given = sections.get(section)
        if not isinstance(given, dict):
            raise PackError(f"{where}: no {section} section")
        missing = [name for name, key in keys.items() if key.default is REQUIRED and name not in given]
        if missing:
            shown = ", ".join(f"'{name}'" for name in missing[:3]) + (f", … ({len(missing)} in all)"
                                                                     if len(missing) > 3 else "")
            raise PackError(f"{where}: {section} lacks {shown}")
        unknown = [name for name in given if name not in keys]
        if unknown:
            raise PackError(f"{where}: {section} has unknown keys {unknown} (declared in core.language.KEYS)")
        for name, key in keys.items():
            if name in table:  # one table: a second section's key of the same name would replace the first's
                raise PackError(f"{where}: {section}.{name} is also a key of another section (core.language.KEYS)")
            value = given.get(name, key.default)
            if not isinstance(value, key.kind):
                raise PackError(f"{where}: {section}.{name} must be a {key.kind.__name__}")
            table[name] = value
    return table


@lru_cache(maxsize=None)
def pack(lang: str | None) -> dict:
    """The checked table of a language, by its BCP 47 tag (``"tr-TR"``); English's for
    a language without a pack. Loaded on first use: a build reads its own language's."""
    code = base_language(lang)
    module = import_module(f"core.languages.{code}")
    return checked(code, {section: getattr(module, section, None) for section in KEYS})


DEFAULT_LANGUAGE = "en"


def base_language(lang: str | None) -> str:
    """The pack's code for a BCP 47 tag: ``"tr-TR"`` → ``"tr"``; a language without a
    pack → English (``has_pack`` tells them apart)."""
    code = (lang or DEFAULT_LANGUAGE).split("-")[0].lower()
    return code if code in LANGUAGE_CODES else DEFAULT_LANGUAGE


def has_pack(lang: str | None) -> bool:
    """``has_pack("de-AT")``: whether the language has a pack of its own."""
    return (lang or DEFAULT_LANGUAGE).split("-")[0].lower() in LANGUAGE_CODES


def guessed_language(words: list[str]) -> str | None:
    """The pack whose common words (its clause grammar's ``stopwords``) a text's words
    are most often, when one clearly is (a tenth of the words, twice the next pack's
    share, and three of its words at least: one French "de" read a short French text as
    Turkish): what a text with no ``lang`` reads as.

    >>> guessed_language("Bu çalışma iki ülke arasında 1991 yılında kurulan ilişkileri ve bunların sonuçlarını inceler".split())
    'tr'
    >>> guessed_language("The war began in 1914 and ended in 1918".split()), guessed_language(["1914", "x"])
    ('en', None)
    >>> guessed_language("Les citations et les notes de bas de page".split()) is None
    True
    """
    lowered = [lower(word.strip(".,;:!?()\"'’“”"), None) for word in words]
    shares = sorted(((sum(word in common for word in lowered) / max(len(lowered), 1),
                      len(common.intersection(lowered)), code)
                     for code in LANGUAGE_CODES for common in [set(term(code, "stopwords"))]), reverse=True)
    (best, distinct, code), second = shares[0], shares[1][0] if len(shares) > 1 else 0
    return code if best >= 0.1 and best >= 2 * second and distinct >= 3 else None


def language_name(code: str) -> str:
    """``language_name("tr")`` → ``"Turkish"`` (CLDR's name, in English)."""
    return icu.Locale(code).getDisplayLanguage(icu.Locale("en"))


def term(lang: str | None, name: str):
    """``term("tr", "and")`` → ``"ve"``."""
    return pack(lang)[name]


@lru_cache(maxsize=None)
def _collator(lang: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(lang))


def sort_key(text: str, lang: str | None) -> bytes:
    """ICU collation key: Turkish puts ç after c, ı before i, ş after s…"""
    return _collator((lang or DEFAULT_LANGUAGE).replace("-", "_")).getSortKey(text)


@lru_cache(maxsize=None)
def _locale(lang: str | None) -> icu.Locale:
    return icu.Locale(lang or DEFAULT_LANGUAGE)


def upper(text: str, lang: str | None) -> str:
    """Locale case mapping: ``upper("istanbul", "tr")`` → ``"İSTANBUL"``."""
    return str(icu.UnicodeString(text).toUpper(_locale(lang)))


def lower(text: str, lang: str | None) -> str:
    """``lower("IŞIK", "tr")`` → ``"ışık"``."""
    return str(icu.UnicodeString(text).toLower(_locale(lang)))


def upper_first(text: str, lang: str | None) -> str:
    """Capitalise the first letter only, by the language's rules."""
    return upper(text[:1], lang) + text[1:] if text else text


@lru_cache(maxsize=None)
def _ordinals(lang: str) -> icu.RuleBasedNumberFormat:
    return icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.ORDINAL, _locale(lang))


def ordinal(number: int, lang: str | None) -> str:
    """The language's ordinal numeral (ICU's rules): ``ordinal(2, "tr")`` → ``"2."``.

    >>> ordinal(2, "en"), ordinal(11, "en"), ordinal(23, "en")
    ('2nd', '11th', '23rd')
    """
    return _ordinals(base_language(lang)).format(number)
