#!/usr/bin/env python3
"""Hostile sizes, timed: what issue 19 measured, at its size and at ten times it.

    python bench/hostile.py

- the clause reader: one paragraph repeating a date 200 and 2,000 times, each in a
  sentence of its own, and 200 and 500 times in one sentence (whose every entry holds
  the sentence: the entries' text itself grows with the square of its dates): the
  chronology stage alone;
- the .bib line lookup: 20 MB and 200 MB of entries, and as many blank lines;
- one word of 1 MB and 10 MB, and a table of 2 MB and 20 MB: a whole PDF build, which
  stops at the documented limit (``--limit word``, ``--limit cells``) with an error;
- 4,000 and 40,000 LaTeX commands no edition but LaTeX knows (``\\foo{a}``): read, shown
  as their words, vetted by the LaTeX edition, the first 30 warnings named (pandoc's own
  reader takes ~0.8 ms a command: linear, with that constant);
- a build's peak memory at the limits: the largest text, .bib and picture it accepts.

A benchmark, not a test: it prints each figure; nothing fails on time.
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1600000000"}
PARAGRAPHS = {"one sentence": "27 Eylül 2020’de savaş başladı ve ", "sentences": "27 Eylül 2020’de savaş başladı. "}
ENTRY = "@book{k%d, author = {Aslanlı, A.}, title = {Kitap %d}, year = {2015}, publisher = {P}}\n"


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def clause_reader(form: str, dates: int) -> float:
    """The chronology stage on one Turkish paragraph holding ``dates`` dates."""
    import logging

    import panflute as pf

    from core.tools import run_pandoc
    from filters import chronology, metadata

    logging.getLogger("press").setLevel(logging.ERROR)
    markdown = "---\nlang: tr\ntitle: T\n---\n\n# A\n\n" + PARAGRAPHS[form] * dates + "son.\n"
    doc = metadata.main(pf.load(io.StringIO(run_pandoc(["--from", "markdown", "--to", "json"], stdin=markdown))))
    return timed(lambda: chronology.main(doc))


def bib_lines(megabytes: int, blank: bool) -> float:
    from filters.bibliography import entry_lines

    size = megabytes * 1_000_000
    text = "\n" * size if blank else "".join(ENTRY % (i, i) for i in range(size // len(ENTRY % (1, 1))))
    return timed(lambda: entry_lines(text))


def project(folder: Path, text: str, bib: str = "") -> Path:
    (folder / "manuscript").mkdir(parents=True)
    (folder / "manuscript" / "01.md").write_text(text, encoding="utf-8")
    (folder / "manuscript" / "metadata.yaml").write_text("lang: tr\ntitle: T\n", encoding="utf-8")
    if bib:
        (folder / "bibliography").mkdir()
        (folder / "bibliography" / "references.bib").write_text(bib, encoding="utf-8")
    return folder


def build(root: Path, *args: str) -> tuple[float, str, int]:
    """A whole build under /usr/bin/time: seconds, its last message, peak memory (kB)."""
    command = ["/usr/bin/time", "-f", "%M", sys.executable, str(REPO / "build.py"), *args, "--no-cache",
               "--quiet", "--root", str(root), "--out", str(root.parent / f"{root.name}-out")]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=ENV)
    lines = result.stderr.strip().splitlines()
    message = next((line for line in reversed(lines[:-1]) if "error" in line), "built")
    return time.perf_counter() - started, message[:110], int(lines[-1])


def largest_accepted(folder: Path) -> Path:
    """The seed's text repeated to just under the text limit, a .bib of entries to just under
    the .bib limit, and one picture of just under the pixel limit (7,000 × 7,000)."""
    from PIL import Image

    from core.inputs import LIMITS

    seed = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted((REPO / "manuscript").glob("*.md")))
    copies = (LIMITS["text"].default - 1000) // (len(seed.encode("utf-8")) + 2)
    text = "\n\n".join(seed.replace("[^", f"[^c{copy}-") for copy in range(copies))
    bib = (REPO / "bibliography" / "references.bib").read_text(encoding="utf-8")
    room = LIMITS["bib"].default - len(bib.encode("utf-8")) - 1000
    bib += "".join(ENTRY % (i, i) for i in range(room // len(ENTRY % (999999, 999999))))
    root = project(folder, text + "\n\n![A picture at the limit](figures/large.png)\n", bib)
    (root / "manuscript" / "metadata.yaml").write_text(
        (REPO / "manuscript" / "metadata.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (root / "manuscript" / "figures").mkdir()
    Image.new("RGB", (7000, 7000), (200, 200, 190)).save(root / "manuscript" / "figures" / "large.png")
    return root


def main() -> None:
    print("| what | size | time |\n|---|---|---|")
    for form, sizes in (("sentences", (200, 2000)), ("one sentence", (200, 500))):
        for dates in sizes:
            print(f"| clause reader, a paragraph repeating a date ({form}) | {dates} dates | "
                  f"{clause_reader(form, dates):.2f} s |", flush=True)
    for blank in (False, True):
        for megabytes in (20, 200):
            kind = "blank lines" if blank else "entries"
            print(f"| .bib line lookup ({kind}) | {megabytes} MB | {bib_lines(megabytes, blank):.2f} s |", flush=True)
    with tempfile.TemporaryDirectory(prefix="press-hostile-") as scratch:
        for size in (1, 10):
            word = project(Path(scratch) / f"word{size}", "# A\n\nBir " + "a" * size * 1_000_000 + " son.\n")
            seconds, message, _ = build(word, "pdf", "--limit", f"text={size + 1}M")
            print(f"| one unbreakable word, PDF | {size} MB | {seconds:.2f} s: {message} |", flush=True)
            rows = "".join(f"| a{i} | b{i} | c{i} |\n" for i in range(size * 70_000))
            table = project(Path(scratch) / f"table{size}", "# A\n\n| A | B | C |\n|---|---|---|\n" + rows)
            seconds, message, _ = build(table, "pdf", "--limit", f"text={size * 3}M")
            print(f"| one table, PDF | {size * 2} MB | {seconds:.2f} s: {message} |", flush=True)
        for commands in (4_000, 40_000):  # LaTeX commands only LaTeX knows: read, warned, vetted
            text = "# A\n\n" + "\n\n".join("W \\foo{a} x" for _ in range(commands)) + "\n"
            seconds, message, _ = build(project(Path(scratch) / f"commands{commands}", text), "html", "latex")
            print(f"| unknown LaTeX commands, one a paragraph: HTML, LaTeX | {commands} | {seconds:.2f} s: "
                  f"{message} |", flush=True)
        seconds, message, memory = build(largest_accepted(Path(scratch) / "largest"), "pdf", "html", "epub")
        print(f"| the largest manuscript the defaults accept (2 MB text, 8 MB .bib, a 49-million-pixel "
              f"picture): PDF, HTML, EPUB | peak {memory / 1000:.0f} MB | {seconds:.2f} s: {message} |")


if __name__ == "__main__":
    main()
