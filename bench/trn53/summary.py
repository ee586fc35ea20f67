#!/usr/bin/env python3
"""summary.py RUN...: one line per phases.sh run (RUN = path without .txt/.jit): stepping-thread CPU to steps 1/10/300,
steady step (100-300), warm-up excess, heap allocated to steps 1/10/30 and a steady step, and the convkit methods whose
C2 code was made not entrant by an uncommon trap (with the JVM uptime, ms, and the step it fell in). Without RUN.jit it
reads RUN.convkit-jit.txt.gz (the convkit lines of the compile log kept under bench/trn53/raw)."""
import gzip
import os
import re
import subprocess
import sys
import tempfile

for run in sys.argv[1:]:
    jit = run + ".jit"
    if not os.path.exists(jit):
        jit = tempfile.NamedTemporaryFile("w", suffix=".jit", delete=False).name
        with gzip.open(run + ".convkit-jit.txt.gz", "rt") as z, open(jit, "w") as f:
            f.write(z.read())
    out = subprocess.run(["python3", os.path.join(os.path.dirname(os.path.abspath(__file__)), "../train49/phases.py"),
                          run + ".txt", jit], capture_output=True, text=True).stdout
    rows = {int(l.split()[0]): l.split() for l in out.splitlines() if re.match(r"^\s*\d+\s+[\d.]+\s", l)}
    steady = re.search(r"steady step \(100-300\): ([\d.]+) ms", out).group(1)
    excess = re.search(r"warm-up excess ([\d.]+) s", out).group(1)
    heap = re.search(r"heap ([\d.]+) MB a steady step", out).group(1)
    uptime = {int(m.group(1)): int(m.group(2)) for m in
              (re.match(r"after step +(\d+):.*JVM uptime +(\d+) ms", l) for l in open(run + ".txt")) if m}
    traps = []
    for l in open(jit, errors="replace"):
        m = re.match(r"^\s*(\d+)\s+\d+\s.{5}\s*4\s+dev\.convkit\.\S+\.(\w+::\w+).*uncommon trap", l)
        if m:
            t = int(m.group(1))
            step = next((s for s in sorted(uptime) if t <= uptime[s]), 300)
            traps.append(f"{m.group(2)}@{t}(<=step {step})")
    print(f"{run.split('/')[-1]:16s} CPU s: step1 {rows[1][3]} step10 {rows[10][3]} step300 {rows[300][3]}; steady {steady} ms;"
          f" excess {excess} s; heap MB to 1/10/30: {rows[1][4]}/{rows[10][4]}/{rows[30][4]}, steady {heap}; traps: {' '.join(traps)}")
