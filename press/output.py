"""Writing outputs so that a failed or killed build loses nothing.

Every file of a build (the editions and the cache's records) is first written in
full to a temporary file in ``OUT/.staging/``; only when all of them are written
are they renamed into place, one by one. A full disk therefore fails before
anything changes, and ``OUT`` holds the last good outputs or the new ones, never
a half-written file. A build that is killed leaves its temporaries in the staging
folder, which the next build empties; a lock keeps two builds from emptying it
under each other.

Every file lands inside ``OUT``: a folder of ``OUT`` that is a link elsewhere is
an error, not a way out.
"""
from __future__ import annotations

import errno
import fcntl
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from core.diagnostics import BuildError

STAGING = ".staging"
LOCK = "lock"
FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def output_error(error: OSError, out: Path) -> BuildError:
    hint = ("free some space: the editions already there are unchanged" if error.errno in FULL
            else "choose another folder with --out, or fix its permissions")
    return BuildError(f"cannot write the output folder: {error.strerror}", str(out), hint=hint)


def check_inside(folder: Path, out: Path) -> None:
    if not folder.resolve().is_relative_to(out.resolve()):
        raise BuildError(f"{folder} is a link to {folder.resolve()}, outside the output folder",
                         str(out), hint="remove the link: the build writes only inside --out")


@contextmanager
def locked(out: Path):
    """The staging folder, held by this process alone."""
    staging = out / STAGING
    staging.mkdir(parents=True, exist_ok=True)
    check_inside(staging, out)
    with open(staging / LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        yield staging


def sweep(out: Path) -> None:
    """Remove what killed builds left in the staging folder."""
    if not (out / STAGING).is_dir():
        return
    try:
        with locked(out) as staging:
            for entry in os.scandir(staging):
                if entry.name != LOCK:
                    os.unlink(entry.path)
    except OSError as error:
        raise output_error(error, out) from None


def stage(staging: Path, data: bytes, staged: list[str]) -> str:
    """``data`` in a new temporary file (listed in ``staged`` before it is written,
    so that a failed write is removed too)."""
    handle, temporary = tempfile.mkstemp(dir=staging)
    staged.append(temporary)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.chmod(temporary, 0o644)
    return temporary


def commit(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``{relative path: bytes}`` under ``out``: all or nothing. The paths written."""
    targets = [(out / relative, data) for relative, data in sorted(files.items())]
    staged: list[str] = []
    try:
        with locked(out) as staging:
            try:
                temporaries = [stage(staging, data, staged) for _, data in targets]
                for target, _ in targets:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    check_inside(target.parent, out)
            except (OSError, BuildError):
                for temporary in staged:
                    Path(temporary).unlink(missing_ok=True)
                raise
            for temporary, (target, _) in zip(temporaries, targets):
                os.replace(temporary, target)
    except OSError as error:
        raise output_error(error, out) from None
    return [target for target, _ in targets]
