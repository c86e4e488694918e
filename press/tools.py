"""The external programs the build runs: pandoc (from pypandoc-binary) and Typst.

>>> pandoc_version().startswith("3.")
True
"""
from __future__ import annotations

import os
import subprocess
from functools import lru_cache

import pypandoc

from filters.diagnostics import BuildError


@lru_cache(maxsize=None)
def pandoc_path() -> str:
    return pypandoc.get_pandoc_path()


@lru_cache(maxsize=None)
def pandoc_version() -> str:
    return pypandoc.get_pandoc_version()


def run_pandoc(args: list[str], stdin: str | None = None, env: dict | None = None) -> str:
    """Run pandoc; its stdout as text. A failure is a BuildError with pandoc's message."""
    result = subprocess.run([pandoc_path(), *args], input=stdin, capture_output=True,
                            text=True, encoding="utf-8", env={**os.environ, **(env or {})})
    if result.returncode != 0:
        raise BuildError(f"pandoc failed: {result.stderr.strip()}")
    return result.stdout
