#!/usr/bin/env python3
"""grp29: fastest per side of bench/grp27/ab.sh output. Usage: tab.py FILE"""
import re, sys
best = {}
side = None
order = []
for line in open(sys.argv[1]):
    m = re.match(r"== round \d+ (before|after)", line)
    if m:
        side = m.group(1); continue
    m = re.match(r"\S+ (\S+)\s+(fwd|scatter|wgrad)\s+([\d.]+)", line)
    if m and side:
        k = (m.group(1), m.group(2))
        if k not in order: order.append(k)
        best.setdefault(k, {}).setdefault(side, []).append(float(m.group(3)))
for k in order:
    b = min(best[k].get("before", [float("nan")])); a = min(best[k].get("after", [float("nan")]))
    print(f"| {k[0]} | {k[1]} | {b:.3f} -> {a:.3f} ({b / a:.2f}x) |")
