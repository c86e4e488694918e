#!/usr/bin/env python3
"""The corpus benchmark: every manuscript of ``manifest.yaml`` built in every edition,
as its authors left it, and what came out of it.

    python bench/corpus/run.py [--cache DIR] [--only id1,id2] [--part dev|test|all]
                               [--editions pdf,html,…] [--system DIR] [--jobs N]

For each manuscript × edition: whether it builds or stops (with the build's message),
the gatekeeper's verdict on what it built (the edition records of ``press.editions``
name the validator: EPUBCheck, the JATS DTD, latexmk), and what reached the reader:
leftover LaTeX (``\\ref{``, ``??``) in the edition's text as its reader reads it back.
Per manuscript: fidelity against bare pandoc (the words of pandoc's own plain text of
the manuscript, found in order in our HTML edition; captions, notes and the title
block are matched where they stand, since each edition places them its own way),
display equations, images and cross-references found in the HTML against those the
source holds, and the build's warnings.

The corpus is split by a fixed rule into a development part (tuned on) and a test
part (scored at the end only): within each ``kind``, the ids in the order of their
SHA-256, every third one (the 3rd, 6th, …) is a test manuscript (``split``).

``--system DIR`` builds with another checkout of press (its ``build.py`` and
``.venv``): the "before" figures come from the main branch. Writes the table to
``bench/corpus/results.md`` (``--results``) and the raw results as JSON beside the
outputs (``--work``).
"""
from __future__ import annotations

import argparse
import bisect
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))

from core.tools import pandoc_path  # noqa: E402  (the same pinned pandoc as the build)
from press.editions import EDITION, EDITIONS  # noqa: E402

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1600000000", "CI": "1"}
SOURCE_SUFFIXES = (".md", ".qmd", ".markdown", ".Rmd")
TIMEOUT = 900
# What a reader must never see: LaTeX that no edition rendered, and LaTeX's mark of
# a reference it could not resolve.
LEFTOVER = re.compile(r"\\(?:auto|eq|c|C|page)?ref\{|\\label\{|\\begin\{|\\cite[pt]?\{|\?\?")
RAW_XREF = re.compile(r"\\(?:auto|eq|c|C)?ref\{")
XREF_PREFIX = re.compile(r"^(?:fig|tbl|eq|sec|lst|thm|lem|cor|prp|def|exm|exr|cnj)[:-]", re.I)
DISPLAY_ENVIRONMENT = re.compile(r"\\begin\{(equation|align|gather|multline|eqnarray)\*?\}")


# --- the corpus ------------------------------------------------------------------------

def split(entries: list[dict]) -> dict[str, str]:
    """Each id's part: "test" for every third id of its kind in SHA-256 order, else "dev".

    >>> split([{"id": name, "kind": "k"} for name in "abcdef"])["d"], len(split([{"id": "x", "kind": "k"}]))
    ('dev', 1)
    """
    parts: dict[str, str] = {}
    kinds: dict[str, list[str]] = {}
    for entry in entries:
        kinds.setdefault(entry["kind"], []).append(entry["id"])
    for ids in kinds.values():
        ordered = sorted(ids, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
        for position, identifier in enumerate(ordered, start=1):
            parts[identifier] = "test" if position % 3 == 0 else "dev"
    return parts


def invocation(entry: dict, cache: Path) -> tuple[Path, Path | None]:
    """(root, path) as an author points the build at the manuscript: the root is the
    manuscript's folder in the cache, the path its Markdown file, or, for a manuscript
    of several files in one folder (Manubot's content/, a thesis's chapters), that
    folder. A cache already holding manuscript/ (the standard layout) gets no path."""
    root = cache / entry["id"]
    if (root / "manuscript").is_dir():
        return root, None
    main = root / entry["main"]
    siblings = [f for f in entry["files"] if Path(f["path"]).parent == Path(entry["main"]).parent
                and f["path"].endswith(SOURCE_SUFFIXES)]
    if "multi-file" in entry.get("features", []) and len(siblings) > 1:
        return root, main.parent
    return root, main


def sources_of(root: Path, path: Path | None) -> list[Path]:
    """The Markdown files bare pandoc is given, in reading order."""
    if path is None:
        path = root / "manuscript"
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in SOURCE_SUFFIXES)
    return [path]


# --- building ---------------------------------------------------------------------------

def build(system: Path, root: Path, path: Path | None, edition: str, out: Path) -> dict:
    """One edition, built by ``system`` as an author would run it: status and messages."""
    python = system / ".venv" / "bin" / "python"
    command = [str(python), str(system / "build.py"), edition, "--root", str(root), "--out", str(out),
               "--quiet"]
    if path is not None:
        command.append(str(path))
    started = time.perf_counter()
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=TIMEOUT,
                                cwd=root)
    except subprocess.TimeoutExpired:
        return {"status": "stop", "message": f"no result after {TIMEOUT} s", "warnings": [], "seconds": TIMEOUT}
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    warnings = [line for line in lines if ": warning: " in line or line.startswith("warning: ")]
    errors = [line for line in lines if line not in warnings]
    errors = [line for line in errors if "error:" in line] or errors  # not the usage lines
    status = "built" if result.returncode == 0 else "stop"
    if result.returncode not in (0, 1, 2) or any(line.startswith("Traceback") for line in lines):
        status = "crash"
    return {"status": status, "message": "\n".join(errors)[:4000], "warnings": warnings,
            "seconds": round(time.perf_counter() - started, 2)}


def read_back(edition: str, main: Path, gatekeepers: bool = True) -> tuple[str | None, str]:
    """(the edition's text as its reader sees it, the gatekeeper's verdict). The LaTeX
    edition's reader is its gatekeeper: latexmk compiles the folder."""
    record = EDITION[edition]
    from core.diagnostics import BuildError

    verdict = "none"
    if not gatekeepers and edition in ("latex", "pdf"):
        return None, verdict
    if record.validator and edition != "latex" and gatekeepers:
        try:
            record.validate(main)
            verdict = "pass"
        except BuildError as failure:
            verdict = "fail: " + str(failure)[:600]
    try:
        text = record.read(main)
        if edition == "latex":
            verdict = "pass"
    except BuildError as failure:
        text = None
        if edition == "latex":
            verdict = "fail: " + str(failure)[-600:]
    except Exception as failure:  # noqa: BLE001 (a reader's failure is a result, not the run's end)
        text = None
        verdict = f"fail: cannot read back: {failure}"[:600] if verdict in ("none", "pass") else verdict
    return text, verdict


# --- fidelity -----------------------------------------------------------------------------

def code_texts(node) -> list[str]:
    """The text of every code span and block of pandoc's JSON: a paper about LaTeX shows
    ``\\autoref{x}`` as code, on purpose."""
    if isinstance(node, dict):
        if node.get("t") in ("Code", "CodeBlock"):
            return [node["c"][1]]
        return [text for value in node.values() for text in code_texts(value)]
    if isinstance(node, list):
        return [text for value in node for text in code_texts(value)]
    return []


def leftovers(text: str, doc: dict | None) -> list[str]:
    """LaTeX left in an edition's text, the author's code left out of the count."""
    for code in sorted(code_texts(doc) if doc else [], key=len, reverse=True):
        text = text.replace(code, " ")
    return sorted(set(LEFTOVER.findall(text)))


# A code cell's fence as Quarto and knitr read it (```{r}, ```{python echo=FALSE}): pandoc
# alone takes it for inline code and the cell's code for text, where `$x$y` is math.
CELL_FENCE = re.compile(r"^([ \t]*`{3,})\{([A-Za-z]\w*)(?:[ \t,](?:\"[^\"\n]*\"|'[^'\n]*'|[^}\n\"'])*)?\}[ \t]*$",
                        re.M)


# A cell its author hid, which Quarto and knitr do not show: {r, echo=FALSE}, #| include: false
HIDDEN_CELL = re.compile(r"\b(?:echo|include)\s*=\s*F(?:ALSE)?\b")
HIDDEN_CELL_LINE = re.compile(r"^\s*(?:#|//|--|%%?)\|\s*(?:echo|include)\s*:\s*false\s*$", re.M)


def as_quarto_reads(text: str) -> str:
    r"""The source with each code cell fenced as a code block in its language (class
    ``hidden`` when its author hid it).

    >>> as_quarto_reads("```{r} \nx$end - y$start\n```\n")
    '```{.r}\nx$end - y$start\n```\n'
    >>> as_quarto_reads("```{r setup, include=FALSE}\nlibrary(x)\n```\n")
    '```{.r .hidden}\nlibrary(x)\n```\n'
    """
    return CELL_FENCE.sub(lambda m: f"{m.group(1)}{{.{m.group(2)}"
                                    f"{' .hidden' if HIDDEN_CELL.search(m.group(0)) else ''}}}", text)


def pandoc_json(sources: list[Path]) -> dict:
    text = "\n\n".join(as_quarto_reads(source.read_text(encoding="utf-8")) for source in sources)
    result = subprocess.run([pandoc_path(), "--from", "markdown", "--to", "json"], input=text,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip())
    return json.loads(result.stdout)


def walk(value, visit):
    """Every element (a dict with "t") under ``value``, parents first."""
    if isinstance(value, list):
        for item in value:
            walk(item, visit)
    elif isinstance(value, dict):
        if "t" in value:
            visit(value)
        for key, child in value.items():
            if isinstance(child, (list, dict)):
                walk(child, visit)


def census(doc: dict) -> dict[str, int]:
    """What the source holds that words do not show: display equations (``$$`` and
    LaTeX environments), local images, cross-references (pandoc-crossref's and
    Quarto's ``@fig:x``, LaTeX's ``\\ref``), raw LaTeX."""
    counts = {"equations": 0, "images": 0, "xrefs": 0, "raw_tex": 0}

    def visit(element):
        kind, content = element["t"], element.get("c")
        if kind == "Math" and content[0]["t"] == "DisplayMath":
            counts["equations"] += 1
        elif kind == "Image" and not re.match(r"^[a-z]+:", content[2][0]):
            counts["images"] += 1
        elif kind == "Cite":
            counts["xrefs"] += sum(bool(XREF_PREFIX.match(c["citationId"])) for c in content[0])
        elif kind in ("RawBlock", "RawInline") and content[0] in ("latex", "tex"):
            counts["raw_tex"] += 1
            counts["xrefs"] += len(RAW_XREF.findall(content[1]))
            counts["equations"] += len(DISPLAY_ENVIRONMENT.findall(content[1]))
    walk(doc["blocks"], visit)
    return counts


def units(doc: dict) -> list[tuple[str, list]]:
    """The manuscript as units of text to find in an edition: each block of the body
    ("body", in order), and each caption, note and title-block field ("apart", where it
    stands: each edition places them its own way). Out of the words: citations (each
    style prints them its own way), math, images' alt text and raw markup, none of
    which pandoc's plain text holds as words either; list numbers, which a list shows
    but does not print as text; a first heading that names the abstract ("Özet"), which
    every edition heads with its own term (``filters.dialects.abstract_heading``)."""
    from filters.dialects import abstract_headings

    apart: list[list] = []

    def strip(value):
        if isinstance(value, list):
            result = []
            for item in value:
                if isinstance(item, dict) and item.get("t") in ("Cite", "Math", "RawInline", "RawBlock", "Image"):
                    continue
                if isinstance(item, dict) and item.get("t") == "Str" and re.fullmatch(r"\{#[^{}]+\}", item["c"]):
                    continue  # an equation's label (pandoc-crossref's, Quarto's): no text
                if isinstance(item, dict) and item.get("t") == "Note":
                    apart.append(strip(item["c"]))
                    continue
                result.append(strip(item))
            return result
        if isinstance(value, dict):
            if value.get("t") == "CodeBlock" and ("hidden" in value["c"][0][1]
                                                  or HIDDEN_CELL_LINE.search(value["c"][1][:2000])):
                return {"t": "Div", "c": [["", [], []], []]}  # a cell its author hid: Quarto shows none of it
            if value.get("t") == "Figure":
                apart.append(strip(value["c"][1][1]))
                return {"t": "Div", "c": [["", [], []], strip(value["c"][2])]}
            if value.get("t") == "Table":
                apart.append(strip(value["c"][1][1]))
                value = dict(value, c=[value["c"][0], [None, []], *value["c"][2:]])
            if value.get("t") == "OrderedList":
                value = {"t": "BulletList", "c": value["c"][1]}
            return {key: strip(child) if key != "meta" else child for key, child in value.items()}
        return value

    def pieces(block):
        """A block as the units it holds: a list's items, a div's blocks, each apart."""
        if block["t"] in ("BulletList", "OrderedList"):
            items = block["c"] if block["t"] == "BulletList" else block["c"][1]
            return [piece for item in items for child in item for piece in pieces(child)]
        if block["t"] in ("Div", "BlockQuote"):
            children = block["c"][1] if block["t"] == "Div" else block["c"]
            return [piece for child in children for piece in pieces(child)]
        return [block]

    blocks, meta = doc["blocks"], doc.get("meta", {})
    headings = [index for index, block in enumerate(blocks) if block["t"] == "Header"]
    # the first heading; the second when the first is the title (a text without one in its metadata)
    first = headings[0 if "title" in meta else 1] if len(headings) > (0 if "title" in meta else 1) else None
    if first is not None and "abstract" not in meta and \
            stringified(blocks[first]["c"][2]).strip().rstrip(":").lower() in abstract_headings():
        blocks = blocks[:first] + blocks[first + 1:]
    body = [("body", [strip(piece)]) for block in blocks for piece in pieces(block)]
    for key in ("title", "subtitle", "abstract"):
        if key in meta:
            apart.append(strip(meta_blocks(meta[key])))
    for name in author_names(meta):
        apart.append(strip(meta_blocks(name)))
    return body + [("apart", blocks) for blocks in apart if blocks]


def stringified(inlines: list) -> str:
    """The text of pandoc JSON inlines (words and spaces).

    >>> stringified([{"t": "Str", "c": "Özet"}, {"t": "Space"}, {"t": "Emph", "c": [{"t": "Str", "c": "x"}]}])
    'Özet x'
    """
    return "".join(" " if item["t"] in ("Space", "SoftBreak") else item["c"] if item["t"] == "Str"
                   else stringified(item["c"]) if item["t"] in ("Emph", "Strong", "Span") else ""
                   for item in inlines)


def meta_blocks(value) -> list:
    """A metadata value as blocks."""
    if value["t"] == "MetaBlocks":
        return value["c"]
    if value["t"] == "MetaInlines":
        return [{"t": "Para", "c": value["c"]}]
    if value["t"] == "MetaString":
        return [{"t": "Para", "c": [{"t": "Str", "c": value["c"]}]}]
    return []


def author_names(meta: dict) -> list:
    """The authors' names as the front matter writes them (``author`` or ``authors``:
    strings, or maps with ``name``, itself a string or ``{given, family}``)."""
    found = []
    for key in ("author", "authors"):
        value = meta.get(key)
        if not value:
            continue
        items = value["c"] if value["t"] == "MetaList" else [value]
        for item in items:
            if item["t"] == "MetaMap":
                name = item["c"].get("name")
                if name and name["t"] == "MetaMap":
                    parts = [name["c"][k] for k in ("given", "family") if k in name["c"]]
                    name = {"t": "MetaInlines", "c": [i for p in parts for i in meta_blocks(p)[0]["c"] + [
                        {"t": "Space"}]]} if parts else name["c"].get("literal")
                if name:
                    found.append(name)
            elif item["t"] in ("MetaInlines", "MetaString"):
                found.append(item)
    return found


def plain_words(unit_blocks: list[list]) -> list[list[str]]:
    """Each unit's words in pandoc's plain text (one pandoc run for all)."""
    marker = "PRESSUNITMARK"
    blocks = []
    for index, unit in enumerate(unit_blocks):
        blocks.append({"t": "Para", "c": [{"t": "Str", "c": f"{marker}{index}"}]})
        blocks += unit
    doc = {"pandoc-api-version": [1, 23, 1], "meta": {}, "blocks": blocks}
    result = subprocess.run([pandoc_path(), "--from", "json", "--to", "plain", "--wrap=none"],
                            input=json.dumps(doc), capture_output=True, text=True, check=True)
    pieces = re.split(rf"{marker}\d+", result.stdout)[1:]
    return [words(as_quarto_shows(piece)) for piece in pieces]


# What Quarto, whose manuscripts these are, never prints: a code cell's option lines
# (`#| label: fig-x`, in each language's comment) and a shortcode's name (`{{< pagebreak >}}`,
# `{{< smallcaps chemdraw >}}`: its words, "chemdraw", are printed).
# (pandoc reads a cell fenced as ```{r} as inline code: its options are then "#| key: value" in a line)
CELL_OPTION = re.compile(r"^[ \t]*(?:#|//|--|%%)\|.*$|(?:#|//|--|%%)\| [\w.-]+: (?:\"[^\"]*\"|\S+)", re.M)
SHORTCODE_NAME = re.compile(r"\{\{<\s*[\w-]+|>\}\}")
# … nor the engine of a cell that pandoc read as inline code ({r}, {python}): a listing's language
CELL_ENGINE = re.compile(r"\{(?:r|R|python|julia|ojs|sql|bash|sh|mermaid|dot|stata|octave)\b[^{}]*\}")


def as_quarto_shows(text: str) -> str:
    """pandoc's plain text without what Quarto never prints.

    >>> as_quarto_shows("x\\n    #| prompt: true\\n    y()\\n{{< smallcaps chemdraw >}} files")
    'x\\n\\n    y()\\n chemdraw  files'
    >>> as_quarto_shows('{r} #| label: "data-import" #| message: false df <- 1')
    '   df <- 1'
    """
    return CELL_ENGINE.sub("", SHORTCODE_NAME.sub("", CELL_OPTION.sub("", text)))


def words(text: str) -> list[str]:
    """The words of a text, compared as a reader compares them: ``CO₂`` is ``CO2``, an
    accent typed as a combining mark is the letter's."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


def next_place(positions: dict[str, list[int]], word: str, here: int, slack: int) -> int | None:
    """Where ``word`` stands next, at ``here`` or within ``slack`` words after it.

    >>> next_place({"a": [3, 9]}, "a", 4, 10), next_place({"a": [3, 9]}, "a", 4, 2)
    (9, None)
    """
    places = positions.get(word, [])
    index = bisect.bisect_left(places, here)
    return places[index] if index < len(places) and places[index] - here <= slack else None


def found_in(needle: list[str], positions: dict[str, list[int]], cursor: int, slack: int = 40
             ) -> tuple[int, int, list[str]]:
    """The best reading of ``needle`` in the text whose word positions are
    ``positions``: its words found in order, each within ``slack`` words of the one
    before, from where its rarest words stand (the body's after ``cursor`` when it can).
    (how many found, where the match ends, the runs of words not found).

    >>> text = "giving co2 instead of co _2".split()
    >>> found_in("giving co instead of co _2".split(), {w: [i for i, x in enumerate(text) if x == w] for w in text}, 0)
    (5, 6, ['co'])
    """
    present = sorted((len(positions[w]), offset, w) for offset, w in enumerate(needle) if w in positions)
    starts = [cursor]
    for _, offset, word in present[:2]:
        places = positions[word]
        after = bisect.bisect_left(places, cursor + offset)
        starts += [max(p - offset - 5, 0) for p in places[after:after + 5] + places[:5]]
    best = (-1, cursor, [])
    for start in dict.fromkeys(starts):
        here, hits, missing, run = start, 0, [], []
        for offset, word in enumerate(needle):
            place = next_place(positions, word, here, slack)
            following = needle[offset + 1] if offset + 1 < len(needle) else None
            # a word found only past the next one (the "CO" of "CO\\textsubscript{2}", printed
            # "CO2" in ours, found in "CO$_2$" further on) would lose the next: it is missing
            if place is not None and following is not None \
                    and next_place(positions, following, place + 1, slack) is None:
                sooner = next_place(positions, following, here, slack)
                place = None if sooner is not None and sooner < place else place
            if place is not None:
                hits, here = hits + 1, place + 1
                if run:
                    missing.append(" ".join(run))
                    run = []
            else:
                run.append(word)
        if run:
            missing.append(" ".join(run))
        if hits > best[0] or hits == best[0] and start >= cursor > best[1]:
            best = (hits, here, missing)
    return best


# Where a subscript or a superscript of our page starts (pandoc's plain text leaves out the
# raw ``CO\textsubscript{2}`` that our editions print: its "CO" is our "CO2"'s first part).
SCRIPT_START = "\ue000"  # a private character: no text holds it, and lxml takes it


def page_text(page: Path) -> str:
    """Our HTML page's text without its math (pandoc's plain text, the reference, holds
    no math as words either), each subscript and superscript marked where it starts."""
    from lxml import etree, html

    from press.readback import seen_text

    body = html.parse(str(page)).find("body")
    etree.strip_elements(body, "math", "{http://www.w3.org/1998/Math/MathML}math", with_tail=False)
    for script in body.iter("sub", "sup"):
        script.text = SCRIPT_START + (script.text or "")
    return seen_text(body)


def page_words(text: str) -> list[list[str]]:
    """The words of our page, each as it reads (``CO2``) and, where a subscript or a
    superscript ends it, also as the part before it (``CO``).

    >>> page_words("giving CO" + SCRIPT_START + "2 and x" + SCRIPT_START + "2")
    [['giving'], ['co', 'co2'], ['and'], ['x', 'x2']]
    """
    found = []
    for token in re.findall(rf"[\w{SCRIPT_START}]+", unicodedata.normalize("NFKC", text).casefold()):
        whole = token.replace(SCRIPT_START, "")
        if whole:
            found.append(sorted({whole, token.split(SCRIPT_START)[0] or whole}))
    return found


def fidelity(doc: dict, page: Path) -> dict:
    """The fraction of pandoc's words found in our HTML: the body's blocks in order, each
    unit apart where it stands."""
    parts = units(doc)
    unit_words = plain_words([blocks for _, blocks in parts])
    positions: dict[str, list[int]] = {}
    for place, spellings in enumerate(page_words(page_text(page))):
        for word in spellings:
            positions.setdefault(word, []).append(place)
    total = hits = cursor = 0
    missing: list[str] = []
    for (kind, _), needle in zip(parts, unit_words):
        found, end, lost = found_in(needle, positions, cursor if kind == "body" else 0)
        if kind == "body" and found:
            cursor = end
        total += len(needle)
        hits += max(found, 0)
        missing += lost
    return {"fidelity": round(hits / total, 4) if total else 1.0, "words": total,
            "missing": missing[:12]}


def html_census(page: str) -> dict[str, int]:
    """Display equations, images and cross-reference links in our HTML page."""
    return {"equations": len(re.findall(r'<math[^>]*display="block"', page)),
            "images": len(re.findall(r"<img\b", page)),
            "xrefs": len(re.findall(r'<a [^>]*class="xref"', page))}


# --- one manuscript -----------------------------------------------------------------------

def run_one(entry: dict, part: str, args) -> dict:
    root, path = invocation(entry, args.cache)
    out = args.work / "out" / entry["id"]
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    result = {"id": entry["id"], "part": part, "kind": entry["kind"], "lang": entry["lang"],
              "figures": entry["figures"], "editions": {}, "warnings": []}
    try:
        doc = pandoc_json(sources_of(root, path))
        result["source"] = census(doc)
    except (RuntimeError, OSError) as failure:
        doc = None
        result["source"] = {"error": str(failure)[:300]}
    for edition in args.editions:
        outcome = build(args.system, root, path, edition, out)
        result["warnings"] = sorted(set(result["warnings"]) | set(outcome.pop("warnings")))
        record = EDITION[edition]
        if outcome["status"] == "built":
            main = next(iter(sorted(out.glob(record.output.format(slug="*")))), None)
            if main is None:
                outcome.update(status="stop", message="built, but its main file is not where its record says")
            else:
                text, verdict = read_back(edition, main, args.gatekeepers)
                outcome["gatekeeper"] = verdict
                if text is not None:
                    outcome["leftovers"] = leftovers(text, doc)
                if edition == "html" and doc is not None and text is not None:
                    result.update(fidelity(doc, main))
                    result["html"] = html_census(main.read_text(encoding="utf-8"))
        result["editions"][edition] = outcome
    print(f"{entry['id']:32} " + " ".join(f"{e}:{o['status']}" for e, o in result["editions"].items())
          + (f" fidelity={result['fidelity']}" if "fidelity" in result else ""), flush=True)
    return result


# --- the report -----------------------------------------------------------------------------

def cell(outcome: dict | None) -> str:
    if outcome is None:
        return ""
    if outcome["status"] != "built":
        return "stop" if outcome["status"] == "stop" else "CRASH"
    verdict = outcome.get("gatekeeper", "none")
    mark = "✓" if verdict in ("none", "pass") else "✗"
    return mark + (" ??" if outcome.get("leftovers") else "")


def summary(results: list[dict], editions: list[str]) -> list[str]:
    """Per edition: built and passed, built but refused by its gatekeeper or with
    LaTeX left in its text, stopped, crashed; then fidelity, equations, images and
    cross-references over the manuscripts the HTML edition built."""
    lines = ["| edition | built, gatekeeper passed | built, refused or TeX left | stopped with an error | crashed |",
             "|---|---|---|---|---|"]
    for edition in editions:
        cells = [cell(r["editions"].get(edition)) for r in results]
        good = sum(c == "✓" for c in cells)
        lines.append(f"| {edition} | {good} | {sum(c.startswith(('✗', '✓ ')) for c in cells)} | "
                     f"{cells.count('stop')} | {cells.count('CRASH')} |")
    built = [r for r in results if "fidelity" in r]
    lines.append("")
    if built:
        perfect = sum(r["fidelity"] >= 1.0 for r in built)
        mean = sum(r["fidelity"] for r in built) / len(built)
        lines.append(f"Fidelity (HTML, {len(built)} built of {len(results)}): mean {mean:.4f}, "
                     f"minimum {min(r['fidelity'] for r in built):.4f}, 1.0 in {perfect}.")
        for what in ("equations", "images", "xrefs"):
            expected = sum(r["source"].get(what, 0) for r in built)
            found = sum(min(r["html"][what], r["source"].get(what, 0)) for r in built)
            short = sum(r["html"][what] < r["source"].get(what, 0) for r in built)
            lines.append(f"{what.capitalize()} in the HTML: {found} of {expected} ({short} manuscripts short).")
    lines.append(f"Warnings: {sum(len(r['warnings']) for r in results)} "
                 f"in {sum(bool(r['warnings']) for r in results)} manuscripts.")
    return lines


def report(results: list[dict], editions: list[str], title: str) -> str:
    lines = [f"# {title}", "",
             f"{datetime.date.today().isoformat()}: {len(results)} manuscripts × {len(editions)} editions. "
             "✓ built (and passed its gatekeeper: EPUBCheck, the JATS DTD, latexmk; the HTML's Nu "
             "validator); ✗ built but refused by its gatekeeper; ?? LaTeX left in the text; stop: "
             "stopped with an error (below); fidelity: pandoc's words found in our HTML.", ""]
    for part in ("dev", "test"):
        chosen = [r for r in results if r["part"] == part]
        if chosen:
            lines += [f"## The {part} part ({len(chosen)})", "", *summary(chosen, editions), ""]
    lines += ["## Every manuscript", "",
              "| id | part | " + " | ".join(editions) + " | fidelity | equations | images | xrefs | warnings |",
              "|---|---|" + "---|" * (len(editions) + 4)]
    for r in results:
        source, html = r.get("source", {}), r.get("html")
        counts = [f"{html[k]}/{source.get(k, 0)}" if html else "" for k in ("equations", "images", "xrefs")]
        lines.append(f"| {r['id']} | {r['part']} | " + " | ".join(cell(r["editions"].get(e)) for e in editions)
                     + f" | {r.get('fidelity', '')} | " + " | ".join(counts) + f" | {len(r['warnings'])} |")
    lines += ["", "## Messages", ""]
    for r in results:
        for edition, outcome in r["editions"].items():
            verdict = outcome.get("gatekeeper", "none")
            if outcome["status"] != "built" or verdict not in ("none", "pass") or outcome.get("leftovers"):
                message = outcome["message"] if outcome["status"] != "built" else verdict
                if outcome.get("leftovers"):
                    message += f" (left in the text: {', '.join(outcome['leftovers'])})"
                first = message.strip().splitlines()[:3]
                lines.append(f"- {r['id']} / {edition}: " + " · ".join(line.strip() for line in first)
                             .replace("|", "\\|"))
        if r.get("missing"):
            lines.append(f"- {r['id']} / fidelity: not found: " + "; ".join(r["missing"][:6]).replace("|", "\\|"))
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", type=Path, default=HERE / "manifest.yaml")
    parser.add_argument("--cache", type=Path, default=HERE / "cache")
    parser.add_argument("--system", type=Path, default=REPO, help="the press checkout that builds")
    parser.add_argument("--work", type=Path, default=HERE / "work", help="outputs and results.json")
    parser.add_argument("--results", type=Path, default=HERE / "results.md")
    parser.add_argument("--title", default="Corpus: every manuscript in every edition")
    parser.add_argument("--only", help="comma-separated ids")
    parser.add_argument("--part", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--editions", default=",".join(e.name for e in EDITIONS))
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--no-gatekeepers", dest="gatekeepers", action="store_false",
                        help="a quick look while working: no validators, no LaTeX compile")
    args = parser.parse_args(argv)
    args.cache, args.work, args.system = args.cache.resolve(), args.work.resolve(), args.system.resolve()
    args.editions = args.editions.split(",")
    entries = yaml.safe_load(args.manifest.read_text(encoding="utf-8"))["manuscripts"]
    parts = split(entries)
    only = set(args.only.split(",")) if args.only else None
    chosen = [e for e in entries if (only is None or e["id"] in only)
              and (args.part == "all" or parts[e["id"]] == args.part)]
    missing = [e["id"] for e in chosen if not (args.cache / e["id"]).is_dir()]
    if missing:
        print(f"not in the cache {args.cache}: {', '.join(missing)} (run bench/corpus/populate.py)",
              file=sys.stderr)
        return 1
    args.work.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda e: run_one(e, parts[e["id"]], args), chosen))
    (args.work / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    args.results.write_text(report(results, args.editions, args.title), encoding="utf-8")
    print("\n".join(summary(results, args.editions)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
