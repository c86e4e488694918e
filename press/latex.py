"""The LaTeX edition: the same article through a jinja2 LaTeX template, for
journals that take LaTeX. ``latex_folder`` is a submission folder (the .tex,
the references, the figures) that compiles on its own with ``latexmk -xelatex``;
``write_pdf`` compiles it with XeLaTeX or LuaLaTeX.

>>> latex_escape("50% & #1_a {b}")
'50\\\\% \\\\& \\\\#1\\\\_a \\\\{b\\\\}'
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from filters.diagnostics import BuildError
from filters.markup import typst_string
from press.render import render
from press.templates import context, environment
from press.tools import TYPST_PICTURES

ENGINES = ("xelatex", "lualatex")
INSTALL_HINT = ("install TeX Live: apt-get install texlive-xetex texlive-luatex "
                "texlive-lang-european latexmk")
POLYGLOSSIA = {"tr": "turkish", "en": "english", "de": "german", "fr": "french", "ru": "russian"}
LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                  "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                  "^": r"\textasciicircum{}"}
CYRILLIC_RUN = re.compile(r"[\u0400-\u04FF]+(?:\s+[\u0400-\u04FF]+)*")
SVG_FIGURE = re.compile(r'<figure[^>]*>\s*(<svg.*?</svg>)\s*(?:<figcaption>(.*?)</figcaption>)?\s*</figure>',
                        re.S)


def latex_escape(text: str) -> str:
    return "".join(LATEX_SPECIALS.get(char, char) for char in str(text))


def with_cyrillic_font(latex: str) -> str:
    """Wrap runs of Cyrillic in ``\\cyrillicfont``: the main font has no Cyrillic."""
    return CYRILLIC_RUN.sub(lambda m: "{\\cyrillicfont " + m.group(0) + "}", latex)


def map_leaves(value, function):
    """``function`` applied to every string of nested dicts and lists."""
    if isinstance(value, dict):
        return {key: map_leaves(child, function) for key, child in value.items()}
    if isinstance(value, list):
        return [map_leaves(child, function) for child in value]
    return function(value) if isinstance(value, str) else value


def svg_figures_to_files(doc_json: str) -> tuple[str, dict[str, bytes]]:
    """Inline SVG figures (HTML raw blocks) become PDF files and \\includegraphics.

    LaTeX cannot read SVG; Typst draws the same SVG into a one-page PDF.
    """
    doc = json.loads(doc_json)
    files: dict[str, bytes] = {}
    for block in doc["blocks"]:
        if block["t"] != "RawBlock" or block["c"][0] != "html":
            continue
        match = SVG_FIGURE.search(block["c"][1])
        if not match:
            continue
        name = f"figures/figure-{len(files) + 1}.pdf"
        svg = match.group(1)
        source = ("#set page(width: auto, height: auto, margin: 0pt)\n"
                  f"#image(bytes({typst_string(svg)}), format: \"svg\")\n")
        files[name] = TYPST_PICTURES.compile(source, 0)
        caption = latex_escape(html.unescape(re.sub(r"<[^>]+>", "", match.group(2) or "")))
        block["c"] = ["latex", "\\begin{figure}[htbp]\\centering\n"
                      f"\\includegraphics[width=\\linewidth]{{{name}}}\n"
                      + (f"\\caption{{{caption}}}\n" if caption else "") + "\\end{figure}"]
    return json.dumps(doc), files


def hanging_references(doc_json: str) -> str:
    """The reference list with a hanging indent: LaTeX gets no CSS, so a group
    around the entries sets it."""
    doc = json.loads(doc_json)
    blocks = doc["blocks"]
    entries = [i for i, block in enumerate(blocks)
               if block["t"] == "Div" and "reference-entry" in block["c"][0][1]]
    if entries:
        blocks.insert(entries[-1] + 1, {"t": "RawBlock", "c": ["latex", "\\endgroup"]})
        blocks.insert(entries[0], {"t": "RawBlock", "c": ["latex",
                      "\\begingroup\\setlength{\\parindent}{0pt}"
                      "\\everypar{\\hangindent=2em\\hangafter=1}"]})
    return json.dumps(doc)


def latex_folder(job) -> dict[str, bytes]:
    """``{name: bytes}`` of the submission folder: the .tex, the .bib files, the figures."""
    doc_json, figures = svg_figures_to_files(hanging_references(job.doc_json))
    rendered = render(doc_json, "latex", ["--wrap=preserve"], job.plain)
    rendered.body = with_cyrillic_font(rendered.body)
    rendered.meta = map_leaves(rendered.meta, with_cyrillic_font)
    info = context(job, rendered, "latex")
    other = (rendered.plain.get("translation") or {}).get("lang")
    env = environment("latex", autoescape=False)
    env.filters["latex_escape"] = latex_escape
    tex = env.get_template("article.tex.j2").render(
        info, polyglossia=POLYGLOSSIA.get(job.lang.split("-")[0], "english"),
        other_polyglossia=POLYGLOSSIA.get((other or "").split("-")[0]))
    files = {f"{job.slug}.tex": tex.encode("utf-8"), **figures}
    for name in job.bibliography:
        files[Path(name).name] = Path(name).read_bytes()
    return files


def require_engine(engine: str) -> str:
    for program in (engine, "latexmk"):
        if not shutil.which(program):
            raise BuildError(f"{program} not found: the LaTeX edition needs TeX Live", hint=INSTALL_HINT)
    return engine


def compile_pdf(files: dict[str, bytes], main: str, engine: str, timestamp: int | None) -> bytes:
    """latexmk in a scratch folder; a LaTeX error is a BuildError with its log line."""
    require_engine(engine)
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            (Path(folder) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(folder) / name).write_bytes(data)
        env = {**os.environ, "FORCE_SOURCE_DATE": "1"}
        if timestamp is not None:
            env["SOURCE_DATE_EPOCH"] = str(timestamp)
        result = subprocess.run(["latexmk", f"-{engine}", "-interaction=nonstopmode", "-halt-on-error",
                                 "-file-line-error", main], cwd=folder, env=env,
                                capture_output=True, text=True, errors="replace")
        pdf = Path(folder) / main.replace(".tex", ".pdf")
        if result.returncode != 0 or not pdf.exists():
            errors = [line for line in result.stdout.splitlines()
                      if re.match(r"^(\./)?[^:]+\.tex:\d+:", line) or line.startswith("! ")]
            raise BuildError(f"{engine} failed: {errors[0] if errors else result.stdout[-500:]}",
                             hint="see the .tex in `python build.py latex` output")
        return pdf.read_bytes()


def write_pdf(job, engine: str) -> dict[str, bytes]:
    files = latex_folder(job)
    return {f"{job.slug}.pdf": compile_pdf(files, f"{job.slug}.tex", engine, job.timestamp)}


def write_folder(job, shared=None) -> dict[str, bytes]:
    return {f"latex/{name}": data for name, data in latex_folder(job).items()}
