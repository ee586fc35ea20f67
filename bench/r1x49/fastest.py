"""fastest.py AB_OUTPUT: per shape, the fastest reading of each side over the rounds of bench/r1x49/ab.sh's output
(one thread: the thread CPU time; more threads: the largest one thread's CPU, "max", the critical path) and the ratio."""
import re
import sys

best = {}
for line in open(sys.argv[1]):
    m = re.match(r"round \d+ (before|after)\s+(\d)t (\S+)\s+\S+\s+([\d.]+)(?: \(cpu ([\d.]+), max ([\d.]+)\))?", line)
    if not m:
        continue
    side, shape = m.group(1), m.group(3)
    value = float(m.group(6) or m.group(4))
    key = (shape, side)
    best[key] = min(best.get(key, value), value)
for shape in dict.fromkeys(s for s, _ in best):
    b, a = best[(shape, "before")], best.get((shape, "after"), float("nan"))
    print(f"| {shape} | {b:.3f} | {a:.3f} | {b / a:.2f}x |")
