"""The filters' options, read from the document's YAML metadata; defaults here only.

>>> DEFAULTS["chronology"]["auto"]
True

In ``metadata.yaml``::

    chronology: false                 # no appendix
    chronology: {title: Olaylar, auto: false, infer: false, figure: false}
    bibliography-title: Kaynaklar
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import panflute as pf

from filters.diagnostics import display_path, source_files, suggestion, warn

DEFAULTS: dict = {
    "bibliography-title": None,  # None: the language's term ("Kaynakça", "References")
    "chronology": {
        "enabled": True,
        "title": None,           # None: "Ek: Kronoloji" / "Appendix: Chronology"
        "auto": True,            # find dates written in running text
        "infer": True,           # date "20 Ekim", "the following day" from the paragraph
        "figure": True,          # the timeline figure above the list
    },
}


def metadata_line(doc: pf.Doc, key: str) -> tuple[str | None, int | None]:
    """Where ``key`` is set in the manuscript's metadata.yaml: (file, line)."""
    files = source_files(doc)
    path = Path(files[0]).parent / "metadata.yaml" if files else None
    if not path or not path.is_file():
        return None, None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.search(rf"(?:^|[{{,\s]){re.escape(key)}\s*:", line):
            return display_path(path), number
    return display_path(path), None


def options(doc: pf.Doc) -> dict:
    """DEFAULTS overlaid with what the metadata sets; cached on the document."""
    cached = getattr(doc, "press_options", None)
    if cached is not None:
        return cached
    result = copy.deepcopy(DEFAULTS)
    if doc is not None:
        result["bibliography-title"] = doc.get_metadata("bibliography-title",
                                                        default=None)
        chronology = doc.get_metadata("chronology", default=True)
        if isinstance(chronology, bool):
            result["chronology"]["enabled"] = chronology
        elif isinstance(chronology, dict):
            for name, value in chronology.items():
                if name in result["chronology"]:
                    result["chronology"][name] = value
                else:
                    known = [key for key in DEFAULTS["chronology"] if key != "enabled"]
                    warn(f"unknown chronology option '{name}'", *metadata_line(doc, name),
                         hint=suggestion(name, known, f"known: {', '.join(known)}"))
        doc.press_options = result
    return result
