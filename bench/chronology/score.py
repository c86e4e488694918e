#!/usr/bin/env python3
"""Score the chronology against gold chronologies: precision and recall of event dates,
and debris in entry texts, set by set.

    python bench/chronology/score.py [--set SET]… [--repo PATH] [--show] [NAME…]

Sets (``--set``, default all of them, each with its own total):

- ``dev``: the development set, ``bench/chronology/NAME.md`` with ``NAME.gold.yaml``;
- ``heldout``: ``bench/chronology/heldout/``, texts written to test the chronology and
  never used to tune it;
- ``heldout2``: ``bench/chronology/heldout2/``, a second pair, written after the last
  change to the chronology and scored once;
- ``trial``: ``bench/chronology/trial/``, two whole manuscripts by another author;
- ``seed``: the article in ``manuscript/``.

A gold file either sits beside its text (``NAME.md``, built with the ``references.bib``
of its folder) or names a manuscript folder (``root:``, relative to the gold file) that
is built as it is. Each is built as an author would build it (``build.py html`` of the
system at ``--repo``, default this one) into a temporary folder, and the appendix is
read back from the HTML edition: each entry's date (``<time datetime>``), whether it is
inferred (``data-inferred``) and its text. Reading the edition, not the code, lets the
same script score an older version of the system (``git worktree add /tmp/before
<commit>``).

Dates are matched one to one at their precision (``2020-07`` is not ``2020-07-15``);
two gold events on one day need two entries. Scores:

- explicit: entries not marked inferred against gold events of kind ``explicit``
  (recall); for precision, such an entry that matches a gold event of kind
  ``context`` is no false date either: one of the places merged into it writes the
  date out ("a week later" and, in a note, "9 February 2021");
- inferred: entries marked inferred against gold events of kind ``context``;
- all: every entry against every gold event (explicit and context);
- not-event: gold mentions that are no event (back-references, ends of periods);
  listed when an entry has their date and no gold event does.
"""
from __future__ import annotations

import argparse
import html
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SETS = {"dev": HERE, "heldout": HERE / "heldout", "heldout2": HERE / "heldout2", "trial": HERE / "trial",
        "seed": HERE / "seed"}

# Debris: what removing a date can leave behind. Independent of the system's own
# cleaning rules on purpose: a check, not a copy.
DEBRIS = {
    "any": [
        (r",\s*,|;\s*[,;]|,\s*;", "doubled punctuation"),
        (r"\s[,.;:!?]", "space before punctuation"),
        (r"\(\s*\)|\[\s*\]", "empty brackets"),
        (r"[(\[]\s*[,.;:]|[,;:]\s*[)\]]", "punctuation at a bracket"),
        (r"^\W", "starts with punctuation"),
        (r"^[a-zçğıöşü]", "starts in lower case"),
        (r"\w-\s", "dangling hyphen"),
        (r"(?:^|\s)['’]\w", "suffix without its word"),
        (r"\s{2,}", "double space"),
        (r"\d{4}\s*[-–]\s*$|[-–]\s*[,.]", "dangling dash"),
        (r'"', "a straight quote (the text's quotes are curly)"),
    ],
    "en": [
        (r"\b(?:on|in|of|at|by|since|until|from|between|during|after|before|the)\s*[,.;:)]",
         "a preposition or article left before punctuation"),
        (r"\b(?:on|in|of|at|since|from|until)\s+(?:was|were|is|are|lasted|began|ended|had|has|"
         r"signed|held|took|met|agreed)\b", "a preposition left before a verb"),
        (r"\b(?:on|in)\s+(?:the\s+)?(?:night|morning|evening|eve|afternoon)\s+of\b(?!\s+the\s+\w+\s+\d)",
         "'night of' without its date"),
        (r"\b(?:early|mid|late)-?\s+(?=[A-Z,.])", "a qualifier without its date"),
        (r"\bof\s+(?:the\s+)?(?:same|following|next)\b(?!\s+\w)", "a relative date half removed"),
        (r"^(?:On|In|At|By|Since)\s+(?:the\s+)?[A-Z]", "a leading preposition without its date"),
        (r"\b(?:days?|weeks?|months?)\s+later\b", "a relative date left in"),
    ],
    "tr": [
        (r"\b(?:tarihli|tarihinde|tarihlerinde|tarihleri|itibarıyla|itibariyle)\b",
         "a date word without its date"),
        (r"(?:^|[,;]\s*)(?:başında|ortasında|sonunda|sonlarında|başlarında)\b",
         "'başında/sonunda' without its date"),
        (r"\byani\s*[,.;]", "'yani' left dangling"),
        (r"\b(?:ertesi gün|aynı gün|gün sonra|ayın)\b", "a relative date left in"),
        (r"(?:^|\s)(?:ve|ile|ya da)\s*[,.;]", "a conjunction before punctuation"),
    ],
}


@dataclass
class Entry:
    iso: str
    inferred: bool
    text: str


def build(repo: Path, root: Path, out: Path) -> tuple[Path, str, bool]:
    """Build the manuscript at ``root`` into ``out`` with ``repo``'s build.py: the HTML
    page, stderr, crashed?"""
    result = subprocess.run([sys.executable, str(repo / "build.py"), "html", "--root", str(root),
                             "--out", str(out), "--no-cache", "--quiet"], capture_output=True, text=True,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "1600000000"})
    crashed = result.returncode not in (0, 1) or "Traceback" in result.stderr
    page = out / "html" / "index.html"
    return (page if result.returncode == 0 else out / "missing"), result.stderr, crashed


def build_entries(repo: Path, gold_file: Path, gold: dict, folder: Path) -> tuple[list[Entry], str, bool]:
    """The appendix's entries of the text a gold file scores, stderr, crashed?"""
    if "root" in gold:
        root = (gold_file.parent / gold["root"]).resolve()
    else:
        root = folder / "text"
        text = gold_file.with_name(gold_file.name.replace(".gold.yaml", ".md"))
        (root / "manuscript").mkdir(parents=True)
        (root / "bibliography").mkdir()
        (root / "manuscript" / "01-text.md").write_text(text.read_text(encoding="utf-8"), encoding="utf-8")
        (root / "manuscript" / "metadata.yaml").write_text(f"lang: {gold['lang']}\ntitle: {text.stem}\n",
                                                            encoding="utf-8")
        (root / "bibliography" / "references.bib").write_text(
            (gold_file.parent / "references.bib").read_text(encoding="utf-8"), encoding="utf-8")
    page, stderr, crashed = build(repo, root, folder / "build")
    if not page.exists():
        return [], stderr, crashed
    return read_entries(page.read_text(encoding="utf-8")), stderr, crashed


def read_entries(page: str) -> list[Entry]:
    section = re.search(r'<section id="chronology".*?</section>', page, re.S)
    if not section:
        return []
    entries = []
    for item in re.findall(r"<li[^>]*>.*?</li>", section.group(0), re.S):
        date = re.search(r'class="event-date".*?</span>', item, re.S).group(0)
        times = re.findall(r'<time datetime="([^"]+)"', date)
        body = re.search(r'class="event-text"[^>]*>(.*?)</span>\s*(?:<br|<span class="event-source")',
                         item, re.S)
        text = html.unescape(re.sub(r"<[^>]+>", "", body.group(1) if body else ""))
        entries.append(Entry("/".join(times), "data-inferred" in item, " ".join(text.split())))
    return entries


def normal(text: str) -> str:
    """Text as the source and the edition both can be compared: one kind of quote and
    apostrophe, single spaces."""
    return " ".join(text.translate(str.maketrans("’‘“”", "''\"\"")).split())


def debris(text: str, lang: str, source: str = "") -> list[str]:
    """The debris rules ``text`` breaks. A match inside the text that the source has
    word for word, with the two words before or after it, is the author's, not debris
    ("on the eve of the G20 summit")."""
    problems = []
    for pattern, name in DEBRIS["any"] + DEBRIS[lang]:
        for match in re.finditer(pattern, text):
            before = " ".join(text[:match.start()].split()[-2:])
            after = " ".join(text[match.end():].split()[:2])
            windows = [normal(f"{before} {match.group(0)}"), normal(f"{match.group(0)} {after}")]
            if pattern.startswith("^") or not any(len(w.split()) >= 4 and w in source for w in windows):
                problems.append(name)
                break
    return problems


def matched(found: list[str], gold: list[str]) -> int:
    """How many of ``found`` pair one to one with ``gold`` (same ISO date)."""
    return sum((Counter(found) & Counter(gold)).values())


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f} ({part}/{whole})" if whole else "–"


def score(gold_file: Path, repo: Path, show: bool) -> dict:
    name = gold_file.name[:-len(".gold.yaml")]
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    lang = gold["lang"]
    events = [(str(e["date"]), e["kind"], e["event"]) for e in gold["events"]]
    with tempfile.TemporaryDirectory() as folder:
        entries, stderr, crashed = build_entries(repo, gold_file, gold, Path(folder))
    texts = sorted((gold_file.parent / gold["root"] / "manuscript").glob("*.md")) if "root" in gold \
        else [gold_file.with_name(f"{name}.md")]
    source = normal(" ".join(t.read_text(encoding="utf-8") for t in texts))
    explicit = [iso for iso, kind, _ in events if kind == "explicit"]
    context = [iso for iso, kind, _ in events if kind == "context"]
    plain = [e.iso for e in entries if not e.inferred]
    inferred = [e.iso for e in entries if e.inferred]
    found = [e.iso for e in entries]
    result = {
        "name": name, "crashed": crashed, "entries": len(entries),
        "explicit": (matched(plain, explicit) + matched(list((Counter(plain) - Counter(explicit)).elements()),
                                                       context),
                     len(plain), matched(plain, explicit), len(explicit)),
        "inferred": (matched(inferred, context), len(inferred), matched(inferred, context), len(context)),
        "all": (matched(found, explicit + context), len(found), matched(found, explicit + context),
                len(explicit + context)),
        "debris": [(e.iso, e.text, problems) for e in entries if (problems := debris(e.text, lang, source))],
    }
    print(f"\n## {name} ({lang}): {len(entries)} entries" + (" — CRASHED" if crashed else ""))
    if crashed or not entries:
        print("\n".join("    " + line for line in stderr.strip().splitlines()[-6:]))
    for label in ("explicit", "inferred", "all"):
        right, listed, hit, wanted = result[label]
        print(f"  {label:<9} precision {ratio(right, listed):<14} recall {ratio(hit, wanted)}")
    missing = Counter(explicit + context) - Counter(found)
    extra = Counter(found) - Counter(explicit + context)
    not_events = {iso: what for iso, kind, what in events if kind == "not-event"}
    for iso in sorted(missing.elements()):
        print(f"  missed  {iso}: " + "; ".join(w for i, k, w in events if i == iso and k != "not-event"))
    for iso in sorted(extra.elements()):
        why = f" (not an event: {not_events[iso]})" if iso in not_events else ""
        texts = [e.text for e in entries if e.iso == iso]
        print(f"  extra   {iso}{why}: {texts[-1][:90]}")
    for iso, text, problems in result["debris"]:
        print(f"  debris  {iso}: {', '.join(problems)}: {text[:100]}")
    if show:
        for entry in entries:
            print(f"  {'~' if entry.inferred else ' '} {entry.iso:<24} {entry.text}")
    return result


def total(results: list[dict]) -> None:
    for label in ("explicit", "inferred", "all"):
        right, listed, hit, wanted = (sum(r[label][i] for r in results) for i in range(4))
        print(f"  {label:<9} precision {ratio(right, listed):<14} recall {ratio(hit, wanted)}")
    print(f"  entries with debris: {sum(len(r['debris']) for r in results)}; "
          f"crashes: {sum(r['crashed'] for r in results)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("names", nargs="*", help="texts to score (default: all of the sets)")
    parser.add_argument("--set", action="append", choices=SETS, dest="sets",
                        help="a set to score (repeatable; default: every set)")
    parser.add_argument("--repo", type=Path, default=REPO, help="the copy of the system to score")
    parser.add_argument("--show", action="store_true", help="print every entry")
    args = parser.parse_args()
    for name in args.sets or SETS:
        golds = sorted(SETS[name].glob("*.gold.yaml"))
        if args.names:
            golds = [g for g in golds if g.name[:-len(".gold.yaml")] in args.names]
        if not golds:
            continue
        print(f"\n# {name}")
        results = [score(gold, args.repo.resolve(), args.show) for gold in golds]
        print(f"\n## Total ({name})")
        total(results)


if __name__ == "__main__":
    main()
