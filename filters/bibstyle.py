"""The journal's house style for bibliography entries, as a pybtex style.

APA-like, the way Turkish social-science journals print it, with the terms of
the document's language::

    Weitz, R. (2018). *Uzbekistan's New Foreign Policy* (Silk Road Paper).
    Central Asia-Caucasus Institute & Silk Road Studies Program.

The style returns pybtex rich text; ``rich_to_inlines`` turns it into panflute
elements so that every edition prints the same text.
"""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlparse

import latexcodec  # noqa: F401 (pybtex imports it on first use; here it loads with the filters)
import panflute as pf
from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.richtext import HRef, Protected, String, Symbol, Tag, Text
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.labels.number import LabelStyle
from pybtex.style.names.plain import NameStyle
from pybtex.style.sorting.none import SortingStyle
from pybtex.style.template import (FieldIsMissing, field, first_of, join, node, optional,
                                   sentence, tag, words)

from filters.language import term
from filters.markup import text_to_inlines

ENGLISH_MONTHS = ["january", "february", "march", "april", "may", "june", "july",
                  "august", "september", "october", "november", "december"]
SAFE_URL_SCHEMES = {"http", "https", "ftp", "mailto"}


# pybtex's render_as("text") looks the backend up among entry points on every
# call (a scan of all installed packages); one backend object serves them all.
PLAIN_TEXT = PlainTextBackend()


def as_text(rich) -> str:
    """Rich text as plain text."""
    return rich.render(PLAIN_TEXT)


@lru_cache(maxsize=None)  # names recur in every label and reference: decode each once
def plain(latex: str) -> str:
    """A BibTeX field as plain text: braces and LaTeX escapes resolved."""
    return as_text(Text.from_latex(latex))


def family_name(person) -> str:
    """``Person("van Dijk, Teun A.")`` → ``"van Dijk"``; ``{Türk Keneşi}`` stays whole."""
    return plain(" ".join(person.prelast_names + person.last_names))


def initials(person) -> str:
    """``"Olzhas"`` → ``"O."``; hyphenated ``"Jean-Paul"`` → ``"J.-P."``."""
    parts = []
    for name in person.first_names + person.middle_names:
        name = plain(name)
        parts.append("-".join(piece[:1] + "." for piece in name.split("-") if piece))
    return " ".join(parts)


def month_number(value: str | None) -> int | None:
    """BibTeX month (``jun`` macro → "June", or "6") as 1–12."""
    if not value:
        return None
    value = value.strip().lower()
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    for number, name in enumerate(ENGLISH_MONTHS, start=1):
        if name.startswith(value[:3]):
            return number
    return None


def safe_url(url: str) -> str | None:
    """The URL if it is safe to make a link of; ``javascript:`` and the like are not."""
    url = url.strip()
    scheme = urlparse(url).scheme.lower()
    return url if scheme in SAFE_URL_SCHEMES else None


@node
def reference_names(children, context, role="author"):
    """``Caferov, A. ve Aslanlı, A.``: family name, initials; the last joined by "ve"."""
    persons = context["entry"].persons.get(role)
    if not persons:
        raise FieldIsMissing(role, context["entry"])
    lang = context["lang"]
    formatted = []
    for person in persons:
        name = family_name(person)
        given = initials(person)
        formatted.append(Text(Protected(f"{name}, {given}" if given else name)))
    if len(formatted) == 1:
        return formatted[0]
    return join(sep=", ", sep2=f" {term(lang, 'and')} ", last_sep=f" {term(lang, 'and')} ")[formatted].format_data(context)


@node
def date_label(children, context):
    """``(2020a)``, or ``(2020, 20 Ekim)`` for a dated web item: the label carries a/b."""
    entry, lang = context["entry"], context["lang"]
    text = context["year_label"]
    month = month_number(entry.fields.get("month"))
    if month and entry.type in ("misc", "online"):
        month_name = term(lang, "months")[month - 1]
        day = entry.fields.get("day", "").strip()
        if lang == "en":
            text += f", {month_name}{' ' + day if day else ''}"
        else:
            text += f", {day + ' ' if day else ''}{month_name}"
    return Text(f"({text})")


@node
def link(children, context, name):
    """A field that is a URL, as a link, or as plain text when its scheme is unsafe."""
    value = context["entry"].fields.get(name)
    if not value:
        raise FieldIsMissing(name, context["entry"])
    url = plain(value) if "\\" in value else value
    if name == "doi":
        url = url if url.startswith("http") else f"https://doi.org/{url}"
    target = safe_url(url)
    return HRef(target, url) if target else Text(url)


@node
def accessed(children, context):
    """``(Erişim tarihi: 2021-05-12)`` for web items that record when they were read."""
    value = context["entry"].fields.get("urldate")
    if not value:
        raise FieldIsMissing("urldate", context["entry"])
    return Text(f"({term(context['lang'], 'accessed')}: {plain(value)})")


@node
def page_range(children, context):
    """``ss. 12–30`` with an en dash, whatever the .bib used."""
    value = context["entry"].fields.get("pages")
    if not value:
        raise FieldIsMissing("pages", context["entry"])
    return Text(plain(value).replace("--", "–").replace("-", "–"))


class HouseStyle(BaseStyle):
    """pybtex style for the house format; ``format_entry`` also takes the year label."""

    def __init__(self, lang: str):
        # pybtex's defaults, given as classes: by name, each is looked up among the
        # entry points of every installed package (3 ms a build). Our templates use none.
        super().__init__(label_style=LabelStyle, name_style=NameStyle, sorting_style=SortingStyle)
        self.lang = lang

    def format_reference(self, entry, year_label: str) -> Text:
        context = {"entry": entry, "style": self, "bib_data": None,
                   "lang": self.lang, "year_label": year_label}
        template = getattr(self, f"get_{entry.type.lower()}_template", self.get_misc_template)
        return template(entry).format_data(context)

    def head(self, title):
        """``Author (Year). Title.``; with no author the editors lead, then the title."""
        return first_of[
            optional[join(sep=" ")[sentence[words[reference_names, date_label]],
                                   optional[sentence[title]]]],
            optional[join(sep=" ")[sentence[words[reference_names(role="editor"), date_label]],
                                   optional[sentence[title]]]],
            optional[sentence[words[title, date_label]]],
            sentence[date_label],
        ]

    def entry(self, title, *middle):
        """Author (Year). Title. …middle… DOI. URL (accessed)."""
        return toplevel[(
            self.head(title),
            *middle,
            optional[sentence(add_period=False)[link(name="doi")]],
            optional[sentence(add_period=False)[words[link(name="url"), optional[accessed]]]],
        )]

    def get_article_template(self, e):
        return self.entry(
            field("title"),
            optional[sentence[join[
                tag("em")[field("journal")],
                optional[join[", ", tag("em")[field("volume")]]],
                optional[join["(", field("number"), ")"]],
                optional[join[", ", page_range]],
            ]]],
        )

    def get_book_template(self, e):
        return self.entry(
            tag("em")[field("title")],
            optional[sentence[first_of[
                optional[join(sep=": ")[field("address"), field("publisher")]],
                optional[field("publisher")],
            ]]],
        )

    def get_incollection_template(self, e):
        lang = self.lang
        return self.entry(
            field("title"),
            optional[sentence[words[
                optional[join[reference_names(role="editor"), f" ({term(lang, 'editor')})"]],
                tag("em")[field("booktitle")],
                term(lang, "in") if lang == "tr" else "",
                optional[join["(", term(lang, "pages"), " ", page_range, ")"]],
            ]]],
            optional[sentence[field("publisher")]],
        )

    get_inbook_template = get_incollection_template
    get_inproceedings_template = get_incollection_template

    def get_techreport_template(self, e):
        return self.entry(
            words[tag("em")[field("title")],
                  optional[join["(", field("type"), optional[join[" ", field("number")]], ")"]]],
            optional[sentence[field("institution")]],
        )

    get_report_template = get_techreport_template

    def get_misc_template(self, e):
        return self.entry(
            tag("em")[field("title")],
            optional[sentence[field("howpublished")]],
            optional[sentence[field("publisher")]],
        )

    get_online_template = get_misc_template


def rich_to_inlines(rich) -> list[pf.Inline]:
    """pybtex rich text → panflute inlines (``Tag('em')`` → ``Emph``, ``HRef`` → ``Link``)."""
    if isinstance(rich, str):
        return text_to_inlines(rich)
    if isinstance(rich, String):
        return text_to_inlines(rich.value)
    if isinstance(rich, Symbol):
        return text_to_inlines({"ndash": "–", "nbsp": "\u00a0"}.get(rich.name, " "))
    children = [inline for part in rich.parts for inline in rich_to_inlines(part)]
    if isinstance(rich, Tag):
        wrapper = {"em": pf.Emph, "i": pf.Emph, "strong": pf.Strong, "b": pf.Strong}.get(rich.name)
        return [wrapper(*children)] if wrapper else children
    if isinstance(rich, HRef):
        return [pf.Link(*children, url=rich.url)]
    return children
