"""A content-addressed store of the article builds' results: each entry is named by
the hash of everything it was made from (``press.cache``'s keys: the sources, the
code, the tools, the templates, the options, the journal's decision), so an entry is
never stale, and any number of workers may share one folder (``--cache DIR``, a
shared folder for a cluster): the same key is the same bytes, whoever wrote it.

An entry is written to a temporary file and renamed into place, so a reader sees a
whole entry or none. Files are bundled in a plain framing (a JSON index, then the
bytes), never pickled: a shared folder's content is data, not code.

>>> files = {"a.pdf": b"%PDF", "html/index.html": b"<p>"}
>>> unbundle(bundle(files)) == files
True
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def bundle(files: dict[str, bytes]) -> bytes:
    """Files as one byte string: a JSON line of names and sizes, then the contents."""
    names = sorted(files)
    index = json.dumps([[name, len(files[name])] for name in names]).encode("utf-8")
    return index + b"\n" + b"".join(files[name] for name in names)


def unbundle(data: bytes) -> dict[str, bytes]:
    index, _, rest = data.partition(b"\n")
    files, offset = {}, 0
    for name, size in json.loads(index):
        files[name] = rest[offset:offset + size]
        offset += size
    return files


class Store:
    """``FOLDER/<kind>/<key[:2]>/<key>``."""

    def __init__(self, folder: Path | str | None):
        self.folder = Path(folder) if folder else None

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            return self._path(kind, key).read_bytes()
        except OSError:
            return None

    def put(self, kind: str, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        path = self._path(kind, key)
        if path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
