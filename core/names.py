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
HEADED_CLASS = "headed"                # a ::: {#refs} under the author's heading of the list: no other
ENTRY_CLASS = "reference-entry"        # Div of one entry
# Entry ids: "bib-KEY". Pandoc's LaTeX writer treats "ref-…" divs as citeproc's
# \bibitem entries, which need its CSLReferences environment.
ENTRY_PREFIX = "bib-"

# --- numbering and cross-references ----------------------------------------------
# "2.1", "3", "A2": the number the numbering stage gave. Not pandoc's own "number",
# which its EPUB writer would print a second time in the table of contents.
NUMBER_ATTRIBUTE = "data-number"
LABEL_CLASS = "label"                  # Span holding "Şekil 1." / "Tablo 2." in a caption
SECTION_NUMBER_CLASS = "header-section-number"  # Span holding "2.1" in a header (pandoc's name)
EQUATION_CLASS = "equation"            # Span around a numbered display equation
EQUATION_NUMBER_CLASS = "equation-number"  # Span holding "(1)" inside it
XREF_CLASS = "xref"                    # Link of a cross-reference
# A LaTeX cross-reference as pandoc's LaTeX reader gives it (``\autoref{fig:x}``): a Link
# whose attributes say the form ("ref", "eqref", "ref+label", "ref+Label") and the label.
REFERENCE_TYPE_ATTRIBUTE = "reference-type"
REFERENCE_ATTRIBUTE = "reference"
LATEX_LABEL_ATTRIBUTE = "label"        # a LaTeX \label as pandoc reads it: an anchor Span
PENDING_XREF_CLASS = "xref-pending"    # Span around a Cite of cross-references to what a later
                                       # stage numbers (the references stage resolves it)
APPENDIX_CLASS = "appendix"            # Header (or Div) of an appendix
UNNUMBERED_CLASS = "unnumbered"

PAGE_BREAK_CLASS = "page-break"        # Div of a page break (\newpage, {{< pagebreak >}})
# Span of an article's page range in the journal line and "cite as", in a journal's PDF
# that counts its own last page (PAGE_RANGE_FIRST_ATTRIBUTE: its first page; the PDF
# prints the last as it typesets it: press.journal.decide)
PAGE_RANGE_CLASS = "page-range"
PAGE_RANGE_FIRST_ATTRIBUTE = "first"
GENERATED_LIST_CLASS = "generated-list"  # Div: a list the build makes (KIND_ATTRIBUTE: contents, figure, table)
GENERATED_LIST_TERMS = {"contents": "contents", "figure": "figures", "table": "tables"}  # … its heading's word
GENERATED_LIST_COMMANDS = {"contents": r"\tableofcontents", "figure": r"\listoffigures", "table": r"\listoftables"}
CONDITIONAL_CLASS = "content-conditional"  # Div/Span shown in some formats only: SHOWN_IN_ATTRIBUTE
SHOWN_IN_ATTRIBUTE = "data-shown-in"   # … the formats, Quarto's names ("html pdf"); HIDDEN_IN_ATTRIBUTE: not in
HIDDEN_IN_ATTRIBUTE = "data-hidden-in"
TEX_TEXT_CLASS = "tex-text"            # Span: a LaTeX command only LaTeX knows, as its words…
TEX_SOURCE_ATTRIBUTE = "data-tex"      # … and the command as written, for the LaTeX edition
# Ids pandoc's writers give what they add (the notes' section, the contents, the title
# block, each note and its mark): an author's heading named so is renamed (``filters.links``).
WRITERS_IDS = ("footnotes", "TOC", "toc-title", "title-block-header")
WRITERS_ID_PATTERN = r"fn(?:ref)?\d+"
SUBFIGURE_CLASS = "subfigure"          # Figure inside a figure: numbered "1a", its caption "(a) …"
TABLE_PANEL_CLASS = "table-panel"      # Div of tables side by side (Quarto's #tbl- div): Table 1, its parts 1a, 1b
CELL_CLASS = "cell"                    # CodeBlock of an executable code cell (Quarto, R Markdown), shown as code
CELL_LABEL_ATTRIBUTE = "cell-label"    # … its ``#| label:`` option, taken out of its code (filters.syntax)
CELL_HIDDEN_ATTRIBUTE = "cell-hidden"  # … the option its author hid it with (echo, include): left out
HIDDEN_CLASS = "hidden"                # what Quarto keeps but does not show (a frozen cell's code, an output
                                       # its author hid): left out of every edition
ALT_OPTION = "fig-alt"                 # a figure's text for those who cannot see it (Quarto; knitr's fig.alt)
LISTING_CLASS = "listing"              # Div of a numbered code block: its caption paragraph, the code
THEOREM_CLASS = "theorem"              # Div of a theorem, lemma, definition… (its kind in KIND_ATTRIBUTE)
PROOF_CLASS = "proof"                  # Div of a proof, remark or solution (unnumbered)
CALLOUT_CLASS = "callout"              # Div of a note, tip, warning… (its kind in KIND_ATTRIBUTE),
                                       # its title the first paragraph
THEOREM_NAME_CLASS = "theorem-name"    # a theorem's own name, a Span heading it: "Theorem 1 (Pythagoras)"
NOTE_MARK_CLASS = "note-mark"          # a Span of a front note's mark where the note stood (the abstract's "a")
REFS_ID = "refs"                       # the author's Div where the reference list goes (pandoc's)

# --- the chronology ---------------------------------------------------------------
CHRONOLOGY_ID = "chronology"           # the appendix's header
TIMELINE_ID = "fig:timeline"           # its figure
EVENT_CLASS = "event"                  # author's mark: [20 Ekim]{.event date="…"}
NO_EVENT_CLASS = "no-event"            # author's mark: not an event
EVENT_REF_CLASS = "event-ref"          # Span anchoring one place that names an event
EVENT_PLACE_CLASS = "event-place"      # Link from an appendix entry back to one place (the PDF
                                       # shows it as a page number)
CHRONOLOGY_FILE = "chronology.yaml"    # the author's corrections, beside the manuscript's sections
EVENT_DATE_CLASS = "event-date"        # Span of an entry's date in the appendix
DATE_CLASS = "datetime"                # Span of one date in it: its ISO value in DATETIME_ATTRIBUTE
DATETIME_ATTRIBUTE = "datetime"        # (HTML: <time datetime>, JATS: named-content vocab-term)
EVENTS_CLASS = "events"                # Div of the appendix's list of events (DOCX: a table)
EVENT_TEXT_CLASS = "event-text"        # Span of an entry's sentence
EVENT_SOURCE_CLASS = "event-source"    # Span of an entry's links to the places in the text
EVENT_BODY_CLASS = "event-body"        # Span of an entry's text and links
TIMELINE_CLASS = "timeline"            # Figure of the timeline

# --- back matter -------------------------------------------------------------------
BACK_MATTER_CLASS = "back-matter"      # Div of one back-matter statement (acknowledgements…)
# … its kinds, in the order they are printed; each is also the class of a section the
# author writes (`# Funding {.funding}`) and a metadata key.
BACK_MATTER_KINDS = ("acknowledgements", "funding", "conflict-of-interest", "data-availability",
                     "ethics", "author-contributions")
# … the other names authors' templates give them, as a section's or a Div's class
# (rticles' ``::: acknowledgments``, ``::: datastatement``) and MyST's keys
BACK_MATTER_ALIASES = {"acknowledgments": "acknowledgements", "acknowledgment": "acknowledgements",
                       "acknowledgement": "acknowledgements", "datastatement": "data-availability",
                       "data-statement": "data-availability", "availability": "data-availability",
                       "competing-interests": "conflict-of-interest", "conflicts-of-interest": "conflict-of-interest",
                       "contributions": "author-contributions"}
KIND_ATTRIBUTE = "data-kind"           # … its kind: "funding", "ethics", …

# --- metadata keys the build adds for its own use (never shown to readers) ---------
SOURCE_FILES_KEY = "source-files"      # the manuscript's files in reading order, for file:line
REFERENCE_LIST_KEY = "reference-list"  # the formatted references as plain text, for indexers
STYLE_FILES_KEY = "press-csl-files"    # the CSL files the citations stage read (cache key)
TEX_INPUTS_KEY = "press-tex-inputs"    # the files the text's \input{…} read (cache key)
FIELDS_KEY = "press-fields"            # every metadata leaf, for the fields template
METADATA_FILE_KEY = "press-metadata-file"  # the files holding metadata (metadata.yaml, front matter)
PROJECT_KEY = "press-project"          # the folder every file the editions read must lie in
VARIABLES_KEY = "press-variables"      # Quarto's _variables.yml, for {{< var key >}}
ROOT_KEY = "press-root"                # the project's root (--root): what every file the build reads lies in
LAYOUT_KEY = "press-layout"            # "folder" (manuscript/), "file" (one paper), "sections", "manubot"
RESOURCES_KEY = "press-resources"      # image name → file in the project, checked
# A manuscript's text files, as authors name them (Quarto's .qmd and R Markdown's .Rmd are
# read as Markdown).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".qmd", ".rmd")
# What the build writes into the metadata itself (the author's `bibliography` is turned
# into the checked list of files when the manuscript is read).
BUILD_KEYS = frozenset({"bibliography", SOURCE_FILES_KEY, METADATA_FILE_KEY, FIELDS_KEY,
                        RESOURCES_KEY, STYLE_FILES_KEY, TEX_INPUTS_KEY, PROJECT_KEY, ROOT_KEY, LAYOUT_KEY,
                        VARIABLES_KEY})
# Never shown to readers: the build's keys, and the author's instructions to the stages.
INTERNAL_KEYS = BUILD_KEYS | {"nocite", "chronology", "csl"}

# --- untrusted input -----------------------------------------------------------------
# URL schemes a link or an image may use in an untrusted build (besides relative
# paths and #fragments): no script, no local file, nothing a browser would run.
SAFE_URL_SCHEMES = frozenset({"http", "https", "ftp", "mailto", "doi", "urn", "tel"})

# Classes only the build writes: they mark its own kinds of content and their parts
# (core.kinds). An author's element that carries one would be a kind it is not (a forged
# equation, date or pending cross-reference: its id written as Typst, a build stopped on
# a traceback), so the class is taken off as the document is read, with a warning
# (press.manuscript), as an author's value for a build key is.
RESERVED_CLASSES = frozenset({GENERATED_LIST_CLASS, CONDITIONAL_CLASS, THEOREM_NAME_CLASS, NOTE_MARK_CLASS, CITATION_CLASS, ENTRY_CLASS, HEADED_CLASS, LABEL_CLASS, SECTION_NUMBER_CLASS,
                              EQUATION_CLASS, EQUATION_NUMBER_CLASS, XREF_CLASS, PENDING_XREF_CLASS, TEX_TEXT_CLASS,
                              SUBFIGURE_CLASS, TABLE_PANEL_CLASS, EVENT_REF_CLASS, EVENT_PLACE_CLASS,
                              EVENT_DATE_CLASS, DATE_CLASS, EVENTS_CLASS, EVENT_TEXT_CLASS, EVENT_SOURCE_CLASS,
                              EVENT_BODY_CLASS, TIMELINE_CLASS, BACK_MATTER_CLASS, PAGE_RANGE_CLASS})
