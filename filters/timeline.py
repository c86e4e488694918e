"""The timeline figure: layout here (pure arithmetic), drawing in a jinja2 template.

Time runs down a vertical axis; each event's label (its date in bold and a few
words of its entry) sits to the right in reading order, tied to its mark by a
leader line. Labels keep one line apart and stay as close to their marks as that
allows (isotonic regression), so leader lines never cross one another, and they
run in a gutter that holds no text. Stretches of years without events are cut
out of the axis (a broken axis): each run of events gets room by how many events
it holds, so a dense period is drawn larger. A range is a bar along the axis,
never shorter than ``MIN_BAR`` pixels.

>>> layout = layout_timeline([(parse_iso("1992-08-30"), "30 Ağustos 1992", "İlişkiler kuruldu"),
...                           (parse_iso("2020-09-27"), "27 Eylül 2020", "Savaş başladı")])
>>> [len(segment.ticks) > 0 for segment in layout.segments]
[True, True]
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

import jinja2

from core.templatepath import TemplatePath, template_path
from core.templating import template_environment, template_errors
from filters.dates import PART_DAY, DateSpan, PartialDate, parse_iso  # noqa: F401 (parse_iso: doctest)

WIDTH, MARGIN, FONT, LINE = 760, 16, 13, 18
AXIS_X, LABEL_X = 78, 150          # the axis; where labels start (the gutter between holds the leaders)
CHAR_WIDTH = 0.56 * FONT           # average advance of a serif font: enough to keep labels inside
BOLD_WIDTH = 0.62 * FONT
BREAK_YEARS = 1.5                  # a gap longer than this between events breaks the axis
BREAK = 22                         # the height of a break
MIN_BAR = 6                        # the shortest range bar, in pixels


@dataclass
class Mark:
    y: float              # the event on the axis (its start, for a range)
    y_end: float          # the range's end (= y for a day or month)
    label_y: float        # the label's middle
    date: str
    words: str
    iso: str


@dataclass
class Segment:
    """One unbroken stretch of the axis, with its year ticks."""
    top: float
    bottom: float
    ticks: list[tuple[float, int]]


@dataclass
class Layout:
    width: int
    height: int
    axis_x: float
    label_x: float
    segments: list[Segment]
    marks: list[Mark]
    font_size: int = FONT
    lang: str = "en"


def fraction_of_year(date: PartialDate, end: bool = False, part: str | None = None) -> float:
    """1992-08-30 → 1992.66; a month without a day sits at its middle (or its part)."""
    month = date.month or (12 if end else 6)
    day = date.day or (28 if end and date.month else PART_DAY.get(part, 15))
    start = datetime.date(date.year, 1, 1).toordinal()
    length = datetime.date(date.year + 1, 1, 1).toordinal() - start
    return date.year + (datetime.date(date.year, month, min(day, 28)).toordinal() - start) / length


def isotonic(wanted: list[float], gap: float, top: float) -> list[float]:
    """Positions as close to ``wanted`` (sorted) as they can be with ``gap`` between
    neighbours and none above ``top``: pool-adjacent-violators on ``wanted[i] - i*gap``.

    >>> isotonic([10, 10, 10, 50], 5, 0)
    [5.0, 10.0, 15.0, 50.0]
    """
    blocks: list[list[float]] = []  # [sum, count]
    for index, value in enumerate(wanted):
        blocks.append([value - index * gap, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    shifted = [max(total / count, top) for total, count in blocks for _ in range(int(count))]
    for index in range(1, len(shifted)):
        shifted[index] = max(shifted[index], shifted[index - 1])
    return [round(value + index * gap, 1) for index, value in enumerate(shifted)]


def _fit(words: str, date: str) -> str:
    """The words, cut at a word so that date and words fit the figure's width."""
    room = (WIDTH - MARGIN - LABEL_X - len(date) * BOLD_WIDTH - FONT) / CHAR_WIDTH
    if len(words) <= room:
        return words
    cut = words[:max(int(room) - 1, 0)].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…" if cut else ""


def layout_timeline(events: list[tuple[DateSpan, str, str]], lang: str = "en") -> Layout:
    """``events``: (date, the date as shown, a few words) in date order."""
    times = [(fraction_of_year(s.start, part=s.part),
              fraction_of_year(s.end, end=True) if s.end else fraction_of_year(s.start, part=s.part))
             for s, _, _ in events]
    order = sorted(range(len(events)), key=lambda i: times[i])
    clusters: list[list[int]] = []
    for index in order:
        if clusters and times[index][0] - max(times[i][1] for i in clusters[-1]) <= BREAK_YEARS:
            clusters[-1].append(index)
        else:
            clusters.append([index])
    segments, wanted = [], {}
    y = MARGIN + LINE / 2
    for cluster in clusters:
        first = int(min(times[i][0] for i in cluster))
        last = max(times[i][1] for i in cluster)
        length = max(len(cluster) - 1, 1) * LINE
        start = min(times[i][0] for i in cluster)
        scale = length / max(last - start, 1 / 365)

        def y_of(time: float, top=y, start=start, scale=scale) -> float:
            return round(top + (time - start) * scale, 1)

        ticks = [(y_of(year), year) for year in range(first + 1, int(last) + 1)]
        for i in cluster:
            wanted[i] = (y_of(times[i][0]), max(y_of(times[i][1]), y_of(times[i][0]) + (
                MIN_BAR if events[i][0].end else 0)))
        segments.append(Segment(round(y - LINE / 2, 1), round(y + length + LINE / 2, 1),
                                [(y - LINE / 2 + 2, first)] + [t for t in ticks if t[0] > y + LINE / 2]))
        y += length + LINE + BREAK
    label_ys = isotonic([(wanted[i][0] + wanted[i][1]) / 2 for i in order], LINE, MARGIN + LINE / 2)
    marks = []
    for index, label_y in zip(order, label_ys):
        span, date, words = events[index]
        marks.append(Mark(wanted[index][0], wanted[index][1], label_y, date, _fit(words, date), span.iso))
    height = max(segments[-1].bottom, max(label_ys)) + MARGIN if segments else 2 * MARGIN
    return Layout(WIDTH, int(height + LINE / 2), AXIS_X, LABEL_X, segments, marks, FONT, lang)


@lru_cache(maxsize=None)  # one per search path: its template stays loaded (watch, serve)
def figures(templates: TemplatePath) -> jinja2.Environment:
    """The figures' templates (``figures/`` of each folder of the search path)."""
    return template_environment(templates.subfolders("figures"), autoescape=True,
                                trim_blocks=True, lstrip_blocks=True)


def timeline_svg(events: list[tuple[DateSpan, str, str]], lang: str,
                 templates: TemplatePath = template_path()) -> str:
    """The figure as one SVG element (no XML prolog: it is embedded in pages)."""
    with template_errors():
        return figures(templates).get_template("timeline.svg.j2").render(
            layout=layout_timeline(events, lang)).strip()
