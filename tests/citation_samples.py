"""Golden samples of the citation styles: a small article citing one work of every
type (``tests/samples/citations/``), rendered in the house style and in each named
CSL style, in Turkish and in English, as plain text (the body with its citations
and footnotes, then the reference list).

The expected texts are ``tests/samples/citations/<style>.<lang>.txt``;
``tests/test_citations.py`` compares against them. After a deliberate change to a
style, regenerate them and read the diff::

    .venv/bin/python -m tests.citation_samples
"""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import panflute as pf  # noqa: E402

from core.diagnostics import collecting, raise_collected  # noqa: E402
from core.names import SOURCE_FILES_KEY  # noqa: E402
from core.tools import run_pandoc  # noqa: E402
from filters import citations  # noqa: E402

SAMPLES = REPO / "tests" / "samples" / "citations"
STYLES = (None, "apa", "chicago-author-date", "chicago-notes", "harvard-cite-them-right",
          "ieee", "vancouver", "isnad-metinici", "isnad-dipnotlu")
LANGUAGES = ("tr", "en")


def filtered(lang: str, style: str | None, source: Path | None = None) -> pf.Doc:
    """The sample article in ``lang``, through the citation stage in ``style``."""
    source = source or SAMPLES / f"article.{lang}.md"
    doc = pf.load(io.StringIO(run_pandoc(["--from", "markdown", "--to", "json", str(source)])))
    doc.metadata["lang"] = pf.MetaString(lang)
    doc.metadata["bibliography"] = pf.MetaList(
        *(pf.MetaString(str(SAMPLES / name)) for name in ("references.bib", "references.json")))
    doc.metadata[SOURCE_FILES_KEY] = pf.MetaList(pf.MetaString(str(source)))
    if style:
        doc.metadata["csl"] = pf.MetaString(style)
    with collecting() as found:
        doc = citations.main(doc)
    raise_collected(found)
    return doc


def render(lang: str, style: str | None) -> str:
    doc = filtered(lang, style)
    return run_pandoc(["--from", "json", "--to", "plain", "--wrap=none"], stdin=json.dumps(doc.to_json()))


def sample_path(lang: str, style: str | None) -> Path:
    return SAMPLES / f"{style or 'house'}.{lang}.txt"


if __name__ == "__main__":
    for style in STYLES:
        for lang in LANGUAGES:
            sample_path(lang, style).write_text(render(lang, style), encoding="utf-8")
            print(f"wrote {sample_path(lang, style).relative_to(REPO)}")
