#!/usr/bin/env python3
"""k5s29: a JFR recording's allocation samples in time order from the first one in PASS_METHOD (default: the phase-split
weight gradient), with their first two convkit frames: which methods still allocate while the pass is measured.
usage: jfr print --json --events jdk.ObjectAllocationSample --stack-depth 12 X.jfr | jfr_window.py [PASS_METHOD]"""
import json, sys, datetime
key = sys.argv[1] if len(sys.argv) > 1 else "weightGradientTapRows"
d = json.load(sys.stdin)
rows = []
for e in d["recording"]["events"]:
    v = e["values"]
    fr = [f["method"]["type"]["name"].split("/")[-1] + "." + f["method"]["name"] + ":" + str(f.get("lineNumber"))
          for f in (v.get("stackTrace") or {}).get("frames", [])]
    ck = [f for f in fr if "Panama" in f or "PhaseSplit" in f]
    t = datetime.datetime.fromisoformat(v["startTime"].replace("Z", "")[:26])
    cls = v["objectClass"]["name"].split("/")[-1] if v.get("objectClass") else "?"
    rows.append((t, cls, " < ".join(ck[:2]), v.get("weight", 0), " ".join(fr)))
rows.sort()
first = next(r[0] for r in rows if key in r[4])
for t, cls, st, w, _ in rows:
    if t >= first:
        print("%6.2f s %7.1f MB  %-16s %s" % ((t - first).total_seconds(), w / 1e6, cls[:16], st))
