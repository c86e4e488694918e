"""Compiled templates kept between builds: never stale, never another syntax's code."""
import uuid

from conftest import run_build

from core.templating import template_environment
from press.readback import pdf_text

LATEX_SYNTAX = {"comment_start_string": "{##", "comment_end_string": "##}"}


def render(folder, name, **options):
    return template_environment(folder, **options).get_template(name).render(x="X")


def test_a_template_is_compiled_for_each_syntax_it_is_read_with(tmp_path):
    name = f"{uuid.uuid4().hex}.j2"
    (tmp_path / name).write_text(r"\newcommand{\y}[1]{#1}{## note ##}{{ x }}", encoding="utf-8")
    # Default syntax first: `{#1}{## note ##}` is one comment; that compiled code is cached.
    assert render(tmp_path, name) == r"\newcommand{\y}[1]X"
    # The same file under LaTeX's comment markers must not reuse it.
    assert render(tmp_path, name, **LATEX_SYNTAX) == r"\newcommand{\y}[1]{#1}X"
    assert render(tmp_path, name) == r"\newcommand{\y}[1]X"


def test_an_edited_template_is_compiled_again(tmp_path):
    name = f"{uuid.uuid4().hex}.j2"
    (tmp_path / name).write_text("old {{ x }}", encoding="utf-8")
    assert render(tmp_path, name) == "old X"
    (tmp_path / name).write_text("new {{ x }}", encoding="utf-8")
    assert render(tmp_path, name) == "new X"


def test_a_file_added_earlier_in_the_search_path_replaces_the_loaded_template(tmp_path):
    journal, system = tmp_path / "journal", tmp_path / "system"
    system.mkdir()
    (system / "block.j2").write_text("system {{ x }}", encoding="utf-8")
    env = template_environment([journal, system])
    assert env.get_template("block.j2").render(x="X") == "system X"
    journal.mkdir()
    (journal / "block.j2").write_text("journal {{ x }}", encoding="utf-8")
    assert env.get_template("block.j2").render(x="X") == "journal X"
    (journal / "block.j2").unlink()
    assert env.get_template("block.j2").render(x="X") == "system X"


def test_a_field_given_as_a_list_prints_its_items_not_a_python_list(tmp_path):
    """`header-includes` as a YAML list (two of three papers in an author's trial): the
    PDF's first page read "['']", the HTML's head held it, and the LaTeX folder did not
    compile. Each edition prints the items, one per line."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\nheader-includes:\n  - \\usepackage{xcolor}\n"
                                       "  - \\usepackage{lineno}\n---\n\n# Intro\n\nText.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_build("pdf", "html", "latex", str(tmp_path / "paper.md"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    tex = next((out / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "\\usepackage{xcolor}\n\\usepackage{lineno}" in tex
    for text in (tex, (out / "html" / "index.html").read_text(encoding="utf-8"), pdf_text(next(out.glob("*.pdf")))):
        assert "['" not in text and "']" not in text
