"""A journal's folder as written: ``journal.yaml``, its templates, and each issue's
``issues/<id>/issue.yaml`` with its articles in order (folders beside it, each an
article project: ``manuscript/`` and ``bibliography/``).

Every mistake is reported together, each with its file and line, before anything is
built. The journal is the editor's own repository: its values are checked (an ISSN's
check digit, the DOI pattern's fields, a web address), then escaped wherever they land.

>>> issn_valid("0378-5955"), issn_valid("0378-5954"), issn_valid("2049-3630")
(True, False, True)
>>> doi_fields("10.5555/jeps.{volume}.{issue}.{first_page}")
['volume', 'issue', 'first_page']
"""
from __future__ import annotations

import dataclasses
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from core.diagnostics import (
    BuildError,
    collecting,
    display_path,
    error,
    suggestion,
    warn,
)
from core.language import has_pack
from core.metadatafile import Source, load_yaml, read_source, yaml_mistake
from core.metaschema import bcp47, license_of
from filters.dates import DateError, parse_iso

JOURNAL_FILE = "journal.yaml"
ISSUE_FILE = "issue.yaml"
ISSUES = "issues"
TEMPLATES = "templates"
# What a DOI or URL pattern may name: the issue's numbers, the article's first page,
# its slug (its files' name) and its place in the issue.
PATTERN_FIELDS = ("volume", "issue", "year", "first_page", "slug", "number")
JOURNAL_KEYS = ("name", "abbreviation", "issn", "eissn", "publisher", "url", "license", "languages",
                "crossref", "start_on_odd", "doi", "description", "editorial_board", "chronology")
CROSSREF_KEYS = ("depositor", "email", "registrant")
ISSUE_KEYS = ("volume", "number", "date", "title", "guest_editors", "first_page", "cover", "articles")
FOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


@dataclass(frozen=True)
class Journal:
    """``journal.yaml``, checked: plain values (text, identifiers), ready for the
    templates and the deposits."""
    root: Path
    name: str
    url: str
    abbreviation: str = ""
    issn: str = ""
    eissn: str = ""
    publisher: str = ""
    license: str = ""
    languages: tuple[str, ...] = ("en",)
    crossref: dict = field(default_factory=dict, hash=False)
    start_on_odd: bool = False
    doi: str = ""                   # the DOI pattern
    description: str = ""
    editorial_board: tuple = ()     # ({role, name, affiliation}, …)
    chronology: bool = True         # the articles' chronology appendix, where an article says nothing
    source: Source = field(default_factory=Source, hash=False, compare=False)

    @property
    def article_defaults(self) -> dict:
        """The metadata every article of the journal has unless it says otherwise."""
        return {} if self.chronology else {"chronology": False}

    @property
    def templates(self) -> tuple[str, ...]:
        """The journal's own templates (``JOURNAL/templates/``), before the system's."""
        folder = self.root / TEMPLATES
        return (str(folder.resolve()),) if folder.is_dir() else ()

    def where(self, key: str) -> str:
        """``journal.yaml:4``: where a key is set, for a message."""
        line = self.source.line(key)
        return f"{self.source.path}:{line}" if line else str(self.source.path)


@dataclass(frozen=True)
class Article:
    """One article of an issue: its folder (an article project) and place."""
    folder: Path
    place: str       # issues/2024-1/01-corridors: the journal-relative path, for messages
    number: int      # its place in the issue, from 1


@dataclass(frozen=True)
class Issue:
    id: str
    folder: Path
    volume: str
    number: str
    date: str
    first_page: int
    articles: tuple[Article, ...]
    title: str = ""
    guest_editors: tuple[str, ...] = ()
    cover: Path | None = None
    source: Source = field(default_factory=Source, hash=False, compare=False)

    @property
    def year(self) -> str:
        return self.date[:4]

    def where(self, key: str) -> str:
        line = self.source.line(key)
        return f"{self.source.path}:{line}" if line else str(self.source.path)


def issn_valid(value: str) -> bool:
    """``NNNN-NNNC``, C the ISSN's mod-11 check digit (X for 10)."""
    if not re.fullmatch(r"\d{4}-\d{3}[\dX]", value):
        return False
    digits = value.replace("-", "")
    total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1)))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def doi_fields(pattern: str) -> list[str]:
    """The fields a pattern names, in order (``{volume}``…)."""
    return [name for _, name, _, _ in string.Formatter().parse(pattern) if name]


def read_yaml(path: Path, shown: str) -> tuple[dict, Source]:
    """A YAML file's mapping and its lines (messages name it ``shown``: its path in the
    journal's folder); a mistake is an error naming its line."""
    import yaml

    from core.sourcetext import yaml_problems
    from press.manuscript import check_text

    text = check_text(path)
    problems = list(yaml_problems(text))
    if problems:
        raise BuildError.of([BuildError(message, shown, line, hint).diagnostic
                             for line, message, hint in problems])
    try:
        data = load_yaml(text)
    except yaml.MarkedYAMLError as failure:
        message, line = yaml_mistake(failure)
        raise BuildError(message, shown, line + 1 if line is not None else None,
                         hint="check the indentation and quoting of this line") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BuildError("must be a mapping of names to values", shown)
    return data, dataclasses.replace(read_source(str(path)), path=shown)


def text(value) -> str:
    """A YAML scalar as text (``2024-06-30`` read as a date stays as written)."""
    return "" if value is None else str(value).strip()


def unknown_keys(data: dict, known, source: Source, prefix: str = "") -> None:
    for key in data:
        if key not in known:
            warn(f"unknown key '{prefix}{key}'", source.path, source.line(f"{prefix}{key}"),
                 suggestion(str(key), known, "it is left out"))


def check_url(value: str, key: str, source: Source) -> str:
    from urllib.parse import urlparse

    parsed = urlparse(value)
    if parsed.scheme != "https" and parsed.scheme != "http" or not parsed.netloc or any(
            c in value for c in "\"'<> \\"):
        error(f"'{value}' is not a web address", source.path, source.line(key), "write it with https://")
        return ""
    return value.rstrip("/")


def read_journal(root: Path) -> Journal:
    """``JOURNAL/journal.yaml``, checked (errors recorded: run inside ``collecting``)."""
    path = root / JOURNAL_FILE
    if not path.is_file():
        raise BuildError("no journal.yaml", display_path(root),
                         hint="a journal's folder holds journal.yaml and issues/ (python build.py new journal DIR)")
    data, source = read_yaml(path, JOURNAL_FILE)
    unknown_keys(data, JOURNAL_KEYS, source)
    name = text(data.get("name"))
    if not name:
        error("the journal has no name", source.path, None, "add `name: …` to journal.yaml")
    url = check_url(text(data.get("url")), "url", source) if data.get("url") else ""
    if not url:
        error("the journal has no web address", source.path, source.line("url"),
              "add `url: https://…`: every article's landing page and PDF link are made from it")
    for key in ("issn", "eissn"):
        value = text(data.get(key))
        if value and not issn_valid(value):
            error(f"'{value}' is not an ISSN", source.path, source.line(key),
                  "NNNN-NNNC, whose last character is its check digit: copy it from the ISSN portal")
    languages = data.get("languages") or ["en"]
    languages = [languages] if isinstance(languages, str) else languages
    for index, lang in enumerate(languages):
        if not (isinstance(lang, str) and bcp47(lang) and has_pack(lang)):
            error(f"'{lang}' is not a language with a pack", source.path, source.line(f"languages.{index}"),
                  "write tr, en or de")
    licence = text(data.get("license"))
    if licence and license_of(licence)[1] is None:
        error(f"'{licence}' is not a licence the build knows", source.path, source.line("license"),
              "an SPDX id (CC-BY-4.0, CC-BY-NC-4.0, CC0-1.0) or the licence's https:// address")
    pattern = text(data.get("doi"))
    if pattern:
        bad = [name for name in doi_fields(pattern) if name not in PATTERN_FIELDS]
        if bad or not re.fullmatch(r"10\.\d{4,9}/\S+", pattern):
            error(f"'{pattern}' is not a DOI pattern", source.path, source.line("doi"),
                  "10.PREFIX/… with fields among " + ", ".join(f"{{{n}}}" for n in PATTERN_FIELDS))
    crossref = data.get("crossref") or {}
    if not isinstance(crossref, dict):
        error("'crossref' must be a map: depositor, email, registrant", source.path, source.line("crossref"))
        crossref = {}
    unknown_keys(crossref, CROSSREF_KEYS, source, "crossref.")
    chronology = data.get("chronology", True)
    if not isinstance(chronology, bool):
        error(f"'chronology' must be true or false, not '{chronology}'", source.path, source.line("chronology"),
              "false: no article gets a chronology appendix unless its own metadata asks for one")
        chronology = True
    board = data.get("editorial_board") or []
    if not isinstance(board, list) or not all(isinstance(m, dict) and m.get("name") for m in board):
        error("'editorial_board' must be a list of {role, name, affiliation}", source.path,
              source.line("editorial_board"))
        board = []
    return Journal(root=root, name=name, url=url, abbreviation=text(data.get("abbreviation")),
                   issn=text(data.get("issn")), eissn=text(data.get("eissn")),
                   publisher=text(data.get("publisher")), license=licence, languages=tuple(languages),
                   crossref={key: text(crossref.get(key)) for key in CROSSREF_KEYS if crossref.get(key)},
                   start_on_odd=bool(data.get("start_on_odd", False)), doi=pattern,
                   description=text(data.get("description")),
                   editorial_board=tuple({key: text(member.get(key)) for key in ("role", "name", "affiliation")}
                                         for member in board),
                   chronology=chronology, source=source)


def article_folder(issue_folder: Path, name, source: Source, index: int) -> Path | None:
    """An article's folder, named in ``issue.yaml``: beside it, holding an article project."""
    key = f"articles.{index}"
    if not isinstance(name, str) or not FOLDER.fullmatch(name) or name in (".", ".."):
        error(f"'{name}' is not a folder's name", source.path, source.line(key),
              "name the article's folder beside issue.yaml (letters, digits, '.', '-', '_')")
        return None
    folder = issue_folder / name
    if not folder.is_dir():
        others = [p.name for p in issue_folder.iterdir() if p.is_dir()]
        error(f"no article folder '{name}'", source.path, source.line(key), suggestion(name, others,
              "each article is a folder beside issue.yaml holding manuscript/ and bibliography/"))
        return None
    if not (folder / "manuscript").is_dir() and not (folder / "paper.md").is_file():
        error(f"'{name}' holds no article", source.path, source.line(key),
              "an article's folder holds manuscript/*.md (python build.py new article DIR)")
        return None
    return folder


def read_issue(journal: Journal, folder: Path) -> Issue:
    data, source = read_yaml(folder / ISSUE_FILE, f"{ISSUES}/{folder.name}/{ISSUE_FILE}")
    unknown_keys(data, ISSUE_KEYS, source)
    values = {}
    for key in ("volume", "number", "date"):
        values[key] = text(data.get(key))
        if not values[key]:
            error(f"the issue has no {key}", source.path, None, f"add `{key}: …` to issue.yaml")
    if values["date"]:
        try:  # a day, a month or a year of the calendar, never a range
            if "/" in values["date"]:
                raise DateError("an issue has one date")
            parse_iso(values["date"])
        except DateError as problem:
            error(f"'{values['date']}' is not a date: {problem}", source.path, source.line("date"), "write YYYY-MM-DD")
    first = data.get("first_page", 1)
    if not isinstance(first, int) or isinstance(first, bool) or first < 1:
        error(f"'first_page' must be a page number, not '{first}'", source.path, source.line("first_page"))
        first = 1
    names = data.get("articles") or []
    if not isinstance(names, list) or not names:
        error("the issue lists no articles", source.path, source.line("articles"),
              "articles: [01-first-folder, 02-second-folder] in the order they are printed")
        names = []
    place = f"{ISSUES}/{folder.name}"
    articles = []
    listed: dict[str, int] = {}
    for index, name in enumerate(names):
        if isinstance(name, str) and name in listed:  # its pages would be counted twice
            error(f"'{name}' is listed twice (first at {source.path}:{source.line(f'articles.{listed[name]}')})",
                  source.path, source.line(f"articles.{index}"), "list each article once")
            continue
        if isinstance(name, str):
            listed[name] = index
        article = article_folder(folder, name, source, index)
        if article is not None:
            articles.append(Article(article, f"{place}/{name}", len(articles) + 1))
    cover = None
    if data.get("cover"):
        cover = folder / text(data["cover"])
        if not cover.is_file() or not cover.resolve().is_relative_to(folder.resolve()) or \
                cover.suffix.lower() not in (".png", ".jpg", ".jpeg", ".svg"):
            error(f"cover '{data['cover']}' is not a picture in the issue's folder", source.path,
                  source.line("cover"), "a PNG, JPEG or SVG beside issue.yaml")
            cover = None
    editors = data.get("guest_editors") or []
    return Issue(id=folder.name, folder=folder, volume=values["volume"], number=values["number"],
                 date=values["date"], first_page=first, articles=tuple(articles), title=text(data.get("title")),
                 guest_editors=tuple(text(e) for e in ([editors] if isinstance(editors, str) else editors)),
                 cover=cover, source=source)


def read_project(root: Path, only: str | None = None) -> tuple[Journal, list[Issue]]:
    """The journal and all its issues (``only``, the issue a build is asked for, must be
    one of them), every mistake reported together."""
    with collecting() as found:
        try:
            journal = read_journal(root)
        except BuildError as failure:
            raise failure from None
        folders = sorted(p for p in (root / ISSUES).glob("*") if (p / ISSUE_FILE).is_file())
        if only is not None and only not in [p.name for p in folders]:
            error(f"no issue '{only}'", display_path(root / ISSUES), None,
                  suggestion(only, [p.name for p in folders], "issues are the folders of issues/"))
        issues = []
        for folder in folders:  # every issue, also with ``only``: the site lists them all
            try:
                issues.append(read_issue(journal, folder))
            except BuildError as failure:
                for diagnostic in failure.diagnostics:
                    error(diagnostic.message, diagnostic.path, diagnostic.line, diagnostic.hint)
        if not folders:
            error("the journal has no issues", display_path(root / ISSUES), None,
                  "each issue is a folder issues/<id>/ holding issue.yaml")
    if found:
        raise BuildError.of(found)
    return journal, sorted(issues, key=issue_order)


def issue_order(issue: Issue) -> tuple:
    """Oldest first: by volume and number as numbers where they are."""
    def number(value: str):
        return (0, int(value), "") if value.isdecimal() else (1, 0, value)
    return number(issue.volume), number(issue.number), issue.id
