# mk256: fastest per side, shape and pass from ab-passes.sh output (stdin): before -> after (before/after, > 1: after faster)
import re, sys, collections
best = collections.defaultdict(dict)
for line in sys.stdin:
    m = re.match(r'round \d+ (before|after)\s+\d+t\s+(\S+)\s+fwd\s+([\d.]+).*scatter\s+([\d.]+).*wgrad\s+([\d.]+)', line)
    if not m:
        continue
    side, shape = m.group(1), m.group(2)
    for ps, v in zip(("fwd", "scatter", "wgrad"), m.groups()[2:]):
        d = best[(shape, ps)]
        d[side] = min(d.get(side, 1e99), float(v))
for (s, ps), d in best.items():
    if 'before' in d and 'after' in d:
        print(f"{s:24s} {ps:8s} {d['before']:8.3f} -> {d['after']:8.3f}  ({d['before']/d['after']:.2f}x)")
