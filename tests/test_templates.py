"""A journal's own templates (``--templates DIR``): the worked example of
docs/templates.md built as written, no stale edition when a journal's file
changes, the watcher, fonts, stylesheets and the timeline through the search path,
mistakes named like any other, and the trust model (a switch, never metadata)."""
import re
import zipfile
from pathlib import Path

import pytest
from conftest import (
    REPO,
    missing,
    previewing,
    require_tool,
    run_build,
    wait_for,
    write_manuscript,
)
from pypdf import PdfReader

from press.readback import pdf_text, words

SECTIONS = {"01-intro.md": "# Introduction\n\nThe corridor opened on 12 May 1994.\n"}
METADATA = ("lang: en\ntitle: Corridors of Trade\nauthors:\n  - name: Ayşe Yılmaz\n"
            "journal:\n  name: Journal of Caspian Studies\n")
BANNER = "Journal of Caspian Studies · Research article"
TITLE_BLOCK = "typst/partials/title-block.typ.j2"


def documented_examples() -> dict[str, str]:
    """The files docs/templates.md shows, by the path each is marked with."""
    text = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- example: (\S+) -->\n```\w*\n(.*?)```", text, re.S))


@pytest.fixture
def journal(tmp_path) -> Path:
    """The journal's folders: a manuscript (``article/``) and its templates
    (``journal-templates/``), which hold the documented example."""
    write_manuscript(tmp_path / "article", SECTIONS, METADATA)
    folder = tmp_path / "journal-templates"
    for name, text in documented_examples().items():
        write(folder / name, text)
    return folder


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def build(journal: Path, *args: str, templates: bool = True):
    """``python build.py ARGS --root article --templates journal-templates``, run
    where the journal keeps both (the relative path is read from there)."""
    options = ("--templates", journal.name) if templates else ()
    return run_build(*args, "--root", "article", *options, "--verbose", cwd=journal.parent)


def built(journal: Path, pattern: str) -> Path:
    return next((journal.parent / "article" / "build").glob(pattern))


def text_of_pdf(journal: Path) -> str:
    require_tool("pdftotext", "apt-get install poppler-utils")
    return words(pdf_text(built(journal, "*.pdf")))


def test_the_documented_title_block_replaces_the_systems_in_the_pdf(journal):
    assert TITLE_BLOCK in documented_examples()
    result = build(journal, "pdf")
    assert result.returncode == 0, result.stderr
    text = text_of_pdf(journal)
    assert BANNER in text and "Corridors of Trade" in text and "Ayşe Yılmaz" in text
    assert "Cite as:" in text, "the blocks the journal did not replace are the system's"


def test_a_journal_template_changed_or_added_rebuilds_the_pdf_from_the_cached_document(journal):
    assert build(journal, "pdf").returncode == 0
    partial = journal / TITLE_BLOCK
    partial.write_text(partial.read_text(encoding="utf-8").replace("Research article", "Review article"),
                       encoding="utf-8")
    changed = build(journal, "pdf")
    assert changed.returncode == 0 and "edition pdf" in changed.stdout
    assert "filter metadata" not in changed.stdout, "the document did not change: it is not filtered again"
    text = text_of_pdf(journal)
    assert "Review article" in text and "Research article" not in text
    write(journal / "typst" / "partials" / "cite-as.typ.j2", "#text[Please cite the published version.]\n")
    added = build(journal, "pdf")
    assert added.returncode == 0 and "edition pdf" in added.stdout
    assert "Please cite the published version." in text_of_pdf(journal)
    assert "edition pdf" not in build(journal, "pdf").stdout, "nothing changed: nothing runs"


def test_a_missing_templates_folder_is_a_usage_error_naming_it(tmp_path):
    result = run_build("html", "--templates", str(tmp_path / "nonexistent"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert f"--templates folder '{tmp_path / 'nonexistent'}' not found" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_the_watcher_sees_a_journal_template_added_while_it_runs(tmp_path):
    root = write_manuscript(tmp_path / "article", SECTIONS, METADATA)
    folder = tmp_path / "journal-templates"
    folder.mkdir()
    page = root / "build" / "html" / "index.html"
    footer = '<footer class="journal">Journal of Caspian Studies, published since 1994</footer>\n'
    with previewing(root, root / "build", ("html",), {"templates": (str(folder),)}) as (_, builds):
        assert page.is_file() and "published since 1994" not in page.read_text(encoding="utf-8")
        write(folder / "html" / "partials" / "footer.html.j2", footer)
        assert wait_for(lambda: len(builds) > 1 and footer in page.read_text(encoding="utf-8")), builds
    assert page.read_text(encoding="utf-8").index(footer) > page.read_text(encoding="utf-8").index("</main>")


def pdf_fonts(path: Path) -> set[str]:
    return {str(font.get_object()["/BaseFont"]) for page in PdfReader(path).pages
            for font in page["/Resources"].get_object().get("/Font", {}).values()}


def test_typst_uses_the_fonts_a_journal_brings_and_never_the_machines(journal):
    dejavu = sorted(Path("/usr/share/fonts").rglob("DejaVuSerif.ttf"))
    if not dejavu:
        missing("DejaVu Serif is not installed: apt-get install fonts-dejavu-core")
    write(journal / TITLE_BLOCK, '#text(font: "DejaVu Serif")[#{{ plain.journal.name | typst_string }}]\n')
    assert build(journal, "pdf").returncode == 0
    assert not any("DejaVu" in font for font in pdf_fonts(built(journal, "*.pdf"))), \
        "a font of the machine's own is never used"
    (journal / "fonts").mkdir()
    (journal / "fonts" / "DejaVuSerif.ttf").write_bytes(dejavu[0].read_bytes())
    result = build(journal, "pdf")
    assert result.returncode == 0 and "edition pdf" in result.stdout
    assert any("DejaVuSerif" in font for font in pdf_fonts(built(journal, "*.pdf")))


def test_a_journal_stylesheet_replaces_the_systems_in_the_html_and_the_epub(journal):
    write(journal / "html" / "style.css", "body { color: #7a1f2b; }\n")
    write(journal / "epub" / "style.css", "body { font-family: serif; }\n")
    assert build(journal, "html", "epub").returncode == 0
    page_style = journal.parent / "article" / "build" / "html" / "style.css"
    assert page_style.read_text(encoding="utf-8") == "body { color: #7a1f2b; }\n"
    with zipfile.ZipFile(built(journal, "*.epub")) as book:
        assert book.read("EPUB/styles/stylesheet1.css") == b"body { font-family: serif; }\n"


def test_a_mistake_in_a_journal_template_names_its_file_and_line(journal):
    write(journal / TITLE_BLOCK, "#block[\n{% if %}\n]\n")
    result = build(journal, "pdf")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"journal-templates/{TITLE_BLOCK}:2: error: template error:" in result.stderr


def test_check_draws_the_timeline_with_the_journals_template(journal):
    write(journal / "figures" / "timeline.svg.j2", "<svg>{{ layout.marks[0].date }\n</svg>\n")
    assert build(journal, "check", templates=False).returncode == 0
    result = build(journal, "check")
    assert result.returncode == 1
    assert "journal-templates/figures/timeline.svg.j2:1: error: template error:" in result.stderr


def test_a_templates_key_in_the_metadata_is_not_obeyed(journal):
    (journal.parent / "article" / "manuscript" / "metadata.yaml").write_text(
        METADATA + "templates: ../journal-templates\n", encoding="utf-8")
    result = build(journal, "pdf", templates=False)
    assert result.returncode == 0 and "unknown metadata key 'templates'" in result.stderr
    assert "Research article" not in text_of_pdf(journal)
