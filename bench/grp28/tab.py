#!/usr/bin/env python3
"""grp28: fastest per side of bench/grp27/ab.sh outputs. Usage: tab.py AB_FILE..."""
import re, sys, collections
for path in sys.argv[1:]:
    d = collections.defaultdict(lambda: collections.defaultdict(list))
    side = None
    for l in open(path):
        m = re.match(r'== round \d+ (\w+)', l)
        if m:
            side = m.group(1); continue
        f = l.split()
        if len(f) > 3 and f[0].endswith('t') and f[0][:-1].isdigit():
            d[f[1]][side].append(float(f[3]))
    print(path)
    for k, v in d.items():
        b, a = min(v['before']), min(v['after'])
        print(f"| {k} | {' / '.join('%.3f' % x for x in v['before'])} -> {' / '.join('%.3f' % x for x in v['after'])} | {b:.3f} -> {a:.3f} ({b / a:.2f}x) |")
