"""fastest.py FILE [BASE]: the fastest reading per jar and shape of bench/sbw57/ab3.sh's output (1t: thread CPU; at 2t
the summed CPU "cpu" and the busiest thread "max" when CPU=1 printed them), each jar's ratio BASE / jar (BASE: jar0)."""
import re
import sys
from collections import defaultdict

base = sys.argv[2] if len(sys.argv) > 2 else "jar0"
best = defaultdict(dict)
rounds = defaultdict(lambda: defaultdict(list))
for line in open(sys.argv[1]):
    m = re.match(r"round (\d+) (jar\d+) (\d+)t (\S+)\s+(\S+)\s+([\d.]+)(.*)", line)
    if not m:
        continue
    _, jar, _, shape, _, ms, rest = m.groups()
    keys = {"t": float(ms)}
    for k, v in re.findall(r"(cpu|max)[ =]+([\d.]+)", rest):
        keys[k] = float(v)
    for k, v in keys.items():
        rounds[(shape, k)][jar].append(v)
for (shape, k), by in rounds.items():
    b = min(by[base])
    cells = []
    for jar in sorted(by):
        f = min(by[jar])
        cells.append(f"{jar} {f:.3f} ({b / f:.2f}x) [{' '.join(f'{x:.3f}' for x in by[jar])}]")
    print(f"{shape:12s} {k:3s} " + " | ".join(cells))
