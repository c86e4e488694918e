"""The journal's house style for bibliography entries, as a pybtex style.

APA-like, the way Turkish social-science journals print it, with the terms of
the document's language. Every common BibTeX and BibLaTeX type prints what it has::

    Özsoy, K. (2019). *Hazar Jeopolitiği* (2. baskı). Ankara: Nobel.
    Zorlu, E. (2020). Kazakistan. D. Kara ve C. Ak (Ed.), *Orta Asya* içinde (ss. 5–9). Ankara: Seçkin.
    Ozan, V. (2018). *Hazar'da enerji* (Doktora tezi, Ankara Üniversitesi).
    Weitz, R. (2018). *Uzbekistan's New Foreign Policy* (Silk Road Paper No. 5). Washington: CACI.

The style returns pybtex rich text; ``rich_to_inlines`` turns it into panflute
elements so that every edition prints the same text.
"""
from __future__ import annotations

import panflute as pf
from pybtex.richtext import HRef, Protected, String, Symbol, Tag, Text
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.labels.number import LabelStyle
from pybtex.style.names.plain import NameStyle
from pybtex.style.sorting.none import SortingStyle
from pybtex.style.template import (
    FieldIsMissing,
    first_of,
    join,
    node,
    optional,
    sentence,
    tag,
    words,
)

from core.language import ordinal, term
from core.markup import text_to_inlines, unsafe_url
from filters.bibtext import latex_to_rich, month_number, plain

INLINE_TAGS = {"em": pf.Emph, "i": pf.Emph, "strong": pf.Strong, "b": pf.Strong,
               "sup": pf.Superscript, "sub": pf.Subscript, "sc": pf.SmallCaps}


def family_name(person) -> str:
    """``Person("van Dijk, Teun A.")`` → ``"van Dijk"``; ``{Türk Keneşi}`` stays whole."""
    return plain(" ".join(person.prelast_names + person.last_names))


def named(persons) -> tuple[list, bool]:
    """The persons BibTeX names, and whether it ended the list with ``and others``.

    >>> from pybtex.database import Person
    >>> named([Person("Smith, J."), Person("others")])
    ([Person('Smith, J.')], True)
    """
    persons = list(persons or [])
    others = bool(persons) and str(persons[-1]).strip().lower() == "others"
    return (persons[:-1] if others else persons), others


def initials(person) -> str:
    """``"Olzhas"`` → ``"O."``; hyphenated ``"Jean-Paul"`` → ``"J.-P."``."""
    parts = []
    for name in person.first_names + person.middle_names:
        name = plain(name)
        parts.append("-".join(piece[:1] + "." for piece in name.split("-") if piece))
    return " ".join(parts)


def safe_url(url: str) -> str | None:
    """The URL if it is safe to make a link of; ``javascript:`` and the like are not."""
    url = url.strip()
    return None if unsafe_url(url) else url


def long_date(value: str, lang: str) -> str:
    """``2021-01-15`` → ``15 Ocak 2021`` / ``15 January 2021``; anything else as written."""
    parts = value.strip().split("-")
    if len(parts) == 3 and all(part.isdecimal() for part in parts) and 1 <= int(parts[1]) <= 12:
        month = term(lang, "months")[int(parts[1]) - 1]
        return term(lang, "long_date").format(day=int(parts[2]), month=month, year=parts[0])
    return value.strip()


def edition_text(value: str, lang: str) -> str:
    """``2`` → ``2. baskı`` / ``2nd ed.``; an edition written out stays as written."""
    text = plain(value).strip()
    return term(lang, "edition").format(ordinal=ordinal(int(text), lang)) if text.isdecimal() and len(text) < 6 else text


def bibstring(value: str, lang: str) -> str:
    """A BibLaTeX localisation key (``phdthesis``) in the language; other text as written."""
    return term(lang, "bibstrings").get(value.strip(), plain(value))


def joined_names(formatted: list[Text], lang: str) -> Text:
    """``A, B ve C``: commas, and the language's "and" before the last."""
    if len(formatted) == 1:
        return formatted[0]
    return Text(", ").join(formatted[:-1]) + Text(f" {term(lang, 'and')} ") + formatted[-1]


# --- template nodes ---------------------------------------------------------

def required(context, name: str) -> str:
    """The entry's field ``name``; pybtex's "missing" signal (which ``optional[…]``
    catches) when the entry has none."""
    value = context["entry"].fields.get(name)
    if not value:
        raise FieldIsMissing(name, context["entry"])
    return value


@node
def rich_field(children, context, name):
    """A field as rich text (``filters.bibtext``: ``%`` is text, ``\\emph`` is emphasis)."""
    value = required(context, name)
    return latex_to_rich(value)


def with_others(formatted: list, others: bool, lang: str):
    """The names joined; "… vd." / "… et al." after them for BibTeX's ``and others``."""
    if not others:
        return joined_names(formatted, lang)
    return Text(Text(", ").join(formatted), " ", term(lang, "et_al"))


@node
def reference_names(children, context, role="author"):
    """``Caferov, A. ve Aslanlı, A.``: family name, initials; the last joined by "ve"."""
    persons = context["entry"].persons.get(role)
    if not persons:
        raise FieldIsMissing(role, context["entry"])
    persons, others = named(persons)
    formatted = []
    for person in persons:
        name, given = family_name(person), initials(person)
        formatted.append(Text(Protected(f"{name}, {given}" if given else name)))
    return with_others(formatted, others, context["lang"])


@node
def editor_role(children, context):
    """``(Ed.)``, or ``(Eds.)`` for several editors in English."""
    editors = context["entry"].persons.get("editor") or []
    if not editors:
        raise FieldIsMissing("editor", context["entry"])
    return Text(f"({term(context['lang'], 'editors' if len(editors) > 1 else 'editor')})")


@node
def editors_of_book(children, context):
    """A chapter's editors, initials first: ``D. Kara ve C. Ak (Ed.)``."""
    editors = context["entry"].persons.get("editor")
    if not editors:
        raise FieldIsMissing("editor", context["entry"])
    editors, others = named(editors)
    formatted = [Text(Protected(" ".join(filter(None, [initials(person), family_name(person)]))))
                 for person in editors]
    return Text(with_others(formatted, others, context["lang"]), " ", editor_role.format_data(context))


@node
def in_book(children, context):
    """``D. Kara (Ed.), *Orta Asya* içinde`` / ``In D. Kara (Ed.), *Central Asia*``."""
    book = join(sep=", ")[optional[editors_of_book], optional[tag("em")[rich_field("booktitle")]]
                          ].format_data(context)
    if not book:
        raise FieldIsMissing("booktitle", context["entry"])
    before, _, after = term(context["lang"], "in_book").partition("{book}")
    return Text(before, book, after)


@node
def date_label(children, context):
    """``(2020a)``, or ``(2020, 20 Ekim)`` for a dated web item: the label carries a/b."""
    entry, lang = context["entry"], context["lang"]
    text = context["year_label"]
    month = month_number(entry.fields.get("month"))
    if month and entry.type in ("misc", "online"):
        day, name = entry.fields.get("day", "").strip(), term(lang, "months")[month - 1]
        # the pattern holds the day's own punctuation ("{day}. {month}"): no day, the month alone
        shown = term(lang, "label_date").format(day=day, month=name) if day else name
        text += f", {' '.join(shown.split())}"
    return Text(f"({text})")


@node
def link(children, context, name):
    """A field that is a URL, as a link, or as plain text when its scheme is unsafe."""
    value = required(context, name)
    url = plain(value) if "\\" in value else value.strip()
    if name == "doi":
        url = url if url.startswith("http") else f"https://doi.org/{url}"
    target = safe_url(url)
    return HRef(target, url) if target else Text(url)


@node
def accessed(children, context):
    """``(Erişim tarihi: 15 Ocak 2021)`` for web items that record when they were read."""
    value = required(context, "urldate")
    lang = context["lang"]
    return Text(f"({term(lang, 'accessed').format(date=long_date(plain(value), lang))})")


@node
def page_range(children, context, label=False):
    """``10–30`` with an en dash, whatever the .bib used; ``ss. 10–30`` with the label."""
    value = required(context, "pages")
    pages = plain(value).replace("--", "–").replace("-", "–")
    return Text(f"{term(context['lang'], 'pages')} {pages}" if label else pages)


@node
def edition(children, context):
    value = required(context, "edition")
    return Text(edition_text(value, context["lang"]))


@node
def volume(children, context):
    value = required(context, "volume")
    return Text(term(context["lang"], "volume").format(number=plain(value)))


@node
def kind(children, context, default=None):
    """The entry's ``type`` (a BibLaTeX key in the language's words), or a default term."""
    value = context["entry"].fields.get("type")
    if value:
        return Text(bibstring(value, context["lang"]))
    if default and context["entry"].fields.get("number"):
        return Text(term(context["lang"], default))
    raise FieldIsMissing("type", context["entry"])


@node
def report_number(children, context):
    value = required(context, "number")
    return Text(term(context["lang"], "report_number").format(number=plain(value)))


@node
def in_parentheses(children, context):
    """``(part, part)`` of the parts present; nothing when none is."""
    inner = join(sep=", ")[tuple(optional[child] for child in children)].format_data(context)
    if not inner:
        raise FieldIsMissing("any of them", context["entry"])
    return Text("(", inner, ")")


def parenthesised(*parts):
    return optional[in_parentheses[parts]]


def place_and(publisher_fields: tuple[str, ...]):
    """``Ankara: Nobel`` (place and the first publisher field present), or either alone."""
    who = first_of[tuple(optional[rich_field(name)] for name in publisher_fields)]
    return first_of[optional[join(sep=": ")[rich_field("address"), who]], who,
                    optional[rich_field("address")]]


class HouseStyle(BaseStyle):
    """pybtex style for the house format; ``format_reference`` also takes the year label."""

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
            optional[join(sep=" ")[sentence[words[reference_names(role="editor"), editor_role,
                                                  date_label]],
                                   optional[sentence[title]]]],
            optional[sentence[words[title, date_label]]],
            sentence[date_label],
        ]

    def entry(self, title, *middle):
        """Author (Year). Title. …middle… Note. DOI. URL (accessed)."""
        return toplevel[(
            self.head(title),
            *middle,
            optional[sentence[rich_field("note")]],
            optional[sentence(add_period=False)[link(name="doi")]],
            optional[sentence(add_period=False)[words[link(name="url"), optional[accessed]]]],
        )]

    def get_article_template(self, e):
        return self.entry(
            rich_field("title"),
            optional[sentence[join[
                tag("em")[rich_field("journal")],
                # 12(3), or 12, or (3) alone: "Journal (27), 97–111", never "Journal(27)"
                first_of[optional[join[", ", tag("em")[rich_field("volume")], "(", rich_field("number"), ")"]],
                         optional[join[", ", tag("em")[rich_field("volume")]]],
                         optional[join[" (", rich_field("number"), ")"]]],
                optional[join[", ", page_range]],
            ]]],
        )

    get_periodical_template = get_article_template

    def get_book_template(self, e):
        return self.entry(
            words[tag("em")[rich_field("title")], parenthesised(edition, volume)],
            optional[sentence[place_and(("publisher", "organization", "howpublished"))]],
        )

    get_mvbook_template = get_collection_template = get_mvcollection_template = get_book_template
    get_proceedings_template = get_mvproceedings_template = get_book_template
    get_reference_template = get_mvreference_template = get_book_template
    get_manual_template = get_booklet_template = get_book_template

    def get_incollection_template(self, e):
        return self.entry(
            rich_field("title"),
            # its pages and volume also without the book's title (a conference paper's often lacks it)
            first_of[optional[sentence[words[in_book, parenthesised(edition, volume, page_range(label=True))]]],
                     optional[sentence[parenthesised(edition, volume, page_range(label=True))]]],
            optional[sentence[place_and(("publisher", "organization"))]],
        )

    get_inbook_template = get_bookinbook_template = get_incollection_template
    get_inproceedings_template = get_inreference_template = get_incollection_template
    get_suppbook_template = get_suppcollection_template = get_incollection_template

    def get_thesis_template(self, e):
        return self.entry(
            words[tag("em")[rich_field("title")],
                  parenthesised(kind, rich_field("school"), rich_field("address"))],
        )

    def get_report_template(self, e):
        return self.entry(
            words[tag("em")[rich_field("title")],
                  optional[in_parentheses[words[optional[kind(default="report")],
                                                optional[report_number]]]]],
            optional[sentence[place_and(("institution", "publisher", "organization"))]],
        )

    def get_misc_template(self, e):
        return self.entry(
            tag("em")[rich_field("title")],
            optional[sentence[rich_field("howpublished")]],
            optional[sentence[first_of[optional[rich_field("publisher")],
                                       optional[rich_field("organization")]]]],
        )

    get_online_template = get_misc_template


def rich_to_inlines(rich, protect: bool = False) -> list[pf.Inline]:
    """pybtex rich text → panflute inlines (``Tag('em')`` → ``Emph``, ``HRef`` → ``Link``).
    ``protect``: case-protected text (``{NATO}``) as ``Span.nocase``, which CSL
    processors leave in its case.

    >>> rich_to_inlines(Text("Hazar ", Protected("NATO")), protect=True)
    [Str(Hazar), Space, Span(Str(NATO); classes=['nocase'])]
    """
    if isinstance(rich, str):
        return text_to_inlines(rich)
    if isinstance(rich, String):
        return text_to_inlines(rich.value)
    if isinstance(rich, Symbol):
        return text_to_inlines({"ndash": "–", "nbsp": "\u00a0"}.get(rich.name, " "))
    children = [inline for part in rich.parts for inline in rich_to_inlines(part, protect)]
    if isinstance(rich, Tag):
        wrapper = INLINE_TAGS.get(rich.name)
        return [wrapper(*children)] if wrapper else children
    if isinstance(rich, HRef):  # any field's \href: a link only to a safe address
        return [pf.Link(*children, url=rich.url)] if safe_url(rich.url) else children
    if protect and isinstance(rich, Protected):
        return [pf.Span(*children, classes=["nocase"])]
    return children


def author_label(entry, lang: str) -> str:
    """``Aslanlı``; ``Caferov ve Aslanlı``; ``Yılmaz vd.``; an organisation whole."""
    persons, others = named(entry.persons.get("author") or entry.persons.get("editor") or [])
    names = [family_name(person) for person in persons]
    if not names:
        title = entry.fields.get("title")
        return plain(title) if title else entry.key
    if others:
        return f"{names[0]} {term(lang, 'et_al')}"
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} {term(lang, 'and')} {names[1]}"
    return f"{names[0]} {term(lang, 'et_al')}"
