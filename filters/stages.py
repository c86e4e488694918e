"""The filter stages, in one list, in the order they run (Quarto's filter list as
data). A stage's record names its module (``filters.NAME``, with ``main(doc)``),
what it needs the document to hold and what it adds, and whether it has a
``warm_up(doc)``: what it may do early, while the build waits on pandoc
(``core.idle``). ``tests/test_stages.py`` holds the records to the modules and to
their order (every need is provided by a stage before it), and runs each stage on
its sample (``filters/samples/NAME/``) against the expected output beside it.

Adding a stage is adding its record here and its module.

>>> [stage.name for stage in stages(untrusted=True)][:3]
['untrusted', 'tex', 'metadata']
>>> [stage.name for stage in needed("chronology")]
['tex', 'metadata', 'syntax', 'backmatter', 'crossref', 'citations', 'chronology']
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Stage:
    name: str
    summary: str
    needs: tuple[str, ...] = ()      # what the document must hold before it runs
    provides: tuple[str, ...] = ()   # what it adds
    warm_up: bool = False            # its module has warm_up(doc)
    untrusted_only: bool = False     # runs only in an --untrusted build (first, so no stage sees
                                     # what it refuses)

    @property
    def module(self) -> str:
        return f"filters.{self.name}"

    def run(self, doc):
        return import_module(self.module).main(doc)

    def warm_up_function(self):
        return import_module(self.module).warm_up if self.warm_up else None


STAGES: tuple[Stage, ...] = (
    Stage("untrusted", "refuses raw markup, header-includes, script links and event handlers",
          provides=("admitted",), untrusted_only=True),
    Stage("tex", "reads the LaTeX written in the Markdown: references, labels, equations, tables, citations",
          provides=("tex",)),
    Stage("metadata", "checks every metadata key and composes the front matter's lines",
          provides=("metadata",)),
    Stage("syntax", "reads Quarto's and pandoc-crossref's blocks: listings, theorems, proofs, callouts, "
                    "shortcodes, the reference list's heading", needs=("metadata",), provides=("blocks",)),
    Stage("resources", "checks every file an edition will read (figures)", needs=("metadata",),
          provides=("resources",)),
    Stage("backmatter", "turns back-matter statements into sections", needs=("metadata",),
          provides=("back-matter",)),
    Stage("crossref", "numbers sections, figures, tables, equations and appendices into the index",
          needs=("tex", "blocks", "back-matter"), provides=("numbers",)),
    Stage("citations", "formats citations and the reference list (house style or CSL)",
          needs=("metadata", "numbers"), provides=("citations", "reference-list")),
    Stage("chronology", "finds dated events; adds the appendix and its timeline, numbered in the index",
          needs=("numbers", "citations"), provides=("chronology",), warm_up=True),
    Stage("references", "resolves the cross-references left for after every stage has numbered",
          needs=("numbers", "chronology"), provides=("cross-references",)),
    Stage("layout", "puts the parts in order: text, back matter, references, appendices",
          needs=("back-matter", "reference-list", "chronology"), provides=("order",)),
    Stage("links", "checks every link the others added", needs=("order", "cross-references"),
          provides=("links",)),
)
STAGE = {stage.name: stage for stage in STAGES}


def stages(untrusted: bool = False) -> tuple[Stage, ...]:
    """The stages of a build, in order."""
    return tuple(stage for stage in STAGES if untrusted or not stage.untrusted_only)


def needed(name: str) -> list[Stage]:
    """The stages ``name`` needs run before it (what provides its needs, and theirs),
    then itself, in the build's order."""
    wanted, todo = {name}, [name]
    while todo:
        stage = STAGE[todo.pop()]
        for other in STAGES[:STAGES.index(stage)]:
            if set(other.provides) & set(stage.needs) and other.name not in wanted:
                wanted.add(other.name)
                todo.append(other.name)
    return [stage for stage in STAGES if stage.name in wanted]
