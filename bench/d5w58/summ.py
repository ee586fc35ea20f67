"""summ.py FILE [FILE...]: per shape and side of bench/d5b57/abn.sh output, the 1t ms (or 2t summed cpu / busiest
thread) min and median over rounds, and each side's ratio side0 / sideN (> 1: sideN faster) on the minima and medians."""
import re, sys, statistics as st
from collections import defaultdict
d = defaultdict(lambda: defaultdict(list))
for f in sys.argv[1:]:
    for line in open(f):
        m = re.match(r'round \d+ side(\d+) (\d)t (\S+)\s+(\S+)\s+([\d.]+)(?: \(cpu ([\d.]+), max ([\d.]+)\))?', line)
        if not m:
            continue
        side, t, shape, pas, ms, cpu, mx = m.groups()
        v = float(cpu) if cpu else float(ms)
        d[(shape, pas, t)][int(side)].append((v, float(mx) if mx else None))
for key, sides in d.items():
    out = []
    base = sides.get(0)
    for s in sorted(sides):
        vals = [v for v, _ in sides[s]]
        mins, med = min(vals), st.median(vals)
        txt = f"side{s} min {mins:.3f} med {med:.3f} (n{len(vals)})"
        if base and s:
            b = [v for v, _ in base]
            txt += f" ratio min {min(b)/mins:.2f}x med {st.median(b)/med:.2f}x"
        mx = [x for _, x in sides[s] if x is not None]
        if mx:
            txt += f" busiest min {min(mx):.3f}"
        out.append(txt)
    print(f"{key[0]:18} {key[1]:7} {key[2]}t | " + " | ".join(out))
