"""The metadata stage: every key known and checked, identifiers as written, Markdown
kept and markup defused, the front matter composed once for every edition."""
import re
import zipfile
from html import unescape
from pathlib import Path

import pytest
from conftest import REPO, paper_build, run_build, write_manuscript

from core.metaschema import SCHEMA, bcp47, license_of, orcid_valid
from core.options import DEFAULTS

BODY = {"01.md": "# Intro\n\nText.\n"}


def build(tmp_path, metadata: str, *editions: str, body=BODY):
    root = write_manuscript(tmp_path, body, metadata)
    return root, run_build(*(editions or ("html",)), "--root", str(root), cwd=root)


def page(root: Path) -> str:
    return (root / "build" / "html" / "index.html").read_text(encoding="utf-8")


def test_unknown_key_is_a_warning_with_a_suggestion_and_is_left_out(tmp_path):
    root, result = build(tmp_path, "lang: en\ntitle: T\nrecieved: 2021-01-02\ncss: /etc/passwd\n", "html", "epub")
    assert result.returncode == 0, result.stderr
    assert ("manuscript/metadata.yaml:3: warning: unknown metadata key 'recieved' "
            "(did you mean 'received'?)") in result.stderr
    assert "manuscript/metadata.yaml:4: warning: unknown metadata key 'css'" in result.stderr
    book = zipfile.ZipFile(next((root / "build").glob("*.epub")))
    passwd = Path("/etc/passwd").read_bytes()[:30]
    assert not any(passwd in book.read(name) for name in book.namelist())


def test_nested_unknown_keys_and_options(tmp_path):
    metadata = ("lang: en\ntitle: T\nauthors:\n  - name: A\n    afiliation: X\n"
                "journal: {name: J, volumen: 3}\nchronology: {titel: Events}\n")
    _, result = build(tmp_path, metadata)
    assert result.returncode == 0
    assert "metadata.yaml:5: warning: unknown metadata key 'authors.0.afiliation' (did you mean 'affiliation'?)" \
        in result.stderr
    assert "unknown metadata key 'journal.volumen' (did you mean 'volume'?)" in result.stderr
    assert "metadata.yaml:7: warning: unknown metadata key 'chronology.titel' (did you mean 'title'?)" \
        in result.stderr


def test_identifiers_are_checked_all_together(tmp_path):
    metadata = ("lang: tr_TR\ntitle: T\ndate: 2021-13-45\ndoi: 11.2/x\n"
                "authors:\n  - name: A\n    orcid: 0000-0002-1825-0098\n    email: not-an-address\n")
    _, result = build(tmp_path, metadata)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for message in ("metadata.yaml:1: error: 'tr_TR' is not a language tag",
                    "metadata.yaml:3: error: '2021-13-45' is not a date: month 13 does not exist "
                    "(check the month and the day)",
                    "metadata.yaml:4: error: '11.2/x' is not a DOI",
                    "metadata.yaml:7: error: '0000-0002-1825-0098' is not an ORCID iD",
                    "metadata.yaml:8: error: 'not-an-address' is not an e-mail address"):
        assert message in result.stderr, result.stderr


def test_no_title_is_an_error(tmp_path):
    _, result = build(tmp_path, "lang: en\n")
    assert result.returncode == 1 and "the article has no title" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_title_in_a_paper_without_front_matter_says_where_to_write_it(tmp_path):
    """pandoc-crossref's test inputs are one file without a front matter: the hint named
    manuscript/metadata.yaml, a file the paper's layout does not have."""
    result = paper_build(tmp_path, "Some text.\n\n# Head\n\nMore.\n", name="input.md")
    assert result.returncode == 1
    assert f"{tmp_path / 'input.md'}: error: the article has no title (begin {tmp_path / 'input.md'} with a " \
           "front matter: ---, title: …, --- (three lines))" in result.stderr, result.stderr


def test_a_regional_language_tag_builds(tmp_path):
    root, result = build(tmp_path, "lang: tr-TR\ntitle: Deneme\n", "html", "pdf", "epub", "latex")
    assert result.returncode == 0, result.stderr
    assert '<html lang="tr-TR">' in page(root)


def test_doi_is_never_smartened(tmp_path):
    root, result = build(tmp_path, "lang: en\ntitle: T\ndoi: 10.1002/(SICI)1097--4571_x\n", "html", "pdf")
    assert result.returncode == 0, result.stderr
    assert '<meta name="citation_doi" content="10.1002/(SICI)1097--4571_x">' in page(root)
    from pypdf import PdfReader
    text = PdfReader(next((root / "build").glob("*.pdf"))).pages[0].extract_text()
    assert "10.1002/(SICI)1097--4571_x" in text


def test_pandoc_author_key_and_shared_affiliations(tmp_path):
    metadata = ("lang: en\ntitle: T\nauthor:\n  - name: A One\n    affiliation: [Uni X, Lab Y]\n"
                "  - name: B Two\n    affiliation: Uni X\n    corresponding: true\n    email: b@x.org\n"
                "  - C Three\n")
    root, result = build(tmp_path, metadata)
    assert result.returncode == 0, result.stderr
    html = page(root)
    affiliations = re.findall(r'<ul class="affiliations">(.*?)</ul>', html, re.S)[0]
    assert affiliations.count("Uni X") == 1 and "<sup>1</sup> Uni X" in affiliations
    assert "<sup>2</sup> Lab Y" in affiliations
    assert re.search(r'A One</span><sup class="affiliation-ref">1,2</sup>', html)
    assert re.search(r'B Two</span><sup class="affiliation-ref">1</sup><sup class="corresponding-mark">', html)
    assert "Corresponding author: B Two, <a href=\"mailto:b@x.org\">b@x.org</a>" in html
    assert '<meta name="citation_author" content="C Three">' in html


def test_cite_as_without_a_date_has_no_empty_brackets(tmp_path):
    root, result = build(tmp_path, "lang: en\ntitle: Untitled Draft\nauthors: [{name: A One}]\n", "html", "pdf")
    assert result.returncode == 0
    cite = re.search(r'<p class="cite-as">(.*?)</p>', page(root), re.S).group(1)
    text = unescape(re.sub(r"<[^>]+>", "", cite))
    assert "A One. Untitled Draft." in text and "()" not in text
    from pypdf import PdfReader
    first = PdfReader(next((root / "build").glob("*.pdf"))).pages[0].extract_text()
    assert "()" not in first


def test_markup_in_metadata_is_text(tmp_path):
    metadata = ('lang: en\ntitle: "A <img src=x onerror=alert(1)> *title*"\n'
                'abstract: "Raw `<b>x</b>`{=html} and ![pic](/etc/hostname) and [link](javascript:alert(1))"\n')
    root, result = build(tmp_path, metadata, "html", "epub", "pdf")
    assert result.returncode == 0, result.stderr
    from lxml import html as lxml_html
    body = lxml_html.fromstring(page(root)).find("body")
    assert not [e for e in body.iter() if any(name.startswith("on") for name in e.attrib)]
    assert not body.xpath("//a[starts-with(normalize-space(@href), 'javascript:')]")
    assert not body.xpath("//img[@src='x' or @src='/etc/hostname']") and not body.xpath("//b")
    assert "<img src=x onerror=alert(1)>" in body.xpath("string(//h1)")  # shown, as text
    assert body.xpath("//h1/em[text()='title']")  # Markdown formatting survives
    assert "raw html in 'abstract' is printed as text" in result.stderr


@pytest.mark.parametrize("value, valid", [("tr", True), ("en-GB", True), ("sr-Latn-RS", True),
                                          ("tr_TR", False), ("", False), ("t", False)])
def test_language_tags(value, valid):
    assert bcp47(value) == valid


def test_orcid_checksum():
    assert orcid_valid("0000-0001-5109-3700") and orcid_valid("0000-0002-1694-233X")
    assert not orcid_valid("0000-0001-5109-3701")


def test_licenses():
    assert license_of("CC0-1.0") == ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/")
    assert license_of("CC-BY-NC-ND-4.0")[0] == "CC BY-NC-ND 4.0"
    assert license_of("All rights reserved") == ("All rights reserved", None)


def test_the_readme_lists_every_key():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Metadata schema")[1].split("\n## ")[0]
    keys = set(SCHEMA) | {f"{name}.{sub}" for name, key in SCHEMA.items() for sub in key.fields}
    keys |= {f"chronology.{name}" for name in DEFAULTS["chronology"] if name != "enabled"}
    missing = [key for key in sorted(keys) if f"`{key}`" not in table]
    assert not missing, missing


def test_header_includes_reach_the_preambles(tmp_path):
    metadata = ('lang: en\ntitle: T\nheader-includes: |\n  ```{=html}\n  <meta name="x-press-test" content="1">\n'
                '  ```\n  ```{=typst}\n  #set page(numbering: none)\n  ```\n')
    root, result = build(tmp_path, metadata, "html", "pdf")
    assert result.returncode == 0, result.stderr
    assert '<meta name="x-press-test" content="1">' in page(root).split("</head>")[0]


def test_a_role_not_in_credit_is_a_warning_naming_its_line_and_printed_as_written(tmp_path):
    """A misspelt role, or Quarto's free text ("project management"), reaches JATS as no
    CRediT term: a warning with the closest, the role printed as written (it stopped the
    build: an author's trial with a Quarto project's roles)."""
    metadata = "lang: en\ntitle: T\nauthors:\n  - name: A\n    roles:\n      - Conceptualization\n      - visualisation\n"
    root, result = build(tmp_path, metadata + "journal:\n  name: J\n  eissn: 2147-9119\n  publisher: P\n",
                         "html", "jats")
    assert result.returncode == 0, result.stderr
    jats = next((root / "build" / "jats").glob("*.xml")).read_text(encoding="utf-8")
    assert "<role>visualisation</role>" in jats and 'vocab-term="Conceptualization"' in jats
    assert ("metadata.yaml:7: warning: 'visualisation' is no CRediT role: it is printed as written, and the JATS "
            "edition tags it without the taxonomy's term (did you mean 'visualization'?)" in result.stderr), result.stderr
    root, result = build(tmp_path, metadata, "html")
    assert result.returncode == 0 and "A: Conceptualization, visualisation." in page(root)
    root, result = build(tmp_path, metadata.replace("visualisation", "Writing – review & editing"))
    assert result.returncode == 0 and "A: Conceptualization, Writing – review &amp; editing." in page(root)


def test_issn_check_digit_article_type_and_doi_syntax(tmp_path):
    """An ISSN whose check digit is wrong, an unknown article type and a DOI Crossref
    would refuse are errors naming their lines, all in one build."""
    metadata = ("lang: en\ntitle: T\njournal:\n  name: J\n  issn: 2146-1234\n  eissn: 1234-5679\n"
                "article-type: reserch-article\ndoi: 10.12/x\n")
    _, result = build(tmp_path, metadata)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "metadata.yaml:5: error: '2146-1234' is not an ISSN (its check digit does not match" in result.stderr
    assert "metadata.yaml:7: error: unknown article type 'reserch-article' (did you mean 'research-article'?)" \
        in result.stderr
    assert "metadata.yaml:8: error: '10.12/x' is not a DOI (a DOI is 10., the registrant's 4 to 9 digits" \
        in result.stderr
    assert "eissn" not in result.stderr


def test_an_unknown_key_of_every_author_is_one_warning(tmp_path):
    """Manubot gives every author ``github`` and ``twitter``: one warning per key, and
    one saying how many more (the corpus's papers printed a warning per author)."""
    authors = "".join(f"  - name: A{n}\n    github: a{n}\n" for n in range(4))
    _, result = build(tmp_path, f"lang: en\ntitle: T\nauthors:\n{authors}")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("unknown metadata key 'authors.") == 2, result.stderr
    assert "metadata.yaml:5: warning: unknown metadata key 'authors.0.github'" in result.stderr
    assert ("metadata.yaml:7: warning: unknown metadata key 'authors.*.github' again, in 3 more "
            "(authors.1.github, authors.2.github, authors.3.github)") in result.stderr, result.stderr


def test_a_journal_named_alone_is_its_name(tmp_path):
    """``journal: Name`` (pandoc templates' and many papers' form) is the journal's name."""
    root, result = build(tmp_path, "lang: en\ntitle: T\njournal: 'Journal of Good Research'\n")
    assert result.returncode == 0, result.stderr
    assert '<meta name="citation_journal_title" content="Journal of Good Research">' in page(root)


def test_a_wrong_orcid_check_digit_says_so(tmp_path):
    _, result = build(tmp_path, "lang: en\ntitle: T\nauthors:\n  - name: A\n    orcid: 0000-0002-1825-0098\n")
    assert "its check digit does not match" in result.stderr


def test_a_license_written_with_spaces_is_recognised(tmp_path):
    root, result = build(tmp_path, "lang: en\ntitle: T\nlicense: CC BY-NC 4.0\n")
    assert result.returncode == 0
    assert '<a rel="license" href="https://creativecommons.org/licenses/by-nc/4.0/">CC BY-NC 4.0</a>' in page(root)


@pytest.mark.parametrize("written, message", [
    ("title: [a, b]", "metadata.yaml:2: error: 'title' must be text, not a list"),
    ("title: T\nkeywords: [[a, b]]", "metadata.yaml:3: error: 'keywords.0' must be text, not a list"),
    ("title: T\nauthors: [{name: A, affiliation: [{ror: 'https://ror.org/1'}]}]",
     "error: 'authors.0.affiliation.0' has no name"),
    ("title: T\nchronology: {figure: maybe}", "error: 'chronology.figure' must be true or false"),
    ("title: T\nethics: {board: B, date: yesterday}", "error: 'yesterday' is not a date"),
])
def test_a_value_of_the_wrong_shape_is_named(tmp_path, written, message):
    _, result = build(tmp_path, f"lang: en\n{written}\n")
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_options_are_read_as_people_write_booleans(tmp_path):
    root, result = build(tmp_path, "lang: en\ntitle: T\nchronology: {figure: 'no'}\n",
                         body={"01.md": "# A\n\nThe war began on 27 September 2020.\n"})
    assert result.returncode == 0, result.stderr
    assert "timeline" not in page(root).split('id="chronology"')[1]


@pytest.mark.parametrize("written, message", [
    ("bibliography: {a: b}", "metadata.yaml:3: error: 'bibliography' must name a file, or a list of files"),
    ("bibliography: ../bibliography", "metadata.yaml:3: error: bibliography '../bibliography' is a folder"),
    ("bibliography: ../bibliography/refs.bb", "metadata.yaml:3: error: bibliography file "
     "'../bibliography/refs.bb' not found (did you mean '../bibliography/refs.bib'?)"),
])
def test_a_bibliography_that_cannot_be_read_is_named(tmp_path, written, message):
    root = write_manuscript(tmp_path, BODY, f"lang: en\ntitle: T\n{written}\n",
                            "@misc{a, author = {A}, year = {2020}, title = {T}}\n")
    (root / "bibliography" / "references.bib").rename(root / "bibliography" / "refs.bib")
    result = run_build("html", "--root", str(root), cwd=root)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_a_title_written_as_a_block_scalar_builds_every_edition(tmp_path):
    root, result = build(tmp_path, "lang: en\ntitle: |\n  A Title on\n  Two Lines\n", "html", "epub", "pdf")
    assert result.returncode == 0, result.stderr
    import zipfile
    book = zipfile.ZipFile(next((root / "build").glob("*.epub")))
    assert "A Title on Two Lines" in re.sub(r"\s+", " ", book.read("EPUB/text/ch001.xhtml").decode())


def test_a_babel_language_name_is_read_as_its_tag_with_one_warning(tmp_path):
    """``lang: ngerman`` (a paper made for LaTeX; Copernicus' template writes ``language:
    english``) gave an error and a warning that the metadata had no `lang` at all (an
    author's trial); then an error though its tag is known: it is read as the tag."""
    result = paper_build(tmp_path, "---\ntitle: Ein Titel\nlang: ngerman\n---\n\nDies ist ein Text in deutscher "
                         "Sprache, der von der Arbeit und der Forschung handelt. Die Ergebnisse sind nicht immer "
                         "klar und wir haben sie mit einer Methode untersucht.\n")
    assert result.returncode == 0, result.stderr
    assert "paper.md:3: warning: 'ngerman' is LaTeX babel's name for the language tag de: read as de (write `lang: de`)" \
           in result.stderr and "has no `lang`" not in result.stderr, result.stderr
    assert '<html lang="de"' in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("written, iso", [("2020-01-03 22:05:00", "2020-01-03"),       # Jekyll's
                                          ("2016-09-04T19:12:45+02:00", "2016-09-04")])  # ISO 8601's
def test_a_date_with_its_time_of_day_is_its_day(tmp_path, written, iso):
    """Both stopped the build: "is not a date" (an author's trial, the StatProofBook)."""
    result = paper_build(tmp_path, f"---\ntitle: T\nlang: en\ndate: {written}\n---\n\nText.\n")
    assert result.returncode == 0, result.stderr
    assert f'content="{iso}"' in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


def test_an_empty_doi_is_left_out_with_a_warning(tmp_path):
    """A template's empty ``DOI:`` stopped the build ("'' is not a DOI"), where an empty
    date is left out with a warning."""
    result = paper_build(tmp_path, "---\ntitle: T\nlang: en\ndoi: \"\"\n---\n\nText.\n")
    assert result.returncode == 0, result.stderr
    assert "paper.md:4: warning: 'doi' is empty: it is left out" in result.stderr


def test_empty_optional_fields_are_left_out_with_a_warning(tmp_path):
    """A Quarto template's ``email:`` and ``orcid:`` left blank stopped the build ("'' is
    not an e-mail address"; an author's trial)."""
    result = paper_build(tmp_path, "---\ntitle: T\nlang: en\nauthor:\n  - name: Ann Lee\n    email:\n    orcid: \"\"\n"
                                   "---\n\nText.\n")
    assert result.returncode == 0, result.stderr
    assert "paper.md:6: warning: 'authors.0.email' is empty: it is left out" in result.stderr
    assert "paper.md:7: warning: 'authors.0.orcid' is empty: it is left out" in result.stderr


def test_pandocs_reference_section_title_is_read_and_no_fix_names_the_builds_own_keys(tmp_path):
    """``reference-section-title`` was "unknown" and the author's heading lost; ``layout``
    and ``sources`` were told "did you mean 'press-layout'/'source-files'?", the build's
    own keys (an author's trial)."""
    (tmp_path / "r.bib").write_text("@book{a, author={Roe, J}, title={T}, year={2000}}\n", encoding="utf-8")
    result = paper_build(tmp_path, "---\ntitle: T\nlang: en\nreference-section-title: Bibliography\nbibliography: "
                                   "r.bib\nlayout: post\nsources: x\n---\n\nText [@a].\n")
    assert result.returncode == 0, result.stderr
    assert ">Bibliography<" in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "reference-section-title" not in result.stderr and "press-" not in result.stderr
    assert "source-files" not in result.stderr


def test_an_html_comment_in_the_metadata_prints_nothing(tmp_path):
    """``<!-- \\hfill\\break -->`` in an R Markdown abstract was printed as text, its dashes
    typeset as en dashes (an author's trial)."""
    result = paper_build(tmp_path, "---\ntitle: T\nlang: en\nabstract: |\n  We present a package.\n"
                                   "  <!-- \\hfill\\break -->\n---\n\nText.\n")
    assert result.returncode == 0 and "printed as text" not in result.stderr, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "hfill" not in page and "We present a package." in page


def test_rticles_elsevier_addresses_are_the_affiliations(tmp_path):
    """rticles' Elsevier ``address: [{code, address}]`` was an unknown key, and the authors'
    codes printed as affiliations: "1 a,b", "2 a" (an author's trial, dfoliatR)."""
    result = paper_build(tmp_path, "---\ntitle: T\nlang: en\nauthor:\n  - name: Chris Guiterman\n    affiliation: a,b\n"
                                   "  - name: Ann Lynch\n    affiliation: a\naddress:\n  - code: a\n    address: "
                                   "Tree-Ring Lab, University of Arizona\n  - code: b\n    address: Three Pines "
                                   "Forest Research\n---\n\nText.\n")
    assert result.returncode == 0 and "metadata key 'address'" not in result.stderr, result.stderr
    text = re.sub(r"<[^>]+>", " ", (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"))
    assert "Tree-Ring Lab, University of Arizona" in text and "Three Pines Forest Research" in text
    assert "a,b" not in text


def test_an_identifier_a_latex_template_wraps_in_a_command_is_its_argument(tmp_path):
    r"""rticles' ``email: \email{name@company.com}``: the address printed was the command,
    linked to "mailto:\email{…}" (the check took the braces for an address's letters)."""
    text = "---\ntitle: T\nauthor:\n  - name: A B\n    email: \\email{name@company.com}\n---\n\nText.\n"
    result = paper_build(tmp_path, text)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'href="mailto:name@company.com">name@company.com<' in page and "\\email" not in page
    for written in ('"<name@company.com>"', "\\href{mailto:name@company.com}{A B}"):  # an autolink, a link
        result = paper_build(tmp_path, text.replace("\\email{name@company.com}", written))
        assert result.returncode == 0 and 'href="mailto:name@company.com"' in \
            (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"), result.stderr
    result = paper_build(tmp_path, text.replace("\\email{name@company.com}", "name{x}@company.com"))
    assert "'name{x}@company.com' is not an e-mail address" in result.stderr
