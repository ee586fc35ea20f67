"""fastest.py FILE: the fastest reading per side and shape of bench/dw51/ab.sh's output (the first number: thread CPU at
1t, wall at 2t; "cpu" / "max" too when CPU=1 printed them), each side's readings, and the ratio before / after."""
import re
import sys
from collections import defaultdict

rounds = defaultdict(lambda: defaultdict(list))
order = []
for line in open(sys.argv[1]):
    m = re.match(r"round (\d+) (before|after)\s+(\d+)t (\S+)\s+(\S+)\s+([\d.]+)(.*)", line)
    if not m:
        continue
    _, side, _, shape, _, ms, rest = m.groups()
    keys = {"t": float(ms)}
    for k, v in re.findall(r"(cpu|max)[ =]+([\d.]+)", rest):
        keys[k] = float(v)
    for k, v in keys.items():
        if (shape, k) not in rounds:
            order.append((shape, k))
        rounds[(shape, k)][side].append(v)
for key in order:
    by = rounds[key]
    b, a = min(by["before"]), min(by["after"])
    print(f"{key[0]:17s} {key[1]:3s} before {b:7.3f} after {a:7.3f} {b / a:5.2f}x   "
          f"[{' '.join(f'{x:.3f}' for x in by['before'])}] -> [{' '.join(f'{x:.3f}' for x in by['after'])}]")
