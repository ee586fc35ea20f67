"""jfrtop.py FILE.jfr [FILTER]: of jdk.ExecutionSample stacks that contain FILTER (default WinogradConv), the top
frames (self, by method and by line) and the methods anywhere in the stack (total), from `jfr print --json`;
sm59's profiles of the small-plane 3x3 passes."""
import json, subprocess, sys, collections
jfr = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr"
want = sys.argv[2] if len(sys.argv) > 2 else "WinogradConv"
out = subprocess.run([jfr, "print", "--json", "--events", "jdk.ExecutionSample", sys.argv[1]], capture_output=True, text=True).stdout
events = json.loads(out)["recording"]["events"]
self_c, total_c, pair_c, owner_c = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
n = 0
for e in events:
    frames = e["values"]["stackTrace"]["frames"]
    meth = [f["method"]["type"]["name"].split("/")[-1] + "." + f["method"]["name"] for f in frames]
    if not any(want in m for m in meth):
        continue
    n += 1
    names = [m + ":" + str(f.get("lineNumber")) for m, f in zip(meth, frames)]
    self_c[meth[0]] += 1
    pair_c[names[0]] += 1
    # the first convkit frame (not jdk.incubator.vector's internals): who the time is spent for
    owner = next((nm for nm, f in zip(names, frames) if "convkit" in f["method"]["type"]["name"]), names[0])
    owner_c[owner] += 1
    for m in set(meth):
        total_c[m] += 1
print("samples", n, "of", len(events))
print("-- first convkit frame (by line)")
for m, c in owner_c.most_common(40):
    print(f"{100*c/n:5.1f}% {m}")
print("-- self")
for m, c in self_c.most_common(20):
    print(f"{100*c/n:5.1f}% {m}")
print("-- total")
for m, c in total_c.most_common(40):
    print(f"{100*c/n:5.1f}% {m}")
