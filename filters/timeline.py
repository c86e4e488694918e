"""The timeline figure: layout here (pure arithmetic), drawing in a jinja2 template.

Time runs down a vertical axis; each event's label (its date in bold and a few
words of its entry) sits to the right of its mark, tied to it by a short leader
line. The axis is not linear in time: between two dated points it is as long as
the time between them asks (each stretch of years gets room by how many events it
holds) or as the labels between them need, whichever is more, so a dense period
widens and its labels stay beside their marks. Events of one day are one mark
with their labels stacked; stretches of years without events are cut out of the
axis (a broken axis). Labels keep one line apart (isotonic regression, should the
widening leave them too close), so leader lines never cross, and they run in a
gutter that holds no text. A range is a bar along the axis, never shorter than
``MIN_BAR`` pixels.

>>> layout = layout_timeline([(parse_iso("1992-08-30"), "30 Ağustos 1992", "İlişkiler kuruldu"),
...                           (parse_iso("2020-09-27"), "27 Eylül 2020", "Savaş başladı")])
>>> [len(segment.ticks) > 0 for segment in layout.segments]
[True, True]
"""
from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from functools import lru_cache

import jinja2

from core.templatepath import TemplatePath, template_path
from core.templating import template_environment, template_errors
from filters.dates import PART_DAY, PART_MONTH, DateSpan, PartialDate, parse_iso  # noqa: F401 (parse_iso: doctest)

WIDTH, MARGIN, FONT, LINE = 760, 16, 13, 18
AXIS_X, LABEL_X = 78, 150          # the axis; where labels start (the gutter between holds the leaders)
CHAR_WIDTH = 0.56 * FONT           # average advance of a serif font: enough to keep labels inside
BOLD_WIDTH = 0.62 * FONT
BREAK_YEARS = 1.5                  # a gap longer than this between events breaks the axis
BREAK = 22                         # the height of a break
MIN_BAR = 6                        # the shortest range bar, in pixels
PANEL_HEIGHT = int(1.3 * WIDTH)    # a taller timeline is cut into panels: each fits a page at full width


@dataclass
class Mark:
    y: float              # the event on the axis (its start, for a range)
    y_end: float          # the range's end (= y for a day or month)
    label_y: float        # the label's middle
    date: str
    words: str
    iso: str
    show_date: bool = True  # False for the second and later labels of one day: the date is above


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
    month = date.month or PART_MONTH.get(part) or (12 if end else 6)
    day = date.day or (28 if end and date.month else PART_DAY.get(part, 15))
    start = datetime.date(date.year, 1, 1).toordinal()
    length = 366 if calendar.isleap(date.year) else 365  # (no 1 January after 9999 to count to)
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
    order = sorted(range(len(events)), key=lambda i: (times[i], i))
    clusters: list[list[int]] = []
    for index in order:
        if clusters and times[index][0] - max(times[i][1] for i in clusters[-1]) <= BREAK_YEARS:
            clusters[-1].append(index)
        else:
            clusters.append([index])
    segments, wanted = [], {}
    y = MARGIN + LINE / 2
    for cluster in clusters:
        y_of = axis_scale(cluster, times, events, y)
        first = int(min(times[i][0] for i in cluster))
        last = max(times[i][1] for i in cluster)
        for i in cluster:
            start = y_of(times[i][0])
            wanted[i] = (start, max(y_of(times[i][1]), start + (MIN_BAR if events[i][0].end else 0)))
        bottom = max(end for i in cluster for end in wanted[i])
        ticks = spaced([(y_of(year), year) for year in range(first + 1, int(last) + 1)], y - LINE / 2)
        segments.append(Segment(round(y - LINE / 2, 1), round(bottom + LINE / 2, 1),
                                [(y - LINE / 2 + 2, first)] + ticks))
        y = bottom + LINE + BREAK
    label_ys = isotonic([wanted[i][0] if events[i][0].end else (wanted[i][0] + wanted[i][1]) / 2
                         for i in order], LINE, MARGIN + LINE / 2)
    marks, previous = [], None
    for index, label_y in zip(order, label_ys):
        span, date, words = events[index]
        same_day = previous is not None and events[previous][0].iso == span.iso
        marks.append(Mark(wanted[index][0], wanted[index][1], label_y, date,
                          _fit(words, "" if same_day else date), span.iso, show_date=not same_day))
        previous = index
    height = max(segments[-1].bottom, max(label_ys) + LINE / 2) + MARGIN if segments else 2 * MARGIN
    return Layout(WIDTH, int(height + LINE / 2), AXIS_X, LABEL_X, segments, marks, FONT, lang)


def axis_scale(cluster: list[int], times: list[tuple[float, float]], events, top: float):
    """The time → y of one unbroken stretch of the axis, from ``top``: between two
    dated points as long as the time between them asks (the stretch's length shared
    out by its events, as a linear axis would) or as their labels need (a day's
    labels are stacked on its mark), whichever is more. Piecewise linear, so every
    time (a range's end, a year's tick) has its place.

    >>> y_of = axis_scale([0, 1, 2], [(2000.0, 2000.0), (2000.01, 2000.01), (2010.0, 2010.0)],
    ...                   [(None,)] * 3, 10)
    >>> [y_of(t) for t in (2000.0, 2000.01, 2010.0)]
    [10.0, 28.0, 64.0]
    """
    stacked: dict[float, int] = {}
    for i in cluster:
        stacked[times[i][0]] = stacked.get(times[i][0], 0) + 1
    points = sorted({*stacked, *(times[i][1] for i in cluster)})
    start, end = points[0], points[-1]
    per_year = max(len(cluster) - 1, 1) * LINE / max(end - start, 1 / 365)
    anchors = [(start, float(top))]
    for before, after in zip(points, points[1:]):
        needed = (stacked.get(before, 0) + stacked.get(after, 0)) * LINE / 2
        anchors.append((after, round(anchors[-1][1] + max(needed, (after - before) * per_year), 1)))

    def y_of(time: float) -> float:
        for (t0, y0), (t1, y1) in zip(anchors, anchors[1:]):
            if time <= t1:
                return round(y0 + (max(time, t0) - t0) / max(t1 - t0, 1e-9) * (y1 - y0), 1)
        return anchors[-1][1]

    return y_of


def spaced(ticks: list[tuple[float, int]], top: float) -> list[tuple[float, int]]:
    """The year ticks that keep a line from the one before (a dense stretch spreads
    a year over much of the axis, a sparse one packs years together)."""
    kept: list[tuple[float, int]] = []
    for y, year in ticks:
        if y - (kept[-1][0] if kept else top) >= LINE:
            kept.append((y, year))
    return kept


@lru_cache(maxsize=None)  # one per search path: its template stays loaded (watch, serve)
def figures(templates: TemplatePath) -> jinja2.Environment:
    """The figures' templates (``figures/`` of each folder of the search path)."""
    return template_environment(templates.subfolders("figures"), autoescape=True,
                                trim_blocks=True, lstrip_blocks=True)


def panels(layout: Layout, height: int = PANEL_HEIGHT) -> list[Layout]:
    """The layout cut, between two labels, into panels no taller than ``height``
    (a page holds each at the text's full width, where one tall picture would be
    shrunk until it cannot be read); each panel's axis, ticks and marks moved up to
    its top. A layout that fits is its one panel.

    >>> events = [(parse_iso(f"2020-{month:02d}-{day:02d}"), "d", "w") for month in range(1, 13)
    ...           for day in (3, 9, 15, 21, 27)]
    >>> [len(panel.marks) for panel in panels(layout_timeline(events), 400)]
    [15, 16, 16, 13]
    """
    if layout.height <= height:
        return [layout]
    # As many panels as the height asks, of about equal heights (no lone label at the end).
    share = layout.height / -(-layout.height // (height - 2 * MARGIN))
    cuts, top = [], 0.0
    for before, after in zip(layout.marks, layout.marks[1:]):
        bottom = max(after.label_y + LINE / 2, after.y_end)
        if bottom - top + 2 * MARGIN > min(height, share + LINE + 2 * MARGIN):  # with its margins
            cut = (max(before.label_y + LINE / 2, before.y) + min(after.label_y - LINE / 2, after.y)) / 2
            cuts.append(cut)
            top = cut
    bounds = list(zip([0.0, *cuts], [*cuts, float(layout.height)]))
    return [clipped(layout, start, end) for start, end in bounds]


def clipped(layout: Layout, start: float, end: float) -> Layout:
    """The part of ``layout`` between ``start`` and ``end``, moved to the top."""
    shift = start - (MARGIN if start else 0)
    marks = [Mark(**{**mark.__dict__, "y": mark.y - shift, "y_end": mark.y_end - shift,
                     "label_y": mark.label_y - shift}) for mark in layout.marks if start <= mark.label_y < end]
    segments = [Segment(round(max(segment.top, start) - shift, 1), round(min(segment.bottom, end) - shift, 1),
                        [(y - shift, year) for y, year in segment.ticks if start <= y < end])
                for segment in layout.segments if segment.bottom > start and segment.top < end]
    return Layout(layout.width, int(end - shift + (0 if end == layout.height else MARGIN)), layout.axis_x,
                  layout.label_x, segments, marks, layout.font_size, layout.lang)


def timeline_svgs(events: list[tuple[DateSpan, str, str]], lang: str,
                  templates: TemplatePath = template_path()) -> list[tuple[str, list[Mark]]]:
    """The figure as SVG elements (no XML prolog: they are embedded in pages), one
    per panel, each with the marks it shows."""
    with template_errors():
        template = figures(templates).get_template("timeline.svg.j2")
        return [(template.render(layout=panel).strip(), panel.marks)
                for panel in panels(layout_timeline(events, lang))]
