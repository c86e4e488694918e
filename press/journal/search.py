"""Full-text search over every article: Pagefind (from PyPI, with its binary) indexes
the articles' landing pages into ``pagefind/`` under the site, one index per language
(its stemming: a Turkish word is found with or without its suffixes). The search page
loads it from the site itself: no server of its own, no network.

Pagefind reads the pages from a folder: they are written to a temporary folder inside
``OUT/.journal/`` (the build writes only inside ``--out``), and the index it makes there
comes back as bytes, committed with the rest of the build.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from core.diagnostics import BuildError

BUNDLE = "pagefind"


def executable() -> str:
    try:
        from pagefind_bin import get_executable
        return str(get_executable())
    except (ImportError, FileNotFoundError):
        raise BuildError("pagefind not found: the site's search needs it",
                         hint="pip install -r requirements.txt (pagefind[bin] ships its binary)") from None


def ordered_entry(data: bytes) -> bytes:
    """Pagefind's entry file with its languages in order: Pagefind lists them in the
    order of a hash map, which differs from run to run (the site must not).

    >>> ordered_entry(b'{"version":"1","languages":{"tr":{"a":1},"de":{"a":2}}}')
    b'{"version":"1","languages":{"de":{"a":2},"tr":{"a":1}}}'
    """
    entry = json.loads(data)
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def index(pages: dict[str, bytes], out: Path) -> dict[str, bytes]:
    """The search bundle's files (``pagefind/…``) for the HTML ``pages`` (site paths)."""
    work = out / ".journal"
    work.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="search-", dir=work))
    try:
        site = folder / "site"
        for relative, data in pages.items():
            target = site / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        bundle = folder / BUNDLE
        done = subprocess.run([executable(), "--site", str(site), "--output-path", str(bundle)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise BuildError(f"pagefind failed: {(done.stderr or done.stdout).strip()[-500:]}")
        files = {f"{BUNDLE}/{path.relative_to(bundle).as_posix()}": path.read_bytes()
                 for path in sorted(bundle.rglob("*")) if path.is_file()}
        entry = f"{BUNDLE}/pagefind-entry.json"
        if entry in files:
            files[entry] = ordered_entry(files[entry])
        return files
    finally:
        shutil.rmtree(folder, ignore_errors=True)
