#!/usr/bin/env python3
"""grp55: fastest round per side and shape from ab.sh output (bench/grp54/best.py plus, at 2 threads, the fastest summed
CPU and busiest-thread CPU of CPU=1): shape, then per side min (range over rounds) and speed against the first side."""
import re, sys, collections
t = collections.defaultdict(lambda: collections.defaultdict(lambda: {'ms': [], 'cpu': [], 'max': []}))
order = []
for line in open(sys.argv[1]):
    m = re.match(r'round (\d+) (\S+) (\d+)t (\S+)\s+\S+\s+([\d.]+)(?: \(cpu ([\d.]+), max ([\d.]+)\))?', line)
    if not m:
        continue
    side, shape = m.group(2), m.group(4)
    if side not in order:
        order.append(side)
    d = t[shape][side]
    d['ms'].append(float(m.group(5)))
    if m.group(6):
        d['cpu'].append(float(m.group(6)))
        d['max'].append(float(m.group(7)))
for shape, sides in t.items():
    cells = []
    for key in ('ms', 'cpu', 'max'):
        if not any(sides[s][key] for s in sides):
            continue
        base = min(sides[order[0]][key]) if sides[order[0]][key] else None
        row = []
        for s in order:
            v = sides[s][key] if s in sides else []
            if v:
                row.append('%s %.3f (%.3f-%.3f)%s' % (s, min(v), min(v), max(v),
                           '' if s == order[0] or base is None else ' %.2fx' % (base / min(v))))
        cells.append(key + ': ' + ' | '.join(row))
    print('%-22s %s' % (shape, ' || '.join(cells)))
