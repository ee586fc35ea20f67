"""bymethod.py [SKIP] < `jfr print --events jdk.ExecutionSample --stack-depth 12`: samples by their first convkit
frame's method (all lines summed), after leaving out the first SKIP of the recording's time (bench/c2t50/callers.py
summed by method, every method listed)."""
import collections
import re
import sys

skip = float(sys.argv[1]) if len(sys.argv) > 1 else 0.5
samples = []
stamp = None
stack = None
for line in sys.stdin:
    m = re.search(r"startTime = (\d+):(\d+):([\d.]+)", line)
    if m:
        stamp = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    if "stackTrace = [" in line:
        stack = []
        continue
    if stack is not None:
        m = re.match(r"\s+(.+?)\s+line: (\d+)", line)
        if m:
            stack.append(m.group(1))
        elif line.strip() == "]":
            if stack:
                own = next((f for f in stack if f.startswith("dev.")), "other")
                samples.append((stamp, own.split("(")[0]))
            stack = None
t0 = min(s[0] for s in samples)
t1 = max(s[0] for s in samples)
late = [s for s in samples if s[0] >= t0 + skip * (t1 - t0)]
count = collections.Counter(s[1] for s in late)
print(f"{len(late)} samples")
for own, n in count.most_common(25):
    print(f"{100 * n / len(late):5.1f} % {n:5d} {own}")
