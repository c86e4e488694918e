"""Shared fixtures: the article built once per session, small manuscripts, tools."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings

# Random inputs are drawn the same way on every run, here and in CI: a test passes or
# fails for a reason, never by the luck of a draw. No example database either: a run
# replays nothing a previous one happened to find (a failure found is kept in the
# test as an @example).
settings.register_profile("fixed", derandomize=True, database=None)
settings.load_profile("fixed")

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seeds" / "000_4f378e660047ff28.txt"
EPOCH = "1600000000"
sys.path.insert(0, str(REPO))


def run_build(*args: str, cwd: Path = REPO, env: dict | None = None,
              repo: Path = REPO) -> subprocess.CompletedProcess:
    """``python build.py ARGS`` as an author runs it (``repo``: which copy of the system)."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    return subprocess.run([sys.executable, str(repo / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, env=environment)


def paper_build(tmp_path: Path, text: str, *args: str, name: str = "paper.md") -> subprocess.CompletedProcess:
    """A one-file paper holding ``text``, saved in ``tmp_path`` as ``name`` and built with
    ``args`` (by default its HTML edition) into ``tmp_path/out``."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    return run_build(*(args or ("html",)), str(tmp_path / name), "--out", str(tmp_path / "out"))


def built_html(tmp_path, text: str, *files: tuple[str, str]):
    """The HTML edition of a paper.md holding ``text`` (with ``files``: (name, text)),
    which must build: its result and its page."""
    for name, content in (("paper.md", text), *files):
        (tmp_path / name).write_text(content, encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    return result, (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def article(tmp_path_factory) -> Path:
    """The article's three editions, built once into a temporary folder."""
    out = tmp_path_factory.mktemp("article")
    result = run_build("--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def article_html(article) -> str:
    return (article / "html" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def article_epub(article) -> zipfile.ZipFile:
    return zipfile.ZipFile(next(article.glob("*.epub")))


@pytest.fixture(scope="session")
def article_pdf_text(article) -> str:
    from pypdf import PdfReader
    reader = PdfReader(next(article.glob("*.pdf")))
    return "\n".join(page.extract_text() for page in reader.pages)


# What the seed lacks to be deposited, as a journal would add it (10.5555 is Crossref's test prefix).
SEED_JOURNAL = """
journal: {name: Test Journal of Area Studies, issn: 1234-5679}
doi: 10.5555/press.seed.2021
url: https://example.org/articles/seed
crossref: {depositor: Test Editorial Office, email: doi@example.org, registrant: Test Publisher}
"""


def seed_with_journal(root: Path) -> Path:
    """The seed article as its journal would deposit it: its manuscript and bibliography,
    with the journal's name, ISSN, a DOI, the landing page and the depositor added."""
    for folder in ("manuscript", "bibliography"):
        shutil.copytree(REPO / folder, root / folder)
    metadata = root / "manuscript" / "metadata.yaml"
    metadata.write_text(metadata.read_text(encoding="utf-8") + SEED_JOURNAL, encoding="utf-8")
    return root


SAMPLES = REPO / "tests" / "samples"
SAMPLE_NAMES = ("article-en", "article-tr", "article-de")  # the sample manuscripts, built in every edition


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """Each sample manuscript (``SAMPLE_NAMES``) in every edition, built once."""
    from press.editions import EDITIONS

    folders = {}
    for sample in SAMPLE_NAMES:
        out = tmp_path_factory.mktemp(sample)
        result = run_build(*(edition.name for edition in EDITIONS), "--root", str(SAMPLES / sample),
                           "--out", str(out))
        assert result.returncode == 0, result.stderr
        folders[sample] = out
    return folders


def write_manuscript(root: Path, sections: dict[str, str], metadata: str,
                     bib: str = "") -> Path:
    """A small manuscript in the standard layout, for one test."""
    (root / "manuscript").mkdir(parents=True, exist_ok=True)
    for name, text in sections.items():
        (root / "manuscript" / name).write_text(text, encoding="utf-8")
    (root / "manuscript" / "metadata.yaml").write_text(metadata, encoding="utf-8")
    if bib:
        (root / "bibliography").mkdir(exist_ok=True)
        (root / "bibliography" / "references.bib").write_text(bib, encoding="utf-8")
    return root


def require_tool(name: str, install: str) -> str:
    """The tool's path; in CI a missing tool fails the test, elsewhere it skips."""
    path = shutil.which(name)
    if path:
        return path
    missing(f"{name} is not installed: {install}")


def missing(message: str):
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)  # an author's machine without the tool: CI never skips


def require_gatekeeper(check, *arguments):
    """A gatekeeper's findings (``press.validate``); in CI a gatekeeper that is not
    installed fails the test, elsewhere it skips."""
    from core.diagnostics import BuildError
    try:
        return check(*arguments)
    except BuildError as failure:
        if "not found" in str(failure) or "not installed" in str(failure) or "did not run" in str(failure):
            missing(str(failure))
        raise


def matches_golden(actual: str, expected: Path) -> bool:
    """Compare with a golden file; ``PRESS_REGENERATE=1 make test`` rewrites the
    golden files on purpose (then review the diff before committing it)."""
    if os.environ.get("PRESS_REGENERATE"):
        expected.write_text(actual, encoding="utf-8")
    return actual == expected.read_text(encoding="utf-8")


def wait_for(condition, seconds: float = 30) -> bool:
    """Poll ``condition`` until it holds or ``seconds`` pass; its last value."""
    deadline = time.time() + seconds
    while not condition() and time.time() < deadline:
        time.sleep(0.05)
    return bool(condition())


@contextmanager
def previewing(root: Path, out: Path, wanted=("html",), options: dict | None = None):
    """``serve`` running in this process, after its first build: (port, builds so far)."""
    from press import live

    builds, ports, stop = [], [], threading.Event()
    server = threading.Thread(target=live.serve, daemon=True, kwargs=dict(
        root=root, out=out, wanted=list(wanted), port=0, on_build=builds.append, stop=stop,
        ready=ports.append, options=options))
    server.start()
    try:
        assert wait_for(lambda: builds and ports), "the preview did not start"
        yield ports[0], builds
    finally:
        stop.set()
        server.join(timeout=10)


def doc_from(markdown: str):
    """pandoc's reading of ``markdown``, as a panflute document (for a stage's unit tests)."""
    import io

    import panflute as pf

    from core.tools import run_pandoc
    return pf.load(io.StringIO(run_pandoc(["--from", "markdown", "--to", "json"], stdin=markdown)))


def native(doc) -> str:
    """The AST in pandoc's own notation, readable in a diff."""
    import json

    from core.tools import run_pandoc
    return run_pandoc(["--from", "json", "--to", "native"], stdin=json.dumps(doc.to_json()))


@pytest.fixture(scope="session")
def journal_site(tmp_path_factory) -> Path:
    """The sample journal (tests/samples/journal) built once, on two local processes."""
    out = tmp_path_factory.mktemp("journal-site")
    result = run_build("journal", "--root", str(REPO / "tests" / "samples" / "journal"), "--out", str(out),
                       "--workers", "2")
    assert result.returncode == 0, result.stderr
    return out
