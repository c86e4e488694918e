"""Attacks through the metadata on the editions' languages (issue 11): what a template
interpolates is escaped for Typst, LaTeX, HTML and XML, or validated, never run."""
import re
import subprocess

import pytest
from conftest import paper_build, require_tool, run_build, write_manuscript

from press.readback import pdf_text as read_pdf

BODY = {"01.md": "# Intro\n\nText.\n"}


def build(tmp_path, metadata: str, *editions: str):
    root = write_manuscript(tmp_path, BODY, metadata)
    return root, run_build(*editions, "--root", str(root), cwd=root)


def pdf_text(root) -> str:
    from pypdf import PdfReader
    return " ".join(page.extract_text() for page in PdfReader(next((root / "build").glob("*.pdf"))).pages)


def test_typst_code_in_the_doi_is_printed_not_run(tmp_path):
    root, result = build(tmp_path, 'lang: en\ntitle: T\ndoi: "10.1234/x*/#text[RAN42]/*"\n', "pdf", "html")
    assert result.returncode == 0, result.stderr
    assert "#text[RAN42]" in pdf_text(root).replace("\n", "")  # shown as written: it did not run
    html = (root / "build" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'content="10.1234/x*/#text[RAN42]/*"' in html


def test_a_doi_with_spaces_is_refused(tmp_path):
    _, result = build(tmp_path, 'lang: en\ntitle: T\ndoi: "10.1234/x */ #text[RAN 42]"\n', "pdf")
    assert result.returncode == 1 and "is not a DOI" in result.stderr


@pytest.mark.parametrize("field, value, message", [
    ("date", '"2021]#panic()"', "is not a date"),
    ("lang", '"en}\\\\input{/etc/passwd}"', "is not a language tag"),
    ("received", "yesterday", "is not a date"),
])
def test_values_pasted_into_templates_are_validated(tmp_path, field, value, message):
    fields = {"lang": "en", "title": "T", field: value}
    _, result = build(tmp_path, "".join(f"{name}: {text}\n" for name, text in fields.items()), "pdf")
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_latex_specials_in_metadata_compile_as_text(tmp_path):
    require_tool("xelatex", "apt-get install texlive-xetex texlive-lang-european latexmk")
    metadata = ('lang: en\ntitle: "50% \\\\input{/etc/passwd} & #1 $x$ ~ ^ _"\n'
                'authors: [{name: "A & B \\\\def\\\\x{}", email: "a_b@x.org"}]\n'
                'doi: "10.1000/a_b~c"\nlicense: "https://example.org/~lic/a_b#x"\n')
    root, result = build(tmp_path, metadata, "latex")
    assert result.returncode == 0, result.stderr
    folder = root / "build" / "latex"
    tex = next(folder.glob("*.tex")).read_text(encoding="utf-8")
    assert "\\input{/etc/passwd}" not in tex.replace("\\textbackslash{}input", "")
    compiled = subprocess.run(["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error",
                               next(folder.glob("*.tex")).name], cwd=folder, capture_output=True, text=True)
    assert compiled.returncode == 0, compiled.stdout[-2000:]
    from pypdf import PdfReader
    first = PdfReader(next(folder.glob("*.pdf"))).pages[0].extract_text()
    assert "50%" in first and "input{/etc/passwd}" in first.replace("\\", "")
    root_line = open("/etc/passwd").readline().split(":")[0]
    assert f"{root_line}:x:0:0" not in first
    # addresses reach the links as the same addresses (~ percent-encoded: latex_url's allowlist)
    links = {annotation.get_object()["/A"]["/URI"] for annotation in
             PdfReader(next(folder.glob("*.pdf"))).pages[0].get("/Annots", [])}
    assert {"https://doi.org/10.1000/a_b~c", "https://example.org/%7Elic/a_b#x", "mailto:a_b@x.org"} <= links


def test_xml_editions_escape_metadata(tmp_path):
    metadata = ('lang: en\ntitle: "A <b>bold</b> & <script>x</script> title"\n'
                "journal: {name: J, issn: 1234-5679}\n")
    root, result = build(tmp_path, metadata, "jats")
    assert result.returncode == 0, result.stderr
    xml = next((root / "build" / "jats").glob("*.xml")).read_text(encoding="utf-8")
    assert "<script>" not in xml and "&lt;script&gt;" in xml
    assert re.search(r"<article-title>A &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt; title",
                     xml.replace("\n", " "))


def test_a_bib_href_to_javascript_is_no_link(tmp_path):
    bib = ("@misc{x, author = {A, B}, year = {2020}, url = {javascript:alert(2)},\n"
           "  title = {A \\href{javascript:alert(document.domain)}{click me} and \\href{https://ok.org}{ok}}}\n")
    root = write_manuscript(tmp_path, {"01.md": "# Intro\n\nText [@x].\n"},
                            "lang: en\ntitle: T\njournal: {name: J, issn: 1234-5679}\n", bib)
    result = run_build("html", "epub", "jats", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    html = (root / "build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "click me" in html and 'href="https://ok.org"' in html
    assert not re.search(r'href="\s*javascript', html, re.I)
    jats = next((root / "build" / "jats").glob("*.xml")).read_text(encoding="utf-8")
    assert 'xlink:href="javascript' not in jats


def test_a_control_character_from_a_yaml_escape_is_an_error(tmp_path):
    _, result = build(tmp_path, 'lang: en\ntitle: "Nul \\x00 here \\e esc"\n', "epub")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "manuscript/metadata.yaml:2: error: control character U+0000, written as '\\x00'" in result.stderr


def test_a_control_character_in_csl_json_is_an_error(tmp_path):
    root = write_manuscript(tmp_path, {"01.md": "# A\n\nText [@x].\n"},
                            "lang: en\ntitle: T\nbibliography: refs.json\n")
    (root / "manuscript" / "refs.json").write_text(
        '[{"id": "x", "type": "book",\n "title": "Bad \\u0000 title", "issued": {"date-parts": [[2020]]}}]',
        encoding="utf-8")
    result = run_build("html", "--root", str(root), cwd=root)
    assert result.returncode == 1 and "refs.json:2: error: control character U+0000" in result.stderr


@pytest.mark.parametrize("written, message", [
    (b"- date: 2020-09-27\n  text: \xfe\xff bad\n", "chronology.yaml: error: not valid UTF-8 at byte offset"),
    (b'- date: 2020-09-27\n  text: "a\\x00b"\n', "chronology.yaml:2: error: 'text' holds a control character"),
])
def test_the_chronology_corrections_are_checked_like_any_text(tmp_path, written, message):
    root = write_manuscript(tmp_path, {"01.md": "# A\n\nSavaş 27 Eylül 2020’de başladı.\n"},
                            "lang: tr\ntitle: T\n")
    (root / "manuscript" / "chronology.yaml").write_bytes(written)
    result = run_build("html", "--root", str(root), cwd=root)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_a_defused_link_keeps_its_id_and_a_link_to_nowhere_is_still_an_error():
    import panflute as pf
    from conftest import doc_from

    from core.diagnostics import collecting
    from filters import links
    doc = doc_from("[x](javascript:f()){#foo} and [y](#foo).\n\n[z](#missing)\n")
    with collecting() as found:
        links.main(doc)
    assert [d.message for d in found] == ["internal link to '#missing', but nothing has that id"]
    defused = doc.content[0].content[0]
    assert isinstance(defused, pf.Span) and defused.identifier == "foo"


def test_a_first_word_typst_reads_as_a_marker_is_printed_as_written(tmp_path):
    """A play's dialogue in a table's cells ("- Allons-nous-en.", an author's trial: a
    French rticles skeleton) printed as bullets in the PDF: pandoc escapes Typst's list,
    numbered list and heading markers at the start of a line of the text, not as the first
    word of a cell, a footnote or a list item, where Typst reads them as markup too."""
    result = paper_build(tmp_path, "---\ntitle: T\n---\n\nText.[^1]\n\n[^1]: \\- a note dash.\n\n- \\+ an item plus\n\n"
                                   "| Who | Says |\n|---|---|\n| Estragon. | \\- Allons-nous-en. |\n| 3\\. | \\= same |\n", "pdf")
    assert result.returncode == 0, result.stderr
    text = read_pdf(tmp_path / "out" / "t.pdf")
    for written in ("- Allons-nous-en.", "- a note dash.", "+ an item plus", "3.", "= same"):
        assert written in text, (written, text)
    assert "•" not in text.replace("• + an item plus", "")


def test_a_word_run_on_after_a_call_with_its_period_is_printed(tmp_path):
    """``centre[^1].The`` (an Elsevier paper of an author's trial), ``*x*.Then``: pandoc's
    Typst writer sets the note, the emphasis, the link as a call (#footnote[…]), and
    Typst read ".The" as a field of its result and stopped: no PDF. In the title too."""
    result = paper_build(tmp_path, "---\ntitle: A *x*.Then title\n---\n\nA centre[^1].The end. *x*.Then "
                                   "[l](https://e.org).Şu x^2^.Then.\n\n[^1]: note\n", "pdf")
    assert result.returncode == 0, result.stderr
    text = " ".join(read_pdf(tmp_path / "out" / "a-x-then-title.pdf").split())
    assert "A x.Then title" in text and "A centre1.The end. x.Then l.Şu x2.Then." in text, text
