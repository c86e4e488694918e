"""Writing outputs so that a failed build loses nothing.

Every file goes to a temporary name in its own folder and is renamed over the
old one only after all editions were produced, so ``build/`` holds either the
last good outputs or the new ones, never a half-written file.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from filters.diagnostics import BuildError


def commit(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``{relative path: bytes}`` under ``out`` atomically; the paths written."""
    staged: list[tuple[str, Path]] = []
    try:
        for relative, data in sorted(files.items()):
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, 0o644)
            staged.append((temporary, target))
    except OSError as error:
        for temporary, _ in staged:
            os.unlink(temporary)
        raise BuildError(f"cannot write the output folder: {error.strerror}", str(out),
                         hint="choose another folder with --out, or fix its permissions") from None
    for temporary, target in staged:
        os.replace(temporary, target)
    return [target for _, target in staged]
