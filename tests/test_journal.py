"""The sample journal (tests/samples/journal: two issues, five articles) built as an
editor builds it: continuous page numbers read back from every place they are printed
(the PDFs' folios, the HTML's Highwire tags and "cite as" line, the EPUB, JATS, the
Crossref batch, DOAJ), the issue PDFs, the site, the deposits against their schemas,
incremental builds and errors."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import EPOCH, REPO, missing, run_build

JOURNAL = REPO / "tests" / "samples" / "journal"
ISSUES = {"2024-1": (1, ["01-hazar", "02-corridors", "03-karabag"]),
          "2024-2": (101, ["01-korridore", "02-sinir-kapilari"])}


@pytest.fixture(scope="session")
def site(journal_site) -> Path:
    return journal_site


@pytest.fixture(scope="session")
def state(site) -> dict:
    return json.loads((site / ".journal" / "state.json").read_text(encoding="utf-8"))


def articles(state) -> dict[str, dict]:
    return {place: record["summary"] for place, record in state["articles"].items()}


def pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_every_article_of_both_issues_is_built(site, state):
    for issue, (_, folders) in ISSUES.items():
        for folder in folders:
            entry = articles(state)[f"issues/{issue}/{folder}"]
            base = site / "issues" / issue / entry["slug"]
            for name in ("index.html", f"{entry['slug']}.pdf", f"{entry['slug']}.epub"):
                assert (base / name).is_file(), base / name
        assert (site / "issues" / issue / f"{issue}.pdf").is_file()
        assert (site / "deposits" / issue / "crossref.xml").is_file()


def test_page_ranges_are_continuous(state):
    for issue, (first, folders) in ISSUES.items():
        page = first
        for folder in folders:
            start, end = articles(state)[f"issues/{issue}/{folder}"]["pages"]
            assert start == page and end >= start
            page = end + 1


def test_page_numbers_agree_everywhere(site, state):
    """Each article's range, read back from the PDF's folios and running heads, its
    cite-as line, the HTML's Highwire tags, the EPUB, JATS, Crossref and DOAJ."""
    crossref = {issue: etree.parse(str(site / "deposits" / issue / "crossref.xml")) for issue in ISSUES}
    doaj = {issue: etree.parse(str(site / "deposits" / issue / "doaj.xml")) for issue in ISSUES}
    ns = {"c": "http://www.crossref.org/schema/5.4.0"}
    for place, entry in articles(state).items():
        issue = entry["issue"]
        first, last = entry["pages"]
        base = site / "issues" / issue / entry["slug"]
        pages = pdf_pages((base / f"{entry['slug']}.pdf").read_bytes())
        assert len(pages) == last - first + 1, place
        assert pages[0].strip().endswith(str(first)) and pages[-1].strip().endswith(str(last)), place
        assert f"{first}–{last}" in pages[1].splitlines()[0], place          # the running head
        assert f"{first}–{last}" in pages[0]                                 # the cite-as line
        html = (base / "index.html").read_text(encoding="utf-8")
        assert f'<meta name="citation_firstpage" content="{first}">' in html
        assert f'<meta name="citation_lastpage" content="{last}">' in html
        assert f"{first}–{last}" in html.split('class="cite-as"')[1].split("</p>")[0]
        pdf_url = f"https://journal.example.org/acd/issues/{issue}/{entry['slug']}/{entry['slug']}.pdf"
        assert f'<meta name="citation_pdf_url" content="{pdf_url}">' in html
        with zipfile.ZipFile(base / f"{entry['slug']}.epub") as book:
            title_page = book.read("EPUB/text/ch001.xhtml").decode()
        assert f"{first}–{last}" in title_page
        jats = etree.parse(str(site / "deposits" / issue / "pmc" / entry["slug"] / f"{entry['slug']}.xml"))
        assert (jats.findtext(".//article-meta/fpage"), jats.findtext(".//article-meta/lpage")) == \
            (str(first), str(last))
        [article] = [a for a in crossref[issue].iterfind(".//c:journal_article", ns)
                     if a.findtext("c:doi_data/c:doi", namespaces=ns) == entry["doi"]]
        assert (article.findtext("c:pages/c:first_page", namespaces=ns),
                article.findtext("c:pages/c:last_page", namespaces=ns)) == (str(first), str(last))
        [record] = [r for r in doaj[issue].iterfind("record") if r.findtext("doi") == entry["doi"]]
        assert (record.findtext("startPage"), record.findtext("endPage")) == (str(first), str(last))
        assert entry["doi"] == f"10.5555/acd.3.{issue[-1]}.{first}"


def test_the_journal_decides_and_warns_naming_both_places(tmp_path):
    out = tmp_path / "site"
    result = run_build("journal", "--root", str(JOURNAL), "--out", str(out), "--issue", "2024-2", "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert ("issues/2024-2/01-korridore/manuscript/metadata.yaml:16: warning: journal.volume '3' differs"
            not in result.stderr)  # the same volume is no conflict
    assert re.search(r"issues/2024-2/01-korridore/manuscript/metadata.yaml:17: warning: journal.issue '1' "
                     r"differs from '2', which the journal decides \(issues/2024-2/issue.yaml:2\)", result.stderr)
    metadata = (JOURNAL / "issues/2024-2/01-korridore/manuscript/metadata.yaml").read_text(encoding="utf-8")
    doi_line = metadata.splitlines().index("doi: 10.5555/zkf.2023.3.1.7") + 1
    assert f"metadata.yaml:{doi_line}: warning: doi '10.5555/zkf.2023.3.1.7' differs from '10.5555/acd.3.2.101'" \
        in result.stderr
    # an editor's trial: a JOSS paper's own date (2019) was its date in a 2021 issue, silently
    date_line = metadata.splitlines().index("date: 2023-03-15") + 1
    assert (f"issues/2024-2/01-korridore/manuscript/metadata.yaml:{date_line}: warning: date '2023-03-15' is not "
            "the issue's '2024-12-30' (issues/2024-2/issue.yaml:3)") in result.stderr
    assert not (out / "issues" / "2024-1").exists()


def crossref_schema() -> etree.XMLSchema:
    import importlib.util

    spec = importlib.util.find_spec("commonmeta")
    if spec is None:
        missing("Crossref's XSD is not installed: pip install --no-deps commonmeta-py==0.251")
    folder = Path(list(spec.submodule_search_locations)[0]) / "resources" / "crossref"
    local = {"http://www.w3.org/Math/XMLSchema/mathml3/mathml3.xsd": folder / "standard-modules/mathml3/mathml3.xsd",
             "http://www.w3.org/1999/xlink.xsd": folder / "standard-modules/xlink.xsd",
             "http://www.w3.org/2001/xml.xsd": folder / "xml.xsd",
             "https://www.w3.org/2001/xml.xsd": folder / "xml.xsd",
             "http://www.w3.org/2009/01/xml.xsd": folder / "xml.xsd"}

    class Local(etree.Resolver):
        def resolve(self, url, pubid, context):
            return self.resolve_filename(str(local[url]), context) if url in local else None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.parse(str(folder / "crossref5.4.0.xsd"), parser))


def test_crossref_batch_is_valid_and_registers_every_article(site, state):
    schema = crossref_schema()
    for issue, (_, folders) in ISSUES.items():
        batch = etree.parse(str(site / "deposits" / issue / "crossref.xml"))
        assert schema.validate(batch), schema.error_log
        ns = {"c": "http://www.crossref.org/schema/5.4.0"}
        dois = batch.xpath("//c:journal_article/c:doi_data/c:doi/text()", namespaces=ns)
        assert dois == [articles(state)[f"issues/{issue}/{f}"]["doi"] for f in folders]
        assert batch.findtext(".//c:journal_issue/c:issue", namespaces=ns) == issue[-1]
        assert len(batch.xpath("//c:journal_metadata", namespaces=ns)) == 1
        assert batch.xpath("//c:citation_list/c:citation", namespaces=ns)


# DOAJ's article XML: the order of a record's elements, which are required, and the
# values' patterns, as DOAJ's XSD states them (DOAJ/doaj, portality/static/doaj/
# doajArticles.xsd at 91c255d9). The XSD is on no registry the build can reach: its rules
# are checked here, not the schema itself.
DOAJ_PATTERNS = {"issn": r"[0-9]{4}-?[0-9]{3}[0-9xX]", "eissn": r"[0-9]{4}-?[0-9]{3}[0-9xX]",
                 "publicationDate": r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?",
                 "authors/author/orcid_id": r"https://orcid\.org/[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]",
                 "fullTextUrl": r"https?://([^/:]+\.[^\W\d_]{2,10}|([0-9]{1,3}\.){3}[0-9]{1,3})(:[0-9]+)?(.*)?"}
DOAJ_ORDER = ["language", "publisher", "journalTitle", "issn", "eissn", "publicationDate", "volume", "issue",
              "startPage", "endPage", "doi", "publisherRecordId", "documentType", "title", "authors",
              "affiliationsList", "abstract", "fullTextUrl", "keywords"]
DOAJ_REQUIRED = {"journalTitle", "title", "fullTextUrl"}


def test_doaj_xml_follows_the_documented_format(site, state):
    for issue, (_, folders) in ISSUES.items():
        records = etree.parse(str(site / "deposits" / issue / "doaj.xml")).getroot()
        assert records.tag == "records" and len(records) == len(folders)
        for record in records:
            tags = [child.tag for child in record]
            assert tags == [t for t in DOAJ_ORDER if t in tags] and DOAJ_REQUIRED <= set(tags)
            assert record.findtext("issn") == "2146-2577" and record.findtext("eissn") == "2147-9119"
            assert record.findtext("language") in ("tur", "eng", "ger")
            assert record.find("title").get("language") == record.findtext("language")
            for author in record.iterfind("authors/author"):
                assert author.findtext("name")
                number = author.findtext("affiliationId")
                assert number is None or record.find(f"affiliationsList/affiliationName[@affiliationId='{number}']") \
                    is not None
            assert record.find("fullTextUrl").get("format") == "html"
            for path, pattern in DOAJ_PATTERNS.items():
                for element in record.iterfind(path):
                    assert re.fullmatch(pattern, element.text), (path, element.text)
    # an author of two affiliations names both (the second one shared with a co-author)
    record = etree.parse(str(site / "deposits" / "2024-2" / "doaj.xml")).getroot()[1]
    [kaya] = [a for a in record.iterfind("authors/author") if a.findtext("name") == "Murat Kaya"]
    named = {n.get("affiliationId"): n.text for n in record.iterfind("affiliationsList/affiliationName")}
    assert [named[i.text] for i in kaya.iterfind("affiliationId")] == [
        "Siyaset Bilimi Bölümü, Karadeniz Teknik Üniversitesi", "Uluslararası İlişkiler Bölümü, Örnek Üniversitesi"]
    assert len(named) == 2


def test_issue_pdf(site, state):
    from pypdf import PdfReader

    reader = PdfReader(site / "issues" / "2024-1" / "2024-1.pdf")
    summaries = [articles(state)[f"issues/2024-1/{f}"] for f in ISSUES["2024-1"][1]]
    lengths = [s["pages"][1] - s["pages"][0] + 1 for s in summaries]
    front = len(reader.pages) - sum(lengths)
    text = "\n".join(page.extract_text() for page in reader.pages[:front])
    assert "Avrasya Çalışmaları Dergisi" in text and "Cilt 3 · Sayı 1" in text
    assert "Yayın Kurulu" in text and "Prof. Dr. Leyla Aksoy" in text and "İçindekiler" in text
    titles = [item["/Title"] for item in reader.outline if not isinstance(item, list)]
    assert titles == ["İçindekiler", *[s["title"] for s in summaries]]
    assert all(isinstance(item, list) and item for item in reader.outline[2::2])  # each article's sections
    starts = [front + sum(lengths[:i]) for i in range(len(lengths))]
    links = [annotation.get_object() for page in reader.pages[:front] for annotation in page.get("/Annots") or []]
    targets = [reader.get_page_number(link["/Dest"][0].get_object()) for link in links if "/Dest" in link]
    assert targets == starts
    assert [reader.page_labels[i] for i in starts] == [str(s["pages"][0]) for s in summaries]
    # each article's pages are its own PDF's, in order
    assert reader.pages[starts[1]].extract_text().strip().endswith(str(summaries[1]["pages"][0]))


def test_site_pages_languages_feed_and_sitemap(site, state):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="tr">' in home and 'hreflang="en" href="https://journal.example.org/acd/en/"' in home
    english = (site / "en" / "issues" / "2024-2" / "index.html").read_text(encoding="utf-8")
    assert "Volume 3, Issue 2" in english and "Güney Kafkasya" in english and "pp. 101–" in english
    issue = (site / "issues" / "2024-1" / "index.html").read_text(encoding="utf-8")
    for entry in [articles(state)[f"issues/2024-1/{f}"] for f in ISSUES["2024-1"][1]]:
        assert f"https://doi.org/{entry['doi']}" in issue and f"{entry['slug']}/{entry['slug']}.pdf" in issue
    feed = etree.parse(str(site / "feed.xml"))
    atom = {"a": "http://www.w3.org/2005/Atom"}
    assert len(feed.xpath("//a:entry", namespaces=atom)) == 5
    sitemap = etree.parse(str(site / "sitemap.xml"))
    locations = sitemap.xpath("//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    assert "https://journal.example.org/acd/en/archive/" in locations
    assert sum("/issues/2024-" in url and "/en/" not in url and url.count("/") == 7 for url in locations) == 5
    assert json.loads((site / "pagefind" / "pagefind-entry.json").read_bytes())["languages"].keys() == \
        {"tr", "en", "de"}


def test_journal_templates_reach_the_landing_pages(site, state):
    entry = articles(state)["issues/2024-2/02-sinir-kapilari"]
    page = (site / "issues" / "2024-2" / entry["slug"] / "index.html").read_text(encoding="utf-8")
    assert '<footer class="journal-footer">' in page and 'href="../../../"' in page


def copy_journal(target: Path) -> Path:
    """The sample journal with every article as a folder of its own (no links): a copy
    to change."""
    shutil.copytree(JOURNAL, target, symlinks=False)
    return target


def site_files(out: Path) -> set[Path]:
    """The site's files, but for the build's own folder and the search index (whose
    files are named by their content)."""
    return {p.relative_to(out) for p in out.rglob("*")
            if p.is_file() and ".journal" not in p.parts and "pagefind" not in p.parts}


def build(root: Path, out: Path, **options):
    from press.journal.build import build_journal
    return build_journal(root, out, workers=options.pop("workers", 2), **options)


def test_incremental_builds(tmp_path, monkeypatch):
    """A cold build: each article built whole once, a PDF typeset ahead only for a worker
    that would idle. Nothing changed: nothing runs. One article edited: it alone is built
    again. An article that grows: the articles after it are built again on their new
    pages, from their filtered documents (none filtered again)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root, out = copy_journal(tmp_path / "journal"), tmp_path / "site"
    first = build(root, out)
    rounds = {r.name: r.articles for r in first.rounds}
    assert rounds["build"] == 5 and rounds.get("typeset ahead", 0) <= 2, rounds
    again = build(root, out)
    assert again.rounds == [] and again.written == []
    monkeypatch.chdir(root.parent)  # the same journal, named from its parent folder
    named_otherwise = build(Path(root.name), out)
    assert named_otherwise.rounds == [] and named_otherwise.written == []

    last = root / "issues" / "2024-2" / "02-sinir-kapilari" / "manuscript" / "01-giris.md"
    last.write_text(last.read_text(encoding="utf-8").replace("Sınır kapıları, devletlerin", "Sınır kapıları, "
                                                             "komşu devletlerin"), encoding="utf-8")
    files = site_files(out)
    edited = build(root, out)
    assert [(r.name, r.articles) for r in edited.rounds] == [("build", 1), ("collect", 1)]
    # the other issue's PDF and deposits stay (an edit in 2024-2 once deleted 2024-1's)
    assert files <= site_files(out)
    assert "komşu devletlerin" in (out / "issues/2024-2/sinir-kapilari-ve-gundelik-diplomasi-sarp-ve-kapikoy-"
                                   "ornekleri/index.html").read_text(encoding="utf-8")

    stored = lambda: {p for p in (out / ".journal" / "store" / "filtered").rglob("*") if p.is_file()}  # noqa: E731
    filtered = stored()
    grown = root / "issues" / "2024-2" / "01-korridore" / "manuscript" / "01-text.md"
    grown.write_text(grown.read_text(encoding="utf-8") + "\n\n" + "Ein weiterer Absatz über Korridore. " * 400,
                     encoding="utf-8")
    longer = build(root, out)
    assert any("02-sinir-kapilari: warning: its DOI is now" in warning for warning in longer.warnings)
    state = json.loads((out / ".journal" / "state.json").read_text(encoding="utf-8"))
    first_article, second = (state["articles"][f"issues/2024-2/{f}"] for f in ("01-korridore", "02-sinir-kapilari"))
    assert second["pages"][0] == first_article["pages"][1] + 1 > 103
    assert len(stored() - filtered) == 1  # the grown one alone (a file; its folder may be new or not)
    # the grown one, then the one after it on its new pages (its length known from the last build)
    assert [(r.name, r.articles) for r in longer.rounds] == [("build", 2)]
    assert not (out / ".staging").exists() or not [p for p in (out / ".staging").iterdir() if p.name != "lock"]


def test_errors_of_every_article_together_and_the_site_unchanged(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root, out = copy_journal(tmp_path / "journal"), tmp_path / "site"
    build(root, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and ".journal" not in p.parts}
    for place, name in (("2024-2/02-sinir-kapilari", "01-giris.md"), ("2024-1/01-hazar", "01-giris.md")):
        text = root / "issues" / place / "manuscript" / name
        text.write_text(text.read_text(encoding="utf-8") + "\n\nBkz. [@yok2099].\n", encoding="utf-8")
    result = run_build("journal", "--root", str(root), "--out", str(out), "--workers", "2")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"^issues/2024-2/02-sinir-kapilari/manuscript/01-giris\.md:\d+: error: unknown citation key "
                     r"'yok2099'", result.stderr, re.M), result.stderr
    assert re.search(r"^issues/2024-1/01-hazar/manuscript/01-giris\.md:\d+: error: unknown citation key",
                     result.stderr, re.M), result.stderr
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and ".journal" not in p.parts}
    assert after.keys() == before.keys() and all(after[p] == before[p] for p in before)


def test_journal_mistakes_name_their_lines(tmp_path):
    root = copy_journal(tmp_path / "journal")
    text = (root / "journal.yaml").read_text(encoding="utf-8")
    (root / "journal.yaml").write_text(text.replace("issn: 2146-2577", "issn: 2146-2578").replace(
        "url: https://journal.example.org/acd", "url: javascript:alert(1)"), encoding="utf-8")
    (root / "issues" / "2024-2" / "issue.yaml").write_text(
        re.sub(r"(?m)^date: .*", "date: 2026-13-45", (root / "issues" / "2024-2" / "issue.yaml").read_text(
            encoding="utf-8").replace("02-sinir-kapilari", "02-sinir-kapilar")),
        encoding="utf-8")
    result = run_build("journal", "--root", str(root), "--out", str(tmp_path / "site"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "journal.yaml:6: error: '2146-2578' is not an ISSN" in result.stderr
    assert "journal.yaml:9: error: 'javascript:alert(1)' is not a web address" in result.stderr
    assert "issues/2024-2/issue.yaml:3: error: '2026-13-45' is not a date" in result.stderr  # not a traceback
    assert ("issues/2024-2/issue.yaml:9: error: no article folder '02-sinir-kapilar' (did you mean "
            "'02-sinir-kapilari'?)") in result.stderr
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").glob("*.html"))


def test_usage_errors_exit_2(tmp_path):
    result = run_build("journal", "--root", str(tmp_path / "nowhere"), "--out", str(tmp_path / "site"))
    assert result.returncode == 2 and "is not a folder" in result.stderr
    result = run_build("journal", "--root", str(JOURNAL), "--out", str(tmp_path / "s"), "--scheduler", "8786")
    assert result.returncode == 2 and "not a scheduler's address" in result.stderr
    result = run_build("journal", "--root", str(JOURNAL), "--out", str(tmp_path / "s"), "--issue", "2099-1")
    assert result.returncode == 1 and "no issue '2099-1'" in result.stderr


def test_new_projects_build_at_once(tmp_path):
    result = run_build("new", "article", str(tmp_path / "article"))
    assert result.returncode == 0, result.stderr
    result = run_build("pdf", "html", "--root", str(tmp_path / "article"), "--out", str(tmp_path / "article-out"))
    assert result.returncode == 0, result.stderr
    result = run_build("new", "journal", str(tmp_path / "journal"))
    assert result.returncode == 0, result.stderr
    result = run_build("journal", "--root", str(tmp_path / "journal"), "--out", str(tmp_path / "site"),
                       "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    # the progress said "pages 11–20" of a 3-page article: the guessed range, as if it were the pages
    assert "01-first-article: 1 page(s), set from p. 1" in result.stdout, result.stdout
    # an editor's trial: an article's landing page led nowhere else on the site
    [landing] = (tmp_path / "site" / "issues").glob("*/*/index.html")
    page = landing.read_text(encoding="utf-8")
    assert '<a href="https://journal.example.org/issues/2025-1/">' in page
    assert '<a href="https://journal.example.org/">' in page
    # … its PDF and EPUB were there twice, the second copies (html/) linked from nowhere
    assert not (landing.parent / "html").exists() and (landing.parent / "the-article-s-title.pdf").is_file()
    # … the issue's date was ISO (2025-06-30) on its page and its PDF's cover
    issue_page = (tmp_path / "site" / "issues" / "2025-1" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Volume 1, Issue 1 (30 June 2025)</h1>" in issue_page
    # … and the editorial board was in the issue PDFs only
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="editorial-board">Editorial Board</h2>' in home and "The Editor" in home
    assert run_build("new", "journal", str(tmp_path / "journal")).returncode == 1  # never over a project


@pytest.mark.parametrize("metadata", ["title: EVIL TAKEOVER\nslug: the-article-s-title\n",
                                      "title: The Article's Title\n"])
def test_two_articles_of_an_issue_never_share_an_address(tmp_path, metadata):
    """The attacker's round: a second article with the first's slug (or its title) built
    "2 article(s)" without a word; one folder held the attacker's page, PDF and JATS, and
    both DOIs led there."""
    journal = tmp_path / "journal"
    assert run_build("new", "journal", str(journal)).returncode == 0
    issue = journal / "issues" / "2025-1"
    shutil.copytree(issue / "01-first-article", issue / "02-second")
    with open(issue / "issue.yaml", "a", encoding="utf-8") as listing:
        listing.write("  - 02-second\n")
    own = issue / "02-second" / "manuscript" / "metadata.yaml"
    own.write_text(re.sub(r"(?m)^title:.*\n", metadata, own.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_build("journal", "--root", str(journal), "--out", str(tmp_path / "site"), "--workers", "1",
                       "--untrusted")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("issues/2025-1/02-second: error: its address in the issue, 'the-article-s-title', is also "
            "issues/2025-1/01-first-article's") in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_an_issue_lists_each_article_once_and_addresses_differ_in_more_than_case(tmp_path):
    """An article listed twice in issue.yaml ended in "the page ranges did not settle";
    two slugs that differ only in case built two folders that a case-insensitive host
    (macOS, Windows, many CDNs) serves as one."""
    journal = tmp_path / "journal"
    assert run_build("new", "journal", str(journal)).returncode == 0
    issue = journal / "issues" / "2025-1"
    with open(issue / "issue.yaml", "a", encoding="utf-8") as listing:
        listing.write("  - 01-first-article\n")
    result = run_build("journal", "--root", str(journal), "--out", str(tmp_path / "site"), "--workers", "1")
    assert result.returncode == 1 and "Traceback" not in result.stderr and "did not settle" not in result.stderr
    assert re.search(r"issues/2025-1/issue.yaml:\d+: error: '01-first-article' is listed twice \(first at "
                     r"issues/2025-1/issue.yaml:\d+\) \(list each article once\)", result.stderr), result.stderr
    lines = (issue / "issue.yaml").read_text(encoding="utf-8").splitlines()
    (issue / "issue.yaml").write_text("\n".join(lines[:-1]) + "\n  - 02-second\n", encoding="utf-8")
    shutil.copytree(issue / "01-first-article", issue / "02-second")
    for folder, slug in (("01-first-article", "first-Article"), ("02-second", "First-article")):
        own = issue / folder / "manuscript" / "metadata.yaml"
        own.write_text(own.read_text(encoding="utf-8") + f"slug: {slug}\n", encoding="utf-8")
    result = run_build("journal", "--root", str(journal), "--out", str(tmp_path / "site"), "--workers", "1")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("issues/2025-1/02-second: error: its address in the issue, 'First-article' ('first-Article' in "
            "another case), is also issues/2025-1/01-first-article's") in result.stderr, result.stderr


def test_what_a_journal_leaves_out_and_every_articles_warnings_are_said_each_build(tmp_path):
    """An editor's trial: a journal without an ISSN got no JATS and no Crossref deposit
    without a word, and a build with nothing changed listed none of the articles' warnings."""
    journal = tmp_path / "journal"
    assert run_build("new", "journal", str(journal)).returncode == 0
    metadata = next((journal / "issues").glob("*/*/manuscript/metadata.yaml"))
    metadata.write_text(metadata.read_text(encoding="utf-8") + "keypoints: one\n", encoding="utf-8")
    outputs = []
    for _ in range(2):
        result = run_build("journal", "--root", str(journal), "--out", str(tmp_path / "site"), "--workers", "1")
        outputs.append(result.stdout + result.stderr)
    for said in outputs:
        assert "journal.yaml: warning: the journal has no issn or eissn: no article gets its JATS" in said, said
        assert "journal.yaml: warning: the journal has no `doi:` (a pattern) and no `crossref:`" in said
    assert "up to date" in outputs[1]
    article_warnings = [line for line in outputs[0].splitlines() if "unknown metadata key 'keypoints'" in line]
    assert article_warnings and all(line in outputs[1] for line in article_warnings)


def test_a_journals_messages_name_their_lines_and_files_from_the_journals_folder(tmp_path):
    """An editor's trial: an unclosed quote on line 2 of issue.yaml was reported at line 9 (the
    file's end), and a label defined twice named its first place by an absolute path."""
    journal = tmp_path / "journal"
    assert run_build("new", "journal", str(journal)).returncode == 0
    issue = journal / "issues" / "2025-1" / "issue.yaml"
    listing = issue.read_text(encoding="utf-8")
    issue.write_text(re.sub(r"(?m)^number: (.*)$", r'number: "\1', listing), encoding="utf-8")
    result = run_build("journal", "--root", str(journal), "--out", str(tmp_path / "site"), "--workers", "1")
    line = issue.read_text(encoding="utf-8").splitlines().index(next(
        text for text in issue.read_text(encoding="utf-8").splitlines() if text.startswith("number:"))) + 1
    assert f"issues/2025-1/issue.yaml:{line}: error: YAML syntax error: found unexpected end of stream" \
        in result.stderr, result.stderr
    issue.write_text(listing, encoding="utf-8")
    text = next((journal / "issues").glob("*/*/manuscript/01-*.md"))
    text.write_text(text.read_text(encoding="utf-8") + "\n# Twice {#sec:same}\n\n# Again {#sec:same}\n",
                    encoding="utf-8")
    result = run_build("journal", "--root", str(journal), "--out", str(tmp_path / "site"), "--workers", "1")
    assert result.returncode == 1
    said = next(line for line in result.stderr.splitlines() if "is defined twice" in line)
    assert said.startswith("issues/2025-1/01-first-article/manuscript/01-") and \
        "(first defined at issues/2025-1/01-first-article/manuscript/01-" in said, said


def test_a_journal_may_leave_the_chronology_out_of_every_article(tmp_path):
    """An editor's trial: every software paper of a journal got an "Appendix A: Chronology"
    of one event, which only each article's own metadata could turn off."""
    journal = tmp_path / "journal"
    assert run_build("new", "journal", str(journal)).returncode == 0
    text = next((journal / "issues").glob("*/*/manuscript/01-*.md"))
    text.write_text(text.read_text(encoding="utf-8") + "\n# History\n\nThe society was founded in 1901.\n",
                    encoding="utf-8")
    site = tmp_path / "site"
    for setting, appendix in (("", True), ("chronology: false\n", False)):
        with open(journal / "journal.yaml", "a", encoding="utf-8") as settings:
            settings.write(setting)
        result = run_build("journal", "--root", str(journal), "--out", str(site), "--workers", "1")
        assert result.returncode == 0, result.stderr
        [landing] = site.glob("issues/*/*/index.html")
        assert ('class="chronology appendix"' in landing.read_text(encoding="utf-8")) == appendix


def test_site_writes_only_inside_out(site):
    assert os.path.commonpath([p.resolve() for p in site.rglob("*")] + [site.resolve()]) == str(site.resolve())


def test_an_untrusted_journal_build_refuses_an_articles_raw_markup(tmp_path):
    """--untrusted reaches every article of a journal's build (the site is one origin for
    all of them): an article's raw HTML is an error at its line, as in an article's build."""
    root = copy_journal(tmp_path / "journal")
    text = root / "issues" / "2024-2" / "02-sinir-kapilari" / "manuscript" / "01-giris.md"
    text.write_text(text.read_text(encoding="utf-8") + "\n\n<script>alert(1)</script>\n", encoding="utf-8")
    arguments = ("journal", "--root", str(root), "--issue", "2024-2", "--workers", "1")
    result = run_build(*arguments, "--untrusted", "--out", str(tmp_path / "site"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"^issues/2024-2/02-sinir-kapilari/manuscript/01-giris\.md:\d+: error: raw HTML",
                     result.stderr, re.M), result.stderr
    trusted = run_build(*arguments, "--out", str(tmp_path / "trusted"))
    assert trusted.returncode == 0, trusted.stderr  # the journal's own articles may hold it


def test_a_build_of_one_issue_keeps_the_others_on_the_site(tmp_path, monkeypatch):
    """--issue builds one issue's articles; the site still lists, links and serves the
    others (it once dropped them, their PDFs and deposits, and the next build said "up to
    date"); a file of the site deleted by hand is made again by the next build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root, out = copy_journal(tmp_path / "journal"), tmp_path / "site"
    build(root, out)
    files = site_files(out)
    text = root / "issues" / "2024-2" / "02-sinir-kapilari" / "manuscript" / "01-giris.md"
    text.write_text(text.read_text(encoding="utf-8").replace("Sınır kapıları, devletlerin",
                                                             "Sınır kapıları, komşu devletlerin"), encoding="utf-8")
    result = run_build("journal", "--root", str(root), "--out", str(out), "--issue", "2024-2", "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert files <= site_files(out)
    assert "2024-1" in (out / "index.html").read_text(encoding="utf-8")
    (out / "deposits" / "2024-1" / "doaj.xml").unlink()
    build(root, out)
    assert (out / "deposits" / "2024-1" / "doaj.xml").is_file()


def test_blank_pages_of_an_issue_are_numbered_in_turn(tmp_path, monkeypatch):
    """With start_on_odd, the blank page before an article is labelled with its page
    number (it was labelled "1"): the issue PDF's labels run on without a gap."""
    from pypdf import PdfReader

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root, out = copy_journal(tmp_path / "journal"), tmp_path / "site"
    text = (root / "journal.yaml").read_text(encoding="utf-8")
    (root / "journal.yaml").write_text(text.replace("start_on_odd: false", "start_on_odd: true"), encoding="utf-8")
    build(root, out, issue="2024-1")
    labels = PdfReader(next((out / "issues" / "2024-1").glob("*.pdf"))).page_labels
    numbers = [int(label) for label in labels if label.isdigit()]
    assert len(numbers) == len(labels) - sum(1 for label in labels if not label.isdigit())
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), labels


def scheduled(issues: list[list[int]], workers: int, last: list[list[int]] | None = None
              ) -> tuple[list[tuple[str, str, int]], dict]:
    """What the journal build's feed (``press.journal.build.Pages``) hands out for issues of
    articles of the given lengths, run on ``workers`` (each build's result comes back in the
    order started): (whole or ahead, article, first page) in order, and every article's
    final pages. ``last``: the lengths the last build recorded (each article changed since)."""
    from types import SimpleNamespace as N

    from press.journal.build import Entry, Pages, Quiet

    issue_list = [N(first_page=1, articles=[N(place=f"{i}/{a}") for a in range(len(lengths))])
                  for i, lengths in enumerate(issues)]
    length = {f"{i}/{a}": n for i, lengths in enumerate(issues) for a, n in enumerate(lengths)}
    entries = {article.place: Entry(issue, article, "", {"signature": "before", "count": last[i][a]} if last else None)
               for i, issue in enumerate(issue_list) for a, article in enumerate(issue.articles)}
    builder = N(out=Path("/nonexistent"), progress=Quiet(),
                task=lambda journal, entry, first, editions: (entry.article.place, first, editions))
    feed = Pages(builder, N(start_on_odd=False), issue_list, entries, ("pdf", "html"))
    handed, running = [], []
    while True:
        for (place, first, editions), _ in feed.next(workers - len(running)):
            handed.append(("whole" if editions != ("pdf",) else "ahead", place, first))
            running.append((place, first))
        if not running:
            return handed, {place: entry.pages for place, entry in entries.items()}
        place, first = running.pop(0)
        feed.take(N(place=place, errors=[], count=length[place], pages=(first, first + length[place] - 1)))


def test_a_journal_of_several_issues_typesets_each_article_once():
    handed, pages = scheduled([[12, 7, 9], [5, 5], [3, 8, 2]], workers=2)
    assert [kind for kind, _, _ in handed] == ["whole"] * 8  # no PDF typeset ahead, none twice
    assert pages == {"0/0": (1, 12), "0/1": (13, 19), "0/2": (20, 28), "1/0": (1, 5), "1/1": (6, 10),
                     "2/0": (1, 3), "2/1": (4, 11), "2/2": (12, 13)}


def test_one_long_issue_typesets_ahead_only_for_idle_workers():
    handed, pages = scheduled([[12, 7, 9, 4]], workers=3)
    ahead = [(place, first) for kind, place, first in handed if kind == "ahead"]
    whole = [(place, first) for kind, place, first in handed if kind == "whole"]
    # the first is built whole; two idle workers typeset the next two ahead (10 pages guessed)
    assert ahead[:2] == [("0/1", 11), ("0/2", 21)] and sorted(whole) == [("0/0", 1), ("0/1", 13), ("0/2", 20),
                                                                        ("0/3", 29)]
    assert pages == {"0/0": (1, 12), "0/1": (13, 19), "0/2": (20, 28), "0/3": (29, 32)}


def test_an_articles_last_length_predicts_its_pages_when_it_changed():
    """A journal.yaml edit changes every article's key: the pages the last build found
    predict where each is typeset ahead, so none is typeset twice where they still hold."""
    handed, pages = scheduled([[12, 7, 9, 4]], workers=3, last=[[12, 7, 9, 4]])
    ahead = [(place, first) for kind, place, first in handed if kind == "ahead"]
    assert ahead and all(first == pages[place][0] for place, first in ahead), (ahead, pages)
