#!/usr/bin/env python3
"""analyze.py X.json [steps.txt]: a training run's JIT from jfr.sh's recording. C2 compiles grouped as convkit /
JDK Vector API / other (count, on-stack, C2 thread time), convkit's methods compiled more than once or on stack,
every deoptimization of convkit code (reason, action, line), and with warm.sh's output the C2 work before step 1,
before step 30 and after (by JVM uptime)."""
import json, re, sys
from collections import defaultdict
ev = json.load(open(sys.argv[1]))['recording']['events']
def dur(s):
    m = re.match(r'PT(?:(\d+)M)?([\d.]+)S', s); return (int(m.group(1) or 0) * 60 + float(m.group(2))) * 1000
def ts(s):  # ISO time -> seconds of the day
    h, m, x = s[11:].rstrip('Z').split(':')[:3]; return int(h) * 3600 + int(m) * 60 + float(re.sub(r'[+-].*', '', x))
start = None
for e in ev:
    if e['type'] == 'jdk.JVMInformation':
        start = ts(e['values']['jvmStartTime'])
marks = []
if len(sys.argv) > 2:
    for line in open(sys.argv[2]):
        m = re.match(r'after step\s+(\d+):.*JVM uptime\s+(\d+) ms', line)
        if m: marks.append((int(m.group(1)), int(m.group(2)) / 1000))
def name(v): return v['method']['type']['name'].replace('/', '.') + '::' + v['method']['name']
def group(n):
    return 'convkit' if n.startswith('dev.convkit') else 'vector' if n.startswith('jdk.incubator.vector') or 'jdk.internal.vm.vector' in n else 'other'
tot = defaultdict(lambda: [0, 0, 0.0]); per = defaultdict(lambda: [0, 0, 0.0, 0]); phase = defaultdict(float)
for e in ev:
    if e['type'] != 'jdk.Compilation': continue
    v = e['values']
    if v['compiler'] != 'c2': continue
    n = name(v); g = group(n); d = dur(v['duration'])
    t = tot[g]; t[0] += 1; t[1] += v['isOsr']; t[2] += d
    p = per[n]; p[0] += 1; p[1] += v['isOsr']; p[2] += d; p[3] += v['codeSize']
    if start is not None and marks:
        up = ts(v['startTime']) - start
        label = next((f'<= step {s}' for s, u in marks if up <= u), 'after')
        phase[(label, g)] += d
for g, t in sorted(tot.items()):
    print(f'C2 {g:8s} {t[0]:5d} compiles ({t[1]} on stack) {t[2]:8.0f} ms')
for k, d in sorted(phase.items()):
    print(f'  {k[0]:12s} {k[1]:8s} {d:8.0f} ms')
print('convkit methods compiled by C2 more than once or on stack (count, osr, ms, code bytes):')
for n, p in sorted(per.items(), key=lambda x: -x[1][2]):
    if group(n) == 'convkit' and (p[0] > 1 or p[1]):
        print(f'  {p[0]:2d} {p[1]:2d} {p[2]:7.0f} ms {p[3]:7d} B  {n}')
print('top 15 convkit C2 methods by time:')
for n, p in sorted(((n, p) for n, p in per.items() if group(n) == 'convkit'), key=lambda x: -x[1][2])[:15]:
    print(f'  {p[0]:2d} {p[1]:2d} {p[2]:7.0f} ms {p[3]:7d} B  {n}')
print('deoptimizations of convkit code:')
dd = defaultdict(int)
for e in ev:
    if e['type'] != 'jdk.Deoptimization': continue
    v = e['values']; n = name(v)
    if group(n) == 'convkit':
        dd[(n, v.get('reason'), v.get('action'), v.get('lineNumber'), v.get('instruction'), v.get('compiler'))] += 1
for k, c in sorted(dd.items(), key=lambda x: x[0][0]):
    print(f'  {c:3d} {k[0]} {k[1]} {k[2]} line {k[3]} {k[4]} {k[5]}')
if start is not None and marks:
    print('convkit methods whose first standard C2 compile came after step 1 (uptime s, step mark; count, osr before):')
    first = {}
    osr_before = defaultdict(int)
    for e in sorted((e for e in ev if e['type'] == 'jdk.Compilation'), key=lambda e: e['values']['startTime']):
        v = e['values']; n = name(v)
        if v['compiler'] != 'c2' or group(n) != 'convkit': continue
        if v['isOsr']:
            if n not in first: osr_before[n] += 1
            continue
        if n not in first: first[n] = ts(v['startTime']) - start
    s1 = marks[0][1]
    for n, up in sorted(first.items(), key=lambda x: x[1]):
        if up > s1:
            label = next((f'<= step {s}' for s, u in marks if up <= u), 'after')
            print(f'  {up:6.2f} s {label:12s} osr-before {osr_before[n]}  {n}')
    print('marks:', marks)
