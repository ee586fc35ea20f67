#!/usr/bin/env python3
"""dwb26: fastest per side and pass over the rounds of an ab.sh log (lines '1t ID fwd X scatter Y wgrad Z ...')."""
import re, sys
best = {}
side = None
for line in open(sys.argv[1]):
    m = re.match(r'round \d+ (before|after)', line)
    if m:
        side = m.group(1)
        continue
    f = line.split()
    if not f or not re.match(r'\dt', f[0]):
        continue
    for i in range(2, len(f) - 1):
        if f[i] in ('fwd', 'scatter', 'wgrad', 'bwd'):
            try:
                v = float(f[i + 1])
            except ValueError:
                continue
            k = (f[1], f[i], side)
            best[k] = min(best.get(k, 1e9), v)
ids = list(dict.fromkeys(k[0] for k in best))
for i in ids:
    row = [i]
    for p in ('fwd', 'scatter', 'wgrad', 'bwd'):
        b, a = best.get((i, p, 'before')), best.get((i, p, 'after'))
        if b and a:
            row.append(f'{p} {b:.3f} -> {a:.3f} ({b / a:.2f}x)')
    print(' | '.join(row))
