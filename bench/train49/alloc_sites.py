#!/usr/bin/env python3
"""alloc_sites.py RUN.json [N]: the heaviest allocation stacks of the second half (by time) of a JFR recording's
jdk.ObjectAllocationSample events (`jfr print --json --events jdk.ObjectAllocationSample X.jfr > RUN.json`), by
sampled weight in MB: in a 300-step epoch that is the steady steps, so boxed vectors there show up here."""
import collections
import json
import sys

events = json.load(open(sys.argv[1]))["recording"]["events"]
times = sorted(e["values"]["startTime"] for e in events)
cut = times[len(times) // 2]
stacks = collections.Counter()
for e in events:
    v = e["values"]
    if v["startTime"] < cut:
        continue
    frames = (v.get("stackTrace") or {}).get("frames") or []
    stacks[" <- ".join(f"{f['method']['type']['name'].split('/')[-1]}.{f['method']['name']}:{f.get('lineNumber')}"
                       f" [{f.get('type')}]" for f in frames[:6])] += v["weight"]
for stack, weight in stacks.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 8):
    print(f"{weight / 2**20:9.0f} MB  {stack}")
