#!/usr/bin/env python3
"""Benchmark: this system side by side with what an author would use instead.

    python bench/run.py [--runs 5] [--scales 1,10,50] [--skip sphinx,latex]

Measures, on the same sources in one run: our build (clean, no-op, one-paragraph
edit, HTML alone, peak memory, time per stage); bare pandoc (--citeproc to HTML,
EPUB and Typst→PDF, side by side); Sphinx with MyST and sphinxcontrib-bibtex (html,
epub, latex→PDF); LaTeX (our --pdf-engine xelatex against pandoc→latexmk); and time
against size on manuscripts of 1×, 10× and 50× the article. Each figure is the
median of RUNS runs, with min and max; the clean build and bare pandoc, and the
house style and each CSL style, run in turn, so that their ratios do not carry the
machine's drift. Prints a Markdown table and writes it to bench/results.md.
"""
from __future__ import annotations

import argparse
import compileall
import datetime
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work"
PYTHON = sys.executable
SPHINX_VENV = HERE / ".venv"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1600000000", "CI": "1"}
sys.path.insert(0, str(REPO))

from core import LAYERS  # noqa: E402
from core.tools import PANDOC_RUNTIME, pandoc_path  # noqa: E402 (the same pinned pandoc for all)

# --- inputs ---------------------------------------------------------------------

def scaled_manuscript(scale: int) -> Path:
    """The article repeated ``scale`` times as chapters: its text, citations and dates."""
    root = WORK / f"x{scale}"
    if root.exists():
        shutil.rmtree(root)
    (root / "manuscript").mkdir(parents=True)
    shutil.copytree(REPO / "bibliography", root / "bibliography")
    shutil.copy(REPO / "manuscript" / "metadata.yaml", root / "manuscript")
    sources = sorted((REPO / "manuscript").glob("*.md"))
    for copy in range(scale):
        for source in sources:
            text = source.read_text(encoding="utf-8")
            # footnote labels are document-wide: one per copy
            text = re.sub(r"\[\^(\w+)\]", rf"[^\1-{copy}]", text)
            (root / "manuscript" / f"{copy:03d}-{source.name}").write_text(text, encoding="utf-8")
    return root


def in_style(style: str) -> Path:
    """The article with ``csl: STYLE`` in its metadata (a CSL style through citeproc)."""
    root = WORK / f"csl-{style}"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(scaled_manuscript(1), root)
    metadata = root / "manuscript" / "metadata.yaml"
    metadata.write_text(metadata.read_text(encoding="utf-8") + f"csl: {style}\n", encoding="utf-8")
    return root


def run(command: list[str], cwd: Path | None = None, check: bool = True) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    spent = time.perf_counter() - started
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{result.stderr[-1500:]}")
    return spent


def repeat(function, runs: int) -> tuple[float, float, float]:
    """Median, min and max of ``runs`` runs."""
    return alternated([function], runs)[0]


def alternated(functions: list, runs: int) -> list[tuple[float, float, float]]:
    """Each function's figures, the functions run in turn (A B A B …): a difference
    between them is then not the machine's drift from one block of runs to the next."""
    times = [[] for _ in functions]
    for _ in range(runs):
        for spent, function in zip(times, functions):
            spent.append(function())
    return [(statistics.median(t), min(t), max(t)) for t in times]


# --- the systems --------------------------------------------------------------------

def ours(root: Path, *editions: str, clean: bool = True, out: Path | None = None,
         extra: tuple[str, ...] = ()) -> float:
    out = out or root / "build"
    if clean and out.exists():
        shutil.rmtree(out)
    return run([PYTHON, str(REPO / "build.py"), *editions, "--root", str(root), "--out", str(out),
                "--quiet", *extra])


def ours_first(root: Path) -> float:
    """A clean build with nothing kept from an earlier build (an article's first build:
    fontTools subsets every face the page needs, Typst draws the EPUB's cover)."""
    from press.kept import private_folder

    folder = private_folder()
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
    return ours(root)


def ours_edit(root: Path) -> float:
    """One paragraph changed, then a build (the first section gets one more word)."""
    page = sorted((root / "manuscript").glob("*.md"))[0]
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("dağılması ile birlikte", "dağılması ile birlikte, ", 1)
                    if "birlikte, " not in text else text.replace("birlikte, ", "birlikte", 1),
                    encoding="utf-8")
    return ours(root, clean=False)


def peak_memory_mb(root: Path) -> float:
    """Peak resident memory of a clean build, its pandoc and Typst included."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
            "print(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))")
    shutil.rmtree(root / "build", ignore_errors=True)
    result = subprocess.run([PYTHON, "-c", code, PYTHON, str(REPO / "build.py"), "--root", str(root),
                             "--quiet"], env=ENV, capture_output=True, text=True, check=True)
    return int(result.stdout.split()[-1]) / 1024


def bare_pandoc(root: Path, outputs: tuple[str, ...] = ("html", "epub", "pdf"),
                runtime: tuple[str, ...] = (), shell: bool = False) -> float:
    """The hand-made alternative: pandoc --citeproc three times, side by side, started
    from Python's threads or (``shell``) as a user starts them: background jobs of one
    shell. ``runtime``: pandoc's garbage-collector settings (an author would use the default)."""
    out = root / "pandoc"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    sources = [str(p) for p in sorted((root / "manuscript").glob("*.md"))]
    common = [pandoc_path(), *runtime, "--citeproc", "--metadata-file", str(root / "manuscript" / "metadata.yaml"),
              "--bibliography", str(root / "bibliography" / "references.bib"), "-s", "--toc",
              "--number-sections", *sources]
    commands = {
        "html": [common + ["-o", str(out / "index.html")]],
        "epub": [common + ["-o", str(out / "book.epub")]],
        "pdf": [common + ["-t", "typst", "-o", str(out / "book.typ")],
                [PYTHON, "-c", "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])",
                 str(out / "book.typ"), str(out / "book.pdf")]],
    }
    if shell:  # as a user types it: one shell, each edition a background job, then wait
        script = " & ".join(f"( {' && '.join(shlex.join(map(str, step)) for step in commands[name])} )"
                            for name in outputs) + " & wait"
        return run(["bash", "-c", f"set -e; {script}"])
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=3) as pool:
        for task in [pool.submit(lambda steps: [run(step) for step in steps], commands[name])
                     for name in outputs]:
            task.result()
    return time.perf_counter() - started


def pandoc_latex(root: Path) -> float:
    out = root / "pandoc-latex"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    sources = [str(p) for p in sorted((root / "manuscript").glob("*.md"))]
    started = time.perf_counter()
    run([pandoc_path(), "--citeproc", "--metadata-file", str(root / "manuscript" / "metadata.yaml"),
         "--bibliography", str(root / "bibliography" / "references.bib"), "-s", "--number-sections",
         "-V", "mainfont=TeX Gyre Termes", *sources, "-o", str(out / "article.tex")])
    run(["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "article.tex"], cwd=out)
    return time.perf_counter() - started


def myst(text: str) -> str:
    """pandoc Markdown → MyST: citations become sphinxcontrib-bibtex roles."""
    text = re.sub(r"\[([^\]]*?)\]\{[^}]*\}", r"\1", text)  # bracketed spans: keep the words

    def citation(match):
        keys = re.findall(r"@([\w:-]+)", match.group(1))
        return "{cite:p}`" + ",".join(keys) + "`"

    text = re.sub(r"\[((?:-?@[\w:-]+[^\];]*;?\s*)+)\]", citation, text)
    return re.sub(r"(?<![\w`])@([\w:-]+)", r"{cite:t}`\1`", text)


def sphinx_project(root: Path) -> Path:
    project = root / "sphinx"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir()
    names = []
    for source in sorted((root / "manuscript").glob("*.md")):
        (project / source.name).write_text(myst(source.read_text(encoding="utf-8")), encoding="utf-8")
        names.append(source.stem)
    shutil.copy(root / "bibliography" / "references.bib", project)
    toctree = "\n".join(names)
    (project / "index.md").write_text(
        f"# Dağlık Karabağ Sorunu ve Türkistan Devletleri\n\n```{{toctree}}\n:numbered:\n{toctree}\n```\n\n"
        "# Kaynakça\n\n```{bibliography}\n```\n", encoding="utf-8")
    (project / "conf.py").write_text(
        'project = "Dağlık Karabağ Sorunu ve Türkistan Devletleri"\nlanguage = "tr"\n'
        'extensions = ["myst_parser", "sphinxcontrib.bibtex"]\nbibtex_bibfiles = ["references.bib"]\n'
        'bibtex_reference_style = "author_year"\nlatex_engine = "xelatex"\n'
        'latex_elements = {"fontpkg": r"\\setmainfont{TeX Gyre Termes}\\setsansfont{TeX Gyre Heros}'
        '\\setmonofont{DejaVu Sans Mono}"}\nepub_show_urls = "no"\nsuppress_warnings = ["epub.unknown_project_files"]\n',
        encoding="utf-8")
    return project


def sphinx(root: Path, builders=("html", "epub", "latex")) -> float:
    project = sphinx_project(root)
    build = project / "_build"
    started = time.perf_counter()
    for builder in builders:
        run([str(SPHINX_VENV / "bin" / "sphinx-build"), "-q", "-b", builder, str(project),
             str(build / builder)])
    if "latex" in builders:
        tex = next((build / "latex").glob("*.tex"))
        run(["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name], cwd=build / "latex")
    return time.perf_counter() - started


def stage_times(root: Path) -> list[tuple[str, float]]:
    """Where the time goes in a clean build: the pipeline's own stage timings."""
    from press.pipeline import build
    out = root / "build-stages"
    shutil.rmtree(out, ignore_errors=True)
    report = build(root, out, ["pdf", "html", "epub"], use_cache=False)
    return report.timings


def python_profile(root: Path, most: int = 12) -> list[tuple[str, int, float, float]]:
    """The top costs of our own Python in a clean build (after the imports), by cProfile:
    (function, calls, own time, time with callees). cProfile follows the main thread,
    which reads and filters; the editions' threads mostly wait on pandoc and Typst."""
    import cProfile
    import pstats

    from press.pipeline import build
    out = root / "build-profile"
    shutil.rmtree(out, ignore_errors=True)
    profiler = cProfile.Profile()
    profiler.runcall(build, root, out, ["pdf", "html", "epub"], use_cache=False)
    ours = []
    for (filename, line, name), (_, calls, own, total, _) in pstats.Stats(profiler).stats.items():
        path = Path(filename)
        if path.is_relative_to(REPO) and path.parts[len(REPO.parts)] in LAYERS:
            ours.append((f"{path.relative_to(REPO)}:{line} {name}", calls, own, total))
    return sorted(ours, key=lambda row: -row[3])[:most]


# --- the table ----------------------------------------------------------------------

def cell(figures: tuple[float, float, float]) -> str:
    median, low, high = figures
    return f"{median:.2f} s ({low:.2f}–{high:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="1,10,50")
    parser.add_argument("--skip", default="", help="systems to leave out: sphinx, latex")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    if not (SPHINX_VENV / "bin" / "sphinx-build").exists():
        skip.add("sphinx")
    if not shutil.which("latexmk"):
        skip.add("latex")
    WORK.mkdir(exist_ok=True)
    # An installed tool runs from bytecode (pip compiles it at install; a checkout
    # writes its __pycache__ on the first run). Where PYTHONDONTWRITEBYTECODE is set,
    # every timed run would compile our modules from source again: compile them once.
    for package in LAYERS:
        compileall.compile_dir(REPO / package, quiet=1)
    # … and its regular expressions from the snapshot `make` records (core/patterns.py),
    # recorded again here: for the code being measured.
    run([PYTHON, "-m", "press.precompile"], cwd=REPO)
    runs = args.runs
    lines = [f"Benchmark of {datetime.date.today().isoformat()} on {os.cpu_count()} cores "
             f"({platform.processor() or platform.machine()}, Python {platform.python_version()}); "
             f"median of {runs} runs (min–max); our modules run from bytecode and their regular "
             f"expressions from the precompiled snapshot; the clean build and "
             f"bare pandoc, and the house style and each CSL style, run in turn.", ""]

    article = scaled_manuscript(1)
    ours(article)  # warm the file cache and the cache folder's parents
    bare_pandoc(article)
    clean, first, pandoc, pandoc_shell, pandoc_tuned = alternated(
        [lambda: ours(article), lambda: ours_first(article), lambda: bare_pandoc(article),
         lambda: bare_pandoc(article, shell=True), lambda: bare_pandoc(article, runtime=tuple(PANDOC_RUNTIME))],
        runs)
    ours(article, clean=True)
    noop = repeat(lambda: ours(article, clean=False), runs)
    edit = repeat(lambda: ours_edit(article), runs)
    html_only = repeat(lambda: ours(article, "html"), runs)
    styles, house = {}, {}
    for style in ("apa", "isnad-metinici"):
        styled = in_style(style)
        house[style], styles[style] = alternated([lambda: ours(article), lambda: ours(styled)], runs)
    rows = [("ours: clean build, PDF + HTML + EPUB", clean),
            ("ours: the same, nothing kept from an earlier build (an article's first build: "
             "web fonts subset, cover drawn)", first),
            *((f"ours: the same in a CSL style ({style}, through citeproc)", figures)
              for style, figures in styles.items()),
            ("ours: no-op rebuild", noop),
            ("ours: after a one-paragraph edit", edit),
            ("ours: HTML edition alone", html_only),
            ("bare pandoc --citeproc: HTML + EPUB + Typst→PDF, side by side", pandoc),
            ("the same started from a shell (background jobs, then wait)", pandoc_shell),
            (f"the same with our pandoc GC settings ({' '.join(PANDOC_RUNTIME)})", pandoc_tuned)]
    ratios = [("clean / bare pandoc", clean[0] / pandoc[0], "≤ 1.3, aiming at 1.0"),
              ("clean / bare pandoc started from a shell", clean[0] / pandoc_shell[0], "≤ 1.2"),
              ("clean / bare pandoc with our GC settings", clean[0] / pandoc_tuned[0], ""),
              ("first build (nothing kept) / bare pandoc", first[0] / pandoc[0], ""),
              ("no-op / clean", noop[0] / clean[0], "≤ 0.15")]
    ratios += [(f"{style} − house style (seconds, runs alternated)", figures[0] - house[style][0], "≤ 0.10")
               for style, figures in styles.items()]
    if "sphinx" not in skip:
        sphinx_all = repeat(lambda: sphinx(article), runs)
        rows.append(("Sphinx + MyST + sphinxcontrib-bibtex: html + epub + latex→PDF", sphinx_all))
        ratios.append(("Sphinx / clean", sphinx_all[0] / clean[0], "≥ 3"))
    if "latex" not in skip:
        ours_latex = repeat(lambda: ours(article, "pdf", out=article / "build-latex",
                                         extra=("--pdf-engine", "xelatex")), runs)
        pandoc_tex = repeat(lambda: pandoc_latex(article), runs)
        rows += [("ours: PDF through XeLaTeX (--pdf-engine xelatex)", ours_latex),
                 ("pandoc → latexmk -xelatex", pandoc_tex)]
        ratios.append(("ours XeLaTeX / pandoc→latexmk", ours_latex[0] / pandoc_tex[0], ""))
    memory = peak_memory_mb(article)

    lines += ["| what | time |", "|---|---|"] + [f"| {name} | {cell(fig)} |" for name, fig in rows]
    lines += [f"| ours: peak memory of a clean build | {memory:.0f} MB |", "",
              "| ratio (same run) | value | target |", "|---|---|---|"]
    lines += [f"| {name} | {value:.2f} | {target} |" for name, value, target in ratios]

    scales = [int(s) for s in args.scales.split(",")]
    lines += ["", "Time against size (clean builds; median of runs):", "",
              "| size | ours | bare pandoc |" + (" Sphinx |" if "sphinx" not in skip else ""),
              "|---|---|---|" + ("---|" if "sphinx" not in skip else "")]
    base = None
    for scale in scales:
        root = article if scale == 1 else scaled_manuscript(scale)
        scale_runs = runs if scale < 50 else max(3, runs // 2 + 1) if runs < 5 else runs
        mine = repeat(lambda: ours(root), scale_runs)
        theirs = repeat(lambda: bare_pandoc(root), scale_runs)
        base = base or mine[0]
        row = f"| {scale}× | {cell(mine)} = {mine[0] / base:.1f}× the 1× time | {cell(theirs)} |"
        if "sphinx" not in skip:
            row += f" {cell(repeat(lambda: sphinx(root, ('html', 'epub')), scale_runs))} (html + epub) |"
        lines.append(row)

    lines += ["", "Where the time goes in a clean build of the article (one run, per stage; "
              "the editions overlap):", "", "| stage | time |", "|---|---|"]
    lines += [f"| {name} | {spent:.3f} s |" for name, spent in stage_times(article)]
    lines += ["", "Top costs of our own Python on the main thread (cProfile, one clean build after "
              "the imports; times include cProfile's overhead):", "",
              "| function | calls | own | with callees |", "|---|---|---|---|"]
    lines += [f"| `{name}` | {calls} | {own:.3f} s | {total:.3f} s |"
              for name, calls, own, total in python_profile(article)]
    table = "\n".join(lines)
    print(table)
    (HERE / "results.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
