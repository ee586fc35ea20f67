#!/usr/bin/env python3
"""best.py FILE...: the fastest reading per shape and side of bench/dw51/ab.sh (its first figure: thread CPU at 1t, wall
at 2t) or of order.sh (each pass), and after / before as a speed-up."""
import re, sys
for path in sys.argv[1:]:
    best = {}
    for line in open(path):
        m = re.match(r'round \d+ (before|after)\s+(\d)t (\S+)\s+(.*)', line)
        if not m:
            continue
        side, t, shape, rest = m.groups()
        for p, v in re.findall(r'(fwd|scatter|wgrad|bwd)\s+([\d.]+)', rest):
            k = (shape, t, p)
            best.setdefault(k, {}).setdefault(side, []).append(float(v))
    print(f'## {path}')
    for (shape, t, p), d in best.items():
        b, a = min(d.get('before', [float('nan')])), min(d.get('after', [float('nan')]))
        print(f'{shape:28s} {t}t {p:8s} before {b:8.3f} after {a:8.3f}  {b / a:5.2f}x')
