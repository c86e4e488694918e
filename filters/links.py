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

import filters.markup  # noqa: F401 (lets panflute read the raw Typst blocks of the chronology)
from filters.diagnostics import error, locate, run_filter_main
from filters.elements import descendants


def broken_links(doc: pf.Doc) -> list[str]:
    """Targets of ``#…`` links with no element of that id, in document order."""
    known: set[str] = set()
    targets: list[str] = []
    for element in descendants(doc):
        identifier = getattr(element, "identifier", "")
        if identifier:
            known.add(identifier)
        if isinstance(element, pf.Link) and element.url.startswith("#"):
            targets.append(element.url[1:])
    return list(dict.fromkeys(target for target in targets if target not in known))


def finalize(doc: pf.Doc) -> None:
    for target in broken_links(doc):
        path, line = locate(doc, rf"\]\(#{re.escape(target)}\)")
        error(f"internal link to '#{target}', but nothing has that id", path, line,
              hint="check the header's text or its {#id}")


def main(doc=None):
    # no per-element action: finalize reads the finished document once
    return pf.run_filters([], finalize=finalize, doc=doc)


if __name__ == "__main__":
    run_filter_main(main)
