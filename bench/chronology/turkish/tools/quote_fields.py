#!/usr/bin/env python3
"""Quote the `event:` and `entry:` values of gold files that are not already one
complete YAML quoted scalar (so that colons and quotes inside them are safe)."""
import re
import sys

import yaml


def quoted(val):
    if len(val) < 2 or val[0] not in "'\"" or val[-1] != val[0]:
        return False
    try:
        return isinstance(yaml.safe_load('x: ' + val)['x'], str)
    except Exception:
        return False
for p in sys.argv[1:]:
    s = open(p, encoding='utf-8').read()
    def q(m):
        key, val = m.group(1), m.group(2)
        if quoted(val): return m.group(0)
        return f"{key}'{val.replace(chr(39), chr(39) * 2)}'"
    s = re.sub(r"^(    (?:event|entry): )(.*)$", q, s, flags=re.M)
    open(p, 'w', encoding='utf-8').write(s)
