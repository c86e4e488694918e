#!/usr/bin/env python3
"""List sentences that hold a date-like expression but carry no gold item, so that a
second reading can confirm each omission (not a scorer)."""
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
M = r"(?:Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık|Teşrini\w+|Kânun\w+)"
PAT = re.compile(r"\b1[5-9]\d\d\b|\b20[0-2]\d\b|" + M + r"|\bertesi\b|\baynı (?:yıl|gün|ay)|\b(?:gün|yıl|ay|hafta)\w* (?:sonra|önce|evvel)|\bbugün|\byarın|\bdün\b|\bgece\w*|\bo (?:gün|tarih|sırada)\w*|\bbu (?:tarih|sırada|yıl)\w*", re.I)
def norm(s): return ' '.join(s.split())
for g in sorted((ROOT / 'gold').glob('*.gold.yaml')):
    tid = g.name[:-10]
    body = (ROOT / 'texts' / f'{tid}.md').read_text(encoding='utf-8').split('\n---\n', 1)[1]
    covered = [norm(body[slice(*e['sentence_at'])]) for e in yaml.safe_load(g.read_text(encoding='utf-8'))['events']]
    text = norm(body)
    sents = re.split(r'(?<=[.!?:])\s+(?=["“(]?[A-ZÇĞİÖŞÜ0-9])', text)
    for s in sents:
        if PAT.search(s) and not any(s in c or c in s for c in covered):
            print(f"{tid}: {s[:230]}")
