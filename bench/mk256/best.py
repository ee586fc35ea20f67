# mk256: fastest per side and shape from ab.sh output (stdin; ConvCpuTime ONLY lines "Tt shape pass ms[ (cpu C, max M)]"):
# before, after, before/after (> 1: after faster) of the first figure (1t: thread CPU; 2t: wall) and, at 2t, of the
# summed CPU and the largest thread's CPU
import re, sys, collections
best = collections.defaultdict(lambda: collections.defaultdict(dict))
for line in sys.stdin:
    m = re.match(r'round \d+ (before|after)\s+\d+t\s+(\S+)\s+(\w+)\s+([\d.]+)(?: \(cpu ([\d.]+), max ([\d.]+)\))?', line)
    if not m:
        continue
    side, shape, ps, v, cpu, mx = m.groups()
    for name, x in (("ms", v), ("cpu", cpu), ("max", mx)):
        if x is not None:
            d = best[(shape, ps)][name]
            d[side] = min(d.get(side, 1e99), float(x))
for (s, ps), figs in best.items():
    out = f"{s:24s} {ps:8s}"
    for name, d in figs.items():
        if 'before' in d and 'after' in d:
            out += f"  {name} {d['before']:8.3f} -> {d['after']:8.3f} ({d['before']/d['after']:.2f}x)"
    print(out)
