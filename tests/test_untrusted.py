"""Safe on untrusted input: each test is an attack, and checks what it must not achieve
(the file that must not be read, the path that must not be written, the script that
must not run) and that the build says why, with the file and the line."""
import http.server
import os
import re
import threading
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import previewing, require_tool, run_build, write_manuscript

SECTIONS = {"01-giris.md": "# Giriş\n\nSavaş 27 Eylül 2020’de başladı [@a].\n"}
METADATA = "lang: tr\ntitle: Deneme\n"
BIB = "@book{a, author = {Aslanlı, A.}, title = {Kitap}, year = {2015}, publisher = {P}}\n"
SECRET = "GIZLI-7f3a"  # text that lives outside the project: no edition may contain it


def project(tmp_path, sections=SECTIONS, metadata=METADATA, bib=BIB):
    return write_manuscript(tmp_path / "makale", sections, metadata, bib)


def outputs_text(folder) -> str:
    """Everything the build wrote, as text, the cache included."""
    if not folder.exists():
        return ""
    return "".join(p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file())


def failed(result, *expected):
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr
    return result.stderr


# --- reads: only the project's own files ---------------------------------------------

@pytest.mark.parametrize("folder, name, text", [
    ("manuscript", "02-ek.md", f"# Secret\n\n{SECRET}\n"),
    ("bibliography", "more.bib", f"@misc{{s, title = {{{SECRET}}}}}\n"),
])
def test_a_file_linked_to_one_outside_its_folder_is_not_read(tmp_path, folder, name, text):
    secret = tmp_path / f"secret-{name}"
    secret.write_text(text, encoding="utf-8")
    root = project(tmp_path, metadata=METADATA + "nocite: '@*'\n")
    (root / folder / name).symlink_to(secret)
    result = run_build("html", "--root", str(root), cwd=root)
    failed(result, f"{folder}/{name}: error: a link to", f"outside {folder}/")
    assert SECRET not in outputs_text(root / "build")


def test_a_bibliography_named_outside_the_project_is_not_copied_into_the_latex_folder(tmp_path):
    # Once, `bibliography: [/proc/self/environ]` copied the build's environment
    # (tokens included) into the submission folder.
    root = project(tmp_path, metadata=METADATA + "bibliography:\n  - ../bibliography/references.bib\n"
                                                 "  - /proc/self/environ\n")
    result = run_build("latex", "--root", str(root), cwd=root, env={"PRESS_TEST_TOKEN": SECRET})
    failed(result, "manuscript/metadata.yaml:5: error: bibliography '/proc/self/environ' lies outside "
                   "the project folder")
    assert not (root / "build").exists()


# --- writes: only inside --out -----------------------------------------------------------

@pytest.mark.parametrize("slug", ["../../kacak", "/tmp/press-kacak", "-x", "a b", "a.pdf"])
def test_a_slug_that_is_not_a_file_name_writes_nothing(tmp_path, slug):
    root = project(tmp_path, metadata=METADATA + f"slug: '{slug}'\n")
    result = run_build("--root", str(root), cwd=root)
    failed(result, f"manuscript/metadata.yaml:3: error: slug '{slug}' is not a file name", "did you mean")
    assert not (root / "build").exists() and not (tmp_path / "kacak.pdf").exists()
    assert not os.path.exists("/tmp/press-kacak.pdf")


def test_a_slug_of_letters_digits_and_hyphens_names_the_files(tmp_path):
    root = project(tmp_path, metadata=METADATA + "slug: Makale-2021\n")
    result = run_build("pdf", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (root / "build").glob("*.pdf")] == ["Makale-2021.pdf"]


# --- bad input ---------------------------------------------------------------------------

def test_nul_and_control_characters_name_file_and_line(tmp_path):
    # Once, a NUL byte reached the EPUB, which was then not well-formed XML.
    root = project(tmp_path, sections={"01.md": "# Bir\n\nİki\x00 üç.\n"},
                   metadata="lang: tr\ntitle: \"Ba\x0cşlık\"\n")
    result = run_build("epub", "--root", str(root), cwd=root)
    failed(result, "manuscript/01.md:3: error: control character U+0000 (NUL)",
           "manuscript/metadata.yaml:2: error: control character U+000C (form feed)")
    assert not (root / "build").exists()


def test_a_nul_byte_in_the_bibliography_names_file_and_line(tmp_path):
    root = project(tmp_path, bib=BIB + "@misc{b, title = {x\x00}}\n")
    result = run_build("epub", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr  # left out, as biber and pandoc read on
    assert "bibliography/references.bib:2: warning: control character U+0000 (NUL) is left out" in result.stderr


def test_decomposed_text_is_read_as_composed(tmp_path):
    # "Eylül" typed as "u" + combining diaeresis: once, the chronology lost its date.
    nfd = {name: unicodedata.normalize("NFD", text) for name, text in SECTIONS.items()}
    nfd["02-son.md"] = unicodedata.normalize("NFD", "# Son\n\nBkz. [@yok2020].\n")
    root = project(tmp_path, sections=nfd, metadata=unicodedata.normalize("NFD", METADATA))
    # the error is found in the decomposed file, at its line
    failed(run_build("html", "--root", str(root), cwd=root),
           "manuscript/02-son.md:3: error: unknown citation key 'yok2020'")
    (root / "manuscript" / "02-son.md").unlink()
    result = run_build("html", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    page = (root / "build" / "html" / "index.html").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", page)
    chronology = page.split('id="chronology"')[1]
    assert "27 Eylül 2020" in chronology


@pytest.mark.parametrize("text, expected", [
    # pandoc's reader takes exponential time in nested brackets: minutes at 12
    ("# Bir\n\nMetin " + "[" * 12 + "x" + "]" * 12 + ".\n", "01.md:3: error: brackets nested 12 deep"),
    ("# Bir\n\nMetin " + "^[" * 40 + "x.\n", "01.md:3: error: brackets nested 40 deep"),
    ("# Bir\n\n" + "> " * 400 + "x\n", "01.md:3: error: lists or quotes nested about"),
    ("# Bir\n\n" + "\n".join("  " * level + "- x" for level in range(300)) + "\n",
     "01.md:67: error: lists or quotes nested about 65 deep"),
    # deep for Python, not for pandoc: an error, not a RecursionError
    ("# Bir\n\n" + "<div>\n" * 1200 + "x\n" + "</div>\n" * 1200, "01.md:1202: error: the manuscript nests"),
    ("# Bir\n\n" + "::: a\n" * 600 + "x\n" + ":::\n" * 600, "01.md:602: error: the manuscript nests"),
])
def test_nesting_too_deep_is_an_error_not_a_hang_or_a_traceback(tmp_path, text, expected):
    root = project(tmp_path, sections={"01.md": text})
    failed(run_build("html", "--root", str(root), cwd=root), expected)


def test_a_yaml_alias_bomb_is_refused_before_pandoc_expands_it(tmp_path):
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]"
        for previous, name in zip("abcdefg", "bcdefgh")]
    root = project(tmp_path, metadata=METADATA + "\n".join(levels) + "\n")
    failed(run_build("html", "--root", str(root), cwd=root),
           "manuscript/metadata.yaml:4: error: YAML alias '*a'")


def test_a_folder_named_like_a_section_is_an_error_not_a_traceback(tmp_path):
    root = project(tmp_path)
    (root / "manuscript" / "02-ek.md").mkdir()
    failed(run_build("html", "--root", str(root), cwd=root),
           "manuscript/02-ek.md: error: a folder, not a regular file")


def test_no_metadata_file_or_no_title_is_an_error(tmp_path):
    root = project(tmp_path, metadata="lang: tr\n")
    failed(run_build("html", "--root", str(root), cwd=root),
           "manuscript/metadata.yaml: error: the article has no title (add `title: …`")
    (root / "manuscript" / "metadata.yaml").unlink()
    failed(run_build("html", "--root", str(root), cwd=root), "error: the article has no title")


def test_an_unknown_raw_format_is_named_not_a_traceback(tmp_path):
    root = project(tmp_path, sections={"01.md": "# Bir\n\nİki `x`{=htm} üç.\n"})
    failed(run_build("html", "--root", str(root), cwd=root),
           "manuscript/01.md:3: error: unknown raw format 'htm' (did you mean 'html'?)")


# --- never the network -------------------------------------------------------------------

class Recorder(http.server.BaseHTTPRequestHandler):
    """A proxy that only notes what reaches it: any request is the build going out."""
    seen: list[str] = []

    def do_CONNECT(self):
        self.seen.append(f"CONNECT {self.path}")
        self.send_error(502)

    do_GET = do_CONNECT

    def log_message(self, *args):
        pass


def test_a_typst_package_import_fetches_nothing(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    proxy = f"http://127.0.0.1:{server.server_address[1]}"
    raw = '```{=typst}\n#import "@preview/cetz:0.2.2": canvas\n```\n'
    root = project(tmp_path, sections={"01.md": f"# Bir\n\nİki.\n\n{raw}"})
    try:
        # The proxy a machine's environment names is where Typst would download from.
        result = run_build("pdf", "--root", str(root), cwd=root,
                           env={"https_proxy": proxy, "HTTPS_PROXY": proxy, "no_proxy": "", "NO_PROXY": ""})
    finally:
        server.shutdown()
        server.server_close()
    failed(result, "failed to download package", "Typst packages are not available")
    assert Recorder.seen == []


# --- --untrusted: raw markup and script refused, each place named ------------------------

ATTEMPTS = {
    "01-giris.md": (
        "# Giriş\n\n"
        "Bir <b onclick=\"window.__pwned=1\">kalın</b> söz.\n\n"                     # 3: raw HTML inline
        "<div><script>window.__pwned = 1</script></div>\n\n"                          # 5: raw HTML block
        "İki `\\input{/etc/passwd}`{=latex} ve \\input{/etc/hostname} [@a].\n\n"      # 7: raw LaTeX, raw TeX
        "```{=typst}\n#read(\"/etc/passwd\")\n```\n\n"                                # 9-11: raw Typst
        "<!-- an editor's note -->\n\n"                                               # 13: a comment alone
        "[Tıkla]{onmouseover=\"window.__pwned=1\"} ve [bağ](javascript:window.__pwned=1).\n\n"  # 15
        "[v](vbscript:msgbox) ve ![resim](data:image/svg+xml,x).\n"),                 # 17
}
ATTEMPT_METADATA = ("lang: tr\ntitle: \"Başlık <img src=x onerror='window.__pwned=1'>\"\n"
                    "header-includes: <script>window.__pwned=1</script>\n")


def test_untrusted_refuses_raw_markup_and_script_and_names_every_place(tmp_path):
    root = project(tmp_path, sections=ATTEMPTS, metadata=ATTEMPT_METADATA)
    out = tmp_path / "out"
    result = run_build("--untrusted", "--root", str(root), "--out", str(out), cwd=root)
    errors = failed(result,
                    "manuscript/01-giris.md:3: error: raw HTML is refused in an untrusted build: "
                    "'<b onclick=\"window.__pwned=1\">'",
                    "manuscript/01-giris.md:3: error: raw HTML is refused in an untrusted build: '</b>'",
                    "manuscript/01-giris.md:5: error: raw HTML is refused",
                    "manuscript/01-giris.md:7: error: raw LaTeX is refused in an untrusted build: "
                    "'\\input{/etc/passwd}'",
                    "manuscript/01-giris.md:7: error: raw LaTeX is refused in an untrusted build: "
                    "'\\input{/etc/hostname}'",
                    "manuscript/01-giris.md:10: error: raw Typst is refused",
                    "manuscript/01-giris.md:15: error: event-handler attribute 'onmouseover' is refused",
                    "manuscript/01-giris.md:15: error: link to 'javascript:window.__pwned=1' is refused",
                    "manuscript/01-giris.md:17: error: link to 'vbscript:msgbox' is refused",
                    "manuscript/01-giris.md:17: error: image from 'data:image/svg+xml,x' is refused",
                    "manuscript/metadata.yaml:2: error: raw HTML is refused",
                    "manuscript/metadata.yaml:3: error: 'header-includes' is refused")
    assert "editor's note" not in errors  # a comment alone is no markup
    assert not out.exists()


def test_without_untrusted_the_authors_raw_blocks_work_and_the_switch_is_part_of_the_cache_key(tmp_path):
    sections = {"01.md": "# Bir\n\nİki <b class=\"yazar\">kalın</b> [@a].\n\n```{=typst}\n#text(\"TYPST-HAM\")\n```\n"}
    root = project(tmp_path, sections=sections)
    out = tmp_path / "out"
    result = run_build("html", "pdf", "--root", str(root), "--out", str(out), cwd=root)
    assert result.returncode == 0, result.stderr
    assert '<b class="yazar">kalın</b>' in (out / "html" / "index.html").read_text(encoding="utf-8")
    from pypdf import PdfReader
    assert "TYPST-HAM" in PdfReader(next(out.glob("*.pdf"))).pages[0].extract_text()
    # the same sources, untrusted: not the cached document of the trusted build
    failed(run_build("html", "pdf", "--untrusted", "--root", str(root), "--out", str(out), cwd=root),
           "manuscript/01.md:3: error: raw HTML is refused", "manuscript/01.md:6: error: raw Typst is refused")


def test_untrusted_builds_everything_else_and_drops_comments(tmp_path):
    sections = {"01.md": "# Bir\n\nİki *üç* [dört](https://example.org){.dış} [@a] <!-- NOT-SHOWN -->.\n\n"
                         "<!-- NOT-SHOWN-EITHER -->\n\nBeş^[Not [bkz.](#bir).] 27 Eylül 2020’de.\n"}
    root = project(tmp_path, sections=sections)
    out = tmp_path / "out"
    result = run_build("--untrusted", "--root", str(root), "--out", str(out), cwd=root)
    assert result.returncode == 0, result.stderr
    page = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org" class="dış">dört</a>' in page and "<em>üç</em>" in page
    assert "NOT-SHOWN" not in outputs_text(out)


def test_untrusted_needs_an_output_folder_outside_the_submission(tmp_path):
    # A submission may bring a build/ of its own, with cache records that pass it off as current.
    root = project(tmp_path)
    result = run_build("--untrusted", "--root", str(root), cwd=root)
    assert result.returncode == 2 and "--untrusted needs --out outside" in result.stderr
    assert not (root / "build").exists()


# --- no script from the content runs in the HTML edition -----------------------------------

PWN = "window.__pwned=1"
SCRIPT_ATTEMPTS = {
    "01-giris.md": (
        "# Giriş {#giris}\n\n"
        f"## Başlık &lt;svg onload={PWN}&gt;\n\n"
        f"Kod `<script>{PWN}</script>` ve \\<img src=x onerror={PWN}> ve &lt;script&gt;{PWN}&lt;/script&gt;.\n\n"
        f"[Bağ](#giris \"x\\\" onmouseover=\\\"{PWN}\") ve [yay]{{data-x=\"\\\"><script>{PWN}</script>\"}}.\n\n"
        f"Olay [20 Ekim 2020]{{.event date=\"2020-10-20\" label=\"<img src=x onerror={PWN}>\"}} "
        f"oldu [@a, &lt;b onclick={PWN}&gt;].\n\n"
        f"Matematik $<img src=x onerror={PWN}>$ ve dipnot^[`<iframe src=javascript:{PWN}>`].\n\n"
        f"| A | B |\n|---|---|\n| &lt;img onerror={PWN}&gt; | x |\n"),
}
SCRIPT_METADATA = ("lang: tr\ntitle: \"Başlık &lt;script&gt;\"\n"
                   f"abstract: \"Öz `<img src=x onerror={PWN}>`\"\n")


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.attributes, self.scripts = [], []

    def handle_starttag(self, tag, attrs):
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag == "script":
            self.scripts.append(dict(attrs))


def assert_no_active_content(page: str) -> None:
    tags = Tags()
    tags.feed(page)
    assert [a for a in tags.attributes if a[1].lower().startswith("on")] == []
    assert [a for a in tags.attributes if re.sub(r"[\x00-\x20]", "", a[2]).lower().startswith(
        ("javascript:", "vbscript:", "data:text"))] == []
    assert tags.scripts == [{"type": "application/ld+json"}]  # the indexers' metadata, escaped


def run_in_chromium(url: str) -> tuple[object, str]:
    """``window.__pwned`` after the page loaded and its links and spans were hovered, and its text."""
    chromium = require_tool("chromium", "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    from press.screenshots import CHROMIUM_FLAGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.goto(url, wait_until="load")
            for element in page.query_selector_all("main a, main span")[:60]:
                if element.is_visible():
                    element.hover(timeout=1000)
            return page.evaluate("window.__pwned"), page.inner_text("body")
        finally:
            browser.close()


@pytest.mark.slow
def test_no_script_from_the_content_runs_in_the_html_edition(tmp_path):
    # Built as an author's own (an untrusted build refuses the attributes: tests/test_attacks.py):
    # what passes is escaped.
    root = project(tmp_path, sections=SCRIPT_ATTEMPTS, metadata=SCRIPT_METADATA)
    out = tmp_path / "out"
    result = run_build("html", "--root", str(root), "--out", str(out), cwd=root)
    assert result.returncode == 0, result.stderr
    index = out / "html" / "index.html"
    assert_no_active_content(index.read_text(encoding="utf-8"))
    pwned, text = run_in_chromium(index.as_uri())
    assert pwned is None
    assert f"<img src=x onerror={PWN}>" in text  # shown as text, in the chronology among others


@pytest.mark.slow
def test_no_script_from_an_error_message_runs_in_the_preview(tmp_path):
    root = project(tmp_path, sections={"01.md": f"# Bir\n\nİki <img src=x onerror=\"{PWN}\"> [@a].\n"})
    with previewing(root, tmp_path / "out", options={"untrusted": True}) as (port, builds):
        assert "raw HTML is refused" in str(builds[0])
        pwned, text = run_in_chromium(f"http://127.0.0.1:{port}/html/index.html")
    assert pwned is None and f'onerror="{PWN}"' in text


def test_a_link_to_no_address_is_its_text_with_a_warning(tmp_path):
    """Found in the corpus: a .bib url "https:doi.org/…" and one holding two addresses
    ("https://…, 10.5281/…"): links the HTML validator and EPUBCheck refuse. Each is
    printed as its text, with a warning."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\nbibliography: refs.bib\nnocite: '@*'\n---\n\n"
                                       "# Intro\n\nSee @a.\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text("@misc{a, author = {Roe, J}, title = {A}, year = {2020},\n"
                                       "  url = {https:doi.org/10.1/x}}\n"
                                       "@misc{b, author = {Doe, J}, title = {B}, year = {2021},\n"
                                       "  url = {https://github.com/x/y, 10.5281/zenodo.1}}\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    for url in ("https:doi.org/10.1/x", "https://github.com/x/y, 10.5281/zenodo.1"):
        assert f"warning: a link to '{url}' is no address" in result.stderr
    html = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'href="https:doi.org' not in html and 'href="https://github.com/x/y,' not in html
    assert "https:doi.org/10.1/x" in html and "10.5281/zenodo.1" in html


def test_a_label_with_spaces_is_an_id_without(tmp_path):
    """Found in the corpus (joss-xrtpy): \\label{fig:Figure 1} made an id with a space,
    which HTML refuses; it is fig:Figure-1, and \\autoref's link goes to it."""
    (tmp_path / "a.png").write_bytes((Path(__file__).parent / "samples/article-en/manuscript/figures/trade.png")
                                     .read_bytes())
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n# Intro\n\nAs \\autoref{fig:Figure 1} shows.\n\n"
                                       "![A plot.\\label{fig:Figure 1}](a.png)\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'id="fig:Figure-1"' in html and 'href="#fig:Figure-1"' in html and 'id="fig:Figure 1"' not in html


def test_an_untrusted_build_reads_the_latex_the_reader_reads_and_refuses_the_rest(tmp_path):
    """A JOSS paper's \\autoref, \\label and equation environments, a \\newpage and a
    listing's caption= are what the build reads into the document, not raw TeX for a
    tool: a submission with them builds (the editor's trial: refused); \\input and a
    macro stay refused."""
    text = ("# Bir\n\nAs \\autoref{eq:a} says, and \\eqref{eq:a}.\n\n"
            "\\begin{equation}\nx^2 \\label{eq:a}\n\\end{equation}\n\n\\newpage\n\n"
            "``` {.python caption=\"A listing\"}\nx = 1\n```\n")
    root = project(tmp_path / "ok", sections={"01.md": text})
    result = run_build("html", "--untrusted", "--root", str(root), "--out", str(tmp_path / "out"), cwd=root)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "\\autoref" not in page and "(1)" in page
    for refused in ("\\input{/etc/hostname}", "\\def\\x{y}\\x"):
        root = project(tmp_path / str(len(refused)), sections={"01.md": f"# Bir\n\nText {refused}.\n"})
        failed(run_build("html", "--untrusted", "--root", str(root), "--out", str(tmp_path / "o2"), cwd=root),
               "01.md:3: error: raw LaTeX is refused in an untrusted build")


def test_an_untrusted_build_reads_no_file_an_input_names(tmp_path):
    """The tex stage reads \\input{x} of a trusted build's project; an untrusted one's raw
    TeX is refused, and the file is never opened."""
    import subprocess
    import sys

    from conftest import REPO, require_tool
    require_tool("strace", "apt-get install strace")
    folder = tmp_path / "submission"
    (folder / "figs").mkdir(parents=True)
    (folder / "figs" / "x.tex").write_text("secret words\n", encoding="utf-8")
    (folder / "paper.md").write_text("---\ntitle: T\n---\n\n# A\n\n\\input{figs/x}\n", encoding="utf-8")
    traced = subprocess.run(["strace", "-f", "-e", "trace=openat", "-o", str(tmp_path / "trace"), sys.executable,
                             str(REPO / "build.py"), "html", str(folder / "paper.md"), "--out", str(tmp_path / "out"),
                             "--untrusted"], capture_output=True, text=True)
    assert traced.returncode == 1 and "raw LaTeX is refused in an untrusted build" in traced.stderr, traced.stderr
    assert "figs/x.tex" not in (tmp_path / "trace").read_text(encoding="utf-8")


def test_the_builds_own_keys_are_never_the_authors(tmp_path):
    """press-tex-inputs, press-csl-files, press-resources written in the front matter
    named files the cache then opened and hashed, anywhere on the machine."""
    import subprocess
    import sys

    from conftest import REPO, require_tool
    require_tool("strace", "apt-get install strace")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret\n", encoding="utf-8")
    folder = tmp_path / "submission"
    folder.mkdir()
    (folder / "paper.md").write_text(f"---\ntitle: T\npress-tex-inputs: [{outside}]\npress-csl-files: [{outside}]\n"
                                     f"press-resources: {{x.png: {outside}}}\n---\n\n# A\n\nText.\n", encoding="utf-8")
    traced = subprocess.run(["strace", "-f", "-e", "trace=openat", "-o", str(tmp_path / "trace"), sys.executable,
                             str(REPO / "build.py"), "html", str(folder / "paper.md"), "--out", str(tmp_path / "out"),
                             "--untrusted"], capture_output=True, text=True)
    assert traced.returncode == 0, traced.stderr
    for line, key in ((3, "press-tex-inputs"), (4, "press-csl-files"), (5, "press-resources")):
        assert f"paper.md:{line}: warning: '{key}' is left out: it is the build's own key" in traced.stderr
    assert str(outside) not in (tmp_path / "trace").read_text(encoding="utf-8")
