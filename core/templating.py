"""jinja2 environments whose compiled templates outlive the process.

jinja2 compiles each template to Python before its first render: 3–12 ms a
template, 30 ms of every build for the article's templates. jinja2's bytecode
cache keeps the compiled code in a private per-user temporary folder, the way
Python keeps ``__pycache__``; a template is compiled again when its source, its
environment's syntax options, Python or jinja2 change.

>>> templates = Path(__file__).resolve().parent.parent / "templates" / "figures"
>>> env = template_environment(templates, autoescape=True)
>>> env.get_template("timeline.svg.j2")
<Template 'timeline.svg.j2'>
"""
from __future__ import annotations

from pathlib import Path

import jinja2


class SyntaxKeyedCache(jinja2.FileSystemBytecodeCache):
    """jinja2's cache keys a template by its name and source only, yet the same
    source compiles differently under other options (comment markers, escaping)."""

    def __init__(self, syntax: str):
        super().__init__()
        self.syntax = syntax

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{self.syntax}\0{name}", filename)


def template_environment(folder: Path | list[Path], **options) -> jinja2.Environment:
    """A ``jinja2.Environment`` over the templates in ``folder`` (or folders, searched
    in order), with ``options``."""
    try:
        cache = SyntaxKeyedCache(repr(sorted(options.items(), key=lambda item: item[0])))
    except (OSError, RuntimeError):  # no private temporary folder: compile every time
        cache = None
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache, **options)
