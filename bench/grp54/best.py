#!/usr/bin/env python3
"""grp54: fastest round per side and shape from ab.sh output: shape, then per side min (range over rounds)."""
import sys, collections
t = collections.defaultdict(lambda: collections.defaultdict(list))
order = []
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) < 7 or f[0] != 'round' or f[3] != ('%st' % f[3][:-1]) or not f[3].endswith('t'):
        continue
    side, shape, ms = f[2], f[4], float(f[6])
    if side not in order:
        order.append(side)
    t[shape][side].append(ms)
for shape, sides in t.items():
    base = min(sides[order[0]]) if order[0] in sides else None
    cells = []
    for s in order:
        if s in sides:
            v = sides[s]
            cells.append('%s %.3f (%.3f-%.3f)%s' % (s, min(v), min(v), max(v),
                         '' if s == order[0] else ' %.2fx' % (base / min(v))))
    print('%-22s %s' % (shape, ' | '.join(cells)))
