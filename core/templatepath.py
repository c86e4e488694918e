"""Where templates come from: the template search path.

A build reads every template, stylesheet and pandoc data file through one search
path: the folders a journal names with ``--templates DIR`` (in the order given),
then the system's own ``templates/``, last. A file found in an earlier folder hides
the one of the same name in a later: a journal overrides one block of the PDF by
dropping ``typst/partials/title-block.typ.j2`` into its folder, and inherits every
other file. The path comes from the command line only, never from the metadata: a
submission does not choose the templates it is built with. (No jinja2 here: the
path is known before a build starts pandoc, jinja2 is imported while it runs.)

>>> template_path().find("pandoc/highlight.theme") == SYSTEM_TEMPLATES / "pandoc" / "highlight.theme"
True
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The system's templates: the last folder of every search path.
SYSTEM_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class TemplatePath:
    """The folders templates are looked up in, in order; the system's is the last.

    >>> journal = TemplatePath((Path("/journal"), Path("/system")))
    >>> [str(folder) for folder in journal.subfolders("html", "shared")]
    ['/journal/html', '/journal/shared', '/system/html', '/system/shared']
    """
    folders: tuple[Path, ...]

    def subfolders(self, *names: str) -> list[Path]:
        """Each folder's ``names``, a folder's own before the next folder's: the
        jinja2 loader's list, what the cache hashes and the watcher watches."""
        return [folder / name for folder in self.folders for name in names]

    def find(self, relative: str) -> Path:
        """The file at ``relative`` in the first folder that has one; the system's
        when none has (reading it then fails as a missing file does)."""
        for folder in self.folders:
            if (folder / relative).is_file():
                return folder / relative
        return self.folders[-1] / relative

    @property
    def fonts(self) -> tuple[Path, ...]:
        """The ``fonts/`` folders of the path: fonts a journal's templates bring
        for Typst (the system's come with Typst itself)."""
        return tuple(folder for folder in self.subfolders("fonts") if folder.is_dir())


def template_path(extra: tuple[str, ...] = ()) -> TemplatePath:
    """The search path: the folders ``extra`` (a journal's ``--templates``, relative
    ones against the working folder), then the system's."""
    return TemplatePath((*(Path(folder).resolve() for folder in extra), SYSTEM_TEMPLATES))


def with_templates(doc, templates: TemplatePath):
    """``doc``, which the stages then read their templates through (the timeline's)."""
    doc.press_templates = templates
    return doc


def templates_of(doc) -> TemplatePath:
    """The search path the build gave the document (``with_templates``); the
    system's alone for a stage run by itself (``pandoc -F``)."""
    return getattr(doc, "press_templates", None) or template_path()
