#!/usr/bin/env python3
"""warm_alloc.py RUN.json RUN.txt [N]: where the epoch's warm-up allocates (boxed vectors in the interpreter and C1):
a JFR recording's jdk.ObjectAllocationSample events (`jfr print --json --events jdk.ObjectAllocationSample,jdk.JVMInformation`)
per phase of the epoch (steps 0-1, 1-10, 10-30, 30-100, 100-300, by JVM uptime from TrainingWarmupCpu's lines),
summed by sampled weight over the first dev.convkit frame of each stack, with that frame's compiled kind."""
import collections
import datetime
import json
import re
import sys


def ts(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


events = json.load(open(sys.argv[1]))["recording"]["events"]
start = next(ts(e["values"]["jvmStartTime"]) for e in events if e["type"] == "jdk.JVMInformation")
marks = {int(m.group(1)): int(m.group(2)) / 1e3 for m in
         (re.match(r"after step +(\d+):.*JVM uptime +(\d+) ms", line) for line in open(sys.argv[2])) if m}
marks[0] = 0.0
phases = [(0, 1), (1, 10), (10, 30), (30, 100), (100, 300)]
sums = {p: collections.Counter() for p in phases}
for e in events:
    if e["type"] != "jdk.ObjectAllocationSample":
        continue
    t = ts(e["values"]["startTime"]) - start
    frames = (e["values"].get("stackTrace") or {}).get("frames") or []
    site = next((f"{f['method']['type']['name'].split('/')[-1]}.{f['method']['name']} [{f.get('type')}]"
                 for f in frames if f["method"]["type"]["name"].startswith("dev/convkit")), "(no convkit frame)")
    for a, b in phases:
        if marks[a] <= t < marks[b]:
            sums[(a, b)][site] += e["values"]["weight"]
for p in phases:
    total = sum(sums[p].values())
    print(f"steps {p[0]}-{p[1]}: {total / 2**20:.0f} MB sampled weight")
    for site, w in sums[p].most_common(int(sys.argv[3]) if len(sys.argv) > 3 else 6):
        print(f"  {w / 2**20:8.0f} MB  {site}")
