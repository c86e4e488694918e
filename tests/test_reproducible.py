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
