"""Writing outputs so that a failed or killed build loses nothing.

Every file of a build (the editions and the cache's records) is first written in
full to a temporary file in ``OUT/.staging/``; only when all of them are written
are they renamed into place, one by one. A full disk therefore fails before
anything changes, and ``OUT`` holds the last good outputs or the new ones, never
a half-written file. A build that is killed leaves its temporaries in the staging
folder, which the next build empties; a lock keeps two builds from emptying it
under each other.

Every file lands inside ``OUT``, and every path under it is checked before it is
opened or created, never after: each folder is opened one name at a time from the
one above it, never following a link (``O_NOFOLLOW``), and the lock, the staged
files and the renames work relative to those open folders. A link planted anywhere
under ``OUT`` (``.staging/lock`` → a file elsewhere, ``html`` → a folder elsewhere)
is an error naming it, not a way out.
"""
from __future__ import annotations

import errno
import fcntl
import os
import secrets
import stat
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from core.diagnostics import BuildError

STAGING = ".staging"
LOCK = "lock"
FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW


def output_error(error: OSError, out: Path) -> BuildError:
    hint = ("free some space: the editions already there are unchanged" if error.errno in FULL
            else "choose another folder with --out, or fix its permissions")
    return BuildError(f"cannot write the output folder: {error.strerror}", str(out), hint=hint)


def relative_name(relative: str) -> PurePosixPath:
    """A path under ``OUT`` as the build names it: relative, and never leaving it.

    >>> relative_name("html/figures/map.png").parts
    ('html', 'figures', 'map.png')
    >>> relative_name("../x")
    Traceback (most recent call last):
    ValueError: '../x' is not a path inside the output folder
    """
    path = PurePosixPath(relative)
    if path.is_absolute() or not path.parts or any(part in ("..", ".") for part in path.parts):
        raise ValueError(f"'{relative}' is not a path inside the output folder")
    return path


def open_folder(out: Path, relative: PurePosixPath, create: bool = True) -> int:
    """A descriptor of the folder ``OUT/relative``, opened one name at a time from ``OUT``
    without following a link, each missing folder created in the one above it."""
    out.mkdir(parents=True, exist_ok=True)  # OUT itself is the user's choice, link or not
    folder = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for index, part in enumerate(relative.parts):
            try:
                inner = os.open(part, FOLDER, dir_fd=folder)
            except FileNotFoundError:
                if not create:
                    raise
                os.mkdir(part, 0o755, dir_fd=folder)
                inner = os.open(part, FOLDER, dir_fd=folder)
            except OSError as failure:
                if failure.errno not in (errno.ELOOP, errno.ENOTDIR):
                    raise
                shown = out / PurePosixPath(*relative.parts[:index + 1])
                raise BuildError(f"{shown} is a link or not a folder: the build writes only inside the output "
                                 "folder", str(out), hint="remove it: the build writes only inside --out") from None
            os.close(folder)
            folder = inner
    except BaseException:
        os.close(folder)
        raise
    return folder


@contextmanager
def locked(out: Path):
    """The staging folder, held by this process alone: a descriptor of it."""
    staging = open_folder(out, PurePosixPath(STAGING))
    try:
        try:
            lock = os.open(LOCK, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o644, dir_fd=staging)
        except OSError as failure:
            if failure.errno != errno.ELOOP:
                raise
            raise BuildError(f"{out / STAGING / LOCK} is a link: the build writes only inside the output folder",
                             str(out), hint="remove it: the build writes only inside --out") from None
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            yield staging
        finally:
            os.close(lock)
    finally:
        os.close(staging)


def sweep(out: Path) -> None:
    """Remove what killed builds left in the staging folder."""
    if not (out / STAGING).is_dir():
        return
    try:
        with locked(out) as staging:
            for entry in os.scandir(staging):
                if entry.name != LOCK:
                    os.unlink(entry.name, dir_fd=staging)
    except OSError as error:
        raise output_error(error, out) from None


def stage(staging: int, data: bytes, staged: list[str]) -> str:
    """``data`` in a new file of the staging folder (its name listed in ``staged``
    before it is written, so that a failed write is removed too)."""
    name = f"tmp{secrets.token_hex(8)}"
    handle = os.open(name, NEW_FILE, 0o644, dir_fd=staging)
    staged.append(name)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.chmod(name, 0o644, dir_fd=staging)
    return name


def unchanged(folder: int, name: str, data: bytes) -> bool:
    """Whether the regular file ``name`` of the open ``folder`` already holds ``data``
    (a link is never taken for it: it is replaced)."""
    try:
        handle = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=folder)
    except OSError:
        return False
    with os.fdopen(handle, "rb") as stream:
        status = os.fstat(stream.fileno())
        return stat.S_ISREG(status.st_mode) and status.st_size == len(data) and stream.read() == data


def commit(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``{relative path: bytes}`` under ``out``: all or nothing. A file that already
    holds its bytes is left as it is (a journal's rebuild after one article changed
    writes a few files of its hundreds; a web server's copy keeps its dates). The paths
    of the build's files."""
    targets = [(relative_name(relative), data) for relative, data in sorted(files.items())]
    staged: list[str] = []
    folders: dict[PurePosixPath, int] = {}
    try:
        with locked(out) as staging:
            try:
                for target, _ in targets:
                    if target.parent not in folders:
                        folders[target.parent] = open_folder(out, target.parent)
                changed = [(target, data) for target, data in targets
                           if not unchanged(folders[target.parent], target.name, data)]
                temporaries = [stage(staging, data, staged) for _, data in changed]
            except (OSError, BuildError):
                for name in staged:
                    try:
                        os.unlink(name, dir_fd=staging)
                    except FileNotFoundError:
                        pass
                raise
            for temporary, (target, _) in zip(temporaries, changed):
                os.replace(temporary, target.name, src_dir_fd=staging, dst_dir_fd=folders[target.parent])
    except OSError as error:
        raise output_error(error, out) from None
    finally:
        for descriptor in folders.values():
            os.close(descriptor)
    return [out / target for target, _ in targets]
