"""fastest.py FILE: bench/dw51/ab.sh output -> per shape the fastest and median of each side, and best/best ratio."""
import collections, re, statistics, sys
v = collections.defaultdict(lambda: {"before": [], "after": []})
order = []
for l in open(sys.argv[1]):
    m = re.match(r"round \d+ (before|after)\s+\S+ (\S+)\s+\S+\s+([\d.]+)", l)
    if m:
        if m.group(2) not in order: order.append(m.group(2))
        v[m.group(2)][m.group(1)].append(float(m.group(3)))
print("| shape | main (fastest / median) | this branch (fastest / median) | fastest ratio | median ratio | rounds' range main / branch |")
print("|---|---|---|---|---|---|")
for s in order:
    b, a = v[s]["before"], v[s]["after"]
    print(f"| {s} | {min(b):.3f} / {statistics.median(b):.3f} | {min(a):.3f} / {statistics.median(a):.3f} | {min(b)/min(a):.3f}x | {statistics.median(b)/statistics.median(a):.3f}x | {min(b):.2f}-{max(b):.2f} / {min(a):.2f}-{max(a):.2f} |")
