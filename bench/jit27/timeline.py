#!/usr/bin/env python3
"""C2 compiles of the methods whose names contain any of the arguments, in time order: duration, OSR,
nmethod size, inlined bytes. Usage: timeline.py X.json name..."""
import json, re, sys
ev = json.load(open(sys.argv[1]))['recording']['events']
def dur(s):
    m = re.match(r'PT(?:(\d+)M)?([\d.]+)S', s); return (int(m.group(1) or 0) * 60 + float(m.group(2))) * 1000
for e in sorted(ev, key=lambda e: e['values']['startTime']):
    v = e['values']
    n = v['method']['type']['name'].split('/')[-1] + '::' + v['method']['name']
    if v['compiler'] == 'c2' and any(k in n for k in sys.argv[2:]):
        print(v['startTime'][11:23], '%6.0f ms' % dur(v['duration']), 'osr' if v['isOsr'] else '   ',
              '%7d B' % v['codeSize'], '%6d inl' % v['inlinedBytes'], n)
