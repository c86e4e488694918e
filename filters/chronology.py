"""The chronology appendix: the dated events of the text, in date order.

Dates written in running text are found by the language's grammar
(``filters.dates``), footnotes included; a day without a year, or a day given
relative to the one before ("ertesi gün", "two days later"), is dated from its
paragraph unless ``chronology: {infer: false}``. Each date's entry text is the
clause that holds it (``filters.clauses``); mentions are grouped into events
(``filters.events``). ``[20 Ekim]{.event date="2020-10-20"}`` marks a date the
text leaves implicit, ``label="…"`` gives the entry its own text, ``{.no-event}``
suppresses a detection, and ``manuscript/chronology.yaml`` corrects, merges,
splits or drops entries. Each place that names a date gets an anchor; the
appendix ("Ek: Kronoloji") lists one entry per event with links back to every
place, headed by a timeline figure (``filters.timeline``).

Stand-alone: ``pandoc -F filters/chronology.py``.
"""
from __future__ import annotations

import base64
import bisect
import heapq
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

if __name__ == "__main__":  # pandoc -F filters/NAME.py
    import standalone; standalone.run(__file__)  # noqa: E702, I001

import panflute as pf

from core.diagnostics import (
    display_path,
    error,
    locate,
    source_files,
    warn,
)
from core.language import base_language, term
from core.markup import text_to_inlines
from core.mathtext import linear
from core.names import (
    BACK_MATTER_CLASS,
    BIBLIOGRAPHY_ID,
    CHRONOLOGY_FILE,
    CHRONOLOGY_ID,
    CITATION_CLASS,
    DATE_CLASS,
    DATETIME_ATTRIBUTE,
    EVENT_BODY_CLASS,
    EVENT_CLASS,
    EVENT_DATE_CLASS,
    EVENT_PLACE_CLASS,
    EVENT_REF_CLASS,
    EVENT_SOURCE_CLASS,
    EVENT_TEXT_CLASS,
    EVENTS_CLASS,
    NUMBER_ATTRIBUTE,
    SECTION_NUMBER_CLASS,
    TIMELINE_CLASS,
    TIMELINE_ID,
    UNNUMBERED_CLASS,
)
from core.options import options
from core.templatepath import TemplatePath, templates_of
from filters.clauses import ROLE_WINDOW, date_role, grammar_table, subject_of
from filters.dates import (
    DateError,
    DateMatch,
    DateSpan,
    find_dates,
    find_relative,
    find_yearless,
    format_long,
    parse_iso,
    range_parts,
    resolve,
)
from filters.elements import held_blocks
from filters.entries import continues, read_date, with_actor
from filters.events import (
    ChronologyEvent,
    Mention,
    apply_corrections,
    group_events,
    read_corrections,
)
from filters.numbering import index_of, number_appendix, number_caption
from filters.sentences import OBJECT, sentence_bounds
from filters.timeline import timeline_svgs

# --- reading a paragraph ------------------------------------------------------

def is_event_span(element) -> bool:
    return isinstance(element, pf.Span) and EVENT_CLASS in element.classes


def plain(element: pf.Element, lang: str) -> str:
    """What an inline reads as, quotation marks as the edition prints them (pandoc's
    ``stringify`` writes straight ones):

    >>> plain(pf.Quoted(pf.Str("sel"), pf.Space(), pf.Emph(pf.Str("akını"))), "tr")
    '“sel akını”'
    >>> plain(pf.Math(r"U^{200} \\leq \\alpha"), "en")
    'U^(200) ≤ α'
    """
    if isinstance(element, pf.Quoted):
        opening, closing = term(lang, "quotes")[element.quote_type]
        return opening + "".join(plain(e, lang) for e in element.content) + closing
    if isinstance(element, pf.Math):  # as its alternative text reads ("U^(200)"), not its TeX ("U^{200}")
        return linear(element.text)
    if hasattr(element, "text"):  # Str, Code
        return element.text
    if isinstance(element, (pf.Space, pf.SoftBreak, pf.LineBreak)):
        return " "
    if isinstance(element, pf.Note):
        return ""
    return "".join(plain(e, lang) for e in getattr(element, "content", []))


def inline_text(inlines, lang: str) -> tuple[str, list[tuple[int, int]], list[str]]:
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
            shown = plain(element, lang)
            hidden = isinstance(element, pf.Note) or (  # a narrative citation is part of the sentence
                isinstance(element, pf.Span) and CITATION_CLASS in element.classes and shown[:1] in "([")
            objects.append("" if hidden else shown)
        bounds.append((start, len(text)))
    return text, bounds, objects


def readable(text: str, start: int, end: int, objects: list[str],
             points: list[int]) -> tuple[str, list[int]]:
    """``text[start:end]`` with each OBJECT replaced by what it reads as, and
    ``points`` (positions in ``text``) moved to match."""
    index = text.count(OBJECT, 0, start)
    pieces, moved, length = [], {}, 0
    for position in range(start, end + 1):
        moved[position] = length
        if position == end:
            break
        char = text[position]
        piece = objects[index] if char == OBJECT else char
        index += char == OBJECT
        pieces.append(piece)
        length += len(piece)
    return "".join(pieces), [moved[p] for p in points]


# --- marking the text -------------------------------------------------------

def split_at(inlines: list, bounds: list[tuple[int, int]], cuts: set[int]) -> tuple[list, list]:
    """Split Str elements at the character positions ``cuts``; new inlines and bounds."""
    new_inlines, new_bounds = [], []
    cuts = sorted(cuts)
    for element, (start, end) in zip(inlines, bounds):
        inner = cuts[bisect.bisect_right(cuts, start):bisect.bisect_left(cuts, end)]
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


# the relative dates counted from the date before (find_relative's kinds): "+0" of one is
# "the same day", "aynı yıl"
COUNTED = ("days", "months", "years")

@dataclass
class Found:
    """A date in a paragraph, before it is read: where, what, how it was dated."""
    start: int
    end: int
    span: DateSpan | None
    written: str
    suffix: str = ""
    inferred: str | None = None
    anchor: str | None = None   # an author's .event span keeps its own
    label: str | None = None
    again: bool = False         # dated "the same day/year" as the date before: another event on it


@dataclass
class Collector:
    """Mentions gathered while walking the document, in order of the text."""
    lang: str
    auto: bool
    infer: bool
    doc: pf.Doc
    mentions: list[Mention] = field(default_factory=list)
    count: int = 0
    notes: int = 0
    section: str = ""
    title: str = ""
    sections: int = 0      # level-1 numbered sections seen, as pandoc numbers them
    done: bool = False     # past the last section: the bibliography follows
    warned: dict = field(default_factory=dict)  # written text → places already warned about
    note: int | None = None  # the note being read, if any
    # the last date the text narrated (not a period's end, not a plan), carried from
    # paragraph to paragraph and section to section: "On 10 October" takes its year
    narrated: DateSpan | None = None
    # the time a section's title puts it at ("Fall of Communism in Eastern Europe, 1989"):
    # a day without a year after a look back ("… crushed in 1956 and in 1968. In October …")
    # is in it, not in the year looked back to
    section_time: DateSpan | None = None
    # the days the text told with their years, by (month, day): a day named without its
    # year as the name of what happened on it ("12 Mart Muhtırası") is the one told
    days_told: dict = field(default_factory=dict)
    recent: list = field(default_factory=list)  # the last sentences read, with their paragraphs
    topic: str | None = None   # the name the text's first sentence opens with: a biography's subject
    begun: bool = False

    def actor(self) -> str | None:
        """Who "He", "Its …" or a dropped subject refers back to: the name the sentence
        before opened with as its subject; further back only through sentences that leave
        their own subject to the ones before ("He …"): none when the sentence before has a
        subject that is no name ("A revised agreement was agreed. Its chapter …" names no
        one). A language that drops its subjects keeps its topic across sentences about
        other things: the name the text's first sentence opens with (a biography's subject),
        as the last sentence that named it wrote it ("Ahmet Cevdet Paşa"), or else the last
        name a sentence of the section opened with. Looked for only when an entry needs it
        (a clause with no subject of its own); each sentence read once."""
        dropping = term(self.lang, "pro_drop")
        topic = set(self.topic.split()) if dropping and self.topic else set()
        for told in reversed(self.recent):
            if len(told) == 2:
                told += [subject_of(told[0], told[1], self.lang), continues(told[0], self.lang)]
            if told[2] and (not topic or topic & set(told[2].split())):
                return told[2]
            if not told[3] and not dropping:
                return None
        return self.topic if dropping else None

    def read(self, sentence: str, paragraph: str) -> None:
        self.recent.append([sentence, paragraph])
        if not self.begun and self.note is None:  # the text's first sentence names its topic, if it opens with a name
            self.topic, self.begun = subject_of(sentence, paragraph, self.lang), True
        del self.recent[:-12]

    def anchor(self) -> str:
        self.count += 1
        return f"event-{self.count}"

    def locate_nth(self, pattern: str) -> tuple[str | None, int | None]:
        """The file and line of the next place (in reading order) that matches."""
        nth = self.warned.get(pattern, 0)
        self.warned[pattern] = nth + 1
        return locate(self.doc, pattern, nth)


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


YEAR_AFTER = r"(?![\s\d]*\d{4})"  # a place that writes no year after the day and month


def dates_of(text: str, inlines: list, bounds: list, collector: Collector,
             previous: DateSpan | None) -> list[Found]:
    """Every date of a paragraph, in order, each dated: written, marked by the author,
    or inferred from the one before it (``previous``: the date before the paragraph)."""
    lang = collector.lang
    found: list[Found] = []
    for index, element in enumerate(inlines):
        if is_event_span(element):
            span = explicit_span(element, collector)
            if span is not None:
                start, end = bounds[index]
                attached = re.match(term(collector.lang, "date_suffix"), text[end:])
                end += attached.end() if attached else 0  # "[27 Eylül]{.event …}’de"
                found.append(Found(start, end, span, pf.stringify(element),
                                   anchor=element.identifier or collector.anchor(),
                                   label=element.attributes.get("label")))
                element.identifier = found[-1].anchor
    if not collector.auto:
        return found

    def impossible(written, problem):
        path, line = locate(collector.doc, re.escape(written))
        warn(f"'{written}' is not a real date: {problem}", path, line,
             hint="correct the date, or mark it {.no-event}")

    sentences = sentence_bounds(text, lang)
    starts = [a for a, _ in sentences]

    def sentence_at(position: int) -> tuple[int, int]:
        index = bisect.bisect_right(starts, position) - 1
        return sentences[index] if index >= 0 and position < sentences[index][1] else (0, len(text))

    roles: dict[int, str] = {}

    def role_of(item: Found) -> str:
        """What a date is, read from the words around it in its sentence; once a date."""
        if item.start not in roles:
            start, end = sentence_at(item.start)
            last_word = text[item.start:item.end].split()[-1:] or [""]
            # the words date_role reads, no more: a sentence of 40,000 dates copied whole for each
            roles[item.start] = date_role(text[max(start, item.start - ROLE_WINDOW):item.start],
                                          last_word[0] + text[item.end:min(max(end, item.end), item.end + ROLE_WINDOW)],
                                          lang)
        return roles[item.start]

    def timeless(item: Found) -> bool:
        """A date that ends a period or states a plan, read from the words around it."""
        return role_of(item) in ("period", "state")

    def named_thing(item: Found) -> bool:
        """A date that names a thing ("surpassing the May 2007 high"), or a timeless one."""
        return role_of(item) != "event"

    def phrase_of(position: int) -> str:
        """The words between the punctuation marks around ``position`` in its sentence, within
        ``ROLE_WINDOW`` of it (one sentence of "the next day" 40,000 times, read whole for
        each, took six minutes)."""
        start, end = sentence_at(position)
        start, end = max(start, position - ROLE_WINDOW), min(end, position + ROLE_WINDOW)
        left = max(text.rfind(mark, start, position) for mark in ",;:")
        rights = [i for i in (text.find(mark, position, end) for mark in ",;:") if i >= 0]
        return text[max(left + 1, start):min(rights, default=end)]

    backward: dict[int, bool] = {}

    def looks_back(position: int) -> bool:
        """Whether the phrase at ``position`` looks back (a pluperfect); read once a place."""
        if position not in backward:
            backward[position] = bool(re.search(term(lang, "pluperfect"), phrase_of(position)))
        return backward[position]

    written: list[DateMatch] = find_dates(text, lang, on_error=impossible)
    found += [Found(m.start, m.end, m.span, m.text, m.suffix, m.inferred) for m in written]
    for m in written:
        if m.span.start.day is not None and m.span.end is None:
            collector.days_told[(m.span.start.month, m.span.start.day)] = m.span
    relative = find_relative(text, lang, written) if collector.infer else []
    found.sort(key=lambda f: f.start)
    dated_sentences = {sentence_at(date.start) for date in written}
    plans = [f for f in found if f.span and timeless(f)]
    # The dates the text narrates before each relative one, kept as the relative ones are
    # read in order (each looked at once: a paragraph of thousands of "the same day"s is
    # read in time linear in them, not in their square): a date joins when the text has
    # passed its end; not the end of a period, a deadline ("granted one, to 31 January
    # 2020, on 28 October"), nor one a pluperfect looks back to ("had settled in November")
    serial = itertools.count()
    pending = {next(serial): f for f in found if f.span}
    waiting = [(f.end, f.start, key) for key, f in pending.items()]
    heapq.heapify(waiting)
    narrated: list[Found] = []
    for match in relative:
        while waiting and waiting[0][0] <= match.start:
            item = pending.pop(heapq.heappop(waiting)[2])
            if not timeless(item) and not looks_back(item.start):
                bisect.insort(narrated, item, key=lambda f: f.start)
        following_at = bisect.bisect_left(found, match.end, key=lambda f: f.start)
        following = found[following_at] if following_at < len(found) else None
        if following and re.fullmatch(r"\s*,?\s*(?:yani|that is|i\.e\.)?\s*,?\s*",
                                      text[match.end:following.start]):
            continue  # "bir gün sonra yani 28 Eylül": the written date says it
        if match.relative == "season" and sentence_at(match.start) in dated_sentences:
            continue  # "O kış … Aralık 1920’de ayaklandı": the sentence's own date says when
        if match.relative == "year" and match.value[1] is not None and \
                re.match(term(lang, "named_day"), match.text.split()[-1] + text[match.end:]):
            # a day without its year that names what happened on it ("12 Mart Muhtırası
            # sonrası", "27 Mayıs darbesinden sonra"): the day the text told, or none — its
            # year is no nearby one (12 March 1973, 27 May 1971 before)
            told = collector.days_told.get(match.value[:2])
            if told is not None:
                item = Found(match.start, match.end, told, match.text, match.suffix, match.text)
                bisect.insort(found, item, key=lambda f: f.start)
            continue
        before = bool(narrated)
        last = narrated[-1].span if narrated else previous
        section = collector.section_time
        if match.relative == "year" and section and last and last.last.year < section.start.year:
            last = section  # the text looked back before its section's time: the day is in that time
        # a year: from the nearest date before in the paragraph, else from the date the
        # text told before it; but when that puts the day after a full date later in the
        # paragraph, from that date, if the day then comes before it ("The extension of
        # 10 April … 23 May 2019"; "On 10 October … 17 October 2020"; but not "20 Ekim …
        # 1953 yılının Mart ayında"); and always when that date closes the day's own sentence:
        # a list of days whose year is written once, at its end, is that year ("Ağdam 20
        # Kasım’da, Kelbecer 25 Kasım’da, Laçin ise 1 Aralık 2020’de …"), whatever the text
        # told before the paragraph
        closing = None if before or match.relative != "year" else next(
            (f for f in found[following_at:] if f.span and not named_thing(f)), None)
        later = closing.span if closing else None
        own_sentence = bool(closing) and sentence_at(closing.start) == sentence_at(match.start)
        looking_back = looks_back(match.start)
        span = resolve(match, last, last.start if last else None, looking_back)
        if later and (span is None or own_sentence or span.start.sort_key() > later.start.sort_key()):
            by_later = resolve(match, later, later.start, looking_back)
            span = by_later if by_later and by_later.start.sort_key() <= later.start.sort_key() else span
        plan = min(plans, key=lambda f: abs(f.start - match.start),
                   default=None) if match.relative == "year" and (span is None or not before) else None
        if plan and span is not None and sentence_at(plan.start) != sentence_at(match.start):
            plan = None  # an earlier paragraph's year, unless the plan is in the day's own sentence
        if plan:
            # No date the paragraph narrates gives the year: a plan's or a deadline's in it does
            # (before an earlier paragraph's), the day falling before it ("the launch set for
            # March 3, 1975 never took place: on February 2 a fire …" is 2 February 1975, even
            # after a paragraph of 1922; "to 31 January 2020, on 28 October", 2019).
            span = resolve(match, plan.span, plan.span.start, looking_back=True) or span
        if span is None and (match.relative == "year" and match.value[1] is None or match.relative == "season"):
            continue  # a month or season alone, with no year to read: often no date at all ("every March")
        if span is None:
            bare = re.sub(rf"(?:{term(lang, 'date_suffix')})$", "", match.text)
            path, line = collector.locate_nth(re.escape(match.text) + YEAR_AFTER)
            what = "no year" if match.relative == "year" else "no day before it to count from"
            warn(f"'{match.text}' has {what} in its paragraph, so it is not in the chronology",
                 path, line, hint=f'mark it: [{bare}]{{.event date="YYYY-MM-DD"}}, or [{bare}]{{.no-event}}')
            continue
        # "Yine aynı yıl, …" tells another event; "in 1910 — the same year Korea was annexed —"
        # is a clause of the sentence that told that date (read with it, as before)
        told = Found(match.start, match.end, span, match.text, match.suffix, match.text,
                     again=match.relative in COUNTED and match.value == (0,) and not (
                         narrated and sentence_at(narrated[-1].start) == sentence_at(match.start)))
        bisect.insort(found, told, key=lambda f: f.start)
        key = next(serial)
        pending[key] = told
        heapq.heappush(waiting, (told.end, told.start, key))
    if not collector.infer:
        for match in find_yearless(text, lang, written):
            bare = re.sub(rf"(?:{term(lang, 'date_suffix')})$", "", match.group(0))
            path, line = collector.locate_nth(re.escape(match.group(0)) + YEAR_AFTER)
            warn(f"'{match.group(0)}' has no year, so it is not in the chronology", path, line,
                 hint=f'mark it: [{bare}]{{.event date="YYYY-MM-DD"}}, or [{bare}]{{.no-event}}')
    return found


def mark_paragraph(inlines: list, collector: Collector, previous: DateSpan | None = None) -> list:
    """Find the events of one paragraph (and of its notes), anchor each place,
    record them. ``previous``: the date before it, for a note's relative dates
    (by default the last date the text narrated before the paragraph)."""
    text, bounds, objects = inline_text(inlines, collector.lang)
    found = dates_of(text, inlines, bounds, collector, previous or collector.narrated)
    return record(found, text, inlines, bounds, objects, collector, previous)


def ahead_or_before(sentence: str, paragraph: str, collector: Collector):
    """Who a pronoun of an entry refers to: in a phrase that opens its sentence, the name
    the sentence goes on with ("After his inauguration in January 1989, George H.W. Bush
    met …": his is Bush's); else the name a sentence before opened with
    (``Collector.actor``). Looked for only when asked."""
    def actor() -> str | None:
        ahead = subject_of(sentence, paragraph, collector.lang)
        table = grammar_table(collector.lang)
        pronouns = {*table["subject_pronouns"], *table["possessive_pronouns"]}
        at = sentence.find(ahead) if ahead else -1
        opening = sentence[:at] if at > 0 else ""
        if "," in opening and any(word.strip(",").capitalize() in pronouns for word in opening.split()):
            return ahead
        return collector.actor()
    return actor


# More dates than a sentence of prose lists (the WikiWars and Turkish texts' most: 9).
MAX_DATES_IN_SENTENCE = 40


def record(found: list[Found], text: str, inlines: list, bounds: list, objects: list[str],
           collector: Collector, previous: DateSpan | None) -> list:
    """Read each date ``found`` in a paragraph by its sentence, record its mention, and
    anchor its place: the paragraph's inlines, each place wrapped in an anchored Span."""
    lang = collector.lang
    ranges = []
    note_number = {}
    for index, element in enumerate(inlines):
        if isinstance(element, pf.Note):
            collector.notes += 1
            note_number[index] = collector.notes
    starts = [f.start for f in found]  # found is in order: each sentence's dates by bisection
    for start, end in sentence_bounds(text, lang):
        here = found[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        if not here:
            collector.read(text[start:end], text)
            continue
        if len(here) > MAX_DATES_IN_SENTENCE and not any(f.anchor for f in here):
            # a table's worth of dates in one sentence tells no event of each; reading each against
            # all the others takes time in the cube of their number (1,000 took 98 s)
            warn(f"a sentence of {len(here)} dates is left out of the chronology: it lists them, and tells "
                 "no event of each", *locate(collector.doc, re.escape(text[here[0].start:here[0].end])),
                 hint="mark the dates that are events: [date]{.event}")
            collector.read(text[start:end], text)
            continue
        sentence, points = readable(text, start, end, objects,
                                    [p for f in here for p in (f.start, min(f.end, end))])
        dates = [(points[2 * i], points[2 * i + 1], f.suffix) for i, f in enumerate(here)]
        for index, item in enumerate(here):
            reading = read_date(sentence, dates, index, lang)
            if reading.role == "period" and item.label is None:
                continue  # a state or a plan stays: a place of the event of its day, if any
            anchor = item.anchor or collector.anchor()
            if item.anchor is None:
                ranges.append((item.start, item.end, anchor))
            entry = reading.text if reading.subject else with_actor(
                reading.text, ahead_or_before(sentence, text, collector), sentence, lang)
            collector.mentions.append(Mention(
                item.span, anchor, entry, lang, reading.role, reading.weak, item.inferred,
                collector.section, collector.title, collector.note, sentence, item.label, reading.words,
                position=len(collector.mentions), marked=item.anchor is not None, subject=reading.subject or entry != reading.text,
                again=item.again))
            if reading.role == "event" and collector.note is None:
                collector.narrated = item.span
        collector.read(sentence, text)
    for index, number in note_number.items():
        before = [f.span for f in found if f.start < bounds[index][0] and f.span]
        outer, collector.note = collector.note, number
        told = list(collector.recent)  # a note's sentences are no antecedents of the text's
        mark_blocks(inlines[index].content, collector, before[-1] if before else previous)
        collector.note, collector.recent = outer, told
    return wrap(inlines, bounds, ranges) if ranges else inlines


# --- the appendix -----------------------------------------------------------

def date_inlines(span: DateSpan, lang: str) -> list[pf.Inline]:
    """The long date, each end a Span with its ISO value (``datetime``), which every
    edition renders its way (HTML: ``<time>``; JATS: ``named-content``)."""
    inlines: list[pf.Inline] = []
    for text, iso in range_parts(span, lang):
        words = [pf.Str(text)] if text.strip() == text else [pf.Str(text.strip())]
        if iso:
            inlines.append(pf.Span(*words, classes=[DATE_CLASS], attributes={DATETIME_ATTRIBUTE: iso}))
        else:
            inlines += ([pf.Space()] if text.startswith(" ") else []) + words + (
                [pf.Space()] if text.endswith(" ") else [])
    return inlines


def place_links(event: ChronologyEvent, lang: str) -> list[pf.Inline]:
    """One link per place: "2", "4 (2)", "6, dn. 3" (the section's title on hover); a
    place before any heading is the language's "text" (a link says where it goes); the
    PDF shows page numbers instead (``press.pdf``)."""
    inlines: list[pf.Inline] = []
    seen: dict[str, int] = {}
    for place in event.places:
        section = place.section or term(lang, "text")
        seen[section] = seen.get(section, 0) + 1
        shown = section + (f" ({seen[section]})" if seen[section] > 1 else "")
        if place.note:
            shown += f", {term(lang, 'note')}\u00a0{place.note}"
        if inlines:
            inlines += [pf.Str(";"), pf.Space()]
        inlines.append(pf.Link(pf.Str(shown.replace(" ", "\u00a0")), url=f"#{place.anchor}",
                               title=place.title, classes=[EVENT_PLACE_CLASS]))
    return inlines


def appendix_title(doc: pf.Doc, lang: str) -> str:
    """The title after the appendix's label: "Ek A: Kronoloji"."""
    return options(doc)["chronology"]["title"] or term(lang, "chronology")


def short_text(event: ChronologyEvent, limit: int = 64) -> str:
    """The entry's first words, for the timeline: "İkinci Karabağ Savaşı başlamıştır"."""
    text = (event.short or event.text).rstrip(".")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def figure_blocks(events: list[ChronologyEvent], lang: str, caption: str,
                  number: str, templates: TemplatePath) -> list[pf.Block]:
    """The timeline: a numbered figure whose images are the SVG itself (``data:``
    URIs), so that every edition shows the same picture as it shows any figure; a
    long chronology is drawn in panels, one image each, that a page holds."""
    marks = [(e.span, format_long(e.span, lang), short_text(e)) for e in events]
    images = []
    for svg, shown in timeline_svgs(marks, lang, templates):
        url = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
        # An image, not inline SVG (no markup of the picture's own reaches the page): its
        # alt text says what the picture shows, event by event.
        alt = f"{caption}: " + "; ".join(f"{m.date}: {m.words}" if m.show_date else m.words for m in shown)
        images.append(pf.Image(*text_to_inlines(caption), url=url, attributes={"width": "100%", "alt": alt}))
    # one block per panel: pandoc writes a block with one image as a JATS <graphic>; several
    # images in one block went into a <p> inside a <p>, which the JATS DTD refuses
    figure = pf.Figure(*(pf.Plain(image) for image in images),
                       caption=pf.Caption(pf.Plain(*text_to_inlines(caption))),
                       identifier=TIMELINE_ID, classes=[TIMELINE_CLASS])
    number_caption(figure, "figure", number, lang)
    return [figure]


def appendix(events: list[ChronologyEvent], doc: pf.Doc, lang: str) -> list[pf.Block]:
    """The appendix, numbered in the document's index after the author's appendices:
    "Ek A: Kronoloji", its timeline "Şekil A1" (``@fig:timeline`` refers to it)."""
    header = pf.Header(*text_to_inlines(appendix_title(doc, lang)), level=1, identifier=CHRONOLOGY_ID,
                       classes=[CHRONOLOGY_ID], attributes={"role": "doc-appendix"})
    index = index_of(doc)
    letter = index.start_appendix()
    index.add(CHRONOLOGY_ID, "appendix", letter)
    number_appendix(header, letter, lang)
    blocks: list[pf.Block] = [header]
    if options(doc)["chronology"]["figure"]:
        number = index.next_number("figure")
        index.add(TIMELINE_ID, "figure", number)
        blocks += figure_blocks(events, lang, term(lang, "timeline"), number, templates_of(doc))
    items = []
    for event in events:
        inferred = {"inferred": event.inferred} if event.inferred else {}
        items.append(pf.ListItem(pf.Plain(
            pf.Span(pf.Strong(*date_inlines(event.span, lang)), classes=[EVENT_DATE_CLASS],
                    attributes=inferred),
            pf.Space(),
            pf.Span(pf.Span(*text_to_inlines(" ".join(event.text.split())), classes=[EVENT_TEXT_CLASS]),
                    pf.LineBreak(),
                    pf.Span(*place_links(event, lang), classes=[EVENT_SOURCE_CLASS]), classes=[EVENT_BODY_CLASS]))))
    blocks.append(pf.Div(pf.BulletList(*items), classes=[EVENTS_CLASS]))
    return blocks


# --- the filter ---------------------------------------------------------------

def section_label(header: pf.Header, number: int | None) -> tuple[str, str]:
    """(what a back-link shows, the section's title): ("2", "Azerbaycan-Kazakistan …").
    A number the numbering stage gave the header wins over the one counted here."""
    title = pf.stringify(pf.Plain(*(e for e in header.content if not (
        isinstance(e, pf.Span) and SECTION_NUMBER_CLASS in e.classes)))).strip()
    given = header.attributes.get(NUMBER_ATTRIBUTE)
    return (given or (str(number) if number else title)), title


def heading_times(title: str, lang: str) -> tuple[DateSpan | None, DateSpan | None]:
    """What a section's title dates, its dates read once: the date it gives its text ("The war
    of 21 – 29 August 1965", "1919 Eylül’ü": its first day, from which the section's days
    without a year count; a title names a time, it tells no event of its own), and the time
    it puts the section at — a date that ends the title ("Fall of Communism in Eastern Europe,
    1989", "Campaign of 1905"), not one that names a thing in it ("The 1956 revolution").

    >>> [span and span.iso for span in heading_times("Savaş: 21 – 29 Ağustos 1965", "tr")], heading_times("Sonuç", "tr")
    (['1965-08-21', '1965-08-21'], (None, None))
    >>> [span and span.iso for span in heading_times("The 1956 revolution and after", "en")]
    ['1956', None]
    """
    dates = find_dates(title, lang)
    if not dates:
        return None, None
    first = DateSpan(dates[0].span.start)
    return first, None if re.search(r"\w", title[dates[-1].end:]) else first


def mark_blocks(blocks, collector: Collector, previous: DateSpan | None = None) -> None:
    """Visit the body's paragraphs in reading order, section by section, and the
    notes of each paragraph after it. Only blocks are walked (not every inline, as
    a panflute action would), and the metadata is never visited: an abstract's
    dates are not the text's events."""
    for block in blocks:
        if collector.done:
            return
        if isinstance(block, pf.Header) and collector.note is None and (
                block.level == 1 or NUMBER_ATTRIBUTE in block.attributes):
            if block.identifier == BIBLIOGRAPHY_ID:  # the reference list has no events
                collector.done = True
                return
            numbered = UNNUMBERED_CLASS not in block.classes
            collector.sections += numbered and block.level == 1
            collector.section, collector.title = section_label(
                block, collector.sections if numbered else None)
            collector.recent = []  # a section's actors are its own
            dated, collector.section_time = heading_times(collector.title, collector.lang)
            collector.narrated = dated or collector.narrated
        elif isinstance(block, (pf.Para, pf.Plain)):
            inlines = list(block.content.list)  # the list itself: item access costs
            marked = mark_paragraph(inlines, collector, previous)
            if marked is not inlines:  # rebuilding a paragraph costs: only when it has dates
                block.content = marked
        elif isinstance(block, pf.Div) and BACK_MATTER_CLASS in block.classes:
            continue  # an ethics approval's date is not an event of the article
        elif not isinstance(block, pf.Table):  # a table's cells are data, not a narrative's sentences
            for held in held_blocks(block):  # a quotation, a list, a definition, a div
                mark_blocks(held, collector, previous)


def corrections_file(doc: pf.Doc) -> Path | None:
    """``manuscript/chronology.yaml`` beside the manuscript's sources, if there is one."""
    files = source_files(doc)
    path = Path(files[0]).parent / CHRONOLOGY_FILE if files else None
    return path if path and path.is_file() else None


def events_of(collector: Collector, doc: pf.Doc) -> list[ChronologyEvent]:
    events = group_events(collector.mentions)
    path = corrections_file(doc)
    if path:
        shown = display_path(path)
        events = apply_corrections(events, read_corrections(path.read_text(encoding="utf-8"), shown),
                                   shown)
    return events


def prepare(doc: pf.Doc) -> None:
    settings = options(doc)["chronology"]
    doc.chronology = None
    if settings["enabled"]:
        lang = base_language(doc.get_metadata("lang", default=None))
        doc.chronology = Collector(lang, bool(settings["auto"]), bool(settings["infer"]), doc)
        mark_blocks(doc.content, doc.chronology)


def finalize(doc: pf.Doc) -> None:
    collector = doc.chronology
    doc.chronology_events = []
    if collector:
        events = events_of(collector, doc)
        doc.chronology_events = events
        weak = sum(1 for e in events if e.weak)
        if weak:
            warn(f"{weak} chronology entries may need an editor's eye "
                 "(python build.py chronology lists them)")
        printed = [e for e in events if e.printed]
        if printed:
            doc.content.extend(appendix(printed, doc, collector.lang))
    del doc.chronology


def warm_up(doc: pf.Doc) -> None:
    """Compile the document's language's date and clause grammars, as the first
    paragraph would (see ``core.idle``: while citeproc formats the citations)."""
    lang = base_language(doc.get_metadata("lang", default=None))
    sample = f"{term(lang, 'months')[0]} 2000"
    find_relative(sample, lang, find_dates(sample, lang))
    read_date(sample, [(0, len(sample), "")], 0, lang)


def main(doc=None):
    # no per-element action: prepare walks the blocks itself
    return pf.run_filters([], prepare=prepare, finalize=finalize, doc=doc)

