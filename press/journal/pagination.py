"""Continuous pagination: where each article of an issue starts, from the page counts
of the typeset PDFs.

Each article starts on the page after the previous one's last, or, when the journal
sets ``start_on_odd: true``, on the next odd (right-hand) page, a blank page before it
in the issue PDF when the previous one ended on an odd page.

>>> ranges(1, [12, 7, 9], start_on_odd=False)
[(1, 12), (13, 19), (20, 28)]
>>> ranges(1, [12, 7, 9], start_on_odd=True)
[(1, 12), (13, 19), (21, 29)]
>>> blank_before(ranges(1, [12, 7, 9], start_on_odd=True), 1)
[0, 0, 1]
"""
from __future__ import annotations


def ranges(first_page: int, counts: list[int], start_on_odd: bool) -> list[tuple[int, int]]:
    """(first, last) page of each article."""
    found = []
    page = first_page
    for count in counts:
        if start_on_odd and page % 2 == 0:
            page += 1
        found.append((page, page + max(count, 1) - 1))
        page += max(count, 1)
    return found


def blank_before(pages: list[tuple[int, int]], first_page: int) -> list[int]:
    """How many blank pages the issue PDF puts before each article."""
    blanks = []
    previous_last = first_page - 1
    for first, last in pages:
        blanks.append(first - previous_last - 1)
        previous_last = last
    return blanks


def page_count(pdf: bytes) -> int:
    """The pages of a PDF.

    >>> import typst
    >>> page_count(typst.compile(b"a #pagebreak() b"))
    2
    """
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)
