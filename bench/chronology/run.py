#!/usr/bin/env python3
"""The chronology measured on public annotated text, in one command.

    .venv/bin/python bench/chronology/run.py            # development parts only
    .venv/bin/python bench/chronology/run.py --final    # and the test parts (the final reading)
    .venv/bin/python bench/chronology/run.py --show     # every Turkish entry, every miss

(``make chronology-bench`` runs the first; it is not part of ``make test``.)

It reports:

1. **WikiWars** (English, TIMEX2; ``wikiwars/``): the dates the chronology stage reads,
   scored the TERN/TempEval way (``wikiwars/score_timex.py``: extent strict and
   relaxed, value accuracy, value P/R/F1), on every TIMEX2 and on the calendar dates
   (VAL ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``), beside HeidelTime's published figure;
   then the chronology's own question on the same gold: explicit dates (the gold
   expression writes its year) P/R, recall with the context dates, and which of the
   appendix's events stand under a date the gold gives at one of their places.
2. **Turkish** (``turkish/``: 11 texts of Vikipedi and Nutuk with gold chronologies):
   each text built as an author builds it (``build.py html``) and its appendix read
   back (``score.py``): explicit-date P/R, recall with context dates, all dates P/R,
   not-events entered, debris.
3. **Entry text**: the ratings kept in ``ratings/`` (rubric: ``ratings/RUBRIC.md``),
   their mean and their 0s, and whether each rated entry is still what the system prints.

The test parts (WikiWars' even documents, the Turkish ``test`` texts) are read only
with ``--final``: tuning is done on the development parts.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "wikiwars"))
sys.path.insert(0, str(HERE))
import run_system  # noqa: E402
import score  # noqa: E402
import score_timex  # noqa: E402

# HeidelTime 1.8 on WikiWars (whole corpus, version 1.0.0, TERN scorer): the project's
# EvaluationResults page, copied in microth/heideltime@702280e and aschaeffer/heideltime@daf6286
# (EvaluationResults.md, "WikiWars Corpus"); wikiwars/manifest.yaml, references.
HEIDELTIME = {"relaxed": (95.8, 85.4, 90.3), "strict": (88.2, 78.6, 83.1), "value_accuracy": 89.8,
              "value": (85.8, 76.4, 80.8), "strict_value": (81.1, 72.3, 76.4)}
TURKISH = HERE / "turkish"
RATINGS = HERE / "ratings"


def pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def prf(hit: int, system: int, gold: int) -> tuple[float, float, float]:
    return score_timex.Counts.prf(hit, system, gold)


# --- WikiWars -------------------------------------------------------------------------

def wikiwars_read(docs: list[str]) -> dict[str, tuple[str, list, list, list]]:
    """doc → (text, gold TIMEX2, the dates read, the appendix's events)."""
    result = {}
    run_system.counted_warnings()
    for doc in docs:
        text, gold = score_timex.gold_of(doc, score_timex.CORPUS, False)
        _, _, (start, end) = score_timex.read_keyinline(score_timex.CORPUS / "keyinline" / f"{doc}.key.xml")
        dates, events = run_system.read_document(text, start, end)
        system = [score_timex.Timex(d["start"], d["end"], d["value"], text[d["start"]:d["end"]],
                                    (("inferred", d["inferred"]),)) for d in dates]
        result[doc] = (text, gold, system, events)
    return result


def timex_table(read: dict, part: str) -> list[str]:
    lines = [f"{'WikiWars ' + part:<22} {'gold':>5} {'sys':>5} | {'strict F1':>9} | {'relaxed P':>9} {'R':>5} "
             f"{'F1':>5} | {'val.acc':>7} | {'value P':>7} {'R':>5} {'F1':>5}"]
    for subset in ("all", "calendar"):
        total = score_timex.Counts()
        for _, gold, system, _ in read.values():
            total.add(score_timex.score_document(gold, system, subset).counts)
        m = total.measures()
        lines.append(f"  {subset + ' TIMEX2':<20} {m['gold']:5d} {m['system']:5d} | {pct(m['strict']['f']):>9} | "
                     f"{pct(m['relaxed']['p']):>9} {pct(m['relaxed']['r'])} {pct(m['relaxed']['f'])} | "
                     f"{pct(m['value_accuracy']):>7} | {pct(m['value']['p']):>7} {pct(m['value']['r'])} "
                     f"{pct(m['value']['f'])}")
    h = HEIDELTIME
    lines.append(f"  {'HeidelTime 1.8 (all)':<20} {'':>5} {'':>5} | {h['strict'][2]:9.1f} | {h['relaxed'][0]:9.1f} "
                 f"{h['relaxed'][1]:5.1f} {h['relaxed'][2]:5.1f} | {h['value_accuracy']:7.1f} | "
                 f"{h['value'][0]:7.1f} {h['value'][1]:5.1f} {h['value'][2]:5.1f}   (whole corpus, v1.0.0)")
    return lines


def writes_year(timex) -> bool:
    """Whether a gold expression writes its year out ("June 10, 1940", "1940"), or needs
    its context ("June 10", "the next day")."""
    return bool(timex.value) and timex.value[:4] in timex.text


def chronology_english(read: dict) -> dict:
    """The chronology's question on WikiWars' calendar gold: explicit P/R, recall with
    context dates, and the appendix's events under a date the gold gives."""
    explicit_hit = explicit_sys = explicit_gold = explicit_found = all_hit = all_gold = 0
    events_right = events = 0
    for text, gold, system, appendix in read.values():
        calendar = [g for g in gold if score_timex.in_subset(g, "calendar")]
        # the dates read as written (the other temporal expressions, filters.timex, are no date)
        written = [s for s in system if not dict(s.attrs)["inferred"] and score_timex.in_subset(s, "calendar")]
        # explicit precision: a date read as written is right when a gold expression
        # over it has its value; one over gold outside the calendar dates is set aside
        for s in written:
            over = [g for g in gold if score_timex.overlap(g, s)]
            if over and not any(score_timex.in_subset(g, "calendar") for g in over):
                continue
            explicit_sys += 1
            explicit_hit += any(g.value == s.value for g in over)
        explicit = [g for g in calendar if writes_year(g)]
        explicit_gold += len(explicit)
        pairs = score_timex.pair(calendar, system, strict=False)
        right = {i for i, j in pairs if calendar[i].value == system[j].value}
        all_gold += len(calendar)
        all_hit += len(right)
        explicit_found += sum(1 for i in right if writes_year(calendar[i]))
        for event in appendix:
            events += 1
            places = [score_timex.Timex(a, b, None) for a, b in event["places"]]
            events_right += any(g.value == event["date"] and score_timex.overlap(g, p)
                                for g in gold for p in places)
    return {"explicit": (explicit_hit, explicit_sys, explicit_found, explicit_gold),
            "context": (all_hit, all_gold), "events": (events_right, events)}


# --- Turkish --------------------------------------------------------------------------

def turkish_split() -> dict[str, list[str]]:
    split = yaml.safe_load((TURKISH / "split.yaml").read_text(encoding="utf-8"))
    return {part: split[part]["texts"] for part in ("dev", "test")}


def turkish_texts_ready() -> bool:
    return all((TURKISH / "texts" / f"{name}.md").is_file() for names in turkish_split().values()
               for name in names)


def body_of(path: Path) -> str:
    """A text without its YAML header (its source and licence are no metadata of the build)."""
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


def turkish_entries(name: str) -> tuple[list, str, bool]:
    """The appendix of one Turkish text, built as an author would build it."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "text"
        (root / "manuscript").mkdir(parents=True)
        (root / "bibliography").mkdir()
        (root / "manuscript" / "01-text.md").write_text(body_of(TURKISH / "texts" / f"{name}.md"), encoding="utf-8")
        (root / "manuscript" / "metadata.yaml").write_text(f"lang: tr\ntitle: {name}\n", encoding="utf-8")
        (root / "bibliography" / "references.bib").write_text("", encoding="utf-8")
        page, stderr, crashed = score.build(score.REPO, root, Path(folder) / "build")
        entries = score.read_entries(page.read_text(encoding="utf-8")) if page.exists() else []
    return entries, stderr, crashed


def turkish_score(names: list[str], show: bool) -> dict:
    """Explicit P/R, recall with context dates, all-dates P/R, not-events entered, debris."""
    totals = Counter()
    per_text = {}
    for name in names:
        gold = yaml.safe_load((TURKISH / "gold" / f"{name}.gold.yaml").read_text(encoding="utf-8"))
        events = [(str(e["date"]), e["kind"], e.get("entry", e["event"])) for e in gold["events"]]
        entries, stderr, crashed = turkish_entries(name)
        explicit = [iso for iso, kind, _ in events if kind == "explicit"]
        context = [iso for iso, kind, _ in events if kind == "context"]
        plain = [e.iso for e in entries if not e.inferred]
        found = [e.iso for e in entries]
        counts = Counter(
            explicit_right=score.matched(plain, explicit)
            + score.matched(list((Counter(plain) - Counter(explicit)).elements()), context),
            explicit_listed=len(plain), explicit_hit=score.matched(plain, explicit), explicit_gold=len(explicit),
            all_right=score.matched(found, explicit + context), listed=len(found),
            gold=len(explicit + context), crashed=int(crashed))
        not_events = Counter(iso for iso, kind, _ in events if kind == "not-event")
        extra = Counter(found) - Counter(explicit + context)
        counts["not_event_entered"] = sum((extra & not_events).values())
        source = score.normal(body_of(TURKISH / "texts" / f"{name}.md"))
        debris = [(e.iso, e.text, p) for e in entries if (p := score.debris(e.text, "tr", source))]
        counts["debris"] = len(debris)
        alike, paired = entry_likeness(events, entries)
        counts["likeness"], counts["paired"] = alike, paired
        totals.update(counts)
        per_text[name] = (counts, entries)
        if show:
            print(f"\n  ## {name}: {len(entries)} entries" + (" — CRASHED" if crashed else ""))
            for iso in sorted((Counter(explicit + context) - Counter(found)).elements()):
                print(f"    missed {iso}: " + "; ".join(w for i, k, w in events if i == iso and k != "not-event"))
            for iso in sorted(extra.elements()):
                why = " (not-event)" if iso in not_events else ""
                print(f"    extra  {iso}{why}: " + " | ".join(e.text for e in entries if e.iso == iso)[:150])
            for iso, text, problems in debris:
                print(f"    debris {iso}: {', '.join(problems)}: {text[:100]}")
            for e in entries:
                print(f"    {'~' if e.inferred else ' '} {e.iso:<22} {e.text}")
    return {"totals": totals, "texts": per_text}


def stems(text: str) -> Counter:
    """The words of an entry, cut to five letters (a rough Turkish stem), lower case."""
    return Counter(w.lower()[:5] for w in re.findall(r"[^\W\d_]+", text.replace("’", " ")) if len(w) > 2)


def likeness(a: str, b: str) -> float:
    """Word-stem F1 of two entry texts: how much of the editor's entry the system's says."""
    common = sum((stems(a) & stems(b)).values())
    return 2 * common / (sum(stems(a).values()) + sum(stems(b).values()) or 1)


def entry_likeness(events: list, entries: list) -> tuple[float, int]:
    """For each gold event that an entry of its date matches, the best likeness of the
    editor's entry to the system's texts of that date (paired one to one): sum, count."""
    total, count = 0.0, 0
    for iso in {iso for iso, kind, _ in events if kind != "not-event"}:
        gold = [text for i, kind, text in events if i == iso and kind != "not-event"]
        mine = [e.text for e in entries if e.iso == iso]
        while gold and mine:
            g, m = max(((g, m) for g in gold for m in mine), key=lambda pair: likeness(*pair))
            total += likeness(g, m)
            count += 1
            gold.remove(g)
            mine.remove(m)
    return total, count


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f} ({part}/{whole})" if whole else "–"


def turkish_lines(part: str, result: dict) -> list[str]:
    t = result["totals"]
    return [f"Turkish {part} ({len(result['texts'])} texts)",
            f"  explicit dates      precision {ratio(t['explicit_right'], t['explicit_listed']):<16} "
            f"recall {ratio(t['explicit_hit'], t['explicit_gold'])}",
            f"  with context dates  precision {ratio(t['all_right'], t['listed']):<16} "
            f"recall {ratio(t['all_right'], t['gold'])}",
            f"  not-events entered {t['not_event_entered']}; entries with debris {t['debris']}; "
            f"crashes {t['crashed']}",
            f"  entry text like the editor's (word-stem F1, {t['paired']} dated pairs): "
            f"{t['likeness'] / (t['paired'] or 1):.2f}"]


# --- entry-text ratings -----------------------------------------------------------------

def ratings_lines(current: dict[str, list[tuple[str, str]]]) -> list[str]:
    """The ratings kept in ``ratings/*.yaml`` ({text, entries: [{date, text, rating, why}]}):
    mean, 0s, and how many no longer match what the system prints (``current``: text →
    [(date, entry text)], when it was built in this run)."""
    import hashlib

    def sha1(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]

    lines = []
    for path in sorted(RATINGS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rated = [e for text in data["texts"] for e in text["entries"]]
        if not rated:
            continue
        values = [int(e["rating"]) for e in rated]
        zeros = [e for e in rated if int(e["rating"]) == 0]
        stale = 0
        for text in data["texts"]:
            if text["text"] in current:
                now = Counter((iso, sha1(shown)) for iso, shown in current[text["text"]])
                stale += sum(1 for e in text["entries"] if not now[(str(e["date"]), e["text_sha1"])])
        lines.append(f"{data['title']}: {len(rated)} entries rated, mean {sum(values) / len(values):.2f}, "
                     f"2s {values.count(2)}, 1s {values.count(1)}, 0s {len(zeros)}"
                     + (f"; {stale} no longer printed as rated" if stale else ""))
        lines += [f"  0: {e['date']} ({e.get('why', '')})" for e in zeros]
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--final", action="store_true", help="also the test parts (the final reading)")
    parser.add_argument("--show", action="store_true", help="every Turkish entry and every miss")
    parser.add_argument("--skip", nargs="*", default=[], choices=["wikiwars", "turkish"])
    args = parser.parse_args(argv)
    parts = ["dev", "test"] if args.final else ["dev"]
    current: dict = {}
    if "wikiwars" not in args.skip:
        if not (score_timex.CORPUS / "keyinline").is_dir():
            print("WikiWars: no cache; run bench/chronology/wikiwars/populate.py first", file=sys.stderr)
            return 2
        split = score_timex.read_split(HERE / "wikiwars" / "split.yaml")
        for part in parts:
            read = wikiwars_read(split[part])
            print("\n".join(timex_table(read, part)))
            c = chronology_english(read)
            print(f"  chronology (calendar gold): explicit precision {ratio(c['explicit'][0], c['explicit'][1])}, "
                  f"recall {ratio(c['explicit'][2], c['explicit'][3])}; with context dates recall "
                  f"{ratio(*c['context'])}; appendix events under a gold date {ratio(*c['events'])}\n")
    if "turkish" not in args.skip:
        if not turkish_texts_ready():
            print("Turkish: no texts; run bench/chronology/turkish/tools/extract_texts.py first", file=sys.stderr)
            return 2
        split = turkish_split()
        for part in parts:
            result = turkish_score(split[part], args.show)
            print("\n".join(turkish_lines(part, result)) + "\n")
            current.update({name: [(e.iso, e.text) for e in entries]
                            for name, (_, entries) in result["texts"].items()})
    print("\n".join(ratings_lines(current)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
