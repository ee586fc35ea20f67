"""fastest.py < ab.sh output: per shape, the fastest time of each side and after/before ratio (before/after = speedup)."""
import sys, re, collections
best = collections.defaultdict(dict)
for line in sys.stdin:
    m = re.match(r"round \d+ (before|after)\s+(\d+)t (\S+)\s+\S+\s+([\d.]+)(?: \(cpu ([\d.]+), max ([\d.]+)\))?", line)
    if not m: continue
    side, t, shape, ms = m.group(1), m.group(2), m.group(3), float(m.group(4))
    key = "max" if m.group(6) else None
    v = (ms, float(m.group(6)) if m.group(6) else None)
    old = best[shape].get(side)
    best[shape][side] = v if old is None else (min(old[0], v[0]), min(old[1], v[1]) if v[1] is not None else None)
for shape, d in best.items():
    if "before" in d and "after" in d:
        b, a = d["before"], d["after"]
        extra = f"   max-thread {b[1]:.3f} -> {a[1]:.3f} ({b[1]/a[1]:.2f}x)" if b[1] else ""
        print(f"{shape:22s} {b[0]:8.3f} -> {a[0]:8.3f}  {b[0]/a[0]:.2f}x{extra}")
