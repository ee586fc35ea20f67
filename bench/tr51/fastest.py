#!/usr/bin/env python3
"""fastest.py FILE: the fastest reading per side (before / after) of each layer's forward and backward, wall and
thread CPU, and of the whole step, over the rounds of a train.sh output."""
import re, sys
best = {}
for line in open(sys.argv[1]):
    m = re.match(r"round \d+ (before|after)\s+(\d) (\S+)\s+([\d.]+)\s+([\d.]+)\s+\S+\s+([\d.]+)\s+([\d.]+)", line)
    if m:
        side, idx, name = m.group(1), m.group(2), m.group(3)
        vals = [float(v) for v in m.group(4, 5, 6, 7)]
        key = (idx + " " + name, side)
        best[key] = [min(a, b) for a, b in zip(best.get(key, vals), vals)]
        continue
    m = re.match(r"round \d+ (before|after)\s+(whole step|thread CPU per step): ([\d.]+)", line)
    if m:
        key = (m.group(2), m.group(1))
        best[key] = [min(best.get(key, [1e9])[0], float(m.group(3)))]
print("| layer | fwd wall ms before -> after | bwd wall | fwd CPU | bwd CPU |")
print("|---|---|---|---|---|")
for layer in sorted({k[0] for k in best}):
    b, a = best.get((layer, "before")), best.get((layer, "after"))
    if b is None or a is None:
        continue
    print("| " + layer + " | " + " | ".join("%.3f -> %.3f" % (x, y) for x, y in zip(b, a)) + " |")
