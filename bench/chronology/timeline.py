#!/usr/bin/env python3
"""Render the article's timeline to PNG at its own density and at N times it, to look at.

    python bench/chronology/timeline.py [--times 3] [--out /tmp]

The denser figure adds, after each event, N-1 events a few days (or a month) later
with the same words cut shorter. Typst rasterises the SVG exactly as the PDF shows it.
Prints each figure's size and the checks the tests make (labels apart, no crossings).
"""
from __future__ import annotations

import argparse
import datetime
import logging
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO))

import typst  # noqa: E402

from core.markup import typst_string  # noqa: E402
from filters.chronology import short_text  # noqa: E402
from filters.dates import DateSpan, PartialDate, format_long  # noqa: E402
from filters.timeline import LINE, layout_timeline, timeline_svg  # noqa: E402
from press.manuscript import find_manuscript, read  # noqa: E402
from press.pipeline import Report, run_filters  # noqa: E402


def denser(events, times: int, lang: str):
    out = []
    for span, date, words in events:
        out.append((span, date, words))
        for step in range(1, times):
            start = span.start
            if start.day:
                day = datetime.date(start.year, start.month, start.day) + datetime.timedelta(days=4 * step)
                added = DateSpan(PartialDate(day.year, day.month, day.day))
            else:
                added = DateSpan(PartialDate(start.year, min(start.month + step, 12)))
            out.append((added, format_long(added, lang), words[:30]))
    return sorted(out, key=lambda e: e[0].sort_key())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--times", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp"))
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    doc = run_filters(read(find_manuscript(REPO)), Report())
    lang = doc.get_metadata("lang", default="en")
    events = [(e.span, format_long(e.span, lang), short_text(e)) for e in doc.chronology_events]
    for name, chosen in (("1x", events), (f"{args.times}x", denser(events, args.times, lang))):
        svg = timeline_svg(chosen, lang)
        source = (f"#set page(width: auto, height: auto, margin: 4pt)\n"
                  f"#image(bytes({typst_string(svg)}), format: \"svg\", width: 16cm)\n")
        typ = args.out / f"timeline-{name}.typ"
        typ.write_text(source, encoding="utf-8")
        png = args.out / f"timeline-{name}.png"
        png.write_bytes(typst.compile(str(typ), format="png", ppi=110))
        layout = layout_timeline(chosen, lang)
        labels = sorted(mark.label_y for mark in layout.marks)
        apart = all(b - a >= LINE - 0.2 for a, b in zip(labels, labels[1:]))
        leader = max(abs(mark.label_y - (mark.y + mark.y_end) / 2) for mark in layout.marks)
        print(f"{name}: {len(chosen)} events, {layout.width}×{layout.height} px, "
              f"{len(layout.segments)} axis segments, labels apart: {apart}, "
              f"longest leader drop {leader:.0f} px → {png}")


if __name__ == "__main__":
    main()
