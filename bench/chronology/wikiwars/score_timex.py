#!/usr/bin/env python3
"""Score temporal expressions against WikiWars TIMEX2 gold, the TERN / TempEval way.

    python3 score_timex.py --system out/explicit --part dev [--per-doc] [--json FILE]
    python3 score_timex.py --self-test
    python3 score_timex.py --write-gold DIR        # gold as JSON, one file per document

Gold: ``cache/WikiWars_20120218_v104/keyinline/<doc>.key.xml``. Its raw text is the
document with every SGML tag removed (the ACE convention: the same text as
``in/<doc>.sgm`` without tags); a TIMEX2's offsets are character offsets into that
text, ``end`` exclusive, and its value is the ``VAL`` attribute (None when absent).
Nested TIMEX2 are separate annotations. Only the TIMEX2 inside ``<TEXT>`` are scored;
the 22 document creation times in ``<DATETIME>`` are metadata, not prose, and are
left out (``--with-dct`` keeps them, as the TERN scorer would).

System: ``<system>/<doc>.json``, a JSON list of ``{"start": int, "end": int,
"value": str | null}`` with offsets into the same raw text (other keys ignored).

Measures (micro-averaged over documents; also per document with ``--per-doc``):

* strict extent P/R/F1: a system mention matches a gold one with exactly the same offsets;
* relaxed extent P/R/F1: the two overlap (TERN "lenient", TempEval "relaxed"); the
  pairing is one to one (greedy: exact matches first, then the largest overlap);
* value accuracy: of the relaxed matches, the share whose value equals the gold VAL
  (TERN "Normalization (value)" / TempEval "value accuracy");
* value P/R/F1: a relaxed match counts only if its value equals the gold VAL (TERN
  "lenient + VAL"; TempEval-3 "value F1"); ``strict+value`` likewise on strict matches.

Subsets (``--subset``): ``all`` (every TIMEX2) and ``calendar`` — gold whose VAL is a
fully specified calendar date, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; also ``month``,
the calendar dates that name at least a month (``YYYY-MM``, ``YYYY-MM-DD``: what
``find_dates`` is meant to find; it leaves bare years alone). For a subset,
recall counts its gold only; a system mention that overlaps a gold mention outside
the subset (and none inside) is set aside, neither right nor wrong; one that overlaps
no gold at all is a false positive.

The split (``split.yaml``) keeps the test documents out of everyday scoring: scoring
any of them needs ``--allow-test``. Standard library only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "cache" / "WikiWars_20120218_v104"
CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
MONTH = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
SUBSETS = {"all": None, "calendar": CALENDAR, "month": MONTH}


# --- reading ------------------------------------------------------------------------

@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    value: str | None
    text: str = ""
    attrs: tuple = ()
    in_text: bool = True   # inside <TEXT> (False: the DATETIME of the document)


TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)((?:\s+[^>]*)?)>")
ATTR = re.compile(r'([A-Za-z_]+)\s*=\s*"([^"]*)"')


def read_keyinline(path: Path) -> tuple[str, list[Timex], tuple[int, int]]:
    """(raw text, its TIMEX2, (start, end) of the TEXT element's content in the raw text)."""
    source = path.read_text(encoding="utf-8")
    raw: list[str] = []
    length = 0
    position = 0
    stack: list[tuple[int, dict]] = []
    found: list[Timex] = []
    text_start = text_end = None
    for match in TAG.finditer(source):
        chunk = source[position:match.start()]
        raw.append(chunk)
        length += len(chunk)
        position = match.end()
        closing, name = match.group(1), match.group(2).upper()
        if name == "TEXT":
            if closing:
                text_end = length
            else:
                text_start = length
        if name != "TIMEX2":
            continue
        if not closing:
            attrs = {k.upper(): v for k, v in ATTR.findall(match.group(3))}
            stack.append((length, attrs))
        else:
            start, attrs = stack.pop()
            found.append(Timex(start, length, attrs.get("VAL") or None, "", tuple(sorted(attrs.items()))))
    raw.append(source[position:])
    text = "".join(raw)
    if stack or text_start is None or text_end is None:
        raise ValueError(f"{path}: unbalanced TIMEX2 or no TEXT element")
    timexes = sorted((Timex(t.start, t.end, t.value, text[t.start:t.end], t.attrs,
                            text_start <= t.start and t.end <= text_end) for t in found),
                     key=lambda t: (t.start, -t.end))
    return text, timexes, (text_start, text_end)


def read_system(path: Path) -> list[Timex]:
    items = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(items, list):
        raise ValueError(f"{path}: expected a JSON list")
    result = []
    for item in items:
        start, end = int(item["start"]), int(item["end"])
        if not 0 <= start < end:
            raise ValueError(f"{path}: bad offsets {item!r}")
        value = item.get("value")
        result.append(Timex(start, end, None if value in (None, "") else str(value), item.get("text", "")))
    return result


def read_split(path: Path) -> dict[str, list[str]]:
    """``split.yaml``: top-level ``name: [a, b, …]`` flow lists (other keys ignored)."""
    parts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z_]+):\s*\[(.*)\]\s*(?:#.*)?$", line)
        if match:
            parts[match.group(1)] = [x.strip() for x in match.group(2).split(",") if x.strip()]
    return parts


def documents(corpus: Path = CORPUS) -> list[str]:
    return sorted(p.name[:-len(".key.xml")] for p in (corpus / "keyinline").glob("*.key.xml"))


# --- scoring ------------------------------------------------------------------------

def overlap(a: Timex, b: Timex) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def pair(gold: list[Timex], system: list[Timex], strict: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index): exact offsets first, then by overlap."""
    candidates = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            if strict:
                if (g.start, g.end) == (s.start, s.end):
                    candidates.append((0, 0, g.start, s.start, i, j))
            elif overlap(g, s):
                exact = (g.start, g.end) == (s.start, s.end)
                candidates.append((0 if exact else 1, -overlap(g, s), g.start, s.start, i, j))
    candidates.sort()
    used_g, used_s, pairs = set(), set(), []
    for *_, i, j in candidates:
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            pairs.append((i, j))
    return sorted(pairs)


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    strict_value: int = 0
    relaxed_value: int = 0

    def add(self, other: "Counts") -> "Counts":
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @staticmethod
    def prf(hit: int, system: int, gold: int) -> tuple[float, float, float]:
        p = hit / system if system else 0.0
        r = hit / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def measures(self) -> dict:
        return {
            "gold": self.gold, "system": self.system,
            "strict": dict(zip("prf", self.prf(self.strict, self.system, self.gold)), hits=self.strict),
            "relaxed": dict(zip("prf", self.prf(self.relaxed, self.system, self.gold)), hits=self.relaxed),
            "value_accuracy": self.relaxed_value / self.relaxed if self.relaxed else 0.0,
            "value": dict(zip("prf", self.prf(self.relaxed_value, self.system, self.gold)),
                          hits=self.relaxed_value),
            "strict_value": dict(zip("prf", self.prf(self.strict_value, self.system, self.gold)),
                                 hits=self.strict_value),
        }


def same_value(gold: Timex, system: Timex) -> bool:
    """A value is right when the gold has a VAL and the system gives the same string."""
    return gold.value is not None and gold.value == system.value


def in_subset(timex: Timex, subset: str) -> bool:
    pattern = SUBSETS[subset]
    return pattern is None or bool(timex.value and pattern.fullmatch(timex.value))


@dataclass
class DocResult:
    counts: Counts
    pairs: list = field(default_factory=list)        # (gold, system) relaxed pairs
    missed: list = field(default_factory=list)       # gold without a relaxed match
    spurious: list = field(default_factory=list)     # system overlapping no gold


def score_document(gold: list[Timex], system: list[Timex], subset: str = "all") -> DocResult:
    """Counts for one document; ``gold`` already restricted to what is scored (TEXT or not)."""
    relaxed = pair(gold, system, strict=False)
    strict = pair(gold, system, strict=True)
    # a system mention set aside: it overlaps gold only outside the subset
    aside = set()
    if subset != "all":
        for j, s in enumerate(system):
            touched = [g for g in gold if overlap(g, s)]
            if touched and not any(in_subset(g, subset) for g in touched):
                aside.add(j)
    keep_g = {i for i, g in enumerate(gold) if in_subset(g, subset)}
    counts = Counts(gold=len(keep_g), system=len(system) - len(aside))
    relaxed_in = [(i, j) for i, j in relaxed if i in keep_g]
    strict_in = [(i, j) for i, j in strict if i in keep_g]
    counts.relaxed = len(relaxed_in)
    counts.strict = len(strict_in)
    counts.relaxed_value = sum(1 for i, j in relaxed_in if same_value(gold[i], system[j]))
    counts.strict_value = sum(1 for i, j in strict_in if same_value(gold[i], system[j]))
    matched_g = {i for i, _ in relaxed}
    return DocResult(
        counts,
        pairs=[(gold[i], system[j]) for i, j in relaxed_in],
        missed=[gold[i] for i in sorted(keep_g - matched_g)],
        spurious=[s for j, s in enumerate(system) if j not in aside and not any(overlap(g, s) for g in gold)],
    )


def gold_of(doc: str, corpus: Path, with_dct: bool) -> tuple[str, list[Timex]]:
    text, timexes, _ = read_keyinline(corpus / "keyinline" / f"{doc}.key.xml")
    return text, [t for t in timexes if with_dct or t.in_text]


# --- reporting ------------------------------------------------------------------------

def pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def table(rows: list[tuple[str, dict]]) -> str:
    head = (f"{'':24} {'gold':>5} {'sys':>5} | {'strict P':>8} {'R':>5} {'F1':>5} | "
            f"{'relax P':>7} {'R':>5} {'F1':>5} | {'val.acc':>7} | {'value P':>7} {'R':>5} {'F1':>5}")
    lines = [head, "-" * len(head)]
    for name, m in rows:
        lines.append(
            f"{name:24} {m['gold']:5d} {m['system']:5d} | {pct(m['strict']['p']):>8} {pct(m['strict']['r'])} "
            f"{pct(m['strict']['f'])} | {pct(m['relaxed']['p']):>7} {pct(m['relaxed']['r'])} "
            f"{pct(m['relaxed']['f'])} | {pct(m['value_accuracy']):>7} | {pct(m['value']['p']):>7} "
            f"{pct(m['value']['r'])} {pct(m['value']['f'])}")
    return "\n".join(lines)


def run(args) -> int:
    split = read_split(args.split)
    docs = args.docs or (split[args.part] if args.part != "all" else documents(args.corpus))
    test = set(split.get("test", []))
    if test & set(docs) and not args.allow_test:
        print("refusing to score test documents (" + ", ".join(sorted(test & set(docs))) +
              "): the test part is scored once, at the end, with --allow-test", file=sys.stderr)
        return 2
    report = {}
    for subset in args.subset:
        total = Counts()
        rows = []
        for doc in docs:
            _, gold = gold_of(doc, args.corpus, args.with_dct)
            system = read_system(args.system / f"{doc}.json")
            result = score_document(gold, system, subset)
            total.add(result.counts)
            rows.append((doc, result.counts.measures()))
        micro = total.measures()
        report[subset] = {"micro": micro, "documents": dict(rows)}
        what = {"calendar": " (VAL = YYYY, YYYY-MM or YYYY-MM-DD)", "month": " (VAL = YYYY-MM or YYYY-MM-DD)"}
        print(f"\n== {subset} TIMEX2" + what.get(subset, "")
              + f"; {len(docs)} documents; system {args.system}")
        print(table((rows if args.per_doc else []) + [("micro-average", micro)]))
        print(f"strict+value P/R/F1: {pct(micro['strict_value']['p'])} {pct(micro['strict_value']['r'])} "
              f"{pct(micro['strict_value']['f'])}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


def write_gold(directory: Path, corpus: Path, with_dct: bool) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    for doc in documents(corpus):
        text, gold = gold_of(doc, corpus, with_dct)
        (directory / f"{doc}.json").write_text(json.dumps(
            [{"start": t.start, "end": t.end, "value": t.value, "text": t.text, "attrs": dict(t.attrs)}
             for t in gold], ensure_ascii=False, indent=0), encoding="utf-8")
        (directory / f"{doc}.txt").write_text(text, encoding="utf-8")
    print(f"gold for {len(documents(corpus))} documents in {directory}")
    return 0


# --- self-test ------------------------------------------------------------------------

def self_test() -> int:
    import tempfile

    def t(start, end, value):
        return Timex(start, end, value)

    # text: "On 1 May 1940 and in 1941, the next day, now."
    gold = [t(3, 13, "1940-05-01"), t(21, 25, "1941"), t(27, 39, "1940-05-02"), t(41, 44, "PRESENT_REF")]
    system = [t(0, 13, "1940-05-01"),   # relaxed only, right value
              t(21, 25, "1942"),         # strict, wrong value
              t(27, 39, "1940-05-02"),   # strict, right value
              t(50, 55, "2000")]         # spurious
    r = score_document(gold, system).counts
    assert (r.gold, r.system, r.strict, r.relaxed, r.relaxed_value, r.strict_value) == (4, 4, 2, 3, 2, 1), r
    m = r.measures()
    assert abs(m["strict"]["p"] - 0.5) < 1e-9 and abs(m["relaxed"]["r"] - 0.75) < 1e-9
    assert abs(m["value_accuracy"] - 2 / 3) < 1e-9 and abs(m["value"]["f"] - 0.5) < 1e-9
    # calendar subset: "now" leaves the gold; nothing set aside here
    c = score_document(gold, system, "calendar").counts
    assert (c.gold, c.system, c.relaxed, c.relaxed_value) == (3, 4, 3, 2), c
    # a system mention over an out-of-subset gold only is set aside
    c = score_document(gold, system + [t(41, 44, "2009-12-19")], "calendar").counts
    assert c.system == 4, c
    c = score_document(gold, system + [t(41, 44, "2009-12-19")], "all").counts
    assert (c.system, c.relaxed, c.relaxed_value) == (5, 4, 2), c
    # one to one: a system span over two nested gold spans matches one (the exact one)
    nested = [t(0, 20, "1918-SU"), t(14, 18, "1918")]
    p = pair(nested, [t(14, 18, "1918")], strict=False)
    assert p == [(1, 0)], p
    # two system mentions inside one gold: one matches, the other is a false positive
    c = score_document([t(0, 20, "P2Y")], [t(0, 5, None), t(10, 15, None)]).counts
    assert (c.system, c.relaxed, c.relaxed_value) == (2, 1, 0), c
    # empty cases
    assert score_document([], []).counts.measures()["relaxed"]["f"] == 0.0
    # the keyinline reader: nested TIMEX2, attributes, TEXT bounds, DATETIME left out
    sample = ('<DOC>\n<DATETIME> <TIMEX2 val="2009-12-19">2009-12-19</TIMEX2> </DATETIME>\n<TEXT>\n'
              'In <TIMEX2 val="1918-SU">the summer of <TIMEX2 val="1918">1918</TIMEX2></TIMEX2>, '
              '<TIMEX2 comment="x">a time</TIMEX2> <TIMEX2 VAL="1918-09" MOD="START">early September</TIMEX2>.\n'
              '</TEXT>\n</DOC>\n')
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.key.xml"
        path.write_text(sample, encoding="utf-8")
        text, timexes, (a, b) = read_keyinline(path)
        assert text == re.sub(r"<[^>]*>", "", sample)
        shown = [(x.text, x.value, x.in_text) for x in timexes]
        assert shown == [("2009-12-19", "2009-12-19", False), ("the summer of 1918", "1918-SU", True),
                         ("1918", "1918", True), ("a time", None, True),
                         ("early September", "1918-09", True)], shown
        assert text[a:b].startswith("\nIn the summer") and dict(timexes[-1].attrs)["MOD"] == "START"
        sysfile = Path(tmp) / "x.json"
        sysfile.write_text(json.dumps([{"start": 3, "end": 5, "value": None, "extra": 1}]))
        assert read_system(sysfile) == [Timex(3, 5, None)]
        splitfile = Path(tmp) / "split.yaml"
        splitfile.write_text("rule: x\ndev: [a, b]  # two\ntest: [c]\n")
        assert read_split(splitfile) == {"dev": ["a", "b"], "test": ["c"]}
    assert CALENDAR.fullmatch("1939") and CALENDAR.fullmatch("1939-09-01")
    assert not CALENDAR.fullmatch("194") and not CALENDAR.fullmatch("1939-SU") and not CALENDAR.fullmatch("BC0480")
    assert in_subset(t(0, 1, "1939-09"), "month") and not in_subset(t(0, 1, "1939"), "month")
    c = score_document(gold, system, "month").counts   # "1941" leaves; its wrong "1942" is set aside
    assert (c.gold, c.system, c.relaxed, c.relaxed_value) == (2, 3, 2, 2), c
    # on the corpus, if present: gold against itself scores 1.0 everywhere
    if (CORPUS / "keyinline").is_dir():
        total = Counts()
        for doc in documents():
            text, gold = gold_of(doc, CORPUS, False)
            assert all(text[g.start:g.end] == g.text for g in gold)
            total.add(score_document(gold, list(gold)).counts)
        m = total.measures()
        valued = sum(1 for doc in documents() for g in gold_of(doc, CORPUS, False)[1] if g.value)
        assert total.gold == 2659 and m["strict"]["f"] == m["relaxed"]["f"] == 1.0, m
        assert total.relaxed_value == valued == 2591, (total, valued)
        print(f"corpus: {len(documents())} documents, {total.gold} TIMEX2 in TEXT ({valued} with a VAL); "
              "gold against itself: extents 1.0, values right wherever the gold has one")
    print("self-test passed")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--system", type=Path, help="directory of <doc>.json system files")
    parser.add_argument("--part", default="dev", choices=["dev", "test", "all"])
    parser.add_argument("--docs", nargs="*", help="score these documents instead of a part")
    parser.add_argument("--subset", nargs="*", default=["all", "calendar", "month"], choices=sorted(SUBSETS))
    parser.add_argument("--split", type=Path, default=HERE / "split.yaml")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--with-dct", action="store_true", help="also score the DATETIME TIMEX2")
    parser.add_argument("--per-doc", action="store_true")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--allow-test", action="store_true", help="the one final scoring of the test part")
    parser.add_argument("--write-gold", type=Path, metavar="DIR")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args(argv)
    if args.self_test:
        return self_test()
    if args.write_gold:
        return write_gold(args.write_gold, args.corpus, args.with_dct)
    if not args.system:
        parser.error("--system is required")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
