"""The journal's build, top to bottom: read the journal → build the articles in
parallel, each once its first page is known (the articles before it in its issue have
their lengths), typesetting ahead on predicted pages only what keeps the workers busy
→ assemble the issues (issue PDF, deposits) and the site → commit, all or nothing.

An article's PDF prints its last page as it ends, so it depends on its first page
alone (``press.journal.work``): an article is typeset once where its first page was
known when its turn came, and where a PDF typeset ahead (to learn its length) was on
the page that turned out to be its first. Nothing changed (each article's sources, the
journal's files, the templates, the code and the tools hash as the last build
recorded): nothing runs. One article edited: it is built again, and the articles after
it only if its page count changed (on their new pages, from their filtered documents in
the store). Every article's errors are reported together, each with the article's
path; one bad article fails the build and ``SITE`` stays as it was.
"""
from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from core.diagnostics import BuildError, Diagnostic, display_path
from press.journal.pagination import blank_before, ranges
from press.journal.project import Article, Issue, Journal, read_project

STATE = ".journal/state.json"
STORE = ".journal/store"
# The editions every article gets on the site, and those the deposits need.
READER_EDITIONS = ("pdf", "html", "epub")


@dataclass
class Round:
    """One round of article builds: what it ran, and what it cost."""
    name: str
    articles: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    made: int = 0                       # editions made (not taken from the store)


@dataclass
class JournalReport:
    articles: int = 0
    rounds: list[Round] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    runner: str = ""
    memory: int = 0                     # the largest worker's peak resident memory, kB
    timings: list[tuple[str, float]] = field(default_factory=list)

    @property
    def cpu(self) -> float:
        return sum(r.cpu for r in self.rounds)


@dataclass
class Entry:
    """An article of an issue, as this build sees it."""
    issue: Issue
    article: Article
    signature: str
    previous: dict | None               # the last build's record of it
    pages: tuple[int, int] | None = None  # its final pages, once known
    result: object = None               # its build (every edition) on its final pages, once made
    count: int | None = None            # its PDF's pages: this build's, or (unchanged) the last's
    running: bool = False

    @property
    def expected_count(self) -> int | None:
        """Its length: known, or as the last build found it (an edit seldom changes it)."""
        return self.count or (self.previous or {}).get("count")


def editions_for(journal: Journal) -> tuple[str, ...]:
    """Reader editions always; JATS when the journal has an ISSN (JATS requires one);
    the Crossref deposit when the journal deposits DOIs."""
    extra = ("jats",) if journal.issn or journal.eissn else ()
    if journal.crossref and journal.doi:
        extra += ("crossref",)
    return (*READER_EDITIONS, *extra)


def omitted_deposits(journal: Journal) -> list[str]:
    """A warning for each deposit ``editions_for`` leaves out, and what it needs."""
    place, made = journal.source.path, editions_for(journal)
    omitted = [] if "jats" in made else [
        f"{place}: warning: the journal has no issn or eissn: no article gets its JATS (PMC package) "
        "(add `issn:` or `eissn:` to journal.yaml: JATS's Journal Publishing requires one)"]
    if "crossref" not in made:
        needs = [what for what, given in (("`doi:` (a pattern)", journal.doi), ("`crossref:`", journal.crossref))
                 if not given]
        omitted.append(f"{place}: warning: the journal has no {' and no '.join(needs)}: no Crossref deposit "
                       "is made (add them to journal.yaml: README, 'A journal')")
    return omitted


def load_state(out: Path) -> dict:
    try:
        return json.loads((out / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def editions_templates(journal: Journal, editions) -> str:
    """The editions' templates, hashed: the same for every article of a build."""
    from core.templatepath import template_path
    from press.cache import files_digest, template_files
    from press.editions import EDITION

    folders = {folder for name in editions for folder in EDITION[name].template_folders("typst")}
    return files_digest(template_files(template_path(journal.templates), (*sorted(folders), "pandoc")))


def signature(journal: Journal, issue: Issue, article: Article, editions, store, timestamp,
              untrusted: bool = False, templates: str | None = None) -> str | None:
    """What an article's outputs are made from, hashed (``untrusted`` changes what the
    stages accept); None when the store does not know which files its last filtering
    read (then it is built). ``templates``: ``editions_templates``, if known."""
    from core.templatepath import template_path
    from press.cache import ast_key, digest, files_digest
    from press.manuscript import find_manuscript

    manuscript = find_manuscript(article.folder)
    path = template_path(journal.templates)
    first = ast_key(manuscript.inputs, {"untrusted": untrusted}, path)
    read = store.get("read", first)
    if read is None:
        return None
    key = ast_key((*manuscript.inputs, *json.loads(read)), {"untrusted": untrusted}, path)
    return digest([key, files_digest([journal.root / "journal.yaml", issue.folder / "issue.yaml"]),
                   templates or editions_templates(journal, editions), timestamp, ",".join(editions), issue.id,
                   article.number])


def present(out: Path, record: dict | None) -> bool:
    """Whether the files the last build wrote for an article are still there, as written."""
    if not record:
        return False
    for relative, size in record.get("files", {}).items():
        try:
            if (out / relative).stat().st_size != size:
                return False
        except OSError:
            return False
    return True


def article_files(issue: Issue, result) -> dict[str, bytes]:
    """An article's files on the site: its landing page (the HTML edition) with the PDF
    and EPUB beside it under ``issues/<issue>/<slug>/``; its JATS in the issue's PMC-style
    package, ``deposits/<issue>/pmc/<slug>/`` with the PDF."""
    slug = result.slug
    base = f"issues/{issue.id}/{slug}/"
    files = {}
    for edition, written in result.files.items():
        for relative, data in written.items():
            if edition in ("html", "pdf", "epub"):  # the page's folder is the article's: one copy of each
                files[base + relative.removeprefix("html/")] = data
            elif edition == "jats":
                files[f"deposits/{issue.id}/pmc/{slug}/{relative.removeprefix('jats/')}"] = data
    if "jats" in result.files and "pdf" in result.files:
        files[f"deposits/{issue.id}/pmc/{slug}/{slug}.pdf"] = result.files["pdf"][f"{slug}.pdf"]
    return files


def summary(result, issue: Issue) -> dict:
    """What the site, the feeds and the issue's table of contents show of an article."""
    plain = result.plain
    return {"place": result.place, "slug": result.slug, "lang": result.lang, "issue": issue.id,
            "title": plain.get("title", ""), "subtitle": plain.get("subtitle", ""),
            "translation": {k: v for k, v in (plain.get("translation") or {}).items() if k in ("title", "lang")},
            "authors": [{"name": a.get("name", ""), "orcid": a.get("orcid", ""),
                         "affiliations": a.get("affiliations") or []} for a in plain.get("authors") or []],
            "abstract": plain.get("abstract", ""), "keywords": plain.get("keywords") or [],
            "pages": list(result.pages), "doi": plain.get("doi", ""), "url": plain.get("url", ""),
            "date": plain.get("date", ""), "license": (plain.get("license") or {}).get("url", ""),
            "email": next((a.get("email") for a in plain.get("authors") or [] if a.get("email")), "")}


class Builder:
    def __init__(self, root: Path, out: Path, only: str | None, runner, cache: Path | None, progress,
                 untrusted: bool = False):
        from press.cache import source_date_epoch
        from press.journal.store import Store

        self.root, self.out, self.only, self.runner = root, out, only, runner
        self.untrusted = untrusted  # every article built as a submission (--untrusted)
        self.progress = progress
        self.store_folder = (cache or out / STORE).resolve()
        self.store = Store(self.store_folder)
        self.timestamp = source_date_epoch()
        self.report = JournalReport(runner=runner.name)
        self.templates = ""  # the editions' templates, hashed once per build (``editions_templates``)

    def timed(self, name: str, started: float) -> None:
        self.report.timings.append((name, time.perf_counter() - started))

    def run_round(self, name: str, tasks: list) -> list:
        """Build ``tasks`` on the runner; the results, every error collected."""
        from press.journal.runners import Batch

        if not tasks:
            return []
        self.progress.start(name, len(tasks))
        return self.built(Batch(tasks, [task.article.place for task in tasks]), {name: Round(name)},
                          lambda result: name)

    def built(self, feed, rounds: dict[str, Round], round_of) -> list:
        """Build what ``feed`` hands out on the runner (``runners.Runner.stream``), each
        result counted in its round (``round_of(result)``: its name); the results, every
        article's errors together."""
        started = time.perf_counter()
        results = []
        for result in self.runner.stream(build_task, feed, self.progress.running):
            stats = rounds[round_of(result)]
            stats.articles += 1
            stats.cpu += result.cpu
            stats.made += len(result.made)
            self.report.memory = max(self.report.memory, result.memory)
            self.progress.done(result)
            feed.take(result)
            results.append(result)
        for stats in rounds.values():  # the rounds of one feed run side by side
            stats.seconds = time.perf_counter() - started
        self.report.rounds += [stats for stats in rounds.values() if stats.articles]
        problems = [message for result in results for message in result.errors]
        if problems:
            raise BuildError.of([parsed(message) for message in problems])
        return results

    def task(self, journal: Journal, entry: Entry, first_page: int, editions):
        from press.journal.work import Task

        return Task(journal, entry.issue, entry.article, first_page, editions, str(self.store_folder),
                    self.timestamp, self.untrusted, entry.expected_count)

    def paginate(self, journal: Journal, issues: list[Issue], entries: dict[str, Entry], editions) -> None:
        """Build every article on its final pages (``Pages``), the workers fed as each
        result comes; every article's errors together."""
        feed = Pages(self, journal, issues, entries, editions)
        self.progress.start("build", 0)
        self.built(feed, {name: Round(name) for name in ("typeset ahead", "build")},
                   lambda result: "build" if feed.whole[result.place] else "typeset ahead")

    def build(self) -> JournalReport:
        from press.output import commit, sweep

        started = time.perf_counter()
        journal, issues = read_project(self.root, self.only)
        sweep(self.out)
        state = load_state(self.out)
        editions = editions_for(journal)
        chosen = [issue for issue in issues if self.only is None or issue.id == self.only]
        entries = {}
        self.templates = editions_templates(journal, editions)
        for issue in chosen:
            for article in issue.articles:
                record = state.get("articles", {}).get(article.place)
                entries[article.place] = Entry(issue, article, signature(
                    journal, issue, article, editions, self.store, self.timestamp, self.untrusted, self.templates),
                    record)
        self.report.articles = len(entries)
        self.timed("check", started)
        self.paginate(journal, chosen, entries, editions)
        # an issue is assembled again when an article of it was built again, or a file of
        # its own (its PDF, its deposits) is no longer in the site
        lost = {issue_id for issue_id, record in state.get("issues", {}).items()
                if not all((self.out / relative).is_file() for relative in dict(record.get("files") or {}))}
        changed = [issue for issue in chosen
                   if issue.id in lost or any(entries[a.place].result for a in issue.articles)]
        # An issue with an article built again is assembled again: its other articles' files
        # come back from the store, on their final pages.
        missing = [self.task(journal, entries[a.place], entries[a.place].pages[0], editions)
                   for issue in changed for a in issue.articles if entries[a.place].result is None]
        for result in self.run_round("collect", missing):
            entries[result.place].result = result
        clashes = shared_addresses(changed, entries)
        if clashes:
            raise BuildError.of(clashes)
        # every article's warnings, each build: those not built again from the last build's record
        said = [w for e in entries.values()
                for w in (e.result.warnings if e.result else (e.previous or {}).get("warnings", []))]
        self.report.warnings = list(dict.fromkeys(said + omitted_deposits(journal)))
        if not changed and state.get("site") == self.site_signature(journal, state) and \
                all((self.out / relative).is_file() for relative in state.get("files", {})):
            self.report.timings.append(("total", time.perf_counter() - started))
            return self.report
        began = time.perf_counter()
        files, records = self.assemble(journal, issues, chosen, changed, entries, state, editions)
        self.timed("assemble", began)
        began = time.perf_counter()
        stale = [relative for relative in state.get("files", {}) if relative not in records["files"]]
        commit(self.out, files)
        for relative in stale:
            (self.out / relative).unlink(missing_ok=True)
        self.report.written = [self.out / relative for relative in sorted(files)]
        self.report.removed = [self.out / relative for relative in stale]
        self.timed("write", began)
        self.report.timings.append(("total", time.perf_counter() - started))
        return self.report

    def site_signature(self, journal: Journal, state: dict) -> str:
        from core.templatepath import template_path
        from press.cache import digest, files_digest, template_files

        path = template_path(journal.templates)
        return digest([files_digest([self.root / "journal.yaml", *template_files(path, ("site", "journal"))]),
                       json.dumps(state.get("articles", {}), sort_keys=True), self.timestamp])

    def assemble(self, journal, issues, chosen, changed, entries, state, editions):
        """Every file of the build: the changed issues' articles, issue PDFs and deposits;
        the site's pages, feed, sitemap and search index; the state for the next build."""
        from core.templatepath import template_path
        from press.journal import search, site

        templates = template_path(journal.templates)
        files: dict[str, bytes] = {}
        articles = dict(state.get("articles", {}))
        issue_records = dict(state.get("issues", {}))
        for issue in changed:
            listed = [entries[a.place] for a in issue.articles]
            for entry, result in zip(listed, (e.result for e in listed)):
                own = article_files(issue, result)
                files.update(own)
                # An article built for the first time has its key only now (the store knows
                # which files its filtering read).
                entry.signature = entry.signature or signature(journal, issue, entry.article, editions, self.store,
                                                               self.timestamp, self.untrusted, self.templates)
                was = (articles.get(entry.article.place) or {}).get("summary", {}).get("doi")
                now = summary(result, issue)["doi"]
                if was and now and was != now:  # its DOI depends on its pages, which moved
                    self.report.warnings.append(
                        f"{entry.article.place}: warning: its DOI is now {now}, and was {was} when it was "
                        "last built (a DOI once registered never changes: give the journal a DOI pattern "
                        "without {first_page}, e.g. with {slug}, or the article its own doi:)")
                articles[entry.article.place] = {
                    "signature": entry.signature, "count": result.count, "pages": list(result.pages),
                    "files": {relative: len(data) for relative, data in own.items()},
                    "summary": summary(result, issue), "warnings": list(result.warnings)}
            # the issue's own files, kept while the issue is (a build of another issue keeps them);
            # listed now, made below, beside the search index
            issue_records[issue.id] = {"files": {}}
        published = [issue for issue in issues if issue.id in issue_records and all(
            a.place in articles for a in issue.articles)]
        listing = [(issue, [articles[a.place]["summary"] for a in issue.articles]) for issue in published]
        files.update(site.site_pages(journal, listing, templates, self.timestamp))
        landing = {}
        for issue, summaries in listing:
            for entry in summaries:
                relative = f"issues/{issue.id}/{entry['slug']}/index.html"
                landing[relative] = files.get(relative) or (self.out / relative).read_bytes()
        # Pagefind indexes in its own process while this one merges the issue PDFs.
        with ThreadPoolExecutor(max_workers=1) as indexer:
            searched = indexer.submit(search.index, landing, self.out)
            for issue in changed:
                own = self.issue_files(journal, issue, entries, articles, editions, templates)
                files.update(own)
                issue_records[issue.id] = {"files": {relative: len(data) for relative, data in own.items()}}
            files.update(searched.result())
        kept = [*articles.values(), *(issue_records[issue.id] for issue in issues if issue.id in issue_records)]
        written = {**{rel: size for record in kept for rel, size in dict(record.get("files") or {}).items()},
                   **{relative: len(data) for relative, data in files.items()}}
        new_state = {"articles": articles, "issues": issue_records, "files": dict(sorted(written.items()))}
        new_state["site"] = self.site_signature(journal, new_state)
        files[STATE] = json.dumps(new_state, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return files, {"files": written}


    def issue_files(self, journal, issue, entries, articles, editions, templates) -> dict[str, bytes]:
        """An issue's own files: its PDF (the articles on their pages, blank pages between
        where the journal starts articles on odd pages) and its deposits."""
        from press.journal import deposits, issuepdf, site

        listed = [entries[a.place] for a in issue.articles]
        results = [e.result for e in listed]
        summaries = [articles[e.article.place]["summary"] for e in listed]
        blanks = blank_before([tuple(r.pages) for r in results], issue.first_page)
        pdf = issuepdf.issue_pdf(journal, issue, summaries, [r.files["pdf"][f"{r.slug}.pdf"] for r in results],
                                 blanks, self.timestamp, templates)
        own = {site.issue_pdf_path(issue): pdf}
        if "crossref" in editions:
            own[f"deposits/{issue.id}/crossref.xml"] = deposits.crossref_batch(
                journal, issue, [r.files["crossref"][f"{r.slug}.crossref.xml"] for r in results], self.timestamp)
        own[f"deposits/{issue.id}/doaj.xml"] = deposits.doaj(journal, issue, summaries)
        return own


class Pages:
    """The journal build's feed of article builds (``runners.Runner.stream``): each
    article built whole once its first page is known (every article before it in its
    issue has its length); while those are too few to keep every worker busy, the PDFs of
    articles whose length is still unknown are typeset ahead, on their predicted first
    pages, the earliest in their issues first: their lengths make the next first pages
    known, and where a prediction held, the article's build finds its PDF in the store.

    A cold journal of many issues is built once, article by article; one issue of many
    articles on many workers is typeset ahead, and each article whose predicted first
    page was wrong is typeset again."""

    GUESS = 10  # pages, for an article whose length is not known yet

    def __init__(self, builder, journal: Journal, issues: list[Issue], entries: dict[str, Entry], editions):
        self.builder, self.journal, self.issues, self.entries, self.editions = (
            builder, journal, issues, entries, editions)
        self.whole: dict[str, bool] = {}  # place → whether its running (or last) task builds it whole
        self.failed: set[str] = set()     # articles with errors: not built again (the build fails)
        for entry in entries.values():
            if entry.signature and entry.previous and entry.previous.get("signature") == entry.signature:
                entry.count = entry.previous.get("count")

    def plan(self):
        """(position in its issue, entry, first page if known, predicted first page) of
        every article, issue by issue."""
        for issue in self.issues:
            listed = [self.entries[article.place] for article in issue.articles]
            known = True
            lengths = [entry.expected_count or self.GUESS for entry in listed]
            for position, (entry, (first, _)) in enumerate(zip(listed, ranges(
                    issue.first_page, lengths, self.journal.start_on_odd))):
                yield position, entry, first if known else None, first
                known = known and entry.count is not None

    def reusable(self, entry: Entry, first: int) -> bool:
        """Unchanged since the last build, on the same first page, its files on the site."""
        previous = entry.previous
        return bool(previous) and entry.count is not None and previous.get("signature") == entry.signature \
            and list(previous.get("pages") or [])[:1] == [first] and present(self.builder.out, previous)

    def next(self, free: int) -> list:
        """The builds to start: every article whose first page is known and that is not
        built on it yet, and PDFs typeset ahead for the ``free`` workers they leave."""
        whole, ahead = [], []
        for position, entry, first, predicted_first in self.plan():
            if entry.running or entry.article.place in self.failed:
                continue
            if first is not None:
                if entry.result is not None and entry.result.pages[0] == first:
                    continue
                if entry.result is None and self.reusable(entry, first):
                    entry.pages = tuple(entry.previous["pages"])
                    continue
                whole.append((entry, first))
            elif entry.count is None:
                ahead.append((position, entry, predicted_first))
        ahead = [(entry, first) for _, entry, first in sorted(ahead, key=lambda item: item[0])]
        handed = []
        for (entry, first), is_whole in [*((pair, True) for pair in whole),
                                         *((pair, False) for pair in ahead[:max(free - len(whole), 0)])]:
            entry.running, entry.result = True, None if is_whole else entry.result
            self.whole[entry.article.place] = is_whole
            handed.append((self.builder.task(self.journal, entry, first, self.editions if is_whole else ("pdf",)),
                           entry.article.place))
        self.builder.progress.planned(len(handed))
        return handed

    def take(self, result) -> None:
        """A build's result: its length; the article itself, if built whole."""
        entry = self.entries[result.place]
        entry.running = False
        if result.errors:
            self.failed.add(result.place)
            return
        entry.count = result.count
        if self.whole[result.place]:
            entry.result, entry.pages = result, tuple(result.pages)


def shared_addresses(issues: list[Issue], entries: dict[str, Entry]) -> list[Diagnostic]:
    """Two articles of an issue that would have one address (``issues/<issue>/<slug>/``: the
    same title, or a ``slug:``, or two that differ only in case, which a case-insensitive
    host serves from one folder), each an error: the second would overwrite the first's
    pages, PDF and deposits, and both DOIs lead to one of them.

    >>> from types import SimpleNamespace as N
    >>> issue = N(articles=[N(place="issues/1/01-a"), N(place="issues/1/02-b")])
    >>> entries = {"issues/1/01-a": N(result=N(slug="same")), "issues/1/02-b": N(result=N(slug="same"))}
    >>> print(shared_addresses([issue], entries)[0])
    issues/1/02-b: error: its address in the issue, 'same', is also issues/1/01-a's (give one of them its own `slug:`)
    """
    found, first = [], {}
    for issue in issues:
        first.clear()
        for article in issue.articles:
            slug = entries[article.place].result.slug
            if slug.casefold() in first:
                other, place = first[slug.casefold()]
                shown = f"'{slug}'" if other == slug else f"'{slug}' ('{other}' in another case)"
                found.append(Diagnostic(f"its address in the issue, {shown}, is also {place}'s",
                                        article.place, hint="give one of them its own `slug:`"))
            first.setdefault(slug.casefold(), (slug, article.place))
    return found


def parsed(message: str) -> Diagnostic:
    """A worker's message back into a diagnostic (its text is already whole)."""
    return Diagnostic(message.split(": error: ", 1)[-1], message.split(": error: ", 1)[0]
                      if ": error: " in message else None, None)


def build_task(task):
    """The function the runners run (a module-level name, as Dask and pickle need)."""
    from press.journal.work import build_article

    return build_article(task)


class Quiet:
    """No progress display (the tests, the benchmark)."""
    def start(self, name, total): pass
    def planned(self, more): pass
    def running(self, running): pass
    def done(self, result): pass


def build_journal(root: Path, out: Path, issue: str | None = None, workers: int | None = None,
                  scheduler: str | None = None, cache: Path | None = None, progress=None,
                  untrusted: bool = False) -> JournalReport:
    """``python build.py journal``: every issue (or ``issue``) of the journal in ``root``
    into the site ``out``; on ``workers`` processes, or on the Dask cluster ``scheduler``;
    with ``untrusted``, every article as a submission (README's trust model)."""
    from press.journal.runners import runner

    if out.resolve().is_relative_to(root.resolve()) and (out.resolve() / "journal.yaml").exists():
        raise BuildError("--out is the journal's own folder", display_path(out), hint="write the site elsewhere")
    chosen = runner(workers, scheduler)
    try:
        # resolved: an article's key names its files, which must not depend on how the root was named
        return Builder(root.resolve(), out, issue, chosen, cache, progress or Quiet(), untrusted).build()
    finally:
        chosen.close()
