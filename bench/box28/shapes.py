#!/usr/bin/env python3
"""box28: the conv shapes of bench/suite.json, bench/focus-44.json and /work/shared/bench/suite.json (when present)
as id:N:Cin:HW:Cout:K:pad:stride:groups, one per line, in the bench's order, deduplicated by id."""
import json, os, sys
seen = {}
for f in ["bench/suite.json", "bench/focus-44.json", "/work/shared/bench/suite.json"]:
    if not os.path.exists(f):
        continue
    for c in json.load(open(f))["conv2d"]:
        if c["H"] != c["W"]:
            print("skip non-square", c["id"], file=sys.stderr); continue
        seen.setdefault(c["id"], "%s:%d:%d:%d:%d:%d:%d:%d:%d" % (c["id"], c["N"], c["Cin"], c["H"], c["Cout"], c["K"],
                                                                c["padding"], c["stride"], c["groups"]))
print("\n".join(seen.values()))
