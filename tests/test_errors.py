"""Bad input: a clear message naming file and line, a non-zero exit, and build/ untouched."""
import hashlib
from pathlib import Path

import pytest
from conftest import run_build, write_manuscript

SECTIONS = {
    "01-giris.md": "# Giriş\n\nİlk cümle [@aslanli2015, 56].\n",
    "03-turkmenistan.md": "# Türkmenistan\n\nBir.\n\nİki.\n\nÜç [@aslanli2051, 12].\n",
}
METADATA = "lang: tr\ntitle: Hata Denemesi\n"
BIB = "@misc{aslanli2015, author = {Aslanlı}, year = {2015}}\n"


@pytest.fixture
def project(tmp_path):
    sections = dict(SECTIONS)
    sections["03-turkmenistan.md"] = "# Türkmenistan\n\nBir [@aslanli2015].\n"
    return write_manuscript(tmp_path, sections, METADATA, BIB)


@pytest.fixture
def built(project):
    """A project with good editions in build/, and their checksums."""
    result = run_build("--root", str(project))
    assert result.returncode == 0, result.stderr
    return project, checksums(project / "build")


def checksums(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_failed_and_untouched(result, project, before, *expected):
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr
    assert checksums(project / "build") == before


def test_unknown_key_names_file_line_and_suggestion(built):
    project, before = built
    (project / "manuscript" / "03-turkmenistan.md").write_text(SECTIONS["03-turkmenistan.md"], encoding="utf-8")
    result = run_build("--root", str(project), cwd=project)
    assert_failed_and_untouched(result, project, before,
                                "manuscript/03-turkmenistan.md:7: error: unknown citation key "
                                "'aslanli2051' (did you mean 'aslanli2015'?)")


def test_malformed_bib(built):
    project, before = built
    (project / "bibliography" / "references.bib").write_text(BIB + "\n@misc{broken, year = {20\n",
                                                             encoding="utf-8")
    result = run_build("--root", str(project), cwd=project)
    assert_failed_and_untouched(result, project, before, "bibliography/references.bib", "malformed BibTeX")


def test_duplicate_key_names_both_lines(built):
    project, before = built
    # the same key for another work (a copy written twice the same is a warning, as in biber)
    (project / "bibliography" / "references.bib").write_text(BIB + "\n" + BIB.replace("2015}", "2016}"),
                                                             encoding="utf-8")
    result = run_build("--root", str(project), cwd=project)
    assert_failed_and_untouched(result, project, before,
                                "bibliography/references.bib:3: error: duplicate citation key 'aslanli2015'",
                                "references.bib:1")


def test_incomplete_entry_is_a_warning(project):
    result = run_build("html", "--root", str(project), cwd=project)
    assert result.returncode == 0
    assert "bibliography/references.bib:1: warning: incomplete entry 'aslanli2015': no title" in result.stderr


def test_impossible_event_date(built):
    project, before = built
    (project / "manuscript" / "03-turkmenistan.md").write_text(
        '# T\n\nBir [x]{.event date="2020-13-40"} olay [@aslanli2015].\n', encoding="utf-8")
    result = run_build("--root", str(project), cwd=project)
    assert_failed_and_untouched(result, project, before, "manuscript/03-turkmenistan.md:3: error:",
                                "2020-13-40", "[x]")


def test_yaml_error_names_the_line(built):
    project, before = built
    (project / "manuscript" / "metadata.yaml").write_text("lang: tr\ntitle: [unclosed\nabstract: x\n",
                                                          encoding="utf-8")
    result = run_build("--root", str(project), cwd=project)
    assert_failed_and_untouched(result, project, before, "manuscript/metadata.yaml:", "YAML syntax error")


def test_non_utf8_manuscript(built):
    project, before = built
    (project / "manuscript" / "03-turkmenistan.md").write_bytes("# T\n\nBir ".encode() + b"\xfe\xff.\n")
    result = run_build("--root", str(project), cwd=project)
    assert_failed_and_untouched(result, project, before, "manuscript/03-turkmenistan.md: error: not valid "
                                "UTF-8 at byte offset 9")


def test_unknown_edition_is_a_usage_error(project):
    result = run_build("rtf", "--root", str(project))
    assert result.returncode == 2
    assert "unknown edition 'rtf'" in result.stderr


def test_unwritable_output_folder(project, tmp_path):
    # A path below a regular file cannot be created, even by root (CI runs as root).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = run_build("--root", str(project), "--out", str(blocker / "out"))
    assert result.returncode == 1, result.stderr
    assert "cannot write the output folder" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("files, where", [
    # a CSL-JSON escape reads as half a UTF-16 pair: it made pandoc wait for ever for the rest
    # of its input (the text could not be written to it)
    ({"bibliography/refs.json": '[{"id": "a", "type": "book", "title": "Lone \\ud800 half",\n'
                                '  "issued": {"date-parts": [[2001]]}}]\n',
      "manuscript/metadata.yaml": "title: T\nlang: en\nbibliography: ../bibliography/refs.json\n"},
     "bibliography/refs.json:1: error: '\\ud800' is half of a UTF-16 pair"),
    # in YAML, pandoc refused it naming its own copy of the file
    ({"manuscript/metadata.yaml": 'title: T\nlang: en\nabstract: "x \\udc00"\n'},
     "manuscript/metadata.yaml:3: error: '\\udc00' is half of a UTF-16 pair"),
    ({"manuscript/metadata.yaml": 'title: "T\\U0000D800x"\nlang: en\n'},
     "manuscript/metadata.yaml:1: error: '\\U0000D800' is half of a UTF-16 pair"),
])
def test_half_a_utf16_pair_is_an_error_at_its_line(tmp_path, files, where):
    import subprocess
    import sys

    (tmp_path / "manuscript").mkdir()
    (tmp_path / "bibliography").mkdir()
    (tmp_path / "manuscript" / "01.md").write_text("Text [@a].\n", encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "build.py", "pdf", "html", "epub", "docx", "--root", str(tmp_path),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=120,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 1 and where in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "press-sandbox" not in result.stderr


def test_a_text_no_tool_can_read_is_an_error_not_a_wait():
    from core.diagnostics import BuildError
    from core.jsontext import dumps
    from core.tools import run_pandoc

    doc = {"pandoc-api-version": [1, 23, 1], "meta": {}, "blocks": [{"t": "Para", "c": [{"t": "Str", "c": "a\ud800"}]}]}
    with pytest.raises(BuildError, match="half of a UTF-16 pair"):
        run_pandoc(["--from", "json", "--to", "html"], stdin=dumps(doc))


@pytest.mark.parametrize("name, text, where", [
    # the attacker's round: a traceback from YAML's reader, a JATS traceback, an ill-formed EPUB
    ("manuscript/metadata.yaml", 'title: "T \uffff"\nlang: en\n', "metadata.yaml:1: error: noncharacter U+FFFF"),
    ("manuscript/01.md", "Text \x85 here.\n", "01.md:1: error: control character U+0085"),
    ("manuscript/01.md", "Text\n\nand \ufffe.\n", "01.md:3: error: noncharacter U+FFFE"),
    # written as an escape or an entity, located in the file that writes it (it had no line)
    ("manuscript/metadata.yaml", 'title: T\nlang: en\nabstract: "a \\x85 b"\n',
     "metadata.yaml:3: error: control character U+0085, written as '\\x85'"),
    ("manuscript/metadata.yaml", 'title: T\nlang: en\nabstract: "a \\N b"\n',
     "metadata.yaml:3: error: control character U+0085, written as '\\N'"),
    ("manuscript/01.md", "Text\n\nand &#xFFFE; here.\n", "01.md:3: error: noncharacter U+FFFE, written as '&#xFFFE;'"),
])
def test_a_character_no_edition_can_hold_is_an_error_at_its_line(tmp_path, name, text, where):
    root = write_manuscript(tmp_path, {"01.md": "Text [@a].\n"}, "title: T\nlang: en\n",
                            bib="@misc{a, title = {T}, year = {2001}}\n")
    (root / name).write_text(text, encoding="utf-8")
    result = run_build("html", "jats", "epub", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and where in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_a_character_no_edition_can_hold_in_the_bibliography_is_left_out_with_a_warning(tmp_path):
    """An author's trial (18kimn/imf_loans: a Zotero export of 200 entries): a stray U+008E in
    an uncited entry's abstract stopped the whole build; biber and pandoc read on."""
    root = write_manuscript(tmp_path, {"01.md": "Text [@a].\n"}, "title: T\nlang: en\n",
                            bib="@misc{a, title = {T \uffff one}, year = {2001}}\n@misc{b, abstract = {di\x8ecult}}\n")
    result = run_build("html", "epub", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "references.bib:1: warning: noncharacter U+FFFF is left out, with any other in the file" in result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "T one" in page and "\uffff" not in page


def test_a_private_use_character_is_a_stand_in_in_the_pdf(tmp_path):
    """PDF/A forbids private-use characters: Typst's refusal stopped the PDF (naming no
    line), and a noncharacter's escaped name in its diagnostic was taken letter by letter."""
    root = write_manuscript(tmp_path, {"01.md": "Private \ue000 use and \U0010ffff end.\n"}, "title: T\nlang: en\n")
    result = run_build("pdf", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "01.md:1: warning: the pdf edition cannot show" in result.stderr
    from pypdf import PdfReader
    text = " ".join(p.extract_text() for p in PdfReader(next((tmp_path / "out").glob("*.pdf"))).pages)
    assert "Private (U+E000) use and (U+10FFFF) end." in text


def test_raw_typst_calling_another_templates_function_says_so(tmp_path):
    """An author's trial (a Quarto preprint): ``#show: appendix.with()`` was "unknown
    variable: appendix" at its line, with no word of why or what to do."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\nlang: en\n---\n\nText.\n\n```{=typst}\n"
                                       "#show: appendix.with()\n```\n", encoding="utf-8")
    result = run_build("pdf", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("paper.md:9: error: typst failed: unknown variable: appendix (raw Typst written for another "
            "template (a Quarto format's?) uses 'appendix'") in result.stderr, result.stderr


def test_a_warning_is_never_placed_in_a_yaml_comment(tmp_path):
    r"""A front matter's comment holding the same words (``# draft: \thickhline``; an
    author's Elsevier paper had a tie so): the warning about the text's ``\thickhline``
    named the comment's line, which no edition reads."""
    text = "---\ntitle: T\n# draft: \\thickhline\n---\n\nText.\n\n\\thickhline\n\nMore.\n"
    (tmp_path / "paper.md").write_text(text, encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "paper.md:8: warning: the LaTeX '\\thickhline'" in result.stderr, result.stderr
