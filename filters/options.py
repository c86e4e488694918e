"""The filters' options, read from the document's YAML metadata; defaults here only.

>>> DEFAULTS["chronology"]["auto"]
True

In ``metadata.yaml``::

    chronology: false                 # no appendix
    chronology: {title: Olaylar, auto: false, infer: false, figure: false}
    bibliography-title: Kaynaklar
    csl: apa                          # a CSL style by name, or a .csl file (default: house style)
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
}


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
