"""What a build keeps for its user from one build to the next: what a tool takes tens of
milliseconds or more to make and that depends on nothing but its inputs (a web font's
subset, the EPUB's cover), each under the hash of those inputs, in a folder private to
the user (as jinja2 keeps its compiled templates). A clean build (``OUT`` removed) reuses
them; an article's first build makes them. Nothing of the project is read from there
that its inputs did not name: a file is found only by the hash of what would make it.

>>> made = []
>>> def make():
...     made.append(1)
...     return b"PNG"
>>> with tempfile.TemporaryDirectory() as scratch:
...     first = kept(["cover", "source"], "png", make, Path(scratch))
...     again = kept(["cover", "source"], "png", make, Path(scratch))
>>> first, again, len(made)
(b'PNG', b'PNG', 1)
"""
from __future__ import annotations

import os
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from press.cache import digest


def private_folder() -> Path | None:
    """This user's folder, private to them (none if it cannot be made so: then nothing
    is kept)."""
    folder = Path(tempfile.gettempdir()) / f"press-kept-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        status = folder.lstat()
    except OSError:
        return None
    private = stat.S_ISDIR(status.st_mode) and status.st_uid == os.getuid() and not status.st_mode & 0o077
    return folder if private else None


def kept(inputs: Iterable, suffix: str, make: Callable[[], bytes], folder: Path | None = None) -> bytes:
    """What ``make()`` returns for ``inputs`` (everything it depends on: the tool's
    version too), made once and kept in the private folder."""
    folder = folder or private_folder()
    path = folder / f"{digest(inputs)}.{suffix}" if folder else None
    try:
        if path and path.is_file():
            return path.read_bytes()
    except OSError:  # gone since (another build cleared the folder): made again
        pass
    data = make()
    if path:
        partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
        try:
            partial.write_bytes(data)
            partial.replace(path)  # whole or not at all, whoever writes it
        except OSError:  # a full disk: this build has it, the next makes it again
            partial.unlink(missing_ok=True)
    return data

