#!/usr/bin/env python3
"""grp50: where a JFR recording's execution samples land, by the first convkit frame (or the top frame), in the
first third and the last third of the run (the steady state). Usage:
    jfr print --stack-depth 12 --events jdk.ExecutionSample REC.jfr > S.txt; python3 jfr_top.py S.txt"""
import re, sys, collections
evs = open(sys.argv[1]).read().split('jdk.ExecutionSample')[1:]
for part, sl in (("first third", evs[:len(evs) // 3]), ("last third", evs[2 * len(evs) // 3:])):
    c = collections.Counter()
    for e in sl:
        m = re.search(r'stackTrace = \[(.*?)\n\s*\]', e, re.S)
        if not m:
            continue
        fr = [l.strip() for l in m.group(1).strip().split('\n') if l.strip() and '...' not in l]
        name = lambda f: f.split('(')[0]
        conv = [f for f in fr if 'convkit' in f]
        k = name(conv[0]) if conv else name(fr[0])
        if conv and 'convkit' not in fr[0]:
            k += ' (in ' + name(fr[0]).split('.')[-1] + ')'
        c[k] += 1
    n = sum(c.values())
    print(f"{part}: {n} samples")
    for k, v in c.most_common(12):
        print(f"  {v / n * 100:5.1f}% {k}")
