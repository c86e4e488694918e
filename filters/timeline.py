"""The timeline figure: layout here (pure arithmetic), drawing in a jinja2 template.

Marks sit on a year axis; labels are stacked in lanes above it so that no two
overlap, each tied to its mark by a leader line.

>>> layout = layout_timeline([(parse_iso("1992-08-30"), "30 Ağustos 1992"),
...                           (parse_iso("2020-09-27"), "27 Eylül 2020")])
>>> [mark.lane for mark in layout.marks]
[0, 0]
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from filters.dates import DateSpan, PartialDate, parse_iso  # noqa: F401 (parse_iso: doctest)
from filters.templating import template_environment

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "figures"
WIDTH, MARGIN, LANE, FONT = 760, 28, 19, 13
FIGURES = template_environment(TEMPLATE, autoescape=True, trim_blocks=True, lstrip_blocks=True)
CHAR_WIDTH = 0.56 * FONT  # average advance of a serif font at FONT px: enough to avoid overlaps


@dataclass
class Mark:
    x: float
    x_end: float
    lane: int
    label: str
    iso: str
    label_x: float = 0.0
    y: float = 0.0


@dataclass
class Layout:
    width: int
    height: int
    axis_y: float
    ticks: list[tuple[float, int]]
    marks: list[Mark]
    font_size: int = FONT
    lang: str = "en"


def fraction_of_year(date: PartialDate, end: bool = False) -> float:
    """1992-08-30 → 1992.66; a month or year without a day sits at its middle."""
    month = date.month or (12 if end else 6)
    day = date.day or 15
    start = datetime.date(date.year, 1, 1).toordinal()
    length = datetime.date(date.year + 1, 1, 1).toordinal() - start
    return date.year + (datetime.date(date.year, month, min(day, 28)).toordinal() - start) / length


def layout_timeline(events: list[tuple[DateSpan, str]], lang: str = "en") -> Layout:
    points = [(fraction_of_year(s.start), fraction_of_year(s.end) if s.end else None, label, s.iso)
              for s, label in events]
    first = min(int(p[0]) for p in points)
    last = max(int(p[1] or p[0]) for p in points) + 1
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 1000) if (last - first) / s <= 12)
    first -= first % step
    inner = WIDTH - 2 * MARGIN

    def x_of(year: float) -> float:
        return round(MARGIN + (year - first) / max(last - first, 1) * inner, 1)

    lanes_end: list[float] = []
    marks = []
    for start, end, label, iso in sorted(points):
        x = x_of(start)
        width = len(label) * CHAR_WIDTH + 6
        label_x = min(x, WIDTH - MARGIN - width)  # keep labels inside the figure
        lane = next((i for i, taken in enumerate(lanes_end) if taken < label_x), len(lanes_end))
        if lane == len(lanes_end):
            lanes_end.append(0)
        lanes_end[lane] = label_x + width
        marks.append(Mark(x, x_of(end) if end else x, lane, label, iso, round(label_x, 1)))
    axis_y = 14 + len(lanes_end) * LANE + 10
    for mark in marks:
        mark.y = axis_y - 12 - mark.lane * LANE
    ticks = [(x_of(year), year) for year in range(first, last + 1, step)]
    return Layout(WIDTH, int(axis_y + 26), axis_y, ticks, marks, FONT, lang)


def timeline_svg(events: list[tuple[DateSpan, str]], lang: str) -> str:
    """The figure as one SVG element (no XML prolog: it is embedded in pages)."""
    return FIGURES.get_template("timeline.svg.j2").render(
        layout=layout_timeline(events, lang)).strip()
