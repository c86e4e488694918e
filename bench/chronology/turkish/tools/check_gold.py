#!/usr/bin/env python3
"""Check gold files: format, dates, kinds, and that every `sentence_at: [start, end]`
(character offsets into the text's body, after its YAML header) is inside its text. Prints counts per kind and text."""
import datetime
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ISO = re.compile(r'^\d{4}(-\d{2}(-\d{2})?)?$')
def norm(s): return ' '.join(s.split())
def okdate(d):
    parts = d.split('/')
    if len(parts) > 2 or not all(ISO.match(p) for p in parts): return False
    for p in parts:
        f = p.split('-')
        try:
            if len(f) == 3: datetime.date(int(f[0]), int(f[1]), int(f[2]))
            if len(f) == 2: assert 1 <= int(f[1]) <= 12
        except Exception: return False
    return len(parts) == 1 or parts[0] < parts[1]
tot = {}; bad = 0
for g in sorted((ROOT / 'gold').glob('*.gold.yaml')):
    tid = g.name[:-10]
    text = (ROOT / 'texts' / f'{tid}.md').read_text(encoding='utf-8').split('\n---\n', 1)[1]
    nt = norm(text)
    data = yaml.safe_load(g.read_text(encoding='utf-8'))
    assert data['lang'] == 'tr'
    c = {}
    for e in data['events']:
        d = str(e['date'])
        for key in ('date', 'kind', 'event', 'sentence_at', 'entry'):
            if key not in e: print(tid, 'missing', key, e); bad += 1
        if not okdate(d): print(tid, 'bad date', d); bad += 1
        if e['kind'] not in ('explicit', 'context', 'not-event'): print(tid, 'bad kind', e); bad += 1
        a, b = e['sentence_at']
        if not 0 <= a < b <= len(text): print(tid, 'sentence_at outside the text:', e['sentence_at']); bad += 1
        ent = e.get('entry', '')
        if not ent or ent[0].islower() or not ent[0].isalnum() or not ent.endswith('.'): print(tid, 'entry form:', ent); bad += 1
        c[e['kind']] = c.get(e['kind'], 0) + 1
    print(f"{tid:18} " + '  '.join(f'{k} {c.get(k,0)}' for k in ('explicit', 'context', 'not-event')))
    for k, v in c.items(): tot[k] = tot.get(k, 0) + v
print('TOTAL', tot, 'problems:', bad)
sys.exit(1 if bad else 0)
