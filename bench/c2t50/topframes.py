"""topframes.py [SKIP] < `jfr print --events jdk.ExecutionSample`: sample counts by top frame (method and line) and by
top method, largest first (profile.sh); SKIP (default 0.5): the fraction of the recording's time left out at its start
(the warm-up: interpreter and C1 frames, boxed vectors before C2)."""
import collections
import re
import sys

skip = float(sys.argv[1]) if len(sys.argv) > 1 else 0.5
samples = []
stamp = None
top = None
for line in sys.stdin:
    m = re.search(r"startTime = (\d+):(\d+):([\d.]+)", line)
    if m:
        stamp = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    if "stackTrace = [" in line:
        top = "pending"
        continue
    if top == "pending":
        m = re.match(r"\s+(.+?)\s+line: (\d+)", line)
        if m:
            samples.append((stamp, m.group(1), m.group(2)))
        top = None
by_method = collections.Counter()
by_line = collections.Counter()
if samples:
    t0 = min(s[0] for s in samples)
    t1 = max(s[0] for s in samples)
    for t, method, line in samples:
        if t >= t0 + skip * (t1 - t0):
            by_method[method] += 1
            by_line[method + ":" + line] += 1
total = sum(by_method.values()) or 1
print(f"{total} samples")
for name, n in by_method.most_common(25):
    print(f"{100 * n / total:5.1f} % {n:6d} {name}")
print("-- by line")
for name, n in by_line.most_common(25):
    print(f"{100 * n / total:5.1f} % {n:6d} {name}")
