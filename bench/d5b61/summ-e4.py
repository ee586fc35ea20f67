"""summ-e4.py e4-run.txt: per dense 5×5 shape and round, fastest scatter and wgrad (ms thread CPU), the passes
alternating a call / each in its own loop, and alternating / separate."""
import re, sys, collections
d = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    m = re.match(r'r(\d) (alternating|separate) +(\S+) +fwd +[\d.]+ / +[\d.]+ +scatter +([\d.]+) / +[\d.]+ +wgrad +([\d.]+)', line)
    if m:
        d[m.group(3)][(m.group(1), m.group(2))] = (float(m.group(4)), float(m.group(5)))
print("| shape | input gradient alternating / separate (r1; r2) | ratio | weight gradient alternating / separate (r1; r2) | ratio |")
print("|---|---|---|---|---|")
for s, v in d.items():
    rs = [r for r in '12' if (r, 'alternating') in v and (r, 'separate') in v]
    sc = "; ".join(f"{v[(r, 'alternating')][0]:.3f} / {v[(r, 'separate')][0]:.3f}" for r in rs)
    wg = "; ".join(f"{v[(r, 'alternating')][1]:.3f} / {v[(r, 'separate')][1]:.3f}" for r in rs)
    scr = ", ".join(f"{v[(r, 'alternating')][0] / v[(r, 'separate')][0]:.2f}" for r in rs)
    wgr = ", ".join(f"{v[(r, 'alternating')][1] / v[(r, 'separate')][1]:.2f}" for r in rs)
    print(f"| {s} | {sc} | {scr} | {wg} | {wgr} |")
