"""Events, not dates: the mentions of dates the chronology found, grouped into the
entries of the appendix, and the author's corrections from ``manuscript/chronology.yaml``.

Mentions of one date that speak of the same thing (their words overlap) are one
event; different events on one day stay apart. A date that names a thing
("the May 1994 ceasefire", "12 Kasım 2021 tarihli bildiri") is a back-reference:
a place of the event it names, when the text dates that event elsewhere.

>>> from filters.dates import parse_iso
>>> a = Mention(parse_iso("2020-11-10"), "event-1", "The statement entered into force.", "en")
>>> b = Mention(parse_iso("2020-11-10"), "event-2", "Protesters stormed the parliament.", "en")
>>> [e.text for e in group_events([a, b])]
['The statement entered into force.', 'Protesters stormed the parliament.']
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from core.diagnostics import error, suggestion, warn
from core.language import lower
from filters.clauses import content_words, names_no_event, tells_nothing
from filters.dates import DateError, DateSpan, parse_iso
from filters.entries import standalone

COMPARED = 50         # the events of a date a mention is compared with: its last ones
SAME_EVENT = 2        # shared word stems (a name counts twice) that make two mentions one event;
                      # within a year, two stems at least: one name alone ("Atatürk") is not one
                      # event of a year


@dataclass
class Mention:
    """One place in the text that dates something."""
    span: DateSpan
    anchor: str
    text: str                   # the entry text read at this place
    lang: str
    role: str = "event"         # "event", "attributive" (a back-reference, if the event is dated),
                                # or "state" (a state or a plan: a place of the event of its day)
    weak: list[str] = field(default_factory=list)
    inferred: str | None = None  # the words the date was inferred from
    section: str = ""           # the section's number, or its title when unnumbered
    title: str = ""             # the section's title
    note: int | None = None     # the footnote's number, when the place is in a note
    sentence: str = ""          # what the author wrote, for chronology.yaml and the review
    label: str | None = None    # the author's own text ([…]{.event label="…"})
    words: Counter = field(default_factory=Counter)
    position: int = 0           # its place in reading order (an author's anchor has no number)
    subject: bool = False       # the reader found its subject, or named the actor the clause left out
    marked: bool = False        # the author marked it ([…]{.event date=…}): printed whatever its text
    again: bool = False         # dated "the same day/year" as the date before: the text tells another
                                # event on that date ("Yine aynı yıl, … kuruldu"), never the one before

    def __post_init__(self):
        if not self.words:
            self.words = content_words(self.text, self.lang)


@dataclass
class ChronologyEvent:
    span: DateSpan
    places: list[Mention] = field(default_factory=list)
    label: str | None = None    # the author's text, from a .event span or chronology.yaml
    short: str | None = None    # the author's words for the timeline

    @property
    def chosen(self) -> Mention:
        """The place whose automatic text reads best: one that writes the event's own date
        (not a wider one that joined it: "1999 yılında art arda yaşanan iki büyük deprem"
        is no text of 12 November 1999), no weakness, a sentence's length."""
        def score(mention: Mention):
            words = len(mention.text.split())
            return (mention.role == "event", mention.span == self.span, -len(mention.weak),
                    -3 * max(0, 5 - words) - max(0, words - 20))
        return max(self.places, key=score)

    @property
    def text(self) -> str:
        return self.label or next((p.label for p in self.places if p.label), None) or self.chosen.text

    @property
    def weak(self) -> list[str]:
        if self.label or any(p.label for p in self.places):
            return []
        if self.printed:
            return self.chosen.weak
        return self.chosen.weak + ["not printed: " + ("a year's entry must tell its event on its own"
                                                      if self.span.start.month is None else "its text tells of no event")]

    @property
    def printed(self) -> bool:
        """Whether the appendix prints it: an author's text, the name of an event ("27 Mayıs
        1960 darbesi" → "Darbe."), or an automatic text that tells of an event (one that
        does not, "It was.", goes to the review list only). A date as wide as a year (or
        years) enters only with a text that states its event on its own (``standalone``:
        "Türkmenistan Bakü’deki büyükelçiliğini kapatmıştır.", not "İlhak edilmiştir.")."""
        if self.label or any(p.label or p.marked for p in self.places):
            return True
        if self.span.start.month is None:  # a year: only an event the entry tells on its own
            chosen = self.chosen
            return chosen.role == "event" and not set(chosen.weak) - {"short"} and \
                standalone(chosen.text, chosen.lang, chosen.sentence, chosen.subject)
        if self.chosen.role == "attributive":  # the event's name, unless it names a stretch of time
            return any(c.isalpha() for c in self.text) and not names_no_event(self.text, self.places[0].lang)
        return not tells_nothing(self.text, self.places[0].lang)

    @property
    def inferred(self) -> str | None:
        """How the date was inferred, when no place writes it out."""
        return None if any(p.inferred is None for p in self.places) else self.places[0].inferred


def order(mention: Mention) -> int:
    """Where a place stands in the text."""
    return mention.position


def overlap(a: Counter, b: Counter) -> int:
    return sum((a & b).values())


def group_events(mentions: list[Mention]) -> list[ChronologyEvent]:
    """The mentions as events, in date order (see the module's docstring)."""
    events: list[ChronologyEvent] = []
    words: dict[int, Counter] = {}  # each event's words, kept as places join it (not summed anew)
    # the events of each date, and of each year: a mention is compared with those only (a
    # paragraph of thousands of "the same day"s was compared with every event before it)
    on_date: dict[str, list[ChronologyEvent]] = defaultdict(list)
    in_year: dict[int, list[ChronologyEvent]] = defaultdict(list)

    def join(event: ChronologyEvent | None, mention: Mention) -> None:
        if event is None:
            event = ChronologyEvent(mention.span, [])
            events.append(event)
            on_date[mention.span.iso].append(event)
            for year in range(mention.span.start.year, mention.span.last.year + 1):
                in_year[year].append(event)
            words[id(event)] = Counter()
        event.places.append(mention)
        words[id(event)].update(mention.words)

    def within(span: DateSpan) -> list[ChronologyEvent]:
        """The events whose date lies within ``span`` (May 1994 holds 12 May 1994)."""
        return [e for e in in_year.get(span.start.year, []) if span.contains(e.span)] if span.end is None else []

    # the most precise mentions first: "Mart 2016’da açıklanan mutabakat" is the
    # agreement announced on 18 March 2016, if the text says so and their words agree
    # ("late August" is a time of its own, not any day of August); a date told again
    # ("Yine aynı yıl") is another event, and a date's last events are enough to compare
    for mention in sorted((m for m in mentions if m.role == "event"), key=lambda m: -len(m.span.iso)):
        if mention.again:
            join(None, mention)
            continue
        same_day = on_date.get(mention.span.iso, [])[-COMPARED:] or \
            (within(mention.span)[-COMPARED:] if mention.span.part is None else [])
        match = max(same_day, key=lambda e: overlap(words[id(e)], mention.words), default=None)
        if match and overlap(words[id(match)], mention.words) >= SAME_EVENT and (
                mention.span.start.month or len(words[id(match)] & mention.words) > 1):
            join(match, mention)
        else:
            join(None, mention)
    for mention in [m for m in mentions if m.role != "event"]:
        # a date that names a thing refers to the event of that day the text told of
        # before ("the deal of 25 November 2018", "17 Ağustos 1999 felaketi"), or to an
        # event of that day or within it that shares its words ("the May 1994 ceasefire");
        # else it names an event of its own ("In the plebiscite of 17 December, …"). A plan
        # or a state belongs to the event of its day, if any ("to be held on 5 July").
        same_day = [e for e in on_date.get(mention.span.iso, [])[-COMPARED:] if (
            mention.role == "state" or overlap(words[id(e)], mention.words) or order(e.places[0]) < order(mention))]
        # a season or a part of a year is a time of its own: "By the fall of 1918" holds no spring
        inside = [e for e in within(mention.span)[-COMPARED:] if e.span.iso != mention.span.iso] \
            if mention.span.part is None else []
        match = max(same_day, key=lambda e: overlap(words[id(e)], mention.words), default=None)
        if match is None and mention.role != "state":
            match = max(inside, key=lambda e: overlap(words[id(e)], mention.words), default=None)
            match = match if match and overlap(words[id(match)], mention.words) >= 1 else None
        if match or mention.role != "state":  # a state or a plan is no event of its own
            join(match, mention)
    for event in events:
        event.places.sort(key=order)
    return sorted(events, key=lambda e: (e.span.sort_key(), min(order(p) for p in e.places)))


# --- chronology.yaml -------------------------------------------------------------

KEYS = ("date", "place", "text", "short", "drop", "merge", "split", "new-date")


@dataclass
class Correction:
    line: int
    date: DateSpan
    place: str | None = None
    text: str | None = None
    short: str | None = None
    drop: bool = False
    merge: bool = False
    split: bool = False
    new_date: DateSpan | None = None   # the places' event is on this date instead


def read_corrections(source: str, path: str) -> list[Correction]:
    """The entries of a chronology.yaml; mistakes are errors that name the line."""
    import yaml

    from core.sourcetext import CONTROL

    try:
        root = yaml.compose(source)
    except yaml.MarkedYAMLError as failure:
        mark = failure.problem_mark
        error(f"YAML syntax error: {failure.problem}", path, mark.line + 1 if mark else None,
              hint="check the indentation and quoting of this line")
        return []
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        error("chronology.yaml must be a list of entries", path, root.start_mark.line + 1,
              hint="start each entry with '- date: YYYY-MM-DD'")
        return []
    corrections = []
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            error("an entry must be a mapping (date: …, text: …)", path, line)
            continue
        values = {}
        for key, value in node.value:
            if key.value not in KEYS:
                warn(f"unknown key '{key.value}' in chronology.yaml", path, key.start_mark.line + 1,
                     hint=suggestion(key.value, KEYS, f"known keys: {', '.join(KEYS)}"))
            elif not isinstance(value, yaml.ScalarNode):
                error(f"'{key.value}' must be a single value", path, key.start_mark.line + 1)
            elif CONTROL.search(value.value):  # written as a YAML escape ("\x00")
                error(f"'{key.value}' holds a control character", path, key.start_mark.line + 1,
                      hint="delete the escape: no edition can hold it")
            else:
                values[key.value] = value.value
        try:
            date = parse_iso(values.get("date", ""))
        except DateError as failure:
            error(f"entry without a valid date: {failure}", path, line,
                  hint="write date: YYYY-MM-DD, YYYY-MM, or a range YYYY-MM-DD/YYYY-MM-DD")
            continue
        flags = {name: values.get(name, "").lower() in ("true", "yes") for name in ("drop", "merge", "split")}
        new_date = None
        if values.get("new-date"):
            try:
                new_date = parse_iso(values["new-date"])
            except DateError as failure:
                error(f"new-date is not a date: {failure}", path, line,
                      hint="write new-date: YYYY-MM-DD, YYYY-MM, or a range YYYY-MM-DD/YYYY-MM-DD")
                continue
        corrections.append(Correction(line, date, values.get("place"), values.get("text"),
                                      values.get("short"), **flags, new_date=new_date))
    return corrections


def _reads(mention: Mention, words: str) -> bool:
    lang = mention.lang
    return " ".join(lower(words, lang).split()) in " ".join(lower(mention.sentence, lang).split())


def apply_corrections(events: list[ChronologyEvent], corrections: list[Correction],
                      path: str) -> list[ChronologyEvent]:
    """The author's corrections: each names its event by date (and a few words of a
    place's sentence); one that no longer matches the text is a warning."""
    for fix in corrections:
        dated = [e for e in events if e.span.iso == fix.date.iso]
        chosen = [(e, p) for e in dated for p in e.places if not fix.place or _reads(p, fix.place)]
        if not chosen:
            what = f" reads '{fix.place}'" if fix.place else ""
            warn(f"chronology.yaml: no event on {fix.date.iso}{what} in the text", path, fix.line,
                 hint="the text changed? correct or remove this entry")
            continue
        places = [p for _, p in chosen]
        if fix.drop or fix.split or fix.new_date:
            for event, place in chosen:
                event.places.remove(place)
            events = [e for e in events if e.places]
            if fix.split or fix.new_date:
                events.append(ChronologyEvent(fix.new_date or fix.date, places))
        if fix.merge:
            holders = [e for e in events if any(p in e.places for p in places)]
            everything = [p for e in holders for p in e.places]
            events = [e for e in events if e not in holders] + [ChronologyEvent(holders[0].span, everything)]
        if fix.text or fix.short:
            holder = next(e for e in events if any(p in e.places for p in places)) if not fix.drop else None
            if holder:
                holder.label = fix.text or holder.label
                holder.short = fix.short or holder.short
    return sorted(events, key=lambda e: e.span.sort_key())


def review_lines(events: list[ChronologyEvent], format_date, lang: str) -> list[str]:
    """The review list: each event, its text, its places, and what looks weak."""
    lines = []
    for event in events:
        source = "author" if event.text != event.chosen.text else "automatic"
        lines.append(f"{event.span.iso:<24} {format_date(event.span)}"
                     + (f"  (inferred from '{event.inferred}')" if event.inferred else ""))
        lines.append(f"    text ({source}): {event.text}")
        if source == "author":
            lines.append(f"    automatic text: {event.chosen.text}")
        for place in event.places:
            where = place.title + (f", note {place.note}" if place.note else "")
            kind = "" if place.role == "event" else " [back-reference]"
            lines.append(f"    place: {where}{kind}: {' '.join(place.sentence.split())[:110]}")
        for problem in event.weak:
            lines.append(f"    weak: {problem}")
    return lines

