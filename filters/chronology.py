"""The chronology appendix: the dated events of the text, in date order.

Dates written in running text are found by the language's grammar
(``filters.dates``); ``[20 Ekim]{.event date="2020-10-20"}`` marks one the text
leaves implicit, ``label="…"`` gives the entry its own text, ``{.no-event}``
suppresses a detection. Each place that names a date gets an anchor; the
appendix ("Ek: Kronoloji") lists one entry per date with links back to every
place, headed by a timeline figure drawn by ``templates/figures/timeline.svg.j2``.

Stand-alone: ``pandoc -F filters/chronology.py``.
"""
from __future__ import annotations

import base64
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run by pandoc as a script: make `filters` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "filters"

import panflute as pf

from filters.dates import (DateError, DateSpan, find_dates, find_yearless, format_long,
                           parse_iso, range_parts)
from filters.diagnostics import error, locate, run_filter_main, warn
from filters.language import base_language, term, upper_first
from filters.options import options
from filters.timeline import timeline_svg
from filters.markup import text_to_inlines
from filters.names import (APPENDIX_CLASS, BACK_MATTER_CLASS, BIBLIOGRAPHY_ID, CHRONOLOGY_ID, CITATION_CLASS, EVENT_CLASS,
                           EVENT_REF_CLASS, TIMELINE_ID)
from filters.numbering import appendix_letter, number_appendix, number_caption

OBJECT = "\ufffc"  # stands for an inline that dates are not read across
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[^\s\w]?[\w" + OBJECT + r"])")


@dataclass
class Place:
    anchor: str
    section: str          # the section's number and title, as shown in the link
    text: str             # the event's text at this place


@dataclass
class ChronologyEvent:
    span: DateSpan
    label: str | None = None
    places: list[Place] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.label or self.places[0].text


# --- reading a paragraph ------------------------------------------------------

def is_event_span(element) -> bool:
    return isinstance(element, pf.Span) and EVENT_CLASS in element.classes


def inline_text(inlines) -> tuple[str, list[tuple[int, int]], list[str]]:
    """The paragraph as a string for the date grammar.

    Str, Space and SoftBreak are text; every other inline is one ``OBJECT``
    character, so that no date is read across a citation, a note or a marked
    span. Returns the string, each inline's (start, end), and the readable
    text of each object (a citation or a note reads as nothing).
    """
    text, bounds, objects = "", [], []
    for element in inlines:
        start = len(text)
        if isinstance(element, pf.Str):
            text += element.text
        elif isinstance(element, (pf.Space, pf.SoftBreak, pf.LineBreak)):
            text += " "
        else:
            text += OBJECT
            hidden = isinstance(element, pf.Note) or (
                isinstance(element, pf.Span) and CITATION_CLASS in element.classes)
            objects.append("" if hidden else pf.stringify(element))
        bounds.append((start, len(text)))
    return text, bounds, objects


def readable(text: str, start: int, end: int, objects: list[str]) -> str:
    """``text[start:end]`` with each OBJECT replaced by what it reads as."""
    index = text.count(OBJECT, 0, start)
    pieces = []
    for char in text[start:end]:
        if char == OBJECT:
            pieces.append(objects[index])
            index += 1
        else:
            pieces.append(char)
    return "".join(pieces)


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """The sentence of ``text`` that holds ``position``."""
    start = 0
    for match in SENTENCE_END.finditer(text):
        if match.end() > position:
            return start, match.start()
        start = match.end()
    return start, len(text)


def event_text(text: str, objects: list[str], date_start: int, date_end: int, lang: str) -> str:
    """The sentence around a date, without the date, its connectors and citations.

    >>> event_text("Bişkek Protokolü 5 Mayıs 1994’te imzalanmıştır.", [], 17, 32, "tr")
    'Bişkek Protokolü imzalanmıştır.'
    """
    start, end = sentence_bounds(text, date_start)
    before = readable(text, start, date_start, objects)
    after = re.sub(rf"^(?:{term(lang, 'date_suffix')})", "", readable(text, date_end, end, objects))
    for connector in term(lang, "date_connectors"):
        after = re.sub(rf"^\s*{re.escape(connector)}\b", "", after)
        before = re.sub(rf"\b{re.escape(connector)}\s*$", "", before)
    sentence = f"{before.strip()} {after.strip()}".strip()
    sentence = re.sub(r"\(\s*\)", "", sentence)           # a citation's emptied brackets
    sentence = re.sub(r"\s+([,.;:!?])", r"\1", sentence)
    sentence = re.sub(r"^[,;:\s]+", "", re.sub(r"\s{2,}", " ", sentence)).strip()
    return upper_first(sentence, lang)


# --- marking the text -------------------------------------------------------

def split_at(inlines: list, bounds: list[tuple[int, int]], cuts: set[int]) -> tuple[list, list]:
    """Split Str elements at the character positions ``cuts``; new inlines and bounds."""
    new_inlines, new_bounds = [], []
    for element, (start, end) in zip(inlines, bounds):
        inner = sorted(c for c in cuts if start < c < end)
        if inner and isinstance(element, pf.Str):
            edges = [start, *inner, end]
            for a, b in zip(edges, edges[1:]):
                new_inlines.append(pf.Str(element.text[a - start:b - start]))
                new_bounds.append((a, b))
        else:
            new_inlines.append(element)
            new_bounds.append((start, end))
    return new_inlines, new_bounds


def wrap(inlines: list, bounds: list, ranges: list[tuple[int, int, str]]) -> list:
    """Wrap the inlines within each (start, end, anchor) in an anchored Span."""
    inlines, bounds = split_at(inlines, bounds, {p for r in ranges for p in r[:2]})
    result, index = [], 0
    for start, end, anchor in sorted(ranges):
        while index < len(inlines) and bounds[index][0] < start:
            result.append(inlines[index])
            index += 1
        inside = []
        while index < len(inlines) and bounds[index][1] <= end:
            inside.append(inlines[index])
            index += 1
        result.append(pf.Span(*inside, identifier=anchor, classes=[EVENT_REF_CLASS]))
    return result + inlines[index:]


@dataclass
class Collector:
    """Events gathered while walking the document, in order of the text."""
    lang: str
    auto: bool
    doc: pf.Doc
    events: dict[str, ChronologyEvent] = field(default_factory=dict)
    count: int = 0
    section: str = ""
    done: bool = False     # past the last section: the bibliography follows

    def anchor(self) -> str:
        self.count += 1
        return f"event-{self.count}"

    def add(self, span: DateSpan, place: Place, label: str | None = None) -> None:
        event = self.events.setdefault(span.iso, ChronologyEvent(span))
        event.label = event.label or label
        event.places.append(place)


def explicit_span(element: pf.Span, collector: Collector) -> DateSpan | None:
    """The date of a ``.event`` span; an impossible one is an error (None)."""
    value = element.attributes.get("date", "")
    shown = pf.stringify(element)
    try:
        span = parse_iso(value)
    except DateError as failure:
        path, line = locate(collector.doc, re.escape(shown) + r"\]\{[^}]*\.event")
        error(f"impossible event date date=\"{value}\" on [{shown}]: {failure}",
              path, line, hint='write date="YYYY-MM-DD", "YYYY-MM" or "YYYY"')
        return None
    written = find_dates(shown, collector.lang)
    if written and written[0].span != span:
        path, line = locate(collector.doc, re.escape(shown))
        warn(f"event [{shown}] says {written[0].span.iso} but date=\"{value}\"", path, line,
             hint="the date attribute wins; correct whichever is wrong")
    return span


def mark_paragraph(inlines: list, collector: Collector) -> list:
    """Find the events of one paragraph, anchor each place, record them."""
    text, bounds, objects = inline_text(inlines)
    lang = collector.lang
    for index, element in enumerate(inlines):
        if is_event_span(element):
            span = explicit_span(element, collector)
            if span is None:
                continue
            if not element.identifier:
                element.identifier = collector.anchor()
            start, end = bounds[index]
            own = element.attributes.get("label")
            collector.add(span, Place(element.identifier, collector.section,
                                      event_text(text, objects, start, end, lang)), own)
    if not collector.auto:
        return inlines

    def impossible(written, problem):
        path, line = locate(collector.doc, re.escape(written))
        warn(f"'{written}' is not a real date: {problem}", path, line,
             hint="correct the date, or mark it {.no-event}")

    ranges = []
    dates = find_dates(text, lang, on_error=impossible)
    for match in dates:
        anchor = collector.anchor()
        ranges.append((match.start, match.end, anchor))
        collector.add(match.span, Place(anchor, collector.section,
                                        event_text(text, objects, match.start, match.end, lang)))
    for match in find_yearless(text, lang, dates):
        written = match.group(0)
        bare = re.sub(rf"(?:{term(lang, 'date_suffix')})$", "", written)
        path, line = locate(collector.doc, re.escape(written))
        warn(f"'{written}' has no year, so it is not in the chronology", path, line,
             hint=f'mark it: [{bare}]{{.event date="YYYY-MM-DD"}}, or [{bare}]{{.no-event}}')
    return wrap(inlines, bounds, ranges) if ranges else inlines


# --- the appendix -----------------------------------------------------------

def date_inlines(span: DateSpan, lang: str) -> list[pf.Inline]:
    """The long date, each end inside ``<time datetime="…">`` for HTML and EPUB."""
    inlines: list[pf.Inline] = []
    for text, iso in range_parts(span, lang):
        words = [pf.Str(text)] if text.strip() == text else [pf.Str(text.strip())]
        if iso:
            inlines += [pf.RawInline(f'<time datetime="{iso}">', format="html"), *words,
                        pf.RawInline("</time>", format="html")]
        else:
            inlines += ([pf.Space()] if text.startswith(" ") else []) + words + (
                [pf.Space()] if text.endswith(" ") else [])
    return inlines


def place_links(event: ChronologyEvent) -> list[pf.Inline]:
    """One link per place: "2. Azerbaycan-Kazakistan …", repeated sections numbered."""
    inlines: list[pf.Inline] = []
    seen: dict[str, int] = {}
    for place in event.places:
        seen[place.section] = seen.get(place.section, 0) + 1
        shown = place.section + (f" ({seen[place.section]})" if seen[place.section] > 1 else "")
        if inlines:
            inlines += [pf.Str(";"), pf.Space()]
        inlines.append(pf.Link(pf.Str(shown), url=f"#{place.anchor}"))
    return inlines


def appendix_title(doc: pf.Doc, lang: str) -> str:
    """The title after the appendix's label: "Ek A: Kronoloji"."""
    return options(doc)["chronology"]["title"] or term(lang, "chronology")


def figure_blocks(events: list[ChronologyEvent], lang: str, caption: str,
                  number: str) -> list[pf.Block]:
    """The timeline: a numbered figure whose image is the SVG itself (a ``data:``
    URI), so that every edition shows the same picture as it shows any figure."""
    svg = timeline_svg([(e.span, format_long(e.span, lang)) for e in events], lang)
    url = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    image = pf.Image(*text_to_inlines(caption), url=url, attributes={"width": "100%"})
    figure = pf.Figure(pf.Plain(image), caption=pf.Caption(pf.Plain(*text_to_inlines(caption))),
                       identifier=TIMELINE_ID, classes=["timeline"])
    number_caption(figure, "figure", number, lang)
    return [figure]


def appendix(events: list[ChronologyEvent], doc: pf.Doc, lang: str) -> list[pf.Block]:
    """The appendix, lettered after the author's appendices, as the numbering stage
    letters them: "Ek A: Kronoloji", its timeline "Şekil A1"."""
    header = pf.Header(*text_to_inlines(appendix_title(doc, lang)), level=1, identifier=CHRONOLOGY_ID,
                       classes=[CHRONOLOGY_ID], attributes={"role": "doc-appendix"})
    letter = appendix_letter(sum(1 for block in doc.content if isinstance(block, pf.Header)
                                 and APPENDIX_CLASS in block.classes))
    number_appendix(header, letter, lang)
    blocks: list[pf.Block] = [header]
    if options(doc)["chronology"]["figure"]:
        blocks += figure_blocks(events, lang, term(lang, "timeline"), f"{letter}1")
    items = [pf.ListItem(pf.Plain(
        pf.Span(pf.Strong(*date_inlines(event.span, lang)), classes=["event-date"]),
        pf.Space(),
        pf.Span(pf.Span(*text_to_inlines(" ".join(event.text.split())), classes=["event-text"]),
                pf.LineBreak(),
                pf.Span(*place_links(event), classes=["event-source"]), classes=["event-body"])))
        for event in events]
    blocks.append(pf.Div(pf.BulletList(*items), classes=["events"]))
    return blocks


# --- the filter ---------------------------------------------------------------

def mark_blocks(blocks, collector: Collector) -> None:
    """Visit the body's paragraphs in reading order, section by section.

    Only blocks are walked (not every inline, as a panflute action would), and the
    metadata is never visited: an abstract's dates are not the text's events; nor
    are footnotes'.
    """
    for block in blocks:
        if collector.done:
            return
        if isinstance(block, pf.Header) and block.level == 1:
            if block.identifier == BIBLIOGRAPHY_ID:  # the reference list has no events
                collector.done = True
                return
            collector.section = pf.stringify(block)  # its number is part of it
        elif isinstance(block, (pf.Para, pf.Plain)):
            block.content = mark_paragraph(list(block.content), collector)
        elif isinstance(block, pf.Div) and BACK_MATTER_CLASS in block.classes:
            continue  # an ethics approval's date is not an event of the article
        elif isinstance(block, (pf.Div, pf.BlockQuote)):
            mark_blocks(block.content, collector)
        elif isinstance(block, (pf.BulletList, pf.OrderedList)):
            for item in block.content:
                mark_blocks(item.content, collector)


def prepare(doc: pf.Doc) -> None:
    settings = options(doc)["chronology"]
    doc.chronology = None
    if settings["enabled"]:
        lang = base_language(doc.get_metadata("lang", default=None))
        doc.chronology = Collector(lang, bool(settings["auto"]), doc)
        mark_blocks(doc.content, doc.chronology)


def finalize(doc: pf.Doc) -> None:
    collector = doc.chronology
    if collector and collector.events:
        events = sorted(collector.events.values(), key=lambda e: e.span.sort_key())
        doc.content.extend(appendix(events, doc, collector.lang))
    del doc.chronology


def main(doc=None):
    # no per-element action: prepare walks the blocks itself
    return pf.run_filters([], prepare=prepare, finalize=finalize, doc=doc)


if __name__ == "__main__":
    run_filter_main(main)
