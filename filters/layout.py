"""The order of the article's parts, whatever order the stages added them in:
the main text, the back matter, the references (and the sections the author wrote
after the list they placed), then the appendices (the author's, in order, and the
chronology last).

Authors write appendices where they like (often before the references, or in the
middle of the text while drafting); the back matter may come from the metadata;
the reference list and the chronology are appended by their stages.

Stand-alone: ``pandoc -F filters/layout.py``.
"""
from __future__ import annotations

if __name__ == "__main__":  # pandoc -F filters/NAME.py
    import standalone; standalone.run(__file__)  # noqa: E702, I001

import panflute as pf

from core.names import (
    APPENDIX_CLASS,
    BACK_MATTER_CLASS,
    BIBLIOGRAPHY_ID,
    CHRONOLOGY_ID,
    PAGE_BREAK_CLASS,
)
from filters.elements import descendants, position, siblings

MAIN, BACK, REFERENCES, APPENDIX = range(4)


def part_of(header: pf.Header) -> int | None:
    """What a heading starts, or None when it does not start a part of its own."""
    if header.identifier == BIBLIOGRAPHY_ID:
        return REFERENCES
    if APPENDIX_CLASS in header.classes or header.identifier == CHRONOLOGY_ID:
        return APPENDIX
    return MAIN if header.level == 1 else None


def ordered(blocks: list[pf.Block]) -> list[pf.Block]:
    """Blocks in the order main text, back matter, references, appendices.

    >>> h = lambda text, **kw: pf.Header(pf.Str(text), **kw)
    >>> blocks = [h("Intro"), h("Appendix", classes=["appendix"]), pf.Para(pf.Str("a")),
    ...           pf.Div(classes=["back-matter"]), h("Refs", identifier="bibliography")]
    >>> [pf.stringify(b).strip() or b.classes[0] for b in ordered(blocks)]
    ['Intro', 'back-matter', 'Refs', 'Appendix', 'a']
    >>> [pf.stringify(b) for b in ordered([h("Intro"), h("Refs", identifier="bibliography"), h("More")])]
    ['Intro', 'Refs', 'More']
    """
    parts: dict[int, list[pf.Block]] = {MAIN: [], BACK: [], REFERENCES: [], APPENDIX: []}
    current = MAIN
    for block in blocks:
        if isinstance(block, pf.Div) and BACK_MATTER_CLASS in block.classes:
            parts[BACK].append(block)
            continue
        if isinstance(block, pf.Header):
            starts = part_of(block)
            if starts is not None:
                # a section the author wrote after the list they placed (::: {#refs}, then
                # "# Supplementary material") stays after it, as pandoc keeps it
                current = REFERENCES if current == REFERENCES and starts == MAIN else starts
        parts[current].append(block)
    return [block for part in (MAIN, BACK, REFERENCES, APPENDIX) for block in parts[part]]


def page_breaks_at_the_top(blocks: list[pf.Block]) -> list[pf.Block]:
    """A page break inside a div (a back-matter statement that ran on to it) moved after
    that div: a page can break between parts of the text, not inside one (Typst refuses to).

    >>> blocks = [pf.Div(pf.Para(pf.Str("a")), pf.Div(classes=["page-break"])), pf.Para(pf.Str("b"))]
    >>> [b.classes[0] if isinstance(b, pf.Div) and not b.content else pf.stringify(b).strip()
    ...  for b in page_breaks_at_the_top(blocks)]
    ['a', 'page-break', 'b']
    >>> block = pf.Div(pf.Div(classes=["page-break"]), pf.Para(pf.Str("a")), pf.Div(classes=["page-break"]),
    ...                pf.Para(pf.Str("b")))
    >>> _ = page_breaks_at_the_top([block]); [pf.stringify(b).strip() for b in block.content]
    ['a', 'b']
    """
    result: list[pf.Block] = []
    for block in blocks:
        breaks = [e for e in descendants(block) if isinstance(e, pf.Div) and PAGE_BREAK_CLASS in e.classes]
        for inner in breaks:
            del siblings(inner)[position(inner)]  # by identity: a break before it moved it
        result += [block, *breaks]
    return result


def finalize(doc: pf.Doc) -> None:
    doc.content = ordered(page_breaks_at_the_top(list(doc.content)))


def main(doc=None):
    return pf.run_filters([], finalize=finalize, doc=doc)

