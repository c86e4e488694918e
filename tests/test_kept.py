"""What a build keeps for its user between builds (``press.kept``): the EPUB's cover is
drawn once for a title, and again when anything it shows, or Typst, changes."""
from __future__ import annotations

import os
import stat

import pytest

from core.templatepath import template_path
from press import epub, kept


@pytest.fixture
def drawn(monkeypatch, tmp_path):
    """Every cover Typst draws (its source), with the kept folder in ``tmp_path``."""
    sources = []
    monkeypatch.setattr(kept, "private_folder", lambda: tmp_path)

    def compile(source, timestamp, output="pdf", **_):
        sources.append(source)
        return f"PNG {len(sources)}".encode()

    monkeypatch.setattr(epub.TYPST_PICTURES, "compile", compile)
    return sources


PLAIN = {"title": "Dağlık Karabağ", "authors": [{"name": "A. Yazar"}], "date": "2021-03-01"}


def test_a_cover_is_drawn_once_for_the_same_title(drawn):
    first = epub.epub_cover(PLAIN, "tr", 1600000000, template_path())
    again = epub.epub_cover(dict(PLAIN), "tr", 1600000000, template_path())
    assert first == again == b"PNG 1" and len(drawn) == 1


@pytest.mark.parametrize("change", [
    lambda plain, lang, stamp: ({**plain, "title": "Başka"}, lang, stamp),
    lambda plain, lang, stamp: ({**plain, "authors": [{"name": "B. Yazar"}]}, lang, stamp),
    lambda plain, lang, stamp: (plain, "en", stamp),
    lambda plain, lang, stamp: (plain, lang, stamp + 1),
], ids=["title", "authors", "language", "timestamp"])
def test_what_the_cover_shows_draws_it_again(drawn, change):
    epub.epub_cover(PLAIN, "tr", 1600000000, template_path())
    epub.epub_cover(*change(PLAIN, "tr", 1600000000), template_path())
    assert len(drawn) == 2


def test_a_journal_font_draws_it_again(drawn, tmp_path):
    fonts = tmp_path / "journal" / "fonts"
    fonts.mkdir(parents=True)
    (fonts / "house.otf").write_bytes(b"one")
    path = template_path((str(tmp_path / "journal"),))
    epub.epub_cover(PLAIN, "tr", None, path)
    (fonts / "house.otf").write_bytes(b"two")
    epub.epub_cover(PLAIN, "tr", None, path)
    assert len(drawn) == 2


def test_the_folder_is_the_users_alone(monkeypatch, tmp_path):
    monkeypatch.setattr(kept.tempfile, "gettempdir", lambda: str(tmp_path))
    folder = kept.private_folder()
    assert folder is not None and stat.S_IMODE(folder.stat().st_mode) == 0o700
    folder.chmod(0o755)  # another user could plant a cover there: nothing is kept
    assert kept.private_folder() is None
    made = []
    assert kept.kept(["x"], "png", lambda: made.append(1) or b"new") == b"new"
    assert kept.kept(["x"], "png", lambda: made.append(1) or b"new") == b"new" and len(made) == 2
    assert not any(name.endswith(".png") for name in os.listdir(folder))


def test_a_kept_font_subset_is_the_same_whatever_the_time_of_the_build(monkeypatch):
    """A subset made by a build without SOURCE_DATE_EPOCH is kept and served to a
    reproducible build after it: it holds no time of its own making."""
    from press import webfonts
    from tests.conftest import REPO

    source = (REPO / "templates" / "html" / "fonts" / "eb-garamond-latin-400-normal.ttf").read_bytes()
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    now = webfonts.subset_font.__wrapped__(source, frozenset("abc"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert webfonts.subset_font.__wrapped__(source, frozenset("abc")) == now


def test_a_kept_file_gone_or_unwritable_is_made(monkeypatch, tmp_path):
    monkeypatch.setattr(kept.Path, "is_file", lambda path: True)  # listed, then gone before it is read
    assert kept.kept(["y"], "png", lambda: b"made", tmp_path / "missing") == b"made"
