"""summ-e3.py e3-run.txt: per dense 5×5 shape, fastest scatter + fastest wgrad (ms thread CPU) alone / after the grouped prefix, each round."""
import re, sys, collections
d = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    m = re.match(r'r(\d) (alone|grouped) +(\S+) +fwd +([\d.]+) / +([\d.]+) +scatter +([\d.]+) / +([\d.]+) +wgrad +([\d.]+) / +([\d.]+)', line)
    if m and '-g' not in m.group(3):
        d[m.group(3)][(m.group(1), m.group(2))] = (float(m.group(6)), float(m.group(8)), float(m.group(7)), float(m.group(9)))
print("| shape | r1 alone / grouped (scatter + wgrad fastest) | r2 alone / grouped | grouped / alone, r1, r2 |")
print("|---|---|---|---|")
for s, v in d.items():
    a1, g1, a2, g2 = (v[(r, k)][0] + v[(r, k)][1] for r in '12' for k in ('alone', 'grouped'))
    print(f"| {s} | {a1:.3f} / {g1:.3f} | {a2:.3f} / {g2:.3f} | {g1 / a1:.2f}, {g2 / a2:.2f} |")
