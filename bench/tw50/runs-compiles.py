#!/usr/bin/env python3
"""runs-compiles.py X.jfr...: the C2 compiles of PanamaMicroKernel's runs and their callers in JFR recordings
(jit.jfc): uptime-free list of method, on stack or not, code size and C2 thread time."""
import json, re, subprocess, sys
JFR = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr"
def dur(s):
    m = re.match(r'PT(?:(\d+)M)?([\d.]+)S', s); return (int(m.group(1) or 0) * 60 + float(m.group(2))) * 1000
for path in sys.argv[1:]:
    ev = json.loads(subprocess.run([JFR, "print", "--json", "--events", "jdk.Compilation", path],
                                   capture_output=True, text=True).stdout)["recording"]["events"]
    print(f"== {path}")
    for e in ev:
        v = e["values"]
        n = v["method"]["type"]["name"].split("/")[-1] + "::" + v["method"]["name"]
        if "PanamaMicroKernel" in n and v["compiler"] == "c2":
            print(f"  {n:40s} {'on stack' if v['isOsr'] else 'standard':8s} {v['codeSize']:7d} B {dur(v['duration']):8.1f} ms")
