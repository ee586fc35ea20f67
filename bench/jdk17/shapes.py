#!/usr/bin/env python3
"""jdk17: the conv shapes of bench/suite.json, bench/focus-43.json and cnn2's training step (batch 64) as
ConvCpuTime arguments id:N:Cin:HW:Cout:K:pad:stride:groups, one per line, deduplicated by id."""
import json, sys
seen = {}
for f in ["bench/suite.json", "bench/focus-43.json"]:
    for c in json.load(open(f))["conv2d"]:
        if c["H"] != c["W"]:
            print("skip non-square", c["id"], file=sys.stderr); continue
        seen.setdefault(c["id"], "%s:%d:%d:%d:%d:%d:%d:%d:%d" % (c["id"], c["N"], c["Cin"], c["H"], c["Cout"], c["K"],
                                                                c["padding"], c["stride"], c["groups"]))
seen["cnn2-c1"] = "cnn2-c1:64:1:28:32:3:1:1:1"
seen["cnn2-c2"] = "cnn2-c2:64:32:14:64:3:1:1:1"
print("\n".join(seen.values()))
