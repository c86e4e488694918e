"""The article's metadata schema: the one list of keys an article may set, what each
holds and how the metadata stage checks it (the README's table follows it), with the
identifier checks and vocabularies the editions share (CRediT roles, licences).

>>> bcp47("tr-TR"), bcp47("tr_TR")
(True, False)
>>> license_of("CC-BY-NC-4.0"), license_of("CC BY 4.0")[1]
(('CC BY-NC 4.0', 'https://creativecommons.org/licenses/by-nc/4.0/'), 'https://creativecommons.org/licenses/by/4.0/')
>>> issn_valid("1234-5679"), issn_valid("2146-1234")
(True, False)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from core.names import INTERNAL_KEYS
from core.options import DEFAULTS as OPTION_DEFAULTS


@dataclass(frozen=True)
class Key:
    """One metadata key: what it holds (for the README) and how it is checked.
    ``check``: "text" (Markdown), "id" (taken as written), "lang", "date", "orcid",
    "doi", "email", "url", "bool", "list" (of text; one text is a list of one),
    "credit" (CRediT roles), "issn" (with its check digit), "article-type" (``ARTICLE_TYPES``), "map", "text-or-map" (a statement, or the map's fields),
    "affiliations" (a name or a list of names and ``{name, ror}``), "options" (``false``,
    or the map of a stage's options), "raw" (the author's own markup, kept: only
    ``header-includes``)."""
    summary: str
    check: str = "text"
    fields: dict = field(default_factory=dict)   # of a map (or of each item of a list of maps)
    many: bool = False                           # a list of maps
    text_is: str = ""                            # a map's field that a text alone is (``journal: Name``)


PERSON = {
    "name": Key("the author's name as printed", "text"),
    "affiliation": Key("an institution, or a list of them (shared ones are numbered once)",
                       "affiliations", {"name": Key("the institution"), "ror": Key("its ROR id", "ror")}),
    "orcid": Key("ORCID iD, e.g. 0000-0002-1825-0097", "orcid"),
    "email": Key("e-mail address", "email"),
    "corresponding": Key("true for the corresponding author", "bool"),
    "equal-contrib": Key("true for authors who contributed equally (marked †); JOSS's key, Quarto's "
                         "`equal-contributor`", "bool"),
    "roles": Key("CRediT roles, e.g. [conceptualization, writing-original-draft]", "credit"),
    "ror": Key("ROR id of the affiliation, e.g. https://ror.org/03a5qrr21 or 03a5qrr21", "ror"),
    "surname": Key("the family name, when it is not the name's last word (JATS, Crossref)"),
    "note": Key("a note on the author, printed under the authors with its mark (a footnote in the name "
                "is read as one)"),
}


SCHEMA: dict[str, Key] = {
    "lang": Key("language of the text, a BCP 47 tag: tr, en, tr-TR", "lang"),
    "title": Key("the title (required)"),
    "subtitle": Key("the subtitle"),
    "short-title": Key("the running head's title"),
    "abstract": Key("the abstract"),
    "keywords": Key("keywords, a list", "list"),
    "translation": Key("the title, abstract and keywords in the other language", "map", {
        "lang": Key("its language", "lang"), "title": Key("translated title"),
        "subtitle": Key("translated subtitle"), "abstract": Key("translated abstract"),
        "keywords": Key("translated keywords", "list")}),
    "authors": Key("the authors, each a map", "map", PERSON, many=True),
    "author": Key("pandoc's key: read like `authors` (names, or maps)", "any"),
    "journal": Key("the journal: a map, or its name alone (`journal: Journal of X`, as pandoc templates "
                   "take it)", "map", text_is="name", fields={
        "name": Key("journal name"), "volume": Key("volume", "id"), "issue": Key("issue", "id"),
        "pages": Key("pages, e.g. 45-67", "id"), "issn": Key("print ISSN, e.g. 1234-5679", "issn"),
        "eissn": Key("electronic ISSN", "issn"),
        "publisher": Key("the publisher's name (JATS's publisher-name; default: crossref.registrant)"),
        "abbreviation": Key("the journal's ISO 4 abbreviation (JATS, Crossref)"),
        "url": Key("the journal's web site", "url")}),
    "article-type": Key("the article's type: research-article (default), review-article, editorial, "
                        "book-review, brief-report, case-report, letter, correction (JATS's article-type)",
                        "article-type"),
    "subject": Key("the heading(s) under which the journal lists the article (default: its type's name)", "list"),
    "doi": Key("the article's DOI, e.g. 10.1234/abc.2021.5", "doi"),
    "url": Key("the article's landing page", "url"),
    "date": Key("publication date: 2021-06-30, 30 June 2021, June 30, 2021, 30 Haziran 2021, 2021-06, "
                "2021; Quarto's `today` or `last-modified` (SOURCE_DATE_EPOCH, else the newest source file)",
                "date"),
    "received": Key("date received (YYYY-MM-DD)", "date"),
    "revised": Key("date revised (YYYY-MM-DD)", "date"),
    "accepted": Key("date accepted (YYYY-MM-DD)", "date"),
    "published": Key("date published online (YYYY-MM-DD)", "date"),
    "license": Key("license: an SPDX id (CC-BY-4.0, CC-BY-NC-4.0, CC0-1.0…) or a URL", "id"),
    "copyright": Key("copyright holder line, e.g. © 2021 The Authors"),
    "acknowledgements": Key("acknowledgements (back matter)"),
    "funding": Key("funding statement (back matter)"),
    "conflict-of-interest": Key("conflict of interest statement (back matter)"),
    "data-availability": Key("data availability statement (back matter)"),
    "ethics": Key("ethics approval: a statement, or {board, date, number}", "text-or-map", {
        "board": Key("the approving board"), "date": Key("the approval's date", "date"),
        "number": Key("the approval's number", "id")}),
    "author-contributions": Key("author contributions statement (or each author's `roles`)"),
    "slug": Key("output file names: letters, digits and -", "id"),
    "bibliography": Key("the .bib files, relative to manuscript/ (default: bibliography/*.bib)", "any"),
    "nocite": Key('works listed without being cited: "@key1, @key2" or "@*"', "any"),
    "references": Key("the works themselves, as pandoc's CSL YAML (- id: key, type: book, title: …): read "
                      "with the bibliography files", "any"),
    "bibliography-title": Key("the reference list's title (default: Kaynakça / References)"),
    "csl": Key("a CSL style by name (apa, isnad-metinici…) or a .csl file of the project", "id"),
    "chronology": Key("the chronology appendix: false, or options (below)", "options", {
        name: Key(f"default {default}", "bool" if isinstance(default, bool) else "text")
        for name, default in OPTION_DEFAULTS["chronology"].items() if name != "enabled"}),
    "docx": Key("the DOCX edition's options", "options", {
        name: Key(f"default {default}", "bool") for name, default in OPTION_DEFAULTS["docx"].items()}),
    "crossref": Key("who deposits the DOI with Crossref (the crossref edition)", "map", {
        "depositor": Key("the depositor's name"), "email": Key("the depositor's e-mail", "email"),
        "registrant": Key("the organisation that registers the DOI")}),
    "metadata-files": Key("YAML files of metadata read under the front matter's (Quarto's), each path from "
                          "the file naming it", "list"),
    "header-includes": Key("raw markup for the editions' preambles (refused with --untrusted)", "raw"),
}


# Keys the build writes for its own use: known, not checked here.
KNOWN = set(SCHEMA) | INTERNAL_KEYS


def _foreign(why: str, keys: str) -> dict[str, str]:
    return {key: why for key in keys.split()}


# Keys other tools read that this build does not use: each left out with its reason
# (``filters.dialects``), not reported as unknown.
FOREIGN: dict[str, str] = {
    **_foreign("Quarto's and R Markdown's output formats: the editions are named on the command line "
               "(python build.py pdf html …)", "output"),
    **_foreign("an option of papaja's APA template: each edition has its own layout", "annotate_references "
               "floatsintext figurelist tablelist footnotelist linenumbers draft figsintext wordcount"),
    "format": "Quarto's output formats: the editions are named on the command line (python build.py pdf html …); "
              "the bibliography, csl, lang and metadata-files a format names are read as the document's",
    **_foreign("the build runs no code: a code chunk is shown as its code, or left out where its author hides "
               "it (echo: false)", "execute jupyter engine knitr echo freeze"),
    **_foreign("an option of Quarto's renderer or project", "editor filters draft resources website book "
               "keep-md comments notebook-links date-format title-block-banner lightbox code-fold "
               "citation-location reference-location fig-cap-location tbl-cap-location crossref"),
    **_foreign("an option of pandoc's writers: the editions set their own (contents, numbered sections, "
               "linked citations)", "toc toc-title toc-depth number-sections link-citations link-bibliography"),
    **_foreign("a setting of a LaTeX template: each edition has its own layout", "keep-tex documentclass "
               "classoption documentclass_options fontsize geometry fontfamily mainfont papersize colorlinks "
               "linkcolor urlcolor citecolor numbersections lineno natbib biblatex biblio-style template "
               "fancyhdrtitle usehancyhdr section-titles bibtex include-in-header include-before-body"),
    **_foreign("an option of pandoc-crossref: labels are the language's words (core/languages)",
               "figureTitle tableTitle listingTitle figPrefix eqnPrefix tblPrefix lstPrefix secPrefix "
               "lofTitle lotTitle lolTitle chapters chaptersDepth numberSections sectionsDepth secLabels "
               "figLabels tblLabels eqLabels subfigColumns subfigGrid tableTemplate figureTemplate "
               "subfigureTemplate linkReferences nameInLink cref listings codeBlockCaptions subfigLabels "
               "chapDelim rangeDelim pairDelim lastDelim refDelim titleDelim ccsDelim ccsLabelSep ccsTemplate "
               "figPrefixTemplate tblPrefixTemplate eqnPrefixTemplate lstPrefixTemplate secPrefixTemplate "
               "eqnIndexTemplate eqnBlockTemplate eqnInlineTemplate equationNumberTeX listingTemplate "
               "secHeaderTemplate secHeaderDelim setLabelAttribute tableEqns autoEqnLabels lofItemTemplate "
               "lotItemTemplate lolItemTemplate"),
    **_foreign("an option of pandoc-crossref this build always follows: @sec:ID names each section",
               "autoSectionLabels"),
    **_foreign("JOSS's key for a submission to an AAS journal: this build does not use it",
               "aas-doi aas-journal"),
}


# A Quarto project's layout (_quarto.yml): read for its article (``manuscript: {article:
# paper.qmd}``, ``press.manuscript.quarto_article``), nothing an edition prints: left out
# without a word.
PROJECT_LAYOUT = ("project", "manuscript")


ROR_ID = re.compile(r"0[a-hj-km-np-tv-z0-9]{6}\d{2}")


def ror_address(value: str) -> str:
    """A ROR id as its address; an address as it is.

    >>> ror_address("04ge02x20"), ror_address("https://ror.org/04ge02x20")
    ('https://ror.org/04ge02x20', 'https://ror.org/04ge02x20')
    """
    value = value.strip()
    return f"https://ror.org/{value}" if ROR_ID.fullmatch(value) else value


IDENTIFIER_CHECKS = {"id", "lang", "date", "orcid", "doi", "email", "url", "issn", "article-type", "ror"}
# The article types a JATS edition names (JATS4R's and PMC's values for ``article-type``);
# each one's name, in every language, heads the article when no ``subject`` is given.
ARTICLE_TYPES = ("research-article", "review-article", "editorial", "book-review", "brief-report",
                 "case-report", "letter", "correction")
# The CRediT taxonomy (ANSI/NISO Z39.104-2022): each role's key → its term, spelled as
# JATS4R's CRediT recommendation has it in its vocabulary (the JATS edition's vocab-term
# must be exactly this; the text shows the role's name in the document's language).
CREDIT_VOCABULARY = "https://credit.niso.org/"
CREDIT_TERMS = {
    "conceptualization": "Conceptualization", "data-curation": "Data curation",
    "formal-analysis": "Formal Analysis", "funding-acquisition": "Funding acquisition",
    "investigation": "Investigation", "methodology": "Methodology",
    "project-administration": "Project administration", "resources": "Resources", "software": "Software",
    "supervision": "Supervision", "validation": "Validation", "visualization": "Visualization",
    "writing-original-draft": "Writing – original draft", "writing-review-editing": "Writing – review & editing",
}
# A DOI as Crossref registers it: "10.", a registrant code of 4 to 9 digits, "/" and a
# suffix of at most 200 characters without spaces (Crossref's schema, doi_t).
DOI = re.compile(r"10\.\d{4,9}/\S{1,200}")


def bcp47(tag: str) -> bool:
    """A language tag as BCP 47 writes it: ``tr``, ``en-GB``, ``sr-Latn-RS``."""
    return bool(re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", tag))


def orcid_valid(value: str) -> bool:
    """Four groups of four digits, the last character an ISO 7064 11-2 check digit.

    >>> orcid_valid("0000-0002-1825-0097"), orcid_valid("0000-0002-1825-0098")
    (True, False)
    """
    if not re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", value):
        return False
    total = 0
    for digit in value.replace("-", "")[:-1]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    return value[-1] == ("X" if check == 10 else str(check))


def issn_valid(value: str) -> bool:
    """Eight characters in two groups of four, the last an ISO 3297 check digit (or X)."""
    if not re.fullmatch(r"\d{4}-\d{3}[\dX]", value):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value.replace("-", "")[:7], range(8, 1, -1)))
    check = (11 - total % 11) % 11
    return value[-1] == ("X" if check == 10 else str(check))


# The taxonomy's first names (CASRAI's, 2014), which papaja's template and many papers
# still write: "Writing - Original Draft Preparation"
CREDIT_FORMER_NAMES = {"writing-original-draft-preparation": "writing-original-draft"}


def credit_key(role) -> str:
    """A CRediT role as the taxonomy names it, however it was written.

    >>> credit_key("Writing – review & editing"), credit_key("Data Curation")
    ('writing-review-editing', 'data-curation')
    >>> credit_key("Writing - Original Draft Preparation")
    'writing-original-draft'
    """
    key = "-".join(re.findall(r"[a-z]+", str(role).lower()))
    return CREDIT_FORMER_NAMES.get(key, key)


def credit_role(role) -> str | None:
    """The CRediT key of a role as written, or None if the taxonomy has no such role
    (the JATS edition tags each author's roles with these keys).

    >>> credit_role("Writing – review & editing"), credit_role("data-curation"), credit_role("x")
    ('writing-review-editing', 'data-curation', None)
    """
    key = credit_key(role)
    return key if key in CREDIT_TERMS else None


def license_of(value: str) -> tuple[str, str | None]:
    """An SPDX id's name and URL (Creative Commons), or the value itself."""
    match = re.fullmatch(r"CC[-\s](BY(?:[-\s]NC)?(?:[-\s]SA|[-\s]ND)?)[-\s](\d\.\d)", value.strip(), re.I)
    if match:
        parts, version = re.sub(r"\s", "-", match.group(1).upper()), match.group(2)
        return (f"CC {parts} {version}",
                f"https://creativecommons.org/licenses/{parts.lower()}/{version}/")
    if re.fullmatch(r"CC0-1\.0", value.strip(), re.I):
        return "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"
    if urlparse(value).scheme in ("http", "https"):
        return value, value
    return value, None
