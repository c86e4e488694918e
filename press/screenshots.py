"""Pictures of the editions for the README, made with the build's own tools:
Chromium (through Playwright) shows the HTML edition, Typst draws the PDF's
first page. ``python -m press.screenshots`` writes them into ``docs/``.

Chromium sees no system font but DejaVu (Debian's fonts-dejavu-core), as on a
machine with nothing else installed: the page shows the fonts it ships.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def dejavu_only(scratch: Path) -> dict[str, str]:
    """The environment of a browser that sees no system font but DejaVu: a fontconfig
    of that one folder."""
    if not DEJAVU.is_dir():
        sys.exit(f"DejaVu not found ({DEJAVU}): apt-get install fonts-dejavu-core")
    config = scratch / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                      f"<fontconfig><dir>{DEJAVU}</dir><cachedir>{scratch / 'cache'}</cachedir></fontconfig>\n",
                      encoding="utf-8")
    return {"FONTCONFIG_FILE": str(config)}


def html_screenshot(page: Path, target: Path, width: int = 1280, height: int = 1000) -> None:
    import os
    import tempfile

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("chromium not found: apt-get install chromium")
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as scratch:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS,
                                             env={**os.environ, **dejavu_only(Path(scratch))})
        view = browser.new_page(viewport={"width": width, "height": height})
        view.goto(page.as_uri())
        view.screenshot(path=str(target))
        browser.close()


def pdf_first_page(out: Path, target: Path) -> None:
    """The built PDF's first page as PNG (poppler's pdftoppm, as a reader's viewer draws it)."""
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        sys.exit("pdftoppm not found: apt-get install poppler-utils")
    subprocess.run([pdftoppm, "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile",
                    str(next(out.glob("*.pdf"))), str(target.with_suffix(""))], check=True)


# The pictures: the article of this repository, and the English sample article (figures,
# tables, equations, the full front matter), each as its HTML page and its PDF's first page.
PROJECTS = {"": HERE, "sample-": HERE / "tests" / "samples" / "article-en"}


def main() -> None:
    from press.pipeline import build

    docs = HERE / "docs"
    docs.mkdir(exist_ok=True)
    for prefix, root in PROJECTS.items():
        out = root / "build"
        build(root, out, ["pdf", "html"])
        html_screenshot(out / "html" / "index.html", docs / f"{prefix}html-edition.png")
        pdf_first_page(out, docs / f"{prefix}pdf-first-page.png")
        print(f"wrote {docs / f'{prefix}html-edition.png'} and {docs / f'{prefix}pdf-first-page.png'}")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main()
