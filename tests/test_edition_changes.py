"""An edition skips its changes to the document when a text search (``press.ast.
may_contain``) says it holds nothing they touch. The kinds and marks each edition
lists must cover every element its change rewrites: on every block of the sample
articles, one at a time, the skipping edit gives what the full one gives."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import doc_from

from press import ast, html, pdf
from press.editions import sandboxed_job
from press.manuscript import find_manuscript
from press.pipeline import Report, filtered_document

SAMPLES = Path(__file__).parent / "samples"
# What the samples lack: a pipe table so long that pandoc gives its columns widths.
WIDE_PIPE_TABLE = ("| a | b |\n|---|---|\n| " + "long " * 40 + "| x |\n\n: Widths {#tbl:wide}\n")


@pytest.fixture(scope="module", params=["article-en", "article-tr"])
def filtered(request):
    facts, _, _ = filtered_document(find_manuscript(SAMPLES / request.param), Report())
    return facts


@pytest.mark.parametrize("prepare", [html.prepare, pdf.prepare], ids=["html", "pdf"])
def test_skipping_an_edition_change_never_loses_one(filtered, prepare, monkeypatch):
    doc = json.loads(filtered["ast"])
    changed = 0
    for block in doc["blocks"] + doc_from(WIDE_PIPE_TABLE).to_json()["blocks"]:
        facts = {**filtered, "ast": ast.dump({**doc, "meta": {}, "blocks": [block]})}
        with sandboxed_job(facts, timestamp=None) as one:  # the metadata names every figure
            skipping = prepare(one)
            with monkeypatch.context() as always:
                always.setattr(ast, "may_contain", lambda *_: True)
                full = prepare(one)
        assert json.loads(skipping) == json.loads(full), json.dumps(block)[:200]
        changed += skipping != one.doc_json
    assert changed  # the samples hold what the edition changes: the check checked something
