"""Reading the bibliography: BibTeX, BibLaTeX (``.bib``) and CSL-JSON (``.json``).

Every format becomes pybtex entries under BibTeX's field names, the house style's
input; ``filters.cslitems`` turns an entry into a CSL-JSON item for the CSL engine
and for JATS. BibLaTeX's names are read as their BibTeX counterparts
(``journaltitle`` → ``journal``, ``location`` → ``address``, ``date`` → ``year``,
``month``, ``day``), and an entry inherits the fields of its ``crossref`` parent.
Mistakes name the file and the line; the build goes on with what could be read.

>>> entry = normalized(Entry("online", {"date": "2020-10-01", "journaltitle": "Avrasya"}))
>>> entry.type, entry.fields["year"], entry.fields["month"], entry.fields["journal"]
('online', '2020', '10', 'Avrasya')
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pybtex.errors
from pybtex.bibtex.utils import split_name_list
from pybtex.database import Entry
from pybtex.database.input.bibtex import LowLevelParser
from pybtex.database.input.bibtex import Parser as BibTeXParser
from pybtex.scanner import PybtexSyntaxError
from pybtex.textutils import normalize_whitespace

from core.diagnostics import BuildError, display_path, error, record, suggestion, warn
from core.inputs import limit, read_input, shown_size
from core.sourcetext import CONTROL, lines_at

# [ \t]*, not \s*: at each of a run of blank lines \s* would scan the whole run.
ENTRY_START = re.compile(r"^[ \t]*@(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.M)
# Where BibTeX sees an entry: ``@`` and a type, then its brace or parenthesis.
COMMAND = re.compile(r"@\s*([A-Za-z][\w-]*)\s*([{(])")
CSL_ID = re.compile(r'"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)')
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")

# BibLaTeX's names for BibTeX's fields and types.
FIELD_ALIASES = {"journaltitle": "journal", "location": "address", "annotation": "annote"}
TYPE_ALIASES = {"conference": "inproceedings", "electronic": "online", "www": "online",
                "techreport": "report", "phdthesis": "thesis", "mastersthesis": "thesis"}
# The BibLaTeX `type` a BibTeX type implies (a key of the language's "bibstrings").
IMPLIED_TYPE = {"phdthesis": "phdthesis", "mastersthesis": "mathesis", "techreport": "techreport"}
# A subtitle joins its title: "Title: Subtitle".
SUBTITLES = {"subtitle": "title", "booksubtitle": "booktitle", "journalsubtitle": "journal"}
# A crossref parent that is a whole book lends its title to a part as `booktitle`.
WHOLES = {"book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings",
          "reference", "mvreference"}
PARTS = {"inbook", "incollection", "inproceedings", "inreference", "bookinbook", "suppbook",
         "suppcollection"}
# A DOI as the DOI Handbook defines it, and what people write before one.
DOI = re.compile(r"^10\.\d{4,9}/\S+$|^10/[A-Za-z0-9]{3,12}$")  # the second: a shortDOI (shortdoi.org), 10/gkzc7v
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
# Characters a URI cannot hold (RFC 3986): a DOI holding one is written percent-encoded.
NOT_IN_URI = re.compile(r'[<>"{}|\\^`\[\]%]')
NOT_INHERITED = {"crossref", "xref", "ids", "entryset", "label", "sortkey", "shorthand",
                 "xdata", "options"}


@dataclass
class Bibliography:
    """The entries by key (keys as written), and where each one starts (for messages)."""
    entries: dict[str, Entry] = field(default_factory=dict)
    lines: dict[str, tuple[str, int]] = field(default_factory=dict)
    # Keys of files that could not be read: already reported, not "unknown" again.
    unreadable: set[str] = field(default_factory=set)
    folded: dict[str, str] = field(default_factory=dict, repr=False)  # casefolded key → key

    @property
    def keys(self) -> list[str]:
        return list(self.entries)

    def add(self, key: str, entry: Entry | None, path: str, line: int | None) -> None:
        """Add an entry; a key that differs from a known one only in case is a duplicate
        (BibTeX ignores case in keys), and both places are named."""
        first = self.folded.get(key.casefold())
        if first is not None:
            first_path, first_line = self.lines[first]
            also = f" as '{first}'" if first != key else ""
            error(f"duplicate citation key '{key}' (first defined at {first_path}:{first_line}{also})",
                  path, line, hint="give one of the entries another key")
            return
        if entry is None:
            return
        checked_doi(entry, key, path, line)
        entry.key = key
        self.entries[key] = entry
        self.lines[key] = (path, line)
        self.folded[key.casefold()] = key


def cleaned_doi(value: str) -> str | None:
    """The DOI in a ``doi`` field as the bare DOI, its URI characters percent-encoded
    (``https://doi.org/``, ``doi:``, TeX's escapes and braces, a trailing full stop
    left out); None when what is written is no DOI.

    >>> cleaned_doi(r" https://doi.org/10.1002/(SICI)1097\\_x<1>{}. ")
    '10.1002/(SICI)1097_x%3C1%3E'
    >>> cleaned_doi("doi: 10.5281/zenodo.1"), cleaned_doi("10.5281 zenodo"), cleaned_doi("n/a"), cleaned_doi("10/gkzc7v")
    ('10.5281/zenodo.1', None, None, '10/gkzc7v')
    """
    from urllib.parse import unquote

    doi = re.sub(r"\\([_%&#$])", r"\1", value.strip()).replace("{", "").replace("}", "")
    doi = unquote(DOI_PREFIX.sub("", doi.strip())).rstrip(".,;")
    if not DOI.match(doi):
        return None
    return NOT_IN_URI.sub(lambda match: "%{:02X}".format(ord(match.group())), doi)


def checked_doi(entry: Entry, key: str, path: str, line: int | None) -> None:
    """An entry's DOI cleaned; one that is no DOI left out with a warning, never made an
    invalid link (the EPUB's checker rejects one, a reader's click goes nowhere). A
    ``url`` that is the DOI's own address goes: the reference printed it twice.

    >>> entry = Entry("article", fields={"doi": "10.21105/joss.01370", "url": "http://dx.doi.org/10.21105/joss.01370"})
    >>> checked_doi(entry, "a", "x.bib", 1); dict(entry.fields)
    {'doi': '10.21105/joss.01370'}
    >>> entry = Entry("article", fields={"doi": "10/gkzc7v", "url": "10/gkzc7v"})  # a shortDOI, as its url too
    >>> checked_doi(entry, "a", "x.bib", 1); dict(entry.fields)
    {'doi': '10/gkzc7v'}
    """
    written = entry.fields.get("doi")
    if written is None:
        return
    doi = cleaned_doi(written)
    if doi is None:
        del entry.fields["doi"]
        warn(f"entry '{key}': the doi '{written.strip()}' is no DOI and is left out", path, line,
             hint="a DOI starts with 10. and a registrant code: 10.1234/abc")
    else:
        entry.fields["doi"] = doi
        url = entry.fields.get("url", "")
        if url and cleaned_doi(url) == doi:
            del entry.fields["url"]  # the DOI's own address, or the DOI itself: printed once, as the DOI


def blanked(text: str) -> str:
    """Spaces for the characters of ``text`` (its line breaks kept: lines still count)."""
    return re.sub(r"[^\n]", " ", text)


def bibtex_source(text: str) -> str:
    """The text of a .bib file as BibTeX reads it: what lies outside the entries is a
    comment (a ``%`` line holding an e-mail address, prose between entries), and so is
    an ``@comment{…}`` block (biber's and pandoc's reading); entries, ``@string`` and
    ``@preamble`` are kept where they are. An entry whose braces never close is kept
    to its end, for the parser to report.

    >>> bibtex_source("% me@example.com\\n@comment{x @y}@misc{a, note={b@c}}").split("\\n")[1].strip()
    '@misc{a, note={b@c}}'
    """
    kept: list[str] = []
    position = 0
    while True:
        match = COMMAND.search(text, position)
        if match is None:
            kept.append(blanked(text[position:]))
            return "".join(kept)
        end = entry_end(text, match.end(), match.group(2))
        kept.append(blanked(text[position:match.start()]))
        block = text[match.start():end]
        kept.append(blanked(block) if match.group(1).lower() == "comment" else block)
        position = end


def entry_end(text: str, start: int, opening: str) -> int:
    """The index after the brace or parenthesis that closes an entry opened before
    ``start`` (braces nest inside either); the text's end if none does."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0 and opening == "{":
                return index + 1
            depth -= 1
        elif char == ")" and opening == "(" and depth == 0:
            return index + 1
    return len(text)


def entry_lines(text: str) -> list[tuple[str, str, int]]:
    r"""``[(type, key, line)]`` of each entry in a .bib text; ``@comment`` and the like
    skipped. One pass over the text, however many entries (``lines_at``).

    >>> entry_lines("@book{a,\n}\n@comment{x}\n\n@misc{b, title={c}}\n")
    [('book', 'a', 1), ('misc', 'b', 5)]
    """
    entries = [match for match in ENTRY_START.finditer(text)
               if match.group(1).lower() not in ("comment", "preamble", "string")]
    lines = lines_at(text, (match.start(1) for match in entries))
    return [(match.group(1), match.group(2), line) for match, line in zip(entries, lines)]


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def comparable(name: str, value: str) -> str:
    """A field's value as two copies of an entry are compared: braces and spacing aside,
    a month as its number (``month = dec``, ``{dec}``, ``December``, ``12`` are one).

    >>> comparable("month", "December") == comparable("month", "dec") == comparable("Month", "{12}")
    True
    >>> comparable("title", "{The} Title") == comparable("title", "The  title")
    False
    """
    flat = " ".join(value.replace("{", "").replace("}", "").split())
    if name.lower() == "month":
        lowered = flat.lower()
        number = next((n for n, month in enumerate(MONTHS, 1) if lowered.startswith(month)), None)
        return str(number) if number else flat.lstrip("0")
    return flat


class ValueTooLong(Exception):
    """A field or @string whose value, its @string names put together, is longer than
    the bibliography may be: BibTeX's ``#`` multiplies text (a 588-byte file built a
    1.1 GB title, ten @strings each ten times the one before)."""

    def __init__(self, name: str, size: int, line: int):
        super().__init__(name, size, line)
        self.name, self.size, self.line = name, size, line


class BoundedLowLevelParser(LowLevelParser):
    """pybtex's scanner, measuring each value before its parts are joined, and all of
    them together (one 3.5 MB @string used by 2,000 entries: 7 GB, in a 3.6 MB file)."""

    def parse_value(self):
        super().parse_value()
        size = sum(map(len, self.current_value))
        self.values_size = getattr(self, "values_size", 0) + size
        if size > limit("bib") or self.values_size > 2 * limit("bib"):
            raise ValueTooLong(self.current_field_name or "", max(size, self.values_size), self.lineno)


# biblatex's extended name format (Biber; Zotero's Better BibLaTeX writes it for names
# with a particle): family=Wartburg, given=Karin, prefix=von, useprefix=true
EXTENDED_NAME = re.compile(r"\s*(?:family|given|prefix|suffix)\s*=")
NAME_PART = re.compile(r"(\w+)\s*=\s*(.*)", re.S)


def extended_name(name: str) -> str:
    """A name in biblatex's extended format as BibTeX writes it ("von Last, Jr, First");
    any other name as it is.

    >>> extended_name("family=Wartburg, given=Karin, prefix=von, useprefix=true")
    'von Wartburg, Karin'
    >>> extended_name("given={Jean Paul}, family=Sartre, suffix=Jr."), extended_name("Smith, J.")
    ('Sartre, Jr., {Jean Paul}', 'Smith, J.')
    >>> extended_name("given=x{, family=y}"), extended_name("family={Doe, Jr}, given=J")
    ('x{, family=y}', '{Doe, Jr}, J')
    """
    if not EXTENDED_NAME.match(name):
        return name
    pieces, depth, start = [], 0, 0  # the parts, split at the commas outside braces
    for index, character in enumerate(name):
        depth += {"{": 1, "}": -1}.get(character, 0)
        if depth < 0:
            return name  # unbalanced: as BibTeX reads it (pybtex names the fault)
        if character == "," and depth == 0:
            pieces.append(name[start:index])
            start = index + 1
    if depth:
        return name
    parts = {key.lower(): value.strip() for piece in [*pieces, name[start:]]
             for key, value in [NAME_PART.fullmatch(piece.strip()).groups() if NAME_PART.fullmatch(piece.strip())
                                else ("", "")] if key}
    last = " ".join(part for part in (parts.get("prefix"), parts.get("family")) if part)
    return ", ".join(part for part in (last, parts.get("suffix"), parts.get("given")) if part)


class LenientParser(BibTeXParser):
    """pybtex's parser, keeping the first of two entries whose keys differ only in
    case (pybtex would stop there; ``Bibliography.add`` reports both lines), and reading
    names in biblatex's extended format (``extended_name``)."""

    def process_entry(self, entry_type, key, fields):
        fields = [(name, [" and ".join(map(extended_name, split_name_list(normalize_whitespace(value))))])
                  if name in self.person_fields and "=" in value else (name, value)
                  for name, value in ((name, self.flatten_value_list(value)) for name, value in fields)]
        written = (entry_type.lower(), [(name.lower(), comparable(name, self.flatten_value_list(value)))
                                        for name, value in fields])
        if key.casefold() in self.seen:
            if written != self.seen[key.casefold()]:
                self.differing.add(key.casefold())
            return
        self.seen[key.casefold()] = written
        with pybtex.errors.capture() as problems:  # a name with too many commas: BibTeX's warning
            super().process_entry(entry_type, key, fields)
        self.problems += [(key, str(problem)) for problem in problems]

    def parse_string(self, value):
        """pybtex's own loop (``Parser.parse_string``), over the bounded scanner."""
        self.seen: dict[str, tuple] = {}      # casefolded key → the entry as written
        self.differing: set[str] = set()       # keys written twice, differently
        self.problems: list[tuple[str, str]] = []
        self.unnamed_entry_counter = 1
        self.command_start = 0
        for entry in BoundedLowLevelParser(value, keyless_entries=self.keyless_entries,
                                           handle_error=self.handle_error, want_entry=self.data.want_entry,
                                           filename=self.filename, macros=self.macros):
            kind = entry[0].lower()
            if kind == "preamble":
                self.process_preamble(*entry[1])
            elif kind != "string":
                self.process_entry(entry[0], *entry[1])
        return self.data


def syntax_hint(listed: list[tuple[str, str, int]], line: int | None) -> str:
    """Which entry to check: the one holding the line pybtex stopped at, or, when it
    stopped at the start of an entry, the one before (a brace left open runs on).

    >>> listed = [("book", "a2000", 1), ("article", "lee2017", 7), ("phdthesis", "kim2016", 13)]
    >>> syntax_hint(listed, 9)
    "check the braces, commas and `=` of 'lee2017' (line 7)"
    >>> syntax_hint(listed, 13)
    "a brace or quote before this entry is not closed: check 'lee2017' (line 7)"
    """
    before = [(key, start) for _, key, start in listed if line is not None and start <= line]
    if not before:
        return "check the braces, commas and `=` of this entry"
    key, start = before[-1]
    if start == line and len(before) > 1:
        key, start = before[-2]
        return f"a brace or quote before this entry is not closed: check '{key}' (line {start})"
    return f"check the braces, commas and `=` of '{key}' (line {start})"


# A field's bare value that BibTeX cannot read (only a number or a @string's name may go
# unbraced) but pandoc reads as written: ``pages = 1-19,`` in a published JOSS paper.
BARE_VALUE = re.compile(r"(?m)^([ \t]*+[A-Za-z][\w-]*+[ \t]*+=[ \t]*+)(\d[^\s,{}\"#]*+)(?=[ \t]*+(?:[,}]|$))")


def braced_bare_values(text: str) -> tuple[str, list[tuple[int, str]]]:
    r"""The text with each such bare value braced, as pandoc reads it, and (line, value)
    of each (possessive patterns: one look at each line, however long).

    >>> braced_bare_values("@article{a,\n  pages = 1-19,\n  volume = 7,\n}")
    ('@article{a,\n  pages = {1-19},\n  volume = 7,\n}', [(2, '1-19')])
    """
    found, counted = [], [0, 1]  # where the lines were counted to, and the line there

    def braced(match: re.Match) -> str:
        if match.group(2).isdecimal():
            return match.group(0)
        counted[1] += text.count("\n", counted[0], match.start())
        counted[0] = match.start()
        found.append((counted[1], match.group(2)))
        return f"{match.group(1)}{{{match.group(2)}}}"

    return BARE_VALUE.sub(braced, text), found


def read_bibtex(text: str, path: str, bibliography: Bibliography) -> None:
    text, bare = braced_bare_values(bibtex_source(text))
    for line, value in bare:
        warn(f"'{value}' is read as {{{value}}}, as pandoc reads it: BibTeX reads a value without braces "
             "only when it is a number or a @string name", path, line, hint=f"write it {{{value}}}")
    listed = entry_lines(text)
    try:
        # the parser itself, not parse_string(text, "bibtex"): that looks the
        # parser up among the entry points of every installed package
        parser = LenientParser()
        data = parser.parse_string(text)
    except ValueTooLong as failure:
        error(f"the value of '{failure.name}' brings the file's values to {failure.size:,} characters, put together "
              f"from @string names: over the bibliography's limit of {limit('bib'):,} (twice that for all)",
              path, failure.line, hint="write the value itself; a @string joined with # to itself, or used in "
                                       "every entry, multiplies it")
        bibliography.unreadable.update(key for _, key, _ in listed)
        return
    except PybtexSyntaxError as failure:
        line = getattr(failure, "lineno", None)
        error(f"malformed BibTeX: {failure.args[0] if failure.args else failure}",
              path, line, hint=syntax_hint(listed, line))
        bibliography.unreadable.update(key for _, key, _ in listed)
        return
    except Exception as failure:  # pybtex reports other faults as its own exception types
        error(f"malformed BibTeX: {failure}", path, hint="check the entry named in the message")
        bibliography.unreadable.update(key for _, key, _ in listed)
        return
    starts = {key.casefold(): line for _, key, line in listed}
    for key, problem in parser.problems:  # read as BibTeX reads it
        duplicate = re.search(r"duplicate (\S+) field", problem)
        if duplicate:
            field, start = duplicate.group(1), starts.get(key.casefold())
            warn(f"entry '{key}': its {field} field is written twice: the first is kept, as BibTeX keeps it",
                 path, second_field_line(text, start, field) or start, hint="delete the one that is wrong")
        else:  # a name with too many commas: the parts after the second comma are one name's
            warn(f"entry '{key}': {problem}, read as one name as BibTeX reads it", path,
                 starts.get(key.casefold()), hint="separate the names with 'and': Smith, A. and Roe, J.")
    for key, entry in data.entries.items():
        for person in (p for people in entry.persons.values() for p in people):
            problem = name_problem(person)
            if problem:
                warn(f"entry '{key}': {problem[0]}", path, starts.get(key.casefold()), hint=problem[1])
    parsed = {key.casefold(): (key, entry) for key, entry in data.entries.items()}
    for _, key, line in listed:  # the second of two equal keys finds nothing: a duplicate
        _, entry = parsed.pop(key.casefold(), (key, None))
        if entry is None and key.casefold() not in parser.differing and key.casefold() in bibliography.folded:
            first_path, first_line = bibliography.lines[bibliography.folded[key.casefold()]]
            warn(f"entry '{key}' is written twice, the same both times (first at {first_path}:{first_line}): "
                 "the copy is skipped", path, line, hint="delete the copy")
            continue
        bibliography.add(key, normalized(entry) if entry else None, path, line)
    for key, entry in parsed.values():  # written in a way the line finder missed
        bibliography.add(key, normalized(entry), path, None)


def name_problem(person) -> tuple[str, str] | None:
    """A name as BibTeX reads it that is not the one meant, and the fix: names separated
    by ";", a comma left before "and" (its first name read as a Jr. part, which no list
    prints), whole names listed with commas.

    >>> from pybtex.database import Person
    >>> name_problem(Person("Bauer, Simon,"))[1], name_problem(Person("King, Jr., Martin"))
    ("delete the comma after 'Simon'", None)
    >>> name_problem(Person("Ann Lee; Bo Park"))[1]
    "separate the names with 'and': Ann Lee and Bo Park"
    """
    if ";" in str(person):  # "A; B; C": BibTeX separates names with "and" only
        written = " ".join([*person.first_names, *person.middle_names, *person.prelast_names,
                            *person.last_names])  # as the .bib has it, when it holds no comma
        return (f"the name '{written}' holds ';', which BibTeX reads as one name",
                f"separate the names with 'and': {' and '.join(p.strip() for p in written.split(';'))}")
    if not person.lineage_names or GENERATION.fullmatch(" ".join(person.lineage_names)):
        return None
    jr, last = " ".join(person.lineage_names), " ".join([*person.prelast_names, *person.last_names])
    # "Bauer, Simon, and …" (where "Junxiang Wang, Junji Jiang, and …" is a list of whole names)
    if not person.first_names and (len(person.last_names) < 2 or len(person.lineage_names) < 2):
        return (f"the name '{last}, {jr},' ends with a comma, so BibTeX reads '{jr}' as a Jr. part, which "
                f"no reference list prints (it prints '{last}')", f"delete the comma after '{jr}'")
    return (f"the name '{person}' reads as BibTeX's 'Last, Jr, First', with '{jr}' as a Jr. part, which no "
            "reference list prints", f"if these are names of two people, separate them with 'and': {last} and {jr}")


# What BibTeX's "Jr" part of a name is for: a generation ("King, Jr., Martin Luther").
GENERATION = re.compile(r"(?i)(?:jr|sr|jun|sen|junior|senior|[ivx]+|\d+(?:st|nd|rd|th)|fils|père|filho|neto)\.?")


def second_field_line(text: str, start: int | None, field: str) -> int | None:
    """The line of a field's second writing in the entry that starts at line ``start``.

    >>> second_field_line("@a{k,\\n year = 1,\\n title = {T},\\n year = 2}\\n", 1, "year")
    4
    """
    if start is None:
        return None
    lines = text.split("\n")[start - 1:]
    found = [index for index, line in enumerate(lines[:400]) if re.match(rf"\s*{re.escape(field)}\s*=", line, re.I)]
    return start + found[1] if len(found) > 1 else None


def read_csl_json(text: str, path: str, bibliography: Bibliography) -> None:
    from core.sourcetext import ESCAPED_CONTROL, lone_surrogate

    try:
        items = json.loads(text)
    except json.JSONDecodeError as failure:
        error(f"malformed CSL-JSON: {failure.msg}", path, failure.lineno,
              hint="check the commas, quotes and brackets near this line")
        return
    except ValueError:  # a number of more than 4,300 digits: Python reads no such int
        long_number = re.search(r"\d{4301,}", text)
        error("a number of more than 4,300 digits", path, text.count("\n", 0, long_number.start()) + 1
              if long_number else None, hint="delete it: no field of a reference holds one")
        return
    if not isinstance(items, list):
        error("a CSL-JSON bibliography is a list of items ([{\"id\": …, \"type\": …}, …])", path, 1)
        return
    escaped = ESCAPED_CONTROL.search(text)
    if escaped:  # "\u0000" in a value: no edition (XML) can hold it
        error(f"control character U+{escaped.group()[2:].upper()} in a value", path,
              text.count("\n", 0, escaped.start()) + 1, hint="delete the escape")
        return
    alone = lone_surrogate(text)
    if alone:  # no edition, and no tool's input, can hold half a pair
        error(alone[1], path, alone[0], hint=alone[2])
        return
    read_csl_items(items, lines_at(text, (match.start() for match in CSL_ID.finditer(text))), path, bibliography,
                   "CSL-JSON", '"id"')


def read_csl_items(items: list, id_lines: list[int], path: str, bibliography: Bibliography, kind: str,
                   id_key: str) -> None:
    """CSL items (from JSON or YAML) as entries; ``id_lines``: the line of each item's id."""
    from filters.cslitems import entry_from_item

    for index, item in enumerate(items):
        line = id_lines[index] if index < len(id_lines) else None
        if not isinstance(item, dict) or not isinstance(item.get("id"), (str, int)) or not str(item["id"]).strip():
            error(f"{kind} item {index + 1} has no {id_key}", path, line,
                  hint=f"every item needs an {id_key} (a word or a number), the key that citations use")
            continue
        bibliography.add(str(item["id"]), normalized(entry_from_item(textual(item, path, line))), path, line)


NAME_VARIABLES = {"author", "editor", "translator", "container-author", "collection-editor", "director",
                  "interviewer", "recipient", "reviewed-author", "composer", "illustrator"}
DATE_VARIABLES = {"issued", "accessed", "event-date", "original-date", "submitted"}


DATE_PARTS = ("year", "month", "day")


def date_parts_of(value):
    """A date as pandoc's CSL YAML writes it (``issued: [{year: 1952}]``: a list of its
    start and end, each a map of year, month and day; or one such map) as CSL's
    ``date-parts``; any other form as it is (it read as no date, and printed "n.d.").

    >>> date_parts_of([{"year": 1952, "month": 3}]), date_parts_of({"year": 1968}), date_parts_of("1974")
    ({'date-parts': [[1952, 3]]}, {'date-parts': [[1968]]}, '1974')
    """
    maps = value if isinstance(value, list) else [value] if isinstance(value, dict) and "date-parts" not in value \
        else []
    parts = [[part[key] for key in DATE_PARTS if key in part] for part in maps if isinstance(part, dict)]
    return {"date-parts": parts} if maps and len(parts) == len(maps) and all(parts) else value


def textual(item: dict, path: str, line: int | None) -> dict:
    """A CSL item with what its variables can hold: text or a number, a list of names (each
    a map of text), a date; a value of another shape is left out with a warning (it printed
    as Python's repr of a map).

    >>> textual({"id": "a", "title": {"x": 1}, "author": [{"family": "Roe"}, "Poe"]}, "r.yaml", 3)
    {'id': 'a', 'author': [{'family': 'Roe'}]}
    """
    kept = {}
    for name, value in item.items():
        part = False
        if name in NAME_VARIABLES:
            people = [person for person in value if isinstance(person, dict) and all(
                isinstance(piece, (str, int, float)) for piece in person.values())] if isinstance(value, list) else []
            good, part = isinstance(value, list) and len(people) == len(value), bool(people)
            value = people
        elif name in DATE_VARIABLES:
            value = date_parts_of(value)
            good = isinstance(value, (str, int, dict))
        else:
            good = isinstance(value, (str, int, float)) or value is None
        if good or part:
            kept[name] = value
        if not good:
            warn(f"'{name}' of the work '{item['id']}' is left out{' in part' if part else ''}: it is no "
                 f"{'list of names' if name in NAME_VARIABLES else 'date' if name in DATE_VARIABLES else 'text'}",
                 path, line, hint="a title or a number is text; names are `- {family: …, given: …}`")
    return kept


CSL_YAML_SIZE = 512 * 1024  # PyYAML holds a node of some 600 bytes for each value it reads: a bound of its own


def yaml_items(block: str) -> tuple[object, list[int] | None]:
    """The YAML of ``block`` as data, and the line (from 0) of each item of its
    ``references`` list (or of the list itself), from the nodes the loader composed."""
    from core.metadatafile import _text_dates_loader

    loader = _text_dates_loader()(block)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    listed = node
    if node is not None and node.id == "mapping":
        listed = next((value for key, value in node.value if key.value == "references"), None)
    lines = [item.start_mark.line for item in listed.value] if listed is not None and listed.id == "sequence" else None
    return data, lines


def read_csl_yaml(text: str, path: str, bibliography: Bibliography, front_matter: bool) -> None:
    r"""CSL YAML, as pandoc reads it: a file whose ``references`` (or whole text) lists the
    items, or (``front_matter``) a Markdown paper's metadata blocks' ``references`` (a block
    in fenced code, or one without references, is none of its).

    >>> found = Bibliography()
    >>> read_csl_yaml("---\ntitle: T\nreferences:\n- id: roe\n  type: book\n  title: A Book\n"
    ...               "  issued: {date-parts: [[1999]]}\n---\n\nText [@roe].\n", "paper.md", found, True)
    >>> found.entries["roe"].fields["title"], found.entries["roe"].fields["year"], found.lines["roe"]
    ('A Book', '1999', ('paper.md', 4))
    """
    import yaml

    from core.metadatafile import yaml_mistake
    from core.sourcetext import YAML_BLOCK, fenced_code_masked, yaml_alias

    if front_matter:
        masked = fenced_code_masked(text)  # a YAML example in a code block is no metadata
        blocks = [(text.count("\n", 0, m.start(1)) + 1, text[m.start(1):m.end(1)]) for m in YAML_BLOCK.finditer(masked)
                  if re.search(r"^references[ \t]*:", m.group(1), re.M)]
    else:
        blocks = [(1, text)]
    if sum(len(block) for _, block in blocks) > CSL_YAML_SIZE:
        error(f"a CSL YAML bibliography of {shown_size(sum(len(b) for _, b in blocks))}: over "
              f"{shown_size(CSL_YAML_SIZE)}, which its reader holds in memory many times over", path, blocks[0][0],
              hint="export the references as CSL-JSON (.json) or BibTeX (.bib), which are read within the bib limit")
        return
    for first_line, block in blocks:
        alias = yaml_alias(block, first_line)
        if alias:  # an alias repeats its anchor without limit: never composed
            error(alias[1], path, alias[0], hint=alias[2])
            return
        try:
            data, item_lines = yaml_items(block)
        except yaml.YAMLError as failure:
            message, line = yaml_mistake(failure) if isinstance(failure, yaml.MarkedYAMLError) else (str(failure), None)
            error(message, path, first_line + line if line is not None else None,
                  hint="check the indentation and the quotes near this line")
            return
        except RecursionError:  # values nested thousands deep
            error("YAML nested too deeply to read", path, first_line, hint="no field of a reference nests so")
            return
        items = data.get("references") if isinstance(data, dict) else data
        if not isinstance(items, list):
            error("a CSL YAML bibliography lists its items under `references:` (- id: …, type: …)", path,
                  first_line, hint="each item: `- id: key`, `type: article-journal`, `title: …`, `author: …`")
            return
        read_csl_items(items, [first_line + line for line in item_lines or []], path, bibliography, "CSL YAML", "id")


def normalized(entry: Entry) -> Entry:
    """BibLaTeX's fields and types under their BibTeX names; ``date`` split into
    ``year``/``month``/``day``; a subtitle joined to its title."""
    fields = entry.fields
    for biblatex, bibtex in FIELD_ALIASES.items():
        if biblatex in fields and bibtex not in fields:
            fields[bibtex] = fields.pop(biblatex)
    for subtitle, title in SUBTITLES.items():
        if subtitle in fields and title in fields:
            fields[title] = f"{fields[title]}: {fields.pop(subtitle)}"
    date = ISO_DATE.match(fields.get("date", "").strip())
    if date and "year" not in fields:
        for name, value in zip(("year", "month", "day"), date.groups()):
            if value:
                fields[name] = str(int(value)) if name != "year" else value
    if entry.type in IMPLIED_TYPE and "type" not in fields:
        fields["type"] = IMPLIED_TYPE[entry.type]
    entry.type = TYPE_ALIASES.get(entry.type, entry.type)
    if entry.type == "thesis" and "school" not in fields and "institution" in fields:
        fields["school"] = fields.pop("institution")
    return entry


def inherit_crossrefs(bibliography: Bibliography) -> None:
    """Each entry takes the fields it lacks from its ``crossref`` parent (a book's
    title becomes a chapter's ``booktitle``); an unknown parent is an error."""
    by_folded = {key.casefold(): key for key in bibliography.entries}
    for key, entry in bibliography.entries.items():
        parent_key = entry.fields.get("crossref", "").strip()
        if not parent_key:
            continue
        parent = bibliography.entries.get(by_folded.get(parent_key.casefold(), ""))
        if parent is None:
            path, line = bibliography.lines[key]
            error(f"entry '{key}' has crossref '{parent_key}', but no entry has that key",
                  path, line, suggestion(parent_key, bibliography.keys, "add the parent entry"))
            continue
        as_part = parent.type in WHOLES and entry.type in PARTS
        for name, value in parent.fields.items():
            target = {"title": "booktitle"}.get(name, name) if as_part else name
            if name.lower() not in NOT_INHERITED and target not in entry.fields:
                entry.fields[target] = value
        for role, persons in parent.persons.items():
            target = "bookauthor" if as_part and role == "author" else role
            if target not in entry.persons:
                entry.persons[target] = persons


CSL_YAML = (".yaml", ".yml")
FRONT_MATTER = (".md", ".markdown", ".qmd", ".rmd")  # the paper, when its front matter lists `references`


def load_bibliography(paths: list[str]) -> Bibliography:
    """Read the bibliography files (``.bib``: BibTeX or BibLaTeX; ``.json``: CSL-JSON;
    ``.yaml``: CSL YAML; a Markdown paper: its front matter's ``references``)."""
    bibliography = Bibliography()
    for name in paths:
        path = display_path(name)
        try:
            text = read_input(Path(name), "bib").decode("utf-8")
        except BuildError as failure:
            record(failure)
            continue
        except UnicodeDecodeError as failure:
            error(f"not UTF-8 at byte {failure.start}", path, hint="save the file as UTF-8")
            continue
        text = CONTROL.sub("", text)  # said, at its line, where the build checks the file (press.manuscript)
        suffix = Path(name).suffix.lower()
        if suffix == ".json":
            read_csl_json(text, path, bibliography)
        elif suffix in (".bib", ".bibtex", ".biblatex"):
            read_bibtex(text, path, bibliography)
        elif suffix in CSL_YAML or suffix in FRONT_MATTER:  # a paper's own `references:`, as pandoc reads it
            read_csl_yaml(text, path, bibliography, front_matter=suffix in FRONT_MATTER)
        else:
            error(f"unknown bibliography format '{Path(name).suffix}'", path,
                  hint="export the references as BibTeX or BibLaTeX (.bib), CSL-JSON (.json) or CSL YAML (.yaml)")
    inherit_crossrefs(bibliography)
    inherited = sum(len(value) for entry in bibliography.entries.values() if entry for value in entry.fields.values())
    if inherited > 2 * limit("bib"):  # a 100 KB title inherited by thousands of 25-byte children
        raise BuildError(f"the bibliography's entries come to {inherited:,} characters with the fields they inherit "
                         f"(crossref), over twice its limit of {limit('bib'):,}", display_path(paths[0]),
                         hint="let the parts of one book name it, not inherit a long field each")
    return bibliography
