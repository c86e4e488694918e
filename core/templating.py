"""jinja2 environments over the template search path (``core.templatepath``), whose
compiled templates outlive the process.

jinja2 compiles each template to Python before its first render: 3–12 ms a
template, 30 ms of every build for the article's templates. jinja2's bytecode
cache keeps the compiled code in a private per-user temporary folder, the way
Python keeps ``__pycache__``; a template is compiled again when its source, its
environment's syntax options, Python or jinja2 change.

>>> from core.templatepath import template_path
>>> env = template_environment(template_path().subfolders("figures"), autoescape=True)
>>> env.get_template("timeline.svg.j2")
<Template 'timeline.svg.j2'>
"""
from __future__ import annotations

import os
import posixpath
import traceback
from contextlib import contextmanager
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path
from markupsafe import Markup

from core.diagnostics import BuildError, display_path


class SyntaxKeyedCache(jinja2.FileSystemBytecodeCache):
    """jinja2's cache keys a template by its name and source only, yet the same
    source compiles differently under other options (comment markers, escaping)."""

    def __init__(self, syntax: str):
        super().__init__()
        self.syntax = syntax

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{self.syntax}\0{name}", filename)


class SearchPathLoader(jinja2.FileSystemLoader):
    """jinja2's loader, whose loaded templates stay current while the path's files
    come and go: a template is loaded again when its file changes (as in jinja2)
    and also when a file of its name appears in a folder searched before its own
    (a journal's override added while ``watch`` runs)."""

    def get_source(self, environment, template):
        source, filename, unchanged = super().get_source(environment, template)
        pieces = split_template_path(template)
        candidates = [os.path.normpath(posixpath.join(folder, *pieces)) for folder in self.searchpath]
        earlier = candidates[:candidates.index(filename)]
        return source, filename, lambda: unchanged() and not any(map(os.path.isfile, earlier))


def printed(value):
    """What ``{{ value }}`` prints: a list (a metadata field given as a list, as
    ``header-includes`` often is) its items one per line, never Python's repr of it.

    >>> printed(["a", "b"]).splitlines()
    ['a', 'b']
    >>> printed([Markup("<b>x</b>"), Markup("y")])
    Markup('<b>x</b>\\ny')
    """
    if isinstance(value, (list, tuple)):
        items = [printed(item) for item in value]
        joiner = Markup("\n") if all(isinstance(item, Markup) for item in items) else "\n"
        return joiner.join(items)
    return value


def template_environment(folders: Path | list[Path], **options) -> jinja2.Environment:
    """A ``jinja2.Environment`` over the templates in ``folders`` (a folder, or
    folders searched in order), with ``options``; what it prints is ``printed``."""
    try:
        # the compiled code depends on the options and on ``finalize``: both in the key
        cache = SyntaxKeyedCache(repr(sorted(options.items(), key=lambda item: item[0])) + " finalize=printed")
    except (OSError, RuntimeError):  # no private temporary folder: compile every time
        cache = None
    env = jinja2.Environment(loader=SearchPathLoader(folders), bytecode_cache=cache, finalize=printed, **options)
    env.filters["safe"] = lambda value: Markup(printed(value))  # `| safe` on a list: its items too
    return env


@contextmanager
def template_errors():
    """A mistake in a template (a journal's own, most likely) as an error naming
    the template's file and line, like any other error, instead of a traceback.

    >>> with template_errors():
    ...     jinja2.Environment().from_string("{{ x }")
    Traceback (most recent call last):
    core.diagnostics.BuildError: <template>:1: error: template error: unexpected '}'
    """
    try:
        yield
    except jinja2.TemplateSyntaxError as failure:
        where = display_path(failure.filename) if failure.filename else failure.name or "<template>"
        raise BuildError(f"template error: {failure.message}", where, failure.lineno) from None
    except jinja2.TemplateError as failure:  # when rendering: jinja2 puts the template's lines in the traceback
        place = next((frame for frame in reversed(traceback.extract_tb(failure.__traceback__))
                      if frame.filename.endswith(".j2")), None)
        raise BuildError(f"template error: {failure.message}", place and display_path(place.filename),
                         place and place.lineno) from None
