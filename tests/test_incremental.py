"""Incremental builds, the check command and the live preview."""
import http.client
import re
import shutil
import threading
import time
import zipfile

import pytest
from conftest import REPO, run_build, write_manuscript

from press.live import watched_paths

SECTIONS = {"01-giris.md": "# Giriş\n\nSavaş 27 Eylül 2020’de başladı [@aslanli2015, 56].\n"}
METADATA = "lang: tr\ntitle: Deneme\n"
BIB = "@misc{aslanli2015, author = {Aslanlı}, year = {2015}, title = {Kitap}}\n"


@pytest.fixture
def copy(tmp_path):
    """The system with a small manuscript, in a folder of its own: its templates may change."""
    target = tmp_path / "repo"
    shutil.copytree(REPO, target, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "manuscript", "bibliography", "__pycache__", ".pytest_cache"))
    return write_manuscript(target, SECTIONS, METADATA, BIB)


def build_in(copy, *args):
    result = _run(copy, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _run(copy, *args):
    return run_build("--verbose", *args, cwd=copy, repo=copy)


def rebuilt(stdout):
    return {name for name in ("pdf", "html", "epub") if f"edition {name} " in stdout}


def test_nothing_changed_is_a_no_op(copy):
    first = build_in(copy)
    assert rebuilt(first) == {"pdf", "html", "epub"}
    stamps = {p: p.stat().st_mtime_ns for p in (copy / "build").rglob("*") if p.is_file()}
    second = build_in(copy)
    assert rebuilt(second) == set() and "filter citations" not in second and "up to date" in second
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


def rebuild_after_a_style_change(copy, edition: str) -> str:
    """Build, add a rule to the edition's stylesheet, build again: the second output."""
    build_in(copy)
    css = copy / "templates" / edition / "style.css"
    css.write_text(css.read_text() + "\nbody { color: #000; }\n")
    return build_in(copy)


def test_one_template_changed_rebuilds_only_its_edition(copy):
    output = rebuild_after_a_style_change(copy, "html")
    assert rebuilt(output) == {"html"} and "filter citations" not in output
    assert "color: #000" in (copy / "build" / "html" / "style.css").read_text()


def test_an_epub_template_changed_rebuilds_the_epub_from_the_cached_document(copy):
    output = rebuild_after_a_style_change(copy, "epub")
    assert rebuilt(output) == {"epub"} and "filter citations" not in output
    with zipfile.ZipFile(next((copy / "build").glob("*.epub"))) as book:
        names = book.namelist()
        assert any("color: #000" in book.read(n).decode() for n in names if n.endswith(".css"))
        # the cover, drawn again from the cached document's metadata
        opf = book.read("EPUB/content.opf").decode()
        cover = re.search(r'<item(?=[^>]*properties="cover-image")[^>]*href="([^"]+)"', opf).group(1)
        assert book.read(f"EPUB/{cover}").startswith(b"\x89PNG")


def test_manuscript_changed_runs_filters_once_then_every_edition(copy):
    build_in(copy)
    page = copy / "manuscript" / "01-giris.md"
    page.write_text(page.read_text().replace("başladı", "yeniden başladı"))
    output = build_in(copy)
    assert output.count("filter citations") == 1 and rebuilt(output) == {"pdf", "html", "epub"}
    assert "yeniden başladı" in (copy / "build" / "html" / "index.html").read_text()


def test_deleted_output_is_rebuilt(copy):
    build_in(copy)
    next((copy / "build").glob("*.pdf")).unlink()
    assert rebuilt(build_in(copy)) == {"pdf"}


def test_check_validates_and_writes_nothing(copy):
    result = _run(copy, "check")
    assert result.returncode == 0 and "no errors" in result.stdout
    assert not (copy / "build").exists()
    (copy / "manuscript" / "01-giris.md").write_text("# G\n\nBkz. [bölüm](#yok) [@aslanli2051].\n")
    result = _run(copy, "check")
    assert result.returncode == 1
    assert "manuscript/01-giris.md:3: error: unknown citation key 'aslanli2051'" in result.stderr


def test_broken_internal_link_is_an_error(copy):
    (copy / "manuscript" / "01-giris.md").write_text("# Giriş\n\nBkz. [bölüm](#yok).\n")
    result = _run(copy, "check")
    assert result.returncode == 1
    assert "manuscript/01-giris.md:3: error: internal link to '#yok'" in result.stderr


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


def test_serve_reloads_and_shows_errors_in_the_page(tmp_path):
    from press import live

    root = write_manuscript(tmp_path / "project", SECTIONS, METADATA, BIB)
    out = root / "build"
    builds, ports, stop = [], [], threading.Event()
    server = threading.Thread(target=live.serve, daemon=True, kwargs=dict(
        root=root, out=out, wanted=["html"], port=0, on_build=builds.append, stop=stop,
        ready=ports.append))
    server.start()
    try:
        deadline = time.time() + 30
        while not builds and time.time() < deadline:
            time.sleep(0.05)
        status, page = get(ports[0], "/html/index.html")
        assert status == 200 and "Savaş" in page and "/__press/events" in page
        (root / "manuscript" / "01-giris.md").write_text("# G\n\nYeni [@aslanli2051].\n")
        while len(builds) < 2 and time.time() < deadline:
            time.sleep(0.05)
        status, page = get(ports[0], "/html/index.html")
        assert 'role="alert"' in page and "unknown citation key" in page
        assert "Savaş" in page, "the last good edition stays visible under the error"
    finally:
        stop.set()
        server.join(timeout=10)


def test_the_cache_key_knows_every_pinned_tools_version():
    from press.cache import TOOLS, canonical, tool_versions

    pinned = dict(line.split("==") for line in (REPO / "requirements-build.txt").read_text().split()
                  if "==" in line)
    versions = dict(item.rsplit("-", 1) for item in tool_versions().split(","))
    assert versions == {canonical(name): pinned[name] for name in TOOLS}


def test_an_edited_bibliography_named_outside_the_bibliography_folder_is_read_again(tmp_path):
    project = write_manuscript(tmp_path / "makale", SECTIONS, METADATA + "bibliography: ../kaynaklar/kaynak.bib\n")
    (project / "kaynaklar").mkdir()
    bib = project / "kaynaklar" / "kaynak.bib"
    bib.write_text(BIB, encoding="utf-8")
    build = ("--root", str(project), "--verbose")
    assert run_build(*build, cwd=project).returncode == 0
    assert bib.resolve() in watched_paths(project, project / "build")  # watch and serve see it
    bib.write_text(BIB.replace("Kitap", "Yeni Kitap"), encoding="utf-8")
    second = run_build(*build, cwd=project)
    assert second.returncode == 0 and "filter citations" in second.stdout
    assert "Yeni Kitap" in (project / "build" / "html" / "index.html").read_text(encoding="utf-8")


def test_another_pdf_engine_does_not_refilter_the_html(copy):
    build_in(copy)
    output = build_in(copy, "html", "--pdf-engine", "xelatex")
    assert "filter citations" not in output and rebuilt(output) == set()


def test_a_save_made_before_the_watcher_listens_is_built(tmp_path, monkeypatch):
    # The save lands after the first build read the manuscript and before the watcher
    # was set up: a watcher alone never hears of it (seen as a flaky preview test).
    from press import live

    root = write_manuscript(tmp_path / "project", SECTIONS, METADATA, BIB)
    section = root / "manuscript" / "01-giris.md"
    real_rebuild, builds, stop = live.rebuild, [], threading.Event()

    def rebuild_then_save(*args, **kwargs):
        result = real_rebuild(*args, **kwargs)
        if not builds:
            section.write_text("# Giriş\n\nKaydedilen paragraf.\n", encoding="utf-8")
        return result

    monkeypatch.setattr(live, "rebuild", rebuild_then_save)
    watcher = threading.Thread(target=live.watch, args=(root, root / "build", ["html"], builds.append, stop),
                               daemon=True)
    watcher.start()
    try:
        page = root / "build" / "html" / "index.html"
        deadline = time.time() + 30
        while len(builds) < 2 and time.time() < deadline:
            time.sleep(0.05)
        assert len(builds) == 2 and "Kaydedilen paragraf" in page.read_text(encoding="utf-8")
    finally:
        stop.set()
        watcher.join(timeout=10)
