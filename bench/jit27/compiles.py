#!/usr/bin/env python3
"""C2 compiles of a JFR recording, by method: count, on-stack count, bytecode+inlined bytes, time.
Usage: jfr print --json --events jdk.Compilation X.jfr > X.json; compiles.py X.json [top] [filter]"""
import json, sys, re
from collections import defaultdict
ev = json.load(open(sys.argv[1]))['recording']['events']
top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
flt = sys.argv[3] if len(sys.argv) > 3 else ''
def dur(s):
    m = re.match(r'PT(?:(\d+)M)?([\d.]+)S', s); return (int(m.group(1) or 0) * 60 + float(m.group(2))) * 1000
agg = defaultdict(lambda: [0, 0, 0, 0.0, 0])
tot = [0, 0, 0, 0.0]
for e in ev:
    v = e['values']
    if v['compiler'] != 'c2': continue
    name = v['method']['type']['name'].split('/')[-1] + '::' + v['method']['name']
    if flt and flt not in v['method']['type']['name'] + name: continue
    a = agg[name]
    a[0] += 1; a[1] += v['isOsr']; a[2] += v['codeSize']; a[3] += dur(e['values']['duration']); a[4] += v['inlinedBytes']
    tot[0] += 1; tot[1] += v['isOsr']; tot[3] += dur(v['duration']); tot[2] += v['inlinedBytes']
print('C2 total: %d compiles (%d OSR), inlined bytes %d, %.0f ms' % tuple(tot))
for n, a in sorted(agg.items(), key=lambda x: -x[1][3])[:top]:
    print('%7.0f ms %3d (%d osr) inl %6d B  %s' % (a[3], a[0], a[1], a[4], n))
