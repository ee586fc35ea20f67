"""Samples of `jfr print --events jdk.ExecutionSample --stack-depth 12` by their first convkit frame, over the last
fraction SKIP of the recording (argv[2], default 0.5); SLOW marks a top frame of the Vector API's Java fallback."""
import re, sys, collections
txt = open(sys.argv[1]).read()
skip = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
evs = txt.split('jdk.ExecutionSample')[1:]
c = collections.Counter(); tot = 0
for e in evs[int(len(evs) * skip):]:
    fr = re.findall(r'^\s+([\w.$]+)\(', e, re.M)
    if not fr:
        continue
    tot += 1
    first = next((f for f in fr if f.startswith('dev.convkit')), '?')
    slow = any(x in fr[0] for x in ('tOpTemplate', 'rvOp', 'broadcastBits', 'vectorFactory', 'getPayload', 'ldOp',
                                    'bOpTemplate', 'defaultCast', 'toDoubleArray'))
    c[(first, 'SLOW' if slow else '')] += 1
print(tot, 'samples')
for k, v in c.most_common(22):
    print(f"{100 * v / tot:5.1f}% {v:4d} {k[1]:4s} {k[0]}")
