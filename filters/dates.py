"""Dates as running text writes them, read by a per-language grammar.

The grammar is data (``date_forms`` in ``filters.language``); this module only
compiles it and turns matches into ``DateSpan`` values.

>>> [m.span.iso for m in find_dates("27 Eylül 2020’de başlayan savaş", "tr")]
['2020-09-27']
>>> find_dates("2-5 Mayıs 1994 tarihlerinde", "tr")[0].span.iso
'1994-05-02/1994-05-05'
>>> format_long(parse_iso("1994-03-31/1994-04-03"), "tr")
'31 Mart – 3 Nisan 1994'
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from filters.language import LANGUAGES, base_language


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


@dataclass(frozen=True)
class DateSpan:
    """One date, or a range with an ``end``."""
    start: PartialDate
    end: PartialDate | None = None

    @property
    def iso(self) -> str:
        return f"{self.start.iso}/{self.end.iso}" if self.end else self.start.iso

    def sort_key(self):
        return self.start.sort_key(), self.end.sort_key() if self.end else (0, 0, 0)


@dataclass(frozen=True)
class DateMatch:
    """Where a date stands in a text: ``text[start:end]``, suffix included."""
    start: int
    end: int
    span: DateSpan
    text: str


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


def _form_regex(form: str, months: list[str], suffix: str) -> str:
    month_names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    parts = {"{day}": r"(?P<day>\d{1,2})", "{day2}": r"(?P<day2>\d{1,2})",
             "{month}": rf"(?P<month>{month_names})", "{month2}": rf"(?P<month2>{month_names})",
             "{year}": r"(?P<year>\d{4})"}
    pattern = ""
    for token in re.split(r"(\{\w+\}| - | )", form):
        if token in parts:
            pattern += parts[token]
        elif token == " - ":
            pattern += r"\s*[-–—]\s*"
        elif token == " ":
            pattern += r"\s+"
        else:
            pattern += re.escape(token)
    return rf"(?<![\w.]){pattern}(?:{suffix})?(?![\w])"


@lru_cache(maxsize=None)
def grammar(lang: str) -> tuple[list[re.Pattern], re.Pattern]:
    """The compiled date forms of a language, and its day-month-without-year form."""
    table = LANGUAGES[base_language(lang)]
    forms = [re.compile(_form_regex(form, table["months"], table["date_suffix"]))
             for form in table["date_forms"]]
    day_month = re.compile(_form_regex(table["day_month_form"], table["months"],
                                       table["date_suffix"]))
    return forms, day_month


def _span(groups: dict, months: list[str]) -> DateSpan:
    year = int(groups["year"])
    month = months.index(groups["month"]) + 1 if groups.get("month") else None
    day = int(groups["day"]) if groups.get("day") else None
    start = PartialDate(year, month, day)
    if groups.get("day2"):
        month2 = months.index(groups["month2"]) + 1 if groups.get("month2") else month
        end = PartialDate(year, month2, int(groups["day2"]))
        if end.sort_key() <= start.sort_key():
            raise DateError(f"range {start.iso}/{end.iso} ends before it starts")
        return DateSpan(start, end)
    return DateSpan(start)


def find_dates(text: str, lang: str, *, on_error=None) -> list[DateMatch]:
    """Every date in ``text`` that names at least a month: longest forms win.

    A bare year ("2018’de") is not a date here; impossible dates are passed to
    ``on_error(text, error)`` and skipped.
    """
    months = LANGUAGES[base_language(lang)]["months"]
    forms, _ = grammar(lang)
    taken: list[DateMatch] = []
    impossible: list[tuple[int, int]] = []  # never re-read as a shorter, valid form
    for form in forms:
        for match in form.finditer(text):
            regions = [(m.start, m.end) for m in taken] + impossible
            if any(match.start() < end and start < match.end() for start, end in regions):
                continue
            try:
                span = _span(match.groupdict(), months)
            except DateError as error:
                impossible.append((match.start(), match.end()))
                if on_error:
                    on_error(match.group(0), error)
                continue
            taken.append(DateMatch(match.start(), match.end(), span, match.group(0)))
    return sorted(taken, key=lambda m: m.start)


def find_yearless(text: str, lang: str, dated: list[DateMatch] | None = None) -> list[re.Match]:
    """Day-and-month dates with no year ("20 Ekim"), which are never guessed.
    ``dated``: ``find_dates(text, lang)``, when the caller has it already."""
    _, day_month = grammar(lang)
    if dated is None:
        dated = find_dates(text, lang)
    return [m for m in day_month.finditer(text)
            if not any(d.start <= m.start() < d.end for d in dated)]


def range_parts(span: DateSpan, lang: str) -> list[tuple[str, str | None]]:
    """The long form in pieces, each with the ISO date it shows (None for separators):
    ``[("31 Mart", "1994-03-31"), (" – ", None), ("3 Nisan 1994", "1994-04-03")]``."""
    table = LANGUAGES[base_language(lang)]
    months = table["months"]

    def one(date: PartialDate, form: str = "long_date") -> str:
        if date.day:
            return table[form].format(day=date.day, month=months[date.month - 1], year=date.year)
        if date.month:
            return table["long_month"].format(month=months[date.month - 1], year=date.year)
        return str(date.year)

    start, end = span.start, span.end
    if end is None:
        return [(one(start), start.iso)]
    if start.day and end.day and start.year == end.year:
        if start.month == end.month:
            return [(one(start, "day_range_start"), start.iso),
                    (table["day_range_separator"], None), (one(end), end.iso)]
        return [(one(start, "month_range_start"), start.iso),
                (table["range_separator"], None), (one(end), end.iso)]
    return [(one(start), start.iso), (table["range_separator"], None), (one(end), end.iso)]


def format_long(span: DateSpan, lang: str) -> str:
    """The language's long form: "30 Ağustos 1992", "2–5 Mayıs 1994", "Temmuz 2020"."""
    return "".join(text for text, _ in range_parts(span, lang))
