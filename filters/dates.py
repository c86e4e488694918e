"""Dates as running text writes them, read by a per-language grammar.

The grammar is data (``date_forms``, ``relative_forms``… in ``core.language``);
this module only compiles it and turns matches into ``DateSpan`` values.

>>> [m.span.iso for m in find_dates("27 Eylül 2020’de başlayan savaş", "tr")]
['2020-09-27']
>>> find_dates("2-5 Mayıs 1994 tarihlerinde", "tr")[0].span.iso
'1994-05-02/1994-05-05'
>>> format_long(parse_iso("1994-03-31/1994-04-03"), "tr")
'31 Mart – 3 Nisan 1994'

A date that needs its context ("the following day", "20 Ekim") is found by
``find_relative`` and dated by ``resolve`` from the date before it:

>>> later = find_relative("Two days later, the Council met.", "en")[0]
>>> resolve(later, parse_iso("2020-09-27"), None).iso
'2020-09-29'
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from core.language import base_language, pack, upper_first


class DateError(ValueError):
    """A date that cannot exist (``2020-13-40``, ``31 Şubat``)."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date at its precision: year, year-month, or a day."""
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self):
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year} out of range")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} does not exist")
        if self.day is not None:
            try:
                datetime.date(self.year, self.month or 1, self.day)
            except ValueError:
                raise DateError(f"day {self.day} does not exist in "
                                f"{self.year}-{self.month:02d}") from None

    @property
    def iso(self) -> str:
        """ISO 8601 at its precision: ``1992-08-30``, ``2020-07``, ``1994``."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def sort_key(self) -> tuple[int, int, int]:
        return self.year, self.month or 0, self.day or 0


# Where a part of a month sorts and is drawn: "early April" before the 10th.
PART_DAY = {"early": 5, "mid": 15, "late": 25}
# … and a season of a year (TIMEX2's codes), at the month it begins: "spring 1920" before
# "April 1920", "summer 1943" before "July 1943"
PART_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True)
class DateSpan:
    """One date, or a range with an ``end``; ``part`` ("early", "mid", "late") of a month
    or a year, or a season of a year ("SP", "SU", "FA", "WI")."""
    start: PartialDate
    end: PartialDate | None = None
    part: str | None = None

    @property
    def iso(self) -> str:
        return f"{self.start.iso}/{self.end.iso}" if self.end else self.start.iso

    @property
    def last(self) -> PartialDate:
        return self.end or self.start

    @property
    def timex(self) -> str:
        """TIMEX2's value: the ISO date, a season added.

        >>> DateSpan(PartialDate(1943), part="SU").timex, DateSpan(PartialDate(1943), part="late").timex
        ('1943-SU', '1943')
        """
        return f"{self.iso}-{self.part}" if self.part in PART_MONTH else self.iso

    def sort_key(self):
        year, month, day = self.start.sort_key()
        return (year, month or PART_MONTH.get(self.part, 0), day or PART_DAY.get(self.part, 0)), (
            self.end.sort_key() if self.end else (0, 0, 0))

    def contains(self, other: "DateSpan") -> bool:
        """Whether ``other`` lies within this date at its precision: May 1994 holds 12 May 1994."""
        def within(date: PartialDate) -> bool:
            return all(mine is None or mine == theirs for mine, theirs in
                       zip((self.start.year, self.start.month, self.start.day),
                           (date.year, date.month, date.day)))
        return self.end is None and within(other.start) and within(other.last)


@dataclass(frozen=True)
class DateMatch:
    """Where a date stands in a text: ``text[start:end]``, suffix included.

    ``relative`` says how a date that needs its context is dated (see
    ``resolve``): its ``span`` is None until then. ``inferred`` holds the words a
    date took its month and year from (the 11 of "11 and 17 October 2020").
    """
    start: int
    end: int
    span: DateSpan | None
    text: str
    suffix: str = ""
    relative: str | None = None
    value: tuple = ()
    inferred: str | None = None


def parse_iso(value: str) -> DateSpan:
    """``"2020-10-20"``, ``"2020-07"``, ``"1994"`` or a range ``"1994-03-31/1994-04-03"``."""
    parts = value.strip().split("/")
    if len(parts) > 2 or not all(parts):
        raise DateError(f"'{value}' is not an ISO 8601 date or range")
    dates = []
    for part in parts:
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", part)
        if not match:
            raise DateError(f"'{part}' is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)")
        dates.append(PartialDate(*(int(g) if g else None for g in match.groups())))
    if len(dates) == 2 and dates[1].sort_key() < dates[0].sort_key():
        raise DateError(f"range '{value}' ends before it starts")
    return DateSpan(dates[0], dates[1] if len(dates) == 2 else None)


# --- a date as metadata writes it ----------------------------------------------------

# A metadata date's parts: words (a month's name, maybe abbreviated) and numbers (an
# ordinal's ending or period dropped: "11th", "18.").
# (a number of a date has a few digits: one of thousands is no date, and Python reads no int of
# more than 4,300 digits: read as one, it was a traceback)
DATE_TOKEN = re.compile(r"(\d{1,9})(?!\d)(?:st|nd|rd|th|\.)?|([^\W\d_]+)\.?|\d{10,}", re.I)
NUMERIC_DATE = re.compile(r"(\d{1,2})[./\s-]+(\d{1,2})[./\s-]+(\d{4})|(\d{4})[./](\d{1,2})[./](\d{1,2})")


def month_named(word: str, languages) -> int | None:
    """The month a name (or its first three letters or more) stands for, in the first
    of ``languages`` that has it: ``"Dec"`` → 12, ``"Haziran"`` → 6."""
    word = word.casefold()
    for lang in languages:
        table = pack(lang)
        for number, name in enumerate(table["months"], start=1):
            if word == name.casefold() or len(word) >= 3 and name.casefold().startswith(word):
                return number
        for alias, number in table["month_aliases"].items():
            if word == alias.rstrip(".").casefold():
                return number
    return None


def read_date(text: str, lang: str | None = None) -> tuple[PartialDate, str | None]:
    """A date as people write it in a paper's metadata, and a note when its reading is
    a guess: ISO 8601 (``2020-06-04``, ``2020-06``, ``2020``), with the month's name in
    the document's language or any other of the packs (``4 June 2020``, ``June 4,
    2020``, ``18. December 2020``, ``11th January 2019``, ``1 Dec 2025``, ``4 Haziran
    2020``), or in numbers, day first (``01.10.2021``; ``11 08 2023`` is a guess).

    >>> [read_date(t)[0].iso for t in ("4 June 2020", "June 4, 2020", "4 Haziran 2020", "2020-06", "1 Dec 2025")]
    ['2020-06-04', '2020-06-04', '2020-06-04', '2020-06', '2025-12-01']
    >>> read_date("11 08 2023")
    (PartialDate(year=2023, month=8, day=11), 'read as day, month, year: 11 August 2023')
    >>> read_date("in the spring")
    Traceback (most recent call last):
      ...
    filters.dates.DateError: not a date
    """
    from core.language import LANGUAGE_CODES

    text = text.strip()
    if re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text):
        return parse_iso(text).start, None
    numeric = NUMERIC_DATE.fullmatch(text)
    if numeric:
        day, month, year, year2, month2, day2 = numeric.groups()
        if year2:
            return PartialDate(int(year2), int(month2), int(day2)), None
        first, second = int(day), int(month)
        if first <= 12 and second > 12:  # the month first, as Americans write it
            first, second = second, first
        date = PartialDate(int(year), second, first)
        guess = first <= 12 and second <= 12 and first != second and not re.search(r"\.", text)
        return date, (f"read as day, month, year: {format_long(DateSpan(date), 'en')}" if guess else None)
    languages = list(dict.fromkeys([base_language(lang), *LANGUAGE_CODES]))
    numbers, month = [], None
    for match in DATE_TOKEN.finditer(text):
        if match.group(1):
            numbers.append(int(match.group(1)))
            continue
        if not match.group(2):  # a number of ten digits or more
            raise DateError("not a date")
        found = month_named(match.group(2), languages)
        if found is None or month is not None:
            raise DateError("not a date")
        month = found
    if month is None or not numbers or len(numbers) > 2 or re.sub(DATE_TOKEN.pattern + r"|[\s,]", "", text):
        raise DateError("not a date")
    years = [n for n in numbers if n > 31]
    days = [n for n in numbers if n <= 31]
    if len(years) != 1 or len(days) > 1:
        raise DateError("not a date")
    return PartialDate(years[0], month, days[0] if days else None), None


# --- compiling the grammar ---------------------------------------------------------

def _either_case(words, lang: str) -> list[str]:
    """Each word as written and with a capital, for the start of a sentence."""
    return list(dict.fromkeys(w for word in words for w in (word, upper_first(word, lang))))


def _alternatives(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


FORM_TOKEN = re.compile(r"(\{\w+\}| - | )")


def _tokens(form: str) -> list[str]:
    """A form's parts: ``{…}`` slots, separators (" ", " - ") and literal words.

    >>> _tokens("aynı ayın {day}{suffix}")
    ['aynı', ' ', 'ayın', ' ', '{day}', '{suffix}']
    """
    return [token for token in FORM_TOKEN.split(form) if token]


def _is_word(token: str) -> bool:
    return not token.startswith("{") and token not in (" ", " - ")


def _month_names(table: dict) -> str:
    return _alternatives([*table["months"], *table["month_aliases"]])


def _form_regex(form: str, lang: str) -> str:
    """One form of the grammar as a regex: ``{day} {month} {year}`` → named groups."""
    table = pack(lang)
    month_names = _month_names(table)
    part_words = [w for words in table["date_parts"].values() for w in words]
    numbers = _alternatives(_either_case(table["numbers"], lang))
    parts = {"{day}": r"(?P<day>\d{1,2})", "{day2}": r"(?P<day2>\d{1,2})",
             # a month's name may carry its gloss: "2 Teşrinievvel [Ekim] 1919", "(2 Ekim]"
             "{month}": rf"(?P<month>{month_names})(?:{table['month_gloss']})?",
             "{month2}": rf"(?P<month2>{month_names})(?:{table['month_gloss']})?",
             "{year}": r"(?P<year>\d{4})", "{year2}": r"(?P<year2>\d{4})",
             "{year2_short}": r"(?P<year2_short>\d{2})(?!\d)",  # 1950–51
             "{suffix}": rf"(?:{table['date_suffix']})?",
             "{part}": rf"(?P<part>{_alternatives(_either_case(part_words, lang))})",
             "{count}": rf"(?P<count>\d{{1,2}}|{numbers})", "{ordinal}": "(?:st|nd|rd|th)",
             # a suffix that must follow (looked at, not taken: the date's suffix takes it)
             "{month_suffix}": rf"(?={table.get('month_suffix', '(?!)')})"}
    pattern = ""
    for index, token in enumerate(_tokens(form)):
        if token in parts:
            pattern += parts[token]
        elif token == " - ":
            pattern += r"\s*[-–—]\s*"
        elif token == " ":
            pattern += r"\s+"
        else:  # a word; the first may be capitalised (see ``compile_form``)
            pattern += (f"(?:{_alternatives(_either_case([token], lang))})" if index == 0
                        else re.escape(token))
    return rf"(?<![\w.]){pattern}(?P<suffix>{table['date_suffix']})?(?![\w])"


DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Form:
    """One form of the grammar, compiled, and what every text it matches contains:
    its literal words (the first without its first letter, which a sentence may
    capitalise), a digit, a month's name. Each paragraph is read with every form;
    a substring test rules most of them out before the regex runs.

    >>> form = compile_form("aynı ayın {day}{suffix}", "tr")
    >>> form.words, form.digit, form.month is None
    (('ynı', 'ayın'), True, True)
    >>> [m.group(0) for m in form.finditer("Aynı ayın 21’inde")], list(form.finditer("ayın biri"))
    (['Aynı ayın 21’inde'], [])

    The regex is compiled when a text first passes the substring test: a language
    has some 250 forms, and compiling them all took half the chronology's time on an
    article whose paragraphs call for a few dozen.
    """
    source: str
    words: tuple[str, ...]
    digit: bool
    month: re.Pattern | None

    @cached_property
    def pattern(self) -> re.Pattern:
        return re.compile(self.source)

    @property
    def groupindex(self):
        return self.pattern.groupindex

    def possible(self, text: str) -> bool:
        return (all(word in text for word in self.words) and (not self.digit or bool(DIGIT.search(text)))
                and (self.month is None or bool(self.month.search(text))))

    def finditer(self, text: str):
        return self.pattern.finditer(text) if self.possible(text) else iter(())

    def fullmatch(self, text: str):
        return self.pattern.fullmatch(text) if self.possible(text) else None


def compile_form(form: str, lang: str) -> Form:
    tokens = _tokens(form)
    # The first word without its first letter, which ``_form_regex`` lets a sentence capitalise.
    words = tuple(word for word in (token[1:] if index == 0 else token
                                    for index, token in enumerate(tokens) if _is_word(token)) if word)
    month = re.compile(_month_names(pack(lang))) if "{month}" in tokens else None
    return Form(_form_regex(form, lang), words,
                bool({"{day}", "{day2}", "{year}"} & set(tokens)), month)


@lru_cache(maxsize=None)
def quantity(lang: str) -> tuple[re.Pattern, re.Pattern]:
    """What makes a number before or after it a quantity or a unit's number, not a
    date: "Resolution 1483", "4000 troops", "2301 sayılı Kanun", "the 1st Infantry Division"."""
    table = pack(lang)
    return re.compile(rf"(?:{table['quantity_before']})$"), re.compile(table["quantity_after"])


def is_quantity(text: str, start: int, end: int, lang: str) -> bool:
    r"""Whether the number at ``text[start:end]`` counts something, names a unit or is
    the year of a work a citation written as text names ("(Swetnam and Lynch, 1989)").

    >>> is_quantity("the 1st Infantry Division", 4, 7, "en"), is_quantity("in 1940 the", 3, 7, "en")
    (True, False)
    >>> s = "effects (Swetnam and Lynch, 1989) and (Kim et al. 2003a; Roe, 1999); in 1999, early 2000;"
    >>> [is_quantity(s, m.start(), m.end(), "en") for m in re.finditer(r"\d{4}", s)]
    [True, True, True, False, False]
    >>> s = "Nakamura et al. (2004), Smith (1985, 75), Kim (2003a); Armenia and Azerbaijan (1991), Paris (1919)"
    >>> [is_quantity(s, m.start(), m.end(), "en") for m in re.finditer(r"\d{4}", s)]
    [True, True, True, False, False]
    """
    before, after = quantity(lang)
    return bool(before.search(text[max(0, start - 40):start]) or after.match(text, end)
                or any(citing.search(text[max(0, start - 120):start]) and cited.match(text, end)
                       for citing, cited in cited_year(lang)))


CAPITALS = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())


@lru_cache(maxsize=None)
def cited_year(lang: str) -> tuple[tuple[re.Pattern, re.Pattern], ...]:
    """What stands before and after the year of a citation written as text, each way it
    is written: "(Swetnam and Lynch, 1989)": an opening bracket or a semicolon, names
    joined by the language's words, a comma; a letter, then the bracket's end, a
    semicolon, a comma or a page. Written into the sentence: "Nakamura et al. (2004)";
    names alone only with a page or a letter after the year ("Smith (1985, 75)",
    "Kim (2003a)"): "Armenia and Azerbaijan (1991)" is an event's year."""
    table = pack(lang)
    joiners = "|".join(map(re.escape, table["author_joiners"])) or "(?!)"
    name = rf"[{CAPITALS}][\w’'.-]*"  # a name: "; early summer of 1943" cites nobody
    after = re.compile(r"[a-z]?\s*(?:[;,)]|:\s*\d)")
    # each repetition takes one joiner, then maybe a name: one way to read any text (a joiner
    # repeated in a nested loop took time in the power of their number: 26 "and"s, 17 s)
    return ((re.compile(rf"[(;]\s*{name}(?:,?\s+(?:{joiners})(?:\s+{name})?)*,?\s*$"), after),
            (re.compile(rf"{name}\s+{re.escape(table['et_al'])}\s*\(\s*$"), after),
            (re.compile(rf"{name}(?:,?\s+(?:{joiners})\s+{name})*\s*\(\s*$"),
             re.compile(r"[a-z]\s*[;,)]|\s*[,:]\s*(?:pp?\.\s*)?\d")))


@dataclass(frozen=True)
class Grammar:
    forms: tuple[Form, ...]
    years: tuple[Form, ...]
    lists: tuple[Form, ...]
    yearless: tuple[Form, ...]
    months: tuple[Form, ...]
    day_month: Form
    relative: tuple[tuple[Form, str], ...]
    seasons: tuple[re.Pattern, ...]  # a season without its year: "that winter"


@lru_cache(maxsize=None)
def grammar(lang: str) -> Grammar:
    """The compiled date forms of a language."""
    lang = base_language(lang)
    table = pack(lang)

    def compiled(forms):
        return tuple(compile_form(form, lang) for form in forms)

    return Grammar(compiled(table["date_forms"]), compiled(table["year_forms"]), compiled(table["date_list_forms"]),
                   compiled(table["yearless_forms"]), compiled(table["yearless_month_forms"]),
                   compile_form(table["day_month_form"], lang),
                   tuple((compile_form(form, lang), meaning)
                         for form, meaning in table["relative_forms"].items()),
                   tuple(re.compile(r"(?<!\w)" + form.replace("{season}", rf"(?P<season>{season_words(lang)})")
                                    + r"(?!\w)") for form in table["season_alone_forms"]))


def season_words(lang: str) -> str:
    """A regex of the language's seasons' words alone, also capitalised."""
    return _alternatives(_either_case([w for words in pack(lang)["seasons"].values() for w in words], lang)) \
        or "(?!)"


def season_code(word: str, lang: str) -> str:
    """``"yazında"`` → ``"SU"``."""
    folded = word.casefold()
    return next(code for code, words in pack(lang)["seasons"].items() if folded in {w.casefold() for w in words})


@lru_cache(maxsize=None)
def number_words(lang: str) -> dict[str, int]:
    """The language's counted words, also capitalised: ``{"iki": 2, "İki": 2, …}``."""
    return {w: n for word, n in pack(lang)["numbers"].items() for w in _either_case([word], lang)}


def month_number(name: str, lang: str) -> int:
    table = pack(lang)
    return table["month_aliases"].get(name) or table["months"].index(name) + 1


def part_of(word: str | None, lang: str) -> str | None:
    """``"sonunda"`` → ``"late"``."""
    if not word:
        return None
    for part, words in pack(lang)["date_parts"].items():
        if word in _either_case(words, lang):
            return part
    return None


def _span(groups: dict, lang: str) -> DateSpan:
    year = int(groups["year"])
    month = month_number(groups["month"], lang) if groups.get("month") else None
    day = int(groups["day"]) if groups.get("day") else None
    start = PartialDate(year, month, day)
    part = part_of(groups.get("part"), lang)
    if part in PART_MONTH and month:
        part = None  # a season of a month ("the summer of May 1944") is the month
    if part in PART_MONTH and str(year + 1).endswith(groups.get("year2") or groups.get("year2_short") or "-"):
        return DateSpan(start, part=part)  # "the winter of 1950–51": the season that begins in 1950
    if groups.get("day2") or groups.get("year2"):
        month2 = month_number(groups["month2"], lang) if groups.get("month2") else month
        day2 = int(groups["day2"]) if groups.get("day2") else None
        end = PartialDate(int(groups.get("year2") or year), month2, day2)
        if end.sort_key() <= start.sort_key():
            raise DateError(f"range {start.iso}/{end.iso} ends before it starts")
        return DateSpan(start, end)
    return DateSpan(start, part=part)


PLAUSIBLE_YEARS = re.compile(r"1\d{3}|20\d\d")  # a number alone as a year: 1000–2099 ("9000 öğrenci" is none)


class Taken:
    """The stretches of a text already read, so that each test costs the length of a
    match, not the number of dates before it (a paragraph may hold hundreds).

    >>> taken = Taken("5 May 1994 and 6 May"); taken.add(0, 10)
    >>> taken.overlaps(4, 12), taken.overlaps(15, 20)
    (True, False)
    """

    def __init__(self, text: str):
        self.marks = bytearray(len(text) + 1)

    def add(self, start: int, end: int) -> None:
        self.marks[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self.marks.find(1, start, end) >= 0


# --- finding dates ----------------------------------------------------------------

def find_dates(text: str, lang: str, *, on_error=None) -> list[DateMatch]:
    """Every date in ``text``: longest forms win, a year alone last.

    A year alone is a date when it counts nothing ("in 1940", "1729 da", not "4000
    troops", "2301 sayılı"); impossible dates are passed to ``on_error(text, error)``
    and skipped. "11 ve 17 Ekim 2020" is two dates.

    >>> [m.span.iso for m in find_dates("In 1940, 4000 troops landed; by 1941 (Resolution 1483) …", "en")]
    ['1940', '1941']
    >>> [m.span.iso for m in find_dates("1729 da basıldı; 1855-1865 yıllarında", "tr")]
    ['1729', '1855/1865']
    >>> [m.span.iso for m in find_dates("closed on 2024-07-11; doi 10.1186/1471-2105-10-345", "en")]
    ['2024-07-11']
    """
    lang = base_language(lang)
    rules = grammar(lang)
    taken: list[DateMatch] = []
    read_so_far = Taken(text)  # what ``taken`` covers, and impossible dates (never re-read shorter)

    def read_one(match: re.Match) -> None:
        if read_so_far.overlaps(match.start(), match.end()):
            return
        try:
            span = _span(match.groupdict(), lang)
        except DateError as error:
            read_so_far.add(match.start(), match.end())
            if on_error:
                on_error(match.group(0), error)
            return
        taken.append(DateMatch(match.start(), match.end(), span, match.group(0),
                               match.group("suffix") or ""))
        read_so_far.add(match.start(), match.end())

    def read(form: Form) -> None:
        for match in form.finditer(text):
            read_one(match)

    ranges = [form for form in rules.forms if "day2" in form.groupindex]
    for form in ranges:  # "between 2 and 5 May" before the list "11 and 17 October"
        read(form)
    for form in rules.lists:
        for match in form.finditer(text):
            if read_so_far.overlaps(match.start(), match.end()):
                continue
            groups = match.groupdict()
            try:
                second = _span({**groups, "day": groups["day2"], "day2": None}, lang)
                first = DateSpan(PartialDate(second.start.year, second.start.month, int(groups["day"])))
            except DateError as error:
                read_so_far.add(match.start(), match.end())
                if on_error:
                    on_error(match.group(0), error)
                continue
            if first.sort_key() >= second.sort_key():
                continue
            read_so_far.add(match.start(), match.end())
            taken.append(DateMatch(match.start("day"), match.end("day"), first, groups["day"],
                                   inferred=match.group(0)))
            taken.append(DateMatch(match.start("day2"), match.end(), second,
                                   text[match.start("day2"):match.end()], groups["suffix"] or ""))
    for match in ISO_DATE.finditer(text):  # 2024-07-11, as ISO 8601 and every language write it
        try:
            span = DateSpan(PartialDate(*map(int, match.groups())))
        except DateError as error:
            if on_error:
                on_error(match.group(0), error)
        else:
            taken.append(DateMatch(match.start(), match.end(), span, match.group(0)))
        read_so_far.add(match.start(), match.end())
    for form in rules.forms:
        read(form)
    for form in rules.years:  # a year alone, unless it counts something: "1729 da", "in 1940"
        for match in form.finditer(text):
            last = "year2" if match.groupdict().get("year2") else "year"
            if PLAUSIBLE_YEARS.fullmatch(match.group("year")) and not is_quantity(text, match.start(), match.end(last), lang) \
                    and not in_name(text, match.start(), match.end(last), lang) \
                    and not in_identifier(text, match.start(), match.end(last)):
                read_one(match)
    return year_lists(text, sorted(taken, key=lambda m: m.start), lang)


# An ISO 8601 day, standing alone (not inside a longer number or an identifier)
ISO_DATE = re.compile(r"(?<![\w/.-])(\d{4})-(\d{2})-(\d{2})(?![\w/-]|[.,]\d)")


def in_identifier(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` is part of a longer one joined by a
    hyphen, a slash or a point: a DOI's 1471-2105-10-345, a date's 2024-07-1x (no year alone).

    >>> s = "doi 10.1186/1471-2105-10-345, in 1990-1995, on 2024-07-1x"
    >>> in_identifier(s, 12, 21), in_identifier(s, 33, 42), in_identifier(s, 47, 51)
    (True, False, True)
    >>> in_identifier("in 1957-60 and 1954-told", 3, 7), in_identifier("in 1957-60 and 1954-told", 15, 19)
    (False, False)
    >>> in_identifier("on 12/5/1994 it", 8, 12)
    False
    """
    before = re.search(r"([\w.]+)[/.]$", text[max(0, start - 24):start])
    # not a numeric date's day and month before its year ("12/5/1994"), not a range ("1957-60",
    # "1947-1954") nor a dash ("1954-told") after it
    return bool(before and not re.fullmatch(r"\d{1,2}(?:/\d{1,2})?", before.group(1))
                or re.match(r"[/.]\d|-\d+[-/.]\d|-\d{3}(?!\d)|-\d{5}", text[end:end + 12]))


def year_lists(text: str, dates: list[DateMatch], lang: str) -> list[DateMatch]:
    """Years listed one after the other ("1996, 1997 ve 1998 yıllarında", "in 1940, 1944
    and 1951") as one date: the range from the first to the last. A list of years shares
    its words, so it is one entry, never one copy per year — but two years apart ("1946
    ve 1950 seçimlerinde": two elections) are two dates, not the years between them.

    >>> [m.span.iso for m in find_dates("1996, 1997 ve 1998 yıllarında ve 2004’te", "tr")]
    ['1996/1998', '2004']
    >>> [m.span.iso for m in find_dates("1946 ve 1950 seçimlerinde; 1951 ve 1952 yıllarında", "tr")]
    ['1946', '1950', '1951/1952']
    """
    joiners = "|".join(map(re.escape, pack(lang)["date_joiners"])) or "(?!)"
    joint = re.compile(rf"\s*,\s*(?:(?:{joiners})\s+)?|\s+(?:{joiners})\s+")

    def single_year(match: DateMatch) -> bool:
        return match.span.end is None and match.span.start.month is None and match.span.part is None

    def continues(run: list[DateMatch], match: DateMatch) -> bool:
        previous = run[-1]
        return single_year(match) and (single_year(previous) or previous.text[:4].isdecimal()
                                       and previous.span.end and previous.span.end.month is None) \
            and joint.fullmatch(text, previous.end, match.start) is not None \
            and match.span.start.year > previous.span.last.year

    runs: list[list[DateMatch]] = []
    for match in dates:
        if runs and continues(runs[-1], match):
            runs[-1].append(match)
        else:
            runs.append([match])
    result: list[DateMatch] = []
    for run in runs:
        first, last = run[0], run[-1]
        if len(run) == 2 and last.span.start.year > first.span.last.year + 1:
            result += run
        elif len(run) > 1:
            result.append(DateMatch(first.start, last.end, DateSpan(first.span.start, last.span.start),
                                    text[first.start:last.end], last.suffix))
        else:
            result.append(first)
    return result


NAME_WINDOW = 200  # characters either side of a year that a name holding it may span


def in_name(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the year at ``text[start:end]`` stands inside a name, between two words of
    it that are no months ("Agenda 2030 Summit", "Türk Dünyası 2040 Vizyonu").

    >>> in_name("the Agenda 2030 Summit met", 11, 15, "en"), in_name("In 1940 Germany invaded", 3, 7, "en")
    (True, False)
    >>> in_name("funded by the France 2030 program", 21, 25, "en")
    True
    >>> in_name("Saudi Vision 2030 was announced", 13, 17, "en"), in_name("Germany 1940 was", 8, 12, "en")
    (True, False)
    >>> in_name("for the Zero Speech Challenge 2017.", 30, 34, "en"), in_name("by Germany 1940.", 11, 15, "en")
    (True, False)
    >>> s = "Ahmet Cevdet Paşa, 1866’da Halep’e gitti. Ahmet Paşa 1866’da Halep’e gitti."
    >>> in_name(s, 19, 23, "tr"), in_name(s, 53, 57, "tr")  # a comma, a case ending: no name holds it
    (False, False)
    """
    table = pack(lang)
    # the words around it, read within a window: searched in the whole text before it, a list
    # of 8,000 years took 10 s (each search ran from the text's start)
    window = text[max(0, start - NAME_WINDOW):start]
    before = re.search(r"(?:^|\s)(\S+)\s+$", window)
    after = re.match(r"\s+[“\"]?(\w+)", text[end:end + NAME_WINDOW])
    if not before or text[end:end + 1] in "’'" or before.group(1)[-1:] in ",;:":
        return False
    months = {*table["months"], *table["month_aliases"]}
    previous, following = before.group(1).strip("“\"("), after.group(1) if after else ""
    connectors = {word.lower() for word in table["date_connectors_before"]}
    earlier = window[:before.start(1)]
    sentence_start = (not earlier.strip() and start <= NAME_WINDOW) or earlier.rstrip()[-1:] in ".!?:"
    # the Horizon 2020 programme; Saudi Vision 2030 (the name's noun before the year)
    named = following[:1].isupper() or following.lower() in table["name_nouns"] \
        or previous.lower() in table["name_nouns"]
    return (previous[:1].isupper() and named and previous not in months
            and not re.search(r"['’]", previous)
            and following not in months and previous.lower() not in connectors and not sentence_start)


def find_yearless(text: str, lang: str, dated: list[DateMatch] | None = None) -> list[re.Match]:
    """Day-and-month dates with no year ("20 Ekim"), for a warning when they are not
    inferred. ``dated``: ``find_dates(text, lang)``, when the caller has it already."""
    if dated is None:
        dated = find_dates(text, lang)
    return [m for m in grammar(lang).day_month.finditer(text)
            if not any(d.start <= m.start() < d.end for d in dated)]


RANGE = re.compile(r"\s*[-–—/]\s*")  # between the two days of a range ("21 – 29", "27/28"), not of a list


def find_relative(text: str, lang: str, dated: list[DateMatch] | None = None) -> list[DateMatch]:
    """Dates that need their context: a day and month without a year ("20 Ekim’de",
    "11 and 17 October", "9/10 Eylül"), and days, months or years counted from the date
    before ("ertesi gün", "two days later", "the 5th", "aynı ayın 21’inde", "İki yıl
    sonra"). Their ``span`` is None.

    >>> [(m.text, m.relative, m.value) for m in find_relative("İki yıl sonra, 27/28 Eylül gecesi", "tr")]
    [('İki yıl sonra', 'years', (2,)), ('27/28 Eylül', 'year', (9, 27, None, 28, 9))]
    >>> [m.text for m in find_relative("On the 3rd the troops left; at the 3rd quartile; by the 5th.", "en")]
    ['the 3rd', 'the 5th']
    """
    lang = base_language(lang)
    if dated is None:
        dated = find_dates(text, lang)
    rules = grammar(lang)
    numbers = number_words(lang)
    taken = Taken(text)
    for m in dated:
        taken.add(m.start, m.end)
    found: list[DateMatch] = []
    for form in rules.yearless:
        for match in form.finditer(text):
            if taken.overlaps(match.start(), match.end()):
                continue
            taken.add(match.start(), match.end())
            month = month_number(match.group("month"), lang)
            suffix = match.group("suffix") or ""
            groups = match.groupdict()
            second = min(match.start(g) for g in ("day2", "month2") if groups.get(g)) if groups.get("day2") else 0
            first = max(match.end(g) for g in ("day", "month") if match.end(g) <= second) if groups.get("day2") else 0
            if groups.get("day2") and RANGE.fullmatch(text[first:second]):
                month2 = month_number(groups["month2"], lang) if groups.get("month2") else month
                found.append(DateMatch(match.start(), match.end(), None, match.group(0), suffix, "year",
                                       (month, int(match.group("day")), None, int(match.group("day2")), month2)))
            elif match.groupdict().get("day2"):
                found.append(DateMatch(match.start("day"), match.end("day"), None,
                                       match.group("day"), "", "year", (month, int(match.group("day")), None)))
                found.append(DateMatch(match.start("day2"), match.end(), None,
                                       text[match.start("day2"):match.end()], suffix, "year",
                                       (month, int(match.group("day2")), None)))
            else:
                found.append(DateMatch(match.start(), match.end(), None, match.group(0), suffix,
                                       "year", (month, int(match.group("day")), None)))
    for form, meaning in rules.relative:
        for match in form.finditer(text):
            if taken.overlaps(match.start(), match.end()):
                continue
            groups = match.groupdict()
            if meaning == "day" and (is_quantity(text, match.start(), match.end(), lang)
                                     or re.match(pack(lang)["ordinal_noun"], text[match.end():match.end() + 40])):
                continue  # "the 1st Infantry Division", "the 3rd quartile"
            taken.add(match.start(), match.end())
            if meaning[0] in "+-":
                count, unit = meaning[1:].split()
                number = (numbers.get(groups["count"]) or int(groups["count"])) if count == "count" \
                    else int(count)
                number *= -1 if meaning[0] == "-" else 1
                kind, number = {"week": ("days", 7 * number), "day": ("days", number),
                                "month": ("months", number), "year": ("years", number)}[unit]
                found.append(DateMatch(match.start(), match.end(), None, match.group(0),
                                       groups["suffix"] or "", kind, (number,)))
            elif meaning == "day":
                found.append(DateMatch(match.start(), match.end(), None, match.group(0),
                                       groups["suffix"] or "", "day", (int(groups["day"]),)))
            elif meaning == "part":
                found.append(DateMatch(match.start(), match.end(), None, match.group(0),
                                       groups["suffix"] or "", "part", (part_of(groups["part"], lang),)))
            else:
                found.append(DateMatch(match.start(), match.end(), None, match.group(0),
                                       groups["suffix"] or "", "month",
                                       (month_number(groups["month"], lang),)))
    for pattern in rules.seasons:  # a season alone: "in the fall", "o kış"
        for match in pattern.finditer(text):
            if re.match(pack(lang)["ordinal_noun"], text[match.end():match.end() + 40]):
                continue  # a season's noun: "winter clothing", "the spring offensive"
            before = text[max(0, match.start("season") - 20):match.start("season")].rstrip()
            if match.group("season")[:1].isupper() and before and before[-1] not in ".!?:;":
                continue  # a name: "the German Spring Offensive", "the Arab Spring"
            if not taken.overlaps(match.start(), match.end()):
                taken.add(match.start(), match.end())
                found.append(DateMatch(match.start(), match.end(), None, match.group(0), "", "season",
                                       (season_code(match.group("season"), lang),)))
    for form in rules.months:  # a month alone, if no longer form holds it: "Ocak sonunda"
        for match in form.finditer(text):
            if not taken.overlaps(match.start(), match.end()):
                taken.add(match.start(), match.end())
                found.append(DateMatch(match.start(), match.end(), None, match.group(0),
                                       match.group("suffix") or "", "year",
                                       (month_number(match.group("month"), lang), None,
                                        part_of(match.groupdict().get("part"), lang))))
    return sorted(found, key=lambda m: m.start)


def nearest_year(month: int, day: int | None, year: int, previous: DateSpan | None,
                 looking_back: bool) -> int:
    """The year of a day or month written without one: the year the text gives. It moves
    on to the next year only across a turn of the year, when it would otherwise fall more
    than half a year before the date told last and the next year puts it within four
    months after it (15 December 2017 … "in January" is January 2018); a day earlier in
    the calendar is not pushed into the next year (March 1975 … "on February 2" stays
    1975). A sentence that looks back (a pluperfect) takes the year before when the day
    would otherwise come after the date told last.

    >>> last = DateSpan(PartialDate(1941, 12, 7))
    >>> nearest_year(1, None, 1941, last, False), nearest_year(11, 11, 1941, last, False)
    (1942, 1941)
    >>> nearest_year(10, None, 2020, DateSpan(PartialDate(2020, 3, 2)), False)
    2020
    >>> nearest_year(11, None, 2019, DateSpan(PartialDate(2019, 10, 17)), True)
    2018
    """
    if previous is None or previous.last.year != year or not previous.last.month:
        return year

    def position(y: int) -> float:
        return y * 12 + month - 1 + ((day or 15) - 1) / 31

    there = year * 12 + previous.last.month - 1 + ((previous.last.day or 15) - 1) / 31
    if looking_back:
        return year - 1 if position(year) > there else year
    return year + 1 if position(year) < there - 6 and position(year + 1) - there <= 4 else year


def resolve(match: DateMatch, previous: DateSpan | None, dated: PartialDate | None,
            looking_back: bool = False) -> DateSpan | None:
    """The date of a ``find_relative`` match: ``previous`` is the date the text gave
    last (for "the following day", "the 5th"), ``dated`` the last one with a year
    (for "20 Ekim"). None when they do not say enough, or the result cannot exist.

    >>> day = find_relative("aynı ayın 21’inde", "tr")[0]
    >>> resolve(day, parse_iso("2023-03-16"), None).iso
    '2023-03-21'

    A day or month without a year goes forward from ``previous`` ("15 December 2017 …
    in January" is January 2018), or back when the sentence is ``looking_back`` (a
    pluperfect: "17 October 2019 … had settled in November" is November 2018):

    >>> january = find_relative("Talks began in January.", "en")[0]
    >>> resolve(january, parse_iso("2017-12-15"), parse_iso("2017-12-15").start).iso
    '2018-01'

    A season alone is in the year of the date before it:

    >>> resolve(find_relative("In the fall the army left.", "en")[0], parse_iso("1943-05"), None).timex
    '1943-FA'
    """
    try:
        if match.relative == "year":
            if not dated:
                return None
            month, day, part, *range_end = match.value
            year = nearest_year(month, day, dated.year, previous, looking_back)
            if range_end:
                day2, month2 = range_end
                return DateSpan(PartialDate(year, month, day), PartialDate(year, month2, day2))
            return DateSpan(PartialDate(year, month, day), part=part)
        if previous is None:
            return None
        base = previous.last
        if match.relative == "part":
            return DateSpan(PartialDate(base.year, base.month), part=match.value[0]) if base.month else None
        if match.relative == "season":  # forward from the date before, as a month alone: "In the spring"
            season = match.value[0]       # after December 1950 is the spring of 1951
            return DateSpan(PartialDate(nearest_year(PART_MONTH[season], None, base.year, previous,
                                                     looking_back)), part=season)
        if match.relative == "years":
            return DateSpan(PartialDate(base.year + match.value[0]))
        if match.relative == "months":
            if not base.month:
                return None
            months = base.year * 12 + base.month - 1 + match.value[0]
            return DateSpan(PartialDate(months // 12, months % 12 + 1))
        if match.relative == "days":
            if not base.day:
                return None
            day = datetime.date(base.year, base.month, base.day) + datetime.timedelta(days=match.value[0])
            return DateSpan(PartialDate(day.year, day.month, day.day))
        if match.relative == "day":
            return DateSpan(PartialDate(base.year, base.month, match.value[0])) if base.month else None
        return DateSpan(PartialDate(base.year, match.value[0]))
    except (DateError, OverflowError):  # OverflowError: a day past 31 December 9999
        return None


# --- writing dates -----------------------------------------------------------------

def range_parts(span: DateSpan, lang: str) -> list[tuple[str, str | None]]:
    """The long form in pieces, each with the ISO date it shows (None for separators):
    ``[("31 Mart", "1994-03-31"), (" – ", None), ("3 Nisan 1994", "1994-04-03")]``."""
    table = pack(lang)
    months = table["months"]

    def one(date: PartialDate, form: str = "long_date") -> str:
        if date.day:
            return table[form].format(day=date.day, month=months[date.month - 1], year=date.year)
        if date.month:
            return table["long_month"].format(month=months[date.month - 1], year=date.year)
        return str(date.year)

    start, end = span.start, span.end
    if end is None:
        shown = one(start)
        if span.part:
            shown = table["part_forms"][span.part].format(date=shown)
        return [(shown, start.iso)]
    if start.day and end.day and start.year == end.year:
        if start.month == end.month:
            return [(one(start, "day_range_start"), start.iso),
                    (table["day_range_separator"], None), (one(end), end.iso)]
        return [(one(start, "month_range_start"), start.iso),
                (table["range_separator"], None), (one(end), end.iso)]
    return [(one(start), start.iso), (table["range_separator"], None), (one(end), end.iso)]


def format_long(span: DateSpan, lang: str) -> str:
    """The language's long form: "30 Ağustos 1992", "2–5 Mayıs 1994", "Nisan 2016 başı"."""
    return "".join(text for text, _ in range_parts(span, lang))
