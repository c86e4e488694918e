"""Compiled templates kept between builds: never stale, never another syntax's code."""
import uuid

from core.templating import template_environment

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
