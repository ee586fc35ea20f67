#!/usr/bin/env python3
"""grp30: fastest fwd / scatter per side from ab.sh output, with PyTorch's thread CPU (torch_thread_cpu.py) beside."""
import re, sys
best = {}
side = None
for line in open(sys.argv[1]):
    m = re.match(r"== (\w+) round", line)
    if m:
        side = m.group(1); continue
    m = re.match(r"\d+t (\S+)\s+fwd\s+([\d.]+)\S*\s+scatter\s+([\d.]+)", line)
    if m:
        k = (m.group(1), side)
        f, s = float(m.group(2)), float(m.group(3))
        o = best.get(k, (9e9, 9e9)); best[k] = (min(o[0], f), min(o[1], s))
torch = {}
if len(sys.argv) > 2:
    for line in open(sys.argv[2]):
        p = line.split()
        if len(p) > 4: torch[p[0]] = (float(p[2]), float(p[4]))
print("| shape | fwd before / after (ratio) | input grad before / after (ratio) | torch fwd / gin | vs torch fwd / gin after |")
print("|---|---|---|---|---|")
for name in dict.fromkeys(k[0] for k in best):
    b, a = best.get((name, "before")), best.get((name, "after"))
    if not b or not a: continue
    t = torch.get(name)
    ts = f"{t[0]:.3f} / {t[1]:.3f}" if t else "-"
    vs = f"{t[0]/a[0]:.2f}x / {t[1]/a[1]:.2f}x" if t else "-"
    print(f"| {name} | {b[0]:.3f} / {a[0]:.3f} ({b[0]/a[0]:.2f}x) | {b[1]:.3f} / {a[1]:.3f} ({b[1]/a[1]:.2f}x) | {ts} | {vs} |")
