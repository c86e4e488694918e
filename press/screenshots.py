"""Pictures of the editions for the README, made with the build's own tools:
Chromium (through Playwright) shows the HTML edition, Typst draws the PDF's
first page. ``python -m press.screenshots`` writes them into ``docs/``.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def html_screenshot(page: Path, target: Path, width: int = 1280, height: int = 1000) -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("chromium not found: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        view = browser.new_page(viewport={"width": width, "height": height})
        view.goto(page.as_uri())
        view.screenshot(path=str(target))
        browser.close()


def pdf_first_page(out: Path, target: Path) -> None:
    from press.cache import source_date_epoch
    from press.editions import Job
    from press.pdf import render_typst, typst_source
    from press.tools import TYPST

    facts = json.loads((out / ".cache" / "filtered.json").read_text(encoding="utf-8"))
    job = Job(facts["ast"], facts["slug"], facts["lang"], source_date_epoch(), plain=facts["plain"])
    source = typst_source(job, render_typst(job))
    target.write_bytes(TYPST.compile(source, job.timestamp, output="png", ppi=110))


def main() -> None:
    from press.pipeline import build

    out = HERE / "build"
    build(HERE, out, ["pdf", "html", "epub"])
    docs = HERE / "docs"
    docs.mkdir(exist_ok=True)
    html_screenshot(out / "html" / "index.html", docs / "html-edition.png")
    pdf_first_page(out, docs / "pdf-first-page.png")
    print(f"wrote {docs / 'html-edition.png'} and {docs / 'pdf-first-page.png'}")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main()
