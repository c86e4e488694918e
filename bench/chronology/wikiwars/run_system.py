#!/usr/bin/env python3
"""Run the project's chronology over WikiWars and write system annotations.

    .venv/bin/python bench/chronology/wikiwars/run_system.py --part dev [--mode explicit|chronology] [--out DIR]
    .venv/bin/python bench/chronology/wikiwars/run_system.py --part test   # only checks that it runs

Each document's raw text is the keyinline file with every tag removed (the same text
and offsets that ``score_timex.py`` uses for the gold); only the content of its
``<TEXT>`` element is read. A WikiWars paragraph is one line (a blank line, or none,
separates paragraphs); a section title is a short line of its own without final
punctuation.

Modes (the project is this repository, or ``--repo``, put on ``sys.path``):

* ``chronology`` (default): the chronology stage as a build runs it
  (``filters.chronology.dates_of`` and ``record``, one ``Collector`` for the whole
  document, so that a year or a day carries from paragraph to paragraph): every date
  it reads (``<doc>.json``, periods' ends and plans included: a date reader is scored
  on every date) and the appendix's events with the places of each
  (``<doc>.events.json``);
* ``explicit``: ``filters.dates.find_dates(paragraph, "en")`` alone.

Output: ``<out>/<doc>.json``, a list of ``{"start", "end", "value", "inferred",
"text"}`` with character offsets into the document's raw text. A range keeps the
reader's ``start/end`` ISO value, which no TIMEX2 VAL can equal.

For the test part nothing is written unless ``--out`` is given and ``--allow-test``
too: the run only reports counts, so that nobody who tunes the reader sees its
output on the test documents.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import score_timex  # noqa: E402  (the same reader of the corpus and of split.yaml)

LINE = re.compile(r"[^\n]+")
REPO = HERE.parent.parent.parent


def paragraphs(text: str, start: int, end: int):
    """(offset, paragraph) for each non-empty line of ``text[start:end]``."""
    for match in LINE.finditer(text, start, end):
        if match.group(0).strip():
            yield match.start(), match.group(0)


def is_heading(line: str) -> bool:
    """A WikiWars section title: a short line of its own that ends in no punctuation."""
    return len(line.split()) <= 12 and not re.search(r"[.!?:;\"”)]\s*$", line)


class Counter(logging.Handler):
    """Counts the reader's warnings ("'10 October' has no year …") instead of printing them."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def inlines_of(paragraph: str):
    """The paragraph as pandoc inlines (a Str per word, a Space per blank), so that the
    stage's offsets are the paragraph's."""
    import panflute as pf
    return [pf.Space() if piece.isspace() else pf.Str(piece)
            for piece in re.findall(r"\S+|\s", paragraph)]


def anchors_of(inlines) -> dict[str, tuple[int, int]]:
    """Where each anchored Span of a marked paragraph stands: anchor → (start, end)."""
    import panflute as pf
    places, position = {}, 0
    for element in inlines:
        length = len(pf.stringify(element)) if not isinstance(element, pf.Space) else 1
        if isinstance(element, pf.Span) and element.identifier:
            places[element.identifier] = (position, position + length)
        position += length
    return places


YEARS = re.compile(r"\d{4}(?:\s*(?:[-–,]|and)\s*\d{4})+")
# What parts a range of days or months in its text: "July 1–3, 1863", "6-7 February",
# "March 19-April 30"
RANGE_DASH = re.compile(r"\s*[-–—]\s*")
DAYS_OR_MONTHS = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


# "July 25 of that year": one TIMEX2, the day's value; the chronology reads "that year" apart
OF_YEAR = re.compile(r"\s+of\s+(?:that|the same|the following|this)\s+year\b")


def of_year(dated: list[tuple], paragraph: str) -> list[tuple]:
    """``(start, end, value, date)`` of a paragraph's dates, a month or day followed by "of
    that year" taking those words (and the year's date read in them dropped)."""
    joined, dropped = [], set()
    for start, end, value, date in dated:
        if id(date) in dropped:
            continue
        tail = OF_YEAR.match(paragraph, end)
        if tail and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", value):
            dropped |= {id(other) for _, _, _, other in dated if other.start >= end and other.end <= tail.end()}
            end = tail.end()
        joined.append((start, end, value, date))
    return [item for item in joined if id(item[3]) not in dropped]


def timex_parts(start: int, end: int, value: str, written: str, inferred: bool) -> list[dict]:
    """A date as TIMEX2 annotate it: a range of years ("1861-1863") or a list of them
    ("1940, 1941 and 1942", which the chronology reads as one range) is one expression
    per year; a range of days or months ("July 1–3, 1863") is two, its start and its end,
    parted at its dash; anything else is one."""
    if YEARS.fullmatch(written) and re.fullmatch(r"\d{4}/\d{4}", value):
        return [{"start": start + m.start(), "end": start + m.end(), "value": m.group(0), "inferred": inferred}
                for m in re.finditer(r"\d{4}", written)]
    first, _, last = value.partition("/")
    dash = RANGE_DASH.search(written)
    if last and dash and DAYS_OR_MONTHS.fullmatch(first) and DAYS_OR_MONTHS.fullmatch(last):
        return [{"start": start, "end": start + dash.start(), "value": first, "inferred": inferred},
                {"start": start + dash.end(), "end": end, "value": last, "inferred": inferred}]
    return [{"start": start, "end": end, "value": value, "inferred": inferred}]


def read_document(text: str, start: int, end: int, lang: str = "en", repo: Path = REPO):
    """Run the chronology stage over one document, paragraph after paragraph, as a build
    would (the year carried from paragraph to paragraph, section titles as sections).
    Returns the dates it read (``{"start", "end", "value", "inferred"}``, every date the
    reader found, ends of periods and plans included) and the appendix's events (those it prints)
    (``{"date", "text", "places": [(start, end)], "weak"}``), offsets into ``text``."""
    sys.path.insert(0, str(repo))
    import panflute as pf

    from filters.chronology import (
        Collector,
        dates_of,
        heading_times,
        inline_text,
        record,
    )
    from filters.dates import find_dates
    from filters.events import group_events
    from filters.timex import Narrative, day_part

    collector = Collector(lang, True, True, pf.Doc())
    dates, places = [], {}
    narrative = Narrative(lang)  # the year the text is at, for "that summer", "in 479" (after 480 BC)
    for offset, paragraph in paragraphs(text, start, end):
        if is_heading(paragraph):
            collector.section = collector.title = paragraph.strip()
            dated, collector.section_time = heading_times(collector.title, lang)
            collector.narrated = dated or collector.narrated
            found = find_dates(paragraph, lang)
            dates += [part for m in found
                      for part in timex_parts(offset + m.start, offset + m.end, m.span.iso, m.text, False)]
            # a heading's other expressions too ("Second invasion of Greece (480-479 BC)")
            dates += [{"start": offset + t.start, "end": offset + t.end, "value": t.value, "inferred": False}
                      for t in narrative.read(paragraph, [(m.start, m.end, m.span.last.year, m.span.timex)
                                                          for m in found])]
            continue
        inlines = inlines_of(paragraph)
        line, bounds, objects = inline_text(inlines, lang)
        found = dates_of(line, inlines, bounds, collector, collector.narrated)
        dated = [(*day_part(paragraph, f.start, f.end, f.span.timex, lang), f) for f in found if f.span is not None]
        dates += [part for a, b, value, f in of_year(dated, paragraph) for part in timex_parts(
            offset + a, offset + b, value, paragraph[f.start:f.end], f.inferred is not None)]
        dates += other_expressions(paragraph, offset, found, narrative)
        marked = record(found, line, inlines, bounds, objects, collector, None)
        places.update({anchor: (offset + a, offset + b) for anchor, (a, b) in anchors_of(marked).items()})
    events = [{"date": event.span.timex, "text": event.text, "weak": event.weak,
               "places": [places[p.anchor] for p in event.places if p.anchor in places]}
              for event in group_events(collector.mentions) if event.printed]
    return dates, events


def other_expressions(paragraph: str, offset: int, found, narrative) -> list[dict]:
    """The paragraph's temporal expressions that are no calendar date (``filters.timex``:
    durations, references to the present, seasons, decades, years before the common era)."""
    dated = [(f.start, f.end, f.span.last.year if f.span else None, f.span.timex if f.span else None) for f in found]
    return [{"start": offset + t.start, "end": offset + t.end, "value": t.value, "inferred": False}
            for t in narrative.read(paragraph, dated)]


def explicit_dates(text: str, start: int, end: int, lang: str = "en", repo: Path = REPO) -> list[dict]:
    """``filters.dates.find_dates`` alone, paragraph by paragraph: the dates that write
    their year out."""
    sys.path.insert(0, str(repo))
    from filters.dates import find_dates
    return [{"start": offset + m.start, "end": offset + m.end, "value": m.span.iso, "inferred": False}
            for offset, paragraph in paragraphs(text, start, end) for m in find_dates(paragraph, lang)]


def counted_warnings() -> Counter:
    """The stage's warnings counted, not printed (a corpus is no manuscript to correct)."""
    warnings = Counter()
    logger = logging.getLogger("press")
    logger.addHandler(warnings)
    logger.propagate = False
    return warnings


def run(docs: list[str], mode: str, corpus: Path, out: Path | None, repo: Path = REPO) -> dict:
    """Read every document; write ``<doc>.json`` (dates) and, in chronology mode,
    ``<doc>.events.json`` into ``out`` (if given). Returns counts."""
    warnings = counted_warnings()
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    started = time.time()
    totals = {"documents": 0, "dates": 0, "events": 0, "failures": 0}
    for doc in docs:
        text, _, (start, end) = score_timex.read_keyinline(corpus / "keyinline" / f"{doc}.key.xml")
        try:
            if mode == "explicit":
                dates, events = explicit_dates(text, start, end, repo=repo), []
            else:
                dates, events = read_document(text, start, end, repo=repo)
        except Exception as failure:  # a crash of the reader is a result too
            totals["failures"] += 1
            print(f"{doc}: the reader failed: {failure!r}", file=sys.stderr)
            dates, events = [], []
        for item in dates:
            item["text"] = text[item["start"]:item["end"]]
        totals["documents"] += 1
        totals["dates"] += len(dates)
        totals["events"] += len(events)
        if out is not None:
            (out / f"{doc}.json").write_text(json.dumps(dates, ensure_ascii=False, indent=0), encoding="utf-8")
            (out / f"{doc}.events.json").write_text(json.dumps(events, ensure_ascii=False, indent=0),
                                                    encoding="utf-8")
    totals["warnings"] = warnings.count
    totals["seconds"] = round(time.time() - started, 1)
    return totals


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", default="dev", choices=["dev", "test", "all"])
    parser.add_argument("--docs", nargs="*", help="these documents instead of a part")
    parser.add_argument("--mode", default="chronology", choices=["explicit", "chronology"])
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--out", type=Path, help="default: out/<mode> (never for test documents)")
    parser.add_argument("--allow-test", action="store_true", help="write output for test documents")
    parser.add_argument("--corpus", type=Path, default=score_timex.CORPUS)
    args = parser.parse_args(argv)

    split = score_timex.read_split(HERE / "split.yaml")
    docs = args.docs or (split[args.part] if args.part != "all" else score_timex.documents(args.corpus))
    blind = set(docs) & set(split.get("test", []))
    out = args.out or (None if blind else HERE / "out" / args.mode)
    if blind and out is not None and not args.allow_test:
        print("test documents: pass --allow-test to write their output (final blind run only)",
              file=sys.stderr)
        return 2
    totals = run(docs, args.mode, args.corpus, out, args.repo)
    print(f"{args.mode} on {args.part if not args.docs else 'the given documents'}: "
          + ", ".join(f"{v} {k}" for k, v in totals.items()) + (f"; written to {out}" if out else "; nothing written"))
    return 1 if totals["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
