"""Same inputs, same bytes: two clean builds with one SOURCE_DATE_EPOCH are identical."""
import zipfile

from conftest import run_build


def test_two_clean_builds_are_byte_identical(article, tmp_path):
    again = tmp_path / "again"
    result = run_build("--out", str(again))
    assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(article) for p in article.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for name in files:
        assert (article / name).read_bytes() == (again / name).read_bytes(), name


def test_epub_dates_come_from_source_date_epoch(article):
    epub = zipfile.ZipFile(next(article.glob("*.epub")))
    assert {info.date_time[:3] for info in epub.infolist()} == {(2020, 9, 13)}
    opf = epub.read("EPUB/content.opf").decode()
    assert "2020-09-13T12:26:40Z" in opf
    assert "urn:uuid:" in opf  # derived from title and date, the same on every build


def test_pdf_creation_date_comes_from_source_date_epoch(article):
    from pypdf import PdfReader
    reader = PdfReader(next(article.glob("*.pdf")))
    assert reader.metadata["/CreationDate"].startswith("D:20200913")


def test_the_epub_is_the_same_from_a_cached_document(tmp_path):
    """The cover is drawn from the checked metadata whether the stages ran or the
    cached document was used (pandoc's `author:` becomes the authors in both)."""
    from conftest import write_manuscript
    root = write_manuscript(tmp_path, {"01.md": "# A\n\nText.\n"},
                            "lang: tr\ntitle: Deneme\nauthor: [Ayşe Yılmaz, John Smith]\n")
    assert run_build("epub", "--root", str(root)).returncode == 0
    epub = next((root / "build").glob("*.epub"))
    first = epub.read_bytes()
    epub.unlink()
    result = run_build("epub", "--root", str(root), "--verbose")
    assert result.returncode == 0 and "filter metadata" not in result.stdout  # from the cache
    assert epub.read_bytes() == first


def test_the_editors_editions_are_byte_identical_too(tmp_path):
    """DOCX, JATS and the Crossref deposit: the same bytes a second later."""
    import time

    from conftest import REPO
    sample = REPO / "tests" / "samples" / "article-en"
    outputs = []
    for run in ("first", "second"):
        out = tmp_path / run
        assert run_build("docx", "jats", "crossref", "--root", str(sample), "--out", str(out)).returncode == 0
        outputs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*")
                        if p.is_file() and ".cache" not in p.parts})
        time.sleep(1.1)
    assert outputs[0] == outputs[1]
