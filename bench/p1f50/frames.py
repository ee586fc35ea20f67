"""frames.py JFR_FILE: execution samples by their innermost convkit frame (the Vector API's inlined frames counted
in the convkit method that calls them), with that frame's caller: where a pass's time goes."""
import collections
import re
import subprocess
import sys

jfr = sys.argv[1]
text = subprocess.run(["/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr", "print", "--events", "jdk.ExecutionSample",
                       "--stack-depth", "24", jfr], capture_output=True, text=True).stdout
counts = collections.Counter()
total = 0
for event in text.split("jdk.ExecutionSample")[1:]:
    frames = re.findall(r"^\s+([\w.$]+)\(", event, re.M)
    ours = [f for f in frames if f.startswith("dev.convkit")]
    total += 1
    if not ours:
        counts["(outside convkit) " + (frames[0] if frames else "?")] += 1
        continue
    key = ours[0].replace("dev.convkit.core.", "")
    if len(ours) > 1:
        key += "  <- " + ours[1].replace("dev.convkit.core.", "")
    counts[key] += 1
for key, n in counts.most_common(25):
    print(f"{n:6d} {100.0 * n / total:5.1f}%  {key}")
print(f"{total:6d} samples")
