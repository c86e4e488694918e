"""Reading a manuscript folder: sources in order, metadata, the bibliography it names."""
import pytest
from conftest import built_html

from core.diagnostics import BuildError
from press.manuscript import find_manuscript, read


def manuscript(tmp_path, metadata: str):
    (tmp_path / "manuscript").mkdir()
    (tmp_path / "manuscript" / "01.md").write_text("# Bir\n\nMetin.\n", encoding="utf-8")
    (tmp_path / "manuscript" / "metadata.yaml").write_text(metadata, encoding="utf-8")
    return find_manuscript(tmp_path)


def test_a_bibliography_named_in_the_metadata_is_found_from_the_manuscript_folder(tmp_path):
    (tmp_path / "kaynaklar").mkdir()
    (tmp_path / "kaynaklar" / "eserler.bib").write_text("", encoding="utf-8")
    doc = read(manuscript(tmp_path, "lang: tr\ntitle: Bir\nbibliography: ../kaynaklar/eserler.bib\n"))
    assert doc.get_metadata("bibliography") == [str((tmp_path / "kaynaklar" / "eserler.bib").resolve())]


def test_without_one_every_bib_file_of_the_bibliography_folder_is_used(tmp_path):
    (tmp_path / "bibliography").mkdir()
    for name in ("b.bib", "a.bib"):
        (tmp_path / "bibliography" / name).write_text("", encoding="utf-8")
    doc = read(manuscript(tmp_path, "lang: tr\ntitle: Bir\n"))
    assert [p.rsplit("/", 1)[-1] for p in doc.get_metadata("bibliography")] == ["a.bib", "b.bib"]


def test_metadata_that_is_not_a_mapping_is_named(tmp_path):
    with pytest.raises(BuildError, match="metadata must be a mapping") as error:
        read(manuscript(tmp_path, "- lang\n- tr\n"))
    assert "metadata.yaml" in str(error.value)


def test_a_text_saved_with_windows_line_ends_reads_as_with_unix_ones(tmp_path):
    """CRLF line ends (a Windows editor's; an author's JSS paper): a knitr chunk's header
    ended in a carriage return was not read as one, and its code printed as text with a
    wrong hint; metadata warnings lost their line. Both files build the same page."""
    text = ("---\ntitle: T\nauthor: A\n---\n\nBefore.\n\n```{r, eval=FALSE}\nx <- 1\n```\n\n"
            "After *text*.\n\n```{r}\ny <- 2\n```\n")
    pages, warnings = [], []
    for name, ends in (("unix", "\n"), ("windows", "\r\n")):
        folder = tmp_path / name
        folder.mkdir()
        result, page = built_html(folder, text.replace("\n", ends))
        pages.append(page)
        warnings.append(result.stderr.replace(str(folder), ""))
    assert pages[0] == pages[1] and warnings[0] == warnings[1]
    assert "paper.md:14: warning: a code cell (r) is shown as its code" in warnings[1]
