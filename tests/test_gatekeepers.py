"""Every gatekeeper accepts every deliverable: each edition's validators (its record's
``validator``, ``press.validate``) run on every sample manuscript (English, Turkish,
German) and the seed article as its journal would deposit it, in every edition that
has one: the PDF's PDF/A-2 and PDF/UA-1 structure (pikepdf; Typst's own export checks
ran when it was written), the HTML through the Nu HTML Checker, the EPUB through
EPUBCheck 5 and DAISY Ace, the JATS through its DTD, JATS4R's rules and the PMC checks,
the Crossref deposit through Crossref's schema. Then each gatekeeper is shown to
refuse what it must. ``make gatekeepers`` runs this file alone.

The tools come from the registries (``.ci/run``, ``make``): in CI a missing one fails
the test, never skips it."""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import (
    SAMPLE_NAMES,
    SAMPLES,
    require_gatekeeper,
    run_build,
    seed_with_journal,
)
from lxml import etree

from core.diagnostics import BuildError
from press import validate
from press.editions import EDITION, EDITIONS

# The gatekeepers of this file; LaTeX's (latexmk) and the DOCX's (LibreOffice) run in
# tests/test_samples.py and tests/test_deliverables.py.
CHECKED = [edition.name for edition in EDITIONS if edition.validator and edition.name not in ("latex", "docx")]
ARTICLES = (*SAMPLE_NAMES, "seed")


@pytest.fixture(scope="session")
def seed_built(tmp_path_factory) -> Path:
    """The seed article, with its journal's fields, in every edition."""
    root = seed_with_journal(tmp_path_factory.mktemp("seed-all"))
    out = tmp_path_factory.mktemp("seed-out")
    result = run_build(*(edition.name for edition in EDITIONS), "--root", str(root), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def outputs(built, seed_built) -> dict[str, Path]:
    return {**built, "seed": seed_built}


@pytest.mark.slow
@pytest.mark.parametrize("edition", CHECKED)
@pytest.mark.parametrize("article", ARTICLES)
def test_every_gatekeeper_accepts_every_deliverable(outputs, article, edition):
    path = next(outputs[article].glob(EDITION[edition].main_file("*")))
    warnings = [str(w) for w in require_gatekeeper(EDITION[edition].validate, path)]
    if article == "seed":  # its works' kinds and its licence were not recovered: JATS4R and we say so
        warnings = [w for w in warnings if "Avoid using 'other'" not in w and "no <license>" not in w]
    if edition in ("jats", "crossref", "pdf"):
        assert warnings == [], warnings  # not even a JATS4R warning


# --- every block and inline in every container -------------------------------------------

NESTINGS = ("blocks", "inlines")


@pytest.fixture(scope="session")
def nesting_built(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """``tests/nesting.py``'s two papers in every edition: (the output folder, what the
    build said) of each."""
    import nesting

    built = {}
    for paper, text in (("blocks", nesting.nesting_paper()), ("inlines", nesting.inline_paper())):
        folder = tmp_path_factory.mktemp(f"nesting-{paper}")
        (folder / "paper.md").write_text(text, encoding="utf-8")
        (folder / "refs.bib").write_text(nesting.BIBLIOGRAPHY, encoding="utf-8")
        shutil.copy(SAMPLES / "article-en" / "manuscript" / "figures" / "trade.png", folder)
        result = run_build(*(edition.name for edition in EDITIONS), str(folder / "paper.md"),
                           "--out", str(folder / "out"))
        assert result.returncode == 0, result.stderr
        built[paper] = (folder / "out", result.stderr)
    return built


@pytest.mark.slow
@pytest.mark.parametrize("edition", [edition.name for edition in EDITIONS if edition.validator])
@pytest.mark.parametrize("paper", NESTINGS)
def test_every_block_and_inline_in_every_container_passes_every_gatekeeper(nesting_built, paper, edition):
    """A quotation, code, a table, a figure or a heading in a footnote, a table's cell, a
    callout…: JATS's notes hold paragraphs only, LaTeX's notes no float or verbatim, a
    longtable's cell no longtable, PDF/UA no skipped heading level. Math, a note, a
    picture or a citation in a link, a term, a caption, a theorem's name: HTML has no link
    in a link, JATS no formula in one, LaTeX no ``]`` in ``\\item[…]``, ``\\Big.`` no MathML."""
    path = next(nesting_built[paper][0].glob(EDITION[edition].main_file("*")))
    assert [str(w) for w in require_gatekeeper(EDITION[edition].validate, path)] == []


@pytest.mark.slow
@pytest.mark.parametrize("edition", [edition.name for edition in EDITIONS if edition.name != "crossref"])
@pytest.mark.parametrize("paper", NESTINGS)
def test_every_block_and_inline_in_every_container_is_in_every_edition(nesting_built, paper, edition):
    """Nothing lost without a word: each one's words are read back from every edition
    once per container that holds it (a note in a table's caption or a definition's
    term printed nothing in LaTeX, a citation in a theorem's name was "@key"), and what
    pandoc cannot read (a note in a note) is a warning naming it."""
    import nesting

    out, said = nesting_built[paper]
    text = " ".join(EDITION[edition].read(next(out.glob(EDITION[edition].main_file("*")))).split()).casefold()
    if paper == "blocks":
        expected = {words: sum((container, block) not in nesting.UNREADABLE for container in nesting.CONTAINERS)
                    for block, words in nesting.WORDS.items()}
        for container, block in nesting.UNREADABLE:
            assert f"the note [^inner-{container}-{block}] was never read" in said
        assert "the heading 'A heading' is inside a footnote" in said
    else:
        expected = {words: len(nesting.INLINE_CONTAINERS) for words in nesting.INLINE_WORDS.values()}
        assert "@smith2020" not in text
        # a narrow column (a subfigure's caption) breaks a name at its hyphen, which the PDF's reader drops
        joined = re.sub(r"[-\s]", "", text)
        missing = [(container, inline) for container in nesting.INLINE_CONTAINERS for inline in nesting.MARKED_INLINES
                   if re.sub(r"[-\s]", "", nesting.slug(f"{container}-{inline}").casefold()) not in joined]
        assert missing == [], missing
    for words, times in expected.items():  # whole words: "Figure 1" is not "Figure 10"
        found = len(re.findall(rf"(?<![a-z]){re.escape(words.casefold())}(?!\w)", text))  # a note's number before
        assert found >= times, (words, found, times)


# --- each gatekeeper refuses what it must ------------------------------------------------

def jats_of(out: Path) -> Path:
    return next((out / "jats").glob("*.xml"))


def edited(path: Path, tmp_path: Path, change) -> Path:
    """A copy of an XML file with ``change(tree)`` applied."""
    tree = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    change(tree.getroot())
    copy = tmp_path / path.name
    tree.write(str(copy), xml_declaration=True, encoding="UTF-8", doctype=tree.docinfo.doctype)
    return copy


def refused(check, path: Path) -> str:
    with pytest.raises(BuildError) as failure:
        require_gatekeeper(check, path)
    return str(failure.value)


def test_jats_gatekeeper_refuses_what_jats4r_and_pmc_refuse(built, tmp_path):
    def spoil(root):
        meta = root.find("front/article-meta")
        meta.remove(meta.find("permissions"))                       # JATS4R permissions (npm rules)
        meta.remove(meta.find("article-categories"))                # PMC
        root.find(".//mixed-citation").attrib.pop("publication-type")  # JATS4R citations
        role = root.find(".//role[@vocab='credit']")
        role.set("vocab-term", "Formal analysis")                   # JATS4R CRediT's spelling is "Formal Analysis"
        root.find(".//inline-formula").attrib.pop("id")             # PMC math
        tex = root.find(".//tex-math")
        tex.text = "x"                                              # PMC: a whole LaTeX document
    message = refused(validate.jats_article, edited(jats_of(built["article-en"]), tmp_path, spoil))
    for expected in ("JATS4R [permissions-errors]", "PMC article-categories", "JATS4R citations: <mixed-citation>",
                     "'Formal analysis' is not a CRediT term (did you mean 'Formal Analysis'?)",
                     "PMC math: <inline-formula> has no id", "PMC tex-math: not a complete LaTeX document"):
        assert expected in message, message
    assert ".xml:" in message and "Traceback" not in message


def test_jats_gatekeeper_refuses_a_bare_link_and_names_its_line(built, tmp_path):
    def spoil(root):
        link = root.find(".//mixed-citation/ext-link")
        link.attrib.pop("{http://www.w3.org/1999/xlink}title")
    message = refused(validate.jats_article, edited(jats_of(built["article-en"]), tmp_path, spoil))
    assert "JATS4R accessibility: the text of <ext-link> is its address (https://doi.org/" in message


def test_crossref_gatekeeper_refuses_an_invalid_deposit(built, tmp_path):
    namespace = "{http://www.crossref.org/schema/5.4.0}"

    def spoil(root):
        root.find(f".//{namespace}doi_data/{namespace}doi").text = "not a doi"
        root.find(f".//{namespace}publication_date/{namespace}year").text = "21"
    deposit = next(built["article-en"].glob("*.crossref.xml"))
    message = refused(validate.crossref_deposit, edited(deposit, tmp_path, spoil))
    assert "Crossref schema 5.4.0" in message and "doi" in message and "year" in message


def test_epub_gatekeepers_refuse_links_told_by_colour_alone(built, tmp_path):
    """The EPUB's stylesheet as it was (citation links not underlined): Ace finds
    them serious (WCAG 1.4.1), so the gatekeeper refuses the book."""
    source = next(built["article-en"].glob("*.epub"))
    copy = tmp_path / source.name
    with zipfile.ZipFile(source) as book, zipfile.ZipFile(copy, "w") as spoilt:
        for info in book.infolist():
            data = book.read(info)
            if info.filename.endswith(".css"):
                data += b"\na { text-decoration: none; color: #0000ee; }\n"
            spoilt.writestr(info, data)
    found = require_gatekeeper(validate.ace_findings, copy)
    assert any("link-in-text-block" in d.message and d.severity == "error" for d in found), found


def test_pdf_gatekeeper_refuses_a_pdf_without_the_standards(tmp_path):
    """A PDF written without the standards (LaTeX's) is refused, each missing part named."""
    if not shutil.which("xelatex"):
        pytest.skip("xelatex is not installed")  # tests/test_editions.py requires it in CI
    from conftest import write_manuscript
    root = write_manuscript(tmp_path, {"01.md": "# A\n\nText.\n"}, "lang: en\ntitle: T\n")
    assert run_build("pdf", "--pdf-engine", "xelatex", "--root", str(root)).returncode == 0
    message = refused(validate.pdf_standards, next((root / "build").glob("*.pdf")))
    assert "the XMP claims no PDF/A-2" in message and "OutputIntent" in message
