"""Regenerate the sample manuscripts' figures (run on purpose, the results are
committed): a bar chart as PNG and a diagram as PDF drawn by Typst, a route map
as hand-written SVG, and a photograph-like JPEG taken by Chromium.

    python tests/samples/make_figures.py

Each sample manuscript gets its own copy in ``manuscript/figures/``.
"""
import shutil
from pathlib import Path

import typst

HERE = Path(__file__).resolve().parent
SAMPLES = ("article-en", "article-tr")

CHART = """
#set page(width: 12cm, height: 7cm, margin: 0.6cm, fill: white)
#set text(font: "Libertinus Serif", size: 9pt)
#let values = (("1995", 1.2), ("2000", 2.1), ("2005", 3.9), ("2010", 6.3), ("2015", 5.8), ("2020", 4.4))
#align(center)[*Trade volume (bn USD)*]
#v(4pt)
#grid(columns: values.len(), column-gutter: 10pt, align: bottom,
  ..values.map(((year, v)) => stack(spacing: 3pt,
    align(center, text(size: 7pt, str(v))),
    rect(width: 1.2cm, height: v * 0.7cm, fill: rgb("#1a4f8b")),
    align(center, year))))
"""
DIAGRAM = """
#set page(width: 11cm, height: 5cm, margin: 0.5cm)
#set text(font: "Libertinus Serif", size: 9pt)
#let node(body) = box(stroke: 0.8pt, inset: 6pt, radius: 3pt, body)
#align(center + horizon, stack(dir: ltr, spacing: 8pt,
  node[Dispute], sym.arrow.r, node[Mediation], sym.arrow.r, node[Ceasefire], sym.arrow.r, node[Settlement]))
"""


def jpeg(target: Path) -> None:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 480, "height": 300})
        page.set_content("<body style='margin:0;background:linear-gradient(#8fb3d9,#f4e3c1 60%,#7a9a5b)'>"
                         "<div style='position:absolute;left:60px;top:170px;width:360px;height:60px;"
                         "background:#555;transform:skewX(-30deg)'></div></body>")
        page.screenshot(path=str(target), type="jpeg", quality=80)
        browser.close()


def main() -> None:
    first = HERE / SAMPLES[0] / "manuscript" / "figures"
    (first / "trade.png").write_bytes(typst.compile(CHART.encode(), format="png", ppi=150))
    (first / "process.pdf").write_bytes(typst.compile(DIAGRAM.encode(), format="pdf", timestamp=0))
    jpeg(first / "pipeline.jpg")
    for sample in SAMPLES[1:]:
        for name in ("trade.png", "process.pdf", "pipeline.jpg", "corridor.svg"):
            shutil.copy(first / name, HERE / sample / "manuscript" / "figures" / name)


if __name__ == "__main__":
    main()
