"""What every edition's templates share: the jinja2 environments, the variables
each template sees, and the scholarly metadata derived from the plain-text fields.

>>> year_of({"date": "2021-06-30"})
'2021'
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

import jinja2

from core.language import pack
from core.markup import page_range, typst_string
from core.names import REFERENCE_LIST_KEY, TIMELINE_ID
from core.templatepath import TemplatePath
from core.templating import template_environment


# One per edition, escaping and search path: its templates stay loaded (watch, serve).
@lru_cache(maxsize=None)
def environment(edition: str, autoescape: bool, templates: TemplatePath) -> jinja2.Environment:
    """The edition's templates: its own folder, then the web editions' ``shared/``,
    in each folder of the search path (a journal's file of a name wins)."""
    # LaTeX writes `{#1}` for macro arguments: its templates mark comments `{## … ##}`.
    comments = ("{##", "##}") if edition == "latex" else ("{#", "#}")
    env = template_environment(templates.subfolders(edition, "shared"),
                               autoescape=autoescape, trim_blocks=True, lstrip_blocks=True,
                               keep_trailing_newline=True, undefined=jinja2.ChainableUndefined,
                               comment_start_string=comments[0], comment_end_string=comments[1])
    env.filters["typst_string"] = typst_string
    env.filters["jsonld"] = jsonld
    env.filters["first_page"] = first_page
    env.filters["long_date"] = long_date
    return env


def long_date(value: str, lang: str) -> str:
    """An ISO date in the language's long form, as the chronology writes dates; anything
    else as written.

    >>> long_date("2021-06-30", "de"), long_date("2024-12", "tr"), long_date("summer", "en")
    ('30. Juni 2021', 'Aralık 2024', 'summer')
    """
    from filters.dates import DateError, format_long, parse_iso

    try:
        return format_long(parse_iso(str(value)), lang)
    except DateError:
        return str(value)


def first_page(pages: str) -> str:
    """A page range's first page when it is a number (the folio a PDF starts at), else "".

    >>> first_page("115-142"), first_page("e12"), first_page("")
    ('115', '', '')
    """
    first = page_range(pages)[0]
    return first if first.isascii() and first.isdecimal() else ""  # Typst reads ASCII digits only


def jsonld(value) -> str:
    """JSON for a <script> element: "</script>" inside a title cannot close it."""
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def publisher(plain: dict) -> str | None:
    """Who publishes the article: the journal's publisher, else whoever registers its DOI.

    >>> publisher({"journal": {"name": "J"}, "crossref": {"registrant": "P"}})
    'P'
    """
    return (plain.get("journal") or {}).get("publisher") or (plain.get("crossref") or {}).get("registrant")


def scholarly_article(plain: dict, lang: str, pdf_url: str, image: str | None = None) -> dict:
    """schema.org ScholarlyArticle from the plain-text metadata; absent fields stay out."""
    journal = plain.get("journal") or {}
    article = {"@context": "https://schema.org", "@type": "ScholarlyArticle",
               "headline": plain.get("title"), "name": plain.get("title"), "inLanguage": lang,
               "url": plain.get("url"), "image": image,
               "publisher": {"@type": "Organization", "name": publisher(plain)} if publisher(plain) else None,
               "alternativeHeadline": (plain.get("translation") or {}).get("title"),
               "abstract": plain.get("abstract"), "datePublished": plain.get("date"),
               "keywords": ", ".join(plain.get("keywords") or []) or None,
               "encoding": {"@type": "MediaObject", "contentUrl": pdf_url,
                            "encodingFormat": "application/pdf"},
               "author": [{"@type": "Person", "name": a.get("name"),
                           **({"affiliation": {"@type": "Organization", "name": a["affiliation"]}}
                              if a.get("affiliation") else {}),
                           **({"identifier": f"https://orcid.org/{a['orcid']}"} if a.get("orcid") else {})}
                          for a in plain.get("authors") or []] or None,
               "identifier": f"https://doi.org/{plain['doi']}" if plain.get("doi") else None,
               "isPartOf": {"@type": "PublicationIssue", "issueNumber": journal.get("issue"),
                            "isPartOf": {"@type": "PublicationVolume", "volumeNumber": journal.get("volume"),
                                         "isPartOf": {"@type": "Periodical", "name": journal.get("name")}}}
               if journal.get("name") else None,
               "pagination": journal.get("pages"),
               "citation": [{"@type": "CreativeWork", "name": ref}
                            for ref in plain.get(REFERENCE_LIST_KEY) or []] or None}
    return {key: value for key, value in article.items() if value}


def year_of(plain: dict) -> str:
    return str(plain.get("date", ""))[:4]


def language_parts(tag: str) -> tuple[str, str]:
    """A BCP 47 tag's language and region, as Typst and LaTeX take them.

    >>> language_parts("tr-TR"), language_parts("sr-Latn-RS"), language_parts("en")
    (('tr', 'TR'), ('sr', 'RS'), ('en', ''))
    """
    parts = tag.split("-")
    region = next((p.upper() for p in parts[1:] if re.fullmatch(r"[A-Za-z]{2}", p)), "")
    return parts[0].lower(), region


def context(job, rendered, edition: str) -> dict:
    """The variables every template sees; absent metadata is simply absent."""
    translation = rendered.plain.get("translation") or {}
    language, region = language_parts(job.lang)
    return {"language": language, "region": region, "timeline_id": TIMELINE_ID,
            "translation_language": language_parts(translation.get("lang") or "en")[0],
            "meta": rendered.meta, "plain": rendered.plain, "body": rendered.body,
            "toc": rendered.toc, "highlighting": rendered.highlighting,
            "terms": job.terms, "lang": job.lang, "slug": job.slug,
            "edition": edition, "year": year_of(rendered.plain),
            "translation_terms": pack(translation.get("lang", "en"))}
