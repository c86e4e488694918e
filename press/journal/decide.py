"""What the journal and the issue decide of each article's metadata: the journal's
fields, the volume, the issue, the pages, the DOI (from the journal's pattern), the
landing page's address, and the licence and date when the article gives none.

An article never types these: a value its ``metadata.yaml`` sets differently is a
warning naming both places, and the journal's is printed. The decision is applied
to the *filtered* document (``apply``): the stages' work does not depend on it, so a
new page range or a change to ``journal.yaml`` typesets the editions again without
filtering any article again.

>>> pattern_value("10.5555/jeps.{volume}.{issue}.{first_page}", {"volume": "3", "issue": "2",
...     "first_page": 17, "slug": "x", "year": "2024", "number": 1})
'10.5555/jeps.3.2.17'
>>> same("journal.pages", "115--142", "115-142"), same("doi", "https://doi.org/10.1/X", "10.1/x")
(True, True)
>>> same("date", "30 June 2021", "2021-06-30"), same("date", "2019-06-02", "2021-06-30")
(True, False)
"""
from __future__ import annotations

import io
import re

from core import jsontext
from core.markup import page_range
from press.journal.project import ISSUES, Article, Issue, Journal

# Each key the journal decides, and where the value comes from (for messages).
JOURNAL_FIELDS = ("name", "abbreviation", "issn", "eissn", "publisher", "url")
DEFAULTS = ("license", "date")  # the article's own value wins


def pattern_value(pattern: str, fields: dict) -> str:
    return pattern.format(**fields)


def article_url(journal: Journal, issue: Issue, slug: str) -> str:
    """The article's landing page: ``{journal url}/issues/{issue}/{slug}/``."""
    return f"{journal.url}/{ISSUES}/{issue.id}/{slug}/"


def decision(journal: Journal, issue: Issue, article: Article, slug: str,
             pages: tuple[int, int | None]) -> dict:
    """The metadata the journal and the issue decide for one article, as plain values
    (keys as in ``metadata.yaml``); ``pages``' last is None for the PDF, which counts it
    itself (``apply``'s ``counted``)."""
    first, last = pages
    fields = {"volume": issue.volume, "issue": issue.number, "year": issue.year, "first_page": first,
              "slug": slug, "number": article.number}
    journal_map = {key: getattr(journal, key) for key in JOURNAL_FIELDS if getattr(journal, key)}
    journal_map.update(volume=issue.volume, issue=issue.number,
                       pages=f"{first}-{last}" if last and last > first else str(first))
    decided = {"journal": journal_map, "url": article_url(journal, issue, slug)}
    if journal.doi:
        decided["doi"] = pattern_value(journal.doi, fields)
    if journal.crossref:
        decided["crossref"] = dict(journal.crossref)
    if journal.license:
        decided["license"] = journal.license
    if issue.date:
        decided["date"] = issue.date
    return decided


def places(journal: Journal, issue: Issue) -> dict[str, str]:
    """Where each decided key is set: ``journal.volume`` → ``issues/2024-1/issue.yaml:2``."""
    found = {f"journal.{key}": journal.where(key) for key in JOURNAL_FIELDS}
    found.update({"journal.volume": issue.where("volume"), "journal.issue": issue.where("number"),
                  "journal.pages": issue.where("first_page") + " (the pages come from the typeset PDFs)",
                  "doi": journal.where("doi"), "url": journal.where("url"), "date": issue.where("date"),
                  **{f"crossref.{key}": journal.where(f"crossref.{key}") for key in journal.crossref}})
    return found


def flat(decided: dict) -> dict[str, str]:
    """``{"journal": {"name": …}}`` → ``{"journal.name": …}`` (plain values)."""
    pairs = {}
    for key, value in decided.items():
        if isinstance(value, dict):
            pairs.update({f"{key}.{inner}": str(v) for inner, v in value.items()})
        else:
            pairs[key] = str(value)
    return pairs


def same(key: str, written: str, decided: str) -> bool:
    """Whether an article's value says what the journal's does."""
    if key == "journal.pages":
        return page_range(written) == page_range(decided)
    if key == "doi":
        def bare(doi: str) -> str:
            return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", doi.strip(), flags=re.I).lower()
        return bare(written) == bare(decided)
    if key.endswith("url"):
        return written.strip().rstrip("/") == decided.strip().rstrip("/")
    if key == "date":  # "30 June 2021" is 2021-06-30
        from filters.dates import DateError, read_date
        try:
            return read_date(written, None)[0].iso == read_date(decided, None)[0].iso
        except DateError:
            return False
    return " ".join(written.split()) == " ".join(decided.split())


def conflicts(source, decided: dict, where: dict[str, str]) -> list[str]:
    """A warning for every value the article's ``metadata.yaml`` (``source``, a
    ``core.metadatafile.Source``) sets differently from the journal, naming both places."""
    warnings = []
    for key, value in flat(decided).items():
        written = source.scalars.get(key)
        if key == "date" and written is not None and not same(key, written, value):
            # the article's wins (an article published online first), but an editor sees which
            warnings.append(f"{source.path}:{source.line(key)}: warning: date '{written}' is not the issue's "
                            f"'{value}' ({where.get(key, 'issue.yaml')}): the article's is its publication date "
                            f"in every edition and deposit (remove it to print the issue's)")
        if key.split(".")[0] in DEFAULTS:
            continue
        if written is not None and not same(key, written, value):
            warnings.append(f"{source.path}:{source.line(key)}: warning: {key} '{written}' differs from "
                            f"'{value}', which the journal decides ({where.get(key, 'journal.yaml')}): the "
                            f"journal's is printed (remove it from metadata.yaml)")
    return warnings


def meta_value(value):
    """A plain value as pandoc metadata."""
    import panflute as pf

    if isinstance(value, dict):
        return pf.MetaMap(**{key: meta_value(inner) for key, inner in value.items()})
    return pf.MetaString(str(value))


def apply(facts: dict, decided: dict, counted: bool = False) -> dict:
    """The filtered document (``press.pipeline.filtered_document``'s facts) with the
    journal's decision in its metadata, and the lines composed from it (the journal
    line, "cite as", the licence) made again: every edition prints the same. ``counted``:
    the page range's last page is the one the PDF ends on (the PDF is made before the
    article's length is known, and printed the same whatever it turns out to be)."""
    import panflute as pf

    from core.names import FIELDS_KEY
    from filters.frontmatter import cite_as, journal_inlines, license_map
    from press.render import prepare_fields

    tree = jsontext.loads(facts["ast"])
    doc = pf.load(io.StringIO(jsontext.dumps({**tree, "blocks": []})))  # the metadata alone: the text is not touched
    meta = doc.metadata
    for key, value in decided.items():
        if key in DEFAULTS and key in meta.content.dict:
            continue
        meta[key] = license_map(value) if key == "license" else meta_value(value)
    meta["journal-line"] = pf.MetaInlines(*journal_inlines(meta.content.dict["journal"], counted))
    meta["cite-as"] = cite_as(meta, facts["lang"], counted)
    meta.content.dict.pop(FIELDS_KEY, None)
    plain = prepare_fields(doc)
    tree["meta"] = doc.to_json()["meta"]
    return {**facts, "ast": jsontext.dumps(tree), "plain": plain}
