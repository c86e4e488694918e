"""Temporal expressions that are no calendar date, with their values as TIMEX2 writes
them (the ACE 2005 guidelines, which WikiWars annotates): how long ("three years" P3Y,
"a few days" PXD, "a 46-day siege" P46D), when against the time of writing ("now"
PRESENT_REF, "former" PAST_REF, "the future" FUTURE_REF), a decade ("the 1920s" 192),
a century ("the 19th century" 18), a year before the common era ("480 BC" BC0480, "the
470s BC" BC047), a time counted from the text's ("a few days later" FUTURE_REF, "two
years ago" the year less two), a time of day or a part of it ("3:00 a.m.", "the morning
of 31 January 1965" 1965-01-31TMO).

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
[('Birkaç gün sonra', 'FUTURE_REF'), ('günümüzde', 'PRESENT_REF'), ('MÖ 480', 'BC0480')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.language import base_language, pack, upper_first
from filters.clauses import date_role
from filters.dates import (
    Taken,
    find_relative,
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
    anchors: re.Pattern  # after a duration: the word that makes it a time (later, önce)
    day_parts: tuple[tuple[re.Pattern, re.Pattern], ...]  # (before, after) a day's date
    day_part: re.Pattern  # a part of the day's word, in a date's own words (the next morning)
    day_parts_alone: tuple[re.Pattern, ...]  # that morning
    clocks: tuple[re.Pattern, ...]  # 3:00 a.m.


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

    anchor_words = {word for words in table["duration_anchors"].values() for word in words}
    part = _words({w for words in table["day_parts"].values() for w in words}, lang) or "(?!)"
    return Reader(durations, references,
                  tuple(form(f, r"\d{1,4}") for f in table["era_forms"]),
                  tuple(form(f, r"\d{1,4}") for f in table["era_year_forms"]),
                  tuple(re.compile(f) for f in table["decade_forms"]),
                  tuple(re.compile(f) for f in table["century_forms"]),
                  re.compile(rf"\s+(?P<anchor>{_words(anchor_words, lang) or '(?!)'})(?![\w])"),
                  tuple((re.compile(before.replace("{part}", f"(?P<part>{part})")),
                         re.compile(after.replace("{part}", f"(?P<part>{part})")))
                        for before, after in table["day_part_forms"]),
                  re.compile(rf"(?<![\w]){part}(?![\w])"),
                  tuple(re.compile(rf"(?<![\w]){f.replace('{part}', f'(?P<part>{part})')}(?![\w])")
                        for f in table["day_part_alone_forms"]),
                  tuple(re.compile(rf"(?<![\w:.]){f}") for f in table["clock_forms"]))


# A duration's unit → its years (a year counted from the text's)
YEARS_OF = {"Y": 1, "DE": 10, "CE": 100}


def every_unit(table: dict) -> dict[str, str]:
    """Each word of a duration's unit, plurals too → the unit: ``{"year": "Y", "years": "Y", …}``."""
    return {word: unit for key in ("durations", "duration_plurals")
            for unit, words in table[key].items() for word in words}


def count_of(text: str, lang: str) -> int:
    """``"46"``, ``"twenty"``, ``"seventy-nine"``, ``"a"`` → the number."""
    numbers = number_words(lang)
    if text[0].isdecimal():
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
                         era_year: int | None = None, years: list[tuple[int, int]] = (),
                         days: list[tuple[int, str]] = ()) -> list[Timex]:
    """The temporal expressions of ``text`` that are no calendar date, in order, none
    overlapping another or a stretch of ``taken`` (the dates ``filters.dates`` read).
    A duration counted from the text's time is that time: "two years ago" is the year the
    text is at (``years``: where a year of our era is told, ``(start, year)``, the
    first maybe before the text) less two, "a few days later" FUTURE_REF; a time of day
    or a part of it is on the day the text is at (``days``: where a day is told, its
    ``YYYY-MM-DD``): "3:00 a.m." T03:00, "that afternoon" TAF.

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

    def add(match: re.Match, value: str, kind: str, end: int | None = None) -> bool:
        """The expression ``match`` (up to ``end``, if it takes the words after it too)."""
        end = match.end() if end is None else end
        if used.overlaps(match.start(), end):
            return False
        used.add(match.start(), end)
        found.append(Timex(match.start(), end, text[match.start():end], value, kind))
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

    # decades and centuries first: "MÖ 5. yüzyıl" is no year 5
    for pattern in rules.decades:  # before our era with it: "the 470s BC" BC047
        for match in pattern.finditer(text):
            before_era = match.groupdict().get("era")
            add(match, f"BC{int(match.group('decade')):03d}" if before_era else match.group("decade"), "decade")
    for pattern in rules.centuries:
        for match in pattern.finditer(text):
            number = int(match.group("century")) - 1
            add(match, f"BC{number:02d}" if match.groupdict().get("era") else f"{number:02d}", "century")
    for pattern in rules.eras:
        for match in pattern.finditer(text):
            era(match, True)
    for pattern in rules.era_years if era_year is not None else ():
        for match in pattern.finditer(text):
            era(match, False)
    if era_year is not None:
        for span, value in counted_before_era(text, lang, era_year, used):
            if not used.overlaps(*span):
                used.add(*span)
                found.append(Timex(*span, text[slice(*span)], value, "era"))
    for match in rules.durations.finditer(text):
        unit = units[(match.group("unit") or match.group("units") or match.group("long")).casefold()]
        count = None if match.group("vague") else 1 if match.group("long") else count_of(match.group("count"), lang)
        anchor = rules.anchors.match(text, match.end())
        direction = next(kind for kind, words in table["duration_anchors"].items()
                         if anchor.group("anchor").casefold() in {w.casefold() for w in words}) if anchor else None
        at = era_year if era_year is not None else max(((start, year) for start, year in years
                                                        if start <= match.start()), default=(0, None))[1]
        if direction and count is None:  # "a few days later": a time after the text's, no length
            add(match, direction, "reference", anchor.end())
        elif direction and unit in YEARS_OF and at is not None:  # "five years previously": a year
            shift = count * YEARS_OF[unit] * (1 if direction == "FUTURE_REF" else -1)
            add(match, era_value(at - shift) if era_year is not None else f"{at + shift:04d}", "year", anchor.end())
        else:
            add(match, duration_value(count, unit), "duration")
    def day_at(position: int) -> str | None:
        return max(((start, day) for start, day in days if start <= position), default=(0, None))[1]

    for pattern in rules.clocks:
        for match in pattern.finditer(text):
            day = day_at(match.start())
            hour = int(match.group("hour")) % 12 + (12 if match.groupdict().get("pm") else 0) \
                if match.groupdict().get("am") or match.groupdict().get("pm") else int(match.group("hour"))
            if day:
                add(match, f"{day}T{hour:02d}:{int(match.group('minute') or 0):02d}", "time")
    for pattern in rules.day_parts_alone:
        for match in pattern.finditer(text):
            if day := day_at(match.start()):
                add(match, f"{day}T{part_code(match.group('part'), lang)}", "time")
    for match in rules.references.finditer(text):
        word = match.group(0).casefold()
        add(match, next(kind for kind, words in table["time_references"].items()
                        if word in {w.casefold() for w in words}), "reference")
    for pattern in grammar(lang).seasons if era_year is not None else ():
        for match in pattern.finditer(text):
            add(match, era_value(era_year, season=season_code(match.group("season"), lang)), "season")
    return sorted(found, key=lambda timex: timex.start)


def counted_before_era(text: str, lang: str, year: int, used: Taken) -> list[tuple[tuple[int, int], str]]:
    """In a text at a ``year`` before the common era, the years counted from it ("the
    following year", "14 years later": later is a smaller year) and the months alone
    ("in September"), as the dates' relative forms read them (``find_relative``), with
    their values; none where ``used`` holds a date already.

    >>> counted_before_era("The following year, and in September, 14 years later", "en", 492, Taken(""))
    [((0, 18), 'BC0491'), ((24, 36), 'BC0491-09'), ((38, 52), 'BC0477')]
    """
    counted = []
    for match in find_relative(text, lang, []):
        if used.overlaps(match.start, match.end):
            continue
        if match.relative == "years":  # the text is at that year from here on
            year -= match.value[0]
            counted.append(((match.start, match.end), era_value(year)))
        elif match.relative == "year" and match.value[1] is None and match.value[0]:
            counted.append(((match.start, match.end), era_value(year, match.value[0])))
    return counted


DAY = re.compile(r"(?:BC)?\d{4}-\d{2}-\d{2}")


def day_part(text: str, start: int, end: int, value: str, lang: str) -> tuple[int, int, str]:
    """A day's date in a part of the day, as TIMEX2 writes it: the words that say so
    taken with it, the part's code after the day ("the morning of 31 January 1965"
    1965-01-31TMO; "the next morning", whose own words say it). Anything else as it is.

    >>> day_part("On the morning of 31 January 1965 the", 18, 33, "1965-01-31", "en")
    (3, 33, '1965-01-31TMO')
    >>> day_part("2 Eylül 1922 sabahı ordu", 0, 12, "1922-09-02", "tr")
    (0, 19, '1922-09-02TMO')
    >>> day_part("the next morning", 0, 16, "1904-02-09", "en"), day_part("in 1904", 3, 7, "1904", "en")
    ((0, 16, '1904-02-09TMO'), (3, 7, '1904'))
    """
    lang = base_language(lang)
    rules = reader(lang)
    day = DAY.match(value)  # a night's range of two days is its first
    if not day:
        return start, end, value
    code = None
    for before, after in rules.day_parts:  # an empty regex: nothing asked on that side
        head = before.search(text, max(0, start - 60), start) if before.pattern else None
        tail = after.match(text, end) if after.pattern else None
        if (before.pattern and not head) or (after.pattern and not tail):
            continue
        code = part_code((head or tail).group("part"), lang)
        start, end = (head.start() if head else start), (tail.end() if tail else end)
        break
    if code is None:
        own = rules.day_part.search(text, start, end)
        code = part_code(own.group(0), lang) if own else None
    return (start, end, f"{day.group(0)}T{code}") if code else (start, end, value)


def part_code(word: str, lang: str) -> str:
    """A part of the day's word → its TIMEX2 code: ``"Morning"`` → ``MO``."""
    word = word.casefold()
    return next(code for code, words in pack(lang)["day_parts"].items() if word in {w.casefold() for w in words})


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
    day: str | None = None  # the day it is at, YYYY-MM-DD

    def read(self, text: str, dated: list[tuple[int, int, int | None, str]] = ()) -> list[Timex]:
        """The paragraph's expressions (``temporal_expressions``); ``dated``: the start,
        end, year and TIMEX2 value of each date ``filters.dates`` read in it."""
        days = [(start, DAY.match(value).group(0)) for start, _, _, value in dated if value and DAY.match(value)]
        found = temporal_expressions(text, self.lang, [(start, end) for start, end, _, _ in dated],
                                     self.year if self.before_era else None,
                                     [(start, year) for start, _, year, _ in dated if year] +
                                     ([(-1, self.year)] if self.year and not self.before_era else []),
                                     ([(-1, self.day)] if self.day else []) + days)
        if days:
            self.day = days[-1][1]
        # a year that starts or ends a period ("since 513 BC") is not where the text is
        told = [(start, year, False) for start, _, year, _ in dated if year] + \
               [(timex.start, int(timex.value[2:6]), True) for timex in found if timex.kind == "era"
                and date_role(text[max(0, timex.start - 80):timex.start], text[timex.start:], self.lang) != "period"]
        if told:
            _, self.year, self.before_era = max(told)
        return found

