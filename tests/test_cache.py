"""The cache never serves stale content, and a build that dies or finds the disk full
loses nothing: the editions stay as they were, and what it left is cleaned up."""
import itertools
import os
import resource
import signal
import subprocess
import sys

import pytest
from conftest import EPOCH, REPO, write_manuscript

from press.output import STAGING
from press.pipeline import build

METADATA = "lang: tr\ntitle: Deneme\n"
BIB = "@book{a, author = {Aslanlı, A.}, title = {Kitap}, year = {2015}, publisher = {P}}\n"


def version(root, word: str) -> None:
    (root / "manuscript" / "01.md").write_text(f"# Giriş\n\nSürüm {word} [@a].\n", encoding="utf-8")


def page(out) -> str:
    return (out / "html" / "index.html").read_text(encoding="utf-8")


class Killed(BaseException):
    """The process dying: no handler of the build's catches it."""


def kill_at(monkeypatch, rename: int, out=None) -> None:
    """Make the build die just before its ``rename``-th rename (counted from 0) into
    ``out`` (any rename, without ``out``)."""
    real, count = os.replace, [0]

    def replace(source, target, **folders):
        if out is not None and "dst_dir_fd" not in folders:  # OUT's renames go through its folders' descriptors
            return real(source, target, **folders)
        if count[0] == rename:
            raise Killed
        count[0] += 1
        real(source, target, **folders)

    monkeypatch.setattr(os, "replace", replace)


def renamed(function) -> list[str]:
    """The names the build renamed into place while ``function`` ran."""
    real, names = os.replace, []

    def replace(source, target, **folders):
        names.append(str(target))
        real(source, target, **folders)

    os.replace = replace
    try:
        function()
    finally:
        os.replace = real
    return names


def test_a_rebuild_writes_only_the_files_whose_bytes_changed(tmp_path):
    root = write_manuscript(tmp_path / "makale", {}, METADATA, BIB)
    out = tmp_path / "out"
    version(root, "ESKİ")
    built = build(root, out, ["html"]).written
    stylesheet = next(path for path in built if path.name == "style.css")
    before = stylesheet.stat().st_mtime_ns
    version(root, "YENİ")
    names = renamed(lambda: build(root, out, ["html"], use_cache=False))
    assert "index.html" in names and "style.css" not in names and "OFL.txt" not in names
    assert stylesheet.stat().st_mtime_ns == before and "Sürüm YENİ" in page(out)


@pytest.mark.parametrize("next_sources", ["YENİ", "ESKİ"], ids=["edit-kept", "edit-undone"])
def test_a_build_killed_between_any_two_renames_never_leaves_a_stale_document(tmp_path, monkeypatch,
                                                                              next_sources):
    # Once, a kill between filtered.json and state.json made the next build with the
    # old sources reuse the new sources' document.
    root = write_manuscript(tmp_path / "makale", {}, METADATA, BIB)
    out = tmp_path / "out"
    # Killed before its first rename, its second, …, until a build runs past its last (the
    # renames it makes: the files whose bytes the edit changes, the document, the state).
    for rename in itertools.count():
        version(root, "ESKİ")
        build(root, out, ["html"])
        version(root, "YENİ")
        with monkeypatch.context() as patch:
            kill_at(patch, rename, out)
            try:
                build(root, out, ["html"])
                killed = False
            except Killed:
                killed = True
        version(root, next_sources)
        (out / "html" / "index.html").unlink()  # rendered again, from the cached document if any
        build(root, out, ["html"])
        assert f"Sürüm {next_sources}" in page(out), rename
        assert page(out).count("Sürüm") == 1, rename
        if not killed:
            break
    assert rename >= 3  # at least the page, the document and the state were renamed


def test_what_a_killed_build_left_is_removed_by_the_next_build(tmp_path, monkeypatch):
    root = write_manuscript(tmp_path / "makale", {}, METADATA, BIB)
    out = tmp_path / "out"
    version(root, "ESKİ")
    build(root, out, ["html"])
    version(root, "YENİ")
    with monkeypatch.context() as patch:
        kill_at(patch, 0)  # every file written, none renamed
        with pytest.raises(Killed):
            build(root, out, ["html"])
    assert len(list((out / STAGING).iterdir())) > 1
    version(root, "ESKİ")
    report = build(root, out, ["html"])  # nothing to do, yet the leftovers go
    assert report.written == [] and [p.name for p in (out / STAGING).iterdir()] == ["lock"]
    assert "Sürüm ESKİ" in page(out)


def test_a_full_disk_while_writing_the_cache_is_an_error_and_the_editions_stay(tmp_path):
    root = write_manuscript(tmp_path / "makale", {}, METADATA, BIB)
    words = " ".join(f"kelime{n}" for n in range(3000))
    (root / "manuscript" / "01.md").write_text(f"# Giriş\n\n{words} [@a].\n", encoding="utf-8")
    out = tmp_path / "out"

    def run(limit=None):
        def full_disk():  # files may not grow beyond `limit` bytes: the disk is "full"
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        return subprocess.run([sys.executable, str(REPO / "build.py"), "html", "--root", str(root),
                               "--out", str(out)], capture_output=True, text=True, cwd=root,
                              env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
                              preexec_fn=full_disk if limit else None)

    assert run().returncode == 0
    largest_edition = max(p.stat().st_size for p in (out / "html").iterdir())
    document = (out / ".cache" / "filtered.json").stat().st_size
    assert document > 2 * largest_edition  # so the limit below fails the cache's write alone
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (root / "manuscript" / "01.md").write_text(f"# Giriş\n\nYENİ {words} [@a].\n", encoding="utf-8")
    result = run(limit=(largest_edition + document) // 2)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cannot write the output folder: File too large (free some space" in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert run().returncode == 0 and "YENİ" in page(out)  # and the cache was not harmed
