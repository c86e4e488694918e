"""The journal's static site: the home page with its issues, a page per issue (its
contents with authors, pages, DOI and every edition), the archive and the search
page, in each interface language the journal names (the first at the site's root,
the others under ``/<lang>/``, each page linking the others with ``hreflang``); the
articles' landing pages are their HTML editions. Beside them: ``sitemap.xml`` and
an Atom feed (``feed.xml``), built as XML trees (every value escaped).

>>> page_path("issues/2024-1/", "en", ("tr", "en")), page_path("", "tr", ("tr", "en"))
('en/issues/2024-1/index.html', 'index.html')
>>> up("en/issues/2024-1/index.html")
'../../../'
"""
from __future__ import annotations

import datetime

from lxml import etree

from core.language import pack

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
LANGUAGE_NAMES = {"tr": "Türkçe", "en": "English", "de": "Deutsch"}


def issue_pdf_path(issue) -> str:
    return f"issues/{issue.id}/{issue.id}.pdf"


def page_path(address: str, lang: str, languages: tuple[str, ...]) -> str:
    """The file of a site page (``address``: its folder under the root, "" for home)."""
    prefix = "" if lang == languages[0] else f"{lang}/"
    return f"{prefix}{address}index.html"


def up(path: str) -> str:
    """The way from a page to the site's root."""
    return "../" * path.count("/")


def site_pages(journal, listing: list[tuple], templates, timestamp: int | None) -> dict[str, bytes]:
    """Every page of the site, its stylesheet and search script, the feed and the sitemap.
    ``listing``: (issue, [article summaries]) of every published issue, oldest first."""
    from press.templates import environment

    env = environment("site", True, templates)
    newest = [{"issue": issue, "articles": articles} for issue, articles in reversed(listing)]
    pages = {"": ("home.html.j2", {"latest": newest[0] if newest else None}),
             "archive/": ("archive.html.j2", {}), "search/": ("search.html.j2", {})}
    for entry in newest:
        pages[f"issues/{entry['issue'].id}/"] = ("issue.html.j2", {
            **entry, "issue_pdf": issue_pdf_path(entry["issue"])})
    files = {}
    for address, (name, extra) in pages.items():
        for lang in journal.languages:
            path = page_path(address, lang, journal.languages)
            root = up(path)
            home = root + ("" if lang == journal.languages[0] else f"{lang}/")
            alternates = [{"lang": other, "name": LANGUAGE_NAMES.get(other, other),
                           "url": f"{journal.url}/{page_path(address, other, journal.languages)[:-len('index.html')]}",
                           "relative": root + page_path(address, other, journal.languages)[:-len("index.html")]}
                          for other in journal.languages]
            html = env.get_template(name).render(journal=journal, lang=lang, terms=pack(lang), root=root, home=home,
                                                 alternates=alternates, issues=newest, languages=journal.languages,
                                                 **extra)
            files[path] = html.encode("utf-8")
    files["site.css"] = templates.find("site/style.css").read_bytes()
    files["search.js"] = templates.find("site/search.js").read_bytes()
    files["feed.xml"] = feed(journal, newest, timestamp)
    files["sitemap.xml"] = sitemap(journal, list(pages), newest)
    return files


def when(date: str) -> str:
    """An RFC 3339 time of a date (noon UTC of a day, the first day of a month or year).

    >>> when("2024-06"), when("2024-06-30")
    ('2024-06-01T12:00:00Z', '2024-06-30T12:00:00Z')
    """
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return datetime.datetime(parts[0], parts[1], parts[2], 12, tzinfo=datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


def atom(parent, tag: str, text: str | None = None, **attributes):
    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def feed(journal, newest: list[dict], timestamp: int | None) -> bytes:
    """The journal's Atom feed: every article, newest issue first."""
    root = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    root.set("{http://www.w3.org/XML/1998/namespace}lang", journal.languages[0])
    atom(root, "title", journal.name)
    atom(root, "id", f"{journal.url}/")
    atom(root, "link", href=f"{journal.url}/")
    atom(root, "link", rel="self", href=f"{journal.url}/feed.xml")
    dates = [entry["issue"].date for entry in newest]
    atom(root, "updated", when(max(dates)) if dates else when("1970"))
    if journal.publisher:
        atom(atom(root, "author"), "name", journal.publisher)
    for entry in newest:
        for article in entry["articles"]:
            item = atom(root, "entry")
            atom(item, "title", article["title"])
            atom(item, "id", f"https://doi.org/{article['doi']}" if article["doi"] else article["url"])
            atom(item, "link", href=article["url"])
            atom(item, "updated", when(article["date"] or entry["issue"].date))
            for author in article["authors"]:
                atom(atom(item, "author"), "name", author["name"])
            if article["abstract"]:
                atom(item, "summary", article["abstract"])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def sitemap(journal, addresses: list[str], newest: list[dict]) -> bytes:
    """Every page: the site's in each language (with its alternates), and each article's."""
    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "xhtml": XHTML})
    for address in addresses:
        for lang in journal.languages:
            url = etree.SubElement(root, f"{{{SITEMAP}}}url")
            location = etree.SubElement(url, f"{{{SITEMAP}}}loc")
            location.text = f"{journal.url}/{page_path(address, lang, journal.languages)[:-len('index.html')]}"
            for other in journal.languages:
                etree.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=other,
                                 href=f"{journal.url}/{page_path(address, other, journal.languages)[:-len('index.html')]}")
    for entry in newest:
        for article in entry["articles"]:
            url = etree.SubElement(root, f"{{{SITEMAP}}}url")
            etree.SubElement(url, f"{{{SITEMAP}}}loc").text = article["url"]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
