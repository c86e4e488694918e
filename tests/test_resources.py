"""Figures and other files the editions read: found wherever the build runs from,
refused when they lie outside the manuscript folder, are remote or missing."""
import http.server
import subprocess
import threading
import zipfile
from pathlib import Path

import pytest
from conftest import require_tool, run_build, write_manuscript

from filters.resources import media_paths

FIGURES = Path(__file__).parent / "samples" / "article-en" / "manuscript" / "figures"


def project_with_figures(tmp_path, body: str, metadata: str = "lang: en\ntitle: Figures\n") -> Path:
    root = write_manuscript(tmp_path / "project", {"01.md": body}, metadata)
    (root / "manuscript" / "figures").mkdir()
    for figure in FIGURES.iterdir():
        (root / "manuscript" / "figures" / figure.name).write_bytes(figure.read_bytes())
    return root


def test_figures_are_found_whatever_the_working_directory(tmp_path):
    root = project_with_figures(tmp_path, "# A\n\n![Chart](figures/trade.png){#fig:a}\n\n"
                                          "![Map](figures/corridor.svg)\n\n![Steps](figures/process.pdf)\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_build("--root", str(root), "--out", str(tmp_path / "out"), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert (out / "html" / "figures" / "trade.png").read_bytes() == (FIGURES / "trade.png").read_bytes()
    assert (out / "html" / "figures" / "corridor.svg").exists()
    assert (out / "html" / "figures" / "process.pdf.svg").read_bytes().startswith(b"<svg")
    book = zipfile.ZipFile(next(out.glob("*.epub")))
    media = [n for n in book.namelist() if n.startswith("EPUB/media/")]
    assert sum(n.endswith(".png") for n in media) >= 2 and sum(n.endswith(".svg") for n in media) == 2
    listing = subprocess.run([require_tool("pdfimages", "apt-get install poppler-utils"), "-list",
                              str(next(out.glob("*.pdf")))], capture_output=True, text=True).stdout
    images = [line for line in listing.splitlines()[2:] if line.split()[2] == "image"]
    assert len(images) == 1  # the PNG; the SVG and the PDF figures stay vector


@pytest.mark.parametrize("url, message", [
    ("../secret.png", "lies outside the manuscript folder"),
    ("/etc/hostname", "image file '/etc/hostname' not found (a path that starts with / is read from"),
    ("figures/../../secret.png", "lies outside the manuscript folder"),
    ("figures/trde.png", "image file 'figures/trde.png' not found (did you mean 'figures/trade.png'?)"),
    ("http://127.0.0.1:9/x.png", "is not a file of the manuscript: the build never fetches anything"),
    ("figures/notes.txt", "which not every edition can show"),
])
def test_an_image_that_cannot_be_used_is_an_error(tmp_path, url, message):
    root = project_with_figures(tmp_path, f"# A\n\nText.\n\n![x]({url})\n")
    (root / "manuscript" / "figures" / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "project" / "secret.png").write_bytes(b"secret")
    result = run_build("--root", str(root), cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"manuscript/01.md:5: error: '{url}'" in result.stderr or \
        f"manuscript/01.md:5: error: image file '{url}'" in result.stderr, result.stderr
    assert message in result.stderr
    assert not (root / "build").exists()


def test_a_symlink_out_of_the_manuscript_is_refused(tmp_path):
    root = project_with_figures(tmp_path, "# A\n\n![x](figures/link.png)\n")
    (tmp_path / "outside.png").write_bytes((FIGURES / "trade.png").read_bytes())
    (root / "manuscript" / "figures" / "link.png").symlink_to(tmp_path / "outside.png")
    result = run_build("html", "--root", str(root), cwd=root)
    assert result.returncode == 1 and "lies outside the manuscript folder" in result.stderr


def test_the_build_fetches_nothing(tmp_path):
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        root = project_with_figures(tmp_path, f"# A\n\n![x](http://127.0.0.1:{port}/a.png)\n\n"
                                              f'<img src="http://127.0.0.1:{port}/b.png">\n')
        result = run_build("--root", str(root), cwd=root)
    finally:
        server.shutdown()
    assert result.returncode == 1 and requests == []
    assert result.stderr.count("the build never fetches anything") == 2


def test_raw_html_media_are_checked_too(tmp_path):
    root = project_with_figures(tmp_path, '# A\n\n<img src="/etc/hostname">\n\n<video poster="figures/trade.png">'
                                          '<source src="../x.mp4"></video>\n\n<img/src="../../../../../../etc/passwd">\n')
    result = run_build("epub", "--root", str(root), cwd=root)
    assert result.returncode == 1
    assert "image file '/etc/hostname' not found" in result.stderr  # the project's, never the machine's
    assert "'../x.mp4' lies outside the manuscript folder" in result.stderr
    assert "'../../../../../../etc/passwd' lies outside the manuscript folder" in result.stderr


def test_the_epub_embeds_what_raw_html_shows_from_the_manuscript(tmp_path):
    root = project_with_figures(tmp_path, '# A\n\n<img src="figures/trade.png" alt="Chart">\n')
    result = run_build("epub", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    book = zipfile.ZipFile(next((root / "build").glob("*.epub")))
    assert [n for n in book.namelist() if n.startswith("EPUB/media/") and n.endswith(".png")
            and book.read(n) == (FIGURES / "trade.png").read_bytes()]


def test_header_includes_load_nothing_from_outside(tmp_path):
    metadata = "lang: en\ntitle: T\nheader-includes: |\n  ```{=html}\n  <link rel=stylesheet href=/etc/hostname>\n  ```\n"
    root = project_with_figures(tmp_path, "# A\n\nText.\n", metadata)
    result = run_build("epub", "--root", str(root), cwd=root)
    assert result.returncode == 1 and "'/etc/hostname' not found (a path that starts with / is read from" in result.stderr


def test_check_reports_a_missing_image(tmp_path):
    root = project_with_figures(tmp_path, "# A\n\n![x](figures/gone.png)\n")
    result = run_build("check", "--root", str(root), cwd=root)
    assert result.returncode == 1 and "manuscript/01.md:3: error: image file 'figures/gone.png' not found" \
        in result.stderr


def test_media_paths():
    assert media_paths('<img src="a.png" srcset="b.png 2x, c.png 3x"><a href="d.html">') == \
        ["a.png", "b.png", "c.png"]
    assert media_paths("<link rel=stylesheet href=/etc/x.css>") == ["/etc/x.css"]


def test_a_git_lfs_pointer_named_png_is_an_error(tmp_path):
    """Found in the corpus (joss-rojak): a repository's figures were Git LFS pointers,
    text named .png; Typst stopped on them, EPUBCheck refused their media type and
    latexmk failed. The build names the file and what it is."""
    (tmp_path / "plot.png").write_text("version https://git-lfs.github.com/spec/v1\noid sha256:7d25\nsize 3\n",
                                       encoding="utf-8")
    (tmp_path / "paper.md").write_text("---\ntitle: T\n---\n\n# Intro\n\n![A plot](plot.png)\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "paper.md:7: error: figure 'plot.png' is a Git LFS pointer, not the picture" in result.stderr
    assert "git lfs pull" in result.stderr


def test_an_svgs_doctype_naming_its_dtd_goes_without_a_word():
    """matplotlib's and Inkscape's SVGs name SVG's DTD: ten "published without its DOCTYPE"
    warnings for one Quarto manuscript, for nothing an author could do; a DOCTYPE that
    declares entities is still said (and refused with --untrusted)."""
    from core.svg import sanitized

    plain = (b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
             b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>')
    result = sanitized(plain)
    assert result.dropped == [] and b"DOCTYPE" not in result.data and b"<rect" in result.data
    declaring = b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'
    assert sanitized(declaring).dropped == ["its DOCTYPE's declarations"]


def test_a_cmyk_picture_is_shown_in_rgb_with_a_warning(tmp_path):
    """An editor's trial (a JOSS paper's method.jpg): a CMYK JPEG stopped the PDF with Typst's
    "the PDF is missing a CMYK profile", naming no file."""
    from PIL import Image

    Image.new("CMYK", (40, 30), (0, 200, 200, 0)).save(tmp_path / "c.jpg", "JPEG")
    (tmp_path / "paper.md").write_text("---\ntitle: C\n---\n\n![A picture.](c.jpg)\n", encoding="utf-8")
    result = run_build("pdf", "html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "paper.md:5: warning: figure 'c.jpg' is a CMYK picture: the editions show it converted to RGB" \
        in result.stderr
    assert Image.open(tmp_path / "out" / "html" / "c.jpg").mode == "RGB"


def test_an_inkscape_figure_keeps_its_styles_and_says_what_it_loses_once(tmp_path):
    """An author's trial (GrigorieffLab/ctffind5_manuscript's Inkscape figures): every style
    attribute went, for one property the allowlist lacked (the panel labels' font-size with
    it: huge letters over the picture), the warning said "style attribute" five times, and a
    linked picture went as "href attribute"."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
           'width="40" height="20"><text x="1" y="9" style="font-size:3px;line-height:1.25;'
           "-inkscape-font-specification:'Sans';font-variant-ligatures:normal;fill:#000;"
           'behavior:url(x.htc)">(a)</text><text x="9" y="9" style="font-size:3px;behavior:url(y.htc)">(b)</text>'
           '<image href="../panels/p.png" width="9" height="9"/></svg>')
    (tmp_path / "f.svg").write_text(svg, encoding="utf-8")
    (tmp_path / "paper.md").write_text("---\ntitle: S\n---\n\n![A drawing.](f.svg)\n", encoding="utf-8")
    result = run_build("html", str(tmp_path / "paper.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    published = (tmp_path / "out" / "html" / "f.svg").read_text(encoding="utf-8")
    assert 'style="font-size:3px;line-height:1.25;font-variant-ligatures:normal;fill:#000"' in published
    assert 'style="font-size:3px"' in published and "htc" not in published and "p.png" not in published
    assert ("paper.md:5: warning: the SVG figure 'f.svg' is published without CSS property behavior, the picture "
            "it links, '../panels/p.png'") in result.stderr
    assert result.stderr.count("CSS property behavior") == 1
