"""The filters' options, read from the document's YAML metadata; defaults here only.

>>> DEFAULTS["chronology"]["auto"]
True

In ``metadata.yaml``::

    chronology: false                 # no appendix
    chronology: {title: Olaylar, auto: false, infer: false, figure: false}
    bibliography-title: Kaynaklar
    csl: apa                          # a CSL style by name, or a .csl file (default: house style)
    docx: {review: true}              # the DOCX edition for peer review
"""
from __future__ import annotations

import copy

import panflute as pf

DEFAULTS: dict = {
    "bibliography-title": None,  # None: the language's term ("Kaynakça", "References")
    "csl": None,                 # None: the house style (filters/bibstyle.py)
    "chronology": {
        "enabled": True,
        "title": None,           # None: "Kronoloji" / "Chronology" (after "Ek A: ")
        "auto": True,            # find dates written in running text
        "infer": True,           # date "20 Ekim", "the following day" from the paragraph
        "figure": True,          # the timeline figure above the list
    },
    # The DOCX edition (press/docx.py): read from the plain metadata by edition_options.
    "docx": {
        "review": False,         # peer review: double spacing, line numbers, no authors
    },
}


def edition_options(plain: dict, name: str) -> dict:
    """An edition's options: DEFAULTS[name] overlaid with the metadata's (plain text).

    >>> edition_options({"docx": {"review": "true"}}, "docx")
    {'review': True}
    >>> edition_options({}, "docx")
    {'review': False}
    """
    result = copy.deepcopy(DEFAULTS[name])
    given = plain.get(name)
    for key, default in result.items():
        if isinstance(given, dict) and key in given:
            value = given[key]
            result[key] = value == "true" if isinstance(default, bool) else value
    return result


def options(doc: pf.Doc) -> dict:
    """DEFAULTS overlaid with what the metadata sets; cached on the document."""
    cached = getattr(doc, "press_options", None)
    if cached is not None:
        return cached
    result = copy.deepcopy(DEFAULTS)
    if doc is not None:
        result["bibliography-title"] = doc.get_metadata("bibliography-title",
                                                        default=None)
        result["csl"] = doc.get_metadata("csl", default=None) or None
        chronology = doc.get_metadata("chronology", default=True)
        if isinstance(chronology, bool):
            result["chronology"]["enabled"] = chronology
        elif isinstance(chronology, dict):
            for name, value in chronology.items():
                if name in result["chronology"]:  # unknown ones: the metadata stage warns
                    result["chronology"][name] = value
        doc.press_options = result
    return result


def dotted(plain: dict, key: str):
    """``dotted(plain, "journal.issn")``: a nested value of the plain metadata, or None."""
    value = plain
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value
