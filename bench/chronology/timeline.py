#!/usr/bin/env python3
"""Measure the timeline's legibility, and render it to PNG to look at.

    python bench/chronology/timeline.py [--times 3] [--out /tmp] [--gold FILE.gold.yaml …]

Cases: the article's own chronology (its 23 events), the same at TIMES its density
(after each event, TIMES-1 events a few days or a month later, their words cut
shorter), a dense period (40 events in four months, several on one day), and each
gold chronology given (default: the Turkish test texts of bench/chronology/turkish,
when present: their gold dates, as an author's text would give them). For each:
the panels and their height, the longest leader (a label's distance from its mark),
the mean distance, labels outside their panel, labels closer than a line. Typst
rasterises each panel exactly as the PDF shows it.
"""
from __future__ import annotations

import argparse
import datetime
import logging
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO))

import typst  # noqa: E402
import yaml  # noqa: E402

from core.markup import typst_string  # noqa: E402
from filters.chronology import short_text  # noqa: E402
from filters.dates import DateSpan, PartialDate, format_long, parse_iso  # noqa: E402
from filters.timeline import (  # noqa: E402
    BOLD_WIDTH,
    CHAR_WIDTH,
    LINE,
    layout_timeline,
    panels,
    timeline_svgs,
)
from press.manuscript import find_manuscript, read  # noqa: E402
from press.pipeline import Report, run_filters  # noqa: E402

TURKISH_GOLD = REPO / "bench" / "chronology" / "turkish"


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
                # a month, or a year (the seed dates some events by their year): a month of it
                added = DateSpan(PartialDate(start.year, min((start.month or 6) + step, 12)))
            out.append((added, format_long(added, lang), words[:30]))
    return sorted(out, key=lambda e: e[0].sort_key())


def dense_period(lang: str = "en"):
    """40 events in four months: two a week, and four days with two events each."""
    start = datetime.date(2020, 9, 1)
    events = []
    for index in range(36):
        day = start + datetime.timedelta(days=index * 3)
        span = DateSpan(PartialDate(day.year, day.month, day.day))
        events.append((span, format_long(span, lang), f"Event {index + 1} of the autumn offensive"))
        if index % 9 == 0:
            events.append((span, format_long(span, lang), "A second event the same day"))
    return sorted(events, key=lambda e: e[0].sort_key())


def gold_events(path: Path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lang = data.get("lang", "tr")
    events = []
    for item in data["events"]:
        if item.get("kind") == "not-event":
            continue
        span = parse_iso(str(item["date"]))
        events.append((span, format_long(span, lang), str(item.get("entry") or item.get("event", ""))[:64]))
    return sorted(events, key=lambda e: e[0].sort_key()), lang


def measure(events, lang: str) -> dict:
    layout = layout_timeline(events, lang)
    cut = panels(layout)
    distances, outside, crowded = [], 0, 0
    for panel in cut:
        labels = sorted(mark.label_y for mark in panel.marks)
        crowded += sum(1 for a, b in zip(labels, labels[1:]) if b - a < LINE - 0.2)
        for mark in panel.marks:
            middle = mark.y if mark.y_end > mark.y else mark.y
            distances.append(abs(mark.label_y - middle) if mark.y_end == mark.y
                             else max(0.0, mark.y - mark.label_y, mark.label_y - mark.y_end))
            right = panel.label_x + len(mark.date) * BOLD_WIDTH * mark.show_date + len(mark.words) * CHAR_WIDTH
            if mark.label_y - LINE / 2 < 0 or mark.label_y + LINE / 2 > panel.height or right > panel.width:
                outside += 1
    return {"events": len(events), "panels": [panel.height for panel in cut],
            "longest": max(distances), "mean": statistics.mean(distances), "outside": outside,
            "crowded": crowded}


def render(events, lang: str, name: str, out: Path) -> list[Path]:
    pictures = []
    for number, (svg, _) in enumerate(timeline_svgs(events, lang), start=1):
        source = (f"#set page(width: auto, height: auto, margin: 4pt)\n"
                  f"#image(bytes({typst_string(svg)}), format: \"svg\", width: 16cm)\n")
        typ = out / f"timeline-{name}-{number}.typ"
        typ.write_text(source, encoding="utf-8")
        png = typ.with_suffix(".png")
        png.write_bytes(typst.compile(str(typ), format="png", ppi=110))
        pictures.append(png)
    return pictures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--times", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp"))
    parser.add_argument("--gold", type=Path, nargs="*")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    logging.disable(logging.WARNING)
    doc = run_filters(read(find_manuscript(REPO)), Report())
    lang = doc.get_metadata("lang", default="en")
    events = [(e.span, format_long(e.span, lang), short_text(e)) for e in doc.chronology_events]
    cases = [("article 1x", events, lang), (f"article {args.times}x", denser(events, args.times, lang), lang),
             ("40 events in four months", dense_period(), "en")]
    golds = args.gold if args.gold is not None else sorted(TURKISH_GOLD.glob("gold/*.gold.yaml"))
    split = TURKISH_GOLD / "split.yaml"
    test = set(yaml.safe_load(split.read_text())["test"]) if split.is_file() and args.gold is None else None
    for path in golds:
        name = path.name.removesuffix(".gold.yaml")
        if test is None or name in test:
            gold, gold_lang = gold_events(path)
            cases.append((name, gold, gold_lang))
    print("| case | events | panels (height px) | longest leader | mean | labels outside | closer than a line |")
    print("|---|---|---|---|---|---|---|")
    for name, chosen, language in cases:
        figures = measure(chosen, language)
        render(chosen, language, name.replace(" ", "-"), args.out)
        print(f"| {name} | {figures['events']} | {len(figures['panels'])} "
              f"({', '.join(map(str, figures['panels']))}) | {figures['longest']:.0f} px | "
              f"{figures['mean']:.1f} px | {figures['outside']} | {figures['crowded']} |")


if __name__ == "__main__":
    main()
