"""Every internal link points at something: ``[see](#giris)`` needs an element ``#giris``;
and no link, whoever made it, goes to a ``javascript:`` address.

Runs last, after the filters that add links (citations, chronology), so a broken
link anywhere stops the build with the file and line of the link.

Stand-alone: ``pandoc -F filters/links.py``.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urljoin

if __name__ == "__main__":  # pandoc -F filters/NAME.py
    import standalone; standalone.run(__file__)  # noqa: E702, I001

import panflute as pf

from core.diagnostics import NamedFirst, error, locate, warn
from core.markup import (
    scheme_of,
    unsafe_url,  # (importing it lets panflute read raw Typst blocks)
)
from core.names import ENTRY_PREFIX, WRITERS_ID_PATTERN, WRITERS_IDS
from filters.elements import ancestors, descendants, siblings


def links_and_ids(doc: pf.Doc) -> tuple[list[pf.Link], set[str]]:
    """Every link, in document order, and every identifier, in one walk."""
    links: list[pf.Link] = []
    known: set[str] = set()
    for element in descendants(doc):
        identifier = getattr(element, "identifier", "")
        if identifier:
            known.add(identifier)
        if isinstance(element, pf.Link):
            links.append(element)
    return links, known


def as_words(links: list[pf.Link], taken: list[pf.Link]) -> list[pf.Link]:
    """Each link of ``taken`` (in document order) replaced by its words; the links left.

    >>> doc = pf.Doc(pf.Para(pf.Link(pf.Str("a"), url="x"), pf.Link(pf.Str("b"), url="y")))
    >>> links, _ = links_and_ids(doc); [link.url for link in as_words(links, links[:1])], pf.stringify(doc).strip()
    (['y'], 'ab')
    """
    for link in reversed(taken):  # the last first: an earlier one's index in its list stays right
        siblings(link)[link.index:link.index + 1] = list(link.content)
    gone = {id(link) for link in taken}  # panflute's elements are equal by value: by identity
    return [link for link in links if id(link) not in gone]


def unnested(doc: pf.Doc, links: list[pf.Link]) -> list[pf.Link]:
    """A link in another link's words (an address, a citation, a cross-reference) as its
    words, with a warning at its place: HTML and EPUB hold no link in a link, JATS no
    ``<xref>`` in an ``<ext-link>``; the outer link is the one the reader follows. The
    links left.

    >>> doc = pf.Doc(pf.Para(pf.Link(pf.Str("see"), pf.Space, pf.Link(pf.Str("x"), url="#x"), url="https://e.org")))
    >>> links, _ = links_and_ids(doc); [link.url for link in unnested(doc, links)], pf.stringify(doc).strip()
    (['https://e.org'], 'see x')
    """
    nested = [link for link in links if any(isinstance(outer, pf.Link) for outer in ancestors(link))]
    named = NamedFirst()
    for link in reversed(nested):  # told in the order they were before: the last first
        words = pf.stringify(pf.Plain(*link.content)).strip()
        target = link.url[1:].removeprefix(ENTRY_PREFIX) if link.url.startswith("#") else ""
        if named.take():
            path, line = locate(doc, re.escape(link.url) if "://" in link.url else rf"@{re.escape(target)}\b"
                                if target else re.escape(words[:40]))
            warn(f"a link inside another link's words ('{words[:40]}'): only the outer link is kept, "
                 "this one is its words", path, line, hint="take it out of the other link's [words]")
    named.report("links inside links", "see the warnings above")
    return as_words(links, nested)


def addressless(doc: pf.Doc, links: list[pf.Link]) -> list[pf.Link]:
    """A link with no address (``[words]()``) as its words, with a warning at its place:
    it leads nowhere, and Typst refuses it. The links left.

    >>> doc = pf.Doc(pf.Para(pf.Link(pf.Str("Empty"), url=""), pf.Str(".")))
    >>> links, _ = links_and_ids(doc); addressless(doc, links), pf.stringify(doc).strip()
    ([], 'Empty.')
    """
    empty = [link for link in links if not link.url.strip()]
    named = NamedFirst()
    for link in reversed(empty):  # told the last first, as in ``unnested``
        words = pf.stringify(pf.Plain(*link.content)).strip()
        if named.take():
            path, line = locate(doc, re.escape(f"[{words}]") + r"\(\s*\)")
            warn(f"the link '{words[:40]}' has no address: it is printed as its words", path, line,
                 hint="give it its address: [words](https://…), or write the words alone")
    named.report("links with no address", "see the warnings above")
    return as_words(links, empty)


def notes_after_links(links: list[pf.Link]) -> None:
    """A note written in a link's words stands right after the link: its mark is a link
    of its own (HTML and EPUB hold no link in a link), and a reader who follows the
    link would never reach the note.

    >>> doc = pf.Doc(pf.Para(pf.Link(pf.Str("see"), pf.Note(pf.Para(pf.Str("n"))), url="https://e.org"), pf.Str(".")))
    >>> links, _ = links_and_ids(doc); notes_after_links(links); [type(i).__name__ for i in doc.content[0].content]
    ['Link', 'Note', 'Str']
    """
    for link in reversed(links):  # the last first: an earlier link's index in its list stays right
        notes = [element for element in descendants(link) if isinstance(element, pf.Note)]
        for note in reversed(notes):
            siblings(note).pop(note.index)
        if notes:
            siblings(link)[link.index + 1:link.index + 1] = notes
            for note in notes:  # where it stands now (panflute's slice assignment does not tell it)
                note.parent, note.location = link.parent, link.location


def broken_links(links: list[pf.Link], known: set[str]) -> list[str]:
    """Targets of ``#…`` links with no element of that id, in document order.

    >>> broken_links([pf.Link(url="#a"), pf.Link(url="#b"), pf.Link(url="#b")], {"a"})
    ['b']
    """
    return list(dict.fromkeys(link.url[1:] for link in links
                              if link.url.startswith("#") and link.url[1:] not in known))


def defuse_unsafe_links(doc: pf.Doc, links: list[pf.Link]) -> None:
    """The last guard, whatever stage made the link (a ``.bib``'s ``\\href``, a
    raw-free author link): one to a ``javascript:`` or another unsafe address is its
    text, with a warning naming it. Its id stays, so a ``#…`` link to it still lands.

    >>> doc = pf.Doc(pf.Para(pf.Link(pf.Str("x"), url="javascript:f()", identifier="a")))
    >>> defuse_unsafe_links(doc, [doc.content[0].content[0]])
    >>> doc.content[0].content[0]
    Span(Str(x); identifier='a')
    """
    for link in links:
        if unsafe_url(link.url) or not_a_uri(link.url):
            path, line = locate(doc, re.escape(link.url))
            reason = "is no address (RFC 3986)" if not_a_uri(link.url) else "goes nowhere safe"
            warn(f"a link to '{link.url}' {reason}: it is printed as its text, not linked", path, line,
                 hint="links go to http(s), mailto, doi… addresses or within the article")
            siblings(link)[link.index] = pf.Span(*link.content, identifier=link.identifier)


# What no URI holds (a space, a quote, braces…), and a web address without its "//":
# the HTML validator and EPUBCheck refuse a link to either, and a reader's click fails.
NOT_A_URI = re.compile(r'[\s<>"{}|\\^`]|^https?:(?!//)', re.I)


def not_a_uri(url: str) -> bool:
    """Whether ``url`` cannot be a link's target as written.

    >>> not_a_uri("https:doi.org/10.1/x"), not_a_uri("https://a.org/x, 10.5281/z"), not_a_uri("#fig:a")
    (True, True, False)
    """
    return bool(NOT_A_URI.search(url.strip()))


def spaced_ids(doc: pf.Doc, links: list[pf.Link]) -> set[str]:
    """An id with spaces in it (``\\label{fig:Figure 1}``) with hyphens instead, and the
    links to it: HTML allows no space in an id, nor a URI in its fragment.

    >>> doc = pf.Doc(pf.Para(pf.Span(identifier="fig:A 1"), pf.Link(url="#fig:A 1")))
    >>> spaced_ids(doc, [doc.content[0].content[1]]), doc.content[0].content[1].url
    ({'fig:A-1'}, '#fig:A-1')
    """
    renamed: set[str] = set()
    for element in descendants(doc):
        identifier = getattr(element, "identifier", "")
        if identifier and re.search(r"\s", identifier):
            element.identifier = re.sub(r"\s+", "-", identifier.strip())
            renamed.add(element.identifier)
    for link in links:
        if link.url.startswith("#") and re.sub(r"\s+", "-", link.url[1:].strip()) in renamed:
            link.url = "#" + re.sub(r"\s+", "-", link.url[1:].strip())
    return renamed


def squashed(identifier: str) -> str:
    """What every slug algorithm keeps of a heading: its letters and digits, lowercased,
    without accents.

    >>> squashed("obtaining-proteomes--performing-blast"), squashed("türkçe-başlık")
    ('obtainingproteomesperformingblast', 'turkcebaslik')
    """
    letters = unicodedata.normalize("NFKD", identifier.casefold().replace("ı", "i"))
    return "".join(c for c in letters if c.isalnum() and not unicodedata.combining(c))


def retarget(links: list[pf.Link], known: set[str]) -> None:
    """A ``#…`` link written for another tool's ids (GitHub's, a table-of-contents
    generator's: ``#obtaining-proteomes--performing-blast``, ``#türkçe-başlık``; pandoc's
    reference entries, ``#ref-KEY``, and a cited key's, ``#KEY``) to the one id of this
    document it can only mean.

    >>> links = [pf.Link(url="#sequence-retrieval--mining"), pf.Link(url="#ref-b2017"), pf.Link(url="#b2017")]
    >>> retarget(links, {"sequence-retrieval-mining", "methods", "bib-b2017"}); [link.url for link in links]
    ['#sequence-retrieval-mining', '#bib-b2017', '#bib-b2017']
    """
    by_letters: dict[str, list[str]] = {}
    for identifier in known:
        by_letters.setdefault(squashed(identifier), []).append(identifier)
    for link in links:
        target = link.url[1:]
        if not link.url.startswith("#") or target in known:
            continue
        entry = next((ENTRY_PREFIX + key for key in (target.removeprefix("ref-"), target)
                      if ENTRY_PREFIX + key in known), None)
        if entry:
            link.url = "#" + entry
        elif squashed(target):
            meant = by_letters.get(squashed(target), [])
            if len(meant) == 1:
                link.url = "#" + meant[0]


# A web address written without its scheme: "readthedocs.io/x", "www.a.org".
HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:[/?#]|$)", re.I)


def relative_links(doc: pf.Doc, links: list[pf.Link]) -> None:
    """A link neither to an address nor within the article goes to a file no edition
    holds (on GitHub, the repository's; in the EPUB, a missing resource EPUBCheck
    refuses): a web address written without its scheme gets ``https://``; any other
    is printed as its text. Each with a warning naming it.

    >>> doc = pf.Doc(pf.Para(pf.Link(pf.Str("docs"), url="gwpop.readthedocs.io"),
    ...                      pf.Link(pf.Str("data"), url="data/x.csv")))
    >>> relative_links(doc, list(doc.content[0].content)); doc.content[0].content
    ListContainer(Link(Str(docs); url='https://gwpop.readthedocs.io') Span(Str(data)))
    """
    site = doc.get_metadata("url", default=None)
    for link in links:
        url = link.url.strip()
        if not url or url.startswith(("#", "//")) or scheme_of(url) or not_a_uri(url):  # no address at all: ``defuse_unsafe_links`` prints it as text
            continue
        if url.startswith("/") and isinstance(site, str) and scheme_of(site) in ("http", "https"):
            link.url = urljoin(site, url)  # /D/mlr: an address on the article's own site
            continue
        written = unquote(url)  # as the author wrote it: pandoc encodes "^" as %5E
        path, line = locate(doc, re.escape(written))
        if url.startswith("/"):
            warn(f"the link to '{written}' is an address on a web site, which this article does not name: it is "
                 "printed as its text", path, line, hint="write the address whole (https://…), or give the "
                                                           "article its `url:`, whose site it is then read on")
            siblings(link)[link.index] = pf.Span(*link.content, identifier=link.identifier)
        elif HOST.match(url):
            link.url = "https://" + url
            warn(f"the link '{url}' has no scheme: it goes to {link.url}", path, line,
                 hint="write the address whole, https:// included")
        else:
            warn(f"the link to '{written}' goes to a file that no edition holds: it is printed as its text", path,
                 line, hint="link to its address on the web, or put what it says in the article")
            siblings(link)[link.index] = pf.Span(*link.content, identifier=link.identifier)


def writers_id(identifier: str) -> bool:
    """Whether pandoc's writers give ``identifier`` to something of their own."""
    return identifier in WRITERS_IDS or bool(identifier and re.fullmatch(WRITERS_ID_PATTERN, identifier))


def writers_ids(doc: pf.Doc, links: list[pf.Link], known: set[str]) -> set[str]:
    """An id the author gave that pandoc's writers give too (a heading "Footnotes" is
    ``#footnotes``, as the notes' own section is) renamed, ``footnotes-1``, with the
    links to it: two elements of one id are refused by the HTML and EPUB checkers.

    >>> doc = pf.Doc(pf.Header(pf.Str("Footnotes"), identifier="footnotes"), pf.Para(pf.Link(url="#footnotes")))
    >>> writers_ids(doc, [doc.content[1].content[0]], {"footnotes"}), doc.content[1].content[0].url
    ({'footnotes-1'}, '#footnotes-1')
    """
    renamed: dict[str, str] = {}
    for element in descendants(doc):
        identifier = getattr(element, "identifier", "")
        if writers_id(identifier):
            # a free name always: among len(known) + 1 numbers one is unused
            new = next(f"{identifier}-{n}" for n in range(1, len(known) + 2) if f"{identifier}-{n}" not in known)
            renamed[identifier] = element.identifier = new
            known.add(new)
    for link in links:
        if link.url.startswith("#") and link.url[1:] in renamed:
            link.url = "#" + renamed[link.url[1:]]
    return set(renamed.values())


def finalize(doc: pf.Doc) -> None:
    links, known = links_and_ids(doc)  # each link knows its parent and index from the walk
    notes_after_links(links)  # first: a link in a note in a link's words is the note's, not the link's
    links = addressless(doc, unnested(doc, links))
    known |= spaced_ids(doc, links)
    if any(map(writers_id, known)):  # most texts: no walk for it
        known |= writers_ids(doc, links, known)
    retarget(links, known)
    defuse_unsafe_links(doc, links)
    relative_links(doc, links)
    # a citation of an unknown key links to no entry: the citations stage said so, with its key
    said = {ENTRY_PREFIX + key for key in getattr(doc, "unknown_keys", ())}
    for target in broken_links([link for link in links if link.url[1:] not in said], known):
        path, line = locate(doc, rf"\]\(#{re.escape(target)}\)")
        error(f"internal link to '#{target}', but nothing has that id", path, line,
              hint="check the header's text or its {#id}")


def main(doc=None):
    # no per-element action: finalize reads the finished document once
    return pf.run_filters([], finalize=finalize, doc=doc)

