"""fastest.py AB_OUTPUT...: per shape and pass, each side's fastest reading over the rounds of dw51/ab.sh or
abprop.sh output (one thread: thread CPU; more threads: the busiest thread's CPU, "max"), the ratio first/second
side, and each side's range over the rounds."""
import re
import sys

vals = {}
order = []
for path in sys.argv[1:]:
    for line in open(path):
        m = re.match(r"round \d+ (before|after|off|on)\s+(\d)t (\S+)\s+(\S+)\s+([\d.]+)(?: \(cpu ([\d.]+), max ([\d.]+)\))?", line)
        if not m:
            continue
        side, shape, pas = m.group(1), m.group(3), m.group(4)
        value = float(m.group(7) or m.group(5))
        key = (shape, pas)
        if key not in vals:
            vals[key] = {}
            order.append(key)
        vals[key].setdefault(side, []).append(value)
for key in order:
    sides = list(vals[key])
    if len(sides) < 2:
        continue
    a, b = vals[key][sides[0]], vals[key][sides[1]]
    print(f"| {key[0]} | {key[1]} | {min(a):.3f} ({min(a):.3f}-{max(a):.3f}) | {min(b):.3f} ({min(b):.3f}-{max(b):.3f}) "
          f"| {min(a) / min(b):.2f}x |")
