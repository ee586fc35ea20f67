#!/usr/bin/python3
"""s2f58: fastest.py FILE [SIDE_A SIDE_B]: per shape, each side's readings (xover.sh: win / phase; ab.sh: before /
after), the fastest of each, and A / B (the speed-up of B); at 2t with CPU=1 the busiest thread ("max") and the summed
CPU ("cpu") too."""
import re, sys
path = sys.argv[1]
a, b = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else (None, None)
rows = {}
order = []
for line in open(path):
    m = re.match(r"round (\d+) (\S+)\s+(\d)t (\S+)\s+\S+\s+([\d.]+)(?: \(cpu ([\d.]+), max ([\d.]+)\))?", line)
    if not m:
        continue
    side, shape = m.group(2), m.group(4)
    vals = [float(m.group(5))] + ([float(m.group(6)), float(m.group(7))] if m.group(6) else [])
    if shape not in order:
        order.append(shape)
    rows.setdefault(shape, {}).setdefault(side, []).append(vals)
for shape in order:
    sides = rows[shape]
    names = list(sides) if a is None else [a, b]
    out = [f"{shape:18s}"]
    best = {}
    for s in names:
        r = sides.get(s, [])
        if not r:
            continue
        best[s] = [min(v[i] for v in r) for i in range(len(r[0]))]
        out.append(f"{s} " + ",".join(f"{v[0]:.3f}" for v in r) + f" best {best[s][0]:.3f}"
                   + (f" (cpu {best[s][1]:.3f} max {best[s][2]:.3f})" if len(best[s]) > 1 else ""))
    if len(best) == 2:
        x, y = (best[n] for n in names)
        out.append(f"ratio {x[0] / y[0]:.2f}x" + (f" (cpu {x[1] / y[1]:.2f}x max {x[2] / y[2]:.2f}x)" if len(x) > 1 else ""))
    print("  ".join(out))
