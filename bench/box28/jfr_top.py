#!/usr/bin/env python3
"""box28: the allocation sites of a JFR recording (jdk.ObjectAllocationSample), by weight: object class and the
first convkit frames of the stack. usage: jfr print --json --events jdk.ObjectAllocationSample --stack-depth 12 X.jfr | jfr_top.py [N]"""
import json, sys, collections
d = json.load(sys.stdin)
w = collections.Counter()
for e in d["recording"]["events"]:
    v = e["values"]
    cls = v["objectClass"]["name"] if v.get("objectClass") else "?"
    frames = [(f["method"]["type"]["name"], f["method"]["name"] + ":" + str(f.get("lineNumber")))
              for f in (v.get("stackTrace") or {}).get("frames", [])]
    ck = [t.split("/")[-1] + "." + m for t, m in frames if not t.startswith(("jdk/", "java/"))][:3]
    w[(cls, " < ".join(ck))] += v.get("weight", 0)
tot = sum(w.values())
for (cls, st), x in w.most_common(int(sys.argv[1]) if len(sys.argv) > 1 else 25):
    print("%6.1f%% %10.1f MB  %-28s %s" % (100 * x / tot, x / 1e6, cls, st))
