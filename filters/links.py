"""Every internal link points at something: ``[see](#giris)`` needs an element ``#giris``.

Runs last, after the filters that add links (citations, chronology), so a broken
link anywhere stops the build with the file and line of the link.

Stand-alone: ``pandoc -F filters/links.py``.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

if __package__ in (None, ""):  # run by pandoc as a script: make `filters` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "filters"

import panflute as pf

from filters.diagnostics import BuildError, locate, run_filter_main


def identifiers(doc: pf.Doc) -> set[str]:
    found: set[str] = set()

    def collect(element, _doc):
        identifier = getattr(element, "identifier", "")
        if identifier:
            found.add(identifier)

    doc.walk(collect)
    return found


def broken_links(doc: pf.Doc) -> list[str]:
    """Targets of ``#…`` links with no element of that id, in document order."""
    known = identifiers(doc)
    broken: list[str] = []

    def check(element, _doc):
        if isinstance(element, pf.Link) and element.url.startswith("#"):
            target = element.url[1:]
            if target not in known and target not in broken:
                broken.append(target)

    doc.walk(check)
    return broken


def finalize(doc: pf.Doc) -> None:
    broken = broken_links(doc)
    if broken:
        target = broken[0]
        path, line = locate(doc, rf"\]\(#{re.escape(target)}\)")
        raise BuildError(f"internal link to '#{target}', but nothing has that id", path, line,
                         hint="check the header's text or its {#id}")


def main(doc=None):
    return pf.run_filter(lambda element, doc: None, finalize=finalize, doc=doc)


if __name__ == "__main__":
    run_filter_main(main)
