#!/usr/bin/python3
"""summ.py AB.txt: per shape and side of a bench/d5b57/abn.sh output, the fastest and median ms over the rounds
(the first number after the pass name), and each side's ratio side0 / sideN (> 1: sideN faster)."""
import re, statistics, sys
v = {}
order = []
for line in open(sys.argv[1]):
    m = re.match(r"round (\d+) side(\d+) \S+ (\S+)\s+\S+\s+([\d.]+)", line)
    if m:
        side, shape, ms = int(m.group(2)), m.group(3), float(m.group(4))
        if shape not in order:
            order.append(shape)
        v.setdefault(shape, {}).setdefault(side, []).append(ms)
for shape in order:
    sides = v[shape]
    base = sides[0]
    cells = []
    for s in sorted(sides):
        x = sides[s]
        cell = f"side{s} {min(x):.3f} / {statistics.median(x):.3f}"
        if s:
            cell += f" ({min(base) / min(x):.2f}x / {statistics.median(base) / statistics.median(x):.2f}x)"
        cells.append(cell)
    print(f"{shape:18s} " + " | ".join(cells))
