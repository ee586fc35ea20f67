#!/usr/bin/env python3
"""grp61: steady.py [FROM] < `jfr print --events jdk.ExecutionSample --stack-depth 3 OUT.jfr`: boxed-fallback samples
per tenth of the recording (the Vector API's Java fallback before C2), then the samples from FROM (default 0.72) of the
recording's time on, bucketed into the grouped lanes forward's parts (kernel, transpose, band copy, weight pack)."""
import re, sys, collections
frm = float(sys.argv[1]) if len(sys.argv) > 1 else 0.72
cur = None; rows = []; stack = None
for line in sys.stdin:
    m = re.search(r"startTime = (\d+):(\d+):([\d.]+)", line)
    if m:
        cur = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    if 'stackTrace = [' in line:
        stack = []; continue
    if stack is not None:
        if line.strip().startswith(']') or 'truncated' in line:
            rows.append((cur, stack)); stack = None
        else:
            stack.append(re.sub(r'\(.*?\)', '', line.strip()))
rows.sort(key=lambda r: r[0])
t0, t1 = rows[0][0], rows[-1][0]
for b in range(10):
    lo, hi = t0 + (t1 - t0) * b / 10, t0 + (t1 - t0) * (b + 1) / 10
    sel = [s[0] for t, s in rows if lo <= t < hi]
    boxed = sum(1 for r in sel if any(x in r for x in ('tOpTemplate', 'rvOp', 'ldOp', 'lambda$ternary')))
    print('decile', b, 'samples', len(sel), 'boxed', boxed)
sel = [s for t, s in rows if t >= t0 + (t1 - t0) * frm]
print('steady samples', len(sel))
def bucket(s):
    j = ' '.join(s)
    if 'PanamaGroupLanes' in j or ('FloatVector' in s[0] and 'padRows' not in j and 'PanamaTileTranspose' not in j):
        return 'lanes kernel (fma, loads, broadcasts, tile stores)'
    if 'padRows' in j or 'padBandRows' in j:
        return 'band copy (padBandRows)'
    if 'PanamaTileTranspose' in j or 'transposeTile' in j:
        return 'transpose to planes'
    if 'correlateGroupLanes line: 703' in j:
        return 'weight pack'
    return 'other: ' + s[0]
for k, v in collections.Counter(bucket(s) for s in sel).most_common():
    print('%5.1f %% %4d %s' % (100 * v / len(sel), v, k))
