"""table.py AB_ALL_OUTPUT: per shape and pass, each side's fastest over the rounds of ab-all.sh (one thread: thread CPU;
more: the busiest thread's, "max"), its range, and before / after."""
import re
import sys

vals, order = {}, []
for line in open(sys.argv[1]):
    m = re.match(r"round \d+ (before|after)\s+(\d)t (\S+)\s+(.*)", line)
    if not m:
        continue
    side, shape, rest = m.group(1), m.group(3), m.group(4)
    for p, v, mx in re.findall(r"(fwd|scatter|wgrad)\s+([\d.]+)(?: \(cpu [\d.]+, max ([\d.]+)\))?", rest):
        key = (shape, p)
        if key not in vals:
            vals[key] = {}
            order.append(key)
        vals[key].setdefault(side, []).append(float(mx or v))
for key in order:
    a, b = vals[key].get("before", [0]), vals[key].get("after", [0])
    print(f"| {key[0]} | {key[1]} | {min(a):.3f} ({min(a):.3f}-{max(a):.3f}) | {min(b):.3f} ({min(b):.3f}-{max(b):.3f}) "
          f"| {min(a) / min(b):.2f}x |")
