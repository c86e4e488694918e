"""Temporal expressions that are no calendar date, with their values as TIMEX2 writes
them (the ACE 2005 guidelines, which WikiWars annotates): how long ("three years" P3Y,
"a few days" PXD, "a 46-day siege" P46D), when against the time of writing ("now"
PRESENT_REF, "former" PAST_REF, "the future" FUTURE_REF), a decade ("the 1920s" 192),
a century ("the 19th century" 18), a year before the common era ("480 BC" BC0480).

``filters.dates`` reads the calendar dates (a season among them: "the summer of 1943",
and "that winter" in the year the text is at), which the chronology prints; this module reads the rest from the
language pack's words (``durations``, ``time_references``, ``seasons``, the era's and
the decade's forms), so that a text's temporal expressions are all read — measured on
WikiWars by ``bench/chronology``. The chronology's calendar has no era before ours: a
year before it is read here, never printed in the appendix.

>>> [(t.text, t.value) for t in temporal_expressions("For three years, and now a 46-day siege.", "en")]
[('three years', 'P3Y'), ('now', 'PRESENT_REF'), ('46-day', 'P46D')]
>>> [(t.text, t.value) for t in temporal_expressions("In the 1920s, and in 480 BC.", "en")]
[('the 1920s', '192'), ('480 BC', 'BC0480')]
>>> [(t.text, t.value) for t in temporal_expressions("Birkaç gün sonra, günümüzde; MÖ 480", "tr")]
[('Birkaç gün', 'PXD'), ('günümüzde', 'PRESENT_REF'), ('MÖ 480', 'BC0480')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.language import base_language, pack, upper_first
from filters.dates import (
    Taken,
    grammar,
    month_number,
    number_words,
    quantity,
    season_code,
)


@dataclass(frozen=True)
class Timex:
    """A temporal expression at ``text[start:end]``, its TIMEX2 value and its kind
    (duration, reference, season, decade, century)."""
    start: int
    end: int
    text: str
    value: str
    kind: str


def _words(words, lang: str) -> str:
    """Alternatives, longest first, each also with a capital (a sentence's first word)."""
    every = {form for word in words for form in (word, upper_first(word, lang))}
    return "|".join(sorted(map(re.escape, every), key=len, reverse=True))


@dataclass(frozen=True)
class Reader:
    durations: re.Pattern
    references: re.Pattern
    eras: tuple[re.Pattern, ...]
    era_years: tuple[re.Pattern, ...]
    decades: tuple[re.Pattern, ...]
    centuries: tuple[re.Pattern, ...]


@lru_cache(maxsize=None)
def reader(lang: str) -> Reader:
    """The language's regexes, compiled once."""
    table = pack(lang)
    units = every_unit(table)
    plurals = {word for words in table["duration_plurals"].values() for word in words} or units
    numbers = _words(number_words(lang), lang)
    number = rf"\d{{1,3}}(?:,\d{{3}})*|(?:{numbers})(?:-(?:{numbers}))?|{_words(table['single_counts'], lang) or '(?!)'}"
    vague = _words(table["vague_counts"], lang) or r"(?!)"
    unit = _words(units, lang)
    durations = re.compile(
        rf"(?<![\w,.-])(?:(?P<count>{number})(?:\s+|-)(?P<unit>{unit})"
        rf"|(?P<vague>{vague})\s+(?P<units>{_words(plurals, lang)})|(?P<long>{unit})-long)(?![\w-])")
    reference_words = {word for words in table["time_references"].values() for word in words}
    references = re.compile(rf"(?<![\w-])(?:{_words(reference_words, lang) or '(?!)'})(?![\w])")
    season = _words({w for words in table["seasons"].values() for w in words}, lang) or "(?!)"

    month = _words([*table["months"], *table["month_aliases"]], lang)

    def form(text: str, year: str = r"\d{4}") -> re.Pattern:
        return re.compile("(?<![\\w])" + text.replace("{season}", f"(?P<season>{season})")
                          .replace("{month}", f"(?P<month>{month})").replace("{year}", f"(?P<year>{year})")
                          + "(?![\\w])")

    return Reader(durations, references,
                  tuple(form(f, r"\d{1,4}") for f in table["era_forms"]),
                  tuple(form(f, r"\d{1,4}") for f in table["era_year_forms"]),
                  tuple(re.compile(f) for f in table["decade_forms"]),
                  tuple(re.compile(f) for f in table["century_forms"]))


def every_unit(table: dict) -> dict[str, str]:
    """Each word of a duration's unit, plurals too → the unit: ``{"year": "Y", "years": "Y", …}``."""
    return {word: unit for key in ("durations", "duration_plurals")
            for unit, words in table[key].items() for word in words}


def count_of(text: str, lang: str) -> int:
    """``"46"``, ``"twenty"``, ``"seventy-nine"``, ``"a"`` → the number."""
    numbers = number_words(lang)
    if text[0].isdigit():
        return int(text.replace(",", ""))
    return sum(numbers.get(part, 1) for part in text.split("-"))  # "a", "an": single_counts


def duration_value(count: int | None, unit: str) -> str:
    """TIMEX2's value of a duration: ``(3, "Y")`` → ``P3Y``, an hour ``PT1H``, an unknown count ``X``.

    >>> duration_value(3, "Y"), duration_value(None, "D"), duration_value(8, "H")
    ('P3Y', 'PXD', 'PT8H')
    """
    amount = "X" if count is None else str(count)
    return f"PT{amount}{unit}" if unit in ("H", "MIN") else f"P{amount}{unit}"


def era_value(year: int, month: int | None = None, season: str | None = None) -> str:
    """TIMEX2's value of a year before the common era: ``(480, 4)`` → ``BC0480-04``."""
    return f"BC{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{season}" if season else "")


def temporal_expressions(text: str, lang: str, taken: list[tuple[int, int]] = (),
                         era_year: int | None = None) -> list[Timex]:
    """The temporal expressions of ``text`` that are no calendar date, in order, none
    overlapping another or a stretch of ``taken`` (the dates ``filters.dates`` read).

    A year before the common era is read with its era ("480 BC", "MÖ 480"); in a text
    at such a year (``era_year``, the year the text is at), a year without its era where
    a year stands ("in 479"), and a season without its year ("the winter"), are in it
    too (in our era, a season alone is a date the chronology reads in context:
    ``filters.dates.find_relative``).

    >>> [t.value for t in temporal_expressions("In April 480 BC, the spring of 479 BC; in 478, the winter", "en")]
    ['BC0480-04', 'BC0479-SP', 'BC0478', 'BC0478-WI']
    """
    lang = base_language(lang)
    rules = reader(lang)
    table = pack(lang)
    units = {word.casefold(): unit for word, unit in every_unit(table).items()}
    used = Taken(text)
    for start, end in taken:
        used.add(start, end)
    found: list[Timex] = []
    counts_before, counts_after = quantity(lang)

    def add(match: re.Match, value: str, kind: str) -> bool:
        if used.overlaps(match.start(), match.end()):
            return False
        used.add(match.start(), match.end())
        found.append(Timex(match.start(), match.end(), match.group(0), value, kind))
        return True

    def era(match: re.Match, marked: bool) -> None:
        """A year before the common era: ``marked`` with its era, or else no quantity ("in 300 ships")."""
        nonlocal era_year
        groups = match.groupdict()
        start = match.start("year")  # what counts stands just before the number ("No. 479"): 40 characters
        if marked or groups.get("month") or not (counts_before.search(text, max(0, start - 40), start)
                                                 or counts_after.match(text, match.end("year"))):
            month = month_number(groups["month"], lang) if groups.get("month") else None
            season = season_code(groups["season"], lang) if groups.get("season") else None
            if add(match, era_value(int(groups["year"]), month, season), "era"):
                era_year = int(groups["year"])

    for pattern in rules.eras:
        for match in pattern.finditer(text):
            era(match, True)
    for pattern in rules.era_years if era_year is not None else ():
        for match in pattern.finditer(text):
            era(match, False)
    for pattern in rules.decades:
        for match in pattern.finditer(text):
            add(match, match.group("decade"), "decade")
    for pattern in rules.centuries:
        for match in pattern.finditer(text):
            add(match, f"{int(match.group('century')) - 1:02d}", "century")
    for match in rules.durations.finditer(text):
        unit = units[(match.group("unit") or match.group("units") or match.group("long")).casefold()]
        count = None if match.group("vague") else 1 if match.group("long") else count_of(match.group("count"), lang)
        add(match, duration_value(count, unit), "duration")
    for match in rules.references.finditer(text):
        word = match.group(0).casefold()
        add(match, next(kind for kind, words in table["time_references"].items()
                        if word in {w.casefold() for w in words}), "reference")
    for pattern in grammar(lang).seasons if era_year is not None else ():
        for match in pattern.finditer(text):
            add(match, era_value(era_year, season=season_code(match.group("season"), lang)), "season")
    return sorted(found, key=lambda timex: timex.start)


@dataclass
class Narrative:
    """A text read paragraph after paragraph: the year it is at, and whether that year
    is before the common era, carried from one paragraph to the next (a season without
    its year, or a year without its era, takes them).

    >>> text = Narrative("en"); _ = text.read("Darius died in 486 BC.")
    >>> [t.value for t in text.read("In 480, Xerxes crossed; in the summer he took Athens.")]
    ['BC0480', 'BC0480-SU']
    """
    lang: str
    year: int | None = None
    before_era: bool = False

    def read(self, text: str, dated: list[tuple[int, int, int | None]] = ()) -> list[Timex]:
        """The paragraph's expressions (``temporal_expressions``); ``dated``: the start,
        end and year of each date ``filters.dates`` read in it."""
        found = temporal_expressions(text, self.lang, [(start, end) for start, end, _ in dated],
                                     self.year if self.before_era else None)
        told = [(start, year, False) for start, _, year in dated if year] + \
               [(timex.start, int(timex.value[2:6]), True) for timex in found if timex.kind == "era"]
        if told:
            _, self.year, self.before_era = max(told)
        return found

