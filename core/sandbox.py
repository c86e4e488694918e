"""The private folders the tools work in. pandoc, Typst and LaTeX never see the
project: they see a sandbox, a fresh folder only this user can enter, holding copies
of exactly the files the build admitted (read by us as regular files inside the
project, checked, written here under the names the text gives them). A symlink, a
Typst ``#read``, a TeX ``\\input`` or an SVG's ``href`` reaches nothing beyond it: the
files the text did not name, and anything outside the project, are not there.

>>> with Sandbox() as box:
...     copy = box.put("figures/map.png", b"PNG")
...     copy.relative_to(box.folder).as_posix(), copy.read_bytes(), oct(box.folder.stat().st_mode & 0o777)
('figures/map.png', b'PNG', '0o700')
>>> Sandbox.name_inside("../../etc/passwd")
Traceback (most recent call last):
ValueError: '../../etc/passwd' is not a name inside the sandbox
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path, PurePosixPath

from core.diagnostics import BuildError, display_path
from core.images import as_rgb, cmyk, pdf_drawing
from core.inputs import read_input
from core.svg import sanitized


class Sandbox:
    """A private folder (mode 0700) for one build or one tool run, removed after it."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="press-sandbox-"))

    @staticmethod
    def name_inside(name: str) -> PurePosixPath:
        """``name`` as a relative path that stays inside the folder."""
        path = PurePosixPath(name)
        if path.is_absolute() or not path.parts or ".." in path.parts:
            raise ValueError(f"'{name}' is not a name inside the sandbox")
        return path

    def put(self, name: str, data: bytes) -> Path:
        """``data`` as the file ``name`` of the sandbox (a new file: never through a link)."""
        target = self.folder.joinpath(*self.name_inside(name).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with open(handle, "wb") as stream:
            stream.write(data)
        return target

    def admit(self, name: str, path: Path, folder: Path) -> Path:
        """A copy of the project's file ``path`` as ``name``: the file its links lead to,
        inside ``folder``, a regular file within the figure limit (``core.inputs``); an
        SVG as its allowlist keeps it (``core.svg``), a CMYK JPEG in RGB, a PDF as its first
        page's drawing alone (``core.images``)."""
        resolved = path.resolve()
        if not resolved.is_relative_to(folder.resolve()):
            raise BuildError(f"a link to {resolved}, outside {folder.name}/", display_path(path),
                             hint="the build reads only the project's own files")
        data = read_input(resolved, "figure")
        if resolved.suffix.lower() == ".svg":
            data = sanitized(data).data
        elif cmyk(data, resolved.suffix.lower()):  # said by the resources stage
            data = as_rgb(data)
        elif resolved.suffix.lower() == ".pdf":  # its drawing alone: no script, link or attachment
            data = pdf_drawing(data)[0]
        return self.put(name, data)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@lru_cache(maxsize=1)
def empty_folder() -> Path:
    """A private empty folder for the life of the process: the root of a tool run that
    may read no file at all (pandoc's renders, Typst's covers and drawings of ``data:``
    pictures), and the folder pandoc runs in."""
    folder = Path(tempfile.mkdtemp(prefix="press-empty-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder
