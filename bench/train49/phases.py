#!/usr/bin/env python3
"""phases.py RUN.txt RUN.jit: one epoch-phases.sh run (TrainingWarmupCpu with -XX:+PrintCompilation and -XX:+CITime) by phase.

Prints the thread CPU of the stepping threads (every thread but the JIT's and the GC's) to steps 1/10/30/100/300,
the steady step (steps 100-300), the first 100 steps' excess over 100 steady ones, the C2 compiles (PrintCompilation
level 4, standard and on stack) and C2 code made not entrant in each phase of the epoch by JVM uptime, the last
C2 compiles, and the CITime totals.
"""
import re
import sys

STEP = re.compile(r"^after step +(\d+): wall +([\d.]+) ms, process CPU +(\d+) ms, JVM uptime +(\d+) ms, "
                  r"allocated +(\d+) MB, thread CPU ms \{(.*)\}")
COMPILE = re.compile(r"^\s*(\d+)\s+(\d+)\s([ %sbn!]{5})\s*([0-4])\s+(\S+)(?: @ (\d+))?\s+\((\d+) bytes\)(.*)$")


def stepping(threads):
    """CPU ms of the threads that run the step (not the JIT's, the GC's or the JVM's own)."""
    skip = ("C1 CompilerThread", "C2 CompilerThread", "GC Thread", "VM ", "G1 ", "Signal", "Reference", "Finalizer",
            "Common-Cleaner", "Notification", "Service", "Monitor", "Attach")
    return sum(ms for name, ms in threads.items() if not name.startswith(skip))


def main(path, jit):
    steps = {}
    compiles = []
    totals = []
    for line in open(path, errors="replace").readlines() + open(jit, errors="replace").readlines():
        m = STEP.match(line)
        if m:
            threads = {}
            for part in m.group(6).split(", "):
                name, _, ms = part.rpartition("=")
                threads[name] = int(ms)
            steps[int(m.group(1))] = dict(wall=float(m.group(2)), process=int(m.group(3)), uptime=int(m.group(4)),
                                          alloc=int(m.group(5)), threads=threads, stepping=stepping(threads))
            continue
        m = COMPILE.match(line)
        if m:
            compiles.append(dict(t=int(m.group(1)), osr="%" in m.group(3), level=int(m.group(4)), method=m.group(5),
                                 bytes=int(m.group(7)), dropped="made not entrant" in m.group(8) or "made zombie" in m.group(8)))
            continue
        if re.match(r"^\s*(C[12] \{|Total compilation time|  On stack replacement|  Standard compilation)", line):
            totals.append(line.rstrip())
    if 1 not in steps or 300 not in steps:
        sys.exit(f"{path}: no step lines (did the run finish?)")
    start = steps[1]["uptime"] - steps[1]["wall"]  # JVM uptime at the epoch's first step, ms
    marks = sorted(steps)
    print("step  wall s  process CPU s  stepping threads CPU s  heap MB (all threads, cumulative)")
    for s in marks:
        d = steps[s]
        print(f"{s:4d}  {d['wall'] / 1e3:6.2f}  {d['process'] / 1e3:13.2f}  {d['stepping'] / 1e3:22.2f}  {d['alloc']:7d}")
    steady = (steps[300]["stepping"] - steps[100]["stepping"]) / 200
    steady_wall = (steps[300]["wall"] - steps[100]["wall"]) / 200
    print(f"steady step (100-300): {steady:.2f} ms stepping-thread CPU, {steady_wall:.2f} ms wall;"
          f" steps 1-100 cost {steps[100]['stepping'] / 1e3:.2f} s = 100 steady steps + "
          f"{(steps[100]['stepping'] - 100 * steady) / 1e3:.2f} s; the epoch's 300 steps "
          f"{steps[300]['stepping'] / 1e3:.2f} s of which warm-up excess {(steps[300]['stepping'] - 300 * steady) / 1e3:.2f} s;"
          f" wall {steps[300]['wall'] / 1e3:.2f} s = {19200 / (steps[300]['wall'] / 1e3):.0f} images/s"
          f" (steady {64000 / steady_wall:.0f} images/s by wall, {64000 / steady:.0f} by CPU);"
          f" heap {(steps[300]['alloc'] - steps[100]['alloc']) / 200:.1f} MB a steady step")
    bounds = [("before the epoch", -1e18, start)]
    previous = start
    for s in marks:
        bounds.append((f"steps to {s}", previous, start + steps[s]["wall"]))
        previous = start + steps[s]["wall"]
    bounds.append(("after step 300", previous, 1e18))
    print("phase              C2 compiles (on stack)  bytecode B  C2 made not entrant  C1 compiles")
    for name, lo, hi in bounds:
        inside = [c for c in compiles if lo <= c["t"] < hi]
        c2 = [c for c in inside if c["level"] == 4 and not c["dropped"]]
        print(f"{name:18s} {len(c2):5d} ({sum(c['osr'] for c in c2):3d})            {sum(c['bytes'] for c in c2):8d}"
              f"  {sum(1 for c in inside if c['level'] == 4 and c['dropped']):5d}"
              f"                {sum(1 for c in inside if c['level'] in (1, 2, 3) and not c['dropped']):5d}")
    late = [c for c in compiles if c["level"] == 4 and not c["dropped"] and c["t"] >= start + steps[30]["wall"]]
    print(f"C2 compiles after step 30 ({len(late)}), first 25 by time (ms after the epoch's start):")
    for c in late[:25]:
        print(f"  {c['t'] - start:8.0f}  {'%' if c['osr'] else ' '} {c['method']} ({c['bytes']} B)")
    for line in totals:
        print(line)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
