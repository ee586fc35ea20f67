#!/usr/bin/env python3
"""g32-30: fastest per side of bench/grp27/ab.sh output files: best.py FILE... -> shape pass before -> after ratio."""
import re, sys, collections
best = collections.defaultdict(dict)
for fn in sys.argv[1:]:
    side = None
    for l in open(fn):
        m = re.match(r'== round \d+ (\w+)', l)
        if m:
            side = m.group(1)
            continue
        f = l.split()
        if len(f) > 3 and f[2] in ('fwd', 'scatter', 'wgrad') and side:
            k = (f[1], f[2])
            best[k][side] = min(best[k].get(side, 9e9), float(f[3]))
for (s, p), d in best.items():
    if 'before' in d and 'after' in d:
        print(f"{s:24s} {p:7s} {d['before']:.3f} -> {d['after']:.3f}  {d['before'] / d['after']:.2f}x")
