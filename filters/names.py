"""The names that stages and editions share: element ids, classes, attributes and
metadata keys. One stage writes a name, another (or a template, or a stylesheet)
reads it; defining it here keeps them in step.

>>> ENTRY_PREFIX + "aslanli2015"
'bib-aslanli2015'
"""
from __future__ import annotations

# --- citations and the reference list -------------------------------------------
CITATION_CLASS = "citation"            # Span around one formatted citation
CITES_ATTRIBUTE = "data-cites"         # its keys, space-separated
BIBLIOGRAPHY_ID = "bibliography"       # the reference list's header (and <section>)
REFERENCES_CLASS = "references"        # … its class, for the stylesheets
ENTRY_CLASS = "reference-entry"        # Div of one entry
# Entry ids: "bib-KEY". Pandoc's LaTeX writer treats "ref-…" divs as citeproc's
# \bibitem entries, which need its CSLReferences environment.
ENTRY_PREFIX = "bib-"

# --- numbering and cross-references ----------------------------------------------
NUMBER_ATTRIBUTE = "number"            # "2.1", "3", "A2": the number the numbering stage gave
LABEL_CLASS = "label"                  # Span holding "Şekil 1." / "Tablo 2." in a caption
SECTION_NUMBER_CLASS = "header-section-number"  # Span holding "2.1" in a header (pandoc's name)
EQUATION_CLASS = "equation"            # Span around a numbered display equation
EQUATION_NUMBER_CLASS = "equation-number"  # Span holding "(1)" inside it
XREF_CLASS = "xref"                    # Link of a cross-reference
APPENDIX_CLASS = "appendix"            # Header (or Div) of an appendix
UNNUMBERED_CLASS = "unnumbered"

# --- the chronology ---------------------------------------------------------------
CHRONOLOGY_ID = "chronology"           # the appendix's header
EVENT_CLASS = "event"                  # author's mark: [20 Ekim]{.event date="…"}
NO_EVENT_CLASS = "no-event"            # author's mark: not an event
EVENT_REF_CLASS = "event-ref"          # Span anchoring one place that names an event

# --- back matter -------------------------------------------------------------------
BACK_MATTER_CLASS = "back-matter"      # Div of one back-matter statement (acknowledgements…)

# --- metadata keys the build adds for its own use (never shown to readers) ---------
SOURCE_FILES_KEY = "source-files"      # the manuscript's files in reading order, for file:line
REFERENCE_LIST_KEY = "reference-list"  # the formatted references as plain text, for indexers
FIELDS_KEY = "press-fields"            # every metadata leaf, for the fields template
RESOURCES_KEY = "press-resources"      # image name → file in the project, checked
INTERNAL_KEYS = frozenset({"bibliography", SOURCE_FILES_KEY, FIELDS_KEY, "nocite",
                           "chronology", RESOURCES_KEY})

# --- untrusted input -----------------------------------------------------------------
# URL schemes a link or an image may use in an untrusted build (besides relative
# paths and #fragments): no script, no local file, nothing a browser would run.
SAFE_URL_SCHEMES = frozenset({"http", "https", "mailto", "doi", "urn", "tel"})
