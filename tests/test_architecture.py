"""docs/architecture.md is executable: its Python blocks run in order, in one
namespace, from the repository's folder, and each asserts what the page says. A
worked example that stops holding fails here."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "docs" / "architecture.md"
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.M | re.S)


def blocks() -> list[tuple[str, str]]:
    """(the section a block is in, its code), in the page's order."""
    text = PAGE.read_text(encoding="utf-8")
    found = []
    for match in BLOCK.finditer(text):
        heading = re.findall(r"^## (.+)$", text[:match.start()], re.M)
        found.append((heading[-1] if heading else "", match.group(1)))
    return found


def test_the_page_has_a_worked_example_for_each_thing_it_teaches():
    sections = {section for section, _ in blocks()}
    assert {"The layers", "Adding a content kind", "Adding an edition", "Adding a stage",
            "Adding a language", "Adding a journal's templates"} <= sections


@pytest.fixture(scope="module")
def namespace(tmp_path_factory):
    return {"EXAMPLE_OUT": tmp_path_factory.mktemp("architecture")}


@pytest.mark.parametrize("number", range(len(blocks())), ids=lambda n: f"{blocks()[n][0]}-{n}")
def test_worked_example_runs(namespace, number, monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH", "1600000000"))
    section, code = blocks()[number]
    exec(compile(code, f"{PAGE.name}: {section}", "exec"), namespace)  # noqa: S102 - our own page
