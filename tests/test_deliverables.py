"""The journal's deliverables, built from the sample manuscripts and the seed article
and read back: the JATS element by element, the DOCX with python-docx (and through
LibreOffice to PDF), the Crossref deposit element by element. Their gatekeepers (the
JATS DTD, JATS4R's rules and the PMC checks; Crossref's schema) run in
tests/test_gatekeepers.py."""
from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import EPOCH, require_tool, run_build, seed_with_journal, write_manuscript
from lxml import etree

SAMPLES = Path(__file__).parent / "samples"
NS = {"mml": "http://www.w3.org/1998/Math/MathML", "xlink": "http://www.w3.org/1999/xlink",
      "ali": "http://www.niso.org/schemas/ali/1.0/", "cr": "http://www.crossref.org/schema/5.4.0",
      "jats": "http://www.ncbi.nlm.nih.gov/JATS1", "ai": "http://www.crossref.org/AccessIndicators.xsd"}
DELIVERABLES = ("jats", "docx", "crossref")


@pytest.fixture(scope="session")
def delivered(tmp_path_factory) -> dict[str, Path]:
    """Both samples and the seed (with its journal's fields), built in the three editions."""
    roots = {name: SAMPLES / name for name in ("article-en", "article-tr")}
    roots["seed"] = seed_with_journal(tmp_path_factory.mktemp("seed-root"))
    folders = {}
    for name, root in roots.items():
        out = tmp_path_factory.mktemp(name)
        result = run_build(*DELIVERABLES, "--root", str(root), "--out", str(out))
        assert result.returncode == 0, result.stderr
        folders[name] = out
    return folders


def jats_of(out: Path) -> etree._ElementTree:
    return etree.parse(str(next((out / "jats").glob("*.xml"))), etree.XMLParser(no_network=True))


def crossref_of(out: Path) -> etree._Element:
    return etree.parse(str(next(out.glob("*.crossref.xml")))).getroot()


def texts(tree, xpath: str) -> list[str]:
    return [" ".join("".join(node.itertext()).split()) for node in tree.xpath(xpath, namespaces=NS)]


# --- JATS ------------------------------------------------------------------------------

def test_jats_front_matter_element_by_element(delivered):
    tree = jats_of(delivered["article-en"])
    front = tree.find("front")
    assert texts(front, "journal-meta/journal-title-group/journal-title") == ["Journal of Eurasian Affairs"]
    assert texts(front, "journal-meta/journal-id[@journal-id-type='iso-abbrev']") == ["J. Eurasian Aff."]
    assert texts(front, "journal-meta/issn[@publication-format='print']") == ["1234-5679"]
    meta = front.find("article-meta")
    assert texts(meta, "article-id[@pub-id-type='doi']") == ["10.1234/jea.2021--0042"]
    assert texts(meta, "title-group/article-title") == [
        "Corridors and Mediators: Regional Diplomacy in the South Caucasus, 1991–2021"]
    assert meta.find("title-group/article-title/italic").text == "Regional"
    assert texts(meta, "title-group/trans-title-group[@xml:lang='tr']/trans-title")[0].startswith("Koridorlar")
    names = [(c.findtext("name/surname"), c.findtext("name/given-names"))
             for c in meta.iterfind("contrib-group/contrib")]
    assert names == [("Yılmaz", "Ayşe"), ("Smith", "John"), ("Karimova", "Dilnoza")]
    first = meta.find("contrib-group/contrib")
    assert first.get("corresp") == "yes"
    assert first.findtext("contrib-id[@contrib-id-type='orcid']") == "https://orcid.org/0000-0002-1825-0097"
    assert [x.get("rid") for x in first.iterfind("xref[@ref-type='aff']")] == ["aff1", "aff2"]
    roles = first.findall("role")
    assert [r.get("vocab-term") for r in roles] == ["Conceptualization", "Methodology", "Writing – original draft"]
    assert roles[0].get("vocab-term-identifier") == "https://credit.niso.org/contributor-roles/conceptualization/"
    assert texts(meta, "contrib-group/aff[@id='aff3']//institution-id[@institution-id-type='ror']") == [
        "https://ror.org/03a5qrr21"]
    assert "ayse.yilmaz@example.edu" in texts(meta, "author-notes/corresp")[0]
    assert texts(meta, "author-notes/fn[@fn-type='coi-statement']/p") == ["The authors declare no conflict of interest."]
    assert [(d.get("date-type"), d.get("iso-8601-date")) for d in meta.iterfind("history/date")] == [
        ("received", "2021-01-12"), ("rev-recd", "2021-04-02"), ("accepted", "2021-05-20")]
    assert meta.find("pub-date").get("iso-8601-date") == "2021-06-30"
    assert [meta.findtext(t) for t in ("volume", "issue", "fpage", "lpage")] == ["14", "2", "115", "142"]
    assert meta.find("permissions/license").get(f"{{{NS['xlink']}}}href") == "https://creativecommons.org/licenses/by/4.0/"
    assert texts(meta, "permissions/license/ali:license_ref") == ["https://creativecommons.org/licenses/by/4.0/"]
    assert texts(meta, "permissions/copyright-statement") == ["© 2021 The Authors"]
    assert texts(meta, "permissions/copyright-holder") == ["The Authors"]
    assert texts(meta, "permissions/copyright-year") == ["2021"]
    assert texts(front, "journal-meta/publisher/publisher-name") == ["Example Academic Press"]
    assert texts(meta, "article-categories/subj-group[@subj-group-type='heading']/subject") == ["International Relations"]
    assert tree.getroot().get("article-type") == "research-article"
    assert [r.get("vocab-term") for r in meta.iterfind("contrib-group/contrib[2]/role")] == ["Formal Analysis",
                                                                                          "Visualization"]
    assert meta.find("self-uri").get(f"{{{NS['xlink']}}}title").startswith("Corridors and Mediators")
    assert texts(meta, "abstract/p")[0].startswith("Transit corridors and mediation")
    assert texts(meta, "trans-abstract[@xml:lang='tr']/p")[0].startswith("Transit koridorları")
    # the article's own language is said once, on <article> (JATS4R)
    assert texts(meta, "kwd-group[not(@xml:lang)]/kwd") == ["South Caucasus", "mediation", "transit corridors", "Central Asia"]
    assert texts(meta, "kwd-group[@xml:lang='tr']/kwd")[0] == "Güney Kafkasya"
    assert "grant 120K345" in texts(meta, "funding-group/funding-statement")[0]


def test_jats_body_and_back_element_by_element(delivered):
    out = delivered["article-en"]
    tree = jats_of(out)
    body, back = tree.find("body"), tree.find("back")
    assert [(s.findtext("label"), s.findtext("title")) for s in body.iterfind("sec")][:2] == [
        ("1", "Introduction"), ("2", "Background")]
    assert texts(body, "sec/sec/label")[:1] == ["1.1"]
    figures = body.xpath(".//fig")
    assert [f.findtext("label") for f in figures] == ["Figure 1", "Figure 2", "Figure 3", "Figure 4"]
    assert texts(body, ".//fig[1]/caption/p")[0].startswith("Corridor trade, 1995–2020")
    for graphic in tree.iterfind(".//graphic"):
        assert (out / "jats" / graphic.get(f"{{{NS['xlink']}}}href")).is_file()
    tables = body.xpath(".//table-wrap")
    assert [(t.get("id"), t.findtext("label")) for t in tables] == [
        ("tblU003Apartners", "Table 1"), ("tblU003Aestimates", "Table 2")]
    formulas = body.xpath(".//disp-formula")
    assert [(f.get("id"), f.findtext("label")) for f in formulas] == [("eq-gravity", "(1)"), ("eqU003Agrowth", "(2)")]
    assert all(f.find("alternatives/mml:math", NS) is not None for f in formulas)
    # every xref has a target of its kind
    kinds = {"bibr": "ref", "fig": ("fig", "fig-group"), "table": "table-wrap", "disp-formula": "disp-formula",
             "sec": "sec", "app": "app", "fn": "fn", "other": "named-content", "boxed-text": "boxed-text"}
    xrefs = tree.xpath("//body//xref | //back//xref")
    assert {x.get("ref-type") for x in xrefs} >= {"bibr", "fig", "table", "disp-formula", "sec", "app", "fn"}
    for xref in xrefs:
        target = tree.xpath(f"//*[@id='{xref.get('rid')}']")
        assert target and target[0].tag in kinds[xref.get("ref-type")], (xref.get("rid"), xref.get("ref-type"))
    assert not body.xpath(".//named-content[@content-type='citation' or @content-type='label']")
    # back matter, references, appendices, footnotes
    assert texts(back, "ack/title") == ["Acknowledgements"]
    assert back.find("sec[@sec-type='data-availability']") is not None
    refs = back.findall("ref-list/ref")
    assert len(refs) == 11 and texts(back, "ref-list/title") == ["References"]
    article = back.find("ref-list/ref[@id='bib-aliyev2015']/citation-alternatives/element-citation")
    assert article.get("publication-type") == "journal"
    assert [n.findtext("surname") for n in article.iterfind("person-group[@person-group-type='author']/name")] == [
        "Aliyev", "Abbasov", "Huseynova"]
    assert [article.findtext(t) for t in ("year", "article-title", "source", "volume", "issue", "fpage", "lpage")] == [
        "2015", "Energy Transit and Regional Security in the Caspian Basin", "Caucasus Survey", "3", "1", "1", "18"]
    assert article.findtext("pub-id[@pub-id-type='doi']") == "10.1080/23761199.2015.1012345"
    chapter = back.find("ref-list/ref[@id='bib-bercovitch2009']//element-citation")
    assert chapter.findtext("chapter-title") == "Mediation and Conflict Resolution"
    assert chapter.find("person-group[@person-group-type='editor']") is not None
    assert back.find("ref-list/ref[@id='bib-kazakhstan2019']//collab").text == "Ministry of Foreign Affairs of Kazakhstan"
    assert "Cornell, S. E. (2011)" in texts(back, "ref-list/ref[@id='bib-cornell2011']//mixed-citation")[0]
    apps = back.findall("app-group/app")
    assert [(a.findtext("label"), a.findtext("title")) for a in apps] == [
        ("Appendix A", "Interview protocol"), ("Appendix B", "Data sources"), ("Appendix C", "Chronology")]
    dates = [n.get("vocab-term") for n in apps[-1].xpath(".//named-content[@content-type='date']")]
    assert dates == ["1994-05-12", "2006-07-13", "2020-09-27", "2020-11-10", "2020-11-20"]
    assert texts(back, "fn-group/fn/p")[0].startswith("We use “South Caucasus”")


def test_jats_turkish_sample_and_seed(delivered):
    tree = jats_of(delivered["article-tr"])
    assert tree.getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == "tr"
    assert texts(tree, "//fig/label")[0] == "Şekil 1"
    assert texts(tree, "//front//trans-abstract[@xml:lang='en']/p")[0].startswith("This study examines")
    assert texts(tree, "//app/label")[-1] == "Ek B"
    seed = jats_of(delivered["seed"])
    assert len(seed.xpath("//ref-list/ref")) >= 30
    assert seed.xpath("//app[@id='chronology']//named-content[@content-type='date']")
    assert texts(seed, "//front//article-title") == ["Dağlık Karabağ Sorunu ve Türkistan Devletleri"]


# --- DOCX ------------------------------------------------------------------------------

def docx_of(out: Path):
    import docx
    return docx.Document(str(next(out.glob("*.docx"))))


def text_of(paragraph) -> str:
    """A paragraph's text as Word shows it, the results of its fields (SEQ, REF) included."""
    from docx.oxml.ns import qn
    return "".join(node.text or "" if node.tag == qn("w:t") else "\n"
                   for node in paragraph._p.iter(qn("w:t"), qn("w:br"), qn("w:tab")))


def paragraphs(document, style: str | None = None) -> list[str]:
    return [text_of(p) for p in document.paragraphs if style is None or p.style.name == style]


@pytest.mark.parametrize("sample, expected", [
    ("article-en", {"titles": ["Corridors and Mediators: Regional Diplomacy", "Koridorlar ve Arabulucular"],
                    "headings": ["1. Introduction", "1.1. Contribution", "Appendix C: Chronology"],
                    "captions": ["Figure 1. Corridor trade", "Figure B1. Port throughput", "Table 1. Mediators"],
                    "abstracts": ["Transit corridors and mediation", "Transit koridorları ile"],
                    "chronology": ["Date", "Event", "Section"], "author": "Ayşe Yılmaz", "references": 11}),
    ("article-tr", {"titles": ["Hazar Geçişi ve Arabuluculuk", "Caspian Transit and Mediation"],
                    "headings": ["1. Giriş", "Ek B: Kronoloji"],
                    "captions": ["Şekil 1. Koridor ticareti", "Tablo 1. Arabulucular"],
                    "abstracts": ["Bu çalışma, Orta Koridor", "This study examines the link"],
                    "chronology": ["Tarih", "Olay", "Bölüm"], "author": "İsmail Çelik", "references": 9}),
])
def test_docx_reads_back(delivered, sample, expected):
    document = docx_of(delivered[sample])
    text = "\n".join(paragraphs(document))
    for title in expected["titles"]:
        assert title in text
    assert expected["author"] in paragraphs(document, "Author")[0]
    assert "ORCID" in text and "https://orcid.org/0000-0002-1825-0097" in text
    for abstract in expected["abstracts"]:
        assert any(p.startswith(abstract) for p in paragraphs(document, "Abstract"))
    headings = [text_of(p) for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in expected["headings"]:
        assert heading in headings, headings
    captions = " ".join(text_of(p) for p in document.paragraphs if "Caption" in p.style.name)
    for caption in expected["captions"]:
        assert caption in captions
    assert len(document.inline_shapes) >= 6, "every figure is embedded"
    assert len(document.tables) >= 3
    assert [c.text for c in document.tables[-1].rows[0].cells] == expected["chronology"]
    assert len(document.tables[-1].rows) > 2
    entries = paragraphs(document, "Bibliography")
    assert len(entries) == expected["references"] and entries[0].startswith("Aliyev, N.")
    hanging = document.styles["Bibliography"].paragraph_format
    assert hanging.first_line_indent < 0 < hanging.left_indent
    with zipfile.ZipFile(next(delivered[sample].glob("*.docx"))) as package:
        body = package.read("word/document.xml").decode()
        notes = package.read("word/footnotes.xml").decode()
    assert body.count("<m:oMath>") >= 4, "equations are Word equations (OMML)"
    assert re.search(r"<m:t>\s*T\s*</m:t>", body)
    assert ">(1)<" in body and ">(2)<" in body
    assert "Orta Koridor" in notes or "South Caucasus" in notes, "footnotes are Word footnotes"
    # captions number themselves (SEQ fields Word renumbers and lists), cross-references
    # point at them (REF fields); an appendix's figures have their own sequence
    assert re.search(r'w:instr=" SEQ (Figure|Table) \\\* ARABIC "', body)
    assert re.search(r'w:instr=" SEQ (Figure|Table)[A-C] \\\* ARABIC "', body)
    assert re.search(r'w:instr=" REF _Ref_fig\w+ \\h "', body)
    for name in re.findall(r'w:instr=" REF (\w+) ', body):
        assert f'w:name="{name}"' in body, name
    from docx.shared import Cm
    assert abs(document.sections[0].page_width - Cm(21)) < Cm(0.01), "A4"


def test_docx_of_the_seed(delivered):
    document = docx_of(delivered["seed"])
    assert paragraphs(document, "Title") == ["Dağlık Karabağ Sorunu ve Türkistan Devletleri"]
    assert "Ek: Kronoloji" in " ".join(paragraphs(document)) or any(
        "Kronoloji" in p.text for p in document.paragraphs if p.style.name.startswith("Heading"))
    assert len(paragraphs(document, "Bibliography")) >= 30


@pytest.mark.slow
@pytest.mark.parametrize("sample", ["article-en", "article-tr"])
def test_docx_converts_to_pdf_in_libreoffice(delivered, sample, tmp_path):
    soffice = require_tool("soffice", "apt-get install libreoffice-writer-nogui")
    source = next(delivered[sample].glob("*.docx"))
    result = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                            capture_output=True, text=True, timeout=240)
    pdf = tmp_path / source.with_suffix(".pdf").name
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    require_tool("pdftotext", "apt-get install poppler-utils")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert ("Corridors and Mediators" in text) or ("Hazar Geçişi" in text)
    assert "(1)" in text


REVIEWED = {"01-text.md": "# Method {#sec:method}\n\nThe premium is in @eq:premium.\n\n"
                          "$$ p = a + b $$ {#eq:premium}\n\nA note.^[With a footnote.]\n"}
REVIEW_METADATA = """lang: en
title: "Escaped <script>alert(1)</script> & Co: a *test*"
authors:
  - name: Jan van der Berg
    orcid: 0000-0002-1825-0097
    affiliation: Leiden University
  - name: Ayşe Yılmaz Kaya
    surname: Yılmaz Kaya
    affiliation: Ankara University
journal: {name: Test Journal, eissn: 2345-6787}
doi: 10.5555/review.1
url: https://example.org/review
date: 2024-02-01
acknowledgements: We thank Jan's colleagues.
funding: Leiden University Fund, grant 7.
ethics: {board: the Leiden Ethics Committee, date: 2023-05-01, number: "2023/9"}
author-contributions: Jan wrote it.
crossref: {depositor: Desk, email: desk@example.org, registrant: Test Press}
docx: {review: true}
"""


def test_review_copy_is_blind_double_spaced_and_line_numbered(tmp_path):
    root = write_manuscript(tmp_path / "m", REVIEWED, REVIEW_METADATA)
    out = tmp_path / "out"
    result = run_build(*DELIVERABLES, "--root", str(root), "--out", str(out))
    assert result.returncode == 0, result.stderr
    document = docx_of(out)
    text = " ".join(" ".join(paragraphs(document)).split())
    assert "Escaped <script>alert(1)</script> & Co: a test" in text
    assert "van der Berg" not in text and "Leiden" not in text and "colleagues" not in text
    assert "grant 7" not in text and "Ethics" not in text and "Jan wrote" not in text
    assert paragraphs(document)[0].startswith("Prepared for blind review: the authors' names and institutions, "
                                              "the acknowledgements, the funding, the ethics approval")
    assert document.core_properties.author == ""
    assert document.styles["Normal"].paragraph_format.line_spacing == 2.0
    assert document.sections[0]._sectPr.xpath("./w:lnNumType")
    # JATS and Crossref of the same manuscript: the markup is text, the names split
    jats = jats_of(out)
    assert texts(jats, "//article-title") == ["Escaped <script>alert(1)</script> & Co: a test"]
    assert not jats.xpath("//script")
    assert [(c.findtext("name/surname"), c.findtext("name/given-names"))
            for c in jats.getroot().iterfind(".//contrib")] == [("van der Berg", "Jan"), ("Yılmaz Kaya", "Ayşe")]
    deposit = crossref_of(out)
    assert texts(deposit, "//cr:person_name/cr:surname") == ["van der Berg", "Yılmaz Kaya"]


# --- Crossref ------------------------------------------------------------------------------

def test_crossref_deposit_element_by_element(delivered):
    deposit = crossref_of(delivered["article-en"])
    assert deposit.tag == f"{{{NS['cr']}}}doi_batch" and deposit.get("version") == "5.4.0"
    assert texts(deposit, "cr:head/cr:timestamp") == ["20200913122640"]  # SOURCE_DATE_EPOCH=1600000000
    assert int(EPOCH) == 1600000000 and "20200913122640" in texts(deposit, "cr:head/cr:doi_batch_id")[0]
    assert texts(deposit, "cr:head/cr:depositor/cr:depositor_name") == ["Journal of Eurasian Affairs Editorial Office"]
    assert texts(deposit, "cr:head/cr:depositor/cr:email_address") == ["crossref@example.org"]
    assert texts(deposit, "cr:head/cr:registrant") == ["Example Academic Press"]
    journal = deposit.find("cr:body/cr:journal", NS)
    assert texts(journal, "cr:journal_metadata/cr:full_title") == ["Journal of Eurasian Affairs"]
    assert texts(journal, "cr:journal_metadata/cr:abbrev_title") == ["J. Eurasian Aff."]
    assert texts(journal, "cr:journal_metadata/cr:issn[@media_type='print']") == ["1234-5679"]
    assert texts(journal, "cr:journal_issue/cr:journal_volume/cr:volume") == ["14"]
    assert texts(journal, "cr:journal_issue/cr:issue") == ["2"]
    article = journal.find("cr:journal_article", NS)
    titles = texts(article, "cr:titles/cr:title")
    assert titles[0].startswith("Corridors and Mediators") and titles[1].startswith("Koridorlar ve Arabulucular")
    people = article.findall("cr:contributors/cr:person_name", NS)
    assert [p.get("sequence") for p in people] == ["first", "additional", "additional"]
    assert texts(people[0], "cr:given_name") == ["Ayşe"] and texts(people[0], "cr:surname") == ["Yılmaz"]
    assert texts(people[0], "cr:ORCID") == ["https://orcid.org/0000-0002-1825-0097"]
    assert texts(people[0], "cr:affiliations/cr:institution/cr:institution_name") == [
        "Department of International Relations, Ankara University", "Institute of Caucasus Studies, Baku"]
    assert texts(people[1], ".//cr:institution_id[@type='ror']") == ["https://ror.org/03a5qrr21"]
    abstracts = article.findall("jats:abstract", NS)
    assert [a.get("{http://www.w3.org/XML/1998/namespace}lang") for a in abstracts] == ["en", "tr"]
    assert texts(abstracts[0], "jats:p")[0].startswith("Transit corridors and mediation")
    assert [texts(article, f"cr:publication_date/cr:{p}")[0] for p in ("year", "month", "day")] == ["2021", "06", "30"]
    assert texts(article, "cr:acceptance_date/cr:month") == ["05"]
    assert texts(article, "cr:pages/cr:first_page") == ["115"] and texts(article, "cr:pages/cr:last_page") == ["142"]
    assert texts(article, "ai:program/ai:license_ref") == ["https://creativecommons.org/licenses/by/4.0/"]
    assert texts(article, "cr:doi_data/cr:doi") == ["10.1234/jea.2021--0042"]
    assert texts(article, "cr:doi_data/cr:resource") == ["https://example.org/jea/2021/0042"]
    citations = article.findall("cr:citation_list/cr:citation", NS)
    assert len(citations) == 11
    cited = {c.get("key"): c for c in citations}
    aliyev = cited["aliyev2015"]
    assert [texts(aliyev, f"cr:{t}")[0] for t in ("author", "cYear", "journal_title", "article_title", "volume",
                                                   "issue", "first_page", "doi")] == [
        "Aliyev", "2015", "Caucasus Survey", "Energy Transit and Regional Security in the Caspian Basin",
        "3", "1", "1", "10.1080/23761199.2015.1012345"]
    assert texts(aliyev, "cr:unstructured_citation")[0].startswith("Aliyev, N., Abbasov, R. and Huseynova, L. (2015)")
    assert texts(cited["cornell2011"], "cr:volume_title") == ["Azerbaijan since Independence"]


def test_crossref_deposit_of_the_turkish_sample_and_the_seed(delivered):
    turkish = crossref_of(delivered["article-tr"])
    assert turkish.find(".//cr:journal_article", NS).get("language") == "tr"
    assert texts(turkish, "//cr:person_name[1]/cr:given_name") == ["İsmail"]
    seed = crossref_of(delivered["seed"])
    assert texts(seed, "//cr:doi_data/cr:doi") == ["10.5555/press.seed.2021"]
    assert len(seed.findall(".//cr:citation", NS)) >= 30
    assert texts(seed, "//cr:publication_date/cr:year") == ["2021"]


def test_the_seed_as_it_is_names_what_a_deposit_needs(tmp_path):
    """The seed has no journal, DOI or depositor: each missing field is named, with the
    file and the fix, and nothing is written."""
    out = tmp_path / "out"
    for edition, keys in (("crossref", ("crossref.depositor", "crossref.email", "crossref.registrant",
                                        "journal.name", "doi", "url")),
                          ("jats", ("journal.name", "journal.issn"))):
        result = run_build(edition, "--out", str(out))
        assert result.returncode == 1
        for key in keys:
            assert f"`{key}`" in result.stderr, (edition, key)
        assert "manuscript/metadata.yaml: error: the " in result.stderr and "Traceback" not in result.stderr
    assert not [p for p in out.rglob("*") if p.is_file() and ".cache" not in p.parts]
    # both editions in one build (one lane): the problems of both are named together
    result = run_build("jats", "crossref", "--out", str(out))
    assert "`journal.issn`" in result.stderr and "`crossref.depositor`" in result.stderr


def test_check_names_what_the_named_editions_need(tmp_path):
    """`check jats` reports the missing ISSN a JATS build would stop at; plain `check`
    (the default editions) does not ask for it."""
    from conftest import write_manuscript
    root = write_manuscript(tmp_path, {"01.md": "# A\n\nText.\n"}, "lang: en\ntitle: T\njournal: {name: J}\n")
    assert run_build("check", "--root", str(root)).returncode == 0
    result = run_build("check", "jats", "--root", str(root))
    assert result.returncode == 1 and "`journal.issn` or `journal.eissn`" in result.stderr
    assert "metadata.yaml:3: error: the jats edition needs" in result.stderr


def test_jats_without_a_licence_or_subject_says_so_and_takes_the_type(tmp_path):
    """A missing licence is a warning naming the key (archives need it); without a
    subject, the article is listed under its type's name, in its language."""
    root = write_manuscript(tmp_path, {"01.md": "# Giriş\n\nMetin.\n"},
                            "lang: tr\ntitle: T\narticle-type: review-article\n"
                            "journal: {name: J, issn: 1234-5679, publisher: Yayınevi}\n")
    result = run_build("jats", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    assert "metadata.yaml: warning: the jats edition should have `license`" in result.stderr
    tree = jats_of(root / "build")
    assert tree.getroot().get("article-type") == "review-article"
    assert texts(tree, "//article-categories//subject") == ["Derleme"]
    assert tree.find(".//permissions") is not None


def test_a_reference_doi_crossref_would_refuse_is_left_out_of_the_deposit(tmp_path):
    """One malformed DOI in the bibliography would make Crossref refuse the whole deposit:
    it is left out of it, with a warning naming the reference. (A DOI that is no DOI at
    all, ``10.12/bad``, is left out of every edition when the .bib is read; this one is a
    DOI, with a suffix longer than Crossref's schema takes.)"""
    doi = "10.1234/" + "x" * 201
    bib = "@article{a, author = {A, B}, title = {T}, journal = {J}, year = {2020}, doi = {%s}}\n" % doi
    root = write_manuscript(tmp_path, {"01.md": "# A\n\nText [@a].\n"}, REVIEW_METADATA.replace(
        "docx: {review: true}\n", ""), bib)
    result = run_build("crossref", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    assert f"warning: the DOI '{doi}' of reference 'a' is not one Crossref accepts" in result.stderr
    deposit = crossref_of(root / "build")
    assert texts(deposit, "//cr:citation/cr:doi") == [] and texts(deposit, "//cr:citation/cr:cYear") == ["2020"]


def test_docx_gives_every_authors_email(tmp_path):
    """The DOCX printed the corresponding author's e-mail alone; the other editions print
    every author's (an author's trial: the others were lost from Word only)."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\nauthor:\n  - name: Ann Lee\n    email: ann@x.org\n"
                                       "  - name: Bo Kim\n    email: bo@y.org\n    corresponding: true\n---\n\nText.\n",
                                       encoding="utf-8")
    result = run_build("docx", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    lines = [paragraph.text for paragraph in docx_of(tmp_path / "out").paragraphs]
    assert "Ann Lee: ann@x.org" in lines and "* Corresponding author: Bo Kim, bo@y.org" in lines
