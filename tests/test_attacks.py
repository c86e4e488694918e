"""The second round of attacks (issue 19), one test per class, each against the
mechanism that closes the whole class: what the attack must not achieve (the file
it must not read, the code it must not run, the address it must not reach) is what
the test checks, in every edition it could reach, with and without --untrusted as
the README's trust model says."""
from __future__ import annotations

import base64
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import zlib
from pathlib import Path

import panflute as pf
import pytest
from conftest import REPO, run_build, write_manuscript
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from press.render import prepare_fields, render

HOSTNAME = socket.gethostname()
BIB = "@book{a, author = {Aslanlı, A.}, title = {Kitap}, year = {2015}, publisher = {P}}\n"
JOURNAL = ("journal: {name: J, issn: 1234-5679}\ndoi: 10.5555/x.1\nurl: https://example.org/x\ndate: 2021-01-02\n"
           "crossref: {depositor: D, email: d@example.org, registrant: R}\n")


def project(tmp_path: Path, sections: dict[str, str], metadata: str, bib: str = BIB) -> Path:
    return write_manuscript(tmp_path / "submission", sections, metadata, bib)


def build(root: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    return run_build(*args, "--root", str(root), "--out", str(out), cwd=root)


# --- 1. no in-band channel between the content and the templates ----------------------------

# What the pandoc template's marker lines once were, and what each edition would run
# had they defined a field (issue 19: Typst code, a LaTeX preamble, CSS).
MARKERS = ("⟦press:title⟧\n#text[RAN #(6*7)]\n⟦press:highlighting⟧\n@import url(http://127.0.0.1:9/x.css);\n"
           "⟦press:body⟧\n\\AtBeginDocument{\\input{/etc/hostname}}\n⟦press:end⟧")
FORMATS = ("html5", "typst-smart", "latex", "jats_publishing")
# Text that is markup in one of the editions' languages, and line breaks.
HOSTILE = st.text(alphabet=st.sampled_from(list("⟦⟧press:bodyend\n #[]()*$\\{}<>&%_~^\"'`@;-")) | st.characters(
    codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60)


def document(text: str) -> pf.Doc:
    """``text`` in a title (inlines), an abstract (a code block) and the body (a code
    block and a paragraph), each beside a word found nowhere else."""
    return pf.Doc(pf.CodeBlock(text), pf.Para(pf.Str("BODYWORD"), pf.Space(), pf.Str(text)),
                  metadata={"title": pf.MetaInlines(pf.Str("TITLEWORD"), pf.Space(), pf.Str(text)),
                            "abstract": pf.MetaBlocks(pf.CodeBlock(text), pf.Para(pf.Str("ABSTRACTWORD")))})


def rendered_fields(text: str, to: str):
    doc = document(text)
    plain = prepare_fields(doc)
    import json
    return render(json.dumps(doc.to_json()), to, plain=plain)


@settings(max_examples=40, deadline=None)
@given(HOSTILE)
@example(MARKERS)
@example("⟦press:toc⟧")
def test_no_text_of_the_content_is_taken_for_a_field(text):
    for to in FORMATS:
        rendered = rendered_fields(text, to)
        assert set(rendered.meta) == {"title", "abstract"}, (to, rendered.meta)
        assert "TITLEWORD" in rendered.meta["title"] and "ABSTRACTWORD" in rendered.meta["abstract"]
        assert "BODYWORD" in rendered.body and "TITLEWORD" not in rendered.body
        assert "ABSTRACTWORD" not in rendered.body and "BODYWORD" not in rendered.meta["abstract"]
        assert "@import" not in rendered.highlighting and "RAN" not in rendered.toc


@settings(max_examples=40, deadline=None)
@given(HOSTILE)
@example(MARKERS)
def test_any_text_in_a_field_is_text_in_html(text):
    rendered = rendered_fields(text, "html5")
    shown = lxml_html.fragment_fromstring(rendered.meta["title"], create_parent="span").text_content()
    assert shown.split() == f"TITLEWORD {text}".split()  # as written (pandoc keeps no edge spaces)


@pytest.mark.parametrize("untrusted", [False, True])
def test_marker_lines_in_the_content_are_printed_in_every_edition(tmp_path, untrusted):
    code = "```\n" + MARKERS + "\n```\n"
    metadata = ("lang: en\ntitle: Markers\nabstract: |\n  " + code.replace("\n", "\n  ") + "\n" + JOURNAL)
    root = project(tmp_path, {"01.md": f"# One\n\nText [@a].\n\n{code}"}, metadata)
    out = tmp_path / "out"
    editions = ["pdf", "html", "epub", "latex", "jats", "docx", "crossref"]
    result = build(root, out, *editions, *(["--untrusted"] if untrusted else []))
    assert result.returncode == 0, result.stderr
    from press.editions import EDITION
    for name in ("pdf", "html", "epub", "latex", "jats", "docx"):
        text = EDITION[name].read(out / EDITION[name].main_file("markers"))
        assert "RAN 42" not in text, name
        assert "#text[RAN #(6*7)]" in text.replace("\n", ""), name    # printed as written
        assert HOSTNAME not in text, name                               # /etc/hostname was not read
    page = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert "@import" not in "".join(part.split("</style>")[0] for part in page.split("<style>")[1:])


# --- 2. TeX math reaches LaTeX only through an allowlist ----------------------------------------

MATH = {"01.md": "# One\n\nFine $\\frac{a}{b} + \\alpha_1 \\text{ if } x \\leq \\sqrt{y}$ [@a].\n\n"
                 "Read $\\text{\\input{/etc/hostname}}$ here.\n\n"
                 "$$\nx^^5cinput{/etc/hostname}\n$$\n\n"
                 "Grow $\\begin{filecontents*}{x.tex}\\end{filecontents*}$.\n"}


def test_untrusted_math_with_a_command_outside_the_allowlist_is_refused_at_its_place(tmp_path):
    root = project(tmp_path, MATH, "lang: en\ntitle: 'Math $\\write18{id}$'\n")
    result = build(root, tmp_path / "out", "latex", "--untrusted")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for expected in ("manuscript/01.md:5: error: TeX math with \\input is refused in an untrusted build",
                     "manuscript/01.md:8: error: TeX math with ^^ is refused",
                     "manuscript/01.md:11: error: TeX math with \\begin{filecontents*}, \\end{filecontents*} is "
                     "refused", "manuscript/metadata.yaml:2: error: TeX math with \\write is refused"):
        assert expected in result.stderr, result.stderr
    assert "01.md:3" not in result.stderr  # the allowed commands pass
    assert not (tmp_path / "out").exists()


def test_math_the_editions_can_show_builds_untrusted(tmp_path):
    # plain TeX's switches too, which the tex stage writes as the commands texmath knows before
    # LaTeX sees them (an author's trial: "{\\rm Bernoulli}" was refused)
    text = "# One\n\nFine $\\frac{a}{b} + \\alpha_1 \\text{ if } x \\leq \\sqrt{y}$ [@a], $X \\sim {\\rm Bernoulli}$.\n\n" \
           "$$\n\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}\\,\\mathbb{R}\n$$\n"
    root = project(tmp_path, {"01.md": text}, "lang: en\ntitle: T\n")
    result = build(root, tmp_path / "out", "latex", "html", "--untrusted")
    assert result.returncode == 0, result.stderr
    latex = next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "\\frac{a}{b}" in latex and "\\mathrm{Bernoulli}" in latex


# --- 5. bounded inputs: regular files only, each kind within its limit -----------------------

SECTION = {"01.md": "# One\n\nText [@a].\n"}


@pytest.mark.parametrize("place", ["manuscript/02.md", "bibliography/more.bib", "manuscript/chronology.yaml"])
def test_a_fifo_saved_as_a_source_is_an_error_not_a_hang(tmp_path, place):
    root = project(tmp_path, SECTION, "lang: en\ntitle: T\n")
    os.mkfifo(root / place)
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "html", "--root", str(root),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{place}: error: a FIFO (named pipe), not a regular file" in result.stderr


def test_a_huge_sparse_source_is_refused_before_it_is_read(tmp_path):
    root = project(tmp_path, SECTION, "lang: en\ntitle: T\n")
    with open(root / "manuscript" / "02.md", "wb") as sparse:
        sparse.truncate(1 << 30)  # 1 GB of NUL bytes, taking no disk
    result = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, str(REPO / "build.py"), "html",
                             "--root", str(root), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "manuscript/02.md: error: 1.07 GB: over the limit of 2 MB for the Markdown sections" in result.stderr
    assert int(result.stderr.strip().splitlines()[-1]) < 300_000  # kB: it was never read (2.1 GB once)


def test_a_journal_raises_a_limit_on_the_command_line_never_in_the_metadata(tmp_path):
    root = project(tmp_path, {"01.md": "# One\n\n" + "Sözcük " * 2000 + "[@a].\n"},
                   "lang: tr\ntitle: T\nabstract: '" + "uzunx" * 5000 + "'\nlimit: {field: 1000000}\n")
    out = tmp_path / "out"
    result = build(root, out, "html")
    assert result.returncode == 1
    assert "manuscript/metadata.yaml:3: error: 'abstract' is 25,000 characters long: over the limit of " \
           "20,000 characters" in result.stderr
    assert "over the limit of 5 kB" in build(root, out, "html", "--limit", "text=5K").stderr
    result = build(root, out, "html", "--limit", "field=30K")
    assert result.returncode == 0, result.stderr
    assert "unknown" in result.stderr and "limit" in result.stderr  # the metadata key does nothing


# --- 3. the tools see only a sandbox ------------------------------------------------------------

OUTSIDE = "OUTSIDE-SECRET-5d1c"  # lives next to the project, never in it


def outside_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.txt").write_text(OUTSIDE + "\n", encoding="utf-8")
    return folder


def test_typst_reads_nothing_beyond_the_files_the_text_names(tmp_path):
    # A symlinked folder and Typst's #read once put /etc/passwd in the PDF; the author's
    # own raw Typst (trusted) now sees only the sandbox's copies.
    raw = '```{=typst}\n#read("linked/secret.txt")\n```\n'
    root = project(tmp_path, {"01.md": f"# One\n\nText [@a].\n\n{raw}"}, "lang: en\ntitle: T\n")
    (root / "manuscript" / "linked").symlink_to(outside_folder(tmp_path))
    (root / "manuscript" / "plain.txt").write_text(OUTSIDE, encoding="utf-8")
    out = tmp_path / "out"
    result = build(root, out, "pdf")
    assert result.returncode == 1 and "file not found" in result.stderr and "Traceback" not in result.stderr
    # not even an unnamed file of the manuscript folder itself
    (root / "manuscript" / "01.md").write_text(f"# One\n\nText [@a].\n\n{raw.replace('linked/secret', 'plain')}",
                                               encoding="utf-8")
    result = build(root, out, "pdf")
    assert result.returncode == 1 and "file not found" in result.stderr
    assert not any(OUTSIDE in path.read_bytes().decode("latin-1") for path in out.rglob("*") if path.is_file())


SVG_ATTACK = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
              'width="40" height="40" onload="window.__pwned=1"><script>window.__pwned=1</script>'
              '<foreignObject width="9" height="9"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'
              '<image href="outside.png" width="40" height="40"/><use xlink:href="http://127.0.0.1:9/a.svg#x"/>'
              '<style>@import url(http://127.0.0.1:9/x.css);</style>'
              '<rect width="40" height="40" fill="#336" style="fill: url(http://127.0.0.1:9/p)"/></svg>')


def outside_png(tmp_path: Path) -> Path:
    from PIL import Image
    path = tmp_path / "elsewhere.png"
    Image.new("RGB", (7, 5), (200, 10, 10)).save(path)
    return path


@pytest.mark.parametrize("untrusted", [False, True])
def test_an_svg_figure_publishes_only_what_its_allowlist_keeps(tmp_path, untrusted):
    figure = "# One\n\nText [@a].\n\n![A map](figures/map.svg)\n"
    root = project(tmp_path, {"01.md": figure}, "lang: en\ntitle: T\n" + JOURNAL)
    (root / "manuscript" / "figures").mkdir()
    (root / "manuscript" / "figures" / "map.svg").write_text(SVG_ATTACK, encoding="utf-8")
    (root / "manuscript" / "figures" / "outside.png").symlink_to(outside_png(tmp_path))
    out = tmp_path / "out"
    result = build(root, out, "pdf", "html", "epub", "jats", "docx", *(["--untrusted"] if untrusted else []))
    if untrusted:
        assert result.returncode == 1
        assert "manuscript/01.md:5: error: the SVG figure 'figures/map.svg' holds what no edition publishes: " \
               "onload attribute, <script>, <foreignObject>, the picture it links, 'outside.png' (an <image> in a " \
               "published figure holds its PNG or JPEG as data:, never a link), href attribute" in result.stderr
        assert not out.exists()
        return
    assert result.returncode == 0, result.stderr
    assert "warning: the SVG figure 'figures/map.svg' is published without onload attribute" in result.stderr
    import zipfile
    published = [(out / "html" / "figures" / "map.svg").read_bytes(), (out / "jats" / "figures" / "map.svg").read_bytes(),
                 *(data for name, data in ((n, zipfile.ZipFile(next(out.glob("*.epub"))).read(n))
                                           for n in zipfile.ZipFile(next(out.glob("*.epub"))).namelist())
                   if name.endswith(".svg"))]
    for svg in published:
        assert b"script" not in svg and b"onload" not in svg and b"foreignObject" not in svg
        assert b"127.0.0.1" not in svg and b"outside.png" not in svg and b'fill="#336"' in svg
    images = subprocess.run(["pdfimages", "-list", str(next(out.glob("*.pdf")))], capture_output=True, text=True)
    assert images.returncode == 0 and "   7     5 " not in images.stdout  # the outside PNG is in no PDF


def test_raw_latex_that_reads_a_file_is_left_out_even_by_a_template_without_a_list(tmp_path):
    from conftest import require_tool
    require_tool("xelatex", "apt-get install texlive-xetex texlive-lang-european latexmk")
    # A journal's template without a list of names vets no command for being defined, but what
    # reads a file is still left out (the attacker's round: it was not checked at all).
    raw = f"```{{=latex}}\n\\input{{{outside_folder(tmp_path) / 'secret.txt'}}}\n```\n"
    root = project(tmp_path, {"01.md": f"# One\n\nText [@a].\n\n{raw}"}, "lang: en\ntitle: T\n")
    (tmp_path / "journal" / "latex").mkdir(parents=True)
    shutil.copy(REPO / "templates" / "latex" / "article.tex.j2", tmp_path / "journal" / "latex")
    out = tmp_path / "out"
    result = build(root, out, "pdf", "latex", "--pdf-engine", "xelatex", "--templates", str(tmp_path / "journal"))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "manuscript/01.md:6: warning: the latex edition leaves out the raw LaTeX" in result.stderr
    assert "\\input reads a file its folder does not hold" in result.stderr
    assert not any(OUTSIDE.encode() in path.read_bytes() for path in out.rglob("*") if path.is_file())


def test_tex_reads_nothing_outside_its_folder(tmp_path):
    """The second wall, behind the vetting: TeX itself (kpathsea's paranoid setting) refuses
    a file outside its folder, whatever command asks for it."""
    from conftest import require_tool

    from core.diagnostics import BuildError
    from press.latex import compile_pdf
    require_tool("xelatex", "apt-get install texlive-xetex texlive-lang-european latexmk")
    secret = outside_folder(tmp_path) / "secret.txt"
    tex = f"\\documentclass{{article}}\\begin{{document}}\nA \\input{{{secret}}} B\n\\end{{document}}\n"
    with pytest.raises(BuildError) as refused:
        compile_pdf({"t.tex": tex.encode()}, "t.tex", "xelatex", 1600000000)
    assert f"TeX may not read {secret} (it reads only its own folder" in str(refused.value)
    assert OUTSIDE not in str(refused.value)


# --- 4. allowlists, not denylists: attributes ----------------------------------------------------

ATTRIBUTE_ATTEMPTS = {"01.md": (
    "# One\n\n"
    "![A](figures/a.png){srcset=\"http://127.0.0.1:9/x.png 2x\" width=50%}\n\n"       # 3
    "[styled]{style=\"background:url(http://127.0.0.1:9/b)\"} and [@a].\n\n"            # 5
    "[x]{data-src=\"http://127.0.0.1:9/c\" formaction=\"javascript:x\"}\n\n"            # 7
    "![B](figures/a.png){width=\"50%;background:url(x)\"}\n\n"                           # 9
    "[Event]{.event date=\"2020-10-20\" label=\"<img src=x>\"} [kept]{lang=tr dir=ltr}.\n")}  # 11


def a_png(folder: Path) -> None:
    from PIL import Image
    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 4), (0, 90, 0)).save(folder / "a.png")


def test_untrusted_attributes_pass_an_allowlist_per_element(tmp_path):
    root = project(tmp_path, ATTRIBUTE_ATTEMPTS, "lang: en\ntitle: '[T]{style=\"color:red\"}'\n")
    a_png(root / "manuscript" / "figures")
    result = build(root, tmp_path / "out", "html", "epub", "--untrusted")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for expected in ("manuscript/01.md:3: error: attribute 'srcset' is refused in an untrusted build",
                     "manuscript/01.md:5: error: attribute 'style' is refused",
                     "manuscript/01.md:7: error: attribute 'data-src' is refused",
                     "manuscript/01.md:7: error: attribute 'formaction' is refused",
                     "manuscript/01.md:9: error: attribute 'width' is refused in an untrusted build: "
                     "'50%;background:url(x)' is not a length",
                     "manuscript/01.md:11: error: attribute 'label' is refused",
                     "manuscript/metadata.yaml:2: error: attribute 'style' is refused"):
        assert expected in result.stderr, result.stderr
    assert "attribute 'lang'" not in result.stderr and "attribute 'date'" not in result.stderr
    assert not (tmp_path / "out").exists()


@settings(max_examples=60, deadline=None)
@given(name=st.from_regex(r"[a-z][a-z:-]{0,12}", fullmatch=True), value=st.text(max_size=30))
@example(name="srcset", value="http://x/ 2x")
@example(name="style", value="background:url(http://x/)")
@example(name="width", value="1px;background-image:url(//x)")
def test_no_attribute_outside_the_allowlist_passes_an_untrusted_build(name, value):
    from filters.untrusted import ATTRIBUTES, check
    doc = pf.Doc(pf.Para(pf.Span(pf.Str("x"), attributes={name: value})),
                 pf.Para(pf.Image(pf.Str("y"), url="a.png", attributes={name: value})))
    from core.diagnostics import collecting
    with collecting() as found:
        check(doc)
    allowed = {**ATTRIBUTES["*"], **ATTRIBUTES["Span"], **ATTRIBUTES["Image"]}
    if name not in allowed or name.startswith("on"):
        assert len(found) == 2, (name, value, found)
    for message in (str(f) for f in found):
        assert name in message
    # what passes is a listed name with a value of its form: nothing a browser fetches or runs
    import re
    if not found:
        assert re.fullmatch(allowed[name], value) and "url(" not in value.lower() and "<" not in value


# --- 7. serve answers only its own host names ---------------------------------------------------

def test_the_preview_answers_only_its_own_host_names(tmp_path):
    import http.client

    from conftest import previewing
    root = project(tmp_path, SECTION, "lang: en\ntitle: T\n")
    with previewing(root, tmp_path / "out") as (port, _):
        def fetch(host: str, method: str = "GET") -> tuple[int, str]:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.putrequest(method, "/html/index.html", skip_host=True)
            if host:
                connection.putheader("Host", host)
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")

        for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
            status, page = fetch(host)
            assert status == 200 and "class=\"title\"" in page, host
        # a DNS-rebinding page: its own name, resolved to 127.0.0.1
        for host in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1:{port + 1}", "", "localhost"):
            status, page = fetch(host)
            assert status == 403 and "class=\"title\"" not in page, host
        assert fetch("attacker.example", "HEAD")[0] == 403


# --- 8. OUT: every path checked before it is opened or created ------------------------------------

@pytest.mark.parametrize("planted", [".staging/lock", ".staging", "html", "html/index.html"])
def test_a_link_planted_in_the_output_folder_leads_nowhere(tmp_path, planted):
    root = project(tmp_path, SECTION, "lang: en\ntitle: T\n")
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / planted).parent.mkdir(parents=True, exist_ok=True)
    target = elsewhere / ("folder" if planted in (".staging", "html") else "file")
    if planted in (".staging", "html"):
        target.mkdir()
    (out / planted).symlink_to(target)
    result = build(root, out, "html")
    assert "Traceback" not in result.stderr
    assert list(elsewhere.rglob("*")) == ([target] if target.is_dir() else [])  # nothing created out there
    if planted == "html/index.html":  # the last name is renamed over: the link itself is replaced
        assert result.returncode == 0 and not (out / planted).is_symlink()
    else:
        assert result.returncode == 1 and f"{out / planted} is a link" in result.stderr


# --- 9. tool errors name the manuscript's place or the figure's file ------------------------------

def test_a_truncated_or_oversized_picture_is_named_before_any_tool_decodes_it(tmp_path):
    import struct
    import zlib

    from PIL import Image
    root = project(tmp_path, {"01.md": "# One\n\nText [@a].\n\n![Cut](figures/cut.png)\n\n![Big](figures/big.png)\n\n"
                                       "![Fake](figures/fake.jpg)\n"}, "lang: en\ntitle: T\n")
    figures = root / "manuscript" / "figures"
    figures.mkdir()
    Image.new("RGB", (300, 200), (10, 20, 30)).save(figures / "whole.png")
    (figures / "cut.png").write_bytes((figures / "whole.png").read_bytes()[:-40])

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    # 30000 × 30000 at 16 bits a channel: 7 GB once decoded, a few bytes on disk
    (figures / "big.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000,
                                                                                          16, 6, 0, 0, 0))
                                      + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
    (figures / "fake.jpg").write_bytes((figures / "whole.png").read_bytes())
    result = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, str(REPO / "build.py"), "pdf", "html",
                             "--root", str(root), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "manuscript/01.md:5: error: figure 'figures/cut.png': its data is cut short or damaged" in result.stderr
    assert "manuscript/01.md:7: error: figure 'figures/big.png': 30000 × 30000 pixels (900 million pixels): " \
           "over the limit of 50 million pixels" in result.stderr
    assert "manuscript/01.md:9: error: figure 'figures/fake.jpg': a PNG file, named .jpg" in result.stderr
    assert int(result.stderr.strip().splitlines()[-1]) < 400_000  # kB: nothing was decoded


def test_a_typst_error_names_the_manuscript_line(tmp_path):
    raw = "Text [@a].\n\n```{=typst}\n#panic(\"the author's own Typst\")\n```\n"
    root = project(tmp_path, {"01.md": f"# One\n\n{raw}"}, "lang: en\ntitle: T\n")
    result = build(root, tmp_path / "out", "pdf")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "manuscript/01.md:6: error: typst failed: panicked with: the author's own Typst" in result.stderr


# --- 6. what a tool cannot do in linear time: an error past a documented size ----------------------

def test_a_word_too_long_for_the_typst_writer_and_a_huge_table_are_errors_not_hours(tmp_path):
    word = "a" * 1_000_000  # pandoc's Typst writer: a minute per 100,000 characters, squared
    rows = "".join(f"| a{i} | b{i} | c{i} |\n" for i in range(30000))
    root = project(tmp_path, {"01.md": f"# One\n\nText [@a] {word} end.\n"}, "lang: tr\ntitle: T\n")
    started = time.monotonic()
    result = build(root, tmp_path / "out", "pdf", "--limit", "text=3M")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "manuscript/01.md:3: error: 1,000,000 characters: over the limit of 500 characters for one word " \
           "of the PDF" in result.stderr
    (root / "manuscript" / "01.md").write_text(f"# One\n\nText [@a].\n\n| A | B | C |\n|---|---|---|\n{rows}",
                                               encoding="utf-8")
    result = build(root, tmp_path / "out", "pdf", "--limit", "text=3M")
    assert result.returncode == 1 and "error: 90,006 cells: over the limit of 20,000 cells" in result.stderr
    assert time.monotonic() - started < 120


def test_a_long_paragraph_is_set_with_simple_line_breaks(tmp_path):
    from press.pdf import LONG_PARAGRAPH, broken_simply
    short = {"t": "Para", "c": [{"t": "Str", "c": "a" * 100}]}
    long = {"t": "Para", "c": [{"t": "Str", "c": "a" * 400}, {"t": "Space"}] * (LONG_PARAGRAPH // 400 + 1)}
    assert broken_simply(short) is None
    wrapped = broken_simply(long)
    assert wrapped[0]["c"][1] == '#[#set par(linebreaks: "simple")' and wrapped[1] is long and wrapped[2]["c"][1] == "]"
    root = project(tmp_path, {"01.md": "# One\n\nText [@a] " + ("a" * 400 + " ") * 2500 + "end.\n"},
                   "lang: tr\ntitle: T\n")
    started = time.monotonic()
    result = build(root, tmp_path / "out", "pdf")
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 60  # 1 MB of hyphenatable text in one paragraph: optimal breaking took minutes


# --- the attack corpus: random figures -------------------------------------------------------------

SVG_PARTS = st.sampled_from([
    '<script>alert(1)</script>', '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>',
    '<image href="file:///etc/passwd"/>', '<image xlink:href="http://127.0.0.1:9/x.png"/>',
    '<use href="other.svg#a"/>', '<use href="#a"/>', '<rect id="a" width="3" height="3" fill="url(#g)"/>',
    '<style>@import url(//x/y.css); rect{fill:red}</style>', '<style>rect { fill: red; stroke-width: 2 }</style>',
    '<a href="javascript:alert(1)"><text>x</text></a>', '<set attributeName="href" to="javascript:x"/>',
    '<animate attributeName="onload" values="alert(1)"/>', '<rect style="fill: u\\72l(http://x/)"/>',
    '<rect onmouseover="x()" width="1"/>', '<text x="1">&lt;script&gt;</text>', '<!-- c -->', '<?pi x?>',
    '<g filter="url(http://x/#f)"/>', '<circle r="2" stroke="url( \'#g\' )"/>', '<!ENTITY x "y">',
    '<linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>',
    '<html:script xmlns:html="http://www.w3.org/1999/xhtml">x()</html:script>',
    '<rect width="9" mask="image-set(\'//x.example/m.png\' 1x)"/>', '<rect style="fill: red; stroke-width: 2"/>',
    '<style>rect { mask: cross-fade(\'//x.example/a.png\', \'b.png\', 50%) }</style>'])


@settings(max_examples=150, deadline=None)
@given(st.lists(SVG_PARTS, max_size=6), st.sampled_from(["", ' onload="x()"', ' style="background:url(x)"']))
def test_whatever_an_svg_holds_only_the_allowlist_is_published(parts, root_attributes):
    from lxml import etree

    from core.svg import ATTRIBUTES, ELEMENTS, SVG, XLINK, XML, sanitized
    data = (f'<svg xmlns="{SVG}" xmlns:xlink="{XLINK}"{root_attributes}>' + "".join(parts) + "</svg>").encode()
    clean = sanitized(data)
    if not clean.data:
        return  # not well-formed: nothing is published
    tree = etree.fromstring(clean.data, etree.XMLParser(resolve_entities=False, no_network=True))
    for element in tree.iter():
        assert isinstance(element.tag, str) and element.tag.startswith(f"{{{SVG}}}"), element.tag
        assert element.tag.split("}")[1] in ELEMENTS
        for name, value in element.attrib.items():
            assert name in ATTRIBUTES or name in (f"{{{XLINK}}}href", f"{{{XML}}}space", f"{{{XML}}}lang"), name
            assert not name.startswith("on") and "javascript" not in value.lower()
            if "href" in name:
                assert value.startswith(("#", "data:image/png", "data:image/jpeg")), value
            else:
                assert "//" not in value, value  # no address in any other value, whatever function holds it
            assert "url(" not in value.replace("url(#", "").replace("url( '#", "")
    assert b"@import" not in clean.data and b"script" not in clean.data.lower().replace(b"&lt;script&gt;", b"")


def test_a_css_value_in_an_svg_calls_only_functions_that_name_no_address(tmp_path):
    """A presentation attribute or a style is CSS: ``image-set('//host/m.png' 1x)`` (and
    ``cross-fade()``, ``src()``…) names an address in a plain string, which Chromium
    fetched when the published figure was opened. Only listed functions pass."""
    from core.svg import sanitized
    attacks = ['<rect width="9" mask="image-set(\'//x.example/m.png\' 1x)"/>',
               '<rect width="9" style="mask: image-set(\'//x.example/m.png\' 1x)"/>',
               '<rect width="9" fill="cross-fade(\'//x.example/a.png\', red)"/>',
               '<rect width="9" filter="(\'//x.example/f.svg\')"/>',
               '<style>rect { mask: src(\'//x.example/m.png\') }</style><rect width="9"/>']
    for attack in attacks:
        clean = sanitized(f'<svg xmlns="http://www.w3.org/2000/svg">{attack}</svg>'.encode())
        assert clean.dropped and b"x.example" not in clean.data, attack
    kept = b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: rgb(1, 2, 3); stroke-width: 2" ' \
           b'transform="rotate(45) scale(2)" filter="url(#f)"/></svg>'
    assert sanitized(kept).dropped == []
    figure = "# One\n\nText [@a].\n\n![A map](figures/map.svg)\n"
    root = project(tmp_path, {"01.md": figure}, "lang: en\ntitle: T\n")
    (root / "manuscript" / "figures").mkdir()
    (root / "manuscript" / "figures" / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" mask="image-set(\'//x.example/m.png\' 1x)"/></svg>')
    result = build(root, tmp_path / "out", "--untrusted", "html")
    assert result.returncode == 1 and "holds what no edition publishes: mask attribute" in result.stderr


def valid_pictures() -> dict[str, bytes]:
    from PIL import Image
    pictures = {}
    for suffix, kind in ((".png", "PNG"), (".jpg", "JPEG")):
        stream = io.BytesIO()
        Image.new("RGB", (40, 30), (1, 2, 3)).save(stream, kind)
        pictures[suffix] = stream.getvalue()
    return pictures


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([".png", ".jpg"]), st.integers(0, 400), st.binary(max_size=24),
       st.sampled_from(["cut", "insert", "replace"]))
def test_a_damaged_picture_is_an_error_or_a_picture_never_a_crash(suffix, position, noise, how):
    from core.images import picture_problem
    data = valid_pictures()[suffix]
    position = min(position, len(data))
    damaged = {"cut": data[:position], "insert": data[:position] + noise + data[position:],
               "replace": data[:position] + noise + data[position + len(noise):]}[how]
    problem = picture_problem(damaged, suffix)
    assert problem is None or isinstance(problem, str) and problem
    if problem is None:  # what passes decodes: no edition meets a picture its decoder refuses
        from PIL import Image
        with Image.open(io.BytesIO(damaged)) as picture:
            picture.load()


# --- 4. allowlists, not denylists: a LaTeX address ------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
@example("http://x/^^5cinput{/etc/hostname}")
def test_no_character_of_an_address_reaches_tex_as_tex(url):
    from press.latex import URL_SAFE, latex_url
    written = latex_url(url)
    bare = re.sub(r"\\[%#]", "", written)  # the escapes latex_url writes: \% before a code, \#
    assert set(bare) <= URL_SAFE | set("0123456789ABCDEF"), written
    assert "^" not in written and "{" not in written and "}" not in written and "~" not in written


def test_a_licence_address_with_tex_escapes_is_an_address_in_the_pdf(tmp_path):
    from conftest import require_tool
    require_tool("xelatex", "apt-get install texlive-xetex texlive-lang-european latexmk")
    metadata = "lang: en\ntitle: T\nlicense: 'https://x.org/^^5cinput{/etc/hostname}'\n"
    root = project(tmp_path, SECTION, metadata)
    out = tmp_path / "out"
    result = build(root, out, "latex", "pdf", "--pdf-engine", "xelatex", "--untrusted")
    assert result.returncode == 0, result.stderr
    tex = next((out / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "\\href{https://x.org/\\%5E\\%5E5cinput\\%7B/etc/hostname\\%7D}" in tex
    from pypdf import PdfReader
    actions = [annotation.get_object().get("/A", {}) for page in PdfReader(next(out.glob("*.pdf"))).pages
               for annotation in page.get("/Annots", [])]
    links = {action["/URI"] for action in actions if "/URI" in action}
    assert "https://x.org/%5E%5E5cinput%7B/etc/hostname%7D" in links


def test_figures_that_would_take_gigabytes_to_draw_are_refused_or_drawn_smaller(tmp_path):
    from PIL import Image
    root = project(tmp_path, {"01.md": "# One\n\nText [@a].\n\n![Dense](figures/dense.pdf)\n\n![Vast](figures/vast.svg)\n\n"
                                       "![Deep](figures/deep.svg)\n"}, "lang: en\ntitle: T\n")
    figures = root / "manuscript" / "figures"
    figures.mkdir()
    Image.new("L", (12000, 12000), 200).save(figures / "dense.pdf", resolution=1200)  # 144 Mpx in 1 MB
    (figures / "vast.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="50000" height="50000">'
                                      '<rect width="50000" height="50000" fill="#eee"/></svg>', encoding="utf-8")
    levels = "".join(f'<g id="l{n}">' + f'<use href="#l{n - 1}"/>' * 10 + "</g>" for n in range(1, 10))
    (figures / "deep.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><defs>'
                                      f'<rect id="l0" width="1" height="1"/>{levels}</defs><use href="#l9"/></svg>',
                                      encoding="utf-8")
    def measured(*args):
        return subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, str(REPO / "build.py"), *args,
                               "--root", str(root), "--out", str(tmp_path / "out")],
                              capture_output=True, text=True, timeout=300)
    result = measured("pdf", "html", "docx")
    assert result.returncode == 1
    assert "manuscript/01.md:5: error: figure 'figures/dense.pdf': a picture in it of 12000 × 12000 pixels" in result.stderr
    (root / "manuscript" / "01.md").write_text("# One\n\nText [@a].\n\n![Vast](figures/vast.svg)\n\n"
                                               "![Deep](figures/deep.svg)\n", encoding="utf-8")
    result = measured("pdf", "html", "docx")
    assert result.returncode == 0, result.stderr
    assert "is published without a <use> of a <use>" in result.stderr
    assert int(result.stderr.strip().splitlines()[-1]) < 800_000  # kB: the 50000-pixel page drawn within the limit


# --- what is repeated at each use: notes, link references, cited works ------------------------

def test_a_note_repeated_at_each_of_its_references_is_refused_before_pandoc_reads_it(tmp_path):
    """pandoc's reader copies a note's text at each reference: 40 KB of Markdown (a
    20 KB note referenced 5,000 times) took pandoc 43 s and 5 GB, then Python 8 GB.
    What the references would make is counted before pandoc runs, within the text limit."""
    note = "word " * 400
    root = project(tmp_path, {"01.md": "Text " + "[^n]" * 1500 + f"\n\n[^n]: {note}\n",
                              "02.md": "More [x][r] " * 3 + "\n\n[r]: https://example.org/ 'short'\n"},
                   "lang: en\ntitle: T\n")
    started = time.monotonic()
    result = build(root, tmp_path / "out", "--untrusted", "html")
    assert result.returncode == 1
    assert "manuscript/01.md:3: error: the note [^n] is repeated at each of its 1500 uses" in result.stderr
    assert time.monotonic() - started < 20
    (root / "manuscript" / "01.md").write_text("Text [^n] and [^n].\n\n[^n]: A note.\n", encoding="utf-8")
    assert build(root, tmp_path / "out", "--untrusted", "html").returncode == 0  # a note used twice is fine


def test_a_cited_work_repeated_at_each_citation_is_bounded(tmp_path):
    """Each citation carries its work's text (the link's title in the HTML): a work
    of 100 KB cited 3,000 times took 68 s and 3.3 GB."""
    bib = "@book{a, author = {Aslanlı, A.}, title = {%s}, year = {2015}, publisher = {P}}\n" % ("word " * 2000)
    root = project(tmp_path, {"01.md": "Text " + "[@a]" * 300 + "\n"}, "lang: en\ntitle: T\n", bib)
    result = build(root, tmp_path / "out", "--untrusted", "html")
    assert result.returncode == 1 and "error: the citations repeat" in result.stderr, result.stderr


def test_what_pandoc_writes_is_read_within_the_document_limit(tmp_path):
    """Every pandoc run's output is read within the ``document`` limit, pandoc stopped past it."""
    root = project(tmp_path, {"01.md": "Text " + "[x][r] " * 400 + f"\n\n[r]: https://example.org/ '{'t' * 1000}'\n"},
                   "lang: en\ntitle: T\n")
    result = build(root, tmp_path / "out", "--limit", "document=300K", "html")
    assert result.returncode == 1, result.stderr
    assert "over the limit of 300,000 characters for what one pandoc or Typst run writes" in result.stderr
    assert build(root, tmp_path / "out", "html").returncode == 0


def test_a_text_pandoc_reads_in_its_square_is_stopped_at_the_time_limit(tmp_path):
    """The attacker's round: a few kilobytes of '<' took pandoc's reader 50 s (16,000) and
    would take days at the text limit; no limit stopped it."""
    import time
    (tmp_path / "submission").mkdir()
    (tmp_path / "submission" / "paper.md").write_text("---\ntitle: T\n---\n\n" + "<" * 12_000 + "\n",
                                                      encoding="utf-8")
    started = time.perf_counter()
    result = run_build("html", str(tmp_path / "submission" / "paper.md"), "--out", str(tmp_path / "out"),
                       "--untrusted", "--limit", "seconds=2")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "error: pandoc was stopped after 2 s, the limit for one run of pandoc" in result.stderr
    assert time.perf_counter() - started < 20 and not (tmp_path / "out" / "html").exists()



def test_tex_that_loops_is_stopped_with_its_children(tmp_path):
    """The check of the fixes: raw \\loop\\iftrue\\repeat ran xelatex for ever (latexmk had no
    time limit), and stopping latexmk alone would leave TeX running."""
    from conftest import require_tool
    require_tool("xelatex", "apt-get install texlive-xetex texlive-lang-european latexmk")
    import subprocess
    import time
    (tmp_path / "paper.md").write_text("---\ntitle: T\nlang: en\n---\n\nText `\\loop\\iftrue\\repeat`{=latex} end.\n",
                                       encoding="utf-8")
    def running_tex() -> set[str]:
        return set(subprocess.run(["pgrep", "-f", "xelatex"], capture_output=True, text=True).stdout.split())

    before, started = running_tex(), time.perf_counter()
    result = run_build("pdf", "--pdf-engine", "xelatex", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"),
                       "--limit", "seconds=2")
    assert result.returncode == 1 and "error: xelatex was stopped after 6 s" in result.stderr, result.stderr
    assert time.perf_counter() - started < 30
    for _ in range(50):  # a killed process is gone within moments; an orphan keeps running
        if running_tex() <= before:
            break
        time.sleep(0.1)
    assert running_tex() <= before  # no TeX left running


# --- the third round (a helper with the trust model in hand) -------------------------------

def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (the first its catalog), numbered from 1, with its cross-reference table."""
    data, offsets = b"%PDF-1.4\n", []
    for number, item in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, item)
    table = b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return data + b"xref\n0 %d\n0000000000 65535 f \n%strailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, table, len(objects) + 1, len(data))


def form_bomb(levels: int, fan: int) -> bytes:
    """A PDF whose page draws a form that draws the next ``fan`` times, ``levels`` deep: a
    few kilobytes that Typst drew in 20 GB before it panicked."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Resources << /XObject << /F0 5 0 R >> >> "
               b"/Contents 4 0 R >>", b"<< /Length 7 >>\nstream\n/F0 Do\n\nendstream"]
    for level in range(levels):
        body, resources = (b"/F Do\n" * fan, b"/Resources << /XObject << /F %d 0 R >> >>" % (6 + level)) \
            if level < levels - 1 else (b"0 0 m 100 100 l S\n", b"")
        objects.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] %s /Length %d >>\nstream\n%s\nendstream"
                       % (resources, len(body), body))
    return pdf_file(objects)


@pytest.mark.parametrize("untrusted", [False, True])
def test_a_pdf_figure_that_draws_itself_millions_of_times_is_an_error(tmp_path, untrusted):
    root = project(tmp_path, {"01.md": "# One\n\nText [@a].\n\n![A bomb](figures/f.pdf)\n"}, "lang: en\ntitle: T\n")
    (root / "manuscript" / "figures").mkdir()
    (root / "manuscript" / "figures" / "f.pdf").write_bytes(form_bomb(7, 10))
    result = build(root, tmp_path / "out", "pdf", "html", "docx", *(["--untrusted"] if untrusted else []))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "manuscript/01.md:5: error: figure 'figures/f.pdf': its page draws its forms (pictures within it) " \
           "100,001+ times" in result.stderr or "draws its forms" in result.stderr, result.stderr


def deflate_bomb(forms: int, size: int, rounds: int) -> bytes:
    """A PDF whose page draws ``forms`` forms, each a stream of ``size`` newlines deflated
    ``rounds`` times (``/Filter [/FlateDecode …]``): a few hundred bytes each."""
    import zlib
    body = b"\n" * size
    for _ in range(rounds):
        body = zlib.compress(body, 9)
    names = b" ".join(b"/F%d %d 0 R" % (i, 5 + i) for i in range(forms))
    calls = b"".join(b"/F%d Do\n" % i for i in range(forms))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Resources << /XObject << %s >> >> "
               b"/Contents 4 0 R >>" % names, b"<< /Length %d >>\nstream\n%s\nendstream" % (len(calls), calls)]
    filters = b"[" + b" ".join([b"/FlateDecode"] * rounds) + b"]"
    objects += [b"<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Filter %s /Length %d >>\nstream\n%s\n"
                b"endstream" % (filters, len(body), body)] * forms
    return pdf_file(objects)


@pytest.mark.parametrize("forms, size, rounds", [(300, 74_000_000, 2), (4, 30_000_000, 1)])
def test_a_pdf_figure_whose_drawing_decodes_to_gigabytes_is_an_error(tmp_path, forms, size, rounds):
    """An attacker's round: forms of 262 bytes, each decoding to 74 MB (deflated twice), were
    decoded and kept by the check that counts them: 300 took 5 GB and growing; four of 30 MB
    each stay under one stream's bound, not under all of them together."""
    import resource
    root = project(tmp_path, {"01.md": "# One\n\nText [@a].\n\n![A bomb](figures/f.pdf)\n"}, "lang: en\ntitle: T\n")
    (root / "manuscript" / "figures").mkdir()
    (root / "manuscript" / "figures" / "f.pdf").write_bytes(deflate_bomb(forms, size, rounds))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = build(root, tmp_path / "out", "html", "--untrusted")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "manuscript/01.md:5: error: figure 'figures/f.pdf': its page's drawing decodes to more than 64 MB" \
        in result.stderr, result.stderr
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert peak < 600_000 or peak == before, f"{peak} KB"  # the build's own peak, in KB


def test_an_svg_stylesheet_is_checked_as_the_browser_reads_it():
    """An attacker's round: the check read a <style>'s text before its first child element,
    while the browser reads the text after it too; and it took a comment out where a string
    held its start. Chromium fetched both addresses from the published figure."""
    from core.svg import sanitized
    attacks = ['<style><g/>@import url(http://x.example/i.css); rect{fill:url(http://x.example/p.svg#p)}</style>',
               '<style>a{font-family:"/*"} rect{fill:url(http://x.example/p)} b{font-family:"*/"}</style>',
               '<style><![CDATA[rect{fill:red}]]><!-- c -->@import "http://x.example/i.css";</style>',
               # the second round: an unquoted url( token that holds "/*", a string cut by a line's end
               '<style>a{fill:url(#x/*)} rect{mask:url(http://x.example/m2.svg#m)} b{fill:url(*/)}</style>',
               "<style>a[title='x /*\n]{fill:red}\nrect{mask:url(http://x.example/mask.svg#m)}\n"
               "circle{fill:blue} /* */ {fill:red}</style>"]
    for attack in attacks:
        clean = sanitized(f'<svg xmlns="http://www.w3.org/2000/svg">{attack}<rect width="9"/></svg>'.encode())
        assert "<style>" in clean.dropped and b"x.example" not in clean.data, (attack, clean)
    kept = sanitized(b'<svg xmlns="http://www.w3.org/2000/svg"><style>/* a note */ rect { fill: red }</style></svg>')
    assert kept.dropped == [] and b"fill: red" in kept.data


def test_svg_values_and_markers_that_explode_are_read_in_linear_time_and_left_out():
    """A 295-byte fill of 27 url(#a) and an "@" took 4 minutes (each url() matched two ways);
    40,000 spaces in a style took 41 s; markers that draw markers took 30 GB to draw."""
    from core.svg import sanitized

    attack = ('<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" fill="' + "url(#a)" * 60 + '@" style="fill:'
              + " " * 40000 + '@"/>' + "".join(f'<marker id="m{n}"><path d="M0 0 L1 1" marker-mid="url(#m{n + 1})"/>'
                                                "</marker>" for n in range(5))
              + '<path d="M0 0 L9 9" marker-mid="url(#m0)"/></svg>').encode()
    done = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, '.'); from core.svg import sanitized; "
                           "sanitized(sys.stdin.buffer.read())"], input=attack, cwd=REPO, timeout=120)
    assert done.returncode == 0
    clean = sanitized(attack)
    assert clean.dropped[:2] == ["fill attribute", "CSS property fill"]
    assert "a marker inside a marker" in clean.dropped and clean.data.count(b"marker-mid") == 1


def test_fenced_code_is_found_in_linear_time():
    """20,000 lines of an unclosed fence (180 KB) took 100 s before pandoc ran."""
    text = "    ```x\n" * 20000
    done = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, '.'); "
                           "from core.sourcetext import markdown_problems; markdown_problems(sys.stdin.read())"],
                          input=text, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0


@pytest.mark.parametrize("where, text, message", [
    ("metadata", "date: " + "9" * 4400 + "\n", "metadata.yaml:3: error: '999"),
    ("bib", "@misc{a, title = {T}, year = {2001}, month = {" + "9" * 4400 + "}}\n", None),
    ("json", '[{"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[' + "9" * 4400 + ']]}}]\n',
     "refs.json:1: error: a number of more than 4,300 digits"),
])
def test_a_number_of_thousands_of_digits_is_no_traceback(tmp_path, where, text, message):
    """Python reads no int of more than 4,300 digits: four places read one as a traceback."""
    root = project(tmp_path, {"01.md": "# One\n\nText [@a].\n"}, "lang: en\ntitle: T\n" +
                   (text if where == "metadata" else "") + ("bibliography: ../bibliography/refs.json\n"
                                                            if where == "json" else ""))
    if where == "bib":
        (root / "bibliography" / "references.bib").write_text(text, encoding="utf-8")
    if where == "json":
        (root / "bibliography" / "refs.json").write_text(text, encoding="utf-8")
    result = build(root, tmp_path / "out", "html")
    assert "Traceback" not in result.stderr, result.stderr
    assert message is None or message in result.stderr, result.stderr


def test_a_sentence_of_a_thousand_dates_is_left_out_of_the_chronology_in_linear_time(tmp_path):
    """The third round: 1,000 slash dates in one sentence took 98 s (each date was read against
    every other), a list of 8,000 years 43 s (each year's name test searched the text from its
    start)."""
    dates = " ".join(f"{n % 28 + 1}/{n % 12 + 1}/{1900 + n}" for n in range(1000))
    years = ", ".join(str(1000 + n % 1000) for n in range(8000))
    root = project(tmp_path, {"01.md": f"# One\n\nOn {dates} it happened [@a].\n\n{years} were the years.\n"},
                   "lang: en\ntitle: T\n")
    result = build(root, tmp_path / "out", "html")  # ~2 s; before, minutes
    assert result.returncode == 0, result.stderr
    assert "manuscript/01.md:3: warning: a sentence of " in result.stderr
    assert "dates is left out of the chronology" in result.stderr


def evil_pdf() -> bytes:
    """A one-page PDF that runs JavaScript when it opens, links out and carries a file."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(100, 100))
    script = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript,
                                                  JS=pikepdf.String("app.launchURL('http://evil.example/js')")))
    pdf.Root.OpenAction = script
    link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 50, 50],
                              A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("http://evil.example/l")))
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(link)]))
    pdf.attachments["secret.txt"] = pikepdf.AttachedFileSpec(pdf, b"secret", filename="secret.txt")
    stream = io.BytesIO()
    pdf.save(stream)
    return stream.getvalue()


@pytest.mark.parametrize("untrusted", [False, True])
def test_a_pdf_figure_is_published_as_its_drawing_alone(tmp_path, untrusted):
    """The third round: a PDF figure's JavaScript, link and attached file were published byte
    for byte in the LaTeX and JATS folders (SVGs were sanitized, PDFs not)."""
    import pikepdf

    root = project(tmp_path, {"01.md": "# One\n\nText [@a].\n\n![A figure](figures/f.pdf)\n"}, "lang: en\ntitle: T\n")
    (root / "manuscript" / "figures").mkdir()
    (root / "manuscript" / "figures" / "f.pdf").write_bytes(evil_pdf())
    result = build(root, tmp_path / "out", "latex", "html", *(["--untrusted"] if untrusted else []))
    if untrusted:
        assert result.returncode == 1 and "the PDF figure 'figures/f.pdf' holds what no edition publishes" \
            in result.stderr, result.stderr
        return
    assert result.returncode == 0, result.stderr
    assert "the PDF figure 'figures/f.pdf' is published as its drawing alone, without an action when it opens" \
        in result.stderr
    with pikepdf.open(tmp_path / "out" / "latex" / "figures" / "f.pdf") as published:
        assert not {"/OpenAction", "/Names", "/AF"} & set(published.Root.keys())
        assert "/Annots" not in published.pages[0].obj and len(published.attachments) == 0


def test_metadata_nested_too_deeply_is_named_at_its_own_line(tmp_path):
    """The third round: a list 6,000 deep in metadata.yaml was reported at the first section's
    first line."""
    root = project(tmp_path, {"01.md": "# One\n\nText [@a].\n"},
                   "lang: en\ntitle: T\nkeywords: " + "[" * 6000 + "]" * 6000 + "\n")
    result = build(root, tmp_path / "out", "html")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "manuscript/metadata.yaml:3: error: the manuscript nests blocks or inlines too deeply" in result.stderr, \
        result.stderr


def test_a_meta_shortcode_never_prints_the_builds_own_keys(tmp_path):
    """``{{< meta press-project >}}`` printed the server's path in an --untrusted build."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "paper.md").write_text("---\ntitle: T\nlang: en\n---\n\nBuilt in {{< meta press-project >}} "
                                              "and {{< meta press-root >}}.\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "sub" / "paper.md"), "--out", str(tmp_path / "out"), "--untrusted")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert str(tmp_path) not in page and "Built in and ." in re.sub(r"<[^>]+>", "", page)


def test_what_meta_shortcodes_repeat_counts_against_the_text_limit(tmp_path):
    """A 19,500-character subtitle repeated by 500 shortcodes: 31 KB of Markdown gave a
    9.8 MB page in 58 s and 2.7 GB."""
    subtitle = "word " * 3900
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "paper.md").write_text(f"---\ntitle: T\nlang: en\nsubtitle: {subtitle}\n---\n\n"
                                              + "{{< meta subtitle >}}\n\n" * 500, encoding="utf-8")
    result = run_build("html", str(tmp_path / "sub" / "paper.md"), "--out", str(tmp_path / "out"), "--untrusted",
                       "--limit", "text=200K")
    assert result.returncode == 1
    assert "error: the shortcodes put" in result.stderr and "over the text limit of 200,000" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bib_string_multiplied_by_its_own_name_is_held_to_the_bibliographys_limit(tmp_path):
    """Ten @strings, each the one before joined ten times with #: a 588-byte file built a
    1.1 GB title in 60 s. Each value is measured before its parts are joined."""
    strings = '@string{s0 = "xxxxxxxxxx"}\n' + "".join(
        f"@string{{s{n} = {' # '.join([f's{n - 1}'] * 10)}}}\n" for n in range(1, 9))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "refs.bib").write_text(strings + "@article{a, author={Doe, J}, title=s8, year={2020}}\n",
                                               encoding="utf-8")
    (tmp_path / "sub" / "paper.md").write_text("---\ntitle: T\nlang: en\nbibliography: refs.bib\n---\n\nAs [@a].\n",
                                               encoding="utf-8")
    started = time.perf_counter()
    result = run_build("html", str(tmp_path / "sub" / "paper.md"), "--out", str(tmp_path / "out"), "--untrusted",
                       "--limit", "bib=1M")
    assert result.returncode == 1 and time.perf_counter() - started < 30
    assert "refs.bib:7: error: the value of 's6' brings the file's values to 11,111,110 characters, put together " \
           "from @string names: over the bibliography's limit of 1,000,000" in result.stderr, result.stderr


@pytest.mark.parametrize("shape", ["string", "crossref"])
def test_a_long_value_used_by_every_entry_is_held_to_the_bibliographys_limit(tmp_path, shape):
    """One 3.5 MB @string used as the title of 2,000 entries (a 3.6 MB file) grew past 2 GB
    in the build's own process; a 100 KB title inherited by 40 crossref children, 50 s
    and 1.3 GB (a second attacker's round)."""
    long = "Word " * 20_000  # 100 KB
    if shape == "string":
        bib = f'@string{{big = "{long}"}}\n' + "".join(f"@book{{e{n}, title = big, year = 2000}}\n" for n in range(100))
    else:
        bib = f"@book{{parent, title = {{{long}}}, year = 2000}}\n" + "".join(
            f"@inbook{{c{n}, crossref = {{parent}}, pages = {{{n}}}}}\n" for n in range(100))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "refs.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "sub" / "paper.md").write_text("---\ntitle: T\nlang: en\nbibliography: refs.bib\nnocite: \"@*\"\n"
                                               "---\n\nText.\n", encoding="utf-8")
    started = time.perf_counter()
    result = run_build("html", str(tmp_path / "sub" / "paper.md"), "--out", str(tmp_path / "out"), "--untrusted",
                       "--limit", "bib=1M")
    assert result.returncode == 1 and time.perf_counter() - started < 30
    assert ("brings the file's values to" if shape == "string" else "with the fields they inherit (crossref), over "
            "twice its limit of 1,000,000") in result.stderr, result.stderr


def test_a_picture_written_as_a_data_address_is_held_to_the_pixel_limit(tmp_path):
    """A 146 KB data: address held a 30000 × 30000 PNG: refused as a file, built as a data:
    address (0.99 GB). Its picture is checked as a file's is."""
    from PIL import Image

    stream = io.BytesIO()
    Image.new("1", (2000, 2000)).save(stream, "PNG")
    address = "data:image/png;base64," + base64.b64encode(stream.getvalue()).decode()
    (tmp_path / "paper.md").write_text(f"---\ntitle: T\nlang: en\n---\n\nText.\n\n![x]({address})\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"), "--limit", "pixels=1M")
    assert result.returncode == 1
    assert "paper.md:8: error: the picture written in the text (a data: address): 2000 × 2000 pixels" \
           in result.stderr, result.stderr


CSL_HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" '
            'version="1.0"><info><title>X</title><id>x</id><updated>2020-01-01T00:00:00+00:00</updated></info>')
CSL_TAIL = ('<citation><layout><text macro="m0"/></layout></citation><bibliography><layout>'
            '<text variable="title"/></layout></bibliography></style>\n')


@pytest.mark.parametrize("macros, said", [
    ('<macro name="m0"><text value="x"/><text macro="m0"/></macro>', "its macro 'm0' calls itself (m0 → m0)"),
    ("".join(f'<macro name="m{n}"><text macro="m{n + 1}"/><text macro="m{n + 1}"/></macro>' for n in range(21))
     + '<macro name="m21"><text value="x"/></macro>', "its macros expand to 1,000,001 calls or more"),
    ("".join(f'<macro name="m{n}"><text macro="m{n + 1}"/></macro>' for n in range(3000))
     + '<macro name="m3000"><text value="x"/></macro>', "its macros call one another deeper than Python follows"),
    # a harmless m0, then one of another namespace that calls itself: citeproc runs the last
    ('<macro name="m0"><text value="x"/></macro><x:macro xmlns:x="urn:other" name="m0"><text macro="m0"/>'
     '<text macro="m0"/></x:macro>', "its macro 'm0' calls itself (m0 → m0)"),
])
def test_a_csl_styles_macros_are_bounded_before_pandoc_runs_them(tmp_path, macros, said):
    """A macro calling itself took pandoc's citeproc 6 GB in 20 s; macros each calling the
    next twice, 2^21 copies, 42 s and 4.2 GB."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.csl").write_text(CSL_HEAD + macros + CSL_TAIL, encoding="utf-8")
    (tmp_path / "sub" / "refs.bib").write_text("@book{a, title={T}, year={2020}}\n", encoding="utf-8")
    (tmp_path / "sub" / "paper.md").write_text("---\ntitle: T\nlang: en\nbibliography: refs.bib\ncsl: x.csl\n---\n\n"
                                               "As [@a].\n", encoding="utf-8")
    started = time.perf_counter()
    result = run_build("html", str(tmp_path / "sub" / "paper.md"), "--out", str(tmp_path / "out"), "--untrusted")
    assert result.returncode == 1 and time.perf_counter() - started < 30
    assert f"x.csl: error: the citation style cannot be used: {said}" in result.stderr, result.stderr


def test_pandoc_is_held_to_the_memory_limit(tmp_path):
    """A backstop for whatever makes pandoc grow: its heap is bounded, and past the bound
    the build says which limit stopped it."""
    (tmp_path / "paper.md").write_text("---\ntitle: T\nlang: en\n---\n\n" + "Some *words* of text. " * 20000,
                                       encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"), "--limit", "memory=64M")
    assert result.returncode == 1
    assert "error: pandoc was stopped at 64,000,000 bytes, the limit for what one run of pandoc or Typst may hold" \
           in result.stderr, result.stderr[-600:]


def test_a_paragraph_of_many_sentences_is_split_in_linear_time():
    """60,000 sentences in one paragraph (1.3 MB): the chronology's sentence splitter read
    all the text before each full stop, and took more than ten minutes."""
    done = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, '.'); "
                           "from filters.sentences import sentence_bounds; "
                           "assert len(sentence_bounds(sys.stdin.read(), 'en')) == 60000"],
                          input="Some words of text. " * 60000, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0


def test_typst_is_held_to_the_time_and_memory_limits(tmp_path):
    """40,000 notes (389 KB of Markdown, a fifth of the text limit) took Typst 84 s and
    3.1 GB, in the build's own process, where nothing could stop it; it now compiles in a
    process of its own, stopped past either limit."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "paper.md").write_text("---\ntitle: T\nlang: en\n---\n\n" + " ".join(
        f"w^[n{i}]" for i in range(8000)) + "\n", encoding="utf-8")
    for limit, said in (("seconds=2", "error: typst was stopped after 2 s"),
                        ("memory=300M", "error: typst was stopped at 300,000,000 bytes")):
        result = run_build("pdf", str(tmp_path / "sub" / "paper.md"), "--out", str(tmp_path / "out"), "--untrusted",
                           "--limit", limit)
        assert result.returncode == 1 and said in result.stderr, result.stderr[-800:]


@pytest.mark.parametrize("name, text, metadata", [
    ("refs.json", "[" * 3000 + "]" * 3000, "bibliography: refs.json\n"),
    ("chronology.yaml", "- " * 3000 + "x\n", ""),
])
def test_too_deep_a_file_the_metadata_names_is_said_at_that_file(tmp_path, name, text, metadata):
    """Nested 3,000 deep, a CSL-JSON file or the chronology's corrections was reported at
    paper.md:1 (an attacker's round)."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / name).write_text(text, encoding="utf-8")
    (tmp_path / "sub" / "paper.md").write_text(f"---\ntitle: T\nlang: en\n{metadata}---\n\nText.\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "sub" / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{name}:1: error:" in result.stderr, result.stderr


def test_two_figures_are_never_published_under_one_name(tmp_path):
    """a#b.png was published as a-b-f39e4d.png beside a file of that very name, and a
    24-bit digest let two names be found that share one: one picture shown for both."""
    from filters.resources import published_name

    figure = REPO / "tests" / "samples" / "article-en" / "manuscript" / "figures" / "trade.png"
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a#b.png").write_bytes(figure.read_bytes())
    (tmp_path / "sub" / published_name("a#b.png")).write_bytes(figure.read_bytes() + b"\0")
    (tmp_path / "sub" / "paper.md").write_text(f"---\ntitle: T\nlang: en\n---\n\n![Red](a%23b.png)\n\n"
                                               f"![Blue]({published_name('a#b.png')})\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "sub" / "paper.md"), "--out", str(tmp_path / "out"), "--untrusted")
    assert result.returncode == 1
    assert f"would be published under one name, '{published_name('a#b.png')}'" in result.stderr, result.stderr
    assert published_name("f!+,$+.png") != published_name("f$!+,@.png")


def test_what_typst_writes_is_held_to_the_document_limit(tmp_path):
    """An 82 KB PDF figure of 3 million line segments became a 452 MB SVG in the HTML
    folder (a second attacker's round): Typst's output is read within the document limit."""
    content = b"0 0 m 1 1 l S\n" * 200_000
    stream = zlib.compress(content, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R /Resources << >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    pdf, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    pdf += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "f.pdf").write_bytes(bytes(pdf))
    (tmp_path / "sub" / "paper.md").write_text("---\ntitle: T\nlang: en\n---\n\n![Lines](f.pdf)\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "sub" / "paper.md"), "--out", str(tmp_path / "out"), "--untrusted",
                       "--limit", "document=2M")
    assert result.returncode == 1
    assert "error: typst wrote" in result.stderr and "over the limit of 2,000,000" in result.stderr, result.stderr


# --- the seventh round: includes, metadata-files, frozen results, captions, names ------------

BOMB = "".join(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10) if n else ', '.join(['x'] * 10)}]\n" for n in range(7))


def test_a_yaml_alias_bomb_that_names_metadata_files_is_refused_before_it_is_read(tmp_path):
    """422 bytes of aliases, with the words "metadata-files" in a comment, took 4 GB: the
    file was composed to find the key before its alias check ran."""
    root = project(tmp_path, {"01.md": "Text.\n"}, "title: Bomb\n# metadata-files\n" + BOMB)
    result = build(root, tmp_path / "out", "html", "--untrusted", "--limit", "memory=500000000")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "YAML alias '*a0'" in result.stderr


def test_an_include_outside_the_project_says_nothing_of_what_is_there(tmp_path):
    """"not found (did you mean 'salaries-2026.md'?)" named a file outside the root, and
    "outside" or "not found" told whether an outside path exists."""
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "salaries-2026.md").write_text("secret\n", encoding="utf-8")
    root = project(tmp_path, {"01.md": "{{< include ../../private/salaries-2025.md >}}\n\n"
                                         "{{< include ../../private/salaries-2026.md >}}\n"}, "title: T\n")
    result = build(root, tmp_path / "out", "html", "--untrusted")
    assert result.returncode == 1 and "salaries-2026" not in result.stderr.replace(
        "'../../private/salaries-2026.md' is outside the project", "")
    assert result.stderr.count("is outside the project") == 2


def test_what_includes_paste_together_is_checked_as_one_text(tmp_path):
    """Brackets five deep in each of three files pasted into one another, twelve in all,
    took pandoc 92 s; the same YAML aliases through an include; a thousand includes and
    more (each looked up: 20,000 took 12 s)."""
    root = project(tmp_path, {"01.md": "[[[[[a\n{{< include b.md >}}\nb]]]]]\n\n"
                                       "{{< include y.md >}}\n"}, "title: T\n")
    (root / "manuscript" / "b.md").write_text("[[[[[y\n{{< include c.md >}}\nz]]]]]\n", encoding="utf-8")
    (root / "manuscript" / "c.md").write_text("[[x]]\n", encoding="utf-8")
    (root / "manuscript" / "y.md").write_text("---\n" + BOMB + "---\n", encoding="utf-8")
    result = build(root, tmp_path / "out", "html", "--untrusted")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "manuscript/01.md: error: brackets nested 12 deep, with the files it includes" in result.stderr
    assert "YAML alias '*a0', with the files it includes" in result.stderr
    many = project(tmp_path / "many", {"01.md": "{{< include n.md >}}\n" * 1200}, "title: T\n")
    result = build(many, tmp_path / "out2", "html", "--untrusted")
    assert result.returncode == 1 and "manuscript/01.md:1001: error: more than 1000 includes" in result.stderr


def test_names_too_long_for_the_system_are_errors_not_tracebacks(tmp_path):
    name = "a" * 256
    root = project(tmp_path, {"01.md": f"{{{{< include {name}.md >}}}}\n"}, f"title: T\nmetadata-files: [{name}.yml]\n")
    result = build(root, tmp_path / "out", "html")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "is not found" in result.stderr


def test_a_biblatex_name_with_a_brace_across_its_parts_is_no_traceback(tmp_path):
    root = project(tmp_path, {"01.md": "See [@a].\n"}, "title: T\n",
                   bib="@article{a, author = {given=x{, family=y}}, title = {T}, journal = {J}, year = {2000}}\n")
    result = build(root, tmp_path / "out", "html", "--untrusted")
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr


def test_a_hidden_code_cell_builds_in_an_untrusted_build(tmp_path):
    """The build's own mark of a hidden cell (cell-hidden) was refused as the author's
    attribute: no Quarto or R Markdown submission that hides a cell could be built."""
    root = project(tmp_path, {"01.md": "Text.\n\n```{python}\n#| echo: false\nprint(1)\n```\n\nMore.\n"}, "title: T\n")
    result = build(root, tmp_path / "out", "html", "--untrusted")
    assert result.returncode == 0, result.stderr
    assert "print(1)" not in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


def test_a_picture_in_a_caption_written_as_an_option_is_its_description(tmp_path):
    """``fig-cap="A ![x](../outside.png)"``, read as Markdown after the stage that checks
    pictures: the HTML published the unchecked path, three editions gave a traceback."""
    root = project(tmp_path, {"01.md": '::: {#fig-x fig-cap="A ![x](../../outside.png)"}\n![](fig.png)\n:::\n\n'
                                       "See @fig-x.\n"}, "title: T\n")
    shutil.copy(REPO / "tests" / "samples" / "article-en" / "manuscript" / "figures" / "trade.png",
                root / "manuscript" / "fig.png")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG")
    result = build(root, tmp_path / "out", "html", "epub", "docx")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "outside.png" not in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


# --- the eighth round: seasons, "the same day", eras (the date reader's new paths) ----------

def test_a_run_of_joiners_before_a_year_takes_no_time():
    """"(A and and and … 1943": the citation-year check read the joiners in a nested loop,
    each one more doubling the time (26: 17 s; 40 '&': over three minutes)."""
    from filters.dates import find_dates
    started = time.monotonic()
    for joiner in (" and", " &", " ve"):
        find_dates("In 1940 the war began. (A" + joiner * 60 + " ! 1943 the army left.", "en")
    assert time.monotonic() - started < 5


def test_a_paragraph_of_relative_dates_is_read_in_linear_time():
    """Thousands of "The same day …" (or seasons) in one paragraph: each was compared with
    every date and event before it (3,000: 21 s; 10,000 seasons: 149 s in a build)."""
    from test_chronology_entries import appendix
    started = time.monotonic()
    printed, _ = appendix("On 5 May 1994 the war began. " + "The same day the army came to the city. " * 4000, "en")
    assert len(printed) > 1 and time.monotonic() - started < 12


def test_a_year_without_its_era_is_read_in_linear_time():
    from filters.timex import temporal_expressions
    started = time.monotonic()
    assert len(temporal_expressions("In 480 BC, " + "in 479, " * 30000, "en", era_year=480)) == 30001
    assert time.monotonic() - started < 10  # 234 s before: each year's quantity check read the text from its start


@pytest.mark.parametrize("body", [
    "On 5 May 9999 the war began. In the summer the army came.",  # ValueError: year 10000 (the timeline)
    "On 31 December 9999 the war began. The next day the army came.",  # OverflowError: the day after
])
def test_the_calendars_last_year_gives_no_traceback(body):
    from test_chronology_entries import appendix
    assert appendix(body, "en")[0][0][0].startswith("9999")


@pytest.mark.parametrize("body, lang, expected", [
    # "Bu yazı" is "this article": no summer
    ("Türkiye 12 Mart 1951 tarihinde Kore’ye asker gönderdi. Bu yazı yazan Başbakan istifa etti.", "tr",
     ["1951-03-12"]),
    # a season after December is the next year's, as a month alone is
    ("On 20 December 1943 the Allies landed at Anzio. Next spring the army entered Rome.", "en",
     ["1943-12-20", "1944"]),
    ("In December 1950 the treaty was signed. In the spring the parliament ratified it.", "en",
     ["1950-12", "1951"]),
    # a season of a month is the month
    ("In the summer of May 1944 the army left.", "en", ["1944-05"]),
])
def test_a_season_is_never_dated_wrongly(body, lang, expected):
    from test_chronology_entries import appendix
    assert [date for date, _ in appendix(body, lang)[0]] == expected


# --- the ninth round: CSL YAML, picture cells ----------------------------------------------------

def test_a_picture_cells_path_or_caption_cannot_open_markup(tmp_path):
    """A path holding '>' closed the figure's <…> and let 18 nested brackets reach pandoc
    (120 s, no line); a caption's backslash unescaped its bracket. Such a cell stays code."""
    cells = ('```{r}\nknitr::include_graphics("a.png>) [[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]] ![](<a.png")\n```\n\n'
             '```{r, fig.cap="\\\\[\\\\[\\\\[\\\\[\\\\[\\\\[\\\\[\\\\[a\\\\]\\\\]\\\\]\\\\]\\\\]\\\\]\\\\]\\\\]"}\n'
             'knitr::include_graphics("a.png")\n```\n')
    root = project(tmp_path, {"01.md": cells}, "title: T\n")
    shutil.copy(REPO / "tests" / "samples" / "article-en" / "manuscript" / "figures" / "trade.png",
                root / "manuscript" / "a.png")
    started = time.monotonic()
    result = build(root, tmp_path / "out", "html", "--untrusted")
    assert time.monotonic() - started < 60 and "pandoc was stopped" not in result.stderr, result.stderr
    assert result.returncode == 0 and "01.md:1: warning: a code cell (r) is shown as its code" in result.stderr


def test_a_figure_of_several_pictures_builds_untrusted_and_its_caption_is_checked(tmp_path):
    """The build's own fig-cap (a cell's figure of several pictures) was refused in every
    untrusted build, with no line; a caption option is now read as the Markdown it is,
    and checked so: raw TeX in it is refused at its line."""
    cell = '```{r two, fig.cap="Two maps."}\nknitr::include_graphics(c("a.png", "a.png"))\n```\n\nSee Figure \\@ref(fig:two).\n'
    root = project(tmp_path, {"01.md": cell}, "title: T\n")
    shutil.copy(REPO / "tests" / "samples" / "article-en" / "manuscript" / "figures" / "trade.png",
                root / "manuscript" / "a.png")
    result = build(root, tmp_path / "out", "html", "--untrusted")
    assert result.returncode == 0, result.stderr
    (root / "manuscript" / "01.md").write_text(cell.replace("Two maps.", "Two [maps](javascript:alert(1))."),
                                               encoding="utf-8")
    result = build(root, tmp_path / "out", "html", "--untrusted")
    assert result.returncode != 0 and "link to 'javascript:alert(1)' is refused" in result.stderr, result.stderr


@pytest.mark.parametrize("front_matter, body, expected", [
    # a YAML example in a code block, and a block between two rules, are no references
    ("references:\n- id: a\n  title: A\n", "```yaml\n---\nreferences:\n- id: fake\n  title: 'open\n---\n```\n\n"
     "---\n\nA rule, then text.\n\n---\n", "ok"),
    # a title that is a map, a name that is text: each left out with a warning at the item's line
    ("references:\n- id: a\n  title: {x: 1}\n  author: [Poe]\n", "", "paper.md:4: warning: 'title' of the work 'a'"),
])
def test_csl_yaml_in_a_paper_is_read_as_pandoc_reads_it(tmp_path, front_matter, body, expected):
    from tests.conftest import paper_build
    result = paper_build(tmp_path, f"---\ntitle: T\n{front_matter}nocite: '@*'\n---\n\n{body}Text.\n")
    assert result.returncode == 0, result.stderr
    assert expected == "ok" and 'id="bib-fake"' not in (tmp_path / "out" / "html" / "index.html").read_text(
        encoding="utf-8") or expected in result.stderr


def test_a_large_or_deep_csl_yaml_bibliography_is_refused_at_its_file(tmp_path):
    """7.8 MB of YAML took 2.7 GB and 74 s (PyYAML holds every value as a node); 50,000
    nested lists were blamed on the paper."""
    from tests.conftest import paper_build
    (tmp_path / "big.yaml").write_text("references:\n- id: a\n  note: [" + "x," * 400_000 + "x]\n", encoding="utf-8")
    (tmp_path / "deep.yaml").write_text("references:\n- id: a\n  title: " + "[" * 50_000 + "]" * 50_000 + "\n",
                                        encoding="utf-8")
    for name, message in (("big.yaml", "big.yaml:1: error: a CSL YAML bibliography of"),
                          ("deep.yaml", "deep.yaml:1: error: YAML nested too deeply")):
        result = paper_build(tmp_path, f"---\ntitle: T\nbibliography: {name}\n---\n\nText [@a].\n")
        assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr, \
            result.stderr


# --- the fourth round: what gave a traceback -------------------------------------------------

def test_hostile_names_and_values_are_errors_or_warnings_never_a_traceback(tmp_path):
    """An attacker's round: each of these stopped the build with a Python traceback."""
    import hashlib
    import json
    import os
    # Quarto's variables: an empty value, bytes, a set
    quarto = tmp_path / "variables"
    quarto.mkdir()
    (quarto / "_variables.yml").write_text("version:\nd: !!binary aGVsbG8=\ns: !!set {a, b}\n", encoding="utf-8")
    (quarto / "paper.qmd").write_text("---\ntitle: V\nchronology: false\n---\n\nVersion {{< var version >}}, "
                                      "{{< var d >}}, {{< var s >}}.\n", encoding="utf-8")
    # frozen results holding half a UTF-16 pair, under a name with a backslash
    frozen = tmp_path / "frozen"
    frozen.mkdir()
    source = frozen / "p\\q.qmd"
    source.write_text("---\ntitle: F\nchronology: false\n---\n\nText.\n", encoding="utf-8")
    results = frozen / "_freeze" / "p\\q" / "execute-results"
    results.mkdir(parents=True)
    (results / "html.json").write_text(json.dumps({"hash": hashlib.md5(source.read_bytes()).hexdigest(),
                                                   "result": {"markdown": "x \ud800 y p\\q_files/figure-html/a.png"}}),
                                       encoding="utf-8")
    # a section whose name is no UTF-8
    named = project(tmp_path / "named", {"01.md": "# One\n\nText [@a].\n"}, "lang: en\ntitle: T\n")
    (named / "manuscript" / os.fsdecode(b"02-\xff.md")).write_text("# Two\n", encoding="utf-8")
    # raw JATS that is no XML
    jats = tmp_path / "jats"
    jats.mkdir()
    (jats / "paper.md").write_text("---\ntitle: J\nchronology: false\njournal:\n  name: J\n  issn: 2049-3630\n"
                                   "---\n\n# A\n\nText `<p>x &bogus;`{=jats} more.\n", encoding="utf-8")
    runs = {"variables": run_build("html", str(quarto / "paper.qmd"), "--out", str(tmp_path / "o1")),
            "frozen": run_build("html", str(source), "--out", str(tmp_path / "o2")),
            "named": build(named, tmp_path / "o3", "html"),
            "jats": run_build("jats", str(jats / "paper.md"), "--out", str(tmp_path / "o4"))}
    for name, result in runs.items():
        assert "Traceback" not in result.stderr, (name, result.stderr[-600:])
    assert runs["variables"].returncode == 0 and "Version , hello, a, b." in \
        (tmp_path / "o1" / "html" / "index.html").read_text(encoding="utf-8")
    assert runs["frozen"].returncode == 0 and "half of a UTF-16 pair" in runs["frozen"].stderr
    assert runs["named"].returncode == 1 and "is not UTF-8 text" in runs["named"].stderr
    assert runs["jats"].returncode == 1 and "cannot read the raw JATS written in the text" in runs["jats"].stderr


# --- the fourth round: work in the build's own process that grew with the square ----------------

def test_every_place_of_a_text_is_found_in_one_reading_of_the_sources(tmp_path):
    """4,000 refused <q> took 15 s and 20,000 six minutes: each refusal's place read every
    source again, then scanned it to its nth match."""
    from core import diagnostics
    from core.names import SOURCE_FILES_KEY
    source = tmp_path / "01.md"
    source.write_text("".join(f"Para {n} <q>x</q>\n\n" for n in range(4000)), encoding="utf-8")
    doc = pf.Doc(metadata={SOURCE_FILES_KEY: pf.MetaList(pf.MetaString(str(source)))})
    with diagnostics.collecting():
        before = diagnostics._source_lines.cache_info().misses
        places = [diagnostics.locate(doc, re.escape("<q>"), nth) for nth in range(4000)]
        assert diagnostics._source_lines.cache_info().misses - before == 1 and len(diagnostics._located) == 1
    assert [line for _, line in places] == list(range(1, 8000, 2))


def test_inputs_that_were_read_in_the_square_of_their_size_are_read_in_one_pass():
    """bookdown's text references (45,000 of them, 90,000 uses: 6 minutes), a knitr header of
    190,000 child= options (14 minutes), and 20,000 metadata keys over 20,000 others (4
    minutes), at those sizes: each well within 20 s (a second here), as the hostile
    paragraphs' test of the chronology bounds them."""
    import time

    from core.metadatafile import Source
    from core.sourcetext import child_chunks, text_references
    started = time.process_time()
    text = "".join(f"(ref:a{i}) x{i}\n\n" for i in range(45000)) + "See " + "".join(
        f"(ref:a{i % 45000}) " for i in range(90000))
    assert text_references(text).endswith("x44998 x44999 ")
    assert child_chunks("```{r " + 'child="x" ' * 190000 + "\n```\n") == []
    first, second = Source(), Source()
    first.places.update({f"a{i}": ("m.yaml", i) for i in range(20000)})
    second.places.update({f"b{i}": ("p.md", i) for i in range(20000)})
    first.add(second)
    assert len(first.places) == 40000
    assert time.process_time() - started < 20


def test_a_progressive_jpeg_of_thousands_of_scans_is_refused_before_it_is_decoded():
    """An attacker's round: a flat 7000 × 7000 progressive JPEG whose last scan was repeated
    5,000 times (682 KB) took 139 s to check, and as long in each reader's browser."""
    import io

    from PIL import Image

    from core.images import picture_problem
    output = io.BytesIO()
    Image.new("L", (64, 64), 128).save(output, "JPEG", progressive=True)
    data = output.getvalue()
    last = data.rindex(b"\xff\xda")
    head = data.rindex(b"\xff\xc4", 0, last) if b"\xff\xc4" in data[:last] else last
    bomb = data[:head] + data[head:-2] * 150 + data[-2:]  # the last scan (with its tables) again and again
    assert picture_problem(data, ".jpg") is None
    assert picture_problem(bomb, ".jpg").startswith("a JPEG of 1")


def test_a_pdf_figures_streams_are_copied_as_they_are_never_decoded_by_the_copy():
    """An attacker's second round: an image the page lists and never draws, deflated three
    times to 40 GB, was decoded and compressed again by qpdf when the figure's page was
    copied alone (200 s in the build's own process). The copy keeps every stream's bytes."""
    import io
    import zlib

    import pikepdf

    from core.images import pdf_drawing
    raw = zlib.compress(zlib.compress(b"\0" * 5_000_000, 9), 9)
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(100, 100))
    pdf.add_blank_page(page_size=(100, 100))  # a second page: the first is copied alone
    image = pikepdf.Stream(pdf, raw)
    image.Type, image.Subtype, image.Width, image.Height = pikepdf.Name.XObject, pikepdf.Name.Image, 1, 1
    image.BitsPerComponent, image.ColorSpace = 8, pikepdf.Name.DeviceGray
    image.Filter = pikepdf.Array([pikepdf.Name.FlateDecode] * 2)
    pdf.pages[0].Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    output = io.BytesIO()
    pdf.save(output, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    copied, _ = pdf_drawing(output.getvalue())
    with pikepdf.open(io.BytesIO(copied)) as drawing:
        assert drawing.pages[0].Resources.XObject.Im0.read_raw_bytes() == raw


def test_a_sentence_of_thousands_of_dates_is_read_in_time_linear_in_it():
    """An attacker's second round: each date's role was read against the whole sentence
    before it — 4,000 dates in one sentence took 22 s, a parenthesis of 20 KB before 39
    dates 68 s. Each now reads a window around it (seconds at these sizes)."""
    import time

    from filters import chronology
    from tests.conftest import doc_from
    many = "The army crossed the river " + ", ".join(f"in {1000 + j % 1000}" for j in range(8000)) + " and ended."
    paren = "The army crossed the river (" + "12345 " * 6600 + ", ".join(f"in {1950 + j}" for j in range(39)) + ")."
    started = time.process_time()
    for body in (many, paren):
        chronology.main(doc_from(f"---\nlang: en\n---\n\n# A\n\n{body}\n"))
    assert time.process_time() - started < 20


def test_raw_markup_that_pandoc_or_our_readers_took_in_its_square_is_read_at_once(tmp_path):
    """An attacker's second round: "<br" and 200 KB of spaces took the raw HTML reader 215 s
    (refused at the end); 25,000 "<!--" with no end took pandoc's reader two minutes."""
    import time

    from filters.rawhtml import well_formed
    from tests.conftest import paper_build
    started = time.process_time()
    assert well_formed("<br" + " " * 200_000 + "x").endswith("x") and well_formed("<br>a<hr  >") == "<br />a<hr />"
    well_formed("<br " * 50_000)
    assert time.process_time() - started < 20
    result = paper_build(tmp_path, "---\ntitle: T\nchronology: false\n---\n\nText " + "<!--" * 25_000 + " end.\n")
    assert result.returncode == 1 and "holds 25,000 comment openers (<!--) that no --> closes" in result.stderr


@pytest.mark.parametrize("place", ["pattern", "soft mask", "inline"])
def test_a_pdf_figures_pictures_are_counted_wherever_the_page_holds_them(place):
    """An attacker's second round: the pixel limit read the page's and its forms' pictures,
    not one in a tiling pattern, an image's soft mask, or a picture written inline; a
    20000 × 20000 one reached the web edition's SVG for every reader's browser to decode."""
    import io

    import pikepdf

    from core.images import pdf_problem
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(100, 100))
    page = pdf.pages[0]

    def picture(size: int) -> pikepdf.Stream:
        image = pikepdf.Stream(pdf, b"\0")
        image.Type, image.Subtype, image.Width, image.Height = pikepdf.Name.XObject, pikepdf.Name.Image, size, size
        image.BitsPerComponent, image.ColorSpace = 8, pikepdf.Name.DeviceGray
        return image
    if place == "pattern":
        pattern = pikepdf.Stream(pdf, b"/Im0 Do")
        pattern.PatternType, pattern.PaintType, pattern.TilingType = 1, 1, 1
        pattern.BBox, pattern.XStep, pattern.YStep = [0, 0, 10, 10], 10, 10
        pattern.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=picture(10000)))
        page.Resources = pikepdf.Dictionary(Pattern=pikepdf.Dictionary(P0=pattern))
        page.Contents = pikepdf.Stream(pdf, b"/Pattern cs /P0 scn 0 0 100 100 re f")
    elif place == "soft mask":
        image = picture(10)
        image.SMask = picture(10000)
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        page.Contents = pikepdf.Stream(pdf, b"q 100 0 0 100 0 0 cm /Im0 Do Q")
    else:
        page.Contents = pikepdf.Stream(pdf, b"q 100 0 0 100 0 0 cm BI /W 10000 /H 10000 /BPC 8 /CS /G ID \0 EI Q")
    output = io.BytesIO()
    pdf.save(output)
    assert pdf_problem(output.getvalue()).startswith("a picture in it of 10000 × 10000 pixels")


# --- the third round (an attacker with the trust model in hand) ----------------------------------

def test_the_builds_own_classes_are_not_an_authors(tmp_path):
    """A Span an author classed ``.equation`` was an equation whose id the PDF wrote into
    its Typst source: ``id="q>#link(…)[…]<r"`` ran the submission's Typst (a link to
    file:///etc/passwd in the PDF); ``.datetime`` and ``.xref-pending`` stopped the build on
    a traceback; a figure's id reached Typst the same way."""
    from pypdf import PdfReader

    root = project(tmp_path, {"01.md": "# Intro\n\nHello [@a].\n\n"
                              '[$$x^2$$]{.equation id="q>#link(\\"file:///etc/passwd\\")[OPEN-THE-DATA]<r"}\n\n'
                              "[x]{.datetime} and [y]{.xref-pending}.\n\n"
                              '::: {#fig-x>#text[RAN]<y}\n![A](a.png){#fig-a}\n\n![B](a.png){#fig-b}\n\nBoth.\n:::\n'},
                   "title: F\nchronology: false\n")
    (root / "manuscript" / "a.png").write_bytes((Path(__file__).parent / "samples" / "article-en" / "manuscript"
                                                 / "figures" / "trade.png").read_bytes())
    result = build(root, tmp_path / "out", "pdf", "html", "--untrusted")
    assert result.returncode == 0, result.stderr
    assert "warning: the class '.equation' is left out: it is the build's own" in result.stderr
    assert "Traceback" not in result.stderr
    pdf = next((tmp_path / "out").glob("*.pdf"))
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "OPEN-THE-DATA" not in text and "RAN" not in text
    assert b"/etc/passwd" not in pdf.read_bytes()


def test_a_number_only_unicode_calls_a_digit_is_no_traceback(tmp_path):
    """``month = {²}``: str.isdigit() takes "²" for a digit, int() does not: a ValueError
    traceback (the .bib's month and edition, CSL JSON's dates, a figure's layout-ncol)."""
    bib = "@book{a, author = {A, B}, title = {T}, year = {2015}, month = {²}, edition = {²}, publisher = {P}}\n"
    root = project(tmp_path, {"01.md": "# Intro\n\nAs [@a].\n\n::: {#fig-x layout-ncol=\"²\"}\nText.\n:::\n"},
                   "title: F\nchronology: false\njournal: {name: J, pages: \"²-3\"}\n", bib)
    result = build(root, tmp_path / "out", "pdf", "html")
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr


def test_a_thousand_ids_of_the_writers_footnotes_is_no_traceback(tmp_path):
    """``[a]{#footnotes}`` with ``#footnotes-1`` … ``#footnotes-999`` taken: the renaming
    looked among a thousand numbers only (StopIteration)."""
    spans = " ".join(f"[x]{{#footnotes-{n}}}" for n in range(1, 1000))
    root = project(tmp_path, {"01.md": f"# Intro\n\n[a]{{#footnotes}} {spans}\n"}, "title: F\nchronology: false\n")
    result = build(root, tmp_path / "out", "html")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


def test_did_you_mean_is_looked_for_a_hundred_times_a_build(tmp_path):
    """500 unknown citation keys against a .bib of 100,000 took 105 s: each compared with
    every key. Past the hundredth, a mistake is named without a "did you mean"."""
    from core.diagnostics import SUGGESTED

    cites = " ".join(f"[@unknown{n}x]" for n in range(SUGGESTED + 50))
    root = project(tmp_path, {"01.md": f"# Intro\n\n{cites}\n"}, "title: F\nchronology: false\n",
                   "".join(f"@book{{unknown{n}, author = {{A, B}}, title = {{T}}, year = {{2015}}, publisher = {{P}}}}\n"
                           for n in range(SUGGESTED + 50)))
    result = build(root, tmp_path / "out", "html")
    assert result.returncode == 1
    assert result.stderr.count("unknown citation key") == SUGGESTED + 50
    assert result.stderr.count("did you mean") == SUGGESTED


def test_characters_no_font_has_are_named_twenty_at_their_places(tmp_path):
    """80,000 different characters no font of the PDF has took the PDF 18 minutes: each
    was looked up in every source and replaced in the whole Typst source, one by one."""
    from press.pdf import NAMED_GLYPHS

    hangul = "".join(chr(0xAC00 + n) for n in range(NAMED_GLYPHS + 5))
    root = project(tmp_path, {"01.md": f"# Intro\n\nText {hangul} here.\n"}, "title: F\nchronology: false\n")
    result = build(root, tmp_path / "out", "pdf")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("warning: the pdf edition cannot show '") == NAMED_GLYPHS
    assert "warning: the pdf edition cannot show 5 more characters as those named above" in result.stderr


def test_a_one_file_papers_figures_are_within_the_figures_limit(tmp_path):
    """24 pictures of 23.5 MB beside a paper.md built with exit 0 (1.2 GB of memory and of
    editions): the figures limit counted manuscript/'s files only."""
    picture = (Path(__file__).parent / "samples" / "article-en" / "manuscript" / "figures" / "trade.png").read_bytes()
    for n in range(3):
        (tmp_path / f"f{n}.png").write_bytes(picture)
    (tmp_path / "paper.md").write_text("---\ntitle: F\nchronology: false\n---\n\n" + "".join(
        f"![Figure {n}.](f{n}.png)\n\n" for n in range(3)), encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"),
                       "--limit", f"figures={2 * len(picture) + 1}")
    assert result.returncode == 1
    assert "over the limit of" in result.stderr and "for the figures together" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def test_a_pattern_painted_with_patterns_is_left_out():
    """Five levels of patterns, each tile of fifteen painted with the next (a 5 KB SVG),
    took Typst 103 s to draw as the DOCX's PNG, just under the time limit, once a figure."""
    from core.svg import sanitized

    levels = ['<pattern id="p0" width="10" height="10" patternUnits="userSpaceOnUse"><rect width="5" height="5" '
              'fill="red"/></pattern>'] + [
        f'<pattern id="p{k}" width="200" height="200" patternUnits="userSpaceOnUse">'
        + "".join(f'<rect x="{10 * n}" width="10" height="10" fill="url(#p{k - 1})" style="stroke:url(#p{k - 1})"/>'
                  for n in range(15)) + "</pattern>" for k in range(1, 5)]
    attack = ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><defs>' + "".join(levels)
              + '</defs><rect width="200" height="200" fill="url(#p4)"/></svg>').encode()
    clean = sanitized(attack)
    assert clean.dropped == ["a pattern painted with a pattern"]
    assert clean.data.count(b"url(#p") == 1  # the drawing's own paint, with the outer pattern
