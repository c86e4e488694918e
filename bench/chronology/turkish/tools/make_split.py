#!/usr/bin/env python3
"""Write split.yaml by the fixed rule stated in it (no system output is read)."""
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RULE = ('Texts sorted by word count (manifest.yaml, descending; ties by id), then each assigned in '
        'turn to the part that has fewer words so far (ties to dev). Fixed on 2026-12-06, before any '
        'system output existed for these texts; the chronology was never run on them.')
man = yaml.safe_load((ROOT / 'manifest.yaml').read_text(encoding='utf-8'))['texts']
parts = {'dev': [], 'test': []}; words = {'dev': 0, 'test': 0}
for tid, v in sorted(man.items(), key=lambda kv: (-kv[1]['words'], kv[0])):
    p = 'dev' if words['dev'] <= words['test'] else 'test'
    parts[p].append(tid); words[p] += v['words']
out = {'rule': RULE, 'use': {'dev': 'development: may be read, scored and tuned on',
                             'test': 'final scoring only: not to be read, scored or tuned on during development'}}
for p in ('dev', 'test'):
    kinds = {'explicit': 0, 'context': 0, 'not-event': 0}
    for t in parts[p]:
        for e in yaml.safe_load((ROOT / 'gold' / f'{t}.gold.yaml').read_text(encoding='utf-8'))['events']:
            kinds[e['kind']] += 1
    out[p] = {'texts': sorted(parts[p]), 'words': words[p], 'events': kinds}
(ROOT / 'split.yaml').write_text(yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=100), encoding='utf-8')
print(yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=100))
