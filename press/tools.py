"""The external programs the build runs: pandoc (from pypandoc-binary) and Typst.

>>> pandoc_version().startswith("3.")
True
"""
from __future__ import annotations

import os
import subprocess
from functools import lru_cache

from filters.diagnostics import BuildError


@lru_cache(maxsize=None)
def pandoc_path() -> str:
    import pypandoc  # only when pandoc runs: a no-op build never needs it

    return pypandoc.get_pandoc_path()


@lru_cache(maxsize=None)
def pandoc_version() -> str:
    import pypandoc

    return pypandoc.get_pandoc_version()


def start_pandoc(args: list[str], stdin: str | None = None, env: dict | None = None) -> subprocess.Popen:
    """Start pandoc and return at once; ``finish`` waits for its output."""
    process = subprocess.Popen([pandoc_path(), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               env={**os.environ, **(env or {})})
    process.press_stdin = stdin
    return process


def finish(process: subprocess.Popen) -> str:
    """pandoc's stdout; a failure is a BuildError with pandoc's message."""
    stdout, stderr = process.communicate(process.press_stdin)
    if process.returncode != 0:
        raise BuildError(f"pandoc failed: {stderr.strip()}")
    return stdout


def run_pandoc(args: list[str], stdin: str | None = None, env: dict | None = None) -> str:
    """Run pandoc; its stdout as text."""
    return finish(start_pandoc(args, stdin, env))
